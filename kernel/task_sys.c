/* Task, credential and namespace-label system calls. */
#include "handle.h"
#include "kerrno.h"
#include "lib/string.h"
#include "task.h"
#include "thread.h"
#include "uaccess.h"

#define TASK_HANDLE_RIGHTS (MK_RIGHTS_ALL & ~(MK_RIGHT_SEND | \
	MK_RIGHT_RECEIVE | MK_RIGHT_WRITE | MK_RIGHT_GRANT | MK_RIGHT_NS))

static struct task *self(void)
{
	return current()->task;
}

/* The task named by handle h with `rights`, or -1 for the caller. */
static struct task *task_of(int h, uint32_t rights, int *err)
{
	struct handle *e;

	if (h == -1)
		return self();
	e = handle_lookup(self(), h, MK_OBJ_TASK, rights, err);
	return e ? e->obj : NULL;
}

long sys_task_create(uint64_t uname, uint64_t len, uint64_t quota)
{
	char name[MK_TASK_NAME_MAX];
	struct task *t;
	int h;

	if (len == 0 || len >= MK_TASK_NAME_MAX)
		return -EINVAL;
	if (copy_from_user(name, uname, len))
		return -EFAULT;
	name[len] = '\0';
	if (quota == 0 || quota > self()->mem_quota)
		quota = self()->mem_quota;
	t = task_create(self(), name, quota);
	if (!t)
		return -ENOMEM;
	task_get(t);
	h = handle_insert(self(), MK_OBJ_TASK, t, TASK_HANDLE_RIGHTS, 0);
	if (h < 0)
		task_discard(t); /* unreachable without a handle */
	return h;
}

long sys_task_start(int h, uint64_t pc, uint64_t sp, uint64_t a0,
	uint64_t a1)
{
	struct thread *th;
	struct task *t;
	int err;

	t = task_of(h, MK_RIGHT_START, &err);
	if (!t)
		return err;
	if (t->state != 0 || t->killed)
		return -EINVAL; /* started already, or gone */
	if (!uaccess_ok(pc, 4) || !uaccess_ok(sp - 1, 1))
		return -EINVAL;
	th = thread_create(t, pc, sp, a0, a1);
	if (!th)
		return -ENOMEM;
	t->state = MK_TASK_RUNNING;
	thread_start(th);
	return 0;
}

long sys_thread_create(uint64_t pc, uint64_t sp, uint64_t arg)
{
	struct thread *th;

	if (!uaccess_ok(pc, 4) || !uaccess_ok(sp - 1, 1))
		return -EINVAL;
	th = thread_create(self(), pc, sp, arg, 0);
	if (!th)
		return -EAGAIN;
	thread_start(th);
	return (long)th->id;
}

/* An exited child of the caller matching want (NULL: any), or NULL. */
static struct task *task_exited_child(struct task *want, bool *any)
{
	struct list *pos;

	*any = false;
	list_for_each(pos, &self()->children) {
		struct task *c = list_entry(pos, struct task, sibling);

		if (want && c != want)
			continue;
		*any = true;
		if (c->state == MK_TASK_EXITED)
			return c;
	}
	return NULL;
}

long sys_task_wait(int h, uint64_t uexit, uint64_t flags)
{
	struct task *want = NULL, *c;
	struct mk_exit ex;
	bool any;
	int err;
	long r;

	if (flags & ~(uint64_t)MK_WAIT_NOHANG)
		return -EINVAL;
	if (h != -1 && !(want = task_of(h, MK_RIGHT_WAIT, &err)))
		return err;
	for (;;) {
		c = task_exited_child(want, &any);
		if (c)
			break;
		if (!any)
			return -ECHILD;
		if (flags & MK_WAIT_NOHANG)
			return 0;
		r = thread_block(&self()->child_waiters, BLOCK_WAIT);
		if (r < 0)
			return r;
	}
	memset(&ex, 0, sizeof(ex));
	ex.task_id = c->id;
	ex.status = c->exit_status;
	/* Report before reaping: a bad pointer must not lose the status. */
	if (uexit && copy_to_user(uexit, &ex, sizeof(ex)))
		return -EFAULT;
	list_remove(&c->sibling);
	c->parent = NULL;
	task_put(c);
	return (long)ex.task_id;
}

long sys_task_kill(int h, uint64_t signal)
{
	struct task *t;
	int err;

	if (signal != MK_SIGKILL && signal != MK_SIGTERM &&
		signal != MK_SIGINT)
		return -EINVAL;
	t = task_of(h, MK_RIGHT_KILL, &err);
	if (!t)
		return err;
	/* As in Linux, a zombie can still be signalled (to no effect);
	 * only a reaped task is gone. */
	if (t->state == MK_TASK_EXITED)
		return t->parent ? 0 : -ESRCH;
	task_kill(t, (int)signal);
	return 0;
}

long sys_task_give(int h, int handle, uint64_t rights)
{
	struct handle *e;
	struct task *t;
	int err;

	t = task_of(h, MK_RIGHT_START, &err);
	if (!t)
		return err;
	if (t->state == MK_TASK_EXITED)
		return -ESRCH;
	e = handle_get(self(), handle);
	if (!e)
		return -EBADF;
	if (!(e->rights & MK_RIGHT_DUP) || (rights & ~e->rights))
		return -EPERM;
	object_get(e->type, e->obj);
	return handle_insert(t, e->type, e->obj, (uint32_t)rights, e->badge);
}

long sys_task_handles(int h, uint64_t limit)
{
	struct task *t;
	int err;

	t = task_of(h, limit ? MK_RIGHT_START : 0, &err);
	if (!t)
		return err;
	if (limit == 0)
		return t->handles.limit;
	if (limit > self()->handles.limit &&
		!(self()->cred.caps & MK_CAP_SYS_RESOURCE))
		return -EPERM;
	if (limit > MK_HANDLE_MAX)
		return -EINVAL;
	err = handle_table_set_limit(&t->handles, (unsigned)limit);
	return err ? err : (long)t->handles.limit;
}

long sys_task_id(int h)
{
	struct task *t;
	int err;

	t = task_of(h, 0, &err);
	return t ? (long)t->id : err;
}

long sys_task_list(uint64_t after, uint64_t uinfo)
{
	struct mk_task_info info;
	struct task *t = task_next_after(after);

	if (!t)
		return -ESRCH;
	memset(&info, 0, sizeof(info));
	info.id = t->id;
	info.parent_id = t->parent ? t->parent->id : 0;
	info.state = t->state ? t->state : MK_TASK_NEW;
	info.threads = t->nthreads;
	info.uid = t->cred.uid;
	info.gid = t->cred.gid;
	info.ns_ipc = t->ns[MK_NS_IPC];
	info.pages_mapped = t->vs.pages_mapped;
	strlcpy(info.name, t->name, sizeof(info.name));
	return copy_to_user(uinfo, &info, sizeof(info));
}

long sys_cred_get(uint64_t ucred)
{
	return copy_to_user(ucred, &self()->cred, sizeof(struct mk_cred));
}

/*
 * A task may lower its own capabilities; changing a uid or gid, or
 * setting another task's credentials (through a handle with
 * MK_RIGHT_CRED), needs MK_CAP_SETUID, and nobody can hand out
 * capabilities it does not hold.
 */
long sys_cred_set(int h, uint64_t ucred)
{
	struct task *me = self(), *t;
	struct mk_cred c;
	int err;

	t = task_of(h, MK_RIGHT_CRED, &err);
	if (!t)
		return err;
	if (copy_from_user(&c, ucred, sizeof(c)))
		return -EFAULT;
	if (c.caps & ~(uint64_t)MK_CAPS_ALL)
		return -EINVAL;
	if (c.caps & ~me->cred.caps)
		return -EPERM;
	if ((t != me || c.uid != me->cred.uid || c.gid != me->cred.gid) &&
		!(me->cred.caps & MK_CAP_SETUID))
		return -EPERM;
	if (t->state == MK_TASK_EXITED)
		return -ESRCH;
	t->cred = c;
	return 0;
}

long sys_ns_get(uint64_t kind)
{
	if (kind >= MK_NS_KINDS)
		return -EINVAL;
	return (long)self()->ns[kind];
}

long sys_ns_set(int h, uint64_t task_id, uint64_t kind, uint64_t label)
{
	struct task *t;
	int err;

	if (!handle_lookup(self(), h, MK_OBJ_NSCTL, MK_RIGHT_NS, &err))
		return err;
	if (kind >= MK_NS_KINDS)
		return -EINVAL;
	t = task_find(task_id);
	if (!t || t->state == MK_TASK_EXITED)
		return -ESRCH;
	t->ns[kind] = label;
	return 0;
}
