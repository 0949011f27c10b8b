/* SPDX-License-Identifier: MIT */
/*
 * The inspection report as JSON, written as it is made, and the jansson
 * helpers that every JSON document of the library is built with (the
 * commands' documents in show_*.c reach them through json_impl.h).
 * Objects are built in a fixed key order and dumped with
 * JSON_PRESERVE_ORDER so the output is byte-for-byte reproducible.
 */
#define FA_JSON_C /* json_impl.h: this file has the helpers themselves */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json.h"
#include "json_impl.h"

/*
 * jansson says that it ran out of memory only in the return value of the
 * call that failed: a json_object() or json_string() that is NULL, and a
 * member or item that could not be added is simply missing. Every member
 * and item is added with set() and append(), which note any such failure
 * here; every document ends in dump_flags() or fa_json_write_report(),
 * which write it only if none was noted, and clear the note. Per thread:
 * a document is built and dumped on one thread, and threads may build
 * their own at the same time.
 */
static _Thread_local int lost;

/* key: v (consumed) into o; a NULL o or v is a failure noted. */
static void set(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v) != 0)
		lost = 1;
}

static void append(json_t *a, json_t *v)
{
	if (json_array_append_new(a, v) != 0)
		lost = 1;
}

/*
 * A dump into memory that keeps a failed allocation: jansson's own
 * json_dumps() (2.14) ignores a failure to append an object's key and
 * goes on, so that a member was written without its name ("": "...").
 */
struct membuf {
	char *p;
	size_t n, cap;
	int failed;
};

static int to_mem(const char *buf, size_t size, void *data)
{
	struct membuf *m = data;
	size_t cap = m->cap ? m->cap : 256;
	char *p;

	if (m->failed)
		return -1;
	while (cap - m->n <= size) {
		if (cap > SIZE_MAX / 2) {
			m->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	if (cap != m->cap) {
		p = realloc(m->p, cap);
		if (!p) {
			m->failed = 1;
			return -1;
		}
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->n, buf, size);
	m->n += size;
	m->p[m->n] = '\0';
	return 0;
}

/* v as JSON text (the caller's, free), or NULL out of memory. */
static char *dumps(const json_t *v, size_t flags)
{
	struct membuf m = { NULL, 0, 0, 0 };

	if (json_dump_callback(v, to_mem, &m, flags) != 0 || m.failed || !m.p) {
		free(m.p);
		return NULL;
	}
	return m.p;
}

/* jansson refuses invalid UTF-8; all our strings are valid, but a NULL is
 * turned into JSON null. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static enum fa_code dump_flags(char **out, json_t *root, size_t flags,
			       struct fa_error *err)
{
	char *s, *t;
	size_t n;
	int failed = lost;

	lost = 0;
	*out = NULL;
	if (!root || failed) {
		json_decref(root);
		return fa_error_nomem(err, NULL);
	}
	s = dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | flags);
	json_decref(root);
	if (!s)
		return fa_error_nomem(err, NULL);
	n = strlen(s);
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return fa_error_nomem(err, NULL);
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	*out = t;
	return FA_OK;
}

static enum fa_code dump(char **out, json_t *root, struct fa_error *err)
{
	return dump_flags(out, root, 0, err);
}

static json_t *dq_json(const struct fa_evidence *ev)
{
	json_t *o = json_object(), *counts = json_object(),
	       *list = json_array();
	size_t i;

	for (i = 0; i < ev->n_dq_counts; i++)
		set(counts, ev->dq_counts[i].check,
		    json_integer((json_int_t)ev->dq_counts[i].count));
	for (i = 0; i < ev->n_dq; i++) {
		json_t *f = json_object();

		set(f, "check", json_string(ev->dq[i].check));
		set(f, "file", json_string(ev->dq[i].where));
		set(f, "line", json_integer((json_int_t)ev->dq[i].line));
		set(f, "message", json_string(ev->dq[i].message));
		set(f, "message_nl", json_string(ev->dq[i].message_nl));
		append(list, f);
	}
	set(o, "counts", counts);
	set(o, "findings", list);
	return o;
}

static json_t *text_json(const struct fa_text *t)
{
	json_t *o = json_object();

	set(o, "nl", str_or_null(t->nl));
	set(o, "en", str_or_null(t->en));
	return o;
}

/* A finding as in the audit document; the report appends to it. */
static json_t *finding_json(const struct fa_finding *f)
{
	json_t *o = json_object(), *ref = json_object();

	set(o, "key", json_sprintf("%s/%s", f->rule->id, f->subject));
	set(o, "rule", json_string(f->rule->id));
	set(o, "rule_set", json_string(f->rule->set->id));
	set(o, "subject", json_string(f->subject));
	set(o, "outcome", json_string(fa_outcome_key(f->outcome)));
	set(o, "severity", json_string(fa_severity_name(f->rule->severity)));
	set(o, "deadline",
	    f->deadline[0] ? json_string(f->deadline) : json_null());
	set(o, "observed", str_or_null(f->observed));
	set(o, "expected", str_or_null(f->expected));
	set(o, "detail", str_or_null(f->detail));
	set(o, "observed_nl", str_or_null(f->observed_nl));
	set(o, "expected_nl", str_or_null(f->expected_nl));
	set(o, "detail_nl", str_or_null(f->detail_nl));
	set(o, "message", text_json(&f->message));
	set(o, "remedy", text_json(&f->remedy));
	set(o, "question", text_json(&f->question));
	set(ref, "file", str_or_null(f->ref_file));
	set(ref, "line",
	    f->ref_line ? json_integer((json_int_t)f->ref_line) : json_null());
	set(ref, "sha256", str_or_null(f->ref_sha256));
	set(o, "evidence", ref);
	set(o, "uncertain", json_boolean(f->flags & FA_FINDING_UNCERTAIN));
	set(o, "placeholder", json_boolean(f->flags & FA_FINDING_PLACEHOLDER));
	set(o, "sampled", json_boolean(f->flags & FA_FINDING_SAMPLED));
	set(o, "softened", json_boolean(f->flags & FA_FINDING_SOFTENED));
	return o;
}

/* o with the finding's rule confidence and the weakest confidence of the
 * values its check read (null: it read none), as its last keys. */
static json_t *with_confidence(json_t *o, const struct fa_finding *f)
{
	set(o, "rule_confidence",
	    json_string(fa_confidence_name(f->rule->confidence)));
	set(o, "value_confidence",
	    f->reads_values
		? json_string(fa_confidence_name(f->value_confidence))
		: json_null());
	return o;
}

/* ---- the inspection report (docs/report-json.md) ------------------------ */

static void put(json_t *o, const char *key, json_t *v)
{
	set(o, key, v);
}

static json_t *count(size_t n)
{
	return json_integer((json_int_t)n);
}

/* The model's -1 for "unknown" becomes null. */
static json_t *int_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer((json_int_t)v);
}

static json_t *real_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

/* A number the rules report as text (a fact), or null if it is none. */
static json_t *fact_number(const char *s)
{
	char *end = NULL;
	long long i;
	double v;

	if (!s || !*s)
		return json_null();
	errno = 0;
	i = strtoll(s, &end, 10);
	if (!*end && !errno)
		return json_integer((json_int_t)i);
	v = strtod(s, &end);
	return *end || !isfinite(v) ? json_null() : json_real(v);
}

static json_t *outcome_counts(const size_t *counts, size_t major, size_t minor)
{
	json_t *o = json_object();
	size_t k;

	for (k = 0; k < FA_OUTCOME_COUNT; k++)
		put(o, fa_outcome_key((enum fa_outcome)k), count(counts[k]));
	put(o, "major_fail", count(major));
	put(o, "minor_fail", count(minor));
	return o;
}

static json_t *cover_json(const struct fa_report *r)
{
	const struct fa_manifest *m = r->ev->manifest;
	const struct fa_sample *s = r->sample;
	json_t *o = json_object(), *period = json_object(),
	       *sets = json_array(), *pkg = json_object(), *smp = json_null();
	size_t i;

	put(o, "member", str_or_null(m->member_name));
	put(o, "kvk", str_or_null(m->kvk));
	put(o, "abu_number", str_or_null(m->abu_number));
	put(period, "from", str_or_null(m->period_from));
	put(period, "to", str_or_null(m->period_to));
	put(o, "period", period);
	put(o, "audit_date", json_string(r->e->audit_date));
	put(o, "audit_date_outside_period",
	    json_boolean(fa_report_date_outside_period(r)));
	put(o, "mode", json_string(s ? "inspection" : "self-assessment"));
	if (s) {
		json_t *ids = json_array();

		smp = json_object();
		put(smp, "algorithm",
		    json_string("splitmix64 + partial Fisher-Yates"));
		/* random seeds have 15 digits (fa_sample_random_seed), and
		 * --seed stops below 2^63, so the cast keeps the value */
		put(smp, "seed", json_integer((json_int_t)s->seed));
		put(smp, "size", count(s->n));
		put(smp, "population", count(s->population));
		for (i = 0; i < s->n; i++)
			append(ids, json_string(s->ids[i]));
		put(smp, "ids", ids);
	}
	put(o, "sample", smp);
	for (i = 0; i < r->sets->n; i++) {
		const struct fa_ruleset *rs = r->sets->sets[i];
		json_t *so = json_object();

		put(so, "id", json_string(rs->id));
		put(so, "edition", json_string(rs->edition));
		put(so, "path", json_string(rs->path));
		put(so, "sha256", json_string(rs->sha256));
		append(sets, so);
	}
	put(o, "rule_sets", sets);
	put(pkg, "path", json_string(fa_evidence_path(r->ev)));
	put(pkg, "sha256", json_string(r->ev->package_sha256));
	put(o, "package", pkg);
	put(o, "personal_data", json_boolean(r->opt.reveal_personal));
	return o;
}

/* The document a finding's row of the documents index names, or null. */
static json_t *document_json(const struct fa_report_document *d)
{
	json_t *o;

	if (!d)
		return json_null();
	o = json_object();
	put(o, "path", json_string(d->path));
	put(o, "sha256", str_or_null(d->sha256));
	return o;
}

/* An inspector's judgement (a stored run's). */
static json_t *judged_json(const struct fa_judged *j)
{
	json_t *o = json_object();

	put(o, "key", json_string(j->key));
	put(o, "verdict", json_string(j->verdict));
	put(o, "severity", json_string(fa_severity_name(j->severity)));
	put(o, "note", json_string(j->note));
	put(o, "by", json_string(j->by));
	put(o, "at", json_string(j->at));
	put(o, "source", json_string(j->source));
	put(o, "applied", json_boolean(j->applied));
	put(o, "was",
	    j->applied ? json_string(fa_outcome_key(j->was)) : json_null());
	return o;
}

static json_t *report_finding(const struct fa_report *r,
			      const struct fa_finding *f)
{
	json_t *o = finding_json(f), *facts = json_object();
	const struct fa_report_person *p =
	    fa_report_subject_person(r, f->subject);
	size_t i;

	put(o, "article", str_or_null(f->rule->article));
	put(o, "article_nl", str_or_null(f->rule->article_nl));
	put(o, "title", text_json(&f->rule->title));
	for (i = 0; i < f->n_facts; i++) {
		const struct fa_fact *x = &f->facts[i];
		char cents[24];

		/* facts are text (docs/report-json.md; a key never changes its
		 * type): money written from the cents evaluation checked */
		if (x->value && fa_fact_is_money(x->name)) {
			snprintf(cents, sizeof(cents), "%" PRId64, x->cents);
			put(facts, x->name, json_string(cents));
		} else {
			put(facts, x->name, str_or_null(x->value));
		}
	}
	put(o, "facts", facts);
	put(o, "document", document_json(fa_report_document(r, f)));
	if (p) {
		json_t *po = json_object();

		put(po, "name", str_or_null(p->name));
		put(po, "bsn", str_or_null(p->bsn));
		put(po, "birth_date", str_or_null(p->birth_date));
		put(o, "person", po);
	}
	with_confidence(o, f);
	put(o, "judgement", f->judged ? judged_json(f->judged) : json_null());
	put(o, "waiver", f->waived ? json_string(f->waived->id) : json_null());
	return o;
}

/* "rules": per rule run, its confidence and the values its check read. */
static json_t *rules_json(const struct fa_eval *e)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < e->n_runs; i++) {
		const struct fa_rule_run *run = &e->runs[i];
		json_t *o = json_object(), *vs = json_array();
		enum fa_confidence c;

		put(o, "rule", json_string(run->rule->id));
		put(o, "rule_set", json_string(run->rule->set->id));
		put(o, "confidence",
		    json_string(fa_confidence_name(run->rule->confidence)));
		put(o, "value_confidence",
		    fa_rule_run_weakest(&c, run, 0)
			? json_string(fa_confidence_name(c))
			: json_null());
		for (k = 0; k < run->n_values; k++) {
			const struct fa_value_read *v = &run->values[k];
			json_t *vo = json_object();

			put(vo, "kind",
			    json_string(v->table ? "table" : "parameter"));
			put(vo, "name",
			    json_string(v->table ? v->table->name
						 : v->param->name));
			put(vo, "from",
			    v->value ? json_string(v->value->from)
				     : json_null());
			put(vo, "value",
			    v->value ? json_string(v->value->text)
				     : json_null());
			put(vo, "confidence",
			    json_string(fa_confidence_name(v->confidence)));
			append(vs, vo);
		}
		put(o, "values", vs);
		append(arr, o);
	}
	return arr;
}

static json_t *key_json(const struct fa_finding *f)
{
	return json_sprintf("%s/%s", f->rule->id, f->subject);
}

static json_t *housing_json(const struct fa_report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->n_locations; i++) {
		const struct fa_report_location *l = &r->locations[i];
		json_t *o = json_object();

		put(o, "id", json_string(l->id));
		put(o, "address", json_string(l->address));
		put(o, "housing_form", json_string(l->housing_form));
		put(o, "role", json_string(l->role));
		put(o, "certification", json_string(l->certification));
		put(o, "register_number", str_or_null(l->register_number));
		put(o, "valid_until", str_or_null(l->valid_until));
		put(o, "registration_valid",
		    json_boolean(l->registration_valid));
		put(o, "beds_registered", int_or_null(l->beds_registered));
		put(o, "occupied", int_or_null(l->occupied));
		put(o, "gbo_m2", real_or_null(l->gbo_m2));
		put(o, "m2_per_person", real_or_null(l->m2_per_person));
		put(o, "max_bedroom_beds", int_or_null(l->max_bedroom_beds));
		put(o, "pks_points", fact_number(l->pks_points));
		put(o, "pks_stars", fact_number(l->pks_stars));
		put(o, "pks_max_rent_cents",
		    int_or_null(l->pks_max_rent_cents));
		put(o, "pks_placeholder", json_boolean(l->pks_placeholder));
		put(o, "rent_max_cents", int_or_null(l->rent_max_cents));
		put(o, "overcharge_cents", json_integer(l->overcharge_cents));
		put(o, "failures", count(l->n_fail));
		append(arr, o);
	}
	return arr;
}

static json_t *overcharges_json(const struct fa_report *r)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;

	put(o, "judged", json_boolean(r->deductions_judged));
	put(o, "total_cents", json_integer(r->overcharge_total_cents));
	put(o, "underpaid_total_cents", json_integer(r->underpaid_total_cents));
	put(o, "owed_total_cents", json_integer(r->owed_total_cents));
	for (i = 0; i < r->n_overcharges; i++) {
		const struct fa_report_overcharge *c = &r->overcharges[i];
		json_t *w = json_object();

		put(w, "employee_id", json_string(c->employee_id));
		put(w, "location", str_or_null(c->location_id));
		put(w, "periods", count(c->periods));
		put(w, "cents", json_integer(c->cents));
		put(w, "underpaid_periods", count(c->underpaid_periods));
		put(w, "underpaid_cents", json_integer(c->underpaid_cents));
		put(w, "owed_cents", json_integer(c->owed_cents));
		put(w, "first_period", str_or_null(c->first_period));
		put(w, "last_period", str_or_null(c->last_period));
		append(arr, w);
	}
	put(o, "workers", arr);
	return o;
}

static json_t *side_finding(const struct fa_finding *f)
{
	json_t *o = json_object();

	put(o, "rule_set", json_string(f->rule->set->id));
	put(o, "rule", json_string(f->rule->id));
	put(o, "key", key_json(f));
	put(o, "outcome", json_string(fa_outcome_key(f->outcome)));
	put(o, "observed", str_or_null(f->observed));
	put(o, "expected", str_or_null(f->expected));
	return with_confidence(o, f);
}

static json_t *mismatches_json(const struct fa_report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->n_mismatches; i++) {
		const struct fa_mismatch *m = &r->mismatches[i];
		json_t *o = json_object();

		put(o, "concept", json_string(m->concept));
		put(o, "subject", json_string(m->left->subject));
		put(o, "kind", json_string(fa_mismatch_kind_key(m->kind)));
		put(o, "left", side_finding(m->left));
		put(o, "right", side_finding(m->right));
		append(arr, o);
	}
	return arr;
}

static json_t *checklist_json(const struct fa_report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->n_reviews; i++) {
		const struct fa_report_review *v = &r->reviews[i];
		json_t *o = json_object();

		put(o, "rule", json_string(v->rule->id));
		put(o, "rule_set", json_string(v->rule->set->id));
		put(o, "article", str_or_null(v->rule->article));
		put(o, "title", text_json(&v->rule->title));
		put(o, "question", text_json(&v->first->question));
		put(o, "first", key_json(v->first));
		put(o, "subjects", count(v->n));
		append(arr, o);
	}
	return arr;
}

/* Deviations per requirement, each with every subject. */
static json_t *requirements_json(const struct fa_report *r)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < r->n_requirements; i++) {
		const struct fa_report_requirement *q = &r->requirements[i];
		json_t *o = json_object(), *subjects = json_array();

		put(o, "rule", json_string(q->rule->id));
		put(o, "rule_set", json_string(q->rule->set->id));
		put(o, "class",
		    json_string(q->severity == FA_SEV_MAJOR ? "A" : "B"));
		put(o, "location", str_or_null(q->object));
		put(o, "deadline", json_string(q->deadline));
		put(o, "workers", count(q->n_workers));
		put(o, "owed_cents", json_integer((json_int_t)q->owed_cents));
		for (k = 0; k < q->n; k++)
			append(subjects, json_string(q->findings[k]->subject));
		put(o, "subjects", subjects);
		append(arr, o);
	}
	return arr;
}

/* Review items: one question about one unit of work. */
static json_t *review_items_json(const struct fa_report *r)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < r->n_review_items; i++) {
		const struct fa_report_review_item *v = &r->review_items[i];
		json_t *o = json_object(), *subjects = json_array();

		put(o, "rule", json_string(v->rule->id));
		put(o, "rule_set", json_string(v->rule->set->id));
		put(o, "unit", json_stringn(v->unit, v->unit_len));
		put(o, "question", text_json(&v->findings[0]->question));
		for (k = 0; k < v->n; k++)
			append(subjects, json_string(v->findings[k]->subject));
		put(o, "subjects", subjects);
		append(arr, o);
	}
	return arr;
}

static json_t *ids_json(const char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		append(a, json_string(v[i]));
	return a;
}

static json_t *rule_ids_json(const struct fa_rule *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		append(a, json_string(v[i]->id));
	return a;
}

/* What was not checked, and why the verdict is incomplete if it is. */
static json_t *scope_json(const struct fa_report *r)
{
	json_t *o = json_object(), *reasons = json_array(),
	       *tables = json_array();
	char text[512];
	size_t i;

	put(o, "complete", json_boolean(!r->incomplete));
	for (i = 0; i < FA_REPORT_REASONS; i++) {
		const char *key;
		json_t *x;

		if (!fa_report_reason(r, i, &key, text, sizeof(text)))
			continue;
		x = json_object();
		put(x, "key", json_string(key));
		put(x, "text", json_string(text));
		append(reasons, x);
	}
	put(o, "incomplete_because", reasons);
	for (i = 0; i < r->n_missing; i++) {
		const struct fa_report_missing *m = &r->missing[i];
		json_t *x = json_object();

		put(x, "table", json_string(m->table->name));
		put(x, "file", json_string(m->table->file));
		put(x, "rules_not_checked",
		    rule_ids_json(m->rules, m->n_rules));
		put(x, "rules_judging_deviations", count(m->n_deciding));
		append(tables, x);
	}
	put(o, "tables_not_supplied", tables);
	put(o, "rules_chosen", ids_json(r->opt.only, r->opt.n_only));
	put(o, "rules_skipped", ids_json(r->opt.skip, r->opt.n_skip));
	put(o, "bundled_rules_left_out",
	    rule_ids_json(r->left_out, r->n_left_out));
	put(o, "bundled_rules_unknown", json_boolean(r->opt.bundled_unknown));
	return o;
}

/* The member's waivers on the audit date and the verdict with them, or
 * null (none recorded). */
static json_t *waivers_json(const struct fa_report *r)
{
	json_t *o, *v, *list;
	size_t i;

	if (!r->n_waivers)
		return json_null();
	o = json_object();
	v = json_object();
	list = json_array();
	put(v, "key", json_string(fa_report_verdict_key(r->verdict_waived)));
	put(v, "text",
	    json_string(fa_report_verdict_words(r, r->verdict_waived)));
	put(o, "verdict", v);
	put(o, "waived", json_integer((json_int_t)r->n_waived));
	for (i = 0; i < r->n_waivers; i++) {
		const struct fa_waived *w = &r->waivers[i];
		json_t *x = json_object();

		put(x, "id", json_string(w->id));
		put(x, "rule", json_string(w->rule_id));
		put(x, "state", json_string(w->state));
		put(x, "from", json_string(w->from));
		put(x, "until", json_string(w->until));
		put(x, "approver", json_string(w->approver));
		put(x, "reason", json_string(w->reason));
		put(x, "basis", json_string(w->basis));
		put(x, "waived", json_integer((json_int_t)w->n_waived));
		put(x, "covered_inactive",
		    json_integer((json_int_t)w->n_covered_inactive));
		put(x, "orphan", json_boolean(w->orphan));
		append(list, x);
	}
	put(o, "list", list);
	return o;
}

/* The ABU follow-up of the member's earlier run, or null. */
static json_t *follow_up_json(const struct fa_report_follow_up *u)
{
	static const char *const kinds[] = { "new", "resolved", "persisting",
					     "changed", "not_rechecked" };
	json_t *o, *counts, *due;
	size_t i;

	if (!u)
		return json_null();
	o = json_object();
	counts = json_object();
	due = json_array();
	put(o, "run", json_integer((json_int_t)u->run));
	put(o, "audit_date", json_string(u->audit_date));
	for (i = 0; i < 5; i++)
		put(counts, kinds[i], json_integer((json_int_t)u->counts[i]));
	put(o, "changes", counts);
	put(o, "requirements_due",
	    json_integer((json_int_t)u->n_due_requirements));
	put(o, "requirements_not_resolved",
	    json_integer((json_int_t)u->n_open_requirements));
	for (i = 0; i < u->n_due; i++) {
		json_t *d = json_object();

		put(d, "key", json_string(u->due[i].key));
		put(d, "rule", json_string(u->due[i].rule_id));
		put(d, "class", json_string(u->due[i].major ? "A" : "B"));
		put(d, "deadline", json_string(u->due[i].deadline));
		put(d, "status", json_string(kinds[u->due[i].status]));
		append(due, d);
	}
	put(o, "due", due);
	return o;
}

static json_t *report_root(const struct fa_report *r)
{
	const struct fa_eval *e = r->e;
	json_t *root = json_object(), *verdict = json_object(),
	       *counts =
		   outcome_counts(e->counts, e->n_major_fail, e->n_minor_fail),
	       *cautions = json_array(), *devs = json_array(), *judgements;
	size_t i;

	put(root, "flexaudit", json_string(r->version));
	put(root, "generated_at", json_string(r->generated_at));
	put(root, "language", json_string(r->opt.nl ? "nl" : "en"));
	put(root, "cover", cover_json(r));
	put(verdict, "key", json_string(fa_report_verdict_key(r->verdict)));
	put(verdict, "text", json_string(fa_report_verdict_text(r)));
	put(root, "verdict", verdict);
	put(root, "scope", scope_json(r));
	put(counts, "rules", count(e->n_runs));
	put(counts, "rules_ran", count(r->n_ran));
	put(counts, "rules_not_in_force", count(r->n_not_in_force));
	put(counts, "rules_not_checked", count(r->n_not_checked));
	put(counts, "rules_could_not_run", count(r->n_errors));
	put(counts, "deviations", count(r->n_deviations));
	put(root, "counts", counts);
	for (i = 0; i < r->n_cautions; i++) {
		const struct fa_report_caution *c = &r->cautions[i];
		json_t *o = json_object();

		put(o, "rule", json_string(c->rule->id));
		put(o, "uncertain",
		    json_boolean(c->flags & FA_FINDING_UNCERTAIN));
		put(o, "placeholder",
		    json_boolean(c->flags & FA_FINDING_PLACEHOLDER));
		put(o, "findings", count(c->n_not_pass));
		append(cautions, o);
	}
	put(root, "cautions", cautions);
	for (i = 0; i < r->n_deviations; i++)
		append(devs, key_json(r->deviations[i]));
	put(root, "deviations", devs);
	put(counts, "requirements_a", count(r->n_major_requirements));
	put(counts, "requirements_b", count(r->n_minor_requirements));
	put(counts, "safety_requirements", count(r->n_safety_requirements));
	put(counts, "safety_review_items", count(r->n_safety_review_items));
	put(root, "requirements", requirements_json(r));
	put(root, "review_items", review_items_json(r));
	/* written one finding at a time (write_report) */
	put(root, "sections", json_null());
	put(root, "housing", housing_json(r));
	put(root, "overcharges", overcharges_json(r));
	put(root, "mismatches", mismatches_json(r));
	put(root, "checklist", checklist_json(r));
	put(root, "data_quality", dq_json(r->ev));
	put(root, "annex", json_null()); /* written one file at a time */
	put(root, "rules", rules_json(e));
	judgements = json_array();
	for (i = 0; i < r->opt.n_judged; i++)
		append(judgements, judged_json(&r->opt.judged[i]));
	put(root, "judgements", judgements);
	put(root, "follow_up", follow_up_json(r->follow_up));
	put(root, "waivers", waivers_json(r));
	return root;
}

/*
 * The report is written as it is made, a finding or file at a time, so
 * that a report of a large package is never held whole in memory. The
 * text is the one dumps() gives the whole document with
 * JSON_INDENT(2): each value dumped alone, its lines indented to its
 * depth.
 */
struct jw {
	FILE *out;
	int nomem;    /* a value could not be dumped */
	int io_errno; /* the first write that failed: its errno, else 0 */
};

/* 15 significant digits: 22.4 m2 prints as 22.4, not as the 17-digit
 * 22.399999999999999 that round-trips the binary double */
#define REPORT_DUMP_FLAGS                                         \
	(JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | \
	 JSON_REAL_PRECISION(15))

static int jw_failed(const struct jw *w)
{
	return w->nomem || w->io_errno;
}

/* n bytes of p; the first failure is kept and the rest skipped. */
static void jw_write(struct jw *w, const char *p, size_t n)
{
	if (jw_failed(w) || !n)
		return;
	errno = 0;
	if (fwrite(p, 1, n, w->out) != n)
		w->io_errno = errno ? errno : EIO;
}

static void jw_puts(struct jw *w, const char *s)
{
	jw_write(w, s, strlen(s));
}

static void jw_indent(struct jw *w, int depth)
{
	static const char spaces[] = "                                ";
	size_t n = 2 * (size_t)depth;

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		jw_write(w, spaces, k);
		n -= k;
	}
}

/* v (consumed) at depth: its second and later lines indented. */
static void jw_value(struct jw *w, json_t *v, int depth)
{
	char *s =
	    v && !lost && !jw_failed(w) ? dumps(v, REPORT_DUMP_FLAGS) : NULL;
	const char *p, *nl;

	json_decref(v);
	if (!s) {
		if (!jw_failed(w))
			w->nomem = 1;
		return;
	}
	for (p = s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		jw_write(w, p, (size_t)(nl - p) + 1);
		jw_indent(w, depth);
	}
	jw_puts(w, p);
	free(s);
}

/* "key": before a member at depth; a ",\n" before all but the first. The
 * keys are the report's own, plain ASCII. */
static void jw_key(struct jw *w, const char *key, int depth, int first)
{
	jw_puts(w, first ? "" : ",\n");
	jw_indent(w, depth);
	jw_puts(w, "\"");
	jw_puts(w, key);
	jw_puts(w, "\": ");
}

/* The start of an array of n items, or all of it if empty. */
static void jw_open(struct jw *w, size_t n)
{
	jw_puts(w, n ? "[\n" : "[]");
}

/* Before item i of an array at depth. */
static void jw_item(struct jw *w, size_t i, int depth)
{
	jw_puts(w, i ? ",\n" : "");
	jw_indent(w, depth + 1);
}

static void jw_close(struct jw *w, size_t n, int depth)
{
	if (!n)
		return;
	jw_puts(w, "\n");
	jw_indent(w, depth);
	jw_puts(w, "]");
}

/* "sections": one object per rule set, its findings one by one. */
static void write_sections(struct jw *w, const struct fa_report *r, int depth)
{
	size_t s, i, n, k;

	jw_open(w, r->n_sections);
	for (s = 0; s < r->n_sections && !jw_failed(w); s++) {
		const struct fa_report_section *sec = &r->sections[s];

		jw_item(w, s, depth);
		jw_puts(w, "{\n");
		jw_key(w, "rule_set", depth + 2, 1);
		jw_value(w, json_string(sec->set->id), depth + 2);
		jw_key(w, "counts", depth + 2, 0);
		jw_value(
		    w, outcome_counts(sec->counts, sec->n_major, sec->n_minor),
		    depth + 2);
		jw_key(w, "findings", depth + 2, 0);
		for (i = 0, n = 0; i < sec->n_findings; i++)
			n += fa_report_listed(r, sec->findings[i]);
		jw_open(w, n);
		for (i = 0, k = 0; i < sec->n_findings && !jw_failed(w); i++) {
			if (!fa_report_listed(r, sec->findings[i]))
				continue;
			jw_item(w, k++, depth + 2);
			jw_value(w, report_finding(r, sec->findings[i]),
				 depth + 3);
		}
		jw_close(w, n, depth + 2);
		jw_puts(w, "\n");
		jw_indent(w, depth + 1);
		jw_puts(w, "}");
	}
	jw_close(w, r->n_sections, depth);
}

/* "annex": every file of the package with its hash. */
static void write_annex(struct jw *w, const struct fa_manifest *m, int depth)
{
	size_t i;

	jw_open(w, m->n_files);
	for (i = 0; i < m->n_files && !jw_failed(w); i++) {
		json_t *o = json_object();

		put(o, "path", json_string(m->files[i].path));
		put(o, "role",
		    json_string(m->files[i].role == FA_ROLE_TABLE
				    ? "table"
				    : "document"));
		put(o, "sha256", json_string(m->files[i].sha256));
		jw_item(w, i, depth);
		jw_value(w, o, depth + 1);
	}
	jw_close(w, m->n_files, depth);
}

enum fa_code fa_json_write_report(FILE *out, const struct fa_report *r,
				  struct fa_error *err)
{
	struct jw w = { out, 0, 0 };
	json_t *root, *v;
	const char *key;
	int first = 1;

	root = report_root(r);
	if (!root || lost) {
		lost = 0;
		json_decref(root);
		return fa_error_nomem(err, NULL);
	}
	jw_puts(&w, "{\n");
	json_object_foreach(root, key, v)
	{
		if (jw_failed(&w))
			break;
		jw_key(&w, key, 1, first);
		first = 0;
		if (strcmp(key, "sections") == 0)
			write_sections(&w, r, 1);
		else if (strcmp(key, "annex") == 0)
			write_annex(&w, r->ev->manifest, 1);
		else
			jw_value(&w, json_incref(v), 1);
	}
	json_decref(root);
	jw_puts(&w, "\n}\n");
	if (lost)
		w.nomem = 1;
	lost = 0;
	if (w.nomem)
		return fa_error_nomem(err, NULL);
	if (!w.io_errno && fflush(out) != 0)
		w.io_errno = errno ? errno : EIO;
	if (w.io_errno)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the report: %s",
				    strerror(w.io_errno));
	return FA_OK;
}

/* ---- the helpers, for the commands' documents (json_impl.h) ------------- */

void fa_json_set(json_t *o, const char *key, json_t *v)
{
	set(o, key, v);
}

void fa_json_append(json_t *a, json_t *v)
{
	append(a, v);
}

json_t *fa_json_str_or_null(const char *s)
{
	return str_or_null(s);
}

json_t *fa_json_text(const struct fa_text *t)
{
	return text_json(t);
}

json_t *fa_json_dq(const struct fa_evidence *ev)
{
	return dq_json(ev);
}

json_t *fa_json_finding(const struct fa_finding *f)
{
	return finding_json(f);
}

json_t *fa_json_with_confidence(json_t *o, const struct fa_finding *f)
{
	return with_confidence(o, f);
}

enum fa_code fa_json_write(FILE *out, json_t *root, struct fa_error *err)
{
	char *s = NULL;
	enum fa_code rc = dump(&s, root, err);

	if (rc == FA_OK)
		fputs(s, out);
	free(s);
	return rc;
}
