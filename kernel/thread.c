/* Thread creation and exit. */
#include "arch/riscv64/csr.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "panic.h"
#include "task.h"
#include "thread.h"

static uint64_t next_thread_id = 1;

/* Space for struct thread: larger than kalloc serves, so a page of its own. */
static struct thread *thread_alloc(void)
{
	paddr_t pa;

	_Static_assert(sizeof(struct thread) <= PAGE_SIZE, "thread size");
	pa = frame_alloc();
	return pa == FRAME_NONE ? NULL : pa_to_kva(pa);
}

struct thread *thread_create(struct task *task, uint64_t pc, uint64_t sp,
	uint64_t a0, uint64_t a1)
{
	struct thread *t;
	paddr_t stack;

	if (task->nthreads >= TASK_MAX_THREADS)
		return NULL;
	t = thread_alloc();
	if (!t)
		return NULL;
	stack = frame_alloc_contig(KSTACK_PAGES);
	if (stack == FRAME_NONE) {
		frame_free(kva_to_pa(t));
		return NULL;
	}
	t->id = next_thread_id++;
	t->task = task;
	t->priority = PRIORITY_DEFAULT;
	t->refs = 1;
	t->kstack = pa_to_kva(stack);
	list_init(&t->run_link);
	t->ipc.handle = -1;

	/* The user frame at the top of the stack; the stack grows below. */
	t->tf = (struct trap_frame *)((char *)t->kstack +
		KSTACK_PAGES * PAGE_SIZE - sizeof(struct trap_frame));
	t->tf->sepc = pc;
	t->tf->regs[2] = sp;
	t->tf->regs[10] = a0;
	t->tf->regs[11] = a1;
	t->tf->sstatus = SSTATUS_SPIE; /* user mode, interrupts on, FP off */
	t->ctx.ra = (uint64_t)thread_first_entry;
	t->ctx.sp = (uint64_t)t->tf;

	list_push_back(&task->threads, &t->task_link);
	task->nthreads++;
	return t;
}

void thread_free(struct thread *t)
{
	if (this_cpu()->fpu_owner == t)
		this_cpu()->fpu_owner = NULL;
	thread_free_stack(t);
	frame_free(kva_to_pa(t));
}

void thread_free_stack(struct thread *t)
{
	if (t->kstack)
		frame_free_range(kva_to_pa(t->kstack), KSTACK_PAGES);
	t->kstack = NULL;
	t->tf = NULL;
}

void thread_exit(void)
{
	struct thread *t = current();
	struct task *task = t->task;

	ipc_cancel(t);
	list_remove(&t->task_link);
	t->state = THREAD_DEAD;
	t->ipc.seq++; /* no reply can reach it any more */
	if (--task->nthreads == 0)
		task_exited(task);
	/* Freed by the next thread, once this stack is no longer in use. */
	this_cpu()->dead = t;
	schedule();
	panic("thread_exit: a dead thread ran again");
}
