/* SPDX-License-Identifier: MIT */
/*
 * What the workbook reader's files share, nothing else includes it:
 * xlsx.c opens a workbook (its parts, shared strings and styles),
 * xlsx_sheet.c reads a sheet's rows, xlsx_cell.c turns a cell's raw text
 * into its value (numbers, dates, escapes).
 */
#ifndef FA_XLSX_IMPL_H
#define FA_XLSX_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "package.h"
#include "xlsx.h"
#include "xmlload.h"

#define FA_XLSX_DAMAGED \
	"the workbook is damaged; open it in Excel and save it again"
/*
 * A cell's raw text may hold Excel's _xHHHH_ escapes, seven bytes for one
 * character: this much raw text may still decode to a cell within
 * FA_CSV_MAX_FIELD_BYTES.
 */
#define FA_XLSX_RAW_MAX (7 * ((size_t)FA_CSV_MAX_FIELD_BYTES + 1))

/* Style and number format ids are 32-bit (xsd:unsignedInt). */
#define FA_XLSX_ID_MAX 0xFFFFFFFFUL

/* Room for a number written out in full: 17 digits and up to 324 zeros. */
#define FA_XLSX_NUM_LEN 400

_Static_assert(FA_XLSX_SHEET_ROWS <= FA_CSV_MAX_ROWS,
	       "a sheet's rows must fit the CSV row limit");
_Static_assert(FA_XLSX_MAX_SHARED_BYTES < UINT32_MAX,
	       "shared-string offsets are 32 bits");

enum fa_xlsx_fmt { FA_XLSX_NUMBER, FA_XLSX_DATE, FA_XLSX_TIME };

struct fa_xlsx_sheet {
	char *name;
	char *rid;  /* relationship id in workbook.xml */
	char *part; /* entry name, once the relationships are read */
	char *kind; /* the relationship type's last word: "worksheet" */
};

struct fa_xlsx {
	char *path;
	struct fa_package *pkg;
	struct fa_xlsx_sheet *sheets;
	size_t n_sheets;
	int date1904;
	char *styles_part, *sst_part;
	unsigned char *xf_kind; /* enum fa_xlsx_fmt per cellXfs index */
	size_t n_xf;
	char *sst; /* shared strings, each NUL-terminated */
	size_t sst_len, sst_cap;
	uint32_t *sst_off;
	size_t n_sst, sst_off_cap;
};

/* A growing string. */
struct fa_xlsx_buf {
	char *s;
	size_t len, cap;
};

/* Append s[0..n); keeps b->s NUL-terminated. -1 if out of memory. */
int fa_xlsx_buf_add(struct fa_xlsx_buf *b, const char *s, size_t n);
/* Attribute name's value in a[0..n), or NULL. */
const char *fa_xlsx_attr(const struct fa_xml_attr *a, size_t n,
			 const char *name);
/* Decimal digits only, no sign or space, value at most max: 0 and *out;
 * else -1 (s may be NULL). */
int fa_xlsx_parse_uint(unsigned long *out, const char *s, unsigned long max);
/* Excel's _xHHHH_ escapes decoded in place; the new length (s[len] is
 * NUL again if it shrank). */
size_t fa_xlsx_decode_escapes(char *s, size_t len);
/* Column 1 "A", 27 "AA", 16384 "XFD". */
void fa_xlsx_column_name(char out[8], unsigned long col);
/* 1 if s is a decimal number as OOXML writes one, else 0. */
int fa_xlsx_number_syntax(const char *s);
/* The shortest decimal that reads back as v, without exponent. */
void fa_xlsx_format_number(char out[FA_XLSX_NUM_LEN], double v);
/* What a custom number format code shows; a built-in format id's. */
enum fa_xlsx_fmt fa_xlsx_classify_format(const char *code);
enum fa_xlsx_fmt fa_xlsx_builtin_format(unsigned long id);
/*
 * Date serial v of cell (named cell, at where:row:col in messages) in a
 * format of kind (FA_XLSX_DATE or FA_XLSX_TIME) as text into out; an
 * impossible day is FA_ERR_INPUT.
 */
enum fa_code fa_xlsx_serial_text(char *out, size_t size, double v,
				 enum fa_xlsx_fmt kind, int date1904,
				 const char *where, unsigned long row,
				 unsigned long col, const char *cell,
				 struct fa_error *err);
/* A t="d" cell's ISO 8601 text as ISO date (and time): 0, or -1. */
int fa_xlsx_iso_text(char *out, size_t size, const char *s);
/* Stream the workbook's entry part through cb, at most max bytes; XML
 * problems are located at "PATH[part]". */
enum fa_code fa_xlsx_read_part(struct fa_xlsx *x, const char *part,
			       unsigned long long max,
			       const struct fa_xml_stream_callbacks *cb,
			       void *ctx, struct fa_error *err);

#endif
