/*
 * The ipc-ns server's main loop: it receives requests on the endpoint
 * init made (MK_HANDLE_IPCNS), answers them through server.c, and drains
 * the kernel's events (mappings of its segments removed, tasks born and
 * gone) when the endpoint's notification says some are queued.
 *
 * init starts it with the endpoint (every right) in slot 1 and the nsctl
 * handle among its others. It never blocks on a client: the only call
 * that waits is the receive.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mk/errno.h>
#include <mk/ipcns.h>
#include <mk/mk.h>

#include "server.h"

#define EVENT_BATCH 32

static struct ipcns_server server;
static int endpoint = MK_HANDLE_IPCNS;
static int nsctl = -1;
static union shm_ctl_buf request_bytes; /* the largest request body */

static int mem_create(void *ctx, uint64_t pages, uint64_t *mem)
{
	long h = mk_mem_create(pages, endpoint, IPCNS_NOTIFY_EVENTS);

	(void)ctx;
	if (h < 0)
		return (int)h;
	*mem = (uint64_t)h;
	return 0;
}

static void mem_destroy(void *ctx, uint64_t mem)
{
	(void)ctx;
	mk_handle_close((int)mem);
}

static int64_t sys_now(void *ctx)
{
	(void)ctx;
	return (int64_t)time(NULL);
}

static long sys_ns_set(void *ctx, uint64_t task_id, uint64_t label)
{
	(void)ctx;
	return mk_ns_set(nsctl, task_id, MK_NS_IPC, label);
}

static long sys_task_info(void *ctx, int h, struct ipcns_task_info *info)
{
	struct mk_handle_info hi;
	struct mk_task_info ti;
	long id;

	(void)ctx;
	if (mk_handle_info(h, &hi) < 0 || hi.type != MK_OBJ_TASK)
		return -MK_EBADF;
	id = mk_task_id(h);
	if (id < 0 || mk_task_list((uint64_t)id - 1, &ti) < 0 ||
		ti.id != (uint64_t)id)
		return -MK_ESRCH;
	info->id = ti.id;
	info->label = ti.ns_ipc;
	info->started = ti.state != MK_TASK_NEW;
	info->can_start = (hi.rights & MK_RIGHT_START) != 0;
	return 0;
}

static void sys_handle_close(void *ctx, int h)
{
	(void)ctx;
	mk_handle_close(h);
}

static long sys_token_make(void *ctx, uint64_t badge, int *h, uint64_t *id)
{
	struct mk_handle_info info;
	long t = mk_token_create(endpoint, badge, IPCNS_NOTIFY_EVENTS);

	(void)ctx;
	if (t < 0)
		return t;
	mk_handle_info((int)t, &info);
	*h = (int)t;
	*id = info.object_id;
	return 0;
}

static long sys_token_info(void *ctx, int h, uint64_t *badge, uint64_t *id)
{
	struct mk_handle_info info;

	(void)ctx;
	if (mk_handle_info(h, &info) < 0 || info.type != MK_OBJ_TOKEN)
		return -MK_EBADF;
	*badge = info.badge;
	*id = info.object_id;
	return 0;
}

static long sys_task_label(void *ctx, uint64_t task_id, uint64_t *label,
	uint32_t *uid)
{
	struct mk_task_info ti;

	(void)ctx;
	if (task_id == 0 || mk_task_list(task_id - 1, &ti) < 0 ||
		ti.id != task_id || ti.state == MK_TASK_EXITED)
		return -MK_ESRCH;
	*label = ti.ns_ipc;
	*uid = ti.uid;
	return 0;
}

/* The nsctl handle init gave us: the first one in our table. */
static int find_nsctl(void)
{
	struct mk_handle_info info;

	for (int h = 0; h < 16; h++) {
		if (mk_handle_info(h, &info) == 0 && info.type == MK_OBJ_NSCTL)
			return h;
	}
	return -1;
}

static void drain_events(void)
{
	struct mk_event ev[EVENT_BATCH];
	long n;

	do {
		n = mk_ep_events(endpoint, ev, EVENT_BATCH);
		for (long i = 0; i < n; i++)
			ipcns_event(&server, &ev[i]);
	} while (n == EVENT_BATCH);
}

/*
 * Make the reply to *m from r. A reply and the receive after it share one
 * message, so the answer goes out of the buffer the next request comes
 * into (the request it answers is done with).
 */
static void reply_fill(struct mk_msg *m, const struct ipcns_reply *r)
{
	m->label = (uint64_t)r->result;
	m->w[0] = r->w0;
	m->len = r->data && r->len <= sizeof(request_bytes) ? r->len : 0;
	if (m->len)
		memcpy(&request_bytes, r->data, m->len);
	m->buf = (uint64_t)&request_bytes;
	m->cap = sizeof(request_bytes);
	m->flags = 0;
	if (r->handle >= 0) {
		m->flags = MK_MSG_HANDLE;
		m->handle = r->handle;
	}
	if (r->grant) {
		m->flags = MK_MSG_GRANT;
		m->grant.mem = (int32_t)r->g.mem;
		m->grant.prot = r->g.prot;
		m->grant.first_page = 0;
		m->grant.pages = r->g.pages;
		m->grant.tag = r->g.tag;
	}
}

/* Answer the caller behind rh with just an errno. */
static void reply_error(int rh, struct mk_msg *m, int err)
{
	m->label = (uint64_t)(int64_t)err;
	m->flags = 0;
	m->len = 0;
	mk_reply(rh, m);
}

/*
 * Send a reply with a grant by itself, so that the server learns whether
 * the grant was made, and settle the attachment. If the kernel refused
 * the grant, the caller gets the errno in a plain reply.
 */
static void reply_grant(struct mk_msg *m, const struct ipcns_reply *r)
{
	int rh = m->reply, err;
	uint64_t caller = m->sender.task_id;

	reply_fill(m, r);
	err = ipcns_grant_done(&server, r, caller, mk_reply(rh, m));
	if (err < 0)
		reply_error(rh, m, err);
}

/*
 * Send a reply that moves a handle by itself: if the caller is gone the
 * handle is still ours, and closing it lets its event clean up.
 */
static void reply_handle(struct mk_msg *m, const struct ipcns_reply *r)
{
	int rh = m->reply;

	reply_fill(m, r);
	if (mk_reply(rh, m) < 0) {
		mk_handle_close(r->handle);
		reply_error(rh, m, -MK_EINVAL);
	}
}

static void serve(void)
{
	struct ipcns_reply r;
	struct mk_msg m = {0};
	int rh = -1;
	long err;

	m.buf = (uint64_t)&request_bytes;
	m.cap = sizeof(request_bytes);
	for (;;) {
		err = rh >= 0 ? mk_reply_receive(rh, endpoint, &m)
			      : mk_receive(endpoint, &m);
		if (err < 0 && rh >= 0) {
			/*
			 * Either the reply was refused (the caller's room was
			 * too small for the answer) and rh is still ours, or
			 * the receive failed after it and rh is free: a plain
			 * error reply settles the first and fails harmlessly
			 * (-EBADF) in the second.
			 */
			reply_error(rh, &m, -MK_EINVAL);
			rh = -1;
			continue;
		}
		rh = -1;
		if (err < 0) {
			/* Our own memory or table: nothing a client did. */
			printf("ipcns: receive failed: %ld\n", err);
			mk_sleep_ns(10000000);
			continue;
		}
		if (m.label == MK_LABEL_NOTIFY) {
			drain_events();
			continue;
		}
		ipcns_request(&server, &m, &request_bytes, &r);
		if (r.grant) {
			reply_grant(&m, &r);
			continue;
		}
		if (r.handle >= 0) {
			reply_handle(&m, &r);
			continue;
		}
		reply_fill(&m, &r);
		rh = m.reply;
	}
}

int main(void)
{
	struct ipcns_mem_ops mem = {NULL, mem_create, mem_destroy};
	struct ipcns_sys sys = {NULL, sys_now, sys_ns_set, sys_task_info,
		sys_handle_close, sys_token_make, sys_token_info,
		sys_task_label};
	long err;

	nsctl = find_nsctl();
	err = ipcns_server_init(&server, &mem, &sys, (uint64_t)mk_task_id(-1));
	if (nsctl < 0 || err < 0) {
		printf("ipcns: cannot start: %s\n",
			nsctl < 0 ? "no nsctl handle" : "no memory");
		return 1;
	}
	err = mk_ns_watch(nsctl, MK_NS_IPC, endpoint, IPCNS_NOTIFY_EVENTS);
	if (err < 0) {
		printf("ipcns: cannot watch tasks: %ld\n", err);
		return 1;
	}
	serve();
}
