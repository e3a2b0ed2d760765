/*
 * The shell's console input. The shell reads the console itself, also
 * while a foreground program runs (to see ^C), so bytes typed then are
 * kept as type-ahead for the next prompt.
 *
 * XXX: while the shell polls for ^C, a program that reads the console
 * races it for the bytes; a terminal layer that owns the console and
 * sends ^C to the foreground task is missing.
 */
#ifndef INIT_INPUT_H
#define INIT_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#define INPUT_CTRL_C 0x03

/* How often the shell looks for ^C while it waits: one scheduler tick,
 * so an idle wait costs a hundred short wake-ups a second. */
#define INPUT_POLL_NS 10000000ULL

/* The next byte typed: type-ahead first, else wait for the console.
 * Returns the byte, or a negative errno from the kernel. */
int input_getc(void);

/*
 * Without waiting, take what the console holds into the type-ahead.
 * Returns true if ^C was among it; the ^C and what was typed before it
 * are dropped then, as a terminal drops its input on an interrupt.
 */
bool input_interrupted(void);

/* Sleep for ns, looking for ^C every INPUT_POLL_NS; returns true (early)
 * if ^C came, printing nothing. */
bool input_sleep(uint64_t ns);

#endif /* INIT_INPUT_H */
