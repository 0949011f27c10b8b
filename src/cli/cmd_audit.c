/* SPDX-License-Identifier: MIT */
/*
 * flexaudit audit PKG: evaluate a package against the rule sets and write
 * the inspection report (text, JSON, CSV or HTML) and the action plan
 * (CSV or XLSX), several files at once.
 * The audit itself is the library's (fa_audit_run); this parses the
 * options, opens and closes the outputs, prints errors and chooses the
 * exit code: 0 without deviations, 1 with major or minor deviations, 5
 * when nothing failed but the audit is incomplete.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_OUTPUTS_AUDIT 6 /* one per format */

/* A whole number in s, or -1. */
static long long whole(const char *s)
{
	long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000000000000LL)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* A seed: a decimal number from 0 to 2^63 - 1 (JSON reports write it as a
 * signed 64-bit integer). 0, or -1. */
static int seed_of(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9' ||
		    v > ((unsigned long long)LLONG_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* --mode, --sample and --seed into opt. 0, or the usage exit code. */
static int parse_sampling(struct cmd *cmd, struct fa_audit_options *opt)
{
	static const char *const modes[] = { "self", "inspection", NULL };
	const char *mode = opt_get(cmd, "mode");
	const char *n = opt_get(cmd, "sample");
	const char *s = opt_get(cmd, "seed");
	unsigned long long seed;

	if (mode && opt_choice(modes, mode) < 0)
		return usage_choice(cmd, "mode", mode, modes);
	opt->inspection = mode && strcmp(mode, "inspection") == 0;
	if ((n || s) && !opt->inspection)
		return usage_error(cmd, "--sample and --seed need --mode "
					"inspection");
	if (n && strcmp(n, "all") == 0)
		opt->sample_size = SIZE_MAX; /* more than any population */
	else if (n && strcmp(n, "auto") != 0) {
		if (whole(n) <= 0)
			return usage_error(cmd, "invalid sample size '%s'", n);
		opt->sample_size = (size_t)whole(n);
	}
	if (s && seed_of(s, &seed) != 0)
		return usage_error(cmd,
				   "invalid seed '%s': give a whole number "
				   "from 0 to 9223372036854775807",
				   s);
	opt->has_seed = s != NULL;
	opt->seed = s ? seed : 0;
	return 0;
}

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The report formats by name, in enum fa_format's order. */
static const char *const format_names[] = {
	[FA_FORMAT_TEXT] = "text",	   [FA_FORMAT_JSON] = "json",
	[FA_FORMAT_CSV] = "csv",	   [FA_FORMAT_HTML] = "html",
	[FA_FORMAT_PLAN_CSV] = "plan-csv", [FA_FORMAT_XLSX] = "xlsx",
	[FA_FORMAT_XLSX + 1] = NULL,
};

/* A report format by name, or -1. */
static int format_named(const char *s)
{
	return opt_choice(format_names, s);
}

/* The format a file name asks for by its extension, or -1. */
static int format_of_path(const char *path)
{
	static const struct {
		const char *ext;
		enum fa_format f;
	} ext[] = {
		/* .plan.csv before .csv, which it ends in */
		{ ".txt", FA_FORMAT_TEXT },
		{ ".json", FA_FORMAT_JSON },
		{ ".plan.csv", FA_FORMAT_PLAN_CSV },
		{ ".csv", FA_FORMAT_CSV },
		{ ".html", FA_FORMAT_HTML },
		{ ".htm", FA_FORMAT_HTML },
		{ ".xlsx", FA_FORMAT_XLSX },
	};
	size_t i, n = strlen(path);

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > strlen(ext[i].ext) &&
		    strcasecmp(path + n - strlen(ext[i].ext), ext[i].ext) == 0)
			return (int)ext[i].f;
	return -1;
}

/* fa_audit_options.progress: on the terminal, as cli_progress does. */
static void audit_progress(void *ctx, enum fa_audit_step step, size_t done,
			   size_t total, const char *rule_id)
{
	(void)ctx;
	switch (step) {
	case FA_AUDIT_LOADING:
		cli_progress("loading the package");
		break;
	case FA_AUDIT_RULES:
		cli_progress("running the rules");
		break;
	case FA_AUDIT_RULE:
		cli_progress_rules(NULL, done, total, rule_id);
		break;
	case FA_AUDIT_REPORT:
		cli_progress("writing the report");
		break;
	}
}

/*
 * The generated-at value: --generated-at, else SOURCE_DATE_EPOCH (the
 * reproducible-builds convention), else now, in UTC to the second.
 */
static int generated_at(struct cmd *cmd, char *buf, size_t size)
{
	const char *g = opt_get(cmd, "generated-at");

	if (g) {
		if (strlen(g) >= size || strlen(g) > 32 ||
		    strspn(g, "0123456789-:TZ+ ") != strlen(g))
			return usage_error(
			    cmd,
			    "invalid --generated-at '%s': give "
			    "a date and time such as "
			    "2026-01-31T09:30:00Z (digits, space "
			    "and - : T Z + only, at most 32)",
			    g);
		snprintf(buf, size, "%s", g);
		return 0;
	}
	return cli_clock(cmd, buf, size);
}

/* The outputs against each other and the inputs: the package and the
 * rule-set files named. 0 or -1 (printed). */
static int outputs_distinct(const char *const *outs, size_t n_outs,
			    const char *pkg, const char *const *rules,
			    size_t n_rules)
{
	const char *inputs[1 + 32];
	size_t n = 0, i;

	inputs[n++] = pkg;
	for (i = 0; i < n_rules && n < sizeof(inputs) / sizeof(inputs[0]); i++)
		inputs[n++] = rules[i];
	return cli_outputs_distinct(outs, n_outs, inputs, n);
}

int cmd_audit(struct cmd *cmd, int argc, char **argv)
{
	static const char *const langs[] = { "en", "nl", NULL };
	const char *lang = opt_get(cmd, "lang");
	const char *format = opt_get(cmd, "format");
	struct fa_audit_options opt;
	struct fa_audit *audit = NULL;
	struct fa_error err;
	enum fa_code rc;
	const char *const *outs;
	size_t n_outs, i;
	int fmt[MAX_OUTPUTS_AUDIT];
	FILE *out[MAX_OUTPUTS_AUDIT] = { NULL };
	char gen[40];
	int code, ok, write_failed = 0;
	double t0, write_seconds;

	(void)argc;
	if (lang && opt_choice(langs, lang) < 0)
		return usage_choice(cmd, "language", lang, langs);
	if (format && format_named(format) < 0)
		return usage_choice(cmd, "format", format, format_names);
	outs = opt_values(cmd, "output", &n_outs);
	if (n_outs > MAX_OUTPUTS_AUDIT)
		return usage_error(cmd, "at most %d output files",
				   MAX_OUTPUTS_AUDIT);
	if (format && n_outs > 1)
		return usage_error(cmd, "--format with several -o: each file's "
					"format comes from its extension");
	for (i = 0; i < n_outs; i++) {
		fmt[i] =
		    format ? format_named(format) : format_of_path(outs[i]);
		if (fmt[i] < 0)
			return usage_error(
			    cmd,
			    "cannot tell the format of '%s': "
			    "use .txt, .json, .csv, .html, "
			    ".plan.csv or .xlsx, or give --format",
			    outs[i]);
	}
	if (!n_outs)
		fmt[0] = format ? format_named(format) : FA_FORMAT_TEXT;
	if (!n_outs && fmt[0] == FA_FORMAT_XLSX && isatty(STDOUT_FILENO))
		return usage_error(cmd, "a workbook is no text for the "
					"terminal: give -o FILE.xlsx");
	memset(&opt, 0, sizeof(opt));
	if (parse_sampling(cmd, &opt) != 0)
		return EXIT_USAGE;
	if (generated_at(cmd, gen, sizeof(gen)) != 0)
		return EXIT_USAGE;
	if (cli_resource_options(cmd, &opt.rule_timeout) != 0 ||
	    cli_threads(cmd, &opt.threads) != 0)
		return EXIT_USAGE;
	opt.package = argv[0];
	opt.rules = opt_values(cmd, "rules", &opt.n_rules);
	opt.audit_date = opt_get(cmd, "date");
	opt.allow_date_outside_period =
	    opt_get(cmd, "allow-date-outside-period") != NULL;
	opt.only = opt_values(cmd, "rule", &opt.n_only);
	opt.skip = opt_values(cmd, "skip-rule", &opt.n_skip);
	opt.verbose = opt_get(cmd, "verbose") != NULL;
	opt.fails = opt_get(cmd, "fails") != NULL;
	opt.all = opt_get(cmd, "all") != NULL;
	opt.nl = lang && strcmp(lang, "nl") == 0;
	opt.reveal_personal = opt_get(cmd, "reveal-personal-data") != NULL;
	opt.generated_at = gen;
	opt.progress = audit_progress;
	if (outputs_distinct(outs, n_outs, argv[0], opt.rules, opt.n_rules) !=
	    0)
		return EXIT_USAGE;
	for (i = 0; i < (n_outs ? n_outs : 1); i++) {
		out[i] = cli_output_open(
		    n_outs ? outs[i] : NULL,
		    (opt.reveal_personal ? CLI_OUT_PERSONAL : 0) |
			(opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW : 0));
		if (!out[i]) {
			while (i--)
				cli_output_close(out[i], 0);
			return EXIT_USAGE;
		}
	}
	fa_error_init(&err);
	rc = fa_audit_run(&audit, &opt, &err);
	t0 = now_seconds();
	for (i = 0; rc == FA_OK && i < (n_outs ? n_outs : 1); i++)
		rc =
		    fa_audit_write(out[i], audit, (enum fa_format)fmt[i], &err);
	/* the report was made; only writing it failed: exit 4 */
	write_failed = audit && rc != FA_OK;
	cli_progress(NULL);
	write_seconds = now_seconds() - t0;
	if (rc != FA_OK) {
		cli_print_error(&err);
		if (rc == FA_ERR_USAGE)
			fprintf(stderr, "try 'flexaudit audit --help'\n");
		if (rc == FA_ERR_NOMEM)
			cli_memory_hint();
		code = write_failed ? EXIT_INTERNAL : cli_exit_code(rc);
	} else {
		code = fa_audit_major_fails(audit) + fa_audit_minor_fails(audit)
			   ? EXIT_NONCOMPLIANT
		       : fa_audit_incomplete(audit) ? EXIT_INCOMPLETE
						    : EXIT_COMPLIANT;
		if (opt_get(cmd, "profile") &&
		    fa_audit_write_profile(stderr, audit, write_seconds,
					   &err) != FA_OK) {
			cli_print_error(&err);
			code = EXIT_INTERNAL;
		}
	}
	ok = rc == FA_OK;
	for (i = 0; i < (n_outs ? n_outs : 1); i++)
		if (cli_output_close(out[i], ok) != 0 && ok)
			code = EXIT_INTERNAL;
	fa_audit_free(audit);
	return code;
}
