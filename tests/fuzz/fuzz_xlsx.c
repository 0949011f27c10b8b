/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the workbook reader (src/lib/pack/xlsx.c): opens the
 * input as an in-memory workbook and reads every sheet, checking what
 * xlsx.h promises of each record. Any crash, leak or sanitizer report is
 * a bug; refusals are not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct count {
	size_t records;
	unsigned long last_line;
};

static enum fa_code on_record(void *ctx, size_t record, unsigned long line,
			      const struct fa_csv_field *f, size_t n,
			      struct fa_error *err)
{
	struct count *c = ctx;
	size_t i;

	(void)err;
	/* records count up, rows only go down the sheet, a record ends in
	 * a non-empty field and no field is longer than a cell may be */
	if (record != c->records || line <= c->last_line || n == 0 ||
	    n > FA_CSV_MAX_FIELDS || f[n - 1].len == 0)
		abort();
	for (i = 0; i < n; i++)
		if (f[i].len > FA_CSV_MAX_FIELD_BYTES ||
		    strlen(f[i].s) != f[i].len || f[i].quoted)
			abort();
	c->records++;
	c->last_line = line;
	return FA_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fa_error err;
	struct fa_xlsx *x = NULL;
	size_t i;

	fa_error_init(&err);
	if (fa_xlsx_open_mem(&x, "fuzz.xlsx", data, size, &err) != FA_OK) {
		if (err.n == 0 || x)
			abort();
		return 0;
	}
	for (i = 0; i < fa_xlsx_sheet_count(x); i++) {
		struct count c = { 0, 0 };
		enum fa_code rc;

		fa_error_init(&err);
		rc = fa_xlsx_read(x, i, on_record, &c, &err);
		if (rc != err.code || (rc != FA_OK && err.n == 0))
			abort();
		(void)fa_xlsx_sheet_name(x, i);
	}
	fa_xlsx_free(x);
	return 0;
}
