/* SPDX-License-Identifier: MIT */
/*
 * Tests of the resource limits: the seconds the command line gives the
 * time limit per rule, at their boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "resource.h"

static void accept_seconds(const char *s, double want)
{
	double v = -1;

	if (fa_resource_parse_seconds(&v, s) != 0)
		fail_msg("'%s' refused", s ? s : "NULL");
	assert_float_equal(v, want, 1e-9);
}

static void refuse_seconds(const char *s)
{
	double v = -1;

	if (fa_resource_parse_seconds(&v, s) == 0)
		fail_msg("'%s' accepted as %g", s ? s : "NULL", v);
}

static void test_resource__seconds(void **state)
{
	(void)state;
	accept_seconds("60", 60);
	accept_seconds("0.5", 0.5);
	accept_seconds("1.25", 1.25);
	accept_seconds("007", 7);
	/* more than 0 */
	accept_seconds("0.001", 0.001);
	refuse_seconds("0");
	refuse_seconds("0.0");
	/* at most a week: 604800 */
	accept_seconds("604800", 604800);
	accept_seconds("604799.9", 604799.9);
	refuse_seconds("604800.1");
	refuse_seconds("604801");
	refuse_seconds("99999999999999999999999");
	/* not a number of seconds */
	refuse_seconds("");
	refuse_seconds(NULL);
	refuse_seconds(".5");
	refuse_seconds("5.");
	refuse_seconds("1e3");
	refuse_seconds("-1");
	refuse_seconds("60s");
	refuse_seconds("1,5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resource__seconds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
