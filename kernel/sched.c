/*
 * The scheduler: per-priority FIFO run queues (highest first), round robin
 * within a priority by time slice, and a sleep queue ordered by deadline.
 * XXX: one set of queues for the boot hart; SMP needs one per hart.
 */
#include "arch/riscv64/csr.h"
#include "kerrno.h"
#include "panic.h"
#include "task.h"
#include "thread.h"
#include "timer.h"
#include "vm.h"

void context_switch(struct context *from, struct context *to);
void fpu_save(struct fp_state *state);
void fpu_restore(const struct fp_state *state);

static struct list run_queue[PRIORITY_LEVELS];
static uint32_t run_bitmap;	/* bit p: run_queue[p] not empty */
static struct list sleep_queue;	/* by wake_time */

void sched_init_hart(struct thread *idle)
{
	int p;

	for (p = 0; p < PRIORITY_LEVELS; p++)
		list_init(&run_queue[p]);
	list_init(&sleep_queue);
	idle->state = THREAD_RUNNING;
	idle->priority = -1;
	list_init(&idle->run_link);
	list_init(&idle->task_link);
	this_cpu()->idle = idle;
	this_cpu()->current = idle;
}

static void run_queue_add(struct thread *t)
{
	list_push_back(&run_queue[t->priority], &t->run_link);
	run_bitmap |= 1u << t->priority;
}

/*
 * The highest set bit of x (not 0). By halves: __builtin_clz would be a
 * call to libgcc's table-driven __clzdi2 (no Zbb in rv64imac), twice as
 * long, on every switch.
 */
static int highest_bit(uint32_t x)
{
	int p = 0;

	if (x >> 16) {
		x >>= 16;
		p += 16;
	}
	if (x >> 8) {
		x >>= 8;
		p += 8;
	}
	if (x >> 4) {
		x >>= 4;
		p += 4;
	}
	if (x >> 2) {
		x >>= 2;
		p += 2;
	}
	return p + (int)(x >> 1);
}

static struct thread *run_queue_take(void)
{
	int p;
	struct list *n;

	if (!run_bitmap)
		return NULL;
	p = highest_bit(run_bitmap);
	n = list_pop_front(&run_queue[p]);
	if (list_empty(&run_queue[p]))
		run_bitmap &= ~(1u << p);
	return list_entry(n, struct thread, run_link);
}

bool sched_has_ready(void)
{
	return run_bitmap != 0;
}

/* FP registers: save the outgoing thread's if dirty, load the incoming's. */
__attribute__((always_inline)) static inline void fpu_switch(
	struct thread *prev, struct thread *next)
{
	struct cpu *c = this_cpu();

	if (prev->tf && (prev->tf->sstatus & SSTATUS_FS_MASK) ==
			SSTATUS_FS_MASK) {
		csr_set(sstatus, SSTATUS_FS_MASK);
		fpu_save(&prev->fp);
		prev->fp_used = true;
		prev->tf->sstatus &= ~SSTATUS_FS_MASK;
		prev->tf->sstatus |= 2UL << 13; /* clean */
		c->fpu_owner = prev;
	}
	if (next->tf && (next->tf->sstatus & SSTATUS_FS_MASK) &&
		c->fpu_owner != next) {
		csr_set(sstatus, SSTATUS_FS_MASK);
		fpu_restore(&next->fp);
		c->fpu_owner = next;
	}
}

/* sched_finish_switch's work, inline in every switch. */
static inline void finish_switch(void)
{
	struct cpu *c = this_cpu();
	struct thread *dead = c->dead;

	/* The exited thread's stack was in use until the switch away. */
	if (dead) {
		c->dead = NULL;
		if (c->fpu_owner == dead)
			c->fpu_owner = NULL;
		thread_free_stack(dead);
		thread_put(dead);
	}
}

/*
 * Run next instead of prev, which is already where it belongs. Inline in
 * both callers, as fpu_switch is: as calls they cost every switch a frame.
 */
__attribute__((always_inline)) static inline void sched_switch(
	struct thread *prev, struct thread *next)
{
	struct cpu *c = this_cpu();

	c->need_resched = false;
	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	next->state = THREAD_RUNNING;
	if (next->slice == 0)
		next->slice = TIME_SLICE_TICKS;
	if (next->task)
		vm_activate(&next->task->vs);
	fpu_switch(prev, next);
	c->current = next;
	context_switch(&prev->ctx, &next->ctx);
	finish_switch();
}

void schedule(void)
{
	struct cpu *c = this_cpu();
	struct thread *prev = c->current, *next;

	if (prev->state == THREAD_RUNNING && prev != c->idle) {
		prev->state = THREAD_READY;
		run_queue_add(prev);
	}
	next = run_queue_take();
	sched_switch(prev, next ? next : c->idle);
}

void sched_finish_switch(void)
{
	finish_switch();
}

long thread_block(struct list *queue, enum block_kind why)
{
	struct thread *t = current();

	/*
	 * A thread of a killed task never waits: the kill woke only the
	 * threads blocked at that moment, so one that blocks later (new, or
	 * woken and looping) would keep its task from ending.
	 */
	if (t->task && t->task->killed)
		return -EINTR;
	t->state = THREAD_BLOCKED;
	t->block = why;
	if (queue)
		list_push_back(queue, &t->run_link);
	schedule();
	t->block = BLOCK_NONE;
	return t->wake_result;
}

long thread_handoff(struct thread *next, long result, struct list *queue,
	enum block_kind why)
{
	struct thread *t = current();

	if (next->state != THREAD_BLOCKED)
		panic("thread_handoff: thread %lu is not blocked", next->id);
	/* Anyone ready at next's priority or above would run first; and a
	 * killed task's thread does not wait: the long way, then. */
	if ((run_bitmap >> next->priority) || (t->task && t->task->killed)) {
		thread_wake(next, result);
		return thread_block(queue, why);
	}
	list_remove(&next->run_link);
	next->wake_result = result;
	t->state = THREAD_BLOCKED;
	t->block = why;
	if (queue)
		list_push_back(queue, &t->run_link);
	sched_switch(t, next);
	t->block = BLOCK_NONE;
	return t->wake_result;
}

void thread_wake(struct thread *t, long result)
{
	if (t->state != THREAD_BLOCKED)
		panic("thread_wake: thread %lu is not blocked", t->id);
	list_remove(&t->run_link);
	t->wake_result = result;
	t->state = THREAD_READY;
	run_queue_add(t);
	if (t->priority > current()->priority)
		this_cpu()->need_resched = true;
}

void thread_start(struct thread *t)
{
	t->state = THREAD_READY;
	run_queue_add(t);
}

void sched_yield(void)
{
	current()->slice = 0;
	schedule();
}

void thread_sleep_until(uint64_t deadline)
{
	struct thread *t = current();
	struct list *pos;

	if (t->task && t->task->killed)
		return; /* as in thread_block */
	t->wake_time = deadline;
	list_for_each(pos, &sleep_queue) {
		if (list_entry(pos, struct thread, run_link)->wake_time >
			deadline)
			break;
	}
	/* Insert before pos, keeping the queue ordered. */
	t->state = THREAD_BLOCKED;
	t->block = BLOCK_SLEEP;
	list_insert_between(&t->run_link, pos->prev, pos);
	schedule();
	t->block = BLOCK_NONE;
}

void sched_tick(void)
{
	struct cpu *c = this_cpu();
	uint64_t now = clock_ticks();
	struct list *n;

	while ((n = sleep_queue.next) != &sleep_queue) {
		struct thread *t = list_entry(n, struct thread, run_link);

		if (t->wake_time > now)
			break;
		thread_wake(t, 0);
	}
	if (c->current != c->idle && c->current->slice > 0 &&
		--c->current->slice == 0)
		c->need_resched = true;
	if (c->current == c->idle && run_bitmap)
		c->need_resched = true;
}

void sched_idle_loop(void)
{
	for (;;) {
		/*
		 * wfi wakes for a pending enabled interrupt even with SIE
		 * off, so none is lost between the check and the wait; it is
		 * then taken on this stack once SIE is set.
		 */
		wait_for_interrupt();
		irq_enable();
		irq_save();
		if (sched_has_ready())
			schedule();
	}
}
