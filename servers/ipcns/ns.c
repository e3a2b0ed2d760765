/*
 * IPC namespaces: creation with Linux's defaults, the label table, and
 * lifetime by references (see ns.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mk/errno.h"
#include "mk/ipcns.h"
#include "ns.h"
#include "shm.h"

#define NS_LABEL_SLOT(label) ((uint32_t)(label))

void ipcns_init(struct ipcns *s, const struct ipcns_mem_ops *mem)
{
	memset(s, 0, sizeof(*s));
	s->mem = *mem;
	s->ns_max = NS_MAX_DEFAULT;
	s->hugetlb_shm_group = 0;
	s->memlock_limit = NS_MEMLOCK_DEFAULT;
}

static void ns_free(struct ipc_ns *ns)
{
	struct ipcns *s = ns->server;

	shm_ns_destroy(ns);
	ipc_ids_fini(&ns->shm_ids);
	s->ns[NS_LABEL_SLOT(ns->label)] = NULL;
	s->ns_count--;
	free(ns);
}

void ipcns_fini(struct ipcns *s)
{
	uint32_t i;

	for (i = 0; i < s->ns_slots; i++) {
		if (s->ns[i])
			ns_free(s->ns[i]);
	}
	free(s->ns);
	s->ns = NULL;
	s->ns_slots = 0;
}

/* A free slot in the label table, growing it; -MK_ENOMEM. */
static int ns_slot_alloc(struct ipcns *s, uint32_t *slot)
{
	uint32_t i, n;
	struct ipc_ns **t;

	for (i = 0; i < s->ns_slots; i++) {
		if (!s->ns[i]) {
			*slot = i;
			return 0;
		}
	}
	n = s->ns_slots ? s->ns_slots * 2 : 4;
	t = realloc(s->ns, n * sizeof(*t));
	if (!t)
		return -MK_ENOMEM;
	memset(t + s->ns_slots, 0, (n - s->ns_slots) * sizeof(*t));
	*slot = s->ns_slots;
	s->ns = t;
	s->ns_slots = n;
	return 0;
}

int ns_create(struct ipcns *s, enum ns_ref ref, struct ipc_ns **out)
{
	struct ipc_ns *ns;
	uint32_t slot;

	if (s->ns_count >= s->ns_max)
		return -MK_ENOSPC;
	ns = calloc(1, sizeof(*ns));
	if (!ns || ns_slot_alloc(s, &slot)) {
		free(ns);
		return -MK_ENOMEM;
	}
	ns->server = s;
	ns->label = (uint64_t)s->ns_gen++ << 32 | slot;
	ns->shm_ctlmax = NS_SHMMAX;
	ns->shm_ctlall = NS_SHMALL;
	ns->shm_ctlmni = NS_SHMMNI;
	ipc_ids_init(&ns->shm_ids);
	s->ns[slot] = ns;
	s->ns_count++;
	ns_get(ns, ref);
	*out = ns;
	return 0;
}

struct ipc_ns *ns_lookup(const struct ipcns *s, uint64_t label)
{
	uint32_t slot = NS_LABEL_SLOT(label);

	if (slot >= s->ns_slots || !s->ns[slot] || s->ns[slot]->label != label)
		return NULL;
	return s->ns[slot];
}

/* The counter of references of kind ref, or NULL for a bad kind. */
static uint64_t *ns_counter(struct ipc_ns *ns, enum ns_ref ref)
{
	switch (ref) {
	case NS_REF_TASK:
		return &ns->tasks;
	case NS_REF_HANDLE:
		return &ns->handles;
	case NS_REF_ATTACH:
		return &ns->attachments;
	}
	return NULL;
}

void ns_get(struct ipc_ns *ns, enum ns_ref ref)
{
	uint64_t *c = ns_counter(ns, ref);

	if (c)
		(*c)++;
}

int ns_put(struct ipc_ns *ns, enum ns_ref ref)
{
	uint64_t *c = ns_counter(ns, ref);

	if (!c || !*c)
		return -MK_EINVAL;
	(*c)--;
	if (ns->tasks || ns->handles || ns->attachments)
		return 0;
	ns_free(ns);
	return 1;
}

int ns_sysctl(struct ipc_ns *ns, unsigned which, bool set, uint64_t *value)
{
	switch (which) {
	case IPCNS_SYSCTL_SHMMAX:
		if (set)
			ns->shm_ctlmax = *value;
		*value = ns->shm_ctlmax;
		return 0;
	case IPCNS_SYSCTL_SHMALL:
		if (set)
			ns->shm_ctlall = *value;
		*value = ns->shm_ctlall;
		return 0;
	case IPCNS_SYSCTL_SHMMNI:
		if (set && *value > IPC_MNI)
			return -MK_EINVAL;
		if (set)
			ns->shm_ctlmni = (uint32_t)*value;
		*value = ns->shm_ctlmni;
		return 0;
	}
	return -MK_EINVAL;
}

size_t ns_bytes(const struct ipc_ns *ns)
{
	return sizeof(*ns) + sizeof(ns) /* its label slot */ +
	       ipc_ids_bytes(&ns->shm_ids) +
	       ns->shm_ids.in_use * sizeof(struct shm_segment);
}

int ns_spawn_check(uint64_t clone_flags, const struct ipc_cred *cred)
{
	uint64_t both = NS_CLONE_NEWIPC | NS_CLONE_SYSVSEM;

	if ((clone_flags & both) == both)
		return -MK_EINVAL;
	if ((clone_flags & NS_CLONE_NEWIPC) && !(cred->caps & MK_CAP_SYS_ADMIN))
		return -MK_EPERM;
	return 0;
}

int ns_unshare_check(const struct ipc_cred *cred)
{
	return cred->caps & MK_CAP_SYS_ADMIN ? 0 : -MK_EPERM;
}
