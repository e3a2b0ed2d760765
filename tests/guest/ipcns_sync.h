/*
 * For guest tests that count frames or read what the ipc-ns server
 * counts: a round trip to the server, which drains the kernel's events
 * before it takes a call, so that everything that ended before it (an
 * exit, a detach) has been settled when it returns. Header-only.
 */
#ifndef TESTS_GUEST_IPCNS_SYNC_H
#define TESTS_GUEST_IPCNS_SYNC_H

#include <sys/shm.h>

static inline void ipcns_sync(void)
{
	struct shminfo info;

	shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
}

#endif /* TESTS_GUEST_IPCNS_SYNC_H */
