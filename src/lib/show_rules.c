/* SPDX-License-Identifier: MIT */
/*
 * What `flexaudit rules` shows, as text and as JSON: the loaded rule sets
 * (list), one rule in full (show), what lint found sound (lint) and the
 * results of the rules' own tests (test), which a struct fa_rule_tests
 * carries from fa_eval_test to a program. Uses ruleset, eval and
 * json_impl.h.
 */
#include <stdlib.h>

#include "flexaudit.h"
#include "eval.h"
#include "json_impl.h"
#include "ruleset.h"

/* ---- list ---------------------------------------------------------------- */

enum fa_code fa_show_rules_text(FILE *out, const struct fa_rulesets *sets,
				struct fa_error *err)
{
	size_t s, i;

	(void)err;
	for (s = 0; s < sets->n; s++) {
		const struct fa_ruleset *rs = sets->sets[s];

		fprintf(out, "%s %s  %s\n  %s, sha256 %.16s\n", rs->id,
			rs->edition, rs->title.en, rs->path, rs->sha256);
		for (i = 0; i < rs->n_rules; i++) {
			const struct fa_rule *r = &rs->rules[i];

			fprintf(out, "  %-34s %-10s %-11s %-2s  %s\n", r->id,
				fa_scope_name(r->scope),
				fa_severity_name(r->severity),
				fa_confidence_name(r->confidence), r->title.en);
		}
		for (i = 0; i < rs->n_params; i++) {
			const struct fa_param *p = &rs->params[i];

			fprintf(out, "  param %-28s %-10s %-11s %-2s  %s\n",
				p->name, p->unit ? p->unit : "",
				p->concept ? p->concept : "",
				fa_confidence_name(p->confidence), p->title.en);
		}
	}
	return FA_OK;
}

/* ---- show ---------------------------------------------------------------- */

enum fa_code fa_show_rule_text(FILE *out, const struct fa_rule *r,
			       struct fa_error *err)
{
	size_t i;

	(void)err;
	fprintf(out, "%s  (%s %s, %s:%lu)\n", r->id, r->set->id,
		r->set->edition, r->set->path, r->line);
	fprintf(out, "title       %s\n            %s\n", r->title.en,
		r->title.nl);
	fprintf(out, "article     %s\n", r->article);
	fprintf(out, "scope       %s\nseverity    %s\n",
		fa_scope_name(r->scope), fa_severity_name(r->severity));
	fprintf(out, "effective   %s to %s\n",
		r->from[0]	  ? r->from
		: r->set->from[0] ? r->set->from
				  : "-",
		r->until[0]	   ? r->until
		: r->set->until[0] ? r->set->until
				   : "-");
	fprintf(out, "source      %s (confidence %s)\n",
		r->source ? r->source : "-", fa_confidence_name(r->confidence));
	fprintf(out, "reads      ");
	for (i = 0; i < r->n_reads; i++)
		fprintf(out, " %s", r->reads[i]);
	fprintf(out, "\nmessage     %s\n            %s\n", r->message.en,
		r->message.nl);
	if (r->remedy.en)
		fprintf(out, "remedy      %s\n            %s\n", r->remedy.en,
			r->remedy.nl ? r->remedy.nl : "");
	if (r->question.en)
		fprintf(out, "question    %s\n            %s\n", r->question.en,
			r->question.nl ? r->question.nl : "");
	fprintf(out, "check       (%s:%lu)\n%s\n", r->set->path, r->check_line,
		r->check);
	fprintf(out, "tests      ");
	for (i = 0; i < r->n_tests; i++)
		fprintf(out, " '%s'", r->tests[i].name);
	fprintf(out, "\n");
	return FA_OK;
}

/* ---- lint ---------------------------------------------------------------- */

static size_t count_rules(const struct fa_rulesets *sets, size_t *params,
			  size_t *placeholders)
{
	size_t n = 0, s, p;

	*params = *placeholders = 0;
	for (s = 0; s < sets->n; s++) {
		n += sets->sets[s]->n_rules;
		*params += sets->sets[s]->n_params;
		for (p = 0; p < sets->sets[s]->n_params; p++)
			*placeholders +=
			    sets->sets[s]->params[p].confidence == FA_CONF_NF;
	}
	return n;
}

enum fa_code fa_show_lint_text(FILE *out, const struct fa_rulesets *sets,
			       struct fa_error *err)
{
	size_t n_rules, n_params, n_nf;

	(void)err;
	n_rules = count_rules(sets, &n_params, &n_nf);
	fprintf(out,
		"rules lint: %zu rule set%s, %zu rules, %zu parameters "
		"(%zu placeholders): ok\n",
		sets->n, sets->n == 1 ? "" : "s", n_rules, n_params, n_nf);
	return FA_OK;
}

enum fa_code fa_show_lint_json(FILE *out, const struct fa_rulesets *sets,
			       struct fa_error *err)
{
	size_t n_rules, n_params, n_nf;

	(void)err;
	n_rules = count_rules(sets, &n_params, &n_nf);
	fprintf(out,
		"{\n  \"ok\": true,\n  \"rule_sets\": %zu,\n  "
		"\"rules\": %zu,\n  \"parameters\": %zu,\n  "
		"\"placeholders\": %zu\n}\n",
		sets->n, n_rules, n_params, n_nf);
	return FA_OK;
}

/* ---- test ---------------------------------------------------------------- */

/* The results of the rules' own tests (fa_eval_test). */
struct fa_rule_tests {
	struct fa_test_result *res;
	size_t n;
};

enum fa_code fa_rule_tests_run(struct fa_rule_tests **out,
			       const struct fa_rulesets *sets,
			       const char *const *only, size_t n_only,
			       struct fa_error *err)
{
	struct fa_rule_tests *t = calloc(1, sizeof(*t));
	enum fa_code rc;

	*out = NULL;
	if (!t)
		return fa_error_nomem(err, NULL);
	rc = fa_eval_test(&t->res, &t->n, sets, only, n_only, err);
	if (rc != FA_OK) {
		fa_rule_tests_free(t);
		return rc;
	}
	*out = t;
	return FA_OK;
}

size_t fa_rule_tests_failed(const struct fa_rule_tests *t)
{
	size_t i, failed = 0;

	for (i = 0; i < t->n; i++)
		failed += !t->res[i].passed;
	return failed;
}

void fa_rule_tests_free(struct fa_rule_tests *t)
{
	if (!t)
		return;
	fa_eval_tests_free(t->res, t->n);
	free(t);
}

enum fa_code fa_show_tests_text(FILE *out, const struct fa_rule_tests *t,
				struct fa_error *err)
{
	const struct fa_test_result *res = t->res;
	size_t i, n = t->n, failed = fa_rule_tests_failed(t);

	(void)err;
	for (i = 0; i < n; i++)
		if (!res[i].passed)
			fprintf(out, "FAIL %s: %s\n%s\n", res[i].rule->id,
				res[i].test->name, res[i].detail);
	fprintf(out, "rule tests: %zu passed, %zu failed\n", n - failed,
		failed);
	return FA_OK;
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *sets_json(const struct fa_rulesets *sets, int with_rules)
{
	json_t *arr = json_array();
	size_t s, i, k;

	for (s = 0; s < sets->n; s++) {
		const struct fa_ruleset *rs = sets->sets[s];
		json_t *o = json_object(), *params = json_array(),
		       *rules = json_array();

		set(o, "id", json_string(rs->id));
		set(o, "edition", json_string(rs->edition));
		set(o, "title", text_json(&rs->title));
		set(o, "path", json_string(rs->path));
		set(o, "sha256", json_string(rs->sha256));
		for (i = 0; with_rules && i < rs->n_params; i++) {
			const struct fa_param *p = &rs->params[i];
			json_t *po = json_object(), *vals = json_array();

			set(po, "name", json_string(p->name));
			set(po, "concept", str_or_null(p->concept));
			set(po, "unit", str_or_null(p->unit));
			set(po, "confidence",
			    json_string(fa_confidence_name(p->confidence)));
			for (k = 0; k < p->n_values; k++) {
				const struct fa_param_value *v = &p->values[k];
				json_t *vo = json_object();

				set(vo, "from", json_string(v->from));
				set(vo, "until",
				    v->until[0] ? json_string(v->until)
						: json_null());
				set(vo, "value", json_string(v->text));
				set(vo, "confidence",
				    json_string(
					fa_confidence_name(v->confidence)));
				append(vals, vo);
			}
			set(po, "values", vals);
			append(params, po);
		}
		for (i = 0; with_rules && i < rs->n_rules; i++) {
			const struct fa_rule *r = &rs->rules[i];
			json_t *ro = json_object();

			set(ro, "id", json_string(r->id));
			set(ro, "article", str_or_null(r->article));
			set(ro, "title", text_json(&r->title));
			set(ro, "scope", json_string(fa_scope_name(r->scope)));
			set(ro, "severity",
			    json_string(fa_severity_name(r->severity)));
			set(ro, "confidence",
			    json_string(fa_confidence_name(r->confidence)));
			set(ro, "source", str_or_null(r->source));
			set(ro, "tests", json_integer((json_int_t)r->n_tests));
			append(rules, ro);
		}
		if (with_rules) {
			set(o, "parameters", params);
			set(o, "rules", rules);
		} else {
			json_decref(params);
			json_decref(rules);
		}
		append(arr, o);
	}
	return arr;
}

enum fa_code fa_show_rules_json(FILE *out, const struct fa_rulesets *sets,
				struct fa_error *err)
{
	json_t *root = json_object();

	set(root, "flexaudit", json_string(fa_version()));
	set(root, "rule_sets", sets_json(sets, 1));
	return dump(out, root, err);
}

enum fa_code fa_show_rule_json(FILE *out, const struct fa_rule *r,
			       struct fa_error *err)
{
	json_t *o = json_object(), *reads = json_array(), *tests = json_array();
	size_t i;

	set(o, "id", json_string(r->id));
	set(o, "rule_set", json_string(r->set->id));
	set(o, "edition", json_string(r->set->edition));
	set(o, "file", json_string(r->set->path));
	set(o, "line", json_integer((json_int_t)r->line));
	set(o, "article", str_or_null(r->article));
	set(o, "title", text_json(&r->title));
	set(o, "scope", json_string(fa_scope_name(r->scope)));
	set(o, "severity", json_string(fa_severity_name(r->severity)));
	set(o, "effective_from",
	    r->from[0] ? json_string(r->from) : json_null());
	set(o, "effective_until",
	    r->until[0] ? json_string(r->until) : json_null());
	set(o, "source", str_or_null(r->source));
	set(o, "confidence", json_string(fa_confidence_name(r->confidence)));
	for (i = 0; i < r->n_reads; i++)
		append(reads, json_string(r->reads[i]));
	set(o, "reads", reads);
	set(o, "message", text_json(&r->message));
	set(o, "remedy", text_json(&r->remedy));
	set(o, "question", text_json(&r->question));
	set(o, "check", json_string(r->check));
	for (i = 0; i < r->n_tests; i++)
		append(tests, json_string(r->tests[i].name));
	set(o, "tests", tests);
	return dump(out, o, err);
}

static enum fa_code tests_json(FILE *out, const struct fa_test_result *res,
			       size_t n, struct fa_error *err)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i, failed = 0;

	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		failed += !res[i].passed;
		set(o, "rule", json_string(res[i].rule->id));
		set(o, "test", json_string(res[i].test->name));
		set(o, "passed", json_boolean(res[i].passed));
		set(o, "detail", str_or_null(res[i].detail));
		append(arr, o);
	}
	set(root, "passed", json_integer((json_int_t)(n - failed)));
	set(root, "failed", json_integer((json_int_t)failed));
	set(root, "tests", arr);
	return dump(out, root, err);
}

enum fa_code fa_show_tests_json(FILE *out, const struct fa_rule_tests *t,
				struct fa_error *err)
{
	return tests_json(out, t->res, t->n, err);
}
