/*
 * posix_spawn for this system, in place of picolibc's <spawn.h>:
 * picolibc implements none of it, and its declarations make the attribute
 * and file-action types pointers to allocated objects (BSD's choice),
 * where Linux's C libraries use plain structures that need no malloc.
 * These are plain structures, and the flag values are Linux's (glibc).
 *
 * What a program name resolves to: libc/mk/progname.h (the last path
 * component names a boot-image program; no PATH search). What is not
 * supported (ENOSYS from posix_spawn): any file action, the SETPGROUP,
 * SETSID and scheduler flags, and a non-empty SETSIGMASK mask; see
 * docs/limits.md.
 */
#ifndef MK_SPAWN_POSIX_H
#define MK_SPAWN_POSIX_H

#include <sched.h>
#include <signal.h>
#include <sys/types.h>

#define POSIX_SPAWN_RESETIDS 0x01
#define POSIX_SPAWN_SETPGROUP 0x02
#define POSIX_SPAWN_SETSIGDEF 0x04
#define POSIX_SPAWN_SETSIGMASK 0x08
#define POSIX_SPAWN_SETSCHEDPARAM 0x10
#define POSIX_SPAWN_SETSCHEDULER 0x20
#define POSIX_SPAWN_USEVFORK 0x40
#define POSIX_SPAWN_SETSID 0x80

typedef struct {
	short flags;
	pid_t pgroup;
	sigset_t sigdefault;
	sigset_t sigmask;
	unsigned long nsflags; /* posix_spawnattr_setnsflags */
	int reserved[14];
} posix_spawnattr_t;

typedef struct {
	int actions; /* how many were added: posix_spawn runs none */
	int reserved[16];
} posix_spawn_file_actions_t;

#ifdef __cplusplus
extern "C" {
#endif

int posix_spawn(pid_t *__restrict pid, const char *__restrict path,
	const posix_spawn_file_actions_t *file_actions,
	const posix_spawnattr_t *__restrict attr, char *const argv[],
	char *const envp[]);
int posix_spawnp(pid_t *__restrict pid, const char *__restrict file,
	const posix_spawn_file_actions_t *file_actions,
	const posix_spawnattr_t *__restrict attr, char *const argv[],
	char *const envp[]);

int posix_spawnattr_init(posix_spawnattr_t *attr);
int posix_spawnattr_destroy(posix_spawnattr_t *attr);
int posix_spawnattr_getflags(
	const posix_spawnattr_t *__restrict attr, short *__restrict flags);
int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags);
int posix_spawnattr_getpgroup(
	const posix_spawnattr_t *__restrict attr, pid_t *__restrict pgroup);
int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup);
int posix_spawnattr_getsigdefault(
	const posix_spawnattr_t *__restrict attr, sigset_t *__restrict set);
int posix_spawnattr_setsigdefault(
	posix_spawnattr_t *__restrict attr, const sigset_t *__restrict set);
int posix_spawnattr_getsigmask(
	const posix_spawnattr_t *__restrict attr, sigset_t *__restrict set);
int posix_spawnattr_setsigmask(
	posix_spawnattr_t *__restrict attr, const sigset_t *__restrict set);

/*
 * An extension of this system's (Linux's posix_spawn has none): spawn
 * the child with clone flags, as clone() would. CLONE_NEWIPC gives it a
 * new IPC namespace (CAP_SYS_ADMIN, else posix_spawn fails with EPERM);
 * CLONE_SYSVSEM alone changes nothing yet; both together make
 * posix_spawn fail with EINVAL, as clone does. Other bits: EINVAL here.
 */
int posix_spawnattr_setnsflags(posix_spawnattr_t *attr, unsigned long flags);
int posix_spawnattr_getnsflags(
	const posix_spawnattr_t *__restrict attr, unsigned long *__restrict flags);

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *actions);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *actions);
int posix_spawn_file_actions_addclose(
	posix_spawn_file_actions_t *actions, int fd);
int posix_spawn_file_actions_adddup2(
	posix_spawn_file_actions_t *actions, int fd, int newfd);
int posix_spawn_file_actions_addopen(
	posix_spawn_file_actions_t *__restrict actions, int fd,
	const char *__restrict path, int oflag, mode_t mode);

#ifdef __cplusplus
}
#endif

#endif /* MK_SPAWN_POSIX_H */
