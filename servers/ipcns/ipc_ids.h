/*
 * What every System V object of a namespace shares: its id, its key and
 * its permissions, and the table that hands out ids and finds keys.
 *
 * Ids are Linux's: seq << 15 | idx. Indices are handed out cyclically in
 * [0, max(in_use * 3 / 2, 64)); the sequence number goes up each time the
 * cursor comes back to an index at or below the last one, so the first id
 * of a fresh table is 0, and an id whose index was reused by a newer object
 * no longer matches (a stale id). Keys are found through a hash table;
 * IPC_PRIVATE objects and removed ones are not in it.
 */
#ifndef IPCNS_IPC_IDS_H
#define IPCNS_IPC_IDS_H

#include <stddef.h>
#include <stdint.h>

#include <mk/abi.h>

#define IPC_ID_SHIFT 15
#define IPC_MNI (1u << IPC_ID_SHIFT)		/* indices per table (IPCMNI) */
#define IPC_SEQ_MAX (INT32_MAX >> IPC_ID_SHIFT) /* seq stays below */
#define IPC_MIN_CYCLE 64 /* indices cycle through at least this many */

/* Who is asking: built only from what the kernel stamps on a message. */
struct ipc_cred {
	uint64_t task_id;  /* stands in for Linux's tgid */
	uint32_t uid, gid; /* effective ids */
	uint64_t caps;	   /* MK_CAP_* */
};

/* The common head of a shm segment (and later of queues and sem sets). */
struct ipc_obj {
	struct ipc_obj *hash_next; /* its key's hash chain */
	int32_t key;		   /* 0 (IPC_PRIVATE) when private or removed */
	int32_t id;		   /* seq << 15 | idx */
	uint32_t uid, gid;	   /* owner */
	uint32_t cuid, cgid;	   /* creator */
	uint32_t mode;		   /* low 9 bits rwxrwxrwx, then status bits */
};

struct ipc_ids {
	struct ipc_obj **slots;	   /* by index, NULL when free */
	struct ipc_obj **buckets;  /* key hash chains */
	uint32_t nslots, nbuckets; /* nbuckets: 0 or a power of two */
	uint32_t in_use;	   /* objects in slots */
	uint32_t keyed;		   /* objects in buckets */
	int32_t max_idx;	   /* highest used index, -1 if none */
	int32_t last_idx;	   /* index of the newest object, or -1 */
	uint32_t cursor;	   /* where the next index search starts */
	uint32_t seq;		   /* sequence number of new ids */
};

static inline struct ipc_cred ipc_cred_from_sender(const struct mk_sender *s)
{
	struct ipc_cred c = {s->task_id, s->uid, s->gid, s->caps};

	return c;
}

static inline int ipc_id_index(int32_t id)
{
	return (int)((uint32_t)id & (IPC_MNI - 1));
}

static inline unsigned ipc_id_seq(int32_t id)
{
	return (uint32_t)id >> IPC_ID_SHIFT;
}

/* An empty table; it allocates nothing until the first object. */
void ipc_ids_init(struct ipc_ids *ids);

/* Free the table's arrays (not the objects, which the owner frees first). */
void ipc_ids_fini(struct ipc_ids *ids);

/*
 * Give obj (key, permissions filled in) an id and enter it in the table.
 * limit is the namespace's maximum count (capped at IPC_MNI). Returns the
 * id, -MK_ENOSPC when the table holds limit objects, -MK_ENOMEM.
 */
int ipc_ids_alloc(struct ipc_ids *ids, struct ipc_obj *obj, uint32_t limit);

/* Take obj out of the table; its id and key are free again. */
void ipc_ids_remove(struct ipc_ids *ids, struct ipc_obj *obj);

/* Make obj unreachable by its key (key becomes IPC_PRIVATE). */
void ipc_ids_set_private(struct ipc_ids *ids, struct ipc_obj *obj);

/* The object with this key, or NULL. Key 0 finds nothing. */
struct ipc_obj *ipc_ids_find_key(const struct ipc_ids *ids, int32_t key);

/* The object with exactly this id, or NULL (bad, free or stale id). */
struct ipc_obj *ipc_ids_find_id(const struct ipc_ids *ids, int32_t id);

/* The object at the index part of id, whatever its sequence, or NULL. */
struct ipc_obj *ipc_ids_find_index(const struct ipc_ids *ids, int32_t id);

/* For IPC_INFO and *_INFO: the highest index in use, -1 when empty. */
int ipc_ids_max_index(const struct ipc_ids *ids);

/* Bytes the table itself holds (its arrays), for the budget. */
size_t ipc_ids_bytes(const struct ipc_ids *ids);

/*
 * Linux's ipcperms: may cred do what the low 9 bits of flag ask (any of
 * the three rwx groups counts)? 0, or -MK_EACCES; MK_CAP_IPC_OWNER
 * overrides.
 */
int ipc_perm_check(
	const struct ipc_obj *obj, const struct ipc_cred *cred, int flag);

/* IPC_SET and IPC_RMID: owner, creator or MK_CAP_SYS_ADMIN, else -MK_EPERM. */
int ipc_owner_check(const struct ipc_obj *obj, const struct ipc_cred *cred);

#endif /* IPCNS_IPC_IDS_H */
