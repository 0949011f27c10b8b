/* SPDX-License-Identifier: MIT */
/*
 * The audit, whole: the one entry every program calls (the command line,
 * the store, the server), so that they cannot drift apart. fa_audit_run
 * opens the rule sets, loads the package, checks the audit date against
 * its period, draws the inspection sample, runs the rules, finds the norm
 * mismatches of the comparisons the rule sets declare (<mismatches
 * against>: which sets are compared is data, never an id in C) and builds
 * the report model; the finished audit writes its report in any format
 * and says what a program's exit code depends on. Uses ruleset_open,
 * evidence, sample, eval, compare, report and the report writers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flexaudit.h"
#include "audit_impl.h"
#include "compare.h"
#include "eval.h"
#include "evidence.h"
#include "json.h"
#include "report.h"
#include "report_plan.h"
#include "resource.h"
#include "ruleset.h"
#include "sample.h"
#include "text.h"

#define MIB (1024.0 * 1024.0)

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress(const struct fa_audit_options *opt,
		     enum fa_audit_step step)
{
	if (opt->progress)
		opt->progress(opt->progress_ctx, step, 0, 0, NULL);
}

/* fa_eval_options.progress: ctx is the audit. */
static void rule_progress(void *ctx, size_t done, size_t total,
			  const char *rule_id)
{
	const struct fa_audit_options *opt = ((struct fa_audit *)ctx)->opt;

	opt->progress(opt->progress_ctx, FA_AUDIT_RULE, done, total, rule_id);
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* A copy of the n strings of v into *out (NULL when n is 0). */
static enum fa_code copy_list(char ***out, const char *const *v, size_t n,
			      struct fa_error *err)
{
	char **c;
	size_t i;

	*out = NULL;
	if (!n)
		return FA_OK;
	c = calloc(n, sizeof(*c));
	for (i = 0; c && i < n; i++)
		if (!(c[i] = fa_text_dup(v[i]))) {
			free_list(c, i);
			c = NULL;
		}
	if (!c)
		return fa_error_nomem(err, NULL);
	*out = c;
	return FA_OK;
}

/* The sample of an inspection: its size from the options or from the
 * number of workers (docs/sampling.md). */
static enum fa_code draw_sample(struct fa_audit *a,
				const struct fa_audit_options *opt,
				struct fa_error *err)
{
	size_t population = 0, size, t;
	uint64_t seed = opt->has_seed ? opt->seed : fa_sample_random_seed();

	for (t = 0; t < a->ev->n_tables; t++)
		if (strcmp(a->ev->tables[t].spec->name, "workers") == 0)
			population = a->ev->tables[t].rows;
	size = opt->sample_size ? opt->sample_size
				: fa_sample_auto_size(population);
	return fa_sample_draw(&a->sample, a->ev, size, seed, err);
}

/* The rule sets, the package and the audit date: 0 when they are sound. */
static enum fa_code load(struct fa_audit *a, const struct fa_audit_options *opt,
			 struct fa_error *err)
{
	const struct fa_manifest *m;
	enum fa_code rc;
	double t0;

	rc = fa_rulesets_open(&a->sets, opt->rules, opt->n_rules, err);
	/* the comparisons the rule sets declare: their rules' passes are
	 * kept, to compare (a declared set not loaded: no pairs) */
	if (rc == FA_OK)
		rc = fa_compare_declared_pairs(&a->pairs, &a->n_pairs, a->sets,
					       err);
	if (rc == FA_OK)
		rc = fa_compare_pair_rule_ids(&a->keep, &a->n_keep, a->pairs,
					      a->n_pairs, err);
	if (rc != FA_OK)
		return rc;
	progress(opt, FA_AUDIT_LOADING);
	t0 = now_seconds();
	rc = fa_evidence_load(&a->ev, opt->package, err);
	a->load_seconds = now_seconds() - t0;
	if (rc != FA_OK)
		return rc;
	m = a->ev->manifest;
	/* the evidence covers the period: a date outside it judges what the
	 * package cannot show (an invalid date is refused by fa_eval_run) */
	if (opt->audit_date && !opt->allow_date_outside_period &&
	    fa_date_valid(opt->audit_date) &&
	    !fa_evidence_covers(a->ev, opt->audit_date))
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "audit date %s is outside the package's "
				    "audit period (%s to %s): give a date "
				    "inside it, or --allow-date-outside-period",
				    opt->audit_date, m->period_from,
				    m->period_to);
	return FA_OK;
}

/* The sample, then the rules. */
static enum fa_code evaluate(struct fa_audit *a,
			     const struct fa_audit_options *opt,
			     struct fa_error *err)
{
	struct fa_eval_options eo;
	enum fa_code rc = FA_OK;
	double t0 = now_seconds();

	if (opt->inspection)
		rc = draw_sample(a, opt, err);
	if (rc != FA_OK)
		return rc;
	memset(&eo, 0, sizeof(eo));
	eo.audit_date = opt->audit_date;
	eo.only = opt->only;
	eo.n_only = opt->n_only;
	eo.skip = opt->skip;
	eo.n_skip = opt->n_skip;
	eo.keep_all = opt->verbose || opt->all;
	eo.keep = a->keep;
	eo.n_keep = a->n_keep;
	eo.sample = a->sample;
	eo.rule_timeout = opt->rule_timeout;
	eo.threads = opt->threads;
	if (opt->progress) {
		eo.progress = rule_progress;
		eo.progress_ctx = a;
	}
	progress(opt, FA_AUDIT_RULES);
	rc = fa_eval_run(&a->e, a->ev, a->sets, &eo, err);
	a->eval_seconds = now_seconds() - t0;
	return rc;
}

/* The mismatches of the pairs that ran, and the report model. */
static enum fa_code make_report(struct fa_audit *a,
				const struct fa_audit_options *opt,
				struct fa_error *err)
{
	struct fa_report_options ro;
	struct fa_error quiet;
	char buf[FA_RULESET_DIR_MAX + 32];
	const char *bundled;
	enum fa_code rc = FA_OK;

	memset(&ro, 0, sizeof(ro));
	ro.nl = opt->nl;
	ro.reveal_personal = opt->reveal_personal;
	ro.verbose = opt->verbose;
	ro.fails = opt->fails;
	ro.all = opt->all;
	ro.self_assessment = !opt->inspection;
	ro.generated_at = opt->generated_at;
	ro.only = (const char *const *)a->only;
	ro.n_only = a->n_only;
	ro.skip = (const char *const *)a->skip;
	ro.n_skip = a->n_skip;
	if (opt->n_rules) {
		/* rules named: which of the bundled ones are left out */
		bundled = fa_rulesets_bundled_path(buf, sizeof(buf));
		fa_error_init(&quiet);
		rc = fa_rulesets_load(&a->bundled, &bundled, 1, &quiet);
		a->have_bundled = rc == FA_OK;
		if (rc == FA_ERR_NOMEM) {
			/* sets that cannot be read are "not known"; running
			 * out of memory ends the run rather than change the
			 * report */
			*err = quiet;
			return rc;
		}
		rc = FA_OK;
		ro.bundled = a->have_bundled ? &a->bundled : NULL;
		ro.bundled_unknown = !a->have_bundled;
	}
	progress(opt, FA_AUDIT_REPORT);
	return fa_audit_build_report(a, &ro, err);
}

void fa_audit_free_follow_up(struct fa_audit *a)
{
	size_t i;

	if (!a->follow_up)
		return;
	for (i = 0; i < a->follow_up->n_due; i++) {
		free(a->follow_up->due[i].key);
		free(a->follow_up->due[i].rule_id);
		free(a->follow_up->due[i].object);
	}
	free(a->follow_up->due);
	free(a->follow_up);
	a->follow_up = NULL;
	if (a->report)
		a->report->follow_up = NULL;
}

void fa_audit_free_waivers(struct fa_audit *a)
{
	size_t i;

	for (i = 0; i < a->n_waivers; i++) {
		free(a->waivers[i].id);
		free(a->waivers[i].rule_id);
		free(a->waivers[i].approver);
		free(a->waivers[i].reason);
		free(a->waivers[i].basis);
	}
	free(a->waivers);
	a->waivers = NULL;
	a->n_waivers = 0;
	for (i = 0; a->e && i < a->e->n_findings; i++)
		a->e->findings[i].waived = NULL;
	if (a->report) {
		a->report->waivers = NULL;
		a->report->n_waivers = a->report->n_waived = 0;
	}
}

enum fa_code fa_audit_build_report(struct fa_audit *a,
				   const struct fa_report_options *ro,
				   struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	int paired = a->n_pairs > 0;

	if (paired) {
		/* only pairs whose two rules both ran (--rule, --skip-rule,
		 * effective dates): no section rather than a false "none" */
		a->n_pairs =
		    fa_compare_pairs_that_ran(a->pairs, a->n_pairs, a->e);
		paired = a->n_pairs > 0;
	}
	if (paired)
		rc = fa_compare_mismatches(&a->mismatches, &a->n_mismatches,
					   a->e, a->pairs, a->n_pairs, err);
	if (rc != FA_OK)
		return rc;
	return fa_report_new(&a->report, a->ev, a->sets, a->e, a->sample,
			     a->mismatches, a->n_mismatches,
			     paired ? a->pairs : NULL, paired ? a->n_pairs : 0,
			     ro, err);
}

enum fa_code fa_audit_run(struct fa_audit **out,
			  const struct fa_audit_options *opt,
			  struct fa_error *err)
{
	struct fa_audit *a;
	enum fa_code rc;
	double t0;

	*out = NULL;
	if (opt->has_seed && opt->seed > (uint64_t)INT64_MAX)
		/* the JSON report writes it as a signed 64-bit integer */
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "invalid seed %llu: give a whole number "
				    "from 0 to 9223372036854775807",
				    (unsigned long long)opt->seed);
	a = calloc(1, sizeof(*a));
	if (!a)
		return fa_error_nomem(err, NULL);
	a->opt = opt;
	a->kept_all = opt->verbose || opt->all;
	a->rules_named = opt->n_rules > 0;
	rc = copy_list(&a->only, opt->only, opt->n_only, err);
	if (rc == FA_OK) {
		a->n_only = opt->n_only;
		rc = copy_list(&a->skip, opt->skip, opt->n_skip, err);
	}
	if (rc == FA_OK) {
		a->n_skip = opt->n_skip;
		rc = load(a, opt, err);
	}
	if (rc == FA_OK)
		rc = evaluate(a, opt, err);
	t0 = now_seconds();
	if (rc == FA_OK)
		rc = make_report(a, opt, err);
	a->report_seconds = now_seconds() - t0;
	a->opt = NULL;
	if (rc != FA_OK) {
		fa_audit_free(a);
		return rc;
	}
	*out = a;
	return FA_OK;
}

void fa_audit_free(struct fa_audit *a)
{
	size_t i;

	if (!a)
		return;
	/* before the findings and the report they are attached to */
	fa_audit_free_follow_up(a);
	fa_audit_free_waivers(a);
	fa_report_free(a->report);
	free(a->mismatches);
	free(a->keep);
	free(a->pairs);
	fa_eval_free(a->e);
	fa_sample_free(a->sample);
	fa_evidence_free(a->ev);
	if (a->have_bundled)
		fa_rulesets_release(&a->bundled);
	fa_rulesets_free(a->sets);
	free_list(a->only, a->n_only);
	free_list(a->skip, a->n_skip);
	for (i = 0; i < a->n_judged; i++) {
		free(a->judged[i].key);
		free(a->judged[i].verdict);
		free(a->judged[i].note);
		free(a->judged[i].by);
		free(a->judged[i].at);
		free(a->judged[i].source);
	}
	free(a->judged);
	free(a);
}

enum fa_code fa_audit_write(FILE *out, const struct fa_audit *a,
			    enum fa_format format, struct fa_error *err)
{
	switch (format) {
	case FA_FORMAT_TEXT:
		return fa_report_write_text(out, a->report, err);
	case FA_FORMAT_JSON:
		return fa_json_write_report(out, a->report, err);
	case FA_FORMAT_CSV:
		return fa_report_write_csv(out, a->report, err);
	case FA_FORMAT_HTML:
		return fa_report_write_html(out, a->report, err);
	case FA_FORMAT_PLAN_CSV:
		return fa_report_write_plan_csv(out, a->report, err);
	case FA_FORMAT_XLSX:
		return fa_report_write_plan_xlsx(out, a->report, err);
	}
	return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
			    "no report format %d", (int)format);
}

size_t fa_audit_major_fails(const struct fa_audit *a)
{
	return a->e->n_major_fail;
}

size_t fa_audit_minor_fails(const struct fa_audit *a)
{
	return a->e->n_minor_fail;
}

int fa_audit_incomplete(const struct fa_audit *a)
{
	return a->report->incomplete != 0;
}

static int by_time(const void *a, const void *b)
{
	const struct fa_rule_run *x = a, *y = b;

	return (x->seconds < y->seconds) - (x->seconds > y->seconds);
}

enum fa_code fa_audit_write_profile(FILE *out, const struct fa_audit *a,
				    double write_seconds, struct fa_error *err)
{
	const struct fa_eval *e = a->e;
	struct fa_rule_run *runs = malloc(e->n_runs * sizeof(*runs) + 1);
	double total = 0, load = a->load_seconds, eval = a->eval_seconds;
	uint64_t peak, limit;
	size_t i;

	if (!runs)
		return fa_error_nomem(err, NULL);
	memcpy(runs, e->runs, e->n_runs * sizeof(*runs));
	qsort(runs, e->n_runs, sizeof(*runs), by_time);
	fprintf(out, "profile: %-34s %9s %9s\n", "rule", "seconds", "findings");
	for (i = 0; i < e->n_runs; i++) {
		total += runs[i].seconds;
		fprintf(out, "profile: %-34s %9.3f %9zu\n", runs[i].rule->id,
			runs[i].seconds, runs[i].n_findings);
	}
	fprintf(out, "profile: %-34s %9.3f\n", "total", total);
	fprintf(out,
		"profile: wall clock: load %.3f s, rules %.3f s (%.0f%% of the "
		"load), reports %.3f s (with the norm mismatches)\n",
		load, eval, load > 0 ? 100.0 * eval / load : 0.0,
		a->report_seconds + write_seconds);
	fa_resource_sqlite_use(&peak, &limit);
	fprintf(out,
		"profile: memory: SQLite at most %.1f MiB of its %.1f MiB, "
		"findings %.1f MiB of their %.1f MiB\n",
		(double)peak / MIB, (double)limit / MIB,
		(double)e->findings_bytes / MIB,
		(double)fa_resource_findings_bytes() / MIB);
	free(runs);
	return FA_OK;
}
