/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for ruleset: a rule set using every element parsed into every
 * field (dated values, canonical money and numbers, table rows, CSV lines
 * pointing into the rule file), lookups on the days around a change, each
 * meaning check with its exact message and line, schema problems passed
 * through, directories loaded in name order, editions, checks across sets,
 * lookups across sets and release. Rule files live in fixtures/rulesets/
 * (FA_FIXTURES overrides "fixtures"); the program runs from that directory
 * so that messages name files as "duplicates.xml". Small variations are
 * built here as strings. Run under ASan (make asan) to prove release frees
 * everything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hash.h"
#include "ruleset.h"

/*
 * Assert that err holds exactly the expected diagnostics, in order, as the
 * CLI prints them (without "flexaudit: ").
 */
static void expect_diags(const struct fa_error *err, const char *const *want,
			 size_t n)
{
	char got[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];
	size_t i;

	for (i = 0; i < err->n && i < n; i++) {
		fa_diag_format(got, sizeof(got), &err->diag[i]);
		assert_string_equal(got, want[i]);
	}
	assert_int_equal(err->n, n);
	assert_int_equal(err->n_dropped, 0);
}

#define EXPECT(err, ...)                                                      \
	do {                                                                  \
		static const char *const want_[] = { __VA_ARGS__ };           \
		expect_diags((err), want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

/* A refused file: FA_ERR_INPUT, no rule set, exactly these messages. */
#define EXPECT_REFUSED(name, ...)                                      \
	do {                                                           \
		struct fa_ruleset *rs_ = NULL;                         \
		struct fa_error err_;                                  \
		fa_error_init(&err_);                                  \
		assert_int_equal(fa_ruleset_load(&rs_, (name), &err_), \
				 FA_ERR_INPUT);                        \
		assert_null(rs_);                                      \
		EXPECT(&err_, __VA_ARGS__);                            \
	} while (0)

static struct fa_ruleset *load_ok(const char *name)
{
	struct fa_ruleset *rs = NULL;
	struct fa_error err;
	char line[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];

	fa_error_init(&err);
	if (fa_ruleset_load(&rs, name, &err) != FA_OK) {
		fa_diag_format(line, sizeof(line), &err.diag[0]);
		fail_msg("%s refused: %s", name, line);
	}
	assert_int_equal(err.n, 0);
	return rs;
}

static enum fa_code load_str(struct fa_ruleset **rs, const char *xml,
			     struct fa_error *err)
{
	fa_error_init(err);
	return fa_ruleset_load_mem(rs, "test.xml", xml, strlen(xml), err);
}

static const struct fa_param *param(const struct fa_ruleset *rs,
				    const char *name)
{
	size_t i;

	for (i = 0; i < rs->n_params; i++)
		if (strcmp(rs->params[i].name, name) == 0)
			return &rs->params[i];
	fail_msg("no parameter '%s'", name);
	return NULL;
}

/* ---- a valid rule set ---------------------------------------------------- */

static void test_ruleset__valid_set_header(void **state)
{
	struct fa_ruleset *rs = load_ok("valid.xml");

	(void)state;
	assert_string_equal(rs->path, "valid.xml");
	assert_string_equal(rs->id, "evidence");
	assert_string_equal(rs->edition, "2026.1");
	assert_string_equal(rs->title.nl, "Kwaliteit van het bewijs");
	/* White space inside a title collapses to one space. */
	assert_string_equal(rs->title.en, "Evidence quality");
	assert_string_equal(rs->from, "2017-01-01");
	assert_string_equal(rs->until, "2030-12-31");
	assert_int_equal(rs->n_sources, 2);
	assert_string_equal(rs->sources[0], "https://example.org/norm");
	assert_string_equal(rs->sources[1], "ABU-handboek 2024, p. 12");
	assert_int_equal(rs->major_months, 2);
	assert_int_equal(rs->minor_months, 4);
	assert_int_equal(rs->n_params, 6);
	assert_int_equal(rs->n_tables, 1);
	assert_int_equal(rs->n_rules, 1);
	fa_ruleset_free(rs);
}

static void test_ruleset__sha256_of_the_file_bytes(void **state)
{
	static const char xml[] =
	    "<ruleset xmlns='urn:flexaudit:ruleset:1' id='a' edition='1'>"
	    "<title lang='nl'>A</title><title lang='en'>A</title>"
	    "</ruleset>";
	struct fa_ruleset *rs = NULL;
	struct fa_error err;
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	assert_int_equal(load_str(&rs, xml, &err), FA_OK);
	fa_sha256_buf_hex(hex, xml, strlen(xml));
	assert_string_equal(rs->sha256, hex);
	assert_string_equal(rs->path, "test.xml");
	/* No effective, no deadlines: always in force, 3 and 6 months. */
	assert_string_equal(rs->from, "");
	assert_string_equal(rs->until, "");
	assert_int_equal(rs->major_months, 3);
	assert_int_equal(rs->minor_months, 6);
	assert_int_equal(rs->n_sources + rs->n_params + rs->n_tables, 0);
	assert_int_equal(rs->n_rules, 0);
	fa_ruleset_free(rs);
}

static void test_ruleset__valid_parameters(void **state)
{
	struct fa_ruleset *rs = load_ok("valid.xml");
	const struct fa_param *p = param(rs, "wml.hourly");

	(void)state;
	assert_string_equal(p->concept, "wml.hourly");
	assert_string_equal(p->unit, "EUR/hour");
	assert_int_equal(p->type, FA_PARAM_MONEY);
	assert_string_equal(p->title.nl, "Wettelijk minimumuurloon (21+)");
	assert_string_equal(p->title.en, "Statutory minimum hourly wage (21+)");
	assert_string_equal(p->source, "https://www.rijksoverheid.nl/wml");
	assert_int_equal(p->line, 11);
	assert_int_equal(p->n_values, 3);
	/* The lowest confidence of its values: P, S, P gives S. */
	assert_int_equal(p->confidence, FA_CONF_S);

	assert_string_equal(p->values[0].from, "2025-01-01");
	assert_string_equal(p->values[0].until, "2025-06-30");
	assert_string_equal(p->values[0].text, "14.06");
	assert_int_equal(p->values[0].integer, 1406);
	assert_null(p->values[0].source);
	assert_int_equal(p->values[0].confidence, FA_CONF_P);
	assert_int_equal(p->values[0].line, 15);
	/* Decimal comma: "14,40" is 1440 cents, written back with a point. */
	assert_string_equal(p->values[1].text, "14.40");
	assert_int_equal(p->values[1].integer, 1440);
	assert_string_equal(p->values[1].source,
			    "https://example.org/wml-2025-07");
	assert_int_equal(p->values[1].confidence, FA_CONF_S);
	assert_string_equal(p->values[2].from, "2026-01-01");
	assert_string_equal(p->values[2].until, "");
	assert_int_equal(p->values[2].integer, 1471);

	p = param(rs, "bedroom.max_persons");
	assert_int_equal(p->type, FA_PARAM_INTEGER);
	assert_null(p->concept);
	assert_null(p->source);
	assert_int_equal(p->values[0].integer, 2);
	assert_int_equal(p->confidence, FA_CONF_NF);

	p = param(rs, "room.min_m2");
	assert_int_equal(p->type, FA_PARAM_NUMBER);
	assert_string_equal(p->values[0].text, "12.5");
	assert_true(p->values[0].number == 12.5);
	assert_int_equal(p->confidence, FA_CONF_U);

	p = param(rs, "fec.signed_required");
	assert_int_equal(p->type, FA_PARAM_BOOLEAN);
	assert_string_equal(p->values[0].text, "1");
	assert_int_equal(p->values[0].integer, 1);

	/* A Dutch date is stored ISO. */
	p = param(rs, "fec.start");
	assert_int_equal(p->type, FA_PARAM_DATE);
	assert_string_equal(p->values[0].text, "2025-01-01");

	p = param(rs, "abu.name");
	assert_int_equal(p->type, FA_PARAM_TEXT);
	assert_string_equal(p->values[0].text,
			    "Algemene Bond Uitzendondernemingen");
	fa_ruleset_free(rs);
}

static void test_ruleset__param_at_around_changes(void **state)
{
	struct fa_ruleset *rs = load_ok("valid.xml");
	const struct fa_param *p = param(rs, "wml.hourly");

	(void)state;
	assert_null(fa_param_at(p, "2024-12-31"));
	assert_int_equal(fa_param_at(p, "2025-01-01")->integer, 1406);
	assert_int_equal(fa_param_at(p, "2025-06-30")->integer, 1406);
	assert_int_equal(fa_param_at(p, "2025-07-01")->integer, 1440);
	assert_int_equal(fa_param_at(p, "2025-07-02")->integer, 1440);
	assert_int_equal(fa_param_at(p, "2025-12-31")->integer, 1440);
	assert_int_equal(fa_param_at(p, "2026-01-01")->integer, 1471);
	/* The last value is open-ended. */
	assert_int_equal(fa_param_at(p, "2199-12-31")->integer, 1471);
	fa_ruleset_free(rs);
}

static void test_ruleset__param_at_gap_has_no_value(void **state)
{
	static const char xml[] =
	    "<ruleset xmlns='urn:flexaudit:ruleset:1' id='a' edition='1'>"
	    "<title lang='nl'>A</title><title lang='en'>A</title>"
	    "<parameter name='p' type='integer'>"
	    "<title lang='nl'>P</title><title lang='en'>P</title>"
	    "<value from='2025-01-01' until='2025-01-31' confidence='P'>1"
	    "</value>"
	    "<value from='2025-03-01' until='2025-03-31' confidence='P'>3"
	    "</value>"
	    "</parameter></ruleset>";
	struct fa_ruleset *rs = NULL;
	struct fa_error err;
	const struct fa_param *p;

	(void)state;
	assert_int_equal(load_str(&rs, xml, &err), FA_OK);
	p = &rs->params[0];
	assert_int_equal(fa_param_at(p, "2025-01-31")->integer, 1);
	assert_null(fa_param_at(p, "2025-02-01"));
	assert_null(fa_param_at(p, "2025-02-28"));
	assert_int_equal(fa_param_at(p, "2025-03-01")->integer, 3);
	assert_null(fa_param_at(p, "2025-04-01"));
	fa_ruleset_free(rs);
}

static void test_ruleset__valid_table(void **state)
{
	struct fa_ruleset *rs = load_ok("valid.xml");
	const struct fa_table *t = &rs->tables[0];

	(void)state;
	assert_string_equal(t->name, "pks.stars");
	assert_string_equal(t->title.nl, "Sterren per aantal punten");
	assert_string_equal(t->title.en, "Stars per points");
	assert_string_equal(t->source, "placeholder");
	assert_int_equal(t->confidence, FA_CONF_NF);
	assert_int_equal(t->line, 44);
	assert_int_equal(t->n_columns, 5);
	assert_string_equal(t->columns[0].name, "points_min");
	assert_int_equal(t->columns[0].type, FA_PARAM_INTEGER);
	assert_int_equal(t->columns[3].type, FA_PARAM_MONEY);
	assert_int_equal(t->columns[4].type, FA_PARAM_TEXT);
	assert_int_equal(t->n_rows, 3);

	assert_string_equal(t->rows[0].from, "2025-01-01");
	assert_string_equal(t->rows[0].until, "2025-12-31");
	assert_int_equal(t->rows[0].line, 55);
	assert_string_equal(t->rows[0].cells[0], "0");
	assert_string_equal(t->rows[0].cells[1], "39");
	assert_string_equal(t->rows[0].cells[3], "100.00");
	assert_string_equal(t->rows[0].cells[4], "basic");
	/* After a blank line; an empty cell; a quoted text keeps its spaces
	 * once the block's indentation is gone. */
	assert_int_equal(t->rows[1].line, 57);
	assert_string_equal(t->rows[1].cells[1], "");
	assert_string_equal(t->rows[1].cells[3], "120.50");
	assert_string_equal(t->rows[1].cells[4], " two, stars ");
	/* A CDATA block with ';' separators, open-ended. */
	assert_string_equal(t->rows[2].from, "2026-01-01");
	assert_string_equal(t->rows[2].until, "");
	assert_int_equal(t->rows[2].line, 61);
	assert_string_equal(t->rows[2].cells[3], "101.00");
	assert_string_equal(t->rows[2].cells[4], "basic & more");
	fa_ruleset_free(rs);
}

static void test_ruleset__valid_rule(void **state)
{
	struct fa_ruleset *rs = load_ok("valid.xml");
	const struct fa_rule *r = &rs->rules[0];
	const struct fa_rule_test *t;

	(void)state;
	assert_string_equal(r->id, "EQ-WORKER-CONTRACT");
	assert_ptr_equal(r->set, rs);
	assert_int_equal(r->line, 64);
	assert_string_equal(r->article, "ABU FEC 3a");
	assert_string_equal(r->title.nl, "Arbeidsovereenkomst aanwezig");
	assert_string_equal(r->title.en, "Employment contract present");
	assert_int_equal(r->scope, FA_SCOPE_WORKER);
	assert_int_equal(r->severity, FA_SEV_MINOR);
	assert_int_equal(r->confidence, FA_CONF_P);
	assert_string_equal(r->from, "2023-04-01");
	assert_string_equal(r->until, "2029-12-31");
	assert_string_equal(r->source, "https://example.org/fec-3a");
	assert_int_equal(r->n_reads, 2);
	assert_string_equal(r->reads[0], "workers");
	assert_string_equal(r->reads[1], "documents");
	assert_string_equal(
	    r->message.nl,
	    "Werknemer {subject} heeft geen arbeidsovereenkomst ({observed})");
	assert_string_equal(
	    r->message.en,
	    "Worker {subject} has no employment contract ({observed})");
	assert_string_equal(r->remedy.en,
			    "Put the employment contract in the personnel "
			    "file.");
	assert_string_equal(r->question.nl, "Is er een contract?");
	assert_string_equal(r->question.en, "Is there a contract?");
	/* The SQL as written, from its first character, on its own line. */
	assert_int_equal(r->check_line, 79);
	assert_true(
	    strncmp(r->check, "SELECT w.employee_id AS subject,\n", 33) == 0);
	assert_non_null(strstr(r->check, "GROUP BY w.employee_id;"));

	assert_int_equal(r->n_tests, 2);
	t = &r->tests[0];
	assert_string_equal(t->name, "worker with a contract passes");
	assert_string_equal(t->audit_date, "2025-12-31");
	assert_int_equal(t->line, 88);
	assert_int_equal(t->n_given, 2);
	assert_string_equal(t->given[0].table, "workers");
	assert_string_equal(t->given[0].csv,
			    "employee_id,name,nationality\nW1,A,PL");
	assert_int_equal(t->given[0].line, 90);
	assert_string_equal(t->given[1].table, "documents");
	assert_int_equal(t->given[1].line, 94);
	assert_int_equal(t->n_expect, 1);
	assert_string_equal(t->expect[0].subject, "W1");
	assert_string_equal(t->expect[0].outcome, "pass");
	assert_int_equal(t->expect[0].line, 97);
	t = &r->tests[1];
	assert_string_equal(t->audit_date, "");
	assert_string_equal(t->expect[0].outcome, "fail");
	fa_ruleset_free(rs);
}

static void test_ruleset__minimal_rule_defaults(void **state)
{
	struct fa_ruleset *rs = load_ok("minimal.xml");
	const struct fa_rule *r = &rs->rules[0];

	(void)state;
	assert_string_equal(r->from, "");
	assert_string_equal(r->until, "");
	assert_null(r->source);
	assert_null(r->remedy.nl);
	assert_null(r->remedy.en);
	assert_null(r->question.nl);
	assert_int_equal(r->scope, FA_SCOPE_MEMBER);
	assert_int_equal(r->severity, FA_SEV_OBSERVATION);
	assert_int_equal(r->confidence, FA_CONF_U);
	assert_int_equal(r->tests[0].n_given, 0);
	assert_int_equal(r->check_line, 12);
	fa_ruleset_free(rs);
}

/*
 * The line of a CSV block is found in the bytes: attributes over several
 * lines, CRLF line ends, a namespace prefix, a comment before the text.
 */
static void test_ruleset__csv_lines_in_unusual_layouts(void **state)
{
	static const char xml[] =
	    "<?xml version='1.0'?>\r\n"
	    "<r:ruleset xmlns:r='urn:flexaudit:ruleset:1' id='a' "
	    "edition='1'>\r\n"
	    "<r:title lang='nl'>A</r:title><r:title lang='en'>A</r:title>\r\n"
	    "<r:rule id='R' scope='member' severity='major' confidence='P'>\r\n"
	    "<r:article>A</r:article>\r\n"
	    "<r:title lang='nl'>T</r:title><r:title lang='en'>T</r:title>\r\n"
	    "<r:effective from='2025-01-01'/>\r\n"
	    "<r:reads>workers</r:reads>\r\n"
	    "<r:message lang='nl'>M</r:message>"
	    "<r:message lang='en'>M</r:message>\r\n"
	    "<r:check><!-- one\r\n two -->\r\n  SELECT 1</r:check>\r\n" /* 10 */
	    "<r:test name='a'\r\n"
	    "        audit-date='2025-01-01'>\r\n"
	    "<r:given\r\n"
	    "   table='workers'\r\n"
	    "   >\r\n"
	    "\r\n"
	    "  employee_id\r\n" /* 19 */
	    "  W1\r\n"
	    "</r:given>\r\n"
	    "<r:expect subject='W1' outcome='pass'/>"
	    "<r:expect subject='W2' outcome='fail'/>\r\n"
	    "</r:test></r:rule></r:ruleset>\r\n";
	struct fa_ruleset *rs = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load_str(&rs, xml, &err), FA_OK);
	assert_int_equal(rs->rules[0].check_line, 12);
	assert_int_equal(rs->rules[0].tests[0].given[0].line, 19);
	assert_string_equal(rs->rules[0].tests[0].given[0].csv,
			    "employee_id\nW1");
	fa_ruleset_free(rs);
}

/* ---- meaning checks ------------------------------------------------------ */

static void test_ruleset__until_before_from(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "until_before_from.xml",
	    "until_before_from.xml:5: 'until' (2024-12-31) is before 'from' "
	    "(2025-01-01)",
	    "until_before_from.xml:9: 'until' (2025-02-28) is before 'from' "
	    "(2025-03-01)",
	    "until_before_from.xml:15: 'until' (2025-01-31) is before 'from' "
	    "(2025-02-01)",
	    "until_before_from.xml:24: 'until' (2025-05-01) is before 'from' "
	    "(2025-05-02)");
}

static void test_ruleset__values_overlap_or_unsorted(void **state)
{
	(void)state;
	EXPECT_REFUSED("value_order.xml",
		       "value_order.xml:9: value from 2025-07-01 overlaps the "
		       "value on line 8",
		       "value_order.xml:11: value from 2027-01-01 overlaps the "
		       "value on line 10",
		       "value_order.xml:17: value from 2025-01-01 is out of "
		       "order: it starts before the value on line 16");
}

static void test_ruleset__values_that_do_not_parse(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "bad_values.xml",
	    "bad_values.xml:8: invalid money value '14,4x' for parameter "
	    "'a.money': not a number",
	    "bad_values.xml:13: invalid number value '1,2345678' for "
	    "parameter 'a.number': too many decimals",
	    "bad_values.xml:18: invalid integer value '1.5' for parameter "
	    "'a.integer': not a whole number",
	    "bad_values.xml:23: invalid boolean value 'misschien' for "
	    "parameter 'a.boolean': not yes or no",
	    "bad_values.xml:28: invalid date value '2025-02-30' for "
	    "parameter 'a.date': no such day",
	    "bad_values.xml:33: invalid text value '' for parameter "
	    "'a.text': empty",
	    "bad_values.xml:38: invalid date '1850-01-01' in 'from': year out "
	    "of range");
}

static void test_ruleset__duplicate_names(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "duplicates.xml",
	    "duplicates.xml:11: parameter 'p.x' is defined twice (first on "
	    "line 6)",
	    "duplicates.xml:22: table 't.a' is defined twice (first on line "
	    "16)",
	    "duplicates.xml:28: table 't_a' has the same SQL name 'rs_t_a' as "
	    "table 't.a' on line 16",
	    "duplicates.xml:44: test 'passes' of rule 'R-1' is defined twice "
	    "(first on line 42)",
	    "duplicates.xml:46: rule 'R-1' is defined twice (first on line "
	    "34)");
}

static void test_ruleset__both_languages_needed(void **state)
{
	(void)state;
	EXPECT_REFUSED("languages.xml",
		       "languages.xml:2: rule set 'langs' has no en title",
		       "languages.xml:5: parameter 'p' has no nl title",
		       "languages.xml:11: table 't' has more than one nl title",
		       "languages.xml:12: table 't' has an empty en title",
		       "languages.xml:16: rule 'R-1' has no en message",
		       "languages.xml:16: rule 'R-1' has no en remedy",
		       "languages.xml:16: rule 'R-1' has no nl question");
}

static void test_ruleset__placeholders_well_formed(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "placeholders.xml",
	    "placeholders.xml:11: unbalanced '{' in the nl message "
	    "of rule 'R-1'",
	    "placeholders.xml:12: unbalanced '}' in the en message "
	    "of rule 'R-1'",
	    "placeholders.xml:13: invalid placeholder '{Detail}' in "
	    "the nl remedy of rule 'R-1'",
	    "placeholders.xml:13: invalid placeholder '{}' in the nl "
	    "remedy of rule 'R-1'",
	    "placeholders.xml:15: invalid placeholder '{a-b}' in the "
	    "nl question of rule 'R-1'",
	    "placeholders.xml:16: unbalanced '{' in the en question "
	    "of rule 'R-1'");
}

static void test_ruleset__unknown_tables(void **state)
{
	(void)state;
	/* package_info, package_files and data_quality may be read and
	 * given (line 19 gives package_info): only 'employees' is unknown. */
	EXPECT_REFUSED(
	    "unknown_tables.xml",
	    "unknown_tables.xml:10: unknown table 'employees' in the reads of "
	    "rule 'R-1'",
	    "unknown_tables.xml:10: unknown table 'rs_pks_stars' in the reads "
	    "of rule 'R-1'",
	    "unknown_tables.xml:15: unknown evidence table 'employees' in "
	    "test 'passes' of rule 'R-1'");
}

static void test_ruleset__needs_passing_and_failing_test(void **state)
{
	(void)state;
	EXPECT_REFUSED("pass_fail_missing.xml",
		       "pass_fail_missing.xml:6: rule 'ONLY-PASS' needs a test "
		       "with a passing and a test with a failing outcome",
		       "pass_fail_missing.xml:17: rule 'ONLY-FAIL' needs a "
		       "test with a passing and a test with a failing "
		       "outcome");
}

/* An interview item (with a question) may be tested by review alone. */
static void test_ruleset__review_only_needs_a_question(void **state)
{
	(void)state;
	EXPECT_REFUSED("review_only.xml",
		       "review_only.xml:20: rule 'ASK-2' needs a test with a "
		       "passing and a test with a failing outcome");
}

static void test_ruleset__rule_outside_set_window(void **state)
{
	(void)state;
	EXPECT_REFUSED("rule_window.xml",
		       "rule_window.xml:10: rule 'STARTS-EARLY' is effective "
		       "(2024-12-31 to open) outside its rule set (2025-01-01 "
		       "to 2025-12-31)",
		       "rule_window.xml:22: rule 'ENDS-LATE' is effective "
		       "(2025-03-01 to 2026-01-01) outside its rule set "
		       "(2025-01-01 to 2025-12-31)");
}

static void test_ruleset__rule_window_open_set(void **state)
{
	static const char xml[] =
	    "<ruleset xmlns='urn:flexaudit:ruleset:1' id='a' edition='1'>"
	    "<title lang='nl'>A</title><title lang='en'>A</title>\n"
	    "<effective from='2025-01-01'/>\n"
	    "<rule id='R' scope='member' severity='major' confidence='P'>"
	    "<article>A</article>"
	    "<title lang='nl'>T</title><title lang='en'>T</title>\n"
	    "<effective from='2099-01-01' until='2099-12-31'/>"
	    "<reads>workers</reads>"
	    "<message lang='nl'>M</message><message lang='en'>M</message>"
	    "<check>SELECT 1</check>"
	    "<test name='a'><expect subject='W1' outcome='pass'/>"
	    "<expect subject='W2' outcome='fail'/></test>\n"
	    "<test name='b'><expect subject='W1' outcome='na'/></test>"
	    "</rule></ruleset>";
	struct fa_ruleset *rs = NULL;
	struct fa_error err;

	(void)state;
	/* Inside an open-ended set and with a set-wide start for tests. */
	assert_int_equal(load_str(&rs, xml, &err), FA_OK);
	assert_string_equal(rs->rules[0].until, "2099-12-31");
	fa_ruleset_free(rs);
}

static void test_ruleset__check_is_one_select(void **state)
{
	(void)state;
	/* FINE has comments, ';' in literals, quoted identifiers, a final
	 * ';' and a comment after it: accepted. RESERVED names the engine's
	 * functions in a string, a quoted name and a comment (fine) and in a
	 * call (refused). */
	EXPECT_REFUSED(
	    "check_sql.xml",
	    "check_sql.xml:15: check of rule 'UPDATE' does not "
	    "start with SELECT or WITH",
	    "check_sql.xml:29: check of rule 'TWO' has more than one "
	    "statement",
	    "check_sql.xml:41: check of rule 'SELECTED' does not "
	    "start with SELECT or WITH",
	    "check_sql.xml:55: check of rule 'RESERVED' names "
	    "'FA_LAZY_counted': names starting with 'fa_lazy_' are the "
	    "engine's");
}

static void test_ruleset__table_data_checked(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "table_data.xml",
	    "table_data.xml:16: row has 2 fields but the header has 5",
	    "table_data.xml:17: invalid integer value 'x' for column "
	    "'points_min' of table 'pks.stars': not a whole number",
	    "table_data.xml:17: invalid money value '12.345' for column "
	    "'rent' of table 'pks.stars': too many decimals",
	    "table_data.xml:17: invalid date value '2025-02-30' for column "
	    "'from_date' of table 'pks.stars': no such day",
	    "table_data.xml:17: invalid boolean value 'maybe' for column "
	    "'flag' of table 'pks.stars': not yes or no",
	    "table_data.xml:19: data from 2025-06-01 overlaps the data on "
	    "line 13",
	    "table_data.xml:20: data header 'points_min,stars' of table "
	    "'pks.stars' does not match its columns "
	    "'points_min,stars,rent,from_date,flag'",
	    "table_data.xml:23: data from 2024-01-01 is out of order: it "
	    "starts before the data on line 19",
	    "table_data.xml:30: column 'valid_from' of table 'reserved' has a "
	    "reserved name",
	    "table_data.xml:32: column 'a' of table 'reserved' is declared "
	    "twice");
}

static void test_ruleset__data_block_without_header(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "empty_data.xml",
	    "empty_data.xml:10: data header '' of table 't' does not "
	    "match its columns 'a,b'");
}

static void test_ruleset__tests_checked(void **state)
{
	(void)state;
	/* CSV problems of a given block are located in the rule file; an
	 * unclosed quote is reported at the end (no line). */
	EXPECT_REFUSED(
	    "test_checks.xml",
	    "test_checks.xml:13: test 'passes' of rule 'R-1' needs an "
	    "audit-date: neither the rule nor its rule set has an effective "
	    "date",
	    "test_checks.xml:19: table 'workers' is given twice in test "
	    "'passes' of rule 'R-1' (first on line 15)",
	    "test_checks.xml:22: row has 3 fields but the header has 2",
	    "test_checks.xml:26: subject 'W1' is expected twice in test "
	    "'passes' of rule 'R-1' (first on line 25)",
	    "test_checks.xml: unterminated quoted field starting on line 23");
}

static void test_ruleset__expected_evidence_checked(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "test_evidence.xml",
	    "test_evidence.xml:19: subject 'W1' in test 'evidence' of rule "
	    "'R-1': evidence-table and evidence-row go together",
	    "test_evidence.xml:20: subject 'W2' in test 'evidence' of rule "
	    "'R-1': evidence table 'documents' is not given in the test",
	    "test_evidence.xml:21: subject 'W3' in test 'evidence' of rule "
	    "'R-1': evidence row 3 of table 'workers', which has 2 row(s) in "
	    "the test",
	    "test_evidence.xml:22: subject 'W4' in test 'evidence' of rule "
	    "'R-1': an expected error has no evidence",
	    "test_evidence.xml:23: subject 'W5' in test 'evidence' of rule "
	    "'R-1': evidence-table and evidence-row go together");
	EXPECT_REFUSED("test_evidence_row.xml",
		       "test_evidence_row.xml:18: element 'expect', attribute "
		       "'evidence-row': [facet 'pattern'] The value '0' is not "
		       "accepted by the pattern '[1-9][0-9]{0,8}'");
}

static void test_ruleset__assumed_values_checked(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "test_assume.xml",
	    "test_assume.xml:18: test 'assumptions' of rule 'R-1' assumes "
	    "parameter 't.none', which rule set 'tests' does not define (a "
	    "test may assume only its own set's parameters, defined above the "
	    "rule)",
	    "test_assume.xml:19: invalid integer value 'two' for parameter "
	    "'t.max': not a whole number",
	    "test_assume.xml:20: test 'assumptions' of rule 'R-1' assumes "
	    "parameter 't.max' twice");
}

static void test_ruleset__declared_mismatches_checked(void **state)
{
	(void)state;
	EXPECT_REFUSED("mismatches.xml",
		       "mismatches.xml:5: rule set 'tests' declares mismatches "
		       "against itself: name another rule set",
		       "mismatches.xml:7: mismatches against 'snf' are "
		       "declared twice");
}

static void test_ruleset__schema_problems_passed_through(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "schema_violations.xml",
	    "schema_violations.xml:2: element 'ruleset', attribute 'id': "
	    "[facet 'pattern'] The value 'Bad' is not accepted by the pattern "
	    "'[a-z][a-z0-9\\-]*'",
	    "schema_violations.xml:3: element 'title', attribute 'lang': "
	    "[facet 'enumeration'] The value 'de' is not an element of the "
	    "set {'nl', 'en'}",
	    "schema_violations.xml:4: element 'effective', attribute 'from': "
	    "'2025-02-30' is not a valid value of the atomic type 'day'",
	    "schema_violations.xml:5: element 'rule', attribute 'id': [facet "
	    "'pattern'] The value 'r-1' is not accepted by the pattern "
	    "'[A-Z][A-Z0-9]*(\\-[A-Z0-9.]+)*'",
	    "schema_violations.xml:5: element 'rule', attribute 'scope': "
	    "[facet 'enumeration'] The value 'person' is not an element of "
	    "the set {'member', 'worker', 'document', 'location', 'room', "
	    "'pay-period'}",
	    "schema_violations.xml:5: element 'rule': Missing child "
	    "element(s). Expected is one of ( article-nl, title )");
}

static void test_ruleset__wrong_namespace_refused(void **state)
{
	static const char xml[] =
	    "<ruleset xmlns='urn:flexaudit:ruleset:2' id='a' edition='1'/>";
	struct fa_ruleset *rs = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load_str(&rs, xml, &err), FA_ERR_INPUT);
	assert_null(rs);
	assert_int_equal(err.n, 1);
	assert_int_equal(err.diag[0].line, 1);
}

static void test_ruleset__empty_and_unreadable(void **state)
{
	struct fa_ruleset *rs = NULL;
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_ruleset_load_mem(&rs, "empty.xml", "", 0, &err),
			 FA_ERR_INPUT);
	EXPECT(&err, "empty.xml: document is empty");
	fa_error_init(&err);
	assert_int_equal(fa_ruleset_load(&rs, "no-such.xml", &err), FA_ERR_IO);
	EXPECT(&err, "cannot open 'no-such.xml': No such file or directory");
	fa_error_init(&err);
	assert_int_equal(fa_ruleset_load(&rs, "editions", &err), FA_ERR_IO);
	EXPECT(&err, "cannot read 'editions': Is a directory");
	assert_null(rs);
}

/* More problems than an error record keeps: counted, never overflowed. */
static void test_ruleset__many_problems_counted(void **state)
{
	char *xml = malloc(200000);
	size_t n = 0, i;
	struct fa_ruleset *rs = NULL;
	struct fa_error err;

	(void)state;
	assert_non_null(xml);
	n += (size_t)snprintf(xml + n, 200000 - n,
			      "<ruleset xmlns='urn:flexaudit:ruleset:1' id='a' "
			      "edition='1'><title lang='nl'>A</title>"
			      "<title lang='en'>A</title>\n");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(xml + n, 200000 - n,
				      "<parameter name='p' type='integer'>"
				      "<title lang='nl'>P</title>"
				      "<title lang='en'>P</title>"
				      "<value from='2025-01-01' "
				      "confidence='P'>x</value>"
				      "</parameter>\n");
	snprintf(xml + n, 200000 - n, "</ruleset>");
	assert_int_equal(load_str(&rs, xml, &err), FA_ERR_INPUT);
	assert_null(rs);
	assert_int_equal(err.n, FA_ERROR_DIAGS_MAX);
	/* 100 bad values and 99 repeats. */
	assert_int_equal(err.n + err.n_dropped, 199);
	free(xml);
}

/* ---- several sets -------------------------------------------------------- */

static enum fa_code load_sets(struct fa_rulesets *sets,
			      const char *const *paths, size_t n,
			      struct fa_error *err)
{
	fa_error_init(err);
	return fa_rulesets_load(sets, paths, n, err);
}

static void test_ruleset__directory_in_name_order(void **state)
{
	static const char *const paths[] = { "dir_order" };
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	/* .hidden.xml, notes.txt and "xml" are not rule files. */
	assert_int_equal(load_sets(&sets, paths, 1, &err), FA_OK);
	assert_int_equal(err.n, 0);
	assert_int_equal(sets.n, 2);
	assert_string_equal(sets.sets[0]->path, "dir_order/a-first.xml");
	assert_string_equal(sets.sets[0]->id, "first");
	assert_string_equal(sets.sets[1]->path, "dir_order/b-second.xml");
	fa_rulesets_release(&sets);
	assert_int_equal(sets.n, 0);
	assert_null(sets.sets);
	/* Releasing twice is harmless. */
	fa_rulesets_release(&sets);
}

static void test_ruleset__files_and_directories_mixed(void **state)
{
	static const char *const paths[] = { "minimal.xml", "dir_order/",
					     "valid.xml" };
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	assert_int_equal(load_sets(&sets, paths, 3, &err), FA_OK);
	assert_int_equal(sets.n, 4);
	assert_string_equal(sets.sets[0]->id, "minimal");
	assert_string_equal(sets.sets[1]->path, "dir_order/a-first.xml");
	assert_string_equal(sets.sets[2]->id, "second");
	assert_string_equal(sets.sets[3]->id, "evidence");
	fa_rulesets_release(&sets);
}

static void test_ruleset__newer_edition_replaces(void **state)
{
	static const char *const paths[] = { "editions" };
	struct fa_rulesets sets;
	struct fa_error err;
	const struct fa_param *p;

	(void)state;
	/* 2025.10 is newer than 2025.9, though it sorts first by name. */
	assert_int_equal(load_sets(&sets, paths, 1, &err), FA_OK);
	assert_int_equal(sets.n, 2);
	assert_string_equal(sets.sets[0]->id, "other");
	assert_string_equal(sets.sets[1]->edition, "2025.10");
	p = fa_rulesets_param(&sets, "snf.max_persons");
	assert_non_null(p);
	assert_int_equal(p->confidence, FA_CONF_P);
	assert_int_equal(fa_param_at(p, "2025-06-01")->integer, 2);
	fa_rulesets_release(&sets);
}

static void test_ruleset__same_edition_twice_refused(void **state)
{
	static const char *const paths[] = { "same_edition" };
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	assert_int_equal(load_sets(&sets, paths, 1, &err), FA_ERR_INPUT);
	assert_int_equal(sets.n, 0);
	assert_null(sets.sets);
	EXPECT(&err,
	       "same_edition/snf-2025.7.xml: rule set 'snf' edition "
	       "'2025.7' is also loaded from same_edition/snf-2025-07.xml");
}

static void test_ruleset__checks_across_sets(void **state)
{
	static const char *const paths[] = { "cross_sets" };
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	/* b.xml also calls param('p.a') (defined), param with a name in a
	 * column, myparam('p.other'), and has param('...') in a literal and
	 * a comment: none of those is reported. */
	assert_int_equal(load_sets(&sets, paths, 1, &err), FA_ERR_INPUT);
	assert_int_equal(sets.n, 0);
	EXPECT(
	    &err,
	    "cross_sets/b.xml:17: rule id 'X-1' is also defined in "
	    "cross_sets/a.xml:17",
	    "cross_sets/b.xml:6: parameter 'p.a' is also defined in "
	    "cross_sets/a.xml:6",
	    "cross_sets/b.xml:11: table 't_a' has the same SQL name 'rs_t_a' "
	    "as table 't.a' in cross_sets/a.xml:11",
	    "cross_sets/c.xml:11: table 't.a' is also defined in "
	    "cross_sets/a.xml:11",
	    "cross_sets/b.xml:29: unknown parameter 'p.missing' in the check "
	    "of rule 'X-1'");
}

static void test_ruleset__unknown_param_alone(void **state)
{
	static const char *const paths[] = { "cross_sets/c.xml" };
	static const char *const both[] = { "cross_sets/a.xml",
					    "cross_sets/c.xml" };
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	/* c.xml reads param('p.a'), which a.xml defines. */
	assert_int_equal(load_sets(&sets, paths, 1, &err), FA_ERR_INPUT);
	EXPECT(&err, "cross_sets/c.xml:28: unknown parameter 'p.a' in the "
		     "check of rule 'GAMMA-1'");
	assert_int_equal(load_sets(&sets, both, 2, &err), FA_ERR_INPUT);
	EXPECT(&err, "cross_sets/c.xml:11: table 't.a' is also defined in "
		     "cross_sets/a.xml:11");
}

static void test_ruleset__broken_file_among_good_ones(void **state)
{
	static const char *const paths[] = { "minimal.xml", "nowhere",
					     "languages.xml", "valid.xml" };
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	/* Every file's problems, the first code, nothing kept. */
	assert_int_equal(load_sets(&sets, paths, 4, &err), FA_ERR_IO);
	assert_int_equal(sets.n, 0);
	assert_int_equal(err.n, 8);
	assert_string_equal(err.diag[0].message,
			    "cannot open 'nowhere': No such file or directory");
	assert_string_equal(err.diag[1].where, "languages.xml");
}

static void test_ruleset__lookups_across_sets(void **state)
{
	static const char *const paths[] = { "valid.xml", "dir_order" };
	struct fa_rulesets sets;
	struct fa_error err;
	const struct fa_rule *r;
	const struct fa_table *t;

	(void)state;
	assert_int_equal(load_sets(&sets, paths, 2, &err), FA_OK);
	r = fa_rulesets_rule(&sets, "SECOND-1");
	assert_non_null(r);
	assert_ptr_equal(r->set, sets.sets[2]);
	assert_ptr_equal(fa_rulesets_rule(&sets, "EQ-WORKER-CONTRACT"),
			 &sets.sets[0]->rules[0]);
	assert_null(fa_rulesets_rule(&sets, "eq-worker-contract"));
	assert_ptr_equal(fa_rulesets_param(&sets, "room.min_m2"),
			 param(sets.sets[0], "room.min_m2"));
	assert_null(fa_rulesets_param(&sets, "room"));
	t = fa_rulesets_table(&sets, "pks.stars");
	assert_ptr_equal(t, &sets.sets[0]->tables[0]);
	assert_null(fa_rulesets_table(&sets, "pks_stars"));
	fa_rulesets_release(&sets);
}

static void test_ruleset__no_paths_no_sets(void **state)
{
	struct fa_rulesets sets;
	struct fa_error err;

	(void)state;
	assert_int_equal(load_sets(&sets, NULL, 0, &err), FA_OK);
	assert_int_equal(sets.n, 0);
	fa_rulesets_release(&sets);
}

/*
 * The example of docs/rules.md section 5 (between the EXAMPLE markers, in
 * a ```xml fence) loads: the document cannot drift from the format.
 */
static void test_ruleset__docs_example_loads(void **state)
{
	FILE *f = fopen("../../docs/rules.md", "rb");
	static char doc[200000];
	char *begin, *end;
	size_t n;
	struct fa_ruleset *rs = NULL;
	struct fa_error err;
	const struct fa_rule *r;

	(void)state;
	assert_non_null(f);
	n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = '\0';
	begin = strstr(doc, "<!-- BEGIN EXAMPLE -->\n```xml\n");
	end = strstr(doc, "```\n<!-- END EXAMPLE -->");
	assert_non_null(begin);
	assert_non_null(end);
	begin += strlen("<!-- BEGIN EXAMPLE -->\n```xml\n");
	fa_error_init(&err);
	assert_int_equal(fa_ruleset_load_mem(&rs, "rules.md", begin,
					     (size_t)(end - begin), &err),
			 FA_OK);
	r = &rs->rules[0];
	assert_string_equal(r->id, "MINE-HOURLY-WAGE");
	assert_int_equal(r->scope, FA_SCOPE_PAY_PERIOD);
	assert_int_equal(r->n_tests, 3);
	assert_int_equal(fa_param_at(&rs->params[0], "2025-07-07")->integer,
			 1440);
	fa_ruleset_free(rs);
}

static void test_ruleset__names(void **state)
{
	(void)state;
	assert_string_equal(fa_confidence_name(FA_CONF_P), "P");
	assert_string_equal(fa_confidence_name(FA_CONF_NF), "NF");
	assert_string_equal(fa_scope_name(FA_SCOPE_PAY_PERIOD), "pay-period");
	assert_string_equal(fa_scope_name(FA_SCOPE_MEMBER), "member");
	assert_string_equal(fa_severity_name(FA_SEV_MAJOR), "major");
	assert_string_equal(fa_severity_name(FA_SEV_OBSERVATION),
			    "observation");
}

int main(void)
{
	const char *dir = getenv("FA_FIXTURES");
	char path[1024];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ruleset__valid_set_header),
		cmocka_unit_test(test_ruleset__sha256_of_the_file_bytes),
		cmocka_unit_test(test_ruleset__valid_parameters),
		cmocka_unit_test(test_ruleset__param_at_around_changes),
		cmocka_unit_test(test_ruleset__param_at_gap_has_no_value),
		cmocka_unit_test(test_ruleset__valid_table),
		cmocka_unit_test(test_ruleset__valid_rule),
		cmocka_unit_test(test_ruleset__minimal_rule_defaults),
		cmocka_unit_test(test_ruleset__csv_lines_in_unusual_layouts),
		cmocka_unit_test(test_ruleset__until_before_from),
		cmocka_unit_test(test_ruleset__values_overlap_or_unsorted),
		cmocka_unit_test(test_ruleset__values_that_do_not_parse),
		cmocka_unit_test(test_ruleset__duplicate_names),
		cmocka_unit_test(test_ruleset__both_languages_needed),
		cmocka_unit_test(test_ruleset__placeholders_well_formed),
		cmocka_unit_test(test_ruleset__unknown_tables),
		cmocka_unit_test(test_ruleset__needs_passing_and_failing_test),
		cmocka_unit_test(test_ruleset__review_only_needs_a_question),
		cmocka_unit_test(test_ruleset__rule_outside_set_window),
		cmocka_unit_test(test_ruleset__rule_window_open_set),
		cmocka_unit_test(test_ruleset__check_is_one_select),
		cmocka_unit_test(test_ruleset__table_data_checked),
		cmocka_unit_test(test_ruleset__data_block_without_header),
		cmocka_unit_test(test_ruleset__tests_checked),
		cmocka_unit_test(test_ruleset__expected_evidence_checked),
		cmocka_unit_test(test_ruleset__assumed_values_checked),
		cmocka_unit_test(test_ruleset__declared_mismatches_checked),
		cmocka_unit_test(test_ruleset__schema_problems_passed_through),
		cmocka_unit_test(test_ruleset__wrong_namespace_refused),
		cmocka_unit_test(test_ruleset__empty_and_unreadable),
		cmocka_unit_test(test_ruleset__many_problems_counted),
		cmocka_unit_test(test_ruleset__directory_in_name_order),
		cmocka_unit_test(test_ruleset__files_and_directories_mixed),
		cmocka_unit_test(test_ruleset__newer_edition_replaces),
		cmocka_unit_test(test_ruleset__same_edition_twice_refused),
		cmocka_unit_test(test_ruleset__checks_across_sets),
		cmocka_unit_test(test_ruleset__unknown_param_alone),
		cmocka_unit_test(test_ruleset__broken_file_among_good_ones),
		cmocka_unit_test(test_ruleset__lookups_across_sets),
		cmocka_unit_test(test_ruleset__no_paths_no_sets),
		cmocka_unit_test(test_ruleset__docs_example_loads),
		cmocka_unit_test(test_ruleset__names),
	};

	snprintf(path, sizeof(path), "%s/rulesets", dir ? dir : "fixtures");
	if (chdir(path) != 0) {
		perror(path);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
