/* Per-hart state. */
#include "cpu.h"

struct cpu cpus[MAX_HARTS];

void cpu_init(uint32_t index, uint32_t hart_id, uint64_t stack_low,
	uint64_t stack_high)
{
	struct cpu *c = &cpus[index];

	c->hart_id = hart_id;
	c->index = index;
	c->stack_low = stack_low;
	c->stack_high = stack_high;
	__asm__ volatile("mv tp, %0" : : "r"(c));
}
