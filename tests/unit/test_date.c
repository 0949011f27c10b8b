/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for date.c. Every expected value is counted by hand from the
 * Gregorian rules (a year of 365 days, one more in a leap year: divisible
 * by 4, not by 100 unless by 400), not taken from the module's output; the
 * working is in the comments.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_date__leap(void **state)
{
	(void)state;
	assert_false(fa_date_leap(1900)); /* divisible by 100, not 400 */
	assert_true(fa_date_leap(2000));  /* divisible by 400 */
	assert_true(fa_date_leap(2024));
	assert_false(fa_date_leap(2025));
	assert_false(fa_date_leap(2100));
	assert_true(fa_date_leap(2400));
	assert_true(fa_date_leap(4));
	assert_false(fa_date_leap(1));
}

static void test_date__days_in_month(void **state)
{
	(void)state;
	assert_int_equal(fa_date_days_in_month(2024, 2), 29);
	assert_int_equal(fa_date_days_in_month(2025, 2), 28);
	assert_int_equal(fa_date_days_in_month(1900, 2), 28);
	assert_int_equal(fa_date_days_in_month(2000, 2), 29);
	assert_int_equal(fa_date_days_in_month(2025, 1), 31);
	assert_int_equal(fa_date_days_in_month(2025, 4), 30);
	assert_int_equal(fa_date_days_in_month(2025, 9), 30);
	assert_int_equal(fa_date_days_in_month(2025, 12), 31);
	assert_int_equal(fa_date_days_in_month(2025, 0), 0);
	assert_int_equal(fa_date_days_in_month(2025, 13), 0);
}

struct valid_case {
	const char *s;
	int parses; /* fa_date_parse accepts it */
	int valid;  /* fa_date_valid accepts it (years 1900..2199) */
};

static const struct valid_case valid_cases[] = {
	{ "2024-02-29", 1, 1 },
	{ "2025-02-29", 0, 0 },
	{ "2025-02-28", 1, 1 },
	{ "1900-02-29", 0, 0 },
	{ "2000-02-29", 1, 1 },
	{ "2025-04-31", 0, 0 },
	{ "2025-04-30", 1, 1 },
	{ "2025-01-32", 0, 0 },
	{ "2025-00-10", 0, 0 },
	{ "2025-13-01", 0, 0 },
	{ "2025-01-00", 0, 0 },
	/* the extreme years of a date flexaudit reads */
	{ "1900-01-01", 1, 1 },
	{ "2199-12-31", 1, 1 },
	{ "1899-12-31", 1, 0 },
	{ "2200-01-01", 1, 0 },
	/* and of date arithmetic */
	{ "0001-01-01", 1, 0 },
	{ "9999-12-31", 1, 0 },
	{ "0000-12-31", 0, 0 },
	/* only YYYY-MM-DD, nothing around it */
	{ "2025-1-01", 0, 0 },
	{ "2025-01-1", 0, 0 },
	{ "25-01-01", 0, 0 },
	{ "2025/01/01", 0, 0 },
	{ "01-01-2025", 0, 0 },
	{ " 2025-01-01", 0, 0 },
	{ "2025-01-01 ", 0, 0 },
	{ "2025-01-01x", 0, 0 },
	{ "2025-01-0", 0, 0 },
	{ "+025-01-01", 0, 0 },
	{ "2025-+1-01", 0, 0 },
	{ "", 0, 0 },
};

static void test_date__parse_and_valid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(valid_cases); i++) {
		const struct valid_case *c = &valid_cases[i];
		int y = -1, m = -1, d = -1;
		int parsed = fa_date_parse(&y, &m, &d, c->s) == 0;

		if (parsed != c->parses || fa_date_valid(c->s) != c->valid)
			fail_msg("'%s': parses %d valid %d, expected %d %d",
				 c->s, parsed, fa_date_valid(c->s), c->parses,
				 c->valid);
	}
	assert_false(fa_date_valid(NULL));
}

static void test_date__parse_fields(void **state)
{
	int y = 0, m = 0, d = 0;

	(void)state;
	assert_int_equal(fa_date_parse(&y, &m, &d, "2024-02-29"), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	/* a refusal leaves the outputs alone */
	assert_int_equal(fa_date_parse(&y, &m, &d, "2025-02-29"), -1);
	assert_int_equal(y, 2024);
	assert_int_equal(fa_date_parse(&y, &m, &d, NULL), -1);
}

static void test_date__format(void **state)
{
	char out[FA_DATE_LEN];

	(void)state;
	assert_int_equal(fa_date_format(out, 2025, 3, 7), 0);
	assert_string_equal(out, "2025-03-07");
	assert_int_equal(fa_date_format(out, 1, 1, 1), 0);
	assert_string_equal(out, "0001-01-01");
	assert_int_equal(fa_date_format(out, 9999, 12, 31), 0);
	assert_string_equal(out, "9999-12-31");
	assert_int_equal(fa_date_format(out, 2025, 2, 29), -1);
	assert_string_equal(out, "");
	assert_int_equal(fa_date_format(out, 10000, 1, 1), -1);
	assert_int_equal(fa_date_format(out, 0, 1, 1), -1);
	assert_int_equal(fa_date_format(out, 2025, 13, 1), -1);
}

static void test_date__day_number(void **state)
{
	(void)state;
	assert_int_equal(fa_date_day_number(1970, 1, 1), 0);
	assert_int_equal(fa_date_day_number(1969, 12, 31), -1);
	/* 1970..1999: 30 x 365 + 7 leap days (1972, 76, ..., 96) */
	assert_int_equal(fa_date_day_number(2000, 1, 1), 10957);
	/* across a year boundary: 2000..2024 add 25 x 365 + 7 leap days
	 * (2000, 04, ..., 24) = 9132 to 10957 */
	assert_int_equal(fa_date_day_number(2025, 1, 1), 20089);
	assert_int_equal(fa_date_day_number(2024, 12, 31), 20088);
	/* across the leap day: Jan 31 + Feb 29 = 60 days into 2024 */
	assert_int_equal(fa_date_day_number(2024, 3, 1) -
			     fa_date_day_number(2024, 1, 1),
			 60);
	/* the extreme years a date flexaudit reads may have:
	 * 1900..1969 is 70 x 365 + 17 leap days (1904..1968; 1900 is none);
	 * 1970..2199 is 230 x 365 + 56 leap days (1972..2196 are 57, less
	 * 2100), so 2199-12-31 is the 84005th day after the epoch */
	assert_int_equal(fa_date_day_number(1900, 1, 1), -25567);
	assert_int_equal(fa_date_day_number(2199, 12, 31), 84005);
	/* the extremes of date arithmetic: 1969 x 365 + 477 leap days
	 * (492 - 19 + 4) before the epoch; 9999 x 365 + 2424 leap days
	 * (2499 - 99 + 24) from 0001-01-01 to 9999-12-31 */
	assert_int_equal(fa_date_day_number(1, 1, 1), -719162);
	assert_int_equal(fa_date_day_number(9999, 12, 31),
			 -719162 + 9999L * 365 + 2424 - 1);
}

/*
 * Walk every day from 0001-01-01 to 9999-12-31 one at a time, by month
 * lengths alone: each day's number is one more than the day before, and
 * the number leads back to the day.
 */
static void test_date__day_number_walk(void **state)
{
	long n = fa_date_day_number(1, 1, 1);
	int y, m, d, yy, mm, dd;

	(void)state;
	for (y = 1; y <= 9999; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= fa_date_days_in_month(y, m); d++) {
				if (fa_date_day_number(y, m, d) != n)
					fail_msg("%04d-%02d-%02d: %ld, not %ld",
						 y, m, d,
						 fa_date_day_number(y, m, d),
						 n);
				fa_date_from_day_number(&yy, &mm, &dd, n);
				if (yy != y || mm != m || dd != d)
					fail_msg("day %ld: %d-%d-%d", n, yy, mm,
						 dd);
				n++;
			}
	/* 1 + the last day's number */
	assert_int_equal(n, 2932897);
}

struct add_case {
	const char *iso;
	long n;
	const char *out; /* NULL: refused */
};

static const struct add_case add_days_cases[] = {
	{ "2024-12-31", 1, "2025-01-01" },
	{ "2025-01-01", -1, "2024-12-31" },
	{ "2024-02-28", 1, "2024-02-29" },
	{ "2024-02-29", 1, "2024-03-01" },
	{ "2025-02-28", 1, "2025-03-01" },
	{ "1900-02-28", 1, "1900-03-01" },
	{ "2000-02-28", 1, "2000-02-29" },
	{ "2024-01-01", 366, "2025-01-01" }, /* 2024 has 366 days */
	{ "2025-01-01", 365, "2026-01-01" },
	{ "2025-03-07", 0, "2025-03-07" },
	/* past the years a date that is read may have, not past 9999 */
	{ "2199-12-31", 1, "2200-01-01" },
	{ "1900-01-01", -1, "1899-12-31" },
	{ "9999-12-30", 1, "9999-12-31" },
	{ "9999-12-31", 1, NULL },
	{ "0001-01-01", -1, NULL },
	{ "0001-01-01", 2932896 + 719162, "9999-12-31" },
	{ "2025-01-01", LONG_MAX, NULL },
	{ "2025-01-01", LONG_MIN, NULL },
	{ "2025-02-29", 1, NULL },
	{ "2025-1-1", 1, NULL },
};

static void test_date__add_days(void **state)
{
	char out[FA_DATE_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < N(add_days_cases); i++) {
		const struct add_case *c = &add_days_cases[i];
		int rc = fa_date_add_days(out, c->iso, c->n);

		if (c->out ? rc != 0 || strcmp(out, c->out) != 0
			   : rc != -1 || out[0] != '\0')
			fail_msg("%s + %ld days: %d '%s', expected '%s'",
				 c->iso, c->n, rc, out,
				 c->out ? c->out : "(refused)");
	}
}

static const struct add_case add_months_cases[] = {
	{ "2025-01-31", 1, "2025-02-28" }, /* clamped to the month's end */
	{ "2024-01-31", 1, "2024-02-29" },
	{ "2025-08-31", 6, "2026-02-28" },
	{ "2025-11-30", 3, "2026-02-28" },
	{ "2025-05-31", 1, "2025-06-30" },
	{ "2025-10-15", 3, "2026-01-15" },
	{ "2025-12-31", 1, "2026-01-31" },
	{ "2025-12-15", 12, "2026-12-15" },
	{ "2025-01-15", 120, "2035-01-15" },
	{ "2199-12-31", 120, "2209-12-31" },
	{ "2025-03-07", 0, "2025-03-07" },
	{ "2025-03-31", -1, "2025-02-28" },
	{ "2025-01-15", -1, "2024-12-15" },
	{ "2025-01-15", -13, "2023-12-15" },
	{ "2025-01-15", -12, "2024-01-15" },
	{ "9999-12-31", 1, NULL },
	{ "9999-11-30", 1, "9999-12-30" },
	{ "0001-01-31", -1, NULL },
	{ "2025-01-01", INT_MAX, NULL },
	{ "2025-01-01", INT_MIN, NULL },
	{ "2025-02-30", 1, NULL },
	{ "", 1, NULL },
};

static void test_date__add_months(void **state)
{
	char out[FA_DATE_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < N(add_months_cases); i++) {
		const struct add_case *c = &add_months_cases[i];
		int rc = fa_date_add_months(out, c->iso, (int)c->n);

		if (c->out ? rc != 0 || strcmp(out, c->out) != 0
			   : rc != -1 || out[0] != '\0')
			fail_msg("%s + %ld months: %d '%s', expected '%s'",
				 c->iso, c->n, rc, out,
				 c->out ? c->out : "(refused)");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__leap),
		cmocka_unit_test(test_date__days_in_month),
		cmocka_unit_test(test_date__parse_and_valid),
		cmocka_unit_test(test_date__parse_fields),
		cmocka_unit_test(test_date__format),
		cmocka_unit_test(test_date__day_number),
		cmocka_unit_test(test_date__day_number_walk),
		cmocka_unit_test(test_date__add_days),
		cmocka_unit_test(test_date__add_months),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
