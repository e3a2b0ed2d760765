/*
 * The children a program started with posix_spawn, by pid: the kernel
 * names a task to waitpid and kill through a handle, POSIX through the
 * task id (the pid), so libc keeps one handle per pid here until the
 * child is reaped. Pure code (no system calls): the host tests check it.
 */
#ifndef MK_PIDTAB_H
#define MK_PIDTAB_H

/* Children alive or unreaped at once; posix_spawn fails with EAGAIN past
 * it (Linux's answer when a process limit is reached). */
#define MK_PIDTAB_MAX 128

struct mk_pidtab_entry {
	int pid;    /* 0: a free entry */
	int handle; /* the task handle mk_spawn returned */
};

struct mk_pidtab {
	struct mk_pidtab_entry entry[MK_PIDTAB_MAX];
};

/* Record pid's handle. Returns 0, -MK_EAGAIN if the table is full, or
 * -MK_EINVAL if pid is not positive, handle is negative or pid is there
 * already. */
int mk_pidtab_add(struct mk_pidtab *tab, int pid, int handle);

/* The handle recorded for pid, or -1 if there is none. */
int mk_pidtab_handle(const struct mk_pidtab *tab, int pid);

/* Forget pid. Returns the handle it had (for the caller to close), or -1
 * if there was none. */
int mk_pidtab_remove(struct mk_pidtab *tab, int pid);

/* True if no entry is free. */
int mk_pidtab_full(const struct mk_pidtab *tab);

#endif /* MK_PIDTAB_H */
