/*
 * Host tests of the shell's line editor (lineedit_feed): what each key
 * does to the line and what it echoes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lineedit.h"

/* The echo collected so far. */
static char echo[4096];
static size_t echo_len;

static void collect(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	assert_true(echo_len + n < sizeof(echo));
	memcpy(echo + echo_len, s, n);
	echo_len += n;
	echo[echo_len] = '\0';
}

static int setup(void **state)
{
	(void)state;
	echo_len = 0;
	echo[0] = '\0';
	return 0;
}

/* Feed every byte of keys but the last, expecting LINEEDIT_MORE for each;
 * return what the last one gives. */
static enum lineedit_result type(struct lineedit *le, const char *keys)
{
	size_t n = strlen(keys);

	for (size_t i = 0; i + 1 < n; i++)
		assert_int_equal(lineedit_feed(le, (unsigned char)keys[i]),
			LINEEDIT_MORE);
	return lineedit_feed(le, (unsigned char)keys[n - 1]);
}

static void enter_finishes_the_line_and_echoes_it(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "echo hi\r"), LINEEDIT_DONE);
	assert_string_equal(le.line, "echo hi");
	assert_string_equal(echo, "echo hi\n");
}

static void cr_lf_is_one_enter_but_lf_alone_is_one_too(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "a\r"), LINEEDIT_DONE);
	/* The LF of CR LF is dropped: "b" starts the next line. */
	assert_int_equal(type(&le, "\nb\n"), LINEEDIT_DONE);
	assert_string_equal(le.line, "b");
	/* Two LFs are two (empty) lines. */
	assert_int_equal(type(&le, "\n"), LINEEDIT_DONE);
	assert_string_equal(le.line, "");
}

static void backspace_erases_the_last_character(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "ecxx\x7f\bho\n"), LINEEDIT_DONE);
	assert_string_equal(le.line, "echo");
	assert_string_equal(echo, "ecxx\b \b\b \bho\n");
}

static void backspace_on_an_empty_line_does_nothing(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "\x7f\x7f"
				   "a\n"),
		LINEEDIT_DONE);
	assert_string_equal(le.line, "a");
	assert_string_equal(echo, "a\n");
}

static void backspace_erases_a_whole_utf8_character(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	/* "é" is two bytes; one backspace takes both, echoing one erase. */
	assert_int_equal(type(&le, "a\xc3\xa9\x7f\n"), LINEEDIT_DONE);
	assert_string_equal(le.line, "a");
	assert_string_equal(echo, "a\xc3\xa9\b \b\n");
}

static void ctrl_u_erases_the_line(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "abc\x15ok\n"), LINEEDIT_DONE);
	assert_string_equal(le.line, "ok");
	assert_string_equal(echo, "abc\b \b\b \b\b \bok\n");
}

static void ctrl_w_erases_the_last_word_and_its_blanks(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "one two  \x17three\n"), LINEEDIT_DONE);
	assert_string_equal(le.line, "one three");
}

static void ctrl_c_drops_the_line_and_the_next_starts_empty(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	assert_int_equal(type(&le, "rm all\x03"), LINEEDIT_INTERRUPT);
	assert_string_equal(le.line, "");
	assert_string_equal(echo, "rm all^C\n");
	assert_int_equal(type(&le, "ok\r"), LINEEDIT_DONE);
	assert_string_equal(le.line, "ok");
}

static void escape_sequences_and_control_bytes_are_ignored(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	/* Up, Left (CSI), F1 (SS3), Delete (CSI with a parameter), a tab,
	 * a bell and ESC followed by a plain byte (both dropped). */
	assert_int_equal(type(&le, "a\x1b[A\x1b[Db\x1bOPc\x1b[3~\t\ad\x1bxe\n"),
		LINEEDIT_DONE);
	assert_string_equal(le.line, "abcde");
	assert_string_equal(echo, "abcde\n");
}

static void a_full_line_rings_the_bell_and_keeps_what_fits(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, collect, NULL);
	for (int i = 0; i < LINEEDIT_MAX; i++)
		assert_int_equal(lineedit_feed(&le, 'x'), LINEEDIT_MORE);
	echo_len = 0;
	assert_int_equal(lineedit_feed(&le, 'y'), LINEEDIT_MORE);
	assert_int_equal(echo_len, 1);
	assert_int_equal(echo[0], '\a');
	assert_int_equal(lineedit_feed(&le, '\n'), LINEEDIT_DONE);
	assert_int_equal(strlen(le.line), LINEEDIT_MAX);
	assert_null(strchr(le.line, 'y'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(
			enter_finishes_the_line_and_echoes_it, setup),
		cmocka_unit_test_setup(
			cr_lf_is_one_enter_but_lf_alone_is_one_too, setup),
		cmocka_unit_test_setup(
			backspace_erases_the_last_character, setup),
		cmocka_unit_test_setup(
			backspace_on_an_empty_line_does_nothing, setup),
		cmocka_unit_test_setup(
			backspace_erases_a_whole_utf8_character, setup),
		cmocka_unit_test_setup(ctrl_u_erases_the_line, setup),
		cmocka_unit_test_setup(
			ctrl_w_erases_the_last_word_and_its_blanks, setup),
		cmocka_unit_test_setup(
			ctrl_c_drops_the_line_and_the_next_starts_empty, setup),
		cmocka_unit_test_setup(
			escape_sequences_and_control_bytes_are_ignored, setup),
		cmocka_unit_test_setup(
			a_full_line_rings_the_bell_and_keeps_what_fits, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
