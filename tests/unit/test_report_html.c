/* SPDX-License-Identifier: MIT */
/*
 * Tests of the HTML report on the demo package with the bundled rule sets:
 * self-contained (no URL, no src=, no url(), one inline script of its
 * own), the answer first, every section anchor there, deviations per
 * requirement and review items as blocks carrying the filters' data,
 * passes counted not listed, hostile values escaped, rule SQL and
 * personal data left out unless asked, byte-identical output, write
 * failures reported.
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
		"id=\"contents\"",     "id=\"cautions\"",  "id=\"deviations\"",
		"id=\"observations\"", "id=\"checklist\"", "id=\"deductions\"",
		"id=\"housing\"",      "id=\"findings\"",  "id=\"mismatches\"",
		"id=\"data-quality\"", "id=\"cover\"",	   "id=\"annex\"",
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
	/* the answer first, then the sections in order, each linked from
	 * the contents */
	assert_true(strstr(page, "class=\"answer\"") <
		    strstr(page, "id=\"contents\""));
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
		snprintf(want, sizeof(want),
			 "<details class=\"set fg\" "
			 "id=\"set-%zu\"",
			 i + 1);
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

/* The page's one script: its text, which holds nothing of the model, so
 * that it is the same in every report. NULL if there is not exactly one
 * <script> element, at the end of the body. */
static char *the_script(const char *page)
{
	const char *open = strstr(page, "<script");
	const char *body, *end;
	char *text;

	if (!open || strstr(open + 1, "<script") ||
	    strncmp(open, "<script>\n", 9) != 0)
		return NULL;
	body = open + 9;
	end = strstr(body, "</script>");
	if (!end || strcmp(end, "</script>\n</body>\n</html>\n") != 0)
		return NULL;
	text = strndup(body, (size_t)(end - body));
	assert_non_null(text);
	return text;
}

static void test_report_html__nothing_external(void **state)
{
	static const char *const banned[] = {
		"http://", "https://", "src=",	  "url(",    "<link",
		"<img",	   "<iframe",  "@import", "<object", "<embed",
	};
	/* what a script would need to reach out, or to run model text */
	static const char *const banned_js[] = {
		"fetch", "XMLHttpRequest", "WebSocket", "sendBeacon", "import",
		"eval",	 "innerHTML",	   "Function(", "location.",  "//",
	};
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 1), *nl;
	struct fa_report_options o;
	char *page = html(r), *other, *js, *js_nl;
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		assert_null(strstr(page, banned[i]));
	/* every link is to an anchor of the page itself */
	for (p = page; (p = strstr(p, "href=\"")) != NULL; p += 6)
		assert_int_equal(p[6], '#');
	/* a network path ("//host") can only hide in an attribute */
	assert_null(strstr(page, "=\"//"));
	/* one inline script, no source, the same whatever the report */
	js = the_script(page);
	assert_non_null(js);
	for (i = 0; i < sizeof(banned_js) / sizeof(banned_js[0]); i++)
		assert_null(strstr(js, banned_js[i]));
	memset(&o, 0, sizeof(o));
	o.nl = 1;
	nl = build_with(f, &o, NULL, NULL, 0);
	other = html(nl);
	js_nl = the_script(other);
	assert_non_null(js_nl);
	assert_string_equal(js, js_nl);
	/* the filters are hidden until the script shows them */
	assert_non_null(strstr(page, "<div id=\"filters\" class=\"bar\" "
				     "hidden>"));
	free(js);
	free(js_nl);
	free(other);
	free(page);
	fa_report_free(nl);
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
} planted[24];
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

/* 1 if every value of attribute name (` data-l="`) is digits and
 * spaces: the filters' attributes carry indexes, never model text. */
static int attr_digits(const char *page, const char *name)
{
	const char *p;

	for (p = page; (p = strstr(p, name)) != NULL; p++) {
		p += strlen(name);
		while (*p != '"')
			if ((*p < '0' || *p > '9') && *p++ != ' ')
				return 0;
			else if (*p >= '0' && *p <= '9')
				p++;
	}
	return 1;
}

/* Values from the package and the rule sets are escaped wherever they
 * land: text, table cells, the caution box, chart labels, the filters'
 * options, the evidence of a finding; the filters' attributes hold
 * numbers only. */
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
	struct fa_ruleset *set = f->sets.sets[0];
	struct fa_report *r;
	char *page, *p, *js;
	size_t n = 0;

	replace(&fail_f->subject, evil);
	replace(&fail_f->observed, evil);
	replace(&fail_f->message.en, evil);
	replace(&fail_f->ref_file, evil);
	replace(&review_f->subject, evil);
	replace(&review_f->question.en, evil);
	replace(&set->id, evil);
	r = build(f, 0);
	replace(&r->locations[0].id, evil);
	replace(&r->locations[0].address, evil);
	page = html(r);
	/* the page's own script only, which holds nothing of the model */
	js = the_script(page);
	assert_non_null(js);
	assert_null(strstr(js, "alert"));
	assert_null(strstr(page, "alert('x')"));
	assert_null(strstr(page, "\x01"));
	assert_null(strstr(page, "\xC0\xAF"));
	for (p = page; (p = strstr(p, safe)) != NULL; p++)
		n++;
	/* subject and observed (requirement row), evidence file, review
	 * subject and its unit, question, rule set id four times (filter
	 * option, set line, chart, audit details), location id thrice
	 * (filter option, housing, chart), address */
	assert_true(n >= 13);
	assert_true(attr_digits(page, " data-l=\""));
	assert_true(attr_digits(page, " data-s=\""));
	free(js);
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
		/* in the heading of the rule's block of deviations */
		at = strstr(page, "<section id=\"deviations\"");
		assert_non_null(at);
		at = strstr(at, "<span class=\"rid\">CAO-36-DEDUCTION-"
				"CERTIFIED</span>");
		assert_non_null(at);
		assert_non_null(strstr(
		    at, nl ? "<span class=\"conf\">regel S &#183; waarden "
			     "P</span></h4>"
			   : "<span class=\"conf\">rule S &#183; values "
			     "P</span></h4>"));
		assert_true(strstr(at, "<span class=\"conf") <
			    strstr(at, "</h4>"));
		/* a review item's rule (to review only) */
		at = strstr(page, "<span class=\"rid\">CAO-BIJLAGE-V-GBO-PER-"
				  "PERSON</span>");
		assert_non_null(at);
		assert_non_null(strstr(
		    at, nl ? "<span class=\"conf weak\">regel U &#183; "
			     "waarden U</span>"
			   : "<span class=\"conf weak\">rule U &#183; values "
			     "U</span>"));
		at = strstr(
		    page, "<span class=\"rid\">CAO-36-RENT-ACTUAL-COST</span>");
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
	/* the worker's row: its first period's remedy, and the expected
	 * value of that period as the example (the message is not shown) */
	assert_true(n >= 2);
	free(page);
	restore();
	fa_report_free(r);
}

/* Twenty or more failures of a pay-period rule: a row per worker (how
 * many periods, from when to when, the amount, the evidence lines), the
 * first workers shown and the others folded, none left out. */
static void test_report_html__pay_period_failures_per_worker(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);
	const char *dev = strstr(page, "<section id=\"deviations\"");
	const char *end = strstr(page, "<section id=\"observations\"");
	const char *at;

	assert_non_null(dev);
	assert_non_null(end);
	/* CAO-36-DEDUCTION-CERTIFIED: 416 periods of 10 workers (demo
	 * README CAO-03 and the expired L08 certificate; since 2017, so the
	 * 2024 periods count) */
	at = strstr(dev, "<span class=\"rid\">CAO-36-DEDUCTION-CERTIFIED");
	assert_non_null(at);
	at = strstr(at, "416 pay periods of 10 workers");
	assert_non_null(at);
	assert_true(at < end);
	/* two workers shown, the other eight folded with their periods */
	at = strstr(at, "<details class=\"more\"><summary>The other 8 "
			"workers (");
	assert_non_null(at);
	assert_true(at < end);
	/* a remedy that differs per period is the first period's, named */
	assert_non_null(strstr(dev, "What to fix, for W0030/2026-01-05: "
				    "</b>Repay the amount deducted too "
				    "much (3.60)"));
	assert_non_null(strstr(dev, "17 pay periods, 2026-06-29 &#8211; "
				    "2026-10-19"));
	assert_non_null(strstr(dev, "pay-periods.csv:1496&#8211;1512"));
	/* the period of one of them is not a row of its own */
	assert_null(strstr(page, "W0011/2026-07-06"));
	free(page);
	fa_report_free(r);
}

/* Occurrences of needle in [from, to) (to NULL: the end). */
static size_t count_in(const char *from, const char *to, const char *needle)
{
	size_t n = 0;
	const char *p;

	for (p = from; (p = strstr(p, needle)) != NULL && (!to || p < to); p++)
		n++;
	return n;
}

/* Tags that contain start and, before their end, attr. */
static size_t count_tagged(const char *page, const char *start,
			   const char *attr)
{
	const char *p, *a;
	size_t n = 0;

	for (p = page; (p = strstr(p, start)) != NULL; p++) {
		a = strstr(p, attr);
		n += a && a < strchr(p, '>');
	}
	return n;
}

/*
 * The first screen is the answer: the verdict, the A- and B-deviations
 * counted per requirement with subjects and deadline, the money owed,
 * what was not checked, the review items and the caution; the hashes and
 * the rule-set editions come after it. The demo's deadlines are the audit
 * date (2026-10-31) + 3 and + 6 months.
 */
static void test_report_html__answer_first(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);
	const char *answer = strstr(page, "<table class=\"answer\">");
	const char *end;
	char want[160];

	assert_non_null(answer);
	end = strstr(answer, "</table>");
	assert_non_null(end);
	assert_true(answer < strstr(page, "SHA-256"));
	assert_true(answer < strstr(page, "id=\"cover\""));
	assert_true(strstr(page, "<p class=\"verdict neg\">") < answer);
	snprintf(want, sizeof(want),
		 "<b>%zu requirements not met</b>, %zu subjects affected "
		 "&#183; repair by <b>2027-01-31</b>",
		 r->n_major_requirements, r->n_major_subjects);
	assert_non_null(strstr(answer, want));
	snprintf(want, sizeof(want),
		 "<b>%zu requirements not met</b>, %zu subjects affected "
		 "&#183; repair by <b>2027-04-30</b>",
		 r->n_minor_requirements, r->n_minor_subjects);
	assert_non_null(strstr(answer, want));
	snprintf(want, sizeof(want), " to %zu workers", r->n_overcharges);
	assert_true(strstr(answer, want) < end);
	snprintf(want, sizeof(want), "<b>%zu items</b> for the inspector",
		 r->n_review_items);
	assert_true(strstr(answer, want) < end);
	assert_true(strstr(answer, "nothing: every rule the verdict depends "
				   "on ran") < end);
	assert_true(strstr(answer, "href=\"#cautions\"") < end);
	free(page);
	fa_report_free(r);
}

/*
 * A block per requirement, a row per review item, each carrying the
 * filters' data; a rule that fails at several locations has its heading
 * once: SNF-2.3-BEDROOM-PERSONS fails at L01, L04 and L10 (demo README
 * SNF-01, SNF-17, SNF-18), three deviations.
 */
static void test_report_html__blocks_per_requirement(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);
	const char *dev = strstr(page, "<section id=\"deviations\"");
	const char *at, *next;
	char want[80];

	assert_int_equal(count_in(page, NULL, " req fb\" id=\"req-"),
			 r->n_requirements);
	assert_int_equal(count_in(page, NULL, "req fb\" id=\"req-") -
			     count_in(page, NULL, "part req fb\""),
			 count_in(page, NULL, "<article class=\"blk req fb\""));
	assert_int_equal(count_tagged(page, "req fb\" id=\"req-",
				      "data-o=\"fail\" data-c=\"a\""),
			 r->n_major_requirements);
	assert_int_equal(count_tagged(page, "req fb\" id=\"req-",
				      "data-o=\"fail\" data-c=\"b\""),
			 r->n_minor_requirements);
	assert_int_equal(count_in(page, NULL, "class=\"rev fb"),
			 r->n_review_items);
	snprintf(want, sizeof(want), "id=\"rev-%zu\"", r->n_review_items);
	assert_non_null(strstr(page, want));
	assert_int_equal(count_in(dev, strstr(dev + 1, "<section id="),
				  "<span class=\"rid\">SNF-2.3-"
				  "BEDROOM-PERSONS</span>"),
			 1);
	at = strstr(dev, "<span class=\"rid\">SNF-2.3-BEDROOM-PERSONS</span>");
	next = strstr(at, "<div class=\"blk");
	assert_int_equal(count_in(at, next, "<article class=\"part req fb\""),
			 3);
	assert_true(strstr(at, "location <b>L01</b>") < next);
	assert_true(strstr(at, "location <b>L04</b>") < next);
	assert_true(strstr(at, "location <b>L10</b>") < next);
	assert_true(strstr(at, "L01-S2") < next);
	free(page);
	fa_report_free(r);
}

/*
 * Passes and n/a are counted, not listed, unless opt.all; a rule's row
 * appears once in the rules whatever its outcomes.
 */
static void test_report_html__passes_counted_not_listed(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report_options o;
	struct fa_report *r;
	char *page;
	const char *rules;
	size_t i, kept_pass = 0;
	int all;

	for (i = 0; i < f->e->n_findings; i++)
		kept_pass += f->e->findings[i].outcome == FA_OUTCOME_PASS;
	assert_true(kept_pass > 0); /* rules with keep="all" (PKS) */
	for (all = 0; all < 2; all++) {
		memset(&o, 0, sizeof(o));
		o.all = all;
		r = build_with(f, &o, NULL, NULL, 0);
		page = html(r);
		rules = strstr(page, "<section id=\"findings\"");
		assert_non_null(rules);
		assert_int_equal(count_in(page, NULL,
					  "<tr class=\"fnd fb\" "
					  "data-o=\"pass\""),
				 o.all ? kept_pass : 0);
		assert_int_equal(count_in(page, NULL, "<tr class=\"rule fb\""),
				 f->e->n_runs);
		for (i = 0; i < f->e->n_runs; i++) {
			char want[120];

			snprintf(want, sizeof(want),
				 "<span class=\"rid\">%s</span>",
				 f->e->runs[i].rule->id);
			assert_int_equal(count_in(rules, NULL, want), 1);
		}
		free(page);
		fa_report_free(r);
	}
}

/*
 * A finding about a document shows the document's path, linked to its
 * row in the annex, and its SHA-256 (short, the whole in a title); the
 * annex lists it among the documents findings refer to and counts the
 * others per file type.
 */
static void test_report_html__document_evidence_linked(void **state)
{
	struct demo_audit *f = *state;
	const struct fa_manifest *m = f->ev->manifest;
	struct fa_finding *x = NULL;
	struct fa_report *r;
	char *page, want[300], *seen;
	size_t i, doc = m->n_files, n_seen = 0;

	for (i = 0; i < m->n_files && doc == m->n_files; i++)
		if (m->files[i].role == FA_ROLE_DOCUMENT)
			doc = i;
	assert_true(doc < m->n_files);
	for (i = 0; i < f->e->n_findings && !x; i++)
		if (f->e->findings[i].outcome == FA_OUTCOME_FAIL &&
		    strcmp(f->e->findings[i].rule->id,
			   "FEC-3A-CONTRACT-LANGUAGE") == 0)
			x = &f->e->findings[i];
	assert_non_null(x);
	replace(&x->ref_file, m->files[doc].path);
	replace(&x->ref_sha256, m->files[doc].sha256);
	r = build(f, 0);
	page = html(r);
	snprintf(want, sizeof(want),
		 "document <a href=\"#file-%zu\">%s</a> SHA-256 <span "
		 "class=\"hash\" title=\"%s\">%.12s&#8230;</span>",
		 doc + 1, m->files[doc].path, m->files[doc].sha256,
		 m->files[doc].sha256);
	assert_non_null(strstr(page, want));
	snprintf(want, sizeof(want),
		 "<tr id=\"file-%zu\"><td>%s</td><td class=\"mono\">%s</td>",
		 doc + 1, m->files[doc].path, m->files[doc].sha256);
	assert_non_null(strstr(page, want));
	/* the planted document and those the listed findings name through
	 * their rows of the documents index; 1286 documents in the demo */
	seen = calloc(m->n_files, 1);
	assert_non_null(seen);
	seen[doc] = 1;
	for (i = 0; i < f->e->n_findings; i++) {
		const struct fa_finding *y = &f->e->findings[i];
		const struct fa_report_document *d;
		const struct fa_manifest_file *mf;

		/* x names the planted document itself (ref_sha256) */
		if (y == x || y->outcome == FA_OUTCOME_PASS ||
		    y->outcome == FA_OUTCOME_NA)
			continue;
		d = fa_report_document(r, y);
		mf = d && d->sha256 ? fa_manifest_find(m, d->path) : NULL;
		if (mf)
			seen[mf - m->files] = 1;
	}
	for (i = 0; i < m->n_files; i++)
		n_seen += seen[i];
	assert_true(n_seen > 1);
	snprintf(want, sizeof(want), "Documents that findings refer to (%zu)",
		 n_seen);
	assert_non_null(strstr(page, want));
	snprintf(want, sizeof(want),
		 "The other %zu documents, by file type: ", 1286 - n_seen);
	assert_non_null(strstr(page, want));
	free(seen);
	free(page);
	restore();
	fa_report_free(r);
}

/*
 * Dutch throughout: the page's own labels, ABU's terms for the classes,
 * money and areas in Dutch notation, no English label left and no word
 * broken by a soft hyphen. (The checks' own observed texts are the rule
 * files' to translate.) CAO-38-TRAVEL-ACTUAL-COST owes 27.00 (demo
 * README FEC-31: 86.00 deducted, the ticket cost 59.00); L03 has 42.0
 * m2 for 4 residents, 10.5 m2 each; L11 has 71.5 m2.
 */
static void test_report_html__dutch_labels(void **state)
{
	static const char *const nl[] = {
		"A-afwijkingen",
		"B-afwijkingen",
		"Waarnemingen",
		"eisen niet nageleefd",
		"Alles afdrukken",
		"Alles openklappen",
		"Filters wissen",
		"Klasse",
		"Zoeken",
		"Uitkomst",
		"Regelset",
		"herstellen voor",
		"tegoed van werknemers <b><span class=\"eur\">\xE2\x82\xAC "
		"27,00",
		"10,5<div class=\"sub\">GBO 42</div>",
		"GBO 71,5</div>",
	};
	static const char *const en[] = {
		"Print all",   "Expand all",
		"Outcome",     "requirements not met",
		"Money owed",  "Rule set",
		"repair by",   "Search",
		"A-deviation", ">observation",
		"\xC2\xAD",    "afwijking A",
		"(major)",     "(minor)",
	};
	struct demo_audit *f = *state;
	struct fa_report_options o;
	struct fa_report *r;
	char *page;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.nl = 1;
	r = build_with(f, &o, NULL, NULL, 0);
	page = html(r);
	for (i = 0; i < sizeof(nl) / sizeof(nl[0]); i++)
		if (!strstr(page, nl[i]))
			fail_msg("missing in Dutch: %s", nl[i]);
	for (i = 0; i < sizeof(en) / sizeof(en[0]); i++)
		if (strstr(page, en[i]))
			fail_msg("in the Dutch page: %s", en[i]);
	free(page);
	fa_report_free(r);
	o.nl = 0;
	r = build_with(f, &o, NULL, NULL, 0);
	page = html(r);
	assert_non_null(strstr(page, "owed to workers <b><span "
				     "class=\"eur\">\xE2\x82\xAC"
				     "27.00"));
	assert_non_null(strstr(page, "10.5<div class=\"sub\">GBO 42</div>"));
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

/*
 * The first page names the safety deviations: the demo README's SNF-11
 * and SNF-12 (L08: smoke detectors expired, extinguisher inspection
 * expired); its five locations without a CO detector recorded are to
 * review.
 */
static void test_report_html__safety_on_the_first_page(void **state)
{
	struct demo_audit *f = *state;
	struct fa_report *r = build(f, 0);
	char *page = html(r);

	assert_non_null(strstr(
	    page, "<tr class=\"a\"><th><a href=\"#deviations\">Safety</a>"
		  "</th><td><b>2 deviations</b>: SNF-FIRE-EXTINGUISHER L08, "
		  "SNF-SMOKE-DETECTORS L08 &#183; 5 items to review</td>"));
	free(page);
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
		cmocka_unit_test(test_report_html__answer_first),
		cmocka_unit_test(test_report_html__blocks_per_requirement),
		cmocka_unit_test(test_report_html__passes_counted_not_listed),
		cmocka_unit_test(test_report_html__document_evidence_linked),
		cmocka_unit_test(test_report_html__dutch_labels),
		cmocka_unit_test(test_report_html__safety_on_the_first_page),
		cmocka_unit_test(test_report_html__write_failure_is_io),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
