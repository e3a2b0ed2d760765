/*
 * Clocks and sleeps in the guest: clock_gettime's clocks and its errno,
 * nanosleep's lower bound and its errno, sleep, usleep and sched_yield.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
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
	HARNESS_TEST(nanosleep_sleeps_at_least_the_time_asked),
	HARNESS_TEST(nanosleep_rejects_a_bad_time),
	HARNESS_TEST(sleep_usleep_and_sched_yield_work),
};

int main(void)
{
	return harness_run(tests, HARNESS_COUNT(tests));
}
