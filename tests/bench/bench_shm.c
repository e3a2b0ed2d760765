/*
 * SysV shared memory benchmark: instructions retired and cycles per
 * operation, through libc and the ipc-ns server, as a Linux program
 * would use them. The counters are per hart and the system runs on one,
 * so a delta holds everything the operation costs: the client, the
 * kernel, the server and the events it drains. Run under QEMU's
 * -icount shift=0 (ci/bench), where counts repeat.
 *
 *   bench_shm      run every measurement (in a namespace of its own)
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>

#include <mk/errno.h>
#include <mk/ipcns.h>
#include <mk/ipcns_client.h>
#include <mk/mk.h>

#include "counters.h"

#define ROUNDS 200
#define KEY_BASE 0x6be00000
#define OTHERS_MAX 1000

static int failed(const char *what)
{
	printf("bench: %s failed: %s\n", what, strerror(errno));
	return 1;
}

/* A request the server answers at once (-ENOSYS): the loop's own cost. */
static int bench_null_request(void)
{
	struct counters a = counters_now(), b;

	for (int i = 0; i < ROUNDS; i++) {
		struct mk_msg m;

		__mk_ipcns_msg(&m, IPCNS_REQUEST_END); /* as libc's calls do */
		if (mk_call(MK_HANDLE_IPCNS, &m) < 0 ||
			(int64_t)m.label != -MK_ENOSYS)
			return failed("null request");
	}
	b = counters_now();
	report("ipc-ns null request (call + reply)", a, b, ROUNDS);
	return 0;
}

/* shmget + shmat + a write to each page + shmdt + IPC_RMID. */
static int bench_cycle(void)
{
	struct counters a = counters_now(), b;

	for (int i = 0; i < ROUNDS; i++) {
		int id = shmget(IPC_PRIVATE, 4096, 0600);
		volatile char *p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);

		if (p == (void *)-1)
			return failed("cycle");
		p[0] = 1;
		if (shmdt((void *)p) || shmctl(id, IPC_RMID, NULL))
			return failed("cycle");
	}
	b = counters_now();
	report("shm cycle: get+at+touch+dt+IPC_RMID", a, b, ROUNDS);
	return 0;
}

static int bench_attach_detach(int id)
{
	struct counters a = counters_now(), b;

	for (int i = 0; i < ROUNDS; i++) {
		void *p = shmat(id, NULL, 0);

		if (p == (void *)-1 || shmdt(p))
			return failed("attach");
	}
	b = counters_now();
	report("shm attach + detach (existing segment)", a, b, ROUNDS);
	return 0;
}

static int bench_stat(int id)
{
	struct counters a = counters_now(), b;
	struct shmid_ds ds;

	for (int i = 0; i < ROUNDS; i++)
		if (shmctl(id, IPC_STAT, &ds))
			return failed("IPC_STAT");
	b = counters_now();
	report("shm IPC_STAT", a, b, ROUNDS);
	return 0;
}

/* shmget of an existing key with `others` more segments present. */
static int bench_lookup(int key, int others)
{
	struct counters a = counters_now(), b;
	char what[64];

	for (int i = 0; i < ROUNDS; i++)
		if (shmget(key, 0, 0) < 0)
			return failed("lookup");
	b = counters_now();
	snprintf(what, sizeof(what), "shmget lookup, %d other segments",
		others);
	report(what, a, b, ROUNDS);
	return 0;
}

int main(void)
{
	static int others[OTHERS_MAX];
	int id, made = 0, err = 0;

	if (unshare(CLONE_NEWIPC))
		return failed("unshare");
	id = shmget(KEY_BASE, 4096, IPC_CREAT | 0600);
	if (id < 0)
		return failed("shmget");
	printf("bench: %-42s %10s %10s\n", "shm operation", "instret",
		"cycles");
	err |= bench_null_request();
	err |= bench_cycle();
	err |= bench_attach_detach(id);
	err |= bench_stat(id);
	for (int want = 1; want <= OTHERS_MAX && !err; want *= 10) {
		while (made < want) {
			others[made] = shmget(KEY_BASE + 1 + made, 4096,
				IPC_CREAT | 0600);
			if (others[made++] < 0)
				return failed("shmget of the others");
		}
		if (want == 1 || want == 100 || want == 1000)
			err |= bench_lookup(KEY_BASE, want);
	}
	for (int i = 0; i < made; i++)
		shmctl(others[i], IPC_RMID, NULL);
	shmctl(id, IPC_RMID, NULL);
	return err;
}
