/* Task birth and exit events for namespace watchers (see task_events.h). */
#include "handle.h"
#include "ipc.h"
#include "kerrno.h"
#include "lib/string.h"
#include "mk/abi.h"
#include "mm/kalloc.h"
#include "task.h"
#include "task_events.h"
#include "thread.h"
#include "timer.h"

/* XXX: SMP needs a lock for the watchers (with the big kernel lock). */
static struct {
	struct endpoint *ep;	/* holds a reference; NULL: no watcher */
	uint64_t bits;		/* notification bits for its events */
} watchers[MK_NS_KINDS];

/* The live watcher of kind, or NULL; a dead one is let go here. */
static struct endpoint *watcher(unsigned kind)
{
	struct endpoint *ep = watchers[kind].ep;

	if (ep && ep->dead) {
		watchers[kind].ep = NULL;
		object_put(MK_OBJ_ENDPOINT, ep);
		return NULL;
	}
	return ep;
}

static struct task_event *record_alloc(void)
{
	struct task_event *te = kalloc(sizeof(*te));

	if (te) {
		memset(te, 0, sizeof(*te));
		te->ev.kind = EP_EVENT_TASK;
		list_init(&te->ev.link);
	}
	return te;
}

int task_events_alloc(struct task *t)
{
	for (unsigned k = 0; k < MK_NS_KINDS; k++) {
		t->events.born[k] = record_alloc();
		t->events.gone[k] = record_alloc();
		if (!t->events.born[k] || !t->events.gone[k]) {
			task_events_free(t);
			return -ENOMEM;
		}
	}
	return 0;
}

static void record_release(struct task_event *te)
{
	if (!te)
		return;
	if (te->ep)
		te->orphan = true; /* the queue frees it when it is done */
	else
		kfree(te);
}

void task_events_free(struct task *t)
{
	for (unsigned k = 0; k < MK_NS_KINDS; k++) {
		record_release(t->events.born[k]);
		record_release(t->events.gone[k]);
		t->events.born[k] = t->events.gone[k] = NULL;
	}
}

static void record_queue(struct task_event *te, struct task *t,
	struct endpoint *ep, unsigned kind, uint32_t reason)
{
	te->ep = ep;
	te->reason = reason;
	te->task_id = t->id;
	te->label = t->ns[kind];
	te->time_ns = clock_ns();
	ep_event_queue(ep, &te->ev, watchers[kind].bits);
}

void task_events_new(struct task *t)
{
	for (unsigned k = 0; k < MK_NS_KINDS; k++) {
		struct endpoint *ep = watcher(k);

		if (ep)
			record_queue(t->events.born[k], t, ep, k,
				MK_EVENT_TASK_NEW);
	}
}

void task_events_exit(struct task *t)
{
	for (unsigned k = 0; k < MK_NS_KINDS; k++) {
		struct endpoint *ep = watcher(k);
		struct task_event *born = t->events.born[k];

		if (!ep)
			continue;
		if (born->ep == ep)
			ep_event_done(ep, &born->ev); /* never seen: cancel */
		else
			record_queue(t->events.gone[k], t, ep, k,
				MK_EVENT_TASK_EXIT);
	}
}

void task_event_done(struct task_event *te)
{
	te->ep = NULL;
	if (te->orphan)
		kfree(te);
}

void task_event_describe(const struct task_event *te, struct mk_event *out)
{
	out->tag = te->label;
	out->task_id = te->task_id;
	out->time_ns = te->time_ns;
	out->reason = te->reason;
}

long sys_ns_watch(int nsctl, uint64_t kind, int ep_h, uint64_t bits)
{
	struct task *self = current()->task, *t;
	struct endpoint *ep;
	struct handle *e;
	uint64_t id = 0;
	int err;

	if (!handle_lookup(self, nsctl, MK_OBJ_NSCTL, MK_RIGHT_NS, &err))
		return err;
	if (kind >= MK_NS_KINDS)
		return -EINVAL;
	e = handle_lookup(self, ep_h, MK_OBJ_ENDPOINT, MK_RIGHT_RECEIVE, &err);
	if (!e)
		return err;
	if (watcher(kind))
		return -EBUSY;
	ep = e->obj;
	ep->refs++;
	watchers[kind].ep = ep;
	watchers[kind].bits = bits;

	/* Everyone alive now is born for the watcher, in id order. */
	while ((t = task_next_after(id)) != NULL) {
		id = t->id;
		if (t->state != MK_TASK_EXITED)
			record_queue(t->events.born[kind], t, ep,
				(unsigned)kind, MK_EVENT_TASK_NEW);
	}
	return 0;
}
