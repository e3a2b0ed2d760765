/*
 * ipcs: show the IPC objects of the caller's namespace, in util-linux's
 * formats. Only shared memory exists yet: the message-queue and semaphore
 * sections are listed empty, and -l/-u show shared memory only.
 *
 *   ipcs [-m|-q|-s|-a] [-l|-u]     ipcs -m -i ID
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <time.h>

#define PAGE 4096ull

enum { SHOW_SHM = 1, SHOW_MSG = 2, SHOW_SEM = 4, SHOW_ALL = 7 };

/* There is no user database: root has a name, others their number. */
static void print_owner(unsigned uid)
{
	if (uid == 0)
		printf("%-10.10s ", "root");
	else
		printf("%-10u ", uid);
}

static void shm_list(void)
{
	struct shm_info info;
	struct shmid_ds ds;
	int max, id;

	printf("\n------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid",
		"owner", "perms", "bytes", "nattch", "status");
	max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
	for (int i = 0; i <= max; i++) {
		id = shmctl(i, SHM_STAT_ANY, &ds);
		if (id < 0)
			continue;
		printf("0x%08x %-10d ", (unsigned)ds.shm_perm.__key, id);
		print_owner(ds.shm_perm.uid);
		printf("%-10o %-10lu %-10lu %-6s %-6s\n",
			ds.shm_perm.mode & 0777, (unsigned long)ds.shm_segsz,
			(unsigned long)ds.shm_nattch,
			ds.shm_perm.mode & SHM_DEST ? "dest" : " ",
			ds.shm_perm.mode & SHM_LOCKED ? "locked" : " ");
	}
}

static void print_u128(unsigned __int128 v)
{
	char digits[40];
	int n = 0;

	do {
		digits[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	while (n)
		putchar(digits[--n]);
}

static void shm_limits(void)
{
	struct shminfo lim;

	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&lim) < 0)
		return;
	printf("\n------ Shared Memory Limits --------\n");
	printf("max number of segments = %lu\n", (unsigned long)lim.shmmni);
	printf("max seg size (kbytes) = %lu\n",
		(unsigned long)(lim.shmmax >> 10));
	/* The default shmall in bytes does not fit 64 bits: print it whole. */
	printf("max total shared memory (kbytes) = ");
	print_u128((unsigned __int128)lim.shmall * (PAGE / 1024));
	printf("\n");
	printf("min seg size (bytes) = %lu\n", (unsigned long)lim.shmmin);
}

static void shm_summary(void)
{
	struct shm_info info;

	if (shmctl(0, SHM_INFO, (struct shmid_ds *)&info) < 0)
		return;
	printf("\n------ Shared Memory Status --------\n");
	printf("segments allocated %d\n", info.used_ids);
	printf("pages allocated %lu\n", (unsigned long)info.shm_tot);
	printf("pages resident  %lu\n", (unsigned long)info.shm_rss);
	printf("pages swapped   %lu\n", (unsigned long)info.shm_swp);
	printf("Swap performance: %lu attempts\t %lu successes\n",
		(unsigned long)info.swap_attempts,
		(unsigned long)info.swap_successes);
}

static void print_time(const char *what, time_t t)
{
	printf("%s=", what);
	if (t)
		printf("%-26.24s\n", ctime(&t));
	else
		printf("%-26s\n", "Not set");
}

static int shm_one(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0) {
		fprintf(stderr, "ipcs: id %d not found\n", id);
		return 1;
	}
	printf("\nShared memory Segment shmid=%d\n", id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", ds.shm_perm.uid,
		ds.shm_perm.gid, ds.shm_perm.cuid, ds.shm_perm.cgid);
	printf("mode=%#o\taccess_perms=%#o\n", ds.shm_perm.mode,
		ds.shm_perm.mode & 0777);
	printf("bytes=%lu\tlpid=%d\tcpid=%d\tnattch=%lu\n",
		(unsigned long)ds.shm_segsz, ds.shm_lpid, ds.shm_cpid,
		(unsigned long)ds.shm_nattch);
	print_time("att_time", ds.shm_atime);
	print_time("det_time", ds.shm_dtime);
	print_time("change_time", ds.shm_ctime);
	printf("\n");
	return 0;
}

static void usage(FILE *to)
{
	fprintf(to, "Usage:\n ipcs [resource-option...] [output-option]\n"
		    " ipcs -m -i <id>\n\nShow information on IPC facilities.\n\n"
		    " -i, --id <id>  print details on resource identified by "
		    "<id>\n -m, --shmems   shared memory segments\n"
		    " -q, --queues   message queues\n"
		    " -s, --semaphores  semaphores\n"
		    " -a, --all      all (default)\n"
		    " -l, --limits   show resource limits\n"
		    " -u, --summary  show status summary\n");
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{"id", required_argument, NULL, 'i'},
		{"shmems", no_argument, NULL, 'm'},
		{"queues", no_argument, NULL, 'q'},
		{"semaphores", no_argument, NULL, 's'},
		{"all", no_argument, NULL, 'a'},
		{"limits", no_argument, NULL, 'l'},
		{"summary", no_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int show = 0, id = -1, c;
	char output = 0, *end;

	while ((c = getopt_long(argc, argv, "i:mqsaluh", longs, NULL)) != -1) {
		switch (c) {
		case 'i':
			id = (int)strtol(optarg, &end, 0);
			if (*optarg == '\0' || *end != '\0' || id < 0) {
				fprintf(stderr, "ipcs: failed to parse id: "
						"'%s'\n", optarg);
				return 1;
			}
			break;
		case 'm': show |= SHOW_SHM; break;
		case 'q': show |= SHOW_MSG; break;
		case 's': show |= SHOW_SEM; break;
		case 'a': show = SHOW_ALL; break;
		case 'l':
		case 'u': output = (char)c; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (id >= 0) {
		if (show != SHOW_SHM) {
			fprintf(stderr, "ipcs: when using an ID, a single "
					"resource must be specified\n");
			return 1;
		}
		return shm_one(id);
	}
	if (show == 0)
		show = SHOW_ALL;
	if (output == 'l') {
		if (show & SHOW_SHM)
			shm_limits();
	} else if (output == 'u') {
		if (show & SHOW_SHM)
			shm_summary();
	} else {
		if (show & SHOW_MSG)
			printf("\n------ Message Queues --------\n%-10s %-10s "
			       "%-10s %-10s %-12s %-12s\n", "key", "msqid",
				"owner", "perms", "used-bytes", "messages");
		if (show & SHOW_SHM)
			shm_list();
		if (show & SHOW_SEM)
			printf("\n------ Semaphore Arrays --------\n%-10s %-10s "
			       "%-10s %-10s %-10s\n", "key", "semid", "owner",
				"perms", "nsems");
	}
	printf("\n");
	return 0;
}
