/*
 * Guest tests of message passing between tasks: call, receive, reply and
 * reply_receive with words, label and out-of-line bytes; the sender stamp;
 * kept reply handles; callers and servers that die or lose their
 * endpoint; rights; handles moved in messages; notifications. This
 * program runs copies of itself (a mode word, a number) as the other
 * side, each given its handles at slots 1, 2, ... A watchdog thread ends
 * any receive that waits too long, so a kernel that loses a message gives
 * a FAIL line, not a hang. The free-frame count is compared with its
 * start value at the end. Helpers: ktest.h, ktest_child.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/layout.h>
#include <mk/mk.h>
#include <mk/spawn.h>

#include "harness.h"
#include "ktest.h"

#define KC_PROGRAM "test_kernel_ipc"
#include "ktest_child.h"

#define SYNC_BIT 1ull /* notification: a child reached its call */

static struct mk_frames frames_at_start;

/* An endpoint and a SEND handle to it with badge (and DUP, so that it can
 * be given to a child): 0 or -errno. */
static long ep_pair(int *ep, int *send, uint64_t badge)
{
	long r = mk_ep_create();

	if (r < 0)
		return r;
	*ep = (int)r;
	r = mk_ep_mint(*ep, MK_RIGHT_SEND | MK_RIGHT_DUP, badge);
	if (r < 0) {
		mk_handle_close(*ep);
		return r;
	}
	*send = (int)r;
	return 0;
}

#define NEW_EP_PAIR(ep, send, badge)                                           \
	int ep, send;                                                          \
	do {                                                                   \
		long r_ = ep_pair(&ep, &send, badge);                          \
		FAIL_IF(r_ < 0, "endpoint: %ld", r_);                          \
	} while (0)

/* Start a child with one handle, or fail the test. */
#define START1(task, mode, arg, h)                                             \
	long task = kc_start(mode, arg, (int[]){h}, NULL, 1, 0);               \
	KC_CHECK(task < 0, "spawn %s: %ld", mode, task)

/* Reply to reply handle rh with just a label and w[0]. */
static long reply_label(int rh, uint64_t label, uint64_t w0)
{
	struct mk_msg r = {.label = label};

	r.w[0] = w0;
	return mk_reply(rh, &r);
}

/* ---- the children's parts ---- */

/* Call KC_H1 with label 0x1001, six words and 64 bytes; check the reply. */
static int child_round_trip(long arg)
{
	static unsigned char buf[64];
	struct mk_msg m = {.label = 0x1001, .buf = (uint64_t)buf};

	(void)arg;
	for (int i = 0; i < MK_MSG_WORDS; i++)
		m.w[i] = 0x100 + i;
	kc_pattern_fill(buf, 64, 1);
	m.len = 64;
	m.cap = 64;
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "call");
	KC_CHILD_EXPECT(m.label, 0x2002, 2, "reply label");
	for (int i = 0; i < MK_MSG_WORDS; i++)
		KC_CHILD_EXPECT(m.w[i], 0x200 + i, 3, "reply word");
	KC_CHILD_EXPECT(m.len, 32, 4, "reply length");
	KC_CHILD_EXPECT(kc_pattern_check(buf, 32, 2), 32, 5, "reply byte");
	KC_CHILD_EXPECT(m.flags, 0, 6, "reply flags");
	return 0;
}

/* Send MK_MSG_BUF_MAX bytes and take as many back. */
static int child_big(long arg)
{
	static unsigned char buf[MK_MSG_BUF_MAX];
	struct mk_msg m = {.label = 7, .buf = (uint64_t)buf};

	(void)arg;
	kc_pattern_fill(buf, sizeof(buf), 3);
	m.len = m.cap = sizeof(buf);
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "call");
	KC_CHILD_EXPECT(m.len, sizeof(buf), 2, "reply length");
	KC_CHILD_EXPECT(kc_pattern_check(buf, sizeof(buf), 4), sizeof(buf), 3,
		"reply byte");
	return 0;
}

/* 100 bytes to a receiver with room for 50, then 10 bytes and the
 * first call's result in w[0]. */
static int child_cap(long arg)
{
	static unsigned char buf[100];
	struct mk_msg m = {.label = 1, .buf = (uint64_t)buf, .len = 100};

	(void)arg;
	kc_pattern_fill(buf, sizeof(buf), 5);
	m.w[0] = (uint64_t)mk_call(KC_H1, &m);
	m.label = 2;
	m.len = 10;
	m.cap = 0;
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "second call");
	KC_CHILD_EXPECT(m.label, 3, 2, "reply label");
	return 0;
}

/*
 * Calls with bad buffers: bytes to send that are unmapped, then reply
 * room that is unmapped, then read-only. A fourth call reports their
 * results in w[0..2].
 */
static int child_bad_buffers(long arg)
{
	struct mk_msg m = {.label = 0, .buf = KT_UNMAPPED, .len = 8};
	uint64_t r[3];

	(void)arg;
	r[0] = (uint64_t)mk_call(KC_H1, &m);
	memset(&m, 0, sizeof(m));
	m.label = 1;
	m.buf = KT_UNMAPPED;
	m.cap = 64;
	r[1] = (uint64_t)mk_call(KC_H1, &m);
	memset(&m, 0, sizeof(m));
	m.label = 2;
	m.buf = (uint64_t)kt_rodata;
	m.cap = sizeof(kt_rodata);
	r[2] = (uint64_t)mk_call(KC_H1, &m);
	memset(&m, 0, sizeof(m));
	m.label = 3;
	memcpy(m.w, r, sizeof(r));
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "fourth call");
	KC_CHILD_EXPECT(m.label, 4, 2, "reply label");
	return 0;
}

/* New credentials, a body full of false claims, a call through each of
 * KC_H1 and KC_H2 (differently badged). */
static int child_stamp(long arg)
{
	struct mk_cred cred = {1000, 2000, MK_CAP_IPC_OWNER};
	struct mk_msg m;

	(void)arg;
	KC_CHILD_EXPECT(mk_cred_set(MK_HANDLE_NONE, &cred), 0, 1, "cred_set");
	for (int h = KC_H1; h <= KC_H2; h++) {
		memset(&m, 0, sizeof(m));
		m.label = (uint64_t)h;
		m.w[0] = kt_self_id();
		m.sender.task_id = 4242;
		m.sender.badge = 77;
		m.sender.uid = m.sender.gid = 0;
		m.sender.caps = MK_CAPS_ALL;
		m.sender.ns[0] = m.sender.ns[1] = 99;
		KC_CHILD_EXPECT(mk_call(h, &m), 0, 2, "call");
	}
	return 0;
}

/* Call with label arg, w[0] = arg * 7; expect label arg * 10 and
 * w[0] + 1 back. */
static int child_order(long arg)
{
	struct mk_msg m = {.label = (uint64_t)arg};

	m.w[0] = (uint64_t)arg * 7;
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "call");
	KC_CHILD_EXPECT(m.label, arg * 10, 2, "reply label");
	KC_CHILD_EXPECT(m.w[0], arg * 7 + 1, 3, "reply word");
	return 0;
}

/* "order" after 30 ms: a caller that comes once the server waits. */
static int child_late(long arg)
{
	mk_sleep_ns(30 * KC_MS);
	return child_order(arg);
}

/* Notify SYNC_BIT on KC_H1, then call it with label arg and wait for
 * whatever comes: exit 0 if the call's result is -arg2. */
static int child_expect_call(long arg)
{
	struct mk_msg m = {.label = 0x5a};

	KC_CHILD_EXPECT(mk_ep_notify(KC_H1, SYNC_BIT), 0, 1, "notify");
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), -arg, 2, "call");
	return 0;
}

/* Call with label arg and never expect to return (killed). */
static int child_block(long arg)
{
	struct mk_msg m = {.label = (uint64_t)arg};

	if (arg & 0x100)
		mk_ep_notify(KC_H1, SYNC_BIT);
	return kc_child_fail(99, "the call returned", mk_call(KC_H1, &m));
}

/* Receive one call on KC_H1 (skipping notifications), notify KC_H2, wait to be
 * killed; with arg 1, exit instead, keeping the reply handle. */
static int child_server(long arg)
{
	struct mk_msg m;
	long r;

	do {
		memset(&m, 0, sizeof(m));
		r = mk_receive(KC_H1, &m);
	} while (r == 0 && m.label == MK_LABEL_NOTIFY);
	KC_CHILD_EXPECT(r, 0, 1, "receive");
	if (arg == 1)
		return 0;
	mk_ep_notify(KC_H2, SYNC_BIT);
	mk_sleep_ns(10 * KT_WAIT_NS);
	return 2;
}

/* Move a mem handle (MAP | DUP) in a call; take an endpoint handle from
 * the reply and call through it. */
static int child_move_mem(long arg)
{
	struct mk_handle_info info;
	struct mk_msg m = {.label = 1, .flags = MK_MSG_HANDLE};
	long mem = mk_mem_create(2, MK_HANDLE_NONE, 0), hm, addr;
	int back;

	(void)arg;
	KC_CHILD_EXPECT(mem >= 0, 1, 1, "mem_create");
	addr = mk_mem_map((int)mem, MK_HANDLE_NONE, 0, 0, 2,
		MK_PROT_READ | MK_PROT_WRITE);
	KC_CHILD_EXPECT(addr > 0, 1, 2, "mem_map");
	kc_pattern_fill((unsigned char *)addr, 2 * KT_PAGE, 7);
	KC_CHILD_EXPECT(
		mk_mem_unmap((uint64_t)addr, 2 * KT_PAGE), 0, 3, "unmap");
	hm = mk_handle_dup((int)mem, MK_RIGHT_MAP | MK_RIGHT_DUP);
	KC_CHILD_EXPECT(mk_handle_info((int)mem, &info), 0, 4, "handle_info");
	mk_handle_close((int)mem);
	m.handle = (int)hm;
	m.w[0] = info.object_id;
	m.w[1] = kt_self_id();
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 5, "call");

	/* The mem handle is gone; the reply brought an endpoint handle. */
	KC_CHILD_EXPECT(m.flags, MK_MSG_HANDLE, 6, "reply flags");
	KC_CHILD_EXPECT(mk_handle_info(m.handle, &info), 0, 7, "moved handle");
	KC_CHILD_EXPECT(info.type, MK_OBJ_ENDPOINT, 8, "moved handle's type");
	KC_CHILD_EXPECT(info.rights, MK_RIGHT_SEND | MK_RIGHT_DUP, 9,
		"moved handle's rights");
	KC_CHILD_EXPECT(info.badge, 0x77, 10, "moved handle's badge");
	if (m.handle != hm)
		KC_CHILD_EXPECT(mk_handle_info((int)hm, &info), -MK_EBADF, 11,
			"the sent handle");
	back = m.handle;
	memset(&m, 0, sizeof(m));
	m.label = 0x55;
	KC_CHILD_EXPECT(mk_call(back, &m), 0, 12, "call on the moved handle");
	KC_CHILD_EXPECT(m.label, 0x56, 13, "its reply");
	return 0;
}

/* Move a new endpoint's only receive handle in a call, keeping a SEND
 * handle (badge 5), then call through that. */
static int child_move_ep(long arg)
{
	struct mk_msg m = {.label = 1, .flags = MK_MSG_HANDLE};
	long ep2 = mk_ep_create(), send2;

	(void)arg;
	KC_CHILD_EXPECT(ep2 >= 0, 1, 1, "ep_create");
	send2 = mk_ep_mint((int)ep2, MK_RIGHT_SEND, 5);
	KC_CHILD_EXPECT(send2 >= 0, 1, 2, "ep_mint");
	m.handle = (int)ep2;
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 3, "call moving the endpoint");
	memset(&m, 0, sizeof(m));
	m.label = 0x77;
	KC_CHILD_EXPECT(mk_call((int)send2, &m), 0, 4, "call on the moved one");
	KC_CHILD_EXPECT(m.label, 0x78, 5, "its reply");
	return 0;
}

/* 16 notifications (bits 0..15) with yields between, then a call with the
 * number of notifies that did not return 0 in w[0]. */
static int child_notifier(long arg)
{
	struct mk_msg m = {.label = 0xd0e};

	(void)arg;
	for (int i = 0; i < 16; i++) {
		if (mk_ep_notify(KC_H1, 1ull << i) != 0)
			m.w[0]++;
		mk_yield();
	}
	KC_CHILD_EXPECT(mk_call(KC_H1, &m), 0, 1, "call");
	return 0;
}

/* Sleep 20 ms, then notify KC_H1 with arg. */
static int child_notify_later(long arg)
{
	mk_sleep_ns(20 * KC_MS);
	KC_CHILD_EXPECT(mk_ep_notify(KC_H1, (uint64_t)arg), 0, 1, "notify");
	return 0;
}

static int child_nop(long arg)
{
	(void)arg;
	return 0;
}

static const struct kc_mode child_modes[] = {
	{"round-trip", child_round_trip},
	{"big", child_big},
	{"cap", child_cap},
	{"bad-buffers", child_bad_buffers},
	{"stamp", child_stamp},
	{"order", child_order},
	{"late", child_late},
	{"expect-call", child_expect_call},
	{"block", child_block},
	{"server", child_server},
	{"move-mem", child_move_mem},
	{"move-ep", child_move_ep},
	{"notifier", child_notifier},
	{"notify-later", child_notify_later},
	{"nop", child_nop},
};

/* ---- round trips ---- */

static const char *call_receive_reply_round_trip_carries_words_and_bytes(void)
{
	static unsigned char in[128], out[65];
	struct mk_msg m, r = {.label = 0x2002, .buf = (uint64_t)out};
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "round-trip", 0, send);

	mk_handle_close(send);
	KC_CHECK_EQ(kc_receive(ep, &m, in, sizeof(in)), 0, "receive");
	KC_CHECK_EQ(m.label, 0x1001, "label");
	for (int i = 0; i < MK_MSG_WORDS; i++)
		KC_CHECK_EQ(m.w[i], 0x100 + i, "word");
	KC_CHECK_EQ(m.len, 64, "bytes received");
	KC_CHECK_EQ(m.cap, sizeof(in), "room");
	KC_CHECK_EQ(kc_pattern_check(in, 64, 1), 64, "first wrong byte");
	KC_CHECK_EQ(m.flags, 0, "flags");
	KC_CHECK(m.reply < 0, "no reply handle: %d", m.reply);
	KC_CHECK_EQ(m.sender.task_id, mk_task_id((int)task), "sender");

	for (int i = 0; i < MK_MSG_WORDS; i++)
		r.w[i] = 0x200 + i;
	kc_pattern_fill(out, sizeof(out), 2);
	r.len = 65; /* one more than the caller has room for */
	KC_CHECK_EQ(
		mk_reply(m.reply, &r), -MK_EMSGSIZE, "reply beyond the room");
	r.len = MK_MSG_BUF_MAX + 1;
	KC_CHECK_EQ(mk_reply(m.reply, &r), -MK_EMSGSIZE,
		"reply beyond MK_MSG_BUF_MAX");
	r.len = 32;
	KC_CHECK_EQ(mk_reply(m.reply, &r), 0, "reply");
	KC_CHECK_EQ(
		mk_reply(m.reply, &r), -MK_EBADF, "second reply (one-shot)");
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close(ep);
	return NULL;
}

/*
 * A server's reply_receive that answers with bytes out of its receive
 * room (as the ipc-ns server does): they arrive; bytes beyond the
 * caller's room are refused with the reply handle kept.
 */
static const char *reply_receive_sends_bytes_from_its_own_room(void)
{
	static unsigned char in[128];
	struct mk_msg m;
	long rh;
	NEW_EP_PAIR(ep, send, 0);

	for (int round = 0; round < 2; round++) {
		/* Both spawned first: a spawn maps and unmaps in our space,
		 * which makes the kernel check our room again (the general
		 * way). The late caller calls once we wait: the fast way. */
		START1(task, "round-trip", 0, send);
		START1(next, "late", 6, send);

		KC_CHECK_EQ(kc_receive(ep, &m, in, sizeof(in)), 0, "receive");
		KC_CHECK_EQ(m.label, 0x1001, "the round trip's call first");
		m.label = 0x2002;
		for (int i = 0; i < MK_MSG_WORDS; i++)
			m.w[i] = 0x200 + i;
		kc_pattern_fill(in, sizeof(in), 2);
		m.buf = (uint64_t)in;
		m.cap = sizeof(in);
		rh = m.reply;
		if (round == 1) {
			m.len = 65; /* the caller has room for 64 */
			KC_CHECK_EQ(mk_reply_receive((int)rh, ep, &m),
				-MK_EMSGSIZE, "bytes beyond the caller's room");
			m.len = 32;
			KC_CHECK_EQ(mk_reply((int)rh, &m), 0, "reply after it");
			KC_CHECK_EQ(kc_receive(ep, &m, in, sizeof(in)), 0,
				"receive");
		} else {
			m.len = 32;
			KC_CHECK_EQ(mk_reply_receive((int)rh, ep, &m), 0,
				"reply_receive with bytes");
		}
		KC_CHECK_EQ(m.label, 6, "then the next caller");
		KC_CHECK_CHILD_OK(task, "the round trip's caller");
		KC_CHECK_EQ(reply_label(m.reply, 60, 43), 0, "reply");
		KC_CHECK_CHILD_OK(next, "the next caller");
	}
	mk_handle_close(send);
	mk_handle_close(ep);
	return NULL;
}

static const char *msg_buf_max_bytes_cross_both_ways(void)
{
	static unsigned char buf[MK_MSG_BUF_MAX + 1];
	struct mk_msg m, r = {.buf = (uint64_t)buf, .len = MK_MSG_BUF_MAX};
	NEW_EP_PAIR(ep, send, 0);

	/* One byte too many: refused before the call could block. */
	m = (struct mk_msg){.buf = (uint64_t)buf, .len = MK_MSG_BUF_MAX + 1};
	EXPECT_EQ(mk_call(send, &m), -MK_EMSGSIZE, "call of 16 KiB + 1");

	START1(task, "big", 0, send);
	mk_handle_close(send);
	KC_CHECK_EQ(kc_receive(ep, &m, buf, MK_MSG_BUF_MAX), 0, "receive");
	KC_CHECK_EQ(m.len, MK_MSG_BUF_MAX, "bytes received");
	KC_CHECK_EQ(kc_pattern_check(buf, MK_MSG_BUF_MAX, 3), MK_MSG_BUF_MAX,
		"first wrong byte");
	kc_pattern_fill(buf, MK_MSG_BUF_MAX, 4);
	KC_CHECK_EQ(mk_reply(m.reply, &r), 0, "reply");
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close(ep);
	return NULL;
}

/* Documented: the caller is failed, the receiver takes the next call. */
static const char *message_beyond_the_receivers_room_fails_the_caller(void)
{
	static unsigned char in[50];
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "cap", 0, send);

	mk_handle_close(send);
	KC_CHECK_EQ(kc_receive(ep, &m, in, sizeof(in)), 0, "receive");
	KC_CHECK_EQ(m.label, 2, "label (the second call)");
	KC_CHECK_EQ(m.w[0], -MK_EMSGSIZE, "the first call's result");
	KC_CHECK_EQ(m.len, 10, "bytes received");
	KC_CHECK_EQ(kc_pattern_check(in, 10, 5), 10, "first wrong byte");
	KC_CHECK_EQ(reply_label(m.reply, 3, 0), 0, "reply");
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close(ep);
	return NULL;
}

/*
 * A bad buffer is the error of the side it belongs to: the receiver's
 * own fails its receive and leaves the caller queued; a caller's bytes
 * or reply room fail its call with -EFAULT, and the reply into such room
 * still counts as made for the server (as for a caller's unwritable msg).
 */
static const char *bad_buffers_fail_only_the_side_at_fault(void)
{
	static unsigned char in[64], out[8];
	struct mk_msg m, r = {.label = 11, .buf = (uint64_t)out, .len = 8};
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "bad-buffers", 0, send);

	mk_handle_close(send);
	mk_sleep_ns(20 * KC_MS); /* its first call queues */
	KC_CHECK_EQ(kc_receive(ep, &m, (void *)KT_UNMAPPED, 64), -MK_EFAULT,
		"receive into unmapped room");
	KC_CHECK_EQ(kc_receive(ep, &m, (void *)kt_rodata, 64), -MK_EFAULT,
		"receive into read-only room");
	for (int i = 1; i <= 2; i++) {
		KC_CHECK_EQ(kc_receive(ep, &m, in, sizeof(in)), 0, "receive");
		KC_CHECK_EQ(m.label, i, "label");
		KC_CHECK_EQ(mk_reply(m.reply, &r), 0, "reply into bad room");
	}
	KC_CHECK_EQ(kc_receive(ep, &m, in, sizeof(in)), 0, "receive");
	KC_CHECK_EQ(m.label, 3, "label");
	KC_CHECK_EQ(m.w[0], -MK_EFAULT, "call with unmapped bytes");
	KC_CHECK_EQ(m.w[1], -MK_EFAULT, "call with unmapped room");
	KC_CHECK_EQ(m.w[2], -MK_EFAULT, "call with read-only room");
	KC_CHECK_EQ(reply_label(m.reply, 4, 0), 0, "reply");
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close(ep);
	return NULL;
}

/*
 * The stamp comes from the kernel: task id, badge, credentials, labels.
 * (The child's labels are its inherited ones: setting others needs the
 * nsctl handle, which only init holds.)
 */
static const char *receiver_trusts_the_kernels_stamp_not_the_body(void)
{
	struct mk_msg m;
	long ep = mk_ep_create(), s1, s2, task;

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	s1 = mk_ep_mint((int)ep, MK_RIGHT_SEND | MK_RIGHT_DUP, 0x5eed1);
	s2 = mk_ep_mint((int)ep, MK_RIGHT_SEND | MK_RIGHT_DUP, 0x5eed2);
	task = kc_start("stamp", 0, (int[]){(int)s1, (int)s2}, NULL, 2, 0);
	mk_handle_close((int)s1);
	mk_handle_close((int)s2);
	KC_CHECK(task < 0, "spawn: %ld", task);
	for (int h = KC_H1; h <= KC_H2; h++) {
		KC_CHECK_EQ(kc_receive((int)ep, &m, NULL, 0), 0, "receive");
		KC_CHECK_EQ(m.label, h, "label");
		KC_CHECK_EQ(m.sender.task_id, mk_task_id((int)task), "task id");
		KC_CHECK_EQ(m.w[0], m.sender.task_id, "the child's own id");
		KC_CHECK_EQ(m.sender.badge, h == KC_H1 ? 0x5eed1 : 0x5eed2,
			"badge");
		KC_CHECK_EQ(m.sender.uid, 1000, "uid");
		KC_CHECK_EQ(m.sender.gid, 2000, "gid");
		KC_CHECK_EQ(m.sender.caps, MK_CAP_IPC_OWNER, "caps");
		for (int k = 0; k < MK_NS_KINDS; k++)
			KC_CHECK_EQ(m.sender.ns[k], mk_ns_get(k),
				"namespace label");
		KC_CHECK_EQ(reply_label(m.reply, 0, 0), 0, "reply");
	}
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close((int)ep);
	return NULL;
}

/* ---- kept reply handles and reply_receive ---- */

static const char *server_answers_kept_reply_handles_in_any_order(void)
{
	static const int order[3] = {2, 3, 1};
	struct mk_handle_info info;
	int rh[4] = {-1, -1, -1, -1};
	long task[4];
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);

	for (int i = 1; i <= 3; i++) {
		task[i] = kc_start("order", i, &send, NULL, 1, 0);
		KC_CHECK(task[i] < 0, "spawn: %ld", task[i]);
	}
	mk_handle_close(send);
	for (int n = 0; n < 3; n++) {
		KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
		KC_CHECK(m.label < 1 || m.label > 3 || rh[m.label] >= 0,
			"label %lu", (unsigned long)m.label);
		KC_CHECK_EQ(m.sender.task_id, mk_task_id((int)task[m.label]),
			"sender");
		KC_CHECK_EQ(mk_handle_info(m.reply, &info), 0, "handle_info");
		KC_CHECK_EQ(info.type, MK_OBJ_REPLY, "reply handle's type");
		rh[m.label] = m.reply;
	}
	for (int n = 0; n < 3; n++) {
		int i = order[n];

		KC_CHECK_EQ(reply_label(rh[i], i * 10, i * 7 + 1), 0, "reply");
	}
	for (int i = 1; i <= 3; i++)
		KC_CHECK_CHILD_OK(task[i], "caller");
	mk_handle_close(ep);
	return NULL;
}

static const char *reply_receive_answers_one_and_takes_the_next(void)
{
	struct mk_msg m;
	uint64_t first;
	NEW_EP_PAIR(ep, send, 0);
	START1(t1, "order", 1, send);
	START1(t2, "order", 2, send);

	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	first = m.label;
	KC_CHECK(first != 1 && first != 2, "label %lu", (unsigned long)first);
	m.label = first * 10;
	m.w[0] = first * 7 + 1;
	KC_CHECK_EQ(mk_reply_receive(m.reply, ep, &m), 0, "reply_receive");
	KC_CHECK_EQ(m.label, 3 - first, "the second caller's label");
	KC_CHECK_EQ(reply_label(m.reply, m.label * 10, m.label * 7 + 1), 0,
		"reply");
	KC_CHECK_CHILD_OK(t1, "first caller");
	KC_CHECK_CHILD_OK(t2, "second caller");

	/* A caller that died since: -ESRCH inside, and the receive goes on. */
	{
		START1(t3, "block", 5, send);
		KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
		KC_CHECK_EQ(m.label, 5, "label");
		KC_CHECK_EQ(mk_task_kill((int)t3, MK_SIGKILL), 0, "kill");
		KC_CHECK_EQ(kc_end((int)t3), MK_SIGKILL, "killed caller");
		START1(t4, "order", 4, send);
		m.label = 0;
		KC_CHECK_EQ(
			mk_reply_receive(m.reply, ep, &m), 0, "reply_receive");
		KC_CHECK_EQ(m.label, 4, "the next caller's label");
		KC_CHECK_EQ(reply_label(m.reply, 40, 29), 0, "reply");
		KC_CHECK_CHILD_OK(t4, "next caller");
	}
	mk_handle_close(send);
	mk_handle_close(ep);
	return NULL;
}

/* ---- callers and servers that go away ---- */

static const char *reply_to_a_killed_caller_fails_with_esrch(void)
{
	struct mk_handle_info info;
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);

	for (int reaped = 0; reaped <= 1; reaped++) {
		START1(task, "block", 1, send);
		KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
		KC_CHECK_EQ(mk_task_kill((int)task, MK_SIGKILL), 0, "kill");
		if (reaped)
			KC_CHECK_EQ(kc_end((int)task), MK_SIGKILL, "caller");
		KC_CHECK_EQ(reply_label(m.reply, 1, 0), -MK_ESRCH,
			reaped ? "reply to a reaped caller"
			       : "reply to a killed caller");
		/* The stale handle is closed by that reply: nothing leaks. */
		KC_CHECK_EQ(mk_handle_info(m.reply, &info), -MK_EBADF,
			"the reply handle after -ESRCH");
		if (!reaped)
			KC_CHECK_EQ(kc_end((int)task), MK_SIGKILL, "caller");
	}
	mk_handle_close(send);
	mk_handle_close(ep);
	return NULL;
}

static const char *caller_killed_while_queued_is_never_received(void)
{
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);
	START1(t1, "block", 0x101, send);

	/* The child notifies just before its call: it then queues. */
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "the child's sign");
	mk_sleep_ns(10 * KC_MS);
	KC_CHECK_EQ(mk_task_kill((int)t1, MK_SIGKILL), 0, "kill");
	KC_CHECK_EQ(kc_end((int)t1), MK_SIGKILL, "killed caller");

	START1(t2, "order", 2, send);
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, 2, "label (the live caller's)");
	KC_CHECK_EQ(m.sender.task_id, mk_task_id((int)t2), "sender");
	KC_CHECK_EQ(reply_label(m.reply, 20, 15), 0, "reply");
	KC_CHECK_CHILD_OK(t2, "live caller");
	mk_handle_close(send);
	mk_handle_close(ep);
	return NULL;
}

/*
 * A server (the only task with a RECEIVE handle) takes one call and is
 * killed: that caller (its reply handle closed) and the queued ones (the
 * endpoint dead) all get -EPIPE, and so does a later call.
 */
static const char *server_death_fails_every_waiting_caller_with_epipe(void)
{
	struct mk_msg m = {0};
	long callers[3];
	int sync, sync_send;
	NEW_EP_PAIR(ep, send, 0);

	FAIL_IF(ep_pair(&sync, &sync_send, 0) < 0, "sync endpoint");
	long server = kc_start("server", 0, (int[]){ep, sync_send}, NULL, 2, 0);
	mk_handle_close(ep);
	mk_handle_close(sync_send);
	KC_CHECK(server < 0, "spawn server: %ld", server);
	for (int i = 0; i < 3; i++) {
		callers[i] =
			kc_start("expect-call", MK_EPIPE, &send, NULL, 1, 0);
		KC_CHECK(callers[i] < 0, "spawn caller: %ld", callers[i]);
	}
	KC_CHECK_EQ(kc_receive(sync, &m, NULL, 0), 0, "the server's sign");
	mk_sleep_ns(30 * KC_MS); /* the other callers queue */
	KC_CHECK_EQ(mk_task_kill((int)server, MK_SIGKILL), 0, "kill server");
	KC_CHECK_EQ(kc_end((int)server), MK_SIGKILL, "server");
	for (int i = 0; i < 3; i++)
		KC_CHECK_CHILD_OK(callers[i], "caller");
	KC_CHECK_EQ(mk_call(send, &m), -MK_EPIPE, "a later call");
	KC_CHECK_EQ(mk_ep_notify(send, 1), -MK_EPIPE, "a later notify");
	mk_handle_close(send);
	mk_handle_close(sync);
	return NULL;
}

static const char *server_exit_with_a_kept_reply_fails_its_caller(void)
{
	NEW_EP_PAIR(ep, send, 0);
	long server = kc_start("server", 1, (int[]){ep, send}, NULL, 2, 0);

	mk_handle_close(ep);
	KC_CHECK(server < 0, "spawn server: %ld", server);
	START1(caller, "expect-call", MK_EPIPE, send);
	KC_CHECK_EQ(kc_end((int)server), KT_EXITED(0), "server");
	KC_CHECK_CHILD_OK(caller, "caller");
	mk_handle_close(send);
	return NULL;
}

static const char *closing_the_last_receive_handle_fails_callers(void)
{
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "expect-call", MK_EPIPE, send);

	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "the child's sign");
	mk_sleep_ns(10 * KC_MS); /* it queues */
	KC_CHECK_EQ(mk_handle_close(ep), 0, "close");
	KC_CHECK_CHILD_OK(task, "queued caller");
	KC_CHECK_EQ(mk_call(send, &m), -MK_EPIPE, "a later call");
	mk_handle_close(send);
	return NULL;
}

/* What a receiving thread was given and what it got. */
struct receiver_arg {
	int h;
	volatile long result;
	struct mk_msg m;
};

static void receiver_main(struct kt_thread *self)
{
	struct receiver_arg *a = self->arg;

	a->result = mk_receive(a->h, &a->m);
}

static struct kt_thread receiver_thread;

/*
 * A thread blocked in receive on h2: closing another RECEIVE handle
 * leaves it waiting; closing h2 wakes it with -EBADF while the endpoint
 * lives on (h3).
 */
static const char *closing_a_receive_handle_wakes_only_its_receivers(void)
{
	struct receiver_arg a = {.result = 1};
	long h1 = mk_ep_create(), h2, h3;
	struct mk_msg m;

	FAIL_IF(h1 < 0, "ep_create: %ld", h1);
	h2 = mk_handle_dup((int)h1, MK_RIGHT_SEND | MK_RIGHT_RECEIVE);
	h3 = mk_handle_dup((int)h1, MK_RIGHT_SEND | MK_RIGHT_RECEIVE);
	FAIL_IF(h2 < 0 || h3 < 0, "dup: %ld, %ld", h2, h3);
	a.h = (int)h2;
	FAIL_IF(kt_thread_start(&receiver_thread, receiver_main, &a) < 0,
		"thread_create");
	mk_sleep_ns(10 * KC_MS);
	EXPECT_EQ(a.result, 1, "receive before any close");
	EXPECT_EQ(mk_handle_close((int)h1), 0, "close another handle");
	mk_sleep_ns(10 * KC_MS);
	EXPECT_EQ(a.result, 1, "receive after another handle closed");
	EXPECT_EQ(mk_handle_close((int)h2), 0, "close the receiver's handle");
	FAIL_IF(kt_wait_flag(&receiver_thread.done) != 0,
		"the receiver was not woken");
	EXPECT_EQ(a.result, -MK_EBADF, "the receiver's result");

	/* The endpoint itself lives on through h3. */
	EXPECT_EQ(mk_ep_notify((int)h3, 4), 0, "notify");
	EXPECT_EQ(kc_receive((int)h3, &m, NULL, 0), 0, "receive");
	EXPECT_EQ(m.w[0], 4, "notification bits");
	mk_handle_close((int)h3);
	return NULL;
}

/* ---- rights and moved handles ---- */

static const char *call_and_receive_need_their_rights(void)
{
	struct mk_handle_info info;
	struct mk_msg m = {0};
	struct mk_event ev;
	long ep = mk_ep_create(), recv_only, send_only, send_dup, mem;

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	recv_only = mk_ep_mint((int)ep, MK_RIGHT_RECEIVE, 0);
	send_only = mk_ep_mint((int)ep, MK_RIGHT_SEND, 0);
	send_dup = mk_ep_mint((int)ep, MK_RIGHT_SEND | MK_RIGHT_DUP, 0);
	mem = mk_mem_create(1, MK_HANDLE_NONE, 0);
	FAIL_IF(recv_only < 0 || send_only < 0 || send_dup < 0 || mem < 0,
		"setup");

	EXPECT_EQ(mk_call((int)recv_only, &m), -MK_EPERM, "call without SEND");
	EXPECT_EQ(mk_ep_notify((int)recv_only, 1), -MK_EPERM,
		"notify without SEND");
	EXPECT_EQ(mk_receive((int)send_only, &m), -MK_EPERM,
		"receive without RECEIVE");
	EXPECT_EQ(mk_ep_events((int)send_only, &ev, 1), -MK_EPERM,
		"events without RECEIVE");
	EXPECT_EQ(
		mk_ep_mint((int)send_dup, MK_RIGHT_SEND | MK_RIGHT_RECEIVE, 0),
		-MK_EPERM, "mint with more rights");
	EXPECT_EQ(mk_ep_mint((int)send_only, MK_RIGHT_SEND, 0), -MK_EPERM,
		"mint without DUP");
	EXPECT_EQ(mk_call((int)mem, &m), -MK_EBADF, "call on a mem handle");
	EXPECT_EQ(
		mk_receive((int)mem, &m), -MK_EBADF, "receive on a mem handle");
	m.flags = MK_MSG_GRANT;
	EXPECT_EQ(mk_call((int)send_only, &m), -MK_EINVAL, "call with a grant");

	/* A handle that may not travel stays where it is. */
	m.flags = MK_MSG_HANDLE;
	m.handle = (int)send_only;
	EXPECT_EQ(mk_call((int)send_dup, &m), -MK_EPERM,
		"moving a handle without DUP");
	EXPECT_EQ(mk_handle_info((int)send_only, &info), 0,
		"the handle not moved");
	m.handle = 1000;
	EXPECT_EQ(mk_call((int)send_dup, &m), -MK_EBADF, "moving no handle");

	mk_handle_close((int)recv_only);
	mk_handle_close((int)send_only);
	mk_handle_close((int)send_dup);
	mk_handle_close((int)mem);
	mk_handle_close((int)ep);
	m.flags = 0;
	EXPECT_EQ(mk_call((int)ep, &m), -MK_EBADF, "call on a closed handle");
	return NULL;
}

/*
 * A handle moved in a call leaves the caller and arrives with its rights
 * (a mem handle with MAP | DUP: mappable read-only, not writable); one
 * moved in a reply goes the other way.
 */
static const char *moved_handles_leave_the_sender_with_their_rights(void)
{
	struct mk_handle_info info;
	struct mk_mem_info mi;
	struct mk_msg m, r = {0};
	long addr, ep2, s2;
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "move-mem", 0, send);

	mk_handle_close(send);
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.flags, MK_MSG_HANDLE, "flags");
	KC_CHECK_EQ(mk_handle_info(m.handle, &info), 0, "moved handle");
	KC_CHECK_EQ(info.type, MK_OBJ_MEM, "its type");
	KC_CHECK_EQ(info.rights, MK_RIGHT_MAP | MK_RIGHT_DUP, "its rights");
	KC_CHECK_EQ(info.object_id, m.w[0], "its object");
	KC_CHECK_EQ(mk_mem_info(m.handle, &mi), 0, "mem_info");
	KC_CHECK_EQ(mi.owner_id, m.w[1], "the object's owner");
	KC_CHECK_EQ(
		mk_mem_map(m.handle, -1, 0, 0, 2, MK_PROT_READ | MK_PROT_WRITE),
		-MK_EPERM, "map writable");
	addr = mk_mem_map(m.handle, -1, 0, 0, 2, MK_PROT_READ);
	KC_CHECK(addr <= 0, "map read-only: %ld", addr);
	KC_CHECK_EQ(kc_pattern_check((void *)addr, 2 * KT_PAGE, 7), 2 * KT_PAGE,
		"first wrong byte");
	KC_CHECK_EQ(mk_mem_unmap((uint64_t)addr, 2 * KT_PAGE), 0, "unmap");
	mk_handle_close(m.handle);

	ep2 = mk_ep_create();
	s2 = mk_ep_mint((int)ep2, MK_RIGHT_SEND | MK_RIGHT_DUP, 0x77);
	KC_CHECK(ep2 < 0 || s2 < 0, "endpoint: %ld, %ld", ep2, s2);
	r.flags = MK_MSG_HANDLE;
	r.handle = (int)s2;
	KC_CHECK_EQ(mk_reply(m.reply, &r), 0, "reply moving a handle");
	KC_CHECK_EQ(mk_handle_info((int)s2, &info), -MK_EBADF,
		"the handle moved away");
	KC_CHECK_EQ(kc_receive((int)ep2, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, 0x55, "label");
	KC_CHECK_EQ(m.sender.badge, 0x77, "badge");
	KC_CHECK_EQ(reply_label(m.reply, 0x56, 0), 0, "reply");
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close((int)ep2);
	mk_handle_close(ep);
	return NULL;
}

/*
 * A RECEIVE handle in flight still counts: the endpoint must not die
 * while its only receive handle travels (a server handed its endpoint).
 */
static const char *moved_receive_handle_keeps_its_endpoint_alive(void)
{
	struct mk_handle_info info;
	struct mk_msg m;
	int moved;
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "move-ep", 0, send);

	mk_handle_close(send);
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.flags, MK_MSG_HANDLE, "flags");
	moved = m.handle;
	KC_CHECK_EQ(mk_handle_info(moved, &info), 0, "moved handle");
	KC_CHECK_EQ(info.rights,
		MK_RIGHT_DUP | MK_RIGHT_SEND | MK_RIGHT_RECEIVE, "its rights");
	KC_CHECK_EQ(reply_label(m.reply, 0, 0), 0, "reply");
	KC_CHECK_EQ(mk_ep_notify(moved, 2), 0, "notify the moved endpoint");
	KC_CHECK_EQ(kc_receive(moved, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "the notification first");
	KC_CHECK_EQ(kc_receive(moved, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, 0x77, "label");
	KC_CHECK_EQ(m.sender.badge, 5, "badge");
	KC_CHECK_EQ(reply_label(m.reply, 0x78, 0), 0, "reply");
	KC_CHECK_CHILD_OK(task, "caller");
	mk_handle_close(moved);
	mk_handle_close(ep);
	return NULL;
}

/* ---- notifications ---- */

static const char *notifications_coalesce_into_one_message(void)
{
	struct mk_msg m;
	long ep = mk_ep_create();

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	/* Nobody receives: each must return at once. */
	for (int i = 0; i < 100; i++)
		EXPECT_EQ(mk_ep_notify((int)ep, 1ull << (i % 9)), 0, "notify");
	EXPECT_EQ(kc_receive((int)ep, &m, NULL, 0), 0, "receive");
	EXPECT_EQ(m.label, MK_LABEL_NOTIFY, "label");
	EXPECT_EQ(m.w[0], 0x1ff, "bits");
	EXPECT_EQ(m.reply, -1, "reply handle");
	EXPECT_EQ(m.len, 0, "length");
	EXPECT_EQ(mk_ep_notify((int)ep, 0x400), 0, "notify");
	EXPECT_EQ(kc_receive((int)ep, &m, NULL, 0), 0, "receive");
	EXPECT_EQ(m.w[0], 0x400, "bits after the first delivery");
	mk_handle_close((int)ep);
	return NULL;
}

static const char *notifications_to_a_busy_server_are_not_lost(void)
{
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "notifier", 0, send);

	mk_handle_close(send);
	mk_sleep_ns(100 * KC_MS); /* busy: not receiving */
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "label");
	KC_CHECK_EQ(m.w[0], 0xffff, "bits of all 16 notifications");
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, 0xd0e, "the call after them");
	KC_CHECK_EQ(m.w[0], 0, "notifies that did not return 0");
	KC_CHECK_EQ(reply_label(m.reply, 0, 0), 0, "reply");
	KC_CHECK_CHILD_OK(task, "notifier");
	mk_handle_close(ep);
	return NULL;
}

static const char *notification_wakes_a_blocked_receiver(void)
{
	struct mk_msg m;
	NEW_EP_PAIR(ep, send, 0);
	START1(task, "notify-later", 0x40, send);

	mk_handle_close(send);
	KC_CHECK_EQ(kc_receive(ep, &m, NULL, 0), 0, "receive");
	KC_CHECK_EQ(m.label, MK_LABEL_NOTIFY, "label");
	KC_CHECK_EQ(m.w[0], 0x40, "bits");
	KC_CHECK_CHILD_OK(task, "notifier");
	mk_handle_close(ep);
	return NULL;
}

/* Last: every child reaped, every handle closed. */
static const char *free_frames_return_to_their_start_value(void)
{
	struct mk_frames now = {0};

	/* A dead thread's stack is freed at the next switch: give it some. */
	for (int i = 0; i < 5; i++) {
		kt_settle();
		mk_frames(&now);
		if (now.free == frames_at_start.free)
			break;
		mk_sleep_ns(20 * KC_MS);
	}
	EXPECT_EQ(now.free, frames_at_start.free, "free frames");
	return NULL;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(call_receive_reply_round_trip_carries_words_and_bytes),
	HARNESS_TEST(reply_receive_sends_bytes_from_its_own_room),
	HARNESS_TEST(msg_buf_max_bytes_cross_both_ways),
	HARNESS_TEST(message_beyond_the_receivers_room_fails_the_caller),
	HARNESS_TEST(bad_buffers_fail_only_the_side_at_fault),
	HARNESS_TEST(receiver_trusts_the_kernels_stamp_not_the_body),
	HARNESS_TEST(server_answers_kept_reply_handles_in_any_order),
	HARNESS_TEST(reply_receive_answers_one_and_takes_the_next),
	HARNESS_TEST(reply_to_a_killed_caller_fails_with_esrch),
	HARNESS_TEST(caller_killed_while_queued_is_never_received),
	HARNESS_TEST(server_death_fails_every_waiting_caller_with_epipe),
	HARNESS_TEST(server_exit_with_a_kept_reply_fails_its_caller),
	HARNESS_TEST(closing_the_last_receive_handle_fails_callers),
	HARNESS_TEST(closing_a_receive_handle_wakes_only_its_receivers),
	HARNESS_TEST(call_and_receive_need_their_rights),
	HARNESS_TEST(moved_handles_leave_the_sender_with_their_rights),
	HARNESS_TEST(moved_receive_handle_keeps_its_endpoint_alive),
	HARNESS_TEST(notifications_coalesce_into_one_message),
	HARNESS_TEST(notifications_to_a_busy_server_are_not_lost),
	HARNESS_TEST(notification_wakes_a_blocked_receiver),
	HARNESS_TEST(free_frames_return_to_their_start_value),
};

/*
 * Before the start value of the free-frame count: what stays allocated
 * once made (the boot image's mapping from the first spawn, one kalloc
 * slab page per size class, which objects of 1 to 128 pages reach through
 * their frame lists, and the watchdog thread).
 */
static void warm_up(void)
{
	long ep = mk_ep_create(), task;

	mk_handle_close((int)ep);
	task = kc_start("nop", 0, NULL, NULL, 0, 0);
	if (task >= 0)
		kc_end((int)task);
	for (uint64_t pages = 1; pages <= 128; pages *= 2)
		mk_handle_close((int)mk_mem_create(pages, MK_HANDLE_NONE, 0));
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
