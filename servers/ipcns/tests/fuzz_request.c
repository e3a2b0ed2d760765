/*
 * libFuzzer target for the ipc-ns server's request layer: the input is a
 * script of hostile requests (any label, words, lengths, bytes, moved
 * handles, credentials) from a model of live tasks, interleaved with the
 * events a kernel would send (births, exits, removed mappings of grants
 * that were made) and with grants the kernel grants or refuses. After
 * every step the server's books must match the fake kernel: one memory
 * object per segment, the first namespace alive, nothing else leaked;
 * and once every task has exited and every mapping is gone, only the
 * first namespace may remain.
 *
 *   build/tests/host/ipcns/fuzz_request [corpus] -runs=N   (ctest runs it)
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mk/errno.h"
#include "mk/ipcns.h"
#include "server.h"

#define TASKS 8
#define GRANTS 16
#define TOKENS 16
#define TOKEN_HANDLE0 100 /* the fake kernel's token handles */

struct model {
	/* The fake kernel. */
	uint64_t objects;	/* memory objects alive */
	long ns_set_result;	/* the next SYS_NS_SET's answer */
	uint64_t set_task, set_label;
	int set_done;
	struct ipcns_task_info child;
	/* Live tasks and their labels, as the kernel knows them. */
	uint64_t task_id[TASKS], task_label[TASKS];
	int tasks;
	uint64_t next_id;
	/* Mappings granted and not yet removed: their tags. */
	uint64_t grant_tag[GRANTS];
	int grants;
	/* Tokens the server made: badge, id, the task holding it (0: the
	 * server, until its reply moves it), by handle - TOKEN_HANDLE0. */
	uint64_t token_badge[TOKENS], token_id[TOKENS], token_holder[TOKENS];
	int tokens;
	uint64_t next_token_id;
	/* The input. */
	const uint8_t *in;
	size_t left;
};

static uint64_t take(struct model *m, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes-- && m->left) {
		v = v << 8 | *m->in++;
		m->left--;
	}
	return v;
}

static int fake_create(void *ctx, uint64_t pages, uint64_t *mem)
{
	struct model *m = ctx;

	(void)pages;
	*mem = ++m->objects;
	return 0;
}

static void fake_destroy(void *ctx, uint64_t mem)
{
	struct model *m = ctx;

	(void)mem;
	assert(m->objects > 0);
	m->objects--;
}

static int64_t fake_now(void *ctx)
{
	(void)ctx;
	return 1000;
}

static long fake_ns_set(void *ctx, uint64_t task, uint64_t label)
{
	struct model *m = ctx;

	if (m->ns_set_result)
		return m->ns_set_result;
	m->set_task = task;
	m->set_label = label;
	m->set_done = 1;
	return 0;
}

static long fake_task_info(void *ctx, int h, struct ipcns_task_info *info)
{
	struct model *m = ctx;

	if (h != 7)
		return -MK_EBADF;
	if (m->child.id == 0)
		return -MK_ESRCH; /* no child was made for this call */
	*info = m->child;
	return 0;
}

static void fake_close(void *ctx, int h)
{
	(void)ctx;
	(void)h; /* only copies are closed: a token's holder keeps its own */
}

static long fake_token_make(void *ctx, uint64_t badge, int *h, uint64_t *id)
{
	struct model *m = ctx;

	if (m->tokens == TOKENS)
		return -MK_ENOMEM;
	m->token_badge[m->tokens] = badge;
	m->token_id[m->tokens] = ++m->next_token_id;
	m->token_holder[m->tokens] = 0;
	*h = TOKEN_HANDLE0 + m->tokens;
	*id = m->token_id[m->tokens++];
	return 0;
}

static long fake_token_info(void *ctx, int h, uint64_t *badge, uint64_t *id)
{
	struct model *m = ctx;
	int i = h - TOKEN_HANDLE0;

	if (i < 0 || i >= m->tokens)
		return -MK_EBADF;
	*badge = m->token_badge[i];
	*id = m->token_id[i];
	return 0;
}

static long fake_task_label(void *ctx, uint64_t task, uint64_t *label,
	uint32_t *uid)
{
	struct model *m = ctx;

	for (int i = 0; i < m->tasks; i++) {
		if (m->task_id[i] == task) {
			*label = m->task_label[i];
			*uid = 0;
			return 0;
		}
	}
	return -MK_ESRCH;
}

/* Segments in every namespace: each owns exactly one memory object. */
static uint64_t segments(const struct ipcns_server *srv)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < srv->core.ns_slots; i++)
		if (srv->core.ns[i])
			n += srv->core.ns[i]->shm_ids.in_use;
	return n;
}

static void check(const struct ipcns_server *srv, const struct model *m)
{
	assert(segments(srv) == m->objects);
	assert(ns_lookup(&srv->core, 0) == srv->init_ns);
	assert(srv->bad_events == 0);
}

/* Task t's label changed by the server (unshare or spawn). */
static void relabel(struct model *m, uint64_t id)
{
	for (int i = 0; i < m->tasks; i++)
		if (m->task_id[i] == id)
			m->task_label[i] = m->set_label;
}

static void task_event(struct ipcns_server *srv, struct model *m, int i,
	uint32_t reason)
{
	struct mk_event ev = {m->task_label[i], m->task_id[i], 0, reason, 0};

	ipcns_event(srv, &ev);
}

static void born(struct ipcns_server *srv, struct model *m, uint64_t label)
{
	if (m->tasks == TASKS)
		return;
	m->task_id[m->tasks] = m->next_id++;
	m->task_label[m->tasks] = label;
	task_event(srv, m, m->tasks++, MK_EVENT_TASK_NEW);
}

/* Token t's last handle closes: the kernel's event. */
static void token_closed(struct ipcns_server *srv, struct model *m, int t)
{
	struct mk_event ev = {m->token_badge[t], m->token_holder[t], 0,
		MK_EVENT_TOKEN_CLOSED, 0};

	ipcns_event(srv, &ev);
	m->tokens--;
	m->token_badge[t] = m->token_badge[m->tokens];
	m->token_id[t] = m->token_id[m->tokens];
	m->token_holder[t] = m->token_holder[m->tokens];
}

static void exited(struct ipcns_server *srv, struct model *m, int i)
{
	for (int t = m->tokens - 1; t >= 0; t--)
		if (m->token_holder[t] == m->task_id[i])
			token_closed(srv, m, t);
	task_event(srv, m, i, MK_EVENT_TASK_EXIT);
	m->tasks--;
	m->task_id[i] = m->task_id[m->tasks];
	m->task_label[i] = m->task_label[m->tasks];
}

static void unmap_event(struct ipcns_server *srv, uint64_t tag)
{
	struct mk_event ev = {tag, 1, 0, MK_UNMAP_EXPLICIT, 0};

	ipcns_event(srv, &ev);
}

static void unmapped(struct ipcns_server *srv, struct model *m, int i)
{
	unmap_event(srv, m->grant_tag[i]);
	m->grant_tag[i] = m->grant_tag[--m->grants];
}

/* One hostile request from live task i. */
static void request(struct ipcns_server *srv, struct model *m, int i)
{
	static uint8_t bytes[sizeof(union shm_ctl_buf)];
	struct ipcns_reply r;
	struct mk_msg msg;
	bool spawning;
	long kernel;

	memset(&msg, 0, sizeof(msg));
	msg.label = take(m, 1) % (IPCNS_REQUEST_END + 1);
	for (int w = 0; w < 3; w++)
		msg.w[w] = take(m, 1) & 1 ? take(m, 8) : take(m, 1);
	msg.len = (uint32_t)take(m, 1);
	if (msg.len > sizeof(bytes))
		msg.len = sizeof(bytes);
	for (uint32_t b = 0; b < msg.len; b++)
		bytes[b] = (uint8_t)take(m, 1);
	if (take(m, 1) & 1) {
		msg.flags = MK_MSG_HANDLE;
		msg.handle = (int)(take(m, 1) % 10);
		/* Often a copy of a token, which setns takes. */
		if (m->tokens && take(m, 1) & 1)
			msg.handle = TOKEN_HANDLE0 +
				     (int)(take(m, 1) % (unsigned)m->tokens);
	}
	msg.sender.task_id = m->task_id[i];
	msg.sender.uid = (uint32_t)take(m, 1) % 3 * 1000;
	msg.sender.gid = msg.sender.uid;
	msg.sender.caps = take(m, 1) & MK_CAPS_ALL;
	msg.sender.ns[MK_NS_IPC] = m->task_label[i];
	m->ns_set_result = take(m, 1) % 4 == 0 ? -MK_ESRCH : 0;
	m->child.id = m->next_id;
	m->child.label = m->task_label[i];
	m->child.started = take(m, 1) % 4 == 0;
	m->child.can_start = take(m, 1) % 4 != 0;
	m->set_done = 0;
	/* A spawn's child is created, so born, before the call is made. */
	spawning = msg.label == IPCNS_SPAWN && m->tasks < TASKS;
	if (spawning)
		born(srv, m, m->child.label);
	else
		m->child.id = 0;

	ipcns_request(srv, &msg, bytes, &r);
	if (m->set_done && (msg.label == IPCNS_UNSHARE ||
				   msg.label == IPCNS_SETNS))
		relabel(m, m->task_id[i]);
	if (r.handle >= 0) {
		/* The reply moves the token to the caller, or fails and the
		 * server closes it. */
		m->token_holder[r.handle - TOKEN_HANDLE0] = m->task_id[i];
		if (take(m, 1) % 8 == 0)
			token_closed(srv, m, r.handle - TOKEN_HANDLE0);
	}
	if (m->set_done && spawning)
		relabel(m, m->child.id);
	else if (spawning)
		exited(srv, m, m->tasks - 1); /* libc discards the child */
	if (!r.grant)
		return;
	kernel = take(m, 1) % 3 == 0 ? -MK_EEXIST : 0;
	if (ipcns_grant_done(srv, &r, m->task_id[i], kernel) != 0)
		return; /* refused: nothing was mapped */
	if (m->grants < GRANTS)
		m->grant_tag[m->grants++] = r.g.tag;
	else
		unmap_event(srv, r.g.tag); /* the model keeps no more */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model m = {.in = data, .left = size, .next_id = 1};
	struct ipcns_mem_ops mem = {&m, fake_create, fake_destroy};
	struct ipcns_sys sys = {&m, fake_now, fake_ns_set, fake_task_info,
		fake_close, fake_token_make, fake_token_info, fake_task_label};
	struct ipcns_server srv;

	if (ipcns_server_init(&srv, &mem, &sys, 2) != 0)
		return 0;
	born(&srv, &m, 0);
	while (m.left) {
		unsigned op = (unsigned)take(&m, 1) % 9;
		int i = m.tasks ? (int)(take(&m, 1) % (unsigned)m.tasks) : -1;

		if (op < 5 && i >= 0)
			request(&srv, &m, i);
		else if (op == 5)
			born(&srv, &m, i >= 0 ? m.task_label[i] : 0);
		else if (op == 6 && i >= 0)
			exited(&srv, &m, i);
		else if (op == 7 && m.grants)
			unmapped(&srv, &m, (int)(take(&m, 1) % (unsigned)m.grants));
		else if (op == 8 && m.tokens)
			token_closed(&srv, &m,
				(int)(take(&m, 1) % (unsigned)m.tokens));
		check(&srv, &m);
	}

	/* Everything ends: only the first namespace may be left. */
	while (m.tasks)
		exited(&srv, &m, 0);
	while (m.grants)
		unmapped(&srv, &m, 0);
	check(&srv, &m);
	assert(m.tokens == 0 && srv.handles.used == 0);
	assert(srv.core.ns_count == 1);
	ipcns_server_fini(&srv);
	assert(m.objects == 0);
	return 0;
}
