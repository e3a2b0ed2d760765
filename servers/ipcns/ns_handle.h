/*
 * Namespace handles: what an open /proc/PID/ns/ipc is here. Each is a
 * kernel token the server made (its badge is the handle's slot here) and
 * holds one NS_REF_HANDLE reference to its namespace; the kernel's event
 * for the token's last close gives the reference back. A token is
 * recognised by its kernel object id, so one a client made itself, with
 * any badge, names nothing.
 */
#ifndef IPCNS_NS_HANDLE_H
#define IPCNS_NS_HANDLE_H

#include <stdint.h>

#include "ns.h"

#define NS_HANDLES_MAX 4096u /* open at once, in all (else ENFILE) */

struct ns_handle {
	uint64_t token_id; /* the kernel's object id; 0 while reserved */
	struct ipc_ns *ns; /* NULL: a free slot */
};

struct ns_handles {
	struct ns_handle *slots;
	uint32_t nslots, used;
};

/*
 * Reserve a slot for a handle to ns (held from now on): its number, the
 * token's badge; -MK_ENFILE when NS_HANDLES_MAX are open, -MK_ENOMEM.
 */
int ns_handle_reserve(struct ns_handles *t, struct ipc_ns *ns);

/* The token for slot was made: record its kernel object id. */
void ns_handle_commit(struct ns_handles *t, uint32_t slot, uint64_t token_id);

/* The token was never made, or its last handle closed: free the slot
 * and drop its reference (which may end the namespace). 0, or -MK_EINVAL
 * for a slot that holds nothing. */
int ns_handle_release(struct ns_handles *t, uint64_t slot);

/* The namespace of the token with this badge and object id, or NULL. */
struct ipc_ns *ns_handle_find(const struct ns_handles *t, uint64_t badge,
	uint64_t token_id);

/* Free the table (server shutdown; the namespaces go with ipcns_fini). */
void ns_handles_fini(struct ns_handles *t);

#endif /* IPCNS_NS_HANDLE_H */
