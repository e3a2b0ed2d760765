/*
 * /proc/sysvipc/shm: the caller's namespace's segments in Linux's
 * format, one line each after a header, made when the file is opened
 * (from SHM_INFO and SHM_STAT_ANY, in index order, as Linux lists them)
 * and read from there. Writes are EIO.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>

#include "mk/errno.h"
#include "mk/file.h"

#define SYSVIPC_SHM "/proc/sysvipc/shm"
#define SYSVIPC_LINE_MAX 256
#define PAGE 4096ul

static const char sysvipc_shm_header[] =
	"       key      shmid perms                  size  cpid  lpid "
	"nattch   uid   gid  cuid  cgid      atime      dtime      ctime"
	"                   rss                  swap\n";

struct snapshot {
	char *text;
	size_t len;
};

/* One segment's line, as Linux's sysvipc_shm_proc_show prints it. */
static int sysvipc_shm_line(char *out, size_t n, int id,
	const struct shmid_ds *ds)
{
	unsigned long pages = (ds->shm_segsz + PAGE - 1) / PAGE;

	return snprintf(out, n,
		"%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu "
		"%10llu %10llu %21lu %21lu\n",
		ds->shm_perm.__key, id, ds->shm_perm.mode,
		(unsigned long)ds->shm_segsz, (unsigned)ds->shm_cpid,
		(unsigned)ds->shm_lpid, (unsigned long)ds->shm_nattch,
		ds->shm_perm.uid, ds->shm_perm.gid, ds->shm_perm.cuid,
		ds->shm_perm.cgid, (unsigned long long)ds->shm_atime,
		(unsigned long long)ds->shm_dtime,
		(unsigned long long)ds->shm_ctime, pages * PAGE, 0ul);
}

/* The file's text now: the header and a line per segment, or NULL. */
static struct snapshot *sysvipc_shm_snapshot(void)
{
	struct snapshot *s = malloc(sizeof(*s));
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info), id;
	size_t cap;

	if (!s)
		return NULL;
	cap = sizeof(sysvipc_shm_header) +
	      (size_t)(max < 0 ? 0 : max + 1) * SYSVIPC_LINE_MAX;
	s->text = malloc(cap);
	if (!s->text) {
		free(s);
		return NULL;
	}
	memcpy(s->text, sysvipc_shm_header, sizeof(sysvipc_shm_header) - 1);
	s->len = sizeof(sysvipc_shm_header) - 1;
	for (int i = 0; i <= max; i++) {
		id = shmctl(i, SHM_STAT_ANY, &ds);
		if (id >= 0)
			s->len += (size_t)sysvipc_shm_line(s->text + s->len,
				cap - s->len, id, &ds);
	}
	return s;
}

static long sysvipc_read(struct mk_file *f, void *buf, size_t n)
{
	const struct snapshot *s = (const struct snapshot *)f->value;

	return __mk_file_read_text(f, s->text, s->len, buf, n);
}

/* A proc file without a write operation: EIO, as Linux answers. */
static long sysvipc_write(struct mk_file *f, const void *buf, size_t n)
{
	(void)f;
	(void)buf;
	(void)n;
	return -MK_EIO;
}

static void sysvipc_stat(const struct mk_file *f, struct stat *st)
{
	(void)f;
	__mk_file_proc_stat(st, 0444);
}

static void sysvipc_close(struct mk_file *f)
{
	struct snapshot *s = (struct snapshot *)f->value;

	free(s->text);
	free(s);
}

static const struct mk_file_ops sysvipc_ops = {
	.read = sysvipc_read,
	.write = sysvipc_write,
	.stat = sysvipc_stat,
	.close = sysvipc_close,
};

int __mk_sysvipc_open(const char *path, int flags)
{
	struct snapshot *s;
	struct mk_file *f;
	int fd;

	if (strcmp(path, SYSVIPC_SHM) != 0)
		return -MK_ENOENT;
	/* Mode 0444: only uid 0 (Linux: CAP_DAC_OVERRIDE) opens it for
	 * writing, and then writes are EIO. */
	fd = __mk_file_root_writes(flags);
	if (fd < 0)
		return fd;
	fd = __mk_file_new(&sysvipc_ops, &f);
	if (fd < 0)
		return fd;
	s = sysvipc_shm_snapshot();
	if (!s) {
		f->ops = NULL;
		return -MK_ENOMEM;
	}
	f->flags = flags;
	f->value = (uint64_t)s;
	return fd;
}
