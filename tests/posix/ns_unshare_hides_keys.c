/*
 * A child that unshares its IPC namespace no longer sees its parent's
 * keys, can create the same key without conflict, and its segment never
 * appears in the parent's namespace. An attachment made before the
 * unshare still reaches the parent's segment, and detaching it updates
 * that segment.
 */
#include "posix_test.h"

#define KEY 0x5eed0201

/* Child "unshare": the parent's KEY before and after unsharing, then a
 * KEY of its own. */
static int child_unshare(void)
{
	int id;
	unsigned char *bytes;

	REPORT("child: shmget(KEY, 0, 0) before unshare", shmget(KEY, 0, 0));
	REPORT("child: unshare(CLONE_NEWIPC)", unshare(CLONE_NEWIPC));
	REPORT("child: shmget(KEY, 0, 0) after unshare", shmget(KEY, 0, 0));
	id = shmget(KEY, 8192, IPC_CREAT | IPC_EXCL | 0600);
	say("child: shmget(KEY, 8192, IPC_CREAT | IPC_EXCL): %s", outcome(id));
	CHECK(id >= 0);
	say("child: SHM_INFO used_ids: %d", shm_usage().used_ids);
	bytes = shm_attach(id, 0);
	say_bool("child: its segment starts zeroed", bytes[0] == 0);
	bytes[0] = 0xcc;
	return 0;
}

/* Child "attached": attach the parent's KEY, unshare, use it, detach. */
static int child_attached(void)
{
	unsigned char *bytes = shm_attach(shm_new(KEY, 0, 0), 0);

	REPORT("child: unshare(CLONE_NEWIPC)", unshare(CLONE_NEWIPC));
	say_bool("child: the old attachment still reads the parent's data",
		bytes[0] == 0xaa);
	bytes[1] = 0xbb;
	REPORT("child: shmdt of the old attachment", shmdt(bytes));
	REPORT("child: shmget(KEY, 0, 0)", shmget(KEY, 0, 0));
	return 0;
}

static int child_main(char **argv)
{
	if (strcmp(argv[1], "unshare") == 0)
		return child_unshare();
	if (strcmp(argv[1], "attached") == 0)
		return child_attached();
	return 99;
}

int main(int argc, char **argv)
{
	struct shmid_ds ds;
	unsigned char *bytes;
	pid_t child;
	int id;

	if (argc > 1)
		return child_main(argv);

	id = shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	bytes = shm_attach(id, 0);
	bytes[0] = 0xaa;
	say("child that unshares: %s",
		status_words(run_child(argv[0], "unshare", NULL)));
	say_bool("shmget(KEY, 0, 0) still finds the parent's segment",
		shmget(KEY, 0, 0) == id);
	ds = shm_stat(id);
	say("its shm_segsz: %zu, shm_nattch: %lu", ds.shm_segsz,
		(unsigned long)ds.shm_nattch);
	say_bool("its data is the parent's", bytes[0] == 0xaa);
	REPORT("shmget(KEY, 0, IPC_CREAT | IPC_EXCL)",
		shmget(KEY, 0, IPC_CREAT | IPC_EXCL | 0600));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);

	child = spawn_self(argv[0], "attached", (char *)NULL);
	say("child attached across unshare: %s", status_words(wait_for(child)));
	ds = shm_stat(id);
	say("shm_nattch after it detached: %lu", (unsigned long)ds.shm_nattch);
	say_bool("shm_lpid is that child", ds.shm_lpid == child);
	say_bool("its write reached the parent's segment", bytes[1] == 0xbb);
	return 0;
}
