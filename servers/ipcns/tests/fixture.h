/*
 * What the ipc-ns host tests share: a fake kernel for memory objects that
 * counts what is alive, a server state with one namespace, and callers.
 */
#ifndef IPCNS_TEST_FIXTURE_H
#define IPCNS_TEST_FIXTURE_H

#include <stdint.h>

#include "ns.h"
#include "shm.h"

#define FAKE_MEM_MAX 65536

/* Memory objects the code under test made and has not given back. */
struct fake_mem {
	uint64_t objects; /* alive */
	uint64_t pages;	  /* in those */
	uint64_t created; /* ever */
	int fail_create;  /* the next creates fail with this errno */
	uint64_t next;
	uint64_t object_pages[FAKE_MEM_MAX]; /* by handle; 0: free */
};

/* Memory operations over m (for a server state of the test's own). */
struct ipcns_mem_ops fake_mem_ops(struct fake_mem *m);

struct fixture {
	struct fake_mem mem;
	struct ipcns server;
	struct ipc_ns *ns; /* held by one task reference, or NULL */
};

/* Callers as the kernel would stamp them. */
extern const struct ipc_cred cred_root;	 /* uid 0, every capability */
extern const struct ipc_cred cred_user;	 /* uid 1000, gid 100, none */
extern const struct ipc_cred cred_group; /* uid 1001, gid 100, none */
extern const struct ipc_cred cred_other; /* uid 2000, gid 200, none */

/* A cred like base with other capabilities and task id. */
struct ipc_cred cred_with(
	const struct ipc_cred *base, uint64_t caps, uint64_t task_id);

/* cmocka setup and teardown: a fixture in *state; teardown asserts that
 * dropping the namespace gave every memory object back. */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* shmat with a granted reply: the grant's tag, after commit by cred. */
uint64_t fixture_attach(struct fixture *f, const struct ipc_cred *cred, int id,
	int flags, int64_t now);

/* IPC_STAT as root; asserts it succeeds. */
struct shmid_ds fixture_stat(struct fixture *f, int id);

#endif
