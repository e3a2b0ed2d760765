/*
 * stdio on the console and malloc over sbrk, as ordinary C programs use
 * them. The stdio tests check what the calls return; what reaches the
 * console is checked from outside: the CTest test
 * guest.test_libc_stdio_heap_console looks for the "stdio-check:" lines
 * in the transcript.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* Fill n bytes at p with a pattern that depends on seed. */
static void pattern_fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed * 13 + 1);
}

/* Index of the first byte of p that breaks the pattern, or n. */
static size_t pattern_check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 7 + seed * 13 + 1))
			return i;
	return n;
}

/* ---- stdio ---- */

/*
 * One console line from four calls on two streams: stderr writes at once
 * but only after what stdout holds, so the order is kept:
 * "stdio-check: out 1 err two fputs 3 4".
 */
static const char *stdout_and_stderr_share_one_line_in_order(void)
{
	const char *first = "stdio-check: out 1 ";
	int n;

	n = printf("stdio-check: out %d ", 1);
	EXPECT_EQ(n, strlen(first), "printf");
	n = fprintf(stderr, "err %s ", "two");
	EXPECT_EQ(n, 8, "fprintf(stderr)");
	FAIL_IF(fputs("fputs 3 ", stdout) < 0, "fputs failed");
	EXPECT_EQ(putchar('4'), '4', "putchar");
	EXPECT_EQ(fflush(stdout), 0, "fflush(stdout)");
	EXPECT_EQ(fputc('\n', stderr), '\n', "fputc(stderr)");
	FAIL_IF(ferror(stdout) || ferror(stderr), "a stream has its error set");
	return NULL;
}

/* A line longer than stdout's buffer: "stdio-long: " 60 x "0123456789"
 * " end". */
static const char *long_line_reaches_the_console_whole(void)
{
	int n = printf("stdio-long: ");

	for (int i = 0; i < 60; i++)
		n += printf("%s", "0123456789");
	n += puts(" end") >= 0 ? 5 : 0;
	EXPECT_EQ(n, 12 + 600 + 5, "characters written");
	return NULL;
}

static const char *puts_and_formats_return_their_lengths(void)
{
	char buf[64];

	FAIL_IF(puts("stdio-check: puts") < 0, "puts failed");
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%5d|%-4s|%c", 42, "ab", 'z'), 12,
		"snprintf");
	FAIL_IF(strcmp(buf, "   42|ab  |z") != 0, "formatted '%s'", buf);
	EXPECT_EQ(snprintf(NULL, 0, "%s", "counted"), 7, "snprintf(NULL, 0)");
	return NULL;
}

/* ---- malloc ---- */

static const char *malloc_of_many_sizes_keeps_every_block_apart(void)
{
	enum { COUNT = 160 };
	static unsigned char *p[COUNT];
	static size_t size[COUNT];

	for (unsigned i = 0; i < COUNT; i++) {
		size[i] = (size_t)(i * i * 37) % 5000 + 1;
		if (i % 40 == 39)
			size[i] = (size_t)1
				  << (14 + i / 40); /* 16 K .. 128 K */
		p[i] = malloc(size[i]);
		FAIL_IF(p[i] == NULL, "malloc(%zu): %s", size[i],
			strerror(errno));
		pattern_fill(p[i], size[i], i);
	}
	/* Odd blocks first, then even ones: holes between live blocks. */
	for (unsigned pass = 0; pass < 2; pass++)
		for (unsigned i = 1 - pass; i < COUNT; i += 2) {
			size_t bad = pattern_check(p[i], size[i], i);

			FAIL_IF(bad != size[i],
				"block %u (%zu bytes) changed at byte %zu", i,
				size[i], bad);
			free(p[i]);
		}
	return NULL;
}

static const char *freed_memory_is_reused_not_leaked(void)
{
	char *start = sbrk(0), *end;

	for (int i = 0; i < 5000; i++) {
		void *a = malloc(4096 + i % 64), *b = malloc(100);

		FAIL_IF(a == NULL || b == NULL, "malloc failed at round %d", i);
		free(a);
		free(b);
	}
	end = sbrk(0);
	/* 5000 rounds of 4 KiB would be 20 MiB if nothing came back. */
	FAIL_IF(end - start > 256 * 1024, "the heap grew by %ld bytes",
		(long)(end - start));
	return NULL;
}

static const char *realloc_keeps_contents_growing_and_shrinking(void)
{
	static const size_t sizes[] = {16, 100, 5000, 100000, 40, 8, 70000};
	unsigned char *p = realloc(NULL, 16);
	size_t have = 16;

	FAIL_IF(p == NULL, "realloc(NULL, 16) failed");
	pattern_fill(p, have, 3);
	for (size_t i = 1; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t keep = have < sizes[i] ? have : sizes[i], bad;
		unsigned char *q = realloc(p, sizes[i]);

		FAIL_IF(q == NULL, "realloc to %zu failed", sizes[i]);
		p = q;
		bad = pattern_check(p, keep, 3);
		FAIL_IF(bad != keep, "realloc %zu -> %zu lost byte %zu", have,
			sizes[i], bad);
		pattern_fill(p, sizes[i], 3);
		have = sizes[i];
	}
	free(p);
	return NULL;
}

static const char *calloc_zeroes_reused_memory(void)
{
	enum { COUNT = 8, SIZE = 3000 };
	unsigned char *p[COUNT];

	for (int i = 0; i < COUNT; i++) {
		p[i] = malloc(SIZE);
		FAIL_IF(p[i] == NULL, "malloc failed");
		memset(p[i], 0xa5, SIZE);
	}
	for (int i = 0; i < COUNT; i++)
		free(p[i]);
	for (int i = 0; i < COUNT; i++) {
		p[i] = calloc(SIZE / 4, 4);
		FAIL_IF(p[i] == NULL, "calloc failed");
		for (int j = 0; j < SIZE; j++)
			FAIL_IF(p[i][j] != 0, "calloc block %d byte %d is %#x",
				i, j, p[i][j]);
	}
	for (int i = 0; i < COUNT; i++)
		free(p[i]);

	/* volatile: the compiler would reject the overflow it can see. */
	volatile size_t huge = SIZE_MAX / 2;

	errno = 0;
	FAIL_IF(calloc(huge, 4) != NULL, "calloc overflow succeeded");
	EXPECT_EQ(errno, ENOMEM, "errno after calloc overflow");
	free(NULL);
	return NULL;
}

/* A fixed pseudo-random sequence (an LCG): the same run every time. */
static unsigned random_next(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

static const char *random_malloc_free_realloc_keep_contents(void)
{
	enum { SLOTS = 48, ROUNDS = 4000 };
	static unsigned char *p[SLOTS];
	static size_t size[SLOTS];
	unsigned seed = 1;

	for (int r = 0; r < ROUNDS; r++) {
		unsigned i = random_next(&seed) % SLOTS;
		size_t n = random_next(&seed) % 3000 + 1;

		if (p[i] != NULL) {
			size_t bad = pattern_check(p[i], size[i], i);

			FAIL_IF(bad != size[i], "round %d: slot %u changed", r,
				i);
		}
		if (p[i] != NULL && r % 3 == 0) {
			unsigned char *q = realloc(p[i], n);

			FAIL_IF(q == NULL, "realloc(%zu) failed", n);
			p[i] = q;
		} else {
			free(p[i]);
			p[i] = malloc(n);
			FAIL_IF(p[i] == NULL, "malloc(%zu) failed", n);
		}
		size[i] = n;
		pattern_fill(p[i], n, i);
	}
	for (unsigned i = 0; i < SLOTS; i++) {
		size_t bad = pattern_check(p[i], size[i], i);

		FAIL_IF(bad != size[i], "slot %u changed at the end", i);
		free(p[i]);
		p[i] = NULL;
	}
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(stdout_and_stderr_share_one_line_in_order),
	HARNESS_TEST(long_line_reaches_the_console_whole),
	HARNESS_TEST(puts_and_formats_return_their_lengths),
	HARNESS_TEST(malloc_of_many_sizes_keeps_every_block_apart),
	HARNESS_TEST(freed_memory_is_reused_not_leaked),
	HARNESS_TEST(realloc_keeps_contents_growing_and_shrinking),
	HARNESS_TEST(calloc_zeroes_reused_memory),
	HARNESS_TEST(random_malloc_free_realloc_keep_contents),
};

int main(void)
{
	return harness_run(tests, HARNESS_COUNT(tests));
}
