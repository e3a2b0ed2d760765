/*
 * What a board gives the kernel. Each board under platform/ implements
 * these; nothing outside platform/ names a device address.
 */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "arch/riscv64/memlayout.h"

struct board_mmio {
	paddr_t base;
	size_t size;
	const char *name;
};

/* Board name for the banner. */
const char *board_name(void);

/* Device regions the kernel must map (at KERNEL_PHYS_OFFSET + base). */
const struct board_mmio *board_mmio_regions(size_t *count);

/* Polled console output of one byte; usable from the first instruction. */
void board_console_putc(char c);

/* Polled console input: a byte, or -1 when none is waiting. */
int board_console_getc(void);

/* Route the console's receive interrupt to this hart's S-mode context. */
void board_irq_init(uint32_t hart_id);

/* Claim and handle every pending external interrupt of this hart. */
void board_irq_handle(uint32_t hart_id);

/* Called by the board, from its interrupt handler, for each byte received. */
void console_input(char c);

/* Wall-clock nanoseconds since 1970 (UTC), or 0 without a clock. */
uint64_t board_rtc_ns(void);

/* Stop the machine; QEMU exits with `status` (0..255). */
noreturn void board_poweroff(int status);

#endif
