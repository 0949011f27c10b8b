/* SPDX-License-Identifier: MIT */
/*
 * Field value parsers: dates, decimals, whole numbers, yes/no and the BSN
 * check, as Dutch HR and payroll exports write them. Pure functions over
 * (ptr, len) that never allocate; libc only.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "value.h"

/* 10^0 .. 10^18: every power that fits int64. */
#define SCALE_MAX 18

void fa_value_trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;

	while (n && (p[0] == ' ' || p[0] == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*s = p;
	*len = n;
}

int fa_value_empty(const char *s, size_t len)
{
	fa_value_trim(&s, &len);
	return len == 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read 1..max digits at s[*i]; returns the count read (0: none). */
static size_t digits(const char *s, size_t len, size_t *i, size_t max,
		     unsigned *val)
{
	size_t n = 0;

	*val = 0;
	while (*i < len && n < max && is_digit(s[*i])) {
		*val = *val * 10 + (unsigned)(s[*i] - '0');
		(*i)++;
		n++;
	}
	return n;
}

int fa_value_date(char iso[FA_DATE_LEN], const char *s, size_t len,
		  const char **why)
{
	unsigned a, b, c, y, m, d;
	size_t i = 0, na, nb, nc;
	char sep;

	fa_value_trim(&s, &len);
	if (!len) {
		*why = "empty";
		return -1;
	}
	na = digits(s, len, &i, 4, &a);
	if (i >= len || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
		goto not_date;
	sep = s[i++];
	nb = digits(s, len, &i, 2, &b);
	if (i >= len || s[i] != sep)
		goto not_date;
	i++;
	nc = digits(s, len, &i, 4, &c);
	if (i != len)
		goto not_date;
	if (na == 4 && sep == '-' && nb == 2 && nc == 2) {
		y = a; /* ISO 8601: 2025-03-07 */
		m = b;
		d = c;
	} else if (na >= 1 && na <= 2 && nb >= 1 && nc == 4) {
		y = c; /* Dutch: 7-3-2025, 07/03/2025, 07.03.2025 */
		m = b;
		d = a;
	} else {
		goto not_date;
	}
	if (y < FA_DATE_YEAR_MIN || y > FA_DATE_YEAR_MAX) {
		*why = "year out of range";
		return -1;
	}
	if (m < 1 || m > 12) {
		*why = "no such month";
		return -1;
	}
	if (d < 1 || d > (unsigned)fa_date_days_in_month((int)y, (int)m)) {
		*why = "no such day";
		return -1;
	}
	fa_date_format(iso, (int)y, (int)m, (int)d);
	return 0;
not_date:
	*why = "not a date";
	return -1;
}

#define STR_(x) #x
#define STR(x) STR_(x)

const char *fa_value_date_hint(const char *why)
{
	/* "no such month" is how a month-first date (12-31-2025) fails */
	if (strcmp(why, "not a date") == 0 || strcmp(why, "no such month") == 0)
		return ": write yyyy-mm-dd or dd-mm-yyyy (also d-m-yyyy, "
		       "dd/mm/yyyy, dd.mm.yyyy)";
	if (strcmp(why, "year out of range") == 0)
		return " (years " STR(FA_DATE_YEAR_MIN) " to " STR(
		    FA_DATE_YEAR_MAX) ")";
	return "";
}

/* 1 if s is four digits, '-', two digits, '-', two digits and no more. */
static int iso_shaped(const char *s)
{
	size_t i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return s[10] == '\0';
}

int fa_value_iso_date_check(char *buf, size_t size, const char *s)
{
	char iso[FA_DATE_LEN];
	const char *why;

	assert(size >= FA_VALUE_DATE_CHECK_MAX);
	buf[0] = '\0';
	if (fa_value_date(iso, s, strlen(s), &why) == 0) {
		if (strcmp(iso, s) == 0)
			return 0;
		snprintf(buf, size, "is not in the form YYYY-MM-DD: give %s",
			 iso);
	} else if (iso_shaped(s)) {
		snprintf(buf, size, "is not a date: %s%s", why,
			 strcmp(why, "year out of range") == 0
			     ? fa_value_date_hint(why)
			     : "");
	} else {
		snprintf(buf, size,
			 "is not a date: give YYYY-MM-DD, such as 2025-12-31");
	}
	return -1;
}

/*
 * mag = mag * 10 + digit, refusing to pass limit. Returns -1 on overflow.
 */
static int push_digit(uint64_t *mag, unsigned digit, uint64_t limit)
{
	if (*mag > (limit - digit) / 10)
		return -1;
	*mag = *mag * 10 + digit;
	return 0;
}

/* Store a signed magnitude already checked against its limit. */
static int64_t apply_sign(uint64_t mag, int neg)
{
	if (!neg)
		return (int64_t)mag;
	if (mag == (uint64_t)INT64_MAX + 1)
		return INT64_MIN;
	return -(int64_t)mag;
}

/* Optional sign; returns 1 for '-', advancing *i past the sign. */
static int sign(const char *s, size_t len, size_t *i)
{
	if (*i < len && (s[*i] == '-' || s[*i] == '+'))
		return s[(*i)++] == '-';
	return 0;
}

/*
 * Check the integer part s[0..n) written with thousands separator grp
 * (0: none allowed): groups of 1..3 digits, then groups of exactly 3.
 */
static int int_part_ok(const char *s, size_t n, char grp)
{
	size_t i, run = 0, groups = 0;

	for (i = 0; i < n; i++) {
		if (is_digit(s[i])) {
			run++;
			continue;
		}
		if (s[i] != grp || run == 0 || (groups && run != 3) || run > 3)
			return 0;
		groups++;
		run = 0;
	}
	return !groups || run == 3;
}

int fa_value_decimal(int64_t *out, const char *s, size_t len, int scale,
		     const char **why)
{
	size_t i = 0, k, dec_pos = 0, n_dot = 0, n_comma = 0, last_dot = 0,
	       last_comma = 0, frac_len;
	char dec = 0, grp = 0;
	const char *frac;
	uint64_t mag = 0, limit;
	int neg, d;

	assert(scale >= 0 && scale <= SCALE_MAX);
	fa_value_trim(&s, &len);
	if (!len) {
		*why = "empty";
		return -1;
	}
	neg = sign(s, len, &i);
	s += i;
	len -= i;
	for (k = 0; k < len; k++) {
		if (s[k] == '.') {
			n_dot++;
			last_dot = k;
		} else if (s[k] == ',') {
			n_comma++;
			last_comma = k;
		} else if (!is_digit(s[k])) {
			goto not_number;
		}
	}
	if (n_dot && n_comma) {
		/* "1.234,56" or "1,234.56": the last mark is the decimal. */
		dec = last_dot > last_comma ? '.' : ',';
		grp = dec == '.' ? ',' : '.';
		if ((dec == '.' ? n_dot : n_comma) != 1)
			goto not_number;
	} else if (n_dot + n_comma == 1) {
		dec = n_dot ? '.' : ','; /* a single mark is the decimal mark */
	} else if (n_dot + n_comma > 1) {
		goto not_number; /* "1.234.567": no unambiguous reading */
	}
	if (dec) {
		dec_pos = dec == '.' ? last_dot : last_comma;
		frac = s + dec_pos + 1;
		frac_len = len - dec_pos - 1;
		if (!frac_len)
			goto not_number;
	} else {
		dec_pos = len;
		frac = s + len;
		frac_len = 0;
	}
	if (!int_part_ok(s, dec_pos, grp) || (!dec_pos && !frac_len))
		goto not_number;
	for (k = (size_t)scale; k < frac_len; k++) {
		if (frac[k] != '0') {
			*why = "too many decimals";
			return -1;
		}
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (k = 0; k < dec_pos; k++) {
		if (is_digit(s[k]) &&
		    push_digit(&mag, (unsigned)(s[k] - '0'), limit) != 0)
			goto range;
	}
	for (d = 0; d < scale; d++) {
		unsigned v =
		    (size_t)d < frac_len ? (unsigned)(frac[d] - '0') : 0;

		if (push_digit(&mag, v, limit) != 0)
			goto range;
	}
	*out = apply_sign(mag, neg);
	return 0;
not_number:
	*why = "not a number";
	return -1;
range:
	*why = "out of range";
	return -1;
}

int fa_value_int(int64_t *out, const char *s, size_t len, const char **why)
{
	size_t i = 0;
	uint64_t mag = 0, limit;
	int neg;

	fa_value_trim(&s, &len);
	if (!len) {
		*why = "empty";
		return -1;
	}
	neg = sign(s, len, &i);
	if (i == len) {
		*why = "not a whole number";
		return -1;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		if (!is_digit(s[i])) {
			*why = "not a whole number";
			return -1;
		}
		if (push_digit(&mag, (unsigned)(s[i] - '0'), limit) != 0) {
			*why = "out of range";
			return -1;
		}
	}
	*out = apply_sign(mag, neg);
	return 0;
}

int fa_value_cents(int64_t *out, const char *s, size_t len, const char **why)
{
	size_t i = len && s[0] == '-';

	if (i == len) {
		*why = "not a whole number";
		return -1;
	}
	for (; i < len; i++)
		if (!is_digit(s[i])) {
			*why = "not a whole number";
			return -1;
		}
	return fa_value_int(out, s, len, why);
}

/* ASCII case-insensitive s[0..len) == word (lower case). */
static int word_is(const char *s, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

int fa_value_bool(int *out, const char *s, size_t len, const char **why)
{
	static const char *const yes[] = { "yes",  "ja",   "j", "y",
					   "true", "waar", "1", "x" };
	static const char *const no[] = { "no",	   "nee",    "n",
					  "false", "onwaar", "0" };
	size_t i;

	fa_value_trim(&s, &len);
	if (!len) {
		*why = "empty";
		return -1;
	}
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (word_is(s, len, yes[i])) {
			*out = 1;
			return 0;
		}
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (word_is(s, len, no[i])) {
			*out = 0;
			return 0;
		}
	}
	*why = "not yes or no";
	return -1;
}

int fa_value_bsn_valid(const char *s, size_t len)
{
	char d[9];
	size_t i;
	long sum = 0;

	fa_value_trim(&s, &len);
	if (len != 9 && len != 8)
		return 0;
	/* An export that stored the BSN as a number drops its leading
	 * zero. */
	d[0] = '0';
	memcpy(d + 9 - len, s, len);
	for (i = 0; i < 9; i++) {
		if (!is_digit(d[i]))
			return 0;
		sum += (long)(d[i] - '0') * (i < 8 ? (long)(9 - i) : -1L);
	}
	/* 000000000 passes the sum but is a placeholder, not a number. */
	return sum != 0 && sum % 11 == 0;
}
