/*
 * Physical frame allocator: one bitmap per memory region, a set bit is a
 * free frame. Pure bookkeeping (it never touches the frames), so the host
 * tests run it over made-up addresses. Counts are exact at every moment.
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/riscv64/memlayout.h"

#define FRAME_MAX_REGIONS 8
#define FRAME_NONE ((paddr_t)-1) /* "no frame": 0 may be real RAM */

struct mem_range {
	uint64_t base;
	uint64_t size;
};

struct frame_region {
	paddr_t base;		/* first frame's address */
	size_t frames;		/* frames in the region */
	uint64_t *bitmap;	/* bit i set: frame i is free */
	size_t hint;		/* bitmap word to search first */
};

struct frame_pool {
	struct frame_region region[FRAME_MAX_REGIONS];
	int regions;
	size_t free;		/* frames free now */
	size_t total;		/* frames ever released to the pool */
};

/* Bitmap bytes for the region [base, base + size) (a multiple of 8). */
size_t frame_bitmap_bytes(uint64_t base, uint64_t size);

/*
 * Add the whole pages inside [base, base + size) as a region whose frames
 * are all in use until released; `bitmap` holds frame_bitmap_bytes(base, size).
 * Returns 0, -EINVAL (empty, overlapping or wrapping) or -ENOSPC.
 */
int frame_pool_add(struct frame_pool *pool, uint64_t base, uint64_t size,
	uint64_t *bitmap);

/* Make every frame wholly inside the range free (boot time). */
void frame_pool_release(struct frame_pool *pool, uint64_t base, uint64_t size);

/* Take every frame touching the range out of use (boot time). */
void frame_pool_reserve(struct frame_pool *pool, uint64_t base, uint64_t size);

/* A free frame, now in use; FRAME_NONE when there is none. */
paddr_t frame_pool_alloc(struct frame_pool *pool);

/*
 * `count` (a power of two, at most 64) contiguous free frames aligned to
 * count pages, now in use: the first one's address, or FRAME_NONE.
 */
paddr_t frame_pool_alloc_contig(struct frame_pool *pool, unsigned count);

/* Give a frame back: 0, or -EINVAL if it is not an in-use frame of ours. */
int frame_pool_free(struct frame_pool *pool, paddr_t pa);

/* Whether pa is a free frame of the pool. */
bool frame_pool_is_free(const struct frame_pool *pool, paddr_t pa);

/*
 * The lowest page-aligned address of `size` bytes inside one of `mem` that
 * overlaps none of `reserved`; FRAME_NONE if there is no such place.
 */
paddr_t frame_find_gap(const struct mem_range *mem, int nmem,
	const struct mem_range *reserved, int nreserved, uint64_t size);

#endif
