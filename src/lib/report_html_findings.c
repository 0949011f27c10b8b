/* SPDX-License-Identifier: MIT */
/*
 * The HTML report's findings: the verdict with the A/B-deviations, the
 * charts (inline SVG written by hand: fixed viewBox, text labels and a
 * title, so they print sharp and read without colour), and the findings
 * of each rule set grouped per rule. See report_html_impl.h.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report_html_impl.h"

static void flags(struct html *h, unsigned fl)
{
	if (fl & FA_FINDING_SAMPLED) {
		fa_html_raw(h, " <span class=\"flag\">");
		fa_html_tr(h, "sampled file", "steekproefdossier");
		fa_html_raw(h, "</span>");
	}
	if (fl & FA_FINDING_UNCERTAIN) {
		fa_html_raw(h, " <span class=\"flag warn\">");
		fa_html_tr(h, "uncertain value (U)", "onzekere waarde (U)");
		fa_html_raw(h, "</span>");
	}
	if (fl & FA_FINDING_PLACEHOLDER) {
		fa_html_raw(h, " <span class=\"flag warn\">");
		fa_html_tr(h, "placeholder value (NF)", "plaatshouder (NF)");
		fa_html_raw(h, "</span>");
	}
}

static void count_row(struct html *h, const char *en, const char *nl, size_t n)
{
	fa_html_raw(h, "<tr><th>");
	fa_html_tr(h, en, nl);
	fa_html_fmt(h, "</th><td class=\"num\">%zu</td></tr>", n);
}

/*
 * Many failures of a rule about pay periods (a deduction above the cap in
 * every week at one location): one row per worker, with how many periods,
 * from when to when, one of them as an example, the amount over all of
 * them and where the evidence is; the JSON and CSV reports keep every
 * period.
 */
#define COMPACT_FAIL_MIN 20

/* The worker of a pay-period subject "W0012/2025-01-06": its length. */
static size_t worker_len(const char *subject)
{
	return strcspn(subject, "/");
}

struct by_worker {
	const struct fa_finding *f;
	size_t at;
};

/* The workers of two subjects, compared. */
static int cmp_worker(const char *a, const char *b)
{
	size_t na = worker_len(a), nb = worker_len(b);
	int c = strncmp(a, b, na < nb ? na : nb);

	if (c)
		return c;
	return (na > nb) - (na < nb);
}

static int cmp_by_worker(const void *a, const void *b)
{
	const struct by_worker *x = a, *y = b;
	int c = cmp_worker(x->f->subject, y->f->subject);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The end of the run of w[i]'s worker in w[0..n). */
static size_t worker_end(const struct by_worker *w, size_t n, size_t i)
{
	size_t k = i + 1;

	while (k < n && cmp_worker(w[k].f->subject, w[i].f->subject) == 0)
		k++;
	return k;
}

/* What a worker's findings w[0..n) about pay periods have in common. */
struct worker_sum {
	char *worker;	       /* the employee number (malloc'd) */
	const char *from, *to; /* first and last pay period */
	unsigned long lo, hi;  /* evidence lines */
	size_t n_lines;	       /* findings with an evidence line */
	int64_t cents;	       /* sum of the amount_cents facts */
	int has_cents;	       /* 1: there is one */
};

/* 0, or -1 out of memory. */
static int sum_worker(struct worker_sum *ws, const struct by_worker *w,
		      size_t n)
{
	const char *subject = w[0].f->subject;
	size_t i, len = worker_len(subject);
	int64_t amount;

	memset(ws, 0, sizeof(*ws));
	ws->worker = malloc(len + 1);
	if (!ws->worker)
		return -1;
	memcpy(ws->worker, subject, len);
	ws->worker[len] = '\0';
	for (i = 0; i < n; i++) {
		const struct fa_finding *f = w[i].f;
		const char *p = f->subject[len] ? f->subject + len + 1 : "";

		if (!ws->from || strcmp(p, ws->from) < 0)
			ws->from = p;
		if (!ws->to || strcmp(p, ws->to) > 0)
			ws->to = p;
		if (f->ref_line) {
			ws->n_lines++;
			if (!ws->lo || f->ref_line < ws->lo)
				ws->lo = f->ref_line;
			if (f->ref_line > ws->hi)
				ws->hi = f->ref_line;
		}
		if (fa_finding_cents(&amount, f, "amount_cents")) {
			/* the report model refuses money whose sums would
			 * not fit (fa_report_new) */
			int fits = fa_report_add_cents(&ws->cents, amount) == 0;

			assert(fits);
			(void)fits;
			ws->has_cents = 1;
		}
	}
	return 0;
}

/* "17 pay periods, 2026-06-29 – 2026-10-19" and the amount, if any. */
static void worker_periods(struct html *h, const struct worker_sum *ws,
			   size_t n)
{
	fa_html_fmt(h, "%zu ", n);
	if (n == 1)
		fa_html_tr(h, "pay period", "loonperiode");
	else
		fa_html_tr(h, "pay periods", "loonperioden");
	if (*ws->from) {
		fa_html_raw(h, ", ");
		fa_html_esc(h, ws->from);
		if (strcmp(ws->from, ws->to) != 0) {
			fa_html_raw(h, " &#8211; ");
			fa_html_esc(h, ws->to);
		}
	}
	if (ws->has_cents) {
		fa_html_raw(h, "<br><span class=\"sub\">");
		fa_html_tr(h, "amount", "bedrag");
		fa_html_raw(h, "</span> ");
		fa_html_money(h, ws->cents);
	}
}

/* A rule's findings about pay periods grouped per worker, all computed
 * before anything is written. */
struct worker_plan {
	struct by_worker *w; /* the findings, by worker */
	size_t n;
	struct worker_sum *sums; /* one per worker */
	size_t *start;		 /* where each worker's findings start in w */
	size_t n_workers;
};

static void plan_free(struct worker_plan *p)
{
	size_t i;

	for (i = 0; p->sums && i < p->n_workers; i++)
		free(p->sums[i].worker);
	free(p->sums);
	free(p->start);
	free(p->w);
	memset(p, 0, sizeof(*p));
}

/* The plan for f[0..n); 0, or -1 out of memory (p empty). */
static int plan_workers(struct worker_plan *p,
			const struct fa_finding *const *f, size_t n)
{
	size_t i, k;

	memset(p, 0, sizeof(*p));
	p->n = n;
	p->w = malloc((n ? n : 1) * sizeof(*p->w));
	if (!p->w)
		return -1;
	for (i = 0; i < n; i++) {
		p->w[i].f = f[i];
		p->w[i].at = i;
	}
	qsort(p->w, n, sizeof(*p->w), cmp_by_worker);
	for (i = 0; i < n; i = worker_end(p->w, n, i))
		p->n_workers++;
	p->sums = calloc(p->n_workers + 1, sizeof(*p->sums));
	p->start = calloc(p->n_workers + 1, sizeof(*p->start));
	if (!p->sums || !p->start) {
		plan_free(p);
		return -1;
	}
	for (i = 0, k = 0; i < n; i = worker_end(p->w, n, i), k++) {
		p->start[k] = i;
		if (sum_worker(&p->sums[k], &p->w[i],
			       worker_end(p->w, n, i) - i) != 0) {
			plan_free(p);
			return -1;
		}
	}
	p->start[p->n_workers] = n;
	return 0;
}

/* "N pay periods of M workers, one row per worker" */
static void plan_head(struct html *h, const struct worker_plan *p)
{
	fa_html_fmt(h, "%zu ", p->n);
	fa_html_tr(h, "pay periods of ", "loonperioden van ");
	fa_html_fmt(h, "%zu ", p->n_workers);
	if (p->n_workers == 1)
		fa_html_tr(h, "worker", "werknemer");
	else
		fa_html_tr(h, "workers", "werknemers");
	fa_html_tr(h,
		   ", one row per worker (the JSON and CSV reports give each "
		   "pay period)",
		   ", een regel per werknemer (het JSON- en CSV-rapport geven "
		   "elke loonperiode)");
}

/* A rule's deviations f[0..n) about pay periods, a row per worker; 0, or
 * -1 out of memory (nothing written). */
static int deviation_rows(struct html *h, const struct fa_finding *const *f,
			  size_t n)
{
	const struct fa_report *r = h->r;
	struct worker_plan p;
	size_t k;

	if (plan_workers(&p, f, n) != 0)
		return -1;
	fa_html_raw(h, "<tr class=\"rule\"><td colspan=\"5\"><b>");
	fa_html_esc(h, f[0]->rule->id);
	fa_html_raw(h, "</b> &#183; ");
	fa_html_esc(h, fa_report_msg(r, &f[0]->rule->title));
	fa_html_raw(h, " ");
	fa_html_confidence(h, f[0]->rule, f[0]->reads_values,
			   f[0]->value_confidence);
	fa_html_raw(h, "<div class=\"sub\">");
	fa_html_val(h, fa_report_article(h->r, f[0]->rule));
	fa_html_raw(h, "</div><div class=\"sub\">");
	plan_head(h, &p);
	fa_html_raw(h, "</div></td></tr>\n");
	for (k = 0; k < p.n_workers; k++) {
		const struct fa_finding *first = p.w[p.start[k]].f;

		fa_html_raw(h, "<tr><td>");
		fa_html_subject(h, p.sums[k].worker);
		fa_html_raw(h, "</td><td>");
		fa_html_severity(h, first->rule->severity);
		fa_html_raw(h, "</td>");
		fa_html_td(h, first->deadline);
		fa_html_raw(h, "<td>");
		worker_periods(h, &p.sums[k], p.start[k + 1] - p.start[k]);
		fa_html_raw(h, "</td><td><span class=\"sub\">");
		fa_html_tr(h, "for example, ", "bijvoorbeeld ");
		fa_html_esc(h, first->subject);
		fa_html_raw(h, ": </span>");
		fa_html_val(h, fa_report_expected(h->r, first));
		fa_html_raw(h, "</td></tr>\n");
	}
	plan_free(&p);
	return 0;
}

/* Rule ids, space separated. */
static void rule_ids(struct html *h, const struct fa_rule *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fa_html_raw(h, i ? " " : "");
		fa_html_esc(h, v[i]->id);
	}
}

/* Ids as given on the command line (--rule, --skip-rule). */
static void names_row(struct html *h, const char *en, const char *nl,
		      const char *const *v, size_t n)
{
	size_t i;

	if (!n)
		return;
	fa_html_raw(h, "<p>");
	fa_html_tr(h, en, nl);
	for (i = 0; i < n; i++) {
		fa_html_raw(h, " <code>");
		fa_html_esc(h, v[i]);
		fa_html_raw(h, "</code>");
	}
	fa_html_raw(h, "</p>\n");
}

/*
 * What was not checked, under the verdict: why the audit is incomplete,
 * each table not supplied with the rules that could not check for want
 * of it, and the rules left out.
 */
static void scope(struct html *h)
{
	static const struct col cols[] = {
		{ "Table not supplied", "Tabel niet aangeleverd", 25 },
		{ "Rules not checked", "Regels niet gecontroleerd", 75 },
	};
	const struct fa_report *r = h->r;
	char why[512];
	size_t i;

	if (!r->incomplete && !r->n_missing)
		return;
	fa_html_raw(h, "<h3 id=\"not-checked\">");
	fa_html_tr(h, "Not checked", "Niet gecontroleerd");
	fa_html_raw(h, "</h3>\n");
	if (r->incomplete) {
		fa_html_raw(h, "<ul>");
		for (i = 0; i < FA_REPORT_REASONS; i++)
			if (fa_report_reason(r, i, NULL, why, sizeof(why))) {
				fa_html_raw(h, "<li>");
				fa_html_esc(h, why);
				fa_html_raw(h, "</li>");
			}
		fa_html_raw(h, "</ul>\n");
	}
	if (r->n_missing) {
		fa_html_table_open(h, "small", cols,
				   sizeof(cols) / sizeof(cols[0]));
		for (i = 0; i < r->n_missing; i++) {
			const struct fa_report_missing *m = &r->missing[i];

			fa_html_raw(h, "<tr><td><code>");
			fa_html_esc(h, m->table->name);
			fa_html_raw(h, "</code> (");
			fa_html_esc(h, m->table->file);
			fa_html_raw(h, ")</td><td>");
			if (m->n_rules)
				rule_ids(h, m->rules, m->n_rules);
			else
				fa_html_tr(h, "none: no rule reads it",
					   "geen: geen regel leest hem");
			fa_html_raw(h, "</td></tr>\n");
		}
		fa_html_table_close(h);
	}
	names_row(h, "Chosen with --rule:", "Gekozen met --rule:", r->opt.only,
		  r->opt.n_only);
	names_row(h, "Skipped with --skip-rule:",
		  "Overgeslagen met --skip-rule:", r->opt.skip, r->opt.n_skip);
	if (r->n_left_out) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "Rules of the bundled rule sets not loaded: ",
			   "Regels van de meegeleverde regelsets die niet "
			   "geladen zijn: ");
		rule_ids(h, r->left_out, r->n_left_out);
		fa_html_raw(h, "</p>\n");
	}
}

void fa_html_verdict(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_eval *e = r->e;
	static const char *const cls[] = { "pos", "posb", "neg", "inc" };
	static const struct col dev[] = {
		{ "Subject", "Onderwerp", 20 },
		{ "Severity", "Zwaarte", 11 },
		{ "Repair by", "Herstel voor", 11 },
		{ "Observed", "Gevonden", 29 },
		{ "Expected", "Verwacht", 29 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_VERDICT, 1);
	fa_html_fmt(h, "<p class=\"verdict %s\">", cls[r->verdict]);
	fa_html_tr(h, "ABU verdict: ", "ABU-oordeel: ");
	fa_html_raw(h, "<b>");
	fa_html_esc(h, fa_report_verdict_text(r));
	fa_html_raw(h, "</b>");
	if (r->incomplete && r->verdict != FA_VERDICT_INCOMPLETE)
		fa_html_tr(h, "; not everything was checked",
			   "; niet alles is gecontroleerd");
	fa_html_raw(h, "</p>\n");
	scope(h);
	fa_html_raw(h, "<table class=\"counts\"><tbody>");
	count_row(h, "Rules run", "Regels gedraaid", r->n_ran);
	count_row(h, "Rules not in force", "Regels niet van kracht",
		  r->n_not_in_force);
	count_row(h, "Rules not checked (table not supplied)",
		  "Regels niet gecontroleerd (tabel niet aangeleverd)",
		  r->n_not_checked);
	count_row(h, "Rules that could not run",
		  "Regels die niet konden draaien", r->n_errors);
	count_row(h, "Pass", "Voldoet", e->counts[FA_OUTCOME_PASS]);
	count_row(h, "Fail", "Afwijking", e->counts[FA_OUTCOME_FAIL]);
	count_row(h, "\xE2\x80\x83of which A (major)",
		  "\xE2\x80\x83waarvan A (zwaar)", e->n_major_fail);
	count_row(h, "\xE2\x80\x83of which B (minor)",
		  "\xE2\x80\x83waarvan B (licht)", e->n_minor_fail);
	count_row(h, "\xE2\x80\x83of which observations",
		  "\xE2\x80\x83waarvan observaties",
		  e->counts[FA_OUTCOME_FAIL] - e->n_major_fail -
		      e->n_minor_fail);
	count_row(h, "Not applicable", "Niet van toepassing",
		  e->counts[FA_OUTCOME_NA]);
	count_row(h, "Needs review", "Te beoordelen",
		  e->counts[FA_OUTCOME_REVIEW]);
	count_row(h, "Error", "Fout", e->counts[FA_OUTCOME_ERROR]);
	fa_html_raw(h, "</tbody></table>\n<h3>");
	fa_html_tr(h, "A- and B-deviations", "A- en B-afwijkingen");
	fa_html_fmt(h, " (%zu)</h3>\n", r->n_deviations);
	if (!r->n_deviations) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "None.", "Geen.");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_confidence_legend(h);
	fa_html_table_open(h, "small dense", dev, sizeof(dev) / sizeof(dev[0]));
	/* Thousands of rows stay short: the rule, its title and article
	 * once per run of rows of that rule (the order is by deadline, and
	 * within a deadline by rule). */
	for (i = 0; i < r->n_deviations; i++) {
		const struct fa_finding *f = r->deviations[i];

		if ((!i || r->deviations[i - 1]->rule != f->rule) &&
		    f->rule->scope == FA_SCOPE_PAY_PERIOD) {
			size_t j = i;

			while (j < r->n_deviations &&
			       r->deviations[j]->rule == f->rule)
				j++;
			if (j - i >= COMPACT_FAIL_MIN &&
			    deviation_rows(h, &r->deviations[i], j - i) == 0) {
				i = j - 1;
				continue;
			}
		}
		if (!i || r->deviations[i - 1]->rule != f->rule) {
			fa_html_raw(h,
				    "<tr class=\"rule\"><td colspan=\"5\"><b>");
			fa_html_esc(h, f->rule->id);
			fa_html_raw(h, "</b> &#183; ");
			fa_html_esc(h, fa_report_msg(r, &f->rule->title));
			fa_html_raw(h, " ");
			fa_html_confidence(h, f->rule, f->reads_values,
					   f->value_confidence);
			fa_html_raw(h, "<div class=\"sub\">");
			fa_html_val(h, fa_report_article(h->r, f->rule));
			fa_html_raw(h, "</div></td></tr>\n");
		}
		fa_html_raw(h, "<tr><td>");
		fa_html_subject(h, f->subject);
		fa_html_raw(h, "</td><td>");
		fa_html_severity(h, f->rule->severity);
		fa_html_raw(h, "</td>");
		fa_html_td(h, f->deadline);
		fa_html_td(h, fa_report_observed(h->r, f));
		fa_html_td(h, fa_report_expected(h->r, f));
		fa_html_raw(h, "</tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}

/* ---- charts -------------------------------------------------------------- */

#define CHART_W 680	/* viewBox width; the page scales it */
#define CHART_LABEL 120 /* left column for names */
#define CHART_BAR 400	/* longest bar; its label after it */

static int bar_len(size_t v, size_t max)
{
	return max ? (int)((double)v * CHART_BAR / (double)max + 0.5) : 0;
}

static void legend(struct html *h, int x, const char *color, const char *en,
		   const char *nl)
{
	fa_html_fmt(
	    h,
	    "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
	    "<text x=\"%d\" y=\"16\">",
	    x, color, x + 16);
	fa_html_tr(h, en, nl);
	fa_html_raw(h, "</text>");
}

static void chart_findings(struct html *h)
{
	const struct fa_report *r = h->r;
	static const char *const color[3] = { "#b3261e", "#e8a317", "#3b6ea8" };
	size_t i, k, max = 1;
	int y = 34;

	for (i = 0; i < r->n_sections; i++) {
		const struct fa_report_section *s = &r->sections[i];
		size_t v[3] = { s->n_major, s->n_minor,
				s->counts[FA_OUTCOME_REVIEW] };

		for (k = 0; k < 3; k++)
			max = v[k] > max ? v[k] : max;
	}
	fa_html_fmt(h,
		    "<figure><svg viewBox=\"0 0 %d %zu\" role=\"img\" "
		    "aria-labelledby=\"chart-findings-t\"><title "
		    "id=\"chart-findings-t\">",
		    CHART_W, 40 + r->n_sections * 54);
	fa_html_tr(
	    h,
	    "Findings by rule set and severity: fail major, fail minor, "
	    "needs review",
	    "Uitkomsten per regelset en zwaarte: afwijking A, afwijking B, "
	    "te beoordelen");
	fa_html_raw(h, "</title>");
	legend(h, CHART_LABEL, color[0], "fail A (major)", "afwijking A");
	legend(h, CHART_LABEL + 150, color[1], "fail B (minor)", "afwijking B");
	legend(h, CHART_LABEL + 300, color[2], "needs review", "te beoordelen");
	for (i = 0; i < r->n_sections; i++, y += 54) {
		const struct fa_report_section *s = &r->sections[i];
		size_t v[3] = { s->n_major, s->n_minor,
				s->counts[FA_OUTCOME_REVIEW] };

		fa_html_fmt(h,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			    "class=\"lbl\">",
			    CHART_LABEL - 8, y + 22);
		fa_html_set_name(h, s->set);
		fa_html_raw(h, "</text>");
		for (k = 0; k < 3; k++) {
			int w = bar_len(v[k], max), by = y + (int)k * 15;

			fa_html_fmt(h,
				    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"12\" fill=\"%s\"/><text x=\"%d\" "
				    "y=\"%d\">%zu</text>",
				    CHART_LABEL, by, w, color[k],
				    CHART_LABEL + w + 4, by + 10, v[k]);
		}
	}
	fa_html_fmt(h,
		    "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#555\"/></svg><figcaption>",
		    CHART_LABEL, CHART_LABEL, y - 6);
	fa_html_tr(
	    h, "Figure 1. Findings by rule set and severity (kept findings).",
	    "Figuur 1. Uitkomsten per regelset en zwaarte (bewaarde "
	    "uitkomsten).");
	fa_html_raw(h, "</figcaption></figure>\n");
}

static void chart_occupancy(struct html *h)
{
	const struct fa_report *r = h->r;
	size_t i, max = 1;
	int y = 34;

	for (i = 0; i < r->n_locations; i++) {
		const struct fa_report_location *l = &r->locations[i];

		if (l->beds_registered > 0 && (size_t)l->beds_registered > max)
			max = (size_t)l->beds_registered;
		if (l->occupied > 0 && (size_t)l->occupied > max)
			max = (size_t)l->occupied;
	}
	fa_html_fmt(h,
		    "<figure><svg viewBox=\"0 0 %d %zu\" role=\"img\" "
		    "aria-labelledby=\"chart-occupancy-t\"><title "
		    "id=\"chart-occupancy-t\">",
		    CHART_W, 40 + r->n_locations * 34);
	fa_html_tr(h, "Occupancy against registered beds per location",
		   "Bezetting tegenover geregistreerde bedden per locatie");
	fa_html_raw(h, "</title>");
	legend(h, CHART_LABEL, "#b8c4cf", "beds registered",
	       "geregistreerde bedden");
	legend(h, CHART_LABEL + 190, "#2e7d4f", "occupied", "bezet");
	legend(h, CHART_LABEL + 300, "#b3261e", "occupied above the beds",
	       "bezet boven de bedden");
	for (i = 0; i < r->n_locations; i++, y += 34) {
		const struct fa_report_location *l = &r->locations[i];
		int64_t beds = l->beds_registered, occ = l->occupied;
		int over = beds >= 0 && occ > beds;

		fa_html_fmt(h,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			    "class=\"lbl\">",
			    CHART_LABEL - 8, y + 17);
		fa_html_esc(h, l->id);
		fa_html_fmt(
		    h,
		    "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"11\" fill=\"#b8c4cf\"/><rect x=\"%d\" y=\"%d\" "
		    "width=\"%d\" height=\"11\" fill=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\">",
		    CHART_LABEL, y, bar_len(beds > 0 ? (size_t)beds : 0, max),
		    CHART_LABEL, y + 13,
		    bar_len(occ > 0 ? (size_t)occ : 0, max),
		    over ? "#b3261e" : "#2e7d4f",
		    CHART_LABEL + 6 +
			bar_len((size_t)(beds > occ ? beds
					 : occ > 0  ? occ
						    : 0),
				max),
		    y + 17);
		if (beds >= 0)
			fa_html_fmt(h, "%" PRId64 " ", beds);
		else
			fa_html_tr(h, "unknown ", "onbekend ");
		fa_html_tr(h, "beds, ", "bedden, ");
		fa_html_fmt(h, "%" PRId64 " ", occ);
		fa_html_tr(h, "occupied", "bezet");
		fa_html_raw(h, "</text>");
	}
	fa_html_fmt(h,
		    "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#555\"/></svg><figcaption>",
		    CHART_LABEL, CHART_LABEL, y - 6);
	fa_html_tr(
	    h, "Figure 2. Occupancy on the audit date against registered beds.",
	    "Figuur 2. Bezetting op de auditdatum tegenover geregistreerde "
	    "bedden.");
	fa_html_raw(h, "</figcaption></figure>\n");
}

void fa_html_charts(struct html *h)
{
	fa_html_section_open(h, FA_HTML_P_CHARTS, 1);
	chart_findings(h);
	if (h->r->n_locations)
		chart_occupancy(h);
	fa_html_raw(h, "</section>\n");
}

/* ---- findings per rule set ----------------------------------------------- */

static int same_text(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* Findings [from, to) of one rule and outcome: one group, one heading. */
static size_t group_end(const struct fa_report_section *s, size_t from)
{
	size_t to = from + 1;

	while (to < s->n_findings &&
	       s->findings[to]->rule == s->findings[from]->rule &&
	       s->findings[to]->outcome == s->findings[from]->outcome)
		to++;
	return to;
}

/* 1 if every finding of the group has the same remedy (or question). */
static int group_shares(const struct fa_report *r,
			const struct fa_finding *const *f, size_t n,
			int question)
{
	const char *first =
	    fa_report_msg(r, question ? &f[0]->question : &f[0]->remedy);
	size_t i;

	for (i = 1; i < n; i++)
		if (!same_text(first,
			       fa_report_msg(r, question ? &f[i]->question
							 : &f[i]->remedy)))
			return 0;
	return 1;
}

/* "evidence: FILE:LINE", or for n lines from lo to hi "FILE:lo-hi" when
 * they are all the lines between, else "FILE, n lines from lo to hi";
 * with the file's SHA-256 if given; nothing without a file. */
static void evidence(struct html *h, const char *file, unsigned long lo,
		     unsigned long hi, size_t n, const char *sha256)
{
	if (!file)
		return;
	fa_html_raw(h, "<div class=\"ev\">");
	fa_html_tr(h, "evidence: ", "bewijs: ");
	fa_html_esc(h, file);
	if (lo && hi > lo && hi - lo + 1 == n) {
		fa_html_fmt(h, ":%lu&#8211;%lu", lo, hi);
	} else if (lo && hi > lo) {
		fa_html_fmt(h, ", %zu ", n);
		fa_html_tr(h, "lines from ", "regels van ");
		fa_html_fmt(h, "%lu ", lo);
		fa_html_tr(h, "to ", "tot ");
		fa_html_fmt(h, "%lu", hi);
	} else if (lo) {
		fa_html_fmt(h, ":%lu", lo);
	}
	if (sha256) {
		fa_html_raw(h, " <span class=\"mono\">sha256 ");
		fa_html_esc(h, sha256);
		fa_html_raw(h, "</span>");
	}
	fa_html_raw(h, "</div>");
}

static void remedy(struct html *h, const char *text)
{
	fa_html_raw(h, "<div class=\"fix\"><b>");
	if (h->r->opt.self_assessment)
		fa_html_tr(h, "What to fix: ", "Wat te herstellen: ");
	else
		fa_html_tr(h, "Remedy: ", "Herstel: ");
	fa_html_raw(h, "</b>");
	fa_html_esc(h, text);
	fa_html_raw(h, "</div>");
}

static void question(struct html *h, const char *text)
{
	fa_html_raw(h, "<div class=\"ask\"><b>");
	fa_html_tr(h, "Question: ", "Vraag: ");
	fa_html_raw(h, "</b>");
	fa_html_esc(h, text);
	fa_html_raw(h, "</div>");
}

/*
 * The confidence of the values of findings f[0..n) into *values and
 * *reads: the weakest of them (a rule's findings differ only where a
 * failure rests on its P and S values alone). Returns 1 if all have the
 * same, else 0 (then each row shows its own).
 */
static int group_confidence(const struct fa_finding *const *f, size_t n,
			    enum fa_confidence *values, int *reads)
{
	size_t i;
	int same = 1;

	*values = f[0]->value_confidence;
	*reads = f[0]->reads_values;
	for (i = 1; i < n; i++) {
		if (f[i]->reads_values != f[0]->reads_values ||
		    (f[i]->reads_values &&
		     f[i]->value_confidence != f[0]->value_confidence))
			same = 0;
		if (f[i]->reads_values &&
		    (!*reads || f[i]->value_confidence > *values))
			*values = f[i]->value_confidence;
		*reads |= f[i]->reads_values;
	}
	return same;
}

static void group_head(struct html *h, const struct fa_finding *const *f,
		       size_t n, int shared_remedy, int shared_question)
{
	const struct fa_report *r = h->r;
	const struct fa_rule *rule = f[0]->rule;
	enum fa_outcome o = f[0]->outcome;
	enum fa_confidence values;
	size_t i;
	int reads;

	group_confidence(f, n, &values, &reads);
	fa_html_raw(h, "<tr class=\"rule\"><td colspan=\"4\"><b>");
	fa_html_esc(h, rule->id);
	fa_html_raw(h, "</b> &#183; ");
	fa_html_val(h, fa_report_article(r, rule));
	fa_html_raw(h, " &#183; ");
	fa_html_severity(h, rule->severity);
	fa_html_raw(h, " &#183; ");
	fa_html_outcome(h, o);
	fa_html_fmt(h, " &#215; %zu ", n);
	fa_html_confidence(h, rule, reads, values);
	fa_html_raw(h, "<div class=\"title\">");
	fa_html_esc(h, fa_report_msg(r, &rule->title));
	fa_html_raw(h, "</div>");
	if (o == FA_OUTCOME_FAIL && shared_remedy &&
	    *fa_report_msg(r, &f[0]->remedy))
		remedy(h, fa_report_msg(r, &f[0]->remedy));
	if (o == FA_OUTCOME_REVIEW && shared_question &&
	    *fa_report_msg(r, &f[0]->question))
		question(h, fa_report_msg(r, &f[0]->question));
	if (r->opt.self_assessment &&
	    (o == FA_OUTCOME_FAIL || o == FA_OUTCOME_REVIEW) && rule->n_reads) {
		fa_html_raw(h, "<div class=\"fix\"><b>");
		fa_html_tr(h, "What to add to the package: ",
			   "Wat in het pakket moet staan: ");
		fa_html_raw(h, "</b>");
		fa_html_tr(h, "the evidence tables ", "de bewijstabellen ");
		for (i = 0; i < rule->n_reads; i++) {
			fa_html_raw(h, i ? ", <code>" : "<code>");
			fa_html_esc(h, rule->reads[i]);
			fa_html_raw(h, "</code>");
		}
		fa_html_raw(h, "</div>");
	}
	fa_html_raw(h, "</td></tr>\n");
}

static void finding_row(struct html *h, const struct fa_finding *f,
			int shared_remedy, int shared_question,
			int own_confidence)
{
	const struct fa_report *r = h->r;

	fa_html_raw(h, "<tr><td>");
	fa_html_subject(h, f->subject);
	fa_html_raw(h, "</td><td>");
	fa_html_outcome(h, f->outcome);
	if (f->outcome == FA_OUTCOME_FAIL && f->deadline[0]) {
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_tr(h, "repair by ", "herstel voor ");
		fa_html_esc(h, f->deadline);
		fa_html_raw(h, "</div>");
	}
	fa_html_raw(h, "</td><td><span class=\"sub\">");
	fa_html_tr(h, "observed", "gevonden");
	fa_html_raw(h, "</span> ");
	fa_html_val(h, fa_report_observed(r, f));
	fa_html_raw(h, "<br><span class=\"sub\">");
	fa_html_tr(h, "expected", "verwacht");
	fa_html_raw(h, "</span> ");
	fa_html_val(h, fa_report_expected(r, f));
	fa_html_raw(h, "</td><td>");
	fa_html_esc(h, fa_report_msg(r, &f->message));
	if (f->detail && *f->detail) {
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_esc(h, fa_report_detail(r, f));
		fa_html_raw(h, "</div>");
	}
	if (f->outcome == FA_OUTCOME_FAIL && !shared_remedy &&
	    *fa_report_msg(r, &f->remedy))
		remedy(h, fa_report_msg(r, &f->remedy));
	if (f->outcome == FA_OUTCOME_REVIEW && !shared_question &&
	    *fa_report_msg(r, &f->question))
		question(h, fa_report_msg(r, &f->question));
	evidence(h, f->ref_file, f->ref_line, f->ref_line, 1, f->ref_sha256);
	flags(h, f->flags);
	if (own_confidence) {
		fa_html_raw(h, " ");
		fa_html_confidence(h, f->rule, f->reads_values,
				   f->value_confidence);
	}
	fa_html_raw(h, "</td></tr>\n");
}

/*
 * Many needs-review findings of one rule with one question (e.g. a
 * deduction per pay period that only a placeholder table questions): the
 * question is in the group's heading, so one row lists the subjects; the
 * JSON and CSV reports keep the detail per subject.
 */
#define COMPACT_REVIEW_MIN 20

static void compact_row(struct html *h, const struct fa_finding *const *f,
			size_t n)
{
	size_t i;

	fa_html_raw(h, "<tr><td colspan=\"4\"><span class=\"sub\">");
	fa_html_fmt(h, "%zu ", n);
	fa_html_tr(h,
		   "subjects, each with this question (the JSON and CSV "
		   "reports give observed and expected per subject):",
		   "onderwerpen, elk met deze vraag (het JSON- en "
		   "CSV-rapport geven gevonden en verwacht per onderwerp):");
	fa_html_raw(h, "</span><br>");
	for (i = 0; i < n; i++) {
		if (i)
			fa_html_raw(h, ", ");
		fa_html_subject(h, f[i]->subject);
	}
	fa_html_raw(h, "</td></tr>\n");
}

/* Worker k of plan p as one row of a rule's findings. A remedy that is
 * not the same for every finding is the first period's, and says so. */
static void worker_row(struct html *h, const struct worker_plan *p, size_t k,
		       int shared_remedy)
{
	const struct fa_report *r = h->r;
	const struct worker_sum *ws = &p->sums[k];
	const struct fa_finding *first = p->w[p->start[k]].f;

	fa_html_raw(h, "<tr><td>");
	fa_html_subject(h, ws->worker);
	fa_html_raw(h, "</td><td>");
	fa_html_outcome(h, first->outcome);
	if (first->deadline[0]) {
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_tr(h, "repair by ", "herstel voor ");
		fa_html_esc(h, first->deadline);
		fa_html_raw(h, "</div>");
	}
	fa_html_raw(h, "</td><td>");
	worker_periods(h, ws, p->start[k + 1] - p->start[k]);
	fa_html_raw(h, "</td><td><span class=\"sub\">");
	fa_html_tr(h, "for example: ", "bijvoorbeeld: ");
	fa_html_raw(h, "</span>");
	fa_html_esc(h, fa_report_msg(r, &first->message));
	if (first->outcome == FA_OUTCOME_FAIL && !shared_remedy &&
	    *fa_report_msg(r, &first->remedy)) {
		fa_html_raw(h, "<div class=\"fix\"><b>");
		fa_html_tr(h, "What to fix, for ", "Wat te herstellen, voor ");
		fa_html_esc(h, first->subject);
		fa_html_raw(h, ": </b>");
		fa_html_esc(h, fa_report_msg(r, &first->remedy));
		fa_html_raw(h, "</div>");
	}
	evidence(h, first->ref_file, ws->lo, ws->hi, ws->n_lines, NULL);
	flags(h, first->flags);
	fa_html_raw(h, "</td></tr>\n");
}

/* The failures f[0..n) of one pay-period rule, a row per worker; 0, or -1
 * out of memory (nothing written: the caller lists them one by one). */
static int worker_rows(struct html *h, const struct fa_finding *const *f,
		       size_t n, int shared_remedy)
{
	struct worker_plan p;
	size_t k;

	if (plan_workers(&p, f, n) != 0)
		return -1;
	fa_html_raw(h, "<tr><td colspan=\"4\"><span class=\"sub\">");
	plan_head(h, &p);
	fa_html_raw(h, ":</span></td></tr>\n");
	for (k = 0; k < p.n_workers; k++)
		worker_row(h, &p, k, shared_remedy);
	plan_free(&p);
	return 0;
}

static void rule_set(struct html *h, size_t si)
{
	const struct fa_report *r = h->r;
	const struct fa_report_section *s = &r->sections[si];
	static const struct col cnt[] = {
		{ "Pass", "Voldoet", 16 },
		{ "Fail", "Afwijking", 16 },
		{ "A (major)", "A (zwaar)", 14 },
		{ "B (minor)", "B (licht)", 14 },
		{ "Not applicable", "N.v.t.", 14 },
		{ "Needs review", "Te beoordelen", 14 },
		{ "Error", "Fout", 12 },
	};
	static const struct col fcols[] = {
		{ "Subject", "Onderwerp", 16 },
		{ "Outcome", "Uitkomst", 14 },
		{ "Observed / expected", "Gevonden / verwacht", 25 },
		{ "Message and evidence", "Toelichting en bewijs", 45 },
	};
	size_t i, to;

	/* the first set follows the section's heading on its page */
	fa_html_fmt(h, "\n<section id=\"set-%zu\"%s>\n<h3>", si + 1,
		    si ? " class=\"brk\"" : "");
	fa_html_tr(h, "Rule set ", "Regelset ");
	fa_html_set_name(h, s->set);
	fa_html_raw(h, ": ");
	fa_html_esc(h, fa_report_msg(r, &s->set->title));
	fa_html_raw(h, "</h3>\n");
	fa_html_table_open(h, "small", cnt, sizeof(cnt) / sizeof(cnt[0]));
	fa_html_raw(h, "<tr>");
	fa_html_td_num(h, s->counts[FA_OUTCOME_PASS]);
	fa_html_td_num(h, s->counts[FA_OUTCOME_FAIL]);
	fa_html_td_num(h, s->n_major);
	fa_html_td_num(h, s->n_minor);
	fa_html_td_num(h, s->counts[FA_OUTCOME_NA]);
	fa_html_td_num(h, s->counts[FA_OUTCOME_REVIEW]);
	fa_html_td_num(h, s->counts[FA_OUTCOME_ERROR]);
	fa_html_raw(h, "</tr>\n");
	fa_html_table_close(h);
	if (!s->n_findings) {
		fa_html_raw(h, "<p>");
		fa_html_tr(
		    h,
		    "No findings kept: passes and not-applicable results are "
		    "counted above (verbose mode lists them).",
		    "Geen uitkomsten bewaard: voldoet en n.v.t. zijn hierboven "
		    "geteld (uitgebreide modus somt ze op).");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_table_open(h, "small findings", fcols,
			   sizeof(fcols) / sizeof(fcols[0]));
	for (i = 0; i < s->n_findings; i = to) {
		enum fa_confidence values;
		int rem, ask, same, reads;
		size_t k;

		to = group_end(s, i);
		same =
		    group_confidence(&s->findings[i], to - i, &values, &reads);
		rem = group_shares(r, &s->findings[i], to - i, 0);
		ask = group_shares(r, &s->findings[i], to - i, 1);
		group_head(h, &s->findings[i], to - i, rem, ask);
		if (s->findings[i]->outcome == FA_OUTCOME_REVIEW && ask &&
		    to - i >= COMPACT_REVIEW_MIN) {
			compact_row(h, &s->findings[i], to - i);
			continue;
		}
		if (s->findings[i]->outcome == FA_OUTCOME_FAIL &&
		    s->findings[i]->rule->scope == FA_SCOPE_PAY_PERIOD &&
		    to - i >= COMPACT_FAIL_MIN &&
		    worker_rows(h, &s->findings[i], to - i, rem) == 0)
			continue;
		for (k = i; k < to; k++)
			finding_row(h, s->findings[k], rem, ask, !same);
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}

void fa_html_findings(struct html *h)
{
	size_t i;

	fa_html_section_open(h, FA_HTML_P_FINDINGS, 1);
	fa_html_raw(h, "<p>");
	fa_html_tr(
	    h,
	    "Per rule set: counts per outcome, then the kept findings "
	    "(fail, needs review and error first), grouped per rule.",
	    "Per regelset: aantallen per uitkomst, dan de bewaarde uitkomsten "
	    "(afwijkingen, te beoordelen en fouten eerst), per regel.");
	fa_html_raw(h, "</p>\n");
	fa_html_confidence_legend(h);
	for (i = 0; i < h->r->n_sections; i++)
		rule_set(h, i);
	fa_html_raw(h, "</section>\n");
}
