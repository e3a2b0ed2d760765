/* Task birth and exit events for namespace watchers (see task_events.h). */
#include "handle.h"
#include "ipc.h"
#include "kerrno.h"
#include "mk/abi.h"
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

static void event_queue(struct task_event *ev, struct task *t,
	struct endpoint *ep, unsigned kind, uint32_t reason)
{
	ev->task = t;
	ev->ep = ep;
	ev->label = t->ns[kind];
	ev->time_ns = clock_ns();
	ev->reason = reason;
	task_get(t);
	list_push_back(&ep->task_events, &ev->link);
	ep->event_count++;
	endpoint_notify(ep, watchers[kind].bits);
}

/* Take ev off its queue and drop its task reference (which may free it). */
static void event_unqueue(struct task_event *ev)
{
	struct task *t = ev->task;

	list_remove(&ev->link);
	ev->ep->event_count--;
	ev->ep = NULL;
	task_put(t);
}

void task_events_new(struct task *t)
{
	for (unsigned k = 0; k < MK_NS_KINDS; k++) {
		struct endpoint *ep = watcher(k);

		if (ep)
			event_queue(&t->ev_new[k], t, ep, k,
				MK_EVENT_TASK_NEW);
	}
}

void task_events_exit(struct task *t)
{
	for (unsigned k = 0; k < MK_NS_KINDS; k++) {
		struct endpoint *ep = watcher(k);

		if (!ep)
			continue;
		/* t holds its own reference here: the unqueue cannot free it. */
		if (t->ev_new[k].ep == ep)
			event_unqueue(&t->ev_new[k]);
		else
			event_queue(&t->ev_exit[k], t, ep, k,
				MK_EVENT_TASK_EXIT);
	}
}

bool task_events_head(const struct endpoint *ep, struct mk_event *out)
{
	const struct task_event *ev;

	if (list_empty(&ep->task_events))
		return false;
	ev = list_entry(ep->task_events.next, struct task_event, link);
	out->tag = ev->label;
	out->task_id = ev->task->id;
	out->time_ns = ev->time_ns;
	out->reason = ev->reason;
	out->pad = 0;
	return true;
}

void task_events_pop(struct endpoint *ep)
{
	if (!list_empty(&ep->task_events))
		event_unqueue(list_entry(ep->task_events.next,
			struct task_event, link));
}

void task_events_drop(struct endpoint *ep)
{
	while (!list_empty(&ep->task_events))
		task_events_pop(ep);
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
			event_queue(&t->ev_new[kind], t, ep, (unsigned)kind,
				MK_EVENT_TASK_NEW);
	}
	return 0;
}
