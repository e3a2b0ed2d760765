/*
 * Helpers shared by the kernel's guest tests (test_kernel_*.c): addresses
 * that must fault, a mapped page followed by a hole, extra threads made
 * with SYS_THREAD_CREATE, and bounded waiting. Header-only: each test
 * program is one source file.
 */
#ifndef TESTS_GUEST_KTEST_H
#define TESTS_GUEST_KTEST_H

#include <stdint.h>

#include <mk/errno.h>
#include <mk/ipcns.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/spawn.h>

/* The start of the kernel's direct map, and the kernel image in it. */
#define KT_KERNEL_ADDR 0xffffffc000000000ull
#define KT_KERNEL_TEXT 0xffffffc080200000ull
/* Above the addresses the kernel chooses, below the stack: never mapped. */
#define KT_UNMAPPED 0x3f80000000ull
/* One page mapped here by kt_edge_page(); the page after it stays free. */
#define KT_EDGE_VA 0x3f90000000ull
#define KT_PAGE ((uint64_t)MK_PAGE_SIZE)
/* How long a test waits for something another thread or task does. */
#define KT_WAIT_NS (2ull * 1000 * 1000 * 1000)

/* The rights of a task handle from SYS_TASK_CREATE. */
#define KT_TASK_RIGHTS                                                         \
	(MK_RIGHT_DUP | MK_RIGHT_MAP | MK_RIGHT_WAIT | MK_RIGHT_KILL |         \
		MK_RIGHT_START | MK_RIGHT_CRED)
#define KT_EXITED(code) ((code) << 8) /* Linux wait status of an exit */

/* Read-only data (the rodata segment), for calls that must not write it. */
static const char kt_rodata[64] = "read-only data";

/* A bad address and what it is, for tables of them. */
struct kt_bad_ptr {
	uint64_t addr;
	const char *what;
};

/* Addresses no call may read from: kernel, unmapped, past user space. */
__attribute__((unused)) static const struct kt_bad_ptr kt_unreadable[] = {
	{0, "NULL"},
	{KT_KERNEL_ADDR, "the kernel's direct map"},
	{KT_KERNEL_TEXT, "kernel text"},
	{KT_UNMAPPED, "unmapped"},
	{MK_USER_TOP - 8, "the end of user space"},
};
#define KT_UNREADABLE (sizeof(kt_unreadable) / sizeof(kt_unreadable[0]))

/*
 * The address of a writable page whose next page is unmapped (mapped on
 * the first call, kept for the program's life), or 0 if that failed.
 */
static inline uint64_t kt_edge_page(void)
{
	static uint64_t page;
	long mem, r;

	if (page != 0)
		return page;
	mem = mk_mem_create(1, MK_HANDLE_NONE, 0);
	if (mem < 0)
		return 0;
	r = mk_mem_map((int)mem, MK_HANDLE_NONE, KT_EDGE_VA, 0, 1,
		MK_PROT_READ | MK_PROT_WRITE);
	mk_handle_close((int)mem);
	if (r != (long)KT_EDGE_VA)
		return 0;
	page = KT_EDGE_VA;
	return page;
}

/* n bytes that start mapped and run into the unmapped page after them. */
static inline uint64_t kt_straddle(uint64_t n)
{
	uint64_t page = kt_edge_page();

	return page ? page + KT_PAGE - n / 2 : 0;
}

/* An address in this program's text: mapped read and execute only. */
static inline uint64_t kt_text_address(void)
{
	return (uint64_t)kt_text_address;
}

/*
 * Fill every free slot of the handle table with a duplicate of the boot
 * image's handle, noting them in slots[max]: how many were made.
 */
static inline int kt_handles_fill(int *slots, int max)
{
	int n = 0;
	long h;

	while (n < max &&
		(h = mk_handle_dup(MK_HANDLE_BOOTFS, MK_RIGHT_MAP)) >= 0)
		slots[n++] = (int)h;
	return n;
}

/* Close the n handles made by kt_handles_fill. */
static inline void kt_handles_unfill(const int *slots, int n)
{
	for (int i = 0; i < n; i++)
		mk_handle_close(slots[i]);
}

/* The caller's task id. */
static inline uint64_t kt_self_id(void)
{
	return (uint64_t)mk_task_id(MK_HANDLE_NONE);
}

/* The caller's number of threads, from the task list; -1 on an error. */
static inline long kt_thread_count(void)
{
	struct mk_task_info info;
	uint64_t id = kt_self_id();

	if (mk_task_list(id - 1, &info) != 0 || info.id != id)
		return -1;
	return info.threads;
}

/* The task-list entry of task id (alive or a zombie): 0 or -errno. */
static inline long kt_task_info(uint64_t id, struct mk_task_info *info)
{
	long r = mk_task_list(id - 1, info);

	return r == 0 && info->id != id ? -MK_ESRCH : r;
}

/* Wait for task, close its handle: its wait status, or -errno. */
static inline long kt_reap(int task)
{
	struct mk_exit ex;
	long r = mk_task_wait(task, &ex, 0);

	mk_handle_close(task);
	return r < 0 ? r : ex.status;
}

/*
 * Run `program mode a b` (a, b may be NULL) with attr (may be NULL) and
 * reap it: its wait status, or -errno. Test programs run themselves this
 * way, with a mode word that makes them do a child's part.
 */
static inline long kt_spawn_run(const char *program, const char *mode,
	const char *a, const char *b, const struct mk_spawn_attr *attr)
{
	char *argv[] = {
		(char *)program, (char *)mode, (char *)a, (char *)b, NULL};
	long task = mk_spawn(program, argv, NULL, attr);

	return task < 0 ? task : kt_reap((int)task);
}

/*
 * mk_spawn passes the caller's slot MK_HANDLE_IPCNS on to every child when
 * it holds an endpoint there: one made by a test would land in that free
 * slot and go to every child with every right. A placeholder keeps the
 * slot taken; call this first.
 */
static inline void kt_reserve_ipcns_slot(void)
{
	struct mk_handle_info info;

	if (mk_handle_info(MK_HANDLE_IPCNS, &info) == -MK_EBADF)
		mk_handle_dup(MK_HANDLE_BOOTFS, MK_RIGHT_MAP);
}

/*
 * Before a free-frame count: let the ipc-ns server (if slot 1 holds its
 * endpoint) drain the events of the tasks that ended, whose records sit
 * in the kernel's slab pages until then. A round trip does it: the
 * server drains events before it takes a call.
 */
static inline void kt_settle(void)
{
	struct mk_handle_info info;
	struct mk_msg m = {0};

	if (mk_handle_info(MK_HANDLE_IPCNS, &info) != 0 ||
		info.type != MK_OBJ_ENDPOINT || !(info.rights & MK_RIGHT_SEND))
		return;
	m.label = IPCNS_NS_ID; /* answered at once */
	m.w[0] = (uint64_t)mk_ns_get(MK_NS_IPC);
	mk_call(MK_HANDLE_IPCNS, &m);
}

/*
 * A thread made with SYS_THREAD_CREATE gets only pc, sp and a0: no gp and
 * no TLS block. kt_thread_entry sets gp and calls kt_thread_body(a0), so a
 * thread's function may use globals, but nothing thread-local (errno,
 * stdio): only the mk_* wrappers and plain memory.
 */
struct kt_thread {
	void (*fn)(struct kt_thread *self);
	void *arg;
	volatile int done; /* set when fn has returned */
	uint64_t stack[512] __attribute__((aligned(16)));
};

void kt_thread_entry(void);
void kt_thread_body(struct kt_thread *t);

__asm__(".pushsection .text.kt_thread_entry, \"ax\", @progbits\n"
	".globl kt_thread_entry\n"
	"kt_thread_entry:\n"
	".option push\n"
	".option norelax\n"
	"	lla gp, __global_pointer$\n"
	".option pop\n"
	"	li s0, 0\n"
	"	call kt_thread_body\n"
	"1:	j 1b\n"
	".popsection\n");

void kt_thread_body(struct kt_thread *t)
{
	t->fn(t);
	t->done = 1;
	mk_thread_exit();
}

/* Start fn(t) in a new thread of the caller: the thread id or -errno. */
static inline long kt_thread_start(
	struct kt_thread *t, void (*fn)(struct kt_thread *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->done = 0;
	return mk_thread_create((uint64_t)kt_thread_entry,
		(uint64_t)(t->stack + sizeof(t->stack) / sizeof(t->stack[0])),
		(uint64_t)t);
}

/*
 * Wait (yielding) until the task is down to `threads` threads: 0, or
 * -MK_ETIMEDOUT after KT_WAIT_NS.
 */
static inline long kt_wait_threads(long threads)
{
	long end = mk_clock_ns() + (long)KT_WAIT_NS;

	while (kt_thread_count() != threads) {
		if (mk_clock_ns() > end)
			return -MK_ETIMEDOUT;
		mk_yield();
	}
	return 0;
}

/* Wait until *flag is non-zero: 0, or -MK_ETIMEDOUT. */
static inline long kt_wait_flag(volatile int *flag)
{
	long end = mk_clock_ns() + (long)KT_WAIT_NS;

	while (*flag == 0) {
		if (mk_clock_ns() > end)
			return -MK_ETIMEDOUT;
		mk_yield();
	}
	return 0;
}

#endif /* TESTS_GUEST_KTEST_H */
