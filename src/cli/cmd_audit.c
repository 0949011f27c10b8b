/* SPDX-License-Identifier: MIT */
/*
 * flexaudit audit PKG: evaluate a package against the rule sets and print
 * the findings as text (the full reports build on the same findings).
 * Exit 0 without deviations, 1 with major or minor deviations, 4 when a
 * rule could not run (the audit is then incomplete) and nothing failed.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *msg(const struct fa_text *t, int nl)
{
	const char *s = nl ? t->nl : t->en;

	return s ? s : "";
}

static void print_finding(FILE *out, const struct fa_finding *f, int nl)
{
	static const char *const tag[FA_OUTCOME_COUNT] = {
		"PASS", "FAIL", "N/A", "REVIEW", "ERROR",
	};

	fprintf(out, "%-6s %s  %s%s", tag[f->outcome], f->rule->id, f->subject,
		(f->flags & FA_FINDING_SAMPLED) ? " (sampled file)" : "");
	if (f->outcome == FA_OUTCOME_FAIL)
		fprintf(out, "  %s%s%s", fa_severity_name(f->rule->severity),
			f->deadline[0] ? ", repair by " : "", f->deadline);
	fprintf(out, "\n       %s\n", msg(&f->message, nl));
	if (f->observed || f->expected)
		fprintf(out, "       observed: %s; expected: %s\n",
			f->observed ? f->observed : "-",
			f->expected ? f->expected : "-");
	if (f->detail)
		fprintf(out, "       %s\n", f->detail);
	if (f->ref_file && f->ref_line)
		fprintf(out, "       evidence: %s:%lu\n", f->ref_file,
			f->ref_line);
	else if (f->ref_file)
		fprintf(out, "       evidence: %s%s%.16s\n", f->ref_file,
			f->ref_sha256 ? " sha256 " : "",
			f->ref_sha256 ? f->ref_sha256 : "");
	if (f->outcome == FA_OUTCOME_FAIL && msg(&f->remedy, nl)[0])
		fprintf(out, "       remedy: %s\n", msg(&f->remedy, nl));
	if (f->outcome == FA_OUTCOME_REVIEW && msg(&f->question, nl)[0])
		fprintf(out, "       question: %s\n", msg(&f->question, nl));
}

static const char *verdict(const struct fa_eval *e)
{
	if (e->n_major_fail)
		return "negative (A-deviations)";
	if (e->n_minor_fail)
		return "positive with B-deviations";
	return "positive";
}

static void print_sample(FILE *out, const struct fa_sample *s)
{
	size_t i;

	if (!s) {
		fprintf(out,
			"mode       self-assessment: every personnel file\n");
		return;
	}
	fprintf(out,
		"mode       inspection: %zu of %zu personnel files (seed %llu, "
		"see docs/sampling.md)\nsample    ",
		s->n, s->population, (unsigned long long)s->seed);
	for (i = 0; i < s->n; i++)
		fprintf(out, "%s%s", (i && i % 10 == 0) ? "\n           " : " ",
			s->ids[i]);
	fputc('\n', out);
}

static void print_report(FILE *out, struct fa_evidence *ev,
			 const struct fa_rulesets *sets,
			 const struct fa_eval *e,
			 const struct fa_sample *sample, int nl, int verbose)
{
	const struct fa_manifest *m = ev->manifest;
	size_t i, flagged = 0, errors = 0, not_in_force = 0;

	fprintf(out, "package    %s\nsha256     %s\n", fa_package_path(ev->pkg),
		ev->package_sha256);
	fprintf(out, "member     %s (KvK %s, ABU %s)\n", m->member_name, m->kvk,
		m->abu_number);
	fprintf(out, "period     %s to %s\naudit date %s\n", m->period_from,
		m->period_to, e->audit_date);
	print_sample(out, sample);
	for (i = 0; i < sets->n; i++)
		fprintf(out, "%s %s %s (%s, sha256 %.16s)\n",
			i ? "          " : "rule sets ", sets->sets[i]->id,
			sets->sets[i]->edition, sets->sets[i]->path,
			sets->sets[i]->sha256);
	for (i = 0; i < e->n_findings; i++)
		flagged += (e->findings[i].flags &
			    (FA_FINDING_UNCERTAIN | FA_FINDING_PLACEHOLDER)) &&
			   e->findings[i].outcome != FA_OUTCOME_PASS;
	if (flagged)
		fprintf(out,
			"caution    %zu findings rest on uncertain (U) or "
			"placeholder (NF) values\n",
			flagged);
	fputc('\n', out);
	for (i = 0; i < e->n_findings; i++) {
		const struct fa_finding *f = &e->findings[i];

		if (verbose || f->outcome == FA_OUTCOME_FAIL ||
		    f->outcome == FA_OUTCOME_REVIEW ||
		    f->outcome == FA_OUTCOME_ERROR)
			print_finding(out, f, nl);
	}
	for (i = 0; i < e->n_runs; i++) {
		errors += e->runs[i].error;
		not_in_force += !e->runs[i].in_force;
	}
	fprintf(out,
		"\nrules:    %zu run, %zu not in force, %zu could not run\n"
		"findings: %zu pass, %zu fail (%zu major, %zu minor), %zu not "
		"applicable, %zu needs review, %zu error\n",
		e->n_runs - not_in_force - errors, not_in_force, errors,
		e->counts[FA_OUTCOME_PASS], e->counts[FA_OUTCOME_FAIL],
		e->n_major_fail, e->n_minor_fail, e->counts[FA_OUTCOME_NA],
		e->counts[FA_OUTCOME_REVIEW], e->counts[FA_OUTCOME_ERROR]);
	if (errors)
		fprintf(out, "verdict:  incomplete: %zu rule%s could not run\n",
			errors, errors == 1 ? "" : "s");
	else
		fprintf(out, "verdict:  %s\n", verdict(e));
}

#define SAMPLE_AUTO ((size_t)-1)

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
	if (s && whole(s) < 0)
		return usage_error(cmd, "invalid seed '%s'", s);
	*seed = s ? (unsigned long long)whole(s) : fa_sample_random_seed();
	return 0;
}

static int by_time(const void *a, const void *b)
{
	const struct fa_rule_run *x = a, *y = b;

	return (x->seconds < y->seconds) - (x->seconds > y->seconds);
}

static void print_profile(const struct fa_eval *e)
{
	struct fa_rule_run *runs = malloc(e->n_runs * sizeof(*runs) + 1);
	double total = 0;
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
	free(runs);
}

int cmd_audit(struct cmd *cmd, int argc, char **argv)
{
	const char *lang = opt_get(cmd, "lang");
	const char *path = opt_get(cmd, "output");
	const char *format = opt_get(cmd, "format");
	char *json = NULL;
	struct fa_eval_options opt;
	struct fa_rulesets sets;
	struct fa_evidence *ev = NULL;
	struct fa_eval *e = NULL;
	struct fa_sample *sample = NULL;
	struct fa_error err;
	size_t sample_size = SAMPLE_AUTO;
	unsigned long long seed = 0;
	int inspection = 0;
	enum fa_code rc;
	size_t i, errors = 0;
	const char *const *paths;
	size_t n_paths;
	FILE *out;
	int code;

	(void)argc;
	if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "nl") != 0)
		return usage_error(cmd, "unknown language '%s'", lang);
	if (format && strcmp(format, "text") != 0 &&
	    strcmp(format, "json") != 0)
		return usage_error(cmd, "unknown format '%s'", format);
	if (parse_sampling(cmd, &inspection, &sample_size, &seed) != 0)
		return EXIT_USAGE;
	memset(&opt, 0, sizeof(opt));
	opt.audit_date = opt_get(cmd, "date");
	opt.only = opt_values(cmd, "rule", &opt.n_only);
	opt.skip = opt_values(cmd, "skip-rule", &opt.n_skip);
	opt.keep_all = opt_get(cmd, "verbose") != NULL;
	paths = opt_values(cmd, "rules", &n_paths);
	out = cli_output_open(path);
	if (!out)
		return EXIT_USAGE;
	code = cli_load_rules(&sets, paths, n_paths);
	if (code) {
		cli_output_close(out, path, 0);
		return code;
	}
	fa_error_init(&err);
	rc = fa_evidence_load(&ev, argv[0], &err);
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
	if (rc == FA_OK)
		rc = fa_eval_run(&e, ev, &sets, &opt, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		if (rc == FA_ERR_USAGE)
			fprintf(stderr, "try 'flexaudit audit --help'\n");
		code = cli_exit_code(rc);
		goto out;
	}
	if (format && strcmp(format, "json") == 0) {
		rc = fa_json_audit(&json, ev, &sets, e, sample, &err);
		if (rc != FA_OK) {
			cli_print_error(&err);
			code = cli_exit_code(rc);
			goto out;
		}
		fputs(json, out);
	} else {
		print_report(out, ev, &sets, e, sample,
			     lang && strcmp(lang, "nl") == 0,
			     opt_get(cmd, "verbose") != NULL);
	}
	if (opt_get(cmd, "profile"))
		print_profile(e);
	for (i = 0; i < e->n_runs; i++)
		errors += e->runs[i].error;
	code = e->n_major_fail + e->n_minor_fail ? EXIT_NONCOMPLIANT
	       : errors				 ? EXIT_INTERNAL
						 : EXIT_COMPLIANT;
out:
	if (cli_output_close(out, path, rc == FA_OK) != 0 && rc == FA_OK)
		code = EXIT_INTERNAL;
	free(json);
	fa_eval_free(e);
	fa_sample_free(sample);
	fa_evidence_free(ev);
	fa_rulesets_release(&sets);
	return code;
}
