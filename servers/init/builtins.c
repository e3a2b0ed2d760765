/*
 * The shell's builtins; see builtins.h. Each prints its own errors as
 * "NAME: why" and returns 0, 1 for a failure, or SHELL_STATUS_USAGE for
 * wrong arguments.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/mk.h>

#include "builtins.h"
#include "input.h"
#include "jobs.h"
#include "parse.h"
#include "programs.h"
#include "shell.h"
#include "status.h"

static void builtin_list(void);

/* Say how name is used; returns SHELL_STATUS_USAGE. */
static int builtin_usage(const char *name)
{
	const struct builtin *b = builtin_find(name);

	printf("usage: %s %s\n", name, b->usage);
	return SHELL_STATUS_USAGE;
}

static int builtin_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("commands:\n");
	builtin_list();
	printf("  %-8s %-16s %s\n", "PROGRAM", "[ARG...] [&]",
		"run a program from ls (& in the background)");
	printf("quoting: '...' \"...\" \\; $? is the last status; "
	       "';' separates commands; ^C stops a program\n");
	return 0;
}

static int builtin_ls(int argc, char **argv)
{
	if (argc != 1)
		return builtin_usage(argv[0]);
	return programs_list() < 0 ? 1 : 0;
}

static int builtin_echo(int argc, char **argv)
{
	bool newline = !(argc > 1 && strcmp(argv[1], "-n") == 0);

	for (int i = newline ? 1 : 2; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline)
		printf("\n");
	return 0;
}

static int builtin_sleep(int argc, char **argv)
{
	uint64_t ns;

	if (argc != 2)
		return builtin_usage(argv[0]);
	if (parse_seconds(argv[1], &ns) < 0) {
		printf("sleep: invalid time '%s'\n", argv[1]);
		return 1;
	}
	fflush(stdout);
	if (input_sleep(ns)) {
		printf("^C\n");
		return JOBS_STATUS_INTERRUPTED;
	}
	return 0;
}

static int builtin_mem(int argc, char **argv)
{
	struct mk_frames frames;
	long r;

	if (argc != 1)
		return builtin_usage(argv[0]);
	r = mk_frames(&frames);
	if (r < 0) {
		printf("mem: %s\n", shell_strerror(r));
		return 1;
	}
	printf("frames: %" PRIu64 " free of %" PRIu64 " (%" PRIu64
	       " KiB free of %" PRIu64 " KiB)\n",
		frames.free, frames.total, frames.free * MK_PAGE_SIZE / 1024,
		frames.total * MK_PAGE_SIZE / 1024);
	return 0;
}

static int builtin_uptime(int argc, char **argv)
{
	long ns = mk_clock_ns();

	if (argc != 1)
		return builtin_usage(argv[0]);
	printf("up %ld.%03ld s\n", ns / 1000000000, ns / 1000000 % 1000);
	return 0;
}

static int builtin_poweroff(int argc, char **argv)
{
	char *end;
	long status = shell_status();

	if (argc > 2)
		return builtin_usage(argv[0]);
	if (argc == 2) {
		status = strtol(argv[1], &end, 10);
		if (end == argv[1] || *end != '\0' || status < 0 ||
			status > 255) {
			printf("%s: status must be 0 to 255\n", argv[0]);
			return SHELL_STATUS_USAGE;
		}
	}
	shell_poweroff((int)status);
	return 1;
}

static int builtin_wait(int argc, char **argv)
{
	if (argc != 1)
		return builtin_usage(argv[0]);
	return jobs_wait_all();
}

/* The state of a task as ps shows it. */
static const char *builtin_state(uint32_t state)
{
	switch (state) {
	case MK_TASK_RUNNING:
		return "run";
	case MK_TASK_EXITED:
		return "zombie";
	case MK_TASK_NEW:
		return "new";
	}
	return "?";
}

static int builtin_ps(int argc, char **argv)
{
	struct mk_task_info info;
	uint64_t after = 0;

	if (argc != 1)
		return builtin_usage(argv[0]);
	printf("%5s %6s %-6s %4s %6s %s\n", "ID", "PARENT", "STATE", "THR",
		"PAGES", "NAME");
	while (mk_task_list(after, &info) == 0) {
		printf("%5" PRIu64 " %6" PRIu64 " %-6s %4" PRIu32 " %6" PRIu64
		       " %s\n",
			info.id, info.parent_id, builtin_state(info.state),
			info.threads, info.pages_mapped, info.name);
		after = info.id;
	}
	return 0;
}

/* The signal named by s: a number, or KILL, TERM or INT with or without
 * "SIG"; -1 if none. */
static int builtin_signal(const char *s)
{
	static const struct {
		const char *name;
		int signal;
	} names[] = {
		{"INT", MK_SIGINT}, {"KILL", MK_SIGKILL}, {"TERM", MK_SIGTERM}};
	char *end;
	long n;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0)
			return names[i].signal;
	}
	n = strtol(s, &end, 10);
	return end == s || *end != '\0' || n <= 0 || n > 64 ? -1 : (int)n;
}

/* Whether a live task has the id given as a decimal string. */
static bool builtin_task_exists(const char *id)
{
	struct mk_task_info info;
	char *end;
	long n = strtol(id, &end, 10);

	if (end == id || *end != '\0' || n <= 0)
		return false;
	return mk_task_list((uint64_t)n - 1, &info) == 0 &&
	       info.id == (uint64_t)n;
}

static int builtin_kill(int argc, char **argv)
{
	int signal = MK_SIGTERM, task;
	long id, r;

	if (argc < 2 || argc > 3)
		return builtin_usage(argv[0]);
	if (argc == 3 && (signal = builtin_signal(argv[2])) < 0) {
		printf("kill: %s: invalid signal\n", argv[2]);
		return 1;
	}
	task = jobs_find(argv[1], &id);
	if (task < 0) {
		printf("kill: %s: %s\n", argv[1],
			builtin_task_exists(argv[1])
				? "not a child of the shell"
				: "no such task or job");
		return 1;
	}
	r = mk_task_kill(task, signal);
	if (r < 0) {
		printf("kill: %ld: %s\n", id, shell_strerror(r));
		return 1;
	}
	return 0;
}

static const struct builtin builtins[] = {
	{"help", "", "list the commands", builtin_help},
	{"ls", "", "list the programs in the boot image", builtin_ls},
	{"ps", "", "list the tasks", builtin_ps},
	{"kill", "ID|%JOB [SIG]",
		"end a task (SIG: TERM, KILL, INT or a number)", builtin_kill},
	{"wait", "", "wait for every background job", builtin_wait},
	{"echo", "[-n] [WORD...]", "print the words", builtin_echo},
	{"sleep", "SECONDS", "sleep (fractions too: 0.5)", builtin_sleep},
	{"mem", "", "free and total memory frames", builtin_mem},
	{"uptime", "", "time since boot", builtin_uptime},
	{"poweroff", "[STATUS]", "power off (STATUS: default $?)",
		builtin_poweroff},
	{"exit", "[STATUS]", "the same as poweroff", builtin_poweroff},
	{NULL, NULL, NULL, NULL},
};

/* One line of help for each builtin. */
static void builtin_list(void)
{
	for (const struct builtin *b = builtins; b->name != NULL; b++)
		printf("  %-8s %-16s %s\n", b->name, b->usage, b->help);
}

const struct builtin *builtin_find(const char *name)
{
	for (const struct builtin *b = builtins; b->name != NULL; b++) {
		if (strcmp(b->name, name) == 0)
			return b;
	}
	return NULL;
}
