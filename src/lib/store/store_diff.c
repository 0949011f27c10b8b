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

static enum fa_code from_run(struct side *sd, struct fa_store *s, int64_t run,
			     struct fa_error *err)
{
	struct fa_store_view view;
	const struct fa_eval *e;
	enum fa_code rc;
	size_t i;

	memset(&view, 0, sizeof(view));
	rc = fa_store_load_run(&sd->a, s, run, &view, err);
	if (rc != FA_OK)
		return rc;
	e = sd->a->e;
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
	snprintf(sd->label, sizeof(sd->label), "run %lld", (long long)run);
	sd->run.label = sd->label;
	sd->run.audit_date = e->audit_date;
	sd->run.findings = sd->f;
	sd->run.n_findings = e->n_findings;
	sd->run.rules = sd->r;
	sd->run.n_rules = e->n_runs;
	return FA_OK;
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
