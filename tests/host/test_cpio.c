/*
 * Host tests for kernel/lib/cpio.c. Archives are written by a small writer
 * here, then read from a heap copy of exactly the size handed to the
 * reader, so AddressSanitizer reports any read past the end. The last test
 * reads an archive packed by tools/mkbootimg.py (see CMakeLists.txt).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/cpio.h"

/* Header field numbers, after the 6-byte magic. */
enum { F_INO, F_MODE, F_NLINK = 4, F_MTIME, F_FILESIZE, F_NAMESIZE = 11 };
#define FIELD_COUNT 13
#define MODE_FILE 0100755u

struct archive {
	uint8_t buf[16384];
	size_t size;
};

static struct archive *ar_new(void)
{
	struct archive *ar = calloc(1, sizeof(*ar));

	assert_non_null(ar);
	return ar;
}

/* Overwrite field `field` of the header at h with `value` in hex. */
static void ar_put_field(uint8_t *h, int field, uint32_t value)
{
	char digits[9];

	snprintf(digits, sizeof(digits), "%08X", value);
	memcpy(h + 6 + 8 * field, digits, 8);
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Append an entry as newc lays it out; returns its offset. */
static size_t ar_add(struct archive *ar, const char *name, const void *data,
	size_t len, uint32_t mode)
{
	size_t at = ar->size, namesize = strlen(name) + 1;
	uint8_t *h = ar->buf + at;
	size_t data_at = pad4(at + CPIO_HEADER_SIZE + namesize);

	assert_true(pad4(data_at + len) <= sizeof(ar->buf));
	memcpy(h, "070701", 6);
	for (int f = 0; f < FIELD_COUNT; f++)
		ar_put_field(h, f, 0);
	ar_put_field(h, F_MODE, mode);
	ar_put_field(h, F_NLINK, 1);
	ar_put_field(h, F_FILESIZE, (uint32_t)len);
	ar_put_field(h, F_NAMESIZE, (uint32_t)namesize);
	memcpy(h + CPIO_HEADER_SIZE, name, namesize);
	if (len != 0)
		memcpy(ar->buf + data_at, data, len);
	ar->size = pad4(data_at + len);
	return at;
}

static size_t ar_trailer(struct archive *ar)
{
	return ar_add(ar, "TRAILER!!!", NULL, 0, 0);
}

/* Three files (names and data of every length modulo 4) and a trailer. */
static struct archive *ar_sample(void)
{
	struct archive *ar = ar_new();

	ar_add(ar, "init", "#!init\n", 7, MODE_FILE);
	ar_add(ar, "./bin/sh", "", 0, MODE_FILE);
	ar_add(ar, "/etc/motd", "hello, world", 12, 0100644);
	ar_trailer(ar);
	return ar;
}

/* Fail unless f lies inside the len bytes at buf, its name ending in NUL. */
static void check_inside(
	const struct cpio_file *f, const uint8_t *buf, size_t len)
{
	const uint8_t *name = (const uint8_t *)f->name;
	const uint8_t *data = f->data;

	assert_true(name >= buf && name + f->name_len < buf + len);
	assert_int_equal(f->name[f->name_len], '\0');
	assert_int_equal(strlen(f->name), f->name_len);
	assert_true(data >= name + f->name_len + 1 && data <= buf + len);
	assert_true(f->size <= (size_t)(buf + len - data));
}

/*
 * Walk the first len bytes of buf from a heap copy of exactly that size:
 * returns the last cpio_next result and counts the entries in *entries.
 */
static int walk(const uint8_t *buf, size_t len, int *entries)
{
	uint8_t *copy = malloc(len ? len : 1);
	struct cpio_file f;
	size_t offset = 0;
	int err;

	assert_non_null(copy);
	memcpy(copy, buf, len);
	*entries = 0;
	while ((err = cpio_next(copy, len, &offset, &f)) == 1) {
		check_inside(&f, copy, len);
		assert_true(offset <= len && offset % 4 == 0);
		/* each entry takes a header and more: the walk must end */
		assert_in_range(++*entries, 1, len / CPIO_HEADER_SIZE);
	}
	free(copy);
	return err;
}

/* ---- reading well-formed archives ------------------------------------ */

static void next_walks_entries_in_order_and_stays_at_trailer(void **state)
{
	struct archive *ar = ar_sample();
	struct cpio_file f;
	size_t offset = 0, at_trailer;

	(void)state;
	assert_int_equal(cpio_next(ar->buf, ar->size, &offset, &f), 1);
	assert_string_equal(f.name, "init");
	assert_int_equal(f.name_len, 4);
	assert_int_equal(f.size, 7);
	assert_memory_equal(f.data, "#!init\n", 7);
	assert_int_equal(f.mode, MODE_FILE);
	assert_int_equal(offset, 124);

	assert_int_equal(cpio_next(ar->buf, ar->size, &offset, &f), 1);
	assert_string_equal(f.name, "./bin/sh");
	assert_int_equal(f.size, 0);
	assert_int_equal(cpio_next(ar->buf, ar->size, &offset, &f), 1);
	assert_string_equal(f.name, "/etc/motd");
	assert_int_equal(f.mode, 0100644);
	assert_memory_equal(f.data, "hello, world", 12);

	at_trailer = offset;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(cpio_next(ar->buf, ar->size, &offset, &f), 0);
		assert_int_equal(offset, at_trailer);
	}
	free(ar);
}

static void next_handles_every_name_and_data_padding(void **state)
{
	static const char text[] = "abcdefghijklmnop";

	(void)state;
	for (size_t name_len = 1; name_len <= 8; name_len++) {
		for (size_t len = 0; len <= 8; len++) {
			struct archive *ar = ar_new();
			char name[16] = {0};
			struct cpio_file f;
			size_t offset = 0;

			memcpy(name, text, name_len);
			ar_add(ar, name, text, len, MODE_FILE);
			ar_trailer(ar);
			assert_int_equal(
				cpio_next(ar->buf, ar->size, &offset, &f), 1);
			assert_int_equal(f.name_len, name_len);
			assert_string_equal(f.name, name);
			assert_int_equal(f.size, len);
			assert_ptr_equal(f.data,
				ar->buf +
					pad4(CPIO_HEADER_SIZE + name_len + 1));
			assert_int_equal(
				cpio_next(ar->buf, ar->size, &offset, &f), 0);
			free(ar);
		}
	}
}

static void next_accepts_lower_case_hex(void **state)
{
	struct archive *ar = ar_sample();
	struct cpio_file f;
	size_t offset = 0;

	(void)state;
	memcpy(ar->buf + 6 + 8 * F_MODE, "000081ed", 8);
	assert_int_equal(cpio_next(ar->buf, ar->size, &offset, &f), 1);
	assert_int_equal(f.mode, 0100755);
	free(ar);
}

/* ---- malformed archives ---------------------------------------------- */

static void next_rejects_bad_magic(void **state)
{
	static const char *const magics[] = {"070702", "070707", "170701"};
	struct archive *ar = ar_sample();
	int n;

	(void)state;
	for (int i = 0; i < 3; i++) {
		memcpy(ar->buf, magics[i], 6);
		assert_int_equal(walk(ar->buf, ar->size, &n), -CPIO_EINVAL);
		assert_int_equal(n, 0);
	}
	free(ar);
}

static void next_rejects_a_non_hex_digit_in_every_field(void **state)
{
	static const char bad[] = {'g', ' ', 'x', '\0', '-', 'G'};
	struct archive *ar = ar_sample();
	uint8_t saved[CPIO_HEADER_SIZE];
	int n;

	(void)state;
	memcpy(saved, ar->buf, sizeof(saved));
	for (int at = 6; at < CPIO_HEADER_SIZE; at++) {
		for (size_t b = 0; b < sizeof(bad); b++) {
			ar->buf[at] = (uint8_t)bad[b];
			assert_int_equal(
				walk(ar->buf, ar->size, &n), -CPIO_EINVAL);
			assert_int_equal(n, 0);
		}
		memcpy(ar->buf, saved, sizeof(saved));
	}
	assert_int_equal(walk(ar->buf, ar->size, &n), 0);
	assert_int_equal(n, 3);
	free(ar);
}

/* Set the namesize of the first entry of ar_sample ("init") and walk. */
static int walk_with_namesize(uint32_t namesize)
{
	struct archive *ar = ar_sample();
	int n, err;

	ar_put_field(ar->buf, F_NAMESIZE, namesize);
	err = walk(ar->buf, ar->size, &n);
	free(ar);
	return err;
}

static void next_rejects_namesize_zero_short_long_or_past_end(void **state)
{
	(void)state;
	assert_int_equal(walk_with_namesize(0), -CPIO_EINVAL);
	/* 4: the NUL falls outside the name */
	assert_int_equal(walk_with_namesize(4), -CPIO_EINVAL);
	/* 6: a NUL inside the name, the last byte not a NUL */
	assert_int_equal(walk_with_namesize(6), -CPIO_EINVAL);
	assert_int_equal(walk_with_namesize(0x10000), -CPIO_EINVAL);
	assert_int_equal(walk_with_namesize(0xffffffff), -CPIO_EINVAL);
	assert_int_equal(walk_with_namesize(5), 0);
}

static void next_rejects_data_or_its_padding_past_the_end(void **state)
{
	static const uint32_t sizes[] = {5, 0x10000, 0x7fffffff, 0xffffffff};
	struct archive *ar = ar_new();
	size_t at = ar_add(ar, "big", "012", 3, MODE_FILE);
	int n;

	(void)state;
	for (int i = 0; i < 4; i++) {
		ar_put_field(ar->buf + at, F_FILESIZE, sizes[i]);
		assert_int_equal(walk(ar->buf, ar->size, &n), -CPIO_EINVAL);
		assert_int_equal(n, 0);
	}
	/* the data fits, its padding byte does not */
	ar_put_field(ar->buf + at, F_FILESIZE, 3);
	assert_int_equal(walk(ar->buf, ar->size - 1, &n), -CPIO_EINVAL);
	assert_int_equal(n, 0);
	assert_int_equal(walk(ar->buf, ar->size, &n), -CPIO_EINVAL);
	assert_int_equal(n, 1); /* then no trailer */
	free(ar);
}

static void next_rejects_archive_without_trailer(void **state)
{
	struct archive *ar = ar_new();
	int n;

	(void)state;
	ar_add(ar, "init", "x", 1, MODE_FILE);
	assert_int_equal(walk(ar->buf, ar->size, &n), -CPIO_EINVAL);
	assert_int_equal(n, 1);
	assert_int_equal(walk(ar->buf, 0, &n), -CPIO_EINVAL);
	free(ar);
}

static void next_rejects_bad_offsets_and_null_arguments(void **state)
{
	struct archive *ar = ar_sample();
	size_t bad[] = {1, 2, 3, ar->size + 4, SIZE_MAX & ~(size_t)3};
	struct cpio_file f;
	size_t offset = 0;

	(void)state;
	for (int i = 0; i < 5; i++) {
		offset = bad[i];
		assert_int_equal(cpio_next(ar->buf, ar->size, &offset, &f),
			-CPIO_EINVAL);
		assert_int_equal(offset, bad[i]);
	}
	offset = 0;
	assert_int_equal(cpio_next(NULL, 0, &offset, &f), -CPIO_EINVAL);
	free(ar);

	/* a whole entry two bytes in: found, but off the 4-byte grid */
	ar = ar_new();
	ar->size = 2;
	ar_add(ar, "init", "x", 1, MODE_FILE);
	offset = 2;
	assert_int_equal(
		cpio_next(ar->buf, ar->size, &offset, &f), -CPIO_EINVAL);
	assert_int_equal(cpio_next(ar->buf, ar->size, NULL, &f), -CPIO_EINVAL);
	assert_int_equal(
		cpio_next(ar->buf, ar->size, &offset, NULL), -CPIO_EINVAL);
	assert_int_equal(cpio_find(NULL, 0, "init", &f), -CPIO_EINVAL);
	assert_int_equal(cpio_find(ar->buf, ar->size, NULL, &f), -CPIO_EINVAL);
	assert_int_equal(
		cpio_find(ar->buf, ar->size, "init", NULL), -CPIO_EINVAL);
	free(ar);
}

/* ---- cpio_find ------------------------------------------------------- */

/* Find `name` in the sample archive: the result, and on success the
 * entry must hold `want` (when not NULL). */
static int find_in_sample(const char *name, const char *want)
{
	struct archive *ar = ar_sample();
	struct cpio_file f;
	int err = cpio_find(ar->buf, ar->size, name, &f);

	if (err == 0 && want != NULL) {
		check_inside(&f, ar->buf, ar->size);
		assert_int_equal(f.size, strlen(want));
		assert_memory_equal(f.data, want, f.size);
	}
	free(ar);
	return err;
}

static void find_ignores_one_leading_dot_slash_or_slash(void **state)
{
	static const char *const hits[][2] = {{"init", "#!init\n"},
		{"./init", "#!init\n"}, {"/init", "#!init\n"}, {"bin/sh", ""},
		{"./bin/sh", ""}, {"/bin/sh", ""}, {"etc/motd", "hello, world"},
		{"/etc/motd", "hello, world"}, {"./etc/motd", "hello, world"}};
	static const char *const misses[] = {"ini", "init2", "bin", "sh",
		"motd", "//init", "././init", "INIT", "", "/", "./",
		"TRAILER!!!"};

	(void)state;
	for (size_t i = 0; i < sizeof(hits) / sizeof(hits[0]); i++)
		assert_int_equal(find_in_sample(hits[i][0], hits[i][1]), 0);
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
		assert_int_equal(find_in_sample(misses[i], NULL), -CPIO_ENOENT);
}

static void find_never_matches_an_empty_name(void **state)
{
	static const char *const names[] = {"", "/", "./"};
	struct archive *ar = ar_new();
	struct cpio_file f;

	(void)state;
	ar_add(ar, "/", "", 0, 040755);
	ar_add(ar, "./", "", 0, 040755);
	ar_trailer(ar);
	for (int i = 0; i < 3; i++)
		assert_int_equal(cpio_find(ar->buf, ar->size, names[i], &f),
			-CPIO_ENOENT);
	free(ar);
}

static void find_returns_the_first_of_duplicate_names(void **state)
{
	struct archive *ar = ar_new();
	struct cpio_file f;

	(void)state;
	ar_add(ar, "a", "first", 5, MODE_FILE);
	ar_add(ar, "./a", "second", 6, MODE_FILE);
	ar_trailer(ar);
	assert_int_equal(cpio_find(ar->buf, ar->size, "a", &f), 0);
	assert_memory_equal(f.data, "first", 5);
	free(ar);
}

static void find_stops_at_a_malformed_entry_before_the_match(void **state)
{
	struct archive *ar = ar_new();
	struct cpio_file f;
	size_t second;

	(void)state;
	ar_add(ar, "one", "1", 1, MODE_FILE);
	second = ar_add(ar, "two", "2", 1, MODE_FILE);
	ar_add(ar, "three", "3", 1, MODE_FILE);
	ar_trailer(ar);
	ar->buf[second] = 'X';
	assert_int_equal(cpio_find(ar->buf, ar->size, "one", &f), 0);
	assert_int_equal(
		cpio_find(ar->buf, ar->size, "three", &f), -CPIO_EINVAL);
	assert_int_equal(
		cpio_find(ar->buf, ar->size, "none", &f), -CPIO_EINVAL);
	free(ar);
}

/* ---- truncation and corruption -------------------------------------- */

static void next_fails_cleanly_when_truncated_at_every_length(void **state)
{
	struct archive *ar = ar_sample();
	size_t ends[] = {124, 244, 376}; /* where each file's entry ends */
	int n;

	(void)state;
	for (size_t len = 0; len < ar->size; len++) {
		int whole = 0;

		for (int i = 0; i < 3; i++)
			whole += ends[i] <= len;
		assert_int_equal(walk(ar->buf, len, &n), -CPIO_EINVAL);
		assert_int_equal(n, whole);
	}
	assert_int_equal(walk(ar->buf, ar->size, &n), 0);
	assert_int_equal(n, 3);
	free(ar);
}

/* xorshift64: a fixed, seedable sequence, the same on every host. */
static uint64_t random_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void next_survives_random_corruption_over_many_seeds(void **state)
{
	struct archive *ar = ar_sample();
	uint8_t *copy = malloc(ar->size);
	int ok = 0, rounds = 20000, n;

	(void)state;
	assert_non_null(copy);
	alarm(60);
	for (int seed = 1; seed <= rounds; seed++) {
		uint64_t rng = 0x9e3779b97f4a7c15ull * (uint64_t)seed;
		int flips = 1 + (int)(random_next(&rng) % 4);
		int err;

		memcpy(copy, ar->buf, ar->size);
		for (int i = 0; i < flips; i++) {
			size_t at = random_next(&rng) % ar->size;
			/* half the time a hex digit, which moves the sizes */
			copy[at] =
				random_next(&rng) & 1
					? (uint8_t) "0123456789abcdef"[rng % 16]
					: (uint8_t)random_next(&rng);
		}
		err = walk(copy, ar->size, &n);
		assert_true(err == 0 || err == -CPIO_EINVAL);
		ok += err == 0;
	}
	alarm(0);
	assert_in_range(ok, 1, rounds - 1);
	free(copy);
	free(ar);
}

/* ---- an archive made by tools/mkbootimg.py --------------------------- */

/* Read the whole file at path into a new buffer; its size in *size. */
static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len > 0);
	rewind(f);
	buf = malloc((size_t)len);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

/* Check that the image's entry at *offset holds the file at path, with
 * the fields mkbootimg.py fixes, and move *offset past it. */
static void check_packed(const uint8_t *image, size_t size, size_t *offset,
	const char *path, const char *ino)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const uint8_t *h = image + *offset;
	size_t len;
	uint8_t *want = read_file(path, &len);
	struct cpio_file f;

	assert_memory_equal(h + 6 + 8 * F_INO, ino, 8);
	assert_memory_equal(h + 6 + 8 * F_MTIME, "00000000", 8);
	assert_memory_equal(h + 6 + 8 * 2, "0000000000000000", 16); /* ids */
	assert_int_equal(cpio_next(image, size, offset, &f), 1);
	assert_string_equal(f.name, base);
	assert_int_equal(f.mode, MODE_FILE);

	assert_int_equal(cpio_find(image, size, base, &f), 0);
	assert_int_equal(f.size, len);
	assert_memory_equal(f.data, want, len);
	free(want);
}

static void find_reads_files_packed_by_mkbootimg(void **state)
{
	size_t size, offset = 0;
	uint8_t *image = read_file(CPIO_TEST_IMAGE, &size);
	struct cpio_file f;

	(void)state;
	assert_int_equal(size % 4, 0);
	check_packed(image, size, &offset, CPIO_TEST_FILE_A, "00000001");
	check_packed(image, size, &offset, CPIO_TEST_FILE_B, "00000002");
	assert_int_equal(cpio_next(image, size, &offset, &f), 0);
	assert_int_equal(offset + pad4(CPIO_HEADER_SIZE + 11), size);
	free(image);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			next_walks_entries_in_order_and_stays_at_trailer),
		cmocka_unit_test(next_handles_every_name_and_data_padding),
		cmocka_unit_test(next_accepts_lower_case_hex),
		cmocka_unit_test(next_rejects_bad_magic),
		cmocka_unit_test(next_rejects_a_non_hex_digit_in_every_field),
		cmocka_unit_test(
			next_rejects_namesize_zero_short_long_or_past_end),
		cmocka_unit_test(next_rejects_data_or_its_padding_past_the_end),
		cmocka_unit_test(next_rejects_archive_without_trailer),
		cmocka_unit_test(next_rejects_bad_offsets_and_null_arguments),
		cmocka_unit_test(find_ignores_one_leading_dot_slash_or_slash),
		cmocka_unit_test(find_never_matches_an_empty_name),
		cmocka_unit_test(find_returns_the_first_of_duplicate_names),
		cmocka_unit_test(
			find_stops_at_a_malformed_entry_before_the_match),
		cmocka_unit_test(
			next_fails_cleanly_when_truncated_at_every_length),
		cmocka_unit_test(
			next_survives_random_corruption_over_many_seeds),
		cmocka_unit_test(find_reads_files_packed_by_mkbootimg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
