/*
 * init's shell: reads command lines from the console (or takes them from
 * the boot arguments' run= words) and runs builtins and programs from the
 * boot image. See docs/architecture.md, "init and its shell".
 */
#ifndef INIT_SHELL_H
#define INIT_SHELL_H

#define SHELL_PROMPT "init# "
/* The status of a command line the parser refused, as POSIX shells use. */
#define SHELL_STATUS_USAGE 2

/*
 * Run the commands of the run= words in bootargs in order, each shown
 * after a prompt as if typed. Returns the last one's status, or -1 if
 * there were no run= words.
 */
int shell_run_words(const char *bootargs);

/* Read commands from the console and run them, for as long as the system
 * runs; returns only if the console cannot be read. */
void shell_interactive(void);

/* The last command's status ($?). */
int shell_status(void);

/* Power off with status; returns (after saying why) only if refused. */
void shell_poweroff(int status);

/* The message for a raw negative errno r from the kernel or libmk. */
const char *shell_strerror(long r);

#endif /* INIT_SHELL_H */
