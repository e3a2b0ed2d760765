/* Tokens and the event of their last close (see token.h). */
#include "handle.h"
#include "ipc.h"
#include "kerrno.h"
#include "mk/abi.h"
#include "mm/kalloc.h"
#include "task.h"
#include "thread.h"
#include "timer.h"
#include "token.h"

long sys_token_create(int ep_h, uint64_t badge, uint64_t bits)
{
	struct task *self = current()->task;
	struct endpoint *ep;
	struct token *t;
	struct handle *e;
	int err;

	e = handle_lookup(self, ep_h, MK_OBJ_ENDPOINT, MK_RIGHT_RECEIVE, &err);
	if (!e)
		return err;
	t = kalloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	ep = e->obj;
	ep->refs++;
	t->refs = 1;
	t->id = object_new_id();
	t->badge = badge;
	t->ep = ep;
	t->bits = bits;
	t->ev.kind = EP_EVENT_TOKEN;
	list_init(&t->ev.link);
	t->closed_by = 0;
	t->closed_ns = 0;
	return handle_insert(self, MK_OBJ_TOKEN, t, MK_RIGHT_DUP, 0);
}

void token_put(struct token *t)
{
	struct endpoint *ep = t->ep;

	if (--t->refs > 0)
		return;
	if (ep->dead) {
		kfree(t);
	} else {
		t->closed_by = current()->task ? current()->task->id : 0;
		t->closed_ns = clock_ns();
		ep_event_queue(ep, &t->ev, t->bits);
	}
	/* Last: the queue holds no reference, and this may free ep (and
	 * with it the event just queued). */
	object_put(MK_OBJ_ENDPOINT, ep);
}

void token_free(struct token *t)
{
	kfree(t);
}

void token_describe(const struct token *t, struct mk_event *out)
{
	out->tag = t->badge;
	out->task_id = t->closed_by;
	out->time_ns = t->closed_ns;
	out->reason = MK_EVENT_TOKEN_CLOSED;
}
