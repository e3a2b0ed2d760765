/*
 * Console input with type-ahead; see input.h.
 */
#include <stddef.h>

#include <mk/errno.h>
#include <mk/mk.h>

#include "input.h"

#define INPUT_BUF_SIZE 256

/* Type-ahead bytes not yet given out: buf[pos..len). */
static char input_buf[INPUT_BUF_SIZE];
static size_t input_pos, input_len;

/* Add n bytes read from the console to the type-ahead, dropping a ^C and
 * what came before it; returns whether there was a ^C. Bytes beyond the
 * buffer are dropped: nobody types that far ahead. */
static bool input_keep(const char *bytes, size_t n)
{
	bool interrupted = false;

	if (input_pos == input_len)
		input_pos = input_len = 0;
	for (size_t i = 0; i < n; i++) {
		if (bytes[i] == INPUT_CTRL_C) {
			interrupted = true;
			input_pos = input_len = 0;
		} else if (input_len < INPUT_BUF_SIZE) {
			input_buf[input_len++] = bytes[i];
		}
	}
	return interrupted;
}

int input_getc(void)
{
	long n;

	if (input_pos < input_len)
		return (unsigned char)input_buf[input_pos++];
	n = mk_console_read(input_buf, sizeof(input_buf), 0);
	/* 0 would mean the kernel broke its word. */
	if (n <= 0)
		return n < 0 ? (int)n : -MK_EIO;
	input_pos = 1;
	input_len = (size_t)n;
	return (unsigned char)input_buf[0];
}

bool input_interrupted(void)
{
	char bytes[64];
	bool interrupted = false;
	long n;

	while ((n = mk_console_read(
			bytes, sizeof(bytes), MK_CONSOLE_NONBLOCK)) > 0)
		interrupted |= input_keep(bytes, (size_t)n);
	return interrupted;
}

bool input_sleep(uint64_t ns)
{
	uint64_t start = (uint64_t)mk_clock_ns(), elapsed;

	while ((elapsed = (uint64_t)mk_clock_ns() - start) < ns) {
		uint64_t left = ns - elapsed;

		if (input_interrupted())
			return true;
		mk_sleep_ns(left < INPUT_POLL_NS ? left : INPUT_POLL_NS);
	}
	return false;
}
