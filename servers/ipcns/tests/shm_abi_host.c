/*
 * The host's <sys/shm.h>: on 64-bit glibc Linux its layouts are riscv64's,
 * so the same literal offsets must hold; elsewhere they are not compared.
 */
#define _GNU_SOURCE /* IPC_INFO */
#include <sys/shm.h>

#include "shm_abi_expect.h"

#if defined(__linux__) && defined(__GLIBC__) &&                                \
	(defined(__x86_64__) || defined(__aarch64__))
CHECK_IPC_PERM_LAYOUT();
CHECK_SHMID_DS_LAYOUT();
CHECK_SHMINFO_LAYOUT();
CHECK_SHM_INFO_LAYOUT();
const int shm_abi_host_checked = 1;
#else
const int shm_abi_host_checked = 0;
#endif

#define SHM_ABI_ENTRY(name) {#name, (long)(name)},
const struct shm_abi_constant shm_abi_host[] = {
	SHM_ABI_CONSTANTS(SHM_ABI_ENTRY){0, 0}};
