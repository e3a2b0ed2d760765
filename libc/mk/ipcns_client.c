/*
 * Calls to the ipc-ns server, and unshare(), which is one of them for
 * the only namespace kind this system has (see ipcns_client.h).
 */
#include <sched.h>

#include "mk/errno.h"
#include "mk/ipcns_client.h"
#include "mk/mk.h"
#include <mk/ipcns.h>

/* unshare's flags that Linux knows; the namespaces among them that this
 * system lacks are refused, as Linux refuses a kind it is built without. */
#define UNSHARE_KNOWN                                                     \
	(CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | CLONE_VM | \
		CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWUTS | CLONE_NEWIPC | \
		CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWPID |             \
		CLONE_NEWCGROUP | CLONE_NEWTIME)
#define UNSHARE_MISSING_KINDS                                             \
	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWUSER |      \
		CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME)

uint64_t __mk_ipcns_server_id;

long __mk_ipcns_call(struct mk_msg *m)
{
	long r = mk_call(MK_HANDLE_IPCNS, m);

	if (r == -MK_EBADF)
		return -MK_ENOSYS; /* no server: the calls do not exist */
	return r < 0 ? r : (long)m->label;
}

long __mk_ipcns_spawn(int task, uint64_t clone_flags)
{
	struct mk_msg m;
	long h;

	/* The server needs to see that we may start the child: a copy of
	 * our handle with that right travels, and the server closes it. */
	h = mk_handle_dup(task, MK_RIGHT_START | MK_RIGHT_DUP);
	if (h < 0)
		return h;
	__mk_ipcns_msg(&m, IPCNS_SPAWN);
	m.w[0] = clone_flags;
	m.flags = MK_MSG_HANDLE;
	m.handle = (int)h;
	return __mk_ipcns_call(&m);
}

int unshare(int flags)
{
	struct mk_msg m;

	if ((unsigned)flags & ~(unsigned)UNSHARE_KNOWN ||
		flags & UNSHARE_MISSING_KINDS)
		return __mk_errno(-MK_EINVAL);
	/* The rest are no-ops for a task of one thread, as on Linux. */
	if (!(flags & CLONE_NEWIPC))
		return 0;
	__mk_ipcns_msg(&m, IPCNS_UNSHARE);
	m.w[0] = (uint64_t)(unsigned)flags;
	return (int)__mk_result(__mk_ipcns_call(&m));
}
