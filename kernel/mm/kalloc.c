/*
 * Size-class allocator (see kalloc.h). Each slab page starts with a header;
 * objects follow, aligned to their size. A page is found from an object by
 * rounding down to the page, so kfree needs no size.
 *
 * XXX: no lock; correct while one hart runs the kernel.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/riscv64/memlayout.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "panic.h"

#define CLASS_MIN_SHIFT 4 /* 16 bytes */
#define CLASS_COUNT 7	  /* 16 .. 1024 */
#define SLAB_MAGIC 0x51ab

struct slab_object {
	struct slab_object *next;
};

struct slab_page {
	struct slab_page *next, *prev; /* in its class's partial list */
	struct slab_object *free;
	uint16_t magic;
	uint16_t class;
	uint16_t in_use;
	uint16_t capacity;
};

struct slab_class {
	struct slab_page *partial; /* pages with at least one free object */
	size_t pages;
};

static struct slab_class classes[CLASS_COUNT];
static size_t pages_held;

static size_t class_size(unsigned c)
{
	return (size_t)1 << (c + CLASS_MIN_SHIFT);
}

/* Offset of the first object: the header rounded up to the object size. */
static size_t class_first_offset(unsigned c)
{
	size_t size = class_size(c);

	return (sizeof(struct slab_page) + size - 1) / size * size;
}

static void slab_list_remove(struct slab_class *sc, struct slab_page *p)
{
	if (p->prev)
		p->prev->next = p->next;
	else
		sc->partial = p->next;
	if (p->next)
		p->next->prev = p->prev;
	p->next = p->prev = NULL;
}

static void slab_list_push(struct slab_class *sc, struct slab_page *p)
{
	p->prev = NULL;
	p->next = sc->partial;
	if (sc->partial)
		sc->partial->prev = p;
	sc->partial = p;
}

static struct slab_page *slab_page_new(unsigned c)
{
	struct slab_page *p = kalloc_page_get();
	size_t size = class_size(c), off;

	if (!p)
		return NULL;
	p->magic = SLAB_MAGIC;
	p->class = c;
	p->in_use = 0;
	p->capacity = 0;
	p->free = NULL;
	/* Thread the free list so that objects are handed out in order. */
	for (off = PAGE_SIZE - size; off >= class_first_offset(c);
		off -= size) {
		struct slab_object *o = (void *)((char *)p + off);

		o->next = p->free;
		p->free = o;
		p->capacity++;
	}
	classes[c].pages++;
	pages_held++;
	return p;
}

void *kalloc(size_t size)
{
	unsigned c = 0;
	struct slab_class *sc;
	struct slab_page *p;
	struct slab_object *o;

	if (size == 0 || size > KALLOC_MAX)
		return NULL;
	while (class_size(c) < size)
		c++;
	sc = &classes[c];
	if (!sc->partial) {
		p = slab_page_new(c);
		if (!p)
			return NULL;
		slab_list_push(sc, p);
	}
	p = sc->partial;
	o = p->free;
	p->free = o->next;
	if (++p->in_use == p->capacity)
		slab_list_remove(sc, p);
	memset(o, 0, class_size(c));
	return o;
}

void kfree(void *object)
{
	struct slab_page *p;
	struct slab_class *sc;
	struct slab_object *o = object;

	if (!object)
		return;
	p = (void *)((uintptr_t)object & ~(PAGE_SIZE - 1));
	if (p->magic != SLAB_MAGIC || p->class >= CLASS_COUNT ||
		((uintptr_t)object - (uintptr_t)p) % class_size(p->class))
		panic("kfree: %p is not a kalloc object", object);
	if (p->in_use == 0)
		panic("kfree: %p freed twice", object);
	sc = &classes[p->class];
	if (p->in_use-- == p->capacity)
		slab_list_push(sc, p);
	o->next = p->free;
	p->free = o;

	/* Keep one page per class to avoid thrashing; free the others. */
	if (p->in_use == 0 && sc->pages > 1) {
		slab_list_remove(sc, p);
		p->magic = 0;
		sc->pages--;
		pages_held--;
		kalloc_page_put(p);
	}
}

size_t kalloc_pages_held(void)
{
	return pages_held;
}
