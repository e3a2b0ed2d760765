/*
 * Helpers for the kernel's guest tests that run copies of themselves as
 * the other side of a conversation (test_kernel_ipc.c, test_kernel_mem.c):
 * starting a child in a mode with handles at slots 1, 2, ..., ending it
 * without ever waiting forever, killing the children of a failed test, a
 * watchdog thread that ends receives that wait too long, and the checks a
 * child reports with its exit code. Header-only, like ktest.h; define
 * KC_PROGRAM (the program's boot-image name) before including it.
 */
#ifndef TESTS_GUEST_KTEST_CHILD_H
#define TESTS_GUEST_KTEST_CHILD_H

#include <stdio.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "harness.h"
#include "ktest.h"

#ifndef KC_PROGRAM
#error "define KC_PROGRAM before including ktest_child.h"
#endif

#define KC_MS (1000ull * 1000)
#define KC_H1 1 /* the first handle a child is given, then KC_H2 */
#define KC_H2 2
#define KC_WATCHDOG_BIT (1ull << 63) /* notification: a receive timed out */
#define KC_MAX_CHILDREN 6

/* ---- children: start, end, and clean up after a failed test ---- */

static int kc_children[KC_MAX_CHILDREN];
static int kc_nchildren;

/*
 * Start `KC_PROGRAM mode arg` with handles[0..n) given at slots 1..n of
 * the child, with rights[i] (NULL or 0: the caller's), and a memory quota
 * of `quota` pages (0: the caller's), and without the ipc-ns endpoint.
 * Needs kt_reserve_ipcns_slot() first.
 * Returns the task handle, or -errno.
 */
static inline long kc_start(const char *mode, long arg, const int *handles,
	const uint32_t *rights, int n, uint64_t quota)
{
	char num[24];
	char *argv[] = {KC_PROGRAM, (char *)mode, num, NULL};
	/* Slot 1 is the first given handle, not the ipc-ns endpoint. */
	struct mk_spawn_attr attr = {.mem_quota_pages = quota,
		.flags = MK_SPAWN_NO_IPCNS};
	int given[MK_SPAWN_HANDLES_MAX];
	long task;

	snprintf(num, sizeof(num), "%ld", arg);
	attr.handle_count = n;
	attr.given = given;
	for (int i = 0; i < n; i++) {
		attr.handles[i] = handles[i];
		attr.rights[i] = rights ? rights[i] : 0;
	}
	task = mk_spawn(KC_PROGRAM, argv, NULL, &attr);
	if (task < 0)
		return task;
	for (int i = 0; i < n; i++) {
		if (given[i] != i + 1) {
			mk_task_kill((int)task, MK_SIGKILL);
			kt_reap((int)task);
			return -MK_EPROTO;
		}
	}
	if (kc_nchildren < KC_MAX_CHILDREN)
		kc_children[kc_nchildren++] = (int)task;
	return task;
}

static inline void kc_forget(int task)
{
	for (int i = 0; i < kc_nchildren; i++) {
		if (kc_children[i] == task) {
			kc_children[i] = kc_children[--kc_nchildren];
			return;
		}
	}
}

/*
 * Wait for the child to end, killing it after KT_WAIT_NS: its wait
 * status, or -MK_ETIMEDOUT if it had to be killed. Closes its handle.
 */
static inline long kc_end(int task)
{
	long end = mk_clock_ns() + (long)KT_WAIT_NS;
	struct mk_exit ex;
	long r;

	kc_forget(task);
	while ((r = mk_task_wait(task, &ex, MK_WAIT_NOHANG)) == 0) {
		if (mk_clock_ns() > end) {
			mk_task_kill(task, MK_SIGKILL);
			kt_reap(task);
			return -MK_ETIMEDOUT;
		}
		mk_sleep_ns(2 * KC_MS);
	}
	mk_handle_close(task);
	return r < 0 ? r : ex.status;
}

/* Kill and reap every child still running (a test has failed). */
static inline void kc_kill_all(void)
{
	while (kc_nchildren > 0) {
		int task = kc_children[--kc_nchildren];

		mk_task_kill(task, MK_SIGKILL);
		kt_reap(task);
	}
}

/* FAIL_IF and EXPECT_EQ that first end the test's children. */
#define KC_CHECK(cond, ...)                                                    \
	do {                                                                   \
		if (cond) {                                                    \
			kc_kill_all();                                         \
			FAIL_IF(1, __VA_ARGS__);                               \
		}                                                              \
	} while (0)
#define KC_CHECK_EQ(got, want, what)                                           \
	do {                                                                   \
		long g_ = (long)(got), w_ = (long)(want);                      \
		KC_CHECK(g_ != w_, "%s: %ld, expected %ld", what, g_, w_);     \
	} while (0)
/* The child must exit with 0: its checks all passed. */
#define KC_CHECK_CHILD_OK(task, what)                                          \
	KC_CHECK_EQ(kc_end((int)(task)), KT_EXITED(0), what " (wait status)")

/* ---- the watchdog: a thread that ends receives that wait too long ---- */

static struct kt_thread kc_watchdog;
static volatile int kc_watch_ep = -1;
static volatile long kc_watch_until;

static inline void kc_watchdog_main(struct kt_thread *self)
{
	(void)self;
	for (;;) {
		mk_sleep_ns(20 * KC_MS);
		if (kc_watch_ep >= 0 && mk_clock_ns() > kc_watch_until) {
			mk_ep_notify(kc_watch_ep, KC_WATCHDOG_BIT);
			kc_watch_ep = -1;
		}
	}
}

/* Start the watchdog (once, before the free-frame count is taken). */
static inline long kc_watchdog_start(void)
{
	return kt_thread_start(&kc_watchdog, kc_watchdog_main, NULL);
}

/*
 * mk_receive on ep into m, with room `cap` at buf: its result, or
 * -MK_ETIMEDOUT if nothing came within KT_WAIT_NS.
 */
static inline long kc_receive(int ep, struct mk_msg *m, void *buf, uint32_t cap)
{
	long r;

	memset(m, 0, sizeof(*m));
	m->buf = (uint64_t)buf;
	m->cap = cap;
	kc_watch_until = mk_clock_ns() + (long)KT_WAIT_NS;
	kc_watch_ep = ep;
	r = mk_receive(ep, m);
	kc_watch_ep = -1;
	if (r == 0 && m->label == MK_LABEL_NOTIFY &&
		(m->w[0] & KC_WATCHDOG_BIT))
		return -MK_ETIMEDOUT;
	return r;
}

/* ---- byte patterns ---- */

static inline void kc_pattern_fill(void *p, size_t n, unsigned seed)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 31 + seed);
}

/* Index of the first byte that breaks the pattern, or n. */
static inline size_t kc_pattern_check(const void *p, size_t n, unsigned seed)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)(i * 31 + seed))
			return i;
	return n;
}

/* ---- the children's side ---- */

static const char *kc_child_mode;

/* Report a child's failed check on the console; its exit code. */
static inline int kc_child_fail(int code, const char *what, long got)
{
	printf("%s child: %s: %ld\n", kc_child_mode, what, got);
	return code;
}

/* In a child's mode function: exit with `code` unless got == want. */
#define KC_CHILD_EXPECT(got, want, code, what)                                 \
	do {                                                                   \
		long g_ = (long)(got);                                         \
		if (g_ != (long)(want))                                        \
			return kc_child_fail(code, what, g_);                  \
	} while (0)

/* A child's mode: its name and what it runs (its exit code). */
struct kc_mode {
	const char *name;
	int (*run)(long arg);
};

/* Run the mode named `mode` from modes[count]. */
static inline int kc_child_main(
	const struct kc_mode *modes, size_t count, const char *mode, long arg)
{
	kc_child_mode = mode;
	for (size_t i = 0; i < count; i++)
		if (strcmp(modes[i].name, mode) == 0)
			return modes[i].run(arg);
	return kc_child_fail(100, "unknown mode", 0);
}

#endif /* TESTS_GUEST_KTEST_CHILD_H */
