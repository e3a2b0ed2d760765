/*
 * picolibc's <sched.h> plus what Linux's has and picolibc lacks:
 * sched_yield (picolibc declares it only for systems that define
 * _POSIX_THREADS or _POSIX_PRIORITY_SCHEDULING, and so promise much more
 * than libmk has), the clone flags with Linux's values, unshare() and
 * setns().
 * glibc shows the last two only under _GNU_SOURCE; here they are always
 * there, which a program written for Linux cannot tell.
 */
#ifndef MK_SCHED_H
#define MK_SCHED_H

#include_next <sched.h>

#define CLONE_NEWTIME 0x00000080
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_IO 0x80000000

#ifdef __cplusplus
extern "C" {
#endif
int sched_yield(void);

/*
 * Give the caller a new IPC namespace (CLONE_NEWIPC, which needs
 * CAP_SYS_ADMIN). The other namespace kinds do not exist here (EINVAL);
 * CLONE_FS, CLONE_FILES, CLONE_SYSVSEM and the thread flags change
 * nothing in a task of one thread, as on Linux.
 */
int unshare(int flags);

/*
 * Move the caller into the IPC namespace that fd (an open
 * /proc/PID/ns/ipc) stands for; nstype 0 or CLONE_NEWIPC. Needs
 * CAP_SYS_ADMIN. EBADF, EINVAL, EPERM as on Linux.
 */
int setns(int fd, int nstype);
#ifdef __cplusplus
}
#endif

#endif /* MK_SCHED_H */
