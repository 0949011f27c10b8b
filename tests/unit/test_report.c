/* SPDX-License-Identifier: MIT */
/*
 * Tests of the report model and the text writer, on the demo package with
 * the bundled rule sets: verdict and deviations, the overcharge totals
 * (largest amount per pay period, never summed over rules), housing per
 * location, personal data only when asked, byte-identical output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "demo_audit.h"
#include "report.h"

static int setup(void **state)
{
	static struct demo_audit d;

	*state = &d;
	return demo_audit_load(&d);
}

static int teardown(void **state)
{
	demo_audit_release(*state);
	return 0;
}

static struct fa_report *build(struct demo_audit *f, int reveal)
{
	struct fa_report_options o;
	struct fa_report *r = NULL;
	struct fa_error err;

	memset(&o, 0, sizeof(o));
	o.reveal_personal = reveal;
	o.generated_at = "2026-12-01T00:00:00Z";
	fa_error_init(&err);
	assert_int_equal(fa_report_new(&r, f->ev, &f->sets, f->e, NULL, NULL, 0,
				       NULL, 0, &o, &err),
			 FA_OK);
	return r;
}

static char *text(const struct fa_report *r, int verbose)
{
	struct fa_report_options *o = (struct fa_report_options *)&r->opt;
	struct fa_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	o->verbose = verbose;
	fa_error_init(&err);
	assert_int_equal(fa_report_write_text(out, r, &err), FA_OK);
	fclose(out);
	return buf;
}

static void test_report__verdict_and_deviations(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	size_t i, major = 0, minor = 0;

	assert_int_equal(r->verdict, FA_VERDICT_NEGATIVE);
	assert_int_equal(r->n_deviations,
			 f->e->n_major_fail + f->e->n_minor_fail);
	for (i = 0; i < r->n_deviations; i++) {
		major += r->deviations[i]->rule->severity == FA_SEV_MAJOR;
		minor += r->deviations[i]->rule->severity == FA_SEV_MINOR;
		if (i)
			assert_true(strcmp(r->deviations[i - 1]->deadline,
					   r->deviations[i]->deadline) <= 0);
	}
	assert_int_equal(major, f->e->n_major_fail);
	assert_int_equal(minor, f->e->n_minor_fail);
	/* sections add up to the evaluation */
	for (i = 0, major = 0; i < r->n_sections; i++)
		major += r->sections[i].n_findings;
	assert_int_equal(major, f->e->n_findings);
	fa_report_free(r);
}

/* The same total, computed the slow way: per subject the largest amount. */
/* 1 if the finding's money is pay below the minimum wage (fact money). */
static int underpaid(const struct fa_finding *f)
{
	const char *m = fa_finding_fact(f, "money");

	return m && strcmp(m, "underpaid") == 0;
}

/* The money of one kind (deducted, or underpaid) owed, by hand: per
 * subject the largest amount of that kind, once; with unlocated, only the
 * amounts whose finding names no location (a deduction below the minimum
 * wage of a worker not housed by the member). */
static int64_t overcharge_by_hand(const struct fa_eval *e, int kind,
				  int unlocated)
{
	int64_t total = 0;
	size_t i, k;

	for (i = 0; i < e->n_findings; i++) {
		const char *a =
		    fa_finding_fact(&e->findings[i], "amount_cents");
		int64_t best;
		int first = 1;

		if (e->findings[i].outcome != FA_OUTCOME_FAIL || !a ||
		    underpaid(&e->findings[i]) != kind)
			continue;
		best = strtoll(a, NULL, 10);
		for (k = 0; k < e->n_findings && first; k++) {
			const char *b =
			    fa_finding_fact(&e->findings[k], "amount_cents");

			if (k == i ||
			    e->findings[k].outcome != FA_OUTCOME_FAIL || !b ||
			    underpaid(&e->findings[k]) != kind ||
			    strcmp(e->findings[k].subject,
				   e->findings[i].subject) != 0)
				continue;
			/* another rule judged the same subject: count the
			 * larger one, once (ties: the earlier finding) */
			if (strtoll(b, NULL, 10) > best ||
			    (strtoll(b, NULL, 10) == best && k < i))
				first = 0;
		}
		if (first && best > 0 &&
		    (!unlocated ||
		     !fa_finding_fact(&e->findings[i], "location")))
			total += best;
	}
	return total;
}

static void test_report__overcharge_counts_a_period_once(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	int64_t by_worker = 0, by_location = 0, underpaid_by_worker = 0;
	size_t i;

	assert_true(r->n_overcharges > 0);
	assert_int_equal(r->overcharge_total_cents,
			 overcharge_by_hand(f->e, 0, 0));
	assert_int_equal(r->underpaid_total_cents,
			 overcharge_by_hand(f->e, 1, 0));
	assert_int_equal(r->owed_total_cents,
			 r->overcharge_total_cents + r->underpaid_total_cents);
	for (i = 0; i < r->n_overcharges; i++) {
		by_worker += r->overcharges[i].cents;
		underpaid_by_worker += r->overcharges[i].underpaid_cents;
		assert_int_equal(r->overcharges[i].owed_cents,
				 r->overcharges[i].cents +
				     r->overcharges[i].underpaid_cents);
		if (i)
			assert_true(r->overcharges[i - 1].owed_cents >=
				    r->overcharges[i].owed_cents);
	}
	for (i = 0; i < r->n_locations; i++)
		by_location += r->locations[i].overcharge_cents;
	assert_int_equal(by_worker, r->overcharge_total_cents);
	assert_int_equal(underpaid_by_worker, r->underpaid_total_cents);
	/* every demo location is in locations.csv: what no location has is
	 * what no finding placed at one */
	assert_int_equal(by_location + overcharge_by_hand(f->e, 0, 1),
			 r->overcharge_total_cents);
	fa_report_free(r);
}

static const struct fa_report_location *location(const struct fa_report *r,
						 const char *id)
{
	size_t i;

	for (i = 0; i < r->n_locations; i++)
		if (strcmp(r->locations[i].id, id) == 0)
			return &r->locations[i];
	fail_msg("no location %s", id);
	return NULL;
}

static void test_report__housing_per_location(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	const struct fa_report_location *l08 = location(r, "L08");
	const struct fa_report_location *l09 = location(r, "L09");
	size_t i, with_pks = 0;

	assert_int_equal(r->n_locations, 12);
	/* demo README: L08 houses more people than its registered beds and
	 * its certificate has expired; L09 has no quality mark */
	assert_true(l08->occupied > l08->beds_registered);
	assert_false(l08->registration_valid);
	assert_false(l09->registration_valid);
	assert_string_equal(l09->certification, "none");
	for (i = 0; i < r->n_locations; i++)
		if (r->locations[i].pks_stars) {
			with_pks++;
			assert_true(r->locations[i].pks_placeholder);
		}
	assert_true(with_pks > 0);
	fa_report_free(r);
}

static void test_report__personal_data_only_when_asked(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *hidden = build(f, 0), *shown = build(f, 1);
	const struct fa_report_person *p;
	char *a, *b;

	assert_int_equal(hidden->n_people, 0);
	assert_null(fa_report_person(hidden, "W0001"));
	p = fa_report_person(shown, "W0001");
	assert_non_null(p);
	assert_non_null(p->bsn);
	assert_non_null(p->birth_date);
	a = text(hidden, 1);
	b = text(shown, 1);
	assert_null(strstr(a, p->bsn));
	assert_null(strstr(a, p->birth_date));
	assert_null(strstr(a, p->name));
	assert_non_null(strstr(b, p->bsn));
	assert_non_null(strstr(b, p->name));
	free(a);
	free(b);
	fa_report_free(hidden);
	fa_report_free(shown);
}

/* The part of t from the line that starts with heading up to the next
 * empty line (the caller frees). */
static char *block(const char *t, const char *heading)
{
	const char *at = strstr(t, heading), *end;
	char *b;

	if (!at) {
		fail_msg("no '%s'", heading);
		return NULL;
	}
	end = strstr(at, "\n\n");
	if (!end)
		end = at + strlen(at);
	b = strndup(at, (size_t)(end - at + 1));
	assert_non_null(b);
	return b;
}

/* The lines of the verbose finding whose first line starts with head:
 * up to the next line that is not indented (the caller frees). */
static char *finding_lines(const char *t, const char *head)
{
	const char *at = strstr(t, head), *end;
	char *b;

	if (!at) {
		fail_msg("no '%s'", head);
		return NULL;
	}
	for (end = strchr(at, '\n'); end && end[1] == ' ';
	     end = strchr(end + 1, '\n'))
		;
	b = strndup(at, end ? (size_t)(end - at + 1) : strlen(at));
	assert_non_null(b);
	return b;
}

/* The line of block b that lists rule id (the caller frees), or NULL. */
static char *rule_line(const char *b, const char *id)
{
	char want[80];
	const char *at, *end;

	snprintf(want, sizeof(want), "\n  %s ", id);
	at = strstr(b, want);
	if (!at)
		return NULL;
	end = strchr(at + 1, '\n');
	return strndup(at + 1, end ? (size_t)(end - at - 1) : strlen(at + 1));
}

/*
 * The short text lists, after the U and NF cautions, the rules that rest
 * on a secondary source, as the rule files say: CAO-36-DEDUCTION-CERTIFIED
 * is confidence="S" and reads cao.deduction.pks_from (P); WML-MINIMUM-WAGE
 * is confidence="P" but reads the minimum wage from 2026-01-01, which is
 * confidence="S"; SNF-2.3-BEDROOM-PERSONS (P, two P values) is not listed,
 * nor is CAO-BIJLAGE-V-GBO-PER-PERSON (confidence="U", a caution). In
 * English and in Dutch; verbose, each finding says it too.
 */
static void test_report__secondary_source_rules_listed(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *t, *b, *l;

	t = text(r, 0);
	b = block(t, "secondary source (S): these results rest on a rule or "
		     "values taken from a secondary source (those above "
		     "aside); check them against the primary text\n");
	l = rule_line(b, "CAO-36-DEDUCTION-CERTIFIED");
	assert_non_null(l);
	assert_non_null(strstr(l, " rule S, values P "));
	assert_non_null(strstr(l, " fail or needs review"));
	free(l);
	l = rule_line(b, "WML-MINIMUM-WAGE");
	assert_non_null(l);
	assert_non_null(strstr(l, " rule P, values S "));
	free(l);
	assert_null(rule_line(b, "SNF-2.3-BEDROOM-PERSONS"));
	assert_null(rule_line(b, "CAO-BIJLAGE-V-GBO-PER-PERSON"));
	/* the cautions come first */
	assert_true(strstr(t, "caution: these results rest on uncertain") <
		    strstr(t, "secondary source (S):"));
	free(b);
	free(t);

	((struct fa_report_options *)&r->opt)->nl = 1;
	t = text(r, 0);
	b = block(t, "secundaire bron (S): deze uitkomsten steunen op een "
		     "regel of waarden uit een secundaire bron (afgezien van "
		     "die hierboven); toets ze aan de primaire tekst\n");
	l = rule_line(b, "CAO-36-DEDUCTION-CERTIFIED");
	assert_non_null(l);
	assert_non_null(strstr(l, " regel S, waarden P "));
	assert_non_null(strstr(l, " afwijking of beoordelen"));
	free(l);
	l = rule_line(b, "CAO-36-DEDUCTION-AGREED-RENT");
	assert_non_null(l); /* confidence="S"; its check calls no param() */
	assert_non_null(strstr(l, " regel S, waarden - "));
	free(l);
	free(b);
	free(t);
	t = text(r, 1);
	b = finding_lines(t, "AFWIJKING CAO-36-DEDUCTION-CERTIFIED  "
			     "W0011/2026-06-29  ");
	assert_non_null(strstr(b, "\n       betrouwbaarheid: regel S, "
				  "waarden P\n"));
	free(b);
	free(t);
	((struct fa_report_options *)&r->opt)->nl = 0;
	t = text(r, 1);
	b = finding_lines(t, "FAIL   CAO-36-DEDUCTION-CERTIFIED  "
			     "W0011/2026-06-29  ");
	assert_non_null(strstr(b, "\n       confidence: rule S, values P\n"));
	free(b);
	free(t);
	fa_report_free(r);
}

static void test_report__text_is_byte_identical(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r1 = build(f, 0), *r2 = build(f, 0);
	char *a = text(r1, 0), *b = text(r2, 0);

	assert_string_equal(a, b);
	assert_non_null(strstr(a, "generated  2026-12-01T00:00:00Z"));
	assert_non_null(strstr(a, "verdict:  negative (A-deviations)"));
	free(a);
	free(b);
	fa_report_free(r1);
	fa_report_free(r2);
}

/*
 * The verdict against the scope, on the demo's rules and evidence with a
 * made-up evaluation: every rule in force and ran, no finding; each case
 * then changes what it needs. Expected values are the definition of the
 * verdict (report.h): negative on any A-deviation; else incomplete when
 * a rule judging deviations could not check, a rule errored, the
 * selection is partial or no rule ran; else positive, with B-deviations
 * if any.
 */
struct scope_case {
	const char *name;
	size_t major, minor;	 /* failures */
	int only;		 /* a --rule was given */
	int error;		 /* a major rule errored */
	int missing_major;	 /* a major rule read a table not supplied */
	int missing_observation; /* an observation rule did */
	int none_in_force;
	enum fa_verdict verdict;
	unsigned incomplete;
};

static const struct fa_rule_run *run_of(const struct fa_eval *e,
					enum fa_severity sev)
{
	size_t i;

	for (i = 0; i < e->n_runs; i++)
		if (e->runs[i].rule->severity == sev)
			return &e->runs[i];
	fail_msg("the demo has no rule of severity %d", (int)sev);
	return NULL;
}

static void scope_case_run(struct demo_audit *f, const struct scope_case *c)
{
	struct fa_eval e = *f->e;
	struct fa_report_options o;
	struct fa_report *r = NULL;
	struct fa_error err;
	static const char *const only[] = { "FEC-2A-NO-FEE" };
	const struct fa_manifest_file *saved = NULL;
	size_t i, t = 0, major, obs;

	e.runs = calloc(f->e->n_runs, sizeof(*e.runs));
	assert_non_null(e.runs);
	memcpy(e.runs, f->e->runs, f->e->n_runs * sizeof(*e.runs));
	major = (size_t)(run_of(f->e, FA_SEV_MAJOR) - f->e->runs);
	obs = (size_t)(run_of(f->e, FA_SEV_OBSERVATION) - f->e->runs);
	for (i = 0; i < e.n_runs; i++) {
		e.runs[i].in_force = !c->none_in_force;
		e.runs[i].error = 0;
		e.runs[i].n_missing = 0;
		memset(e.runs[i].counts, 0, sizeof(e.runs[i].counts));
	}
	e.n_findings = 0;
	memset(e.counts, 0, sizeof(e.counts));
	e.n_major_fail = c->major;
	e.n_minor_fail = c->minor;
	e.runs[major].error = c->error;
	while (t < f->ev->n_tables &&
	       strcmp(f->ev->tables[t].spec->name, "deductions") != 0)
		t++;
	assert_true(t < f->ev->n_tables);
	if (c->missing_major || c->missing_observation) {
		saved = f->ev->tables[t].file;
		f->ev->tables[t].file = NULL;
	}
	if (c->missing_major) {
		e.runs[major].missing[0] = "deductions";
		e.runs[major].n_missing = 1;
	}
	if (c->missing_observation) {
		e.runs[obs].missing[0] = "deductions";
		e.runs[obs].n_missing = 1;
	}
	memset(&o, 0, sizeof(o));
	o.only = only;
	o.n_only = c->only ? 1 : 0;
	fa_error_init(&err);
	assert_int_equal(fa_report_new(&r, f->ev, &f->sets, &e, NULL, NULL, 0,
				       NULL, 0, &o, &err),
			 FA_OK);
	if (r->verdict != c->verdict || r->incomplete != c->incomplete)
		fail_msg("%s: verdict %d, incomplete 0x%x; expected %d, 0x%x",
			 c->name, (int)r->verdict, r->incomplete,
			 (int)c->verdict, c->incomplete);
	/* counted once in the model: a rule without its table, and of
	 * those the ones judging deviations */
	assert_int_equal(r->n_not_checked,
			 c->missing_major + c->missing_observation);
	assert_int_equal(r->n_not_checked_deciding, c->missing_major);
	if (c->missing_major || c->missing_observation) {
		/* the table is listed, with the rules that read it */
		assert_int_equal(r->n_missing, 1);
		assert_string_equal(r->missing[0].table->name, "deductions");
		assert_int_equal(r->missing[0].n_rules,
				 c->missing_major + c->missing_observation);
		assert_int_equal(r->missing[0].n_deciding, c->missing_major);
		f->ev->tables[t].file = saved;
	}
	fa_report_free(r);
	free(e.runs);
}

static void test_report__verdict_follows_the_scope(void **state)
{
	static const struct scope_case cases[] = {
		{ "everything checked, nothing failed", 0, 0, 0, 0, 0, 0, 0,
		  FA_VERDICT_POSITIVE, 0 },
		{ "B-deviations only", 0, 2, 0, 0, 0, 0, 0,
		  FA_VERDICT_POSITIVE_B, 0 },
		{ "B-deviations, one rule chosen", 0, 2, 1, 0, 0, 0, 0,
		  FA_VERDICT_INCOMPLETE, FA_INCOMPLETE_SELECTION },
		{ "A-deviations and an error", 1, 0, 0, 1, 0, 0, 0,
		  FA_VERDICT_NEGATIVE, FA_INCOMPLETE_ERROR },
		{ "an error alone", 0, 0, 0, 1, 0, 0, 0, FA_VERDICT_INCOMPLETE,
		  FA_INCOMPLETE_ERROR },
		{ "a major rule without its table", 0, 0, 0, 0, 1, 0, 0,
		  FA_VERDICT_INCOMPLETE, FA_INCOMPLETE_NOT_SUPPLIED },
		{ "an observation without its table", 0, 0, 0, 0, 0, 1, 0,
		  FA_VERDICT_POSITIVE, 0 },
		{ "no rule in force", 0, 0, 0, 0, 0, 0, 1,
		  FA_VERDICT_INCOMPLETE, FA_INCOMPLETE_NO_RULE },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		scope_case_run(*state, &cases[i]);
}

/* One table of the reasons an audit is incomplete, which every writer
 * reads: one entry per FA_INCOMPLETE_* flag, in the order of the JSON
 * keys of docs/report-json.md. */
static void test_report__one_entry_per_incomplete_reason(void **state)
{
	static const struct {
		unsigned flag;
		const char *key;
	} want[] = {
		{ FA_INCOMPLETE_NOT_SUPPLIED, "tables_not_supplied" },
		{ FA_INCOMPLETE_ERROR, "rule_errors" },
		{ FA_INCOMPLETE_SELECTION, "partial_selection" },
		{ FA_INCOMPLETE_NO_RULE, "no_rule_ran" },
	};
	struct fa_report *r = build(*state, 0);
	const char *key = NULL;
	char buf[512];
	size_t i, k;

	assert_int_equal(FA_REPORT_REASONS, sizeof(want) / sizeof(want[0]));
	for (k = 0; k < FA_REPORT_REASONS; k++) {
		r->incomplete = want[k].flag;
		for (i = 0; i < FA_REPORT_REASONS; i++) {
			const char *t =
			    fa_report_reason(r, i, &key, buf, sizeof(buf));

			assert_string_equal(key, want[i].key);
			if (i == k)
				assert_true(t == buf && buf[0]);
			else
				assert_true(!t && !buf[0]);
		}
	}
	fa_report_free(r);
}

/* fixtures/eval/money.xml audited on the data_quality package. */
struct money_audit {
	struct fa_rulesets sets;
	struct fa_evidence *ev;
	struct fa_eval *e;
};

/* Run only the rules named of money.xml; then the report of them into
 * *out, with the code fa_report_new gave (err holds its message). */
static enum fa_code money_report(struct money_audit *m, struct fa_report **out,
				 const char *const *only, size_t n_only,
				 struct fa_error *err)
{
	const char *fix = getenv("FA_FIXTURES"), *pk = getenv("FA_PACKAGES");
	struct fa_eval_options eo;
	struct fa_report_options ro;
	char rules[512], pkg[512];
	const char *p = rules;

	snprintf(rules, sizeof(rules), "%s/eval/money.xml",
		 fix ? fix : "fixtures");
	snprintf(pkg, sizeof(pkg), "%s/data_quality.zip",
		 pk ? pk : "build/packages");
	memset(m, 0, sizeof(*m));
	memset(&eo, 0, sizeof(eo));
	eo.audit_date = "2025-06-30";
	eo.only = only;
	eo.n_only = n_only;
	fa_error_init(err);
	assert_int_equal(fa_rulesets_load(&m->sets, &p, 1, err), FA_OK);
	assert_int_equal(fa_evidence_load(&m->ev, pkg, err), FA_OK);
	assert_int_equal(fa_eval_run(&m->e, m->ev, &m->sets, &eo, err), FA_OK);
	memset(&ro, 0, sizeof(ro));
	ro.only = only;
	ro.n_only = n_only;
	return fa_report_new(out, m->ev, &m->sets, m->e, NULL, NULL, 0, NULL, 0,
			     &ro, err);
}

static void money_release(struct money_audit *m)
{
	fa_eval_free(m->e);
	fa_evidence_free(m->ev);
	fa_rulesets_release(&m->sets);
}

/*
 * The money owed, worked out by hand from fixtures/eval/money.xml:
 * MONEY-OWED fails W0001/2025-01-06 (1250), W0001/2025-01-13 (99) and
 * W0002/2025-01-06 (100001, underpaid); MONEY-OWED-AGAIN judges
 * W0001/2025-01-06 again at 1000, which the larger 1250 replaces.
 * Deducted 1250 + 99 = 1349, underpaid 100001, owed 101350.
 */
static void test_report__money_owed_by_hand(void **state)
{
	static const char *const only[] = { "MONEY-OWED", "MONEY-OWED-AGAIN" };
	struct money_audit m;
	struct fa_report *r = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(money_report(&m, &r, only, 2, &err), FA_OK);
	assert_true(r->deductions_judged);
	assert_int_equal(r->overcharge_total_cents, 1349);
	assert_int_equal(r->underpaid_total_cents, 100001);
	assert_int_equal(r->owed_total_cents, 101350);
	assert_int_equal(r->n_overcharges, 2);
	assert_string_equal(r->overcharges[0].employee_id, "W0002");
	assert_int_equal(r->overcharges[0].cents, 0);
	assert_int_equal(r->overcharges[0].underpaid_periods, 1);
	assert_int_equal(r->overcharges[0].underpaid_cents, 100001);
	assert_int_equal(r->overcharges[0].owed_cents, 100001);
	assert_string_equal(r->overcharges[1].employee_id, "W0001");
	assert_int_equal(r->overcharges[1].periods, 2);
	assert_int_equal(r->overcharges[1].cents, 1349);
	assert_int_equal(r->overcharges[1].owed_cents, 1349);
	assert_string_equal(r->overcharges[1].first_period, "2025-01-06");
	assert_string_equal(r->overcharges[1].last_period, "2025-01-13");
	fa_report_free(r);
	money_release(&m);
}

/* An amount of 12.5 cents is an error, not 12 cents owed: MONEY-FRACTION
 * fails W0001 with 12.5 and W0002 and W0003 with 250 each. */
static void test_report__money_not_whole_is_not_owed(void **state)
{
	static const char *const only[] = { "MONEY-FRACTION" };
	struct money_audit m;
	struct fa_report *r = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(money_report(&m, &r, only, 1, &err), FA_OK);
	assert_int_equal(r->n_errors, 1);
	assert_true(r->incomplete & FA_INCOMPLETE_ERROR);
	assert_int_equal(r->owed_total_cents, 500);
	assert_int_equal(r->n_overcharges, 2);
	fa_report_free(r);
	money_release(&m);
}

/*
 * One overflow policy: refuse. MONEY-OVERFLOW fails W0001 with INT64_MAX
 * and with 1 cent: owed to W0001, INT64_MAX + 1 cents. MONEY-WHOLE fails
 * W0001 with INT64_MIN, whose magnitude alone passes INT64_MAX. Neither
 * report is made; none is capped at INT64_MAX.
 */
static void test_report__money_past_64_bits_refused(void **state)
{
	static const char *const over[] = { "MONEY-OVERFLOW" };
	static const char *const whole[] = { "MONEY-WHOLE" };
	struct money_audit m;
	struct fa_report *r = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(money_report(&m, &r, over, 1, &err), FA_ERR_INPUT);
	assert_null(r);
	assert_int_equal(err.n, 1);
	assert_string_equal(
	    err.diag[0].message,
	    "cannot add up the money owed: the amounts of the failing "
	    "findings together pass 92233720368547758.07 EUR, the most that "
	    "64 bits of cents hold (largest: 92233720368547758.07 EUR, rule "
	    "'MONEY-OVERFLOW', subject 'W0001/2025-01-06')");
	money_release(&m);
	assert_int_equal(money_report(&m, &r, whole, 1, &err), FA_ERR_INPUT);
	assert_null(r);
	assert_string_equal(
	    err.diag[0].message,
	    "cannot add up the money owed: the amounts of the failing "
	    "findings together pass 92233720368547758.07 EUR, the most that "
	    "64 bits of cents hold (largest: -92233720368547758.08 EUR, rule "
	    "'MONEY-WHOLE', subject 'W0001')");
	money_release(&m);
}

/* Cents as the reports print them, written by hand; INT64_MIN has no
 * positive counterpart in int64 and is printed all the same. */
static void test_report__money_at_the_edges(void **state)
{
	static const struct {
		int64_t cents;
		const char *want;
	} cases[] = {
		{ 0, "0.00" },
		{ 1, "0.01" },
		{ -1, "-0.01" },
		{ 99, "0.99" },
		{ 100, "1.00" },
		{ -100, "-1.00" },
		{ 123456, "1234.56" },
		{ INT64_MAX, "92233720368547758.07" },
		{ INT64_MIN, "-92233720368547758.08" },
		{ INT64_MIN + 1, "-92233720368547758.07" },
	};
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(
		    fa_report_money(buf, sizeof(buf), cases[i].cents),
		    cases[i].want);
}

/* The requirement of rule id about object (NULL: the rule as a whole). */
static const struct fa_report_requirement *
requirement(const struct fa_report *r, const char *id, const char *object)
{
	size_t i;

	for (i = 0; i < r->n_requirements; i++) {
		const struct fa_report_requirement *q = &r->requirements[i];

		if (strcmp(q->rule->id, id) == 0 &&
		    (object ? q->object && strcmp(q->object, object) == 0
			    : !q->object))
			return q;
	}
	return NULL;
}

/*
 * Deviations per requirement (norms.md 11.5): one per rule, and per
 * location for housing rules. The demo's deliberate problems (its README):
 * SNF-01, SNF-17 and SNF-18 put too many persons or beds in bedrooms
 * L04-S1, L01-S2 and L10-S1, three locations, so SNF-2.3-BEDROOM-PERSONS
 * is three deviations of one room each; the pay periods without a valid
 * certificate are one deviation of CAO-36-DEDUCTION-CERTIFIED.
 */
static void test_report__deviations_per_requirement(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	const struct fa_report_requirement *q;
	size_t i, k, subjects = 0, distinct = 0, major = 0;

	q = requirement(r, "SNF-2.3-BEDROOM-PERSONS", "L04");
	assert_non_null(q);
	assert_int_equal(q->n, 1);
	assert_string_equal(q->findings[0]->subject, "L04-S1");
	q = requirement(r, "SNF-2.3-BEDROOM-PERSONS", "L01");
	assert_non_null(q);
	assert_string_equal(q->findings[0]->subject, "L01-S2");
	q = requirement(r, "SNF-2.3-BEDROOM-PERSONS", "L10");
	assert_non_null(q);
	assert_string_equal(q->findings[0]->subject, "L10-S1");
	assert_null(requirement(r, "SNF-2.3-BEDROOM-PERSONS", NULL));

	/* every failing pay period of the rule under one requirement */
	q = requirement(r, "CAO-36-DEDUCTION-CERTIFIED", NULL);
	assert_non_null(q);
	for (i = 0, k = 0; i < f->e->n_findings; i++)
		k += f->e->findings[i].outcome == FA_OUTCOME_FAIL &&
		     strcmp(f->e->findings[i].rule->id,
			    "CAO-36-DEDUCTION-CERTIFIED") == 0;
	assert_true(k > 1);
	assert_int_equal(q->n, k);
	assert_true(q->n_workers >= 1 && q->n_workers < q->n);

	/* the counts, the slow way: distinct (rule, location) pairs */
	for (i = 0; i < r->n_deviations; i++) {
		const struct fa_finding *d = r->deviations[i];
		const char *loc = NULL;

		if (d->rule->scope == FA_SCOPE_LOCATION)
			loc = d->subject;
		else if (d->rule->scope == FA_SCOPE_ROOM)
			loc = fa_finding_fact(d, "location_id");
		for (k = 0; k < i; k++) {
			const struct fa_finding *e = r->deviations[k];
			const char *el = e->rule->scope == FA_SCOPE_LOCATION
					     ? e->subject
					 : e->rule->scope == FA_SCOPE_ROOM
					     ? fa_finding_fact(e, "location_id")
					     : NULL;

			if (e->rule == d->rule &&
			    (loc ? el && strcmp(el, loc) == 0 : !el))
				break;
		}
		if (k == i) {
			distinct++;
			major += d->rule->severity == FA_SEV_MAJOR;
		}
	}
	assert_int_equal(r->n_requirements, distinct);
	assert_int_equal(r->n_major_requirements, major);
	assert_int_equal(r->n_minor_requirements, distinct - major);
	for (i = 0; i < r->n_requirements; i++) {
		q = &r->requirements[i];
		subjects += q->n;
		for (k = 0; k < q->n; k++) {
			assert_ptr_equal(q->findings[k]->rule, q->rule);
			assert_int_equal(q->findings[k]->outcome,
					 FA_OUTCOME_FAIL);
			assert_string_equal(q->findings[k]->deadline,
					    q->deadline);
		}
	}
	assert_int_equal(subjects, r->n_deviations);
	assert_int_equal(r->n_major_subjects + r->n_minor_subjects,
			 r->n_deviations);
	fa_report_free(r);
}

/* The unit of work of a review finding, the slow way. */
static size_t slow_unit(const struct fa_finding *f, const char **u)
{
	const char *ru = fa_finding_fact(f, "review_unit");

	if (ru && *ru) {
		*u = ru;
		return strlen(ru);
	}
	*u = f->subject;
	if (f->rule->scope == FA_SCOPE_WORKER ||
	    f->rule->scope == FA_SCOPE_DOCUMENT ||
	    f->rule->scope == FA_SCOPE_PAY_PERIOD)
		return strcspn(f->subject, "/");
	return strlen(f->subject);
}

/*
 * Review items: the review findings of one rule that ask the same
 * question about one unit of work (the check's review_unit, else the
 * worker, else the subject) are one item; every review finding is in
 * exactly one item. The PKS question of CAO-36-DEDUCTION-CAP is asked
 * once per location: as many items as locations among its findings.
 */
static void test_report__review_items_per_unit(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	size_t i, k, n = 0, pairs = 0, pks_items = 0, pks_locations = 0;
	const char *pks = "The deduction is only above the PKS maximum";

	for (i = 0; i < r->n_review_items; i++) {
		const struct fa_report_review_item *q = &r->review_items[i];

		n += q->n;
		for (k = 0; k < q->n; k++) {
			assert_ptr_equal(q->findings[k]->rule, q->rule);
			assert_int_equal(q->findings[k]->outcome,
					 FA_OUTCOME_REVIEW);
		}
		pks_items +=
		    strcmp(q->rule->id, "CAO-36-DEDUCTION-CAP") == 0 &&
		    strncmp(q->findings[0]->question.en, pks, strlen(pks)) == 0;
	}
	assert_int_equal(n, f->e->counts[FA_OUTCOME_REVIEW]);
	/* distinct (rule, unit, question), and the PKS locations */
	for (i = 0; i < f->e->n_findings; i++) {
		const struct fa_finding *x = &f->e->findings[i];
		const char *ux, *lx = fa_finding_fact(x, "location");
		size_t lenx = slow_unit(x, &ux), same_unit = 0, same_loc = 0;
		int is_pks;

		if (x->outcome != FA_OUTCOME_REVIEW)
			continue;
		is_pks = strcmp(x->rule->id, "CAO-36-DEDUCTION-CAP") == 0 &&
			 strncmp(x->question.en, pks, strlen(pks)) == 0 && lx;
		for (k = 0; k < i; k++) {
			const struct fa_finding *y = &f->e->findings[k];
			const char *uy, *ly = fa_finding_fact(y, "location");
			size_t leny = slow_unit(y, &uy);

			if (y->outcome != FA_OUTCOME_REVIEW ||
			    y->rule != x->rule)
				continue;
			if (leny == lenx && strncmp(uy, ux, lenx) == 0 &&
			    strcmp(y->question.en ? y->question.en : "",
				   x->question.en ? x->question.en : "") == 0)
				same_unit = 1;
			if (is_pks && ly && strcmp(ly, lx) == 0 &&
			    strcmp(y->question.en, x->question.en) == 0)
				same_loc = 1;
		}
		pairs += !same_unit;
		pks_locations += is_pks && !same_loc;
	}
	assert_int_equal(r->n_review_items, pairs);
	assert_true(pks_locations > 1);
	assert_int_equal(pks_items, pks_locations);
	fa_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__verdict_and_deviations),
		cmocka_unit_test(test_report__overcharge_counts_a_period_once),
		cmocka_unit_test(test_report__housing_per_location),
		cmocka_unit_test(test_report__personal_data_only_when_asked),
		cmocka_unit_test(test_report__secondary_source_rules_listed),
		cmocka_unit_test(test_report__text_is_byte_identical),
		cmocka_unit_test(test_report__verdict_follows_the_scope),
		cmocka_unit_test(test_report__one_entry_per_incomplete_reason),
		cmocka_unit_test(test_report__money_at_the_edges),
		cmocka_unit_test(test_report__deviations_per_requirement),
		cmocka_unit_test(test_report__review_items_per_unit),
		cmocka_unit_test(test_report__money_owed_by_hand),
		cmocka_unit_test(test_report__money_not_whole_is_not_owed),
		cmocka_unit_test(test_report__money_past_64_bits_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
