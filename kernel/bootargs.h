/* Boot arguments (the device tree's /chosen bootargs), words split by spaces. */
#ifndef KERNEL_BOOTARGS_H
#define KERNEL_BOOTARGS_H

#include <stdbool.h>
#include <stddef.h>

void bootargs_set(const char *args);

/* The whole string, as given. */
const char *bootargs_get(void);

/* Whether `word` is one of the words. */
bool bootargs_has(const char *word);

/*
 * The value of `key=value` for this key copied into buf (NUL-terminated,
 * truncated to size): true if present.
 */
bool bootargs_value(const char *key, char *buf, size_t size);

#endif
