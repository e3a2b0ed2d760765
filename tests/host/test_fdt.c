/*
 * Host tests for kernel/fdt.c. Every blob is parsed from a heap copy of
 * exactly the size handed to fdt_parse, so AddressSanitizer reports any
 * read past the end; alarm() turns a hang into a failure.
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

#include "fdt.h"
#include "fdt_builder.h"

#define ISA_SSTC "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc"
#define ISA_PLAIN "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs"

/* Knobs for build_virt: which variant of QEMU's virt tree to write. */
struct virt_shape {
	int cpus;	      /* 1 to 4 */
	int disabled_cpu;     /* index of a cpu with status "disabled", or -1 */
	const char *isa;      /* riscv,isa of every cpu */
	bool chosen;	      /* write /chosen at all */
	const char *bootargs; /* NULL: no bootargs property */
	int initrd_cells;     /* 0: no initrd, 1: u32 cells, 2: u64 cells */
	bool reserved_memory; /* OpenSBI's /reserved-memory node */
	bool memreserve;      /* an entry in the header's reservation block */
};

static const struct virt_shape virt_default = {
	.cpus = 1,
	.disabled_cpu = -1,
	.isa = ISA_SSTC,
	.chosen = true,
	.bootargs = "console=ttyS0 init=/bin/init",
	.initrd_cells = 2,
	.reserved_memory = true,
	.memreserve = true,
};

/* Fill a fdt_info with garbage so a field the parser forgets shows. */
static void info_poison(struct fdt_info *info)
{
	memset(info, 0xa5, sizeof(*info));
}

/* Parse the first `len` bytes of `blob` from a heap copy of exactly that
 * size, allowing fdt_parse to read `limit` (<= len) bytes. */
static int parse_exact(const uint8_t *blob, size_t len, size_t limit,
	struct fdt_info *info, const char **why)
{
	uint8_t *copy = malloc(len);
	int err;

	assert_true(limit <= len);
	assert_non_null(copy);
	memcpy(copy, blob, len);
	info_poison(info);
	*why = "not set";
	err = fdt_parse(copy, limit, info, why);
	free(copy);
	return err;
}

/* Parse a finished builder's blob; the result must be success. */
static void parse_ok(const struct fdt_builder *b, struct fdt_info *info)
{
	const char *why;
	int err = parse_exact(b->blob, b->size, b->size, info, &why);

	if (err != 0)
		fail_msg("fdt_parse failed: %d (%s)", err, why);
	assert_null(why);
	assert_int_equal(info->total_size, b->size);
}

/* Parse a finished builder's blob; it must fail with -err and `reason`. */
static void parse_fails(
	const struct fdt_builder *b, int err, const char *reason)
{
	struct fdt_info info;
	const char *why;

	assert_int_equal(
		parse_exact(b->blob, b->size, b->size, &info, &why), -err);
	assert_non_null(why);
	assert_string_equal(why, reason);
}

/* A cpu node as QEMU writes it, with its interrupt controller. */
static void build_cpu(struct fdt_builder *b, uint32_t hart, const char *isa,
	const char *status)
{
	char name[32];

	snprintf(name, sizeof(name), "cpu@%u", hart);
	fdtb_begin_node(b, name);
	fdtb_prop_u32(b, "phandle", hart + 1);
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u32(b, "reg", hart);
	if (status != NULL)
		fdtb_prop_str(b, "status", status);
	fdtb_prop_str(b, "compatible", "riscv");
	if (isa != NULL)
		fdtb_prop_str(b, "riscv,isa", isa);
	fdtb_prop_str(b, "mmu-type", "riscv,sv48");
	fdtb_begin_node(b, "interrupt-controller");
	fdtb_prop_u32(b, "#interrupt-cells", 1);
	fdtb_prop(b, "interrupt-controller", NULL, 0);
	fdtb_prop_str(b, "compatible", "riscv,cpu-intc");
	fdtb_end_node(b);
	fdtb_end_node(b);
}

/* /cpus as QEMU writes it: cells 1/0, timebase, cpus, then cpu-map. */
static void build_cpus(struct fdt_builder *b, const struct virt_shape *s)
{
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_prop_u32(b, "timebase-frequency", 10000000);
	for (int i = 0; i < s->cpus; i++)
		build_cpu(b, (uint32_t)i, s->isa,
			i == s->disabled_cpu ? "disabled" : "okay");
	fdtb_begin_node(b, "cpu-map");
	fdtb_begin_node(b, "cluster0");
	fdtb_begin_node(b, "core0");
	fdtb_prop_u32(b, "cpu", 1);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
}

/* /chosen with the properties QEMU and a loader put there. */
static void build_chosen(struct fdt_builder *b, const struct virt_shape *s)
{
	fdtb_begin_node(b, "chosen");
	fdtb_prop_cells(b, "rng-seed", 4, 0xc9ccd67e, 0xc60a4804, 0x2e6e1046,
		0xa630fab8);
	fdtb_prop_str(b, "stdout-path", "/soc/serial@10000000");
	if (s->bootargs != NULL)
		fdtb_prop_str(b, "bootargs", s->bootargs);
	if (s->initrd_cells == 1) {
		fdtb_prop_u32(b, "linux,initrd-start", 0x88200000);
		fdtb_prop_u32(b, "linux,initrd-end", 0x88400000);
	} else if (s->initrd_cells == 2) {
		fdtb_prop_u64(b, "linux,initrd-start", 0x88200000);
		fdtb_prop_u64(b, "linux,initrd-end", 0x88412345);
	}
	fdtb_end_node(b);
}

/* /soc with a serial port and a PCI host using 3 address cells. */
static void build_soc(struct fdt_builder *b)
{
	fdtb_begin_node(b, "soc");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_prop_str(b, "compatible", "simple-bus");
	fdtb_prop(b, "ranges", NULL, 0);
	fdtb_begin_node(b, "serial@10000000");
	fdtb_prop_u32(b, "interrupts", 10);
	fdtb_prop_cells(b, "reg", 4, 0, 0x10000000, 0, 0x100);
	fdtb_prop_str(b, "compatible", "ns16550a");
	fdtb_end_node(b);
	fdtb_begin_node(b, "pci@30000000");
	fdtb_prop_cells(b, "reg", 4, 0, 0x30000000, 0, 0x10000000);
	fdtb_prop_str(b, "device_type", "pci");
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_prop_u32(b, "#address-cells", 3);
	fdtb_end_node(b);
	fdtb_end_node(b);
}

/* OpenSBI's /reserved-memory: cells 2/2, two firmware regions. */
static void build_reserved_memory(struct fdt_builder *b)
{
	fdtb_begin_node(b, "reserved-memory");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_prop(b, "ranges", NULL, 0);
	fdtb_begin_node(b, "mmode_resv1@80000000");
	fdtb_prop_cells(b, "reg", 4, 0, 0x80000000, 0, 0x40000);
	fdtb_prop(b, "no-map", NULL, 0);
	fdtb_end_node(b);
	fdtb_begin_node(b, "mmode_resv0@80040000");
	fdtb_prop_cells(b, "reg", 4, 0, 0x80040000, 0, 0x20000);
	fdtb_prop(b, "no-map", NULL, 0);
	fdtb_end_node(b);
	fdtb_end_node(b);
}

/* The relevant shape of QEMU's virt tree after OpenSBI: 128 MiB of RAM
 * at 0x80000000 with 2/2 cells, a 1/1-cell platform bus, and so on. */
static void build_virt(struct fdt_builder *b, const struct virt_shape *s)
{
	if (s->memreserve)
		fdtb_memreserve(b, 0x87e00000, 0x200000);
	fdtb_begin_node(b, "");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_prop_str(b, "compatible", "riscv-virtio");
	fdtb_prop_str(b, "model", "riscv-virtio,qemu");
	fdtb_begin_node(b, "fw-cfg@10100000");
	fdtb_prop(b, "dma-coherent", NULL, 0);
	fdtb_prop_cells(b, "reg", 4, 0, 0x10100000, 0, 0x18);
	fdtb_end_node(b);
	if (s->chosen)
		build_chosen(b, s);
	fdtb_begin_node(b, "platform-bus@4000000");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_prop_cells(b, "ranges", 3, 0, 0x4000000, 0x2000000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "memory@80000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 4, 0, 0x80000000, 0, 0x8000000);
	fdtb_end_node(b);
	build_cpus(b, s);
	build_soc(b);
	if (s->reserved_memory)
		build_reserved_memory(b);
	fdtb_end_node(b);
	fdtb_finish(b);
}

/* A builder holding build_virt(virt_default). */
static struct fdt_builder *virt_new(void)
{
	struct fdt_builder *b = fdtb_new();

	build_virt(b, &virt_default);
	return b;
}

/* Open a 2/2-cell root holding 16 MiB of memory at 0x80000000. */
static void build_minimal_open(struct fdt_builder *b)
{
	fdtb_begin_node(b, "");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_begin_node(b, "memory@80000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 4, 0, 0x80000000, 0, 0x1000000);
	fdtb_end_node(b);
}

/* ---- well-formed trees ---------------------------------------------- */

static void parse_qemu_virt_tree_reports_every_field(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;

	(void)state;
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 1);
	assert_int_equal(info.mem[0].base, 0x80000000);
	assert_int_equal(info.mem[0].size, 0x8000000);
	assert_int_equal(info.reserved_count, 3);
	assert_int_equal(info.reserved[0].base, 0x87e00000);
	assert_int_equal(info.reserved[0].size, 0x200000);
	assert_int_equal(info.reserved[1].base, 0x80000000);
	assert_int_equal(info.reserved[1].size, 0x40000);
	assert_int_equal(info.reserved[2].base, 0x80040000);
	assert_int_equal(info.reserved[2].size, 0x20000);
	assert_int_equal(info.hart_count, 1);
	assert_int_equal(info.hart_ids[0], 0);
	assert_int_equal(info.timebase_hz, 10000000);
	assert_true(info.has_sstc);
	assert_string_equal(info.bootargs, "console=ttyS0 init=/bin/init");
	assert_int_equal(info.initrd_start, 0x88200000);
	assert_int_equal(info.initrd_end, 0x88412345);
	fdtb_free(b);
}

static void parse_counts_one_to_four_cpus_skipping_disabled(void **state)
{
	(void)state;
	for (int cpus = 1; cpus <= 4; cpus++) {
		struct virt_shape s = virt_default;
		struct fdt_builder *b = fdtb_new();
		struct fdt_info info;
		int want = 0;

		s.cpus = cpus;
		s.disabled_cpu = cpus >= 2 ? 1 : -1;
		build_virt(b, &s);
		parse_ok(b, &info);
		assert_int_equal(info.hart_count, cpus >= 2 ? cpus - 1 : 1);
		for (int i = 0; i < cpus; i++)
			if (i != s.disabled_cpu)
				assert_int_equal(info.hart_ids[want++], i);
		assert_int_equal(info.timebase_hz, 10000000);
		fdtb_free(b);
	}
}

static void parse_sstc_false_when_isa_lacks_it(void **state)
{
	struct virt_shape s = virt_default;
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	s.isa = ISA_PLAIN;
	build_virt(b, &s);
	parse_ok(b, &info);
	assert_false(info.has_sstc);
	fdtb_free(b);
}

static void parse_sstc_needs_a_whole_token_after_the_base(void **state)
{
	static const struct {
		const char *isa;
		bool sstc;
	} cases[] = {
		{"rv64imafdc_sstc", true},
		{"rv64imafdc_sstc_zicsr", true},
		{"rv64imafdc_zicsr_sstc", true},
		{"rv64imafdcsstc", false},
		{"sstc", false},
		{"ssstc_zicsr", false},
		{"rv64imafdc_zsstc", false},
		{"rv64imafdc_sstcx", false},
		{"rv64imafdc_sst", false},
		{"rv64imafdc__", false},
		{"rv64imafdc_", false},
		{"", false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct virt_shape s = virt_default;
		struct fdt_builder *b = fdtb_new();
		struct fdt_info info;

		s.isa = cases[i].isa;
		build_virt(b, &s);
		parse_ok(b, &info);
		if (info.has_sstc != cases[i].sstc)
			fail_msg("isa \"%s\": has_sstc %d", cases[i].isa,
				info.has_sstc);
		fdtb_free(b);
	}
}

static void parse_sstc_follows_first_enabled_cpu(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	build_cpu(b, 0, "rv64imac_sstc", "disabled");
	build_cpu(b, 1, "rv64imac_zicsr", NULL);
	build_cpu(b, 2, "rv64imac_sstc", "okay");
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.hart_count, 2);
	assert_int_equal(info.hart_ids[0], 1);
	assert_int_equal(info.hart_ids[1], 2);
	assert_false(info.has_sstc);
	assert_int_equal(info.timebase_hz, 0);
	fdtb_free(b);
}

static void parse_reads_initrd_from_u32_cells(void **state)
{
	struct virt_shape s = virt_default;
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	s.initrd_cells = 1;
	build_virt(b, &s);
	parse_ok(b, &info);
	assert_int_equal(info.initrd_start, 0x88200000);
	assert_int_equal(info.initrd_end, 0x88400000);
	fdtb_free(b);
}

static void parse_reads_initrd_from_u64_cells_above_4g(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "chosen");
	fdtb_prop_u64(b, "linux,initrd-start", 0x100000000ull);
	fdtb_prop_u64(b, "linux,initrd-end", 0x100800000ull);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.initrd_start, 0x100000000ull);
	assert_int_equal(info.initrd_end, 0x100800000ull);
	assert_string_equal(info.bootargs, "");
	fdtb_free(b);
}

static void parse_without_chosen_has_empty_bootargs_and_no_initrd(void **state)
{
	struct virt_shape s = virt_default;
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	s.chosen = false;
	build_virt(b, &s);
	parse_ok(b, &info);
	assert_string_equal(info.bootargs, "");
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
	assert_int_equal(info.mem_count, 1);
	fdtb_free(b);
}

static void parse_bare_chosen_gives_empty_bootargs_and_no_initrd(void **state)
{
	struct virt_shape s = virt_default;
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	s.bootargs = NULL;
	s.initrd_cells = 0;
	build_virt(b, &s);
	parse_ok(b, &info);
	assert_string_equal(info.bootargs, "");
	assert_int_equal(info.initrd_start, 0);
	assert_int_equal(info.initrd_end, 0);
	fdtb_free(b);
}

static void parse_decodes_one_cell_address_and_size(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_begin_node(b, "memory@80000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 4, 0x80000000, 0x4000000, 0x90000000, 0x1000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "reserved-memory");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_begin_node(b, "fw@80000000");
	fdtb_prop_cells(b, "reg", 2, 0x80000000, 0x80000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 2);
	assert_int_equal(info.mem[0].base, 0x80000000);
	assert_int_equal(info.mem[0].size, 0x4000000);
	assert_int_equal(info.mem[1].base, 0x90000000);
	assert_int_equal(info.mem[1].size, 0x1000);
	assert_int_equal(info.reserved_count, 1);
	assert_int_equal(info.reserved[0].base, 0x80000000);
	assert_int_equal(info.reserved[0].size, 0x80000);
	assert_int_equal(info.hart_count, 0);
	fdtb_free(b);
}

static void parse_root_cells_default_to_two_and_one(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_begin_node(b, "memory@100000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 3, 0x1, 0x0, 0x20000000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 1);
	assert_int_equal(info.mem[0].base, 0x100000000ull);
	assert_int_equal(info.mem[0].size, 0x20000000);
	fdtb_free(b);
}

static void parse_collects_memory_from_several_nodes_in_order(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "memory@100000000");
	/* reg before device_type: order of properties must not matter */
	fdtb_prop_cells(b, "reg", 8, 1, 0, 0, 0x10000000, 2, 0, 0, 0x20000000);
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_end_node(b);
	fdtb_begin_node(b, "memory@c0000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 4, 0, 0xc0000000, 0, 0x0);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 3); /* the empty range is dropped */
	assert_int_equal(info.mem[0].base, 0x80000000);
	assert_int_equal(info.mem[0].size, 0x1000000);
	assert_int_equal(info.mem[1].base, 0x100000000ull);
	assert_int_equal(info.mem[1].size, 0x10000000);
	assert_int_equal(info.mem[2].base, 0x200000000ull);
	assert_int_equal(info.mem[2].size, 0x20000000);
	fdtb_free(b);
}

static void parse_ignores_memory_lookalikes_and_disabled_memory(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "memory@90000000"); /* no device_type */
	fdtb_prop_cells(b, "reg", 4, 0, 0x90000000, 0, 0x1000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "memory@a0000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_str(b, "status", "disabled");
	fdtb_prop_cells(b, "reg", 4, 0, 0xa0000000, 0, 0x1000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "soc");
	fdtb_begin_node(b, "sram@b0000000"); /* memory, but not under / */
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 3, 0, 0xb0000000, 0x1000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_begin_node(b, "memory@c0000000"); /* "memoryx" is no match */
	fdtb_prop_str(b, "device_type", "memoryx");
	fdtb_prop_cells(b, "reg", 4, 0, 0xc0000000, 0, 0x1000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "memory@d0000000"); /* nor is "memory" unended */
	fdtb_prop(b, "device_type", "memoryx", 7);
	fdtb_prop_cells(b, "reg", 4, 0, 0xd0000000, 0, 0x1000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "memory@e0000000"); /* nor "memory\0memory" */
	fdtb_prop(b, "device_type", "memory\0memory", 14);
	fdtb_prop_cells(b, "reg", 4, 0, 0xe0000000, 0, 0x1000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 1);
	assert_int_equal(info.mem[0].base, 0x80000000);
	fdtb_free(b);
}

static void parse_reads_u64_timebase_and_falls_back_to_cpu_node(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_prop_u64(b, "timebase-frequency", 0x123456789ull);
	fdtb_begin_node(b, "cpu@0");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u32(b, "reg", 0);
	fdtb_prop_u32(b, "timebase-frequency", 1000); /* /cpus wins */
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.timebase_hz, 0x123456789ull);
	fdtb_free(b);

	b = fdtb_new();
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_begin_node(b, "cpu@0");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u32(b, "reg", 0);
	fdtb_prop_u32(b, "timebase-frequency", 1000000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.timebase_hz, 1000000);
	assert_int_equal(info.hart_count, 1);
	assert_false(info.has_sstc);
	fdtb_free(b);
}

static void parse_reads_two_cell_hart_ids(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_begin_node(b, "cpu@7");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u64(b, "reg", 7);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.hart_count, 1);
	assert_int_equal(info.hart_ids[0], 7);
	fdtb_free(b);
}

static void parse_skips_reserved_children_without_reg_or_disabled(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "reserved-memory");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 2);
	fdtb_begin_node(b, "pool");
	fdtb_prop_u64(b, "size", 0x100000);
	fdtb_end_node(b);
	fdtb_begin_node(b, "off@81000000");
	fdtb_prop_cells(b, "reg", 4, 0, 0x81000000, 0, 0x1000);
	fdtb_prop_str(b, "status", "disabled");
	fdtb_end_node(b);
	fdtb_begin_node(b, "on@82000000");
	fdtb_prop_cells(b, "reg", 4, 0, 0x82000000, 0, 0x2000);
	fdtb_prop_str(b, "status", "ok");
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.reserved_count, 1);
	assert_int_equal(info.reserved[0].base, 0x82000000);
	assert_int_equal(info.reserved[0].size, 0x2000);
	fdtb_free(b);
}

static void parse_reads_memreserve_entries_at_address_zero(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	/* only (0, 0) ends the block: (0, size) is a real entry */
	fdtb_memreserve(b, 0, 0x1000);
	fdtb_memreserve(b, 0x80000000, 0x2000);
	build_minimal_open(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.reserved_count, 2);
	assert_int_equal(info.reserved[0].base, 0);
	assert_int_equal(info.reserved[0].size, 0x1000);
	assert_int_equal(info.reserved[1].base, 0x80000000);
	assert_int_equal(info.reserved[1].size, 0x2000);
	fdtb_free(b);
}

static void parse_skips_nop_tokens_anywhere(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	fdtb_word(b, FDTB_NOP);
	fdtb_begin_node(b, "");
	fdtb_word(b, FDTB_NOP);
	fdtb_begin_node(b, "memory@80000000");
	fdtb_word(b, FDTB_NOP);
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_word(b, FDTB_NOP);
	fdtb_prop_cells(b, "reg", 3, 0, 0x80000000, 0x1000);
	fdtb_end_node(b);
	fdtb_word(b, FDTB_NOP);
	fdtb_end_node(b);
	fdtb_word(b, FDTB_NOP);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 1);
	assert_int_equal(info.mem[0].size, 0x1000);
	fdtb_free(b);
}

static void parse_accepts_version_16_without_struct_size(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;

	(void)state;
	fdtb_put32(b->blob + FDTB_HDR_VERSION, 16);
	fdtb_put32(b->blob + FDTB_HDR_SIZE_STRUCT, 0xdeadbeef);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 1);
	assert_int_equal(info.hart_count, 1);
	fdtb_free(b);
}

static void parse_accepts_tables_filled_exactly(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;
	char bootargs[FDT_BOOTARGS_MAX];

	(void)state;
	memset(bootargs, 'x', sizeof(bootargs) - 1);
	bootargs[sizeof(bootargs) - 1] = 0;
	for (int i = 0; i < 10; i++)
		fdtb_memreserve(b, 0x90000000ull + 0x1000ull * i, 0x1000);
	fdtb_begin_node(b, "");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	for (int i = 0; i < FDT_MAX_MEM_RANGES; i++) {
		fdtb_begin_node(b, "memory");
		fdtb_prop_str(b, "device_type", "memory");
		fdtb_prop_cells(
			b, "reg", 2, 0x80000000 + 0x100000 * i, 0x100000);
		fdtb_end_node(b);
	}
	fdtb_begin_node(b, "reserved-memory");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_begin_node(b, "r");
	fdtb_prop_cells(b, "reg", 12, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	for (uint32_t i = 0; i < FDT_MAX_HARTS; i++)
		build_cpu(b, 100 + i, NULL, NULL);
	fdtb_end_node(b);
	fdtb_begin_node(b, "chosen");
	fdtb_prop_str(b, "bootargs", bootargs);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, FDT_MAX_MEM_RANGES);
	assert_int_equal(info.mem[7].base, 0x80700000);
	assert_int_equal(info.reserved_count, FDT_MAX_RESERVED);
	assert_int_equal(info.reserved[15].base, 6);
	assert_int_equal(info.hart_count, FDT_MAX_HARTS);
	assert_int_equal(info.hart_ids[31], 131);
	assert_string_equal(info.bootargs, bootargs);
	fdtb_free(b);
}

static void parse_accepts_nesting_at_the_depth_limit(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;

	(void)state;
	for (int i = 0; i < FDT_MAX_DEPTH; i++)
		fdtb_begin_node(b, i == 0 ? "" : "n");
	for (int i = 0; i < FDT_MAX_DEPTH; i++)
		fdtb_end_node(b);
	fdtb_finish(b);
	parse_ok(b, &info);
	assert_int_equal(info.mem_count, 0);
	fdtb_free(b);
}

static void parse_accepts_null_why(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;

	(void)state;
	assert_int_equal(fdt_parse(b->blob, b->size, &info, NULL), 0);
	b->blob[0] ^= 1;
	assert_int_equal(fdt_parse(b->blob, b->size, &info, NULL), -FDT_EINVAL);
	fdtb_free(b);
}

/* ---- malformed headers ---------------------------------------------- */

static void parse_rejects_bad_magic(void **state)
{
	struct fdt_builder *b = virt_new();

	(void)state;
	fdtb_put32(b->blob + FDTB_HDR_MAGIC, 0xedfe0dd0);
	parse_fails(b, FDT_EINVAL, "bad magic");
	fdtb_free(b);
}

static void parse_rejects_unsupported_versions(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;

	(void)state;
	fdtb_put32(b->blob + FDTB_HDR_VERSION, 15);
	parse_fails(b, FDT_EINVAL, "unsupported version");
	fdtb_put32(b->blob + FDTB_HDR_VERSION, 17);
	fdtb_put32(b->blob + FDTB_HDR_LAST_COMP, 18);
	parse_fails(b, FDT_EINVAL, "unsupported version");
	fdtb_put32(b->blob + FDTB_HDR_VERSION, 20);
	fdtb_put32(b->blob + FDTB_HDR_LAST_COMP, 17);
	parse_ok(b, &info); /* newer, but readable as version 17 */
	fdtb_free(b);
}

static void parse_rejects_totalsize_beyond_limit(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;
	const char *why;

	(void)state;
	assert_int_equal(
		parse_exact(b->blob, b->size, b->size - 1, &info, &why),
		-FDT_EINVAL);
	assert_string_equal(why, "totalsize beyond limit");
	assert_int_equal(
		parse_exact(b->blob, b->size, 39, &info, &why), -FDT_EINVAL);
	assert_string_equal(why, "blob smaller than a header");
	fdtb_put32(b->blob + FDTB_HDR_TOTALSIZE, 36);
	parse_fails(b, FDT_EINVAL, "totalsize below header size");
	fdtb_free(b);
}

static void parse_rejects_block_offsets_out_of_range(void **state)
{
	static const struct {
		int field;
		uint32_t delta; /* added to the header field, wrapping */
		const char *why;
	} cases[] = {
		{FDTB_HDR_OFF_STRUCT, 0x100000, "struct block out of bounds"},
		{FDTB_HDR_OFF_STRUCT, 4, "struct and strings overlap"},
		{FDTB_HDR_OFF_STRUCT, 2, "struct block out of bounds"},
		{FDTB_HDR_SIZE_STRUCT, 0x100000, "struct block out of bounds"},
		{FDTB_HDR_OFF_STRINGS, 0x100000, "strings block out of bounds"},
		{FDTB_HDR_OFF_STRINGS, 1, "strings block out of bounds"},
		{FDTB_HDR_SIZE_STRINGS, 1, "strings block out of bounds"},
		{FDTB_HDR_OFF_STRINGS, -8u, "struct and strings overlap"},
		{FDTB_HDR_OFF_RESERVE, 0x100000, "bad memreserve block offset"},
		{FDTB_HDR_OFF_RESERVE, 4, "bad memreserve block offset"},
		{FDTB_HDR_OFF_RESERVE, -8u, "bad memreserve block offset"},
		{FDTB_HDR_OFF_RESERVE, 32, "bad memreserve block offset"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fdt_builder *b = virt_new();
		uint8_t *field = b->blob + cases[i].field;

		struct fdt_info info;
		const char *why;

		fdtb_put32(field, fdtb_get32(field) + cases[i].delta);
		assert_int_equal(
			parse_exact(b->blob, b->size, b->size, &info, &why),
			-FDT_EINVAL);
		if (strcmp(why, cases[i].why) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, why,
				cases[i].why);
		fdtb_free(b);
	}
}

static void parse_rejects_blocks_whose_end_overflows_32_bits(void **state)
{
	struct fdt_builder *b = virt_new();

	(void)state;
	fdtb_put32(b->blob + FDTB_HDR_SIZE_STRUCT, 0xfffffff0);
	parse_fails(b, FDT_EINVAL, "struct block out of bounds");
	fdtb_free(b);

	b = virt_new();
	fdtb_put32(b->blob + FDTB_HDR_OFF_STRUCT, 0xfffffffc);
	parse_fails(b, FDT_EINVAL, "struct block out of bounds");
	fdtb_free(b);

	b = virt_new();
	fdtb_put32(b->blob + FDTB_HDR_SIZE_STRINGS, 0xffffffff);
	parse_fails(b, FDT_EINVAL, "strings block out of bounds");
	fdtb_free(b);
}

static void parse_rejects_struct_block_inside_header(void **state)
{
	struct fdt_builder *b = virt_new();

	(void)state;
	fdtb_put32(b->blob + FDTB_HDR_OFF_STRUCT, 36);
	parse_fails(b, FDT_EINVAL, "struct block out of bounds");
	fdtb_free(b);
}

/* ---- truncation and corruption -------------------------------------- */

static void parse_fails_cleanly_when_truncated_at_every_length(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;
	const char *why;
	uint8_t *cut = malloc(b->size);

	(void)state;
	assert_non_null(cut);
	for (size_t len = 0; len < b->size; len++) {
		/* as handed over: the header still claims the full size */
		assert_int_equal(parse_exact(b->blob, len, len, &info, &why),
			-FDT_EINVAL);
		assert_string_equal(why, len < 40 ? "blob smaller than a header"
						  : "totalsize beyond limit");

		/* the header agrees with the cut: the blocks stick out */
		memcpy(cut, b->blob, b->size);
		if (len >= 8)
			fdtb_put32(cut + FDTB_HDR_TOTALSIZE, (uint32_t)len);
		assert_int_equal(
			parse_exact(cut, len, len, &info, &why), -FDT_EINVAL);
	}
	free(cut);
	assert_int_equal(
		parse_exact(b->blob, b->size, b->size, &info, &why), 0);
	fdtb_free(b);
}

static void parse_fails_when_struct_block_cut_at_every_length(void **state)
{
	struct fdt_builder *b = fdtb_new();
	struct fdt_info info;
	const char *why;
	uint8_t *cut;

	(void)state;
	b->strings_first = true; /* so the structure block ends the blob */
	build_virt(b, &virt_default);
	cut = malloc(b->size);
	assert_non_null(cut);
	assert_int_equal(b->struct_off + b->struct_len, b->size);
	for (uint32_t len = 0; len < b->struct_len; len++) {
		memcpy(cut, b->blob, b->size);
		fdtb_put32(cut + FDTB_HDR_TOTALSIZE, b->struct_off + len);
		fdtb_put32(cut + FDTB_HDR_SIZE_STRUCT, len);
		assert_int_equal(parse_exact(cut, b->struct_off + len,
					 b->struct_off + len, &info, &why),
			-FDT_EINVAL);
		assert_non_null(why);
	}
	free(cut);
	parse_ok(b, &info);
	fdtb_free(b);
}

static void parse_fails_when_strings_block_cut_at_every_length(void **state)
{
	struct fdt_builder *b = virt_new();
	struct fdt_info info;
	const char *why;
	uint8_t *cut = malloc(b->size);

	(void)state;
	assert_non_null(cut);
	assert_int_equal(b->strings_off + b->strings_len, b->size);
	for (uint32_t len = 0; len < b->strings_len; len++) {
		memcpy(cut, b->blob, b->size);
		fdtb_put32(cut + FDTB_HDR_TOTALSIZE, b->strings_off + len);
		fdtb_put32(cut + FDTB_HDR_SIZE_STRINGS, len);
		assert_int_equal(parse_exact(cut, b->strings_off + len,
					 b->strings_off + len, &info, &why),
			-FDT_EINVAL);
		if (strcmp(why, "bad property name offset") != 0 &&
			strcmp(why, "unterminated property name") != 0)
			fail_msg("cut at %u: %s", len, why);
	}
	free(cut);
	fdtb_free(b);
}

/* xorshift64: a fixed, seedable sequence, the same on every host. */
static uint64_t random_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A successful parse of a corrupt blob must still fill sane tables. */
static void check_info_sane(const struct fdt_info *info, size_t size)
{
	assert_in_range(info->mem_count, 0, FDT_MAX_MEM_RANGES);
	assert_in_range(info->reserved_count, 0, FDT_MAX_RESERVED);
	assert_in_range(info->hart_count, 0, FDT_MAX_HARTS);
	assert_true(memchr(info->bootargs, 0, FDT_BOOTARGS_MAX) != NULL);
	assert_true(info->initrd_start <= info->initrd_end);
	assert_true(info->total_size <= size);
	for (int i = 0; i < info->mem_count; i++)
		assert_true(info->mem[i].size != 0 &&
			    info->mem[i].base + info->mem[i].size >
				    info->mem[i].base);
}

/* Corrupt `flips` bytes at random in [from, size) for `rounds` seeds;
 * every parse must end with 0 or an error. Returns how many succeeded. */
static int corrupt_and_parse(
	const struct fdt_builder *b, size_t from, int rounds, uint8_t *counts)
{
	uint8_t *copy = malloc(b->size);
	int ok = 0;

	assert_non_null(copy);
	for (int seed = 1; seed <= rounds; seed++) {
		uint64_t rng = 0x9e3779b97f4a7c15ull * (uint64_t)seed;
		struct fdt_info info;
		const char *why;
		int err, flips = 1 + (int)(random_next(&rng) % 8);

		memcpy(copy, b->blob, b->size);
		for (int i = 0; i < flips; i++) {
			size_t at = from + random_next(&rng) % (b->size - from);
			copy[at] = (uint8_t)random_next(&rng);
		}
		err = parse_exact(copy, b->size, b->size, &info, &why);
		if (err == 0) {
			check_info_sane(&info, b->size);
			ok++;
		} else {
			assert_true(err == -FDT_EINVAL || err == -FDT_ENOSPC ||
				    err == -FDT_E2BIG);
			assert_non_null(why);
			counts[-err]++;
		}
	}
	free(copy);
	return ok;
}

static void parse_survives_random_corruption_over_many_seeds(void **state)
{
	struct fdt_builder *b = virt_new();
	uint8_t counts[64] = {0};
	int ok;

	(void)state;
	alarm(60);
	/* Anywhere, header included... */
	ok = corrupt_and_parse(b, 0, 20000, counts);
	assert_in_range(ok, 1, 19999);
	/* ...and past the header, where the walk itself is stressed. */
	ok = corrupt_and_parse(b, b->struct_off, 20000, counts);
	assert_in_range(ok, 1, 19999);
	alarm(0);
	fdtb_free(b);
}

static void parse_survives_random_header_fields(void **state)
{
	static const int fields[] = {
		FDTB_HDR_TOTALSIZE,
		FDTB_HDR_OFF_STRUCT,
		FDTB_HDR_OFF_STRINGS,
		FDTB_HDR_OFF_RESERVE,
		FDTB_HDR_SIZE_STRINGS,
		FDTB_HDR_SIZE_STRUCT,
		FDTB_HDR_VERSION,
	};
	struct fdt_builder *b = virt_new();
	uint8_t *copy = malloc(b->size);
	uint64_t rng = 42;
	int failed = 0;

	(void)state;
	assert_non_null(copy);
	alarm(60);
	for (int round = 0; round < 20000; round++) {
		struct fdt_info info;
		const char *why;
		int field = fields[random_next(&rng) % 7];
		uint32_t value = (uint32_t)random_next(&rng);

		/* Small values land inside the blob, where bugs hide. */
		if (random_next(&rng) & 1)
			value %= (uint32_t)b->size + 64;
		memcpy(copy, b->blob, b->size);
		fdtb_put32(copy + field, value);
		if (parse_exact(copy, b->size, b->size, &info, &why) != 0)
			failed++;
	}
	alarm(0);
	assert_true(failed > 10000);
	free(copy);
	fdtb_free(b);
}

/* ---- malformed structure -------------------------------------------- */

static void parse_rejects_extra_end_node(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "unbalanced END_NODE");
	fdtb_free(b);
}

static void parse_rejects_end_while_nodes_open(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "open");
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "END inside a node");
	fdtb_free(b);
}

static void parse_rejects_nesting_past_the_depth_limit(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	for (int i = 0; i <= FDT_MAX_DEPTH; i++)
		fdtb_begin_node(b, i == 0 ? "" : "n");
	for (int i = 0; i <= FDT_MAX_DEPTH; i++)
		fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "nodes nested too deep");
	fdtb_free(b);
}

static void parse_rejects_thousands_of_open_nodes(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	for (int i = 0; i < 5000; i++)
		fdtb_begin_node(b, "");
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "nodes nested too deep");
	fdtb_free(b);
}

static void parse_rejects_unterminated_node_name(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_word(b, FDTB_BEGIN_NODE);
	fdtb_bytes(b, "abcd", 4); /* no NUL, and the block ends here */
	fdtb_finish(b);
	/* drop the END token from the block so the name runs to its end */
	fdtb_put32(b->blob + FDTB_HDR_SIZE_STRUCT, (uint32_t)b->struct_len - 4);
	parse_fails(b, FDT_EINVAL, "unterminated node name");
	fdtb_free(b);
}

static void parse_rejects_unterminated_property_name(void **state)
{
	struct fdt_builder *b = virt_new();
	uint8_t *size = b->blob + FDTB_HDR_SIZE_STRINGS;

	(void)state;
	/* The strings block ends with a used name; cut its NUL off. */
	fdtb_put32(size, fdtb_get32(size) - 1);
	parse_fails(b, FDT_EINVAL, "unterminated property name");
	fdtb_free(b);
}

static void parse_rejects_property_name_offset_out_of_bounds(void **state)
{
	/* small: past the end of the strings block; big: absolute */
	static const uint32_t offsets[] = {0, 1, 0x7fffffff, 0xffffffff};

	(void)state;
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		struct fdt_builder *b = fdtb_new();

		fdtb_begin_node(b, "");
		fdtb_prop_u32(b, "#size-cells", 1);
		fdtb_word(b, FDTB_PROP);
		fdtb_word(b, 0);
		fdtb_word(b, offsets[i] > 1 ? offsets[i]
					    : fdtb_string_offset(b, "end") + 4 +
						      offsets[i]);
		fdtb_end_node(b);
		fdtb_finish(b);
		parse_fails(b, FDT_EINVAL, "bad property name offset");
		fdtb_free(b);
	}
}

static void parse_rejects_property_value_past_struct_block(void **state)
{
	static const uint32_t lengths[] = {13, 0x10000, 0xfffffffc, 0xffffffff};
	struct fdt_builder *b;

	(void)state;
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		b = fdtb_new();
		fdtb_begin_node(b, "");
		fdtb_word(b, FDTB_PROP);
		fdtb_word(b, lengths[i]);
		fdtb_word(b, fdtb_string_offset(b, "x"));
		fdtb_word(b, 0);
		fdtb_end_node(b);
		fdtb_finish(b);
		parse_fails(b, FDT_EINVAL, "property value out of bounds");
		fdtb_free(b);
	}

	/* A one-byte value that fits, but its padding would not. */
	b = fdtb_new();
	fdtb_begin_node(b, "");
	fdtb_prop(b, "x", "v", 1);
	fdtb_end_node(b);
	fdtb_finish(b);
	fdtb_put32(b->blob + FDTB_HDR_SIZE_STRUCT, 8 + 12 + 1);
	parse_fails(b, FDT_EINVAL, "property padding out of bounds");
	fdtb_free(b);
}

static void parse_rejects_truncated_property_header(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_word(b, FDTB_PROP);
	fdtb_word(b, 0);
	fdtb_finish(b);
	/* block ends right after the length word */
	fdtb_put32(b->blob + FDTB_HDR_SIZE_STRUCT, 16);
	parse_fails(b, FDT_EINVAL, "truncated property header");
	fdtb_free(b);
}

static void parse_rejects_missing_end_token(void **state)
{
	struct fdt_builder *b = virt_new();
	uint32_t last = b->struct_off + (uint32_t)b->struct_len - 4;

	(void)state;
	assert_int_equal(fdtb_get32(b->blob + last), FDTB_END);
	fdtb_put32(b->blob + last, FDTB_NOP);
	parse_fails(b, FDT_EINVAL, "missing END token");
	fdtb_free(b);
}

static void parse_rejects_unknown_token(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_word(b, 5);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "unknown token");
	fdtb_free(b);
}

static void parse_rejects_tree_without_root(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_word(b, FDTB_NOP);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "no root node");
	fdtb_free(b);
}

static void parse_rejects_second_root(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_end_node(b);
	fdtb_begin_node(b, "");
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "more than one root");
	fdtb_free(b);
}

static void parse_rejects_property_outside_root(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_begin_node(b, "");
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "property outside any node");
	fdtb_free(b);
}

static void parse_rejects_property_after_subnode(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_prop_u32(b, "#size-cells", 1);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "property after a subnode");
	fdtb_free(b);
}

static void parse_rejects_unterminated_memreserve_block(void **state)
{
	struct fdt_builder *b = virt_new();
	uint8_t *terminator = b->blob + b->reserve_off + 16;

	(void)state;
	/* turn the (0, 0) terminator into one more entry */
	fdtb_put32(terminator + 4, 0x90000000);
	fdtb_put32(terminator + 12, 0x1000);
	parse_fails(b, FDT_EINVAL, "unterminated memreserve block");
	fdtb_free(b);
}

/* ---- values the parser decodes -------------------------------------- */

/* A root with 2/2 cells holding one memory node with `cells` reg cells. */
static void build_memory_reg(struct fdt_builder *b, uint32_t root_acells,
	uint32_t root_scells, const uint32_t *reg, int cells)
{
	uint8_t raw[64];

	for (int i = 0; i < cells; i++)
		fdtb_put32(raw + 4 * i, reg[i]);
	fdtb_begin_node(b, "");
	fdtb_prop_u32(b, "#address-cells", root_acells);
	fdtb_prop_u32(b, "#size-cells", root_scells);
	fdtb_begin_node(b, "memory@0");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop(b, "reg", raw, (size_t)cells * 4);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
}

static void parse_rejects_reg_length_not_a_multiple_of_entry(void **state)
{
	static const uint32_t reg[] = {0, 0x80000000, 0, 0x1000, 1, 2};

	(void)state;
	for (int cells = 1; cells <= 6; cells++) {
		struct fdt_builder *b = fdtb_new();
		struct fdt_info info;

		build_memory_reg(b, 2, 2, reg, cells);
		if (cells == 4)
			parse_ok(b, &info);
		else
			parse_fails(b, FDT_EINVAL,
				"reg length not a multiple of its entry size");
		fdtb_free(b);
	}
}

static void parse_rejects_unsupported_cell_counts(void **state)
{
	static const uint32_t reg[] = {0, 0, 0x80000000, 0, 0x1000, 0};
	static const uint32_t counts[][2] = {{3, 2}, {0, 1}, {2, 0}, {1, 3}};

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct fdt_builder *b = fdtb_new();

		build_memory_reg(b, counts[i][0], counts[i][1], reg,
			(int)(counts[i][0] + counts[i][1]));
		parse_fails(b, FDT_EINVAL,
			"unsupported #address-cells or #size-cells");
		fdtb_free(b);
	}
}

static void parse_rejects_cells_property_of_wrong_size(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_prop_u64(b, "#address-cells", 2);
	fdtb_begin_node(b, "memory@0");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 3, 0, 0x80000000, 0x1000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "unsupported #address-cells or #size-cells");
	fdtb_free(b);
}

static void parse_rejects_range_wrapping_the_address_space(void **state)
{
	static const uint32_t reg[] = {0xffffffff, 0xfffff000, 0, 0x1001};
	static const uint32_t top[] = {0xffffffff, 0xfffff000, 0, 0x1000};
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_memory_reg(b, 2, 2, reg, 4);
	parse_fails(b, FDT_EINVAL, "range wraps around");
	fdtb_free(b);

	/* ending exactly at 2^64 would need a 65-bit end: also refused */
	b = fdtb_new();
	build_memory_reg(b, 2, 2, top, 4);
	parse_fails(b, FDT_EINVAL, "range wraps around");
	fdtb_free(b);

	b = virt_new();
	fdtb_put32(b->blob + b->reserve_off, 0xffffffff);
	fdtb_put32(b->blob + b->reserve_off + 8, 0xffffffff);
	parse_fails(b, FDT_EINVAL, "range wraps around");
	fdtb_free(b);
}

static void parse_rejects_more_memory_ranges_than_the_table(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 1);
	for (int i = 0; i < FDT_MAX_MEM_RANGES / 2; i++) {
		fdtb_begin_node(b, "memory");
		fdtb_prop_str(b, "device_type", "memory");
		fdtb_prop_cells(b, "reg", 4, 0x10000000 * i, 0x1000,
			0x10000000 * i + 0x8000000, 0x1000);
		fdtb_end_node(b);
	}
	fdtb_begin_node(b, "memory@f0000000");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_prop_cells(b, "reg", 2, 0xf0000000, 0x1000);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_ENOSPC, "too many memory ranges");
	fdtb_free(b);
}

static void parse_rejects_more_reserved_ranges_than_the_table(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	for (int i = 0; i < FDT_MAX_RESERVED - 1; i++)
		fdtb_memreserve(b, 0x90000000ull + 0x1000ull * i, 0x1000);
	fdtb_begin_node(b, "");
	build_reserved_memory(b); /* two more ranges: one too many */
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_ENOSPC, "too many reserved ranges");
	fdtb_free(b);
}

static void parse_rejects_more_harts_than_the_table(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	for (uint32_t i = 0; i <= FDT_MAX_HARTS; i++)
		build_cpu(b, i, ISA_SSTC, "okay");
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_ENOSPC, "too many harts");
	fdtb_free(b);
}

static void parse_rejects_bad_cpu_reg(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_begin_node(b, "cpu@0");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u64(b, "reg", 0);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "bad cpu reg");
	fdtb_free(b);

	b = fdtb_new();
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 1);
	fdtb_begin_node(b, "cpu@0");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "cpu node without reg");
	fdtb_free(b);

	b = fdtb_new();
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop_u32(b, "#address-cells", 2);
	fdtb_prop_u32(b, "#size-cells", 0);
	fdtb_begin_node(b, "cpu@100000000");
	fdtb_prop_str(b, "device_type", "cpu");
	fdtb_prop_u64(b, "reg", 0x100000000ull);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "hart id over 32 bits");
	fdtb_free(b);
}

static void parse_rejects_memory_node_without_reg(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	fdtb_begin_node(b, "");
	fdtb_begin_node(b, "memory@0");
	fdtb_prop_str(b, "device_type", "memory");
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "memory without reg");
	fdtb_free(b);
}

static void parse_rejects_bootargs_too_long(void **state)
{
	struct virt_shape s = virt_default;
	struct fdt_builder *b = fdtb_new();
	char bootargs[FDT_BOOTARGS_MAX + 1];

	(void)state;
	memset(bootargs, 'y', FDT_BOOTARGS_MAX);
	bootargs[FDT_BOOTARGS_MAX] = 0;
	s.bootargs = bootargs;
	build_virt(b, &s);
	parse_fails(b, FDT_E2BIG, "bootargs too long");
	fdtb_free(b);
}

static void parse_rejects_unterminated_bootargs(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "chosen");
	fdtb_prop(b, "bootargs", "quiet", 5);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "unterminated bootargs");
	fdtb_free(b);
}

/* A tree whose /chosen holds the given initrd properties (NULL: none). */
static void build_initrd(struct fdt_builder *b, const void *start,
	size_t start_len, const void *end, size_t end_len)
{
	build_minimal_open(b);
	fdtb_begin_node(b, "chosen");
	if (start != NULL)
		fdtb_prop(b, "linux,initrd-start", start, start_len);
	if (end != NULL)
		fdtb_prop(b, "linux,initrd-end", end, end_len);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
}

static void parse_rejects_inconsistent_initrd(void **state)
{
	static const uint8_t low[4] = {0x88, 0, 0, 0};
	static const uint8_t high[4] = {0x89, 0, 0, 0};
	static const uint8_t odd[12] = {0};
	struct fdt_builder *b;

	(void)state;
	b = fdtb_new();
	build_initrd(b, high, 4, low, 4);
	parse_fails(b, FDT_EINVAL, "initrd ends before it starts");
	fdtb_free(b);

	b = fdtb_new();
	build_initrd(b, low, 4, NULL, 0);
	parse_fails(b, FDT_EINVAL, "initrd start or end missing");
	fdtb_free(b);

	b = fdtb_new();
	build_initrd(b, NULL, 0, high, 4);
	parse_fails(b, FDT_EINVAL, "initrd start or end missing");
	fdtb_free(b);

	b = fdtb_new();
	build_initrd(b, odd, 12, high, 4);
	parse_fails(b, FDT_EINVAL, "bad linux,initrd-start");
	fdtb_free(b);

	b = fdtb_new();
	build_initrd(b, low, 4, odd, 2);
	parse_fails(b, FDT_EINVAL, "bad linux,initrd-end");
	fdtb_free(b);
}

static void parse_rejects_timebase_of_wrong_size(void **state)
{
	struct fdt_builder *b = fdtb_new();

	(void)state;
	build_minimal_open(b);
	fdtb_begin_node(b, "cpus");
	fdtb_prop(b, "timebase-frequency", "\0\0\1", 3);
	fdtb_end_node(b);
	fdtb_end_node(b);
	fdtb_finish(b);
	parse_fails(b, FDT_EINVAL, "bad timebase-frequency");
	fdtb_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_qemu_virt_tree_reports_every_field),
		cmocka_unit_test(
			parse_counts_one_to_four_cpus_skipping_disabled),
		cmocka_unit_test(parse_sstc_false_when_isa_lacks_it),
		cmocka_unit_test(parse_sstc_needs_a_whole_token_after_the_base),
		cmocka_unit_test(parse_sstc_follows_first_enabled_cpu),
		cmocka_unit_test(parse_reads_initrd_from_u32_cells),
		cmocka_unit_test(parse_reads_initrd_from_u64_cells_above_4g),
		cmocka_unit_test(
			parse_without_chosen_has_empty_bootargs_and_no_initrd),
		cmocka_unit_test(
			parse_bare_chosen_gives_empty_bootargs_and_no_initrd),
		cmocka_unit_test(parse_decodes_one_cell_address_and_size),
		cmocka_unit_test(parse_root_cells_default_to_two_and_one),
		cmocka_unit_test(
			parse_collects_memory_from_several_nodes_in_order),
		cmocka_unit_test(
			parse_ignores_memory_lookalikes_and_disabled_memory),
		cmocka_unit_test(
			parse_reads_u64_timebase_and_falls_back_to_cpu_node),
		cmocka_unit_test(parse_reads_two_cell_hart_ids),
		cmocka_unit_test(
			parse_skips_reserved_children_without_reg_or_disabled),
		cmocka_unit_test(
			parse_reads_memreserve_entries_at_address_zero),
		cmocka_unit_test(parse_skips_nop_tokens_anywhere),
		cmocka_unit_test(parse_accepts_version_16_without_struct_size),
		cmocka_unit_test(parse_accepts_tables_filled_exactly),
		cmocka_unit_test(parse_accepts_nesting_at_the_depth_limit),
		cmocka_unit_test(parse_accepts_null_why),
		cmocka_unit_test(parse_rejects_bad_magic),
		cmocka_unit_test(parse_rejects_unsupported_versions),
		cmocka_unit_test(parse_rejects_totalsize_beyond_limit),
		cmocka_unit_test(parse_rejects_block_offsets_out_of_range),
		cmocka_unit_test(
			parse_rejects_blocks_whose_end_overflows_32_bits),
		cmocka_unit_test(parse_rejects_struct_block_inside_header),
		cmocka_unit_test(
			parse_fails_cleanly_when_truncated_at_every_length),
		cmocka_unit_test(
			parse_fails_when_struct_block_cut_at_every_length),
		cmocka_unit_test(
			parse_fails_when_strings_block_cut_at_every_length),
		cmocka_unit_test(
			parse_survives_random_corruption_over_many_seeds),
		cmocka_unit_test(parse_survives_random_header_fields),
		cmocka_unit_test(parse_rejects_extra_end_node),
		cmocka_unit_test(parse_rejects_end_while_nodes_open),
		cmocka_unit_test(parse_rejects_nesting_past_the_depth_limit),
		cmocka_unit_test(parse_rejects_thousands_of_open_nodes),
		cmocka_unit_test(parse_rejects_unterminated_node_name),
		cmocka_unit_test(parse_rejects_unterminated_property_name),
		cmocka_unit_test(
			parse_rejects_property_name_offset_out_of_bounds),
		cmocka_unit_test(
			parse_rejects_property_value_past_struct_block),
		cmocka_unit_test(parse_rejects_truncated_property_header),
		cmocka_unit_test(parse_rejects_missing_end_token),
		cmocka_unit_test(parse_rejects_unknown_token),
		cmocka_unit_test(parse_rejects_tree_without_root),
		cmocka_unit_test(parse_rejects_second_root),
		cmocka_unit_test(parse_rejects_property_outside_root),
		cmocka_unit_test(parse_rejects_property_after_subnode),
		cmocka_unit_test(parse_rejects_unterminated_memreserve_block),
		cmocka_unit_test(
			parse_rejects_reg_length_not_a_multiple_of_entry),
		cmocka_unit_test(parse_rejects_unsupported_cell_counts),
		cmocka_unit_test(parse_rejects_cells_property_of_wrong_size),
		cmocka_unit_test(
			parse_rejects_range_wrapping_the_address_space),
		cmocka_unit_test(
			parse_rejects_more_memory_ranges_than_the_table),
		cmocka_unit_test(
			parse_rejects_more_reserved_ranges_than_the_table),
		cmocka_unit_test(parse_rejects_more_harts_than_the_table),
		cmocka_unit_test(parse_rejects_bad_cpu_reg),
		cmocka_unit_test(parse_rejects_memory_node_without_reg),
		cmocka_unit_test(parse_rejects_bootargs_too_long),
		cmocka_unit_test(parse_rejects_unterminated_bootargs),
		cmocka_unit_test(parse_rejects_inconsistent_initrd),
		cmocka_unit_test(parse_rejects_timebase_of_wrong_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
