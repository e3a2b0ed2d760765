/*
 * The shell's line editor: turns console bytes into command lines and
 * says what to echo. Pure code: the caller reads the bytes and gives an
 * output function, so the host tests drive it byte by byte.
 *
 * Keys: a printable byte (or any byte of a UTF-8 character) is added at
 * the end of the line; Backspace (DEL or ^H) erases the last character,
 * ^W the last word, ^U the whole line; Enter (CR or LF, and a LF right
 * after a CR is dropped, so CR LF is one Enter) ends the line; ^C drops
 * it. Escape sequences (the arrow keys send them) and other control
 * bytes are ignored. A byte that does not fit rings the bell.
 */
#ifndef INIT_LINEEDIT_H
#define INIT_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LINEEDIT_MAX 255 /* bytes in one line */

enum lineedit_result {
	LINEEDIT_MORE,	    /* the line goes on */
	LINEEDIT_DONE,	    /* Enter: line holds the finished line */
	LINEEDIT_INTERRUPT, /* ^C: the line was dropped */
};

/* Where the editor's echo goes: n bytes at s. */
typedef void lineedit_emit_fn(void *ctx, const char *s, size_t n);

struct lineedit {
	char line[LINEEDIT_MAX + 1]; /* NUL-terminated after LINEEDIT_DONE */
	size_t len;
	bool finished; /* the last byte ended a line: the next starts anew */
	bool after_cr; /* the last byte was CR: a LF now is the same Enter */
	int escape;    /* where in an escape sequence we are; 0: not in one */
	lineedit_emit_fn *emit;
	void *ctx;
};

/* Start an editor with an empty line that echoes through emit(ctx, ...). */
void lineedit_init(struct lineedit *le, lineedit_emit_fn *emit, void *ctx);

/*
 * Take one byte typed by the user, echo what it does, and say whether the
 * line is finished. After LINEEDIT_DONE, le->line is the line until the
 * next call, which starts a new one.
 */
enum lineedit_result lineedit_feed(struct lineedit *le, unsigned char c);

#endif /* INIT_LINEEDIT_H */
