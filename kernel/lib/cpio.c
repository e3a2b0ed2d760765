/*
 * newc cpio reader; see cpio.h. Freestanding: it calls no library
 * function, so the kernel and libc can both link it as is. Each entry is
 * checked whole (header, name, data and padding inside the archive) before
 * any of it is reported, and each entry moves the offset forward by at
 * least a header, so a walk over any archive ends.
 */
#include "cpio.h"

#include <stdbool.h>

#define CPIO_MAGIC "070701"
#define CPIO_MAGIC_LEN 6
#define CPIO_TRAILER "TRAILER!!!"

/* The 13 header fields of 8 hex digits that follow the magic, in order. */
#define CPIO_FIELD_COUNT 13
#define CPIO_FIELD_DIGITS 8
#define CPIO_FIELD_MODE 1
#define CPIO_FIELD_FILESIZE 6
#define CPIO_FIELD_NAMESIZE 11

/* Value of the hex digit c, or -1 if c is none. */
static int cpio_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the CPIO_FIELD_DIGITS hex digits at p: false if one is not hex. */
static bool cpio_parse_field(const char *p, uint32_t *value)
{
	uint32_t v = 0;

	for (int i = 0; i < CPIO_FIELD_DIGITS; i++) {
		int digit = cpio_hex_value(p[i]);

		if (digit < 0)
			return false;
		v = v << 4 | (uint32_t)digit;
	}
	*value = v;
	return true;
}

/* True if the n bytes at a and at b are the same. */
static bool cpio_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Length of the C string s, reading at most max bytes of it. */
static size_t cpio_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Move *at up to a multiple of 4: false if that passes `size`. */
static bool cpio_pad(size_t size, size_t *at)
{
	size_t pad = (4 - *at % 4) % 4;

	if (*at > size || pad > size - *at)
		return false;
	*at += pad;
	return true;
}

/* Check the magic and decode every field of the header at h (which has
 * CPIO_HEADER_SIZE bytes): false if any of it is malformed. */
static bool cpio_parse_header(const char *h, uint32_t fields[])
{
	if (!cpio_equal(h, CPIO_MAGIC, CPIO_MAGIC_LEN))
		return false;
	for (int i = 0; i < CPIO_FIELD_COUNT; i++) {
		const char *p = h + CPIO_MAGIC_LEN + i * CPIO_FIELD_DIGITS;

		if (!cpio_parse_field(p, &fields[i]))
			return false;
	}
	return true;
}

/*
 * Check the entry at `at` and fill *file from it; *next gets the offset
 * after its padded data. The name must end in its only NUL, exactly at
 * namesize. Returns 0 or -CPIO_EINVAL.
 */
static int cpio_read_entry(const char *base, size_t size, size_t at,
	struct cpio_file *file, size_t *next)
{
	uint32_t fields[CPIO_FIELD_COUNT];
	size_t name_at = at + CPIO_HEADER_SIZE;
	size_t namesize, data_at, end;

	if (!cpio_parse_header(base + at, fields))
		return -CPIO_EINVAL;
	namesize = fields[CPIO_FIELD_NAMESIZE];
	if (namesize == 0 || namesize > size - name_at)
		return -CPIO_EINVAL;
	if (cpio_strnlen(base + name_at, namesize) != namesize - 1)
		return -CPIO_EINVAL;

	data_at = name_at + namesize;
	if (!cpio_pad(size, &data_at))
		return -CPIO_EINVAL;
	if (fields[CPIO_FIELD_FILESIZE] > size - data_at)
		return -CPIO_EINVAL;
	end = data_at + fields[CPIO_FIELD_FILESIZE];
	if (!cpio_pad(size, &end))
		return -CPIO_EINVAL;

	file->name = base + name_at;
	file->name_len = namesize - 1;
	file->data = base + data_at;
	file->size = fields[CPIO_FIELD_FILESIZE];
	file->mode = fields[CPIO_FIELD_MODE];
	*next = end;
	return 0;
}

int cpio_next(const void *archive, size_t size, size_t *offset,
	struct cpio_file *file)
{
	size_t at, next;
	int err;

	if (archive == NULL || offset == NULL || file == NULL)
		return -CPIO_EINVAL;
	at = *offset;
	if (at % 4 != 0 || at > size || size - at < CPIO_HEADER_SIZE)
		return -CPIO_EINVAL;

	err = cpio_read_entry(archive, size, at, file, &next);
	if (err != 0)
		return err;
	if (file->name_len == sizeof(CPIO_TRAILER) - 1 &&
		cpio_equal(file->name, CPIO_TRAILER, file->name_len))
		return 0;
	*offset = next;
	return 1;
}

/* Drop one leading "./" or "/" from the len bytes at name. */
static const char *cpio_strip(const char *name, size_t *len)
{
	if (*len >= 2 && name[0] == '.' && name[1] == '/') {
		*len -= 2;
		return name + 2;
	}
	if (*len >= 1 && name[0] == '/') {
		*len -= 1;
		return name + 1;
	}
	return name;
}

int cpio_find(const void *archive, size_t size, const char *name,
	struct cpio_file *file)
{
	size_t offset = 0, want_len;
	const char *want;
	int err;

	if (name == NULL || file == NULL)
		return -CPIO_EINVAL;
	want_len = cpio_strnlen(name, (size_t)-1);
	want = cpio_strip(name, &want_len);

	/* cpio_next fills *file directly: no struct copy, so no memcpy. */
	while ((err = cpio_next(archive, size, &offset, file)) == 1) {
		size_t len = file->name_len;
		const char *have = cpio_strip(file->name, &len);

		if (want_len != 0 && len == want_len &&
			cpio_equal(have, want, len))
			return 0;
	}
	return err == 0 ? -CPIO_ENOENT : err;
}
