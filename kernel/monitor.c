/*
 * The kernel monitor: a prompt with a few commands to look at the machine.
 * It is the console's user until the init shell (a user task) replaces it.
 */
#include <stdbool.h>

#include "arch/riscv64/csr.h"
#include "console.h"
#include "lib/string.h"
#include "mm/kalloc.h"
#include "mm/kmem.h"
#include "monitor.h"
#include "panic.h"
#include "platform.h"
#include "timer.h"

#define LINE_MAX 80

static void cmd_help(const char *arg)
{
	(void)arg;
	kprintf("commands: help, mem, uptime, poweroff [status]\n");
}

static void cmd_mem(const char *arg)
{
	(void)arg;
	kprintf("frames: %zu free of %zu (%zu KiB free); kalloc pages: %zu\n",
		frame_free_count(), frame_total_count(),
		frame_free_count() * (PAGE_SIZE / 1024), kalloc_pages_held());
	kmem_print_map();
}

static void cmd_uptime(const char *arg)
{
	uint64_t ms = clock_ns() / 1000000;

	(void)arg;
	kprintf("up %lu.%03lu s, %lu ticks\n", ms / 1000, ms % 1000,
		timer_tick_count());
}

static void cmd_poweroff(const char *arg)
{
	int status = 0;

	while (*arg >= '0' && *arg <= '9' && status < 256)
		status = status * 10 + (*arg++ - '0');
	if (*arg || status > 255) {
		kprintf("poweroff: status must be 0..255\n");
		return;
	}
	kprintf("powering off with status %d\n", status);
	board_poweroff(status);
}

static const struct {
	const char *name;
	void (*run)(const char *arg);
} commands[] = {
	{ "help", cmd_help },
	{ "mem", cmd_mem },
	{ "uptime", cmd_uptime },
	{ "poweroff", cmd_poweroff },
};

static void monitor_execute(char *line)
{
	char *arg = line;
	size_t i;

	while (*line == ' ')
		line++;
	if (!*line)
		return;
	arg = line;
	while (*arg && *arg != ' ')
		arg++;
	if (*arg)
		*arg++ = '\0';
	while (*arg == ' ')
		arg++;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(line, commands[i].name)) {
			commands[i].run(arg);
			return;
		}
	}
	kprintf("%s: unknown command (try help)\n", line);
}

/* Wait for a byte: the UART's interrupt wakes the hart from wfi. */
static int monitor_getc(void)
{
	int c;

	while ((c = console_getc()) < 0)
		wait_for_interrupt();
	return c;
}

/* Read a line with backspace and Ctrl-U; echo as typed. */
static void monitor_read_line(char *line)
{
	size_t n = 0;
	int c;

	for (;;) {
		c = monitor_getc();
		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			line[n] = '\0';
			return;
		}
		if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			console_write("\b \b", 3);
		} else if (c == 0x15) { /* Ctrl-U */
			while (n > 0) {
				n--;
				console_write("\b \b", 3);
			}
		} else if (c >= ' ' && c < 0x7f && n < LINE_MAX - 1) {
			line[n++] = (char)c;
			console_write((char *)&line[n - 1], 1);
		}
	}
}

noreturn void monitor_run(void)
{
	char line[LINE_MAX];

	kprintf("kernel monitor: type help\n");
	for (;;) {
		kprintf("kmon> ");
		monitor_read_line(line);
		monitor_execute(line);
	}
}
