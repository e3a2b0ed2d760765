/*
 * The clock is the `time` CSR; the tick is programmed through Sstc's
 * stimecmp when the hart has it (no trip through M-mode), else SBI TIME.
 */
#include "arch/riscv64/csr.h"
#include "panic.h"
#include "sbi.h"
#include "timer.h"

static uint64_t timebase_hz;
static uint64_t tick_period; /* in timebase units */
static bool use_sstc;
static uint64_t next_deadline;
static volatile uint64_t tick_count;
static uint64_t realtime_offset; /* wall clock minus clock_ns() */

void timer_init(uint64_t hz, bool has_sstc)
{
	if (hz == 0)
		panic("timer_init: no timebase frequency");
	timebase_hz = hz;
	tick_period = hz / TICK_HZ;
	use_sstc = has_sstc;
}

uint64_t clock_ticks(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

uint64_t clock_ns(void)
{
	uint64_t t = clock_ticks();

	/* Split to avoid overflowing t * 1e9 (after ~30 min at 10 MHz). */
	return t / timebase_hz * 1000000000ULL +
		t % timebase_hz * 1000000000ULL / timebase_hz;
}

void clock_realtime_set(uint64_t now_ns)
{
	realtime_offset = now_ns - clock_ns();
}

uint64_t clock_realtime_ns(void)
{
	return clock_ns() + realtime_offset;
}

uint64_t timer_timebase_hz(void)
{
	return timebase_hz;
}

bool timer_uses_sstc(void)
{
	return use_sstc;
}

uint64_t timer_tick_count(void)
{
	return tick_count;
}

static void timer_program(uint64_t deadline)
{
	if (use_sstc)
		__asm__ volatile("csrw 0x14d, %0" : : "r"(deadline));
	else
		sbi_set_timer(deadline);
}

void timer_start(void)
{
	next_deadline = clock_ticks() + tick_period;
	timer_program(next_deadline);
	csr_set(sie, SIE_STIE);
}

void timer_interrupt(void)
{
	uint64_t now = clock_ticks();

	tick_count++;
	/* Keep a fixed cadence, but never program a deadline in the past. */
	next_deadline += tick_period;
	if (next_deadline <= now)
		next_deadline = now + tick_period;
	timer_program(next_deadline);
}
