/* SPDX-License-Identifier: MIT */
/*
 * Private to the HTML writer (report_html.c: the page, the escaping and
 * the front matter; report_html_findings.c: verdict, charts, findings per
 * rule set; report_html_tables.c: housing, deductions, mismatches,
 * checklist, data quality, annex). Not part of the library's API.
 *
 * The one rule of these files: a string from the model is written with
 * fa_html_esc() (or a helper that calls it); fa_html_raw() and
 * fa_html_fmt() write this code's own markup and numbers only.
 */
#ifndef FA_REPORT_HTML_IMPL_H
#define FA_REPORT_HTML_IMPL_H

#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* One write of the page. Writes stop at the first failure, which
 * fa_report_write_html turns into FA_ERR_IO. */
struct html {
	FILE *out;
	const struct fa_report *r;
	int failed;
	int errnum;  /* errno of the first failed write */
	int kv_open; /* a key-value row waits for its end tags */
};

/* The page's sections, in order; their ids are the anchors. */
enum fa_html_part {
	FA_HTML_P_COVER = 0,
	FA_HTML_P_CAUTIONS,
	FA_HTML_P_VERDICT,
	FA_HTML_P_CHARTS,
	FA_HTML_P_FINDINGS,
	FA_HTML_P_HOUSING,
	FA_HTML_P_DEDUCTIONS,
	FA_HTML_P_MISMATCHES,
	FA_HTML_P_CHECKLIST,
	FA_HTML_P_DQ,
	FA_HTML_P_ANNEX,
	FA_HTML_P_COUNT
};

/* A table column: label and width in percent (fixed layout, so that long
 * values wrap inside their column instead of widening the page). */
struct col {
	const char *en, *nl;
	int pct;
};

/* ---- writing (report_html.c) ----------------------------------------------
 */

/* This code's markup, a string literal. */
void fa_html_raw(struct html *h, const char *s);
/* Markup with numbers; never a string from the model. */
void fa_html_fmt(struct html *h, const char *f, ...)
    __attribute__((format(printf, 2, 3)));
/* Any other string, escaped: & < > " ' as references, control characters
 * and invalid UTF-8 as U+FFFD. NULL writes nothing. */
void fa_html_esc(struct html *h, const char *s);
/* A label in the report's language, escaped. */
void fa_html_tr(struct html *h, const char *en, const char *nl);
/* A value escaped, or a dash when NULL or empty. */
void fa_html_val(struct html *h, const char *s);

/* Table cells: a value, a count, a number (-1: unknown), money in
 * cents (-1: unknown). */
void fa_html_td(struct html *h, const char *s);
void fa_html_td_num(struct html *h, size_t n);
void fa_html_td_int(struct html *h, int64_t n);
void fa_html_money(struct html *h, int64_t cents);
void fa_html_td_money(struct html *h, int64_t cents);
/* <table class="cls"> with its columns and head; cls is markup. */
void fa_html_table_open(struct html *h, const char *cls, const struct col *c,
			size_t n);
void fa_html_table_close(struct html *h);

/* Words for the model's enums, in the report's language. */
void fa_html_outcome(struct html *h, enum fa_outcome o);
void fa_html_severity(struct html *h, enum fa_severity s);
/* A rule's confidence and the weakest of its values' (reads_values 0:
 * none read), compactly; the legend that explains it, as a paragraph. */
void fa_html_confidence(struct html *h, const struct fa_rule *rule,
			int reads_values, enum fa_confidence values);
void fa_html_confidence_legend(struct html *h);
/* "id edition" of a rule set. */
void fa_html_set_name(struct html *h, const struct fa_ruleset *s);
/* A subject, with the worker's personal data next to it only when the
 * report reveals it. */
void fa_html_subject(struct html *h, const char *s);
/* <section id=...> and its heading; brk: starts a new printed page. */
void fa_html_section_open(struct html *h, enum fa_html_part p, int brk);

/* ---- sections -------------------------------------------------------------
 */

/* report_html_findings.c */
void fa_html_verdict(struct html *h);
void fa_html_charts(struct html *h);
void fa_html_findings(struct html *h);

/* report_html_tables.c */
void fa_html_housing(struct html *h);
void fa_html_deductions(struct html *h);
void fa_html_mismatches(struct html *h);
void fa_html_checklist(struct html *h);
void fa_html_data_quality(struct html *h);
void fa_html_annex(struct html *h);

#endif
