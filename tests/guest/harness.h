/*
 * The guest tests' harness: each test is a function that returns NULL on
 * success or a reason; harness_run() runs a table of them, prints
 * "PASS name", "FAIL name: why" or "SKIP name: why" per test and
 * "N passed, N failed" (with ", N skipped" when some were), and returns
 * the program's exit status (0 only if no test failed).
 */
#ifndef TESTS_GUEST_HARNESS_H
#define TESTS_GUEST_HARNESS_H

#include <stddef.h>
#include <stdio.h>

struct harness_test {
	const char *name;
	const char *(*run)(void);
};

#define HARNESS_TEST(fn) {#fn, fn}
#define HARNESS_COUNT(table) (sizeof(table) / sizeof((table)[0]))

/* The current failure's reason; FAIL_IF formats into it. */
extern char harness_why[200];

/* Fail the current test with a formatted reason when cond holds. */
#define FAIL_IF(cond, ...)                                                     \
	do {                                                                   \
		if (cond) {                                                    \
			snprintf(harness_why, sizeof(harness_why),             \
				__VA_ARGS__);                                  \
			return harness_why;                                    \
		}                                                              \
	} while (0)

/* Set by SKIP_IF: the current test's reason is why it was skipped. */
extern int harness_skipped;

/* Skip the current test, saying why, when cond holds (the platform cannot
 * show the behaviour, for example). */
#define SKIP_IF(cond, ...)                                                     \
	do {                                                                   \
		if (cond) {                                                    \
			harness_skipped = 1;                                   \
			snprintf(harness_why, sizeof(harness_why),             \
				__VA_ARGS__);                                  \
			return harness_why;                                    \
		}                                                              \
	} while (0)

/* Fail when a call's result is not the expected one (both printed). */
#define EXPECT_EQ(got, want, what)                                             \
	do {                                                                   \
		long got_ = (long)(got), want_ = (long)(want);                 \
		FAIL_IF(got_ != want_, "%s: %ld, expected %ld", what, got_,    \
			want_);                                                \
	} while (0)

int harness_run(const struct harness_test *tests, size_t count);

#endif /* TESTS_GUEST_HARNESS_H */
