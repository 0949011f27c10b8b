/* SPDX-License-Identifier: MIT */
/*
 * Excel workbooks read as tables (xlsx.h): opening. The zip goes through
 * package.c (its bomb, traversal and size checks) and every XML part
 * through xmlload.c's push parser, chunk by chunk as package.c streams
 * it: the workbook and its relationships give the sheets and their
 * parts, styles.xml which cell formats show dates, and the shared strings
 * are kept as one block of text. xlsx_sheet.c reads the sheets.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_impl.h"

#define WORKBOOK_PART "xl/workbook.xml"
#define WORKBOOK_RELS "xl/_rels/workbook.xml.rels"
#define SAVE_AS "save it as \"Excel Workbook (*.xlsx)\""

static enum fa_code book_error(const struct fa_xlsx *x, struct fa_error *err,
			       enum fa_code code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static enum fa_code book_error(const struct fa_xlsx *x, struct fa_error *err,
			       enum fa_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = fa_error_addv(err, code, x->path, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

/* ---- parts --------------------------------------------------------------- */

static void part_where(char *out, size_t size, const struct fa_xlsx *x,
		       const char *part)
{
	snprintf(out, size, "%s[%s]", x->path, part);
}

static enum fa_code feed(void *ctx, const unsigned char *buf, size_t len,
			 struct fa_error *err)
{
	return fa_xml_stream_feed(ctx, buf, len, err);
}

/* Stream part through cb; max bounds its bytes. */
enum fa_code fa_xlsx_read_part(struct fa_xlsx *x, const char *part,
			       unsigned long long max,
			       const struct fa_xml_stream_callbacks *cb,
			       void *ctx, struct fa_error *err)
{
	char where[FA_ERROR_WHERE_MAX];
	struct fa_xml_stream *s = NULL;
	enum fa_code rc;

	part_where(where, sizeof(where), x, part);
	rc = fa_xml_stream_new(&s, where, max, cb, ctx, err);
	if (rc == FA_OK)
		rc = fa_package_read(NULL, x->pkg, part, feed, s, err);
	if (rc == FA_OK)
		rc = fa_xml_stream_finish(s, err);
	fa_xml_stream_free(s);
	return rc;
}

/* A custom number format; seq orders redefinitions of one id. */
struct fmt {
	unsigned long id;
	size_t seq;
	enum fa_xlsx_fmt kind;
};

/* What the parts' callbacks share while the workbook is opened. */
struct open_state {
	struct fa_xlsx *x;
	int in_sheets, in_numfmts, in_xfs;
	/* styles */
	struct fmt *fmts;
	size_t n_fmts;
	unsigned long *xf_fmt;
	/* shared strings */
	int in_si, in_t, in_rph;
	int too_long;
	struct fa_xlsx_buf cur;
};

/* ---- workbook.xml -------------------------------------------------------- */

static enum fa_code wb_start(void *ctx, const char *name,
			     const struct fa_xml_attr *a, size_t n,
			     unsigned long line, struct fa_error *err)
{
	struct open_state *st = ctx;
	struct fa_xlsx *x = st->x;
	struct fa_xlsx_sheet *sh;
	const char *v;

	(void)line;
	if (strcmp(name, "workbookPr") == 0) {
		v = fa_xlsx_attr(a, n, "date1904");
		x->date1904 =
		    v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, "sheets") == 0) {
		st->in_sheets = 1;
	} else if (st->in_sheets && strcmp(name, "sheet") == 0) {
		const char *sheet_name = fa_xlsx_attr(a, n, "name");
		const char *rid = fa_xlsx_attr(a, n, "id");

		if (!sheet_name || !rid)
			return book_error(
			    x, err, FA_ERR_INPUT,
			    "a sheet in " WORKBOOK_PART
			    " has no name or no part: " FA_XLSX_DAMAGED);
		if (x->n_sheets == FA_XLSX_MAX_SHEETS)
			return book_error(
			    x, err, FA_ERR_LIMIT,
			    "the workbook has more than %d sheets: keep the "
			    "sheets to pack in a workbook of their own",
			    FA_XLSX_MAX_SHEETS);
		sh = realloc(x->sheets, (x->n_sheets + 1) * sizeof(*sh));
		if (!sh)
			return fa_error_nomem(err, x->path);
		x->sheets = sh;
		sh = &x->sheets[x->n_sheets];
		memset(sh, 0, sizeof(*sh));
		x->n_sheets++;
		sh->name = strdup(sheet_name);
		sh->rid = strdup(rid);
		if (!sh->name || !sh->rid)
			return fa_error_nomem(err, x->path);
	}
	return FA_OK;
}

static enum fa_code wb_end(void *ctx, const char *name, struct fa_error *err)
{
	struct open_state *st = ctx;

	(void)err;
	if (strcmp(name, "sheets") == 0)
		st->in_sheets = 0;
	return FA_OK;
}

/* ---- the workbook's relationships ---------------------------------------- */

/*
 * A relationship's target as an entry name: relative to the workbook's
 * folder xl/, or absolute from the package root ("/xl/..."); "." and
 * ".." resolved. NULL if it leaves the package or is out of memory
 * (*nomem set).
 */
static char *resolve_target(const char *target, int *nomem)
{
	size_t len = strlen(target);
	char *out = malloc(len + 4);
	const char *p = target;
	size_t o = 0;

	*nomem = !out;
	if (!out)
		return NULL;
	if (*p == '/') {
		p++;
	} else {
		memcpy(out, "xl/", 3);
		o = 3;
	}
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (o == 0) {
				free(out);
				return NULL;
			}
			o--; /* the '/' after the last segment */
			while (o > 0 && out[o - 1] != '/')
				o--;
		} else {
			memcpy(out + o, p, n);
			o += n;
			if (e)
				out[o++] = '/';
		}
		p += n;
		if (*p == '/')
			p++;
	}
	if (o == 0 || out[o - 1] == '/') {
		free(out);
		return NULL;
	}
	out[o] = '\0';
	return out;
}

static enum fa_code rels_start(void *ctx, const char *name,
			       const struct fa_xml_attr *a, size_t n,
			       unsigned long line, struct fa_error *err)
{
	struct open_state *st = ctx;
	struct fa_xlsx *x = st->x;
	const char *id = fa_xlsx_attr(a, n, "Id");
	const char *type = fa_xlsx_attr(a, n, "Type");
	const char *target = fa_xlsx_attr(a, n, "Target");
	const char *mode = fa_xlsx_attr(a, n, "TargetMode");
	const char *kind;
	char **slot = NULL;
	char *part;
	int nomem;
	size_t i;

	(void)line;
	if (strcmp(name, "Relationship") != 0 || !id || !type || !target)
		return FA_OK;
	kind = strrchr(type, '/');
	kind = kind ? kind + 1 : type;
	for (i = 0; i < x->n_sheets && !slot; i++)
		if (strcmp(x->sheets[i].rid, id) == 0 && !x->sheets[i].part)
			slot = &x->sheets[i].part;
	if (slot) {
		x->sheets[i - 1].kind = strdup(kind);
		if (!x->sheets[i - 1].kind)
			return fa_error_nomem(err, x->path);
	} else if (strcmp(kind, "styles") == 0 && !x->styles_part) {
		slot = &x->styles_part;
	} else if (strcmp(kind, "sharedStrings") == 0 && !x->sst_part) {
		slot = &x->sst_part;
	} else {
		return FA_OK;
	}
	if (mode && strcmp(mode, "External") == 0)
		return book_error(x, err, FA_ERR_INPUT,
				  "part '%s' of the workbook lies outside it "
				  "('%s'): " FA_XLSX_DAMAGED,
				  id, target);
	part = resolve_target(target, &nomem);
	if (!part) {
		if (nomem)
			return fa_error_nomem(err, x->path);
		return book_error(
		    x, err, FA_ERR_INPUT,
		    "part '%s' of the workbook has the target "
		    "'%s', which names no file in it: " FA_XLSX_DAMAGED,
		    id, target);
	}
	*slot = part;
	return FA_OK;
}

/* ---- styles.xml ---------------------------------------------------------- */

static enum fa_code styles_start(void *ctx, const char *name,
				 const struct fa_xml_attr *a, size_t n,
				 unsigned long line, struct fa_error *err)
{
	struct open_state *st = ctx;
	struct fa_xlsx *x = st->x;
	unsigned long id = 0;
	const char *v;

	(void)line;
	if (strcmp(name, "numFmts") == 0) {
		st->in_numfmts = 1;
	} else if (strcmp(name, "cellXfs") == 0) {
		st->in_xfs = 1;
	} else if (st->in_numfmts && strcmp(name, "numFmt") == 0) {
		const char *code = fa_xlsx_attr(a, n, "formatCode");

		if (fa_xlsx_parse_uint(&id, fa_xlsx_attr(a, n, "numFmtId"),
				       FA_XLSX_ID_MAX) != 0 ||
		    !code)
			return FA_OK;
		if (st->n_fmts == FA_XLSX_MAX_STYLES)
			return book_error(x, err, FA_ERR_LIMIT,
					  "the workbook has more than %d "
					  "number formats: " FA_XLSX_DAMAGED,
					  FA_XLSX_MAX_STYLES);
		if (!st->fmts) {
			st->fmts =
			    malloc(FA_XLSX_MAX_STYLES * sizeof(*st->fmts));
			if (!st->fmts)
				return fa_error_nomem(err, x->path);
		}
		st->fmts[st->n_fmts].id = id;
		st->fmts[st->n_fmts].seq = st->n_fmts;
		st->fmts[st->n_fmts++].kind = fa_xlsx_classify_format(code);
	} else if (st->in_xfs && strcmp(name, "xf") == 0) {
		v = fa_xlsx_attr(a, n, "numFmtId");
		if (v && fa_xlsx_parse_uint(&id, v, FA_XLSX_ID_MAX) != 0)
			id = 0;
		if (x->n_xf == FA_XLSX_MAX_STYLES)
			return book_error(x, err, FA_ERR_LIMIT,
					  "the workbook has more than %d cell "
					  "formats: " FA_XLSX_DAMAGED,
					  FA_XLSX_MAX_STYLES);
		if (!st->xf_fmt) {
			st->xf_fmt =
			    malloc(FA_XLSX_MAX_STYLES * sizeof(*st->xf_fmt));
			if (!st->xf_fmt)
				return fa_error_nomem(err, x->path);
		}
		st->xf_fmt[x->n_xf++] = id;
	}
	return FA_OK;
}

static enum fa_code styles_end(void *ctx, const char *name,
			       struct fa_error *err)
{
	struct open_state *st = ctx;

	(void)err;
	if (strcmp(name, "numFmts") == 0)
		st->in_numfmts = 0;
	else if (strcmp(name, "cellXfs") == 0)
		st->in_xfs = 0;
	return FA_OK;
}

static int fmt_cmp(const void *a, const void *b)
{
	const struct fmt *p = a, *q = b;

	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Each cell format's kind, from its number format: a custom one (the
 * last definition of its id) else a built-in one. Sorted and searched:
 * a hostile styles.xml may have FA_XLSX_MAX_STYLES of each. */
static enum fa_code resolve_styles(struct open_state *st, struct fa_error *err)
{
	struct fa_xlsx *x = st->x;
	size_t i;

	if (!x->n_xf)
		return FA_OK;
	x->xf_kind = malloc(x->n_xf);
	if (!x->xf_kind)
		return fa_error_nomem(err, x->path);
	if (st->n_fmts)
		qsort(st->fmts, st->n_fmts, sizeof(*st->fmts), fmt_cmp);
	for (i = 0; i < x->n_xf; i++) {
		enum fa_xlsx_fmt kind = fa_xlsx_builtin_format(st->xf_fmt[i]);
		size_t lo = 0, hi = st->n_fmts;

		/* the last entry with this id */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (st->fmts[mid].id <= st->xf_fmt[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && st->fmts[lo - 1].id == st->xf_fmt[i])
			kind = st->fmts[lo - 1].kind;
		x->xf_kind[i] = (unsigned char)kind;
	}
	return FA_OK;
}

/* ---- shared strings ------------------------------------------------------ */

/*
 * A string item <si> is plain <t> or rich text runs <r><t>, joined; the
 * phonetic guide <rPh><t> (Japanese readings) is not part of the value.
 */
static enum fa_code sst_start(void *ctx, const char *name,
			      const struct fa_xml_attr *a, size_t n,
			      unsigned long line, struct fa_error *err)
{
	struct open_state *st = ctx;
	struct fa_xlsx *x = st->x;

	(void)a;
	(void)n;
	(void)line;
	if (strcmp(name, "si") == 0) {
		if (x->n_sst == FA_XLSX_MAX_SHARED_STRINGS)
			return book_error(
			    x, err, FA_ERR_LIMIT,
			    "the workbook has more than %lu shared strings "
			    "(distinct texts): keep the sheets to pack in a "
			    "workbook of their own",
			    (unsigned long)FA_XLSX_MAX_SHARED_STRINGS);
		st->in_si = 1;
		st->in_rph = 0;
		st->too_long = 0;
		st->cur.len = 0;
	} else if (strcmp(name, "rPh") == 0) {
		st->in_rph++;
	} else if (strcmp(name, "t") == 0 && st->in_si && !st->in_rph) {
		st->in_t = 1;
	}
	return FA_OK;
}

static enum fa_code sst_text(void *ctx, const char *s, size_t len,
			     struct fa_error *err)
{
	struct open_state *st = ctx;

	if (!st->in_t || st->too_long)
		return FA_OK;
	if (st->cur.len + len > FA_XLSX_RAW_MAX) {
		st->too_long = 1;
		return FA_OK;
	}
	if (fa_xlsx_buf_add(&st->cur, s, len) != 0)
		return fa_error_nomem(err, st->x->path);
	return FA_OK;
}

/*
 * A string too long for a cell is kept as its first
 * FA_CSV_MAX_FIELD_BYTES + 1 bytes, so that the cell using it is refused
 * by the cell check and named; a string no cell uses costs no error.
 */
static enum fa_code sst_end(void *ctx, const char *name, struct fa_error *err)
{
	struct open_state *st = ctx;
	struct fa_xlsx *x = st->x;
	size_t len;

	if (strcmp(name, "t") == 0) {
		st->in_t = 0;
	} else if (strcmp(name, "rPh") == 0) {
		if (st->in_rph)
			st->in_rph--;
	} else if (strcmp(name, "si") == 0 && st->in_si) {
		st->in_si = 0;
		if (fa_xlsx_buf_add(&st->cur, "", 0) != 0)
			return fa_error_nomem(err, x->path);
		len = fa_xlsx_decode_escapes(st->cur.s, st->cur.len);
		if (st->too_long || len > FA_CSV_MAX_FIELD_BYTES)
			len = FA_CSV_MAX_FIELD_BYTES + 1;
		if (x->sst_len + len + 1 > FA_XLSX_MAX_SHARED_BYTES)
			return book_error(
			    x, err, FA_ERR_LIMIT,
			    "the workbook's shared strings (distinct texts) "
			    "hold more than %llu bytes: keep the sheets to "
			    "pack in a workbook of their own",
			    (unsigned long long)FA_XLSX_MAX_SHARED_BYTES);
		if (x->n_sst == x->sst_off_cap) {
			size_t cap = x->sst_off_cap ? x->sst_off_cap * 2 : 256;
			uint32_t *p =
			    realloc(x->sst_off, cap * sizeof(*x->sst_off));

			if (!p)
				return fa_error_nomem(err, x->path);
			x->sst_off = p;
			x->sst_off_cap = cap;
		}
		if (x->sst_len + len + 1 > x->sst_cap) {
			size_t cap = x->sst_cap ? x->sst_cap : 4096;
			char *p;

			while (cap < x->sst_len + len + 1)
				cap *= 2;
			p = realloc(x->sst, cap);
			if (!p)
				return fa_error_nomem(err, x->path);
			x->sst = p;
			x->sst_cap = cap;
		}
		/* a too-long string's tail is whatever the raw text had */
		if (st->cur.len < len)
			memset(x->sst + x->sst_len, 'x', len);
		memcpy(x->sst + x->sst_len, st->cur.s,
		       len < st->cur.len ? len : st->cur.len);
		x->sst_off[x->n_sst++] = (uint32_t)x->sst_len;
		x->sst_len += len;
		x->sst[x->sst_len++] = '\0';
	}
	return FA_OK;
}

/* ---- opening ------------------------------------------------------------- */

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0,
					    0xA1, 0xB1, 0x1A, 0xE1 };

/*
 * What the first bytes say, before the zip reader: an OLE compound file
 * is an .xls or an encrypted workbook (Excel keeps a password-protected
 * .xlsx in one); anything that does not start as a zip is no workbook.
 */
static enum fa_code sniff(const struct fa_xlsx *x, const unsigned char *b,
			  size_t n, struct fa_error *err)
{
	if (n >= 4 && memcmp(b, ole_magic, 4) == 0)
		return book_error(x, err, FA_ERR_INPUT,
				  "not an Excel workbook (.xlsx): it is an "
				  "Excel 97-2003 workbook (.xls) or a workbook "
				  "protected with a password; open it in "
				  "Excel, remove the password if it has one, "
				  "and " SAVE_AS);
	if (n < 4 || b[0] != 'P' || b[1] != 'K')
		return book_error(x, err, FA_ERR_INPUT,
				  "not an Excel workbook (.xlsx): it is not a "
				  "zip archive; open it in Excel and " SAVE_AS);
	return FA_OK;
}

static enum fa_code load_parts(struct fa_xlsx *x, struct fa_error *err)
{
	static const struct fa_xml_stream_callbacks wb_cb = { wb_start, wb_end,
							      NULL };
	static const struct fa_xml_stream_callbacks rels_cb = { rels_start,
								NULL, NULL };
	static const struct fa_xml_stream_callbacks styles_cb = { styles_start,
								  styles_end,
								  NULL };
	static const struct fa_xml_stream_callbacks sst_cb = { sst_start,
							       sst_end,
							       sst_text };
	struct open_state st;
	enum fa_code rc;
	size_t i;

	memset(&st, 0, sizeof(st));
	st.x = x;
	if (!fa_package_find(x->pkg, WORKBOOK_PART)) {
		const char *what =
		    fa_package_find(x->pkg, "xl/workbook.bin")
			? "it is an Excel binary workbook (.xlsb)"
		    : fa_package_find(x->pkg, "content.xml")
			? "it is an OpenDocument spreadsheet (.ods)"
			: "the zip holds no " WORKBOOK_PART;
		rc = book_error(x, err, FA_ERR_INPUT,
				"not an Excel workbook (.xlsx): %s; open it in "
				"Excel and " SAVE_AS,
				what);
		goto out;
	}
	rc = fa_xlsx_read_part(x, WORKBOOK_PART, FA_XML_MAX_BYTES, &wb_cb, &st,
			       err);
	if (rc != FA_OK)
		goto out;
	if (fa_package_find(x->pkg, WORKBOOK_RELS)) {
		rc = fa_xlsx_read_part(x, WORKBOOK_RELS, FA_XML_MAX_BYTES,
				       &rels_cb, &st, err);
		if (rc != FA_OK)
			goto out;
	}
	for (i = 0; i < x->n_sheets; i++) {
		const struct fa_xlsx_sheet *sh = &x->sheets[i];

		if (!sh->part || !fa_package_find(x->pkg, sh->part)) {
			rc =
			    book_error(x, err, FA_ERR_INPUT,
				       "sheet '%s' has no part '%s' in the "
				       "workbook: " FA_XLSX_DAMAGED,
				       sh->name, sh->part ? sh->part : sh->rid);
			goto out;
		}
	}
	if (x->styles_part && fa_package_find(x->pkg, x->styles_part)) {
		rc = fa_xlsx_read_part(x, x->styles_part, FA_XML_MAX_BYTES,
				       &styles_cb, &st, err);
		if (rc == FA_OK)
			rc = resolve_styles(&st, err);
		if (rc != FA_OK)
			goto out;
	}
	if (x->sst_part && fa_package_find(x->pkg, x->sst_part))
		rc = fa_xlsx_read_part(x, x->sst_part, FA_XLSX_MAX_PART_BYTES,
				       &sst_cb, &st, err);
out:
	free(st.fmts);
	free(st.xf_fmt);
	free(st.cur.s);
	return rc;
}

static enum fa_code open_common(struct fa_xlsx **out, const char *name,
				const void *buf, size_t len, int in_memory,
				struct fa_error *err)
{
	struct fa_xlsx *x;
	enum fa_code rc;

	assert(out);
	*out = NULL;
	x = calloc(1, sizeof(*x));
	if (!x)
		return fa_error_nomem(err, name);
	x->path = strdup(name ? name : "");
	if (!x->path) {
		free(x);
		return fa_error_nomem(err, name);
	}
	rc = buf ? sniff(x, buf, len, err) : FA_OK;
	if (rc != FA_OK)
		goto out;
	rc = in_memory ? fa_package_open_mem(&x->pkg, name, buf, len, err)
		       : fa_package_open(&x->pkg, name, err);
	if (rc == FA_OK)
		rc = load_parts(x, err);
out:
	if (rc != FA_OK) {
		fa_xlsx_free(x);
		return rc;
	}
	*out = x;
	return FA_OK;
}

enum fa_code fa_xlsx_open(struct fa_xlsx **out, const char *path,
			  struct fa_error *err)
{
	unsigned char head[8];
	size_t n = 0;
	int readable = 0;
	FILE *f = fopen(path, "rb");

	/* A file that cannot be read (or a directory) is left to the zip
	 * reader to report. */
	if (f) {
		n = fread(head, 1, sizeof(head), f);
		readable = !ferror(f);
		fclose(f);
	}
	return open_common(out, path, readable ? head : NULL, n, 0, err);
}

enum fa_code fa_xlsx_open_mem(struct fa_xlsx **out, const char *name,
			      const void *buf, size_t len, struct fa_error *err)
{
	static const unsigned char none[1] = { 0 };

	return open_common(out, name, buf ? buf : none, buf ? len : 0, 1, err);
}

size_t fa_xlsx_sheet_count(const struct fa_xlsx *x)
{
	return x->n_sheets;
}

const char *fa_xlsx_sheet_name(const struct fa_xlsx *x, size_t i)
{
	assert(i < x->n_sheets);
	return x->sheets[i].name;
}

void fa_xlsx_free(struct fa_xlsx *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->n_sheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
		free(x->sheets[i].kind);
	}
	free(x->sheets);
	fa_package_free(x->pkg);
	free(x->styles_part);
	free(x->sst_part);
	free(x->xf_kind);
	free(x->sst);
	free(x->sst_off);
	free(x->path);
	free(x);
}
