/*
 * Guest tests of the kernel's tasks: create, start, wait, kill, faults,
 * handles given to a task, the task list, task handle rights, threads,
 * credentials, namespace labels and memory quotas.
 *
 * Children are either raw tasks (one page of machine code built here at
 * RAW_CODE_VA, no libc, named kt-*: their faults have exact pcs and
 * names, which the boot test kernel_tasks_report_each_fault_once checks
 * on the console) or this program spawned again with a mode word (see
 * child_main). Every child is reaped, and the free-frame count must come
 * back to its start value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/spawn.h>
#include <mk/syscall.h>

#include "harness.h"
#include "ktest.h"

#define PROGRAM "test_kernel_tasks"
#define RAW_CODE_VA 0x10000ull
#define RAW_DATA_VA 0x11000ull /* a writable page, when asked for */
#define RAW_MAX 16

static struct mk_frames frames_at_start;

/* ---- raw children: a few RV64 instructions ---- */

enum { R_ZERO = 0, R_T0 = 5, R_A0 = 10, R_A7 = 17 };

#define RV_ECALL 0x00000073u
#define RV_EBREAK 0x00100073u
#define RV_ILLEGAL 0x00000000u /* all zeros: defined illegal */
#define RV_LOOP 0x0000006fu    /* j . */

static uint32_t rv_i(uint32_t op, int f3, int rd, int rs1, int imm)
{
	return ((uint32_t)imm & 0xfff) << 20 | (uint32_t)rs1 << 15 |
	       (uint32_t)f3 << 12 | (uint32_t)rd << 7 | op;
}

static uint32_t rv_sd(int rs2, int rs1, int imm)
{
	return ((uint32_t)imm >> 5 & 0x7f) << 25 | (uint32_t)rs2 << 20 |
	       (uint32_t)rs1 << 15 | 3u << 12 | ((uint32_t)imm & 0x1f) << 7 |
	       0x23;
}

static uint32_t rv_lui(int rd, uint32_t upper)
{
	return (upper & 0xfffff) << 12 | (uint32_t)rd << 7 | 0x37;
}

#define RV_ADDI(rd, rs, imm) rv_i(0x13, 0, rd, rs, imm)
#define RV_LD(rd, rs, imm) rv_i(0x03, 3, rd, rs, imm)
#define RV_JALR(rd, rs, imm) rv_i(0x67, 0, rd, rs, imm)
/* amoadd.w zero, zero, (rs) */
#define RV_AMOADD_W(rs) (0x2fu | 2u << 12 | (uint32_t)(rs) << 15)

struct raw_prog {
	uint32_t insn[RAW_MAX];
	int n;
	int with_data; /* map a writable page at RAW_DATA_VA too */
};

static void raw_emit(struct raw_prog *p, uint32_t insn)
{
	if (p->n < RAW_MAX)
		p->insn[p->n++] = insn;
}

/* rd = value, for 0 <= value < 2^31 - 2^11. */
static void raw_li(struct raw_prog *p, int rd, uint32_t value)
{
	uint32_t lo = value & 0xfff, hi = value >> 12;

	if (lo >= 0x800)
		hi++; /* addi sign-extends its immediate */
	if (hi == 0) {
		raw_emit(p, RV_ADDI(rd, R_ZERO, (int)lo));
		return;
	}
	raw_emit(p, rv_lui(rd, hi));
	raw_emit(p, RV_ADDI(rd, rd, (int)lo));
}

static void raw_syscall1(struct raw_prog *p, uint32_t nr, uint32_t a0)
{
	raw_li(p, R_A0, a0);
	raw_li(p, R_A7, nr);
	raw_emit(p, RV_ECALL);
}

/* Map a fresh page holding `bytes` into task at va with prot. */
static long raw_place(
	int task, uint64_t va, const void *bytes, size_t n, unsigned prot)
{
	long mem, addr, r;

	mem = mk_mem_create(1, MK_HANDLE_NONE, 0);
	if (mem < 0)
		return mem;
	addr = mk_mem_map((int)mem, MK_HANDLE_NONE, 0, 0, 1,
		MK_PROT_READ | MK_PROT_WRITE);
	r = addr;
	if (addr >= 0) {
		memcpy((void *)addr, bytes, n);
		r = mk_mem_unmap((uint64_t)addr, KT_PAGE);
	}
	if (r >= 0)
		r = mk_mem_map((int)mem, task, va, 0, 1, prot);
	mk_handle_close((int)mem);
	return r < 0 ? r : 0;
}

/* A new, unstarted task named `name` holding p: its handle or -errno. */
static long raw_create(const char *name, const struct raw_prog *p)
{
	long task = mk_task_create(name, strlen(name), 0), r;

	if (task < 0)
		return task;
	r = raw_place((int)task, RAW_CODE_VA, p->insn, p->n * 4u,
		MK_PROT_READ | MK_PROT_EXEC);
	if (r == 0 && p->with_data)
		r = raw_place((int)task, RAW_DATA_VA, "", 1,
			MK_PROT_READ | MK_PROT_WRITE);
	if (r < 0) {
		mk_task_kill((int)task, MK_SIGKILL);
		mk_task_wait((int)task, NULL, 0);
		mk_handle_close((int)task);
		return r;
	}
	return task;
}

static long raw_start(int task)
{
	return mk_task_start(task, RAW_CODE_VA, RAW_CODE_VA, 0, 0);
}

/* Create, start and reap a raw task: its wait status, or -errno. */
static long raw_run(const char *name, const struct raw_prog *p)
{
	long task = raw_create(name, p), r;

	if (task < 0)
		return task;
	r = raw_start((int)task);
	if (r < 0) {
		mk_task_kill((int)task, MK_SIGKILL);
		kt_reap((int)task);
		return r;
	}
	return kt_reap((int)task);
}

/* A raw task that exits with code. */
static long raw_exit_task(const char *name, uint32_t code)
{
	struct raw_prog p = {0};

	raw_syscall1(&p, SYS_EXIT, code);
	return raw_create(name, &p);
}

/* A raw task that spins forever (until killed). */
static long raw_loop_task(const char *name)
{
	struct raw_prog p = {0};

	raw_emit(&p, RV_LOOP);
	return raw_create(name, &p);
}

/* ---- identity and the task list ---- */

static const char *task_id_of_self_matches_the_task_list(void)
{
	struct mk_task_info me, parent;
	long id = mk_task_id(MK_HANDLE_NONE);

	FAIL_IF(id <= 0, "task_id(-1) returned %ld", id);
	EXPECT_EQ(kt_task_info((uint64_t)id, &me), 0, "task_list of self");
	FAIL_IF(strcmp(me.name, PROGRAM) != 0, "own name is '%s'", me.name);
	EXPECT_EQ(me.state, MK_TASK_RUNNING, "own state");
	EXPECT_EQ(me.threads, 1, "own threads");
	EXPECT_EQ(
		kt_task_info(me.parent_id, &parent), 0, "task_list of parent");
	FAIL_IF(strcmp(parent.name, "init") != 0, "parent is '%s'",
		parent.name);
	return NULL;
}

static const char *task_id_needs_a_task_handle(void)
{
	long task = raw_exit_task("kt-id", 0), id, r;
	struct mk_task_info info;

	FAIL_IF(task < 0, "create: %ld", task);
	id = mk_task_id((int)task);
	r = kt_task_info((uint64_t)id, &info);
	mk_task_kill((int)task, MK_SIGKILL);
	kt_reap((int)task);
	EXPECT_EQ(r, 0, "task_list of the child's id");
	FAIL_IF(strcmp(info.name, "kt-id") != 0, "child is '%s'", info.name);
	EXPECT_EQ(mk_task_id(MK_HANDLE_BOOTFS), -MK_EBADF, "id of a mem");
	EXPECT_EQ(mk_task_id(-2), -MK_EBADF, "id of handle -2");
	EXPECT_EQ(mk_task_id(1 << 20), -MK_EBADF, "id of handle 2^20");
	return NULL;
}

/* Is a task with this id and parent in the list? Its state, or 0. */
static uint32_t task_list_find(uint64_t id, uint64_t parent)
{
	struct mk_task_info info;
	uint64_t after = 0;

	while (mk_task_list(after, &info) == 0) {
		if (info.id == id && info.parent_id == parent)
			return info.state;
		after = info.id;
	}
	return 0;
}

static const char *task_list_shows_children_with_their_parent(void)
{
	long a = raw_loop_task("kt-list-a"), b = raw_loop_task("kt-list-b");
	uint64_t me = kt_self_id(), ida, idb;
	uint32_t sa, sb, sa_dead;

	FAIL_IF(a < 0 || b < 0, "create: %ld, %ld", a, b);
	ida = (uint64_t)mk_task_id((int)a);
	idb = (uint64_t)mk_task_id((int)b);
	raw_start((int)b);
	sa = task_list_find(ida, me);
	sb = task_list_find(idb, me);
	mk_task_kill((int)a, MK_SIGKILL); /* never started: exits at once */
	sa_dead = task_list_find(ida, me);
	mk_task_kill((int)b, MK_SIGKILL);
	kt_reap((int)a);
	kt_reap((int)b);
	EXPECT_EQ(sa, MK_TASK_NEW, "unstarted child's state");
	EXPECT_EQ(sb, MK_TASK_RUNNING, "running child's state");
	EXPECT_EQ(sa_dead, MK_TASK_EXITED, "killed, unreaped child's state");
	EXPECT_EQ(task_list_find(ida, me), 0, "reaped child still listed");
	return NULL;
}

static const char *task_list_checks_its_pointer_and_end(void)
{
	struct mk_task_info info;
	uint64_t me = kt_self_id();

	EXPECT_EQ(mk_task_list(me - 1, NULL), -MK_EFAULT, "NULL");
	EXPECT_EQ(mk_task_list(me - 1, (void *)KT_KERNEL_ADDR), -MK_EFAULT,
		"kernel address");
	EXPECT_EQ(mk_task_list(me - 1, (void *)KT_UNMAPPED), -MK_EFAULT,
		"unmapped");
	EXPECT_EQ(mk_task_list(me - 1, (void *)kt_rodata), -MK_EFAULT,
		"read-only");
	EXPECT_EQ(mk_task_list(me - 1, (void *)kt_straddle(sizeof(info))),
		-MK_EFAULT, "runs into an unmapped page");
	EXPECT_EQ(mk_task_list(UINT64_MAX >> 1, &info), -MK_ESRCH,
		"past the last task");
	return NULL;
}

/* ---- create, start, exit, wait ---- */

static const char *task_create_checks_its_name(void)
{
	static const char max[] = "kt-name-of-thirty-one-bytes-123";
	struct mk_task_info info;
	long task, r;

	EXPECT_EQ(mk_task_create("x", 0, 0), -MK_EINVAL, "empty name");
	EXPECT_EQ(mk_task_create(max, sizeof(max), 0), -MK_EINVAL,
		"32-byte name");
	EXPECT_EQ(mk_task_create(max, 1ull << 62, 0), -MK_EINVAL,
		"2^62-byte name");
	EXPECT_EQ(mk_task_create(NULL, 4, 0), -MK_EFAULT, "NULL");
	EXPECT_EQ(mk_task_create((char *)KT_KERNEL_TEXT, 4, 0), -MK_EFAULT,
		"kernel address");
	EXPECT_EQ(mk_task_create((char *)KT_UNMAPPED, 4, 0), -MK_EFAULT,
		"unmapped");
	EXPECT_EQ(mk_task_create((char *)kt_straddle(8), 8, 0), -MK_EFAULT,
		"runs into an unmapped page");
	EXPECT_EQ(mk_task_wait(-1, NULL, MK_WAIT_NOHANG), -MK_ECHILD,
		"a refused create left a child");

	/* The longest name, from read-only memory, is kept whole. */
	task = mk_task_create(max, sizeof(max) - 1, 0);
	FAIL_IF(task < 0, "31-byte name: %ld", task);
	r = kt_task_info((uint64_t)mk_task_id((int)task), &info);
	mk_task_kill((int)task, MK_SIGKILL);
	kt_reap((int)task);
	EXPECT_EQ(r, 0, "task_list");
	FAIL_IF(strcmp(info.name, max) != 0, "name is '%s'", info.name);
	return NULL;
}

static const char *exit_codes_0_1_255_are_reported_by_wait(void)
{
	static const uint32_t codes[] = {0, 1, 255};

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		struct raw_prog p = {0};
		long st;

		raw_syscall1(&p, SYS_EXIT, codes[i]);
		st = raw_run("kt-exit", &p);
		FAIL_IF(st != KT_EXITED((long)codes[i]),
			"exit %u: status %#lx, expected %#lx", codes[i], st,
			(long)KT_EXITED(codes[i]));
	}
	return NULL;
}

static const char *exit_code_keeps_its_low_8_bits(void)
{
	struct raw_prog p = {0};

	raw_syscall1(&p, SYS_EXIT, 0x1ff);
	EXPECT_EQ(raw_run("kt-exit", &p), KT_EXITED(0xff), "exit 0x1ff");
	return NULL;
}

static const char *wait_returns_the_child_id_and_reaps_it(void)
{
	long task = raw_exit_task("kt-exit", 6), id, r;
	struct mk_exit ex;

	FAIL_IF(task < 0, "create: %ld", task);
	id = mk_task_id((int)task);
	raw_start((int)task);
	r = mk_task_wait((int)task, &ex, 0);
	EXPECT_EQ(r, id, "wait");
	EXPECT_EQ(ex.task_id, id, "exit.task_id");
	EXPECT_EQ(ex.status, KT_EXITED(6), "exit.status");
	/* Reaped: the handle names no child any more. */
	r = mk_task_wait((int)task, &ex, 0);
	EXPECT_EQ(mk_task_kill((int)task, MK_SIGKILL), -MK_ESRCH,
		"kill of a reaped task");
	mk_handle_close((int)task);
	EXPECT_EQ(r, -MK_ECHILD, "second wait");
	return NULL;
}

static const char *wait_for_any_child_reaps_each_once(void)
{
	long a = raw_exit_task("kt-any", 3), b = raw_exit_task("kt-any", 4);
	long ida = mk_task_id((int)a), idb = mk_task_id((int)b);
	int seen_a = 0, seen_b = 0;

	FAIL_IF(a < 0 || b < 0, "create: %ld, %ld", a, b);
	raw_start((int)a);
	raw_start((int)b);
	for (int i = 0; i < 2; i++) {
		struct mk_exit ex;
		long r = mk_task_wait(-1, &ex, 0);

		if (r == ida && ex.status == KT_EXITED(3))
			seen_a++;
		else if (r == idb && ex.status == KT_EXITED(4))
			seen_b++;
		else
			FAIL_IF(1, "wait(-1): %ld status %#x", r, ex.status);
	}
	mk_handle_close((int)a);
	mk_handle_close((int)b);
	FAIL_IF(seen_a != 1 || seen_b != 1, "children seen %d and %d times",
		seen_a, seen_b);
	EXPECT_EQ(mk_task_wait(-1, NULL, 0), -MK_ECHILD, "third wait(-1)");
	return NULL;
}

static const char *wait_nohang_with_nothing_exited_returns_0(void)
{
	long task = raw_loop_task("kt-loop"), r1, r2;

	FAIL_IF(task < 0, "create: %ld", task);
	raw_start((int)task);
	r1 = mk_task_wait((int)task, NULL, MK_WAIT_NOHANG);
	r2 = mk_task_wait(-1, NULL, MK_WAIT_NOHANG);
	mk_task_kill((int)task, MK_SIGKILL);
	kt_reap((int)task);
	EXPECT_EQ(r1, 0, "wait(child, NOHANG)");
	EXPECT_EQ(r2, 0, "wait(-1, NOHANG)");
	return NULL;
}

static const char *wait_without_children_fails_with_echild(void)
{
	EXPECT_EQ(mk_task_wait(-1, NULL, 0), -MK_ECHILD, "wait(-1)");
	EXPECT_EQ(mk_task_wait(-1, NULL, MK_WAIT_NOHANG), -MK_ECHILD,
		"wait(-1, NOHANG)");
	return NULL;
}

static const char *wait_checks_flags_and_handle(void)
{
	long task = raw_exit_task("kt-exit", 0), r1, r2, r3;

	FAIL_IF(task < 0, "create: %ld", task);
	r1 = mk_task_wait((int)task, NULL, 2);
	r2 = mk_task_wait((int)task, NULL, 0x100 | MK_WAIT_NOHANG);
	r3 = mk_task_wait(MK_HANDLE_BOOTFS, NULL, MK_WAIT_NOHANG);
	raw_start((int)task);
	EXPECT_EQ(kt_reap((int)task), KT_EXITED(0), "the child's status");
	EXPECT_EQ(r1, -MK_EINVAL, "flags 2");
	EXPECT_EQ(r2, -MK_EINVAL, "flags 0x101");
	EXPECT_EQ(r3, -MK_EBADF, "a mem handle");
	EXPECT_EQ(mk_task_wait(-2, NULL, 0), -MK_EBADF, "handle -2");
	EXPECT_EQ(mk_task_wait(4096, NULL, 0), -MK_EBADF, "handle 4096");
	return NULL;
}

static const char *wait_with_a_bad_status_pointer_keeps_the_child(void)
{
	static const struct {
		uint64_t addr;
		const char *what;
	} bad[] = {
		{KT_KERNEL_ADDR, "kernel address"},
		{KT_UNMAPPED, "unmapped"},
		{(uint64_t)kt_rodata, "read-only"},
	};
	long task = raw_exit_task("kt-exit", 5);
	struct mk_exit ex;

	FAIL_IF(task < 0, "create: %ld", task);
	raw_start((int)task);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long r = mk_task_wait((int)task, (void *)bad[i].addr, 0);

		FAIL_IF(r != -MK_EFAULT, "%s: %ld, expected -EFAULT",
			bad[i].what, r);
	}
	EXPECT_EQ(mk_task_wait((int)task, (void *)kt_straddle(sizeof(ex)), 0),
		-MK_EFAULT, "runs into an unmapped page");
	EXPECT_EQ(
		kt_reap((int)task), KT_EXITED(5), "status after the bad waits");
	return NULL;
}

static const char *wait_blocks_until_the_child_exits(void)
{
	struct raw_prog p = {0};
	long task, t0, st;

	raw_syscall1(&p, SYS_SLEEP_NS, 50 * 1000 * 1000);
	raw_syscall1(&p, SYS_EXIT, 7);
	task = raw_create("kt-sleep", &p);
	FAIL_IF(task < 0, "create: %ld", task);
	t0 = mk_clock_ns();
	raw_start((int)task);
	st = kt_reap((int)task);
	EXPECT_EQ(st, KT_EXITED(7), "status");
	FAIL_IF(mk_clock_ns() - t0 < 40 * 1000 * 1000,
		"wait returned after %ld ns, before the 50 ms sleep",
		mk_clock_ns() - t0);
	return NULL;
}

static const char *start_checks_state_pc_and_stack(void)
{
	long task = raw_exit_task("kt-exit", 0), r[5];

	FAIL_IF(task < 0, "create: %ld", task);
	r[0] = mk_task_start((int)task, KT_KERNEL_TEXT, RAW_CODE_VA, 0, 0);
	r[1] = mk_task_start((int)task, MK_USER_TOP, RAW_CODE_VA, 0, 0);
	r[2] = mk_task_start((int)task, RAW_CODE_VA, 0, 0, 0);
	r[3] = mk_task_start(
		(int)task, RAW_CODE_VA, KT_KERNEL_ADDR + 4096, 0, 0);
	raw_start((int)task);
	r[4] = raw_start((int)task);
	EXPECT_EQ(kt_reap((int)task), KT_EXITED(0), "status");
	EXPECT_EQ(r[0], -MK_EINVAL, "kernel pc");
	EXPECT_EQ(r[1], -MK_EINVAL, "pc at the top of user space");
	EXPECT_EQ(r[2], -MK_EINVAL, "sp 0");
	EXPECT_EQ(r[3], -MK_EINVAL, "kernel sp");
	EXPECT_EQ(r[4], -MK_EINVAL, "second start");
	EXPECT_EQ(
		mk_task_start(MK_HANDLE_BOOTFS, RAW_CODE_VA, RAW_CODE_VA, 0, 0),
		-MK_EBADF, "start of a mem handle");
	EXPECT_EQ(mk_task_start(-1, RAW_CODE_VA, RAW_CODE_VA, 0, 0), -MK_EINVAL,
		"start of self");
	return NULL;
}

/* ---- kill ---- */

/* Start a looping child, kill it with sig: its wait status or -errno. */
static long kill_looping_child(int sig)
{
	long task = raw_loop_task("kt-loop"), r;

	if (task < 0)
		return task;
	raw_start((int)task);
	mk_yield(); /* let it run */
	r = mk_task_kill((int)task, sig);
	if (r < 0) {
		mk_task_kill((int)task, MK_SIGKILL);
		kt_reap((int)task);
		return r;
	}
	return kt_reap((int)task);
}

static const char *kill_of_a_looping_child_reports_sigkill(void)
{
	EXPECT_EQ(kill_looping_child(MK_SIGKILL), MK_SIGKILL, "status");
	return NULL;
}

static const char *kill_with_sigterm_reports_sigterm(void)
{
	EXPECT_EQ(kill_looping_child(MK_SIGTERM), MK_SIGTERM, "status");
	return NULL;
}

static const char *kill_wakes_a_sleeping_child(void)
{
	struct raw_prog p = {0};
	long task, t0, st;

	raw_syscall1(&p, SYS_SLEEP_NS, 2000 * 1000 * 1000);
	raw_syscall1(&p, SYS_EXIT, 1);
	task = raw_create("kt-sleep", &p);
	FAIL_IF(task < 0, "create: %ld", task);
	raw_start((int)task);
	mk_sleep_ns(5 * 1000 * 1000); /* it is asleep by now */
	t0 = mk_clock_ns();
	EXPECT_EQ(mk_task_kill((int)task, MK_SIGKILL), 0, "kill");
	st = kt_reap((int)task);
	EXPECT_EQ(st, MK_SIGKILL, "status");
	FAIL_IF(mk_clock_ns() - t0 > 1000 * 1000 * 1000,
		"the kill took %ld ns: the sleep was not cut short",
		mk_clock_ns() - t0);
	return NULL;
}

static const char *kill_with_a_bad_signal_fails_with_einval(void)
{
	static const int bad[] = {0, 1, 3, 16, 64, -1};
	long task = raw_loop_task("kt-loop"), r[6], alive;

	FAIL_IF(task < 0, "create: %ld", task);
	raw_start((int)task);
	for (size_t i = 0; i < 6; i++)
		r[i] = mk_task_kill((int)task, bad[i]);
	alive = mk_task_wait((int)task, NULL, MK_WAIT_NOHANG);
	mk_task_kill((int)task, MK_SIGKILL);
	kt_reap((int)task);
	for (size_t i = 0; i < 6; i++)
		FAIL_IF(r[i] != -MK_EINVAL, "signal %d: %ld, expected -EINVAL",
			bad[i], r[i]);
	EXPECT_EQ(alive, 0, "child after the refused kills (NOHANG wait)");
	EXPECT_EQ(mk_task_kill(MK_HANDLE_BOOTFS, MK_SIGKILL), -MK_EBADF,
		"kill of a mem handle");
	return NULL;
}

static const char *kill_of_an_unstarted_child_makes_it_exit(void)
{
	long task = raw_exit_task("kt-exit", 0), r;

	FAIL_IF(task < 0, "create: %ld", task);
	EXPECT_EQ(mk_task_kill((int)task, MK_SIGTERM), 0, "kill");
	r = raw_start((int)task);
	EXPECT_EQ(kt_reap((int)task), MK_SIGTERM, "status");
	EXPECT_EQ(r, -MK_EINVAL, "start after the kill");
	return NULL;
}

/* Linux: signalling a zombie succeeds; only a reaped task is gone. */
static const char *kill_of_a_zombie_succeeds_and_keeps_its_status(void)
{
	long task = raw_exit_task("kt-exit", 9), r;

	FAIL_IF(task < 0, "create: %ld", task);
	raw_start((int)task);
	while (task_list_find((uint64_t)mk_task_id((int)task), kt_self_id()) ==
		MK_TASK_RUNNING)
		mk_yield();
	r = mk_task_kill((int)task, MK_SIGKILL);
	EXPECT_EQ(kt_reap((int)task), KT_EXITED(9), "status");
	EXPECT_EQ(r, 0, "kill of the zombie");
	return NULL;
}

/* ---- faults ---- */

/*
 * Run a raw child made of `insn` (after setting t0 = t0_value when not 0)
 * that should die of a fault: its wait status, or -errno. If it survives
 * the instructions it exits with 0.
 */
static long fault_run(
	const char *name, uint32_t t0_value, const uint32_t *insn, int n)
{
	struct raw_prog p = {.with_data = 1};

	if (t0_value)
		raw_emit(&p, rv_lui(R_T0, t0_value >> 12));
	for (int i = 0; i < n; i++)
		raw_emit(&p, insn[i]);
	raw_syscall1(&p, SYS_EXIT, 0);
	return raw_run(name, &p);
}

static const char *load_page_fault_kills_with_sigsegv(void)
{
	const uint32_t insn[] = {RV_LD(R_A0, R_T0, 0)};

	EXPECT_EQ(fault_run("kt-load", 0x7000, insn, 1), MK_SIGSEGV, "status");
	return NULL;
}

static const char *store_page_fault_kills_with_sigsegv(void)
{
	const uint32_t insn[] = {rv_sd(R_ZERO, R_T0, 0)};

	EXPECT_EQ(fault_run("kt-store", 0x7000, insn, 1), MK_SIGSEGV, "status");
	return NULL;
}

static const char *store_to_read_only_code_kills_with_sigsegv(void)
{
	const uint32_t insn[] = {rv_sd(R_ZERO, R_T0, 0)};

	EXPECT_EQ(fault_run("kt-store-ro", RAW_CODE_VA, insn, 1), MK_SIGSEGV,
		"status");
	return NULL;
}

static const char *illegal_instruction_kills_with_sigill(void)
{
	const uint32_t insn[] = {RV_ILLEGAL};

	EXPECT_EQ(fault_run("kt-illegal", 0, insn, 1), MK_SIGILL, "status");
	return NULL;
}

static const char *jump_to_an_unmapped_address_kills_with_sigsegv(void)
{
	const uint32_t insn[] = {RV_JALR(R_ZERO, R_T0, 0)};

	EXPECT_EQ(fault_run("kt-fetch", 0x8000, insn, 1), MK_SIGSEGV, "status");
	return NULL;
}

static const char *jump_to_data_kills_with_sigsegv(void)
{
	const uint32_t insn[] = {RV_JALR(R_ZERO, R_T0, 0)};

	EXPECT_EQ(fault_run("kt-fetch-nx", RAW_DATA_VA, insn, 1), MK_SIGSEGV,
		"status");
	return NULL;
}

static const char *breakpoint_kills_with_sigtrap(void)
{
	const uint32_t insn[] = {RV_EBREAK};

	EXPECT_EQ(fault_run("kt-break", 0, insn, 1), MK_SIGTRAP, "status");
	return NULL;
}

/*
 * Misaligned loads and stores may be done in hardware or emulated below
 * the kernel (QEMU with OpenSBI does): then the child survives and the
 * case is skipped. A misaligned AMO cannot be emulated and must trap.
 */
static const char *misaligned_load_kills_with_sigbus(void)
{
	const uint32_t insn[] = {RV_LD(R_A0, R_T0, 1)};
	long st = fault_run("kt-misaligned", RAW_DATA_VA, insn, 1);

	SKIP_IF(st == KT_EXITED(0), "the platform emulates misaligned loads "
				    "(no trap reaches the kernel)");
	EXPECT_EQ(st, MK_SIGBUS, "status");
	return NULL;
}

static const char *misaligned_amo_kills_with_sigbus(void)
{
	const uint32_t insn[] = {RV_ADDI(R_T0, R_T0, 2), RV_AMOADD_W(R_T0)};

	EXPECT_EQ(fault_run("kt-misaligned-amo", RAW_DATA_VA, insn, 2),
		MK_SIGBUS, "status");
	return NULL;
}

static const char *system_goes_on_after_faults(void)
{
	struct raw_prog p = {0};

	raw_syscall1(&p, SYS_EXIT, 42);
	EXPECT_EQ(raw_run("kt-after", &p), KT_EXITED(42), "status");
	return NULL;
}

/* ---- handles given to a task, and task handle rights ---- */

static const char *task_give_narrows_rights_and_checks_them(void)
{
	long task = raw_exit_task("kt-give", 0), ep = mk_ep_create();
	long send = mk_handle_dup((int)ep, MK_RIGHT_SEND);
	long nostart =
		mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_START);
	long r[7];

	FAIL_IF(task < 0 || ep < 0 || send < 0 || nostart < 0,
		"set-up: %ld %ld %ld %ld", task, ep, send, nostart);
	r[0] = mk_task_give((int)task, (int)ep, MK_RIGHT_SEND);
	r[1] = mk_task_give((int)task, (int)send, MK_RIGHT_SEND);
	r[2] = mk_task_give((int)task, (int)ep, MK_RIGHTS_ALL);
	r[3] = mk_task_give((int)task, 777, 0);
	r[4] = mk_task_give((int)ep, (int)ep, 0);
	r[5] = mk_task_give((int)nostart, (int)ep, 0);
	mk_task_kill((int)task, MK_SIGKILL);
	r[6] = mk_task_give((int)task, (int)ep, 0); /* a zombie now */
	kt_reap((int)task);
	mk_handle_close((int)nostart);
	mk_handle_close((int)send);
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], 0, "give, fewer rights (slot in the child)");
	EXPECT_EQ(r[1], -MK_EPERM, "give of a handle without DUP");
	EXPECT_EQ(r[2], -MK_EPERM, "give with more rights");
	EXPECT_EQ(r[3], -MK_EBADF, "give of handle 777");
	EXPECT_EQ(r[4], -MK_EBADF, "give to an endpoint handle");
	EXPECT_EQ(r[5], -MK_EPERM, "give through a handle without START");
	EXPECT_EQ(r[6], -MK_ESRCH, "give to an exited task");
	return NULL;
}

static const char *given_handle_has_only_the_given_rights(void)
{
	struct mk_spawn_attr attr = {.handle_count = 1};
	struct mk_handle_info info;
	struct mk_msg msg = {0};
	long ep = mk_ep_create(), st, r;
	char id[24];

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	mk_handle_info((int)ep, &info);
	snprintf(id, sizeof(id), "%llu", (unsigned long long)info.object_id);
	attr.handles[0] = (int)ep;
	attr.rights[0] = MK_RIGHT_SEND;
	st = kt_spawn_run(PROGRAM, "give-check", id, NULL, &attr);
	/* Only a child that passed has notified: do not wait otherwise. */
	r = st == KT_EXITED(0) ? mk_receive((int)ep, &msg) : -1;
	mk_handle_close((int)ep);
	FAIL_IF(st != KT_EXITED(0),
		"child status %#lx (its exit code says "
		"which check failed)",
		st);
	EXPECT_EQ(r, 0, "receive of the child's notification");
	EXPECT_EQ(msg.label, MK_LABEL_NOTIFY, "label");
	EXPECT_EQ(msg.w[0], 0x40, "bits");
	return NULL;
}

/* The child's side: its handle to endpoint `id` has exactly SEND. */
static int child_give_check(const char *id)
{
	struct mk_handle_info info;
	struct mk_msg msg = {0};
	int h, found = -1, count = 0;

	for (h = 0; h < 16; h++) {
		if (mk_handle_info(h, &info) == 0 &&
			info.type == MK_OBJ_ENDPOINT &&
			info.object_id == strtoull(id, NULL, 10)) {
			found = h;
			count++;
		}
	}
	if (count != 1)
		return 10; /* none, or a second way to the endpoint */
	h = found;
	mk_handle_info(h, &info);
	if (info.rights != MK_RIGHT_SEND)
		return 11;
	if (mk_handle_dup(h, MK_RIGHT_SEND) != -MK_EPERM)
		return 12;
	if (mk_receive(h, &msg) != -MK_EPERM)
		return 13;
	if (mk_ep_mint(h, MK_RIGHT_SEND, 1) != -MK_EPERM)
		return 14;
	return mk_ep_notify(h, 0x40) == 0 ? 0 : 15;
}

static const char *task_handle_without_a_right_is_refused(void)
{
	long task = raw_exit_task("kt-rights", 0),
	     mem = mk_mem_create(1, -1, 0);
	struct mk_cred cred;
	long h[5], r[6];

	FAIL_IF(task < 0 || mem < 0, "set-up: %ld %ld", task, mem);
	h[0] = mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_WAIT);
	h[1] = mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_KILL);
	h[2] = mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_START);
	h[3] = mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_MAP);
	h[4] = mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_CRED);
	mk_cred_get(&cred);
	r[0] = mk_task_wait((int)h[0], NULL, MK_WAIT_NOHANG);
	r[1] = mk_task_kill((int)h[1], MK_SIGKILL);
	r[2] = mk_task_start((int)h[2], RAW_CODE_VA, RAW_CODE_VA, 0, 0);
	r[3] = mk_mem_map((int)mem, (int)h[3], 0x20000, 0, 1, MK_PROT_READ);
	r[4] = mk_cred_set((int)h[4], &cred);
	r[5] = mk_handle_dup((int)h[0], KT_TASK_RIGHTS);
	for (int i = 0; i < 5; i++)
		mk_handle_close((int)h[i]);
	mk_handle_close((int)mem);
	raw_start((int)task);
	EXPECT_EQ(kt_reap((int)task), KT_EXITED(0), "status (full handle)");
	EXPECT_EQ(r[0], -MK_EPERM, "wait without WAIT");
	EXPECT_EQ(r[1], -MK_EPERM, "kill without KILL");
	EXPECT_EQ(r[2], -MK_EPERM, "start without START");
	EXPECT_EQ(r[3], -MK_EPERM, "map into it without MAP");
	EXPECT_EQ(r[4], -MK_EPERM, "cred_set without CRED");
	EXPECT_EQ(r[5], -MK_EPERM, "dup back to every right");
	return NULL;
}

/* ---- threads ---- */

static volatile uint64_t thread_word;
static volatile int thread_release;

static void thread_write_and_wait(struct kt_thread *self)
{
	thread_word = (uint64_t)self->arg;
	while (!thread_release)
		mk_yield();
}

static struct kt_thread threads[64];

static const char *thread_create_runs_a_thread_sharing_memory(void)
{
	long id, count;

	thread_word = 0;
	thread_release = 0;
	id = kt_thread_start(
		&threads[0], thread_write_and_wait, (void *)0x5eed);
	FAIL_IF(id <= 0, "thread_create: %ld", id);
	while (thread_word == 0 && !threads[0].done)
		mk_yield();
	count = kt_thread_count();
	thread_release = 1;
	EXPECT_EQ(kt_wait_threads(1), 0, "the thread's exit");
	EXPECT_EQ(thread_word, 0x5eed, "word written by the thread");
	EXPECT_EQ(count, 2, "threads while it ran");
	return NULL;
}

static const char *thread_create_checks_pc_and_stack(void)
{
	uint64_t sp = (uint64_t)(threads[0].stack + 64);

	EXPECT_EQ(mk_thread_create(KT_KERNEL_TEXT, sp, 0), -MK_EINVAL,
		"kernel pc");
	EXPECT_EQ(mk_thread_create((uint64_t)kt_thread_entry, 0, 0), -MK_EINVAL,
		"sp 0");
	EXPECT_EQ(
		mk_thread_create((uint64_t)kt_thread_entry, KT_KERNEL_ADDR, 0),
		-MK_EINVAL, "kernel sp");
	EXPECT_EQ(kt_thread_count(), 1, "threads after the refusals");
	return NULL;
}

static const char *thread_create_beyond_64_threads_fails_with_eagain(void)
{
	long made = 0, r = 0;

	thread_release = 0;
	while (made < 64) {
		r = kt_thread_start(
			&threads[made], thread_write_and_wait, (void *)1);
		if (r < 0)
			break;
		made++;
	}
	thread_release = 1;
	EXPECT_EQ(kt_wait_threads(1), 0, "the threads' exit");
	EXPECT_EQ(made, 63, "threads made besides the main one");
	EXPECT_EQ(r, -MK_EAGAIN, "the 65th thread");
	return NULL;
}

static const char *last_thread_exit_exits_the_task_with_0(void)
{
	EXPECT_EQ(kt_spawn_run(PROGRAM, "threads-last", NULL, NULL, NULL),
		KT_EXITED(0), "status");
	return NULL;
}

static const char *exit_ends_every_thread_of_the_task(void)
{
	EXPECT_EQ(kt_spawn_run(PROGRAM, "threads-exit", NULL, NULL, NULL),
		KT_EXITED(9), "status");
	return NULL;
}

static void thread_exit_when_alone(struct kt_thread *self)
{
	(void)self;
	if (kt_wait_threads(1) != 0)
		mk_exit(2);
	/* Returning ends this, the last thread: the task exits with 0. */
}

/* The main thread leaves first; the second thread's exit ends the task. */
static int child_threads_last(void)
{
	if (kt_thread_start(&threads[0], thread_exit_when_alone, NULL) <= 0)
		return 1;
	mk_thread_exit();
}

static void thread_spin(struct kt_thread *self)
{
	(void)self;
	for (;;)
		mk_yield();
}

static int child_threads_exit(void)
{
	if (kt_thread_start(&threads[0], thread_spin, NULL) <= 0)
		return 1;
	mk_exit(9);
}

/* ---- the end ---- */

static const char *free_frames_return_to_their_start_value(void)
{
	struct mk_frames now;

	EXPECT_EQ(mk_task_wait(-1, NULL, MK_WAIT_NOHANG), -MK_ECHILD,
		"children left");
	EXPECT_EQ(kt_thread_count(), 1, "threads left");
	kt_settle();
	EXPECT_EQ(mk_frames(&now), 0, "frames");
	FAIL_IF(now.free != frames_at_start.free,
		"%llu free frames, %llu at the start",
		(unsigned long long)now.free,
		(unsigned long long)frames_at_start.free);
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(task_id_of_self_matches_the_task_list),
	HARNESS_TEST(task_id_needs_a_task_handle),
	HARNESS_TEST(task_list_shows_children_with_their_parent),
	HARNESS_TEST(task_list_checks_its_pointer_and_end),
	HARNESS_TEST(task_create_checks_its_name),
	HARNESS_TEST(exit_codes_0_1_255_are_reported_by_wait),
	HARNESS_TEST(exit_code_keeps_its_low_8_bits),
	HARNESS_TEST(wait_returns_the_child_id_and_reaps_it),
	HARNESS_TEST(wait_for_any_child_reaps_each_once),
	HARNESS_TEST(wait_nohang_with_nothing_exited_returns_0),
	HARNESS_TEST(wait_without_children_fails_with_echild),
	HARNESS_TEST(wait_checks_flags_and_handle),
	HARNESS_TEST(wait_with_a_bad_status_pointer_keeps_the_child),
	HARNESS_TEST(wait_blocks_until_the_child_exits),
	HARNESS_TEST(start_checks_state_pc_and_stack),
	HARNESS_TEST(kill_of_a_looping_child_reports_sigkill),
	HARNESS_TEST(kill_with_sigterm_reports_sigterm),
	HARNESS_TEST(kill_wakes_a_sleeping_child),
	HARNESS_TEST(kill_with_a_bad_signal_fails_with_einval),
	HARNESS_TEST(kill_of_an_unstarted_child_makes_it_exit),
	HARNESS_TEST(kill_of_a_zombie_succeeds_and_keeps_its_status),
	HARNESS_TEST(load_page_fault_kills_with_sigsegv),
	HARNESS_TEST(store_page_fault_kills_with_sigsegv),
	HARNESS_TEST(store_to_read_only_code_kills_with_sigsegv),
	HARNESS_TEST(illegal_instruction_kills_with_sigill),
	HARNESS_TEST(jump_to_an_unmapped_address_kills_with_sigsegv),
	HARNESS_TEST(jump_to_data_kills_with_sigsegv),
	HARNESS_TEST(breakpoint_kills_with_sigtrap),
	HARNESS_TEST(misaligned_load_kills_with_sigbus),
	HARNESS_TEST(misaligned_amo_kills_with_sigbus),
	HARNESS_TEST(system_goes_on_after_faults),
	HARNESS_TEST(task_give_narrows_rights_and_checks_them),
	HARNESS_TEST(given_handle_has_only_the_given_rights),
	HARNESS_TEST(task_handle_without_a_right_is_refused),
	HARNESS_TEST(thread_create_runs_a_thread_sharing_memory),
	HARNESS_TEST(thread_create_checks_pc_and_stack),
	HARNESS_TEST(thread_create_beyond_64_threads_fails_with_eagain),
	HARNESS_TEST(last_thread_exit_exits_the_task_with_0),
	HARNESS_TEST(exit_ends_every_thread_of_the_task),
	HARNESS_TEST(free_frames_return_to_their_start_value),
};

/* "PROGRAM mode [a [b]]": a child's part of a test; its exit code. */
static int child_main(int argc, char **argv)
{
	const char *mode = argv[1];

	if (strcmp(mode, "give-check") == 0 && argc == 3)
		return child_give_check(argv[2]);
	if (strcmp(mode, "threads-last") == 0)
		return child_threads_last();
	if (strcmp(mode, "threads-exit") == 0)
		return child_threads_exit();
	return 125;
}

/*
 * Everything the tests allocate once and keep (kernel slabs, page tables
 * for the boot image's mapping, the edge page) is made before the count
 * is taken, by one run of each kind of child.
 */
static void warm_up(void)
{
	long task = raw_exit_task("kt-warm-up", 0);

	kt_edge_page();
	if (task >= 0) {
		raw_start((int)task);
		kt_reap((int)task);
	}
	kt_spawn_run(PROGRAM, "threads-last", NULL, NULL, NULL);
	mk_frames(&frames_at_start);
}

int main(int argc, char **argv)
{
	if (argc >= 2)
		return child_main(argc, argv);
	kt_reserve_ipcns_slot();
	warm_up();
	return harness_run(tests, HARNESS_COUNT(tests));
}
