/*
 * Our <sys/shm.h> (and <sys/ipc.h>) against the riscv64 layouts. Built
 * for the host in test_shm_abi, and for the guest by the riscv64 compiler
 * with picolibc (host.shm_abi_riscv64_layout).
 */
#include <sys/shm.h>

#include "shm_abi_expect.h"

CHECK_IPC_PERM_LAYOUT();
CHECK_SHMID_DS_LAYOUT();
CHECK_SHMINFO_LAYOUT();
CHECK_SHM_INFO_LAYOUT();

/* Linux's values of what only our header defines (from <linux/shm.h>). */
_Static_assert(SHM_HUGE_SHIFT == 26 && SHM_HUGE_MASK == 0x3f, "huge shift");
_Static_assert(
	SHM_HUGE_2MB == 21 << 26 && SHM_HUGE_1GB == 30 << 26, "huge sizes");
_Static_assert(SHMLBA == 4096, "SHMLBA is the page size on riscv64");

#define SHM_ABI_ENTRY(name) {#name, (long)(name)},
const struct shm_abi_constant shm_abi_ours[] = {
	SHM_ABI_CONSTANTS(SHM_ABI_ENTRY){0, 0}};
