/* SPDX-License-Identifier: MIT */
/*
 * Tests of the HTML report on the demo package with the bundled rule sets:
 * self-contained (no URL, no src=, no url()), every section anchor there,
 * hostile values escaped, rule SQL and personal data left out unless
 * asked, byte-identical output, write failures reported.
 *
 * With FA_HTML_OUT=DIR the reports are also written to DIR/demo-en.html
 * (self-assessment), DIR/demo-nl.html (inspection, Dutch) and
 * DIR/demo-mismatches.html (two hand-made norm mismatches) for
 * tests/html/render.sh (make html-check).
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

static struct fa_report *build_with(struct demo_audit *f,
				    const struct fa_report_options *o,
				    const struct fa_sample *sample,
				    const struct fa_mismatch *m, size_t n_m)
{
	struct fa_report *r = NULL;
	struct fa_error err;

	fa_error_init(&err);
	assert_int_equal(fa_report_new(&r, f->ev, &f->sets, f->e, sample, m,
				       n_m, NULL, 0, o, &err),
			 FA_OK);
	return r;
}

static struct fa_report *build(struct demo_audit *f, int reveal)
{
	struct fa_report_options o;

	memset(&o, 0, sizeof(o));
	o.reveal_personal = reveal;
	o.self_assessment = 1;
	o.generated_at = "2026-12-01T00:00:00Z";
	return build_with(f, &o, NULL, NULL, 0);
}

static char *html(const struct fa_report *r)
{
	struct fa_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	fa_error_init(&err);
	assert_int_equal(fa_report_write_html(out, r, &err), FA_OK);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(strlen(buf), len); /* no NUL inside */
	return buf;
}

static void test_report_html__every_section_anchored(void **state)
{
	static const char *const anchors[] = {
		"id=\"contents\"",  "id=\"cover\"",	   "id=\"cautions\"",
		"id=\"verdict\"",   "id=\"charts\"",	   "id=\"findings\"",
		"id=\"housing\"",   "id=\"deductions\"",   "id=\"mismatches\"",
		"id=\"checklist\"", "id=\"data-quality\"", "id=\"annex\"",
	};
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);
	char want[64];
	const char *prev = page;
	size_t i;

	assert_int_equal(demo_audit_keep("FA_HTML_OUT", "demo-en.html", page),
			 0);
	assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 32) ==
		    0);
	/* in the order the issue lists them, each linked from the contents */
	for (i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		const char *at = strstr(page, anchors[i]);

		assert_non_null(at);
		assert_true(at >= prev);
		prev = at;
		if (i == 0)
			continue;
		snprintf(want, sizeof(want), "href=\"#%s",
			 anchors[i] + strlen("id=\""));
		assert_non_null(strstr(page, want));
	}
	for (i = 0; i < r->n_sections; i++) {
		snprintf(want, sizeof(want), "<section id=\"set-%zu\"", i + 1);
		assert_non_null(strstr(page, want));
	}
	/* two charts with titles, the verdict, the money total */
	assert_non_null(strstr(page, "<title id=\"chart-findings-t\">"));
	assert_non_null(strstr(page, "<title id=\"chart-occupancy-t\">"));
	assert_non_null(strstr(page, fa_report_verdict_text(r)));
	assert_non_null(strstr(page, "@page{size:A4"));
	assert_non_null(strstr(page, "What to add to the package"));
	assert_non_null(strstr(page, "No norm mismatches were computed"));
	free(page);
	fa_report_free(r);
}

static void test_report_html__nothing_external(void **state)
{
	static const char *const banned[] = {
		"http://", "https://", "src=",	  "url(",    "<script",
		"<link",   "<img",     "<iframe", "@import", "<object",
	};
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 1);
	char *page = html(r);
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		assert_null(strstr(page, banned[i]));
	/* every link is to an anchor of the page itself */
	for (p = page; (p = strstr(p, "href=\"")) != NULL; p += 6)
		assert_int_equal(p[6], '#');
	/* a network path ("//host") can only hide in an attribute */
	assert_null(strstr(page, "=\"//"));
	free(page);
	fa_report_free(r);
}

static void test_report_html__no_rule_sql(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);
	char head[40];
	size_t s, k;

	assert_null(strstr(page, "SELECT"));
	for (s = 0; s < f->sets.n; s++)
		for (k = 0; k < f->sets.sets[s]->n_rules; k++) {
			const char *check = f->sets.sets[s]->rules[k].check;
			size_t n = strcspn(check, "\n'\"<>&");

			if (n > sizeof(head) - 1)
				n = sizeof(head) - 1;
			if (n < 16)
				continue; /* too short to be telling */
			memcpy(head, check, n);
			head[n] = '\0';
			assert_null(strstr(page, head));
		}
	free(page);
	fa_report_free(r);
}

static void test_report_html__personal_data_only_when_revealed(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *hidden = build(f, 0);
	struct fa_report *shown = build(f, 1);
	char *a = html(hidden), *b = html(shown);
	size_t i, in_b = 0;

	assert_int_equal(hidden->n_people, 0);
	assert_true(shown->n_people >= 80);
	for (i = 0; i < shown->n_people; i++) {
		const struct fa_report_person *p = &shown->people[i];

		if (p->bsn && strlen(p->bsn) == 9) {
			assert_null(strstr(a, p->bsn));
			in_b += strstr(b, p->bsn) != NULL;
		}
		assert_null(strstr(a, p->name));
	}
	/* workers with findings are named, with BSN, when asked */
	assert_true(in_b > 10);
	free(a);
	free(b);
	fa_report_free(hidden);
	fa_report_free(shown);
}

static void test_report_html__deterministic(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r1 = build(f, 0), *r2 = build(f, 0);
	char *a = html(r1), *b = html(r1), *c = html(r2);

	assert_string_equal(a, b);
	assert_string_equal(a, c);
	free(a);
	free(b);
	free(c);
	fa_report_free(r1);
	fa_report_free(r2);
}

/*
 * Point strings of the evaluation and the model at a hostile value, and
 * put the originals back before either is freed: a finding may share its
 * text with the rule's template, so nothing here frees what it replaces.
 */
static struct {
	char **slot;
	char *old;
} planted[16];
static size_t n_planted;

static void replace(char **s, const char *with)
{
	assert_true(n_planted < sizeof(planted) / sizeof(planted[0]));
	planted[n_planted].slot = s;
	planted[n_planted++].old = *s;
	*s = strdup(with);
	assert_non_null(*s);
}

static void restore(void)
{
	while (n_planted) {
		n_planted--;
		free(*planted[n_planted].slot);
		*planted[n_planted].slot = planted[n_planted].old;
	}
}

static const struct fa_finding *first(const struct fa_eval *e,
				      enum fa_outcome o)
{
	size_t i;

	for (i = 0; i < e->n_findings; i++)
		if (e->findings[i].outcome == o)
			return &e->findings[i];
	fail();
	return NULL;
}

/* The first finding of a rule of set set_id with outcome o. */
static const struct fa_finding *first_of(const struct fa_eval *e,
					 const char *set_id, enum fa_outcome o)
{
	size_t i;

	for (i = 0; i < e->n_findings; i++)
		if (e->findings[i].outcome == o &&
		    strcmp(e->findings[i].rule->set->id, set_id) == 0)
			return &e->findings[i];
	fail();
	return NULL;
}

/* Values from the package and the rule sets are escaped wherever they
 * land: text, table cells, the caution box, chart labels. */
static void test_report_html__hostile_values_escaped(void **state)
{
	static const char evil[] =
	    "<script>alert('x')</script> & \"q\" \x01 \xC0\xAF \xE2\x82\xAC";
	static const char safe[] =
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
	    "&quot;q&quot; &#xFFFD; &#xFFFD;&#xFFFD; \xE2\x82\xAC";
	struct demo_audit *f = *state;
	struct fa_finding *fail_f =
	    (struct fa_finding *)first(f->e, FA_OUTCOME_FAIL);
	struct fa_finding *review_f =
	    (struct fa_finding *)first(f->e, FA_OUTCOME_REVIEW);
	struct fa_report *r;
	char *page, *p;
	size_t n = 0;

	replace(&fail_f->subject, evil);
	replace(&fail_f->observed, evil);
	replace(&fail_f->message.en, evil);
	replace(&review_f->question.en, evil);
	r = build(f, 0);
	replace(&r->locations[0].id, evil);
	replace(&r->locations[0].address, evil);
	page = html(r);
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "alert('x')"));
	assert_null(strstr(page, "\x01"));
	assert_null(strstr(page, "\xC0\xAF"));
	for (p = page; (p = strstr(p, safe)) != NULL; p++)
		n++;
	/* subject twice (deviations, findings), observed twice, message,
	 * question twice (group, checklist), location id thrice (chart,
	 * housing, deductions), address twice */
	assert_true(n >= 10);
	free(page);
	restore();
	fa_report_free(r);
}

static void test_report_html__mismatches_in_words(void **state)
{
	struct demo_audit *f = *state;
	struct fa_mismatch m[2];
	struct fa_report_options o;
	struct fa_report *r;
	char *page;

	memset(m, 0, sizeof(m));
	m[0].concept = "bedroom.max_persons";
	m[0].left = first_of(f->e, "cao", FA_OUTCOME_REVIEW);
	m[0].right = first_of(f->e, "snf", FA_OUTCOME_FAIL);
	m[0].kind = FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS;
	m[1].concept = "housing.stay_after_employment";
	m[1].left = first_of(f->e, "cao", FA_OUTCOME_FAIL);
	m[1].right = first_of(f->e, "fec", FA_OUTCOME_FAIL);
	m[1].kind = FA_MISMATCH_LEFT_FAILS_RIGHT_PASSES;
	memset(&o, 0, sizeof(o));
	r = build_with(f, &o, NULL, m, 2);
	page = html(r);
	assert_int_equal(
	    demo_audit_keep("FA_HTML_OUT", "demo-mismatches.html", page), 0);
	assert_null(strstr(page, "No norm mismatches"));
	assert_non_null(strstr(page, "bedroom.max_persons"));
	assert_non_null(strstr(page, "passes cao, fails snf: an auditor "
				     "relying on the snf mark would miss it"));
	assert_non_null(strstr(page, "fails cao, passes fec: the drift"));
	free(page);
	fa_report_free(r);
}

static void test_report_html__dutch_inspection(void **state)
{
	struct demo_audit *f = *state;
	struct fa_sample *s = NULL;
	struct fa_report_options o;
	struct fa_report *r;
	struct fa_error err;
	char *page;

	fa_error_init(&err);
	assert_int_equal(fa_sample_draw(&s, f->ev, 15, 42, &err), FA_OK);
	fa_eval_free(f->e);
	f->e = NULL;
	assert_int_equal(demo_audit_eval(f, s), 0);
	memset(&o, 0, sizeof(o));
	o.nl = 1;
	o.generated_at = "2026-12-01T00:00:00Z";
	r = build_with(f, &o, s, NULL, 0);
	page = html(r);
	assert_int_equal(demo_audit_keep("FA_HTML_OUT", "demo-nl.html", page),
			 0);
	assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"nl\">", 32) ==
		    0);
	assert_non_null(strstr(page, "Auditrapport"));
	assert_non_null(strstr(page, "inspectie: steekproef van 15 van 80 "
				     "personeelsdossiers, seed 42"));
	assert_non_null(strstr(page, "splitmix64 + partial Fisher-Yates"));
	assert_non_null(strstr(page, "W0003 W0005 W0011"));
	assert_non_null(strstr(page, "steekproefdossier"));
	assert_null(strstr(page, "What to add"));
	free(page);
	fa_report_free(r);
	fa_sample_free(s);
	fa_eval_free(f->e);
	f->e = NULL;
	assert_int_equal(demo_audit_eval(f, NULL), 0);
}

/*
 * Each rule's heading carries its confidence and its values', as the rule
 * files give them: CAO-36-DEDUCTION-CERTIFIED is confidence="S" and
 * reads only cao.deduction.pks_from (confidence="P");
 * CAO-BIJLAGE-V-GBO-PER-PERSON is confidence="U" with three U values,
 * marked weak; CAO-36-RENT-ACTUAL-COST (confidence="P") reads none. The
 * legend explains the letters, in English and in Dutch.
 */
static void test_report_html__confidence_per_rule(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report_options o;
	struct fa_report *r;
	const char *at;
	char *page;
	int nl;

	for (nl = 0; nl < 2; nl++) {
		memset(&o, 0, sizeof(o));
		o.nl = nl;
		o.generated_at = "2026-12-01T00:00:00Z";
		r = build_with(f, &o, NULL, NULL, 0);
		page = html(r);
		/* in the findings: the group of the rule's failures */
		at = strstr(page, "<section id=\"findings\"");
		assert_non_null(at);
		at = strstr(at, "<b>CAO-36-DEDUCTION-CERTIFIED</b>");
		assert_non_null(at);
		assert_non_null(strstr(
		    at, nl ? "<span class=\"conf\">regel S &#183; waarden "
			     "P</span>"
			   : "<span class=\"conf\">rule S &#183; values "
			     "P</span>"));
		assert_true(strstr(at, "<span class=\"conf") <
			    strstr(at, "<div class=\"title\">"));
		at = strstr(page, "<b>CAO-BIJLAGE-V-GBO-PER-PERSON</b>");
		assert_non_null(at);
		assert_non_null(strstr(
		    at, nl ? "<span class=\"conf weak\">regel U &#183; "
			     "waarden U</span>"
			   : "<span class=\"conf weak\">rule U &#183; values "
			     "U</span>"));
		at = strstr(page, "<b>CAO-36-RENT-ACTUAL-COST</b>");
		assert_non_null(at);
		assert_non_null(strstr(
		    at, nl ? "<span class=\"conf\">regel P &#183; waarden "
			     "&#8211;</span>"
			   : "<span class=\"conf\">rule P &#183; values "
			     "&#8211;</span>"));
		assert_non_null(strstr(
		    page,
		    nl ? "Betrouwbaarheid, bij elke regel: &quot;regel&quot; "
			 "is hoe zeker de lezing van de norm is; "
			 "&quot;waarden&quot; de zwakste van de "
			 "parameterwaarden en tabellen die de controle las"
		       : "Confidence, next to each rule: &quot;rule&quot; is "
			 "how sure the reading of the norm is; "
			 "&quot;values&quot; the weakest of the parameter "
			 "values and tables its check read"));
		assert_non_null(strstr(
		    page, nl ? "P primaire bron; S secundaire bron, te toetsen "
			       "aan de primaire tekst; U onzeker; NF niet "
			       "gevonden, een plaatshouder"
			     : "P primary source; S secondary source, to check "
			       "against the primary text; U uncertain; NF not "
			       "found, a placeholder"));
		/* no badge in the other language */
		assert_null(strstr(page, nl ? "\">rule " : "\">regel "));
		free(page);
		fa_report_free(r);
	}
}

/* Without a rule measuring deductions they are not judged: the page
 * says so instead of showing a total of zero, also when a rule reads the
 * pay periods for something else (the evidence set's dates). */
static void test_report_html__deductions_not_judged(void **state)
{
	struct demo_audit *f = *state;
	const char *only = "evidence";
	struct fa_eval_options opt;
	struct fa_eval *e = NULL, *all = f->e;
	struct fa_report *r;
	struct fa_error err;
	char *page;

	memset(&opt, 0, sizeof(opt));
	opt.only = &only;
	opt.n_only = 1;
	fa_error_init(&err);
	assert_int_equal(fa_eval_run(&e, f->ev, &f->sets, &opt, &err), FA_OK);
	f->e = e;
	r = build(f, 0);
	f->e = all; /* the shared fixture as it was, whatever fails below */
	page = html(r);
	fa_report_free(r);
	fa_eval_free(e);
	assert_non_null(
	    strstr(page, "Not judged: no rule that measures deductions"));
	assert_null(strstr(page, "Per worker"));
	free(page);
	r = build(f, 0);
	page = html(r);
	assert_null(
	    strstr(page, "Not judged: no rule that measures deductions"));
	assert_non_null(strstr(page, "Per worker"));
	free(page);
	fa_report_free(r);
}

/* Hostile values in a finding that lands in a worker row (subject,
 * message, remedy, expected) are escaped there too. */
static void test_report_html__worker_rows_escaped(void **state)
{
	static const char evil[] = "<img src=x onerror=alert(1)>&\"";
	static const char safe[] =
	    "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;";
	struct demo_audit *f = *state;
	struct fa_finding *x = NULL;
	struct fa_report *r;
	char *page, *p;
	size_t i, n = 0;

	for (i = 0; i < f->e->n_findings && !x; i++)
		if (f->e->findings[i].outcome == FA_OUTCOME_FAIL &&
		    strcmp(f->e->findings[i].rule->id,
			   "CAO-36-DEDUCTION-CERTIFIED") == 0)
			x = &f->e->findings[i];
	assert_non_null(x);
	replace(&x->subject, "W<i>9/2026-06-29");
	replace(&x->message.en, evil);
	replace(&x->remedy.en, evil);
	replace(&x->expected, evil);
	r = build(f, 0);
	page = html(r);
	assert_null(strstr(page, "<img"));
	assert_null(strstr(page, "<i>9"));
	assert_non_null(strstr(page, "W&lt;i&gt;9"));
	for (p = page; (p = strstr(p, safe)) != NULL; p++)
		n++;
	/* expected in the deviations; message and remedy in the findings */
	assert_true(n >= 3);
	free(page);
	restore();
	fa_report_free(r);
}

/* Twenty or more failures of a pay-period rule: a row per worker (how
 * many periods, from when to when, the amount, the evidence lines), in the
 * findings and in the list of deviations; fewer stay one row each. */
static void test_report_html__pay_period_failures_per_worker(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);
	const char *findings = strstr(page, "<section id=\"findings\""), *dev;

	assert_non_null(findings);
	/* CAO-36-DEDUCTION-CERTIFIED: 416 periods of 10 workers (demo
	 * README CAO-03 and the expired L08 certificate; since 2017, so the
	 * 2024 periods count) */
	dev = strstr(page, "416 pay periods of 10 workers, one row per worker "
			   "(the JSON and CSV");
	assert_non_null(dev);
	assert_true(dev < findings); /* the list of deviations */

	assert_non_null(strstr(findings, "416 pay periods of 10 workers, one "
					 "row per worker (the JSON and CSV"));
	/* a remedy that differs per period is the first period's, named */
	assert_non_null(strstr(findings, "What to fix, for W0030/2026-01-05: "
					 "</b>Repay the amount deducted too "
					 "much (3.60)"));
	assert_non_null(strstr(findings, "17 pay periods, 2026-06-29 &#8211; "
					 "2026-10-19"));
	assert_non_null(strstr(findings, "pay-periods.csv:1496&#8211;1512"));
	/* the period of one of them is not a row of its own */
	assert_null(strstr(findings, "W0011/2026-07-06"));
	free(page);
	fa_report_free(r);
}

static void test_report_html__write_failure_is_io(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	struct fa_error err;
	FILE *full = fopen("/dev/full", "w");

	if (!full) {
		fa_report_free(r);
		skip();
	}
	fa_error_init(&err);
	assert_int_equal(fa_report_write_html(full, r, &err), FA_ERR_IO);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message,
			    "cannot write the HTML report: No space left on "
			    "device");
	fclose(full);
	fa_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_html__every_section_anchored),
		cmocka_unit_test(test_report_html__nothing_external),
		cmocka_unit_test(test_report_html__no_rule_sql),
		cmocka_unit_test(
		    test_report_html__personal_data_only_when_revealed),
		cmocka_unit_test(test_report_html__deterministic),
		cmocka_unit_test(test_report_html__hostile_values_escaped),
		cmocka_unit_test(test_report_html__mismatches_in_words),
		cmocka_unit_test(test_report_html__dutch_inspection),
		cmocka_unit_test(test_report_html__confidence_per_rule),
		cmocka_unit_test(test_report_html__deductions_not_judged),
		cmocka_unit_test(
		    test_report_html__pay_period_failures_per_worker),
		cmocka_unit_test(test_report_html__worker_rows_escaped),
		cmocka_unit_test(test_report_html__write_failure_is_io),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
