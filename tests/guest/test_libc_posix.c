/*
 * The process calls of libmk in the guest: posix_spawn with arguments and
 * environments, waitpid and its W* macros, kill, the errno of bad calls,
 * pids, uids and gids (clocks and sleeps: test_libc_time.c). The program
 * spawns copies of itself as children; argv[1] picks what a child does
 * (see child_main).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mk/mk.h>

#include "harness.h"

#define SELF "test_libc_posix"
#define NS_PER_SEC 1000000000ll
#define NO_SUCH_PID 999999

/* ---- children ---- */

/* Exit 0 if argv is exactly { SELF, "args", "one", "two words", "" }. */
static int child_args(int argc, char **argv)
{
	static const char *const want[] = {"args", "one", "two words", ""};

	if (argc != 5 || strcmp(argv[0], SELF) != 0)
		return 1;
	for (int i = 0; i < 4; i++)
		if (strcmp(argv[i + 1], want[i]) != 0)
			return 2 + i;
	return argv[argc] == NULL ? 0 : 9;
}

/* Exit 0 if the environment is exactly { "MK_A=value 1", "MK_B=" }. */
static int child_env(void)
{
	const char *a = getenv("MK_A"), *b = getenv("MK_B");
	int n = 0;

	while (environ[n] != NULL)
		n++;
	if (n != 2)
		return 1;
	if (a == NULL || strcmp(a, "value 1") != 0)
		return 2;
	if (b == NULL || b[0] != '\0')
		return 3;
	return getenv("MK_C") == NULL ? 0 : 4;
}

/* Exit 0 if the parent's pid (argv[2]) is getppid() and not getpid(). */
static int child_ppid(const char *parent)
{
	pid_t p = (pid_t)atoi(parent);

	if (getppid() != p)
		return 1;
	return getpid() != p && getpid() > 0 ? 0 : 2;
}

/*
 * The setuid rules for a root child, step by step: exit 0, or the number
 * of the first step that went wrong. The parent (uid 0) is unaffected.
 */
static int child_setuid(void)
{
	if (getuid() != 0 || geteuid() != 0)
		return 1;
	if (setuid((uid_t)-1) != -1 || errno != EINVAL)
		return 2;
	if (setgid(100) != 0 || getgid() != 100 || getegid() != 100)
		return 3;
	if (setuid(1000) != 0 || getuid() != 1000 || geteuid() != 1000)
		return 4;
	/* No uid is 0 any more: the privilege is gone, as on Linux. */
	if (setuid(0) != -1 || errno != EPERM || getuid() != 1000)
		return 5;
	if (setuid(1000) != 0)
		return 6;
	if (setgid(200) != -1 || errno != EPERM || getgid() != 100)
		return 7;
	if (setgid(100) != 0)
		return 8;
	return 0;
}

/* Run the child mode argv[1]; -1 if there is no such mode. */
static int child_main(int argc, char **argv)
{
	const char *mode = argv[1];

	if (strcmp(mode, "exit") == 0 && argc == 3)
		return atoi(argv[2]);
	if (strcmp(mode, "args") == 0)
		return child_args(argc, argv);
	if (strcmp(mode, "env") == 0)
		return child_env();
	if (strcmp(mode, "pid") == 0)
		return getpid() & 0xff;
	if (strcmp(mode, "ppid") == 0 && argc == 3)
		return child_ppid(argv[2]);
	if (strcmp(mode, "setuid") == 0)
		return child_setuid();
	if (strcmp(mode, "spin") == 0)
		for (;;)
			sched_yield();
	if (strcmp(mode, "nap") == 0)
		for (;;)
			usleep(1000);
	return -1;
}

/* ---- helpers ---- */

/* Start SELF with argv (argv[0] is set here); the pid, or -errno. */
static pid_t spawn_self(char **argv, char **envp)
{
	pid_t pid = 0;
	int r;

	argv[0] = SELF;
	r = posix_spawn(&pid, SELF, NULL, NULL, argv, envp);
	return r == 0 ? pid : -r;
}

/* Start SELF in mode "exit" with code; the pid, or -errno. */
static pid_t spawn_exit(int code)
{
	char arg[12];
	char *argv[] = {NULL, "exit", arg, NULL};

	snprintf(arg, sizeof(arg), "%d", code);
	return spawn_self(argv, NULL);
}

/* Start SELF in a mode without arguments; the pid, or -errno. */
static pid_t spawn_mode(const char *mode)
{
	char *argv[] = {NULL, (char *)mode, NULL};

	return spawn_self(argv, NULL);
}

/* Wait for pid; its status, or -1 with errno if waitpid failed or
 * returned another pid. */
static int reap(pid_t pid)
{
	int status = -1;
	pid_t r = waitpid(pid, &status, 0);

	if (r != pid) {
		if (r >= 0)
			errno = EPROTO;
		return -1;
	}
	return status;
}

/* Monotonic nanoseconds. */
static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * NS_PER_SEC + t.tv_nsec;
}

/* Wait up to 5 s until task pid has exited (not reaped): 0, or -1. */
static int await_exit(pid_t pid)
{
	long long end = now_ns() + 5 * NS_PER_SEC;
	struct mk_task_info info;

	while (now_ns() < end) {
		if (mk_task_list((uint64_t)pid - 1, &info) == 0 &&
			info.id == (uint64_t)pid &&
			info.state == MK_TASK_EXITED)
			return 0;
		usleep(1000);
	}
	return -1;
}

/* ---- spawn and wait ---- */

static const char *posix_spawn_passes_arguments_in_order(void)
{
	char *argv[] = {NULL, "args", "one", "two words", "", NULL};
	pid_t pid = spawn_self(argv, NULL);
	int status;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	status = reap(pid);
	FAIL_IF(status == -1, "waitpid: %s", strerror(errno));
	FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != 0,
		"child saw other arguments (status %#x)", status);
	return NULL;
}

static const char *exit_statuses_0_1_42_reach_waitpid(void)
{
	static const int codes[] = {0, 1, 42};

	for (int i = 0; i < 3; i++) {
		pid_t pid = spawn_exit(codes[i]);
		int status;

		FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
		status = reap(pid);
		FAIL_IF(status == -1, "waitpid: %s", strerror(errno));
		FAIL_IF(!WIFEXITED(status) || WIFSIGNALED(status),
			"exit %d: status %#x is not an exit", codes[i], status);
		EXPECT_EQ(WEXITSTATUS(status), codes[i], "WEXITSTATUS");
		EXPECT_EQ(status, codes[i] << 8, "Linux's wait status");
	}
	return NULL;
}

static const char *waitpid_reaps_children_in_any_order(void)
{
	pid_t pid[3];

	for (int i = 0; i < 3; i++) {
		pid[i] = spawn_exit(11 + i);
		FAIL_IF(pid[i] <= 0, "posix_spawn: %s", strerror(-pid[i]));
	}
	FAIL_IF(pid[0] == pid[1] || pid[1] == pid[2] || pid[0] == pid[2],
		"two children share a pid");
	for (int i = 2; i >= 0; i--) {
		int status = reap(pid[i]);

		FAIL_IF(status == -1, "waitpid(%d): %s", pid[i],
			strerror(errno));
		EXPECT_EQ(WEXITSTATUS(status), 11 + i, "child's exit code");
	}
	return NULL;
}

static const char *waitpid_any_reaps_each_child_once(void)
{
	pid_t pid[3];
	int seen[3] = {0};

	for (int i = 0; i < 3; i++) {
		pid[i] = spawn_exit(21 + i);
		FAIL_IF(pid[i] <= 0, "posix_spawn: %s", strerror(-pid[i]));
	}
	for (int n = 0; n < 3; n++) {
		int status, i;
		pid_t r = waitpid(-1, &status, 0);

		for (i = 0; i < 3 && pid[i] != r; i++)
			;
		FAIL_IF(i == 3, "waitpid(-1) returned %d, not a child (%s)", r,
			strerror(errno));
		FAIL_IF(seen[i]++, "pid %d reaped twice", r);
		EXPECT_EQ(WEXITSTATUS(status), 21 + i, "child's exit code");
	}
	errno = 0;
	FAIL_IF(waitpid(-1, NULL, 0) != -1 || errno != ECHILD,
		"waitpid(-1) with no children: errno %d, not ECHILD", errno);
	return NULL;
}

static const char *wait_reaps_the_only_child(void)
{
	pid_t pid = spawn_exit(5);
	int status = -1;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	EXPECT_EQ(wait(&status), pid, "wait");
	EXPECT_EQ(WEXITSTATUS(status), 5, "exit code");
	errno = 0;
	FAIL_IF(wait(NULL) != -1 || errno != ECHILD,
		"wait with no children: errno %d, not ECHILD", errno);
	return NULL;
}

static const char *wnohang_returns_zero_until_the_child_exits(void)
{
	long long end = now_ns() + 5 * NS_PER_SEC;
	pid_t pid = spawn_mode("spin"), r;
	int status = -1;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	/* A spinning child never exits by itself: 0, whatever the timing. */
	r = waitpid(pid, &status, WNOHANG);
	kill(pid, SIGKILL);
	status = reap(pid);
	FAIL_IF(r != 0, "WNOHANG on a running child returned %d", r);
	FAIL_IF(status == -1, "waitpid: %s", strerror(errno));

	pid = spawn_exit(3);
	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 && now_ns() < end)
		usleep(500);
	FAIL_IF(r != pid, "WNOHANG never returned the exited child: %d (%s)", r,
		strerror(errno));
	EXPECT_EQ(WEXITSTATUS(status), 3, "exit code");
	return NULL;
}

/* ---- kill ---- */

/* Start `mode`, kill it with sig, and check the status says so. */
static const char *kill_and_check(const char *mode, int sig)
{
	pid_t pid = spawn_mode(mode);
	int status;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	usleep(2000); /* let it get into its loop */
	EXPECT_EQ(kill(pid, 0), 0, "kill(child, 0)");
	FAIL_IF(kill(pid, sig) != 0, "kill(%d): %s", sig, strerror(errno));
	status = reap(pid);
	FAIL_IF(status == -1, "waitpid: %s", strerror(errno));
	FAIL_IF(!WIFSIGNALED(status) || WIFEXITED(status),
		"status %#x is not a kill", status);
	EXPECT_EQ(WTERMSIG(status), sig, "WTERMSIG");
	return NULL;
}

static const char *sigkill_ends_a_spinning_child(void)
{
	return kill_and_check("spin", SIGKILL);
}

static const char *sigterm_ends_a_sleeping_child(void)
{
	return kill_and_check("nap", SIGTERM);
}

static const char *kill_of_an_unreaped_child_succeeds_without_effect(void)
{
	pid_t pid = spawn_exit(4);
	int status;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	FAIL_IF(await_exit(pid) != 0, "child %d did not exit", pid);
	FAIL_IF(kill(pid, 0) != 0, "kill(zombie, 0): %s", strerror(errno));
	FAIL_IF(kill(pid, SIGKILL) != 0, "kill(zombie, SIGKILL): %s",
		strerror(errno));
	status = reap(pid);
	FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != 4,
		"status %#x, not exit 4", status);
	errno = 0;
	FAIL_IF(kill(pid, 0) != -1 || errno != ESRCH,
		"kill(reaped, 0): errno %d, not ESRCH", errno);
	return NULL;
}

static const char *kill_checks_signal_then_pid(void)
{
	pid_t pid = spawn_mode("nap");
	static const int bad[] = {-1, 65, 1000, -SIGKILL};
	int wrong = 0, err = 0;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]) && !wrong; i++) {
		errno = 0;
		if (kill(pid, bad[i]) != -1 || errno != EINVAL) {
			wrong = bad[i];
			err = errno;
		}
	}
	kill(pid, SIGKILL);
	FAIL_IF(reap(pid) == -1, "waitpid: %s", strerror(errno));
	FAIL_IF(wrong != 0, "kill(child, %d): errno %d, not EINVAL", wrong,
		err);

	errno = 0;
	FAIL_IF(kill(NO_SUCH_PID, SIGTERM) != -1 || errno != ESRCH,
		"kill(unknown, SIGTERM): errno %d, not ESRCH", errno);
	errno = 0;
	FAIL_IF(kill(NO_SUCH_PID, 0) != -1 || errno != ESRCH,
		"kill(unknown, 0): errno %d, not ESRCH", errno);
	errno = 0;
	FAIL_IF(kill(NO_SUCH_PID, 99) != -1 || errno != EINVAL,
		"kill(unknown, 99): errno %d, not EINVAL first", errno);
	errno = 0;
	FAIL_IF(kill(NO_SUCH_PID, SIGUSR1) != -1 || errno != ESRCH,
		"kill(unknown, SIGUSR1): errno %d, not ESRCH", errno);
	return NULL;
}

/* A known limit (docs/limits.md): no handlers and no stopping, so the
 * kernel delivers only signals that end a task; others are EINVAL and
 * leave the task alone. */
static const char *kill_with_an_undeliverable_signal_is_einval(void)
{
	static const int sigs[] = {SIGUSR1, SIGSTOP, SIGCHLD};
	pid_t pid = spawn_mode("nap");
	int wrong = 0, err = 0;

	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]) && !wrong; i++) {
		errno = 0;
		if (kill(pid, sigs[i]) != -1 || errno != EINVAL) {
			wrong = sigs[i];
			err = errno;
		}
	}
	errno = 0;
	if (!wrong && kill(pid, 0) != 0) {
		wrong = -1;
		err = errno;
	}
	kill(pid, SIGKILL);
	FAIL_IF(reap(pid) == -1, "waitpid: %s", strerror(errno));
	FAIL_IF(wrong == -1, "the child is gone: errno %d", err);
	FAIL_IF(wrong != 0, "kill(child, %d): errno %d, not EINVAL", wrong,
		err);
	return NULL;
}

static const char *kill_of_a_task_not_ours_is_eperm(void)
{
	pid_t parent = getppid();

	FAIL_IF(parent <= 0, "getppid returned %d", parent);
	EXPECT_EQ(kill(parent, 0), 0, "kill(parent, 0)");
	errno = 0;
	FAIL_IF(kill(parent, SIGTERM) != -1 || errno != EPERM,
		"kill(parent, SIGTERM): errno %d, not EPERM", errno);
	EXPECT_EQ(kill(getpid(), 0), 0, "kill(self, 0)");
	return NULL;
}

/* ---- errno of bad calls ---- */

static const char *waitpid_on_a_non_child_is_echild(void)
{
	const pid_t pids[] = {getpid(), getppid(), NO_SUCH_PID, -5};

	for (size_t i = 0; i < sizeof(pids) / sizeof(pids[0]); i++) {
		errno = 0;
		FAIL_IF(waitpid(pids[i], NULL, WNOHANG) != -1 ||
				errno != ECHILD,
			"waitpid(%d): errno %d, not ECHILD", pids[i], errno);
	}
	errno = 0;
	FAIL_IF(waitpid(-1, NULL, 0x4000) != -1 || errno != EINVAL,
		"waitpid with a bad option: errno %d, not EINVAL", errno);
	return NULL;
}

static const char *posix_spawn_of_a_missing_program_is_enoent(void)
{
	char *argv[] = {"no_such_program", NULL};
	pid_t pid = -1;

	EXPECT_EQ(posix_spawn(&pid, "no_such_program", NULL, NULL, argv, NULL),
		ENOENT, "posix_spawn(missing)");
	EXPECT_EQ(posix_spawnp(
			  &pid, "/bin/no_such_program", NULL, NULL, argv, NULL),
		ENOENT, "posix_spawnp(/bin/missing)");
	EXPECT_EQ(posix_spawn(&pid, "", NULL, NULL, argv, NULL), ENOENT,
		"posix_spawn(\"\")");
	EXPECT_EQ(posix_spawn(&pid, "/bin/", NULL, NULL, argv, NULL), EACCES,
		"posix_spawn(a directory)");
	EXPECT_EQ(pid, -1, "pid after failures");
	return NULL;
}

static const char *posix_spawn_with_file_actions_is_enosys(void)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = {SELF, "exit", "0", NULL};
	pid_t pid = 0;
	int r;

	/* An empty list is accepted. */
	posix_spawn_file_actions_init(&fa);
	r = posix_spawn(&pid, SELF, &fa, NULL, argv, NULL);
	FAIL_IF(r != 0, "empty file actions: %s", strerror(r));
	FAIL_IF(reap(pid) == -1, "waitpid: %s", strerror(errno));

	EXPECT_EQ(posix_spawn_file_actions_addclose(&fa, -1), EBADF,
		"addclose(-1)");
	EXPECT_EQ(posix_spawn_file_actions_adddup2(&fa, 1, 2), 0, "adddup2");
	EXPECT_EQ(posix_spawn(&pid, SELF, &fa, NULL, argv, NULL), ENOSYS,
		"posix_spawn with a dup2 action");
	posix_spawn_file_actions_destroy(&fa);
	return NULL;
}

/* ---- names, pids, environment ---- */

static const char *posix_spawn_finds_a_program_by_name_or_path(void)
{
	static const char *const paths[] = {
		SELF, "/bin/" SELF, "./" SELF, "/x/y/" SELF};
	char *argv[] = {SELF, "exit", "9", NULL};

	for (size_t i = 0; i < 4; i++) {
		pid_t pid = 0;
		int r = (i % 2 ? posix_spawnp : posix_spawn)(
			&pid, paths[i], NULL, NULL, argv, NULL);
		int status;

		FAIL_IF(r != 0, "%s: %s", paths[i], strerror(r));
		status = reap(pid);
		FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != 9,
			"%s: status %#x", paths[i], status);
	}
	return NULL;
}

static const char *child_sees_its_pid_and_its_parent(void)
{
	char parent[12];
	char *argv[] = {NULL, "ppid", parent, NULL};
	pid_t pid, self = getpid();
	int status;

	FAIL_IF(self <= 0, "getpid returned %d", self);
	EXPECT_EQ(getpid(), self, "getpid twice");
	FAIL_IF(getppid() == self, "getppid is getpid");

	pid = spawn_mode("pid");
	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	status = reap(pid);
	EXPECT_EQ(WEXITSTATUS(status), pid & 0xff, "child's getpid (low byte)");

	snprintf(parent, sizeof(parent), "%d", (int)self);
	pid = spawn_self(argv, NULL);
	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	status = reap(pid);
	FAIL_IF(WEXITSTATUS(status) == 1, "child's getppid is not %d", self);
	FAIL_IF(status != 0, "child's getpid is wrong (status %#x)", status);
	return NULL;
}

static const char *child_gets_exactly_the_environment_given(void)
{
	char *argv[] = {NULL, "env", NULL};
	char *envp[] = {"MK_A=value 1", "MK_B=", NULL};
	pid_t pid;
	int status;

	/* Our own environment must not leak into the child's. */
	FAIL_IF(setenv("MK_C", "parent", 1) != 0, "setenv failed");
	FAIL_IF(getenv("MK_C") == NULL || strcmp(getenv("MK_C"), "parent"),
		"getenv does not see setenv");
	pid = spawn_self(argv, envp);
	unsetenv("MK_C");
	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	status = reap(pid);
	FAIL_IF(status != 0, "child's environment is wrong (step %d)",
		WEXITSTATUS(status));
	return NULL;
}

/* ---- credentials ---- */

static const char *ids_agree_and_setuid_follows_linux_rules(void)
{
	pid_t pid;
	int status;

	EXPECT_EQ(geteuid(), getuid(), "geteuid");
	EXPECT_EQ(getegid(), getgid(), "getegid");
	FAIL_IF(getuid() != 0, "runs as uid %u: the rules need uid 0",
		(unsigned)getuid());
	EXPECT_EQ(setuid(0), 0, "setuid to the own uid");

	pid = spawn_mode("setuid");
	FAIL_IF(pid <= 0, "posix_spawn: %s", strerror(-pid));
	status = reap(pid);
	FAIL_IF(status != 0, "child failed at step %d", WEXITSTATUS(status));
	EXPECT_EQ(getuid(), 0, "parent's uid after the child's setuid");
	EXPECT_EQ(getgid(), 0, "parent's gid after the child's setgid");
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(posix_spawn_passes_arguments_in_order),
	HARNESS_TEST(exit_statuses_0_1_42_reach_waitpid),
	HARNESS_TEST(waitpid_reaps_children_in_any_order),
	HARNESS_TEST(waitpid_any_reaps_each_child_once),
	HARNESS_TEST(wait_reaps_the_only_child),
	HARNESS_TEST(wnohang_returns_zero_until_the_child_exits),
	HARNESS_TEST(sigkill_ends_a_spinning_child),
	HARNESS_TEST(sigterm_ends_a_sleeping_child),
	HARNESS_TEST(kill_of_an_unreaped_child_succeeds_without_effect),
	HARNESS_TEST(kill_checks_signal_then_pid),
	HARNESS_TEST(kill_with_an_undeliverable_signal_is_einval),
	HARNESS_TEST(kill_of_a_task_not_ours_is_eperm),
	HARNESS_TEST(waitpid_on_a_non_child_is_echild),
	HARNESS_TEST(posix_spawn_of_a_missing_program_is_enoent),
	HARNESS_TEST(posix_spawn_with_file_actions_is_enosys),
	HARNESS_TEST(posix_spawn_finds_a_program_by_name_or_path),
	HARNESS_TEST(child_sees_its_pid_and_its_parent),
	HARNESS_TEST(child_gets_exactly_the_environment_given),
	HARNESS_TEST(ids_agree_and_setuid_follows_linux_rules),
};

int main(int argc, char **argv)
{
	if (argc >= 2) {
		int r = child_main(argc, argv);

		if (r >= 0)
			return r;
		fprintf(stderr, "%s: unknown mode '%s'\n", SELF, argv[1]);
		return 2;
	}
	return harness_run(tests, HARNESS_COUNT(tests));
}
