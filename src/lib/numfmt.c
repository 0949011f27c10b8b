/* SPDX-License-Identifier: MIT */
/*
 * Numbers and money in the notation of the report's language (numfmt.h).
 * libc only.
 */
#include "numfmt.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * Copy the digits of an integer part into out, a separator between each
 * group of three when group is set. Returns the length written; out must
 * hold 2 * len bytes.
 */
static size_t grouped(char *out, const char *digits, size_t len, char sep,
		      int group)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (group && i > 0 && (len - i) % 3 == 0)
			out[n++] = sep;
		out[n++] = digits[i];
	}
	return n;
}

/* The magnitude of cents, grouped, with the decimal mark: "1.870,00". */
static void magnitude(char *out, size_t size, int64_t cents, int nl)
{
	/* in unsigned arithmetic: -INT64_MIN is no int64 */
	uint64_t a = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
	char digits[24], whole[40];
	size_t n;

	snprintf(digits, sizeof(digits), "%" PRIu64, a / 100);
	n = grouped(whole, digits, strlen(digits), nl ? '.' : ',', 1);
	whole[n] = '\0';
	snprintf(out, size, "%s%c%02" PRIu64, whole, nl ? ',' : '.', a % 100);
}

const char *fa_numfmt_money(char *buf, size_t size, int64_t cents, int nl)
{
	char m[40];

	assert(size >= FA_NUMFMT_LEN);
	magnitude(m, sizeof(m), cents, nl);
	if (nl)
		snprintf(buf, size, "\u20ac %s%s", cents < 0 ? "-" : "", m);
	else
		snprintf(buf, size, "%s\u20ac%s", cents < 0 ? "-" : "", m);
	return buf;
}

const char *fa_numfmt_amount(char *buf, size_t size, int64_t cents, int nl)
{
	char m[40];

	assert(size >= FA_NUMFMT_LEN);
	magnitude(m, sizeof(m), cents, nl);
	snprintf(buf, size, "%s%s", cents < 0 ? "-" : "", m);
	return buf;
}

const char *fa_numfmt_number(char *buf, size_t size, double x, int decimals,
			     int nl)
{
	int trim = decimals < 0, d = decimals < 0 ? -decimals : decimals;
	char text[40], out[64];
	const char *dot;
	size_t ilen, n = 0, flen = 0;
	int zero = 1;
	size_t i;
	double ax = x < 0 ? -x : x;

	assert(size >= FA_NUMFMT_LEN);
	assert(d <= 6);
	if (!isfinite(x) || ax >= 1e15) {
		snprintf(buf, size, "-");
		return buf;
	}
	snprintf(text, sizeof(text), "%.*f", d, ax);
	dot = strchr(text, '.');
	ilen = dot ? (size_t)(dot - text) : strlen(text);
	if (dot) {
		flen = strlen(dot + 1);
		while (trim && flen > 0 && dot[flen] == '0')
			flen--;
	}
	for (i = 0; text[i]; i++)
		if (text[i] >= '1' && text[i] <= '9')
			zero = 0;
	/* no "-0": a negative value that rounds to zero is zero */
	if (x < 0 && !zero)
		out[n++] = '-';
	n += grouped(out + n, text, ilen, nl ? '.' : ',', ilen >= 5);
	if (flen > 0) {
		out[n++] = nl ? ',' : '.';
		memcpy(out + n, dot + 1, flen);
		n += flen;
	}
	out[n] = '\0';
	snprintf(buf, size, "%s", out);
	return buf;
}
