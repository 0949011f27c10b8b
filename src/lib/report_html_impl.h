/* SPDX-License-Identifier: MIT */
/*
 * Private to the HTML writer. report_html.c: the escaping, the words and
 * the evidence of a finding; report_html_page.c: the page, its style and
 * script, the answer on the first screen, the audit details and the
 * cautions; report_html_findings.c: deviations per requirement,
 * observations and the review items; report_html_periods.c: findings
 * about pay periods summed per worker; report_html_rules.c: the rules and
 * their outcomes per rule set; report_html_tables.c: housing, money owed,
 * mismatches, data quality; report_html_annex.c: the annex of evidence
 * files. Not part of the library's API.
 *
 * The one rule of these files: a string from the model is written with
 * fa_html_esc() (or a helper that calls it); fa_html_raw() and
 * fa_html_fmt() write this code's own markup and numbers only. The
 * filters' data attributes hold keys of this code and numbers (indexes
 * into the page's lists of rule sets and locations), never a string from
 * the model.
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
	/* Built before anything is written (fa_report_write_html): the
	 * locations sorted by id, whose indexes are the location filter's
	 * values; a mark per location (scratch for a block's list); a mark
	 * per manifest file that a listed finding refers to (the annex lists
	 * those documents). */
	const struct fa_report_location **locs;
	size_t n_locs;
	unsigned char *loc_mark;
	unsigned char *doc_ref;
	/* the observations (failures of rules of severity observation),
	 * by rule and subject */
	const struct fa_finding **obs;
	size_t n_obs;
};

/* The page's sections, in order; their ids are the anchors. */
enum fa_html_part {
	FA_HTML_P_CAUTIONS = 0,
	FA_HTML_P_DEVIATIONS,
	FA_HTML_P_OBSERVATIONS,
	FA_HTML_P_CHECKLIST,
	FA_HTML_P_DEDUCTIONS,
	FA_HTML_P_HOUSING,
	FA_HTML_P_RULES,
	FA_HTML_P_MISMATCHES,
	FA_HTML_P_DQ,
	FA_HTML_P_COVER,
	FA_HTML_P_ANNEX,
	FA_HTML_P_COUNT
};

/* A table column: label and width in percent (fixed layout, so that long
 * values wrap inside their column instead of widening the page). */
struct col {
	const char *en, *nl;
	int pct;
};

/*
 * Subjects of a block shown before the rest are folded into a <details>:
 * a block of up to FA_HTML_SHOWN + 1 shows them all (a fold for one more
 * would hide nothing worth the line).
 */
#define FA_HTML_SHOWN 2

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
/* The first len bytes of s, escaped the same way. */
void fa_html_esc_n(struct html *h, const char *s, size_t len);
/* Flush the stream at the end of the page; a failure is recorded. */
void fa_html_flush(struct html *h);
/* A label in the report's language, escaped. */
void fa_html_tr(struct html *h, const char *en, const char *nl);
/* A value escaped, or a dash when NULL or empty. */
void fa_html_val(struct html *h, const char *s);
/* A count, grouped as the report's language writes it ("12,500",
 * "12.500"). */
void fa_html_count(struct html *h, size_t n);
/* "n word": the count and the singular or plural in the report's
 * language. */
void fa_html_counted(struct html *h, size_t n, const char *en1, const char *en,
		     const char *nl1, const char *nl);
/* A number with the report's decimal mark, decimals as fa_numfmt_number. */
void fa_html_dec(struct html *h, double x, int decimals);
/* Money in cents in the report's language ("€1,870.00", "€ 1.870,00"),
 * unbroken; a dash for -1 (unknown). */
void fa_html_money(struct html *h, int64_t cents);

/* Table cells: a value, a count, a number (-1: unknown), money in
 * cents (-1: unknown). */
void fa_html_td(struct html *h, const char *s);
void fa_html_td_code(struct html *h, const char *s);

/* Inline SVG charts: the longest bar, in viewBox units. */
#define FA_HTML_CHART_BAR 400
/* The length of a bar for v of max (0 for none or a negative value). */
int fa_html_bar_len(int64_t v, int64_t max);
/* A legend entry at x: a square of color, then the label. */
void fa_html_legend(struct html *h, int x, const char *color, const char *en,
		    const char *nl);
void fa_html_td_num(struct html *h, size_t n);
void fa_html_td_int(struct html *h, int64_t n);
void fa_html_td_money(struct html *h, int64_t cents);
/* <table class="cls"> with its columns and head; cls is markup. */
void fa_html_table_open(struct html *h, const char *cls, const struct col *c,
			size_t n);
void fa_html_table_close(struct html *h);

/* ---- words ---------------------------------------------------------------
 */

/* An outcome in words, in a span of its class. */
void fa_html_outcome(struct html *h, enum fa_outcome o);
/* The class of a rule's failures: "A-deviation", "B-deviation",
 * "observation" (Dutch "A-afwijking", "B-afwijking", "waarneming"). */
void fa_html_class(struct html *h, enum fa_severity s);
/* The same as a short badge: "A", "B", "W"/"O". */
void fa_html_class_badge(struct html *h, enum fa_severity s);
/* The class filter's key: "a", "b", "obs". */
const char *fa_html_class_key(enum fa_severity s);
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
/* The same for the first len bytes of s (an employee number). */
void fa_html_subject_n(struct html *h, const char *s, size_t len);
/* <section id=...> and its heading. */
void fa_html_section_open(struct html *h, enum fa_html_part p);
/* The heading of part p in the report's language. */
void fa_html_part_name(struct html *h, enum fa_html_part p);
/* The anchor of part p. */
const char *fa_html_part_id(enum fa_html_part p);

/* ---- filters and evidence (report_html.c) --------------------------------
 */

/* The index of a rule set among the report's sections. */
size_t fa_html_set_index(const struct fa_report *r, const struct fa_ruleset *s);
/* The index of location id s[0..len) in h->locs, or -1. */
long fa_html_loc_index(const struct html *h, const char *s, size_t len);
/* The location a finding is about, or NULL: the subject of a location
 * rule, else its fact location_id or location. */
const char *fa_html_finding_location(const struct fa_finding *f);
/*
 * The filters' attributes of a block: ` data-o="OUTCOMES" data-c="CLASS"
 * data-s="SET" data-l="LOCATIONS"`. outcomes: keys of this code, space
 * separated; the locations those of f[0..n) and of unit[0..unit_len)
 * (unit may be NULL), as indexes into h->locs.
 */
void fa_html_filter_attrs(struct html *h, const char *outcomes,
			  const struct fa_rule *rule,
			  const struct fa_finding *const *f, size_t n,
			  const char *unit, size_t unit_len);
/*
 * Where a finding's evidence is: a document's path, linked to its row in
 * the annex, with its SHA-256 (short, the whole in the title); else
 * "FILE:LINE"; nothing without a file. lo..hi: n lines of one file (a
 * worker's pay periods), lo 0: none.
 */
void fa_html_evidence(struct html *h, const struct fa_finding *f);
void fa_html_evidence_lines(struct html *h, const char *file, unsigned long lo,
			    unsigned long hi, size_t n);
/* 1 if f refers to a document the manifest lists (its index in *at). */
int fa_html_document(const struct fa_report *r, const struct fa_finding *f,
		     size_t *at);

/* ---- sections -------------------------------------------------------------
 */

/* report_html_findings.c */
void fa_html_deviations(struct html *h);
void fa_html_observations(struct html *h);
void fa_html_checklist(struct html *h);
/* A finding's remedy, labelled for the mode (remedy / what to fix). */
void fa_html_remedy(struct html *h, const char *text);
/* "What to add to the package: the evidence tables ..." in
 * self-assessment mode, for a rule whose findings fail or need review. */
void fa_html_what_to_add(struct html *h, const struct fa_rule *rule);

/* report_html_rules.c */
void fa_html_rules(struct html *h);

/* report_html_tables.c */
void fa_html_housing(struct html *h);
void fa_html_deductions(struct html *h);
void fa_html_mismatches(struct html *h);
void fa_html_data_quality(struct html *h);

/* report_html_annex.c */
void fa_html_annex(struct html *h);

/* ---- findings about pay periods, per worker (report_html_periods.c) -----
 */

/*
 * A run of findings about one worker's pay periods ("W0012/2025-01-06"):
 * findings sorted by subject keep a worker's periods together.
 */
struct fa_html_worker {
	const char *worker; /* the employee number: worker[0..len) */
	size_t len;
	size_t n;	       /* findings */
	const char *from, *to; /* first and last pay period */
	unsigned long lo, hi;  /* evidence lines */
	size_t n_lines;	       /* findings with an evidence line */
	int64_t cents;	       /* sum of the amount_cents facts */
	int has_cents;	       /* 1: there is one */
};

/* Length of the employee number at the start of a subject. */
size_t fa_html_worker_len(const char *subject);
/* The run of f[0..n) (sorted by subject) that starts at f[0]; its
 * length is w->n. */
void fa_html_worker_run(struct fa_html_worker *w,
			const struct fa_finding *const *f, size_t n);
/* Workers among f[0..n), sorted by subject. */
size_t fa_html_count_workers(const struct fa_finding *const *f, size_t n);
/* "17 pay periods, 2026-06-29 – 2026-10-19 · amount €1,870.00" (the
 * amount if any). */
void fa_html_worker_periods(struct html *h, const struct fa_html_worker *w);
/* 1 if f[0..n) are to be shown a row per worker: failures of a rule
 * about pay periods, FA_HTML_PER_WORKER_MIN or more. */
#define FA_HTML_PER_WORKER_MIN 20
int fa_html_per_worker(const struct fa_finding *const *f, size_t n);

#endif
