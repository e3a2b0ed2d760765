/*
 * picolibc's <time.h> with Linux's clock ids and the calls libmk adds.
 * picolibc numbers CLOCK_REALTIME 1 and CLOCK_MONOTONIC 4, Linux 0 and 1;
 * libmk's clock_gettime (libc/mk/time.c) reads Linux's, and picolibc has
 * no clock_gettime of its own compiled with the old numbers. picolibc
 * declares clock_gettime and nanosleep only for systems that define
 * _POSIX_TIMERS, which would also promise timer_create: declared here.
 */
#ifndef MK_TIME_H
#define MK_TIME_H

#include_next <time.h>

#undef CLOCK_REALTIME
#undef CLOCK_MONOTONIC
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_MONOTONIC_RAW
#undef CLOCK_REALTIME_COARSE
#undef CLOCK_MONOTONIC_COARSE
#undef CLOCK_BOOTTIME
#undef CLOCK_REALTIME_ALARM
#undef CLOCK_BOOTTIME_ALARM
#undef CLOCK_TAI
#undef TIMER_ABSTIME

#define CLOCK_REALTIME ((clockid_t)0)
#define CLOCK_MONOTONIC ((clockid_t)1)
#define CLOCK_PROCESS_CPUTIME_ID ((clockid_t)2)
#define CLOCK_THREAD_CPUTIME_ID ((clockid_t)3)
#define CLOCK_MONOTONIC_RAW ((clockid_t)4)
#define CLOCK_REALTIME_COARSE ((clockid_t)5)
#define CLOCK_MONOTONIC_COARSE ((clockid_t)6)
#define CLOCK_BOOTTIME ((clockid_t)7)
#define CLOCK_REALTIME_ALARM ((clockid_t)8)
#define CLOCK_BOOTTIME_ALARM ((clockid_t)9)
#define CLOCK_TAI ((clockid_t)11)
#define TIMER_ABSTIME 1

#ifdef __cplusplus
extern "C" {
#endif
int clock_gettime(clockid_t clock, struct timespec *tp);
int nanosleep(const struct timespec *req, struct timespec *rem);
#ifdef __cplusplus
}
#endif

#endif /* MK_TIME_H */
