/*
 * Host tests of how the shell reports a program's end (status_code,
 * status_describe).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "status.h"

/* Linux wait statuses. */
#define EXITED(code) ((code) << 8)
#define KILLED(signal) (signal)

static void exits_give_their_code(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(status_code(EXITED(0)), 0);
	assert_int_equal(status_code(EXITED(3)), 3);
	assert_int_equal(status_code(EXITED(255)), 255);
	assert_string_equal(
		status_describe(EXITED(0), buf, sizeof(buf)), "done");
	assert_string_equal(
		status_describe(EXITED(3), buf, sizeof(buf)), "exit 3");
}

static void kills_give_128_plus_the_signal_and_its_name(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(status_code(KILLED(2)), 130);
	assert_int_equal(status_code(KILLED(11)), 139);
	assert_string_equal(status_describe(KILLED(11), buf, sizeof(buf)),
		"killed: signal 11 (segmentation fault)");
	assert_string_equal(status_describe(KILLED(15), buf, sizeof(buf)),
		"killed: signal 15 (terminated)");
	assert_string_equal(status_describe(KILLED(2), buf, sizeof(buf)),
		"killed: signal 2 (interrupt)");
	/* A signal without a name here still says its number. */
	assert_string_equal(status_describe(KILLED(31), buf, sizeof(buf)),
		"killed: signal 31");
}

static void descriptions_are_cut_to_the_buffer(void **state)
{
	char buf[8];

	(void)state;
	assert_string_equal(
		status_describe(KILLED(9), buf, sizeof(buf)), "killed:");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exits_give_their_code),
		cmocka_unit_test(kills_give_128_plus_the_signal_and_its_name),
		cmocka_unit_test(descriptions_are_cut_to_the_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
