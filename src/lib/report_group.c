/* SPDX-License-Identifier: MIT */
/*
 * Deviations counted per requirement and review items grouped per unit of
 * work: the report's answer to "how many deviations, and what to look at".
 *
 * A deviation is one requirement that is not met (norms.md 11.5): one rule,
 * and for a housing rule (scope location or room) one location, because a
 * location is registered, inspected and repaired on its own. Its failing
 * subjects are listed under it: one expired certificate is one deviation
 * with 270 affected pay periods, not 270 deviations.
 *
 * A review item asks a person one question about one thing: the rule's
 * question for one unit, the check's "review_unit" column when it gives one
 * (a location for a PKS score), else the worker for rules about workers,
 * their documents and pay periods, else the subject. Subjects that share
 * rule, unit and question are one item.
 *
 * Uses the report model and the findings only; allocates the lists it
 * returns in the report.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* 1 if the rule's subjects start with an employee number. */
static int about_workers(const struct fa_rule *rule)
{
	return rule->scope == FA_SCOPE_WORKER ||
	       rule->scope == FA_SCOPE_DOCUMENT ||
	       rule->scope == FA_SCOPE_PAY_PERIOD;
}

const char *fa_report_object_of(const struct fa_finding *f)
{
	const char *l;

	if (f->rule->scope == FA_SCOPE_LOCATION)
		return f->subject;
	if (f->rule->scope != FA_SCOPE_ROOM)
		return NULL;
	l = fa_finding_fact(f, "location_id");
	if (!l)
		l = fa_finding_fact(f, "location");
	return l ? l : f->subject;
}

/* Length of the employee number at the start of a subject. */
static size_t worker_len(const char *s)
{
	return strcspn(s, "/");
}

struct item {
	const struct fa_finding *f;
	const char *key; /* object or unit */
	size_t unit_len; /* bytes of key that count */
	size_t pos;	 /* order of the finding */
};

static int key_cmp(const struct item *x, const struct item *y)
{
	size_t n = x->unit_len < y->unit_len ? x->unit_len : y->unit_len;
	int c;

	if (!x->key || !y->key)
		return (x->key != NULL) - (y->key != NULL);
	c = strncmp(x->key, y->key, n);
	if (c)
		return c;
	return (x->unit_len > y->unit_len) - (x->unit_len < y->unit_len);
}

/* Deviations: by position in r->deviations (deadline, severity, rule),
 * then object, then subject. */
static int by_requirement(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->f->rule != y->f->rule)
		return (x->pos > y->pos) - (x->pos < y->pos);
	if (fa_finding_severity(x->f) != fa_finding_severity(y->f))
		return (int)fa_finding_severity(x->f) -
		       (int)fa_finding_severity(y->f);
	c = key_cmp(x, y);
	if (c)
		return c;
	c = strcmp(x->f->subject, y->f->subject);
	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

static int64_t amount(const struct fa_finding *f)
{
	int64_t c = 0;

	return fa_finding_cents(&c, f, "amount_cents") && c > 0 ? c : 0;
}

/* Distinct employee numbers among findings sorted by subject within one
 * object. */
static size_t count_workers(const struct fa_finding **f, size_t n)
{
	size_t i, w = 0;

	if (!n || !about_workers(f[0]->rule))
		return 0;
	for (i = 0; i < n; i++) {
		size_t len = worker_len(f[i]->subject);

		if (i == 0 || worker_len(f[i - 1]->subject) != len ||
		    strncmp(f[i - 1]->subject, f[i]->subject, len) != 0)
			w++;
	}
	return w;
}

enum fa_code fa_report_build_requirements(struct fa_report *r,
					  struct fa_error *err)
{
	size_t n = r->n_deviations, i, j, k;
	struct item *it = calloc(n + 1, sizeof(*it));

	r->requirements = calloc(n + 1, sizeof(*r->requirements));
	r->requirement_findings =
	    calloc(n + 1, sizeof(*r->requirement_findings));
	if (!it || !r->requirements || !r->requirement_findings) {
		free(it);
		return fa_error_nomem(err, NULL);
	}
	for (i = 0; i < n; i++) {
		it[i].f = r->deviations[i];
		it[i].key = fa_report_object_of(it[i].f);
		it[i].unit_len = it[i].key ? strlen(it[i].key) : 0;
		/* a rule's deviations are next to each other (one deadline
		 * per rule, then rule order): number the rules */
		it[i].pos = i && r->deviations[i - 1]->rule == it[i].f->rule
				? it[i - 1].pos
				: i;
	}
	qsort(it, n, sizeof(*it), by_requirement);
	for (i = 0; i < n; i = k) {
		struct fa_report_requirement *q =
		    &r->requirements[r->n_requirements++];

		for (k = i; k < n && it[k].f->rule == it[i].f->rule &&
			    fa_finding_severity(it[k].f) ==
				fa_finding_severity(it[i].f) &&
			    key_cmp(&it[k], &it[i]) == 0;
		     k++)
			r->requirement_findings[k] = it[k].f;
		q->rule = it[i].f->rule;
		q->severity = fa_finding_severity(it[i].f);
		q->object = it[i].key;
		q->findings = &r->requirement_findings[i];
		q->n = k - i;
		memcpy(q->deadline, it[i].f->deadline, sizeof(q->deadline));
		q->n_workers = count_workers(q->findings, q->n);
		/* fits: fa_report_new refuses money whose sum might not */
		for (j = 0; j < q->n; j++)
			(void)fa_report_add_cents(&q->owed_cents,
						  amount(q->findings[j]));
		r->n_safety_requirements += q->rule->safety;
		if (q->severity == FA_SEV_MAJOR) {
			r->n_major_requirements++;
			r->n_major_subjects += q->n;
		} else {
			r->n_minor_requirements++;
			r->n_minor_subjects += q->n;
		}
	}
	free(it);
	return FA_OK;
}

/* ---- review items -------------------------------------------------------- */

/* The unit of work of a review finding (its first unit_len bytes). */
static const char *unit_of(const struct fa_finding *f, size_t *len)
{
	const char *u = fa_finding_fact(f, "review_unit");

	if (u && *u) {
		*len = strlen(u);
		return u;
	}
	*len = about_workers(f->rule) ? worker_len(f->subject)
				      : strlen(f->subject);
	return f->subject;
}

static int question_cmp(const struct fa_finding *a, const struct fa_finding *b)
{
	const char *x = a->question.en ? a->question.en : "";
	const char *y = b->question.en ? b->question.en : "";
	int c = strcmp(x, y);

	if (c)
		return c;
	x = a->question.nl ? a->question.nl : "";
	y = b->question.nl ? b->question.nl : "";
	return strcmp(x, y);
}

/* Review items: rule order (the findings' order), then unit, question,
 * subject. */
static int by_unit(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->f->rule != y->f->rule)
		return (x->pos > y->pos) - (x->pos < y->pos);
	c = key_cmp(x, y);
	if (!c)
		c = question_cmp(x->f, y->f);
	if (!c)
		c = strcmp(x->f->subject, y->f->subject);
	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

enum fa_code fa_report_build_review_items(struct fa_report *r,
					  struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	size_t n = 0, i, k;
	struct item *it;

	for (i = 0; i < e->n_findings; i++)
		n += e->findings[i].outcome == FA_OUTCOME_REVIEW;
	it = calloc(n + 1, sizeof(*it));
	r->review_items = calloc(n + 1, sizeof(*r->review_items));
	r->review_findings = calloc(n + 1, sizeof(*r->review_findings));
	if (!it || !r->review_items || !r->review_findings) {
		free(it);
		return fa_error_nomem(err, NULL);
	}
	for (i = 0, n = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];
		size_t first;

		if (f->outcome != FA_OUTCOME_REVIEW)
			continue;
		it[n].f = f;
		it[n].key = unit_of(f, &it[n].unit_len);
		/* the position of the rule's first finding: findings are in
		 * rule order */
		first = n && it[n - 1].f->rule == f->rule ? it[n - 1].pos : i;
		it[n++].pos = first;
	}
	qsort(it, n, sizeof(*it), by_unit);
	for (i = 0; i < n; i = k) {
		struct fa_report_review_item *q =
		    &r->review_items[r->n_review_items++];

		for (k = i; k < n && it[k].f->rule == it[i].f->rule &&
			    key_cmp(&it[k], &it[i]) == 0 &&
			    question_cmp(it[k].f, it[i].f) == 0;
		     k++)
			r->review_findings[k] = it[k].f;
		q->rule = it[i].f->rule;
		q->unit = it[i].key;
		q->unit_len = it[i].unit_len;
		q->findings = &r->review_findings[i];
		q->n = k - i;
		r->n_safety_review_items += q->rule->safety;
	}
	free(it);
	return FA_OK;
}
