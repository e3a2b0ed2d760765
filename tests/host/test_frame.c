/* Host tests of the frame allocator's bookkeeping (kernel/mm/frame.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "kerrno.h"
#include "mm/frame.h"

#define MiB (1ULL << 20)
#define RAM_BASE 0x80000000ULL

uintptr_t host_phys_delta;

static uint64_t bitmap_a[4096], bitmap_b[4096];

static void pool_one_region(struct frame_pool *pool, uint64_t size)
{
	memset(pool, 0, sizeof(*pool));
	assert_int_equal(frame_pool_add(pool, RAM_BASE, size, bitmap_a), 0);
	frame_pool_release(pool, RAM_BASE, size);
}

static void frames_start_in_use_until_released(void **state)
{
	struct frame_pool pool = { 0 };

	(void)state;
	assert_int_equal(frame_pool_add(&pool, RAM_BASE, 8 * MiB, bitmap_a), 0);
	assert_int_equal(pool.free, 0);
	assert_int_equal(frame_pool_alloc(&pool), FRAME_NONE);
	frame_pool_release(&pool, RAM_BASE, 8 * MiB);
	assert_int_equal(pool.free, 8 * MiB / PAGE_SIZE);
	assert_int_equal(pool.total, 8 * MiB / PAGE_SIZE);
}

static void alloc_returns_every_frame_once_then_none(void **state)
{
	struct frame_pool pool;
	size_t n = 4 * MiB / PAGE_SIZE, i;
	char *seen = calloc(n, 1);

	(void)state;
	pool_one_region(&pool, 4 * MiB);
	for (i = 0; i < n; i++) {
		paddr_t pa = frame_pool_alloc(&pool);

		assert_int_not_equal(pa, FRAME_NONE);
		assert_int_equal(pa % PAGE_SIZE, 0);
		assert_true(pa >= RAM_BASE && pa < RAM_BASE + 4 * MiB);
		assert_int_equal(seen[(pa - RAM_BASE) / PAGE_SIZE], 0);
		seen[(pa - RAM_BASE) / PAGE_SIZE] = 1;
	}
	assert_int_equal(pool.free, 0);
	assert_int_equal(frame_pool_alloc(&pool), FRAME_NONE);
	free(seen);
}

static void free_restores_exact_count_and_rejects_double_free(void **state)
{
	struct frame_pool pool;
	paddr_t a, b;

	(void)state;
	pool_one_region(&pool, 1 * MiB);
	a = frame_pool_alloc(&pool);
	b = frame_pool_alloc(&pool);
	assert_int_equal(pool.free, 256 - 2);
	assert_false(frame_pool_is_free(&pool, a));
	assert_int_equal(frame_pool_free(&pool, a), 0);
	assert_true(frame_pool_is_free(&pool, a));
	assert_int_equal(frame_pool_free(&pool, a), -EINVAL);
	assert_int_equal(frame_pool_free(&pool, b + 8), -EINVAL);
	assert_int_equal(frame_pool_free(&pool, RAM_BASE - PAGE_SIZE), -EINVAL);
	assert_int_equal(frame_pool_free(&pool, RAM_BASE + MiB), -EINVAL);
	assert_int_equal(frame_pool_free(&pool, b), 0);
	assert_int_equal(pool.free, 256);
}

static void reserve_removes_partial_pages_release_keeps_whole_ones(void **state)
{
	struct frame_pool pool;

	(void)state;
	pool_one_region(&pool, 1 * MiB);
	/* 1 byte into a page reserves the whole page. */
	frame_pool_reserve(&pool, RAM_BASE + 10, 1);
	assert_int_equal(pool.free, 255);
	assert_false(frame_pool_is_free(&pool, RAM_BASE));
	/* Straddling two pages reserves both. */
	frame_pool_reserve(&pool, RAM_BASE + 2 * PAGE_SIZE - 4, 8);
	assert_int_equal(pool.free, 253);
	/* Reserving twice counts once. */
	frame_pool_reserve(&pool, RAM_BASE, PAGE_SIZE);
	assert_int_equal(pool.free, 253);
	assert_int_equal(pool.total, 253);
	/* Outside the pool: nothing changes. */
	frame_pool_reserve(&pool, 0x1000, PAGE_SIZE);
	assert_int_equal(pool.free, 253);
	/* Alloc never returns a reserved frame. */
	for (size_t i = 0; i < 253; i++) {
		paddr_t pa = frame_pool_alloc(&pool);

		assert_true(pa >= RAM_BASE + 3 * PAGE_SIZE);
	}
	assert_int_equal(frame_pool_alloc(&pool), FRAME_NONE);
}

static void unaligned_region_keeps_only_whole_pages(void **state)
{
	struct frame_pool pool = { 0 };

	(void)state;
	assert_int_equal(frame_pool_add(&pool, RAM_BASE + 100,
				 3 * PAGE_SIZE, bitmap_a), 0);
	frame_pool_release(&pool, RAM_BASE + 100, 3 * PAGE_SIZE);
	assert_int_equal(pool.free, 2);
	assert_int_equal(pool.region[0].base, RAM_BASE + PAGE_SIZE);
}

static void bad_regions_are_refused(void **state)
{
	struct frame_pool pool = { 0 };
	int i;

	(void)state;
	assert_int_equal(frame_pool_add(&pool, RAM_BASE, 100, bitmap_a),
		-EINVAL);
	assert_int_equal(frame_pool_add(&pool, UINT64_MAX - PAGE_SIZE,
				 8 * PAGE_SIZE, bitmap_a), -EINVAL);
	assert_int_equal(frame_pool_add(&pool, RAM_BASE, MiB, bitmap_a), 0);
	assert_int_equal(frame_pool_add(&pool, RAM_BASE + MiB / 2, MiB,
				 bitmap_b), -EINVAL);
	for (i = 1; i < FRAME_MAX_REGIONS; i++)
		assert_int_equal(frame_pool_add(&pool, RAM_BASE + i * MiB,
					 PAGE_SIZE, bitmap_b + i), 0);
	assert_int_equal(frame_pool_add(&pool, RAM_BASE + 64 * MiB,
				 PAGE_SIZE, bitmap_b), -ENOSPC);
}

static void two_regions_alloc_from_both(void **state)
{
	struct frame_pool pool = { 0 };
	int in_a = 0, in_b = 0, i;

	(void)state;
	assert_int_equal(frame_pool_add(&pool, RAM_BASE, 4 * PAGE_SIZE,
				 bitmap_a), 0);
	assert_int_equal(frame_pool_add(&pool, 2 * RAM_BASE, 4 * PAGE_SIZE,
				 bitmap_b), 0);
	frame_pool_release(&pool, 0, UINT64_MAX);
	assert_int_equal(pool.free, 8);
	for (i = 0; i < 8; i++) {
		paddr_t pa = frame_pool_alloc(&pool);

		if (pa < 2 * RAM_BASE)
			in_a++;
		else
			in_b++;
	}
	assert_int_equal(in_a, 4);
	assert_int_equal(in_b, 4);
}

static void bitmap_bytes_cover_every_frame(void **state)
{
	(void)state;
	assert_int_equal(frame_bitmap_bytes(RAM_BASE, PAGE_SIZE), 8);
	assert_int_equal(frame_bitmap_bytes(RAM_BASE, 128 * MiB),
		128 * MiB / PAGE_SIZE / 8);
	assert_int_equal(frame_bitmap_bytes(RAM_BASE, 65 * PAGE_SIZE), 16);
	/* An unaligned base loses its partial first page. */
	assert_int_equal(frame_bitmap_bytes(RAM_BASE + 1, 65 * PAGE_SIZE), 8);
	assert_int_equal(frame_bitmap_bytes(RAM_BASE + 1, 100), 0);
}

static void gap_skips_every_reservation(void **state)
{
	struct mem_range mem[2] = { { RAM_BASE, 16 * PAGE_SIZE },
		{ 2 * RAM_BASE, 16 * PAGE_SIZE } };
	struct mem_range res[3] = { { RAM_BASE, 3 * PAGE_SIZE },
		{ RAM_BASE + 4 * PAGE_SIZE + 1, 1 },
		{ RAM_BASE + 3 * PAGE_SIZE, 100 } };

	(void)state;
	/* Pages 0-2 reserved, 3 partly, 4 partly: first free is page 5. */
	assert_int_equal(frame_find_gap(mem, 2, res, 3, PAGE_SIZE),
		RAM_BASE + 5 * PAGE_SIZE);
	assert_int_equal(frame_find_gap(mem, 2, res, 3, 11 * PAGE_SIZE),
		RAM_BASE + 5 * PAGE_SIZE);
	/* Too big for the first range: the second. */
	assert_int_equal(frame_find_gap(mem, 2, res, 3, 12 * PAGE_SIZE),
		2 * RAM_BASE);
	assert_int_equal(frame_find_gap(mem, 2, res, 3, 17 * PAGE_SIZE),
		FRAME_NONE);
}

static void contiguous_runs_are_aligned_free_and_counted(void **state)
{
	struct frame_pool pool;
	paddr_t a, b, c;
	int i;

	(void)state;
	pool_one_region(&pool, 1 * MiB); /* 256 frames */
	assert_int_equal(frame_pool_alloc_contig(&pool, 3), FRAME_NONE);
	assert_int_equal(frame_pool_alloc_contig(&pool, 0), FRAME_NONE);
	assert_int_equal(frame_pool_alloc_contig(&pool, 128), FRAME_NONE);
	a = frame_pool_alloc(&pool); /* frame 0: breaks the first run */
	b = frame_pool_alloc_contig(&pool, 4);
	assert_int_equal(b, RAM_BASE + 4 * PAGE_SIZE);
	for (i = 0; i < 4; i++)
		assert_false(frame_pool_is_free(&pool, b + i * PAGE_SIZE));
	assert_int_equal(pool.free, 256 - 5);
	c = frame_pool_alloc_contig(&pool, 64);
	assert_int_equal(c, RAM_BASE + 64 * PAGE_SIZE);
	assert_int_equal(pool.free, 256 - 69);
	for (i = 0; i < 4; i++)
		assert_int_equal(frame_pool_free(&pool, b + i * PAGE_SIZE), 0);
	assert_int_equal(frame_pool_free(&pool, a), 0);
	assert_int_equal(pool.free, 256 - 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(frames_start_in_use_until_released),
		cmocka_unit_test(alloc_returns_every_frame_once_then_none),
		cmocka_unit_test(free_restores_exact_count_and_rejects_double_free),
		cmocka_unit_test(reserve_removes_partial_pages_release_keeps_whole_ones),
		cmocka_unit_test(unaligned_region_keeps_only_whole_pages),
		cmocka_unit_test(bad_regions_are_refused),
		cmocka_unit_test(two_regions_alloc_from_both),
		cmocka_unit_test(bitmap_bytes_cover_every_frame),
		cmocka_unit_test(gap_skips_every_reservation),
		cmocka_unit_test(contiguous_runs_are_aligned_free_and_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
