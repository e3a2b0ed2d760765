/*
 * ftok over the boot image, the only files there are. Linux's ftok mixes
 * the id with the file's inode and device numbers from stat(); here a
 * file's inode number is its place in the archive (from 1) and the
 * device is 1, so the same path and id always give the same key, and
 * different programs different keys.
 */
#include <string.h>
#include <sys/ipc.h>

#include "lib/cpio.h"
#include "mk/errno.h"
#include "mk/progname.h"
#include "mk/spawn.h"

#define BOOTFS_DEV 1u

/* The inode number of the boot-image file `name`, or a negative errno. */
static long bootfs_inode(const char *name)
{
	struct cpio_file file, found;
	size_t size, offset = 0;
	const void *archive;
	long r, ino = 0;

	r = mk_bootfs_map(&archive, &size);
	if (r < 0)
		return r;
	r = cpio_find(archive, size, name, &found);
	if (r < 0)
		return r == -CPIO_ENOENT ? -MK_ENOENT : -MK_EIO;
	while (cpio_next(archive, size, &offset, &file) == 1) {
		ino++;
		if (file.data == found.data)
			return ino;
	}
	return -MK_EIO;
}

key_t ftok(const char *path, int id)
{
	const char *name;
	long r;

	if (path == NULL)
		return (key_t)__mk_errno(-MK_EFAULT);
	r = mk_program_name(path, &name);
	if (r == 0)
		r = bootfs_inode(name);
	if (r < 0)
		return (key_t)__mk_errno(r);
	return (key_t)(((unsigned)id & 0xffu) << 24 | (BOOTFS_DEV & 0xffu) << 16 |
		       ((unsigned long)r & 0xffffu));
}
