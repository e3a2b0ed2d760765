/*
 * lsns [-t ipc]: the IPC namespaces that tasks are in, as util-linux's
 * lsns lists them: the namespace's number, its type, how many tasks are
 * in it, and the lowest-numbered of them with its user and command. The
 * tasks come from the kernel's list (each carries its namespace label);
 * the ipc-ns server turns a label into the number Linux would show.
 * IPC is the only namespace type there is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mk/ipcns.h>
#include <mk/mk.h>

#define NS_MAX 64 /* namespaces listed */

struct ns_row {
	uint64_t label, number;
	unsigned tasks;
	struct mk_task_info first; /* the lowest task id in it */
};

static struct ns_row rows[NS_MAX];
static int nrows;

/* The number of the namespace with this label, or 0. */
static uint64_t ns_number(uint64_t label)
{
	struct mk_msg m = {0};

	m.label = IPCNS_NS_ID;
	m.w[0] = label;
	if (mk_call(MK_HANDLE_IPCNS, &m) < 0 || (int64_t)m.label < 0)
		return 0;
	return m.label;
}

/* Count task t in its namespace's row; tasks come in id order. */
static void count(const struct mk_task_info *t)
{
	int i;

	for (i = 0; i < nrows && rows[i].label != t->ns_ipc; i++)
		;
	if (i == nrows) {
		if (nrows == NS_MAX)
			return;
		nrows++;
		rows[i].label = t->ns_ipc;
		rows[i].first = *t;
		rows[i].tasks = 0;
	}
	rows[i].tasks++;
}

static int by_number(const void *a, const void *b)
{
	const struct ns_row *x = a, *y = b;

	return x->number < y->number ? -1 : x->number > y->number;
}

int main(int argc, char **argv)
{
	struct mk_task_info t;
	uint64_t after = 0;
	char user[16];

	if (argc > 1 && !(argc == 3 && !strcmp(argv[1], "-t") &&
				 !strcmp(argv[2], "ipc"))) {
		fprintf(stderr, "usage: lsns [-t ipc]\n");
		return 1;
	}
	while (mk_task_list(after, &t) == 0) {
		after = t.id;
		if (t.state != MK_TASK_EXITED)
			count(&t);
	}
	for (int i = 0; i < nrows; i++)
		rows[i].number = ns_number(rows[i].label);
	qsort(rows, (size_t)nrows, sizeof(rows[0]), by_number);
	printf("%10s %-4s %6s %5s %-5s %s\n", "NS", "TYPE", "NPROCS", "PID",
		"USER", "COMMAND");
	for (int i = 0; i < nrows; i++) {
		if (rows[i].first.uid == 0)
			snprintf(user, sizeof(user), "root");
		else
			snprintf(user, sizeof(user), "%u", rows[i].first.uid);
		printf("%10llu %-4s %6u %5llu %-5s %s\n",
			(unsigned long long)rows[i].number, "ipc",
			rows[i].tasks, (unsigned long long)rows[i].first.id,
			user, rows[i].first.name);
	}
	return 0;
}
