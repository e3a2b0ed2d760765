/*
 * kernel.shmmax, shmall and shmmni through /proc/sys/kernel: each new
 * namespace reads Linux's defaults, root sets them in its own namespace
 * only, shmget honours them (EINVAL past shmmax, ENOSPC past shmall and
 * shmmni), a value out of range is EINVAL, and an ordinary user cannot
 * open them for writing.
 */
#include "posix_test.h"

#include <fcntl.h>

#define DIR "/proc/sys/kernel/"

/* The file's number, or 0 after a line saying why it could not. */
static unsigned long long get(const char *name)
{
	char path[64], text[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), DIR "%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		say("open %s: %s", name, errno_name(errno));
		return 0;
	}
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	return strtoull(text, NULL, 10);
}

/* Write text to the file: "ok" or the errno's name of the step that
 * failed. */
static const char *set(const char *name, const char *text)
{
	char path[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), DIR "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno_name(errno);
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? "ok" : errno_name(errno);
}

/* Child "nobody": open for writing as an ordinary user. */
static int child_nobody(void)
{
	drop_to_nobody();
	say("child: write shmmni as nobody: %s", set("shmmni", "10\n"));
	say("child: read shmmni as nobody: %llu", get("shmmni"));
	return 0;
}

int main(int argc, char **argv)
{
	int ids[4];

	if (argc > 1)
		return strcmp(argv[1], "nobody") == 0 ? child_nobody() : 99;

	say("shmmax: %llu", get("shmmax"));
	say("shmall: %llu", get("shmall"));
	say("shmmni: %llu", get("shmmni"));

	say("set shmmax 100: %s", set("shmmax", "100\n"));
	say("shmmax now: %llu", get("shmmax"));
	REPORT("shmget of 101 bytes", shmget(IPC_PRIVATE, 101, 0600));
	ids[0] = shmget(IPC_PRIVATE, 100, 0600);
	say("shmget of 100 bytes: %s", outcome(ids[0]));
	say("set shmmax 0x1000000: %s", set("shmmax", " 0x1000000 "));
	say("shmmax now: %llu", get("shmmax"));

	say("set shmall 3: %s", set("shmall", "3"));
	ids[1] = shmget(IPC_PRIVATE, 8192, 0600);
	say("shmget of 2 pages beside 1: %s", outcome(ids[1]));
	REPORT("shmget of 1 more page", shmget(IPC_PRIVATE, 1, 0600));

	say("set shmmni 2: %s", set("shmmni", "2\n"));
	say("set shmall 100: %s", set("shmall", "100"));
	REPORT("shmget of a third segment", shmget(IPC_PRIVATE, 1, 0600));
	say("set shmmni 40000: %s", set("shmmni", "40000"));
	say("set shmmni -1: %s", set("shmmni", "-1"));
	say("set shmmni abc: %s", set("shmmni", "abc"));
	say("shmmni now: %llu", get("shmmni"));
	say("child as nobody: %s",
		status_words(run_child(argv[0], "nobody", NULL)));

	REPORT("unshare(CLONE_NEWIPC)", unshare(CLONE_NEWIPC));
	say("new namespace's shmmax: %llu", get("shmmax"));
	say("new namespace's shmall: %llu", get("shmall"));
	say("new namespace's shmmni: %llu", get("shmmni"));
	return 0;
}
