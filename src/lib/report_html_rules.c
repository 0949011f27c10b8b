/* SPDX-License-Identifier: MIT */
/*
 * The HTML report's rules and their outcomes: the counts of the audit, a
 * chart of the deviations and review items per rule set, and per rule
 * set a folded table with a row per rule (its outcomes counted, links to
 * its blocks) and under it the findings listed nowhere else: errors,
 * rules not checked, and with --all the passes and n/a findings. A
 * rule's heading appears once, whatever its outcomes. See
 * report_html_impl.h.
 */
#include <string.h>

#include "report_html_impl.h"

/* ", n word" */
static void count_item(struct html *h, size_t n, const char *en, const char *nl)
{
	fa_html_raw(h, ", ");
	fa_html_count(h, n);
	fa_html_raw(h, " ");
	fa_html_tr(h, en, nl);
}

/* The counts of the audit, as two sentences. */
static void counts(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_eval *e = r->e;

	fa_html_raw(h, "<p>");
	fa_html_tr(h, "Rules: ", "Regels: ");
	fa_html_count(h, r->n_ran);
	fa_html_tr(h, " run", " uitgevoerd");
	count_item(h, r->n_not_in_force, "not in force", "niet van kracht");
	count_item(h, r->n_not_checked, "not checked (table not supplied)",
		   "niet gecontroleerd (tabel niet aangeleverd)");
	count_item(h, r->n_errors, "could not run",
		   "konden niet worden uitgevoerd");
	fa_html_tr(h,
		   ". Findings, counted per subject (a worker, a pay "
		   "period, a room): ",
		   ". Uitkomsten, geteld per onderwerp (een werknemer, een "
		   "loonperiode, een kamer): ");
	fa_html_count(h, e->counts[FA_OUTCOME_PASS]);
	fa_html_tr(h, " pass", " voldoet");
	count_item(h, e->counts[FA_OUTCOME_FAIL], "fail (", "voldoen niet (");
	fa_html_count(h, e->n_major_fail);
	fa_html_tr(h, " of A-deviations, ", " bij A-afwijkingen, ");
	fa_html_count(h, e->n_minor_fail);
	fa_html_tr(h, " of B-deviations, ", " bij B-afwijkingen, ");
	fa_html_count(h, e->counts[FA_OUTCOME_FAIL] - e->n_major_fail -
			     e->n_minor_fail);
	fa_html_tr(h, " observations)", " waarnemingen)");
	count_item(h, e->counts[FA_OUTCOME_NA], "not applicable",
		   "niet van toepassing");
	count_item(h, e->counts[FA_OUTCOME_REVIEW], "need review",
		   "te beoordelen");
	count_item(h, e->counts[FA_OUTCOME_ERROR], "error", "fout");
	fa_html_raw(h, ".</p>\n");
}

/* ---- chart --------------------------------------------------------------- */

#define CHART_W 680	/* viewBox width; the page scales it */
#define CHART_LABEL 120 /* left column for names */

/* Requirements not met (A, B) and review items of rule set s. */
static void set_numbers(const struct fa_report *r, const struct fa_ruleset *s,
			size_t v[3])
{
	size_t i;

	v[0] = v[1] = v[2] = 0;
	for (i = 0; i < r->n_requirements; i++)
		if (r->requirements[i].rule->set == s)
			v[r->requirements[i].severity == FA_SEV_MAJOR ? 0
								      : 1]++;
	for (i = 0; i < r->n_review_items; i++)
		v[2] += r->review_items[i].rule->set == s;
}

static void chart(struct html *h)
{
	const struct fa_report *r = h->r;
	static const char *const color[3] = { "#b3261e", "#e8a317", "#3b6ea8" };
	size_t i, k, max = 1, v[3];
	int y = 34;

	for (i = 0; i < r->n_sections; i++) {
		set_numbers(r, r->sections[i].set, v);
		for (k = 0; k < 3; k++)
			max = v[k] > max ? v[k] : max;
	}
	/* on screen only: on paper the rule sets' lines below give the
	 * same numbers */
	fa_html_fmt(h,
		    "<figure class=\"screen\"><svg viewBox=\"0 0 %d %zu\" "
		    "role=\"img\" aria-labelledby=\"chart-findings-t\"><title "
		    "id=\"chart-findings-t\">",
		    CHART_W, 36 + r->n_sections * 33);
	fa_html_tr(h,
		   "Per rule set: A-deviations and B-deviations (requirements "
		   "not met) and review items",
		   "Per regelset: A-afwijkingen en B-afwijkingen (eisen niet "
		   "nageleefd) en punten te beoordelen");
	fa_html_raw(h, "</title>");
	fa_html_legend(h, CHART_LABEL, color[0], "A-deviations",
		       "A-afwijkingen");
	fa_html_legend(h, CHART_LABEL + 150, color[1], "B-deviations",
		       "B-afwijkingen");
	fa_html_legend(h, CHART_LABEL + 300, color[2], "review items",
		       "punten te beoordelen");
	for (i = 0; i < r->n_sections; i++, y += 33) {
		set_numbers(r, r->sections[i].set, v);
		fa_html_fmt(h,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			    "class=\"lbl\">",
			    CHART_LABEL - 8, y + 17);
		fa_html_set_name(h, r->sections[i].set);
		fa_html_raw(h, "</text>");
		for (k = 0; k < 3; k++) {
			int w = fa_html_bar_len((int64_t)v[k], (int64_t)max),
			    by = y + (int)k * 10;

			fa_html_fmt(h,
				    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"9\" fill=\"%s\"/><text x=\"%d\" "
				    "y=\"%d\" font-size=\"10\">%zu</text>",
				    CHART_LABEL, by, w, color[k],
				    CHART_LABEL + w + 4, by + 8, v[k]);
		}
	}
	fa_html_fmt(h,
		    "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#555\"/></svg><figcaption>",
		    CHART_LABEL, CHART_LABEL, y - 3);
	fa_html_tr(h,
		   "Figure 1. Requirements not met and review items per rule "
		   "set.",
		   "Figuur 1. Eisen niet nageleefd en punten te beoordelen per "
		   "regelset.");
	fa_html_raw(h, "</figcaption></figure>\n");
}

/* ---- rules --------------------------------------------------------------- */

/* 1 if f is listed here: a listed finding no block above shows. */
static int listed_here(const struct fa_report *r, const struct fa_finding *f)
{
	return fa_report_listed_html(r, f) && f->outcome != FA_OUTCOME_FAIL &&
	       f->outcome != FA_OUTCOME_REVIEW;
}

/* The outcomes a rule has, as the outcome filter's keys. */
static void outcome_keys(char *buf, size_t size, const struct fa_rule_run *run)
{
	size_t o, len = 0;

	buf[0] = '\0';
	for (o = 0; o < FA_OUTCOME_COUNT; o++)
		if (run->counts[o] && len < size) {
			int w = snprintf(buf + len, size - len, "%s%s",
					 len ? " " : "",
					 fa_outcome_key((enum fa_outcome)o));

			len += w > 0 ? (size_t)w : 0;
		}
}

/* Links to the blocks that show a rule's findings. */
static void links(struct html *h, const struct fa_rule *rule)
{
	const struct fa_report *r = h->r;
	size_t i, n = 0;

	for (i = 0; i < r->n_requirements; i++)
		if (r->requirements[i].rule == rule) {
			fa_html_fmt(h, "%s<a href=\"#req-%zu\">",
				    n++ ? " " : "", i + 1);
			if (r->requirements[i].object)
				fa_html_esc(h, r->requirements[i].object);
			else
				fa_html_class(h, rule->severity);
			fa_html_raw(h, "</a>");
		}
	for (i = 0; i < r->n_review_items; i++)
		if (r->review_items[i].rule == rule) {
			fa_html_fmt(h, "%s<a href=\"#rev-%zu\">",
				    n++ ? " " : "", i + 1);
			fa_html_tr(h, "to review", "te beoordelen");
			fa_html_raw(h, "</a>");
			break;
		}
	for (i = 0; i < h->n_obs; i++)
		if (h->obs[i]->rule == rule) {
			fa_html_raw(h, n++ ? " " : "");
			fa_html_raw(h, "<a href=\"#observations\">");
			fa_html_class(h, rule->severity);
			fa_html_raw(h, "</a>");
			break;
		}
}

static void outcome_count(struct html *h, const struct fa_rule_run *run,
			  enum fa_outcome o, int *first)
{
	if (!run->counts[o])
		return;
	fa_html_raw(h, *first ? "" : " &#183; ");
	*first = 0;
	fa_html_outcome(h, o);
	fa_html_raw(h, " ");
	fa_html_count(h, run->counts[o]);
}

/* A finding listed under its rule: subject, outcome, what it says. */
static void finding_row(struct html *h, const struct fa_finding *f)
{
	const struct fa_report *r = h->r;

	fa_html_raw(h, "<tr class=\"fnd fb\"");
	fa_html_filter_attrs(h, fa_outcome_key(f->outcome), f->rule, &f, 1,
			     NULL, 0);
	fa_html_raw(h, "><td>");
	fa_html_subject(h, f->subject);
	fa_html_raw(h, "</td><td>");
	fa_html_outcome(h, f->outcome);
	fa_html_raw(h, "</td><td colspan=\"2\">");
	fa_html_esc(h, fa_report_msg(r, &f->message));
	if (fa_report_observed(r, f) || fa_report_expected(r, f)) {
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_tr(h, "observed ", "gevonden ");
		fa_html_val(h, fa_report_observed(r, f));
		fa_html_tr(h, "; expected ", "; verwacht ");
		fa_html_val(h, fa_report_expected(r, f));
		fa_html_raw(h, "</div>");
	}
	fa_html_evidence(h, f);
	fa_html_raw(h, "</td></tr>\n");
}

/* The rule of run and its findings from e->findings[*at] on (the
 * findings are in rule order, as the runs). */
static void rule_rows(struct html *h, const struct fa_rule_run *run, size_t *at)
{
	const struct fa_report *r = h->r;
	const struct fa_eval *e = r->e;
	const struct fa_rule *rule = run->rule;
	char keys[80];
	size_t i;
	int first = 1;

	outcome_keys(keys, sizeof(keys), run);
	fa_html_raw(h, "<tbody class=\"fg\"><tr class=\"rule fb\"");
	fa_html_filter_attrs(h, keys, rule, NULL, 0, NULL, 0);
	fa_html_raw(h, "><td><span class=\"rid\">");
	fa_html_esc(h, rule->id);
	fa_html_raw(h, "</span><div class=\"sub\">");
	fa_html_esc(h, fa_report_msg(r, &rule->title));
	fa_html_raw(h, "</div></td><td>");
	fa_html_class(h, rule->severity);
	fa_html_raw(h, "</td><td>");
	if (!run->in_force) {
		fa_html_tr(h, "not in force on the audit date",
			   "niet van kracht op de auditdatum");
	} else if (run->n_missing) {
		fa_html_tr(h, "not checked: not supplied ",
			   "niet gecontroleerd: niet aangeleverd ");
		for (i = 0; i < run->n_missing; i++) {
			fa_html_raw(h, i ? ", <code>" : "<code>");
			fa_html_esc(h, run->missing[i]);
			fa_html_raw(h, "</code>");
		}
	} else {
		if (run->error) {
			fa_html_raw(h, "<b>");
			fa_html_tr(h, "could not run",
				   "kon niet worden "
				   "uitgevoerd");
			fa_html_raw(h, "</b> ");
			first = 0;
		}
		outcome_count(h, run, FA_OUTCOME_FAIL, &first);
		outcome_count(h, run, FA_OUTCOME_REVIEW, &first);
		outcome_count(h, run, FA_OUTCOME_ERROR, &first);
		outcome_count(h, run, FA_OUTCOME_PASS, &first);
		outcome_count(h, run, FA_OUTCOME_NA, &first);
		outcome_count(h, run, FA_OUTCOME_NOT_CHECKED, &first);
		if (first)
			fa_html_tr(h, "no subject", "geen onderwerp");
	}
	fa_html_raw(h, "</td><td>");
	links(h, rule);
	if (run->counts[FA_OUTCOME_FAIL] || run->counts[FA_OUTCOME_REVIEW])
		fa_html_what_to_add(h, rule);
	fa_html_raw(h, "</td></tr>\n");
	/* the rules before it took theirs: the next finding is this rule's,
	 * or it has none */
	for (; *at < e->n_findings && e->findings[*at].rule == rule; (*at)++)
		if (listed_here(r, &e->findings[*at]))
			finding_row(h, &e->findings[*at]);
	fa_html_raw(h, "</tbody>\n");
}

static void rule_set(struct html *h, size_t si, size_t *at)
{
	const struct fa_report *r = h->r;
	const struct fa_report_section *s = &r->sections[si];
	static const struct col cols[] = {
		{ "Rule", "Regel", 34 },
		{ "Class", "Klasse", 13 },
		{ "Outcomes (subjects)", "Uitkomsten (onderwerpen)", 33 },
		{ "Shown in", "Te zien bij", 20 },
	};
	size_t i, v[3];

	set_numbers(r, s->set, v);
	fa_html_fmt(h, "<details class=\"set fg\" id=\"set-%zu\"><summary>",
		    si + 1);
	fa_html_raw(h, "<b>");
	fa_html_set_name(h, s->set);
	fa_html_raw(h, "</b> ");
	fa_html_esc(h, fa_report_msg(r, &s->set->title));
	fa_html_raw(h, " <span class=\"sub\">(");
	fa_html_counted(h, v[0], "A-deviation", "A-deviations", "A-afwijking",
			"A-afwijkingen");
	fa_html_raw(h, ", ");
	fa_html_counted(h, v[1], "B-deviation", "B-deviations", "B-afwijking",
			"B-afwijkingen");
	fa_html_raw(h, ", ");
	fa_html_counted(h, v[2], "item to review", "items to review",
			"punt te beoordelen", "punten te beoordelen");
	fa_html_raw(h, "; ");
	fa_html_count(h, s->counts[FA_OUTCOME_PASS]);
	fa_html_tr(h, " pass", " voldoet");
	if (s->counts[FA_OUTCOME_ERROR]) {
		fa_html_raw(h, ", ");
		fa_html_count(h, s->counts[FA_OUTCOME_ERROR]);
		fa_html_tr(h, " error", " fout");
	}
	fa_html_raw(h, ")</span></summary>\n");
	fa_html_table_open(h, "rules", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->e->n_runs; i++)
		if (r->e->runs[i].rule->set == s->set)
			rule_rows(h, &r->e->runs[i], at);
	fa_html_table_close(h);
	fa_html_raw(h, "</details>\n");
}

void fa_html_rules(struct html *h)
{
	size_t i, at = 0;

	fa_html_section_open(h, FA_HTML_P_RULES);
	counts(h);
	chart(h);
	fa_html_raw(h, "<p class=\"note\">");
	if (h->r->opt.all)
		fa_html_tr(h,
			   "Every finding is listed under its rule, passes and "
			   "not applicable ones too (--all).",
			   "Elke uitkomst staat onder haar regel, ook voldoet "
			   "en n.v.t. (--all).");
	else
		fa_html_tr(h,
			   "Per rule its outcomes, counted; deviations, "
			   "observations and items to review are in the blocks "
			   "above, errors under their rule. Passes and not "
			   "applicable findings are counted, not listed "
			   "(--all lists them).",
			   "Per regel de uitkomsten, geteld; afwijkingen, "
			   "waarnemingen en punten te beoordelen staan in de "
			   "blokken hierboven, fouten onder hun regel. Voldoet "
			   "en n.v.t. zijn geteld, niet opgesomd (--all somt "
			   "ze op).");
	fa_html_raw(h, "</p>\n");
	for (i = 0; i < h->r->n_sections; i++)
		rule_set(h, i, &at);
	fa_html_raw(h, "</section>\n");
}
