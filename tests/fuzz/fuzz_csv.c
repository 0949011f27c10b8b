/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for csv.c. Input: byte 0 picks the encoding, byte 1 seeds
 * the chunk sizes, the rest is the file. The file is parsed twice, whole
 * and in chunks; both runs must give the same records and the same result
 * (chunk boundaries may not change anything), every field must be valid
 * UTF-8 without NUL, and nothing may crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct digest {
	uint64_t h;
	size_t records;
	size_t fail_at; /* the callback refuses this record */
};

static void mix(struct digest *d, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		d->h ^= s[i];
		d->h *= UINT64_C(1099511628211); /* FNV-1a */
	}
}

/* Independent of csv.c's validator on purpose. */
static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t u;
		size_t len, k;

		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0)
			len = 2, u = s[i] & 0x1f;
		else if ((s[i] & 0xf0) == 0xe0)
			len = 3, u = s[i] & 0x0f;
		else if ((s[i] & 0xf8) == 0xf0)
			len = 4, u = s[i] & 0x07;
		else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			u = u << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 2 && u < 0x80) || (len == 3 && u < 0x800) ||
		    (len == 4 && u < 0x10000) || u > 0x10ffff ||
		    (u >= 0xd800 && u <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

static enum fa_code on_record(void *ctx, size_t record, unsigned long line,
			      const struct fa_csv_field *f, size_t n,
			      struct fa_error *err)
{
	struct digest *d = ctx;
	size_t i;

	if (record != d->records || line == 0 || n == 0 ||
	    n > FA_CSV_MAX_FIELDS)
		abort();
	d->records++;
	mix(d, &record, sizeof(record));
	mix(d, &line, sizeof(line));
	for (i = 0; i < n; i++) {
		if (f[i].len > FA_CSV_MAX_FIELD_BYTES ||
		    f[i].s[f[i].len] != '\0' ||
		    !valid_utf8((const unsigned char *)f[i].s, f[i].len))
			abort();
		mix(d, &f[i].len, sizeof(f[i].len));
		mix(d, f[i].s, f[i].len);
		mix(d, &f[i].quoted, sizeof(f[i].quoted));
	}
	if (record == d->fail_at)
		return fa_error_add(err, FA_ERR_INTEGRITY, "cb", line, 0,
				    "refused");
	return FA_OK;
}

/* Parse; chunk sizes come from seed (0: the whole input at once). */
static void run(struct digest *d, enum fa_encoding enc, const uint8_t *p,
		size_t n, unsigned seed)
{
	struct fa_error err;
	struct fa_csv *csv = NULL;
	enum fa_code rc;
	size_t off = 0;
	unsigned state = seed;
	char sep;

	fa_error_init(&err);
	if (fa_csv_new(&csv, "fuzz.csv", enc, on_record, d, &err) != FA_OK)
		abort();
	rc = FA_OK;
	while (rc == FA_OK && off < n) {
		size_t k = n - off;

		if (seed) {
			state = state * 1103515245u + 12345u;
			k = 1 + (state >> 8) % (seed % 64 + 1);
			if (k > n - off)
				k = n - off;
		}
		rc = fa_csv_feed(csv, p + off, k, &err);
		off += k;
	}
	if (rc == FA_OK)
		rc = fa_csv_finish(csv, &err);
	if (rc != err.code || (rc != FA_OK && err.n == 0))
		abort();
	sep = fa_csv_separator(csv);
	mix(d, &rc, sizeof(rc));
	mix(d, &sep, 1);
	if (err.n) {
		mix(d, err.diag[0].message, strlen(err.diag[0].message));
		mix(d, &err.diag[0].line, sizeof(err.diag[0].line));
	}
	fa_csv_free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest whole, chunked;
	enum fa_encoding enc;
	unsigned seed;

	if (size < 2)
		return 0;
	enc = (enum fa_encoding)(data[0] % 3);
	seed = data[1] ? data[1] : 1;
	memset(&whole, 0, sizeof(whole));
	whole.h = UINT64_C(14695981039346656037);
	/* Some inputs also exercise a refusing callback. */
	whole.fail_at = data[0] >= 0x80 ? (size_t)(data[0] & 7) : SIZE_MAX;
	chunked = whole;
	run(&whole, enc, data + 2, size - 2, 0);
	run(&chunked, enc, data + 2, size - 2, seed);
	if (whole.h != chunked.h || whole.records != chunked.records)
		abort();
	return 0;
}
