/*
 * Helpers of the differential programs in tests/posix/ (docs/testing.md,
 * "Differential programs"). Each program is built for Linux and for the
 * guest, and the two outputs must be equal line for line, so everything
 * printed is a relation, a constant or an errno name: never a raw id,
 * address, pid or time, which differ between runs and between systems.
 *
 * Include this before any system header: glibc shows unshare,
 * CLONE_NEWIPC, SHM_STAT and struct shm_info only under _GNU_SOURCE. It
 * includes what the programs use (<sched.h>, <sys/shm.h>, stdio, ...).
 *
 * Conventions: one line per check, "what: result". A step that must work
 * for the rest to mean anything is a CHECK: if it does not, the program
 * says where and exits 1, which fails the test on either side. Children
 * are copies of the program (spawn_self) whose argv[1] names their role;
 * a child prints with a "child: " prefix while its parent waits for it.
 */
#ifndef TESTS_POSIX_POSIX_TEST_H
#define TESTS_POSIX_POSIX_TEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <grp.h>
#endif

/* An ordinary user and group, as Linux's "nobody" and "nogroup". */
#define NOBODY 65534

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The name of a Linux errno value ("EINVAL"), or "errno N". */
static inline const char *errno_name(int e)
{
#define ERRNO_NAME(x)                                                          \
	{                                                                      \
		x, #x                                                          \
	}
	static const struct {
		int value;
		const char *name;
	} names[] = {
		ERRNO_NAME(EPERM),
		ERRNO_NAME(ENOENT),
		ERRNO_NAME(ESRCH),
		ERRNO_NAME(EINTR),
		ERRNO_NAME(EIO),
		ERRNO_NAME(E2BIG),
		ERRNO_NAME(ENOEXEC),
		ERRNO_NAME(EBADF),
		ERRNO_NAME(ECHILD),
		ERRNO_NAME(EAGAIN),
		ERRNO_NAME(ENOMEM),
		ERRNO_NAME(EACCES),
		ERRNO_NAME(EFAULT),
		ERRNO_NAME(EBUSY),
		ERRNO_NAME(EEXIST),
		ERRNO_NAME(EINVAL),
		ERRNO_NAME(ENFILE),
		ERRNO_NAME(EMFILE),
		ERRNO_NAME(ENOSPC),
		ERRNO_NAME(ERANGE),
		ERRNO_NAME(ENOSYS),
		ERRNO_NAME(ENAMETOOLONG),
		ERRNO_NAME(EIDRM),
		ERRNO_NAME(EOVERFLOW),
		ERRNO_NAME(EPROTO),
	};
#undef ERRNO_NAME
	static char other[24];

	for (size_t i = 0; i < COUNT(names); i++)
		if (names[i].value == e)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/* The name of a signal ("SIGKILL"), or "signal N". */
static inline const char *signal_name(int s)
{
#define SIGNAL_NAME(x)                                                         \
	{                                                                      \
		x, #x                                                          \
	}
	static const struct {
		int value;
		const char *name;
	} names[] = {
		SIGNAL_NAME(SIGINT),
		SIGNAL_NAME(SIGILL),
		SIGNAL_NAME(SIGABRT),
		SIGNAL_NAME(SIGBUS),
		SIGNAL_NAME(SIGKILL),
		SIGNAL_NAME(SIGSEGV),
		SIGNAL_NAME(SIGTERM),
	};
#undef SIGNAL_NAME
	static char other[24];

	for (size_t i = 0; i < COUNT(names); i++)
		if (names[i].value == s)
			return names[i].name;
	snprintf(other, sizeof(other), "signal %d", s);
	return other;
}

/*
 * Print one line and flush it, so that the lines of a parent and of the
 * children it waits for come out in the order they were made.
 */
__attribute__((format(printf, 1, 2))) static inline void say(
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* A step the rest depends on; see the top of this file. */
#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			check_failed(__FILE__, __LINE__, #cond);               \
	} while (0)

static inline void check_failed(const char *file, int line, const char *what)
{
	const char *base = strrchr(file, '/');

	say("CHECK failed at %s:%d: %s (errno %s)", base ? base + 1 : file,
		line, what, errno_name(errno));
	exit(1);
}

/* What a call returning -1 and errno on failure did: "ok" or "EINVAL". */
static inline const char *outcome(long r)
{
	return r == -1 ? errno_name(errno) : "ok";
}

/* "what: ok" or "what: EINVAL" for such a call's result. */
#define REPORT(what, call)                                                     \
	do {                                                                   \
		errno = 0;                                                     \
		long r_ = (long)(call);                                        \
		say("%s: %s", what, outcome(r_));                              \
	} while (0)

/* "what: yes" or "what: no". */
static inline void say_bool(const char *what, int cond)
{
	say("%s: %s", what, cond ? "yes" : "no");
}

/* A wait status in words: "exit 3" or "killed by SIGTERM". */
static inline const char *status_words(int status)
{
	static char words[48];

	if (WIFEXITED(status))
		snprintf(words, sizeof(words), "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(words, sizeof(words), "killed by %s",
			signal_name(WTERMSIG(status)));
	else
		snprintf(words, sizeof(words), "status 0x%x", status);
	return words;
}

/*
 * Start a copy of this program (self is argv[0], which names it on both
 * systems) with argv { self, role, args..., NULL }: the child's pid. The
 * argument list ends with NULL; at most 6 arguments.
 */
static inline pid_t spawn_self(const char *self, const char *role, ...)
{
	extern char **environ;
	char *argv[9] = {(char *)self, (char *)role};
	va_list ap;
	pid_t pid;
	int n = 2, r;

	va_start(ap, role);
	while (n < 8 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	fflush(stdout);
	r = posix_spawn(&pid, self, NULL, NULL, argv, environ);
	errno = r;
	CHECK(r == 0);
	return pid;
}

/* Wait for the child pid: its wait status. */
static inline int wait_for(pid_t pid)
{
	int status = 0;

	CHECK(waitpid(pid, &status, 0) == pid);
	return status;
}

/* Spawn a child in role with one argument (or NULL) and wait: status. */
static inline int run_child(const char *self, const char *role, const char *arg)
{
	return wait_for(spawn_self(self, role, arg, (char *)NULL));
}

/* The decimal text of n, for a child's argument (static buffer). */
static inline const char *decimal(long n)
{
	static char text[2][24];
	static int next;

	next ^= 1;
	snprintf(text[next], sizeof(text[next]), "%ld", n);
	return text[next];
}

/*
 * Become the ordinary user NOBODY, group NOBODY, with no privilege. Linux
 * keeps root's supplementary groups (group 0) across setuid, which would
 * grant group bits meant for root's group: drop them first. The guest has
 * no supplementary groups.
 */
static inline void drop_to_nobody(void)
{
#ifdef __linux__
	CHECK(setgroups(0, NULL) == 0);
#endif
	CHECK(setgid(NOBODY) == 0);
	CHECK(setuid(NOBODY) == 0);
	CHECK(getuid() == NOBODY && geteuid() == NOBODY);
}

/* Sleep about a millisecond, giving other tasks the CPU. */
static inline void nap(void)
{
	struct timespec t = {0, 1000000};

	nanosleep(&t, NULL);
}

/* Wait up to 10 s until *word equals value (set by another task). */
static inline void await_word(volatile int *word, int value)
{
	for (int i = 0; i < 10000 && *word != value; i++)
		nap();
	CHECK(*word == value);
}

/* ---- SysV shared memory: steps that must work ---- */

/* shmget that must succeed: the id. */
static inline int shm_new(key_t key, size_t size, int flags)
{
	int id = shmget(key, size, flags);

	CHECK(id >= 0);
	return id;
}

/* IPC_STAT that must succeed. */
static inline struct shmid_ds shm_stat(int id)
{
	struct shmid_ds ds;

	memset(&ds, 0, sizeof(ds));
	CHECK(shmctl(id, IPC_STAT, &ds) == 0);
	return ds;
}

/* shmat at an address of the system's choice that must succeed. */
static inline void *shm_attach(int id, int flags)
{
	void *p = shmat(id, NULL, flags);

	CHECK(p != (void *)-1);
	return p;
}

/* SHM_INFO, which must succeed. */
static inline struct shm_info shm_usage(void)
{
	struct shm_info info;

	memset(&info, 0, sizeof(info));
	CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&info) >= 0);
	return info;
}

/* The parts of an id: Linux's is seq << 15 | index. */
static inline int id_index(int id)
{
	return id & 0x7fff;
}

static inline int id_seq(int id)
{
	return id >> 15;
}

/* A time field in words: "0" or "set" (its value differs every run). */
static inline const char *time_word(time_t t)
{
	return t == 0 ? "0" : "set";
}

/* A mode in octal with its status bits ("01600": SHM_DEST, rw-------). */
static inline const char *mode_octal(unsigned int mode)
{
	static char text[2][16];
	static int next;

	next ^= 1;
	snprintf(text[next], sizeof(text[next]), "0%o", mode);
	return text[next];
}

#endif /* TESTS_POSIX_POSIX_TEST_H */
