/*
 * Listing the boot image (a newc cpio archive) with the kernel's reader,
 * which libmk also carries.
 */
#include <stdio.h>

#include <mk/errno.h>
#include <mk/spawn.h>

#include "lib/cpio.h"
#include "programs.h"
#include "shell.h"

/* The name as the loader matches it: without a leading "./" or "/". */
static const char *programs_name(const char *name)
{
	if (name[0] == '.' && name[1] == '/')
		return name + 2;
	return name[0] == '/' ? name + 1 : name;
}

int programs_list(void)
{
	struct cpio_file file;
	const void *archive;
	size_t size, offset = 0;
	int r;

	r = mk_bootfs_map(&archive, &size);
	if (r < 0) {
		printf("ls: cannot map the boot image: %s\n",
			shell_strerror(r));
		return r;
	}
	while ((r = cpio_next(archive, size, &offset, &file)) > 0)
		printf("%-24s %8zu\n", programs_name(file.name), file.size);
	if (r < 0) {
		printf("ls: the boot image is malformed\n");
		return -MK_EIO;
	}
	return 0;
}
