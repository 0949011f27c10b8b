/* SPDX-License-Identifier: MIT */
/* Tests of the SQLite layer: typed round trips, error mapping. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db.h"

/* One thread's first database: open, query, close. */
static void *open_one(void *arg)
{
	struct fa_db *db = NULL;
	struct fa_error e;
	int64_t v = 0;
	int *ok = arg;

	fa_error_init(&e);
	*ok = fa_db_open(&db, NULL, &e) == FA_OK &&
	      fa_db_query_int(&v, db, "SELECT 6 * 7", &e) == FA_OK && v == 42;
	fa_db_close(db);
	return NULL;
}

/*
 * The first connections of the process opened on several threads at once
 * (a program that serves two packages at the same time): SQLite is set up
 * once, by one of them, and each connection works. Runs first, before any
 * other test has opened a database; under ThreadSanitizer (make tsan) a
 * set-up that is not done once shows as a race.
 */
static void test_db__first_opens_on_several_threads(void **state)
{
	pthread_t t[4];
	int ok[4] = { 0 }, started[4];
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++)
		started[i] = pthread_create(&t[i], NULL, open_one, &ok[i]) == 0;
	for (i = 0; i < 4; i++) {
		assert_true(started[i]);
		pthread_join(t[i], NULL);
		assert_true(ok[i]);
	}
}

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

/* A bind SQLite refuses (here an index out of range; out of memory in
 * the fault-injection test) fails the next step instead of running the
 * statement with NULL; the step after that runs. */
static void test_db__failed_bind_fails_the_step(void **state)
{
	struct fa_db *db = NULL;
	struct fa_stmt *st = NULL;
	struct fa_error e;
	int row = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
	assert_int_equal(fa_db_prepare(&st, db, "SELECT ?1", &e), FA_OK);
	fa_db_bind_int(st, 2, 7);
	assert_int_equal(fa_db_step(&row, st, &e), FA_ERR_INTERNAL);
	assert_int_equal(row, 0);
	assert_string_equal(e.diag[0].message,
			    "cannot bind a value: column index out of range");
	fa_error_init(&e);
	fa_db_bind_int(st, 1, 7);
	assert_int_equal(fa_db_step(&row, st, &e), FA_OK);
	assert_int_equal(row, 1);
	assert_int_equal(fa_db_column_int(st, 0), 7);
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

static const char *const allowed[] = { "count", "twice", "mark", "marked" };

static int twice(void *ctx, int argc, const struct fa_db_value *argv,
		 struct fa_db_value *res, char *msg, size_t size)
{
	(void)ctx;
	(void)argc;
	if (argv[0].type != FA_DB_INT) {
		snprintf(msg, size, "twice() wants an integer");
		return -1;
	}
	res->type = FA_DB_INT;
	res->i = argv[0].i * 2;
	return 0;
}

/* A read-only, sandboxed second connection on a fresh temporary db. */
static void open_pair(struct fa_db **rw, struct fa_db **ro)
{
	struct fa_error e;

	fa_error_init(&e);
	assert_int_equal(fa_db_open(rw, NULL, &e), FA_OK);
	assert_int_equal(fa_db_exec(*rw,
				    "CREATE TABLE t (x INTEGER) STRICT;"
				    "INSERT INTO t VALUES (1), (2), (3);",
				    &e),
			 FA_OK);
	assert_int_equal(fa_db_open_readonly(ro, fa_db_path(*rw), &e), FA_OK);
	assert_int_equal(
	    fa_db_create_function(*ro, "twice", 1, twice, NULL, &e), FA_OK);
	fa_db_sandbox(*ro, allowed, sizeof(allowed) / sizeof(allowed[0]),
		      1000000, 0);
}

/* Preparing sql on the sandboxed connection must fail with reason. */
static void expect_refused(struct fa_db *ro, const char *sql,
			   const char *reason)
{
	struct fa_stmt *st = NULL;
	struct fa_error e;

	fa_error_init(&e);
	fa_db_budget_reset(ro);
	assert_int_not_equal(fa_db_prepare(&st, ro, sql, &e), FA_OK);
	assert_null(st);
	assert_string_equal(fa_db_sandbox_reason(ro), reason);
}

static void test_db__sandbox_refuses_everything_but_reads(void **state)
{
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_error e;
	int64_t n = 0;

	(void)state;
	open_pair(&rw, &ro);
	expect_refused(ro, "DELETE FROM t",
		       "writes are not allowed (table 't')");
	expect_refused(ro, "INSERT INTO t VALUES (9)",
		       "writes are not allowed (table 't')");
	expect_refused(ro, "ATTACH DATABASE '/tmp/x.db' AS x",
		       "ATTACH and DETACH are not allowed");
	expect_refused(ro, "PRAGMA writable_schema = 1",
		       "PRAGMA 'writable_schema' is not allowed");
	expect_refused(ro, "SELECT load_extension('/tmp/evil.so')",
		       "function 'load_extension' is not allowed");
	/* writefile exists only in the sqlite3 shell: unknown here. */
	fa_error_init(&e);
	assert_int_equal(
	    fa_db_query_int(&n, ro, "SELECT writefile('x', 'y')", &e),
	    FA_ERR_INTERNAL);
	assert_string_equal(e.diag[0].message,
			    "cannot prepare: no such function: writefile");
	expect_refused(ro, "SELECT upper('x')",
		       "function 'upper' is not allowed");
	expect_refused(ro, "CREATE TABLE u (y)",
		       "schema changes and pragmas are not allowed");
	expect_refused(ro, "DROP TABLE t",
		       "schema changes and pragmas are not allowed");
	expect_refused(ro, "SELECT name FROM pragma_table_info('t')",
		       "schema changes and pragmas are not allowed");
	expect_refused(ro, "BEGIN", "transactions are not allowed");
	/* Reads and listed functions work. */
	fa_error_init(&e);
	assert_int_equal(fa_db_query_int(&n, ro, "SELECT count(*) FROM t", &e),
			 FA_OK);
	assert_int_equal(n, 3);
	assert_int_equal(fa_db_query_int(&n, ro, "SELECT twice(21)", &e),
			 FA_OK);
	assert_int_equal(n, 42);
	fa_db_close(ro);
	fa_db_close(rw);
}

static void test_db__step_budget_stops_endless_query(void **state)
{
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_error e;
	int64_t n = 0;

	(void)state;
	open_pair(&rw, &ro);
	fa_error_init(&e);
	fa_db_budget_reset(ro);
	assert_int_not_equal(
	    fa_db_query_int(&n, ro,
			    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL "
			    "SELECT i + 1 FROM r) SELECT count(*) FROM r",
			    &e),
	    FA_OK);
	assert_string_equal(fa_db_sandbox_reason(ro),
			    "stopped after 1000000 steps (the step budget)");
	/* A fresh budget lets the next statement run. */
	fa_db_budget_reset(ro);
	fa_error_init(&e);
	assert_int_equal(fa_db_query_int(&n, ro, "SELECT count(*) FROM t", &e),
			 FA_OK);
	assert_string_equal(fa_db_sandbox_reason(ro), "");
	fa_db_close(ro);
	fa_db_close(rw);
}

/* The time limit stops a statement that the step budget would not stop
 * soon, and a fresh budget lifts it. */
static void test_db__time_limit_stops_slow_query(void **state)
{
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_error e;
	const char *why;
	int64_t n = 0;

	(void)state;
	open_pair(&rw, &ro);
	fa_db_sandbox(ro, allowed, sizeof(allowed) / sizeof(allowed[0]),
		      UINT64_MAX, 0.2);
	fa_error_init(&e);
	assert_int_not_equal(
	    fa_db_query_int(&n, ro,
			    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL "
			    "SELECT i + 1 FROM r) SELECT count(*) FROM r",
			    &e),
	    FA_OK);
	assert_int_equal(fa_db_timed_out(ro), 1);
	why = fa_db_sandbox_reason(ro);
	/* "stopped after 0.2 s (...)", or a little more on a busy machine */
	assert_int_equal(strncmp(why, "stopped after ", 14), 0);
	assert_non_null(strstr(why, " s (the time limit of 0.2 s)"));
	fa_db_budget_reset(ro);
	assert_int_equal(fa_db_timed_out(ro), 0);
	fa_error_init(&e);
	assert_int_equal(fa_db_query_int(&n, ro, "SELECT count(*) FROM t", &e),
			 FA_OK);
	assert_int_equal(n, 3);
	fa_db_close(ro);
	fa_db_close(rw);
}

/* Another thread's stop ends the statement at its next check, and every
 * statement after it. */
static void test_db__interrupt_stops_statements(void **state)
{
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_error e;
	int64_t n = 0;

	(void)state;
	open_pair(&rw, &ro);
	fa_db_interrupt(ro);
	fa_error_init(&e);
	assert_int_not_equal(
	    fa_db_query_int(&n, ro,
			    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL "
			    "SELECT i + 1 FROM r WHERE i < 100000) "
			    "SELECT count(*) FROM r",
			    &e),
	    FA_OK);
	assert_string_equal(fa_db_sandbox_reason(ro), "interrupted");
	fa_db_budget_reset(ro);
	assert_int_not_equal(
	    fa_db_query_int(&n, ro,
			    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL "
			    "SELECT i + 1 FROM r WHERE i < 100000) "
			    "SELECT count(*) FROM r",
			    &e),
	    FA_OK);
	fa_db_close(ro);
	fa_db_close(rw);
}

/*
 * SQLite's heap: an allocation that would pass the limit is refused, and
 * the statement fails as out of memory; under a higher limit the same
 * statement runs. The 8 MB value: hex of 4 MB.
 */
static void test_db__heap_limit_refuses_big_value(void **state)
{
	static const char big[] = "SELECT length(hex(randomblob(4000000)))";
	struct fa_db *rw = NULL;
	struct fa_db_heap before, h;
	struct fa_error e;
	int64_t n = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&rw, NULL, &e), FA_OK);
	fa_db_heap_use(&before);
	assert_true(before.used > 0);
	assert_true(before.peak >= before.used);
	fa_db_heap_limit(before.used + 4 * 1024 * 1024);
	assert_int_equal(fa_db_query_int(&n, rw, big, &e), FA_ERR_NOMEM);
	assert_string_equal(e.diag[0].message, "database error: out of memory");
	fa_db_heap_use(&h);
	assert_true(h.refused > before.refused);
	assert_true(h.used <= before.used + 4 * 1024 * 1024);
	fa_db_heap_limit(before.used + 32 * 1024 * 1024);
	fa_error_init(&e);
	assert_int_equal(fa_db_query_int(&n, rw, big, &e), FA_OK);
	assert_int_equal(n, 8000000);
	fa_db_heap_use(&h);
	assert_true(h.peak > before.used + 8000000);
	fa_db_close(rw);
	fa_db_heap_limit(FA_MEM_DEFAULT_BYTES / FA_MEM_SQLITE_PART);
	/* closing gives the connection's memory back */
	fa_db_heap_use(&h);
	assert_true(h.used < before.used);
}

static void test_db__function_error_fails_statement(void **state)
{
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_error e;
	int64_t n = 0;

	(void)state;
	open_pair(&rw, &ro);
	fa_error_init(&e);
	assert_int_equal(fa_db_query_int(&n, ro, "SELECT twice('x')", &e),
			 FA_ERR_INTERNAL);
	assert_string_equal(e.diag[0].message,
			    "database error: twice() wants an integer");
	fa_db_close(ro);
	fa_db_close(rw);
}

/* mark() in a column is seen by marked() in the columns after it, row by
 * row; a NULL or a number is never one of the texts. */
static void test_db__mark_functions(void **state)
{
	static const char *const counted[] = { "pass", "na" };
	static const int want[][2] = { { 0, 0 }, { 1, 1 }, { 0, 0 } };
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_stmt *st = NULL;
	struct fa_error e;
	int row = 0, i = 0;

	(void)state;
	open_pair(&rw, &ro);
	fa_error_init(&e);
	assert_int_equal(
	    fa_db_create_mark_functions(ro, "mark", "marked", counted, 2, &e),
	    FA_OK);
	assert_int_equal(
	    fa_db_prepare(&st, ro,
			  "SELECT mark(CASE x WHEN 1 THEN 'fail' WHEN 2 "
			  "THEN 'na' END), marked(), marked() + x - x, "
			  "mark(x), marked() FROM t ORDER BY x",
			  &e),
	    FA_OK);
	while (fa_db_step(&row, st, &e) == FA_OK && row) {
		assert_true(i < 3);
		assert_int_equal(fa_db_column_int(st, 1), want[i][0]);
		assert_int_equal(fa_db_column_int(st, 2), want[i][1]);
		assert_int_equal(fa_db_column_int(st, 4), 0);
		i++;
	}
	assert_int_equal(i, 3);
	fa_db_finalize(st);
	fa_db_close(ro);
	fa_db_close(rw);
}

static void test_db__readonly_refuses_writes_without_sandbox(void **state)
{
	struct fa_db *rw = NULL, *ro = NULL;
	struct fa_error e;
	char path[512];

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&rw, NULL, &e), FA_OK);
	assert_int_equal(fa_db_exec(rw, "CREATE TABLE t (x)", &e), FA_OK);
	assert_int_equal(fa_db_open_readonly(&ro, fa_db_path(rw), &e), FA_OK);
	assert_int_not_equal(fa_db_exec(ro, "INSERT INTO t VALUES (1)", &e),
			     FA_OK);
	snprintf(path, sizeof(path), "%s", fa_db_path(rw));
	fa_db_close(ro);
	fa_db_close(rw);
	/* The temporary file goes with its connection. */
	fa_error_init(&e);
	assert_int_not_equal(fa_db_open_readonly(&ro, path, &e), FA_OK);
	assert_null(ro);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db__first_opens_on_several_threads),
		cmocka_unit_test(test_db__round_trip_types),
		cmocka_unit_test(test_db__failed_bind_fails_the_step),
		cmocka_unit_test(test_db__strict_type_violation_is_input),
		cmocka_unit_test(test_db__bad_sql_is_internal_with_message),
		cmocka_unit_test(test_db__quote_ident),
		cmocka_unit_test(test_db__sandbox_refuses_everything_but_reads),
		cmocka_unit_test(test_db__step_budget_stops_endless_query),
		cmocka_unit_test(test_db__time_limit_stops_slow_query),
		cmocka_unit_test(test_db__interrupt_stops_statements),
		cmocka_unit_test(test_db__heap_limit_refuses_big_value),
		cmocka_unit_test(test_db__function_error_fails_statement),
		cmocka_unit_test(test_db__mark_functions),
		cmocka_unit_test(
		    test_db__readonly_refuses_writes_without_sandbox),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
