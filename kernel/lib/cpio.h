/*
 * Reader for "newc" cpio archives (the initrd format), shared by the kernel
 * and libc. An archive is a run of entries, each a 110-byte header of ASCII
 * hex fields, the NUL-terminated name and the data, with the name and the
 * data each padded to 4 bytes; the entry named "TRAILER!!!" ends it.
 * Every field is checked against the archive's size before it is used, so
 * a broken archive gives an error, never a read past its end.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include <stddef.h>
#include <stdint.h>

/* Errors returned negated, with Linux errno values. */
#define CPIO_ENOENT 2  /* no entry of that name */
#define CPIO_EINVAL 22 /* malformed archive or bad argument */

#define CPIO_HEADER_SIZE 110

/* One entry; name and data point into the archive. */
struct cpio_file {
	const char *name; /* NUL-terminated, as stored (maybe with "./") */
	size_t name_len;  /* without the NUL */
	const void *data;
	size_t size;
	uint32_t mode; /* type and permission bits, as in st_mode */
};

/*
 * Read the entry at *offset (start at 0; a multiple of 4) into *file and
 * move *offset to the next one: returns 1. At the trailer returns 0 and
 * leaves *offset there, so later calls return 0 again. Returns -CPIO_EINVAL
 * for a malformed entry, or an archive that ends without its trailer.
 */
int cpio_next(const void *archive, size_t size, size_t *offset,
	struct cpio_file *file);

/*
 * Find the first entry called `name`. A leading "./" or "/" is ignored in
 * the archive's names and in `name` alike; an empty name matches nothing.
 * Returns 0 with *file filled, -CPIO_ENOENT if the trailer comes first, or
 * -CPIO_EINVAL if the archive is malformed before the entry or `name` is
 * NULL. *file is scratch space for the walk even when the result is not 0.
 */
int cpio_find(const void *archive, size_t size, const char *name,
	struct cpio_file *file);

#endif /* LIB_CPIO_H */
