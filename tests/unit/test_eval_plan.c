/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for eval_plan.c, the query rewrite, against the SQLite that is
 * linked in. The first test pins what the rewrite reads in SQLite's
 * EXPLAIN QUERY PLAN output, a text SQLite documents as subject to change:
 * if an upgrade changes it, that test fails and says where to look.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "eval_impl.h"

#define ALIAS "fa_lazy_q"

/* Merged by every SQLite since the flattener exists: a plain SELECT. */
static const char merged_sql[] =
    "SELECT " ALIAS ".subject, " ALIAS ".outcome FROM (\n"
    "SELECT subject, outcome FROM t WHERE v > 1\n) AS " ALIAS;
/* Never merged: an aggregate subquery in a query that is not one. */
static const char kept_sql[] =
    "SELECT " ALIAS ".subject FROM (\n"
    "SELECT subject, max(outcome) AS outcome FROM t GROUP BY subject\n"
    ") AS " ALIAS;

static const char *const counted[] = { "pass", "na" };

/* A database with table t and the functions the wrapper calls. */
static struct fa_db *open_db(void)
{
	struct fa_db *db = NULL;
	struct fa_error e;

	fa_error_init(&e);
	assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
	assert_int_equal(
	    fa_db_exec(db,
		       "CREATE TABLE t (subject TEXT, outcome TEXT, v INTEGER);"
		       "INSERT INTO t VALUES ('W1', 'pass', 1), ('W2', "
		       "'fail', 2), ('W3', 'na', 3), ('W4', 'fail', 4);",
		       &e),
	    FA_OK);
	assert_int_equal(fa_db_create_mark_functions(db, "fa_lazy_outcome",
						     "fa_lazy_counted", counted,
						     2, &e),
			 FA_OK);
	return db;
}

static int isalnum_c(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* 1 if text has word as a word of its own (letters, digits, '_'). */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(text, word); p; p = strstr(p + 1, word)) {
		int before = p > text && (p[-1] == '_' || isalnum_c(p[-1]));
		int after = p[n] == '_' || isalnum_c(p[n]);

		if (!before && !after)
			return 1;
	}
	return 0;
}

/*
 * The plan of sql as SQLite gives it: every row's columns, one line per
 * row, into buf; *has_detail says whether a column is named "detail".
 */
static void plan_text(char *buf, size_t size, int *has_detail, struct fa_db *db,
		      const char *sql)
{
	struct fa_stmt *st = NULL;
	struct fa_error e;
	char x[1024];
	size_t off = 0;
	int row = 0, c;

	snprintf(x, sizeof(x), "EXPLAIN QUERY PLAN %s", sql);
	fa_error_init(&e);
	assert_int_equal(fa_db_prepare(&st, db, x, &e), FA_OK);
	*has_detail = 0;
	for (c = 0; c < fa_db_column_count(st); c++)
		*has_detail |= strcmp(fa_db_column_name(st, c), "detail") == 0;
	buf[0] = '\0';
	while (fa_db_step(&row, st, &e) == FA_OK && row)
		for (c = 0; c < fa_db_column_count(st) && off < size; c++)
			off += (size_t)snprintf(
			    buf + off, size - off, "%s%s",
			    fa_db_column_text(st, c),
			    c + 1 < fa_db_column_count(st) ? " | " : "\n");
	fa_db_finalize(st);
}

/*
 * What fa_eval_plan_merged relies on: the plan has a "detail" column; a
 * subquery SQLite keeps is named there by its alias; a merged one is not,
 * while the table it reads is. Should this fail after an upgrade of
 * SQLite, read the comment at the top of src/lib/eval_plan.c.
 */
static void test_eval_plan__sqlite_plan_shape(void **state)
{
	struct fa_db *db = open_db();
	char merged[2048], kept[2048];
	int d1 = 0, d2 = 0;

	(void)state;
	plan_text(merged, sizeof(merged), &d1, db, merged_sql);
	plan_text(kept, sizeof(kept), &d2, db, kept_sql);
	if (!d1 || !d2)
		fail_msg("SQLite's EXPLAIN QUERY PLAN has no 'detail' column "
			 "any more: src/lib/eval_plan.c cannot read it");
	if (!has_word(kept, ALIAS))
		fail_msg("SQLite's EXPLAIN QUERY PLAN no longer names a "
			 "subquery it keeps by its alias '%s' (plan:\n%s); "
			 "src/lib/eval_plan.c would wrap checks SQLite does "
			 "not merge",
			 ALIAS, kept);
	if (has_word(merged, ALIAS) || !has_word(merged, "t"))
		fail_msg("SQLite's EXPLAIN QUERY PLAN of a merged subquery "
			 "names its alias '%s', or not the table it reads "
			 "(plan:\n%s); src/lib/eval_plan.c would wrap no check",
			 ALIAS, merged);
	fa_db_close(db);
}

static void test_eval_plan__merged(void **state)
{
	struct fa_db *db = open_db();
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_eval_plan_merged(db, merged_sql, ALIAS), 1);
	assert_int_equal(fa_eval_plan_merged(db, kept_sql, ALIAS), 0);
	/* a plan that cannot be read: do not wrap */
	assert_int_equal(fa_eval_plan_merged(db, "SELECT nonsense FROM", ALIAS),
			 0);
	/* the alias as a word, not as the start of a longer name */
	assert_int_equal(fa_db_exec(db,
				    "CREATE TABLE " ALIAS "x (a INTEGER, b "
				    "INTEGER)",
				    &e),
			 FA_OK);
	assert_int_equal(fa_eval_plan_merged(db,
					     "SELECT " ALIAS ".a FROM (SELECT "
					     "a FROM " ALIAS "x) AS " ALIAS,
					     ALIAS),
			 1);
	assert_int_equal(fa_eval_plan_merged(db,
					     "SELECT " ALIAS ".a FROM (SELECT "
					     "DISTINCT a FROM " ALIAS
					     "x) AS " ALIAS,
					     ALIAS),
			 0);
	fa_db_close(db);
}

/* check prepared on db, with row naming its columns. */
static struct fa_stmt *prepare(struct row *row, struct fa_db *db,
			       const char *check)
{
	struct fa_error e;
	struct fa_stmt *st = NULL;
	int c;

	fa_error_init(&e);
	assert_int_equal(fa_db_prepare(&st, db, check, &e), FA_OK);
	memset(row, 0, sizeof(*row));
	row->st = st;
	row->n = fa_db_column_count(st);
	for (c = 0; c < row->n; c++)
		row->names[c] = fa_db_column_name(st, c);
	return st;
}

/*
 * Every row of st as "subject,outcome,detail" lines (NULL as "-") into
 * buf, reading the columns by the names in row.
 */
static void rows_text(char *buf, size_t size, const struct row *row)
{
	struct fa_error e;
	size_t off = 0;
	int r = 0;

	fa_error_init(&e);
	buf[0] = '\0';
	while (fa_db_step(&r, row->st, &e) == FA_OK && r && off < size) {
		const char *s = fa_eval_row_get(row, "subject", NULL),
			   *o = fa_eval_row_get(row, "outcome", NULL),
			   *d = fa_eval_row_get(row, "detail", NULL);

		off += (size_t)snprintf(buf + off, size - off, "%s,%s,%s\n",
					s ? s : "-", o ? o : "-", d ? d : "-");
	}
}

/*
 * A check SQLite merges is replaced by the wrapper: the outcome first,
 * counted rows (pass, na) without their other columns, the subject kept
 * only when asked; in the form for a check with an ORDER BY of its own as
 * well. A check it does not merge is left as it is.
 */
static void test_eval_plan__prepare_lazy(void **state)
{
	static const char check[] =
	    "SELECT subject, outcome, v * 10 AS detail FROM t";
	static const char ordered[] = "SELECT subject, outcome, v * 10 AS "
				      "detail FROM t ORDER BY v DESC";
	static const char grouped[] =
	    "SELECT subject, max(outcome) AS outcome, sum(v) AS detail FROM t "
	    "GROUP BY subject ORDER BY subject";
	struct fa_db *db = open_db();
	struct fa_stmt *st, *before;
	struct row row;
	char got[512];

	(void)state;
	st = before = prepare(&row, db, check);
	fa_eval_prepare_lazy(&st, db, check, &row, 0);
	assert_ptr_not_equal(st, before);
	assert_ptr_equal(row.st, st);
	assert_int_equal(row.n, 3);
	assert_string_equal(row.names[0], "outcome");
	assert_string_equal(row.names[1], "subject");
	assert_string_equal(row.names[2], "detail");
	rows_text(got, sizeof(got), &row);
	assert_string_equal(got, "-,pass,-\n"
				 "W2,fail,20\n"
				 "-,na,-\n"
				 "W4,fail,40\n");
	fa_db_finalize(st);

	st = prepare(&row, db, check);
	fa_eval_prepare_lazy(&st, db, check, &row, 1);
	rows_text(got, sizeof(got), &row);
	assert_string_equal(got, "W1,pass,-\n"
				 "W2,fail,20\n"
				 "W3,na,-\n"
				 "W4,fail,40\n");
	fa_db_finalize(st);

	st = before = prepare(&row, db, ordered);
	fa_eval_prepare_lazy(&st, db, ordered, &row, 0);
	assert_ptr_not_equal(st, before);
	rows_text(got, sizeof(got), &row);
	assert_string_equal(got, "W4,fail,40\n"
				 "-,na,-\n"
				 "W2,fail,20\n"
				 "-,pass,-\n");
	fa_db_finalize(st);

	st = before = prepare(&row, db, grouped);
	fa_eval_prepare_lazy(&st, db, grouped, &row, 0);
	assert_ptr_equal(st, before);
	assert_string_equal(row.names[0], "subject");
	rows_text(got, sizeof(got), &row);
	assert_string_equal(got, "W1,pass,1\n"
				 "W2,fail,2\n"
				 "W3,na,3\n"
				 "W4,fail,4\n");
	fa_db_finalize(st);
	fa_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_plan__sqlite_plan_shape),
		cmocka_unit_test(test_eval_plan__merged),
		cmocka_unit_test(test_eval_plan__prepare_lazy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
