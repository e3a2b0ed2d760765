/*
 * Programs the shell starts; see jobs.h. Each child is known by the task
 * handle mk_spawn gave: the shell waits for and kills its children only
 * through those, never with "any child", so a server is never reaped by
 * a wait meant for a job.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mk/errno.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "input.h"
#include "jobs.h"
#include "shell.h"
#include "status.h"

#define JOBS_NAME_MAX 48 /* bytes of the command kept for reports */

struct job {
	bool used;
	bool server;
	int handle;
	long task_id;
	char name[JOBS_NAME_MAX];
};

/* Job N is jobs[N - 1]: a job's number is its slot. */
static struct job jobs[JOBS_MAX];
static struct job servers[JOBS_SERVERS_MAX];

/* Say why argv[0] did not start; returns the shell's status for it. */
static int jobs_spawn_failed(const char *name, long r)
{
	const char *why = mk_spawn_why();

	if (r == -MK_ENOENT) {
		printf("sh: %s: command not found\n", name);
		return JOBS_STATUS_NOT_FOUND;
	}
	if (why != NULL)
		printf("sh: %s: cannot run: %s (%s)\n", name, shell_strerror(r),
			why);
	else
		printf("sh: %s: cannot run: %s\n", name, shell_strerror(r));
	return JOBS_STATUS_CANNOT_RUN;
}

/* Spawn argv[0]; the task handle, or a negative errno. */
static int jobs_spawn(char *const argv[], const struct mk_spawn_attr *attr)
{
	/* The child writes to the same console: ours must be out first. */
	fflush(stdout);
	return mk_spawn(argv[0], argv, NULL, attr);
}

/* Wait for the foreground task; ^C kills it. Returns 0 with *wstatus,
 * or a negative errno. */
static long jobs_wait_foreground(int task, int *wstatus)
{
	struct mk_exit ended;
	unsigned flags = MK_WAIT_NOHANG;
	long r;

	/* A short program is often done after one turn of the CPU. */
	mk_yield();
	while ((r = mk_task_wait(task, &ended, flags)) == 0) {
		if (input_interrupted()) {
			printf("^C\n");
			mk_task_kill(task, MK_SIGINT);
			flags = 0; /* it ends at its next return to user mode */
		} else {
			mk_sleep_ns(INPUT_POLL_NS);
		}
	}
	if (r > 0)
		*wstatus = ended.status;
	return r < 0 ? r : 0;
}

/* Run argv in the foreground: its status, or JOBS_STATUS_* if it could
 * not start. */
static int jobs_run_foreground(char *const argv[])
{
	char why[64];
	int task, wstatus;
	long r;

	task = jobs_spawn(argv, NULL);
	if (task < 0)
		return jobs_spawn_failed(argv[0], task);
	r = jobs_wait_foreground(task, &wstatus);
	mk_handle_close(task);
	if (r < 0) {
		printf("sh: waiting for %s: %s\n", argv[0], shell_strerror(r));
		return 1;
	}
	if (wstatus != 0)
		printf("[%s]\n", status_describe(wstatus, why, sizeof(why)));
	return status_code(wstatus);
}

/* A free slot of table (n slots), or NULL after saying there is none. */
static struct job *jobs_alloc(struct job *table, int n)
{
	for (int i = 0; i < n; i++) {
		if (!table[i].used)
			return &table[i];
	}
	printf("sh: too many %s (%d)\n", table == jobs ? "jobs" : "servers", n);
	return NULL;
}

/* Keep the command's words, cut to fit, as the job's name. */
static void jobs_name(struct job *job, char *const argv[])
{
	size_t len = 0;

	job->name[0] = '\0';
	for (int i = 0; argv[i] != NULL && len < sizeof(job->name); i++)
		len += (size_t)snprintf(job->name + len,
			sizeof(job->name) - len, "%s%s", i > 0 ? " " : "",
			argv[i]);
}

/* Fill the slot with a started task and print what users need. */
static void jobs_keep(
	struct job *job, int task, char *const argv[], bool server)
{
	job->used = true;
	job->server = server;
	job->handle = task;
	job->task_id = mk_task_id(task);
	jobs_name(job, argv);
	if (!server)
		printf("[%d] %ld %s\n", (int)(job - jobs) + 1, job->task_id,
			job->name);
}

int jobs_run(char *const argv[], bool background)
{
	struct job *job;
	int task;

	if (!background)
		return jobs_run_foreground(argv);
	job = jobs_alloc(jobs, JOBS_MAX);
	if (job == NULL)
		return 1;
	task = jobs_spawn(argv, NULL);
	if (task < 0)
		return jobs_spawn_failed(argv[0], task);
	jobs_keep(job, task, argv, false);
	return 0;
}

int jobs_start_server(const char *name, const struct mk_spawn_attr *attr)
{
	char *argv[] = {(char *)name, NULL};
	struct job *job = jobs_alloc(servers, JOBS_SERVERS_MAX);
	int task;

	if (job == NULL)
		return -MK_EAGAIN;
	task = jobs_spawn(argv, attr);
	if (task < 0) {
		printf("init: cannot start server %s: %s\n", name,
			shell_strerror(task));
		return task;
	}
	jobs_keep(job, task, argv, true);
	return 0;
}

/* If the job has ended, report it and free its slot; whether it had. */
static bool jobs_reap_one(struct job *job)
{
	struct mk_exit ended;
	char why[64];

	if (mk_task_wait(job->handle, &ended, MK_WAIT_NOHANG) <= 0)
		return false;
	status_describe(ended.status, why, sizeof(why));
	if (job->server)
		printf("init: server %s (task %ld) ended: %s\n", job->name,
			job->task_id, why);
	else
		printf("[%d] %ld %s: %s\n", (int)(job - jobs) + 1, job->task_id,
			job->name, why);
	mk_handle_close(job->handle);
	job->used = false;
	return true;
}

/* Reap what has ended; returns the background jobs still running. */
static int jobs_reap_count(void)
{
	int running = 0;

	for (int i = 0; i < JOBS_SERVERS_MAX; i++) {
		if (servers[i].used)
			jobs_reap_one(&servers[i]);
	}
	for (int i = 0; i < JOBS_MAX; i++) {
		if (jobs[i].used && !jobs_reap_one(&jobs[i]))
			running++;
	}
	fflush(stdout);
	return running;
}

void jobs_reap(void)
{
	jobs_reap_count();
}

int jobs_wait_all(void)
{
	while (jobs_reap_count() > 0) {
		if (input_sleep(INPUT_POLL_NS)) {
			printf("^C\n");
			return JOBS_STATUS_INTERRUPTED;
		}
	}
	return 0;
}

/* The handle of the job or server with task id id, or -1. */
static int jobs_find_task(long id, long *task_id)
{
	for (int i = 0; i < JOBS_MAX + JOBS_SERVERS_MAX; i++) {
		struct job *job =
			i < JOBS_MAX ? &jobs[i] : &servers[i - JOBS_MAX];

		if (job->used && job->task_id == id) {
			*task_id = id;
			return job->handle;
		}
	}
	return -1;
}

int jobs_find(const char *spec, long *task_id)
{
	bool by_number = spec[0] == '%';
	char *end;
	long n = strtol(spec + by_number, &end, 10);

	if (end == spec + by_number || *end != '\0' || n <= 0)
		return -1;
	if (by_number) {
		if (n > JOBS_MAX || !jobs[n - 1].used)
			return -1;
		*task_id = jobs[n - 1].task_id;
		return jobs[n - 1].handle;
	}
	return jobs_find_task(n, task_id);
}
