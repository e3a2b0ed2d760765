/*
 * User address spaces, memory objects and the mappings between them.
 *
 * All user memory is a mapping of a memory object. Every mapping is counted
 * in its object (`mappings`) and linked in both its address space and its
 * object. A mapping made by a grant carries the owner's tag; when it goes
 * away (unmap, exit, kill, replacement) its record moves, without any
 * allocation, onto the object's event endpoint as an event for the owner.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/riscv64/csr.h"
#include "arch/riscv64/memlayout.h"
#include "cpu.h"
#include "event.h"
#include "lib/list.h"

#define VM_MAX_MAPPINGS 1024		/* per address space */
#define VM_CHOOSE_BASE 0x2000000000UL	/* where the kernel picks addresses */
#define VM_CHOOSE_TOP 0x3f00000000UL
#define MEM_FLAT_MAX 128		/* frames kept in one flat array */
#define MEM_LEAF_ENTRIES (PAGE_SIZE / sizeof(paddr_t))

#define MAPPING_GRANT 1			/* made by a grant: report removal */

struct task;
struct endpoint;
struct mk_map_info;
struct mk_event;

struct mem_object {
	int refs;		/* handles + mappings */
	uint64_t id;
	struct task *owner;	/* charged for the frames; holds a reference */
	uint64_t pages;
	uint64_t allocated;	/* frames allocated (all, once created) */
	paddr_t *frames;	/* pages <= MEM_FLAT_MAX: the frames */
	paddr_t **dir;		/* otherwise: leaf pages of frames */
	uint64_t mappings;	/* live mappings: exact at every moment */
	struct list maps;	/* struct mapping.obj_link */
	struct endpoint *event_ep; /* where removal events go, or NULL */
	uint64_t event_bits;
};

struct mapping {
	struct list vs_link;	/* vmspace.maps, by address */
	struct list obj_link;	/* mem_object.maps */
	struct ep_event ev;	/* once removed: queued on the object's ep */
	uint64_t va;
	uint64_t pages;
	uint64_t first_page;	/* of the object */
	uint32_t prot;		/* MK_PROT_* */
	uint32_t flags;		/* MAPPING_* */
	struct mem_object *obj;
	uint64_t tag;		/* the granting owner's tag */
	/* Filled when the mapping goes away: */
	uint64_t removed_by;	/* task id */
	uint64_t removed_ns;
	uint32_t reason;	/* MK_UNMAP_* */
};

struct vmspace {
	paddr_t root;
	uint64_t asid;		/* with its generation in the upper bits */
	uint64_t satp;		/* root and ASID for satp, set with the ASID */
	struct list maps;
	uint32_t nmaps;
	uint64_t pages_mapped;
	uint64_t task_id;
	uint64_t unmaps;	/* mappings removed so far: memory found
				 * writable stays so while it is unchanged */
};

/* Set up an empty address space: 0 or -ENOMEM. */
int vm_space_init(struct vmspace *vs, uint64_t task_id);

/* Remove every mapping (reporting them with `reason`) and free the tables. */
void vm_space_destroy(struct vmspace *vs, uint32_t reason);

/* ASIDs: 16 bits and a generation above them (vm.c). */
#define VM_ASID_BITS 16
#define VM_ASID_MASK ((1UL << VM_ASID_BITS) - 1)
extern uint64_t vm_asid_generation;

/* vm_activate when vs (or NULL) may need an ASID of the generation now. */
void vm_activate_slow(struct vmspace *vs);

/*
 * Load vs on this hart (NULL: the kernel's own table). Inline for the
 * case of every switch, an address space whose ASID is still good.
 */
static inline void vm_activate(struct vmspace *vs)
{
	struct cpu *c = this_cpu();

	if (!vs || (vs->asid & ~VM_ASID_MASK) != vm_asid_generation) {
		vm_activate_slow(vs);
		return;
	}
	if (c->satp != vs->satp) {
		csr_write(satp, vs->satp);
		c->satp = vs->satp;
	}
}

/*
 * Map pages [first, first + pages) of obj at va (0: the kernel chooses)
 * with prot; MK_MAP_FIXED_REPLACE removes whole mappings in the way first.
 * Takes its own reference to obj. Returns the address or a negative errno:
 * -EINVAL (bad range or flags), -EEXIST (occupied), -ENOMEM (no memory,
 * no room for the kernel's choice, or VM_MAX_MAPPINGS reached).
 */
long vm_map(struct vmspace *vs, struct mem_object *obj, uint64_t va,
	uint64_t first, uint64_t pages, uint32_t prot, uint32_t flags,
	uint64_t tag, bool grant);

/*
 * Remove the mappings exactly covering [va, va + len): 0, or -EINVAL if
 * the range is empty, unaligned, or cuts a mapping.
 */
int vm_unmap(struct vmspace *vs, uint64_t va, uint64_t len, uint32_t reason);

/* Describe the mapping of vs that holds va: 0, or -EINVAL if none does. */
int vm_query(struct vmspace *vs, uint64_t va, struct mk_map_info *info);

/* A new zero-filled object of `pages` owned by `owner`, or NULL. */
struct mem_object *mem_object_create(struct task *owner, uint64_t pages);

/* Frame of page i of obj. */
paddr_t mem_object_frame(const struct mem_object *obj, uint64_t i);

/* Called by object_put when the last reference is gone. */
void mem_object_free(struct mem_object *obj);

/* Free a removed mapping's record (an event that was drained). */
void mapping_free(struct mapping *m);

/* What a removed mapping's event reports. */
void mapping_describe(const struct mapping *m, struct mk_event *out);

#endif
