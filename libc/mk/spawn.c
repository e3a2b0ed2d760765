/*
 * The user-space program loader; see spawn.h. The caller does all the
 * work the kernel does for the root task: each segment becomes a fresh
 * memory object, filled through a temporary writable mapping in the
 * caller and then mapped into the child with the segment's protection.
 * The objects belong to the caller; the child's mappings keep them alive
 * once the caller has closed its handles.
 */
#include <sched.h>
#include <string.h>

#include "lib/cpio.h"
#include "lib/elf.h"
#include "mk/errno.h"
#include "mk/ipcns_client.h"
#include "mk/layout.h"
#include "mk/mk.h"
#include "mk/spawn.h"
#include "mk/startblock.h"

#define PAGE ((uint64_t)MK_PAGE_SIZE)
/* The clone flags spawn takes. */
#define SPAWN_CLONE_FLAGS ((uint64_t)(CLONE_SYSVSEM | CLONE_NEWIPC))

/* Set by crt0 from a1 at entry: the boot image's size for the root task,
 * 0 for tasks started by mk_spawn. */
extern uint64_t __mk_start_a1;

static const void *bootfs_base;
static size_t bootfs_size;
static const char *spawn_why;

/* XXX: not thread-safe; two first calls at once would map it twice. */
int mk_bootfs_map(const void **base, size_t *size)
{
	struct mk_mem_info info;
	long r;

	if (bootfs_base == NULL) {
		r = mk_mem_info(MK_HANDLE_BOOTFS, &info);
		if (r < 0)
			return r;
		if (info.pages == 0 || info.pages > MK_MEM_MAX_PAGES)
			return -MK_EINVAL;
		r = mk_mem_map(MK_HANDLE_BOOTFS, MK_HANDLE_NONE, 0, 0,
			info.pages, MK_PROT_READ);
		if (r < 0)
			return r;

		/* The exact size is known only to the root task; otherwise
		 * the archive's trailer ends the search before the bound. */
		bootfs_size = info.pages * PAGE;
		if (__mk_start_a1 != 0 && __mk_start_a1 <= bootfs_size)
			bootfs_size = __mk_start_a1;
		bootfs_base = (const void *)r;
	}
	*base = bootfs_base;
	*size = bootfs_size;
	return 0;
}

/* The MK_PROT_* bits for ELF segment flags. */
static unsigned spawn_prot(uint32_t flags)
{
	unsigned prot = 0;

	if (flags & ELF_PF_R)
		prot |= MK_PROT_READ;
	if (flags & ELF_PF_W)
		prot |= MK_PROT_WRITE;
	if (flags & ELF_PF_X)
		prot |= MK_PROT_EXEC;
	return prot;
}

/*
 * Map `pages` of the memory object mem writable into the caller, let
 * fill(dst, arg) write to it, and unmap it again. Returns 0 or a negative
 * errno (from the mapping, the unmapping, or fill).
 */
static long spawn_fill(int mem, uint64_t pages,
	long (*fill)(char *dst, const void *arg), const void *arg)
{
	long addr, r, r2;

	addr = mk_mem_map(
		mem, MK_HANDLE_NONE, 0, 0, pages, MK_PROT_READ | MK_PROT_WRITE);
	if (addr < 0)
		return addr;
	r = fill((char *)addr, arg);
	r2 = mk_mem_unmap(addr, pages * PAGE);
	return r < 0 ? r : r2;
}

/*
 * Create an object of `pages`, fill it (unless fill is NULL: objects are
 * zero-filled) and map it into the child task at addr with prot. Returns
 * 0 or a negative errno; the caller's handle is closed either way.
 */
static long spawn_place(int task, uint64_t addr, uint64_t pages, unsigned prot,
	long (*fill)(char *dst, const void *arg), const void *arg)
{
	long mem, r = 0;

	mem = mk_mem_create(pages, MK_HANDLE_NONE, 0);
	if (mem < 0)
		return mem;
	if (fill != NULL)
		r = spawn_fill(mem, pages, fill, arg);
	if (r == 0)
		r = mk_mem_map(mem, task, addr, 0, pages, prot);
	mk_handle_close(mem);
	return r < 0 ? r : 0;
}

/* What spawn_copy_segment needs: the segment and the file it is in. */
struct spawn_segment {
	const struct elf_segment *seg;
	const char *file;
};

/* Copy a segment's file bytes to their offset in its first page. */
static long spawn_copy_segment(char *dst, const void *arg)
{
	const struct spawn_segment *s = arg;

	memcpy(dst + s->seg->vaddr % PAGE, s->file + s->seg->offset,
		s->seg->filesz);
	return 0;
}

/* Load every segment of img (from file) into the child task. */
static long spawn_load(int task, const struct elf_image *img, const void *file)
{
	for (int i = 0; i < img->count; i++) {
		const struct elf_segment *seg = &img->seg[i];
		uint64_t start = seg->vaddr / PAGE * PAGE;
		uint64_t end = seg->vaddr + seg->memsz;
		uint64_t pages = (end - start + PAGE - 1) / PAGE;
		struct spawn_segment arg = {seg, file};
		long r;

		r = spawn_place(task, start, pages, spawn_prot(seg->flags),
			seg->filesz != 0 ? spawn_copy_segment : NULL, &arg);
		if (r < 0)
			return r;
	}
	return 0;
}

/* What spawn_write_args needs: the lists and where sp goes. */
struct spawn_args {
	char *const *argv;
	char *const *envp;
	uint64_t *sp;
};

/* Build the start block at the top of the stack object's mapping. */
static long spawn_write_args(char *dst, const void *arg)
{
	const struct spawn_args *a = arg;
	uint64_t skip = MK_STACK_SIZE - MK_STACK_ARGS_MAX;

	return mk_startblock_build(dst + skip, MK_STACK_ARGS_MAX,
		MK_STACK_TOP - MK_STACK_ARGS_MAX, a->argv, a->envp, a->sp);
}

/*
 * Give the caller's handle to the task with rights (0: the rights the
 * caller holds). Returns the handle's number in the task or a negative
 * errno.
 */
static long spawn_give(int task, int handle, uint32_t rights)
{
	struct mk_handle_info info;
	long r;

	if (rights == 0) {
		r = mk_handle_info(handle, &info);
		if (r < 0)
			return r;
		rights = info.rights;
	}
	return mk_task_give(task, handle, rights);
}

/*
 * Give the child its standard handles (BOOTFS, then IPCNS if the caller
 * has an endpoint there and attr does not say no) and attr's extra ones.
 * The child's table starts empty, so the standard ones must land in their
 * own slots; if they do not, the kernel broke that promise and the child
 * could not find them.
 */
static long spawn_give_handles(int task, const struct mk_spawn_attr *attr)
{
	struct mk_handle_info info;
	long r;

	r = spawn_give(task, MK_HANDLE_BOOTFS, 0);
	if (r >= 0 && r != MK_HANDLE_BOOTFS)
		return -MK_EPROTO;
	if (r < 0)
		return r;
	if ((attr == NULL || !(attr->flags & MK_SPAWN_NO_IPCNS)) &&
		mk_handle_info(MK_HANDLE_IPCNS, &info) == 0 &&
		info.type == MK_OBJ_ENDPOINT) {
		r = mk_task_give(task, MK_HANDLE_IPCNS, info.rights);
		if (r >= 0 && r != MK_HANDLE_IPCNS)
			return -MK_EPROTO;
		if (r < 0)
			return r;
	}

	for (int i = 0; attr != NULL && i < attr->handle_count; i++) {
		r = spawn_give(task, attr->handles[i], attr->rights[i]);
		if (r < 0)
			return r;
		if (attr->given != NULL)
			attr->given[i] = (int)r;
	}
	return 0;
}

/* Find and check the program: 0 with *file and *img, or -errno. */
static long spawn_find(
	const char *name, struct cpio_file *file, struct elf_image *img)
{
	const void *archive;
	size_t size;
	long r;

	r = mk_bootfs_map(&archive, &size);
	if (r < 0)
		return r;
	r = cpio_find(archive, size, name, file);
	if (r == -CPIO_ENOENT)
		return -MK_ENOENT;
	if (r < 0)
		return -MK_EIO; /* the boot image itself is malformed */
	return elf_parse(
		file->data, file->size, MK_PROGRAM_TOP, img, &spawn_why);
}

/* Undo a task that never ran: kill it, reap it if it is already a
 * zombie (never block on it), and drop the handle. */
static void spawn_discard(int task)
{
	struct mk_exit status;

	mk_task_kill(task, MK_SIGKILL);
	mk_task_wait(task, &status, MK_WAIT_NOHANG);
	mk_handle_close(task);
}

/* Check mk_spawn's arguments: 0 or -MK_EINVAL. */
static int spawn_check(const char *name, const struct mk_spawn_attr *attr)
{
	if (name == NULL || name[0] == '\0')
		return -MK_EINVAL;
	if (attr != NULL && (attr->handle_count < 0 ||
				    attr->handle_count > MK_SPAWN_HANDLES_MAX))
		return -MK_EINVAL;
	/* Linux's clone refuses these before it makes anything. */
	if (attr != NULL && ((attr->clone_flags & ~SPAWN_CLONE_FLAGS) ||
				    (attr->clone_flags & SPAWN_CLONE_FLAGS) ==
					    SPAWN_CLONE_FLAGS))
		return -MK_EINVAL;
	return 0;
}

int mk_spawn(const char *name, char *const argv[], char *const envp[],
	const struct mk_spawn_attr *attr)
{
	char *const default_argv[] = {(char *)name, NULL};
	uint64_t sp;
	struct spawn_args args = {argv ? argv : default_argv, envp, &sp};
	struct cpio_file file;
	struct elf_image img;
	long task, r;

	/* Only elf_parse sets spawn_why, and only when it says ENOEXEC. */
	spawn_why = NULL;
	r = spawn_check(name, attr);
	if (r == 0)
		r = spawn_find(name, &file, &img);
	if (r < 0)
		return (int)r;

	/* A longer name is cut: it only labels the task in listings. */
	task = mk_task_create(name, strnlen(name, MK_TASK_NAME_MAX - 1),
		attr != NULL ? attr->mem_quota_pages : 0);
	if (task < 0)
		return (int)task;

	r = spawn_load((int)task, &img, file.data);
	if (r == 0)
		r = spawn_place((int)task, MK_STACK_TOP - MK_STACK_SIZE,
			MK_STACK_SIZE / PAGE, MK_PROT_READ | MK_PROT_WRITE,
			spawn_write_args, &args);
	if (r == 0 && attr != NULL && attr->handle_limit != 0) {
		r = mk_task_handles((int)task, attr->handle_limit);
		if (r > 0)
			r = 0;
	}
	if (r == 0)
		r = spawn_give_handles((int)task, attr);
	if (r == 0 && attr != NULL && attr->clone_flags != 0)
		r = __mk_ipcns_spawn((int)task, attr->clone_flags);
	if (r == 0)
		r = mk_task_start((int)task, img.entry, sp, sp, 0);
	if (r < 0) {
		spawn_discard((int)task);
		return (int)r;
	}
	return (int)task;
}

long mk_wait(int task, int *status)
{
	struct mk_exit exit;
	long r;

	r = mk_task_wait(task, &exit, 0);
	if (r >= 0 && status != NULL)
		*status = exit.status;
	return r;
}

const char *mk_spawn_why(void)
{
	return spawn_why;
}
