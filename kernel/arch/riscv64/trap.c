/* Kernel trap dispatch, fault recovery and the report of unexpected traps. */
#include <stddef.h>

#include "arch/riscv64/csr.h"
#include "arch/riscv64/trap.h"
#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "kerrno.h"
#include "panic.h"
#include "platform.h"
#include "syscall.h"
#include "task.h"
#include "thread.h"
#include "timer.h"

/* What trap_entry.S knows of C (trap.h). */
_Static_assert(TRAP_SYS_CALL == SYS_CALL, "TRAP_SYS_CALL");
_Static_assert(TRAP_SYS_REPLY_RECEIVE == SYS_REPLY_RECEIVE,
	"TRAP_SYS_REPLY_RECEIVE");
_Static_assert(CPU_CURRENT == offsetof(struct cpu, current), "CPU_CURRENT");
_Static_assert(CPU_NEED_RESCHED == offsetof(struct cpu, need_resched) &&
	sizeof(((struct cpu *)0)->need_resched) == 1, "CPU_NEED_RESCHED");
_Static_assert(THREAD_TASK == offsetof(struct thread, task), "THREAD_TASK");
_Static_assert(TASK_KILLED == offsetof(struct task, killed) &&
	sizeof(((struct task *)0)->killed) == 1, "TASK_KILLED");

extern char trap_vector[];
extern const struct extable_entry __extable_start[], __extable_end[];

void trap_init(void)
{
	csr_write(stvec, (uint64_t)trap_vector);
	csr_write(sscratch, 0);
}

const char *trap_cause_name(uint64_t scause)
{
	static const char *const names[] = {
		[EXC_INST_MISALIGNED] = "instruction address misaligned",
		[EXC_INST_ACCESS] = "instruction access fault",
		[EXC_ILLEGAL_INST] = "illegal instruction",
		[EXC_BREAKPOINT] = "breakpoint",
		[EXC_LOAD_MISALIGNED] = "load address misaligned",
		[EXC_LOAD_ACCESS] = "load access fault",
		[EXC_STORE_MISALIGNED] = "store address misaligned",
		[EXC_STORE_ACCESS] = "store access fault",
		[EXC_ECALL_U] = "environment call from U-mode",
		[EXC_ECALL_S] = "environment call from S-mode",
		[EXC_INST_PAGE_FAULT] = "instruction page fault",
		[EXC_LOAD_PAGE_FAULT] = "load page fault",
		[EXC_STORE_PAGE_FAULT] = "store page fault",
	};

	if (scause & SCAUSE_INTERRUPT)
		return "interrupt";
	if (scause < sizeof(names) / sizeof(names[0]) && names[scause])
		return names[scause];
	return "unknown exception";
}

/* Resume a faulting instruction listed in the exception table, if it is. */
static int trap_fixup(struct trap_frame *tf)
{
	const struct extable_entry *e;

	for (e = __extable_start; e < __extable_end; e++) {
		if (e->insn == tf->sepc) {
			tf->sepc = e->fixup;
			tf->regs[10] = (uint64_t)-EFAULT;
			this_cpu()->last_fixup_cause = tf->scause;
			return 1;
		}
	}
	return 0;
}

static void trap_interrupt(uint64_t code)
{
	switch (code) {
	case IRQ_S_TIMER:
		timer_interrupt();
		sched_tick();
		break;
	case IRQ_S_EXTERNAL:
		board_irq_handle(this_cpu()->hart_id);
		console_wake_readers();
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, SIE_SSIE);
		break;
	default:
		panic("trap_interrupt: unexpected interrupt %lu", code);
	}
}

/* Called by trap_vector for every trap taken in S-mode. */
void trap_kernel(struct trap_frame *tf)
{
	if (tf->scause & SCAUSE_INTERRUPT) {
		trap_interrupt(tf->scause & ~SCAUSE_INTERRUPT);
		return;
	}
	if (trap_fixup(tf))
		return;

	kprintf("kernel trap: %s (scause %#lx) at pc %#lx, stval %#lx, "
		"sp %#lx, hart %u\n",
		trap_cause_name(tf->scause), tf->scause, tf->sepc, tf->stval,
		tf->regs[2], this_cpu()->hart_id);
	backtrace_print(tf->sepc, tf->regs[8]);
	panic("unexpected kernel trap");
}

void fpu_restore(const struct fp_state *state);

/* A thread's first FP instruction: give it its (zeroed) FP registers. */
static void trap_fpu_first_use(struct thread *t, struct trap_frame *tf)
{
	csr_set(sstatus, SSTATUS_FS_MASK);
	fpu_restore(&t->fp);
	this_cpu()->fpu_owner = t;
	tf->sstatus |= 2UL << 13; /* FS = clean */
}

static int trap_signal(uint64_t cause)
{
	switch (cause) {
	case EXC_ILLEGAL_INST:
		return MK_SIGILL;
	case EXC_BREAKPOINT:
		return MK_SIGTRAP;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		return MK_SIGBUS;
	default:
		return MK_SIGSEGV;
	}
}

/* trap_user_end, inline in trap_user. */
static inline void user_end(struct thread *t)
{
	if (!t->task->killed && this_cpu()->need_resched)
		schedule();
	if (t->task->killed)
		thread_exit();
}

/* Called by trap_vector for every trap taken in U-mode. */
void trap_user(struct trap_frame *tf)
{
	struct thread *t = current();
	uint64_t cause = tf->scause;

	if (cause & SCAUSE_INTERRUPT) {
		trap_interrupt(cause & ~SCAUSE_INTERRUPT);
	} else if (cause == EXC_ECALL_U) {
		tf->sepc += 4;
		tf->regs[10] = (uint64_t)syscall_dispatch(tf);
	} else if (cause == EXC_ILLEGAL_INST &&
		(tf->sstatus & SSTATUS_FS_MASK) == 0) {
		trap_fpu_first_use(t, tf);
	} else {
		task_fault(tf, trap_signal(cause));
	}
	user_end(t);
}

void trap_user_end(void)
{
	user_end(current());
}
