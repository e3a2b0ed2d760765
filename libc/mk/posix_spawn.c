/*
 * posix_spawn and posix_spawnp over mk_spawn, and their attribute and
 * file-action objects; see <spawn.h>. A started child's task handle goes
 * into the pid table (process.c), where waitpid and kill find it. Errors
 * are returned as error numbers; errno is left alone (as POSIX says).
 */
#include <errno.h>
#include <spawn.h>
#include <string.h>

#include "mk/errno.h"
#include "mk/mk.h"
#include "mk/process.h"
#include "mk/progname.h"
#include "mk/spawn.h"

#define SPAWN_FLAGS_KNOWN                                                      \
	(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP |                        \
		POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |               \
		POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER |         \
		POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID)

/*
 * The flags a new task satisfies as it is: it has one uid (RESETIDS),
 * every signal at its default action (SETSIGDEF), and vfork means nothing
 * here. XXX: no process groups, sessions, scheduling policies or signal
 * masks: SETPGROUP, SETSID, SETSCHED* and a non-empty SETSIGMASK fail
 * with ENOSYS.
 */
#define SPAWN_FLAGS_DONE                                                       \
	(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_USEVFORK)

/* 0 if attr asks only for what this system does, else ENOSYS. */
static int spawn_attr_check(const posix_spawnattr_t *attr)
{
	sigset_t empty;

	if (attr == NULL)
		return 0;
	if (attr->flags & ~(SPAWN_FLAGS_DONE | POSIX_SPAWN_SETSIGMASK))
		return ENOSYS;
	sigemptyset(&empty);
	if ((attr->flags & POSIX_SPAWN_SETSIGMASK) &&
		memcmp(&attr->sigmask, &empty, sizeof(empty)) != 0)
		return ENOSYS;
	return 0;
}

/* Both spawns: the path rule is the same for each (see progname.h). */
static int spawn_start(pid_t *pid, const char *path,
	const posix_spawn_file_actions_t *actions,
	const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	const char *name;
	long r;
	int task;

	/* XXX: file actions are not run: any at all fail with ENOSYS. */
	if (actions != NULL && actions->actions != 0)
		return ENOSYS;
	r = spawn_attr_check(attr);
	if (r != 0)
		return (int)r;
	if (path == NULL)
		return EFAULT;
	r = mk_program_name(path, &name);
	if (r < 0)
		return __mk_errno_value(r);
	if (__mk_children_full())
		return EAGAIN;

	if (attr != NULL && attr->nsflags != 0) {
		struct mk_spawn_attr sa = {0};

		sa.clone_flags = attr->nsflags;
		task = mk_spawn(name, argv, envp, &sa);
	} else {
		task = mk_spawn(name, argv, envp, NULL);
	}
	if (task < 0)
		return __mk_errno_value(task);
	r = __mk_child_add(task);
	if (r < 0) {
		mk_task_kill(task, MK_SIGKILL);
		mk_wait(task, NULL);
		mk_handle_close(task);
		return __mk_errno_value(r);
	}
	if (pid != NULL)
		*pid = (pid_t)r;
	return 0;
}

int posix_spawn(pid_t *__restrict pid, const char *__restrict path,
	const posix_spawn_file_actions_t *file_actions,
	const posix_spawnattr_t *__restrict attr, char *const argv[],
	char *const envp[])
{
	return spawn_start(pid, path, file_actions, attr, argv, envp);
}

int posix_spawnp(pid_t *__restrict pid, const char *__restrict file,
	const posix_spawn_file_actions_t *file_actions,
	const posix_spawnattr_t *__restrict attr, char *const argv[],
	char *const envp[])
{
	return spawn_start(pid, file, file_actions, attr, argv, envp);
}

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	sigemptyset(&attr->sigdefault);
	sigemptyset(&attr->sigmask);
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	(void)attr;
	return 0;
}

int posix_spawnattr_getflags(
	const posix_spawnattr_t *__restrict attr, short *__restrict flags)
{
	*flags = attr->flags;
	return 0;
}

/* Unknown bits are EINVAL here, as in glibc; unsupported ones are
 * accepted and refused by posix_spawn. */
int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	if (flags & ~SPAWN_FLAGS_KNOWN)
		return EINVAL;
	attr->flags = flags;
	return 0;
}

int posix_spawnattr_setnsflags(posix_spawnattr_t *attr, unsigned long flags)
{
	if (flags & ~(unsigned long)(CLONE_NEWIPC | CLONE_SYSVSEM))
		return EINVAL;
	attr->nsflags = flags;
	return 0;
}

int posix_spawnattr_getnsflags(
	const posix_spawnattr_t *__restrict attr, unsigned long *__restrict flags)
{
	*flags = attr->nsflags;
	return 0;
}

int posix_spawnattr_getpgroup(
	const posix_spawnattr_t *__restrict attr, pid_t *__restrict pgroup)
{
	*pgroup = attr->pgroup;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	attr->pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getsigdefault(
	const posix_spawnattr_t *__restrict attr, sigset_t *__restrict set)
{
	*set = attr->sigdefault;
	return 0;
}

int posix_spawnattr_setsigdefault(
	posix_spawnattr_t *__restrict attr, const sigset_t *__restrict set)
{
	attr->sigdefault = *set;
	return 0;
}

int posix_spawnattr_getsigmask(
	const posix_spawnattr_t *__restrict attr, sigset_t *__restrict set)
{
	*set = attr->sigmask;
	return 0;
}

int posix_spawnattr_setsigmask(
	posix_spawnattr_t *__restrict attr, const sigset_t *__restrict set)
{
	attr->sigmask = *set;
	return 0;
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *actions)
{
	memset(actions, 0, sizeof(*actions));
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *actions)
{
	(void)actions;
	return 0;
}

/*
 * The add functions check their descriptors as Linux does (EBADF for a
 * negative one) and count the action; posix_spawn then refuses to run a
 * list that is not empty (see spawn_start).
 */
static int spawn_action_add(posix_spawn_file_actions_t *actions, int fd)
{
	if (fd < 0)
		return EBADF;
	actions->actions++;
	return 0;
}

int posix_spawn_file_actions_addclose(
	posix_spawn_file_actions_t *actions, int fd)
{
	return spawn_action_add(actions, fd);
}

int posix_spawn_file_actions_adddup2(
	posix_spawn_file_actions_t *actions, int fd, int newfd)
{
	if (newfd < 0)
		return EBADF;
	return spawn_action_add(actions, fd);
}

int posix_spawn_file_actions_addopen(
	posix_spawn_file_actions_t *__restrict actions, int fd,
	const char *__restrict path, int oflag, mode_t mode)
{
	(void)path;
	(void)oflag;
	(void)mode;
	return spawn_action_add(actions, fd);
}
