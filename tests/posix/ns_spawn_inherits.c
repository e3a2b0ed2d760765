/*
 * A spawned child lives in its parent's IPC namespace: before the parent
 * unshares it sees the parent's segment, afterwards it sees the new
 * namespace's, which starts empty and gives out ids from the start again.
 */
#include "posix_test.h"

#define KEY 0x5eed0101

/* Child "look": what shmget(KEY, 0, 0) finds, and its size. */
static int child_look(void)
{
	int id = shmget(KEY, 0, 0);

	if (id == -1)
		say("child: shmget(KEY, 0, 0): %s", errno_name(errno));
	else
		say("child: shmget(KEY, 0, 0): ok, shm_segsz %zu",
			shm_stat(id).shm_segsz);
	return 0;
}

/* Child "write": put 42 in the first word of KEY's segment. */
static int child_write(void)
{
	int *word = shm_attach(shm_new(KEY, 0, 0), 0);

	*word = 42;
	CHECK(shmdt(word) == 0);
	return 0;
}

static int child_main(char **argv)
{
	if (strcmp(argv[1], "look") == 0)
		return child_look();
	if (strcmp(argv[1], "write") == 0)
		return child_write();
	return 99;
}

int main(int argc, char **argv)
{
	int first, again, *word;

	if (argc > 1)
		return child_main(argv);

	first = shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	say("before unshare, a child:");
	run_child(argv[0], "look", NULL);

	REPORT("unshare(CLONE_NEWIPC)", unshare(CLONE_NEWIPC));
	REPORT("shmget(KEY, 0, 0) in the new namespace", shmget(KEY, 0, 0));
	REPORT("IPC_STAT of the old namespace's id",
		shmctl(first, IPC_STAT, &(struct shmid_ds){0}));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	say("after unshare, a child:");
	run_child(argv[0], "look", NULL);

	again = shm_new(KEY, 8192, IPC_CREAT | IPC_EXCL | 0600);
	say_bool("the first id of the new namespace equals the old one's",
		again == first);
	say("after creating KEY in the new namespace, a child:");
	run_child(argv[0], "look", NULL);

	word = shm_attach(again, 0);
	say("child writing to the new namespace's segment: %s",
		status_words(run_child(argv[0], "write", NULL)));
	say_bool("the parent sees what the child wrote", *word == 42);
	return 0;
}
