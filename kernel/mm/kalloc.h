/*
 * Kernel object allocator: power-of-two size classes from 16 to 1024 bytes
 * carved out of whole pages, plus whole zeroed pages. A page whose objects
 * are all free goes back to the frame pool (one spare is kept per class).
 */
#ifndef MM_KALLOC_H
#define MM_KALLOC_H

#include <stddef.h>

#define KALLOC_MAX 1024

/* A zeroed object of at least `size` bytes (1..KALLOC_MAX), or NULL. */
void *kalloc(size_t size);

/* Free an object from kalloc; NULL is ignored. */
void kfree(void *object);

/* Pages now held by the size classes (for `mem` and leak checks). */
size_t kalloc_pages_held(void);

/* Page source, provided by the kernel (frames) or by host tests. */
void *kalloc_page_get(void);
void kalloc_page_put(void *page);

#endif
