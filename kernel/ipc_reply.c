/*
 * Replies: a server answers a caller through its reply handle, with
 * words, bytes, and a handle or a grant (see docs/architecture.md). The
 * fast way of SYS_REPLY_RECEIVE is in ipc_receive.c; this is the general
 * one.
 */
#include "handle.h"
#include "ipc.h"
#include "ipc_msg.h"
#include "kerrno.h"
#include "task.h"
#include "thread.h"
#include "uaccess.h"
#include "vm.h"

/* Map a reply's grant into caller c: the address, or a negative errno. */
static long reply_grant(struct thread *c, const struct mk_grant *g)
{
	struct task *task = current()->task;
	uint32_t need = MK_RIGHT_GRANT;
	struct handle *e;
	int err;

	if (g->prot & MK_PROT_WRITE)
		need |= MK_RIGHT_WRITE;
	e = handle_lookup(task, g->mem, MK_OBJ_MEM, need, &err);
	if (!e)
		return err;
	return vm_map(&c->task->vs, e->obj, c->ipc.msg.grant.addr,
		g->first_page, g->pages, g->prot,
		(uint32_t)c->ipc.msg.grant.flags, g->tag, true);
}

/*
 * The reply m (copied in) through handle rh to caller c, who waits for it.
 * The caller is woken, or, with a (not NULL), left in a for the receive
 * that follows (it stays blocked, held by its task, until then).
 */
static long reply_copied(struct task *task, int rh, struct handle *re,
	struct thread *c, const struct mk_msg *m, struct answered *a)
{
	long addr = 0, result = 0;
	int err, moved = -1;

	err = msg_check(m, MK_MSG_HANDLE | MK_MSG_GRANT);
	if (err)
		return err;
	if ((m->flags & MK_MSG_HANDLE) && (m->flags & MK_MSG_GRANT))
		return -EINVAL; /* one handle or one grant */
	if (m->len > c->ipc.msg.cap)
		return -EMSGSIZE;
	/* Room that cannot take the bytes is the caller's error, as an
	 * unwritable msg is: its call gets -EFAULT, the reply goes on. */
	if (m->len && uaccess_writable(&c->task->vs, c->ipc.msg.buf, m->len))
		result = -EFAULT;
	else if (m->len && copy_across(&c->task->vs, c->ipc.msg.buf, m->buf,
				   m->len, 1))
		return -EFAULT;
	if (m->flags & MK_MSG_GRANT) {
		addr = reply_grant(c, &m->grant);
		if (addr < 0)
			return addr; /* the reply handle stays usable */
	}
	if (m->flags & MK_MSG_HANDLE) {
		struct handle *mh = handle_get(task, m->handle);

		if (!mh)
			return -EBADF;
		if (!(mh->rights & MK_RIGHT_DUP))
			return -EPERM;
		object_get(mh->type, mh->obj);
		moved = handle_insert(c->task, mh->type, mh->obj, mh->rights,
			mh->badge);
		if (moved < 0)
			return moved;
		handle_close(task, m->handle);
	}

	c->ipc.msg.label = m->label;
	msg_words_copy(c->ipc.msg.w, m->w);
	c->ipc.msg.len = m->len;
	c->ipc.msg.flags = m->flags;
	c->ipc.msg.handle = moved;
	c->ipc.msg.grant.addr = (uint64_t)addr;
	c->ipc.seq++;
	handle_detach_quick(&task->handles, re, rh);
	if (a) {
		a->caller = c;
		a->result = result;
	} else {
		thread_wake(c, result);
	}
	thread_put(c);
	return 0;
}

long sys_reply(int rh, uint64_t umsg)
{
	struct task *task = current()->task;
	struct thread *c;
	struct handle *e;
	struct mk_msg m;
	int err;

	e = handle_lookup(task, rh, MK_OBJ_REPLY, 0, &err);
	if (!e)
		return err;
	c = e->obj;
	if (!reply_caller_waits(c, e)) {
		handle_close(task, rh);
		return -ESRCH; /* the caller is gone */
	}
	if (copy_from_user(&m, umsg, MSG_IN_SIZE))
		return -EFAULT;
	return reply_copied(task, rh, e, c, &m, NULL);
}

/*
 * The general way of SYS_REPLY_RECEIVE past the reply's handle checks,
 * with m copied in up to the flags (ipc_reply.c; out of line, so that the
 * fast way keeps a small frame).
 */
long ipc_reply_receive_general(int rh,
	struct handle *e, struct thread *c, struct mk_msg *m, int h,
	uint64_t umsg)
{
	struct task *task = current()->task;
	struct answered a = { NULL, 0 };
	long r;

	if (copy_from_user((char *)m + MSG_WORDS_SIZE, umsg + MSG_WORDS_SIZE,
		    MSG_IN_SIZE - MSG_WORDS_SIZE))
		return -EFAULT;
	r = reply_copied(task, rh, e, c, m, &a);
	if (r < 0)
		return r;
	return ipc_receive(h, umsg, &a);
}
