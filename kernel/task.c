/* Tasks: creation, exit, kill, wait (see task.h). */
#include "arch/riscv64/csr.h"
#include "console.h"
#include "ipc.h"
#include "kerrno.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "panic.h"
#include "task.h"
#include "thread.h"
#include "uaccess.h"

static struct list all_tasks = { &all_tasks, &all_tasks };
static uint64_t next_task_id = 1;

/* struct task is larger than kalloc serves: a page of its own. */
static struct task *task_alloc(void)
{
	paddr_t pa;

	_Static_assert(sizeof(struct task) <= PAGE_SIZE, "task size");
	pa = frame_alloc();
	return pa == FRAME_NONE ? NULL : pa_to_kva(pa);
}

struct task *task_create(struct task *parent, const char *name,
	uint64_t quota)
{
	struct task *t = task_alloc();

	if (!t)
		return NULL;
	t->id = next_task_id;
	if (task_events_alloc(t)) {
		frame_free(kva_to_pa(t));
		return NULL;
	}
	if (vm_space_init(&t->vs, t->id)) {
		task_events_free(t);
		frame_free(kva_to_pa(t));
		return NULL;
	}
	next_task_id++;
	t->refs = 1; /* the parent link, or for a root task its own life */
	handle_table_init(&t->handles);
	strlcpy(t->name, name, sizeof(t->name));
	list_init(&t->children);
	list_init(&t->sibling);
	list_init(&t->threads);
	list_init(&t->child_waiters);
	list_push_back(&all_tasks, &t->all_link);
	t->mem_quota = quota;
	if (parent) {
		t->parent = parent;
		t->cred = parent->cred;
		memcpy(t->ns, parent->ns, sizeof(t->ns));
		list_push_back(&parent->children, &t->sibling);
	}
	task_events_new(t);
	return t;
}

void task_get(struct task *t)
{
	t->refs++;
}

void task_put(struct task *t)
{
	if (--t->refs > 0)
		return;
	if (t->state != MK_TASK_EXITED && t->state != 0)
		panic("task_put: task %lu freed while alive", t->id);
	list_remove(&t->all_link);
	if (t->vs.root)
		vm_space_destroy(&t->vs, MK_UNMAP_EXIT);
	handle_table_destroy(t);
	task_events_free(t);
	frame_free(kva_to_pa(t));
}

struct task *task_find(uint64_t id)
{
	struct list *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_link);

		if (t->id == id)
			return t;
	}
	return NULL;
}

struct task *task_next_after(uint64_t id)
{
	struct list *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_link);

		if (t->id > id)
			return t;
	}
	return NULL;
}

void task_kill(struct task *t, int status)
{
	struct list *pos;

	if (t->killed || t->state == MK_TASK_EXITED)
		return;
	t->killed = true;
	t->kill_status = status;
	list_for_each(pos, &t->threads) {
		struct thread *th = list_entry(pos, struct thread, task_link);

		if (th->state != THREAD_BLOCKED)
			continue;
		if (th->block == BLOCK_REPLY)
			th->ipc.seq++; /* its reply handle goes stale */
		thread_wake(th, -EINTR);
	}
	/* A task killed before it started has no thread to finish it. */
	if (t->nthreads == 0 && t->state == 0)
		task_exited(t);
}

/* Reap an exited child: the parent's reference goes. */
static void task_reap(struct task *child)
{
	list_remove(&child->sibling);
	child->parent = NULL;
	task_put(child);
}

void task_discard(struct task *t)
{
	task_kill(t, MK_SIGKILL); /* never started: it exits at once */
	task_reap(t);
}

static void task_wake_waiters(struct task *parent)
{
	struct list *n;

	while ((n = parent->child_waiters.next) != &parent->child_waiters)
		thread_wake(list_entry(n, struct thread, run_link), 0);
}

/*
 * Each task holds one reference for its life: dropped when its parent
 * reaps it, or at its exit when it has no parent (the root task, orphans).
 */
void task_exited(struct task *t)
{
	struct task *parent = t->parent;
	struct list *pos, *tmp;
	uint32_t reason = MK_UNMAP_EXIT;

	if (t->kill_status & 0x7f)
		reason = MK_UNMAP_KILL;
	t->state = MK_TASK_EXITED;
	t->exit_status = t->kill_status;
	task_events_exit(t);
	vm_space_destroy(&t->vs, reason);
	handle_table_destroy(t);

	list_for_each_safe(pos, tmp, &t->children) {
		struct task *c = list_entry(pos, struct task, sibling);

		if (c->state == MK_TASK_EXITED) {
			task_reap(c);
			continue;
		}
		list_remove(&c->sibling);
		c->parent = NULL;
		/* Nobody can start it any more. */
		if (c->state == 0)
			task_kill(c, MK_SIGKILL);
	}
	if (parent) {
		task_wake_waiters(parent);
	} else {
		if (t->id == 1)
			root_task_exited(t->exit_status);
		task_put(t);
	}
}

static const char *signal_name(int signal)
{
	switch (signal) {
	case MK_SIGILL:
		return "illegal instruction";
	case MK_SIGBUS:
		return "bus error";
	case MK_SIGTRAP:
		return "trace/breakpoint trap";
	case MK_SIGSEGV:
		return "segmentation fault";
	default:
		return "signal";
	}
}

void task_fault(struct trap_frame *tf, int signal)
{
	struct task *t = current()->task;

	kprintf("task %lu (%s) killed: %s at 0x%lx pc 0x%lx (%s)\n", t->id,
		t->name, trap_cause_name(tf->scause), tf->stval, tf->sepc,
		signal_name(signal));
	task_kill(t, signal);
}
