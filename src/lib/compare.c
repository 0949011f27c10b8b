/* SPDX-License-Identifier: MIT */
/*
 * Norm comparison by concept key; see compare.h. A relation is constant
 * between the dates on which either parameter's value changes, so "since
 * when" is found by walking those dates back from the date asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

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

static enum fa_relation relate(const struct fa_param *l,
			       const struct fa_param *r, const char *date,
			       const struct fa_param_value **lv,
			       const struct fa_param_value **rv)
{
	enum fa_limit limit;
	double a, b;

	*lv = l ? fa_param_at(l, date) : NULL;
	*rv = r ? fa_param_at(r, date) : NULL;
	if (!*lv && !*rv)
		return FA_REL_NEITHER;
	if (!*rv)
		return FA_REL_ONLY_LEFT;
	if (!*lv)
		return FA_REL_ONLY_RIGHT;
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

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The day after an ISO date. */
static void next_day(char out[FA_DATE_LEN], const char *iso)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int y = 0, m = 0, d = 0;

	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		snprintf(out, FA_DATE_LEN, "%s", iso);
		return;
	}
	if (++d > mdays[m - 1] + (m == 2 && leap(y))) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	snprintf(out, FA_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
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
	char iso[FA_DATE_LEN];
	const char *why;
	size_t cap, k = 0, s, i, j;

	*out = NULL;
	*n = 0;
	if (!l || !r)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "no rule set '%s' is loaded",
				    l ? right_id : left_id);
	if (fa_value_date(iso, date, strlen(date), &why) != 0 ||
	    strcmp(iso, date) != 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "date '%s' is not a date (YYYY-MM-DD)",
				    date);
	sides[0] = l;
	sides[1] = r;
	cap = l->n_params + r->n_params;
	v = calloc(cap + 1, sizeof(*v));
	if (!v)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
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
