/*
 * picolibc's <sys/wait.h> (its W* macros decode Linux's wait status, and
 * WNOHANG is Linux's 1) plus the Linux macros it lacks.
 */
#ifndef MK_SYS_WAIT_H
#define MK_SYS_WAIT_H

#include_next <sys/wait.h>

#ifndef WCONTINUED
#define WCONTINUED 8
#endif
#ifndef WCOREDUMP
#define WCOREDUMP(w) (((w)&0x80) != 0)
#endif
#ifndef WIFCONTINUED
#define WIFCONTINUED(w) ((w) == 0xffff)
#endif

#endif /* MK_SYS_WAIT_H */
