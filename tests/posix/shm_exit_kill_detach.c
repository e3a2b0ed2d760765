/*
 * A child's attachment ends with the child however it ends: exit without
 * shmdt, SIGTERM or SIGKILL while it sleeps, SIGKILL while it runs.
 * shm_nattch drops and shm_lpid names the child each time; and when the
 * segment was removed meanwhile, the killed child's detach destroys it.
 */
#include "posix_test.h"

#define KEY 0x5eed0701

/* Child "hold WORD": attach KEY, store WORD in its first int, then sleep
 * ("hold") or run ("spin") until killed, or exit ("leave"). */
static int child_main(char **argv)
{
	volatile int *word = shm_attach(shm_new(KEY, 0, 0), 0);
	volatile unsigned long turns = 0;

	*word = atoi(argv[2]);
	if (strcmp(argv[1], "hold") == 0)
		for (;;)
			nap();
	if (strcmp(argv[1], "spin") == 0)
		for (;;)
			turns++;
	return strcmp(argv[1], "leave") == 0 ? 5 : 99;
}

/* Start a child in role, wait until it attached (it stores mark). */
static pid_t start(
	const char *self, const char *role, volatile int *word, int mark)
{
	pid_t child = spawn_self(self, role, decimal(mark), (char *)NULL);

	await_word(word, mark);
	return child;
}

static void show(const char *when, int id, pid_t child)
{
	struct shmid_ds ds = shm_stat(id);

	say("%s: shm_nattch %lu, shm_lpid is the child: %s", when,
		(unsigned long)ds.shm_nattch,
		ds.shm_lpid == child ? "yes" : "no");
}

/* A child in role attaches, then sig ends it (0: it exits by itself). */
static void end_child(const char *self, const char *role, int sig,
	volatile int *word, int mark)
{
	int id = shm_new(KEY, 0, 0);
	pid_t child = start(self, role, word, mark);

	/* A child that leaves by itself may be gone already. */
	if (sig != 0) {
		show(role, id, child);
		CHECK(kill(child, sig) == 0);
	}
	say("%s child: %s", role, status_words(wait_for(child)));
	show("after it ended", id, child);
	say("shm_dtime: %s", time_word(shm_stat(id).shm_dtime));
}

/* Remove the segment while a child holds it; the kill destroys it. */
static void removed_then_killed(const char *self, volatile int *word)
{
	int id = shm_new(KEY, 0, 0);
	pid_t child = start(self, "hold", word, 5);
	struct shmid_ds ds;

	REPORT("IPC_RMID while attached", shmctl(id, IPC_RMID, NULL));
	REPORT("shmdt by the parent", shmdt((void *)word));
	ds = shm_stat(id);
	say("mode: %s, shm_nattch %lu", mode_octal(ds.shm_perm.mode),
		(unsigned long)ds.shm_nattch);
	CHECK(kill(child, SIGKILL) == 0);
	say("hold child: %s", status_words(wait_for(child)));
	REPORT("IPC_STAT after the last attachment was killed",
		shmctl(id, IPC_STAT, &ds));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
}

int main(int argc, char **argv)
{
	volatile int *word;

	if (argc > 2)
		return child_main(argv);

	word = shm_attach(shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600), 0);
	end_child(argv[0], "leave", 0, word, 1);
	end_child(argv[0], "hold", SIGTERM, word, 2);
	end_child(argv[0], "hold", SIGKILL, word, 3);
	end_child(argv[0], "spin", SIGKILL, word, 4);
	removed_then_killed(argv[0], word);
	return 0;
}
