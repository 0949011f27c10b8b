/* SPDX-License-Identifier: MIT */
/*
 * The query rewrite: a rule's check wrapped so that the rows an audit only
 * counts (pass, n/a) compute their outcome alone, and the reading of
 * SQLite's query plan that decides whether the wrapper is used. Uses db
 * and sqlscan; no SQLite call of its own.
 *
 * Why the plan is read. The wrapper saves work only when SQLite merges
 * ("flattens") the check into it; a check it cannot merge (GROUP BY,
 * DISTINCT, a window function at the top, ...) would be computed whole as
 * a subquery and then copied through the wrapper, which only adds work.
 * Which checks SQLite merges depends on its version's query flattener, so
 * flexaudit asks SQLite: fa_eval_plan_merged runs EXPLAIN QUERY PLAN on the
 * wrapper and looks in the plan's "detail" texts for the wrapper's alias,
 * which SQLite names there ("CO-ROUTINE fa_lazy_q", "SCAN fa_lazy_q") only
 * when the subquery stays a subquery. No other way was found in the
 * SQLite linked here (3.40): sqlite3_stmt_scanstatus needs a build with
 * SQLITE_ENABLE_STMT_SCANSTATUS, the authorizer sees a statement before it
 * is flattened, and the bytecode of EXPLAIN is no more stable than the
 * plan's text, which SQLite documents as subject to change.
 *
 * When that text changes, the decision goes wrong one of two ways. If the
 * alias stopped appearing in the plans of unmerged subqueries, every check
 * would be wrapped: the unmerged ones return the same rows as before (the
 * subquery computes every column, as the check alone does) at some extra
 * cost. If it appeared in merged plans too, no check would be wrapped:
 * each counted row would compute all its columns again, which costs time,
 * and a column that fails or calls param() only on such rows would then
 * count as it does with keep_all (test_eval's lazy test shows that).
 * tests/unit/test_eval_plan.c checks both shapes of the plan against the
 * SQLite that is linked in, so an upgrade that changes them fails there,
 * naming this file.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval_impl.h"
#include "sqlscan.h"

/*
 * The check wrapped so that a row the audit only counts (outcome pass or
 * na) costs its outcome alone (and its subject, to check a sample):
 *   SELECT fa_lazy_outcome(q."outcome") AS "outcome",
 *          CASE WHEN fa_lazy_counted() THEN NULL ELSE q."c" END AS "c", ...
 *   FROM (check) AS q
 * with the outcome first and the other columns in the check's order (q is
 * LAZY_ALIAS). SQLite merges a check it can (one without GROUP BY,
 * DISTINCT, window functions or a compound at the top) into the wrapper,
 * substituting the check's expressions for q's columns, so the other
 * columns (observed, detail, texts formatted in SQL) are computed only for
 * the rows that become findings; on a pay-period rule that is most of its
 * time. The outcome is computed once per row: result columns are computed
 * in order, and each later column asks fa_lazy_counted() what
 * fa_lazy_outcome() saw (fa_db_create_mark_functions; a test of
 * q."outcome" in each column would repeat the whole outcome expression
 * once per column). Kept rows get
 * exactly the values of the check; of the others the C side reads only
 * the outcome (and the subject with a sample). A param() or an error in a
 * column that is not computed has no effect. NULL if the check cannot be
 * wrapped (duplicate column names, too many columns, out of memory): the
 * caller runs it as it is.
 */
#define LAZY_ALIAS "fa_lazy_q"

enum lazy_form { LAZY_CALL, LAZY_CASE };

/* A growing string for lazy_sql; failed once an append did not fit. */
struct sql_buf {
	char *s;
	size_t n, cap;
	int failed;
};

static void sql_add(struct sql_buf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->failed)
		return;
	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (k < 0) {
			b->failed = 1;
			return;
		}
		if ((size_t)k < b->cap - b->n) {
			b->n += (size_t)k;
			return;
		}
		{
			size_t cap = 2 * b->cap + (size_t)k;
			char *g = realloc(b->s, cap);

			if (!g) {
				b->failed = 1;
				return;
			}
			b->s = g;
			b->cap = cap;
		}
	}
}

static char *lazy_sql(const char *check, const struct row *row,
		      int need_subject, enum lazy_form form)
{
	size_t end = fa_sqlscan_statement_end(check);
	struct sql_buf b = { NULL, 0, 0, 0 };
	char q[2 * FA_EVAL_NAME_MAX + 4];
	int c, k;

	/*
	 * SQLite finds q's columns by name ignoring ASCII case: with two
	 * names that differ only in case, one would read the other's value.
	 */
	for (c = 0; c < row->n; c++) {
		if (strlen(row->names[c]) >= FA_EVAL_NAME_MAX)
			return NULL;
		for (k = 0; k < c; k++)
			if (strcasecmp(row->names[c], row->names[k]) == 0)
				return NULL;
	}
	if (row->n != fa_db_column_count(row->st) || end > INT_MAX)
		return NULL;
	b.cap = end + 256;
	b.s = malloc(b.cap);
	if (!b.s)
		return NULL;
	b.s[0] = '\0';
	sql_add(&b, "%s",
		form == LAZY_CALL ? "SELECT fa_lazy_outcome(" LAZY_ALIAS
				    ".\"outcome\") AS \"outcome\""
				  : "SELECT " LAZY_ALIAS
				    ".\"outcome\" AS \"outcome\"");
	for (c = 0; c < row->n; c++) {
		const char *name = row->names[c];
		int plain = need_subject && strcmp(name, "subject") == 0;

		if (strcmp(name, "outcome") == 0)
			continue;
		fa_db_quote_ident(q, sizeof(q), name);
		if (plain)
			sql_add(&b, ", " LAZY_ALIAS ".%s AS %s", q, q);
		else if (form == LAZY_CALL)
			sql_add(&b,
				", CASE WHEN fa_lazy_counted() THEN NULL "
				"ELSE " LAZY_ALIAS ".%s END AS %s",
				q, q);
		else /* compared as the C side does: byte for byte */
			sql_add(&b,
				", CASE WHEN " LAZY_ALIAS ".\"outcome\" "
				"COLLATE BINARY IN ('pass', 'na') THEN NULL "
				"ELSE " LAZY_ALIAS ".%s END AS %s",
				q, q);
	}
	sql_add(&b, " FROM (\n%.*s\n) AS " LAZY_ALIAS, (int)end, check);
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* The check in the wrapper of the given form, prepared, if SQLite merges
 * it there; else NULL. */
static struct fa_stmt *lazy_stmt(struct fa_db *ro, const char *check,
				 const struct row *row, int need_subject,
				 enum lazy_form form)
{
	struct fa_stmt *w = NULL;
	struct fa_error ignore;
	char *sql = lazy_sql(check, row, need_subject, form);

	if (!sql)
		return NULL;
	fa_error_init(&ignore);
	if (fa_eval_plan_merged(ro, sql, LAZY_ALIAS) &&
	    fa_db_prepare(&w, ro, sql, &ignore) != FA_OK)
		w = NULL;
	free(sql);
	return w;
}

/*
 * The wrapped form (lazy_sql) replaces the check if SQLite merges the
 * check into it and it has the same columns. The outcome computed once is
 * tried first; SQLite does not merge a check with an ORDER BY of its own
 * into a query that calls functions, so such a check gets the form that
 * tests the outcome in each column.
 */
void fa_eval_prepare_lazy(struct fa_stmt **st, struct fa_db *ro,
			  const char *check, struct row *row, int need_subject)
{
	struct fa_stmt *w = lazy_stmt(ro, check, row, need_subject, LAZY_CALL);
	int c, k, same;

	/* (neither form merges a check with GROUP BY, DISTINCT, a window
	 * or a compound at its top) */
	if (!w && fa_sqlscan_top_order_by(check))
		w = lazy_stmt(ro, check, row, need_subject, LAZY_CASE);
	if (!w)
		return;
	/* the outcome first, then the others in the check's order */
	same = fa_db_column_count(w) == fa_db_column_count(*st) &&
	       strcmp(fa_db_column_name(w, 0), "outcome") == 0;
	for (c = 0, k = 1; same && c < row->n; c++)
		if (strcmp(row->names[c], "outcome") != 0)
			same = strcmp(fa_db_column_name(w, k++),
				      row->names[c]) == 0;
	if (!same) {
		fa_db_finalize(w);
		return;
	}
	fa_db_finalize(*st);
	*st = w;
	row->st = w;
	for (c = 0; c < row->n; c++)
		row->names[c] = fa_db_column_name(w, c);
}

/* 1 if c can be part of an SQL name as SQLite prints it in a plan. */
static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
}

/* 1 if text names name as a word of its own. */
static int names(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = text; (p = strstr(p, name)) != NULL; p++)
		if ((p == text || !name_char(p[-1])) && !name_char(p[n]))
			return 1;
	return 0;
}

int fa_eval_plan_merged(struct fa_db *db, const char *sql, const char *alias)
{
	static const char explain[] = "EXPLAIN QUERY PLAN ";
	struct fa_stmt *st = NULL;
	struct fa_error ignore;
	size_t n = strlen(sql);
	char *x = malloc(sizeof(explain) + n);
	int row = 0, named = 0, detail = -1, c;

	if (!x)
		return 0;
	memcpy(x, explain, sizeof(explain) - 1);
	memcpy(x + sizeof(explain) - 1, sql, n + 1);
	fa_error_init(&ignore);
	if (fa_db_prepare(&st, db, x, &ignore) != FA_OK) {
		free(x);
		return 0;
	}
	free(x);
	for (c = 0; c < fa_db_column_count(st); c++)
		if (strcmp(fa_db_column_name(st, c), "detail") == 0)
			detail = c;
	/* no detail column: cannot tell, so do not wrap */
	named = detail < 0;
	while (!named) {
		if (fa_db_step(&row, st, &ignore) != FA_OK)
			named = 1; /* cannot tell: do not wrap */
		if (named || !row)
			break;
		named = !fa_db_column_is_null(st, detail) &&
			names(fa_db_column_text(st, detail), alias);
	}
	fa_db_finalize(st);
	return !named;
}
