/* Namespace handles: slots for the tokens the server made (ns_handle.h). */
#include <stdlib.h>
#include <string.h>

#include "mk/errno.h"
#include "ns_handle.h"

/* A free slot, growing the table: its index, or a negative errno. */
static int slot_find(struct ns_handles *t)
{
	struct ns_handle *s;
	uint32_t n, first = t->nslots;

	for (uint32_t i = 0; i < t->nslots; i++) {
		if (!t->slots[i].ns)
			return (int)i;
	}
	if (t->nslots >= NS_HANDLES_MAX)
		return -MK_ENFILE;
	n = t->nslots ? t->nslots * 2 : 8;
	if (n > NS_HANDLES_MAX)
		n = NS_HANDLES_MAX;
	s = realloc(t->slots, n * sizeof(*s));
	if (!s)
		return -MK_ENOMEM;
	memset(s + first, 0, (n - first) * sizeof(*s));
	t->slots = s;
	t->nslots = n;
	return (int)first;
}

int ns_handle_reserve(struct ns_handles *t, struct ipc_ns *ns)
{
	int slot = slot_find(t);

	if (slot < 0)
		return slot;
	t->slots[slot].ns = ns;
	t->slots[slot].token_id = 0;
	t->used++;
	ns_get(ns, NS_REF_HANDLE);
	return slot;
}

void ns_handle_commit(struct ns_handles *t, uint32_t slot, uint64_t token_id)
{
	if (slot < t->nslots && t->slots[slot].ns)
		t->slots[slot].token_id = token_id;
}

int ns_handle_release(struct ns_handles *t, uint64_t slot)
{
	struct ipc_ns *ns;

	if (slot >= t->nslots || !(ns = t->slots[slot].ns))
		return -MK_EINVAL;
	t->slots[slot].ns = NULL;
	t->slots[slot].token_id = 0;
	t->used--;
	ns_put(ns, NS_REF_HANDLE);
	return 0;
}

struct ipc_ns *ns_handle_find(const struct ns_handles *t, uint64_t badge,
	uint64_t token_id)
{
	if (badge >= t->nslots || !t->slots[badge].ns || token_id == 0 ||
		t->slots[badge].token_id != token_id)
		return NULL;
	return t->slots[badge].ns;
}

void ns_handles_fini(struct ns_handles *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
