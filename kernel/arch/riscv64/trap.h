/* Trap frames and trap handling. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

/* Offsets of struct trap_frame, for trap_entry.S. */
#define TF_REG(n) ((n) * 8)
#define TF_SEPC (32 * 8)
#define TF_SSTATUS (33 * 8)
#define TF_SCAUSE (34 * 8)
#define TF_STVAL (35 * 8)
#define TF_KERNEL_TP (36 * 8)
#define TF_SIZE (38 * 8) /* a multiple of 16 */

/*
 * For the system-call path of trap_entry.S, which goes without trap_user
 * for the two calls of a message round trip: their numbers (<mk/abi.h>)
 * and the fields it tests after them. trap.c checks every value.
 */
#define TRAP_SYS_CALL 27
#define TRAP_SYS_REPLY_RECEIVE 30
#define CPU_CURRENT 32		/* struct cpu: current */
#define CPU_NEED_RESCHED 64	/* struct cpu: need_resched (bool) */
#define THREAD_TASK 120		/* struct thread: task */
#define TASK_KILLED 56		/* struct task: killed (bool) */

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * Registers at the trap; regs[0] is unused (x0), regs[2] is the old sp.
 * A user frame does not hold s1..s11 (regs[9], regs[18..27]): they stay
 * in the registers through the kernel (trap_entry.S). Code that would read
 * or change a thread's user registers (a debugger; there is none) must
 * save those first.
 */
struct trap_frame {
	uint64_t regs[32];
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t scause;
	uint64_t stval;
	uint64_t kernel_tp;	/* user frames: the hart's tp to load at entry */
	uint64_t pad;
};

_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "trap_frame layout");

/*
 * Return to user mode through the frame at the top of the current thread's
 * kernel stack (sp must point at it). Does not return.
 */
void trap_return_user(void);

/* First code of a new user thread: finish the switch, enter user mode. */
void thread_first_entry(void);

/*
 * The end of every trap from user mode (trap_user's, and trap_entry.S's
 * after the calls it makes itself): switch if the tick asked for it, end
 * the thread if its task was killed.
 */
void trap_user_end(void);

/* Install the trap vector on this hart. */
void trap_init(void);

/* Name of an exception cause, for reports ("load page fault"). */
const char *trap_cause_name(uint64_t scause);

/*
 * Fault recovery: an instruction listed in the exception table may fault
 * without a panic; the trap resumes at its fixup address with a0 = -EFAULT.
 */
struct extable_entry {
	uint64_t insn;
	uint64_t fixup;
};

/* Read 8 bytes at addr; 0, or -EFAULT if the access faulted. */
int probe_read_u64(const void *addr, uint64_t *value);

/* Write 8 bytes at addr; 0, or -EFAULT if the access faulted. */
int probe_write_u64(void *addr, uint64_t value);

/* Print "  #n pc" lines, walking frame pointers from fp. */
void backtrace_print(uint64_t pc, uint64_t fp);
#endif

#endif
