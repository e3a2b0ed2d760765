/*
 * init, the root task: it starts the servers, then the shell. With run=
 * words in the boot arguments the shell runs their commands in order and
 * init powers off with the last one's status (that is how CI runs tests);
 * without, the shell reads commands from the console.
 */
#include <stdlib.h>

#include "jobs.h"
#include "shell.h"

/* The servers to start before the shell, in order, by their names in the
 * boot image; each runs for the system's life. */
static const char *const init_servers[] = {
	NULL, /* add servers before this line, e.g. "ipcns", */
};

int main(void)
{
	const char *bootargs = getenv("bootargs");
	int status;

	for (const char *const *server = init_servers; *server != NULL;
		server++)
		jobs_start_server(*server);

	status = shell_run_words(bootargs != NULL ? bootargs : "");
	if (status < 0) {
		shell_interactive();
		status = 1; /* the console failed */
	}
	shell_poweroff(status);
	return status;
}
