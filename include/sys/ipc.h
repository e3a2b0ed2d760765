/*
 * System V IPC: the permission structure and the flags and commands shared
 * by shm, msg and sem. Values and layout are Linux's for riscv64 (the
 * generic 64-bit ABI), so that programs and their binary data behave as on
 * Linux.
 *
 * The ids in struct ipc_perm are 32-bit as in Linux's ipc64_perm, whatever
 * width the C library gives uid_t; key_t comes from <sys/types.h>, and the
 * key itself is 32-bit (Linux keeps it in an int): only a key's low 32
 * bits count.
 */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags in the last argument of shmget, msgget, semget. */
#define IPC_CREAT 01000	 /* create the object if the key is new */
#define IPC_EXCL 02000	 /* with IPC_CREAT: fail if the key exists */
#define IPC_NOWAIT 04000 /* fail instead of waiting */

/* Commands of shmctl, msgctl, semctl. */
#define IPC_RMID 0 /* remove the object */
#define IPC_SET 1  /* set uid, gid and mode from a struct */
#define IPC_STAT 2 /* read the object's struct */
#define IPC_INFO 3 /* read the namespace's limits */

#define IPC_PRIVATE ((key_t)0) /* a key that always makes a new object */

/* Linux's struct ipc64_perm for riscv64: 48 bytes. */
struct ipc_perm {
	int __key;	  /* the key the object was created with */
	unsigned int uid; /* owner */
	unsigned int gid;
	unsigned int cuid; /* creator */
	unsigned int cgid;
	unsigned int mode;    /* low 9 bits: rwx for owner, group, other */
	unsigned short __seq; /* the sequence part of the id */
	unsigned short __pad2;
	unsigned long __unused1;
	unsigned long __unused2;
};

key_t ftok(const char *path, int id);

#ifdef __cplusplus
}
#endif

#endif
