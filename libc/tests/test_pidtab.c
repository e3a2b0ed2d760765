/*
 * Host tests of the pid -> handle table behind waitpid and kill: lookups,
 * removal, the full table and the arguments it refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mk/errno.h"
#include "mk/pidtab.h"

static struct mk_pidtab tab;

static int reset(void **state)
{
	(void)state;
	memset(&tab, 0, sizeof(tab));
	return 0;
}

static void added_pids_find_their_own_handles(void **state)
{
	(void)state;
	assert_int_equal(mk_pidtab_add(&tab, 7, 3), 0);
	assert_int_equal(mk_pidtab_add(&tab, 12, 0), 0);
	assert_int_equal(mk_pidtab_add(&tab, 9, 5), 0);
	assert_int_equal(mk_pidtab_handle(&tab, 7), 3);
	assert_int_equal(mk_pidtab_handle(&tab, 12), 0);
	assert_int_equal(mk_pidtab_handle(&tab, 9), 5);
	assert_int_equal(mk_pidtab_handle(&tab, 8), -1);
}

static void removed_pid_returns_its_handle_once(void **state)
{
	(void)state;
	assert_int_equal(mk_pidtab_add(&tab, 7, 3), 0);
	assert_int_equal(mk_pidtab_add(&tab, 8, 4), 0);
	assert_int_equal(mk_pidtab_remove(&tab, 7), 3);
	assert_int_equal(mk_pidtab_remove(&tab, 7), -1);
	assert_int_equal(mk_pidtab_handle(&tab, 7), -1);
	assert_int_equal(mk_pidtab_handle(&tab, 8), 4);
}

static void zero_and_negative_pids_are_never_found(void **state)
{
	(void)state;
	/* 0 marks a free entry: it must not look like a child. */
	assert_int_equal(mk_pidtab_handle(&tab, 0), -1);
	assert_int_equal(mk_pidtab_remove(&tab, 0), -1);
	assert_int_equal(mk_pidtab_handle(&tab, -1), -1);
	assert_int_equal(mk_pidtab_add(&tab, 0, 3), -MK_EINVAL);
	assert_int_equal(mk_pidtab_add(&tab, -4, 3), -MK_EINVAL);
	assert_int_equal(mk_pidtab_add(&tab, 4, -1), -MK_EINVAL);
}

static void duplicate_pid_is_einval_and_keeps_the_first(void **state)
{
	(void)state;
	assert_int_equal(mk_pidtab_add(&tab, 7, 3), 0);
	assert_int_equal(mk_pidtab_add(&tab, 7, 4), -MK_EINVAL);
	assert_int_equal(mk_pidtab_handle(&tab, 7), 3);
}

static void full_table_is_eagain_until_an_entry_is_freed(void **state)
{
	(void)state;
	for (int i = 0; i < MK_PIDTAB_MAX; i++) {
		assert_false(mk_pidtab_full(&tab));
		assert_int_equal(mk_pidtab_add(&tab, 100 + i, i), 0);
	}
	assert_true(mk_pidtab_full(&tab));
	assert_int_equal(mk_pidtab_add(&tab, 1, 1), -MK_EAGAIN);

	assert_int_equal(mk_pidtab_remove(&tab, 150), 50);
	assert_false(mk_pidtab_full(&tab));
	assert_int_equal(mk_pidtab_add(&tab, 1, 1), 0);
	for (int i = 0; i < MK_PIDTAB_MAX; i++)
		if (i != 50)
			assert_int_equal(mk_pidtab_handle(&tab, 100 + i), i);
	assert_int_equal(mk_pidtab_handle(&tab, 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(
			added_pids_find_their_own_handles, reset),
		cmocka_unit_test_setup(
			removed_pid_returns_its_handle_once, reset),
		cmocka_unit_test_setup(
			zero_and_negative_pids_are_never_found, reset),
		cmocka_unit_test_setup(
			duplicate_pid_is_einval_and_keeps_the_first, reset),
		cmocka_unit_test_setup(
			full_table_is_eagain_until_an_entry_is_freed, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
