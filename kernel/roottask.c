/*
 * The root task: the kernel loads `init` from the boot image (a newc cpio
 * passed as the initrd), gives it the boot image as a read-only memory
 * object and the namespace-label authority, and starts it. Every other
 * program is loaded by user space.
 */
#include "console.h"
#include "handle.h"
#include "kerrno.h"
#include "lib/cpio.h"
#include "lib/elf.h"
#include "lib/format.h"
#include "lib/string.h"
#include "mm/kmem.h"
#include "panic.h"
#include "platform.h"
#include "roottask.h"
#include "task.h"
#include "thread.h"
#include "vm.h"

#define ROOT_STACK_TOP 0x3fff000000UL
#define ROOT_STACK_PAGES 16

/* The namespace-label authority has no state: one static object. */
static int nsctl_object;

/* Copy bytes into obj at byte offset `off`, through the direct map. */
static void mem_object_write(struct mem_object *obj, uint64_t off,
	const void *src, uint64_t n)
{
	while (n > 0) {
		uint64_t in_page = off % PAGE_SIZE, chunk = PAGE_SIZE - in_page;

		if (chunk > n)
			chunk = n;
		memcpy((char *)pa_to_kva(mem_object_frame(obj, off / PAGE_SIZE)) +
				in_page, src, chunk);
		src = (const char *)src + chunk;
		off += chunk;
		n -= chunk;
	}
}

static uint32_t segment_prot(uint32_t flags)
{
	return (flags & ELF_PF_R ? MK_PROT_READ : 0) |
		(flags & ELF_PF_W ? MK_PROT_WRITE : 0) |
		(flags & ELF_PF_X ? MK_PROT_EXEC : 0);
}

/* A new object of `bytes` holding `data` (the rest zero), mapped at va. */
static int root_map(struct task *t, uint64_t va, uint64_t bytes,
	const void *data, uint64_t len, uint32_t prot)
{
	uint64_t start = va & ~(PAGE_SIZE - 1);
	uint64_t pages = (va + bytes - start + PAGE_SIZE - 1) / PAGE_SIZE;
	struct mem_object *obj = mem_object_create(t, pages);
	long r;

	if (!obj)
		return -ENOMEM;
	mem_object_write(obj, va - start, data, len);
	r = vm_map(&t->vs, obj, start, 0, pages, prot, 0, 0, false);
	object_put(MK_OBJ_MEM, obj); /* the mapping keeps it */
	return r < 0 ? (int)r : 0;
}

/*
 * The Linux-style start block at the top of the stack: argc, argv, NULL,
 * envp, NULL, then the strings. Returns the initial sp.
 */
static uint64_t root_start_block(char *top_page, uint64_t top_va,
	const char *bootargs)
{
	uint64_t *words;
	char *strings = top_page + PAGE_SIZE - 512;
	uint64_t s_va = top_va - 512, env_va;
	int n;

	strlcpy(strings, "init", 8);
	env_va = s_va + 8;
	n = fmt_snprintf(strings + 8, 512 - 8, "bootargs=%s", bootargs);
	(void)n;
	words = (uint64_t *)(strings - 64);
	words[0] = 1;		/* argc */
	words[1] = s_va;	/* argv[0] */
	words[2] = 0;
	words[3] = env_va;	/* envp[0] */
	words[4] = 0;
	return s_va - 64;
}

static int root_load(struct task *t, const struct cpio_file *f,
	uint64_t *entry)
{
	struct elf_image img;
	const char *why = "?";
	int i, err;

	if (elf_parse(f->data, f->size, USER_TOP, &img, &why)) {
		kprintf("kernel: init is not a usable program: %s\n", why);
		return -ENOEXEC;
	}
	for (i = 0; i < img.count; i++) {
		const struct elf_segment *s = &img.seg[i];

		err = root_map(t, s->vaddr, s->memsz,
			(const char *)f->data + s->offset, s->filesz,
			segment_prot(s->flags));
		if (err)
			return err;
	}
	*entry = img.entry;
	return 0;
}

/* The boot image as a memory object in slot MK_HANDLE_BOOTFS. */
static int root_give_bootfs(struct task *t, const void *image, uint64_t size)
{
	uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	struct mem_object *obj = mem_object_create(t, pages);

	if (!obj)
		return -ENOMEM;
	mem_object_write(obj, 0, image, size);
	return handle_insert_at(t, MK_HANDLE_BOOTFS, MK_OBJ_MEM, obj,
		MK_RIGHT_DUP | MK_RIGHT_MAP, 0);
}

bool root_task_start(const struct fdt_info *info, const char *bootargs)
{
	uint64_t size = info->initrd_end - info->initrd_start, entry, sp;
	const void *image = pa_to_kva(info->initrd_start);
	struct cpio_file f;
	struct mem_object *stack;
	struct thread *th;
	struct task *t;

	if (info->initrd_end <= info->initrd_start)
		return false;
	if (cpio_find(image, size, "init", &f)) {
		kprintf("kernel: no init in the boot image\n");
		return false;
	}
	t = task_create(NULL, "init", TASK_DEFAULT_QUOTA);
	if (!t)
		panic("root_task_start: out of memory");
	t->cred.caps = MK_CAPS_ALL;
	if (handle_table_set_limit(&t->handles, HANDLE_MAX) ||
		root_load(t, &f, &entry) ||
		root_give_bootfs(t, image, size) < 0 ||
		handle_insert_at(t, MK_HANDLE_NSCTL, MK_OBJ_NSCTL,
			&nsctl_object, MK_RIGHT_NS | MK_RIGHT_DUP, 0) < 0)
		panic("root_task_start: cannot load init");

	stack = mem_object_create(t, ROOT_STACK_PAGES);
	if (!stack)
		panic("root_task_start: no memory for the stack");
	sp = root_start_block(pa_to_kva(mem_object_frame(stack,
				      ROOT_STACK_PAGES - 1)),
		ROOT_STACK_TOP, bootargs);
	if (vm_map(&t->vs, stack, ROOT_STACK_TOP - ROOT_STACK_PAGES * PAGE_SIZE,
		    0, ROOT_STACK_PAGES, MK_PROT_READ | MK_PROT_WRITE, 0, 0,
		    false) < 0)
		panic("root_task_start: cannot map the stack");
	object_put(MK_OBJ_MEM, stack);

	/* The image now lives in the object: its frames are free again. */
	kmem_release(info->initrd_start, size);

	th = thread_create(t, entry, sp, sp, size);
	if (!th)
		panic("root_task_start: no memory for a thread");
	t->state = MK_TASK_RUNNING;
	thread_start(th);
	return true;
}

void root_task_exited(int status)
{
	int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;

	kprintf("kernel: init exited with status %d; powering off\n", code);
	board_poweroff(code);
}
