/*
 * The typed system-call wrappers declared in mk.h: each casts its
 * arguments to machine words and makes the call; none interprets the
 * result.
 */
#include "mk/mk.h"
#include "mk/syscall.h"

/* An argument as the machine word the kernel receives in its register. */
#define W(x) ((long)(x))

long mk_null(void)
{
	return mk_syscall0(SYS_NULL);
}

long mk_yield(void)
{
	return mk_syscall0(SYS_YIELD);
}

/* The kernel never returns from SYS_EXIT; should it ever, ask again. */
void mk_exit(int code)
{
	for (;;)
		mk_syscall1(SYS_EXIT, code);
}

long mk_clock_ns(void)
{
	return mk_syscall0(SYS_CLOCK_NS);
}

long mk_sleep_ns(uint64_t ns)
{
	return mk_syscall1(SYS_SLEEP_NS, W(ns));
}

long mk_console_write(const void *buf, size_t len)
{
	return mk_syscall2(SYS_CONSOLE_WRITE, W(buf), W(len));
}

long mk_console_read(void *buf, size_t len, unsigned flags)
{
	return mk_syscall3(SYS_CONSOLE_READ, W(buf), W(len), W(flags));
}

long mk_handle_dup(int handle, uint32_t rights)
{
	return mk_syscall2(SYS_HANDLE_DUP, handle, W(rights));
}

long mk_handle_close(int handle)
{
	return mk_syscall1(SYS_HANDLE_CLOSE, handle);
}

long mk_handle_info(int handle, struct mk_handle_info *info)
{
	return mk_syscall2(SYS_HANDLE_INFO, handle, W(info));
}

long mk_task_create(const char *name, size_t name_len, uint64_t mem_quota_pages)
{
	return mk_syscall3(
		SYS_TASK_CREATE, W(name), W(name_len), W(mem_quota_pages));
}

long mk_task_start(int task, uint64_t pc, uint64_t sp, uint64_t a0, uint64_t a1)
{
	return mk_syscall5(SYS_TASK_START, task, W(pc), W(sp), W(a0), W(a1));
}

long mk_task_wait(int task, struct mk_exit *exit, unsigned flags)
{
	return mk_syscall3(SYS_TASK_WAIT, task, W(exit), W(flags));
}

long mk_task_kill(int task, int signal)
{
	return mk_syscall2(SYS_TASK_KILL, task, signal);
}

long mk_task_give(int task, int handle, uint32_t rights)
{
	return mk_syscall3(SYS_TASK_GIVE, task, handle, W(rights));
}

long mk_task_id(int task)
{
	return mk_syscall1(SYS_TASK_ID, task);
}

long mk_task_list(uint64_t after_id, struct mk_task_info *info)
{
	return mk_syscall2(SYS_TASK_LIST, W(after_id), W(info));
}

long mk_cred_get(struct mk_cred *cred)
{
	return mk_syscall1(SYS_CRED_GET, W(cred));
}

long mk_cred_set(int task, const struct mk_cred *cred)
{
	return mk_syscall2(SYS_CRED_SET, task, W(cred));
}

long mk_ns_get(int kind)
{
	return mk_syscall1(SYS_NS_GET, kind);
}

long mk_ns_set(int nsctl, uint64_t task_id, int kind, uint64_t label)
{
	return mk_syscall4(SYS_NS_SET, nsctl, W(task_id), kind, W(label));
}

long mk_mem_create(uint64_t pages, int event_ep, uint64_t event_bits)
{
	return mk_syscall3(SYS_MEM_CREATE, W(pages), event_ep, W(event_bits));
}

long mk_mem_map(int mem, int task, uint64_t addr, uint64_t first_page,
	uint64_t pages, unsigned flags)
{
	return mk_syscall6(SYS_MEM_MAP, mem, task, W(addr), W(first_page),
		W(pages), W(flags));
}

long mk_mem_unmap(uint64_t addr, uint64_t len)
{
	return mk_syscall2(SYS_MEM_UNMAP, W(addr), W(len));
}

long mk_mem_info(int mem, struct mk_mem_info *info)
{
	return mk_syscall2(SYS_MEM_INFO, mem, W(info));
}

long mk_ep_create(void)
{
	return mk_syscall0(SYS_EP_CREATE);
}

long mk_ep_mint(int ep, uint32_t rights, uint64_t badge)
{
	return mk_syscall3(SYS_EP_MINT, ep, W(rights), W(badge));
}

long mk_call(int ep, struct mk_msg *msg)
{
	return mk_syscall2(SYS_CALL, ep, W(msg));
}

long mk_receive(int ep, struct mk_msg *msg)
{
	return mk_syscall2(SYS_RECEIVE, ep, W(msg));
}

long mk_reply(int reply, struct mk_msg *msg)
{
	return mk_syscall2(SYS_REPLY, reply, W(msg));
}

long mk_reply_receive(int reply, int ep, struct mk_msg *msg)
{
	return mk_syscall3(SYS_REPLY_RECEIVE, reply, ep, W(msg));
}

long mk_ep_notify(int ep, uint64_t bits)
{
	return mk_syscall2(SYS_EP_NOTIFY, ep, W(bits));
}

long mk_ep_events(int ep, struct mk_event *events, size_t max)
{
	return mk_syscall3(SYS_EP_EVENTS, ep, W(events), W(max));
}

long mk_frames(struct mk_frames *frames)
{
	return mk_syscall1(SYS_FRAMES, W(frames));
}

long mk_poweroff(int status)
{
	return mk_syscall1(SYS_POWEROFF, status);
}

long mk_bootargs(char *buf, size_t len)
{
	return mk_syscall2(SYS_BOOTARGS, W(buf), W(len));
}

long mk_thread_create(uint64_t pc, uint64_t sp, uint64_t arg)
{
	return mk_syscall3(SYS_THREAD_CREATE, W(pc), W(sp), W(arg));
}

/* Like mk_exit: SYS_THREAD_EXIT does not return. */
void mk_thread_exit(void)
{
	for (;;)
		mk_syscall0(SYS_THREAD_EXIT);
}

long mk_ns_watch(int nsctl, int kind, int ep, uint64_t bits)
{
	return mk_syscall4(SYS_NS_WATCH, nsctl, kind, ep, W(bits));
}

long mk_clock_realtime_ns(void)
{
	return mk_syscall0(SYS_CLOCK_REALTIME_NS);
}

long mk_token_create(int ep, uint64_t badge, uint64_t bits)
{
	return mk_syscall3(SYS_TOKEN_CREATE, ep, W(badge), W(bits));
}

long mk_task_handles(int task, uint64_t limit)
{
	return mk_syscall2(SYS_TASK_HANDLES, task, W(limit));
}

long mk_mem_query(uint64_t addr, struct mk_map_info *info)
{
	return mk_syscall2(SYS_MEM_QUERY, W(addr), W(info));
}
