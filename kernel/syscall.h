#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "arch/riscv64/trap.h"

/* Run the system call in tf (a7, a0..a5); returns the result for a0. */
long syscall_dispatch(struct trap_frame *tf);

/* Console input arrived: wake a reader. */
void console_wake_readers(void);

#endif
