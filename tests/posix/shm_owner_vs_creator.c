/*
 * Owner and creator: IPC_SET can give a segment to another user, who then
 * gets the owner's bits and may IPC_SET (even give it back) and IPC_RMID
 * it; the creator keeps both rights after giving it away, since cuid
 * never changes; anyone else gets EPERM.
 */
#include "posix_test.h"

#define GIVEN 0x5eed0e01   /* root's, owned by NOBODY */
#define REMOVED 0x5eed0e02 /* root's, owned by NOBODY, who removes it */
#define CREATED 0x5eed0e03 /* NOBODY's, given to root */

/* IPC_SET the owner uid of id. */
static int set_owner(int id, uid_t uid)
{
	struct shmid_ds ds = shm_stat(id);

	ds.shm_perm.uid = uid;
	return shmctl(id, IPC_SET, &ds);
}

/* Child "owner": the owner's rights on root's segments. */
static int child_owner(void)
{
	int id = shm_new(GIVEN, 0, 0);
	struct shmid_ds ds;

	drop_to_nobody();
	REPORT("child: IPC_STAT of GIVEN", shmctl(id, IPC_STAT, &ds));
	REPORT("child: shmat(GIVEN) read-write", shmat(id, NULL, 0));
	ds.shm_perm.mode = 0640;
	REPORT("child: IPC_SET of GIVEN, mode 0640", shmctl(id, IPC_SET, &ds));
	REPORT("child: IPC_SET of GIVEN, owner root", set_owner(id, 0));
	REPORT("child: IPC_SET of GIVEN again", shmctl(id, IPC_SET, &ds));
	REPORT("child: IPC_STAT of GIVEN", shmctl(id, IPC_STAT, &ds));
	REPORT("child: IPC_RMID of GIVEN", shmctl(id, IPC_RMID, NULL));
	REPORT("child: IPC_RMID of REMOVED",
		shmctl(shm_new(REMOVED, 0, 0), IPC_RMID, NULL));
	REPORT("child: shmget(CREATED, 4096, IPC_CREAT | 0600)",
		shmget(CREATED, 4096, IPC_CREAT | IPC_EXCL | 0600));
	return 0;
}

/* Child "creator": the creator's rights after giving CREATED away. */
static int child_creator(void)
{
	int id = shm_new(CREATED, 0, 0);
	struct shmid_ds ds;

	drop_to_nobody();
	REPORT("child: IPC_STAT of CREATED", shmctl(id, IPC_STAT, &ds));
	REPORT("child: shmat(CREATED) read-write", shmat(id, NULL, 0));
	REPORT("child: IPC_SET of CREATED", shmctl(id, IPC_SET, &ds));
	REPORT("child: IPC_RMID of CREATED", shmctl(id, IPC_RMID, NULL));
	return 0;
}

static void show(const char *name, int id)
{
	struct shmid_ds ds = shm_stat(id);

	say("%s: uid %u, cuid %u, mode %s", name, ds.shm_perm.uid,
		ds.shm_perm.cuid, mode_octal(ds.shm_perm.mode));
}

int main(int argc, char **argv)
{
	int given, removed, created;

	if (argc > 1 && strcmp(argv[1], "owner") == 0)
		return child_owner();
	if (argc > 1 && strcmp(argv[1], "creator") == 0)
		return child_creator();

	given = shm_new(GIVEN, 4096, IPC_CREAT | IPC_EXCL | 0600);
	removed = shm_new(REMOVED, 4096, IPC_CREAT | IPC_EXCL | 0600);
	CHECK(set_owner(given, NOBODY) == 0 && set_owner(removed, NOBODY) == 0);
	show("GIVEN", given);
	say("child as owner: %s",
		status_words(run_child(argv[0], "owner", NULL)));
	show("GIVEN", given);
	REPORT("IPC_STAT of REMOVED",
		shmctl(removed, IPC_STAT, &(struct shmid_ds){0}));

	created = shm_new(CREATED, 0, 0);
	show("CREATED", created);
	REPORT("IPC_SET of CREATED, owner root", set_owner(created, 0));
	show("CREATED", created);
	say("child as creator: %s",
		status_words(run_child(argv[0], "creator", NULL)));
	REPORT("shmget(CREATED, 0, 0)", shmget(CREATED, 0, 0));
	return 0;
}
