/* SPDX-License-Identifier: MIT */
/*
 * The inspector's judgements of a run's findings (docs/store.md): recorded
 * all or nothing, each with who, when, the note and the outcome of the
 * finding it decided; applied when the run is rebuilt, so that the
 * report's verdict follows from the judged findings. The latest judgement
 * of a key applies; one whose key the run does not have is kept and
 * reported, never dropped. Uses db and the audit's parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "store_load.h"

#include "judgement.h"

static const char *const verdicts[] = { "accept", "deviation",
					"not-applicable" };

static int verdict_known(const char *v)
{
	size_t i;

	for (i = 0; v && i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
		if (strcmp(v, verdicts[i]) == 0)
			return 1;
	return 0;
}

/* The finding of key in run: its outcome and severity into the buffers;
 * 1 found, 0 not, or -1 (err set). */
static int find(struct fa_stmt *st, const char *key, char *outcome,
		char *severity, struct fa_error *err)
{
	int row = 0;

	fa_db_reset(st);
	fa_store_bind_str(st, 2, key);
	if (fa_db_step(&row, st, err) != FA_OK)
		return -1;
	if (!row)
		return 0;
	snprintf(outcome, 16, "%s", fa_db_column_text(st, 0));
	snprintf(severity, 16, "%s", fa_db_column_text(st, 1));
	return 1;
}

/* Check j against its finding; 0, or -1 with the problem added. */
static int check(const struct fa_store_judgement *j, int found,
		 const char *outcome, const char *rule_severity,
		 struct fa_error *err)
{
	const char *at = j->source ? j->source : "command line";

	if (!j->key || !strchr(j->key, '/') || j->key[0] == '/')
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "invalid key '%s': give RULE-ID/SUBJECT "
				    "as the report's findings name it",
				    j->key ? j->key : ""),
		       -1;
	if (!verdict_known(j->verdict))
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "invalid verdict '%s' for '%s': give "
				    "accept, deviation or not-applicable",
				    j->verdict ? j->verdict : "", j->key),
		       -1;
	if (j->severity && strcmp(j->severity, "major") != 0 &&
	    strcmp(j->severity, "minor") != 0)
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "invalid severity '%s' for '%s': give "
				    "major or minor",
				    j->severity, j->key),
		       -1;
	if (j->severity && strcmp(j->verdict, "deviation") != 0)
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "a severity for '%s', judged %s: only a "
				    "deviation has one",
				    j->key, j->verdict),
		       -1;
	if (!j->note || !*j->note)
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "no note for '%s': say why (--note)",
				    j->key),
		       -1;
	if (!j->by || !*j->by)
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "no name for '%s': say who judges (--by)",
				    j->key),
		       -1;
	if (found && strcmp(outcome, "review") != 0 &&
	    strcmp(outcome, "fail") != 0)
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "'%s' is not open (outcome %s): only "
				    "needs-review items and failures are "
				    "judged",
				    j->key, outcome),
		       -1;
	if (found && !j->severity && strcmp(j->verdict, "deviation") == 0 &&
	    strcmp(rule_severity, "observation") == 0)
		return fa_error_add(err, FA_ERR_USAGE, at, 0, 0,
				    "'%s' is an observation, which is no "
				    "deviation by its rule: give its severity "
				    "(--severity major or minor)",
				    j->key),
		       -1;
	return 0;
}

enum fa_code fa_store_judge(size_t *n_unmatched, struct fa_store *s,
			    int64_t run, const struct fa_store_judgement *j,
			    size_t n, struct fa_error *err)
{
	struct fa_stmt *get = NULL, *put = NULL;
	char outcome[16], severity[16], now[32];
	size_t start = err->n, i;
	enum fa_code rc;
	int64_t exists = 0;
	int found, row;

	*n_unmatched = 0;
	rc = fa_store_begin(s, err);
	if (rc != FA_OK)
		return rc;
	rc = fa_db_prepare(&get, s->db,
			   "SELECT count(*) FROM runs WHERE id = ?1", err);
	if (rc == FA_OK) {
		fa_db_bind_int(get, 1, run);
		rc = fa_db_step(&row, get, err);
		exists = row ? fa_db_column_int(get, 0) : 0;
	}
	fa_db_finalize(get);
	get = NULL;
	if (rc == FA_OK && !exists)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no run %lld in store '%s': 'flexaudit runs' "
				  "lists them",
				  (long long)run, s->path);
	if (rc == FA_OK)
		rc = fa_db_prepare(&get, s->db,
				   "SELECT outcome, severity FROM findings "
				   "WHERE run = ?1 AND key = ?2",
				   err);
	if (rc == FA_OK)
		rc = fa_db_prepare(&put, s->db,
				   "INSERT INTO judgements VALUES (NULL, ?1, "
				   "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				   err);
	if (rc == FA_OK) {
		fa_db_bind_int(get, 1, run);
		fa_db_bind_int(put, 1, run);
	}
	fa_store_now(now);
	for (i = 0; rc == FA_OK && i < n; i++) {
		const char *sev;

		found =
		    find(get, j[i].key ? j[i].key : "", outcome, severity, err);
		if (found < 0) {
			rc = err->code;
			break;
		}
		if (check(&j[i], found, outcome, severity, err) != 0)
			continue; /* every problem is reported */
		*n_unmatched += !found;
		sev = j[i].severity ? j[i].severity
		      : found	    ? severity
				    : "observation";
		fa_store_bind_str(put, 2, j[i].key);
		fa_store_bind_str(put, 3, j[i].verdict);
		fa_store_bind_str(put, 4, sev);
		fa_store_bind_str(put, 5, j[i].note);
		fa_store_bind_str(put, 6, j[i].by);
		fa_store_bind_str(put, 7, now);
		fa_store_bind_str(put, 8,
				  j[i].source ? j[i].source : "command line");
		fa_store_bind_str(put, 9, found ? outcome : NULL);
		rc = fa_db_step(&row, put, err);
		fa_db_reset(put);
	}
	fa_db_finalize(get);
	fa_db_finalize(put);
	if (rc == FA_OK && err->n > start)
		rc = err->code;
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK) {
		fa_store_rollback(s);
		*n_unmatched = 0;
	}
	return rc;
}

/* ---- applied to a rebuilt run -------------------------------------------- */

struct keyed {
	char *key;
	struct fa_finding *f;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key,
		      ((const struct keyed *)b)->key);
}

static enum fa_severity severity_of(const char *s)
{
	return strcmp(s, "major") == 0	 ? FA_SEV_MAJOR
	       : strcmp(s, "minor") == 0 ? FA_SEV_MINOR
					 : FA_SEV_OBSERVATION;
}

/* The finding as judged: its outcome, deadline and the counts. */
static void apply(struct fa_eval *e, struct fa_finding *f, struct fa_judged *j)
{
	const struct fa_rule_run *run = fa_eval_rule_run(e, f->rule);
	enum fa_outcome to = strcmp(j->verdict, "accept") == 0 ? FA_OUTCOME_PASS
			     : strcmp(j->verdict, "deviation") == 0
				 ? FA_OUTCOME_FAIL
				 : FA_OUTCOME_NA;

	j->was = f->outcome;
	if (strcmp(j->verdict, "deviation") != 0)
		j->severity = f->rule->severity;
	e->counts[f->outcome]--;
	e->counts[to]++;
	if (run) {
		struct fa_rule_run *r = (struct fa_rule_run *)run;

		r->counts[f->outcome]--;
		r->counts[to]++;
	}
	f->outcome = to;
	f->judged = j;
	j->applied = 1;
	f->deadline[0] = '\0';
	if (to == FA_OUTCOME_FAIL && j->severity != FA_SEV_OBSERVATION)
		fa_date_add_months(f->deadline, e->audit_date,
				   j->severity == FA_SEV_MAJOR
				       ? f->rule->set->major_months
				       : f->rule->set->minor_months);
}

static enum fa_code read_judgements(struct fa_store_load *l, struct fa_audit *a)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = fa_store_query(
	    &st, l,
	    "SELECT key, verdict, severity, note, by, at, source FROM "
	    "judgements j WHERE run = ?1 AND id = (SELECT max(id) FROM "
	    "judgements k WHERE k.run = ?1 AND k.key = j.key) ORDER BY key");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && !l->lost) {
		struct fa_judged *grown, *j;

		grown = realloc(a->judged, (a->n_judged + 1) * sizeof(*grown));
		if (!grown) {
			l->lost = 1;
			break;
		}
		a->judged = grown;
		j = &a->judged[a->n_judged++];
		memset(j, 0, sizeof(*j));
		j->key = fa_store_col_dup(l, st, 0);
		j->verdict = fa_store_col_dup(l, st, 1);
		j->severity = severity_of(fa_db_column_text(st, 2));
		j->note = fa_store_col_dup(l, st, 3);
		j->by = fa_store_col_dup(l, st, 4);
		j->at = fa_store_col_dup(l, st, 5);
		j->source = fa_store_col_dup(l, st, 6);
		j->was = FA_OUTCOME_NOT_CHECKED;
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

enum fa_code fa_store_apply_judgements(struct fa_store_load *l)
{
	struct fa_audit *a = l->a;
	struct fa_eval *e = a->e;
	struct keyed *idx = NULL, want, *hit;
	enum fa_code rc;
	size_t i, k;

	rc = read_judgements(l, a);
	if (rc != FA_OK || !a->n_judged)
		return rc;
	idx = calloc(e->n_findings + 1, sizeof(*idx));
	if (!idx)
		return fa_error_nomem(l->err, NULL);
	for (i = 0; i < e->n_findings; i++) {
		struct fa_finding *f = &e->findings[i];
		size_t len = strlen(f->rule->id) + strlen(f->subject) + 2;

		idx[i].f = f;
		idx[i].key = malloc(len);
		if (!idx[i].key) {
			rc = fa_error_nomem(l->err, NULL);
			break;
		}
		snprintf(idx[i].key, len, "%s/%s", f->rule->id, f->subject);
	}
	if (rc == FA_OK) {
		qsort(idx, e->n_findings, sizeof(*idx), by_key);
		for (k = 0; k < a->n_judged; k++) {
			want.key = a->judged[k].key;
			hit = bsearch(&want, idx, e->n_findings, sizeof(*idx),
				      by_key);
			if (hit && (hit->f->outcome == FA_OUTCOME_REVIEW ||
				    hit->f->outcome == FA_OUTCOME_FAIL))
				apply(e, hit->f, &a->judged[k]);
		}
		e->n_major_fail = e->n_minor_fail = 0;
		for (i = 0; i < e->n_findings; i++) {
			const struct fa_finding *f = &e->findings[i];

			if (f->outcome != FA_OUTCOME_FAIL)
				continue;
			e->n_major_fail +=
			    fa_finding_severity(f) == FA_SEV_MAJOR;
			e->n_minor_fail +=
			    fa_finding_severity(f) == FA_SEV_MINOR;
		}
	}
	for (i = 0; i < e->n_findings; i++)
		free(idx[i].key);
	free(idx);
	return rc;
}

/* ---- a judgements file --------------------------------------------------- */

enum fa_code fa_store_judge_file(size_t *n_recorded, size_t *n_unmatched,
				 size_t *n_skipped, struct fa_store *s,
				 int64_t run, const char *path,
				 const char *default_by, struct fa_error *err)
{
	struct fa_judgements *file = NULL;
	struct fa_store_judgement *j = NULL;
	char **sources = NULL;
	enum fa_code rc;
	size_t i;

	*n_recorded = *n_unmatched = *n_skipped = 0;
	rc = fa_judgements_load(&file, path, default_by, err);
	if (rc != FA_OK)
		return rc;
	j = calloc(file->n + 1, sizeof(*j));
	sources = calloc(file->n + 1, sizeof(*sources));
	if (!j || !sources) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	for (i = 0; i < file->n; i++) {
		const struct fa_judgement *x = &file->j[i];
		size_t len = strlen(path) + 24;

		sources[i] = malloc(len);
		if (!sources[i]) {
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
		if (x->line)
			snprintf(sources[i], len, "%s:%lu", path, x->line);
		else
			snprintf(sources[i], len, "%s", path);
		j[i].key = x->key;
		j[i].verdict = fa_judgement_verdict_key(x->verdict);
		j[i].severity = x->severity < 0		      ? NULL
				: x->severity == FA_SEV_MAJOR ? "major"
							      : "minor";
		j[i].note = x->note;
		j[i].by = x->by;
		j[i].source = sources[i];
	}
	rc = fa_store_judge(n_unmatched, s, run, j, file->n, err);
	if (rc == FA_OK) {
		*n_recorded = file->n;
		*n_skipped = file->n_skipped;
	}
out:
	for (i = 0; sources && i < file->n; i++)
		free(sources[i]);
	free(sources);
	free(j);
	fa_judgements_free(file);
	return rc;
}
