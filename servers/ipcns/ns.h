/*
 * IPC namespaces and the server's state that spans them.
 *
 * A namespace lives while anything refers to it: the tasks labelled with
 * it, open namespace handles, and every live shm attachment made in it (an
 * attachment keeps its namespace even after its task moved to another one
 * or left). The last reference destroys every object in it and gives the
 * memory back. A new namespace starts empty, with Linux's default limits.
 *
 * Tasks carry a namespace's label (the kernel stamps it on each message):
 * the low 32 bits are the namespace's slot in the server's table, the high
 * 32 bits a generation, so a label outlives nothing it named. The first
 * namespace created gets label 0, which is the label every task has until
 * the server sets another.
 */
#ifndef IPCNS_NS_H
#define IPCNS_NS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc_ids.h"

/* Linux's defaults for a new namespace (kernel.shm*). */
#define NS_SHMMAX (UINT64_MAX - (1ull << 24)) /* bytes */
#define NS_SHMALL (UINT64_MAX - (1ull << 24)) /* pages */
#define NS_SHMMNI 4096u
#define NS_MAX_DEFAULT 1024u /* namespaces at once (max_ipc_namespaces) */
#define NS_MEMLOCK_DEFAULT (8ull << 20) /* RLIMIT_MEMLOCK, bytes */

/* Linux's clone flags that concern this server. */
#define NS_CLONE_SYSVSEM 0x00040000ull
#define NS_CLONE_NEWIPC 0x08000000ull

/* What holds a namespace alive. */
enum ns_ref {
	NS_REF_TASK,   /* a task labelled with it */
	NS_REF_HANDLE, /* an open namespace handle (setns, /proc/N/ns/ipc) */
	NS_REF_ATTACH, /* a live shm attachment made in it (shm.c's own) */
};

/*
 * Memory objects, through the server: create one of `pages` zero-filled
 * pages and store its handle in *mem (0, or a negative errno), and give
 * one back once nothing maps it. The server plugs in mk_mem_create with
 * its event endpoint and mk_handle_close; host tests plug in a fake.
 */
struct ipcns_mem_ops {
	void *ctx;
	int (*create)(void *ctx, uint64_t pages, uint64_t *mem);
	void (*destroy)(void *ctx, uint64_t mem);
};

struct shm_lock_user;

/* The server's state: every namespace, and what spans namespaces. */
struct ipcns {
	struct ipcns_mem_ops mem;
	struct ipc_ns **ns;	    /* by label slot; NULL when free */
	uint32_t ns_slots;	    /* length of ns[] */
	uint32_t ns_count;	    /* namespaces alive */
	uint32_t ns_max;	    /* more is -MK_ENOSPC */
	uint32_t ns_gen;	    /* generation of the next label */
	uint32_t hugetlb_shm_group; /* vm.hugetlb_shm_group (0) */
	uint64_t memlock_limit;	    /* RLIMIT_MEMLOCK of every task, bytes */
	struct shm_lock_user *lock_users; /* SHM_LOCKed pages per uid */
};

struct ipc_ns {
	struct ipcns *server;
	uint64_t label;
	uint64_t tasks, handles, attachments; /* references, by kind */
	uint64_t shm_ctlmax;		      /* kernel.shmmax, bytes */
	uint64_t shm_ctlall;		      /* kernel.shmall, pages */
	uint32_t shm_ctlmni;		      /* kernel.shmmni */
	uint64_t shm_tot;		      /* pages of all segments */
	struct ipc_ids shm_ids;
};

/* Start the server's state with these memory operations; no namespace. */
void ipcns_init(struct ipcns *s, const struct ipcns_mem_ops *mem);

/* Destroy every namespace, whatever holds it (server shutdown, tests). */
void ipcns_fini(struct ipcns *s);

/*
 * Make an empty namespace with default limits, held by one reference of
 * kind ref. 0 with *out set, -MK_ENOSPC past s->ns_max, -MK_ENOMEM.
 * Permission is the caller's business (ns_spawn_check, ns_unshare_check).
 */
int ns_create(struct ipcns *s, enum ns_ref ref, struct ipc_ns **out);

/* The live namespace with this label, or NULL. */
struct ipc_ns *ns_lookup(const struct ipcns *s, uint64_t label);

/* Take one reference of kind ref. */
void ns_get(struct ipc_ns *ns, enum ns_ref ref);

/*
 * Drop one reference of kind ref: 1 when it was the last reference of any
 * kind (the namespace and everything in it are gone), 0 when it lives on,
 * -MK_EINVAL when no such reference is held (nothing changes).
 */
int ns_put(struct ipc_ns *ns, enum ns_ref ref);

/*
 * A limit of ns (kernel.shm* of its /proc/sys): its value in *value, and
 * with set, first give it *value. 0, or -MK_EINVAL for an unknown limit
 * or a value out of its range (shmmni: 0 to IPC_MNI). Permission is the
 * caller's business.
 */
int ns_sysctl(struct ipc_ns *ns, unsigned which, bool set, uint64_t *value);

/* Bookkeeping bytes of ns: itself, its tables, its objects (not pages). */
size_t ns_bytes(const struct ipc_ns *ns);

/*
 * Spawning with these clone flags (Linux's order): -MK_EINVAL for
 * CLONE_NEWIPC with CLONE_SYSVSEM, -MK_EPERM for CLONE_NEWIPC without
 * MK_CAP_SYS_ADMIN, else 0. Checked before anything is created.
 */
int ns_spawn_check(uint64_t clone_flags, const struct ipc_cred *cred);

/* unshare(CLONE_NEWIPC): -MK_EPERM without MK_CAP_SYS_ADMIN, else 0. */
int ns_unshare_check(const struct ipc_cred *cred);

#endif /* IPCNS_NS_H */
