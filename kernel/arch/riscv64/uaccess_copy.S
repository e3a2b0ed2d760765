/*
 * long uaccess_copy(void *dst, const void *src, size_t n)
 * Copies n bytes where one side is user memory (sstatus.SUM set by the
 * caller). Returns 0, or -EFAULT through the exception table if any access
 * faults. Every load and store is listed there (the macro `user`).
 *
 * A whole number of words up to 256 bytes with both pointers aligned (a
 * message is 136 or 184 bytes) jumps into an unrolled copy, at the pair
 * that leaves exactly n / 8 of them to run, from the last word down: two
 * instructions a word. Longer aligned copies go by blocks of eight words,
 * then at most one of four, then words; anything unaligned, and the tail,
 * by bytes.
 */
	.macro	user insn:vararg
.Luser\@:
	\insn
	.pushsection .extable, "a"
	.balign	8
	.dword	.Luser\@, .Lfault
	.popsection
	.endm

	.section .text
	.globl uaccess_copy
uaccess_copy:
	or	t0, a0, a1
	or	t0, t0, a2
	andi	t0, t0, 7
	li	t1, 256
	bnez	t0, .Lodd
	bgtu	a2, t1, .Lblocks
	/* Each pair below is 8 bytes of code and copies 8 bytes. */
	lla	t0, .Lunrolled_end
	sub	t0, t0, a2
	jr	t0
	.option	push
	.option	norvc
	.irp	off, 248,240,232,224,216,208,200,192,184,176,168,160,152,144,136,128
	user	ld t2, \off(a1)
	user	sd t2, \off(a0)
	.endr
	.irp	off, 120,112,104,96,88,80,72,64,56,48,40,32,24,16,8,0
	user	ld t2, \off(a1)
	user	sd t2, \off(a0)
	.endr
	.option	pop
.Lunrolled_end:
	li	a0, 0
	ret

.Lodd:				/* a pointer unaligned, or a part word */
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, .Lbytes
.Lblocks:
	li	t1, 64
	bltu	a2, t1, 1f
0:	.irp	i, 0,1,2,3,4,5,6,7
	user	ld t2, \i * 8(a1)
	user	sd t2, \i * 8(a0)
	.endr
	addi	a0, a0, 64
	addi	a1, a1, 64
	addi	a2, a2, -64
	bgeu	a2, t1, 0b
1:	li	t1, 32
	bltu	a2, t1, 2f
	.irp	i, 0,1,2,3
	user	ld t2, \i * 8(a1)
	user	sd t2, \i * 8(a0)
	.endr
	addi	a0, a0, 32
	addi	a1, a1, 32
	addi	a2, a2, -32
2:	li	t1, 8
	bltu	a2, t1, .Lbytes
	user	ld t2, 0(a1)
	user	sd t2, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	2b
.Lbytes:
	beqz	a2, 4f
	user	lbu t2, 0(a1)
	user	sb t2, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lbytes
4:	li	a0, 0
	ret
.Lfault:
	ret			/* a0 = -EFAULT, set by the trap handler */
