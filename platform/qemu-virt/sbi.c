/* Supervisor Binary Interface calls used by the kernel (SBI 1.0). */
#include "platform.h"
#include "sbi.h"

struct sbi_result sbi_call(long ext, long fid, unsigned long a0,
	unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register long r6 __asm__("a6") = fid;
	register long r7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
		: "+r"(r0), "+r"(r1)
		: "r"(r2), "r"(r6), "r"(r7)
		: "memory");
	return (struct sbi_result){ .error = (long)r0, .value = (long)r1 };
}

/* Program the next timer interrupt (used when Sstc is absent). */
void sbi_set_timer(uint64_t deadline)
{
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0);
}

/* Start a stopped hart at physical `entry` with a1 = `opaque`. */
long sbi_hart_start(unsigned long hart_id, paddr_t entry, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, 0, hart_id, entry, opaque).error;
}
