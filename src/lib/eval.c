/* SPDX-License-Identifier: MIT */
/*
 * Rule evaluation. One runner serves the audit, lint and the rule tests:
 * it owns a read-only, sandboxed connection to an evidence database in
 * which the rule-set tables were created as rs_<name>, with param() and
 * audit_date() registered (eval_conn.c), and turns each rule's result rows
 * into findings.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "eval_impl.h"
#include "sqlscan.h"

static const char *const outcome_keys[FA_OUTCOME_COUNT] = {
	"pass", "fail", "na", "review", "error", "not_checked",
};

static const char *const outcome_names[FA_OUTCOME_COUNT] = {
	"pass",		"fail",	 "not applicable",
	"needs review", "error", "not checked",
};

const char *fa_outcome_key(enum fa_outcome o)
{
	return (unsigned)o < FA_OUTCOME_COUNT ? outcome_keys[o] : "?";
}

int fa_outcome_from_key(enum fa_outcome *out, const char *key)
{
	int i;

	for (i = 0; i < FA_OUTCOME_COUNT; i++)
		if (strcmp(outcome_keys[i], key) == 0) {
			*out = (enum fa_outcome)i;
			return 0;
		}
	return -1;
}

const char *fa_outcome_name(enum fa_outcome o)
{
	return (unsigned)o < FA_OUTCOME_COUNT ? outcome_names[o] : "?";
}

/* A copy of s, NULL for NULL; *lost set if s could not be copied. */
static char *dup_or_null(const char *s, int *lost)
{
	char *c = s ? strdup(s) : NULL;

	if (s && !c)
		*lost = 1;
	return c;
}

/* s as a finding keeps it (cut at the length limit), NULL for NULL;
 * *lost set if it could not be copied. */
static char *kept(const char *s, int *lost)
{
	char *c = fa_eval_kept_text(s);

	if (s && !c)
		*lost = 1;
	return c;
}

/* ---- findings ------------------------------------------------------------ */

unsigned fa_eval_confidence_flags(enum fa_confidence c)
{
	return c == FA_CONF_NF	? FA_FINDING_PLACEHOLDER
	       : c == FA_CONF_U ? FA_FINDING_UNCERTAIN
				: 0;
}

/* Free s unless it is the rule's template tpl itself (see shared()). */
static void free_text(char *s, const char *tpl)
{
	if (s != tpl)
		free(s);
}

static void release_facts(struct fa_finding *f)
{
	while (f->n_facts) {
		f->n_facts--;
		free(f->facts[f->n_facts].name);
		free(f->facts[f->n_facts].value);
	}
	free(f->facts);
	f->facts = NULL;
}

void fa_eval_finding_release(struct fa_finding *f)
{
	static const struct fa_rule none;
	const struct fa_rule *rule = f->rule ? f->rule : &none;

	free(f->subject);
	free(f->observed);
	free(f->expected);
	free(f->detail);
	free(f->observed_nl);
	free(f->expected_nl);
	free(f->detail_nl);
	free_text(f->message.nl, rule->message.nl);
	free_text(f->message.en, rule->message.en);
	free_text(f->remedy.nl, rule->remedy.nl);
	free_text(f->remedy.en, rule->remedy.en);
	free_text(f->question.nl, rule->question.nl);
	free_text(f->question.en, rule->question.en);
	free(f->ref_file);
	free(f->ref_table);
	free(f->ref_sha256);
	release_facts(f);
}

enum fa_severity fa_finding_severity(const struct fa_finding *f)
{
	return f->judged ? f->judged->severity : f->rule->severity;
}

const char *fa_finding_fact(const struct fa_finding *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n_facts; i++)
		if (strcmp(f->facts[i].name, name) == 0)
			return f->facts[i].value;
	return NULL;
}

int fa_fact_is_money(const char *name)
{
	static const char suffix[] = "_cents";
	size_t n = strlen(name), k = sizeof(suffix) - 1;

	return n > k && strcmp(name + n - k, suffix) == 0;
}

int fa_finding_cents(int64_t *out, const struct fa_finding *f, const char *name)
{
	size_t i;

	if (!fa_fact_is_money(name))
		return 0;
	for (i = 0; i < f->n_facts; i++)
		if (strcmp(f->facts[i].name, name) == 0) {
			if (!f->facts[i].value)
				return 0;
			*out = f->facts[i].cents;
			return 1;
		}
	return 0;
}

/* The result columns every check may return; the others become facts. */
static int standard_column(const char *name)
{
	static const char *const std[] = {
		"subject",   "outcome",	    "observed",	    "expected",
		"detail",    "observed_nl", "expected_nl",  "detail_nl",
		"ref_table", "ref_line",    "ref_document",
	};
	size_t i;

	for (i = 0; i < sizeof(std) / sizeof(std[0]); i++)
		if (strcmp(std[i], name) == 0)
			return 1;
	return 0;
}

int fa_rule_run_has_fact(const struct fa_rule_run *run, const char *name)
{
	size_t i;

	for (i = 0; i < run->n_facts; i++)
		if (strcmp(run->facts[i], name) == 0)
			return 1;
	return 0;
}

/* The names of the row's non-standard columns into run. 0, or -1
 * (memory). */
static int note_facts(struct fa_rule_run *run, const struct row *row)
{
	int c;

	run->facts = calloc((size_t)row->n + 1, sizeof(*run->facts));
	if (!run->facts)
		return -1;
	for (c = 0; c < row->n; c++) {
		if (standard_column(row->names[c]))
			continue;
		run->facts[run->n_facts] = strdup(row->names[c]);
		if (!run->facts[run->n_facts])
			return -1;
		run->n_facts++;
	}
	return 0;
}

void fa_eval_run_release(struct fa_rule_run *run)
{
	while (run->n_facts)
		free(run->facts[--run->n_facts]);
	free(run->facts);
	run->facts = NULL;
	fa_eval_forget_values(run);
}

/*
 * A money fact, column c of the row (not NULL), as cents into *cents: an
 * INTEGER, or a text that is exactly a whole number, within 64 bits. A
 * REAL is refused even when it is whole: money is computed in integers,
 * and a check that computes it through a REAL (a product with a
 * fraction, round()) must say how it rounds, with CAST(... AS INTEGER).
 * 0; or -1 with why, naming the fact and its value, in en and nl.
 */
static int column_cents(int64_t *cents, const struct row *row, int c, char *en,
			char *nl, size_t size)
{
	const char *name = row->names[c], *why = "not a whole number", *s;
	struct fa_db_value v;
	char shown[96];
	size_t n, k;

	fa_db_column_value(&v, row->st, c);
	if (v.type == FA_DB_INT) {
		*cents = v.i;
		return 0;
	}
	if (v.type == FA_DB_TEXT &&
	    fa_value_cents(cents, v.s, v.len, &why) == 0)
		return 0;
	if (v.type == FA_DB_REAL) {
		/* int64 holds [-2^63, 2^63); NaN and infinities fail both */
		if (!(v.d >= -0x1p63 && v.d < 0x1p63))
			why = "out of range";
		else if ((double)(int64_t)v.d == v.d)
			why = "real";
	}
	/* SQLite's text of the value (a REAL as "12.5"), cut short */
	s = fa_db_column_text(row->st, c);
	n = strlen(s);
	k = n > 64 ? 64 : n;
	while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	snprintf(shown, sizeof(shown), "%.*s%s", (int)k, s,
		 k < n ? "\xe2\x80\xa6" : "");
	if (strcmp(why, "out of range") == 0) {
		snprintf(en, size,
			 "fact '%.64s' does not fit in 64 bits of "
			 "cents: '%s'",
			 name, shown);
		snprintf(nl, size,
			 "feit '%.64s' past niet in 64 bits aan "
			 "centen: '%s'",
			 name, shown);
	} else if (strcmp(why, "real") == 0) {
		snprintf(en, size,
			 "fact '%.64s' is a REAL, not an INTEGER "
			 "number of cents: '%s'",
			 name, shown);
		snprintf(nl, size,
			 "feit '%.64s' is een REAL, geen INTEGER "
			 "aantal centen: '%s'",
			 name, shown);
	} else {
		snprintf(en, size,
			 "fact '%.64s' is not a whole number of "
			 "cents: '%s'",
			 name, shown);
		snprintf(nl, size,
			 "feit '%.64s' is geen geheel aantal "
			 "centen: '%s'",
			 name, shown);
	}
	return -1;
}

/*
 * Copy the row's non-standard columns into f->facts, a money fact as
 * cents (column_cents). 0; -1 out of memory; or 1 when a money fact is no
 * whole number of cents, with why in en and nl. Called before anything
 * else reads the facts of the row: a value read as text may be converted
 * (fa_db_column_value).
 */
static int copy_facts(struct fa_finding *f, const struct row *row, char *en,
		      char *nl, size_t size)
{
	int c, n = 0;

	for (c = 0; c < row->n; c++)
		n += !standard_column(row->names[c]);
	if (!n)
		return 0;
	f->facts = calloc((size_t)n, sizeof(*f->facts));
	if (!f->facts)
		return -1;
	for (c = 0; c < row->n; c++) {
		struct fa_fact *x;
		const char *v;
		char num[24];

		if (standard_column(row->names[c]))
			continue;
		x = &f->facts[f->n_facts++];
		x->name = strdup(row->names[c]);
		if (!x->name)
			return -1;
		if (fa_db_column_is_null(row->st, c)) {
			v = NULL;
		} else if (fa_fact_is_money(x->name)) {
			if (column_cents(&x->cents, row, c, en, nl, size) != 0)
				return 1;
			/* the value as the report reads it */
			snprintf(num, sizeof(num), "%" PRId64, x->cents);
			v = num;
		} else {
			v = fa_db_column_text(row->st, c);
		}
		x->value = fa_eval_kept_text(v);
		if (v && !x->value)
			return -1;
	}
	return 0;
}

static struct fa_finding *list_add(struct list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct fa_finding *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

void fa_eval_list_truncate(struct list *l, size_t n)
{
	while (l->n > n)
		fa_eval_finding_release(&l->v[--l->n]);
}

const char *fa_eval_row_get(const struct row *row, const char *name, int *found)
{
	int i;

	for (i = 0; i < row->n; i++)
		if (strcmp(row->names[i], name) == 0) {
			if (found)
				*found = 1;
			return fa_db_column_is_null(row->st, i)
				   ? NULL
				   : fa_db_column_text(row->st, i);
		}
	if (found)
		*found = 0;
	return NULL;
}

/* Append s[0..len) to the growing text *out (n used, *cap allocated);
 * 0, or -1 out of memory (*out freed). */
static int append(char **out, size_t *n, size_t *cap, const char *s, size_t len)
{
	char *grown;

	if (*n + len + 1 > *cap) {
		while (*n + len + 1 > *cap)
			*cap *= 2;
		grown = realloc(*out, *cap);
		if (!grown) {
			free(*out);
			*out = NULL;
			return -1;
		}
		*out = grown;
	}
	memcpy(*out + *n, s, len);
	*n += len;
	return 0;
}

/* The column key of the row, or key_nl when nl and the row has one. */
static const char *lang_get(const struct row *row, const char *key, int nl,
			    int *found)
{
	char name[80];
	const char *v;

	if (nl &&
	    (size_t)snprintf(name, sizeof(name), "%s_nl", key) < sizeof(name)) {
		v = fa_eval_row_get(row, name, found);
		if (*found)
			return v;
	}
	return fa_eval_row_get(row, key, found);
}

/*
 * Replace {name} by the row's column; NULL columns render as "-", and a
 * value is cut as fa_eval_kept_text cuts it. In a Dutch template (nl) a
 * column name_nl, when the check returns one, stands for name: {observed}
 * is observed_nl there.
 */
static char *render(const char *tpl, const struct row *row, int nl)
{
	size_t cap = 256, n = 0;
	char *out;
	const char *p;

	if (!tpl)
		return NULL;
	out = malloc(cap);
	if (!out)
		return NULL;
	for (p = tpl; *p; p++) {
		const char *val = NULL, *close;
		char key[64], mark[64];
		size_t len, k;
		int found = 0;

		if (*p == '{' && (close = strchr(p, '}')) &&
		    (size_t)(close - p - 1) < sizeof(key)) {
			memcpy(key, p + 1, (size_t)(close - p - 1));
			key[close - p - 1] = '\0';
			val = row ? lang_get(row, key, nl, &found) : NULL;
			if (found) {
				if (!val)
					val = "-";
				p = close;
			}
		}
		if (!found) {
			if (append(&out, &n, &cap, p, 1) != 0)
				return NULL;
			continue;
		}
		len = strlen(val);
		k = fa_eval_kept_len(val, len);
		if (append(&out, &n, &cap, val, k) != 0)
			return NULL;
		if (k < len) {
			fa_eval_truncated_mark(mark, sizeof(mark), len);
			if (append(&out, &n, &cap, mark, strlen(mark)) != 0)
				return NULL;
		}
	}
	out[n] = '\0';
	return out;
}

/*
 * A template without placeholders renders to itself: the finding then
 * points at the rule's text instead of holding a copy (a rule with
 * thousands of findings has one remedy and one question, not thousands).
 */
static char *shared(char *tpl, const struct row *row, int nl, int *lost)
{
	char *s;

	if (!tpl || !strchr(tpl, '{'))
		return tpl;
	s = render(tpl, row, nl);
	if (!s)
		*lost = 1;
	return s;
}

static int parse_outcome(enum fa_outcome *o, const char *s)
{
	int i;

	for (i = 0; s && i < FA_OUTCOME_ERROR; i++)
		if (strcmp(s, outcome_keys[i]) == 0) {
			*o = (enum fa_outcome)i;
			return 0;
		}
	return -1;
}

/* A finding about the rule as a whole (subject "*"). */
static enum fa_code whole_rule(struct list *l, const struct fa_rule *rule,
			       enum fa_outcome o, const char *nl,
			       const char *en, struct fa_error *err)
{
	struct fa_finding *f = list_add(l);

	if (!f)
		return fa_error_nomem(err, NULL);
	f->rule = rule;
	f->outcome = o;
	f->subject = strdup("*");
	f->message.nl = strdup(nl);
	f->message.en = strdup(en);
	if (!f->subject || !f->message.nl || !f->message.en)
		return fa_error_nomem(err, NULL);
	return FA_OK;
}

const char *fa_eval_rule_from(const struct fa_rule *rule)
{
	return rule->from[0] ? rule->from : rule->set->from;
}

static const char *rule_until(const struct fa_rule *rule)
{
	return rule->until[0] ? rule->until : rule->set->until;
}

static int in_force(const struct fa_rule *rule, const char *date)
{
	const char *from = fa_eval_rule_from(rule), *until = rule_until(rule);

	return (!from[0] || strcmp(date, from) >= 0) &&
	       (!until[0] || strcmp(date, until) <= 0);
}

/* Where the evidence behind a row is: table + line, or a document path. */
static void set_reference(struct fa_finding *f, const struct runner *r,
			  const struct row *row, int *lost)
{
	const char *table = fa_eval_row_get(row, "ref_table", NULL);
	const char *line = fa_eval_row_get(row, "ref_line", NULL);
	const char *doc = fa_eval_row_get(row, "ref_document", NULL);
	size_t i;

	f->ref_table = kept(table, lost);
	if (!r->ev) {
		/* a rule test: the line of a given row in the rule-set file */
		f->ref_line = table && line ? strtoul(line, NULL, 10) : 0;
		return;
	}
	if (doc) {
		const struct fa_manifest_file *mf =
		    fa_manifest_find(r->ev->manifest, doc);

		f->ref_file = kept(doc, lost);
		if (mf)
			f->ref_sha256 = dup_or_null(mf->sha256, lost);
		return;
	}
	if (!table)
		return;
	for (i = 0; i < r->ev->n_tables; i++)
		if (r->ev->tables[i].file &&
		    strcmp(r->ev->tables[i].spec->name, table) == 0) {
			f->ref_file =
			    dup_or_null(r->ev->tables[i].file->path, lost);
			f->ref_line = line ? strtoul(line, NULL, 10) : 0;
		}
}

/* Turn the current row into a finding. */
static enum fa_code row_finding(struct list *l, const struct runner *r,
				const struct fa_rule *rule,
				const struct row *row, struct fa_error *err)
{
	struct fa_finding *f;
	const char *subject = fa_eval_row_get(row, "subject", NULL);
	const char *outcome = fa_eval_row_get(row, "outcome", NULL);
	enum fa_outcome o;
	int months, lost = 0, bad;
	char en[FA_ERROR_MESSAGE_MAX], nl[FA_ERROR_MESSAGE_MAX];

	f = list_add(l);
	if (!f)
		return fa_error_nomem(err, NULL);
	f->rule = rule;
	f->subject = fa_eval_kept_text(subject ? subject : "-");
	if (parse_outcome(&o, outcome) != 0) {
		char msg[256];

		snprintf(msg, sizeof(msg),
			 "outcome '%.60s' is not one of pass, fail, na, review",
			 outcome ? outcome : "NULL");
		f->outcome = FA_OUTCOME_ERROR;
		if (r->run)
			r->run->error = 1;
		f->message.nl = strdup(msg);
		f->message.en = strdup(msg);
		return f->subject && f->message.nl && f->message.en
			   ? FA_OK
			   : fa_error_nomem(err, NULL);
	}
	f->outcome = o;
	/* the facts first: a template may read a money fact as text */
	bad = copy_facts(f, row, en, nl, sizeof(en));
	if (bad < 0)
		return fa_error_nomem(err, NULL);
	if (bad) {
		release_facts(f);
		f->outcome = FA_OUTCOME_ERROR;
		if (r->run)
			r->run->error = 1;
		f->message.nl = strdup(nl);
		f->message.en = strdup(en);
		return f->subject && f->message.nl && f->message.en
			   ? FA_OK
			   : fa_error_nomem(err, NULL);
	}
	f->observed = kept(fa_eval_row_get(row, "observed", NULL), &lost);
	f->expected = kept(fa_eval_row_get(row, "expected", NULL), &lost);
	f->detail = kept(fa_eval_row_get(row, "detail", NULL), &lost);
	f->observed_nl = kept(fa_eval_row_get(row, "observed_nl", NULL), &lost);
	f->expected_nl = kept(fa_eval_row_get(row, "expected_nl", NULL), &lost);
	f->detail_nl = kept(fa_eval_row_get(row, "detail_nl", NULL), &lost);
	f->message.nl = shared(rule->message.nl, row, 1, &lost);
	f->message.en = shared(rule->message.en, row, 0, &lost);
	f->remedy.nl = shared(rule->remedy.nl, row, 1, &lost);
	f->remedy.en = shared(rule->remedy.en, row, 0, &lost);
	if (o == FA_OUTCOME_REVIEW || o == FA_OUTCOME_FAIL) {
		/* a fail that rests on a U or NF value becomes a review
		 * (settle_failures) and then asks the question */
		f->question.nl = shared(rule->question.nl, row, 1, &lost);
		f->question.en = shared(rule->question.en, row, 0, &lost);
	}
	if (o == FA_OUTCOME_FAIL && rule->severity != FA_SEV_OBSERVATION) {
		months = rule->severity == FA_SEV_MAJOR
			     ? rule->set->major_months
			     : rule->set->minor_months;
		fa_date_add_months(f->deadline, r->audit_date, months);
	}
	set_reference(f, r, row, &lost);
	/* a text the row has and the finding lacks would change the
	 * report: out of memory, not a shorter finding */
	if (!f->subject || !f->message.nl || !f->message.en || lost)
		return fa_error_nomem(err, NULL);
	return FA_OK;
}

/* Rules about a worker's file: limited to the sample in inspection mode. */
static int sampled_scope(const struct fa_rule *rule)
{
	return rule->scope == FA_SCOPE_WORKER ||
	       rule->scope == FA_SCOPE_PAY_PERIOD;
}

/* 1 if the row's worker is in the sample (or there is no sample). */
static int in_sample(const struct runner *r, const struct fa_rule *rule,
		     const struct row *row)
{
	const char *subject, *slash;

	if (!r->sample || !sampled_scope(rule))
		return 1;
	subject = fa_eval_row_get(row, "subject", NULL);
	if (!subject)
		return 0;
	slash = strchr(subject, '/');
	return fa_strset_has(&r->sample->set, subject,
			     slash ? (size_t)(slash - subject)
				   : strlen(subject));
}

/* 1 + outcome for a pass or n/a row that is only counted, else 0. */
static int counted_only(const struct row *row)
{
	const char *o = fa_eval_row_get(row, "outcome", NULL);

	if (o && strcmp(o, "pass") == 0)
		return 1 + FA_OUTCOME_PASS;
	if (o && strcmp(o, "na") == 0)
		return 1 + FA_OUTCOME_NA;
	return 0;
}

/* A diagnostic from db without the layer's own prefix: rule authors see
 * SQLite's or param()'s words. */
const char *fa_eval_sql_message(const struct fa_error *e)
{
	static const char *const prefixes[] = { "database error: ",
						"cannot prepare: " };
	const char *m = e->n ? e->diag[0].message : "the check failed";
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(m, prefixes[i], strlen(prefixes[i])) == 0)
			return m + strlen(prefixes[i]);
	return m;
}

/* By evidence reference, then subject; ties in the check's order (the
 * findings are in one array, so their addresses give that order). */
static int cmp_by_reference(const void *a, const void *b)
{
	const struct fa_finding *x = *(const struct fa_finding *const *)a,
				*y = *(const struct fa_finding *const *)b;
	int c = strcmp(x->ref_file ? x->ref_file : "",
		       y->ref_file ? y->ref_file : "");

	if (c)
		return c;
	if (x->ref_line != y->ref_line)
		return x->ref_line < y->ref_line ? -1 : 1;
	c = strcmp(x->subject, y->subject);
	if (c)
		return c;
	return (x > y) - (x < y);
}

/*
 * Order the findings v[0..n) of a check without an ORDER BY of its own by
 * their evidence reference (file, line), then subject: the order does not
 * depend on the plan SQLite chose, and the check need not sort every row
 * it returns to order the few that are kept. Pointers are sorted and the
 * findings then moved in place, cycle by cycle (16 bytes per finding, not
 * a second copy of them: with keep_all a rule may keep millions).
 */
static enum fa_code sort_by_reference(struct fa_finding *v, size_t n,
				      struct fa_error *err)
{
	const struct fa_finding **p;
	size_t *src, i, j, next;
	struct fa_finding t;

	if (n < 2)
		return FA_OK;
	p = malloc(n * sizeof(*p));
	src = malloc(n * sizeof(*src));
	if (!p || !src) {
		free(p);
		free(src);
		return fa_error_nomem(err, NULL);
	}
	for (i = 0; i < n; i++)
		p[i] = &v[i];
	qsort(p, n, sizeof(*p), cmp_by_reference);
	for (i = 0; i < n; i++)
		src[i] = (size_t)(p[i] - v); /* place i takes v[src[i]] */
	free(p);
	for (i = 0; i < n; i++) {
		if (src[i] == i)
			continue;
		t = v[i];
		for (j = i; src[j] != i; j = next) {
			next = src[j];
			v[j] = v[next];
			src[j] = j;
		}
		v[j] = t;
		src[j] = j;
	}
	free(src);
	return FA_OK;
}

int fa_eval_reading_uncertain(const struct fa_rule *rule)
{
	return rule->severity != FA_SEV_OBSERVATION &&
	       (rule->confidence == FA_CONF_U ||
		rule->confidence == FA_CONF_NF);
}

/*
 * norms.md 11.5: a finding that rests on an uncertain (U) or placeholder
 * (NF) value is at most "needs review". When a rule read such a value
 * (flags: a param() of that confidence, or a rule-set table its check
 * names), a failure stays a failure only where the check's "firm" column
 * is 1: the check computed with param_firm() that this outcome rests on P
 * and S values alone. The other failures become reviews, which ask the
 * rule's question. A failure that stays keeps no question. A rule whose
 * own reading of the norm is U or NF (its confidence; observations aside)
 * has no firm failure at all: reading says so, and the firm column does
 * not count.
 */
static void settle_failures(struct fa_finding *v, size_t n, unsigned flags,
			    int reading_uncertain)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct fa_finding *f = &v[i];
		const char *firm = fa_finding_fact(f, "firm");

		if (f->outcome != FA_OUTCOME_FAIL)
			continue;
		if (!reading_uncertain &&
		    (!(flags &
		       (FA_FINDING_UNCERTAIN | FA_FINDING_PLACEHOLDER)) ||
		     (firm && strcmp(firm, "1") == 0))) {
			free_text(f->question.nl, f->rule->question.nl);
			free_text(f->question.en, f->rule->question.en);
			f->question.nl = f->question.en = NULL;
			continue;
		}
		f->outcome = FA_OUTCOME_REVIEW;
		f->deadline[0] = '\0';
		f->flags |= FA_FINDING_SOFTENED;
	}
}

/* The evidence tables a check reads, noted while it is prepared. */
struct reads_seen {
	const struct fa_evidence *ev;
	unsigned char seen[FA_EVAL_MAX_MISSING];
};

static void note_read(void *ctx, const char *table)
{
	struct reads_seen *x = ctx;
	size_t i;

	for (i = 0; i < x->ev->n_tables && i < FA_EVAL_MAX_MISSING; i++)
		if (strcmp(x->ev->tables[i].spec->name, table) == 0) {
			x->seen[i] = 1;
			return;
		}
}

/* Append to buf (of size) the quoted names of run's missing tables and
 * their suggested files: "'deductions' (deductions.csv), ...". */
static void missing_list(char *buf, size_t size, const struct fa_rule_run *run)
{
	size_t i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < run->n_missing && k < size; i++) {
		const struct fa_table_spec *t =
		    fa_schema_table(run->missing[i]);
		int w =
		    snprintf(buf + k, size - k, "%s'%s' (%s)", i ? ", " : "",
			     run->missing[i], t ? t->file : "?");

		if (w < 0)
			break;
		k += (size_t)w;
	}
}

/*
 * The check of rule, just prepared, reads evidence tables that the package
 * does not supply: note them in run and leave one finding "not checked"
 * (the check did not run: an empty table would make it pass or say n/a for
 * want of evidence). 1 if so (*rc set), else 0.
 */
static int not_supplied(struct runner *r, const struct fa_rule *rule,
			struct list *l, struct fa_rule_run *run,
			const struct reads_seen *seen, enum fa_code *rc,
			struct fa_error *err)
{
	char tables[512], nl[640], en[640];
	size_t i;

	for (i = 0; i < r->ev->n_tables && i < FA_EVAL_MAX_MISSING; i++)
		if (seen->seen[i] && !r->ev->tables[i].file)
			run->missing[run->n_missing++] =
			    r->ev->tables[i].spec->name;
	if (!run->n_missing)
		return 0;
	missing_list(tables, sizeof(tables), run);
	snprintf(nl, sizeof(nl),
		 "niet gecontroleerd: het pakket bevat %s %s niet, die de "
		 "controle leest",
		 run->n_missing == 1 ? "tabel" : "de tabellen", tables);
	snprintf(en, sizeof(en),
		 "not checked: the package does not supply %s %s, which the "
		 "check reads",
		 run->n_missing == 1 ? "table" : "tables", tables);
	*rc = whole_rule(l, rule, FA_OUTCOME_NOT_CHECKED, nl, en, err);
	return 1;
}

/*
 * Run one rule, appending its findings to l. A rule that cannot run leaves
 * one error finding (partial rows are dropped: an incomplete result must
 * not look complete). So does a rule stopped by the step budget or the
 * time limit, or with more findings than one rule may keep. Running out
 * of memory (FA_ERR_NOMEM: SQLite's heap or the findings kept beyond their
 * part of the memory limit, or an allocation that failed) is no fault of
 * the rule: the audit stops. One whose check reads a table the package
 * does not supply leaves one finding "not checked".
 */
enum fa_code fa_eval_run_rule(struct runner *r, const struct fa_rule *rule,
			      struct list *l, struct fa_rule_run *run,
			      struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_error local, mem;
	struct row row;
	size_t first = l->n, i;
	enum fa_code rc;
	char msg[FA_ERROR_MESSAGE_MAX + 64], msg_nl[FA_ERROR_MESSAGE_MAX + 64];
	struct timespec t0, t1;
	struct reads_seen seen;
	unsigned long long rule_bytes = 0;
	int has = 1, step_row = 0, c, found, keep, too_many = 0;

	run->rule = rule;
	run->in_force = in_force(rule, r->audit_date);
	if (!run->in_force) {
		char nl[256], en[256];
		const char *from = fa_eval_rule_from(rule),
			   *until = rule_until(rule);

		snprintf(nl, sizeof(nl),
			 "niet van kracht op %s (geldig van %s tot %s)",
			 r->audit_date, from[0] ? from : "-",
			 until[0] ? until : "-");
		snprintf(en, sizeof(en),
			 "not in force on %s (effective from %s until %s)",
			 r->audit_date, from[0] ? from : "-",
			 until[0] ? until : "-");
		rc = whole_rule(l, rule, FA_OUTCOME_NA, nl, en, err);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r->flags = 0;
	r->run = run;
	r->values_cap = 0;
	r->nomem = 0;
	fa_db_budget_reset(r->ro);
	fa_error_init(&local);
	keep = r->keep_all || rule->keep_all ||
	       fa_eval_named(rule, r->keep, r->n_keep);
	memset(&seen, 0, sizeof(seen));
	seen.ev = r->ev;
	if (r->ev)
		fa_db_sandbox_on_read(r->ro, note_read, &seen);
	rc = fa_db_prepare(&st, r->ro, rule->check, &local);
	fa_db_sandbox_on_read(r->ro, NULL, NULL);
	if (rc == FA_OK && r->ev &&
	    not_supplied(r, rule, l, run, &seen, &rc, err)) {
		fa_db_finalize(st);
		r->run = NULL;
		goto out;
	}
	if (rc == FA_OK) {
		memset(&row, 0, sizeof(row));
		row.st = st;
		row.n = fa_db_column_count(st);
		if (row.n > FA_EVAL_MAX_COLUMNS)
			row.n = FA_EVAL_MAX_COLUMNS;
		for (c = 0; c < row.n; c++)
			row.names[c] = fa_db_column_name(st, c);
		fa_eval_row_get(&row, "subject", &found);
		has &= found;
		fa_eval_row_get(&row, "outcome", &found);
		has &= found;
		if (!has)
			rc = fa_error_add(&local, FA_ERR_INPUT, NULL, 0, 0,
					  "the check returns no 'subject' or "
					  "no 'outcome' column");
		else if (note_facts(run, &row) != 0) {
			fa_db_finalize(st);
			return fa_error_nomem(err, NULL);
		} else if (!keep)
			fa_eval_prepare_lazy(&st, r->ro, rule->check, &row,
					     r->sample && sampled_scope(rule));
	}
	while (rc == FA_OK) {
		rc = fa_db_step(&step_row, st, &local);
		if (rc != FA_OK || !step_row)
			break;
		if (!in_sample(r, rule, &row))
			continue;
		if (!keep && counted_only(&row)) {
			run->counts[counted_only(&row) - 1]++;
			continue;
		}
		if (l->n - first == r->max_findings) {
			too_many = 1;
			break;
		}
		fa_error_init(&mem);
		rc = row_finding(l, r, rule, &row, &mem);
		if (rc != FA_OK)
			rc = fa_error_add(err, rc, NULL, 0, 0,
					  "rule '%s': out of memory", rule->id);
		else
			rc = fa_eval_count_kept(r, rule, &l->v[l->n - 1],
						&rule_bytes, err);
		if (rc == FA_ERR_NOMEM) {
			fa_db_finalize(st);
			r->run = NULL;
			return rc;
		}
	}
	fa_db_finalize(st);
	r->run = NULL;
	if (r->nomem)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "rule '%s': out of memory", rule->id);
	if (rc == FA_ERR_NOMEM)
		return fa_eval_check_nomem(rule, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	run->seconds = (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (rc != FA_OK || too_many) {
		const char *why = fa_db_sandbox_reason(r->ro);

		if (r->kept)
			atomic_fetch_sub(&r->kept->bytes, rule_bytes);
		memset(run->counts, 0, sizeof(run->counts));
		fa_eval_forget_values(run);
		fa_eval_list_truncate(l, first);
		if (too_many) {
			fa_eval_too_many_messages(msg_nl, msg, sizeof(msg), r);
		} else if (fa_db_timed_out(r->ro)) {
			fa_eval_timeout_messages(msg_nl, msg, sizeof(msg), r,
						 run->seconds);
		} else {
			snprintf(msg, sizeof(msg), "%s",
				 why[0] ? why : fa_eval_sql_message(&local));
			memcpy(msg_nl, msg, sizeof(msg_nl));
		}
		run->error = 1;
		rc = whole_rule(l, rule, FA_OUTCOME_ERROR, msg_nl, msg, err);
		goto out;
	}
	if (!fa_sqlscan_top_order_by(rule->check)) {
		rc = sort_by_reference(l->v + first, l->n - first, err);
		if (rc != FA_OK)
			return rc;
	}
	r->run = run;
	if (fa_eval_note_tables(r, rule->check) != 0) {
		r->run = NULL;
		return fa_error_nomem(err, NULL);
	}
	r->run = NULL;
	run->flags = r->flags | fa_eval_table_flags(r->sets, rule->check);
	if (fa_eval_reading_uncertain(rule))
		run->flags |= fa_eval_confidence_flags(rule->confidence);
	settle_failures(l->v + first, l->n - first, run->flags,
			fa_eval_reading_uncertain(rule));
	if (r->sample && sampled_scope(rule))
		run->flags |= FA_FINDING_SAMPLED;
out:
	for (i = first; i < l->n; i++) {
		/* a failure left after settle_failures rests on P and S
		 * values alone: it carries no U or NF caution */
		l->v[i].flags |= l->v[i].outcome == FA_OUTCOME_FAIL
				     ? run->flags & ~(FA_FINDING_UNCERTAIN |
						      FA_FINDING_PLACEHOLDER)
				     : run->flags;
		l->v[i].reads_values =
		    fa_rule_run_weakest(&l->v[i].value_confidence, run,
					l->v[i].outcome == FA_OUTCOME_FAIL);
		run->counts[l->v[i].outcome]++;
	}
	run->n_findings = l->n - first;
	return rc;
}
