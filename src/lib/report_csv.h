/* SPDX-License-Identifier: MIT */
/*
 * The spreadsheet-safe CSV cell that every CSV the reports write shares
 * (report_csv.c: the findings; report_plan.c: the action plan), so that
 * the defence against formula injection has one home. libc stdio only.
 */
#ifndef FA_REPORT_CSV_H
#define FA_REPORT_CSV_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write one cell, the n_parts strings of parts joined, to out: after sep
 * unless first. A cell whose first character is = + - @ TAB or CR gets a
 * leading single quote, so that a spreadsheet shows it as text instead of
 * running it as a formula; a cell holding sep, a double quote, CR or LF is
 * put in double quotes, inner quotes doubled (RFC 4180 with sep for the
 * comma). Write errors stay in out's error indicator.
 */
void fa_report_csv_cell(FILE *out, const char *const *parts, size_t n_parts,
			char sep, int first);

#endif
