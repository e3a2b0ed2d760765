/*
 * Host tests of init's run= word parsing (runlist_next): splitting,
 * %XX escapes and the background mark.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mk/errno.h"
#include "runlist.h"

/* Assert that cmd's argv is exactly want (NULL-terminated). */
static void assert_argv(const struct runlist_cmd *cmd, const char **want)
{
	int i;

	for (i = 0; want[i] != NULL; i++) {
		assert_non_null(cmd->argv[i]);
		assert_string_equal(cmd->argv[i], want[i]);
	}
	assert_int_equal(cmd->argc, i);
	assert_null(cmd->argv[i]);
}

static void words_without_run_give_nothing(void **state)
{
	const char *p = "console=ttyS0 selftest xrun=a RUN=b run";
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), 0);
	assert_int_equal(runlist_next(&p, &cmd), 0);
	assert_int_equal(*p, '\0');
}

static void run_word_splits_into_name_and_arguments(void **state)
{
	const char *p = "quiet run=hello,-v,x=1 other";
	const char *want[] = {"hello", "-v", "x=1", NULL};
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, want);
	assert_int_equal(cmd.word_len, strlen("run=hello,-v,x=1"));
	assert_memory_equal(cmd.word, "run=hello,-v,x=1", cmd.word_len);
	assert_int_equal(runlist_next(&p, &cmd), 0);
}

static void words_come_in_order_across_blanks_and_tabs(void **state)
{
	const char *p = "\trun=a  run=b,1\t\trun=c ";
	const char *a[] = {"a", NULL}, *b[] = {"b", "1", NULL};
	const char *c[] = {"c", NULL};
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, a);
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, b);
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, c);
	assert_int_equal(runlist_next(&p, &cmd), 0);
}

static void empty_arguments_are_kept(void **state)
{
	const char *p = "run=p,,z,";
	const char *want[] = {"p", "", "z", "", NULL};
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, want);
}

static void empty_name_is_einval_and_parsing_goes_on(void **state)
{
	const char *p = "run= run=,x run=ok";
	const char *ok[] = {"ok", NULL};
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), -MK_EINVAL);
	assert_int_equal(cmd.word_len, 4);
	assert_int_equal(runlist_next(&p, &cmd), -MK_EINVAL);
	assert_memory_equal(cmd.word, "run=,x", cmd.word_len);
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, ok);
}

static void too_many_arguments_is_e2big(void **state)
{
	/* RUNLIST_ARGS_MAX entries pass; one more does not. */
	char fits[3 + 2 * RUNLIST_ARGS_MAX + 8] = "run=n";
	char over[sizeof(fits) + 2];
	const char *p;
	struct runlist_cmd cmd;

	(void)state;
	for (int i = 1; i < RUNLIST_ARGS_MAX; i++)
		strcat(fits, ",a");
	p = fits;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_int_equal(cmd.argc, RUNLIST_ARGS_MAX);

	strcpy(over, fits);
	strcat(over, ",a");
	p = over;
	assert_int_equal(runlist_next(&p, &cmd), -MK_E2BIG);
}

static void overlong_word_is_e2big(void **state)
{
	char fits[4 + RUNLIST_WORD_MAX + 1] = "run=";
	char over[sizeof(fits) + 1];
	const char *p;
	struct runlist_cmd cmd;

	(void)state;
	memset(fits + 4, 'n', RUNLIST_WORD_MAX);
	fits[sizeof(fits) - 1] = '\0';
	p = fits;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_int_equal(strlen(cmd.argv[0]), RUNLIST_WORD_MAX);

	strcpy(over, fits);
	strcat(over, "n");
	p = over;
	assert_int_equal(runlist_next(&p, &cmd), -MK_E2BIG);
}

static void percent_escapes_give_any_byte_but_nul(void **state)
{
	const char *p = "run=echo,a%20b%2Cc,100%25,%41%7a";
	const char *want[] = {"echo", "a b,c", "100%", "Az", NULL};
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, want);
}

static void bad_percent_escapes_are_einval(void **state)
{
	const char *bad[] = {"run=x,%", "run=x,%2", "run=x,%zz", "run=x,%2g",
		"run=x,a%00b", "run=%"};
	struct runlist_cmd cmd;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *p = bad[i];

		assert_int_equal(runlist_next(&p, &cmd), -MK_EINVAL);
		assert_memory_equal(cmd.word, bad[i], cmd.word_len);
	}
}

static void a_last_ampersand_means_background_but_26_does_not(void **state)
{
	const char *p = "run=spin,1,& run=echo,%26 run=& run=a,&,b";
	const char *spin[] = {"spin", "1", NULL}, *echo[] = {"echo", "&", NULL};
	const char *amp[] = {"&", NULL}, *mid[] = {"a", "&", "b", NULL};
	struct runlist_cmd cmd;

	(void)state;
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, spin);
	assert_true(cmd.background);
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, echo);
	assert_false(cmd.background);
	/* A lone "&" is a (missing) program's name, not an empty command. */
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, amp);
	assert_false(cmd.background);
	assert_int_equal(runlist_next(&p, &cmd), 1);
	assert_argv(&cmd, mid);
	assert_false(cmd.background);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_without_run_give_nothing),
		cmocka_unit_test(run_word_splits_into_name_and_arguments),
		cmocka_unit_test(words_come_in_order_across_blanks_and_tabs),
		cmocka_unit_test(empty_arguments_are_kept),
		cmocka_unit_test(empty_name_is_einval_and_parsing_goes_on),
		cmocka_unit_test(too_many_arguments_is_e2big),
		cmocka_unit_test(overlong_word_is_e2big),
		cmocka_unit_test(percent_escapes_give_any_byte_but_nul),
		cmocka_unit_test(bad_percent_escapes_are_einval),
		cmocka_unit_test(
			a_last_ampersand_means_background_but_26_does_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
