/* SPDX-License-Identifier: MIT */
/*
 * The report as plain text for a terminal. Short by default: the cover,
 * what rests on uncertain or placeholder values and what on a secondary
 * source, the verdict, deviations
 * and needs-review items grouped per rule, and one line per summary. With
 * verbose: every kept finding in full and the summary tables. Every
 * value is written through fa_text_write: a control character from the
 * package is shown as an escape, never sent to the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "schema.h"
#include "text.h"

#define GROUP_SUBJECTS 4 /* subjects named per rule in the short form */

/* The outcome as a finding's first word, in the report's language. */
static const char *outcome_tag(const struct fa_report *r, enum fa_outcome o)
{
	static const char *const en[FA_OUTCOME_COUNT] = {
		"PASS", "FAIL", "N/A", "REVIEW", "ERROR", "NOT-CHECKED",
	};
	static const char *const nl[FA_OUTCOME_COUNT] = {
		"VOLDOET",    "AFWIJKING", "NVT",
		"BEOORDELEN", "FOUT",	   "NIET-GECONTROLEERD",
	};

	return r->opt.nl ? nl[o] : en[o];
}

static const char *tr(const struct fa_report *r, const char *en, const char *nl)
{
	return fa_report_tr(r, en, nl);
}

/* "W0025" or, with personal data revealed, "W0025 (name, BSN, born)". */
static void subject(FILE *out, const struct fa_report *r, const char *s)
{
	const struct fa_report_person *p = fa_report_subject_person(r, s);

	fa_text_write(out, "%s", s);
	if (p)
		fa_text_write(out, " (%s, %s %s, %s %s)", p->name,
			      tr(r, "BSN", "BSN"), p->bsn ? p->bsn : "-",
			      tr(r, "born", "geboren"),
			      p->birth_date ? p->birth_date : "-");
}

/* "major" in English (as the rule sets say), "A-afwijking" in Dutch. */
static const char *class_name(const struct fa_report *r, enum fa_severity s)
{
	if (!r->opt.nl)
		return fa_severity_name(s);
	return s == FA_SEV_MAJOR   ? "A-afwijking"
	       : s == FA_SEV_MINOR ? "B-afwijking"
				   : "waarneming";
}

/* The first deadline of a class of requirements, or NULL. */
static const char *first_deadline(const struct fa_report *r,
				  enum fa_severity sev)
{
	const char *d = NULL;
	size_t i;

	for (i = 0; i < r->n_requirements; i++)
		if (r->requirements[i].severity == sev &&
		    (!d || strcmp(r->requirements[i].deadline, d) < 0))
			d = r->requirements[i].deadline;
	return d;
}

/* "20 requirements not met, 943 subjects, repair by 2027-01-31". */
static void class_line(FILE *out, const struct fa_report *r,
		       enum fa_severity sev)
{
	size_t n = sev == FA_SEV_MAJOR ? r->n_major_requirements
				       : r->n_minor_requirements;
	size_t subjects =
	    sev == FA_SEV_MAJOR ? r->n_major_subjects : r->n_minor_subjects;
	const char *d = first_deadline(r, sev);

	fa_text_write(out, "%-19s ",
		      sev == FA_SEV_MAJOR
			  ? tr(r, "A-deviations:", "A-afwijkingen:")
			  : tr(r, "B-deviations:", "B-afwijkingen:"));
	if (!n) {
		fa_text_write(out, "%s\n", tr(r, "none", "geen"));
		return;
	}
	fa_text_write(
	    out, "%zu %s, %zu %s, %s %s\n", n,
	    n == 1 ? tr(r, "requirement not met", "eis niet nageleefd")
		   : tr(r, "requirements not met", "eisen niet nageleefd"),
	    subjects,
	    subjects == 1 ? tr(r, "subject", "onderwerp")
			  : tr(r, "subjects", "onderwerpen"),
	    tr(r, "repair by", "herstel voor"), d ? d : "-");
}

/* The answer first: the verdict and what it rests on, in a few lines. */
/* A judgement's verdict in the report's language, with its class. */
static const char *judged_verdict(const struct fa_report *r,
				  const struct fa_judged *j, char *buf,
				  size_t size)
{
	if (strcmp(j->verdict, "accept") == 0)
		return tr(r, "accepted", "geaccepteerd");
	if (strcmp(j->verdict, "not-applicable") == 0)
		return tr(r, "not applicable", "niet van toepassing");
	snprintf(buf, size, "%s (%s)", tr(r, "deviation", "afwijking"),
		 class_name(r, j->severity));
	return buf;
}

/* How many findings the inspector judged, and how. */
static void judged_line(FILE *out, const struct fa_report *r)
{
	size_t i, n[3] = { 0, 0, 0 }, lost = 0;

	for (i = 0; i < r->opt.n_judged; i++) {
		const struct fa_judged *j = &r->opt.judged[i];

		if (!j->applied)
			lost++;
		else
			n[strcmp(j->verdict, "accept") == 0	 ? 0
			  : strcmp(j->verdict, "deviation") == 0 ? 1
								 : 2]++;
	}
	fa_text_write(out, "%-19s %zu %s, %zu %s, %zu %s\n",
		      tr(r, "judged:", "beoordeeld:"), n[0],
		      tr(r, "accepted", "geaccepteerd"), n[1],
		      tr(r, "deviations", "afwijkingen"), n[2],
		      tr(r, "not applicable", "niet van toepassing"));
	if (lost)
		fa_text_write(out, "%-19s %zu %s\n", "", lost,
			      tr(r,
				 "judgements name no open finding of this run "
				 "(see judgements)",
				 "oordelen noemen geen open uitkomst van deze "
				 "run (zie oordelen)"));
}

/* The follow-up's statuses, in the diff's order (resolved = 1). */
static const char *status_name(const struct fa_report *r, int s)
{
	switch (s) {
	case 0:
		return tr(r, "new", "nieuw");
	case 1:
		return tr(r, "resolved", "opgelost");
	case 2:
		return tr(r, "persisting", "blijft");
	case 3:
		return tr(r, "changed", "gewijzigd");
	}
	return tr(r, "not rechecked", "niet opnieuw gecontroleerd");
}

/* The earlier run's deviations due by now, and what changed since. */
static void follow_up_lines(FILE *out, const struct fa_report *r)
{
	const struct fa_report_follow_up *u = r->follow_up;
	size_t n[5] = { 0, 0, 0, 0, 0 }, i;
	char label[64];

	for (i = 0; i < u->n_due; i++)
		n[u->due[i].status]++;
	fa_text_write(out,
		      "%-19s %s %lld (%s %s): %zu %s (%zu %s) %s %s, "
		      "%zu %s\n",
		      tr(r, "follow-up:", "vervolg:"), "run", (long long)u->run,
		      tr(r, "audit date", "auditdatum"), u->audit_date,
		      u->n_due_requirements, tr(r, "requirements", "eisen"),
		      u->n_due, tr(r, "subjects", "onderwerpen"),
		      tr(r, "due by", "te herstellen voor"), r->e->audit_date,
		      u->n_open_requirements,
		      tr(r, "not resolved", "niet opgelost"));
	fa_text_write(out, "%-19s %zu %s, %zu %s, %zu %s, %zu %s\n", "", n[1],
		      status_name(r, 1), n[2], status_name(r, 2), n[3],
		      status_name(r, 3), n[4], status_name(r, 4));
	snprintf(label, sizeof(label),
		 "%s %lld:", tr(r, "since run", "sinds run"),
		 (long long)u->run);
	fa_text_write(out, "%-19s %zu %s, %zu %s, %zu %s, %zu %s, %zu %s\n",
		      label, u->counts[0], status_name(r, 0), u->counts[1],
		      status_name(r, 1), u->counts[2], status_name(r, 2),
		      u->counts[3], status_name(r, 3), u->counts[4],
		      status_name(r, 4));
}

/* A waiver's state in the report's language. */
static const char *waiver_state(const struct fa_report *r,
				const struct fa_waived *w)
{
	if (strcmp(w->state, "expired") == 0)
		return tr(r, "expired", "verlopen");
	if (strcmp(w->state, "not_yet") == 0)
		return tr(r, "not yet valid", "nog niet geldig");
	return tr(r, "active", "geldig");
}

/* The verdict with the member's waivers, and what they did. */
static void waiver_lines(FILE *out, const struct fa_report *r)
{
	size_t i, expired = 0, orphans = 0, active = 0;

	for (i = 0; i < r->n_waivers; i++) {
		active += strcmp(r->waivers[i].state, "active") == 0;
		expired += strcmp(r->waivers[i].state, "expired") == 0;
		orphans += r->waivers[i].orphan;
	}
	fa_text_write(out, "%-19s %s\n",
		      tr(r, "with waivers:", "met ontheffingen:"),
		      fa_report_verdict_words(r, r->verdict_waived));
	fa_text_write(out,
		      "%-19s %zu %s %zu %s, %zu %s, %zu %s, %zu %s "
		      "(see waivers)\n",
		      tr(r, "waivers:", "ontheffingen:"), active,
		      tr(r, "of", "van"), r->n_waivers,
		      tr(r, "in force", "van kracht"), r->n_waived,
		      tr(r, "findings waived", "uitkomsten ontheven"), expired,
		      tr(r, "expired", "verlopen"), orphans,
		      tr(r, "matching nothing", "zonder uitkomst"));
}

/* Every waiver of the member, with what it did on the audit date. */
static void waivers(FILE *out, const struct fa_report *r)
{
	size_t i;

	if (!r->n_waivers)
		return;
	fa_text_write(
	    out, "%s\n",
	    tr(r, "waivers of the member:", "ontheffingen van het lid:"));
	for (i = 0; i < r->n_waivers; i++) {
		const struct fa_waived *w = &r->waivers[i];

		fa_text_write(out, "  %s  %s  %s %s %s %s; %zu %s%s\n", w->id,
			      w->rule_id, waiver_state(r, w), w->from,
			      tr(r, "to", "tot en met"), w->until, w->n_waived,
			      tr(r, "findings waived", "uitkomsten ontheven"),
			      w->orphan ? tr(r,
					     "; matches no open finding "
					     "(orphan)",
					     "; dekt geen open uitkomst (wees)")
			      : w->n_covered_inactive
				  ? tr(r,
				       "; covers findings it does not "
				       "waive on this date",
				       "; dekt uitkomsten die het op deze "
				       "datum niet ontheft")
				  : "");
		fa_text_write(out, "    %s: %s\n",
			      tr(r, "approver", "goedkeurder"), w->approver);
		fa_text_write(out, "    %s: %s\n", tr(r, "reason", "reden"),
			      w->reason);
		fa_text_write(out, "    %s: %s\n", tr(r, "basis", "grondslag"),
			      w->basis);
	}
	fputc('\n', out);
}

/* The due deviations of the earlier run that are not resolved. */
static void follow_up(FILE *out, const struct fa_report *r)
{
	const struct fa_report_follow_up *u = r->follow_up;
	size_t i, open = 0;

	if (!u || !u->n_due)
		return;
	for (i = 0; i < u->n_due; i++)
		open += u->due[i].status != 1;
	fa_text_write(
	    out, "%s %lld, %s %s: %zu %s\n",
	    tr(r, "follow-up of run", "vervolg van run"), (long long)u->run,
	    tr(r, "deviations due by", "afwijkingen te herstellen voor"),
	    r->e->audit_date, open, tr(r, "not resolved", "niet opgelost"));
	for (i = 0; i < u->n_due; i++)
		if (u->due[i].status != 1)
			fa_text_write(
			    out, "  %s %s %s  %s\n", u->due[i].deadline,
			    u->due[i].major ? "A" : "B",
			    status_name(r, u->due[i].status), u->due[i].key);
	fputc('\n', out);
}

/* Every judgement of the run, those that name no finding marked. */
static void judgements(FILE *out, const struct fa_report *r)
{
	char buf[96];
	size_t i;

	if (!r->opt.n_judged)
		return;
	fa_text_write(out, "%s\n",
		      tr(r, "judgements by the inspector:",
			 "oordelen van de inspecteur:"));
	for (i = 0; i < r->opt.n_judged; i++) {
		const struct fa_judged *j = &r->opt.judged[i];

		fa_text_write(out, "  %s  %s, %s %s, %s\n", j->key,
			      judged_verdict(r, j, buf, sizeof(buf)),
			      tr(r, "by", "door"), j->by, j->at);
		if (!j->applied)
			fa_text_write(out, "    %s\n",
				      tr(r,
					 "not applied: this run has no open "
					 "finding with this key",
					 "niet toegepast: deze run heeft "
					 "geen open uitkomst met deze "
					 "sleutel"));
		fa_text_write(out, "    %s\n", j->note);
	}
	fputc('\n', out);
}

static void answer(FILE *out, const struct fa_report *r)
{
	const struct fa_manifest *m = r->ev->manifest;
	char a[FA_NUMFMT_LEN];
	size_t i, reasons = 0;

	fa_text_write(out, "%s %s (KvK %s, ABU %s)\n",
		      tr(r, "Audit report:", "Auditrapport:"), m->member_name,
		      m->kvk, m->abu_number);
	fa_text_write(out, "%-19s %s\n", tr(r, "verdict:", "oordeel:"),
		      fa_report_verdict_text(r));
	class_line(out, r, FA_SEV_MAJOR);
	class_line(out, r, FA_SEV_MINOR);
	if (r->deductions_judged)
		fa_text_write(
		    out, "%-19s %s %s %zu %s\n",
		    tr(r, "money owed:", "terug te betalen:"),
		    fa_report_eur(r, a, sizeof(a), r->owed_total_cents),
		    tr(r, "to", "aan"), r->n_overcharges,
		    r->n_overcharges == 1
			? tr(r, "worker (repay retroactively)",
			     "werknemer (met terugwerkende kracht)")
			: tr(r, "workers (repay retroactively)",
			     "werknemers (met terugwerkende kracht)"));
	else
		fa_text_write(out, "%-19s %s\n",
			      tr(r, "money owed:", "terug te betalen:"),
			      tr(r,
				 "not judged: no rule measuring deductions ran",
				 "niet beoordeeld: geen regel die inhoudingen "
				 "meet"));
	if (r->n_safety_requirements || r->n_safety_review_items) {
		fa_text_write(out, "%-19s %zu %s, %zu %s:",
			      tr(r, "safety:", "veiligheid:"),
			      r->n_safety_requirements,
			      tr(r, "deviations", "afwijkingen"),
			      r->n_safety_review_items,
			      tr(r, "to review", "te beoordelen"));
		for (i = 0; i < r->n_requirements; i++)
			if (r->requirements[i].rule->safety)
				fa_text_write(
				    out, " %s%s%s", r->requirements[i].rule->id,
				    r->requirements[i].object ? " " : "",
				    r->requirements[i].object
					? r->requirements[i].object
					: "");
		fputc('\n', out);
	}
	fa_text_write(
	    out, "%-19s %zu %s (%zu %s)\n",
	    tr(r, "to review:", "te beoordelen:"), r->n_review_items,
	    r->n_review_items == 1
		? tr(r, "item for the inspector", "punt voor de inspecteur")
		: tr(r, "items for the inspector", "punten voor de inspecteur"),
	    r->e->counts[FA_OUTCOME_REVIEW], tr(r, "findings", "uitkomsten"));
	if (r->opt.n_judged)
		judged_line(out, r);
	if (r->follow_up)
		follow_up_lines(out, r);
	if (r->n_waivers)
		waiver_lines(out, r);
	for (i = 0; i < FA_REPORT_REASONS; i++) {
		char why[512];

		if (!fa_report_reason(r, i, NULL, why, sizeof(why)))
			continue;
		fa_text_write(
		    out, "%-19s %s\n",
		    reasons++ ? ""
			      : tr(r, "not checked:", "niet gecontroleerd:"),
		    why);
	}
	if (!reasons)
		fa_text_write(out, "%-19s %s\n",
			      tr(r, "not checked:", "niet gecontroleerd:"),
			      tr(r, "nothing: every rule in force ran",
				 "niets: elke geldende regel is uitgevoerd"));
	if (r->n_cautions)
		fa_text_write(
		    out, "%-19s %zu %s\n", tr(r, "caution:", "let op:"),
		    r->n_cautions,
		    tr(r,
		       "rules rest on uncertain (U) or placeholder (NF) "
		       "values: their results are at most needs review (below)",
		       "regels steunen op onzekere (U) of plaatshouderwaarden "
		       "(NF): hun uitkomsten zijn hooguit te beoordelen "
		       "(hieronder)"));
	fputc('\n', out);
}

static void cover(FILE *out, const struct fa_report *r)
{
	const struct fa_manifest *m = r->ev->manifest;
	const struct fa_sample *s = r->sample;
	size_t i;

	fa_text_write(out, "%-10s %s\n%-10s %s\n", tr(r, "package", "pakket"),
		      fa_evidence_path(r->ev), "sha256", r->ev->package_sha256);
	fa_text_write(out, "%-10s %s (KvK %s, ABU %s)\n",
		      tr(r, "member", "lid"), m->member_name, m->kvk,
		      m->abu_number);
	fa_text_write(out, "%-10s %s %s %s\n", tr(r, "period", "periode"),
		      m->period_from, tr(r, "to", "tot en met"), m->period_to);
	fa_text_write(
	    out, "%-10s %s%s\n", tr(r, "audit date", "auditdatum"),
	    r->e->audit_date,
	    fa_report_date_outside_period(r)
		? tr(r,
		     " (outside the audit period: the package's evidence "
		     "does not cover this date)",
		     " (buiten de auditperiode: het bewijs in het pakket "
		     "dekt deze datum niet)")
		: "");
	fa_text_write(out, "%-10s %s, flexaudit %s\n",
		      tr(r, "generated", "gemaakt"), r->generated_at,
		      r->version);
	if (!s)
		fa_text_write(out, "%-10s %s\n", tr(r, "mode", "modus"),
			      tr(r, "self-assessment: every personnel file",
				 "zelfevaluatie: elk personeelsdossier"));
	else {
		fa_text_write(
		    out,
		    "%-10s %s: %zu %s %zu %s (%s %llu, splitmix64 + "
		    "partial Fisher-Yates, docs/sampling.md)\n%-10s",
		    tr(r, "mode", "modus"), tr(r, "inspection", "inspectie"),
		    s->n, tr(r, "of", "van"), s->population,
		    tr(r, "personnel files", "personeelsdossiers"),
		    tr(r, "seed", "seed"), (unsigned long long)s->seed,
		    tr(r, "sample", "steekproef"));
		for (i = 0; i < s->n; i++)
			fa_text_write(out, "%s%s",
				      (i && i % 10 == 0) ? "\n           "
							 : " ",
				      s->ids[i]);
		fputc('\n', out);
	}
	for (i = 0; i < r->sets->n; i++)
		fa_text_write(out, "%-10s %s %s (%s, sha256 %.16s)\n",
			      i ? "" : tr(r, "rule sets", "regelsets"),
			      r->sets->sets[i]->id, r->sets->sets[i]->edition,
			      r->sets->sets[i]->path, r->sets->sets[i]->sha256);
}

static void cautions(FILE *out, const struct fa_report *r)
{
	size_t i;

	if (!r->n_cautions)
		return;
	fa_text_write(out, "\n%s\n",
		      tr(r,
			 "caution: these results rest on uncertain (U) or "
			 "placeholder (NF) values",
			 "let op: deze uitkomsten steunen op onzekere (U) of "
			 "plaatshouder- (NF) waarden"));
	for (i = 0; i < r->n_cautions; i++) {
		const struct fa_report_caution *c = &r->cautions[i];

		fa_text_write(
		    out, "  %-38s %s%s%s  %zu %s\n", c->rule->id,
		    (c->flags & FA_FINDING_UNCERTAIN) ? "U" : "",
		    (c->flags & FA_FINDING_UNCERTAIN) &&
			    (c->flags & FA_FINDING_PLACEHOLDER)
			? "+"
			: "",
		    (c->flags & FA_FINDING_PLACEHOLDER) ? "NF" : "",
		    c->n_not_pass,
		    tr(r, "fail or needs review", "afwijking of beoordelen"));
	}
}

/* Rules that rest on a secondary source, after the cautions: probably
 * right, but not read from the norm itself. */
static void secondary(FILE *out, const struct fa_report *r)
{
	size_t i;

	if (!r->n_secondary)
		return;
	fa_text_write(
	    out, "\n%s\n",
	    tr(r,
	       "secondary source (S): these results rest on a rule or "
	       "values taken from a secondary source (those above "
	       "aside); check them against the primary text",
	       "secundaire bron (S): deze uitkomsten steunen op een regel "
	       "of waarden uit een secundaire bron (afgezien van die "
	       "hierboven); toets ze aan de primaire tekst"));
	for (i = 0; i < r->n_secondary; i++) {
		const struct fa_report_secondary *x = &r->secondary[i];

		fa_text_write(
		    out, "  %-38s %s %s, %s %-2s  %zu %s\n", x->rule->id,
		    tr(r, "rule", "regel"),
		    fa_confidence_name(x->rule->confidence),
		    tr(r, "values", "waarden"),
		    x->reads_values ? fa_confidence_name(x->values) : "-",
		    x->n_not_pass,
		    tr(r, "fail or needs review", "afwijking of beoordelen"));
	}
}

/* A list of rule ids after an indent, wrapped. */
static void rule_ids(FILE *out, const struct fa_rule *const *v, size_t n)
{
	size_t i, col = 4;

	fputs("    ", out);
	for (i = 0; i < n; i++) {
		size_t w = strlen(v[i]->id) + (i ? 1 : 0);

		if (i && col + w > 78) {
			fputs("\n    ", out);
			col = 4;
			w--;
		} else if (i)
			fputc(' ', out);
		fputs(v[i]->id, out);
		col += w;
	}
	fputc('\n', out);
}

/* The rules of one bundled set that were left out: "all" or their ids. */
static void left_out(FILE *out, const struct fa_report *r)
{
	const struct fa_ruleset *set = NULL;
	size_t i, k;

	for (i = 0; i < r->n_left_out; i = k) {
		set = r->left_out[i]->set;
		for (k = i; k < r->n_left_out && r->left_out[k]->set == set;
		     k++)
			;
		fa_text_write(out, "  %s %s: ", set->id, set->edition);
		if (k - i == set->n_rules)
			fa_text_write(
			    out, "%s (%s%zu %s)\n",
			    tr(r, "not loaded", "niet geladen"),
			    set->n_rules == 1 ? "" : tr(r, "all ", "alle "),
			    set->n_rules,
			    set->n_rules == 1 ? tr(r, "rule", "regel")
					      : tr(r, "rules", "regels"));
		else {
			fa_text_write(
			    out, "%zu %s\n", k - i,
			    tr(r, "rules not loaded:", "regels niet geladen:"));
			rule_ids(out, r->left_out + i, k - i);
		}
	}
}

/*
 * What was not checked, before the findings: the reasons the audit is
 * incomplete, the tables not supplied with the rules that could not check
 * for want of them, and the rules left out.
 */
static void scope(FILE *out, const struct fa_report *r)
{
	char why[512];
	size_t i;

	if (!r->incomplete && !r->n_missing)
		return;
	fa_text_write(out, "\n%s\n",
		      r->incomplete
			  ? tr(r, "not checked: this audit is incomplete",
			       "niet gecontroleerd: deze audit is onvolledig")
			  : tr(r, "not checked", "niet gecontroleerd"));
	for (i = 0; i < FA_REPORT_REASONS; i++)
		if (fa_report_reason(r, i, NULL, why, sizeof(why)))
			fa_text_write(out, "  - %s\n", why);
	for (i = 0; i < r->n_missing; i++) {
		const struct fa_report_missing *m = &r->missing[i];

		fa_text_write(
		    out, "  %s %s (%s): ",
		    tr(r, "table not supplied", "tabel niet aangeleverd"),
		    m->table->name, m->table->file);
		if (!m->n_rules)
			fa_text_write(
			    out, "%s\n",
			    tr(r, "no rule reads it", "geen regel leest hem"));
		else {
			fa_text_write(out, "%zu %s\n", m->n_rules,
				      m->n_rules == 1
					  ? tr(r, "rule not checked",
					       "regel niet gecontroleerd")
					  : tr(r, "rules not checked",
					       "regels niet gecontroleerd"));
			rule_ids(out, m->rules, m->n_rules);
		}
	}
	if (r->opt.n_only) {
		fa_text_write(
		    out, "  %s",
		    tr(r, "chosen with --rule:", "gekozen met --rule:"));
		for (i = 0; i < r->opt.n_only; i++)
			fa_text_write(out, " %s", r->opt.only[i]);
		fputc('\n', out);
	}
	if (r->opt.n_skip) {
		fa_text_write(out, "  %s",
			      tr(r, "skipped with --skip-rule:",
				 "overgeslagen met --skip-rule:"));
		for (i = 0; i < r->opt.n_skip; i++)
			fa_text_write(out, " %s", r->opt.skip[i]);
		fputc('\n', out);
	}
	left_out(out, r);
}

/* The counts line and the verdict. */
static void verdict(FILE *out, const struct fa_report *r)
{
	const struct fa_eval *e = r->e;

	fa_text_write(
	    out, "\n%-9s %zu %s, %zu %s, %zu %s, %zu %s\n",
	    tr(r, "rules:", "regels:"), r->n_ran, tr(r, "run", "uitgevoerd"),
	    r->n_not_in_force, tr(r, "not in force", "niet van kracht"),
	    r->n_not_checked, tr(r, "not checked", "niet gecontroleerd"),
	    r->n_errors, tr(r, "in error", "met een fout"));
	fa_text_write(
	    out,
	    "%-9s %zu %s, %zu %s (%zu %s, %zu %s, %zu %s), %zu %s, "
	    "%zu %s, %zu %s, %zu %s\n",
	    tr(r, "findings:", "uitkomsten:"), e->counts[FA_OUTCOME_PASS],
	    tr(r, "pass", "voldoet"), e->counts[FA_OUTCOME_FAIL],
	    tr(r, "fail", "voldoet niet"), e->n_major_fail, tr(r, "major", "A"),
	    e->n_minor_fail, tr(r, "minor", "B"),
	    e->counts[FA_OUTCOME_FAIL] - e->n_major_fail - e->n_minor_fail,
	    tr(r, "observation", "waarneming"), e->counts[FA_OUTCOME_NA],
	    tr(r, "not applicable", "n.v.t."), e->counts[FA_OUTCOME_REVIEW],
	    tr(r, "needs review", "te beoordelen"), e->counts[FA_OUTCOME_ERROR],
	    tr(r, "error", "fout"), e->counts[FA_OUTCOME_NOT_CHECKED],
	    tr(r, "not checked", "niet gecontroleerd"));
	fa_text_write(
	    out, "%-9s %s%s\n", tr(r, "verdict:", "oordeel:"),
	    fa_report_verdict_text(r),
	    r->verdict == FA_VERDICT_INCOMPLETE
		? tr(r, " (see not checked)", " (zie niet gecontroleerd)")
	    : r->incomplete
		? tr(r, "; not everything was checked (see not checked)",
		     "; niet alles is gecontroleerd (zie niet "
		     "gecontroleerd)")
		: "");
}

/* A list of subjects, the first GROUP_SUBJECTS of n. */
static void subjects(FILE *out, const struct fa_finding *const *f, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < GROUP_SUBJECTS; i++)
		fa_text_write(out, "%s%s", i ? ", " : "", f[i]->subject);
	fa_text_write(out, "%s\n", n > GROUP_SUBJECTS ? ", ..." : "");
}

/*
 * Deviations per requirement, by repair deadline: one line per rule, and
 * per location for housing rules, with its subjects (the first few; all
 * of them with --fails and -v, and in JSON and CSV).
 */
static void deviations_short(FILE *out, const struct fa_report *r)
{
	size_t i;

	if (!r->n_requirements)
		return;
	fa_text_write(
	    out, "\n%s\n",
	    tr(r,
	       "deviations per requirement (A: repair within 3 months, "
	       "B: within 6), by repair deadline:",
	       "afwijkingen per eis (A: herstel binnen 3 maanden, B: binnen "
	       "6), op hersteltermijn:"));
	for (i = 0; i < r->n_requirements; i++) {
		const struct fa_report_requirement *q = &r->requirements[i];
		char a[FA_NUMFMT_LEN];

		fa_text_write(out, "  %s %s %-36s %-5s %5zu%s", q->deadline,
			      q->severity == FA_SEV_MAJOR ? "A" : "B",
			      q->rule->id, q->object ? q->object : "", q->n,
			      (q->findings[0]->flags & FA_FINDING_SAMPLED)
				  ? tr(r, " in the sample", " in de steekproef")
				  : "");
		if (q->owed_cents > 0)
			fa_text_write(
			    out, " (%s %s %zu %s)",
			    fa_report_eur(r, a, sizeof(a), q->owed_cents),
			    tr(r, "owed to", "terug aan"), q->n_workers,
			    q->n_workers == 1 ? tr(r, "worker", "werknemer")
					      : tr(r, "workers", "werknemers"));
		else if (q->n_workers > 1)
			fa_text_write(out, " (%zu %s)", q->n_workers,
				      tr(r, "workers", "werknemers"));
		fputs(": ", out);
		subjects(out, q->findings, q->n);
	}
}

/* Failing findings of severity observation, grouped per rule (the
 * findings are in rule order). */
static void observations_short(FILE *out, const struct fa_report *r)
{
	const struct fa_eval *e = r->e;
	size_t i, k, n, shown, heading = 0;

	for (i = 0; i < e->n_findings; i = k) {
		const struct fa_finding *f = &e->findings[i];

		for (k = i + 1;
		     k < e->n_findings && e->findings[k].rule == f->rule; k++)
			;
		if (f->rule->severity != FA_SEV_OBSERVATION)
			continue;
		for (n = 0, shown = i; shown < k; shown++)
			n += e->findings[shown].outcome == FA_OUTCOME_FAIL;
		if (!n)
			continue;
		if (!heading++)
			fa_text_write(out, "\n%s\n",
				      tr(r, "observations (not deviations):",
					 "waarnemingen (geen afwijkingen):"));
		fa_text_write(out, "  %-49s %5zu: ", f->rule->id, n);
		for (n = 0, shown = i; shown < k; shown++) {
			if (e->findings[shown].outcome != FA_OUTCOME_FAIL)
				continue;
			if (n++ == GROUP_SUBJECTS) {
				fputs(", ...", out);
				break;
			}
			fa_text_write(out, "%s%s", n > 1 ? ", " : "",
				      e->findings[shown].subject);
		}
		fputc('\n', out);
	}
}

/* The review items: one line per question about one unit of work. */
static void checklist(FILE *out, const struct fa_report *r)
{
	size_t i;

	if (!r->n_review_items)
		return;
	fa_text_write(out, "\n%s\n",
		      tr(r,
			 "for the inspector to judge (needs review), per "
			 "unit of work:",
			 "voor de inspecteur (te beoordelen), per punt:"));
	for (i = 0; i < r->n_review_items; i++) {
		const struct fa_report_review_item *v = &r->review_items[i];
		const struct fa_finding *f = v->findings[0];
		const char *q = fa_report_msg(r, &f->question);

		char unit[64];

		snprintf(unit, sizeof(unit), "%.*s",
			 (int)(v->unit_len < 63 ? v->unit_len : 63), v->unit);
		fa_text_write(out, "  [ ] %-36s %-12s %5zu: %s\n", v->rule->id,
			      unit, v->n,
			      q[0] ? q : fa_report_msg(r, &f->message));
	}
}

static void summaries(FILE *out, const struct fa_report *r)
{
	size_t i, invalid = 0;
	int64_t beds = 0, occupied = 0;
	char m[FA_NUMFMT_LEN];

	for (i = 0; i < r->n_locations; i++) {
		invalid += !r->locations[i].registration_valid;
		beds += r->locations[i].beds_registered > 0
			    ? r->locations[i].beds_registered
			    : 0;
		occupied += r->locations[i].occupied;
	}
	fputc('\n', out);
	fa_text_write(
	    out, "%-12s %zu %s, %zu %s; %lld %s %lld %s\n",
	    tr(r, "housing:", "huisvesting:"), r->n_locations,
	    tr(r, "locations", "locaties"), invalid,
	    tr(r, "without a valid SNF/AKF registration",
	       "zonder geldige SNF/AKF-registratie"),
	    (long long)occupied, tr(r, "of", "van"), (long long)beds,
	    tr(r, "registered beds occupied", "geregistreerde bedden bezet"));
	if (!r->deductions_judged) {
		fa_text_write(
		    out, "%-12s %s\n", tr(r, "deductions:", "inhoudingen:"),
		    tr(r, "not judged: no rule measuring deductions ran",
		       "niet beoordeeld: geen regel die inhoudingen "
		       "meet"));
	} else {
		char u[FA_NUMFMT_LEN], c[FA_NUMFMT_LEN];

		fa_text_write(
		    out, "%-12s %s %s %zu %s (%s %s, %s %s)",
		    tr(r, "money owed:", "te betalen:"),
		    fa_report_eur(r, m, sizeof(m), r->owed_total_cents),
		    tr(r, "to", "aan"), r->n_overcharges,
		    tr(r, "workers", "werknemers"),
		    fa_report_eur(r, u, sizeof(u), r->overcharge_total_cents),
		    tr(r, "deducted above the allowed amount",
		       "boven het toegestane bedrag ingehouden"),
		    fa_report_eur(r, c, sizeof(c), r->underpaid_total_cents),
		    tr(r, "paid below the minimum wage",
		       "onder het minimumloon betaald"));
		if (r->n_overcharges)
			fa_text_write(
			    out, "; %s %s %s", tr(r, "largest", "grootste"),
			    r->overcharges[0].employee_id,
			    fa_report_eur(r, m, sizeof(m),
					  r->overcharges[0].owed_cents));
		fputc('\n', out);
	}
	if (r->mismatch_sets)
		fa_text_write(
		    out, "%-12s %zu %s %s\n",
		    tr(r, "mismatches:", "verschillen:"), r->n_mismatches,
		    tr(r, "subjects where paired rules disagree,",
		       "onderwerpen waarop gepaarde regels verschillen,"),
		    r->mismatch_sets);
	fa_text_write(
	    out, "%-12s %zu %s\n", tr(r, "data quality:", "datakwaliteit:"),
	    r->ev->n_dq,
	    tr(r, "findings from loading", "bevindingen bij het laden"));
}

static void finding(FILE *out, const struct fa_report *r,
		    const struct fa_finding *f)
{
	const struct fa_report_document *d;
	const char *t;

	fa_text_write(out, "%-6s %s  ", outcome_tag(r, f->outcome),
		      f->rule->id);
	subject(out, r, f->subject);
	if (f->flags & FA_FINDING_SAMPLED)
		fputs(tr(r, " (sampled file)", " (steekproefdossier)"), out);
	if (f->outcome == FA_OUTCOME_FAIL)
		fa_text_write(
		    out, "  %s%s%s", class_name(r, fa_finding_severity(f)),
		    f->deadline[0] ? tr(r, ", repair by ", ", herstel voor ")
				   : "",
		    f->deadline);
	fa_text_write(out, "\n       %s\n", fa_report_msg(r, &f->message));
	if (f->observed || f->expected)
		fa_text_write(out, "       %s %s; %s %s\n",
			      tr(r, "observed:", "gevonden:"),
			      f->observed ? fa_report_observed(r, f) : "-",
			      tr(r, "expected:", "verwacht:"),
			      f->expected ? fa_report_expected(r, f) : "-");
	if (f->detail)
		fa_text_write(out, "       %s\n", fa_report_detail(r, f));
	fa_text_write(
	    out, "       %s %s %s, %s %s\n",
	    tr(r, "confidence:", "betrouwbaarheid:"), tr(r, "rule", "regel"),
	    fa_confidence_name(f->rule->confidence), tr(r, "values", "waarden"),
	    f->reads_values ? fa_confidence_name(f->value_confidence) : "-");
	if (f->ref_file && f->ref_line && (d = fa_report_document(r, f)))
		fa_text_write(out, "       %s %s (%s:%lu) sha256 %s\n",
			      tr(r, "evidence:", "bewijs:"), d->path,
			      f->ref_file, f->ref_line,
			      d->sha256 ? d->sha256
					: tr(r, "- (not in the package)",
					     "- (niet in het pakket)"));
	else if (f->ref_file && f->ref_line)
		fa_text_write(out, "       %s %s:%lu\n",
			      tr(r, "evidence:", "bewijs:"), f->ref_file,
			      f->ref_line);
	else if (f->ref_file)
		fa_text_write(out, "       %s %s%s%.16s\n",
			      tr(r, "evidence:", "bewijs:"), f->ref_file,
			      f->ref_sha256 ? " sha256 " : "",
			      f->ref_sha256 ? f->ref_sha256 : "");
	t = fa_report_msg(r, &f->remedy);
	if (f->outcome == FA_OUTCOME_FAIL && t[0])
		fa_text_write(out, "       %s %s\n",
			      tr(r, "remedy:", "herstel:"), t);
	if (f->outcome == FA_OUTCOME_FAIL && r->opt.self_assessment &&
	    f->rule->n_reads) {
		size_t i;

		fa_text_write(out, "       %s",
			      tr(r, "package: check or add rows in",
				 "pakket: controleer of vul aan in"));
		/* the files a member edits, not the tables' names */
		for (i = 0; i < f->rule->n_reads; i++) {
			const struct fa_table_spec *ts =
			    fa_schema_table(f->rule->reads[i]);

			fa_text_write(out, "%s%s", i ? ", " : " ",
				      ts ? ts->file : f->rule->reads[i]);
		}
		fputc('\n', out);
	}
	t = fa_report_msg(r, &f->question);
	if (f->outcome == FA_OUTCOME_REVIEW && t[0])
		fa_text_write(out, "       %s %s\n",
			      tr(r, "question:", "vraag:"), t);
	if (f->waived)
		fa_text_write(out, "       %s %s (%s %s)\n",
			      tr(r, "waived:", "ontheven:"), f->waived->id,
			      tr(r, "approved by", "goedgekeurd door"),
			      f->waived->approver);
	if (f->judged) {
		char buf[96];

		fa_text_write(out, "       %s %s %s %s, %s (%s %s): %s\n",
			      tr(r, "judged:", "beoordeeld:"),
			      judged_verdict(r, f->judged, buf, sizeof(buf)),
			      tr(r, "by", "door"), f->judged->by, f->judged->at,
			      tr(r, "was", "was"),
			      fa_outcome_name(f->judged->was), f->judged->note);
	}
}

static void everything(FILE *out, const struct fa_report *r)
{
	size_t s, i;
	char a[FA_NUMFMT_LEN], b[FA_NUMFMT_LEN], c[FA_NUMFMT_LEN],
	    m2[FA_NUMFMT_LEN];

	for (s = 0; s < r->n_sections; s++) {
		const struct fa_report_section *sec = &r->sections[s];

		if (!sec->n_findings)
			continue;
		fa_text_write(out, "\n== %s %s: %s\n", sec->set->id,
			      sec->set->edition,
			      fa_report_msg(r, &sec->set->title));
		for (i = 0; i < sec->n_findings; i++)
			finding(out, r, sec->findings[i]);
	}
	if (r->n_locations)
		fa_text_write(
		    out,
		    "\n== %s\n%-8s %-5s %-4s %-8s %5s %5s %6s %4s %5s "
		    "%9s %9s %9s\n",
		    tr(r, "housing per location (amounts in \u20ac)",
		       "huisvesting per locatie (bedragen in \u20ac)"),
		    tr(r, "location", "locatie"), "mark", tr(r, "role", "rol"),
		    tr(r, "valid", "geldig"), tr(r, "beds", "bedden"),
		    tr(r, "occ.", "bez."), "m2/p", "bed", "PKS*",
		    tr(r, "PKS max", "PKS max"), tr(r, "rent max", "huur max"),
		    tr(r, "over", "te veel"));
	for (i = 0; i < r->n_locations; i++) {
		const struct fa_report_location *l = &r->locations[i];

		if (l->m2_per_person < 0)
			snprintf(m2, sizeof(m2), "-");
		else
			fa_numfmt_number(m2, sizeof(m2), l->m2_per_person, 2,
					 r->opt.nl);
		fa_text_write(
		    out,
		    "%-8s %-5s %-4s %-8s %5lld %5lld %6s %4lld %5s "
		    "%9s %9s %9s\n",
		    l->id, fa_report_certification(r, l->certification),
		    l->role,
		    l->registration_valid ? tr(r, "yes", "ja")
					  : tr(r, "no", "nee"),
		    (long long)l->beds_registered, (long long)l->occupied, m2,
		    (long long)l->max_bedroom_beds,
		    l->pks_stars ? l->pks_stars : "-",
		    l->pks_max_rent_cents < 0
			? "-"
			: fa_numfmt_amount(a, sizeof(a), l->pks_max_rent_cents,
					   r->opt.nl),
		    l->rent_max_cents < 0
			? "-"
			: fa_numfmt_amount(b, sizeof(b), l->rent_max_cents,
					   r->opt.nl),
		    l->overcharge_cents
			? fa_numfmt_amount(c, sizeof(c), l->overcharge_cents,
					   r->opt.nl)
			: "-");
	}
	if (r->n_overcharges)
		fa_text_write(
		    out, "\n== %s\n  %s\n",
		    tr(r,
		       "money owed per worker in \u20ac (repay retroactively)",
		       "terug te betalen per werknemer in \u20ac (met "
		       "terugwerkende kracht)"),
		    tr(r,
		       "worker  location  pay periods from-to  deducted "
		       "too much  underpaid  total",
		       "werknemer  locatie  loonperioden van-tot  te veel "
		       "ingehouden  te weinig betaald  totaal"));
	for (i = 0; i < r->n_overcharges; i++) {
		const struct fa_report_overcharge *o = &r->overcharges[i];

		fputs("  ", out);
		subject(out, r, o->employee_id);
		fa_text_write(
		    out, "  %s  %zu %s-%s  %s  %s  %s\n",
		    o->location_id ? o->location_id : "-",
		    o->periods + o->underpaid_periods,
		    o->first_period ? o->first_period : "-",
		    o->last_period ? o->last_period : "-",
		    fa_numfmt_amount(a, sizeof(a), o->cents, r->opt.nl),
		    fa_numfmt_amount(b, sizeof(b), o->underpaid_cents,
				     r->opt.nl),
		    fa_numfmt_amount(c, sizeof(c), o->owed_cents, r->opt.nl));
	}
	if (r->ev->n_dq)
		fa_text_write(out, "\n== %s\n",
			      tr(r, "data quality", "datakwaliteit"));
	for (i = 0; i < r->ev->n_dq; i++) {
		const struct fa_dq_finding *d = &r->ev->dq[i];

		if (d->line)
			fa_text_write(out, "  %s:%lu: %s [%s]\n", d->where,
				      d->line, fa_report_dq_message(r, d),
				      d->check);
		else
			fa_text_write(out, "  %s: %s [%s]\n", d->where,
				      fa_report_dq_message(r, d), d->check);
	}
}

/* --fails: every deviation, observation, review item and error in
 * full, per rule set; no passes. */
static void fails(FILE *out, const struct fa_report *r)
{
	size_t s, i;

	for (s = 0; s < r->n_sections; s++) {
		const struct fa_report_section *sec = &r->sections[s];
		int heading = 0;

		for (i = 0; i < sec->n_findings; i++) {
			const struct fa_finding *f = sec->findings[i];

			if (f->outcome == FA_OUTCOME_PASS ||
			    f->outcome == FA_OUTCOME_NA)
				continue;
			if (!heading++)
				fa_text_write(
				    out, "\n== %s %s: %s\n", sec->set->id,
				    sec->set->edition,
				    fa_report_msg(r, &sec->set->title));
			finding(out, r, f);
		}
	}
}

enum fa_code fa_report_write_text(FILE *out, const struct fa_report *r,
				  struct fa_error *err)
{
	answer(out, r);
	cover(out, r);
	scope(out, r);
	cautions(out, r);
	secondary(out, r);
	if (r->opt.verbose)
		everything(out, r);
	else if (r->opt.fails)
		fails(out, r);
	else {
		size_t i;

		/* errors are few and make the audit incomplete: in full */
		for (i = 0; i < r->e->n_findings; i++)
			if (r->e->findings[i].outcome == FA_OUTCOME_ERROR)
				finding(out, r, &r->e->findings[i]);
		deviations_short(out, r);
		observations_short(out, r);
		checklist(out, r);
	}
	judgements(out, r);
	waivers(out, r);
	follow_up(out, r);
	summaries(out, r);
	verdict(out, r);
	if (!r->opt.verbose)
		fa_text_write(out, "%s\n",
			      tr(r,
				 "(-v: every finding in full, housing and "
				 "deductions per location and worker)",
				 "(-v: elke uitkomst volledig, huisvesting en "
				 "inhoudingen per locatie en werknemer)"));
	if (ferror(out))
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the report");
	return FA_OK;
}
