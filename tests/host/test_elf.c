/*
 * Host tests for kernel/lib/elf.c. Each file is written by a small writer
 * here into a heap buffer of exactly the size handed to elf_parse, so
 * AddressSanitizer reports any read past the end; alarm() turns a hang
 * into a failure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/elf.h"

#define USER_TOP 0x4000000000ull /* Sv39's user half */
#define PT_LOAD 1
#define PT_TLS 7
#define PT_GNU_STACK 0x6474e551u
#define PT_RISCV_ATTRIBUTES 0x70000003u
#define RX (ELF_PF_R | ELF_PF_X)
#define RW (ELF_PF_R | ELF_PF_W)

/* Byte offsets in the file header. */
enum {
	EH_CLASS = 4,
	EH_DATA,
	EH_IDVERSION,
	EH_TYPE = 16,
	EH_MACHINE = 18,
	EH_VERSION = 20,
	EH_PHOFF = 32,
	EH_PHENTSIZE = 54,
	EH_PHNUM = 56
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz, memsz;
};

/* What the writer puts in a file of `size` bytes. */
struct sample {
	struct phdr ph[12];
	int count;
	uint64_t entry;
	size_t size;
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* A new buffer of exactly s->size bytes: header, program headers at 64
 * and a byte pattern. */
static uint8_t *build(const struct sample *s)
{
	uint8_t *f = malloc(s->size);

	assert_non_null(f);
	assert_true(s->size >= 64 + 56 * (size_t)s->count);
	for (size_t i = 0; i < s->size; i++)
		f[i] = (uint8_t)(i * 7 + 1);
	memset(f, 0, 64);
	memcpy(f, "\177ELF\2\1\1", 7);
	put16(f + EH_TYPE, 2);
	put16(f + EH_MACHINE, 243);
	put32(f + EH_VERSION, 1);
	put64(f + 24, s->entry);
	put64(f + EH_PHOFF, 64);
	put16(f + 52, 64);
	put16(f + EH_PHENTSIZE, 56);
	put16(f + EH_PHNUM, (uint16_t)s->count);
	for (int i = 0; i < s->count; i++) {
		uint8_t *p = f + 64 + 56 * i;

		memset(p, 0, 56);
		put32(p, s->ph[i].type);
		put32(p + 4, s->ph[i].flags);
		put64(p + 8, s->ph[i].offset);
		put64(p + 16, s->ph[i].vaddr);
		put64(p + 24, s->ph[i].vaddr);
		put64(p + 32, s->ph[i].filesz);
		put64(p + 40, s->ph[i].memsz);
		put64(p + 48, 0x1000);
	}
	return f;
}

/* As a static linker lays one out: text with the headers, data and bss
 * at the same offset in the next page, then two headers to ignore. */
static struct sample typical(void)
{
	return (struct sample){
		.ph = {{PT_LOAD, RX, 0, 0x10000, 0x1800, 0x1800},
			{PT_LOAD, RW, 0x1800, 0x12800, 0x100, 0x2000},
			{PT_GNU_STACK, RW, 0, 0, 0, 0},
			{PT_RISCV_ATTRIBUTES, ELF_PF_R, 0x18e0, 0, 0x20, 0}},
		.count = 4,
		.entry = 0x10100,
		.size = 0x1900,
	};
}

/* Parse the file of s with `patch` (n bytes) written at `at` first. */
static int parse_patched(const struct sample *s, size_t at, const void *patch,
	size_t n, struct elf_image *img, const char **why)
{
	uint8_t *f = build(s);
	int err;

	memcpy(f + at, patch, n);
	memset(img, 0xa5, sizeof(*img));
	*why = "not set";
	err = elf_parse(f, s->size, USER_TOP, img, why);
	free(f);
	return err;
}

static int parse(
	const struct sample *s, struct elf_image *img, const char **why)
{
	return parse_patched(s, 0, "", 0, img, why);
}

static void expect_ok(const struct sample *s, struct elf_image *img)
{
	const char *why;

	if (parse(s, img, &why) != 0)
		fail_msg("elf_parse failed: %s", why);
	assert_null(why);
}

static void expect_reject(const struct sample *s, const char *reason)
{
	struct elf_image img;
	const char *why;

	assert_int_equal(parse(s, &img, &why), -ELF_ENOEXEC);
	assert_string_equal(why, reason);
	assert_int_equal(img.count, 0);
}

/* Like expect_reject, for the file of s patched as parse_patched does. */
static void expect_patch_rejected(const struct sample *s, size_t at,
	const void *patch, size_t n, const char *reason)
{
	struct elf_image img;
	const char *why;

	assert_int_equal(
		parse_patched(s, at, patch, n, &img, &why), -ELF_ENOEXEC);
	assert_string_equal(why, reason);
	assert_int_equal(img.count, 0);
}

static void assert_segment(const struct elf_segment *seg, uint64_t vaddr,
	uint64_t memsz, uint64_t offset, uint64_t filesz, uint32_t flags)
{
	assert_int_equal(seg->vaddr, vaddr);
	assert_int_equal(seg->memsz, memsz);
	assert_int_equal(seg->offset, offset);
	assert_int_equal(seg->filesz, filesz);
	assert_int_equal(seg->flags, flags);
}

/* ---- accepted files -------------------------------------------------- */

static void parse_accepts_typical_static_executable(void **state)
{
	struct sample s = typical();
	struct elf_image img;

	(void)state;
	expect_ok(&s, &img);
	assert_int_equal(img.entry, 0x10100);
	assert_int_equal(img.count, 2);
	assert_segment(&img.seg[0], 0x10000, 0x1800, 0, 0x1800, RX);
	assert_segment(&img.seg[1], 0x12800, 0x2000, 0x1800, 0x100, RW);
}

static void parse_lists_segments_in_address_order(void **state)
{
	struct sample s = {
		.ph = {{PT_LOAD, ELF_PF_R, 0x2000, 0x30000, 0x10, 0x10},
			{PT_LOAD, RW, 0x1000, 0x20000, 0x10, 0x10},
			{PT_LOAD, RX, 0, 0x10000, 0x200, 0x200}},
		.count = 3,
		.entry = 0x10100,
		.size = 0x2010,
	};
	struct elf_image img;

	(void)state;
	expect_ok(&s, &img);
	assert_int_equal(img.count, 3);
	assert_segment(&img.seg[0], 0x10000, 0x200, 0, 0x200, RX);
	assert_segment(&img.seg[1], 0x20000, 0x10, 0x1000, 0x10, RW);
	assert_segment(&img.seg[2], 0x30000, 0x10, 0x2000, 0x10, ELF_PF_R);
}

static void parse_skips_empty_segments_and_other_types(void **state)
{
	struct sample s = typical();
	struct elf_image img;

	(void)state;
	/* each would be refused as a non-empty PT_LOAD */
	s.ph[s.count++] = (struct phdr){PT_LOAD, RX | RW, 5, 0, 0, 0};
	s.ph[s.count++] = (struct phdr){PT_TLS, ELF_PF_R, 0x18f0, 0, 8, 64};
	s.ph[s.count++] = (struct phdr){0x60000000, 7, ~0ull, 1, ~0ull, 2};
	s.ph[2].flags = RX | RW;
	expect_ok(&s, &img);
	assert_int_equal(img.count, 2);
}

static void parse_keeps_only_permission_flag_bits(void **state)
{
	struct sample s = typical();
	struct elf_image img;

	(void)state;
	s.ph[0].flags = 0xf0f00000u | RX;
	expect_ok(&s, &img);
	assert_int_equal(img.seg[0].flags, RX);
}

static void parse_accepts_adjacent_pages_and_end_at_user_top(void **state)
{
	struct sample s = typical();
	struct elf_image img;

	(void)state;
	s.ph[0].memsz = 0x2000; /* ends where the data page begins */
	s.ph[1].vaddr = 0x12000;
	s.ph[1].offset = 0x1000;
	s.ph[1].memsz = USER_TOP - 0x12000;
	expect_ok(&s, &img);
	assert_int_equal(img.seg[1].vaddr + img.seg[1].memsz, USER_TOP);
}

/* n one-page segments, text first, in a file of n pages. */
static struct sample pages(int n)
{
	struct sample s = {.count = n, .entry = 0x10000, .size = 0x1000 * n};

	for (int i = 0; i < n; i++)
		s.ph[i] = (struct phdr){PT_LOAD, i ? ELF_PF_R : RX, 0x1000 * i,
			0x10000 + 0x1000 * i, 0x100, 0x1000};
	return s;
}

static void parse_accepts_eight_segments_and_rejects_nine(void **state)
{
	struct sample s = pages(8);
	struct elf_image img;

	(void)state;
	expect_ok(&s, &img);
	assert_int_equal(img.count, ELF_MAX_SEGMENTS);
	assert_int_equal(img.seg[7].vaddr, 0x17000);
	s = pages(9);
	expect_reject(&s, "more than 8 loadable segments");
}

static void parse_accepts_null_why(void **state)
{
	struct sample s = typical();
	struct elf_image img;
	uint8_t *f = build(&s);

	(void)state;
	assert_int_equal(elf_parse(f, s.size, USER_TOP, &img, NULL), 0);
	assert_int_equal(img.count, 2);
	assert_int_equal(elf_parse(f, 10, USER_TOP, &img, NULL), -ELF_ENOEXEC);
	free(f);
}

/* ---- the file header ------------------------------------------------- */

static void parse_rejects_bad_identification(void **state)
{
	struct sample s = typical();

	(void)state;
	for (size_t at = 0; at < 4; at++)
		expect_patch_rejected(&s, at, "X", 1, "not an ELF file");
	expect_patch_rejected(&s, EH_CLASS, "\1", 1, "not ELFCLASS64");
	expect_patch_rejected(&s, EH_DATA, "\2", 1, "not little-endian");
	expect_patch_rejected(&s, EH_IDVERSION, "\0", 1, "not ELF version 1");
	expect_patch_rejected(&s, EH_VERSION, "\2", 1, "not ELF version 1");
}

static void parse_rejects_other_machines_and_types(void **state)
{
	struct sample s = typical();
	const char *type = "not a static executable (ET_EXEC)";

	(void)state;
	expect_patch_rejected(&s, EH_MACHINE, "\76\0", 2, "not a RISC-V file");
	expect_patch_rejected(&s, EH_MACHINE, "\363\1", 2, "not a RISC-V file");
	expect_patch_rejected(&s, EH_TYPE, "\1\0", 2, type); /* ET_REL */
	expect_patch_rejected(&s, EH_TYPE, "\3\0", 2, type); /* ET_DYN */
	expect_patch_rejected(&s, EH_TYPE, "\4\0", 2, type); /* ET_CORE */
}

static void parse_rejects_bad_program_header_table(void **state)
{
	static const uint16_t entsizes[] = {0, 32, 55, 57, 64};
	struct sample s = typical();
	const char *outside = "program headers outside the file";
	uint8_t v[8];

	(void)state;
	for (int i = 0; i < 5; i++) {
		put16(v, entsizes[i]);
		expect_patch_rejected(&s, EH_PHENTSIZE, v, 2,
			"program header size is not 56");
	}
	expect_patch_rejected(
		&s, EH_PHNUM, "\377\377", 2, "too many program headers");
	put64(v, s.size - 4 * 56 + 1); /* the last header cut by a byte */
	expect_patch_rejected(&s, EH_PHOFF, v, 8, outside);
	put64(v, s.size + 1);
	expect_patch_rejected(&s, EH_PHOFF, v, 8, outside);
	put64(v, UINT64_MAX - 8); /* phoff + table size wraps */
	expect_patch_rejected(&s, EH_PHOFF, v, 8, outside);
	put16(v, 1000);
	expect_patch_rejected(&s, EH_PHNUM, v, 2, outside);
}

/* ---- the segments ---------------------------------------------------- */

static void parse_rejects_file_without_loadable_segment(void **state)
{
	struct sample s = typical();

	(void)state;
	s.count = 0;
	expect_reject(&s, "no loadable segment");
	s = typical();
	s.ph[0].memsz = s.ph[0].filesz = 0;
	s.ph[1].memsz = s.ph[1].filesz = 0;
	expect_reject(&s, "no loadable segment");
}

static void parse_rejects_segment_data_outside_file(void **state)
{
	const char *reason = "segment data outside the file";
	struct sample s = typical();

	(void)state;
	s.ph[1].filesz = s.size - s.ph[1].offset + 1;
	expect_reject(&s, reason);
	s = typical();
	s.ph[1].offset =
		UINT64_MAX - 0x7ff; /* offset + filesz wraps to 0x800 */
	s.ph[1].filesz = 0x1001;
	expect_reject(&s, reason);
	s = typical();
	s.ph[1].filesz = 0x2001;
	expect_reject(&s, "segment filesz above memsz");
	s.ph[1].memsz = 0; /* even when empty */
	expect_reject(&s, "segment filesz above memsz");
}

static void parse_rejects_segment_in_page_zero(void **state)
{
	struct sample s = typical();

	(void)state;
	s.ph[0].vaddr = 0;
	s.entry = 0x100;
	expect_reject(&s, "segment in page 0");
	s.ph[0] = (struct phdr){PT_LOAD, RX, 0xfff, 0xfff, 0x10, 0x10};
	s.entry = 0xfff;
	expect_reject(&s, "segment in page 0");
}

static void parse_rejects_segment_beyond_user_space(void **state)
{
	struct sample s = typical();
	struct elf_image img;
	const char *why;
	uint8_t *f;

	(void)state;
	s.ph[1].memsz = USER_TOP - s.ph[1].vaddr + 1;
	expect_reject(&s, "segment beyond user space");
	s.ph[1].vaddr = USER_TOP + 0x800;
	s.ph[1].memsz = 0x100;
	expect_reject(&s, "segment beyond user space");

	/* vaddr + memsz past 2^64, with nothing above user space */
	s = typical();
	s.ph[1].vaddr = UINT64_MAX - 0x7ff;
	f = build(&s);
	assert_int_equal(
		elf_parse(f, s.size, UINT64_MAX, &img, &why), -ELF_ENOEXEC);
	assert_string_equal(why, "segment beyond user space");
	free(f);
}

static void parse_rejects_vaddr_offset_mismatch_in_page(void **state)
{
	struct sample s = typical();

	(void)state;
	s.ph[1].vaddr = 0x12900;
	expect_reject(&s, "segment vaddr and offset differ within a page");
	s = typical();
	s.ph[1].vaddr = 0x13000; /* page aligned, offset is not */
	expect_reject(&s, "segment vaddr and offset differ within a page");
}

static void parse_rejects_segments_sharing_a_page(void **state)
{
	/* vaddr, offset and memsz of the data against text [0x10000, 0x11800)
	 */
	static const uint64_t data[][3] = {
		{0x11800, 0x1800, 0x2000},   /* disjoint bytes, same page */
		{0x10800, 0x1800, 0x2000},   /* overlapping */
		{0x10000, 0x1000, 0x100},    /* same start */
		{0x0f800, 0x1800, 0x2000},   /* starts below, ends inside */
		{0x08800, 0x1800, 0x100000}, /* covers it */
	};
	struct sample s = typical();

	(void)state;
	for (int i = 0; i < 5; i++) {
		s.ph[1].vaddr = data[i][0];
		s.ph[1].offset = data[i][1];
		s.ph[1].memsz = data[i][2];
		expect_reject(&s, "segments share a page");
	}
}

static void parse_rejects_writable_and_executable_segment(void **state)
{
	struct sample s = typical();

	(void)state;
	s.ph[0].flags = ELF_PF_W | ELF_PF_X;
	expect_reject(&s, "segment both writable and executable");
	s.ph[0].flags = RX | RW;
	expect_reject(&s, "segment both writable and executable");
}

static void parse_rejects_entry_outside_executable_segment(void **state)
{
	static const uint64_t bad[] = {
		0, 0xffff, 0x11800, 0x12800, 0x147ff, UINT64_MAX};
	struct sample s = typical();
	struct elf_image img;

	(void)state;
	for (int i = 0; i < 6; i++) {
		s.entry = bad[i];
		expect_reject(&s, "entry point not in an executable segment");
	}
	s.entry = 0x117ff; /* the last byte of text */
	expect_ok(&s, &img);
	s.ph[1].flags = ELF_PF_X; /* the data, executable but not readable */
	s.entry = 0x12800;
	expect_ok(&s, &img);
}

static void parse_rejects_null_arguments(void **state)
{
	struct sample s = typical();
	struct elf_image img;
	uint8_t *f = build(&s);
	const char *why;

	(void)state;
	assert_int_equal(
		elf_parse(NULL, s.size, USER_TOP, &img, &why), -ELF_ENOEXEC);
	assert_non_null(why);
	assert_int_equal(img.count, 0);
	assert_int_equal(
		elf_parse(f, s.size, USER_TOP, NULL, &why), -ELF_ENOEXEC);
	assert_non_null(why);
	free(f);
}

/* ---- truncation and corruption --------------------------------------- */

static void parse_fails_cleanly_when_truncated_at_every_length(void **state)
{
	struct sample s = typical();
	uint8_t *f = build(&s);
	struct elf_image img;
	const char *why;

	(void)state;
	/* the data segment ends the file, so every cut loses something */
	for (size_t len = 0; len < s.size; len++) {
		uint8_t *cut = malloc(len ? len : 1);

		assert_non_null(cut);
		memcpy(cut, f, len);
		assert_int_equal(elf_parse(cut, len, USER_TOP, &img, &why),
			-ELF_ENOEXEC);
		if (len < 64)
			assert_string_equal(
				why, "file smaller than an ELF header");
		else if (len < 64 + 56 * 4)
			assert_string_equal(
				why, "program headers outside the file");
		else
			assert_string_equal(
				why, "segment data outside the file");
		free(cut);
	}
	free(f);
}

/* xorshift64: a fixed, seedable sequence, the same on every host. */
static uint64_t random_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* An accepted file, however corrupt, must satisfy every promise. */
static void check_image_sane(const struct elf_image *img, size_t size)
{
	bool entry_ok = false;

	assert_in_range(img->count, 1, ELF_MAX_SEGMENTS);
	for (int i = 0; i < img->count; i++) {
		const struct elf_segment *g = &img->seg[i];

		assert_true(g->vaddr >= 4096 && g->memsz != 0);
		assert_true(g->memsz <= USER_TOP - g->vaddr);
		assert_true(g->filesz <= g->memsz);
		assert_true(g->offset <= size && g->filesz <= size - g->offset);
		assert_int_equal(g->vaddr % 4096, g->offset % 4096);
		assert_false((g->flags & ELF_PF_W) && (g->flags & ELF_PF_X));
		if (i > 0)
			assert_true((g[-1].vaddr + g[-1].memsz + 4095) / 4096 <=
				    g->vaddr / 4096);
		if ((g->flags & ELF_PF_X) && img->entry >= g->vaddr &&
			img->entry - g->vaddr < g->memsz)
			entry_ok = true;
	}
	assert_true(entry_ok);
}

/* Parse typical() with random bytes in [from, to) for `rounds` seeds, each
 * either random or a small number; returns how many were accepted. */
static int corrupt_and_parse(size_t from, size_t to, int rounds)
{
	struct sample s = typical();
	uint8_t *f = build(&s), *copy = malloc(s.size);
	int ok = 0;

	assert_non_null(copy);
	for (int seed = 1; seed <= rounds; seed++) {
		uint64_t rng = 0x9e3779b97f4a7c15ull * (uint64_t)seed;
		int flips = 1 + (int)(random_next(&rng) % 6);
		struct elf_image img;
		const char *why;

		memcpy(copy, f, s.size);
		for (int i = 0; i < flips; i++) {
			size_t at = from + random_next(&rng) % (to - from);
			uint64_t v = random_next(&rng);

			copy[at] = (uint8_t)(v & 1 ? v >> 8 : v >> 8 & 0x1f);
		}
		if (elf_parse(copy, s.size, USER_TOP, &img, &why) == 0) {
			assert_null(why);
			check_image_sane(&img, s.size);
			ok++;
		} else {
			assert_non_null(why);
			assert_int_equal(img.count, 0);
		}
	}
	free(copy);
	free(f);
	return ok;
}

static void parse_survives_random_corruption_over_many_seeds(void **state)
{
	(void)state;
	alarm(60);
	/* the file header and the program headers... */
	assert_in_range(corrupt_and_parse(0, 64 + 56 * 4, 20000), 1, 19999);
	/* ...and the two PT_LOAD headers alone */
	assert_in_range(corrupt_and_parse(64, 64 + 56 * 2, 20000), 1, 19999);
	alarm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_typical_static_executable),
		cmocka_unit_test(parse_lists_segments_in_address_order),
		cmocka_unit_test(parse_skips_empty_segments_and_other_types),
		cmocka_unit_test(parse_keeps_only_permission_flag_bits),
		cmocka_unit_test(
			parse_accepts_adjacent_pages_and_end_at_user_top),
		cmocka_unit_test(parse_accepts_eight_segments_and_rejects_nine),
		cmocka_unit_test(parse_accepts_null_why),
		cmocka_unit_test(parse_rejects_bad_identification),
		cmocka_unit_test(parse_rejects_other_machines_and_types),
		cmocka_unit_test(parse_rejects_bad_program_header_table),
		cmocka_unit_test(parse_rejects_file_without_loadable_segment),
		cmocka_unit_test(parse_rejects_segment_data_outside_file),
		cmocka_unit_test(parse_rejects_segment_in_page_zero),
		cmocka_unit_test(parse_rejects_segment_beyond_user_space),
		cmocka_unit_test(parse_rejects_vaddr_offset_mismatch_in_page),
		cmocka_unit_test(parse_rejects_segments_sharing_a_page),
		cmocka_unit_test(parse_rejects_writable_and_executable_segment),
		cmocka_unit_test(
			parse_rejects_entry_outside_executable_segment),
		cmocka_unit_test(parse_rejects_null_arguments),
		cmocka_unit_test(
			parse_fails_cleanly_when_truncated_at_every_length),
		cmocka_unit_test(
			parse_survives_random_corruption_over_many_seeds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
