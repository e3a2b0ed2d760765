/* Kernel trap dispatch, fault recovery and the report of unexpected traps. */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/trap.h"
#include "console.h"
#include "cpu.h"
#include "kerrno.h"
#include "panic.h"
#include "platform.h"
#include "timer.h"

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
		break;
	case IRQ_S_EXTERNAL:
		board_irq_handle(this_cpu()->hart_id);
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
