/*
 * Wait statuses as the shell shows them; see status.h.
 */
#include <stdio.h>

#include "status.h"

/* Linux's encoding, spelled out so that host and guest agree. */
static int status_signal(int wstatus)
{
	return wstatus & 0x7f;
}

static int status_exit_code(int wstatus)
{
	return (wstatus >> 8) & 0xff;
}

/* The signals a task can end by here, with strsignal()'s words. */
static const struct {
	int signal;
	const char *name;
} status_signals[] = {
	{2, "interrupt"},
	{4, "illegal instruction"},
	{7, "bus error"},
	{9, "killed"},
	{11, "segmentation fault"},
	{15, "terminated"},
};

const char *status_signal_name(int signal)
{
	size_t n = sizeof(status_signals) / sizeof(status_signals[0]);

	for (size_t i = 0; i < n; i++) {
		if (status_signals[i].signal == signal)
			return status_signals[i].name;
	}
	return NULL;
}

int status_code(int wstatus)
{
	if (status_signal(wstatus) != 0)
		return 128 + status_signal(wstatus);
	return status_exit_code(wstatus);
}

char *status_describe(int wstatus, char *buf, size_t len)
{
	int signal = status_signal(wstatus);
	const char *name = status_signal_name(signal);

	if (signal == 0 && status_exit_code(wstatus) == 0)
		snprintf(buf, len, "done");
	else if (signal == 0)
		snprintf(buf, len, "exit %d", status_exit_code(wstatus));
	else if (name != NULL)
		snprintf(buf, len, "killed: signal %d (%s)", signal, name);
	else
		snprintf(buf, len, "killed: signal %d", signal);
	return buf;
}
