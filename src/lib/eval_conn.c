/* SPDX-License-Identifier: MIT */
/*
 * The connection a rule's check runs on: the rule-set tables created as
 * rs_<name> in the evidence database, the SQL functions a check may call
 * (param(), param_firm(), audit_date(), fmt_money(), fmt_num() and
 * SQLite's own allowed ones), and
 * the runner's read-only, sandboxed connection that has them, with its
 * step budget and time limit. Uses db, value and the rule-set model.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "eval_impl.h"
#include "resource.h"

/* SQLite functions a check may call, besides param and audit_date. */
static const char *const allowed_functions[] = {
	"abs",
	"avg",
	"char",
	"coalesce",
	"count",
	"date",
	"datetime",
	"format",
	"glob",
	"group_concat",
	"hex",
	"ifnull",
	"iif",
	"instr",
	"julianday",
	"length",
	"like",
	"lower",
	"ltrim",
	"max",
	"min",
	"nullif",
	"printf",
	"quote",
	"replace",
	"round",
	"rtrim",
	"strftime",
	"substr",
	"substring",
	"sum",
	"time",
	"total",
	"trim",
	"typeof",
	"unicode",
	"unixepoch",
	"upper",
	"row_number",
	"rank",
	"dense_rank",
	"ntile",
	"lag",
	"lead",
	"first_value",
	"last_value",
	"nth_value",
	"cume_dist",
	"percent_rank",
	"param",
	"param_firm",
	"audit_date",
	"fmt_money",
	"fmt_num",
	"fa_lazy_outcome",
	"fa_lazy_counted",
};

#define N_ALLOWED (sizeof(allowed_functions) / sizeof(allowed_functions[0]))

static int fn_audit_date(void *ctx, int argc, const struct fa_db_value *argv,
			 struct fa_db_value *res, char *msg, size_t size)
{
	struct runner *r = ctx;

	(void)argc;
	(void)argv;
	(void)msg;
	(void)size;
	res->type = FA_DB_TEXT;
	res->s = r->audit_date;
	res->len = strlen(r->audit_date);
	return 0;
}

/* 1 for 'nl', 0 for 'en', else -1. */
static int lang_arg(const struct fa_db_value *v)
{
	if (v->type != FA_DB_TEXT)
		return -1;
	if (strcmp(v->s, "nl") == 0)
		return 1;
	return strcmp(v->s, "en") == 0 ? 0 : -1;
}

/*
 * fmt_money(cents, lang): money as the report's reader writes it,
 * "€ 1.870,00" in 'nl', "€1,870.00" in 'en' (numfmt.h); NULL for NULL.
 * So a check's Dutch texts (observed_nl, ...) need not write money with
 * a decimal point.
 */
static int fn_fmt_money(void *ctx, int argc, const struct fa_db_value *argv,
			struct fa_db_value *res, char *msg, size_t size)
{
	struct runner *r = ctx;
	int nl;

	(void)argc;
	nl = lang_arg(&argv[1]);
	if ((argv[0].type != FA_DB_INT && argv[0].type != FA_DB_NULL) ||
	    nl < 0) {
		snprintf(msg, size,
			 "fmt_money() takes whole cents (an integer) and "
			 "'nl' or 'en'");
		return -1;
	}
	if (argv[0].type == FA_DB_NULL) {
		res->type = FA_DB_NULL;
		return 0;
	}
	res->type = FA_DB_TEXT;
	res->s = fa_numfmt_money(r->fmt, sizeof(r->fmt), argv[0].i, nl);
	res->len = strlen(res->s);
	return 0;
}

/*
 * fmt_num(x, decimals, lang): a number with the language's decimal mark,
 * decimals digits (0 to 6), or at most -decimals digits with trailing
 * zeros dropped (numfmt.h); NULL for NULL.
 */
static int fn_fmt_num(void *ctx, int argc, const struct fa_db_value *argv,
		      struct fa_db_value *res, char *msg, size_t size)
{
	struct runner *r = ctx;
	int nl;
	double x;

	(void)argc;
	nl = lang_arg(&argv[2]);
	if (argv[0].type == FA_DB_TEXT || argv[1].type != FA_DB_INT ||
	    argv[1].i < -6 || argv[1].i > 6 || nl < 0) {
		snprintf(msg, size,
			 "fmt_num() takes a number, the decimals (-6 to 6) "
			 "and 'nl' or 'en'");
		return -1;
	}
	if (argv[0].type == FA_DB_NULL) {
		res->type = FA_DB_NULL;
		return 0;
	}
	x = argv[0].type == FA_DB_INT ? (double)argv[0].i : argv[0].d;
	res->type = FA_DB_TEXT;
	res->s =
	    fa_numfmt_number(r->fmt, sizeof(r->fmt), x, (int)argv[1].i, nl);
	res->len = strlen(res->s);
	return 0;
}

/* The outcomes of rows that are only counted (see eval_plan.c). */
static const char *const counted_outcomes[] = { "pass", "na" };

/*
 * The value of the parameter named by argv[0] on argv[1] (or the audit
 * date) for param() and param_firm(); NULL with msg set if there is none.
 */
static const struct fa_param_value *param_lookup(struct runner *r,
						 const char *fn, int argc,
						 const struct fa_db_value *argv,
						 const struct fa_param **out,
						 char *msg, size_t size)
{
	const struct fa_param *p;
	const struct fa_param_value *v;
	const char *date = r->audit_date;
	char iso[FA_DATE_LEN];
	const char *why;
	size_t i;

	if (argc < 1 || argc > 2 || argv[0].type != FA_DB_TEXT) {
		snprintf(msg, size, "%s() takes a name and an optional date",
			 fn);
		return NULL;
	}
	p = fa_rulesets_param(r->sets, argv[0].s);
	if (!p) {
		snprintf(msg, size, "unknown parameter '%s'", argv[0].s);
		return NULL;
	}
	if (argc == 2) {
		if (argv[1].type != FA_DB_TEXT ||
		    fa_value_date(iso, argv[1].s, argv[1].len, &why) != 0) {
			snprintf(msg, size,
				 "%s('%s', ...): the date is not a date", fn,
				 p->name);
			return NULL;
		}
		date = iso;
	}
	for (i = 0; i < r->n_assume; i++)
		if (r->assume[i].param == p) {
			*out = p;
			return &r->assume[i].value;
		}
	v = fa_param_at(p, date);
	if (!v) {
		snprintf(msg, size, "parameter '%s' has no value on %s",
			 p->name, date);
		return NULL;
	}
	*out = p;
	return v;
}

static int fn_param(void *ctx, int argc, const struct fa_db_value *argv,
		    struct fa_db_value *res, char *msg, size_t size)
{
	struct runner *r = ctx;
	const struct fa_param *p = NULL;
	const struct fa_param_value *v;

	v = param_lookup(r, "param", argc, argv, &p, msg, size);
	if (!v)
		return -1;
	r->flags |= fa_eval_confidence_flags(v->confidence);
	if (fa_eval_note_value(r, p, v) != 0) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	switch (p->type) {
	case FA_PARAM_NUMBER:
		res->type = FA_DB_REAL;
		res->d = v->number;
		break;
	case FA_PARAM_MONEY:
	case FA_PARAM_INTEGER:
	case FA_PARAM_BOOLEAN:
		res->type = FA_DB_INT;
		res->i = v->integer;
		break;
	case FA_PARAM_TEXT:
	case FA_PARAM_DATE:
		res->type = FA_DB_TEXT;
		res->s = v->text;
		res->len = strlen(v->text);
		break;
	}
	return 0;
}

/*
 * param_firm(name[, date]): 1 if that value's confidence is P or S, 0 if U
 * or NF. A check marks with it the failures that rest on firm values only
 * (its "firm" column; see fa_eval_run_rule).
 */
static int fn_param_firm(void *ctx, int argc, const struct fa_db_value *argv,
			 struct fa_db_value *res, char *msg, size_t size)
{
	struct runner *r = ctx;
	const struct fa_param *p = NULL;
	const struct fa_param_value *v;

	v = param_lookup(r, "param_firm", argc, argv, &p, msg, size);
	if (!v)
		return -1;
	res->type = FA_DB_INT;
	res->i = fa_eval_confidence_flags(v->confidence) == 0;
	return 0;
}

static const char *sql_type(enum fa_param_type t)
{
	switch (t) {
	case FA_PARAM_MONEY:
	case FA_PARAM_INTEGER:
	case FA_PARAM_BOOLEAN:
		return "INTEGER";
	case FA_PARAM_NUMBER:
		return "REAL";
	default:
		return "TEXT";
	}
}

/* "pks.stars" -> "rs_pks_stars" */
static void rs_name(char *buf, size_t size, const char *name)
{
	size_t i, o = 0;

	o = (size_t)snprintf(buf, size, "rs_");
	for (i = 0; name[i] && o + 1 < size; i++)
		buf[o++] = name[i] == '.' ? '_' : name[i];
	buf[o] = '\0';
}

static void bind_cell(struct fa_stmt *st, int i, enum fa_param_type t,
		      const char *text)
{
	int64_t v = 0;
	int b = 0;
	const char *why;
	size_t len = strlen(text);

	if (len == 0) {
		fa_db_bind_null(st, i);
		return;
	}
	switch (t) {
	case FA_PARAM_MONEY:
		if (fa_value_decimal(&v, text, len, 2, &why) == 0)
			fa_db_bind_int(st, i, v);
		else
			fa_db_bind_null(st, i);
		break;
	case FA_PARAM_INTEGER:
		if (fa_value_int(&v, text, len, &why) == 0)
			fa_db_bind_int(st, i, v);
		else
			fa_db_bind_null(st, i);
		break;
	case FA_PARAM_BOOLEAN:
		if (fa_value_bool(&b, text, len, &why) == 0)
			fa_db_bind_int(st, i, b);
		else
			fa_db_bind_null(st, i);
		break;
	case FA_PARAM_NUMBER:
		if (fa_value_decimal(&v, text, len, 6, &why) == 0)
			fa_db_bind_double(st, i, (double)v / 1e6);
		else
			fa_db_bind_null(st, i);
		break;
	default:
		fa_db_bind_text(st, i, text, len);
		break;
	}
}

/* Create every rule-set table as rs_<name> in the writable db. */
static enum fa_code create_rs_tables(struct fa_db *db,
				     const struct fa_rulesets *sets,
				     struct fa_error *err)
{
	char sql[4096], name[160];
	enum fa_code rc = FA_OK;
	size_t s, t, c, r;

	for (s = 0; rc == FA_OK && s < sets->n; s++) {
		const struct fa_ruleset *rs = sets->sets[s];

		for (t = 0; rc == FA_OK && t < rs->n_tables; t++) {
			const struct fa_table *tb = &rs->tables[t];
			struct fa_stmt *ins = NULL;
			size_t off;
			int row;

			rs_name(name, sizeof(name), tb->name);
			off = (size_t)snprintf(sql, sizeof(sql),
					       "DROP TABLE IF EXISTS %s; "
					       "CREATE TABLE %s (valid_from "
					       "TEXT, valid_until TEXT",
					       name, name);
			for (c = 0; c < tb->n_columns && off < sizeof(sql); c++)
				off += (size_t)snprintf(
				    sql + off, sizeof(sql) - off, ", %s %s",
				    tb->columns[c].name,
				    sql_type(tb->columns[c].type));
			if (off + 3 >= sizeof(sql))
				return fa_error_add(err, FA_ERR_INTERNAL, NULL,
						    0, 0,
						    "table '%s' has too many "
						    "columns",
						    tb->name);
			memcpy(sql + off, ")", 2);
			rc = fa_db_exec(db, sql, err);
			if (rc != FA_OK)
				break;
			off = (size_t)snprintf(sql, sizeof(sql),
					       "INSERT INTO %s VALUES (?, ?",
					       name);
			for (c = 0; c < tb->n_columns && off < sizeof(sql); c++)
				off += (size_t)snprintf(
				    sql + off, sizeof(sql) - off, ", ?");
			if (off + 3 >= sizeof(sql))
				return fa_error_add(err, FA_ERR_INTERNAL, NULL,
						    0, 0, "table too wide");
			memcpy(sql + off, ")", 2);
			rc = fa_db_prepare(&ins, db, sql, err);
			for (r = 0; rc == FA_OK && r < tb->n_rows; r++) {
				const struct fa_table_row *tr = &tb->rows[r];

				fa_db_bind_text(ins, 1, tr->from,
						strlen(tr->from));
				if (tr->until[0])
					fa_db_bind_text(ins, 2, tr->until,
							strlen(tr->until));
				else
					fa_db_bind_null(ins, 2);
				for (c = 0; c < tb->n_columns; c++)
					bind_cell(ins, (int)c + 3,
						  tb->columns[c].type,
						  tr->cells[c]);
				rc = fa_db_step(&row, ins, err);
				fa_db_reset(ins);
			}
			fa_db_finalize(ins);
		}
	}
	return rc;
}

static uint64_t evidence_rows(const struct fa_evidence *ev)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; ev && i < ev->n_tables; i++)
		n += ev->tables[i].rows;
	return n;
}

/* The time limit per rule without --rule-timeout: FA_EVAL_SECONDS_BASE
 * plus FA_EVAL_SECONDS_PER_MROW per million evidence rows, in whole
 * seconds (rounded up). */
static double default_seconds(const struct fa_evidence *ev)
{
	double t = FA_EVAL_SECONDS_BASE +
		   FA_EVAL_SECONDS_PER_MROW * (double)evidence_rows(ev) / 1e6;
	double whole = (double)(unsigned long long)t;

	return whole < t ? whole + 1 : whole;
}

/*
 * Make rs tables in rw, then open the runner's read-only connection on the
 * same file with the functions and the sandbox.
 */
enum fa_code fa_eval_runner_open(struct runner *r, struct fa_db *rw,
				 struct fa_error *err)
{
	enum fa_code rc;

	rc = create_rs_tables(rw, r->sets, err);
	/* rw stays idle while the checks run: its cache of the load is
	 * memory the readers can use */
	fa_db_release_memory(rw);
	if (rc == FA_OK)
		rc = fa_eval_runner_connect(r, fa_db_path(rw), err);
	return rc;
}

enum fa_code fa_eval_runner_connect(struct runner *r, const char *path,
				    struct fa_error *err)
{
	enum fa_code rc;

	rc = fa_db_open_readonly(&r->ro, path, err);
	if (rc == FA_OK)
		rc =
		    fa_db_create_function(r->ro, "param", -1, fn_param, r, err);
	if (rc == FA_OK)
		rc = fa_db_create_function(r->ro, "param_firm", -1,
					   fn_param_firm, r, err);
	if (rc == FA_OK)
		rc = fa_db_create_function(r->ro, "audit_date", 0,
					   fn_audit_date, r, err);
	if (rc == FA_OK)
		rc = fa_db_create_function(r->ro, "fmt_money", 2, fn_fmt_money,
					   r, err);
	if (rc == FA_OK)
		rc = fa_db_create_function(r->ro, "fmt_num", 3, fn_fmt_num, r,
					   err);
	if (rc == FA_OK)
		rc = fa_db_create_mark_functions(
		    r->ro, "fa_lazy_outcome", "fa_lazy_counted",
		    counted_outcomes,
		    sizeof(counted_outcomes) / sizeof(counted_outcomes[0]),
		    err);
	if (rc == FA_OK) {
		r->max_steps = FA_EVAL_STEPS_BASE +
			       FA_EVAL_STEPS_PER_ROW * evidence_rows(r->ev);
		if (r->max_seconds <= 0)
			r->max_seconds = default_seconds(r->ev);
		r->max_findings = fa_resource_rule_findings();
		fa_db_sandbox(r->ro, allowed_functions, N_ALLOWED, r->max_steps,
			      r->max_seconds);
	}
	return rc;
}

int fa_eval_table_named(const struct fa_table *tb, const char *sql)
{
	char name[160];

	rs_name(name, sizeof(name), tb->name);
	return strstr(sql, name) != NULL;
}

/*
 * Flags for rule-set tables of low confidence that the check names
 * (rs_<name> appearing in its text).
 */
unsigned fa_eval_table_flags(const struct fa_rulesets *sets, const char *sql)
{
	unsigned flags = 0;
	size_t s, t;

	for (s = 0; s < sets->n; s++)
		for (t = 0; t < sets->sets[s]->n_tables; t++) {
			const struct fa_table *tb = &sets->sets[s]->tables[t];

			if (fa_eval_table_named(tb, sql))
				flags |=
				    fa_eval_confidence_flags(tb->confidence);
		}
	return flags;
}
