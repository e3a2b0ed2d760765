/* The path -> boot-image program rule; see progname.h. */
#include <string.h>

#include "mk/errno.h"
#include "mk/progname.h"

int mk_program_name(const char *path, const char **name)
{
	size_t len = strnlen(path, MK_PATH_MAX);
	const char *last;

	if (len == 0)
		return -MK_ENOENT;
	if (len == MK_PATH_MAX)
		return -MK_ENAMETOOLONG;
	if (path[len - 1] == '/')
		return -MK_EACCES;
	last = strrchr(path, '/');
	last = last != NULL ? last + 1 : path;
	if (strlen(last) > MK_NAME_MAX)
		return -MK_ENAMETOOLONG;
	*name = last;
	return 0;
}
