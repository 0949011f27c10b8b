/* SPDX-License-Identifier: MIT */
/*
 * The HTML report's answer in detail: the A- and B-deviations, one block
 * per requirement with its subjects under it (the first few shown, the
 * rest folded, never cut), the observations, and the review items as the
 * inspector's checklist. Every block carries the filters' attributes. See
 * report_html_impl.h.
 */
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

/* "n subjects" in the words of the rule's scope. */
static void subjects(struct html *h, const struct fa_rule *rule, size_t n)
{
	switch (rule->scope) {
	case FA_SCOPE_WORKER:
		fa_html_counted(h, n, "worker", "workers", "werknemer",
				"werknemers");
		break;
	case FA_SCOPE_DOCUMENT:
		fa_html_counted(h, n, "document", "documents", "document",
				"documenten");
		break;
	case FA_SCOPE_LOCATION:
		fa_html_counted(h, n, "location", "locations", "locatie",
				"locaties");
		break;
	case FA_SCOPE_ROOM:
		fa_html_counted(h, n, "room", "rooms", "kamer", "kamers");
		break;
	case FA_SCOPE_PAY_PERIOD:
		fa_html_counted(h, n, "pay period", "pay periods",
				"loonperiode", "loonperioden");
		break;
	case FA_SCOPE_MEMBER:
		fa_html_counted(h, n, "subject", "subjects", "onderwerp",
				"onderwerpen");
		break;
	}
}

void fa_html_remedy(struct html *h, const char *text)
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

void fa_html_what_to_add(struct html *h, const struct fa_rule *rule)
{
	size_t i;

	if (!h->r->opt.self_assessment || !rule->n_reads)
		return;
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

static void question(struct html *h, const char *text)
{
	fa_html_raw(h, "<div class=\"ask\"><b>");
	fa_html_tr(h, "Question: ", "Vraag: ");
	fa_html_raw(h, "</b>");
	fa_html_esc(h, text);
	fa_html_raw(h, "</div>");
}

/* A text of a finding that its block may show once for all. */
enum text { T_REMEDY, T_EXPECTED };

static const char *text_of(const struct fa_report *r,
			   const struct fa_finding *f, enum text t)
{
	const char *s = t == T_REMEDY ? fa_report_msg(r, &f->remedy)
				      : fa_report_expected(r, f);

	return s ? s : "";
}

/* 1 if every finding of f[0..n) has the same text t. */
static int shared(const struct fa_report *r, const struct fa_finding *const *f,
		  size_t n, enum text t)
{
	const char *first = text_of(r, f[0], t);
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(first, text_of(r, f[i], t)) != 0)
			return 0;
	return 1;
}

/* What each row of a block shows of its own: the rest the block shows
 * once, above them. */
struct own {
	int remedy, expected;
};

/* The block's shared texts, above its rows: the remedy (unless the
 * rule's heading showed it), and the expected value of more than one
 * subject. */
static void shared_texts(struct html *h, const struct fa_finding *const *f,
			 size_t n, int remedy_shown, struct own *own)
{
	const struct fa_report *r = h->r;

	own->remedy = !remedy_shown && !shared(r, f, n, T_REMEDY);
	own->expected = n < 2 || !shared(r, f, n, T_EXPECTED) ||
			!*text_of(r, f[0], T_EXPECTED);
	if (!own->expected) {
		fa_html_raw(h, "<div class=\"exp\"><b>");
		fa_html_tr(h, "Expected: ", "Verwacht: ");
		fa_html_raw(h, "</b>");
		fa_html_esc(h, text_of(r, f[0], T_EXPECTED));
		fa_html_raw(h, "</div>");
	}
	if (!remedy_shown && !own->remedy && *text_of(r, f[0], T_REMEDY))
		fa_html_remedy(h, text_of(r, f[0], T_REMEDY));
}

/* The weakest confidence of the values of f[0..n) into *values and
 * *reads (a rule's findings differ only where a failure rests on its P
 * and S values alone); *reads 0 and *values P start it. */
static void weakest(const struct fa_finding *const *f, size_t n,
		    enum fa_confidence *values, int *reads)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i]->reads_values &&
		    (!*reads || f[i]->value_confidence > *values))
			*values = f[i]->value_confidence;
		*reads |= f[i]->reads_values;
	}
}

/* A rule's heading: class, rule id, title, confidence. */
static void rule_head(struct html *h, const struct fa_rule *rule, int reads,
		      enum fa_confidence values)
{
	fa_html_raw(h, "<h4>");
	fa_html_class_badge(h, rule->severity);
	fa_html_raw(h, " <span class=\"rid\">");
	fa_html_esc(h, rule->id);
	fa_html_raw(h, "</span> ");
	fa_html_esc(h, fa_report_msg(h->r, &rule->title));
	fa_html_raw(h, " ");
	fa_html_confidence(h, rule, reads, values);
	fa_html_raw(h, "</h4>\n");
}

/*
 * A rule's article: the citation (up to the first colon: "CAO voor
 * Uitzendkrachten art. 38", "SNF norm 2.3") shown, what the rule reads
 * in it folded under it.
 */
static void article(struct html *h, const struct fa_rule *rule)
{
	const char *a = fa_report_article(h->r, rule);
	size_t cite = a ? strcspn(a, ":") : 0;

	if (!a || !*a)
		return;
	if (!a[cite] || !a[cite + 1 + strspn(a + cite + 1, " ")]) {
		fa_html_raw(h, "<span class=\"art\">");
		fa_html_esc(h, a);
		fa_html_raw(h, "</span>");
		return;
	}
	fa_html_raw(h, "<details class=\"art\"><summary>");
	fa_html_esc_n(h, a, cite);
	fa_html_raw(h, "</summary>");
	fa_html_esc(h, a);
	fa_html_raw(h, "</details>");
}

/* ---- subjects ------------------------------------------------------------ */

/* What was observed, or the finding's message when the check gave no
 * observation. */
static void observed(struct html *h, const struct fa_finding *f)
{
	const char *obs = fa_report_observed(h->r, f);

	if (obs && *obs) {
		fa_html_raw(h, "<span class=\"sub\">");
		fa_html_tr(h, "observed", "gevonden");
		fa_html_raw(h, "</span> ");
		fa_html_esc(h, obs);
	} else {
		fa_html_esc(h, fa_report_msg(h->r, &f->message));
	}
}

/* A finding's observed and expected one after the other (the expected
 * if the row shows its own), the evidence after them, the detail, the
 * remedy if the row shows its own. */
static void observed_expected(struct html *h, const struct fa_finding *f,
			      const struct own *own)
{
	const struct fa_report *r = h->r;
	const char *exp = fa_report_expected(r, f);
	const char *detail = fa_report_detail(r, f);

	observed(h, f);
	if (own->expected && exp && *exp) {
		fa_html_raw(h, " &#183; <span class=\"sub\">");
		fa_html_tr(h, "expected", "verwacht");
		fa_html_raw(h, "</span> ");
		fa_html_esc(h, exp);
	}
	fa_html_evidence(h, f);
	if (detail && *detail) {
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_esc(h, detail);
		fa_html_raw(h, "</div>");
	}
	if (own->remedy && *fa_report_msg(r, &f->remedy))
		fa_html_remedy(h, fa_report_msg(r, &f->remedy));
}

/* One finding as a row: the subject, then what it says. */
static void subject_row(struct html *h, const struct fa_finding *f,
			const struct own *own)
{
	fa_html_raw(h, "<tr><td>");
	fa_html_subject(h, f->subject);
	flags(h, f->flags);
	fa_html_raw(h, "</td><td class=\"o\">");
	observed_expected(h, f, own);
	fa_html_raw(h, "</td></tr>\n");
}

/* A worker's pay periods as a row. A remedy that is not the same for
 * every finding is the first period's, and says so. */
static void worker_row(struct html *h, const struct fa_html_worker *w,
		       const struct fa_finding *first, const struct own *own)
{
	const struct fa_report *r = h->r;

	fa_html_raw(h, "<tr><td>");
	fa_html_subject_n(h, w->worker, w->len);
	flags(h, first->flags);
	fa_html_raw(h, "</td><td class=\"o\">");
	fa_html_worker_periods(h, w);
	fa_html_evidence_lines(h, first->ref_file, w->lo, w->hi, w->n_lines);
	if (own->expected) {
		fa_html_raw(h, "<br><span class=\"sub\">");
		fa_html_tr(h, "for example, ", "bijvoorbeeld ");
		fa_html_esc(h, first->subject);
		fa_html_tr(h, ": expected ", ": verwacht ");
		fa_html_raw(h, "</span>");
		fa_html_val(h, fa_report_expected(r, first));
	}
	if (own->remedy && *fa_report_msg(r, &first->remedy)) {
		fa_html_raw(h, "<div class=\"fix\"><b>");
		fa_html_tr(h, "What to fix, for ", "Wat te herstellen, voor ");
		fa_html_esc(h, first->subject);
		fa_html_raw(h, ": </b>");
		fa_html_esc(h, fa_report_msg(r, &first->remedy));
		fa_html_raw(h, "</div>");
	}
	fa_html_raw(h, "</td></tr>\n");
}

static void subjects_open(struct html *h)
{
	fa_html_raw(h, "<table class=\"subj\"><colgroup><col style=\"width:"
		       "14%\"><col style=\"width:86%\"></colgroup><tbody>\n");
}

/* Opens the fold of the other rows: "The other n workers (m pay
 * periods)", or with none shown "n pay periods". */
static void fold_open(struct html *h, const struct fa_rule *rule, size_t n,
		      size_t workers, int none_shown)
{
	fa_html_raw(h, "<details class=\"more\"><summary>");
	if (!none_shown)
		fa_html_tr(h, "The other ", "De andere ");
	if (workers) {
		fa_html_counted(h, workers, "worker", "workers", "werknemer",
				"werknemers");
		fa_html_raw(h, " (");
		subjects(h, rule, n);
		fa_html_raw(h, ")");
	} else {
		subjects(h, rule, n);
	}
	fa_html_raw(h, "</summary>\n");
}

/*
 * The subjects f[0..n) of a block, sorted by subject: the first show
 * rows, the rest in a fold (all of them when there is only one more);
 * failures about pay periods a row per worker (fa_html_per_worker).
 * Every subject is written: a fold hides, it does not cut.
 */
static void subject_rows(struct html *h, const struct fa_finding *const *f,
			 size_t n, const struct own *own, size_t show)
{
	int per_worker =
	    fa_html_per_worker(f, n) && f[0]->outcome == FA_OUTCOME_FAIL;
	size_t units = per_worker ? fa_html_count_workers(f, n) : n;
	size_t fold = units > show + 1 ? show : units;
	size_t i, row;

	if (fold)
		subjects_open(h);
	for (i = 0, row = 0; i < n; row++) {
		struct fa_html_worker w;

		if (row == fold) {
			if (fold)
				fa_html_raw(h, "</tbody></table>\n");
			fold_open(h, f[0]->rule, n - i,
				  per_worker ? units - row : 0, !fold);
			subjects_open(h);
		}
		if (per_worker) {
			fa_html_worker_run(&w, &f[i], n - i);
			worker_row(h, &w, f[i], own);
			i += w.n;
		} else {
			subject_row(h, f[i], own);
			i++;
		}
	}
	fa_html_raw(h, "</tbody></table>\n");
	if (fold < units)
		fa_html_raw(h, "</details>\n");
}

/* ---- deviations ---------------------------------------------------------- */

/* Requirement k; head: with the rule's heading (else its group has
 * it); remedy_shown: the heading showed the remedy. */
static void requirement(struct html *h, size_t k, int head, int remedy_shown)
{
	const struct fa_report *r = h->r;
	const struct fa_report_requirement *q = &r->requirements[k];
	const struct fa_finding *const *f = q->findings;
	enum fa_confidence values = FA_CONF_P;
	struct own own;
	int reads = 0;

	fa_html_fmt(h, "<article class=\"%s req fb\" id=\"req-%zu\"",
		    head ? "blk" : "part", k + 1);
	fa_html_filter_attrs(h, "fail", q->rule, f, q->n, q->object,
			     q->object ? strlen(q->object) : 0);
	fa_html_raw(h, ">\n");
	if (head) {
		weakest(f, q->n, &values, &reads);
		rule_head(h, q->rule, reads, values);
	}
	fa_html_raw(h, "<div class=\"facts\"><span>");
	if (q->object) {
		fa_html_tr(h, "location ", "locatie ");
		fa_html_raw(h, "<b>");
		fa_html_esc(h, q->object);
		fa_html_raw(h, "</b> &#183; ");
	}
	if (q->deadline[0]) {
		fa_html_tr(h, "repair by ", "herstellen voor ");
		fa_html_raw(h, "<b>");
		fa_html_esc(h, q->deadline);
		fa_html_raw(h, "</b> &#183; ");
	}
	subjects(h, q->rule, q->n);
	if (q->n_workers && q->rule->scope != FA_SCOPE_WORKER) {
		fa_html_tr(h, " of ", " van ");
		fa_html_counted(h, q->n_workers, "worker", "workers",
				"werknemer", "werknemers");
	}
	if (q->owed_cents) {
		fa_html_raw(h, " &#183; ");
		fa_html_tr(h, "owed to workers ", "tegoed van werknemers ");
		fa_html_raw(h, "<b>");
		fa_html_money(h, q->owed_cents);
		fa_html_raw(h, "</b>");
	}
	fa_html_raw(h, "</span>");
	if (head)
		article(h, q->rule);
	fa_html_raw(h, "</div>\n");
	shared_texts(h, f, q->n, remedy_shown, &own);
	subject_rows(h, f, q->n, &own, FA_HTML_SHOWN);
	fa_html_raw(h, "</article>\n");
}

/*
 * The requirements [from, to) of one rule (one per location of a
 * housing rule): the rule's heading and, when all share it, its remedy
 * once, then a block per requirement.
 */
static void rule_requirements(struct html *h, size_t from, size_t to)
{
	const struct fa_report *r = h->r;
	const struct fa_rule *rule = r->requirements[from].rule;
	const char *remedy =
	    text_of(r, r->requirements[from].findings[0], T_REMEDY);
	enum fa_confidence values = FA_CONF_P;
	int reads = 0, same = 1;
	size_t k, i;

	if (to - from == 1) {
		requirement(h, from, 1, 0);
		return;
	}
	for (k = from; k < to; k++) {
		const struct fa_report_requirement *q = &r->requirements[k];

		weakest(q->findings, q->n, &values, &reads);
		for (i = 0; i < q->n && same; i++)
			same = strcmp(remedy, text_of(r, q->findings[i],
						      T_REMEDY)) == 0;
	}
	fa_html_fmt(h, "<div class=\"blk fg\" data-c=\"%s\">\n",
		    fa_html_class_key(rule->severity));
	rule_head(h, rule, reads, values);
	fa_html_raw(h, "<div class=\"facts\">");
	article(h, rule);
	fa_html_raw(h, "</div>\n");
	if (same && *remedy)
		fa_html_remedy(h, remedy);
	for (k = from; k < to; k++)
		requirement(h, k, 0, same);
	fa_html_raw(h, "</div>\n");
}

/* The requirements of one class, under their heading. */
static void requirements_of(struct html *h, enum fa_severity sev, size_t n_req,
			    size_t n_subjects)
{
	const struct fa_report *r = h->r;
	size_t k, to;

	fa_html_fmt(h, "<h3 id=\"deviations-%s\">", fa_html_class_key(sev));
	if (sev == FA_SEV_MAJOR)
		fa_html_tr(h, "A-deviations", "A-afwijkingen");
	else
		fa_html_tr(h, "B-deviations", "B-afwijkingen");
	fa_html_raw(h, ": ");
	fa_html_counted(h, n_req, "requirement not met", "requirements not met",
			"eis niet nageleefd", "eisen niet nageleefd");
	fa_html_raw(h, ", ");
	fa_html_counted(h, n_subjects, "subject", "subjects", "onderwerp",
			"onderwerpen");
	fa_html_raw(h, "</h3>\n");
	if (!n_req) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "None.", "Geen.");
		fa_html_raw(h, "</p>\n");
	}
	for (k = 0; k < r->n_requirements; k = to) {
		for (to = k + 1;
		     to < r->n_requirements &&
		     r->requirements[to].rule == r->requirements[k].rule;
		     to++)
			;
		if (r->requirements[k].severity == sev)
			rule_requirements(h, k, to);
	}
}

void fa_html_deviations(struct html *h)
{
	const struct fa_report *r = h->r;

	fa_html_section_open(h, FA_HTML_P_DEVIATIONS);
	fa_html_raw(h, "<p class=\"note\">");
	fa_html_tr(
	    h,
	    "A deviation is one requirement not met: one rule, and for a "
	    "housing rule one location, with the subjects it concerns under "
	    "it (failures about pay periods a row per worker; the JSON and "
	    "CSV reports give each period). An A-deviation must be repaired "
	    "within three months of the audit date, a B-deviation within "
	    "six.",
	    "Een afwijking is een eis die niet is nageleefd: een regel, en "
	    "bij een huisvestingsregel een locatie, met de onderwerpen "
	    "eronder (afwijkingen per loonperiode een regel per werknemer; "
	    "het JSON- en CSV-rapport geven elke periode). Een A-afwijking "
	    "moet binnen drie maanden na de auditdatum hersteld zijn, een "
	    "B-afwijking binnen zes.");
	fa_html_raw(h, "</p>\n");
	requirements_of(h, FA_SEV_MAJOR, r->n_major_requirements,
			r->n_major_subjects);
	requirements_of(h, FA_SEV_MINOR, r->n_minor_requirements,
			r->n_minor_subjects);
	fa_html_raw(h, "</section>\n");
}

/* ---- observations -------------------------------------------------------- */

/* The observations (h->obs, by rule and subject) in one table: a group
 * of rows per rule, its first findings shown and the rest folded. */
void fa_html_observations(struct html *h)
{
	static const struct col cols[] = {
		{ "Rule", "Regel", 30 },
		{ "Subject", "Onderwerp", 13 },
		{ "Observed and expected", "Gevonden en verwacht", 57 },
	};
	static const struct own own = { 1, 1 };
	size_t i, k, j, blocks = 0;

	fa_html_section_open(h, FA_HTML_P_OBSERVATIONS);
	fa_html_raw(h, "<p class=\"note\">");
	if (!h->n_obs) {
		fa_html_tr(h, "None.", "Geen.");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_tr(h,
		   "Noted, not deviations: they do not count towards the "
		   "verdict.",
		   "Genoteerd, geen afwijkingen: ze tellen niet mee voor het "
		   "oordeel.");
	fa_html_raw(h, "</p>\n");
	fa_html_table_open(h, "observations", cols,
			   sizeof(cols) / sizeof(cols[0]));
	fa_html_raw(h, "</tbody>\n");
	for (i = 0; i < h->n_obs; i = k) {
		const struct fa_finding *const *f = &h->obs[i];
		const struct fa_rule *rule = f[0]->rule;
		size_t n;

		for (k = i + 1; k < h->n_obs && h->obs[k]->rule == rule; k++)
			;
		n = k - i;
		fa_html_fmt(h, "<tbody class=\"obs fb\" id=\"obs-%zu\"",
			    ++blocks);
		fa_html_filter_attrs(h, "fail", rule, f, n, NULL, 0);
		fa_html_raw(h, ">\n");
		for (j = 0; j < n; j++) {
			if (j == FA_HTML_SHOWN && n > FA_HTML_SHOWN + 1) {
				fa_html_raw(h,
					    "<tr><td></td><td colspan=\"2\">");
				fold_open(h, rule, n - j, 0, 0);
				subject_rows(h, f + j, n - j, &own, n);
				fa_html_raw(h, "</details></td></tr>\n");
				break;
			}
			fa_html_raw(h, "<tr><td>");
			if (!j) {
				fa_html_class_badge(h, rule->severity);
				fa_html_raw(h, " <span class=\"rid\">");
				fa_html_esc(h, rule->id);
				fa_html_raw(h, "</span><div class=\"sub\">");
				fa_html_esc(h,
					    fa_report_msg(h->r, &rule->title));
				fa_html_raw(h, "</div>");
			}
			fa_html_raw(h, "</td><td>");
			fa_html_subject(h, f[j]->subject);
			fa_html_raw(h, "</td><td class=\"o\">");
			observed_expected(h, f[j], &own);
			fa_html_raw(h, "</td></tr>\n");
		}
		fa_html_raw(h, "</tbody>\n");
	}
	fa_html_raw(h, "</table>\n</section>\n");
}

/* ---- review items -------------------------------------------------------- */

/* The question of a review item. */
static const char *item_question(const struct fa_report *r, size_t k)
{
	return fa_report_msg(r, &r->review_items[k].findings[0]->question);
}

/*
 * The question most of the items [from, to) of one rule ask (the
 * majority vote, then counted), or NULL when no question is asked by two
 * of them or more: the rule's heading shows it once, and an item shows
 * its own only when it asks another.
 */
static const char *common_question(const struct fa_report *r, size_t from,
				   size_t to)
{
	const char *q = NULL;
	size_t k, votes = 0, n = 0;

	for (k = from; k < to; k++) {
		if (!votes)
			q = item_question(r, k), votes = 1;
		else if (strcmp(q, item_question(r, k)) == 0)
			votes++;
		else
			votes--;
	}
	for (k = from; q && k < to; k++)
		n += strcmp(q, item_question(r, k)) == 0;
	return n >= 2 || to - from == 1 ? q : NULL;
}

/* The one finding of a review item: its subject when it is not the
 * unit, observed, expected, detail, evidence. */
static void review_finding(struct html *h, const struct fa_finding *f,
			   const char *unit, size_t unit_len)
{
	const struct fa_report *r = h->r;
	const char *exp = fa_report_expected(r, f);
	const char *detail = fa_report_detail(r, f);

	if (strlen(f->subject) != unit_len ||
	    strncmp(f->subject, unit, unit_len) != 0) {
		fa_html_esc(h, f->subject);
		fa_html_raw(h, ": ");
	}
	observed(h, f);
	if (exp && *exp) {
		fa_html_raw(h, " &#183; <span class=\"sub\">");
		fa_html_tr(h, "expected", "verwacht");
		fa_html_raw(h, "</span> ");
		fa_html_esc(h, exp);
	}
	fa_html_evidence(h, f);
	flags(h, f->flags);
	if (detail && *detail) {
		/* a computation to check, often long: folded */
		fa_html_raw(h, "<details class=\"more\"><summary>");
		fa_html_tr(h, "How it was computed", "Hoe het is berekend");
		fa_html_raw(h, "</summary><div class=\"sub\">");
		fa_html_esc(h, detail);
		fa_html_raw(h, "</div></details>");
	}
}

/* Review item k as a row of the checklist, with its question unless it
 * is the rule's common one. */
static void review_item(struct html *h, size_t k, const char *common)
{
	const struct fa_report *r = h->r;
	const struct fa_report_review_item *q = &r->review_items[k];
	const struct fa_finding *const *f = q->findings;
	const char *ask = item_question(r, k);
	static const struct own all = { 0, 1 };

	fa_html_fmt(h, "<tr class=\"rev fb\" id=\"rev-%zu\"", k + 1);
	fa_html_filter_attrs(h, "review", q->rule, f, q->n, q->unit,
			     q->unit_len);
	fa_html_raw(h, "><td class=\"box\">&#9744;</td><td>");
	fa_html_subject_n(h, q->unit, q->unit_len);
	fa_html_raw(h, "</td><td>");
	if (*ask && (!common || strcmp(ask, common) != 0))
		question(h, ask);
	if (q->n == 1)
		review_finding(h, f[0], q->unit, q->unit_len);
	else
		subject_rows(h, f, q->n, &all, 0);
	fa_html_raw(h, "</td><td></td></tr>\n");
}

/* 1 if review item k is a card: more than one finding, folded, and no
 * question but the rule's common one. */
static int is_card(const struct fa_report *r, size_t k, const char *common)
{
	const char *ask = item_question(r, k);

	return r->review_items[k].n > 1 &&
	       (!*ask || (common && strcmp(ask, common) == 0));
}

/* Review item k as a card: a box to tick, the unit, its findings
 * folded. Cards stand side by side: a rule that asks its question of
 * thirty workers takes a few lines. */
static void review_card(struct html *h, size_t k)
{
	const struct fa_report_review_item *q = &h->r->review_items[k];
	static const struct own all = { 0, 1 };

	fa_html_fmt(h, "<div class=\"rev fb card\" id=\"rev-%zu\"", k + 1);
	fa_html_filter_attrs(h, "review", q->rule, q->findings, q->n, q->unit,
			     q->unit_len);
	fa_html_raw(h, "><span class=\"box\">&#9744;</span> <b>");
	fa_html_subject_n(h, q->unit, q->unit_len);
	fa_html_raw(h, "</b> ");
	subject_rows(h, q->findings, q->n, &all, 0);
	fa_html_raw(h, "</div>\n");
}

/* A checklist table without its head: the first one has it. */
static void checklist_open(struct html *h, const struct col *c, size_t n)
{
	size_t i;

	fa_html_raw(h, "<table class=\"checklist\"><colgroup>");
	for (i = 0; i < n; i++)
		fa_html_fmt(h, "<col style=\"width:%d%%\">", c[i].pct);
	fa_html_raw(h, "</colgroup><tbody>\n");
}

/* The inspector's judgements of a stored run (docs/store.md). */
static void judgements(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col cols[] = {
		{ "Finding", "Bevinding", 30 },
		{ "Judgement", "Oordeel", 16 },
		{ "By, when", "Door, wanneer", 18 },
		{ "Why", "Waarom", 36 },
	};
	size_t i;

	if (!r->opt.n_judged)
		return;
	fa_html_raw(h, "<h3>");
	fa_html_tr(h, "Judged by the inspector",
		   "Beoordeeld door de inspecteur");
	fa_html_raw(h, "</h3>\n");
	fa_html_table_open(h, "judgements", cols,
			   sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->opt.n_judged; i++) {
		const struct fa_judged *j = &r->opt.judged[i];

		fa_html_raw(h, "<tr><td><span class=\"rid\">");
		fa_html_esc(h, j->key);
		fa_html_raw(h, "</span>");
		if (j->applied) {
			fa_html_raw(h, "<div class=\"sub\">");
			fa_html_tr(h, "was ", "was ");
			fa_html_outcome(h, j->was);
			fa_html_raw(h, "</div>");
		} else {
			fa_html_raw(h, "<div class=\"sub\">");
			fa_html_tr(h,
				   "not applied: this run has no open finding "
				   "with this key",
				   "niet toegepast: deze run heeft geen open "
				   "bevinding met deze sleutel");
			fa_html_raw(h, "</div>");
		}
		fa_html_raw(h, "</td><td>");
		if (strcmp(j->verdict, "accept") == 0)
			fa_html_tr(h, "accepted", "geaccepteerd");
		else if (strcmp(j->verdict, "not-applicable") == 0)
			fa_html_tr(h, "not applicable", "niet van toepassing");
		else
			fa_html_class(h, j->severity);
		fa_html_raw(h, "</td><td>");
		fa_html_esc(h, j->by);
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_esc(h, j->at);
		fa_html_raw(h, "</div></td><td>");
		fa_html_esc(h, j->note);
		fa_html_raw(h, "</td></tr>\n");
	}
	fa_html_table_close(h);
}

/* The member's waivers on the audit date (docs/waivers.md). */
static void waivers(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col cols[] = {
		{ "Waiver", "Ontheffing", 22 },
		{ "On the audit date", "Op de auditdatum", 22 },
		{ "Approved by, because", "Goedgekeurd door, omdat", 56 },
	};
	size_t i;

	if (!r->n_waivers)
		return;
	fa_html_raw(h, "<h3>");
	fa_html_tr(h, "Waivers of the member", "Ontheffingen van het lid");
	fa_html_raw(h, "</h3>\n");
	fa_html_table_open(h, "waivers", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->n_waivers; i++) {
		const struct fa_waived *w = &r->waivers[i];

		fa_html_raw(h, "<tr><td><span class=\"rid\">");
		fa_html_esc(h, w->id);
		fa_html_raw(h, "</span><div class=\"sub\">");
		fa_html_esc(h, w->rule_id);
		fa_html_raw(h, "</div></td><td>");
		if (strcmp(w->state, "expired") == 0)
			fa_html_tr(h, "expired", "verlopen");
		else if (strcmp(w->state, "not_yet") == 0)
			fa_html_tr(h, "not yet valid", "nog niet geldig");
		else
			fa_html_tr(h, "active", "geldig");
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_esc(h, w->from);
		fa_html_raw(h, " &#8211; ");
		fa_html_esc(h, w->until);
		fa_html_raw(h, "</div><div class=\"sub\">");
		if (w->orphan)
			fa_html_tr(h, "matches no open finding",
				   "dekt geen open uitkomst");
		else
			fa_html_counted(h, w->n_waived, "finding waived",
					"findings waived", "uitkomst ontheven",
					"uitkomsten ontheven");
		fa_html_raw(h, "</div></td><td>");
		fa_html_esc(h, w->approver);
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_esc(h, w->reason);
		fa_html_raw(h, "</div><div class=\"sub\">");
		fa_html_esc(h, w->basis);
		fa_html_raw(h, "</div></td></tr>\n");
	}
	fa_html_table_close(h);
}

void fa_html_checklist(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col cols[] = {
		{ "Done", "Klaar", 6 },
		{ "Concerns", "Betreft", 12 },
		{ "What to judge", "Wat te beoordelen", 66 },
		{ "Notes", "Aantekeningen", 16 },
	};
	size_t i, k, j, cards, n = 0;
	int head = 0;

	fa_html_section_open(h, FA_HTML_P_CHECKLIST);
	fa_html_raw(h, "<p>");
	if (!r->n_review_items) {
		fa_html_tr(h, "Nothing needs review.", "Niets te beoordelen.");
		fa_html_raw(h, "</p>\n");
		judgements(h);
		waivers(h);
		fa_html_raw(h, "</section>\n");
		return;
	}
	for (i = 0; i < r->n_review_items; i++)
		n += r->review_items[i].n;
	fa_html_counted(h, r->n_review_items, "item", "items", "punt",
			"punten");
	fa_html_tr(h,
		   " for a person to judge (interviews, the content of "
		   "documents, values whose source is uncertain), ",
		   " die een mens moet beoordelen (gesprekken, de inhoud van "
		   "documenten, waarden met een onzekere bron), ");
	fa_html_counted(h, n, "finding", "findings", "bevinding",
			"bevindingen");
	fa_html_tr(h,
		   " in all. Each item asks one question about one thing: a "
		   "location, a worker, a document; its findings are folded "
		   "under it.",
		   " in totaal. Elk punt stelt een vraag over een ding: een "
		   "locatie, een werknemer, een document; de bevindingen staan "
		   "ingeklapt eronder.");
	fa_html_raw(h, "</p>\n");
	for (i = 0; i < r->n_review_items; i = k) {
		const struct fa_rule *rule = r->review_items[i].rule;
		enum fa_confidence values = FA_CONF_P;
		const char *common;
		int reads = 0;

		for (k = i;
		     k < r->n_review_items && r->review_items[k].rule == rule;
		     k++)
			weakest(r->review_items[k].findings,
				r->review_items[k].n, &values, &reads);
		common = common_question(r, i, k);
		/* the question, not the article, is what the reviewer
		 * needs; the article is in the rule's row (Rules) */
		fa_html_raw(h, "<div class=\"blk revg fg\">\n");
		rule_head(h, rule, reads, values);
		if (common && *common)
			question(h, common);
		for (j = i, cards = 0; j < k; j++)
			cards += is_card(r, j, common);
		if (cards < k - i) {
			if (!head++)
				fa_html_table_open(h, "checklist", cols,
						   sizeof(cols) /
						       sizeof(cols[0]));
			else
				checklist_open(h, cols,
					       sizeof(cols) / sizeof(cols[0]));
			for (j = i; j < k; j++)
				if (!is_card(r, j, common))
					review_item(h, j, common);
			fa_html_table_close(h);
		}
		if (cards) {
			fa_html_raw(h, "<div class=\"cards\">\n");
			for (j = i; j < k; j++)
				if (is_card(r, j, common))
					review_card(h, j);
			fa_html_raw(h, "</div>\n");
		}
		fa_html_raw(h, "</div>\n");
	}
	judgements(h);
	waivers(h);
	fa_html_raw(h, "</section>\n");
}
