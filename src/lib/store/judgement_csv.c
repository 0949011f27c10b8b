/* SPDX-License-Identifier: MIT */
/*
 * Judgements as CSV: a worksheet whose columns are found by their names
 * in the header, so that the CSV report (docs/report-csv.md) with columns
 * added in a spreadsheet is one. Read through csv.h; the encoding is
 * chosen from the bytes, since no manifest declares it. Private to the
 * judgements parser (judgement_impl.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "judgement_impl.h"
#include "text.h"

enum col { COL_KEY = 0, COL_VERDICT, COL_SEVERITY, COL_NOTE, COL_BY, N_COL };

/* Each column's English and Dutch names. */
static const char *const col_en[N_COL] = { "key", "verdict", "severity", "note",
					   "by" };
static const char *const col_nl[N_COL] = { NULL, "oordeel", "ernst",
					   "toelichting", "door" };

struct sheet {
	struct fa_judgements_build *b;
	long col[N_COL]; /* field index, -1 if absent */
	int header_bad;
};

static int name_is(const struct fa_csv_field *f, const char *name)
{
	const char *s = f->s;
	size_t len = f->len;

	if (!name)
		return 0;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == strlen(name) && strncasecmp(s, name, len) == 0;
}

/*
 * The header: each column's position. The CSV report has a 'severity'
 * column of its own (the rule's: major, minor or observation), so in a
 * header with the report's 'outcome' column the first 'severity' is the
 * report's and the judgement's is a second one (or 'ernst').
 */
static enum fa_code header(struct sheet *sh, unsigned long line,
			   const struct fa_csv_field *f, size_t n,
			   struct fa_error *err)
{
	struct fa_judgements_build *b = sh->b;
	long en[N_COL], nl[N_COL];
	size_t i, c, report_sev = 0;
	int outcome = 0;

	for (i = 0; i < n; i++)
		outcome |= name_is(&f[i], "outcome");
	for (c = 0; c < N_COL; c++) {
		en[c] = nl[c] = -1;
		for (i = 0; i < n; i++) {
			long *at = name_is(&f[i], col_en[c])   ? &en[c]
				   : name_is(&f[i], col_nl[c]) ? &nl[c]
							       : NULL;

			if (!at)
				continue;
			if (c == COL_SEVERITY && at == &en[c] && outcome &&
			    !report_sev++)
				continue; /* the report's own */
			if (*at >= 0) {
				fa_judgements_problem(
				    b, err, FA_ERR_INPUT, line, 0,
				    "column '%s' appears twice (columns %ld "
				    "and %zu): keep one",
				    at == &en[c] ? col_en[c] : col_nl[c],
				    *at + 1, i + 1);
				sh->header_bad = 1;
				continue;
			}
			*at = (long)i;
		}
		if (en[c] >= 0 && nl[c] >= 0) {
			fa_judgements_problem(
			    b, err, FA_ERR_INPUT, line, 0,
			    "columns '%s' and '%s' both give the %s: keep one",
			    col_en[c], col_nl[c], col_en[c]);
			sh->header_bad = 1;
		}
		sh->col[c] = en[c] >= 0 ? en[c] : nl[c];
	}
	if (sh->col[COL_KEY] < 0) {
		fa_judgements_problem(b, err, FA_ERR_INPUT, line, 0,
				      "no 'key' column: add the findings' "
				      "keys (RULE-ID/SUBJECT) in a column "
				      "named 'key'");
		sh->header_bad = 1;
	}
	if (sh->col[COL_VERDICT] < 0) {
		fa_judgements_problem(b, err, FA_ERR_INPUT, line, 0,
				      "no 'verdict' column: add a column "
				      "named 'verdict' (or 'oordeel')");
		sh->header_bad = 1;
	}
	return sh->header_bad ? FA_ERR_INPUT : FA_OK;
}

static enum fa_code on_record(void *ctx, size_t record, unsigned long line,
			      const struct fa_csv_field *f, size_t n,
			      struct fa_error *err)
{
	struct sheet *sh = ctx;
	struct fa_judgement_cells cells;
	const char **cell[N_COL] = { &cells.key, &cells.verdict,
				     &cells.severity, &cells.note, &cells.by };
	size_t c;

	if (record == 0)
		return header(sh, line, f, n, err);
	for (c = 0; c < N_COL; c++)
		*cell[c] = sh->col[c] >= 0 && (size_t)sh->col[c] < n
			       ? f[sh->col[c]].s
			       : NULL;
	return fa_judgements_row(sh->b, line, 0, &cells, err);
}

/*
 * What a spreadsheet saved: UTF-16 with its byte order mark ("Unicode
 * text"), UTF-8 (with or without a mark), or else Windows-1252, which
 * Excel's "CSV" writes on Dutch Windows. A file valid as UTF-8 is read as
 * UTF-8: Windows-1252 text of Dutch names and notes almost never is.
 */
static enum fa_encoding encoding(const unsigned char *p, size_t len)
{
	size_t i = 0;
	int k;

	if (len >= 2 &&
	    ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return FA_ENC_UTF16;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		return FA_ENC_UTF8;
	while (i < len) {
		k = fa_text_utf8_char(p + i, len - i, NULL);
		if (k <= 0)
			return FA_ENC_WINDOWS1252;
		i += (size_t)k;
	}
	return FA_ENC_UTF8;
}

enum fa_code fa_judgements_read_csv(struct fa_judgements_build *b,
				    const unsigned char *buf, size_t len,
				    struct fa_error *err)
{
	struct sheet sh;
	struct fa_csv *csv = NULL;
	enum fa_code rc;
	size_t c;

	memset(&sh, 0, sizeof(sh));
	sh.b = b;
	for (c = 0; c < N_COL; c++)
		sh.col[c] = -1;
	rc =
	    fa_csv_new(&csv, b->where, encoding(buf, len), on_record, &sh, err);
	if (rc == FA_OK)
		rc = fa_csv_feed(csv, buf, len, err);
	if (rc == FA_OK)
		rc = fa_csv_finish(csv, err);
	fa_csv_free(csv);
	if (rc != FA_OK && b->rc == FA_OK)
		b->rc = rc;
	return rc;
}
