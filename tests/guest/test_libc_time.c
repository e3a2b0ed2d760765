/*
 * Clocks and sleeps in the guest: clock_gettime's clocks and its errno,
 * nanosleep's lower bound and its errno, sleep, usleep and sched_yield.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define NS_PER_SEC 1000000000ll

/* Monotonic nanoseconds. */
static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * NS_PER_SEC + t.tv_nsec;
}

static const char *monotonic_clock_never_goes_back(void)
{
	struct timespec prev, t;

	FAIL_IF(clock_gettime(CLOCK_MONOTONIC, &prev) != 0, "clock_gettime: %s",
		strerror(errno));
	FAIL_IF(prev.tv_sec == 0 && prev.tv_nsec == 0, "clock reads 0");
	for (int i = 0; i < 2000; i++) {
		FAIL_IF(clock_gettime(CLOCK_MONOTONIC, &t) != 0,
			"clock_gettime: %s", strerror(errno));
		FAIL_IF(t.tv_nsec < 0 || t.tv_nsec >= NS_PER_SEC,
			"tv_nsec %ld out of range", t.tv_nsec);
		FAIL_IF(t.tv_sec < prev.tv_sec ||
				(t.tv_sec == prev.tv_sec &&
					t.tv_nsec < prev.tv_nsec),
			"went back from %lld.%09ld to %lld.%09ld",
			(long long)prev.tv_sec, prev.tv_nsec,
			(long long)t.tv_sec, t.tv_nsec);
		prev = t;
	}
	FAIL_IF(clock_gettime(CLOCK_REALTIME, &t) != 0, "CLOCK_REALTIME: %s",
		strerror(errno));
	FAIL_IF(clock_gettime(CLOCK_BOOTTIME, &t) != 0, "CLOCK_BOOTTIME: %s",
		strerror(errno));
	return NULL;
}

/* The board's clock: some time after this program was written (2026). */
#define WALL_CLOCK_FLOOR 1767225600 /* 2026-01-01 00:00:00 UTC */

static const char *realtime_is_the_wall_clock_and_moves_with_monotonic(void)
{
	struct timespec wall, mono, wall2, mono2;
	time_t now = time(NULL);
	struct timeval tv;
	long long dw, dm;

	FAIL_IF(clock_gettime(CLOCK_REALTIME, &wall) != 0 ||
			clock_gettime(CLOCK_MONOTONIC, &mono) != 0,
		"clock_gettime: %s", strerror(errno));
	FAIL_IF(wall.tv_sec < WALL_CLOCK_FLOOR,
		"CLOCK_REALTIME reads %lld s: not a wall clock",
		(long long)wall.tv_sec);
	FAIL_IF(now < wall.tv_sec - 1 || now > wall.tv_sec + 1,
		"time() %lld, CLOCK_REALTIME %lld", (long long)now,
		(long long)wall.tv_sec);
	FAIL_IF(gettimeofday(&tv, NULL) != 0 || tv.tv_sec < wall.tv_sec,
		"gettimeofday %lld before CLOCK_REALTIME %lld",
		(long long)tv.tv_sec, (long long)wall.tv_sec);
	usleep(20000);
	clock_gettime(CLOCK_REALTIME, &wall2);
	clock_gettime(CLOCK_MONOTONIC, &mono2);
	dw = (wall2.tv_sec - wall.tv_sec) * NS_PER_SEC + wall2.tv_nsec -
	     wall.tv_nsec;
	dm = (mono2.tv_sec - mono.tv_sec) * NS_PER_SEC + mono2.tv_nsec -
	     mono.tv_nsec;
	FAIL_IF(dw < 20000000 || dw - dm > 1000000 || dm - dw > 1000000,
		"over a 20 ms sleep: realtime %lld ns, monotonic %lld ns", dw,
		dm);
	return NULL;
}

static const char *nanosleep_sleeps_at_least_the_time_asked(void)
{
	static const long asked[] = {1, 1000, 150000, 1500000, 20000000};

	for (size_t i = 0; i < sizeof(asked) / sizeof(asked[0]); i++) {
		struct timespec t = {0, asked[i]};
		long long t0 = now_ns(), took;

		FAIL_IF(nanosleep(&t, NULL) != 0, "nanosleep: %s",
			strerror(errno));
		took = now_ns() - t0;
		FAIL_IF(took < asked[i], "asked %ld ns, slept %lld", asked[i],
			took);
	}
	return NULL;
}

static const char *sleep_usleep_and_sched_yield_work(void)
{
	long long t0 = now_ns(), took;

	EXPECT_EQ(usleep(2500), 0, "usleep");
	took = now_ns() - t0;
	FAIL_IF(took < 2500000, "usleep(2500) took %lld ns", took);
	t0 = now_ns();
	EXPECT_EQ(sleep(1), 0, "sleep(1)");
	took = now_ns() - t0;
	FAIL_IF(took < NS_PER_SEC, "sleep(1) took %lld ns", took);
	EXPECT_EQ(sleep(0), 0, "sleep(0)");
	EXPECT_EQ(sched_yield(), 0, "sched_yield");
	return NULL;
}

static const char *nanosleep_rejects_a_bad_time(void)
{
	static const struct timespec bad[] = {
		{0, NS_PER_SEC}, {0, -1}, {-1, 0}, {1, 2 * NS_PER_SEC}};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		FAIL_IF(nanosleep(&bad[i], NULL) != -1 || errno != EINVAL,
			"nanosleep({%lld, %ld}): errno %d, not EINVAL",
			(long long)bad[i].tv_sec, bad[i].tv_nsec, errno);
	}
	return NULL;
}

static const char *clock_gettime_rejects_a_bad_clock(void)
{
	static const clockid_t bad[] = {-1, 10, 12, 99};
	struct timespec t;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		FAIL_IF(clock_gettime(bad[i], &t) != -1 || errno != EINVAL,
			"clock_gettime(%d): errno %d, not EINVAL", bad[i],
			errno);
	}
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(monotonic_clock_never_goes_back),
	HARNESS_TEST(clock_gettime_rejects_a_bad_clock),
	HARNESS_TEST(realtime_is_the_wall_clock_and_moves_with_monotonic),
	HARNESS_TEST(nanosleep_sleeps_at_least_the_time_asked),
	HARNESS_TEST(nanosleep_rejects_a_bad_time),
	HARNESS_TEST(sleep_usleep_and_sched_yield_work),
};

int main(void)
{
	return harness_run(tests, HARNESS_COUNT(tests));
}
