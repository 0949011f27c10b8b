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

static void value(char *buf, size_t size, const struct fa_param *p,
		  const struct fa_param_value *v)
{
	if (!p)
		snprintf(buf, size, "(no such norm)");
	else if (!v)
		snprintf(buf, size, "(no value)");
	else
		snprintf(buf, size, "%s%s%s [%s]", v->text, p->unit ? " " : "",
			 p->unit ? p->unit : "",
			 fa_confidence_name(v->confidence));
}

/*
 * Who is stricter, in the "stricter" column: a set's id, "equal",
 * "differ", or "cao only" where only one side has a norm on the date (a
 * value against nothing is not a comparison of strictness).
 */
static const char *stricter(enum fa_relation r, const char *l, const char *rt)
{
	static char only[2][80];

	switch (r) {
	case FA_REL_LEFT_STRICTER:
		return l;
	case FA_REL_RIGHT_STRICTER:
		return rt;
	case FA_REL_ONLY_LEFT:
		snprintf(only[0], sizeof(only[0]), "%s only", l);
		return only[0];
	case FA_REL_ONLY_RIGHT:
		snprintf(only[1], sizeof(only[1]), "%s only", rt);
		return only[1];
	case FA_REL_EQUAL:
		return "equal";
	case FA_REL_DIFFERENT:
		return "differ";
	case FA_REL_NEITHER:
		break;
	}
	return "-";
}

static void print_date(const struct fa_comparison *c, size_t n,
		       const char *left, const char *right, const char *date)
{
	char a[96], b[96];
	size_t i, differ = 0;

	printf("\non %s\n%-40s %-24s %-24s %-10s %s\n", date, "concept", left,
	       right, "stricter", "since");
	for (i = 0; i < n; i++) {
		value(a, sizeof(a), c[i].left, c[i].lv);
		value(b, sizeof(b), c[i].right, c[i].rv);
		differ += c[i].relation != FA_REL_EQUAL &&
			  c[i].relation != FA_REL_NEITHER;
		printf("%-40s %-24s %-24s %-10s %s\n", c[i].concept, a, b,
		       stricter(c[i].relation, left, right),
		       c[i].since[0] ? c[i].since : "-");
	}
	printf("%zu of %zu norms differ\n", differ, n);
}

/* ---- with a package ------------------------------------------------------ */

static void print_side(int width, const char *set, const struct fa_finding *f)
{
	printf("          %-*s  ", width, set);
	/* observed and expected come from the package: escaped */
	fa_text_write(stdout, "%s  %s%s: %s; %s\n", f->rule->id,
		      fa_outcome_key(f->outcome),
		      (f->flags & FA_FINDING_SOFTENED)
			  ? " (fails on an uncertain or placeholder value)"
			  : "",
		      f->observed ? f->observed : "-",
		      f->expected ? f->expected : "-");
}

static void print_run(const struct fa_eval *e, const struct fa_rule_run *run)
{
	printf("  %-34s ", run->rule->id);
	if (run->error)
		printf("could not run\n");
	else if (run->n_missing) {
		size_t i;

		printf("not checked: the package does not supply");
		for (i = 0; i < run->n_missing; i++)
			printf("%s %s", i ? "," : "", run->missing[i]);
		printf("\n");
	} else if (!run->in_force)
		printf("not in force on %s\n", e->audit_date);
	else
		printf("%zu pass, %zu fail, %zu not applicable, %zu needs "
		       "review\n",
		       run->counts[FA_OUTCOME_PASS],
		       run->counts[FA_OUTCOME_FAIL], run->counts[FA_OUTCOME_NA],
		       run->counts[FA_OUTCOME_REVIEW]);
}

static void print_package(const char *pkg, const char *left, const char *right,
			  const char *date, const struct fa_eval *e,
			  const struct fa_rule_pair *pairs, size_t n_pairs,
			  const struct fa_mismatch *m, size_t n_m)
{
	size_t i, by_kind[2] = { 0, 0 };
	const struct fa_finding *f;
	int width =
	    (int)(strlen(left) > strlen(right) ? strlen(left) : strlen(right));
	char concept[128];

	printf("\npackage %s, audit date %s\n", pkg, date);
	if (!n_pairs) {
		printf("no rule pairs: no rule of %s and rule of %s with the "
		       "same scope read a\nshared concept, so there are no "
		       "subjects to compare\n",
		       left, right);
		return;
	}
	printf("rules paired by a shared concept key and the same scope:\n");
	for (i = 0; i < n_pairs; i++) {
		/* "+1": the two rules share more concepts than the one shown */
		if (pairs[i].n_concepts > 1)
			snprintf(concept, sizeof(concept), "%s +%zu",
				 pairs[i].concept, pairs[i].n_concepts - 1);
		else
			snprintf(concept, sizeof(concept), "%s",
				 pairs[i].concept);
		printf("  %-40s %-30s %-30s %s\n", concept, pairs[i].left->id,
		       pairs[i].right->id, fa_scope_name(pairs[i].left->scope));
	}
	printf("the paired rules on %s:\n", date);
	for (i = 0; i < e->n_runs; i++)
		print_run(e, &e->runs[i]);
	for (i = 0; i < e->n_findings; i++) {
		f = &e->findings[i];
		if (f->outcome == FA_OUTCOME_ERROR)
			fa_text_write(stdout, "ERROR  %s  %s\n", f->rule->id,
				      f->observed ? f->observed : "");
	}
	printf("\nnorm mismatches: subjects that one rule of a pair passes "
	       "and the other fails\n");
	printf("  passes %s, fails %s: meets the %s norm but not the %s "
	       "norm, which is stricter here\n",
	       left, right, left, right);
	printf("  fails %s, passes %s: meets the %s norm but not the %s "
	       "norm, which is stricter here\n",
	       left, right, right, left);
	printf("  a subject both pass or both fail, or that either rule "
	       "does not judge\n  (not applicable, needs review), is not "
	       "a mismatch\n");
	for (i = 0; i < n_m; i++) {
		int reverse = m[i].kind != FA_MISMATCH_LEFT_PASSES_RIGHT_FAILS;

		by_kind[reverse]++;
		printf("\nMISMATCH  %s  %s  %s %s, %s %s\n", m[i].concept,
		       m[i].left->subject, reverse ? "fails" : "passes", left,
		       reverse ? "passes" : "fails", right);
		print_side(width, left, m[i].left);
		print_side(width, right, m[i].right);
		f = m[i].right->ref_file ? m[i].right : m[i].left;
		if (f->ref_file)
			printf("          evidence: %s:%lu\n", f->ref_file,
			       f->ref_line);
	}
	printf("\nmismatches: %zu (%zu pass %s and fail %s, %zu fail %s and "
	       "pass %s)\n",
	       n_m, by_kind[0], left, right, by_kind[1], left, right);
}

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
	struct fa_rulesets sets;
	struct with_pkg w;
	struct fa_error err;
	char today[FA_DATE_LEN], *json = NULL;
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
	code = cli_load_rules(&sets, paths, n_paths);
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
		if ((rc = fa_compare(&all[d], &counts[d], &sets, left, right,
				     dates[d], &err)) != FA_OK)
			goto failed;
	if (!all || !counts) {
		code = EXIT_INTERNAL;
		goto out;
	}
	if (pkg && (rc = run_package(&w, &sets, left, right, dates[0],
				     rule_timeout, threads, &err)) != FA_OK)
		goto failed;
	if (json_out) {
		rc = pkg ? fa_json_compare_package(
			       &json, left, right, dates[0], all[0], counts[0],
			       w.ev, w.e, w.pairs, w.n_pairs, w.m, w.n_m, &err)
			 : fa_json_compare(&json, left, right, dates, n_dates,
					   all, counts, &err);
		if (rc != FA_OK) {
			cli_print_error(&err);
			code = EXIT_INTERNAL;
			goto out;
		}
		fputs(json, stdout);
	} else {
		printf("compare %s with %s (norms paired by concept key)\n",
		       left, right);
		for (d = 0; d < n_dates; d++)
			print_date(all[d], counts[d], left, right, dates[d]);
		for (d = 1; d < n_dates; d++) {
			printf("\nchanged from %s to %s:\n", dates[d - 1],
			       dates[d]);
			for (i = 0; i < counts[d] && i < counts[d - 1]; i++)
				if (all[d][i].relation !=
				    all[d - 1][i].relation)
					printf("  %-40s %s -> %s\n",
					       all[d][i].concept,
					       stricter(all[d - 1][i].relation,
							left, right),
					       stricter(all[d][i].relation,
							left, right));
		}
		if (pkg)
			print_package(pkg, left, right, dates[0], w.e, w.pairs,
				      w.n_pairs, w.m, w.n_m);
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
	free(json);
	free(w.m);
	free(w.ids);
	free(w.pairs);
	fa_eval_free(w.e);
	fa_evidence_free(w.ev);
	fa_rulesets_release(&sets);
	return code;
}
