/*
 * The ipc-ns server's protocol: what libc sends through MK_HANDLE_IPCNS.
 *
 * A request is one SYS_CALL: msg.label is an IPCNS_* code, the arguments
 * are in msg.w[], and bulk arguments (shmctl's structures) travel as the
 * message's out-of-line bytes. The reply's label is the call's result, a
 * value >= 0 or a negative Linux errno, as the system call would return
 * it on Linux. The server takes the caller's identity (task id, uid, gid,
 * capabilities, IPC namespace) only from the kernel's stamp; nothing in a
 * request is trusted, and a malformed one gets -EINVAL, never a crash.
 */
#ifndef MK_IPCNS_H
#define MK_IPCNS_H

enum ipcns_request {
	/* shmget(key, size, shmflg): w0 key, w1 size, w2 shmflg -> shmid. */
	IPCNS_SHMGET = 1,

	/*
	 * shmat(shmid, shmaddr, shmflg): w0 shmid, w1 shmaddr (as given),
	 * w2 shmflg. The caller's grant window names where (shmaddr after
	 * SHM_RND, or 0) and MK_MAP_FIXED_REPLACE for SHM_REMAP. -> 0 with
	 * the segment mapped at msg.grant.addr and the server's task id in
	 * w0 (shmdt checks that a mapping is one of its grants).
	 */
	IPCNS_SHMAT,

	/*
	 * shmctl(shmid, cmd, buf): w0 shmid, w1 cmd; the bytes of *buf that
	 * cmd reads (IPC_SET: a struct shmid_ds) go out of line, and the
	 * answer (IPC_STAT, SHM_STAT*, IPC_INFO, SHM_INFO) comes back into
	 * the caller's buffer -> shmctl's result.
	 */
	IPCNS_SHMCTL,

	/* unshare(flags), the IPC part: w0 the clone flags -> 0. */
	IPCNS_UNSHARE,

	/*
	 * Spawning with clone flags: the caller moves a handle (with
	 * MK_RIGHT_START) to its child, created and not yet started; w0 the
	 * clone flags. With CLONE_NEWIPC the child gets a new namespace.
	 * -> 0; the server closes the handle either way.
	 */
	IPCNS_SPAWN,

	/*
	 * A namespace's number, the one Linux would show as the inode of
	 * /proc/PID/ns/ipc: w0 a namespace label (SYS_NS_GET gives the
	 * caller's, SYS_TASK_LIST any task's) -> the number, or -ENOENT.
	 */
	IPCNS_NS_ID,

	/*
	 * open("/proc/PID/ns/ipc"): w0 the task id, 0 for the caller -> 0
	 * with a namespace handle (a token) moved in the reply and the
	 * namespace's number in w0. -ENOENT (no such task), -EACCES (not the
	 * caller's uid and no CAP_SYS_ADMIN), -ENFILE (too many open).
	 */
	IPCNS_NS_OPEN,

	/*
	 * setns(fd, nstype): w0 nstype; the caller moves a copy of the
	 * namespace handle -> 0, the caller in that namespace. -EINVAL (not
	 * a namespace handle of this server, or nstype neither 0 nor
	 * CLONE_NEWIPC), -EPERM (no CAP_SYS_ADMIN).
	 */
	IPCNS_SETNS,

	/*
	 * The caller's namespace's kernel.shmmax, shmall or shmmni
	 * (/proc/sys/kernel/...): w0 an IPCNS_SYSCTL_*, w1 1 to set it to
	 * w2 -> 0, the value (after a set, the new one) in w0. Setting
	 * needs uid 0 or CAP_SYS_ADMIN (-EPERM); shmmni is 0 to 32768
	 * (-EINVAL).
	 */
	IPCNS_SYSCTL,

	IPCNS_REQUEST_END
};

enum ipcns_sysctl {
	IPCNS_SYSCTL_SHMMAX,
	IPCNS_SYSCTL_SHMALL,
	IPCNS_SYSCTL_SHMMNI,
	IPCNS_SYSCTL_END
};

/* Notification bits of the server's endpoint. */
#define IPCNS_NOTIFY_EVENTS 1ull /* unmap and task events are queued */

/* The number Linux gives the initial IPC namespace (PROC_IPC_INIT_INO). */
#define IPCNS_INIT_NS_ID 4026531839u

#endif
