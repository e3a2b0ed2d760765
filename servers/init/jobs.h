/*
 * The programs the shell starts. A foreground program is waited for and
 * ^C kills it; a background one is a numbered job, reported when it
 * ends. The servers init starts live here too, so that kill finds them.
 */
#ifndef INIT_JOBS_H
#define INIT_JOBS_H

#include <stdbool.h>

#define JOBS_MAX 16	   /* background jobs at once */
#define JOBS_SERVERS_MAX 8 /* servers init starts */

/* The shell's status for a program that is not in the boot image, and
 * for one that is but cannot be started (as POSIX shells use them). */
#define JOBS_STATUS_NOT_FOUND 127
#define JOBS_STATUS_CANNOT_RUN 126
/* The status of a wait or sleep that ^C stopped: 128 + SIGINT. */
#define JOBS_STATUS_INTERRUPTED 130

/*
 * Start the boot-image program argv[0] with argv. In the foreground, wait
 * for it (^C kills it), report a non-zero end ("[exit 3]") and return its
 * status ($?). In the background, print "[N] ID command" and return 0.
 * A program that cannot start gets one line and JOBS_STATUS_*.
 */
int jobs_run(char *const argv[], bool background);

struct mk_spawn_attr;

/* Start the server `name` for the system's life, with attr's handles
 * (attr may be NULL): 0, or a negative errno after a line saying why. */
int jobs_start_server(const char *name, const struct mk_spawn_attr *attr);

/* Report and forget every background job and server that has ended. */
void jobs_reap(void);

/* Wait until no background job is left, reporting each. Returns 0, or
 * JOBS_STATUS_INTERRUPTED if ^C stopped the wait. */
int jobs_wait_all(void);

/*
 * The task handle of the shell's child named by spec: a task id ("7") or
 * a job number ("%1"). Returns the handle with *task_id, or -1 if the
 * shell has no such child.
 */
int jobs_find(const char *spec, long *task_id);

#endif /* INIT_JOBS_H */
