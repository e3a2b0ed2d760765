/* The kernel's physical memory: the frame pool and the kernel page table. */
#ifndef MM_KMEM_H
#define MM_KMEM_H

#include <stdbool.h>
#include <stddef.h>

#include "arch/riscv64/memlayout.h"
#include "fdt.h"
#include "mm/frame.h"

/*
 * Build the frame pool from the device tree's memory minus the kernel image,
 * the device tree, the initrd and the reserved ranges; then build the kernel
 * page table and switch to it. Panics on a memory map it cannot use.
 */
void kmem_init(const struct fdt_info *info, paddr_t dtb_pa);

/* A zeroed frame, or FRAME_NONE. */
paddr_t frame_alloc(void);

/* `count` (power of two <= 64) zeroed contiguous frames, or FRAME_NONE. */
paddr_t frame_alloc_contig(unsigned count);

/* Free a frame from frame_alloc; panics on a frame not in use. */
void frame_free(paddr_t pa);

/* Whether pa is a free frame of the pool. */
bool frame_is_free(paddr_t pa);

/* Free `count` frames starting at pa. */
void frame_free_range(paddr_t pa, unsigned count);

size_t frame_free_count(void);
size_t frame_total_count(void);

/* Give a boot-time reserved range (the initrd) back to the frame pool. */
void kmem_release(paddr_t base, uint64_t size);

/* Bytes of RAM the device tree reports. */
uint64_t kmem_ram_bytes(void);

/* Print RAM ranges and the reserved ranges taken out of the pool. */
void kmem_print_map(void);

/* Root of the kernel page table. */
paddr_t kmem_kernel_root(void);

#endif
