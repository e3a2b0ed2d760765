/*
 * Validator and reader for the static ELF64 executables that user programs
 * are, shared by the kernel and libc. elf_parse reads only the file header
 * and the program headers, checks everything a loader relies on, and
 * lists the loadable segments; the caller maps and copies them.
 */
#ifndef LIB_ELF_H
#define LIB_ELF_H

#include <stddef.h>
#include <stdint.h>

/* Error returned negated, with its Linux errno value. */
#define ELF_ENOEXEC 8

#define ELF_MAX_SEGMENTS 8

/* Segment permissions, as in p_flags. */
#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4

#define ELF_PAGE_SIZE 4096

/* A PT_LOAD segment: filesz bytes at offset in the file become the first
 * filesz of memsz bytes at vaddr; the rest is zero. */
struct elf_segment {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags; /* ELF_PF_* only */
};

struct elf_image {
	uint64_t entry;
	int count;
	struct elf_segment seg[ELF_MAX_SEGMENTS]; /* by increasing vaddr */
};

/*
 * Check that `file` (size bytes, any alignment) is a riscv64 ET_EXEC whose
 * segments fit in [ELF_PAGE_SIZE, user_top) without sharing a page, none
 * both writable and executable, the entry in an executable one. Returns 0
 * with *out filled, or -ELF_ENOEXEC with out->count 0 and, if why is not
 * NULL, *why a static string saying which check failed (NULL on success).
 */
int elf_parse(const void *file, size_t size, uint64_t user_top,
	struct elf_image *out, const char **why);

#endif /* LIB_ELF_H */
