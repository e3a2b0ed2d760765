/*
 * The ipc-ns server's requests and events (see server.h): decoding, one
 * handler per request, errors returned as the reply.
 */
#include <stdio.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/ipcns.h>

#include "server.h"

/* Linux's first dynamically numbered namespace (PROC_DYNAMIC_FIRST). */
#define NS_DYNAMIC_FIRST 4026531840ull

int ipcns_server_init(struct ipcns_server *srv, const struct ipcns_mem_ops *mem,
	const struct ipcns_sys *sys, uint64_t self_id)
{
	int err;

	memset(srv, 0, sizeof(*srv));
	ipcns_init(&srv->core, mem);
	srv->sys = *sys;
	srv->self_id = self_id;
	/* The server's own hold: the initial namespace never ends. */
	err = ns_create(&srv->core, NS_REF_HANDLE, &srv->init_ns);
	if (err)
		return err;
	if (srv->init_ns->label != 0) {
		ipcns_server_fini(srv);
		return -MK_EPROTO; /* every task starts with label 0 */
	}
	return 0;
}

void ipcns_server_fini(struct ipcns_server *srv)
{
	ipcns_fini(&srv->core);
	ns_handles_fini(&srv->handles);
}

/* The number Linux would show as the inode of /proc/PID/ns/ipc. */
static int64_t ns_number(const struct ipc_ns *ns)
{
	uint64_t gen = ns->label >> 32;

	return gen == 0 ? IPCNS_INIT_NS_ID : (int64_t)(NS_DYNAMIC_FIRST + gen - 1);
}

/* Whether a message word holds an int, as libc sign-extends one. */
static bool word_is_int(uint64_t w)
{
	return (int64_t)w == (int32_t)w;
}

/*
 * The clock costs a system call, and only a request that may create or
 * change something stamps a time: shmget that may create (IPC_PRIVATE or
 * IPC_CREAT), shmctl's IPC_SET. Lookups and reads skip it.
 */
static int64_t now_if(struct ipcns_server *srv, bool needed)
{
	return needed ? srv->sys.now(srv->sys.ctx) : 0;
}

static void do_shmget(struct ipcns_server *srv, struct ipc_ns *ns,
	const struct ipc_cred *cred, const struct mk_msg *m,
	struct ipcns_reply *r)
{
	int32_t key = (int32_t)m->w[0];
	int flags = (int)m->w[2];

	r->result = shm_get(ns, cred, key, m->w[1], flags,
		now_if(srv, key == 0 || (flags & IPC_CREAT)));
}

static void do_shmat(struct ipcns_server *srv, struct ipc_ns *ns,
	const struct ipc_cred *cred, const struct mk_msg *m,
	struct ipcns_reply *r)
{
	if (!word_is_int(m->w[0]) || !word_is_int(m->w[2])) {
		r->result = -MK_EINVAL;
		return;
	}
	r->result = shm_attach(ns, cred, (int)m->w[0], m->w[1], (int)m->w[2],
		&r->g);
	if (r->result == 0) {
		r->grant = true;
		r->w0 = srv->self_id;
	}
}

static void do_shmctl(struct ipcns_server *srv, struct ipc_ns *ns,
	const struct ipc_cred *cred, const struct mk_msg *m, const void *bytes,
	struct ipcns_reply *r)
{
	int cmd = (int)m->w[1];
	size_t in = shm_ctl_in_size(cmd);

	memset(&srv->buf, 0, sizeof(srv->buf));
	if (!word_is_int(m->w[0]) || !word_is_int(m->w[1])) {
		r->result = -MK_EINVAL;
		return;
	}
	if (in) {
		if (m->len < in) {
			r->result = -MK_EINVAL; /* libc always sends it whole */
			return;
		}
		memcpy(&srv->buf, bytes, in);
	}
	r->result = shm_ctl(ns, cred, (int)m->w[0], cmd, &srv->buf,
		now_if(srv, cmd == IPC_SET));
	if (r->result >= 0 && shm_ctl_out_size(cmd)) {
		r->data = &srv->buf;
		r->len = (uint32_t)shm_ctl_out_size(cmd);
	}
}

/*
 * Give task_id (now in ns `from`) a new namespace; the task's events from
 * now on carry the new label. 0 or a negative errno (nothing changed).
 */
static int ns_move_to_new(struct ipcns_server *srv, struct ipc_ns *from,
	uint64_t task_id)
{
	struct ipc_ns *ns;
	long err;

	err = ns_create(&srv->core, NS_REF_TASK, &ns);
	if (err)
		return (int)err;
	err = srv->sys.ns_set(srv->sys.ctx, task_id, ns->label);
	if (err) {
		ns_put(ns, NS_REF_TASK);
		return (int)err;
	}
	ns_put(from, NS_REF_TASK);
	return 0;
}

static void do_unshare(struct ipcns_server *srv, struct ipc_ns *ns,
	const struct ipc_cred *cred, const struct mk_msg *m,
	struct ipcns_reply *r)
{
	if (!(m->w[0] & NS_CLONE_NEWIPC)) {
		r->result = 0;
		return;
	}
	r->result = ns_unshare_check(cred);
	if (r->result == 0)
		r->result = ns_move_to_new(srv, ns, cred->task_id);
}

/* The child of a spawn, behind the moved handle h: 0 or -errno. */
static int spawn_child(struct ipcns_server *srv, struct ipc_ns *ns, int h,
	uint64_t *id)
{
	struct ipcns_task_info info;
	long err = srv->sys.task_info(srv->sys.ctx, h, &info);

	if (err)
		return (int)err;
	if (!info.can_start)
		return -MK_EPERM;
	/* Only a child that has not run, and is where its parent is. */
	if (info.started || info.label != ns->label)
		return -MK_EINVAL;
	*id = info.id;
	return 0;
}

static void do_spawn(struct ipcns_server *srv, struct ipc_ns *ns,
	const struct ipc_cred *cred, const struct mk_msg *m, int h,
	struct ipcns_reply *r)
{
	uint64_t child = 0;

	if (h < 0) {
		r->result = -MK_EINVAL;
		return;
	}
	r->result = ns_spawn_check(m->w[0], cred);
	if (r->result == 0)
		r->result = spawn_child(srv, ns, h, &child);
	if (r->result == 0 && (m->w[0] & NS_CLONE_NEWIPC))
		r->result = ns_move_to_new(srv, ns, child);
}

static void do_ns_id(struct ipcns_server *srv, const struct mk_msg *m,
	struct ipcns_reply *r)
{
	struct ipc_ns *ns = ns_lookup(&srv->core, m->w[0]);

	r->result = ns ? ns_number(ns) : -MK_ENOENT;
}

/*
 * The namespace /proc/PID/ns/ipc names for cred: the caller's own, or
 * another task's if it has the caller's uid or the caller CAP_SYS_ADMIN
 * (Linux asks for ptrace read access). 0 or a negative errno.
 */
static int ns_of_task(struct ipcns_server *srv, struct ipc_ns *own,
	const struct ipc_cred *cred, uint64_t task, struct ipc_ns **out)
{
	uint64_t label;
	uint32_t uid;

	*out = own;
	if (task == 0 || task == cred->task_id)
		return 0;
	if (srv->sys.task_label(srv->sys.ctx, task, &label, &uid))
		return -MK_ENOENT;
	if (uid != cred->uid && !(cred->caps & MK_CAP_SYS_ADMIN))
		return -MK_EACCES;
	*out = ns_lookup(&srv->core, label);
	return *out ? 0 : -MK_ENOENT;
}

static void do_ns_open(struct ipcns_server *srv, struct ipc_ns *own,
	const struct ipc_cred *cred, const struct mk_msg *m,
	struct ipcns_reply *r)
{
	struct ipc_ns *ns;
	uint64_t token;
	int slot, h;
	long err;

	r->result = ns_of_task(srv, own, cred, m->w[0], &ns);
	if (r->result)
		return;
	slot = ns_handle_reserve(&srv->handles, ns);
	if (slot < 0) {
		r->result = slot;
		return;
	}
	err = srv->sys.token_make(srv->sys.ctx, (uint64_t)slot, &h, &token);
	if (err) {
		ns_handle_release(&srv->handles, (uint64_t)slot);
		r->result = err;
		return;
	}
	ns_handle_commit(&srv->handles, (uint32_t)slot, token);
	r->handle = h;
	r->w0 = (uint64_t)ns_number(ns);
}

/* setns: Linux's order is the fd, then nstype, then the privilege. */
static void do_setns(struct ipcns_server *srv, struct ipc_ns *ns,
	const struct ipc_cred *cred, const struct mk_msg *m, int h,
	struct ipcns_reply *r)
{
	uint64_t badge, token;
	struct ipc_ns *to;

	if (h < 0) {
		r->result = -MK_EBADF;
		return;
	}
	to = srv->sys.token_info(srv->sys.ctx, h, &badge, &token) ? NULL :
		ns_handle_find(&srv->handles, badge, token);
	if (!to || (m->w[0] != 0 && m->w[0] != NS_CLONE_NEWIPC)) {
		r->result = -MK_EINVAL;
		return;
	}
	if (!(cred->caps & MK_CAP_SYS_ADMIN)) {
		r->result = -MK_EPERM;
		return;
	}
	r->result = 0;
	if (to == ns)
		return;
	r->result = srv->sys.ns_set(srv->sys.ctx, cred->task_id, to->label);
	if (r->result)
		return;
	ns_get(to, NS_REF_TASK);
	ns_put(ns, NS_REF_TASK);
}

/* /proc/sys/kernel/shm*: a namespace's own limits, set by root. */
static void do_sysctl(struct ipc_ns *ns, const struct ipc_cred *cred,
	const struct mk_msg *m, struct ipcns_reply *r)
{
	uint64_t value = m->w[2];
	bool set = m->w[1] == 1;

	if (m->w[0] >= IPCNS_SYSCTL_END || m->w[1] > 1) {
		r->result = -MK_EINVAL;
		return;
	}
	if (set && cred->uid != 0 && !(cred->caps & MK_CAP_SYS_ADMIN)) {
		r->result = -MK_EPERM;
		return;
	}
	r->result = ns_sysctl(ns, (unsigned)m->w[0], set, &value);
	r->w0 = value;
}

void ipcns_request(struct ipcns_server *srv, const struct mk_msg *msg,
	const void *bytes, struct ipcns_reply *reply)
{
	struct ipc_cred cred = ipc_cred_from_sender(&msg->sender);
	struct ipc_ns *ns = ns_lookup(&srv->core, msg->sender.ns[MK_NS_IPC]);
	int h = msg->flags & MK_MSG_HANDLE ? msg->handle : -1;

	/* Every field but the grant, which is read only with grant set. */
	reply->result = -MK_EINVAL;
	reply->w0 = 0;
	reply->data = NULL;
	reply->len = 0;
	reply->grant = false;
	reply->handle = -1;
	if (!ns) {
		/* A label this server never gave: only its setter knows. */
		reply->result = -MK_EINVAL;
	} else if (msg->label == IPCNS_SPAWN) {
		do_spawn(srv, ns, &cred, msg, h, reply);
	} else if (msg->label == IPCNS_SHMGET) {
		do_shmget(srv, ns, &cred, msg, reply);
	} else if (msg->label == IPCNS_SHMAT) {
		do_shmat(srv, ns, &cred, msg, reply);
	} else if (msg->label == IPCNS_SHMCTL) {
		do_shmctl(srv, ns, &cred, msg, bytes, reply);
	} else if (msg->label == IPCNS_UNSHARE) {
		do_unshare(srv, ns, &cred, msg, reply);
	} else if (msg->label == IPCNS_NS_ID) {
		do_ns_id(srv, msg, reply);
	} else if (msg->label == IPCNS_NS_OPEN) {
		do_ns_open(srv, ns, &cred, msg, reply);
	} else if (msg->label == IPCNS_SETNS) {
		do_setns(srv, ns, &cred, msg, h, reply);
	} else if (msg->label == IPCNS_SYSCTL) {
		do_sysctl(ns, &cred, msg, reply);
	} else {
		reply->result = -MK_ENOSYS;
	}
	if (h >= 0)
		srv->sys.handle_close(srv->sys.ctx, h);
}

int ipcns_grant_done(struct ipcns_server *srv, const struct ipcns_reply *reply,
	uint64_t task_id, long kernel_result)
{
	if (kernel_result == 0) {
		shm_attach_commit(&srv->core, &reply->g, task_id,
			srv->sys.now(srv->sys.ctx));
		return 0;
	}
	shm_attach_abort(&srv->core, &reply->g);
	if (kernel_result == -MK_ESRCH)
		return 1;
	return shm_attach_errno(kernel_result);
}

void ipcns_event(struct ipcns_server *srv, const struct mk_event *ev)
{
	struct ipc_ns *ns;
	int err = -MK_EINVAL;

	switch (ev->reason) {
	case MK_UNMAP_EXPLICIT:
	case MK_UNMAP_EXIT:
	case MK_UNMAP_KILL:
	case MK_UNMAP_REPLACED:
		err = shm_unmap_event(&srv->core, ev->tag, ev->task_id,
			srv->sys.now(srv->sys.ctx));
		break;
	case MK_EVENT_TASK_NEW:
		ns = ns_lookup(&srv->core, ev->tag);
		if (ns) {
			ns_get(ns, NS_REF_TASK);
			err = 0;
		}
		break;
	case MK_EVENT_TASK_EXIT:
		ns = ns_lookup(&srv->core, ev->tag);
		if (ns)
			err = ns_put(ns, NS_REF_TASK) < 0 ? -MK_EINVAL : 0;
		break;
	case MK_EVENT_TOKEN_CLOSED:
		err = ns_handle_release(&srv->handles, ev->tag);
		break;
	}
	if (err)
		srv->bad_events++;
}
