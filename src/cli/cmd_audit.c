/* SPDX-License-Identifier: MIT */
/*
 * flexaudit audit PKG: evaluate a package against the rule sets and write
 * the inspection report (text, JSON, CSV or HTML; several files at once).
 * Exit 0 without deviations, 1 with major or minor deviations, 4 when a
 * rule could not run (the audit is then incomplete) and nothing failed.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"

#define SAMPLE_AUTO ((size_t)-1)
#define MIB (1024.0 * 1024.0)
#define MAX_OUTPUTS_AUDIT 4 /* one per format */

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

static int parse_sampling(struct cmd *cmd, int *inspection, size_t *size,
			  unsigned long long *seed)
{
	const char *mode = opt_get(cmd, "mode");
	const char *n = opt_get(cmd, "sample");
	const char *s = opt_get(cmd, "seed");

	if (mode && strcmp(mode, "self") != 0 &&
	    strcmp(mode, "inspection") != 0)
		return usage_error(cmd, "unknown mode '%s'", mode);
	*inspection = mode && strcmp(mode, "inspection") == 0;
	if ((n || s) && !*inspection)
		return usage_error(cmd, "--sample and --seed need --mode "
					"inspection");
	if (n && strcmp(n, "all") == 0)
		*size = (size_t)-2; /* larger than any population */
	else if (n && strcmp(n, "auto") != 0) {
		if (whole(n) <= 0)
			return usage_error(cmd, "invalid sample size '%s'", n);
		*size = (size_t)whole(n);
	}
	if (s && seed_of(s, seed) != 0)
		return usage_error(cmd,
				   "invalid seed '%s': give a whole number "
				   "from 0 to 9223372036854775807",
				   s);
	if (!s)
		*seed = fa_sample_random_seed();
	return 0;
}

static int by_time(const void *a, const void *b)
{
	const struct fa_rule_run *x = a, *y = b;

	return (x->seconds < y->seconds) - (x->seconds > y->seconds);
}

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Wall-clock seconds of the audit's phases, for --profile. */
struct phases {
	double load, eval, report;
};

static void print_profile(const struct fa_eval *e, const struct phases *ph)
{
	struct fa_rule_run *runs = malloc(e->n_runs * sizeof(*runs) + 1);
	double total = 0;
	uint64_t peak, limit;
	size_t i;

	if (!runs)
		return;
	memcpy(runs, e->runs, e->n_runs * sizeof(*runs));
	qsort(runs, e->n_runs, sizeof(*runs), by_time);
	fprintf(stderr, "profile: %-34s %9s %9s\n", "rule", "seconds",
		"findings");
	for (i = 0; i < e->n_runs; i++) {
		total += runs[i].seconds;
		fprintf(stderr, "profile: %-34s %9.3f %9zu\n", runs[i].rule->id,
			runs[i].seconds, runs[i].n_findings);
	}
	fprintf(stderr, "profile: %-34s %9.3f\n", "total", total);
	fprintf(stderr,
		"profile: wall clock: load %.3f s, rules %.3f s (%.0f%% of the "
		"load), reports %.3f s (with the CAO-SNF comparison)\n",
		ph->load, ph->eval,
		ph->load > 0 ? 100.0 * ph->eval / ph->load : 0.0, ph->report);
	fa_resource_sqlite_use(&peak, &limit);
	fprintf(stderr,
		"profile: memory: SQLite at most %.1f MiB of its %.1f MiB, "
		"findings %.1f MiB of their %.1f MiB\n",
		(double)peak / MIB, (double)limit / MIB,
		(double)e->findings_bytes / MIB,
		(double)fa_resource_findings_bytes() / MIB);
	free(runs);
}

enum format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_HTML, FMT_UNKNOWN };

static enum format format_named(const char *s)
{
	static const char *const names[] = { "text", "json", "csv", "html" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum format)i;
	return FMT_UNKNOWN;
}

/* The format a file name asks for by its extension. */
static enum format format_of_path(const char *path)
{
	static const struct {
		const char *ext;
		enum format f;
	} ext[] = {
		{ ".txt", FMT_TEXT }, { ".json", FMT_JSON },
		{ ".csv", FMT_CSV },  { ".html", FMT_HTML },
		{ ".htm", FMT_HTML },
	};
	size_t i, n = strlen(path);

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > strlen(ext[i].ext) &&
		    strcasecmp(path + n - strlen(ext[i].ext), ext[i].ext) == 0)
			return ext[i].f;
	return FMT_UNKNOWN;
}

static enum fa_code write_report(FILE *out, enum format f,
				 const struct fa_report *rep,
				 struct fa_error *err)
{
	switch (f) {
	case FMT_JSON:
		return fa_json_write_report(out, rep, err);
	case FMT_CSV:
		return fa_report_write_csv(out, rep, err);
	case FMT_HTML:
		return fa_report_write_html(out, rep, err);
	case FMT_TEXT:
	case FMT_UNKNOWN:
		break;
	}
	return fa_report_write_text(out, rep, err);
}

/*
 * The generated-at value: --generated-at, else SOURCE_DATE_EPOCH (the
 * reproducible-builds convention), else now, in UTC to the second.
 */
static int generated_at(struct cmd *cmd, char *buf, size_t size)
{
	const char *g = opt_get(cmd, "generated-at");
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (g) {
		if (strlen(g) >= size || strlen(g) > 32 ||
		    strspn(g, "0123456789-:TZ+ ") != strlen(g))
			return usage_error(cmd, "invalid --generated-at '%s'",
					   g);
		snprintf(buf, size, "%s", g);
		return 0;
	}
	if (sde && *sde) {
		long long v = whole(sde);

		if (v < 0)
			return usage_error(
			    cmd, "invalid SOURCE_DATE_EPOCH '%s'", sde);
		t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "unknown");
	return 0;
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
	const char *lang = opt_get(cmd, "lang");
	const char *format = opt_get(cmd, "format");
	struct fa_eval_options opt;
	struct fa_report_options ropt;
	struct fa_rulesets sets, bundled;
	int have_bundled = 0;
	struct fa_evidence *ev = NULL;
	struct fa_eval *e = NULL;
	struct fa_report *rep = NULL;
	struct phases ph = { 0, 0, 0 };
	double t0;
	struct fa_sample *sample = NULL;
	struct fa_rule_pair *pairs = NULL;
	struct fa_mismatch *mm = NULL;
	const char **keep = NULL;
	size_t n_pairs = 0, n_keep = 0, n_mm = 0;
	int paired = 0;
	struct fa_error err;
	size_t sample_size = SAMPLE_AUTO;
	unsigned long long seed = 0;
	int inspection = 0;
	enum fa_code rc;
	const char *const *paths, *const *outs;
	size_t n_paths, n_outs, i;
	enum format fmt[MAX_OUTPUTS_AUDIT];
	FILE *out[MAX_OUTPUTS_AUDIT] = { NULL };
	char gen[40];
	int code, ok, write_failed = 0;

	(void)argc;
	if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "nl") != 0)
		return usage_error(cmd, "unknown language '%s'", lang);
	if (format && format_named(format) == FMT_UNKNOWN)
		return usage_error(cmd, "unknown format '%s'", format);
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
		if (fmt[i] == FMT_UNKNOWN)
			return usage_error(cmd,
					   "cannot tell the format of '%s': "
					   "use .txt, .json, .csv or .html, or "
					   "give --format",
					   outs[i]);
	}
	if (!n_outs)
		fmt[0] = format ? format_named(format) : FMT_TEXT;
	if (parse_sampling(cmd, &inspection, &sample_size, &seed) != 0)
		return EXIT_USAGE;
	if (generated_at(cmd, gen, sizeof(gen)) != 0)
		return EXIT_USAGE;
	memset(&opt, 0, sizeof(opt));
	if (cli_resource_options(cmd, &opt.rule_timeout) != 0 ||
	    cli_threads(cmd, &opt.threads) != 0)
		return EXIT_USAGE;
	opt.audit_date = opt_get(cmd, "date");
	opt.only = opt_values(cmd, "rule", &opt.n_only);
	opt.skip = opt_values(cmd, "skip-rule", &opt.n_skip);
	opt.keep_all = opt_get(cmd, "verbose") != NULL;
	opt.progress = cli_progress_rules;
	paths = opt_values(cmd, "rules", &n_paths);
	if (outputs_distinct(outs, n_outs, argv[0], paths, n_paths) != 0)
		return EXIT_USAGE;
	for (i = 0; i < (n_outs ? n_outs : 1); i++) {
		out[i] = cli_output_open(
		    n_outs ? outs[i] : NULL,
		    (opt_get(cmd, "reveal-personal-data") ? CLI_OUT_PERSONAL
							  : 0) |
			(opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW : 0));
		if (!out[i]) {
			while (i--)
				cli_output_close(out[i], 0);
			return EXIT_USAGE;
		}
	}
	code = cli_load_rules(&sets, paths, n_paths);
	if (code) {
		for (i = 0; i < (n_outs ? n_outs : 1); i++)
			cli_output_close(out[i], 0);
		return code;
	}
	fa_error_init(&err);
	/* the comparisons the rule sets declare (<mismatches against>):
	 * keep the paired rules' passes to compare */
	if (fa_compare_declared_pairs(&pairs, &n_pairs, &sets, &err) == FA_OK &&
	    n_pairs &&
	    fa_compare_pair_rule_ids(&keep, &n_keep, pairs, n_pairs, &err) ==
		FA_OK) {
		paired = 1;
		opt.keep = keep;
		opt.n_keep = n_keep;
	}
	fa_error_init(&err); /* a set not loaded: no section, no error */
	cli_progress("loading the package");
	t0 = now_seconds();
	rc = fa_evidence_load(&ev, argv[0], &err);
	ph.load = now_seconds() - t0;
	if (rc == FA_OK && opt.audit_date &&
	    !opt_get(cmd, "allow-date-outside-period") &&
	    fa_date_valid(opt.audit_date) &&
	    !fa_evidence_covers(ev, opt.audit_date))
		/* the evidence covers the period: a date outside it judges
		 * what the package cannot show */
		rc = fa_error_add(&err, FA_ERR_USAGE, NULL, 0, 0,
				  "audit date %s is outside the package's "
				  "audit period (%s to %s): give a date "
				  "inside it, or --allow-date-outside-period",
				  opt.audit_date, ev->manifest->period_from,
				  ev->manifest->period_to);
	t0 = now_seconds(); /* the rules' phase: the sample, then the rules */
	if (rc == FA_OK && inspection) {
		size_t population = 0, t;

		for (t = 0; t < ev->n_tables; t++)
			if (strcmp(ev->tables[t].spec->name, "workers") == 0)
				population = ev->tables[t].rows;
		rc = fa_sample_draw(&sample, ev,
				    sample_size == SAMPLE_AUTO
					? fa_sample_auto_size(population)
					: sample_size,
				    seed, &err);
		opt.sample = sample;
	}
	if (rc == FA_OK) {
		cli_progress("running the rules");
		rc = fa_eval_run(&e, ev, &sets, &opt, &err);
		ph.eval = now_seconds() - t0;
	}
	t0 = now_seconds();
	memset(&ropt, 0, sizeof(ropt));
	ropt.nl = lang && strcmp(lang, "nl") == 0;
	ropt.reveal_personal = opt_get(cmd, "reveal-personal-data") != NULL;
	ropt.verbose = opt_get(cmd, "verbose") != NULL;
	ropt.self_assessment = !inspection;
	ropt.generated_at = gen;
	ropt.only = opt.only;
	ropt.n_only = opt.n_only;
	ropt.skip = opt.skip;
	ropt.n_skip = opt.n_skip;
	if (rc == FA_OK && n_paths) {
		/* rules given: which of the bundled ones are left out; bundled
		 * sets that cannot be read are "not known", but running out
		 * of memory ends the run rather than change the report */
		struct fa_error berr;
		enum fa_code brc;

		fa_error_init(&berr);
		brc = cli_load_bundled_rules(&bundled, &berr);
		have_bundled = brc == FA_OK;
		ropt.bundled = have_bundled ? &bundled : NULL;
		ropt.bundled_unknown = !have_bundled;
		if (brc == FA_ERR_NOMEM) {
			err = berr;
			rc = brc;
		}
	}
	if (rc == FA_OK && paired) {
		/* only pairs whose two rules both ran (--rule, --skip-rule,
		 * effective dates): no section rather than a false "none" */
		n_pairs = fa_compare_pairs_that_ran(pairs, n_pairs, e);
		paired = n_pairs > 0;
	}
	if (rc == FA_OK && paired)
		rc = fa_compare_mismatches(&mm, &n_mm, e, pairs, n_pairs, &err);
	if (rc == FA_OK) {
		cli_progress("writing the report");
		rc = fa_report_new(&rep, ev, &sets, e, sample, mm, n_mm,
				   paired ? pairs : NULL, paired ? n_pairs : 0,
				   &ropt, &err);
	}
	for (i = 0; rc == FA_OK && i < (n_outs ? n_outs : 1); i++)
		rc = write_report(out[i], fmt[i], rep, &err);
	/* the report was made; only writing it failed: exit 4 */
	write_failed = rep && rc != FA_OK;
	cli_progress(NULL);
	ph.report = now_seconds() - t0;
	if (rc != FA_OK) {
		cli_print_error(&err);
		if (rc == FA_ERR_USAGE)
			fprintf(stderr, "try 'flexaudit audit --help'\n");
		if (rc == FA_ERR_NOMEM)
			cli_memory_hint();
		code = write_failed ? EXIT_INTERNAL : cli_exit_code(rc);
	} else {
		if (opt_get(cmd, "profile"))
			print_profile(e, &ph);
		code = e->n_major_fail + e->n_minor_fail ? EXIT_NONCOMPLIANT
		       : rep->incomplete		 ? EXIT_INCOMPLETE
							 : EXIT_COMPLIANT;
	}
	ok = rc == FA_OK;
	for (i = 0; i < (n_outs ? n_outs : 1); i++)
		if (cli_output_close(out[i], ok) != 0 && ok)
			code = EXIT_INTERNAL;
	fa_report_free(rep);
	free(mm);
	free(keep);
	free(pairs);
	fa_eval_free(e);
	fa_sample_free(sample);
	fa_evidence_free(ev);
	fa_rulesets_release(&sets);
	if (have_bundled)
		fa_rulesets_release(&bundled);
	return code;
}
