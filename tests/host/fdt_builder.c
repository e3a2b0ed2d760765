/*
 * Device tree blob writer for host tests; see fdt_builder.h. Running out
 * of room is a bug in the test, so it aborts instead of returning errors.
 */
#include "fdt_builder.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stop the test run: the builder was asked for more than it holds. */
static void fdtb_overflow(const char *what)
{
	fprintf(stderr, "fdt_builder: %s full\n", what);
	abort();
}

struct fdt_builder *fdtb_new(void)
{
	struct fdt_builder *b = calloc(1, sizeof(*b));

	if (b == NULL)
		fdtb_overflow("memory");
	return b;
}

void fdtb_free(struct fdt_builder *b)
{
	free(b);
}

void fdtb_put32(uint8_t *at, uint32_t v)
{
	at[0] = (uint8_t)(v >> 24);
	at[1] = (uint8_t)(v >> 16);
	at[2] = (uint8_t)(v >> 8);
	at[3] = (uint8_t)v;
}

uint32_t fdtb_get32(const uint8_t *at)
{
	return (uint32_t)at[0] << 24 | (uint32_t)at[1] << 16 |
	       (uint32_t)at[2] << 8 | at[3];
}

void fdtb_memreserve(struct fdt_builder *b, uint64_t base, uint64_t size)
{
	if (b->reserve_count == FDTB_RESERVE_MAX)
		fdtb_overflow("memreserve table");
	b->reserve[b->reserve_count][0] = base;
	b->reserve[b->reserve_count][1] = size;
	b->reserve_count++;
}

void fdtb_word(struct fdt_builder *b, uint32_t v)
{
	if (FDTB_STRUCT_MAX - b->struct_len < 4)
		fdtb_overflow("structure block");
	fdtb_put32(b->structs + b->struct_len, v);
	b->struct_len += 4;
}

void fdtb_bytes(struct fdt_builder *b, const void *data, size_t len)
{
	size_t padded = (len + 3) & ~(size_t)3;

	if (FDTB_STRUCT_MAX - b->struct_len < padded)
		fdtb_overflow("structure block");
	if (len != 0) /* data may be NULL for an empty property */
		memcpy(b->structs + b->struct_len, data, len);
	memset(b->structs + b->struct_len + len, 0, padded - len);
	b->struct_len += padded;
}

uint32_t fdtb_string_offset(struct fdt_builder *b, const char *name)
{
	size_t len = strlen(name) + 1;
	size_t off = 0;

	/* Share names like dtc does; also exercises nameoff reuse. */
	while (off < b->strings_len) {
		if (strcmp(b->strings + off, name) == 0)
			return (uint32_t)off;
		off += strlen(b->strings + off) + 1;
	}
	if (FDTB_STRINGS_MAX - b->strings_len < len)
		fdtb_overflow("strings block");
	memcpy(b->strings + b->strings_len, name, len);
	b->strings_len += len;
	return (uint32_t)off;
}

void fdtb_begin_node(struct fdt_builder *b, const char *name)
{
	fdtb_word(b, FDTB_BEGIN_NODE);
	fdtb_bytes(b, name, strlen(name) + 1);
}

void fdtb_end_node(struct fdt_builder *b)
{
	fdtb_word(b, FDTB_END_NODE);
}

void fdtb_prop(
	struct fdt_builder *b, const char *name, const void *data, size_t len)
{
	fdtb_word(b, FDTB_PROP);
	fdtb_word(b, (uint32_t)len);
	fdtb_word(b, fdtb_string_offset(b, name));
	fdtb_bytes(b, data, len);
}

void fdtb_prop_str(struct fdt_builder *b, const char *name, const char *s)
{
	fdtb_prop(b, name, s, strlen(s) + 1);
}

void fdtb_prop_u32(struct fdt_builder *b, const char *name, uint32_t v)
{
	uint8_t cell[4];

	fdtb_put32(cell, v);
	fdtb_prop(b, name, cell, sizeof(cell));
}

void fdtb_prop_u64(struct fdt_builder *b, const char *name, uint64_t v)
{
	uint8_t cells[8];

	fdtb_put32(cells, (uint32_t)(v >> 32));
	fdtb_put32(cells + 4, (uint32_t)v);
	fdtb_prop(b, name, cells, sizeof(cells));
}

void fdtb_prop_cells(struct fdt_builder *b, const char *name, int count, ...)
{
	uint8_t cells[256 * 4];
	va_list ap;

	if (count < 0 || count > 256)
		fdtb_overflow("cell list");
	va_start(ap, count);
	for (int i = 0; i < count; i++)
		fdtb_put32(cells + 4 * i, va_arg(ap, uint32_t));
	va_end(ap);
	fdtb_prop(b, name, cells, (size_t)count * 4);
}

/* Write the reservation entries and their (0, 0) terminator at `at`. */
static void fdtb_write_reserve(struct fdt_builder *b, uint8_t *at)
{
	for (int i = 0; i <= b->reserve_count; i++) {
		uint64_t base = i < b->reserve_count ? b->reserve[i][0] : 0;
		uint64_t size = i < b->reserve_count ? b->reserve[i][1] : 0;

		fdtb_put32(at + 16 * i, (uint32_t)(base >> 32));
		fdtb_put32(at + 16 * i + 4, (uint32_t)base);
		fdtb_put32(at + 16 * i + 8, (uint32_t)(size >> 32));
		fdtb_put32(at + 16 * i + 12, (uint32_t)size);
	}
}

size_t fdtb_finish(struct fdt_builder *b)
{
	size_t reserve_len = 16 * ((size_t)b->reserve_count + 1);
	uint8_t *h = b->blob;

	fdtb_word(b, FDTB_END);
	memset(b->blob, 0, sizeof(b->blob));
	b->reserve_off = FDTB_HEADER_SIZE;
	if (b->strings_first) {
		b->strings_off = (uint32_t)(b->reserve_off + reserve_len);
		b->struct_off =
			(uint32_t)((b->strings_off + b->strings_len + 3) &
				   ~(size_t)3);
		b->size = b->struct_off + b->struct_len;
	} else {
		b->struct_off = (uint32_t)(b->reserve_off + reserve_len);
		b->strings_off = (uint32_t)(b->struct_off + b->struct_len);
		b->size = b->strings_off + b->strings_len;
	}
	fdtb_write_reserve(b, b->blob + b->reserve_off);
	memcpy(b->blob + b->struct_off, b->structs, b->struct_len);
	memcpy(b->blob + b->strings_off, b->strings, b->strings_len);

	fdtb_put32(h + FDTB_HDR_MAGIC, 0xd00dfeed);
	fdtb_put32(h + FDTB_HDR_TOTALSIZE, (uint32_t)b->size);
	fdtb_put32(h + FDTB_HDR_OFF_STRUCT, b->struct_off);
	fdtb_put32(h + FDTB_HDR_OFF_STRINGS, b->strings_off);
	fdtb_put32(h + FDTB_HDR_OFF_RESERVE, b->reserve_off);
	fdtb_put32(h + FDTB_HDR_VERSION, 17);
	fdtb_put32(h + FDTB_HDR_LAST_COMP, 16);
	fdtb_put32(h + FDTB_HDR_BOOT_CPU, 0);
	fdtb_put32(h + FDTB_HDR_SIZE_STRINGS, (uint32_t)b->strings_len);
	fdtb_put32(h + FDTB_HDR_SIZE_STRUCT, (uint32_t)b->struct_len);
	return b->size;
}
