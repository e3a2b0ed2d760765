/*
 * The system-call fuzzer (issue 3): children make many thousands of raw
 * system calls with random arguments; the kernel must never panic, a
 * witness task must keep answering, and once every child is gone the
 * free-frame count must be back at its start value.
 *
 *   test_kernel_fuzz [seed=N]     the tests; the seed is printed first, so
 *                                 ci/boot 'test_kernel_fuzz seed=N' repeats
 *                                 a run exactly
 *   ... child=fuzz cat=C seed=S calls=N witness=H report=H
 *   ... child=witness ep=H        the modes the parent spawns
 *
 * A fuzz child sends any a7 through its own ecall helper. Arguments mix
 * small and huge numbers, handle-like numbers, pointers into its memory,
 * just past it, into the kernel, and lengths around page and buffer
 * limits; messages are built with random fields so that the deeper paths
 * run. The child only keeps itself alive: calls that would end it (exit,
 * killing itself) are never made, unmapping or replacing its own image,
 * stack and scratch is steered elsewhere, and calls that may block run in
 * short-lived threads, which the child's exit (a kill) ends. The kernel
 * writes only through "out" pointers, which point where nothing of the
 * child lives; "in" areas are checked to be unchanged at the end.
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "harness.h"

#define PAGE ((uint64_t)MK_PAGE_SIZE)
#define DEFAULT_SEED 0x5eedULL
#define ERRNO_MAX 133 /* Linux's largest error number */

/*
 * The fuzz child's own areas, away from its image, heap and stack: a
 * writable scratch area with an unmapped guard page after it, then a
 * read-only page and the same page mapped execute-only, then the report
 * page the parent reads. Mapping, unmapping and replacing at fixed
 * addresses is free only in the window, where nothing else of ours is.
 */
#define SCRATCH_BASE 0x1800000000ULL
#define SCRATCH_PAGES 4ULL
#define SCRATCH_END (SCRATCH_BASE + SCRATCH_PAGES * PAGE)
#define GUARD_PAGE SCRATCH_END
#define RO_PAGE (GUARD_PAGE + PAGE)
#define XO_PAGE (RO_PAGE + PAGE)
#define REPORT_PAGE (SCRATCH_BASE + 16 * PAGE)
#define WIN_BASE 0x2000000000ULL /* the kernel's choices start here too */
#define WIN_END 0x3f00000000ULL

#define BLOCKERS 40 /* of the 64 threads a task may have */
#define BLOCKERS_RESERVED 4
#define BLOCKER_STACK 4096
#define TASKS_MAX 24	    /* created tasks per child */
#define STARTS_MAX 6	    /* started ones: each is killed with a line */
#define THREADS_MAX 300	    /* fuzzed thread_create successes per child */
#define RECENT 16	    /* handle numbers that calls returned lately */
#define MSG_IN_SIZE offsetof(struct mk_msg, sender)

enum fuzz_category {
	CAT_HANDLES,
	CAT_MEMORY,
	CAT_MESSAGES,
	CAT_TASKS,
	CAT_ANY,
	CAT_COUNT
};

static const char *const category_names[CAT_COUNT] = {
	"handles", "memory", "messages", "tasks", "any"};

/* What a fuzz child leaves for the parent in the shared report page. */
struct fuzz_report {
	uint64_t magic;
	uint64_t calls;		/* made, in the main thread and in threads */
	uint64_t succeeded;	/* of them, returned >= 0 */
	uint64_t in_threads;	/* ran in a thread because they may block */
	uint64_t skipped;	/* may block, but every thread slot was busy */
	uint64_t succeeded_nrs;	/* bit n: call n succeeded at least once */
	uint64_t features;	/* FEATURE_*: deeper paths that succeeded */
	char why[120];		/* the broken expectation, if any */
};

#define FEATURE_GRANT 1		/* a reply mapped memory into a caller */
#define FEATURE_REPLY_HANDLE 2	/* a reply moved a handle */
#define FEATURE_CALL_HANDLE 4	/* a call moved a handle */
#define FEATURE_NOTIFIED 8	/* a receive took notification bits */
#define FEATURE_FOREIGN_MAP 16	/* memory mapped into another task */
#define FEATURE_EVENTS 32	/* unmap events were read */
#define FEATURES_ALL 63

#define REPORT_MAGIC 0xf022ed0c0ffeeULL

struct fuzz_call {
	long nr;
	long a[6];
};

/* ---- random numbers: xorshift64*, seeded through splitmix64 ---- */

static uint64_t rng_state;

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void rng_seed(uint64_t seed)
{
	rng_state = splitmix64(seed) | 1;
}

static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* A number in [0, n); n > 0. */
static uint64_t rng_below(uint64_t n)
{
	return rng_next() % n;
}

static bool rng_percent(unsigned p)
{
	return rng_below(100) < p;
}

#define PICK(array) ((array)[rng_below(sizeof(array) / sizeof((array)[0]))])

/* ---- the raw call and the thread entry points ---- */

static long fuzz_ecall(const struct fuzz_call *c)
{
	register long a0 __asm__("a0") = c->a[0];
	register long a1 __asm__("a1") = c->a[1];
	register long a2 __asm__("a2") = c->a[2];
	register long a3 __asm__("a3") = c->a[3];
	register long a4 __asm__("a4") = c->a[4];
	register long a5 __asm__("a5") = c->a[5];
	register long a7 __asm__("a7") = c->nr;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
			 : "memory");
	return a0;
}

/*
 * A thread that may block runs one call from its slot. Threads start with
 * only pc, sp and a0 set, so the entry sets gp, and the C part touches no
 * TLS (tp is 0). The slot is marked free after the call and right before
 * SYS_THREAD_EXIT, using no stack any more: the slot's stack may be
 * handed to a new thread at once.
 */
struct blocker {
	volatile int busy; /* first: the entry code clears it at offset 0 */
	int harvested;
	struct fuzz_call call;
	long result;
	uint32_t sent_flags; /* msg.flags as the call was made */
	struct mk_msg msg;
	unsigned char stack[BLOCKER_STACK] __attribute__((aligned(16)));
};

_Static_assert(offsetof(struct blocker, busy) == 0, "busy at offset 0");

void fuzz_blocker_run(struct blocker *b);
void fuzz_blocker_entry(struct blocker *b);
void fuzz_exit_entry(void);

#define STR_(x) #x
#define STR(x) STR_(x)

__asm__(".text\n"
	".globl fuzz_blocker_entry\n"
	".type fuzz_blocker_entry, @function\n"
	"fuzz_blocker_entry:\n"
	".option push\n"
	".option norelax\n"
	"	lla gp, __global_pointer$\n"
	".option pop\n"
	"	mv s0, a0\n"
	"	call fuzz_blocker_run\n"
	"	sw zero, 0(s0)\n"
	"	li a7, " STR(SYS_THREAD_EXIT) "\n"
	"	ecall\n"
	"	unimp\n"
	".globl fuzz_exit_entry\n"
	".type fuzz_exit_entry, @function\n"
	"fuzz_exit_entry:\n"
	"	li a7, " STR(SYS_THREAD_EXIT) "\n"
	"	ecall\n"
	"	unimp\n");

void fuzz_blocker_run(struct blocker *b)
{
	b->result = fuzz_ecall(&b->call);
}

/* Start slot b's call in a new thread on the slot's stack: its id or an
 * errno. */
static long thread_run(struct blocker *b)
{
	b->busy = 1;
	return mk_thread_create((uint64_t)fuzz_blocker_entry,
		(uint64_t)(b->stack + BLOCKER_STACK), (uint64_t)b);
}

/* ---- the fuzz child's state ---- */

static struct blocker blockers[BLOCKERS];
static struct fuzz_report *report;
static struct mk_msg main_msg; /* built for calls that only read it */
static struct mk_cred cred_buf;
static int recent[RECENT];
static unsigned recent_next;
static unsigned tasks_created, tasks_started, threads_created;
static uint64_t self_id;
static int witness_handle = -1;
static int hot_eps[2] = {-1, -1}; /* endpoints calls and receives meet on */
static const char task_name[] = "fuzzed-task-abcdefghijklmnopqrstuvwxyz";

/* "In" areas: the kernel may read them, and must never write them. */
static unsigned char data_blob[4096] = {1};
static const unsigned char rodata_blob[4096] = {2};
static unsigned char *stack_blob, *heap_blob;
#define STACK_BLOB_SIZE 1024
#define HEAP_BLOB_SIZE 8192

/* Mappings made lately (map calls, grants), for unmap calls to hit. */
static uint64_t mapped[RECENT][2];
static unsigned mapped_next;

static void mapped_add(uint64_t addr, uint64_t len)
{
	mapped[mapped_next][0] = addr;
	mapped[mapped_next][1] = len;
	mapped_next = (mapped_next + 1) % RECENT;
}

/* Reply handles that receives returned: the ones replies need. */
static int replies[RECENT];
static unsigned replies_next;

static void reply_add(long h)
{
	if (h >= 0) {
		replies[replies_next] = (int)h;
		replies_next = (replies_next + 1) % RECENT;
	}
}

/* Memory objects that calls created lately: for maps and grants. */
static int mems[RECENT];
static unsigned mems_next;

static void mems_add(long h)
{
	if (h >= 0) {
		mems[mems_next] = (int)h;
		mems_next = (mems_next + 1) % RECENT;
	}
}

static void recent_add(long h)
{
	if (h >= 0 && h < 4096) {
		recent[recent_next] = (int)h;
		recent_next = (recent_next + 1) % RECENT;
	}
}

/* ---- argument generators ---- */

static uint64_t gen_huge(void)
{
	static const uint64_t v[] = {
		UINT64_MAX, 1ULL << 63, (1ULL << 63) - 1, 0xffffffffULL,
		0x80000000ULL, 0x7fffffffULL, 1ULL << 32, (1ULL << 32) + 1,
		MK_USER_TOP, MK_USER_TOP - 1, 0xffffffc000000000ULL,
		0xffffffc080200000ULL, UINT64_MAX - PAGE + 1,
	};
	return PICK(v);
}

static uint64_t gen_int(void)
{
	switch (rng_below(7)) {
	case 0:
	case 1:
		return rng_below(8);
	case 2:
		return rng_below(4096);
	case 3:
		return gen_huge();
	case 4:
		return rng_next();
	case 5:
		return (uint64_t)-(int64_t)rng_below(4);
	default:
		return 1ULL << rng_below(64);
	}
}

/* A handle-like number: small ones, ones calls returned, -1, big ones. */
static uint64_t gen_handle(void)
{
	static const uint64_t big[] = {
		1023, 1024, 1025, 4096, 0x7fffffff, 0x80000000ULL, 0xffffffffULL,
		(1ULL << 32) | 1, (1ULL << 32) | 3, UINT64_MAX - 1,
	};
	uint64_t p = rng_below(100);

	if (p < 45)
		return rng_below(41);
	if (p < 72)
		return (uint64_t)recent[rng_below(RECENT)];
	if (p < 77 && witness_handle >= 0)
		return (uint64_t)witness_handle;
	if (p < 80)
		return (uint64_t)hot_eps[rng_below(2)];
	if (p < 85)
		return UINT64_MAX; /* -1: none, or self */
	if (p < 95)
		return PICK(big);
	return gen_int();
}

static uint64_t gen_len(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 7, 8, 9, 31, 32, 33, 100, 255, 256, 257, 4095, 4096,
		4097, 8192, 16383, 16384, 16385, 65536, 1 << 20, 0x7fffffff,
		0xffffffffULL, UINT64_MAX, UINT64_MAX - 7,
	};

	if (rng_percent(40))
		return rng_below(300);
	return PICK(v);
}

static uint64_t gen_pages(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 4, 8, 16, 127, 128, 129, 511, 512, 513, 1024,
		MK_MEM_MAX_PAGES, MK_MEM_MAX_PAGES + 1, UINT64_MAX,
		1ULL << 32, 65536, 65537,
	};

	if (rng_percent(60))
		return 1 + rng_below(8);
	if (rng_percent(90))
		return PICK(v) % 1025; /* keeps the large ones rare */
	return rng_percent(30) ? 4096 + rng_below(16384) : PICK(v);
}

static uint64_t gen_rights(void)
{
	switch (rng_below(4)) {
	case 0:
		return MK_RIGHTS_ALL;
	case 1:
		return rng_below(MK_RIGHTS_ALL + 1);
	case 2:
		return 0;
	default:
		return gen_int();
	}
}

/* Addresses that are never valid to use, or not at their first byte. */
static uint64_t gen_bad_ptr(void)
{
	static const uint64_t v[] = {
		0, 1, 8, PAGE - 1, MK_USER_TOP - 1, MK_USER_TOP - 8, MK_USER_TOP,
		0x8000000000ULL, 0xffffffc000000000ULL, 0xffffffc080200000ULL,
		UINT64_MAX, UINT64_MAX - 7, 1ULL << 63, GUARD_PAGE,
		GUARD_PAGE + 100, XO_PAGE, XO_PAGE + 64,
	};
	return PICK(v);
}

enum { PTR_OUT, PTR_IN };

/*
 * A pointer. "Out" pointers may be written through by the kernel: they
 * point at scratch (with the guard page after it), the window, read-only
 * or execute-only memory, or nowhere. "In" pointers may also point at the
 * areas the child checks at the end.
 */
static uint64_t gen_ptr(int dir)
{
	switch (rng_below(dir == PTR_IN ? 10 : 7)) {
	case 0:
		return SCRATCH_BASE + (rng_below(SCRATCH_PAGES * PAGE) &
					      (rng_percent(50) ? ~7ULL : ~0ULL));
	case 1:
		return SCRATCH_END - rng_below(600);
	case 2:
		return RO_PAGE + rng_below(PAGE);
	case 3:
		return WIN_BASE + rng_below(64) * PAGE +
			(rng_percent(70) ? 0 : rng_below(PAGE));
	case 4:
	case 5:
		return gen_bad_ptr();
	case 6:
		if (rng_percent(50))
			return (uint64_t)rodata_blob + rng_below(4096);
		return (uint64_t)fuzz_ecall + rng_below(64);
	case 7:
		return (uint64_t)data_blob + rng_below(sizeof(data_blob));
	case 8:
		return (uint64_t)stack_blob + rng_below(STACK_BLOB_SIZE);
	default:
		return (uint64_t)heap_blob + rng_below(HEAP_BLOB_SIZE);
	}
}

/*
 * A place for a message the kernel will read and then write back into,
 * other than the caller's own: its buf field must never lead the kernel
 * into the child's memory, so only unreadable places and the read-only
 * (always zero) page qualify.
 */
static uint64_t gen_bad_msg_ptr(void)
{
	static const uint64_t v[] = {
		0, 8, PAGE - 16, MK_USER_TOP - 16, MK_USER_TOP,
		0xffffffc080200000ULL, UINT64_MAX - 15, XO_PAGE,
		XO_PAGE - 16, /* starts read-only, ends execute-only */
	};

	if (rng_percent(40))
		return RO_PAGE + (rng_below(PAGE) & ~7ULL);
	return PICK(v);
}

static uint64_t gen_map_addr(void)
{
	static const uint64_t taken[] = {
		SCRATCH_BASE, GUARD_PAGE, RO_PAGE, MK_PROGRAM_BASE,
		MK_HEAP_BASE, MK_STACK_TOP - PAGE, MK_STACK_TOP,
		MK_USER_TOP - PAGE, MK_USER_TOP - 2 * PAGE, MK_USER_TOP,
		0xffffffc080200000ULL, UINT64_MAX & ~(PAGE - 1),
	};

	switch (rng_below(8)) {
	case 0:
	case 1:
		return 0; /* the kernel chooses */
	case 2:
	case 3:
	case 4:
		return WIN_BASE + rng_below(256) * PAGE;
	case 5:
		return WIN_BASE + rng_below(256) * PAGE + 1 + rng_below(PAGE - 1);
	default:
		return PICK(taken);
	}
}

static bool is_kept_handle(int h);

static bool in_window(uint64_t va, uint64_t len)
{
	return va >= WIN_BASE && va < WIN_END && len <= WIN_END - va;
}

/*
 * Make m pass the kernel's first checks, so that the deeper paths run:
 * valid flags, a length within the capacity, a buffer inside scratch, a
 * handle or a grant of an object that calls returned lately.
 */
static void gen_msg_well_formed(struct mk_msg *m, bool reads_back)
{
	m->cap = (uint32_t)rng_below(2 * PAGE);
	m->len = (uint32_t)rng_below(rng_percent(50) ? 64 : m->cap + 1ULL);
	if (m->len > m->cap)
		m->len = m->cap;
	if (reads_back || rng_percent(50))
		m->buf = SCRATCH_BASE +
			rng_below(SCRATCH_PAGES * PAGE - m->cap + 1);
	m->handle = recent[rng_below(RECENT)];
	if (reads_back) /* a call: a handle may go with it, no grant */
		m->flags = rng_percent(70) ? 0 : MK_MSG_HANDLE;
	else
		m->flags = PICK(((const uint32_t[]){0, MK_MSG_HANDLE,
			MK_MSG_GRANT, MK_MSG_GRANT, MK_MSG_GRANT}));
	m->grant.mem = mems[rng_below(RECENT)];
	m->grant.prot = rng_percent(50) ? MK_PROT_READ
					: MK_PROT_READ | MK_PROT_WRITE;
	m->grant.first_page = 0;
	m->grant.pages = 1 + rng_below(2);
}

/*
 * Fill m with random fields. `reads_back`: the kernel writes into m's buf
 * (a call's reply, a receive), so buf must be an "out" pointer; a call's
 * grant window only replaces mappings inside the window.
 */
static void gen_msg(struct mk_msg *m, bool reads_back)
{
	static const uint32_t flags[] = {
		0, 0, 0, MK_MSG_HANDLE, MK_MSG_HANDLE, MK_MSG_GRANT,
		MK_MSG_HANDLE | MK_MSG_GRANT, 4, 0xffffffffU,
	};
	uint64_t *raw = (uint64_t *)m;

	for (size_t i = 0; i < sizeof(*m) / sizeof(uint64_t); i++)
		raw[i] = gen_int(); /* the stamp too: the kernel ignores it */
	m->label = rng_percent(10) ? MK_LABEL_NOTIFY : gen_int();
	m->buf = gen_ptr(reads_back ? PTR_OUT : PTR_IN);
	m->len = (uint32_t)gen_len();
	m->cap = (uint32_t)gen_len();
	m->handle = (int32_t)gen_handle();
	m->flags = PICK(flags);
	m->grant.mem = (int32_t)gen_handle();
	m->grant.prot = (uint32_t)rng_below(8);
	m->grant.first_page = rng_percent(70) ? rng_below(4) : gen_int();
	m->grant.pages = rng_percent(70) ? 1 + rng_below(4) : gen_pages();
	m->grant.addr = rng_percent(50) ? 0 : WIN_BASE + rng_below(256) * PAGE;
	if (rng_percent(10))
		m->grant.addr = gen_bad_ptr();
	m->grant.flags = rng_percent(30) ? MK_MAP_FIXED_REPLACE : 0;
	if (rng_percent(5))
		m->grant.flags = gen_int();
	if (rng_percent(60))
		gen_msg_well_formed(m, reads_back);
	if (is_kept_handle(m->handle))
		m->handle = -1;
	if (!in_window(m->grant.addr, 1))
		m->grant.flags &= ~(uint64_t)MK_MAP_FIXED_REPLACE;
}

/* ---- choosing calls ---- */

struct weighted {
	uint8_t nr, weight;
};

static const struct weighted handle_calls[] = {
	{SYS_HANDLE_DUP, 20}, {SYS_HANDLE_CLOSE, 20}, {SYS_HANDLE_INFO, 15},
	{SYS_EP_MINT, 10}, {SYS_EP_CREATE, 8}, {SYS_MEM_CREATE, 5},
	{SYS_TASK_GIVE, 8}, {SYS_TASK_ID, 6}, {SYS_MEM_INFO, 5},
	{SYS_TASK_CREATE, 2}, {SYS_EP_NOTIFY, 3}, {SYS_CALL, 3},
};

static const struct weighted memory_calls[] = {
	{SYS_MEM_CREATE, 15}, {SYS_MEM_MAP, 30}, {SYS_MEM_UNMAP, 20},
	{SYS_MEM_INFO, 8}, {SYS_HANDLE_CLOSE, 8}, {SYS_CALL, 6},
	{SYS_RECEIVE, 4}, {SYS_REPLY, 10}, {SYS_EP_CREATE, 3},
	{SYS_EP_EVENTS, 5}, {SYS_TASK_CREATE, 2}, {SYS_HANDLE_DUP, 3},
	{SYS_FRAMES, 2},
};

static const struct weighted message_calls[] = {
	{SYS_EP_CREATE, 8}, {SYS_EP_MINT, 6}, {SYS_CALL, 20},
	{SYS_RECEIVE, 12}, {SYS_REPLY, 20}, {SYS_REPLY_RECEIVE, 8},
	{SYS_EP_NOTIFY, 8}, {SYS_EP_EVENTS, 5}, {SYS_HANDLE_CLOSE, 10},
	{SYS_MEM_CREATE, 3}, {SYS_HANDLE_DUP, 3},
};

static const struct weighted task_calls[] = {
	{SYS_TASK_CREATE, 10}, {SYS_TASK_START, 10}, {SYS_TASK_WAIT, 10},
	{SYS_TASK_KILL, 10}, {SYS_TASK_GIVE, 10}, {SYS_TASK_ID, 5},
	{SYS_TASK_LIST, 8}, {SYS_CRED_GET, 5}, {SYS_CRED_SET, 8},
	{SYS_NS_GET, 3}, {SYS_NS_SET, 3}, {SYS_THREAD_CREATE, 8},
	{SYS_SLEEP_NS, 2}, {SYS_YIELD, 3}, {SYS_MEM_MAP, 6},
	{SYS_HANDLE_CLOSE, 5}, {SYS_POWEROFF, 2}, {SYS_CONSOLE_READ, 2},
	{SYS_MEM_CREATE, 3},
};

static long pick_weighted(const struct weighted *t, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += t[i].weight;
	x = (unsigned)rng_below(total);
	for (i = 0; x >= t[i].weight; i++)
		x -= t[i].weight;
	return t[i].nr;
}

#define PICK_WEIGHTED(t) pick_weighted(t, sizeof(t) / sizeof((t)[0]))

/* Any number at all, but never one that ends the child. */
static long pick_any(void)
{
	static const long unknown[] = {
		SYS_COUNT, SYS_COUNT + 1, 63, 64, 255, 1000, -1, -38,
		(long)(1ULL << 32), (long)((1ULL << 32) + SYS_EXIT), LONG_MIN,
	};
	long nr;

	if (rng_percent(12))
		return rng_percent(80) ? PICK(unknown) : (long)rng_next();
	do
		nr = (long)rng_below(SYS_COUNT);
	while (nr == SYS_EXIT || nr == SYS_THREAD_EXIT);
	return nr;
}

static long pick_call(int cat)
{
	switch (cat) {
	case CAT_HANDLES:
		return PICK_WEIGHTED(handle_calls);
	case CAT_MEMORY:
		return PICK_WEIGHTED(memory_calls);
	case CAT_MESSAGES:
		return PICK_WEIGHTED(message_calls);
	case CAT_TASKS:
		return PICK_WEIGHTED(task_calls);
	default:
		return pick_any();
	}
}

static bool call_blocks(long nr)
{
	return nr == SYS_CALL || nr == SYS_RECEIVE || nr == SYS_REPLY_RECEIVE;
}

/* ---- building one call's arguments ---- */

/* Arguments for memory and handle calls. */
static void build_mem_args(struct fuzz_call *c)
{
	long *a = c->a;

	switch (c->nr) {
	case SYS_MEM_CREATE:
		a[0] = (long)gen_pages();
		a[1] = rng_percent(60) ? -1 : (long)gen_handle();
		if (rng_percent(30))
			a[1] = hot_eps[rng_below(2)]; /* events on unmapping */
		a[2] = (long)gen_int();
		break;
	case SYS_MEM_MAP:
		a[0] = (long)gen_handle();
		a[1] = rng_percent(70) ? -1 : (long)gen_handle();
		a[2] = (long)gen_map_addr();
		a[3] = rng_percent(80) ? (long)rng_below(4) : (long)gen_int();
		a[4] = (long)gen_pages();
		a[5] = (long)rng_below(16);
		if (rng_percent(5))
			a[5] = (long)gen_int();
		if (rng_percent(40)) { /* one that can succeed */
			a[0] = mems[rng_below(RECENT)];
			a[1] = rng_percent(50) ? -1 : recent[rng_below(RECENT)];
			a[2] = (long)(rng_percent(50) ? 0 : WIN_BASE +
						rng_below(256) * PAGE);
			a[3] = 0;
			a[4] = (long)(1 + rng_below(2));
			a[5] = rng_percent(50) ? MK_PROT_READ
					       : MK_PROT_READ | MK_PROT_WRITE;
		}
		break;
	case SYS_MEM_UNMAP:
		a[0] = (long)(rng_percent(80) ? gen_map_addr() : gen_ptr(PTR_IN));
		a[1] = (long)(rng_percent(70) ? gen_pages() * PAGE : gen_len());
		if (rng_percent(40)) {
			unsigned i = (unsigned)rng_below(RECENT);

			a[0] = (long)mapped[i][0];
			a[1] = (long)(mapped[i][1] + PAGE * rng_below(2));
		}
		break;
	case SYS_MEM_INFO:
	case SYS_HANDLE_INFO:
		a[0] = (long)gen_handle();
		a[1] = (long)gen_ptr(PTR_OUT);
		break;
	case SYS_HANDLE_DUP:
		a[0] = (long)gen_handle();
		a[1] = (long)gen_rights();
		break;
	case SYS_HANDLE_CLOSE:
		a[0] = (long)gen_handle();
		break;
	case SYS_EP_MINT:
		a[0] = (long)gen_handle();
		a[1] = (long)gen_rights();
		a[2] = (long)gen_int();
		break;
	case SYS_EP_NOTIFY:
		a[0] = (long)gen_handle();
		a[1] = (long)gen_int();
		break;
	case SYS_EP_EVENTS:
		a[0] = rng_percent(40) ? hot_eps[rng_below(2)]
				       : (long)gen_handle();
		a[1] = (long)gen_ptr(PTR_OUT);
		a[2] = (long)(rng_percent(70) ? rng_below(20) : gen_int());
		break;
	}
}

/* Arguments for task, thread, credential and namespace calls. */
static void build_task_args(struct fuzz_call *c)
{
	long *a = c->a;

	switch (c->nr) {
	case SYS_TASK_CREATE:
		a[0] = (long)(rng_percent(70) ? (uint64_t)task_name + rng_below(8)
					      : gen_bad_ptr());
		a[1] = (long)(rng_percent(70) ? 1 + rng_below(31) : gen_len());
		a[2] = (long)(rng_percent(50) ? rng_below(64) : gen_int());
		break;
	case SYS_TASK_START:
		a[0] = (long)(rng_percent(50) ? (uint64_t)recent[rng_below(RECENT)]
					      : gen_handle());
		a[1] = (long)gen_ptr(PTR_IN);
		a[2] = (long)gen_ptr(PTR_IN);
		a[3] = (long)gen_int();
		a[4] = (long)gen_int();
		break;
	case SYS_TASK_WAIT:
		a[0] = (long)gen_handle();
		a[1] = (long)(rng_percent(20) ? 0 : gen_ptr(PTR_OUT));
		a[2] = (long)(rng_percent(80) ? MK_WAIT_NOHANG : gen_int());
		break;
	case SYS_TASK_KILL:
		a[0] = (long)gen_handle();
		a[1] = (long)(rng_percent(70) ? (rng_percent(50) ? MK_SIGKILL
								 : MK_SIGTERM)
					      : gen_int());
		break;
	case SYS_TASK_GIVE:
		a[0] = (long)gen_handle();
		a[1] = (long)gen_handle();
		a[2] = (long)gen_rights();
		break;
	case SYS_TASK_ID:
		a[0] = (long)gen_handle();
		break;
	case SYS_TASK_LIST:
		a[0] = (long)(rng_percent(70) ? rng_below(64) : gen_int());
		a[1] = (long)gen_ptr(PTR_OUT);
		break;
	case SYS_CRED_GET:
	case SYS_FRAMES:
		a[0] = (long)gen_ptr(PTR_OUT);
		break;
	case SYS_CRED_SET:
		cred_buf.uid = (uint32_t)(rng_percent(70) ? 0 : gen_int());
		cred_buf.gid = (uint32_t)(rng_percent(70) ? 0 : gen_int());
		cred_buf.caps = rng_percent(70) ? rng_below(MK_CAPS_ALL + 1)
						: gen_int();
		a[0] = (long)(rng_percent(60) ? UINT64_MAX : gen_handle());
		a[1] = (long)(rng_percent(70) ? (uint64_t)&cred_buf
					      : gen_ptr(PTR_IN));
		break;
	case SYS_NS_GET:
		a[0] = (long)gen_int();
		break;
	case SYS_NS_SET:
		a[0] = (long)gen_handle();
		a[1] = (long)(rng_percent(50) ? rng_below(64) : gen_int());
		a[2] = (long)gen_int();
		a[3] = (long)gen_int();
		break;
	case SYS_THREAD_CREATE:
		/* Only entries that exist, or ones the kernel refuses. */
		a[0] = (long)(rng_percent(70) ? (uint64_t)fuzz_exit_entry
					      : gen_huge());
		a[1] = (long)gen_ptr(PTR_IN);
		a[2] = (long)gen_int();
		break;
	}
}

/* Arguments for the remaining calls (console, clock, power). */
static void build_misc_args(struct fuzz_call *c)
{
	long *a = c->a;

	switch (c->nr) {
	case SYS_SLEEP_NS:
		a[0] = (long)(rng_percent(80) ? rng_below(100000) : gen_int());
		break;
	case SYS_CONSOLE_WRITE:
		/* Nothing that prints: any text could look like a verdict. */
		a[0] = (long)gen_bad_ptr();
		a[1] = (long)gen_len();
		if (rng_percent(10)) {
			a[0] = (long)rodata_blob;
			a[1] = 0;
		}
		break;
	case SYS_CONSOLE_READ:
		a[0] = (long)gen_ptr(PTR_OUT);
		a[1] = (long)(rng_percent(20) ? 0 : gen_len());
		a[2] = (long)(rng_percent(80) ? MK_CONSOLE_NONBLOCK : gen_int());
		break;
	case SYS_POWEROFF:
		a[0] = (long)(rng_percent(50) ? rng_below(256) : gen_int());
		break;
	case SYS_BOOTARGS:
		a[0] = (long)gen_ptr(PTR_OUT);
		a[1] = (long)gen_len();
		break;
	}
}

/* Arguments for the message calls; b: the thread slot for blocking ones. */
static void build_msg_args(struct fuzz_call *c, struct blocker *b)
{
	long *a = c->a;

	switch (c->nr) {
	case SYS_CALL:
	case SYS_RECEIVE:
		a[0] = rng_percent(40) ? hot_eps[rng_below(2)]
				       : (long)gen_handle();
		if (c->nr == SYS_CALL && witness_handle >= 0 && rng_percent(30))
			a[0] = witness_handle;
		gen_msg(&b->msg, true);
		a[1] = (long)(rng_percent(85) ? (uint64_t)&b->msg
					      : gen_bad_msg_ptr());
		break;
	case SYS_REPLY_RECEIVE:
		a[0] = rng_percent(60) ? replies[rng_below(RECENT)]
				       : (long)gen_handle();
		a[1] = rng_percent(50) ? hot_eps[rng_below(2)]
				       : (long)gen_handle();
		gen_msg(&b->msg, true);
		a[2] = (long)(rng_percent(85) ? (uint64_t)&b->msg
					      : gen_bad_msg_ptr());
		break;
	case SYS_REPLY:
		a[0] = rng_percent(60) ? replies[rng_below(RECENT)]
				       : (long)gen_handle();
		gen_msg(&main_msg, false);
		a[1] = (long)(rng_percent(80) ? (uint64_t)&main_msg
					      : gen_ptr(PTR_IN));
		break;
	}
}

extern char _end[];

/*
 * The handles the child keeps for its whole run (closing or moving them
 * away would starve the message paths): the witness, the hot endpoints.
 */
static bool is_kept_handle(int h)
{
	return h >= 0 && (h == witness_handle || h == hot_eps[0] ||
				 h == hot_eps[1]);
}

/*
 * Whether the kernel could write into the child's live memory at p: its
 * image (except the read-only blob and code it is meant to fault on), the
 * heap, the stack, the report page.
 */
static bool is_live_memory(uint64_t p)
{
	if (p - (uint64_t)rodata_blob < sizeof(rodata_blob) ||
		p - (uint64_t)fuzz_ecall < 64)
		return false;
	return (p >= MK_PROGRAM_BASE && p < (uint64_t)_end) ||
		(p >= MK_HEAP_BASE && p < MK_HEAP_BASE + MK_HEAP_MAX) ||
		(p >= MK_STACK_TOP - MK_STACK_SIZE && p < MK_STACK_TOP) ||
		p / PAGE == REPORT_PAGE / PAGE;
}

/* Arguments the kernel only reads (or that are addresses, not pointers). */
static bool arg_read_only(long nr, int i)
{
	switch (nr) {
	case SYS_CONSOLE_WRITE:
	case SYS_TASK_CREATE:
		return i == 0;
	case SYS_CRED_SET:
	case SYS_REPLY:
		return i == 1;
	case SYS_TASK_START:
		return i >= 1;
	case SYS_THREAD_CREATE:
		return true;
	case SYS_MEM_MAP:
	case SYS_MEM_UNMAP:
		return true; /* their own rules below */
	case SYS_CALL:
	case SYS_RECEIVE:
		return i == 1; /* the thread's own message, or checked below */
	case SYS_REPLY_RECEIVE:
		return i == 2;
	}
	return false;
}

/*
 * Keep the child alive whatever the arguments are: nothing written into
 * its live memory (any number may be a pointer), no killing itself, no
 * unmapping or replacing its own memory, no printing, no blocking in the
 * main thread, no threads at unmapped entry points, a bounded number of
 * tasks (each started one is killed with a console line).
 */
static void sanitize(struct fuzz_call *c, struct blocker *b)
{
	long *a = c->a;
	uint64_t len;

	for (int i = 0; i < 6; i++)
		if (!arg_read_only(c->nr, i) && is_live_memory((uint64_t)a[i]))
			a[i] = (long)gen_ptr(PTR_OUT);
	switch (c->nr) {
	case SYS_TASK_KILL:
		if ((int)a[0] == -1)
			a[0] = -2;
		break;
	case SYS_HANDLE_CLOSE:
		if (is_kept_handle((int)a[0]))
			a[0] = -2;
		break;
	case SYS_MEM_MAP:
		len = (uint64_t)a[4] * PAGE;
		if ((int)a[1] != -1) {
			a[5] &= ~(long)MK_PROT_EXEC; /* nothing runs there */
		} else if ((a[5] & MK_MAP_FIXED_REPLACE) && a[2] != 0 &&
			!in_window((uint64_t)a[2], len)) {
			a[2] = (long)(WIN_BASE + rng_below(256) * PAGE);
		}
		break;
	case SYS_MEM_UNMAP:
		if (!in_window((uint64_t)a[0], (uint64_t)a[1]))
			a[0] |= 1; /* still a call, but one that must fail */
		break;
	case SYS_CONSOLE_WRITE:
		/* Only where the first byte is never readable. */
		if ((uint64_t)a[0] >= PAGE && (uint64_t)a[0] < MK_USER_TOP &&
			(uint64_t)a[0] / PAGE != XO_PAGE / PAGE)
			a[1] = 0;
		break;
	case SYS_CONSOLE_READ:
		if (!b)
			a[2] |= MK_CONSOLE_NONBLOCK;
		break;
	case SYS_TASK_WAIT:
		if (!b && !(a[2] & ~(long)MK_WAIT_NOHANG))
			a[2] = MK_WAIT_NOHANG;
		break;
	case SYS_SLEEP_NS:
		if (!b)
			a[0] = (long)((uint64_t)a[0] % 100000);
		break;
	case SYS_THREAD_CREATE:
		if (threads_created >= THREADS_MAX ||
			((uint64_t)a[0] != (uint64_t)fuzz_exit_entry &&
				(uint64_t)a[0] < MK_USER_TOP))
			a[0] = (long)MK_USER_TOP;
		break;
	case SYS_TASK_START:
		if (tasks_started >= STARTS_MAX)
			a[1] = (long)MK_USER_TOP; /* refused */
		break;
	case SYS_TASK_CREATE:
		/* The name is printed when the task is killed. */
		if (tasks_created >= TASKS_MAX)
			a[1] = 0;
		else if ((uint64_t)a[0] - (uint64_t)task_name >=
				sizeof(task_name) - 1 &&
			(uint64_t)a[0] < MK_USER_TOP)
			a[0] = (long)task_name;
		break;
	case SYS_CALL:
	case SYS_RECEIVE:
		if ((uint64_t)a[1] != (uint64_t)&b->msg)
			a[1] = (long)gen_bad_msg_ptr();
		break;
	case SYS_REPLY_RECEIVE:
		if ((uint64_t)a[2] != (uint64_t)&b->msg)
			a[2] = (long)gen_bad_msg_ptr();
		break;
	case SYS_EXIT:
	case SYS_THREAD_EXIT:
		c->nr = SYS_NULL;
		break;
	}
}

/* Some calls (or all, in CAT_ANY) get entirely random arguments. */
static void build_call(struct fuzz_call *c, int cat, struct blocker *b)
{
	memset(c->a, 0, sizeof(c->a));
	build_mem_args(c);
	build_task_args(c);
	build_misc_args(c);
	build_msg_args(c, b);
	if (rng_percent(cat == CAT_ANY ? 30 : 5)) {
		for (int i = 0; i < 6; i++) {
			uint64_t p = rng_below(3);

			if (p == 0)
				c->a[i] = (long)gen_int();
			else if (p == 1)
				c->a[i] = (long)gen_handle();
			else /* any argument may be written through */
				c->a[i] = (long)gen_ptr(PTR_OUT);
		}
	}
	sanitize(c, b);
}

/* ---- what every result must satisfy ---- */

static bool in_scratch(uint64_t p, uint64_t n)
{
	return p >= SCRATCH_BASE && p < SCRATCH_END && n <= SCRATCH_END - p;
}

/* Record why the child failed (for the parent's FAIL line): -1. */
static int fuzz_fail(const struct fuzz_call *c, long r, const char *what)
{
	snprintf(report->why, sizeof(report->why),
		"%s: call %ld (%#lx, %#lx, %#lx, %#lx) returned %ld", what,
		c->nr, c->a[0], c->a[1], c->a[2], c->a[3], r);
	return -1;
}

/* Whether nothing can ever be written at p: the copy there must fail. */
static bool never_writable(uint64_t p)
{
	return p < PAGE || p >= MK_USER_TOP || p / PAGE == RO_PAGE / PAGE ||
		p / PAGE == XO_PAGE / PAGE ||
		p - (uint64_t)rodata_blob < sizeof(rodata_blob);
}

/* A call that copies n bytes out to p: must succeed or fail with EFAULT. */
static int check_copy_out(const struct fuzz_call *c, long r, uint64_t p,
	uint64_t n)
{
	if (in_scratch(p, n) && r != 0)
		return fuzz_fail(c, r, "copy into scratch failed");
	if (never_writable(p) && r != -MK_EFAULT)
		return fuzz_fail(c, r, "copy to a bad place not -EFAULT");
	return 0;
}

/* Results are a value or a Linux errno; some calls promise more. */
static int fuzz_check(const struct fuzz_call *c, long r)
{
	const long *a = c->a;

	if (r < -ERRNO_MAX)
		return fuzz_fail(c, r, "neither a value nor an errno");
	if ((uint64_t)c->nr >= SYS_COUNT)
		return r == -MK_ENOSYS ? 0 : fuzz_fail(c, r, "not -ENOSYS");
	switch (c->nr) {
	case SYS_NULL:
		return r == 0 ? 0 : fuzz_fail(c, r, "null call failed");
	case SYS_POWEROFF:
		return r == -MK_EPERM ? 0
				      : fuzz_fail(c, r, "power-off not -EPERM");
	case SYS_HANDLE_DUP:
	case SYS_EP_MINT:
	case SYS_EP_CREATE:
	case SYS_MEM_CREATE:
	case SYS_TASK_CREATE:
	case SYS_TASK_GIVE:
		return r < 1024 ? 0 : fuzz_fail(c, r, "handle out of range");
	case SYS_MEM_MAP:
		if (r >= 0 && ((uint64_t)r % PAGE || (uint64_t)r >= MK_USER_TOP ||
				      (a[2] != 0 && r != a[2])))
			return fuzz_fail(c, r, "mapped at the wrong address");
		return 0;
	case SYS_MEM_UNMAP:
		if (r == 0 && !in_window((uint64_t)a[0], (uint64_t)a[1]))
			return fuzz_fail(c, r, "unmapped a bad range");
		return 0;
	case SYS_TASK_ID:
		if ((int)a[0] == -1 && r != (long)self_id)
			return fuzz_fail(c, r, "own task id changed");
		return 0;
	case SYS_FRAMES:
		return check_copy_out(c, r, (uint64_t)a[0],
			sizeof(struct mk_frames));
	case SYS_CRED_GET:
		if (check_copy_out(c, r, (uint64_t)a[0], sizeof(struct mk_cred)))
			return -1;
		if (in_scratch((uint64_t)a[0], sizeof(struct mk_cred)) &&
			(((volatile struct mk_cred *)a[0])->caps &
				MK_CAP_SYS_ADMIN))
			return fuzz_fail(c, r, "CAP_SYS_ADMIN came back");
		return 0;
	}
	return 0;
}

/* Remember handles a successful call returned, for later calls. */
static void fuzz_harvest(const struct fuzz_call *c, long r)
{
	if (r < 0)
		return;
	switch (c->nr) {
	case SYS_TASK_CREATE:
		tasks_created++;
		/* fall through */
	case SYS_MEM_CREATE:
		mems_add(r);
		/* fall through */
	case SYS_HANDLE_DUP:
	case SYS_EP_MINT:
	case SYS_EP_CREATE:
		recent_add(r);
		break;
	case SYS_THREAD_CREATE:
		threads_created++;
		break;
	case SYS_TASK_START:
		tasks_started++;
		break;
	case SYS_REPLY:
		if ((uint64_t)c->a[1] == (uint64_t)&main_msg &&
			(main_msg.flags & MK_MSG_GRANT))
			report->features |= FEATURE_GRANT;
		if ((uint64_t)c->a[1] == (uint64_t)&main_msg &&
			(main_msg.flags & MK_MSG_HANDLE))
			report->features |= FEATURE_REPLY_HANDLE;
		break;
	case SYS_MEM_MAP:
		if ((int)c->a[1] != -1)
			report->features |= FEATURE_FOREIGN_MAP;
		else
			mapped_add((uint64_t)r, (uint64_t)c->a[4] * PAGE);
		break;
	case SYS_EP_EVENTS:
		if (r > 0)
			report->features |= FEATURE_EVENTS;
		break;
	}
}

/* ---- calls that may block, each in a thread of its own ---- */

/* A free slot (its last call checked), or NULL; `reserve`: the last few
 * slots too, which only blocker_unstick uses. */
static struct blocker *blocker_free(bool reserve)
{
	unsigned n = reserve ? BLOCKERS : BLOCKERS - BLOCKERS_RESERVED;
	unsigned start = (unsigned)rng_below(n);

	for (unsigned i = 0; i < n; i++) {
		struct blocker *b = &blockers[(start + i) % n];

		if (!b->busy && b->harvested)
			return b;
	}
	return NULL;
}

/* Check the calls that threads finished: 0, or -1 with report->why. */
static int blocker_harvest(void)
{
	for (unsigned i = 0; i < BLOCKERS; i++) {
		struct blocker *b = &blockers[i];
		const struct mk_msg *m = &b->msg;
		bool own_msg;

		if (b->busy || b->harvested)
			continue;
		__asm__ volatile("" ::: "memory"); /* the result after busy */
		b->harvested = 1;
		if (b->result >= 0) {
			report->succeeded++;
			report->succeeded_nrs |= 1ULL << b->call.nr;
		}
		if (fuzz_check(&b->call, b->result) < 0)
			return -1;
		own_msg = (uint64_t)b->call.a[b->call.nr == SYS_REPLY_RECEIVE ?
					       2 : 1] == (uint64_t)m;
		if (b->result != 0 || !own_msg || !call_blocks(b->call.nr))
			continue;
		if (b->call.nr != SYS_CALL)
			reply_add(m->reply);
		if (m->flags & MK_MSG_HANDLE)
			recent_add(m->handle);
		if (b->call.nr == SYS_CALL && (m->flags & MK_MSG_GRANT))
			mapped_add(m->grant.addr, PAGE * (1 + rng_below(2)));
		if (b->call.nr == SYS_CALL && (b->sent_flags & MK_MSG_HANDLE))
			report->features |= FEATURE_CALL_HANDLE;
		if (b->call.nr != SYS_CALL && m->label == MK_LABEL_NOTIFY &&
			m->reply == -1)
			report->features |= FEATURE_NOTIFIED;
	}
	return 0;
}

static void blocker_start(struct blocker *b, const struct fuzz_call *c)
{
	long r;

	b->call = *c;
	b->sent_flags = b->msg.flags;
	b->harvested = 0;
	r = thread_run(b);
	if (r < 0) { /* out of threads or memory: the call was not made */
		b->busy = 0;
		b->harvested = 1;
		report->calls--;
		report->skipped++;
		return;
	}
	report->in_threads++;
}

static void blocker_start(struct blocker *b, const struct fuzz_call *c);

/*
 * Every slot is busy: wake the threads that wait in a receive with a
 * notification, take calls waiting on the hot endpoints with receives in
 * the reserved slots, and answer the callers that receives took, so that
 * slots come free.
 */
static void blocker_unstick(void)
{
	for (int i = 0; i < 2; i++) {
		struct blocker *b = blocker_free(true);
		struct fuzz_call c = {SYS_RECEIVE, {hot_eps[i]}};

		if (!b)
			break;
		memset(&b->msg, 0, sizeof(b->msg));
		c.a[1] = (long)&b->msg;
		report->calls++;
		blocker_start(b, &c);
	}
	for (unsigned i = 0; i < BLOCKERS; i++) {
		const struct fuzz_call *c = &blockers[i].call;

		if (!blockers[i].busy)
			continue;
		if (c->nr == SYS_RECEIVE)
			mk_ep_notify((int)c->a[0], 1);
		else if (c->nr == SYS_REPLY_RECEIVE)
			mk_ep_notify((int)c->a[1], 1);
	}
	/* And answer the callers that receives took (empty replies). */
	for (unsigned i = 0; i < RECENT; i++) {
		struct mk_msg m;

		memset(&m, 0, sizeof(m));
		mk_reply(replies[i], &m);
	}
}

/* Whether this call should run in a thread (it may block there). */
static bool fuzz_wants_thread(long nr)
{
	if (call_blocks(nr))
		return true;
	if (nr == SYS_TASK_WAIT || nr == SYS_CONSOLE_READ ||
		nr == SYS_SLEEP_NS)
		return rng_percent(20);
	return false;
}

/* ---- the fuzz child ---- */

static void pattern_fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed);
}

static bool pattern_intact(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 7 + seed))
			return false;
	return true;
}

/* Map `pages` of a new object at addr with prot: 0 or an errno. */
static long map_fixed(uint64_t addr, uint64_t pages, unsigned prot,
	int *handle)
{
	long mem = mk_mem_create(pages, -1, 0), r;

	if (mem < 0)
		return mem;
	r = mk_mem_map((int)mem, -1, addr, 0, pages, prot);
	*handle = (int)mem;
	return r < 0 ? r : 0;
}

/*
 * The child's own memory: the report page (from the parent), scratch,
 * the read-only page and its execute-only alias. Handles to the
 * read-only object are closed, so nothing can ever write it: a message
 * read from there always has buf 0.
 */
static int fuzz_setup(int report_h)
{
	struct mk_cred cred;
	int scratch, ro;
	long r;

	/* Without a parent's report page (run by hand), a page of our own. */
	if (report_h < 0 && map_fixed(REPORT_PAGE, 1,
				     MK_PROT_READ | MK_PROT_WRITE, &report_h))
		return 10;
	r = mk_mem_map(report_h, -1, REPORT_PAGE, 0, 1,
		MK_PROT_READ | MK_PROT_WRITE);
	if (r < 0 && r != -MK_EEXIST)
		return 10;
	mk_handle_close(report_h);
	report = (struct fuzz_report *)REPORT_PAGE;
	memset(report, 0, sizeof(*report));

	/* Power-off must be refused: drop the capability first. */
	if (mk_cred_get(&cred) < 0)
		return 11;
	cred.caps &= ~(uint64_t)MK_CAP_SYS_ADMIN;
	if (mk_cred_set(-1, &cred) < 0 || mk_poweroff(0) != -MK_EPERM)
		return 12;

	if (map_fixed(SCRATCH_BASE, SCRATCH_PAGES,
		    MK_PROT_READ | MK_PROT_WRITE, &scratch) < 0 ||
		map_fixed(RO_PAGE, 1, MK_PROT_READ, &ro) < 0 ||
		mk_mem_map(ro, -1, XO_PAGE, 0, 1, MK_PROT_EXEC) < 0)
		return 13;
	mk_handle_close(ro);
	recent_add(scratch);
	hot_eps[0] = (int)mk_ep_create();
	hot_eps[1] = (int)mk_ep_create();
	if (hot_eps[0] < 0 || hot_eps[1] < 0)
		return 14;
	self_id = (uint64_t)mk_task_id(-1);
	return 0;
}

/* The fuzzing loop: 0, or -1 with report->why. */
static int fuzz_loop(int cat, uint64_t calls)
{
	for (uint64_t i = 0; i < calls; i++) {
		struct blocker *b = NULL;
		struct fuzz_call c;
		long r;

		if (blocker_harvest() < 0)
			return -1;
		c.nr = pick_call(cat);
		if (fuzz_wants_thread(c.nr)) {
			b = blocker_free(false);
			if (!b) {
				blocker_unstick();
				mk_yield(); /* let the threads run */
				if (blocker_harvest() < 0)
					return -1;
				b = blocker_free(false);
			}
			if (!b) {
				report->skipped++;
				continue;
			}
		}
		build_call(&c, cat, b);
		report->calls++;
		if (b) {
			blocker_start(b, &c);
			continue;
		}
		r = fuzz_ecall(&c);
		if (r >= 0 && (uint64_t)c.nr < SYS_COUNT) {
			report->succeeded++;
			report->succeeded_nrs |= 1ULL << c.nr;
		}
		if (fuzz_check(&c, r) < 0)
			return -1;
		fuzz_harvest(&c, r);
	}
	return blocker_harvest();
}

/*
 * A fuzz child: exit 0 when every call behaved and the "in" areas are
 * unchanged; otherwise 1 with the reason in the report page. Threads
 * still blocked end with the child's exit.
 */
static int fuzz_child(int cat, uint64_t seed, uint64_t calls, int report_h)
{
	unsigned char area[STACK_BLOB_SIZE];
	int err = fuzz_setup(report_h);

	if (err)
		return err;
	stack_blob = area;
	heap_blob = malloc(HEAP_BLOB_SIZE);
	if (!heap_blob)
		return 15;
	pattern_fill(data_blob, sizeof(data_blob), 1);
	pattern_fill(stack_blob, STACK_BLOB_SIZE, 2);
	pattern_fill(heap_blob, HEAP_BLOB_SIZE, 3);
	rng_seed(seed);
	for (unsigned i = 0; i < RECENT; i++)
		recent[i] = (int)rng_below(8);
	err = fuzz_loop(cat, calls) < 0;
	if (!err && (!pattern_intact(data_blob, sizeof(data_blob), 1) ||
			    !pattern_intact(stack_blob, STACK_BLOB_SIZE, 2) ||
			    !pattern_intact(heap_blob, HEAP_BLOB_SIZE, 3))) {
		snprintf(report->why, sizeof(report->why),
			"the kernel wrote into memory given only for reading");
		err = 1;
	}
	printf("fuzz %s: %lu calls, %lu succeeded (numbers %#lx, paths %#lx), "
	       "%lu in threads, %lu skipped%s%s\n",
		category_names[cat], (unsigned long)report->calls,
		(unsigned long)report->succeeded,
		(unsigned long)report->succeeded_nrs,
		(unsigned long)report->features,
		(unsigned long)report->in_threads,
		(unsigned long)report->skipped, err ? ": " : "",
		err ? report->why : "");
	fflush(stdout);
	report->magic = REPORT_MAGIC;
	return err;
}

/* ---- children for the targeted cases ---- */

/*
 * Start a thread that will block on an endpoint nobody calls, and exit
 * before it has run: the exit (a kill of the task) must end it too.
 */
static int exit_before_thread_runs(void)
{
	struct blocker *b = &blockers[0];
	long ep = mk_ep_create();

	if (ep < 0)
		return 2;
	b->call.nr = SYS_RECEIVE;
	b->call.a[0] = ep;
	b->call.a[1] = (long)&b->msg;
	if (thread_run(b) < 0)
		return 3;
	mk_exit(0);
}

/* ---- the witness: an echo server that must outlive the fuzzing ---- */

#define PARENT_BADGE 0x7e579a7e0bad5eedULL
#define CHILD_BADGE(cat) (0xf000ULL + (uint64_t)(cat))
#define WITNESS_QUIT 0x91170ff5eed50001ULL
#define WITNESS_XOR 0xa5

/*
 * Answer one request: label inverted, words w * 3 + i, the bytes XORed.
 * A reply the caller cannot take (too long, bad buffer) is replaced by an
 * empty one carrying the error, so the caller never waits for ever.
 */
static void witness_answer(const struct mk_msg *m, unsigned char *buf)
{
	struct mk_msg out;
	long r;

	memset(&out, 0, sizeof(out));
	out.label = ~m->label;
	for (int i = 0; i < MK_MSG_WORDS; i++)
		out.w[i] = m->w[i] * 3 + (uint64_t)i;
	for (uint32_t i = 0; i < m->len; i++)
		buf[i] ^= WITNESS_XOR;
	out.buf = (uint64_t)buf;
	out.len = m->len;
	r = mk_reply(m->reply, &out);
	if (r == 0 || r == -MK_ESRCH)
		return;
	out.len = 0;
	out.label = (uint64_t)r;
	if (mk_reply(m->reply, &out) < 0)
		mk_handle_close(m->reply);
}

/* The first handle below 16 of `type` with `rights` (and badge), or -1. */
static int find_handle(uint32_t type, uint32_t rights, uint64_t badge)
{
	struct mk_handle_info info;

	for (int h = 0; h < 16; h++) {
		if (mk_handle_info(h, &info) == 0 && info.type == type &&
			(info.rights & rights) == rights && info.badge == badge)
			return h;
	}
	return -1;
}

/* Serve until the parent says quit: 0, or 3 if the endpoint went away. */
static int witness_main(void)
{
	static unsigned char buf[MK_MSG_BUF_MAX];
	int ep = find_handle(MK_OBJ_ENDPOINT, MK_RIGHT_RECEIVE, 0);
	struct mk_msg m;
	long r;

	if (ep < 0)
		return 2;
	for (;;) {
		memset(&m, 0, sizeof(m));
		m.buf = (uint64_t)buf;
		m.cap = sizeof(buf);
		r = mk_receive(ep, &m);
		if (r == -MK_EBADF || r == -MK_EINTR)
			return 3;
		if (r < 0 || m.reply < 0)
			continue; /* a notification, or a failed caller */
		if (m.flags & MK_MSG_HANDLE)
			mk_handle_close(m.handle);
		witness_answer(&m, buf);
		if (m.sender.badge == PARENT_BADGE && m.label == WITNESS_QUIT)
			return 0;
	}
}

/* ---- the parent ---- */

#define SECOND 1000000000ULL
#define CHILD_DEADLINE (10 * SECOND)
/* When the killed child dies: 100 to 499 ms in, by the seed. */
#define KILLED_AFTER ((100 + seed % 400) * 1000000ULL)
#define CALLS_MIN 20000 /* the issue asks for at least this many */

struct child_run {
	const char *name;
	int cat;
	uint64_t calls;
	bool ran, timed_out;
	int status;
	long frames_delta; /* free frames after it minus before it */
	struct fuzz_report report;
};

static struct child_run runs[CAT_COUNT] = {
	{.name = "handles", .cat = CAT_HANDLES, .calls = 6000},
	{.name = "memory", .cat = CAT_MEMORY, .calls = 8000},
	{.name = "messages", .cat = CAT_MESSAGES, .calls = 8000},
	{.name = "tasks", .cat = CAT_TASKS, .calls = 5000},
	{.name = "any", .cat = CAT_ANY, .calls = 10000},
};

static uint64_t seed = DEFAULT_SEED;
static uint64_t frames_start;
static int witness_task = -1, witness_ep = -1, witness_call = -1;
static int report_mem = -1;
static volatile struct fuzz_report *report_view;
static char witness_trouble[sizeof(harness_why)]; /* the first wrong answer, if any */
static unsigned witness_rounds;
static bool witness_started;

static uint64_t frames_free(void)
{
	struct mk_frames f;

	return mk_frames(&f) == 0 ? f.free : 0;
}

/* Wait until task is reaped or ns have passed: mk_task_wait's result. */
static long wait_until(int task, uint64_t ns, struct mk_exit *ex)
{
	uint64_t end = (uint64_t)mk_clock_ns() + ns;
	long r;

	while ((r = mk_task_wait(task, ex, MK_WAIT_NOHANG)) == 0 &&
		(uint64_t)mk_clock_ns() < end)
		mk_sleep_ns(2 * 1000000);
	return r;
}

/*
 * Wait up to `ns` for task; past that, kill it, note the timeout and give
 * it two more seconds. Returns its wait status, or -1 if it could not be
 * reaped (a task that a kill does not end is a kernel bug).
 */
static int wait_deadline(int task, uint64_t ns, bool *timed_out)
{
	struct mk_exit ex;
	long r = wait_until(task, ns, &ex);

	*timed_out = r == 0;
	if (r == 0) {
		mk_task_kill(task, MK_SIGKILL);
		r = wait_until(task, 2 * SECOND, &ex);
	}
	return r > 0 ? ex.status : -1;
}

/* Spawn this program with argv[1..] = args (NULL-terminated). */
static long spawn_self(char *const *args, int *handles, int count)
{
	char *argv[8] = {"test_kernel_fuzz"};
	struct mk_spawn_attr attr;
	int i;

	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	memset(&attr, 0, sizeof(attr));
	attr.handle_count = count;
	for (i = 0; i < count; i++)
		attr.handles[i] = handles[i];
	return mk_spawn("test_kernel_fuzz", argv, NULL, &attr);
}

/*
 * Ask the witness once and check every part of the answer; on a wrong
 * one, keep the first reason in witness_trouble. Returns that reason or
 * NULL.
 */
static const char *witness_ask(void)
{
	unsigned char data[100];
	unsigned n = ++witness_rounds;
	struct mk_msg m;
	long r;

	memset(&m, 0, sizeof(m));
	m.label = 0x1000 + n;
	for (int i = 0; i < MK_MSG_WORDS; i++)
		m.w[i] = n * 10 + (uint64_t)i;
	pattern_fill(data, sizeof(data), n);
	m.buf = (uint64_t)data;
	m.len = sizeof(data);
	m.cap = sizeof(data);
	r = mk_call(witness_call, &m);
	if (r != 0)
		snprintf(harness_why, sizeof(harness_why),
			"round %u: call returned %ld", n, r);
	else if (m.label != ~(uint64_t)(0x1000 + n) || m.len != sizeof(data))
		snprintf(harness_why, sizeof(harness_why),
			"round %u: label %#llx, len %u", n,
			(unsigned long long)m.label, m.len);
	else
		harness_why[0] = '\0';
	for (int i = 0; !harness_why[0] && i < MK_MSG_WORDS; i++)
		if (m.w[i] != (n * 10 + (uint64_t)i) * 3 + (uint64_t)i)
			snprintf(harness_why, sizeof(harness_why),
				"round %u: word %d wrong", n, i);
	for (size_t i = 0; !harness_why[0] && i < sizeof(data); i++)
		if (data[i] != (unsigned char)((i * 7 + n) ^ WITNESS_XOR))
			snprintf(harness_why, sizeof(harness_why),
				"round %u: byte %zu wrong", n, i);
	if (!harness_why[0])
		return NULL;
	if (!witness_trouble[0])
		snprintf(witness_trouble, sizeof(witness_trouble), "%s",
			harness_why);
	return harness_why;
}

/*
 * Before the start value is taken: the things that stay allocated once
 * made (the boot image's mapping, the report page, the page tables spawn
 * uses for its temporary mappings, and one kalloc slab page kept per size
 * class, which objects of 1 to 128 pages touch through their frame lists).
 */
static const char *warm_up(void)
{
	char *nop[] = {"child=nop", NULL};
	bool late;
	long r;

	report_mem = (int)mk_mem_create(1, -1, 0);
	FAIL_IF(report_mem < 0, "mem_create: %d", report_mem);
	r = mk_mem_map(report_mem, -1, 0, 0, 1, MK_PROT_READ | MK_PROT_WRITE);
	FAIL_IF(r < 0, "mem_map: %ld", r);
	report_view = (volatile struct fuzz_report *)r;
	r = spawn_self(nop, NULL, 0);
	FAIL_IF(r < 0, "spawn: %ld", r);
	FAIL_IF(wait_deadline((int)r, CHILD_DEADLINE, &late) != 0,
		"a child that does nothing failed");
	mk_handle_close((int)r);
	for (uint64_t pages = 1; pages <= 128; pages *= 2) {
		r = mk_mem_create(pages, -1, 0);
		FAIL_IF(r < 0, "mem_create(%lu): %ld", (unsigned long)pages, r);
		mk_handle_close((int)r);
	}
	return NULL;
}

static const char *witness_answers_before_fuzzing(void)
{
	const char *why = warm_up();
	char *args[] = {"child=witness", NULL};
	int recv;

	if (why)
		return why;
	frames_start = frames_free();
	witness_ep = (int)mk_ep_create();
	FAIL_IF(witness_ep < 0, "ep_create: %d", witness_ep);
	recv = (int)mk_ep_mint(witness_ep, MK_RIGHT_RECEIVE | MK_RIGHT_DUP, 0);
	witness_call = (int)mk_ep_mint(witness_ep, MK_RIGHT_SEND, PARENT_BADGE);
	FAIL_IF(recv < 0 || witness_call < 0, "ep_mint: %d, %d", recv,
		witness_call);
	witness_task = (int)spawn_self(args, &recv, 1);
	mk_handle_close(recv);
	FAIL_IF(witness_task < 0, "spawn: %d", witness_task);
	witness_started = true;
	return witness_ask();
}

/*
 * Run one fuzz child to its end (or its deadline) and keep what it
 * reported; the witness is asked afterwards. Returns a reason or NULL.
 */
static const char *run_child(struct child_run *run, uint64_t calls)
{
	char a_cat[16], a_seed[40], a_calls[32];
	char *args[] = {"child=fuzz", a_cat, a_seed, a_calls, NULL};
	uint64_t before = frames_free();
	int handles[2];
	long task;

	snprintf(a_cat, sizeof(a_cat), "cat=%d", run->cat);
	snprintf(a_seed, sizeof(a_seed), "seed=%llu",
		(unsigned long long)splitmix64(seed ^ (0x100ULL + run->cat)));
	snprintf(a_calls, sizeof(a_calls), "calls=%llu",
		(unsigned long long)calls);
	memset((void *)report_view, 0, sizeof(*report_view));
	handles[0] = (int)mk_ep_mint(witness_ep, MK_RIGHT_SEND | MK_RIGHT_DUP,
		CHILD_BADGE(run->cat));
	handles[1] = report_mem;
	FAIL_IF(handles[0] < 0, "ep_mint: %d", handles[0]);
	task = spawn_self(args, handles, 2);
	mk_handle_close(handles[0]);
	FAIL_IF(task < 0, "spawn: %ld", task);
	run->ran = true;
	run->status = wait_deadline((int)task, calls > 100000 ? KILLED_AFTER
							 : CHILD_DEADLINE,
		&run->timed_out);
	mk_handle_close((int)task);
	memcpy(&run->report, (const void *)report_view, sizeof(run->report));
	run->frames_delta = (long)(frames_free() - before);
	return NULL;
}

/* The verdict on a child that should have finished its calls. */
static const char *judge_child(const struct child_run *run)
{
	const struct fuzz_report *rep = &run->report;

	FAIL_IF(run->timed_out, "did not finish in %llu s (seed above)",
		(unsigned long long)(CHILD_DEADLINE / SECOND));
	FAIL_IF(run->status < 0, "could not wait for it");
	FAIL_IF(WIFSIGNALED(run->status), "killed by signal %d after %llu calls",
		WTERMSIG(run->status), (unsigned long long)rep->calls);
	FAIL_IF(rep->magic != REPORT_MAGIC, "no report (exit %d)",
		WEXITSTATUS(run->status));
	FAIL_IF(WEXITSTATUS(run->status) != 0, "%s", rep->why);
	FAIL_IF(rep->calls + rep->skipped < run->calls,
		"made %llu of %llu calls", (unsigned long long)rep->calls,
		(unsigned long long)run->calls);
	return witness_ask();
}

/* Spawn a child in `mode` and return its wait status within 3 s. */
static const char *run_mode(const char *mode, int *status)
{
	char arg[40];
	char *args[] = {arg, NULL};
	bool late;
	long task;

	snprintf(arg, sizeof(arg), "child=%s", mode);
	task = spawn_self(args, NULL, 0);
	FAIL_IF(task < 0, "spawn: %ld", task);
	*status = wait_deadline((int)task, 3 * SECOND, &late);
	mk_handle_close((int)task);
	FAIL_IF(late && *status < 0, "the child did not end, even killed");
	FAIL_IF(late, "the child did not end in 3 s (killed: %#x)", *status);
	return NULL;
}


/* Run a child mode that exits 0 when the kernel behaved. */
static const char *mode_exits_zero(const char *mode)
{
	int status;
	const char *why = run_mode(mode, &status);

	if (why)
		return why;
	FAIL_IF(status != 0, "wait status %#x (the line above says why)",
		status);
	return NULL;
}

/* A thread made just before its task exits must not keep the task. */
static const char *exit_ends_a_thread_that_has_not_run_yet(void)
{
	return mode_exits_zero("exit-before-thread-runs");
}

static const char *fuzz_category(int cat)
{
	struct child_run *run = &runs[cat];
	const char *why;

	FAIL_IF(witness_task < 0, "no witness");
	why = run_child(run, run->calls);
	return why ? why : judge_child(run);
}

static const char *random_handle_calls_return_errors_not_crashes(void)
{
	return fuzz_category(CAT_HANDLES);
}

static const char *random_memory_calls_return_errors_not_crashes(void)
{
	return fuzz_category(CAT_MEMORY);
}

static const char *random_message_calls_return_errors_not_crashes(void)
{
	return fuzz_category(CAT_MESSAGES);
}

static const char *random_task_calls_return_errors_not_crashes(void)
{
	return fuzz_category(CAT_TASKS);
}

static const char *random_call_numbers_return_errors_not_crashes(void)
{
	return fuzz_category(CAT_ANY);
}

/* A child killed in the middle of fuzzing: whatever it held is freed. */
static const char *fuzz_child_killed_mid_run_is_reaped(void)
{
	static struct child_run run = {.name = "killed", .cat = CAT_ANY};
	const char *why;

	FAIL_IF(witness_task < 0, "no witness");
	why = run_child(&run, 1000000000ULL);
	if (why)
		return why;
	FAIL_IF(!run.timed_out, "ended by itself (status %#x) before the kill",
		run.status);
	FAIL_IF(run.status < 0 || !WIFSIGNALED(run.status) ||
			WTERMSIG(run.status) != MK_SIGKILL,
		"wait status %#x, not SIGKILL", run.status);
	FAIL_IF(run.report.calls == 0, "made no calls before the kill");
	return witness_ask();
}

static const char *fuzz_children_end_without_kernel_panic(void)
{
	uint64_t total = 0;
	struct mk_task_info info;

	for (int i = 0; i < CAT_COUNT; i++) {
		FAIL_IF(!runs[i].ran, "%s child did not run", runs[i].name);
		FAIL_IF(runs[i].timed_out, "%s child hung", runs[i].name);
		FAIL_IF(runs[i].status < 0 || WIFSIGNALED(runs[i].status),
			"%s child was killed", runs[i].name);
		total += runs[i].report.calls;
	}
	FAIL_IF(total < CALLS_MIN, "only %llu calls made",
		(unsigned long long)total);
	/* And the kernel still does its work: list the tasks. */
	FAIL_IF(mk_task_list(0, &info) != 0, "task_list failed");
	FAIL_IF(mk_task_id(-1) <= 0, "task_id failed");
	return NULL;
}

static const char *witness_task_keeps_answering(void)
{
	struct mk_msg m;
	bool late;
	int status;
	long r;

	FAIL_IF(witness_task < 0, "no witness");
	FAIL_IF(witness_trouble[0], "%s", witness_trouble);
	FAIL_IF(witness_ask() != NULL, "%s", witness_trouble);
	memset(&m, 0, sizeof(m));
	m.label = WITNESS_QUIT;
	r = mk_call(witness_call, &m);
	FAIL_IF(r != 0, "quit call: %ld", r);
	status = wait_deadline(witness_task, CHILD_DEADLINE, &late);
	mk_handle_close(witness_task);
	witness_task = -1;
	FAIL_IF(late, "the witness did not quit");
	FAIL_IF(status != 0, "witness wait status %#x, not exit 0", status);
	return NULL;
}

static const char *free_frames_return_to_start_value(void)
{
	uint64_t now = 0;
	char deltas[80] = "";
	size_t at = 0;

	FAIL_IF(frames_start == 0 || !witness_started, "no start value");
	FAIL_IF(witness_task >= 0, "the witness is still running");
	mk_handle_close(witness_call);
	mk_handle_close(witness_ep);
	/* Dead threads' stacks go at the next switch: give it a few. */
	for (int i = 0; i < 5; i++) {
		now = frames_free();
		if (now == frames_start)
			break;
		mk_sleep_ns(20 * 1000000);
	}
	for (int i = 0; i < CAT_COUNT && at < sizeof(deltas); i++)
		at += (size_t)snprintf(deltas + at, sizeof(deltas) - at,
			" %s %+ld", runs[i].name, runs[i].frames_delta);
	FAIL_IF(now != frames_start,
		"%llu free frames, %llu at the start (per child:%s)",
		(unsigned long long)now, (unsigned long long)frames_start,
		deltas);
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(witness_answers_before_fuzzing),
	HARNESS_TEST(exit_ends_a_thread_that_has_not_run_yet),
	HARNESS_TEST(random_handle_calls_return_errors_not_crashes),
	HARNESS_TEST(random_memory_calls_return_errors_not_crashes),
	HARNESS_TEST(random_message_calls_return_errors_not_crashes),
	HARNESS_TEST(random_task_calls_return_errors_not_crashes),
	HARNESS_TEST(random_call_numbers_return_errors_not_crashes),
	HARNESS_TEST(fuzz_child_killed_mid_run_is_reaped),
	HARNESS_TEST(fuzz_children_end_without_kernel_panic),
	HARNESS_TEST(witness_task_keeps_answering),
	HARNESS_TEST(free_frames_return_to_start_value),
};

/* The value of the first argument starting with `key`, or NULL. */
static const char *arg_value(int argc, char **argv, const char *key)
{
	size_t n = strlen(key);

	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], key, n) == 0)
			return argv[i] + n;
	return NULL;
}

static uint64_t arg_number(int argc, char **argv, const char *key,
	uint64_t fallback)
{
	const char *v = arg_value(argc, argv, key);

	return v ? strtoull(v, NULL, 0) : fallback;
}

static int fuzz_child_main(int argc, char **argv)
{
	int cat = (int)arg_number(argc, argv, "cat=", CAT_ANY);
	int report_h;

	if (cat < 0 || cat >= CAT_COUNT)
		return 2;
	witness_handle = find_handle(MK_OBJ_ENDPOINT, MK_RIGHT_SEND,
		CHILD_BADGE(cat));
	report_h = find_handle(MK_OBJ_MEM, MK_RIGHT_MAP | MK_RIGHT_WRITE, 0);
	return fuzz_child(cat, arg_number(argc, argv, "seed=", 0),
		arg_number(argc, argv, "calls=", 1000), report_h);
}

int main(int argc, char **argv)
{
	const char *mode = arg_value(argc, argv, "child=");

	if (mode && strcmp(mode, "fuzz") == 0)
		return fuzz_child_main(argc, argv);
	if (mode && strcmp(mode, "witness") == 0)
		return witness_main();
	if (mode && strcmp(mode, "exit-before-thread-runs") == 0)
		return exit_before_thread_runs();
	if (mode)
		return 0; /* "nop", for the warm-up */
	seed = arg_number(argc, argv, "seed=", DEFAULT_SEED);
	printf("test_kernel_fuzz: seed %llu (repeat with "
	       "ci/boot 'test_kernel_fuzz seed=%llu')\n",
		(unsigned long long)seed, (unsigned long long)seed);
	fflush(stdout);
	return harness_run(tests, HARNESS_COUNT(tests));
}
