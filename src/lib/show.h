/* SPDX-License-Identifier: MIT */
/*
 * What each command shows, in text and in JSON side by side, one file per
 * command: show_inspect.c (a package's summary), show_schema.c (the
 * evidence tables), show_rules.c (rule sets listed, a rule in full, lint
 * and test results), show_compare.c (two rule sets' norms, with a package
 * their mismatches) and show_error.c (a failure's problems). The audit's
 * report has its own writers (report.h, json.h).
 *
 * Every function writes to the caller's stream and nothing else. A JSON
 * document is made whole before any of it is written (indented, keys in a
 * fixed order, ending in a newline): on FA_ERR_NOMEM nothing was written.
 * Write errors are left in out's error indicator, for the caller who
 * closes out. Uses the models they show and jansson (json_impl.h).
 */
#ifndef FA_SHOW_H
#define FA_SHOW_H

#include <stdio.h>

#include "compare.h"
#include "error.h"
#include "eval.h"
#include "evidence.h"
#include "ruleset.h"

/* ---- inspect: a loaded package ------------------------------------------ */

/*
 * The summary: member, period, producer, hashes, rows per table, documents
 * by type and language, data-quality counts and the first findings (all
 * of them with all). No personal data. FA_OK or FA_ERR_NOMEM.
 */
enum fa_code fa_show_inspect_text(FILE *out, struct fa_evidence *ev, int all,
				  struct fa_error *err);
/* The same as a JSON document, every data-quality finding kept. */
enum fa_code fa_show_inspect_json(FILE *out, struct fa_evidence *ev,
				  struct fa_error *err);

/* ---- schema: the evidence tables and columns ---------------------------- */

/* As Markdown (the column reference of docs/evidence-package.md). */
enum fa_code fa_show_schema_markdown(FILE *out, struct fa_error *err);
/* As JSON (tables, columns, types, flags). */
enum fa_code fa_show_schema_json(FILE *out, struct fa_error *err);

/* ---- rules: loaded rule sets -------------------------------------------- */

/* Every set with its rules and parameters, one line each. */
enum fa_code fa_show_rules_text(FILE *out, const struct fa_rulesets *sets,
				struct fa_error *err);
/* The sets with their parameters (and dated values) and rules. */
enum fa_code fa_show_rules_json(FILE *out, const struct fa_rulesets *sets,
				struct fa_error *err);
/* One rule in full: metadata, texts, check, tests. */
enum fa_code fa_show_rule_text(FILE *out, const struct fa_rule *r,
			       struct fa_error *err);
enum fa_code fa_show_rule_json(FILE *out, const struct fa_rule *r,
			       struct fa_error *err);
/* What `rules lint` found sound: sets, rules, parameters, placeholders. */
enum fa_code fa_show_lint_text(FILE *out, const struct fa_rulesets *sets,
			       struct fa_error *err);
enum fa_code fa_show_lint_json(FILE *out, const struct fa_rulesets *sets,
			       struct fa_error *err);
/* Rule test results (fa_eval_test): the failures, then the counts. */
enum fa_code fa_show_tests_text(FILE *out, const struct fa_test_result *res,
				size_t n, struct fa_error *err);
/* {"passed": n, "failed": n, "tests": [...]}. */
enum fa_code fa_show_tests_json(FILE *out, const struct fa_test_result *res,
				size_t n, struct fa_error *err);

/* ---- compare: two rule sets' norms (compare.h) --------------------------- */

/*
 * Per date, each concept's two values, the stricter side and since when;
 * with two or more dates, the concepts whose relation changed; with a
 * package, the rule pairs, how each paired rule went and every norm
 * mismatch.
 */
enum fa_code fa_show_compare_text(FILE *out, const struct fa_compare_result *c,
				  struct fa_error *err);
/*
 * As JSON: "left", "right", "dates" (concepts per date); with a package
 * also "package" (path, sha256), "audit_date", "pairs" (concept,
 * shared_concepts, scope, and per side: rule, rule_set, in_force, error,
 * counts), "mismatch_counts" (left_passes_right_fails,
 * left_fails_right_passes) and "mismatches" (concept, subject, kind:
 * fa_mismatch_kind_key, and the left and right findings as in the audit
 * document).
 */
enum fa_code fa_show_compare_json(FILE *out, const struct fa_compare_result *c,
				  struct fa_error *err);

/* ---- errors -------------------------------------------------------------- */

/*
 * Every problem of e as "PREFIX: where:line:col: message" (unknown parts
 * left out), then "PREFIX: N more problems not shown" if some were
 * dropped.
 */
void fa_show_error_text(FILE *out, const struct fa_error *e,
			const char *prefix);
/* A rejected input: {"error": {"code": ..., "problems": [...]}}. Returns
 * FA_OK or FA_ERR_NOMEM (nothing written). */
enum fa_code fa_show_error_json(FILE *out, const struct fa_error *e);

#endif
