/*
 * Events queued on an endpoint for its receiver to drain (SYS_EP_EVENTS):
 * a granted mapping removed, a task born or gone (for the namespace
 * watcher), the last handle to a token closed. Each kind keeps its record
 * in the object it reports on, made before anything can happen to it, so
 * queueing never allocates and no event is ever lost; the queue is one
 * list, oldest first, across kinds.
 */
#ifndef KERNEL_EVENT_H
#define KERNEL_EVENT_H

#include <stdint.h>

#include "lib/list.h"

struct endpoint;
struct mk_event;

enum ep_event_kind {
	EP_EVENT_UNMAP = 1,	/* in a struct mapping */
	EP_EVENT_TASK,		/* a struct task_event */
	EP_EVENT_TOKEN,		/* in a struct token */
};

struct ep_event {
	struct list link;	/* endpoint.events, while queued */
	uint32_t kind;		/* enum ep_event_kind */
};

/* Queue ev on ep (which must not be dead) and notify it with bits. */
void ep_event_queue(struct endpoint *ep, struct ep_event *ev, uint64_t bits);

/* Take ev off ep's queue (drained or dropped) and give it back to what
 * it belongs to, which may free it. */
void ep_event_done(struct endpoint *ep, struct ep_event *ev);

/* What ev reports, as SYS_EP_EVENTS copies it out. */
void ep_event_describe(const struct ep_event *ev, struct mk_event *out);

#endif
