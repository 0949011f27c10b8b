/* SPDX-License-Identifier: MIT */
/*
 * JSON documents built with jansson (the only jansson caller). Objects are
 * built in a fixed key order and dumped with JSON_PRESERVE_ORDER so the
 * output is byte-for-byte reproducible.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "flexaudit.h"

static enum fa_code nomem(struct fa_error *err)
{
	return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* jansson refuses invalid UTF-8; all our strings are valid, but a NULL is
 * turned into JSON null. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static enum fa_code dump(char **out, json_t *root, struct fa_error *err)
{
	char *s, *t;
	size_t n;

	*out = NULL;
	if (!root)
		return nomem(err);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		return nomem(err);
	n = strlen(s);
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return nomem(err);
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	*out = t;
	return FA_OK;
}

static json_t *diag_json(const struct fa_diag *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "where", json_string(d->where));
	json_object_set_new(o, "line", json_integer((json_int_t)d->line));
	json_object_set_new(o, "column", json_integer((json_int_t)d->column));
	json_object_set_new(o, "message", json_string(d->message));
	return o;
}

enum fa_code fa_json_error(char **out, const struct fa_error *e)
{
	json_t *root = json_object(), *er = json_object(), *list = json_array();
	size_t i;

	for (i = 0; i < e->n; i++)
		json_array_append_new(list, diag_json(&e->diag[i]));
	json_object_set_new(er, "code", json_string(fa_code_name(e->code)));
	json_object_set_new(er, "problems", list);
	json_object_set_new(er, "more_problems",
			    json_integer((json_int_t)e->n_dropped));
	json_object_set_new(root, "error", er);
	return dump(out, root, NULL);
}

static json_t *manifest_json(const struct fa_manifest *m)
{
	json_t *o = json_object(), *member = json_object(),
	       *period = json_object(), *prod = json_object();

	json_object_set_new(member, "name", str_or_null(m->member_name));
	json_object_set_new(member, "kvk", str_or_null(m->kvk));
	json_object_set_new(member, "abu_number", str_or_null(m->abu_number));
	json_object_set_new(period, "from", str_or_null(m->period_from));
	json_object_set_new(period, "to", str_or_null(m->period_to));
	json_object_set_new(prod, "name", str_or_null(m->producer_name));
	json_object_set_new(prod, "system", str_or_null(m->producer_system));
	json_object_set_new(prod, "produced_at", str_or_null(m->produced_at));
	json_object_set_new(o, "format", json_integer(m->format));
	json_object_set_new(o, "member", member);
	json_object_set_new(o, "audit_period", period);
	json_object_set_new(o, "producer", prod);
	return o;
}

static json_t *tables_json(const struct fa_evidence *ev)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < ev->n_tables; i++) {
		const struct fa_table_load *tl = &ev->tables[i];
		json_t *o = json_object(), *ign = json_array();
		char sep[2] = { tl->separator, '\0' };

		json_object_set_new(o, "table", json_string(tl->spec->name));
		json_object_set_new(o, "file",
				    tl->file ? json_string(tl->file->path)
					     : json_null());
		json_object_set_new(o, "rows",
				    json_integer((json_int_t)tl->rows));
		json_object_set_new(
		    o, "encoding",
		    tl->file ? json_string(fa_encoding_name(tl->file->encoding))
			     : json_null());
		json_object_set_new(o, "separator",
				    tl->separator ? json_string(sep)
						  : json_null());
		for (k = 0; k < tl->n_ignored; k++)
			json_array_append_new(ign, json_string(tl->ignored[k]));
		json_object_set_new(o, "ignored_columns", ign);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *dq_json(const struct fa_evidence *ev)
{
	json_t *o = json_object(), *counts = json_object(),
	       *list = json_array();
	size_t i;

	for (i = 0; i < ev->n_dq_counts; i++)
		json_object_set_new(
		    counts, ev->dq_counts[i].check,
		    json_integer((json_int_t)ev->dq_counts[i].count));
	for (i = 0; i < ev->n_dq; i++) {
		json_t *f = json_object();

		json_object_set_new(f, "check", json_string(ev->dq[i].check));
		json_object_set_new(f, "file", json_string(ev->dq[i].where));
		json_object_set_new(f, "line",
				    json_integer((json_int_t)ev->dq[i].line));
		json_object_set_new(f, "message",
				    json_string(ev->dq[i].message));
		json_array_append_new(list, f);
	}
	json_object_set_new(o, "counts", counts);
	json_object_set_new(o, "findings", list);
	return o;
}

enum fa_code fa_json_inspect(char **out, struct fa_evidence *ev,
			     struct fa_error *err)
{
	struct fa_doc_count *dc = NULL;
	json_t *root, *pkg, *docs, *junk, *hashes;
	size_t n_dc = 0, i;
	enum fa_code rc;

	*out = NULL;
	rc = fa_evidence_document_counts(&dc, &n_dc, ev, err);
	if (rc != FA_OK)
		return rc;
	root = json_object();
	pkg = json_object();
	docs = json_array();
	junk = json_array();
	hashes = json_object();
	json_object_set_new(pkg, "path", json_string(fa_package_path(ev->pkg)));
	json_object_set_new(pkg, "sha256", json_string(ev->package_sha256));
	json_object_set_new(pkg, "bytes",
			    json_integer((json_int_t)ev->package_bytes));
	json_object_set_new(pkg, "top_folder",
			    json_string(fa_package_prefix(ev->pkg)));
	for (i = 0; i < fa_package_junk_count(ev->pkg); i++)
		json_array_append_new(
		    junk, json_string(fa_package_junk_at(ev->pkg, i)));
	json_object_set_new(pkg, "ignored_files", junk);
	for (i = 0; i < n_dc; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string(dc[i].type));
		json_object_set_new(o, "language", json_string(dc[i].language));
		json_object_set_new(o, "count",
				    json_integer((json_int_t)dc[i].count));
		json_array_append_new(docs, o);
	}
	free(dc);
	json_object_set_new(hashes, "algorithm", json_string("SHA-256"));
	json_object_set_new(hashes, "files",
			    json_integer((json_int_t)ev->manifest->n_files));
	json_object_set_new(hashes, "verified",
			    json_integer((json_int_t)ev->n_files_verified));
	json_object_set_new(root, "flexaudit", json_string(fa_version()));
	json_object_set_new(root, "package", pkg);
	json_object_set_new(root, "manifest", manifest_json(ev->manifest));
	json_object_set_new(root, "hashes", hashes);
	json_object_set_new(root, "tables", tables_json(ev));
	json_object_set_new(root, "documents", docs);
	json_object_set_new(root, "data_quality", dq_json(ev));
	return dump(out, root, err);
}

enum fa_code fa_json_schema(char **out, struct fa_error *err)
{
	json_t *root = json_object(), *tables = json_array();
	size_t i, j;

	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);
		json_t *o = json_object(), *cols = json_array();

		json_object_set_new(o, "table", json_string(t->name));
		json_object_set_new(o, "file", json_string(t->file));
		json_object_set_new(o, "required",
				    json_boolean(t->flags & FA_TABLE_REQUIRED));
		json_object_set_new(o, "description", json_string(t->doc));
		for (j = 0; j < t->n_cols; j++) {
			const struct fa_column_spec *c = &t->cols[j];
			json_t *co = json_object();

			json_object_set_new(co, "name", json_string(c->name));
			json_object_set_new(co, "name_nl",
					    str_or_null(c->name_nl));
			json_object_set_new(
			    co, "type",
			    json_string(fa_schema_type_name(c->type)));
			json_object_set_new(
			    co, "required",
			    json_boolean(c->flags & FA_COL_REQUIRED));
			json_object_set_new(
			    co, "unique",
			    json_boolean(c->flags & FA_COL_UNIQUE));
			json_object_set_new(
			    co, "personal_data",
			    json_boolean(c->flags & FA_COL_PERSONAL));
			json_object_set_new(co, "values",
					    str_or_null(c->values));
			json_object_set_new(co, "unit", str_or_null(c->unit));
			json_object_set_new(co, "references",
					    str_or_null(c->ref));
			json_object_set_new(co, "if_empty",
					    str_or_null(c->empty));
			json_object_set_new(co, "example",
					    str_or_null(c->example));
			json_object_set_new(co, "norm", str_or_null(c->norm));
			json_object_set_new(co, "description",
					    str_or_null(c->doc));
			json_array_append_new(cols, co);
		}
		json_object_set_new(o, "columns", cols);
		json_array_append_new(tables, o);
	}
	json_object_set_new(root, "format", json_integer(1));
	json_object_set_new(root, "tables", tables);
	return dump(out, root, err);
}

static json_t *text_json(const struct fa_text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "nl", str_or_null(t->nl));
	json_object_set_new(o, "en", str_or_null(t->en));
	return o;
}

static json_t *sets_json(const struct fa_rulesets *sets, int with_rules)
{
	json_t *arr = json_array();
	size_t s, i, k;

	for (s = 0; s < sets->n; s++) {
		const struct fa_ruleset *rs = sets->sets[s];
		json_t *o = json_object(), *params = json_array(),
		       *rules = json_array();

		json_object_set_new(o, "id", json_string(rs->id));
		json_object_set_new(o, "edition", json_string(rs->edition));
		json_object_set_new(o, "title", text_json(&rs->title));
		json_object_set_new(o, "path", json_string(rs->path));
		json_object_set_new(o, "sha256", json_string(rs->sha256));
		for (i = 0; with_rules && i < rs->n_params; i++) {
			const struct fa_param *p = &rs->params[i];
			json_t *po = json_object(), *vals = json_array();

			json_object_set_new(po, "name", json_string(p->name));
			json_object_set_new(po, "concept",
					    str_or_null(p->concept));
			json_object_set_new(po, "unit", str_or_null(p->unit));
			json_object_set_new(
			    po, "confidence",
			    json_string(fa_confidence_name(p->confidence)));
			for (k = 0; k < p->n_values; k++) {
				const struct fa_param_value *v = &p->values[k];
				json_t *vo = json_object();

				json_object_set_new(vo, "from",
						    json_string(v->from));
				json_object_set_new(vo, "until",
						    v->until[0]
							? json_string(v->until)
							: json_null());
				json_object_set_new(vo, "value",
						    json_string(v->text));
				json_object_set_new(
				    vo, "confidence",
				    json_string(
					fa_confidence_name(v->confidence)));
				json_array_append_new(vals, vo);
			}
			json_object_set_new(po, "values", vals);
			json_array_append_new(params, po);
		}
		for (i = 0; with_rules && i < rs->n_rules; i++) {
			const struct fa_rule *r = &rs->rules[i];
			json_t *ro = json_object();

			json_object_set_new(ro, "id", json_string(r->id));
			json_object_set_new(ro, "article",
					    str_or_null(r->article));
			json_object_set_new(ro, "title", text_json(&r->title));
			json_object_set_new(
			    ro, "scope", json_string(fa_scope_name(r->scope)));
			json_object_set_new(
			    ro, "severity",
			    json_string(fa_severity_name(r->severity)));
			json_object_set_new(
			    ro, "confidence",
			    json_string(fa_confidence_name(r->confidence)));
			json_object_set_new(ro, "source",
					    str_or_null(r->source));
			json_object_set_new(
			    ro, "tests", json_integer((json_int_t)r->n_tests));
			json_array_append_new(rules, ro);
		}
		if (with_rules) {
			json_object_set_new(o, "parameters", params);
			json_object_set_new(o, "rules", rules);
		} else {
			json_decref(params);
			json_decref(rules);
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

enum fa_code fa_json_rules(char **out, const struct fa_rulesets *sets,
			   struct fa_error *err)
{
	json_t *root = json_object();

	json_object_set_new(root, "flexaudit", json_string(fa_version()));
	json_object_set_new(root, "rule_sets", sets_json(sets, 1));
	return dump(out, root, err);
}

enum fa_code fa_json_rule(char **out, const struct fa_rule *r,
			  struct fa_error *err)
{
	json_t *o = json_object(), *reads = json_array(), *tests = json_array();
	size_t i;

	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "rule_set", json_string(r->set->id));
	json_object_set_new(o, "edition", json_string(r->set->edition));
	json_object_set_new(o, "file", json_string(r->set->path));
	json_object_set_new(o, "line", json_integer((json_int_t)r->line));
	json_object_set_new(o, "article", str_or_null(r->article));
	json_object_set_new(o, "title", text_json(&r->title));
	json_object_set_new(o, "scope", json_string(fa_scope_name(r->scope)));
	json_object_set_new(o, "severity",
			    json_string(fa_severity_name(r->severity)));
	json_object_set_new(o, "effective_from",
			    r->from[0] ? json_string(r->from) : json_null());
	json_object_set_new(o, "effective_until",
			    r->until[0] ? json_string(r->until) : json_null());
	json_object_set_new(o, "source", str_or_null(r->source));
	json_object_set_new(o, "confidence",
			    json_string(fa_confidence_name(r->confidence)));
	for (i = 0; i < r->n_reads; i++)
		json_array_append_new(reads, json_string(r->reads[i]));
	json_object_set_new(o, "reads", reads);
	json_object_set_new(o, "message", text_json(&r->message));
	json_object_set_new(o, "remedy", text_json(&r->remedy));
	json_object_set_new(o, "question", text_json(&r->question));
	json_object_set_new(o, "check", json_string(r->check));
	for (i = 0; i < r->n_tests; i++)
		json_array_append_new(tests, json_string(r->tests[i].name));
	json_object_set_new(o, "tests", tests);
	return dump(out, o, err);
}

enum fa_code fa_json_tests(char **out, const struct fa_test_result *res,
			   size_t n, struct fa_error *err)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i, failed = 0;

	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		failed += !res[i].passed;
		json_object_set_new(o, "rule", json_string(res[i].rule->id));
		json_object_set_new(o, "test", json_string(res[i].test->name));
		json_object_set_new(o, "passed", json_boolean(res[i].passed));
		json_object_set_new(o, "detail", str_or_null(res[i].detail));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "passed",
			    json_integer((json_int_t)(n - failed)));
	json_object_set_new(root, "failed", json_integer((json_int_t)failed));
	json_object_set_new(root, "tests", arr);
	return dump(out, root, err);
}

static json_t *sample_json(const struct fa_sample *s)
{
	json_t *o = json_object(), *ids = json_array();
	size_t i;

	json_object_set_new(o, "mode",
			    json_string(s ? "inspection" : "self-assessment"));
	if (s) {
		json_object_set_new(o, "seed",
				    json_integer((json_int_t)s->seed));
		json_object_set_new(o, "population",
				    json_integer((json_int_t)s->population));
		for (i = 0; i < s->n; i++)
			json_array_append_new(ids, json_string(s->ids[i]));
		json_object_set_new(o, "workers", ids);
	} else {
		json_decref(ids);
	}
	return o;
}

enum fa_code fa_json_audit(char **out, struct fa_evidence *ev,
			   const struct fa_rulesets *sets,
			   const struct fa_eval *e,
			   const struct fa_sample *sample, struct fa_error *err)
{
	json_t *root = json_object(), *pkg = json_object(),
	       *counts = json_object(), *arr = json_array();
	size_t i, k;

	json_object_set_new(pkg, "path", json_string(fa_package_path(ev->pkg)));
	json_object_set_new(pkg, "sha256", json_string(ev->package_sha256));
	json_object_set_new(root, "flexaudit", json_string(fa_version()));
	json_object_set_new(root, "package", pkg);
	json_object_set_new(root, "manifest", manifest_json(ev->manifest));
	json_object_set_new(root, "rule_sets", sets_json(sets, 0));
	json_object_set_new(root, "audit_date", json_string(e->audit_date));
	json_object_set_new(root, "sample", sample_json(sample));
	for (k = 0; k < FA_OUTCOME_COUNT; k++)
		json_object_set_new(counts, fa_outcome_key((enum fa_outcome)k),
				    json_integer((json_int_t)e->counts[k]));
	json_object_set_new(counts, "major_fail",
			    json_integer((json_int_t)e->n_major_fail));
	json_object_set_new(counts, "minor_fail",
			    json_integer((json_int_t)e->n_minor_fail));
	json_object_set_new(root, "counts", counts);
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];
		json_t *o = json_object(), *ref = json_object();

		json_object_set_new(
		    o, "key", json_sprintf("%s/%s", f->rule->id, f->subject));
		json_object_set_new(o, "rule", json_string(f->rule->id));
		json_object_set_new(o, "rule_set",
				    json_string(f->rule->set->id));
		json_object_set_new(o, "subject", json_string(f->subject));
		json_object_set_new(o, "outcome",
				    json_string(fa_outcome_key(f->outcome)));
		json_object_set_new(
		    o, "severity",
		    json_string(fa_severity_name(f->rule->severity)));
		json_object_set_new(o, "deadline",
				    f->deadline[0] ? json_string(f->deadline)
						   : json_null());
		json_object_set_new(o, "observed", str_or_null(f->observed));
		json_object_set_new(o, "expected", str_or_null(f->expected));
		json_object_set_new(o, "detail", str_or_null(f->detail));
		json_object_set_new(o, "message", text_json(&f->message));
		json_object_set_new(o, "remedy", text_json(&f->remedy));
		json_object_set_new(o, "question", text_json(&f->question));
		json_object_set_new(ref, "file", str_or_null(f->ref_file));
		json_object_set_new(ref, "line",
				    f->ref_line
					? json_integer((json_int_t)f->ref_line)
					: json_null());
		json_object_set_new(ref, "sha256", str_or_null(f->ref_sha256));
		json_object_set_new(o, "evidence", ref);
		json_object_set_new(
		    o, "uncertain",
		    json_boolean(f->flags & FA_FINDING_UNCERTAIN));
		json_object_set_new(
		    o, "placeholder",
		    json_boolean(f->flags & FA_FINDING_PLACEHOLDER));
		json_object_set_new(
		    o, "sampled", json_boolean(f->flags & FA_FINDING_SAMPLED));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "findings", arr);
	return dump(out, root, err);
}

static json_t *side_json(const struct fa_param *p,
			 const struct fa_param_value *v)
{
	json_t *o;

	if (!p)
		return json_null();
	o = json_object();
	json_object_set_new(o, "parameter", json_string(p->name));
	json_object_set_new(o, "value", v ? json_string(v->text) : json_null());
	json_object_set_new(o, "unit", str_or_null(p->unit));
	json_object_set_new(o, "confidence",
			    v ? json_string(fa_confidence_name(v->confidence))
			      : json_null());
	return o;
}

enum fa_code fa_json_compare(char **out, const char *left, const char *right,
			     const char *const *dates, size_t n_dates,
			     struct fa_comparison *const *per_date,
			     const size_t *counts, struct fa_error *err)
{
	json_t *root = json_object(), *arr = json_array();
	size_t d, i;

	json_object_set_new(root, "flexaudit", json_string(fa_version()));
	json_object_set_new(root, "left", json_string(left));
	json_object_set_new(root, "right", json_string(right));
	for (d = 0; d < n_dates; d++) {
		json_t *o = json_object(), *cs = json_array();

		json_object_set_new(o, "date", json_string(dates[d]));
		for (i = 0; i < counts[d]; i++) {
			const struct fa_comparison *c = &per_date[d][i];
			json_t *co = json_object();

			json_object_set_new(co, "concept",
					    json_string(c->concept));
			json_object_set_new(co, "left",
					    side_json(c->left, c->lv));
			json_object_set_new(co, "right",
					    side_json(c->right, c->rv));
			json_object_set_new(
			    co, "relation",
			    json_string(fa_relation_name(c->relation)));
			json_object_set_new(co, "since",
					    c->since[0] ? json_string(c->since)
							: json_null());
			json_array_append_new(cs, co);
		}
		json_object_set_new(o, "concepts", cs);
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "dates", arr);
	return dump(out, root, err);
}
