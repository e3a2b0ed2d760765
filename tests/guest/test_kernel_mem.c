/*
 * Guest tests of memory objects and the mapping accounting: zero-filled
 * objects, mappings into this task (read-write, read-only, refused ones),
 * whole-mapping unmaps, grants in replies to a client at its address or
 * the kernel's choice, the exact mapping count after each map, unmap,
 * exit and kill, one event per removed grant (tag, remover, reason,
 * time), events a client cannot forge, frames kept until the last unmap
 * of a closed object, and the memory quota. The client is a copy of this
 * program in mode "client", driven by commands in the replies to its
 * calls. The free-frame count is compared with its start value at the
 * end. Helpers: ktest.h, ktest_child.h.
 */
#include <stdlib.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "harness.h"
#include "ktest.h"

#define KC_PROGRAM "test_kernel_mem"
#include "ktest_child.h"

#define RW (MK_PROT_READ | MK_PROT_WRITE)
#define SELF_VA 0x3010000000ull	   /* this task's own fixed mappings */
#define CLIENT_VA 0x3000000000ull  /* a client's chosen grant address */
#define EVENT_BIT 0x100ull	   /* the objects' event notification */
#define CHOSEN_LOW 0x2000000000ull /* where the kernel chooses (vm.h) */
#define CHOSEN_HIGH 0x3f00000000ull

static struct mk_frames frames_at_start;

static uint64_t frames_free(void)
{
	struct mk_frames f = {0};

	kt_settle();
	mk_frames(&f);
	return f.free;
}

/* The live mappings of mem, or -errno. */
static long mappings(int mem)
{
	struct mk_mem_info info;
	long r = mk_mem_info(mem, &info);

	return r < 0 ? r : (long)info.mappings;
}

/* ---- the client: a child that does what each reply tells it ---- */

enum client_cmd {
	CMD_NOP,
	CMD_EXIT,   /* exit(a) */
	CMD_WANT,   /* the next call asks for a grant at a, flags b */
	CMD_CHECK,  /* result: first byte at a (b bytes) off pattern seed c */
	CMD_FILL,   /* fill b bytes at a with pattern seed c */
	CMD_UNMAP,  /* result: mk_mem_unmap(a, b) */
	CMD_WRITE,  /* write a byte at a (a read-only grant: killed) */
	CMD_WIDEN,  /* result: how many ways to write at a did not fail */
	CMD_MAP,    /* result: a new own page mapped over a (replacing) */
	CMD_NOTIFY, /* result: notify the event endpoint (KC_H2) with a */
	CMD_EVENTS, /* result: mk_ep_events on the event endpoint */
};

/* Try to get write access to the page at addr without the object's
 * handle: every handle this task has, mapped writable, anywhere or over
 * addr. How many attempts did not fail. */
static uint64_t client_widen(uint64_t addr)
{
	uint64_t wrong = 0;

	for (int h = 0; h < 8; h++) {
		if (mk_mem_map(h, -1, 0, 0, 1, RW) >= 0)
			wrong++;
		if (mk_mem_map(h, -1, addr, 0, 1, RW | MK_MAP_FIXED_REPLACE) >=
			0)
			wrong++;
	}
	return wrong;
}

/* Map a new page of this task's own over addr, replacing what is there. */
static long client_map_own(uint64_t addr)
{
	long mem = mk_mem_create(1, MK_HANDLE_NONE, 0), r;

	if (mem < 0)
		return mem;
	r = mk_mem_map((int)mem, -1, addr, 0, 1, RW | MK_MAP_FIXED_REPLACE);
	mk_handle_close((int)mem);
	return r;
}

/* Do command m->w[0] with arguments w[1..3]: its result. */
static long client_do(const struct mk_msg *m, struct mk_msg *next)
{
	uint64_t a = m->w[1], b = m->w[2], c = m->w[3];
	struct mk_event ev[4];

	switch (m->w[0]) {
	case CMD_NOP:
		return 0;
	case CMD_EXIT:
		exit((int)a);
	case CMD_WANT:
		next->grant.addr = a;
		next->grant.flags = b;
		return 0;
	case CMD_CHECK:
		return (long)kc_pattern_check((void *)a, b, (unsigned)c);
	case CMD_FILL:
		kc_pattern_fill((void *)a, b, (unsigned)c);
		return 0;
	case CMD_UNMAP:
		return mk_mem_unmap(a, b);
	case CMD_WRITE:
		*(volatile char *)a = 1;
		return 0;
	case CMD_WIDEN:
		return (long)client_widen(a);
	case CMD_MAP:
		return client_map_own(a);
	case CMD_NOTIFY:
		return mk_ep_notify(KC_H2, a);
	case CMD_EVENTS:
		return mk_ep_events(KC_H2, ev, 4);
	}
	return -MK_EINVAL;
}

/*
 * Call KC_H1 over and over: each call carries the last command's result
 * in w[0] and the last granted address in w[1]; each reply holds the next
 * command.
 */
static int child_client(long arg)
{
	struct mk_msg m, next = {0};
	uint64_t granted = 0;
	long result = 0;

	(void)arg;
	for (;;) {
		m = next;
		m.label = 0xc11e;
		m.w[0] = (uint64_t)result;
		m.w[1] = granted;
		memset(&next, 0, sizeof(next));
		KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "call");
		if (m.flags & MK_MSG_GRANT)
			granted = m.grant.addr;
		result = client_do(&m, &next);
	}
}

/*
 * Given a mem handle without WRITE right (KC_H1) and a sync endpoint
 * (KC_H2): mapping it writable fails, read-only works; writing there
 * kills this task.
 */
static int child_ro_write(long arg)
{
	long addr;

	(void)arg;
	KC_CHILD_EXPECT(mk_mem_map(KC_H1, -1, 0, 0, 1, RW), -MK_EPERM, 1,
		"map writable");
	addr = mk_mem_map(KC_H1, -1, 0, 0, 1, MK_PROT_READ);
	KC_CHILD_EXPECT(addr > 0, 1, 2, "map read-only");
	KC_CHILD_EXPECT(*(volatile unsigned char *)addr, 0x5a, 3, "byte");
	mk_ep_notify(KC_H2, 1);
	mk_sleep_ns(20 * KC_MS);
	*(volatile unsigned char *)addr = 1;
	return 4;
}

/* With a quota of 256 pages: 200 fit, 100 more do not, until the 200
 * are freed. */
static int child_quota(long arg)
{
	long a, b;

	(void)arg;
	a = mk_mem_create(200, MK_HANDLE_NONE, 0);
	KC_CHILD_EXPECT(a >= 0, 1, 1, "200 pages");
	KC_CHILD_EXPECT(mk_mem_create(100, MK_HANDLE_NONE, 0), -MK_ENOMEM, 2,
		"100 more");
	KC_CHILD_EXPECT(mk_mem_create(257, MK_HANDLE_NONE, 0), -MK_ENOMEM, 3,
		"more than the quota");
	mk_handle_close((int)a);
	b = mk_mem_create(100, MK_HANDLE_NONE, 0);
	KC_CHILD_EXPECT(b >= 0, 1, 4, "100 pages after freeing 200");
	mk_handle_close((int)b);
	return 0;
}

/* An owner: grant 4 pages (pattern seed 41) read-write in reply to one
 * call on KC_H1, then wait to be killed. */
static int child_owner(long arg)
{
	struct mk_msg m, r = {.flags = MK_MSG_GRANT};
	long mem = mk_mem_create(4, MK_HANDLE_NONE, 0), addr, got;

	(void)arg;
	KC_CHILD_EXPECT(mem >= 0, 1, 1, "mem_create");
	addr = mk_mem_map((int)mem, -1, 0, 0, 4, RW);
	KC_CHILD_EXPECT(addr > 0, 1, 2, "map");
	kc_pattern_fill((void *)addr, 4 * KT_PAGE, 41);
	mk_mem_unmap((uint64_t)addr, 4 * KT_PAGE);
	do {
		memset(&m, 0, sizeof(m));
		got = mk_receive(KC_H1, &m);
	} while (got == 0 && m.label == MK_LABEL_NOTIFY);
	KC_CHILD_EXPECT(got, 0, 3, "receive");
	r.grant = (struct mk_grant){
		.mem = (int)mem, .prot = RW, .pages = 4, .tag = 9};
	KC_CHILD_EXPECT(mk_reply(m.reply, &r), 0, 4, "reply with a grant");
	mk_sleep_ns(10 * KT_WAIT_NS);
	return 5;
}

static int child_nop(long arg)
{
	(void)arg;
	return 0;
}

static const struct kc_mode child_modes[] = {
	{"client", child_client},
	{"ro-write", child_ro_write},
	{"quota", child_quota},
	{"owner", child_owner},
	{"nop", child_nop},
};

/* ---- the server's side of a client ---- */

struct client {
	long task;
	uint64_t id;	  /* its task id */
	int ep;		  /* where it calls */
	int rh;		  /* its pending call */
	uint64_t result;  /* of its last command */
	uint64_t granted; /* its last granted address */
};

/* Start a client calling `send` (and notifying `ev_send`, if >= 0) and
 * take its first call: 0 or -errno. */
static long client_start(struct client *c, int ep, int send, int ev_send)
{
	int handles[2] = {send, ev_send};
	struct mk_msg m;
	long r;

	c->ep = ep;
	c->task = kc_start("client", 0, handles, NULL, ev_send >= 0 ? 2 : 1, 0);
	if (c->task < 0)
		return c->task;
	c->id = (uint64_t)mk_task_id((int)c->task);
	r = kc_receive(ep, &m, NULL, 0);
	c->rh = m.reply;
	return r;
}

/* Answer its pending call with a command and, if g, a grant: the reply's
 * result (the call stays pending if it failed). */
static long client_send(struct client *c, uint64_t cmd, uint64_t a, uint64_t b,
	uint64_t d, const struct mk_grant *g)
{
	struct mk_msg m = {.w = {cmd, a, b, d}};

	if (g) {
		m.flags = MK_MSG_GRANT;
		m.grant = *g;
	}
	return mk_reply(c->rh, &m);
}

/* Take its next call: 0 or -errno. */
static long client_take(struct client *c)
{
	struct mk_msg m;
	long r = kc_receive(c->ep, &m, NULL, 0);

	if (r == 0 && m.label != 0xc11e)
		return -MK_EPROTO;
	c->rh = m.reply;
	c->result = m.w[0];
	c->granted = m.w[1];
	return r;
}

/* client_send then client_take: 0 or -errno. */
static long client_do_cmd(struct client *c, uint64_t cmd, uint64_t a,
	uint64_t b, uint64_t d, const struct mk_grant *g)
{
	long r = client_send(c, cmd, a, b, d, g);

	return r < 0 ? r : client_take(c);
}

/* Have the client ask for pages [first, first + pages) of mem at addr
 * (0: the kernel's choice) with prot and tag: 0 or -errno; c->granted. */
static long client_grant(struct client *c, int mem, uint64_t first,
	uint64_t pages, uint32_t prot, uint64_t addr, uint64_t tag)
{
	struct mk_grant g = {.mem = mem,
		.prot = prot,
		.first_page = first,
		.pages = pages,
		.tag = tag};
	long r = client_do_cmd(c, CMD_WANT, addr, 0, 0, NULL);

	return r < 0 ? r : client_do_cmd(c, CMD_NOP, 0, 0, 0, &g);
}

#define CLIENT_DO(c, cmd, a, b, d)                                             \
	KC_CHECK_EQ(client_do_cmd(c, cmd, a, b, d, NULL), 0, #cmd)

/*
 * The one event on ev (and its notification): tag, task, reason, and a
 * time since t0. NULL, or why not.
 */
static const char *expect_event(
	int ev, uint64_t tag, uint64_t task_id, uint32_t reason, long t0)
{
	struct mk_event e[2];
	struct mk_msg m;
	long n, now;

	KC_CHECK_EQ(kc_receive(ev, &m, NULL, 0), 0, "event notification");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "label");
	KC_CHECK_EQ(m.w[0], EVENT_BIT, "notification bits");
	n = mk_ep_events(ev, e, 2);
	now = mk_clock_ns();
	KC_CHECK_EQ(n, 1, "events");
	KC_CHECK_EQ(e[0].tag, tag, "event tag");
	KC_CHECK_EQ(e[0].task_id, task_id, "event task");
	KC_CHECK_EQ(e[0].reason, reason, "event reason");
	KC_CHECK((long)e[0].time_ns < t0 || (long)e[0].time_ns > now,
		"event time %lu not in [%ld, %ld]", (unsigned long)e[0].time_ns,
		t0, now);
	return NULL;
}

#define EXPECT_EVENT(ev, tag, task, reason, t0)                                \
	do {                                                                   \
		const char *why_ = expect_event(ev, tag, task, reason, t0);    \
		if (why_)                                                      \
			return why_;                                           \
	} while (0)

/* An endpoint for calls with a SEND handle, one for events with a SEND
 * handle, and an object of `pages` reporting to the latter. */
struct setup {
	int ep, send, ev, ev_send, mem;
};

static long setup_make(struct setup *s, uint64_t pages)
{
	long r[5];

	r[0] = mk_ep_create();
	r[1] = mk_ep_mint((int)r[0], MK_RIGHT_SEND | MK_RIGHT_DUP, 0);
	r[2] = mk_ep_create();
	r[3] = mk_ep_mint((int)r[2], MK_RIGHT_SEND | MK_RIGHT_DUP, 0);
	r[4] = mk_mem_create(pages, (int)r[2], EVENT_BIT);
	for (int i = 0; i < 5; i++)
		if (r[i] < 0)
			return r[i];
	*s = (struct setup){
		(int)r[0], (int)r[1], (int)r[2], (int)r[3], (int)r[4]};
	return 0;
}

static void setup_close(struct setup *s)
{
	mk_handle_close(s->ep);
	mk_handle_close(s->send);
	mk_handle_close(s->ev);
	mk_handle_close(s->ev_send);
	mk_handle_close(s->mem);
}

#define NEW_SETUP(s, pages)                                                    \
	struct setup s;                                                        \
	do {                                                                   \
		long r_ = setup_make(&s, pages);                               \
		FAIL_IF(r_ < 0, "setup: %ld", r_);                             \
	} while (0)

/* ---- objects and this task's own mappings ---- */

static const char *mem_create_gives_zero_filled_pages(void)
{
	for (int round = 0; round < 2; round++) {
		long mem = mk_mem_create(4, MK_HANDLE_NONE, 0), addr;
		unsigned char *p;

		FAIL_IF(mem < 0, "mem_create: %ld", mem);
		addr = mk_mem_map((int)mem, -1, 0, 0, 4, RW);
		FAIL_IF(addr <= 0, "mem_map: %ld", addr);
		p = (unsigned char *)addr;
		for (uint64_t i = 0; i < 4 * KT_PAGE; i++)
			FAIL_IF(p[i] != 0, "round %d: byte %lu is %u", round,
				(unsigned long)i, p[i]);
		/* Dirty the frames: the next object may get them again. */
		memset(p, 0xff, 4 * KT_PAGE);
		EXPECT_EQ(
			mk_mem_unmap((uint64_t)addr, 4 * KT_PAGE), 0, "unmap");
		mk_handle_close((int)mem);
	}
	return NULL;
}

static const char *read_write_and_read_only_mappings_share_frames(void)
{
	long mem = mk_mem_create(2, MK_HANDLE_NONE, 0), rw, ro, rx;

	FAIL_IF(mem < 0, "mem_create: %ld", mem);
	rw = mk_mem_map((int)mem, -1, SELF_VA, 0, 2, RW);
	EXPECT_EQ(rw, SELF_VA, "map read-write at a chosen address");
	EXPECT_EQ(mappings((int)mem), 1, "mappings");
	ro = mk_mem_map((int)mem, -1, 0, 0, 2, MK_PROT_READ);
	FAIL_IF(ro < (long)CHOSEN_LOW || ro >= (long)CHOSEN_HIGH,
		"read-only at the kernel's choice: %#lx", ro);
	EXPECT_EQ(mappings((int)mem), 2, "mappings");
	rx = mk_mem_map((int)mem, -1, 0, 1, 1, MK_PROT_READ | MK_PROT_EXEC);
	FAIL_IF(rx <= 0, "read-execute: %ld", rx);
	EXPECT_EQ(mappings((int)mem), 3, "mappings");
	kc_pattern_fill((void *)rw, 2 * KT_PAGE, 11);
	EXPECT_EQ(kc_pattern_check((void *)ro, 2 * KT_PAGE, 11), 2 * KT_PAGE,
		"first wrong byte through the read-only mapping");
	EXPECT_EQ(kc_pattern_check((void *)rx, KT_PAGE, 11 + KT_PAGE * 31),
		KT_PAGE, "first wrong byte of page 1 through the third");
	EXPECT_EQ(mk_mem_unmap((uint64_t)ro, 2 * KT_PAGE), 0, "unmap ro");
	EXPECT_EQ(mappings((int)mem), 2, "mappings");
	EXPECT_EQ(mk_mem_unmap((uint64_t)rx, KT_PAGE), 0, "unmap rx");
	EXPECT_EQ(mk_mem_unmap(SELF_VA, 2 * KT_PAGE), 0, "unmap rw");
	EXPECT_EQ(mappings((int)mem), 0, "mappings");
	mk_handle_close((int)mem);
	return NULL;
}

/* In a child, which is killed with SIGSEGV; its mapping is counted while
 * it lives and not after. */
static const char *write_through_a_read_only_mapping_kills(void)
{
	long mem = mk_mem_create(1, MK_HANDLE_NONE, 0), addr, task;
	uint32_t rights[2] = {MK_RIGHT_MAP | MK_RIGHT_DUP, 0};
	int sync, handles[2];
	struct mk_msg m;

	FAIL_IF(mem < 0, "mem_create: %ld", mem);
	addr = mk_mem_map((int)mem, -1, 0, 0, 1, RW);
	FAIL_IF(addr <= 0, "map: %ld", addr);
	*(unsigned char *)addr = 0x5a;
	EXPECT_EQ(mk_mem_unmap((uint64_t)addr, KT_PAGE), 0, "unmap");
	sync = (int)mk_ep_create();
	handles[0] = (int)mem;
	handles[1] = (int)mk_ep_mint(sync, MK_RIGHT_SEND | MK_RIGHT_DUP, 0);
	task = kc_start("ro-write", 0, handles, rights, 2, 0);
	mk_handle_close(handles[1]);
	KC_CHECK(task < 0, "spawn: %ld", task);
	KC_CHECK_EQ(kc_receive(sync, &m, NULL, 0), 0, "the child's sign");
	KC_CHECK_EQ(mappings((int)mem), 1, "mappings while it maps it");
	KC_CHECK_EQ(kc_end((int)task), MK_SIGSEGV, "wait status");
	EXPECT_EQ(mappings((int)mem), 0, "mappings after the kill");
	mk_handle_close(sync);
	mk_handle_close((int)mem);
	return NULL;
}

static const char *bad_protections_ranges_and_addresses_are_refused(void)
{
	long mem = mk_mem_create(2, MK_HANDLE_NONE, 0), other, ro, r;

	FAIL_IF(mem < 0, "mem_create: %ld", mem);
	EXPECT_EQ(
		mk_mem_map((int)mem, -1, 0, 0, 1, MK_PROT_WRITE | MK_PROT_EXEC),
		-MK_EINVAL, "write and execute");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 0, 1, RW | MK_PROT_EXEC),
		-MK_EINVAL, "read, write and execute");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 0, 1, 0), -MK_EINVAL, "no prot");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 0, 1, MK_PROT_READ | 0x40),
		-MK_EINVAL, "unknown flag");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 0, 0, MK_PROT_READ), -MK_EINVAL,
		"0 pages");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 2, 1, MK_PROT_READ), -MK_EINVAL,
		"first page past the end");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 1, 2, MK_PROT_READ), -MK_EINVAL,
		"pages past the end");
	EXPECT_EQ(mk_mem_map((int)mem, -1, 0, 1, UINT64_MAX, MK_PROT_READ),
		-MK_EINVAL, "a page count that wraps");
	EXPECT_EQ(mk_mem_map((int)mem, -1, SELF_VA + 8, 0, 1, MK_PROT_READ),
		-MK_EINVAL, "unaligned address");
	EXPECT_EQ(mk_mem_map((int)mem, -1, MK_USER_TOP - KT_PAGE, 0, 2,
			  MK_PROT_READ),
		-MK_EINVAL, "running past user space");
	EXPECT_EQ(mk_mem_map((int)mem, -1, KT_KERNEL_ADDR, 0, 1, MK_PROT_READ),
		-MK_EINVAL, "a kernel address");

	/* Occupied: refused, unless replacing whole mappings. */
	EXPECT_EQ(mk_mem_map((int)mem, -1, SELF_VA, 0, 2, RW), SELF_VA, "map");
	EXPECT_EQ(mk_mem_map((int)mem, -1, SELF_VA + KT_PAGE, 0, 1, RW),
		-MK_EEXIST, "map over a mapping");
	EXPECT_EQ(mk_mem_map((int)mem, -1, SELF_VA + KT_PAGE, 0, 1,
			  RW | MK_MAP_FIXED_REPLACE),
		-MK_EINVAL, "replacing part of a mapping");
	EXPECT_EQ(mappings((int)mem), 1, "mappings after refusals");
	other = mk_mem_create(2, MK_HANDLE_NONE, 0);
	FAIL_IF(other < 0, "mem_create: %ld", other);
	r = mk_mem_map((int)other, -1, SELF_VA, 0, 2,
		MK_PROT_READ | MK_MAP_FIXED_REPLACE);
	EXPECT_EQ(r, SELF_VA, "replacing a whole mapping");
	EXPECT_EQ(mappings((int)mem), 0, "the replaced object's mappings");
	EXPECT_EQ(mappings((int)other), 1, "the new object's mappings");
	EXPECT_EQ(mk_mem_unmap(SELF_VA, 2 * KT_PAGE), 0, "unmap");

	/* Rights: a handle without WRITE maps read-only only. */
	ro = mk_handle_dup((int)mem, MK_RIGHT_MAP);
	FAIL_IF(ro < 0, "dup: %ld", ro);
	EXPECT_EQ(mk_mem_map((int)ro, -1, 0, 0, 1, RW), -MK_EPERM,
		"writable without WRITE right");
	EXPECT_EQ(mk_handle_dup((int)ro, MK_RIGHT_MAP), -MK_EPERM,
		"dup without DUP right");
	mk_handle_close((int)ro);
	mk_handle_close((int)other);
	mk_handle_close((int)mem);
	return NULL;
}

/* Documented: a mapping is removed whole or not at all (as shmdt). */
static const char *unmap_takes_whole_mappings_only(void)
{
	long a = mk_mem_create(2, MK_HANDLE_NONE, 0);
	long b = mk_mem_create(1, MK_HANDLE_NONE, 0);

	FAIL_IF(a < 0 || b < 0, "mem_create: %ld, %ld", a, b);
	EXPECT_EQ(mk_mem_unmap(SELF_VA, KT_PAGE), -MK_EINVAL,
		"unmap of what was never mapped");
	EXPECT_EQ(mk_mem_map((int)a, -1, SELF_VA, 0, 2, RW), SELF_VA, "map a");
	EXPECT_EQ(mk_mem_map((int)b, -1, SELF_VA + 2 * KT_PAGE, 0, 1, RW),
		SELF_VA + 2 * KT_PAGE, "map b after it");
	kc_pattern_fill((void *)SELF_VA, 2 * KT_PAGE, 13);
	EXPECT_EQ(mk_mem_unmap(SELF_VA, KT_PAGE), -MK_EINVAL, "first half");
	EXPECT_EQ(mk_mem_unmap(SELF_VA + KT_PAGE, KT_PAGE), -MK_EINVAL,
		"second half");
	EXPECT_EQ(mk_mem_unmap(SELF_VA + KT_PAGE, 2 * KT_PAGE), -MK_EINVAL,
		"half of a and all of b");
	EXPECT_EQ(mk_mem_unmap(SELF_VA + 8, 2 * KT_PAGE), -MK_EINVAL,
		"unaligned address");
	EXPECT_EQ(mk_mem_unmap(SELF_VA, 2 * KT_PAGE + 8), -MK_EINVAL,
		"unaligned length");
	EXPECT_EQ(mk_mem_unmap(SELF_VA, 0), -MK_EINVAL, "length 0");
	EXPECT_EQ(mk_mem_unmap(KT_KERNEL_ADDR, KT_PAGE), -MK_EINVAL,
		"a kernel address");
	/* Nothing of a was touched by the refusals. */
	EXPECT_EQ(mappings((int)a), 1, "a's mappings");
	EXPECT_EQ(kc_pattern_check((void *)SELF_VA, 2 * KT_PAGE, 13),
		2 * KT_PAGE, "first wrong byte of a");
	/* Whole mappings, with a gap after them: both go. */
	EXPECT_EQ(mk_mem_unmap(SELF_VA, 8 * KT_PAGE), 0, "a, b and a gap");
	EXPECT_EQ(mappings((int)a), 0, "a's mappings");
	EXPECT_EQ(mappings((int)b), 0, "b's mappings");
	mk_handle_close((int)a);
	mk_handle_close((int)b);
	return NULL;
}

/* Mappings per address space are bounded: then -ENOMEM, as Linux's mmap
 * past vm.max_map_count. */
#define MAP_TRIES 1100 /* more than the kernel's limit of 1024 */

/*
 * Map one page of mem at the kernel's choice until refused (at most
 * MAP_TRIES times), then unmap them all: how many were made; *last the
 * refusal.
 */
static int map_until_refused(int mem, long *last)
{
	static uint64_t addrs[MAP_TRIES];
	int n = 0;
	long r = 0;

	while (n < MAP_TRIES &&
		(r = mk_mem_map(mem, -1, 0, 0, 1, MK_PROT_READ)) > 0)
		addrs[n++] = (uint64_t)r;
	*last = r;
	for (int i = 0; i < n; i++)
		mk_mem_unmap(addrs[i], KT_PAGE);
	return n;
}

static const char *mapping_limit_gives_enomem(void)
{
	long mem = mk_mem_create(1, MK_HANDLE_NONE, 0), r;
	int n;

	FAIL_IF(mem < 0, "mem_create: %ld", mem);
	n = map_until_refused((int)mem, &r);
	EXPECT_EQ(mappings((int)mem), 0, "mappings after unmapping them");
	mk_handle_close((int)mem);
	FAIL_IF(n == MAP_TRIES, "%d mappings made", n);
	FAIL_IF(n < 1000, "only %d mappings made", n);
	EXPECT_EQ(r, -MK_ENOMEM, "the mapping past the limit");
	return NULL;
}

/* ---- grants ---- */

/* A read-write grant at the client's address: shared frames, counted,
 * and its unmap reported once with EXPLICIT. */
/* SYS_MEM_QUERY: the caller's own mapping that holds an address. */
static const char *mem_query_describes_the_mapping_at_an_address(void)
{
	struct mk_map_info info;
	long mem = mk_mem_create(3, -1, 0), at;

	FAIL_IF(mem < 0, "create: %ld", mem);
	at = mk_mem_map((int)mem, -1, 0, 1, 2, MK_PROT_READ);
	FAIL_IF(at <= 0, "map: %ld", at);
	memset(&info, 0xff, sizeof(info));
	EXPECT_EQ(mk_mem_query((uint64_t)at + KT_PAGE + 5, &info), 0,
		"query inside");
	EXPECT_EQ(info.addr, at, "start");
	EXPECT_EQ(info.pages, 2, "pages");
	EXPECT_EQ(info.first_page, 1, "first page");
	EXPECT_EQ(info.prot, MK_PROT_READ, "protection");
	EXPECT_EQ(info.flags, 0, "flags of our own mapping");
	EXPECT_EQ(info.owner_id, kt_self_id(), "owner");
	EXPECT_EQ(mk_mem_query((uint64_t)at + 2 * KT_PAGE, &info), -MK_EINVAL,
		"just past it");
	EXPECT_EQ(mk_mem_query((uint64_t)at, (void *)kt_rodata), -MK_EFAULT,
		"read-only info");
	EXPECT_EQ(mk_mem_query(1ull << 60, &info), -MK_EINVAL,
		"beyond user space");
	mk_mem_unmap((uint64_t)at, 2 * KT_PAGE);
	EXPECT_EQ(mk_mem_query((uint64_t)at, &info), -MK_EINVAL,
		"after the unmap");
	mk_handle_close((int)mem);
	return NULL;
}

static const char *read_write_grant_at_the_clients_address(void)
{
	struct client c;
	long own, t0;
	NEW_SETUP(s, 4);

	own = mk_mem_map(s.mem, -1, 0, 0, 4, RW);
	FAIL_IF(own <= 0, "map: %ld", own);
	kc_pattern_fill((void *)own, 4 * KT_PAGE, 21);
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");
	KC_CHECK_EQ(client_grant(&c, s.mem, 0, 4, RW, CLIENT_VA, 0x7a61), 0,
		"grant");
	KC_CHECK_EQ(c.granted, CLIENT_VA, "granted address");
	KC_CHECK_EQ(mappings(s.mem), 2, "mappings: ours and the client's");
	CLIENT_DO(&c, CMD_CHECK, CLIENT_VA, 4 * KT_PAGE, 21);
	KC_CHECK_EQ(c.result, 4 * KT_PAGE, "client: first wrong byte");
	CLIENT_DO(&c, CMD_FILL, CLIENT_VA, 4 * KT_PAGE, 22);
	KC_CHECK_EQ(kc_pattern_check((void *)own, 4 * KT_PAGE, 22), 4 * KT_PAGE,
		"first wrong byte of the client's writing");
	t0 = mk_clock_ns();
	CLIENT_DO(&c, CMD_UNMAP, CLIENT_VA, KT_PAGE, 0);
	KC_CHECK_EQ(c.result, -MK_EINVAL, "client: unmap of part of a grant");
	CLIENT_DO(&c, CMD_UNMAP, CLIENT_VA, 4 * KT_PAGE, 0);
	KC_CHECK_EQ(c.result, 0, "client: unmap");
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings after the client's unmap");
	EXPECT_EVENT(s.ev, 0x7a61, c.id, MK_UNMAP_EXPLICIT, t0);
	KC_CHECK_EQ(client_send(&c, CMD_EXIT, 0, 0, 0, NULL), 0, "reply");
	KC_CHECK_CHILD_OK(c.task, "client");
	KC_CHECK_EQ(mk_ep_events(s.ev, NULL, 0), 0, "no event for our own");
	mk_mem_unmap((uint64_t)own, 4 * KT_PAGE);
	setup_close(&s);
	return NULL;
}

/* A read-only grant where the kernel chooses: the client cannot write
 * it by any handle it has, and dies writing it (reason KILL). */
static const char *read_only_grant_cannot_be_widened(void)
{
	struct client c;
	long own, t0;
	NEW_SETUP(s, 1);

	own = mk_mem_map(s.mem, -1, 0, 0, 1, RW);
	FAIL_IF(own <= 0, "map: %ld", own);
	kc_pattern_fill((void *)own, KT_PAGE, 23);
	mk_mem_unmap((uint64_t)own, KT_PAGE);
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");
	KC_CHECK_EQ(client_grant(&c, s.mem, 0, 1, MK_PROT_READ, 0, 0x2b), 0,
		"grant");
	KC_CHECK(c.granted < CHOSEN_LOW || c.granted >= CHOSEN_HIGH,
		"the kernel's choice: %#lx", (unsigned long)c.granted);
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings");
	CLIENT_DO(&c, CMD_CHECK, c.granted, KT_PAGE, 23);
	KC_CHECK_EQ(c.result, KT_PAGE, "client: first wrong byte");
	CLIENT_DO(&c, CMD_WIDEN, c.granted, 0, 0);
	KC_CHECK_EQ(c.result, 0, "client: ways to write that worked");
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings after widening attempts");
	t0 = mk_clock_ns();
	KC_CHECK_EQ(
		client_send(&c, CMD_WRITE, c.granted, 0, 0, NULL), 0, "reply");
	KC_CHECK_EQ(kc_end((int)c.task), MK_SIGSEGV, "client's wait status");
	EXPECT_EQ(mappings(s.mem), 0, "mappings after the kill");
	EXPECT_EVENT(s.ev, 0x2b, c.id, MK_UNMAP_KILL, t0);
	setup_close(&s);
	return NULL;
}

/* A grant that cannot be made fails the reply and leaves the handle
 * usable: the server answers with a good grant after them. */
static const char *failed_grants_leave_the_reply_handle_usable(void)
{
	struct mk_grant g = {.prot = MK_PROT_READ, .pages = 1, .tag = 0x3c};
	struct client c;
	long t0, no_write, no_grant;
	NEW_SETUP(s, 2);

	no_write = mk_handle_dup(s.mem, MK_RIGHT_MAP | MK_RIGHT_GRANT);
	no_grant = mk_handle_dup(s.mem, MK_RIGHT_MAP | MK_RIGHT_WRITE);
	FAIL_IF(no_write < 0 || no_grant < 0, "dup: %ld, %ld", no_write,
		no_grant);
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");

	/* The client's own text is where it asks: occupied. */
	CLIENT_DO(&c, CMD_WANT, kt_text_address() & ~(KT_PAGE - 1), 0, 0);
	g.mem = s.mem;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EEXIST,
		"grant over the client's text");
	CLIENT_DO(&c, CMD_WANT, CLIENT_VA + 8, 0, 0);
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EINVAL,
		"grant at an unaligned address");
	CLIENT_DO(&c, CMD_WANT, CLIENT_VA, 0, 0);
	g.first_page = 2;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EINVAL,
		"grant past the object");
	g.first_page = 0;
	g.pages = 0;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EINVAL,
		"grant of 0 pages");
	g.pages = 1;
	g.prot = MK_PROT_WRITE | MK_PROT_EXEC;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EINVAL,
		"grant writable and executable");
	g.prot = RW;
	g.mem = (int)no_write;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EPERM,
		"writable grant without WRITE right");
	g.prot = MK_PROT_READ;
	g.mem = (int)no_grant;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EPERM,
		"grant without GRANT right");
	g.mem = s.ep;
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, &g), -MK_EBADF,
		"grant of an endpoint");
	KC_CHECK_EQ(mappings(s.mem), 0, "mappings after the failures");

	/* Read-only through the handle without WRITE: allowed. */
	g.mem = (int)no_write;
	KC_CHECK_EQ(client_do_cmd(&c, CMD_NOP, 0, 0, 0, &g), 0, "good grant");
	KC_CHECK_EQ(c.granted, CLIENT_VA, "granted address");
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings");
	t0 = mk_clock_ns();
	KC_CHECK_EQ(client_send(&c, CMD_EXIT, 0, 0, 0, NULL), 0, "reply");
	KC_CHECK_CHILD_OK(c.task, "client");
	EXPECT_EQ(mappings(s.mem), 0, "mappings after its exit");
	EXPECT_EVENT(s.ev, 0x3c, c.id, MK_UNMAP_EXIT, t0);
	mk_handle_close((int)no_write);
	mk_handle_close((int)no_grant);
	setup_close(&s);
	return NULL;
}

/* Exit, kill and replacement each end a grant with one event. */
static const char *exit_kill_and_replacement_each_report_one_event(void)
{
	struct mk_event e[2];
	struct client c;
	long t0;
	NEW_SETUP(s, 1);

	/* Exit with the grant mapped. */
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");
	KC_CHECK_EQ(
		client_grant(&c, s.mem, 0, 1, RW, CLIENT_VA, 1), 0, "grant 1");
	t0 = mk_clock_ns();
	KC_CHECK_EQ(client_send(&c, CMD_EXIT, 3, 0, 0, NULL), 0, "reply");
	KC_CHECK_EQ(kc_end((int)c.task), KT_EXITED(3), "exit status");
	KC_CHECK_EQ(mappings(s.mem), 0, "mappings after the exit");
	EXPECT_EVENT(s.ev, 1, c.id, MK_UNMAP_EXIT, t0);

	/* Killed while it waits in a call. */
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");
	KC_CHECK_EQ(client_grant(&c, s.mem, 0, 1, RW, 0, 2), 0, "grant 2");
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings");
	t0 = mk_clock_ns();
	KC_CHECK_EQ(mk_task_kill((int)c.task, MK_SIGKILL), 0, "kill");
	KC_CHECK_EQ(kc_end((int)c.task), MK_SIGKILL, "wait status");
	KC_CHECK_EQ(mappings(s.mem), 0, "mappings after the kill");
	KC_CHECK_EQ(client_send(&c, CMD_NOP, 0, 0, 0, NULL), -MK_ESRCH,
		"reply to the killed client");
	EXPECT_EVENT(s.ev, 2, c.id, MK_UNMAP_KILL, t0);

	/* Replaced: by the client's own page, then by a later grant. */
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");
	KC_CHECK_EQ(
		client_grant(&c, s.mem, 0, 1, RW, CLIENT_VA, 3), 0, "grant 3");
	t0 = mk_clock_ns();
	CLIENT_DO(&c, CMD_MAP, CLIENT_VA, 0, 0);
	KC_CHECK_EQ(c.result, CLIENT_VA, "client: its own page over it");
	KC_CHECK_EQ(mappings(s.mem), 0, "mappings after the replacement");
	EXPECT_EVENT(s.ev, 3, c.id, MK_UNMAP_REPLACED, t0);
	CLIENT_DO(&c, CMD_WANT, CLIENT_VA, MK_MAP_FIXED_REPLACE, 0);
	KC_CHECK_EQ(
		client_do_cmd(&c, CMD_WANT, CLIENT_VA, MK_MAP_FIXED_REPLACE, 0,
			&(struct mk_grant){.mem = s.mem,
				.prot = RW,
				.pages = 1,
				.tag = 4}),
		0, "grant 4 over the client's page");
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings");
	KC_CHECK_EQ(mk_ep_events(s.ev, e, 2), 0, "events for its own page");
	t0 = mk_clock_ns();
	KC_CHECK_EQ(client_do_cmd(&c, CMD_NOP, 0, 0, 0,
			    &(struct mk_grant){.mem = s.mem,
				    .prot = RW,
				    .pages = 1,
				    .tag = 5}),
		0, "grant 5 over grant 4");
	KC_CHECK_EQ(mappings(s.mem), 1, "mappings");
	EXPECT_EVENT(s.ev, 4, c.id, MK_UNMAP_REPLACED, t0);
	t0 = mk_clock_ns();
	KC_CHECK_EQ(client_send(&c, CMD_EXIT, 0, 0, 0, NULL), 0, "reply");
	KC_CHECK_CHILD_OK(c.task, "client");
	EXPECT_EQ(mappings(s.mem), 0, "mappings after its exit");
	EXPECT_EVENT(s.ev, 5, c.id, MK_UNMAP_EXIT, t0);
	setup_close(&s);
	return NULL;
}

/* A client with SEND right to the event endpoint can notify it (even the
 * event bit) but cannot make or read an event. */
static const char *client_cannot_forge_an_event(void)
{
	struct mk_event e[2];
	struct client c;
	struct mk_msg m;
	long t0;
	NEW_SETUP(s, 1);

	KC_CHECK_EQ(client_start(&c, s.ep, s.send, s.ev_send), 0, "client");
	CLIENT_DO(&c, CMD_NOTIFY, EVENT_BIT | 0x10, 0, 0);
	KC_CHECK_EQ(c.result, 0, "client: notify");
	CLIENT_DO(&c, CMD_EVENTS, 0, 0, 0);
	KC_CHECK_EQ(c.result, -MK_EPERM, "client: ep_events");
	KC_CHECK_EQ(kc_receive(s.ev, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "a notification");
	KC_CHECK_EQ(m.w[0], EVENT_BIT | 0x10, "its bits");
	KC_CHECK_EQ(mk_ep_events(s.ev, e, 2), 0, "events");

	/* A real one still comes, once. */
	KC_CHECK_EQ(
		client_grant(&c, s.mem, 0, 1, MK_PROT_READ, 0, 6), 0, "grant");
	t0 = mk_clock_ns();
	CLIENT_DO(&c, CMD_UNMAP, c.granted, KT_PAGE, 0);
	KC_CHECK_EQ(c.result, 0, "client: unmap");
	EXPECT_EVENT(s.ev, 6, c.id, MK_UNMAP_EXPLICIT, t0);
	KC_CHECK_EQ(client_send(&c, CMD_EXIT, 0, 0, 0, NULL), 0, "reply");
	KC_CHECK_CHILD_OK(c.task, "client");
	EXPECT_EQ(mk_ep_events(s.ev, e, 2), 0, "events after the exit");
	setup_close(&s);
	return NULL;
}

/* Free frames, after waiting a little for dead threads' stacks to go. */
static uint64_t frames_settled(uint64_t want)
{
	uint64_t now = frames_free();

	for (int i = 0; i < 5 && now != want; i++) {
		mk_sleep_ns(20 * KC_MS);
		now = frames_free();
	}
	return now;
}

/* The owner closes its handle while a client maps the object: its frames
 * stay (and its bytes) until the client's unmap, then come back. */
static const char *closed_object_keeps_frames_until_the_last_unmap(void)
{
	uint64_t start = frames_free(), f1;
	struct client c;
	long own;
	NEW_SETUP(s, 8);

	own = mk_mem_map(s.mem, -1, 0, 0, 8, RW);
	FAIL_IF(own <= 0, "map: %ld", own);
	kc_pattern_fill((void *)own, 8 * KT_PAGE, 31);
	mk_mem_unmap((uint64_t)own, 8 * KT_PAGE);
	KC_CHECK_EQ(client_start(&c, s.ep, s.send, -1), 0, "client");
	KC_CHECK_EQ(
		client_grant(&c, s.mem, 0, 8, RW, CLIENT_VA, 7), 0, "grant");
	KC_CHECK_EQ(mk_handle_close(s.mem), 0, "close the object");
	f1 = frames_free();
	CLIENT_DO(&c, CMD_CHECK, CLIENT_VA, 8 * KT_PAGE, 31);
	KC_CHECK_EQ(c.result, 8 * KT_PAGE, "client: first wrong byte");
	KC_CHECK_EQ(frames_free(), f1, "free frames while it is mapped");
	CLIENT_DO(&c, CMD_UNMAP, CLIENT_VA, 8 * KT_PAGE, 0);
	KC_CHECK_EQ(c.result, 0, "client: unmap");
	KC_CHECK(frames_free() < f1 + 8,
		"free frames after the last unmap: "
		"%lu, %lu before it",
		(unsigned long)frames_free(), (unsigned long)f1);
	KC_CHECK_EQ(client_send(&c, CMD_EXIT, 0, 0, 0, NULL), 0, "reply");
	KC_CHECK_CHILD_OK(c.task, "client");
	s.mem = -1; /* closed already */
	setup_close(&s);
	EXPECT_EQ(frames_settled(start), start, "free frames at the end");
	return NULL;
}

/* This task as the client of an owner that is killed: the grant stays
 * usable until it is unmapped, then its frames come back. */
static const char *owner_death_leaves_a_grant_until_its_unmap(void)
{
	uint64_t start = frames_free(), f1;
	struct mk_msg m = {.label = 1};
	long task, addr;
	int ep, send;

	task = mk_ep_create();
	FAIL_IF(task < 0, "ep_create: %ld", task);
	ep = (int)task;
	send = (int)mk_ep_mint(ep, MK_RIGHT_SEND, 0);
	FAIL_IF(send < 0, "ep_mint: %d", send);
	task = kc_start("owner", 0, &ep, NULL, 1, 0);
	mk_handle_close(ep); /* if the owner dies early, the call fails */
	KC_CHECK(task < 0, "spawn: %ld", task);
	KC_CHECK_EQ(mk_call(send, &m), 0, "call");
	KC_CHECK_EQ(m.flags, MK_MSG_GRANT, "reply flags");
	addr = (long)m.grant.addr;
	KC_CHECK_EQ(kc_pattern_check((void *)addr, 4 * KT_PAGE, 41),
		4 * KT_PAGE, "first wrong byte of the grant");
	KC_CHECK_EQ(mk_task_kill((int)task, MK_SIGKILL), 0, "kill");
	KC_CHECK_EQ(kc_end((int)task), MK_SIGKILL, "owner's wait status");
	EXPECT_EQ(kc_pattern_check((void *)addr, 4 * KT_PAGE, 41), 4 * KT_PAGE,
		"first wrong byte after the owner's death");
	kc_pattern_fill((void *)addr, 4 * KT_PAGE, 42);
	EXPECT_EQ(kc_pattern_check((void *)addr, 4 * KT_PAGE, 42), 4 * KT_PAGE,
		"first wrong byte written after it");
	f1 = frames_free();
	EXPECT_EQ(mk_mem_unmap((uint64_t)addr, 4 * KT_PAGE), 0, "unmap");
	FAIL_IF(frames_free() < f1 + 4,
		"free frames after the unmap: %lu, "
		"%lu before it",
		(unsigned long)frames_free(), (unsigned long)f1);
	mk_handle_close(send);
	EXPECT_EQ(frames_settled(start), start, "free frames at the end");
	return NULL;
}

static const char *memory_quota_exhaustion_gives_enomem(void)
{
	long task = kc_start("quota", 0, NULL, NULL, 0, 256);

	FAIL_IF(task < 0, "spawn: %ld", task);
	KC_CHECK_CHILD_OK(task, "child with a quota of 256 pages");
	EXPECT_EQ(mk_mem_create(MK_MEM_MAX_PAGES, MK_HANDLE_NONE, 0),
		-MK_ENOMEM, "an object larger than this task's quota");
	return NULL;
}

/* Last: every child reaped, every handle closed. */
static const char *free_frames_return_to_their_start_value(void)
{
	EXPECT_EQ(frames_settled(frames_at_start.free), frames_at_start.free,
		"free frames");
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(mem_create_gives_zero_filled_pages),
	HARNESS_TEST(read_write_and_read_only_mappings_share_frames),
	HARNESS_TEST(write_through_a_read_only_mapping_kills),
	HARNESS_TEST(bad_protections_ranges_and_addresses_are_refused),
	HARNESS_TEST(unmap_takes_whole_mappings_only),
	HARNESS_TEST(mapping_limit_gives_enomem),
	HARNESS_TEST(mem_query_describes_the_mapping_at_an_address),
	HARNESS_TEST(read_write_grant_at_the_clients_address),
	HARNESS_TEST(read_only_grant_cannot_be_widened),
	HARNESS_TEST(failed_grants_leave_the_reply_handle_usable),
	HARNESS_TEST(exit_kill_and_replacement_each_report_one_event),
	HARNESS_TEST(client_cannot_forge_an_event),
	HARNESS_TEST(closed_object_keeps_frames_until_the_last_unmap),
	HARNESS_TEST(owner_death_leaves_a_grant_until_its_unmap),
	HARNESS_TEST(memory_quota_exhaustion_gives_enomem),
	HARNESS_TEST(free_frames_return_to_their_start_value),
};

/*
 * Before the start value of the free-frame count: what stays allocated
 * once made. The boot image's mapping (the first spawn), one kalloc slab
 * page per size class (objects of 1 to 128 pages reach them all through
 * their frame lists), the page tables of SELF_VA and of the kernel-chosen
 * area as far as the mapping limit reaches, and the watchdog thread.
 */
static void warm_up(void)
{
	long task = kc_start("nop", 0, NULL, NULL, 0, 0), mem, r;

	if (task >= 0)
		kc_end((int)task);
	for (uint64_t pages = 1; pages <= 128; pages *= 2) {
		mem = mk_mem_create(pages, MK_HANDLE_NONE, 0);
		mk_mem_map((int)mem, -1, SELF_VA, 0, pages, RW);
		mk_mem_unmap(SELF_VA, pages * KT_PAGE);
		mk_handle_close((int)mem);
	}
	mem = mk_mem_create(1, MK_HANDLE_NONE, 0);
	map_until_refused((int)mem, &r);
	mk_handle_close((int)mem);
	kc_watchdog_start();
	mk_sleep_ns(5 * KC_MS);
	mk_frames(&frames_at_start);
}

int main(int argc, char **argv)
{
	if (argc >= 3)
		return kc_child_main(child_modes,
			sizeof(child_modes) / sizeof(child_modes[0]), argv[1],
			atol(argv[2]));
	kt_reserve_ipcns_slot();
	warm_up();
	return harness_run(tests, HARNESS_COUNT(tests));
}
