/*
 * shmdt takes only the start of an attachment: NULL, an unaligned
 * address, an address inside an attachment, one in the program's own
 * data and one already detached are EINVAL and change nothing.
 */
#include "posix_test.h"

#define KEY 0x5eed0b01
#define PAGE 4096

/* Page-aligned memory of the program's own, no shared memory. */
static char own[2 * PAGE] __attribute__((aligned(PAGE)));

int main(void)
{
	int id = shm_new(KEY, 2 * PAGE, IPC_CREAT | IPC_EXCL | 0600);
	char *p = shm_attach(id, 0);

	p[PAGE] = 1;
	own[0] = 1;
	REPORT("shmdt(NULL)", shmdt(NULL));
	REPORT("shmdt(p + 1)", shmdt(p + 1));
	REPORT("shmdt(p + 4096), the second page", shmdt(p + PAGE));
	REPORT("shmdt(p - 4096)", shmdt(p - PAGE));
	REPORT("shmdt of the program's own aligned data", shmdt(own));
	say("shm_nattch: %lu", (unsigned long)shm_stat(id).shm_nattch);
	say_bool("the attachment still works", p[PAGE] == 1);
	say_bool("the program's data still works", own[0] == 1);
	REPORT("shmdt(p)", shmdt(p));
	say("shm_nattch: %lu", (unsigned long)shm_stat(id).shm_nattch);
	REPORT("shmdt(p) again", shmdt(p));
	REPORT("IPC_RMID", shmctl(id, IPC_RMID, NULL));
	REPORT("shmdt(p) after IPC_RMID", shmdt(p));
	return 0;
}
