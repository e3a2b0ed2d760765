/* The endpoint event queue: one list, records of three kinds (event.h). */
#include "event.h"
#include "ipc.h"
#include "mk/abi.h"
#include "task_events.h"
#include "token.h"
#include "vm.h"

void ep_event_queue(struct endpoint *ep, struct ep_event *ev, uint64_t bits)
{
	list_push_back(&ep->events, &ev->link);
	ep->event_count++;
	endpoint_notify(ep, bits);
}

void ep_event_done(struct endpoint *ep, struct ep_event *ev)
{
	list_remove(&ev->link);
	ep->event_count--;
	switch (ev->kind) {
	case EP_EVENT_UNMAP:
		mapping_free(container_of(ev, struct mapping, ev));
		break;
	case EP_EVENT_TASK:
		task_event_done(container_of(ev, struct task_event, ev));
		break;
	case EP_EVENT_TOKEN:
		token_free(container_of(ev, struct token, ev));
		break;
	}
}

void ep_event_describe(const struct ep_event *ev, struct mk_event *out)
{
	out->pad = 0;
	switch (ev->kind) {
	case EP_EVENT_UNMAP:
		mapping_describe(container_of(ev, struct mapping, ev), out);
		break;
	case EP_EVENT_TASK:
		task_event_describe(container_of(ev, struct task_event, ev),
			out);
		break;
	case EP_EVENT_TOKEN:
		token_describe(container_of(ev, struct token, ev), out);
		break;
	}
}
