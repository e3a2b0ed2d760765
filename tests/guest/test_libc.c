/*
 * The first guest program and smoke test of the user runtime: start-up
 * (argv, envp, data, bss, TLS, constructors), stdio, malloc over sbrk,
 * errno from raw results, a few system calls, spawn and wait, and the
 * FPU. Prints "PASS name" or "FAIL name: why" per test, then
 * "N passed, N failed"; exits 0 only if every test passed.
 *
 * Child modes, for the spawn test and for init's boot tests: "test_libc exit=N"
 * exits with N at once; "test_libc segv" writes through a null pointer and is
 * killed (SIGSEGV).
 */
#include <errno.h>
#include <picotls.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "harness.h"

#define CHILD_PREFIX "exit="
#define CHILD_SEGV "segv"

static int main_argc;
static char **main_argv;
static char **main_envp;

static int data_word = 0x1234;
static unsigned char bss_block[8192];
static __thread int tls_seven = 7;
static __thread int tls_zero;
static int constructor_calls;

__attribute__((constructor)) static void count_constructor(void)
{
	constructor_calls++;
}

static const char *printf_returns_bytes_written(void)
{
	int n = printf("hello, world\n");

	FAIL_IF(n != 13, "printf returned %d, not 13", n);
	return NULL;
}

static const char *snprintf_formats_integers_and_strings(void)
{
	char buf[64];
	const char *want = "-42 ok ff 1099511627776";

	snprintf(buf, sizeof(buf), "%d %s %x %lu", -42, "ok", 255u, 1ul << 40);
	FAIL_IF(strcmp(buf, want) != 0, "got '%s', not '%s'", buf, want);
	return NULL;
}

static const char *argv_and_envp_are_null_terminated(void)
{
	const char *slash;
	int envc = 0;

	FAIL_IF(main_argc < 1, "argc is %d", main_argc);
	FAIL_IF(main_argv[main_argc] != NULL, "argv[argc] is not NULL");
	slash = strrchr(main_argv[0], '/');
	slash = slash != NULL ? slash + 1 : main_argv[0];
	FAIL_IF(strcmp(slash, "test_libc") != 0, "argv[0] is '%s'", main_argv[0]);
	while (main_envp[envc] != NULL && envc < 10000)
		envc++;
	FAIL_IF(main_envp[envc] != NULL, "envp has no terminating NULL");
	FAIL_IF(environ != main_envp, "environ is not main's envp");
	return NULL;
}

static const char *data_and_bss_start_initialised(void)
{
	FAIL_IF(data_word != 0x1234, "data word is %#x", data_word);
	for (size_t i = 0; i < sizeof(bss_block); i++)
		FAIL_IF(bss_block[i] != 0, "bss byte %zu is %u", i,
			bss_block[i]);
	return NULL;
}

static const char *constructors_run_once_before_main(void)
{
	FAIL_IF(constructor_calls != 1, "constructor ran %d times",
		constructor_calls);
	return NULL;
}

static const char *tls_block_holds_tdata_zero_tbss_and_errno(void)
{
	char *tp = __builtin_thread_pointer();
	char *e = (char *)&errno;

	FAIL_IF(tp == NULL, "tp is not set");
	FAIL_IF(tls_seven != 7, "tdata variable is %d, not 7", tls_seven);
	FAIL_IF(tls_zero != 0, "tbss variable is %d, not 0", tls_zero);
	FAIL_IF(e < tp || e >= tp + _tls_size(),
		"errno at %p is outside the TLS block %p + %zu", (void *)e,
		(void *)tp, _tls_size());
	tls_seven = 8;
	FAIL_IF(tls_seven != 8, "TLS variable cannot be written");
	return NULL;
}

/* Fill n bytes at p with a pattern that depends on seed. */
static void pattern_fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

/* Index of the first byte of p that breaks the pattern, or n. */
static size_t pattern_check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 31 + seed))
			return i;
	return n;
}

static const char *malloc_serves_sizes_from_the_heap(void)
{
	static const size_t sizes[] = {1, 24, 4096, 65539, 3u << 20};
	enum { COUNT = sizeof(sizes) / sizeof(sizes[0]) };
	unsigned char *p[COUNT];

	for (unsigned i = 0; i < COUNT; i++) {
		uintptr_t a;

		p[i] = malloc(sizes[i]);
		FAIL_IF(p[i] == NULL, "malloc(%zu) failed: %s", sizes[i],
			strerror(errno));
		a = (uintptr_t)p[i];
		FAIL_IF(a < MK_HEAP_BASE ||
				a + sizes[i] > MK_HEAP_BASE + MK_HEAP_MAX,
			"malloc(%zu) = %p, outside the heap", sizes[i],
			(void *)p[i]);
		pattern_fill(p[i], sizes[i], i);
	}
	/* Checked after all are filled: overlapping blocks would show. */
	for (unsigned i = 0; i < COUNT; i++) {
		size_t bad = pattern_check(p[i], sizes[i], i);

		FAIL_IF(bad != sizes[i], "block of %zu changed at byte %zu",
			sizes[i], bad);
		free(p[i]);
	}
	return NULL;
}

static const char *malloc_beyond_the_heap_fails_with_enomem(void)
{
	void *p;

	errno = 0;
	p = malloc((size_t)MK_HEAP_MAX * 2);
	FAIL_IF(p != NULL, "malloc of 2 GiB returned %p", p);
	FAIL_IF(errno != ENOMEM, "errno is %d, not ENOMEM", errno);
	return NULL;
}

static const char *closing_a_bad_handle_sets_ebadf(void)
{
	long r = mk_handle_close(12345);

	FAIL_IF(r != -MK_EBADF, "raw result %ld, not %d", r, -MK_EBADF);
	errno = 0;
	FAIL_IF(__mk_result(r) != -1, "__mk_result did not return -1");
	FAIL_IF(errno != EBADF, "errno is %d, not EBADF (%d)", errno, EBADF);
	return NULL;
}

static const char *errno_names_follow_linux_numbers(void)
{
	static const struct {
		const char *name;
		int picolibc, linux_number;
	} names[] = {
		{"EPERM", EPERM, 1}, {"ENOENT", ENOENT, 2}, {"EINTR", EINTR, 4},
		{"EBADF", EBADF, 9}, {"EAGAIN", EAGAIN, 11},
		{"ENOMEM", ENOMEM, 12}, {"EACCES", EACCES, 13},
		{"EFAULT", EFAULT, 14}, {"EEXIST", EEXIST, 17},
		{"EINVAL", EINVAL, 22}, {"ENOSPC", ENOSPC, 28},
		{"ERANGE", ERANGE, 34}, {"ENOSYS", ENOSYS, 38},
		{"ENOMSG", ENOMSG, 42}, {"EIDRM", EIDRM, 43},
	};

	/* A raw -N from the kernel must come out as the name Linux gives N. */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		errno = 0;
		FAIL_IF(__mk_errno(-names[i].linux_number) != -1,
			"__mk_errno did not return -1");
		FAIL_IF(errno != names[i].picolibc,
			"-%d sets errno %d, not %s (%d)",
			names[i].linux_number, errno, names[i].name,
			names[i].picolibc);
	}
	return NULL;
}

static const char *clock_and_yield_work(void)
{
	long t0 = mk_clock_ns(), t1, r;

	FAIL_IF(t0 <= 0, "clock returned %ld", t0);
	r = mk_yield();
	FAIL_IF(r != 0, "yield returned %ld", r);
	r = mk_sleep_ns(20 * 1000 * 1000);
	FAIL_IF(r != 0, "sleep returned %ld", r);
	t1 = mk_clock_ns();
	FAIL_IF(t1 - t0 < 20 * 1000 * 1000, "slept %ld ns, asked 20 ms",
		t1 - t0);
	return NULL;
}

static const char *bootfs_handle_is_a_read_only_mem_object(void)
{
	struct mk_handle_info info;
	long r = mk_handle_info(MK_HANDLE_BOOTFS, &info);

	FAIL_IF(r != 0, "handle_info returned %ld", r);
	FAIL_IF(info.type != MK_OBJ_MEM, "type %u, not MK_OBJ_MEM", info.type);
	FAIL_IF(info.rights & MK_RIGHT_WRITE, "the boot image is writable");
	return NULL;
}

static const char *spawned_child_exit_status_is_reported(void)
{
	char *argv[] = {"test_libc", CHILD_PREFIX "7", NULL};
	int status = -1;
	long task, r;

	task = mk_spawn("test_libc", argv, NULL, NULL);
	FAIL_IF(task < 0, "mk_spawn returned %ld", task);
	r = mk_wait((int)task, &status);
	mk_handle_close((int)task);
	FAIL_IF(r <= 0, "mk_wait returned %ld", r);
	FAIL_IF(!WIFEXITED(status) || WEXITSTATUS(status) != 7,
		"status %#x, not exit 7", status);
	return NULL;
}

static const char *spawn_rejects_missing_and_empty_names(void)
{
	long r = mk_spawn("no-such-program", NULL, NULL, NULL);

	FAIL_IF(r != -MK_ENOENT, "missing program: %ld, not -ENOENT", r);
	r = mk_spawn("", NULL, NULL, NULL);
	FAIL_IF(r != -MK_EINVAL, "empty name: %ld, not -EINVAL", r);
	return NULL;
}

/* Last: without the FPU enabled for user mode, this traps. */
static const char *double_arithmetic_and_printf_work(void)
{
	volatile double x = 1.5;
	double y = x * 3.25;
	char buf[32];

	snprintf(buf, sizeof(buf), "%.3f", y);
	FAIL_IF(strcmp(buf, "4.875") != 0, "1.5 * 3.25 printed as '%s'", buf);
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(printf_returns_bytes_written),
	HARNESS_TEST(snprintf_formats_integers_and_strings),
	HARNESS_TEST(argv_and_envp_are_null_terminated),
	HARNESS_TEST(data_and_bss_start_initialised),
	HARNESS_TEST(constructors_run_once_before_main),
	HARNESS_TEST(tls_block_holds_tdata_zero_tbss_and_errno),
	HARNESS_TEST(malloc_serves_sizes_from_the_heap),
	HARNESS_TEST(malloc_beyond_the_heap_fails_with_enomem),
	HARNESS_TEST(closing_a_bad_handle_sets_ebadf),
	HARNESS_TEST(errno_names_follow_linux_numbers),
	HARNESS_TEST(clock_and_yield_work),
	HARNESS_TEST(bootfs_handle_is_a_read_only_mem_object),
	HARNESS_TEST(spawned_child_exit_status_is_reported),
	HARNESS_TEST(spawn_rejects_missing_and_empty_names),
	HARNESS_TEST(double_arithmetic_and_printf_work),
};

int main(int argc, char **argv, char **envp)
{
	if (argc == 2 &&
		strncmp(argv[1], CHILD_PREFIX, strlen(CHILD_PREFIX)) == 0)
		return atoi(argv[1] + strlen(CHILD_PREFIX));
	if (argc == 2 && strcmp(argv[1], CHILD_SEGV) == 0) {
		*(volatile int *)NULL = 1;
		return 0; /* not reached: the kernel kills us */
	}

	main_argc = argc;
	main_argv = argv;
	main_envp = envp;
	return harness_run(tests, HARNESS_COUNT(tests));
}
