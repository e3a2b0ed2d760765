/* Boot arguments (see bootargs.h). */
#include "bootargs.h"
#include "fdt.h"
#include "lib/string.h"

static char args[FDT_BOOTARGS_MAX];

void bootargs_set(const char *s)
{
	strlcpy(args, s, sizeof(args));
}

const char *bootargs_get(void)
{
	return args;
}

/* Find the next word at or after *p; its length, or 0 at the end. */
static size_t bootargs_next(const char **p)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ')
		s++;
	while (s[n] && s[n] != ' ')
		n++;
	*p = s;
	return n;
}

bool bootargs_has(const char *word)
{
	const char *p = args;
	size_t n, len = strlen(word);

	while ((n = bootargs_next(&p)) != 0) {
		if (n == len && !strncmp(p, word, n))
			return true;
		p += n;
	}
	return false;
}

bool bootargs_value(const char *key, char *buf, size_t size)
{
	const char *p = args;
	size_t n, len = strlen(key), vlen;

	while ((n = bootargs_next(&p)) != 0) {
		if (n > len && p[len] == '=' && !strncmp(p, key, len)) {
			vlen = n - len - 1;
			if (size) {
				if (vlen >= size)
					vlen = size - 1;
				memcpy(buf, p + len + 1, vlen);
				buf[vlen] = '\0';
			}
			return true;
		}
		p += n;
	}
	return false;
}
