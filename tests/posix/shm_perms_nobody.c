/*
 * Permissions of root's segments for an ordinary user (uid and gid 65534,
 * no privilege), as Linux's ipcperms: the class (owner, else group, else
 * other) picks the bits, whatever the other classes allow. shmget checks
 * the bits asked for after IPC_EXCL and the size; shmat needs read, and
 * write unless SHM_RDONLY, and exec for SHM_EXEC, after the address check;
 * IPC_STAT and SHM_STAT need read, SHM_STAT_ANY does not; IPC_SET,
 * IPC_RMID and SHM_LOCK need the owner or creator (EPERM). Root passes
 * every check.
 */
#include "posix_test.h"

/* Segments by mode; GROUP_* ones get gid NOBODY. */
#define K0600 0x5eed0d01
#define K0644 0x5eed0d02
#define K0666 0x5eed0d03
#define K0000 0x5eed0d04
#define K0555 0x5eed0d07
#define GROUP_0060 0x5eed0d05
#define GROUP_0006 0x5eed0d06

static const struct {
	const char *name;
	key_t key;
	int mode;
} segments[] = {
	{"0600", K0600, 0600},
	{"0644", K0644, 0644},
	{"0666", K0666, 0666},
	{"0000", K0000, 0000},
	{"0555", K0555, 0555},
	{"0060 group 65534", GROUP_0060, 0060},
	{"0006 group 65534", GROUP_0006, 0006},
};

/* shmat with flags, detached again if it worked: "ok" or the errno. */
static const char *attach(key_t key, const void *addr, int flags)
{
	void *p = shmat(shmget(key, 0, 0), addr, flags);

	if (p == (void *)-1)
		return errno_name(errno);
	CHECK(shmdt(p) == 0);
	return "ok";
}

/* The same checks for root and for the ordinary user. */
static void access_checks(const char *who)
{
	for (size_t i = 0; i < COUNT(segments); i++) {
		key_t key = segments[i].key;
		int id = shmget(key, 0, 0);
		struct shmid_ds ds;

		say("%s%s: shmget 0400 %s, 0200 %s, 0600 %s", who,
			segments[i].name, outcome(shmget(key, 0, 0400)),
			outcome(shmget(key, 0, 0200)),
			outcome(shmget(key, 0, 0600)));
		say("%s%s: shmat SHM_RDONLY %s, read-write %s, "
		    "SHM_RDONLY|SHM_EXEC %s",
			who, segments[i].name, attach(key, NULL, SHM_RDONLY),
			attach(key, NULL, 0),
			attach(key, NULL, SHM_RDONLY | SHM_EXEC));
		say("%s%s: IPC_STAT %s, SHM_STAT %s, SHM_STAT_ANY %s", who,
			segments[i].name, outcome(shmctl(id, IPC_STAT, &ds)),
			outcome(shmctl(id_index(id), SHM_STAT, &ds)),
			outcome(shmctl(id_index(id), SHM_STAT_ANY, &ds)));
	}
}

/* What comes before the permission check, for the ordinary user. */
static void order_checks(void)
{
	int id = shmget(K0600, 0, 0);

	REPORT("child: shmget(K0600, 0, 0), asking for nothing", id);
	REPORT("child: shmget(K0600, 8192, 0600), larger",
		shmget(K0600, 8192, 0600));
	REPORT("child: shmget(K0600, 8192, IPC_CREAT | IPC_EXCL | 0600)",
		shmget(K0600, 8192, IPC_CREAT | IPC_EXCL | 0600));
	REPORT("child: shmget(K0600, 0, IPC_CREAT | 0600)",
		shmget(K0600, 0, IPC_CREAT | 0600));
	say("child: shmat(K0600, SHMLBA + 1, 0), unaligned: %s",
		attach(K0600, (void *)(uintptr_t)(SHMLBA + 1), 0));
	say("child: shmat(K0600, NULL, SHM_REMAP): %s",
		attach(K0600, NULL, SHM_REMAP));
}

/* Commands that need ownership, on a segment anyone may read. */
static void owner_checks(void)
{
	int id = shmget(K0666, 0, 0);
	struct shmid_ds ds = shm_stat(id);

	REPORT("child: IPC_SET of root's 0666", shmctl(id, IPC_SET, &ds));
	REPORT("child: IPC_RMID of root's 0666", shmctl(id, IPC_RMID, NULL));
	REPORT("child: SHM_LOCK of root's 0666", shmctl(id, SHM_LOCK, NULL));
	REPORT("child: SHM_UNLOCK of root's 0666",
		shmctl(id, SHM_UNLOCK, NULL));
	REPORT("child: IPC_INFO", shmctl(id, IPC_INFO, &ds));
	REPORT("child: SHM_INFO", shmctl(id, SHM_INFO, &ds));
}

static int child_nobody(void)
{
	drop_to_nobody();
	access_checks("child: ");
	order_checks();
	owner_checks();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return strcmp(argv[1], "nobody") == 0 ? child_nobody() : 99;

	for (size_t i = 0; i < COUNT(segments); i++) {
		int id = shm_new(segments[i].key, 4096,
			IPC_CREAT | IPC_EXCL | segments[i].mode);

		if (segments[i].key == GROUP_0060 ||
			segments[i].key == GROUP_0006) {
			struct shmid_ds ds = shm_stat(id);

			ds.shm_perm.gid = NOBODY;
			CHECK(shmctl(id, IPC_SET, &ds) == 0);
		}
	}
	access_checks("root: ");
	say("child as uid %d: %s", NOBODY,
		status_words(run_child(argv[0], "nobody", NULL)));
	return 0;
}
