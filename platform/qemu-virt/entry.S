/*
 * First instructions of the kernel, at the physical load address with the
 * MMU off: a0 = hart id, a1 = physical address of the device tree.
 *
 * Only the boot hart comes here (OpenSBI keeps the others stopped until
 * they are started through SBI HSM). Everything before the jump to the
 * upper half is PC-relative, so it runs correctly at the physical address.
 */
#include "arch/riscv64/memlayout.h"

#define PTE_BOOT_FLAGS 0xef	/* V R W X G A D: a 1 GiB leaf */
#define SATP_MODE_SV39 (8 << 60)

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	csrw	sscratch, zero

	/* Clear .bss, through physical addresses. */
	lla	t0, _bss_start
	lla	t1, _bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	/*
	 * Boot page table: physical 0 .. 4 GiB mapped both at itself (to survive
	 * the satp write) and at KERNEL_PHYS_OFFSET. The kernel replaces it with
	 * a properly protected one as soon as it knows the memory map.
	 */
	lla	t0, boot_page_table
	li	t1, 0			/* gigapage number */
	li	t2, BOOT_MAP_GIGAPAGES
3:	slli	t3, t1, 28		/* PPN of (t1 GiB) << 10 = t1 << 18 << 10 */
	ori	t3, t3, PTE_BOOT_FLAGS
	slli	t4, t1, 3
	add	t4, t4, t0
	sd	t3, 0(t4)		/* identity entry */
	li	t5, KERNEL_ROOT_INDEX_FIRST * 8
	add	t4, t4, t5
	sd	t3, 0(t4)		/* direct-map entry */
	addi	t1, t1, 1
	bltu	t1, t2, 3b

	srli	t0, t0, PAGE_SHIFT
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* Continue at the same instructions' upper-half address. */
	li	t1, KERNEL_PHYS_OFFSET
	lla	t0, 4f
	add	t0, t0, t1
	jr	t0
4:
	lla	sp, boot_stack_top	/* PC-relative: now an upper-half address */
	mv	fp, zero
	call	kernel_main		/* (hart id, device tree physical address) */
5:	wfi
	j	5b

	.section .bss
	.balign 4096
	.globl boot_page_table
boot_page_table:
	.space 4096
	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.space KERNEL_STACK_SIZE
boot_stack_top:
