/*
 * Building a start block; see startblock.h. Sizes are measured against
 * the region before anything is written, so a list that does not fit is
 * rejected whole and the region is left as it was.
 */
#include <stdbool.h>
#include <string.h>

#include "mk/errno.h"
#include "mk/startblock.h"

#define WORD sizeof(uint64_t)

/*
 * Count the strings of a NULL-terminated list (NULL: none) and their bytes
 * with the NULs into *count and *bytes, adding to what is there. False if
 * the running total of bytes would pass limit.
 */
static bool startblock_measure(
	char *const list[], size_t limit, size_t *count, size_t *bytes)
{
	if (list == NULL)
		return true;
	for (size_t i = 0; list[i] != NULL; i++) {
		size_t room = limit - *bytes;
		size_t len = strnlen(list[i], room);

		if (len >= room)
			return false;
		*bytes += len + 1;
		*count += 1;
		if (*count > limit / WORD)
			return false;
	}
	return true;
}

/*
 * Copy `count` strings of list to *dst (a local address whose child
 * address is *child), storing each child address in ptrs[]; then
 * terminate ptrs with 0. Advances *dst and *child past the strings.
 */
static void startblock_copy(char *const list[], size_t count, uint64_t *ptrs,
	char **dst, uint64_t *child)
{
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(list[i]) + 1;

		memcpy(*dst, list[i], len);
		ptrs[i] = *child;
		*dst += len;
		*child += len;
	}
	ptrs[count] = 0;
}

int mk_startblock_build(void *region, size_t size, uint64_t child_base,
	char *const argv[], char *const envp[], uint64_t *sp)
{
	size_t argc = 0, envc = 0, bytes = 0;

	if (((uintptr_t)region | child_base) % 16 != 0)
		return -MK_EINVAL;
	if (!startblock_measure(argv, size, &argc, &bytes) ||
		!startblock_measure(envp, size, &envc, &bytes))
		return -MK_E2BIG;

	/* argc, argv[argc + 1], envp[envc + 1], then the strings. */
	size_t words = 1 + (argc + 1) + (envc + 1);
	if (words > (size - bytes) / WORD)
		return -MK_E2BIG;
	size_t offset = (size - bytes - words * WORD) & ~(size_t)15;

	uint64_t *block = (uint64_t *)((char *)region + offset);
	char *dst = (char *)(block + words);
	uint64_t child = child_base + offset + words * WORD;

	block[0] = argc;
	startblock_copy(argv, argc, block + 1, &dst, &child);
	startblock_copy(envp, envc, block + 2 + argc, &dst, &child);
	*sp = child_base + offset;
	return 0;
}
