/*
 * Host tests of the shell's command-line parser (parse_next, parse_check)
 * and of parse_seconds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

static struct parse_cmd cmd;

/* Assert that cmd's words are exactly want (NULL-terminated). */
static void assert_words(const char **want)
{
	int i;

	for (i = 0; want[i] != NULL; i++) {
		assert_non_null(cmd.argv[i]);
		assert_string_equal(cmd.argv[i], want[i]);
	}
	assert_int_equal(cmd.argc, i);
	assert_null(cmd.argv[i]);
}

/* Parse line as exactly one command with the words want. */
static void assert_one(const char *line, int status, const char **want)
{
	assert_int_equal(parse_next(&line, status, &cmd), 1);
	assert_words(want);
	assert_int_equal(parse_next(&line, status, &cmd), 0);
}

static void blanks_separate_words(void **state)
{
	const char *want[] = {"args", "a", "b", NULL};

	(void)state;
	assert_one("  args\ta   b \t", 0, want);
	assert_false(cmd.background);
}

static void empty_lines_and_comments_give_no_command(void **state)
{
	const char *lines[] = {"", "   \t", "# all comment", "  # x; y &"};

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const char *p = lines[i];

		assert_int_equal(parse_next(&p, 0, &cmd), 0);
		assert_int_equal(*p, '\0');
	}
}

static void a_hash_inside_a_word_is_not_a_comment(void **state)
{
	const char *want[] = {"echo", "a#b", NULL};

	(void)state;
	assert_one("echo a#b # gone", 0, want);
}

static void quotes_group_and_join_words(void **state)
{
	const char *want[] = {"x", "a b", "it's", "ab cd", "", "", NULL};

	(void)state;
	assert_one("x 'a b' \"it's\" a\"b c\"'d' '' \"\"", 0, want);
}

static void single_quotes_keep_every_byte(void **state)
{
	const char *want[] = {"echo", "$? \\n \"x\" ; & #", NULL};

	(void)state;
	assert_one("echo '$? \\n \"x\" ; & #'", 7, want);
}

static void double_quotes_take_few_escapes_and_expand_status(void **state)
{
	const char *want[] = {"echo", "\" \\ $ \\n 42 $x", NULL};

	(void)state;
	assert_one("echo \"\\\" \\\\ \\$ \\n $? $x\"", 42, want);
}

static void backslash_outside_quotes_keeps_the_next_byte(void **state)
{
	const char *want[] = {"echo", "a b", ";&", "'", "end\\", NULL};

	(void)state;
	assert_one("echo a\\ b \\;\\& \\' end\\", 0, want);
}

static void status_expands_outside_quotes_too(void **state)
{
	const char *want[] = {"echo", "130", "x130y", "$", NULL};

	(void)state;
	assert_one("echo $? x$?y $", 130, want);
}

static void semicolons_and_ampersands_end_commands(void **state)
{
	const char *line = "a 1; b & c&d ;";
	const char *a[] = {"a", "1", NULL}, *b[] = {"b", NULL};
	const char *c[] = {"c", NULL}, *d[] = {"d", NULL};

	(void)state;
	assert_int_equal(parse_next(&line, 0, &cmd), 1);
	assert_words(a);
	assert_false(cmd.background);
	assert_int_equal(parse_next(&line, 0, &cmd), 1);
	assert_words(b);
	assert_true(cmd.background);
	assert_int_equal(parse_next(&line, 0, &cmd), 1);
	assert_words(c);
	assert_true(cmd.background);
	assert_int_equal(parse_next(&line, 0, &cmd), 1);
	assert_words(d);
	assert_false(cmd.background);
	assert_int_equal(parse_next(&line, 0, &cmd), 0);
}

static void errors_are_found_before_anything_runs(void **state)
{
	(void)state;
	assert_int_equal(parse_check("echo a; echo 'open"), PARSE_ERR_QUOTE);
	assert_int_equal(parse_check("echo \"open"), PARSE_ERR_QUOTE);
	assert_int_equal(parse_check("; echo a"), PARSE_ERR_SYNTAX);
	assert_int_equal(parse_check("echo a;; b"), PARSE_ERR_SYNTAX);
	assert_int_equal(parse_check("a && b"), PARSE_ERR_SYNTAX);
	assert_int_equal(parse_check("a | b"), PARSE_ERR_UNSUPPORTED);
	assert_int_equal(parse_check("a >f"), PARSE_ERR_UNSUPPORTED);
	assert_int_equal(parse_check("(a)"), PARSE_ERR_UNSUPPORTED);
	assert_int_equal(parse_check("a '|' \"<\" \\>"), 0);
	assert_int_equal(parse_check("a; b &"), 0);
	assert_string_equal(
		parse_strerror(PARSE_ERR_QUOTE), "unterminated quote");
}

static void too_many_words_is_refused(void **state)
{
	char line[4 * PARSE_ARGS_MAX + 8] = "";
	const char *p;

	(void)state;
	for (int i = 0; i < PARSE_ARGS_MAX; i++)
		strcat(line, "w ");
	p = line;
	assert_int_equal(parse_next(&p, 0, &cmd), 1);
	assert_int_equal(cmd.argc, PARSE_ARGS_MAX);

	strcat(line, "w");
	p = line;
	assert_int_equal(parse_next(&p, 0, &cmd), PARSE_ERR_TOO_MANY);
	assert_ptr_equal(p, line);
}

static void too_long_words_are_refused(void **state)
{
	char line[PARSE_BUF_MAX + 8];
	const char *p = line;

	(void)state;
	/* PARSE_BUF_MAX bytes with their NUL fit exactly. */
	memset(line, 'x', PARSE_BUF_MAX - 1);
	line[PARSE_BUF_MAX - 1] = '\0';
	assert_int_equal(parse_next(&p, 0, &cmd), 1);
	assert_int_equal(strlen(cmd.argv[0]), PARSE_BUF_MAX - 1);

	strcat(line, "x");
	p = line;
	assert_int_equal(parse_next(&p, 0, &cmd), PARSE_ERR_TOO_LONG);
}

static void seconds_take_whole_and_fractional_forms(void **state)
{
	uint64_t ns;

	(void)state;
	assert_int_equal(parse_seconds("2", &ns), 0);
	assert_int_equal(ns, 2000000000ULL);
	assert_int_equal(parse_seconds("0.25", &ns), 0);
	assert_int_equal(ns, 250000000ULL);
	assert_int_equal(parse_seconds(".5", &ns), 0);
	assert_int_equal(ns, 500000000ULL);
	assert_int_equal(parse_seconds("3.", &ns), 0);
	assert_int_equal(ns, 3000000000ULL);
	assert_int_equal(parse_seconds("0.0000000019", &ns), 0);
	assert_int_equal(ns, 1);
	assert_int_equal(parse_seconds("1000000000", &ns), 0);
	assert_int_equal(ns, PARSE_SECONDS_MAX * 1000000000ULL);
}

static void seconds_refuse_anything_else(void **state)
{
	const char *bad[] = {"", ".", "-1", "1e3", "1.2.3", " 1", "1s", "0x10",
		"1000000000.1", "99999999999"};
	uint64_t ns = 77;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse_seconds(bad[i], &ns), -1);
	assert_int_equal(ns, 77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blanks_separate_words),
		cmocka_unit_test(empty_lines_and_comments_give_no_command),
		cmocka_unit_test(a_hash_inside_a_word_is_not_a_comment),
		cmocka_unit_test(quotes_group_and_join_words),
		cmocka_unit_test(single_quotes_keep_every_byte),
		cmocka_unit_test(
			double_quotes_take_few_escapes_and_expand_status),
		cmocka_unit_test(backslash_outside_quotes_keeps_the_next_byte),
		cmocka_unit_test(status_expands_outside_quotes_too),
		cmocka_unit_test(semicolons_and_ampersands_end_commands),
		cmocka_unit_test(errors_are_found_before_anything_runs),
		cmocka_unit_test(too_many_words_is_refused),
		cmocka_unit_test(too_long_words_are_refused),
		cmocka_unit_test(seconds_take_whole_and_fractional_forms),
		cmocka_unit_test(seconds_refuse_anything_else),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
