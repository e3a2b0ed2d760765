/*
 * libmk's descriptors: the few files a Linux program opens for IPC
 * (nsfd.c: /proc/PID/ns/ipc; sysctl.c: /proc/sys/kernel/shm*;
 * sysvipc.c: /proc/sysvipc/shm). There is
 * no file system; open() tries each kind's paths, and a descriptor (3 to
 * FILE_MAX - 1; 0 to 2 are the console's) keeps the kind's operations
 * and state. Not a public interface.
 */
#ifndef MK_FILE_H
#define MK_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define FILE_FIRST 3
#define FILE_MAX 64

struct mk_file;

struct mk_file_ops {
	/* Each returns bytes or 0, or a negative errno. */
	long (*read)(struct mk_file *f, void *buf, size_t n);
	long (*write)(struct mk_file *f, const void *buf, size_t n);
	void (*stat)(const struct mk_file *f, struct stat *st);
	void (*close)(struct mk_file *f);
};

struct mk_file {
	const struct mk_file_ops *ops; /* NULL: a free descriptor */
	int handle;		       /* the kind's kernel handle, or -1 */
	int flags;		       /* open()'s */
	uint64_t value;		       /* the kind's: a number, an id */
	uint64_t pos;		       /* read and write position */
};

/* A free descriptor for ops: its number with *f, or -MK_EMFILE. */
int __mk_file_new(const struct mk_file_ops *ops, struct mk_file **f);

/* The open file behind fd, or NULL. */
struct mk_file *__mk_file_get(int fd);

/*
 * For the /proc files, shared by their kinds: read from text (len bytes)
 * at f's position, moving it; -MK_EACCES if open's flags write and the
 * caller is not uid 0 (a root-owned file without write bits for others);
 * a regular file of this mode for stat.
 */
long __mk_file_read_text(struct mk_file *f, const char *text, size_t len,
	void *buf, size_t n);
int __mk_file_root_writes(int flags);
void __mk_file_proc_stat(struct stat *st, unsigned mode);

/* The kinds' open: fd, -MK_ENOENT when path is not theirs, or -errno. */
int __mk_nsfd_open(const char *path, int flags);
int __mk_sysctl_open(const char *path, int flags);
int __mk_sysvipc_open(const char *path, int flags);

#endif /* MK_FILE_H */
