#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdnoreturn.h>

/* Exit statuses the kernel powers off with. */
#define EXIT_OK 0
#define EXIT_TEST_FAILED 1
#define EXIT_PANIC 2

/* A broken kernel invariant: report, backtrace, power off with EXIT_PANIC. */
noreturn void panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#define assert(cond)                                                    \
	do {                                                            \
		if (!(cond))                                            \
			panic("%s:%d: %s: assertion '%s' failed",       \
				__FILE__, __LINE__, __func__, #cond);   \
	} while (0)

#endif
