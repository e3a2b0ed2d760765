/*
 * sbrk for picolibc's malloc: a heap at a fixed place (MK_HEAP_BASE, at
 * most MK_HEAP_MAX bytes) that grows by mapping fresh memory objects end
 * to end. Each step maps at least MK_HEAP_MIN_GROW_PAGES and at least an
 * eighth of what is mapped already: small allocations do not cost a
 * system call each, and a large heap stays a few dozen mappings (the
 * kernel allows each address space a limited number). The heap never
 * shrinks: memory given back through a negative increment stays mapped.
 * XXX: no locking: one thread per task for now.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "mk/layout.h"
#include "mk/mk.h"

#define PAGE ((uint64_t)MK_PAGE_SIZE)

static uint64_t heap_break = MK_HEAP_BASE;  /* what sbrk has handed out */
static uint64_t heap_mapped = MK_HEAP_BASE; /* end of the mapped part */

/* Map `pages` fresh pages at the end of the heap: 0, or -1 if refused. */
static int heap_map(uint64_t pages)
{
	long mem, addr;

	mem = mk_mem_create(pages, MK_HANDLE_NONE, 0);
	if (mem < 0)
		return -1;
	addr = mk_mem_map(mem, MK_HANDLE_NONE, heap_mapped, 0, pages,
		MK_PROT_READ | MK_PROT_WRITE);
	mk_handle_close(mem); /* the mapping keeps the object */
	if (addr < 0 || (uint64_t)addr != heap_mapped) {
		if (addr >= 0)
			mk_mem_unmap(addr, pages * PAGE);
		return -1;
	}
	heap_mapped += pages * PAGE;
	return 0;
}

/*
 * Map more of the heap so that it reaches at least `need` (within the
 * heap's bounds), by a full step if memory allows, else by just enough.
 * Returns 0, or -1 if even that cannot be had.
 */
static int heap_grow(uint64_t need)
{
	uint64_t pages = (need - heap_mapped + PAGE - 1) / PAGE;
	uint64_t room = (MK_HEAP_BASE + MK_HEAP_MAX - heap_mapped) / PAGE;
	uint64_t step = (heap_mapped - MK_HEAP_BASE) / PAGE / 8;

	if (step < MK_HEAP_MIN_GROW_PAGES)
		step = MK_HEAP_MIN_GROW_PAGES;
	if (step > room)
		step = room; /* need is within bounds: pages <= room */
	if (step > pages && heap_map(step) == 0)
		return 0;
	return heap_map(pages);
}

/*
 * Move the break by incr bytes and return the old break, or (void *)-1
 * with errno ENOMEM if the heap cannot grow that far or EINVAL if it
 * would shrink below its start.
 */
void *sbrk(ptrdiff_t incr)
{
	uint64_t old = heap_break;
	uint64_t limit = MK_HEAP_BASE + MK_HEAP_MAX;
	uint64_t end = old + (uint64_t)incr; /* wraps for incr < 0 */

	if (incr < 0 && (uint64_t)0 - (uint64_t)incr > old - MK_HEAP_BASE) {
		errno = EINVAL;
		return (void *)-1;
	}
	if (incr > 0 && (uint64_t)incr > limit - old) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (end > heap_mapped && heap_grow(end) < 0) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_break = end;
	return (void *)old;
}
