/*
 * Guest tests of the message system calls' arguments: call, receive,
 * reply, reply_receive, ep_mint, ep_notify and ep_events with good
 * arguments and bad ones (NULL, kernel, unmapped and read-only pointers,
 * buffers that run into an unmapped page, oversized lengths, bad flags,
 * wrong handles), and whose error a fault is: the caller's or the
 * receiver's. The other side of each call is a second thread of this task
 * (struct peer), so nothing here waits on another program, and a kernel
 * that gets a case wrong gives a FAIL line, not a hang.
 */
#include <stdio.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>

#include "harness.h"
#include "ktest.h"

static int dups[1024];

/* ---- the peer: a thread of this task as the other side ---- */

#define PEER_DONE 0x8000 /* notification bit: the peer has finished */
#define PEER_STEPS 4

enum peer_op { PEER_CALL, PEER_UNMAP_GRANT };

/* One thing the peer does: a call, or unmapping what an earlier step's
 * reply granted (msg is that step's message). */
struct peer_step {
	enum peer_op op;
	int ep;
	struct mk_msg *msg; /* may be a bad address on purpose */
	long result;
};

/*
 * The peer's script, and this side's state: the endpoint served here
 * (notified with PEER_DONE when the script is over), a received call not
 * answered yet, and whether PEER_DONE has arrived.
 */
struct peer {
	int ep;
	int n;
	struct peer_step step[PEER_STEPS];
	int pending_reply;
	int done_seen;
};

static struct kt_thread peer_thread;

static void peer_main(struct kt_thread *self)
{
	struct peer *p = self->arg;

	for (int i = 0; i < p->n; i++) {
		struct peer_step *s = &p->step[i];

		if (s->op == PEER_CALL)
			s->result = mk_call(s->ep, s->msg);
		else
			s->result = mk_mem_unmap(s->msg->grant.addr, KT_PAGE);
	}
	mk_ep_notify(p->ep, PEER_DONE);
}

static void peer_init(struct peer *p, int ep)
{
	memset(p, 0, sizeof(*p));
	p->ep = ep;
	p->pending_reply = -1;
}

static void peer_step(
	struct peer *p, enum peer_op op, int ep, struct mk_msg *msg)
{
	struct peer_step *s = &p->step[p->n++];

	s->op = op;
	s->ep = ep;
	s->msg = msg;
	s->result = 1; /* no call returns that */
}

static long peer_go(struct peer *p)
{
	return kt_thread_start(&peer_thread, peer_main, p);
}

/* Receive on p's endpoint into m with cap bytes of room at buf. */
static long serve(struct peer *p, struct mk_msg *m, void *buf, uint32_t cap)
{
	long r;

	memset(m, 0, sizeof(*m));
	m->buf = (uint64_t)buf;
	m->cap = cap;
	r = mk_receive(p->ep, m);
	if (r == 0 && m->label == MK_LABEL_NOTIFY && (m->w[0] & PEER_DONE))
		p->done_seen = 1;
	else if (r == 0 && m->label != MK_LABEL_NOTIFY)
		p->pending_reply = m->reply;
	return r;
}

/* Reply to the pending call with msg (label only if msg is NULL). */
static long answer(struct peer *p, struct mk_msg *msg, uint64_t label)
{
	struct mk_msg plain = {.label = label};
	long r = mk_reply(p->pending_reply, msg ? msg : &plain);

	if (r == 0)
		p->pending_reply = -1;
	return r;
}

/*
 * Answer the pending call and whatever the peer still calls (label 0)
 * until it is done, wait for its thread to end, close the endpoint: 0 or
 * -errno. A test that went wrong ends this way too, without hanging.
 */
static long peer_finish(struct peer *p)
{
	struct mk_msg m;
	long r = 0;

	if (p->pending_reply >= 0)
		answer(p, NULL, 0);
	while (!p->done_seen && r == 0) {
		r = serve(p, &m, NULL, 0);
		if (r == 0 && p->pending_reply >= 0)
			answer(p, NULL, 0);
	}
	if (r == 0)
		r = kt_wait_threads(1);
	mk_handle_close(p->ep);
	return r;
}

/* EXPECT_EQ for a test with a peer: on a mismatch, end the peer first. */
#define PEER_EXPECT(p, got, want, what)                                        \
	do {                                                                   \
		long g_ = (long)(got), w_ = (long)(want);                      \
		if (g_ != w_) {                                                \
			peer_finish(p);                                        \
			FAIL_IF(1, "%s: %ld, expected %ld", what, g_, w_);     \
		}                                                              \
	} while (0)

/* A peer serving a new endpoint, or a failed test. */
#define NEW_PEER(p)                                                            \
	struct peer p;                                                         \
	do {                                                                   \
		long ep_ = mk_ep_create();                                     \
		FAIL_IF(ep_ < 0, "ep_create: %ld", ep_);                       \
		peer_init(&p, (int)ep_);                                       \
	} while (0)

static const char *call_receive_reply_round_trip(void)
{
	static char out[16] = "hello", back[16] = "abc", in[64];
	struct mk_msg call = {.label = 7,
		.w = {11},
		.buf = (uint64_t)out,
		.len = 5,
		.cap = sizeof(out)};
	struct mk_msg m,
		reply = {
			.label = 8, .w = {22}, .buf = (uint64_t)back, .len = 3};
	struct mk_cred cred;
	NEW_PEER(p);

	mk_cred_get(&cred);
	peer_step(&p, PEER_CALL, p.ep, &call);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, in, sizeof(in)), 0, "receive");
	PEER_EXPECT(&p, m.label, 7, "label");
	PEER_EXPECT(&p, answer(&p, &reply, 0), 0, "reply");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	FAIL_IF(m.w[0] != 11 || m.len != 5 || memcmp(in, "hello", 5) != 0,
		"received w0 %llu len %u '%.5s'", (unsigned long long)m.w[0],
		m.len, in);
	EXPECT_EQ(m.sender.task_id, kt_self_id(), "stamped task id");
	EXPECT_EQ(m.sender.uid, cred.uid, "stamped uid");
	EXPECT_EQ(m.sender.caps, cred.caps, "stamped caps");
	EXPECT_EQ(p.step[0].result, 0, "call");
	FAIL_IF(call.label != 8 || call.w[0] != 22 || call.len != 3 ||
			memcmp(out, "abc", 3) != 0,
		"reply label %llu w0 %llu len %u '%.3s'",
		(unsigned long long)call.label, (unsigned long long)call.w[0],
		call.len, out);
	return NULL;
}

/* Each of these fails before the call could block. */
static const char *call_with_bad_arguments_fails_at_once(void)
{
	struct mk_msg m = {.label = 1};
	long ep = mk_ep_create(), recv_only;
	long r[7];

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	recv_only = mk_handle_dup((int)ep, MK_RIGHT_RECEIVE);
	for (size_t i = 0; i < KT_UNREADABLE; i++)
		FAIL_IF(mk_call((int)ep, (void *)kt_unreadable[i].addr) !=
				-MK_EFAULT,
			"msg at %s: not -EFAULT", kt_unreadable[i].what);
	r[0] = mk_call((int)ep, (void *)kt_straddle(sizeof(m)));
	m.buf = KT_KERNEL_ADDR;
	m.len = 8;
	r[1] = mk_call((int)ep, &m);
	m.buf = MK_USER_TOP - 32;
	m.len = 0;
	m.cap = 64;
	r[2] = mk_call((int)ep, &m);
	m.buf = (uint64_t)kt_rodata;
	m.cap = 0;
	m.len = MK_MSG_BUF_MAX + 1;
	r[3] = mk_call((int)ep, &m);
	m.len = 0;
	m.flags = 0x80;
	r[4] = mk_call((int)ep, &m);
	m.flags = MK_MSG_HANDLE;
	m.handle = 999;
	r[5] = mk_call((int)ep, &m);
	m.flags = 0;
	r[6] = mk_call((int)recv_only, &m);
	mk_handle_close((int)recv_only);
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], -MK_EFAULT, "msg running into an unmapped page");
	EXPECT_EQ(r[1], -MK_EFAULT, "bytes at a kernel address");
	EXPECT_EQ(r[2], -MK_EFAULT, "reply room past the end of user space");
	EXPECT_EQ(r[3], -MK_EMSGSIZE, "MK_MSG_BUF_MAX + 1 bytes");
	EXPECT_EQ(r[4], -MK_EINVAL, "unknown flag");
	EXPECT_EQ(r[5], -MK_EBADF, "moving handle 999");
	EXPECT_EQ(r[6], -MK_EPERM, "without SEND");
	return NULL;
}

static const char *call_with_an_unreadable_buffer_fails_the_caller(void)
{
	struct mk_msg bad1 = {.label = 1, .buf = kt_straddle(16), .len = 16};
	struct mk_msg bad2 = {.label = 2, .buf = KT_UNMAPPED, .len = 8};
	struct mk_msg good = {.label = 3};
	struct mk_msg m;
	char in[64];
	NEW_PEER(p);

	peer_step(&p, PEER_CALL, p.ep, &bad1);
	peer_step(&p, PEER_CALL, p.ep, &bad2);
	peer_step(&p, PEER_CALL, p.ep, &good);
	peer_go(&p);
	/* The kernel fails the first two callers; the third one comes. */
	PEER_EXPECT(&p, serve(&p, &m, in, sizeof(in)), 0, "receive");
	PEER_EXPECT(&p, m.label, 3, "label received");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	EXPECT_EQ(p.step[0].result, -MK_EFAULT, "bytes running out");
	EXPECT_EQ(p.step[1].result, -MK_EFAULT, "unmapped bytes");
	EXPECT_EQ(p.step[2].result, 0, "good call");
	return NULL;
}

static const struct mk_msg read_only_msg = {.label = 5};

static const char *call_with_a_read_only_msg_gets_efault_for_the_reply(void)
{
	struct mk_msg m;
	NEW_PEER(p);

	peer_step(&p, PEER_CALL, p.ep, (struct mk_msg *)&read_only_msg);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive");
	PEER_EXPECT(&p, m.label, 5, "label received");
	PEER_EXPECT(&p, answer(&p, NULL, 6), 0, "reply");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	EXPECT_EQ(p.step[0].result, -MK_EFAULT, "the caller's result");
	return NULL;
}

/* Each of these fails before the receive could block. */
static const char *receive_with_bad_arguments_fails_at_once(void)
{
	struct mk_msg m = {0};
	long ep = mk_ep_create(), r[5];

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	for (size_t i = 0; i < KT_UNREADABLE; i++)
		FAIL_IF(mk_receive((int)ep, (void *)kt_unreadable[i].addr) !=
				-MK_EFAULT,
			"msg at %s: not -EFAULT", kt_unreadable[i].what);
	r[0] = mk_receive((int)ep, (void *)kt_straddle(sizeof(m)));
	m.buf = KT_KERNEL_ADDR;
	m.cap = 16;
	r[1] = mk_receive((int)ep, &m);
	/* A pending notification is not lost to a read-only msg. */
	mk_ep_notify((int)ep, 4);
	r[2] = mk_receive((int)ep, (struct mk_msg *)&read_only_msg);
	memset(&m, 0, sizeof(m));
	r[3] = mk_receive((int)ep, &m);
	r[4] = mk_receive((int)ep, (struct mk_msg *)kt_text_address());
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], -MK_EFAULT, "msg running into an unmapped page");
	EXPECT_EQ(r[1], -MK_EFAULT, "room in the kernel");
	EXPECT_EQ(r[2], -MK_EFAULT, "read-only msg, a notification pending");
	EXPECT_EQ(r[3], 0, "receive");
	EXPECT_EQ(m.label, MK_LABEL_NOTIFY, "label");
	EXPECT_EQ(m.w[0], 4, "bits");
	EXPECT_EQ(r[4], -MK_EFAULT, "msg in text, nothing pending");
	return NULL;
}

/*
 * A receiver whose own memory is read-only gets -EFAULT, and the caller
 * it would have taken stays queued for the next receive.
 */
static const char *receive_into_read_only_memory_fails_the_receiver(void)
{
	struct mk_msg c1 = {.label = 3, .buf = (uint64_t) "data", .len = 4};
	struct mk_msg c2 = {.label = 4};
	struct mk_msg m;
	char in[16];
	NEW_PEER(p);

	peer_step(&p, PEER_CALL, p.ep, &c1);
	peer_step(&p, PEER_CALL, p.ep, &c2);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, (void *)kt_rodata, 16), -MK_EFAULT,
		"receive into read-only bytes");
	PEER_EXPECT(&p, serve(&p, &m, in, sizeof(in)), 0, "receive after it");
	PEER_EXPECT(&p, m.label, 3, "label");
	PEER_EXPECT(&p, answer(&p, NULL, 0), 0, "reply");
	PEER_EXPECT(&p, mk_receive(p.ep, (struct mk_msg *)&read_only_msg),
		-MK_EFAULT, "receive into a read-only msg");
	PEER_EXPECT(&p, serve(&p, &m, in, sizeof(in)), 0, "receive after it");
	PEER_EXPECT(&p, m.label, 4, "label");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	EXPECT_EQ(p.step[0].result, 0, "the first caller");
	EXPECT_EQ(p.step[1].result, 0, "the second caller");
	return NULL;
}

/*
 * The kernel remembers that a receiver's msg was writable, and must forget
 * it when the memory is unmapped: the same msg address, now mapped
 * read-only, gives -EFAULT, and the caller stays queued for a receive
 * into memory that is writable again.
 */
static const char *receive_into_memory_remapped_read_only_fails(void)
{
	struct mk_msg c1 = {.label = 6}, c2 = {.label = 7}, *m;
	long mem = mk_mem_create(1, MK_HANDLE_NONE, 0), addr, r[4];
	NEW_PEER(p);

	addr = mk_mem_map((int)mem, -1, 0, 0, 1, MK_PROT_READ | MK_PROT_WRITE);
	FAIL_IF(mem < 0 || addr <= 0, "set-up: %ld %ld", mem, addr);
	m = (struct mk_msg *)addr;
	peer_step(&p, PEER_CALL, p.ep, &c1);
	peer_step(&p, PEER_CALL, p.ep, &c2);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, m, NULL, 0), 0, "receive");
	PEER_EXPECT(&p, m->label, 6, "label");
	PEER_EXPECT(&p, answer(&p, NULL, 0), 0, "reply");
	r[0] = mk_mem_unmap((uint64_t)addr, KT_PAGE);
	r[1] = mk_mem_map((int)mem, -1, (uint64_t)addr, 0, 1, MK_PROT_READ);
	PEER_EXPECT(&p, mk_receive(p.ep, m), -MK_EFAULT,
		"receive into the msg mapped read-only");
	r[2] = mk_mem_unmap((uint64_t)addr, KT_PAGE);
	r[3] = mk_mem_map((int)mem, -1, (uint64_t)addr, 0, 1,
		MK_PROT_READ | MK_PROT_WRITE);
	PEER_EXPECT(&p, serve(&p, m, NULL, 0), 0, "receive when writable");
	PEER_EXPECT(&p, m->label, 7, "label");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	mk_mem_unmap((uint64_t)addr, KT_PAGE);
	mk_handle_close((int)mem);
	EXPECT_EQ(r[0], 0, "unmap");
	EXPECT_EQ(r[1], addr, "map read-only");
	EXPECT_EQ(r[2], 0, "unmap");
	EXPECT_EQ(r[3], addr, "map writable");
	EXPECT_EQ(p.step[0].result, 0, "the first caller");
	EXPECT_EQ(p.step[1].result, 0, "the second caller");
	return NULL;
}

static struct kt_thread waiting_receiver;
static struct mk_msg *waiting_msg;
static int waiting_ep;
static long waiting_result;

static void waiting_receiver_main(struct kt_thread *self)
{
	(void)self;
	waiting_result = mk_receive(waiting_ep, waiting_msg);
}

/*
 * A receiver whose room is unmapped by another thread while it waits gets
 * -EFAULT when a caller comes, even for a call without bytes, and the
 * caller stays queued for a receive into good memory.
 */
static const char *receiver_room_unmapped_while_it_waits_fails_it(void)
{
	struct mk_msg c1 = {.label = 9}, m;
	long mem = mk_mem_create(2, MK_HANDLE_NONE, 0), addr, r[2];
	NEW_PEER(p);

	addr = mk_mem_map((int)mem, -1, 0, 0, 2, MK_PROT_READ | MK_PROT_WRITE);
	FAIL_IF(mem < 0 || addr <= 0, "set-up: %ld %ld", mem, addr);
	waiting_msg = (struct mk_msg *)addr;
	*waiting_msg = (struct mk_msg){.buf = (uint64_t)addr + KT_PAGE,
		.cap = 64};
	waiting_ep = p.ep;
	waiting_result = 1;
	FAIL_IF(kt_thread_start(&waiting_receiver, waiting_receiver_main,
			NULL) < 0, "thread_create");
	mk_yield(); /* it waits in its receive */
	r[0] = mk_mem_unmap((uint64_t)addr, 2 * KT_PAGE);
	r[1] = mk_mem_map((int)mem, -1, (uint64_t)addr, 0, 1,
		MK_PROT_READ | MK_PROT_WRITE); /* the msg, not the room */
	peer_step(&p, PEER_CALL, p.ep, &c1);
	peer_go(&p);
	/* Asleep, so that nothing else is ready when the peer calls: the
	 * call then hands the hart straight to the receiver. */
	mk_sleep_ns(5 * 1000 * 1000);
	PEER_EXPECT(&p, kt_wait_flag(&waiting_receiver.done), 0,
		"the receiver's end");
	PEER_EXPECT(&p, waiting_result, -MK_EFAULT, "the receiver's result");
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive");
	PEER_EXPECT(&p, m.label, 9, "label");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	mk_mem_unmap((uint64_t)addr, KT_PAGE);
	mk_handle_close((int)mem);
	EXPECT_EQ(r[0], 0, "unmap");
	EXPECT_EQ(r[1], addr, "map the msg again");
	EXPECT_EQ(p.step[0].result, 0, "the caller");
	return NULL;
}

/* A bad reply leaves the reply handle usable for a good one. */
static const char *reply_with_bad_arguments_fails_and_keeps_the_handle(void)
{
	static char room[16];
	struct mk_msg call = {
		.label = 9, .buf = (uint64_t)room, .cap = sizeof(room)};
	struct mk_msg m, bad = {.label = 1};
	NEW_PEER(p);

	peer_step(&p, PEER_CALL, p.ep, &call);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive");
	for (size_t i = 0; i < KT_UNREADABLE; i++)
		PEER_EXPECT(&p,
			mk_reply(m.reply, (void *)kt_unreadable[i].addr),
			-MK_EFAULT, kt_unreadable[i].what);
	PEER_EXPECT(&p, mk_reply(m.reply, (void *)kt_straddle(sizeof(m))),
		-MK_EFAULT, "msg running into an unmapped page");
	bad.buf = KT_KERNEL_ADDR;
	bad.len = 4;
	PEER_EXPECT(&p, mk_reply(m.reply, &bad), -MK_EFAULT,
		"bytes at a kernel address");
	bad.buf = KT_UNMAPPED;
	PEER_EXPECT(&p, mk_reply(m.reply, &bad), -MK_EFAULT, "unmapped bytes");
	bad.buf = (uint64_t)kt_rodata;
	bad.len = sizeof(room) + 1;
	PEER_EXPECT(&p, mk_reply(m.reply, &bad), -MK_EMSGSIZE,
		"more bytes than the caller has room for");
	bad.len = 0;
	bad.flags = MK_MSG_HANDLE | MK_MSG_GRANT;
	PEER_EXPECT(&p, mk_reply(m.reply, &bad), -MK_EINVAL,
		"a handle and a grant");
	bad.flags = 0x80;
	PEER_EXPECT(&p, mk_reply(m.reply, &bad), -MK_EINVAL, "unknown flag");
	PEER_EXPECT(&p, mk_reply(MK_HANDLE_BOOTFS, &bad), -MK_EBADF,
		"reply through a mem handle");
	PEER_EXPECT(&p, mk_reply(-1, &bad), -MK_EBADF, "reply through -1");
	PEER_EXPECT(&p, answer(&p, NULL, 10), 0, "the good reply");
	EXPECT_EQ(mk_reply(m.reply, &bad), -MK_EBADF, "a second reply");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	EXPECT_EQ(p.step[0].result, 0, "the caller's result");
	EXPECT_EQ(call.label, 10, "the caller's reply label");
	return NULL;
}

/* A receiver without room for the reply handle: -EMFILE for it, and the
 * caller stays queued. */
static const char *receive_with_a_full_handle_table_fails_the_receiver(void)
{
	struct mk_msg call = {.label = 50}, m;
	long r;
	int n;
	NEW_PEER(p);

	peer_step(&p, PEER_CALL, p.ep, &call);
	peer_go(&p);
	mk_yield(); /* the peer queues its call */
	n = kt_handles_fill(dups, 1024);
	r = serve(&p, &m, NULL, 0);
	kt_handles_unfill(dups, n);
	PEER_EXPECT(&p, r, -MK_EMFILE, "receive with a full table");
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive after closing");
	PEER_EXPECT(&p, m.label, 50, "label");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	EXPECT_EQ(p.step[0].result, 0, "the caller's result");
	return NULL;
}

static const char *reply_receive_replies_then_receives(void)
{
	struct mk_msg c1 = {.label = 20}, c2 = {.label = 21};
	struct mk_msg m, out = {.label = 120};
	NEW_PEER(p);

	peer_step(&p, PEER_CALL, p.ep, &c1);
	peer_step(&p, PEER_CALL, p.ep, &c2);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive");
	PEER_EXPECT(&p, mk_reply_receive(m.reply, p.ep, NULL), -MK_EFAULT,
		"reply_receive with a NULL msg");
	PEER_EXPECT(
		&p, mk_reply_receive(m.reply, p.ep, &out), 0, "reply_receive");
	p.pending_reply = out.reply;
	PEER_EXPECT(&p, out.label, 21, "label received");
	/* The reply goes out even though the receive cannot happen. */
	out.label = 121;
	PEER_EXPECT(&p, mk_reply_receive(out.reply, MK_HANDLE_BOOTFS, &out),
		-MK_EBADF, "reply_receive on a mem handle");
	p.pending_reply = -1;
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	EXPECT_EQ(p.step[0].result, 0, "first call");
	EXPECT_EQ(c1.label, 120, "first reply");
	EXPECT_EQ(p.step[1].result, 0, "second call");
	EXPECT_EQ(c2.label, 121, "second reply");
	return NULL;
}

/* ---- the order in which a call runs the others ---- */

static struct kt_thread order_server, order_runner;
static int order_ep;
static volatile int order_runner_ran;

/* Take one call and answer with whether the runner had run by then. */
static void order_server_main(struct kt_thread *self)
{
	struct mk_msg m = {.label = 0};
	int reply;

	(void)self;
	if (mk_receive(order_ep, &m) != 0)
		return;
	reply = m.reply;
	m = (struct mk_msg){.label = 0};
	m.w[0] = (uint64_t)order_runner_ran;
	mk_reply(reply, &m);
}

static void order_runner_main(struct kt_thread *self)
{
	(void)self;
	order_runner_ran = 1;
}

/*
 * A call switches straight to the receiver it wakes only when the
 * scheduler would pick it anyway: a thread that was ready before, at the
 * same priority, still runs first (FIFO within a priority).
 */
static const char *call_lets_a_thread_ready_before_it_run_first(void)
{
	struct mk_msg m = {.label = 1};
	long ep = mk_ep_create(), r;

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	order_ep = (int)ep;
	order_runner_ran = 0;
	FAIL_IF(kt_thread_start(&order_server, order_server_main, NULL) < 0,
		"thread_create");
	mk_yield(); /* the server runs until it waits in receive */
	FAIL_IF(kt_thread_start(&order_runner, order_runner_main, NULL) < 0,
		"thread_create");
	r = mk_call(order_ep, &m); /* the runner is ready, not yet run */
	FAIL_IF(kt_wait_threads(1) != 0, "the threads did not end");
	mk_handle_close(order_ep);
	EXPECT_EQ(r, 0, "call");
	EXPECT_EQ(m.w[0], 1, "the runner had run when the server received");
	return NULL;
}

/*
 * Events of an object's granted mappings: ep_events checks its buffer
 * like read() (the whole range at once, even with nothing to copy), and
 * an event it could not copy out stays queued.
 */
static const char *ep_events_into_a_bad_buffer_fails_and_keeps_them(void)
{
	struct mk_msg call = {.label = 30}, m, grant = {.flags = MK_MSG_GRANT};
	struct mk_event ev[4];
	long events = mk_ep_create(), mem, r[6];
	NEW_PEER(p);

	mem = mk_mem_create(1, (int)events, 0x10);
	FAIL_IF(events < 0 || mem < 0, "set-up: %ld %ld", events, mem);
	grant.grant = (struct mk_grant){
		.mem = (int)mem, .prot = MK_PROT_READ, .pages = 1, .tag = 0x77};
	r[0] = mk_ep_events((int)events, (void *)KT_KERNEL_ADDR, 4);
	peer_step(&p, PEER_CALL, p.ep, &call);
	peer_step(&p, PEER_UNMAP_GRANT, 0, &call);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive");
	PEER_EXPECT(&p, answer(&p, &grant, 0), 0, "reply with a grant");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	r[1] = mk_ep_events((int)events, NULL, 4);
	r[2] = mk_ep_events((int)events, (void *)kt_rodata, 4);
	r[3] = mk_ep_events((int)events, (void *)kt_straddle(sizeof(ev[0])), 1);
	r[4] = mk_ep_events((int)events, ev, 4);
	r[5] = mk_ep_events((int)events, ev, 4);
	mk_handle_close((int)mem);
	mk_handle_close((int)events);
	EXPECT_EQ(p.step[0].result, 0, "the call");
	EXPECT_EQ(p.step[1].result, 0, "the unmap of the grant");
	EXPECT_EQ(r[0], -MK_EFAULT, "kernel address, no events queued");
	EXPECT_EQ(r[1], -MK_EFAULT, "NULL");
	EXPECT_EQ(r[2], -MK_EFAULT, "read-only");
	EXPECT_EQ(r[3], -MK_EFAULT, "running into an unmapped page");
	EXPECT_EQ(r[4], 1, "events after the bad calls");
	FAIL_IF(ev[0].tag != 0x77 || ev[0].task_id != kt_self_id() ||
			ev[0].reason != MK_UNMAP_EXPLICIT,
		"event tag %#llx task %llu reason %u",
		(unsigned long long)ev[0].tag,
		(unsigned long long)ev[0].task_id, ev[0].reason);
	EXPECT_EQ(r[5], 0, "events once drained");
	return NULL;
}

static const char *ep_events_checks_handle_and_count(void)
{
	struct mk_event ev;
	long ep = mk_ep_create(), send = mk_handle_dup((int)ep, MK_RIGHT_SEND);
	long r[4];

	FAIL_IF(ep < 0 || send < 0, "set-up: %ld %ld", ep, send);
	r[0] = mk_ep_events((int)ep, &ev, 0);
	r[1] = mk_ep_events((int)ep, &ev, 1);
	r[2] = mk_ep_events((int)ep, &ev, 1ull << 60);
	r[3] = mk_ep_events((int)send, &ev, 1);
	mk_handle_close((int)send);
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], 0, "max 0");
	EXPECT_EQ(r[1], 0, "nothing queued");
	EXPECT_EQ(r[2], -MK_EFAULT, "room for 2^60 events");
	EXPECT_EQ(r[3], -MK_EPERM, "without RECEIVE");
	return NULL;
}

static const char *notify_bits_coalesce_and_0_is_einval(void)
{
	struct mk_msg m = {0};
	long ep = mk_ep_create(),
	     recv = mk_handle_dup((int)ep, MK_RIGHT_RECEIVE);
	long r[5];

	FAIL_IF(ep < 0 || recv < 0, "set-up: %ld %ld", ep, recv);
	r[0] = mk_ep_notify((int)ep, 0);
	r[1] = mk_ep_notify((int)recv, 1);
	r[2] = mk_ep_notify((int)ep, 1);
	r[3] = mk_ep_notify((int)ep, 1ull << 40);
	r[4] = mk_receive((int)ep, &m);
	mk_handle_close((int)recv);
	mk_handle_close((int)ep);
	EXPECT_EQ(r[0], -MK_EINVAL, "no bits");
	EXPECT_EQ(r[1], -MK_EPERM, "without SEND");
	EXPECT_EQ(r[2] | r[3], 0, "notify");
	EXPECT_EQ(r[4], 0, "receive");
	EXPECT_EQ(m.label, MK_LABEL_NOTIFY, "label");
	EXPECT_EQ(m.w[0], 1 | 1ull << 40, "bits");
	EXPECT_EQ(m.reply, -1, "reply handle of a notification");
	return NULL;
}

static const char *minted_handle_carries_its_badge_and_rights(void)
{
	struct mk_handle_info info;
	struct mk_msg call = {.label = 40}, m;
	long minted, r[3];
	NEW_PEER(p);

	minted = mk_ep_mint(p.ep, MK_RIGHT_SEND, 42);
	FAIL_IF(minted < 0, "mint: %ld", minted);
	mk_handle_info((int)minted, &info);
	r[0] = mk_ep_mint((int)minted, MK_RIGHT_SEND, 43);
	r[1] = mk_ep_mint(p.ep, MK_RIGHT_SEND | 1u << 20, 43);
	r[2] = mk_ep_mint(-3, MK_RIGHT_SEND, 43);
	peer_step(&p, PEER_CALL, (int)minted, &call);
	peer_go(&p);
	PEER_EXPECT(&p, serve(&p, &m, NULL, 0), 0, "receive");
	EXPECT_EQ(peer_finish(&p), 0, "peer");
	mk_handle_close((int)minted);
	EXPECT_EQ(info.badge, 42, "badge in handle_info");
	EXPECT_EQ(info.rights, MK_RIGHT_SEND, "rights");
	EXPECT_EQ(m.sender.badge, 42, "stamped badge");
	EXPECT_EQ(r[0], -MK_EPERM, "mint from a handle without DUP");
	EXPECT_EQ(r[1], -MK_EPERM, "mint with an unknown right");
	EXPECT_EQ(r[2], -MK_EBADF, "mint from handle -3");
	return NULL;
}

static const char *call_and_notify_to_a_dead_endpoint_fail_with_epipe(void)
{
	struct mk_msg m = {.label = 1};
	long ep = mk_ep_create(), send = mk_handle_dup((int)ep, MK_RIGHT_SEND);
	long r[2];

	FAIL_IF(ep < 0 || send < 0, "set-up: %ld %ld", ep, send);
	mk_handle_close((int)ep); /* the only RECEIVE handle */
	r[0] = mk_call((int)send, &m);
	r[1] = mk_ep_notify((int)send, 1);
	mk_handle_close((int)send);
	EXPECT_EQ(r[0], -MK_EPIPE, "call");
	EXPECT_EQ(r[1], -MK_EPIPE, "notify");
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(call_receive_reply_round_trip),
	HARNESS_TEST(call_with_bad_arguments_fails_at_once),
	HARNESS_TEST(call_with_an_unreadable_buffer_fails_the_caller),
	HARNESS_TEST(call_with_a_read_only_msg_gets_efault_for_the_reply),
	HARNESS_TEST(receive_with_bad_arguments_fails_at_once),
	HARNESS_TEST(receive_into_read_only_memory_fails_the_receiver),
	HARNESS_TEST(receive_into_memory_remapped_read_only_fails),
	HARNESS_TEST(receiver_room_unmapped_while_it_waits_fails_it),
	HARNESS_TEST(reply_with_bad_arguments_fails_and_keeps_the_handle),
	HARNESS_TEST(receive_with_a_full_handle_table_fails_the_receiver),
	HARNESS_TEST(reply_receive_replies_then_receives),
	HARNESS_TEST(call_lets_a_thread_ready_before_it_run_first),
	HARNESS_TEST(ep_events_into_a_bad_buffer_fails_and_keeps_them),
	HARNESS_TEST(ep_events_checks_handle_and_count),
	HARNESS_TEST(notify_bits_coalesce_and_0_is_einval),
	HARNESS_TEST(minted_handle_carries_its_badge_and_rights),
	HARNESS_TEST(call_and_notify_to_a_dead_endpoint_fail_with_epipe),
};

int main(void)
{
	return harness_run(tests, HARNESS_COUNT(tests));
}
