/*
 * The benchmarks' counters: instructions retired and cycles, read from
 * the user-readable instret and cycle CSRs (the kernel sets scounteren),
 * and one table row per operation, parsed by tools/bench.py.
 */
#ifndef TESTS_BENCH_COUNTERS_H
#define TESTS_BENCH_COUNTERS_H

#include <stdint.h>
#include <stdio.h>

struct counters {
	uint64_t instret, cycle;
};

static inline struct counters counters_now(void)
{
	struct counters c;

	__asm__ volatile("rdinstret %0" : "=r"(c.instret));
	__asm__ volatile("rdcycle %0" : "=r"(c.cycle));
	return c;
}

/* "bench: WHAT  INSTRET  CYCLES", per round, from a and b. */
static inline void report(const char *what, struct counters a,
	struct counters b, uint64_t rounds)
{
	printf("bench: %-42s %10llu %10llu\n", what,
		(unsigned long long)((b.instret - a.instret) / rounds),
		(unsigned long long)((b.cycle - a.cycle) / rounds));
}

#endif /* TESTS_BENCH_COUNTERS_H */
