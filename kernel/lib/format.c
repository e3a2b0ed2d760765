/*
 * printf-style formatting with no floating point and no libc.
 *
 * Each directive is parsed into a struct fmt_spec, its argument fetched as
 * the length modifier says, and the result written as at most five pieces:
 * spaces, a prefix (sign or "0x"), zeros, digits, spaces.  The literal text
 * between directives goes to the sink as one piece.
 */
#include <stdbool.h>
#include <stdint.h>

#include "lib/format.h"

#define FMT_INT_MAX ((int)(~0u >> 1))

/* %zd reads the signed type as wide as size_t; ptrdiff_t stands in for it. */
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t), "ptrdiff_t != size_t");

/* The flags of a directive, one bit per character of "-0+ #". */
enum {
	FMT_LEFT = 1 << 0,  /* '-': pad on the right */
	FMT_ZERO = 1 << 1,  /* '0': pad numbers with zeros */
	FMT_PLUS = 1 << 2,  /* '+': always give a sign */
	FMT_SPACE = 1 << 3, /* ' ': a space where '+' would go */
	FMT_ALT = 1 << 4,   /* '#': "0x" for hex, a leading 0 for octal */
};

enum fmt_length {
	FMT_LEN_INT,
	FMT_LEN_CHAR,
	FMT_LEN_SHORT,
	FMT_LEN_LONG,
	FMT_LEN_LLONG,
	FMT_LEN_SIZE,
	FMT_LEN_MAX,
	FMT_LEN_PTRDIFF,
};

struct fmt_spec {
	unsigned flags;
	int width;
	int precision; /* -1 when none was given */
	enum fmt_length length;
	char conversion; /* '\0' when fmt ended first */
};

struct fmt_out {
	fmt_sink sink;
	void *ctx;
	size_t count;
};

/* Pass n bytes at s to the sink, unless there are none, and count them. */
static void fmt_emit(struct fmt_out *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	out->sink(out->ctx, s, n);
	out->count += n;
}

/* Emit n copies of c, which is ' ' or '0', 64 per sink call. */
static void fmt_pad(struct fmt_out *out, char c, size_t n)
{
	static const char spaces[] = "                                "
				     "                                ";
	static const char zeros[] = "00000000000000000000000000000000"
				    "00000000000000000000000000000000";
	const size_t most = sizeof(spaces) - 1;
	size_t chunk;

	while (n > 0) {
		chunk = n < most ? n : most;
		fmt_emit(out, c == '0' ? zeros : spaces, chunk);
		n -= chunk;
	}
}

/* Return the length of s, or max if s is longer. */
static size_t fmt_length_of(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/*
 * Read a width or precision at *p: digits, which stop growing at
 * FMT_INT_MAX rather than overflow, or "*" for the next int in ap.
 */
static int fmt_parse_count(const char **p, va_list *ap)
{
	int n = 0;
	int d;

	if (**p == '*') {
		(*p)++;
		return va_arg(*ap, int);
	}
	for (; **p >= '0' && **p <= '9'; (*p)++) {
		d = **p - '0';
		n = n > (FMT_INT_MAX - d) / 10 ? FMT_INT_MAX : n * 10 + d;
	}
	return n;
}

/* Collect the flag characters at *p into spec->flags. */
static void fmt_parse_flags(const char **p, struct fmt_spec *spec)
{
	/* The flag at index i is bit i: the order of the enum above. */
	static const char chars[] = "-0+ #";
	unsigned i;

	spec->flags = 0;
	for (;; (*p)++) {
		for (i = 0; chars[i] != '\0' && chars[i] != **p; i++)
			continue;
		if (chars[i] == '\0')
			return;
		spec->flags |= 1u << i;
	}
}

/* Parse a length modifier at *p, if there is one. */
static void fmt_parse_length(const char **p, struct fmt_spec *spec)
{
	spec->length = FMT_LEN_INT;
	switch (**p) {
	case 'h':
		spec->length = (*p)[1] == 'h' ? FMT_LEN_CHAR : FMT_LEN_SHORT;
		break;
	case 'l':
		spec->length = (*p)[1] == 'l' ? FMT_LEN_LLONG : FMT_LEN_LONG;
		break;
	case 'z':
		spec->length = FMT_LEN_SIZE;
		break;
	case 'j':
		spec->length = FMT_LEN_MAX;
		break;
	case 't':
		spec->length = FMT_LEN_PTRDIFF;
		break;
	default:
		return;
	}
	(*p)++;
	if (spec->length == FMT_LEN_CHAR || spec->length == FMT_LEN_LLONG)
		(*p)++;
}

/*
 * Parse the directive whose '%' is just before *p, leaving *p after its
 * conversion character, or at the end of fmt if fmt ends first.
 */
static void fmt_parse_spec(const char **p, struct fmt_spec *spec, va_list *ap)
{
	fmt_parse_flags(p, spec);

	/* A negative width from "*" is a '-' flag and a positive width. */
	spec->width = fmt_parse_count(p, ap);
	if (spec->width < 0) {
		spec->flags |= FMT_LEFT;
		spec->width =
			spec->width < -FMT_INT_MAX ? FMT_INT_MAX : -spec->width;
	}

	/* A negative precision from ".*" counts as none at all. */
	spec->precision = -1;
	if (**p == '.') {
		(*p)++;
		spec->precision = fmt_parse_count(p, ap);
		if (spec->precision < 0)
			spec->precision = -1;
	}

	fmt_parse_length(p, spec);
	spec->conversion = **p;
	if (**p != '\0')
		(*p)++;
}

/* Fetch a signed argument of the type spec's length modifier names. */
static intmax_t fmt_fetch_signed(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case FMT_LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case FMT_LEN_SHORT:
		return (short)va_arg(*ap, int);
	case FMT_LEN_LONG:
		return va_arg(*ap, long);
	case FMT_LEN_LLONG:
		return va_arg(*ap, long long);
	case FMT_LEN_SIZE:
		return (ptrdiff_t)va_arg(*ap, size_t);
	case FMT_LEN_MAX:
		return va_arg(*ap, intmax_t);
	case FMT_LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Fetch an unsigned argument of the type spec's length modifier names. */
static uintmax_t fmt_fetch_unsigned(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case FMT_LEN_CHAR:
		return (unsigned char)va_arg(*ap, int);
	case FMT_LEN_SHORT:
		return (unsigned short)va_arg(*ap, int);
	case FMT_LEN_LONG:
		return va_arg(*ap, unsigned long);
	case FMT_LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case FMT_LEN_SIZE:
		return va_arg(*ap, size_t);
	case FMT_LEN_MAX:
		return va_arg(*ap, uintmax_t);
	case FMT_LEN_PTRDIFF:
		return (size_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

/* Write the digits of v into the bytes just before end; return how many. */
static size_t fmt_to_digits(char *end, uintmax_t v, unsigned base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;

	do {
		*--end = set[v % base];
		v /= base;
		n++;
	} while (v != 0);
	return n;
}

/* Return the sign or "0x" that goes before the digits spec asks for. */
static const char *fmt_prefix(
	const struct fmt_spec *spec, uintmax_t magnitude, bool negative)
{
	char c = spec->conversion;

	if (c == 'd' || c == 'i') {
		if (negative)
			return "-";
		if (spec->flags & FMT_PLUS)
			return "+";
		return spec->flags & FMT_SPACE ? " " : "";
	}

	/* C gives "%#x" of zero no "0x"; a pointer always has one. */
	if (c == 'p' || ((c == 'x' || c == 'X') && (spec->flags & FMT_ALT) &&
				magnitude != 0))
		return c == 'X' ? "0X" : "0x";
	return "";
}

/*
 * Write the string prefix, nzeros zeros and the n bytes at s as one field,
 * padded with spaces to spec's width on the side the '-' flag picks.
 */
static void fmt_put_field(struct fmt_out *out, const struct fmt_spec *spec,
	const char *prefix, size_t nzeros, const char *s, size_t n)
{
	size_t nprefix = fmt_length_of(prefix, 2);
	size_t len = nprefix + nzeros + n, spaces = 0;

	if ((size_t)spec->width > len)
		spaces = (size_t)spec->width - len;

	if (!(spec->flags & FMT_LEFT))
		fmt_pad(out, ' ', spaces);
	fmt_emit(out, prefix, nprefix);
	fmt_pad(out, '0', nzeros);
	fmt_emit(out, s, n);
	if (spec->flags & FMT_LEFT)
		fmt_pad(out, ' ', spaces);
}

/*
 * Write an integer conversion: the magnitude in the conversion's base
 * after a '-' when negative, padded as the flags, width and precision say.
 */
static void fmt_put_integer(struct fmt_out *out, const struct fmt_spec *spec,
	uintmax_t magnitude, bool negative)
{
	char digits[sizeof(uintmax_t) * 8 / 3 + 1];
	char *end = digits + sizeof(digits);
	const char *prefix = fmt_prefix(spec, magnitude, negative);
	char c = spec->conversion;
	bool hex = c == 'x' || c == 'X' || c == 'p';
	unsigned base = c == 'o' ? 8 : hex ? 16 : 10;
	size_t ndigits = 0, nzeros = 0, len;

	/* A zero with precision 0 has no digits at all. */
	if (magnitude != 0 || spec->precision != 0)
		ndigits = fmt_to_digits(end, magnitude, base, c == 'X');
	if (spec->precision > 0 && (size_t)spec->precision > ndigits)
		nzeros = (size_t)spec->precision - ndigits;

	/* "%#o" must begin with a 0, so it gets one unless it already has. */
	if (c == 'o' && (spec->flags & FMT_ALT) && nzeros == 0 &&
		(magnitude != 0 || ndigits == 0))
		nzeros = 1;

	/* '0' fills the width, unless '-' or a precision overrules it. */
	len = fmt_length_of(prefix, 2) + nzeros + ndigits;
	if ((spec->flags & (FMT_ZERO | FMT_LEFT)) == FMT_ZERO &&
		spec->precision < 0 && (size_t)spec->width > len)
		nzeros += (size_t)spec->width - len;

	fmt_put_field(out, spec, prefix, nzeros, end - ndigits, ndigits);
}

/* Write a string conversion: at most precision bytes of s, or of "(null)". */
static void fmt_put_string(
	struct fmt_out *out, const struct fmt_spec *spec, const char *s)
{
	size_t max = spec->precision < 0 ? SIZE_MAX : (size_t)spec->precision;

	if (s == NULL)
		s = "(null)";
	fmt_put_field(out, spec, "", 0, s, fmt_length_of(s, max));
}

/*
 * Write one parsed directive, fetching its argument from ap.  The n bytes
 * at text are the directive as written, echoed when it is not supported.
 */
static void fmt_put_directive(struct fmt_out *out, const struct fmt_spec *spec,
	va_list *ap, const char *text, size_t n)
{
	bool narrow = spec->length == FMT_LEN_INT;
	intmax_t v;
	uintmax_t u;
	char c;

	switch (spec->conversion) {
	case 'd':
	case 'i':
		/* Negate as unsigned: the magnitude may exceed INTMAX_MAX. */
		v = fmt_fetch_signed(spec, ap);
		u = v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v;
		fmt_put_integer(out, spec, u, v < 0);
		return;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		fmt_put_integer(out, spec, fmt_fetch_unsigned(spec, ap), false);
		return;
	case 'p':
		u = (uintptr_t)va_arg(*ap, void *);
		fmt_put_integer(out, spec, u, false);
		return;
	case 'c':
		if (!narrow)
			break;
		c = (char)va_arg(*ap, int);
		fmt_put_field(out, spec, "", 0, &c, 1);
		return;
	case 's':
		if (!narrow)
			break;
		fmt_put_string(out, spec, va_arg(*ap, const char *));
		return;
	case '%':
		fmt_emit(out, "%", 1);
		return;
	}

	/*
	 * Unsupported: %f and the other floating point ones, %n, and (XXX: no
	 * wide characters) %lc and %ls.  Echoed, with any argument left in ap.
	 */
	fmt_emit(out, text, n);
}

int fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_out out = {sink, ctx, 0};
	struct fmt_spec spec;
	const char *start;
	va_list args;

	/* The helpers take a va_list pointer, which only a local one gives. */
	va_copy(args, ap);
	while (*fmt != '\0') {
		start = fmt;
		while (*fmt != '\0' && *fmt != '%')
			fmt++;
		fmt_emit(&out, start, (size_t)(fmt - start));
		if (*fmt == '\0')
			break;

		start = fmt++;
		fmt_parse_spec(&fmt, &spec, &args);
		fmt_put_directive(
			&out, &spec, &args, start, (size_t)(fmt - start));
	}
	va_end(args);
	return out.count > (size_t)FMT_INT_MAX ? -1 : (int)out.count;
}

/* What fmt_vsnprintf's sink writes into. */
struct fmt_buffer {
	char *buf;
	size_t room; /* size less the NUL's byte */
	size_t used;
};

/* A sink that copies what still fits in the buffer and drops the rest. */
static void fmt_buffer_sink(void *ctx, const char *s, size_t n)
{
	struct fmt_buffer *b = ctx;

	while (n > 0 && b->used < b->room) {
		b->buf[b->used++] = *s++;
		n--;
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_buffer b = {buf, size > 0 ? size - 1 : 0, 0};
	int len = fmt_vformat(fmt_buffer_sink, &b, fmt, ap);

	if (size > 0)
		buf[b.used] = '\0';
	return len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}
