/*
 * Linux's signal numbers (asm-generic, as on riscv64), defined before
 * picolibc's <sys/signal.h>: that header numbers signals only when
 * SIGTRAP is not yet defined, so its BSD numbers (SIGBUS 10, SIGCHLD 20,
 * SIGUSR1 30, ...) never appear. The kernel reports deaths with these
 * numbers (MK_SIG* in <mk/abi.h>), so WTERMSIG(status) == SIGBUS holds.
 * <signal.h> includes this file, so both names give the same numbers.
 */
#ifndef MK_SYS_SIGNAL_H
#define MK_SYS_SIGNAL_H

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31
/* XXX: picolibc's signal() and raise() (compiled with its NSIG of 32)
 * reject numbers from 32 up, the real-time range on Linux. */
#define NSIG 65

#include_next <sys/signal.h>

#endif /* MK_SYS_SIGNAL_H */
