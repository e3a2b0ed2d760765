/*
 * System-call dispatch and the small calls. Arguments arrive in a0..a5 of
 * the caller's trap frame; the result goes back in a0.
 */
#include "arch/riscv64/csr.h"
#include "bootargs.h"
#include "console.h"
#include "handle.h"
#include "ipc.h"
#include "kerrno.h"
#include "lib/string.h"
#include "mm/kmem.h"
#include "platform.h"
#include "syscall.h"
#include "task.h"
#include "thread.h"
#include "timer.h"
#include "token.h"
#include "uaccess.h"
#include "vm.h"

#define CONSOLE_CHUNK 256

static struct list console_readers = { &console_readers, &console_readers };

static struct task *self(void)
{
	return current()->task;
}

static long sys_null(void)
{
	return 0;
}

static long sys_yield(void)
{
	sched_yield();
	return 0;
}

static long sys_exit(uint64_t code)
{
	task_kill(self(), (int)((code & 0xff) << 8));
	thread_exit();
}

static long sys_clock_ns(void)
{
	return (long)clock_ns();
}

static long sys_clock_realtime_ns(void)
{
	return (long)clock_realtime_ns();
}

static long sys_sleep_ns(uint64_t ns)
{
	uint64_t hz = timer_timebase_hz(), ticks;

	ticks = ns / 1000000000ULL * hz + ns % 1000000000ULL * hz / 1000000000ULL;
	thread_sleep_until(clock_ticks() + ticks);
	return self()->killed ? -EINTR : 0;
}

static long sys_console_write(uint64_t ubuf, uint64_t len)
{
	char chunk[CONSOLE_CHUNK];
	uint64_t done = 0;

	if (!uaccess_ok(ubuf, len))
		return -EFAULT;
	/* The kernel is not preemptible: a longer write is a short one. */
	if (len > MK_CONSOLE_WRITE_MAX)
		len = MK_CONSOLE_WRITE_MAX;
	while (done < len) {
		/* A chunk never crosses a page end: no byte before a fault is
		 * lost from the count. */
		size_t n = PAGE_SIZE - (ubuf + done) % PAGE_SIZE;

		if (n > sizeof(chunk))
			n = sizeof(chunk);
		if (n > len - done)
			n = len - done;
		if (copy_from_user(chunk, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

void console_wake_readers(void)
{
	if (!list_empty(&console_readers))
		thread_wake(list_entry(console_readers.next, struct thread,
				    run_link), 0);
}

static long sys_console_read(uint64_t ubuf, uint64_t len, uint64_t flags)
{
	char chunk[CONSOLE_CHUNK];
	size_t n = 0;
	int c;
	long r;

	if (flags & ~(uint64_t)MK_CONSOLE_NONBLOCK)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!uaccess_ok(ubuf, len))
		return -EFAULT;
	if (len > sizeof(chunk))
		len = sizeof(chunk);
	while ((c = console_getc()) < 0) {
		if (flags & MK_CONSOLE_NONBLOCK)
			return -EAGAIN;
		r = thread_block(&console_readers, BLOCK_CONSOLE);
		if (r < 0)
			return r;
	}
	do {
		chunk[n++] = (char)c;
	} while (n < len && (c = console_getc()) >= 0);
	if (copy_to_user(ubuf, chunk, n))
		return -EFAULT;
	return (long)n;
}

static long sys_handle_dup(int h, uint64_t rights)
{
	struct handle *e = handle_get(self(), h);

	if (!e)
		return -EBADF;
	if (!(e->rights & MK_RIGHT_DUP) || (rights & ~(uint64_t)e->rights))
		return -EPERM;
	object_get(e->type, e->obj);
	return handle_insert(self(), e->type, e->obj, (uint32_t)rights,
		e->badge);
}

static long sys_handle_close(int h)
{
	return handle_close(self(), h);
}

static long sys_handle_info(int h, uint64_t uinfo)
{
	struct handle *e = handle_get(self(), h);
	struct mk_handle_info info;

	if (!e)
		return -EBADF;
	memset(&info, 0, sizeof(info));
	info.type = e->type;
	info.rights = e->rights;
	info.badge = e->type == MK_OBJ_ENDPOINT ? e->badge : 0;
	switch (e->type) {
	case MK_OBJ_TASK:
		info.object_id = ((struct task *)e->obj)->id;
		break;
	case MK_OBJ_ENDPOINT:
		info.object_id = ((struct endpoint *)e->obj)->id;
		break;
	case MK_OBJ_MEM:
		info.object_id = ((struct mem_object *)e->obj)->id;
		break;
	case MK_OBJ_TOKEN:
		info.object_id = ((struct token *)e->obj)->id;
		info.badge = ((struct token *)e->obj)->badge;
		break;
	}
	return copy_to_user(uinfo, &info, sizeof(info));
}

static long sys_mem_create(uint64_t pages, int ep_h, uint64_t bits)
{
	struct endpoint *ep = NULL;
	struct mem_object *obj;
	struct handle *e;
	int err;

	if (pages == 0 || pages > MK_MEM_MAX_PAGES)
		return -EINVAL;
	if (ep_h != -1) {
		e = handle_lookup(self(), ep_h, MK_OBJ_ENDPOINT,
			MK_RIGHT_RECEIVE, &err);
		if (!e)
			return err;
		ep = e->obj;
	}
	if (self()->mem_used + pages > self()->mem_quota)
		return -ENOMEM;
	obj = mem_object_create(self(), pages);
	if (!obj)
		return -ENOMEM;
	if (ep) {
		ep->refs++;
		obj->event_ep = ep;
		obj->event_bits = bits;
	}
	return handle_insert(self(), MK_OBJ_MEM, obj,
		MK_RIGHT_DUP | MK_RIGHT_MAP | MK_RIGHT_WRITE | MK_RIGHT_GRANT,
		0);
}

static long sys_mem_map(int h, int task_h, uint64_t addr, uint64_t first,
	uint64_t pages, uint64_t prot_flags)
{
	uint32_t prot = prot_flags & 7, flags = prot_flags & ~7UL;
	uint32_t need = MK_RIGHT_MAP;
	struct task *t = self();
	struct handle *e;
	int err;

	if (prot & MK_PROT_WRITE)
		need |= MK_RIGHT_WRITE;
	e = handle_lookup(self(), h, MK_OBJ_MEM, need, &err);
	if (!e)
		return err;
	if (task_h != -1) {
		struct handle *te = handle_lookup(self(), task_h, MK_OBJ_TASK,
			MK_RIGHT_MAP, &err);

		if (!te)
			return err;
		t = te->obj;
		if (t->state == MK_TASK_EXITED || t->killed)
			return -ESRCH;
	}
	if (prot_flags >> 32)
		return -EINVAL;
	return vm_map(&t->vs, e->obj, addr, first, pages, prot, flags, 0,
		false);
}

static long sys_mem_unmap(uint64_t addr, uint64_t len)
{
	return vm_unmap(&self()->vs, addr, len, MK_UNMAP_EXPLICIT);
}

static long sys_mem_info(int h, uint64_t uinfo)
{
	struct mk_mem_info info;
	struct mem_object *obj;
	struct handle *e;
	int err;

	e = handle_lookup(self(), h, MK_OBJ_MEM, 0, &err);
	if (!e)
		return err;
	obj = e->obj;
	memset(&info, 0, sizeof(info));
	info.pages = obj->pages;
	info.mappings = obj->mappings;
	info.owner_id = obj->owner->id;
	return copy_to_user(uinfo, &info, sizeof(info));
}

static long sys_mem_query(uint64_t addr, uint64_t uinfo)
{
	struct mk_map_info info;
	int err;

	memset(&info, 0, sizeof(info));
	err = vm_query(&self()->vs, addr, &info);
	if (err)
		return err;
	return copy_to_user(uinfo, &info, sizeof(info));
}

static long sys_ep_create(void)
{
	struct endpoint *ep = endpoint_create();

	if (!ep)
		return -ENOMEM;
	return handle_insert(self(), MK_OBJ_ENDPOINT, ep,
		MK_RIGHT_DUP | MK_RIGHT_SEND | MK_RIGHT_RECEIVE, 0);
}

static long sys_ep_mint(int h, uint64_t rights, uint64_t badge)
{
	struct handle *e;
	int err;

	e = handle_lookup(self(), h, MK_OBJ_ENDPOINT, MK_RIGHT_DUP, &err);
	if (!e)
		return err;
	if (rights & ~(uint64_t)e->rights)
		return -EPERM;
	object_get(MK_OBJ_ENDPOINT, e->obj);
	return handle_insert(self(), MK_OBJ_ENDPOINT, e->obj,
		(uint32_t)rights, badge);
}

static long sys_ep_notify(int h, uint64_t bits)
{
	struct handle *e;
	int err;

	e = handle_lookup(self(), h, MK_OBJ_ENDPOINT, MK_RIGHT_SEND, &err);
	if (!e)
		return err;
	if (bits == 0)
		return -EINVAL;
	if (((struct endpoint *)e->obj)->dead)
		return -EPIPE;
	endpoint_notify(e->obj, bits);
	return 0;
}

static long sys_frames(uint64_t uframes)
{
	struct mk_frames f = { frame_free_count(), frame_total_count() };

	return copy_to_user(uframes, &f, sizeof(f));
}

static long sys_poweroff(uint64_t status)
{
	if (!(self()->cred.caps & MK_CAP_SYS_ADMIN))
		return -EPERM;
	if (status > 255)
		return -EINVAL;
	board_poweroff((int)status);
}

static long sys_bootargs(uint64_t ubuf, uint64_t len)
{
	const char *args = bootargs_get();
	size_t n = strlen(args) + 1;

	if (len < n)
		return -ERANGE;
	if (copy_to_user(ubuf, args, n))
		return -EFAULT;
	return (long)(n - 1);
}

static long sys_thread_exit(void)
{
	thread_exit();
}

/* Every call but the hot ones of syscall_dispatch. */
__attribute__((noinline)) static long syscall_dispatch_rest(
	struct trap_frame *tf)
{
	uint64_t *a = &tf->regs[10];
	int h0 = (int)a[0];

	switch (tf->regs[17]) {
	case SYS_EXIT: return sys_exit(a[0]);
	case SYS_CLOCK_NS: return sys_clock_ns();
	case SYS_SLEEP_NS: return sys_sleep_ns(a[0]);
	case SYS_CONSOLE_WRITE: return sys_console_write(a[0], a[1]);
	case SYS_CONSOLE_READ: return sys_console_read(a[0], a[1], a[2]);
	case SYS_HANDLE_DUP: return sys_handle_dup(h0, a[1]);
	case SYS_HANDLE_CLOSE: return sys_handle_close(h0);
	case SYS_HANDLE_INFO: return sys_handle_info(h0, a[1]);
	case SYS_TASK_CREATE: return sys_task_create(a[0], a[1], a[2]);
	case SYS_TASK_START: return sys_task_start(h0, a[1], a[2], a[3], a[4]);
	case SYS_TASK_WAIT: return sys_task_wait(h0, a[1], a[2]);
	case SYS_TASK_KILL: return sys_task_kill(h0, a[1]);
	case SYS_TASK_GIVE: return sys_task_give(h0, (int)a[1], a[2]);
	case SYS_TASK_ID: return sys_task_id(h0);
	case SYS_TASK_LIST: return sys_task_list(a[0], a[1]);
	case SYS_CRED_GET: return sys_cred_get(a[0]);
	case SYS_CRED_SET: return sys_cred_set(h0, a[1]);
	case SYS_NS_GET: return sys_ns_get(a[0]);
	case SYS_NS_SET: return sys_ns_set(h0, a[1], a[2], a[3]);
	case SYS_MEM_CREATE: return sys_mem_create(a[0], (int)a[1], a[2]);
	case SYS_MEM_MAP:
		return sys_mem_map(h0, (int)a[1], a[2], a[3], a[4], a[5]);
	case SYS_MEM_UNMAP: return sys_mem_unmap(a[0], a[1]);
	case SYS_MEM_INFO: return sys_mem_info(h0, a[1]);
	case SYS_EP_CREATE: return sys_ep_create();
	case SYS_EP_MINT: return sys_ep_mint(h0, a[1], a[2]);
	case SYS_EP_NOTIFY: return sys_ep_notify(h0, a[1]);
	case SYS_EP_EVENTS: return sys_ep_events(h0, a[1], a[2]);
	case SYS_FRAMES: return sys_frames(a[0]);
	case SYS_POWEROFF: return sys_poweroff(a[0]);
	case SYS_BOOTARGS: return sys_bootargs(a[0], a[1]);
	case SYS_THREAD_CREATE: return sys_thread_create(a[0], a[1], a[2]);
	case SYS_THREAD_EXIT: return sys_thread_exit();
	case SYS_NS_WATCH: return sys_ns_watch(h0, a[1], (int)a[2], a[3]);
	case SYS_MEM_QUERY: return sys_mem_query(a[0], a[1]);
	case SYS_CLOCK_REALTIME_NS: return sys_clock_realtime_ns();
	case SYS_TOKEN_CREATE: return sys_token_create(h0, a[1], a[2]);
	case SYS_TASK_HANDLES: return sys_task_handles(h0, a[1]);
	default: return -ENOSYS;
	}
}

/*
 * Message passing, yield and the null call first, in a small frame of
 * their own: the other calls' bodies, inlined into one switch, make a
 * frame that saves nine registers, which every call would pay for.
 */
long syscall_dispatch(struct trap_frame *tf)
{
	uint64_t *a = &tf->regs[10];

	switch (tf->regs[17]) {
	case SYS_NULL: return sys_null();
	case SYS_YIELD: return sys_yield();
	case SYS_CALL: return sys_call((int)a[0], a[1]);
	case SYS_RECEIVE: return sys_receive((int)a[0], a[1]);
	case SYS_REPLY: return sys_reply((int)a[0], a[1]);
	case SYS_REPLY_RECEIVE:
		return sys_reply_receive((int)a[0], (int)a[1], a[2]);
	default: return syscall_dispatch_rest(tf);
	}
}
