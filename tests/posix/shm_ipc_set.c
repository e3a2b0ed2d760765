/*
 * IPC_SET changes uid, gid and the low 9 mode bits and nothing else (not
 * cuid, cgid, the size, the key or the status bits), and sets shm_ctime;
 * uid or gid -1 is EINVAL and changes nothing.
 */
#include "posix_test.h"

#define KEY 0x5eed1001

static void show(const char *when, int id)
{
	struct shmid_ds ds = shm_stat(id);

	say("%s: uid %u, gid %u, cuid %u, cgid %u, mode %s, shm_segsz %zu, "
	    "__key is KEY: %s",
		when, ds.shm_perm.uid, ds.shm_perm.gid, ds.shm_perm.cuid,
		ds.shm_perm.cgid, mode_octal(ds.shm_perm.mode), ds.shm_segsz,
		ds.shm_perm.__key == KEY ? "yes" : "no");
}

/* IPC_SET with everything in the buffer changed. */
static void set_all(int id)
{
	struct shmid_ds ds = shm_stat(id);

	ds.shm_perm.uid = NOBODY;
	ds.shm_perm.gid = NOBODY;
	ds.shm_perm.cuid = 1234;
	ds.shm_perm.cgid = 1234;
	ds.shm_perm.mode = 07640;
	ds.shm_perm.__key = 1234;
	ds.shm_perm.__seq = 99;
	ds.shm_segsz = 1;
	ds.shm_cpid = 1;
	ds.shm_lpid = 1;
	ds.shm_nattch = 7;
	ds.shm_atime = ds.shm_dtime = ds.shm_ctime = 1;
	REPORT("IPC_SET uid and gid 65534, mode 07640, the rest junk",
		shmctl(id, IPC_SET, &ds));
}

/* IPC_SET of one id field -1. */
static void set_minus_one(int id, int field)
{
	struct shmid_ds ds = shm_stat(id);

	if (field == 0)
		ds.shm_perm.uid = (uid_t)-1;
	else
		ds.shm_perm.gid = (gid_t)-1;
	ds.shm_perm.mode = 0606;
	REPORT(field == 0 ? "IPC_SET uid -1" : "IPC_SET gid -1",
		shmctl(id, IPC_SET, &ds));
}

int main(void)
{
	int id = shm_new(KEY, 5000, IPC_CREAT | IPC_EXCL | 0600);
	struct shmid_ds before = shm_stat(id), after;

	show("created", id);
	set_all(id);
	show("after IPC_SET", id);
	after = shm_stat(id);
	say("shm_ctime %s, not before the creation: %s",
		time_word(after.shm_ctime),
		after.shm_ctime >= before.shm_ctime ? "yes" : "no");
	say("shm_cpid is getpid(): %s, shm_nattch %lu, shm_atime %s",
		after.shm_cpid == getpid() ? "yes" : "no",
		(unsigned long)after.shm_nattch, time_word(after.shm_atime));
	say_bool("__seq unchanged",
		after.shm_perm.__seq == before.shm_perm.__seq);

	set_minus_one(id, 0);
	set_minus_one(id, 1);
	show("after those", id);

	CHECK(shmctl(id, SHM_LOCK, NULL) == 0);
	after = shm_stat(id);
	after.shm_perm.mode = 0604;
	REPORT("IPC_SET mode 0604 while SHM_LOCKED",
		shmctl(id, IPC_SET, &after));
	show("locked", id);
	return 0;
}
