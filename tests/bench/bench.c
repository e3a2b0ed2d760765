/*
 * Kernel benchmark: instructions retired and cycles per operation, read
 * from the instret and cycle counters (user-readable: the kernel sets
 * scounteren). The counters are per hart and the system runs on one, so a
 * delta includes the kernel and every task that ran in between: exactly
 * the cost of the operation. Run it under QEMU's -icount shift=0, where the
 * counts repeat run after run (and cycles equal instructions).
 *
 * The loops do what a real client and server must and nothing more: a
 * call sets the fields it sends (label, length, flags) in a message that
 * the previous reply left behind, and the server replies out of the
 * message it received. A failed call is reported as a FAIL line and its
 * row is left out, so tools/bench.py notices.
 *
 *   bench            run every measurement and print the table
 *   bench server N   (internal) the other side of the IPC measurements
 *   bench yield      (internal) the other side of the yield measurement
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mk/mk.h>
#include <mk/spawn.h>

#include "counters.h"

#define ROUNDS 1000
#define GRANT_ROUNDS 100

enum request { REQ_ECHO = 1, REQ_GRANT, REQ_ONE_WAY, REQ_QUIT };

/*
 * The handle of the endpoint whose object id the parent passed: not the
 * first endpoint in the table, which may be the ipc-ns server's
 * (MK_HANDLE_IPCNS, given to every child). -1 if there is none.
 */
static int find_endpoint(uint64_t id)
{
	struct mk_handle_info info;
	int h;

	for (h = 0; h < 16; h++)
		if (mk_handle_info(h, &info) == 0 &&
			info.type == MK_OBJ_ENDPOINT && info.object_id == id)
			return h;
	return -1;
}

/*
 * The server side: answer echo, grant and one-way requests until quit.
 * Each reply is made from the message just received (its buffer, length
 * and flags are 0), setting what the reply sends.
 */
static int serve(int ep, uint64_t grant_pages)
{
	int mem = (int)mk_mem_create(grant_pages, -1, 0);
	struct mk_msg msg;
	long r;

	if (mem < 0)
		return 1;
	memset(&msg, 0, sizeof(msg));
	for (r = mk_receive(ep, &msg); r == 0;
		r = mk_reply_receive(msg.reply, ep, &msg)) {
		uint64_t label = msg.label;

		if (label == REQ_ONE_WAY) {
			struct counters now = counters_now();

			msg.w[0] = now.instret;
			msg.w[1] = now.cycle;
		}
		msg.label = 0;
		if (label == REQ_GRANT) {
			msg.flags = MK_MSG_GRANT;
			msg.grant.mem = mem;
			msg.grant.prot = MK_PROT_READ | MK_PROT_WRITE;
			msg.grant.pages = grant_pages;
			msg.grant.tag = 1;
		}
		if (label == REQ_QUIT)
			return mk_reply(msg.reply, &msg) ? 3 : 0;
	}
	return 2;
}

/*
 * Call with `label` and nothing else: no bytes, no handle; the rest of
 * msg is as the previous reply left it (msg starts zeroed). 0 or -errno.
 */
static long call_label(int ep, uint64_t label, struct mk_msg *msg)
{
	msg->label = label;
	msg->len = 0;
	msg->flags = 0;
	return mk_call(ep, msg);
}

/*
 * Start `bench server PAGES ID` with a new endpoint (object id ID) and
 * keep only a SEND handle to it: should the server end, calls then fail
 * with -EPIPE instead of waiting for ever. The handle, or -1.
 */
static int spawn_server(uint64_t pages, int *task)
{
	static char pages_arg[24], id_arg[24];
	char *argv[] = { "bench", "server", pages_arg, id_arg, NULL };
	int ep = (int)mk_ep_create(), send;
	struct mk_spawn_attr attr = { .handle_count = 1, .handles = { ep } };
	struct mk_handle_info info;

	send = (int)mk_ep_mint(ep, MK_RIGHT_SEND, 0);
	if (ep < 0 || send < 0 || mk_handle_info(ep, &info))
		return -1;
	snprintf(pages_arg, sizeof(pages_arg), "%llu",
		(unsigned long long)pages);
	snprintf(id_arg, sizeof(id_arg), "%llu",
		(unsigned long long)info.object_id);
	*task = mk_spawn("bench", argv, NULL, &attr);
	mk_handle_close(ep);
	return *task < 0 ? -1 : send;
}

static void bench_null(void)
{
	struct counters a = counters_now(), b;
	int i;

	for (i = 0; i < ROUNDS; i++)
		mk_null();
	b = counters_now();
	report("null system call", a, b, ROUNDS);
}

static void bench_ipc(int ep)
{
	struct counters a, b, one_way = { 0, 0 };
	struct mk_msg msg;
	long failed = 0;
	int i;

	memset(&msg, 0, sizeof(msg));
	failed |= call_label(ep, REQ_ECHO, &msg); /* warm up */
	a = counters_now();
	for (i = 0; i < ROUNDS; i++)
		failed |= call_label(ep, REQ_ECHO, &msg);
	b = counters_now();
	if (failed) {
		printf("FAIL bench_ipc: a call failed\n");
		return;
	}
	report("call + reply round trip", a, b, ROUNDS);

	/* From just before the call to the server's first instruction. */
	for (i = 0; i < ROUNDS; i++) {
		a = counters_now();
		failed |= call_label(ep, REQ_ONE_WAY, &msg);
		one_way.instret += msg.w[0] - a.instret;
		one_way.cycle += msg.w[1] - a.cycle;
	}
	if (failed) {
		printf("FAIL bench_ipc: a one-way call failed\n");
		return;
	}
	report("one-way call (to the receiver)", (struct counters){ 0, 0 },
		one_way, ROUNDS);
}

static void bench_grant(int ep, uint64_t pages, const char *what)
{
	struct counters a, b;
	struct mk_msg msg;
	int i;

	memset(&msg, 0, sizeof(msg));
	a = counters_now();
	for (i = 0; i < GRANT_ROUNDS; i++) {
		msg.grant.addr = 0; /* the kernel chooses */
		if (call_label(ep, REQ_GRANT, &msg) || !msg.grant.addr) {
			printf("FAIL bench_grant: no grant\n");
			return;
		}
		*(volatile char *)msg.grant.addr = 1; /* touch it */
		if (mk_mem_unmap(msg.grant.addr, pages * MK_PAGE_SIZE)) {
			printf("FAIL bench_grant: unmap\n");
			return;
		}
	}
	b = counters_now();
	report(what, a, b, GRANT_ROUNDS);
}

/* Fork-free task life cycle: an empty task running two instructions. */
static void bench_task_cycle(void)
{
	static const uint32_t code[] = {
		0x00000513, /* li a0, 0 */
		0x00200893, /* li a7, SYS_EXIT */
		0x00000073, /* ecall */
	};
	int mem = (int)mk_mem_create(1, -1, 0), i;
	struct counters a, b;
	long addr;

	addr = mk_mem_map(mem, -1, 0, 0, 1, MK_PROT_READ | MK_PROT_WRITE);
	if (addr < 0) {
		printf("FAIL bench_task_cycle: no code page\n");
		return;
	}
	memcpy((void *)addr, code, sizeof(code));
	mk_mem_unmap((uint64_t)addr, MK_PAGE_SIZE);
	a = counters_now();
	for (i = 0; i < 100; i++) {
		struct mk_exit exit;
		int t = (int)mk_task_create("empty", 5, 0);

		if (t < 0 || mk_mem_map(mem, t, 0x10000, 0, 1,
				     MK_PROT_READ | MK_PROT_EXEC) < 0 ||
			mk_task_start(t, 0x10000, 0x20000, 0, 0) ||
			mk_task_wait(t, &exit, 0) <= 0 || exit.status != 0) {
			printf("FAIL bench_task_cycle: round %d\n", i);
			return;
		}
		mk_handle_close(t);
	}
	b = counters_now();
	report("task create + exit + wait", a, b, 100);
	mk_handle_close(mem);
}

static void bench_yield(void)
{
	char *argv[] = { "bench", "yield", NULL };
	struct counters a, b;
	int t = mk_spawn("bench", argv, NULL, NULL), i;

	if (t < 0) {
		printf("FAIL bench_yield: cannot spawn the other task\n");
		return;
	}
	mk_yield();
	a = counters_now();
	for (i = 0; i < ROUNDS; i++)
		mk_yield();
	b = counters_now();
	/* Each of our yields runs the other task's yield too. */
	report("yield to another task (one switch)", a, b, 2 * ROUNDS);
	mk_task_kill(t, MK_SIGKILL);
	mk_wait(t, NULL);
}

int main(int argc, char **argv)
{
	struct mk_msg msg;
	int ep, task, status = -1, i;

	if (argc == 4 && !strcmp(argv[1], "server"))
		return serve(find_endpoint(strtoull(argv[3], NULL, 10)),
			strtoull(argv[2], NULL, 10));
	if (argc == 2 && !strcmp(argv[1], "yield")) {
		for (;;)
			mk_yield();
	}

	printf("bench: %-42s %10s %10s\n", "operation", "instret", "cycles");
	bench_null();
	for (i = 0; i < 2; i++) {
		uint64_t pages = i ? 64 : 1;

		ep = spawn_server(pages, &task);
		if (ep < 0) {
			printf("FAIL bench: cannot spawn the server\n");
			return 1;
		}
		if (!i)
			bench_ipc(ep);
		bench_grant(ep, pages, i ? "grant-map + unmap, 64 pages" :
					   "grant-map + unmap, 1 page");
		memset(&msg, 0, sizeof(msg));
		call_label(ep, REQ_QUIT, &msg);
		if (mk_wait(task, &status) < 0 || status != 0)
			printf("FAIL bench: the server ended with %d\n", status);
		mk_handle_close(ep);
	}
	bench_yield();
	bench_task_cycle();
	return 0;
}
