/* SPDX-License-Identifier: MIT */
/*
 * libflexaudit's public API: what a program needs to audit an evidence
 * package against the rule sets and to show what the commands show. The
 * command-line tool uses nothing else, and neither will the store or the
 * server. This header includes only the C library's; the library's own
 * headers are not reachable from it. The library is built with
 * -fvisibility=hidden and exports exactly the functions declared here
 * with FA_API (`make lint` compares the shared object's symbols with this
 * header).
 *
 * Conventions. The library never prints and never exits: it writes to the
 * streams it is given. A call that can fail returns an enum fa_code and
 * fills the caller's struct fa_error. Handles are opaque; a handle given
 * through **out is the caller's, freed with its one _free function (which
 * accepts NULL); a returned pointer is borrowed, for as long as the handle
 * it came from lives. Strings are UTF-8, dates YYYY-MM-DD. The library is
 * re-entrant: separate handles may be used on separate threads at once;
 * the memory ceiling (fa_resource_set_memory) is the process's.
 */
#ifndef FLEXAUDIT_H
#define FLEXAUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define FA_API __attribute__((visibility("default")))
#else
#define FA_API
#endif

/* Library version ("0.1.0"). */
FA_API const char *fa_version(void);

/* ---- errors ----------------------------------------------------------------
 */

/*
 * The sizes of the error record. They are limits.h's, repeated here
 * because a program allocates the record: a header that says otherwise
 * does not compile together with limits.h.
 */
#define FA_ERROR_DIAGS_MAX 32
#define FA_ERROR_WHERE_MAX 256
#define FA_ERROR_MESSAGE_MAX 512

/*
 * Result codes. Append-only: a value is never renumbered or reused, because
 * other programs read them through the JSON output and the exit-code map.
 */
enum fa_code {
	FA_OK = 0,
	FA_ERR_USAGE = 1, /* a caller passed arguments the function refuses */
	FA_ERR_IO = 2,	  /* a file could not be opened, read or written */
	FA_ERR_INPUT = 3, /* input is malformed: package, manifest, CSV */
	FA_ERR_LIMIT = 4, /* input exceeds a limit in limits.h */
	FA_ERR_INTEGRITY = 5, /* a hash or size does not match the manifest */
	FA_ERR_NOMEM = 6,     /* out of memory */
	FA_ERR_INTERNAL = 7,  /* a library we call failed unexpectedly */
};

/* One located problem. line/column are 1-based; 0 means unknown. */
struct fa_diag {
	unsigned long line;
	unsigned long column;
	char where[FA_ERROR_WHERE_MAX];
	char message[FA_ERROR_MESSAGE_MAX];
};

/*
 * The error record. Initialise with fa_error_init() (or = {0}). code is the
 * first code set; diag[0..n) are the problems in the order found; n_dropped
 * counts those beyond FA_ERROR_DIAGS_MAX, which are counted but not kept.
 * Messages are lower case without a full stop, failure first.
 */
struct fa_error {
	enum fa_code code;
	size_t n;
	size_t n_dropped;
	struct fa_diag diag[FA_ERROR_DIAGS_MAX];
};

FA_API void fa_error_init(struct fa_error *err);
/*
 * Every problem of e as "PREFIX: where:line:col: message" (unknown parts
 * left out), then "PREFIX: N more problems not shown" if some were
 * dropped.
 */
FA_API void fa_show_error_text(FILE *out, const struct fa_error *e,
			       const char *prefix);
/* The problems as a JSON document, {"error": {"code": ..., "problems":
 * [...], "more_problems": n}}. FA_OK or FA_ERR_NOMEM (nothing written). */
FA_API enum fa_code fa_show_error_json(FILE *out, const struct fa_error *e);

/*
 * ---- output -----------------------------------------------------------------
 * The fa_show_* functions and fa_audit_write write to the caller's stream
 * and nothing else. A JSON document is made whole before any of it is
 * written (indented, keys in a fixed order, ending in a newline): on
 * FA_ERR_NOMEM nothing was written. fa_show_* leave write errors in out's
 * error indicator, for the caller who closes out.
 */

/* ---- the process: memory ceiling, temporary directories --------------------
 */

/* What the parsers below accept (limits.h's, repeated as the sizes of
 * the error record are). */
#define FA_MEM_MIN_BYTES (32ULL * 1024 * 1024)
#define FA_MEM_MAX_BYTES (1024ULL * 1024 * 1024 * 1024)
#define FA_EVAL_TIMEOUT_MAX 604800.0
/* The most threads the rules of an audit run on. */
#define FA_EVAL_MAX_THREADS 4

/*
 * Set the memory ceiling to bytes (FA_MEM_MIN_BYTES to FA_MEM_MAX_BYTES;
 * the default is 2 GiB): SQLite's heap may take a quarter of it, the
 * findings an audit keeps a half. The process's: set it once, before the
 * first package or rule set is loaded.
 */
FA_API void fa_resource_set_memory(uint64_t bytes);
/* The ceiling. */
FA_API uint64_t fa_resource_memory(void);
/*
 * Parse a memory ceiling: a whole number of bytes, or followed by K, M, G
 * or T (also lower case; powers of 1024): "536870912", "512M", "4G", from
 * FA_MEM_MIN_BYTES to FA_MEM_MAX_BYTES. 0, or -1 for anything else.
 */
FA_API int fa_resource_parse_memory(uint64_t *out, const char *s);
/* A size as the parser reads it, in the largest unit that divides it
 * ("2G", "64M", "1536K", "1000"), into buf. */
FA_API void fa_resource_format_size(char *buf, size_t size, uint64_t bytes);
/*
 * Parse seconds: digits with an optional fraction ("60", "0.5"), more
 * than 0 and at most FA_EVAL_TIMEOUT_MAX. 0, or -1 for anything else.
 */
FA_API int fa_resource_parse_seconds(double *out, const char *s);

/*
 * The evidence database of a loaded package, which holds workers' names,
 * BSNs and birth dates, lives in a private temporary directory until the
 * package is freed. A program that handles termination signals calls
 * fa_tempdir_remove_all from its handler (async-signal-safe: it removes
 * every live directory of the process without freeing anything; after
 * it, only the _free functions may be called). The library installs no
 * handler itself. fa_tempdir_sweep removes, from root (NULL: $TMPDIR,
 * else /tmp), the directories of runs that ended without cleaning up
 * (their process gone, their lock free); best effort, silent: returns how
 * many it removed.
 */
FA_API void fa_tempdir_remove_all(void);
FA_API size_t fa_tempdir_sweep(const char *root);

/* ---- packages: inspect ------------------------------------------------------
 */

struct fa_evidence; /* a package checked and loaded (opaque) */

/*
 * Load the evidence package at path (a zip: docs/evidence-package.md):
 * the zip and the manifest checked, every table loaded, every hash
 * verified, the data-quality checks run. *out is the caller's
 * (fa_evidence_free). On failure *out is NULL, nothing is left behind, and
 * err holds every problem found: FA_ERR_IO, FA_ERR_INPUT, FA_ERR_LIMIT,
 * FA_ERR_INTEGRITY (hash), FA_ERR_NOMEM or FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_evidence_load(struct fa_evidence **out, const char *path,
				     struct fa_error *err);
FA_API void fa_evidence_free(struct fa_evidence *ev);
/* The member's name and the audit period as the manifest gives them
 * (borrowed). */
FA_API const char *fa_evidence_member_name(const struct fa_evidence *ev);
FA_API const char *fa_evidence_period_from(const struct fa_evidence *ev);
FA_API const char *fa_evidence_period_to(const struct fa_evidence *ev);

/*
 * What `inspect` shows: member, period, producer, hashes, rows per table,
 * documents by type and language, data-quality counts and the first
 * findings (all of them with all). No personal data. FA_OK or
 * FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_show_inspect_text(FILE *out, struct fa_evidence *ev,
					 int all, struct fa_error *err);
/* The same as a JSON document, every data-quality finding kept. */
FA_API enum fa_code fa_show_inspect_json(FILE *out, struct fa_evidence *ev,
					 struct fa_error *err);

/* ---- packages: pack ---------------------------------------------------------
 */

/*
 * What `flexaudit pack` is given. sources: folders (walked: tables at the
 * top, documents/ below, pack.xml or manifest.xml for the member's details)
 * and files (.csv, .tsv, .txt, .xlsx). The member's details come from these
 * fields where set, else from a manifest.xml in a source folder.
 */
struct fa_pack_options {
	const char *const *sources;
	size_t n_sources;
	const char *output;	 /* the zip to write */
	const char *output_name; /* how to name it in messages (NULL: output) */
	const char *profile;  /* mapping profile, name or path; NULL: detect */
	const char *encoding; /* text without BOM: NULL detect, "utf-8" or
			       * "windows-1252" */
	const char *member_name;
	const char *kvk;
	const char *abu_number;
	const char *period_from; /* YYYY-MM-DD */
	const char *period_to;
	const char *producer_name;
	const char *producer_system; /* may be NULL */
	const char *produced_at;     /* xs:dateTime; the zip's time stamp too */
	const char *now; /* produced-at when neither the option nor a
			  * manifest.xml gives one (the CLI's clock) */
	int nl;		 /* the summary in Dutch */
};

struct fa_pack; /* a pack run: what was found, written and checked */

/*
 * Build the package: find the tables and documents, convert every table to
 * the package's canonical CSV (UTF-8, ',', ISO dates, decimal points,
 * yes/no), hash every file, write and check manifest.xml, write the zip at
 * opt->output (deterministic: the same inputs and options give the same
 * bytes), then load it as fa_evidence_load does. *out is set (the
 * caller's, fa_pack_free) whenever the sources could be read, also when a
 * later step fails, so that the summary can say what was found; on a
 * failure the zip is not left at opt->output. Codes: FA_ERR_USAGE (a
 * member detail missing or invalid, no table found, an unknown profile),
 * FA_ERR_IO, FA_ERR_INPUT (a source unreadable, or the package rejected:
 * the messages name the source file and line where the package's line
 * came from one), FA_ERR_LIMIT, FA_ERR_INTEGRITY, FA_ERR_NOMEM,
 * FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_pack_run(struct fa_pack **out,
				const struct fa_pack_options *opt,
				struct fa_error *err);
FA_API void fa_pack_free(struct fa_pack *p);
/* "profile: ..." with the seconds of each phase of the run (finding the
 * sources and reading their headers, converting, zipping, checking). */
FA_API void fa_pack_write_profile(FILE *out, const struct fa_pack *p);
/* The package as loaded by the check (borrowed; NULL if it did not load). */
FA_API struct fa_evidence *fa_pack_evidence(const struct fa_pack *p);
/*
 * What pack found, per table: its source, how it was recognised, the
 * encoding and separator, columns taken, left out and missing, values
 * converted; the documents; the tables not supplied and the rules that
 * therefore cannot check; what was guessed. No personal data. FA_OK or
 * FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_show_pack_text(FILE *out, const struct fa_pack *p,
				      struct fa_error *err);

/* ---- the evidence schema ----------------------------------------------------
 */

/* The tables and columns of a package as Markdown (the column reference
 * of docs/evidence-package.md), or as JSON. */
FA_API enum fa_code fa_show_schema_markdown(FILE *out, struct fa_error *err);
FA_API enum fa_code fa_show_schema_json(FILE *out, struct fa_error *err);
/* The manifest's XSD, byte for byte as schemas/manifest.xsd (embedded at
 * build time). A failed write shows in ferror(out). */
FA_API enum fa_code fa_show_manifest_xsd(FILE *out, struct fa_error *err);

/* ---- rule sets ------------------------------------------------------------
 */

struct fa_rulesets; /* rule sets loaded together (opaque) */
struct fa_rule;	    /* one rule of them (opaque, borrowed) */

/*
 * Where the bundled rule sets are: $FLEXAUDIT_RULES if set and not empty;
 * else rules/ beside the directory of the running program (a source
 * tree), else share/flexaudit/rules beside it (an installed tree), named
 * relative to the working directory when inside it (in buf, of size
 * bytes); else "rules". Borrowed: the environment's, buf or static.
 */
FA_API const char *fa_rulesets_bundled_path(char *buf, size_t size);
/*
 * Load the rule-set files and directories of paths (n_paths 0: the
 * bundled rule sets) and lint them: every check prepared against the
 * evidence schema (docs/rules.md). *out is the caller's
 * (fa_rulesets_free). Returns FA_OK, or the code of the first problem with
 * every problem found in err (FA_ERR_IO, FA_ERR_INPUT, FA_ERR_LIMIT,
 * FA_ERR_NOMEM).
 */
FA_API enum fa_code fa_rulesets_open(struct fa_rulesets **out,
				     const char *const *paths, size_t n_paths,
				     struct fa_error *err);
FA_API void fa_rulesets_free(struct fa_rulesets *sets);
/* The rule with this id, or NULL. */
FA_API const struct fa_rule *fa_rulesets_rule(const struct fa_rulesets *sets,
					      const char *id);
/*
 * The rule with this id into *out (borrowed from sets), or FA_ERR_USAGE
 * and *out NULL with "no rule 'ID': ..." in err, ending in what to give
 * instead: the ids when there are few, else the closest ("did you mean
 * 'FEC-SIGNED'?", case ignored), else "'flexaudit rules list' lists
 * them".
 */
FA_API enum fa_code fa_rulesets_find_rule(const struct fa_rule **out,
					  const struct fa_rulesets *sets,
					  const char *id, struct fa_error *err);

/* What `rules list` shows: every set with its rules and parameters, one
 * line each; as JSON with the parameters' dated values. */
FA_API enum fa_code fa_show_rules_text(FILE *out,
				       const struct fa_rulesets *sets,
				       struct fa_error *err);
FA_API enum fa_code fa_show_rules_json(FILE *out,
				       const struct fa_rulesets *sets,
				       struct fa_error *err);
/* What `rules show` shows: one rule in full (metadata, texts, check,
 * tests). */
FA_API enum fa_code fa_show_rule_text(FILE *out, const struct fa_rule *r,
				      struct fa_error *err);
FA_API enum fa_code fa_show_rule_json(FILE *out, const struct fa_rule *r,
				      struct fa_error *err);
/* What `rules lint` shows of sets that opened: the numbers of sets, rules,
 * parameters and placeholders. */
FA_API enum fa_code fa_show_lint_text(FILE *out, const struct fa_rulesets *sets,
				      struct fa_error *err);
FA_API enum fa_code fa_show_lint_json(FILE *out, const struct fa_rulesets *sets,
				      struct fa_error *err);

struct fa_rule_tests; /* the results of the rules' own tests (opaque) */

/*
 * Run the <test> cases of every rule of sets (of the rules and sets named
 * in only, when n_only is not 0). *out is the caller's
 * (fa_rule_tests_free); it borrows from sets. A test that fails is a
 * result, not an error: FA_OK, or FA_ERR_USAGE (an unknown id in only) or
 * FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_rule_tests_run(struct fa_rule_tests **out,
				      const struct fa_rulesets *sets,
				      const char *const *only, size_t n_only,
				      struct fa_error *err);
/* How many tests failed. */
FA_API size_t fa_rule_tests_failed(const struct fa_rule_tests *t);
FA_API void fa_rule_tests_free(struct fa_rule_tests *t);
/* What `rules test` shows: each failure, then the counts; as JSON
 * {"passed": n, "failed": n, "tests": [...]}. */
FA_API enum fa_code fa_show_tests_text(FILE *out, const struct fa_rule_tests *t,
				       struct fa_error *err);
FA_API enum fa_code fa_show_tests_json(FILE *out, const struct fa_rule_tests *t,
				       struct fa_error *err);

/* ---- compare: two rule sets' norms -----------------------------------------
 */

struct fa_compare_options {
	const char *left, *right; /* rule-set ids of the loaded sets */
	/* Dates to compare on; none: with a package the end of its audit
	 * period, else today. With a package, one at most. */
	const char *const *dates;
	size_t n_dates;
	/* An evidence package: the rules of the two sets that read a shared
	 * concept (same scope) run on it, and the subjects one passes and
	 * the other fails are the norm mismatches. NULL: none. */
	const char *package;
	double rule_timeout; /* as in struct fa_audit_options */
	size_t threads;
};

struct fa_compare_result; /* a comparison made (opaque) */

/*
 * Compare the parameters of sets left and right that share a concept key
 * on each date: both values, the stricter side (from the parameters'
 * limit) and since when; with a package, its rule pairs and mismatches.
 * *out is the caller's (fa_compare_result_free) and borrows from sets,
 * which must outlive it. Returns FA_OK, FA_ERR_USAGE (an unknown set id,
 * an invalid date, more than one date with a package), a package's
 * rejection (as fa_evidence_load), FA_ERR_NOMEM or FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_compare_run(struct fa_compare_result **out,
				   const struct fa_rulesets *sets,
				   const struct fa_compare_options *opt,
				   struct fa_error *err);
FA_API void fa_compare_result_free(struct fa_compare_result *r);
/* 1 if a paired rule could not run, or could not check for want of a
 * table the package does not supply, else 0. */
FA_API int fa_compare_result_incomplete(const struct fa_compare_result *r);
/*
 * What `compare` shows: per date, each concept's two values, the stricter
 * side and since when; with two or more dates, the concepts whose
 * relation changed; with a package, the rule pairs, how each paired rule
 * went and every norm mismatch. As JSON: "left", "right", "dates" (the
 * concepts per date); with a package also "package", "audit_date",
 * "pairs", "mismatch_counts" and "mismatches" (the findings as in the
 * audit's JSON report).
 */
FA_API enum fa_code fa_show_compare_text(FILE *out,
					 const struct fa_compare_result *c,
					 struct fa_error *err);
FA_API enum fa_code fa_show_compare_json(FILE *out,
					 const struct fa_compare_result *c,
					 struct fa_error *err);

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
	/* Seconds one rule may take, up to FA_EVAL_TIMEOUT_MAX; 0: the
	 * default for the package's size (60 plus 120 per million rows). */
	double rule_timeout;
	/* The text report: every finding in full, passes too, and the
	 * tables (verbose); or every deviation and review item in full
	 * (fails). The other formats do not change. */
	int verbose;
	int fails;
	/* HTML, JSON and CSV: every finding, passes and not applicable
	 * too; without it they are counted, and listed only where a
	 * summary needs them (JSON, CSV). */
	int all;
	int nl;		     /* the report in Dutch, else English */
	int reveal_personal; /* workers' names, BSN and birth dates */
	/* The report's "generated" time as shown; NULL: the audit date. */
	const char *generated_at;
	/* Called as the audit goes (rule_id, done and total for
	 * FA_AUDIT_RULE only); NULL for none. One call at a time, but
	 * FA_AUDIT_RULE from the threads that run the rules. */
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
 * (FA_ERR_NOMEM: also the memory ceiling) or FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_audit_run(struct fa_audit **out,
				 const struct fa_audit_options *opt,
				 struct fa_error *err);
FA_API void fa_audit_free(struct fa_audit *a);

/* The formats of the audit's report. */
enum fa_format {
	FA_FORMAT_TEXT = 0,
	FA_FORMAT_JSON, /* docs/report-json.md */
	FA_FORMAT_CSV,	/* docs/report-csv.md */
	FA_FORMAT_HTML,
	FA_FORMAT_PLAN_CSV, /* the action plan: docs/action-plan.md */
	FA_FORMAT_XLSX,	    /* the same as an Excel workbook */
};

/*
 * Write the report in format to out, as it is made (a large package's
 * report is never held whole in memory; the workbook is made row by row
 * in a private temporary directory under $TMPDIR, then copied to out).
 * Returns FA_OK, FA_ERR_IO (a write failed: discard what was written),
 * FA_ERR_NOMEM, FA_ERR_LIMIT (the workbook: more rows than an Excel
 * sheet holds) or FA_ERR_USAGE (no such format).
 */
FA_API enum fa_code fa_audit_write(FILE *out, const struct fa_audit *a,
				   enum fa_format format, struct fa_error *err);
/* The failing findings of major (ABU A) and minor (B) rules: the audit
 * found deviations when either is not 0. */
FA_API size_t fa_audit_major_fails(const struct fa_audit *a);
FA_API size_t fa_audit_minor_fails(const struct fa_audit *a);
/* 1 if not everything the verdict depends on was checked (a rule could
 * not run, a table not supplied, only part of the rules, no rule ran;
 * the report says which), else 0. */
FA_API int fa_audit_incomplete(const struct fa_audit *a);
/*
 * The time each rule took, slowest first, the wall clock of the audit's
 * phases (write_seconds: the caller's time writing the reports, counted
 * with the report's) and the memory used, as "profile: " lines. FA_OK or
 * FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_audit_write_profile(FILE *out, const struct fa_audit *a,
					   double write_seconds,
					   struct fa_error *err);

/* ---- the audit store (docs/store.md) ---------------------------------------
 */

struct fa_store; /* an open audit store (opaque) */

/* fa_store_open's flags. */
#define FA_STORE_CREATE 0x1u /* create the store if the file is missing */
/* When the store is created: it keeps workers' names, BSNs and birth
 * dates (ignored for a store that exists); without it, a run is stored
 * as its report shows it without --reveal-personal-data. */
#define FA_STORE_REVEAL_PERSONAL 0x2u

/*
 * Open the audit store at path, creating it with FA_STORE_CREATE, and
 * bring an older store's schema forward. *out is the caller's
 * (fa_store_close). Codes: FA_ERR_IO (missing without FA_STORE_CREATE,
 * unreadable, busy), FA_ERR_INPUT (not a store, or a newer flexaudit's),
 * FA_ERR_NOMEM, FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_store_open(struct fa_store **out, const char *path,
				  unsigned flags, struct fa_error *err);
FA_API void fa_store_close(struct fa_store *s);
/* 1 if the store keeps workers' personal data. */
FA_API int fa_store_personal(const struct fa_store *s);

/* A report file written from an audit, recorded with its run. */
struct fa_store_report {
	const char *path;    /* as the run names it */
	const char *written; /* the file to hash now (NULL: path), e.g.
			      * a temporary name not yet renamed to path */
	enum fa_format format;
	int nl;
};

/*
 * Record the finished audit a as a new run, in one transaction: the
 * member, package (SHA-256, manifest), rule sets (their files), options,
 * sample and seed, every finding kept, what the report shows of the
 * package, and the reports (hashed from their files). A crash at any
 * moment leaves the store as it was or with the whole run. *run is its
 * number. FA_ERR_IO (a rule-set file or report changed or unreadable, the
 * store busy), FA_ERR_NOMEM, FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_store_add_run(int64_t *run, struct fa_store *s,
				     const struct fa_audit *a,
				     const struct fa_store_report *reports,
				     size_t n_reports, struct fa_error *err);

/* How to write a stored run's report again: as the options of the same
 * names in struct fa_audit_options. */
struct fa_store_view {
	int nl;
	int reveal_personal; /* only if the store keeps personal data */
	int verbose;
	int fails;
	int all;		  /* passes too, if the run kept them */
	const char *generated_at; /* NULL: as when the run was stored */
};

/*
 * Rebuild run as a finished audit, from the store alone: its report is
 * the one its audit made, in the language and detail of view. *out is
 * the caller's (fa_audit_free). FA_ERR_USAGE (no such run;
 * reveal_personal with a store that does not keep personal data),
 * FA_ERR_INPUT (a stored rule set no longer loads), FA_ERR_NOMEM,
 * FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_store_load_run(struct fa_audit **out, struct fa_store *s,
				      int64_t run,
				      const struct fa_store_view *view,
				      struct fa_error *err);

/* An inspector's judgement of a finding of a stored run. */
struct fa_store_judgement {
	const char *key;      /* RULE-ID/SUBJECT */
	const char *verdict;  /* "accept", "deviation", "not-applicable" */
	const char *severity; /* NULL (the rule's), "major" or "minor";
			       * only with a deviation */
	const char *note;     /* why: required */
	const char *by;	      /* who: required */
	const char *source;   /* where it was given ("FILE:LINE"); NULL:
			       * "command line" */
};

/*
 * Record the n judgements j of run, all or none, each with the time and
 * the outcome of the finding it decides. Only an open finding (needs
 * review, or a failure) is judged; a deviation of an observation needs
 * its severity. A key the run has no finding of is recorded too, and
 * counted in *n_unmatched: the report lists it. Every problem is
 * reported (FA_ERR_USAGE, located at source); then nothing is recorded.
 * FA_ERR_IO (busy), FA_ERR_NOMEM, FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_store_judge(size_t *n_unmatched, struct fa_store *s,
				   int64_t run,
				   const struct fa_store_judgement *j, size_t n,
				   struct fa_error *err);

/*
 * Record the judgements of the file at path (CSV or JSON:
 * docs/judgements.md; default_by for rows without a name, may be NULL)
 * as fa_store_judge does, each located at its file and line: all or
 * none. *n_recorded, *n_unmatched as there; *n_skipped: rows without a
 * verdict. The file's problems: FA_ERR_INPUT, FA_ERR_LIMIT, FA_ERR_IO.
 */
FA_API enum fa_code fa_store_judge_file(size_t *n_recorded, size_t *n_unmatched,
					size_t *n_skipped, struct fa_store *s,
					int64_t run, const char *path,
					const char *default_by,
					struct fa_error *err);

/* One side of a diff: a JSON report (file) or a stored run. */
struct fa_diff_input {
	const char *file; /* a JSON report of flexaudit audit; NULL: run */
	int64_t run;	  /* a run of the store */
};

/*
 * What `flexaudit diff A B` shows (docs/diff.md): the findings of A and B
 * matched by key as new, resolved, persisting, changed or not rechecked,
 * per requirement; a stored run with its judgements applied. As text in
 * English or Dutch (nl), listing the persisting findings too with all
 * (else only counting them), or JSON (all listed). s may be NULL when
 * both are files.
 * FA_ERR_USAGE (no such run, a run without a store), a report refused
 * (FA_ERR_INPUT, FA_ERR_IO, FA_ERR_LIMIT), FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_show_diff(FILE *out, struct fa_store *s,
				 const struct fa_diff_input *a,
				 const struct fa_diff_input *b, int json,
				 int nl, int all, struct fa_error *err);

/*
 * The ABU follow-up, for the report of a (an audit not yet stored): the
 * latest run of its member stored with an audit date not after a's, its
 * deviations whose repair deadline has passed by a's audit date and what
 * became of each, and what changed since (docs/store.md). Nothing when
 * the member has no such run. A stored run's report has its follow-up
 * from fa_store_load_run. FA_ERR_NOMEM, FA_ERR_INTERNAL, as
 * fa_store_load_run.
 */
FA_API enum fa_code fa_store_follow_up(struct fa_store *s, struct fa_audit *a,
				       struct fa_error *err);

/*
 * Record the waiver file at path (docs/waivers.md) as its member's
 * waivers, replacing the ones recorded before, in one transaction. *n
 * waivers, for the member with KvK number kvk (of kvk_size bytes). The
 * file's problems (FA_ERR_INPUT, FA_ERR_LIMIT, FA_ERR_IO), FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_store_waive_file(size_t *n, char *kvk, size_t kvk_size,
					struct fa_store *s, const char *path,
					struct fa_error *err);
/*
 * Apply the waivers the store holds for a's member on a's audit date:
 * each open finding an active waiver covers is waived (the first in the
 * file's order), and the report shows the verdict without and with the
 * waivers, the waived findings, and the waivers expired, not yet valid
 * or matching nothing. A stored run's report has them from
 * fa_store_load_run. FA_ERR_NOMEM, FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_store_apply_waivers(struct fa_store *s,
					   struct fa_audit *a,
					   struct fa_error *err);

/* Parse a run number: digits, 1 to 2^63 - 1. 0, or -1. */
FA_API int fa_store_parse_run(int64_t *out, const char *s);

/*
 * What `flexaudit runs` shows: the runs, newest first, of the member with
 * that KvK or ABU number (member NULL: all), one line each: number,
 * stored at, member, audit date, mode, verdict, counts. No personal data.
 */
FA_API enum fa_code fa_show_runs_text(FILE *out, struct fa_store *s,
				      const char *member, int nl,
				      struct fa_error *err);

/* ---- the portal's users (docs/store.md) ------------------------------------
 */

/* Bytes of a password, at least and at most (limits.h). */
#define FA_PASSWORD_MIN 12
#define FA_PASSWORD_MAX 1024

/*
 * Add a user of the portal (flexaudit serve) with the role "admin",
 * "inspector" or "member". A member belongs to the organisation with KvK
 * number kvk, which is added with the name org_name when the store has
 * none yet (org_name is then required; otherwise NULL or the name it
 * has); an admin or inspector takes neither (NULL). login: 1 to 64
 * characters of a-z 0-9 . _ @ -; password: FA_PASSWORD_MIN to
 * FA_PASSWORD_MAX bytes, kept only
 * as its Argon2id hash and never part of a message. All or nothing.
 * FA_ERR_USAGE (each with how to fix it: role, login taken or invalid,
 * password too short or long, KvK number or name missing or wrong),
 * FA_ERR_IO (store busy), FA_ERR_NOMEM, FA_ERR_INTERNAL.
 */
FA_API enum fa_code fa_store_add_user(struct fa_store *s, const char *login,
				      const char *role, const char *kvk,
				      const char *org_name,
				      const char *password,
				      struct fa_error *err);
/*
 * What `flexaudit user list` shows: the users by login, one line each:
 * login, role, disabled (yes or no), organisation (KvK number and name;
 * "-" for none). Never a password hash.
 */
FA_API enum fa_code fa_show_users_text(FILE *out, struct fa_store *s,
				       struct fa_error *err);

/* ---- the portal (docs/serve.md) ------------------------------------------
 */

struct fa_server; /* a running portal (opaque) */

/* How to run the portal. Pointers are borrowed for fa_server_new only. */
struct fa_server_options {
	const char *store;  /* the audit store (created if missing) */
	const char *data;   /* folder for uploaded packages (made if
			     * missing) */
	const char *listen; /* "ADDRESS:PORT" ("[::1]:8080"); NULL:
			     * "127.0.0.1:8080"; port 0: a free one */
	const char *cert;   /* PEM certificate and key: HTTPS */
	const char *key;
	/* Plain HTTP on an address other than loopback (else refused). */
	int insecure_listen;
	size_t workers;	     /* audits at once; 0: 1 */
	uint64_t upload_max; /* bytes; 0: the default (256 MiB) */
	/* Seconds a connection may send nothing before it is closed; 0:
	 * the default (30). */
	unsigned idle_seconds;
	/* Rule-set files or directories audits run; none: bundled. */
	const char *const *rules;
	size_t n_rules;
};

/*
 * Start the portal: check the options, make the data folder, open (or
 * create) the store, clear what a stopped server left behind, start the
 * audit workers and listen. It serves from threads of its own until
 * fa_server_free, which stops it (waiting for requests and audits under
 * way). *out is the caller's. FA_ERR_USAGE (options: a bad --listen,
 * plain HTTP off loopback, --cert without --key), FA_ERR_IO (the data
 * folder, the port in use, a certificate unreadable), the store's
 * codes, FA_ERR_NOMEM.
 */
FA_API enum fa_code fa_server_new(struct fa_server **out,
				  const struct fa_server_options *opt,
				  struct fa_error *err);
FA_API void fa_server_free(struct fa_server *srv);
/* The port it listens on. */
FA_API unsigned fa_server_port(const struct fa_server *srv);

#endif
