/*
 * Sv39 page tables: three levels of 512 entries; leaves at level 2 (1 GiB),
 * 1 (2 MiB) or 0 (4 KiB). Tables are reached through the direct map
 * (pa_to_kva), which host tests replace with simulated memory.
 */
#ifndef ARCH_PAGETABLE_H
#define ARCH_PAGETABLE_H

#include <stdint.h>

#include "arch/riscv64/memlayout.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_PERM_MASK (PTE_R | PTE_W | PTE_X | PTE_U | PTE_G | PTE_A | PTE_D)

#define PT_LEVELS 3
#define PT_ENTRIES 512
#define PT_NO_TABLE ((paddr_t)-1)

typedef uint64_t pte_t;

/* Bytes mapped by one leaf at `level`. */
static inline uint64_t pt_level_size(int level)
{
	return PAGE_SIZE << (9 * level);
}

static inline paddr_t pte_to_pa(pte_t pte)
{
	return (pte >> 10) << PAGE_SHIFT;
}

static inline pte_t pa_to_pte(paddr_t pa, uint64_t flags)
{
	return ((pa >> PAGE_SHIFT) << 10) | flags;
}

static inline int pte_is_leaf(pte_t pte)
{
	return (pte & PTE_V) && (pte & (PTE_R | PTE_W | PTE_X));
}

/* A zeroed page for a table, or PT_NO_TABLE; provided by the caller's world. */
paddr_t pt_table_alloc(void);
void pt_table_free(paddr_t table);

/*
 * Map [va, va + size) to [pa, pa + size) with `flags` (R/W/X/U/G/A/D; V is
 * added), using leaves no larger than level `max_level` where alignment
 * allows. Returns 0, -EINVAL (unaligned, non-canonical, W without R, no
 * permission), -EEXIST (something is mapped there; nothing is changed) or
 * -ENOMEM (what was mapped by this call is unmapped again).
 */
int pt_map(paddr_t root, vaddr_t va, paddr_t pa, uint64_t size,
	uint64_t flags, int max_level);

/* Unmap the leaves covering [va, va + size); they must be whole leaves. */
int pt_unmap(paddr_t root, vaddr_t va, uint64_t size);

/* The leaf entry mapping va and its level, or NULL if unmapped. */
pte_t *pt_lookup(paddr_t root, vaddr_t va, int *level);

/*
 * The permission bits (PTE_PERM_MASK) of the leaf mapping va, or 0 when
 * nothing maps it; the same answer as pt_lookup, in fewer instructions.
 */
uint64_t pt_leaf_flags(paddr_t root, vaddr_t va);

/* Translate va: 0 and *pa (and *flags if not NULL), or -EFAULT. */
int pt_translate(paddr_t root, vaddr_t va, paddr_t *pa, uint64_t *flags);

/* Whether va is a canonical Sv39 address (bits 63..38 all equal). */
static inline int pt_va_canonical(vaddr_t va)
{
	int64_t s = (int64_t)va;

	return (s >> 38) == 0 || (s >> 38) == -1;
}

#endif
