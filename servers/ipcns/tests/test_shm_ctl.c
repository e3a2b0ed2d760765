/*
 * Host tests of shmctl (shm_ctl): every command's errno in Linux's order,
 * what each returns, and the fields it shows or changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "mk/errno.h"

#define KEY 0xc7l

static int make(struct fixture *f, int32_t key, uint64_t size, int mode)
{
	int id = shm_get(f->ns, &cred_user, key, size, IPC_CREAT | mode, 50);

	assert_true(id >= 0);
	return id;
}

static int ctl(struct fixture *f, const struct ipc_cred *c, int id, int cmd,
	union shm_ctl_buf *buf)
{
	return shm_ctl(f->ns, c, id, cmd, buf, 500);
}

static void negative_cmd_or_id_is_einval_even_for_info(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;

	make(f, KEY, 1, 0600);
	assert_int_equal(ctl(f, &cred_root, -1, IPC_INFO, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_root, -1, SHM_INFO, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_root, 0, -1, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_root, -5, IPC_RMID, &buf), -MK_EINVAL);
	assert_int_equal(f->mem.objects, 1);
}

static void unknown_command_is_einval(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0600);

	assert_int_equal(ctl(f, &cred_root, id, 4, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_root, id, 16, &buf), -MK_EINVAL);
	/* Generic-ABI kernels do not strip IPC_64. */
	assert_int_equal(
		ctl(f, &cred_root, id, 0x100 | IPC_STAT, &buf), -MK_EINVAL);
	assert_int_equal(shm_ctl_out_size(0x100 | IPC_STAT), 0);
}

static void ipc_stat_checks_id_then_read_permission(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0640);
	struct ipc_cred owner_cap =
		cred_with(&cred_other, MK_CAP_IPC_OWNER, 12);

	assert_int_equal(
		ctl(f, &cred_root, id + 1, IPC_STAT, &buf), -MK_EINVAL);
	assert_int_equal(
		ctl(f, &cred_other, id + 1, IPC_STAT, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_other, id, IPC_STAT, &buf), -MK_EACCES);
	assert_int_equal(ctl(f, &cred_group, id, IPC_STAT, &buf), 0);
	assert_int_equal(ctl(f, &owner_cap, id, IPC_STAT, &buf), 0);
	assert_int_equal(ctl(f, &cred_user, id, IPC_STAT, &buf), 0);
	assert_int_equal(buf.ds.shm_segsz, 1);
}

static void ipc_stat_rejects_a_stale_id(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int old = make(f, IPC_PRIVATE, 1, 0600), i, id;

	assert_int_equal(ctl(f, &cred_root, old, IPC_RMID, NULL), 0);
	for (i = 0; i < IPC_MIN_CYCLE; i++) {
		id = make(f, IPC_PRIVATE, 1, 0600);
		if (ipc_id_index(id) == ipc_id_index(old))
			break;
		assert_int_equal(ctl(f, &cred_root, id, IPC_RMID, NULL), 0);
	}
	assert_int_equal(ipc_id_index(id), ipc_id_index(old));
	assert_int_equal(ipc_id_seq(id), 1);
	assert_int_equal(ctl(f, &cred_root, old, IPC_STAT, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_root, id, IPC_STAT, &buf), 0);
	assert_int_equal(buf.ds.shm_perm.__seq, 1);
}

static void shm_stat_takes_an_index_and_returns_the_id(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id, i;

	for (i = 0; i < IPC_MIN_CYCLE; i++)
		assert_int_equal(
			ctl(f, &cred_root, make(f, IPC_PRIVATE, 1, 0600),
				IPC_RMID, NULL),
			0);
	id = make(f, KEY, 1, 0600); /* index 0, sequence 1 */
	assert_int_equal(ctl(f, &cred_user, 0, SHM_STAT, &buf), id);
	assert_int_equal(buf.ds.shm_perm.__key, KEY);
	assert_int_equal(buf.ds.shm_perm.__seq, 1);
	assert_int_equal(ctl(f, &cred_user, 1, SHM_STAT, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_user, 0, SHM_STAT_ANY, &buf), id);
	/* IPC_STAT with the bare index is a stale id. */
	assert_int_equal(ctl(f, &cred_user, 0, IPC_STAT, &buf), -MK_EINVAL);
}

static void shm_stat_checks_read_but_shm_stat_any_does_not(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0600);

	assert_int_equal(ctl(f, &cred_other, ipc_id_index(id), SHM_STAT, &buf),
		-MK_EACCES);
	assert_int_equal(
		ctl(f, &cred_other, ipc_id_index(id), SHM_STAT_ANY, &buf), id);
	assert_int_equal(buf.ds.shm_perm.cuid, 1000);
}

static void ipc_set_changes_owner_group_mode_and_ctime(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0600);

	assert_int_equal(ctl(f, &cred_user, id, IPC_STAT, &buf), 0);
	buf.ds.shm_perm.uid = 2000;
	buf.ds.shm_perm.gid = 200;
	buf.ds.shm_perm.mode = 07444; /* only the low 9 bits count */
	buf.ds.shm_perm.cuid = 5;
	buf.ds.shm_segsz = 999;
	assert_int_equal(ctl(f, &cred_user, id, IPC_SET, &buf), 0);
	memset(&buf, 0, sizeof(buf));
	assert_int_equal(ctl(f, &cred_root, id, IPC_STAT, &buf), 0);
	assert_int_equal(buf.ds.shm_perm.uid, 2000);
	assert_int_equal(buf.ds.shm_perm.gid, 200);
	assert_int_equal(buf.ds.shm_perm.mode, 0444);
	assert_int_equal(buf.ds.shm_perm.cuid, 1000);
	assert_int_equal(buf.ds.shm_perm.cgid, 100);
	assert_int_equal(buf.ds.shm_segsz, 1);
	assert_int_equal(buf.ds.shm_ctime, 500);
	/* The new owner may set, and so may the creator still. */
	assert_int_equal(ctl(f, &cred_other, id, IPC_SET, &buf), 0);
	assert_int_equal(ctl(f, &cred_user, id, IPC_SET, &buf), 0);
}

static void ipc_set_by_others_is_eperm_after_the_id_check(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0666);
	struct ipc_cred admin = cred_with(&cred_other, MK_CAP_SYS_ADMIN, 12);
	struct ipc_cred owner_cap =
		cred_with(&cred_other, MK_CAP_IPC_OWNER, 12);

	buf.ds = fixture_stat(f, id);
	assert_int_equal(
		ctl(f, &cred_other, id + 1, IPC_SET, &buf), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_group, id, IPC_SET, &buf), -MK_EPERM);
	assert_int_equal(ctl(f, &owner_cap, id, IPC_SET, &buf), -MK_EPERM);
	assert_int_equal(ctl(f, &admin, id, IPC_SET, &buf), 0);
}

static void ipc_set_with_no_user_is_einval(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0600);

	buf.ds = fixture_stat(f, id);
	buf.ds.shm_perm.uid = UINT32_MAX;
	assert_int_equal(ctl(f, &cred_user, id, IPC_SET, &buf), -MK_EINVAL);
	buf.ds.shm_perm.uid = 1000;
	buf.ds.shm_perm.gid = UINT32_MAX;
	assert_int_equal(ctl(f, &cred_user, id, IPC_SET, &buf), -MK_EINVAL);
	/* EPERM comes first. */
	assert_int_equal(ctl(f, &cred_other, id, IPC_SET, &buf), -MK_EPERM);
	assert_int_equal(fixture_stat(f, id).shm_ctime, 50);
}

static void ipc_rmid_needs_owner_creator_or_sys_admin(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int id = make(f, KEY, 1, 0666);
	struct ipc_cred admin = cred_with(&cred_other, MK_CAP_SYS_ADMIN, 12);

	assert_int_equal(
		ctl(f, &cred_other, id + 1, IPC_RMID, NULL), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_other, id, IPC_RMID, NULL), -MK_EPERM);
	assert_int_equal(ctl(f, &cred_group, id, IPC_RMID, NULL), -MK_EPERM);
	assert_int_equal(f->mem.objects, 1);
	/* The creator may, after giving the segment away. */
	buf.ds = fixture_stat(f, id);
	buf.ds.shm_perm.uid = 2000;
	assert_int_equal(ctl(f, &cred_user, id, IPC_SET, &buf), 0);
	assert_int_equal(ctl(f, &cred_user, id, IPC_RMID, NULL), 0);
	id = make(f, KEY, 1, 0666);
	assert_int_equal(ctl(f, &admin, id, IPC_RMID, NULL), 0);
	assert_int_equal(f->mem.objects, 0);
}

static void ipc_info_gives_limits_and_highest_index(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;
	int a, b;

	memset(&buf, 0xff, sizeof(buf));
	assert_int_equal(ctl(f, &cred_other, 0, IPC_INFO, &buf), 0);
	assert_true(buf.info.shmmax == NS_SHMMAX);
	assert_int_equal(buf.info.shmmin, 1);
	assert_int_equal(buf.info.shmmni, 4096);
	assert_int_equal(buf.info.shmseg, 4096);
	assert_true(buf.info.shmall == NS_SHMALL);
	assert_int_equal(buf.info.__unused1, 0);
	assert_int_equal(buf.info.__unused4, 0);
	a = make(f, IPC_PRIVATE, 1, 0);
	b = make(f, IPC_PRIVATE, 1, 0);
	make(f, IPC_PRIVATE, 1, 0);
	assert_int_equal(ctl(f, &cred_other, 12345, IPC_INFO, &buf), 2);
	f->ns->shm_ctlmni = 7;
	assert_int_equal(ctl(f, &cred_other, 0, IPC_INFO, &buf), 2);
	assert_int_equal(buf.info.shmmni, 7);
	assert_int_equal(ctl(f, &cred_root, b + 1, IPC_RMID, NULL), 0);
	assert_int_equal(ctl(f, &cred_other, 0, IPC_INFO, &buf), 1);
	assert_int_equal(ctl(f, &cred_root, a, IPC_RMID, NULL), 0);
	assert_int_equal(ctl(f, &cred_other, 0, IPC_INFO, &buf), 1);
}

static void shm_info_gives_usage_and_highest_index(void **state)
{
	struct fixture *f = *state;
	union shm_ctl_buf buf;

	memset(&buf, 0xff, sizeof(buf));
	assert_int_equal(ctl(f, &cred_other, 0, SHM_INFO, &buf), 0);
	assert_int_equal(buf.shm_info.used_ids, 0);
	assert_int_equal(buf.shm_info.shm_tot, 0);
	assert_int_equal(buf.shm_info.swap_successes, 0);
	make(f, IPC_PRIVATE, 1, 0);
	make(f, IPC_PRIVATE, 4097, 0);
	assert_int_equal(ctl(f, &cred_other, 0, SHM_INFO, &buf), 1);
	assert_int_equal(buf.shm_info.used_ids, 2);
	assert_int_equal(buf.shm_info.shm_tot, 3);
	assert_int_equal(buf.shm_info.shm_rss, 3);
	assert_int_equal(buf.shm_info.shm_swp, 0);
	assert_int_equal(buf.shm_info.swap_attempts, 0);
}

static void shm_lock_sets_locked_and_unlock_clears_it(void **state)
{
	struct fixture *f = *state;
	int id = make(f, KEY, 4096, 0600);

	assert_int_equal(ctl(f, &cred_user, id, SHM_LOCK, NULL), 0);
	assert_int_equal(fixture_stat(f, id).shm_perm.mode, SHM_LOCKED | 0600);
	assert_int_equal(ctl(f, &cred_user, id, SHM_LOCK, NULL), 0);
	assert_int_equal(ctl(f, &cred_user, id, SHM_UNLOCK, NULL), 0);
	assert_int_equal(fixture_stat(f, id).shm_perm.mode, 0600);
	assert_int_equal(ctl(f, &cred_user, id, SHM_UNLOCK, NULL), 0);
	assert_null(f->server.lock_users);
}

static void shm_lock_by_others_is_eperm_without_ipc_lock(void **state)
{
	struct fixture *f = *state;
	int id = make(f, KEY, 4096, 0666);
	struct ipc_cred locker = cred_with(&cred_other, MK_CAP_IPC_LOCK, 12);

	assert_int_equal(
		ctl(f, &cred_other, id + 1, SHM_LOCK, NULL), -MK_EINVAL);
	assert_int_equal(ctl(f, &cred_other, id, SHM_LOCK, NULL), -MK_EPERM);
	assert_int_equal(ctl(f, &cred_other, id, SHM_UNLOCK, NULL), -MK_EPERM);
	assert_int_equal(ctl(f, &locker, id, SHM_LOCK, NULL), 0);
	assert_int_equal(ctl(f, &cred_other, id, SHM_UNLOCK, NULL), -MK_EPERM);
	assert_int_equal(ctl(f, &cred_user, id, SHM_UNLOCK, NULL), 0);
}

static void shm_lock_with_zero_memlock_limit_is_eperm(void **state)
{
	struct fixture *f = *state;
	int id = make(f, KEY, 4096, 0600);
	struct ipc_cred locker = cred_with(&cred_user, MK_CAP_IPC_LOCK, 10);

	f->server.memlock_limit = 0;
	assert_int_equal(ctl(f, &cred_user, id, SHM_LOCK, NULL), -MK_EPERM);
	assert_int_equal(ctl(f, &cred_user, id, SHM_UNLOCK, NULL), 0);
	assert_int_equal(ctl(f, &locker, id, SHM_LOCK, NULL), 0);
	assert_int_equal(ctl(f, &cred_user, id, SHM_UNLOCK, NULL), 0);
}

static void shm_lock_beyond_memlock_limit_is_enomem(void **state)
{
	struct fixture *f = *state;
	int a = make(f, KEY, 3 * 4096, 0600);
	int b = make(f, KEY + 1, 4096 + 1, 0600);
	struct ipc_cred locker = cred_with(&cred_user, MK_CAP_IPC_LOCK, 10);

	f->server.memlock_limit = 4 * 4096;
	assert_int_equal(ctl(f, &cred_user, a, SHM_LOCK, NULL), 0);
	/* 3 + 2 pages > 4: the user's total counts, across segments. */
	assert_int_equal(ctl(f, &cred_user, b, SHM_LOCK, NULL), -MK_ENOMEM);
	assert_int_equal(fixture_stat(f, b).shm_perm.mode, 0600);
	assert_int_equal(ctl(f, &locker, b, SHM_LOCK, NULL), 0);
	/* Unlocking credits the user that locked. */
	assert_int_equal(ctl(f, &cred_user, a, SHM_UNLOCK, NULL), 0);
	assert_int_equal(ctl(f, &cred_user, b, SHM_UNLOCK, NULL), 0);
	assert_int_equal(ctl(f, &cred_user, b, SHM_LOCK, NULL), 0);
	assert_int_equal(ctl(f, &cred_user, a, SHM_LOCK, NULL), -MK_ENOMEM);
}

static void destroying_a_locked_segment_credits_its_locker(void **state)
{
	struct fixture *f = *state;
	int a = make(f, KEY, 4 * 4096, 0600), b;

	f->server.memlock_limit = 4 * 4096;
	assert_int_equal(ctl(f, &cred_user, a, SHM_LOCK, NULL), 0);
	assert_non_null(f->server.lock_users);
	assert_int_equal(ctl(f, &cred_user, a, IPC_RMID, NULL), 0);
	assert_null(f->server.lock_users);
	b = make(f, KEY, 4 * 4096, 0600);
	assert_int_equal(ctl(f, &cred_user, b, SHM_LOCK, NULL), 0);
	/* Left locked: the namespace's end credits it (teardown checks). */
}

static void buffer_sizes_follow_the_command(void **state)
{
	(void)state;
	assert_int_equal(shm_ctl_in_size(IPC_SET), sizeof(struct shmid_ds));
	assert_int_equal(shm_ctl_in_size(IPC_STAT), 0);
	assert_int_equal(shm_ctl_out_size(IPC_STAT), 112);
	assert_int_equal(shm_ctl_out_size(SHM_STAT), 112);
	assert_int_equal(shm_ctl_out_size(SHM_STAT_ANY), 112);
	assert_int_equal(shm_ctl_out_size(IPC_INFO), 72);
	assert_int_equal(shm_ctl_out_size(SHM_INFO), 48);
	assert_int_equal(shm_ctl_out_size(IPC_SET), 0);
	assert_int_equal(shm_ctl_out_size(IPC_RMID), 0);
	assert_int_equal(shm_ctl_out_size(SHM_LOCK), 0);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(negative_cmd_or_id_is_einval_even_for_info),
		T(unknown_command_is_einval),
		T(ipc_stat_checks_id_then_read_permission),
		T(ipc_stat_rejects_a_stale_id),
		T(shm_stat_takes_an_index_and_returns_the_id),
		T(shm_stat_checks_read_but_shm_stat_any_does_not),
		T(ipc_set_changes_owner_group_mode_and_ctime),
		T(ipc_set_by_others_is_eperm_after_the_id_check),
		T(ipc_set_with_no_user_is_einval),
		T(ipc_rmid_needs_owner_creator_or_sys_admin),
		T(ipc_info_gives_limits_and_highest_index),
		T(shm_info_gives_usage_and_highest_index),
		T(shm_lock_sets_locked_and_unlock_clears_it),
		T(shm_lock_by_others_is_eperm_without_ipc_lock),
		T(shm_lock_with_zero_memlock_limit_is_eperm),
		T(shm_lock_beyond_memlock_limit_is_enomem),
		T(destroying_a_locked_segment_credits_its_locker),
		cmocka_unit_test(buffer_sizes_follow_the_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
