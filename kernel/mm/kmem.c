/* Kernel memory set-up (see kmem.h). */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/pagetable.h"
#include "console.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "panic.h"
#include "platform.h"

#define KMEM_MAX_RESERVED (FDT_MAX_RESERVED + 4 + FRAME_MAX_REGIONS)

extern char _kernel_start[], _text_end[], _rodata_end[], _kernel_end[];

static struct frame_pool pool;
static paddr_t kernel_root;
static uint64_t ram_bytes;

static struct mem_range mem[FDT_MAX_MEM_RANGES];
static int nmem;
static struct mem_range reserved[KMEM_MAX_RESERVED];
static int nreserved;

static void kmem_reserve(uint64_t base, uint64_t size)
{
	if (size == 0)
		return;
	if (nreserved == KMEM_MAX_RESERVED)
		panic("kmem_reserve: too many reserved ranges");
	reserved[nreserved].base = base;
	reserved[nreserved].size = size;
	nreserved++;
}

/* Gather RAM and everything in it that is not ours to allocate. */
static void kmem_collect(const struct fdt_info *info, paddr_t dtb_pa)
{
	int i;

	for (i = 0; i < info->mem_count; i++) {
		mem[nmem].base = info->mem[i].base;
		mem[nmem].size = info->mem[i].size;
		ram_bytes += info->mem[i].size;
		nmem++;
	}
	kmem_reserve(kva_to_pa(_kernel_start), _kernel_end - _kernel_start);
	kmem_reserve(dtb_pa, info->total_size);
	if (info->initrd_end > info->initrd_start)
		kmem_reserve(info->initrd_start,
			info->initrd_end - info->initrd_start);
	for (i = 0; i < info->reserved_count; i++)
		kmem_reserve(info->reserved[i].base, info->reserved[i].size);
}

/* Place each region's bitmap in free RAM, then fill the pool. */
static void kmem_build_pool(void)
{
	int i;

	for (i = 0; i < nmem; i++) {
		uint64_t bytes = frame_bitmap_bytes(mem[i].base, mem[i].size);
		paddr_t at = frame_find_gap(mem, nmem, reserved, nreserved,
			bytes);

		if (at == FRAME_NONE)
			panic("kmem_build_pool: no room for the frame bitmap");
		kmem_reserve(at, bytes);
		if (frame_pool_add(&pool, mem[i].base, mem[i].size,
			    pa_to_kva(at)) < 0)
			panic("kmem_build_pool: bad memory range %#lx+%#lx",
				mem[i].base, mem[i].size);
		frame_pool_release(&pool, mem[i].base, mem[i].size);
	}
	for (i = 0; i < nreserved; i++)
		frame_pool_reserve(&pool, reserved[i].base, reserved[i].size);
	if (pool.free == 0)
		panic("kmem_build_pool: no free memory");
}

static void kmem_map(paddr_t pa, uint64_t size, uint64_t flags)
{
	int err;

	err = pt_map(kernel_root, pa + KERNEL_PHYS_OFFSET, pa, size,
		flags | PTE_G | PTE_A | PTE_D, 2);
	if (err)
		panic("kmem_map: %#lx+%#lx: error %d", pa, size, err);
}

/*
 * The direct map of RAM is read-write and never executable, except the
 * kernel image, whose sections get their own permissions: no page is
 * both writable and executable.
 */
static void kmem_build_kernel_map(void)
{
	paddr_t k_start = kva_to_pa(_kernel_start), k_end = kva_to_pa(_kernel_end);
	paddr_t text_end = kva_to_pa(_text_end), ro_end = kva_to_pa(_rodata_end);
	const struct board_mmio *dev;
	size_t ndev, d;
	int i;

	kernel_root = pt_table_alloc();
	if (kernel_root == PT_NO_TABLE)
		panic("kmem_build_kernel_map: out of memory");
	for (i = 0; i < nmem; i++) {
		paddr_t lo = mem[i].base & ~(PAGE_SIZE - 1);
		paddr_t hi = (mem[i].base + mem[i].size) & ~(PAGE_SIZE - 1);

		if (k_start >= lo && k_end <= hi) {
			if (k_start > lo)
				kmem_map(lo, k_start - lo, PTE_R | PTE_W);
			kmem_map(k_start, text_end - k_start, PTE_R | PTE_X);
			kmem_map(text_end, ro_end - text_end, PTE_R);
			kmem_map(ro_end, k_end - ro_end, PTE_R | PTE_W);
			if (hi > k_end)
				kmem_map(k_end, hi - k_end, PTE_R | PTE_W);
		} else {
			kmem_map(lo, hi - lo, PTE_R | PTE_W);
		}
	}
	dev = board_mmio_regions(&ndev);
	for (d = 0; d < ndev; d++) {
		paddr_t lo = dev[d].base & ~(PAGE_SIZE - 1);
		paddr_t hi = (dev[d].base + dev[d].size + PAGE_SIZE - 1) &
			~(PAGE_SIZE - 1);

		kmem_map(lo, hi - lo, PTE_R | PTE_W);
	}

	csr_write(satp, SATP_MODE_SV39 | (kernel_root >> PAGE_SHIFT));
	sfence_vma_all();
}

void kmem_init(const struct fdt_info *info, paddr_t dtb_pa)
{
	kmem_collect(info, dtb_pa);
	if (nmem == 0)
		panic("kmem_init: the device tree reports no memory");
	kmem_build_pool();
	kmem_build_kernel_map();
}

paddr_t frame_alloc(void)
{
	paddr_t pa = frame_pool_alloc(&pool);

	if (pa != FRAME_NONE)
		memset(pa_to_kva(pa), 0, PAGE_SIZE);
	return pa;
}

paddr_t frame_alloc_contig(unsigned count)
{
	paddr_t pa = frame_pool_alloc_contig(&pool, count);

	if (pa != FRAME_NONE)
		memset(pa_to_kva(pa), 0, count * PAGE_SIZE);
	return pa;
}

void frame_free(paddr_t pa)
{
	if (frame_pool_free(&pool, pa) < 0)
		panic("frame_free: %#lx is not an allocated frame", pa);
}

void frame_free_range(paddr_t pa, unsigned count)
{
	unsigned i;

	for (i = 0; i < count; i++)
		frame_free(pa + i * PAGE_SIZE);
}

bool frame_is_free(paddr_t pa)
{
	return frame_pool_is_free(&pool, pa);
}

size_t frame_free_count(void)
{
	return pool.free;
}

size_t frame_total_count(void)
{
	return pool.total;
}

void kmem_print_map(void)
{
	int i;

	for (i = 0; i < nmem; i++)
		kprintf("  ram      %#010lx-%#010lx\n", mem[i].base,
			mem[i].base + mem[i].size);
	for (i = 0; i < nreserved; i++)
		kprintf("  reserved %#010lx-%#010lx\n", reserved[i].base,
			reserved[i].base + reserved[i].size);
}

void kmem_release(paddr_t base, uint64_t size)
{
	frame_pool_release(&pool, base, size);
}

uint64_t kmem_ram_bytes(void)
{
	return ram_bytes;
}

paddr_t kmem_kernel_root(void)
{
	return kernel_root;
}

paddr_t pt_table_alloc(void)
{
	paddr_t pa = frame_alloc();

	return pa == FRAME_NONE ? PT_NO_TABLE : pa;
}

void pt_table_free(paddr_t table)
{
	frame_free(table);
}

void *kalloc_page_get(void)
{
	paddr_t pa = frame_alloc();

	return pa == FRAME_NONE ? NULL : pa_to_kva(pa);
}

void kalloc_page_put(void *page)
{
	frame_free(kva_to_pa(page));
}
