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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__verdict_and_deviations),
		cmocka_unit_test(test_report__overcharge_counts_a_period_once),
		cmocka_unit_test(test_report__housing_per_location),
		cmocka_unit_test(test_report__personal_data_only_when_asked),
		cmocka_unit_test(test_report__text_is_byte_identical),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
