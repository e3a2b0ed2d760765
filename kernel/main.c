/* The kernel's entry from the platform's boot code, on the boot hart. */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/trap.h"
#include "bootargs.h"
#include "console.h"
#include "cpu.h"
#include "fdt.h"
#include "lib/string.h"
#include "mm/kmem.h"
#include "monitor.h"
#include "panic.h"
#include "platform.h"
#include "roottask.h"
#include "selftest.h"
#include "thread.h"
#include "timer.h"

/* The device tree is read through the boot map; bound what we accept. */
#define DTB_SIZE_LIMIT (2UL << 20)

extern char boot_stack[], boot_stack_top[];

static struct fdt_info boot_info;
static struct thread boot_idle; /* the boot hart's idle thread: this code */

static void banner(const struct fdt_info *info, uint32_t hart_id)
{
	uint64_t boot_us = clock_ns() / 1000;

	kprintf("microkernel %s (%s) on %s: %lu MiB RAM, %zu frames free, "
		"%d hart%s (boot hart %u), timebase %lu Hz%s\n",
		KERNEL_VERSION, KERNEL_BUILD_TYPE, board_name(),
		kmem_ram_bytes() >> 20, frame_free_count(), info->hart_count,
		info->hart_count == 1 ? "" : "s", hart_id, info->timebase_hz,
		timer_uses_sstc() ? ", sstc" : "");
	kprintf("kernel: up at %lu.%03lu ms since reset; bootargs \"%s\"\n",
		boot_us / 1000, boot_us % 1000, bootargs_get());
}

/* Deliberate failures, so that tests can watch the kernel handle them. */
static void kernel_test_request(void)
{
	char what[16];

	if (!bootargs_value("kernel.test", what, sizeof(what)))
		return;
	if (!strcmp(what, "panic"))
		panic("kernel.test=panic requested");
	if (!strcmp(what, "fault")) {
		/* A pointer gcc cannot see through: at -O2 it rejects a
		 * load from a small constant address (-Warray-bounds). */
		volatile uint64_t *volatile bad = (volatile uint64_t *)16;

		kprintf("kernel: faulting on purpose: %lu\n", *bad);
	}
}

void kernel_main(uint64_t hart_id, paddr_t dtb_pa)
{
	const char *why = "?";
	int failed;

	cpu_init(0, (uint32_t)hart_id, (uint64_t)boot_stack,
		(uint64_t)boot_stack_top);
	trap_init();
	/* User code may read cycle, time and instret (for benchmarks). */
	csr_write(scounteren, 7);
	if (fdt_parse(pa_to_kva(dtb_pa), DTB_SIZE_LIMIT, &boot_info, &why)) {
		kprintf("kernel: cannot use the device tree at %#lx: %s\n",
			dtb_pa, why);
		board_poweroff(EXIT_PANIC);
	}
	bootargs_set(boot_info.bootargs);
	kmem_init(&boot_info, dtb_pa);
	timer_init(boot_info.timebase_hz, boot_info.has_sstc);
	clock_realtime_set(board_rtc_ns());
	sched_init_hart(&boot_idle);
	board_irq_init((uint32_t)hart_id);
	csr_set(sie, SIE_SEIE);
	timer_start();
	irq_enable();
	banner(&boot_info, (uint32_t)hart_id);
	kernel_test_request();

	if (bootargs_has("selftest")) {
		failed = selftest_run(&boot_info);
		board_poweroff(failed ? EXIT_TEST_FAILED : EXIT_OK);
	}
	if (root_task_start(&boot_info, bootargs_get()))
		sched_idle_loop();
	kprintf("kernel: no boot image with an init; starting the monitor\n");
	monitor_run();
}
