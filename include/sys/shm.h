/*
 * System V shared memory. Values and layouts are Linux's for riscv64 (the
 * generic 64-bit ABI); see <sys/ipc.h>.
 */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <stddef.h>
#include <sys/ipc.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SHMLBA 4096 /* attach addresses are multiples of this */

/* Permission bits, as in a mode. */
#define SHM_R 0400
#define SHM_W 0200

/* shmat flags. */
#define SHM_RDONLY 010000 /* attach read-only */
#define SHM_RND 020000	  /* round the address down to SHMLBA */
#define SHM_REMAP 040000  /* replace what is mapped there */
#define SHM_EXEC 0100000  /* attach executable */

/* shmget flags. */
#define SHM_HUGETLB 04000    /* huge pages (none exist here: see shmget) */
#define SHM_NORESERVE 010000 /* no swap reservation */
#define SHM_HUGE_SHIFT 26    /* log2 of a huge page size, in the flags */
#define SHM_HUGE_MASK 0x3f
#define SHM_HUGE_2MB (21 << SHM_HUGE_SHIFT)
#define SHM_HUGE_1GB (30 << SHM_HUGE_SHIFT)

/* shmctl commands, besides IPC_RMID, IPC_SET, IPC_STAT, IPC_INFO. */
#define SHM_LOCK 11 /* keep in memory (no swap here: bookkeeping) */
#define SHM_UNLOCK 12
#define SHM_STAT 13	/* IPC_STAT by index; returns the id */
#define SHM_INFO 14	/* usage of the namespace: struct shm_info */
#define SHM_STAT_ANY 15 /* SHM_STAT without the read permission check */

/* Status bits in shm_perm.mode. */
#define SHM_DEST 01000	 /* removed; destroyed at the last detach */
#define SHM_LOCKED 02000 /* SHM_LOCK is in effect */

typedef unsigned long shmatt_t;

/* Linux's struct shmid64_ds for riscv64: 112 bytes. */
struct shmid_ds {
	struct ipc_perm shm_perm;
	size_t shm_segsz;    /* the size asked for, not rounded */
	time_t shm_atime;    /* last attach */
	time_t shm_dtime;    /* last detach */
	time_t shm_ctime;    /* creation or last IPC_SET */
	pid_t shm_cpid;	     /* creator */
	pid_t shm_lpid;	     /* last attach or detach */
	shmatt_t shm_nattch; /* current attachments (mappings) */
	unsigned long __unused4;
	unsigned long __unused5;
};

/* IPC_INFO's answer (Linux's shminfo64): 72 bytes. */
struct shminfo {
	unsigned long shmmax; /* largest segment, bytes */
	unsigned long shmmin; /* smallest segment, bytes (1) */
	unsigned long shmmni; /* most segments */
	unsigned long shmseg; /* reported only: equals shmmni */
	unsigned long shmall; /* most pages in all segments */
	unsigned long __unused1;
	unsigned long __unused2;
	unsigned long __unused3;
	unsigned long __unused4;
};

/* SHM_INFO's answer: 48 bytes. */
struct shm_info {
	int used_ids;	       /* segments in the namespace */
	unsigned long shm_tot; /* their pages */
	unsigned long shm_rss; /* of which resident */
	unsigned long shm_swp; /* of which swapped */
	unsigned long swap_attempts;
	unsigned long swap_successes;
};

int shmget(key_t key, size_t size, int shmflg);
void *shmat(int shmid, const void *shmaddr, int shmflg);
int shmdt(const void *shmaddr);
int shmctl(int shmid, int cmd, struct shmid_ds *buf);

#ifdef __cplusplus
}
#endif

#endif
