/* SPDX-License-Identifier: MIT */
/*
 * The HTML report's summary tables: housing per location, deductions
 * above the allowed amount, CAO-SNF norm mismatches, the inspector's
 * checklist, data quality from loading, and the annex of evidence files
 * with their hashes. See report_html_impl.h.
 */
#include <inttypes.h>
#include <string.h>

#include "report_html_impl.h"

static void yes_no(struct html *h, int yes)
{
	if (yes)
		fa_html_tr(h, "yes", "ja");
	else
		fa_html_tr(h, "no", "nee");
}

/* ---- housing, deductions ------------------------------------------------- */

void fa_html_housing(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col cols[] = {
		{ "Location", "Locatie", 17 },
		{ "Certification", "Keurmerk", 16 },
		{ "Beds / in use", "Bedden / bezet", 9 },
		{ "m\xC2\xB2 per person", "m\xC2\xB2 per persoon", 8 },
		{ "Most beds in a bed\xC2\xAD"
		  "room",
		  "Max. bedden per slaap\xC2\xAD"
		  "kamer",
		  9 },
		{ "PKS points, stars, max. rent / week",
		  "PKS-punten, sterren, max. huur / week", 13 },
		{ "Highest rent / week", "Hoogste huur / week", 10 },
		{ "Over\xC2\xAD"
		  "charged",
		  "Te veel inge\xC2\xAD"
		  "houden",
		  11 },
		{ "Fails",
		  "Afwij\xC2\xAD"
		  "kingen",
		  7 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_HOUSING, 1);
	if (!r->n_locations) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "The package has no housing locations.",
			   "Het pakket heeft geen huisvestingslocaties.");
		fa_html_raw(h, "</p></section>\n");
		return;
	}
	fa_html_table_open(h, "small", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->n_locations; i++) {
		const struct fa_report_location *l = &r->locations[i];

		fa_html_raw(h, "<tr><td><b>");
		fa_html_esc(h, l->id);
		fa_html_raw(h, "</b><br>");
		fa_html_val(h, l->address);
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_val(h, l->housing_form);
		fa_html_raw(h, " &#183; ");
		fa_html_tr(h, "role ", "rol ");
		fa_html_val(h, l->role);
		fa_html_raw(h, "</div></td><td>");
		/* the register number speaks for itself (SNF-..., AKF-...) */
		fa_html_val(h, l->certification);
		fa_html_raw(h, " &#183; ");
		fa_html_val(h, l->register_number);
		fa_html_raw(h, "<div class=\"sub\">");
		fa_html_tr(h, "until ", "tot ");
		fa_html_val(h, l->valid_until);
		fa_html_raw(h, l->registration_valid
				   ? "</div><div class=\"ok\">"
				   : "</div><div class=\"bad\">");
		fa_html_tr(h, "valid: ", "geldig: ");
		yes_no(h, l->registration_valid);
		fa_html_raw(h, "</div></td><td class=\"num\">");
		if (l->beds_registered >= 0)
			fa_html_fmt(h, "%" PRId64, l->beds_registered);
		else
			fa_html_raw(h, "&#8211;");
		fa_html_fmt(
		    h, " / %s%" PRId64 "%s</td>",
		    l->beds_registered >= 0 && l->occupied > l->beds_registered
			? "<span class=\"bad\">"
			: "",
		    l->occupied,
		    l->beds_registered >= 0 && l->occupied > l->beds_registered
			? "</span>"
			: "");
		if (l->m2_per_person < 0)
			fa_html_raw(h, "<td class=\"num\">&#8211;");
		else
			fa_html_fmt(h, "<td class=\"num\">%.2f",
				    l->m2_per_person);
		if (l->gbo_m2 >= 0)
			fa_html_fmt(h, "<div class=\"sub\">GBO %.1f</div>",
				    l->gbo_m2);
		fa_html_raw(h, "</td>");
		fa_html_td_int(h, l->max_bedroom_beds);
		fa_html_raw(h,
			    l->pks_placeholder ? "<td class=\"ph\">" : "<td>");
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
	fa_html_table_close(h);
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
	fa_html_raw(h, "</p>\n</section>\n");
}

void fa_html_deductions(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col wcols[] = {
		{ "Worker", "Werknemer", 30 },
		{ "Location", "Locatie", 20 },
		{ "Pay periods", "Loonperioden", 15 },
		{ "From - to", "Van - tot", 30 },
		{ "Deducted too much", "Te veel ingehouden", 20 },
		{ "Underpaid", "Te weinig betaald", 20 },
		{ "Total owed", "Totaal te betalen", 20 },
	};
	static const struct col lcols[] = {
		{ "Location", "Locatie", 15 },
		{ "Address", "Adres", 55 },
		{ "Amount", "Bedrag", 30 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_DEDUCTIONS, 0);
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

			fa_html_raw(h, "<tr><td>");
			fa_html_subject(h, o->employee_id);
			fa_html_raw(h, "</td>");
			fa_html_td(h, o->location_id);
			fa_html_td_num(h, o->periods + o->underpaid_periods);
			fa_html_raw(h, "<td>");
			fa_html_esc(h, o->first_period);
			fa_html_raw(h, " &ndash; ");
			fa_html_esc(h, o->last_period);
			fa_html_raw(h, "</td>");
			fa_html_td_money(h, o->cents);
			fa_html_td_money(h, o->underpaid_cents);
			fa_html_td_money(h, o->owed_cents);
			fa_html_raw(h, "</tr>\n");
		}
		fa_html_table_close(h);
	}
	fa_html_raw(h, "<h3>");
	fa_html_tr(h, "Per location", "Per locatie");
	fa_html_raw(h, "</h3>\n");
	fa_html_table_open(h, "small", lcols, sizeof(lcols) / sizeof(lcols[0]));
	for (i = 0; i < r->n_locations; i++) {
		fa_html_raw(h, "<tr>");
		fa_html_td(h, r->locations[i].id);
		fa_html_td(h, r->locations[i].address);
		fa_html_td_money(h, r->locations[i].overcharge_cents);
		fa_html_raw(h, "</tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}

/* ---- mismatches, checklist, data quality, annex -------------------------- */

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

	fa_html_section_open(h, FA_HTML_P_MISMATCHES, r->n_mismatches > 0);
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

		fa_html_raw(h, "<tr>");
		fa_html_td(h, m->concept);
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
	fa_html_raw(h, "</section>\n");
}

void fa_html_checklist(struct html *h)
{
	const struct fa_report *r = h->r;
	static const struct col cols[] = {
		{ "Done", "Klaar", 8 },
		{ "Rule", "Regel", 24 },
		{ "Subjects",
		  "Onder\xC2\xAD"
		  "werpen",
		  10 },
		{ "Question", "Vraag", 40 },
		{ "Notes", "Aantekeningen", 18 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_CHECKLIST, 1);
	if (!r->n_reviews) {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "Nothing needs review.", "Niets te beoordelen.");
		fa_html_raw(h, "</p>\n</section>\n");
		return;
	}
	fa_html_raw(h, "<p>");
	fa_html_tr(
	    h,
	    "Items a person must judge (interviews, document content); "
	    "the subjects are listed under their rule in the findings.",
	    "Punten die een mens moet beoordelen (gesprekken, inhoud van "
	    "documenten); de onderwerpen staan bij hun regel in de "
	    "uitkomsten.");
	fa_html_raw(h, "</p>\n");
	fa_html_table_open(h, "small checklist", cols,
			   sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->n_reviews; i++) {
		const struct fa_report_review *v = &r->reviews[i];

		fa_html_raw(h, "<tr><td class=\"box\">&#9744;</td><td><b>");
		fa_html_esc(h, v->rule->id);
		fa_html_raw(h, "</b><div class=\"sub\">");
		fa_html_esc(h, fa_report_msg(r, &v->rule->title));
		fa_html_raw(h, "</div></td>");
		fa_html_td_num(h, v->n);
		fa_html_td(h, fa_report_msg(r, &v->first->question));
		fa_html_raw(h, "<td></td></tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}

void fa_html_data_quality(struct html *h)
{
	const struct fa_evidence *ev = h->r->ev;
	static const struct col ccols[] = {
		{ "Check", "Controle", 70 },
		{ "Count", "Aantal", 30 },
	};
	static const struct col fcols[] = {
		{ "Check", "Controle", 20 },
		{ "File", "Bestand", 20 },
		{ "Line", "Regel", 8 },
		{ "Message", "Melding", 52 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_DQ, 0);
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
	fa_html_tr(h, " are listed per check.", " in de lijst.");
	fa_html_raw(h, "</p>\n");
	fa_html_table_open(h, "small narrow", ccols,
			   sizeof(ccols) / sizeof(ccols[0]));
	for (i = 0; i < ev->n_dq_counts; i++) {
		fa_html_raw(h, "<tr>");
		fa_html_td(h, ev->dq_counts[i].check);
		fa_html_fmt(h, "<td class=\"num\">%" PRIu64 "</td></tr>\n",
			    ev->dq_counts[i].count);
	}
	fa_html_table_close(h);
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
		fa_html_td(h, d->message);
		fa_html_raw(h, "</tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}

void fa_html_annex(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_manifest *m = r->ev->manifest;
	static const struct col cols[] = {
		{ "File", "Bestand", 35 },
		{ "Role", "Rol", 12 },
		{ "SHA-256", "SHA-256", 53 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_ANNEX, 1);
	fa_html_raw(h, "<p>");
	fa_html_fmt(h, "%zu ", m->n_files);
	fa_html_tr(h, "files listed in the manifest; ",
		   "bestanden in het manifest; ");
	fa_html_fmt(h, "%zu ", r->ev->n_files_verified);
	fa_html_tr(h, "verified against their SHA-256. Package SHA-256: ",
		   "gecontroleerd tegen hun SHA-256. SHA-256 van het pakket: ");
	fa_html_raw(h, "<span class=\"mono\">");
	fa_html_esc(h, r->ev->package_sha256);
	fa_html_raw(h, "</span></p>\n");
	if (r->sample) {
		fa_html_raw(h, "<h3>");
		fa_html_tr(h, "Personnel files in the sample",
			   "Personeelsdossiers in de steekproef");
		fa_html_fmt(h, " (%zu)</h3>\n<p class=\"ids\">", r->sample->n);
		for (i = 0; i < r->sample->n; i++) {
			fa_html_raw(h, i ? " " : "");
			fa_html_esc(h, r->sample->ids[i]);
		}
		fa_html_raw(h, "</p>\n<h3>");
		fa_html_tr(h, "Files", "Bestanden");
		fa_html_raw(h, "</h3>\n");
	}
	fa_html_table_open(h, "small dense", cols,
			   sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < m->n_files; i++) {
		const struct fa_manifest_file *f = &m->files[i];

		fa_html_raw(h, "<tr>");
		fa_html_td(h, f->path);
		fa_html_raw(h, "<td>");
		if (f->role == FA_ROLE_TABLE) {
			fa_html_tr(h, "table ", "tabel ");
			fa_html_esc(h, f->table);
		} else {
			fa_html_tr(h, "document", "document");
		}
		fa_html_raw(h, "</td><td class=\"mono\">");
		fa_html_esc(h, f->sha256);
		fa_html_raw(h, "</td></tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}
