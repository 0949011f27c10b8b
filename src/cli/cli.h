/* SPDX-License-Identifier: MIT */
/* Shared helpers of the command-line tool (printing errors, output). */
#ifndef FA_CLI_H
#define FA_CLI_H

#include <stdio.h>

#include "flexaudit.h"
#include "opt.h"

/* Print every diagnostic of err as "flexaudit: where:line:col: message". */
void cli_print_error(const struct fa_error *err);
/* The exit code for a library failure code. */
int cli_exit_code(enum fa_code code);
/*
 * Refuse, before any work, outputs that name one file twice or that are
 * one of the inputs (the package, a rule file): 0, or -1 after printing
 * why. "-" (standard output) is no file and is not compared.
 */
int cli_outputs_distinct(const char *const *outs, size_t n,
			 const char *const *inputs, size_t n_inputs);
#define CLI_OUT_PERSONAL 1 /* a new file gets 0600, not 0644 */
#define CLI_OUT_FOLLOW 2   /* a symbolic link: write the file it names */
/*
 * Open the report destination: stdout when path is NULL or "-". Only a
 * regular file is written (an existing device, FIFO, directory, socket or,
 * without CLI_OUT_FOLLOW, symbolic link is refused); an existing report
 * keeps its permissions. The file is written under a temporary name and
 * renamed by cli_output_close, so a failed run never leaves a
 * half-written report. Returns NULL after printing an error.
 */
FILE *cli_output_open(const char *path, int flags);
/*
 * The time of the run in UTC to the second ("2026-01-31T09:30:00Z") into
 * buf: SOURCE_DATE_EPOCH (the reproducible-builds convention) if set,
 * else the clock. 0, or the usage exit code after printing why
 * SOURCE_DATE_EPOCH is not a whole number of seconds.
 */
int cli_clock(const struct cmd *cmd, char *buf, size_t size);
/* The temporary name an output of cli_output_open is written under
 * (borrowed until cli_output_close), or NULL for standard output. */
const char *cli_output_tmp_path(FILE *f);
/* Close (and rename into place); ok=0 removes the temporary file.
 * Returns 0 or prints an error and returns -1. */
int cli_output_close(FILE *f, int ok);
/* Remove the temporary files of the reports being written (signal-safe:
 * a handler calls it before the process dies). */
void cli_outputs_discard(void);

/*
 * Before a command runs: remove the temporary directories left by killed
 * runs, and on a termination signal (HUP, INT, TERM, PIPE, ...) remove
 * this run's before dying of that signal. Signals ignored on entry stay
 * ignored.
 */
void cli_cleanup_init(void);

/*
 * Progress of a long run on standard error, only when it is a terminal:
 * "flexaudit: what (elapsed)" on one rewritten line; NULL clears it.
 */
void cli_progress(const char *what);
/* "rule DONE+1 of TOTAL: ID" as cli_progress shows it. */
void cli_progress_rules(void *ctx, size_t done, size_t total,
			const char *rule_id);

/*
 * The options --max-memory (set as the process's memory ceiling) and
 * --rule-timeout (into *rule_timeout; 0 if not given) of cmd. 0, or the
 * usage exit code after printing why.
 */
int cli_resource_options(struct cmd *cmd, double *rule_timeout);
/* After an out-of-memory failure: the memory limit and how to raise it. */
void cli_memory_hint(void);

/* ---- report files (reports.c) ---- */

#define CLI_MAX_REPORTS 6 /* one per format */
extern const char *const cli_format_names[];

/* A command's report files: -o (none: standard output) and formats. */
struct cli_reports {
	size_t n; /* -o files; 0: standard output, fmt[0] */
	const char *const *paths;
	int fmt[CLI_MAX_REPORTS];
	FILE *out[CLI_MAX_REPORTS];
};
/* --format and -o of cmd into r: 0, or the usage exit code (printed). */
int cli_reports_parse(struct cli_reports *r, struct cmd *cmd);
/* Open them (personal: new files 0600; --follow-symlinks of cmd): 0, or
 * the usage exit code (printed; none left open). */
int cli_reports_open(struct cli_reports *r, struct cmd *cmd, int personal);
/* Write the audit's report to each. */
enum fa_code cli_reports_write(struct cli_reports *r, const struct fa_audit *a,
			       struct fa_error *err);
/* Close them: renamed into place when ok, else removed. 0, or -1 when one
 * could not be closed (printed). */
int cli_reports_close(struct cli_reports *r, int ok);

int cmd_inspect(struct cmd *cmd, int argc, char **argv);
int cmd_schema(struct cmd *cmd, int argc, char **argv);
int cmd_rules(struct cmd *cmd, int argc, char **argv);
int cmd_audit(struct cmd *cmd, int argc, char **argv);
int cmd_compare(struct cmd *cmd, int argc, char **argv);
int cmd_pack(struct cmd *cmd, int argc, char **argv);
int cmd_runs(struct cmd *cmd, int argc, char **argv);
int cmd_report(struct cmd *cmd, int argc, char **argv);
int cmd_judge(struct cmd *cmd, int argc, char **argv);
int cmd_diff(struct cmd *cmd, int argc, char **argv);
int cmd_waive(struct cmd *cmd, int argc, char **argv);
int cmd_serve(struct cmd *cmd, int argc, char **argv);
int cmd_user(struct cmd *cmd, int argc, char **argv);

/* --store of cmd, else $FLEXAUDIT_STORE; NULL after printing a usage
 * error (cmd_store.c). */
const char *cli_store_path(struct cmd *cmd);

/*
 * Open the rule sets named by --rules (none: the bundled ones) into *sets
 * (fa_rulesets_free). Prints the problems, with json also as a JSON error
 * document on standard output; returns an exit code, 0 if opened.
 */
int cli_load_rules(struct fa_rulesets **sets, const char *const *paths,
		   size_t n_paths, int json);

/*
 * The threads to run the rules on from $FLEXAUDIT_THREADS into *out: 0
 * (one per processor) when it is unset or empty, else a whole number from
 * 1 to FA_EVAL_MAX_THREADS. Anything else is a usage error: returns 2
 * after printing it, else 0.
 */
int cli_threads(const struct cmd *cmd, size_t *out);

#endif
