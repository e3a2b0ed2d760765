/*
 * What shmat and shmdt change: shm_nattch counts attachments (two in one
 * task count twice), shm_atime and shm_lpid follow each attach, shm_dtime
 * and shm_lpid each detach, also the implicit detach of a child's exit;
 * shm_ctime stays. Addresses the system picks are SHMLBA-aligned.
 */
#include "posix_test.h"

#define KEY 0x5eed0601

/* Child "attach": attach KEY and exit without detaching. */
static int child_attach(void)
{
	void *p = shmat(shm_new(KEY, 0, 0), NULL, 0);

	say("child: shmat: %s", p == (void *)-1 ? errno_name(errno) : "ok");
	return 0;
}

/* shm_lpid in words: "0", "getpid()" or "another pid". */
static const char *pid_word(pid_t pid)
{
	if (pid == 0)
		return "0";
	return pid == getpid() ? "getpid()" : "another pid";
}

static void show(const char *when, int id)
{
	struct shmid_ds ds = shm_stat(id);

	say("%s: shm_nattch %lu, shm_atime %s, shm_dtime %s, shm_lpid %s", when,
		(unsigned long)ds.shm_nattch, time_word(ds.shm_atime),
		time_word(ds.shm_dtime), pid_word(ds.shm_lpid));
}

int main(int argc, char **argv)
{
	struct shmid_ds before, after;
	pid_t child;
	char *p, *q;
	int id;

	if (argc > 1)
		return strcmp(argv[1], "attach") == 0 ? child_attach() : 99;

	id = shm_new(KEY, 5000, IPC_CREAT | IPC_EXCL | 0600);
	before = shm_stat(id);
	show("created", id);

	p = shm_attach(id, 0);
	say_bool("the address is SHMLBA-aligned", (uintptr_t)p % SHMLBA == 0);
	show("attached", id);
	after = shm_stat(id);
	say_bool("shm_atime >= shm_ctime", after.shm_atime >= after.shm_ctime);

	q = shm_attach(id, SHM_RDONLY);
	say_bool("a second attachment has another address", q != p);
	say_bool("it is SHMLBA-aligned", (uintptr_t)q % SHMLBA == 0);
	show("attached twice", id);

	child = spawn_self(argv[0], "attach", (char *)NULL);
	say("child that attached and exited: %s",
		status_words(wait_for(child)));
	show("after the child", id);
	say_bool("shm_lpid is the child", shm_stat(id).shm_lpid == child);

	REPORT("shmdt(second)", shmdt(q));
	show("detached once", id);
	after = shm_stat(id);
	say_bool("shm_dtime >= shm_atime", after.shm_dtime >= after.shm_atime);
	REPORT("shmdt(first)", shmdt(p));
	show("detached both", id);
	say_bool("shm_ctime unchanged",
		shm_stat(id).shm_ctime == before.shm_ctime);
	return 0;
}
