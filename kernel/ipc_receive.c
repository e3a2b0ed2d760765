/*
 * Receiving (see ipc.h and docs/architecture.md), and the fast way of a
 * server's reply_receive; ipc.c has endpoints and calls, ipc_reply.c the
 * general reply.
 *
 * The receiver always does the copying into its own address space, and
 * the replier into the caller's kernel copy; only out-of-line bytes cross
 * address spaces, through the other side's page table.
 */
#include "handle.h"
#include "ipc.h"
#include "ipc_msg.h"
#include "kerrno.h"
#include "lib/string.h"
#include "task.h"
#include "thread.h"
#include "uaccess.h"
#include "vm.h"

/* Not a wake result: receive_loop is to look at the endpoint first. */
#define RECEIVE_LOOK 1

/* Fail a caller the receiver could not take. */
static void call_fail(struct thread *c, long err)
{
	c->ipc.seq++;
	thread_wake(c, err);
}

/*
 * Whether receiver t's last check of its memory (receiver_memory_ok) was
 * of this msg and room, and still holds.
 */
static inline bool receiver_memory_known(const struct thread *t,
	const struct mk_msg *in, uint64_t umsg)
{
	const struct room_check *rc = &t->ipc.room;

	return rc->valid && rc->unmaps == t->task->vs.unmaps &&
		rc->umsg == umsg && rc->buf == in->buf && rc->cap == in->cap;
}

/* receiver_memory_ok's page-table walk, and the record of its success. */
__attribute__((noinline)) static int receiver_memory_walk(
	const struct mk_msg *in, uint64_t umsg)
{
	struct thread *t = current();
	struct vmspace *vs = &t->task->vs;

	if (uaccess_writable(vs, umsg, sizeof(struct mk_msg)) ||
		(in->cap && uaccess_writable(vs, in->buf, in->cap)))
		return -EFAULT;
	t->ipc.room = (struct room_check){ umsg, in->buf, in->cap, true,
		vs->unmaps };
	return 0;
}

/*
 * Whether the receiver's own memory can take a message: its msg and the
 * room at in->buf. A fault there is the receiver's error, so it is found
 * before a caller is taken, and the caller is not failed for it. A check
 * that passed holds until a mapping of the space is removed (nothing else
 * makes memory unwritable), so it is remembered: a server receives into
 * the same msg every time.
 */
static inline int receiver_memory_ok(const struct mk_msg *in, uint64_t umsg)
{
	if (receiver_memory_known(current(), in, umsg))
		return 0;
	return receiver_memory_walk(in, umsg);
}

/*
 * Whether the receiver can take caller c now: its memory (checked again
 * after a wait: another thread may have unmapped it) and room in its
 * handle table for the reply handle and a moved one. 0 or -errno.
 */
static int receiver_ready(const struct thread *c, const struct mk_msg *in,
	uint64_t umsg)
{
	const struct task *task = current()->task;

	if (receiver_memory_ok(in, umsg))
		return -EFAULT;
	if (task->handles.used + (c->ipc.has_moved ? 2u : 1u) >
		task->handles.limit)
		return -EMFILE;
	return 0;
}

/* Put caller c, taken from ep, back at the head of its queue. */
static void call_requeue(struct endpoint *ep, struct thread *c)
{
	c->block = BLOCK_CALL;
	list_push_front(&ep->senders, &c->run_link);
}

/*
 * What the receiver gets from caller c: c's message, where its bytes went
 * (in's buf and cap), the reply handle rh, the moved handle (or -1), and
 * the stamp. Every field is set, one by one: a memset first would be a
 * call, for a struct that is written whole anyway.
 */
static inline void msg_stamp(struct mk_msg *out, const struct thread *c,
	const struct mk_msg *in, int rh, int moved)
{
	const struct mk_msg *m = &c->ipc.msg;
	const struct task *task = c->task;
	int i;

	/* A field added to struct mk_msg must be set here too. */
	_Static_assert(sizeof(struct mk_msg) == 184, "msg_stamp: new field");
	_Static_assert(MK_NS_KINDS == 2, "msg_stamp: sender.ns");
	out->label = m->label;
	msg_words_copy(out->w, m->w);
	out->buf = in->buf;
	out->len = m->len;
	out->cap = in->cap;
	out->handle = moved;
	out->flags = m->flags & MK_MSG_HANDLE;
	out->reply = rh;
	out->pad = 0;
	/* Field by field: as one struct gcc may make it a memset call. */
	out->grant.mem = 0;
	out->grant.prot = 0;
	out->grant.first_page = 0;
	out->grant.pages = 0;
	out->grant.tag = 0;
	out->grant.addr = 0;
	out->grant.flags = 0;
	out->sender.task_id = task->id;
	out->sender.badge = c->ipc.badge;
	out->sender.uid = task->cred.uid;
	out->sender.gid = task->cred.gid;
	out->sender.caps = task->cred.caps;
	for (i = 0; i < MK_NS_KINDS; i++)
		out->sender.ns[i] = task->ns[i];
}

/*
 * Hand caller c's message to the current thread, which asked for it with
 * `in` (its buf and cap) at umsg. 0, or an error that belongs to the
 * caller (it is failed with it, the receiver goes on waiting) as a
 * positive value, or a negative error for the receiver.
 */
static long msg_deliver(struct thread *c, const struct mk_msg *in,
	uint64_t umsg)
{
	struct thread *t = current();
	struct mk_msg *m = &c->ipc.msg;
	struct mk_msg out;
	int rh, moved = -1, err;

	if (m->len > in->cap)
		return EMSGSIZE;
	if (m->len && copy_across(&c->task->vs, m->buf, in->buf, m->len, 0))
		return EFAULT;
	c->refs++; /* the reply handle's reference (object_get) */
	if (handle_insert_at_hand(&t->task->handles))
		rh = handle_insert_quick(&t->task->handles, MK_OBJ_REPLY, c, 0,
			c->ipc.seq);
	else
		rh = handle_insert(t->task, MK_OBJ_REPLY, c, 0, c->ipc.seq);
	if (rh < 0)
		return -rh;
	if (c->ipc.has_moved) {
		struct moved_handle *mv = &c->ipc.moved;

		object_get(mv->type, mv->obj); /* the table's reference */
		moved = handle_insert(t->task, mv->type, mv->obj, mv->rights,
			mv->badge);
		ipc_moved_release(&c->ipc); /* the one in flight */
		if (moved < 0) {
			handle_detach(t->task, rh);
			thread_put(c);
			return -moved;
		}
	}

	msg_stamp(&out, c, in, rh, moved);
	err = copy_to_user(umsg, &out, sizeof(out));
	if (err) {
		handle_close(t->task, rh); /* fails the caller: -EPIPE */
		if (moved >= 0)
			handle_close(t->task, moved);
		return err;
	}
	return 0;
}

/*
 * msg_deliver for the common case, after a wait that began with the
 * receiver's memory known to take a message at umsg (in: its room):
 * caller c (its reference held) sent words only, nothing was unmapped
 * since, and the reply handle's slot is at hand. true when done (the
 * reference now the reply handle's); false, having changed nothing, for
 * the general way.
 */
static bool msg_deliver_quick(struct thread *c, const struct mk_msg *in,
	uint64_t umsg)
{
	struct thread *t = current();
	struct handle_table *ht = &t->task->handles;
	struct mk_msg out;
	int rh;

	if (c->ipc.msg.len || c->ipc.has_moved ||
		t->ipc.room.unmaps != t->task->vs.unmaps ||
		!handle_insert_at_hand(ht))
		return false;
	rh = handle_insert_quick(ht, MK_OBJ_REPLY, c, 0, c->ipc.seq);
	msg_stamp(&out, c, in, rh, -1);
	if (copy_to_user(umsg, &out, sizeof(out))) {
		/* Not possible (the memory was found writable and nothing
		 * unmapped since), but undone if it were. */
		handle_detach_quick(ht, handle_get(t->task, rh), rh);
		return false;
	}
	/* The taker's reference becomes the reply handle's. */
	return true;
}

/* Deliver pending notification bits to the current thread at umsg. */
static long notify_deliver(struct endpoint *ep, const struct mk_msg *in,
	uint64_t umsg)
{
	struct mk_msg out;

	memset(&out, 0, sizeof(out));
	out.label = MK_LABEL_NOTIFY;
	out.w[0] = ep->pending;
	out.buf = in->buf;
	out.cap = in->cap;
	out.reply = -1;
	if (copy_to_user(umsg, &out, sizeof(out)))
		return -EFAULT;
	ep->pending = 0;
	return 0;
}

/* Wake a's caller now (a may be NULL); return r. */
static long answered_wake(struct answered *a, long r)
{
	if (a && a->caller) {
		thread_wake(a->caller, a->result);
		a->caller = NULL;
	}
	return r;
}

/* Block on ep's receivers: a hand-off to a's caller if there is one. */
static long receive_block(struct endpoint *ep, struct answered *a)
{
	struct thread *c = a ? a->caller : NULL;

	if (!c)
		return thread_block(&ep->receivers, BLOCK_RECEIVE);
	a->caller = NULL;
	return thread_handoff(c, a->result, &ep->receivers, BLOCK_RECEIVE);
}

/*
 * A receive on ep past its checks (in: its buf and cap, at umsg): take
 * pending notifications or the oldest caller, or wait for one. A reply's
 * caller in a (may be NULL) is woken before anything else happens, or
 * switched to when this waits. `woke` is RECEIVE_LOOK, or what a wait the
 * caller of this function made returned. Drops the receive's reference to
 * ep.
 */
static long receive_loop(struct endpoint *ep, int h, const struct mk_msg *in,
	uint64_t umsg, struct answered *a, long woke)
{
	struct thread *t = current();
	long r;

	for (;; woke = RECEIVE_LOOK) {
		struct thread *c = NULL;

		if (woke == RECEIVE_LOOK && ep->pending) {
			answered_wake(a, 0);
			r = notify_deliver(ep, in, umsg);
			break;
		}
		if (woke == RECEIVE_LOOK && !list_empty(&ep->senders)) {
			answered_wake(a, 0);
			c = list_entry(ep->senders.next, struct thread,
				run_link);
			list_remove(&c->run_link);
			c->block = BLOCK_REPLY;
			c->refs++;
		} else {
			if (woke == RECEIVE_LOOK) {
				t->ipc.partner = NULL;
				t->ipc.handle = h;
				woke = receive_block(ep, a);
				t->ipc.handle = -1;
			}
			r = woke;
			if (r < 0)
				break;
			c = t->ipc.partner;
			t->ipc.partner = NULL;
			if (!c)
				continue; /* a notification */
			if (c->state != THREAD_BLOCKED ||
				c->block != BLOCK_REPLY ||
				c->ipc.seq != t->ipc.partner_seq) {
				thread_put(c); /* killed before we ran */
				continue;
			}
		}
		/* Our own error: the caller waits for the next receive. */
		r = receiver_ready(c, in, umsg);
		if (r < 0) {
			call_requeue(ep, c);
			thread_put(c);
			break;
		}
		r = msg_deliver(c, in, umsg);
		if (r > 0)
			call_fail(c, -r); /* the caller's fault: next one */
		thread_put(c);
		if (r <= 0)
			break;
	}
	endpoint_put(ep);
	return r;
}

/*
 * SYS_RECEIVE, after a reply whose caller is in a (may be NULL): it is
 * woken before anything else happens, or switched to when this blocks.
 */
long ipc_receive(int h, uint64_t umsg, struct answered *a)
{
	struct thread *t = current();
	struct endpoint *ep;
	struct handle *e;
	struct mk_msg in;
	int err;

	e = handle_lookup(t->task, h, MK_OBJ_ENDPOINT, MK_RIGHT_RECEIVE, &err);
	if (!e)
		return answered_wake(a, err);
	ep = e->obj;
	/* Only in.buf and in.cap are used: the rest is not read. */
	if (copy_from_user((char *)&in + MSG_ROOM_OFFSET, umsg + MSG_ROOM_OFFSET,
		    MSG_ROOM_SIZE))
		return answered_wake(a, -EFAULT);
	if (in.cap > MK_MSG_BUF_MAX)
		in.cap = MK_MSG_BUF_MAX;
	if (in.cap && !uaccess_ok(in.buf, in.cap))
		return answered_wake(a, -EFAULT);
	if (receiver_memory_ok(&in, umsg))
		return answered_wake(a, -EFAULT);
	ep->refs++;
	return receive_loop(ep, h, &in, umsg, a, RECEIVE_LOOK);
}

long sys_receive(int h, uint64_t umsg)
{
	return ipc_receive(h, umsg, NULL);
}

/*
 * The reply's bytes for the fast way: only from inside the receive's own
 * room (known writable, so readable), as many as caller c takes, into
 * room of c's that takes them (a fault there is c's error, which the
 * general way reports). Whether they were copied.
 */
static bool reply_bytes_quick(struct thread *c, const struct mk_msg *m)
{
	if (m->len > m->cap || m->len > c->ipc.msg.cap)
		return false;
	return !uaccess_writable(&c->task->vs, c->ipc.msg.buf, m->len) &&
	       !copy_across(&c->task->vs, c->ipc.msg.buf, m->buf, m->len, 1);
}

/*
 * The fast way of SYS_REPLY_RECEIVE, past the reply's handle checks and
 * copy: a reply of words, and bytes out of the receive's own room (no
 * handle or grant), to caller c, and a receive on h that will wait
 * (nothing pending, nobody calling) into memory known to take a message,
 * in one step that hands the hart to c. The checks change nothing (the
 * bytes' copy only writes where the reply would); if one fails, false,
 * and the general way does it all. Past them nothing can fail.
 */
static bool reply_receive_fast(int rh, struct handle *re, struct thread *c,
	const struct mk_msg *m, int h, uint64_t umsg, long *result)
{
	struct thread *t = current();
	struct task *task = t->task;
	struct mk_msg in;
	struct endpoint *ep;
	struct handle *ee;
	long r;
	int err;

	/* No handle or grant; room within MK_MSG_BUF_MAX, so that the
	 * remembered check of it (below) covers msg_check's range. */
	if (m->flags || m->cap > MK_MSG_BUF_MAX)
		return false;
	ee = handle_lookup(task, h, MK_OBJ_ENDPOINT, MK_RIGHT_RECEIVE, &err);
	if (!ee)
		return false;
	ep = ee->obj;
	if (ep->pending || !list_empty(&ep->senders))
		return false;
	in.buf = m->buf;
	in.cap = m->cap;
	if (!receiver_memory_known(t, &in, umsg))
		return false;
	if (m->len && !reply_bytes_quick(c, m))
		return false;

	/* The reply, as reply_copied makes it, */
	c->ipc.msg.label = m->label;
	msg_words_copy(c->ipc.msg.w, m->w);
	c->ipc.msg.len = m->len;
	c->ipc.msg.flags = 0;
	c->ipc.msg.handle = -1;
	c->ipc.msg.grant.addr = 0;
	c->ipc.seq++;
	handle_detach_quick(&task->handles, re, rh);
	thread_put(c); /* the reply handle's; c's task holds another */
	/* then the receive, which waits with the caller running. */
	ep->refs++;
	t->ipc.partner = NULL;
	t->ipc.handle = h;
	r = thread_handoff(c, 0, &ep->receivers, BLOCK_RECEIVE);
	t->ipc.handle = -1;
	/* Mostly a call has come, and it is taken here. */
	c = t->ipc.partner;
	if (r == 0 && c && c->state == THREAD_BLOCKED &&
		c->block == BLOCK_REPLY && c->ipc.seq == t->ipc.partner_seq &&
		msg_deliver_quick(c, &in, umsg)) {
		t->ipc.partner = NULL;
		endpoint_put(ep);
		*result = 0;
	} else {
		*result = receive_loop(ep, h, &in, umsg, NULL, r);
	}
	return true;
}

long sys_reply_receive(int rh, int h, uint64_t umsg)
{
	struct task *task = current()->task;
	struct thread *c;
	struct handle *e;
	struct mk_msg m;
	long r;
	int err;

	e = handle_lookup(task, rh, MK_OBJ_REPLY, 0, &err);
	if (!e)
		return err;
	c = e->obj;
	if (!reply_caller_waits(c, e)) {
		/* Gone: no reason to stop serving the others. */
		handle_close(task, rh);
		return ipc_receive(h, umsg, NULL);
	}
	/* Up to the flags first: the fast way needs no more (and its
	 * receive's memory check covers the whole msg); the general way
	 * then reads the rest. */
	if (copy_from_user(&m, umsg, MSG_WORDS_SIZE))
		return -EFAULT;
	if (reply_receive_fast(rh, e, c, &m, h, umsg, &r))
		return r;
	return ipc_reply_receive_general(rh, e, c, &m, h, umsg);
}
