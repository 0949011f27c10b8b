/* SPDX-License-Identifier: MIT */
/*
 * Comparing two rule sets' norms: parameters that express the same norm
 * share a concept key; on a date, each concept's values are lined up, the
 * stricter side named (from the parameters' limit: min or max) and the date
 * since which that relation holds found. Rules whose checks read
 * parameters of a shared concept, with the same scope, are paired; in an
 * evaluation, the subjects on which a pair disagrees (one passes, the
 * other fails) are the norm mismatches. Uses the rule-set model, sqlscan
 * (the param() calls of a check) and the findings of eval; never runs SQL.
 */
#ifndef FA_COMPARE_H
#define FA_COMPARE_H

#include <stddef.h>

#include "error.h"
#include "eval.h"
#include "ruleset.h"

enum fa_relation {
	FA_REL_EQUAL = 0,
	FA_REL_LEFT_STRICTER,
	FA_REL_RIGHT_STRICTER,
	FA_REL_DIFFERENT, /* values differ, no limit says which is stricter */
	FA_REL_ONLY_LEFT, /* only the left set has a value on the date */
	FA_REL_ONLY_RIGHT,
	FA_REL_NEITHER, /* the concept exists, neither has a value then */
};

struct fa_comparison {
	const char *concept;	     /* borrowed from a parameter */
	const struct fa_param *left; /* NULL: the set lacks the concept */
	const struct fa_param *right;
	const struct fa_param_value *lv; /* value on the date, or NULL */
	const struct fa_param_value *rv;
	enum fa_relation relation;
	char since[FA_DATE_LEN]; /* first day of this relation */
};

/*
 * Compare the concepts of rule sets left_id and right_id (loaded in sets)
 * on date (ISO). *out (n entries, sorted by concept) is the caller's
 * (free()); its pointers borrow from sets. FA_ERR_USAGE for an unknown set
 * id or an invalid date.
 */
enum fa_code fa_compare(struct fa_comparison **out, size_t *n,
			const struct fa_rulesets *sets, const char *left_id,
			const char *right_id, const char *date,
			struct fa_error *err);

/* "equal", "left stricter", ... */
const char *fa_relation_name(enum fa_relation r);

/* ---- norm mismatches: paired rules that disagree on a subject ---------- */

enum fa_mismatch_kind {
	/* passes the left set's rule, fails the right's (e.g. passes the
	 * CAO, fails SNF: missed by an auditor relying on the SNF mark) */
	FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS = 0,
	/* the reverse (fails the CAO, passes SNF: the drift) */
	FA_MISMATCH_LEFT_FAILS_RIGHT_PASSES,
};

/* One subject on which two paired rules disagree. Borrowed pointers into
 * the rule sets and the evaluation. */
struct fa_mismatch {
	const char *concept;		/* the shared concept key */
	const struct fa_finding *left;	/* the left rule's finding */
	const struct fa_finding *right; /* the right rule's finding */
	enum fa_mismatch_kind kind;
};

/*
 * A rule of the left set and a rule of the right set that judge the same
 * norm: their checks call param() on parameters (of any loaded set) with
 * at least one concept key in common, and they have the same scope, so
 * that their subjects name the same things (a room id, a location id).
 */
struct fa_rule_pair {
	const char *concept; /* the first shared concept key in byte order */
	size_t n_concepts;   /* how many concept keys they share (>= 1) */
	const struct fa_rule *left;
	const struct fa_rule *right;
};

/*
 * The rule pairs of rule sets left_id and right_id (loaded in sets),
 * sorted by concept, then left rule id, then right rule id. A rule may be
 * in several pairs. *out (n entries; NULL when n is 0) is the caller's
 * (free()); its pointers borrow from sets. Returns FA_OK, FA_ERR_USAGE
 * ("no rule set 'X' is loaded") or FA_ERR_NOMEM.
 */
enum fa_code fa_compare_rule_pairs(struct fa_rule_pair **out, size_t *n,
				   const struct fa_rulesets *sets,
				   const char *left_id, const char *right_id,
				   struct fa_error *err);

/*
 * The rule pairs of every comparison the loaded sets declare
 * (<mismatches against="ID"/>: the declaring set left, ID right), in the
 * order of sets and declarations, each comparison sorted as by
 * fa_compare_rule_pairs. A declaration naming a set that is not loaded
 * gives no pairs. *out (n entries; NULL when n is 0) is the caller's
 * (free()). Returns FA_OK or FA_ERR_NOMEM.
 */
enum fa_code fa_compare_declared_pairs(struct fa_rule_pair **out, size_t *n,
				       const struct fa_rulesets *sets,
				       struct fa_error *err);

/*
 * The distinct rule ids of pairs (each pair's left, then its right), in
 * pair order: what to give fa_eval_options.only and .keep. *out (n
 * entries; NULL when n is 0) is the caller's (free()); the strings borrow
 * from the rule sets. Returns FA_OK or FA_ERR_NOMEM.
 */
enum fa_code fa_compare_pair_rule_ids(const char ***out, size_t *n,
				      const struct fa_rule_pair *pairs,
				      size_t n_pairs, struct fa_error *err);

/*
 * The norm mismatches of e: for each pair, every subject (matched exactly,
 * byte for byte) that the left rule passes and the right rule fails, or
 * the reverse. A failure on an uncertain or placeholder value, reported
 * as needs review (FA_FINDING_SOFTENED), counts as a failure here: the
 * norms disagree whatever the confidence of their values. Subjects that
 * either rule does not judge as pass or fail (not applicable, other needs
 * review, error, absent) are not mismatches; a
 * subject a rule returns twice is matched on its first finding. Sorted by
 * concept, left rule id, right rule id, then subject. *out (n entries;
 * NULL when n is 0) is the caller's (free()); its pointers borrow from e
 * and from the rule sets, and live as long as both.
 *
 * e must hold the paired rules' passes (fa_eval_options.keep naming them,
 * or keep_all): a paired rule that counted more passes than it kept
 * gives FA_ERR_USAGE ("the passes of rule 'X' were not kept"), since its
 * mismatches would be silently missing. Pairs whose rules did not run in
 * e give none. Returns FA_OK, FA_ERR_USAGE or FA_ERR_NOMEM.
 */
enum fa_code fa_compare_mismatches(struct fa_mismatch **out, size_t *n,
				   const struct fa_eval *e,
				   const struct fa_rule_pair *pairs,
				   size_t n_pairs, struct fa_error *err);

/*
 * Keep, in order, the pairs whose two rules both ran in e (selected, in
 * force on its audit date, no error); returns how many are left. A report
 * shows no mismatch section rather than a false "none" for pairs that
 * --rule, --skip-rule or effective dates left out.
 */
size_t fa_compare_pairs_that_ran(struct fa_rule_pair *pairs, size_t n,
				 const struct fa_eval *e);

/* "left passes, right fails" or "left fails, right passes". */
const char *fa_mismatch_kind_name(enum fa_mismatch_kind k);
/* Stable values for JSON: "left-passes-right-fails" or
 * "left-fails-right-passes". */
const char *fa_mismatch_kind_key(enum fa_mismatch_kind k);

/* ---- the compare command: fa_compare_run (compare_run.c) ---------------- */

/*
 * The norms of rule sets left and right on each date and, with a package,
 * the rules paired by a shared concept run on it and their mismatches.
 * Owns everything but the rule sets it was made from, which must outlive
 * it (fa_compare_result_free).
 */
struct fa_compare_result {
	char *left, *right; /* the rule-set ids */
	size_t n_dates;
	char **dates;
	struct fa_comparison **per_date; /* per date, counts[d] of them, */
	size_t *counts;			 /* sorted by concept */
	/* with a package; else all NULL and 0 */
	char *package;		/* its path as given */
	struct fa_evidence *ev; /* loaded */
	struct fa_eval *e;	/* the paired rules on dates[0]; NULL without
				 * pairs */
	struct fa_rule_pair *pairs;
	size_t n_pairs;
	const char **ids; /* the paired rules' ids */
	size_t n_ids;
	struct fa_mismatch *mismatches;
	size_t n_mismatches;
};

#endif
