/*
 * /proc/sys/kernel/shmmax, shmall and shmmni: the caller's IPC
 * namespace's limits, kept by the ipc-ns server (IPCNS_SYSCTL). A read
 * gives the number and a newline, from the file's position; a write at
 * position 0 sets it from a number with optional blanks around (a later
 * write is ignored, as Linux's strict sysctl writes are). The files are
 * root's, mode 0644: opening one for writing needs uid 0.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mk/errno.h"
#include "mk/file.h"
#include "mk/ipcns_client.h"
#include "mk/mk.h"
#include <mk/ipcns.h>

#define SYSCTL_DIR "/proc/sys/kernel/"
#define SYSCTL_TEXT_MAX 32 /* a 64-bit number, a newline, a NUL */

static const char *const sysctl_names[IPCNS_SYSCTL_END] = {
	[IPCNS_SYSCTL_SHMMAX] = "shmmax",
	[IPCNS_SYSCTL_SHMALL] = "shmall",
	[IPCNS_SYSCTL_SHMMNI] = "shmmni",
};

/* Get (set == 0) or set a limit: 0 with *value, or a negative errno. */
static long sysctl_request(uint64_t which, int set, uint64_t *value)
{
	struct mk_msg m;
	long r;

	__mk_ipcns_msg(&m, IPCNS_SYSCTL);
	m.w[0] = which;
	m.w[1] = (uint64_t)set;
	m.w[2] = *value;
	r = __mk_ipcns_call(&m);
	if (r == 0)
		*value = m.w[0];
	return r;
}

static long sysctl_read(struct mk_file *f, void *buf, size_t n)
{
	char text[SYSCTL_TEXT_MAX];
	uint64_t value = 0;
	size_t len;
	long r = sysctl_request(f->value, 0, &value);

	if (r < 0)
		return r;
	len = (size_t)snprintf(text, sizeof(text), "%llu\n",
		(unsigned long long)value);
	return __mk_file_read_text(f, text, len, buf, n);
}

/*
 * Linux's parse of a sysctl number: blanks, digits in C's bases (0x..,
 * 0..), blanks. A sign, other text, or nothing is EINVAL.
 */
static long sysctl_parse(const char *buf, size_t n, uint64_t *value)
{
	char text[SYSCTL_TEXT_MAX], *p, *end;

	if (n >= sizeof(text))
		return -MK_EINVAL;
	memcpy(text, buf, n);
	text[n] = '\0';
	for (p = text; isspace((unsigned char)*p); p++)
		;
	if (!isdigit((unsigned char)*p))
		return -MK_EINVAL;
	*value = strtoull(p, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	return *end ? -MK_EINVAL : 0;
}

static long sysctl_write(struct mk_file *f, const void *buf, size_t n)
{
	uint64_t value;
	long r;

	if (f->pos == 0) {
		r = sysctl_parse(buf, n, &value);
		if (r == 0)
			r = sysctl_request(f->value, 1, &value);
		if (r < 0)
			return r;
	}
	f->pos += n;
	return (long)n;
}

static void sysctl_stat(const struct mk_file *f, struct stat *st)
{
	(void)f;
	__mk_file_proc_stat(st, 0644);
}

static const struct mk_file_ops sysctl_ops = {
	.read = sysctl_read,
	.write = sysctl_write,
	.stat = sysctl_stat,
};

int __mk_sysctl_open(const char *path, int flags)
{
	struct mk_file *f;
	unsigned which;
	int fd;

	if (strncmp(path, SYSCTL_DIR, sizeof(SYSCTL_DIR) - 1) != 0)
		return -MK_ENOENT;
	path += sizeof(SYSCTL_DIR) - 1;
	for (which = 0; which < IPCNS_SYSCTL_END; which++)
		if (strcmp(path, sysctl_names[which]) == 0)
			break;
	if (which == IPCNS_SYSCTL_END)
		return -MK_ENOENT;
	fd = __mk_file_root_writes(flags); /* mode 0644, root's */
	if (fd < 0)
		return fd;
	fd = __mk_file_new(&sysctl_ops, &f);
	if (fd < 0)
		return fd;
	f->flags = flags;
	f->value = which;
	return fd;
}
