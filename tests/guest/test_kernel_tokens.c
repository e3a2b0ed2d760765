/*
 * Tokens (SYS_TOKEN_CREATE): handles that carry their owner's badge, and
 * exactly one event on the owner's endpoint when the last of them closes,
 * whoever closes it, by a close or by an exit; nothing when the endpoint
 * is gone; and every frame back at the end.
 */
#include <string.h>

#include "harness.h"
#include "ktest.h"

#define BADGE 0x70ce1
#define BITS (1ull << 5)

static struct mk_frames frames_at_start;

/* Drain ep's events into ev[0..max): how many, or -errno. */
static long events(int ep, struct mk_event *ev, long max)
{
	return mk_ep_events(ep, ev, (size_t)max);
}

static const char *token_carries_its_badge_and_only_dup(void)
{
	struct mk_handle_info info;
	long ep = mk_ep_create(), tok, send;

	FAIL_IF(ep < 0, "ep_create: %ld", ep);
	tok = mk_token_create((int)ep, BADGE, BITS);
	FAIL_IF(tok < 0, "token_create: %ld", tok);
	EXPECT_EQ(mk_handle_info((int)tok, &info), 0, "handle_info");
	EXPECT_EQ(info.type, MK_OBJ_TOKEN, "type");
	EXPECT_EQ(info.badge, BADGE, "badge");
	EXPECT_EQ(info.rights, MK_RIGHT_DUP, "rights");
	FAIL_IF(info.object_id == 0, "no object id");

	/* The event goes to an endpoint the creator may receive from. */
	send = mk_handle_dup((int)ep, MK_RIGHT_SEND);
	EXPECT_EQ(mk_token_create((int)send, 1, 1), -MK_EPERM, "SEND only");
	EXPECT_EQ(mk_token_create((int)tok, 1, 1), -MK_EBADF, "a token");
	EXPECT_EQ(mk_token_create(-1, 1, 1), -MK_EBADF, "handle -1");
	mk_handle_close((int)send);
	mk_handle_close((int)tok);
	mk_handle_close((int)ep);
	return NULL;
}

static const char *last_close_queues_one_event_with_the_badge(void)
{
	struct mk_event ev[4];
	struct mk_msg m = {0};
	long ep = mk_ep_create(), tok, copy;

	tok = mk_token_create((int)ep, BADGE, BITS);
	copy = mk_handle_dup((int)tok, MK_RIGHT_DUP);
	FAIL_IF(tok < 0 || copy < 0, "token %ld, copy %ld", tok, copy);
	mk_handle_close((int)tok);
	EXPECT_EQ(events((int)ep, ev, 4), 0, "events with a copy open");
	mk_handle_close((int)copy);
	EXPECT_EQ(mk_receive((int)ep, &m), 0, "receive");
	EXPECT_EQ(m.label, MK_LABEL_NOTIFY, "a notification first");
	EXPECT_EQ(m.w[0], BITS, "its bits");
	EXPECT_EQ(events((int)ep, ev, 4), 1, "events after the last close");
	EXPECT_EQ(ev[0].tag, BADGE, "tag");
	EXPECT_EQ(ev[0].reason, MK_EVENT_TOKEN_CLOSED, "reason");
	EXPECT_EQ(ev[0].task_id, kt_self_id(), "closed by");
	EXPECT_EQ(events((int)ep, ev, 4), 0, "only one");
	mk_handle_close((int)ep);
	return NULL;
}

static const char *exit_of_the_last_holder_is_the_close(void)
{
	struct mk_spawn_attr attr = {0};
	char *argv[] = {"spin", "0.05", NULL};
	struct mk_event ev[2];
	long ep = mk_ep_create(), tok, child, id;

	tok = mk_token_create((int)ep, BADGE + 1, BITS);
	FAIL_IF(tok < 0, "token_create: %ld", tok);
	attr.handle_count = 1;
	attr.handles[0] = (int)tok;
	attr.flags = MK_SPAWN_NO_IPCNS;
	child = mk_spawn("spin", argv, NULL, &attr);
	FAIL_IF(child < 0, "spawn: %ld", child);
	id = mk_task_id((int)child);
	mk_handle_close((int)tok);
	EXPECT_EQ(events((int)ep, ev, 2), 0, "while the child holds it");
	EXPECT_EQ(kt_reap((int)child), KT_EXITED(0), "child");
	EXPECT_EQ(events((int)ep, ev, 2), 1, "after the child's exit");
	EXPECT_EQ(ev[0].tag, BADGE + 1, "tag");
	EXPECT_EQ(ev[0].task_id, id, "closed by the exiting child");
	mk_handle_close((int)ep);
	return NULL;
}

static const char *token_outliving_its_endpoint_reports_nothing(void)
{
	long ep = mk_ep_create(), tok;

	tok = mk_token_create((int)ep, BADGE, BITS);
	FAIL_IF(tok < 0, "token_create: %ld", tok);
	mk_handle_close((int)ep); /* no receiver left: no event to queue */
	EXPECT_EQ(mk_handle_close((int)tok), 0, "close");
	return NULL;
}

static const char *free_frames_return_to_their_start_value(void)
{
	struct mk_frames now;

	kt_settle();
	mk_frames(&now);
	EXPECT_EQ(now.free, frames_at_start.free, "free frames");
	return NULL;
}

/*
 * Before the start count, make what the tests make and nothing gives back
 * at once: the page tables of what a spawn maps into us (the boot image,
 * once, and each segment while it is filled), and the kernel's slab pages
 * for tokens and endpoints (one of each class stays).
 */
static void warm_up(void)
{
	char *argv[] = {"spin", "0", NULL};
	struct mk_spawn_attr attr = {.flags = MK_SPAWN_NO_IPCNS};
	long ep = mk_ep_create(), child;

	child = mk_spawn("spin", argv, NULL, &attr);
	if (child >= 0)
		kt_reap((int)child);
	mk_handle_close((int)mk_token_create((int)ep, 0, 0));
	mk_handle_close((int)ep);
}

int main(void)
{
	static const struct harness_test tests[] = {
		HARNESS_TEST(token_carries_its_badge_and_only_dup),
		HARNESS_TEST(last_close_queues_one_event_with_the_badge),
		HARNESS_TEST(exit_of_the_last_holder_is_the_close),
		HARNESS_TEST(token_outliving_its_endpoint_reports_nothing),
		HARNESS_TEST(free_frames_return_to_their_start_value),
	};

	kt_reserve_ipcns_slot();
	warm_up();
	mk_frames(&frames_at_start);
	return harness_run(tests, HARNESS_COUNT(tests));
}
