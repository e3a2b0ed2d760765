/*
 * Flattened device tree reader. The blob comes from firmware, so every
 * offset and length in it is checked against its block before a byte is
 * read, and every loop moves forward, so no blob can fault or hang us.
 * A node's properties precede its subnodes (the format requires it), so a
 * node is acted upon at its first subnode or at its end, whichever comes
 * first, and only the current node's properties need remembering.
 */
#include "fdt.h"

#define FDT_MAGIC 0xd00dfeedu
/* The version 17 header. Version 16 lacks its last field, but its blocks
 * start past 40 anyway (the memreserve block is 8-byte aligned). */
#define FDT_HEADER_SIZE 40

#define FDT_TOKEN_BEGIN_NODE 1u
#define FDT_TOKEN_END_NODE 2u
#define FDT_TOKEN_PROP 3u
#define FDT_TOKEN_NOP 4u
#define FDT_TOKEN_END 9u

/* Marks a #address-cells or #size-cells whose value is not one cell. */
#define FDT_CELLS_BAD 0xffffffffu

/* Where a node sits, which decides what we decode from it. */
enum fdt_kind {
	FDT_KIND_OTHER,
	FDT_KIND_ROOT,
	FDT_KIND_TOP, /* child of the root: memory, maybe */
	FDT_KIND_CPUS,
	FDT_KIND_CPU, /* child of /cpus: a cpu, maybe */
	FDT_KIND_CHOSEN,
	FDT_KIND_RESERVED, /* /reserved-memory */
	FDT_KIND_RESERVED_CHILD,
};

/* Properties remembered until their node is acted upon. */
enum fdt_prop_id {
	FDT_PROP_REG,
	FDT_PROP_DEVICE_TYPE,
	FDT_PROP_STATUS,
	FDT_PROP_ISA,
	FDT_PROP_TIMEBASE,
	FDT_PROP_BOOTARGS,
	FDT_PROP_INITRD_START,
	FDT_PROP_INITRD_END,
	FDT_PROP_COUNT,
};

static const char *const fdt_prop_names[FDT_PROP_COUNT] = {
	[FDT_PROP_REG] = "reg",
	[FDT_PROP_DEVICE_TYPE] = "device_type",
	[FDT_PROP_STATUS] = "status",
	[FDT_PROP_ISA] = "riscv,isa",
	[FDT_PROP_TIMEBASE] = "timebase-frequency",
	[FDT_PROP_BOOTARGS] = "bootargs",
	[FDT_PROP_INITRD_START] = "linux,initrd-start",
	[FDT_PROP_INITRD_END] = "linux,initrd-end",
};

/* A property value: len bytes at data, all inside the structure block. */
struct fdt_bytes {
	const uint8_t *data;
	uint32_t len;
};

struct fdt_node {
	enum fdt_kind kind;
	uint32_t address_cells; /* for the reg of this node's children */
	uint32_t size_cells;
	bool props_done; /* a subnode began, so it was acted upon */
};

/* State of one fdt_parse call. */
struct fdt_parser {
	const uint8_t *blob;
	uint32_t total_size;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
	uint32_t rsv_off;
	const uint8_t *structs;
	const uint8_t *strings;
	struct fdt_info *out;
	const char *why;
	int depth; /* nodes open */
	struct fdt_node nodes[FDT_MAX_DEPTH];
	struct fdt_bytes props[FDT_PROP_COUNT]; /* of nodes[depth - 1] */
	unsigned props_seen;			/* bit i: props[i] is valid */
};

/* Record `why` and return the negated error `err`. */
static int fdt_fail(struct fdt_parser *p, int err, const char *why)
{
	p->why = why;
	return -err;
}

/* The big-endian 32-bit value at `b`. */
static uint32_t fdt_be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

/* The number made of `cells` (1 or 2) big-endian cells at `b`. */
static uint64_t fdt_read_cells(const uint8_t *b, uint32_t cells)
{
	return cells == 1 ? fdt_be32(b)
			  : (uint64_t)fdt_be32(b) << 32 | fdt_be32(b + 4);
}

/* Bytes before the first NUL in s[0..max), or max if there is none. */
static uint32_t fdt_strnlen(const uint8_t *s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s[n] != 0)
		n++;
	return n;
}

/* Whether the NUL-terminated strings a and b are equal. */
static bool fdt_streq(const char *a, const char *b)
{
	while (*a != 0 && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Whether s[0..len), which holds no NUL, spells exactly `word`. */
static bool fdt_token_is(const uint8_t *s, uint32_t len, const char *word)
{
	for (uint32_t i = 0; i < len; i++)
		if (word[i] == 0 || s[i] != (uint8_t)word[i])
			return false;
	return word[len] == 0;
}

/* Whether the value is the single string `word`, terminator included. */
static bool fdt_value_is(struct fdt_bytes v, const char *word)
{
	return v.len > 0 && fdt_strnlen(v.data, v.len) == v.len - 1 &&
	       fdt_token_is(v.data, v.len - 1, word);
}

/* Fetch remembered property `id` of the current node; false if absent. */
static bool fdt_prop_get(
	const struct fdt_parser *p, enum fdt_prop_id id, struct fdt_bytes *v)
{
	if (!(p->props_seen & 1u << id))
		return false;
	*v = p->props[id];
	return true;
}

/* Whether the current node's status is absent, "okay" or "ok". */
static bool fdt_node_enabled(const struct fdt_parser *p)
{
	struct fdt_bytes v;

	return !fdt_prop_get(p, FDT_PROP_STATUS, &v) ||
	       fdt_value_is(v, "okay") || fdt_value_is(v, "ok");
}

/* Decode a one- or two-cell number property into *value. */
static int fdt_read_number(struct fdt_parser *p, struct fdt_bytes v,
	uint64_t *value, const char *why)
{
	if (v.len != 4 && v.len != 8)
		return fdt_fail(p, FDT_EINVAL, why);
	*value = fdt_read_cells(v.data, v.len / 4);
	return 0;
}

/* Append a range to the reserved or memory table; empty ones are dropped.
 * A range that wraps, or a full table, is an error: losing RAM or, worse,
 * a reservation silently is not an option. */
static int fdt_range_add(
	struct fdt_parser *p, bool reserved, uint64_t base, uint64_t size)
{
	struct fdt_info *out = p->out;
	struct fdt_range *table = reserved ? out->reserved : out->mem;
	int *count = reserved ? &out->reserved_count : &out->mem_count;
	int max = reserved ? FDT_MAX_RESERVED : FDT_MAX_MEM_RANGES;

	if (size > UINT64_MAX - base)
		return fdt_fail(p, FDT_EINVAL, "range wraps around");
	if (size == 0)
		return 0;
	if (*count == max)
		return fdt_fail(p, FDT_ENOSPC,
			reserved ? "too many reserved ranges"
				 : "too many memory ranges");
	table[(*count)++] = (struct fdt_range){base, size};
	return 0;
}

/* Add each (address, size) entry of `reg`, laid out by the parent's
 * #address-cells and #size-cells (1 or 2 each), to a range table. */
static int fdt_reg_add(struct fdt_parser *p, struct fdt_bytes reg,
	const struct fdt_node *parent, bool reserved)
{
	uint32_t acells = parent->address_cells, scells = parent->size_cells;
	uint32_t entry;
	int err;

	if (acells < 1 || acells > 2 || scells < 1 || scells > 2)
		return fdt_fail(p, FDT_EINVAL,
			"unsupported #address-cells or #size-cells");
	entry = (acells + scells) * 4;
	if (reg.len % entry != 0)
		return fdt_fail(p, FDT_EINVAL,
			"reg length not a multiple of its entry size");
	for (uint32_t off = 0; off < reg.len; off += entry) {
		err = fdt_range_add(p, reserved,
			fdt_read_cells(reg.data + off, acells),
			fdt_read_cells(reg.data + off + acells * 4, scells));
		if (err)
			return err;
	}
	return 0;
}

/* Keep the first timebase-frequency seen: /cpus comes before its cpus. */
static int fdt_timebase_apply(struct fdt_parser *p)
{
	struct fdt_bytes v;

	if (p->out->timebase_hz != 0 || !fdt_prop_get(p, FDT_PROP_TIMEBASE, &v))
		return 0;
	return fdt_read_number(
		p, v, &p->out->timebase_hz, "bad timebase-frequency");
}

/* Whether riscv,isa string v names extension `ext`: tokens are split on
 * '_', and the first one is the base ISA with single-letter extensions. */
static bool fdt_isa_has(struct fdt_bytes v, const char *ext)
{
	uint32_t n = fdt_strnlen(v.data, v.len);
	uint32_t i = 0, start;

	while (i < n && v.data[i] != '_')
		i++;
	while (i < n) {
		start = ++i;
		while (i < n && v.data[i] != '_')
			i++;
		if (fdt_token_is(v.data + start, i - start, ext))
			return true;
	}
	return false;
}

/* A child of /cpus: record its hart id if it is an enabled cpu. */
static int fdt_cpu_apply(struct fdt_parser *p, const struct fdt_node *cpus)
{
	struct fdt_info *out = p->out;
	struct fdt_bytes type, reg, isa;
	uint32_t acells = cpus->address_cells, scells = cpus->size_cells;
	uint64_t hart;

	if (!fdt_prop_get(p, FDT_PROP_DEVICE_TYPE, &type) ||
		!fdt_value_is(type, "cpu"))
		return 0;
	if (!fdt_prop_get(p, FDT_PROP_REG, &reg))
		return fdt_fail(p, FDT_EINVAL, "cpu node without reg");
	if (acells < 1 || acells > 2 || scells > 2 ||
		reg.len != (acells + scells) * 4)
		return fdt_fail(p, FDT_EINVAL, "bad cpu reg");
	hart = fdt_read_cells(reg.data, acells);
	if (hart > UINT32_MAX)
		return fdt_fail(p, FDT_EINVAL, "hart id over 32 bits");
	if (!fdt_node_enabled(p))
		return 0;

	if (out->hart_count == FDT_MAX_HARTS)
		return fdt_fail(p, FDT_ENOSPC, "too many harts");
	out->hart_ids[out->hart_count++] = (uint32_t)hart;
	if (out->hart_count == 1 && fdt_prop_get(p, FDT_PROP_ISA, &isa))
		out->has_sstc = fdt_isa_has(isa, "sstc");
	return fdt_timebase_apply(p);
}

/* Copy /chosen bootargs, up to its first NUL, into out->bootargs. */
static int fdt_bootargs_copy(struct fdt_parser *p)
{
	struct fdt_bytes v;
	uint32_t n;

	if (!fdt_prop_get(p, FDT_PROP_BOOTARGS, &v))
		return 0;
	n = fdt_strnlen(v.data, v.len);
	if (n == v.len && v.len != 0)
		return fdt_fail(p, FDT_EINVAL, "unterminated bootargs");
	if (n >= FDT_BOOTARGS_MAX)
		return fdt_fail(p, FDT_E2BIG, "bootargs too long");
	for (uint32_t i = 0; i < n; i++)
		p->out->bootargs[i] = (char)v.data[i];
	p->out->bootargs[n] = 0;
	return 0;
}

/* /chosen: the command line and the initrd placed by the loader. */
static int fdt_chosen_apply(struct fdt_parser *p)
{
	struct fdt_info *out = p->out;
	struct fdt_bytes start, end;
	bool has_start, has_end;
	int err;

	err = fdt_bootargs_copy(p);
	if (err)
		return err;

	has_start = fdt_prop_get(p, FDT_PROP_INITRD_START, &start);
	has_end = fdt_prop_get(p, FDT_PROP_INITRD_END, &end);
	if (!has_start && !has_end)
		return 0;
	if (!has_start || !has_end)
		return fdt_fail(p, FDT_EINVAL, "initrd start or end missing");
	err = fdt_read_number(
		p, start, &out->initrd_start, "bad linux,initrd-start");
	if (!err)
		err = fdt_read_number(
			p, end, &out->initrd_end, "bad linux,initrd-end");
	if (!err && out->initrd_end < out->initrd_start)
		err = fdt_fail(p, FDT_EINVAL, "initrd ends before it starts");
	return err;
}

/* Act on the innermost node, whose properties are now all known. */
static int fdt_node_apply(struct fdt_parser *p)
{
	const struct fdt_node *node = &p->nodes[p->depth - 1];
	const struct fdt_node *parent = node - 1; /* valid unless root */
	struct fdt_bytes v;

	switch (node->kind) {
	case FDT_KIND_TOP:
		if (!fdt_prop_get(p, FDT_PROP_DEVICE_TYPE, &v) ||
			!fdt_value_is(v, "memory") || !fdt_node_enabled(p))
			return 0;
		if (!fdt_prop_get(p, FDT_PROP_REG, &v))
			return fdt_fail(p, FDT_EINVAL, "memory without reg");
		return fdt_reg_add(p, v, parent, false);
	case FDT_KIND_RESERVED_CHILD:
		/* Without reg, the region is placed at run time: skip it. */
		if (!fdt_node_enabled(p) || !fdt_prop_get(p, FDT_PROP_REG, &v))
			return 0;
		return fdt_reg_add(p, v, parent, true);
	case FDT_KIND_CPUS:
		return fdt_timebase_apply(p);
	case FDT_KIND_CPU:
		return fdt_cpu_apply(p, parent);
	case FDT_KIND_CHOSEN:
		return fdt_chosen_apply(p);
	default:
		return 0;
	}
}

/* What a node named `name` under a node of kind `parent` is to us. */
static enum fdt_kind fdt_kind_of(enum fdt_kind parent, const char *name)
{
	switch (parent) {
	case FDT_KIND_ROOT:
		if (fdt_streq(name, "cpus"))
			return FDT_KIND_CPUS;
		if (fdt_streq(name, "chosen"))
			return FDT_KIND_CHOSEN;
		if (fdt_streq(name, "reserved-memory"))
			return FDT_KIND_RESERVED;
		return FDT_KIND_TOP;
	case FDT_KIND_CPUS:
		return FDT_KIND_CPU;
	case FDT_KIND_RESERVED:
		return FDT_KIND_RESERVED_CHILD;
	default:
		return FDT_KIND_OTHER;
	}
}

/* Move *off past `len` bytes and the padding to the next token. */
static int fdt_skip(
	struct fdt_parser *p, uint32_t *off, uint32_t len, const char *why)
{
	uint64_t next = ((uint64_t)*off + len + 3) & ~(uint64_t)3;

	if (next > p->struct_size)
		return fdt_fail(p, FDT_EINVAL, why);
	*off = (uint32_t)next;
	return 0;
}

/* BEGIN_NODE at *off (past the token): close the parent's properties
 * and open the child. */
static int fdt_node_begin(struct fdt_parser *p, uint32_t *off)
{
	const char *name = (const char *)p->structs + *off;
	uint32_t room = p->struct_size - *off;
	uint32_t len = fdt_strnlen(p->structs + *off, room);
	enum fdt_kind kind = FDT_KIND_ROOT;
	struct fdt_node *parent;
	int err;

	if (len == room)
		return fdt_fail(p, FDT_EINVAL, "unterminated node name");
	err = fdt_skip(p, off, len + 1, "node name padding out of bounds");
	if (err)
		return err;
	if (p->depth == FDT_MAX_DEPTH)
		return fdt_fail(p, FDT_EINVAL, "nodes nested too deep");

	if (p->depth > 0) {
		parent = &p->nodes[p->depth - 1];
		if (!parent->props_done) {
			err = fdt_node_apply(p);
			if (err)
				return err;
			parent->props_done = true;
		}
		kind = fdt_kind_of(parent->kind, name);
	}
	/* The spec's defaults when a node lacks #address-cells/#size-cells. */
	p->nodes[p->depth++] = (struct fdt_node){kind, 2, 1, false};
	p->props_seen = 0;
	return 0;
}

/* END_NODE: act on the node if no subnode did it yet, then close it. */
static int fdt_node_end(struct fdt_parser *p)
{
	int err = 0;

	if (p->depth == 0)
		return fdt_fail(p, FDT_EINVAL, "unbalanced END_NODE");
	if (!p->nodes[p->depth - 1].props_done)
		err = fdt_node_apply(p);
	p->depth--;
	return err;
}

/* Note a property the current node's handling depends on. */
static void fdt_prop_record(struct fdt_parser *p, struct fdt_node *node,
	const char *name, struct fdt_bytes v)
{
	uint32_t cells = v.len == 4 ? fdt_be32(v.data) : FDT_CELLS_BAD;

	if (fdt_streq(name, "#address-cells"))
		node->address_cells = cells;
	else if (fdt_streq(name, "#size-cells"))
		node->size_cells = cells;
	for (int id = 0; id < FDT_PROP_COUNT; id++) {
		if (fdt_streq(name, fdt_prop_names[id])) {
			p->props[id] = v;
			p->props_seen |= 1u << id;
		}
	}
}

/* PROP at *off (past the token): check its value and name, note it. */
static int fdt_prop_read(struct fdt_parser *p, uint32_t *off)
{
	struct fdt_bytes v;
	uint32_t nameoff, room;
	const uint8_t *name;
	int err;

	if (p->struct_size - *off < 8)
		return fdt_fail(p, FDT_EINVAL, "truncated property header");
	v.len = fdt_be32(p->structs + *off);
	nameoff = fdt_be32(p->structs + *off + 4);
	*off += 8;
	v.data = p->structs + *off;
	if (v.len > p->struct_size - *off)
		return fdt_fail(p, FDT_EINVAL, "property value out of bounds");
	err = fdt_skip(p, off, v.len, "property padding out of bounds");
	if (err)
		return err;

	if (p->depth == 0)
		return fdt_fail(p, FDT_EINVAL, "property outside any node");
	if (p->nodes[p->depth - 1].props_done)
		return fdt_fail(p, FDT_EINVAL, "property after a subnode");
	if (nameoff >= p->strings_size)
		return fdt_fail(p, FDT_EINVAL, "bad property name offset");
	name = p->strings + nameoff;
	room = p->strings_size - nameoff;
	if (fdt_strnlen(name, room) == room)
		return fdt_fail(p, FDT_EINVAL, "unterminated property name");
	fdt_prop_record(p, &p->nodes[p->depth - 1], (const char *)name, v);
	return 0;
}

/* Walk the structure block token by token until END. Every step moves
 * at least 4 bytes forward, so the walk ends. */
static int fdt_walk(struct fdt_parser *p)
{
	uint32_t off = 0, token;
	bool root_done = false;
	int err = 0;

	while (p->struct_size - off >= 4) {
		token = fdt_be32(p->structs + off);
		off += 4;
		switch (token) {
		case FDT_TOKEN_BEGIN_NODE:
			err = root_done ? fdt_fail(p, FDT_EINVAL,
						  "more than one root")
					: fdt_node_begin(p, &off);
			break;
		case FDT_TOKEN_END_NODE:
			err = fdt_node_end(p);
			root_done = p->depth == 0;
			break;
		case FDT_TOKEN_PROP:
			err = fdt_prop_read(p, &off);
			break;
		case FDT_TOKEN_NOP:
			break;
		case FDT_TOKEN_END:
			if (root_done)
				return 0;
			return fdt_fail(p, FDT_EINVAL,
				p->depth != 0 ? "END inside a node"
					      : "no root node");
		default:
			return fdt_fail(p, FDT_EINVAL, "unknown token");
		}
		if (err)
			return err;
	}
	return fdt_fail(p, FDT_EINVAL, "missing END token");
}

/* Where a block starting at `off` (<= totalsize) must stop: the next
 * block's start, or the end of the blob. */
static uint32_t fdt_block_limit(const struct fdt_parser *p, uint32_t off)
{
	uint32_t starts[3] = {p->struct_off, p->strings_off, p->rsv_off};
	uint32_t end = p->total_size;

	for (int i = 0; i < 3; i++)
		if (starts[i] > off && starts[i] < end)
			end = starts[i];
	return end;
}

/* Whether [off, off + size) lies between the header and totalsize. */
static bool fdt_block_fits(
	const struct fdt_parser *p, uint32_t off, uint32_t size)
{
	return off >= FDT_HEADER_SIZE && off <= p->total_size &&
	       size <= p->total_size - off;
}

/* Check the header and the block layout; fill in p's block fields. */
static int fdt_header_check(struct fdt_parser *p, size_t limit)
{
	const uint8_t *h = p->blob;
	uint32_t version;

	if (limit < FDT_HEADER_SIZE)
		return fdt_fail(p, FDT_EINVAL, "blob smaller than a header");
	if (fdt_be32(h) != FDT_MAGIC)
		return fdt_fail(p, FDT_EINVAL, "bad magic");
	p->total_size = fdt_be32(h + 4);
	if (p->total_size > limit)
		return fdt_fail(p, FDT_EINVAL, "totalsize beyond limit");
	if (p->total_size < FDT_HEADER_SIZE)
		return fdt_fail(p, FDT_EINVAL, "totalsize below header size");
	version = fdt_be32(h + 20);
	if (version < 16 || fdt_be32(h + 24) > 17)
		return fdt_fail(p, FDT_EINVAL, "unsupported version");

	p->struct_off = fdt_be32(h + 8);
	p->strings_off = fdt_be32(h + 12);
	p->rsv_off = fdt_be32(h + 16);
	p->strings_size = fdt_be32(h + 32);
	p->struct_size = 0;
	if (version >= 17)
		p->struct_size = fdt_be32(h + 36);
	else if (p->struct_off <= p->total_size)
		p->struct_size =
			fdt_block_limit(p, p->struct_off) - p->struct_off;
	if (!fdt_block_fits(p, p->struct_off, p->struct_size) ||
		p->struct_off % 4 != 0)
		return fdt_fail(p, FDT_EINVAL, "struct block out of bounds");
	if (!fdt_block_fits(p, p->strings_off, p->strings_size))
		return fdt_fail(p, FDT_EINVAL, "strings block out of bounds");
	if (p->struct_off < p->strings_off + p->strings_size &&
		p->strings_off < p->struct_off + p->struct_size)
		return fdt_fail(p, FDT_EINVAL, "struct and strings overlap");
	if (!fdt_block_fits(p, p->rsv_off, 0) || p->rsv_off % 8 != 0 ||
		(p->rsv_off >= p->struct_off &&
			p->rsv_off - p->struct_off < p->struct_size) ||
		(p->rsv_off >= p->strings_off &&
			p->rsv_off - p->strings_off < p->strings_size))
		return fdt_fail(p, FDT_EINVAL, "bad memreserve block offset");

	p->structs = p->blob + p->struct_off;
	p->strings = p->blob + p->strings_off;
	return 0;
}

/* Add the memory reservation block's (address, size) pairs, which end at
 * an all-zero pair that must come before the next block. */
static int fdt_memreserve_scan(struct fdt_parser *p)
{
	uint32_t end = fdt_block_limit(p, p->rsv_off);
	uint64_t base, size;
	int err;

	for (uint32_t off = p->rsv_off; end - off >= 16; off += 16) {
		base = fdt_read_cells(p->blob + off, 2);
		size = fdt_read_cells(p->blob + off + 8, 2);
		if (base == 0 && size == 0)
			return 0;
		err = fdt_range_add(p, true, base, size);
		if (err)
			return err;
	}
	return fdt_fail(p, FDT_EINVAL, "unterminated memreserve block");
}

int fdt_parse(
	const void *blob, size_t limit, struct fdt_info *out, const char **why)
{
	struct fdt_parser p;
	int err;

	/* Field by field: clearing whole structs would call memset. */
	p.blob = blob;
	p.out = out;
	p.depth = 0;
	out->mem_count = 0;
	out->reserved_count = 0;
	out->hart_count = 0;
	out->timebase_hz = 0;
	out->has_sstc = false;
	out->bootargs[0] = 0;
	out->initrd_start = 0;
	out->initrd_end = 0;
	out->total_size = 0;

	err = fdt_header_check(&p, limit);
	if (!err) {
		out->total_size = p.total_size;
		err = fdt_memreserve_scan(&p);
	}
	if (!err)
		err = fdt_walk(&p);
	if (why != NULL)
		*why = err ? p.why : NULL;
	return err;
}
