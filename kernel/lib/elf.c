/*
 * ELF64 executable validator; see elf.h. Freestanding: it calls no library
 * function. The file may sit at any alignment (inside a cpio archive it is
 * only 4-byte aligned), so every field is read byte by byte. Each check
 * returns the reason it failed, or NULL, which keeps elf_parse a list.
 */
#include "elf.h"

#include <stdbool.h>

/* The file header: e_ident, then the fields we read, by offset. */
#define ELF_EHDR_SIZE 64
#define ELF_IDENT_CLASS 4
#define ELF_IDENT_DATA 5
#define ELF_IDENT_VERSION 6
#define ELF_EHDR_TYPE 16
#define ELF_EHDR_MACHINE 18
#define ELF_EHDR_VERSION 20
#define ELF_EHDR_ENTRY 24
#define ELF_EHDR_PHOFF 32
#define ELF_EHDR_PHENTSIZE 54
#define ELF_EHDR_PHNUM 56

/* A program header and the fields we read, by offset. */
#define ELF_PHDR_SIZE 56
#define ELF_PHDR_TYPE 0
#define ELF_PHDR_FLAGS 4
#define ELF_PHDR_OFFSET 8
#define ELF_PHDR_VADDR 16
#define ELF_PHDR_FILESZ 32
#define ELF_PHDR_MEMSZ 40

#define ELF_CLASS_64 2
#define ELF_DATA_LSB 1
#define ELF_VERSION_CURRENT 1
#define ELF_TYPE_EXEC 2
#define ELF_MACHINE_RISCV 243
#define ELF_PT_LOAD 1
/* e_phnum's escape to a count kept in section 0; no executable of ours
 * has that many headers. */
#define ELF_PN_XNUM 0xffff

static uint16_t elf_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t elf_u32(const uint8_t *p)
{
	return (uint32_t)elf_u16(p) | (uint32_t)elf_u16(p + 2) << 16;
}

static uint64_t elf_u64(const uint8_t *p)
{
	return (uint64_t)elf_u32(p) | (uint64_t)elf_u32(p + 4) << 32;
}

/* Check the file header and that the program headers lie in the file. */
static const char *elf_check_header(const uint8_t *f, size_t size)
{
	uint64_t phoff;
	uint16_t phnum;

	if (size < ELF_EHDR_SIZE)
		return "file smaller than an ELF header";
	if (f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F')
		return "not an ELF file";
	if (f[ELF_IDENT_CLASS] != ELF_CLASS_64)
		return "not ELFCLASS64";
	if (f[ELF_IDENT_DATA] != ELF_DATA_LSB)
		return "not little-endian";
	if (f[ELF_IDENT_VERSION] != ELF_VERSION_CURRENT ||
		elf_u32(f + ELF_EHDR_VERSION) != ELF_VERSION_CURRENT)
		return "not ELF version 1";
	if (elf_u16(f + ELF_EHDR_MACHINE) != ELF_MACHINE_RISCV)
		return "not a RISC-V file";
	if (elf_u16(f + ELF_EHDR_TYPE) != ELF_TYPE_EXEC)
		return "not a static executable (ET_EXEC)";
	if (elf_u16(f + ELF_EHDR_PHENTSIZE) != ELF_PHDR_SIZE)
		return "program header size is not 56";

	phoff = elf_u64(f + ELF_EHDR_PHOFF);
	phnum = elf_u16(f + ELF_EHDR_PHNUM);
	if (phnum == ELF_PN_XNUM)
		return "too many program headers";
	/* phnum * 56 < 2^22: the product cannot overflow */
	if (phoff > size || (uint64_t)phnum * ELF_PHDR_SIZE > size - phoff)
		return "program headers outside the file";
	return NULL;
}

/* Decode the PT_LOAD header at ph into *seg and check it on its own. A
 * segment with memsz 0 passes, to be skipped by the caller. */
static const char *elf_read_segment(const uint8_t *ph, size_t size,
	uint64_t user_top, struct elf_segment *seg)
{
	uint32_t flags = elf_u32(ph + ELF_PHDR_FLAGS);

	seg->vaddr = elf_u64(ph + ELF_PHDR_VADDR);
	seg->memsz = elf_u64(ph + ELF_PHDR_MEMSZ);
	seg->offset = elf_u64(ph + ELF_PHDR_OFFSET);
	seg->filesz = elf_u64(ph + ELF_PHDR_FILESZ);
	seg->flags = flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X);
	if (seg->filesz > seg->memsz)
		return "segment filesz above memsz";
	if (seg->memsz == 0)
		return NULL;

	if (seg->offset > size || seg->filesz > size - seg->offset)
		return "segment data outside the file";
	if (seg->vaddr < ELF_PAGE_SIZE)
		return "segment in page 0";
	/* written so that vaddr + memsz is never computed past 2^64 */
	if (seg->vaddr > user_top || seg->memsz > user_top - seg->vaddr)
		return "segment beyond user space";
	/* a page maps file and memory at the same offset within it */
	if (seg->vaddr % ELF_PAGE_SIZE != seg->offset % ELF_PAGE_SIZE)
		return "segment vaddr and offset differ within a page";
	if ((seg->flags & ELF_PF_W) && (seg->flags & ELF_PF_X))
		return "segment both writable and executable";
	return NULL;
}

/* *to = *from, field by field: a struct copy may become a call to memcpy,
 * which a freestanding object cannot count on. */
static void elf_segment_copy(
	struct elf_segment *to, const struct elf_segment *from)
{
	to->vaddr = from->vaddr;
	to->memsz = from->memsz;
	to->offset = from->offset;
	to->filesz = from->filesz;
	to->flags = from->flags;
}

/* Add *seg to out->seg (which has room), keeping vaddr order. */
static void elf_insert(struct elf_image *out, const struct elf_segment *seg)
{
	int i = out->count;

	for (; i > 0 && out->seg[i - 1].vaddr > seg->vaddr; i--)
		elf_segment_copy(&out->seg[i], &out->seg[i - 1]);
	elf_segment_copy(&out->seg[i], seg);
	out->count++;
}

/* Check the program headers one by one and collect the non-empty
 * PT_LOAD segments in out, sorted by vaddr. */
static const char *elf_read_segments(
	const uint8_t *f, size_t size, uint64_t user_top, struct elf_image *out)
{
	const uint8_t *ph = f + elf_u64(f + ELF_EHDR_PHOFF);
	uint16_t phnum = elf_u16(f + ELF_EHDR_PHNUM);

	for (int i = 0; i < phnum; i++, ph += ELF_PHDR_SIZE) {
		struct elf_segment seg;
		const char *reason;

		if (elf_u32(ph + ELF_PHDR_TYPE) != ELF_PT_LOAD)
			continue;
		reason = elf_read_segment(ph, size, user_top, &seg);
		if (reason != NULL)
			return reason;
		if (seg.memsz == 0)
			continue;
		if (out->count == ELF_MAX_SEGMENTS)
			return "more than 8 loadable segments";
		elf_insert(out, &seg);
	}
	if (out->count == 0)
		return "no loadable segment";
	return NULL;
}

/* Number of the page holding address a. */
static uint64_t elf_page(uint64_t a)
{
	return a / ELF_PAGE_SIZE;
}

/* Number of the first page after the non-empty segment s; no overflow. */
static uint64_t elf_page_end(const struct elf_segment *s)
{
	uint64_t end = s->vaddr + s->memsz;

	return elf_page(end) + (end % ELF_PAGE_SIZE != 0);
}

/* Check the sorted segments against each other and the entry point. */
static const char *elf_check_layout(const struct elf_image *img)
{
	bool entry_ok = false;

	for (int i = 0; i < img->count; i++) {
		const struct elf_segment *s = &img->seg[i];

		/* sorted: a segment can only collide with the next one */
		if (i > 0 && elf_page_end(s - 1) > elf_page(s->vaddr))
			return "segments share a page";
		if ((s->flags & ELF_PF_X) && img->entry >= s->vaddr &&
			img->entry - s->vaddr < s->memsz)
			entry_ok = true;
	}
	if (!entry_ok)
		return "entry point not in an executable segment";
	return NULL;
}

/* Every check in order, filling *out (count 0 on entry) as it goes. */
static const char *elf_check(
	const uint8_t *f, size_t size, uint64_t user_top, struct elf_image *out)
{
	const char *reason = elf_check_header(f, size);

	if (reason != NULL)
		return reason;
	out->entry = elf_u64(f + ELF_EHDR_ENTRY);
	reason = elf_read_segments(f, size, user_top, out);
	if (reason != NULL)
		return reason;
	return elf_check_layout(out);
}

int elf_parse(const void *file, size_t size, uint64_t user_top,
	struct elf_image *out, const char **why)
{
	const char *reason = "no file or no output image";

	if (file != NULL && out != NULL) {
		out->count = 0;
		reason = elf_check(file, size, user_top, out);
	}
	if (why != NULL)
		*why = reason;
	if (reason == NULL)
		return 0;
	if (out != NULL)
		out->count = 0;
	return -ELF_ENOEXEC;
}
