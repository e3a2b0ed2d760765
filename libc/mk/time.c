/*
 * Clocks and sleeps over the kernel's two clocks: SYS_CLOCK_NS, monotonic
 * nanoseconds since boot, and SYS_CLOCK_REALTIME_NS, the wall clock the
 * kernel read from the board at boot (it cannot be set).
 */
#include <sched.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "mk/errno.h"
#include "mk/mk.h"

#define NS_PER_SEC 1000000000ull

/*
 * The clocks that read the kernel's clock: every clock id Linux has except
 * the CPU-time clocks (XXX: no CPU-time accounting) and the alarm clocks.
 */
static int time_clock_known(clockid_t clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return 1;
	default:
		return 0;
	}
}

/* Whether clock counts from 1970, not from boot. */
static int time_clock_is_wall(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE ||
	       clock == CLOCK_TAI;
}

int clock_gettime(clockid_t clock, struct timespec *tp)
{
	long ns;

	if (!time_clock_known(clock))
		return __mk_errno(-MK_EINVAL);
	if (tp == NULL)
		return __mk_errno(-MK_EFAULT);
	ns = time_clock_is_wall(clock) ? mk_clock_realtime_ns() : mk_clock_ns();
	tp->tv_sec = (time_t)((uint64_t)ns / NS_PER_SEC);
	tp->tv_nsec = (long)((uint64_t)ns % NS_PER_SEC);
	return 0;
}

/* picolibc's time() reads this; the time zone is always UTC. */
int gettimeofday(struct timeval *__restrict tv, void *__restrict tz)
{
	long ns = mk_clock_realtime_ns();

	if (tv != NULL) {
		tv->tv_sec = (time_t)((uint64_t)ns / NS_PER_SEC);
		tv->tv_usec = (suseconds_t)((uint64_t)ns % NS_PER_SEC / 1000);
	}
	if (tz != NULL) {
		struct timezone *zone = tz;

		zone->tz_minuteswest = 0;
		zone->tz_dsttime = 0;
	}
	return 0;
}

/*
 * Sleep at least req. The kernel's sleep counts whole timer ticks and may
 * end a fraction of a tick early, so sleep again for what is left until
 * the clock says the time has passed.
 */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	uint64_t ns, end, now;
	long r;

	if (req == NULL)
		return __mk_errno(-MK_EFAULT);
	if (req->tv_sec < 0 || req->tv_nsec < 0 ||
		(uint64_t)req->tv_nsec >= NS_PER_SEC)
		return __mk_errno(-MK_EINVAL);

	/* Longer than the clock will ever run (584 years): saturate. */
	if ((uint64_t)req->tv_sec >= UINT64_MAX / NS_PER_SEC)
		ns = UINT64_MAX;
	else
		ns = (uint64_t)req->tv_sec * NS_PER_SEC +
		     (uint64_t)req->tv_nsec;
	now = (uint64_t)mk_clock_ns();
	end = now + ns < now ? UINT64_MAX : now + ns;

	while (now < end) {
		r = mk_sleep_ns(end - now);
		now = (uint64_t)mk_clock_ns();
		if (r < 0) {
			uint64_t left = now < end ? end - now : 0;

			if (rem != NULL) {
				rem->tv_sec = (time_t)(left / NS_PER_SEC);
				rem->tv_nsec = (long)(left % NS_PER_SEC);
			}
			return __mk_errno(r);
		}
	}
	return 0;
}

unsigned sleep(unsigned seconds)
{
	struct timespec t = {.tv_sec = seconds, .tv_nsec = 0};

	nanosleep(&t, NULL);
	return 0;
}

/* Any count of microseconds, as Linux (glibc) accepts. */
int usleep(useconds_t usec)
{
	struct timespec t = {
		.tv_sec = (time_t)(usec / 1000000),
		.tv_nsec = (long)(usec % 1000000) * 1000,
	};

	return nanosleep(&t, NULL);
}

int sched_yield(void)
{
	mk_yield();
	return 0;
}
