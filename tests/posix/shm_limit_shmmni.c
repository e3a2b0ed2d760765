/*
 * kernel.shmmni: a new namespace takes 4096 segments, and the next one is
 * ENOSPC, for IPC_PRIVATE and for a new key alike, while an existing key
 * is still found; removing one makes room for exactly one more.
 */
#include "posix_test.h"

#define SHMMNI 4096
#define KEY 0x5e6d0001

int main(void)
{
	static int ids[SHMMNI];
	int made = 0, id;

	for (int i = 0; i < SHMMNI; i++) {
		ids[i] = shmget(i == 0 ? KEY : IPC_PRIVATE, 1,
			IPC_CREAT | 0600);
		if (ids[i] < 0)
			break;
		made++;
	}
	say("segments made before the limit: %d", made);
	CHECK(made == SHMMNI);
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	REPORT("one more, IPC_PRIVATE", shmget(IPC_PRIVATE, 1, 0600));
	REPORT("one more, a new key", shmget(KEY + 1, 1, IPC_CREAT | 0600));
	say_bool("the existing key is still found", shmget(KEY, 0, 0) == ids[0]);
	REPORT("IPC_RMID of one", shmctl(ids[1], IPC_RMID, NULL));
	id = shmget(IPC_PRIVATE, 1, 0600);
	say("then one more: %s", outcome(id));
	REPORT("and another", shmget(IPC_PRIVATE, 1, 0600));
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	for (int i = 0; i < SHMMNI; i++)
		if (i != 1)
			shmctl(ids[i], IPC_RMID, NULL);
	say("SHM_INFO used_ids at the end: %d", shm_usage().used_ids);
	return 0;
}
