/* SPDX-License-Identifier: MIT */
/* Tests of the SQLite layer: typed round trips, error mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "db.h"

static void test_db__round_trip_types(void **state)
{
	struct fa_db *db = NULL;
	struct fa_stmt *st = NULL;
	struct fa_error e;
	int row = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
	assert_int_equal(fa_db_exec(db,
				    "CREATE TABLE t (i INTEGER, d REAL, "
				    "s TEXT) STRICT",
				    &e),
			 FA_OK);
	assert_int_equal(
	    fa_db_prepare(&st, db, "INSERT INTO t VALUES (?,?,?)", &e), FA_OK);
	fa_db_bind_int(st, 1, INT64_C(9007199254740993));
	fa_db_bind_double(st, 2, 3.25);
	fa_db_bind_text(st, 3, "zo\xc3\xabk-x", 5);
	assert_int_equal(fa_db_step(&row, st, &e), FA_OK);
	assert_int_equal(row, 0);
	fa_db_finalize(st);
	assert_int_equal(
	    fa_db_prepare(&st, db, "SELECT i, d, s, NULL FROM t", &e), FA_OK);
	assert_int_equal(fa_db_step(&row, st, &e), FA_OK);
	assert_int_equal(row, 1);
	assert_int_equal(fa_db_column_count(st), 4);
	assert_string_equal(fa_db_column_name(st, 2), "s");
	assert_true(fa_db_column_int(st, 0) == INT64_C(9007199254740993));
	assert_true(fa_db_column_double(st, 1) == 3.25);
	assert_string_equal(fa_db_column_text(st, 2), "zo\xc3\xabk");
	assert_true(fa_db_column_is_null(st, 3));
	assert_string_equal(fa_db_column_text(st, 3), "");
	fa_db_finalize(st);
	fa_db_close(db);
}

static void test_db__strict_type_violation_is_input(void **state)
{
	struct fa_db *db = NULL;
	struct fa_stmt *st = NULL;
	struct fa_error e;
	int row;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
	assert_int_equal(
	    fa_db_exec(db, "CREATE TABLE t (k TEXT UNIQUE) STRICT", &e), FA_OK);
	assert_int_equal(fa_db_prepare(&st, db, "INSERT INTO t VALUES (?)", &e),
			 FA_OK);
	fa_db_bind_text(st, 1, "a", 1);
	assert_int_equal(fa_db_step(&row, st, &e), FA_OK);
	fa_db_reset(st);
	assert_int_equal(fa_db_step(&row, st, &e), FA_ERR_INPUT);
	assert_string_equal(e.diag[0].message,
			    "database error: UNIQUE constraint failed: t.k");
	fa_db_finalize(st);
	fa_db_close(db);
}

static void test_db__bad_sql_is_internal_with_message(void **state)
{
	struct fa_db *db = NULL;
	struct fa_stmt *st = NULL;
	struct fa_error e;
	int64_t n = -1;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
	assert_int_equal(fa_db_prepare(&st, db, "SELEC 1", &e),
			 FA_ERR_INTERNAL);
	assert_null(st);
	assert_string_equal(e.diag[0].message,
			    "cannot prepare: near \"SELEC\": syntax error");
	fa_error_init(&e);
	assert_int_equal(fa_db_query_int(&n, db, "SELECT 6 * 7", &e), FA_OK);
	assert_int_equal(n, 42);
	fa_db_close(db);
	fa_db_close(NULL);
	fa_db_finalize(NULL);
}

static void test_db__quote_ident(void **state)
{
	char buf[16];

	(void)state;
	fa_db_quote_ident(buf, sizeof(buf), "a\"b");
	assert_string_equal(buf, "\"a\"\"b\"");
	fa_db_quote_ident(buf, 6, "abcdefgh");
	assert_string_equal(buf, "\"ab\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db__round_trip_types),
		cmocka_unit_test(test_db__strict_type_violation_is_input),
		cmocka_unit_test(test_db__bad_sql_is_internal_with_message),
		cmocka_unit_test(test_db__quote_ident),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
