/*
 * SHM_HUGETLB on a system without huge pages (the runner checks Linux's
 * vm.nr_hugepages is 0): ENOMEM for root, who may use huge pages, EPERM
 * for an ordinary user, who may not; nothing is created either way.
 */
#include "posix_test.h"

#define KEY 0x5eed0f01
#define HUGE_2MB (2ul << 20)
/* Linux's encoding of the 2 MiB size; glibc's <sys/shm.h> lacks it. */
#ifndef SHM_HUGE_2MB
#define SHM_HUGE_2MB (21 << 26)
#endif

static void tries(const char *who)
{
	char what[96];
	static const struct {
		const char *name;
		size_t size;
		int flags;
	} cases[] = {
		{"2 MiB, SHM_HUGETLB", HUGE_2MB, SHM_HUGETLB},
		{"2 MiB, SHM_HUGETLB | SHM_HUGE_2MB", HUGE_2MB,
			SHM_HUGETLB | SHM_HUGE_2MB},
		{"4096, SHM_HUGETLB", 4096, SHM_HUGETLB},
	};

	for (size_t i = 0; i < COUNT(cases); i++) {
		snprintf(what, sizeof(what), "%sshmget(KEY, %s)", who,
			cases[i].name);
		REPORT(what,
			shmget(KEY, cases[i].size,
				IPC_CREAT | IPC_EXCL | cases[i].flags | 0600));
	}
	snprintf(what, sizeof(what), "%sshmget(KEY, 0, 0)", who);
	REPORT(what, shmget(KEY, 0, 0));
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "nobody") == 0) {
		drop_to_nobody();
		tries("child: ");
		return 0;
	}
	tries("");
	say("child as uid %d: %s", NOBODY,
		status_words(run_child(argv[0], "nobody", NULL)));
	say("SHM_INFO used_ids: %d", shm_usage().used_ids);
	return 0;
}
