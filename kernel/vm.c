/* Address spaces and mappings (see vm.h). */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/pagetable.h"
#include "cpu.h"
#include "handle.h"
#include "ipc.h"
#include "kerrno.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "panic.h"
#include "task.h"
#include "timer.h"
#include "uaccess.h"
#include "vm.h"

/*
 * ASIDs: a generation counter in the upper bits; when the 16-bit space is
 * used up, a new generation starts with a full TLB flush and address spaces
 * take fresh ASIDs as they are next activated.
 * XXX: one hart; SMP needs the flush on every hart.
 */
static uint64_t asid_next = 1;
uint64_t vm_asid_generation = 1UL << VM_ASID_BITS;

int vm_space_init(struct vmspace *vs, uint64_t task_id)
{
	paddr_t root = pt_table_alloc();
	pte_t *k, *u;
	int i;

	if (root == PT_NO_TABLE)
		return -ENOMEM;
	k = pa_to_kva(kmem_kernel_root());
	u = pa_to_kva(root);
	for (i = KERNEL_ROOT_INDEX_FIRST; i < PT_ENTRIES; i++)
		u[i] = k[i];
	vs->root = root;
	vs->asid = 0;
	list_init(&vs->maps);
	vs->nmaps = 0;
	vs->pages_mapped = 0;
	vs->task_id = task_id;
	vs->unmaps = 0;
	return 0;
}

/* Give vs an ASID of the current generation (and its satp value). */
static void vm_asid_assign(struct vmspace *vs)
{
	if ((vs->asid & ~VM_ASID_MASK) == vm_asid_generation)
		return;
	if (asid_next > VM_ASID_MASK) {
		vm_asid_generation += 1UL << VM_ASID_BITS;
		asid_next = 1;
		sfence_vma_all();
	}
	vs->asid = vm_asid_generation | asid_next++;
	vs->satp = SATP_MODE_SV39 | ((vs->asid & VM_ASID_MASK) << 44) |
		(vs->root >> PAGE_SHIFT);
}

void vm_activate_slow(struct vmspace *vs)
{
	uint64_t satp;

	if (!vs) {
		satp = SATP_MODE_SV39 | (kmem_kernel_root() >> PAGE_SHIFT);
	} else {
		vm_asid_assign(vs);
		satp = vs->satp;
	}
	if (this_cpu()->satp != satp) {
		csr_write(satp, satp);
		this_cpu()->satp = satp;
	}
}

/* Drop TLB entries of [va, va + pages) in vs. */
static void vm_flush(struct vmspace *vs, uint64_t va, uint64_t pages)
{
	uint64_t asid = vs->asid & VM_ASID_MASK, i;

	if ((vs->asid & ~VM_ASID_MASK) != vm_asid_generation)
		return; /* its ASID is stale: nothing of it can be cached */
	if (pages > 64) {
		__asm__ volatile("sfence.vma zero, %0" : : "r"(asid) : "memory");
		return;
	}
	for (i = 0; i < pages; i++)
		__asm__ volatile("sfence.vma %0, %1"
			: : "r"(va + i * PAGE_SIZE), "r"(asid) : "memory");
}

static uint64_t pte_flags(uint32_t prot)
{
	uint64_t f = PTE_U | PTE_A | PTE_D;

	if (prot & MK_PROT_READ)
		f |= PTE_R;
	if (prot & MK_PROT_WRITE)
		f |= PTE_W | PTE_R;
	if (prot & MK_PROT_EXEC)
		f |= PTE_X;
	return f;
}

/* The first mapping ending above va (so possibly containing it), or NULL. */
static struct mapping *vm_find(struct vmspace *vs, uint64_t va)
{
	struct list *pos;

	list_for_each(pos, &vs->maps) {
		struct mapping *m = list_entry(pos, struct mapping, vs_link);

		if (m->va + m->pages * PAGE_SIZE > va)
			return m;
	}
	return NULL;
}

int vm_query(struct vmspace *vs, uint64_t va, struct mk_map_info *info)
{
	struct mapping *m = vm_find(vs, va);

	if (!m || m->va > va)
		return -EINVAL;
	info->addr = m->va;
	info->pages = m->pages;
	info->first_page = m->first_page;
	info->prot = m->prot;
	info->flags = (m->flags & MAPPING_GRANT) ? MK_MAPINFO_GRANT : 0;
	info->owner_id = m->obj->owner->id;
	return 0;
}

static bool vm_range_free(struct vmspace *vs, uint64_t va, uint64_t len)
{
	struct mapping *m = vm_find(vs, va);

	return !m || m->va >= va + len;
}

/* Lowest free address for len bytes in the kernel-chosen area, or 0. */
static uint64_t vm_choose(struct vmspace *vs, uint64_t len)
{
	uint64_t at = VM_CHOOSE_BASE;
	struct list *pos;

	list_for_each(pos, &vs->maps) {
		struct mapping *m = list_entry(pos, struct mapping, vs_link);
		uint64_t end = m->va + m->pages * PAGE_SIZE;

		if (end <= at)
			continue;
		if (m->va >= at + len)
			break;
		at = end;
	}
	return at + len <= VM_CHOOSE_TOP ? at : 0;
}

/* Put m in vs->maps, keeping it ordered by address. */
static void vm_link(struct vmspace *vs, struct mapping *m)
{
	struct mapping *next = vm_find(vs, m->va);
	struct list *before = next ? &next->vs_link : &vs->maps;

	list_insert_between(&m->vs_link, before->prev, before);
	vs->nmaps++;
}

/*
 * Take m out of vs and its object; report it to the object's event
 * endpoint if it was granted, else free it. Drops m's object reference.
 */
static void mapping_remove(struct vmspace *vs, struct mapping *m,
	uint32_t reason)
{
	struct mem_object *obj = m->obj;
	struct endpoint *ep = obj->event_ep;
	int err = pt_unmap(vs->root, m->va, m->pages * PAGE_SIZE);

	if (err)
		panic("mapping_remove: page table out of step (%d)", err);
	vm_flush(vs, m->va, m->pages);
	vs->unmaps++;
	list_remove(&m->vs_link);
	vs->nmaps--;
	vs->pages_mapped -= m->pages;
	list_remove(&m->obj_link);
	obj->mappings--;

	if ((m->flags & MAPPING_GRANT) && ep && !ep->dead) {
		m->removed_by = vs->task_id;
		m->removed_ns = clock_ns();
		m->reason = reason;
		m->obj = NULL;
		m->ev.kind = EP_EVENT_UNMAP;
		ep_event_queue(ep, &m->ev, obj->event_bits);
	} else {
		kfree(m);
	}
	object_put(MK_OBJ_MEM, obj);
}

void mapping_free(struct mapping *m)
{
	kfree(m);
}

void mapping_describe(const struct mapping *m, struct mk_event *out)
{
	out->tag = m->tag;
	out->task_id = m->removed_by;
	out->time_ns = m->removed_ns;
	out->reason = m->reason;
}

/* Remove the whole mappings inside [va, va + len); -EINVAL if one is cut. */
static int vm_remove_range(struct vmspace *vs, uint64_t va, uint64_t len,
	uint32_t reason, bool need_some)
{
	struct mapping *m = vm_find(vs, va), *first = m;
	uint64_t end = va + len;
	struct list *pos, *tmp;

	/* Check first, so that a refused request changes nothing. */
	for (pos = m ? &m->vs_link : &vs->maps; pos != &vs->maps;
		pos = pos->next) {
		m = list_entry(pos, struct mapping, vs_link);
		if (m->va >= end)
			break;
		if (m->va < va || m->va + m->pages * PAGE_SIZE > end)
			return -EINVAL;
	}
	if (need_some && (!first || first->va >= end))
		return -EINVAL;
	if (!first)
		return 0;
	for (pos = &first->vs_link, tmp = pos->next; pos != &vs->maps;
		pos = tmp, tmp = pos->next) {
		m = list_entry(pos, struct mapping, vs_link);
		if (m->va >= end)
			break;
		mapping_remove(vs, m, reason);
	}
	return 0;
}

long vm_map(struct vmspace *vs, struct mem_object *obj, uint64_t va,
	uint64_t first, uint64_t pages, uint32_t prot, uint32_t flags,
	uint64_t tag, bool grant)
{
	uint64_t len = pages * PAGE_SIZE, i;
	struct mapping *m;
	int err;

	if (pages == 0 || first >= obj->pages || pages > obj->pages - first)
		return -EINVAL;
	if (!(prot & (MK_PROT_READ | MK_PROT_WRITE | MK_PROT_EXEC)) ||
		(prot & ~(MK_PROT_READ | MK_PROT_WRITE | MK_PROT_EXEC)) ||
		(flags & ~MK_MAP_FIXED_REPLACE))
		return -EINVAL;
	if ((prot & MK_PROT_WRITE) && (prot & MK_PROT_EXEC))
		return -EINVAL; /* W^X in user space too */
	if (va % PAGE_SIZE || (va && !uaccess_ok(va, len)))
		return -EINVAL;
	if (vs->nmaps >= VM_MAX_MAPPINGS)
		return -ENOMEM; /* as Linux past vm.max_map_count */
	if (va == 0) {
		va = vm_choose(vs, len);
		if (!va)
			return -ENOMEM;
	} else if (flags & MK_MAP_FIXED_REPLACE) {
		err = vm_remove_range(vs, va, len, MK_UNMAP_REPLACED, false);
		if (err)
			return err;
	} else if (!vm_range_free(vs, va, len)) {
		return -EEXIST;
	}

	m = kalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	for (i = 0; i < pages; i++) {
		err = pt_map(vs->root, va + i * PAGE_SIZE,
			mem_object_frame(obj, first + i), PAGE_SIZE,
			pte_flags(prot), 0);
		if (err) {
			if (i)
				pt_unmap(vs->root, va, i * PAGE_SIZE);
			vm_flush(vs, va, i);
			vs->unmaps++;
			kfree(m);
			return err == -EEXIST ? -EEXIST : -ENOMEM;
		}
	}
	m->va = va;
	m->pages = pages;
	m->first_page = first;
	m->prot = prot;
	m->flags = grant ? MAPPING_GRANT : 0;
	m->obj = obj;
	m->tag = tag;
	object_get(MK_OBJ_MEM, obj);
	list_push_back(&obj->maps, &m->obj_link);
	obj->mappings++;
	vm_link(vs, m);
	vs->pages_mapped += pages;
	vm_flush(vs, va, pages);
	return (long)va;
}

int vm_unmap(struct vmspace *vs, uint64_t va, uint64_t len, uint32_t reason)
{
	if (va % PAGE_SIZE || len == 0 || len % PAGE_SIZE ||
		!uaccess_ok(va, len))
		return -EINVAL;
	return vm_remove_range(vs, va, len, reason, true);
}

/* Free the tables below `table` at `level` (user half only at the root). */
static void vm_free_tables(paddr_t table, int level)
{
	pte_t *pte = pa_to_kva(table);
	int i, n = level == PT_LEVELS - 1 ? KERNEL_ROOT_INDEX_FIRST : PT_ENTRIES;

	for (i = 0; level > 0 && i < n; i++) {
		if ((pte[i] & PTE_V) && !pte_is_leaf(pte[i]))
			vm_free_tables(pte_to_pa(pte[i]), level - 1);
	}
	pt_table_free(table);
}

void vm_space_destroy(struct vmspace *vs, uint32_t reason)
{
	struct list *n;

	while ((n = vs->maps.next) != &vs->maps)
		mapping_remove(vs, list_entry(n, struct mapping, vs_link),
			reason);
	if (this_cpu()->satp >> 44 == (SATP_MODE_SV39 >> 44) &&
		(this_cpu()->satp & ((1UL << 44) - 1)) == vs->root >> PAGE_SHIFT)
		vm_activate(NULL);
	vm_flush(vs, 0, UINT64_MAX);
	vm_free_tables(vs->root, PT_LEVELS - 1);
	vs->root = 0;
}

static void mem_object_release(struct mem_object *obj);

struct mem_object *mem_object_create(struct task *owner, uint64_t pages)
{
	struct mem_object *obj;
	uint64_t i, leaves;

	if (pages == 0 || pages > MK_MEM_MAX_PAGES)
		return NULL;
	obj = kalloc(sizeof(*obj));
	if (!obj)
		return NULL;
	obj->pages = pages;
	list_init(&obj->maps);
	if (pages <= MEM_FLAT_MAX) {
		obj->frames = kalloc(pages * sizeof(paddr_t));
		if (!obj->frames)
			goto fail;
	} else {
		leaves = (pages + MEM_LEAF_ENTRIES - 1) / MEM_LEAF_ENTRIES;
		obj->dir = kalloc(leaves * sizeof(paddr_t *));
		if (!obj->dir)
			goto fail;
		for (i = 0; i < leaves; i++) {
			paddr_t pa = frame_alloc();

			if (pa == FRAME_NONE)
				goto fail;
			obj->dir[i] = pa_to_kva(pa);
		}
	}
	for (i = 0; i < pages; i++) {
		paddr_t pa = frame_alloc();

		if (pa == FRAME_NONE)
			goto fail;
		if (obj->frames)
			obj->frames[i] = pa;
		else
			obj->dir[i / MEM_LEAF_ENTRIES][i % MEM_LEAF_ENTRIES] = pa;
		obj->allocated++;
	}
	obj->refs = 1;
	obj->id = object_new_id();
	obj->owner = owner;
	owner->mem_used += pages;
	task_get(owner);
	return obj;
fail:
	mem_object_release(obj);
	return NULL;
}

paddr_t mem_object_frame(const struct mem_object *obj, uint64_t i)
{
	if (obj->frames)
		return obj->frames[i];
	return obj->dir[i / MEM_LEAF_ENTRIES][i % MEM_LEAF_ENTRIES];
}

/* Free the frames allocated so far, the frame arrays and obj itself. */
static void mem_object_release(struct mem_object *obj)
{
	uint64_t i, leaves;

	for (i = 0; i < obj->allocated; i++)
		frame_free(mem_object_frame(obj, i));
	if (obj->dir) {
		leaves = (obj->pages + MEM_LEAF_ENTRIES - 1) / MEM_LEAF_ENTRIES;
		for (i = 0; i < leaves && obj->dir[i]; i++)
			frame_free(kva_to_pa(obj->dir[i]));
		kfree(obj->dir);
	}
	kfree(obj->frames);
	kfree(obj);
}

void mem_object_free(struct mem_object *obj)
{
	struct task *owner = obj->owner;

	if (obj->mappings)
		panic("mem_object_free: object %lu still has %lu mappings",
			obj->id, obj->mappings);
	owner->mem_used -= obj->pages;
	if (obj->event_ep)
		object_put(MK_OBJ_ENDPOINT, obj->event_ep);
	mem_object_release(obj);
	task_put(owner);
}
