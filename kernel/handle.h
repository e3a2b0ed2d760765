/*
 * Handles: per-task tables of references to kernel objects, each with
 * rights (MK_RIGHT_*) and, for endpoints, a badge the receiver sees.
 * A handle is an index into the table; the lowest free one is used.
 */
#ifndef KERNEL_HANDLE_H
#define KERNEL_HANDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kerrno.h"
#include "mk/abi.h"

#define HANDLE_CHUNK 32		/* entries per allocated chunk */
#define HANDLE_CHUNKS 32	/* chunk pointers in the table itself */
#define HANDLE_LIMIT_DEFAULT (HANDLE_CHUNK * HANDLE_CHUNKS) /* 1024 */
#define HANDLE_DIR_CHUNKS 512	/* in a directory page, once raised */
#define HANDLE_MAX (HANDLE_CHUNK * HANDLE_DIR_CHUNKS) /* 16384, any task */

_Static_assert(HANDLE_LIMIT_DEFAULT == MK_HANDLE_LIMIT_DEFAULT &&
	HANDLE_MAX == MK_HANDLE_MAX, "handle limits: kernel and ABI agree");

struct task;

struct handle {
	void *obj;		/* NULL: free slot */
	uint64_t badge;		/* endpoints: badge; replies: call sequence */
	uint16_t type;		/* MK_OBJ_* */
	uint16_t pad;
	uint32_t rights;
	uint64_t pad2;		/* to 32 bytes: an entry's place is a shift */
};

_Static_assert(sizeof(struct handle) == 32, "struct handle: 32 bytes");

/*
 * A task's table: handles 0 .. limit - 1, in chunks allocated when first
 * used. The chunk pointers are in the table itself up to the default
 * limit; a task whose limit is raised above it gets a directory page.
 */
struct handle_table {
	struct handle **chunk;	/* chunks: chunk0, or the directory page */
	unsigned limit;		/* handles this task may hold */
	unsigned used;
	unsigned lowest_free;	/* every slot below it is in use */
	struct handle *chunk0[HANDLE_CHUNKS];
};

/* An empty table with the default limit. */
void handle_table_init(struct handle_table *ht);

/*
 * Raise the table's limit to `limit` (at most HANDLE_MAX): 0, -EINVAL
 * below the current limit or above HANDLE_MAX, -ENOMEM.
 */
int handle_table_set_limit(struct handle_table *ht, unsigned limit);

/* A fresh id for a new endpoint or memory object. */
uint64_t object_new_id(void);

/* Take a reference to obj of `type` (every handle holds one). */
void object_get(uint16_t type, void *obj);

/* Drop a reference; the last one destroys the object. */
void object_put(uint16_t type, void *obj);

/*
 * Store a new handle in t's table; it takes over the caller's reference to
 * obj. Returns the handle, or -EMFILE / -ENOMEM (the reference is then
 * dropped).
 */
int handle_insert(struct task *t, uint16_t type, void *obj, uint32_t rights,
	uint64_t badge);

/* handle_insert, but at slot h, which must be free: h or a negative errno. */
int handle_insert_at(struct task *t, int h, uint16_t type, void *obj,
	uint32_t rights, uint64_t badge);

/*
 * Any entry of table ht: NULL if h is not a handle in it. Inline, as
 * handle_lookup: every system call on a handle starts here.
 */
static inline struct handle *handle_table_get(struct handle_table *ht, int h)
{
	struct handle *c;

	if (h < 0 || (unsigned)h >= ht->limit)
		return NULL;
	c = ht->chunk[h / HANDLE_CHUNK];
	if (!c || !c[h % HANDLE_CHUNK].obj)
		return NULL;
	return &c[h % HANDLE_CHUNK];
}

/*
 * The entry of table ht for handle h of `type` with all of `rights`, *err
 * 0; or NULL and *err set to -EBADF (no such handle, or another type) or
 * -EPERM (rights missing). *err is set on success too: inlined into a
 * caller that returns it when e->obj is NULL, gcc cannot tell that this
 * never happens and warns.
 */
static inline struct handle *handle_table_lookup(struct handle_table *ht,
	int h, uint16_t type, uint32_t rights, int *err)
{
	struct handle *e = handle_table_get(ht, h);

	if (!e || e->type != type) {
		*err = -EBADF;
		return NULL;
	}
	if ((e->rights & rights) != rights) {
		*err = -EPERM;
		return NULL;
	}
	*err = 0;
	return e;
}

/*
 * Whether handle_insert into ht takes the slot at lowest_free: no search,
 * no allocation, no failure.
 */
static inline bool handle_insert_at_hand(const struct handle_table *ht)
{
	unsigned h = ht->lowest_free;
	const struct handle *c = h < ht->limit ?
		ht->chunk[h / HANDLE_CHUNK] : NULL;

	return c && !c[h % HANDLE_CHUNK].obj;
}

/*
 * handle_insert for the fast paths of message passing: the slot at
 * lowest_free, which must be at hand (handle_insert_at_hand), for any
 * handle but an endpoint's with RECEIVE (which is counted on the
 * endpoint). Takes over the caller's reference to obj; returns the handle.
 */
static inline int handle_insert_quick(struct handle_table *ht, uint16_t type,
	void *obj, uint32_t rights, uint64_t badge)
{
	unsigned h = ht->lowest_free;
	struct handle *e = &ht->chunk[h / HANDLE_CHUNK][h % HANDLE_CHUNK];

	e->obj = obj;
	e->type = type;
	e->rights = rights;
	e->badge = badge;
	ht->used++;
	ht->lowest_free = h + 1;
	return (int)h;
}

/*
 * handle_detach for the fast paths: entry e of handle h in ht, which is
 * not an endpoint's with RECEIVE. Its reference is the caller's now.
 */
static inline void handle_detach_quick(struct handle_table *ht,
	struct handle *e, int h)
{
	e->obj = NULL;
	ht->used--;
	if ((unsigned)h < ht->lowest_free)
		ht->lowest_free = (unsigned)h;
}

/* handle_table_lookup in t's table (task.h has struct task). */
#define handle_lookup(t, h, type, rights, err) \
	handle_table_lookup(&(t)->handles, h, type, rights, err)

/* handle_table_get in t's table. */
#define handle_get(t, h) handle_table_get(&(t)->handles, h)

/* Remove handle h from t without dropping its reference (moved away). */
void handle_detach(struct task *t, int h);

/* Close handle h: 0 or -EBADF. */
int handle_close(struct task *t, int h);

/* Close every handle of t (task teardown). */
void handle_table_destroy(struct task *t);

#endif
