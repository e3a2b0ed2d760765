/* Sv39 page-table walking, mapping and unmapping (see pagetable.h). */
#include <stdbool.h>

#include "arch/riscv64/pagetable.h"
#include <stddef.h>

#include "kerrno.h"

static inline pte_t *pt_table(paddr_t table)
{
	return pa_to_kva(table);
}

static inline unsigned pt_index(vaddr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * level)) & (PT_ENTRIES - 1);
}

/*
 * The entry for va at `level`, creating intermediate tables when `create`.
 * NULL if a table is missing (or cannot be made), or a larger leaf is in
 * the way.
 */
static pte_t *pt_walk(paddr_t root, vaddr_t va, int level, bool create)
{
	paddr_t table = root;
	int l;

	for (l = PT_LEVELS - 1; l > level; l--) {
		pte_t *pte = &pt_table(table)[pt_index(va, l)];

		if (*pte & PTE_V) {
			if (pte_is_leaf(*pte))
				return NULL;
			table = pte_to_pa(*pte);
			continue;
		}
		if (!create)
			return NULL;
		table = pt_table_alloc();
		if (table == PT_NO_TABLE)
			return NULL;
		*pte = pa_to_pte(table, PTE_V);
	}
	return &pt_table(table)[pt_index(va, level)];
}

pte_t *pt_lookup(paddr_t root, vaddr_t va, int *level)
{
	paddr_t table = root;
	int l;

	if (!pt_va_canonical(va))
		return NULL;
	for (l = PT_LEVELS - 1; l >= 0; l--) {
		pte_t *pte = &pt_table(table)[pt_index(va, l)];

		if (!(*pte & PTE_V))
			return NULL;
		if (pte_is_leaf(*pte)) {
			if (level)
				*level = l;
			return pte;
		}
		table = pte_to_pa(*pte);
	}
	return NULL; /* a level-0 entry that is valid but no leaf */
}

uint64_t pt_leaf_flags(paddr_t root, vaddr_t va)
{
	pte_t pte;

	if (!pt_va_canonical(va))
		return 0;
	/* The three levels written out: this checks every page a message
	 * is received into, and the loop of pt_lookup is twice as long. */
	pte = pt_table(root)[pt_index(va, 2)];
	if ((pte & PTE_V) && !pte_is_leaf(pte))
		pte = pt_table(pte_to_pa(pte))[pt_index(va, 1)];
	if ((pte & PTE_V) && !pte_is_leaf(pte))
		pte = pt_table(pte_to_pa(pte))[pt_index(va, 0)];
	return pte_is_leaf(pte) ? pte & PTE_PERM_MASK : 0;
}

int pt_translate(paddr_t root, vaddr_t va, paddr_t *pa, uint64_t *flags)
{
	int level;
	pte_t *pte = pt_lookup(root, va, &level);

	if (!pte)
		return -EFAULT;
	*pa = pte_to_pa(*pte) + (va & (pt_level_size(level) - 1));
	if (flags)
		*flags = *pte & PTE_PERM_MASK;
	return 0;
}

/* Whether any part of [va, va + size) is mapped. */
static bool pt_any_mapped(paddr_t root, vaddr_t va, uint64_t size)
{
	uint64_t off = 0;
	int level;

	while (off < size) {
		if (pt_lookup(root, va + off, &level))
			return true;
		off += PAGE_SIZE;
	}
	return false;
}

/* The largest leaf level usable at va/pa with `left` bytes to go. */
static int pt_leaf_level(vaddr_t va, paddr_t pa, uint64_t left, int max_level)
{
	int level;

	for (level = max_level; level > 0; level--) {
		uint64_t s = pt_level_size(level);

		if (va % s == 0 && pa % s == 0 && left >= s)
			break;
	}
	return level;
}

int pt_map(paddr_t root, vaddr_t va, paddr_t pa, uint64_t size,
	uint64_t flags, int max_level)
{
	uint64_t off = 0;

	if ((va | pa | size) % PAGE_SIZE || size == 0 || va + size < va)
		return -EINVAL;
	if (!pt_va_canonical(va) || !pt_va_canonical(va + size - 1))
		return -EINVAL;
	if (!(flags & (PTE_R | PTE_X)) || ((flags & PTE_W) && !(flags & PTE_R)))
		return -EINVAL;
	if (flags & ~PTE_PERM_MASK || max_level < 0 || max_level >= PT_LEVELS)
		return -EINVAL;
	if (pt_any_mapped(root, va, size))
		return -EEXIST;

	while (off < size) {
		int level = pt_leaf_level(va + off, pa + off, size - off,
			max_level);
		pte_t *pte = pt_walk(root, va + off, level, true);

		if (!pte || (*pte & PTE_V)) {
			if (off)
				pt_unmap(root, va, off);
			return pte ? -EEXIST : -ENOMEM;
		}
		*pte = pa_to_pte(pa + off, flags | PTE_V);
		off += pt_level_size(level);
	}
	return 0;
}

int pt_unmap(paddr_t root, vaddr_t va, uint64_t size)
{
	uint64_t off = 0;
	int level;

	if ((va | size) % PAGE_SIZE || va + size < va)
		return -EINVAL;
	/* Check first so that a bad request changes nothing. */
	while (off < size) {
		if (!pt_lookup(root, va + off, &level) ||
			(va + off) % pt_level_size(level) ||
			size - off < pt_level_size(level))
			return -EINVAL;
		off += pt_level_size(level);
	}
	for (off = 0; off < size; off += pt_level_size(level))
		*pt_lookup(root, va + off, &level) = 0;
	return 0;
}
