/*
 * Host tests of kernel/lib/format.c: fmt_snprintf must agree with the host
 * libc's snprintf byte for byte, return the same length, and hand its sink
 * output in whole runs rather than byte by byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lib/format.h"

#define BUF_SIZE 256
#define MAX_CHUNKS 64

/* What recording_sink saw: each call's bytes, NUL-terminated. */
struct recording {
	int calls;
	char chunk[MAX_CHUNKS][BUF_SIZE];
};

/*
 * Format with both fmt_vsnprintf and the host's vsnprintf into buffers
 * that start out alike; fail at file:line unless every byte of the two
 * buffers and the two return values agree.
 */
static void check_like_libc_at(
	const char *file, int line, const char *fmt, va_list ap)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	int want_len, got_len;
	va_list ap2;

	memset(want, 0x5a, sizeof(want));
	memset(got, 0x5a, sizeof(got));
	va_copy(ap2, ap);
	want_len = vsnprintf(want, sizeof(want), fmt, ap);
	got_len = fmt_vsnprintf(got, sizeof(got), fmt, ap2);
	va_end(ap2);
	if (want_len == got_len && memcmp(want, got, sizeof(want)) == 0)
		return;
	print_error(
		"format \"%s\": libc gave \"%s\" (%d), we gave \"%s\" (%d)\n",
		fmt, want, want_len, got, got_len);
	_fail(file, line);
}

/* check_like_libc_at for a format that gcc can check against its arguments. */
static void __attribute__((format(printf, 3, 4)))
like_libc_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_like_libc_at(file, line, fmt, ap);
	va_end(ap);
}

#define expect_like_libc(...) like_libc_at(__FILE__, __LINE__, __VA_ARGS__)

/*
 * Fail at file:line unless fmt_snprintf gives exactly want.  Not checked
 * by gcc's format attribute, so it can also take what printf would not.
 */
static void expect_output_at(
	const char *file, int line, const char *want, const char *fmt, ...)
{
	char got[BUF_SIZE];
	int got_len;
	va_list ap;

	va_start(ap, fmt);
	got_len = fmt_vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (got_len == (int)strlen(want) && strcmp(got, want) == 0)
		return;
	print_error("format \"%s\": want \"%s\", got \"%s\" (%d)\n", fmt, want,
		got, got_len);
	_fail(file, line);
}

#define expect_output(...) expect_output_at(__FILE__, __LINE__, __VA_ARGS__)

/* A sink that keeps each call's bytes in the struct recording at ctx. */
static void recording_sink(void *ctx, const char *s, size_t n)
{
	struct recording *rec = ctx;

	assert_true(n > 0 && n < BUF_SIZE);
	assert_true(rec->calls < MAX_CHUNKS);
	memcpy(rec->chunk[rec->calls], s, n);
	rec->chunk[rec->calls][n] = '\0';
	rec->calls++;
}

/* A sink that only adds up how many bytes it was given, in *ctx. */
static void counting_sink(void *ctx, const char *s, size_t n)
{
	(void)s;
	*(size_t *)ctx += n;
}

/* Run fmt_vformat into sink; return what it returns. */
static int format_to(fmt_sink sink, void *ctx, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = fmt_vformat(sink, ctx, fmt, ap);
	va_end(ap);
	return len;
}

static void format_decimal_matches_libc(void **state)
{
	(void)state;
	expect_like_libc("%d|%d|%d", 0, 1, -1);
	expect_like_libc("%d|%i", INT_MAX, INT_MIN);
	expect_like_libc("[%5d][%-5d][%05d][%05d]", 42, 42, 42, -42);
	expect_like_libc("[%+d][%+d][% d][% d]", 5, -5, 5, -5);
	expect_like_libc("[%.3d][%.3d][%8.3d][%-8.3d]", 7, -7, -7, 7);
	expect_like_libc("[%+.3d][% 6.2d][%-+6d][%+06d]", 7, 7, 7, 7);
	expect_like_libc("[%1d][%2d][%.1d]", 12345, INT_MIN, INT_MIN);
	expect_like_libc("%d and %d make %d.", 2, 2, 4);
}

static void format_zero_with_precision_zero_has_no_digits(void **state)
{
	(void)state;
	expect_like_libc("[%.0d][%.d][%.0i][%.0u]", 0, 0, 0, 0u);
	expect_like_libc("[%5.0d][%-5.0d][%+.0d][% .0d]", 0, 0, 0, 0);
	expect_like_libc("[%.0x][%#.0x][%#.0X][%.0o]", 0u, 0u, 0u, 0u);
	expect_like_libc("[%#.0o][%#5.0o][%.0d][%.0x]", 0u, 0u, 1, 1u);
}

static void format_unsigned_bases_match_libc(void **state)
{
	(void)state;
	expect_like_libc("%u|%x|%X|%o", UINT_MAX, UINT_MAX, UINT_MAX, UINT_MAX);
	expect_like_libc("%x|%X|%o|%u", 0xdeadbeefu, 0xdeadbeefu, 8u, 0u);
	expect_like_libc("[%#x][%#X][%#o][%#o]", 0u, 255u, 0u, 8u);
	expect_like_libc("[%#.3o][%#5o][%#08x][%#-8x]", 8u, 8u, 255u, 255u);
	expect_like_libc("[%#.5x][%#10.5X][%08x][%-#12o]", 1u, 1u, 1u, 1u);
	expect_like_libc("[%#o][%#.1o][%#.2o]", 01u, 01u, 01u);
}

static void format_length_modifiers_match_libc(void **state)
{
	(void)state;
	expect_like_libc("%hhd|%hhu|%hhx|%hhd", 200, -1, 0x1234, -129);
	expect_like_libc("%hd|%hu|%hx|%ho", 70000, -1, 0x12345, 0x18000);
	expect_like_libc("%ld|%lu|%lx", LONG_MIN, ULONG_MAX, ULONG_MAX);
	expect_like_libc("%lld|%llu|%llo", LLONG_MIN, ULLONG_MAX, ULLONG_MAX);
	expect_like_libc("%lli|%llX|%#llx", LLONG_MAX, 0xabcdef0123ull, 1ull);
	expect_like_libc("%zu|%zx|%zd", SIZE_MAX, SIZE_MAX, (ptrdiff_t)-5);
	expect_like_libc("%jd|%ju|%jx", INTMAX_MIN, UINTMAX_MAX, UINTMAX_MAX);
	expect_like_libc(
		"%td|%td|%tx", PTRDIFF_MIN, PTRDIFF_MAX, (ptrdiff_t)-1);
	expect_like_libc("[%20lld][%-+25lld]", LLONG_MIN, LLONG_MAX);
}

static void format_star_width_and_precision_match_libc(void **state)
{
	(void)state;
	expect_like_libc("[%*d][%*d][%-*d]", 5, 42, -5, 42, -5, 42);
	expect_like_libc("[%.*d][%.*d][%.*d]", 3, 7, -1, 7, -1, 0);
	expect_like_libc("[%*.*d][%0*d][%*.*x]", 8, 3, -7, 6, -42, -9, 4, 10u);
	expect_like_libc(
		"[%.*s][%*s][%.*s]", 2, "hello", -6, "ab", -1, "hello");
	expect_like_libc("[%*c][%-*c]", 3, 'x', 3, 'y');
}

static void format_strings_and_chars_match_libc(void **state)
{
	(void)state;
	expect_like_libc("[%s][%10s][%-10s][%s]", "hello", "hi", "hi", "");
	expect_like_libc(
		"[%.3s][%10.3s][%.0s][%.10s]", "hello", "hello", "x", "hi");
	expect_like_libc("[%c][%3c][%-3c][%c]", 'A', 'b', 'c', 200);
	expect_like_libc("a%cb", 0);
	expect_like_libc("[%%][100%% sure][%s%%]", "x");
	expect_like_libc("no directives at all");
	expect_like_libc("%s", "");
}

static void format_null_string_prints_null(void **state)
{
	const char *volatile null = NULL;

	(void)state;
	expect_output("(null)", "%s", null);
	expect_output("[  (null)][(null)  ]", "[%8s][%-8s]", null, null);
}

static void format_pointer_prints_0x_and_hex(void **state)
{
	void *p = (void *)(uintptr_t)0x80201234u;

	(void)state;
	expect_like_libc("[%p][%20p][%-20p]", p, p, p);
	expect_like_libc("%p", (void *)UINTPTR_MAX);
	expect_output("0x0", "%p", NULL);
	expect_output("[     0x0][0x0     ]", "[%8p][%-8p]", NULL, NULL);
}

static void format_unsupported_conversions_are_echoed(void **state)
{
	(void)state;
	expect_output("%f|%5.2f|%e|%g|%a|%Lf", "%f|%5.2f|%e|%g|%a|%Lf");
	expect_output("%n and %q and %lc %ls", "%n and %q and %lc %ls");

	/* An echoed directive leaves its argument for the next one. */
	expect_output("%f 7", "%f %d", 7);

	/* A directive cut short by the end of the format is echoed too. */
	expect_output("abc%", "abc%");
	expect_output("abc%-5", "abc%-5");
	expect_output("abc%.3l", "abc%.3l");
	expect_output("x%y", "x%5%y");
}

/* Check fmt, whose one directive has the given length modifier, on value. */
static void check_typed(const char *fmt, const char *length, long long value)
{
	if (strcmp(length, "l") == 0)
		like_libc_at(__FILE__, __LINE__, fmt, (long)value);
	else if (strcmp(length, "ll") == 0)
		like_libc_at(__FILE__, __LINE__, fmt, value);
	else if (strcmp(length, "z") == 0)
		like_libc_at(__FILE__, __LINE__, fmt, (size_t)value);
	else if (strcmp(length, "j") == 0)
		like_libc_at(__FILE__, __LINE__, fmt, (intmax_t)value);
	else if (strcmp(length, "t") == 0)
		like_libc_at(__FILE__, __LINE__, fmt, (ptrdiff_t)value);
	else
		like_libc_at(__FILE__, __LINE__, fmt, (int)value);
}

/*
 * Check one set of flags on conversion c against every width, precision
 * and length modifier, on values at the edges of each type's range.
 */
static void check_flags_everywhere(const char *flags, char c)
{
	static const char *const widths[] = {"", "1", "6", "23"};
	static const char *const precisions[] = {
		"", ".", ".0", ".1", ".4", ".21"};
	static const char *const lengths[] = {
		"", "hh", "h", "l", "ll", "z", "j", "t"};
	static const long long values[] = {0, 1, -1, 7, 8, 42, -42, 255, 256,
		32767, -32768, 65535, INT_MAX, INT_MIN, UINT_MAX, LLONG_MAX,
		LLONG_MIN, (long long)0xdeadbeef12345678ull};
	const size_t n_widths = sizeof(widths) / sizeof(widths[0]);
	const size_t n_precisions = sizeof(precisions) / sizeof(precisions[0]);
	const size_t n_lengths = sizeof(lengths) / sizeof(lengths[0]);
	const size_t n_values = sizeof(values) / sizeof(values[0]);
	size_t w, p, l;
	char fmt[64];

	for (size_t i = 0; i < n_widths * n_precisions * n_lengths; i++) {
		w = i / (n_precisions * n_lengths);
		p = i / n_lengths % n_precisions;
		l = i % n_lengths;
		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags, widths[w],
			precisions[p], lengths[l], c);
		for (size_t v = 0; v < n_values; v++)
			check_typed(fmt, lengths[l], values[v]);
	}
}

static void format_flag_matrix_matches_libc(void **state)
{
	const char *flag_chars = "-0+ #";
	char flags[8];
	int n;

	(void)state;
	for (const char *c = "diuxXo"; *c != '\0'; c++) {
		for (unsigned mask = 0; mask < 32; mask++) {
			/* C leaves '#' with d, i and u undefined. */
			if ((mask & 16) && strchr("diu", *c) != NULL)
				continue;
			n = 0;
			for (int bit = 0; bit < 5; bit++)
				if (mask & (1u << bit))
					flags[n++] = flag_chars[bit];
			flags[n] = '\0';
			check_flags_everywhere(flags, *c);
		}
	}
}

static void format_truncates_and_returns_full_length(void **state)
{
	const char *fmt = "%s-%d-%#x|%-6s|";
	char want[64], got[64];
	int len, want_len, got_len;

	(void)state;
	len = snprintf(NULL, 0, fmt, "hello", -123, 0xbeef, "ab");
	assert_int_equal(
		fmt_snprintf(NULL, 0, fmt, "hello", -123, 0xbeef, "ab"), len);

	/* Every size from none to more than enough, guard bytes after. */
	for (size_t size = 0; size <= (size_t)len + 2; size++) {
		memset(want, 0x5a, sizeof(want));
		memset(got, 0x5a, sizeof(got));
		want_len =
			snprintf(want, size, fmt, "hello", -123, 0xbeef, "ab");
		got_len = fmt_snprintf(
			got, size, fmt, "hello", -123, 0xbeef, "ab");
		assert_int_equal(got_len, want_len);
		assert_memory_equal(got, want, sizeof(want));
	}
}

static void format_size_one_writes_only_the_nul(void **state)
{
	char buf[4] = {'x', 'x', 'x', 'x'};

	(void)state;
	assert_int_equal(fmt_snprintf(buf, 1, "abc%d", 12345), 8);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'x');
}

static void format_sink_gets_literal_runs_whole(void **state)
{
	static const char *const want[] = {
		"abc", "12", "def", "xy", "%", "ghi"};
	struct recording rec = {0};

	(void)state;
	assert_int_equal(
		format_to(recording_sink, &rec, "abc%ddef%s%%ghi", 12, "xy"),
		14);
	assert_int_equal(rec.calls, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(rec.chunk[i], want[i]);
}

static void format_sink_gets_padding_in_few_chunks(void **state)
{
	struct recording rec = {0};
	char joined[BUF_SIZE] = "";
	char want[BUF_SIZE];

	(void)state;
	assert_int_equal(
		format_to(recording_sink, &rec, "%-100d|%0100x", 7, 0xabu),
		201);

	/* "7", 99 spaces, "|", 98 zeros, "ab": byte by byte, 201 calls. */
	assert_true(rec.calls <= 12);
	for (int i = 0; i < rec.calls; i++)
		strcat(joined, rec.chunk[i]);
	snprintf(want, sizeof(want), "%-100d|%0100x", 7, 0xabu);
	assert_string_equal(joined, want);
}

static void format_empty_output_makes_no_sink_calls(void **state)
{
	struct recording rec = {0};
	const char *fmt = "%s%.0d%.0s%.0x";
	int len;

	(void)state;
	len = format_to(recording_sink, &rec, fmt, "", 0, "abc", 0u);
	assert_int_equal(len, 0);
	assert_int_equal(format_to(recording_sink, &rec, ""), 0);
	assert_int_equal(rec.calls, 0);
}

static void format_returns_minus_one_past_int_max(void **state)
{
	size_t bytes = 0;

	(void)state;

	/* INT_MAX characters can still be counted in an int. */
	assert_int_equal(
		format_to(counting_sink, &bytes, "%*d", INT_MAX, 1), INT_MAX);
	assert_int_equal(bytes, (size_t)INT_MAX);

	/* A "*" width of INT_MIN has no positive twin: it stops at INT_MAX. */
	bytes = 0;
	assert_int_equal(
		format_to(counting_sink, &bytes, "%*d", INT_MIN, 1), INT_MAX);

	/* A width too big for an int stops at INT_MAX, not overflowing. */
	bytes = 0;
	assert_int_equal(
		format_to(counting_sink, &bytes, "x%99999999999999999999d", 1),
		-1);
	assert_int_equal(bytes, (size_t)INT_MAX + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_decimal_matches_libc),
		cmocka_unit_test(format_zero_with_precision_zero_has_no_digits),
		cmocka_unit_test(format_unsigned_bases_match_libc),
		cmocka_unit_test(format_length_modifiers_match_libc),
		cmocka_unit_test(format_star_width_and_precision_match_libc),
		cmocka_unit_test(format_strings_and_chars_match_libc),
		cmocka_unit_test(format_null_string_prints_null),
		cmocka_unit_test(format_pointer_prints_0x_and_hex),
		cmocka_unit_test(format_unsupported_conversions_are_echoed),
		cmocka_unit_test(format_flag_matrix_matches_libc),
		cmocka_unit_test(format_truncates_and_returns_full_length),
		cmocka_unit_test(format_size_one_writes_only_the_nul),
		cmocka_unit_test(format_sink_gets_literal_runs_whole),
		cmocka_unit_test(format_sink_gets_padding_in_few_chunks),
		cmocka_unit_test(format_empty_output_makes_no_sink_calls),
		cmocka_unit_test(format_returns_minus_one_past_int_max),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
