/*
 * posix_spawn and waitpid without IPC: exit statuses as waitpid reports
 * them, arguments and the parent's pid as a child sees them, and the
 * errors of waiting for what is not a child or spawning what is not a
 * program.
 */
#include "posix_test.h"

/* Children: "exit N" exits with N; "args" checks its arguments; "ppid P"
 * checks that its parent is P. */
static int child_main(int argc, char **argv)
{
	if (strcmp(argv[1], "exit") == 0 && argc == 3)
		return atoi(argv[2]);
	if (strcmp(argv[1], "args") == 0)
		return argc == 5 && strcmp(argv[2], "one") == 0 &&
				       strcmp(argv[3], "two words") == 0 &&
				       argv[4][0] == '\0' && argv[5] == NULL
			       ? 0
			       : 1;
	if (strcmp(argv[1], "ppid") == 0 && argc == 3)
		return getppid() == (pid_t)atol(argv[2]) ? 0 : 1;
	return 99;
}

/* Exit codes as waitpid sees them: only the low 8 bits survive. */
static void exit_codes(const char *self)
{
	static const int codes[] = {0, 1, 42, 255, 256, 257};

	for (size_t i = 0; i < COUNT(codes); i++) {
		int status = run_child(self, "exit", decimal(codes[i]));

		say("child exit(%d): %s", codes[i], status_words(status));
	}
}

/* What a child sees: its arguments, in order, and its parent. */
static void child_view(const char *self)
{
	pid_t pid =
		spawn_self(self, "args", "one", "two words", "", (char *)NULL);

	say("child gets its arguments: %s", status_words(wait_for(pid)));
	say("child's getppid is the parent: %s",
		status_words(run_child(self, "ppid", decimal(getpid()))));
}

/* waitpid(-1) reaps each child once, whatever the order. */
static void wait_any(const char *self)
{
	pid_t a = spawn_self(self, "exit", "3", (char *)NULL);
	pid_t b = spawn_self(self, "exit", "4", (char *)NULL);
	int sum = 0, reaped = 0, status;
	pid_t r;

	while ((r = waitpid(-1, &status, 0)) > 0) {
		reaped += (r == a) + 2 * (r == b);
		sum += WEXITSTATUS(status);
	}
	say("waitpid(-1) reaped both children: %s", reaped == 3 ? "yes" : "no");
	say("their exit codes add up to 7: %s", sum == 7 ? "yes" : "no");
	say("waitpid(-1) after the last: %s", outcome(r));
}

/* The errors: no such child, no children at all, no such program. */
static void errors(const char *self)
{
	extern char **environ;
	pid_t pid = spawn_self(self, "exit", "0", (char *)NULL);
	char *argv[] = {"no_such_program", NULL};
	int status, r;

	wait_for(pid);
	REPORT("waitpid of a reaped child", waitpid(pid, &status, 0));
	REPORT("waitpid(-1, WNOHANG) without children",
		waitpid(-1, &status, WNOHANG));
	REPORT("waitpid of our own pid", waitpid(getpid(), &status, 0));
	r = posix_spawn(&pid, "no_such_program", NULL, NULL, argv, environ);
	say("posix_spawn of a missing program: %s",
		r == 0 ? "ok" : errno_name(r));
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child_main(argc, argv);
	exit_codes(argv[0]);
	child_view(argv[0]);
	wait_any(argv[0]);
	errors(argv[0]);
	return 0;
}
