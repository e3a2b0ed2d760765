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

/* Split the len bytes at value on commas into cmd: 1 or -errno. */
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
	cmd->argv[cmd->argc] = NULL;
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
