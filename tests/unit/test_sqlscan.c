/* SPDX-License-Identifier: MIT */
/*
 * Tests of the SQL scanner: where a statement ends and the next begins,
 * with ';' inside comments, literals and quoted names not counting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sqlscan.h"

static void test_sqlscan__statement_end_skips_quoted_semicolons(void **state)
{
	static const char *const cases[][2] = {
		/* SQL, the statement without its ';' */
		{ "SELECT 1", "SELECT 1" },
		{ "SELECT 1;", "SELECT 1" },
		{ "SELECT 1 ; -- done", "SELECT 1 " },
		{ "SELECT ';' AS a; SELECT 2", "SELECT ';' AS a" },
		{ "SELECT \"a;b\" FROM t -- x;y\n;",
		  "SELECT \"a;b\" FROM t -- x;y\n" },
		{ "SELECT 1 /* ; */ + [c;d]", "SELECT 1 /* ; */ + [c;d]" },
		{ "SELECT 'it''s;' ;", "SELECT 'it''s;' " },
		{ "SELECT 1 /* open ;", "SELECT 1 /* open ;" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t end = fa_sqlscan_statement_end(cases[i][0]);

		assert_int_equal(end, strlen(cases[i][1]));
		assert_memory_equal(cases[i][0], cases[i][1], end);
	}
}

static void test_sqlscan__next_statement_after_the_first(void **state)
{
	(void)state;
	assert_int_equal(fa_sqlscan_next_statement("SELECT 1"), 0);
	assert_int_equal(fa_sqlscan_next_statement("SELECT 1; -- end\n"), 0);
	assert_int_equal(fa_sqlscan_next_statement("SELECT ';'; SELECT 2"), 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_sqlscan__statement_end_skips_quoted_semicolons),
		cmocka_unit_test(test_sqlscan__next_statement_after_the_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
