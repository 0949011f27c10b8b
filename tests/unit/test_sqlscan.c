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

static void test_sqlscan__top_order_by_only_outside_parentheses(void **state)
{
	static const struct {
		const char *sql;
		int top;
	} cases[] = {
		{ "SELECT a FROM t ORDER BY a", 1 },
		{ "select a from t order\n  -- why\n by a", 1 },
		{ "SELECT a FROM t", 0 },
		{ "WITH s AS (SELECT a FROM t ORDER BY a) SELECT a FROM s", 0 },
		{ "SELECT (SELECT b FROM u ORDER BY b LIMIT 1) FROM t", 0 },
		{ "SELECT row_number() OVER (ORDER BY a) FROM t", 0 },
		{ "SELECT group_concat(a ORDER BY a) FROM t", 0 },
		{ "SELECT 'ORDER BY a' FROM t", 0 },
		{ "SELECT \"order\" FROM t -- ORDER BY a", 0 },
		{ "SELECT a AS border FROM t", 0 },
		{ "SELECT a AS reorder, b AS bypass FROM t", 0 },
		{ "SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1", 1 },
		{ "SELECT a FROM t; SELECT a FROM t ORDER BY a", 0 },
		{ "SELECT a FROM t ORDER", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (fa_sqlscan_top_order_by(cases[i].sql) != cases[i].top)
			fail_msg("%s: expected %d", cases[i].sql, cases[i].top);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_sqlscan__statement_end_skips_quoted_semicolons),
		cmocka_unit_test(test_sqlscan__next_statement_after_the_first),
		cmocka_unit_test(
		    test_sqlscan__top_order_by_only_outside_parentheses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
