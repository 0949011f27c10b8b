/* SPDX-License-Identifier: MIT */
/*
 * Tests of the JSON and CSV reports: the demo package ($FA_PACKAGES) judged
 * by the bundled rule sets ($FA_RULES, default rules/) gives a report
 * whose JSON has the documented keys in order, whose CSV is RFC 4180 with
 * formula cells defused, both byte-for-byte reproducible, and neither with
 * a worker's name, BSN or birth date unless reveal_personal is set. The
 * schema itself is checked by tests/report/validate-json.py; when
 * FA_REPORT_OUT names a directory, the documents made here are written
 * there for it (make report-check).
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
#include "json.h"

/* The demo audit, run once for the whole program (about a second). */
struct demo {
	struct demo_audit a;
	struct fa_report *hidden;   /* reveal_personal 0 */
	struct fa_report *revealed; /* reveal_personal 1 */
};

static struct demo D;

static struct fa_report *report(int reveal, int nl, const struct fa_eval *e,
				const struct fa_sample *sample)
{
	struct fa_report_options o;
	struct fa_report *r = NULL;
	struct fa_error err;

	memset(&o, 0, sizeof(o));
	o.reveal_personal = reveal;
	o.nl = nl;
	o.generated_at = "2026-11-12T10:00:00Z";
	fa_error_init(&err);
	assert_int_equal(fa_report_new(&r, D.a.ev, &D.a.sets, e, sample, NULL,
				       0, NULL, 0, &o, &err),
			 FA_OK);
	return r;
}

static int setup(void **state)
{
	(void)state;
	if (demo_audit_load(&D.a) != 0)
		return -1;
	D.hidden = report(0, 0, D.a.e, NULL);
	D.revealed = report(1, 0, D.a.e, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fa_report_free(D.hidden);
	fa_report_free(D.revealed);
	demo_audit_release(&D.a);
	return 0;
}

/* What writer writes for r, as one string (the caller frees). */
static char *written(const struct fa_report *r,
		     enum fa_code (*writer)(FILE *, const struct fa_report *,
					    struct fa_error *))
{
	struct fa_error err;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	fa_error_init(&err);
	assert_int_equal(writer(f, r, &err), FA_OK);
	assert_int_equal(fclose(f), 0);
	assert_non_null(s);
	return s;
}

static char *json_of(const struct fa_report *r)
{
	return written(r, fa_json_write_report);
}

static char *csv_of(const struct fa_report *r)
{
	return written(r, fa_report_write_csv);
}

static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

static void test_report_json__top_level_keys_in_documented_order(void **state)
{
	static const char *const keys[] = {
		"flexaudit",	"generated_at", "language",	"cover",
		"verdict",	"scope",	"counts",	"cautions",
		"deviations",	"requirements", "review_items", "sections",
		"housing",	"overcharges",	"mismatches",	"checklist",
		"data_quality", "annex",	"rules",	"judgements",
		"follow_up",	"waivers",
	};
	char *s = json_of(D.hidden), *at = s, want[64];
	size_t i;

	(void)state;
	assert_memory_equal(s, "{\n", 2);
	assert_string_equal(s + strlen(s) - 3, "\n}\n");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		/* top-level keys are the ones indented by two spaces */
		snprintf(want, sizeof(want), "\n  \"%s\": ", keys[i]);
		at = strstr(at, want);
		if (!at)
			fail_msg("key '%s' missing or out of order", keys[i]);
	}
	assert_int_equal(occurrences(s, "\n  \""), 22);
	assert_int_equal(demo_audit_keep("FA_REPORT_OUT", "demo.json", s), 0);
	free(s);
}

static void test_report_json__cover_verdict_and_money(void **state)
{
	char *s = json_of(D.hidden);

	(void)state;
	assert_non_null(strstr(s, "\"member\": \"Voorbeeld Uitzendgroep B.V.\","
				  "\n    \"kvk\": \"90412376\","
				  "\n    \"abu_number\": \"ABU-04711\","));
	assert_non_null(strstr(s, "\"mode\": \"self-assessment\","
				  "\n    \"sample\": null,"));
	assert_non_null(strstr(s,
			       "\"verdict\": {\n    \"key\": \"negative\","
			       "\n    \"text\": \"negative (A-deviations)\""));
	/* money in integer cents, never as euros with a decimal point */
	assert_non_null(strstr(s, "\"overcharges\": {\n    \"judged\": true,\n "
				  "   \"total_cents\": "));
	assert_null(strstr(s, "\"total_cents\": \"")); /* not text */
	/* an unknown number is null, not -1 */
	assert_null(strstr(s, ": -1,"));
	assert_null(strstr(s, ": -1\n"));
	/* 22.4 m2, not the double's 17 digits */
	assert_non_null(strstr(s, "\"m2_per_person\": 22.4,"));
	/* findings carry article, title and facts after the audit keys */
	assert_non_null(
	    strstr(s, "\"sampled\": false,\n          "
		      "\"softened\": false,\n          \"article\": "));
	/* annex V values are inferred (U): the check's failure is a review */
	assert_non_null(strstr(s, "\"softened\": true,"));
	assert_non_null(
	    strstr(s, "\"facts\": {\n            \"gbo\": \"42.0\","));
	free(s);
}

/* The object in s that starts at "key": "KEY", up to the next finding
 * (the caller frees). */
static char *finding_text(const char *s, const char *key)
{
	char want[160];
	const char *at, *end;
	char *t;

	snprintf(want, sizeof(want), "\"key\": \"%s\",", key);
	at = strstr(s, want);
	if (!at) {
		fail_msg("no finding '%s'", key);
		return NULL;
	}
	end = strstr(at + 1, "\"key\": ");
	if (!end)
		end = at + strlen(at);
	t = strndup(at, (size_t)(end - at));
	assert_non_null(t);
	return t;
}

/*
 * Every finding ends with its rule's confidence and the weakest of its
 * values', then its judgement (null: an audit is not judged), as the rule
 * files say: CAO-36-DEDUCTION-CERTIFIED is
 * confidence="S" and reads only cao.deduction.pks_from, whose value is
 * confidence="P"; CAO-BIJLAGE-V-GBO-PER-PERSON is confidence="U" and reads
 * three cao.gbo.per_person values, all confidence="U" (its failure on L03
 * is a review). A rule that reads no value has null.
 */
static void test_report_json__findings_carry_their_confidence(void **state)
{
	char *s = json_of(D.hidden), *f;

	(void)state;
	f = finding_text(s, "CAO-36-DEDUCTION-CERTIFIED/W0011/2026-06-29");
	assert_non_null(strstr(f, "\"outcome\": \"fail\","));
	assert_non_null(strstr(f, "\n          \"rule_confidence\": \"S\","
				  "\n          \"value_confidence\": \"P\","
				  "\n          \"judgement\": null,"
				  "\n          \"waiver\": null\n"));
	free(f);
	f = finding_text(s, "CAO-BIJLAGE-V-GBO-PER-PERSON/L03");
	assert_non_null(strstr(f, "\"outcome\": \"review\","));
	assert_non_null(strstr(f, "\"rule_confidence\": \"U\","
				  "\n          \"value_confidence\": \"U\","
				  "\n          \"judgement\": null,"
				  "\n          \"waiver\": null\n"));
	free(f);
	/* CAO-36-RENT-ACTUAL-COST (confidence="P") calls no param() */
	f = finding_text(s, "CAO-36-RENT-ACTUAL-COST/W0036");
	assert_non_null(strstr(f, "\"rule_confidence\": \"P\","
				  "\n          \"value_confidence\": null,"
				  "\n          \"judgement\": null,"
				  "\n          \"waiver\": null\n"));
	free(f);
	assert_non_null(
	    strstr(s, "\"rule\": \"CAO-36-DEDUCTION-CERTIFIED\",\n"
		      "      \"rule_set\": \"cao\",\n"
		      "      \"confidence\": \"S\",\n"
		      "      \"value_confidence\": \"P\",\n"
		      "      \"values\": [\n"
		      "        {\n"
		      "          \"kind\": \"parameter\",\n"
		      "          \"name\": \"cao.deduction.pks_from\",\n"
		      "          \"from\": \"2024-04-01\",\n"
		      "          \"value\": \"2025-01-01\",\n"
		      "          \"confidence\": \"P\"\n"
		      "        }\n"
		      "      ]"));
	free(s);
}

static void test_report_json__inspection_sample_on_the_cover(void **state)
{
	struct fa_eval_options opt;
	struct fa_sample *sample = NULL;
	struct fa_eval *e = NULL;
	struct fa_report *r;
	struct fa_error err;
	const char *only = "fec";
	char *s;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_sample_draw(&sample, D.a.ev, 15, 42, &err), FA_OK);
	memset(&opt, 0, sizeof(opt));
	opt.only = &only;
	opt.n_only = 1;
	opt.sample = sample;
	assert_int_equal(fa_eval_run(&e, D.a.ev, &D.a.sets, &opt, &err), FA_OK);
	r = report(0, 1, e, sample);
	s = json_of(r);
	assert_non_null(strstr(
	    s, "\"mode\": \"inspection\",\n    \"sample\": {\n"
	       "      \"algorithm\": \"splitmix64 + partial Fisher-Yates\",\n"
	       "      \"seed\": 42,\n      \"size\": 15,\n"
	       "      \"population\": 80,\n      \"ids\": [\n"
	       "        \"W0003\",\n        \"W0005\","));
	assert_non_null(strstr(s, "\"language\": \"nl\","));
	assert_non_null(strstr(s, "\"sampled\": true,"));
	assert_int_equal(
	    demo_audit_keep("FA_REPORT_OUT", "inspection-nl.json", s), 0);
	free(s);
	fa_report_free(r);
	fa_eval_free(e);
	fa_sample_free(sample);
}

/*
 * The mismatches the demo generator plants (fixtures/packages/demo/README.md,
 * "Norm mismatches": MM-01 to MM-11 pass the CAO and fail SNF, MF-01 passes
 * the CAO and fails the FEC, none the other way round), found by the pairs
 * the rule sets declare and listed in the JSON report.
 */
static void test_report_json__mismatches_listed(void **state)
{
	static const char *const want[][2] = {
		{ "bedroom.area_per_person", "L04-S2" },     /* MM-01 */
		{ "gbo.per_person.new_build_hotel", "L05" }, /* MM-02 */
		{ "bedroom.max_persons", "L04-S1" },	     /* MM-03 */
		{ "bedroom.max_persons", "L01-S2" },	     /* MM-04 */
		{ "bedroom.max_persons", "L10-S1" },	     /* MM-05 */
		{ "bunk_beds.allowed", "L04-S1" },	     /* MM-06 */
		{ "bedroom.max_persons.new_build_hotel",
		  "L05-K06" },				       /* MM-07 */
		{ "sockets.per_resident", "L04" },	       /* MM-08 */
		{ "laundry.washing_machine_required", "L04" }, /* MM-09 */
		{ "information_card.required", "L03" },	       /* MM-10 */
		{ "information_card.required", "L09" },	       /* MM-11 */
		{ "housing.stay_after_employment", "W0032" },  /* MF-01 */
	};
	struct fa_eval_options opt;
	struct fa_rule_pair *pairs = NULL;
	struct fa_mismatch *mm = NULL;
	const char **keep = NULL;
	size_t n_pairs = 0, n_keep = 0, n_mm = 0, i;
	struct fa_eval *e = NULL;
	struct fa_report_options o;
	struct fa_report *r = NULL;
	struct fa_error err;
	char *s, line[256];

	(void)state;
	fa_error_init(&err);
	assert_int_equal(
	    fa_compare_declared_pairs(&pairs, &n_pairs, &D.a.sets, &err),
	    FA_OK);
	assert_int_equal(
	    fa_compare_pair_rule_ids(&keep, &n_keep, pairs, n_pairs, &err),
	    FA_OK);
	memset(&opt, 0, sizeof(opt));
	opt.keep = keep; /* the paired rules' passes, as audit keeps them */
	opt.n_keep = n_keep;
	assert_int_equal(fa_eval_run(&e, D.a.ev, &D.a.sets, &opt, &err), FA_OK);
	n_pairs = fa_compare_pairs_that_ran(pairs, n_pairs, e);
	assert_int_equal(
	    fa_compare_mismatches(&mm, &n_mm, e, pairs, n_pairs, &err), FA_OK);
	memset(&o, 0, sizeof(o));
	o.generated_at = "2026-11-12T10:00:00Z";
	assert_int_equal(fa_report_new(&r, D.a.ev, &D.a.sets, e, NULL, mm, n_mm,
				       pairs, n_pairs, &o, &err),
			 FA_OK);
	s = json_of(r);
	assert_int_equal(
	    occurrences(s, "\"kind\": \"left-passes-right-fails\""),
	    sizeof(want) / sizeof(want[0]));
	assert_int_equal(
	    occurrences(s, "\"kind\": \"left-fails-right-passes\""), 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		snprintf(line, sizeof(line),
			 "\"concept\": \"%s\",\n      \"subject\": \"%s",
			 want[i][0], want[i][1]);
		if (!strstr(s, line))
			fail_msg("mismatch %s of %s not listed", want[i][0],
				 want[i][1]);
	}
	assert_int_equal(demo_audit_keep("FA_REPORT_OUT", "mismatch.json", s),
			 0);
	free(s);
	fa_report_free(r);
	free(mm);
	free(keep);
	free(pairs);
	fa_eval_free(e);
}

static void test_report_json__reproducible(void **state)
{
	struct fa_report *again = report(0, 0, D.a.e, NULL);
	char *a = json_of(D.hidden), *b = json_of(again);
	char *c = csv_of(D.hidden), *d = csv_of(again);

	(void)state;
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	free(a);
	free(b);
	free(c);
	free(d);
	fa_report_free(again);
}

/* "1989-01-20" also as "20-01-1989", the way workers.csv writes it. */
static void dutch_date(char *buf, size_t size, const char *iso)
{
	snprintf(buf, size, "%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
}

static void test_report_json__no_personal_data_unless_revealed(void **state)
{
	const struct fa_report *rv = D.revealed;
	char *hj = json_of(D.hidden), *hc = csv_of(D.hidden);
	char *rj = json_of(rv), *rc = csv_of(rv), nl_date[16];
	size_t i, names = 0, bsns = 0, dates = 0;

	(void)state;
	assert_int_equal(D.hidden->n_people, 0);
	assert_int_equal(rv->n_people, 80);
	for (i = 0; i < rv->n_people; i++) {
		const struct fa_report_person *p = &rv->people[i];

		if (strstr(hj, p->name) || strstr(hc, p->name))
			fail_msg("name of %s in a report", p->employee_id);
		if (p->bsn && (strstr(hj, p->bsn) || strstr(hc, p->bsn)))
			fail_msg("BSN of %s in a report", p->employee_id);
		if (p->birth_date) {
			dutch_date(nl_date, sizeof(nl_date), p->birth_date);
			if (strstr(hj, p->birth_date) ||
			    strstr(hc, p->birth_date) || strstr(hj, nl_date) ||
			    strstr(hc, nl_date))
				fail_msg("birth date of %s in a report",
					 p->employee_id);
		}
		names += strstr(rj, p->name) && strstr(rc, p->name);
		bsns += p->bsn && strstr(rj, p->bsn) && strstr(rc, p->bsn);
		dates += p->birth_date && strstr(rj, p->birth_date) &&
			 strstr(rc, p->birth_date);
	}
	/* revealed: most workers have a finding about them */
	assert_true(names > 40);
	assert_true(bsns > 40);
	assert_true(dates > 40);
	assert_null(strstr(hj, "\"person\""));
	assert_non_null(strstr(rj, "\"person\": {\n            \"name\": "));
	assert_null(strstr(hc, ",name,bsn,birth_date"));
	assert_non_null(strstr(rc, ",placeholder,money_owed_cents,money_kind,"
				   "name,bsn,birth_date,rule_confidence,"
				   "value_confidence\r\n"));
	assert_null(strstr(hj, "\"personal_data\": true"));
	assert_non_null(strstr(rj, "\"personal_data\": true"));
	assert_int_equal(demo_audit_keep("FA_REPORT_OUT", "revealed.json", rj),
			 0);
	free(hj);
	free(hc);
	free(rj);
	free(rc);
}

/* Each column of the header is documented in docs/report-csv.md (the
 * tests run from the top directory) as `name`. */
static void documented_columns(const char *header)
{
	FILE *f = fopen("docs/report-csv.md", "r");
	char doc[32768], want[64];
	const char *p = header;
	size_t n;

	assert_non_null(f);
	n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = '\0';
	while (*p && *p != '\r') {
		size_t len = strcspn(p, ",\r");

		snprintf(want, sizeof(want), "`%.*s`", (int)len, p);
		if (!strstr(doc, want))
			fail_msg("CSV column %s is not documented", want);
		p += len + (p[len] == ',');
	}
}

static void test_report_json__csv_rows_and_header(void **state)
{
	static const char header[] =
	    "key,rule_set,rule,article,subject,outcome,severity,deadline,"
	    "observed,expected,message,remedy,question,evidence_file,"
	    "evidence_line,evidence_sha256,sampled,uncertain,placeholder,"
	    "money_owed_cents,money_kind,rule_confidence,value_confidence\r\n";
	char *s = csv_of(D.hidden);
	const char *row, *end;
	size_t i, rows = 0;

	(void)state;
	assert_memory_equal(s, header, strlen(header));
	documented_columns(header);
	for (i = 0; i < D.hidden->n_sections; i++)
		rows += D.hidden->sections[i].n_findings;
	/* every record ends in CRLF; no bare LF inside these messages */
	assert_int_equal(occurrences(s, "\r\n"), rows + 1);
	assert_int_equal(occurrences(s, "\n"), rows + 1);
	/* the article has a comma, so it is quoted */
	assert_non_null(strstr(s, "\r\nCAO-BIJLAGE-V-GBO-PER-PERSON/L03,cao,"
				  "CAO-BIJLAGE-V-GBO-PER-PERSON,\"CAO "));
	/* annex V values are inferred (U): needs review, no deadline; the
	 * observed value names the worst night, with commas, so quoted */
	assert_non_null(strstr(s, "\",L03,review,minor,,\"10.50 m2/person "
				  "for 4 persons (4 residents on the night of "
				  "2024-12-14, the most from 2024-01-01 to "
				  "2026-10-31; 4 registered beds)\","
				  "at least 12.0 m2/person,\"Location L03: "));
	/* NORM: norms.md 11.1. Demo README WML-01: W0002 paid 13.27 for 40
	 * hours in the week of 2024-07-01, minimum 13.68: 40 x 0.41 owed */
	row = strstr(s, "\r\nWML-MINIMUM-WAGE/W0002/2024-07-01,wml,");
	assert_non_null(row);
	end = strstr(row + 2, "\r\n");
	assert_non_null(end);
	assert_true(end - row > 26);
	/* WML-MINIMUM-WAGE is confidence="P"; its check reads wml.hourly
	 * for every pay period, and the demo's 2026 periods get the value
	 * of confidence="S": the rule's values are S, so its 2024 findings
	 * are marked S too (on the side of doubt) */
	assert_memory_equal(end - 25, ",false,1640,underpaid,P,S", 25);
	/* confidence="S" (the rule) and "P" (cao.deduction.pks_from, the
	 * only value its check reads), as in the JSON test */
	row = strstr(s, "\r\nCAO-36-DEDUCTION-CERTIFIED/W0011/2026-06-29,");
	assert_non_null(row);
	end = strstr(row + 2, "\r\n");
	assert_non_null(end);
	assert_memory_equal(end - 25, ",false,11000,deducted,S,P", 25);
	/* confidence="U", three U values; reads nothing: empty */
	assert_non_null(strstr(s, ",locations.csv,4,,false,true,false,,,U,U"
				  "\r\n"));
	row = strstr(s, "\r\nCAO-36-RENT-ACTUAL-COST/W0036,");
	assert_non_null(row);
	end = strstr(row + 2, "\r\n");
	assert_non_null(end);
	assert_memory_equal(end - 3, ",P,", 3);
	free(s);
}

/* A report of one hand-built finding, to pin the quoting rules. */
static void test_report_json__csv_quotes_and_defuses_formulas(void **state)
{
	struct fa_ruleset set;
	struct fa_rule rule;
	struct fa_finding f;
	struct fa_report r;
	struct fa_report_section sec;
	const struct fa_finding *list[1] = { &f };
	/* the model's strings are not const: writable copies */
	char set_id[] = "t", rule_id[] = "T-1", article[] = "art. 1, lid 2",
	     subject[] = "-W1",
	     observed[] = "=HYPERLINK(\"http://evil.example/\",\"click\")",
	     expected[] = "+31 6 1234", message[] = "two\r\nlines, \"quoted\"",
	     remedy[] = "@SUM(A1:A9)", question[] = "\tcmd|' /C calc'!A0",
	     file[] = "\rx.csv";
	char *s, *row;

	(void)state;
	memset(&set, 0, sizeof(set));
	memset(&rule, 0, sizeof(rule));
	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	memset(&sec, 0, sizeof(sec));
	set.id = set_id;
	rule.id = rule_id;
	rule.set = &set;
	rule.severity = FA_SEV_MAJOR;
	rule.article = article;
	f.rule = &rule;
	f.subject = subject;
	f.outcome = FA_OUTCOME_FAIL;
	f.observed = observed;
	f.expected = expected;
	f.message.en = message;
	f.remedy.en = remedy;
	f.question.nl = question; /* en missing: nl shown */
	f.ref_file = file;
	f.ref_line = 7;
	snprintf(f.deadline, sizeof(f.deadline), "2027-01-31");
	f.flags = FA_FINDING_SAMPLED;
	sec.set = &set;
	sec.n_findings = 1;
	sec.findings = list;
	r.n_sections = 1;
	r.sections = &sec;
	s = csv_of(&r);
	row = strstr(s, "\r\n");
	assert_non_null(row);
	assert_string_equal(
	    row + 2,
	    "T-1/-W1,t,T-1,\"art. 1, lid 2\",'-W1,fail,major,2027-01-31,"
	    "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\","
	    "'+31 6 1234,"
	    "\"two\r\nlines, \"\"quoted\"\"\",'@SUM(A1:A9),"
	    "'\tcmd|' /C calc'!A0,\"'\rx.csv\",7,,true,false,false,,,P,"
	    "\r\n");
	free(s);
}

static void test_report_json__csv_write_error_is_io(void **state)
{
	FILE *f = fopen("/dev/full", "w");
	struct fa_error err;

	(void)state;
	if (!f)
		skip();
	fa_error_init(&err);
	assert_int_equal(fa_report_write_csv(f, D.hidden, &err), FA_ERR_IO);
	assert_string_equal(err.diag[0].message, "cannot write the CSV report");
	fclose(f);
}

/* A full disk: FA_ERR_IO with the system's reason, found at the latest
 * when the report is flushed. */
static void test_report_json__write_error_is_io(void **state)
{
	struct fa_error err;
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (!full)
		skip();
	fa_error_init(&err);
	assert_int_equal(fa_json_write_report(full, D.hidden, &err), FA_ERR_IO);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message,
			    "cannot write the report: No space left on device");
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_report_json__top_level_keys_in_documented_order),
		cmocka_unit_test(test_report_json__cover_verdict_and_money),
		cmocka_unit_test(
		    test_report_json__findings_carry_their_confidence),
		cmocka_unit_test(
		    test_report_json__inspection_sample_on_the_cover),
		cmocka_unit_test(test_report_json__mismatches_listed),
		cmocka_unit_test(test_report_json__reproducible),
		cmocka_unit_test(
		    test_report_json__no_personal_data_unless_revealed),
		cmocka_unit_test(test_report_json__csv_rows_and_header),
		cmocka_unit_test(
		    test_report_json__csv_quotes_and_defuses_formulas),
		cmocka_unit_test(test_report_json__csv_write_error_is_io),
		cmocka_unit_test(test_report_json__write_error_is_io),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
