/*
 * Host tests of shmat's bookkeeping (shm_attach, commit, abort), detach by
 * the kernel's unmap events, and IPC_RMID's deferred destruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "mk/errno.h"
#include "mk/layout.h"

#define KEY 0x5eed
#define ADDR 0x2000000000ull

/* A 3-page segment (10000 bytes) with this mode, made by cred_user. */
static int make(struct fixture *f, int mode)
{
	int id = shm_get(f->ns, &cred_user, KEY, 10000, IPC_CREAT | mode, 50);

	assert_true(id >= 0);
	return id;
}

static int attach(struct fixture *f, const struct ipc_cred *c, int id,
	uint64_t addr, int flags, struct shm_grant *g)
{
	return shm_attach(f->ns, c, id, addr, flags, g);
}

static int rmid(struct fixture *f, int id)
{
	return shm_ctl(f->ns, &cred_root, id, IPC_RMID, NULL, 0);
}

static void negative_id_is_einval_before_anything(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;

	make(f, 0600);
	assert_int_equal(attach(f, &cred_user, -1, 0, 0, &g), -MK_EINVAL);
	assert_int_equal(
		attach(f, &cred_user, -1, ADDR, SHM_REMAP, &g), -MK_EINVAL);
}

static void bad_or_stale_id_is_einval(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);

	assert_int_equal(attach(f, &cred_user, id + 1, 0, 0, &g), -MK_EINVAL);
	assert_int_equal(
		attach(f, &cred_user, id + (1 << 15), 0, 0, &g), -MK_EINVAL);
	assert_int_equal(rmid(f, id), 0);
	assert_int_equal(attach(f, &cred_user, id, 0, 0, &g), -MK_EINVAL);
}

static void unaligned_address_is_einval_without_shm_rnd(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);

	assert_int_equal(
		attach(f, &cred_user, id, ADDR + 1, 0, &g), -MK_EINVAL);
	/* Address checks come before the permission check. */
	assert_int_equal(
		attach(f, &cred_other, id, ADDR + 100, 0, &g), -MK_EINVAL);
	assert_int_equal(f->ns->attachments, 0);
}

static void shm_rnd_rounds_down_to_shmlba(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);

	assert_int_equal(
		attach(f, &cred_user, id, ADDR + 4095, SHM_RND, &g), 0);
	assert_int_equal(g.addr, ADDR);
	shm_attach_abort(&f->server, &g);
	assert_int_equal(attach(f, &cred_user, id, ADDR, SHM_RND, &g), 0);
	assert_int_equal(g.addr, ADDR);
	shm_attach_abort(&f->server, &g);
}

static void shm_rnd_to_page_zero_is_refused(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);

	assert_int_equal(
		attach(f, &cred_user, id, 100, SHM_RND | SHM_REMAP, &g),
		-MK_EINVAL);
	/* Linux maps page 0 only for CAP_SYS_RAWIO (vm.mmap_min_addr). */
	assert_int_equal(
		attach(f, &cred_user, id, 100, SHM_RND, &g), -MK_EPERM);
}

static void shm_remap_needs_an_address(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);

	assert_int_equal(
		attach(f, &cred_user, id, 0, SHM_REMAP, &g), -MK_EINVAL);
	assert_int_equal(attach(f, &cred_user, id, ADDR, SHM_REMAP, &g), 0);
	assert_int_equal(g.map_flags, MK_MAP_FIXED_REPLACE);
	shm_attach_abort(&f->server, &g);
}

static void attach_needs_read_and_write_or_read_for_rdonly(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0640);
	struct ipc_cred owner_cap =
		cred_with(&cred_other, MK_CAP_IPC_OWNER, 12);

	assert_int_equal(attach(f, &cred_group, id, 0, 0, &g), -MK_EACCES);
	assert_int_equal(attach(f, &cred_group, id, 0, SHM_RDONLY, &g), 0);
	assert_int_equal(g.prot, MK_PROT_READ);
	shm_attach_abort(&f->server, &g);
	assert_int_equal(
		attach(f, &cred_other, id, 0, SHM_RDONLY, &g), -MK_EACCES);
	assert_int_equal(attach(f, &cred_user, id, 0, 0, &g), 0);
	assert_int_equal(g.prot, MK_PROT_READ | MK_PROT_WRITE);
	shm_attach_abort(&f->server, &g);
	assert_int_equal(attach(f, &owner_cap, id, 0, 0, &g), 0);
	shm_attach_abort(&f->server, &g);
	assert_int_equal(fixture_stat(f, id).shm_nattch, 0);
}

static void shm_exec_needs_execute_permission(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);
	int xid = shm_get(f->ns, &cred_user, KEY + 1, 1, IPC_CREAT | 0500, 0);

	assert_int_equal(
		attach(f, &cred_user, id, 0, SHM_RDONLY | SHM_EXEC, &g),
		-MK_EACCES);
	assert_int_equal(
		attach(f, &cred_user, xid, 0, SHM_RDONLY | SHM_EXEC, &g), 0);
	assert_int_equal(g.prot, MK_PROT_READ | MK_PROT_EXEC);
	shm_attach_abort(&f->server, &g);
}

static void writable_exec_attach_is_einval_here(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = shm_get(f->ns, &cred_user, KEY, 1, IPC_CREAT | 0700, 0);

	/* Linux grants rwx; this kernel maps nothing W and X at once. */
	assert_int_equal(
		attach(f, &cred_user, id, 0, SHM_EXEC, &g), -MK_EINVAL);
	assert_int_equal(f->ns->attachments, 0);
}

static void range_that_wraps_is_einval_beyond_user_space_enomem(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);
	uint64_t top = MK_USER_TOP;

	assert_int_equal(attach(f, &cred_user, id, UINT64_MAX - 4095, 0, &g),
		-MK_EINVAL);
	assert_int_equal(
		attach(f, &cred_user, id, UINT64_MAX - 4095, SHM_REMAP, &g),
		-MK_ENOMEM);
	assert_int_equal(
		attach(f, &cred_user, id, top - 8192, 0, &g), -MK_ENOMEM);
	assert_int_equal(attach(f, &cred_user, id, top, 0, &g), -MK_ENOMEM);
	assert_int_equal(attach(f, &cred_user, id, top - 3 * 4096, 0, &g), 0);
	shm_attach_abort(&f->server, &g);
}

static void grant_covers_the_rounded_segment_with_its_tag(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);

	assert_int_equal(attach(f, &cred_user, id, ADDR, 0, &g), 0);
	assert_int_equal(g.pages, 3);
	assert_int_equal(g.addr, ADDR);
	assert_int_equal(g.map_flags, 0);
	assert_int_equal(f->mem.object_pages[g.mem], 3);
	assert_int_equal((uint32_t)g.tag, (uint32_t)id);
	assert_int_equal(g.tag >> 32, (uint32_t)f->ns->label);
	shm_attach_abort(&f->server, &g);
}

static void reserved_attach_counts_and_commit_sets_atime_lpid(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);
	struct shmid_ds ds;

	assert_int_equal(attach(f, &cred_user, id, 0, 0, &g), 0);
	ds = fixture_stat(f, id);
	assert_int_equal(ds.shm_nattch, 1);
	assert_int_equal(ds.shm_atime, 0);
	assert_int_equal(f->ns->attachments, 1);
	shm_attach_commit(&f->server, &g, 77, 300);
	ds = fixture_stat(f, id);
	assert_int_equal(ds.shm_nattch, 1);
	assert_int_equal(ds.shm_atime, 300);
	assert_int_equal(ds.shm_lpid, 77);
	assert_int_equal(ds.shm_dtime, 0);
	assert_int_equal(ds.shm_ctime, 50);
	assert_int_equal(shm_unmap_event(&f->server, g.tag, 77, 301), 0);
}

static void abort_undoes_the_reservation(void **state)
{
	struct fixture *f = *state;
	struct shm_grant g;
	int id = make(f, 0600);
	struct shmid_ds ds;

	assert_int_equal(attach(f, &cred_user, id, 0, 0, &g), 0);
	shm_attach_abort(&f->server, &g);
	ds = fixture_stat(f, id);
	assert_int_equal(ds.shm_nattch, 0);
	assert_int_equal(ds.shm_atime, 0);
	assert_int_equal(ds.shm_lpid, 0);
	assert_int_equal(ds.shm_dtime, 0);
	assert_int_equal(f->ns->attachments, 0);
}

static void unmap_event_detaches_with_lpid_and_dtime(void **state)
{
	struct fixture *f = *state;
	int id = make(f, 0600);
	uint64_t tag = fixture_attach(f, &cred_user, id, 0, 100);
	struct shmid_ds ds;

	fixture_attach(f, &cred_user, id, SHM_RDONLY, 150);
	assert_int_equal(fixture_stat(f, id).shm_nattch, 2);
	assert_int_equal(shm_unmap_event(&f->server, tag, 99, 200), 0);
	ds = fixture_stat(f, id);
	assert_int_equal(ds.shm_nattch, 1);
	assert_int_equal(ds.shm_lpid, 99);
	assert_int_equal(ds.shm_dtime, 200);
	assert_int_equal(ds.shm_atime, 150);
	assert_int_equal(shm_unmap_event(&f->server, tag, 98, 201), 0);
	assert_int_equal(fixture_stat(f, id).shm_nattch, 0);
	assert_int_equal(f->ns->attachments, 0);
	/* Not removed: it stays, with its memory. */
	assert_int_equal(f->mem.objects, 1);
}

static void stray_unmap_event_is_einval_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	int id = make(f, 0600);
	uint64_t tag = (uint64_t)(uint32_t)f->ns->label << 32 | (uint32_t)id;

	assert_int_equal(shm_unmap_event(&f->server, tag, 5, 9), -MK_EINVAL);
	assert_int_equal(
		shm_unmap_event(&f->server, tag + 1, 5, 9), -MK_EINVAL);
	assert_int_equal(shm_unmap_event(&f->server, tag | 1ull << 40, 5, 9),
		-MK_EINVAL);
	assert_int_equal(shm_unmap_event(&f->server, tag | 0x80000000u, 5, 9),
		-MK_EINVAL);
	assert_int_equal(fixture_stat(f, id).shm_lpid, 0);
	assert_int_equal(fixture_stat(f, id).shm_dtime, 0);
}

static void rmid_unattached_destroys_at_once(void **state)
{
	struct fixture *f = *state;
	int id = make(f, 0600);
	union shm_ctl_buf buf;

	assert_int_equal(f->mem.objects, 1);
	assert_int_equal(rmid(f, id), 0);
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(f->ns->shm_tot, 0);
	assert_int_equal(
		shm_ctl(f->ns, &cred_root, id, IPC_STAT, &buf, 0), -MK_EINVAL);
	assert_int_equal(rmid(f, id), -MK_EINVAL);
	assert_int_equal(shm_get(f->ns, &cred_user, KEY, 1, 0, 0), -MK_ENOENT);
}

static void rmid_attached_defers_and_frees_the_key_at_once(void **state)
{
	struct fixture *f = *state;
	int id = make(f, 0600), again;
	uint64_t tag = fixture_attach(f, &cred_user, id, 0, 100);
	struct shmid_ds ds;

	assert_int_equal(rmid(f, id), 0);
	ds = fixture_stat(f, id);
	assert_int_equal(ds.shm_perm.mode, SHM_DEST | 0600);
	assert_int_equal(ds.shm_perm.__key, IPC_PRIVATE);
	assert_int_equal(ds.shm_nattch, 1);
	assert_int_equal(ds.shm_ctime, 50); /* IPC_RMID leaves ctime */
	assert_int_equal(f->mem.objects, 1);

	/* The key is free: the same key makes a new segment. */
	assert_int_equal(shm_get(f->ns, &cred_user, KEY, 1, 0, 0), -MK_ENOENT);
	again = shm_get(f->ns, &cred_user, KEY, 1, IPC_CREAT | IPC_EXCL, 0);
	assert_true(again >= 0);
	assert_int_not_equal(again, id);
	assert_int_equal(f->mem.objects, 2);

	/* The last detach destroys it and gives the memory back. */
	assert_int_equal(shm_unmap_event(&f->server, tag, 7, 200), 0);
	assert_int_equal(f->mem.objects, 1);
	assert_int_equal(f->mem.pages, 1);
	assert_int_equal(f->ns->shm_tot, 1);
	assert_int_equal(rmid(f, id), -MK_EINVAL);
	assert_int_equal(shm_unmap_event(&f->server, tag, 7, 200), -MK_EINVAL);
}

static void removed_segment_id_stays_usable_until_the_last_detach(void **state)
{
	struct fixture *f = *state;
	int id = make(f, 0600);
	uint64_t tag = fixture_attach(f, &cred_user, id, 0, 100);
	union shm_ctl_buf buf;

	assert_int_equal(rmid(f, id), 0);
	assert_int_equal(rmid(f, id), 0); /* again: harmless */
	/* Attaching a removed segment is allowed, as on Linux. */
	fixture_attach(f, &cred_user, id, SHM_RDONLY, 110);
	assert_int_equal(fixture_stat(f, id).shm_nattch, 2);
	buf.ds = fixture_stat(f, id);
	buf.ds.shm_perm.mode = 0644;
	assert_int_equal(shm_ctl(f->ns, &cred_user, id, IPC_SET, &buf, 120), 0);
	assert_int_equal(fixture_stat(f, id).shm_perm.mode, SHM_DEST | 0644);
	assert_int_equal(shm_unmap_event(&f->server, tag, 7, 130), 0);
	assert_int_equal(f->mem.objects, 1);
	assert_int_equal(shm_unmap_event(&f->server, tag, 8, 140), 0);
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(
		shm_ctl(f->ns, &cred_root, id, IPC_STAT, &buf, 0), -MK_EINVAL);
}

static void aborting_the_only_attach_of_a_removed_segment_destroys_it(
	void **state)
{
	struct fixture *f = *state;
	int id = make(f, 0600);
	uint64_t tag = fixture_attach(f, &cred_user, id, 0, 100);
	struct shm_grant g;

	assert_int_equal(rmid(f, id), 0);
	assert_int_equal(attach(f, &cred_user, id, 0, 0, &g), 0);
	assert_int_equal(shm_unmap_event(&f->server, tag, 7, 130), 0);
	assert_int_equal(f->mem.objects, 1); /* the reservation holds it */
	shm_attach_abort(&f->server, &g);
	assert_int_equal(f->mem.objects, 0);
	assert_int_equal(f->ns->attachments, 0);
}

static void kernel_grant_errors_become_linux_s(void **state)
{
	(void)state;
	assert_int_equal(shm_attach_errno(-MK_EEXIST), -MK_EINVAL);
	assert_int_equal(shm_attach_errno(-MK_ENOMEM), -MK_ENOMEM);
	assert_int_equal(shm_attach_errno(-MK_EINVAL), -MK_EINVAL);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(negative_id_is_einval_before_anything),
		T(bad_or_stale_id_is_einval),
		T(unaligned_address_is_einval_without_shm_rnd),
		T(shm_rnd_rounds_down_to_shmlba),
		T(shm_rnd_to_page_zero_is_refused),
		T(shm_remap_needs_an_address),
		T(attach_needs_read_and_write_or_read_for_rdonly),
		T(shm_exec_needs_execute_permission),
		T(writable_exec_attach_is_einval_here),
		T(range_that_wraps_is_einval_beyond_user_space_enomem),
		T(grant_covers_the_rounded_segment_with_its_tag),
		T(reserved_attach_counts_and_commit_sets_atime_lpid),
		T(abort_undoes_the_reservation),
		T(unmap_event_detaches_with_lpid_and_dtime),
		T(stray_unmap_event_is_einval_and_changes_nothing),
		T(rmid_unattached_destroys_at_once),
		T(rmid_attached_defers_and_frees_the_key_at_once),
		T(removed_segment_id_stays_usable_until_the_last_detach),
		T(aborting_the_only_attach_of_a_removed_segment_destroys_it),
		cmocka_unit_test(kernel_grant_errors_become_linux_s),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
