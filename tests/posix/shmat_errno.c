/*
 * shmat's errors and address rules: a negative, unknown or stale id is
 * EINVAL; so is an address not aligned to SHMLBA without SHM_RND, one that
 * overlaps an attachment without SHM_REMAP, SHM_REMAP without an address,
 * and SHM_RND rounding an address down to 0 with SHM_REMAP. SHM_RND
 * rounds down; SHM_REMAP replaces an attachment, which ends it.
 * Unknown flag bits are ignored.
 */
#include "posix_test.h"

#define KEY 0x5eed0a01

/* "what: EINVAL", "what: ok, at A" (at addr) or "what: ok, elsewhere". */
static void *report_at(const char *what, void *r, void *addr)
{
	if (r == (void *)-1)
		say("%s: %s", what, errno_name(errno));
	else
		say("%s: ok, %s", what, r == addr ? "at A" : "elsewhere");
	return r;
}

static void bad_ids(void)
{
	int stale = shm_new(IPC_PRIVATE, 4096, 0600);

	CHECK(shmctl(stale, IPC_RMID, NULL) == 0);
	REPORT("shmat(-1)", shmat(-1, NULL, 0));
	REPORT("shmat(INT_MIN)", shmat(-0x7fffffff - 1, NULL, 0));
	REPORT("shmat of an unused index", shmat(12345, NULL, 0));
	REPORT("shmat of a removed id", shmat(stale, NULL, 0));
	REPORT("shmat(-1, SHMLBA + 1, 0): bad id, unaligned",
		shmat(-1, (void *)(uintptr_t)(SHMLBA + 1), 0));
}

/* Attach at A (where the system put a first attachment) in every way. */
static void addresses(int id)
{
	char *a = shm_attach(id, 0), *r;

	say("A: where the system put a first attachment");
	REPORT("shmat(id, NULL, SHM_REMAP)", shmat(id, NULL, SHM_REMAP));
	REPORT("shmat(id, A + 1, 0)", shmat(id, a + 1, 0));
	REPORT("shmat(id, A + SHMLBA / 2, 0)", shmat(id, a + SHMLBA / 2, 0));
	REPORT("shmat(id, A, 0) over the attachment", shmat(id, a, 0));
	CHECK(shmdt(a) == 0);

	r = report_at(
		"shmat(id, A + 100, SHM_RND)", shmat(id, a + 100, SHM_RND), a);
	CHECK(r != (void *)-1 && shmdt(r) == 0);
	r = report_at("shmat(id, A, 0)", shmat(id, a, 0), a);
	CHECK(r == a);
	r = report_at(
		"shmat(id, A, SHM_REMAP) over it", shmat(id, a, SHM_REMAP), a);
	say("shm_nattch: %lu", (unsigned long)shm_stat(id).shm_nattch);
	REPORT("shmdt(A)", shmdt(a));
	REPORT("shmdt(A) again", shmdt(a));
	say("shm_nattch: %lu", (unsigned long)shm_stat(id).shm_nattch);
	REPORT("shmat(id, 1, SHM_RND | SHM_REMAP)",
		shmat(id, (void *)1, SHM_RND | SHM_REMAP));
	REPORT("shmat(id, SHMLBA - 1, SHM_RND | SHM_REMAP)",
		shmat(id, (void *)(uintptr_t)(SHMLBA - 1),
			SHM_RND | SHM_REMAP));
}

/* Attach with flags at the system's choice, say how it went, detach. */
static void attach_detach(const char *what, int id, int flags)
{
	void *r = shmat(id, NULL, flags);

	say("%s: %s", what, r == (void *)-1 ? errno_name(errno) : "ok");
	CHECK(r == (void *)-1 || shmdt(r) == 0);
}

/* Flags that work for root. */
static void flags(int id)
{
	attach_detach("shmat(id, NULL, SHM_RDONLY)", id, SHM_RDONLY);
	attach_detach("shmat(id, NULL, SHM_RDONLY | SHM_EXEC)", id,
		SHM_RDONLY | SHM_EXEC);
	attach_detach("shmat(id, NULL, 01), an unknown flag bit", id, 01);
	say("shm_nattch: %lu", (unsigned long)shm_stat(id).shm_nattch);
}

int main(void)
{
	int id = shm_new(KEY, 8192, IPC_CREAT | IPC_EXCL | 0600);

	bad_ids();
	addresses(id);
	flags(id);
	return 0;
}
