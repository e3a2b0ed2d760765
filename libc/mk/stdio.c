/*
 * stdin, stdout and stderr for picolibc's tinystdio, over the kernel
 * console. stdout collects a line (or a buffer's worth) before it writes,
 * so one printf line is one system call; stderr writes each character at
 * once, after whatever stdout holds, so the two stay in order; stdin reads
 * whatever the console has, flushing a prompt on stdout first. The
 * console is raw: a terminal's Enter arrives as '\r', which stdin turns
 * into '\n' (what a Linux tty does with ICRNL) so that fgets() sees lines.
 * There is no echo and no line editing here.
 * XXX: no locking: one thread per task for now.
 */
#include <stdio.h>

#include "mk/mk.h"

#define STDOUT_BUF_SIZE 256
#define STDIN_BUF_SIZE 128

static char out_buf[STDOUT_BUF_SIZE];
static size_t out_len;

static char in_buf[STDIN_BUF_SIZE];
static size_t in_pos, in_len;

/* Write all len bytes at buf to the console: 0, or -1 on an error. */
static int console_write_all(const char *buf, size_t len)
{
	while (len > 0) {
		long n = mk_console_write(buf, len);

		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* tinystdio flush hook for stdout: write out what the buffer holds. */
static int stdout_flush(FILE *f)
{
	size_t len = out_len;

	(void)f;
	out_len = 0;
	return console_write_all(out_buf, len) < 0 ? EOF : 0;
}

/* tinystdio put hook for stdout: buffer c, write at '\n' or when full. */
static int stdout_put(char c, FILE *f)
{
	out_buf[out_len++] = c;
	if (c == '\n' || out_len == sizeof(out_buf))
		return stdout_flush(f) < 0 ? _FDEV_ERR : (unsigned char)c;
	return (unsigned char)c;
}

/* tinystdio put hook for stderr: pending stdout first, then c alone. */
static int stderr_put(char c, FILE *f)
{
	(void)f;
	if (out_len > 0 && stdout_flush(stdout) < 0)
		return _FDEV_ERR;
	return console_write_all(&c, 1) < 0 ? _FDEV_ERR : (unsigned char)c;
}

/* tinystdio get hook for stdin: next byte, refilling from the console
 * (which waits for at least one) when the buffer is empty. */
static int stdin_get(FILE *f)
{
	(void)f;
	if (in_pos == in_len) {
		long n;

		if (out_len > 0)
			stdout_flush(stdout);
		n = mk_console_read(in_buf, sizeof(in_buf), 0);
		if (n < 0)
			return _FDEV_ERR;
		if (n == 0)
			return _FDEV_EOF;
		in_pos = 0;
		in_len = (size_t)n;
	}
	if (in_buf[in_pos] == '\r')
		in_buf[in_pos] = '\n';
	return (unsigned char)in_buf[in_pos++];
}

static FILE mk_stdin =
	FDEV_SETUP_STREAM(NULL, stdin_get, NULL, _FDEV_SETUP_READ);
static FILE mk_stdout =
	FDEV_SETUP_STREAM(stdout_put, NULL, stdout_flush, _FDEV_SETUP_WRITE);
static FILE mk_stderr =
	FDEV_SETUP_STREAM(stderr_put, NULL, NULL, _FDEV_SETUP_WRITE);

FILE *const stdin = &mk_stdin;
FILE *const stdout = &mk_stdout;
FILE *const stderr = &mk_stderr;

/* exit() runs the fini array after atexit handlers: flush what they and
 * main left in stdout. _exit() does not come here, as POSIX says. */
__attribute__((destructor)) static void stdio_flush_at_exit(void)
{
	stdout_flush(stdout);
}
