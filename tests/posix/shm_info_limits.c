/*
 * IPC_INFO and SHM_INFO in a fresh namespace: Linux's default limits
 * (shmmax and shmall 2^64 - 2^24, shmmni 4096, shmmin 1, shmseg = shmmni),
 * the highest index in use as the return value (0 when none), and the
 * usage: segments and pages in use, with sizes rounded up to pages.
 * Not printed: shm_rss, which Linux counts as pages touched while the
 * guest allocates every page at shmget (docs/limits.md).
 */
#include "posix_test.h"

static void limits(void)
{
	struct shminfo info;
	int r;

	memset(&info, 0, sizeof(info));
	r = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
	say("IPC_INFO returns: %s", r == -1 ? errno_name(errno) : decimal(r));
	say("shmmax: %lu", (unsigned long)info.shmmax);
	say("shmmin: %lu", (unsigned long)info.shmmin);
	say("shmmni: %lu", (unsigned long)info.shmmni);
	say("shmseg: %lu", (unsigned long)info.shmseg);
	say("shmall: %lu", (unsigned long)info.shmall);
	r = shmctl(12345, IPC_INFO, (struct shmid_ds *)&info);
	say("IPC_INFO with id 12345 returns: %s",
		r == -1 ? errno_name(errno) : decimal(r));
}

static void usage(const char *when)
{
	struct shm_info info;
	int r;

	memset(&info, 0xff, sizeof(info));
	r = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
	say("%s: SHM_INFO returns %s, used_ids %d, shm_tot %lu", when,
		r == -1 ? errno_name(errno) : decimal(r), info.used_ids,
		(unsigned long)info.shm_tot);
	say("%s: swap_attempts %lu, swap_successes %lu", when,
		(unsigned long)info.swap_attempts,
		(unsigned long)info.swap_successes);
	say("%s: IPC_INFO returns %s", when,
		decimal(shmctl(0, IPC_INFO, &(struct shmid_ds){0})));
}

int main(void)
{
	int small, page, more;
	void *p;

	limits();
	usage("empty");
	small = shm_new(IPC_PRIVATE, 1, 0600);
	page = shm_new(IPC_PRIVATE, 4096, 0600);
	more = shm_new(IPC_PRIVATE, 4097, 0600);
	usage("sizes 1, 4096 and 4097");
	p = shm_attach(more, 0);
	usage("one attached");
	CHECK(shmctl(page, IPC_RMID, NULL) == 0);
	usage("the middle one removed");
	CHECK(shmctl(more, IPC_RMID, NULL) == 0);
	usage("the last one removed while attached");
	CHECK(shmctl(small, IPC_RMID, NULL) == 0);
	usage("the first one removed");
	CHECK(shmdt(p) == 0);
	usage("the last detached");
	return 0;
}
