/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for numfmt.c. The expected texts are written by hand from the
 * notations: Dutch "€ 1.870,00" (euro sign, space, point groups the
 * thousands, comma before the cents), English "€1,870.00".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "numfmt.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_numfmt__money(void **state)
{
	static const struct {
		int64_t cents;
		const char *nl, *en;
	} c[] = {
		{ 0, "\u20ac 0,00", "\u20ac0.00" },
		{ 5, "\u20ac 0,05", "\u20ac0.05" },
		{ -5, "\u20ac -0,05", "-\u20ac0.05" },
		{ 99999, "\u20ac 999,99", "\u20ac999.99" },
		{ 100000, "\u20ac 1.000,00", "\u20ac1,000.00" },
		{ 187000, "\u20ac 1.870,00", "\u20ac1,870.00" },
		{ 5104431, "\u20ac 51.044,31", "\u20ac51,044.31" },
		{ 3244720, "\u20ac 32.447,20", "\u20ac32,447.20" },
		{ 123456789012, "\u20ac 1.234.567.890,12",
		  "\u20ac1,234,567,890.12" },
		/* 2^63 - 1 and -2^63 cents */
		{ INT64_MAX, "\u20ac 92.233.720.368.547.758,07",
		  "\u20ac92,233,720,368,547,758.07" },
		{ INT64_MIN, "\u20ac -92.233.720.368.547.758,08",
		  "-\u20ac92,233,720,368,547,758.08" },
	};
	char buf[FA_NUMFMT_LEN];
	size_t i;

	(void)state;
	assert_string_equal(fa_numfmt_amount(buf, sizeof(buf), -123456, 1),
			    "-1.234,56");
	assert_string_equal(fa_numfmt_amount(buf, sizeof(buf), 123456, 0),
			    "1,234.56");
	for (i = 0; i < N(c); i++) {
		assert_string_equal(
		    fa_numfmt_money(buf, sizeof(buf), c[i].cents, 1), c[i].nl);
		assert_string_equal(
		    fa_numfmt_money(buf, sizeof(buf), c[i].cents, 0), c[i].en);
	}
}

static void test_numfmt__number(void **state)
{
	static const struct {
		double x;
		int decimals;
		const char *nl, *en;
	} c[] = {
		{ 10.5, 2, "10,50", "10.50" },
		{ 10.5, -2, "10,5", "10.5" },
		{ 12.0, -2, "12", "12" },
		{ 12.0, 0, "12", "12" },
		{ 2.346, 2, "2,35", "2.35" },
		{ 0.004, -2, "0", "0" },
		/* no "-0" for a negative value that rounds to zero */
		{ -0.004, 2, "0,00", "0.00" },
		{ -3.25, 2, "-3,25", "-3.25" },
		/* four digits ungrouped, five and more grouped */
		{ 1250.5, -2, "1250,5", "1250.5" },
		{ 12500.5, -2, "12.500,5", "12,500.5" },
		{ 1234567.0, 0, "1.234.567", "1,234,567" },
		{ 1e15, 2, "-", "-" },
	};
	char buf[FA_NUMFMT_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < N(c); i++) {
		assert_string_equal(fa_numfmt_number(buf, sizeof(buf), c[i].x,
						     c[i].decimals, 1),
				    c[i].nl);
		assert_string_equal(fa_numfmt_number(buf, sizeof(buf), c[i].x,
						     c[i].decimals, 0),
				    c[i].en);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt__money),
		cmocka_unit_test(test_numfmt__number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
