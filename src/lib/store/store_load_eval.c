/* SPDX-License-Identifier: MIT */
/*
 * A stored run's evaluation made again: each rule's run (with the
 * parameter values and tables its check read, found again in the rule
 * sets the run kept), every finding kept with its facts, and what the
 * report shows of the package. A finding's texts that are its rule's own
 * are borrowed from the rule, as fa_eval_run leaves them, so that
 * fa_eval_free frees exactly what is owned. Uses db, ruleset, schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_load.h"

#include "schema.h"

static enum fa_code unknown_rule(struct fa_store_load *l, const char *id)
{
	return fa_error_add(l->err, FA_ERR_INPUT, NULL, 0, 0,
			    "run %lld names rule '%s', which its stored rule "
			    "sets do not define: the store is damaged",
			    (long long)l->run, id);
}

/* ---- how each rule went -------------------------------------------------- */

/* The schema's own name of a table (rule runs borrow it). */
static const char *schema_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < fa_schema_count(); i++) {
		const char *s = fa_schema_table_at(i)->name;

		if (strlen(s) == len && memcmp(s, name, len) == 0)
			return s;
	}
	return NULL;
}

static void read_missing(struct fa_rule_run *run, const char *s)
{
	const char *nl;

	for (; (nl = strchr(s, '\n')); s = nl + 1) {
		const char *name = schema_name(s, (size_t)(nl - s));

		if (name && run->n_missing < FA_EVAL_MAX_MISSING)
			run->missing[run->n_missing++] = name;
	}
}

static const struct fa_param_value *value_from(const struct fa_param *p,
					       const char *from)
{
	size_t i;

	for (i = 0; p && from && i < p->n_values; i++)
		if (strcmp(p->values[i].from, from) == 0)
			return &p->values[i];
	return NULL;
}

/* What each rule's check read (rows ordered by rule, then order). */
static enum fa_code read_values(struct fa_store_load *l, struct fa_eval *e)
{
	const struct fa_rulesets *sets = l->a->sets;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = fa_store_query(&st, l,
			    "SELECT rule_ord, param, value_from, table_name, "
			    "confidence FROM rule_values WHERE run = ?1 "
			    "ORDER BY rule_ord, ord");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row) {
		size_t k = (size_t)fa_db_column_int(st, 0);
		struct fa_rule_run *run;
		struct fa_value_read *v, *grown;

		if (k >= e->n_runs)
			continue;
		run = &e->runs[k];
		grown =
		    realloc(run->values, (run->n_values + 1) * sizeof(*grown));
		if (!grown) {
			l->lost = 1;
			break;
		}
		run->values = grown;
		v = &run->values[run->n_values++];
		memset(v, 0, sizeof(*v));
		if (!fa_db_column_is_null(st, 1)) {
			v->param =
			    fa_rulesets_param(sets, fa_db_column_text(st, 1));
			v->value =
			    value_from(v->param, fa_db_column_text(st, 2));
		} else {
			v->table =
			    fa_rulesets_table(sets, fa_db_column_text(st, 3));
		}
		v->confidence = (enum fa_confidence)fa_db_column_int(st, 4);
		if ((!v->param || !v->value) && !v->table)
			run->n_values--; /* not in the stored sets */
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

static enum fa_code read_runs(struct fa_store_load *l, struct fa_eval *e)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int64_t n = 0;
	int row = 0, i;

	rc = fa_store_query(&st, l,
			    "SELECT count(*) FROM rule_runs WHERE run = ?1");
	if (rc == FA_OK)
		rc = fa_db_step(&row, st, l->err);
	if (rc == FA_OK && row)
		n = fa_db_column_int(st, 0);
	fa_db_finalize(st);
	st = NULL;
	if (rc != FA_OK)
		return rc;
	e->runs = calloc((size_t)n + 1, sizeof(*e->runs));
	if (!e->runs)
		return fa_error_nomem(l->err, NULL);
	rc = fa_store_query(&st, l,
			    "SELECT rule_id, in_force, error, missing, "
			    "seconds, n_findings, n_pass, n_fail, n_na, "
			    "n_review, n_error, n_not_checked, flags, facts "
			    "FROM rule_runs WHERE run = ?1 ORDER BY ord");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && e->n_runs < (size_t)n && !l->lost) {
		struct fa_rule_run *run = &e->runs[e->n_runs];
		const char *id = fa_db_column_text(st, 0);

		run->rule = fa_rulesets_rule(l->a->sets, id);
		if (!run->rule) {
			rc = unknown_rule(l, id);
			break;
		}
		e->n_runs++;
		run->in_force = (int)fa_db_column_int(st, 1);
		run->error = (int)fa_db_column_int(st, 2);
		read_missing(run, fa_db_column_text(st, 3));
		run->seconds = fa_db_column_double(st, 4);
		run->n_findings = (size_t)fa_db_column_int(st, 5);
		for (i = 0; i < FA_OUTCOME_COUNT; i++)
			run->counts[i] = (size_t)fa_db_column_int(st, 6 + i);
		run->flags = (unsigned)fa_db_column_int(st, 12);
		if (fa_store_split_lines(&run->facts, &run->n_facts,
					 fa_db_column_text(st, 13)) != 0)
			l->lost = 1;
	}
	fa_db_finalize(st);
	rc = fa_store_settle(l, rc);
	if (rc == FA_OK)
		rc = read_values(l, e);
	return rc;
}

/* ---- findings ------------------------------------------------------------ */

/* The rule's own text when the stored one is the same, else a copy. */
static char *text_of(struct fa_store_load *l, struct fa_stmt *st, int c,
		     char *own)
{
	if (fa_db_column_is_null(st, c))
		return NULL;
	if (own && strcmp(own, fa_db_column_text(st, c)) == 0)
		return own;
	return fa_store_col_dup(l, st, c);
}

static enum fa_code read_finding(struct fa_store_load *l, struct fa_stmt *st,
				 struct fa_finding *f)
{
	const char *id = fa_db_column_text(st, 0);
	struct fa_rule *rule;

	rule = (struct fa_rule *)fa_rulesets_rule(l->a->sets, id);
	if (!rule)
		return unknown_rule(l, id);
	f->rule = rule;
	f->subject = fa_store_col_dup(l, st, 1);
	if (fa_outcome_from_key(&f->outcome, fa_db_column_text(st, 2)) != 0)
		f->outcome = FA_OUTCOME_ERROR; /* never a silent pass */
	f->observed = fa_store_col_dup(l, st, 3);
	f->expected = fa_store_col_dup(l, st, 4);
	f->detail = fa_store_col_dup(l, st, 5);
	f->observed_nl = fa_store_col_dup(l, st, 6);
	f->expected_nl = fa_store_col_dup(l, st, 7);
	f->detail_nl = fa_store_col_dup(l, st, 8);
	f->message.en = text_of(l, st, 9, rule->message.en);
	f->message.nl = text_of(l, st, 10, rule->message.nl);
	f->remedy.en = text_of(l, st, 11, rule->remedy.en);
	f->remedy.nl = text_of(l, st, 12, rule->remedy.nl);
	f->question.en = text_of(l, st, 13, rule->question.en);
	f->question.nl = text_of(l, st, 14, rule->question.nl);
	snprintf(f->deadline, sizeof(f->deadline), "%s",
		 fa_db_column_text(st, 15));
	f->ref_file = fa_store_col_dup(l, st, 16);
	f->ref_line = (unsigned long)fa_db_column_int(st, 17);
	f->ref_table = fa_store_col_dup(l, st, 18);
	f->ref_sha256 = fa_store_col_dup(l, st, 19);
	f->flags = (unsigned)fa_db_column_int(st, 20);
	f->value_confidence = (enum fa_confidence)fa_db_column_int(st, 21);
	f->reads_values = (int)fa_db_column_int(st, 22);
	return FA_OK;
}

/* Whole cents from a stored money fact (written by fa_eval_run). */
static int64_t cents_of(const char *s)
{
	return s ? strtoll(s, NULL, 10) : 0;
}

static enum fa_code read_finding_facts(struct fa_store_load *l,
				       struct fa_eval *e)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = fa_store_query(&st, l,
			    "SELECT finding, name, value FROM finding_facts "
			    "WHERE run = ?1 ORDER BY finding, ord");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && !l->lost) {
		size_t k = (size_t)fa_db_column_int(st, 0);
		struct fa_finding *f;
		struct fa_fact *grown, *x;

		if (k >= e->n_findings)
			continue;
		f = &e->findings[k];
		grown = realloc(f->facts, (f->n_facts + 1) * sizeof(*grown));
		if (!grown) {
			l->lost = 1;
			break;
		}
		f->facts = grown;
		x = &f->facts[f->n_facts];
		x->name = fa_store_col_dup(l, st, 1);
		x->value = fa_store_col_dup(l, st, 2);
		if (!x->name) {
			free(x->value);
			l->lost = 1;
			break;
		}
		f->n_facts++;
		x->cents = fa_fact_is_money(x->name) ? cents_of(x->value) : 0;
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

static enum fa_code read_findings(struct fa_store_load *l, struct fa_eval *e)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	e->findings = calloc(l->n_findings + 1, sizeof(*e->findings));
	if (!e->findings)
		return fa_error_nomem(l->err, NULL);
	rc = fa_store_query(
	    &st, l,
	    "SELECT rule_id, subject, outcome, observed, expected, detail, "
	    "observed_nl, expected_nl, detail_nl, message_en, message_nl, "
	    "remedy_en, remedy_nl, question_en, question_nl, deadline, "
	    "ref_file, ref_line, ref_table, ref_sha256, flags, "
	    "value_confidence, reads_values FROM findings WHERE run = ?1 "
	    "ORDER BY ord");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && e->n_findings < l->n_findings && !l->lost) {
		rc = read_finding(l, st, &e->findings[e->n_findings]);
		e->n_findings++;
	}
	fa_db_finalize(st);
	rc = fa_store_settle(l, rc);
	if (rc == FA_OK)
		rc = read_finding_facts(l, e);
	return rc;
}

enum fa_code fa_store_read_eval(struct fa_store_load *l)
{
	enum fa_code rc = read_runs(l, l->a->e);

	if (rc == FA_OK)
		rc = read_findings(l, l->a->e);
	return rc;
}

/* ---- what the report shows of the package -------------------------------- */

static enum fa_code count_rows(struct fa_store_load *l, const char *sql,
			       size_t *n)
{
	int64_t v = 0;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = fa_store_query(&st, l, sql);
	if (rc == FA_OK)
		rc = fa_db_step(&row, st, l->err);
	if (rc == FA_OK && row)
		v = fa_db_column_int(st, 0);
	fa_db_finalize(st);
	*n = (size_t)v;
	return rc;
}

static enum fa_code read_locations(struct fa_store_load *l)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t n = 0;
	int row = 0;

	rc = count_rows(l, "SELECT count(*) FROM run_locations WHERE run = ?1",
			&n);
	if (rc != FA_OK)
		return rc;
	l->locations = calloc(n + 1, sizeof(*l->locations));
	if (!l->locations)
		return fa_error_nomem(l->err, NULL);
	rc = fa_store_query(
	    &st, l,
	    "SELECT location_id, address, housing_form, role, certification, "
	    "register_number, valid_until, registration_valid, "
	    "beds_registered, occupied, gbo_m2, m2_per_person, "
	    "max_bedroom_beds, rent_max_cents FROM run_locations WHERE run = "
	    "?1 ORDER BY ord");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && l->n_locations < n) {
		struct fa_report_location *x = &l->locations[l->n_locations++];

		x->id = fa_store_col_dup(l, st, 0);
		x->address = fa_store_col_dup(l, st, 1);
		x->housing_form = fa_store_col_dup(l, st, 2);
		x->role = fa_store_col_dup(l, st, 3);
		x->certification = fa_store_col_dup(l, st, 4);
		x->register_number = fa_store_col_dup(l, st, 5);
		x->valid_until = fa_store_col_dup(l, st, 6);
		x->registration_valid = (int)fa_db_column_int(st, 7);
		x->beds_registered = fa_db_column_int(st, 8);
		x->occupied = fa_db_column_int(st, 9);
		x->gbo_m2 = fa_db_column_double(st, 10);
		x->m2_per_person = fa_db_column_double(st, 11);
		x->max_bedroom_beds = fa_db_column_int(st, 12);
		x->rent_max_cents = fa_db_column_int(st, 13);
		x->pks_max_rent_cents = -1;
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

static enum fa_code read_documents(struct fa_store_load *l)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t n = 0;
	int row = 0;

	rc = count_rows(l, "SELECT count(*) FROM run_documents WHERE run = ?1",
			&n);
	if (rc != FA_OK)
		return rc;
	l->documents = calloc(n + 1, sizeof(*l->documents));
	if (!l->documents)
		return fa_error_nomem(l->err, NULL);
	rc = fa_store_query(&st, l,
			    "SELECT line, path FROM run_documents WHERE run = "
			    "?1 ORDER BY line");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && l->n_documents < n) {
		struct fa_report_document *d = &l->documents[l->n_documents++];

		d->line = (unsigned long)fa_db_column_int(st, 0);
		d->path = fa_store_col_dup(l, st, 1);
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

static enum fa_code read_people(struct fa_store_load *l)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t n = 0;
	int row = 0;

	rc =
	    count_rows(l, "SELECT count(*) FROM run_people WHERE run = ?1", &n);
	if (rc != FA_OK)
		return rc;
	l->people = calloc(n + 1, sizeof(*l->people));
	if (!l->people)
		return fa_error_nomem(l->err, NULL);
	rc = fa_store_query(&st, l,
			    "SELECT employee_id, name, bsn, birth_date FROM "
			    "run_people WHERE run = ?1 ORDER BY employee_id");
	while (rc == FA_OK && (rc = fa_db_step(&row, st, l->err)) == FA_OK &&
	       row && l->n_people < n) {
		struct fa_report_person *p = &l->people[l->n_people++];

		p->employee_id = fa_store_col_dup(l, st, 0);
		p->name = fa_store_col_dup(l, st, 1);
		p->bsn = fa_store_col_dup(l, st, 2);
		p->birth_date = fa_store_col_dup(l, st, 3);
	}
	fa_db_finalize(st);
	return fa_store_settle(l, rc);
}

enum fa_code fa_store_read_parts(struct fa_store_load *l, int people)
{
	enum fa_code rc = read_locations(l);

	if (rc == FA_OK)
		rc = read_documents(l);
	if (rc == FA_OK && people)
		rc = read_people(l);
	return rc;
}

void fa_store_free_parts(struct fa_store_load *l)
{
	size_t i;

	for (i = 0; i < l->n_locations; i++) {
		struct fa_report_location *x = &l->locations[i];

		free(x->id);
		free(x->address);
		free(x->housing_form);
		free(x->role);
		free(x->certification);
		free(x->register_number);
		free(x->valid_until);
	}
	free(l->locations);
	for (i = 0; i < l->n_documents; i++)
		free(l->documents[i].path);
	free(l->documents);
	fa_report_people_free(l->people, l->n_people);
}
