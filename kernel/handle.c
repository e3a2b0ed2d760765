/* Handle tables and object references (see handle.h). */
#include "handle.h"
#include "ipc.h"
#include "kerrno.h"
#include "mm/frame.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "panic.h"
#include "task.h"
#include "thread.h"
#include "token.h"
#include "vm.h"

_Static_assert(HANDLE_CHUNK * sizeof(struct handle) <= KALLOC_MAX,
	"a chunk of handles is one kalloc object");

static uint64_t next_object_id = 1;

uint64_t object_new_id(void)
{
	return next_object_id++;
}

void object_get(uint16_t type, void *obj)
{
	switch (type) {
	case MK_OBJ_TASK:
		task_get(obj);
		break;
	case MK_OBJ_ENDPOINT:
		((struct endpoint *)obj)->refs++;
		break;
	case MK_OBJ_MEM:
		((struct mem_object *)obj)->refs++;
		break;
	case MK_OBJ_REPLY:
		((struct thread *)obj)->refs++;
		break;
	case MK_OBJ_NSCTL:
		break; /* a static object */
	case MK_OBJ_TOKEN:
		((struct token *)obj)->refs++;
		break;
	default:
		panic("object_get: bad type %u", type);
	}
}

void object_put(uint16_t type, void *obj)
{
	switch (type) {
	case MK_OBJ_TASK:
		task_put(obj);
		break;
	case MK_OBJ_ENDPOINT:
		if (--((struct endpoint *)obj)->refs == 0)
			endpoint_free(obj);
		break;
	case MK_OBJ_MEM:
		if (--((struct mem_object *)obj)->refs == 0)
			mem_object_free(obj);
		break;
	case MK_OBJ_REPLY:
		thread_put(obj);
		break;
	case MK_OBJ_NSCTL:
		break;
	case MK_OBJ_TOKEN:
		token_put(obj);
		break;
	default:
		panic("object_put: bad type %u", type);
	}
}

/* The slot for h, allocating its chunk: NULL when out of memory. */
static struct handle *handle_slot(struct handle_table *ht, int h)
{
	struct handle **c = &ht->chunk[h / HANDLE_CHUNK];

	if (!*c)
		*c = kalloc(HANDLE_CHUNK * sizeof(struct handle));
	return *c ? &(*c)[h % HANDLE_CHUNK] : NULL;
}

static void handle_fill(struct task *t, struct handle *e, uint16_t type,
	void *obj, uint32_t rights, uint64_t badge)
{
	e->obj = obj;
	e->type = type;
	e->rights = rights;
	e->badge = badge;
	t->handles.used++;
	if (type == MK_OBJ_ENDPOINT && (rights & MK_RIGHT_RECEIVE))
		endpoint_receive_handle_added(obj);
}

int handle_insert_at(struct task *t, int h, uint16_t type, void *obj,
	uint32_t rights, uint64_t badge)
{
	struct handle *e;

	if (h < 0 || (unsigned)h >= t->handles.limit || handle_get(t, h)) {
		object_put(type, obj);
		return -EBADF;
	}
	e = handle_slot(&t->handles, h);
	if (!e) {
		object_put(type, obj);
		return -ENOMEM;
	}
	handle_fill(t, e, type, obj, rights, badge);
	return h;
}

/* handle_insert when the lowest free slot is not at hand: the search. */
__attribute__((noinline)) static int handle_insert_search(struct task *t,
	uint16_t type, void *obj, uint32_t rights, uint64_t badge)
{
	int h, limit = (int)t->handles.limit;

	if (t->handles.used >= t->handles.limit) {
		object_put(type, obj);
		return -EMFILE;
	}
	for (h = (int)t->handles.lowest_free; h < limit; h++) {
		struct handle *e = handle_slot(&t->handles, h);

		if (!e) {
			object_put(type, obj);
			return -ENOMEM;
		}
		if (!e->obj) {
			handle_fill(t, e, type, obj, rights, badge);
			t->handles.lowest_free = (unsigned)h + 1;
			return h;
		}
	}
	object_put(type, obj);
	return -EMFILE;
}

int handle_insert(struct task *t, uint16_t type, void *obj, uint32_t rights,
	uint64_t badge)
{
	struct handle_table *ht = &t->handles;
	unsigned h = ht->lowest_free;
	struct handle *c;

	/* Mostly the slot at lowest_free is free itself, its chunk there. */
	c = h < ht->limit ? ht->chunk[h / HANDLE_CHUNK] : NULL;
	if (!c || c[h % HANDLE_CHUNK].obj)
		return handle_insert_search(t, type, obj, rights, badge);
	handle_fill(t, &c[h % HANDLE_CHUNK], type, obj, rights, badge);
	ht->lowest_free = h + 1;
	return (int)h;
}

void handle_detach(struct task *t, int h)
{
	struct handle *e = handle_get(t, h);

	if (!e)
		panic("handle_detach: no handle %d", h);
	if (e->type == MK_OBJ_ENDPOINT && (e->rights & MK_RIGHT_RECEIVE))
		endpoint_receive_handle_closed(e->obj, t, h);
	e->obj = NULL;
	t->handles.used--;
	if ((unsigned)h < t->handles.lowest_free)
		t->handles.lowest_free = (unsigned)h;
}

int handle_close(struct task *t, int h)
{
	struct handle *e = handle_get(t, h);
	struct handle copy;

	if (!e)
		return -EBADF;
	copy = *e;
	handle_detach(t, h);
	/* An unanswered reply handle: its caller must not wait forever. */
	if (copy.type == MK_OBJ_REPLY)
		ipc_reply_abandon(copy.obj, copy.badge);
	object_put(copy.type, copy.obj);
	return 0;
}

void handle_table_init(struct handle_table *ht)
{
	ht->chunk = ht->chunk0;
	ht->limit = HANDLE_LIMIT_DEFAULT;
	ht->used = 0;
	ht->lowest_free = 0;
	for (int c = 0; c < HANDLE_CHUNKS; c++)
		ht->chunk0[c] = NULL;
}

int handle_table_set_limit(struct handle_table *ht, unsigned limit)
{
	struct handle **dir;
	paddr_t pa;

	_Static_assert(HANDLE_DIR_CHUNKS * sizeof(*dir) == PAGE_SIZE,
		"the directory is one page");
	if (limit < ht->limit || limit > HANDLE_MAX)
		return -EINVAL;
	if (limit > HANDLE_LIMIT_DEFAULT && ht->chunk == ht->chunk0) {
		pa = frame_alloc(); /* zeroed */
		if (pa == FRAME_NONE)
			return -ENOMEM;
		dir = pa_to_kva(pa);
		for (int c = 0; c < HANDLE_CHUNKS; c++)
			dir[c] = ht->chunk0[c];
		ht->chunk = dir;
	}
	ht->limit = limit;
	return 0;
}

void handle_table_destroy(struct task *t)
{
	struct handle_table *ht = &t->handles;
	unsigned h, c, chunks = ht->limit / HANDLE_CHUNK;

	for (h = 0; h < ht->limit; h++) {
		if (ht->chunk[h / HANDLE_CHUNK])
			handle_close(t, (int)h);
	}
	for (c = 0; c < chunks; c++)
		kfree(ht->chunk[c]);
	if (ht->chunk != ht->chunk0)
		frame_free(kva_to_pa(ht->chunk));
	handle_table_init(ht); /* it may be destroyed once more, empty */
}
