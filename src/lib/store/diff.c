/* SPDX-License-Identifier: MIT */
/*
 * What changed between two audits (diff.h has the rules): each side's
 * findings sorted by key and merged, each key classified, the entries
 * sorted by requirement and key and cut into requirements; and the text
 * listing. Uses libc only; the JSON side is json_diff.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "text.h"

static int is_open(const char *outcome)
{
	return strcmp(outcome, "fail") == 0 || strcmp(outcome, "review") == 0;
}

static int is_closed(const char *outcome)
{
	return strcmp(outcome, "pass") == 0 || strcmp(outcome, "na") == 0;
}

/* Bytewise, NULL before any string. */
static int cmp_null(const char *x, const char *y)
{
	if (!x || !y)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

static int by_key(const void *x, const void *y)
{
	const struct fa_diff_finding *const *a = x, *const *b = y;

	return strcmp((*a)->key, (*b)->key);
}

static int by_rule_id(const void *x, const void *y)
{
	const struct fa_diff_rule *const *a = x, *const *b = y;

	return strcmp((*a)->rule_id, (*b)->rule_id);
}

/* The finding an entry is grouped by: B's if present, else A's. */
static const struct fa_diff_finding *group_of(const struct fa_diff_entry *e)
{
	return e->b ? e->b : e->a;
}

static int by_requirement(const void *x, const void *y)
{
	const struct fa_diff_finding *a = group_of(x), *b = group_of(y);
	int c = strcmp(a->rule_id, b->rule_id);

	if (!c)
		c = cmp_null(a->object, b->object);
	return c ? c : strcmp(a->key, b->key);
}

/* The side's findings, checked and sorted by key, in *out (free()). */
static enum fa_code sorted_findings(const struct fa_diff_finding ***out,
				    const struct fa_diff_side *s,
				    const char *name, struct fa_error *err)
{
	const struct fa_diff_finding **p;
	const char *label = s->label ? s->label : name;
	size_t i;

	*out = NULL;
	p = malloc((s->n_findings + 1) * sizeof(*p));
	if (!p)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < s->n_findings; i++) {
		const struct fa_diff_finding *f = &s->findings[i];

		if (!f->key || !f->rule_id || !f->outcome) {
			free(p);
			return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					    "diff of '%s': finding %zu has no "
					    "key, rule id or outcome",
					    label, i + 1);
		}
		p[i] = f;
	}
	qsort(p, s->n_findings, sizeof(*p), by_key);
	for (i = 1; i < s->n_findings; i++)
		if (strcmp(p[i - 1]->key, p[i]->key) == 0) {
			enum fa_code rc = fa_error_add(
			    err, FA_ERR_INPUT, NULL, 0, 0,
			    "diff of '%s': finding '%s' given twice", label,
			    p[i]->key);

			free(p);
			return rc;
		}
	*out = p;
	return FA_OK;
}

/* Whether rule_id ran in the side whose rules are sorted in r (n):
 * listed, and every entry of it says ran. */
static int rule_ran(const struct fa_diff_rule *const *r, size_t n,
		    const char *rule_id)
{
	size_t lo = 0, hi = n;
	int any = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(r[mid]->rule_id, rule_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(r[lo]->rule_id, rule_id) == 0; lo++) {
		if (!r[lo]->ran)
			return 0;
		any = 1;
	}
	return any;
}

static int same_state(const struct fa_diff_finding *a,
		      const struct fa_diff_finding *b)
{
	return strcmp(a->outcome, b->outcome) == 0 &&
	       cmp_null(a->severity, b->severity) == 0 &&
	       cmp_null(a->observed, b->observed) == 0;
}

/* The kind of a key present in a and/or b, or -1: no entry. */
static int classify(const struct fa_diff_finding *a,
		    const struct fa_diff_finding *b,
		    const struct fa_diff_rule *const *rules, size_t n_rules)
{
	int ao = a && is_open(a->outcome), bo = b && is_open(b->outcome);

	if (bo && !ao)
		return FA_DIFF_NEW;
	if (ao && bo)
		return same_state(a, b) ? FA_DIFF_PERSISTING : FA_DIFF_CHANGED;
	if (!ao)
		return -1;
	if (b)
		return is_closed(b->outcome) ? FA_DIFF_RESOLVED
					     : FA_DIFF_NOT_RECHECKED;
	return rule_ran(rules, n_rules, a->rule_id) ? FA_DIFF_RESOLVED
						    : FA_DIFF_NOT_RECHECKED;
}

/* Cut d->all (sorted by requirement) into d->reqs. */
static enum fa_code cut(struct fa_diff *d, struct fa_error *err)
{
	size_t i, n = 0;

	for (i = 0; i < d->n_all; i++) {
		const struct fa_diff_finding *g = group_of(&d->all[i]),
					     *p = i ? group_of(&d->all[i - 1])
						    : NULL;

		if (!p || strcmp(p->rule_id, g->rule_id) != 0 ||
		    cmp_null(p->object, g->object) != 0)
			n++;
	}
	d->reqs = calloc(n + 1, sizeof(*d->reqs));
	if (!d->reqs)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < d->n_all; i++) {
		const struct fa_diff_finding *g = group_of(&d->all[i]);
		struct fa_diff_requirement *r =
		    d->n ? &d->reqs[d->n - 1] : NULL;

		if (!r || strcmp(r->rule_id, g->rule_id) != 0 ||
		    cmp_null(r->object, g->object) != 0) {
			r = &d->reqs[d->n++];
			r->rule_id = g->rule_id;
			r->object = g->object;
			r->entries = &d->all[i];
		}
		r->n++;
		r->counts[d->all[i].kind]++;
		d->counts[d->all[i].kind]++;
	}
	return FA_OK;
}

enum fa_code fa_diff_new(struct fa_diff **out, const struct fa_diff_side *a,
			 const struct fa_diff_side *b, struct fa_error *err)
{
	const struct fa_diff_finding **fa = NULL, **fb = NULL;
	const struct fa_diff_rule **rules = NULL;
	struct fa_diff *d = NULL;
	size_t i = 0, j = 0, k;
	enum fa_code rc;

	*out = NULL;
	rc = sorted_findings(&fa, a, "A", err);
	if (rc == FA_OK)
		rc = sorted_findings(&fb, b, "B", err);
	if (rc != FA_OK)
		goto out;
	rules = malloc((b->n_rules + 1) * sizeof(*rules));
	d = calloc(1, sizeof(*d));
	if (d)
		d->all = malloc((a->n_findings + b->n_findings + 1) *
				sizeof(*d->all));
	if (!rules || !d || !d->all) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	for (k = 0; k < b->n_rules; k++) {
		if (!b->rules[k].rule_id) {
			rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					  "diff of '%s': rule %zu has no id",
					  b->label ? b->label : "B", k + 1);
			goto out;
		}
		rules[k] = &b->rules[k];
	}
	qsort(rules, b->n_rules, sizeof(*rules), by_rule_id);
	while (i < a->n_findings || j < b->n_findings) {
		const struct fa_diff_finding *x = NULL, *y = NULL;
		int c = i == a->n_findings   ? 1
			: j == b->n_findings ? -1
					     : strcmp(fa[i]->key, fb[j]->key);
		int kind;

		if (c <= 0)
			x = fa[i++];
		if (c >= 0)
			y = fb[j++];
		kind = classify(x, y, rules, b->n_rules);
		if (kind < 0)
			continue;
		d->all[d->n_all].kind = (enum fa_diff_kind)kind;
		d->all[d->n_all].a = x;
		d->all[d->n_all].b = y;
		d->n_all++;
	}
	qsort(d->all, d->n_all, sizeof(*d->all), by_requirement);
	rc = cut(d, err);
out:
	free(fa);
	free(fb);
	free(rules);
	if (rc != FA_OK)
		fa_diff_free(d);
	else
		*out = d;
	return rc;
}

void fa_diff_free(struct fa_diff *d)
{
	if (!d)
		return;
	free(d->reqs);
	free(d->all);
	free(d);
}

const char *fa_diff_kind_key(enum fa_diff_kind k)
{
	static const char *const keys[FA_DIFF_KINDS] = {
		"new", "resolved", "persisting", "changed", "not_rechecked",
	};

	return (unsigned)k < FA_DIFF_KINDS ? keys[k] : "?";
}

/* ---- the text listing --------------------------------------------------- */

struct words {
	const char *kind[FA_DIFF_KINDS];
	int kind_width; /* the longest kind, for the column after it */
	const char *outcome[6][2]; /* key, word */
	const char *severity[3][2];
	const char *from, *to, *audit_date, *location, *absent, *nothing;
};

static const struct words en = {
	{ "new", "resolved", "persisting", "changed", "not rechecked" },
	13,
	{ { "pass", "pass" },
	  { "fail", "fail" },
	  { "na", "not applicable" },
	  { "review", "needs review" },
	  { "error", "error" },
	  { "not_checked", "not checked" } },
	{ { "major", "major" },
	  { "minor", "minor" },
	  { "observation", "observation" } },
	"Differences from",
	"to",
	"audit date",
	"location",
	"absent",
	"No open findings in either audit.",
};

/* ABU's terms: a major failure is an A-deviation, a minor one a B; "voldoet
 * niet", not "afwijking", since an observation fails without being one. */
static const struct words nl = {
	{ "nieuw", "opgelost", "blijft", "gewijzigd",
	  "niet opnieuw gecontroleerd" },
	26,
	{ { "pass", "voldoet" },
	  { "fail", "voldoet niet" },
	  { "na", "n.v.t." },
	  { "review", "te beoordelen" },
	  { "error", "fout" },
	  { "not_checked", "niet gecontroleerd" } },
	{ { "major", "A" }, { "minor", "B" }, { "observation", "waarneming" } },
	"Verschillen van",
	"naar",
	"auditdatum",
	"locatie",
	"afwezig",
	"Geen van beide audits heeft openstaande bevindingen.",
};

/* The word for key in table (n pairs), or key itself if unknown. */
static const char *word(const char *const (*table)[2], size_t n,
			const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i][0], key) == 0)
			return table[i][1];
	return key;
}

/* Text from the sides (labels, keys, observed) goes through
 * fa_text_write, which escapes control characters: a value from a package
 * could otherwise clear the terminal or start a line of its own. */
struct tw {
	FILE *out;
	int failed; /* fa_text_write failed: a write error or no memory */
};

/* s, escaped, between the literal texts pre and post. */
static void put(struct tw *t, const char *pre, const char *s, const char *post)
{
	fputs(pre, t->out);
	if (fa_text_write(t->out, "%s", s) != 0)
		t->failed = 1;
	fputs(post, t->out);
}

static void side_head(struct tw *t, const struct fa_diff_side *s,
		      const char *name, const struct words *w)
{
	put(t, "", s->label ? s->label : name, "");
	if (s->audit_date) {
		fprintf(t->out, " (%s ", w->audit_date);
		put(t, "", s->audit_date, ")");
	}
}

/* "fail (major) "observed"", or "absent". */
static void state(struct tw *t, const struct fa_diff_finding *f,
		  const struct words *w)
{
	const char *observed;

	if (!f) {
		fputs(w->absent, t->out);
		return;
	}
	observed = w == &nl && f->observed_nl ? f->observed_nl : f->observed;
	put(t, "", word(w->outcome, 6, f->outcome), "");
	if (is_open(f->outcome) && f->severity)
		put(t, " (", word(w->severity, 3, f->severity), ")");
	if (observed)
		put(t, " \"", observed, "\"");
}

/* "new 1, resolved 2" of the counts; all five with all. */
static void counts(FILE *out, const size_t *c, int all, const struct words *w)
{
	const char *sep = "";
	int k;

	for (k = 0; k < FA_DIFF_KINDS; k++) {
		if (!all && !c[k])
			continue;
		fprintf(out, "%s%s %zu", sep, w->kind[k], c[k]);
		sep = ", ";
	}
}

enum fa_code fa_diff_write_text(FILE *out, const struct fa_diff *d,
				const struct fa_diff_side *a,
				const struct fa_diff_side *b, int nl_,
				struct fa_error *err)
{
	const struct words *w = nl_ ? &nl : &en;
	struct tw t = { out, 0 };
	size_t i, k;

	errno = 0;
	fprintf(out, "%s ", w->from);
	side_head(&t, a, "A", w);
	fprintf(out, " %s ", w->to);
	side_head(&t, b, "B", w);
	fputs("\n", out);
	counts(out, d->counts, 1, w);
	fputs("\n", out);
	if (!d->n)
		fprintf(out, "\n%s\n", w->nothing);
	for (i = 0; i < d->n; i++) {
		const struct fa_diff_requirement *r = &d->reqs[i];

		put(&t, "\n", r->rule_id, "");
		if (r->object) {
			fprintf(out, ", %s ", w->location);
			put(&t, "", r->object, "");
		}
		fputs(": ", out);
		counts(out, r->counts, 0, w);
		fputs("\n", out);
		for (k = 0; k < r->n; k++) {
			const struct fa_diff_entry *e = &r->entries[k];

			if (e->kind == FA_DIFF_PERSISTING && d->hide_persisting)
				continue;
			fprintf(out, "  %-*s  ", w->kind_width,
				w->kind[e->kind]);
			put(&t, "", group_of(e)->key, ": ");
			if (e->kind != FA_DIFF_PERSISTING) {
				state(&t, e->a, w);
				fputs(" \xe2\x86\x92 ", out); /* → */
			}
			state(&t, e->b, w);
			fputs("\n", out);
		}
	}
	if (ferror(out))
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the diff: %s",
				    strerror(errno ? errno : EIO));
	if (t.failed)
		return fa_error_nomem(err, NULL);
	return FA_OK;
}
