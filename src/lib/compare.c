/* SPDX-License-Identifier: MIT */
/*
 * Norm comparison by concept key; see compare.h. A relation is constant
 * between the dates on which either parameter's value changes, so "since
 * when" is found by walking those dates back from the date asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compare.h"
#include "date.h"
#include "sqlscan.h"

static const char *const relation_names[] = {
	"equal",     "left stricter", "right stricter", "different",
	"only left", "only right",    "neither",
};

const char *fa_relation_name(enum fa_relation r)
{
	return (unsigned)r < sizeof(relation_names) / sizeof(relation_names[0])
		   ? relation_names[r]
		   : "?";
}

static const struct fa_ruleset *set_by_id(const struct fa_rulesets *sets,
					  const char *id)
{
	size_t i;

	for (i = 0; i < sets->n; i++)
		if (strcmp(sets->sets[i]->id, id) == 0)
			return sets->sets[i];
	return NULL;
}

/* A set id given that sets do not hold: say so, and which they hold. */
static enum fa_code unknown_set(const struct fa_rulesets *sets, const char *id,
				struct fa_error *err)
{
	char hint[FA_ERROR_MESSAGE_MAX / 2];

	fa_rulesets_hint(hint, sizeof(hint), sets, id, FA_HINT_SETS);
	return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
			    "no rule set '%s' is loaded: %s", id, hint);
}

static const struct fa_param *by_concept(const struct fa_ruleset *rs,
					 const char *concept)
{
	size_t i;

	for (i = 0; i < rs->n_params; i++)
		if (rs->params[i].concept &&
		    strcmp(rs->params[i].concept, concept) == 0)
			return &rs->params[i];
	return NULL;
}

/* The value as a number, for the types that have one. */
static int numeric(const struct fa_param *p, const struct fa_param_value *v,
		   double *out)
{
	switch (p->type) {
	case FA_PARAM_NUMBER:
		*out = v->number;
		return 1;
	case FA_PARAM_MONEY:
	case FA_PARAM_INTEGER:
	case FA_PARAM_BOOLEAN:
		*out = (double)v->integer;
		return 1;
	default:
		return 0;
	}
}

/*
 * 1 for no value or the text "none": a rule set's way of saying it has no
 * such norm (docs/rules.md), as the CAO says of persons per bedroom.
 */
static int no_norm(const struct fa_param_value *v)
{
	return !v || strcasecmp(v->text, "none") == 0;
}

static enum fa_relation relate(const struct fa_param *l,
			       const struct fa_param *r, const char *date,
			       const struct fa_param_value **lv,
			       const struct fa_param_value **rv)
{
	enum fa_limit limit;
	double a, b;

	*lv = l ? fa_param_at(l, date) : NULL;
	*rv = r ? fa_param_at(r, date) : NULL;
	if (no_norm(*lv) && no_norm(*rv))
		return *lv && *rv ? FA_REL_EQUAL : FA_REL_NEITHER;
	/* a norm is stricter than a set that says it has none */
	if (no_norm(*lv) && *lv)
		return FA_REL_RIGHT_STRICTER;
	if (no_norm(*rv) && *rv)
		return FA_REL_LEFT_STRICTER;
	if (!*rv)
		return FA_REL_ONLY_LEFT;
	if (!*lv)
		return FA_REL_ONLY_RIGHT;
	/* 4 weeks and 1 month: numbers in different units do not compare */
	if (l->unit && r->unit && strcmp(l->unit, r->unit) != 0)
		return FA_REL_DIFFERENT;
	if (numeric(l, *lv, &a) && numeric(r, *rv, &b)) {
		if (a == b)
			return FA_REL_EQUAL;
		limit = l->limit ? l->limit : r->limit;
		if (limit == FA_LIMIT_MIN)
			return a > b ? FA_REL_LEFT_STRICTER
				     : FA_REL_RIGHT_STRICTER;
		if (limit == FA_LIMIT_MAX)
			return a < b ? FA_REL_LEFT_STRICTER
				     : FA_REL_RIGHT_STRICTER;
		return FA_REL_DIFFERENT;
	}
	return strcmp((*lv)->text, (*rv)->text) == 0 ? FA_REL_EQUAL
						     : FA_REL_DIFFERENT;
}

/* The day after an ISO date (the date itself if it is none). */
static void next_day(char out[FA_DATE_LEN], const char *iso)
{
	if (fa_date_add_days(out, iso, 1) != 0)
		snprintf(out, FA_DATE_LEN, "%s", iso);
}

static int cmp_date(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Dates on which l's or r's value may change, sorted, into *out. */
static size_t boundaries(char (**out)[FA_DATE_LEN], const struct fa_param *l,
			 const struct fa_param *r)
{
	const struct fa_param *ps[2] = { l, r };
	size_t n = 0, cap = 0, i, k;
	char(*v)[FA_DATE_LEN];

	for (k = 0; k < 2; k++)
		cap += ps[k] ? 2 * ps[k]->n_values : 0;
	v = calloc(cap + 1, sizeof(*v));
	if (!v)
		return 0;
	for (k = 0; k < 2; k++)
		for (i = 0; ps[k] && i < ps[k]->n_values; i++) {
			snprintf(v[n++], FA_DATE_LEN, "%s",
				 ps[k]->values[i].from);
			if (ps[k]->values[i].until[0])
				next_day(v[n++], ps[k]->values[i].until);
		}
	qsort(v, n, sizeof(*v), cmp_date);
	*out = v;
	return n;
}

/* The first day, at or before date, from which the relation is rel. */
static void find_since(char since[FA_DATE_LEN], const struct fa_param *l,
		       const struct fa_param *r, const char *date,
		       enum fa_relation rel)
{
	const struct fa_param_value *lv, *rv;
	char(*b)[FA_DATE_LEN] = NULL;
	size_t n = boundaries(&b, l, r), i;

	since[0] = '\0';
	for (i = n; i-- > 0;) {
		if (strcmp(b[i], date) > 0)
			continue;
		if (relate(l, r, b[i], &lv, &rv) != rel)
			break;
		snprintf(since, FA_DATE_LEN, "%s", b[i]);
	}
	free(b);
}

static int by_concept_name(const void *a, const void *b)
{
	const struct fa_comparison *x = a, *y = b;

	return strcmp(x->concept, y->concept);
}

enum fa_code fa_compare(struct fa_comparison **out, size_t *n,
			const struct fa_rulesets *sets, const char *left_id,
			const char *right_id, const char *date,
			struct fa_error *err)
{
	const struct fa_ruleset *l = set_by_id(sets, left_id);
	const struct fa_ruleset *r = set_by_id(sets, right_id);
	const struct fa_ruleset *sides[2];
	struct fa_comparison *v;
	char why[FA_VALUE_DATE_CHECK_MAX];
	size_t cap, k = 0, s, i, j;

	*out = NULL;
	*n = 0;
	if (!l || !r)
		return unknown_set(sets, l ? right_id : left_id, err);
	if (fa_value_iso_date_check(why, sizeof(why), date) != 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "date '%s' %s", date, why);
	sides[0] = l;
	sides[1] = r;
	cap = l->n_params + r->n_params;
	v = calloc(cap + 1, sizeof(*v));
	if (!v)
		return fa_error_nomem(err, NULL);
	for (s = 0; s < 2; s++)
		for (i = 0; i < sides[s]->n_params; i++) {
			const char *c = sides[s]->params[i].concept;
			int seen = 0;

			if (!c)
				continue;
			for (j = 0; j < k; j++)
				seen |= strcmp(v[j].concept, c) == 0;
			if (seen)
				continue;
			v[k].concept = c;
			v[k].left = by_concept(l, c);
			v[k].right = by_concept(r, c);
			v[k].relation = relate(v[k].left, v[k].right, date,
					       &v[k].lv, &v[k].rv);
			find_since(v[k].since, v[k].left, v[k].right, date,
				   v[k].relation);
			k++;
		}
	qsort(v, k, sizeof(*v), by_concept_name);
	*out = v;
	*n = k;
	return FA_OK;
}

/* ---- rule pairs and norm mismatches -------------------------------------- */

static const char *const kind_names[] = {
	"left passes, right fails",
	"left fails, right passes",
};
static const char *const kind_keys[] = {
	"left-passes-right-fails",
	"left-fails-right-passes",
};

const char *fa_mismatch_kind_name(enum fa_mismatch_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(kind_names[0])
		   ? kind_names[k]
		   : "?";
}

const char *fa_mismatch_kind_key(enum fa_mismatch_kind k)
{
	return (unsigned)k < sizeof(kind_keys) / sizeof(kind_keys[0])
		   ? kind_keys[k]
		   : "?";
}

/* The concept keys one check reads, sorted, without repeats. */
struct concepts {
	const struct fa_rulesets *sets;
	const char **v;
	size_t n, cap;
};

static int on_param(void *ctx, const char *name, size_t off)
{
	struct concepts *c = ctx;
	const struct fa_param *p = fa_rulesets_param(c->sets, name);
	const char **v;
	size_t i;

	(void)off;
	if (!p || !p->concept)
		return 0;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i], p->concept) == 0)
			return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		v = realloc(c->v, c->cap * sizeof(*v));
		if (!v)
			return -1;
		c->v = v;
	}
	c->v[c->n++] = p->concept;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The concepts of every rule of rs into out[rs->n_rules]; 0 or -1. */
static int rule_concepts(struct concepts *out, const struct fa_rulesets *sets,
			 const struct fa_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n_rules; i++) {
		out[i].sets = sets;
		if (fa_sqlscan_params(rs->rules[i].check, on_param, &out[i]) !=
		    0)
			return -1;
		if (out[i].n)
			qsort(out[i].v, out[i].n, sizeof(*out[i].v), cmp_str);
	}
	return 0;
}

static void concepts_free(struct concepts *c, size_t n)
{
	size_t i;

	for (i = 0; c && i < n; i++)
		free(c[i].v);
	free(c);
}

/* How many keys the sorted lists a and b share; the first in *first. */
static size_t shared(const struct concepts *a, const struct concepts *b,
		     const char **first)
{
	size_t i = 0, j = 0, k = 0;
	int d;

	*first = NULL;
	while (i < a->n && j < b->n) {
		d = strcmp(a->v[i], b->v[j]);
		if (d == 0) {
			if (!k++)
				*first = a->v[i];
			i++;
			j++;
		} else if (d < 0) {
			i++;
		} else {
			j++;
		}
	}
	return k;
}

static int by_pair(const void *a, const void *b)
{
	const struct fa_rule_pair *x = a, *y = b;
	int d = strcmp(x->concept, y->concept);

	if (!d)
		d = strcmp(x->left->id, y->left->id);
	return d ? d : strcmp(x->right->id, y->right->id);
}

enum fa_code fa_compare_rule_pairs(struct fa_rule_pair **out, size_t *n,
				   const struct fa_rulesets *sets,
				   const char *left_id, const char *right_id,
				   struct fa_error *err)
{
	const struct fa_ruleset *l = set_by_id(sets, left_id);
	const struct fa_ruleset *r = set_by_id(sets, right_id);
	struct concepts *lc = NULL, *rc = NULL;
	struct fa_rule_pair *v = NULL, *t;
	const char *first;
	size_t i, j, k = 0, cap = 0, m;
	enum fa_code code = FA_OK;

	*out = NULL;
	*n = 0;
	if (!l || !r)
		return unknown_set(sets, l ? right_id : left_id, err);
	lc = calloc(l->n_rules + 1, sizeof(*lc));
	rc = calloc(r->n_rules + 1, sizeof(*rc));
	if (!lc || !rc || rule_concepts(lc, sets, l) != 0 ||
	    rule_concepts(rc, sets, r) != 0)
		goto nomem;
	for (i = 0; i < l->n_rules; i++)
		for (j = 0; j < r->n_rules; j++) {
			if (l->rules[i].scope != r->rules[j].scope)
				continue;
			m = shared(&lc[i], &rc[j], &first);
			if (!m)
				continue;
			if (k == cap) {
				cap = cap ? 2 * cap : 8;
				t = realloc(v, cap * sizeof(*v));
				if (!t)
					goto nomem;
				v = t;
			}
			v[k].concept = first;
			v[k].n_concepts = m;
			v[k].left = &l->rules[i];
			v[k].right = &r->rules[j];
			k++;
		}
	if (k)
		qsort(v, k, sizeof(*v), by_pair);
	*out = v;
	*n = k;
	v = NULL;
	goto out;
nomem:
	code = fa_error_nomem(err, NULL);
out:
	free(v);
	concepts_free(lc, l->n_rules);
	concepts_free(rc, r->n_rules);
	return code;
}

enum fa_code fa_compare_declared_pairs(struct fa_rule_pair **out, size_t *n,
				       const struct fa_rulesets *sets,
				       struct fa_error *err)
{
	struct fa_rule_pair *v = NULL, *p, *t;
	size_t i, j, k = 0, np;
	enum fa_code code;

	*out = NULL;
	*n = 0;
	for (i = 0; i < sets->n; i++) {
		const struct fa_ruleset *l = sets->sets[i];

		for (j = 0; j < l->n_mismatches_against; j++) {
			if (!set_by_id(sets, l->mismatches_against[j]))
				continue; /* not loaded: nothing to pair */
			code = fa_compare_rule_pairs(&p, &np, sets, l->id,
						     l->mismatches_against[j],
						     err);
			if (code != FA_OK) {
				free(v);
				return code;
			}
			if (!np)
				continue;
			t = realloc(v, (k + np) * sizeof(*v));
			if (!t) {
				free(p);
				free(v);
				return fa_error_nomem(err, NULL);
			}
			v = t;
			memcpy(v + k, p, np * sizeof(*v));
			k += np;
			free(p);
		}
	}
	*out = v;
	*n = k;
	return FA_OK;
}

enum fa_code fa_compare_pair_rule_ids(const char ***out, size_t *n,
				      const struct fa_rule_pair *pairs,
				      size_t n_pairs, struct fa_error *err)
{
	const char **v;
	size_t i, j, k = 0, s;

	*out = NULL;
	*n = 0;
	if (!n_pairs)
		return FA_OK;
	v = calloc(2 * n_pairs, sizeof(*v));
	if (!v)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < n_pairs; i++)
		for (s = 0; s < 2; s++) {
			const char *id =
			    s ? pairs[i].right->id : pairs[i].left->id;
			int seen = 0;

			for (j = 0; j < k && !seen; j++)
				seen = strcmp(v[j], id) == 0;
			if (!seen)
				v[k++] = id;
		}
	*out = v;
	*n = k;
	return FA_OK;
}

/* The judged (pass or fail) findings of one rule in e, by subject; among
 * equal subjects the first in e comes first. */
static int by_subject(const void *a, const void *b)
{
	const struct fa_finding *x = *(const struct fa_finding *const *)a;
	const struct fa_finding *y = *(const struct fa_finding *const *)b;
	int d = strcmp(x->subject, y->subject);

	return d ? d : (x > y) - (x < y);
}

/*
 * 1 if the check failed the subject: a fail, or a fail on an uncertain or
 * placeholder value that the report shows as needs review. A norm
 * mismatch compares what the two norms say, however sure their values.
 */
static int check_failed(const struct fa_finding *f)
{
	return f->outcome == FA_OUTCOME_FAIL ||
	       (f->outcome == FA_OUTCOME_REVIEW &&
		(f->flags & FA_FINDING_SOFTENED));
}

static const struct fa_finding **judged(size_t *n, const struct fa_eval *e,
					const struct fa_rule *rule)
{
	const struct fa_finding **v;
	size_t i, k = 0;

	v = calloc(e->n_findings + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < e->n_findings; i++)
		if (e->findings[i].rule == rule &&
		    (e->findings[i].outcome == FA_OUTCOME_PASS ||
		     check_failed(&e->findings[i])))
			v[k++] = &e->findings[i];
	if (k)
		qsort(v, k, sizeof(*v), by_subject);
	*n = k;
	return v;
}

/* FA_ERR_USAGE if rule counted passes in e but kept fewer of them. */
static enum fa_code passes_kept(const struct fa_eval *e,
				const struct fa_rule *rule,
				struct fa_error *err)
{
	const struct fa_rule_run *run = fa_eval_rule_run(e, rule);
	size_t i, kept = 0;

	for (i = 0; i < e->n_findings; i++)
		kept += e->findings[i].rule == rule &&
			e->findings[i].outcome == FA_OUTCOME_PASS;
	if (run && run->counts[FA_OUTCOME_PASS] > kept)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "the passes of rule '%s' were not kept",
				    rule->id);
	return FA_OK;
}

static int by_mismatch(const void *a, const void *b)
{
	const struct fa_mismatch *x = a, *y = b;
	int d = strcmp(x->concept, y->concept);

	if (!d)
		d = strcmp(x->left->rule->id, y->left->rule->id);
	if (!d)
		d = strcmp(x->right->rule->id, y->right->rule->id);
	if (!d)
		d = strcmp(x->left->subject, y->left->subject);
	return d;
}

/* Append the mismatches of one pair to *v (k used of *cap); 0 or -1. */
static int pair_mismatches(struct fa_mismatch **v, size_t *k, size_t *cap,
			   const struct fa_rule_pair *p,
			   const struct fa_finding **a, size_t na,
			   const struct fa_finding **b, size_t nb)
{
	size_t i = 0, j = 0;
	struct fa_mismatch *t;
	const char *s;
	int d;

	while (i < na && j < nb) {
		s = a[i]->subject;
		d = strcmp(s, b[j]->subject);
		if (d < 0) {
			i++;
			continue;
		}
		if (d > 0) {
			j++;
			continue;
		}
		if (check_failed(a[i]) != check_failed(b[j])) {
			if (*k == *cap) {
				*cap = *cap ? 2 * *cap : 16;
				t = realloc(*v, *cap * sizeof(**v));
				if (!t)
					return -1;
				*v = t;
			}
			(*v)[*k].concept = p->concept;
			(*v)[*k].left = a[i];
			(*v)[*k].right = b[j];
			(*v)[*k].kind =
			    a[i]->outcome == FA_OUTCOME_PASS
				? FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS
				: FA_MISMATCH_LEFT_FAILS_RIGHT_PASSES;
			(*k)++;
		}
		/* a subject returned twice: only its first finding counts */
		while (i < na && strcmp(a[i]->subject, s) == 0)
			i++;
		while (j < nb && strcmp(b[j]->subject, s) == 0)
			j++;
	}
	return 0;
}

enum fa_code fa_compare_mismatches(struct fa_mismatch **out, size_t *n,
				   const struct fa_eval *e,
				   const struct fa_rule_pair *pairs,
				   size_t n_pairs, struct fa_error *err)
{
	struct fa_mismatch *v = NULL;
	const struct fa_finding **a = NULL, **b = NULL;
	size_t p, na, nb, k = 0, cap = 0;
	enum fa_code code = FA_OK;

	*out = NULL;
	*n = 0;
	for (p = 0; p < n_pairs; p++) {
		code = passes_kept(e, pairs[p].left, err);
		if (code == FA_OK)
			code = passes_kept(e, pairs[p].right, err);
		if (code != FA_OK)
			goto out;
	}
	for (p = 0; p < n_pairs; p++) {
		a = judged(&na, e, pairs[p].left);
		b = judged(&nb, e, pairs[p].right);
		if (!a || !b ||
		    pair_mismatches(&v, &k, &cap, &pairs[p], a, na, b, nb) !=
			0) {
			code = fa_error_nomem(err, NULL);
			goto out;
		}
		free(a);
		free(b);
		a = b = NULL;
	}
	if (k)
		qsort(v, k, sizeof(*v), by_mismatch);
	*out = v;
	*n = k;
	v = NULL;
out:
	free(a);
	free(b);
	free(v);
	return code;
}

static int ran(const struct fa_eval *e, const struct fa_rule *rule)
{
	const struct fa_rule_run *run = fa_eval_rule_run(e, rule);

	return run && run->in_force && !run->error && !run->n_missing;
}

size_t fa_compare_pairs_that_ran(struct fa_rule_pair *pairs, size_t n,
				 const struct fa_eval *e)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (ran(e, pairs[i].left) && ran(e, pairs[i].right))
			pairs[k++] = pairs[i];
	return k;
}
