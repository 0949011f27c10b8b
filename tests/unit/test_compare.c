/* SPDX-License-Identifier: MIT */
/*
 * Tests of norm comparison on fixtures/compare/{left,right}.xml: equal,
 * stricter by a min or max limit, different without a limit, one side
 * only, and the date since which each relation holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compare.h"

static struct fa_rulesets sets;

static int setup(void **state)
{
	const char *dir = getenv("FA_FIXTURES");
	char l[512], r[512];
	const char *paths[2] = { l, r };
	struct fa_error e;

	(void)state;
	snprintf(l, sizeof(l), "%s/compare/left.xml", dir ? dir : "fixtures");
	snprintf(r, sizeof(r), "%s/compare/right.xml", dir ? dir : "fixtures");
	fa_error_init(&e);
	return fa_rulesets_load(&sets, paths, 2, &e) == FA_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fa_rulesets_release(&sets);
	return 0;
}

static const struct fa_comparison *get(const struct fa_comparison *c,
				       size_t n, const char *concept)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].concept, concept) == 0)
			return &c[i];
	fail_msg("no concept %s", concept);
	return NULL;
}

static void expect(const char *date, const char *concept,
		   enum fa_relation rel, const char *since)
{
	struct fa_comparison *c = NULL;
	struct fa_error e;
	size_t n = 0;
	const struct fa_comparison *x;

	fa_error_init(&e);
	assert_int_equal(fa_compare(&c, &n, &sets, "left", "right", date, &e),
			 FA_OK);
	assert_int_equal(n, 4);
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
}

static void test_compare__unknown_set_and_bad_date(void **state)
{
	struct fa_comparison *c = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_compare(&c, &n, &sets, "left", "cao", "2025-01-01",
				    &e),
			 FA_ERR_USAGE);
	assert_string_equal(e.diag[0].message, "no rule set 'cao' is loaded");
	fa_error_init(&e);
	assert_int_equal(fa_compare(&c, &n, &sets, "left", "right",
				    "2025-02-30", &e),
			 FA_ERR_USAGE);
	assert_string_equal(e.diag[0].message,
			    "date '2025-02-30' is not a date (YYYY-MM-DD)");
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare__relations_and_since),
		cmocka_unit_test(test_compare__unknown_set_and_bad_date),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
