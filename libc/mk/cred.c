/*
 * User and group ids over the kernel's credentials. A task has one uid
 * and one gid (struct mk_cred), so the real, effective and saved ids are
 * always the same; changing one needs MK_CAP_SETUID (the kernel checks),
 * which here stands for Linux's CAP_SETUID and CAP_SETGID both.
 */
#include <unistd.h>

#include "mk/errno.h"
#include "mk/mk.h"

/* The caller's credentials; the call cannot fail for a valid pointer. */
static struct mk_cred cred_self(void)
{
	struct mk_cred c = {0};

	mk_cred_get(&c);
	return c;
}

uid_t getuid(void)
{
	return cred_self().uid;
}

uid_t geteuid(void)
{
	return cred_self().uid;
}

gid_t getgid(void)
{
	return cred_self().gid;
}

gid_t getegid(void)
{
	return cred_self().gid;
}

/*
 * As on Linux: -1 is EINVAL; the caller's own uid always succeeds;
 * another needs the privilege (EPERM without it). Leaving uid 0 for
 * another uid drops every capability, as Linux does when no uid is 0 any
 * more, so the task cannot become root again.
 */
int setuid(uid_t uid)
{
	struct mk_cred c = cred_self();

	if (uid == (uid_t)-1)
		return __mk_errno(-MK_EINVAL);
	if (uid == c.uid)
		return 0;
	if (c.uid == 0)
		c.caps = 0;
	c.uid = uid;
	return (int)__mk_result(mk_cred_set(MK_HANDLE_NONE, &c));
}

/* Like setuid, for the gid; capabilities stay (as on Linux). */
int setgid(gid_t gid)
{
	struct mk_cred c = cred_self();

	if (gid == (gid_t)-1)
		return __mk_errno(-MK_EINVAL);
	if (gid == c.gid)
		return 0;
	c.gid = gid;
	return (int)__mk_result(mk_cred_set(MK_HANDLE_NONE, &c));
}
