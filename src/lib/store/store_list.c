/* SPDX-License-Identifier: MIT */
/*
 * `flexaudit runs`: the store's runs, newest first, one line each. Only
 * what the run's cover shows: no personal data. Uses db.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"

static const char *tr(int nl, const char *en, const char *nl_text)
{
	return nl ? nl_text : en;
}

/* A verdict's key (as stored) in the list's language. */
static const char *verdict_text(int nl, const char *key)
{
	if (strcmp(key, "positive") == 0)
		return tr(nl, "positive", "positief");
	if (strcmp(key, "positive-b") == 0)
		return tr(nl, "positive-b", "positief-b");
	if (strcmp(key, "negative") == 0)
		return tr(nl, "negative", "negatief");
	return tr(nl, "incomplete", "onvolledig");
}

static const char *mode_text(int nl, const char *mode)
{
	if (strcmp(mode, "inspection") == 0)
		return tr(nl, "inspection", "inspectie");
	return tr(nl, "self-assessment", "zelfevaluatie");
}

enum fa_code fa_show_runs_text(FILE *out, struct fa_store *s,
			       const char *member, int nl, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t n = 0;
	int row = 0;

	rc = fa_db_prepare(&st, s->db,
			   "SELECT id, stored_at, member_name, kvk, "
			   "abu_number, audit_date, mode, verdict, "
			   "major_fails, minor_fails, n_review FROM runs "
			   "WHERE ?1 IS NULL OR kvk = ?1 OR abu_number = ?1 "
			   "ORDER BY id DESC",
			   err);
	if (rc != FA_OK)
		return rc;
	if (member)
		fa_db_bind_text(st, 1, member, strlen(member));
	else
		fa_db_bind_null(st, 1);
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row) {
		if (!n++)
			fprintf(
			    out,
			    "%-5s %-20s %-10s %-16s %-11s %6s %6s %13s  %s\n",
			    tr(nl, "run", "run"),
			    tr(nl, "stored", "opgeslagen"),
			    tr(nl, "audit date", "auditdatum"),
			    tr(nl, "mode", "soort"),
			    tr(nl, "verdict", "oordeel"), tr(nl, "A", "A"),
			    tr(nl, "B", "B"),
			    tr(nl, "to review", "te beoordelen"),
			    tr(nl, "member", "lid"));
		fprintf(out,
			"%-5lld %-20s %-10s %-16s %-11s %6lld %6lld %13lld  %s "
			"(KvK %s, %s)\n",
			(long long)fa_db_column_int(st, 0),
			fa_db_column_text(st, 1), fa_db_column_text(st, 5),
			mode_text(nl, fa_db_column_text(st, 6)),
			verdict_text(nl, fa_db_column_text(st, 7)),
			(long long)fa_db_column_int(st, 8),
			(long long)fa_db_column_int(st, 9),
			(long long)fa_db_column_int(st, 10),
			fa_db_column_text(st, 2), fa_db_column_text(st, 3),
			fa_db_column_text(st, 4));
	}
	fa_db_finalize(st);
	if (rc == FA_OK && !n)
		fprintf(out, "%s\n",
			member
			    ? tr(nl, "no runs of that member",
				 "geen runs van dat lid")
			    : tr(nl, "no runs stored", "geen runs opgeslagen"));
	return rc;
}

static void copy_col(char *dst, size_t size, struct fa_stmt *st, int i)
{
	const char *v = fa_db_column_text(st, i);

	snprintf(dst, size, "%s", v ? v : "");
}

enum fa_code fa_store_run_summary(struct fa_run_summary *out, int *found,
				  struct fa_store *s, int64_t run,
				  struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	memset(out, 0, sizeof *out);
	*found = 0;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT stored_at, audit_date, mode, verdict, "
			   "major_fails, minor_fails, n_review FROM runs "
			   "WHERE id = ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, run);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row) {
		*found = 1;
		copy_col(out->stored_at, sizeof out->stored_at, st, 0);
		copy_col(out->audit_date, sizeof out->audit_date, st, 1);
		copy_col(out->mode, sizeof out->mode, st, 2);
		copy_col(out->verdict, sizeof out->verdict, st, 3);
		out->major = fa_db_column_int(st, 4);
		out->minor = fa_db_column_int(st, 5);
		out->review = fa_db_column_int(st, 6);
	}
	fa_db_finalize(st);
	return rc;
}
