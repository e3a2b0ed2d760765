/*
 * Raw system calls: the number in a7, arguments in a0..a5, ecall, the
 * result in a0 (>= 0, or a negative Linux errno). The "memory" clobber is
 * there because the kernel reads and writes user memory through pointer
 * arguments; every other register is assumed to survive the call.
 */
#ifndef MK_SYSCALL_H
#define MK_SYSCALL_H

static inline long mk_syscall0(long n)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0");

	__asm__ volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
	return a0;
}

static inline long mk_syscall1(long n, long x0)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
	return a0;
}

static inline long mk_syscall2(long n, long x0, long x1)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1) : "memory");
	return a0;
}

static inline long mk_syscall3(long n, long x0, long x1, long x2)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2)
			 : "memory");
	return a0;
}

static inline long mk_syscall4(long n, long x0, long x1, long x2, long x3)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	register long a3 __asm__("a3") = x3;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3)
			 : "memory");
	return a0;
}

static inline long mk_syscall5(
	long n, long x0, long x1, long x2, long x3, long x4)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	register long a3 __asm__("a3") = x3;
	register long a4 __asm__("a4") = x4;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4)
			 : "memory");
	return a0;
}

static inline long mk_syscall6(
	long n, long x0, long x1, long x2, long x3, long x4, long x5)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	register long a3 __asm__("a3") = x3;
	register long a4 __asm__("a4") = x4;
	register long a5 __asm__("a5") = x5;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

#endif /* MK_SYSCALL_H */
