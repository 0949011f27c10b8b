/* SPDX-License-Identifier: MIT */
/*
 * A stored run made a finished audit again, from the store alone: the
 * rule sets from the files the run kept, the package's manifest, tables
 * and data-quality findings without its data, the sample, how each rule
 * went and every finding kept; then the report is built as the audit
 * built it (fa_audit_build_report), with what it shows of the package
 * (locations, documents, people) taken from the run instead of the
 * evidence database. So the report of a run is the report its audit
 * wrote, in whatever language and format is asked now. Uses db, the
 * rule-set loader, manifest, schema, strset and the audit's parts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_load.h"

#include "audit_impl.h"
#include "manifest.h"
#include "schema.h"
#include "strset.h"

char *fa_store_col_dup(struct fa_store_load *l, struct fa_stmt *st, int c)
{
	char *s;

	if (fa_db_column_is_null(st, c))
		return NULL;
	s = strdup(fa_db_column_text(st, c));
	if (!s)
		l->lost = 1;
	return s;
}

enum fa_code fa_store_query(struct fa_stmt **st, struct fa_store_load *l,
			    const char *sql)
{
	enum fa_code rc = fa_db_prepare(st, l->s->db, sql, l->err);

	if (rc == FA_OK)
		fa_db_bind_int(*st, 1, l->run);
	return rc;
}

enum fa_code fa_store_settle(struct fa_store_load *l, enum fa_code rc)
{
	if (rc == FA_OK && l->lost)
		return fa_error_nomem(l->err, NULL);
	return rc;
}

/* ---- the run's row ------------------------------------------------------- */

static enum fa_code read_run(struct fa_store_load *l, struct fa_evidence *ev,
			     struct fa_eval *e)
{
	struct fa_stmt *st = NULL;
	struct fa_db_value v;
	enum fa_code rc;
	int row = 0, i;

	rc = fa_store_query(
	    &st, l,
	    "SELECT audit_date, mode, sample_seed, sample_population, "
	    "personal, rules_named, bundled_known, generated_at, "
	    "package_path, package_sha256, package_bytes, "
	    "files_verified, pay_period_duplicates, manifest, "
	    "major_fails, minor_fails, n_pass, n_fail, n_na, n_review, "
	    "n_error, n_not_checked, n_findings "
	    "FROM runs WHERE id = ?1");
	if (rc == FA_OK)
		rc = fa_db_step(&row, st, l->err);
	if (rc == FA_OK && !row)
		rc = fa_error_add(l->err, FA_ERR_USAGE, NULL, 0, 0,
				  "no run %lld in store '%s': 'flexaudit runs' "
				  "lists them",
				  (long long)l->run, l->s->path);
	if (rc != FA_OK)
		goto out;
	l->audit_date = fa_store_col_dup(l, st, 0);
	l->mode = fa_store_col_dup(l, st, 1);
	l->seed = fa_db_column_int(st, 2);
	l->population = fa_db_column_int(st, 3);
	l->personal = (int)fa_db_column_int(st, 4);
	l->rules_named = (int)fa_db_column_int(st, 5);
	l->bundled_known = (int)fa_db_column_int(st, 6);
	l->generated_at = fa_store_col_dup(l, st, 7);
	ev->stored_path = fa_store_col_dup(l, st, 8);
	snprintf(ev->package_sha256, sizeof(ev->package_sha256), "%s",
		 fa_db_column_text(st, 9));
	ev->package_bytes = (uint64_t)fa_db_column_int(st, 10);
	ev->n_files_verified = (size_t)fa_db_column_int(st, 11);
	ev->pay_period_duplicates = (int)fa_db_column_int(st, 12);
	fa_db_column_value(&v, st, 13);
	if (!l->lost)
		rc = fa_manifest_parse(&ev->manifest, "stored manifest", v.s,
				       v.len, fa_schema_table_names(), l->err);
	e->n_major_fail = (size_t)fa_db_column_int(st, 14);
	e->n_minor_fail = (size_t)fa_db_column_int(st, 15);
	for (i = 0; i < FA_OUTCOME_COUNT; i++)
		e->counts[i] = (size_t)fa_db_column_int(st, 16 + i);
	l->n_findings = (size_t)fa_db_column_int(st, 22);
	if (l->audit_date)
		snprintf(e->audit_date, sizeof(e->audit_date), "%s",
			 l->audit_date);
out:
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

/* ---- rule sets ----------------------------------------------------------- */

static enum fa_code read_sets(struct fa_store_load *l, struct fa_rulesets *sets,
			      int bundled)
{
	struct fa_stmt *st = NULL;
	struct fa_ruleset *set = NULL, **grown;
	struct fa_db_value v;
	enum fa_code rc;
	int row = 0;

	rc = fa_store_query(
	    &st, l,
	    "SELECT r.path, f.xml FROM run_rulesets r JOIN rulesets f "
	    "ON f.sha256 = r.sha256 WHERE r.run = ?1 AND r.bundled = ?2 "
	    "ORDER BY r.ord");
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 2, bundled);
	while ((rc = fa_db_step(&row, st, l->err)) == FA_OK && row) {
		/* named as the run named it: its report shows the path */
		char *where = fa_store_col_dup(l, st, 0);

		fa_db_column_value(&v, st, 1);
		rc = where
			 ? fa_ruleset_load_mem(&set, where, v.s, v.len, l->err)
			 : fa_error_nomem(l->err, NULL);
		free(where);
		if (rc != FA_OK)
			break;
		grown = realloc(sets->sets, (sets->n + 1) * sizeof(*grown));
		if (!grown) {
			fa_ruleset_free(set);
			rc = fa_error_nomem(l->err, NULL);
			break;
		}
		sets->sets = grown;
		sets->sets[sets->n++] = set;
	}
	fa_db_finalize(st);
	return rc;
}

/* ---- the package without its data --------------------------------------- */

static enum fa_code read_tables(struct fa_store_load *l, struct fa_evidence *ev)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;
	int row = 0;

	ev->n_tables = fa_schema_count();
	ev->tables = calloc(ev->n_tables + 1, sizeof(*ev->tables));
	if (!ev->tables)
		return fa_error_nomem(l->err, NULL);
	for (i = 0; i < ev->n_tables; i++)
		ev->tables[i].spec = fa_schema_table_at(i);
	rc = fa_store_query(
	    &st, l,
	    "SELECT name, path, separator, rows, bytes, ignored FROM "
	    "run_tables WHERE run = ?1");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row) {
		const char *name = fa_db_column_text(st, 0);
		struct fa_table_load *t = NULL;

		for (i = 0; i < ev->n_tables && !t; i++)
			if (strcmp(ev->tables[i].spec->name, name) == 0)
				t = &ev->tables[i];
		if (!t)
			continue; /* a table this build no longer knows */
		if (!fa_db_column_is_null(st, 1))
			t->file = fa_manifest_find(ev->manifest,
						   fa_db_column_text(st, 1));
		t->separator = fa_db_column_text(st, 2)[0];
		t->rows = (uint64_t)fa_db_column_int(st, 3);
		t->bytes = (uint64_t)fa_db_column_int(st, 4);
		if (fa_store_split_lines(&t->ignored, &t->n_ignored,
					 fa_db_column_text(st, 5)) != 0)
			l->lost = 1;
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

/* A check id kept by ev (dq findings borrow it). */
static const char *keep_string(struct fa_store_load *l, struct fa_evidence *ev,
			       const char *s)
{
	char **grown;
	size_t i;

	for (i = 0; i < ev->n_stored_strings; i++)
		if (strcmp(ev->stored_strings[i], s) == 0)
			return ev->stored_strings[i];
	grown = realloc(ev->stored_strings,
			(ev->n_stored_strings + 1) * sizeof(*grown));
	if (!grown) {
		l->lost = 1;
		return "";
	}
	ev->stored_strings = grown;
	grown[ev->n_stored_strings] = strdup(s);
	if (!grown[ev->n_stored_strings]) {
		l->lost = 1;
		return "";
	}
	return grown[ev->n_stored_strings++];
}

static enum fa_code read_data_quality(struct fa_store_load *l,
				      struct fa_evidence *ev)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int64_t n = 0;
	int row = 0;

	rc = fa_store_query(
	    &st, l,
	    "SELECT (SELECT count(*) FROM run_data_quality WHERE run = "
	    "?1), (SELECT count(*) FROM run_data_quality_counts WHERE "
	    "run = ?1)");
	if (rc == FA_OK)
		rc = fa_db_step(&row, st, l->err);
	if (rc == FA_OK && row) {
		n = fa_db_column_int(st, 0);
		ev->dq = calloc((size_t)n + 1, sizeof(*ev->dq));
		ev->dq_counts = calloc((size_t)fa_db_column_int(st, 1) + 1,
				       sizeof(*ev->dq_counts));
		if (!ev->dq || !ev->dq_counts)
			l->lost = 1;
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK && !l->lost)
		rc = fa_store_query(
		    &st, l,
		    "SELECT check_id, file, line, message, message_nl "
		    "FROM run_data_quality WHERE run = ?1 ORDER BY ord");
	while (st && rc == FA_OK &&
	       (rc = fa_db_step(&row, st, l->err)) == FA_OK && row &&
	       ev->n_dq < (size_t)n) {
		struct fa_dq_finding *d = &ev->dq[ev->n_dq++];

		d->check = keep_string(l, ev, fa_db_column_text(st, 0));
		snprintf(d->where, sizeof(d->where), "%s",
			 fa_db_column_text(st, 1));
		d->line = (unsigned long)fa_db_column_int(st, 2);
		snprintf(d->message, sizeof(d->message), "%s",
			 fa_db_column_text(st, 3));
		snprintf(d->message_nl, sizeof(d->message_nl), "%s",
			 fa_db_column_text(st, 4));
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK && !l->lost)
		rc = fa_store_query(
		    &st, l,
		    "SELECT check_id, count FROM run_data_quality_counts "
		    "WHERE run = ?1 ORDER BY ord");
	while (st && rc == FA_OK &&
	       (rc = fa_db_step(&row, st, l->err)) == FA_OK && row) {
		struct fa_dq_count *c = &ev->dq_counts[ev->n_dq_counts++];

		c->check = keep_string(l, ev, fa_db_column_text(st, 0));
		c->count = (uint64_t)fa_db_column_int(st, 1);
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

static enum fa_code read_sample(struct fa_store_load *l, struct fa_audit *a)
{
	struct fa_stmt *st = NULL;
	struct fa_sample *s;
	enum fa_code rc;
	int row = 0;
	char **grown;

	if (strcmp(l->mode, "inspection") != 0)
		return FA_OK;
	s = a->sample = calloc(1, sizeof(*s));
	if (!s)
		return fa_error_nomem(l->err, NULL);
	fa_strset_init(&s->set);
	s->seed = (uint64_t)l->seed;
	s->population = (size_t)l->population;
	rc = fa_store_query(&st, l,
			    "SELECT employee_id FROM run_sample WHERE run = ?1 "
			    "ORDER BY employee_id");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && !l->lost) {
		const char *id = fa_db_column_text(st, 0);

		grown = realloc(s->ids, (s->n + 1) * sizeof(*grown));
		if (!grown) {
			l->lost = 1;
			break;
		}
		s->ids = grown;
		if (!(s->ids[s->n] = strdup(id)) ||
		    fa_strset_add(&s->set, id, strlen(id)) < 0) {
			free(s->ids[s->n]);
			l->lost = 1;
			break;
		}
		s->n++;
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

static enum fa_code read_selection(struct fa_store_load *l, struct fa_audit *a)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = fa_store_query(
	    &st, l,
	    "SELECT skip, value FROM run_selection WHERE run = ?1 "
	    "ORDER BY skip, ord");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && !l->lost) {
		int skip = (int)fa_db_column_int(st, 0);
		char ***v = skip ? &a->skip : &a->only;
		size_t *n = skip ? &a->n_skip : &a->n_only;
		char **grown = realloc(*v, (*n + 1) * sizeof(*grown));

		if (!grown) {
			l->lost = 1;
			break;
		}
		*v = grown;
		if ((grown[*n] = fa_store_col_dup(l, st, 1)))
			(*n)++;
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

/* ---- the audit ----------------------------------------------------------- */

static enum fa_code rebuild(struct fa_store_load *l,
			    const struct fa_store_view *view)
{
	struct fa_audit *a = l->a;
	struct fa_report_options ro;
	struct fa_report_parts parts;
	enum fa_code rc;

	a->ev = calloc(1, sizeof(*a->ev));
	a->e = calloc(1, sizeof(*a->e));
	a->sets = calloc(1, sizeof(*a->sets));
	if (!a->ev || !a->e || !a->sets)
		return fa_error_nomem(l->err, NULL);
	rc = read_run(l, a->ev, a->e);
	if (rc == FA_OK && view->reveal_personal && !l->personal)
		rc = fa_error_add(l->err, FA_ERR_USAGE, NULL, 0, 0,
				  "run %lld was stored without personal data: "
				  "a store keeps it only when created with "
				  "--reveal-personal-data",
				  (long long)l->run);
	if (rc == FA_OK)
		rc = read_sets(l, a->sets, 0);
	if (rc == FA_OK && l->rules_named && l->bundled_known) {
		rc = read_sets(l, &a->bundled, 1);
		a->have_bundled = rc == FA_OK;
	}
	if (rc == FA_OK)
		rc = read_tables(l, a->ev);
	if (rc == FA_OK)
		rc = read_data_quality(l, a->ev);
	if (rc == FA_OK)
		rc = read_sample(l, a);
	if (rc == FA_OK)
		rc = read_selection(l, a);
	if (rc == FA_OK)
		rc = fa_store_read_eval(l);
	if (rc == FA_OK)
		rc = fa_store_apply_judgements(l);
	if (rc == FA_OK)
		rc = fa_store_read_parts(l, view->reveal_personal);
	if (rc == FA_OK)
		rc = fa_compare_declared_pairs(&a->pairs, &a->n_pairs, a->sets,
					       l->err);
	if (rc != FA_OK)
		return rc;
	memset(&parts, 0, sizeof(parts));
	parts.locations = l->locations;
	parts.n_locations = l->n_locations;
	parts.documents = l->documents;
	parts.n_documents = l->n_documents;
	parts.people = l->people;
	parts.n_people = l->n_people;
	memset(&ro, 0, sizeof(ro));
	ro.nl = view->nl;
	ro.reveal_personal = view->reveal_personal;
	ro.verbose = view->verbose;
	ro.fails = view->fails;
	ro.all = view->all;
	ro.self_assessment = strcmp(l->mode, "inspection") != 0;
	ro.generated_at =
	    view->generated_at ? view->generated_at : l->generated_at;
	ro.only = (const char *const *)a->only;
	ro.n_only = a->n_only;
	ro.skip = (const char *const *)a->skip;
	ro.n_skip = a->n_skip;
	ro.bundled = a->have_bundled ? &a->bundled : NULL;
	ro.bundled_unknown = l->rules_named && !a->have_bundled;
	ro.parts = &parts;
	ro.judged = a->judged;
	ro.n_judged = a->n_judged;
	a->rules_named = l->rules_named;
	return fa_audit_build_report(a, &ro, l->err);
}

enum fa_code fa_store_load(struct fa_audit **out, struct fa_store *s,
			   int64_t run, const struct fa_store_view *view,
			   int annotate, struct fa_error *err)
{
	struct fa_store_load l;
	enum fa_code rc;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.s = s;
	l.run = run;
	l.err = err;
	l.a = calloc(1, sizeof(*l.a));
	if (!l.a)
		return fa_error_nomem(err, NULL);
	/* a read transaction: the run is read as one snapshot */
	rc = fa_db_exec(s->db, "BEGIN", err);
	if (rc == FA_OK) {
		rc = rebuild(&l, view);
		fa_store_rollback(s);
	}
	if (rc == FA_OK && annotate)
		rc = fa_store_follow_up_before(s, l.a, run, err);
	if (rc == FA_OK && annotate)
		rc = fa_store_apply_waivers(s, l.a, err);
	fa_store_free_parts(&l);
	free(l.audit_date);
	free(l.mode);
	free(l.generated_at);
	if (rc != FA_OK) {
		fa_audit_free(l.a);
		return rc;
	}
	*out = l.a;
	return FA_OK;
}

enum fa_code fa_store_load_run(struct fa_audit **out, struct fa_store *s,
			       int64_t run, const struct fa_store_view *view,
			       struct fa_error *err)
{
	return fa_store_load(out, s, run, view, 1, err);
}
