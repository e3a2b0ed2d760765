/*
 * The kernel's system-call ABI, shared by the kernel, servers and libc.
 *
 * ecall with the number in a7 and arguments in a0..a5; the result comes
 * back in a0: a value >= 0, or a negative errno (Linux's numbers). Every
 * pointer is a user address checked and copied by the kernel; every handle
 * is checked for its type and rights.
 */
#ifndef MK_ABI_H
#define MK_ABI_H

#include <stdint.h>

/* ---- system call numbers (a7) ---- */
#define SYS_NULL 0		/* () -> 0; the cheapest call, for benchmarks */
#define SYS_YIELD 1		/* () -> 0 */
#define SYS_EXIT 2		/* (int code) -> does not return */
#define SYS_CLOCK_NS 3		/* () -> monotonic nanoseconds since boot */
#define SYS_SLEEP_NS 4		/* (uint64 ns) -> 0 */
#define SYS_CONSOLE_WRITE 5	/* (buf, len) -> bytes written: at most
				 * MK_CONSOLE_WRITE_MAX, fewer up to a fault
				 * (-EFAULT if at the first byte) */
#define SYS_CONSOLE_READ 6	/* (buf, len, flags) -> bytes read, >= 1 unless
				 * MK_CONSOLE_NONBLOCK (then -EAGAIN if none);
				 * other flags: -EINVAL */
#define SYS_HANDLE_DUP 7	/* (h, rights) -> new handle, rights a subset */
#define SYS_HANDLE_CLOSE 8	/* (h) -> 0 */
#define SYS_HANDLE_INFO 9	/* (h, struct mk_handle_info *) -> 0 */
#define SYS_TASK_CREATE 10	/* (name, name_len, mem_quota_pages) -> task handle
				 * of a new task with an empty address space;
				 * name_len 1..31. The quota bounds the pages of
				 * the objects the task creates (0, or more than
				 * the caller's own: the caller's); what others
				 * map into it is charged to them */
#define SYS_TASK_START 11	/* (task h, pc, sp, a0, a1) -> 0 */
#define SYS_TASK_WAIT 12	/* (task h or -1 for any child, struct mk_exit *,
				 * flags) -> child's task id, 0 with
				 * MK_WAIT_NOHANG and none exited, -ECHILD */
#define SYS_TASK_KILL 13	/* (task h, signal) -> 0, also for a zombie (as
				 * in Linux: no effect); -ESRCH once reaped */
#define SYS_TASK_GIVE 14	/* (task h, h, rights) -> handle in the task */
#define SYS_TASK_ID 15		/* (task h or -1 for self) -> task id */
#define SYS_TASK_LIST 16	/* (after id, struct mk_task_info *) -> 0, fills
				 * the live task with the next id > after;
				 * -ESRCH past the last */
#define SYS_CRED_GET 17		/* (struct mk_cred *) -> 0 */
#define SYS_CRED_SET 18		/* (task h or -1 for self, const struct mk_cred *) */
#define SYS_NS_GET 19		/* (kind) -> the caller's label of that kind */
#define SYS_NS_SET 20		/* (nsctl h, task id, kind, label) -> 0 */
#define SYS_MEM_CREATE 21	/* (pages, event ep h or -1, event bits) -> mem h */
#define SYS_MEM_MAP 22		/* (mem h, task h or -1, addr or 0, first page,
				 * pages, MK_PROT_* | MK_MAP_*) -> address */
#define SYS_MEM_UNMAP 23	/* (addr, len) -> 0; whole mappings only:
				 * -EINVAL if it cuts one or holds none */
#define SYS_MEM_INFO 24		/* (mem h, struct mk_mem_info *) -> 0 */
#define SYS_EP_CREATE 25	/* () -> endpoint handle with every right */
#define SYS_EP_MINT 26		/* (ep h, rights, badge) -> new handle */
#define SYS_CALL 27		/* (ep h, struct mk_msg *) -> 0; reply in msg */
#define SYS_RECEIVE 28		/* (ep h, struct mk_msg *) -> 0; -EFAULT if
				 * the receiver's msg or room is unwritable,
				 * -EMFILE if its table is full: then the
				 * caller stays queued */
#define SYS_REPLY 29		/* (reply h, struct mk_msg *) -> 0 */
#define SYS_REPLY_RECEIVE 30	/* (reply h, ep h, struct mk_msg *) -> 0: reply
				 * from msg, then receive into it */
#define SYS_EP_NOTIFY 31	/* (ep h, bits) -> 0; never blocks */
#define SYS_EP_EVENTS 32	/* (ep h, struct mk_event *, max) -> count; the
				 * whole buffer is checked first (as read()) */
#define SYS_FRAMES 33		/* (struct mk_frames *) -> 0 */
#define SYS_POWEROFF 34		/* (status) -> needs MK_CAP_SYS_ADMIN */
#define SYS_BOOTARGS 35		/* (buf, len) -> length of the boot arguments */
#define SYS_THREAD_CREATE 36	/* (pc, sp, arg) -> thread id, in the caller;
				 * pc or sp outside user space: -EINVAL; past
				 * 64 threads: -EAGAIN */
#define SYS_THREAD_EXIT 37	/* () -> does not return; the last thread's
				 * exit is the task's exit with code 0 */
#define SYS_NS_WATCH 38		/* (nsctl h, kind, ep h, bits) -> 0: from now
				 * on, every task's birth and exit with its
				 * label of that kind is an event on ep (see
				 * MK_EVENT_TASK_*), starting with one
				 * MK_EVENT_TASK_NEW per live task; -EBUSY if
				 * the kind has a live watcher already */
#define SYS_MEM_QUERY 39	/* (addr, struct mk_map_info *) -> 0 for the
				 * caller's mapping that holds addr; -EINVAL if
				 * none does */
#define SYS_CLOCK_REALTIME_NS 40	/* () -> nanoseconds since 1970 (UTC), from
				 * the board's clock read at boot */
#define SYS_TOKEN_CREATE 41	/* (ep h with RECEIVE, badge, bits) -> token
				 * handle (DUP): when the token's last handle
				 * closes, an MK_EVENT_TOKEN_CLOSED with the
				 * badge goes to ep */
#define SYS_TASK_HANDLES 42	/* (task h or -1 for self, limit) -> the
				 * task's handle limit after the call: 0 only
				 * reads it; raising it (up to MK_HANDLE_MAX)
				 * needs START on the handle, and above the
				 * caller's own limit MK_CAP_SYS_RESOURCE;
				 * lowering it is -EINVAL */
#define SYS_COUNT 43

#define MK_CONSOLE_NONBLOCK 1	/* SYS_CONSOLE_READ flag */
#define MK_CONSOLE_WRITE_MAX 1024 /* bytes per SYS_CONSOLE_WRITE, at most */

/* ---- handles ---- */
#define MK_HANDLE_NONE (-1)
#define MK_HANDLE_LIMIT_DEFAULT 1024	/* a new task's handle limit */
#define MK_HANDLE_MAX 16384		/* the highest limit (the root task's) */

/* Object types (mk_handle_info.type). */
#define MK_OBJ_TASK 1
#define MK_OBJ_ENDPOINT 2
#define MK_OBJ_REPLY 3
#define MK_OBJ_MEM 4
#define MK_OBJ_NSCTL 5
#define MK_OBJ_TOKEN 6	/* stands for something its owner keeps */

/* Rights. A duplicate or a given handle can only have fewer. */
#define MK_RIGHT_DUP (1u << 0)		/* may be duplicated or given */
#define MK_RIGHT_SEND (1u << 1)		/* endpoint: call, notify */
#define MK_RIGHT_RECEIVE (1u << 2)	/* endpoint: receive, events */
#define MK_RIGHT_MAP (1u << 3)		/* mem: map; task: map into it */
#define MK_RIGHT_WRITE (1u << 4)	/* mem: map writable */
#define MK_RIGHT_GRANT (1u << 5)	/* mem: grant in a reply */
#define MK_RIGHT_WAIT (1u << 6)		/* task: wait for its exit */
#define MK_RIGHT_KILL (1u << 7)		/* task: kill */
#define MK_RIGHT_START (1u << 8)	/* task: start, give handles */
#define MK_RIGHT_CRED (1u << 9)		/* task: set its credentials */
#define MK_RIGHT_NS (1u << 10)		/* nsctl: set namespace labels */
#define MK_RIGHTS_ALL 0x7ffu

struct mk_handle_info {
	uint32_t type;
	uint32_t rights;
	uint64_t badge;
	uint64_t object_id;	/* task id for tasks; otherwise unique per object */
};

/*
 * Handle slots by convention: the kernel gives the root task these, and
 * the standard spawn gives every child the same ones (when it has them).
 */
#define MK_HANDLE_BOOTFS 0	/* mem: the boot image (cpio), read-only */
#define MK_HANDLE_IPCNS 1	/* endpoint: the ipc-ns server (once it runs) */
#define MK_HANDLE_NSCTL 2	/* nsctl: namespace labels (root task only) */

/* ---- tasks ---- */
#define MK_TASK_NAME_MAX 32

/*
 * A task's first thread starts at pc with sp and a0, a1 as given to
 * SYS_TASK_START. The kernel starts the root task with sp pointing at a
 * Linux-style start block (argc, argv..., NULL, envp..., NULL) holding
 * argv = { "init" }, envp = { "bootargs=<the boot arguments>" }, a0 = sp
 * and a1 = the boot image's size in bytes; the standard spawn does the same
 * for its children (a1 = 0).
 */
#define MK_WAIT_NOHANG 1

/* Signals a task can be killed with; wait statuses use Linux's encoding. */
#define MK_SIGINT 2		/* the shell's ^C */
#define MK_SIGILL 4
#define MK_SIGTRAP 5		/* a breakpoint (ebreak) */
#define MK_SIGBUS 7
#define MK_SIGKILL 9
#define MK_SIGSEGV 11
#define MK_SIGTERM 15

struct mk_exit {
	uint64_t task_id;
	int32_t status;		/* Linux wait status: code << 8, or the signal */
	uint32_t pad;
};

#define MK_TASK_RUNNING 1
#define MK_TASK_EXITED 2	/* a zombie, until its parent waits */
#define MK_TASK_NEW 3		/* created, not started yet */

struct mk_task_info {
	uint64_t id;
	uint64_t parent_id;
	uint32_t state;
	uint32_t threads;
	uint32_t uid, gid;
	uint64_t ns_ipc;
	uint64_t pages_mapped;
	char name[MK_TASK_NAME_MAX];
};

/* ---- credentials and namespace labels ---- */
#define MK_CAP_IPC_OWNER (1u << 0)
#define MK_CAP_SYS_ADMIN (1u << 1)
#define MK_CAP_SYS_RESOURCE (1u << 2)
#define MK_CAP_IPC_LOCK (1u << 3)
#define MK_CAP_SETUID (1u << 4)
#define MK_CAPS_ALL 0x1fu

struct mk_cred {
	uint32_t uid;
	uint32_t gid;
	uint64_t caps;
};

#define MK_NS_IPC 0
#define MK_NS_KINDS 2

/* ---- memory ---- */
#define MK_PAGE_SIZE 4096
#define MK_PROT_READ 1
#define MK_PROT_WRITE 2
#define MK_PROT_EXEC 4
#define MK_MAP_FIXED_REPLACE 8	/* unmap what is in the way first */
#define MK_MEM_MAX_PAGES (1u << 18)	/* 1 GiB in one object */

struct mk_mem_info {
	uint64_t pages;
	uint64_t mappings;	/* live mappings of the object, exact */
	uint64_t owner_id;
};

/* Why a mapping went away (mk_event.reason). */
#define MK_UNMAP_EXPLICIT 1
#define MK_UNMAP_EXIT 2
#define MK_UNMAP_KILL 3
#define MK_UNMAP_REPLACED 4

/*
 * Task events of a watched namespace kind (SYS_NS_WATCH), in the same
 * queue. A task's NEW comes before anything it can do; if its EXIT comes
 * while its NEW is still queued, the two cancel out and neither is seen.
 */
#define MK_EVENT_TASK_NEW 16	/* the task exists: created, or alive when
				 * the watch began */
#define MK_EVENT_TASK_EXIT 17	/* the task has exited */

/* The last handle to a token closed: tag is its badge, task_id the task
 * that closed it (or exited with it). */
#define MK_EVENT_TOKEN_CLOSED 18

/*
 * An event drained with SYS_EP_EVENTS: one removed mapping of a granted
 * object (reason MK_UNMAP_*), or a task event (reason MK_EVENT_TASK_*).
 */
struct mk_event {
	uint64_t tag;		/* the owner's tag from the grant; for a task
				 * event, the task's label of the kind */
	uint64_t task_id;	/* the task whose mapping went away, or the
				 * task born or gone */
	uint64_t time_ns;
	uint32_t reason;
	uint32_t pad;
};

/* One mapping of the caller's (SYS_MEM_QUERY). */
#define MK_MAPINFO_GRANT 1	/* made by a grant in a reply */

struct mk_map_info {
	uint64_t addr;		/* where the mapping starts */
	uint64_t pages;
	uint64_t first_page;	/* of the object */
	uint32_t prot;		/* MK_PROT_* */
	uint32_t flags;		/* MK_MAPINFO_* */
	uint64_t owner_id;	/* the task that created the object */
};

struct mk_frames {
	uint64_t free;
	uint64_t total;
};

/* ---- messages ---- */
#define MK_MSG_WORDS 6
#define MK_MSG_BUF_MAX 16384		/* out-of-line bytes per message */
#define MK_MSG_HANDLE 1			/* flags: msg.handle is moved along */
#define MK_MSG_GRANT 2			/* flags (reply): msg.grant maps memory */
#define MK_LABEL_NOTIFY UINT64_MAX	/* receive: a notification, bits in w[0] */

struct mk_grant {
	int32_t mem;		/* reply: handle of the object to map */
	uint32_t prot;		/* reply: MK_PROT_READ [| MK_PROT_WRITE] */
	uint64_t first_page;	/* reply: first page of the object */
	uint64_t pages;		/* reply: pages to map */
	uint64_t tag;		/* reply: the owner's tag for events */
	uint64_t addr;		/* call: where (0: the kernel chooses);
				 * reply received: where it was mapped */
	uint64_t flags;		/* call: MK_MAP_FIXED_REPLACE */
};

/* What the kernel stamps on a received message: the only trusted part. */
struct mk_sender {
	uint64_t task_id;
	uint64_t badge;		/* of the endpoint handle the caller used */
	uint32_t uid, gid;
	uint64_t caps;
	uint64_t ns[MK_NS_KINDS];
};

struct mk_msg {
	uint64_t label;		/* request code; in a reply, the result */
	uint64_t w[MK_MSG_WORDS];
	uint64_t buf;		/* out-of-line bytes: sent from, received at */
	uint32_t len;		/* bytes to send; after receipt, bytes received */
	uint32_t cap;		/* bytes that may be received at buf */
	int32_t handle;		/* moved handle, when flags has MK_MSG_HANDLE */
	uint32_t flags;
	int32_t reply;		/* after receive: the reply handle, -1 for a
				 * notification */
	uint32_t pad;
	struct mk_grant grant;
	struct mk_sender sender;
};

#endif
