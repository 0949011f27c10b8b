/* SPDX-License-Identifier: MIT */
/*
 * The HTML report's summary tables: money owed to workers, housing per
 * location with the occupancy chart, CAO-SNF norm mismatches and data
 * quality from loading. Long tables show their first rows (housing: the
 * locations with something to report) and fold the rest, so that a
 * package of thousands of workers and hundreds of locations still
 * prints in a few pages. See report_html_impl.h.
 */
#include <inttypes.h>
#include <string.h>

#include "report_html_impl.h"

/* Rows of a long table shown before the rest are folded. */
#define FOLD_AFTER 20
/* The same for the money owed per worker, largest first. */
#define FOLD_WORKERS 10
/* The same for the norm mismatches, a comparison of two norms that the
 * verdict does not rest on. */
#define FOLD_MISMATCHES 5
/* Locations in the occupancy chart: the fullest, when there are more. */
#define CHART_LOCATIONS 20

/* Ends the table, opens a fold "The other n rows" and the table again
 * inside it. */
static void fold(struct html *h, size_t n, const char *en1, const char *en,
		 const char *nl1, const char *nl, const struct col *cols,
		 size_t n_cols)
{
	fa_html_table_close(h);
	fa_html_raw(h, "<details class=\"more\"><summary>");
	fa_html_tr(h, "The other ", "De andere ");
	fa_html_counted(h, n, en1, en, nl1, nl);
	fa_html_raw(h, "</summary>\n");
	fa_html_table_open(h, "small", cols, n_cols);
}

/* ` data-l="k"`: the location filter's value of location id (none when
 * it is not known, so that a location filter hides the row). */
static void loc_attr(struct html *h, const char *id)
{
	long k = id ? fa_html_loc_index(h, id, strlen(id)) : -1;

	if (k >= 0)
		fa_html_fmt(h, " data-l=\"%ld\"", k);
	else
		fa_html_raw(h, " data-l=\"\"");
}

/* ---- money owed -----------------------------------------------------------
 */

void fa_html_deductions(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col wcols[] = {
		{ "Worker", "Werknemer", 15 },
		{ "Location", "Locatie", 11 },
		{ "Pay periods", "Loonperioden", 13 },
		{ "From - to", "Van - tot", 19 },
		{ "Deducted too much", "Te veel ingehouden", 14 },
		{ "Underpaid", "Te weinig betaald", 14 },
		{ "Total owed", "Totaal tegoed", 14 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_DEDUCTIONS);
	if (!r->deductions_judged) {
		/* no total of zero that reads as "nothing overcharged" */
		fa_html_raw(h, "<p>");
		fa_html_tr(h,
			   "Not judged: no rule that measures deductions "
			   "against what is allowed ran in this audit, so "
			   "nothing is known about the money deducted from "
			   "wages.",
			   "Niet beoordeeld: in deze audit liep geen regel die "
			   "inhoudingen meet aan wat is toegestaan, dus over "
			   "het van het loon ingehouden geld is niets bekend.");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_raw(h, "<p>");
	fa_html_tr(
	    h,
	    "Money owed to workers, to be repaid retroactively: deducted "
	    "from wages above what was allowed (where several rules judge "
	    "the same pay period, the largest amount counts) and hours paid "
	    "below the minimum wage. Total: ",
	    "Geld dat werknemers met terugwerkende kracht moet worden "
	    "betaald: boven het toegestane van het loon ingehouden (oordelen "
	    "meerdere regels over dezelfde loonperiode, dan telt het "
	    "grootste bedrag) en uren onder het minimumloon betaald. "
	    "Totaal: ");
	fa_html_raw(h, "<b>");
	fa_html_money(h, r->owed_total_cents);
	fa_html_raw(h, "</b> (");
	fa_html_tr(h, "deducted too much ", "te veel ingehouden ");
	fa_html_money(h, r->overcharge_total_cents);
	fa_html_tr(h, ", underpaid ", ", te weinig betaald ");
	fa_html_money(h, r->underpaid_total_cents);
	fa_html_raw(h, ")</p>\n<h3>");
	fa_html_tr(h, "Per worker", "Per werknemer");
	fa_html_raw(h, "</h3>\n");
	if (!r->n_overcharges) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "None.", "Geen.");
		fa_html_raw(h, "</p>\n");
	} else {
		fa_html_table_open(h, "small", wcols,
				   sizeof(wcols) / sizeof(wcols[0]));
		for (i = 0; i < r->n_overcharges; i++) {
			const struct fa_report_overcharge *o =
			    &r->overcharges[i];

			if (i == FOLD_WORKERS &&
			    r->n_overcharges > FOLD_WORKERS + 1)
				fold(h, r->n_overcharges - i, "worker",
				     "workers", "werknemer", "werknemers",
				     wcols, sizeof(wcols) / sizeof(wcols[0]));
			fa_html_raw(h, "<tr class=\"fb\"");
			loc_attr(h, o->location_id);
			fa_html_raw(h, "><td>");
			fa_html_subject(h, o->employee_id);
			fa_html_raw(h, "</td>");
			fa_html_td(h, o->location_id);
			fa_html_td_num(h, o->periods + o->underpaid_periods);
			fa_html_raw(h, "<td>");
			fa_html_esc(h, o->first_period);
			fa_html_raw(h, " &#8211; ");
			fa_html_esc(h, o->last_period);
			fa_html_raw(h, "</td>");
			fa_html_td_money(h, o->cents);
			fa_html_td_money(h, o->underpaid_cents);
			fa_html_td_money(h, o->owed_cents);
			fa_html_raw(h, "</tr>\n");
		}
		fa_html_table_close(h);
		if (r->n_overcharges > FOLD_WORKERS + 1)
			fa_html_raw(h, "</details>\n");
	}
	fa_html_raw(h, "<p class=\"note\">");
	fa_html_tr(h, "Per location: the housing table below.",
		   "Per locatie: de tabel huisvesting hieronder.");
	fa_html_raw(h, "</p>\n</section>\n");
}

/* ---- housing ------------------------------------------------------------- */

/* 1 if location l has something to report. */
static int notable(const struct fa_report_location *l)
{
	return l->n_fail || !l->registration_valid || l->overcharge_cents > 0 ||
	       (l->beds_registered >= 0 && l->occupied > l->beds_registered);
}

static void housing_row(struct html *h, const struct fa_report_location *l)
{
	int over = l->beds_registered >= 0 && l->occupied > l->beds_registered;

	fa_html_raw(h, "<tr class=\"fb\"");
	loc_attr(h, l->id);
	fa_html_raw(h, "><td><b>");
	fa_html_esc(h, l->id);
	fa_html_raw(h, "</b> ");
	fa_html_val(h, l->address);
	fa_html_raw(h, "<div class=\"sub\">");
	fa_html_val(h, fa_report_housing_form(h->r, l->housing_form));
	fa_html_raw(h, " &#183; ");
	fa_html_tr(h, "role ", "rol ");
	fa_html_val(h, l->role);
	fa_html_raw(h, "</div></td><td>");
	/* the register number speaks for itself (SNF-..., AKF-...) */
	fa_html_val(h, fa_report_certification(h->r, l->certification));
	fa_html_raw(h, " &#183; ");
	fa_html_val(h, l->register_number);
	fa_html_raw(h, "<div class=\"sub\">");
	fa_html_tr(h, "until ", "tot ");
	fa_html_val(h, l->valid_until);
	fa_html_raw(h, l->registration_valid ? ", <span class=\"ok\">"
					     : ", <span class=\"bad\">");
	if (l->registration_valid)
		fa_html_tr(h, "valid", "geldig");
	else
		fa_html_tr(h, "not valid", "niet geldig");
	fa_html_raw(h, "</span></div></td><td class=\"num\">");
	if (l->beds_registered >= 0)
		fa_html_count(h, (size_t)l->beds_registered);
	else
		fa_html_raw(h, "&#8211;");
	fa_html_raw(h, over ? " / <span class=\"bad\">" : " / <span>");
	fa_html_count(h, l->occupied > 0 ? (size_t)l->occupied : 0);
	fa_html_raw(h, "</span></td><td class=\"num\">");
	if (l->m2_per_person < 0)
		fa_html_raw(h, "&#8211;");
	else
		fa_html_dec(h, l->m2_per_person, -2);
	if (l->gbo_m2 >= 0) {
		fa_html_raw(h, "<div class=\"sub\">GBO ");
		fa_html_dec(h, l->gbo_m2, -2);
		fa_html_raw(h, "</div>");
	}
	fa_html_raw(h, "</td>");
	fa_html_td_int(h, l->max_bedroom_beds);
	fa_html_raw(h, l->pks_placeholder ? "<td class=\"ph\">" : "<td>");
	if (l->pks_stars || l->pks_points) {
		fa_html_val(h, l->pks_points);
		fa_html_raw(h, " ");
		fa_html_tr(h, "points", "punten");
		fa_html_raw(h, ", ");
		fa_html_val(h, l->pks_stars);
		fa_html_raw(h, "&#9733;<br>");
		fa_html_money(h, l->pks_max_rent_cents);
	} else {
		fa_html_raw(h, "&#8211;");
	}
	if (l->pks_placeholder)
		fa_html_raw(h, " <span class=\"flag warn\">NF</span>");
	fa_html_raw(h, "</td>");
	fa_html_td_money(h, l->rent_max_cents);
	fa_html_td_money(h, l->overcharge_cents);
	fa_html_td_num(h, l->n_fail);
	fa_html_raw(h, "</tr>\n");
}

/* How full location l is: occupied per registered bed (unknown or no
 * beds with residents: fuller than any). */
static double fullness(const struct fa_report_location *l)
{
	if (l->beds_registered <= 0)
		return l->occupied > 0 ? 1e300 : 0;
	return (double)l->occupied / (double)l->beds_registered;
}

#define CHART_W 680
#define CHART_LABEL 120
#define CHART_ROW 20

/* The locations the chart shows into pick[], the fullest first (ties in
 * file order): all of them, or the CHART_LOCATIONS fullest. */
static size_t chart_pick(const struct fa_report *r,
			 size_t pick[CHART_LOCATIONS])
{
	size_t i, k, n = 0;

	for (i = 0; i < r->n_locations; i++) {
		double v = fullness(&r->locations[i]);

		for (k = n; k > 0 && fullness(&r->locations[pick[k - 1]]) < v;
		     k--)
			if (k < CHART_LOCATIONS)
				pick[k] = pick[k - 1];
		if (k < CHART_LOCATIONS) {
			pick[k] = i;
			if (n < CHART_LOCATIONS)
				n++;
		}
	}
	return n;
}

static void chart_occupancy(struct html *h)
{
	const struct fa_report *r = h->r;
	size_t pick[CHART_LOCATIONS], n = chart_pick(r, pick), i;
	int64_t max = 1;
	int y = 30;

	for (i = 0; i < n; i++) {
		const struct fa_report_location *l = &r->locations[pick[i]];

		if (l->beds_registered > max)
			max = l->beds_registered;
		if (l->occupied > max)
			max = l->occupied;
	}
	fa_html_fmt(h,
		    "<figure><svg viewBox=\"0 0 %d %zu\" role=\"img\" "
		    "aria-labelledby=\"chart-occupancy-t\"><title "
		    "id=\"chart-occupancy-t\">",
		    CHART_W, 36 + n * CHART_ROW);
	fa_html_tr(h, "Occupancy against registered beds per location",
		   "Bezetting tegenover geregistreerde bedden per locatie");
	fa_html_raw(h, "</title>");
	fa_html_legend(h, CHART_LABEL, "#b8c4cf", "beds registered",
		       "geregistreerde bedden");
	fa_html_legend(h, CHART_LABEL + 190, "#2e7d4f", "occupied", "bezet");
	fa_html_legend(h, CHART_LABEL + 300, "#b3261e",
		       "occupied above the beds", "bezet boven de bedden");
	for (i = 0; i < n; i++, y += CHART_ROW) {
		const struct fa_report_location *l = &r->locations[pick[i]];
		int64_t beds = l->beds_registered, occ = l->occupied;
		int over = beds >= 0 && occ > beds;

		fa_html_fmt(h,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			    "class=\"lbl\">",
			    CHART_LABEL - 8, y + 13);
		fa_html_esc(h, l->id);
		fa_html_fmt(h,
			    "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"8\" fill=\"#b8c4cf\"/><rect x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"8\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"%d\">",
			    CHART_LABEL, y, fa_html_bar_len(beds, max),
			    CHART_LABEL, y + 9, fa_html_bar_len(occ, max),
			    over ? "#b3261e" : "#2e7d4f",
			    CHART_LABEL + 6 +
				fa_html_bar_len(beds > occ ? beds : occ, max),
			    y + 13);
		if (beds >= 0)
			fa_html_count(h, (size_t)beds);
		else
			fa_html_tr(h, "unknown", "onbekend");
		fa_html_tr(h, " beds, ", " bedden, ");
		fa_html_count(h, occ > 0 ? (size_t)occ : 0);
		fa_html_tr(h, " occupied", " bezet");
		fa_html_raw(h, "</text>");
	}
	fa_html_fmt(h,
		    "<line x1=\"%d\" y1=\"26\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#555\"/></svg><figcaption>",
		    CHART_LABEL, CHART_LABEL, y - 4);
	fa_html_tr(h,
		   "Figure 2. Occupancy on the audit date against registered "
		   "beds",
		   "Figuur 2. Bezetting op de auditdatum tegenover "
		   "geregistreerde bedden");
	if (n < r->n_locations) {
		fa_html_tr(h, ": the ", ": de ");
		fa_html_count(h, n);
		fa_html_tr(h, " fullest of ", " volste van ");
		fa_html_counted(h, r->n_locations, "location", "locations",
				"locatie", "locaties");
		fa_html_tr(h, " (the table lists them all).",
			   " (de tabel noemt ze allemaal).");
	} else {
		fa_html_raw(h, ".");
	}
	fa_html_raw(h, "</figcaption></figure>\n");
}

void fa_html_housing(struct html *h)
{
	const struct fa_report *r = h->r;
	/* No word is broken in a heading: the columns give the longest
	 * word of their label room, in both languages. */
	static const struct col cols[] = {
		{ "Location", "Locatie", 15 },
		{ "Certification", "Keurmerk", 15 },
		{ "Beds / occupied", "Bedden / bezet", 9 },
		{ "m\xC2\xB2 per person", "m\xC2\xB2 per persoon", 8 },
		{ "Most beds in a bedroom", "Max. bedden per slaapkamer", 11 },
		{ "PKS points, stars, max. rent / week",
		  "PKS-punten, sterren, max. huur / week", 11 },
		{ "Highest rent / week", "Hoogste huur / week", 9 },
		{ "Deducted too much", "Te veel ingehouden", 11 },
		{ "Deviations", "Afwijkingen", 11 },
	};
	size_t i, n_notable = 0, n_cols = sizeof(cols) / sizeof(cols[0]);

	fa_html_section_open(h, FA_HTML_P_HOUSING);
	if (!r->n_locations) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "The package has no housing locations.",
			   "Het pakket heeft geen huisvestingslocaties.");
		fa_html_raw(h, "</p></section>\n");
		return;
	}
	for (i = 0; i < r->n_locations; i++)
		n_notable += notable(&r->locations[i]);
	fa_html_raw(h, "<p class=\"note\">");
	fa_html_counted(h, r->n_locations, "location", "locations", "locatie",
			"locaties");
	fa_html_tr(h,
		   "; with something to report (a deviation, no valid "
		   "registration, more residents than beds, money deducted "
		   "too much): ",
		   "; met iets te melden (een afwijking, geen geldige "
		   "registratie, meer bewoners dan bedden, te veel ingehouden "
		   "geld): ");
	fa_html_count(h, n_notable);
	fa_html_tr(h, ", listed first.", ", die eerst.");
	fa_html_raw(h, "</p>\n");
	if (n_notable)
		fa_html_table_open(h, "small", cols, n_cols);
	for (i = 0; i < r->n_locations; i++)
		if (notable(&r->locations[i]))
			housing_row(h, &r->locations[i]);
	if (n_notable)
		fa_html_table_close(h);
	if (n_notable < r->n_locations) {
		fa_html_raw(h, "<details class=\"more\"><summary>");
		fa_html_tr(h, "The ", "De ");
		fa_html_counted(h, r->n_locations - n_notable, "other location",
				"other locations", "andere locatie",
				"andere locaties");
		fa_html_tr(h, " (nothing to report)", " (niets te melden)");
		fa_html_raw(h, "</summary>\n");
		fa_html_table_open(h, "small", cols, n_cols);
		for (i = 0; i < r->n_locations; i++)
			if (!notable(&r->locations[i]))
				housing_row(h, &r->locations[i]);
		fa_html_table_close(h);
		fa_html_raw(h, "</details>\n");
	}
	fa_html_raw(h,
		    "<p class=\"note\"><span class=\"flag warn\">NF</span> ");
	fa_html_tr(
	    h,
	    "PKS figures on a shaded background rest on placeholder values "
	    "(no source found): they show how the check works, they are "
	    "not the norm.",
	    "PKS-cijfers op een gekleurde achtergrond steunen op "
	    "plaatshouders (geen bron gevonden): ze tonen hoe de controle "
	    "werkt, ze zijn niet de norm.");
	fa_html_raw(h, "</p>\n");
	chart_occupancy(h);
	fa_html_raw(h, "</section>\n");
}

/* ---- mismatches, data quality ------------------------------------------- */

static void side(struct html *h, const struct fa_finding *f)
{
	fa_html_raw(h, "<td>");
	if (f) {
		fa_html_esc(h, f->rule->id);
		fa_html_raw(h, "<br>");
		fa_html_outcome(h, f->outcome);
		if (f->flags & FA_FINDING_SOFTENED) {
			fa_html_raw(h, " ");
			fa_html_tr(h,
				   "(fails on an uncertain or placeholder "
				   "value)",
				   "(voldoet niet op een onzekere waarde of "
				   "plaatshouder)");
		}
	} else {
		fa_html_raw(h, "&#8211;");
	}
	fa_html_raw(h, "</td>");
}

void fa_html_mismatches(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col cols[] = {
		{ "Concept", "Begrip", 16 },
		{ "Subject", "Onderwerp", 13 },
		{ "Left rule", "Linker regel", 21 },
		{ "Right rule", "Rechter regel", 21 },
		{ "What it means", "Wat het betekent", 29 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_MISMATCHES);
	fa_html_raw(h, "<p>");
	if (!r->n_mismatches) {
		fa_html_tr(
		    h,
		    "No norm mismatches were computed or found for this "
		    "audit.",
		    "Voor deze audit zijn geen normverschillen berekend of "
		    "gevonden.");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_tr(h,
		   "Subjects on which paired rules of two rule sets (left "
		   "and right) disagree. Compared: ",
		   "Onderwerpen waarover gekoppelde regels van twee "
		   "regelsets (links en rechts) het oneens zijn. Vergeleken: ");
	fa_html_esc(h, r->mismatch_sets ? r->mismatch_sets : "-");
	fa_html_raw(h, ".</p>\n");
	fa_html_table_open(h, "small", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->n_mismatches; i++) {
		const struct fa_mismatch *m = &r->mismatches[i];
		int lp = m->kind == FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS;
		const char *left = m->left ? m->left->rule->set->id : "?";
		const char *right = m->right ? m->right->rule->set->id : "?";

		if (i == FOLD_MISMATCHES &&
		    r->n_mismatches > FOLD_MISMATCHES + 1)
			fold(h, r->n_mismatches - i, "subject", "subjects",
			     "onderwerp", "onderwerpen", cols,
			     sizeof(cols) / sizeof(cols[0]));
		fa_html_raw(h, "<tr>");
		fa_html_td_code(h, m->concept);
		fa_html_raw(h, "<td>");
		fa_html_subject(h, m->left    ? m->left->subject
				   : m->right ? m->right->subject
					      : NULL);
		fa_html_raw(h, "</td>");
		side(h, m->left);
		side(h, m->right);
		fa_html_raw(h, "<td>");
		fa_html_tr(h, lp ? "passes " : "fails ",
			   lp ? "voldoet aan " : "voldoet niet aan ");
		fa_html_esc(h, left);
		fa_html_tr(h, lp ? ", fails " : ", passes ",
			   lp ? ", niet aan " : ", wel aan ");
		fa_html_esc(h, right);
		if (lp) {
			fa_html_tr(h, ": an auditor relying on the ",
				   ": een auditor die op het ");
			fa_html_esc(h, right);
			fa_html_tr(h, " mark would miss it",
				   "-keurmerk vertrouwt, mist dit");
		} else {
			fa_html_tr(h, ": the drift between the norms",
				   ": de drift tussen de normen");
		}
		fa_html_raw(h, "</td></tr>\n");
	}
	fa_html_table_close(h);
	if (r->n_mismatches > FOLD_MISMATCHES + 1)
		fa_html_raw(h, "</details>\n");
	fa_html_raw(h, "</section>\n");
}

void fa_html_data_quality(struct html *h)
{
	const struct fa_evidence *ev = h->r->ev;
	static const struct col fcols[] = {
		{ "Check", "Controle", 20 },
		{ "File", "Bestand", 20 },
		{ "Line", "Regel", 8 },
		{ "Message", "Melding", 52 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_DQ);
	fa_html_raw(h, "<p>");
	if (!ev->n_dq_counts && !ev->n_dq) {
		fa_html_tr(
		    h, "Loading the package found no data-quality problems.",
		    "Bij het laden van het pakket zijn geen "
		    "datakwaliteitsproblemen gevonden.");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_tr(
	    h,
	    "Problems in the data found while loading the package; they do "
	    "not stop the audit. At most ",
	    "Problemen in de gegevens, gevonden bij het laden van het pakket; "
	    "ze houden de audit niet tegen. Per controle staan er hoogstens ");
	fa_html_fmt(h, "%d", FA_DQ_MAX_PER_CHECK);
	fa_html_tr(h, " are listed per check. Per check: ",
		   " in de lijst. Per controle: ");
	for (i = 0; i < ev->n_dq_counts; i++) {
		fa_html_raw(h, i ? ", <code>" : "<code>");
		fa_html_esc(h, ev->dq_counts[i].check);
		fa_html_raw(h, "</code> ");
		fa_html_count(h, (size_t)ev->dq_counts[i].count);
	}
	fa_html_raw(h, ".</p>\n");
	fa_html_table_open(h, "small", fcols, sizeof(fcols) / sizeof(fcols[0]));
	for (i = 0; i < ev->n_dq; i++) {
		const struct fa_dq_finding *d = &ev->dq[i];

		fa_html_raw(h, "<tr>");
		fa_html_td(h, d->check);
		fa_html_td(h, d->where);
		if (d->line)
			fa_html_fmt(h, "<td class=\"num\">%lu</td>", d->line);
		else
			fa_html_raw(h, "<td class=\"num\">&#8211;</td>");
		fa_html_td(h, fa_report_dq_message(h->r, d));
		fa_html_raw(h, "</tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}
