/*
 * Descriptors and the calls on them: open, close, read, write, fstat
 * (see file.h). Paths of no kind are ENOENT: there is no file system.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "mk/errno.h"
#include "mk/file.h"
#include "mk/mk.h"

static struct mk_file files[FILE_MAX];

int __mk_file_new(const struct mk_file_ops *ops, struct mk_file **f)
{
	for (int fd = FILE_FIRST; fd < FILE_MAX; fd++) {
		if (!files[fd].ops) {
			memset(&files[fd], 0, sizeof(files[fd]));
			files[fd].ops = ops;
			files[fd].handle = -1;
			*f = &files[fd];
			return fd;
		}
	}
	return -MK_EMFILE;
}

struct mk_file *__mk_file_get(int fd)
{
	if (fd < FILE_FIRST || fd >= FILE_MAX || !files[fd].ops)
		return NULL;
	return &files[fd];
}

long __mk_file_read_text(struct mk_file *f, const char *text, size_t len,
	void *buf, size_t n)
{
	if (f->pos >= len)
		return 0;
	if (n > len - f->pos)
		n = len - f->pos;
	memcpy(buf, text + f->pos, n);
	f->pos += n;
	return (long)n;
}

int __mk_file_root_writes(int flags)
{
	struct mk_cred cred;

	if ((flags & O_ACCMODE) == O_RDONLY)
		return 0;
	return mk_cred_get(&cred) == 0 && cred.uid == 0 ? 0 : -MK_EACCES;
}

void __mk_file_proc_stat(struct stat *st, unsigned mode)
{
	st->st_mode = S_IFREG | mode;
	st->st_nlink = 1;
}

int open(const char *path, int flags, ...)
{
	int r;

	if (path == NULL)
		return __mk_errno(-MK_EFAULT);
	r = __mk_nsfd_open(path, flags);
	if (r == -MK_ENOENT)
		r = __mk_sysctl_open(path, flags);
	if (r == -MK_ENOENT)
		r = __mk_sysvipc_open(path, flags);
	return r < 0 ? __mk_errno(r) : r;
}

int close(int fd)
{
	struct mk_file *f = __mk_file_get(fd);

	if (fd >= 0 && fd < FILE_FIRST)
		return 0; /* XXX: the console cannot be closed */
	if (f == NULL)
		return __mk_errno(-MK_EBADF);
	if (f->ops->close)
		f->ops->close(f);
	f->ops = NULL;
	return 0;
}

ssize_t read(int fd, void *buf, size_t n)
{
	struct mk_file *f = __mk_file_get(fd);

	if (f == NULL || (f->flags & O_ACCMODE) == O_WRONLY)
		return __mk_errno(-MK_EBADF);
	if (!f->ops->read)
		return __mk_errno(-MK_EINVAL);
	return __mk_result(f->ops->read(f, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	struct mk_file *f = __mk_file_get(fd);

	if (fd == 1 || fd == 2) {
		long r = mk_console_write(buf, n);

		return __mk_result(r);
	}
	if (f == NULL || (f->flags & O_ACCMODE) == O_RDONLY)
		return __mk_errno(-MK_EBADF);
	if (!f->ops->write)
		return __mk_errno(-MK_EINVAL);
	return __mk_result(f->ops->write(f, buf, n));
}

/* stat of a path is fstat of it opened: the kinds know their files. */
int stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY), r;

	if (fd < 0)
		return -1;
	r = fstat(fd, st);
	close(fd);
	return r;
}

int fstat(int fd, struct stat *st)
{
	struct mk_file *f = __mk_file_get(fd);

	if (f == NULL)
		return __mk_errno(-MK_EBADF);
	if (st == NULL)
		return __mk_errno(-MK_EFAULT);
	memset(st, 0, sizeof(*st));
	f->ops->stat(f, st);
	return 0;
}
