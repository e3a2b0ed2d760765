/*
 * Entry point of every user program (see user.ld and <mk/abi.h>). The
 * kernel, or mk_spawn, starts the first thread here with:
 *   sp  -> argc, argv[0..argc-1], NULL, envp[...], NULL (16-byte aligned)
 *   a0  =  sp
 *   a1  =  the boot image's size for the root task, else 0
 * The stack the kernel gave is kept as it is. Steps: the global pointer,
 * bss, the main thread's TLS block, environ, constructors, then
 * exit(main(argc, argv, envp)).
 */

	.section .text.start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	/* With relaxation on, the assembler would turn this very load into
	 * a gp-relative one, which needs gp set already. */
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop

	/* A zero frame pointer ends every backtrace here. */
	li	s0, 0

	/* Keep argc, argv, envp in callee-saved registers across calls. */
	ld	s1, 0(sp)
	addi	s2, sp, 8
	slli	s3, s1, 3
	add	s3, s3, s2
	addi	s3, s3, 8

	/* Both loaders map zero-filled memory past the file's bytes; this
	 * costs a few stores and keeps a program right even when a loader
	 * maps a data page that the file shares with what follows. */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	lla	t0, __mk_start_a1
	sd	a1, 0(t0)

	/* picolibc's errno is thread-local: the main thread's block (in
	 * bss, see user.ld) gets the .tdata image and a zeroed .tbss, then
	 * tp points at it (RISC-V TLS: variables at tp + their offset). */
	lla	a0, __tls_main
	call	_init_tls
	lla	tp, __tls_main

	lla	t0, environ
	sd	s3, 0(t0)

	call	__libc_init_array

	mv	a0, s1
	mv	a1, s2
	mv	a2, s3
	call	main
	call	exit
	/* exit does not return; should it, fault rather than run on. */
	unimp
	.size _start, . - _start

	/* a1 at entry, for mk_bootfs_map. */
	.section .bss.__mk_start_a1, "aw", @nobits
	.balign 8
	.globl __mk_start_a1
	.type __mk_start_a1, @object
__mk_start_a1:
	.zero 8
	.size __mk_start_a1, 8
