/* Host tests of the kernel object allocator (kernel/mm/kalloc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/kalloc.h"
#include "panic.h"

#define PAGE 4096

uintptr_t host_phys_delta;

static int pages_out, page_limit = 1 << 30;
static jmp_buf panic_jump;
static int panics;

void *kalloc_page_get(void)
{
	void *p;

	if (pages_out >= page_limit)
		return NULL;
	p = aligned_alloc(PAGE, PAGE);
	memset(p, 0xa5, PAGE); /* kalloc must not rely on zeroed pages */
	pages_out++;
	return p;
}

void kalloc_page_put(void *page)
{
	pages_out--;
	free(page);
}

noreturn void panic(const char *fmt, ...)
{
	(void)fmt;
	panics++;
	longjmp(panic_jump, 1);
}

static void objects_are_zeroed_aligned_and_disjoint(void **state)
{
	enum { N = 300 };
	static unsigned char *obj[N];
	size_t sizes[] = { 1, 8, 16, 17, 100, 256, 513, 1024 };
	size_t s, i, j;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t size = sizes[s];

		for (i = 0; i < N; i++) {
			obj[i] = kalloc(size);
			assert_non_null(obj[i]);
			for (j = 0; j < size; j++)
				assert_int_equal(obj[i][j], 0);
			assert_int_equal((uintptr_t)obj[i] % (size < 16 ? 16 : 8),
				0);
			memset(obj[i], (int)i, size);
		}
		for (i = 0; i < N; i++)
			for (j = 0; j < size; j++)
				assert_int_equal(obj[i][j], (unsigned char)i);
		for (i = 0; i < N; i++)
			kfree(obj[i]);
	}
}

static void freeing_everything_returns_all_but_one_page_per_class(void **state)
{
	enum { N = 1000 };
	static void *obj[N];
	int i, before = pages_out;

	(void)state;
	for (i = 0; i < N; i++)
		obj[i] = kalloc(64);
	assert_true(pages_out >= before + N * 64 / PAGE);
	for (i = 0; i < N; i++)
		kfree(obj[i]);
	assert_true(pages_out <= before + 1);
	assert_int_equal((size_t)pages_out, kalloc_pages_held());
}

static void bad_sizes_return_null(void **state)
{
	(void)state;
	assert_null(kalloc(0));
	assert_null(kalloc(KALLOC_MAX + 1));
	kfree(NULL);
}

static void page_exhaustion_returns_null_and_recovers(void **state)
{
	void *a;

	(void)state;
	page_limit = pages_out;
	/* No other test uses the 512-byte class: it has no page to use. */
	assert_null(kalloc(512));
	page_limit = 1 << 30;
	a = kalloc(512);
	assert_non_null(a);
	kfree(a);
}

static void misaligned_and_foreign_pointers_panic(void **state)
{
	void *a = kalloc(32), *b = kalloc(32);
	static char not_ours[2 * PAGE] __attribute__((aligned(PAGE)));

	(void)state;
	kfree(a);
	panics = 0;
	if (!setjmp(panic_jump))
		kfree((char *)b + 1);
	assert_int_equal(panics, 1);
	if (!setjmp(panic_jump))
		kfree(not_ours + 64);
	assert_int_equal(panics, 2);
	kfree(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(objects_are_zeroed_aligned_and_disjoint),
		cmocka_unit_test(
			freeing_everything_returns_all_but_one_page_per_class),
		cmocka_unit_test(bad_sizes_return_null),
		cmocka_unit_test(page_exhaustion_returns_null_and_recovers),
		cmocka_unit_test(misaligned_and_foreign_pointers_panic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
