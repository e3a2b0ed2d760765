/*
 * Id allocation, key lookup and permission checks shared by every System V
 * object kind (see ipc_ids.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ipc_ids.h"
#include "mk/errno.h"

#define IPC_BUCKETS_MIN 16

void ipc_ids_init(struct ipc_ids *ids)
{
	memset(ids, 0, sizeof(*ids));
	ids->max_idx = -1;
	ids->last_idx = -1;
}

void ipc_ids_fini(struct ipc_ids *ids)
{
	free(ids->slots);
	free(ids->buckets);
	ipc_ids_init(ids);
}

/* Fibonacci hashing of a key into a table of 2^bits buckets. */
static uint32_t ipc_key_bucket(int32_t key, uint32_t nbuckets)
{
	uint32_t bits = (uint32_t)__builtin_ctz(nbuckets);

	return ((uint32_t)key * 0x9e3779b1u) >> (32 - bits);
}

/* Double the bucket array (or make the first): 0, or -MK_ENOMEM. */
static int ipc_buckets_grow(struct ipc_ids *ids)
{
	uint32_t n = ids->nbuckets ? ids->nbuckets * 2 : IPC_BUCKETS_MIN, i;
	struct ipc_obj **b = calloc(n, sizeof(*b)), *o, *next;

	if (!b)
		return -MK_ENOMEM;
	for (i = 0; i < ids->nbuckets; i++) {
		for (o = ids->buckets[i]; o; o = next) {
			uint32_t h = ipc_key_bucket(o->key, n);

			next = o->hash_next;
			o->hash_next = b[h];
			b[h] = o;
		}
	}
	free(ids->buckets);
	ids->buckets = b;
	ids->nbuckets = n;
	return 0;
}

/*
 * Enter obj in its key's chain, growing the table to keep chains short.
 * A failed growth only lengthens chains, unless there is no table yet.
 */
static int ipc_hash_insert(struct ipc_ids *ids, struct ipc_obj *obj)
{
	uint32_t h;

	if (ids->keyed >= ids->nbuckets && ipc_buckets_grow(ids) &&
		!ids->nbuckets)
		return -MK_ENOMEM;
	h = ipc_key_bucket(obj->key, ids->nbuckets);
	obj->hash_next = ids->buckets[h];
	ids->buckets[h] = obj;
	ids->keyed++;
	return 0;
}

static void ipc_hash_remove(struct ipc_ids *ids, struct ipc_obj *obj)
{
	struct ipc_obj **p =
		&ids->buckets[ipc_key_bucket(obj->key, ids->nbuckets)];

	while (*p != obj)
		p = &(*p)->hash_next;
	*p = obj->hash_next;
	obj->hash_next = NULL;
	ids->keyed--;
}

/* Make slots cover index idx. */
static int ipc_slots_reserve(struct ipc_ids *ids, uint32_t idx)
{
	uint32_t n = ids->nslots ? ids->nslots : IPC_MIN_CYCLE;
	struct ipc_obj **s;

	if (idx < ids->nslots)
		return 0;
	while (n <= idx)
		n *= 2;
	if (n > IPC_MNI)
		n = IPC_MNI;
	s = realloc(ids->slots, n * sizeof(*s));
	if (!s)
		return -MK_ENOMEM;
	memset(s + ids->nslots, 0, (n - ids->nslots) * sizeof(*s));
	ids->slots = s;
	ids->nslots = n;
	return 0;
}

static int ipc_slot_used(const struct ipc_ids *ids, uint32_t idx)
{
	return idx < ids->nslots && ids->slots[idx];
}

/* The lowest free index in [from, end), or end if none. */
static uint32_t ipc_free_index(
	const struct ipc_ids *ids, uint32_t from, uint32_t end)
{
	while (from < end && ipc_slot_used(ids, from))
		from++;
	return from;
}

/*
 * Linux's cyclic choice: the first free index from the cursor up to
 * max(in_use * 3 / 2, 64), else from 0. One is always free there, as
 * fewer than that many objects exist.
 */
static uint32_t ipc_next_index(const struct ipc_ids *ids)
{
	uint32_t end = ids->in_use * 3 / 2, idx;

	if (end < IPC_MIN_CYCLE)
		end = IPC_MIN_CYCLE;
	if (end > IPC_MNI)
		end = IPC_MNI;
	idx = ipc_free_index(ids, ids->cursor < end ? ids->cursor : end, end);
	if (idx == end)
		idx = ipc_free_index(ids, 0, end);
	return idx;
}

int ipc_ids_alloc(struct ipc_ids *ids, struct ipc_obj *obj, uint32_t limit)
{
	uint32_t idx;

	if (limit > IPC_MNI)
		limit = IPC_MNI;
	if (ids->in_use >= limit)
		return -MK_ENOSPC;
	idx = ipc_next_index(ids);
	if (ipc_slots_reserve(ids, idx))
		return -MK_ENOMEM;
	obj->hash_next = NULL;
	if (obj->key && ipc_hash_insert(ids, obj))
		return -MK_ENOMEM;

	/* Nothing below can fail. */
	if ((int32_t)idx <= ids->last_idx && ++ids->seq >= IPC_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = (int32_t)idx;
	ids->cursor = idx + 1;
	obj->id = (int32_t)(ids->seq << IPC_ID_SHIFT | idx);
	ids->slots[idx] = obj;
	ids->in_use++;
	if ((int32_t)idx > ids->max_idx)
		ids->max_idx = (int32_t)idx;
	return obj->id;
}

/*
 * An empty table gives back arrays grown beyond their first size, so an
 * empty namespace stays small after a busy past. The cursor and sequence
 * stay: ids go on cycling as in Linux.
 */
static void ipc_ids_shrink(struct ipc_ids *ids)
{
	if (ids->nslots > IPC_MIN_CYCLE) {
		free(ids->slots);
		ids->slots = NULL;
		ids->nslots = 0;
	}
	if (ids->nbuckets > IPC_BUCKETS_MIN) {
		free(ids->buckets);
		ids->buckets = NULL;
		ids->nbuckets = 0;
	}
}

void ipc_ids_remove(struct ipc_ids *ids, struct ipc_obj *obj)
{
	int idx = ipc_id_index(obj->id);

	ipc_ids_set_private(ids, obj);
	ids->slots[idx] = NULL;
	ids->in_use--;
	if (idx == ids->max_idx) {
		while (--idx >= 0 && !ids->slots[idx])
			;
		ids->max_idx = idx;
	}
	if (!ids->in_use)
		ipc_ids_shrink(ids);
}

void ipc_ids_set_private(struct ipc_ids *ids, struct ipc_obj *obj)
{
	if (!obj->key)
		return;
	ipc_hash_remove(ids, obj);
	obj->key = 0;
}

struct ipc_obj *ipc_ids_find_key(const struct ipc_ids *ids, int32_t key)
{
	struct ipc_obj *o;

	if (!key || !ids->nbuckets)
		return NULL;
	o = ids->buckets[ipc_key_bucket(key, ids->nbuckets)];
	while (o && o->key != key)
		o = o->hash_next;
	return o;
}

struct ipc_obj *ipc_ids_find_index(const struct ipc_ids *ids, int32_t id)
{
	uint32_t idx = (uint32_t)ipc_id_index(id);

	return idx < ids->nslots ? ids->slots[idx] : NULL;
}

struct ipc_obj *ipc_ids_find_id(const struct ipc_ids *ids, int32_t id)
{
	struct ipc_obj *o;

	if (id < 0)
		return NULL;
	o = ipc_ids_find_index(ids, id);
	return o && o->id == id ? o : NULL;
}

int ipc_ids_max_index(const struct ipc_ids *ids)
{
	return ids->in_use ? ids->max_idx : -1;
}

size_t ipc_ids_bytes(const struct ipc_ids *ids)
{
	return (size_t)(ids->nslots + ids->nbuckets) * sizeof(void *);
}

int ipc_perm_check(
	const struct ipc_obj *obj, const struct ipc_cred *cred, int flag)
{
	uint32_t want = (uint32_t)flag & 0777, have = obj->mode;

	want = (want >> 6 | want >> 3 | want) & 7;
	if (cred->uid == obj->cuid || cred->uid == obj->uid)
		have >>= 6;
	else if (cred->gid == obj->cgid || cred->gid == obj->gid)
		have >>= 3;
	if ((want & ~have & 7) && !(cred->caps & MK_CAP_IPC_OWNER))
		return -MK_EACCES;
	return 0;
}

int ipc_owner_check(const struct ipc_obj *obj, const struct ipc_cred *cred)
{
	if (cred->uid == obj->cuid || cred->uid == obj->uid ||
		(cred->caps & MK_CAP_SYS_ADMIN))
		return 0;
	return -MK_EPERM;
}
