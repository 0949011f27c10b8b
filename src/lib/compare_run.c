/* SPDX-License-Identifier: MIT */
/*
 * What `flexaudit compare` does, for any program: the concepts of two
 * loaded rule sets compared on each date and, with a package, the rules
 * the sets pair by a shared concept run on it (their passes kept, since a
 * mismatch needs both sides) and the subjects on which a pair disagrees.
 * show_compare.c shows the result. Uses compare, eval and evidence.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flexaudit.h"
#include "compare.h"
#include "eval.h"
#include "evidence.h"
#include "text.h"

/* The rule pairs of the two sets, run on the package on r->dates[0]. */
static enum fa_code run_package(struct fa_compare_result *r,
				const struct fa_rulesets *sets,
				const struct fa_compare_options *opt,
				struct fa_error *err)
{
	struct fa_eval_options eo;
	enum fa_code rc;

	rc = fa_compare_rule_pairs(&r->pairs, &r->n_pairs, sets, r->left,
				   r->right, err);
	if (rc == FA_OK)
		rc = fa_compare_pair_rule_ids(&r->ids, &r->n_ids, r->pairs,
					      r->n_pairs, err);
	if (rc != FA_OK || !r->n_ids)
		return rc;
	/* only the paired rules, and their passes: a mismatch needs both */
	memset(&eo, 0, sizeof(eo));
	eo.audit_date = r->dates[0];
	eo.only = r->ids;
	eo.n_only = r->n_ids;
	eo.keep = r->ids;
	eo.n_keep = r->n_ids;
	eo.rule_timeout = opt->rule_timeout;
	eo.threads = opt->threads;
	rc = fa_eval_run(&r->e, r->ev, sets, &eo, err);
	if (rc == FA_OK)
		rc = fa_compare_mismatches(&r->mismatches, &r->n_mismatches,
					   r->e, r->pairs, r->n_pairs, err);
	return rc;
}

/*
 * The dates to compare on: the options', else the end of the package's
 * audit period, else today (local time). 0 or FA_ERR_NOMEM.
 */
static enum fa_code take_dates(struct fa_compare_result *r,
			       const struct fa_compare_options *opt,
			       struct fa_error *err)
{
	char today[FA_DATE_LEN];
	const char *one;
	const char *const *dates = opt->dates;
	size_t n = opt->n_dates, i;
	time_t t;
	struct tm tm;

	if (!n) {
		if (r->ev) {
			one = r->ev->manifest->period_to;
		} else {
			t = time(NULL);
			if (!localtime_r(&t, &tm) ||
			    !strftime(today, sizeof(today), "%Y-%m-%d", &tm))
				return fa_error_add(err, FA_ERR_INTERNAL, NULL,
						    0, 0,
						    "cannot tell today's date");
			one = today;
		}
		dates = &one;
		n = 1;
	}
	r->dates = calloc(n, sizeof(*r->dates));
	if (!r->dates)
		return fa_error_nomem(err, NULL);
	r->n_dates = n;
	for (i = 0; i < n; i++)
		if (!(r->dates[i] = fa_text_dup(dates[i])))
			return fa_error_nomem(err, NULL);
	return FA_OK;
}

enum fa_code fa_compare_run(struct fa_compare_result **out,
			    const struct fa_rulesets *sets,
			    const struct fa_compare_options *opt,
			    struct fa_error *err)
{
	struct fa_compare_result *r;
	enum fa_code rc = FA_OK;
	size_t d;

	*out = NULL;
	if (opt->package && opt->n_dates > 1)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "with a package, give at most one date");
	r = calloc(1, sizeof(*r));
	if (!r || !(r->left = fa_text_dup(opt->left)) ||
	    !(r->right = fa_text_dup(opt->right)) ||
	    (opt->package && !(r->package = fa_text_dup(opt->package)))) {
		fa_compare_result_free(r);
		return fa_error_nomem(err, NULL);
	}
	if (opt->package)
		rc = fa_evidence_load(&r->ev, opt->package, err);
	if (rc == FA_OK)
		rc = take_dates(r, opt, err);
	if (rc == FA_OK) {
		r->per_date = calloc(r->n_dates, sizeof(*r->per_date));
		r->counts = calloc(r->n_dates, sizeof(*r->counts));
		if (!r->per_date || !r->counts)
			rc = fa_error_nomem(err, NULL);
	}
	for (d = 0; rc == FA_OK && d < r->n_dates; d++)
		rc = fa_compare(&r->per_date[d], &r->counts[d], sets, r->left,
				r->right, r->dates[d], err);
	if (rc == FA_OK && r->ev)
		rc = run_package(r, sets, opt, err);
	if (rc != FA_OK) {
		fa_compare_result_free(r);
		return rc;
	}
	*out = r;
	return FA_OK;
}

int fa_compare_result_incomplete(const struct fa_compare_result *r)
{
	size_t i;

	/* a paired rule that could not run, or could not check for want of
	 * a table, leaves the comparison incomplete */
	for (i = 0; r->e && i < r->e->n_runs; i++)
		if (r->e->runs[i].error || r->e->runs[i].n_missing)
			return 1;
	return 0;
}

void fa_compare_result_free(struct fa_compare_result *r)
{
	size_t d;

	if (!r)
		return;
	for (d = 0; r->per_date && d < r->n_dates; d++)
		free(r->per_date[d]);
	free(r->per_date);
	free(r->counts);
	for (d = 0; r->dates && d < r->n_dates; d++)
		free(r->dates[d]);
	free(r->dates);
	free(r->mismatches);
	free(r->ids);
	free(r->pairs);
	fa_eval_free(r->e);
	fa_evidence_free(r->ev);
	free(r->package);
	free(r->left);
	free(r->right);
	free(r);
}
