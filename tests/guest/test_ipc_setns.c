/*
 * Namespace files and setns: /proc/self/ns/ipc and /proc/PID/ns/ipc open
 * to a descriptor that names the namespace (readlink, stat and fstat
 * agree on its number), setns moves the caller there, and an open
 * descriptor keeps a namespace with no task alive until it is closed.
 * The program spawns copies of itself (argv[1] picks the child's part).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mk/mk.h>

#include "harness.h"
#include "ipcns_sync.h"

#define SELF "test_ipc_setns"
#define KEY 0x5e7a5001
#define PAGES 16

/* The namespace number readlink shows for path, or 0. */
static unsigned long long ns_number(const char *path)
{
	char link[64];
	unsigned long long n = 0;
	ssize_t len = readlink(path, link, sizeof(link) - 1);

	if (len <= 0)
		return 0;
	link[len] = '\0';
	return sscanf(link, "ipc:[%llu]", &n) == 1 ? n : 0;
}

static unsigned long long fd_number(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

static uint64_t frames_free(void)
{
	struct mk_frames f;

	ipcns_sync();
	return mk_frames(&f) == 0 ? f.free : 0;
}

/* ---- the children ---- */

/* "nobody FD": setns without CAP_SYS_ADMIN; exit with its errno. */
static int child_nobody(void)
{
	int fd = open("/proc/self/ns/ipc", O_RDONLY);

	if (fd < 0 || setuid(65534) != 0)
		return 100;
	return setns(fd, CLONE_NEWIPC) == 0 ? 0 : errno;
}

/* "away": unshare and wait to be killed. */
static int child_away(void)
{
	if (unshare(CLONE_NEWIPC) != 0)
		return 1;
	for (;;)
		usleep(1000);
}

static pid_t spawn_child(const char *mode)
{
	char *argv[] = {SELF, (char *)mode, NULL};
	pid_t pid;

	return posix_spawn(&pid, SELF, NULL, NULL, argv, NULL) == 0 ? pid : -1;
}

static int reap(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* ---- the tests ---- */

static const char *namespace_files_agree_on_the_number(void)
{
	int fd = open("/proc/self/ns/ipc", O_RDONLY);
	unsigned long long n = ns_number("/proc/self/ns/ipc");
	char path[48];
	struct stat st;

	FAIL_IF(fd < 0, "open: %s", strerror(errno));
	FAIL_IF(n == 0, "readlink: %s", strerror(errno));
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)getpid());
	EXPECT_EQ(fd_number(fd), n, "fstat's st_ino");
	EXPECT_EQ(ns_number(path), n, "by pid");
	EXPECT_EQ(ns_number("/proc/thread-self/ns/ipc"), n, "thread-self");
	FAIL_IF(stat("/proc/self/ns/ipc", &st) != 0 || st.st_ino != n,
		"stat's st_ino");
	EXPECT_EQ(close(fd), 0, "close");
	EXPECT_EQ(close(fd), -1, "close twice");
	EXPECT_EQ(errno, EBADF, "its errno");
	EXPECT_EQ(open("/proc/self/ns/net", O_RDONLY), -1, "another kind");
	EXPECT_EQ(errno, ENOENT, "its errno");
	EXPECT_EQ(open("/proc/999999/ns/ipc", O_RDONLY), -1, "no such pid");
	EXPECT_EQ(errno, ENOENT, "its errno");
	return NULL;
}

static const char *another_task_s_namespace_by_its_pid(void)
{
	pid_t pid = spawn_child("away");
	unsigned long long mine = ns_number("/proc/self/ns/ipc"), its = 0;
	char path[48];

	FAIL_IF(pid < 0, "spawn");
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
	for (int i = 0; i < 2000 && (its == 0 || its == mine); i++) {
		usleep(1000);
		its = ns_number(path);
	}
	kill(pid, SIGKILL);
	reap(pid);
	FAIL_IF(its == 0 || its == mine, "the child's namespace %llu, ours "
		"%llu", its, mine);
	return NULL;
}

static const char *setns_goes_back_and_keys_follow(void)
{
	int home = open("/proc/self/ns/ipc", O_RDONLY), id, seen;
	unsigned long long n = fd_number(home);

	FAIL_IF(home < 0, "open: %s", strerror(errno));
	FAIL_IF(unshare(CLONE_NEWIPC) != 0, "unshare: %s", strerror(errno));
	FAIL_IF(ns_number("/proc/self/ns/ipc") == n, "unshare kept the number");
	id = shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	FAIL_IF(id < 0, "shmget: %s", strerror(errno));
	EXPECT_EQ(setns(home, CLONE_NEWIPC), 0, "setns");
	EXPECT_EQ(ns_number("/proc/self/ns/ipc"), n, "back home");
	seen = shmget(KEY, 0, 0) < 0 ? errno : 0;
	EXPECT_EQ(seen, ENOENT, "the other namespace's key");
	EXPECT_EQ(setns(home, 0), 0, "setns with nstype 0, same namespace");
	close(home);
	return NULL;
}

static const char *setns_refusals_in_linux_order(void)
{
	int fd = open("/proc/self/ns/ipc", O_RDONLY), status;
	pid_t pid;

	EXPECT_EQ(setns(-1, CLONE_NEWIPC), -1, "fd -1");
	EXPECT_EQ(errno, EBADF, "its errno");
	EXPECT_EQ(setns(40, CLONE_NEWIPC), -1, "a closed fd");
	EXPECT_EQ(errno, EBADF, "its errno");
	EXPECT_EQ(setns(fd, CLONE_NEWUTS), -1, "another nstype");
	EXPECT_EQ(errno, EINVAL, "its errno");
	close(fd);
	pid = spawn_child("nobody");
	status = pid < 0 ? -1 : reap(pid);
	FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != EPERM,
		"as nobody: status %#x, expected exit %d (EPERM)", status,
		EPERM);
	return NULL;
}

static const char *open_descriptor_keeps_an_empty_namespace(void)
{
	int home = open("/proc/self/ns/ipc", O_RDONLY), away, id;
	uint64_t before, held, after;

	FAIL_IF(home < 0, "open: %s", strerror(errno));
	before = frames_free();
	FAIL_IF(unshare(CLONE_NEWIPC) != 0, "unshare: %s", strerror(errno));
	id = shmget(KEY, PAGES * 4096, IPC_CREAT | 0600);
	away = open("/proc/self/ns/ipc", O_RDONLY);
	FAIL_IF(id < 0 || away < 0, "shmget %d, open %d", id, away);
	setns(home, 0); /* the other namespace has no task now */
	held = frames_free();
	EXPECT_EQ(setns(away, 0), 0, "setns into it again");
	EXPECT_EQ(shmget(KEY, 0, 0), id, "its segment is still there");
	setns(home, 0);
	close(away);
	after = frames_free();
	close(home);
	FAIL_IF(held + PAGES > before, "the segment's frames are not in use");
	FAIL_IF(after < held + PAGES,
		"%llu frames free after the close, %llu before: the "
		"namespace did not end", (unsigned long long)after,
		(unsigned long long)held);
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct harness_test tests[] = {
		HARNESS_TEST(namespace_files_agree_on_the_number),
		HARNESS_TEST(another_task_s_namespace_by_its_pid),
		HARNESS_TEST(setns_goes_back_and_keys_follow),
		HARNESS_TEST(setns_refusals_in_linux_order),
		HARNESS_TEST(open_descriptor_keeps_an_empty_namespace),
	};

	if (argc == 2 && strcmp(argv[1], "nobody") == 0)
		return child_nobody();
	if (argc == 2 && strcmp(argv[1], "away") == 0)
		return child_away();
	return harness_run(tests, HARNESS_COUNT(tests));
}
