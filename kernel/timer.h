/* The monotonic clock and the periodic tick. */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define TICK_HZ 100

/* Use the timebase from the device tree; Sstc if the hart has it. */
void timer_init(uint64_t timebase_hz, bool has_sstc);

/* Arm this hart's periodic tick. */
void timer_start(void);

/* Raw time counter (counts from machine reset at the timebase). */
uint64_t clock_ticks(void);

/* Nanoseconds since machine reset; never goes back. */
uint64_t clock_ns(void);

/* The wall clock: set once from the board's clock at boot. */
void clock_realtime_set(uint64_t now_ns);

/* Nanoseconds since 1970 (UTC); since boot if the board has no clock. */
uint64_t clock_realtime_ns(void);

uint64_t timer_timebase_hz(void);
bool timer_uses_sstc(void);

/* Ticks taken by this hart's timer interrupt so far. */
uint64_t timer_tick_count(void);

/* Interrupt handler. */
void timer_interrupt(void);

#endif
