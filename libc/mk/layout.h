/*
 * Where things live in a user address space laid out by libc (Sv39: user
 * addresses below 256 GiB). Program images come first, then the sbrk
 * heap, then the main stack near the top; the kernel's own choices of
 * address lie between the two.
 *
 *   0x0000010000   program text (user.ld), then rodata, data, bss;
 *                  a program must end below MK_HEAP_BASE
 *   0x1000000000   sbrk heap, growing up, at most MK_HEAP_MAX bytes
 *   0x2000000000   addresses the kernel chooses (SYS_MEM_MAP with addr 0),
 *                  up to 0x3f00000000 (kernel/vm.h)
 *   0x3ffeff0000   main stack (MK_STACK_SIZE bytes), up to MK_STACK_TOP,
 *                  where the kernel puts the root task's stack too
 *   0x4000000000   end of user space
 */
#ifndef MK_LAYOUT_H
#define MK_LAYOUT_H

#define MK_USER_TOP 0x4000000000ull
#define MK_PROGRAM_BASE 0x10000ull  /* keep in step with user.ld */
#define MK_PROGRAM_TOP MK_HEAP_BASE /* image segments end below it */

#define MK_HEAP_BASE 0x1000000000ull
#define MK_HEAP_MAX (1ull << 30)
#define MK_HEAP_MIN_GROW_PAGES 16 /* fewer, larger mappings */

/* Nothing of ours is mapped just below the stack, so an overflow faults. */
#define MK_STACK_TOP 0x3fff000000ull
#define MK_STACK_SIZE (64ull * 1024)
#define MK_STACK_ARGS_MAX (32ull * 1024) /* start block: at most half */

#endif /* MK_LAYOUT_H */
