/*
 * libmk's side of the ipc-ns server's protocol (<mk/ipcns.h>): one call
 * through MK_HANDLE_IPCNS. Not a public interface.
 */
#ifndef MK_IPCNS_CLIENT_H
#define MK_IPCNS_CLIENT_H

#include <stdint.h>

#include <mk/abi.h>

/*
 * Start a request: the label, and every field the kernel reads of a call
 * zero (no bytes, no handle, no grant window), without clearing the
 * whole message (the stamp and the reply's room are the kernel's to
 * write).
 */
static inline void __mk_ipcns_msg(struct mk_msg *m, uint64_t label)
{
	m->label = label;
	for (int i = 0; i < MK_MSG_WORDS; i++)
		m->w[i] = 0;
	m->buf = 0;
	m->len = 0;
	m->cap = 0;
	m->handle = -1;
	m->flags = 0;
	m->grant.addr = 0;
	m->grant.flags = 0;
}

/*
 * Send m (label and words filled in) to the ipc-ns server and wait for
 * the reply, which lands in m. Returns the reply's result (>= 0 or a
 * negative errno), or the kernel's error for the call itself (-ENOSYS
 * when this task has no ipc-ns endpoint).
 */
long __mk_ipcns_call(struct mk_msg *m);

/*
 * Place the child behind task handle `task` (created, not started) as
 * the clone flags ask: 0 or a negative errno. Only CLONE_NEWIPC changes
 * anything (a new IPC namespace); CLONE_SYSVSEM is accepted alone.
 */
long __mk_ipcns_spawn(int task, uint64_t clone_flags);

/* The server's task id, learnt from the first shmat reply, or 0. */
extern uint64_t __mk_ipcns_server_id;

#endif /* MK_IPCNS_CLIENT_H */
