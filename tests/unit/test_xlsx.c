/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the workbook reader (src/lib/pack/xlsx.c). The workbooks
 * are the .xlsx files of fixtures/xlsx, written part by part by
 * fixtures/xlsx/build.py; every expected value below is worked out by hand from
 * the cell as that script writes it, never taken from the reader's output. A
 * sheet is read into a transcript: one line "record@row: field|field|..." per
 * record.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xlsx.h"

struct transcript {
	char s[8192];
	size_t len;
};

static enum fa_code on_record(void *ctx, size_t record, unsigned long line,
			      const struct fa_csv_field *f, size_t n,
			      struct fa_error *err)
{
	struct transcript *t = ctx;
	size_t i;
	int k;

	(void)err;
	assert_true(n > 0 && n <= FA_CSV_MAX_FIELDS);
	k = snprintf(t->s + t->len, sizeof(t->s) - t->len, "%zu@%lu:", record,
		     line);
	assert_true(k > 0 && (size_t)k < sizeof(t->s) - t->len);
	t->len += (size_t)k;
	for (i = 0; i < n; i++) {
		assert_int_equal(f[i].quoted, 0);
		assert_int_equal(strlen(f[i].s), f[i].len);
		assert_true(t->len + f[i].len + 2 < sizeof(t->s));
		if (i)
			t->s[t->len++] = '|';
		memcpy(t->s + t->len, f[i].s, f[i].len);
		t->len += f[i].len;
	}
	t->s[t->len++] = '\n';
	t->s[t->len] = '\0';
	return FA_OK;
}

static const char *fixture(const char *name)
{
	static char path[512];
	const char *dir = getenv("FA_FIXTURES");

	snprintf(path, sizeof(path), "%s/xlsx/%s", dir ? dir : "fixtures",
		 name);
	return path;
}

static const char *diag(const struct fa_error *err, size_t i)
{
	static char buf[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];

	assert_true(i < err->n);
	fa_diag_format(buf, sizeof(buf), &err->diag[i]);
	return buf;
}

static struct fa_xlsx *open_ok(const char *name)
{
	struct fa_xlsx *x = NULL;
	struct fa_error err;

	fa_error_init(&err);
	if (fa_xlsx_open(&x, fixture(name), &err) != FA_OK)
		fail_msg("%s", diag(&err, 0));
	return x;
}

/* Sheet named sheet of x, read into t; the code of the read. */
static enum fa_code read_sheet(struct fa_xlsx *x, const char *sheet,
			       struct transcript *t, struct fa_error *err)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	fa_error_init(err);
	for (i = 0; i < fa_xlsx_sheet_count(x); i++)
		if (strcmp(fa_xlsx_sheet_name(x, i), sheet) == 0)
			return fa_xlsx_read(x, i, on_record, t, err);
	fail_msg("no sheet %s", sheet);
	return FA_ERR_INTERNAL;
}

/* Read sheet of fixture name and expect the single problem want. */
static void expect_sheet_error(const char *sheet, enum fa_code code,
			       const char *want)
{
	struct fa_xlsx *x = open_ok("broken.xlsx");
	struct transcript t;
	struct fa_error err;
	char full[1024];

	assert_int_equal(read_sheet(x, sheet, &t, &err), code);
	assert_int_equal(err.code, code);
	assert_int_equal(err.n, 1);
	snprintf(full, sizeof(full), "%s%s", fixture("broken.xlsx"), want);
	assert_string_equal(diag(&err, 0), full);
	fa_xlsx_free(x);
}

static void expect_open_error(const char *name, enum fa_code code,
			      const char *want)
{
	struct fa_xlsx *x = NULL;
	struct fa_error err;
	char full[1024];

	fa_error_init(&err);
	assert_int_equal(fa_xlsx_open(&x, fixture(name), &err), code);
	assert_null(x);
	assert_int_equal(err.n, 1);
	snprintf(full, sizeof(full), "%s: %s", fixture(name), want);
	assert_string_equal(diag(&err, 0), full);
}

/* ---- values -------------------------------------------------------------- */

static void test_xlsx__sheets_in_workbook_order(void **state)
{
	struct fa_xlsx *x = open_ok("basic.xlsx");

	(void)state;
	assert_int_equal(fa_xlsx_sheet_count(x), 2);
	assert_string_equal(fa_xlsx_sheet_name(x, 0), "Staff");
	assert_string_equal(fa_xlsx_sheet_name(x, 1), "Housing");
	fa_xlsx_free(x);
}

/*
 * The Staff sheet as build.py writes it, cell by cell:
 * row 1: shared strings 0-4.
 * row 2: shared string 5 is two rich text runs "Jan " + "de Vries"; 38.5;
 *   45658 in a date format: from 1899-12-30 (the base from serial 61 on)
 *   to 1900-01-01 is 2 days, 1900..2024 are 125 years with 31 leap years
 *   (1904..2024; 1900 is none) = 45656 days: 45658 is 2025-01-01; t="b" 1
 *   is TRUE; an inline string.
 * row 3: shared string 6 "Ana" without its phonetic guide "ANA"; 14.06;
 *   59 counts from 1899-12-31: 31 days of January and 28 of February,
 *   1900-02-28; FALSE; a formula's cached string "Ana!".
 * row 4 is missing: no record. row 5: inline runs "Pi" + "et"; B5 and D5
 *   missing: ""; 61 is the day after the counted 1900-02-29: 1900-03-01;
 *   the error value #N/A.
 * row 6: only empty cells (a styled cell, the empty shared string 8, a
 *   formula without result): no record.
 * row 7: 1 in a date format is 1900-01-01; the cached 77 of a formula;
 *   45658.75 in "dd\-mm\-yyyy hh:mm": 0.75 day is 18:00; 12.5 in
 *   '#,##0.00 "dagen"' is a number (the d is quoted); 0.75 in "[h]:mm"
 *   is 18 hours; -2 in "[Red]0.00" is a number; 0.3125 in built-in 20
 *   (h:mm) is 7.5 hours, 07:30:00; "3.10" in "0.00" is the number 3.1.
 * row 8: numbers as written, shortest: -0.5, 1234567.89, 3; the double
 *   nearest 4.5999999999999996 is the one nearest 4.6; 1E-3 is 0.001;
 *   0.30000000000000004 (what 0.1 + 0.2 gives) is 0.3, since Excel keeps
 *   and shows 15 significant digits; 1.5E+20 in full; shared string 7:
 * "_x000D_" is CR, "_x005F_" an underscore (so "_x0041_" stays as text), &amp;
 * and &lt; &gt;.
 */
static void test_xlsx__cell_values_as_text(void **state)
{
	static const char want[] =
	    "0@1:Name|Hours|Start|Active|Note\n"
	    "1@2:Jan de Vries|38.5|2025-01-01|TRUE|inline text\n"
	    "2@3:Ana|14.06|1900-02-28|FALSE|Ana!\n"
	    "3@5:Piet||1900-03-01||#N/A\n"
	    "4@7:1900-01-01|77|2025-01-01 18:00:00|12.5|18:00:00|-2|07:30:00|"
	    "3.1\n"
	    "5@8:-0.5|1234567.89|3|4.6|0.001|0.3|"
	    "150000000000000000000|a\r\nb _x0041_ & <c>\n";
	struct fa_xlsx *x = open_ok("basic.xlsx");
	struct transcript t;
	struct fa_error err;

	(void)state;
	assert_int_equal(read_sheet(x, "Staff", &t, &err), FA_OK);
	assert_string_equal(t.s, want);
	/* a sheet can be read again */
	assert_int_equal(read_sheet(x, "Staff", &t, &err), FA_OK);
	assert_string_equal(t.s, want);
	fa_xlsx_free(x);
}

/* Housing: its relationship target is absolute (/xl/worksheets/...);
 * rows and cells without r follow the one before; B10 then C10. */
static void test_xlsx__rows_and_cells_without_reference(void **state)
{
	struct fa_xlsx *x = open_ok("basic.xlsx");
	struct transcript t;
	struct fa_error err;

	(void)state;
	assert_int_equal(read_sheet(x, "Housing", &t, &err), FA_OK);
	assert_string_equal(t.s, "0@1:Address|Beds\n"
				 "1@2:Dorpsstraat 1|4\n"
				 "2@10:|2|3\n");
	fa_xlsx_free(x);
}

/*
 * The 1900 system: 1 is 1900-01-01 and 59 1900-02-28 (from 1899-12-31);
 * 61 is 1900-03-01 (from 1899-12-30, the counted 1900-02-29 skipped);
 * 45658 is 2025-01-01 (above); 2958465 the last day Excel shows,
 * 9999-12-31 (8099 years after 1900 with 1962 leap years: 1900-03-01 is
 * serial 61, 9999-12-31 is 2958465); 0.99999 of a day is 86399.1
 * seconds, 23:59:59 to the second; 44196 is 1462 days before 45658:
 * 2024 (366), 2023, 2022, 2021 (365 each) make 1461 to 2021-01-01, one
 * more is 2020-12-31, and .5 is noon.
 */
static void test_xlsx__dates_1900_system(void **state)
{
	struct fa_xlsx *x = open_ok("date1900.xlsx");
	struct transcript t;
	struct fa_error err;

	(void)state;
	assert_int_equal(read_sheet(x, "Dates", &t, &err), FA_OK);
	assert_string_equal(t.s, "0@1:1900-01-01|1900-02-28|1900-03-01|"
				 "2025-01-01|9999-12-31|2025-01-01 23:59:59|"
				 "2020-12-31 12:00:00\n");
	fa_xlsx_free(x);
}

/*
 * The 1904 system (workbookPr date1904="1"): 0 is 1904-01-01, 1 the day
 * after; 44196 is 2025-01-01, since 1904-01-01 is serial 1462 in the 1900
 * system (1900-1903: 4 x 365 days, plus 1899-12-30 and -31) and
 * 44196 + 1462 = 45658.
 */
static void test_xlsx__dates_1904_system(void **state)
{
	struct fa_xlsx *x = open_ok("date1904.xlsx");
	struct transcript t;
	struct fa_error err;

	(void)state;
	assert_int_equal(read_sheet(x, "Dates", &t, &err), FA_OK);
	assert_string_equal(t.s, "0@1:1904-01-01|1904-01-02|2025-01-01|"
				 "2025-01-01 12:00:00\n");
	fa_xlsx_free(x);
}

/* ---- problems in a sheet ------------------------------------------------- */

static void test_xlsx__serial_60_refused(void **state)
{
	(void)state;
	expect_sheet_error("serial60", FA_ERR_INPUT,
			   "[serial60]:7:3: cell C7 holds the date serial 60, "
			   "the day 1900-02-29 that Excel counts but that "
			   "never existed: enter the date again");
}

static void test_xlsx__serial_outside_range_refused(void **state)
{
	(void)state;
	expect_sheet_error("serial0", FA_ERR_INPUT,
			   "[serial0]:1:2: cell B1 holds the date serial 0, "
			   "which Excel shows as the day 1900-01-00 that does "
			   "not exist: enter the date again");
	expect_sheet_error("serial_max", FA_ERR_INPUT,
			   "[serial_max]:1:1: cell A1 holds the date serial "
			   "2958466, outside the days from 1900-01-01 to "
			   "9999-12-31 that Excel can show: enter the date "
			   "again");
}

static void test_xlsx__doctype_and_entity_refused(void **state)
{
	(void)state;
	expect_sheet_error("doctype", FA_ERR_INPUT,
			   "[xl/worksheets/sheet1.xml]:2: document type "
			   "declarations are not allowed");
}

/* bad_xml is broken.xlsx's tenth sheet; its line 2 is 123 characters
 * long and ends in the mismatched "</row>", after which libxml2 places
 * the column. */
static void test_xlsx__malformed_sheet_located(void **state)
{
	(void)state;
	expect_sheet_error("bad_xml", FA_ERR_INPUT,
			   "[xl/worksheets/sheet10.xml]:2:124: opening and "
			   "ending tag mismatch: c line 2 and row");
}

static void test_xlsx__shared_string_out_of_range(void **state)
{
	(void)state;
	/* broken.xlsx has one shared string: index 0 is fine, 1 is not */
	expect_sheet_error("sst_range", FA_ERR_INPUT,
			   "[sst_range]:3:2: cell B3 refers to shared string "
			   "'1', but the workbook has 1: the workbook is "
			   "damaged; open it in Excel and save it again");
}

static void test_xlsx__rows_out_of_order(void **state)
{
	(void)state;
	expect_sheet_error("row_order", FA_ERR_INPUT,
			   "[row_order]:3: row 3 comes after row 5: the "
			   "workbook is damaged; open it in Excel and save it "
			   "again");
	expect_sheet_error("cell_order", FA_ERR_INPUT,
			   "[cell_order]:4:2: cell B4 comes after cell D4: "
			   "the workbook is damaged; open it in Excel and save "
			   "it again");
}

/* Column IV (256) is the last one a row may use; an empty cell further
 * right (XFD1, only a format) is no field. */
static void test_xlsx__column_limit(void **state)
{
	struct fa_xlsx *x = open_ok("broken.xlsx");
	struct transcript t;
	struct fa_error err;
	char want[1024];
	size_t len, i;

	(void)state;
	assert_int_equal(read_sheet(x, "at_limit", &t, &err), FA_OK);
	len = (size_t)snprintf(want, sizeof(want), "0@1:1");
	for (i = 2; i < 256; i++)
		want[len++] = '|';
	snprintf(want + len, sizeof(want) - len, "|256\n");
	assert_string_equal(t.s, want);
	fa_xlsx_free(x);
	expect_sheet_error("beyond", FA_ERR_LIMIT,
			   "[beyond]:2:257: cell IW2 is beyond column IV: a "
			   "row may have at most 256 columns; move or delete "
			   "the cells right of column IV");
}

/* The callback's own code stops the read and comes back unchanged. */
static enum fa_code refuse(void *ctx, size_t record, unsigned long line,
			   const struct fa_csv_field *f, size_t n,
			   struct fa_error *err)
{
	(void)ctx;
	(void)f;
	(void)n;
	if (record < 1)
		return FA_OK;
	return fa_error_add(err, FA_ERR_INTEGRITY, "cb", line, 0, "refused");
}

static void test_xlsx__callback_stops_read(void **state)
{
	struct fa_xlsx *x = open_ok("basic.xlsx");
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_xlsx_read(x, 0, refuse, NULL, &err),
			 FA_ERR_INTEGRITY);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0), "cb:2: refused");
	fa_xlsx_free(x);
}

/* ---- files that are no workbook ------------------------------------------ */

static void test_xlsx__xls_signature_refused(void **state)
{
	(void)state;
	expect_open_error("old.xls", FA_ERR_INPUT,
			  "not an Excel workbook (.xlsx): it is an Excel "
			  "97-2003 workbook (.xls) or a workbook protected "
			  "with a password; open it in Excel, remove the "
			  "password if it has one, and save it as \"Excel "
			  "Workbook (*.xlsx)\"");
}

static void test_xlsx__not_a_zip_refused(void **state)
{
	(void)state;
	expect_open_error("not-a-zip.xlsx", FA_ERR_INPUT,
			  "not an Excel workbook (.xlsx): it is not a zip "
			  "archive; open it in Excel and save it as \"Excel "
			  "Workbook (*.xlsx)\"");
	expect_open_error("no-workbook.xlsx", FA_ERR_INPUT,
			  "not an Excel workbook (.xlsx): the zip holds no "
			  "xl/workbook.xml; open it in Excel and save it as "
			  "\"Excel Workbook (*.xlsx)\"");
}

/* The package checks apply: a 2 MiB sheet of blanks compresses far more
 * than FA_PKG_MAX_RATIO allows. */
static void test_xlsx__zip_bomb_refused_by_package_checks(void **state)
{
	struct fa_xlsx *x = NULL;
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_xlsx_open(&x, fixture("bomb.xlsx"), &err),
			 FA_ERR_LIMIT);
	assert_null(x);
	assert_int_equal(err.n, 1);
	assert_non_null(strstr(diag(&err, 0), "xl/worksheets/sheet1.xml"));
	assert_non_null(strstr(diag(&err, 0), "ratio"));
}

/* The same bytes in memory give the same records. */
static void test_xlsx__open_mem_same_as_file(void **state)
{
	FILE *f = fopen(fixture("basic.xlsx"), "rb");
	static unsigned char buf[65536];
	struct fa_xlsx *x = NULL, *y = open_ok("basic.xlsx");
	struct transcript t1, t2;
	struct fa_error err;
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	fa_error_init(&err);
	assert_int_equal(fa_xlsx_open_mem(&x, "mem.xlsx", buf, n, &err), FA_OK);
	assert_int_equal(read_sheet(x, "Staff", &t1, &err), FA_OK);
	assert_int_equal(read_sheet(y, "Staff", &t2, &err), FA_OK);
	assert_string_equal(t1.s, t2.s);
	fa_xlsx_free(x);
	fa_xlsx_free(y);
	fa_error_init(&err);
	assert_int_equal(fa_xlsx_open_mem(&x, "mem.xlsx", buf, 3, &err),
			 FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "mem.xlsx: not an Excel workbook (.xlsx): it is "
			    "not a zip archive; open it in Excel and save it "
			    "as \"Excel Workbook (*.xlsx)\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx__sheets_in_workbook_order),
		cmocka_unit_test(test_xlsx__cell_values_as_text),
		cmocka_unit_test(test_xlsx__rows_and_cells_without_reference),
		cmocka_unit_test(test_xlsx__dates_1900_system),
		cmocka_unit_test(test_xlsx__dates_1904_system),
		cmocka_unit_test(test_xlsx__serial_60_refused),
		cmocka_unit_test(test_xlsx__serial_outside_range_refused),
		cmocka_unit_test(test_xlsx__doctype_and_entity_refused),
		cmocka_unit_test(test_xlsx__malformed_sheet_located),
		cmocka_unit_test(test_xlsx__shared_string_out_of_range),
		cmocka_unit_test(test_xlsx__rows_out_of_order),
		cmocka_unit_test(test_xlsx__column_limit),
		cmocka_unit_test(test_xlsx__callback_stops_read),
		cmocka_unit_test(test_xlsx__xls_signature_refused),
		cmocka_unit_test(test_xlsx__not_a_zip_refused),
		cmocka_unit_test(test_xlsx__zip_bomb_refused_by_package_checks),
		cmocka_unit_test(test_xlsx__open_mem_same_as_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
