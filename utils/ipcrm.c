/*
 * ipcrm: remove IPC objects of the caller's namespace, as util-linux's
 * does. Only shared memory exists yet.
 *
 *   ipcrm -m ID...   ipcrm -M KEY...   ipcrm -a [shm]   ipcrm shm ID...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>

static int failures;

/* One failed removal, worded as util-linux words it. */
static void report(int err, int is_key, const char *what)
{
	const char *why = strerror(err);

	if (err == EACCES || err == EPERM)
		why = is_key ? "permission denied for key" :
			       "permission denied for id";
	else if (err == EINVAL || err == ENOENT)
		why = is_key ? "invalid key" : "invalid id";
	else if (err == EIDRM)
		why = is_key ? "already removed key" : "already removed id";
	fprintf(stderr, "ipcrm: %s (%s)\n", why, what);
	failures++;
}

/* Parse a whole number (decimal, 0x hex or 0 octal): 0, or -1. */
static int parse(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 0);
	return *s == '\0' || *end != '\0' || errno ? -1 : 0;
}

static void remove_id(const char *arg)
{
	long long id;

	if (parse(arg, &id) || id < 0 || id > 0x7fffffff) {
		fprintf(stderr, "ipcrm: invalid id: %s\n", arg);
		failures++;
		return;
	}
	if (shmctl((int)id, IPC_RMID, NULL) < 0)
		report(errno, 0, arg);
}

static void remove_key(const char *arg)
{
	long long key;
	int id;

	if (parse(arg, &key) || key == IPC_PRIVATE || key < -0x80000000ll ||
		key > 0xffffffffll) {
		fprintf(stderr, "ipcrm: illegal key (%s)\n", arg);
		failures++;
		return;
	}
	id = shmget((key_t)key, 0, 0);
	if (id < 0 || shmctl(id, IPC_RMID, NULL) < 0)
		report(errno, 1, arg);
}

/* Every segment we may remove; the others are reported. */
static void remove_all(void)
{
	struct shm_info info;
	struct shmid_ds ds;
	char what[16];
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	for (int i = 0; i <= max; i++) {
		int id = shmctl(i, SHM_STAT_ANY, &ds);

		if (id < 0)
			continue;
		snprintf(what, sizeof(what), "%d", id);
		if (shmctl(id, IPC_RMID, NULL) < 0)
			report(errno, 0, what);
	}
}

static int usage(FILE *to, int status)
{
	fprintf(to, "Usage:\n ipcrm [options]\n ipcrm shm <id>...\n\n"
		    "Remove certain IPC resources.\n\nOptions:\n"
		    " -m, --shmem-id <id>        remove shared memory segment "
		    "by id\n -M, --shmem-key <key>      remove shared memory "
		    "segment by key\n -a, --all[=shm]            remove all\n");
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 1);
	if (strcmp(argv[1], "shm") == 0) {
		for (int i = 2; i < argc; i++)
			remove_id(argv[i]);
		return failures ? 1 : 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];

		if (!strcmp(opt, "-a") || !strcmp(opt, "--all") ||
			!strcmp(opt, "--all=shm")) {
			remove_all();
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			return usage(stdout, 0);
		} else if ((!strcmp(opt, "-m") || !strcmp(opt, "-M") ||
				   !strcmp(opt, "--shmem-id") ||
				   !strcmp(opt, "--shmem-key")) &&
			   i + 1 < argc) {
			if (opt[1] == 'M' || !strcmp(opt, "--shmem-key"))
				remove_key(argv[++i]);
			else
				remove_id(argv[++i]);
		} else {
			fprintf(stderr, "ipcrm: unknown or incomplete option "
					"'%s'\n", opt);
			return usage(stderr, 1);
		}
	}
	return failures ? 1 : 0;
}
