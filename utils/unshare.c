/*
 * unshare -i COMMAND [ARGS...]: run a command in a new IPC namespace, as
 * util-linux's unshare does, and exit with its status. There is no exec
 * here, so the command runs as a child spawned into the new namespace
 * (like util-linux's --fork); this program's own namespace is unchanged.
 */
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(FILE *to)
{
	fprintf(to, "Usage:\n unshare [options] <program> [<argument>...]\n\n"
		    "Run a program with some namespaces unshared from the "
		    "parent.\n\nOptions:\n"
		    " -i, --ipc        unshare System V IPC namespace\n"
		    " -f, --fork       fork before running <program> (always "
		    "done here)\n"
		    " -h, --help       display this help\n");
}

/* Our exit for the child's wait status: its code, or its signal. */
static int exit_like(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	/* The signals this system can send itself end us the same way. */
	if (WTERMSIG(status) == SIGKILL || WTERMSIG(status) == SIGTERM)
		kill(getpid(), WTERMSIG(status));
	return 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{"ipc", no_argument, NULL, 'i'},
		{"fork", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	unsigned long flags = 0;
	posix_spawnattr_t attr;
	int c, r, status;
	pid_t pid;

	while ((c = getopt_long(argc, argv, "+ifh", longs, NULL)) != -1) {
		if (c == 'i') {
			flags |= CLONE_NEWIPC;
		} else if (c == 'f') {
			continue;
		} else if (c == 'h') {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "unshare: no program given (there is no "
				"shell to run)\n");
		return 1;
	}
	posix_spawnattr_init(&attr);
	posix_spawnattr_setnsflags(&attr, flags);
	r = posix_spawnp(&pid, argv[optind], NULL, &attr, argv + optind, NULL);
	if (r == ENOENT) {
		fprintf(stderr, "unshare: failed to execute %s: %s\n",
			argv[optind], strerror(r));
		return 127;
	}
	if (r != 0) {
		fprintf(stderr, "unshare: unshare failed: %s\n", strerror(r));
		return 1;
	}
	if (waitpid(pid, &status, 0) != pid) {
		fprintf(stderr, "unshare: waitpid failed: %s\n",
			strerror(errno));
		return 1;
	}
	return exit_like(status);
}
