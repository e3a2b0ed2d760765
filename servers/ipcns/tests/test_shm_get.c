/*
 * Host tests of shmget (shm_get): Linux's check order and errno for every
 * mistake, the new segment's fields, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "mk/errno.h"

#define KEY 0x1234
#define NOW 1000

static int get(struct fixture *f, const struct ipc_cred *c, int32_t key,
	uint64_t size, int flags)
{
	return shm_get(f->ns, c, key, size, flags, NOW);
}

static void missing_key_without_creat_is_enoent(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(get(f, &cred_user, KEY, 4096, 0600), -MK_ENOENT);
	assert_int_equal(get(f, &cred_user, KEY, 0, IPC_EXCL), -MK_ENOENT);
	assert_int_equal(f->mem.created, 0);
}

static void creat_makes_a_segment_and_finds_it_again(void **state)
{
	struct fixture *f = *state;
	int id = get(f, &cred_user, KEY, 4096, IPC_CREAT | 0600);

	assert_int_equal(id, 0); /* the first id of a namespace */
	assert_int_equal(get(f, &cred_user, KEY, 4096, IPC_CREAT | 0600), id);
	assert_int_equal(get(f, &cred_user, KEY, 100, 0), id);
	assert_int_equal(f->mem.objects, 1);
}

static void existing_key_with_creat_excl_is_eexist_before_size_and_perm(
	void **state)
{
	struct fixture *f = *state;

	assert_true(get(f, &cred_user, KEY, 4096, IPC_CREAT | 0600) >= 0);
	assert_int_equal(get(f, &cred_user, KEY, 4096, IPC_CREAT | IPC_EXCL),
		-MK_EEXIST);
	/* Too large and not permitted: still EEXIST first. */
	assert_int_equal(
		get(f, &cred_other, KEY, 1 << 20, IPC_CREAT | IPC_EXCL | 0666),
		-MK_EEXIST);
	/* IPC_EXCL alone does nothing. */
	assert_true(get(f, &cred_user, KEY, 4096, IPC_EXCL | 0600) >= 0);
}

static void existing_key_larger_size_is_einval_before_eacces(void **state)
{
	struct fixture *f = *state;
	int id = get(f, &cred_user, KEY, 5000, IPC_CREAT | 0600);

	assert_int_equal(get(f, &cred_other, KEY, 5001, 0666), -MK_EINVAL);
	assert_int_equal(get(f, &cred_user, KEY, 5001, 0600), -MK_EINVAL);
	/* The page-rounded size does not count, the asked one does. */
	assert_int_equal(get(f, &cred_user, KEY, 5000, 0600), id);
	assert_int_equal(get(f, &cred_user, KEY, 0, 0600), id);
}

static void existing_key_without_permission_is_eacces(void **state)
{
	struct fixture *f = *state;
	int id = get(f, &cred_user, KEY, 4096, IPC_CREAT | 0640);
	struct ipc_cred owner_cap =
		cred_with(&cred_other, MK_CAP_IPC_OWNER, 12);

	assert_int_equal(get(f, &cred_other, KEY, 4096, 0400), -MK_EACCES);
	assert_int_equal(get(f, &cred_group, KEY, 4096, 0400), id);
	assert_int_equal(get(f, &cred_group, KEY, 4096, 0600), -MK_EACCES);
	assert_int_equal(get(f, &cred_user, KEY, 4096, 0700), -MK_EACCES);
	assert_int_equal(get(f, &owner_cap, KEY, 4096, 0666), id);
	/* Asking for nothing cannot be refused. */
	assert_int_equal(get(f, &cred_other, KEY, 0, 0), id);
}

static void creating_size_zero_or_above_shmmax_is_einval(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(get(f, &cred_user, IPC_PRIVATE, 0, 0600), -MK_EINVAL);
	assert_int_equal(
		get(f, &cred_user, KEY, 0, IPC_CREAT | 0600), -MK_EINVAL);
	f->ns->shm_ctlmax = 8192;
	assert_int_equal(get(f, &cred_user, KEY, 8193, IPC_CREAT), -MK_EINVAL);
	assert_true(get(f, &cred_user, KEY, 8192, IPC_CREAT) >= 0);
	assert_true(get(f, &cred_user, IPC_PRIVATE, 1, 0) >= 0);
	assert_int_equal(f->mem.objects, 2);
}

static void private_key_always_creates(void **state)
{
	struct fixture *f = *state;
	int a = get(f, &cred_user, IPC_PRIVATE, 4096, 0600);
	int b = get(f, &cred_user, IPC_PRIVATE, 4096, IPC_CREAT | IPC_EXCL);

	assert_true(a >= 0 && b >= 0);
	assert_int_not_equal(a, b);
	assert_int_equal(f->mem.objects, 2);
}

static void size_whose_pages_overflow_is_enospc(void **state)
{
	struct fixture *f = *state;

	f->ns->shm_ctlmax = UINT64_MAX;
	assert_int_equal(
		get(f, &cred_user, IPC_PRIVATE, UINT64_MAX, 0), -MK_ENOSPC);
}

static void pages_beyond_shmall_are_enospc(void **state)
{
	struct fixture *f = *state;

	f->ns->shm_ctlall = 3;
	assert_true(get(f, &cred_user, IPC_PRIVATE, 8192, 0) >= 0);
	assert_int_equal(get(f, &cred_user, IPC_PRIVATE, 4097, 0), -MK_ENOSPC);
	assert_true(get(f, &cred_user, IPC_PRIVATE, 4096, 0) >= 0);
	assert_int_equal(f->ns->shm_tot, 3);
	assert_int_equal(get(f, &cred_user, IPC_PRIVATE, 1, 0), -MK_ENOSPC);
}

static void segments_beyond_shmmni_are_enospc_and_leave_nothing(void **state)
{
	struct fixture *f = *state;

	f->ns->shm_ctlmni = 2;
	assert_true(get(f, &cred_user, KEY, 4096, IPC_CREAT) >= 0);
	assert_true(get(f, &cred_user, IPC_PRIVATE, 4096, 0) >= 0);
	assert_int_equal(
		get(f, &cred_user, KEY + 1, 4096, IPC_CREAT), -MK_ENOSPC);
	assert_int_equal(f->mem.objects, 2);
	assert_int_equal(f->ns->shm_tot, 2);
	assert_int_equal(get(f, &cred_user, KEY + 1, 4096, 0), -MK_ENOENT);
	f->ns->shm_ctlmni = 0;
	assert_int_equal(get(f, &cred_user, IPC_PRIVATE, 1, 0), -MK_ENOSPC);
}

static void shmmni_is_checked_after_memory_and_huge_pages(void **state)
{
	struct fixture *f = *state;

	f->ns->shm_ctlmni = 0;
	assert_int_equal(
		get(f, &cred_user, IPC_PRIVATE, 1, SHM_HUGETLB), -MK_EPERM);
	f->mem.fail_create = MK_ENOMEM;
	assert_int_equal(get(f, &cred_user, IPC_PRIVATE, 1, 0), -MK_ENOMEM);
}

static void memory_failure_is_enomem_whatever_the_kernel_said(void **state)
{
	struct fixture *f = *state;

	f->mem.fail_create = MK_EINVAL; /* e.g. beyond MK_MEM_MAX_PAGES */
	assert_int_equal(get(f, &cred_user, KEY, 4096, IPC_CREAT), -MK_ENOMEM);
	f->mem.fail_create = 0;
	assert_int_equal(get(f, &cred_user, KEY, 4096, 0), -MK_ENOENT);
	assert_int_equal(f->ns->shm_tot, 0);
	assert_int_equal(f->ns->shm_ids.in_use, 0);
}

static void hugetlb_without_privilege_is_eperm(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(
		get(f, &cred_user, IPC_PRIVATE, 1 << 21, SHM_HUGETLB | 0600),
		-MK_EPERM);
	assert_int_equal(get(f, &cred_user, KEY, 1 << 21,
				 IPC_CREAT | SHM_HUGETLB | SHM_HUGE_2MB),
		-MK_EPERM);
	assert_int_equal(f->mem.created, 0);
}

static void hugetlb_with_privilege_is_enomem_as_no_pages_exist(void **state)
{
	struct fixture *f = *state;
	struct ipc_cred locker = cred_with(&cred_user, MK_CAP_IPC_LOCK, 10);
	struct ipc_cred root_group = cred_other;

	root_group.gid = 0; /* vm.hugetlb_shm_group is 0 */
	assert_int_equal(
		get(f, &locker, IPC_PRIVATE, 1 << 21, SHM_HUGETLB), -MK_ENOMEM);
	assert_int_equal(
		get(f, &root_group, IPC_PRIVATE, 1, SHM_HUGETLB), -MK_ENOMEM);
	assert_int_equal(
		get(f, &cred_root, IPC_PRIVATE, 1, SHM_HUGETLB | SHM_HUGE_1GB),
		-MK_ENOMEM);
	assert_int_equal(f->mem.created, 0);
}

static void hugetlb_with_unknown_page_size_is_einval(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(get(f, &cred_root, IPC_PRIVATE, 1,
				 SHM_HUGETLB | 22 << SHM_HUGE_SHIFT),
		-MK_EINVAL);
	/* Before the privilege check. */
	assert_int_equal(get(f, &cred_user, IPC_PRIVATE, 1,
				 SHM_HUGETLB | 16 << SHM_HUGE_SHIFT),
		-MK_EINVAL);
	/* Size checks come first. */
	assert_int_equal(
		get(f, &cred_user, IPC_PRIVATE, 0, SHM_HUGETLB), -MK_EINVAL);
}

static void hugetlb_flag_on_an_existing_key_is_ignored(void **state)
{
	struct fixture *f = *state;
	int id = get(f, &cred_user, KEY, 4096, IPC_CREAT | 0600);

	assert_int_equal(get(f, &cred_user, KEY, 4096, SHM_HUGETLB | 0600), id);
}

static void new_segment_fields_are_linux_s(void **state)
{
	struct fixture *f = *state;
	struct ipc_cred c = cred_with(&cred_user, 0, 4242);
	int id = shm_get(
		f->ns, &c, KEY, 5000, IPC_CREAT | SHM_NORESERVE | 01777, 777);
	struct shmid_ds ds = fixture_stat(f, id);

	assert_int_equal(ds.shm_perm.__key, KEY);
	assert_int_equal(ds.shm_perm.uid, 1000);
	assert_int_equal(ds.shm_perm.cuid, 1000);
	assert_int_equal(ds.shm_perm.gid, 100);
	assert_int_equal(ds.shm_perm.cgid, 100);
	assert_int_equal(ds.shm_perm.mode, 0777);
	assert_int_equal(ds.shm_perm.__seq, 0);
	assert_int_equal(ds.shm_segsz, 5000);
	assert_int_equal(ds.shm_cpid, 4242);
	assert_int_equal(ds.shm_lpid, 0);
	assert_int_equal(ds.shm_nattch, 0);
	assert_int_equal(ds.shm_atime, 0);
	assert_int_equal(ds.shm_dtime, 0);
	assert_int_equal(ds.shm_ctime, 777);
	assert_int_equal(f->mem.pages, 2);
	assert_int_equal(f->ns->shm_tot, 2);
}

static void only_the_low_32_bits_of_a_key_exist(void **state)
{
	struct fixture *f = *state;
	int id = get(f, &cred_user, (int32_t)0x80000001u, 1, IPC_CREAT | 0600);

	assert_int_equal(
		fixture_stat(f, id).shm_perm.__key, (int32_t)0x80000001u);
	assert_int_equal(get(f, &cred_user, (int32_t)0x80000001u, 1, 0), id);
}

static void many_keys_are_found_while_others_exist(void **state)
{
	struct fixture *f = *state;
	int ids[1000], i;

	for (i = 0; i < 1000; i++)
		ids[i] = get(f, &cred_user, 5000 + i, 1, IPC_CREAT | 0600);
	for (i = 0; i < 1000; i++)
		assert_int_equal(get(f, &cred_user, 5000 + i, 1, 0600), ids[i]);
	assert_int_equal(f->mem.objects, 1000);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(missing_key_without_creat_is_enoent),
		T(creat_makes_a_segment_and_finds_it_again),
		T(existing_key_with_creat_excl_is_eexist_before_size_and_perm),
		T(existing_key_larger_size_is_einval_before_eacces),
		T(existing_key_without_permission_is_eacces),
		T(creating_size_zero_or_above_shmmax_is_einval),
		T(private_key_always_creates),
		T(size_whose_pages_overflow_is_enospc),
		T(pages_beyond_shmall_are_enospc),
		T(segments_beyond_shmmni_are_enospc_and_leave_nothing),
		T(shmmni_is_checked_after_memory_and_huge_pages),
		T(memory_failure_is_enomem_whatever_the_kernel_said),
		T(hugetlb_without_privilege_is_eperm),
		T(hugetlb_with_privilege_is_enomem_as_no_pages_exist),
		T(hugetlb_with_unknown_page_size_is_einval),
		T(hugetlb_flag_on_an_existing_key_is_ignored),
		T(new_segment_fields_are_linux_s),
		T(only_the_low_32_bits_of_a_key_exist),
		T(many_keys_are_found_while_others_exist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
