/*
 * What the parts of message passing share, and nothing else uses: ipc.c
 * (endpoints, calls, events), ipc_receive.c (receiving, and the fast way
 * of a server's reply_receive) and ipc_reply.c (replies).
 */
#ifndef KERNEL_IPC_MSG_H
#define KERNEL_IPC_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "handle.h"
#include "ipc.h"
#include "mk/abi.h"
#include "thread.h"
#include "uaccess.h"

/* The part of struct mk_msg a sender fills in (all but the stamp). */
#define MSG_IN_SIZE offsetof(struct mk_msg, sender)

/* The part of struct mk_msg a reply of words only needs: label to flags. */
#define MSG_WORDS_SIZE offsetof(struct mk_msg, reply)

/* What a receiver's msg says before the receipt: buf, len and cap. */
#define MSG_ROOM_OFFSET offsetof(struct mk_msg, buf)
#define MSG_ROOM_SIZE (offsetof(struct mk_msg, cap) + sizeof(uint32_t) - \
	MSG_ROOM_OFFSET)

/*
 * Copy the message words. Unrolled (up to 8 words): the kernel is built
 * freestanding, so a memcpy here would be a call.
 */
static inline void msg_words_copy(uint64_t *dst, const uint64_t *src)
{
	int i;

	_Static_assert(MK_MSG_WORDS <= 8, "msg_words_copy unrolls 8");
#pragma GCC unroll 8
	for (i = 0; i < MK_MSG_WORDS; i++)
		dst[i] = src[i];
}

/* Drop a reference to ep (object_put for an endpoint, inline). */
static inline void endpoint_put(struct endpoint *ep)
{
	if (--ep->refs == 0)
		endpoint_free(ep);
}

/* Check the lengths and flags of a message copied in from user space. */
static inline int msg_check(const struct mk_msg *m, uint32_t allowed_flags)
{
	if (m->flags & ~allowed_flags)
		return -EINVAL;
	if (m->len > MK_MSG_BUF_MAX)
		return -EMSGSIZE;
	if ((m->len || m->cap) &&
		!uaccess_ok(m->buf, m->len > m->cap ? m->len : m->cap))
		return -EFAULT;
	return 0;
}

/* Whether the caller behind reply handle e still waits for this reply. */
static inline bool reply_caller_waits(const struct thread *c,
	const struct handle *e)
{
	return c->state == THREAD_BLOCKED && c->block == BLOCK_REPLY &&
		c->ipc.seq == e->badge;
}

/*
 * A caller that a reply answered and that is not awake yet: the receive
 * after the reply wakes it, by switching to it if the receive blocks.
 */
struct answered {
	struct thread *caller;	/* NULL: none, or woken already */
	long result;		/* what its call gets */
};

/* SYS_RECEIVE, after a reply whose caller is in a (may be NULL). */
long ipc_receive(int h, uint64_t umsg, struct answered *a);

/*
 * The general way of SYS_REPLY_RECEIVE past the reply's handle checks
 * (handle rh, entry e, caller c), with m copied in up to the flags.
 */
long ipc_reply_receive_general(int rh, struct handle *e, struct thread *c,
	struct mk_msg *m, int h, uint64_t umsg);

#endif
