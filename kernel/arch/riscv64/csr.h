/* Supervisor CSRs and their bits. */
#ifndef ARCH_CSR_H
#define ARCH_CSR_H

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_FS_MASK (3UL << 13)
#define SSTATUS_SUM (1UL << 18)

#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIE_SEIE (1UL << 9)

#define SCAUSE_INTERRUPT (1UL << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5
#define IRQ_S_EXTERNAL 9

#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL_INST 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_S 9
#define EXC_INST_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15

#define CSR_STIMECMP 0x14d
#define SATP_MODE_SV39 (8UL << 60)

#ifndef __ASSEMBLER__
#define csr_read(csr)                                                   \
	({                                                              \
		unsigned long csr_value_;                               \
		__asm__ volatile("csrr %0, " #csr : "=r"(csr_value_)); \
		csr_value_;                                             \
	})
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" : : "rK"(v))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" : : "rK"(v))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" : : "rK"(v))

static inline void irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

/* Disable interrupts; returns whether they were enabled. */
static inline int irq_save(void)
{
	unsigned long old;

	__asm__ volatile("csrrc %0, sstatus, %1"
		: "=r"(old)
		: "rK"(SSTATUS_SIE)
		: "memory");
	return (old & SSTATUS_SIE) != 0;
}

static inline void irq_restore(int enabled)
{
	if (enabled)
		irq_enable();
}

static inline void sfence_vma_all(void)
{
	__asm__ volatile("sfence.vma" : : : "memory");
}

static inline void wait_for_interrupt(void)
{
	__asm__ volatile("wfi");
}
#endif

#endif
