/*
 * The files a Linux program opens for IPC namespaces, /proc/self/ns/ipc
 * and /proc/PID/ns/ipc, and setns() on them. Such a descriptor (file.h)
 * holds a namespace handle from the ipc-ns server (a kernel token) until
 * close(). readlink() and stat() of the paths and fstat() of such a
 * descriptor give what Linux's nsfs gives: "ipc:[N]" and inode N, the
 * namespace's number.
 */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mk/errno.h"
#include "mk/file.h"
#include "mk/ipcns_client.h"
#include "mk/mk.h"
#include <mk/ipcns.h>

#define NSFS_DEV 4 /* nsfs's device number, as Linux often shows it */

/*
 * The task a /proc path's namespace file names: 0 for the caller
 * ("self", "thread-self"), a task id, or -MK_ENOENT for any other path.
 */
static long nsfd_path_task(const char *path)
{
	const char *rest;
	char *end;
	long id;

	if (strncmp(path, "/proc/", 6) != 0)
		return -MK_ENOENT;
	path += 6;
	if (strncmp(path, "self/", 5) == 0) {
		rest = path + 5;
		id = 0;
	} else if (strncmp(path, "thread-self/", 12) == 0) {
		rest = path + 12;
		id = 0;
	} else {
		id = strtol(path, &end, 10);
		if (end == path || *end != '/' || id <= 0)
			return -MK_ENOENT;
		rest = end + 1;
	}
	return strcmp(rest, "ns/ipc") == 0 ? id : -MK_ENOENT;
}

/* Ask the server for the namespace handle: its handle, or -errno. */
static long nsfd_request(long task, uint64_t *number)
{
	struct mk_msg m;
	long r;

	__mk_ipcns_msg(&m, IPCNS_NS_OPEN);
	m.w[0] = (uint64_t)task;
	r = __mk_ipcns_call(&m);
	if (r < 0)
		return r;
	if (!(m.flags & MK_MSG_HANDLE))
		return -MK_EPROTO;
	*number = m.w[0];
	return m.handle;
}

static void nsfd_stat_fill(struct stat *st, uint64_t number)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = NSFS_DEV;
	st->st_ino = number;
	st->st_mode = S_IFREG | 0444;
	st->st_nlink = 1;
}

static void nsfd_stat(const struct mk_file *f, struct stat *st)
{
	nsfd_stat_fill(st, f->value);
}

static void nsfd_close(struct mk_file *f)
{
	mk_handle_close(f->handle);
}

/* A namespace file: no read or write (EINVAL), as on Linux. */
static const struct mk_file_ops nsfd_ops = {
	.stat = nsfd_stat,
	.close = nsfd_close,
};

int __mk_nsfd_open(const char *path, int flags)
{
	long task = nsfd_path_task(path), h;
	struct mk_file *f;
	uint64_t number;
	int fd;

	if (task < 0)
		return (int)task;
	/* nsfs files are read-only; the access mode is not checked */
	fd = __mk_file_new(&nsfd_ops, &f);
	if (fd < 0)
		return fd;
	h = nsfd_request(task, &number);
	if (h < 0) {
		f->ops = NULL;
		return (int)h;
	}
	f->handle = (int)h;
	f->flags = flags;
	f->value = number;
	return fd;
}

int setns(int fd, int nstype)
{
	struct mk_file *f = __mk_file_get(fd);
	struct mk_msg m;
	long copy;

	if (f == NULL)
		return __mk_errno(-MK_EBADF);
	if (f->ops != &nsfd_ops)
		return __mk_errno(-MK_EINVAL); /* not a namespace's file */
	/* The server checks a copy and closes it; ours stays open. */
	copy = mk_handle_dup(f->handle, MK_RIGHT_DUP);
	if (copy < 0)
		return __mk_errno(copy);
	__mk_ipcns_msg(&m, IPCNS_SETNS);
	m.w[0] = (uint64_t)(unsigned)nstype;
	m.flags = MK_MSG_HANDLE;
	m.handle = (int)copy;
	return (int)__mk_result(__mk_ipcns_call(&m));
}

/* The namespace number of a path's file: 0, or a negative errno. */
static long nsfd_path_number(const char *path, uint64_t *number)
{
	long task = path ? nsfd_path_task(path) : -MK_EFAULT, h;

	if (task < 0)
		return task;
	h = nsfd_request(task, number);
	if (h >= 0)
		mk_handle_close((int)h);
	return h < 0 ? h : 0;
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	char link[32];
	uint64_t number;
	long r = nsfd_path_number(path, &number);
	size_t n;

	if (r < 0)
		return __mk_errno(r);
	n = (size_t)snprintf(link, sizeof(link), "ipc:[%llu]",
		(unsigned long long)number);
	if (n > size)
		n = size; /* readlink cuts the link short, without a NUL */
	memcpy(buf, link, n);
	return (ssize_t)n;
}
