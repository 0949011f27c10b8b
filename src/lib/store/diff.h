/* SPDX-License-Identifier: MIT */
/*
 * What changed between two audits: the open findings of two runs (or two
 * JSON reports) matched by their stable key RULE-ID/SUBJECT, each called
 * new, resolved, persisting, changed or not rechecked, and grouped per
 * requirement as the report counts deviations (report_group.c: one rule,
 * and for a housing rule one location). docs/diff.md has the rules, the
 * output and examples.
 *
 * diff.c is pure: it reads the two sides it is given and writes only to
 * the stream it is given (the text listing). The JSON listing and the
 * reading of a JSON report are json_diff.c's, the JSON module's (the only
 * callers of jansson); their contracts are here, with the model.
 *
 * The rules, exactly:
 * - Only open findings count: outcome "fail" or "review". "error" and
 *   "not_checked" are trouble of the rule, not of the subject (see NOT
 *   RECHECKED); "pass" and "na" are not open.
 * - NEW: open in B, and not open in A (absent from A, or any other
 *   outcome there).
 * - RESOLVED: open in A, and in B the same key is "pass" or "na", or is
 *   absent while the rule ran in B (a fa_diff_rule of B with ran 1).
 * - NOT RECHECKED: open in A, and in B the key is absent and the rule did
 *   not run (absent from B's rules, or ran 0), or the key has any outcome
 *   but the open ones, "pass" and "na" ("error", "not_checked", an
 *   outcome unknown to this version): nothing can be said, and it is
 *   never counted as resolved.
 * - PERSISTING: open in both with the same outcome, severity and observed
 *   (two NULL observed are the same).
 * - CHANGED: open in both, but outcome, severity or observed differ
 *   ("review" in A and "fail" in B is changed).
 * A key open in neither side gives no entry. Strings compare bytewise.
 */
#ifndef FA_DIFF_H
#define FA_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* One finding of a run, as the diff sees it (all strings borrowed from the
 * caller). */
struct fa_diff_finding {
	const char *key; /* RULE-ID/SUBJECT, the stable key */
	const char *rule_id;
	const char *subject;
	/* the requirement's object: the location for housing rules
	 * (report_group.c object_of), or NULL */
	const char *object;
	/* "pass", "fail", "na", "review", "error", "not_checked"
	 * (fa_outcome_key) */
	const char *outcome;
	const char *severity;		 /* "major", "minor", "observation" */
	const char *observed, *expected; /* may be NULL */
	const char *deadline; /* repair deadline of a fail, or NULL */
	/* observed in Dutch, for the Dutch listing only (compared is
	 * observed), or NULL: the Dutch listing shows observed */
	const char *observed_nl;
};

/* How a rule went in a run, so that "absent" can be told from "not
 * checked". A rule id given more than once ran only if every entry says
 * so. */
struct fa_diff_rule {
	const char *rule_id;
	int ran; /* 1: in force, ran without error, all tables supplied */
};

/* One run. label ("run 12", a file name) and audit_date may be NULL. A key
 * given twice in one side is refused (FA_ERR_INPUT). */
struct fa_diff_side {
	const char *label;
	const char *audit_date;
	const struct fa_diff_finding *findings;
	size_t n_findings;
	const struct fa_diff_rule *rules;
	size_t n_rules;
};

/* Append-only, never renumbered: the values index counts[]. */
enum fa_diff_kind {
	FA_DIFF_NEW = 0,
	FA_DIFF_RESOLVED,
	FA_DIFF_PERSISTING,
	FA_DIFF_CHANGED,
	FA_DIFF_NOT_RECHECKED,
};
#define FA_DIFF_KINDS 5

/* a and b borrow from the sides; either may be NULL (absent there). A NEW
 * entry's a is A's finding when A had the key with an outcome that is not
 * open ("pass" → "fail"); a RESOLVED or NOT RECHECKED entry's b likewise. */
struct fa_diff_entry {
	enum fa_diff_kind kind;
	const struct fa_diff_finding *a, *b;
};

/* One requirement: a rule id and object (NULL: the rule as a whole), from
 * B's finding when an entry has one, else A's. */
struct fa_diff_requirement {
	const char *rule_id;
	const char *object;
	size_t n;
	struct fa_diff_entry *entries; /* n, by key */
	size_t counts[FA_DIFF_KINDS];
};

struct fa_diff {
	size_t n;
	/* n, by rule id, then object (NULL first), bytewise */
	struct fa_diff_requirement *reqs;
	size_t counts[FA_DIFF_KINDS]; /* over every requirement */
	/* the text listing counts persisting entries without listing them
	 * (the caller sets it; 0 from fa_diff_new): an audit a year on
	 * has thousands, and what changed is what the reader looks for */
	int hide_persisting;
	/* private: the entries, which reqs[i].entries point into */
	struct fa_diff_entry *all;
	size_t n_all;
};

/*
 * The differences from side a to side b (neither NULL), by the rules
 * above. *out is the caller's (fa_diff_free); its entries borrow the
 * sides' findings, which must outlive it. O(n log n) in the findings: each
 * side is sorted by key and the two merged. Returns FA_OK, FA_ERR_USAGE (a
 * finding without key, rule id or outcome), FA_ERR_INPUT (a key twice in
 * one side) or FA_ERR_NOMEM; *out is NULL on failure.
 */
enum fa_code fa_diff_new(struct fa_diff **out, const struct fa_diff_side *a,
			 const struct fa_diff_side *b, struct fa_error *err);

/* Free d and its lists (not the sides). Accepts NULL. */
void fa_diff_free(struct fa_diff *d);

/* "new", "resolved", "persisting", "changed", "not_rechecked": the kind's
 * stable key, for machine-readable output. */
const char *fa_diff_kind_key(enum fa_diff_kind k);

/*
 * d (made from a and b) as a listing for a terminal, in English or, with
 * nl, in Dutch: a header with both labels and audit dates, the counts, then
 * per requirement its entries, each with its kind, key and outcome,
 * severity and observed (in Dutch observed_nl where a finding has it) in A
 * and in B (docs/diff.md shows it). Control characters in the sides' text
 * are escaped. Writes only to out. Returns FA_OK, FA_ERR_IO (a write
 * failed) or FA_ERR_NOMEM (escaping a text).
 */
enum fa_code fa_diff_write_text(FILE *out, const struct fa_diff *d,
				const struct fa_diff_side *a,
				const struct fa_diff_side *b, int nl,
				struct fa_error *err);

/*
 * d (made from a and b) as a JSON document (docs/diff.md): keys in a fixed
 * order, indented by two spaces, ending in a newline. It holds keys, not
 * words, so it is the same in either language (nl is taken for symmetry
 * with fa_diff_write_text, and ignored). Built whole in memory, then
 * written. Returns FA_OK, FA_ERR_NOMEM
 * (nothing written) or FA_ERR_IO. In json_diff.c.
 */
enum fa_code fa_diff_write_json(FILE *out, const struct fa_diff *d,
				const struct fa_diff_side *a,
				const struct fa_diff_side *b, int nl,
				struct fa_error *err);

/* A side read from a JSON report: owns every string its side points to. */
struct fa_diff_loaded;

/*
 * Read the flexaudit JSON report at path (docs/report-json.md) as a side:
 * its label is path, its audit date cover.audit_date, its findings those
 * of every section's findings array, its rules those of the report's
 * rules array. What the report does not say outright is worked out as
 * docs/diff.md describes: a rule ran unless one of its findings is
 * "error" or "not_checked", or it may not have been in force (the report
 * counts rules not in force, and the rule has no finding and read no
 * value); a finding's object is its location_id fact, else its subject
 * when that is one of the report's housing locations, else NULL.
 * *out is the caller's (fa_diff_loaded_free). Returns FA_OK, FA_ERR_IO
 * (cannot open or read), FA_ERR_INPUT (not JSON, or not a flexaudit JSON
 * report: the message names the file and, for JSON syntax, line and
 * column, else the JSON path of the bad value), FA_ERR_LIMIT (larger than
 * FA_DIFF_JSON_MAX_BYTES) or FA_ERR_NOMEM. In json_diff.c.
 */
enum fa_code fa_diff_side_from_json(struct fa_diff_loaded **out,
				    const char *path, struct fa_error *err);

/* The side of a loaded report, borrowed from it for its lifetime. */
const struct fa_diff_side *fa_diff_loaded_side(const struct fa_diff_loaded *l);

/* Free a loaded report and every string of its side. Accepts NULL. */
void fa_diff_loaded_free(struct fa_diff_loaded *l);

#endif
