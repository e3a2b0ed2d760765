/*
 * System V shared memory: shmget, shmat and shmctl are requests to the
 * ipc-ns server (<mk/ipcns.h>); shmdt is the caller's own unmap of a
 * mapping the server granted, which the kernel reports to the server.
 */
#include <sys/shm.h>

#include "mk/errno.h"
#include "mk/ipcns_client.h"
#include "mk/mk.h"
#include <mk/ipcns.h>

int shmget(key_t key, size_t size, int shmflg)
{
	struct mk_msg m;

	__mk_ipcns_msg(&m, IPCNS_SHMGET);
	m.w[0] = (uint64_t)(int64_t)key;
	m.w[1] = size;
	m.w[2] = (uint64_t)(int64_t)shmflg;
	return (int)__mk_result(__mk_ipcns_call(&m));
}

void *shmat(int shmid, const void *shmaddr, int shmflg)
{
	struct mk_msg m;
	uint64_t addr = (uint64_t)shmaddr;
	long r;

	/* The mapping goes where the call's grant window says: shmaddr as
	 * the server will accept it (rounded for SHM_RND), or 0. */
	if (shmflg & SHM_RND)
		addr &= ~(uint64_t)(SHMLBA - 1);
	__mk_ipcns_msg(&m, IPCNS_SHMAT);
	m.w[0] = (uint64_t)(int64_t)shmid;
	m.w[1] = (uint64_t)shmaddr;
	m.w[2] = (uint64_t)(int64_t)shmflg;
	m.grant.addr = addr;
	m.grant.flags = shmflg & SHM_REMAP ? MK_MAP_FIXED_REPLACE : 0;
	r = __mk_ipcns_call(&m);
	if (r < 0) {
		__mk_errno(r);
		return (void *)-1;
	}
	__mk_ipcns_server_id = m.w[0];
	return (void *)m.grant.addr;
}

/*
 * Linux's shmdt removes the shm mapping that starts at shmaddr at the
 * segment's first page: here, a whole mapping granted by the ipc-ns
 * server. Anything else there is EINVAL, as on Linux.
 */
int shmdt(const void *shmaddr)
{
	uint64_t addr = (uint64_t)shmaddr;
	struct mk_map_info info;

	if (addr & (SHMLBA - 1))
		return __mk_errno(-MK_EINVAL);
	if (__mk_ipcns_server_id == 0 || mk_mem_query(addr, &info) < 0 ||
		info.addr != addr || info.first_page != 0 ||
		!(info.flags & MK_MAPINFO_GRANT) ||
		info.owner_id != __mk_ipcns_server_id)
		return __mk_errno(-MK_EINVAL);
	return (int)__mk_result(
		mk_mem_unmap(addr, info.pages * (uint64_t)MK_PAGE_SIZE));
}

/* Bytes of *buf that cmd sends to the server and receives from it. */
static void shmctl_sizes(int cmd, uint32_t *in, uint32_t *out)
{
	*in = *out = 0;
	switch (cmd) {
	case IPC_SET:
		*in = sizeof(struct shmid_ds);
		break;
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		*out = sizeof(struct shmid_ds);
		break;
	case IPC_INFO:
		*out = sizeof(struct shminfo);
		break;
	case SHM_INFO:
		*out = sizeof(struct shm_info);
		break;
	}
}

int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
	struct mk_msg m;

	/* Linux's first check, before it reads *buf (the server repeats
	 * it): a bad IPC_SET buffer is EFAULT only for a valid-looking id. */
	if (shmid < 0 || cmd < 0)
		return __mk_errno(-MK_EINVAL);
	__mk_ipcns_msg(&m, IPCNS_SHMCTL);
	m.w[0] = (uint64_t)(int64_t)shmid;
	m.w[1] = (uint64_t)(int64_t)cmd;
	m.buf = (uint64_t)buf;
	shmctl_sizes(cmd, &m.len, &m.cap);
	return (int)__mk_result(__mk_ipcns_call(&m));
}
