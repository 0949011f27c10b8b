/* SPDX-License-Identifier: MIT */
/*
 * The report as one self-contained HTML5 file: inline style, hand-written
 * inline SVG charts, one inline script and no external resource of any
 * kind, so it can be archived, mailed and opened offline years later and
 * shows the same. The first screen is the answer: the verdict, the A- and
 * B-deviations counted per requirement with their repair deadlines, the
 * money owed to workers, what could not be checked, what remains to be
 * reviewed and what rests on uncertain values; the detail follows.
 *
 * The script (a few lines, written here, holding nothing from the model)
 * filters the blocks by outcome, class, rule set, location and text, and
 * opens or closes the folds; without it the filters stay hidden and
 * everything is shown. Print (A4): what the reader has unfolded, or all
 * of it with the "print all" button. Uses the report model only.
 */
#include <stdlib.h>
#include <string.h>

#include "report_html_impl.h"

/* ---- the answer ---------------------------------------------------------- */

/* A row of the answer: its label links to the section with the detail. */
static void answer_row(struct html *h, const char *cls, const char *anchor,
		       const char *en, const char *nl)
{
	fa_html_fmt(h, "<tr class=\"%s\"><th><a href=\"#%s\">", cls, anchor);
	fa_html_tr(h, en, nl);
	fa_html_raw(h, "</a></th><td>");
}

/* The deviations of one class: requirements, subjects, deadline(s). */
static void answer_class(struct html *h, enum fa_severity sev, size_t n_req,
			 size_t n_subjects)
{
	const struct fa_report *r = h->r;
	const char *first = NULL, *last = NULL;
	size_t i;

	answer_row(h, n_req ? fa_html_class_key(sev) : "",
		   sev == FA_SEV_MAJOR ? "deviations-a" : "deviations-b",
		   sev == FA_SEV_MAJOR ? "A-deviations" : "B-deviations",
		   sev == FA_SEV_MAJOR ? "A-afwijkingen" : "B-afwijkingen");
	if (!n_req) {
		fa_html_tr(h, "none", "geen");
		fa_html_raw(h, "</td></tr>\n");
		return;
	}
	for (i = 0; i < r->n_requirements; i++) {
		const char *d = r->requirements[i].deadline;

		if (r->requirements[i].severity != sev || !d[0])
			continue;
		if (!first || strcmp(d, first) < 0)
			first = d;
		if (!last || strcmp(d, last) > 0)
			last = d;
	}
	fa_html_raw(h, "<b>");
	fa_html_counted(h, n_req, "requirement not met", "requirements not met",
			"eis niet nageleefd", "eisen niet nageleefd");
	fa_html_raw(h, "</b>, ");
	fa_html_counted(h, n_subjects, "subject affected", "subjects affected",
			"onderwerp geraakt", "onderwerpen geraakt");
	if (first) {
		fa_html_raw(h, " &#183; ");
		fa_html_tr(h, "repair by ", "herstellen voor ");
		fa_html_raw(h, "<b>");
		fa_html_esc(h, first);
		if (strcmp(first, last) != 0) {
			fa_html_raw(h, "</b> ");
			fa_html_tr(h, "to ", "tot ");
			fa_html_raw(h, "<b>");
			fa_html_esc(h, last);
		}
		fa_html_raw(h, "</b>");
	}
	fa_html_raw(h, "</td></tr>\n");
}

static void answer(struct html *h)
{
	const struct fa_report *r = h->r;
	char why[512];
	size_t i, n = 0;
	int any = 0;

	fa_html_raw(h, "<table class=\"answer\"><tbody>\n");
	answer_class(h, FA_SEV_MAJOR, r->n_major_requirements,
		     r->n_major_subjects);
	answer_class(h, FA_SEV_MINOR, r->n_minor_requirements,
		     r->n_minor_subjects);

	answer_row(h, r->owed_total_cents > 0 ? "owed" : "", "deductions",
		   "Money owed to workers", "Tegoed van werknemers");
	if (!r->deductions_judged) {
		fa_html_tr(h,
			   "not judged: no rule that measures deductions ran",
			   "niet beoordeeld: geen regel die inhoudingen meet "
			   "is uitgevoerd");
	} else if (!r->owed_total_cents) {
		fa_html_tr(h, "none", "geen");
	} else {
		fa_html_raw(h, "<b>");
		fa_html_money(h, r->owed_total_cents);
		fa_html_raw(h, "</b> ");
		fa_html_tr(h, "to ", "aan ");
		fa_html_counted(h, r->n_overcharges, "worker", "workers",
				"werknemer", "werknemers");
		fa_html_raw(h, " <span class=\"sub\">(");
		fa_html_tr(h, "deducted too much ", "te veel ingehouden ");
		fa_html_money(h, r->overcharge_total_cents);
		fa_html_tr(h, "; paid below the minimum wage ",
			   "; onder het minimumloon betaald ");
		fa_html_money(h, r->underpaid_total_cents);
		fa_html_raw(h, ")</span>");
	}
	fa_html_raw(h, "</td></tr>\n");

	/* what endangers the residents: rules marked safety="yes" */
	answer_row(h,
		   r->n_safety_requirements   ? "a"
		   : r->n_safety_review_items ? "warn"
					      : "",
		   "deviations", "Safety", "Veiligheid");
	if (!r->n_safety_requirements && !r->n_safety_review_items)
		fa_html_tr(h, "no deviation, nothing to review",
			   "geen afwijking, niets te beoordelen");
	else {
		size_t k, shown = 0;

		fa_html_raw(h, "<b>");
		fa_html_counted(h, r->n_safety_requirements, "deviation",
				"deviations", "afwijking", "afwijkingen");
		fa_html_raw(h, "</b>");
		for (k = 0; k < r->n_requirements; k++) {
			const struct fa_report_requirement *q =
			    &r->requirements[k];

			if (!q->rule->safety)
				continue;
			fa_html_raw(h, shown++ ? ", " : ": ");
			fa_html_esc(h, q->rule->id);
			if (q->object) {
				fa_html_raw(h, " ");
				fa_html_esc(h, q->object);
			}
		}
		fa_html_raw(h, " &#183; ");
		fa_html_counted(h, r->n_safety_review_items, "item to review",
				"items to review", "punt te beoordelen",
				"punten te beoordelen");
	}
	fa_html_raw(h, "</td></tr>\n");

	answer_row(h, r->incomplete ? "inc" : "", "not-checked", "Not checked",
		   "Niet gecontroleerd");
	for (i = 0; i < FA_REPORT_REASONS; i++)
		if (fa_report_reason(r, i, NULL, why, sizeof(why))) {
			fa_html_raw(h, any ? "<br>" : "");
			fa_html_esc(h, why);
			any = 1;
		}
	if (!any)
		fa_html_tr(h, "nothing: every rule the verdict depends on ran",
			   "niets: elke regel waarvan het oordeel afhangt, is "
			   "uitgevoerd");
	fa_html_raw(h, "</td></tr>\n");

	for (i = 0; i < r->n_review_items; i++)
		n += r->review_items[i].n;
	answer_row(h, "", "checklist", "To review", "Te beoordelen");
	if (!r->n_review_items) {
		fa_html_tr(h, "nothing", "niets");
	} else {
		fa_html_raw(h, "<b>");
		fa_html_counted(h, r->n_review_items, "item", "items", "punt",
				"punten");
		fa_html_raw(h, "</b> ");
		fa_html_tr(h, "for the inspector to judge (",
			   "voor de inspecteur (");
		fa_html_counted(h, n, "finding", "findings", "bevinding",
				"bevindingen");
		fa_html_raw(h, ")");
	}
	fa_html_raw(h, "</td></tr>\n");

	if (r->n_waivers) {
		size_t orphans = 0, expired = 0;

		for (i = 0; i < r->n_waivers; i++) {
			orphans += r->waivers[i].orphan;
			expired += strcmp(r->waivers[i].state, "expired") == 0;
		}
		answer_row(h, "", "checklist", "With waivers",
			   "Met ontheffingen");
		fa_html_raw(h, "<b>");
		fa_html_esc(h, fa_report_verdict_words(r, r->verdict_waived));
		fa_html_raw(h, "</b> &#183; ");
		fa_html_counted(h, r->n_waived, "finding waived",
				"findings waived", "uitkomst ontheven",
				"uitkomsten ontheven");
		fa_html_raw(h, " &#183; ");
		fa_html_counted(h, expired, "waiver expired", "waivers expired",
				"ontheffing verlopen", "ontheffingen verlopen");
		fa_html_raw(h, " &#183; ");
		fa_html_counted(h, orphans, "waiver matching nothing",
				"waivers matching nothing",
				"ontheffing zonder uitkomst",
				"ontheffingen zonder uitkomst");
		fa_html_raw(h, "</td></tr>\n");
	}

	if (r->follow_up) {
		const struct fa_report_follow_up *u = r->follow_up;
		size_t open = 0, shown = 0;

		for (i = 0; i < u->n_due; i++)
			open += u->due[i].status != 1;
		answer_row(h, open ? "a" : "", "checklist", "Follow-up",
			   "Vervolg");
		fa_html_fmt(h, "run %lld (", (long long)u->run);
		fa_html_tr(h, "audit date ", "auditdatum ");
		fa_html_esc(h, u->audit_date);
		fa_html_raw(h, "): <b>");
		fa_html_counted(h, u->n_due_requirements, "requirement",
				"requirements", "eis", "eisen");
		fa_html_raw(h, "</b> (");
		fa_html_counted(h, u->n_due, "subject", "subjects", "onderwerp",
				"onderwerpen");
		fa_html_raw(h, ") ");
		fa_html_tr(h, "due by now, ", "nu te herstellen, ");
		fa_html_counted(h, u->n_open_requirements, "not resolved",
				"not resolved", "niet opgelost",
				"niet opgelost");
		/* the first ten by deadline; the text and JSON reports list
		 * them all */
		for (i = 0; i < u->n_due && shown < 10; i++)
			if (u->due[i].status != 1) {
				fa_html_raw(h, shown++ ? ", " : ": ");
				fa_html_esc(h, u->due[i].key);
			}
		if (open > shown) {
			fa_html_fmt(h, " (+%zu)", open - shown);
		}
		fa_html_raw(h, "<br><span class=\"sub\">");
		fa_html_tr(h, "since then: ", "sindsdien: ");
		fa_html_fmt(h, "%zu ", u->counts[0]);
		fa_html_tr(h, "new, ", "nieuw, ");
		fa_html_fmt(h, "%zu ", u->counts[1]);
		fa_html_tr(h, "resolved, ", "opgelost, ");
		fa_html_fmt(h, "%zu ", u->counts[2]);
		fa_html_tr(h, "persisting, ", "blijft, ");
		fa_html_fmt(h, "%zu ", u->counts[3]);
		fa_html_tr(h, "changed, ", "gewijzigd, ");
		fa_html_fmt(h, "%zu ", u->counts[4]);
		fa_html_tr(h, "not rechecked", "niet opnieuw gecontroleerd");
		fa_html_raw(h, "</span></td></tr>\n");
	}

	for (i = 0, n = 0; i < r->n_cautions; i++)
		n += r->cautions[i].n_not_pass;
	answer_row(h, r->n_cautions ? "warn" : "", "cautions", "Caution",
		   "Let op");
	if (!r->n_cautions) {
		fa_html_tr(h,
			   "no rule rests on an uncertain or placeholder value",
			   "geen regel steunt op een onzekere waarde of "
			   "plaatshouder");
	} else {
		fa_html_counted(h, r->n_cautions, "rule rests", "rules rest",
				"regel steunt", "regels steunen");
		fa_html_tr(h, " on uncertain (U) or placeholder (NF) values; ",
			   " op onzekere waarden (U) of plaatshouders (NF); ");
		fa_html_raw(h, "<b>");
		fa_html_count(h, n);
		fa_html_raw(h, "</b>");
		fa_html_tr(h,
			   " of their findings fail or need review: check "
			   "them before relying on them",
			   " van hun bevindingen voldoen niet of zijn te "
			   "beoordelen: kijk ze na voordat u erop vertrouwt");
	}
	fa_html_raw(h, "</td></tr>\n");

	answer_row(h, "", "observations", "Observations", "Waarnemingen");
	fa_html_count(h, h->n_obs);
	fa_html_tr(h, " (not deviations)", " (geen afwijkingen)");
	fa_html_raw(h, "</td></tr>\n</tbody></table>\n");
}

static void header(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_manifest *m = r->ev->manifest;
	static const char *const cls[] = { "pos", "posb", "neg", "inc" };

	fa_html_raw(h, "<header>\n<h1>");
	fa_html_tr(h, "Audit report: ", "Auditrapport: ");
	fa_html_esc(h, m->member_name);
	fa_html_fmt(h, "</h1>\n<p class=\"verdict %s\">", cls[r->verdict]);
	fa_html_tr(h, "ABU verdict: ", "ABU-oordeel: ");
	fa_html_raw(h, "<b>");
	fa_html_esc(h, fa_report_verdict_text(r));
	fa_html_raw(h, "</b>");
	if (r->incomplete && r->verdict != FA_VERDICT_INCOMPLETE)
		fa_html_tr(h, "; not everything was checked",
			   "; niet alles is gecontroleerd");
	fa_html_raw(h, "</p>\n<p class=\"meta\">");
	fa_html_tr(h, "audit date ", "auditdatum ");
	fa_html_esc(h, r->e->audit_date);
	fa_html_tr(h, " (period ", " (periode ");
	fa_html_val(h, m->period_from);
	fa_html_raw(h, " &#8211; ");
	fa_html_val(h, m->period_to);
	fa_html_raw(h, ") &#183; ");
	if (r->sample) {
		fa_html_tr(h, "inspection, a sample of ",
			   "inspectie, steekproef van ");
		fa_html_count(h, r->sample->n);
		fa_html_tr(h, " personnel files", " personeelsdossiers");
	} else {
		fa_html_tr(h, "self-assessment, every personnel file",
			   "zelfevaluatie, elk personeelsdossier");
	}
	fa_html_raw(h, " &#183; KvK ");
	fa_html_val(h, m->kvk);
	fa_html_raw(h, " &#183; flexaudit ");
	fa_html_esc(h, r->version);
	fa_html_raw(h, "</p>\n</header>\n");
	answer(h);
}

/* ---- contents and filters ------------------------------------------------ */

static void contents(struct html *h)
{
	int p;

	fa_html_raw(h, "<nav id=\"contents\"><b>");
	fa_html_tr(h, "Contents", "Inhoud");
	fa_html_raw(h, ":</b>");
	for (p = 0; p < FA_HTML_P_COUNT; p++) {
		if (p == FA_HTML_P_CAUTIONS && !h->r->n_cautions)
			continue;
		fa_html_fmt(h, " <a href=\"#%s\">",
			    fa_html_part_id((enum fa_html_part)p));
		fa_html_part_name(h, (enum fa_html_part)p);
		fa_html_raw(h, "</a>");
	}
	fa_html_raw(h, "</nav>\n");
}

static void option(struct html *h, const char *value, const char *en,
		   const char *nl)
{
	fa_html_fmt(h, "<option value=\"%s\">", value);
	fa_html_tr(h, en, nl);
	fa_html_raw(h, "</option>");
}

/* The filters, hidden until the script shows them: without it they
 * could not work, and everything is shown. */
static void filters(struct html *h)
{
	const struct fa_report *r = h->r;
	size_t i;

	fa_html_raw(h, "<div id=\"filters\" class=\"bar\" hidden>\n<label>");
	fa_html_tr(h, "Outcome", "Uitkomst");
	fa_html_raw(h, " <select id=\"f-o\">");
	option(h, "", "all", "alle");
	option(h, "fail", "fail", "voldoet niet");
	option(h, "review", "needs review", "te beoordelen");
	option(h, "error", "error", "fout");
	option(h, "not_checked", "not checked", "niet gecontroleerd");
	option(h, "pass", "pass", "voldoet");
	option(h, "na", "not applicable", "n.v.t.");
	fa_html_raw(h, "</select></label>\n<label>");
	fa_html_tr(h, "Class", "Klasse");
	fa_html_raw(h, " <select id=\"f-c\">");
	option(h, "", "all", "alle");
	option(h, "a", "A-deviation", "A-afwijking");
	option(h, "b", "B-deviation", "B-afwijking");
	option(h, "obs", "observation", "waarneming");
	fa_html_raw(h, "</select></label>\n<label>");
	fa_html_tr(h, "Rule set", "Regelset");
	fa_html_raw(h, " <select id=\"f-s\">");
	option(h, "", "all", "alle");
	for (i = 0; i < r->n_sections; i++) {
		fa_html_fmt(h, "<option value=\"%zu\">", i);
		fa_html_set_name(h, r->sections[i].set);
		fa_html_raw(h, "</option>");
	}
	fa_html_raw(h, "</select></label>\n<label>");
	fa_html_tr(h, "Location", "Locatie");
	fa_html_raw(h, " <select id=\"f-l\">");
	option(h, "", "all", "alle");
	for (i = 0; i < h->n_locs; i++) {
		fa_html_fmt(h, "<option value=\"%zu\">", i);
		fa_html_esc(h, h->locs[i]->id);
		fa_html_raw(h, "</option>");
	}
	fa_html_raw(h, "</select></label>\n<label>");
	fa_html_tr(h, "Search", "Zoeken");
	fa_html_raw(h, " <input id=\"f-q\" type=\"search\" size=\"14\" "
		       "placeholder=\"");
	fa_html_tr(h, "rule, worker, text", "regel, werknemer, tekst");
	fa_html_raw(h, "\"></label>\n<span class=\"btns\">"
		       "<button type=\"button\" id=\"f-open\">");
	fa_html_tr(h, "Expand all", "Alles openklappen");
	fa_html_raw(h, "</button><button type=\"button\" id=\"f-close\">");
	fa_html_tr(h, "Collapse all", "Alles inklappen");
	fa_html_raw(h, "</button><button type=\"button\" id=\"f-reset\">");
	fa_html_tr(h, "Clear filters", "Filters wissen");
	fa_html_raw(h, "</button><button type=\"button\" id=\"f-print\">");
	fa_html_tr(h, "Print all", "Alles afdrukken");
	fa_html_raw(h, "</button></span>\n<span class=\"cnt\">");
	fa_html_tr(h, "shown: ", "getoond: ");
	fa_html_raw(h, "<b id=\"f-n\"></b></span>\n</div>\n");
}

/* ---- audit details ------------------------------------------------------- */

/* A key-value pair of the cover; the next one (or the end) closes it. */
static void kv(struct html *h, const char *en, const char *nl)
{
	fa_html_raw(h,
		    h->kv_open ? "</dd>\n<dt>" : "<dl class=\"cover\">\n<dt>");
	h->kv_open = 1;
	fa_html_tr(h, en, nl);
	fa_html_raw(h, "</dt><dd>");
}

/* Ids as given on the command line (--rule, --skip-rule). */
static void names(struct html *h, const char *en, const char *nl,
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

/* Rule ids, space separated. */
static void rule_ids(struct html *h, const struct fa_rule *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fa_html_raw(h, i ? " " : "");
		fa_html_esc(h, v[i]->id);
	}
}

/*
 * What was not checked: why the audit is incomplete, each table not
 * supplied with the rules that could not check for want of it, and the
 * rules chosen, skipped or left out.
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
		return; /* the cover said so */
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
	names(h, "Chosen with --rule:", "Gekozen met --rule:", r->opt.only,
	      r->opt.n_only);
	names(h, "Skipped with --skip-rule:", "Overgeslagen met --skip-rule:",
	      r->opt.skip, r->opt.n_skip);
	if (r->n_left_out) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "Rules of the bundled rule sets not loaded: ",
			   "Regels van de meegeleverde regelsets die niet "
			   "geladen zijn: ");
		rule_ids(h, r->left_out, r->n_left_out);
		fa_html_raw(h, "</p>\n");
	}
}

static void cover(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_manifest *m = r->ev->manifest;
	const struct fa_sample *s = r->sample;
	static const struct col sets[] = {
		{ "Rule set", "Regelset", 9 },
		{ "Edition", "Editie", 9 },
		{ "File", "Bestand", 30 },
		{ "SHA-256 of the file", "SHA-256 van het bestand", 52 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_COVER);
	kv(h, "Member", "Lid");
	fa_html_val(h, m->member_name);
	kv(h, "KvK number", "KvK-nummer");
	fa_html_val(h, m->kvk);
	kv(h, "ABU number", "ABU-nummer");
	fa_html_val(h, m->abu_number);
	kv(h, "Audit period", "Auditperiode");
	fa_html_val(h, m->period_from);
	fa_html_raw(h, " &#8211; ");
	fa_html_val(h, m->period_to);
	kv(h, "Audit date", "Auditdatum");
	fa_html_val(h, r->e->audit_date);
	if (fa_report_date_outside_period(r)) {
		fa_html_raw(h, " <strong>");
		fa_html_tr(h,
			   "outside the audit period: the package's evidence "
			   "does not cover this date",
			   "buiten de auditperiode: het bewijs in het pakket "
			   "dekt deze datum niet");
		fa_html_raw(h, "</strong>");
	}
	kv(h, "Generated", "Gemaakt");
	fa_html_val(h, r->generated_at);
	kv(h, "Mode", "Modus");
	if (!s) {
		fa_html_tr(h, "self-assessment: every personnel file",
			   "zelfevaluatie: elk personeelsdossier");
	} else {
		fa_html_tr(h, "inspection: a sample of ",
			   "inspectie: steekproef van ");
		fa_html_fmt(h, "%zu ", s->n);
		fa_html_tr(h, "of ", "van ");
		fa_html_fmt(h, "%zu ", s->population);
		fa_html_tr(h, "personnel files, seed ",
			   "personeelsdossiers, seed ");
		fa_html_fmt(h, "%llu", (unsigned long long)s->seed);
		fa_html_tr(h, ", algorithm ", ", algoritme ");
		fa_html_raw(h, "splitmix64 + partial Fisher-Yates "
			       "(docs/sampling.md); ");
		/* up to hundreds of numbers: the annex, not the first page */
		fa_html_tr(h, "the files drawn are listed in the ",
			   "de getrokken dossiers staan in de ");
		fa_html_raw(h, "<a href=\"#annex\">");
		fa_html_tr(h, "annex", "bijlage");
		fa_html_raw(h, "</a>");
	}
	kv(h, "Program", "Programma");
	fa_html_raw(h, "flexaudit ");
	fa_html_val(h, r->version);
	kv(h, "Package produced", "Pakket gemaakt");
	fa_html_val(h, m->producer_name);
	fa_html_raw(h, ", ");
	fa_html_val(h, m->produced_at);
	kv(h, "Package SHA-256", "SHA-256 van het pakket");
	fa_html_raw(h, "<span class=\"mono\">");
	fa_html_val(h, r->ev->package_sha256);
	if (!r->incomplete && !r->n_missing) {
		fa_html_raw(h, "</span></dd>\n<dt id=\"not-checked\">");
		fa_html_tr(h, "Not checked", "Niet gecontroleerd");
		fa_html_raw(h, "</dt><dd>");
		fa_html_tr(h, "nothing: every rule the verdict depends on ran",
			   "niets: elke regel waarvan het oordeel afhangt, is "
			   "uitgevoerd");
		fa_html_raw(h, "</dd>\n</dl>\n");
	} else {
		fa_html_raw(h, "</span></dd>\n</dl>\n");
	}
	h->kv_open = 0;
	fa_html_table_open(h, "small dense", sets,
			   sizeof(sets) / sizeof(sets[0]));
	for (i = 0; i < r->sets->n; i++) {
		const struct fa_ruleset *rs = r->sets->sets[i];

		fa_html_raw(h, "<tr>");
		fa_html_td_code(h, rs->id);
		fa_html_td(h, rs->edition);
		fa_html_td(h, rs->path);
		fa_html_raw(h, "<td class=\"mono\">");
		fa_html_val(h, rs->sha256);
		fa_html_raw(h, "</td></tr>\n");
	}
	fa_html_table_close(h);
	fa_html_confidence_legend(h);
	scope(h);
	fa_html_raw(h, "</section>\n");
}

static void cautions(struct html *h)
{
	const struct fa_report *r = h->r;
	size_t i;

	if (!r->n_cautions)
		return;
	fa_html_fmt(h, "\n<section id=\"%s\" class=\"caution\">\n<h2>",
		    fa_html_part_id(FA_HTML_P_CAUTIONS));
	fa_html_part_name(h, FA_HTML_P_CAUTIONS);
	fa_html_raw(h, "</h2><p>");
	fa_html_tr(
	    h,
	    "These rules rest on values whose source is uncertain (U) or "
	    "not found (NF, a placeholder). Their fail and needs-review "
	    "findings (the number after each rule) must be checked by a "
	    "person before they are relied on.",
	    "Deze regels steunen op waarden met een onzekere bron (U) of "
	    "zonder gevonden bron (NF, een plaatshouder). Hun bevindingen "
	    "die niet voldoen of te beoordelen zijn (het getal na elke "
	    "regel) moet een mens nakijken voordat erop wordt vertrouwd.");
	fa_html_raw(h, "</p><p class=\"clist\">");
	for (i = 0; i < r->n_cautions; i++) {
		const struct fa_report_caution *c = &r->cautions[i];

		fa_html_raw(h, i ? "; <b>" : "<b>");
		fa_html_esc(h, c->rule->id);
		fa_html_raw(h, "</b>&#160;(");
		fa_html_raw(h, (c->flags & FA_FINDING_UNCERTAIN) ? "U" : "");
		fa_html_raw(h, (c->flags & FA_FINDING_UNCERTAIN) &&
				       (c->flags & FA_FINDING_PLACEHOLDER)
				   ? "+"
				   : "");
		fa_html_raw(h, (c->flags & FA_FINDING_PLACEHOLDER) ? "NF" : "");
		fa_html_raw(h, ",&#160;");
		fa_html_count(h, c->n_not_pass);
		fa_html_raw(h, ")");
	}
	fa_html_raw(h, "</p></section>\n");
}

/* ---- style and script ---------------------------------------------------- */

/*
 * Screen: a wide column, the filters kept in view while scrolling. Print:
 * A4 with page numbers in the margin, table headers repeated on every
 * page, rows kept whole, colours printed as on screen (verdict, classes,
 * chart bars carry meaning), no filters and no contents (links do not
 * work on paper), folds printed closed unless unfolded. Headings of
 * tables never break a word (hyphens: manual, no word-break). Fonts are
 * the reader's own: no font is fetched.
 */
static const char *const style[] = {
	"@page{size:A4;margin:12mm 12mm 14mm "
	"12mm;@bottom-right{content:counter(p"
	"age) \" / \" counter(pages);font:8pt sans-serif;color:#555}}\n",
	"html{font:9.5pt/1.35 \"DejaVu Sans\",\"Liberation "
	"Sans\",Arial,sans-seri"
	"f;color:#111;background:#fff;-webkit-print-color-adjust:exact;print-"
	"colo"
	"r-adjust:exact}\n",
	"body{max-width:280mm;margin:0 auto;padding:3mm 5mm}\n",
	"h1{font-size:16pt;margin:0 0 1.5mm}\n",
	"h2{font-size:13pt;margin:4mm 0 "
	"1.5mm;padding-bottom:.8mm;border-bottom:2"
	"px solid #23405e;color:#23405e;break-after:avoid}\n",
	"h3{font-size:10.5pt;margin:2.5mm 0 1mm;break-after:avoid}\n",
	"h4{font-size:9pt;margin:0 0 .3mm;break-after:avoid}\n",
	"p{margin:1mm 0 2mm}\n",
	"a{color:#1d4f8a}\n",
	".verdict{font-size:13pt;padding:1.5mm 4mm;border-left:6px "
	"solid;margin:0"
	" 0 1mm}\n",
	".verdict.pos{border-color:#2e7d4f;background:#eaf6ee}\n",
	".verdict.posb{border-color:#e8a317;background:#fdf6e3}\n",
	".verdict.neg{border-color:#b3261e;background:#fbeaea}\n",
	".verdict.inc{border-color:#555;background:#eee}\n",
	".meta{color:#444;font-size:8.5pt;margin:0 0 2mm}\n",
	"table{border-collapse:collapse;width:100%;table-layout:fixed;margin:"
	"1mm "
	"0 3mm}\n",
	"th,td{border:1px solid #b9c0c8;padding:.5mm "
	"1.2mm;text-align:left;vertic"
	"al-align:top;overflow-wrap:anywhere}\n",
	"th{background:#e6ecf2;font-weight:600;hyphens:manual;word-break:"
	"normal;o"
	"verflow-wrap:normal}\n",
	"thead{display:table-header-group}\n",
	"tr{break-inside:avoid}\n",
	"table.answer{font-size:9.5pt;margin:0 0 2mm}\n",
	"table.answer th{width:48mm;background:#f1f3f6;border-left:6px solid "
	"#b9c"
	"0c8}\n",
	"table.answer th a{color:#111;text-decoration:none}\n",
	"tr.a th{border-left-color:#b3261e}\n",
	"tr.b th{border-left-color:#e8a317}\n",
	"tr.owed th,tr.inc th{border-left-color:#555}\n",
	"tr.warn th{border-left-color:#c27400}\n",
	"nav{font-size:8.5pt;margin:0 0 2mm;color:#333}\n",
	"nav a{margin-left:2.5mm;white-space:nowrap}\n",
	".bar{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;"
	"align-i"
	"tems:center;gap:1.5mm 3mm;background:#f4f6f9;border:1px solid "
	"#b9c0c8;pa"
	"dding:1.5mm 2mm;margin:0 0 2mm;font-size:9pt}\n",
	".bar[hidden],.off{display:none!important}\n",
	".bar button{margin-right:1mm}\n",
	".cnt{margin-left:auto;color:#333}\n",
	"dl.cover{display:grid;grid-template-columns:max-content 1fr "
	"max-content "
	"1fr;gap:.4mm 2.5mm;font-size:8.5pt;margin:1mm 0 2mm}\n",
	"dl.cover dt{font-weight:600;color:#333}\n",
	"dl.cover dd{margin:0;overflow-wrap:anywhere}\n",
	"table.small,table.rules,table.checklist,table.observations{font-size:"
	"8pt"
	"}\n",
	"table.small th,table.rules th,table.checklist th,table.observations "
	"th{f"
	"ont-size:7.5pt}\n",
	"table.dense td{padding:.3mm 1.2mm}\n",
	"table.narrow{width:60%}\n",
	".num{text-align:right;font-variant-numeric:tabular-nums}\n",
	".eur{white-space:nowrap}\n",
	".note{font-size:8pt;color:#444}\n",
	".mono,code,.hash{font-family:\"DejaVu Sans "
	"Mono\",monospace;font-size:7p"
	"t}\n",
	"td.mono{font-size:6.5pt}\n",
	".sub{color:#555;font-size:.92em}\n",
	".ids{font-size:8.5pt;color:#333}\n",
	".pd{color:#6b2b00;font-size:.92em}\n",
	".caution{border:2px solid #c27400;background:#fff5e3;padding:.5mm 3mm "
	"1m"
	"m;margin:3mm 0}\n",
	".caution h2{border:0;color:#8a4b00;margin:1mm 0;font-size:11pt}\n",
	".caution p{margin:.5mm 0;font-size:8.5pt}\n",
	".caution p.clist{font-size:7.5pt}\n",
	".blk{border-left:3px solid #8a96a3;padding:.5mm 0 .1mm 2.5mm;margin:0 "
	"0 "
	"2mm}\n",
	".blk[data-c=a]{border-left-color:#b3261e}\n",
	".blk[data-c=b]{border-left-color:#e8a317}\n",
	".revg{border-left-color:#3b6ea8}\n",
	".part{margin:.8mm 0 0}\n",
	".cls{display:inline-block;min-width:3.6mm;text-align:center;border-"
	"radiu"
	"s:2px;color:#fff;font-weight:700;font-size:8pt;padding:0 .8mm}\n",
	".cls.a{background:#b3261e}\n",
	".cls.b{background:#b07800}\n",
	".cls.obs{background:#5a6b7d}\n",
	".rid{font-family:\"DejaVu Sans "
	"Mono\",monospace;font-size:8.5pt;font-wei"
	"ght:700}\n",
	".facts{display:flex;flex-wrap:wrap;align-items:baseline;column-gap:"
	"3mm;f"
	"ont-size:8pt;margin:0 0 .3mm}\n",
	".art{font-size:7pt;color:#555}\n",
	"details.art>summary{color:#555}\n",
	"details.art[open]{flex-basis:100%}\n",
	"table.subj{font-size:7.5pt;margin:.4mm 0 .6mm}\n",
	"table.subj td{padding:.3mm 1.2mm}\n",
	"table.checklist table.subj{margin:.3mm 0}\n",
	"details.more{margin:0 0 .8mm;font-size:8pt}\n",
	"summary{cursor:pointer;color:#1d4f8a}\n",
	"details.set{margin:0 0 1.5mm;font-size:9pt}\n",
	"details.set>summary{padding:.8mm 0}\n",
	"tr.rule td{background:#f6f7f9}\n",
	".o-fail,.bad{color:#b3261e;font-weight:600}\n",
	".o-review{color:#3b6ea8;font-weight:600}\n",
	".o-error{color:#fff;background:#b3261e;padding:0 1mm}\n",
	".o-pass,.ok{color:#2e7d4f}\n",
	".fix,.exp{margin-top:.3mm;font-size:8pt}\n",
	"td .fix{font-size:7.5pt}\n",
	".ask{margin:.3mm 0;color:#23405e;font-size:8pt}\n",
	".ev{display:block;color:#444;margin-top:.3mm;font-size:.92em}\n",
	"td.o .ev{display:inline;margin:0 0 0 1.5mm}\n",
	".flag{display:inline-block;border:1px solid "
	"#888;border-radius:2px;paddi"
	"ng:0 1mm;font-size:7pt;margin-top:.5mm}\n",
	".flag.warn{border-color:#c27400;color:#8a4b00;background:#fff5e3}\n",
	".conf{border:1px solid #888;border-radius:2px;padding:0 "
	"1mm;font-size:7p"
	"t;font-weight:normal;white-space:nowrap}\n",
	".conf.weak{border-color:#c27400;color:#8a4b00;background:#fff5e3}\n",
	".ph{background:#fff5e3}\n",
	".box{font-size:11pt;text-align:center;line-height:1}\n",
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax("
	"40mm,1"
	"fr));gap:.8mm 2mm;font-size:8pt;margin:.5mm 0 1mm}\n",
	".card{border:1px solid #b9c0c8;padding:.3mm "
	"1.2mm;break-inside:avoid}\n",
	".card .box{font-size:10pt}\n",
	".card details.more{display:inline-block;margin:0}\n",
	".card:has(details[open]){grid-column:1/-1}\n",
	"figure{margin:2mm 0 4mm;break-inside:avoid}\n",
	"figcaption{font-size:8.5pt;color:#444}\n",
	"svg{width:100%;height:auto;font:12px sans-serif}\n",
	"figure svg{max-width:150mm}\n",
	"svg .lbl{font-weight:600}\n",
	"footer{margin-top:6mm;font-size:8pt;color:#666}\n",
	"@media "
	"print{body{max-width:none;padding:0}.bar,nav,footer,.screen{displ"
	"ay:none}summary{color:#444}}\n",

};

/*
 * The filters. Each block (.fb) carries data-o (its outcomes), data-c
 * (class), data-s (rule set index) and data-l (location indexes); a
 * block without an attribute is not filtered on it. A group (.fg) is
 * hidden when none of its blocks is shown. Nothing from the model is
 * in the script.
 */
static const char script[] =
    "(function(){\n"
    "var d=document,bar=d.getElementById('f-n')&&d.getElementById('filters');"
    "\n"
    "if(!bar||!d.querySelectorAll||!('classList' in bar))return;\n"
    "var keys=['o','c','s','l'],sel={},i,t0,\n"
    "q=d.getElementById('f-q'),shown=d.getElementById('f-n'),\n"
    "blocks=d.querySelectorAll('.fb'),groups=d.querySelectorAll('.fg');\n"
    "for(i=0;i<keys.length;i++)sel[keys[i]]=d.getElementById('f-'+keys[i]);"
    "\n"
    "function has(list,v){return(' '+list+' ').indexOf(' '+v+' ')>=0;}\n"
    "function apply(){\n"
    " var t=q.value.toLowerCase().trim(),n=0,b,ok,j,k,a,ds;\n"
    " for(i=0;i<blocks.length;i++){\n"
    "  b=blocks[i];ok=true;\n"
    "  for(j=0;j<keys.length&&ok;j++){k=keys[j];a=b.getAttribute('data-'+k);"
    "\n"
    "   if(sel[k].value&&a!==null&&!has(a,sel[k].value))ok=false;}\n"
    "  if(ok&&t&&b.textContent.toLowerCase().indexOf(t)<0)ok=false;\n"
    "  b.classList.toggle('off',!ok);\n"
    "  if(ok){n++;if(t){ds=b.querySelectorAll('details');\n"
    "   for(j=0;j<ds.length;j++)if(ds[j].textContent.toLowerCase()"
    ".indexOf(t)>=0)ds[j].open=true;}}\n"
    " }\n"
    " for(i=groups.length-1;i>=0;i--)groups[i].classList.toggle('off',\n"
    "  !groups[i].querySelector('.fb:not(.off)'));\n"
    " shown.textContent=n;\n"
    "}\n"
    "function openAll(v){var ds=d.querySelectorAll('details');\n"
    " for(var j=0;j<ds.length;j++)ds[j].open=v;}\n"
    "function clear(){for(var j=0;j<keys.length;j++)sel[keys[j]].value='';"
    "\n"
    " q.value='';apply();}\n"
    "for(i=0;i<keys.length;i++)sel[keys[i]].onchange=apply;\n"
    "q.oninput=function(){clearTimeout(t0);t0=setTimeout(apply,150);};\n"
    "d.getElementById('f-open').onclick=function(){openAll(true);};\n"
    "d.getElementById('f-close').onclick=function(){openAll(false);};\n"
    "d.getElementById('f-reset').onclick=clear;\n"
    "d.getElementById('f-print').onclick=function(){clear();openAll(true);"
    "\n"
    " window.print();};\n"
    "bar.hidden=false;apply();\n"
    "})();\n";

/* ---- the whole ----------------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
	const struct fa_report_location *const *x = a, *const *y = b;
	int c = strcmp((*x)->id, (*y)->id);

	/* equal ids (a package that repeats one): file order */
	return c ? c : (*x > *y) - (*x < *y);
}

/* The observations in rule order, a rule's by subject. */
static int by_rule_subject(const void *a, const void *b)
{
	const struct fa_finding *const *x = a, *const *y = b;
	int c;

	if ((*x)->rule != (*y)->rule)
		return (*x > *y) - (*x < *y); /* findings are in rule order */
	c = strcmp((*x)->subject, (*y)->subject);
	return c ? c : (*x > *y) - (*x < *y);
}

/* What the page needs besides the model; 0, or -1 out of memory. */
static int prepare(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_eval *e = r->e;
	const struct fa_manifest *m = r->ev->manifest;
	size_t i, n = 0, at;

	h->n_locs = r->n_locations;
	h->locs = malloc((r->n_locations + 1) * sizeof(*h->locs));
	h->loc_mark = calloc(r->n_locations + 1, 1);
	h->doc_ref = calloc(m->n_files + 1, 1);
	for (i = 0; i < e->n_findings; i++)
		n += e->findings[i].outcome == FA_OUTCOME_FAIL &&
		     fa_finding_severity(&e->findings[i]) == FA_SEV_OBSERVATION;
	h->obs = malloc((n + 1) * sizeof(*h->obs));
	if (!h->locs || !h->loc_mark || !h->doc_ref || !h->obs)
		return -1;
	for (i = 0; i < r->n_locations; i++)
		h->locs[i] = &r->locations[i];
	qsort(h->locs, r->n_locations, sizeof(*h->locs), by_id);
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];

		if (f->outcome == FA_OUTCOME_FAIL &&
		    fa_finding_severity(f) == FA_SEV_OBSERVATION)
			h->obs[h->n_obs++] = f;
		if (fa_report_listed_html(r, f) && fa_html_document(r, f, &at))
			h->doc_ref[at] = 1;
	}
	qsort(h->obs, h->n_obs, sizeof(*h->obs), by_rule_subject);
	return 0;
}

static void release(struct html *h)
{
	free(h->locs);
	free(h->loc_mark);
	free(h->doc_ref);
	free(h->obs);
}

enum fa_code fa_report_write_html(FILE *out, const struct fa_report *r,
				  struct fa_error *err)
{
	struct html h;
	const struct fa_manifest *m = r->ev->manifest;
	size_t i;

	memset(&h, 0, sizeof(h));
	h.out = out;
	h.r = r;
	if (prepare(&h) != 0) {
		release(&h);
		return fa_error_nomem(err, NULL);
	}
	fa_html_fmt(&h,
		    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n<title>",
		    r->opt.nl ? "nl" : "en");
	fa_html_tr(&h, "Audit report: ", "Auditrapport: ");
	fa_html_esc(&h, m->member_name);
	fa_html_raw(&h, " (");
	fa_html_esc(&h, r->e->audit_date);
	fa_html_raw(&h, ")</title>\n<style>\n");
	for (i = 0; i < sizeof(style) / sizeof(style[0]); i++)
		fa_html_raw(&h, style[i]);
	fa_html_raw(&h, "</style>\n</head>\n<body>\n");
	header(&h);
	contents(&h);
	filters(&h);
	cautions(&h);
	fa_html_deviations(&h);
	fa_html_observations(&h);
	fa_html_checklist(&h);
	fa_html_deductions(&h);
	fa_html_housing(&h);
	fa_html_rules(&h);
	fa_html_mismatches(&h);
	fa_html_data_quality(&h);
	cover(&h);
	fa_html_annex(&h);
	fa_html_raw(&h, "\n<footer>flexaudit ");
	fa_html_esc(&h, r->version);
	fa_html_raw(&h, " &#183; ");
	fa_html_esc(&h, r->generated_at);
	fa_html_raw(&h, "</footer>\n<script>\n");
	fa_html_raw(&h, script);
	fa_html_raw(&h, "</script>\n</body>\n</html>\n");
	fa_html_flush(&h);
	release(&h);
	if (h.failed)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the HTML report: %s",
				    h.errnum ? strerror(h.errnum)
					     : "write error");
	return FA_OK;
}
