/* Physical frame allocator (see frame.h). */
#include "kerrno.h"
#include "mm/frame.h"

#define BITS_PER_WORD 64

static uint64_t align_down(uint64_t x)
{
	return x & ~(PAGE_SIZE - 1);
}

static uint64_t align_up(uint64_t x)
{
	return align_down(x + PAGE_SIZE - 1);
}

size_t frame_bitmap_bytes(uint64_t base, uint64_t size)
{
	uint64_t first = align_up(base), end = align_down(base + size);
	uint64_t frames = end > first ? (end - first) / PAGE_SIZE : 0;

	return (frames + BITS_PER_WORD - 1) / BITS_PER_WORD * 8;
}

int frame_pool_add(struct frame_pool *pool, uint64_t base, uint64_t size,
	uint64_t *bitmap)
{
	uint64_t first = align_up(base), end = base + size, words, i;
	struct frame_region *r;
	int k;

	if (end < base || align_up(base) < base)
		return -EINVAL;
	end = align_down(end);
	if (first >= end)
		return -EINVAL;
	for (k = 0; k < pool->regions; k++) {
		r = &pool->region[k];
		if (first < r->base + r->frames * PAGE_SIZE && r->base < end)
			return -EINVAL;
	}
	if (pool->regions == FRAME_MAX_REGIONS)
		return -ENOSPC;

	r = &pool->region[pool->regions++];
	r->base = first;
	r->frames = (end - first) / PAGE_SIZE;
	r->bitmap = bitmap;
	r->hint = 0;
	words = (r->frames + BITS_PER_WORD - 1) / BITS_PER_WORD;
	for (i = 0; i < words; i++)
		bitmap[i] = 0;
	return 0;
}

/* The region holding pa, or NULL. */
static struct frame_region *frame_region_of(const struct frame_pool *pool,
	paddr_t pa)
{
	int k;

	for (k = 0; k < pool->regions; k++) {
		const struct frame_region *r = &pool->region[k];

		if (pa >= r->base && pa - r->base < r->frames * PAGE_SIZE)
			return (struct frame_region *)r;
	}
	return NULL;
}

/* Set (free) or clear (use) the bits of frames [first, end) of r. */
static void frame_mark(struct frame_pool *pool, struct frame_region *r,
	uint64_t first, uint64_t end, bool make_free)
{
	uint64_t pa;

	for (pa = first; pa < end; pa += PAGE_SIZE) {
		size_t i = (pa - r->base) / PAGE_SIZE;
		uint64_t bit = 1ULL << (i % BITS_PER_WORD);
		uint64_t *w = &r->bitmap[i / BITS_PER_WORD];

		if (make_free && !(*w & bit)) {
			*w |= bit;
			pool->free++;
			pool->total++;
		} else if (!make_free && (*w & bit)) {
			*w &= ~bit;
			pool->free--;
			pool->total--;
		}
	}
}

/* Apply frame_mark to the part of [first, end) inside each region. */
static void frame_mark_range(struct frame_pool *pool, uint64_t first,
	uint64_t end, bool make_free)
{
	int k;

	for (k = 0; k < pool->regions; k++) {
		struct frame_region *r = &pool->region[k];
		uint64_t lo = first > r->base ? first : r->base;
		uint64_t r_end = r->base + r->frames * PAGE_SIZE;
		uint64_t hi = end < r_end ? end : r_end;

		if (lo < hi)
			frame_mark(pool, r, lo, hi, make_free);
	}
}

void frame_pool_release(struct frame_pool *pool, uint64_t base, uint64_t size)
{
	uint64_t end = base + size < base ? UINT64_MAX : base + size;

	frame_mark_range(pool, align_up(base), align_down(end), true);
}

void frame_pool_reserve(struct frame_pool *pool, uint64_t base, uint64_t size)
{
	uint64_t end = base + size < base ? UINT64_MAX : base + size;

	frame_mark_range(pool, align_down(base), align_up(end), false);
}

paddr_t frame_pool_alloc(struct frame_pool *pool)
{
	int k;

	if (pool->free == 0)
		return FRAME_NONE;
	for (k = 0; k < pool->regions; k++) {
		struct frame_region *r = &pool->region[k];
		size_t words = (r->frames + BITS_PER_WORD - 1) / BITS_PER_WORD;
		size_t n, i;

		for (n = 0; n < words; n++) {
			i = (r->hint + n) % words;
			if (r->bitmap[i]) {
				unsigned bit = __builtin_ctzll(r->bitmap[i]);

				r->bitmap[i] &= ~(1ULL << bit);
				r->hint = i;
				pool->free--;
				return r->base +
					(i * BITS_PER_WORD + bit) * PAGE_SIZE;
			}
		}
	}
	return FRAME_NONE; /* unreachable while pool->free is exact */
}

paddr_t frame_pool_alloc_contig(struct frame_pool *pool, unsigned count)
{
	uint64_t mask;
	unsigned pos;
	int k;

	if (count == 0 || count > 64 || (count & (count - 1)))
		return FRAME_NONE;
	mask = count == 64 ? ~0ULL : (1ULL << count) - 1;
	for (k = 0; k < pool->regions; k++) {
		struct frame_region *r = &pool->region[k];
		size_t i, words = r->frames / BITS_PER_WORD;

		/* Whole words only: a partial last word is never used here. */
		for (i = 0; i < words; i++) {
			for (pos = 0; pos < 64 && r->bitmap[i]; pos += count) {
				uint64_t want = mask << pos;

				if ((r->bitmap[i] & want) != want)
					continue;
				r->bitmap[i] &= ~want;
				pool->free -= count;
				return r->base +
					(i * BITS_PER_WORD + pos) * PAGE_SIZE;
			}
		}
	}
	return FRAME_NONE;
}

int frame_pool_free(struct frame_pool *pool, paddr_t pa)
{
	struct frame_region *r = frame_region_of(pool, pa);
	size_t i;

	if (!r || pa % PAGE_SIZE)
		return -EINVAL;
	i = (pa - r->base) / PAGE_SIZE;
	if (r->bitmap[i / BITS_PER_WORD] & (1ULL << (i % BITS_PER_WORD)))
		return -EINVAL; /* double free */
	r->bitmap[i / BITS_PER_WORD] |= 1ULL << (i % BITS_PER_WORD);
	pool->free++;
	return 0;
}

bool frame_pool_is_free(const struct frame_pool *pool, paddr_t pa)
{
	const struct frame_region *r = frame_region_of(pool, pa);
	size_t i;

	if (!r || pa % PAGE_SIZE)
		return false;
	i = (pa - r->base) / PAGE_SIZE;
	return (r->bitmap[i / BITS_PER_WORD] >> (i % BITS_PER_WORD)) & 1;
}

static bool ranges_overlap(uint64_t a, uint64_t a_end, uint64_t b,
	uint64_t b_end)
{
	return a < b_end && b < a_end;
}

paddr_t frame_find_gap(const struct mem_range *mem, int nmem,
	const struct mem_range *reserved, int nreserved, uint64_t size)
{
	int m, k;

	for (m = 0; m < nmem; m++) {
		uint64_t end = mem[m].base + mem[m].size;
		uint64_t at = align_up(mem[m].base);
		bool moved = true;

		if (end < mem[m].base)
			continue;
		/* Step past every reservation in the way until none is. */
		while (moved && at + size >= at && at + size <= end) {
			moved = false;
			for (k = 0; k < nreserved; k++) {
				uint64_t r = reserved[k].base;
				uint64_t r_end = r + reserved[k].size;

				if (ranges_overlap(at, at + size, r, r_end)) {
					at = align_up(r_end);
					moved = true;
				}
			}
		}
		if (!moved && at + size >= at && at + size <= end)
			return at;
	}
	return FRAME_NONE;
}
