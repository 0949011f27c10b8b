/* SPDX-License-Identifier: MIT */
/*
 * Waivers in the audit store (docs/waivers.md): a member's waiver file
 * recorded (replacing the member's waivers, in one transaction), and the
 * member's waivers applied to an audit on its audit date: which open
 * findings each active one waives, which are expired or not yet valid,
 * which match nothing (orphans), and the verdict with them. Uses db,
 * waiver (the file and the matching) and the audit's parts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#include "audit_impl.h"
#include "waiver.h"

/* The waiver table's row: kvk, ord, id, rule, subjects, patterns,
 * approver, reason, basis, from, until, source, recorded at. */
#define INSERT_WAIVER                                                      \
	"INSERT INTO waivers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " \
	"?10, ?11, ?12, ?13)"

/* Insert x as the ord-th waiver of kvk through st (INSERT_WAIVER). */
static enum fa_code insert_waiver(struct fa_stmt *st, const char *kvk,
				  int64_t ord, const struct fa_waiver *x,
				  const char *source, const char *now,
				  struct fa_error *err)
{
	char *subj = fa_store_join_lines(x->subjects, x->n_subjects);
	char *pat = fa_store_join_lines(x->patterns, x->n_patterns);
	enum fa_code rc;
	int row;

	if (!subj || !pat) {
		free(subj);
		free(pat);
		return fa_error_nomem(err, NULL);
	}
	fa_store_bind_str(st, 1, kvk);
	fa_db_bind_int(st, 2, ord);
	fa_store_bind_str(st, 3, x->id);
	fa_store_bind_str(st, 4, x->rule_id);
	fa_store_bind_str(st, 5, subj);
	fa_store_bind_str(st, 6, pat);
	fa_store_bind_str(st, 7, x->approver);
	fa_store_bind_str(st, 8, x->reason);
	fa_store_bind_str(st, 9, x->basis);
	fa_store_bind_str(st, 10, x->from);
	fa_store_bind_str(st, 11, x->until);
	fa_store_bind_str(st, 12, source);
	fa_store_bind_str(st, 13, now);
	rc = fa_db_step(&row, st, err);
	fa_db_reset(st);
	free(subj);
	free(pat);
	return rc;
}

enum fa_code fa_store_waive_file(size_t *n, char *kvk, size_t kvk_size,
				 struct fa_store *s, const char *path,
				 struct fa_error *err)
{
	struct fa_waivers *w = NULL;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	char now[32], where[FA_ERROR_WHERE_MAX + 24];
	size_t i;
	int row;

	*n = 0;
	if (kvk_size)
		kvk[0] = '\0';
	rc = fa_waivers_load(&w, path, err);
	if (rc != FA_OK)
		return rc;
	fa_store_now(now);
	rc = fa_store_begin(s, err);
	if (rc == FA_OK)
		rc = fa_db_prepare(&st, s->db,
				   "DELETE FROM waivers WHERE kvk = ?1", err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, w->kvk);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK)
		rc = fa_db_prepare(&st, s->db, INSERT_WAIVER, err);
	for (i = 0; rc == FA_OK && i < w->n; i++) {
		snprintf(where, sizeof(where), "%s:%lu", path, w->w[i].line);
		rc = insert_waiver(st, w->kvk, (int64_t)i, &w->w[i], where, now,
				   err);
	}
	fa_db_finalize(st);
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK)
		fa_store_rollback(s);
	else {
		*n = w->n;
		snprintf(kvk, kvk_size, "%s", w->kvk);
	}
	fa_waivers_free(w);
	return rc;
}

enum fa_code fa_store_waive_one(struct fa_store *s, const char *kvk,
				const struct fa_waiver *x, const char *source,
				struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	char now[32];
	int64_t taken = 0, ord = 0;
	int row = 0;

	fa_store_now(now);
	rc = fa_store_begin(s, err);
	if (rc == FA_OK)
		rc = fa_db_prepare(&st, s->db,
				   "SELECT (SELECT count(*) FROM waivers WHERE "
				   "kvk = ?1 AND id = ?2), (SELECT "
				   "coalesce(max(ord), -1) + 1 FROM waivers "
				   "WHERE kvk = ?1)",
				   err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, kvk);
		fa_store_bind_str(st, 2, x->id);
		rc = fa_db_step(&row, st, err);
		if (rc == FA_OK && row) {
			taken = fa_db_column_int(st, 0);
			ord = fa_db_column_int(st, 1);
		}
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK && taken)
		rc = fa_error_add(err, FA_ERR_USAGE, source, 0, 0,
				  "waiver id '%s' is taken for this member: "
				  "give the waiver an id of its own",
				  x->id);
	if (rc == FA_OK)
		rc = fa_db_prepare(&st, s->db, INSERT_WAIVER, err);
	if (rc == FA_OK)
		rc = insert_waiver(st, kvk, ord, x, source, now, err);
	fa_db_finalize(st);
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK)
		fa_store_rollback(s);
	return rc;
}

/* ---- applied to an audit ---------------------------------------------------
 */

static char *col(struct fa_stmt *st, int c, int *lost)
{
	char *s = strdup(fa_db_column_text(st, c));

	if (!s)
		*lost = 1;
	return s;
}

/* The member's waivers as the store holds them (*out NULL: none). */
static enum fa_code read_waivers(struct fa_waivers **out, struct fa_store *s,
				 const char *kvk, struct fa_error *err)
{
	struct fa_waivers *w;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0, lost = 0;

	*out = NULL;
	w = calloc(1, sizeof(*w));
	if (!w || !(w->kvk = strdup(kvk))) {
		free(w);
		return fa_error_nomem(err, NULL);
	}
	rc =
	    fa_db_prepare(&st, s->db,
			  "SELECT id, rule_id, subjects, patterns, approver, "
			  "reason, basis, valid_from, valid_until FROM waivers "
			  "WHERE kvk = ?1 ORDER BY ord",
			  err);
	if (rc == FA_OK)
		fa_store_bind_str(st, 1, kvk);
	while (rc == FA_OK && (rc = fa_db_step(&row, st, err)) == FA_OK &&
	       row && !lost) {
		struct fa_waiver *grown =
		    realloc(w->w, (w->n + 1) * sizeof(*grown));
		struct fa_waiver *x;

		if (!grown) {
			lost = 1;
			break;
		}
		w->w = grown;
		x = &w->w[w->n++];
		memset(x, 0, sizeof(*x));
		x->id = col(st, 0, &lost);
		x->rule_id = col(st, 1, &lost);
		if (fa_store_split_lines(&x->subjects, &x->n_subjects,
					 fa_db_column_text(st, 2)) != 0 ||
		    fa_store_split_lines(&x->patterns, &x->n_patterns,
					 fa_db_column_text(st, 3)) != 0)
			lost = 1;
		x->approver = col(st, 4, &lost);
		x->reason = col(st, 5, &lost);
		x->basis = col(st, 6, &lost);
		snprintf(x->from, sizeof(x->from), "%s",
			 fa_db_column_text(st, 7));
		snprintf(x->until, sizeof(x->until), "%s",
			 fa_db_column_text(st, 8));
	}
	fa_db_finalize(st);
	if (rc == FA_OK && lost)
		rc = fa_error_nomem(err, NULL);
	if (rc != FA_OK || !w->n) {
		fa_waivers_free(w);
		return rc;
	}
	*out = w;
	return FA_OK;
}

static int open_finding(const struct fa_finding *f)
{
	return f->outcome == FA_OUTCOME_FAIL || f->outcome == FA_OUTCOME_REVIEW;
}

/* The waivers as the report shows them, and which findings they waive. */
static enum fa_code attach(struct fa_audit *a, const struct fa_waivers *w,
			   const size_t *match, const size_t *item_of,
			   size_t n_items, const struct fa_waiver_use *use,
			   struct fa_error *err)
{
	struct fa_eval *e = a->e;
	size_t i, major = 0, minor = 0, waived = 0;

	a->waivers = calloc(w->n + 1, sizeof(*a->waivers));
	if (!a->waivers)
		return fa_error_nomem(err, NULL);
	a->n_waivers = w->n;
	for (i = 0; i < w->n; i++) {
		struct fa_waived *x = &a->waivers[i];

		x->id = strdup(w->w[i].id);
		x->rule_id = strdup(w->w[i].rule_id);
		x->approver = strdup(w->w[i].approver);
		x->reason = strdup(w->w[i].reason);
		x->basis = strdup(w->w[i].basis);
		if (!x->id || !x->rule_id || !x->approver || !x->reason ||
		    !x->basis)
			return fa_error_nomem(err, NULL);
		memcpy(x->from, w->w[i].from, sizeof(x->from));
		memcpy(x->until, w->w[i].until, sizeof(x->until));
		x->state = fa_waiver_state_key(use[i].state);
		x->n_waived = use[i].n_waived;
		x->n_covered_inactive = use[i].n_covered_inactive;
		x->orphan = use[i].orphan;
	}
	for (i = 0; i < n_items; i++) {
		struct fa_finding *f = &e->findings[item_of[i]];

		if (match[i] == SIZE_MAX)
			continue;
		f->waived = &a->waivers[match[i]];
		waived++;
	}
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];

		if (f->outcome != FA_OUTCOME_FAIL || f->waived)
			continue;
		major += fa_finding_severity(f) == FA_SEV_MAJOR;
		minor += fa_finding_severity(f) == FA_SEV_MINOR;
	}
	a->report->waivers = a->waivers;
	a->report->n_waivers = a->n_waivers;
	a->report->n_waived = waived;
	a->report->verdict_waived =
	    fa_report_verdict_of(a->report, major, minor);
	return FA_OK;
}

enum fa_code fa_store_apply_waivers(struct fa_store *s, struct fa_audit *a,
				    struct fa_error *err)
{
	struct fa_eval *e = a->e;
	struct fa_waivers *w = NULL;
	struct fa_waiver_use *use = NULL;
	const char **rules = NULL, **subjects = NULL;
	size_t *match = NULL, *item_of = NULL, n = 0, i;
	enum fa_code rc;

	fa_audit_free_waivers(a);
	rc = read_waivers(&w, s, a->ev->manifest->kvk, err);
	if (rc != FA_OK || !w)
		return rc;
	rules = calloc(e->n_findings + 1, sizeof(*rules));
	subjects = calloc(e->n_findings + 1, sizeof(*subjects));
	match = calloc(e->n_findings + 1, sizeof(*match));
	item_of = calloc(e->n_findings + 1, sizeof(*item_of));
	use = calloc(w->n + 1, sizeof(*use));
	if (!rules || !subjects || !match || !item_of || !use) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	for (i = 0; i < e->n_findings; i++)
		if (open_finding(&e->findings[i])) {
			rules[n] = e->findings[i].rule->id;
			subjects[n] = e->findings[i].subject;
			item_of[n++] = i;
		}
	fa_waivers_match(match, use, w, e->audit_date, rules, subjects, n);
	rc = attach(a, w, match, item_of, n, use, err);
	if (rc != FA_OK)
		fa_audit_free_waivers(a);
out:
	free(rules);
	free(subjects);
	free(match);
	free(item_of);
	free(use);
	fa_waivers_free(w);
	return rc;
}
