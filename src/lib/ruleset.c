/* SPDX-License-Identifier: MIT */
/*
 * One rule-set file: fa_ruleset_load validates it through xmlload against
 * the embedded schemas/ruleset.xsd, then builds struct fa_ruleset
 * from the tree: the set, its rules with their message templates, checks
 * and tests here, parameters and tables in ruleset_data.c, both with the
 * common part of ruleset_build.c (ruleset_impl.h). It checks what the schema
 * cannot say within the set and reports every problem at once, sorted by
 * line. Uses xmlload, csv, sqlscan, schema, hash and error; it never sees
 * libxml2 or SQLite.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "ruleset_impl.h"
#include "schema.h"
#include "sqlscan.h"

/* Generated from schemas/ruleset.xsd by the build. */
extern const char fa_ruleset_xsd[];
extern const size_t fa_ruleset_xsd_len;

#define RULESET_NS "urn:flexaudit:ruleset:1"

/* In the order of the enums in ruleset.h. */
const char *const fa_rs_conf_names[FA_CONF_NF + 1] = { "P", "S", "U", "NF" };
static const char *const scope_names[] = { "member",   "worker", "document",
					   "location", "room",	 "pay-period" };
static const char *const sev_names[] = { "major", "minor", "observation" };
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Tables a check may read besides the evidence tables. */
static const char *const package_tables[] = { "package_info", "package_files",
					      "data_quality" };

static int is_package_table(const char *name)
{
	size_t i;

	for (i = 0; i < N_OF(package_tables); i++)
		if (strcmp(name, package_tables[i]) == 0)
			return 1;
	return 0;
}

/* ---- templates ----------------------------------------------------------- */

static int placeholder_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* The placeholder p[0..n) shown whole up to FA_TEXT_SHOW_MAX bytes, cut at a
 * UTF-8 character boundary beyond. */
static void bad_placeholder(struct fa_rs_build *b, unsigned long line,
			    const char *p, size_t n, const char *lang,
			    const char *elem, const char *rule)
{
	const char *more = "";

	if (n > FA_TEXT_SHOW_MAX) {
		n = FA_TEXT_SHOW_MAX;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
		more = "...";
	}
	fa_rs_problem(b, FA_ERR_INPUT, line,
		      "invalid placeholder '%.*s%s' in the %s %s of rule '%s'",
		      (int)n, p, more, lang, elem, rule);
}

/* {name} placeholders of one template well formed. */
static void check_template(struct fa_rs_build *b, unsigned long line,
			   const char *s, const char *lang, const char *elem,
			   const char *rule)
{
	const char *p, *open = NULL;

	if (!s)
		return;
	for (p = s; *p; p++) {
		if (*p == '{') {
			if (open)
				break;
			open = p;
		} else if (*p == '}') {
			if (!open) {
				fa_rs_problem(
				    b, FA_ERR_INPUT, line,
				    "unbalanced '}' in the %s %s of rule "
				    "'%s'",
				    lang, elem, rule);
				return;
			}
			if (!placeholder_ok(open + 1, (size_t)(p - open - 1)))
				bad_placeholder(b, line, open,
						(size_t)(p - open + 1), lang,
						elem, rule);
			open = NULL;
		}
	}
	if (open)
		fa_rs_problem(b, FA_ERR_INPUT, line,
			      "unbalanced '{' in the %s %s of rule '%s'", lang,
			      elem, rule);
}

/* ---- rules --------------------------------------------------------------- */

static const char *const outcome_names[] = { "pass", "fail", "na", "review",
					     "error" };

/* An element the schema requires (see fa_xml_need_child). */
static const struct fa_xml_node *
need_child(struct fa_rs_build *b, const struct fa_xml_node *n, const char *name)
{
	const struct fa_xml_node *c =
	    fa_xml_need_child(n, name, b->where, b->err);

	if (!c && b->code == FA_OK)
		b->code = FA_ERR_INTERNAL;
	return c;
}

static void check_sql(struct fa_rs_build *b, const struct fa_rule *r)
{
	const char *s = r->check;
	size_t i = fa_sqlscan_blank(s, 0);

	if (!fa_sqlscan_keyword(s + i, "select") &&
	    !fa_sqlscan_keyword(s + i, "with"))
		fa_rs_problem(
		    b, FA_ERR_INPUT, r->check_line + fa_sqlscan_lines(s, i),
		    "check of rule '%s' does not start with SELECT or WITH",
		    r->id);
	i = fa_sqlscan_next_statement(s);
	if (i)
		fa_rs_problem(
		    b, FA_ERR_INPUT, r->check_line + fa_sqlscan_lines(s, i),
		    "check of rule '%s' has more than one statement", r->id);
	/* the engine's own functions around a check (eval.c, lazy_sql) */
	i = fa_sqlscan_ident_prefix(s, "fa_lazy_");
	if (i != (size_t)-1)
		fa_rs_problem(
		    b, FA_ERR_INPUT, r->check_line + fa_sqlscan_lines(s, i),
		    "check of rule '%s' names '%.*s': names starting "
		    "with 'fa_lazy_' are the engine's",
		    r->id, (int)strcspn(s + i, " \t\r\n(),;."), s + i);
}

static int build_reads(struct fa_rs_build *b, struct fa_rule *r,
		       const struct fa_xml_node *n)
{
	char *words = fa_text_collapse(n->text), *p, *sp;
	size_t k = 1;
	int rc = -1;

	if (!words)
		return fa_rs_nomem(b);
	for (p = words; *p; p++)
		k += *p == ' ';
	r->reads = calloc(k, sizeof(*r->reads));
	if (!r->reads) {
		fa_rs_nomem(b);
		goto out;
	}
	for (p = words; *p; p = sp ? sp + 1 : p + strlen(p)) {
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		if (fa_rs_copy(b, &r->reads[r->n_reads++], p, 0) != 0)
			goto out;
		if (!fa_schema_is_table(p) &&
		    fa_rs_lookup(package_tables, N_OF(package_tables), p) < 0)
			fa_rs_problem(
			    b, FA_ERR_INPUT, n->line,
			    "unknown table '%s' in the reads of rule '%s'", p,
			    r->id);
	}
	rc = 0;
out:
	free(words);
	return rc;
}

struct given_ctx {
	struct fa_rs_build *b;
	struct fa_test_given *g;
	size_t n_header;
};

/* Given rows are checked against the evidence schema by eval; here only
 * that they are CSV with as many fields as the header. */
static enum fa_code on_given_record(void *ctx, size_t record,
				    unsigned long line,
				    const struct fa_csv_field *f, size_t nf,
				    struct fa_error *err)
{
	struct given_ctx *x = ctx;

	(void)f;
	(void)err;
	if (record == 0)
		x->n_header = nf;
	else
		x->g->n_rows++;
	if (record != 0 && nf != x->n_header)
		fa_rs_problem(x->b, FA_ERR_INPUT, line,
			      "row has %zu fields but the header has %zu", nf,
			      x->n_header);
	return FA_OK;
}

/* <assume param="N" confidence="C">V</assume>: N of the rule's own set. */
static int build_assume(struct fa_rs_build *b, const struct fa_ruleset *rs,
			const struct fa_rule *r, struct fa_rule_test *t,
			const struct fa_xml_node *c)
{
	struct fa_test_assume *a = &t->assume[t->n_assume];
	const char *name = fa_xml_attr(c, "param");
	const char *conf = fa_xml_attr(c, "confidence");
	char sb[FA_TEXT_SHOW_MAX + 4];
	size_t i;
	int k;

	for (i = 0; name && i < rs->n_params; i++)
		if (strcmp(rs->params[i].name, name) == 0)
			a->param = &rs->params[i];
	if (!a->param) {
		fa_rs_problem(b, FA_ERR_INPUT, c->line,
			      "test '%s' of rule '%s' assumes parameter '%s', "
			      "which rule set '%s' does not define (a test "
			      "may assume only its own set's parameters, "
			      "defined above the rule)",
			      fa_text_show(sb, t->name), r->id,
			      name ? name : "", rs->id);
		return 0;
	}
	for (i = 0; i < t->n_assume; i++)
		if (t->assume[i].param == a->param)
			fa_rs_problem(b, FA_ERR_INPUT, c->line,
				      "test '%s' of rule '%s' assumes "
				      "parameter '%s' twice",
				      fa_text_show(sb, t->name), r->id, name);
	a->value.line = c->line;
	a->value.confidence = FA_CONF_P;
	if (conf && fa_rs_enum_attr(b, &k, c, "confidence", fa_rs_conf_names,
				    N_OF(fa_rs_conf_names)) == 0)
		a->value.confidence = (enum fa_confidence)k;
	t->n_assume++;
	return fa_rs_param_value(b, &a->value, a->param, c->text, c->line);
}

static int build_test(struct fa_rs_build *b, const struct fa_ruleset *rs,
		      const struct fa_rule *r, struct fa_rule_test *t,
		      const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	struct given_ctx gx = { b, NULL, 0 };
	int outcome;

	t->line = n->line;
	if (fa_rs_copy_attr(b, &t->name, n, "name") != 0 ||
	    fa_rs_date_attr(b, t->audit_date, n, "audit-date", 0) != 0)
		return -1;
	t->assume =
	    calloc(fa_rs_count_children(n, "assume") + 1, sizeof(*t->assume));
	t->given =
	    calloc(fa_rs_count_children(n, "given") + 1, sizeof(*t->given));
	t->expect =
	    calloc(fa_rs_count_children(n, "expect") + 1, sizeof(*t->expect));
	if (!t->assume || !t->given || !t->expect)
		return fa_rs_nomem(b);
	for (c = n->first; c; c = c->next) {
		char sb[FA_TEXT_SHOW_MAX + 4];

		if (strcmp(c->name, "assume") == 0) {
			if (build_assume(b, rs, r, t, c) != 0)
				return -1;
		} else if (strcmp(c->name, "given") == 0) {
			struct fa_test_given *g = &t->given[t->n_given++];

			if (fa_rs_copy_attr(b, &g->table, c, "table") != 0)
				return -1;
			g->csv = fa_rs_dedent(c->text);
			if (!g->csv)
				return fa_rs_nomem(b);
			g->line = fa_rs_text_line(b, c);
			if (!fa_schema_is_table(g->table) &&
			    !is_package_table(g->table))
				fa_rs_problem(
				    b, FA_ERR_INPUT, c->line,
				    "unknown evidence table '%s' in test "
				    "'%s' of rule '%s'",
				    g->table, fa_text_show(sb, t->name), r->id);
			gx.g = g;
			fa_rs_run_csv(b, g->csv, g->line, on_given_record, &gx);
			if (b->code == FA_ERR_NOMEM)
				return -1;
		} else if (strcmp(c->name, "expect") == 0) {
			struct fa_test_expect *e = &t->expect[t->n_expect++];

			e->line = c->line;
			if (fa_rs_copy_attr(b, &e->subject, c, "subject") !=
				0 ||
			    fa_rs_enum_attr(b, &outcome, c, "outcome",
					    outcome_names,
					    N_OF(outcome_names)) != 0 ||
			    fa_rs_copy(b, &e->outcome, outcome_names[outcome],
				       0) != 0 ||
			    fa_rs_copy_opt_attr(b, &e->evidence_table, c,
						"evidence-table") != 0)
				return -1;
			{
				const char *row =
				    fa_xml_attr(c, "evidence-row");

				/* the schema allows 1 to 9 digits */
				e->evidence_row =
				    row ? strtoul(row, NULL, 10) : 0;
			}
		}
	}
	return 0;
}

/* An expected evidence row names a row of a table the test gives. */
static void check_evidence(struct fa_rs_build *b, const struct fa_rule *r,
			   const struct fa_rule_test *t,
			   const struct fa_test_expect *x)
{
	char sb[FA_TEXT_SHOW_MAX + 4], sc[FA_TEXT_SHOW_MAX + 4];
	const struct fa_test_given *g = NULL;
	const char *tn, *sn;
	size_t i;

	if (!x->evidence_table && !x->evidence_row)
		return;
	tn = fa_text_show(sb, t->name);
	sn = fa_text_show(sc, x->subject);
	if (!x->evidence_table || !x->evidence_row) {
		fa_rs_problem(b, FA_ERR_INPUT, x->line,
			      "subject '%s' in test '%s' of rule '%s': "
			      "evidence-table and evidence-row go together",
			      sn, tn, r->id);
		return;
	}
	if (strcmp(x->outcome, "error") == 0) {
		fa_rs_problem(b, FA_ERR_INPUT, x->line,
			      "subject '%s' in test '%s' of rule '%s': an "
			      "expected error has no evidence",
			      sn, tn, r->id);
		return;
	}
	for (i = 0; i < t->n_given && !g; i++)
		if (strcmp(t->given[i].table, x->evidence_table) == 0)
			g = &t->given[i];
	if (!g)
		fa_rs_problem(b, FA_ERR_INPUT, x->line,
			      "subject '%s' in test '%s' of rule '%s': "
			      "evidence table '%s' is not given in the test",
			      sn, tn, r->id, x->evidence_table);
	else if (x->evidence_row > g->n_rows)
		fa_rs_problem(b, FA_ERR_INPUT, x->line,
			      "subject '%s' in test '%s' of rule '%s': "
			      "evidence row %lu of table '%s', which has %zu "
			      "row(s) in the test",
			      sn, tn, r->id, x->evidence_row, x->evidence_table,
			      g->n_rows);
}

/* Given tables and expected subjects each once per test. */
static int check_test(struct fa_rs_build *b, const struct fa_rule *r,
		      const struct fa_rule_test *t)
{
	size_t *first = NULL, i;
	char sb[FA_TEXT_SHOW_MAX + 4], sc[FA_TEXT_SHOW_MAX + 4];

	if (FA_RS_REPEATS(&first, t->given, t->n_given, struct fa_test_given,
			  table, 0) != 0)
		return fa_rs_nomem(b);
	for (i = 0; i < t->n_given; i++)
		if (first[i] != SIZE_MAX)
			fa_rs_problem(
			    b, FA_ERR_INPUT, t->given[i].line,
			    "table '%s' is given twice in test '%s' of "
			    "rule '%s' (first on line %lu)",
			    t->given[i].table, fa_text_show(sb, t->name), r->id,
			    t->given[first[i]].line);
	free(first);
	if (FA_RS_REPEATS(&first, t->expect, t->n_expect, struct fa_test_expect,
			  subject, 0) != 0)
		return fa_rs_nomem(b);
	for (i = 0; i < t->n_expect; i++)
		if (first[i] != SIZE_MAX)
			fa_rs_problem(
			    b, FA_ERR_INPUT, t->expect[i].line,
			    "subject '%s' is expected twice in test '%s' "
			    "of rule '%s' (first on line %lu)",
			    fa_text_show(sc, t->expect[i].subject),
			    fa_text_show(sb, t->name), r->id,
			    t->expect[first[i]].line);
	free(first);
	for (i = 0; i < t->n_expect; i++)
		check_evidence(b, r, t, &t->expect[i]);
	return 0;
}

static int check_tests(struct fa_rs_build *b, const struct fa_ruleset *rs,
		       const struct fa_rule *r)
{
	size_t *first = NULL, i, j;
	int pass = 0, fail = 0, review = 0;
	char sb[FA_TEXT_SHOW_MAX + 4];

	if (FA_RS_REPEATS(&first, r->tests, r->n_tests, struct fa_rule_test,
			  name, 0) != 0)
		return fa_rs_nomem(b);
	for (i = 0; i < r->n_tests; i++) {
		const struct fa_rule_test *t = &r->tests[i];

		if (first[i] != SIZE_MAX)
			fa_rs_problem(b, FA_ERR_INPUT, t->line,
				      "test '%s' of rule '%s' is defined twice "
				      "(first on line %lu)",
				      fa_text_show(sb, t->name), r->id,
				      r->tests[first[i]].line);
		if (!t->audit_date[0] && !r->from[0] && !rs->from[0])
			fa_rs_problem(
			    b, FA_ERR_INPUT, t->line,
			    "test '%s' of rule '%s' needs an audit-date: "
			    "neither the rule nor its rule set has an "
			    "effective date",
			    fa_text_show(sb, t->name), r->id);
		for (j = 0; j < t->n_expect; j++) {
			pass |= strcmp(t->expect[j].outcome, "pass") == 0;
			fail |= strcmp(t->expect[j].outcome, "fail") == 0;
			review |= strcmp(t->expect[j].outcome, "review") == 0;
		}
		if (check_test(b, r, t) != 0)
			break;
	}
	free(first);
	/*
	 * A check that can be seen to pass and to fail; or, for an interview
	 * item (a rule with a question), one seen to ask for review.
	 */
	if ((!pass || !fail) && !(review && r->question.en))
		fa_rs_problem(
		    b, FA_ERR_INPUT, r->line,
		    "rule '%s' needs a test with a passing and a test with "
		    "a failing outcome%s",
		    r->id,
		    r->question.en ? " (or, as it asks a question, a test "
				     "expecting review)"
				   : "");
	return i < r->n_tests ? -1 : 0;
}

/* The rule's effective days within those of its rule set. */
static void check_rule_window(struct fa_rs_build *b,
			      const struct fa_ruleset *rs,
			      const struct fa_rule *r, unsigned long line)
{
	const char *f = r->from, *u = r->until;

	/* A window that ends before it starts is reported already. */
	if ((f[0] && u[0] && strcmp(u, f) < 0) ||
	    (rs->from[0] && rs->until[0] && strcmp(rs->until, rs->from) < 0))
		return;
	if ((f[0] && rs->from[0] && strcmp(f, rs->from) < 0) ||
	    (f[0] && rs->until[0] && strcmp(f, rs->until) > 0) ||
	    (u[0] && rs->until[0] && strcmp(u, rs->until) > 0) ||
	    (u[0] && rs->from[0] && strcmp(u, rs->from) < 0))
		fa_rs_problem(
		    b, FA_ERR_INPUT, line,
		    "rule '%s' is effective (%s to %s) outside its rule set "
		    "(%s to %s)",
		    r->id,
		    f[0]	  ? f
		    : rs->from[0] ? rs->from
				  : "open",
		    u[0] ? u : "open", rs->from[0] ? rs->from : "open",
		    rs->until[0] ? rs->until : "open");
}

static int build_templates(struct fa_rs_build *b, struct fa_rule *r,
			   const struct fa_xml_node *n, const char *subject)
{
	static const char *const elems[] = { "message", "remedy", "question" };
	struct fa_text *texts[] = { &r->message, &r->remedy, &r->question };
	unsigned long lines[2];
	size_t i;

	for (i = 0; i < N_OF(elems); i++) {
		lines[0] = lines[1] = n->line;
		if (fa_rs_build_text(b, texts[i], lines, n, elems[i], subject,
				     i == 0) != 0)
			return -1;
		check_template(b, lines[0], texts[i]->nl, "nl", elems[i],
			       r->id);
		check_template(b, lines[1], texts[i]->en, "en", elems[i],
			       r->id);
	}
	return 0;
}

static int build_rule(struct fa_rs_build *b, const struct fa_ruleset *rs,
		      struct fa_rule *r, const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	unsigned long lines[2];
	char subject[FA_TEXT_SHOW_MAX + 16];
	int v;

	r->line = n->line;
	r->set = rs;
	if (fa_rs_copy_attr(b, &r->id, n, "id") != 0)
		return -1;
	if (fa_rs_enum_attr(b, &v, n, "scope", scope_names,
			    N_OF(scope_names)) != 0)
		return -1;
	r->scope = (enum fa_scope)v;
	if (fa_rs_enum_attr(b, &v, n, "severity", sev_names, N_OF(sev_names)) !=
	    0)
		return -1;
	r->severity = (enum fa_severity)v;
	if (fa_rs_enum_attr(b, &v, n, "confidence", fa_rs_conf_names,
			    N_OF(fa_rs_conf_names)) != 0)
		return -1;
	r->confidence = (enum fa_confidence)v;
	r->keep_all = fa_xml_attr(n, "keep") != NULL; /* the XSD allows "all" */
	r->safety = fa_xml_attr(n, "safety") != NULL; /* ... and "yes" */
	c = need_child(b, n, "article");
	if (!c || fa_rs_copy(b, &r->article, c->text, 1) != 0)
		return -1;
	c = fa_xml_child(n, "article-nl");
	if (c && fa_rs_copy(b, &r->article_nl, c->text, 1) != 0)
		return -1;
	snprintf(subject, sizeof(subject), "rule '%s'", r->id);
	if (fa_rs_build_text(b, &r->title, lines, n, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(n, "effective");
	if (c) {
		if (fa_rs_date_attr(b, r->from, c, "from", 1) != 0 ||
		    fa_rs_date_attr(b, r->until, c, "until", 0) != 0)
			return -1;
		fa_rs_check_window(b, r->from, r->until, c->line);
		check_rule_window(b, rs, r, c->line);
	}
	c = fa_xml_child(n, "source");
	if (c && fa_rs_copy(b, &r->source, c->text, 1) != 0)
		return -1;
	c = need_child(b, n, "reads");
	if (!c || build_reads(b, r, c) != 0 ||
	    build_templates(b, r, n, subject) != 0)
		return -1;
	c = need_child(b, n, "check");
	if (!c || fa_rs_copy(b, &r->check, c->text, 0) != 0)
		return -1;
	r->check_line = fa_rs_text_line(b, c);
	check_sql(b, r);
	r->tests =
	    calloc(fa_rs_count_children(n, "test") + 1, sizeof(*r->tests));
	if (!r->tests)
		return fa_rs_nomem(b);
	for (c = n->first; c; c = c->next)
		if (strcmp(c->name, "test") == 0 &&
		    build_test(b, rs, r, &r->tests[r->n_tests++], c) != 0)
			return -1;
	return check_tests(b, rs, r);
}

/* ---- the rule set -------------------------------------------------------- */

static int months_attr(struct fa_rs_build *b, int *out,
		       const struct fa_xml_node *n, const char *name)
{
	const char *v = fa_xml_attr(n, name), *why;
	int64_t m;

	if (!v)
		return 0;
	if (fa_value_int(&m, v, strlen(v), &why) != 0 || m < 1 || m > 120) {
		fa_rs_problem(b, FA_ERR_INTERNAL, n->line,
			      "invalid %s '%s' after schema validation", name,
			      v);
		return -1;
	}
	*out = (int)m;
	return 0;
}

/* Names unique within the set; tables also by their SQL name. */
static int check_names(struct fa_rs_build *b, const struct fa_ruleset *rs)
{
	size_t *first = NULL, i;
	char sq[FA_TEXT_SHOW_MAX + 8];

	if (FA_RS_REPEATS(&first, rs->params, rs->n_params, struct fa_param,
			  name, 0) != 0)
		return fa_rs_nomem(b);
	for (i = 0; i < rs->n_params; i++)
		if (first[i] != SIZE_MAX)
			fa_rs_problem(
			    b, FA_ERR_INPUT, rs->params[i].line,
			    "parameter '%s' is defined twice (first on "
			    "line %lu)",
			    rs->params[i].name, rs->params[first[i]].line);
	free(first);
	if (FA_RS_REPEATS(&first, rs->tables, rs->n_tables, struct fa_table,
			  name, 1) != 0)
		return fa_rs_nomem(b);
	for (i = 0; i < rs->n_tables; i++) {
		const struct fa_table *t = &rs->tables[i], *o;

		if (first[i] == SIZE_MAX)
			continue;
		o = &rs->tables[first[i]];
		if (strcmp(t->name, o->name) == 0)
			fa_rs_problem(
			    b, FA_ERR_INPUT, t->line,
			    "table '%s' is defined twice (first on line "
			    "%lu)",
			    t->name, o->line);
		else
			fa_rs_problem(
			    b, FA_ERR_INPUT, t->line,
			    "table '%s' has the same SQL name '%s' as "
			    "table '%s' on line %lu",
			    t->name, fa_rs_sql_name(sq, sizeof(sq), t->name),
			    o->name, o->line);
	}
	free(first);
	if (FA_RS_REPEATS(&first, rs->rules, rs->n_rules, struct fa_rule, id,
			  0) != 0)
		return fa_rs_nomem(b);
	for (i = 0; i < rs->n_rules; i++)
		if (first[i] != SIZE_MAX)
			fa_rs_problem(
			    b, FA_ERR_INPUT, rs->rules[i].line,
			    "rule '%s' is defined twice (first on line "
			    "%lu)",
			    rs->rules[i].id, rs->rules[first[i]].line);
	free(first);
	return 0;
}

/* <mismatches against="ID">: another set, named once. */
static int build_against(struct fa_rs_build *b, struct fa_ruleset *rs,
			 const struct fa_xml_node *c)
{
	char **slot = &rs->mismatches_against[rs->n_mismatches_against];
	size_t i;

	if (fa_rs_copy_attr(b, slot, c, "against") != 0)
		return -1;
	rs->n_mismatches_against++;
	if (strcmp(*slot, rs->id) == 0)
		fa_rs_problem(b, FA_ERR_INPUT, c->line,
			      "rule set '%s' declares mismatches against "
			      "itself: name another rule set",
			      rs->id);
	for (i = 0; i + 1 < rs->n_mismatches_against; i++)
		if (strcmp(rs->mismatches_against[i], *slot) == 0)
			fa_rs_problem(b, FA_ERR_INPUT, c->line,
				      "mismatches against '%s' are declared "
				      "twice",
				      *slot);
	return 0;
}

static int build_set(struct fa_rs_build *b, struct fa_ruleset *rs,
		     const struct fa_xml_doc *doc)
{
	const struct fa_xml_node *root = doc->root, *c;
	unsigned long lines[2];
	char subject[FA_TEXT_SHOW_MAX + 16];

	if (strcmp(doc->ns, RULESET_NS) != 0 ||
	    strcmp(root->name, "ruleset") != 0) {
		fa_rs_problem(
		    b, FA_ERR_INTERNAL, root->line,
		    "root element '%s' in namespace '%s' after schema "
		    "validation",
		    root->name, doc->ns);
		return -1;
	}
	if (fa_rs_copy_attr(b, &rs->id, root, "id") != 0 ||
	    fa_rs_copy_attr(b, &rs->edition, root, "edition") != 0)
		return -1;
	snprintf(subject, sizeof(subject), "rule set '%s'", rs->id);
	if (fa_rs_build_text(b, &rs->title, lines, root, "title", subject, 1) !=
	    0)
		return -1;
	c = fa_xml_child(root, "effective");
	if (c) {
		if (fa_rs_date_attr(b, rs->from, c, "from", 1) != 0 ||
		    fa_rs_date_attr(b, rs->until, c, "until", 0) != 0)
			return -1;
		fa_rs_check_window(b, rs->from, rs->until, c->line);
	}
	rs->major_months = 3;
	rs->minor_months = 6;
	c = fa_xml_child(root, "deadlines");
	if (c && (months_attr(b, &rs->major_months, c, "major-months") != 0 ||
		  months_attr(b, &rs->minor_months, c, "minor-months") != 0))
		return -1;
	rs->mismatches_against =
	    calloc(fa_rs_count_children(root, "mismatches") + 1,
		   sizeof(*rs->mismatches_against));
	rs->sources = calloc(fa_rs_count_children(root, "source") + 1,
			     sizeof(*rs->sources));
	rs->params = calloc(fa_rs_count_children(root, "parameter") + 1,
			    sizeof(*rs->params));
	rs->tables = calloc(fa_rs_count_children(root, "table") + 1,
			    sizeof(*rs->tables));
	rs->rules =
	    calloc(fa_rs_count_children(root, "rule") + 1, sizeof(*rs->rules));
	if (!rs->mismatches_against || !rs->sources || !rs->params ||
	    !rs->tables || !rs->rules)
		return fa_rs_nomem(b);
	/* Count first, so that fa_ruleset_free sees what was set. */
	for (c = root->first; c; c = c->next) {
		int rc = 0;

		if (strcmp(c->name, "mismatches") == 0)
			rc = build_against(b, rs, c);
		else if (strcmp(c->name, "source") == 0)
			rc = fa_rs_copy(b, &rs->sources[rs->n_sources++],
					c->text, 1);
		else if (strcmp(c->name, "parameter") == 0)
			rc = fa_rs_build_param(b, &rs->params[rs->n_params++],
					       c);
		else if (strcmp(c->name, "table") == 0)
			rc = fa_rs_build_table(b, &rs->tables[rs->n_tables++],
					       c);
		else if (strcmp(c->name, "rule") == 0)
			rc = build_rule(b, rs, &rs->rules[rs->n_rules++], c);
		if (rc != 0)
			return -1;
	}
	return check_names(b, rs);
}

/* ---- loading one set ----------------------------------------------------- */

/*
 * Problems are found check by check; a person fixes them top to bottom.
 * Sort this load's diagnostics by line, stably; line 0 (the end of a CSV
 * block, out of memory) goes last.
 */
static void sort_diags(struct fa_error *err, size_t start)
{
	size_t i, j;

	for (i = start + 1; err && i < err->n; i++) {
		struct fa_diag d = err->diag[i];
		unsigned long key = d.line ? d.line : (unsigned long)-1;

		for (j = i; j > start; j--) {
			unsigned long l = err->diag[j - 1].line;

			if ((l ? l : (unsigned long)-1) <= key)
				break;
			err->diag[j] = err->diag[j - 1];
		}
		err->diag[j] = d;
	}
}

enum fa_code fa_ruleset_load_mem(struct fa_ruleset **out, const char *where,
				 const void *buf, size_t len,
				 struct fa_error *err)
{
	struct fa_rs_build b = { where, buf, len, 1, 0, err, FA_OK };
	struct fa_xml_doc *doc = NULL;
	struct fa_ruleset *rs = NULL;
	size_t start = err ? err->n : 0;
	enum fa_code rc;

	assert(out && where);
	*out = NULL;
	if (len > FA_RULESET_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, where, 0, 0,
				    "rule set too large (%zu bytes, limit %d)",
				    len, FA_RULESET_MAX_BYTES);
	rc = fa_xml_load(&doc, where, buf, len, fa_ruleset_xsd,
			 fa_ruleset_xsd_len, err);
	if (rc != FA_OK)
		goto out;
	rs = calloc(1, sizeof(*rs));
	if (!rs || fa_rs_copy(&b, &rs->path, where, 0) != 0) {
		if (!rs)
			fa_rs_nomem(&b);
		goto out;
	}
	fa_sha256_buf_hex(rs->sha256, buf, len);
	rs->xml = malloc(len + 1);
	if (!rs->xml) {
		fa_rs_nomem(&b);
		goto out;
	}
	memcpy(rs->xml, buf, len);
	rs->xml_len = len;
	if (build_set(&b, rs, doc) == 0 && b.code == FA_OK) {
		*out = rs;
		rs = NULL;
	}
out:
	if (rc == FA_OK)
		rc = b.code;
	sort_diags(err, start);
	fa_ruleset_free(rs);
	fa_xml_doc_free(doc);
	return rc;
}

enum fa_code fa_ruleset_load(struct fa_ruleset **out, const char *path,
			     struct fa_error *err)
{
	FILE *f;
	struct stat st;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, n;
	enum fa_code rc;
	int fd;

	assert(out && path);
	*out = NULL;
	memset(&st, 0, sizeof(st));
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		const char *why = st.st_mode == 0 ? strerror(errno)
				  : S_ISDIR(st.st_mode)
				      ? strerror(EISDIR)
				      : "not a regular file: give a "
					"rule-set file (.xml)";

		rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				  "cannot read '%s': %s", path, why);
		close(fd);
		return rc;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    !(f = fdopen(fd, "rb"))) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot read '%s': %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	if ((unsigned long long)st.st_size > FA_RULESET_MAX_BYTES) {
		rc = fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				  "rule set too large (%lld bytes, limit %d)",
				  (long long)st.st_size, FA_RULESET_MAX_BYTES);
		goto out;
	}
	/* Read one byte past the limit, so that xmlload reports a file that
	 * grew (or a pipe) as too large. */
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 64 * 1024;
			p = realloc(buf, cap);
			if (!p) {
				rc = fa_error_nomem(err, NULL);
				goto out;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0 && len <= FA_RULESET_MAX_BYTES);
	if (ferror(f)) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = fa_ruleset_load_mem(out, path, buf, len, err);
out:
	free(buf);
	fclose(f);
	return rc;
}

static void free_text(struct fa_text *t)
{
	free(t->nl);
	free(t->en);
}

static void free_rule(struct fa_rule *r)
{
	size_t i, j;

	free(r->id);
	free(r->article);
	free(r->article_nl);
	free_text(&r->title);
	free(r->source);
	for (i = 0; i < r->n_reads; i++)
		free(r->reads[i]);
	free(r->reads);
	free_text(&r->message);
	free_text(&r->remedy);
	free_text(&r->question);
	free(r->check);
	for (i = 0; i < r->n_tests; i++) {
		struct fa_rule_test *t = &r->tests[i];

		free(t->name);
		for (j = 0; j < t->n_assume; j++)
			free(t->assume[j].value.text);
		free(t->assume);
		for (j = 0; j < t->n_given; j++) {
			free(t->given[j].table);
			free(t->given[j].csv);
		}
		free(t->given);
		for (j = 0; j < t->n_expect; j++) {
			free(t->expect[j].subject);
			free(t->expect[j].outcome);
			free(t->expect[j].evidence_table);
		}
		free(t->expect);
	}
	free(r->tests);
}

static void free_table(struct fa_table *t)
{
	size_t i, j;

	free(t->name);
	free_text(&t->title);
	free(t->source);
	for (i = 0; i < t->n_rows; i++) {
		for (j = 0; j < t->n_columns; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	for (i = 0; i < t->n_columns; i++)
		free(t->columns[i].name);
	free(t->columns);
}

void fa_ruleset_free(struct fa_ruleset *rs)
{
	size_t i, j;

	if (!rs)
		return;
	free(rs->path);
	free(rs->xml);
	free(rs->id);
	free(rs->edition);
	free_text(&rs->title);
	for (i = 0; i < rs->n_mismatches_against; i++)
		free(rs->mismatches_against[i]);
	free(rs->mismatches_against);
	for (i = 0; i < rs->n_sources; i++)
		free(rs->sources[i]);
	free(rs->sources);
	for (i = 0; i < rs->n_params; i++) {
		struct fa_param *p = &rs->params[i];

		free(p->name);
		free(p->concept);
		free(p->unit);
		free_text(&p->title);
		free(p->source);
		for (j = 0; j < p->n_values; j++) {
			free(p->values[j].text);
			free(p->values[j].source);
		}
		free(p->values);
	}
	free(rs->params);
	for (i = 0; i < rs->n_tables; i++)
		free_table(&rs->tables[i]);
	free(rs->tables);
	for (i = 0; i < rs->n_rules; i++)
		free_rule(&rs->rules[i]);
	free(rs->rules);
	free(rs);
}

/* ---- names --------------------------------------------------------------- */

const char *fa_confidence_name(enum fa_confidence c)
{
	return (size_t)c < N_OF(fa_rs_conf_names) ? fa_rs_conf_names[c]
						  : "unknown";
}

const char *fa_scope_name(enum fa_scope s)
{
	return (size_t)s < N_OF(scope_names) ? scope_names[s] : "unknown";
}

const char *fa_severity_name(enum fa_severity s)
{
	return (size_t)s < N_OF(sev_names) ? sev_names[s] : "unknown";
}
