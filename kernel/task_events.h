/*
 * Task events: for each namespace kind, one watcher endpoint (the server
 * that owns that kind's labels) learns of every task's birth and exit,
 * with the task's label at that moment (SYS_NS_WATCH).
 *
 * Each task carries its own event records, so queueing never allocates
 * and no event can be lost; a queued record holds a task reference until
 * it is drained. An exit whose birth is still queued cancels it: the
 * watcher never saw the task, and never needs to.
 */
#ifndef KERNEL_TASK_EVENTS_H
#define KERNEL_TASK_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/list.h"

struct task;
struct endpoint;
struct mk_event;

struct task_event {
	struct list link;	/* endpoint.task_events, while queued */
	struct endpoint *ep;	/* where it is queued, NULL if not */
	struct task *task;
	uint64_t label;
	uint64_t time_ns;
	uint32_t reason;	/* MK_EVENT_TASK_* */
};

/* t was just created with its labels: tell the watchers. */
void task_events_new(struct task *t);

/* t has exited: tell the watchers (or cancel its queued birth). */
void task_events_exit(struct task *t);

/* Describe ep's oldest task event in *out: true, or false if none. */
bool task_events_head(const struct endpoint *ep, struct mk_event *out);

/* Drop ep's oldest task event (after it was copied out). */
void task_events_pop(struct endpoint *ep);

/* Drop every task event queued on ep (it is dead or being freed). */
void task_events_drop(struct endpoint *ep);

long sys_ns_watch(int nsctl, uint64_t kind, int ep_h, uint64_t bits);

#endif
