/* User memory access (see uaccess.h). */
#include "arch/riscv64/csr.h"
#include "arch/riscv64/pagetable.h"
#include "kerrno.h"
#include "uaccess.h"
#include "vm.h"

int uaccess_writable(struct vmspace *vs, uint64_t addr, size_t n)
{
	uint64_t need = PTE_U | PTE_R | PTE_W, va;

	if (!uaccess_ok(addr, n))
		return -EFAULT;
	for (va = addr - addr % PAGE_SIZE; va < addr + n; va += PAGE_SIZE) {
		if ((pt_leaf_flags(vs->root, va) & need) != need)
			return -EFAULT;
	}
	return 0;
}

int copy_across(struct vmspace *vs, uint64_t there, uint64_t here, size_t n,
	int to_there)
{
	uint64_t need = PTE_U | PTE_R | (to_there ? PTE_W : 0);

	if (!uaccess_ok(there, n) || !uaccess_ok(here, n))
		return -EFAULT;
	while (n > 0) {
		size_t chunk = PAGE_SIZE - (there % PAGE_SIZE);
		uint64_t flags;
		paddr_t pa;
		int r;

		if (chunk > n)
			chunk = n;
		if (pt_translate(vs->root, there, &pa, &flags) ||
			(flags & need) != need)
			return -EFAULT;
		if (to_there)
			r = copy_from_user(pa_to_kva(pa), here, chunk);
		else
			r = copy_to_user(here, pa_to_kva(pa), chunk);
		if (r)
			return r;
		there += chunk;
		here += chunk;
		n -= chunk;
	}
	return 0;
}
