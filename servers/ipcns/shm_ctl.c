/*
 * shmctl's commands, and the SHM_LOCK accounting per user (see shm.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mk/errno.h"
#include "shm.h"

/* Pages a user has SHM_LOCKed, in all namespaces (Linux's per-user count). */
struct shm_lock_user {
	struct shm_lock_user *next;
	uint32_t uid;
	uint64_t pages;
};

static struct shm_lock_user **shm_lock_user_find(struct ipcns *s, uint32_t uid)
{
	struct shm_lock_user **p = &s->lock_users;

	while (*p && (*p)->uid != uid)
		p = &(*p)->next;
	return p;
}

/*
 * Linux's user_shm_lock: charge pages to cred's user; beyond
 * RLIMIT_MEMLOCK without CAP_IPC_LOCK it is -MK_ENOMEM.
 */
static int shm_lock_charge(
	struct ipcns *s, const struct ipc_cred *cred, uint64_t pages)
{
	struct shm_lock_user **p = shm_lock_user_find(s, cred->uid), *u = *p;
	uint64_t limit = s->memlock_limit / SHM_PAGE_SIZE;

	if (s->memlock_limit == UINT64_MAX || (cred->caps & MK_CAP_IPC_LOCK))
		limit = UINT64_MAX;
	if (pages > limit || (u && u->pages > limit - pages))
		return -MK_ENOMEM;
	if (!u) {
		u = calloc(1, sizeof(*u));
		if (!u)
			return -MK_ENOMEM;
		u->uid = cred->uid;
		*p = u;
	}
	u->pages += pages;
	return 0;
}

void shm_lock_uncharge(struct ipcns *s, uint32_t uid, uint64_t pages)
{
	struct shm_lock_user **p = shm_lock_user_find(s, uid), *u = *p;

	if (!u)
		return;
	u->pages -= pages < u->pages ? pages : u->pages;
	if (!u->pages) {
		*p = u->next;
		free(u);
	}
}

/* IPC_STAT by id, SHM_STAT and SHM_STAT_ANY by index. */
static int shm_ctl_stat(struct ipc_ns *ns, const struct ipc_cred *cred,
	int shmid, int cmd, struct shmid_ds *ds)
{
	struct ipc_obj *o = cmd == IPC_STAT
				    ? ipc_ids_find_id(&ns->shm_ids, shmid)
				    : ipc_ids_find_index(&ns->shm_ids, shmid);
	struct shm_segment *seg = (struct shm_segment *)o;

	if (!o)
		return -MK_EINVAL;
	if (cmd != SHM_STAT_ANY && ipc_perm_check(o, cred, 0444))
		return -MK_EACCES;

	memset(ds, 0, sizeof(*ds));
	ds->shm_perm.__key = o->key;
	ds->shm_perm.uid = o->uid;
	ds->shm_perm.gid = o->gid;
	ds->shm_perm.cuid = o->cuid;
	ds->shm_perm.cgid = o->cgid;
	ds->shm_perm.mode = o->mode;
	ds->shm_perm.__seq = (unsigned short)ipc_id_seq(o->id);
	ds->shm_segsz = seg->segsz;
	ds->shm_atime = seg->atime;
	ds->shm_dtime = seg->dtime;
	ds->shm_ctime = seg->ctime;
	ds->shm_cpid = seg->cpid;
	ds->shm_lpid = seg->lpid;
	ds->shm_nattch = seg->nattch;
	return cmd == IPC_STAT ? 0 : o->id;
}

/* IPC_SET: owner, group and the low 9 mode bits; ctime. */
static int shm_ctl_set(struct ipc_ns *ns, const struct ipc_cred *cred,
	int shmid, const struct shmid_ds *ds, int64_t now)
{
	struct shm_segment *seg = shm_find(ns, shmid);
	int err;

	if (!seg)
		return -MK_EINVAL;
	err = ipc_owner_check(&seg->obj, cred);
	if (err)
		return err;
	if (ds->shm_perm.uid == UINT32_MAX || ds->shm_perm.gid == UINT32_MAX)
		return -MK_EINVAL; /* (uid_t)-1 is no user */
	seg->obj.uid = ds->shm_perm.uid;
	seg->obj.gid = ds->shm_perm.gid;
	seg->obj.mode = (seg->obj.mode & ~0777u) | (ds->shm_perm.mode & 0777);
	seg->ctime = now;
	return 0;
}

/* IPC_RMID: destroy now, or mark SHM_DEST and hide the key until detached. */
static int shm_ctl_rmid(
	struct ipc_ns *ns, const struct ipc_cred *cred, int shmid)
{
	struct shm_segment *seg = shm_find(ns, shmid);
	int err;

	if (!seg)
		return -MK_EINVAL;
	err = ipc_owner_check(&seg->obj, cred);
	if (err)
		return err;
	if (!seg->nattch) {
		shm_destroy(ns, seg);
		return 0;
	}
	seg->obj.mode |= SHM_DEST;
	ipc_ids_set_private(&ns->shm_ids, &seg->obj);
	return 0;
}

static int shm_ctl_max_index(const struct ipc_ns *ns)
{
	int idx = ipc_ids_max_index(&ns->shm_ids);

	return idx < 0 ? 0 : idx;
}

static int shm_ctl_ipc_info(const struct ipc_ns *ns, struct shminfo *info)
{
	memset(info, 0, sizeof(*info));
	info->shmmax = ns->shm_ctlmax;
	info->shmmin = SHMMIN;
	info->shmmni = info->shmseg = ns->shm_ctlmni;
	info->shmall = ns->shm_ctlall;
	return shm_ctl_max_index(ns);
}

static int shm_ctl_shm_info(const struct ipc_ns *ns, struct shm_info *info)
{
	memset(info, 0, sizeof(*info));
	info->used_ids = (int)ns->shm_ids.in_use;
	info->shm_tot = ns->shm_tot;
	/* XXX: every page is resident (frames are made at shmget). */
	info->shm_rss = ns->shm_tot;
	return shm_ctl_max_index(ns);
}

/*
 * SHM_LOCK and SHM_UNLOCK: without CAP_IPC_LOCK only the owner or creator,
 * and SHM_LOCK not with a zero RLIMIT_MEMLOCK. Locking charges the locking
 * user once; unlocking credits that user. Pages never swap here, so the
 * lock is bookkeeping and the SHM_LOCKED bit.
 */
static int shm_ctl_lock(
	struct ipc_ns *ns, const struct ipc_cred *cred, int shmid, int cmd)
{
	struct shm_segment *seg = shm_find(ns, shmid);
	uint64_t pages;
	int err;

	if (!seg)
		return -MK_EINVAL;
	if (!(cred->caps & MK_CAP_IPC_LOCK)) {
		if (cred->uid != seg->obj.uid && cred->uid != seg->obj.cuid)
			return -MK_EPERM;
		if (cmd == SHM_LOCK && !ns->server->memlock_limit)
			return -MK_EPERM;
	}
	pages = shm_pages(seg->segsz);
	if (cmd == SHM_LOCK) {
		if (seg->obj.mode & SHM_LOCKED)
			return 0;
		err = shm_lock_charge(ns->server, cred, pages);
		if (err)
			return err;
		seg->obj.mode |= SHM_LOCKED;
		seg->lock_uid = cred->uid;
		return 0;
	}
	if (seg->obj.mode & SHM_LOCKED) {
		shm_lock_uncharge(ns->server, seg->lock_uid, pages);
		seg->obj.mode &= ~(uint32_t)SHM_LOCKED;
	}
	return 0;
}

int shm_ctl(struct ipc_ns *ns, const struct ipc_cred *cred, int shmid, int cmd,
	union shm_ctl_buf *buf, int64_t now)
{
	if (cmd < 0 || shmid < 0)
		return -MK_EINVAL;
	switch (cmd) {
	case IPC_INFO:
		return shm_ctl_ipc_info(ns, &buf->info);
	case SHM_INFO:
		return shm_ctl_shm_info(ns, &buf->shm_info);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shm_ctl_stat(ns, cred, shmid, cmd, &buf->ds);
	case IPC_SET:
		return shm_ctl_set(ns, cred, shmid, &buf->ds, now);
	case IPC_RMID:
		return shm_ctl_rmid(ns, cred, shmid);
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shm_ctl_lock(ns, cred, shmid, cmd);
	}
	return -MK_EINVAL;
}

size_t shm_ctl_in_size(int cmd)
{
	return cmd == IPC_SET ? sizeof(struct shmid_ds) : 0;
}

size_t shm_ctl_out_size(int cmd)
{
	switch (cmd) {
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return sizeof(struct shmid_ds);
	case IPC_INFO:
		return sizeof(struct shminfo);
	case SHM_INFO:
		return sizeof(struct shm_info);
	}
	return 0;
}
