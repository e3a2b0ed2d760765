/* panic() and frame-pointer backtraces. */
#include <stdarg.h>

#include "arch/riscv64/csr.h"
#include "arch/riscv64/trap.h"
#include "console.h"
#include "cpu.h"
#include "panic.h"
#include "platform.h"

#define BACKTRACE_MAX 16

static int panicking;

/*
 * With frame pointers, a function's fp is its caller's sp: the return
 * address sits at fp - 8 and the caller's fp at fp - 16. Stop at anything
 * outside this hart's kernel stack.
 */
void backtrace_print(uint64_t pc, uint64_t fp)
{
	struct cpu *c = this_cpu();
	int depth;

	kprintf("backtrace (resolve with addr2line -e kernel.elf):\n");
	kprintf("  #0 %#lx\n", pc);
	for (depth = 1; depth < BACKTRACE_MAX; depth++) {
		if (fp < c->stack_low + 16 || fp > c->stack_high || fp % 8)
			break;
		pc = ((uint64_t *)fp)[-1];
		fp = ((uint64_t *)fp)[-2];
		if (!pc)
			break;
		kprintf("  #%d %#lx\n", depth, pc);
	}
}

noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	irq_save();
	if (panicking++) /* a panic while panicking: just stop */
		board_poweroff(EXIT_PANIC);
	kprintf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	/* Start at panic's caller: our return address and its frame. */
	backtrace_print((uint64_t)__builtin_return_address(0),
		((uint64_t *)__builtin_frame_address(0))[-2]);
	board_poweroff(EXIT_PANIC);
}
