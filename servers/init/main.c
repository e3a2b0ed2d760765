/*
 * init, the root task. For now it runs the programs named by the boot
 * arguments' run= words (see runlist.h) one after the other, then powers
 * off with the last one's status: its exit code, or 128 + the signal that
 * killed it. A child's non-zero exit prints "[exit N]" and a kill
 * "[killed: signal N]", as the shell will. Without run= words there is
 * nothing to do yet (the shell comes later), and it powers off with 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <mk/errno.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "runlist.h"

/* Status for a program that could not be started, as shells use it. */
#define INIT_STATUS_NOT_RUN 127
/* Status for a run= word that names no program properly. */
#define INIT_STATUS_BAD_WORD 2

/* The message for a raw negative errno r. */
static const char *init_strerror(long r)
{
	__mk_errno(r);
	return strerror(errno);
}

/* Report why NAME could not be started; returns INIT_STATUS_NOT_RUN. */
static int init_spawn_failed(const char *name, long r)
{
	const char *why = mk_spawn_why();

	if (why != NULL)
		printf("init: cannot run %s: %s (%s)\n", name, init_strerror(r),
			why);
	else
		printf("init: cannot run %s: %s\n", name, init_strerror(r));
	return INIT_STATUS_NOT_RUN;
}

/* Turn a child's wait status into init's status, reporting what the
 * shell would. */
static int init_report(const char *name, int status)
{
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) != 0)
			printf("[exit %d]\n", WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
	if (WIFSIGNALED(status)) {
		printf("[killed: signal %d]\n", WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	printf("init: %s: unexpected wait status %#x\n", name, status);
	return 1;
}

/* Start cmd's program, wait for it and return its status for power-off. */
static int init_run(const struct runlist_cmd *cmd)
{
	const char *name = cmd->argv[0];
	int status;
	long task, r;

	/* The child writes to the same console: ours must be out first. */
	fflush(stdout);
	task = mk_spawn(name, cmd->argv, NULL, NULL);
	if (task < 0)
		return init_spawn_failed(name, task);

	r = mk_wait((int)task, &status);
	mk_handle_close((int)task);
	if (r < 0) {
		printf("init: waiting for %s: %s\n", name, init_strerror(r));
		return 1;
	}
	return init_report(name, status);
}

/* Power off with status; returns only if the kernel refused. */
static void init_poweroff(int status)
{
	long r;

	fflush(stdout);
	r = mk_poweroff(status);
	printf("init: power-off failed: %s\n", init_strerror(r));
}

int main(void)
{
	const char *bootargs = getenv("bootargs");
	struct runlist_cmd cmd;
	int status = 0, words = 0, r;

	if (bootargs == NULL)
		bootargs = "";
	while ((r = runlist_next(&bootargs, &cmd)) != 0) {
		words++;
		if (r > 0) {
			status = init_run(&cmd);
			continue;
		}
		printf("init: bad boot argument '%.*s': %s\n",
			(int)cmd.word_len, cmd.word,
			r == -MK_E2BIG ? "too long or too many arguments"
				       : "no program name");
		status = INIT_STATUS_BAD_WORD;
	}
	if (words == 0)
		printf("init: no shell yet; nothing to run\n");

	init_poweroff(status);
	return status;
}
