/* SPDX-License-Identifier: MIT */
/* String copies, white-space collapsing and shortening; see text.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int fa_text_utf8_char(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	uint32_t v, min;
	int n, i;

	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1fu;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		v = c & 0x0fu;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07u;
		min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((size_t)i >= len)
			return -1;
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3fu);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	if (cp)
		*cp = v;
	return n;
}

char *fa_text_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *fa_text_collapse(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	size_t n = 0;

	if (!p)
		return NULL;
	for (; *s; s++) {
		if (!is_space(*s))
			p[n++] = *s;
		else if (n > 0 && p[n - 1] != ' ')
			p[n++] = ' ';
	}
	if (n > 0 && p[n - 1] == ' ')
		n--;
	p[n] = '\0';
	return p;
}

const char *fa_text_show(char buf[FA_TEXT_SHOW_MAX + 4], const char *s)
{
	size_t n = strlen(s);

	if (n <= FA_TEXT_SHOW_MAX)
		return s;
	n = FA_TEXT_SHOW_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* ---- control characters -------------------------------------------------- */

/*
 * The length of the control character at s (n bytes left) and its code
 * point in *cp, or 0 if s does not start with one: C0 (U+0000-U+001F), DEL,
 * C1 (U+0080-U+009F, UTF-8 C2 80-9F) and the bidirectional embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069, UTF-8 E2 80 AA-AE,
 * E2 81 A6-A9), which reorder what a terminal shows.
 */
static size_t control_at(const unsigned char *s, size_t n, long *cp)
{
	if (s[0] < 0x20 || s[0] == 0x7f) {
		*cp = s[0];
		return 1;
	}
	if (n >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		*cp = s[1];
		return 2;
	}
	if (n >= 3 && s[0] == 0xe2 &&
	    ((s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) ||
	     (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9))) {
		*cp = 0x2000L + ((long)(s[1] & 0x3f) << 6) + (s[2] & 0x3f);
		return 3;
	}
	return 0;
}

long fa_text_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	long cp;

	for (i = 0; i < len; i++)
		if ((p[i] < 0x20 || p[i] == 0x7f || p[i] == 0xc2 ||
		     p[i] == 0xe2) &&
		    control_at(p + i, len - i, &cp))
			return cp;
	return -1;
}

char *fa_text_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, k = 0, w;
	char *out = malloc(4 * n + 1); /* \xHH for each byte at most; a
					* 3-byte character gives 8 */
	long cp;

	if (!out)
		return NULL;
	for (i = 0; i < n; i += w) {
		w = control_at(p + i, n - i, &cp);
		if (!w) {
			out[k++] = (char)p[i];
			w = 1;
		} else if (cp < 0x100)
			k += (size_t)snprintf(out + k, 5, "\\x%02lX", cp);
		else
			k += (size_t)snprintf(out + k, 9, "\\u{%04lX}", cp);
	}
	out[k] = '\0';
	return out;
}

/* The unit of s at p (n bytes left) as it is written, into u; its length.
 * *w: the bytes of s it stands for. */
static size_t unit(const unsigned char *p, size_t n, char u[12], size_t *w)
{
	long cp;

	*w = control_at(p, n, &cp);
	if (!*w) {
		*w = 1;
		u[0] = (char)p[0];
		return 1;
	}
	if (cp < 0x100)
		return (size_t)snprintf(u, 12, "\\x%02lX", cp);
	return (size_t)snprintf(u, 12, "\\u{%04lX}", cp);
}

/* n spaces. */
static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/*
 * s escaped, by the flags, width and precision of spec ("%-38s", "%.16s"),
 * which count the escaped text; an escape is never cut. Allocates nothing.
 */
static int put_string(FILE *out, const char *spec, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t width = 0, prec = (size_t)-1, n = strlen(s), len = 0, i, k, w;
	const char *q = spec + 1;
	char u[12];
	int left = 0;

	for (; *q && strchr("-+ #0", *q); q++)
		left |= *q == '-';
	for (; *q >= '0' && *q <= '9'; q++)
		width = width * 10 + (size_t)(*q - '0');
	if (*q == '.')
		for (prec = 0, q++; *q >= '0' && *q <= '9'; q++)
			prec = prec * 10 + (size_t)(*q - '0');
	for (i = 0; i < n; i += w) {
		k = unit(p + i, n - i, u, &w);
		if (len + k > prec)
			break;
		len += k;
	}
	if (!left && width > len)
		pad(out, width - len);
	for (i = 0, k = 0; k < len; i += w) {
		size_t m = unit(p + i, n - i, u, &w);

		if (m == 1 && w == 1) {
			/* a run of plain bytes in one write */
			size_t r = 1;

			while (i + r < n && k + r < len &&
			       !control_at(p + i + r, n - i - r, &(long){ 0 }))
				r++;
			fwrite(p + i, 1, r, out);
			k += r;
			w = r;
		} else {
			fwrite(u, 1, m, out);
			k += m;
		}
	}
	if (left && width > len)
		pad(out, width - len);
	return ferror(out) ? -1 : 0;
}

/*
 * One conversion of a format at f ('%' already seen) into spec, with its
 * conversion character in *conv and its length modifier in *len ('l' for
 * l, 'L' for ll, 'z', or 0). Returns its length, or 0 for a conversion
 * this writer does not take ('*', h, j, t, n, p, ...).
 */
static size_t conversion(const char *f, char *spec, size_t size, char *conv,
			 char *len)
{
	size_t i = 1;

	while (f[i] && strchr("-+ #0", f[i]))
		i++;
	while (f[i] >= '0' && f[i] <= '9')
		i++;
	if (f[i] == '.')
		for (i++; f[i] >= '0' && f[i] <= '9'; i++)
			;
	*len = 0;
	if (f[i] == 'z')
		*len = 'z', i++;
	else if (f[i] == 'l' && f[i + 1] == 'l')
		*len = 'L', i += 2;
	else if (f[i] == 'l')
		*len = 'l', i++;
	if (!f[i] || !strchr("sdiuxXfc%", f[i]) || i + 2 > size)
		return 0;
	*conv = f[i];
	memcpy(spec, f, i + 1);
	spec[i + 1] = '\0';
	return i + 1;
}

/* spec below is one conversion that conversion() checked, with the
 * argument type that conversion takes: not a format from outside. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* One number or character by spec into buf; its length, or -1. */
static int number(char *buf, size_t size, const char *spec, char conv, char len,
		  va_list *ap)
{
	int u = conv == 'u' || conv == 'x' || conv == 'X';

	if (conv == 'f')
		return snprintf(buf, size, spec, va_arg(*ap, double));
	if (len == 'z')
		return snprintf(buf, size, spec, va_arg(*ap, size_t));
	if (len == 'L')
		return u ? snprintf(buf, size, spec,
				    va_arg(*ap, unsigned long long))
			 : snprintf(buf, size, spec, va_arg(*ap, long long));
	if (len == 'l')
		return u ? snprintf(buf, size, spec, va_arg(*ap, unsigned long))
			 : snprintf(buf, size, spec, va_arg(*ap, long));
	return u ? snprintf(buf, size, spec, va_arg(*ap, unsigned))
		 : snprintf(buf, size, spec, va_arg(*ap, int));
}

int fa_text_vwrite(FILE *out, const char *fmt, va_list ap)
{
	char spec[32], buf[512], conv, len;
	const char *f = fmt, *pct;
	va_list aq;
	size_t n;
	int k, rc = 0;

	va_copy(aq, ap);
	while (rc == 0 && *f) {
		pct = strchr(f, '%');
		n = pct ? (size_t)(pct - f) : strlen(f);
		if (n && fwrite(f, 1, n, out) != n)
			rc = -1;
		if (!pct || rc)
			break;
		n = conversion(pct, spec, sizeof(spec), &conv, &len);
		if (!n) {
			rc = -1;
			break;
		}
		f = pct + n;
		if (conv == '%') {
			rc = fputc('%', out) == EOF ? -1 : 0;
		} else if (conv == 's') {
			rc = put_string(out, spec, va_arg(aq, const char *));
		} else {
			k = number(buf, sizeof(buf), spec, conv, len, &aq);
			if (k < 0 || (size_t)k >= sizeof(buf) ||
			    fwrite(buf, 1, (size_t)k, out) != (size_t)k)
				rc = -1;
		}
	}
	va_end(aq);
	return rc;
}

#pragma GCC diagnostic pop

int fa_text_write(FILE *out, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = fa_text_vwrite(out, fmt, ap);
	va_end(ap);
	return rc;
}
