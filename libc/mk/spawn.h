/*
 * Starting programs from the boot image, and waiting for them.
 *
 * mk_spawn loads a static ELF program from the boot image (the cpio
 * archive behind MK_HANDLE_BOOTFS) into a new task and starts it with a
 * start block like the root task's (a1 = 0). The child's handle table
 * gets, in this order:
 *   slot 0: the caller's MK_HANDLE_BOOTFS (always: spawn needs it);
 *   slot 1: the caller's MK_HANDLE_IPCNS, if the caller has one (and
 *           attr->flags has no MK_SPAWN_NO_IPCNS);
 *   then:   attr->handles[], in order.
 * A caller without an IPCNS handle gives nothing for slot 1, so the extra
 * handles then start at slot 1: use attr->given to learn where they went.
 * Given handles keep the caller's rights unless attr says fewer.
 */
#ifndef MK_SPAWN_H
#define MK_SPAWN_H

#include <stddef.h>
#include <stdint.h>

#define MK_SPAWN_HANDLES_MAX 8
#define MK_SPAWN_NO_IPCNS 1 /* flags: the child gets no ipc-ns endpoint */

struct mk_spawn_attr {
	uint64_t mem_quota_pages;	       /* 0: the kernel's default */
	int handle_count;		       /* entries used in handles[] */
	int handles[MK_SPAWN_HANDLES_MAX];     /* the caller's handles */
	uint32_t rights[MK_SPAWN_HANDLES_MAX]; /* 0: the caller's rights */
	int *given; /* NULL, or handle_count slots: each handle's number
		     * in the child */
	unsigned flags;	      /* MK_SPAWN_* */
	unsigned handle_limit; /* 0: the kernel's default (1024); more needs
				* MK_CAP_SYS_RESOURCE above the caller's own */
	uint64_t clone_flags; /* Linux's CLONE_NEWIPC, CLONE_SYSVSEM: the
			       * ipc-ns server places the child before it
			       * starts (CLONE_NEWIPC: a new namespace) */
};

/*
 * Start the boot-image program `name` in a new task with argv (NULL:
 * { name }) and envp (NULL: empty); attr may be NULL. Returns the task
 * handle (with every right: wait for it, kill it) or a negative errno:
 * -MK_ENOENT (no such program), -MK_ENOEXEC (not a valid program),
 * -MK_E2BIG (argv and envp too large), -MK_EINVAL (bad argument, or
 * CLONE_NEWIPC with CLONE_SYSVSEM), -MK_EPERM (CLONE_NEWIPC without
 * MK_CAP_SYS_ADMIN), or what the kernel or the ipc-ns server said. On
 * failure nothing of the child is left behind.
 */
int mk_spawn(const char *name, char *const argv[], char *const envp[],
	const struct mk_spawn_attr *attr);

/*
 * Wait for the child task (or -1: any child) to exit and reap it. Returns
 * its task id with *status (if not NULL) its Linux wait status (decode it
 * with <sys/wait.h>), or a negative errno (-MK_ECHILD: none to wait for).
 */
long mk_wait(int task, int *status);

/*
 * Why the last mk_spawn that failed with -MK_ENOEXEC rejected the program
 * (a static string from the ELF checks), or NULL after any other result.
 */
const char *mk_spawn_why(void);

/*
 * Map the boot image read-only into the caller, once: later calls return
 * the same mapping. Returns 0 with *base and *size, or a negative errno.
 */
int mk_bootfs_map(const void **base, size_t *size);

#endif /* MK_SPAWN_H */
