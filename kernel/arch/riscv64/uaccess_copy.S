/*
 * long uaccess_copy(void *dst, const void *src, size_t n)
 * Copies n bytes where one side is user memory (sstatus.SUM set by the
 * caller). Returns 0, or -EFAULT through the exception table if any access
 * faults. When both pointers are 8-byte aligned: blocks of four words
 * (messages are 136 and 184 bytes, so most of a copy is in blocks), then
 * words; bytes otherwise and for the tail.
 */
	.section .text
	.globl uaccess_copy
uaccess_copy:
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, 3f
	li	t1, 32
	bltu	a2, t1, 2f
1:
10:	ld	t2, 0(a1)
11:	ld	t3, 8(a1)
12:	ld	t4, 16(a1)
13:	ld	t5, 24(a1)
14:	sd	t2, 0(a0)
15:	sd	t3, 8(a0)
16:	sd	t4, 16(a0)
17:	sd	t5, 24(a0)
	addi	a0, a0, 32
	addi	a1, a1, 32
	addi	a2, a2, -32
	bgeu	a2, t1, 1b
2:	li	t1, 8
	bltu	a2, t1, 3f
20:	ld	t2, 0(a1)
21:	sd	t2, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	2b
3:	beqz	a2, 4f
30:	lbu	t2, 0(a1)
31:	sb	t2, 0(a0)
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
	.dword	14b, 5b
	.dword	15b, 5b
	.dword	16b, 5b
	.dword	17b, 5b
	.dword	20b, 5b
	.dword	21b, 5b
	.dword	30b, 5b
	.dword	31b, 5b
