/*
 * A tiny device tree blob writer for host tests: build a tree node by
 * node, then fdtb_finish() lays out header, memory reservation block,
 * structure block and strings block, big-endian, version 17. The raw
 * helpers (fdtb_word, fdtb_string_offset) and the header offsets below
 * let tests write malformed trees on purpose.
 */
#ifndef TESTS_HOST_FDT_BUILDER_H
#define TESTS_HOST_FDT_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDTB_STRUCT_MAX 65536
#define FDTB_STRINGS_MAX 4096
#define FDTB_RESERVE_MAX 32
#define FDTB_HEADER_SIZE 40
#define FDTB_BLOB_MAX                                                          \
	(FDTB_HEADER_SIZE + 16 * (FDTB_RESERVE_MAX + 1) + FDTB_STRUCT_MAX +    \
		FDTB_STRINGS_MAX)

/* Byte offsets of the header fields. */
#define FDTB_HDR_MAGIC 0
#define FDTB_HDR_TOTALSIZE 4
#define FDTB_HDR_OFF_STRUCT 8
#define FDTB_HDR_OFF_STRINGS 12
#define FDTB_HDR_OFF_RESERVE 16
#define FDTB_HDR_VERSION 20
#define FDTB_HDR_LAST_COMP 24
#define FDTB_HDR_BOOT_CPU 28
#define FDTB_HDR_SIZE_STRINGS 32
#define FDTB_HDR_SIZE_STRUCT 36

#define FDTB_BEGIN_NODE 1u
#define FDTB_END_NODE 2u
#define FDTB_PROP 3u
#define FDTB_NOP 4u
#define FDTB_END 9u

struct fdt_builder {
	uint8_t structs[FDTB_STRUCT_MAX];
	size_t struct_len;
	char strings[FDTB_STRINGS_MAX];
	size_t strings_len;
	uint64_t reserve[FDTB_RESERVE_MAX][2];
	int reserve_count;
	/* set before fdtb_finish: put strings before the structure block,
	 * so the structure block is the one that ends the blob */
	bool strings_first;

	/* filled by fdtb_finish */
	uint8_t blob[FDTB_BLOB_MAX];
	size_t size;
	uint32_t reserve_off, struct_off, strings_off;
};

/* A new empty builder; abort()s when out of memory. */
struct fdt_builder *fdtb_new(void);
void fdtb_free(struct fdt_builder *b);

/* Add a memory reservation block entry. */
void fdtb_memreserve(struct fdt_builder *b, uint64_t base, uint64_t size);

/* Open a node named `name` ("" for the root), and close the open one. */
void fdtb_begin_node(struct fdt_builder *b, const char *name);
void fdtb_end_node(struct fdt_builder *b);

/* Add a property with `len` bytes of value (copied as given). */
void fdtb_prop(
	struct fdt_builder *b, const char *name, const void *data, size_t len);
/* Property holding a string, with its terminator. */
void fdtb_prop_str(struct fdt_builder *b, const char *name, const char *s);
/* Property holding one cell, or one two-cell number. */
void fdtb_prop_u32(struct fdt_builder *b, const char *name, uint32_t v);
void fdtb_prop_u64(struct fdt_builder *b, const char *name, uint64_t v);
/* Property holding `count` cells, given as uint32_t arguments. */
void fdtb_prop_cells(struct fdt_builder *b, const char *name, int count, ...);

/* Append a raw big-endian word, or raw bytes padded to 4, to the
 * structure block: for hand-made malformed tokens. */
void fdtb_word(struct fdt_builder *b, uint32_t v);
void fdtb_bytes(struct fdt_builder *b, const void *data, size_t len);

/* Offset of `name` in the strings block, adding it if new. */
uint32_t fdtb_string_offset(struct fdt_builder *b, const char *name);

/* Append END and lay the blob out in b->blob; returns b->size. */
size_t fdtb_finish(struct fdt_builder *b);

/* Big-endian access to a finished blob, for patching headers. */
void fdtb_put32(uint8_t *at, uint32_t v);
uint32_t fdtb_get32(const uint8_t *at);

#endif
