/*
 * The request layer (server.c) with the kernel faked: decoding, the
 * stamp as the only identity, grants settled by the reply's result,
 * unshare and spawn moving tasks between namespaces, task and unmap
 * events, and moved handles always closed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "mk/errno.h"
#include "mk/ipcns.h"
#include "server.h"

#define SERVER_ID 2
#define CHILD_ID 40
#define CHILD_HANDLE 7
#define TOKEN_HANDLE0 20 /* the fake kernel's first token handle */
#define OTHER_ID 50	 /* another task, of uid OTHER_UID */
#define OTHER_UID 1000

/* The fake kernel behind ipcns_sys. */
struct fake_sys {
	int64_t now;
	long ns_set_result;	  /* what SYS_NS_SET answers */
	uint64_t set_task, set_label; /* the last SYS_NS_SET */
	int sets;
	struct ipcns_task_info child; /* behind CHILD_HANDLE */
	int closed[8], nclosed;
	uint64_t token_badge[4], token_id[4]; /* tokens made, by handle - 20 */
	int tokens;
	uint64_t other_label; /* of OTHER_ID, uid OTHER_UID */
};

struct sfix {
	struct fake_mem mem;
	struct fake_sys sys;
	struct ipcns_server srv;
};

static int64_t fake_now(void *ctx)
{
	return ((struct fake_sys *)ctx)->now;
}

static long fake_ns_set(void *ctx, uint64_t task, uint64_t label)
{
	struct fake_sys *k = ctx;

	if (k->ns_set_result)
		return k->ns_set_result;
	k->set_task = task;
	k->set_label = label;
	k->sets++;
	return 0;
}

static long fake_task_info(void *ctx, int h, struct ipcns_task_info *info)
{
	struct fake_sys *k = ctx;

	if (h != CHILD_HANDLE)
		return -MK_EBADF;
	*info = k->child;
	return 0;
}

static void fake_close(void *ctx, int h)
{
	struct fake_sys *k = ctx;

	if (k->nclosed < 8)
		k->closed[k->nclosed++] = h;
}

static long fake_token_make(void *ctx, uint64_t badge, int *h, uint64_t *id)
{
	struct fake_sys *k = ctx;

	if (k->tokens == 4)
		return -MK_ENOMEM;
	k->token_badge[k->tokens] = badge;
	k->token_id[k->tokens] = 9000 + (uint64_t)k->tokens;
	*h = TOKEN_HANDLE0 + k->tokens;
	*id = k->token_id[k->tokens++];
	return 0;
}

static long fake_token_info(void *ctx, int h, uint64_t *badge, uint64_t *id)
{
	struct fake_sys *k = ctx;
	int i = h - TOKEN_HANDLE0;

	if (i < 0 || i >= k->tokens)
		return -MK_EBADF;
	*badge = k->token_badge[i];
	*id = k->token_id[i];
	return 0;
}

static long fake_task_label(void *ctx, uint64_t task, uint64_t *label,
	uint32_t *uid)
{
	struct fake_sys *k = ctx;

	if (task != OTHER_ID)
		return -MK_ESRCH;
	*label = k->other_label;
	*uid = OTHER_UID;
	return 0;
}

static int setup(void **state)
{
	struct sfix *f = calloc(1, sizeof(*f));
	struct ipcns_mem_ops mem;
	struct ipcns_sys sys = {NULL, fake_now, fake_ns_set, fake_task_info,
		fake_close, fake_token_make, fake_token_info, fake_task_label};
	struct mk_event born = {0, 1, 0, MK_EVENT_TASK_NEW, 0};

	assert_non_null(f);
	mem = fake_mem_ops(&f->mem);
	sys.ctx = &f->sys;
	f->sys.now = 1000;
	f->sys.child = (struct ipcns_task_info){CHILD_ID, 0, false, true};
	assert_int_equal(ipcns_server_init(&f->srv, &mem, &sys, SERVER_ID), 0);
	assert_int_equal(f->srv.init_ns->label, 0);
	ipcns_event(&f->srv, &born); /* task 1 lives in the first one */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct sfix *f = *state;

	assert_int_equal(f->srv.bad_events, 0);
	ipcns_server_fini(&f->srv);
	assert_int_equal(f->mem.objects, 0);
	free(f);
	return 0;
}

/* A request from task 1 (root unless caps says otherwise) in label ns. */
static struct mk_msg req(uint64_t label, uint64_t w0, uint64_t w1,
	uint64_t w2)
{
	struct mk_msg m;

	memset(&m, 0, sizeof(m));
	m.label = label;
	m.w[0] = w0;
	m.w[1] = w1;
	m.w[2] = w2;
	m.sender.task_id = 1;
	m.sender.caps = MK_CAPS_ALL;
	return m;
}

static struct ipcns_reply call(struct sfix *f, struct mk_msg m,
	const void *bytes)
{
	struct ipcns_reply r;

	ipcns_request(&f->srv, &m, bytes, &r);
	return r;
}

static void event(struct sfix *f, uint32_t reason, uint64_t tag, uint64_t id)
{
	struct mk_event ev = {tag, id, 0, reason, 0};

	ipcns_event(&f->srv, &ev);
}

static void shmget_answers_with_the_id_as_linux(void **state)
{
	struct sfix *f = *state;
	struct ipcns_reply r;

	r = call(f, req(IPCNS_SHMGET, 0x1234, 100, IPC_CREAT | 0600), NULL);
	assert_int_equal(r.result, 0);
	assert_false(r.grant);
	r = call(f, req(IPCNS_SHMGET, 0x1234, 100, IPC_CREAT | IPC_EXCL), NULL);
	assert_int_equal(r.result, -MK_EEXIST);
	assert_int_equal(f->mem.objects, 1);
}

static void unknown_request_and_unknown_label_change_nothing(void **state)
{
	struct sfix *f = *state;
	struct mk_msg m = req(IPCNS_REQUEST_END, 0, 0, 0);

	m.flags = MK_MSG_HANDLE;
	m.handle = 9;
	assert_int_equal(call(f, m, NULL).result, -MK_ENOSYS);
	assert_int_equal(f->sys.nclosed, 1);
	assert_int_equal(f->sys.closed[0], 9); /* a moved handle is closed */
	m = req(IPCNS_SHMGET, 0, 10, 0600);
	m.sender.ns[MK_NS_IPC] = 5; /* a label never given */
	assert_int_equal(call(f, m, NULL).result, -MK_EINVAL);
	assert_int_equal(f->mem.objects, 0);
}

static void shmat_grant_is_committed_or_undone_by_the_reply(void **state)
{
	struct sfix *f = *state;
	struct ipcns_reply r;
	union shm_ctl_buf *ans;
	int id = (int)call(f, req(IPCNS_SHMGET, 0, 5000, 0600), NULL).result;

	r = call(f, req(IPCNS_SHMAT, (uint64_t)id, 0, 0), NULL);
	assert_int_equal(r.result, 0);
	assert_true(r.grant);
	assert_int_equal(r.w0, SERVER_ID);
	assert_int_equal(r.g.pages, 2);
	assert_int_equal(r.g.prot, MK_PROT_READ | MK_PROT_WRITE);
	assert_int_equal(ipcns_grant_done(&f->srv, &r, 1, 0), 0);

	/* A refused mapping is undone and worded as shmat's errno. */
	r = call(f, req(IPCNS_SHMAT, (uint64_t)id, 0, SHM_RDONLY), NULL);
	assert_int_equal(r.g.prot, MK_PROT_READ);
	assert_int_equal(ipcns_grant_done(&f->srv, &r, 1, -MK_EEXIST),
		-MK_EINVAL);
	r = call(f, req(IPCNS_SHMAT, (uint64_t)id, 0, 0), NULL);
	assert_int_equal(ipcns_grant_done(&f->srv, &r, 1, -MK_ESRCH), 1);

	r = call(f, req(IPCNS_SHMCTL, (uint64_t)id, IPC_STAT, 0), NULL);
	assert_int_equal(r.result, 0);
	assert_int_equal(r.len, sizeof(struct shmid_ds));
	ans = (union shm_ctl_buf *)r.data;
	assert_int_equal(ans->ds.shm_nattch, 1);
	assert_int_equal(ans->ds.shm_atime, 1000);
	assert_int_equal(ans->ds.shm_lpid, 1);
}

static void shmctl_checks_its_words_and_bytes(void **state)
{
	struct sfix *f = *state;
	struct shmid_ds set;
	struct mk_msg m;
	int id = (int)call(f, req(IPCNS_SHMGET, 0, 10, 0600), NULL).result;

	/* A word that is no int is not an id. */
	m = req(IPCNS_SHMCTL, (uint64_t)id | 1ull << 32, IPC_STAT, 0);
	assert_int_equal(call(f, m, NULL).result, -MK_EINVAL);
	m = req(IPCNS_SHMCTL, (uint64_t)id, IPC_SET, 0);
	m.len = sizeof(set) - 1;
	assert_int_equal(call(f, m, &set).result, -MK_EINVAL);

	memset(&set, 0, sizeof(set));
	set.shm_perm.uid = 5;
	set.shm_perm.mode = 0640;
	m.len = sizeof(set);
	assert_int_equal(call(f, m, &set).result, 0);
	m = req(IPCNS_SHMCTL, (uint64_t)id, IPC_STAT, 0);
	assert_int_equal(
		((union shm_ctl_buf *)call(f, m, NULL).data)->ds.shm_perm.uid, 5);
	m = req(IPCNS_SHMCTL, (uint64_t)id, IPC_RMID, 0);
	m.sender.uid = 1000;
	m.sender.caps = 0;
	assert_int_equal(call(f, m, NULL).result, -MK_EPERM);
}

static void unshare_moves_the_caller_into_a_new_namespace(void **state)
{
	struct sfix *f = *state;
	struct mk_msg m = req(IPCNS_UNSHARE, NS_CLONE_NEWIPC, 0, 0);
	struct ipc_ns *ns;

	m.sender.caps = 0;
	assert_int_equal(call(f, m, NULL).result, -MK_EPERM);
	assert_int_equal(f->srv.core.ns_count, 1);
	assert_int_equal(call(f, req(IPCNS_UNSHARE, 0, 0, 0), NULL).result, 0);
	assert_int_equal(f->sys.sets, 0);

	assert_int_equal(call(f, req(IPCNS_UNSHARE, NS_CLONE_NEWIPC, 0, 0),
				 NULL).result, 0);
	assert_int_equal(f->sys.set_task, 1);
	ns = ns_lookup(&f->srv.core, f->sys.set_label);
	assert_non_null(ns);
	assert_int_equal(ns->tasks, 1);
	assert_int_equal(f->srv.init_ns->tasks, 0);

	/* Its exit is the namespace's end, with what was made in it. */
	m = req(IPCNS_SHMGET, 0, 10, 0600);
	m.sender.ns[MK_NS_IPC] = f->sys.set_label;
	assert_int_equal(call(f, m, NULL).result, 0);
	assert_int_equal(f->mem.objects, 1);
	event(f, MK_EVENT_TASK_EXIT, f->sys.set_label, 1);
	assert_null(ns_lookup(&f->srv.core, f->sys.set_label));
	assert_int_equal(f->mem.objects, 0);
}

static void unshare_of_a_task_gone_meanwhile_leaves_nothing(void **state)
{
	struct sfix *f = *state;

	f->sys.ns_set_result = -MK_ESRCH;
	assert_int_equal(call(f, req(IPCNS_UNSHARE, NS_CLONE_NEWIPC, 0, 0),
				 NULL).result, -MK_ESRCH);
	assert_int_equal(f->srv.core.ns_count, 1);
	assert_int_equal(f->srv.init_ns->tasks, 1);
}

/* A spawn request for the child behind handle h. */
static struct ipcns_reply spawn(struct sfix *f, uint64_t flags, int h)
{
	struct mk_msg m = req(IPCNS_SPAWN, flags, 0, 0);

	if (h >= 0) {
		m.flags = MK_MSG_HANDLE;
		m.handle = h;
	}
	f->sys.nclosed = 0;
	return call(f, m, NULL);
}

static void spawn_places_a_new_child_and_checks_its_handle(void **state)
{
	struct sfix *f = *state;
	uint64_t both = NS_CLONE_NEWIPC | NS_CLONE_SYSVSEM;

	event(f, MK_EVENT_TASK_NEW, 0, CHILD_ID);
	assert_int_equal(spawn(f, NS_CLONE_NEWIPC, -1).result, -MK_EINVAL);
	assert_int_equal(spawn(f, both, CHILD_HANDLE).result, -MK_EINVAL);
	assert_int_equal(f->sys.nclosed, 1);
	assert_int_equal(spawn(f, NS_CLONE_NEWIPC, 3).result, -MK_EBADF);
	assert_int_equal(f->sys.closed[0], 3);
	f->sys.child.can_start = false;
	assert_int_equal(spawn(f, NS_CLONE_NEWIPC, CHILD_HANDLE).result,
		-MK_EPERM);
	f->sys.child.can_start = true;
	f->sys.child.started = true;
	assert_int_equal(spawn(f, NS_CLONE_NEWIPC, CHILD_HANDLE).result,
		-MK_EINVAL);
	f->sys.child.started = false;
	assert_int_equal(f->sys.sets, 0);
	assert_int_equal(spawn(f, NS_CLONE_SYSVSEM, CHILD_HANDLE).result, 0);
	assert_int_equal(f->sys.sets, 0);

	assert_int_equal(spawn(f, NS_CLONE_NEWIPC, CHILD_HANDLE).result, 0);
	assert_int_equal(f->sys.set_task, CHILD_ID);
	assert_int_equal(f->sys.closed[0], CHILD_HANDLE);
	assert_int_equal(f->srv.init_ns->tasks, 1);
	event(f, MK_EVENT_TASK_EXIT, f->sys.set_label, CHILD_ID);
	assert_int_equal(f->srv.core.ns_count, 1);
}

static void events_count_tasks_and_detach_attachments(void **state)
{
	struct sfix *f = *state;
	struct ipcns_reply r;
	int id = (int)call(f, req(IPCNS_SHMGET, 0, 10, 0600), NULL).result;

	r = call(f, req(IPCNS_SHMAT, (uint64_t)id, 0, 0), NULL);
	ipcns_grant_done(&f->srv, &r, 1, 0);
	call(f, req(IPCNS_SHMCTL, (uint64_t)id, IPC_RMID, 0), NULL);
	assert_int_equal(f->mem.objects, 1);
	f->sys.now = 2000;
	event(f, MK_UNMAP_KILL, r.g.tag, 33);
	assert_int_equal(f->mem.objects, 0); /* the last detach destroyed it */

	/* A stale tag or an unknown label is counted, not obeyed. */
	event(f, MK_UNMAP_EXPLICIT, r.g.tag, 33);
	event(f, MK_EVENT_TASK_EXIT, 77, 5);
	event(f, 999, 0, 5);
	assert_int_equal(f->srv.bad_events, 3);
	f->srv.bad_events = 0;
}

static void ns_id_numbers_namespaces_as_linux(void **state)
{
	struct sfix *f = *state;

	assert_int_equal(call(f, req(IPCNS_NS_ID, 0, 0, 0), NULL).result,
		IPCNS_INIT_NS_ID);
	call(f, req(IPCNS_UNSHARE, NS_CLONE_NEWIPC, 0, 0), NULL);
	assert_int_equal(call(f, req(IPCNS_NS_ID, f->sys.set_label, 0, 0),
				 NULL).result, 4026531840ll);
	assert_int_equal(call(f, req(IPCNS_NS_ID, 12345, 0, 0), NULL).result,
		-MK_ENOENT);
	event(f, MK_EVENT_TASK_EXIT, f->sys.set_label, 1);
}

/* A request that moves handle h along. */
static struct mk_msg with_handle(struct mk_msg m, int h)
{
	m.flags = MK_MSG_HANDLE;
	m.handle = h;
	return m;
}

static void ns_open_hands_out_a_token_that_holds_the_namespace(void **state)
{
	struct sfix *f = *state;
	struct ipcns_reply r;
	uint64_t label;
	struct mk_msg m;

	/* Task 1 unshares, opens its namespace, and leaves it by exit. */
	call(f, req(IPCNS_UNSHARE, NS_CLONE_NEWIPC, 0, 0), NULL);
	label = f->sys.set_label;
	m = req(IPCNS_NS_OPEN, 0, 0, 0);
	m.sender.ns[MK_NS_IPC] = label;
	r = call(f, m, NULL);
	assert_int_equal(r.result, 0);
	assert_int_equal(r.handle, TOKEN_HANDLE0);
	assert_int_equal(r.w0, 4026531840ll);
	m = req(IPCNS_SHMGET, 0, 10, 0600);
	m.sender.ns[MK_NS_IPC] = label;
	call(f, m, NULL);
	event(f, MK_EVENT_TASK_EXIT, label, 1);
	assert_non_null(ns_lookup(&f->srv.core, label)); /* the handle */
	assert_int_equal(f->mem.objects, 1);
	event(f, MK_EVENT_TOKEN_CLOSED, f->sys.token_badge[0], 1);
	assert_null(ns_lookup(&f->srv.core, label));
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(f->srv.handles.used, 0);
}

static void ns_open_of_another_task_needs_its_uid_or_sys_admin(void **state)
{
	struct sfix *f = *state;
	struct mk_msg m = req(IPCNS_NS_OPEN, OTHER_ID, 0, 0);
	struct ipcns_reply r;

	m.sender.caps = 0;
	assert_int_equal(call(f, m, NULL).result, -MK_EACCES);
	m.sender.uid = OTHER_UID;
	r = call(f, m, NULL);
	assert_int_equal(r.result, 0);
	assert_int_equal(r.w0, IPCNS_INIT_NS_ID);
	assert_int_equal(call(f, req(IPCNS_NS_OPEN, 51, 0, 0), NULL).result,
		-MK_ENOENT);
	event(f, MK_EVENT_TOKEN_CLOSED, f->sys.token_badge[0], OTHER_ID);
}

static void setns_moves_the_caller_into_the_handle_s_namespace(void **state)
{
	struct sfix *f = *state;
	struct ipcns_reply r = call(f, req(IPCNS_NS_OPEN, 0, 0, 0), NULL);
	int token = r.handle;
	uint64_t label;
	struct mk_msg m;

	call(f, req(IPCNS_UNSHARE, NS_CLONE_NEWIPC, 0, 0), NULL);
	label = f->sys.set_label;
	m = with_handle(req(IPCNS_SETNS, NS_CLONE_NEWIPC, 0, 0), token);
	m.sender.ns[MK_NS_IPC] = label;

	/* The order: not a handle, then nstype, then the privilege. */
	assert_int_equal(call(f, req(IPCNS_SETNS, 0, 0, 0), NULL).result,
		-MK_EBADF);
	assert_int_equal(call(f, with_handle(req(IPCNS_SETNS, 0, 0, 0), 3),
				 NULL).result, -MK_EINVAL);
	f->sys.token_id[0]++; /* a token of the same badge, not ours */
	assert_int_equal(call(f, m, NULL).result, -MK_EINVAL);
	f->sys.token_id[0]--;
	m.w[0] = 0x04000000; /* CLONE_NEWUTS */
	assert_int_equal(call(f, m, NULL).result, -MK_EINVAL);
	m.w[0] = NS_CLONE_NEWIPC;
	m.sender.caps = 0;
	assert_int_equal(call(f, m, NULL).result, -MK_EPERM);
	assert_non_null(ns_lookup(&f->srv.core, label));

	m.sender.caps = MK_CAPS_ALL;
	f->sys.sets = 0;
	assert_int_equal(call(f, m, NULL).result, 0);
	assert_int_equal(f->sys.sets, 1);
	assert_int_equal(f->sys.set_label, 0);
	assert_null(ns_lookup(&f->srv.core, label)); /* its last task left */
	assert_int_equal(f->srv.init_ns->tasks, 1);
	assert_int_equal(f->sys.closed[f->sys.nclosed - 1], token);
	event(f, MK_EVENT_TOKEN_CLOSED, f->sys.token_badge[0], 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(shmget_answers_with_the_id_as_linux),
		T(unknown_request_and_unknown_label_change_nothing),
		T(shmat_grant_is_committed_or_undone_by_the_reply),
		T(shmctl_checks_its_words_and_bytes),
		T(unshare_moves_the_caller_into_a_new_namespace),
		T(unshare_of_a_task_gone_meanwhile_leaves_nothing),
		T(spawn_places_a_new_child_and_checks_its_handle),
		T(events_count_tasks_and_detach_attachments),
		T(ns_id_numbers_namespaces_as_linux),
		T(ns_open_hands_out_a_token_that_holds_the_namespace),
		T(ns_open_of_another_task_needs_its_uid_or_sys_admin),
		T(setns_moves_the_caller_into_the_handle_s_namespace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
