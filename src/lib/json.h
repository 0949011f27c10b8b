/* SPDX-License-Identifier: MIT */
/*
 * JSON output of the library's results. The only module that calls
 * jansson. Keys are stable: documented in docs/ and append-only.
 */
#ifndef FA_JSON_H
#define FA_JSON_H

#include "compare.h"
#include "error.h"
#include "eval.h"
#include "evidence.h"
#include "report.h"
#include "ruleset.h"

/*
 * The inspect summary of a loaded package as a JSON document (UTF-8,
 * indented, keys in a fixed order, ending in a newline). *out is the
 * caller's (free()).
 */
enum fa_code fa_json_inspect(char **out, struct fa_evidence *ev,
			     struct fa_error *err);

/* A rejected input: {"error": {"code": ..., "problems": [...]}}. */
enum fa_code fa_json_error(char **out, const struct fa_error *e);

/* The evidence schema as JSON (tables, columns, types, flags). */
enum fa_code fa_json_schema(char **out, struct fa_error *err);

/* The loaded rule sets: sets, parameters (with dated values), rules. */
enum fa_code fa_json_rules(char **out, const struct fa_rulesets *sets,
			   struct fa_error *err);

/* One rule in full: metadata, texts, check, tests. */
enum fa_code fa_json_rule(char **out, const struct fa_rule *r,
			  struct fa_error *err);

/* Rule test results: {"passed": n, "failed": n, "tests": [...]}. */
enum fa_code fa_json_tests(char **out, const struct fa_test_result *res,
			   size_t n, struct fa_error *err);

/*
 * The inspection report as a JSON document (docs/report-json.md, schema
 * docs/report-json.schema.json): cover, verdict, counts, cautions,
 * deviations, sections with their findings, housing, overcharges,
 * mismatches, checklist, data quality and annex, keys in a fixed order,
 * indented, ending in a newline. Money in integer cents, unknown numbers
 * null. Personal data ("person" on worker findings) only when the report
 * was built with reveal_personal. Written to out as it is made (a large
 * package's report is never held whole in memory). Returns FA_OK,
 * FA_ERR_NOMEM or FA_ERR_IO (a write failed).
 */
enum fa_code fa_json_write_report(FILE *out, const struct fa_report *r,
				  struct fa_error *err);

/* A comparison of two rule sets on one or more dates. */
enum fa_code fa_json_compare(char **out, const char *left, const char *right,
			     const char *const *dates, size_t n_dates,
			     struct fa_comparison *const *per_date,
			     const size_t *counts, struct fa_error *err);

/*
 * compare with a package: the document of fa_json_compare for the one
 * date (c, n entries), then "package" (path, sha256), "audit_date",
 * "pairs" (concept, shared_concepts, scope, and per side: rule, rule_set,
 * in_force, error, counts in e), "mismatch_counts"
 * (left_passes_right_fails, left_fails_right_passes) and "mismatches"
 * (concept, subject, kind: fa_mismatch_kind_key, and the left and right
 * findings as in the audit document). e may be NULL when n_pairs is 0.
 * *out is the caller's (free()). Returns FA_OK or FA_ERR_NOMEM.
 */
enum fa_code fa_json_compare_package(
    char **out, const char *left, const char *right, const char *date,
    const struct fa_comparison *c, size_t n, struct fa_evidence *ev,
    const struct fa_eval *e, const struct fa_rule_pair *pairs, size_t n_pairs,
    const struct fa_mismatch *m, size_t n_m, struct fa_error *err);

#endif
