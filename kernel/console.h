/* The kernel console: formatted output and a buffer of received bytes. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

/* Write n bytes as they are, "\n" becoming "\r\n". */
void console_write(const char *s, size_t n);

/* Next received byte, or -1 when none is buffered. Never blocks. */
int console_getc(void);

/* Bytes dropped because the receive buffer was full. */
unsigned long console_dropped(void);

#endif
