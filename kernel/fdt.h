/*
 * Flattened device tree (DTB) reader: pulls out of the blob the firmware
 * hands us the few facts the kernel needs at boot (RAM, reserved ranges,
 * harts, timer frequency, command line, initrd). Every read is bounds
 * checked, so a broken or hostile blob yields an error, never a fault.
 */
#ifndef KERNEL_FDT_H
#define KERNEL_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_MEM_RANGES 8
#define FDT_MAX_RESERVED 16
#define FDT_MAX_HARTS 32
#define FDT_BOOTARGS_MAX 256

/* Deepest node nesting accepted; the root is depth 1. */
#define FDT_MAX_DEPTH 16

/* Errors returned negated by fdt_parse, with Linux errno values. */
#define FDT_E2BIG 7   /* /chosen bootargs does not fit FDT_BOOTARGS_MAX */
#define FDT_EINVAL 22 /* malformed blob, or a value we cannot decode */
#define FDT_ENOSPC                                                             \
	28 /* more memory ranges, reserved ranges or harts                     \
	    * than the tables above hold */

struct fdt_range {
	uint64_t base;
	uint64_t size;
};

/*
 * What fdt_parse found. Only entries below each *_count are meaningful.
 * Ranges of size zero are dropped; every range satisfies base + size
 * <= UINT64_MAX.
 */
struct fdt_info {
	/* reg of every enabled child of the root whose device_type is
	 * "memory" (normally /memory@...), decoded with the root's cells */
	struct fdt_range mem[FDT_MAX_MEM_RANGES];
	int mem_count;
	/* the header's memory reservation block, then the reg of every
	 * enabled child of /reserved-memory (children without reg, i.e.
	 * dynamically placed ones, are skipped) */
	struct fdt_range reserved[FDT_MAX_RESERVED];
	int reserved_count;
	/* reg of every child of /cpus with device_type "cpu" and status
	 * absent, "okay" or "ok", in tree order */
	uint32_t hart_ids[FDT_MAX_HARTS];
	int hart_count;
	/* /cpus timebase-frequency, else the first cpu node carrying one;
	 * 0 if neither has it */
	uint64_t timebase_hz;
	/* the first enabled cpu's riscv,isa has an "_sstc" extension */
	bool has_sstc;
	/* /chosen bootargs, NUL-terminated, "" if absent */
	char bootargs[FDT_BOOTARGS_MAX];
	/* /chosen linux,initrd-start and -end; both 0 if absent */
	uint64_t initrd_start, initrd_end;
	/* the header's totalsize: bytes the blob occupies */
	uint32_t total_size;
};

/*
 * Parse the blob at `blob`, reading at most `limit` bytes of it, into
 * *out. Returns 0, or -FDT_EINVAL / -FDT_ENOSPC / -FDT_E2BIG; on error
 * *out is partly filled and must not be used. If `why` is not NULL it is
 * set to a short static reason on error ("bad magic", ...), NULL on
 * success. `blob` needs no particular alignment.
 *
 * Strict where the spec is: a property after a subnode, a cpu without a
 * one-entry reg, a hart id over 32 bits, a reg or number property of the
 * wrong size, or initrd-start without -end are errors in the nodes above;
 * unknown nodes and properties are skipped unchecked beyond framing.
 */
int fdt_parse(
	const void *blob, size_t limit, struct fdt_info *out, const char **why);

#endif
