/* SPDX-License-Identifier: MIT */
/*
 * Tests of evaluation: rules run against real packages (fixtures/packages
 * zipped into $FA_PACKAGES) with the rule files in fixtures/eval/: the
 * sandbox contains hostile checks, dated parameters, deadlines, templates
 * and effective windows behave, counted rows change no finding, and bad
 * options are usage errors.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eval.h"
#include "resource.h"

static const char *path_in(const char *env, const char *dflt, const char *name)
{
	static char buf[2][512];
	static int k;
	const char *dir = getenv(env);

	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir ? dir : dflt, name);
	return buf[k];
}

static const char *pkg(const char *name)
{
	static char p[512];

	snprintf(p, sizeof(p), "%s.zip",
		 path_in("FA_PACKAGES", "build/packages", name));
	return p;
}

static const char *rules(const char *name)
{
	return path_in("FA_FIXTURES", "fixtures", name);
}

struct fx {
	struct fa_rulesets sets;
	struct fa_evidence *ev;
	struct fa_eval *e;
};

static void load(struct fx *x, const char *rule_file, const char *package)
{
	const char *p = rules(rule_file);
	struct fa_error err;

	memset(x, 0, sizeof(*x));
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&x->sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_evidence_load(&x->ev, pkg(package), &err), FA_OK);
}

static void run(struct fx *x, const char *date, const char *only)
{
	struct fa_eval_options opt;
	struct fa_error err;

	memset(&opt, 0, sizeof(opt));
	opt.audit_date = date;
	opt.only = only ? &only : NULL;
	opt.n_only = only ? 1 : 0;
	opt.keep_all = 1;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x->e, x->ev, &x->sets, &opt, &err),
			 FA_OK);
}

static void done(struct fx *x)
{
	fa_eval_free(x->e);
	fa_evidence_free(x->ev);
	fa_rulesets_release(&x->sets);
}

static const struct fa_finding *find(const struct fa_eval *e, const char *rule,
				     const char *subject)
{
	size_t i;

	for (i = 0; i < e->n_findings; i++)
		if (strcmp(e->findings[i].rule->id, rule) == 0 &&
		    strcmp(e->findings[i].subject, subject) == 0)
			return &e->findings[i];
	return NULL;
}

/* Lint the rule file (under fixtures): it must give exactly the n
 * problems of want, in order, each found in its formatted line. */
static void expect_lint(const char *file, const char *const *want, size_t n)
{
	struct fa_rulesets sets;
	const char *p = rules(file);
	struct fa_error err;
	char line[1024];
	size_t i;

	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_eval_lint(&sets, &err), FA_ERR_INPUT);
	assert_int_equal(err.n, n);
	for (i = 0; i < n; i++) {
		fa_diag_format(line, sizeof(line), &err.diag[i]);
		assert_non_null(strstr(line, want[i]));
	}
	fa_rulesets_release(&sets);
}

static void test_eval__hostile_checks_refused_by_lint(void **state)
{
	static const char *const want[] = {
		":32: rule 'HOSTILE-EXTENSION': function 'load_extension' is "
		"not allowed",
		":46: rule 'HOSTILE-PRAGMA': schema changes and pragmas are "
		"not "
		"allowed",
		":60: rule 'HOSTILE-WRITE': near \"DELETE\": syntax error",
	};

	(void)state;
	expect_lint("eval/hostile.xml", want, 3);
}

/*
 * NORM: norms.md 11.5. A rule that reads a placeholder (NF) value cannot
 * fail on it: lint refuses a "firm" column that no param_firm() computes,
 * and a rule whose failures become reviews but that has no question.
 */
static void test_eval__lint_refuses_failing_on_placeholder(void **state)
{
	static const char *const want[] = {
		":26: rule 'SOFT-CLAIMS-FIRM' reads 'soft.cap' of confidence "
		"NF "
		"and returns a 'firm' column that no param_firm() computes",
		":44: rule 'SOFT-NO-QUESTION' reads 'soft.cap' of confidence "
		"NF, "
		"so its failures are reported as needs review: give it a "
		"<question>",
	};

	(void)state;
	expect_lint("eval/soft.xml", want, 2);
}

/*
 * NORM: norms.md 11.5. A rule whose own reading of the norm is U or NF
 * has no firm failure, even on P values and a firm column: lint asks it
 * for a question, and its failures are reviews. An observation is no
 * deviation and stays as it is.
 */
static void test_eval__uncertain_reading_never_a_deviation(void **state)
{
	static const char *const want[] = {
		":44: rule 'UREAD-NO-QUESTION' has confidence NF, so its "
		"failures are reported as needs review: give it a <question>",
	};
	struct fx x;
	const struct fa_finding *f;

	(void)state;
	expect_lint("eval/uncertain_reading.xml", want, 1);
	load(&x, "eval/uncertain_reading.xml", "data_quality");
	run(&x, "2025-12-31", "UREAD-CLAIMS-FIRM");
	f = find(x.e, "UREAD-CLAIMS-FIRM", "W0001/2025-03-03");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_REVIEW);
	assert_int_equal(f->flags, FA_FINDING_UNCERTAIN | FA_FINDING_SOFTENED);
	assert_string_equal(f->deadline, "");
	assert_string_equal(f->question.en, "Does the cap apply?");
	fa_eval_free(x.e);
	run(&x, "2025-12-31", "UREAD-OBSERVATION");
	f = find(x.e, "UREAD-OBSERVATION", "W0001/2025-03-03");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	done(&x);
}

/* The <reads> of a rule must be what its check reads, both ways: an audit
 * tells from the tables read which rules could not check (a table not
 * supplied), and the report shows the declaration. */
static void test_eval__lint_refuses_reads_unlike_the_check(void **state)
{
	static const char *const want[] = {
		":19: rule 'RMIS-HOUSED': the check reads table 'occupancy', "
		"which its <reads> does not list",
		":19: rule 'RMIS-HOUSED': <reads> lists table 'deductions', "
		"which the check does not read",
	};

	(void)state;
	expect_lint("eval/reads_mismatch.xml", want, 2);
}

/* An unknown amount must not read as 0.00: SQL's printf of NULL is
 * '0.00', so a coalesce around a printf is refused (spaces and case
 * aside). */
static void test_eval__lint_refuses_printf_of_null(void **state)
{
	static const char *const want[] = {
		":17: rule 'PNULL-COST': a coalesce around printf never gives "
		"its default, since printf of NULL is '0.00'",
	};

	(void)state;
	expect_lint("eval/printf_null.xml", want, 1);
}

/* A failure on a placeholder value is reported as needs review, flagged,
 * without a deadline; a failure the check calls firm stays a failure and
 * keeps no question. (data_quality: W0001's housing deduction 112.50 is
 * above the placeholder cap 100.00.) */
static void test_eval__failure_on_placeholder_is_review(void **state)
{
	struct fx x;
	const struct fa_finding *f;

	(void)state;
	load(&x, "eval/soft.xml", "data_quality");
	run(&x, "2025-12-31", "SOFT-NO-QUESTION");
	f = find(x.e, "SOFT-NO-QUESTION", "W0001/2025-03-03");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_REVIEW);
	assert_int_equal(f->flags,
			 FA_FINDING_PLACEHOLDER | FA_FINDING_SOFTENED);
	assert_string_equal(f->deadline, "");
	fa_eval_free(x.e);
	run(&x, "2025-12-31", "SOFT-CLAIMS-FIRM");
	f = find(x.e, "SOFT-CLAIMS-FIRM", "W0001/2025-03-03");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	assert_int_equal(f->flags, 0); /* firm: no placeholder caution */
	assert_string_equal(f->deadline, "2026-03-31");
	assert_null(f->question.en);
	done(&x);
}

/*
 * What a finding rests on (fixtures/eval/confidence.xml on data_quality:
 * W0001's deduction 112.50 is above the cap 100.00, W0002 has none). Every
 * expectation is the confidence attribute in that file: CONF-MIXED (rule
 * S) reads conf.cap (S), conf.hours (P) and, for W0002 only, conf.note
 * (U); a failure that stays rests on the P and S values alone.
 * CONF-TABLE (rule U) names the NF table rs_conf_limits and nothing else;
 * CONF-NONE reads no value.
 */
static void test_eval__findings_carry_the_confidence_they_rest_on(void **state)
{
	struct fx x;
	const struct fa_finding *f;
	const struct fa_rule_run *rr;
	enum fa_confidence c;

	(void)state;
	load(&x, "eval/confidence.xml", "data_quality");
	run(&x, "2025-12-31", "CONF-MIXED");
	rr = &x.e->runs[0];
	assert_int_equal(rr->rule->confidence, FA_CONF_S);
	assert_int_equal(rr->n_values, 3);
	assert_string_equal(rr->values[0].param->name, "conf.cap");
	assert_int_equal(rr->values[0].confidence, FA_CONF_S);
	assert_string_equal(rr->values[0].value->text, "100.00");
	assert_string_equal(rr->values[1].param->name, "conf.hours");
	assert_int_equal(rr->values[1].confidence, FA_CONF_P);
	assert_string_equal(rr->values[2].param->name, "conf.note");
	assert_int_equal(rr->values[2].confidence, FA_CONF_U);
	assert_null(rr->values[2].table);
	assert_int_equal(fa_rule_run_weakest(&c, rr, 0), 1);
	assert_int_equal(c, FA_CONF_U);
	assert_int_equal(fa_rule_run_weakest(&c, rr, 1), 1);
	assert_int_equal(c, FA_CONF_S);
	f = find(x.e, "CONF-MIXED", "W0001/2025-03-03");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	assert_int_equal(f->reads_values, 1);
	assert_int_equal(f->value_confidence, FA_CONF_S);
	assert_int_equal(f->flags, 0);
	f = find(x.e, "CONF-MIXED", "W0002/2025-03-10");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_NA);
	assert_int_equal(f->reads_values, 1);
	assert_int_equal(f->value_confidence, FA_CONF_U);
	assert_int_equal(f->flags, FA_FINDING_UNCERTAIN);
	fa_eval_free(x.e);

	run(&x, "2025-12-31", "CONF-TABLE");
	rr = &x.e->runs[0];
	assert_int_equal(rr->rule->confidence, FA_CONF_U);
	assert_int_equal(rr->n_values, 1);
	assert_null(rr->values[0].param);
	assert_string_equal(rr->values[0].table->name, "conf.limits");
	assert_int_equal(rr->values[0].confidence, FA_CONF_NF);
	f = find(x.e, "CONF-TABLE", "W0001");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_REVIEW);
	assert_int_equal(f->reads_values, 1);
	assert_int_equal(f->value_confidence, FA_CONF_NF);
	fa_eval_free(x.e);

	run(&x, "2025-12-31", "CONF-NONE");
	assert_int_equal(x.e->runs[0].n_values, 0);
	assert_int_equal(fa_rule_run_weakest(&c, &x.e->runs[0], 0), 0);
	f = find(x.e, "CONF-NONE", "W0001");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	assert_int_equal(f->reads_values, 0);
	done(&x);
}

/* A rule that is not in force or cannot run read nothing it rests on. */
static void test_eval__rule_not_run_reads_no_value(void **state)
{
	struct fx x;
	const struct fa_finding *f;

	(void)state;
	load(&x, "eval/confidence.xml", "data_quality");
	/* conf.late has no value on the 2025 pay periods: after reading
	 * conf.cap the check stops */
	run(&x, "2025-12-31", "CONF-LATE");
	assert_int_equal(x.e->runs[0].error, 1);
	assert_int_equal(x.e->runs[0].n_values, 0);
	f = find(x.e, "CONF-LATE", "*");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_ERROR);
	assert_int_equal(f->reads_values, 0);
	done(&x);
	load(&x, "eval/engine.xml", "data_quality");
	run(&x, "2025-12-31", "ENG-LATE");
	assert_int_equal(x.e->runs[0].in_force, 0);
	assert_int_equal(x.e->runs[0].n_values, 0);
	f = find(x.e, "ENG-LATE", "*");
	assert_non_null(f);
	assert_int_equal(f->reads_values, 0);
	done(&x);
}

static void test_eval__endless_check_stopped_audit_goes_on(void **state)
{
	struct fa_eval_options opt;
	const char *files[2], *only[2] = { "HOSTILE-ENDLESS", "ENG-WAGE" };
	struct fx x;
	struct fa_error err;
	const struct fa_finding *f;
	char expect[128];

	(void)state;
	memset(&x, 0, sizeof(x));
	files[0] = rules("eval/hostile.xml");
	files[1] = rules("eval/engine.xml");
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&x.sets, files, 2, &err), FA_OK);
	assert_int_equal(fa_evidence_load(&x.ev, pkg("data_quality"), &err),
			 FA_OK);
	memset(&opt, 0, sizeof(opt));
	opt.only = only;
	opt.n_only = 2;
	opt.keep_all = 1;
	/* the step budget, not the clock: under ThreadSanitizer on a busy
	 * machine the budget's steps take longer than the default time */
	opt.rule_timeout = 24 * 3600;
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	f = find(x.e, "HOSTILE-ENDLESS", "*");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_ERROR);
	/* the data_quality package's tables hold 21 rows (wc -l of its
	 * CSV files, less their headers) */
	snprintf(expect, sizeof(expect),
		 "stopped after %llu steps (the step budget)",
		 (unsigned long long)(FA_EVAL_STEPS_BASE +
				      FA_EVAL_STEPS_PER_ROW * 21));
	assert_string_equal(f->message.en, expect);
	/* The next rule still ran. */
	assert_non_null(find(x.e, "ENG-WAGE", "W0001/2025-03-03"));
	done(&x);
}

/* A text of a row is kept up to 4096 bytes (FA_EVAL_MAX_TEXT_BYTES), then
 * says it was cut and how long it was; no character is split. */
static void test_eval__long_texts_are_cut(void **state)
{
	static const char mark[] = "\xe2\x80\xa6 (truncated, 4097 bytes)";
	struct fx x;
	const struct fa_finding *f;
	char want[4200];
	size_t i, n = 0;

	(void)state;
	load(&x, "eval/resources.xml", "minimal");
	run(&x, "2025-12-31", "RES-EDGE-TEXT");
	f = find(x.e, "RES-EDGE-TEXT", "member");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	/* 'a' and 2048 e-acutes (two bytes each) are 4097 bytes: the last
	 * one would be split at 4096, so 2047 are kept (4095 bytes) */
	want[n++] = 'a';
	for (i = 0; i < 2047; i++) {
		want[n++] = '\xc3';
		want[n++] = '\xa9';
	}
	memcpy(want + n, mark, sizeof(mark));
	assert_string_equal(f->observed, want);
	/* 4096 bytes: kept whole */
	assert_int_equal(strlen(f->expected), 4096);
	assert_int_equal(strspn(f->expected, "y"), 4096);
	assert_string_equal(f->message.en, f->expected);
	/* 4097 bytes: 4096 kept, also where a message names it */
	assert_int_equal(strspn(f->detail, "z"), 4096);
	assert_string_equal(f->detail + 4096, mark);
	assert_string_equal(f->message.nl, f->detail);
	done(&x);
}

/* More findings than one rule may keep (100,000 per GiB of the memory
 * limit: 6,250 under 64 MiB) make the rule an error without its partial
 * findings; the audit goes on. */
static void test_eval__too_many_findings_is_an_error(void **state)
{
	struct fa_eval_options opt;
	const char *only[2] = { "RES-MANY-FINDINGS", "RES-QUICK" };
	struct fx x;
	struct fa_error err;
	const struct fa_finding *f;

	(void)state;
	load(&x, "eval/resources.xml", "minimal");
	fa_resource_set_memory(64ULL * 1024 * 1024);
	memset(&opt, 0, sizeof(opt));
	opt.only = only;
	opt.n_only = 2;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	fa_resource_set_memory(FA_MEM_DEFAULT_BYTES);
	f = find(x.e, "RES-MANY-FINDINGS", "*");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_ERROR);
	assert_string_equal(f->message.en,
			    "more than 6250 findings, the most one rule may "
			    "keep with --max-memory 64M (100000 per GiB)");
	assert_string_equal(f->message.nl,
			    "meer dan 6250 bevindingen, het maximum per regel "
			    "bij --max-memory 64M (100000 per GiB)");
	assert_null(find(x.e, "RES-MANY-FINDINGS", "row 1"));
	assert_int_equal(x.e->runs[0].n_findings, 1);
	assert_int_equal(x.e->runs[0].error, 1);
	/* the next rule still ran */
	assert_non_null(find(x.e, "RES-QUICK", "member"));
	done(&x);
}

/* A rule stopped by the time limit is an error that says after how long,
 * in both languages (a decimal comma in Dutch); the audit goes on. */
static void test_eval__time_limit_stops_rule(void **state)
{
	struct fa_eval_options opt;
	const char *only[2] = { "RES-SLOW", "RES-QUICK" };
	struct fx x;
	struct fa_error err;
	const struct fa_finding *f;
	double s = 0;
	char t[32], en[128], nl[128];

	(void)state;
	load(&x, "eval/resources.xml", "minimal");
	memset(&opt, 0, sizeof(opt));
	opt.only = only;
	opt.n_only = 2;
	opt.rule_timeout = 0.3;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	f = find(x.e, "RES-SLOW", "*");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_ERROR);
	assert_int_equal(sscanf(f->message.en, "stopped after %lf s", &s), 1);
	assert_true(s >= 0.3 && s < 5);
	snprintf(t, sizeof(t), "%.1f", s);
	snprintf(en, sizeof(en),
		 "stopped after %s s, the time limit per rule "
		 "(--rule-timeout 0.3)",
		 t);
	assert_string_equal(f->message.en, en);
	*strchr(t, '.') = ',';
	snprintf(nl, sizeof(nl),
		 "gestopt na %s s, de tijdslimiet per regel "
		 "(--rule-timeout 0.3)",
		 t);
	assert_string_equal(f->message.nl, nl);
	assert_non_null(find(x.e, "RES-QUICK", "member"));
	done(&x);
}

static void test_eval__rule_tests_of_the_engine_pass(void **state)
{
	struct fa_rulesets sets;
	const char *p = rules("eval/engine.xml");
	struct fa_test_result *res = NULL;
	struct fa_error err;
	size_t n = 0, i;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_eval_test(&res, &n, &sets, NULL, 0, &err), FA_OK);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++)
		if (!res[i].passed)
			fail_msg("%s: %s", res[i].test->name, res[i].detail);
	fa_eval_tests_free(res, n);
	fa_rulesets_release(&sets);
}

static void test_eval__rule_tests_compare_the_evidence_row(void **state)
{
	struct fa_rulesets sets;
	const char *p = rules("eval/evidence.xml");
	struct fa_test_result *res = NULL;
	struct fa_error err;
	char expect[512];
	size_t n = 0;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_eval_test(&res, &n, &sets, NULL, 0, &err), FA_OK);
	assert_int_equal(n, 3);
	/* the rows the findings name */
	if (!res[0].passed)
		fail_msg("%s: %s", res[0].test->name, res[0].detail);
	/* another row of the table */
	assert_false(res[1].passed);
	snprintf(expect, sizeof(expect),
		 "%s:40: subject 'W1/2025-07-07': expected the evidence "
		 "pay_periods row 1 (line 36), got pay_periods line 37",
		 p);
	assert_string_equal(res[1].detail, expect);
	/* a check that names no evidence */
	assert_false(res[2].passed);
	snprintf(expect, sizeof(expect),
		 "%s:63: subject 'W1': expected the evidence workers row 1 "
		 "(line 60), got no table, line 0",
		 p);
	assert_string_equal(res[2].detail, expect);
	fa_eval_tests_free(res, n);
	fa_rulesets_release(&sets);
}

static void test_eval__dated_parameter_and_templates(void **state)
{
	struct fx x;
	const struct fa_finding *f;

	(void)state;
	load(&x, "eval/engine.xml", "data_quality");
	run(&x, "2025-12-31", "ENG-WAGE");
	f = find(x.e, "ENG-WAGE", "W0001/2025-03-03");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_PASS);
	/* Money in cents; a NULL column renders as "-". */
	assert_string_equal(f->message.en,
			    "W0001/2025-03-03: 1406 against 1406; -");
	assert_string_equal(f->remedy.nl, "Betaal 1406");
	assert_string_equal(f->ref_file, "pay-periods.csv");
	assert_int_equal(f->ref_line, 2);
	assert_string_equal(f->deadline, "");
	assert_int_equal(f->flags, 0);
	done(&x);
}

static void test_eval__deadline_by_severity(void **state)
{
	struct fx x;
	const struct fa_finding *f;

	(void)state;
	load(&x, "eval/engine.xml", "data_quality");
	run(&x, "2026-08-31", "ENG-LATE");
	f = find(x.e, "ENG-LATE", "W0001");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	/* minor: 6 months, the day clamped to the end of February. */
	assert_string_equal(f->deadline, "2027-02-28");
	assert_int_equal(x.e->n_minor_fail, 3);
	assert_int_equal(x.e->n_major_fail, 0);
	done(&x);
}

static void test_eval__not_in_force_is_not_applicable(void **state)
{
	struct fx x;
	const struct fa_finding *f;

	(void)state;
	load(&x, "eval/engine.xml", "data_quality");
	run(&x, "2025-12-31", "ENG-LATE");
	assert_int_equal(x.e->n_findings, 1);
	f = find(x.e, "ENG-LATE", "*");
	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_NA);
	assert_string_equal(f->message.en,
			    "not in force on 2025-12-31 (effective from "
			    "2026-01-01 until -)");
	assert_int_equal(x.e->runs[0].in_force, 0);
	done(&x);
}

static void test_eval__passes_counted_not_kept_by_default(void **state)
{
	struct fa_eval_options opt;
	struct fx x;
	struct fa_error err;
	const char *only = "ENG-WAGE";

	(void)state;
	load(&x, "eval/engine.xml", "data_quality");
	memset(&opt, 0, sizeof(opt));
	opt.audit_date = "2025-12-31";
	opt.only = &only;
	opt.n_only = 1;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	assert_int_equal(x.e->counts[FA_OUTCOME_PASS], 3);
	assert_int_equal(x.e->n_findings, 0);
	done(&x);
}

static void same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_finding(const struct fa_finding *a, const struct fa_finding *b)
{
	size_t i;

	assert_ptr_equal(a->rule, b->rule);
	same_text(a->subject, b->subject);
	assert_int_equal(a->outcome, b->outcome);
	same_text(a->observed, b->observed);
	same_text(a->expected, b->expected);
	same_text(a->detail, b->detail);
	same_text(a->message.nl, b->message.nl);
	same_text(a->message.en, b->message.en);
	same_text(a->remedy.nl, b->remedy.nl);
	same_text(a->remedy.en, b->remedy.en);
	same_text(a->question.nl, b->question.nl);
	same_text(a->question.en, b->question.en);
	assert_string_equal(a->deadline, b->deadline);
	same_text(a->ref_file, b->ref_file);
	assert_int_equal(a->ref_line, b->ref_line);
	same_text(a->ref_table, b->ref_table);
	same_text(a->ref_sha256, b->ref_sha256);
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->reads_values, b->reads_values);
	assert_int_equal(a->value_confidence, b->value_confidence);
	assert_int_equal(a->n_facts, b->n_facts);
	for (i = 0; i < a->n_facts; i++) {
		assert_string_equal(a->facts[i].name, b->facts[i].name);
		same_text(a->facts[i].value, b->facts[i].value);
	}
}

/*
 * The bundled rules on the demo package, run side by side on threads: the
 * runs come in rule order; without keep_all (checks wrapped so that counted
 * rows compute only their outcome) the findings kept are exactly those of a
 * run that keeps everything, in the same order, with the same counts.
 */
static void test_eval__counted_rows_change_no_finding(void **state)
{
	const char *p = "rules";
	struct fa_eval_options opt;
	struct fa_rulesets sets;
	struct fa_evidence *ev = NULL;
	struct fa_eval *all = NULL, *some = NULL;
	struct fa_error err;
	size_t i, k = 0, s, r, n = 0;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_evidence_load(&ev, pkg("demo"), &err), FA_OK);
	memset(&opt, 0, sizeof(opt));
	opt.keep_all = 1;
	assert_int_equal(fa_eval_run(&all, ev, &sets, &opt, &err), FA_OK);
	opt.keep_all = 0;
	assert_int_equal(fa_eval_run(&some, ev, &sets, &opt, &err), FA_OK);
	for (s = 0; s < sets.n; s++)
		for (r = 0; r < sets.sets[s]->n_rules; r++, n++) {
			assert_ptr_equal(all->runs[n].rule,
					 &sets.sets[s]->rules[r]);
			assert_ptr_equal(some->runs[n].rule,
					 &sets.sets[s]->rules[r]);
			assert_memory_equal(all->runs[n].counts,
					    some->runs[n].counts,
					    sizeof(all->runs[n].counts));
			assert_int_equal(all->runs[n].flags,
					 some->runs[n].flags);
		}
	assert_int_equal(all->n_runs, n);
	assert_true(some->n_findings > 0);
	assert_true(some->n_findings < all->n_findings);
	for (i = 0; i < all->n_findings; i++) {
		const struct fa_finding *f = &all->findings[i];

		if ((f->outcome == FA_OUTCOME_PASS ||
		     f->outcome == FA_OUTCOME_NA) &&
		    !f->rule->keep_all)
			continue;
		assert_true(k < some->n_findings);
		same_finding(f, &some->findings[k++]);
	}
	assert_int_equal(k, some->n_findings);
	assert_memory_equal(all->counts, some->counts, sizeof(all->counts));
	fa_eval_free(all);
	fa_eval_free(some);
	fa_evidence_free(ev);
	fa_rulesets_release(&sets);
}

/*
 * The wrapper is applied: fixtures/eval/lazy.xml's checks compute a detail
 * that overflows for every passing row. Without keep_all (both forms of the
 * wrapper: without and with an ORDER BY at the top) no passing row computes
 * it; with keep_all every row does, and the rules could not run. Two
 * columns whose names differ only in case keep their own values.
 */
static void test_eval__passes_compute_only_their_outcome(void **state)
{
	struct fa_eval_options opt;
	struct fx x;
	struct fa_error err;
	const struct fa_finding *f;
	int keep;

	(void)state;
	load(&x, "eval/lazy.xml", "demo");
	for (keep = 0; keep <= 1; keep++) {
		memset(&opt, 0, sizeof(opt));
		opt.keep_all = keep;
		fa_error_init(&err);
		assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err),
				 FA_OK);
		f = find(x.e, "LAZY-CALL", keep ? "*" : "W0001");
		assert_non_null(f);
		assert_int_equal(f->outcome,
				 keep ? FA_OUTCOME_ERROR : FA_OUTCOME_FAIL);
		if (!keep)
			assert_string_equal(f->detail, "kept");
		else
			assert_string_equal(f->message.en, "integer overflow");
		f = find(x.e, "LAZY-CASE", keep ? "*" : "W0001");
		assert_non_null(f);
		assert_int_equal(f->outcome,
				 keep ? FA_OUTCOME_ERROR : FA_OUTCOME_FAIL);
		f = find(x.e, "LAZY-NAMES", "W0001");
		assert_non_null(f);
		assert_string_equal(fa_finding_fact(f, "note"), "lower");
		assert_string_equal(fa_finding_fact(f, "Note"), "UPPER");
		assert_int_equal(x.e->counts[FA_OUTCOME_ERROR], keep ? 2 : 0);
		/* the facts a check returns are known for its run */
		assert_int_equal(x.e->n_runs, 3);
		assert_ptr_equal(x.e->runs[2].rule, f->rule);
		assert_int_equal(x.e->runs[2].n_facts, 2);
		assert_true(fa_rule_run_has_fact(&x.e->runs[2], "Note"));
		assert_false(fa_rule_run_has_fact(&x.e->runs[2], "observed"));
		fa_eval_free(x.e);
		x.e = NULL;
	}
	done(&x);
}

struct taken {
	const struct fa_rulesets *sets;
	const struct fa_evidence *ev;
	uint64_t last; /* rows read by the rule taken before */
	size_t n;
	int in_order;
};

static uint64_t rows_read(const struct fa_rule *rule,
			  const struct fa_evidence *ev)
{
	uint64_t n = 0;
	size_t i, t;

	for (i = 0; i < rule->n_reads; i++)
		for (t = 0; t < ev->n_tables; t++)
			if (strcmp(ev->tables[t].spec->name, rule->reads[i]) ==
			    0)
				n += ev->tables[t].rows;
	return n;
}

static void note_taken(void *ctx, size_t done, size_t total, const char *id)
{
	struct taken *t = ctx;
	uint64_t rows = rows_read(fa_rulesets_rule(t->sets, id), t->ev);

	(void)total;
	if (done != t->n || (t->n && rows > t->last))
		t->in_order = 0;
	t->last = rows;
	t->n++;
}

/* The threads take the rules that read the most evidence rows first; the
 * findings still come in rule order (test_eval__counted_rows_...). */
static void test_eval__longest_rules_start_first(void **state)
{
	struct fa_eval_options opt;
	struct taken t;
	struct fx x;
	struct fa_error err;
	const char *p = "rules";

	(void)state;
	memset(&x, 0, sizeof(x));
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&x.sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_evidence_load(&x.ev, pkg("demo"), &err), FA_OK);
	memset(&t, 0, sizeof(t));
	t.sets = &x.sets;
	t.ev = x.ev;
	t.in_order = 1;
	memset(&opt, 0, sizeof(opt));
	opt.progress = note_taken;
	opt.progress_ctx = &t;
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	assert_int_equal(t.n, x.e->n_runs);
	assert_true(t.in_order);
	done(&x);
}

/* The threads that took a rule (the progress callback runs under the
 * pool's lock). */
struct takers {
	pthread_t id[8];
	size_t n;
};

static void note_taker(void *ctx, size_t done, size_t total, const char *id)
{
	struct takers *t = ctx;
	size_t i;

	(void)done;
	(void)total;
	(void)id;
	for (i = 0; i < t->n; i++)
		if (pthread_equal(t->id[i], pthread_self()))
			return;
	assert_true(t->n < 8);
	t->id[t->n++] = pthread_self();
}

/*
 * opt.threads: with 1 every rule runs on the calling thread; with
 * FA_EVAL_MAX_THREADS the rules of the demo audit (some seventy, a few
 * of them reading every pay period) are taken by more than one thread
 * and by no more than asked for, whatever the processors, and the
 * findings and counts are those of one thread, in the same order.
 */
static void test_eval__threads_asked_for_give_the_same_findings(void **state)
{
	struct fa_eval_options opt;
	struct takers one, many;
	struct fa_eval *serial = NULL;
	struct fx x;
	struct fa_error err;
	const char *p = "rules";
	size_t i;

	(void)state;
	memset(&x, 0, sizeof(x));
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&x.sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_evidence_load(&x.ev, pkg("demo"), &err), FA_OK);
	memset(&one, 0, sizeof(one));
	memset(&many, 0, sizeof(many));
	memset(&opt, 0, sizeof(opt));
	opt.keep_all = 1;
	opt.progress = note_taker;
	opt.threads = 1;
	opt.progress_ctx = &one;
	assert_int_equal(fa_eval_run(&serial, x.ev, &x.sets, &opt, &err),
			 FA_OK);
	assert_int_equal(one.n, 1);
	assert_true(pthread_equal(one.id[0], pthread_self()));
	opt.threads = FA_EVAL_MAX_THREADS;
	opt.progress_ctx = &many;
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	assert_true(serial->n_runs > 50);
	assert_true(many.n > 1);
	assert_true(many.n <= FA_EVAL_MAX_THREADS);
	assert_int_equal(x.e->n_runs, serial->n_runs);
	for (i = 0; i < serial->n_runs; i++) {
		assert_ptr_equal(x.e->runs[i].rule, serial->runs[i].rule);
		assert_memory_equal(x.e->runs[i].counts, serial->runs[i].counts,
				    sizeof(serial->runs[i].counts));
	}
	assert_int_equal(x.e->n_findings, serial->n_findings);
	for (i = 0; i < serial->n_findings; i++)
		same_finding(&x.e->findings[i], &serial->findings[i]);
	fa_eval_free(serial);
	done(&x);
}

/* The finding of rule about subject: an error with these messages. */
static void expect_money_error(const struct fa_eval *e, const char *rule,
			       const char *subject, const char *en,
			       const char *nl)
{
	const struct fa_finding *f = find(e, rule, subject);

	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_ERROR);
	assert_string_equal(f->message.en, en);
	assert_string_equal(f->message.nl, nl);
	assert_int_equal(f->n_facts, 0);
}

static int64_t cents_of(const struct fa_eval *e, const char *rule,
			const char *subject)
{
	const struct fa_finding *f = find(e, rule, subject);
	int64_t c = 4242;

	assert_non_null(f);
	assert_int_equal(f->outcome, FA_OUTCOME_FAIL);
	assert_int_equal(fa_finding_cents(&c, f, "amount_cents"), 1);
	return c;
}

/*
 * A money fact (name ending in _cents) is an INTEGER, or a text that is
 * exactly a whole number, within 64 bits (fixtures/eval/money.xml on
 * data_quality): anything else makes that subject's finding an error
 * naming the fact and its value, and the rule's run an error, never an
 * amount rounded down or read as 0. The other subjects keep their cents.
 */
static void test_eval__money_facts_are_whole_cents(void **state)
{
	struct fx x;
	const struct fa_finding *f;
	int64_t c = 4242;
	size_t i;

	(void)state;
	load(&x, "eval/money.xml", "data_quality");
	run(&x, "2025-06-30", "money");
	expect_money_error(
	    x.e, "MONEY-FRACTION", "W0001",
	    "fact 'amount_cents' is not a whole number of cents: '12.5'",
	    "feit 'amount_cents' is geen geheel aantal centen: '12.5'");
	assert_int_equal(cents_of(x.e, "MONEY-FRACTION", "W0002"), 250);
	expect_money_error(
	    x.e, "MONEY-TEXT", "W0001",
	    "fact 'amount_cents' is not a whole number of cents: 'abc'",
	    "feit 'amount_cents' is geen geheel aantal centen: 'abc'");
	expect_money_error(
	    x.e, "MONEY-TEXT", "W0002",
	    "fact 'amount_cents' is not a whole number of cents: ' 12'",
	    "feit 'amount_cents' is geen geheel aantal centen: ' 12'");
	expect_money_error(
	    x.e, "MONEY-TEXT", "W0003",
	    "fact 'amount_cents' is not a whole number of cents: '+0'",
	    "feit 'amount_cents' is geen geheel aantal centen: '+0'");
	/* the SQL literal 9223372036854775808 is a REAL: SQLite's text */
	expect_money_error(x.e, "MONEY-TOO-LARGE", "W0001",
			   "fact 'amount_cents' does not fit in 64 bits of "
			   "cents: '9.22337203685478e+18'",
			   "feit 'amount_cents' past niet in 64 bits aan "
			   "centen: '9.22337203685478e+18'");
	expect_money_error(x.e, "MONEY-TOO-LARGE", "W0002",
			   "fact 'amount_cents' does not fit in 64 bits of "
			   "cents: '9223372036854775808'",
			   "feit 'amount_cents' past niet in 64 bits aan "
			   "centen: '9223372036854775808'");
	expect_money_error(x.e, "MONEY-TOO-LARGE", "W0003",
			   "fact 'amount_cents' does not fit in 64 bits of "
			   "cents: '-9223372036854775809'",
			   "feit 'amount_cents' past niet in 64 bits aan "
			   "centen: '-9223372036854775809'");
	expect_money_error(x.e, "MONEY-REAL", "W0001",
			   "fact 'amount_cents' is a REAL, not an INTEGER "
			   "number of cents: '1200.0'",
			   "feit 'amount_cents' is een REAL, geen INTEGER "
			   "aantal centen: '1200.0'");
	/* any fact ending in _cents is money */
	expect_money_error(
	    x.e, "MONEY-REAL", "W0002",
	    "fact 'max_rent_cents' is not a whole number of cents: 'x'",
	    "feit 'max_rent_cents' is geen geheel aantal centen: 'x'");
	assert_int_equal(cents_of(x.e, "MONEY-REAL", "W0003"), 1200);
	/* whole numbers to the ends of int64, as cents and as their text */
	assert_int_equal(cents_of(x.e, "MONEY-WHOLE", "W0001"), INT64_MIN);
	assert_int_equal(cents_of(x.e, "MONEY-WHOLE", "W0002"), 42);
	assert_int_equal(cents_of(x.e, "MONEY-WHOLE", "W0003"), INT64_MAX);
	f = find(x.e, "MONEY-WHOLE", "W0001");
	assert_string_equal(fa_finding_fact(f, "amount_cents"),
			    "-9223372036854775808");
	assert_string_equal(f->message.en, "W0001: -9223372036854775808");
	f = find(x.e, "MONEY-WHOLE", "W0002");
	assert_string_equal(fa_finding_fact(f, "amount_cents"), "42");
	/* NULL money is no amount; a fact not named _cents is no money */
	assert_int_equal(fa_finding_cents(&c, f, "max_rent_cents"), 0);
	assert_string_equal(fa_finding_fact(f, "stars"), "12.5");
	assert_int_equal(fa_finding_cents(&c, f, "stars"), 0);
	assert_int_equal(c, 4242);
	for (i = 0; i < x.e->n_runs; i++) {
		const char *id = x.e->runs[i].rule->id;
		int bad = strcmp(id, "MONEY-FRACTION") == 0 ||
			  strcmp(id, "MONEY-TEXT") == 0 ||
			  strcmp(id, "MONEY-TOO-LARGE") == 0 ||
			  strcmp(id, "MONEY-REAL") == 0;

		if (x.e->runs[i].error != bad)
			fail_msg("rule %s: error %d", id, x.e->runs[i].error);
	}
	done(&x);
}

/* The rule tests of fixtures/eval/money.xml keep every row: a money fact
 * that is not whole cents is the error its tests expect (12 tests, four
 * of them expecting an error). */
static void test_eval__money_rule_tests_expect_errors(void **state)
{
	struct fa_rulesets sets;
	const char *p = rules("eval/money.xml");
	struct fa_test_result *res = NULL;
	struct fa_error err;
	size_t n = 0, i;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_rulesets_load(&sets, &p, 1, &err), FA_OK);
	assert_int_equal(fa_eval_test(&res, &n, &sets, NULL, 0, &err), FA_OK);
	assert_int_equal(n, 12);
	for (i = 0; i < n; i++)
		if (!res[i].passed)
			fail_msg("%s: %s", res[i].test->name, res[i].detail);
	fa_eval_tests_free(res, n);
	fa_rulesets_release(&sets);
}

static void test_eval__bad_options_are_usage_errors(void **state)
{
	struct fa_eval_options opt;
	struct fx x;
	struct fa_error err;
	const char *only = "NO-SUCH-RULE";

	(void)state;
	load(&x, "eval/engine.xml", "minimal");
	memset(&opt, 0, sizeof(opt));
	opt.audit_date = "2025-02-30";
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err),
			 FA_ERR_USAGE);
	assert_string_equal(err.diag[0].message,
			    "audit date '2025-02-30' is not a date: no such "
			    "day");
	opt.audit_date = NULL;
	opt.only = &only;
	opt.n_only = 1;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err),
			 FA_ERR_USAGE);
	/* four names, the set's and its rules': listed */
	assert_string_equal(err.diag[0].message,
			    "no rule or rule set 'NO-SUCH-RULE': give engine, "
			    "ENG-WAGE, ENG-LATE or ENG-BAD-OUTCOME");
	assert_null(x.e);
	opt.only = NULL;
	opt.n_only = 0;
	opt.threads = FA_EVAL_MAX_THREADS + 1;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err),
			 FA_ERR_USAGE);
	assert_string_equal(err.diag[0].message,
			    "5 threads asked for: at most 4");
	assert_null(x.e);
	opt.threads = FA_EVAL_MAX_THREADS;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&x.e, x.ev, &x.sets, &opt, &err), FA_OK);
	done(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval__hostile_checks_refused_by_lint),
		cmocka_unit_test(
		    test_eval__lint_refuses_failing_on_placeholder),
		cmocka_unit_test(test_eval__lint_refuses_printf_of_null),
		cmocka_unit_test(
		    test_eval__lint_refuses_reads_unlike_the_check),
		cmocka_unit_test(test_eval__failure_on_placeholder_is_review),
		cmocka_unit_test(
		    test_eval__uncertain_reading_never_a_deviation),
		cmocka_unit_test(
		    test_eval__findings_carry_the_confidence_they_rest_on),
		cmocka_unit_test(test_eval__rule_not_run_reads_no_value),
		cmocka_unit_test(
		    test_eval__endless_check_stopped_audit_goes_on),
		cmocka_unit_test(test_eval__long_texts_are_cut),
		cmocka_unit_test(test_eval__too_many_findings_is_an_error),
		cmocka_unit_test(test_eval__time_limit_stops_rule),
		cmocka_unit_test(test_eval__rule_tests_of_the_engine_pass),
		cmocka_unit_test(
		    test_eval__rule_tests_compare_the_evidence_row),
		cmocka_unit_test(test_eval__dated_parameter_and_templates),
		cmocka_unit_test(test_eval__deadline_by_severity),
		cmocka_unit_test(test_eval__not_in_force_is_not_applicable),
		cmocka_unit_test(test_eval__passes_counted_not_kept_by_default),
		cmocka_unit_test(test_eval__counted_rows_change_no_finding),
		cmocka_unit_test(test_eval__passes_compute_only_their_outcome),
		cmocka_unit_test(test_eval__longest_rules_start_first),
		cmocka_unit_test(
		    test_eval__threads_asked_for_give_the_same_findings),
		cmocka_unit_test(test_eval__money_facts_are_whole_cents),
		cmocka_unit_test(test_eval__money_rule_tests_expect_errors),
		cmocka_unit_test(test_eval__bad_options_are_usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
