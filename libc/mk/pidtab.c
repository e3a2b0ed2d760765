/*
 * The pid -> task handle table; see pidtab.h. A linear scan: the table is
 * small and waitpid blocks in the kernel far longer than it searches.
 * XXX: no locking: one thread per task for now.
 */
#include <stddef.h>

#include "mk/errno.h"
#include "mk/pidtab.h"

/* The entry for pid (0: a free entry), or NULL. */
static struct mk_pidtab_entry *pidtab_find(const struct mk_pidtab *tab, int pid)
{
	for (int i = 0; i < MK_PIDTAB_MAX; i++)
		if (tab->entry[i].pid == pid)
			return (struct mk_pidtab_entry *)&tab->entry[i];
	return NULL;
}

int mk_pidtab_add(struct mk_pidtab *tab, int pid, int handle)
{
	struct mk_pidtab_entry *e;

	if (pid <= 0 || handle < 0 || pidtab_find(tab, pid) != NULL)
		return -MK_EINVAL;
	e = pidtab_find(tab, 0);
	if (e == NULL)
		return -MK_EAGAIN;
	e->pid = pid;
	e->handle = handle;
	return 0;
}

int mk_pidtab_handle(const struct mk_pidtab *tab, int pid)
{
	const struct mk_pidtab_entry *e;

	if (pid <= 0)
		return -1;
	e = pidtab_find(tab, pid);
	return e != NULL ? e->handle : -1;
}

int mk_pidtab_remove(struct mk_pidtab *tab, int pid)
{
	struct mk_pidtab_entry *e;
	int handle;

	if (pid <= 0)
		return -1;
	e = pidtab_find(tab, pid);
	if (e == NULL)
		return -1;
	handle = e->handle;
	e->pid = 0;
	e->handle = 0;
	return handle;
}

int mk_pidtab_full(const struct mk_pidtab *tab)
{
	return pidtab_find(tab, 0) == NULL;
}
