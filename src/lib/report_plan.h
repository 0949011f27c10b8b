/* SPDX-License-Identifier: MIT */
/*
 * The action plan: what the member must repair, one row per deviation
 * (a failure of a major or minor rule) or needs-review item of such a
 * rule, per subject, for the member's HR officer to work through in a
 * spreadsheet (docs/action-plan.md). This module decides the rows, their
 * order, the columns and every cell, in the report's language, from the
 * report model; two writers put them on paper: the CSV in the dialect of
 * Excel with Dutch regional settings (report_plan.c) and the workbook
 * (report_plan_xlsx.c, the only libxlsxwriter user). Findings of
 * observation rules, passes and rules that could not run are not rows:
 * there is nothing for the member to repair. Workers are shown by
 * employee number; their names only with reveal_personal. Never
 * allocates; uses the report model and date.h.
 */
#ifndef FA_REPORT_PLAN_H
#define FA_REPORT_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* The columns, in order. FA_PLAN_NAME is only there with reveal_personal
 * (fa_plan_has_column). */
enum fa_plan_column {
	FA_PLAN_REQUIREMENT = 0, /* rule id and title */
	FA_PLAN_RULE_SET,	 /* id and edition */
	FA_PLAN_ARTICLE,
	FA_PLAN_CLASS,	  /* A-deviation, B-deviation or to review */
	FA_PLAN_SUBJECT,  /* employee number, pay period, location, ... */
	FA_PLAN_NAME,	  /* the worker's name, reveal_personal only */
	FA_PLAN_FOUND,	  /* message, observed and expected, detail */
	FA_PLAN_TODO,	  /* the remedy, or the question to answer */
	FA_PLAN_DEADLINE, /* repair deadline (a date), empty for review */
	FA_PLAN_OWED,	  /* money owed to the worker, or empty */
	FA_PLAN_EVIDENCE, /* file:line, or a document and its SHA-256 */
	FA_PLAN_OWNER,	  /* empty: for the member to fill in */
	FA_PLAN_STATUS,	  /* empty: ditto */
	FA_PLAN_DONE_ON,  /* empty: ditto, a date */
	FA_PLAN_COLUMNS
};

/* What a column holds: text, a date, or money. */
enum fa_plan_kind {
	FA_PLAN_TEXT = 0,
	FA_PLAN_DATE,
	FA_PLAN_MONEY,
};

/* The most pieces a text cell is made of (FA_PLAN_FOUND's). */
#define FA_PLAN_PARTS_MAX 12

/*
 * One cell. Text: parts[0..n_parts) joined (none: empty). Date: year,
 * month, day, or year 0 for an empty cell. Money: cents when has_cents,
 * else empty.
 */
struct fa_plan_cell {
	const char *parts[FA_PLAN_PARTS_MAX];
	size_t n_parts;
	int year, month, day;
	int has_cents;
	int64_t cents;
};

/* One row: its cells, and room for the text they point to that is not
 * the report's (the evidence line number). */
struct fa_plan_row {
	struct fa_plan_cell cell[FA_PLAN_COLUMNS];
	char line[24];
};

/* The number of rows. */
size_t fa_plan_count(const struct fa_report *r);
/*
 * The rows in order: the deviations by repair deadline, then rule (the
 * report's order), then the needs-review items, which have no deadline,
 * by rule. Start with *pos = 0; returns the next row's finding, or NULL
 * after the last one.
 */
const struct fa_finding *fa_plan_next(const struct fa_report *r, size_t *pos);
/* 1 if the plan has column c (the name only with reveal_personal). */
int fa_plan_has_column(const struct fa_report *r, enum fa_plan_column c);
enum fa_plan_kind fa_plan_kind(enum fa_plan_column c);
/* The column's heading, in the report's language. */
const char *fa_plan_heading(const struct fa_report *r, enum fa_plan_column c);
/* The sheet's name: "Action plan" or "Actieplan". */
const char *fa_plan_title(const struct fa_report *r);
/* The cells of f's row into *row; they borrow from r, f and row. */
void fa_plan_row(struct fa_plan_row *row, const struct fa_report *r,
		 const struct fa_finding *f);

/* Flush out: FA_OK, or FA_ERR_IO "cannot write the action plan" with
 * errno's reason when the plan's writer set errno to 0 before writing. */
enum fa_code fa_plan_flush(FILE *out, struct fa_error *err);

/*
 * The writers: the whole plan to out. FA_OK, or FA_ERR_IO when writing
 * failed (the caller discards the file). The workbook is made in a
 * private temporary directory (tempdir.h) and then copied to out, so it
 * may also fail with FA_ERR_NOMEM, FA_ERR_LIMIT (more rows than an Excel
 * sheet holds, or too many temporary directories at once) and FA_ERR_IO
 * (the directory or the workbook cannot be made).
 */
enum fa_code fa_report_write_plan_csv(FILE *out, const struct fa_report *r,
				      struct fa_error *err);
enum fa_code fa_report_write_plan_xlsx(FILE *out, const struct fa_report *r,
				       struct fa_error *err);

#endif
