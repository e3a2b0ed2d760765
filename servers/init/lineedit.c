/*
 * The line editor; see lineedit.h. The terminal shows exactly the line:
 * each erased character is taken back with "\b \b".
 */
#include "lineedit.h"

#define KEY_CTRL_C 0x03
#define KEY_CTRL_H 0x08
#define KEY_LF '\n'
#define KEY_CR '\r'
#define KEY_CTRL_U 0x15
#define KEY_CTRL_W 0x17
#define KEY_ESC 0x1b
#define KEY_DEL 0x7f

/* Escape-sequence states: after ESC, and inside "ESC [" or "ESC O". */
enum { ESC_NONE, ESC_START, ESC_BODY };

void lineedit_init(struct lineedit *le, lineedit_emit_fn *emit, void *ctx)
{
	le->len = 0;
	le->line[0] = '\0';
	le->finished = false;
	le->after_cr = false;
	le->escape = ESC_NONE;
	le->emit = emit;
	le->ctx = ctx;
}

static void lineedit_echo(struct lineedit *le, const char *s, size_t n)
{
	le->emit(le->ctx, s, n);
}

/* Whether byte c continues a UTF-8 character (10xxxxxx). */
static bool lineedit_is_continuation(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* Erase the last character (all bytes of a UTF-8 one) from the line and
 * the screen; false if the line is empty. */
static bool lineedit_erase_char(struct lineedit *le)
{
	if (le->len == 0)
		return false;
	while (le->len > 1 && lineedit_is_continuation(le->line[le->len - 1]))
		le->len--;
	le->len--;
	lineedit_echo(le, "\b \b", 3);
	return true;
}

/* ^W: erase the blanks before the cursor, then the word before them. */
static void lineedit_erase_word(struct lineedit *le)
{
	while (le->len > 0 && le->line[le->len - 1] == ' ')
		lineedit_erase_char(le);
	while (le->len > 0 && le->line[le->len - 1] != ' ')
		lineedit_erase_char(le);
}

/* Skip one byte of an escape sequence: ESC, then '[' or 'O', then
 * parameter bytes up to a final byte in '@'..'~'. Anything else after
 * ESC ends it too. */
static void lineedit_skip_escape(struct lineedit *le, unsigned char c)
{
	if (le->escape == ESC_START)
		le->escape = c == '[' || c == 'O' ? ESC_BODY : ESC_NONE;
	else if (c >= '@' && c <= '~')
		le->escape = ESC_NONE;
}

/* Add c at the end of the line, or ring the bell if it is full. */
static void lineedit_insert(struct lineedit *le, unsigned char c)
{
	char ch = (char)c;

	if (le->len == LINEEDIT_MAX) {
		lineedit_echo(le, "\a", 1);
		return;
	}
	le->line[le->len++] = ch;
	lineedit_echo(le, &ch, 1);
}

/* Finish the line: Enter ends it, ^C drops it. */
static enum lineedit_result lineedit_finish(
	struct lineedit *le, enum lineedit_result how)
{
	le->finished = true;
	if (how == LINEEDIT_INTERRUPT) {
		le->len = 0;
		lineedit_echo(le, "^C\n", 3);
	} else {
		lineedit_echo(le, "\n", 1);
	}
	le->line[le->len] = '\0';
	return how;
}

enum lineedit_result lineedit_feed(struct lineedit *le, unsigned char c)
{
	bool after_cr = le->after_cr;

	le->after_cr = c == KEY_CR;
	if (le->finished) {
		le->finished = false;
		le->len = 0;
		le->line[0] = '\0';
	}
	if (le->escape != ESC_NONE) {
		lineedit_skip_escape(le, c);
		return LINEEDIT_MORE;
	}

	switch (c) {
	case KEY_CR:
		return lineedit_finish(le, LINEEDIT_DONE);
	case KEY_LF:
		if (after_cr)
			return LINEEDIT_MORE;
		return lineedit_finish(le, LINEEDIT_DONE);
	case KEY_CTRL_C:
		return lineedit_finish(le, LINEEDIT_INTERRUPT);
	case KEY_DEL:
	case KEY_CTRL_H:
		lineedit_erase_char(le);
		return LINEEDIT_MORE;
	case KEY_CTRL_U:
		while (lineedit_erase_char(le))
			;
		return LINEEDIT_MORE;
	case KEY_CTRL_W:
		lineedit_erase_word(le);
		return LINEEDIT_MORE;
	case KEY_ESC:
		le->escape = ESC_START;
		return LINEEDIT_MORE;
	}
	if (c >= ' ')
		lineedit_insert(le, c);
	return LINEEDIT_MORE;
}
