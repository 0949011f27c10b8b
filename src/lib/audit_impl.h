/* SPDX-License-Identifier: MIT */
/*
 * The finished audit's parts, for the modules that keep or rebuild one:
 * audit.c makes it, the store records it (store/store_record.c) and
 * restores it from a stored run (store/store_load.c), so that a stored
 * run writes its report through the same fa_audit_write. Uses the types
 * of ruleset, evidence, sample, eval, compare and report only.
 */
#ifndef FA_AUDIT_IMPL_H
#define FA_AUDIT_IMPL_H

#include "flexaudit.h"
#include "compare.h"
#include "eval.h"
#include "evidence.h"
#include "report.h"
#include "ruleset.h"
#include "sample.h"

struct fa_audit {
	struct fa_rulesets *sets;
	/* With rules named: the bundled sets, to tell which of their rules
	 * were left out (have_bundled 0: they could not be loaded). */
	struct fa_rulesets bundled;
	int have_bundled;
	struct fa_evidence *ev;
	struct fa_sample *sample; /* inspection mode, else NULL */
	struct fa_eval *e;
	struct fa_rule_pair *pairs; /* the declared comparisons' pairs */
	size_t n_pairs;
	const char **keep; /* their rules: passes kept to compare */
	size_t n_keep;
	struct fa_mismatch *mismatches;
	size_t n_mismatches;
	/* the options' --rule and --skip-rule, copied: the report shows
	 * them */
	char **only, **skip;
	size_t n_only, n_skip;
	struct fa_report *report;
	struct fa_judged *judged; /* a stored run's judgements, by key */
	size_t n_judged;
	struct fa_report_follow_up *follow_up; /* store_diff.c */
	struct fa_waived *waivers;	       /* store_waive.c */
	size_t n_waivers;
	int kept_all;	 /* passes and n/a kept (--all, --verbose) */
	int rules_named; /* --rules given: not the bundled sets */
	const struct fa_audit_options *opt; /* during fa_audit_run only */
	/* wall-clock seconds of the phases, for the profile */
	double load_seconds, eval_seconds, report_seconds;
};

/*
 * The report of an audit whose rule sets, evidence, sample, evaluation
 * and declared pairs are in place: the pairs whose two rules ran, their
 * mismatches, the report model (a->report). FA_OK, or as fa_report_new
 * and fa_compare_mismatches.
 */
enum fa_code fa_audit_build_report(struct fa_audit *a,
				   const struct fa_report_options *ro,
				   struct fa_error *err);

/* Free a->waivers and take them from the findings and the report. */
void fa_audit_free_waivers(struct fa_audit *a);
/* Free a->follow_up and take it from the report. */
void fa_audit_free_follow_up(struct fa_audit *a);

#endif
