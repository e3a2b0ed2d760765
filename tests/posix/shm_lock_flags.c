/*
 * SHM_LOCK and SHM_UNLOCK set and clear SHM_LOCKED in the mode, may be
 * repeated, work on a removed but attached segment, and are EPERM for a
 * user who neither owns nor created the segment.
 */
#include "posix_test.h"

#define KEY 0x5eed1101

static void show(const char *when, int id)
{
	say("%s: mode %s", when, mode_octal(shm_stat(id).shm_perm.mode));
}

static int child_nobody(void)
{
	int id = shm_new(KEY, 0, 0);

	drop_to_nobody();
	REPORT("child: SHM_LOCK", shmctl(id, SHM_LOCK, NULL));
	REPORT("child: SHM_UNLOCK", shmctl(id, SHM_UNLOCK, NULL));
	return 0;
}

int main(int argc, char **argv)
{
	int id;
	void *p;

	if (argc > 1)
		return strcmp(argv[1], "nobody") == 0 ? child_nobody() : 99;

	id = shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0666);
	REPORT("SHM_UNLOCK of an unlocked segment",
		shmctl(id, SHM_UNLOCK, NULL));
	REPORT("SHM_LOCK", shmctl(id, SHM_LOCK, NULL));
	show("locked", id);
	REPORT("SHM_LOCK again", shmctl(id, SHM_LOCK, NULL));
	show("locked twice", id);
	say("child as uid %d: %s", NOBODY,
		status_words(run_child(argv[0], "nobody", NULL)));
	show("after the child", id);
	REPORT("SHM_UNLOCK", shmctl(id, SHM_UNLOCK, NULL));
	show("unlocked", id);
	REPORT("SHM_UNLOCK again", shmctl(id, SHM_UNLOCK, NULL));

	p = shm_attach(id, 0);
	CHECK(shmctl(id, IPC_RMID, NULL) == 0);
	REPORT("SHM_LOCK after IPC_RMID, attached", shmctl(id, SHM_LOCK, NULL));
	show("removed and locked", id);
	REPORT("SHM_UNLOCK after IPC_RMID", shmctl(id, SHM_UNLOCK, NULL));
	show("removed and unlocked", id);
	CHECK(shmdt(p) == 0);
	REPORT("SHM_LOCK after the last detach", shmctl(id, SHM_LOCK, NULL));
	return 0;
}
