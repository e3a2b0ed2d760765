/*
 * SysV shared memory calls in the guest, one check per errno row and per
 * visible field of Linux's shmget, shmat, shmdt and shmctl (see
 * ../shared/linux-ipc-facts.md, b.1-b.4 and c.4). Each test starts from an
 * empty namespace: main unshares first. Lifetimes across tasks are in
 * test_shm_lifetime.c.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define KEY 0x7e570001
#define KEY2 0x7e570002
#define PAGE 4096

/* The errno of a call that must fail, or 0 if it succeeded. */
#define ERR(call) ((call) < 0 ? errno : 0)

#define EXPECT_ERRNO(call, want, what)                                         \
	do {                                                                   \
		int e_ = ERR(call);                                            \
		FAIL_IF(e_ != (want), "%s: %s, expected %s", what,             \
			e_ ? strerror(e_) : "success", strerror(want));        \
	} while (0)

/* The same for shmat, which fails with (void *)-1. */
#define EXPECT_AT_ERRNO(call, want, what)                                      \
	do {                                                                   \
		int e_ = (call) == (void *)-1 ? errno : 0;                     \
		FAIL_IF(e_ != (want), "%s: %s, expected %s", what,             \
			e_ ? strerror(e_) : "success", strerror(want));        \
	} while (0)

static int make(int key, size_t size, int flags)
{
	return shmget(key, size, flags | IPC_CREAT | IPC_EXCL);
}

static struct shmid_ds stat_of(int id)
{
	struct shmid_ds ds;

	memset(&ds, 0xa5, sizeof(ds));
	if (shmctl(id, IPC_STAT, &ds) < 0)
		memset(&ds, 0, sizeof(ds));
	return ds;
}

/* ---- shmget ---- */

static const char *shmget_errno_rows_in_linux_order(void)
{
	int id = make(KEY, 100, 0600);

	FAIL_IF(id < 0, "create: %s", strerror(errno));
	EXPECT_ERRNO(shmget(KEY2, 100, 0600), ENOENT, "missing key");
	/* EEXIST before the size check, the size before the permission. */
	EXPECT_ERRNO(shmget(KEY, 1 << 20, IPC_CREAT | IPC_EXCL), EEXIST,
		"EXCL, too big");
	EXPECT_ERRNO(shmget(KEY, 101, 0), EINVAL, "bigger than segsz");
	EXPECT_ERRNO(shmget(KEY, 0, 0), 0, "size 0 asks for nothing");
	EXPECT_ERRNO(shmget(KEY, 100, 0600), 0, "same size");
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 0, 0600), EINVAL, "private, size 0");
	EXPECT_ERRNO(shmget(KEY2, 0, IPC_CREAT | 0600), EINVAL,
		"create with size 0");
	EXPECT_ERRNO(shmget(IPC_PRIVATE, (size_t)-1, 0600), EINVAL,
		"beyond shmmax");
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 4096, SHM_HUGETLB | 0600), ENOMEM,
		"SHM_HUGETLB with CAP_IPC_LOCK, no huge pages");
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *shmget_records_creator_size_and_times(void)
{
	time_t before = time(NULL);
	int id = make(KEY, 5000, 0640);
	struct shmid_ds ds = stat_of(id);

	FAIL_IF(id < 0, "create: %s", strerror(errno));
	shmctl(id, IPC_RMID, NULL);
	EXPECT_EQ(ds.shm_segsz, 5000, "shm_segsz (not rounded)");
	EXPECT_EQ(ds.shm_perm.__key, KEY, "__key");
	EXPECT_EQ(ds.shm_perm.mode, 0640, "mode");
	EXPECT_EQ(ds.shm_perm.uid, getuid(), "uid");
	EXPECT_EQ(ds.shm_perm.cuid, getuid(), "cuid");
	EXPECT_EQ(ds.shm_perm.gid, getgid(), "gid");
	EXPECT_EQ(ds.shm_perm.__seq, (unsigned)id >> 15, "__seq is id >> 15");
	EXPECT_EQ(ds.shm_cpid, getpid(), "shm_cpid");
	EXPECT_EQ(ds.shm_lpid, 0, "shm_lpid");
	EXPECT_EQ(ds.shm_nattch, 0, "shm_nattch");
	EXPECT_EQ(ds.shm_atime, 0, "shm_atime");
	EXPECT_EQ(ds.shm_dtime, 0, "shm_dtime");
	FAIL_IF(ds.shm_ctime < before || ds.shm_ctime > time(NULL),
		"shm_ctime %lld outside [%lld, now]", (long long)ds.shm_ctime,
		(long long)before);
	return NULL;
}

static const char *first_id_is_zero_and_stale_ids_are_einval(void)
{
	int a = shmget(IPC_PRIVATE, 10, 0600), b;

	EXPECT_EQ(a, 0, "first id in a fresh namespace");
	shmctl(a, IPC_RMID, NULL);
	b = shmget(IPC_PRIVATE, 10, 0600);
	FAIL_IF(b < 0 || b == a, "second id %d after %d", b, a);
	EXPECT_ERRNO(shmctl(a, IPC_STAT, &(struct shmid_ds){0}), EINVAL,
		"the removed id");
	shmctl(b, IPC_RMID, NULL);
	return NULL;
}

/* ---- shmat and shmdt ---- */

static const char *shmat_errno_rows(void)
{
	int id = make(KEY, PAGE, 0600);
	char *p;

	FAIL_IF(id < 0, "create: %s", strerror(errno));
	EXPECT_AT_ERRNO(shmat(-1, NULL, 0), EINVAL, "id -1");
	EXPECT_AT_ERRNO(shmat(id + 1, NULL, 0), EINVAL,
		"unused id");
	EXPECT_AT_ERRNO(shmat(id, (void *)0x2000001000, SHM_REMAP), 0,
		"SHM_REMAP at a free address");
	shmdt((void *)0x2000001000);
	EXPECT_AT_ERRNO(shmat(id, NULL, SHM_REMAP), EINVAL,
		"SHM_REMAP without an address");
	EXPECT_AT_ERRNO(shmat(id, (void *)0x2000000123, 0),
		EINVAL, "unaligned without SHM_RND");
	p = shmat(id, (void *)0x2000000123, SHM_RND);
	FAIL_IF(p != (void *)0x2000000000, "SHM_RND gave %p", (void *)p);
	EXPECT_AT_ERRNO(shmat(id, p, 0), EINVAL,
		"over a mapping without SHM_REMAP");
	EXPECT_ERRNO(shmdt(p), 0, "shmdt");
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *shmat_maps_shared_zeroed_memory(void)
{
	int id = make(KEY, 3 * PAGE, 0600);
	char *a = shmat(id, NULL, 0), *b = shmat(id, NULL, 0);
	int zero = 1;

	FAIL_IF(a == (void *)-1 || b == (void *)-1, "shmat: %s",
		strerror(errno));
	FAIL_IF(a == b, "two attaches at one address");
	for (int i = 0; i < 3 * PAGE; i++)
		zero &= a[i] == 0;
	a[0] = 'x';
	a[3 * PAGE - 1] = 'y';
	FAIL_IF(!zero, "a new segment is not zero-filled");
	FAIL_IF(b[0] != 'x' || b[3 * PAGE - 1] != 'y',
		"the second attach does not see the first's writes");
	EXPECT_EQ(stat_of(id).shm_nattch, 2, "shm_nattch");
	shmdt(a);
	shmdt(b);
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *shmat_and_shmdt_update_nattch_pids_and_times(void)
{
	time_t t0 = time(NULL);
	int id = make(KEY, PAGE, 0600);
	struct shmid_ds ds;
	void *p = shmat(id, NULL, 0);

	FAIL_IF(p == (void *)-1, "shmat: %s", strerror(errno));
	ds = stat_of(id);
	EXPECT_EQ(ds.shm_nattch, 1, "shm_nattch after shmat");
	EXPECT_EQ(ds.shm_lpid, getpid(), "shm_lpid after shmat");
	FAIL_IF(ds.shm_atime < t0, "shm_atime %lld before %lld",
		(long long)ds.shm_atime, (long long)t0);
	EXPECT_EQ(ds.shm_dtime, 0, "shm_dtime before shmdt");
	EXPECT_ERRNO(shmdt(p), 0, "shmdt");
	ds = stat_of(id);
	EXPECT_EQ(ds.shm_nattch, 0, "shm_nattch after shmdt");
	FAIL_IF(ds.shm_dtime < ds.shm_atime, "shm_dtime %lld before atime",
		(long long)ds.shm_dtime);
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *shmdt_refuses_what_is_no_attachment(void)
{
	int id = make(KEY, 2 * PAGE, 0600);
	char *p = shmat(id, NULL, 0);
	static char not_shm[PAGE] __attribute__((aligned(PAGE)));

	FAIL_IF(p == (void *)-1, "shmat: %s", strerror(errno));
	EXPECT_ERRNO(shmdt(p + 1), EINVAL, "unaligned");
	EXPECT_ERRNO(shmdt(p + PAGE), EINVAL, "inside the attachment");
	EXPECT_ERRNO(shmdt(not_shm), EINVAL, "our own data");
	EXPECT_ERRNO(shmdt((void *)0x3000000000), EINVAL, "nothing mapped");
	EXPECT_ERRNO(shmdt(p), 0, "the attachment");
	EXPECT_ERRNO(shmdt(p), EINVAL, "twice");
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *shm_remap_replaces_an_attachment(void)
{
	int a = make(KEY, PAGE, 0600), b = make(KEY2, PAGE, 0600);
	char *p = shmat(a, NULL, 0), *q;

	FAIL_IF(p == (void *)-1, "shmat: %s", strerror(errno));
	q = shmat(b, p, SHM_REMAP);
	FAIL_IF(q != p, "SHM_REMAP gave %p for %p", (void *)q, (void *)p);
	EXPECT_EQ(stat_of(a).shm_nattch, 0, "replaced segment's nattch");
	EXPECT_EQ(stat_of(b).shm_nattch, 1, "new segment's nattch");
	shmdt(q);
	shmctl(a, IPC_RMID, NULL);
	shmctl(b, IPC_RMID, NULL);
	return NULL;
}

/* ---- shmctl ---- */

static const char *shmctl_errno_rows(void)
{
	int id = make(KEY, PAGE, 0600);
	struct shmid_ds ds;

	FAIL_IF(id < 0, "create: %s", strerror(errno));
	EXPECT_ERRNO(shmctl(-1, IPC_INFO, &ds), EINVAL, "negative id");
	EXPECT_ERRNO(shmctl(id, -1, &ds), EINVAL, "negative cmd");
	EXPECT_ERRNO(shmctl(id, 99, &ds), EINVAL, "unknown cmd");
	EXPECT_ERRNO(shmctl(id + 1, IPC_STAT, &ds), EINVAL, "unused id");
	EXPECT_ERRNO(shmctl(id + 1, IPC_STAT, NULL), EINVAL,
		"unused id before the bad buffer");
	EXPECT_ERRNO(shmctl(id, IPC_STAT, NULL), EFAULT, "NULL buffer");
	EXPECT_ERRNO(shmctl(id + 1, IPC_SET, NULL), EFAULT,
		"IPC_SET reads the buffer first");
	EXPECT_ERRNO(shmctl(0x7fff, SHM_STAT, &ds), EINVAL, "free index");
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *ipc_set_changes_owner_mode_and_ctime_only(void)
{
	int id = make(KEY, PAGE, 0600);
	struct shmid_ds ds = stat_of(id), after;
	time_t t0 = time(NULL);

	ds.shm_perm.uid = 1234;
	ds.shm_perm.gid = 567;
	ds.shm_perm.mode = 07644; /* only the low 9 bits count */
	ds.shm_perm.cuid = 99;
	ds.shm_segsz = 1;
	EXPECT_ERRNO(shmctl(id, IPC_SET, &ds), 0, "IPC_SET");
	after = stat_of(id);
	shmctl(id, IPC_RMID, NULL);
	EXPECT_EQ(after.shm_perm.uid, 1234, "uid");
	EXPECT_EQ(after.shm_perm.gid, 567, "gid");
	EXPECT_EQ(after.shm_perm.mode, 0644, "mode");
	EXPECT_EQ(after.shm_perm.cuid, getuid(), "cuid unchanged");
	EXPECT_EQ(after.shm_segsz, PAGE, "segsz unchanged");
	FAIL_IF(after.shm_ctime < t0, "shm_ctime %lld not set by IPC_SET",
		(long long)after.shm_ctime);
	return NULL;
}

static const char *info_commands_give_limits_and_usage(void)
{
	struct shminfo lim;
	struct shm_info use;
	int a = make(KEY, 5000, 0600), b = make(KEY2, 10, 0600), top;

	top = shmctl(0, IPC_INFO, (struct shmid_ds *)&lim);
	EXPECT_EQ(top, b > a ? b & 0x7fff : a & 0x7fff, "IPC_INFO's index");
	EXPECT_EQ(lim.shmmni, 4096, "shmmni");
	EXPECT_EQ(lim.shmseg, 4096, "shmseg");
	EXPECT_EQ(lim.shmmin, 1, "shmmin");
	FAIL_IF(lim.shmmax != (unsigned long)-1 - (1ul << 24) ||
			lim.shmall != (unsigned long)-1 - (1ul << 24),
		"shmmax %lu, shmall %lu: not Linux's defaults", lim.shmmax,
		lim.shmall);
	shmctl(0, SHM_INFO, (struct shmid_ds *)&use);
	EXPECT_EQ(use.used_ids, 2, "used_ids");
	EXPECT_EQ(use.shm_tot, 3, "shm_tot (pages)");
	shmctl(a, IPC_RMID, NULL);
	shmctl(b, IPC_RMID, NULL);
	shmctl(0, SHM_INFO, (struct shmid_ds *)&use);
	EXPECT_EQ(use.used_ids, 0, "used_ids after removal");
	return NULL;
}

static const char *shm_stat_takes_an_index_and_returns_the_id(void)
{
	int id = make(KEY, PAGE, 0600);
	struct shmid_ds ds;

	EXPECT_EQ(shmctl(id & 0x7fff, SHM_STAT, &ds), id, "SHM_STAT");
	EXPECT_EQ(shmctl(id & 0x7fff, SHM_STAT_ANY, &ds), id, "SHM_STAT_ANY");
	EXPECT_EQ(ds.shm_segsz, PAGE, "its segsz");
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *shm_lock_sets_and_clears_shm_locked(void)
{
	int id = make(KEY, PAGE, 0600);

	EXPECT_ERRNO(shmctl(id, SHM_LOCK, NULL), 0, "SHM_LOCK");
	FAIL_IF(!(stat_of(id).shm_perm.mode & SHM_LOCKED), "no SHM_LOCKED");
	EXPECT_ERRNO(shmctl(id, SHM_UNLOCK, NULL), 0, "SHM_UNLOCK");
	FAIL_IF(stat_of(id).shm_perm.mode & SHM_LOCKED, "SHM_LOCKED stays");
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *rmid_of_an_attached_segment_defers_and_hides_the_key(void)
{
	int id = make(KEY, PAGE, 0600), again;
	void *p = shmat(id, NULL, 0), *q;
	struct shmid_ds ds;

	FAIL_IF(p == (void *)-1, "shmat: %s", strerror(errno));
	EXPECT_ERRNO(shmctl(id, IPC_RMID, NULL), 0, "IPC_RMID");
	ds = stat_of(id);
	FAIL_IF(!(ds.shm_perm.mode & SHM_DEST), "no SHM_DEST");
	EXPECT_EQ(ds.shm_perm.__key, 0, "__key after IPC_RMID");
	EXPECT_ERRNO(shmget(KEY, 0, 0), ENOENT, "the old key");
	EXPECT_ERRNO(shmctl(id, IPC_RMID, NULL), 0, "IPC_RMID again");
	q = shmat(id, NULL, 0); /* allowed, as on Linux */
	FAIL_IF(q == (void *)-1, "shmat after IPC_RMID: %s", strerror(errno));
	EXPECT_EQ(stat_of(id).shm_nattch, 2, "nattch");
	again = make(KEY, PAGE, 0600);
	FAIL_IF(again < 0, "the key again: %s", strerror(errno));
	shmdt(p);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), 0, "one attachment left");
	shmdt(q);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL, "after the last");
	shmctl(again, IPC_RMID, NULL);
	return NULL;
}

int main(void)
{
	static const struct harness_test tests[] = {
		HARNESS_TEST(first_id_is_zero_and_stale_ids_are_einval),
		HARNESS_TEST(shmget_errno_rows_in_linux_order),
		HARNESS_TEST(shmget_records_creator_size_and_times),
		HARNESS_TEST(shmat_errno_rows),
		HARNESS_TEST(shmat_maps_shared_zeroed_memory),
		HARNESS_TEST(shmat_and_shmdt_update_nattch_pids_and_times),
		HARNESS_TEST(shmdt_refuses_what_is_no_attachment),
		HARNESS_TEST(shm_remap_replaces_an_attachment),
		HARNESS_TEST(shmctl_errno_rows),
		HARNESS_TEST(ipc_set_changes_owner_mode_and_ctime_only),
		HARNESS_TEST(info_commands_give_limits_and_usage),
		HARNESS_TEST(shm_stat_takes_an_index_and_returns_the_id),
		HARNESS_TEST(shm_lock_sets_and_clears_shm_locked),
		HARNESS_TEST(rmid_of_an_attached_segment_defers_and_hides_the_key),
	};

	if (unshare(CLONE_NEWIPC) != 0) {
		printf("FAIL unshare: %s\n0 passed, 1 failed\n", strerror(errno));
		return 1;
	}
	return harness_run(tests, HARNESS_COUNT(tests));
}
