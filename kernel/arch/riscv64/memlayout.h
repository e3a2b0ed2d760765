/*
 * Sv39 virtual memory layout, shared by C and assembly.
 *
 * User space owns the lower half, 0 .. 2^38 - 1. The kernel owns the upper
 * half: all of physical address space (RAM and the devices the platform
 * names) is mapped linearly at KERNEL_PHYS_OFFSET, and the kernel image is
 * linked at its own physical address plus that offset, so the image is part
 * of the direct map and there is exactly one kernel address for each frame.
 * Every address space shares the kernel's upper-half root entries.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

#define KERNEL_PHYS_OFFSET 0xffffffc000000000UL
#define USER_TOP 0x0000004000000000UL /* first address above user space */

/* Root page-table index of the first upper-half entry. */
#define KERNEL_ROOT_INDEX_FIRST 256
/* The boot map covers physical 0 .. 4 GiB with four 1 GiB pages. */
#define BOOT_MAP_GIGAPAGES 4

#define KERNEL_STACK_SIZE (16 * 1024)

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint64_t paddr_t;
typedef uint64_t vaddr_t;

#ifdef KERNEL_HOST_TEST
/* Host tests simulate physical memory inside an ordinary buffer. */
extern uintptr_t host_phys_delta;
#define PHYS_DELTA host_phys_delta
#else
#define PHYS_DELTA KERNEL_PHYS_OFFSET
#endif

/* Kernel address of a physical address (direct map). */
static inline void *pa_to_kva(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + PHYS_DELTA);
}

/* Physical address of a direct-map kernel address. */
static inline paddr_t kva_to_pa(const void *kva)
{
	return (paddr_t)((uintptr_t)kva - PHYS_DELTA);
}
#endif

#endif
