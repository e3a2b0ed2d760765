/*
 * Trap entry and exit.
 *
 * sscratch is 0 while the hart runs kernel code. While it runs user code,
 * sscratch holds the current thread's user trap frame, which sits at the
 * top of that thread's kernel stack; the kernel stack grows down from it.
 *
 * A trap from user mode saves every register but s1..s11 in the frame.
 * Those the kernel keeps for the user in the registers themselves: its C
 * code preserves them (they are callee-saved), and context_switch saves
 * them with each thread's kernel context. So they hold the user's values
 * again at trap_return_user, and a new thread starts with them 0 (from
 * its zeroed context). That is 22 instructions less on every system call.
 */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/trap.h"

/* The user registers a trap frame holds: all but x0, sp and s1..s11. */
#define USER_SAVED 1,3,4,5,6,7,8,10,11,12,13,14,15,16,17,28,29,30,31

	.section .text
	.globl trap_vector
	.balign 4
trap_vector:
	csrrw	sp, sscratch, sp
	bnez	sp, trap_from_user
	csrrw	sp, sscratch, sp	/* from the kernel: sp back, sscratch 0 */

	addi	sp, sp, -TF_SIZE
	sd	x1, TF_REG(1)(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, TF_REG(\n)(sp)
	.endr
	addi	t0, sp, TF_SIZE
	sd	t0, TF_REG(2)(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)

	mv	a0, sp
	call	trap_kernel

	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	ld	x1, TF_REG(1)(sp)
	.irp	n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, TF_REG(\n)(sp)
	.endr
	addi	sp, sp, TF_SIZE
	sret

trap_from_user:
	/* sp = the thread's trap frame, sscratch = the user's sp */
	.irp	n, USER_SAVED
	sd	x\n, TF_REG(\n)(sp)
	.endr
	csrr	t0, sscratch
	sd	t0, TF_REG(2)(sp)
	csrw	sscratch, zero
	csrr	t2, sepc
	sd	t2, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	ld	tp, TF_KERNEL_TP(sp)
	mv	fp, zero
	/*
	 * The two calls of a message round trip go straight to their C
	 * functions, with the user's arguments still in a0..a2 (handles
	 * sign-extended, as C expects of an int); every other trap and call
	 * takes trap_user. That is some forty instructions less per call.
	 * They need no scause or stval in the frame.
	 */
	csrr	t0, scause
	li	t1, EXC_ECALL_U
	bne	t0, t1, 3f
	li	t1, TRAP_SYS_CALL
	beq	a7, t1, 1f
	li	t1, TRAP_SYS_REPLY_RECEIVE
	bne	a7, t1, 3f
	addi	t2, t2, 4	/* return past the ecall */
	sd	t2, TF_SEPC(sp)
	sext.w	a0, a0
	sext.w	a1, a1
	call	sys_reply_receive
	j	2f
1:	addi	t2, t2, 4
	sd	t2, TF_SEPC(sp)
	sext.w	a0, a0
	call	sys_call
2:	sd	a0, TF_REG(10)(sp)
	/* trap_user_end, when it has something to do. */
	ld	t0, CPU_CURRENT(tp)
	ld	t0, THREAD_TASK(t0)
	lbu	t0, TASK_KILLED(t0)
	lbu	t1, CPU_NEED_RESCHED(tp)
	or	t0, t0, t1
	beqz	t0, trap_return_user
	call	trap_user_end
	j	trap_return_user
3:	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
	mv	a0, sp
	call	trap_user
	/* fall through: back to the same thread's user code */

	.globl trap_return_user
trap_return_user:
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	sd	tp, TF_KERNEL_TP(sp)
	csrw	sscratch, sp
	.irp	n, USER_SAVED
	ld	x\n, TF_REG(\n)(sp)
	.endr
	ld	sp, TF_REG(2)(sp)
	sret

	/* A new thread's saved context resumes here with sp = its frame. */
	.globl thread_first_entry
thread_first_entry:
	call	sched_finish_switch
	j	trap_return_user

/*
 * int probe_read_u64(const void *addr, uint64_t *value)
 * The load may fault; the exception table sends the trap to the fixup.
 */
	.globl probe_read_u64
probe_read_u64:
1:	ld	t0, 0(a0)
	sd	t0, 0(a1)
	li	a0, 0
	ret
2:	ret			/* a0 = -EFAULT, set by the trap handler */

/*
 * int probe_write_u64(void *addr, uint64_t value)
 */
	.globl probe_write_u64
probe_write_u64:
3:	sd	a1, 0(a0)
	li	a0, 0
	ret
4:	ret

	.section .extable, "a"
	.balign 8
	.dword	1b, 2b
	.dword	3b, 4b
