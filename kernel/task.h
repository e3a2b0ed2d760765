/*
 * Tasks: an address space, a handle table, credentials, namespace labels
 * and threads. A task's parent can wait for its exit and reap it.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "handle.h"
#include "lib/list.h"
#include "mk/abi.h"
#include "task_events.h"
#include "vm.h"

#define TASK_MAX_THREADS 64
#define TASK_DEFAULT_QUOTA (1u << 16) /* pages of memory objects: 256 MiB */

struct thread;
struct trap_frame;

struct task {
	int refs;		/* handles, the parent's child link, objects */
	uint64_t id;
	char name[MK_TASK_NAME_MAX];
	uint32_t state;		/* 0 new, MK_TASK_RUNNING, MK_TASK_EXITED */
	int exit_status;	/* Linux wait status */
	bool killed;		/* threads exit at their next chance */
	int kill_status;
	struct task *parent;	/* NULL for the root task and orphans */
	struct list children;
	struct list sibling;
	struct list all_link;	/* every task, by id */
	struct vmspace vs;
	struct handle_table handles;
	struct mk_cred cred;
	uint64_t ns[MK_NS_KINDS];
	struct list threads;
	unsigned nthreads;
	struct list child_waiters; /* this task's threads in task_wait */
	uint64_t mem_quota, mem_used; /* pages */
	struct task_event_set events; /* for the namespace watchers */
};

/* A new task with no threads, inheriting the creator's identity, or NULL. */
struct task *task_create(struct task *parent, const char *name,
	uint64_t quota);

void task_get(struct task *t);
void task_put(struct task *t);

/*
 * Undo a child that was never started and that its parent holds no
 * handle to: it exits and is reaped at once, leaving nothing behind.
 */
void task_discard(struct task *t);

/* Mark t killed with a wait status; wake its blocked threads. */
void task_kill(struct task *t, int status);

/* Called as the last thread of t ends. */
void task_exited(struct task *t);

/* The root task has exited: power off with its status. */
void root_task_exited(int status);

/* Print "task 7 (name) killed: ..." and kill the current task. */
void task_fault(struct trap_frame *tf, int signal);

/* The task with this id, alive or a zombie; NULL if none. */
struct task *task_find(uint64_t id);

/* The task with the lowest id above `id`, or NULL. */
struct task *task_next_after(uint64_t id);

long sys_task_create(uint64_t uname, uint64_t len, uint64_t quota);
long sys_task_start(int h, uint64_t pc, uint64_t sp, uint64_t a0,
	uint64_t a1);
long sys_task_wait(int h, uint64_t uexit, uint64_t flags);
long sys_task_kill(int h, uint64_t signal);
long sys_task_give(int h, int handle, uint64_t rights);
long sys_task_id(int h);
long sys_task_handles(int h, uint64_t limit);
long sys_task_list(uint64_t after, uint64_t uinfo);
long sys_cred_get(uint64_t ucred);
long sys_cred_set(int h, uint64_t ucred);
long sys_ns_get(uint64_t kind);
long sys_ns_set(int h, uint64_t task_id, uint64_t kind, uint64_t label);
long sys_thread_create(uint64_t pc, uint64_t sp, uint64_t arg);

#endif
