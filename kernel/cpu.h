/*
 * Per-hart state, reached through the tp register while in the kernel.
 * Only the boot hart runs for now; the array is sized for the harts the
 * device tree may report so that SMP needs no change of shape.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_HARTS 8

struct thread;

struct cpu {
	uint32_t hart_id;
	uint32_t index;			/* position in cpus[] */
	uint64_t stack_low, stack_high;	/* kernel stack bounds, for backtraces */
	uint64_t last_fixup_cause;	/* scause of the last recovered fault */
	struct thread *current;		/* running thread */
	struct thread *idle;		/* this hart's idle thread */
	struct thread *fpu_owner;	/* whose state the FP registers hold */
	struct thread *dead;		/* exited thread whose stack to free */
	bool need_resched;		/* switch before returning to user */
	uint64_t satp;			/* address space loaded now */
};

extern struct cpu cpus[MAX_HARTS];

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ volatile("mv %0, tp" : "=r"(c));
	return c;
}

/* Claim cpus[index] for the calling hart and point tp at it. */
void cpu_init(uint32_t index, uint32_t hart_id, uint64_t stack_low,
	uint64_t stack_high);

#endif
