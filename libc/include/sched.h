/*
 * picolibc's <sched.h> plus sched_yield, which it declares only for
 * systems that define _POSIX_THREADS or _POSIX_PRIORITY_SCHEDULING (and so
 * promise much more than libmk has).
 */
#ifndef MK_SCHED_H
#define MK_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif
int sched_yield(void);
#ifdef __cplusplus
}
#endif

#endif /* MK_SCHED_H */
