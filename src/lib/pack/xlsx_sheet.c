/* SPDX-License-Identifier: MIT */
/*
 * A sheet of a workbook streamed row by row (fa_xlsx_read): the cells of
 * one row gathered, checked in order and handed on as one record; only
 * that row is held. xlsx_cell.c gives each cell's value.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_impl.h"

enum cell_type { T_NUMBER, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE };

/* One fa_xlsx_read: the row being built and the cell being read. */
struct sheet_read {
	struct fa_xlsx *x;
	char where[FA_ERROR_WHERE_MAX];
	fa_csv_record_fn fn;
	void *ctx;
	size_t records;
	int in_data; /* inside <sheetData> */
	/* the row */
	int in_row;
	unsigned long row; /* its number; 0 before the first */
	unsigned long col; /* the last cell's column, 0 before the first */
	struct fa_xlsx_buf rowtext;
	size_t n_fields; /* up to the last non-empty cell */
	size_t off[FA_CSV_MAX_FIELDS], len[FA_CSV_MAX_FIELDS];
	struct fa_csv_field fields[FA_CSV_MAX_FIELDS];
	/* the cell */
	int in_cell, in_v, in_is, in_t, in_rph, too_long;
	enum cell_type type;
	unsigned long style;
	struct fa_xlsx_buf text; /* <v> or the inline string's <t> runs */
};

/* "C7" */
static void cell_name(char out[24], unsigned long col, unsigned long row)
{
	fa_xlsx_column_name(out, col);
	snprintf(out + strlen(out), 24 - strlen(out), "%lu", row);
}

static enum fa_code cell_error(struct sheet_read *rd, struct fa_error *err,
			       enum fa_code code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static enum fa_code cell_error(struct sheet_read *rd, struct fa_error *err,
			       enum fa_code code, const char *fmt, ...)
{
	char cell[24], msg[FA_ERROR_MESSAGE_MAX];
	va_list ap;

	cell_name(cell, rd->col, rd->row);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fa_error_add(err, code, rd->where, rd->row, rd->col,
			    "cell %s %s", cell, msg);
}

/*
 * A cell reference "AB12": 1 to 3 capital letters and a row number, within
 * the sheet Excel defines. 0, or -1.
 */
static int parse_ref(unsigned long *col, unsigned long *row, const char *r)
{
	unsigned long c = 0;
	int letters = 0;

	for (; *r >= 'A' && *r <= 'Z' && letters < 4; r++, letters++)
		c = c * 26 + (unsigned long)(*r - 'A' + 1);
	if (letters == 0 || letters > 3 || c > FA_XLSX_SHEET_COLUMNS ||
	    *r == '0')
		return -1;
	if (fa_xlsx_parse_uint(row, r, FA_XLSX_SHEET_ROWS) != 0 || *row == 0)
		return -1;
	*col = c;
	return 0;
}

static enum fa_code row_start(struct sheet_read *rd,
			      const struct fa_xml_attr *a, size_t n,
			      struct fa_error *err)
{
	const char *r = fa_xlsx_attr(a, n, "r");
	unsigned long row = rd->row + 1;

	if (r &&
	    (fa_xlsx_parse_uint(&row, r, FA_XLSX_SHEET_ROWS) != 0 || row == 0))
		return fa_error_add(err, FA_ERR_INPUT, rd->where, 0, 0,
				    "row number '%s' is not one Excel can "
				    "hold (1 to %lu): " FA_XLSX_DAMAGED,
				    r, FA_XLSX_SHEET_ROWS);
	if (row > FA_XLSX_SHEET_ROWS)
		return fa_error_add(err, FA_ERR_INPUT, rd->where, 0, 0,
				    "the sheet has more than %lu rows: "
				    "" FA_XLSX_DAMAGED,
				    FA_XLSX_SHEET_ROWS);
	if (row <= rd->row)
		return fa_error_add(err, FA_ERR_INPUT, rd->where, row, 0,
				    "row %lu comes after row %lu: "
				    "" FA_XLSX_DAMAGED,
				    row, rd->row);
	rd->row = row;
	rd->col = 0;
	rd->in_row = 1;
	rd->n_fields = 0;
	rd->rowtext.len = 0;
	return FA_OK;
}

static enum fa_code cell_start(struct sheet_read *rd,
			       const struct fa_xml_attr *a, size_t n,
			       struct fa_error *err)
{
	const char *r = fa_xlsx_attr(a, n, "r");
	const char *t = fa_xlsx_attr(a, n, "t");
	const char *s = fa_xlsx_attr(a, n, "s");
	unsigned long col = rd->col + 1, row = rd->row;
	char prev[24], here[24];

	if (r && parse_ref(&col, &row, r) != 0)
		return fa_error_add(err, FA_ERR_INPUT, rd->where, rd->row, 0,
				    "'%s' is not a cell reference Excel can "
				    "hold (A1 to XFD1048576): " FA_XLSX_DAMAGED,
				    r);
	if (col > FA_XLSX_SHEET_COLUMNS)
		return fa_error_add(err, FA_ERR_INPUT, rd->where, rd->row, 0,
				    "row %lu has more than %d cells: "
				    "" FA_XLSX_DAMAGED,
				    rd->row, FA_XLSX_SHEET_COLUMNS);
	cell_name(here, col, row);
	if (row != rd->row)
		return fa_error_add(err, FA_ERR_INPUT, rd->where, rd->row, 0,
				    "cell %s is in row %lu: " FA_XLSX_DAMAGED,
				    here, rd->row);
	if (col <= rd->col) {
		cell_name(prev, rd->col, rd->row);
		return fa_error_add(err, FA_ERR_INPUT, rd->where, rd->row, col,
				    "cell %s comes after cell %s: "
				    "" FA_XLSX_DAMAGED,
				    here, prev);
	}
	rd->col = col;
	if (!t || strcmp(t, "n") == 0)
		rd->type = T_NUMBER;
	else if (strcmp(t, "s") == 0)
		rd->type = T_SHARED;
	else if (strcmp(t, "inlineStr") == 0)
		rd->type = T_INLINE;
	else if (strcmp(t, "str") == 0)
		rd->type = T_STR;
	else if (strcmp(t, "b") == 0)
		rd->type = T_BOOL;
	else if (strcmp(t, "e") == 0)
		rd->type = T_ERROR;
	else if (strcmp(t, "d") == 0)
		rd->type = T_DATE;
	else
		return cell_error(rd, err, FA_ERR_INPUT,
				  "has the unknown type '%s': " FA_XLSX_DAMAGED,
				  t);
	rd->style = 0;
	if (s && fa_xlsx_parse_uint(&rd->style, s, FA_XLSX_ID_MAX) != 0)
		return cell_error(rd, err, FA_ERR_INPUT,
				  "has the format '%s', which is no number: "
				  "" FA_XLSX_DAMAGED,
				  s);
	if (rd->style && rd->style >= rd->x->n_xf)
		return cell_error(rd, err, FA_ERR_INPUT,
				  "has format %lu, but the workbook defines "
				  "%zu: " FA_XLSX_DAMAGED,
				  rd->style, rd->x->n_xf);
	rd->in_cell = 1;
	rd->in_v = rd->in_is = rd->in_t = rd->in_rph = rd->too_long = 0;
	rd->text.len = 0;
	if (rd->text.s)
		rd->text.s[0] = '\0';
	return FA_OK;
}

/* A number cell: the number, or the date its format shows. */
static enum fa_code number_value(struct sheet_read *rd, char *num,
				 const char *v, struct fa_error *err)
{
	struct fa_xlsx *x = rd->x;
	enum fa_xlsx_fmt kind;
	char cell[24];
	double d;

	d = fa_xlsx_number_syntax(v) ? strtod(v, NULL) : NAN;
	if (!isfinite(d))
		return cell_error(rd, err, FA_ERR_INPUT,
				  "holds '%.40s', which is not a number: "
				  "" FA_XLSX_DAMAGED,
				  v);
	kind = rd->style < x->n_xf ? (enum fa_xlsx_fmt)x->xf_kind[rd->style]
				   : FA_XLSX_NUMBER;
	if (kind == FA_XLSX_NUMBER) {
		fa_xlsx_format_number(num, d);
		return FA_OK;
	}
	cell_name(cell, rd->col, rd->row);
	return fa_xlsx_serial_text(num, FA_XLSX_NUM_LEN, d, kind, x->date1904,
				   rd->where, rd->row, rd->col, cell, err);
}

/* The cell's value as text (*out points into rd, num or the shared
 * strings); "" for an empty cell. */
static enum fa_code cell_value(struct sheet_read *rd, const char **out,
			       size_t *out_len, char *num, struct fa_error *err)
{
	struct fa_xlsx *x = rd->x;
	const char *v = rd->text.s ? rd->text.s : "";
	unsigned long idx;
	enum fa_code rc;

	*out = v;
	*out_len = rd->text.len;
	if (rd->too_long)
		goto too_long;
	if (rd->text.len == 0)
		return FA_OK;
	switch (rd->type) {
	case T_SHARED:
		if (fa_xlsx_parse_uint(&idx, v, FA_XLSX_ID_MAX) != 0 ||
		    idx >= x->n_sst)
			return cell_error(rd, err, FA_ERR_INPUT,
					  "refers to shared string '%.40s', "
					  "but the workbook has %zu: "
					  "" FA_XLSX_DAMAGED,
					  v, x->n_sst);
		*out = x->sst + x->sst_off[idx];
		*out_len = strlen(*out);
		break;
	case T_INLINE:
	case T_STR:
		*out_len = fa_xlsx_decode_escapes(rd->text.s, rd->text.len);
		break;
	case T_ERROR:
		break;
	case T_BOOL:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			return cell_error(rd, err, FA_ERR_INPUT,
					  "holds the boolean '%.40s', which is "
					  "neither 0 nor 1: " FA_XLSX_DAMAGED,
					  v);
		*out = v[0] == '1' ? "TRUE" : "FALSE";
		*out_len = strlen(*out);
		break;
	case T_DATE:
		if (fa_xlsx_iso_text(num, FA_XLSX_NUM_LEN, v) != 0)
			return cell_error(
			    rd, err, FA_ERR_INPUT,
			    "holds the date '%.40s', which is "
			    "not an ISO 8601 date: " FA_XLSX_DAMAGED,
			    v);
		*out = num;
		*out_len = strlen(num);
		break;
	case T_NUMBER:
		rc = number_value(rd, num, v, err);
		if (rc != FA_OK)
			return rc;
		*out = num;
		*out_len = strlen(num);
		break;
	}
	if (*out_len <= FA_CSV_MAX_FIELD_BYTES)
		return FA_OK;
too_long:
	return cell_error(rd, err, FA_ERR_LIMIT,
			  "holds more than %d bytes of text: shorten it",
			  FA_CSV_MAX_FIELD_BYTES);
}

static enum fa_code cell_end(struct sheet_read *rd, struct fa_error *err)
{
	char num[FA_XLSX_NUM_LEN], last[8];
	const char *v;
	size_t len, k;
	enum fa_code rc;

	rd->in_cell = 0;
	rc = cell_value(rd, &v, &len, num, err);
	if (rc != FA_OK || len == 0)
		return rc;
	if (rd->col > FA_CSV_MAX_FIELDS) {
		fa_xlsx_column_name(last, FA_CSV_MAX_FIELDS);
		return cell_error(rd, err, FA_ERR_LIMIT,
				  "is beyond column %s: a row may have at most "
				  "%d columns; move or delete the cells right "
				  "of column %s",
				  last, FA_CSV_MAX_FIELDS, last);
	}
	for (k = rd->n_fields; k + 1 < rd->col; k++)
		rd->len[k] = 0;
	rd->off[rd->col - 1] = rd->rowtext.len;
	rd->len[rd->col - 1] = len;
	rd->n_fields = rd->col;
	if (fa_xlsx_buf_add(&rd->rowtext, v, len) != 0 ||
	    fa_xlsx_buf_add(&rd->rowtext, "", 1) != 0)
		return fa_error_nomem(err, rd->where);
	return FA_OK;
}

static enum fa_code row_end(struct sheet_read *rd, struct fa_error *err)
{
	size_t k;

	rd->in_row = 0;
	if (rd->n_fields == 0)
		return FA_OK;
	for (k = 0; k < rd->n_fields; k++) {
		rd->fields[k].s = rd->len[k] ? rd->rowtext.s + rd->off[k] : "";
		rd->fields[k].len = rd->len[k];
		rd->fields[k].quoted = 0;
	}
	return rd->fn(rd->ctx, rd->records++, rd->row, rd->fields, rd->n_fields,
		      err);
}

static enum fa_code sheet_start(void *ctx, const char *name,
				const struct fa_xml_attr *a, size_t n,
				unsigned long line, struct fa_error *err)
{
	struct sheet_read *rd = ctx;

	(void)line;
	if (!rd->in_data) {
		rd->in_data = strcmp(name, "sheetData") == 0;
		return FA_OK;
	}
	if (rd->in_cell) {
		if (strcmp(name, "v") == 0)
			rd->in_v = 1;
		else if (strcmp(name, "is") == 0)
			rd->in_is = 1;
		else if (strcmp(name, "rPh") == 0)
			rd->in_rph++;
		else if (strcmp(name, "t") == 0 && rd->in_is && !rd->in_rph)
			rd->in_t = 1;
		return FA_OK;
	}
	if (rd->in_row && strcmp(name, "c") == 0)
		return cell_start(rd, a, n, err);
	if (!rd->in_row && strcmp(name, "row") == 0)
		return row_start(rd, a, n, err);
	return FA_OK;
}

static enum fa_code sheet_text(void *ctx, const char *s, size_t len,
			       struct fa_error *err)
{
	struct sheet_read *rd = ctx;

	if (!rd->in_cell || !(rd->in_v || rd->in_t) || rd->too_long)
		return FA_OK;
	/* an inline string's value is its <is>, never a <v> */
	if (rd->in_v && rd->type == T_INLINE)
		return FA_OK;
	if (rd->text.len + len > FA_XLSX_RAW_MAX) {
		rd->too_long = 1;
		return FA_OK;
	}
	if (fa_xlsx_buf_add(&rd->text, s, len) != 0)
		return fa_error_nomem(err, rd->where);
	return FA_OK;
}

static enum fa_code sheet_end(void *ctx, const char *name, struct fa_error *err)
{
	struct sheet_read *rd = ctx;

	if (!rd->in_data)
		return FA_OK;
	if (rd->in_cell) {
		if (strcmp(name, "v") == 0)
			rd->in_v = 0;
		else if (strcmp(name, "is") == 0)
			rd->in_is = 0;
		else if (strcmp(name, "rPh") == 0 && rd->in_rph)
			rd->in_rph--;
		else if (strcmp(name, "t") == 0)
			rd->in_t = 0;
		else if (strcmp(name, "c") == 0)
			return cell_end(rd, err);
		return FA_OK;
	}
	if (rd->in_row && strcmp(name, "row") == 0)
		return row_end(rd, err);
	if (strcmp(name, "sheetData") == 0)
		rd->in_data = 0;
	return FA_OK;
}

enum fa_code fa_xlsx_read(struct fa_xlsx *x, size_t i, fa_csv_record_fn fn,
			  void *ctx, struct fa_error *err)
{
	static const struct fa_xml_stream_callbacks cb = { sheet_start,
							   sheet_end,
							   sheet_text };
	const struct fa_xlsx_sheet *sh;
	struct sheet_read *rd;
	enum fa_code rc;

	assert(x && fn && i < x->n_sheets);
	sh = &x->sheets[i];
	rd = calloc(1, sizeof(*rd));
	if (!rd)
		return fa_error_nomem(err, x->path);
	rd->x = x;
	rd->fn = fn;
	rd->ctx = ctx;
	snprintf(rd->where, sizeof(rd->where), "%s[%s]", x->path, sh->name);
	if (strcmp(sh->kind, "worksheet") != 0)
		rc = fa_error_add(err, FA_ERR_INPUT, rd->where, 0, 0,
				  "the sheet is a %s, not a worksheet: it has "
				  "no cells to read",
				  sh->kind);
	else
		rc = fa_xlsx_read_part(x, sh->part, FA_XLSX_MAX_PART_BYTES, &cb,
				       rd, err);
	free(rd->rowtext.s);
	free(rd->text.s);
	free(rd);
	return rc;
}
