/*
 * Memory and string functions with the standard names and meanings.
 *
 * memcpy, memmove and memset move a word at a time when the addresses are
 * equally far from a word boundary, and a byte at a time otherwise.
 *
 * Compile with -ffreestanding or -fno-builtin: otherwise gcc may turn the
 * loops below into calls to memcpy or memset, the very functions being
 * defined (or, in a host test, the libc ones they are compared with).
 */
#include <stdbool.h>
#include <stdint.h>

#include "lib/string.h"

/* A 64-bit word that may alias bytes of any other type. */
typedef uint64_t __attribute__((may_alias)) string_word;

#define WORD_SIZE sizeof(string_word)

/* True when a and b sit at the same offset within their words. */
static bool string_co_aligned(const void *a, const void *b)
{
	return ((uintptr_t)a ^ (uintptr_t)b) % WORD_SIZE == 0;
}

/* Copy n bytes upward from the lowest address; dst may overlap above src. */
static void string_copy_up(
	unsigned char *dst, const unsigned char *src, size_t n)
{
	if (string_co_aligned(dst, src)) {
		for (; n > 0 && (uintptr_t)dst % WORD_SIZE != 0; n--)
			*dst++ = *src++;
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(string_word *)dst = *(const string_word *)src;
			dst += WORD_SIZE;
			src += WORD_SIZE;
		}
	}
	for (; n > 0; n--)
		*dst++ = *src++;
}

/* Copy n bytes downward from the highest; dst may overlap below src. */
static void string_copy_down(
	unsigned char *dst, const unsigned char *src, size_t n)
{
	dst += n;
	src += n;
	if (string_co_aligned(dst, src)) {
		for (; n > 0 && (uintptr_t)dst % WORD_SIZE != 0; n--)
			*--dst = *--src;
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			dst -= WORD_SIZE;
			src -= WORD_SIZE;
			*(string_word *)dst = *(const string_word *)src;
		}
	}
	for (; n > 0; n--)
		*--dst = *--src;
}

/* Copy n bytes from src to dst, which must not overlap; return dst. */
void *KSTR(memcpy)(void *restrict dst, const void *restrict src, size_t n)
{
	string_copy_up(dst, src, n);
	return dst;
}

/* Copy n bytes from src to dst as if through a buffer; return dst. */
void *KSTR(memmove)(void *dst, const void *src, size_t n)
{
	/*
	 * Copying up is safe unless dst starts inside src, which the
	 * unsigned difference tells in one comparison.
	 */
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		string_copy_up(dst, src, n);
	else
		string_copy_down(dst, src, n);
	return dst;
}

/* Set n bytes at dst to (unsigned char)c; return dst. */
void *KSTR(memset)(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char byte = (unsigned char)c;
	string_word fill = byte * (string_word)0x0101010101010101ull;

	for (; n > 0 && (uintptr_t)d % WORD_SIZE != 0; n--)
		*d++ = byte;
	for (; n >= WORD_SIZE; n -= WORD_SIZE) {
		*(string_word *)d = fill;
		d += WORD_SIZE;
	}
	for (; n > 0; n--)
		*d++ = byte;
	return dst;
}

/*
 * Compare n bytes as unsigned chars: negative, zero or positive as a is
 * below, equal to or above b at the first byte that differs.
 */
int KSTR(memcmp)(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

/* Return the number of bytes before the NUL that ends s. */
size_t KSTR(strlen)(const char *s)
{
	const char *end = s;

	while (*end != '\0')
		end++;
	return (size_t)(end - s);
}

/* Like strlen, but look at no more than max bytes and return max then. */
size_t KSTR(strnlen)(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Compare strings as unsigned chars, with memcmp's sign convention. */
int KSTR(strcmp)(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p != '\0' && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/* Like strcmp, but compare no more than n bytes. */
int KSTR(strncmp)(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q || *p == '\0')
			return *p - *q;
	}
	return 0;
}

/*
 * Return the first place in s holding (char)c, NULL if none; looking for
 * '\0' finds the terminator.
 */
char *KSTR(strchr)(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

/*
 * Copy as much of src as fits in a buffer of size bytes, and a NUL unless
 * size is 0.  Returns strlen(src): the copy was cut short if that is
 * size or more.
 */
size_t KSTR(strlcpy)(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = KSTR(strlen)(src);
	size_t n;

	if (size == 0)
		return len;
	n = len < size - 1 ? len : size - 1;
	KSTR(memcpy)(dst, src, n);
	dst[n] = '\0';
	return len;
}
