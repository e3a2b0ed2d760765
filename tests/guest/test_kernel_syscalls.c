/*
 * Guest tests of the kernel's system-call boundary: unknown numbers, the
 * small calls (clock, sleep, console, boot arguments, frames, power-off),
 * handles (rights, duplicates, wrong object types, closed and
 * out-of-range numbers, a full table) and memory objects, each with good
 * arguments and bad ones: NULL, kernel, unmapped and read-only pointers,
 * buffers that run into an unmapped page, oversized lengths, bad flags.
 * The message calls are in test_kernel_msg_calls.c; tasks, threads and
 * faults in test_kernel_tasks.c; credentials and labels in
 * test_kernel_creds.c.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/syscall.h>

#include "harness.h"
#include "ktest.h"

#define PROGRAM "test_kernel_syscalls"

/* ---- numbers, the small calls ---- */

static const char *unknown_system_call_numbers_fail_with_enosys(void)
{
	static const long numbers[] = {SYS_COUNT, SYS_COUNT + 1, 1000, -1,
		LONG_MIN, 1l << 32 | SYS_NULL};

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		long r = mk_syscall0(numbers[i]);

		FAIL_IF(r != -MK_ENOSYS, "number %#lx: %ld, expected -ENOSYS",
			numbers[i], r);
	}
	return NULL;
}

static const char *null_and_yield_return_0(void)
{
	EXPECT_EQ(mk_null(), 0, "null");
	EXPECT_EQ(mk_syscall6(SYS_NULL, -1, -1, -1, -1, -1, -1), 0,
		"null with junk arguments");
	EXPECT_EQ(mk_yield(), 0, "yield");
	return NULL;
}

/*
 * long sregs_hold(uint64_t seed, long number, long calls): set s1..s11 to
 * seed + 1 .. seed + 11, make system call `number` (no arguments) `calls`
 * times (at least once), and count the registers of s1..s11 that no
 * longer hold their value. The kernel keeps these in the registers, not
 * in the trap frame.
 */
long sregs_hold(uint64_t seed, long number, long calls);
__asm__(".pushsection .text.sregs_hold, \"ax\", @progbits\n"
	".globl sregs_hold\n"
	"sregs_hold:\n"
	"	addi sp, sp, -112\n"
	"	.irp n, 1,2,3,4,5,6,7,8,9,10,11\n"
	"	sd s\\n, (\\n - 1) * 8(sp)\n"
	"	addi s\\n, a0, \\n\n"
	"	.endr\n"
	"	sd a1, 88(sp)\n"
	"	sd a2, 96(sp)\n"
	"	sd a0, 104(sp)\n"
	"1:	ld a7, 88(sp)\n"
	"	ecall\n"
	"	ld t0, 96(sp)\n"
	"	addi t0, t0, -1\n"
	"	sd t0, 96(sp)\n"
	"	bgtz t0, 1b\n"
	"	ld t1, 104(sp)\n"
	"	li a0, 0\n"
	"	.irp n, 1,2,3,4,5,6,7,8,9,10,11\n"
	"	addi t2, t1, \\n\n"
	"	sub t2, t2, s\\n\n"
	"	snez t2, t2\n"
	"	add a0, a0, t2\n"
	"	ld s\\n, (\\n - 1) * 8(sp)\n"
	"	.endr\n"
	"	addi sp, sp, 112\n"
	"	ret\n"
	".popsection\n");

static struct kt_thread sregs_thread;
static volatile long sregs_other_lost;

static void sregs_other_main(struct kt_thread *self)
{
	(void)self;
	sregs_other_lost = sregs_hold(0x5a5a000000000000ull, SYS_YIELD, 2000);
}

/*
 * s1..s11 survive system calls, switches to another thread that holds
 * other values in them, and preemption by the tick (200000 null calls
 * outlast a time slice while the other thread is ready).
 */
static const char *callee_saved_registers_survive_calls_and_switches(void)
{
	long lost_yield, lost_null;

	sregs_other_lost = -1;
	FAIL_IF(kt_thread_start(&sregs_thread, sregs_other_main, NULL) < 0,
		"thread_create");
	lost_yield = sregs_hold(0x1234000000000000ull, SYS_YIELD, 1000);
	lost_null = sregs_hold(0x7777000000000000ull, SYS_NULL, 200000);
	FAIL_IF(kt_wait_flag(&sregs_thread.done) != 0,
		"the other thread did not end");
	kt_wait_threads(1);
	EXPECT_EQ(lost_yield, 0, "registers lost across yields");
	EXPECT_EQ(lost_null, 0, "registers lost across null calls");
	EXPECT_EQ(sregs_other_lost, 0, "registers lost by the other thread");
	return NULL;
}

static const char *clock_is_monotonic_and_sleep_waits(void)
{
	long t0 = mk_clock_ns(), t1, t2;

	FAIL_IF(t0 <= 0, "clock: %ld", t0);
	EXPECT_EQ(mk_sleep_ns(0), 0, "sleep 0");
	t1 = mk_clock_ns();
	FAIL_IF(t1 < t0, "clock went back: %ld after %ld", t1, t0);
	EXPECT_EQ(mk_sleep_ns(3 * 1000 * 1000), 0, "sleep 3 ms");
	t2 = mk_clock_ns();
	FAIL_IF(t2 - t1 < 3 * 1000 * 1000, "slept %ld ns of 3 ms", t2 - t1);
	return NULL;
}

/* ---- console ---- */

static const char *console_write_returns_the_byte_count(void)
{
	static const char line[] = "syscalls: console write\n";

	EXPECT_EQ(mk_console_write(line, sizeof(line) - 1), sizeof(line) - 1,
		"write");
	EXPECT_EQ(mk_console_write(NULL, 0), 0, "0 bytes from NULL");
	return NULL;
}

static const char *console_write_from_a_bad_buffer_fails_with_efault(void)
{
	for (size_t i = 0; i < KT_UNREADABLE; i++) {
		long r = mk_console_write((void *)kt_unreadable[i].addr, 16);

		FAIL_IF(r != -MK_EFAULT, "%s: %ld, expected -EFAULT",
			kt_unreadable[i].what, r);
	}
	EXPECT_EQ(mk_console_write(kt_rodata, 1ull << 62), -MK_EFAULT,
		"2^62 bytes");
	EXPECT_EQ(mk_console_write(kt_rodata, UINT64_MAX), -MK_EFAULT,
		"a length that wraps around");
	return NULL;
}

/* Like Linux's write(), a fault after some bytes is a short count. */
static const char *console_write_stops_at_an_unmapped_page(void)
{
	static const char line[] = "[console edge]\n";
	uint64_t n = sizeof(line) - 1, page = kt_edge_page();
	char *at = (char *)(page + KT_PAGE - n);

	FAIL_IF(page == 0, "no edge page");
	memcpy(at, line, n);
	EXPECT_EQ(mk_console_write(at, n + 100), n, "write across the edge");
	return NULL;
}

/* One call writes at most MK_CONSOLE_WRITE_MAX bytes: a short count. */
static const char *console_write_of_a_large_buffer_is_cut_short(void)
{
	static char big[MK_CONSOLE_WRITE_MAX * 3];

	/* Lines of blanks: even a kernel that wrote all of it must not
	 * leave the next line behind a run of spaces. */
	memset(big, ' ', sizeof(big));
	for (size_t i = MK_CONSOLE_WRITE_MAX; i <= sizeof(big);
		i += MK_CONSOLE_WRITE_MAX)
		big[i - 1] = '\n';
	EXPECT_EQ(mk_console_write(big, sizeof(big)), MK_CONSOLE_WRITE_MAX,
		"write of 3 * MK_CONSOLE_WRITE_MAX");
	return NULL;
}

static const char *console_read_without_input_fails_with_eagain(void)
{
	char buf[16];

	EXPECT_EQ(mk_console_read(buf, sizeof(buf), MK_CONSOLE_NONBLOCK),
		-MK_EAGAIN, "non-blocking read");
	EXPECT_EQ(mk_console_read(buf, 0, 0), 0, "read of 0 bytes");
	/* As in Linux, a user pointer is only touched once there is data. */
	EXPECT_EQ(mk_console_read(NULL, 16, MK_CONSOLE_NONBLOCK), -MK_EAGAIN,
		"non-blocking read into NULL");
	return NULL;
}

static const char *console_read_checks_flags_and_buffer_range(void)
{
	char buf[16];

	EXPECT_EQ(mk_console_read(buf, sizeof(buf), 2 | MK_CONSOLE_NONBLOCK),
		-MK_EINVAL, "flag 2");
	EXPECT_EQ(mk_console_read(
			  buf, sizeof(buf), 1u << 31 | MK_CONSOLE_NONBLOCK),
		-MK_EINVAL, "flag 2^31");
	EXPECT_EQ(mk_console_read(
			  (void *)KT_KERNEL_ADDR, 16, MK_CONSOLE_NONBLOCK),
		-MK_EFAULT, "kernel address");
	EXPECT_EQ(mk_console_read(
			  (void *)(MK_USER_TOP - 8), 16, MK_CONSOLE_NONBLOCK),
		-MK_EFAULT, "the end of user space");
	EXPECT_EQ(mk_console_read(buf, 1ull << 62, MK_CONSOLE_NONBLOCK),
		-MK_EFAULT, "2^62 bytes");
	return NULL;
}

static const char *console_read_into_read_only_memory_fails(void)
{
	SKIP_IF(1, "needs console input, and the test runs get none");
	return NULL;
}

/* ---- boot arguments, frames, power ---- */

static const char *bootargs_returns_the_boot_arguments(void)
{
	char buf[512];
	long n;

	memset(buf, 'x', sizeof(buf));
	n = mk_bootargs(buf, sizeof(buf));
	FAIL_IF(n <= 0, "bootargs: %ld", n);
	EXPECT_EQ(strlen(buf), n, "string length");
	FAIL_IF(strstr(buf, PROGRAM) == NULL, "'%.100s' does not run " PROGRAM,
		buf);
	EXPECT_EQ(mk_bootargs(buf, (size_t)n), -MK_ERANGE, "no room for NUL");
	EXPECT_EQ(mk_bootargs(buf, (size_t)n + 1), n, "exactly enough room");
	EXPECT_EQ(mk_bootargs(NULL, 0), -MK_ERANGE, "NULL, 0");
	EXPECT_EQ(mk_bootargs(buf, 1ull << 40), n, "room of 2^40 bytes");
	return NULL;
}

static const char *bootargs_into_a_bad_buffer_fails_with_efault(void)
{
	long n = mk_bootargs((char *)kt_edge_page(), 512);

	FAIL_IF(n <= 0, "bootargs: %ld", n);
	for (size_t i = 0; i < KT_UNREADABLE; i++) {
		long r = mk_bootargs((char *)kt_unreadable[i].addr, 512);

		FAIL_IF(r != -MK_EFAULT, "%s: %ld, expected -EFAULT",
			kt_unreadable[i].what, r);
	}
	EXPECT_EQ(mk_bootargs((char *)kt_rodata, 512), -MK_EFAULT,
		"read-only data");
	EXPECT_EQ(mk_bootargs((char *)kt_text_address(), 512), -MK_EFAULT,
		"text");
	EXPECT_EQ(mk_bootargs((char *)kt_straddle((uint64_t)n + 1), 512),
		-MK_EFAULT, "runs into an unmapped page");
	return NULL;
}

static const char *frames_reports_free_and_total(void)
{
	struct mk_frames f = {0};

	EXPECT_EQ(mk_frames(&f), 0, "frames");
	FAIL_IF(f.total == 0 || f.free == 0 || f.free > f.total,
		"%llu free of %llu", (unsigned long long)f.free,
		(unsigned long long)f.total);
	for (size_t i = 0; i < KT_UNREADABLE; i++)
		FAIL_IF(mk_frames((void *)kt_unreadable[i].addr) != -MK_EFAULT,
			"%s: not -EFAULT", kt_unreadable[i].what);
	EXPECT_EQ(mk_frames((void *)kt_rodata), -MK_EFAULT, "read-only");
	EXPECT_EQ(mk_frames((void *)kt_straddle(sizeof(f))), -MK_EFAULT,
		"runs into an unmapped page");
	return NULL;
}

/* With SYS_ADMIN: a status that is not one is refused, nothing else. */
static const char *poweroff_with_a_status_above_255_fails_with_einval(void)
{
	EXPECT_EQ(mk_syscall1(SYS_POWEROFF, 256), -MK_EINVAL, "status 256");
	EXPECT_EQ(mk_syscall1(SYS_POWEROFF, -1), -MK_EINVAL, "status -1");
	return NULL;
}

/* Last: it gives up SYS_ADMIN for good. */
static const char *poweroff_without_sys_admin_fails_with_eperm(void)
{
	struct mk_cred c;

	EXPECT_EQ(mk_cred_get(&c), 0, "cred_get");
	c.caps &= ~(uint64_t)MK_CAP_SYS_ADMIN;
	EXPECT_EQ(mk_cred_set(MK_HANDLE_NONE, &c), 0, "dropping SYS_ADMIN");
	EXPECT_EQ(mk_poweroff(0), -MK_EPERM, "poweroff");
	return NULL;
}

/* ---- handles ---- */

static const char *handle_info_reports_type_rights_and_object(void)
{
	struct mk_handle_info a, b;
	long ep = mk_ep_create(), dup;

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	dup = mk_handle_dup((int)ep, MK_RIGHT_SEND);
	EXPECT_EQ(mk_handle_info((int)ep, &a), 0, "info");
	EXPECT_EQ(mk_handle_info((int)dup, &b), 0, "info of the duplicate");
	mk_handle_close((int)dup);
	mk_handle_close((int)ep);
	EXPECT_EQ(a.type, MK_OBJ_ENDPOINT, "type");
	EXPECT_EQ(a.rights, MK_RIGHT_DUP | MK_RIGHT_SEND | MK_RIGHT_RECEIVE,
		"a new endpoint's rights");
	EXPECT_EQ(b.rights, MK_RIGHT_SEND, "the duplicate's rights");
	FAIL_IF(a.object_id == 0 || a.object_id != b.object_id,
		"object ids %llu and %llu", (unsigned long long)a.object_id,
		(unsigned long long)b.object_id);
	return NULL;
}

static const char *handle_info_into_a_bad_buffer_fails_with_efault(void)
{
	struct mk_handle_info info;

	for (size_t i = 0; i < KT_UNREADABLE; i++)
		FAIL_IF(mk_handle_info(MK_HANDLE_BOOTFS,
				(void *)kt_unreadable[i].addr) != -MK_EFAULT,
			"%s: not -EFAULT", kt_unreadable[i].what);
	EXPECT_EQ(mk_handle_info(MK_HANDLE_BOOTFS, (void *)kt_rodata),
		-MK_EFAULT, "read-only");
	EXPECT_EQ(mk_handle_info(
			  MK_HANDLE_BOOTFS, (void *)kt_straddle(sizeof(info))),
		-MK_EFAULT, "runs into an unmapped page");
	return NULL;
}

static const char *bad_handle_numbers_fail_with_ebadf(void)
{
	static const int bad[] = {-1, -2, INT_MIN, 1024, 4096, INT_MAX};
	struct mk_handle_info info;
	long closed = mk_ep_create();

	FAIL_IF(closed < 0, "ep_create: %ld", closed);
	EXPECT_EQ(mk_handle_close((int)closed), 0, "close");
	EXPECT_EQ(mk_handle_close((int)closed), -MK_EBADF, "second close");
	EXPECT_EQ(mk_handle_info((int)closed, &info), -MK_EBADF,
		"info of the closed handle");
	EXPECT_EQ(mk_handle_dup((int)closed, 0), -MK_EBADF,
		"dup of the closed handle");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		FAIL_IF(mk_handle_close(bad[i]) != -MK_EBADF,
			"close(%d) is not -EBADF", bad[i]);
		FAIL_IF(mk_handle_info(bad[i], &info) != -MK_EBADF,
			"info(%d) is not -EBADF", bad[i]);
		FAIL_IF(mk_handle_dup(bad[i], 0) != -MK_EBADF,
			"dup(%d) is not -EBADF", bad[i]);
	}
	return NULL;
}

static const char *dup_with_fewer_rights_really_lacks_them(void)
{
	struct mk_msg msg = {0};
	long ep = mk_ep_create(), send, nomap, r[5];

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	send = mk_handle_dup((int)ep, MK_RIGHT_SEND);
	nomap = mk_handle_dup(MK_HANDLE_BOOTFS, MK_RIGHT_DUP);
	FAIL_IF(send < 0 || nomap < 0, "dup: %ld %ld", send, nomap);
	r[0] = mk_receive((int)send, &msg);
	r[1] = mk_ep_events((int)send, NULL, 0);
	r[2] = mk_handle_dup((int)send, MK_RIGHT_SEND);
	r[3] = mk_mem_map((int)nomap, MK_HANDLE_NONE, 0, 0, 1, MK_PROT_READ);
	r[4] = mk_ep_notify((int)send, 1);
	mk_handle_close((int)send);
	mk_handle_close((int)nomap);
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], -MK_EPERM, "receive without RECEIVE");
	EXPECT_EQ(r[1], -MK_EPERM, "events without RECEIVE");
	EXPECT_EQ(r[2], -MK_EPERM, "dup without DUP");
	EXPECT_EQ(r[3], -MK_EPERM, "map without MAP");
	EXPECT_EQ(r[4], 0, "notify with the SEND kept");
	return NULL;
}

static const char *dup_asking_for_more_rights_fails_with_eperm(void)
{
	long ep = mk_ep_create(), some, r[3];

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	some = mk_handle_dup((int)ep, MK_RIGHT_DUP | MK_RIGHT_SEND);
	r[0] = mk_handle_dup((int)some, MK_RIGHT_SEND | MK_RIGHT_RECEIVE);
	r[1] = mk_handle_dup((int)some, MK_RIGHT_SEND | 1u << 20);
	r[2] = mk_handle_dup(MK_HANDLE_BOOTFS, MK_RIGHT_WRITE);
	mk_handle_close((int)some);
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], -MK_EPERM, "RECEIVE from a SEND handle");
	EXPECT_EQ(r[1], -MK_EPERM, "an unknown right");
	EXPECT_EQ(r[2], -MK_EPERM, "WRITE on the read-only boot image");
	return NULL;
}

/*
 * Each call that takes a handle, given one of another type: -EBADF. The
 * right type would make none of these block.
 */
static const char *handle_of_the_wrong_type_fails_with_ebadf(void)
{
	const int mem = MK_HANDLE_BOOTFS;
	struct mk_msg msg = {0};
	struct mk_cred cred = {0};
	long ep = mk_ep_create(), task = mk_task_create("kt-type", 7, 0);
	long self = (long)kt_self_id();
	const struct {
		long r;
		const char *call;
	} got[] = {
		{mk_task_start(mem, 0x10000, 0x10000, 0, 0), "task_start(mem)"},
		{mk_task_wait(mem, NULL, MK_WAIT_NOHANG), "task_wait(mem)"},
		{mk_task_kill((int)ep, MK_SIGKILL), "task_kill(ep)"},
		{mk_task_give(mem, mem, 0), "task_give(mem, ...)"},
		{mk_task_id((int)ep), "task_id(ep)"},
		{mk_cred_set(mem, &cred), "cred_set(mem)"},
		{mk_ns_set((int)task, (uint64_t)self, MK_NS_IPC, 1),
			"ns_set(task)"},
		{mk_mem_map((int)ep, -1, 0, 0, 1, MK_PROT_READ), "mem_map(ep)"},
		{mk_mem_map(mem, (int)ep, 0, 0, 1, MK_PROT_READ),
			"mem_map(mem, ep as the task)"},
		{mk_mem_info((int)task, NULL), "mem_info(task)"},
		{mk_mem_create(1, mem, 1), "mem_create(1, mem as the ep)"},
		{mk_ep_mint(mem, 0, 1), "ep_mint(mem)"},
		{mk_call((int)task, &msg), "call(task)"},
		{mk_receive(mem, &msg), "receive(mem)"},
		{mk_reply((int)ep, &msg), "reply(ep)"},
		{mk_reply_receive((int)task, (int)ep, &msg),
			"reply_receive(task, ep)"},
		{mk_ep_notify(mem, 1), "ep_notify(mem)"},
		{mk_ep_events((int)task, NULL, 0), "ep_events(task)"},
	};

	mk_task_kill((int)task, MK_SIGKILL);
	mk_task_wait((int)task, NULL, 0);
	mk_handle_close((int)task);
	mk_handle_close((int)ep);
	FAIL_IF(ep < 0 || task < 0, "set-up: %ld %ld", ep, task);
	for (size_t i = 0; i < sizeof(got) / sizeof(got[0]); i++)
		FAIL_IF(got[i].r != -MK_EBADF, "%s: %ld, expected -EBADF",
			got[i].call, got[i].r);
	return NULL;
}

/*
 * A new handle takes the lowest free slot, whichever slot was freed first
 * (the table remembers the lowest free one rather than searching).
 */
static const char *new_handle_takes_the_lowest_free_slot(void)
{
	long h[4], r[3];
	int i;

	for (i = 0; i < 4; i++) {
		h[i] = mk_ep_create();
		FAIL_IF(h[i] < 0 || (i && h[i] <= h[i - 1]),
			"ep_create %d: %ld", i, h[i]);
	}
	mk_handle_close((int)h[2]);
	mk_handle_close((int)h[0]);
	for (i = 0; i < 3; i++)
		r[i] = mk_ep_create();
	for (i = 0; i < 3; i++)
		mk_handle_close((int)r[i]);
	mk_handle_close((int)h[1]);
	mk_handle_close((int)h[3]);
	EXPECT_EQ(r[0], h[0], "the first new handle");
	EXPECT_EQ(r[1], h[2], "the second new handle");
	FAIL_IF(r[2] <= h[3], "the third new handle: %ld, not above %ld",
		r[2], h[3]);
	return NULL;
}

/* Handles in use now: slots that answer handle_info. */
static int handles_in_use(void)
{
	struct mk_handle_info info;
	int n = 0;

	for (int h = 0; h < 1024; h++)
		n += mk_handle_info(h, &info) == 0;
	return n;
}

static int dups[1024];

/*
 * Fill the table with duplicates: every call that makes a handle then
 * fails with -EMFILE (Linux's "too many open files") and leaves nothing
 * behind; after closing them the table works again.
 */
static const char *full_handle_table_fails_with_emfile_and_recovers(void)
{
	int used = handles_in_use(), n = kt_handles_fill(dups, 1024);
	long r[5], after;

	r[0] = mk_handle_dup(MK_HANDLE_BOOTFS, MK_RIGHT_MAP);
	r[1] = mk_ep_create();
	r[2] = mk_mem_create(1, MK_HANDLE_NONE, 0);
	r[3] = mk_task_create("kt-full", 7, 0);
	r[4] = mk_task_wait(-1, NULL, MK_WAIT_NOHANG);
	kt_handles_unfill(dups, n);
	after = mk_ep_create();
	mk_handle_close((int)after);
	EXPECT_EQ(used + n, 1024, "handles in a full table");
	EXPECT_EQ(r[0], -MK_EMFILE, "dup");
	EXPECT_EQ(r[1], -MK_EMFILE, "ep_create");
	EXPECT_EQ(r[2], -MK_EMFILE, "mem_create");
	EXPECT_EQ(r[3], -MK_EMFILE, "task_create");
	EXPECT_EQ(r[4], -MK_ECHILD, "a child left by the refused create");
	FAIL_IF(after < 0, "ep_create after closing: %ld", after);
	EXPECT_EQ(handles_in_use(), used, "handles after closing");
	return NULL;
}

/* ---- memory objects ---- */

static const char *mem_calls_check_sizes_protections_and_pointers(void)
{
	struct mk_mem_info info;
	long mem = mk_mem_create(2, MK_HANDLE_NONE, 0), addr;

	FAIL_IF(mem < 0, "mem_create: %ld", mem);
	EXPECT_EQ(mk_mem_info((int)mem, &info), 0, "mem_info");
	FAIL_IF(info.pages != 2 || info.mappings != 0 ||
			info.owner_id != kt_self_id(),
		"info: %llu pages, %llu mappings, owner %llu",
		(unsigned long long)info.pages,
		(unsigned long long)info.mappings,
		(unsigned long long)info.owner_id);
	for (size_t i = 0; i < KT_UNREADABLE; i++)
		FAIL_IF(mk_mem_info((int)mem, (void *)kt_unreadable[i].addr) !=
				-MK_EFAULT,
			"mem_info into %s: not -EFAULT", kt_unreadable[i].what);
	EXPECT_EQ(mk_mem_info((int)mem, (void *)kt_rodata), -MK_EFAULT,
		"mem_info into read-only data");
	EXPECT_EQ(mk_mem_info((int)mem, (void *)kt_straddle(sizeof(info))),
		-MK_EFAULT, "mem_info into a buffer that runs out");
	EXPECT_EQ(mk_mem_create(0, -1, 0), -MK_EINVAL, "0 pages");
	EXPECT_EQ(mk_mem_create(MK_MEM_MAX_PAGES + 1ull, -1, 0), -MK_EINVAL,
		"MK_MEM_MAX_PAGES + 1");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 0, 1, 0), -MK_EINVAL, "prot 0");
	EXPECT_EQ(
		mk_mem_map((int)mem, -1, 0, 0, 1, MK_PROT_WRITE | MK_PROT_EXEC),
		-MK_EINVAL, "writable and executable");
	EXPECT_EQ(mk_mem_map((int)mem, -1, KT_KERNEL_ADDR, 0, 1, MK_PROT_READ),
		-MK_EINVAL, "at a kernel address");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 1, 2, MK_PROT_READ), -MK_EINVAL,
		"past the object's end");
	EXPECT_EQ(mk_mem_unmap(KT_UNMAPPED, KT_PAGE), -MK_EINVAL,
		"unmap of nothing");
	addr = mk_mem_map((int)mem, -1, 0, 0, 2, MK_PROT_READ | MK_PROT_WRITE);
	FAIL_IF(addr <= 0, "mem_map: %ld", addr);
	EXPECT_EQ(mk_mem_unmap((uint64_t)addr, KT_PAGE), -MK_EINVAL,
		"unmap of half a mapping");
	EXPECT_EQ(mk_mem_unmap((uint64_t)addr + 1, 2 * KT_PAGE), -MK_EINVAL,
		"unmap at an unaligned address");
	EXPECT_EQ(mk_mem_unmap((uint64_t)addr, 2 * KT_PAGE), 0, "unmap");
	EXPECT_EQ(mk_handle_close((int)mem), 0, "close");
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(unknown_system_call_numbers_fail_with_enosys),
	HARNESS_TEST(null_and_yield_return_0),
	HARNESS_TEST(callee_saved_registers_survive_calls_and_switches),
	HARNESS_TEST(clock_is_monotonic_and_sleep_waits),
	HARNESS_TEST(console_write_returns_the_byte_count),
	HARNESS_TEST(console_write_from_a_bad_buffer_fails_with_efault),
	HARNESS_TEST(console_write_stops_at_an_unmapped_page),
	HARNESS_TEST(console_write_of_a_large_buffer_is_cut_short),
	HARNESS_TEST(console_read_without_input_fails_with_eagain),
	HARNESS_TEST(console_read_checks_flags_and_buffer_range),
	HARNESS_TEST(console_read_into_read_only_memory_fails),
	HARNESS_TEST(bootargs_returns_the_boot_arguments),
	HARNESS_TEST(bootargs_into_a_bad_buffer_fails_with_efault),
	HARNESS_TEST(frames_reports_free_and_total),
	HARNESS_TEST(handle_info_reports_type_rights_and_object),
	HARNESS_TEST(handle_info_into_a_bad_buffer_fails_with_efault),
	HARNESS_TEST(bad_handle_numbers_fail_with_ebadf),
	HARNESS_TEST(dup_with_fewer_rights_really_lacks_them),
	HARNESS_TEST(dup_asking_for_more_rights_fails_with_eperm),
	HARNESS_TEST(handle_of_the_wrong_type_fails_with_ebadf),
	HARNESS_TEST(new_handle_takes_the_lowest_free_slot),
	HARNESS_TEST(full_handle_table_fails_with_emfile_and_recovers),
	HARNESS_TEST(mem_calls_check_sizes_protections_and_pointers),
	HARNESS_TEST(poweroff_with_a_status_above_255_fails_with_einval),
	/* Gives up SYS_ADMIN: keep it last. */
	HARNESS_TEST(poweroff_without_sys_admin_fails_with_eperm),
};

int main(void)
{
	return harness_run(tests, HARNESS_COUNT(tests));
}
