/*
 * Host tests of Linux-style ids, key lookup and permission checks
 * (ipc_ids.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "ipc_ids.h"
#include "mk/errno.h"

#define OBJS_MAX IPC_MNI

struct table {
	struct ipc_ids ids;
	struct ipc_obj objs[OBJS_MAX];
};

static int table_setup(void **state)
{
	struct table *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	ipc_ids_init(&t->ids);
	*state = t;
	return 0;
}

static int table_teardown(void **state)
{
	struct table *t = *state;

	ipc_ids_fini(&t->ids);
	free(t);
	return 0;
}

/* Add objs[i] with this key; returns its id (asserting success). */
static int add(struct table *t, int i, int32_t key)
{
	int id;

	t->objs[i].key = key;
	id = ipc_ids_alloc(&t->ids, &t->objs[i], IPC_MNI);
	assert_true(id >= 0);
	return id;
}

static void first_id_of_a_fresh_table_is_zero(void **state)
{
	struct table *t = *state;

	assert_int_equal(add(t, 0, 0), 0);
	assert_int_equal(add(t, 1, 0), 1);
	assert_int_equal(add(t, 2, 42), 2);
}

static void index_is_not_reused_before_the_cursor_wraps(void **state)
{
	struct table *t = *state;

	assert_int_equal(add(t, 0, 0), 0);
	ipc_ids_remove(&t->ids, &t->objs[0]);
	/* idx 1, seq 0: Linux's cyclic allocation moves on. */
	assert_int_equal(add(t, 1, 0), 1);
}

static void wrapping_cursor_bumps_the_sequence(void **state)
{
	struct table *t = *state;
	int i, id;

	/* One object at a time: indices 0..63, all with sequence 0. */
	for (i = 0; i < IPC_MIN_CYCLE; i++) {
		assert_int_equal(add(t, 0, 0), i);
		ipc_ids_remove(&t->ids, &t->objs[0]);
	}
	/* Back to index 0 with sequence 1: id 32768. */
	id = add(t, 0, 0);
	assert_int_equal(id, 1 << IPC_ID_SHIFT);
	assert_int_equal(ipc_id_index(id), 0);
	assert_int_equal(ipc_id_seq(id), 1);
}

static void stale_id_is_not_found_but_its_index_is(void **state)
{
	struct table *t = *state;
	int i, old, fresh;

	old = add(t, 0, 0);
	ipc_ids_remove(&t->ids, &t->objs[0]);
	assert_null(ipc_ids_find_id(&t->ids, old));
	for (i = 1; i < IPC_MIN_CYCLE; i++) {
		add(t, 1, 0);
		ipc_ids_remove(&t->ids, &t->objs[1]);
	}
	fresh = add(t, 2, 0);
	assert_int_equal(ipc_id_index(fresh), ipc_id_index(old));
	assert_int_not_equal(fresh, old);
	assert_null(ipc_ids_find_id(&t->ids, old));
	assert_ptr_equal(ipc_ids_find_id(&t->ids, fresh), &t->objs[2]);
	assert_ptr_equal(ipc_ids_find_index(&t->ids, old), &t->objs[2]);
	assert_null(ipc_ids_find_id(&t->ids, -1));
	assert_null(ipc_ids_find_id(&t->ids, 5));
	assert_null(ipc_ids_find_index(&t->ids, 40000 + 5));
}

static void sequence_wraps_to_zero_below_its_maximum(void **state)
{
	struct table *t = *state;
	int id;

	assert_int_equal(add(t, 0, 0), 0);
	t->ids.seq = IPC_SEQ_MAX - 1; /* as after 65534 wraps */
	id = add(t, 1, 0);	      /* index 1 > 0: the same sequence */
	assert_int_equal(ipc_id_seq(id), IPC_SEQ_MAX - 1);
	assert_int_equal(ipc_id_index(id), 1);
	ipc_ids_remove(&t->ids, &t->objs[0]);
	t->ids.cursor = 0; /* as after the cursor wrapped */
	id = add(t, 0, 0); /* index 0 <= 1: the sequence passes its end */
	assert_int_equal(id, 0);
}

static void range_grows_with_the_count_in_use(void **state)
{
	struct table *t = *state;
	int i;

	for (i = 0; i < 200; i++)
		assert_int_equal(add(t, i, 0), i);
	assert_int_equal(ipc_ids_max_index(&t->ids), 199);
}

static void table_limit_gives_enospc(void **state)
{
	struct table *t = *state;

	t->objs[0].key = t->objs[1].key = 0;
	assert_int_equal(ipc_ids_alloc(&t->ids, &t->objs[0], 1), 0);
	assert_int_equal(ipc_ids_alloc(&t->ids, &t->objs[1], 1), -MK_ENOSPC);
	assert_int_equal(ipc_ids_alloc(&t->ids, &t->objs[1], 0), -MK_ENOSPC);
	assert_int_equal(t->ids.in_use, 1);
}

static void limit_is_capped_at_ipcmni(void **state)
{
	struct table *t = *state;
	struct ipc_obj extra = {0};
	uint32_t i;

	for (i = 0; i < IPC_MNI; i++) {
		t->objs[i].key = 0;
		assert_true(
			ipc_ids_alloc(&t->ids, &t->objs[i], UINT32_MAX) >= 0);
	}
	assert_int_equal(
		ipc_ids_alloc(&t->ids, &extra, UINT32_MAX), -MK_ENOSPC);
	assert_int_equal(ipc_ids_max_index(&t->ids), IPC_MNI - 1);
}

static void max_index_follows_removals(void **state)
{
	struct table *t = *state;

	assert_int_equal(ipc_ids_max_index(&t->ids), -1);
	add(t, 0, 0);
	add(t, 1, 0);
	add(t, 2, 0);
	ipc_ids_remove(&t->ids, &t->objs[1]);
	assert_int_equal(ipc_ids_max_index(&t->ids), 2);
	ipc_ids_remove(&t->ids, &t->objs[2]);
	assert_int_equal(ipc_ids_max_index(&t->ids), 0);
	ipc_ids_remove(&t->ids, &t->objs[0]);
	assert_int_equal(ipc_ids_max_index(&t->ids), -1);
}

/* The longest hash chain: lookups stay short however many keys exist. */
static int longest_chain(const struct ipc_ids *ids)
{
	uint32_t b;
	int longest = 0;

	for (b = 0; b < ids->nbuckets; b++) {
		int n = 0;
		const struct ipc_obj *o;

		for (o = ids->buckets[b]; o; o = o->hash_next)
			n++;
		if (n > longest)
			longest = n;
	}
	return longest;
}

static void keys_are_found_by_hash_among_many(void **state)
{
	struct table *t = *state;
	int i;

	for (i = 0; i < 1000; i++)
		add(t, i, 0x1000 + i * 7);
	for (i = 0; i < 1000; i++)
		assert_ptr_equal(
			ipc_ids_find_key(&t->ids, 0x1000 + i * 7), &t->objs[i]);
	assert_null(ipc_ids_find_key(&t->ids, 0x1001));
	assert_null(ipc_ids_find_key(&t->ids, 0));
	assert_true(t->ids.nbuckets >= 1000);
	assert_true(longest_chain(&t->ids) <= 8);
}

static void private_objects_are_not_in_the_hash(void **state)
{
	struct table *t = *state;

	add(t, 0, 0);
	add(t, 1, 0);
	assert_int_equal(t->ids.keyed, 0);
	assert_null(ipc_ids_find_key(&t->ids, 0));
}

static void set_private_hides_the_key_and_frees_it(void **state)
{
	struct table *t = *state;
	int id = add(t, 0, 77);

	ipc_ids_set_private(&t->ids, &t->objs[0]);
	assert_int_equal(t->objs[0].key, 0);
	assert_null(ipc_ids_find_key(&t->ids, 77));
	assert_ptr_equal(ipc_ids_find_id(&t->ids, id), &t->objs[0]);
	add(t, 1, 77);
	assert_ptr_equal(ipc_ids_find_key(&t->ids, 77), &t->objs[1]);
	ipc_ids_set_private(&t->ids, &t->objs[0]); /* twice: harmless */
	ipc_ids_remove(&t->ids, &t->objs[0]);
	assert_ptr_equal(ipc_ids_find_key(&t->ids, 77), &t->objs[1]);
}

static void removal_frees_key_and_id(void **state)
{
	struct table *t = *state;
	int id = add(t, 0, 5);

	ipc_ids_remove(&t->ids, &t->objs[0]);
	assert_null(ipc_ids_find_key(&t->ids, 5));
	assert_null(ipc_ids_find_id(&t->ids, id));
	assert_int_equal(t->ids.in_use, 0);
	assert_int_equal(t->ids.keyed, 0);
}

static void emptied_table_gives_back_grown_arrays(void **state)
{
	struct table *t = *state;
	int i;

	for (i = 0; i < 1000; i++)
		add(t, i, i + 1);
	assert_true(ipc_ids_bytes(&t->ids) > 1000 * sizeof(void *));
	for (i = 0; i < 1000; i++)
		ipc_ids_remove(&t->ids, &t->objs[i]);
	assert_int_equal(ipc_ids_bytes(&t->ids), 0);
	/* Allocation goes on: the cursor wrapped past the small range. */
	assert_true(add(t, 0, 9) >= 0);
	assert_ptr_equal(ipc_ids_find_key(&t->ids, 9), &t->objs[0]);
}

static const struct ipc_obj perm_obj = {
	.uid = 1000, .gid = 100, .cuid = 1001, .cgid = 101, .mode = 0640};

static void perm_uses_owner_group_or_other_bits(void **state)
{
	struct ipc_cred owner = {1, 1000, 5, 0}, creator = {1, 1001, 5, 0};
	struct ipc_cred group = {1, 7, 100, 0}, cgroup = {1, 7, 101, 0};
	struct ipc_cred other = {1, 7, 7, 0};

	(void)state;
	assert_int_equal(ipc_perm_check(&perm_obj, &owner, 0600), 0);
	assert_int_equal(ipc_perm_check(&perm_obj, &creator, 0600), 0);
	assert_int_equal(ipc_perm_check(&perm_obj, &owner, 0100), -MK_EACCES);
	assert_int_equal(ipc_perm_check(&perm_obj, &group, 0400), 0);
	assert_int_equal(ipc_perm_check(&perm_obj, &cgroup, 0040), 0);
	assert_int_equal(ipc_perm_check(&perm_obj, &group, 0200), -MK_EACCES);
	assert_int_equal(ipc_perm_check(&perm_obj, &other, 0004), -MK_EACCES);
	/* Any of the three groups of the request asks for that bit. */
	assert_int_equal(ipc_perm_check(&perm_obj, &group, 0002), -MK_EACCES);
	assert_int_equal(ipc_perm_check(&perm_obj, &group, 0004), 0);
}

static void perm_request_of_nothing_always_passes(void **state)
{
	struct ipc_cred other = {1, 7, 7, 0};
	struct ipc_obj closed = perm_obj;

	(void)state;
	closed.mode = 0;
	assert_int_equal(ipc_perm_check(&closed, &other, 0), 0);
	/* Bits above the low 9 (IPC_CREAT, IPC_EXCL) request nothing. */
	assert_int_equal(ipc_perm_check(&closed, &other, 03000), 0);
}

static void ipc_owner_capability_overrides_permissions(void **state)
{
	struct ipc_cred other = {1, 7, 7, MK_CAP_IPC_OWNER};
	struct ipc_cred admin = {1, 7, 7, MK_CAP_SYS_ADMIN};

	(void)state;
	assert_int_equal(ipc_perm_check(&perm_obj, &other, 0777), 0);
	assert_int_equal(ipc_perm_check(&perm_obj, &admin, 0004), -MK_EACCES);
}

static void owner_check_takes_owner_creator_or_sys_admin(void **state)
{
	struct ipc_cred owner = {1, 1000, 5, 0}, creator = {1, 1001, 5, 0};
	struct ipc_cred group = {1, 7, 100, 0};
	struct ipc_cred admin = {1, 7, 7, MK_CAP_SYS_ADMIN};
	struct ipc_cred ipc_owner = {1, 7, 7, MK_CAP_IPC_OWNER};

	(void)state;
	assert_int_equal(ipc_owner_check(&perm_obj, &owner), 0);
	assert_int_equal(ipc_owner_check(&perm_obj, &creator), 0);
	assert_int_equal(ipc_owner_check(&perm_obj, &admin), 0);
	assert_int_equal(ipc_owner_check(&perm_obj, &group), -MK_EPERM);
	assert_int_equal(ipc_owner_check(&perm_obj, &ipc_owner), -MK_EPERM);
}

static void cred_comes_from_the_kernel_stamp(void **state)
{
	struct mk_sender s = {.task_id = 9,
		.badge = 3,
		.uid = 5,
		.gid = 6,
		.caps = MK_CAP_IPC_OWNER,
		.ns = {77, 0}};
	struct ipc_cred c = ipc_cred_from_sender(&s);

	(void)state;
	assert_int_equal(c.task_id, 9);
	assert_int_equal(c.uid, 5);
	assert_int_equal(c.gid, 6);
	assert_int_equal(c.caps, MK_CAP_IPC_OWNER);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, table_setup, table_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(first_id_of_a_fresh_table_is_zero),
		T(index_is_not_reused_before_the_cursor_wraps),
		T(wrapping_cursor_bumps_the_sequence),
		T(stale_id_is_not_found_but_its_index_is),
		T(sequence_wraps_to_zero_below_its_maximum),
		T(range_grows_with_the_count_in_use),
		T(table_limit_gives_enospc),
		T(limit_is_capped_at_ipcmni),
		T(max_index_follows_removals),
		T(keys_are_found_by_hash_among_many),
		T(private_objects_are_not_in_the_hash),
		T(set_private_hides_the_key_and_frees_it),
		T(removal_frees_key_and_id),
		T(emptied_table_gives_back_grown_arrays),
		cmocka_unit_test(perm_uses_owner_group_or_other_bits),
		cmocka_unit_test(perm_request_of_nothing_always_passes),
		cmocka_unit_test(ipc_owner_capability_overrides_permissions),
		cmocka_unit_test(owner_check_takes_owner_creator_or_sys_admin),
		cmocka_unit_test(cred_comes_from_the_kernel_stamp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
