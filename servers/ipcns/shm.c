/*
 * System V shared memory: segments, their creation, attachment and
 * destruction (see shm.h). shm_ctl.c has the control commands.
 */
#include <stdlib.h>

#include "mk/errno.h"
#include "mk/layout.h"
#include "shm.h"

static struct shm_segment *shm_of(struct ipc_obj *obj)
{
	return (struct shm_segment *)obj; /* obj is the first member */
}

struct shm_segment *shm_find(const struct ipc_ns *ns, int shmid)
{
	struct ipc_obj *o = ipc_ids_find_id(&ns->shm_ids, shmid);

	return o ? shm_of(o) : NULL;
}

/*
 * SHM_HUGETLB: Linux with no huge pages configured. A size encoding
 * riscv64 lacks is -MK_EINVAL (0 means the default, 2 MiB); without
 * CAP_IPC_LOCK or vm.hugetlb_shm_group it is -MK_EPERM; else the pool is
 * empty: -MK_ENOMEM.
 */
static int shm_hugetlb_errno(
	const struct ipcns *s, const struct ipc_cred *cred, int flags)
{
	unsigned log = (unsigned)flags >> SHM_HUGE_SHIFT & SHM_HUGE_MASK;

	if (log != 0 && log != 21 && log != 30)
		return -MK_EINVAL;
	if (!(cred->caps & MK_CAP_IPC_LOCK) &&
		cred->gid != s->hugetlb_shm_group)
		return -MK_EPERM;
	return -MK_ENOMEM;
}

/* Linux's newseg: checks in its order, then the memory, then the id. */
static int shm_create(struct ipc_ns *ns, const struct ipc_cred *cred,
	int32_t key, uint64_t size, int flags, int64_t now)
{
	struct ipcns *s = ns->server;
	uint64_t pages = shm_pages(size);
	struct shm_segment *seg;
	int id;

	if (size < SHMMIN || size > ns->shm_ctlmax)
		return -MK_EINVAL;
	if (pages * SHM_PAGE_SIZE < size) /* size + 4095 wrapped */
		return -MK_ENOSPC;
	if (ns->shm_tot + pages < ns->shm_tot ||
		ns->shm_tot + pages > ns->shm_ctlall)
		return -MK_ENOSPC;
	if (flags & SHM_HUGETLB)
		return shm_hugetlb_errno(s, cred, flags);

	seg = calloc(1, sizeof(*seg));
	if (!seg)
		return -MK_ENOMEM;
	if (s->mem.create(s->mem.ctx, pages, &seg->mem)) {
		free(seg);
		return -MK_ENOMEM;
	}
	seg->obj.key = key;
	seg->obj.uid = seg->obj.cuid = cred->uid;
	seg->obj.gid = seg->obj.cgid = cred->gid;
	seg->obj.mode = (uint32_t)flags & 0777;
	seg->segsz = size;
	seg->ctime = now;
	seg->cpid = (int32_t)cred->task_id;
	id = ipc_ids_alloc(&ns->shm_ids, &seg->obj, ns->shm_ctlmni);
	if (id < 0) {
		s->mem.destroy(s->mem.ctx, seg->mem);
		free(seg);
		return id;
	}
	ns->shm_tot += pages;
	return id;
}

int shm_get(struct ipc_ns *ns, const struct ipc_cred *cred, int32_t key,
	uint64_t size, int flags, int64_t now)
{
	struct ipc_obj *o;
	int err;

	if (key == 0) /* IPC_PRIVATE */
		return shm_create(ns, cred, key, size, flags, now);
	o = ipc_ids_find_key(&ns->shm_ids, key);
	if (!o) {
		if (!(flags & IPC_CREAT))
			return -MK_ENOENT;
		return shm_create(ns, cred, key, size, flags, now);
	}
	if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
		return -MK_EEXIST;
	if (shm_of(o)->segsz < size)
		return -MK_EINVAL;
	err = ipc_perm_check(o, cred, flags);
	return err ? err : o->id;
}

/*
 * shmat's address rules: an address must be SHMLBA-aligned unless SHM_RND
 * rounds it down; SHM_REMAP needs an address (one that does not round
 * to 0). An address that rounds to 0 asks for page 0, which Linux refuses
 * below vm.mmap_min_addr to tasks without CAP_SYS_RAWIO (none here).
 */
static int shm_attach_addr(uint64_t *addr, int flags)
{
	if (!*addr)
		return flags & SHM_REMAP ? -MK_EINVAL : 0;
	if (*addr & (SHMLBA - 1)) {
		if (!(flags & SHM_RND))
			return -MK_EINVAL;
		*addr &= ~(uint64_t)(SHMLBA - 1);
		if (!*addr)
			return flags & SHM_REMAP ? -MK_EINVAL : -MK_EPERM;
	}
	return 0;
}

/* Protection and the rwx bits ipcperms wants, from shmat's flags. */
static uint32_t shm_attach_prot(int flags, int *want)
{
	uint32_t prot = MK_PROT_READ;

	*want = 0444;
	if (!(flags & SHM_RDONLY)) {
		prot |= MK_PROT_WRITE;
		*want |= 0222;
	}
	if (flags & SHM_EXEC) {
		prot |= MK_PROT_EXEC;
		*want |= 0111;
	}
	return prot;
}

/* The range checks Linux makes once the segment's size is known. */
static int shm_attach_range(uint64_t addr, uint64_t segsz, int flags)
{
	uint64_t len = shm_pages(segsz) * SHM_PAGE_SIZE;

	if (!addr)
		return 0;
	if (!(flags & SHM_REMAP) && addr + segsz < addr)
		return -MK_EINVAL;
	if (addr > MK_USER_TOP || len > MK_USER_TOP - addr)
		return -MK_ENOMEM;
	return 0;
}

static uint64_t shm_tag(const struct ipc_ns *ns, const struct shm_segment *seg)
{
	return (uint64_t)(uint32_t)ns->label << 32 | (uint32_t)seg->obj.id;
}

int shm_attach(struct ipc_ns *ns, const struct ipc_cred *cred, int shmid,
	uint64_t addr, int flags, struct shm_grant *grant)
{
	struct shm_segment *seg;
	uint32_t prot;
	int want, err;

	if (shmid < 0)
		return -MK_EINVAL;
	err = shm_attach_addr(&addr, flags);
	if (err)
		return err;
	prot = shm_attach_prot(flags, &want);
	seg = shm_find(ns, shmid);
	if (!seg)
		return -MK_EINVAL;
	err = ipc_perm_check(&seg->obj, cred, want);
	if (err)
		return err;
	err = shm_attach_range(addr, seg->segsz, flags);
	if (err)
		return err;
	/* XXX: the kernel maps nothing writable and executable at once. */
	if ((prot & MK_PROT_WRITE) && (prot & MK_PROT_EXEC))
		return -MK_EINVAL;

	/* Nothing below can fail. */
	seg->nattch++;
	ns_get(ns, NS_REF_ATTACH);
	grant->tag = shm_tag(ns, seg);
	grant->mem = seg->mem;
	grant->pages = shm_pages(seg->segsz);
	grant->addr = addr;
	grant->prot = prot;
	grant->map_flags = flags & SHM_REMAP ? MK_MAP_FIXED_REPLACE : 0;
	return 0;
}

/* The attached segment a tag names, with its namespace; NULL if none. */
static struct shm_segment *shm_from_tag(
	const struct ipcns *s, uint64_t tag, struct ipc_ns **nsp)
{
	uint32_t slot = (uint32_t)(tag >> 32), id = (uint32_t)tag;
	struct shm_segment *seg;
	struct ipc_ns *ns;

	if (slot >= s->ns_slots || !(ns = s->ns[slot]) || id > INT32_MAX)
		return NULL;
	seg = shm_find(ns, (int)id);
	if (!seg || !seg->nattch)
		return NULL;
	*nsp = ns;
	return seg;
}

/*
 * One attachment of seg ended (detached or never made): a removed segment
 * goes with its last one, and the namespace loses the reference.
 */
static void shm_attachment_end(struct ipc_ns *ns, struct shm_segment *seg)
{
	seg->nattch--;
	if (!seg->nattch && (seg->obj.mode & SHM_DEST))
		shm_destroy(ns, seg);
	ns_put(ns, NS_REF_ATTACH);
}

void shm_attach_commit(struct ipcns *s, const struct shm_grant *grant,
	uint64_t task_id, int64_t now)
{
	struct ipc_ns *ns;
	struct shm_segment *seg = shm_from_tag(s, grant->tag, &ns);

	if (!seg)
		return;
	seg->atime = now;
	seg->lpid = (int32_t)task_id;
}

void shm_attach_abort(struct ipcns *s, const struct shm_grant *grant)
{
	struct ipc_ns *ns;
	struct shm_segment *seg = shm_from_tag(s, grant->tag, &ns);

	if (seg)
		shm_attachment_end(ns, seg);
}

int shm_attach_errno(long kernel_err)
{
	if (kernel_err == -MK_EEXIST) /* overlaps a mapping, no SHM_REMAP */
		return -MK_EINVAL;
	return (int)kernel_err;
}

int shm_unmap_event(
	struct ipcns *s, uint64_t tag, uint64_t task_id, int64_t now)
{
	struct ipc_ns *ns;
	struct shm_segment *seg = shm_from_tag(s, tag, &ns);

	if (!seg)
		return -MK_EINVAL;
	seg->lpid = (int32_t)task_id;
	seg->dtime = now;
	shm_attachment_end(ns, seg);
	return 0;
}

void shm_destroy(struct ipc_ns *ns, struct shm_segment *seg)
{
	struct ipcns *s = ns->server;
	uint64_t pages = shm_pages(seg->segsz);

	ns->shm_tot -= pages;
	ipc_ids_remove(&ns->shm_ids, &seg->obj);
	if (seg->obj.mode & SHM_LOCKED)
		shm_lock_uncharge(s, seg->lock_uid, pages);
	s->mem.destroy(s->mem.ctx, seg->mem);
	free(seg);
}

void shm_ns_destroy(struct ipc_ns *ns)
{
	struct ipc_ids *ids = &ns->shm_ids;
	uint32_t i;

	/* The last removal may free ids->slots: test in_use first. */
	for (i = 0; ids->in_use && i < ids->nslots; i++) {
		if (ids->slots[i])
			shm_destroy(ns, shm_of(ids->slots[i]));
	}
}
