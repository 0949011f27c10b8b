/* SPDX-License-Identifier: MIT */
/*
 * Evaluation: run the rules of loaded rule sets against an evidence
 * database for an audit date, giving findings; lint rule sets against the
 * evidence schema; run the rules' own tests. Checks run on a read-only,
 * sandboxed connection (db.h) with the rule-set functions param() and
 * audit_date() and the rule-set tables as rs_<name>. No file I/O besides
 * the evidence database. Uses db, evidence, ruleset, value.
 */
#ifndef FA_EVAL_H
#define FA_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "evidence.h"
#include "ruleset.h"
#include "sample.h"

enum fa_outcome {
	FA_OUTCOME_PASS = 0,
	FA_OUTCOME_FAIL,
	FA_OUTCOME_NA,	   /* not applicable */
	FA_OUTCOME_REVIEW, /* needs a person's judgement */
	FA_OUTCOME_ERROR,  /* the rule could not run: never silent */
	/* the rule did not run: a table its check reads was not supplied
	 * (struct fa_rule_run.missing), so it had nothing to judge by */
	FA_OUTCOME_NOT_CHECKED,
};
#define FA_OUTCOME_COUNT 6

/*
 * Finding flags. UNCERTAIN: the result rests on a parameter of confidence
 * U; PLACEHOLDER: on a parameter or table of confidence NF; SAMPLED: the
 * finding comes from a sample of personnel files (inspection mode);
 * SOFTENED: below.
 */
#define FA_FINDING_UNCERTAIN 0x1u
#define FA_FINDING_PLACEHOLDER 0x2u
#define FA_FINDING_SAMPLED 0x4u
/* The check failed the subject, but on a U or NF value (its "firm" column
 * was not 1): reported as needs review (norms.md 11.5). */
#define FA_FINDING_SOFTENED 0x8u

/*
 * A parameter value or rule-set table that a check read: what its result
 * rests on, with the confidence the rule set gives it (norms.md: P primary
 * source, S secondary, U uncertain, NF not found; from firm to weak, the
 * order of enum fa_confidence). Borrowed from the rule sets.
 */
struct fa_value_read {
	const struct fa_param *param;	    /* NULL for a table */
	const struct fa_param_value *value; /* the value param() returned */
	const struct fa_table *table;	    /* NULL for a parameter */
	enum fa_confidence confidence;	    /* the value's, or the table's */
};

/*
 * A result column beyond the standard ones, e.g. "stars" = "4". A money
 * fact (fa_fact_is_money: its name ends in "_cents") that is not NULL
 * holds its value as cents: the check returned an INTEGER, or a text
 * that is exactly a whole number, within 64 bits; value is then that
 * number written out ("-1250"). Any other value of a money fact makes the
 * row's finding an error (fa_eval_run), so no money is read from text
 * after the check returned it.
 */
struct fa_fact {
	char *name;
	char *value;   /* NULL for SQL NULL */
	int64_t cents; /* a money fact's value; 0 for any other */
};

/*
 * An inspector's decision on a finding, from the audit store
 * (store_judge.c): the finding's outcome is the decided one, its
 * severity this one's, and was what the check gave. Borrowed from the
 * audit that applied it.
 */
struct fa_judged {
	char *key;		   /* RULE-ID/SUBJECT as judged */
	char *verdict;		   /* "accept", "deviation", "not-applicable" */
	enum fa_severity severity; /* the rule's, or the one decided */
	enum fa_outcome was;	   /* the check's outcome */
	char *note, *by, *at;	   /* at: when recorded, UTC */
	char *source;		   /* "command line", or FILE:LINE */
	int applied; /* 0: the run has no open finding of that key */
};

/*
 * A member's waiver (docs/waivers.md) as the audit store applies it to a
 * run on its audit date: an approved exception for one rule's subjects.
 * Borrowed from the audit that applied it.
 */
struct fa_waived {
	char *id, *rule_id, *approver, *reason, *basis;
	char from[FA_DATE_LEN], until[FA_DATE_LEN];
	const char *state;	   /* "active", "not_yet", "expired" (static) */
	size_t n_waived;	   /* open findings it waives */
	size_t n_covered_inactive; /* it covers, but does not waive */
	int orphan;		   /* it matches no open finding */
};

struct fa_finding {
	const struct fa_rule *rule; /* borrowed from the rule sets */
	char *subject;		    /* "*" for a finding about the whole rule */
	enum fa_outcome outcome;
	char *observed; /* may be NULL */
	char *expected;
	char *detail;
	/* the same in Dutch, when the check returns observed_nl,
	 * expected_nl, detail_nl (NULL: not given; the report then shows
	 * the column above) */
	char *observed_nl;
	char *expected_nl;
	char *detail_nl;
	struct fa_text message; /* rendered templates; a template without
				 * placeholders is the rule's own text
				 * (borrowed, as rule is) */
	struct fa_text remedy;
	struct fa_text question;    /* for review: what to ask or look at */
	char deadline[FA_DATE_LEN]; /* repair deadline of a fail, or "" */
	char *ref_file;		    /* evidence file, or NULL */
	unsigned long ref_line;	    /* line in ref_file; in a rule test,
				     * in the rule-set file */
	char *ref_table;	    /* the check's ref_table, or NULL */
	char *ref_sha256;	    /* of ref_file when it is a document */
	unsigned flags;
	/*
	 * The weakest confidence among the values its rule's check read
	 * (struct fa_rule_run.values: for all subjects, since SQLite may
	 * compute a row's columns before it returns the row, so a call of
	 * param() cannot be told apart by row); for a failure that stays a
	 * failure, among those of confidence P and S only, which is what it
	 * rests on (a failure on a U or NF value becomes needs review). It
	 * errs on the side of doubt. Meaningful only when reads_values is
	 * 1; 0: the check read no parameter or rule-set table (or the rule
	 * did not run). The rule's own confidence, how sure the reading of
	 * the norm is, is rule->confidence.
	 */
	enum fa_confidence value_confidence;
	int reads_values;
	/*
	 * The check's other result columns, in column order (report summaries
	 * read them: "location", "amount_cents", "stars", ...).
	 */
	size_t n_facts;
	struct fa_fact *facts;
	/* the inspector's decision, or NULL (borrowed: see struct
	 * fa_judged) */
	const struct fa_judged *judged;
	/* the active waiver that waives this open finding, or NULL */
	const struct fa_waived *waived;
};

/* The finding's severity: a judgement's, else its rule's. */
enum fa_severity fa_finding_severity(const struct fa_finding *f);

/* The value of fact name of f, or NULL (absent or SQL NULL). */
const char *fa_finding_fact(const struct fa_finding *f, const char *name);
/* 1 if fact name of f is money and not NULL, its cents in *out; else 0
 * (absent, NULL, or not money). */
int fa_finding_cents(int64_t *out, const struct fa_finding *f,
		     const char *name);
/* 1 if a fact of that name is money: the name ends in "_cents". */
int fa_fact_is_money(const char *name);

/* Room for the evidence tables a check may read and find missing: at least
 * fa_schema_count() (a unit test holds them in step). */
#define FA_EVAL_MAX_MISSING 16

/* How each selected rule went. */
struct fa_rule_run {
	const struct fa_rule *rule;
	int in_force; /* 0: not in force on the audit date */
	int error;    /* 1: the rule could not run, or returned an invalid
		       * outcome for some subject */
	/* The evidence tables its check reads that the package does not
	 * supply (their names, borrowed from the schema), in schema order;
	 * when there are any, the rule did not run: one finding, outcome
	 * FA_OUTCOME_NOT_CHECKED. */
	const char *missing[FA_EVAL_MAX_MISSING];
	size_t n_missing;
	double seconds; /* time spent in its check */
	size_t n_findings;
	size_t counts[FA_OUTCOME_COUNT];
	unsigned flags; /* FA_FINDING_* of any of its findings */
	/* the names of the facts its check returns (its columns besides the
	 * standard ones), whether or not a finding was kept */
	char **facts;
	size_t n_facts;
	/*
	 * What its check read: each parameter value that param() returned,
	 * once, by parameter name and then date, followed by each rule-set
	 * table the check names (rs_<name>), by name. Without keep_all a
	 * passing row computes only its outcome, so a value read only for
	 * the other columns of passing rows is not listed. Empty when the
	 * rule did not run (not in force, or an error).
	 */
	struct fa_value_read *values;
	size_t n_values;
};

/* 1 if the check of the rule of run returns the fact name. */
int fa_rule_run_has_fact(const struct fa_rule_run *run, const char *name);

/*
 * The weakest confidence among run's values into *out (with firm_only,
 * among those of confidence P and S). Returns 1, or 0 (and *out is
 * FA_CONF_P) when there is none.
 */
int fa_rule_run_weakest(enum fa_confidence *out, const struct fa_rule_run *run,
			int firm_only);

struct fa_eval_options {
	const char *audit_date;	 /* NULL: the package's period end */
	const char *const *only; /* rule ids or rule-set ids, or NULL */
	size_t n_only;
	const char *const *skip; /* rule ids or rule-set ids */
	size_t n_skip;
	/*
	 * Keep pass and not-applicable findings too. Without it they are only
	 * counted (struct fa_rule_run.counts): a rule per pay period returns
	 * millions of passing rows on a large package.
	 */
	int keep_all;
	/* Rule ids or rule-set ids whose pass and n/a findings are kept
	 * (as for a rule with keep="all"). */
	const char *const *keep;
	size_t n_keep;
	/*
	 * Inspection mode: only these workers' personnel files are judged.
	 * Findings of worker and pay-period rules are kept and counted for
	 * sampled workers only (the subject up to its first '/' is the
	 * employee number) and flagged FA_FINDING_SAMPLED. NULL: everyone.
	 */
	const struct fa_sample *sample;
	/*
	 * Wall-clock seconds one rule's check may take; beyond them it is
	 * stopped and becomes an error finding. 0: FA_EVAL_SECONDS_BASE plus
	 * FA_EVAL_SECONDS_PER_MROW per million evidence rows.
	 */
	double rule_timeout;
	/* Called before each rule runs (done of total, the rule's id), for
	 * a progress display; NULL for none. */
	void (*progress)(void *ctx, size_t done, size_t total,
			 const char *rule_id);
	void *progress_ctx;
	/*
	 * Threads to run the rules on: 0 for one per processor, else this
	 * many (1: one rule after the other on the calling thread); at most
	 * FA_EVAL_MAX_THREADS, and never more than there are rules.
	 */
	size_t threads;
};

struct fa_eval {
	char audit_date[FA_DATE_LEN];
	size_t n_findings;
	/* in rule order; a rule's in the order of its check's ORDER BY, or
	 * without one by evidence reference (file, line), then subject;
	 * passes and n/a only with keep_all (or kept rules) */
	struct fa_finding *findings;
	size_t n_runs;
	struct fa_rule_run *runs;
	size_t counts[FA_OUTCOME_COUNT]; /* over all rows, kept or not */
	size_t n_major_fail, n_minor_fail;
	/* the memory the findings hold, as counted against their part of
	 * the memory limit (resource.h) */
	uint64_t findings_bytes;
};

/*
 * Run every selected rule of sets on ev. *out is the caller's
 * (fa_eval_free). Rule problems (SQL errors, missing parameter values,
 * sandbox refusals, the step budget, the time limit, more findings than
 * one rule may keep) become error findings, not failures of this
 * function; so does a row with an invalid outcome or a money fact that is
 * not whole cents within 64 bits (its subject's finding is the error); it fails
 * only for bad options (FA_ERR_USAGE: an invalid date, an unknown rule id in
 * only/skip, more threads than FA_EVAL_MAX_THREADS), FA_ERR_NOMEM (out of
 * memory, or a part of the memory limit (resource.h) reached: SQLite's heap or
 * the findings kept; the message names the rule) or FA_ERR_INTERNAL.
 */
enum fa_code fa_eval_run(struct fa_eval **out, struct fa_evidence *ev,
			 const struct fa_rulesets *sets,
			 const struct fa_eval_options *opt,
			 struct fa_error *err);
void fa_eval_free(struct fa_eval *e);

/* The run of rule in e (e may be NULL), or NULL if the rule was not
 * selected. */
const struct fa_rule_run *fa_eval_rule_run(const struct fa_eval *e,
					   const struct fa_rule *rule);

/*
 * Prepare every check against an empty evidence database: SQL errors,
 * result columns (subject, outcome, observed, expected required) and
 * template placeholders that are not result columns are reported as
 * file:line: rule 'ID': message (FA_ERR_INPUT), all at once.
 */
enum fa_code fa_eval_lint(const struct fa_rulesets *sets, struct fa_error *err);

/* The result of one rule test. */
struct fa_test_result {
	const struct fa_rule *rule;
	const struct fa_rule_test *test;
	int passed;
	char *detail; /* why it failed, or NULL: "subject 'W1': expected
		       * pass, got fail (observed ...)" */
};

/*
 * Run the tests of every rule (selected by only, as in fa_eval_run, or all
 * when n_only is 0). *out (n entries) is the caller's
 * (fa_eval_tests_free). Returns FA_OK even when tests fail; test data that
 * cannot load is a failed test with its located message in detail.
 */
enum fa_code fa_eval_test(struct fa_test_result **out, size_t *n,
			  const struct fa_rulesets *sets,
			  const char *const *only, size_t n_only,
			  struct fa_error *err);
void fa_eval_tests_free(struct fa_test_result *r, size_t n);

const char *fa_outcome_name(enum fa_outcome o); /* "pass", "needs review" */
const char *fa_outcome_key(enum fa_outcome o);	/* "pass", "review" */
/* The outcome whose key is key into *out: 0, or -1 (none). */
int fa_outcome_from_key(enum fa_outcome *out, const char *key);

#endif
