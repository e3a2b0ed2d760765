/*
 * Boot-time self-tests of what only the real machine can show: the memory
 * map, the kernel page table's permissions, fault recovery, the clock and
 * the tick. Each prints "PASS name" or "FAIL name: why".
 */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/pagetable.h"
#include "arch/riscv64/trap.h"
#include "console.h"
#include "cpu.h"
#include "kerrno.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "selftest.h"
#include "timer.h"
#include "uaccess.h"

#define FRAMES_TO_TEST 256
#define SCRATCH_VA 0x40000000UL /* lower half: never mapped in the kernel */

extern char _kernel_start[], _text_end[], _rodata_end[], _kernel_end[];

static const struct fdt_info *boot_info;
static const char *why;

#define CHECK(cond, reason)                                             \
	do {                                                            \
		if (!(cond)) {                                          \
			why = reason;                                   \
			return false;                                   \
		}                                                       \
	} while (0)

static bool test_device_tree_describes_machine(void)
{
	CHECK(boot_info->mem_count >= 1, "no memory range");
	CHECK(boot_info->hart_count >= 1, "no hart");
	CHECK(boot_info->timebase_hz != 0, "no timebase");
	CHECK(kmem_ram_bytes() >= frame_total_count() * PAGE_SIZE,
		"more frames than RAM");
	CHECK(frame_total_count() * PAGE_SIZE + (4UL << 20) >=
			kmem_ram_bytes() / 2,
		"most RAM is missing from the pool");
	return true;
}

static bool test_frames_alloc_distinct_and_free_exactly(void)
{
	static paddr_t got[FRAMES_TO_TEST];
	size_t before = frame_free_count();
	int i, j;

	for (i = 0; i < FRAMES_TO_TEST; i++) {
		got[i] = frame_alloc();
		CHECK(got[i] != FRAME_NONE, "allocation failed");
		CHECK(got[i] % PAGE_SIZE == 0, "unaligned frame");
		CHECK(*(uint64_t *)pa_to_kva(got[i]) == 0, "frame not zeroed");
		*(uint64_t *)pa_to_kva(got[i]) = got[i] ^ 0x5a5a;
	}
	CHECK(frame_free_count() == before - FRAMES_TO_TEST, "count off");
	for (i = 0; i < FRAMES_TO_TEST; i++) {
		CHECK(*(uint64_t *)pa_to_kva(got[i]) == (got[i] ^ 0x5a5a),
			"frames overlap");
		for (j = 0; j < i; j++)
			CHECK(got[i] != got[j], "frame handed out twice");
	}
	for (i = 0; i < FRAMES_TO_TEST; i++)
		frame_free(got[i]);
	CHECK(frame_free_count() == before, "free count not restored");
	return true;
}

static bool test_kernel_image_frames_are_not_free(void)
{
	paddr_t pa;

	for (pa = kva_to_pa(_kernel_start); pa < kva_to_pa(_kernel_end);
		pa += PAGE_SIZE)
		CHECK(!frame_is_free(pa),
			"a kernel image frame is in the free pool");
	return true;
}

static bool test_kalloc_every_size_and_give_pages_back(void)
{
	static void *objects[64];
	size_t frames = frame_free_count(), size;
	int i;

	for (size = 1; size <= KALLOC_MAX; size = size * 2 + 1) {
		for (i = 0; i < 64; i++) {
			objects[i] = kalloc(size);
			CHECK(objects[i], "kalloc failed");
			CHECK(((unsigned char *)objects[i])[size - 1] == 0,
				"object not zeroed");
			((unsigned char *)objects[i])[0] = (unsigned char)i;
			((unsigned char *)objects[i])[size - 1] =
				(unsigned char)i;
		}
		for (i = 0; i < 64; i++)
			CHECK(((unsigned char *)objects[i])[0] == i &&
					((unsigned char *)objects[i])[size - 1] ==
						i,
				"objects overlap");
		for (i = 0; i < 64; i++)
			kfree(objects[i]);
	}
	CHECK(kalloc(0) == NULL && kalloc(KALLOC_MAX + 1) == NULL,
		"bad sizes accepted");
	/* One page per class may stay cached. */
	CHECK(frame_free_count() + 7 >= frames, "kalloc leaks pages");
	return true;
}

/* Check the leaf permissions over [start, end) of the kernel image. */
static bool kernel_range_has(char *start, char *end, uint64_t want)
{
	char *p;
	int level;

	for (p = start; p < end; p += PAGE_SIZE) {
		pte_t *pte = pt_lookup(kmem_kernel_root(), (vaddr_t)p, &level);

		if (!pte || (*pte & (PTE_R | PTE_W | PTE_X)) != want)
			return false;
	}
	return true;
}

static bool test_kernel_map_is_write_xor_execute(void)
{
	CHECK(kernel_range_has(_kernel_start, _text_end, PTE_R | PTE_X),
		"text is not read-execute");
	CHECK(kernel_range_has(_text_end, _rodata_end, PTE_R),
		"rodata is not read-only");
	CHECK(kernel_range_has(_rodata_end, _kernel_end, PTE_R | PTE_W),
		"data is not read-write");
	return true;
}

static bool test_kernel_text_write_faults_and_recovers(void)
{
	uint64_t word;

	CHECK(probe_read_u64(_kernel_start, &word) == 0, "cannot read text");
	CHECK(probe_write_u64(_kernel_start, word) == -EFAULT,
		"text is writable");
	CHECK(this_cpu()->last_fixup_cause == EXC_STORE_PAGE_FAULT,
		"not a store page fault");
	return true;
}

static bool test_unmapped_read_faults_and_recovers(void)
{
	uint64_t word;

	CHECK(probe_read_u64((void *)SCRATCH_VA, &word) == -EFAULT,
		"read of an unmapped address succeeded");
	CHECK(this_cpu()->last_fixup_cause == EXC_LOAD_PAGE_FAULT,
		"not a load page fault");
	return true;
}

static bool test_page_map_and_unmap_take_effect(void)
{
	paddr_t root = kmem_kernel_root(), frame = frame_alloc();
	uint64_t word = 0;
	bool ok;

	CHECK(frame != FRAME_NONE, "no frame");
	*(uint64_t *)pa_to_kva(frame) = 0x1234abcd;
	ok = pt_map(root, SCRATCH_VA, frame, PAGE_SIZE,
		     PTE_R | PTE_W | PTE_A | PTE_D, 0) == 0;
	sfence_vma_all();
	ok = ok && probe_read_u64((void *)SCRATCH_VA, &word) == 0 &&
		word == 0x1234abcd;
	ok = ok && pt_map(root, SCRATCH_VA, frame, PAGE_SIZE, PTE_R, 0) ==
			-EEXIST;
	ok = ok && pt_unmap(root, SCRATCH_VA, PAGE_SIZE) == 0;
	sfence_vma_all();
	ok = ok && probe_read_u64((void *)SCRATCH_VA, &word) == -EFAULT;
	frame_free(frame);
	CHECK(ok, "mapping did not take effect or did not go away");
	return true;
}

/* Fill n bytes with a pattern that differs at every offset and per seed. */
static void pattern_fill(uint8_t *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + seed);
}

/*
 * Every length to past the unrolled copy's 256 bytes, with both pointers
 * aligned, one unaligned, and both unaligned alike: each way through
 * uaccess_copy, and nothing written beyond.
 */
static bool test_uaccess_copy_every_length_and_alignment(void)
{
	static const size_t offsets[] = { 0, 1, 4, 7 };
	static uint64_t src[35], dst[35], want[35]; /* 280 bytes, aligned */
	uint8_t *s = (uint8_t *)src, *d = (uint8_t *)dst, *w = (uint8_t *)want;
	size_t i, j, n;

	pattern_fill(s, sizeof(src), 1);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 4; j++) {
			size_t from = offsets[i], to = offsets[j];

			for (n = 0; n <= 264; n++) {
				pattern_fill(d, sizeof(dst), 2);
				pattern_fill(w, sizeof(want), 2);
				memcpy(w + to, s + from, n);
				CHECK(uaccess_copy(d + to, s + from, n) == 0,
					"a good copy failed");
				CHECK(memcmp(d, w, sizeof(dst)) == 0,
					"wrong bytes, or bytes beyond");
			}
		}
	}
	return true;
}

/* Copy k bytes up to the end of a mapped page (which works) and k + over
 * bytes, which run into the unmapped page after it (which faults). */
static bool copy_to_page_end(uint8_t *buf, uint8_t *end, size_t k,
	size_t over)
{
	return uaccess_copy(buf, end - k, k) == 0 &&
		uaccess_copy(end - k, buf, k) == 0 &&
		uaccess_copy(buf, end - k, k + over) == -EFAULT &&
		uaccess_copy(end - k, buf, k + over) == -EFAULT;
}

/* A copy into an unmapped page, from it or to it, at every word of the
 * unrolled copy and of both kinds of block, in the word loop and in the
 * byte loop, gives -EFAULT. */
static bool test_uaccess_copy_faults_at_every_position(void)
{
	static uint64_t buf[48];
	paddr_t root = kmem_kernel_root(), frame = frame_alloc();
	uint8_t *end = (uint8_t *)SCRATCH_VA + PAGE_SIZE;
	bool ok;
	size_t k;

	CHECK(frame != FRAME_NONE, "no frame");
	ok = pt_map(root, SCRATCH_VA, frame, PAGE_SIZE,
		     PTE_R | PTE_W | PTE_A | PTE_D, 0) == 0;
	sfence_vma_all();
	for (k = 0; ok && k <= 248; k += 4) {
		ok = copy_to_page_end((uint8_t *)buf, end, k, 8) &&
			copy_to_page_end((uint8_t *)buf, end, k, 40) &&
			copy_to_page_end((uint8_t *)buf, end, k, 72);
	}
	pt_unmap(root, SCRATCH_VA, PAGE_SIZE);
	sfence_vma_all();
	frame_free(frame);
	CHECK(ok, "a copy across the page end did not fault, or one short "
		  "of it did");
	return true;
}

static bool test_clock_advances_and_ticks_arrive(void)
{
	uint64_t t0 = clock_ns(), ticks = timer_tick_count(), elapsed;

	while (timer_tick_count() < ticks + 3)
		wait_for_interrupt();
	elapsed = clock_ns() - t0;
	/*
	 * The tick keeps a fixed cadence: the first of the three may be one
	 * that was due before t0 and taken late (a busy host stalls the
	 * guest), and the next comes at its own deadline, sooner than a
	 * period after; the third is due a period after the second at the
	 * least. So three ticks span more than one period, not two.
	 */
	CHECK(elapsed >= 1000000000UL / TICK_HZ, "ticks came too fast");
	CHECK(elapsed < 1000000000UL, "ticks came too slowly");
	CHECK(clock_ns() >= t0 + elapsed, "clock went back");
	return true;
}

struct selftest {
	const char *name;
	bool (*run)(void);
};

static const struct selftest tests[] = {
	{ "device_tree_describes_machine", test_device_tree_describes_machine },
	{ "frames_alloc_distinct_and_free_exactly",
		test_frames_alloc_distinct_and_free_exactly },
	{ "kernel_image_frames_are_not_free",
		test_kernel_image_frames_are_not_free },
	{ "kalloc_every_size_and_give_pages_back",
		test_kalloc_every_size_and_give_pages_back },
	{ "kernel_map_is_write_xor_execute",
		test_kernel_map_is_write_xor_execute },
	{ "kernel_text_write_faults_and_recovers",
		test_kernel_text_write_faults_and_recovers },
	{ "unmapped_read_faults_and_recovers",
		test_unmapped_read_faults_and_recovers },
	{ "page_map_and_unmap_take_effect",
		test_page_map_and_unmap_take_effect },
	{ "uaccess_copy_every_length_and_alignment",
		test_uaccess_copy_every_length_and_alignment },
	{ "uaccess_copy_faults_at_every_position",
		test_uaccess_copy_faults_at_every_position },
	{ "clock_advances_and_ticks_arrive",
		test_clock_advances_and_ticks_arrive },
};

int selftest_run(const struct fdt_info *info)
{
	int passed = 0, failed = 0;
	size_t i;

	boot_info = info;
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		why = "?";
		if (tests[i].run()) {
			kprintf("PASS %s\n", tests[i].name);
			passed++;
		} else {
			kprintf("FAIL %s: %s\n", tests[i].name, why);
			failed++;
		}
	}
	kprintf("%d passed, %d failed\n", passed, failed);
	return failed;
}
