/*
 * One typed wrapper for each system call in <mk/abi.h>, in the same order;
 * the comment at each SYS_* number there is the wrapper's contract.
 * Each returns the kernel's raw result: a value >= 0, or a negative Linux
 * errno (MK_E* in <mk/errno.h>). Nothing here touches errno; POSIX-style
 * functions pass a raw result through __mk_result() for that.
 * Handles are ints; MK_HANDLE_NONE (-1) stands for "none" or "self" where
 * the call allows it.
 */
#ifndef MK_MK_H
#define MK_MK_H

#include <stddef.h>
#include <stdint.h>

#include <mk/abi.h>

long mk_null(void);
long mk_yield(void);
__attribute__((noreturn)) void mk_exit(int code);
long mk_clock_ns(void);
long mk_sleep_ns(uint64_t ns);
long mk_console_write(const void *buf, size_t len);
long mk_console_read(void *buf, size_t len, unsigned flags);

long mk_handle_dup(int handle, uint32_t rights);
long mk_handle_close(int handle);
long mk_handle_info(int handle, struct mk_handle_info *info);

long mk_task_create(
	const char *name, size_t name_len, uint64_t mem_quota_pages);
long mk_task_start(
	int task, uint64_t pc, uint64_t sp, uint64_t a0, uint64_t a1);
long mk_task_wait(int task, struct mk_exit *exit, unsigned flags);
long mk_task_kill(int task, int signal);
long mk_task_give(int task, int handle, uint32_t rights);
long mk_task_id(int task);
long mk_task_list(uint64_t after_id, struct mk_task_info *info);

long mk_cred_get(struct mk_cred *cred);
long mk_cred_set(int task, const struct mk_cred *cred);
long mk_ns_get(int kind);
long mk_ns_set(int nsctl, uint64_t task_id, int kind, uint64_t label);

long mk_mem_create(uint64_t pages, int event_ep, uint64_t event_bits);
long mk_mem_map(int mem, int task, uint64_t addr, uint64_t first_page,
	uint64_t pages, unsigned flags);
long mk_mem_unmap(uint64_t addr, uint64_t len);
long mk_mem_info(int mem, struct mk_mem_info *info);

long mk_ep_create(void);
long mk_ep_mint(int ep, uint32_t rights, uint64_t badge);
long mk_call(int ep, struct mk_msg *msg);
long mk_receive(int ep, struct mk_msg *msg);
long mk_reply(int reply, struct mk_msg *msg);
long mk_reply_receive(int reply, int ep, struct mk_msg *msg);
long mk_ep_notify(int ep, uint64_t bits);
long mk_ep_events(int ep, struct mk_event *events, size_t max);

long mk_frames(struct mk_frames *frames);
long mk_poweroff(int status);
long mk_bootargs(char *buf, size_t len);
long mk_thread_create(uint64_t pc, uint64_t sp, uint64_t arg);
__attribute__((noreturn)) void mk_thread_exit(void);
long mk_ns_watch(int nsctl, int kind, int ep, uint64_t bits);
long mk_clock_realtime_ns(void);
long mk_token_create(int ep, uint64_t badge, uint64_t bits);
long mk_task_handles(int task, uint64_t limit);
long mk_mem_query(uint64_t addr, struct mk_map_info *info);

#endif /* MK_MK_H */
