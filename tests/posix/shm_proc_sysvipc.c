/*
 * /proc/sysvipc/shm: Linux's header, then a line per segment in index
 * order whose fields agree with IPC_STAT (key, id, mode with SHM_DEST,
 * size, pids, nattch, owners, times); only the namespace's own segments.
 * rss is not compared (Linux counts touched pages, this system every
 * page: docs/limits.md).
 */
#include "posix_test.h"

#include <fcntl.h>

#define KEY 0x5e5f0001

/* The whole file, NUL-terminated, in buf. */
static size_t slurp(char *buf, size_t cap)
{
	int fd = open("/proc/sysvipc/shm", O_RDONLY);
	size_t len = 0;
	ssize_t n;

	CHECK(fd >= 0);
	while ((n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* Check one data line against IPC_STAT of its id; print what it says. */
static void check_row(const char *line)
{
	long long key, atime, dtime, ctime;
	unsigned long size, nattch, rss, swap;
	unsigned mode, cpid, lpid, uid, gid, cuid, cgid;
	struct shmid_ds ds;
	int id, fields;

	fields = sscanf(line, "%lld %d %o %lu %u %u %lu %u %u %u %u %lld %lld "
			"%lld %lu %lu", &key, &id, &mode, &size, &cpid, &lpid,
		&nattch, &uid, &gid, &cuid, &cgid, &atime, &dtime, &ctime,
		&rss, &swap);
	CHECK(fields == 16);
	CHECK(shmctl(id, IPC_STAT, &ds) == 0);
	say("row: key %s, perms %o, size %lu, nattch %lu, swap %lu",
		key == KEY ? "KEY" : key == 0 ? "0" : "another", mode, size,
		nattch, swap);
	say_bool("  agrees with IPC_STAT",
		(int)key == ds.shm_perm.__key && mode == ds.shm_perm.mode &&
			size == ds.shm_segsz && nattch == ds.shm_nattch &&
			cpid == (unsigned)ds.shm_cpid &&
			lpid == (unsigned)ds.shm_lpid &&
			uid == ds.shm_perm.uid && gid == ds.shm_perm.gid &&
			cuid == ds.shm_perm.cuid && cgid == ds.shm_perm.cgid &&
			atime == ds.shm_atime && dtime == ds.shm_dtime &&
			ctime == ds.shm_ctime);
	say_bool("  cpid is ours", cpid == (unsigned)getpid());
}

int main(void)
{
	static char text[8192];
	char *line, *next;
	int a, b, c, rows = 0;
	void *at;

	slurp(text, sizeof(text));
	say("empty namespace: %s", strchr(text, '\n') &&
		strchr(text, '\n')[1] == '\0' ? "header only" : "more");

	a = shm_new(KEY, 5000, IPC_CREAT | IPC_EXCL | 0640);
	b = shm_new(IPC_PRIVATE, 100, 0600);
	c = shm_new(IPC_PRIVATE, 4096, 0666);
	at = shm_attach(b, 0);
	REPORT("IPC_RMID of the attached one", shmctl(b, IPC_RMID, NULL));
	slurp(text, sizeof(text));
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		CHECK(next != NULL);
		*next++ = '\0';
		if (line == text)
			say("header: [%s]", line);
		else
			check_row(line), rows++;
	}
	say("rows: %d, SHM_INFO used_ids: %d", rows, shm_usage().used_ids);
	{
		int fd = open("/proc/sysvipc/shm", O_WRONLY);

		say("open for writing as root: %s", outcome(fd));
		if (fd >= 0) {
			REPORT("a write", write(fd, "x", 1));
			close(fd);
		}
	}
	shmdt(at);
	shmctl(a, IPC_RMID, NULL);
	shmctl(c, IPC_RMID, NULL);
	return 0;
}
