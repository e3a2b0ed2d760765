/*
 * A small printf-style formatter for the kernel and its host tests.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, with the flags "-0+ #",
 * a field width and a precision (either may be "*"), and the length
 * modifiers hh h l ll z j t.  %s of NULL prints "(null)"; %p prints "0x"
 * and lower-case hex, "0x0" for NULL.  There is no floating point: %f, %n,
 * %lc, %ls and any other directive not listed is copied to the output as
 * written, and its argument, if it has one, is not consumed.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Receives the output in pieces: n > 0 bytes at s, not NUL-terminated.
 * A run of literal text arrives as one piece, padding as up to 64 bytes.
 */
typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

/*
 * Format into sink, passing ctx along.  Returns the number of characters
 * produced, or -1 if that number does not fit in an int.
 */
int fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap);

/*
 * Like C's snprintf: write at most size - 1 characters and a NUL into buf
 * (nothing when size is 0, so buf may then be NULL).  Returns the length
 * the whole output would have had, or -1 as fmt_vformat does.
 */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* fmt_snprintf with the arguments already in a va_list. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* LIB_FORMAT_H */
