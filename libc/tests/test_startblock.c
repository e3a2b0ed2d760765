/*
 * Host tests of mk_startblock_build: the block's words, the child
 * addresses in it, alignment, and the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mk/errno.h"
#include "mk/startblock.h"

#define REGION_SIZE 4096
#define CHILD_BASE 0x3fefff8000ull

static _Alignas(16) unsigned char region[REGION_SIZE];

/* The local address of child address a inside region. */
static void *local(uint64_t a)
{
	assert_true(a >= CHILD_BASE && a < CHILD_BASE + REGION_SIZE);
	return region + (a - CHILD_BASE);
}

/* The block's word i, read at the child's sp. */
static uint64_t word(uint64_t sp, size_t i)
{
	uint64_t w;

	memcpy(&w, local(sp + i * 8), sizeof(w));
	return w;
}

/* Assert that the string at child address a is want, all of it inside
 * the region. */
static void assert_child_string(uint64_t a, const char *want)
{
	size_t len = strlen(want);

	assert_true(a + len < CHILD_BASE + REGION_SIZE);
	assert_string_equal((const char *)local(a), want);
}

static void block_holds_argc_argv_envp_in_order(void **state)
{
	char *argv[] = {"prog", "first", "", NULL};
	char *envp[] = {"A=1", "bootargs=run=x", NULL};
	uint64_t sp = 0;

	(void)state;
	assert_int_equal(mk_startblock_build(region, REGION_SIZE, CHILD_BASE,
				 argv, envp, &sp),
		0);
	assert_int_equal(sp % 16, 0);
	assert_int_equal(word(sp, 0), 3);
	assert_child_string(word(sp, 1), "prog");
	assert_child_string(word(sp, 2), "first");
	assert_child_string(word(sp, 3), "");
	assert_int_equal(word(sp, 4), 0);
	assert_child_string(word(sp, 5), "A=1");
	assert_child_string(word(sp, 6), "bootargs=run=x");
	assert_int_equal(word(sp, 7), 0);
}

static void strings_lie_above_the_pointers(void **state)
{
	char *argv[] = {"abc", NULL};
	uint64_t sp = 0;

	(void)state;
	assert_int_equal(mk_startblock_build(region, REGION_SIZE, CHILD_BASE,
				 argv, NULL, &sp),
		0);
	/* argc, argv[0], NULL, envp's NULL: the string comes after. */
	assert_true(word(sp, 1) >= sp + 4 * 8);
}

static void null_lists_give_no_arguments_and_no_environment(void **state)
{
	uint64_t sp = 0;

	(void)state;
	assert_int_equal(mk_startblock_build(region, REGION_SIZE, CHILD_BASE,
				 NULL, NULL, &sp),
		0);
	assert_int_equal(sp % 16, 0);
	assert_int_equal(word(sp, 0), 0);
	assert_int_equal(word(sp, 1), 0);
	assert_int_equal(word(sp, 2), 0);
}

static void exact_fit_succeeds_and_one_byte_more_is_e2big(void **state)
{
	/* 128 bytes: argc, argv[0], NULL, envp NULL (32) + 96 of string. */
	char fits[96], too_long[97];
	char *argv[] = {fits, NULL};
	uint64_t sp = 0;

	(void)state;
	memset(fits, 'x', sizeof(fits) - 1);
	fits[sizeof(fits) - 1] = '\0';
	assert_int_equal(
		mk_startblock_build(region, 128, CHILD_BASE, argv, NULL, &sp),
		0);
	assert_int_equal(sp, CHILD_BASE);
	assert_child_string(word(sp, 1), fits);

	memset(too_long, 'x', sizeof(too_long) - 1);
	too_long[sizeof(too_long) - 1] = '\0';
	argv[0] = too_long;
	assert_int_equal(
		mk_startblock_build(region, 128, CHILD_BASE, argv, NULL, &sp),
		-MK_E2BIG);
}

static void oversized_list_is_e2big_and_leaves_region_alone(void **state)
{
	static char big[REGION_SIZE + 1];
	char *envp[] = {big, NULL};
	uint64_t sp = 7;

	(void)state;
	memset(big, 'y', sizeof(big) - 1);
	memset(region, 0xaa, sizeof(region));
	assert_int_equal(mk_startblock_build(region, REGION_SIZE, CHILD_BASE,
				 NULL, envp, &sp),
		-MK_E2BIG);
	assert_int_equal(sp, 7);
	for (size_t i = 0; i < sizeof(region); i++)
		assert_int_equal(region[i], 0xaa);
}

static void many_empty_strings_are_e2big_by_their_pointers(void **state)
{
	static char *argv[1001];
	uint64_t sp = 0;

	(void)state;
	for (int i = 0; i < 1000; i++)
		argv[i] = "";
	argv[1000] = NULL;
	/* 1000 bytes of strings fit, 1003 pointers (8024 bytes) do not. */
	assert_int_equal(mk_startblock_build(region, REGION_SIZE, CHILD_BASE,
				 argv, NULL, &sp),
		-MK_E2BIG);
}

static void misaligned_region_or_base_is_einval(void **state)
{
	uint64_t sp = 0;

	(void)state;
	assert_int_equal(mk_startblock_build(
				 region + 8, 256, CHILD_BASE, NULL, NULL, &sp),
		-MK_EINVAL);
	assert_int_equal(mk_startblock_build(
				 region, 256, CHILD_BASE + 4, NULL, NULL, &sp),
		-MK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(block_holds_argc_argv_envp_in_order),
		cmocka_unit_test(strings_lie_above_the_pointers),
		cmocka_unit_test(
			null_lists_give_no_arguments_and_no_environment),
		cmocka_unit_test(exact_fit_succeeds_and_one_byte_more_is_e2big),
		cmocka_unit_test(
			oversized_list_is_e2big_and_leaves_region_alone),
		cmocka_unit_test(
			many_empty_strings_are_e2big_by_their_pointers),
		cmocka_unit_test(misaligned_region_or_base_is_einval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
