/*
 * Host tests of Sv39 page-table walking (kernel/arch/riscv64/pagetable.c)
 * over simulated physical memory: table frames come from a buffer, and
 * pa_to_kva adds host_phys_delta.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "arch/riscv64/pagetable.h"
#include "kerrno.h"

#define SIM_BASE 0x80000000ULL /* simulated physical address of sim[0] */
#define SIM_PAGES 64
#define RWX_KERNEL (PTE_R | PTE_W | PTE_A | PTE_D)

uintptr_t host_phys_delta;

static unsigned char *sim;
static int sim_next, sim_limit, sim_freed;

paddr_t pt_table_alloc(void)
{
	paddr_t pa;

	if (sim_next >= sim_limit)
		return PT_NO_TABLE;
	pa = SIM_BASE + (paddr_t)sim_next++ * PAGE_SIZE;
	memset(pa_to_kva(pa), 0, PAGE_SIZE);
	return pa;
}

void pt_table_free(paddr_t table)
{
	(void)table;
	sim_freed++;
}

static int setup(void **state)
{
	(void)state;
	sim = aligned_alloc(PAGE_SIZE, SIM_PAGES * PAGE_SIZE);
	host_phys_delta = (uintptr_t)sim - SIM_BASE;
	sim_next = 0;
	sim_limit = SIM_PAGES;
	sim_freed = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(sim);
	return 0;
}

static void map_4k_translates_with_offset_and_flags(void **state)
{
	paddr_t root = pt_table_alloc(), pa;
	uint64_t flags;

	(void)state;
	assert_int_equal(pt_map(root, 0x10000, 0x90000000, PAGE_SIZE,
				 PTE_R | PTE_U, 2), 0);
	assert_int_equal(pt_translate(root, 0x10123, &pa, &flags), 0);
	assert_int_equal(pa, 0x90000123);
	assert_int_equal(flags, PTE_R | PTE_U);
	assert_int_equal(pt_translate(root, 0x11000, &pa, NULL), -EFAULT);
	assert_int_equal(pt_translate(root, 0xf000, &pa, NULL), -EFAULT);
	/* One root, one level-1 and one level-0 table. */
	assert_int_equal(sim_next, 3);
}

static void aligned_ranges_use_the_largest_leaf_allowed(void **state)
{
	paddr_t root = pt_table_alloc(), pa;
	int level;

	(void)state;
	/* 2 MiB + 4 KiB at a 2 MiB boundary: one megapage, one page. */
	assert_int_equal(pt_map(root, 0xffffffc080000000, 0x80000000,
				 (2 << 20) + PAGE_SIZE, RWX_KERNEL, 2), 0);
	assert_non_null(pt_lookup(root, 0xffffffc080000000, &level));
	assert_int_equal(level, 1);
	assert_non_null(pt_lookup(root, 0xffffffc080200000, &level));
	assert_int_equal(level, 0);
	assert_int_equal(pt_translate(root, 0xffffffc0801fffff, &pa, NULL), 0);
	assert_int_equal(pa, 0x801fffff);
	/* A gigapage when allowed, none when max_level forbids it. */
	assert_int_equal(pt_map(root, 0xffffffc100000000, 0x100000000,
				 1ULL << 30, RWX_KERNEL, 2), 0);
	assert_non_null(pt_lookup(root, 0xffffffc13fffffff, &level));
	assert_int_equal(level, 2);
	assert_int_equal(pt_map(root, 0x40000000, 0x40000000, 2 << 20,
				 RWX_KERNEL, 0), 0);
	assert_non_null(pt_lookup(root, 0x40000000, &level));
	assert_int_equal(level, 0);
}

static void overlapping_map_is_refused_and_changes_nothing(void **state)
{
	paddr_t root = pt_table_alloc(), pa;

	(void)state;
	assert_int_equal(pt_map(root, 0x5000, 0x90005000, PAGE_SIZE,
				 PTE_R, 0), 0);
	assert_int_equal(pt_map(root, 0x3000, 0x90003000, 3 * PAGE_SIZE,
				 PTE_R | PTE_W, 0), -EEXIST);
	assert_int_equal(pt_translate(root, 0x3000, &pa, NULL), -EFAULT);
	assert_int_equal(pt_translate(root, 0x5000, &pa, NULL), 0);
	assert_int_equal(pa, 0x90005000);
	/* A 4 KiB map inside a megapage is refused too. */
	assert_int_equal(pt_map(root, 0x200000, 0x90200000, 2 << 20,
				 PTE_R, 1), 0);
	assert_int_equal(pt_map(root, 0x201000, 0x1000, PAGE_SIZE, PTE_R, 0),
		-EEXIST);
}

static void bad_arguments_are_einval(void **state)
{
	paddr_t root = pt_table_alloc();

	(void)state;
	assert_int_equal(pt_map(root, 0x1001, 0x1000, PAGE_SIZE, PTE_R, 0),
		-EINVAL);
	assert_int_equal(pt_map(root, 0x1000, 0x1000, 100, PTE_R, 0), -EINVAL);
	assert_int_equal(pt_map(root, 0x1000, 0x1000, 0, PTE_R, 0), -EINVAL);
	/* W without R is reserved by the privileged spec. */
	assert_int_equal(pt_map(root, 0x1000, 0x1000, PAGE_SIZE, PTE_W, 0),
		-EINVAL);
	assert_int_equal(pt_map(root, 0x1000, 0x1000, PAGE_SIZE, 0, 0),
		-EINVAL);
	assert_int_equal(pt_map(root, 0x1000, 0x1000, PAGE_SIZE, PTE_V | PTE_R,
				 0), -EINVAL);
	/* Non-canonical, or running off the end of user space. */
	assert_int_equal(pt_map(root, 0x0000008000000000, 0, PAGE_SIZE, PTE_R,
				 0), -EINVAL);
	assert_int_equal(pt_map(root, USER_TOP - PAGE_SIZE, 0, 2 * PAGE_SIZE,
				 PTE_R, 0), -EINVAL);
	assert_int_equal(pt_map(root, UINT64_MAX & ~0xfffULL, 0, 2 * PAGE_SIZE,
				 PTE_R, 0), -EINVAL);
	assert_int_equal(pt_map(root, 0x1000, 0, PAGE_SIZE, PTE_R, 3), -EINVAL);
	assert_int_equal(sim_next, 1); /* nothing was built */
}

static void running_out_of_tables_undoes_the_partial_map(void **state)
{
	paddr_t root = pt_table_alloc(), pa;

	(void)state;
	/* Root + L1 + one L0 table: the second L0 table is missing. */
	sim_limit = 3;
	assert_int_equal(pt_map(root, 0x1ff000, 0x90000000, 2 * PAGE_SIZE,
				 PTE_R, 0), -ENOMEM);
	assert_int_equal(pt_translate(root, 0x1ff000, &pa, NULL), -EFAULT);
	assert_int_equal(pt_translate(root, 0x200000, &pa, NULL), -EFAULT);
}

static void unmap_removes_whole_leaves_only(void **state)
{
	paddr_t root = pt_table_alloc(), pa;

	(void)state;
	assert_int_equal(pt_map(root, 0x400000, 0x90400000, 2 << 20, PTE_R, 1),
		0);
	assert_int_equal(pt_map(root, 0x1000, 0x91000000, 2 * PAGE_SIZE,
				 PTE_R, 0), 0);
	/* Half a megapage: refused, nothing changes. */
	assert_int_equal(pt_unmap(root, 0x400000, PAGE_SIZE), -EINVAL);
	assert_int_equal(pt_translate(root, 0x400000, &pa, NULL), 0);
	/* A range with a hole: refused, nothing changes. */
	assert_int_equal(pt_unmap(root, 0x1000, 3 * PAGE_SIZE), -EINVAL);
	assert_int_equal(pt_translate(root, 0x2000, &pa, NULL), 0);
	assert_int_equal(pt_unmap(root, 0x1000, 2 * PAGE_SIZE), 0);
	assert_int_equal(pt_translate(root, 0x1000, &pa, NULL), -EFAULT);
	assert_int_equal(pt_translate(root, 0x2000, &pa, NULL), -EFAULT);
	assert_int_equal(pt_unmap(root, 0x400000, 2 << 20), 0);
	assert_int_equal(pt_translate(root, 0x400000, &pa, NULL), -EFAULT);
	/* The space can be mapped again. */
	assert_int_equal(pt_map(root, 0x1000, 0x92000000, PAGE_SIZE, PTE_R, 0),
		0);
}

/* pt_leaf_flags agrees with pt_lookup at every level and in every hole. */
static void leaf_flags_match_lookup_at_every_level(void **state)
{
	static const vaddr_t probes[] = {
		0x0, 0xfff, 0x1000, 0x1fff, 0x2000, 0x1ff000, 0x200000,
		0x3fffff, 0x400000, 0x3fffffff, 0x40000000, 0x7fffffff,
		0x80000000, 0x3fffffffff, 0x4000000000, 0xffffffc000000000,
		0xffffffffffffffff,
	};
	paddr_t root = pt_table_alloc();
	size_t i;

	(void)state;
	assert_int_equal(pt_map(root, 0x1000, 0x90001000, PAGE_SIZE,
				 PTE_R | PTE_W | PTE_U | PTE_A, 0), 0);
	assert_int_equal(pt_map(root, 0x200000, 0x90200000, 2 << 20,
				 PTE_R | PTE_U, 1), 0);
	assert_int_equal(pt_map(root, 0x40000000, 0x40000000, 1ULL << 30,
				 PTE_R | PTE_X | PTE_U, 2), 0);
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		pte_t *pte = pt_lookup(root, probes[i], NULL);

		assert_int_equal(pt_leaf_flags(root, probes[i]),
			pte ? *pte & PTE_PERM_MASK : 0);
	}
	assert_int_equal(pt_leaf_flags(root, 0x1234), PTE_R | PTE_W | PTE_U |
		PTE_A);
	assert_int_equal(pt_leaf_flags(root, 0x2fffff), PTE_R | PTE_U);
	assert_int_equal(pt_leaf_flags(root, 0x7fffffff), PTE_R | PTE_X | PTE_U);
	assert_int_equal(pt_leaf_flags(root, 0x2000), 0);
	/* Not canonical: bit 38 set but not the bits above it. */
	assert_int_equal(pt_leaf_flags(root, 0x4000001000), 0);
}

static void canonical_addresses_are_recognised(void **state)
{
	(void)state;
	assert_true(pt_va_canonical(0));
	assert_true(pt_va_canonical(USER_TOP - 1));
	assert_false(pt_va_canonical(USER_TOP));
	assert_false(pt_va_canonical(0xffffffbfffffffffULL));
	assert_true(pt_va_canonical(0xffffffc000000000ULL));
	assert_true(pt_va_canonical(UINT64_MAX));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			map_4k_translates_with_offset_and_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(
			aligned_ranges_use_the_largest_leaf_allowed, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			overlapping_map_is_refused_and_changes_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(bad_arguments_are_einval,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			running_out_of_tables_undoes_the_partial_map, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			leaf_flags_match_lookup_at_every_level, setup, teardown),
		cmocka_unit_test_setup_teardown(unmap_removes_whole_leaves_only,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			canonical_addresses_are_recognised, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
