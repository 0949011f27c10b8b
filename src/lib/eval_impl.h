/* SPDX-License-Identifier: MIT */
/*
 * Private to the evaluation's files (eval.c and the eval_*.c beside it):
 * the runner that executes checks on a sandboxed connection, and the
 * finding list it fills. Not part of the library's API.
 */
#ifndef FA_EVAL_IMPL_H
#define FA_EVAL_IMPL_H

#include <stdatomic.h>

#include "eval.h"
#include "numfmt.h"

/* The bytes of the findings an audit keeps (as finding_bytes in eval.c
 * counts them), shared by its threads, and their limit. */
struct kept {
	atomic_ullong bytes;
	unsigned long long limit;
};

struct runner {
	const struct fa_sample *sample; /* NULL: every worker */
	const struct fa_rulesets *sets;
	int keep_all;		 /* keep pass and n/a findings */
	const char *const *keep; /* ... of these rules or rule sets */
	size_t n_keep;
	struct fa_evidence *ev; /* NULL for lint and tests */
	struct fa_db *ro;
	char audit_date[FA_DATE_LEN];
	unsigned flags; /* FA_FINDING_* seen by param() in a rule */
	/* a rule test's assumed parameter values (NULL, 0 in an audit) */
	const struct fa_test_assume *assume;
	size_t n_assume;
	uint64_t max_steps;
	double max_seconds;  /* per rule; 0 until the connection opens */
	size_t max_findings; /* per rule */
	struct kept *kept;   /* NULL: not counted (lint, rule tests) */
	/* the run of the rule being checked, whose values param() notes,
	 * or NULL (lint); values_cap: room in run->values */
	struct fa_rule_run *run;
	size_t values_cap;
	int nomem;		 /* param() could not note a value */
	char fmt[FA_NUMFMT_LEN]; /* the text fmt_money() or fmt_num() returns */
};

struct list {
	struct fa_finding *v;
	size_t n, cap;
};

/* Result columns of the current row, by name. */
struct row {
	struct fa_stmt *st;
	int n;
	const char *names[FA_EVAL_MAX_COLUMNS];
};

/* 1 if rule judges a deviation (not an observation) on a reading of its
 * norm of confidence U or NF: none of its failures is firm. */
int fa_eval_reading_uncertain(const struct fa_rule *rule);
/* Free the contents of a finding. */
void fa_eval_finding_release(struct fa_finding *f);
/* Run one rule, appending its findings to l (see eval.c). */
enum fa_code fa_eval_run_rule(struct runner *r, const struct fa_rule *rule,
			      struct list *l, struct fa_rule_run *run,
			      struct fa_error *err);
/* Column name of the current row: its text (NULL for SQL NULL); *found
 * says whether the column exists. */
const char *fa_eval_row_get(const struct row *row, const char *name,
			    int *found);
/* Free what run holds (its fact names). */
void fa_eval_run_release(struct fa_rule_run *run);
/* Drop findings from the end of l until n are left. */
void fa_eval_list_truncate(struct list *l, size_t n);
/* FA_ERR_USAGE for a name in names that is no rule or rule set. */
enum fa_code fa_eval_check_names(const struct fa_rulesets *sets,
				 const char *const *names, size_t n,
				 struct fa_error *err);
/* 1 if the rule or its set is named in names. */
int fa_eval_named(const struct fa_rule *rule, const char *const *names,
		  size_t n);
/* The rule's effective-from date, or its set's ("" if none). */
const char *fa_eval_rule_from(const struct fa_rule *rule);
/* A db diagnostic without the db layer's prefix. */
const char *fa_eval_sql_message(const struct fa_error *e);

/* FA_FINDING_UNCERTAIN for U, FA_FINDING_PLACEHOLDER for NF, else 0. */
unsigned fa_eval_confidence_flags(enum fa_confidence c);

/* ---- the connection a check runs on (eval_conn.c) ------------------------ */

/* Make rs tables in rw, then open r's read-only sandboxed connection. */
enum fa_code fa_eval_runner_open(struct runner *r, struct fa_db *rw,
				 struct fa_error *err);
/* Open r's read-only sandboxed connection on the database at path, whose
 * rs tables exist (another runner of the same audit). */
enum fa_code fa_eval_runner_connect(struct runner *r, const char *path,
				    struct fa_error *err);
/* Those flags of the rule-set tables that the SQL names (rs_<name>). */
unsigned fa_eval_table_flags(const struct fa_rulesets *sets, const char *sql);
/* 1 if the SQL names the rule-set table tb (rs_<name>). */
int fa_eval_table_named(const struct fa_table *tb, const char *sql);

/* ---- the query rewrite (eval_plan.c) ------------------------------------ */

/*
 * Replace *st, check just prepared on ro (row names its columns), by check
 * wrapped so that a row the audit only counts (pass, n/a) computes its
 * outcome alone, if SQLite merges check into the wrapper; row then names
 * the wrapper's columns (the outcome first, the others in the check's
 * order). Else, or if the wrapper cannot be made, *st and row stay as
 * they are. need_subject: counted rows keep their subject too (to check
 * it against a sample). ro must have fa_lazy_outcome and fa_lazy_counted
 * (fa_db_create_mark_functions).
 */
void fa_eval_prepare_lazy(struct fa_stmt **st, struct fa_db *ro,
			  const char *check, struct row *row, int need_subject);
/*
 * 1 if SQLite merges the subquery named alias into the query sql on db:
 * the query plan (EXPLAIN QUERY PLAN) then no longer names alias. 0 if it
 * names it, or if the plan cannot be read (out of memory, sql does not
 * prepare, the plan has no detail column). See eval_plan.c on reading a
 * text SQLite documents as subject to change.
 */
int fa_eval_plan_merged(struct fa_db *db, const char *sql, const char *alias);

/* ---- what a rule may cost (eval_limit.c) ------------------------------- */

/* The bytes of s[0..n) a finding keeps: at most FA_EVAL_MAX_TEXT_BYTES,
 * never splitting a UTF-8 character. */
size_t fa_eval_kept_len(const char *s, size_t n);
/* What follows a text that was cut, n its full length, into buf. */
void fa_eval_truncated_mark(char *buf, size_t size, size_t n);
/* A finding's copy of a check's text s (NULL for NULL): cut and marked
 * when longer than FA_EVAL_MAX_TEXT_BYTES. NULL also out of memory. */
char *fa_eval_kept_text(const char *s);
/*
 * Count finding f, just added for rule, against r's findings budget (and
 * into *rule_bytes, to give back if the rule's findings are dropped).
 * FA_OK, or FA_ERR_NOMEM with a message naming the rule when the findings
 * kept pass their part of the memory limit.
 */
enum fa_code fa_eval_count_kept(struct runner *r, const struct fa_rule *rule,
				const struct fa_finding *f,
				unsigned long long *rule_bytes,
				struct fa_error *err);
/* FA_ERR_NOMEM for rule's check, which SQLite could not give the memory
 * it asked for, with a message naming the rule (and the limit, if the
 * limit refused it). */
enum fa_code fa_eval_check_nomem(const struct fa_rule *rule,
				 struct fa_error *err);
/* The Dutch and English messages of a rule stopped by r's time limit
 * after seconds, or with more findings than one rule may keep. */
void fa_eval_timeout_messages(char *nl, char *en, size_t size,
			      const struct runner *r, double seconds);
void fa_eval_too_many_messages(char *nl, char *en, size_t size,
			       const struct runner *r);

/* ---- what a check read (eval_read.c) ----------------------------------- */

/* Note that the check of r->run read value v of p (once; nothing without
 * a run). 0, or -1 out of memory (r->nomem is set). */
int fa_eval_note_value(struct runner *r, const struct fa_param *p,
		       const struct fa_param_value *v);
/* Note the rule-set tables that sql names, then sort r->run->values
 * (parameters by name and date, then tables by name). 0, or -1 out of
 * memory. */
int fa_eval_note_tables(struct runner *r, const char *sql);
/* Drop the values noted in run. */
void fa_eval_forget_values(struct fa_rule_run *run);

#endif
