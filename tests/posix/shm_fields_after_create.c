/*
 * What IPC_STAT shows of a new segment: the key, the caller as owner and
 * creator, the low 9 bits of the flags as mode, the size as asked (not
 * rounded to pages), the creator's pid, no attachment and no times but
 * ctime; and the id's sequence part in __seq, also after the index wrapped
 * and the sequence moved on.
 */
#include "posix_test.h"

#define KEY 0x5eed0501
#define CHILD_KEY 0x5eed0502
#define SHM_NORESERVE_FLAG 010000 /* Linux's SHM_NORESERVE */

/* Child "create": as an ordinary user, make CHILD_KEY and exit, leaving
 * it behind. */
static int child_create(void)
{
	drop_to_nobody();
	shm_new(CHILD_KEY, 100, IPC_CREAT | IPC_EXCL | 0644);
	return 0;
}

static void fields(int id, key_t key)
{
	struct shmid_ds ds = shm_stat(id);

	say_bool("__key is the key", ds.shm_perm.__key == key);
	say_bool("uid is getuid()", ds.shm_perm.uid == getuid());
	say_bool("cuid is getuid()", ds.shm_perm.cuid == getuid());
	say_bool("gid is getgid()", ds.shm_perm.gid == getgid());
	say_bool("cgid is getgid()", ds.shm_perm.cgid == getgid());
	say("mode: %s", mode_octal(ds.shm_perm.mode));
	say("shm_segsz: %zu", ds.shm_segsz);
	say_bool("shm_cpid is getpid()", ds.shm_cpid == getpid());
	say("shm_lpid: %d", (int)ds.shm_lpid);
	say("shm_nattch: %lu", (unsigned long)ds.shm_nattch);
	say("shm_atime: %s, shm_dtime: %s, shm_ctime: %s",
		time_word(ds.shm_atime), time_word(ds.shm_dtime),
		time_word(ds.shm_ctime));
	say_bool("__seq is the id's sequence part",
		ds.shm_perm.__seq == id_seq(id));
}

/* A segment left by a child names the child and its user as creator. */
static void child_fields(const char *self)
{
	pid_t child = spawn_self(self, "create", (char *)NULL);
	struct shmid_ds ds;

	say("child creating CHILD_KEY: %s", status_words(wait_for(child)));
	ds = shm_stat(shm_new(CHILD_KEY, 0, 0));
	say_bool("shm_cpid is the child", ds.shm_cpid == child);
	say_bool("uid and cuid are the child's",
		ds.shm_perm.uid == NOBODY && ds.shm_perm.cuid == NOBODY);
	say_bool("gid and cgid are the child's",
		ds.shm_perm.gid == NOBODY && ds.shm_perm.cgid == NOBODY);
	say("mode: %s, shm_segsz: %zu, shm_lpid: %d",
		mode_octal(ds.shm_perm.mode), ds.shm_segsz, (int)ds.shm_lpid);
}

/*
 * Linux takes indices cyclically and moves the sequence on when the index
 * goes round (past 64 while few are in use): create and remove until the
 * index is back at the start.
 */
static void sequence(int first)
{
	int id = -1;

	for (int i = 0; i < 200; i++) {
		id = shm_new(IPC_PRIVATE, 4096, 0600);
		if (id_index(id) == id_index(first))
			break;
		CHECK(shmctl(id, IPC_RMID, NULL) == 0);
	}
	say_bool("the index came round again", id_index(id) == id_index(first));
	say_bool("with another sequence part", id_seq(id) != id_seq(first));
	say_bool("__seq is that sequence part",
		shm_stat(id).shm_perm.__seq == id_seq(id));
}

int main(int argc, char **argv)
{
	int id;

	if (argc > 1)
		return strcmp(argv[1], "create") == 0 ? child_create() : 99;

	id = shm_new(
		KEY, 5000, IPC_CREAT | IPC_EXCL | SHM_NORESERVE_FLAG | 0640);
	say("shmget(KEY, 5000, IPC_CREAT | IPC_EXCL | SHM_NORESERVE | 0640):");
	fields(id, KEY);
	say("shmget(IPC_PRIVATE, 1, 0607):");
	fields(shm_new(IPC_PRIVATE, 1, 0607), IPC_PRIVATE);
	child_fields(argv[0]);
	CHECK(shmctl(id, IPC_RMID, NULL) == 0);
	sequence(id);
	return 0;
}
