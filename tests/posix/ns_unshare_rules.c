/*
 * Who may unshare what: root may take a new IPC namespace (with or without
 * CLONE_SYSVSEM, which unshare accepts, unlike clone); an ordinary user
 * may not (EPERM) and stays where it was; flags that unshare does not
 * know are EINVAL, checked before the privilege.
 */
#include "posix_test.h"

#define KEY 0x5eed0301
/* Linux's CLONE_PARENT: a clone flag that unshare refuses. */
#define NOT_FOR_UNSHARE 0x00008000

/* The unshare calls, the same for root and for an ordinary user. */
static void try_flags(const char *who)
{
	char what[96];
	static const struct {
		const char *name;
		int flags;
	} cases[] = {
		{"0", 0},
		{"CLONE_SYSVSEM", CLONE_SYSVSEM},
		{"CLONE_NEWIPC", CLONE_NEWIPC},
		{"CLONE_NEWIPC | CLONE_SYSVSEM", CLONE_NEWIPC | CLONE_SYSVSEM},
		{"CLONE_PARENT", NOT_FOR_UNSHARE},
		{"CLONE_NEWIPC | CLONE_PARENT", CLONE_NEWIPC | NOT_FOR_UNSHARE},
	};

	for (size_t i = 0; i < COUNT(cases); i++) {
		snprintf(what, sizeof(what), "%sunshare(%s)", who,
			cases[i].name);
		REPORT(what, unshare(cases[i].flags));
	}
}

/* Child "nobody": as an ordinary user, in the parent's namespace. */
static int child_nobody(void)
{
	drop_to_nobody();
	try_flags("child: ");
	REPORT("child: shmget(KEY, 0, 0), still the parent's namespace",
		shmget(KEY, 0, 0));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return strcmp(argv[1], "nobody") == 0 ? child_nobody() : 99;

	shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	say("child as uid %d: %s", NOBODY,
		status_words(run_child(argv[0], "nobody", NULL)));

	try_flags("");
	REPORT("shmget(KEY, 0, 0) after unsharing", shmget(KEY, 0, 0));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	return 0;
}
