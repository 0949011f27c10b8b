/* SPDX-License-Identifier: MIT */
/*
 * Tests of the audit entry point through the public header alone: the
 * rule sets' declared comparisons give the report's norm mismatches
 * whatever the sets are called (counted here from the package's own
 * rooms.csv), the progress steps in order, the audit date on and beyond
 * the ends of the package's period, the seed's range, the options'
 * strings copied, and a report format that does not exist.
 * FA_PACKAGES names the packages directory (default build/packages),
 * FA_FIXTURES the fixtures (default fixtures), FA_RULES the bundled rule
 * sets (default rules).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "flexaudit.h"

static char pkg_demo[512], pkg_minimal[512], pairs[512], rooms_csv[512];
static const char *rules_dir;

static int setup(void **state)
{
	const char *pk = getenv("FA_PACKAGES");
	const char *fx = getenv("FA_FIXTURES");

	(void)state;
	pk = pk ? pk : "build/packages";
	fx = fx ? fx : "fixtures";
	rules_dir = getenv("FA_RULES") ? getenv("FA_RULES") : "rules";
	snprintf(pkg_demo, sizeof(pkg_demo), "%s/demo.zip", pk);
	snprintf(pkg_minimal, sizeof(pkg_minimal), "%s/minimal.zip", pk);
	snprintf(pairs, sizeof(pairs), "%s/audit", fx);
	snprintf(rooms_csv, sizeof(rooms_csv), "%s/packages/demo/rooms.csv",
		 fx);
	return 0;
}

/* The report of a in format, as a string (the caller's, free). */
static char *written(const struct fa_audit *a, enum fa_format format)
{
	struct fa_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fa_error_init(&err);
	assert_int_equal(fa_audit_write(f, a, format, &err), FA_OK);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static json_t *written_json(const struct fa_audit *a)
{
	char *s = written(a, FA_FORMAT_JSON);
	json_t *doc = json_loads(s, 0, NULL);

	free(s);
	assert_non_null(doc);
	return doc;
}

/*
 * The rooms of the demo package whose area (decimal comma, fourth
 * column) is at least lo and below hi, read from its CSV file.
 */
static size_t rooms_with_area(double lo, double hi)
{
	FILE *f = fopen(rooms_csv, "r");
	char line[512];
	size_t n = 0, col;
	char *p, *c;

	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f)); /* the header */
	assert_non_null(strstr(line, "room_id;location_id;kind;area_m2;"));
	while (fgets(line, sizeof(line), f)) {
		for (p = line, col = 0; col < 3 && p; col++)
			p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL;
		if (!p || *p == ';')
			continue;
		if ((c = strchr(p, ',')) && c < strchr(p, ';'))
			*c = '.';
		if (strtod(p, NULL) >= lo && strtod(p, NULL) < hi)
			n++;
	}
	fclose(f);
	return n;
}

/*
 * fixtures/audit: set "north" declares <mismatches against="south">;
 * NORTH-AREA passes a room of 10 m2 or more, SOUTH-AREA one of 12 m2 or
 * more (their parameters share the concept "bedroom.area"). So the
 * mismatches are the rooms from 10 up to 12 m2, each passing north and
 * failing south: the audit knows no rule-set id, only the declaration.
 */
static void test_audit__declared_comparison_gives_mismatches(void **state)
{
	struct fa_audit_options opt;
	struct fa_audit *a = NULL;
	struct fa_error err;
	const char *paths[1] = { pairs };
	size_t expect = rooms_with_area(10, 12), n = 0, i;
	json_t *doc, *mm, *m;

	(void)state;
	assert_true(expect > 0);
	memset(&opt, 0, sizeof(opt));
	opt.package = pkg_demo;
	opt.rules = paths;
	opt.n_rules = 1;
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	doc = written_json(a);
	mm = json_object_get(doc, "mismatches");
	assert_true(json_array_size(mm) > 0);
	json_array_foreach(mm, i, m)
	{
		json_t *l = json_object_get(m, "left");
		json_t *r = json_object_get(m, "right");

		if (strcmp(json_string_value(json_object_get(l, "rule")),
			   "NORTH-AREA") != 0 ||
		    strcmp(json_string_value(json_object_get(r, "rule")),
			   "SOUTH-AREA") != 0)
			continue;
		n++;
		assert_string_equal(
		    json_string_value(json_object_get(m, "concept")),
		    "bedroom.area");
		assert_string_equal(
		    json_string_value(json_object_get(m, "kind")),
		    "left-passes-right-fails");
	}
	assert_int_equal(n, expect);
	assert_int_equal(n, json_array_size(mm));
	json_decref(doc);
	fa_audit_free(a);
}

struct steps {
	enum fa_audit_step step[256];
	size_t done[256], total[256];
	size_t n;
};

static void record(void *ctx, enum fa_audit_step step, size_t done,
		   size_t total, const char *rule_id)
{
	struct steps *s = ctx;

	assert_true(s->n < 256);
	assert_true((step == FA_AUDIT_RULE) == (rule_id != NULL));
	s->step[s->n] = step;
	s->done[s->n] = done;
	s->total[s->n] = total;
	s->n++;
}

/* The 3 rules of fixtures/audit (1 in north.xml, 2 in south.xml):
 * loading, the rules, each rule once, the report. */
static void test_audit__progress_in_order(void **state)
{
	struct fa_audit_options opt;
	struct fa_audit *a = NULL;
	struct fa_error err;
	const char *paths[1] = { pairs };
	struct steps s;
	size_t i;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&opt, 0, sizeof(opt));
	opt.package = pkg_demo;
	opt.rules = paths;
	opt.n_rules = 1;
	opt.threads = 1;
	opt.progress = record;
	opt.progress_ctx = &s;
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	assert_int_equal(s.n, 3 + 3);
	assert_int_equal(s.step[0], FA_AUDIT_LOADING);
	assert_int_equal(s.step[1], FA_AUDIT_RULES);
	for (i = 0; i < 3; i++) {
		assert_int_equal(s.step[2 + i], FA_AUDIT_RULE);
		assert_int_equal(s.done[2 + i], i);
		assert_int_equal(s.total[2 + i], 3);
	}
	assert_int_equal(s.step[5], FA_AUDIT_REPORT);
	fa_audit_free(a);
}

/* minimal's manifest: audit period 2025-01-01 to 2025-12-31. */
static enum fa_code run_on(const char *date, int allow, struct fa_error *err)
{
	struct fa_audit_options opt;
	struct fa_audit *a = NULL;
	const char *paths[1] = { rules_dir };
	enum fa_code rc;

	memset(&opt, 0, sizeof(opt));
	opt.package = pkg_minimal;
	opt.rules = paths;
	opt.n_rules = 1;
	opt.audit_date = date;
	opt.allow_date_outside_period = allow;
	fa_error_init(err);
	rc = fa_audit_run(&a, &opt, err);
	assert_true((rc == FA_OK) == (a != NULL));
	fa_audit_free(a);
	return rc;
}

static void test_audit__date_outside_period(void **state)
{
	struct fa_error err;

	(void)state;
	assert_int_equal(run_on("2025-01-01", 0, &err), FA_OK);
	assert_int_equal(run_on("2025-12-31", 0, &err), FA_OK);
	assert_int_equal(run_on("2024-12-31", 0, &err), FA_ERR_USAGE);
	assert_string_equal(err.diag[0].message,
			    "audit date 2024-12-31 is outside the package's "
			    "audit period (2025-01-01 to 2025-12-31): give a "
			    "date inside it, or --allow-date-outside-period");
	assert_int_equal(run_on("2026-01-01", 0, &err), FA_ERR_USAGE);
	assert_int_equal(run_on("2026-01-01", 1, &err), FA_OK);
	/* an invalid date is the evaluation's to refuse */
	assert_int_equal(run_on("2025-02-30", 0, &err), FA_ERR_USAGE);
	assert_non_null(strstr(err.diag[0].message, "is not a date"));
}

static void test_audit__seed_range(void **state)
{
	struct fa_audit_options opt;
	struct fa_audit *a = NULL;
	struct fa_error err;
	const char *paths[1] = { rules_dir };
	json_t *doc, *sample;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	opt.package = pkg_minimal;
	opt.rules = paths;
	opt.n_rules = 1;
	opt.inspection = 1;
	opt.has_seed = 1;
	opt.seed = (uint64_t)INT64_MAX + 1;
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_ERR_USAGE);
	assert_null(a);
	opt.seed = (uint64_t)INT64_MAX;
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	doc = written_json(a);
	sample = json_object_get(json_object_get(doc, "cover"), "sample");
	assert_true(json_integer_value(json_object_get(sample, "seed")) ==
		    INT64_MAX);
	json_decref(doc);
	fa_audit_free(a);
}

/* The report shows the rules chosen after the caller's strings are gone;
 * a selection is an incomplete audit. */
static void test_audit__options_copied(void **state)
{
	struct fa_audit_options opt;
	struct fa_audit *a = NULL;
	struct fa_error err;
	const char *paths[1] = { pairs };
	char *only = strdup("SOUTH-BEDS");
	const char *onlies[1] = { only };
	json_t *doc, *chosen;

	(void)state;
	assert_non_null(only);
	memset(&opt, 0, sizeof(opt));
	opt.package = pkg_demo;
	opt.rules = paths;
	opt.n_rules = 1;
	opt.only = onlies;
	opt.n_only = 1;
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	memset(only, 'x', strlen(only));
	free(only);
	doc = written_json(a);
	chosen = json_object_get(json_object_get(doc, "scope"), "rules_chosen");
	assert_int_equal(json_array_size(chosen), 1);
	assert_string_equal(json_string_value(json_array_get(chosen, 0)),
			    "SOUTH-BEDS");
	assert_int_equal(fa_audit_incomplete(a), 1);
	json_decref(doc);
	fa_audit_free(a);
}

static void test_audit__unknown_format(void **state)
{
	struct fa_audit_options opt;
	struct fa_audit *a = NULL;
	struct fa_error err;
	const char *paths[1] = { pairs };
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	memset(&opt, 0, sizeof(opt));
	opt.package = pkg_demo;
	opt.rules = paths;
	opt.n_rules = 1;
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	assert_int_equal(fa_audit_write(f, a, (enum fa_format)7, &err),
			 FA_ERR_USAGE);
	assert_int_equal(ftell(f), 0);
	fclose(f);
	fa_audit_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_audit__declared_comparison_gives_mismatches),
		cmocka_unit_test(test_audit__progress_in_order),
		cmocka_unit_test(test_audit__date_outside_period),
		cmocka_unit_test(test_audit__seed_range),
		cmocka_unit_test(test_audit__options_copied),
		cmocka_unit_test(test_audit__unknown_format),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
