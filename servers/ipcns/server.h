/*
 * The ipc-ns server's request layer: one received message in, one reply
 * out (include/mk/ipcns.h is the protocol). It is pure code over the
 * core (ns.h, shm.h) and a few kernel calls passed in as ipcns_sys, so
 * that host tests and the fuzz target run it without a kernel; main.c
 * plugs in the real calls and does the receiving and replying.
 *
 * Order of work, which keeps every count exact: the main loop drains
 * the kernel's events (removed mappings, tasks born and gone) whenever
 * the endpoint says some are queued, and the kernel delivers that news
 * before any call that came after the events. So a request always sees
 * the effects of everything that happened before it was made.
 */
#ifndef IPCNS_SERVER_H
#define IPCNS_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include <mk/abi.h>

#include "ns.h"
#include "ns_handle.h"
#include "shm.h"

/* A task handle that came with a request, as the kernel describes it. */
struct ipcns_task_info {
	uint64_t id;
	uint64_t label;	 /* its IPC namespace label */
	bool started;	 /* it has run (or exited) */
	bool can_start;	 /* the handle has MK_RIGHT_START */
};

/* The kernel calls the request layer makes. */
struct ipcns_sys {
	void *ctx;
	int64_t (*now)(void *ctx); /* seconds of the wall clock */
	/* Give task_id the IPC label: 0, or -ESRCH if it has exited. */
	long (*ns_set)(void *ctx, uint64_t task_id, uint64_t label);
	/* Describe the task behind handle h: 0, or -EBADF if h is not
	 * a task handle. */
	long (*task_info)(void *ctx, int h, struct ipcns_task_info *info);
	void (*handle_close)(void *ctx, int h);
	/* Make a token with this badge: 0 with its handle and kernel object
	 * id, or a negative errno. */
	long (*token_make)(void *ctx, uint64_t badge, int *h, uint64_t *id);
	/* The badge and object id of the token behind handle h: 0, or
	 * -EBADF if h is not a token. */
	long (*token_info)(void *ctx, int h, uint64_t *badge, uint64_t *id);
	/* The label and uid of a live task: 0, or -ESRCH. */
	long (*task_label)(void *ctx, uint64_t task_id, uint64_t *label,
		uint32_t *uid);
};

struct ipcns_server {
	struct ipcns core;
	struct ipcns_sys sys;
	struct ipc_ns *init_ns;	 /* never freed: Linux's init_ipc_ns */
	uint64_t self_id;	 /* the server's task id */
	uint64_t bad_events;	 /* events that named nothing (a bug) */
	struct ns_handles handles; /* open namespace handles */
	union shm_ctl_buf buf;	 /* a shmctl answer, until it is sent */
};

/* What to send back, filled by ipcns_request. */
struct ipcns_reply {
	int64_t result;		/* the reply's label */
	uint64_t w0;
	const void *data;	/* out-of-line answer, or NULL */
	uint32_t len;
	bool grant;		/* a shmat: grant g, then ipcns_grant_done */
	struct shm_grant g;
	int handle;		/* moved in the reply, or -1; if the reply
				 * fails, close it (its event cleans up) */
};

/*
 * Start the server's state: the initial namespace (label 0, the one
 * every task starts with). 0 or a negative errno.
 */
int ipcns_server_init(struct ipcns_server *srv, const struct ipcns_mem_ops *mem,
	const struct ipcns_sys *sys, uint64_t self_id);

/* Destroy everything (host tests). */
void ipcns_server_fini(struct ipcns_server *srv);

/*
 * Handle one request: msg as received (label, words, stamp, moved
 * handle; its out-of-line bytes at `bytes`). Fills *reply. A handle moved
 * with the request is always used up or closed here.
 */
void ipcns_request(struct ipcns_server *srv, const struct mk_msg *msg,
	const void *bytes, struct ipcns_reply *reply);

/*
 * The reply with a grant was sent: kernel_result is what SYS_REPLY said
 * (0: granted). Commits or undoes the attachment; returns 0, or the
 * errno to send in a second, plain reply (a refused grant leaves the
 * reply handle usable), or 1 when the caller is gone (nothing to send).
 */
int ipcns_grant_done(struct ipcns_server *srv, const struct ipcns_reply *reply,
	uint64_t task_id, long kernel_result);

/* One event drained from the endpoint. */
void ipcns_event(struct ipcns_server *srv, const struct mk_event *ev);

#endif /* IPCNS_SERVER_H */
