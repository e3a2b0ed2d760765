/*
 * Splitting the boot arguments' run= words; see runlist.h. Pure code, so
 * the host tests check it.
 */
#include <stdbool.h>
#include <string.h>

#include "mk/errno.h"
#include "runlist.h"

#define RUN_PREFIX "run="
#define RUN_PREFIX_LEN 4

static bool runlist_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The value of hex digit c, or -1. */
static int runlist_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Replace each %XX in the string s by its byte, in place: 0, or
 * -MK_EINVAL for a '%' without two hex digits or for %00 (an argument
 * is a C string). */
static int runlist_decode(char *s)
{
	char *out = s;

	for (; *s != '\0'; s++) {
		int high, low;

		if (*s != '%') {
			*out++ = *s;
			continue;
		}
		high = runlist_hex(s[1]);
		low = high < 0 ? -1 : runlist_hex(s[2]);
		if (low < 0 || (high | low) == 0)
			return -MK_EINVAL;
		*out++ = (char)(high << 4 | low);
		s += 2;
	}
	*out = '\0';
	return 0;
}

/* Split the len bytes at value on commas into cmd and decode each
 * argument: 1 or -errno. */
static int runlist_split(const char *value, size_t len, struct runlist_cmd *cmd)
{
	char *p = cmd->buf;

	if (len > RUNLIST_WORD_MAX)
		return -MK_E2BIG;
	memcpy(cmd->buf, value, len);
	cmd->buf[len] = '\0';

	cmd->argc = 0;
	for (;;) {
		char *comma = strchr(p, ',');

		if (cmd->argc == RUNLIST_ARGS_MAX)
			return -MK_E2BIG;
		cmd->argv[cmd->argc++] = p;
		if (comma == NULL)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	/* Before decoding, so that %26 is a plain "&" argument. */
	cmd->background =
		cmd->argc > 1 && strcmp(cmd->argv[cmd->argc - 1], "&") == 0;
	if (cmd->background)
		cmd->argc--;
	cmd->argv[cmd->argc] = NULL;
	for (int i = 0; i < cmd->argc; i++) {
		if (runlist_decode(cmd->argv[i]) < 0)
			return -MK_EINVAL;
	}
	return cmd->argv[0][0] == '\0' ? -MK_EINVAL : 1;
}

int runlist_next(const char **cursor, struct runlist_cmd *cmd)
{
	const char *p = *cursor;

	for (;;) {
		size_t len;

		while (runlist_is_blank(*p))
			p++;
		if (*p == '\0') {
			*cursor = p;
			return 0;
		}
		for (len = 0; p[len] != '\0' && !runlist_is_blank(p[len]);)
			len++;
		*cursor = p + len;
		if (len >= RUN_PREFIX_LEN &&
			memcmp(p, RUN_PREFIX, RUN_PREFIX_LEN) == 0) {
			cmd->word = p;
			cmd->word_len = len;
			return runlist_split(
				p + RUN_PREFIX_LEN, len - RUN_PREFIX_LEN, cmd);
		}
		p += len;
	}
}
