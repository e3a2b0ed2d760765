/*
 * Task events: for each namespace kind, one watcher endpoint (the server
 * that owns that kind's labels) learns of every task's birth and exit,
 * with the task's label at that moment (SYS_NS_WATCH).
 *
 * A task gets its event records when it is made, so queueing never
 * allocates and no event can be lost. A record is the task's while the
 * task lives, and the queue's once the task is freed; a queued record
 * holds no reference, so a task is freed when it is reaped, whatever
 * the watcher has drained. An exit whose birth is still queued cancels
 * it: the watcher never saw the task, and never needs to.
 */
#ifndef KERNEL_TASK_EVENTS_H
#define KERNEL_TASK_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "mk/abi.h"

struct task;
struct mk_event;

struct task_event {
	struct ep_event ev;
	struct endpoint *ep;	/* where it is queued, NULL if not */
	bool orphan;		/* its task is gone: the queue frees it */
	uint32_t reason;	/* MK_EVENT_TASK_* */
	uint64_t task_id;
	uint64_t label;
	uint64_t time_ns;
};

/* A task's records: a birth and an exit for each kind. */
struct task_event_set {
	struct task_event *born[MK_NS_KINDS], *gone[MK_NS_KINDS];
};

/* Make t's records: 0, or -ENOMEM (then none is left). */
int task_events_alloc(struct task *t);

/* t is being freed: drop its records, or leave queued ones to the queue. */
void task_events_free(struct task *t);

/* t was just created with its labels: tell the watchers. */
void task_events_new(struct task *t);

/* t has exited: tell the watchers (or cancel its queued birth). */
void task_events_exit(struct task *t);

/* A record was drained or dropped from its queue (event.c). */
void task_event_done(struct task_event *te);

/* What a record reports. */
void task_event_describe(const struct task_event *te, struct mk_event *out);

long sys_ns_watch(int nsctl, uint64_t kind, int ep_h, uint64_t bits);

#endif
