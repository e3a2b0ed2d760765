/*
 * shmget's answers as root, in Linux's order of checks: a missing key is
 * ENOENT; for an existing key IPC_CREAT | IPC_EXCL is EEXIST before a
 * size larger than the segment is EINVAL; a new segment must be 1 byte to
 * shmmax; IPC_PRIVATE always makes a new segment. (The permission check,
 * which comes after the size, is in shm_perms_nobody.)
 */
#include "posix_test.h"

#define KEY 0x5eed0401
#define OTHER_KEY 0x5eed0402

/* "what: ok, the same id" / "ok, another id" / "EINVAL". */
static void report_id(const char *what, int r, int id)
{
	if (r == -1)
		say("%s: %s", what, errno_name(errno));
	else
		say("%s: ok, %s", what, r == id ? "the same id" : "another id");
}

/* Creating: sizes and keys that make no segment, then ones that do. */
static void creating(void)
{
	REPORT("shmget(KEY, 4096, 0600), no such key", shmget(KEY, 4096, 0600));
	REPORT("shmget(KEY, 0, 0), no such key", shmget(KEY, 0, 0));
	REPORT("shmget(KEY, 0, IPC_CREAT)", shmget(KEY, 0, IPC_CREAT | 0600));
	REPORT("shmget(IPC_PRIVATE, 0, IPC_CREAT)",
		shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600));
	REPORT("shmget(KEY, SIZE_MAX, IPC_CREAT)",
		shmget(KEY, SIZE_MAX, IPC_CREAT | 0600));
	REPORT("shmget(KEY, shmmax + 1, IPC_CREAT)",
		shmget(KEY, (size_t)-1 - (1ul << 24) + 1, IPC_CREAT | 0600));
	REPORT("shmget(KEY, 0, 0) after those", shmget(KEY, 0, 0));
	REPORT("shmget(OTHER_KEY, 1, IPC_CREAT), the smallest size",
		shmget(OTHER_KEY, 1, IPC_CREAT | 0600));
}

/* An existing key: EEXIST first, then the size, then success. */
static void existing(void)
{
	int id = shm_new(KEY, 5000, IPC_CREAT | IPC_EXCL | 0600);

	report_id("shmget(KEY, 5000, IPC_CREAT | IPC_EXCL) again",
		shmget(KEY, 5000, IPC_CREAT | IPC_EXCL | 0600), id);
	report_id("shmget(KEY, SIZE_MAX, IPC_CREAT | IPC_EXCL)",
		shmget(KEY, SIZE_MAX, IPC_CREAT | IPC_EXCL | 0600), id);
	report_id("shmget(KEY, 5001, 0), one byte more", shmget(KEY, 5001, 0),
		id);
	report_id("shmget(KEY, 8192, IPC_CREAT), larger",
		shmget(KEY, 8192, IPC_CREAT | 0600), id);
	report_id("shmget(KEY, SIZE_MAX, 0)", shmget(KEY, SIZE_MAX, 0), id);
	report_id("shmget(KEY, 5000, 0)", shmget(KEY, 5000, 0), id);
	report_id("shmget(KEY, 1, IPC_CREAT), smaller",
		shmget(KEY, 1, IPC_CREAT | 0600), id);
	report_id("shmget(KEY, 0, 0)", shmget(KEY, 0, 0), id);
	report_id("shmget(KEY, 0, 0777), root asks for all bits",
		shmget(KEY, 0, 0777), id);
	say("its shm_segsz: %zu", shm_stat(id).shm_segsz);
}

/* IPC_PRIVATE and unusual keys. */
static void keys(void)
{
	int a = shm_new(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	int b = shm_new(IPC_PRIVATE, 4096, IPC_CREAT | IPC_EXCL | 0600);
	int c = shm_new(IPC_PRIVATE, 4096, 0600);
	int n = shm_new(-1, 4096, IPC_CREAT | IPC_EXCL | 0600);

	say_bool("IPC_PRIVATE twice (with IPC_EXCL) gives two ids", a != b);
	say_bool("IPC_PRIVATE without IPC_CREAT creates too", c != a && c != b);
	say_bool("the key of an IPC_PRIVATE segment is 0",
		shm_stat(a).shm_perm.__key == 0);
	report_id("key -1 found again", shmget(-1, 0, 0), n);
	say_bool("key -1 is kept as -1", shm_stat(n).shm_perm.__key == -1);
	report_id("shmget(-1, 4096, IPC_CREAT | IPC_EXCL) again",
		shmget(-1, 4096, IPC_CREAT | IPC_EXCL | 0600), n);
}

int main(void)
{
	creating();
	existing();
	keys();
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	return 0;
}
