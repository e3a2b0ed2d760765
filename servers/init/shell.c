/*
 * The shell's two loops, the interactive one and the one over the boot
 * arguments' run= words, and what both run a command with.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/mk.h>

#include "builtins.h"
#include "input.h"
#include "jobs.h"
#include "lineedit.h"
#include "parse.h"
#include "runlist.h"
#include "shell.h"

static int shell_last; /* $? */

int shell_status(void)
{
	return shell_last;
}

const char *shell_strerror(long r)
{
	__mk_errno(r);
	return strerror(errno);
}

void shell_poweroff(int status)
{
	long r;

	fflush(stdout);
	r = mk_poweroff(status);
	printf("poweroff: %s\n", shell_strerror(r));
}

/* Run one command, a builtin or a program; returns its status. */
static int shell_execute(int argc, char **argv, bool background)
{
	const struct builtin *b = builtin_find(argv[0]);

	if (b == NULL)
		return jobs_run(argv, background);
	if (background) {
		printf("sh: %s: a builtin cannot run in the background\n",
			argv[0]);
		return SHELL_STATUS_USAGE;
	}
	return b->run(argc, argv);
}

/* Run every command of a typed line, or none if it does not parse. */
static void shell_run_line(const char *line)
{
	struct parse_cmd cmd;
	int r = parse_check(line);

	if (r < 0) {
		printf("sh: %s\n", parse_strerror(r));
		shell_last = SHELL_STATUS_USAGE;
		return;
	}
	while (parse_next(&line, shell_last, &cmd) > 0)
		shell_last = shell_execute(cmd.argc, cmd.argv, cmd.background);
}

static void shell_emit(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	fwrite(s, 1, n, stdout);
}

/* Edit one line from the console: LINEEDIT_DONE or LINEEDIT_INTERRUPT,
 * or a negative errno if the console cannot be read. */
static int shell_read_line(struct lineedit *le)
{
	enum lineedit_result result = LINEEDIT_MORE;

	while (result == LINEEDIT_MORE) {
		int c;

		fflush(stdout);
		c = input_getc();
		if (c < 0)
			return c;
		result = lineedit_feed(le, (unsigned char)c);
	}
	return result;
}

void shell_interactive(void)
{
	struct lineedit le;
	int r;

	lineedit_init(&le, shell_emit, NULL);
	printf("init: shell on the console; 'help' lists the commands\n");
	for (;;) {
		jobs_reap();
		fputs(SHELL_PROMPT, stdout);
		r = shell_read_line(&le);
		if (r < 0) {
			printf("sh: cannot read the console: %s\n",
				shell_strerror(r));
			return;
		}
		if (r == LINEEDIT_INTERRUPT)
			shell_last = JOBS_STATUS_INTERRUPTED;
		else
			shell_run_line(le.line);
	}
}

/* Whether word needs quotes to be typed back as one word. */
static bool shell_needs_quotes(const char *word)
{
	return word[0] == '\0' || strpbrk(word, " \t'\"\\$;&#|<>()`") != NULL;
}

/* Print a run= word's command after the prompt, as it could be typed. */
static void shell_show(char *const argv[], bool background)
{
	fputs(SHELL_PROMPT, stdout);
	for (int i = 0; argv[i] != NULL; i++) {
		const char *p = argv[i];

		if (i > 0)
			putchar(' ');
		if (!shell_needs_quotes(p)) {
			fputs(p, stdout);
			continue;
		}
		/* In '...' everything is plain but ', written '\''. */
		putchar('\'');
		for (; *p != '\0'; p++) {
			if (*p == '\'')
				fputs("'\\''", stdout);
			else
				putchar(*p);
		}
		putchar('\'');
	}
	fputs(background ? " &\n" : "\n", stdout);
}

/* Show and run one run= word's command. */
static int shell_run_word(struct runlist_cmd *cmd)
{
	shell_show(cmd->argv, cmd->background);
	return shell_execute(cmd->argc, cmd->argv, cmd->background);
}

int shell_run_words(const char *bootargs)
{
	struct runlist_cmd cmd;
	int words = 0, r;

	while ((r = runlist_next(&bootargs, &cmd)) != 0) {
		words++;
		jobs_reap();
		if (r > 0) {
			shell_last = shell_run_word(&cmd);
			continue;
		}
		printf("init: bad boot argument '%.*s': %s\n",
			(int)cmd.word_len, cmd.word,
			r == -MK_E2BIG ? "too long or too many arguments"
				       : "no program name or a bad %XX");
		shell_last = SHELL_STATUS_USAGE;
	}
	jobs_reap();
	return words > 0 ? shell_last : -1;
}
