/*
 * Threads and the scheduler.
 *
 * Every thread has its own kernel stack, with its user trap frame at the
 * top; a thread that blocks in a system call sleeps on that stack. The
 * kernel is not preemptible: interrupts stay off in kernel mode except in
 * the idle loop, so kernel code runs to its next block without locks on
 * one hart. XXX: SMP needs a lock around all of it (the big kernel lock).
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/riscv64/trap.h"
#include "cpu.h"
#include "ipc.h"
#include "lib/list.h"

#define KSTACK_PAGES 4
#define PRIORITY_LEVELS 32
#define PRIORITY_DEFAULT 16
#define TIME_SLICE_TICKS 2

struct task;

struct context {
	uint64_t ra, sp, s[12];
};

struct fp_state {
	uint64_t f[32];
	uint64_t fcsr;
};

enum thread_state {
	THREAD_READY,
	THREAD_RUNNING,
	THREAD_BLOCKED,
	THREAD_DEAD,
};

/* What a blocked thread waits for. */
enum block_kind {
	BLOCK_NONE,
	BLOCK_SLEEP,	/* a time (on the sleep queue) */
	BLOCK_CALL,	/* a receiver (on an endpoint's senders) */
	BLOCK_REPLY,	/* a reply (held by a reply handle, on no queue) */
	BLOCK_RECEIVE,	/* a caller or notification (on receivers) */
	BLOCK_WAIT,	/* a child's exit (on the task's child_waiters) */
	BLOCK_CONSOLE,	/* console input */
};

struct thread {
	struct context ctx;
	uint64_t id;
	struct task *task;		/* NULL for idle threads */
	enum thread_state state;
	int priority;
	unsigned slice;			/* ticks left */
	int refs;			/* the task's list + reply handles */
	struct list run_link;		/* a run queue or a wait queue */
	struct list task_link;		/* task->threads */
	enum block_kind block;
	long wake_result;		/* what the blocking call returns */
	uint64_t wake_time;		/* BLOCK_SLEEP deadline, clock ticks */
	void *kstack;			/* lowest address of the kernel stack */
	struct trap_frame *tf;		/* user registers, top of kstack */
	struct ipc_state ipc;
	bool fp_used;			/* fp holds this thread's saved state */
	struct fp_state fp;
};

/* The thread running on this hart. */
static inline struct thread *current(void)
{
	return this_cpu()->current;
}

/* Make the calling context this hart's idle thread and start scheduling. */
void sched_init_hart(struct thread *idle);

/*
 * A new user thread of `task` that will start at pc with sp, a0 and a1;
 * not yet runnable (thread_start). NULL when out of memory.
 */
struct thread *thread_create(struct task *task, uint64_t pc, uint64_t sp,
	uint64_t a0, uint64_t a1);

/* Make a new thread runnable. */
void thread_start(struct thread *t);

/* Free a dead thread's kernel stack (its struct may live on). */
void thread_free_stack(struct thread *t);

/* Free a thread whose last reference is gone (thread_put). */
void thread_free(struct thread *t);

/* Drop a reference; the last one frees the thread. */
static inline void thread_put(struct thread *t)
{
	if (--t->refs == 0)
		thread_free(t);
}

/* End the calling thread (its task may live on). Does not return. */
__attribute__((__noreturn__)) void thread_exit(void);

/*
 * Block the current thread: put it on `queue` (may be NULL) and run
 * something else. Returns the result given to thread_wake.
 */
long thread_block(struct list *queue, enum block_kind why);

/* Make a blocked thread runnable, its thread_block returning `result`. */
void thread_wake(struct thread *t, long result);

/*
 * thread_wake(next, result), then thread_block(queue, why), in one step:
 * the hand-off of message passing. When next is the thread the scheduler
 * would pick (none is ready at its priority or above), it is switched to
 * at once, past the run queue.
 */
long thread_handoff(struct thread *next, long result, struct list *queue,
	enum block_kind why);

/* Put the current thread behind the others of its priority; run another. */
void sched_yield(void);

/* Pick the next thread and switch to it (current may stay ready). */
void schedule(void);

/* Whether a thread other than idle is ready on this hart. */
bool sched_has_ready(void);

/* Timer tick: wake sleepers, charge the time slice. */
void sched_tick(void);

/* Sleep the current thread until clock tick `deadline`. */
void thread_sleep_until(uint64_t deadline);

/* Called by a new thread's first run and after each switch. */
void sched_finish_switch(void);

/* The idle loop of a hart: wait for interrupts, run what becomes ready. */
__attribute__((__noreturn__)) void sched_idle_loop(void);

#endif
