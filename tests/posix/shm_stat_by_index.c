/*
 * SHM_STAT and SHM_STAT_ANY take an index, not an id: each returns the
 * full id of the segment there and fills what IPC_STAT would; an unused or
 * out-of-range index is EINVAL; only the index bits of the argument count.
 * In a fresh namespace the indices start at 0 and follow each other.
 */
#include "posix_test.h"

/* shmctl(index, cmd): "EINVAL" or "the id of X" or "another id". */
static void stat_index(
	const char *cmd_name, int cmd, int index, const int *ids, size_t n)
{
	struct shmid_ds ds;
	const char *names = "abc";
	int r;

	memset(&ds, 0, sizeof(ds));
	r = shmctl(index, cmd, &ds);
	if (r == -1) {
		say("%s(%d): %s", cmd_name, index, errno_name(errno));
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (r == ids[i]) {
			say("%s(%d): the id of %c, shm_segsz %zu", cmd_name,
				index, names[i], ds.shm_segsz);
			return;
		}
	say("%s(%d): another id", cmd_name, index);
}

static void stat_all(const int *ids, size_t n)
{
	static const int indices[] = {0, 1, 2, 3, 100, 32767, 32768, 32769, -1};

	for (size_t i = 0; i < COUNT(indices); i++) {
		stat_index("SHM_STAT", SHM_STAT, indices[i], ids, n);
		stat_index("SHM_STAT_ANY", SHM_STAT_ANY, indices[i], ids, n);
	}
}

int main(void)
{
	int ids[3];
	struct shmid_ds by_id, by_index;

	for (int i = 0; i < 3; i++)
		ids[i] = shm_new(IPC_PRIVATE, 1000 * (i + 1), 0600);
	for (int i = 0; i < 3; i++)
		say("segment %c has index %d", "abc"[i], id_index(ids[i]));
	stat_all(ids, COUNT(ids));

	by_id = shm_stat(ids[1]);
	memset(&by_index, 0, sizeof(by_index));
	CHECK(shmctl(id_index(ids[1]), SHM_STAT, &by_index) == ids[1]);
	say_bool("SHM_STAT fills what IPC_STAT does",
		by_id.shm_segsz == by_index.shm_segsz &&
			by_id.shm_cpid == by_index.shm_cpid &&
			by_id.shm_ctime == by_index.shm_ctime &&
			by_id.shm_perm.mode == by_index.shm_perm.mode &&
			by_id.shm_perm.__seq == by_index.shm_perm.__seq);

	CHECK(shmctl(ids[1], IPC_RMID, NULL) == 0);
	say("b removed:");
	stat_all(ids, COUNT(ids));
	return 0;
}
