/*
 * long uaccess_copy(void *dst, const void *src, size_t n)
 * Copies n bytes where one side is user memory (sstatus.SUM set by the
 * caller). Returns 0, or -EFAULT through the exception table if any access
 * faults. Words when both pointers are 8-byte aligned, bytes otherwise.
 */
	.section .text
	.globl uaccess_copy
uaccess_copy:
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, 3f
1:	li	t1, 8
	bltu	a2, t1, 3f
10:	ld	t2, 0(a1)
11:	sd	t2, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	1b
3:	beqz	a2, 4f
12:	lbu	t2, 0(a1)
13:	sb	t2, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	3b
4:	li	a0, 0
	ret
5:	ret			/* a0 = -EFAULT, set by the trap handler */

	.section .extable, "a"
	.balign 8
	.dword	10b, 5b
	.dword	11b, 5b
	.dword	12b, 5b
	.dword	13b, 5b
