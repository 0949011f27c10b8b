/* SPDX-License-Identifier: MIT */
/*
 * The inspection report as JSON (the commands' other documents are in
 * show_*.c, beside their text). Keys are stable: documented in docs/ and
 * append-only.
 */
#ifndef FA_JSON_H
#define FA_JSON_H

#include <stdio.h>

#include "error.h"
#include "report.h"

/*
 * The inspection report as a JSON document (docs/report-json.md, schema
 * docs/report-json.schema.json): cover, verdict, counts, cautions,
 * deviations, sections with their findings, housing, overcharges,
 * mismatches, checklist, data quality and annex, keys in a fixed order,
 * indented, ending in a newline. Money in integer cents, unknown numbers
 * null. Personal data ("person" on worker findings) only when the report
 * was built with reveal_personal. Written to out as it is made (a large
 * package's report is never held whole in memory). Returns FA_OK,
 * FA_ERR_NOMEM or FA_ERR_IO (a write failed).
 */
enum fa_code fa_json_write_report(FILE *out, const struct fa_report *r,
				  struct fa_error *err);

#endif
