/*
 * Synchronous message passing (see ipc.h and docs/architecture.md):
 * endpoints, calls, notifications and events here; receiving in
 * ipc_receive.c, replies in ipc_reply.c.
 *
 * A caller copies its message into its own thread (ipc.msg) and blocks; a
 * receiver takes callers in arrival order. The receiver always does the
 * copying into its own address space, and the replier into the caller's
 * kernel copy; only out-of-line bytes cross address spaces, through the
 * other side's page table. A blocked thread holds a reference to the
 * endpoint it waits on.
 */
#include "handle.h"
#include "ipc.h"
#include "ipc_msg.h"
#include "kerrno.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "task.h"
#include "event.h"
#include "thread.h"
#include "uaccess.h"
#include "vm.h"

struct endpoint *endpoint_create(void)
{
	struct endpoint *ep = kalloc(sizeof(*ep));

	if (!ep)
		return NULL;
	ep->refs = 1;
	ep->id = object_new_id();
	list_init(&ep->senders);
	list_init(&ep->receivers);
	list_init(&ep->events);
	return ep;
}

static void endpoint_drop_events(struct endpoint *ep)
{
	while (!list_empty(&ep->events))
		ep_event_done(ep, list_entry(ep->events.next, struct ep_event,
					  link));
}

void endpoint_free(struct endpoint *ep)
{
	endpoint_drop_events(ep);
	kfree(ep);
}


void endpoint_receive_handle_added(struct endpoint *ep)
{
	ep->receive_handles++;
}

/* Wake every thread on `queue` with `result`. */
static void wake_all(struct list *queue, long result)
{
	struct list *n;

	while ((n = queue->next) != queue)
		thread_wake(list_entry(n, struct thread, run_link), result);
}

void endpoint_receive_handle_closed(struct endpoint *ep, struct task *t, int h)
{
	struct list *pos, *tmp;

	/* Receivers waiting through the closed handle: -EBADF. */
	list_for_each_safe(pos, tmp, &ep->receivers) {
		struct thread *r = list_entry(pos, struct thread, run_link);

		if (r->task == t && r->ipc.handle == h)
			thread_wake(r, -EBADF);
	}
	if (--ep->receive_handles == 0) {
		/* Nobody can answer any more: callers learn it now. */
		ep->dead = true;
		wake_all(&ep->senders, -EPIPE);
		wake_all(&ep->receivers, -EBADF);
		endpoint_drop_events(ep);
	}
}

void endpoint_notify(struct endpoint *ep, uint64_t bits)
{
	ep->pending |= bits;
	if (!list_empty(&ep->receivers))
		thread_wake(list_entry(ep->receivers.next, struct thread,
				    run_link), 0);
}

/* Whether a moved handle is one with RECEIVE right to an endpoint. */
static bool moved_receives(const struct moved_handle *mv)
{
	return mv->type == MK_OBJ_ENDPOINT && (mv->rights & MK_RIGHT_RECEIVE);
}

void ipc_moved_release(struct ipc_state *s)
{
	if (s->has_moved) {
		s->has_moved = false;
		if (moved_receives(&s->moved))
			endpoint_receive_handle_closed(s->moved.obj, NULL, -1);
		object_put(s->moved.type, s->moved.obj);
	}
}

void ipc_cancel(struct thread *t)
{
	ipc_moved_release(&t->ipc);
}

void ipc_reply_abandon(struct thread *caller, uint64_t seq)
{
	if (caller->state == THREAD_BLOCKED &&
		caller->block == BLOCK_REPLY && caller->ipc.seq == seq) {
		caller->ipc.seq++;
		thread_wake(caller, -EPIPE);
	}
}


/* Take handle h out of t's table into *s, to travel with a message. */
static int msg_take_handle(struct task *t, int h, struct ipc_state *s)
{
	struct handle *e = handle_get(t, h);

	if (!e)
		return -EBADF;
	if (!(e->rights & MK_RIGHT_DUP))
		return -EPERM;
	s->moved.obj = e->obj;
	s->moved.type = e->type;
	s->moved.rights = e->rights;
	s->moved.badge = e->badge;
	s->has_moved = true;
	/* In flight it still counts, or the endpoint would die on the way
	 * when it is its only RECEIVE handle (a server handed its own). */
	if (moved_receives(&s->moved))
		endpoint_receive_handle_added(e->obj);
	handle_detach(t, h);
	return 0;
}

long sys_call(int h, uint64_t umsg)
{
	struct thread *t = current();
	struct ipc_state *s = &t->ipc;
	struct endpoint *ep;
	struct handle *e;
	long r;
	int err;

	e = handle_lookup(t->task, h, MK_OBJ_ENDPOINT, MK_RIGHT_SEND, &err);
	if (!e)
		return err;
	ep = e->obj;
	if (ep->dead)
		return -EPIPE;
	if (copy_from_user(&s->msg, umsg, MSG_IN_SIZE))
		return -EFAULT;
	err = msg_check(&s->msg, MK_MSG_HANDLE);
	if (err)
		return err;
	s->badge = e->badge;
	if ((s->msg.flags & MK_MSG_HANDLE) &&
		(err = msg_take_handle(t->task, s->msg.handle, s)))
		return err;

	ep->refs++;
	s->ep = ep;
	if (!list_empty(&ep->receivers)) {
		struct thread *rcv = list_entry(ep->receivers.next,
			struct thread, run_link);

		/* The receiver holds a reference until it has taken us. */
		t->refs++;
		rcv->ipc.partner = t;
		rcv->ipc.partner_seq = s->seq;
		r = thread_handoff(rcv, 0, NULL, BLOCK_REPLY);
	} else {
		r = thread_block(&ep->senders, BLOCK_CALL);
	}
	s->ep = NULL;
	endpoint_put(ep);
	ipc_moved_release(s); /* a handle that did not arrive is closed */
	if (r < 0)
		return r;
	/* The reply (buf and cap are as the caller gave them). */
	s->msg.reply = -1;
	if (copy_to_user(umsg, &s->msg, MSG_IN_SIZE))
		return -EFAULT;
	return 0;
}

long sys_ep_events(int h, uint64_t ubuf, uint64_t max)
{
	struct task *task = current()->task;
	struct endpoint *ep;
	struct handle *e;
	uint64_t n = 0;
	int err;

	e = handle_lookup(task, h, MK_OBJ_ENDPOINT, MK_RIGHT_RECEIVE, &err);
	if (!e)
		return err;
	/* As read() does: the whole range first, even with nothing to copy. */
	if (max > USER_TOP / sizeof(struct mk_event) ||
		!uaccess_ok(ubuf, max * sizeof(struct mk_event)))
		return -EFAULT;
	ep = e->obj;
	while (n < max && !list_empty(&ep->events)) {
		struct ep_event *ev = list_entry(ep->events.next,
			struct ep_event, link);
		struct mk_event out;

		ep_event_describe(ev, &out);
		/* Copy before removing: a bad buffer loses no event. */
		if (copy_to_user(ubuf + n * sizeof(out), &out, sizeof(out)))
			return n ? (long)n : -EFAULT;
		ep_event_done(ep, ev);
		n++;
	}
	return (long)n;
}
