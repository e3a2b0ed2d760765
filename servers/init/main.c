/*
 * init, the root task: it starts the servers, then the shell. With run=
 * words in the boot arguments the shell runs their commands in order and
 * init powers off with the last one's status (that is how CI runs tests);
 * without, the shell reads commands from the console.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mk/mk.h>
#include <mk/spawn.h>

#include "jobs.h"
#include "shell.h"

/*
 * Start the ipc-ns server. Its endpoint sits in our MK_HANDLE_IPCNS slot,
 * where every program we spawn finds it: the server gets it with every
 * right, the rest of the system with SEND only. The nsctl handle goes to
 * the server, which from then on is the only one to set IPC labels: it
 * counts the tasks of each namespace by them.
 */
static void start_ipcns(void)
{
	struct mk_spawn_attr attr = {0};
	long ep, send;

	ep = mk_ep_create();
	if (ep != MK_HANDLE_IPCNS) {
		printf("init: cannot make the ipcns endpoint: %ld\n", ep);
		return;
	}
	attr.handle_count = 1;
	attr.handles[0] = MK_HANDLE_NSCTL;
	/* One handle per segment (its memory object): room for shmmni's
	 * 4096 in several namespaces. */
	attr.handle_limit = MK_HANDLE_MAX;
	if (jobs_start_server("ipcns", &attr) == 0)
		mk_handle_close(MK_HANDLE_NSCTL);

	/* Narrow our slot to SEND: a copy elsewhere, then back into it. */
	send = mk_handle_dup(MK_HANDLE_IPCNS, MK_RIGHT_SEND | MK_RIGHT_DUP);
	mk_handle_close(MK_HANDLE_IPCNS);
	if (send >= 0 && mk_handle_dup((int)send, MK_RIGHT_SEND |
				MK_RIGHT_DUP) != MK_HANDLE_IPCNS)
		printf("init: cannot narrow the ipcns endpoint\n");
	if (send >= 0)
		mk_handle_close((int)send);
}

int main(void)
{
	const char *bootargs = getenv("bootargs");
	int status;

	start_ipcns();
	status = shell_run_words(bootargs != NULL ? bootargs : "");
	if (status < 0) {
		shell_interactive();
		status = 1; /* the console failed */
	}
	shell_poweroff(status);
	return status;
}
