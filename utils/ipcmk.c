/*
 * ipcmk -M SIZE [-p MODE]: create a shared memory segment with a random
 * key, as util-linux's ipcmk does, and print its id. SIZE takes the
 * suffixes K, M, G (or KiB, MiB, GiB; powers of 1024) and KB, MB, GB
 * (powers of 1000). Message queues and semaphores do not exist yet.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

/* SIZE with its suffix in bytes: 0, or -1 for a malformed one. */
static int parse_size(const char *s, unsigned long long *out)
{
	static const char units[] = "KMGTPE";
	unsigned long long n, base = 1024;
	const char *u;
	char *end;

	errno = 0;
	n = strtoull(s, &end, 0);
	if (end == s || errno || *s == '-')
		return -1;
	if (*end) {
		u = strchr(units, end[0] == 'k' ? 'K' : end[0]);
		if (!u || !*u)
			return -1;
		if (!strcmp(end + 1, "B"))
			base = 1000;
		else if (end[1] && strcmp(end + 1, "iB"))
			return -1;
		for (const char *p = units; p <= u; p++) {
			if (n > ~0ull / base)
				return -1;
			n *= base;
		}
	}
	*out = n;
	return 0;
}

static int usage(FILE *to, int status)
{
	fprintf(to, "Usage:\n ipcmk [options]\n\nCreate various IPC "
		    "resources.\n\nOptions:\n -M, --shmem <size>       create "
		    "shared memory segment of size <size>\n -p, --mode <mode> "
		    "       permission for the resource (default is 0644)\n");
	return status;
}

int main(int argc, char **argv)
{
	unsigned long long size = 0;
	long mode = 0644;
	int have_size = 0, id;
	char *end;

	for (int i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "-M") || !strcmp(argv[i], "--shmem")) &&
			i + 1 < argc) {
			if (parse_size(argv[++i], &size)) {
				fprintf(stderr, "ipcmk: failed to parse size: "
						"'%s'\n", argv[i]);
				return 1;
			}
			have_size = 1;
		} else if ((!strcmp(argv[i], "-p") ||
				   !strcmp(argv[i], "--mode")) &&
			   i + 1 < argc) {
			mode = strtol(argv[++i], &end, 8);
			if (*end || mode < 0 || mode > 0777) {
				fprintf(stderr, "ipcmk: failed to parse mode: "
						"'%s'\n", argv[i]);
				return 1;
			}
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help")) {
			return usage(stdout, 0);
		} else {
			return usage(stderr, 1);
		}
	}
	if (!have_size)
		return usage(stderr, 1);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	id = shmget((key_t)rand(), size, (int)mode | IPC_CREAT);
	if (id < 0) {
		fprintf(stderr, "ipcmk: create share memory failed: %s\n",
			strerror(errno));
		return 1;
	}
	printf("Shared memory id: %d\n", id);
	return 0;
}
