/*
 * System V shared memory of one namespace, as Linux behaves: shmget,
 * shmat's bookkeeping, detach by the kernel's unmap events, and shmctl.
 *
 * A segment's pages are one memory object, made through the server's
 * ipcns_mem_ops when the segment is created and given back when it is
 * destroyed. shm_attach decides what the reply must grant; the server
 * makes the grant and then calls shm_attach_commit (granted) or
 * shm_attach_abort (the reply failed), before it handles anything else.
 * Each granted mapping carries the segment's tag; when the kernel reports
 * the mapping gone, the server passes the tag to shm_unmap_event. So
 * shm_nattch counts live mappings exactly, and each one holds its
 * namespace (NS_REF_ATTACH).
 *
 * IPC_RMID of an attached segment sets SHM_DEST and makes its key private
 * at once; the id stays usable until the last detach destroys it.
 *
 * Every function returns a negative Linux errno (MK_E*) for a refused
 * request, checked in Linux's order, and changes nothing then. Times are
 * seconds of the wall clock, given by the caller.
 */
#ifndef IPCNS_SHM_H
#define IPCNS_SHM_H

#include <stdint.h>
#include <sys/shm.h>

#include "ns.h"

#define SHM_PAGE_SIZE 4096ull
#define SHMMIN 1

struct shm_segment {
	struct ipc_obj obj; /* first: id, key, owner, mode */
	uint64_t segsz;	    /* bytes asked for, not rounded */
	uint64_t mem;	    /* the memory object (ipcns_mem_ops) */
	uint64_t nattch;    /* live mappings, reserved ones included */
	int64_t atime, dtime, ctime;
	int32_t cpid, lpid;
	uint32_t lock_uid; /* charged for SHM_LOCK, with SHM_LOCKED */
};

/* What the reply to shmat must grant, and what identifies it later. */
struct shm_grant {
	uint64_t tag;	    /* the grant's tag: namespace slot and id */
	uint64_t mem;	    /* the memory object */
	uint64_t pages;	    /* from page 0 */
	uint64_t addr;	    /* where, or 0 for the kernel's choice */
	uint32_t prot;	    /* MK_PROT_* */
	uint32_t map_flags; /* MK_MAP_FIXED_REPLACE for SHM_REMAP */
};

/* shmctl's argument and answer, by command. */
union shm_ctl_buf {
	struct shmid_ds ds;	  /* IPC_STAT, SHM_STAT*, IPC_SET */
	struct shminfo info;	  /* IPC_INFO */
	struct shm_info shm_info; /* SHM_INFO */
};

/*
 * shmget(key, size, flags) by cred at time now: the segment's id, or
 * -MK_ENOENT, -MK_EEXIST, -MK_EINVAL, -MK_EACCES, -MK_ENOSPC, -MK_EPERM,
 * -MK_ENOMEM. Only the key's low 32 bits count (Linux's key is an int).
 */
int shm_get(struct ipc_ns *ns, const struct ipc_cred *cred, int32_t key,
	uint64_t size, int flags, int64_t now);

/*
 * shmat(shmid, addr, flags): fill *grant and reserve one attachment
 * (shm_nattch counts it, the namespace is held) until commit or abort.
 * -MK_EINVAL, -MK_EACCES, -MK_ENOMEM (range beyond user space).
 */
int shm_attach(struct ipc_ns *ns, const struct ipc_cred *cred, int shmid,
	uint64_t addr, int flags, struct shm_grant *grant);

/* The grant was made: the attach by task_id at now is done. */
void shm_attach_commit(struct ipcns *s, const struct shm_grant *grant,
	uint64_t task_id, int64_t now);

/* The grant failed: undo the reservation (may destroy the segment). */
void shm_attach_abort(struct ipcns *s, const struct shm_grant *grant);

/* The errno shmat gives for a kernel error from the grant. */
int shm_attach_errno(long kernel_err);

/*
 * The kernel reports a mapping with this tag gone: task_id removed it (by
 * unmap, exit or kill) at now. 0, or -MK_EINVAL for a tag that names no
 * attached segment (nothing changes).
 */
int shm_unmap_event(
	struct ipcns *s, uint64_t tag, uint64_t task_id, int64_t now);

/*
 * shmctl(shmid, cmd, buf): IPC_STAT, SHM_STAT, SHM_STAT_ANY, IPC_INFO and
 * SHM_INFO fill buf; IPC_SET reads it. Returns what Linux's shmctl
 * returns (0, an id or the highest index) or a negative errno.
 */
int shm_ctl(struct ipc_ns *ns, const struct ipc_cred *cred, int shmid, int cmd,
	union shm_ctl_buf *buf, int64_t now);

/* Bytes of buf that cmd reads from the caller and writes back to it. */
size_t shm_ctl_in_size(int cmd);
size_t shm_ctl_out_size(int cmd);

/* ---- shared by shm.c, shm_ctl.c and ns.c ---- */

/* The segment with exactly this id in ns, or NULL. */
struct shm_segment *shm_find(const struct ipc_ns *ns, int shmid);

/* Destroy seg now: its id, its memory, its lock charge. */
void shm_destroy(struct ipc_ns *ns, struct shm_segment *seg);

/* Destroy every segment of a namespace that is going away. */
void shm_ns_destroy(struct ipc_ns *ns);

/* Give back pages SHM_LOCKed by uid (shm_ctl.c). */
void shm_lock_uncharge(struct ipcns *s, uint32_t uid, uint64_t pages);

static inline uint64_t shm_pages(uint64_t size)
{
	return (size + SHM_PAGE_SIZE - 1) / SHM_PAGE_SIZE;
}

#endif /* IPCNS_SHM_H */
