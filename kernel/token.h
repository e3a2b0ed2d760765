/*
 * Tokens: objects that stand for something their owner keeps (an open
 * namespace, for the ipc-ns server), passed around as handles. A token
 * carries the owner's badge; when its last reference goes (every handle
 * closed, by a task or by its exit), the kernel queues one event with
 * the badge on the owner's endpoint. That is how a server counts the
 * holders of what it handed out without trusting them to say so.
 */
#ifndef KERNEL_TOKEN_H
#define KERNEL_TOKEN_H

#include <stdint.h>

#include "event.h"

struct endpoint;
struct mk_event;

struct token {
	int refs;		/* handles and handles in flight */
	uint64_t id;
	uint64_t badge;		/* the owner's */
	struct endpoint *ep;	/* where the event goes; a reference */
	uint64_t bits;
	struct ep_event ev;	/* queued when the last reference went */
	uint64_t closed_by;	/* task id */
	uint64_t closed_ns;
};

/* Drop a reference; the last one queues the owner's event. */
void token_put(struct token *t);

/* Free a token whose event was drained or dropped (event.c). */
void token_free(struct token *t);

/* What a token's event reports. */
void token_describe(const struct token *t, struct mk_event *out);

long sys_token_create(int ep_h, uint64_t badge, uint64_t bits);

#endif
