/*
 * The command-line parser; see parse.h. One pass over the line, copying
 * each word's bytes (quotes removed, $? expanded) into the command's
 * buffer.
 */
#include <stdio.h>
#include <string.h>

#include "parse.h"

/* Bytes that mean pipes, redirections or subshells in a POSIX shell:
 * outside quotes they are refused rather than taken as plain bytes. */
#define PARSE_UNSUPPORTED "|<>()`"

/* A word being built into cmd->buf. */
struct parse_word {
	struct parse_cmd *cmd;
	size_t used; /* bytes of cmd->buf taken, by earlier words and this */
	int status;  /* what $? expands to */
	int err;     /* the first error, or 0 */
};

static bool parse_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether c ends a word that is not inside quotes. */
static bool parse_ends_word(char c)
{
	return c == '\0' || parse_is_blank(c) || c == ';' || c == '&';
}

/* Append byte c to the word. */
static void parse_put(struct parse_word *w, char c)
{
	if (w->used == PARSE_BUF_MAX) {
		w->err = PARSE_ERR_TOO_LONG;
		return;
	}
	w->cmd->buf[w->used++] = c;
}

/* Append the decimal status (for $?). */
static void parse_put_status(struct parse_word *w)
{
	char digits[16];
	int n = snprintf(digits, sizeof(digits), "%d", w->status);

	for (int i = 0; i < n; i++)
		parse_put(w, digits[i]);
}

/* Copy a '...' part starting after the quote; returns what follows it. */
static const char *parse_single(struct parse_word *w, const char *p)
{
	for (; *p != '\'' && *p != '\0'; p++)
		parse_put(w, *p);
	if (*p == '\0') {
		w->err = PARSE_ERR_QUOTE;
		return p;
	}
	return p + 1;
}

/* Copy a "..." part starting after the quote; returns what follows it. */
static const char *parse_double(struct parse_word *w, const char *p)
{
	for (; *p != '"' && *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0' && strchr("\"\\$", p[1])) {
			parse_put(w, *++p);
		} else if (*p == '$' && p[1] == '?') {
			parse_put_status(w);
			p++;
		} else {
			parse_put(w, *p);
		}
	}
	if (*p == '\0') {
		w->err = PARSE_ERR_QUOTE;
		return p;
	}
	return p + 1;
}

/* Copy one word at p (not at a blank or the end) into cmd; returns what
 * follows it. A backslash at the very end stands for itself. */
static const char *parse_word(struct parse_word *w, const char *p)
{
	while (!parse_ends_word(*p) && w->err == 0) {
		if (strchr(PARSE_UNSUPPORTED, *p) != NULL) {
			w->err = PARSE_ERR_UNSUPPORTED;
		} else if (*p == '\'') {
			p = parse_single(w, p + 1);
		} else if (*p == '"') {
			p = parse_double(w, p + 1);
		} else if (*p == '\\' && p[1] != '\0') {
			parse_put(w, p[1]);
			p += 2;
		} else if (*p == '$' && p[1] == '?') {
			parse_put_status(w);
			p += 2;
		} else {
			parse_put(w, *p++);
		}
	}
	parse_put(w, '\0');
	return p;
}

/* Start a new word in cmd: 0, or PARSE_ERR_TOO_MANY. */
static int parse_start_word(struct parse_word *w)
{
	struct parse_cmd *cmd = w->cmd;

	if (cmd->argc == PARSE_ARGS_MAX)
		return PARSE_ERR_TOO_MANY;
	cmd->argv[cmd->argc++] = cmd->buf + w->used;
	return 0;
}

int parse_next(const char **cursor, int last_status, struct parse_cmd *cmd)
{
	struct parse_word w = {cmd, 0, last_status, 0};
	const char *p = *cursor;

	cmd->argc = 0;
	cmd->background = false;
	for (;;) {
		while (parse_is_blank(*p))
			p++;
		if (*p == '\0' || *p == '#') {
			p += strlen(p);
			break;
		}
		if (*p == ';' || *p == '&') {
			if (cmd->argc == 0)
				return PARSE_ERR_SYNTAX;
			cmd->background = *p++ == '&';
			break;
		}
		w.err = parse_start_word(&w);
		if (w.err == 0)
			p = parse_word(&w, p);
		if (w.err != 0)
			return w.err;
	}
	cmd->argv[cmd->argc] = NULL;
	*cursor = p;
	return cmd->argc > 0 ? 1 : 0;
}

int parse_check(const char *line)
{
	struct parse_cmd scratch;
	int r;

	while ((r = parse_next(&line, 0, &scratch)) > 0)
		;
	return r;
}

const char *parse_strerror(int err)
{
	switch (err) {
	case PARSE_ERR_QUOTE:
		return "unterminated quote";
	case PARSE_ERR_SYNTAX:
		return "syntax error: no command before ';' or '&'";
	case PARSE_ERR_TOO_MANY:
		return "too many words";
	case PARSE_ERR_TOO_LONG:
		return "command too long";
	case PARSE_ERR_UNSUPPORTED:
		return "pipes, redirections and subshells are not supported";
	}
	return "bad command line";
}

/* Read the digits at *s into *value (which may already hold some);
 * returns how many there were. Stops adding at limit digits. */
static int parse_digits(const char **s, uint64_t *value, int limit)
{
	int n = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++, n++) {
		if (n < limit)
			*value = *value * 10 + (uint64_t)(**s - '0');
	}
	return n;
}

int parse_seconds(const char *s, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0;
	int whole_digits, frac_digits = 0;

	/* 10 digits can exceed the maximum but not overflow 64 bits. */
	whole_digits = parse_digits(&s, &whole, 11);
	if (whole_digits > 10)
		return -1;
	if (*s == '.') {
		s++;
		frac_digits = parse_digits(&s, &frac, 9);
	}
	if (*s != '\0' || whole_digits + frac_digits == 0)
		return -1;
	for (int i = frac_digits; i < 9; i++)
		frac *= 10;
	if (whole > PARSE_SECONDS_MAX ||
		(whole == PARSE_SECONDS_MAX && frac != 0))
		return -1;
	*ns = whole * 1000000000ULL + frac;
	return 0;
}
