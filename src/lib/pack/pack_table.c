/* SPDX-License-Identifier: MIT */
/*
 * One table for pack: which package column each source header is (the
 * package's own English or Dutch name, else the mapping profile), then
 * the source streamed into the package's canonical CSV: UTF-8 without a
 * byte order mark, ',' between fields, LF line ends, the package's column
 * names, ISO dates, decimal points, yes/no, enum values as the schema
 * spells them, the profile's codes. A value that does not parse is kept
 * as written, so that the package check reports it where it is. Columns
 * that are not the package's are left out. The file is hashed as it is
 * written. Uses schema, value, mapping, hash and libc.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"
#include "pack_impl.h"
#include "value.h"

/* Output buffer: hashed and written when full. */
#define OUT_BYTES (256 * 1024)

int pack_column_of(const struct fa_table_spec *t,
		   const struct fa_mapping *profile, const char *h,
		   enum pack_match *how)
{
	const char *s = h, *name;
	size_t len = strlen(h);
	int c;

	fa_value_trim(&s, &len);
	c = fa_schema_column_index(t, s, len);
	if (c >= 0) {
		*how = PACK_MATCH_SCHEMA;
		return c;
	}
	name = profile ? fa_mapping_column(profile, t->name, s, len) : NULL;
	c = name ? fa_schema_column_index(t, name, strlen(name)) : -1;
	*how = c >= 0 ? PACK_MATCH_PROFILE : PACK_MATCH_NONE;
	return c;
}

struct writer {
	struct pack_table *t;
	const struct fa_mapping *profile;
	FILE *f;
	struct fa_sha256 *sha;
	unsigned char *buf;
	size_t len;
	unsigned long pkg_line; /* the package line the next record starts */
	size_t cap_lines;
	char conv[128]; /* a converted value */
	int io_failed;
};

static void flush(struct writer *w)
{
	if (!w->len)
		return;
	fa_sha256_update(w->sha, w->buf, w->len);
	if (fwrite(w->buf, 1, w->len, w->f) != w->len)
		w->io_failed = 1;
	w->len = 0;
}

static void put(struct writer *w, const char *s, size_t n)
{
	while (n) {
		size_t k = OUT_BYTES - w->len;

		if (k > n)
			k = n;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == OUT_BYTES)
			flush(w);
	}
}

/* A field, quoted when it holds a separator, quote or line end; counts
 * the line ends it adds to the package. */
static void put_field(struct writer *w, const char *s, size_t n)
{
	size_t i, a = 0;

	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
	    !memchr(s, '\r', n)) {
		put(w, s, n);
		return;
	}
	put(w, "\"", 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			w->pkg_line++;
		if (s[i] != '"')
			continue;
		put(w, s + a, i + 1 - a);
		put(w, "\"", 1);
		a = i + 1;
	}
	put(w, s + a, n - a);
	put(w, "\"", 1);
}

/* "-12.5", "38", "0.05": digits, at most two decimals after a point; the
 * package's form of a number already. */
static int plain_number(const char *s, size_t len)
{
	size_t i = s[0] == '-' ? 1 : 0, digits = 0, dec = 0;

	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			dec++;
	return digits && i == len && dec <= 2 && (dec || s[len - 1] != '.');
}

static const char *money_text(char *buf, size_t size, int64_t v)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "",
		 u / 100, u % 100);
	return buf;
}

/*
 * The canonical text of s[0..len) for column c, or NULL to keep s as it
 * is (it is canonical already, or it does not parse: the check reports
 * it then).
 */
static const char *canonical(struct writer *w, const struct fa_column_spec *c,
			     const char *s, size_t len)
{
	char iso[FA_DATE_LEN];
	const char *why, *canon;
	size_t n;
	int64_t v;
	int b;

	if (fa_value_empty(s, len))
		return len ? "" : NULL;
	switch (c->type) {
	case FA_COL_DATE:
		if (fa_value_date(iso, s, len, &why) != 0)
			return NULL;
		if (len != 10 || s[4] != '-')
			w->t->n_dutch_dates++;
		memcpy(w->conv, iso, FA_DATE_LEN);
		return w->conv;
	case FA_COL_INT:
		if (fa_value_int(&v, s, len, &why) != 0)
			return NULL;
		snprintf(w->conv, sizeof(w->conv), "%" PRId64, v);
		return w->conv;
	case FA_COL_DECIMAL:
	case FA_COL_MONEY:
		if (plain_number(s, len) ||
		    fa_value_decimal(&v, s, len, 2, &why) != 0)
			return NULL;
		if (memchr(s, ',', len))
			w->t->n_decimal_comma++;
		return money_text(w->conv, sizeof(w->conv), v);
	case FA_COL_BOOL:
		if (fa_value_bool(&b, s, len, &why) != 0)
			return NULL;
		return b ? "yes" : "no";
	case FA_COL_ENUM:
		canon = fa_schema_enum_match(c, s, len, &n);
		if (!canon || n >= sizeof(w->conv))
			return NULL;
		memcpy(w->conv, canon, n);
		w->conv[n] = '\0';
		return w->conv;
	default:
		return NULL;
	}
}

static enum fa_code note_line(struct writer *w, unsigned long src_line,
			      struct fa_error *err)
{
	struct pack_table *t = w->t;
	const unsigned long *last =
	    t->n_lines ? t->line_of + 2 * (t->n_lines - 1) : NULL;

	if (last && src_line - last[1] == w->pkg_line - last[0])
		return FA_OK; /* the same distance: the pair before covers it */
	if (t->n_lines == w->cap_lines) {
		size_t cap = w->cap_lines ? 2 * w->cap_lines : 1024;
		unsigned long *g = realloc(t->line_of, 2 * cap * sizeof(*g));

		if (!g)
			return fa_error_nomem(err, t->src->name);
		t->line_of = g;
		w->cap_lines = cap;
	}
	/* pairs: package line, source line */
	t->line_of[2 * t->n_lines] = w->pkg_line;
	t->line_of[2 * t->n_lines + 1] = src_line;
	t->n_lines++;
	return FA_OK;
}

static enum fa_code write_record(void *ctx, size_t record, unsigned long line,
				 const struct fa_csv_field *fields, size_t n,
				 struct fa_error *err)
{
	struct writer *w = ctx;
	struct pack_table *t = w->t;
	size_t i, first = 1;
	enum fa_code rc;

	if (record == 0) {
		for (i = 0; i < t->n_cols; i++) {
			if (t->cols[i].col < 0)
				continue;
			if (!first)
				put(w, ",", 1);
			first = 0;
			put_field(w, t->spec->cols[t->cols[i].col].name,
				  strlen(t->spec->cols[t->cols[i].col].name));
		}
		put(w, "\n", 1);
		w->pkg_line++;
		return FA_OK;
	}
	if (t->src->kind == PACK_CSV && n != t->n_cols)
		return fa_error_add(err, FA_ERR_INPUT, t->src->name, line, 0,
				    "row has %zu fields, the header has %zu", n,
				    t->n_cols);
	rc = note_line(w, line, err);
	if (rc != FA_OK)
		return rc;
	for (i = 0; i < t->n_cols; i++) {
		const struct fa_column_spec *c;
		const char *s = i < n ? fields[i].s : "", *v;
		size_t len = i < n ? fields[i].len : 0, vlen;

		if (t->cols[i].col < 0)
			continue;
		c = &t->spec->cols[t->cols[i].col];
		if (w->profile) {
			const char *trim = s;
			size_t tlen = len;

			fa_value_trim(&trim, &tlen);
			v = fa_mapping_value(w->profile, t->spec->name, c->name,
					     trim, tlen, &vlen);
			if (v && (vlen != len || memcmp(v, s, len) != 0)) {
				s = v;
				len = vlen;
				t->n_mapped++;
			}
		}
		v = canonical(w, c, s, len);
		if (v && (strlen(v) != len || memcmp(v, s, len) != 0)) {
			t->n_converted++;
			s = v;
			len = strlen(v);
		}
		if (!first)
			put(w, ",", 1);
		first = 0;
		put_field(w, s, len);
	}
	put(w, "\n", 1);
	w->pkg_line++;
	t->rows++;
	return FA_OK;
}

enum fa_code pack_table_write(struct pack_table *t,
			      const struct fa_mapping *profile,
			      struct fa_error *err)
{
	struct writer w;
	enum fa_code rc;

	memset(&w, 0, sizeof(w));
	w.t = t;
	w.profile = profile;
	w.pkg_line = 1;
	w.buf = malloc(OUT_BYTES);
	if (!w.buf)
		return fa_error_nomem(err, t->src->name);
	rc = fa_sha256_new(&w.sha, err);
	if (rc != FA_OK)
		goto out;
	w.f = fopen(t->tmp_path, "wb");
	if (!w.f) {
		rc = fa_error_add(err, FA_ERR_IO, t->tmp_path, 0, 0,
				  "cannot write: %s", strerror(errno));
		goto out;
	}
	rc = pack_source_read(t->src, write_record, &w, NULL, err);
	if (rc != FA_OK)
		goto out;
	flush(&w);
	fa_sha256_hex(t->sha256, w.sha);
	if (fclose(w.f) != 0 || w.io_failed)
		rc = fa_error_add(err, FA_ERR_IO, t->tmp_path, 0, 0,
				  "cannot write: %s", strerror(errno));
	w.f = NULL;
	t->written = rc == FA_OK;
out:
	if (w.f)
		fclose(w.f);
	fa_sha256_free(w.sha);
	free(w.buf);
	return rc;
}

void pack_table_release(struct pack_table *t)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		free(t->cols[i].header);
	free(t->cols);
	free(t->file);
	free(t->tmp_path);
	free(t->line_of);
}
