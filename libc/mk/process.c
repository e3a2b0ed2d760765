/*
 * Processes by pid: waitpid, wait, kill, getpid and getppid. A pid is the
 * kernel's task id. The kernel waits for and kills tasks through handles,
 * so the children posix_spawn started are kept in a pid -> handle table
 * until they are reaped; a child started otherwise (mk_spawn) is seen by
 * waitpid(-1) but not by pid. See docs/limits.md for what differs from
 * Linux (no process groups, only SIGKILL and SIGTERM).
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk/errno.h"
#include "mk/mk.h"
#include "mk/pidtab.h"
#include "mk/process.h"

static struct mk_pidtab children;

int __mk_children_full(void)
{
	return mk_pidtab_full(&children);
}

long __mk_child_add(int handle)
{
	long pid = mk_task_id(handle);
	long r;

	if (pid < 0)
		return pid;
	r = mk_pidtab_add(&children, (int)pid, handle);
	return r < 0 ? r : pid;
}

/* A child was reaped: forget its pid and close its handle, if it had one. */
static void process_forget(int pid)
{
	int handle = mk_pidtab_remove(&children, pid);

	if (handle >= 0)
		mk_handle_close(handle);
}

/*
 * pid > 0: that child (started by posix_spawn); -1 or 0: any child (all
 * of them are in the caller's one process group); < -1: a process group,
 * and there are none, so ECHILD. WUNTRACED and WCONTINUED are accepted
 * and change nothing: tasks never stop.
 */
pid_t waitpid(pid_t pid, int *status, int options)
{
	struct mk_exit exit;
	int handle = MK_HANDLE_NONE;
	long r;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return __mk_errno(-MK_EINVAL);
	if (pid < -1)
		return __mk_errno(-MK_ECHILD);
	if (pid > 0) {
		handle = mk_pidtab_handle(&children, pid);
		if (handle < 0)
			return __mk_errno(-MK_ECHILD);
	}

	r = mk_task_wait(
		handle, &exit, (options & WNOHANG) ? MK_WAIT_NOHANG : 0);
	if (r <= 0)
		return (pid_t)__mk_result(r);
	process_forget((int)r);
	if (status != NULL)
		*status = exit.status;
	return (pid_t)r;
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* 0 if a task with this id exists (a zombie counts, as on Linux). */
static long process_exists(pid_t pid)
{
	struct mk_task_info info;
	long r = mk_task_list((uint64_t)pid - 1, &info);

	if (r < 0)
		return r;
	if (info.id != (uint64_t)pid)
		return -MK_ESRCH;
	/* Exited without a parent: reaped (orphans reap themselves), and on
	 * Linux its pid is gone; the kernel keeps listing it while something
	 * holds a reference, such as the ipc-ns server's pending exit event. */
	if (info.state == MK_TASK_EXITED && info.parent_id == 0)
		return -MK_ESRCH;
	return 0;
}

/*
 * Signal 0 checks that pid exists. Other signals go to the kernel, which
 * ends the task for the ones it knows (SIGKILL, SIGTERM) and says EINVAL
 * for the rest: the caller itself, or a child from posix_spawn; another
 * existing task is EPERM (no handle to it). As on Linux, a number outside
 * 0..64 is EINVAL before the pid is looked at. XXX: no signal handlers,
 * and no process groups: pid 0 and below fail with ENOSYS.
 */
int kill(pid_t pid, int sig)
{
	int handle;
	long r;

	if (sig < 0 || sig >= NSIG)
		return __mk_errno(-MK_EINVAL);
	if (pid <= 0)
		return __mk_errno(-MK_ENOSYS);
	if (pid == getpid())
		return sig == 0 ? 0 : (int)__mk_result(mk_task_kill(-1, sig));

	handle = mk_pidtab_handle(&children, pid);
	if (handle < 0) {
		r = process_exists(pid);
		if (r == 0 && sig != 0)
			r = -MK_EPERM;
		return (int)__mk_result(r);
	}
	if (sig == 0)
		return 0;
	r = mk_task_kill(handle, sig);
	/* An exited child not yet reaped is a zombie: Linux signals it
	 * without an error, and without effect. */
	if (r == -MK_ESRCH)
		r = 0;
	return (int)__mk_result(r);
}

pid_t getpid(void)
{
	return (pid_t)mk_task_id(MK_HANDLE_NONE);
}

/* The parent's id from the kernel's task list; 0 if the parent is gone
 * (the kernel does not reparent) or for the root task. */
pid_t getppid(void)
{
	struct mk_task_info info;
	pid_t pid = getpid();

	if (mk_task_list((uint64_t)pid - 1, &info) < 0 ||
		info.id != (uint64_t)pid)
		return 0;
	return (pid_t)info.parent_id;
}
