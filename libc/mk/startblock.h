/*
 * The start block a new task finds at its stack pointer, as the kernel
 * builds it for the root task: argc, the argv pointers, NULL, the envp
 * pointers, NULL, and above them the strings. Pure code (no system
 * calls), so the host tests check it.
 */
#ifndef MK_STARTBLOCK_H
#define MK_STARTBLOCK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Lay out the block at the top of `region` (size bytes), which the new task
 * will see at child_base; the pointers are the child's addresses. argv and
 * envp may be NULL for none. Returns 0 with *sp the child's stack pointer
 * (16-byte aligned), -MK_E2BIG if the block does not fit, or -MK_EINVAL if
 * region or child_base is not 16-byte aligned.
 */
int mk_startblock_build(void *region, size_t size, uint64_t child_base,
	char *const argv[], char *const envp[], uint64_t *sp);

#endif /* MK_STARTBLOCK_H */
