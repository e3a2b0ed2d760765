/*
 * The commands init runs, from the boot arguments: each word
 * `run=NAME[,ARG...][,&]` is one shell command with the words
 * { NAME, ARG... }, run as if typed (a builtin or a program; with a last
 * argument "&", in the background). Words are separated by blanks,
 * arguments by commas. `%XX` (two hex digits) stands for the byte 0xXX,
 * so an argument can hold a blank (%20), a comma (%2C), a percent sign
 * (%25) or be a plain "&" (%26); there is no other quoting and no $?
 * expansion. Other words are not init's.
 */
#ifndef INIT_RUNLIST_H
#define INIT_RUNLIST_H

#include <stdbool.h>
#include <stddef.h>

#define RUNLIST_ARGS_MAX 16  /* NAME and its arguments */
#define RUNLIST_WORD_MAX 256 /* bytes after "run=" */

struct runlist_cmd {
	const char *word; /* the whole run= word, in the boot arguments */
	size_t word_len;
	int argc;
	char *argv[RUNLIST_ARGS_MAX + 1]; /* NULL-terminated, into buf */
	bool background; /* the word ended in ",&" (not in argv) */
	char buf[RUNLIST_WORD_MAX + 1];
};

/*
 * Find the next run= word at or after *cursor and split it into cmd;
 * *cursor moves past it. Returns 1 with cmd filled, 0 if none is left,
 * or, with cmd->word set to the bad word: -MK_EINVAL for an empty program
 * name, a '%' without two hex digits after it, or %00; -MK_E2BIG for more
 * than RUNLIST_ARGS_MAX names and arguments or a word longer than
 * RUNLIST_WORD_MAX after "run=".
 */
int runlist_next(const char **cursor, struct runlist_cmd *cmd);

#endif /* INIT_RUNLIST_H */
