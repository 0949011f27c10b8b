/* SPDX-License-Identifier: MIT */
/*
 * Checking rule sets rather than packages: lint prepares every check on an
 * empty evidence database and verifies its result columns and template
 * placeholders; the rule tests load each test's rows into a fresh database
 * and compare outcomes. Both use eval's runner (eval_impl.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"
#include "sqlscan.h"

/* ---- lint ---------------------------------------------------------------- */

/* Every {name} in tpl must be a result column. */
static void lint_template(const struct fa_rule *rule, const char *tpl,
			  const char *what, const struct row *row,
			  struct fa_error *err)
{
	const char *p = tpl, *close;
	char key[64];
	int found;

	while (p && (p = strchr(p, '{')) && (close = strchr(p, '}'))) {
		size_t len = (size_t)(close - p - 1);

		if (len < sizeof(key)) {
			memcpy(key, p + 1, len);
			key[len] = '\0';
			fa_eval_row_get(row, key, &found);
			if (!found)
				fa_error_add(err, FA_ERR_INPUT, rule->set->path,
					     rule->line, 0,
					     "rule '%s': placeholder '{%s}' in "
					     "the %s is not a result column",
					     rule->id, key, what);
		}
		p = close + 1;
	}
}

/* The first parameter of U or NF confidence that a check reads. */
struct soft_read {
	const struct fa_rulesets *sets;
	const struct fa_param *param;
};

static int on_soft_param(void *ctx, const char *name, size_t off)
{
	struct soft_read *x = ctx;
	const struct fa_param *p = fa_rulesets_param(x->sets, name);

	(void)off;
	if (p && !x->param && fa_eval_confidence_flags(p->confidence))
		x->param = p;
	return 0;
}

/*
 * norms.md 11.5: a rule that reads a U or NF value (a parameter with such
 * a value on some date, or such a rule-set table) cannot fail on it: the
 * evaluation reports its failures as needs review unless its "firm"
 * column, computed with param_firm(), says the outcome rests on P and S
 * values. So such a rule needs a question to ask, and a "firm" column
 * that does not come from param_firm() is refused.
 */
static void lint_soft(struct runner *r, const struct fa_rule *rule,
		      const struct row *row, struct fa_error *err)
{
	struct soft_read x = { r->sets, NULL };
	unsigned flags = fa_eval_table_flags(r->sets, rule->check);
	const char *what = "a rule-set table";
	const char *conf;
	int firm;

	if (fa_sqlscan_params(rule->check, on_soft_param, &x) != 0)
		return;
	if (x.param) {
		flags |= fa_eval_confidence_flags(x.param->confidence);
		what = x.param->name;
	}
	if (!flags && fa_eval_reading_uncertain(rule)) {
		if (!rule->question.en)
			fa_error_add(
			    err, FA_ERR_INPUT, rule->set->path, rule->line, 0,
			    "rule '%s' has confidence %s, so its failures "
			    "are reported as needs review: give it a "
			    "<question>",
			    rule->id, fa_confidence_name(rule->confidence));
		return;
	}
	if (!flags)
		return;
	conf = flags & FA_FINDING_PLACEHOLDER ? "NF" : "U";
	fa_eval_row_get(row, "firm", &firm);
	if (firm &&
	    fa_sqlscan_ident_prefix(rule->check, "param_firm") == (size_t)-1)
		fa_error_add(
		    err, FA_ERR_INPUT, rule->set->path, rule->check_line, 0,
		    "rule '%s' reads %s%s%s of confidence %s and returns "
		    "a 'firm' column that no param_firm() computes: "
		    "a failure may rest only on P and S values",
		    rule->id, x.param ? "'" : "", what, x.param ? "'" : "",
		    conf);
	if (!rule->question.en)
		fa_error_add(err, FA_ERR_INPUT, rule->set->path, rule->line, 0,
			     "rule '%s' reads %s%s%s of confidence %s, so its "
			     "failures are reported as needs review: give it "
			     "a <question>",
			     rule->id, x.param ? "'" : "", what,
			     x.param ? "'" : "", conf);
}

/*
 * SQL's printf of NULL gives "0.00", never NULL, so a coalesce around a
 * printf never takes its default and an unknown amount reads as zero.
 * Spaces between the words are allowed; a literal holding the text is
 * rare enough not to matter.
 */
static void lint_printf_null(const struct fa_rule *rule, struct fa_error *err)
{
	/* the SQL text, split so that the source names no C call */
	static const char pattern[] = "coalesce(printf"
				      "(";
	const char *p;
	size_t k = 0;

	for (p = rule->check; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			continue;
		k = ((*p | 0x20) == pattern[k] || *p == pattern[k]) ? k + 1
		    : ((*p | 0x20) == pattern[0])		    ? 1
								    : 0;
		if (!pattern[k]) {
			fa_error_add(
			    err, FA_ERR_INPUT, rule->set->path,
			    rule->check_line, 0,
			    "rule '%s': a coalesce around printf never "
			    "gives its default, since printf of NULL "
			    "is '0.00': test the value first, "
			    "iif(x IS NULL, NULL, printf ...)",
			    rule->id);
			return;
		}
	}
}

/* What a check reads against its rule's <reads>, noted while it is
 * prepared. */
struct lint_reads {
	const struct fa_rule *rule;
	unsigned char declared_seen[64]; /* by index in rule->reads */
	char unlisted[4][64];		 /* read, not declared */
	size_t n_unlisted;
};

static void lint_note_read(void *ctx, const char *table)
{
	struct lint_reads *x = ctx;
	size_t i;

	/* rule-set tables are not listed; SQLite names a WITH step read
	 * by count(*) as if it were a table */
	if (!fa_schema_is_table(table) && !fa_evidence_is_package_table(table))
		return;
	for (i = 0; i < x->rule->n_reads; i++)
		if (strcmp(x->rule->reads[i], table) == 0) {
			if (i < sizeof(x->declared_seen))
				x->declared_seen[i] = 1;
			return;
		}
	for (i = 0; i < x->n_unlisted; i++)
		if (strcmp(x->unlisted[i], table) == 0)
			return;
	if (x->n_unlisted < sizeof(x->unlisted) / sizeof(x->unlisted[0]))
		snprintf(x->unlisted[x->n_unlisted++], sizeof(x->unlisted[0]),
			 "%s", table);
}

/*
 * The <reads> of a rule must be what its check reads: an audit tells
 * which rules could not check for want of a table from what SQLite reads,
 * and the reports and the scheduler show and use the declaration.
 */
static void lint_reads_report(const struct lint_reads *x, struct fa_error *err)
{
	const struct fa_rule *rule = x->rule;
	size_t i;

	for (i = 0; i < x->n_unlisted; i++)
		fa_error_add(err, FA_ERR_INPUT, rule->set->path,
			     rule->check_line, 0,
			     "rule '%s': the check reads table '%s', which "
			     "its <reads> does not list",
			     rule->id, x->unlisted[i]);
	for (i = 0; i < rule->n_reads && i < sizeof(x->declared_seen); i++)
		if (!x->declared_seen[i])
			fa_error_add(err, FA_ERR_INPUT, rule->set->path,
				     rule->check_line, 0,
				     "rule '%s': <reads> lists table '%s', "
				     "which the check does not read",
				     rule->id, rule->reads[i]);
}

/* Problems of rule into err; FA_ERR_NOMEM if it could not be linted for
 * lack of memory (which is no problem of the rule), else FA_OK. */
static enum fa_code lint_rule(struct runner *r, const struct fa_rule *rule,
			      struct fa_error *err)
{
	struct lint_reads reads;
	static const char *const required[] = { "subject", "outcome",
						"observed", "expected" };
	struct fa_stmt *st = NULL;
	struct fa_error local;
	struct row row;
	size_t i;
	int c, found;

	fa_error_init(&local);
	fa_db_budget_reset(r->ro);
	memset(&reads, 0, sizeof(reads));
	reads.rule = rule;
	fa_db_sandbox_on_read(r->ro, lint_note_read, &reads);
	c = fa_db_prepare(&st, r->ro, rule->check, &local) != FA_OK;
	fa_db_sandbox_on_read(r->ro, NULL, NULL);
	if (c) {
		const char *why = fa_db_sandbox_reason(r->ro);
		const char *msg = fa_eval_sql_message(&local);

		if (local.code == FA_ERR_NOMEM)
			return fa_error_nomem(err, NULL);
		fa_error_add(err, FA_ERR_INPUT, rule->set->path,
			     rule->check_line, 0, "rule '%s': %s", rule->id,
			     why[0] ? why : msg);
		return FA_OK;
	}
	memset(&row, 0, sizeof(row));
	row.st = st;
	row.n = fa_db_column_count(st);
	if (row.n > FA_EVAL_MAX_COLUMNS)
		row.n = FA_EVAL_MAX_COLUMNS;
	for (c = 0; c < row.n; c++)
		row.names[c] = fa_db_column_name(st, c);
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		fa_eval_row_get(&row, required[i], &found);
		if (!found)
			fa_error_add(err, FA_ERR_INPUT, rule->set->path,
				     rule->check_line, 0,
				     "rule '%s': the check returns no '%s' "
				     "column",
				     rule->id, required[i]);
	}
	lint_template(rule, rule->message.nl, "Dutch message", &row, err);
	lint_template(rule, rule->message.en, "English message", &row, err);
	lint_template(rule, rule->remedy.nl, "Dutch remedy", &row, err);
	lint_template(rule, rule->remedy.en, "English remedy", &row, err);
	lint_soft(r, rule, &row, err);
	lint_printf_null(rule, err);
	lint_reads_report(&reads, err);
	fa_db_finalize(st);
	return FA_OK;
}

/* An empty evidence database with the rule-set tables, and a runner. */
static enum fa_code scratch_runner(struct runner *r, struct fa_db **rw,
				   const struct fa_rulesets *sets,
				   const char *date, int relaxed,
				   struct fa_error *err)
{
	enum fa_code rc;

	memset(r, 0, sizeof(*r));
	r->sets = sets;
	r->keep_all = 1; /* tests compare every subject */
	snprintf(r->audit_date, sizeof(r->audit_date), "%s", date);
	rc = fa_db_open(rw, NULL, err);
	if (rc == FA_OK)
		rc = fa_evidence_create_schema(*rw, relaxed, err);
	return rc;
}

enum fa_code fa_eval_lint(const struct fa_rulesets *sets, struct fa_error *err)
{
	struct runner r;
	struct fa_db *rw = NULL;
	enum fa_code rc;
	size_t s, i;

	rc = scratch_runner(&r, &rw, sets, "2000-01-01", 0, err);
	if (rc == FA_OK)
		rc = fa_eval_runner_open(&r, rw, err);
	for (s = 0; rc == FA_OK && s < sets->n; s++)
		for (i = 0; rc == FA_OK && i < sets->sets[s]->n_rules; i++)
			rc = lint_rule(&r, &sets->sets[s]->rules[i], err);
	fa_db_close(r.ro);
	fa_db_close(rw);
	return rc != FA_OK ? rc : err && err->code ? err->code : FA_OK;
}

/* ---- rule tests ---------------------------------------------------------- */

void fa_eval_tests_free(struct fa_test_result *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].detail);
	free(v);
}

/* Append to a growing detail text. */
static void note(char **detail, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(char **detail, const char *fmt, ...)
{
	char line[FA_ERROR_MESSAGE_MAX + 128];
	size_t old = *detail ? strlen(*detail) : 0;
	char *grown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	grown = realloc(*detail, old + strlen(line) + 2);
	if (!grown)
		return;
	if (old)
		grown[old++] = '\n';
	memcpy(grown + old, line, strlen(line) + 1);
	*detail = grown;
}

static const char *test_date(const struct fa_rule *rule,
			     const struct fa_rule_test *t)
{
	if (t->audit_date[0])
		return t->audit_date;
	return fa_eval_rule_from(rule)[0] ? fa_eval_rule_from(rule)
					  : "2000-01-01";
}

/* The line of row n (from 1) of table in the test's database, or 0. */
static unsigned long given_row_line(struct fa_db *rw, const char *table,
				    unsigned long n)
{
	char q[2 * FA_EVAL_NAME_MAX + 4], sql[2 * FA_EVAL_NAME_MAX + 96];
	struct fa_stmt *st = NULL;
	struct fa_error ignore;
	unsigned long line = 0;
	int row = 0;

	fa_error_init(&ignore);
	fa_db_quote_ident(q, sizeof(q), table);
	snprintf(sql, sizeof(sql),
		 "SELECT _line FROM %s ORDER BY _line LIMIT 1 OFFSET %lu", q,
		 n - 1);
	if (fa_db_prepare(&st, rw, sql, &ignore) == FA_OK &&
	    fa_db_step(&row, st, &ignore) == FA_OK && row)
		line = (unsigned long)fa_db_column_int(st, 0);
	fa_db_finalize(st);
	return line;
}

/* The finding names the expected evidence row, or a note says how not. */
static void compare_evidence(struct fa_db *rw, const struct fa_rule *rule,
			     const struct fa_test_expect *x,
			     const struct fa_finding *f, char **detail)
{
	unsigned long want;

	if (!x->evidence_table)
		return;
	want = given_row_line(rw, x->evidence_table, x->evidence_row);
	if (f->ref_table && strcmp(f->ref_table, x->evidence_table) == 0 &&
	    f->ref_line == want)
		return;
	note(detail,
	     "%s:%lu: subject '%s': expected the evidence %s row %lu (line "
	     "%lu), got %s%s%lu",
	     rule->set->path, x->line, x->subject, x->evidence_table,
	     x->evidence_row, want, f->ref_table ? f->ref_table : "no table",
	     f->ref_table ? " line " : ", line ", f->ref_line);
}

static void run_test(const struct fa_rulesets *sets, const struct fa_rule *rule,
		     const struct fa_rule_test *t, struct fa_test_result *res)
{
	struct runner r;
	struct fa_db *rw = NULL;
	struct fa_error e;
	struct list l = { NULL, 0, 0 };
	struct fa_rule_run run;
	char line[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 32];
	size_t i, k;
	int errored;

	res->rule = rule;
	res->test = t;
	fa_error_init(&e);
	memset(&run, 0, sizeof(run));
	if (scratch_runner(&r, &rw, sets, test_date(rule, t), 1, &e) == FA_OK) {
		r.assume = t->assume;
		r.n_assume = t->n_assume;
		for (i = 0; i < t->n_given && e.code == FA_OK; i++)
			fa_evidence_load_csv(rw, t->given[i].table,
					     rule->set->path, t->given[i].line,
					     t->given[i].csv,
					     strlen(t->given[i].csv), &e);
	}
	if (e.code == FA_OK && fa_eval_runner_open(&r, rw, &e) == FA_OK)
		fa_eval_run_rule(&r, rule, &l, &run, &e);
	if (e.code != FA_OK) {
		for (i = 0; i < e.n; i++) {
			fa_diag_format(line, sizeof(line), &e.diag[i]);
			note(&res->detail, "%s", line);
		}
		goto out;
	}
	errored = run.error;
	for (i = 0; i < t->n_expect; i++) {
		const struct fa_test_expect *x = &t->expect[i];
		int hit = 0;

		if (strcmp(x->outcome, "error") == 0) {
			if (!errored)
				note(&res->detail,
				     "%s:%lu: expected the rule to fail with "
				     "an error, it ran",
				     rule->set->path, x->line);
			continue;
		}
		for (k = 0; k < l.n; k++) {
			const struct fa_finding *f = &l.v[k];

			if (strcmp(f->subject, x->subject) != 0)
				continue;
			hit = 1;
			compare_evidence(rw, rule, x, f, &res->detail);
			if (strcmp(fa_outcome_key(f->outcome), x->outcome) != 0)
				note(&res->detail,
				     "%s:%lu: subject '%s': expected %s, got "
				     "%s (observed %s, expected %s)%s%s",
				     rule->set->path, x->line, x->subject,
				     x->outcome, fa_outcome_key(f->outcome),
				     f->observed ? f->observed : "-",
				     f->expected ? f->expected : "-",
				     f->outcome == FA_OUTCOME_ERROR ? ": " : "",
				     f->outcome == FA_OUTCOME_ERROR
					 ? f->message.en
					 : "");
		}
		if (!hit)
			note(&res->detail,
			     "%s:%lu: subject '%s': expected %s, the check "
			     "returned no row for it%s%s",
			     rule->set->path, x->line, x->subject, x->outcome,
			     errored ? ": " : "",
			     errored && l.n ? l.v[0].message.en : "");
	}
	for (k = 0; k < l.n && !errored; k++) {
		int expected = 0;

		for (i = 0; i < t->n_expect; i++)
			expected |=
			    strcmp(t->expect[i].subject, l.v[k].subject) == 0;
		if (!expected)
			note(&res->detail,
			     "%s:%lu: unexpected subject '%s' (outcome %s)",
			     rule->set->path, t->line, l.v[k].subject,
			     fa_outcome_key(l.v[k].outcome));
	}
out:
	res->passed = res->detail == NULL;
	fa_eval_list_truncate(&l, 0);
	free(l.v);
	fa_eval_run_release(&run);
	fa_db_close(r.ro);
	fa_db_close(rw);
}

enum fa_code fa_eval_test(struct fa_test_result **out, size_t *n,
			  const struct fa_rulesets *sets,
			  const char *const *only, size_t n_only,
			  struct fa_error *err)
{
	struct fa_test_result *v;
	size_t total = 0, s, i, t, k = 0;
	enum fa_code rc;

	*out = NULL;
	*n = 0;
	rc = fa_eval_check_names(sets, only, n_only, err);
	if (rc != FA_OK)
		return rc;
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < sets->sets[s]->n_rules; i++)
			total += sets->sets[s]->rules[i].n_tests;
	v = calloc(total + 1, sizeof(*v));
	if (!v)
		return fa_error_nomem(err, NULL);
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < sets->sets[s]->n_rules; i++) {
			const struct fa_rule *rule = &sets->sets[s]->rules[i];

			if (n_only && !fa_eval_named(rule, only, n_only))
				continue;
			for (t = 0; t < rule->n_tests; t++)
				run_test(sets, rule, &rule->tests[t], &v[k++]);
		}
	*out = v;
	*n = k;
	return FA_OK;
}
