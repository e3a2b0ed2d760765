/*
 * The C library's memory and string functions, for the kernel.  gcc emits
 * calls to memcpy, memmove and memset by itself (struct copies, large
 * initialisers), so the names and meanings are exactly the standard ones.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

/*
 * KSTR(name) is the name each function is compiled under.  The host tests
 * define KSTRING_PREFIX_TEST to get kstr_memcpy and so on, which can then
 * live beside the host libc's functions and be compared with them.
 */
#ifdef KSTRING_PREFIX_TEST
#define KSTR(name) kstr_##name
#else
#define KSTR(name) name
#endif

void *KSTR(memcpy)(void *restrict dst, const void *restrict src, size_t n);
void *KSTR(memmove)(void *dst, const void *src, size_t n);
void *KSTR(memset)(void *dst, int c, size_t n);
int KSTR(memcmp)(const void *a, const void *b, size_t n);
size_t KSTR(strlen)(const char *s);
size_t KSTR(strnlen)(const char *s, size_t max);
int KSTR(strcmp)(const char *a, const char *b);
int KSTR(strncmp)(const char *a, const char *b, size_t n);
char *KSTR(strchr)(const char *s, int c);
size_t KSTR(strlcpy)(char *restrict dst, const char *restrict src, size_t size);

#endif /* LIB_STRING_H */
