/* SPDX-License-Identifier: MIT */
/*
 * Tests of norm comparison on fixtures/compare/{left,right}.xml: equal,
 * stricter by a min or max limit, different without a limit, one side
 * only, and the date since which each relation holds. Rule pairs on
 * fixtures/compare/pairs/{left,right}.xml (shared concepts, scope, param()
 * in comments and strings), and norm mismatches on evaluations built here
 * by hand (both kinds, exact subjects, order, repeats, passes not kept).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "compare.h"

static struct fa_rulesets sets, psets;

static int load(struct fa_rulesets *into, const char *sub)
{
	const char *dir = getenv("FA_FIXTURES");
	char l[512], r[512];
	const char *paths[2] = { l, r };
	struct fa_error e;

	snprintf(l, sizeof(l), "%s/compare/%sleft.xml", dir ? dir : "fixtures",
		 sub);
	snprintf(r, sizeof(r), "%s/compare/%sright.xml", dir ? dir : "fixtures",
		 sub);
	fa_error_init(&e);
	return fa_rulesets_load(into, paths, 2, &e) == FA_OK ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	return load(&sets, "") || load(&psets, "pairs/") ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	fa_rulesets_release(&sets);
	fa_rulesets_release(&psets);
	return 0;
}

static const struct fa_comparison *get(const struct fa_comparison *c, size_t n,
				       const char *concept)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].concept, concept) == 0)
			return &c[i];
	fail_msg("no concept %s", concept);
	return NULL;
}

static void expect(const char *date, const char *concept, enum fa_relation rel,
		   const char *since)
{
	struct fa_comparison *c = NULL;
	struct fa_error e;
	size_t n = 0;
	const struct fa_comparison *x;

	fa_error_init(&e);
	assert_int_equal(fa_compare(&c, &n, &sets, "left", "right", date, &e),
			 FA_OK);
	assert_int_equal(n, 7);
	x = get(c, n, concept);
	assert_string_equal(fa_relation_name(x->relation),
			    fa_relation_name(rel));
	assert_string_equal(x->since, since);
	free(c);
}

static void test_compare__relations_and_since(void **state)
{
	(void)state;
	/* area: equal until the right side rises to 12 on 2023-01-01. */
	expect("2022-12-31", "area", FA_REL_EQUAL, "2020-01-01");
	expect("2023-01-01", "area", FA_REL_RIGHT_STRICTER, "2023-01-01");
	/* persons (max): left's 2 beats right's 3 until right lowers to 2. */
	expect("2024-12-31", "persons", FA_REL_LEFT_STRICTER, "2020-01-01");
	expect("2025-01-01", "persons", FA_REL_EQUAL, "2025-01-01");
	/* card: text without a limit; right has no value before 2021-09-01. */
	expect("2021-08-31", "card", FA_REL_ONLY_LEFT, "2020-01-01");
	expect("2021-09-01", "card", FA_REL_DIFFERENT, "2021-09-01");
	expect("2025-06-30", "only_left", FA_REL_ONLY_LEFT, "2020-01-01");
	/* "none" says the set has no such norm: a norm on the other side is
	 * stricter; none on both sides is equal; none against no value at
	 * all is neither (not "only left") */
	expect("2023-12-31", "bunk", FA_REL_NEITHER, "2020-01-01");
	expect("2024-01-01", "bunk", FA_REL_RIGHT_STRICTER, "2024-01-01");
	expect("2025-06-30", "cap", FA_REL_EQUAL, "2020-01-01");
	/* 4 weeks against 1 month (both "min"): the numbers are in other
	 * units, so neither side is called stricter */
	expect("2025-06-30", "stay", FA_REL_DIFFERENT, "2020-01-01");
}

static void test_compare__unknown_set_and_bad_date(void **state)
{
	struct fa_comparison *c = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(
	    fa_compare(&c, &n, &sets, "left", "cao", "2025-01-01", &e),
	    FA_ERR_USAGE);
	assert_string_equal(e.diag[0].message,
			    "no rule set 'cao' is loaded: give left or right");
	fa_error_init(&e);
	assert_int_equal(
	    fa_compare(&c, &n, &sets, "left", "right", "2025-02-30", &e),
	    FA_ERR_USAGE);
	assert_string_equal(e.diag[0].message,
			    "date '2025-02-30' is not a date: no such day");
	fa_error_init(&e);
	assert_int_equal(
	    fa_compare(&c, &n, &sets, "left", "right", "30-06-2025", &e),
	    FA_ERR_USAGE);
	assert_string_equal(
	    e.diag[0].message,
	    "date '30-06-2025' is not in the form YYYY-MM-DD: give 2025-06-30");
	assert_null(c);
}

/* ---- rule pairs ---------------------------------------------------------- */

static const struct fa_rule *rule(const char *id)
{
	const struct fa_rule *r = fa_rulesets_rule(&psets, id);

	if (!r)
		fail_msg("no rule %s", id);
	return r;
}

static void test_compare__rule_pairs_share_a_concept_and_scope(void **state)
{
	struct fa_rule_pair *p = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_compare_rule_pairs(&p, &n, &psets, "pl", "pr", &e),
			 FA_OK);
	/* PL-B shares "area" but is a location rule; PL-C names pl.card only
	 * in a comment and a string literal; PR-C shares nothing with PL-B. */
	assert_int_equal(n, 3);
	assert_string_equal(p[0].concept, "area");
	assert_string_equal(p[0].left->id, "PL-A");
	assert_string_equal(p[0].right->id, "PR-A");
	assert_int_equal(p[0].n_concepts, 2); /* area and persons */
	assert_string_equal(p[1].concept, "area");
	assert_string_equal(p[1].left->id, "PL-A");
	assert_string_equal(p[1].right->id, "PR-B");
	assert_int_equal(p[1].n_concepts, 1);
	assert_string_equal(p[2].concept, "card");
	assert_string_equal(p[2].left->id, "PL-D");
	assert_string_equal(p[2].right->id, "PR-B");
	free(p);

	/* the other way round: the same pairs, sides swapped */
	assert_int_equal(fa_compare_rule_pairs(&p, &n, &psets, "pr", "pl", &e),
			 FA_OK);
	assert_int_equal(n, 3);
	assert_string_equal(p[2].left->id, "PR-B");
	assert_string_equal(p[2].right->id, "PL-D");
	free(p);

	/* sets without rules: no pairs, no allocation */
	assert_int_equal(
	    fa_compare_rule_pairs(&p, &n, &sets, "left", "right", &e), FA_OK);
	assert_int_equal(n, 0);
	assert_null(p);
	assert_int_equal(e.n, 0);
}

/* pl declares mismatches against pr (loaded) and not-loaded (not): the
 * pairs of pl/pr, and no error for the other. */
static void test_compare__declared_pairs(void **state)
{
	struct fa_rule_pair *p = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_compare_declared_pairs(&p, &n, &psets, &e), FA_OK);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].left->id, "PL-A");
	assert_string_equal(p[0].right->id, "PR-A");
	assert_string_equal(p[2].left->id, "PL-D");
	assert_string_equal(p[2].right->id, "PR-B");
	assert_int_equal(e.n, 0);
	free(p);
	/* no declaration among the loaded sets: nothing */
	assert_int_equal(fa_compare_declared_pairs(&p, &n, &sets, &e), FA_OK);
	assert_int_equal(n, 0);
	assert_null(p);
}

static void test_compare__rule_pairs_unknown_set(void **state)
{
	struct fa_rule_pair *p = NULL;
	struct fa_error e;
	size_t n = 7;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_compare_rule_pairs(&p, &n, &psets, "pl", "snf", &e),
			 FA_ERR_USAGE);
	assert_string_equal(e.diag[0].message,
			    "no rule set 'snf' is loaded: give pl or pr");
	assert_null(p);
	assert_int_equal(n, 0);
}

static void test_compare__pair_rule_ids_are_distinct(void **state)
{
	struct fa_rule_pair *p = NULL;
	const char **ids = NULL;
	struct fa_error e;
	size_t n = 0, k = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_compare_rule_pairs(&p, &n, &psets, "pl", "pr", &e),
			 FA_OK);
	assert_int_equal(fa_compare_pair_rule_ids(&ids, &k, p, n, &e), FA_OK);
	assert_int_equal(k, 4);
	assert_string_equal(ids[0], "PL-A");
	assert_string_equal(ids[1], "PR-A");
	assert_string_equal(ids[2], "PR-B");
	assert_string_equal(ids[3], "PL-D");
	free(ids);
	free(p);
	assert_int_equal(fa_compare_pair_rule_ids(&ids, &k, NULL, 0, &e),
			 FA_OK);
	assert_int_equal(k, 0);
	assert_null(ids);
}

/* ---- norm mismatches: evaluations built by hand ------------------------- */

#define MAX_F 32

struct fake {
	struct fa_eval e;
	struct fa_finding f[MAX_F];
	struct fa_rule_run runs[8];
};

/* A finding of rule id about subject with outcome o ("pass", "fail",
 * "na", "review"), counted in its run as eval counts kept findings. */
static void add(struct fake *x, const char *id, const char *subject,
		const char *o)
{
	const struct fa_rule *r = rule(id);
	struct fa_finding *f = &x->f[x->e.n_findings++];
	enum fa_outcome out = strcmp(o, "pass") == 0   ? FA_OUTCOME_PASS
			      : strcmp(o, "fail") == 0 ? FA_OUTCOME_FAIL
			      : strcmp(o, "na") == 0   ? FA_OUTCOME_NA
						       : FA_OUTCOME_REVIEW;
	size_t i;

	assert_true(x->e.n_findings <= MAX_F);
	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->subject = (char *)subject;
	f->outcome = out;
	for (i = 0; i < x->e.n_runs && x->runs[i].rule != r; i++)
		;
	if (i == x->e.n_runs) {
		memset(&x->runs[i], 0, sizeof(x->runs[i]));
		x->runs[i].rule = r;
		x->runs[i].in_force = 1;
		x->e.n_runs++;
	}
	x->runs[i].counts[out]++;
	x->runs[i].n_findings++;
}

static void fake_init(struct fake *x)
{
	memset(x, 0, sizeof(*x));
	snprintf(x->e.audit_date, sizeof(x->e.audit_date), "2025-06-30");
	x->e.findings = x->f;
	x->e.runs = x->runs;
}

/* The mismatches of x for the fixture pairs. The pairs are freed before
 * the caller reads the mismatches: these borrow from the rule sets and
 * the evaluation only. */
static enum fa_code run_fake(struct fake *x, struct fa_mismatch **m, size_t *n,
			     struct fa_error *e)
{
	struct fa_rule_pair *p = NULL;
	size_t np = 0;
	enum fa_code rc;

	fa_error_init(e);
	assert_int_equal(fa_compare_rule_pairs(&p, &np, &psets, "pl", "pr", e),
			 FA_OK);
	assert_int_equal(np, 3);
	rc = fa_compare_mismatches(m, n, &x->e, p, np, e);
	free(p);
	return rc;
}

static void expect_m(const struct fa_mismatch *m, const char *concept,
		     const char *left, const char *right, const char *subject,
		     enum fa_mismatch_kind kind)
{
	assert_string_equal(m->concept, concept);
	assert_string_equal(m->left->rule->id, left);
	assert_string_equal(m->right->rule->id, right);
	assert_string_equal(m->left->subject, subject);
	assert_string_equal(m->right->subject, subject);
	assert_int_equal(m->kind, kind);
}

static void test_compare__mismatches_both_kinds_in_order(void **state)
{
	struct fake x;
	struct fa_mismatch *m = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fake_init(&x);
	/* out of order on purpose; PR-B's R2 and PL-D's R9 come first */
	add(&x, "PR-B", "R2", "fail");
	add(&x, "PL-D", "R9", "pass");
	add(&x, "PL-A", "R3", "pass");
	add(&x, "PL-A", "R1", "fail");
	add(&x, "PL-A", "R2", "pass");
	add(&x, "PL-A", "R4", "fail");
	add(&x, "PL-A", "R5", "pass");
	add(&x, "PL-A", "R6", "review");
	add(&x, "PL-A", "R7", "pass");
	add(&x, "PL-A", "r8", "pass");
	add(&x, "PR-A", "R1", "pass"); /* fails left, passes right */
	add(&x, "PR-A", "R2", "fail"); /* passes left, fails right */
	add(&x, "PR-A", "R3", "pass"); /* both pass */
	add(&x, "PR-A", "R4", "fail"); /* both fail */
	add(&x, "PR-A", "R5", "na");   /* not judged on the right */
	add(&x, "PR-A", "R6", "fail"); /* not judged on the left */
	add(&x, "PR-A", "R8", "fail"); /* "r8" on the left: not the same */
	add(&x, "PR-B", "R9", "fail");
	assert_int_equal(run_fake(&x, &m, &n, &e), FA_OK);
	assert_int_equal(n, 4);
	expect_m(&m[0], "area", "PL-A", "PR-A", "R1",
		 FA_MISMATCH_LEFT_FAILS_RIGHT_PASSES);
	expect_m(&m[1], "area", "PL-A", "PR-A", "R2",
		 FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS);
	/* PL-A R2 pass against PR-B R2 fail: the second pair */
	expect_m(&m[2], "area", "PL-A", "PR-B", "R2",
		 FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS);
	expect_m(&m[3], "card", "PL-D", "PR-B", "R9",
		 FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS);
	/* borrowed from the evaluation, not copies */
	assert_ptr_equal(m[0].left, &x.f[3]);
	assert_ptr_equal(m[0].right, &x.f[10]);
	free(m);
}

static void test_compare__mismatch_subject_twice_uses_first(void **state)
{
	struct fake x;
	struct fa_mismatch *m = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fake_init(&x);
	add(&x, "PL-A", "R1", "fail");
	add(&x, "PL-A", "R1", "pass"); /* ignored: R1's first is a fail */
	add(&x, "PR-A", "R1", "fail");
	add(&x, "PL-A", "R2", "pass");
	add(&x, "PL-A", "R2", "fail");
	add(&x, "PR-A", "R2", "fail");
	add(&x, "PR-A", "R2", "pass");
	assert_int_equal(run_fake(&x, &m, &n, &e), FA_OK);
	assert_int_equal(n, 1);
	expect_m(&m[0], "area", "PL-A", "PR-A", "R2",
		 FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS);
	assert_ptr_equal(m[0].left, &x.f[3]);
	assert_ptr_equal(m[0].right, &x.f[5]);
	free(m);
}

static void test_compare__mismatches_need_kept_passes(void **state)
{
	struct fake x;
	struct fa_mismatch *m = NULL;
	struct fa_error e;
	size_t n = 5;

	(void)state;
	fake_init(&x);
	add(&x, "PL-A", "R1", "fail");
	add(&x, "PR-A", "R1", "fail");
	/* PR-A counted 3 passes but kept none, as without keep */
	x.runs[1].counts[FA_OUTCOME_PASS] += 3;
	assert_int_equal(run_fake(&x, &m, &n, &e), FA_ERR_USAGE);
	assert_string_equal(e.diag[0].message,
			    "the passes of rule 'PR-A' were not kept");
	assert_null(m);
	assert_int_equal(n, 0);

	/* rules that did not run give no mismatches and no error */
	fake_init(&x);
	add(&x, "PL-C", "R1", "pass");
	assert_int_equal(run_fake(&x, &m, &n, &e), FA_OK);
	assert_int_equal(n, 0);
	assert_null(m);
}

/* Pairs whose rules did not both run (not selected, not in force, an
 * error) are dropped; the others keep their order. */
static void test_compare__pairs_that_ran(void **state)
{
	struct fa_rule_pair *p = NULL;
	struct fake x;
	struct fa_error e;
	size_t np = 0, i;

	(void)state;
	fake_init(&x);
	fa_error_init(&e);
	assert_int_equal(fa_compare_rule_pairs(&p, &np, &psets, "pl", "pr", &e),
			 FA_OK);
	assert_int_equal(np, 3);
	/* every paired rule ran once */
	for (i = 0; i < np; i++) {
		add(&x, p[i].left->id, "S1", "pass");
		add(&x, p[i].right->id, "S1", "pass");
	}
	assert_int_equal(fa_compare_pairs_that_ran(p, np, &x.e), 3);
	/* the second pair's right rule could not run, the third's left rule
	 * was not in force */
	for (i = 0; i < x.e.n_runs; i++) {
		if (x.runs[i].rule == p[1].right)
			x.runs[i].error = 1;
		if (x.runs[i].rule == p[2].left)
			x.runs[i].in_force = 0;
	}
	{
		const struct fa_rule *first = p[0].left;

		assert_int_equal(fa_compare_pairs_that_ran(p, np, &x.e), 1);
		assert_ptr_equal(p[0].left, first);
	}
	/* a rule that was not selected has no run at all */
	x.e.n_runs = 0;
	assert_int_equal(fa_compare_pairs_that_ran(p, 1, &x.e), 0);
	free(p);
}

static void test_compare__mismatch_kind_names(void **state)
{
	(void)state;
	assert_string_equal(
	    fa_mismatch_kind_key(FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS),
	    "left-passes-right-fails");
	assert_string_equal(
	    fa_mismatch_kind_key(FA_MISMATCH_LEFT_FAILS_RIGHT_PASSES),
	    "left-fails-right-passes");
	assert_string_equal(
	    fa_mismatch_kind_name(FA_MISMATCH_LEFT_FAILS_RIGHT_PASSES),
	    "left fails, right passes");
	assert_string_equal(fa_mismatch_kind_name((enum fa_mismatch_kind)9),
			    "?");
}

/* ---- fa_compare_run: the dates compared on ----------------------------- */

static void today(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	assert_non_null(localtime_r(&t, &tm));
	assert_true(strftime(buf, size, "%Y-%m-%d", &tm) > 0);
}

/* No date: with a package the end of its audit period (the demo's
 * manifest: 2026-10-31), else today; with a package, one date at most. */
static void test_compare__run_dates(void **state)
{
	struct fa_compare_options opt;
	struct fa_compare_result *r = NULL;
	struct fa_error e;
	const char *two[2] = { "2025-01-01", "2025-07-01" };
	const char *dir = getenv("FA_PACKAGES");
	char pkg[512], before[16], after[16];

	(void)state;
	snprintf(pkg, sizeof(pkg), "%s/demo.zip", dir ? dir : "build/packages");
	memset(&opt, 0, sizeof(opt));
	opt.left = "left";
	opt.right = "right";
	opt.package = pkg;
	fa_error_init(&e);
	assert_int_equal(fa_compare_run(&r, &sets, &opt, &e), FA_OK);
	assert_int_equal(r->n_dates, 1);
	assert_string_equal(r->dates[0], "2026-10-31");
	assert_int_equal(fa_compare_result_incomplete(r), 0);
	fa_compare_result_free(r);

	opt.dates = two;
	opt.n_dates = 2;
	fa_error_init(&e);
	assert_int_equal(fa_compare_run(&r, &sets, &opt, &e), FA_ERR_USAGE);
	assert_null(r);
	assert_string_equal(e.diag[0].message,
			    "with a package, give at most one date");

	opt.package = NULL;
	opt.n_dates = 0;
	today(before, sizeof(before));
	fa_error_init(&e);
	assert_int_equal(fa_compare_run(&r, &sets, &opt, &e), FA_OK);
	today(after, sizeof(after));
	assert_int_equal(r->n_dates, 1);
	if (strcmp(r->dates[0], before) != 0) /* midnight passed */
		assert_string_equal(r->dates[0], after);
	fa_compare_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare__relations_and_since),
		cmocka_unit_test(test_compare__unknown_set_and_bad_date),
		cmocka_unit_test(
		    test_compare__rule_pairs_share_a_concept_and_scope),
		cmocka_unit_test(test_compare__declared_pairs),
		cmocka_unit_test(test_compare__rule_pairs_unknown_set),
		cmocka_unit_test(test_compare__pair_rule_ids_are_distinct),
		cmocka_unit_test(test_compare__mismatches_both_kinds_in_order),
		cmocka_unit_test(
		    test_compare__mismatch_subject_twice_uses_first),
		cmocka_unit_test(test_compare__mismatches_need_kept_passes),
		cmocka_unit_test(test_compare__pairs_that_ran),
		cmocka_unit_test(test_compare__run_dates),
		cmocka_unit_test(test_compare__mismatch_kind_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
