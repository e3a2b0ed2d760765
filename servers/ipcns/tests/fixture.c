/*
 * The ipc-ns host tests' fake kernel and shared set-up (fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "mk/errno.h"

const struct ipc_cred cred_root = {1, 0, 0, MK_CAPS_ALL};
const struct ipc_cred cred_user = {10, 1000, 100, 0};
const struct ipc_cred cred_group = {11, 1001, 100, 0};
const struct ipc_cred cred_other = {12, 2000, 200, 0};

struct ipc_cred cred_with(
	const struct ipc_cred *base, uint64_t caps, uint64_t task_id)
{
	struct ipc_cred c = *base;

	c.caps = caps;
	c.task_id = task_id;
	return c;
}

static int fake_mem_create(void *ctx, uint64_t pages, uint64_t *mem)
{
	struct fake_mem *m = ctx;

	assert_true(pages > 0);
	if (m->fail_create)
		return -m->fail_create;
	assert_true(m->next + 1 < FAKE_MEM_MAX);
	*mem = ++m->next;
	m->object_pages[*mem] = pages;
	m->objects++;
	m->pages += pages;
	m->created++;
	return 0;
}

static void fake_mem_destroy(void *ctx, uint64_t mem)
{
	struct fake_mem *m = ctx;

	assert_true(mem > 0 && mem < FAKE_MEM_MAX);
	assert_true(m->object_pages[mem] > 0); /* made and not yet destroyed */
	m->pages -= m->object_pages[mem];
	m->object_pages[mem] = 0;
	m->objects--;
}

struct ipcns_mem_ops fake_mem_ops(struct fake_mem *m)
{
	struct ipcns_mem_ops ops = {m, fake_mem_create, fake_mem_destroy};

	return ops;
}

int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ipcns_mem_ops ops;

	assert_non_null(f);
	ops = fake_mem_ops(&f->mem);
	ipcns_init(&f->server, &ops);
	assert_int_equal(ns_create(&f->server, NS_REF_TASK, &f->ns), 0);
	*state = f;
	return 0;
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;

	/* A test that let the namespace go sets f->ns to NULL. */
	if (f->ns)
		assert_int_equal(ns_put(f->ns, NS_REF_TASK), 1);
	assert_int_equal(f->server.ns_count, 0);
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(f->mem.pages, 0);
	assert_null(f->server.lock_users);
	ipcns_fini(&f->server);
	free(f);
	return 0;
}

uint64_t fixture_attach(struct fixture *f, const struct ipc_cred *cred, int id,
	int flags, int64_t now)
{
	struct shm_grant g;

	assert_int_equal(shm_attach(f->ns, cred, id, 0, flags, &g), 0);
	shm_attach_commit(&f->server, &g, cred->task_id, now);
	return g.tag;
}

struct shmid_ds fixture_stat(struct fixture *f, int id)
{
	union shm_ctl_buf buf;

	assert_int_equal(shm_ctl(f->ns, &cred_root, id, IPC_STAT, &buf, 0), 0);
	return buf.ds;
}
