/*
 * Linux's riscv64 (generic 64-bit) layouts of ipc64_perm, shmid64_ds,
 * shminfo64 and shm_info, written down from include/uapi/asm-generic/
 * {ipcbuf,shmbuf}.h and include/uapi/linux/shm.h: offsets and sizes in
 * bytes. x86_64's glibc structs have the same ones.
 */
#ifndef SHM_ABI_EXPECT_H
#define SHM_ABI_EXPECT_H

#include <stddef.h>

#define CHECK_FIELD(type, field, off, size)                                    \
	_Static_assert(                                                        \
		offsetof(type, field) == (off), #type "." #field " offset");   \
	_Static_assert(sizeof(((type *)0)->field) == (size),                   \
		#type "." #field " size")

#define CHECK_IPC_PERM_LAYOUT()                                                \
	_Static_assert(sizeof(struct ipc_perm) == 48, "ipc_perm size");        \
	CHECK_FIELD(struct ipc_perm, __key, 0, 4);                             \
	CHECK_FIELD(struct ipc_perm, uid, 4, 4);                               \
	CHECK_FIELD(struct ipc_perm, gid, 8, 4);                               \
	CHECK_FIELD(struct ipc_perm, cuid, 12, 4);                             \
	CHECK_FIELD(struct ipc_perm, cgid, 16, 4);                             \
	CHECK_FIELD(struct ipc_perm, mode, 20, 4);                             \
	CHECK_FIELD(struct ipc_perm, __seq, 24, 2)

#define CHECK_SHMID_DS_LAYOUT()                                                \
	_Static_assert(sizeof(struct shmid_ds) == 112, "shmid_ds size");       \
	CHECK_FIELD(struct shmid_ds, shm_perm, 0, 48);                         \
	CHECK_FIELD(struct shmid_ds, shm_segsz, 48, 8);                        \
	CHECK_FIELD(struct shmid_ds, shm_atime, 56, 8);                        \
	CHECK_FIELD(struct shmid_ds, shm_dtime, 64, 8);                        \
	CHECK_FIELD(struct shmid_ds, shm_ctime, 72, 8);                        \
	CHECK_FIELD(struct shmid_ds, shm_cpid, 80, 4);                         \
	CHECK_FIELD(struct shmid_ds, shm_lpid, 84, 4);                         \
	CHECK_FIELD(struct shmid_ds, shm_nattch, 88, 8)

#define CHECK_SHMINFO_LAYOUT()                                                 \
	_Static_assert(sizeof(struct shminfo) == 72, "shminfo size");          \
	CHECK_FIELD(struct shminfo, shmmax, 0, 8);                             \
	CHECK_FIELD(struct shminfo, shmmin, 8, 8);                             \
	CHECK_FIELD(struct shminfo, shmmni, 16, 8);                            \
	CHECK_FIELD(struct shminfo, shmseg, 24, 8);                            \
	CHECK_FIELD(struct shminfo, shmall, 32, 8)

#define CHECK_SHM_INFO_LAYOUT()                                                \
	_Static_assert(sizeof(struct shm_info) == 48, "shm_info size");        \
	CHECK_FIELD(struct shm_info, used_ids, 0, 4);                          \
	CHECK_FIELD(struct shm_info, shm_tot, 8, 8);                           \
	CHECK_FIELD(struct shm_info, shm_rss, 16, 8);                          \
	CHECK_FIELD(struct shm_info, shm_swp, 24, 8);                          \
	CHECK_FIELD(struct shm_info, swap_attempts, 32, 8);                    \
	CHECK_FIELD(struct shm_info, swap_successes, 40, 8)

/* The constants both headers define, by name, for a table of values. */
#define SHM_ABI_CONSTANTS(X)                                                   \
	X(IPC_CREAT)                                                           \
	X(IPC_EXCL) X(IPC_NOWAIT) X(IPC_RMID) X(IPC_SET) X(IPC_STAT) X(        \
		IPC_INFO) X(IPC_PRIVATE) X(SHM_R) X(SHM_W) X(SHM_RDONLY)       \
		X(SHM_RND) X(SHM_REMAP) X(SHM_EXEC) X(SHM_LOCK) X(SHM_UNLOCK)  \
			X(SHM_STAT) X(SHM_INFO) X(SHM_STAT_ANY) X(SHM_DEST)    \
				X(SHM_LOCKED) X(SHM_HUGETLB) X(SHM_NORESERVE)

struct shm_abi_constant {
	const char *name;
	long value;
};

/* Filled by shm_abi_ours.c and shm_abi_host.c; NULL name ends them. */
extern const struct shm_abi_constant shm_abi_ours[];
extern const struct shm_abi_constant shm_abi_host[];
extern const int shm_abi_host_checked; /* 0: host layouts not comparable */

#endif
