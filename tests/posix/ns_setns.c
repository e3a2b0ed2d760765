/*
 * /proc/self/ns/ipc and setns: the file names the caller's namespace
 * (readlink, stat and fstat agree), unshare changes it, setns goes back
 * and the keys follow, an open descriptor keeps a namespace with no task
 * alive, and setns refuses a bad descriptor, another nstype and an
 * ordinary user in Linux's order.
 */
#include "posix_test.h"

#include <fcntl.h>
#include <sys/stat.h>

#define KEY 0x5e7a0301

/* The inode number of path's namespace file, or 0. */
static unsigned long long path_ino(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

static unsigned long long fd_ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* Whether readlink of path says "ipc:[ino]". */
static int link_matches(const char *path, unsigned long long ino)
{
	char link[64], want[64];
	ssize_t n = readlink(path, link, sizeof(link) - 1);

	if (n <= 0)
		return 0;
	link[n] = '\0';
	snprintf(want, sizeof(want), "ipc:[%llu]", ino);
	return strcmp(link, want) == 0;
}

/* Child "nobody": setns as an ordinary user. */
static int child_nobody(void)
{
	int fd = open("/proc/self/ns/ipc", O_RDONLY);

	CHECK(fd >= 0);
	drop_to_nobody();
	REPORT("child: setns as nobody", setns(fd, CLONE_NEWIPC));
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long home_ino, away_ino;
	int home, away, id;

	if (argc > 1)
		return strcmp(argv[1], "nobody") == 0 ? child_nobody() : 99;

	home = open("/proc/self/ns/ipc", O_RDONLY);
	CHECK(home >= 0);
	home_ino = fd_ino(home);
	say_bool("fstat and stat agree",
		home_ino != 0 && home_ino == path_ino("/proc/self/ns/ipc"));
	say_bool("readlink says ipc:[inode]",
		link_matches("/proc/self/ns/ipc", home_ino));

	REPORT("unshare(CLONE_NEWIPC)", unshare(CLONE_NEWIPC));
	away_ino = path_ino("/proc/self/ns/ipc");
	say_bool("the new namespace has another inode", away_ino != home_ino);
	id = shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
	say("shmget(KEY) in the new namespace: %s", outcome(id));
	away = open("/proc/self/ns/ipc", O_RDONLY);
	CHECK(away >= 0);

	REPORT("setns(home, CLONE_NEWIPC)", setns(home, CLONE_NEWIPC));
	say_bool("back in the first namespace",
		path_ino("/proc/self/ns/ipc") == home_ino);
	REPORT("shmget(KEY, 0, 0) there", shmget(KEY, 0, 0));
	REPORT("setns(away, 0) into the one with no task",
		setns(away, 0));
	say_bool("its key is still there", shmget(KEY, 0, 0) == id);
	REPORT("setns(home, 0)", setns(home, 0));
	REPORT("close(away)", close(away));

	REPORT("setns(-1, CLONE_NEWIPC)", setns(-1, CLONE_NEWIPC));
	REPORT("setns(closed fd, CLONE_NEWIPC)", setns(away, CLONE_NEWIPC));
	REPORT("setns(home, CLONE_NEWUTS)", setns(home, CLONE_NEWUTS));
	say("child as nobody: %s", status_words(run_child(argv[0], "nobody",
		NULL)));
	REPORT("close(home)", close(home));
	return 0;
}
