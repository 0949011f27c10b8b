/* SPDX-License-Identifier: MIT */
/*
 * The public API of libflexaudit: the one library header the command-line
 * tool includes. The library never prints and never exits; every fallible
 * call returns an enum fa_code and fills a caller's struct fa_error.
 */
#ifndef FLEXAUDIT_H
#define FLEXAUDIT_H

#include "compare.h"
#include "error.h"
#include "eval.h"
#include "evidence.h"
#include "json.h"
#include "report.h"
#include "resource.h"
#include "ruleset.h"
#include "sample.h"
#include "schema.h"
#include "show.h"
#include "tempdir.h"
#include "text.h"

/* Library version ("0.1.0"). */
const char *fa_version(void);

/* ---- rule sets ------------------------------------------------------------
 */

/*
 * Where the bundled rule sets are: $FLEXAUDIT_RULES if set and not empty;
 * else rules/ beside the directory of the running program (a source
 * tree), else share/flexaudit/rules beside it (an installed tree), named
 * relative to the working directory when inside it (in buf, of size
 * bytes); else "rules". Borrowed: the environment's, buf or static.
 */
const char *fa_rulesets_bundled_path(char *buf, size_t size);
/*
 * Load the rule-set files and directories of paths (n_paths 0: the
 * bundled rule sets, fa_rulesets_bundled_path) and lint them: every check
 * prepared against the evidence schema. *out is the caller's
 * (fa_rulesets_free). Returns FA_OK, or the code of the first problem with
 * every problem found in err (FA_ERR_IO, FA_ERR_INPUT, FA_ERR_LIMIT,
 * FA_ERR_NOMEM).
 */
enum fa_code fa_rulesets_open(struct fa_rulesets **out,
			      const char *const *paths, size_t n_paths,
			      struct fa_error *err);
/* Free rule sets from fa_rulesets_open; accepts NULL. */
void fa_rulesets_free(struct fa_rulesets *sets);

/* ---- the audit ------------------------------------------------------------
 */

/* What an audit is doing, for a progress display (fa_audit_options). */
enum fa_audit_step {
	FA_AUDIT_LOADING = 0, /* loading the package */
	FA_AUDIT_RULES,	      /* about to run the rules */
	FA_AUDIT_RULE,	      /* about to run rule rule_id, done of total */
	FA_AUDIT_REPORT,      /* making the report */
};

/*
 * How to run an audit. Zero it, then set the package and what differs
 * from the defaults. Pointers are borrowed for the call only.
 */
struct fa_audit_options {
	const char *package; /* path of the evidence package (a zip) */
	/* Rule-set files or directories; none: the bundled rule sets
	 * (fa_rulesets_bundled_path). With rules named, the report says
	 * which rules of the bundled sets were left out. */
	const char *const *rules;
	size_t n_rules;
	/* YYYY-MM-DD; NULL: the end of the package's audit period. A date
	 * outside the period is refused (FA_ERR_USAGE) unless allowed. */
	const char *audit_date;
	int allow_date_outside_period;
	/* Inspection mode: only a sample of the workers' personnel files is
	 * judged (docs/sampling.md); 0: self-assessment, every file. */
	int inspection;
	/* Inspection: workers to draw; 0: the documented size for the
	 * population; more than the population: all of them. */
	size_t sample_size;
	/* Inspection: the sample's seed (at most 2^63 - 1) if has_seed,
	 * else a random one (the report shows it). */
	int has_seed;
	uint64_t seed;
	/* Rule ids or rule-set ids to run (none: all), and to skip. */
	const char *const *only;
	size_t n_only;
	const char *const *skip;
	size_t n_skip;
	/* Threads for the rules: 0 for one per processor, at most
	 * FA_EVAL_MAX_THREADS. */
	size_t threads;
	/* Seconds one rule may take; 0: the default for the package's size
	 * (limits.h). */
	double rule_timeout;
	/* Keep every finding, passes too, and show them all in text. */
	int verbose;
	int nl;		     /* the report in Dutch, else English */
	int reveal_personal; /* workers' names, BSN and birth dates */
	/* The report's "generated" time as shown; NULL: the audit date. */
	const char *generated_at;
	/* Called as the audit goes (rule_id, done and total for
	 * FA_AUDIT_RULE only), on the calling thread; NULL for none. */
	void (*progress)(void *ctx, enum fa_audit_step step, size_t done,
			 size_t total, const char *rule_id);
	void *progress_ctx;
};

struct fa_audit; /* a finished audit: its findings and report (opaque) */

/*
 * Run a whole audit: open the rule sets, load the package, check the
 * audit date against its period, draw the inspection sample, run the
 * rules, find the norm mismatches of the comparisons the rule sets
 * declare (<mismatches against>) and build the report. *out is the
 * caller's (fa_audit_free). Deviations are findings, not failures: this
 * fails only when the audit cannot be made: a rule set or the package
 * rejected (FA_ERR_IO, FA_ERR_INPUT, FA_ERR_LIMIT, FA_ERR_INTEGRITY),
 * options refused (FA_ERR_USAGE: an invalid or outside audit date, an
 * unknown rule id, too many threads, a seed of 2^63 or more), memory
 * (FA_ERR_NOMEM: also the memory limit, resource.h) or FA_ERR_INTERNAL.
 */
enum fa_code fa_audit_run(struct fa_audit **out,
			  const struct fa_audit_options *opt,
			  struct fa_error *err);
/* Free an audit; accepts NULL. */
void fa_audit_free(struct fa_audit *a);

/* The formats of the audit's report. */
enum fa_format {
	FA_FORMAT_TEXT = 0,
	FA_FORMAT_JSON, /* docs/report-json.md */
	FA_FORMAT_CSV,
	FA_FORMAT_HTML,
};

/*
 * Write the report in format to out. Returns FA_OK, FA_ERR_IO (a write
 * failed: discard what was written), FA_ERR_NOMEM or FA_ERR_USAGE (no
 * such format).
 */
enum fa_code fa_audit_write(FILE *out, const struct fa_audit *a,
			    enum fa_format format, struct fa_error *err);
/* The failing findings of major (ABU A) and minor (B) rules: the audit
 * found deviations when either is not 0. */
size_t fa_audit_major_fails(const struct fa_audit *a);
size_t fa_audit_minor_fails(const struct fa_audit *a);
/* 1 if not everything the verdict depends on was checked (a rule could
 * not run, a table not supplied, only part of the rules, no rule ran;
 * the report says which), else 0. */
int fa_audit_incomplete(const struct fa_audit *a);
/*
 * The time each rule took, slowest first, and the wall clock of the
 * audit's phases (write_seconds: the caller's time writing the reports,
 * counted with the report's), as "profile: " lines. FA_OK or
 * FA_ERR_NOMEM.
 */
enum fa_code fa_audit_write_profile(FILE *out, const struct fa_audit *a,
				    double write_seconds, struct fa_error *err);

#endif
