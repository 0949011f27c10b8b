/* SPDX-License-Identifier: MIT */
/*
 * `flexaudit diff A B`: two audits compared finding by finding (diff.c),
 * each either a stored run, rebuilt with its judgements applied, or a
 * JSON report (json_diff.c reads it). Uses the store, the report's notion
 * of a requirement's object, and diff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#include "audit_impl.h"
#include "diff.h"

/* One side: a rebuilt run, or a JSON report read. */
struct side {
	struct fa_audit *a;
	struct fa_diff_finding *f;
	struct fa_diff_rule *r;
	char **keys;
	size_t n_keys;
	char label[48];
	struct fa_diff_side run;
	struct fa_diff_loaded *file;
};

static void side_free(struct side *s)
{
	size_t i;

	for (i = 0; i < s->n_keys; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->f);
	free(s->r);
	fa_audit_free(s->a);
	fa_diff_loaded_free(s->file);
}

/* The side of a finished audit (borrowed: it must outlive sd). */
static enum fa_code from_audit(struct side *sd, const struct fa_audit *a,
			       struct fa_error *err)
{
	const struct fa_eval *e = a->e;
	size_t i;

	sd->f = calloc(e->n_findings + 1, sizeof(*sd->f));
	sd->keys = calloc(e->n_findings + 1, sizeof(*sd->keys));
	sd->r = calloc(e->n_runs + 1, sizeof(*sd->r));
	if (!sd->f || !sd->keys || !sd->r)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];
		struct fa_diff_finding *d = &sd->f[i];
		size_t len = strlen(f->rule->id) + strlen(f->subject) + 2;

		sd->keys[i] = malloc(len);
		if (!sd->keys[i])
			return fa_error_nomem(err, NULL);
		sd->n_keys++;
		snprintf(sd->keys[i], len, "%s/%s", f->rule->id, f->subject);
		d->key = sd->keys[i];
		d->rule_id = f->rule->id;
		d->subject = f->subject;
		d->object = fa_report_object_of(f);
		d->outcome = fa_outcome_key(f->outcome);
		d->severity = fa_severity_name(fa_finding_severity(f));
		d->observed = f->observed;
		d->observed_nl = f->observed_nl;
		d->expected = f->expected;
		d->deadline = f->deadline[0] ? f->deadline : NULL;
	}
	for (i = 0; i < e->n_runs; i++) {
		const struct fa_rule_run *r = &e->runs[i];

		sd->r[i].rule_id = r->rule->id;
		sd->r[i].ran = r->in_force && !r->error && !r->n_missing;
	}
	sd->run.label = sd->label;
	sd->run.audit_date = e->audit_date;
	sd->run.findings = sd->f;
	sd->run.n_findings = e->n_findings;
	sd->run.rules = sd->r;
	sd->run.n_rules = e->n_runs;
	return FA_OK;
}

static enum fa_code from_run(struct side *sd, struct fa_store *s, int64_t run,
			     struct fa_error *err)
{
	struct fa_store_view view;
	enum fa_code rc;

	memset(&view, 0, sizeof(view));
	rc = fa_store_load(&sd->a, s, run, &view, 0, err);
	if (rc != FA_OK)
		return rc;
	snprintf(sd->label, sizeof(sd->label), "run %lld", (long long)run);
	return from_audit(sd, sd->a, err);
}

static enum fa_code load_side(struct side *sd, struct fa_store *s,
			      const struct fa_diff_input *in,
			      const struct fa_diff_side **out,
			      struct fa_error *err)
{
	enum fa_code rc;

	if (in->file) {
		rc = fa_diff_side_from_json(&sd->file, in->file, err);
		*out = rc == FA_OK ? fa_diff_loaded_side(sd->file) : NULL;
		return rc;
	}
	if (!s)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "run %lld: no store: give --store FILE or "
				    "set FLEXAUDIT_STORE",
				    (long long)in->run);
	rc = from_run(sd, s, in->run, err);
	*out = rc == FA_OK ? &sd->run : NULL;
	return rc;
}

enum fa_code fa_show_diff(FILE *out, struct fa_store *s,
			  const struct fa_diff_input *a,
			  const struct fa_diff_input *b, int json, int nl,
			  int all, struct fa_error *err)
{
	struct side x, y;
	const struct fa_diff_side *sa = NULL, *sb = NULL;
	struct fa_diff *d = NULL;
	enum fa_code rc;

	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	rc = load_side(&x, s, a, &sa, err);
	if (rc == FA_OK)
		rc = load_side(&y, s, b, &sb, err);
	if (rc == FA_OK)
		rc = fa_diff_new(&d, sa, sb, err);
	if (rc == FA_OK)
		d->hide_persisting = !all;
	if (rc == FA_OK)
		rc = json ? fa_diff_write_json(out, d, sa, sb, nl, err)
			  : fa_diff_write_text(out, d, sa, sb, nl, err);
	fa_diff_free(d);
	side_free(&x);
	side_free(&y);
	return rc;
}

/* ---- the follow-up of the member's earlier run ----------------------------
 */

/* The member's latest run stored before `before` (0: any) with an audit
 * date not after date, into *run (0: none). */
static enum fa_code earlier_run(int64_t *run, struct fa_store *s,
				const char *kvk, const char *date,
				int64_t before, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	*run = 0;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT id FROM runs WHERE kvk = ?1 AND audit_date "
			   "<= ?2 AND (?3 = 0 OR id < ?3) ORDER BY id DESC "
			   "LIMIT 1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_text(st, 1, kvk, strlen(kvk));
	fa_db_bind_text(st, 2, date, strlen(date));
	fa_db_bind_int(st, 3, before);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row)
		*run = fa_db_column_int(st, 0);
	fa_db_finalize(st);
	return rc;
}

static int by_deadline(const void *x, const void *y)
{
	const struct fa_report_due *a = x, *b = y;
	int c = strcmp(a->deadline, b->deadline);

	return c ? c : strcmp(a->key, b->key);
}

static int same_object(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Requirement order: rule, location (none first), class. */
static int by_requirement(const void *x, const void *y)
{
	const struct fa_report_due *a = *(const struct fa_report_due *const *)x;
	const struct fa_report_due *b = *(const struct fa_report_due *const *)y;
	int c = strcmp(a->rule_id, b->rule_id);

	if (c)
		return c;
	if (!same_object(a->object, b->object))
		return !a->object   ? -1
		       : !b->object ? 1
				    : strcmp(a->object, b->object);
	return b->major - a->major;
}

/* The due deviations counted per requirement, as the report counts
 * deviations: rule, location of a housing rule, class. */
static enum fa_code count_requirements(struct fa_report_follow_up *fu,
				       struct fa_error *err)
{
	const struct fa_report_due **v = malloc((fu->n_due + 1) * sizeof(*v));
	size_t i, k;

	if (!v)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < fu->n_due; i++)
		v[i] = &fu->due[i];
	qsort(v, fu->n_due, sizeof(*v), by_requirement);
	for (i = 0; i < fu->n_due; i = k) {
		int open = 0;

		for (k = i; k < fu->n_due && by_requirement(&v[i], &v[k]) == 0;
		     k++)
			open |= v[k]->status != FA_DIFF_RESOLVED;
		fu->n_due_requirements++;
		fu->n_open_requirements += open;
	}
	free(v);
	return FA_OK;
}

/* The earlier run's deviations due by date, and the diff's counts. */
static enum fa_code follow_up_of(struct fa_report_follow_up *fu,
				 const struct fa_diff *d, const char *date,
				 struct fa_error *err)
{
	size_t i, n = 0;

	memcpy(fu->counts, d->counts, sizeof(fu->counts));
	for (i = 0; i < d->n_all; i++) {
		const struct fa_diff_finding *f = d->all[i].a;

		n += f && strcmp(f->outcome, "fail") == 0 && f->deadline &&
		     strcmp(f->deadline, date) <= 0;
	}
	fu->due = calloc(n + 1, sizeof(*fu->due));
	if (!fu->due)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < d->n_all; i++) {
		const struct fa_diff_finding *f = d->all[i].a;
		struct fa_report_due *x;

		if (!f || strcmp(f->outcome, "fail") != 0 || !f->deadline ||
		    strcmp(f->deadline, date) > 0)
			continue;
		x = &fu->due[fu->n_due++];
		x->key = strdup(f->key);
		x->rule_id = strdup(f->rule_id);
		x->object = f->object ? strdup(f->object) : NULL;
		if (!x->key || !x->rule_id || (f->object && !x->object))
			return fa_error_nomem(err, NULL);
		snprintf(x->deadline, sizeof(x->deadline), "%s", f->deadline);
		x->major = strcmp(f->severity, "major") == 0;
		x->status = (int)d->all[i].kind;
	}
	qsort(fu->due, fu->n_due, sizeof(*fu->due), by_deadline);
	return count_requirements(fu, err);
}

enum fa_code fa_store_follow_up_before(struct fa_store *s, struct fa_audit *a,
				       int64_t before, struct fa_error *err)
{
	struct side x, y;
	struct fa_diff *d = NULL;
	int64_t run = 0;
	enum fa_code rc;

	fa_audit_free_follow_up(a);
	rc = earlier_run(&run, s, a->ev->manifest->kvk, a->e->audit_date,
			 before, err);
	if (rc != FA_OK || !run)
		return rc;
	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	rc = from_run(&x, s, run, err);
	if (rc == FA_OK)
		rc = from_audit(&y, a, err);
	if (rc == FA_OK)
		rc = fa_diff_new(&d, &x.run, &y.run, err);
	if (rc == FA_OK) {
		a->follow_up = calloc(1, sizeof(*a->follow_up));
		if (!a->follow_up)
			rc = fa_error_nomem(err, NULL);
	}
	if (rc == FA_OK) {
		a->follow_up->run = run;
		snprintf(a->follow_up->audit_date,
			 sizeof(a->follow_up->audit_date), "%s",
			 x.a->e->audit_date);
		rc = follow_up_of(a->follow_up, d, a->e->audit_date, err);
	}
	if (rc == FA_OK)
		a->report->follow_up = a->follow_up;
	else
		fa_audit_free_follow_up(a);
	fa_diff_free(d);
	/* y borrows a: only its arrays are freed */
	y.a = NULL;
	side_free(&y);
	side_free(&x);
	return rc;
}

enum fa_code fa_store_follow_up(struct fa_store *s, struct fa_audit *a,
				struct fa_error *err)
{
	return fa_store_follow_up_before(s, a, 0, err);
}
