/* SPDX-License-Identifier: MIT */
/*
 * A cell's raw text made its value (xlsx.h says which): numbers written
 * out in the shortest form, date serials in either date system as ISO
 * dates, number formats told apart (date, time, number), Excel's _xHHHH_
 * escapes, and the small readers the workbook's parts share. Pure
 * functions but for the growing buffer; date.c for the calendar.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "xlsx_impl.h"

/* ---- small helpers ------------------------------------------------------- */

/* Append; -1 if out of memory. Keeps s NUL-terminated. */
int fa_xlsx_buf_add(struct fa_xlsx_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

const char *fa_xlsx_attr(const struct fa_xml_attr *a, size_t n,
			 const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return a[i].value;
	return NULL;
}

/* Decimal digits only, no sign or space, at most max: 0 and *out, or -1. */
int fa_xlsx_parse_uint(unsigned long *out, const char *s, unsigned long max)
{
	unsigned long v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (max - (unsigned long)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*out = v;
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Excel writes a character that XML cannot hold, or a literal "_x" that
 * would read as one, as _xHHHH_ (OOXML's ST_Xstring; "_x005F_" is '_').
 * Decoded in place (UTF-8 of a BMP character is never longer than the
 * seven bytes); an escape of a character XML 1.0 does not allow (NUL,
 * most controls, a surrogate) is left as it is. Returns the new length.
 */
size_t fa_xlsx_decode_escapes(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned cp = 0;
		int ok = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' &&
			 s[i + 6] == '_';
		int k;

		for (k = 2; ok && k < 6; k++) {
			int h = hex_value(s[i + (size_t)k]);

			if (h < 0)
				ok = 0;
			else
				cp = cp << 4 | (unsigned)h;
		}
		if (ok && ((cp < 0x20 && cp != 9 && cp != 10 && cp != 13) ||
			   (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xFFFE))
			ok = 0;
		if (!ok) {
			s[o++] = s[i++];
			continue;
		}
		if (cp < 0x80) {
			s[o++] = (char)cp;
		} else if (cp < 0x800) {
			s[o++] = (char)(0xC0 | cp >> 6);
			s[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			s[o++] = (char)(0xE0 | cp >> 12);
			s[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
			s[o++] = (char)(0x80 | (cp & 0x3F));
		}
		i += 7;
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

/* Column number (1-based) as letters: 1 "A", 27 "AA". */
void fa_xlsx_column_name(char out[8], unsigned long col)
{
	char tmp[8];
	size_t n = 0, i;

	while (col > 0 && n < sizeof(tmp) - 1) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* ---- numbers and dates --------------------------------------------------- */

/* A decimal number as OOXML writes one: [-]digits[.digits][E[+-]digits]. */
int fa_xlsx_number_syntax(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* The exponent of "%e" output: [+-]digits. */
static int exponent(const char *p)
{
	int sign = 1, v = 0;

	if (*p == '-' || *p == '+')
		sign = *p++ == '-' ? -1 : 1;
	for (; *p >= '0' && *p <= '9' && v < 10000; p++)
		v = v * 10 + (*p - '0');
	return sign * v;
}

/*
 * The shortest decimal that reads back as v, to at most 15 significant
 * digits (Excel's precision: what it shows, and what a formula such as
 * 0.1 + 0.2 means), written out without an exponent: the fewest
 * significant digits that round-trip, then the decimal point put where
 * the exponent says.
 */
void fa_xlsx_format_number(char out[FA_XLSX_NUM_LEN], double v)
{
	char tmp[40], digits[20];
	int prec, exp10, point, n = 0;
	size_t o = 0;
	const char *p;

	if (v == 0) {
		snprintf(out, FA_XLSX_NUM_LEN, "0");
		return;
	}
	for (prec = 1; prec < 15; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
	p = tmp;
	if (*p == '-') {
		out[o++] = '-';
		p++;
	}
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && n < (int)sizeof(digits) - 1)
			digits[n++] = *p;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	exp10 = *p == 'e' ? exponent(p + 1) : 0;
	point = exp10 + 1; /* digits before the decimal point */
	if (point <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (; point < 0; point++)
			out[o++] = '0';
		memcpy(out + o, digits, (size_t)n);
		o += (size_t)n;
	} else if (point >= n) {
		memcpy(out + o, digits, (size_t)n);
		o += (size_t)n;
		for (; point > n; point--)
			out[o++] = '0';
	} else {
		memcpy(out + o, digits, (size_t)point);
		o += (size_t)point;
		out[o++] = '.';
		memcpy(out + o, digits + point, (size_t)(n - point));
		o += (size_t)(n - point);
	}
	out[o] = '\0';
}

/*
 * A number format code shows a date when, outside quoted text, "[...]"
 * (colours, conditions, locales), "\x" escapes and the "_x" and "*x"
 * spacing and fill characters, it has d, m, y, h or s (either case).
 * Only a time (FA_XLSX_TIME) if it has h or s but no d or y: its m is
 * minutes. The elapsed-time fields [h], [mm], [ss] are times too, and
 * the m of AM/PM and A/P is no month.
 */
enum fa_xlsx_fmt fa_xlsx_classify_format(const char *code)
{
	int d = 0, m = 0, hs = 0;
	const char *p;

	for (p = code; *p; p++) {
		char c = *p;

		if (c == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
		} else if (c == '[') {
			const char *q = p + 1;
			int time = *q != ']';

			for (; *q && *q != ']'; q++)
				if (strchr("hHmMsS", *q) == NULL)
					time = 0;
			hs |= time;
			p = *q ? q : q - 1;
		} else if ((c == 'A' || c == 'a') &&
			   (strncmp(p + 1, "M/PM", 4) == 0 ||
			    strncmp(p + 1, "m/pm", 4) == 0)) {
			p += 4;
		} else if ((c == 'A' || c == 'a') && p[1] == '/' &&
			   (p[2] == 'P' || p[2] == 'p')) {
			p += 2;
		} else if (strchr("dDyY", c)) {
			d = 1;
		} else if (c == 'm' || c == 'M') {
			m = 1;
		} else if (strchr("hHsS", c)) {
			hs = 1;
		}
	}
	if (d)
		return FA_XLSX_DATE;
	if (hs)
		return FA_XLSX_TIME;
	return m ? FA_XLSX_DATE : FA_XLSX_NUMBER;
}

/*
 * Excel's built-in formats that show dates: 14-17 and 22 (a date, 22
 * with a time), 18-21 and 45-47 (times), and 27-36 and 50-58, the dates
 * of East Asian versions of Excel.
 */
enum fa_xlsx_fmt fa_xlsx_builtin_format(unsigned long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return FA_XLSX_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return FA_XLSX_TIME;
	return FA_XLSX_NUMBER;
}

/* The last day a serial may name, 9999-12-31, in the 1900 system. */
#define SERIAL_MAX 2958465.0

/*
 * A date serial as ISO text. Serial n counts days from 1899-12-31 in the
 * 1900 system, where Excel also counts 1900-02-29 (Lotus 1-2-3's leap
 * year that was none): from 61 on, a day more than there were. In the
 * 1904 system serial 0 is 1904-01-01. The fraction is the time of day,
 * rounded to the second.
 */
enum fa_code fa_xlsx_serial_text(char *out, size_t size, double v,
				 enum fa_xlsx_fmt kind, int date1904,
				 const char *where, unsigned long row,
				 unsigned long col, const char *cell,
				 struct fa_error *err)
{
	char num[FA_XLSX_NUM_LEN];
	long long secs;
	long days, tod, base;
	int y, mo, d;

	fa_xlsx_format_number(num, v);
	if (v < 0 || v >= SERIAL_MAX + 1 - (date1904 ? 1462 : 0))
		return fa_error_add(
		    err, FA_ERR_INPUT, where, row, col,
		    "cell %s holds the date serial %s, outside the days from "
		    "%s to 9999-12-31 that Excel can show: enter the date "
		    "again",
		    cell, num, date1904 ? "1904-01-01" : "1900-01-01");
	secs = (long long)(v * 86400.0 + 0.5); /* v >= 0 */
	days = (long)(secs / 86400);
	tod = (long)(secs % 86400);
	if (kind == FA_XLSX_TIME && days == 0) {
		snprintf(out, size, "%02ld:%02ld:%02ld", tod / 3600,
			 tod / 60 % 60, tod % 60);
		return FA_OK;
	}
	if (date1904) {
		base = fa_date_day_number(1904, 1, 1);
	} else if (days == 0) {
		return fa_error_add(
		    err, FA_ERR_INPUT, where, row, col,
		    "cell %s holds the date serial %s, which Excel shows as "
		    "the day 1900-01-00 that does not exist: enter the date "
		    "again",
		    cell, num);
	} else if (days == 60) {
		return fa_error_add(err, FA_ERR_INPUT, where, row, col,
				    "cell %s holds the date serial %s, the day "
				    "1900-02-29 that Excel counts but that "
				    "never existed: enter the date again",
				    cell, num);
	} else {
		base = days < 60 ? fa_date_day_number(1899, 12, 31)
				 : fa_date_day_number(1899, 12, 30);
	}
	fa_date_from_day_number(&y, &mo, &d, base + days);
	if (tod)
		snprintf(out, size, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, mo,
			 d, tod / 3600, tod / 60 % 60, tod % 60);
	else
		snprintf(out, size, "%04d-%02d-%02d", y, mo, d);
	return FA_OK;
}

/* A t="d" cell: ISO 8601 "YYYY-MM-DD", optionally "THH:MM:SS[.fff][Z]". */
int fa_xlsx_iso_text(char *out, size_t size, const char *s)
{
	char date[FA_DATE_LEN];
	int y, mo, d, h, mi, sec;
	const char *p = s + 10;

	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (fa_date_parse(&y, &mo, &d, date) != 0)
		return -1;
	if (*p == '\0') {
		snprintf(out, size, "%s", date);
		return 0;
	}
	if (strlen(p) < 9 || p[0] != 'T' || p[3] != ':' || p[6] != ':')
		return -1;
	for (h = 1; h < 9; h++)
		if (h != 3 && h != 6 && (p[h] < '0' || p[h] > '9'))
			return -1;
	h = (p[1] - '0') * 10 + (p[2] - '0');
	mi = (p[4] - '0') * 10 + (p[5] - '0');
	sec = (p[7] - '0') * 10 + (p[8] - '0');
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	p += 9;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p == 'Z')
		p++;
	if (*p)
		return -1;
	if (h || mi || sec)
		snprintf(out, size, "%s %02d:%02d:%02d", date, h, mi, sec);
	else
		snprintf(out, size, "%s", date);
	return 0;
}
