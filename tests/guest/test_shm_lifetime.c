/*
 * SysV shared memory across tasks and namespaces: attachments ended by
 * exit and kill are counted at once, a removed segment lives until its
 * last attachment ends, an attachment works on after its task left the
 * namespace it was made in, and every frame comes back. The program
 * spawns copies of itself (argv[1] picks the child's part) and unshares
 * first, so it starts from an empty namespace.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mk/mk.h>

#include "harness.h"
#include "ipcns_sync.h"

#define SELF "test_shm_lifetime"
#define PAGE 4096
#define BIG_PAGES 64
#define WAIT_ROUNDS 5000 /* of 1 ms */

/* ---- children ---- */

/* "attach ID N": attach N times, then exit (the exit detaches them). */
static int child_attach(int id, int n)
{
	for (int i = 0; i < n; i++)
		if (shmat(id, NULL, 0) == (void *)-1)
			return 1 + i;
	return 0;
}

/* "hold ID": attach, say so in the segment's first int, wait forever. */
static int child_hold(int id)
{
	volatile int *p = shmat(id, NULL, 0);

	if (p == (void *)-1)
		return 1;
	*p = 1;
	for (;;)
		usleep(1000);
}

static uint64_t frames_free(void)
{
	struct mk_frames f;

	return mk_frames(&f) == 0 ? f.free : 0;
}

/*
 * "leave": unshare into B, make and attach a segment there, unshare
 * again (B has no task now) and check that the attachment still works,
 * that B's id means nothing where we are now, and that detaching gives
 * the frames back. (That B itself lives until then is not visible from
 * here without setns; servers/ipcns/tests/test_ipcns_ns.c checks it.)
 */
static int child_leave(void)
{
	uint64_t before, after;
	volatile char *p;
	int id;

	if (unshare(CLONE_NEWIPC) != 0)
		return 1;
	id = shmget(IPC_PRIVATE, BIG_PAGES * PAGE, 0600);
	p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);
	if (p == (void *)-1)
		return 2;
	p[0] = 'b';
	if (unshare(CLONE_NEWIPC) != 0)
		return 3;
	if (shmctl(id, IPC_STAT, &(struct shmid_ds){0}) == 0)
		return 4; /* B's id must mean nothing in the new namespace */
	p[PAGE] = p[0];
	ipcns_sync();
	before = frames_free();
	if (shmdt((void *)p) != 0)
		return 5;
	ipcns_sync();
	after = frames_free();
	return after >= before + BIG_PAGES ? 0 : 6;
}

static int child_main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "attach") == 0)
		return child_attach(atoi(argv[2]), atoi(argv[3]));
	if (argc == 3 && strcmp(argv[1], "hold") == 0)
		return child_hold(atoi(argv[2]));
	if (argc == 2 && strcmp(argv[1], "leave") == 0)
		return child_leave();
	return 100;
}

/* ---- helpers ---- */

static pid_t spawn(const char *mode, int id, int n)
{
	char a[16], b[16];
	char *argv[] = {SELF, (char *)mode, a, b, NULL};
	pid_t pid;

	snprintf(a, sizeof(a), "%d", id);
	snprintf(b, sizeof(b), "%d", n);
	if (n < 0)
		argv[3] = NULL;
	if (id < 0)
		argv[2] = NULL;
	return posix_spawn(&pid, SELF, NULL, NULL, argv, NULL) == 0 ? pid : -1;
}

static int reap(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static struct shmid_ds stat_of(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		memset(&ds, 0, sizeof(ds));
	return ds;
}

/* ---- tests ---- */

static const char *exit_detaches_every_attachment_of_the_task(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600), status;
	struct shmid_ds ds;
	pid_t pid;

	FAIL_IF(id < 0, "shmget: %s", strerror(errno));
	pid = spawn("attach", id, 3);
	FAIL_IF(pid < 0, "spawn");
	status = reap(pid);
	ds = stat_of(id);
	shmctl(id, IPC_RMID, NULL);
	FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != 0,
		"child status %#x", status);
	EXPECT_EQ(ds.shm_nattch, 0, "shm_nattch after the exit");
	EXPECT_EQ(ds.shm_lpid, pid, "shm_lpid is the child's");
	FAIL_IF(ds.shm_dtime < ds.shm_atime || ds.shm_atime == 0,
		"atime %lld, dtime %lld", (long long)ds.shm_atime,
		(long long)ds.shm_dtime);
	return NULL;
}

static const char *kill_detaches_and_nattch_is_exact_meanwhile(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600), status, rounds = 0;
	volatile int *flag;
	pid_t pid;
	long held;

	FAIL_IF(id < 0, "shmget: %s", strerror(errno));
	flag = shmat(id, NULL, 0);
	FAIL_IF(flag == (void *)-1, "shmat: %s", strerror(errno));
	pid = spawn("hold", id, -1);
	FAIL_IF(pid < 0, "spawn");
	while (!*flag && rounds++ < WAIT_ROUNDS)
		usleep(1000);
	held = (long)stat_of(id).shm_nattch;
	kill(pid, SIGKILL);
	status = reap(pid);
	EXPECT_EQ(held, 2, "shm_nattch while the child holds it");
	EXPECT_EQ(stat_of(id).shm_nattch, 1, "shm_nattch after the kill");
	FAIL_IF(!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL,
		"child status %#x", status);
	shmdt((void *)flag);
	shmctl(id, IPC_RMID, NULL);
	return NULL;
}

static const char *removed_segment_ends_with_its_last_attacher(void)
{
	int id = shmget(IPC_PRIVATE, BIG_PAGES * PAGE, 0600), err;
	volatile int *flag;
	uint64_t held;
	pid_t pid;
	int rounds = 0;

	FAIL_IF(id < 0, "shmget: %s", strerror(errno));
	pid = spawn("hold", id, -1);
	FAIL_IF(pid < 0, "spawn");
	flag = shmat(id, NULL, SHM_RDONLY);
	while (flag != (void *)-1 && !*flag && rounds++ < WAIT_ROUNDS)
		usleep(1000);
	shmdt((void *)flag);
	shmctl(id, IPC_RMID, NULL);
	ipcns_sync();
	held = frames_free();
	kill(pid, SIGTERM);
	reap(pid);
	err = shmctl(id, IPC_STAT, &(struct shmid_ds){0}) < 0 ? errno : 0;
	FAIL_IF(err != EINVAL, "the id after the last detach: %s",
		err ? strerror(err) : "still there");
	FAIL_IF(frames_free() < held + BIG_PAGES,
		"%llu frames free after, %llu before: the segment's did not "
		"come back", (unsigned long long)frames_free(),
		(unsigned long long)held);
	return NULL;
}

static const char *attachment_outlives_its_task_leaving_the_namespace(void)
{
	pid_t pid = spawn("leave", -1, -1);
	int status = pid < 0 ? -1 : reap(pid);

	FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != 0,
		"child failed at step %d (status %#x)", WEXITSTATUS(status),
		status);
	return NULL;
}

/* Last: everything the tests made must be given back. */
static uint64_t frames_at_start;

static const char *every_frame_comes_back(void)
{
	ipcns_sync();
	EXPECT_EQ(frames_free(), frames_at_start, "free frames");
	return NULL;
}

/*
 * Grow, before the start count, what the tests grow and nothing gives
 * back: the server's heap (it never shrinks), and this task's page tables
 * where its BIG_PAGES attachment will be (a page-table page stays until
 * the address space ends, and whether that attachment needs a new one
 * depends on what is mapped before it, the boot image for one).
 */
static void warm_up(void)
{
	pid_t pid = spawn("leave", -1, -1);
	int id = shmget(IPC_PRIVATE, BIG_PAGES * PAGE, 0600);
	void *p = id < 0 ? (void *)-1 : shmat(id, NULL, SHM_RDONLY);

	if (pid > 0)
		reap(pid);
	if (p != (void *)-1)
		shmdt(p);
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	ipcns_sync();
}

int main(int argc, char **argv)
{
	static const struct harness_test tests[] = {
		HARNESS_TEST(exit_detaches_every_attachment_of_the_task),
		HARNESS_TEST(kill_detaches_and_nattch_is_exact_meanwhile),
		HARNESS_TEST(removed_segment_ends_with_its_last_attacher),
		HARNESS_TEST(attachment_outlives_its_task_leaving_the_namespace),
		HARNESS_TEST(every_frame_comes_back),
	};

	if (argc > 1)
		return child_main(argc, argv);
	if (unshare(CLONE_NEWIPC) != 0) {
		printf("FAIL unshare: %s\n0 passed, 1 failed\n", strerror(errno));
		return 1;
	}
	warm_up();
	frames_at_start = frames_free();
	return harness_run(tests, HARNESS_COUNT(tests));
}
