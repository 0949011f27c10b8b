/* SPDX-License-Identifier: MIT */
/*
 * Recording a finished audit as a run of the store, in one transaction
 * (BEGIN IMMEDIATE: one writer at a time; a second one waits for the busy
 * timeout): everything store_load.c needs to rebuild the audit and its
 * report without the package. Personal data goes in only when the store
 * keeps it (run_people); everything else is what the report shows
 * without --reveal-personal-data. Uses db, hash, and the audit's parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store.h"

#include "audit_impl.h"
#include "hash.h"
#include "manifest.h"

/* A statement of the run being written, and the run's id. */
struct rec {
	struct fa_store *s;
	const struct fa_audit *a;
	int64_t run;
	struct fa_error *err;
};

/* Step a prepared insert once and reset it for the next row. */
static enum fa_code put(struct rec *r, struct fa_stmt *st)
{
	enum fa_code rc;
	int row = 0;

	rc = fa_db_step(&row, st, r->err);
	fa_db_reset(st);
	if (r->s->on_row)
		r->s->on_row(r->s->on_row_ctx);
	return rc;
}

static enum fa_code prepare(struct fa_stmt **st, struct rec *r, const char *sql)
{
	enum fa_code rc = fa_db_prepare(st, r->s->db, sql, r->err);

	if (rc == FA_OK)
		fa_db_bind_int(*st, 1, r->run);
	return rc;
}

static const char *format_key(enum fa_format f)
{
	static const char *const keys[] = { "text", "json",	"csv",
					    "html", "plan-csv", "xlsx" };

	return (size_t)f < sizeof(keys) / sizeof(keys[0]) ? keys[f] : "?";
}

/* ---- the rule sets ------------------------------------------------------- */

static enum fa_code put_sets(struct rec *r, const struct fa_rulesets *sets,
			     int bundled)
{
	struct fa_stmt *file = NULL, *link = NULL;
	enum fa_code rc;
	size_t i;

	rc = fa_db_prepare(&file, r->s->db,
			   "INSERT OR IGNORE INTO rulesets VALUES "
			   "(?1, ?2, ?3, ?4)",
			   r->err);
	if (rc == FA_OK)
		rc = prepare(&link, r,
			     "INSERT INTO run_rulesets VALUES (?1, ?2, ?3, ?4, "
			     "?5)");
	for (i = 0; rc == FA_OK && i < sets->n; i++) {
		const struct fa_ruleset *set = sets->sets[i];

		fa_store_bind_str(file, 1, set->sha256);
		fa_store_bind_str(file, 2, set->id);
		fa_store_bind_str(file, 3, set->edition);
		fa_db_bind_blob(file, 4, set->xml, set->xml_len);
		rc = put(r, file);
		fa_db_bind_int(link, 2, bundled);
		fa_db_bind_int(link, 3, (int64_t)i);
		fa_store_bind_str(link, 4, set->sha256);
		fa_store_bind_str(link, 5, set->path);
		if (rc == FA_OK)
			rc = put(r, link);
	}
	fa_db_finalize(file);
	fa_db_finalize(link);
	return rc;
}

/* ---- the run ------------------------------------------------------------- */

static enum fa_code put_run(struct rec *r)
{
	const struct fa_audit *a = r->a;
	const struct fa_evidence *ev = a->ev;
	const struct fa_manifest *m = ev->manifest;
	const struct fa_report *rep = a->report;
	const struct fa_eval *e = a->e;
	struct fa_stmt *st = NULL;
	char now[32], *xml = NULL;
	size_t xml_len = 0, i;
	enum fa_code rc;

	rc = fa_manifest_write(&xml, &xml_len, m, r->err);
	if (rc == FA_OK)
		rc = fa_db_prepare(
		    &st, r->s->db,
		    "INSERT INTO runs VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, "
		    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		    "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, "
		    "?30, ?31, ?32, ?33)",
		    r->err);
	if (rc != FA_OK)
		goto out;
	fa_store_now(now);
	fa_store_bind_str(st, 1, now);
	fa_store_bind_str(st, 2, fa_version());
	fa_store_bind_str(st, 3, m->member_name);
	fa_store_bind_str(st, 4, m->kvk);
	fa_store_bind_str(st, 5, m->abu_number);
	fa_store_bind_str(st, 6, m->period_from);
	fa_store_bind_str(st, 7, m->period_to);
	fa_store_bind_str(st, 8, e->audit_date);
	fa_store_bind_str(st, 9, a->sample ? "inspection" : "self-assessment");
	if (a->sample) {
		fa_db_bind_int(st, 10, (int64_t)a->sample->seed);
		fa_db_bind_int(st, 11, (int64_t)a->sample->population);
	} else {
		fa_db_bind_null(st, 10);
		fa_db_bind_null(st, 11);
	}
	fa_db_bind_int(st, 12, a->kept_all);
	fa_db_bind_int(st, 13, r->s->personal);
	fa_db_bind_int(st, 14, a->rules_named);
	fa_db_bind_int(st, 15, a->have_bundled);
	fa_store_bind_str(st, 16, rep->generated_at);
	fa_store_bind_str(st, 17, fa_evidence_path(ev));
	fa_store_bind_str(st, 18, ev->package_sha256);
	fa_db_bind_int(st, 19, (int64_t)ev->package_bytes);
	fa_db_bind_int(st, 20, (int64_t)ev->n_files_verified);
	fa_db_bind_int(st, 21, ev->pay_period_duplicates);
	fa_db_bind_blob(st, 22, xml, xml_len);
	fa_store_bind_str(st, 23, fa_report_verdict_key(rep->verdict));
	fa_db_bind_int(st, 24, rep->incomplete);
	fa_db_bind_int(st, 25, (int64_t)e->n_major_fail);
	fa_db_bind_int(st, 26, (int64_t)e->n_minor_fail);
	for (i = 0; i < FA_OUTCOME_COUNT; i++)
		fa_db_bind_int(st, 27 + (int)i, (int64_t)e->counts[i]);
	fa_db_bind_int(st, 33, (int64_t)e->n_findings);
	rc = put(r, st);
	r->run = fa_db_last_insert_rowid(r->s->db);
out:
	fa_db_finalize(st);
	free(xml);
	return rc;
}

static enum fa_code put_selection(struct rec *r)
{
	const struct fa_audit *a = r->a;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;

	rc = prepare(&st, r,
		     "INSERT INTO run_selection VALUES (?1, ?2, ?3, ?4)");
	for (i = 0; rc == FA_OK && i < a->n_only + a->n_skip; i++) {
		int skip = i >= a->n_only;

		fa_db_bind_int(st, 2, skip);
		fa_db_bind_int(st, 3, (int64_t)(skip ? i - a->n_only : i));
		fa_store_bind_str(st, 4,
				  skip ? a->skip[i - a->n_only] : a->only[i]);
		rc = put(r, st);
	}
	fa_db_finalize(st);
	return rc;
}

static enum fa_code put_tables(struct rec *r)
{
	const struct fa_evidence *ev = r->a->ev;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;

	rc = prepare(&st, r,
		     "INSERT INTO run_tables VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		     "?7)");
	for (i = 0; rc == FA_OK && i < ev->n_tables; i++) {
		const struct fa_table_load *t = &ev->tables[i];
		char sep[2] = { t->separator, '\0' };
		char *ignored = fa_store_join_lines(t->ignored, t->n_ignored);

		if (!ignored) {
			rc = fa_error_nomem(r->err, NULL);
			break;
		}
		fa_store_bind_str(st, 2, t->spec->name);
		fa_store_bind_str(st, 3, t->file ? t->file->path : NULL);
		fa_store_bind_str(st, 4, sep);
		fa_db_bind_int(st, 5, (int64_t)t->rows);
		fa_db_bind_int(st, 6, (int64_t)t->bytes);
		fa_store_bind_str(st, 7, ignored);
		rc = put(r, st);
		free(ignored);
	}
	fa_db_finalize(st);
	return rc;
}

static enum fa_code put_sample(struct rec *r)
{
	const struct fa_sample *sample = r->a->sample;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;

	if (!sample)
		return FA_OK;
	rc = prepare(&st, r, "INSERT INTO run_sample VALUES (?1, ?2)");
	for (i = 0; rc == FA_OK && i < sample->n; i++) {
		fa_store_bind_str(st, 2, sample->ids[i]);
		rc = put(r, st);
	}
	fa_db_finalize(st);
	return rc;
}

/* ---- how each rule went -------------------------------------------------- */

static enum fa_code put_values(struct rec *r, struct fa_stmt *st, size_t k,
			       const struct fa_rule_run *run)
{
	enum fa_code rc = FA_OK;
	size_t i;

	for (i = 0; rc == FA_OK && i < run->n_values; i++) {
		const struct fa_value_read *v = &run->values[i];

		fa_db_bind_int(st, 2, (int64_t)k);
		fa_db_bind_int(st, 3, (int64_t)i);
		fa_store_bind_str(st, 4, v->param ? v->param->name : NULL);
		fa_store_bind_str(st, 5, v->value ? v->value->from : NULL);
		fa_store_bind_str(st, 6, v->table ? v->table->name : NULL);
		fa_db_bind_int(st, 7, (int64_t)v->confidence);
		rc = put(r, st);
	}
	return rc;
}

static enum fa_code put_rule_runs(struct rec *r)
{
	const struct fa_eval *e = r->a->e;
	struct fa_stmt *st = NULL, *vals = NULL;
	enum fa_code rc;
	size_t k, i;

	rc = prepare(&st, r,
		     "INSERT INTO rule_runs VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		     "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
	if (rc == FA_OK)
		rc = prepare(&vals, r,
			     "INSERT INTO rule_values VALUES (?1, ?2, ?3, ?4, "
			     "?5, ?6, ?7)");
	for (k = 0; rc == FA_OK && k < e->n_runs; k++) {
		const struct fa_rule_run *run = &e->runs[k];
		char *missing = fa_store_join_lines((char *const *)run->missing,
						    run->n_missing);
		char *facts = fa_store_join_lines(run->facts, run->n_facts);

		if (!missing || !facts) {
			free(missing);
			free(facts);
			rc = fa_error_nomem(r->err, NULL);
			break;
		}
		fa_db_bind_int(st, 2, (int64_t)k);
		fa_store_bind_str(st, 3, run->rule->id);
		fa_db_bind_int(st, 4, run->in_force);
		fa_db_bind_int(st, 5, run->error);
		fa_store_bind_str(st, 6, missing);
		fa_db_bind_double(st, 7, run->seconds);
		fa_db_bind_int(st, 8, (int64_t)run->n_findings);
		for (i = 0; i < FA_OUTCOME_COUNT; i++)
			fa_db_bind_int(st, 9 + (int)i, (int64_t)run->counts[i]);
		fa_db_bind_int(st, 15, run->flags);
		fa_store_bind_str(st, 16, facts);
		rc = put(r, st);
		free(missing);
		free(facts);
		if (rc == FA_OK)
			rc = put_values(r, vals, k, run);
	}
	fa_db_finalize(st);
	fa_db_finalize(vals);
	return rc;
}

/* ---- the findings -------------------------------------------------------- */

static enum fa_code put_facts(struct rec *r, struct fa_stmt *st, size_t k,
			      const struct fa_finding *f)
{
	enum fa_code rc = FA_OK;
	size_t i;

	for (i = 0; rc == FA_OK && i < f->n_facts; i++) {
		fa_db_bind_int(st, 2, (int64_t)k);
		fa_db_bind_int(st, 3, (int64_t)i);
		fa_store_bind_str(st, 4, f->facts[i].name);
		fa_store_bind_str(st, 5, f->facts[i].value);
		rc = put(r, st);
	}
	return rc;
}

static void bind_finding(struct fa_stmt *st, size_t k,
			 const struct fa_finding *f, char *key)
{
	fa_db_bind_int(st, 2, (int64_t)k);
	fa_store_bind_str(st, 3, key);
	fa_store_bind_str(st, 4, f->rule->id);
	fa_store_bind_str(st, 5, f->subject);
	fa_store_bind_str(st, 6, fa_outcome_key(f->outcome));
	fa_store_bind_str(st, 7, fa_severity_name(f->rule->severity));
	fa_store_bind_str(st, 8, f->observed);
	fa_store_bind_str(st, 9, f->expected);
	fa_store_bind_str(st, 10, f->detail);
	fa_store_bind_str(st, 11, f->observed_nl);
	fa_store_bind_str(st, 12, f->expected_nl);
	fa_store_bind_str(st, 13, f->detail_nl);
	fa_store_bind_str(st, 14, f->message.en);
	fa_store_bind_str(st, 15, f->message.nl);
	fa_store_bind_str(st, 16, f->remedy.en);
	fa_store_bind_str(st, 17, f->remedy.nl);
	fa_store_bind_str(st, 18, f->question.en);
	fa_store_bind_str(st, 19, f->question.nl);
	fa_store_bind_str(st, 20, f->deadline);
	fa_store_bind_str(st, 21, f->ref_file);
	fa_db_bind_int(st, 22, (int64_t)f->ref_line);
	fa_store_bind_str(st, 23, f->ref_table);
	fa_store_bind_str(st, 24, f->ref_sha256);
	fa_db_bind_int(st, 25, f->flags);
	fa_db_bind_int(st, 26, (int64_t)f->value_confidence);
	fa_db_bind_int(st, 27, f->reads_values);
}

static enum fa_code put_findings(struct rec *r)
{
	const struct fa_eval *e = r->a->e;
	struct fa_stmt *st = NULL, *facts = NULL;
	enum fa_code rc;
	size_t k;

	rc = prepare(&st, r,
		     "INSERT INTO findings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		     "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		     "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)");
	if (rc == FA_OK)
		rc = prepare(&facts, r,
			     "INSERT INTO finding_facts VALUES (?1, ?2, ?3, "
			     "?4, ?5)");
	for (k = 0; rc == FA_OK && k < e->n_findings; k++) {
		const struct fa_finding *f = &e->findings[k];
		size_t len = strlen(f->rule->id) + strlen(f->subject) + 2;
		char *key = malloc(len);

		if (!key) {
			rc = fa_error_nomem(r->err, NULL);
			break;
		}
		snprintf(key, len, "%s/%s", f->rule->id, f->subject);
		bind_finding(st, k, f, key);
		rc = put(r, st);
		free(key);
		if (rc == FA_OK)
			rc = put_facts(r, facts, k, f);
	}
	fa_db_finalize(st);
	fa_db_finalize(facts);
	return rc;
}

/* ---- what the report shows of the package -------------------------------- */

static enum fa_code put_data_quality(struct rec *r)
{
	const struct fa_evidence *ev = r->a->ev;
	struct fa_stmt *st = NULL, *counts = NULL;
	enum fa_code rc;
	size_t i;

	rc = prepare(&st, r,
		     "INSERT INTO run_data_quality VALUES (?1, ?2, ?3, ?4, ?5, "
		     "?6, ?7)");
	if (rc == FA_OK)
		rc = prepare(&counts, r,
			     "INSERT INTO run_data_quality_counts VALUES (?1, "
			     "?2, ?3, ?4)");
	for (i = 0; rc == FA_OK && i < ev->n_dq; i++) {
		const struct fa_dq_finding *d = &ev->dq[i];

		fa_db_bind_int(st, 2, (int64_t)i);
		fa_store_bind_str(st, 3, d->check);
		fa_store_bind_str(st, 4, d->where);
		fa_db_bind_int(st, 5, (int64_t)d->line);
		fa_store_bind_str(st, 6, d->message);
		fa_store_bind_str(st, 7, d->message_nl);
		rc = put(r, st);
	}
	for (i = 0; rc == FA_OK && i < ev->n_dq_counts; i++) {
		fa_db_bind_int(counts, 2, (int64_t)i);
		fa_store_bind_str(counts, 3, ev->dq_counts[i].check);
		fa_db_bind_int(counts, 4, (int64_t)ev->dq_counts[i].count);
		rc = put(r, counts);
	}
	fa_db_finalize(st);
	fa_db_finalize(counts);
	return rc;
}

static enum fa_code put_locations(struct rec *r)
{
	const struct fa_report *rep = r->a->report;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;

	rc = prepare(&st, r,
		     "INSERT INTO run_locations VALUES (?1, ?2, ?3, ?4, ?5, "
		     "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
	for (i = 0; rc == FA_OK && i < rep->n_locations; i++) {
		const struct fa_report_location *l = &rep->locations[i];

		fa_db_bind_int(st, 2, (int64_t)i);
		fa_store_bind_str(st, 3, l->id);
		fa_store_bind_str(st, 4, l->address);
		fa_store_bind_str(st, 5, l->housing_form);
		fa_store_bind_str(st, 6, l->role);
		fa_store_bind_str(st, 7, l->certification);
		fa_store_bind_str(st, 8, l->register_number);
		fa_store_bind_str(st, 9, l->valid_until);
		fa_db_bind_int(st, 10, l->registration_valid);
		fa_db_bind_int(st, 11, l->beds_registered);
		fa_db_bind_int(st, 12, l->occupied);
		fa_db_bind_double(st, 13, l->gbo_m2);
		fa_db_bind_double(st, 14, l->m2_per_person);
		fa_db_bind_int(st, 15, l->max_bedroom_beds);
		fa_db_bind_int(st, 16, l->rent_max_cents);
		rc = put(r, st);
	}
	fa_db_finalize(st);
	return rc;
}

static enum fa_code put_documents(struct rec *r)
{
	const struct fa_report *rep = r->a->report;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;

	rc = prepare(&st, r, "INSERT INTO run_documents VALUES (?1, ?2, ?3)");
	for (i = 0; rc == FA_OK && i < rep->n_documents; i++) {
		fa_db_bind_int(st, 2, (int64_t)rep->documents[i].line);
		fa_store_bind_str(st, 3, rep->documents[i].path);
		rc = put(r, st);
	}
	fa_db_finalize(st);
	return rc;
}

/* Only into a store that keeps personal data. */
static enum fa_code put_people(struct rec *r)
{
	const struct fa_report *rep = r->a->report;
	struct fa_report_person *read = NULL;
	const struct fa_report_person *p = rep->people;
	size_t n = rep->n_people, i;
	struct fa_stmt *st = NULL;
	enum fa_code rc = FA_OK;

	if (!r->s->personal)
		return FA_OK;
	if (!rep->opt.reveal_personal) {
		rc = fa_report_read_people(&read, &n, r->a->ev, r->err);
		p = read;
	}
	if (rc == FA_OK)
		rc = prepare(&st, r,
			     "INSERT INTO run_people VALUES (?1, ?2, ?3, ?4, "
			     "?5)");
	for (i = 0; rc == FA_OK && i < n; i++) {
		fa_store_bind_str(st, 2, p[i].employee_id);
		fa_store_bind_str(st, 3, p[i].name);
		fa_store_bind_str(st, 4, p[i].bsn);
		fa_store_bind_str(st, 5, p[i].birth_date);
		rc = put(r, st);
	}
	fa_db_finalize(st);
	fa_report_people_free(read, n);
	return rc;
}

static enum fa_code put_reports(struct rec *r,
				const struct fa_store_report *reports, size_t n)
{
	struct fa_stmt *st = NULL;
	char hex[FA_SHA256_HEX_LEN];
	uint64_t bytes = 0;
	enum fa_code rc;
	size_t i;

	rc = prepare(&st, r,
		     "INSERT INTO run_reports VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		     "?7)");
	for (i = 0; rc == FA_OK && i < n; i++) {
		struct stat sb;

		const char *file =
		    reports[i].written ? reports[i].written : reports[i].path;

		rc = fa_sha256_file_hex(hex, file, r->err);
		bytes = stat(file, &sb) == 0 ? (uint64_t)sb.st_size : 0;
		fa_db_bind_int(st, 2, (int64_t)i);
		fa_store_bind_str(st, 3, format_key(reports[i].format));
		fa_store_bind_str(st, 4, reports[i].nl ? "nl" : "en");
		fa_store_bind_str(st, 5, reports[i].path);
		fa_store_bind_str(st, 6, hex);
		fa_db_bind_int(st, 7, (int64_t)bytes);
		if (rc == FA_OK)
			rc = put(r, st);
	}
	fa_db_finalize(st);
	return rc;
}

enum fa_code fa_store_add_run(int64_t *run, struct fa_store *s,
			      const struct fa_audit *a,
			      const struct fa_store_report *reports,
			      size_t n_reports, struct fa_error *err)
{
	struct rec r = { s, a, 0, err };
	enum fa_code rc;

	*run = 0;
	rc = fa_store_begin(s, err);
	if (rc != FA_OK)
		return rc;
	rc = put_run(&r);
	if (rc == FA_OK)
		rc = put_sets(&r, a->sets, 0);
	if (rc == FA_OK && a->have_bundled)
		rc = put_sets(&r, &a->bundled, 1);
	if (rc == FA_OK)
		rc = put_selection(&r);
	if (rc == FA_OK)
		rc = put_tables(&r);
	if (rc == FA_OK)
		rc = put_sample(&r);
	if (rc == FA_OK)
		rc = put_rule_runs(&r);
	if (rc == FA_OK)
		rc = put_findings(&r);
	if (rc == FA_OK)
		rc = put_data_quality(&r);
	if (rc == FA_OK)
		rc = put_locations(&r);
	if (rc == FA_OK)
		rc = put_documents(&r);
	if (rc == FA_OK)
		rc = put_people(&r);
	if (rc == FA_OK)
		rc = put_reports(&r, reports, n_reports);
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK) {
		fa_store_rollback(s);
		return rc;
	}
	*run = r.run;
	return FA_OK;
}
