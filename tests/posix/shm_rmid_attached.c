/*
 * IPC_RMID of an attached segment: it gets SHM_DEST and the private key
 * at once (the key can make a new segment), keeps its data, and its id
 * still works for IPC_STAT, IPC_SET, IPC_RMID and even shmat until the
 * last detach, which destroys it (then the id is EINVAL). IPC_RMID does
 * not change shm_ctime.
 */
#include "posix_test.h"

#define KEY 0x5eed0901

/* A key in words: "KEY", "0" (IPC_PRIVATE) or "other". */
static const char *key_word(key_t key)
{
	if (key == KEY)
		return "KEY";
	return key == IPC_PRIVATE ? "0" : "other";
}

static void show(const char *when, int id)
{
	struct shmid_ds ds = shm_stat(id);

	say("%s: mode %s, __key %s, shm_nattch %lu", when,
		mode_octal(ds.shm_perm.mode), key_word(ds.shm_perm.__key),
		(unsigned long)ds.shm_nattch);
}

/* The key is free again while the old segment lives on. */
static int key_again(int id)
{
	int again;

	REPORT("shmget(KEY, 0, 0)", shmget(KEY, 0, 0));
	again = shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	say("shmget(KEY, 4096, IPC_CREAT | IPC_EXCL): %s", outcome(again));
	CHECK(again >= 0);
	say_bool("it is another segment", again != id);
	say_bool("shmget(KEY, 0, 0) finds the new one",
		shmget(KEY, 0, 0) == again);
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	return again;
}

int main(void)
{
	int id = shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600), again;
	char *p = shm_attach(id, 0), *q;
	struct shmid_ds ds = shm_stat(id);
	time_t ctime = ds.shm_ctime;

	strcpy(p, "kept");
	REPORT("IPC_RMID while attached", shmctl(id, IPC_RMID, NULL));
	show("after IPC_RMID", id);
	say_bool("shm_ctime unchanged", shm_stat(id).shm_ctime == ctime);
	say_bool("the data is still there", strcmp(p, "kept") == 0);
	again = key_again(id);

	q = shmat(id, NULL, 0);
	say("shmat of the removed segment: %s",
		q == (void *)-1 ? errno_name(errno) : "ok");
	CHECK(q != (void *)-1);
	say_bool("it shows the same data", strcmp(q, "kept") == 0);
	show("attached again", id);
	REPORT("IPC_RMID again", shmctl(id, IPC_RMID, NULL));
	ds = shm_stat(id);
	ds.shm_perm.mode = 0640;
	REPORT("IPC_SET mode 0640", shmctl(id, IPC_SET, &ds));
	show("after IPC_SET", id);

	REPORT("shmdt(first)", shmdt(p));
	show("one attachment left", id);
	REPORT("shmdt(last)", shmdt(q));
	REPORT("IPC_STAT after the last detach", shmctl(id, IPC_STAT, &ds));
	REPORT("shmat after the last detach", shmat(id, NULL, 0));
	REPORT("IPC_RMID after the last detach", shmctl(id, IPC_RMID, NULL));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	show("the new segment", again);
	return 0;
}
