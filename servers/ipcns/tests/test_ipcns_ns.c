/*
 * Host tests of IPC namespaces (ns.c): labels, defaults, isolation,
 * lifetime by tasks, handles and attachments, and the bookkeeping budget.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "mk/errno.h"

#define KEY 0xabc

/* The budget: bookkeeping bytes, pages aside. */
#define BUDGET_EMPTY_NS 1024
#define BUDGET_SEGMENT 256

static struct ipc_ns *new_ns(struct fixture *f)
{
	struct ipc_ns *ns;

	assert_int_equal(ns_create(&f->server, NS_REF_TASK, &ns), 0);
	return ns;
}

static void first_namespace_has_label_zero_and_linux_defaults(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(f->ns->label, 0);
	assert_ptr_equal(ns_lookup(&f->server, 0), f->ns);
	assert_true(f->ns->shm_ctlmax == 18446744073692774399ull);
	assert_true(f->ns->shm_ctlall == 18446744073692774399ull);
	assert_int_equal(f->ns->shm_ctlmni, 4096);
	assert_int_equal(f->ns->shm_tot, 0);
	assert_int_equal(f->ns->tasks, 1);
}

static void new_namespace_is_empty_with_defaults_not_the_parent_s(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *child;

	f->ns->shm_ctlmni = 3;
	f->ns->shm_ctlmax = 4096;
	assert_true(shm_get(f->ns, &cred_user, KEY, 1, IPC_CREAT, 0) >= 0);
	child = new_ns(f);
	assert_int_not_equal(child->label, f->ns->label);
	assert_ptr_equal(ns_lookup(&f->server, child->label), child);
	assert_int_equal(child->shm_ctlmni, NS_SHMMNI);
	assert_true(child->shm_ctlmax == NS_SHMMAX);
	assert_int_equal(child->shm_ids.in_use, 0);
	assert_int_equal(ns_put(child, NS_REF_TASK), 1);
}

static void keys_are_invisible_across_namespaces(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *child = new_ns(f);
	int parent_id, child_id;

	parent_id = shm_get(f->ns, &cred_user, KEY, 1, IPC_CREAT | 0600, 0);
	assert_int_equal(
		shm_get(child, &cred_user, KEY, 1, 0600, 0), -MK_ENOENT);
	child_id = shm_get(child, &cred_user, KEY + 1, 1, IPC_CREAT | 0600, 0);
	assert_int_equal(
		shm_get(f->ns, &cred_user, KEY + 1, 1, 0600, 0), -MK_ENOENT);
	/* The same key in both does not conflict; ids start at 0 in each. */
	assert_int_equal(shm_get(child, &cred_user, KEY, 1,
				 IPC_CREAT | IPC_EXCL | 0600, 0),
		1);
	assert_int_equal(parent_id, 0);
	assert_int_equal(child_id, 0);
	assert_int_equal(f->mem.objects, 3);
	assert_int_equal(ns_put(child, NS_REF_TASK), 1);
	assert_int_equal(f->mem.objects, 1);
	assert_int_equal(shm_get(f->ns, &cred_user, KEY, 1, 0600, 0), 0);
}

static void last_reference_frees_every_segment(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *child = new_ns(f);
	uint64_t label = child->label;
	int i;

	for (i = 0; i < 100; i++)
		assert_true(shm_get(child, &cred_user, KEY + i, 4097,
				    IPC_CREAT | 0600, 0) >= 0);
	assert_int_equal(f->mem.pages, 200);
	ns_get(child, NS_REF_HANDLE);
	assert_int_equal(ns_put(child, NS_REF_TASK), 0);
	assert_int_equal(f->mem.objects, 100);
	assert_int_equal(ns_put(child, NS_REF_HANDLE), 1);
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(f->mem.pages, 0);
	assert_null(ns_lookup(&f->server, label));
}

static void attachment_keeps_a_namespace_after_its_tasks_left(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *child = new_ns(f);
	uint64_t label = child->label, tag;
	int id = shm_get(child, &cred_user, KEY, 1, IPC_CREAT | 0600, 0);
	struct shm_grant g;
	union shm_ctl_buf buf;

	assert_int_equal(shm_attach(child, &cred_user, id, 0, 0, &g), 0);
	shm_attach_commit(&f->server, &g, cred_user.task_id, 10);
	tag = g.tag;
	assert_int_equal(child->attachments, 1);
	assert_int_equal(ns_put(child, NS_REF_TASK), 0);
	assert_ptr_equal(ns_lookup(&f->server, label), child);
	/* Still there, and updated by the detach (as after setns). */
	assert_int_equal(shm_ctl(child, &cred_root, id, IPC_STAT, &buf, 0), 0);
	assert_int_equal(buf.ds.shm_nattch, 1);
	assert_int_equal(shm_unmap_event(&f->server, tag, 33, 20), 0);
	assert_null(ns_lookup(&f->server, label));
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(shm_unmap_event(&f->server, tag, 33, 21), -MK_EINVAL);
}

static void aborted_attach_can_be_the_last_reference(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *child = new_ns(f);
	uint64_t label = child->label;
	int id = shm_get(child, &cred_user, KEY, 1, IPC_CREAT | 0600, 0);
	struct shm_grant g;

	assert_int_equal(shm_attach(child, &cred_user, id, 0, 0, &g), 0);
	assert_int_equal(ns_put(child, NS_REF_TASK), 0);
	shm_attach_abort(&f->server, &g);
	assert_null(ns_lookup(&f->server, label));
	assert_int_equal(f->mem.objects, 0);
}

static void put_without_a_reference_is_einval(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(ns_put(f->ns, NS_REF_HANDLE), -MK_EINVAL);
	assert_int_equal(ns_put(f->ns, NS_REF_ATTACH), -MK_EINVAL);
	assert_int_equal(ns_put(f->ns, (enum ns_ref)7), -MK_EINVAL);
	assert_int_equal(f->ns->tasks, 1);
	ns_get(f->ns, NS_REF_TASK);
	assert_int_equal(ns_put(f->ns, NS_REF_TASK), 0);
}

static void stale_label_finds_nothing(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *a = new_ns(f), *b;
	uint64_t old = a->label;

	assert_int_equal(ns_put(a, NS_REF_TASK), 1);
	b = new_ns(f);
	assert_int_equal((uint32_t)b->label, (uint32_t)old); /* slot reused */
	assert_null(ns_lookup(&f->server, old));
	assert_ptr_equal(ns_lookup(&f->server, b->label), b);
	assert_null(ns_lookup(&f->server, 1000));
	assert_int_equal(ns_put(b, NS_REF_TASK), 1);
}

static void namespaces_beyond_the_maximum_are_enospc(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *ns[3], *extra;
	int i;

	f->server.ns_max = 4;
	for (i = 0; i < 3; i++)
		ns[i] = new_ns(f);
	assert_int_equal(
		ns_create(&f->server, NS_REF_HANDLE, &extra), -MK_ENOSPC);
	assert_int_equal(ns_put(ns[0], NS_REF_TASK), 1);
	assert_int_equal(ns_create(&f->server, NS_REF_HANDLE, &extra), 0);
	assert_int_equal(extra->handles, 1);
	assert_int_equal(ns_put(extra, NS_REF_HANDLE), 1);
	assert_int_equal(ns_put(ns[1], NS_REF_TASK), 1);
	assert_int_equal(ns_put(ns[2], NS_REF_TASK), 1);
}

static void fini_frees_namespaces_whatever_holds_them(void **state)
{
	struct fixture *f = *state;
	struct ipc_ns *child = new_ns(f);
	int id = shm_get(child, &cred_user, KEY, 1, IPC_CREAT | 0600, 0);
	struct shm_grant g;

	assert_int_equal(shm_attach(child, &cred_user, id, 0, 0, &g), 0);
	shm_attach_commit(&f->server, &g, cred_user.task_id, 0);
	assert_int_equal(shm_ctl(child, &cred_user, id, SHM_LOCK, NULL, 0), 0);
	assert_non_null(f->server.lock_users);
	ipcns_fini(&f->server);
	f->ns = NULL;
	assert_int_equal(f->server.ns_count, 0);
	assert_int_equal(f->mem.objects, 0);
	assert_null(f->server.lock_users);
}

static void spawn_with_newipc_and_sysvsem_is_einval_before_eperm(void **state)
{
	uint64_t both = NS_CLONE_NEWIPC | NS_CLONE_SYSVSEM;

	(void)state;
	assert_int_equal(ns_spawn_check(both, &cred_user), -MK_EINVAL);
	assert_int_equal(ns_spawn_check(both, &cred_root), -MK_EINVAL);
	assert_int_equal(
		ns_spawn_check(NS_CLONE_NEWIPC, &cred_user), -MK_EPERM);
	assert_int_equal(ns_spawn_check(NS_CLONE_NEWIPC, &cred_root), 0);
	assert_int_equal(ns_spawn_check(NS_CLONE_SYSVSEM, &cred_user), 0);
	assert_int_equal(ns_spawn_check(0, &cred_user), 0);
	assert_int_equal(ns_unshare_check(&cred_user), -MK_EPERM);
	assert_int_equal(ns_unshare_check(&cred_root), 0);
}

static void empty_namespace_fits_its_budget(void **state)
{
	struct fixture *f = *state;
	int i, id;

	assert_true(ns_bytes(f->ns) <= BUDGET_EMPTY_NS);
	/* After a busy past, too. */
	for (i = 0; i < 2 * IPC_MIN_CYCLE; i++) {
		id = shm_get(f->ns, &cred_user, KEY, 1, IPC_CREAT | 0600, 0);
		assert_int_equal(
			shm_ctl(f->ns, &cred_user, id, IPC_RMID, NULL, 0), 0);
	}
	print_message("empty namespace: %zu bytes\n", ns_bytes(f->ns));
	assert_true(ns_bytes(f->ns) <= BUDGET_EMPTY_NS);
}

static void segments_fit_their_budget_at_any_count(void **state)
{
	struct fixture *f = *state;
	size_t counts[] = {1, 10, 100, 1000, 4096}, done = 0, i;
	size_t base = ns_bytes(f->ns);

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		for (; done < counts[i]; done++)
			assert_true(
				shm_get(f->ns, &cred_user, KEY + (int32_t)done,
					1, IPC_CREAT | 0600, 0) >= 0);
		print_message("%zu segments: %zu bytes (%zu per segment)\n",
			done, ns_bytes(f->ns), (ns_bytes(f->ns) - base) / done);
		assert_true(ns_bytes(f->ns) <=
			    BUDGET_EMPTY_NS + BUDGET_SEGMENT * done);
	}
	assert_int_equal(
		shm_get(f->ns, &cred_user, 1, 1, IPC_CREAT, 0), -MK_ENOSPC);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(first_namespace_has_label_zero_and_linux_defaults),
		T(new_namespace_is_empty_with_defaults_not_the_parent_s),
		T(keys_are_invisible_across_namespaces),
		T(last_reference_frees_every_segment),
		T(attachment_keeps_a_namespace_after_its_tasks_left),
		T(aborted_attach_can_be_the_last_reference),
		T(put_without_a_reference_is_einval),
		T(stale_label_finds_nothing),
		T(namespaces_beyond_the_maximum_are_enospc),
		T(fini_frees_namespaces_whatever_holds_them),
		cmocka_unit_test(
			spawn_with_newipc_and_sysvsem_is_einval_before_eperm),
		T(empty_namespace_fits_its_budget),
		T(segments_fit_their_budget_at_any_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
