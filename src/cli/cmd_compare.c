/* SPDX-License-Identifier: MIT */
/*
 * flexaudit compare --left SET --right SET [--date D]... [PKG]: the norms
 * two rule sets share (by concept key), side by side on each date, which
 * is stricter and since when; with several dates, what changed between
 * them. With a package: the rules paired by those concepts are run on it
 * (passes kept) and every subject one rule of a pair passes and the other
 * fails is printed as a norm mismatch. Informational: exit 0 whatever it
 * finds, 2 for usage, 3 for a rejected package or rule set, 4 when a
 * paired rule could not run.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* The comparison on a package's date, its pairs and their mismatches. */
struct with_pkg {
	struct fa_evidence *ev;
	struct fa_eval *e;
	struct fa_rule_pair *pairs;
	size_t n_pairs;
	const char **ids;
	size_t n_ids;
	struct fa_mismatch *m;
	size_t n_m;
};

static enum fa_code run_package(struct with_pkg *w,
				const struct fa_rulesets *sets,
				const char *left, const char *right,
				const char *date, double rule_timeout,
				size_t threads, struct fa_error *err)
{
	struct fa_eval_options opt;
	enum fa_code rc;

	rc = fa_compare_rule_pairs(&w->pairs, &w->n_pairs, sets, left, right,
				   err);
	if (rc == FA_OK)
		rc = fa_compare_pair_rule_ids(&w->ids, &w->n_ids, w->pairs,
					      w->n_pairs, err);
	if (rc != FA_OK || !w->n_ids)
		return rc;
	/* only the paired rules, and their passes: a mismatch needs both */
	memset(&opt, 0, sizeof(opt));
	opt.audit_date = date;
	opt.only = w->ids;
	opt.n_only = w->n_ids;
	opt.keep = w->ids;
	opt.n_keep = w->n_ids;
	opt.rule_timeout = rule_timeout;
	opt.threads = threads;
	rc = fa_eval_run(&w->e, w->ev, sets, &opt, err);
	if (rc == FA_OK)
		rc = fa_compare_mismatches(&w->m, &w->n_m, w->e, w->pairs,
					   w->n_pairs, err);
	return rc;
}

int cmd_compare(struct cmd *cmd, int argc, char **argv)
{
	const char *left = opt_get(cmd, "left"), *right = opt_get(cmd, "right");
	const char *format = opt_get(cmd, "format");
	const char *const *dates, *const *paths;
	size_t n_dates, n_paths, d, i, *counts = NULL, threads = 0;
	struct fa_comparison **all = NULL;
	struct fa_rulesets *sets = NULL;
	struct fa_compare_result res;
	struct with_pkg w;
	struct fa_error err;
	char today[FA_DATE_LEN];
	const char *one[1];
	const char *pkg = argc > 0 ? argv[0] : NULL;
	int code = 0, json_out;
	enum fa_code rc = FA_OK;
	time_t t = time(NULL);
	double rule_timeout = 0;

	memset(&w, 0, sizeof(w));
	if (!left || !right)
		return usage_error(cmd, "--left and --right are required");
	if (format && strcmp(format, "text") != 0 &&
	    strcmp(format, "json") != 0)
		return usage_error(cmd, "unknown format '%s'", format);
	json_out = format && strcmp(format, "json") == 0;
	dates = opt_values(cmd, "date", &n_dates);
	if (pkg && n_dates > 1)
		return usage_error(cmd, "with a package, give at most one "
					"--date");
	if (cli_resource_options(cmd, &rule_timeout) != 0 ||
	    (pkg && cli_threads(cmd, &threads) != 0))
		return EXIT_USAGE;
	paths = opt_values(cmd, "rules", &n_paths);
	code = cli_load_rules(&sets, paths, n_paths, 0);
	if (code)
		return code;
	fa_error_init(&err);
	if (pkg) {
		rc = fa_evidence_load(&w.ev, pkg, &err);
		if (rc != FA_OK)
			goto failed;
		if (n_dates == 0) {
			one[0] = w.ev->manifest->period_to;
			dates = one;
			n_dates = 1;
		}
	}
	if (n_dates == 0) {
		strftime(today, sizeof(today), "%Y-%m-%d", localtime(&t));
		one[0] = today;
		dates = one;
		n_dates = 1;
	}
	all = calloc(n_dates, sizeof(*all));
	counts = calloc(n_dates, sizeof(*counts));
	for (d = 0; all && counts && d < n_dates; d++)
		if ((rc = fa_compare(&all[d], &counts[d], sets, left, right,
				     dates[d], &err)) != FA_OK)
			goto failed;
	if (!all || !counts) {
		code = EXIT_INTERNAL;
		goto out;
	}
	if (pkg && (rc = run_package(&w, sets, left, right, dates[0],
				     rule_timeout, threads, &err)) != FA_OK)
		goto failed;
	memset(&res, 0, sizeof(res));
	res.left = left;
	res.right = right;
	res.n_dates = n_dates;
	res.dates = dates;
	res.per_date = all;
	res.counts = counts;
	if (pkg) {
		res.package = pkg;
		res.ev = w.ev;
		res.e = w.e;
		res.pairs = w.pairs;
		res.n_pairs = w.n_pairs;
		res.mismatches = w.m;
		res.n_mismatches = w.n_m;
	}
	rc = json_out ? fa_show_compare_json(stdout, &res, &err)
		      : fa_show_compare_text(stdout, &res, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		code = EXIT_INTERNAL;
		goto out;
	}
	/* a paired rule that could not run, or could not check for want of
	 * a table, leaves the comparison incomplete */
	for (i = 0; w.e && i < w.e->n_runs; i++)
		if (w.e->runs[i].error || w.e->runs[i].n_missing)
			code = EXIT_INCOMPLETE;
	goto out;
failed:
	cli_print_error(&err);
	if (rc == FA_ERR_USAGE)
		fprintf(stderr, "try 'flexaudit compare --help'\n");
	if (rc == FA_ERR_NOMEM)
		cli_memory_hint();
	code = cli_exit_code(rc);
out:
	for (d = 0; all && d < n_dates; d++)
		free(all[d]);
	free(all);
	free(counts);
	free(w.m);
	free(w.ids);
	free(w.pairs);
	fa_eval_free(w.e);
	fa_evidence_free(w.ev);
	fa_rulesets_free(sets);
	return code;
}
