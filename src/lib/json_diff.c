/* SPDX-License-Identifier: MIT */
/*
 * The diff of two audits as JSON, and a JSON report read back as a side of
 * a diff (store/diff.h has the contracts, docs/diff.md the document and
 * what is worked out from a report). The JSON module's: built with
 * json_impl.h's helpers, read with jansson.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flexaudit.h"
#include "diff.h"
#include "json_impl.h"
#include "limits.h"
#include "text.h"

/* ---- the diff as JSON --------------------------------------------------- */

static json_t *side_json(const struct fa_diff_side *s)
{
	json_t *o = json_object();

	set(o, "label", str_or_null(s->label));
	set(o, "audit_date", str_or_null(s->audit_date));
	return o;
}

static json_t *counts_json(const size_t *c)
{
	json_t *o = json_object();
	int k;

	for (k = 0; k < FA_DIFF_KINDS; k++)
		set(o, fa_diff_kind_key((enum fa_diff_kind)k),
		    json_integer((json_int_t)c[k]));
	return o;
}

static json_t *finding_state(const struct fa_diff_finding *f)
{
	json_t *o;

	if (!f)
		return json_null();
	o = json_object();
	set(o, "outcome", json_string(f->outcome));
	set(o, "severity", str_or_null(f->severity));
	set(o, "observed", str_or_null(f->observed));
	set(o, "expected", str_or_null(f->expected));
	set(o, "deadline", str_or_null(f->deadline));
	set(o, "observed_nl", str_or_null(f->observed_nl));
	return o;
}

enum fa_code fa_diff_write_json(FILE *out, const struct fa_diff *d,
				const struct fa_diff_side *a,
				const struct fa_diff_side *b, int nl,
				struct fa_error *err)
{
	json_t *root = json_object(), *reqs = json_array();
	enum fa_code rc;
	size_t i, k;

	(void)nl; /* the document holds keys, not words */
	set(root, "flexaudit", json_string(fa_version()));
	set(root, "a", side_json(a));
	set(root, "b", side_json(b));
	set(root, "counts", counts_json(d->counts));
	for (i = 0; i < d->n; i++) {
		const struct fa_diff_requirement *r = &d->reqs[i];
		json_t *o = json_object(), *list = json_array();

		set(o, "rule", json_string(r->rule_id));
		set(o, "object", str_or_null(r->object));
		set(o, "counts", counts_json(r->counts));
		for (k = 0; k < r->n; k++) {
			const struct fa_diff_entry *e = &r->entries[k];
			const struct fa_diff_finding *g = e->b ? e->b : e->a;
			json_t *x = json_object();

			set(x, "kind", json_string(fa_diff_kind_key(e->kind)));
			set(x, "key", json_string(g->key));
			set(x, "subject", str_or_null(g->subject));
			set(x, "a", finding_state(e->a));
			set(x, "b", finding_state(e->b));
			append(list, x);
		}
		set(o, "entries", list);
		append(reqs, o);
	}
	set(root, "requirements", reqs);
	errno = 0;
	rc = dump(out, root, err);
	if (rc == FA_OK && ferror(out))
		rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				  "cannot write the diff: %s",
				  strerror(errno ? errno : EIO));
	return rc;
}

/* ---- a JSON report as a side -------------------------------------------- */

struct fa_diff_loaded {
	json_t *root; /* holds every string the side borrows, but label */
	char *label;
	struct fa_diff_finding *findings;
	struct fa_diff_rule *rules;
	struct fa_diff_side side;
};

const struct fa_diff_side *fa_diff_loaded_side(const struct fa_diff_loaded *l)
{
	return &l->side;
}

void fa_diff_loaded_free(struct fa_diff_loaded *l)
{
	if (!l)
		return;
	json_decref(l->root);
	free(l->label);
	free(l->findings);
	free(l->rules);
	free(l);
}

/* The file read for jansson, at most FA_DIFF_JSON_MAX_BYTES of it. */
struct reader {
	FILE *f;
	unsigned long long n;
	int too_big, io_errno;
};

static size_t read_some(void *buf, size_t size, void *data)
{
	struct reader *r = data;
	size_t got;

	errno = 0;
	got = fread(buf, 1, size, r->f);
	if (got < size && ferror(r->f)) {
		r->io_errno = errno ? errno : EIO;
		return (size_t)-1;
	}
	r->n += got;
	if (r->n > FA_DIFF_JSON_MAX_BYTES) {
		r->too_big = 1;
		return (size_t)-1;
	}
	return got;
}

/* Problems of the report's shape, each added to err with the JSON path of
 * the bad value; reading goes on, to report them all. */
struct shape {
	const char *path;
	struct fa_error *err;
	int bad;
};

static void bad(struct shape *s, const char *what, const char *json_path)
{
	fa_error_add(s->err, FA_ERR_INPUT, s->path, 0, 0,
		     "not a flexaudit JSON report: %s %s", json_path, what);
	s->bad = 1;
}

/* o's member key as a string, or NULL: with nullable, null or no such
 * member (a report of a version that had not the key yet); else a problem
 * named at json_path. */
static const char *text_at(struct shape *s, json_t *o, const char *key,
			   int nullable, const char *json_path)
{
	json_t *v = json_object_get(o, key);
	char where[160];

	if (json_is_string(v))
		return json_string_value(v);
	if (nullable && (!v || json_is_null(v)))
		return NULL;
	snprintf(where, sizeof(where), "%s.%s", json_path, key);
	bad(s, nullable ? "is not a string or null" : "is not a string", where);
	return NULL;
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* What a rule did in the report: its entry in the rules array, whether
 * any finding names it, and whether one says it did not run. */
struct rule_seen {
	const char *id;
	size_t index;
	int seen, not_run;
};

static int by_rule_seen(const void *x, const void *y)
{
	return strcmp(((const struct rule_seen *)x)->id,
		      ((const struct rule_seen *)y)->id);
}

static struct rule_seen *find_rule(struct rule_seen *r, size_t n,
				   const char *id)
{
	struct rule_seen k = { id, 0, 0, 0 };

	return bsearch(&k, r, n, sizeof(*r), by_rule_seen);
}

/* A finding's object, as report_group.c's object_of gives it where the
 * report lets us: a room's location_id fact, else the subject when it is a
 * housing location, else NULL. */
static const char *object_of(json_t *finding, const char *subject,
			     const char *const *housing, size_t n_housing)
{
	json_t *facts = json_object_get(finding, "facts");
	json_t *loc = json_object_get(facts, "location_id");

	if (json_is_string(loc))
		return json_string_value(loc);
	if (subject &&
	    bsearch(&subject, housing, n_housing, sizeof(*housing), by_text))
		return subject;
	return NULL;
}

/* Every finding of every section into l->findings, and each rule's use. */
static enum fa_code read_findings(struct fa_diff_loaded *l, struct shape *s,
				  json_t *sections, struct rule_seen *rs,
				  size_t n_rules, const char *const *housing,
				  size_t n_housing)
{
	size_t i, j, n = 0;
	json_t *sec, *f;
	char jp[96];

	json_array_foreach(sections, i, sec)
	{
		json_t *list = json_object_get(sec, "findings");

		if (!json_is_array(list)) {
			snprintf(jp, sizeof(jp), "sections[%zu].findings", i);
			bad(s, "is not an array", jp);
			continue;
		}
		n += json_array_size(list);
	}
	l->findings = calloc(n + 1, sizeof(*l->findings));
	if (!l->findings)
		return fa_error_nomem(s->err, NULL);
	json_array_foreach(sections, i, sec)
	{
		json_t *list = json_object_get(sec, "findings");

		json_array_foreach(list, j, f)
		{
			struct fa_diff_finding *d =
			    &l->findings[l->side.n_findings];
			struct rule_seen *r;
			size_t len;

			snprintf(jp, sizeof(jp), "sections[%zu].findings[%zu]",
				 i, j);
			if (!json_is_object(f)) {
				bad(s, "is not an object", jp);
				continue;
			}
			d->key = text_at(s, f, "key", 0, jp);
			d->rule_id = text_at(s, f, "rule", 0, jp);
			d->subject = text_at(s, f, "subject", 0, jp);
			d->outcome = text_at(s, f, "outcome", 0, jp);
			d->severity = text_at(s, f, "severity", 0, jp);
			d->observed = text_at(s, f, "observed", 1, jp);
			d->expected = text_at(s, f, "expected", 1, jp);
			d->deadline = text_at(s, f, "deadline", 1, jp);
			d->observed_nl = text_at(s, f, "observed_nl", 1, jp);
			if (!d->key || !d->rule_id || !d->subject ||
			    !d->outcome || !d->severity)
				continue;
			len = strlen(d->rule_id);
			if (strncmp(d->key, d->rule_id, len) != 0 ||
			    d->key[len] != '/' ||
			    strcmp(d->key + len + 1, d->subject) != 0) {
				snprintf(jp + strlen(jp),
					 sizeof(jp) - strlen(jp), ".key");
				bad(s,
				    "is not its rule and subject joined by "
				    "'/'",
				    jp);
				continue;
			}
			d->object =
			    object_of(f, d->subject, housing, n_housing);
			r = find_rule(rs, n_rules, d->rule_id);
			if (r) {
				r->seen = 1;
				if (strcmp(d->outcome, "error") == 0 ||
				    strcmp(d->outcome, "not_checked") == 0)
					r->not_run = 1;
			}
			l->side.n_findings++;
		}
	}
	return FA_OK;
}

/* The rules array: each rule, and whether it ran (docs/diff.md). */
static enum fa_code read_rules(struct rule_seen **out, size_t *n_out,
			       struct shape *s, json_t *rules)
{
	struct rule_seen *rs = calloc(json_array_size(rules) + 1, sizeof(*rs));
	size_t i, n = 0;
	json_t *r;
	char jp[48];

	*out = rs;
	*n_out = 0;
	if (!rs)
		return fa_error_nomem(s->err, NULL);
	json_array_foreach(rules, i, r)
	{
		snprintf(jp, sizeof(jp), "rules[%zu]", i);
		if (!json_is_object(r)) {
			bad(s, "is not an object", jp);
			continue;
		}
		rs[n].id = text_at(s, r, "rule", 0, jp);
		rs[n].index = n; /* its place among the rules read */
		/* a value read: the rule was in force and its check ran */
		rs[n].seen = json_array_size(json_object_get(r, "values")) > 0;
		if (rs[n].id)
			n++;
	}
	qsort(rs, n, sizeof(*rs), by_rule_seen);
	*n_out = n;
	return FA_OK;
}

/* The ids of the report's housing locations, sorted, in *out (free()). */
static enum fa_code read_housing(const char ***out, size_t *n_out,
				 struct shape *s, json_t *housing)
{
	const char **ids = calloc(json_array_size(housing) + 1, sizeof(*ids));
	size_t i, n = 0;
	json_t *h;
	char jp[48];

	*out = ids;
	*n_out = 0;
	if (!ids)
		return fa_error_nomem(s->err, NULL);
	json_array_foreach(housing, i, h)
	{
		snprintf(jp, sizeof(jp), "housing[%zu]", i);
		if (!json_is_object(h)) {
			bad(s, "is not an object", jp);
			continue;
		}
		ids[n] = text_at(s, h, "id", 0, jp);
		if (ids[n])
			n++;
	}
	qsort(ids, n, sizeof(*ids), by_text);
	*n_out = n;
	return FA_OK;
}

/* The report's top level: a flexaudit version, a cover with an audit
 * date, the count of rules not in force, and the arrays read. 0 when what
 * is there cannot be read on (each problem is noted in s either way). */
static int top_level(struct shape *s, json_t *root)
{
	static const char *const arrays[] = { "sections", "rules", "housing" };
	json_t *cover = json_object_get(root, "cover"),
	       *counts = json_object_get(root, "counts");
	int go_on = 1;
	size_t i;

	if (!json_is_object(root)) {
		bad(s, "is not an object", "the document");
		return 0;
	}
	if (!json_is_string(json_object_get(root, "flexaudit"))) {
		bad(s, "is not a string (the version that wrote the report)",
		    "flexaudit");
		return 0;
	}
	if (!json_is_object(cover))
		bad(s, "is not an object", "cover");
	else
		text_at(s, cover, "audit_date", 0, "cover");
	if (!json_is_integer(json_object_get(counts, "rules_not_in_force")))
		bad(s, "is not a count", "counts.rules_not_in_force");
	for (i = 0; i < sizeof(arrays) / sizeof(*arrays); i++)
		if (!json_is_array(json_object_get(root, arrays[i]))) {
			bad(s, "is not an array", arrays[i]);
			go_on = 0;
		}
	return go_on;
}

/* The side from the parsed report in l->root. */
static enum fa_code read_report(struct fa_diff_loaded *l, struct shape *s)
{
	json_t *root = l->root;
	struct rule_seen *rs = NULL;
	const char **housing = NULL;
	size_t n_rules = 0, n_housing = 0, i;
	int all_in_force;
	enum fa_code rc;

	if (!top_level(s, root))
		return FA_ERR_INPUT;
	all_in_force =
	    json_integer_value(json_object_get(json_object_get(root, "counts"),
					       "rules_not_in_force")) == 0;
	rc = read_rules(&rs, &n_rules, s, json_object_get(root, "rules"));
	if (rc == FA_OK)
		rc = read_housing(&housing, &n_housing, s,
				  json_object_get(root, "housing"));
	if (rc == FA_OK)
		rc = read_findings(l, s, json_object_get(root, "sections"), rs,
				   n_rules, housing, n_housing);
	if (rc == FA_OK && s->bad)
		rc = FA_ERR_INPUT;
	if (rc == FA_OK) {
		l->rules = calloc(n_rules + 1, sizeof(*l->rules));
		if (!l->rules)
			rc = fa_error_nomem(s->err, NULL);
	}
	if (rc == FA_OK) {
		/* back in the report's order, which the side keeps */
		for (i = 0; i < n_rules; i++) {
			struct fa_diff_rule *r = &l->rules[rs[i].index];

			r->rule_id = rs[i].id;
			r->ran = !rs[i].not_run && (all_in_force || rs[i].seen);
		}
		l->side.rules = l->rules;
		l->side.n_rules = n_rules;
		l->side.findings = l->findings;
		l->side.label = l->label;
		l->side.audit_date = json_string_value(json_object_get(
		    json_object_get(root, "cover"), "audit_date"));
	}
	free(rs);
	free(housing);
	return rc;
}

enum fa_code fa_diff_side_from_json(struct fa_diff_loaded **out,
				    const char *path, struct fa_error *err)
{
	struct fa_diff_loaded *l = calloc(1, sizeof(*l));
	struct reader rd = { NULL, 0, 0, 0 };
	struct shape s = { path, err, 0 };
	json_error_t jerr;
	enum fa_code rc = FA_OK;

	*out = NULL;
	if (!l)
		return fa_error_nomem(err, NULL);
	l->label = fa_text_dup(path);
	if (!l->label) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	rd.f = fopen(path, "rb");
	if (!rd.f) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	l->root =
	    json_load_callback(read_some, &rd, JSON_REJECT_DUPLICATES, &jerr);
	if (rd.io_errno)
		rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				  "cannot read '%s': %s", path,
				  strerror(rd.io_errno));
	else if (rd.too_big)
		rc = fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				  "a JSON report is at most %llu bytes",
				  (unsigned long long)FA_DIFF_JSON_MAX_BYTES);
	else if (!l->root)
		rc = fa_error_add(err, FA_ERR_INPUT, path,
				  jerr.line > 0 ? (unsigned long)jerr.line : 0,
				  jerr.column > 0 ? (unsigned long)jerr.column
						  : 0,
				  "not a flexaudit JSON report: %s", jerr.text);
	else
		rc = read_report(l, &s);
out:
	if (rd.f)
		fclose(rd.f);
	if (rc != FA_OK)
		fa_diff_loaded_free(l);
	else
		*out = l;
	return rc;
}
