/*
 * Host tests of kernel/lib/string.c, compiled with KSTRING_PREFIX_TEST so
 * that its functions are kstr_memcpy and so on: each is compared with the
 * host libc's at every size from 0 to MAX_LEN and every pair of offsets
 * within a word, with guard bytes around the destination.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "lib/string.h"

#define MAX_LEN 70
#define GUARD 16  /* untouchable bytes each side */
#define ARENA 128 /* GUARD + 3 words + MAX_LEN + GUARD */
#define GUARD_BYTE 0xee
#define CASES ((MAX_LEN + 1) * 64) /* sizes times 8 x 8 offsets */

static _Alignas(8) unsigned char want[ARENA];
static _Alignas(8) unsigned char got[ARENA];
static _Alignas(8) unsigned char src[ARENA];

/* Split case number i into a size and two offsets within a word. */
static void case_split(int i, size_t *n, size_t *a, size_t *b)
{
	*n = (size_t)i / 64;
	*a = (size_t)i / 8 % 8;
	*b = (size_t)i % 8;
}

/* Fill n bytes with a pattern that depends on seed and has no zeros. */
static void fill_pattern(unsigned char *buf, size_t n, size_t seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)((seed + i * 37) % 255 + 1);
}

/*
 * Fill n bytes with a NUL-free string pattern, a third of it above 0x80
 * (and never 0x80 itself, so that flipping the top bit gives no NUL).
 */
static void fill_text(char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] =
			(char)(0x21 + (i * 7) % 0x5e + (i % 3 == 0 ? 0x80 : 0));
}

/* Set both arenas to guard bytes. */
static void guard_arenas(void)
{
	memset(want, GUARD_BYTE, sizeof(want));
	memset(got, GUARD_BYTE, sizeof(got));
}

/* -1, 0 or 1 as x is negative, zero or positive. */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void memcpy_matches_libc_at_each_alignment(void **state)
{
	size_t n, d, s;

	(void)state;
	for (int i = 0; i < CASES; i++) {
		case_split(i, &n, &d, &s);
		fill_pattern(src, sizeof(src), (size_t)i);
		guard_arenas();
		memcpy(want + GUARD + d, src + s, n);
		assert_ptr_equal(kstr_memcpy(got + GUARD + d, src + s, n),
			got + GUARD + d);
		assert_memory_equal(got, want, ARENA);
	}
}

static void memset_matches_libc_at_each_alignment(void **state)
{
	static const int values[5] = {0, 0x5a, 0xff, 0x1234, -1};
	size_t n, d, unused;

	(void)state;
	for (int i = 0; i < CASES; i += 8) {
		case_split(i, &n, &d, &unused);
		for (size_t v = 0; v < 5; v++) {
			guard_arenas();
			memset(want + GUARD + d, values[v], n);
			assert_ptr_equal(
				kstr_memset(got + GUARD + d, values[v], n),
				got + GUARD + d);
			assert_memory_equal(got, want, ARENA);
		}
	}
}

/*
 * Move n bytes within one arena for every pair of start offsets from 0 to
 * 23 (three words, so all 8 x 8 alignments at several distances) where
 * dst is above src, or below it, as upward says.
 */
static void check_memmove_overlaps(bool upward)
{
	unsigned char *dst, *from;
	size_t n, d, s;

	for (int i = 0; i < (MAX_LEN + 1) * 24 * 24; i++) {
		n = (size_t)i / (24 * 24);
		d = (size_t)i / 24 % 24;
		s = (size_t)i % 24;
		if (upward ? d <= s : d >= s)
			continue;
		fill_pattern(want, sizeof(want), n);
		fill_pattern(got, sizeof(got), n);
		memmove(want + GUARD + d, want + GUARD + s, n);
		dst = got + GUARD + d;
		from = got + GUARD + s;
		assert_ptr_equal(kstr_memmove(dst, from, n), dst);
		assert_memory_equal(got, want, ARENA);
	}
}

static void memmove_matches_libc_moving_down_over_itself(void **state)
{
	(void)state;
	check_memmove_overlaps(false);
}

static void memmove_matches_libc_moving_up_over_itself(void **state)
{
	(void)state;
	check_memmove_overlaps(true);
}

static void memcmp_matches_libc_and_compares_unsigned(void **state)
{
	unsigned char *x = want + GUARD, *y = got + GUARD;
	size_t n, a, b;

	(void)state;
	for (int i = 0; i < CASES; i++) {
		case_split(i, &n, &a, &b);
		fill_pattern(x + a, n, n);
		fill_pattern(y + b, n, n);

		/* Bytes past n differ, and must not count. */
		x[a + n] = 1;
		y[b + n] = 2;
		assert_int_equal(kstr_memcmp(x + a, y + b, n), 0);

		/* 0x80 is above 0x01 only when compared unsigned. */
		for (size_t k = 0; k < n; k++) {
			x[a + k] = 0x80;
			y[b + k] = 0x01;
			assert_true(kstr_memcmp(x + a, y + b, n) > 0);
			assert_int_equal(sign(kstr_memcmp(y + b, x + a, n)),
				sign(memcmp(y + b, x + a, n)));
			x[a + k] = y[b + k] = 0x42;
		}
	}
}

static void strlen_and_strnlen_match_libc(void **state)
{
	char *s;
	size_t len, off, unused, most;

	(void)state;
	for (int i = 0; i < CASES; i += 8) {
		case_split(i, &len, &off, &unused);
		s = (char *)src + off;
		fill_text((char *)src, sizeof(src));
		s[len] = '\0';
		assert_int_equal(kstr_strlen(s), strlen(s));

		/* Limits below, at and above the length, and none at all. */
		for (most = len > 0 ? len - 1 : 0; most <= len + 1; most++)
			assert_int_equal(
				kstr_strnlen(s, most), strnlen(s, most));
		assert_int_equal(kstr_strnlen(s, 0), 0);
		assert_int_equal(kstr_strnlen(s, SIZE_MAX), len);
	}
}

/* Check strcmp and strncmp of a and b against libc, with limits near k. */
static void check_compare(const char *a, const char *b, size_t k)
{
	const size_t limits[] = {0, k, k + 1, SIZE_MAX};

	assert_int_equal(sign(kstr_strcmp(a, b)), sign(strcmp(a, b)));
	assert_int_equal(sign(kstr_strcmp(b, a)), sign(strcmp(b, a)));
	for (size_t l = 0; l < sizeof(limits) / sizeof(limits[0]); l++)
		assert_int_equal(sign(kstr_strncmp(a, b, limits[l])),
			sign(strncmp(a, b, limits[l])));
}

static void strcmp_and_strncmp_signs_match_libc(void **state)
{
	char *a, *b;
	size_t len, off_a, off_b;
	char saved;

	(void)state;
	for (int i = 0; i < CASES; i++) {
		case_split(i, &len, &off_a, &off_b);
		a = (char *)want + GUARD + off_a;
		b = (char *)got + GUARD + off_b;
		fill_text(a, len);
		fill_text(b, len);
		a[len] = b[len] = '\0';
		check_compare(a, b, len);

		/* A difference in the top bit, then b cut short, at each k. */
		for (size_t k = 0; k <= len; k++) {
			saved = b[k];
			b[k] = (char)(b[k] ^ 0x80);
			check_compare(a, b, k);
			b[k] = '\0';
			check_compare(a, b, k);
			b[k] = saved;
		}
	}
}

static void strchr_matches_libc_and_finds_the_terminator(void **state)
{
	char *s;
	size_t len, off, unused;
	int c;

	(void)state;
	for (int i = 0; i < CASES; i += 8) {
		case_split(i, &len, &off, &unused);
		s = (char *)src + off;
		fill_text(s, len);
		s[len] = '\0';
		assert_ptr_equal(kstr_strchr(s, '\0'), s + len);
		assert_null(kstr_strchr(s, '\x01'));

		/* c is converted to char: c + 256 and negative c match too. */
		for (size_t k = 0; k < len; k++) {
			c = (unsigned char)s[k];
			assert_ptr_equal(kstr_strchr(s, c), strchr(s, c));
			assert_ptr_equal(kstr_strchr(s, c + 256), strchr(s, c));
			assert_ptr_equal(
				kstr_strchr(s, (signed char)c), strchr(s, c));
		}
	}
}

static void strlcpy_truncates_and_returns_source_length(void **state)
{
	char *text = (char *)src;
	size_t len, off, unused, fits;

	(void)state;
	for (int i = 0; i < CASES; i += 8) {
		case_split(i, &len, &off, &unused);
		fill_text(text, len);
		text[len] = '\0';
		for (size_t size = 0; size <= len + 2; size++) {
			/* What should be there: a prefix and a NUL, if room. */
			guard_arenas();
			if (size > 0) {
				fits = len < size - 1 ? len : size - 1;
				memcpy(want + GUARD + off, text, fits);
				want[GUARD + off + fits] = '\0';
			}
			assert_int_equal(kstr_strlcpy((char *)got + GUARD + off,
						 text, size),
				len);
			assert_memory_equal(got, want, ARENA);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memcpy_matches_libc_at_each_alignment),
		cmocka_unit_test(memset_matches_libc_at_each_alignment),
		cmocka_unit_test(memmove_matches_libc_moving_down_over_itself),
		cmocka_unit_test(memmove_matches_libc_moving_up_over_itself),
		cmocka_unit_test(memcmp_matches_libc_and_compares_unsigned),
		cmocka_unit_test(strlen_and_strnlen_match_libc),
		cmocka_unit_test(strcmp_and_strncmp_signs_match_libc),
		cmocka_unit_test(strchr_matches_libc_and_finds_the_terminator),
		cmocka_unit_test(strlcpy_truncates_and_returns_source_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
