/*
 * IPC_RMID of a segment nobody has attached destroys it at once: its id is
 * EINVAL for every call, its key is free for a new segment (with another
 * id), and an old id whose index a new segment reuses is stale (EINVAL),
 * not the new segment.
 */
#include "posix_test.h"

#define KEY 0x5eed0801

static void old_id(int id)
{
	struct shmid_ds ds;

	memset(&ds, 0, sizeof(ds));
	REPORT("IPC_STAT of the removed id", shmctl(id, IPC_STAT, &ds));
	REPORT("IPC_SET of the removed id", shmctl(id, IPC_SET, &ds));
	REPORT("IPC_RMID of the removed id", shmctl(id, IPC_RMID, NULL));
	REPORT("SHM_LOCK of the removed id", shmctl(id, SHM_LOCK, NULL));
	REPORT("shmat of the removed id", shmat(id, NULL, 0));
	REPORT("SHM_STAT of its index", shmctl(id_index(id), SHM_STAT, &ds));
}

/* Create and remove until a new segment has id's index: the new id. */
static int reuse_index(int id)
{
	for (int i = 0; i < 200; i++) {
		int next = shm_new(IPC_PRIVATE, 4096, 0600);

		if (id_index(next) == id_index(id))
			return next;
		CHECK(shmctl(next, IPC_RMID, NULL) == 0);
	}
	CHECK(!"the index came round");
	return -1;
}

int main(void)
{
	int id = shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	int again, reused;

	REPORT("IPC_RMID", shmctl(id, IPC_RMID, NULL));
	old_id(id);
	REPORT("shmget(KEY, 0, 0)", shmget(KEY, 0, 0));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);

	again = shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	say("shmget(KEY, 4096, IPC_CREAT | IPC_EXCL): %s", outcome(again));
	CHECK(again >= 0);
	say_bool("the new segment has another id", again != id);
	REPORT("IPC_STAT of the removed id",
		shmctl(id, IPC_STAT, &(struct shmid_ds){0}));
	CHECK(shmctl(again, IPC_RMID, NULL) == 0);

	reused = reuse_index(id);
	say_bool(
		"a new segment reused the index with another id", reused != id);
	REPORT("IPC_STAT of the old id",
		shmctl(id, IPC_STAT, &(struct shmid_ds){0}));
	REPORT("shmat of the old id", shmat(id, NULL, 0));
	say_bool("SHM_STAT of the index gives the new id",
		shmctl(id_index(id), SHM_STAT, &(struct shmid_ds){0}) ==
			reused);
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	return 0;
}
