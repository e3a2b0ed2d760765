/*
 * The three seed scenarios of IPC namespaces with SysV shared memory:
 * keys do not cross an unshare in either direction, one key in two
 * namespaces names two segments, and IPC_RMID frees the key at once.
 * The program spawns copies of itself (argv[1] picks the child's part);
 * parent and child talk through a segment of the parent's namespace that
 * the child attached before it unshared (an attachment keeps working in
 * the namespace it was made in).
 */
#include <errno.h>
#include <sched.h>
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

#define SELF "test_ipc_ns_shm"
#define KEY_PARENT 0x5eed0001
#define KEY_CHILD 0x5eed0002
#define KEY_BOTH 0x5eed0003
#define KEY_RMID 0x5eed0004
#define WAIT_ROUNDS 5000 /* of 1 ms: 5 s */

/* The mailbox in the parent's segment. */
struct mailbox {
	volatile int child_state;  /* 1 ready, 2 failed step + 10 ... */
	volatile int parent_done;
	volatile int child_saw;	   /* errno or 0 of the child's checks */
	volatile int child_value;  /* what the child read in its segment */
};

/* Wait until *flag is nonzero: 0, or -1 after WAIT_ROUNDS. */
static int await_flag(volatile int *flag)
{
	for (int i = 0; i < WAIT_ROUNDS; i++) {
		if (*flag)
			return 0;
		usleep(1000);
	}
	return -1;
}

/* ---- the child's parts ---- */

/*
 * Attach the parent's mailbox segment (argv[2]), then unshare. Returns the
 * mailbox, or NULL (the child then exits with the step that failed).
 */
static struct mailbox *child_enter(const char *shmid, int *step)
{
	struct mailbox *box = shmat(atoi(shmid), NULL, 0);

	*step = 1;
	if (box == (void *)-1)
		return NULL;
	*step = 2;
	if (unshare(CLONE_NEWIPC) != 0)
		return NULL;
	return box;
}

/* "keys": the parent's key is gone here; make ours; tell; wait. */
static int child_keys(const char *shmid)
{
	int step, id;
	struct mailbox *box = child_enter(shmid, &step);

	if (!box)
		return step;
	box->child_saw = shmget(KEY_PARENT, 0, 0) < 0 ? errno : 0;
	id = shmget(KEY_CHILD, 4096, IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0)
		return 3;
	box->child_state = 1;
	if (await_flag(&box->parent_done))
		return 4;
	return 0;
}

/* "same": create the key the parent has; write our mark in it. */
static int child_same(const char *shmid)
{
	int step, id;
	struct mailbox *box = child_enter(shmid, &step);
	int *mine;

	if (!box)
		return step;
	id = shmget(KEY_BOTH, 4096, IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0)
		return 3;
	mine = shmat(id, NULL, 0);
	if (mine == (void *)-1)
		return 4;
	*mine = 2;
	box->child_value = *mine;
	box->child_state = 1;
	if (await_flag(&box->parent_done))
		return 5;
	return 0;
}

/* "warm": a namespace with a segment in it, gone at our exit. */
static int child_warm(void)
{
	if (unshare(CLONE_NEWIPC) != 0)
		return 1;
	return shmget(KEY_CHILD, 4096, IPC_CREAT | 0600) < 0 ? 2 : 0;
}

static int child_main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "warm") == 0)
		return child_warm();
	if (argc == 3 && strcmp(argv[1], "keys") == 0)
		return child_keys(argv[2]);
	if (argc == 3 && strcmp(argv[1], "same") == 0)
		return child_same(argv[2]);
	return 100;
}

/* ---- helpers ---- */

/* A fresh mailbox segment, attached: its id, or -1. */
static int mailbox_make(struct mailbox **box)
{
	int id = shmget(IPC_PRIVATE, sizeof(**box), IPC_CREAT | 0600);

	if (id < 0)
		return -1;
	*box = shmat(id, NULL, 0);
	if (*box == (void *)-1) {
		shmctl(id, IPC_RMID, NULL);
		return -1;
	}
	return id;
}

static void mailbox_drop(int id, struct mailbox *box)
{
	shmdt(box);
	shmctl(id, IPC_RMID, NULL);
}

/* Start SELF in mode with the mailbox id: the pid, or -errno. */
static pid_t spawn_child(const char *mode, int box_id)
{
	char arg[16];
	char *argv[] = {SELF, (char *)mode, box_id ? arg : NULL, NULL};
	pid_t pid;
	int r;

	snprintf(arg, sizeof(arg), "%d", box_id);
	r = posix_spawn(&pid, SELF, NULL, NULL, argv, NULL);
	return r == 0 ? pid : -r;
}

/* Wait for pid: its exit code, or -1 if it did not exit normally. */
static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* ---- the tests ---- */

static const char *keys_do_not_cross_an_unshare_either_way(void)
{
	struct mailbox *box;
	int box_id = mailbox_make(&box), mine, seen_there, seen_here, code;
	pid_t pid;

	FAIL_IF(box_id < 0, "mailbox: %s", strerror(errno));
	mine = shmget(KEY_PARENT, 4096, IPC_CREAT | IPC_EXCL | 0600);
	FAIL_IF(mine < 0, "shmget parent key: %s", strerror(errno));
	pid = spawn_child("keys", box_id);
	FAIL_IF(pid < 0, "posix_spawn: %s", strerror(-pid));

	/* While the child lives, its namespace and key exist: not here. */
	if (await_flag(&box->child_state) == 0)
		seen_there = shmget(KEY_CHILD, 0, 0) < 0 ? errno : 0;
	else
		seen_there = -1;
	box->parent_done = 1;
	code = reap(pid);
	seen_here = box->child_saw;
	shmctl(mine, IPC_RMID, NULL);
	mailbox_drop(box_id, box);
	FAIL_IF(code != 0, "child failed at step %d", code);
	FAIL_IF(seen_here != ENOENT,
		"child's shmget of the parent's key: %s, expected ENOENT",
		strerror(seen_here));
	FAIL_IF(seen_there != ENOENT,
		"parent's shmget of the child's key: %d, expected ENOENT",
		seen_there);
	return NULL;
}

static const char *one_key_in_two_namespaces_names_two_segments(void)
{
	struct mailbox *box;
	int box_id = mailbox_make(&box), id, code, mark, child_mark;
	int *ours;
	pid_t pid;

	FAIL_IF(box_id < 0, "mailbox: %s", strerror(errno));
	id = shmget(KEY_BOTH, 4096, IPC_CREAT | IPC_EXCL | 0600);
	FAIL_IF(id < 0, "shmget: %s", strerror(errno));
	ours = shmat(id, NULL, 0);
	FAIL_IF(ours == (void *)-1, "shmat: %s", strerror(errno));
	*ours = 1;
	pid = spawn_child("same", box_id);
	FAIL_IF(pid < 0, "posix_spawn: %s", strerror(-pid));
	await_flag(&box->child_state);
	mark = *ours;
	box->parent_done = 1;
	code = reap(pid);
	child_mark = box->child_value;
	shmdt(ours);
	shmctl(id, IPC_RMID, NULL);
	mailbox_drop(box_id, box);
	FAIL_IF(code != 0, "child failed at step %d", code);
	FAIL_IF(child_mark != 2, "child's segment read %d", child_mark);
	FAIL_IF(mark != 1, "ours reads %d after the child wrote its own",
		mark);
	return NULL;
}

static const char *ipc_rmid_frees_the_key_at_once(void)
{
	struct shmid_ds ds;
	int old, fresh, stat_old, after;
	void *at;

	old = shmget(KEY_RMID, 4096, IPC_CREAT | IPC_EXCL | 0600);
	FAIL_IF(old < 0, "shmget: %s", strerror(errno));
	at = shmat(old, NULL, 0);
	FAIL_IF(at == (void *)-1, "shmat: %s", strerror(errno));
	FAIL_IF(shmctl(old, IPC_RMID, NULL) != 0, "IPC_RMID: %s",
		strerror(errno));
	fresh = shmget(KEY_RMID, 4096, IPC_CREAT | IPC_EXCL | 0600);
	stat_old = shmctl(old, IPC_STAT, &ds);
	shmdt(at);
	after = shmctl(old, IPC_STAT, &ds) < 0 ? errno : 0;
	if (fresh >= 0)
		shmctl(fresh, IPC_RMID, NULL);
	FAIL_IF(fresh < 0, "shmget after IPC_RMID: %s", strerror(errno));
	FAIL_IF(fresh == old, "the new segment has the old id");
	FAIL_IF(stat_old != 0, "old id while attached: %s", strerror(errno));
	FAIL_IF(after != EINVAL, "old id after the last detach: %s",
		strerror(after));
	return NULL;
}

/*
 * Grow the server's heap to what the tests need (a heap never shrinks),
 * so that the frame count at the start is comparable with the one at the
 * end: a segment here and a child's namespace with one.
 */
static void warm_up(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	pid_t pid = spawn_child("warm", 0);

	if (pid > 0)
		reap(pid);
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	ipcns_sync();
}

/* Last: everything the tests made must be given back. */
static uint64_t frames_at_start;

static const char *every_frame_comes_back(void)
{
	struct mk_frames f;

	ipcns_sync();
	mk_frames(&f);
	FAIL_IF(f.free != frames_at_start, "%lld frames free, %lld at start",
		(long long)f.free, (long long)frames_at_start);
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct harness_test tests[] = {
		HARNESS_TEST(keys_do_not_cross_an_unshare_either_way),
		HARNESS_TEST(one_key_in_two_namespaces_names_two_segments),
		HARNESS_TEST(ipc_rmid_frees_the_key_at_once),
		HARNESS_TEST(every_frame_comes_back),
	};
	struct mk_frames f;

	if (argc > 1)
		return child_main(argc, argv);
	warm_up();
	mk_frames(&f);
	frames_at_start = f.free;
	return harness_run(tests, HARNESS_COUNT(tests));
}
