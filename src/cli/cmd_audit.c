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

/* The outputs against each other and the inputs: the package, the
 * rule-set files named and the store. 0 or -1 (printed). */
static int outputs_distinct(const struct cli_reports *r, const char *pkg,
			    const char *const *rules, size_t n_rules,
			    const char *store)
{
	const char *inputs[2 + 32];
	size_t n = 0, i;

	inputs[n++] = pkg;
	if (store)
		inputs[n++] = store;
	for (i = 0; i < n_rules && n < sizeof(inputs) / sizeof(inputs[0]); i++)
		inputs[n++] = rules[i];
	return cli_outputs_distinct(r->paths, r->n, inputs, n);
}

/* --store, else $FLEXAUDIT_STORE if set and not empty, else NULL. */
static const char *store_path(struct cmd *cmd)
{
	const char *s = opt_get(cmd, "store");

	if (!s)
		s = getenv("FLEXAUDIT_STORE");
	return s && *s ? s : NULL;
}

/* Open the store at path with flags: 0, or the exit code after printing
 * why. */
static int open_store(struct fa_store **store, const char *path, unsigned flags)
{
	struct fa_error err;

	fa_error_init(&err);
	if (fa_store_open(store, path, flags, &err) == FA_OK)
		return 0;
	cli_print_error(&err);
	return err.code == FA_ERR_IO ? EXIT_USAGE : cli_exit_code(err.code);
}

/* Record the audit and its report files in the store (before they are
 * renamed into place: hashed under their temporary names). 0, or the
 * exit code after printing why. */
static int store_run(struct fa_store *store, const char *path,
		     const struct fa_audit *audit, const struct cli_reports *r,
		     int nl)
{
	struct fa_store_report reps[CLI_MAX_REPORTS];
	struct fa_error err;
	int64_t run = 0;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (fflush(r->out[i]) != 0) {
			perror("flexaudit: cannot write a report");
			return EXIT_INTERNAL;
		}
		reps[i].path = r->paths[i];
		reps[i].written = cli_output_tmp_path(r->out[i]);
		reps[i].format = (enum fa_format)r->fmt[i];
		reps[i].nl = nl;
	}
	fa_error_init(&err);
	if (fa_store_add_run(&run, store, audit, reps, r->n, &err) != FA_OK) {
		cli_print_error(&err);
		fprintf(stderr, "flexaudit: the run was not stored and no "
				"report was written\n");
		return EXIT_INTERNAL;
	}
	fprintf(stderr, "flexaudit: stored as run %lld in '%s'\n",
		(long long)run, path);
	return 0;
}

int cmd_audit(struct cmd *cmd, int argc, char **argv)
{
	static const char *const langs[] = { "en", "nl", NULL };
	const char *lang = opt_get(cmd, "lang");
	const char *spath = store_path(cmd);
	struct fa_audit_options opt;
	struct fa_audit *audit = NULL;
	struct fa_store *store = NULL;
	struct cli_reports reports;
	struct fa_error err;
	enum fa_code rc;
	char gen[40];
	int code, ok, write_failed = 0;
	double t0, write_seconds;

	(void)argc;
	if (lang && opt_choice(langs, lang) < 0)
		return usage_choice(cmd, "language", lang, langs);
	if (cli_reports_parse(&reports, cmd) != 0)
		return EXIT_USAGE;
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
	if (outputs_distinct(&reports, argv[0], opt.rules, opt.n_rules,
			     spath) != 0)
		return EXIT_USAGE;
	fa_error_init(&err);
	/* a store that exists is checked before the audit; a new one is
	 * made after it, so that a failed audit leaves no empty store */
	if (spath && access(spath, F_OK) == 0 &&
	    (code = open_store(&store, spath, 0)) != 0)
		return code;
	if (cli_reports_open(&reports, cmd, opt.reveal_personal) != 0) {
		fa_store_close(store);
		return EXIT_USAGE;
	}
	rc = fa_audit_run(&audit, &opt, &err);
	/* the member's earlier run in the store: the ABU follow-up */
	if (rc == FA_OK && store)
		rc = fa_store_follow_up(store, audit, &err);
	if (rc == FA_OK && store)
		rc = fa_store_apply_waivers(store, audit, &err);
	t0 = now_seconds();
	if (rc == FA_OK)
		rc = cli_reports_write(&reports, audit, &err);
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
	if (ok && spath && !store &&
	    open_store(&store, spath,
		       FA_STORE_CREATE |
			   (opt.reveal_personal ? FA_STORE_REVEAL_PERSONAL
						: 0)) != 0) {
		fprintf(stderr, "flexaudit: the run was not stored and no "
				"report was written\n");
		ok = 0;
		code = EXIT_INTERNAL;
	}
	if (ok && store) {
		int stored = store_run(store, spath, audit, &reports, opt.nl);

		if (stored) {
			ok = 0;
			code = stored;
		}
	}
	if (cli_reports_close(&reports, ok) != 0 && ok)
		code = EXIT_INTERNAL;
	fa_store_close(store);
	fa_audit_free(audit);
	return code;
}
