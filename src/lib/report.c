/* SPDX-License-Identifier: MIT */
/*
 * The report model: sections per rule set, deviations by deadline, housing
 * per location, overcharges per worker, the inspector's checklist, results
 * resting on uncertain or placeholder values, and (only when asked) the
 * workers' personal data. Writers are in report_*.c.
 */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "report.h"
#include "flexaudit.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

const char *fa_report_tr(const struct fa_report *r, const char *en,
			 const char *nl)
{
	return r->opt.nl ? nl : en;
}

const char *fa_report_dq_message(const struct fa_report *r,
				 const struct fa_dq_finding *d)
{
	return r->opt.nl ? d->message_nl : d->message;
}

const char *fa_report_msg(const struct fa_report *r, const struct fa_text *t)
{
	const char *s = r->opt.nl ? t->nl : t->en;

	if (!s)
		s = r->opt.nl ? t->en : t->nl;
	return s ? s : "";
}

const char *fa_report_housing_form(const struct fa_report *r, const char *code)
{
	/* the forms of the package format (schema.c, SNF's a to e) */
	static const char *const forms[][3] = {
		{ "dwelling", "regular dwelling", "reguliere woning" },
		{ "hotel-pension", "hotel or pension", "hotel of pension" },
		{ "complex-units", "units in a building complex",
		  "woonunits in een complex" },
		{ "stand-alone-units", "stand-alone units",
		  "vrijstaande woonunits" },
		{ "recreation-site", "recreation site", "recreatieterrein" },
	};
	size_t i;

	for (i = 0; code && i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(code, forms[i][0]) == 0)
			return r->opt.nl ? forms[i][2] : forms[i][1];
	return code;
}

const char *fa_report_certification(const struct fa_report *r, const char *code)
{
	if (code && strcmp(code, "none") == 0)
		return fa_report_tr(r, "none", "geen");
	return code;
}

const char *fa_report_article(const struct fa_report *r,
			      const struct fa_rule *rule)
{
	return r->opt.nl && rule->article_nl ? rule->article_nl : rule->article;
}

const char *fa_report_observed(const struct fa_report *r,
			       const struct fa_finding *f)
{
	return r->opt.nl && f->observed_nl ? f->observed_nl : f->observed;
}

const char *fa_report_expected(const struct fa_report *r,
			       const struct fa_finding *f)
{
	return r->opt.nl && f->expected_nl ? f->expected_nl : f->expected;
}

const char *fa_report_detail(const struct fa_report *r,
			     const struct fa_finding *f)
{
	return r->opt.nl && f->detail_nl ? f->detail_nl : f->detail;
}

const char *fa_report_eur(const struct fa_report *r, char *buf, size_t size,
			  int64_t cents)
{
	return fa_numfmt_money(buf, size, cents, r->opt.nl);
}

int fa_report_listed_html(const struct fa_report *r, const struct fa_finding *f)
{
	return r->opt.all ||
	       (f->outcome != FA_OUTCOME_PASS && f->outcome != FA_OUTCOME_NA);
}

int fa_report_listed(const struct fa_report *r, const struct fa_finding *f)
{
	return fa_report_listed_html(r, f) || f->rule->keep_all;
}

int fa_report_date_outside_period(const struct fa_report *r)
{
	return !fa_evidence_covers(r->ev, r->e->audit_date);
}

enum fa_verdict fa_report_verdict_of(const struct fa_report *r, size_t n_major,
				     size_t n_minor)
{
	return n_major	       ? FA_VERDICT_NEGATIVE
	       : r->incomplete ? FA_VERDICT_INCOMPLETE
	       : n_minor       ? FA_VERDICT_POSITIVE_B
			       : FA_VERDICT_POSITIVE;
}

const char *fa_report_verdict_key(enum fa_verdict v)
{
	switch (v) {
	case FA_VERDICT_POSITIVE:
		return "positive";
	case FA_VERDICT_POSITIVE_B:
		return "positive-b";
	case FA_VERDICT_NEGATIVE:
		return "negative";
	case FA_VERDICT_INCOMPLETE:
		break;
	}
	return "incomplete";
}

const char *fa_report_verdict_text(const struct fa_report *r)
{
	return fa_report_verdict_words(r, r->verdict);
}

const char *fa_report_verdict_words(const struct fa_report *r,
				    enum fa_verdict v)
{
	switch (v) {
	case FA_VERDICT_POSITIVE:
		return fa_report_tr(r, "positive", "positief");
	case FA_VERDICT_POSITIVE_B:
		return fa_report_tr(r, "positive with B-deviations",
				    "positief met B-afwijkingen");
	case FA_VERDICT_NEGATIVE:
		return fa_report_tr(r, "negative (A-deviations)",
				    "negatief (A-afwijkingen)");
	case FA_VERDICT_INCOMPLETE:
		break;
	}
	return fa_report_tr(r, "incomplete: not everything was checked",
			    "onvolledig: niet alles is gecontroleerd");
}

/* "1 rule" or "3 rules", "1 regel" or "3 regels". */
static const char *rules_n(const struct fa_report *r, size_t n, char *buf,
			   size_t size)
{
	snprintf(buf, size, "%zu %s", n,
		 n == 1 ? fa_report_tr(r, "rule", "regel")
			: fa_report_tr(r, "rules", "regels"));
	return buf;
}

/* ---- why the audit is incomplete ---------------------------------------- */

/* FA_INCOMPLETE_NOT_SUPPLIED */
static void reason_not_supplied(const struct fa_report *r, char *buf,
				size_t size)
{
	char a[32];
	size_t n = r->n_not_checked_deciding;

	rules_n(r, n, a, sizeof(a));
	if (r->opt.nl)
		snprintf(buf, size,
			 "%s die afwijkingen %s, %s niets "
			 "controleren: het pakket bevat een tabel "
			 "niet die %s leest (zie niet gecontroleerd)",
			 a, n == 1 ? "beoordeelt" : "beoordelen",
			 n == 1 ? "kon" : "konden", n == 1 ? "hij" : "ze");
	else
		snprintf(buf, size,
			 "%s judging deviations could not check "
			 "anything: the package does not supply a "
			 "table %s (see not checked)",
			 a, n == 1 ? "it reads" : "they read");
}

/* FA_INCOMPLETE_ERROR */
static void reason_error(const struct fa_report *r, char *buf, size_t size)
{
	char a[32];

	snprintf(buf, size,
		 r->opt.nl ? "%s %s niet draaien of %s een ongeldige "
			     "uitkomst (zie de fouten)"
			   : "%s could not run or returned an invalid "
			     "outcome (see the errors)",
		 rules_n(r, r->n_errors, a, sizeof(a)),
		 r->n_errors == 1 ? "kon" : "konden",
		 r->n_errors == 1 ? "gaf" : "gaven");
}

/* FA_INCOMPLETE_SELECTION: "only part of the rules: 1 chosen with
 * --rule; 72 rules of the bundled rule sets not loaded", naming only
 * what applies. */
static void reason_selection(const struct fa_report *r, char *buf, size_t size)
{
	char a[32];
	size_t k;
	int nl = r->opt.nl;

	if (r->opt.bundled_unknown) {
		snprintf(buf, size, "%s",
			 nl ? "andere regels gekozen (--rules); de "
			      "meegeleverde regels zijn niet gevonden "
			      "om mee te vergelijken"
			    : "other rules given (--rules); the bundled "
			      "rules were not found to compare with");
		return;
	}
	k = (size_t)snprintf(buf, size, "%s",
			     nl ? "slechts een deel van de regels:"
				: "only part of the rules:");
	if (r->opt.n_only && k < size)
		k += (size_t)snprintf(
		    buf + k, size - k, " %zu %s", r->opt.n_only,
		    nl ? "gekozen met --rule" : "chosen with --rule");
	if (r->opt.n_skip && k < size)
		k += (size_t)snprintf(buf + k, size - k, "%s %zu %s",
				      r->opt.n_only ? ";" : "", r->opt.n_skip,
				      nl ? "overgeslagen met --skip-rule"
					 : "skipped with --skip-rule");
	if (r->n_left_out && k < size)
		snprintf(buf + k, size - k, "%s %s %s",
			 r->opt.n_only || r->opt.n_skip ? ";" : "",
			 rules_n(r, r->n_left_out, a, sizeof(a)),
			 nl ? "van de meegeleverde regelsets niet geladen"
			    : "of the bundled rule sets not loaded");
}

/* FA_INCOMPLETE_NO_RULE */
static void reason_no_rule(const struct fa_report *r, char *buf, size_t size)
{
	snprintf(buf, size,
		 r->opt.nl ? "geen regel die op %s van kracht is, heeft "
			     "gedraaid"
			   : "no rule in force on %s ran",
		 r->e->audit_date);
}

/*
 * The reasons an audit is incomplete, in the order every report gives
 * them: the flag, the key the JSON report names it by, and what writes
 * its sentence in English and Dutch.
 */
static const struct {
	unsigned flag;
	const char *key;
	void (*text)(const struct fa_report *r, char *buf, size_t size);
} reasons[] = {
	{ FA_INCOMPLETE_NOT_SUPPLIED, "tables_not_supplied",
	  reason_not_supplied },
	{ FA_INCOMPLETE_ERROR, "rule_errors", reason_error },
	{ FA_INCOMPLETE_SELECTION, "partial_selection", reason_selection },
	{ FA_INCOMPLETE_NO_RULE, "no_rule_ran", reason_no_rule },
};
_Static_assert(sizeof(reasons) / sizeof(reasons[0]) == FA_REPORT_REASONS,
	       "one entry per FA_INCOMPLETE_ flag");

const char *fa_report_reason(const struct fa_report *r, size_t i,
			     const char **key, char *buf, size_t size)
{
	assert(i < FA_REPORT_REASONS);
	if (key)
		*key = reasons[i].key;
	buf[0] = '\0';
	if (!(r->incomplete & reasons[i].flag))
		return NULL;
	reasons[i].text(r, buf, size);
	return buf;
}

const char *fa_report_money(char *buf, size_t size, int64_t cents)
{
	/* the magnitude in unsigned arithmetic: -INT64_MIN is no int64 */
	uint64_t a = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;

	snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, cents < 0 ? "-" : "",
		 a / 100, a % 100);
	return buf;
}

/* ---- scope: what was not checked ----------------------------------------- */

/* The tables the package does not supply, each with the rules that could
 * not check for want of it. */
static enum fa_code build_missing(struct fa_report *r,
				  const struct fa_evidence *ev,
				  struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	size_t t, i, k, n = 0;

	for (t = 0; t < ev->n_tables; t++)
		n += !ev->tables[t].file;
	r->missing = calloc(n + 1, sizeof(*r->missing));
	if (!r->missing)
		return fa_error_nomem(err, NULL);
	for (t = 0; t < ev->n_tables; t++) {
		struct fa_report_missing *m;

		if (ev->tables[t].file)
			continue;
		m = &r->missing[r->n_missing++];
		m->table = ev->tables[t].spec;
		m->rules = calloc(e->n_runs + 1, sizeof(*m->rules));
		if (!m->rules)
			return fa_error_nomem(err, NULL);
		for (i = 0; i < e->n_runs; i++)
			for (k = 0; k < e->runs[i].n_missing; k++) {
				if (strcmp(e->runs[i].missing[k],
					   m->table->name) != 0)
					continue;
				m->rules[m->n_rules++] = e->runs[i].rule;
				if (e->runs[i].rule->severity !=
				    FA_SEV_OBSERVATION)
					m->n_deciding++;
			}
	}
	return FA_OK;
}

/* The rules of the bundled sets that are not among those loaded. */
static enum fa_code build_left_out(struct fa_report *r, struct fa_error *err)
{
	const struct fa_rulesets *b = r->opt.bundled;
	size_t s, i, n = 0;

	if (!b)
		return FA_OK;
	for (s = 0; s < b->n; s++)
		n += b->sets[s]->n_rules;
	r->left_out = calloc(n + 1, sizeof(*r->left_out));
	if (!r->left_out)
		return fa_error_nomem(err, NULL);
	for (s = 0; s < b->n; s++)
		for (i = 0; i < b->sets[s]->n_rules; i++) {
			const struct fa_rule *rule = &b->sets[s]->rules[i];

			if (!fa_rulesets_rule(r->sets, rule->id))
				r->left_out[r->n_left_out++] = rule;
		}
	return FA_OK;
}

static enum fa_code build_scope(struct fa_report *r,
				const struct fa_evidence *ev,
				struct fa_error *err)
{
	enum fa_code rc = build_missing(r, ev, err);

	if (rc == FA_OK)
		rc = build_left_out(r, err);
	if (rc != FA_OK)
		return rc;
	if (r->n_errors)
		r->incomplete |= FA_INCOMPLETE_ERROR;
	if (r->n_not_checked_deciding)
		r->incomplete |= FA_INCOMPLETE_NOT_SUPPLIED;
	if (r->opt.n_only || r->opt.n_skip || r->opt.bundled_unknown ||
	    r->n_left_out)
		r->incomplete |= FA_INCOMPLETE_SELECTION;
	if (!r->n_ran)
		r->incomplete |= FA_INCOMPLETE_NO_RULE;
	return FA_OK;
}

/* ---- sections and deviations --------------------------------------------- */

static int rank(const struct fa_finding *f)
{
	switch (f->outcome) {
	case FA_OUTCOME_ERROR:
	case FA_OUTCOME_NOT_CHECKED:
		return 0;
	case FA_OUTCOME_FAIL:
		return 1;
	case FA_OUTCOME_REVIEW:
		return 2;
	default:
		return 3;
	}
}

static enum fa_code build_sections(struct fa_report *r, struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	size_t s, i, k, pass;

	r->sections = calloc(r->sets->n + 1, sizeof(*r->sections));
	if (!r->sections)
		return fa_error_nomem(err, NULL);
	r->n_sections = r->sets->n;
	for (s = 0; s < r->sets->n; s++) {
		struct fa_report_section *sec = &r->sections[s];
		size_t n = 0;

		sec->set = r->sets->sets[s];
		for (i = 0; i < e->n_runs; i++)
			if (e->runs[i].rule->set == sec->set)
				for (k = 0; k < FA_OUTCOME_COUNT; k++)
					sec->counts[k] += e->runs[i].counts[k];
		for (i = 0; i < e->n_findings; i++)
			n += e->findings[i].rule->set == sec->set;
		sec->findings = calloc(n + 1, sizeof(*sec->findings));
		if (!sec->findings)
			return fa_error_nomem(err, NULL);
		/* four passes keep rule order within each rank */
		for (pass = 0; pass < 4; pass++)
			for (i = 0; i < e->n_findings; i++) {
				const struct fa_finding *f = &e->findings[i];

				if (f->rule->set != sec->set ||
				    rank(f) != (int)pass)
					continue;
				sec->findings[sec->n_findings++] = f;
				if (f->outcome == FA_OUTCOME_FAIL &&
				    fa_finding_severity(f) == FA_SEV_MAJOR)
					sec->n_major++;
				else if (f->outcome == FA_OUTCOME_FAIL &&
					 fa_finding_severity(f) == FA_SEV_MINOR)
					sec->n_minor++;
			}
	}
	return FA_OK;
}

static int by_deadline(const void *a, const void *b)
{
	const struct fa_finding *x = *(const struct fa_finding *const *)a;
	const struct fa_finding *y = *(const struct fa_finding *const *)b;
	int c = strcmp(x->deadline, y->deadline);

	if (c)
		return c;
	if (fa_finding_severity(x) != fa_finding_severity(y))
		return (int)fa_finding_severity(x) -
		       (int)fa_finding_severity(y);
	/* findings live in one array in rule order: keep it */
	return (x > y) - (x < y);
}

static enum fa_code build_deviations(struct fa_report *r, struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	size_t i;

	r->deviations = calloc(e->n_findings + 1, sizeof(*r->deviations));
	if (!r->deviations)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];

		if (f->outcome == FA_OUTCOME_FAIL &&
		    fa_finding_severity(f) != FA_SEV_OBSERVATION)
			r->deviations[r->n_deviations++] = f;
	}
	qsort(r->deviations, r->n_deviations, sizeof(*r->deviations),
	      by_deadline);
	return FA_OK;
}

/*
 * The fail and review findings of run that rest on a U or NF value: all
 * of them when the rule itself is of that confidence (whole), else those
 * flagged (a failure that stays one rests on firm values).
 */
static size_t caution_count(const struct fa_eval *e,
			    const struct fa_rule_run *run, int whole)
{
	size_t i, n = 0;

	if (whole)
		return run->counts[FA_OUTCOME_FAIL] +
		       run->counts[FA_OUTCOME_REVIEW];
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];

		n += f->rule == run->rule &&
		     (f->outcome == FA_OUTCOME_FAIL ||
		      f->outcome == FA_OUTCOME_REVIEW) &&
		     (f->flags &
		      (FA_FINDING_UNCERTAIN | FA_FINDING_PLACEHOLDER));
	}
	return n;
}

/* ---- checklist and cautions ---------------------------------------------- */

/*
 * run (in force, its rule not U or NF) to the secondary sources when the
 * rule, or the weakest of the P and S values its check read, is S. A rule
 * that is also a caution (caution: it read a U or NF value) is listed for
 * the fail and review findings that rest on P and S values alone (a
 * failure that stays one), if it has any.
 */
static void add_secondary(struct fa_report *r, const struct fa_rule_run *run,
			  int caution)
{
	struct fa_report_secondary *x = &r->secondary[r->n_secondary];
	enum fa_confidence values;
	int reads = fa_rule_run_weakest(&values, run, 1);
	size_t n =
	    run->counts[FA_OUTCOME_FAIL] + run->counts[FA_OUTCOME_REVIEW];

	if (run->rule->confidence != FA_CONF_S &&
	    !(reads && values == FA_CONF_S))
		return;
	if (caution) {
		n -= caution_count(r->e, run, 0);
		if (!n)
			return;
	}
	x->rule = run->rule;
	x->reads_values = reads;
	x->values = values;
	x->n_not_pass = n;
	r->n_secondary++;
}

static enum fa_code build_reviews(struct fa_report *r, struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	size_t i;

	r->reviews = calloc(e->n_runs + 1, sizeof(*r->reviews));
	r->cautions = calloc(e->n_runs + 1, sizeof(*r->cautions));
	r->secondary = calloc(e->n_runs + 1, sizeof(*r->secondary));
	if (!r->reviews || !r->cautions || !r->secondary)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];
		struct fa_report_review *v;

		if (f->outcome != FA_OUTCOME_REVIEW)
			continue;
		v = r->n_reviews ? &r->reviews[r->n_reviews - 1] : NULL;
		if (!v || v->rule != f->rule) {
			v = &r->reviews[r->n_reviews++];
			v->rule = f->rule;
			v->first = f;
		}
		v->n++;
	}
	for (i = 0; i < e->n_runs; i++) {
		const struct fa_rule_run *run = &e->runs[i];
		unsigned fl = run->flags &
			      (FA_FINDING_UNCERTAIN | FA_FINDING_PLACEHOLDER);

		if (run->rule->confidence == FA_CONF_U)
			fl |= FA_FINDING_UNCERTAIN;
		if (run->rule->confidence == FA_CONF_NF)
			fl |= FA_FINDING_PLACEHOLDER;
		/* a rule that did not judge anything rests on nothing */
		if (!run->in_force || run->error || run->n_missing)
			continue;
		if (run->rule->confidence < FA_CONF_U)
			add_secondary(r, run, fl != 0);
		if (!fl)
			continue;
		r->cautions[r->n_cautions].rule = run->rule;
		r->cautions[r->n_cautions].flags = fl;
		r->cautions[r->n_cautions].n_not_pass =
		    caution_count(e, run, run->rule->confidence >= FA_CONF_U);
		r->n_cautions++;
	}
	return FA_OK;
}

/* ---- housing per location ------------------------------------------------ */

static const char location_sql[] =
    "SELECT l.location_id, l.address, l.postcode, l.municipality,"
    " l.housing_form, l.role, l.certification, l.snf_register_number,"
    " l.certificate_valid_until,"
    " (l.certification IN ('snf', 'akf') AND"
    "  l.certificate_valid_until >= ?1),"
    " l.registered_beds, l.gbo_m2,"
    " (SELECT count(DISTINCT o.employee_id) FROM occupancy o"
    "   JOIN rooms m ON m.room_id = o.room_id"
    "  WHERE m.location_id = l.location_id AND o.from_date <= ?1"
    "    AND (o.to_date IS NULL OR o.to_date >= ?1)),"
    " (SELECT max(coalesce(m.beds, 0)) FROM rooms m"
    "   WHERE m.location_id = l.location_id AND m.kind = 'bedroom'),"
    " (SELECT max(a.weekly_rent) FROM rental_agreements a"
    "   WHERE a.location_id = l.location_id AND a.start_date <= ?1"
    "     AND (a.end_date IS NULL OR a.end_date >= ?1))"
    " FROM locations l ORDER BY l._line";

static int64_t int_or(struct fa_stmt *st, int c, int64_t dflt)
{
	return fa_db_column_is_null(st, c) ? dflt : fa_db_column_int(st, c);
}

static char *text_or_null(struct fa_stmt *st, int c)
{
	return fa_db_column_is_null(st, c) ? NULL
					   : strdup(fa_db_column_text(st, c));
}

static enum fa_code read_location(struct fa_report_location *l,
				  struct fa_stmt *st, struct fa_error *err)
{
	char addr[512];

	snprintf(addr, sizeof(addr), "%s, %s %s", fa_db_column_text(st, 1),
		 fa_db_column_text(st, 2), fa_db_column_text(st, 3));
	l->id = strdup(fa_db_column_text(st, 0));
	l->address = strdup(addr);
	l->housing_form = strdup(fa_db_column_text(st, 4));
	l->role = strdup(fa_db_column_text(st, 5));
	l->certification = strdup(fa_db_column_text(st, 6));
	l->register_number = text_or_null(st, 7);
	l->valid_until = text_or_null(st, 8);
	l->registration_valid = (int)int_or(st, 9, 0);
	l->beds_registered = int_or(st, 10, -1);
	l->gbo_m2 =
	    fa_db_column_is_null(st, 11) ? -1 : fa_db_column_double(st, 11);
	l->occupied = int_or(st, 12, 0);
	l->m2_per_person =
	    l->gbo_m2 < 0 || l->occupied <= 0
		? -1
		: floor(l->gbo_m2 / (double)l->occupied * 100 + 0.5) / 100;
	l->max_bedroom_beds = int_or(st, 13, -1);
	l->rent_max_cents = int_or(st, 14, -1);
	l->pks_max_rent_cents = -1;
	if (!l->id || !l->address || !l->housing_form || !l->role ||
	    !l->certification)
		return fa_error_nomem(err, NULL);
	return FA_OK;
}

static int by_location_id(const void *a, const void *b)
{
	const struct fa_report_location *x =
	    *(const struct fa_report_location *const *)a;
	const struct fa_report_location *y =
	    *(const struct fa_report_location *const *)b;

	return strcmp(x->id, y->id);
}

/* Binary search: every kept finding is looked up, on thousands of
 * locations. */
static struct fa_report_location *find_location(struct fa_report *r,
						const char *id)
{
	size_t lo = 0, hi = r->n_locations;

	while (id && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->locations_by_id[mid]->id, id);

		if (c == 0)
			return r->locations_by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A location of the report's parts, without what findings add. */
static enum fa_code copy_location(struct fa_report_location *l,
				  const struct fa_report_location *from,
				  struct fa_error *err)
{
	*l = *from;
	l->id = strdup(from->id);
	l->address = strdup(from->address);
	l->housing_form = strdup(from->housing_form);
	l->role = strdup(from->role);
	l->certification = strdup(from->certification);
	l->register_number = dup_or_null(from->register_number);
	l->valid_until = dup_or_null(from->valid_until);
	l->pks_points = NULL;
	l->pks_stars = NULL;
	l->pks_max_rent_cents = -1;
	l->pks_placeholder = 0;
	l->overcharge_cents = 0;
	l->n_fail = 0;
	if (!l->id || !l->address || !l->housing_form || !l->role ||
	    !l->certification ||
	    (from->register_number && !l->register_number) ||
	    (from->valid_until && !l->valid_until))
		return fa_error_nomem(err, NULL);
	return FA_OK;
}

static enum fa_code read_locations(struct fa_report *r, struct fa_evidence *ev,
				   struct fa_error *err)
{
	const struct fa_report_parts *parts = r->opt.parts;
	struct fa_stmt *st = NULL;
	enum fa_code rc = FA_OK;
	int64_t n = 0;
	int row = 0;

	if (parts) {
		r->locations =
		    calloc(parts->n_locations + 1, sizeof(*r->locations));
		if (!r->locations)
			return fa_error_nomem(err, NULL);
		while (rc == FA_OK && r->n_locations < parts->n_locations) {
			rc = copy_location(&r->locations[r->n_locations],
					   &parts->locations[r->n_locations],
					   err);
			r->n_locations++;
		}
		return rc;
	}
	rc = fa_db_query_int(&n, ev->db, "SELECT count(*) FROM locations", err);
	if (rc != FA_OK)
		return rc;
	r->locations = calloc((size_t)n + 1, sizeof(*r->locations));
	if (!r->locations)
		return fa_error_nomem(err, NULL);
	rc = fa_db_prepare(&st, ev->db, location_sql, err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_text(st, 1, r->e->audit_date, strlen(r->e->audit_date));
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row &&
	       r->n_locations < (size_t)n)
		rc = read_location(&r->locations[r->n_locations++], st, err);
	fa_db_finalize(st);
	return rc;
}

static enum fa_code build_locations(struct fa_report *r, struct fa_evidence *ev,
				    struct fa_error *err)
{
	enum fa_code rc;
	size_t i;

	rc = read_locations(r, ev, err);
	if (rc != FA_OK)
		return rc;
	r->locations_by_id =
	    calloc(r->n_locations + 1, sizeof(*r->locations_by_id));
	if (!r->locations_by_id)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < r->n_locations; i++)
		r->locations_by_id[i] = &r->locations[i];
	qsort(r->locations_by_id, r->n_locations, sizeof(*r->locations_by_id),
	      by_location_id);
	return FA_OK;
}

/* PKS figures and failures per location, from the findings' facts. */
static void attach_location_facts(struct fa_report *r)
{
	size_t i;

	for (i = 0; i < r->e->n_findings; i++) {
		const struct fa_finding *f = &r->e->findings[i];
		struct fa_report_location *l = NULL;
		const char *stars = fa_finding_fact(f, "stars");
		int64_t max = -1;
		int has_max = fa_finding_cents(&max, f, "max_rent_cents");

		if (f->rule->scope == FA_SCOPE_LOCATION)
			l = find_location(r, f->subject);
		if (!l)
			l = find_location(r, fa_finding_fact(f, "location"));
		if (!l)
			continue;
		if (f->outcome == FA_OUTCOME_FAIL)
			l->n_fail++;
		if (f->rule->scope == FA_SCOPE_LOCATION && stars && has_max &&
		    !l->pks_stars) {
			l->pks_stars = strdup(stars);
			l->pks_points =
			    dup_or_null(fa_finding_fact(f, "points"));
			l->pks_max_rent_cents = max;
			l->pks_placeholder =
			    (f->flags & FA_FINDING_PLACEHOLDER) != 0;
		}
	}
}

/* ---- overcharges --------------------------------------------------------- */

static int by_amount(const void *a, const void *b)
{
	const struct fa_report_overcharge *x = a, *y = b;

	if (x->owed_cents != y->owed_cents)
		return (y->owed_cents > x->owed_cents) -
		       (y->owed_cents < x->owed_cents);
	return strcmp(x->employee_id, y->employee_id);
}

struct charge {
	const char *subject; /* borrowed from the finding */
	const char *location;
	int underpaid; /* fact money = "underpaid": wage, not a deduction */
	int64_t cents;
};

static int by_subject(const void *a, const void *b)
{
	const struct charge *x = a, *y = b;
	int c = strcmp(x->subject, y->subject);

	if (!c)
		c = x->underpaid - y->underpaid;
	/* the largest amount of a subject and kind first */
	return c ? c : (y->cents > x->cents) - (y->cents < x->cents);
}

int fa_report_add_cents(int64_t *sum, int64_t cents)
{
	int64_t s;

	if (__builtin_add_overflow(*sum, cents, &s))
		return -1;
	*sum = s;
	return 0;
}

/* a + b: money_fits() has made sure that no sum of amounts overflows */
static int64_t add_cents(int64_t a, int64_t b)
{
	int fits = fa_report_add_cents(&a, b) == 0;

	assert(fits);
	(void)fits;
	return a;
}

/*
 * One overflow policy for money: refuse. Every sum of cents a report
 * makes (owed per worker and in total, per location, a rule's amounts per
 * worker in the HTML report) adds the amount_cents of failing findings,
 * some of them: when the magnitudes of all of them add up within int64,
 * no such sum, nor any step of it, can overflow. Amounts that do not are a
 * broken input, not money (92,233,720,368,547,758.07 EUR): FA_ERR_INPUT,
 * naming the largest amount and its finding.
 */
static enum fa_code money_fits(const struct fa_report *r, struct fa_error *err)
{
	const struct fa_finding *largest = NULL;
	uint64_t top = 0;
	int64_t sum = 0, cents = 0, big = 0;
	int over = 0;
	size_t i;
	char a[32], b[32];

	for (i = 0; i < r->e->n_findings; i++) {
		const struct fa_finding *f = &r->e->findings[i];
		uint64_t mag;

		if (f->outcome != FA_OUTCOME_FAIL ||
		    !fa_finding_cents(&cents, f, "amount_cents"))
			continue;
		mag = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
		if (!largest || mag > top) {
			largest = f;
			top = mag;
			big = cents;
		}
		if (mag > INT64_MAX ||
		    __builtin_add_overflow(sum, (int64_t)mag, &sum))
			over = 1;
	}
	if (!over)
		return FA_OK;
	return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
			    "cannot add up the money owed: the amounts of the "
			    "failing findings together pass %s EUR, the most "
			    "that 64 bits of cents hold (largest: %s EUR, rule "
			    "'%s', subject '%.64s')",
			    fa_report_money(a, sizeof(a), INT64_MAX),
			    fa_report_money(b, sizeof(b), big),
			    largest->rule->id, largest->subject);
}

/*
 * Failing findings with an "amount_cents" fact: money owed to the worker.
 * Deducted above what was allowed: several rules may judge the same pay
 * period (no certification, above the cap, above the agreed rent, below
 * the minimum wage after deductions), so per subject the largest amount
 * counts, never the sum. Underpaid (fact money = "underpaid": hours paid
 * below the minimum wage) is other money and is added. Then summed per
 * worker (the subject up to its first '/'), with the first and last pay
 * period, and deductions per location (fact "location").
 */
static enum fa_code build_overcharges(struct fa_report *r, struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	struct charge *c;
	struct fa_report_overcharge *v;
	size_t i, n = 0;

	c = calloc(e->n_findings + 1, sizeof(*c));
	v = calloc(e->n_findings + 1, sizeof(*v));
	r->overcharges = v;
	if (!c || !v) {
		free(c);
		return fa_error_nomem(err, NULL);
	}
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];
		int64_t amount = 0;

		if (f->outcome != FA_OUTCOME_FAIL ||
		    !fa_finding_cents(&amount, f, "amount_cents") ||
		    amount <= 0)
			continue;
		c[n].subject = f->subject;
		c[n].location = fa_finding_fact(f, "location");
		c[n].underpaid =
		    fa_finding_fact(f, "money") &&
		    strcmp(fa_finding_fact(f, "money"), "underpaid") == 0;
		c[n++].cents = amount;
	}
	qsort(c, n, sizeof(*c), by_subject);
	for (i = 0; i < n; i++) {
		size_t len = strcspn(c[i].subject, "/");
		struct fa_report_overcharge *o =
		    r->n_overcharges ? &v[r->n_overcharges - 1] : NULL;
		struct fa_report_location *l;

		/* the pay period (after the '/'), borrowed from the finding;
		 * none for a subject that names a worker only */
		const char *period =
		    c[i].subject[len] ? c[i].subject + len + 1 : NULL;

		if (i && strcmp(c[i].subject, c[i - 1].subject) == 0 &&
		    c[i].underpaid == c[i - 1].underpaid)
			continue; /* a smaller amount for the same subject */
		if (!o || strncmp(o->employee_id, c[i].subject, len) != 0 ||
		    o->employee_id[len] != '\0') {
			o = &v[r->n_overcharges++];
			o->employee_id = strndup(c[i].subject, len);
			if (!o->employee_id) {
				free(c);
				return fa_error_nomem(err, NULL);
			}
		}
		if (period &&
		    (!o->first_period || strcmp(period, o->first_period) < 0))
			o->first_period = period;
		if (period &&
		    (!o->last_period || strcmp(period, o->last_period) > 0))
			o->last_period = period;
		o->owed_cents = add_cents(o->owed_cents, c[i].cents);
		r->owed_total_cents =
		    add_cents(r->owed_total_cents, c[i].cents);
		if (c[i].underpaid) {
			o->underpaid_periods++;
			o->underpaid_cents =
			    add_cents(o->underpaid_cents, c[i].cents);
			r->underpaid_total_cents =
			    add_cents(r->underpaid_total_cents, c[i].cents);
			continue;
		}
		if (c[i].location && (!o->location_id ||
				      strcmp(o->location_id, c[i].location))) {
			free(o->location_id);
			o->location_id = strdup(c[i].location);
		}
		o->periods++;
		o->cents = add_cents(o->cents, c[i].cents);
		r->overcharge_total_cents =
		    add_cents(r->overcharge_total_cents, c[i].cents);
		l = find_location(r, c[i].location);
		if (l)
			l->overcharge_cents =
			    add_cents(l->overcharge_cents, c[i].cents);
	}
	free(c);
	qsort(v, r->n_overcharges, sizeof(*v), by_amount);
	return FA_OK;
}

/* ---- personal data ------------------------------------------------------- */

void fa_report_people_free(struct fa_report_person *p, size_t n)
{
	size_t i;

	for (i = 0; p && i < n; i++) {
		free(p[i].employee_id);
		free(p[i].name);
		free(p[i].bsn);
		free(p[i].birth_date);
	}
	free(p);
}

enum fa_code fa_report_read_people(struct fa_report_person **out, size_t *n,
				   struct fa_evidence *ev, struct fa_error *err)
{
	struct fa_report_person *people;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int64_t count = 0;
	size_t k = 0;
	int row = 0;

	*out = NULL;
	*n = 0;
	rc = fa_db_query_int(&count, ev->db, "SELECT count(*) FROM workers",
			     err);
	if (rc != FA_OK)
		return rc;
	people = calloc((size_t)count + 1, sizeof(*people));
	if (!people)
		return fa_error_nomem(err, NULL);
	rc = fa_db_prepare(&st, ev->db,
			   "SELECT employee_id, name, coalesce(bsn, upper("
			   "registration)), birth_date FROM workers "
			   "ORDER BY employee_id",
			   err);
	while (rc == FA_OK && (rc = fa_db_step(&row, st, err)) == FA_OK &&
	       row && k < (size_t)count) {
		struct fa_report_person *p = &people[k++];

		p->employee_id = strdup(fa_db_column_text(st, 0));
		p->name = strdup(fa_db_column_text(st, 1));
		p->bsn = text_or_null(st, 2);
		p->birth_date = text_or_null(st, 3);
		if (!p->employee_id || !p->name)
			rc = fa_error_nomem(err, NULL);
	}
	fa_db_finalize(st);
	if (rc != FA_OK) {
		fa_report_people_free(people, k);
		return rc;
	}
	*out = people;
	*n = k;
	return FA_OK;
}

static enum fa_code build_people(struct fa_report *r, struct fa_evidence *ev,
				 struct fa_error *err)
{
	const struct fa_report_parts *parts = r->opt.parts;
	size_t i;

	if (!parts)
		return fa_report_read_people(&r->people, &r->n_people, ev, err);
	r->people = calloc(parts->n_people + 1, sizeof(*r->people));
	if (!r->people)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < parts->n_people; i++) {
		const struct fa_report_person *from = &parts->people[i];
		struct fa_report_person *p = &r->people[r->n_people++];

		p->employee_id = strdup(from->employee_id);
		p->name = strdup(from->name);
		p->bsn = dup_or_null(from->bsn);
		p->birth_date = dup_or_null(from->birth_date);
		if (!p->employee_id || !p->name || (from->bsn && !p->bsn) ||
		    (from->birth_date && !p->birth_date))
			return fa_error_nomem(err, NULL);
	}
	return FA_OK;
}

const struct fa_report_person *fa_report_person(const struct fa_report *r,
						const char *employee_id)
{
	size_t lo = 0, hi = r->n_people;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->people[mid].employee_id, employee_id);

		if (c == 0)
			return &r->people[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct fa_report_person *
fa_report_subject_person(const struct fa_report *r, const char *subject)
{
	char id[128];
	size_t len;

	if (!subject || !r->opt.reveal_personal)
		return NULL;
	len = strcspn(subject, "/");
	if (len >= sizeof(id))
		return NULL;
	memcpy(id, subject, len);
	id[len] = '\0';
	return fa_report_person(r, id);
}

/* ---- the whole ----------------------------------------------------------- */

/* "cao/snf, cao/fec": the distinct set pairs of pairs, in order; 0 or -1. */
static int mismatch_sets(struct fa_report *r, const struct fa_rule_pair *pairs,
			 size_t n_pairs)
{
	size_t i, j, len = 1, at = 0;
	char *s;

	for (i = 0; i < n_pairs; i++)
		len += strlen(pairs[i].left->set->id) +
		       strlen(pairs[i].right->set->id) + 3;
	s = r->mismatch_sets = calloc(1, len);
	if (!s)
		return -1;
	for (i = 0; i < n_pairs; i++) {
		const char *l = pairs[i].left->set->id;
		const char *rt = pairs[i].right->set->id;

		for (j = 0; j < i; j++)
			if (pairs[j].left->set == pairs[i].left->set &&
			    pairs[j].right->set == pairs[i].right->set)
				break;
		if (j < i)
			continue;
		at += (size_t)snprintf(s + at, len - at, "%s%s/%s",
				       at ? ", " : "", l, rt);
	}
	return 0;
}

enum fa_code
fa_report_new(struct fa_report **out, struct fa_evidence *ev,
	      const struct fa_rulesets *sets, const struct fa_eval *e,
	      const struct fa_sample *sample,
	      const struct fa_mismatch *mismatches, size_t n_mismatches,
	      const struct fa_rule_pair *pairs, size_t n_pairs,
	      const struct fa_report_options *opt, struct fa_error *err)
{
	struct fa_report *r;
	enum fa_code rc;
	size_t i;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return fa_error_nomem(err, NULL);
	if (opt)
		r->opt = *opt;
	r->ev = ev;
	r->sets = sets;
	r->e = e;
	r->sample = sample;
	r->mismatches = mismatches;
	r->n_mismatches = n_mismatches;
	if (n_pairs && mismatch_sets(r, pairs, n_pairs) != 0) {
		fa_report_free(r);
		return fa_error_nomem(err, NULL);
	}
	r->version = fa_version();
	snprintf(r->generated_at, sizeof(r->generated_at), "%s",
		 r->opt.generated_at ? r->opt.generated_at : e->audit_date);
	r->opt.generated_at = NULL; /* not borrowed beyond this call */
	for (i = 0; i < e->n_runs; i++) {
		const struct fa_rule_run *run = &e->runs[i];
		int ran = run->in_force && !run->error && !run->n_missing;

		r->n_errors += run->error;
		r->n_not_in_force += !run->in_force;
		r->n_not_checked += run->n_missing > 0;
		r->n_not_checked_deciding +=
		    run->n_missing > 0 &&
		    run->rule->severity != FA_SEV_OBSERVATION;
		r->n_ran += ran;
		/* money is measured by the checks that return amount_cents */
		if (ran && fa_rule_run_has_fact(run, "amount_cents"))
			r->deductions_judged = 1;
	}
	rc = money_fits(r, err);
	if (rc == FA_OK)
		rc = build_scope(r, ev, err);
	if (rc != FA_OK) {
		fa_report_free(r);
		return rc;
	}
	r->verdict = fa_report_verdict_of(r, e->n_major_fail, e->n_minor_fail);
	rc = build_sections(r, err);
	if (rc == FA_OK)
		rc = build_deviations(r, err);
	if (rc == FA_OK)
		rc = fa_report_build_requirements(r, err);
	if (rc == FA_OK)
		rc = build_reviews(r, err);
	if (rc == FA_OK)
		rc = fa_report_build_review_items(r, err);
	if (rc == FA_OK)
		rc = fa_report_build_documents(r, ev, err);
	if (rc == FA_OK)
		rc = build_locations(r, ev, err);
	if (rc == FA_OK) {
		attach_location_facts(r);
		rc = build_overcharges(r, err);
	}
	if (rc == FA_OK && r->opt.reveal_personal)
		rc = build_people(r, ev, err);
	r->opt.parts = NULL; /* borrowed for this call only */
	if (rc != FA_OK) {
		fa_report_free(r);
		return rc;
	}
	*out = r;
	return FA_OK;
}

void fa_report_free(struct fa_report *r)
{
	size_t i;

	if (!r)
		return;
	free(r->mismatch_sets);
	for (i = 0; i < r->n_missing; i++)
		free(r->missing[i].rules);
	free(r->missing);
	free(r->left_out);
	for (i = 0; i < r->n_sections; i++)
		free(r->sections[i].findings);
	free(r->sections);
	free(r->deviations);
	free(r->requirements);
	free(r->requirement_findings);
	free(r->review_items);
	free(r->review_findings);
	for (i = 0; i < r->n_documents; i++)
		free(r->documents[i].path);
	free(r->documents);
	for (i = 0; i < r->n_locations; i++) {
		struct fa_report_location *l = &r->locations[i];

		free(l->id);
		free(l->address);
		free(l->housing_form);
		free(l->role);
		free(l->certification);
		free(l->register_number);
		free(l->valid_until);
		free(l->pks_points);
		free(l->pks_stars);
	}
	free(r->locations);
	free(r->locations_by_id);
	for (i = 0; i < r->n_overcharges; i++) {
		free(r->overcharges[i].employee_id);
		free(r->overcharges[i].location_id);
	}
	free(r->overcharges);
	free(r->reviews);
	free(r->cautions);
	free(r->secondary);
	fa_report_people_free(r->people, r->n_people);
	free(r);
}
