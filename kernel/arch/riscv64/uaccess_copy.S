/*
 * long uaccess_copy(void *dst, const void *src, size_t n)
 * Copies n bytes where one side is user memory (sstatus.SUM set by the
 * caller). Returns 0, or -EFAULT through the exception table if any access
 * faults. When both pointers are 8-byte aligned: blocks of eight words,
 * then at most one of four, then words (a message is 136 or 184 bytes:
 * two blocks of eight and a few words); bytes otherwise and for the tail.
 */
	.section .text
	.globl uaccess_copy
uaccess_copy:
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, 3f
	li	t1, 64
	bltu	a2, t1, 1f
0:
10:	ld	t2, 0(a1)
11:	ld	t3, 8(a1)
12:	ld	t4, 16(a1)
13:	ld	t5, 24(a1)
14:	ld	t6, 32(a1)
15:	ld	a3, 40(a1)
16:	ld	a4, 48(a1)
17:	ld	a5, 56(a1)
18:	sd	t2, 0(a0)
19:	sd	t3, 8(a0)
20:	sd	t4, 16(a0)
21:	sd	t5, 24(a0)
22:	sd	t6, 32(a0)
23:	sd	a3, 40(a0)
24:	sd	a4, 48(a0)
25:	sd	a5, 56(a0)
	addi	a0, a0, 64
	addi	a1, a1, 64
	addi	a2, a2, -64
	bgeu	a2, t1, 0b
1:	li	t1, 32
	bltu	a2, t1, 2f
30:	ld	t2, 0(a1)
31:	ld	t3, 8(a1)
32:	ld	t4, 16(a1)
33:	ld	t5, 24(a1)
34:	sd	t2, 0(a0)
35:	sd	t3, 8(a0)
36:	sd	t4, 16(a0)
37:	sd	t5, 24(a0)
	addi	a0, a0, 32
	addi	a1, a1, 32
	addi	a2, a2, -32
2:	li	t1, 8
	bltu	a2, t1, 3f
40:	ld	t2, 0(a1)
41:	sd	t2, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	2b
3:	beqz	a2, 4f
50:	lbu	t2, 0(a1)
51:	sb	t2, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	3b
4:	li	a0, 0
	ret
5:	ret			/* a0 = -EFAULT, set by the trap handler */

	.section .extable, "a"
	.balign 8
	.irp	n, 10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,30,31,32,33,34,35,36,37,40,41,50,51
	.dword	\n\()b, 5b
	.endr
