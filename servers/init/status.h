/*
 * What a program's end means to the shell. Pure code, checked by the
 * host tests. Wait statuses use Linux's encoding: exit code << 8, or the
 * signal that killed the task.
 */
#ifndef INIT_STATUS_H
#define INIT_STATUS_H

#include <stddef.h>

/* The shell's $? for a wait status: the exit code, or 128 + signal. */
int status_code(int wstatus);

/*
 * Describe a wait status into buf (len bytes, NUL-terminated) the way the
 * shell reports it: "exit 3", "killed: signal 11 (segmentation fault)",
 * or "done" for exit code 0. Returns buf.
 */
char *status_describe(int wstatus, char *buf, size_t len);

/* Linux's description of a signal ("segmentation fault"), or NULL. */
const char *status_signal_name(int signal);

#endif /* INIT_STATUS_H */
