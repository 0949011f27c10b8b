/* SPDX-License-Identifier: MIT */
/*
 * What `flexaudit compare` shows, as text and as JSON: two rule sets'
 * norms side by side on each date, what changed between the dates and,
 * with a package, the rule pairs, how each paired rule went and every norm
 * mismatch. Values and findings from the package are escaped in text
 * (fa_text_write). Uses compare, eval, evidence and json_impl.h.
 */
#include <stdlib.h>
#include <string.h>

#include "flexaudit.h"
#include "compare.h"
#include "json_impl.h"
#include "text.h"

/* ---- text ---------------------------------------------------------------- */

static void value(char *buf, size_t size, const struct fa_param *p,
		  const struct fa_param_value *v)
{
	if (!p)
		snprintf(buf, size, "(no such norm)");
	else if (!v)
		snprintf(buf, size, "(no value)");
	else
		snprintf(buf, size, "%s%s%s [%s]", v->text, p->unit ? " " : "",
			 p->unit ? p->unit : "",
			 fa_confidence_name(v->confidence));
}

/*
 * Who is stricter, in the "stricter" column: a set's id, "equal",
 * "differ", or "cao only" where only one side has a norm on the date (a
 * value against nothing is not a comparison of strictness); buf holds
 * the last.
 */
static const char *stricter(enum fa_relation r, const char *l, const char *rt,
			    char *buf, size_t size)
{
	switch (r) {
	case FA_REL_LEFT_STRICTER:
		return l;
	case FA_REL_RIGHT_STRICTER:
		return rt;
	case FA_REL_ONLY_LEFT:
		snprintf(buf, size, "%s only", l);
		return buf;
	case FA_REL_ONLY_RIGHT:
		snprintf(buf, size, "%s only", rt);
		return buf;
	case FA_REL_EQUAL:
		return "equal";
	case FA_REL_DIFFERENT:
		return "differ";
	case FA_REL_NEITHER:
		break;
	}
	return "-";
}

static void print_date(FILE *out, const struct fa_comparison *c, size_t n,
		       const char *left, const char *right, const char *date)
{
	char a[96], b[96], s[80];
	size_t i, differ = 0;

	fprintf(out, "\non %s\n%-40s %-24s %-24s %-10s %s\n", date, "concept",
		left, right, "stricter", "since");
	for (i = 0; i < n; i++) {
		value(a, sizeof(a), c[i].left, c[i].lv);
		value(b, sizeof(b), c[i].right, c[i].rv);
		differ += c[i].relation != FA_REL_EQUAL &&
			  c[i].relation != FA_REL_NEITHER;
		fprintf(out, "%-40s %-24s %-24s %-10s %s\n", c[i].concept, a, b,
			stricter(c[i].relation, left, right, s, sizeof(s)),
			c[i].since[0] ? c[i].since : "-");
	}
	fprintf(out, "%zu of %zu norms differ\n", differ, n);
}

/* ---- text, with a package ------------------------------------------------ */

static void print_side(FILE *out, int width, const char *set,
		       const struct fa_finding *f)
{
	fprintf(out, "          %-*s  ", width, set);
	/* observed and expected come from the package: escaped */
	fa_text_write(
	    out, "%s  %s%s: %s; %s\n", f->rule->id, fa_outcome_key(f->outcome),
	    (f->flags & FA_FINDING_SOFTENED)
		? " (fails on an uncertain or placeholder value)"
		: "",
	    f->observed ? f->observed : "-", f->expected ? f->expected : "-");
}

static void print_run(FILE *out, const struct fa_eval *e,
		      const struct fa_rule_run *run)
{
	fprintf(out, "  %-34s ", run->rule->id);
	if (run->error)
		fprintf(out, "could not run\n");
	else if (run->n_missing) {
		size_t i;

		fprintf(out, "not checked: the package does not supply");
		for (i = 0; i < run->n_missing; i++)
			fprintf(out, "%s %s", i ? "," : "", run->missing[i]);
		fprintf(out, "\n");
	} else if (!run->in_force)
		fprintf(out, "not in force on %s\n", e->audit_date);
	else
		fprintf(
		    out,
		    "%zu pass, %zu fail, %zu not applicable, %zu needs "
		    "review\n",
		    run->counts[FA_OUTCOME_PASS], run->counts[FA_OUTCOME_FAIL],
		    run->counts[FA_OUTCOME_NA], run->counts[FA_OUTCOME_REVIEW]);
}

static void print_package(FILE *out, const char *pkg, const char *left,
			  const char *right, const char *date,
			  const struct fa_eval *e,
			  const struct fa_rule_pair *pairs, size_t n_pairs,
			  const struct fa_mismatch *m, size_t n_m)
{
	size_t i, by_kind[2] = { 0, 0 };
	const struct fa_finding *f;
	int width =
	    (int)(strlen(left) > strlen(right) ? strlen(left) : strlen(right));
	char concept[128];

	fprintf(out, "\npackage %s, audit date %s\n", pkg, date);
	if (!n_pairs) {
		fprintf(out,
			"no rule pairs: no rule of %s and rule of %s with the "
			"same scope read a\nshared concept, so there are no "
			"subjects to compare\n",
			left, right);
		return;
	}
	fprintf(out,
		"rules paired by a shared concept key and the same scope:\n");
	for (i = 0; i < n_pairs; i++) {
		/* "+1": the two rules share more concepts than the one shown */
		if (pairs[i].n_concepts > 1)
			snprintf(concept, sizeof(concept), "%s +%zu",
				 pairs[i].concept, pairs[i].n_concepts - 1);
		else
			snprintf(concept, sizeof(concept), "%s",
				 pairs[i].concept);
		fprintf(out, "  %-40s %-30s %-30s %s\n", concept,
			pairs[i].left->id, pairs[i].right->id,
			fa_scope_name(pairs[i].left->scope));
	}
	fprintf(out, "the paired rules on %s:\n", date);
	for (i = 0; i < e->n_runs; i++)
		print_run(out, e, &e->runs[i]);
	for (i = 0; i < e->n_findings; i++) {
		f = &e->findings[i];
		if (f->outcome == FA_OUTCOME_ERROR)
			fa_text_write(out, "ERROR  %s  %s\n", f->rule->id,
				      f->observed ? f->observed : "");
	}
	fprintf(out, "\nnorm mismatches: subjects that one rule of a pair "
		     "passes and the other fails\n");
	fprintf(out,
		"  passes %s, fails %s: meets the %s norm but not the %s "
		"norm, which is stricter here\n",
		left, right, left, right);
	fprintf(out,
		"  fails %s, passes %s: meets the %s norm but not the %s "
		"norm, which is stricter here\n",
		left, right, right, left);
	fprintf(out, "  a subject both pass or both fail, or that either rule "
		     "does not judge\n  (not applicable, needs review), is "
		     "not a mismatch\n");
	for (i = 0; i < n_m; i++) {
		int reverse = m[i].kind != FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS;

		by_kind[reverse]++;
		fprintf(out, "\nMISMATCH  %s  %s  %s %s, %s %s\n", m[i].concept,
			m[i].left->subject, reverse ? "fails" : "passes", left,
			reverse ? "passes" : "fails", right);
		print_side(out, width, left, m[i].left);
		print_side(out, width, right, m[i].right);
		f = m[i].right->ref_file ? m[i].right : m[i].left;
		if (f->ref_file)
			fprintf(out, "          evidence: %s:%lu\n",
				f->ref_file, f->ref_line);
	}
	fprintf(out,
		"\nmismatches: %zu (%zu pass %s and fail %s, %zu fail %s and "
		"pass %s)\n",
		n_m, by_kind[0], left, right, by_kind[1], left, right);
}

enum fa_code fa_show_compare_text(FILE *out, const struct fa_compare_result *c,
				  struct fa_error *err)
{
	char was[80], now[80];
	size_t d, i;

	(void)err;
	fprintf(out, "compare %s with %s (norms paired by concept key)\n",
		c->left, c->right);
	for (d = 0; d < c->n_dates; d++)
		print_date(out, c->per_date[d], c->counts[d], c->left, c->right,
			   c->dates[d]);
	for (d = 1; d < c->n_dates; d++) {
		fprintf(out, "\nchanged from %s to %s:\n", c->dates[d - 1],
			c->dates[d]);
		for (i = 0; i < c->counts[d] && i < c->counts[d - 1]; i++)
			if (c->per_date[d][i].relation !=
			    c->per_date[d - 1][i].relation)
				fprintf(out, "  %-40s %s -> %s\n",
					c->per_date[d][i].concept,
					stricter(c->per_date[d - 1][i].relation,
						 c->left, c->right, was,
						 sizeof(was)),
					stricter(c->per_date[d][i].relation,
						 c->left, c->right, now,
						 sizeof(now)));
	}
	if (c->package)
		print_package(out, c->package, c->left, c->right, c->dates[0],
			      c->e, c->pairs, c->n_pairs, c->mismatches,
			      c->n_mismatches);
	return FA_OK;
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *side_json(const struct fa_param *p,
			 const struct fa_param_value *v)
{
	json_t *o;

	if (!p)
		return json_null();
	o = json_object();
	set(o, "parameter", json_string(p->name));
	set(o, "value", v ? json_string(v->text) : json_null());
	set(o, "unit", str_or_null(p->unit));
	set(o, "confidence",
	    v ? json_string(fa_confidence_name(v->confidence)) : json_null());
	return o;
}

static json_t *compare_root(const char *left, const char *right,
			    const char *const *dates, size_t n_dates,
			    const struct fa_comparison *const *per_date,
			    const size_t *counts)
{
	json_t *root = json_object(), *arr = json_array();
	size_t d, i;

	set(root, "flexaudit", json_string(fa_version()));
	set(root, "left", json_string(left));
	set(root, "right", json_string(right));
	for (d = 0; d < n_dates; d++) {
		json_t *o = json_object(), *cs = json_array();

		set(o, "date", json_string(dates[d]));
		for (i = 0; i < counts[d]; i++) {
			const struct fa_comparison *c = &per_date[d][i];
			json_t *co = json_object();

			set(co, "concept", json_string(c->concept));
			set(co, "left", side_json(c->left, c->lv));
			set(co, "right", side_json(c->right, c->rv));
			set(co, "relation",
			    json_string(fa_relation_name(c->relation)));
			set(co, "since",
			    c->since[0] ? json_string(c->since) : json_null());
			append(cs, co);
		}
		set(o, "concepts", cs);
		append(arr, o);
	}
	set(root, "dates", arr);
	return root;
}

static enum fa_code compare_json(FILE *out, const char *left, const char *right,
				 const char *const *dates, size_t n_dates,
				 struct fa_comparison *const *per_date,
				 const size_t *counts, struct fa_error *err)
{
	return dump(out,
		    compare_root(left, right, dates, n_dates,
				 (const struct fa_comparison *const *)per_date,
				 counts),
		    err);
}

/* ---- compare with a package: rule pairs and norm mismatches ------------- */

/* One side of a rule pair: the rule and how it went in e. */
static json_t *pair_side_json(const struct fa_rule *rule,
			      const struct fa_eval *e)
{
	json_t *o = json_object(), *counts = json_object();
	const struct fa_rule_run *run = fa_eval_rule_run(e, rule);
	size_t k;

	set(o, "rule", json_string(rule->id));
	set(o, "rule_set", json_string(rule->set->id));
	set(o, "in_force", run ? json_boolean(run->in_force) : json_null());
	set(o, "error", run ? json_boolean(run->error) : json_null());
	for (k = 0; k < FA_OUTCOME_COUNT; k++)
		set(counts, fa_outcome_key((enum fa_outcome)k),
		    json_integer(run ? (json_int_t)run->counts[k] : 0));
	set(o, "counts", counts);
	return o;
}

static enum fa_code compare_package_json(
    FILE *out, const char *left, const char *right, const char *date,
    const struct fa_comparison *c, size_t n, struct fa_evidence *ev,
    const struct fa_eval *e, const struct fa_rule_pair *pairs, size_t n_pairs,
    const struct fa_mismatch *m, size_t n_m, struct fa_error *err)
{
	const char *dates[1] = { date };
	const struct fa_comparison *per_date[1] = { c };
	json_t *root = compare_root(left, right, dates, 1, per_date, &n);
	json_t *pkg = json_object(), *ps = json_array(), *ms = json_array(),
	       *kinds = json_object();
	size_t i, by_kind[2] = { 0, 0 };

	set(pkg, "path", json_string(fa_package_path(ev->pkg)));
	set(pkg, "sha256", json_string(ev->package_sha256));
	set(root, "package", pkg);
	set(root, "audit_date", json_string(date));
	for (i = 0; i < n_pairs; i++) {
		json_t *o = json_object();

		set(o, "concept", json_string(pairs[i].concept));
		set(o, "shared_concepts",
		    json_integer((json_int_t)pairs[i].n_concepts));
		set(o, "scope",
		    json_string(fa_scope_name(pairs[i].left->scope)));
		set(o, "left", pair_side_json(pairs[i].left, e));
		set(o, "right", pair_side_json(pairs[i].right, e));
		append(ps, o);
	}
	set(root, "pairs", ps);
	for (i = 0; i < n_m; i++) {
		json_t *o = json_object();

		by_kind[m[i].kind != FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS]++;
		set(o, "concept", json_string(m[i].concept));
		set(o, "subject", json_string(m[i].left->subject));
		set(o, "kind", json_string(fa_mismatch_kind_key(m[i].kind)));
		set(o, "left",
		    with_confidence(finding_json(m[i].left), m[i].left));
		set(o, "right",
		    with_confidence(finding_json(m[i].right), m[i].right));
		append(ms, o);
	}
	set(kinds, "left_passes_right_fails",
	    json_integer((json_int_t)by_kind[0]));
	set(kinds, "left_fails_right_passes",
	    json_integer((json_int_t)by_kind[1]));
	set(root, "mismatch_counts", kinds);
	set(root, "mismatches", ms);
	return dump(out, root, err);
}

enum fa_code fa_show_compare_json(FILE *out, const struct fa_compare_result *c,
				  struct fa_error *err)
{
	if (!c->package)
		return compare_json(out, c->left, c->right,
				    (const char *const *)c->dates, c->n_dates,
				    c->per_date, c->counts, err);
	return compare_package_json(out, c->left, c->right, c->dates[0],
				    c->per_date[0], c->counts[0], c->ev, c->e,
				    c->pairs, c->n_pairs, c->mismatches,
				    c->n_mismatches, err);
}
