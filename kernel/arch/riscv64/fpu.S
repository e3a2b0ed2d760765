/*
 * Floating-point state save and restore for user threads. The kernel is
 * built without FP; these are its only FP instructions. The caller makes
 * sure sstatus.FS is not Off while they run.
 *
 * struct fp_state { uint64_t f[32]; uint64_t fcsr; }
 */
	.option push
	.option arch, +d
	.section .text
	.globl fpu_save
fpu_save:			/* void fpu_save(struct fp_state *) */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (\n * 8)(a0)
	.endr
	frcsr	t0
	sd	t0, 256(a0)
	ret

	.globl fpu_restore
fpu_restore:			/* void fpu_restore(const struct fp_state *) */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (\n * 8)(a0)
	.endr
	ld	t0, 256(a0)
	fscsr	t0
	ret
	.option pop
