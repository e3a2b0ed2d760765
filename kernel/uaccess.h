/*
 * Copying to and from the current task's user memory. A bad address gives
 * -EFAULT, never a kernel trap: the range is checked against user space and
 * the copy runs with fault recovery.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "arch/riscv64/csr.h"
#include "arch/riscv64/memlayout.h"

/* Whether [addr, addr + n) lies inside user space. */
static inline int uaccess_ok(uint64_t addr, size_t n)
{
	return addr + n >= addr && addr + n <= USER_TOP;
}

/*
 * The copy itself, with fault recovery but without the range check: n
 * bytes, 0 or -EFAULT. The caller sets sstatus.SUM for user memory.
 */
long uaccess_copy(void *dst, const void *src, size_t n);

/*
 * Copy n bytes from user address src: 0 or -EFAULT. Inline, as
 * copy_to_user: a message takes several, and each is a range check and
 * the copy with sstatus.SUM (user access) set around it.
 */
static inline int copy_from_user(void *dst, uint64_t src, size_t n)
{
	long r;

	if (!uaccess_ok(src, n))
		return -EFAULT;
	csr_set(sstatus, SSTATUS_SUM);
	r = uaccess_copy(dst, (const void *)src, n);
	csr_clear(sstatus, SSTATUS_SUM);
	return (int)r;
}

/* Copy n bytes to user address dst: 0 or -EFAULT. */
static inline int copy_to_user(uint64_t dst, const void *src, size_t n)
{
	long r;

	if (!uaccess_ok(dst, n))
		return -EFAULT;
	csr_set(sstatus, SSTATUS_SUM);
	r = uaccess_copy((void *)dst, src, n);
	csr_clear(sstatus, SSTATUS_SUM);
	return (int)r;
}

struct vmspace;

/*
 * Whether every page of [addr, addr + n) is mapped user-writable in vs:
 * 0 or -EFAULT. A check of the page table only: nothing is touched.
 */
int uaccess_writable(struct vmspace *vs, uint64_t addr, size_t n);

/*
 * Copy between the current task's user memory at `here` and another
 * address space's user memory at `there` (whose task is not running), n
 * bytes, through that space's page table: 0 or -EFAULT. `to_there`
 * selects the direction; writing needs a writable mapping there.
 */
int copy_across(struct vmspace *vs, uint64_t there, uint64_t here, size_t n,
	int to_there);

#endif
