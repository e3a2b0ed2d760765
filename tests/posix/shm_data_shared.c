/*
 * The memory is shared: a new segment reads as zeros, a child that finds
 * it by an ftok key of the program's own path reads the parent's bytes
 * and the parent reads the child's; two attachments in one task show the
 * same bytes, read-only ones too; the bytes outlive every detach. Also
 * ftok: the same path and id give the same key, another id another key,
 * and a missing path is ENOENT.
 */
#include "posix_test.h"

#define SIZE 10000
#define REPLY 5000 /* where the child answers */

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + 3);
}

/* Does the segment at p hold the pattern in [0, REPLY)? */
static int holds_pattern(const unsigned char *p)
{
	for (size_t i = 0; i < REPLY; i++)
		if (p[i] != pattern(i))
			return 0;
	return 1;
}

/* Child "check": find the segment by ftok, check, answer, detach. */
static int child_check(const char *self)
{
	unsigned char *p = shm_attach(shm_new(ftok(self, 'D'), 0, 0), 0);
	int ok = holds_pattern(p);

	strcpy((char *)p + REPLY, "child was here");
	CHECK(shmdt(p) == 0);
	return ok ? 0 : 1;
}

static void keys(const char *self)
{
	key_t key = ftok(self, 'D');

	say_bool("ftok(argv[0], 'D') works", key != -1);
	say_bool("twice the same key", ftok(self, 'D') == key);
	say_bool("another id gives another key", ftok(self, 'E') != key);
	REPORT("ftok of a missing path", ftok("no_such_file_here", 'D'));
}

int main(int argc, char **argv)
{
	unsigned char *p, *q, *r;
	size_t zeros = 0;
	int id;

	if (argc > 1)
		return strcmp(argv[1], "check") == 0 ? child_check(argv[0])
						     : 99;
	keys(argv[0]);
	id = shm_new(ftok(argv[0], 'D'), SIZE, IPC_CREAT | IPC_EXCL | 0600);
	p = shm_attach(id, 0);
	for (size_t i = 0; i < SIZE; i++)
		zeros += p[i] == 0;
	say_bool("a new segment reads as zeros", zeros == SIZE);
	for (size_t i = 0; i < REPLY; i++)
		p[i] = pattern(i);

	say("child checking the parent's bytes: %s",
		status_words(run_child(argv[0], "check", NULL)));
	say_bool("the parent reads the child's answer",
		strcmp((char *)p + REPLY, "child was here") == 0);

	q = shm_attach(id, 0);
	r = shm_attach(id, SHM_RDONLY);
	say_bool("a second attachment shows the same bytes",
		q != p && holds_pattern(q));
	q[1] = 0x55;
	say_bool("a write through it shows in the first", p[1] == 0x55);
	say_bool("and in a read-only attachment", r[1] == 0x55);
	p[1] = pattern(1);
	say_bool("a write through the first shows in both",
		q[1] == pattern(1) && r[1] == pattern(1));
	CHECK(shmdt(p) == 0 && shmdt(q) == 0 && shmdt(r) == 0);

	p = shm_attach(id, SHM_RDONLY);
	say_bool("after every detach the bytes are kept", holds_pattern(p));
	return 0;
}
