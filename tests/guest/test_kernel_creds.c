/*
 * Guest tests of credentials, namespace labels and memory quotas: what a
 * task may do to its own credentials and a child's, what children
 * inherit, namespace labels and the refusals of SYS_NS_SET without the
 * nsctl handle (which programs run by init never hold), and the memory
 * quota a child is created with.
 *
 * Children are unstarted tasks (their credentials and labels are read in
 * the task list) or this program spawned again with a mode word (see
 * child_main). The tests that give up credentials come last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mk/errno.h>
#include <mk/mk.h>
#include <mk/spawn.h>
#include <mk/syscall.h>

#include "harness.h"
#include "ktest.h"

#define PROGRAM "test_kernel_creds"

/* A child with an empty address space, never started: its handle. */
static long unstarted_task(const char *name)
{
	return mk_task_create(name, strlen(name), 0);
}

/* Kill and reap a child that was never started. */
static void discard(int task)
{
	mk_task_kill(task, MK_SIGKILL);
	kt_reap(task);
}

/* ---- credentials ---- */

static const char *cred_get_reports_the_credentials_from_init(void)
{
	struct mk_cred c;

	memset(&c, 0xa5, sizeof(c));
	EXPECT_EQ(mk_cred_get(&c), 0, "cred_get");
	EXPECT_EQ(c.uid, 0, "uid");
	EXPECT_EQ(c.gid, 0, "gid");
	EXPECT_EQ(c.caps, MK_CAPS_ALL, "caps");
	return NULL;
}

static const char *cred_calls_check_their_pointer(void)
{
	uint64_t edge = kt_straddle(sizeof(struct mk_cred));

	EXPECT_EQ(mk_cred_get(NULL), -MK_EFAULT, "get: NULL");
	EXPECT_EQ(mk_cred_get((void *)KT_KERNEL_ADDR), -MK_EFAULT,
		"get: kernel address");
	EXPECT_EQ(
		mk_cred_get((void *)KT_UNMAPPED), -MK_EFAULT, "get: unmapped");
	EXPECT_EQ(mk_cred_get((void *)kt_rodata), -MK_EFAULT, "get: read-only");
	EXPECT_EQ(mk_cred_get((void *)edge), -MK_EFAULT,
		"get: runs into an unmapped page");
	EXPECT_EQ(mk_cred_set(-1, NULL), -MK_EFAULT, "set: NULL");
	EXPECT_EQ(mk_cred_set(-1, (void *)KT_KERNEL_TEXT), -MK_EFAULT,
		"set: kernel address");
	EXPECT_EQ(mk_cred_set(-1, (void *)KT_UNMAPPED), -MK_EFAULT,
		"set: unmapped");
	EXPECT_EQ(mk_cred_set(-1, (void *)edge), -MK_EFAULT,
		"set: runs into an unmapped page");
	return NULL;
}

static const char *cred_set_refuses_unknown_caps_and_bad_handles(void)
{
	struct mk_cred c;

	mk_cred_get(&c);
	c.caps |= 1u << 5;
	EXPECT_EQ(mk_cred_set(-1, &c), -MK_EINVAL, "unknown capability");
	c.caps = MK_CAPS_ALL;
	EXPECT_EQ(mk_cred_set(MK_HANDLE_BOOTFS, &c), -MK_EBADF, "mem handle");
	EXPECT_EQ(mk_cred_set(-5, &c), -MK_EBADF, "handle -5");
	EXPECT_EQ(mk_cred_set(-1, &c), 0, "the same credentials again");
	return NULL;
}

/* Spawn a child that checks it has uid, gid and caps: its status. */
static long cred_check_child(const struct mk_cred *c)
{
	char ids[32], caps[16];

	snprintf(ids, sizeof(ids), "%u:%u", c->uid, c->gid);
	snprintf(caps, sizeof(caps), "%llu", (unsigned long long)c->caps);
	return kt_spawn_run(PROGRAM, "cred-check", ids, caps, NULL);
}

static int child_cred_check(const char *ids, const char *caps)
{
	struct mk_cred c;
	char have[32];

	if (mk_cred_get(&c) != 0)
		return 1;
	snprintf(have, sizeof(have), "%u:%u", c.uid, c.gid);
	if (strcmp(have, ids) != 0)
		return 2;
	return c.caps == strtoull(caps, NULL, 10) ? 0 : 3;
}

static const char *child_inherits_credentials(void)
{
	struct mk_cred c;

	mk_cred_get(&c);
	EXPECT_EQ(cred_check_child(&c), KT_EXITED(0), "child status");
	return NULL;
}

static const char *cred_set_of_a_child_needs_the_cred_right(void)
{
	struct mk_cred c = {.uid = 1234, .gid = 99, .caps = MK_CAP_IPC_OWNER};
	long task = unstarted_task("kt-cred"), nocred, r1, r2, r3;
	struct mk_task_info info;

	FAIL_IF(task < 0, "create: %ld", task);
	nocred = mk_handle_dup((int)task, KT_TASK_RIGHTS & ~MK_RIGHT_CRED);
	r1 = mk_cred_set((int)nocred, &c);
	r2 = mk_cred_set((int)task, &c);
	r3 = kt_task_info((uint64_t)mk_task_id((int)task), &info);
	mk_handle_close((int)nocred);
	discard((int)task);
	EXPECT_EQ(r1, -MK_EPERM, "without MK_RIGHT_CRED");
	EXPECT_EQ(r2, 0, "with MK_RIGHT_CRED");
	EXPECT_EQ(r3, 0, "task_list");
	EXPECT_EQ(info.uid, 1234, "child's uid");
	EXPECT_EQ(info.gid, 99, "child's gid");
	return NULL;
}

/*
 * The last credential tests: they give up rights this program cannot get
 * back. A task lowers its own capabilities freely; a uid change needs
 * SETUID; nobody raises capabilities, and children inherit what is left.
 */
static const char *lowering_own_credentials_succeeds(void)
{
	struct mk_cred c = {.uid = 1000, .gid = 100, .caps = MK_CAPS_ALL}, got;

	EXPECT_EQ(mk_cred_set(-1, &c), 0, "uid 1000 with SETUID");
	c.caps = MK_CAPS_ALL & ~(MK_CAP_SETUID | MK_CAP_SYS_RESOURCE);
	EXPECT_EQ(mk_cred_set(-1, &c), 0, "dropping SETUID, SYS_RESOURCE");
	EXPECT_EQ(mk_cred_get(&got), 0, "cred_get");
	FAIL_IF(got.uid != 1000 || got.gid != 100 || got.caps != c.caps,
		"cred is %u:%u caps %#llx", got.uid, got.gid,
		(unsigned long long)got.caps);
	EXPECT_EQ(cred_check_child(&got), KT_EXITED(0), "child inherits them");
	return NULL;
}

/* SYS_TASK_HANDLES: a handle limit is read, raised, never lowered. */
static const char *handle_limit_can_be_raised_with_sys_resource(void)
{
	static int slots[2 * MK_HANDLE_LIMIT_DEFAULT];
	long task = unstarted_task("kt-cred"), weak, n;

	FAIL_IF(task < 0, "create: %ld", task);
	EXPECT_EQ(mk_task_handles(-1, 0), MK_HANDLE_LIMIT_DEFAULT, "own");
	EXPECT_EQ(mk_task_handles((int)task, 0), MK_HANDLE_LIMIT_DEFAULT,
		"a child's");
	weak = mk_handle_dup((int)task, MK_RIGHT_DUP);
	EXPECT_EQ(mk_task_handles((int)weak, 2048), -MK_EPERM,
		"without START");
	mk_handle_close((int)weak);
	EXPECT_EQ(mk_task_handles((int)task, 2048), 2048, "a child's, raised");
	EXPECT_EQ(mk_task_handles((int)task, 1500), -MK_EINVAL, "lowered");
	EXPECT_EQ(mk_task_handles((int)task, MK_HANDLE_MAX + 1), -MK_EINVAL,
		"beyond the maximum");
	discard((int)task);

	EXPECT_EQ(mk_task_handles(-1, 2 * MK_HANDLE_LIMIT_DEFAULT),
		2 * MK_HANDLE_LIMIT_DEFAULT, "own, raised");
	n = kt_handles_fill(slots, 2 * MK_HANDLE_LIMIT_DEFAULT);
	kt_handles_unfill(slots, (int)n);
	FAIL_IF(n < MK_HANDLE_LIMIT_DEFAULT + 1 ||
			n >= 2 * MK_HANDLE_LIMIT_DEFAULT,
		"%ld more handles fit under a limit of %d", n,
		2 * MK_HANDLE_LIMIT_DEFAULT);
	return NULL;
}

static const char *raising_credentials_without_setuid_fails(void)
{
	struct mk_cred c, now;
	long task = unstarted_task("kt-cred"), r;

	FAIL_IF(task < 0, "create: %ld", task);
	mk_cred_get(&now);
	c = now;
	c.caps |= MK_CAP_SETUID;
	EXPECT_EQ(mk_cred_set(-1, &c), -MK_EPERM, "regaining SETUID");
	c = now;
	c.uid = 0;
	EXPECT_EQ(mk_cred_set(-1, &c), -MK_EPERM, "uid back to 0");
	c = now;
	c.gid = 0;
	EXPECT_EQ(mk_cred_set(-1, &c), -MK_EPERM, "gid back to 0");
	EXPECT_EQ(mk_task_handles(-1, 4 * MK_HANDLE_LIMIT_DEFAULT), -MK_EPERM,
		"a handle limit above our own without SYS_RESOURCE");
	c = now;
	r = mk_cred_set((int)task, &c); /* a child, with MK_RIGHT_CRED */
	discard((int)task);
	EXPECT_EQ(r, -MK_EPERM, "setting a child's credentials");
	c.caps = 0;
	EXPECT_EQ(mk_cred_set(-1, &c), 0, "dropping every capability");
	mk_cred_get(&now);
	EXPECT_EQ(now.caps, 0, "caps after dropping all");
	return NULL;
}

/* ---- namespace labels ---- */

static const char *ns_get_returns_each_kind_s_label(void)
{
	struct mk_task_info me;

	for (int k = 0; k < MK_NS_KINDS; k++)
		FAIL_IF(mk_ns_get(k) < 0, "ns_get(%d): %ld", k, mk_ns_get(k));
	EXPECT_EQ(kt_task_info(kt_self_id(), &me), 0, "task_list");
	EXPECT_EQ(me.ns_ipc, mk_ns_get(MK_NS_IPC), "list's ns_ipc");
	return NULL;
}

static const char *ns_get_of_a_bad_kind_fails_with_einval(void)
{
	EXPECT_EQ(mk_ns_get(MK_NS_KINDS), -MK_EINVAL, "kind MK_NS_KINDS");
	EXPECT_EQ(mk_ns_get(-1), -MK_EINVAL, "kind -1");
	EXPECT_EQ(mk_syscall1(SYS_NS_GET, 1l << 40), -MK_EINVAL, "kind 2^40");
	return NULL;
}

static const char *child_inherits_namespace_labels(void)
{
	long task = unstarted_task("kt-ns"), r;
	struct mk_task_info info;

	FAIL_IF(task < 0, "create: %ld", task);
	r = kt_task_info((uint64_t)mk_task_id((int)task), &info);
	discard((int)task);
	EXPECT_EQ(r, 0, "task_list");
	EXPECT_EQ(info.ns_ipc, mk_ns_get(MK_NS_IPC), "child's ns_ipc");
	return NULL;
}

/* Programs run by init hold no nsctl handle: ns_set is always refused. */
static const char *ns_set_without_the_nsctl_handle_fails_with_ebadf(void)
{
	long ep = mk_ep_create(), closed = mk_ep_create();
	long before = mk_ns_get(MK_NS_IPC);
	uint64_t me = kt_self_id();
	struct mk_handle_info info;

	FAIL_IF(ep < 0 || closed < 0, "ep_create: %ld %ld", ep, closed);
	mk_handle_close((int)closed);
	FAIL_IF(mk_handle_info(MK_HANDLE_NSCTL, &info) == 0 &&
			info.type == MK_OBJ_NSCTL,
		"this program holds the nsctl handle");
	EXPECT_EQ(mk_ns_set(MK_HANDLE_NSCTL, me, MK_NS_IPC, 7), -MK_EBADF,
		"slot 2");
	EXPECT_EQ(mk_ns_set(MK_HANDLE_BOOTFS, me, MK_NS_IPC, 7), -MK_EBADF,
		"a mem handle");
	EXPECT_EQ(mk_ns_set((int)ep, me, MK_NS_IPC, 7), -MK_EBADF,
		"an endpoint handle");
	EXPECT_EQ(mk_ns_set((int)closed, me, MK_NS_IPC, 7), -MK_EBADF,
		"a closed handle");
	EXPECT_EQ(mk_ns_set(-1, me, MK_NS_IPC, 7), -MK_EBADF, "handle -1");
	EXPECT_EQ(mk_ns_set(1 << 30, me, 99, 7), -MK_EBADF,
		"handle 2^30, bad kind");
	mk_handle_close((int)ep);
	EXPECT_EQ(mk_ns_get(MK_NS_IPC), before, "label after the refusals");
	return NULL;
}

/* Nor can they watch a namespace kind's tasks. */
static const char *ns_watch_without_the_nsctl_handle_fails_with_ebadf(void)
{
	long ep = mk_ep_create();

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	EXPECT_EQ(mk_ns_watch(MK_HANDLE_NSCTL, MK_NS_IPC, (int)ep, 1),
		-MK_EBADF, "slot 2");
	EXPECT_EQ(mk_ns_watch((int)ep, MK_NS_IPC, (int)ep, 1), -MK_EBADF,
		"an endpoint as the nsctl");
	EXPECT_EQ(mk_ns_watch(-1, 99, -1, 1), -MK_EBADF, "handle -1");
	FAIL_IF(mk_ep_events((int)ep, NULL, 0) != 0, "events arrived");
	mk_handle_close((int)ep);
	return NULL;
}

/* ---- memory quota ---- */

static const char *memory_quota_limits_a_child_s_objects(void)
{
	struct mk_spawn_attr attr = {.mem_quota_pages = 8};

	EXPECT_EQ(kt_spawn_run(PROGRAM, "quota", "8", NULL, &attr),
		KT_EXITED(0),
		"child status (its exit code says which check failed)");
	return NULL;
}

/* The child's side: objects past its quota fail with -ENOMEM. */
static int child_quota(const char *pages_word)
{
	long pages = atol(pages_word), all, one;

	if (mk_mem_create((uint64_t)pages + 1, -1, 0) != -MK_ENOMEM)
		return 1;
	all = mk_mem_create((uint64_t)pages, -1, 0);
	if (all < 0)
		return 2;
	if (mk_mem_create(1, -1, 0) != -MK_ENOMEM)
		return 3;
	mk_handle_close((int)all); /* its pages are credited back */
	one = mk_mem_create(1, -1, 0);
	return one >= 0 ? 0 : 4;
}

static const struct harness_test tests[] = {
	HARNESS_TEST(cred_get_reports_the_credentials_from_init),
	HARNESS_TEST(cred_calls_check_their_pointer),
	HARNESS_TEST(cred_set_refuses_unknown_caps_and_bad_handles),
	HARNESS_TEST(child_inherits_credentials),
	HARNESS_TEST(cred_set_of_a_child_needs_the_cred_right),
	HARNESS_TEST(ns_get_returns_each_kind_s_label),
	HARNESS_TEST(ns_get_of_a_bad_kind_fails_with_einval),
	HARNESS_TEST(child_inherits_namespace_labels),
	HARNESS_TEST(ns_set_without_the_nsctl_handle_fails_with_ebadf),
	HARNESS_TEST(ns_watch_without_the_nsctl_handle_fails_with_ebadf),
	HARNESS_TEST(memory_quota_limits_a_child_s_objects),
	/* These give up credentials for good: keep them last. */
	HARNESS_TEST(handle_limit_can_be_raised_with_sys_resource),
	HARNESS_TEST(lowering_own_credentials_succeeds),
	HARNESS_TEST(raising_credentials_without_setuid_fails),
};

/* "PROGRAM mode [a [b]]": a child's part of a test; its exit code. */
static int child_main(int argc, char **argv)
{
	if (strcmp(argv[1], "cred-check") == 0 && argc == 4)
		return child_cred_check(argv[2], argv[3]);
	if (strcmp(argv[1], "quota") == 0 && argc == 3)
		return child_quota(argv[2]);
	return 125;
}

int main(int argc, char **argv)
{
	if (argc >= 2)
		return child_main(argc, argv);
	kt_reserve_ipcns_slot();
	return harness_run(tests, HARNESS_COUNT(tests));
}
