/* SPDX-License-Identifier: MIT */
/*
 * Excel workbooks (.xlsx) read as tables: the only reader of workbooks,
 * for `flexaudit pack`. A workbook is a zip of XML parts; it is opened
 * with package.h (so the zip-bomb, traversal and size checks of an
 * evidence package apply) and every part is streamed through xmlload.h's
 * safe push parser, never held as a tree: a sheet is read one row at a
 * time and handed on as CSV-like records (csv.h's callback type).
 *
 * Opening reads xl/workbook.xml (sheet names and order, the date system),
 * its relationships (which part holds each sheet), xl/styles.xml (which
 * cell formats show dates) and the shared strings (the texts of all
 * sheets, held while the workbook is open, within limits.h's bounds).
 *
 * A cell's value as text: a string as it is (shared, inline or a
 * formula's string result; rich text runs joined; Excel's _xHHHH_ escapes
 * decoded); a number as the shortest decimal, of at most 15 significant
 * digits as Excel shows it, that reads back as the same double (or, with
 * 15 digits, as the nearest), never with an exponent ("14.06", "3",
 * "-0.5"; 0.1 + 0.2 is "0.3"); a number in a
 * date format as "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when it has a
 * time of day (rounded to the second), in the workbook's 1900 or 1904
 * date system, and a number under 1 in a time-only format (h:mm) as
 * "HH:MM:SS"; a boolean as "TRUE" or "FALSE"; an error as Excel shows it
 * ("#N/A"); a formula as its cached result. The 1900 system counts the
 * day 1900-02-29 that never was, as Excel does: serials 1 to 59 are
 * 1900-01-01 to 1900-02-28, 61 is 1900-03-01, and 60 is refused.
 *
 * Messages name the workbook (where = its path) for problems of the whole
 * workbook, "PATH[PART]" with the XML line and column for a part that is
 * not well-formed XML ("book.xlsx[xl/worksheets/sheet1.xml]"), and
 * "PATH[SHEET]" with line = the row and column = the column (1-based) for
 * a cell ("book.xlsx[Staff]:7:3: cell C7 ..."). Codes: FA_ERR_IO (cannot
 * read the file), FA_ERR_INPUT, FA_ERR_LIMIT, FA_ERR_NOMEM. Some:
 *   not an Excel workbook (.xlsx): it is not a zip archive; ...
 *   not an Excel workbook (.xlsx): it is an Excel 97-2003 workbook (.xls)
 *   or a workbook protected with a password; ...
 *   not an Excel workbook (.xlsx): it has no xl/workbook.xml; ...
 *   cell C7 holds the date serial 60, the day 1900-02-29 that Excel
 *   counts but that never existed: enter the date again
 *   cell IW7 is beyond column IV: a row may have at most 256 columns; ...
 * and the package checks' own (an entry's compression ratio, ...).
 */
#ifndef FA_XLSX_H
#define FA_XLSX_H

#include <stddef.h>

#include "csv.h"
#include "error.h"

struct fa_xlsx; /* opaque */

/*
 * Open the workbook at path and read what every sheet needs (above).
 * *out is the caller's (fa_xlsx_free); NULL on failure.
 */
enum fa_code fa_xlsx_open(struct fa_xlsx **out, const char *path,
			  struct fa_error *err);
/*
 * The same for a workbook held in memory, buf[0..len), named name in
 * messages. buf is borrowed: it must stay unchanged until fa_xlsx_free().
 * FA_ERR_IO cannot occur.
 */
enum fa_code fa_xlsx_open_mem(struct fa_xlsx **out, const char *name,
			      const void *buf, size_t len,
			      struct fa_error *err);

/* The sheets, in the workbook's order (the tabs' order), hidden ones too. */
size_t fa_xlsx_sheet_count(const struct fa_xlsx *x);
/* Sheet i's name (i < fa_xlsx_sheet_count; borrowed, lives as long as x). */
const char *fa_xlsx_sheet_name(const struct fa_xlsx *x, size_t i);

/*
 * Stream sheet i's rows to fn (quoted = 0 in every field): one call per
 * row that has at least one non-empty cell; record = 0-based count of
 * such rows; line = the sheet's row number (1-based, as Excel shows it);
 * fields = cells from column A up to the row's last non-empty cell,
 * missing and empty cells as "". Fields are NUL-terminated UTF-8 valid
 * during the call. Only one row is held at a time. Rows must come in
 * increasing order and a row's cells from left to right (Excel writes
 * them so); a workbook that breaks this is refused as damaged. fn's code
 * other than FA_OK stops the read and is returned unchanged. A chart
 * sheet has no cells: FA_ERR_INPUT. Sheets may be read in any order and
 * more than once.
 */
enum fa_code fa_xlsx_read(struct fa_xlsx *x, size_t i, fa_csv_record_fn fn,
			  void *ctx, struct fa_error *err);
/* Accepts NULL. */
void fa_xlsx_free(struct fa_xlsx *x);

#endif
