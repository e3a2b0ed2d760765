/*
 * kill and the wait status of a killed child, without IPC: SIGTERM and
 * SIGKILL end a child whether it sleeps or runs, waitpid says which
 * signal did it, WNOHANG does not wait for a running child, and kill's
 * errors for bad signals and for a child already reaped.
 */
#include "posix_test.h"

/* Children: "sleep" naps until killed, "spin" runs until killed. */
static int child_main(char **argv)
{
	volatile unsigned long turns = 0;

	if (strcmp(argv[1], "sleep") == 0)
		for (;;)
			nap();
	if (strcmp(argv[1], "spin") == 0)
		for (;;)
			turns++;
	return 99;
}

/* Kill a child in role with sig and say how it ended. */
static void kill_child(const char *self, const char *role, int sig)
{
	pid_t pid = spawn_self(self, role, (char *)NULL);
	int status = 0;
	pid_t r = waitpid(pid, &status, WNOHANG);

	say("%s child, waitpid WNOHANG: %s", role,
		r == 0 ? "0 (still running)" : outcome(r));
	REPORT("kill(child, 0)", kill(pid, 0));
	REPORT("kill(child, 65)", kill(pid, 65));
	REPORT("kill(child, -1)", kill(pid, -1));
	REPORT(sig == SIGKILL ? "kill(child, SIGKILL)" : "kill(child, SIGTERM)",
		kill(pid, sig));
	status = wait_for(pid);
	say("%s child after %s: %s", role, signal_name(sig),
		status_words(status));
	say("WIFEXITED: %s, WIFSIGNALED: %s", WIFEXITED(status) ? "yes" : "no",
		WIFSIGNALED(status) ? "yes" : "no");
	REPORT("kill(reaped child, 0)", kill(pid, 0));
	REPORT("kill(reaped child, SIGKILL)", kill(pid, SIGKILL));
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child_main(argv);
	REPORT("kill(getpid(), 0)", kill(getpid(), 0));
	kill_child(argv[0], "sleep", SIGTERM);
	kill_child(argv[0], "sleep", SIGKILL);
	kill_child(argv[0], "spin", SIGTERM);
	kill_child(argv[0], "spin", SIGKILL);
	return 0;
}
