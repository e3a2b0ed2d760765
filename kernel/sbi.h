/* SBI calls (implemented by the platform). */
#ifndef KERNEL_SBI_H
#define KERNEL_SBI_H

#include <stdint.h>
#include "arch/riscv64/memlayout.h"

#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_HSM 0x48534D

struct sbi_result {
	long error;
	long value;
};

struct sbi_result sbi_call(long ext, long fid, unsigned long a0,
	unsigned long a1, unsigned long a2);
void sbi_set_timer(uint64_t deadline);
long sbi_hart_start(unsigned long hart_id, paddr_t entry, unsigned long opaque);

#endif
