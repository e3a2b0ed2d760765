/*
 * shmctl's errors: a negative id or command is EINVAL for every command,
 * IPC_INFO and SHM_INFO included; an unknown command, unknown index or
 * removed id is EINVAL; a NULL buffer is EFAULT for the commands that
 * read or write one, and fine for IPC_RMID and SHM_LOCK.
 */
#include "posix_test.h"

#define KEY 0x5eed0c01

static const struct {
	const char *name;
	int cmd;
} commands[] = {
	{"IPC_STAT", IPC_STAT},
	{"IPC_SET", IPC_SET},
	{"IPC_INFO", IPC_INFO},
	{"SHM_INFO", SHM_INFO},
	{"SHM_STAT", SHM_STAT},
	{"SHM_STAT_ANY", SHM_STAT_ANY},
	{"SHM_LOCK", SHM_LOCK},
	{"SHM_UNLOCK", SHM_UNLOCK},
	{"IPC_RMID", IPC_RMID},
};

/* Every command with id -1, then with an index nobody uses. */
static void bad_ids(void)
{
	struct shmid_ds ds;
	char what[64];

	for (size_t i = 0; i < COUNT(commands); i++) {
		memset(&ds, 0, sizeof(ds));
		snprintf(
			what, sizeof(what), "shmctl(-1, %s)", commands[i].name);
		REPORT(what, shmctl(-1, commands[i].cmd, &ds));
	}
	for (size_t i = 0; i < COUNT(commands); i++) {
		if (commands[i].cmd == IPC_INFO || commands[i].cmd == SHM_INFO)
			continue; /* they take no id */
		memset(&ds, 0, sizeof(ds));
		snprintf(what, sizeof(what), "shmctl(unused 1234, %s)",
			commands[i].name);
		REPORT(what, shmctl(1234, commands[i].cmd, &ds));
	}
}

static void bad_commands(int id)
{
	struct shmid_ds ds;

	REPORT("shmctl(id, -1)", shmctl(id, -1, &ds));
	REPORT("shmctl(id, 4), no such command", shmctl(id, 4, &ds));
	REPORT("shmctl(id, 10), no such command", shmctl(id, 10, &ds));
	REPORT("shmctl(id, 16), no such command", shmctl(id, 16, &ds));
	REPORT("shmctl(id, 99), no such command", shmctl(id, 99, &ds));
	REPORT("shmctl(-1, 99)", shmctl(-1, 99, &ds));
}

/* NULL for the buffer, the segment at index 0 (the only one). */
static void null_buffers(int id)
{
	char what[64];

	for (size_t i = 0; i < COUNT(commands); i++) {
		snprintf(what, sizeof(what), "shmctl(id, %s, NULL)",
			commands[i].name);
		REPORT(what, shmctl(id, commands[i].cmd, NULL));
	}
	REPORT("IPC_STAT after that",
		shmctl(id, IPC_STAT, &(struct shmid_ds){0}));
}

int main(void)
{
	int id = shm_new(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);

	CHECK(id_index(id) == 0); /* so that SHM_STAT(id) names it too */
	bad_ids();
	bad_commands(id);
	null_buffers(id);
	return 0;
}
