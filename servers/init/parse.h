/*
 * The shell's command-line parser. Pure code, checked by the host tests.
 *
 * A line holds commands; each ends at ';', at '&' (the command runs in
 * the background), at a '#' that starts a word (a comment to the end of
 * the line), or at the end of the line. Blanks (space, tab) separate a
 * command's words. Inside '...' every byte stands for itself. Inside
 * "..." too, except that \" \\ \$ stand for their second byte and $? is
 * expanded. Outside quotes a backslash makes the next byte stand for
 * itself and $? is expanded. Quoted parts and plain parts next to each
 * other make one word (a"b c"'d' is `ab cd`); "" is an empty word.
 * $? is the last command's status in decimal; any other $ is itself.
 * The bytes | < > ( ) ` outside quotes are refused: there are no pipes,
 * redirections or subshells, and taking them as plain bytes would
 * surprise.
 */
#ifndef INIT_PARSE_H
#define INIT_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#define PARSE_ARGS_MAX 32 /* words in one command */
#define PARSE_BUF_MAX 512 /* bytes of one command's words, with NULs */

/* Errors, negative. */
#define PARSE_ERR_QUOTE (-1)	   /* a quote without its closing quote */
#define PARSE_ERR_SYNTAX (-2)	   /* ';' or '&' with no command before it */
#define PARSE_ERR_TOO_MANY (-3)	   /* more than PARSE_ARGS_MAX words */
#define PARSE_ERR_TOO_LONG (-4)	   /* words longer than PARSE_BUF_MAX */
#define PARSE_ERR_UNSUPPORTED (-5) /* | < > ( ) ` outside quotes */

struct parse_cmd {
	int argc;			/* >= 1 */
	bool background;		/* ended with '&' */
	char *argv[PARSE_ARGS_MAX + 1]; /* NULL-terminated, into buf */
	char buf[PARSE_BUF_MAX];
};

/*
 * Parse the next command at *cursor into cmd, with $? expanded to
 * last_status, and move *cursor past it. Returns 1 with cmd filled, 0 if
 * only blanks or a comment are left, or a PARSE_ERR_* value (*cursor is
 * then left where it was).
 */
int parse_next(const char **cursor, int last_status, struct parse_cmd *cmd);

/* Check every command of line: 0, or the first PARSE_ERR_* found. */
int parse_check(const char *line);

/* What a PARSE_ERR_* value means, in a few words. */
const char *parse_strerror(int err);

/*
 * Read a duration in seconds: digits with an optional fraction ("2",
 * "0.25", ".5", "3."; digits past nanoseconds are dropped), at most
 * PARSE_SECONDS_MAX. Returns 0 with *ns, or -1 for anything else.
 */
#define PARSE_SECONDS_MAX 1000000000ULL
int parse_seconds(const char *s, uint64_t *ns);

#endif /* INIT_PARSE_H */
