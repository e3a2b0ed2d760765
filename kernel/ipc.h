/*
 * Endpoints: synchronous call / receive / reply, notifications and the
 * queue of mapping events (see docs/architecture.md, "Message passing").
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/list.h"
#include "mk/abi.h"

struct thread;
struct task;

/* A handle travelling with a message: out of one table, not yet in another. */
struct moved_handle {
	void *obj;
	uint64_t badge;
	uint16_t type;
	uint32_t rights;
};

/* A receiver's msg and room (buf, cap) at umsg, found writable when its
 * address space had had `unmaps` mappings removed. */
struct room_check {
	uint64_t umsg;
	uint64_t buf;
	uint32_t cap;
	bool valid;
	uint64_t unmaps;
};

/* Per-thread IPC state. */
struct ipc_state {
	struct endpoint *ep;	/* blocked on it (call or receive) */
	int handle;		/* receive: the endpoint handle used */
	uint64_t badge;		/* call: badge of the handle used */
	uint64_t seq;		/* call number, bumped when a call ends */
	struct thread *partner;	/* receive: the caller delivered to us */
	uint64_t partner_seq;	/* its call number then */
	bool notified;		/* receive: woken by a notification */
	struct mk_msg msg;	/* call: as copied in; then the reply */
	struct moved_handle moved;
	bool has_moved;
	struct room_check room;	/* receive: the last check that passed */
};

struct endpoint {
	int refs;		/* handles + blocked threads + memory objects */
	uint64_t id;
	uint32_t receive_handles; /* handles with MK_RIGHT_RECEIVE */
	bool dead;		/* no receive handle left: calls fail */
	struct list senders;	/* threads in call, waiting for a receiver */
	struct list receivers;	/* threads in receive */
	uint64_t pending;	/* notification bits */
	struct list events;	/* struct ep_event, oldest first */
	uint32_t event_count;
};

struct endpoint *endpoint_create(void);
void endpoint_free(struct endpoint *ep);

/* A handle with RECEIVE right to ep was made or closed (t, h: where it
 * was; NULL, -1 for one moved in a message, which counts in flight). */
void endpoint_receive_handle_added(struct endpoint *ep);
void endpoint_receive_handle_closed(struct endpoint *ep, struct task *t,
	int h);

/* Set notification bits; wake a receiver. Never blocks. */
void endpoint_notify(struct endpoint *ep, uint64_t bits);

/* The system calls (the current thread is the caller). */
long sys_call(int h, uint64_t umsg);
long sys_receive(int h, uint64_t umsg);
long sys_reply(int reply, uint64_t umsg);
long sys_reply_receive(int reply, int h, uint64_t umsg);
long sys_ep_events(int h, uint64_t ubuf, uint64_t max);

/* A reply handle is being closed without a reply: fail the caller. */
void ipc_reply_abandon(struct thread *caller, uint64_t seq);

/* Take a thread out of IPC waits when its task dies. */
void ipc_cancel(struct thread *t);

/* Drop what a moved handle holds in flight: its reference and, for a
 * RECEIVE handle, its count on the endpoint. */
void ipc_moved_release(struct ipc_state *s);

#endif
