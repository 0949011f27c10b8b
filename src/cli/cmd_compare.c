/* SPDX-License-Identifier: MIT */
/*
 * flexaudit compare --left SET --right SET [--date D]...: the norms two
 * rule sets share (by concept key), side by side on each date, which is
 * stricter and since when; with several dates, what changed between them.
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

static const char *stricter(enum fa_relation r, const char *l, const char *rt)
{
	switch (r) {
	case FA_REL_LEFT_STRICTER:
	case FA_REL_ONLY_LEFT:
		return l;
	case FA_REL_RIGHT_STRICTER:
	case FA_REL_ONLY_RIGHT:
		return rt;
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

	printf("\non %s\n%-40s %-24s %-24s %-8s %s\n", date, "concept", left,
	       right, "stricter", "since");
	for (i = 0; i < n; i++) {
		value(a, sizeof(a), c[i].left, c[i].lv);
		value(b, sizeof(b), c[i].right, c[i].rv);
		differ += c[i].relation != FA_REL_EQUAL &&
			  c[i].relation != FA_REL_NEITHER;
		printf("%-40s %-24s %-24s %-8s %s\n", c[i].concept, a, b,
		       stricter(c[i].relation, left, right),
		       c[i].since[0] ? c[i].since : "-");
	}
	printf("%zu of %zu norms differ\n", differ, n);
}

int cmd_compare(struct cmd *cmd, int argc, char **argv)
{
	const char *left = opt_get(cmd, "left"), *right = opt_get(cmd, "right");
	const char *format = opt_get(cmd, "format");
	const char *const *dates, *const *paths;
	size_t n_dates, n_paths, d, i, *counts = NULL;
	struct fa_comparison **all = NULL;
	struct fa_rulesets sets;
	struct fa_error err;
	char today[FA_DATE_LEN], *json = NULL;
	int code = 0;
	time_t t = time(NULL);

	(void)argc;
	(void)argv;
	if (!left || !right)
		return usage_error(cmd, "--left and --right are required");
	if (format && strcmp(format, "text") != 0 &&
	    strcmp(format, "json") != 0)
		return usage_error(cmd, "unknown format '%s'", format);
	dates = opt_values(cmd, "date", &n_dates);
	if (n_dates == 0) {
		strftime(today, sizeof(today), "%Y-%m-%d", localtime(&t));
		dates = (const char *const[]){ today };
		n_dates = 1;
	}
	paths = opt_values(cmd, "rules", &n_paths);
	code = cli_load_rules(&sets, paths, n_paths);
	if (code)
		return code;
	all = calloc(n_dates, sizeof(*all));
	counts = calloc(n_dates, sizeof(*counts));
	fa_error_init(&err);
	for (d = 0; all && counts && d < n_dates; d++)
		if (fa_compare(&all[d], &counts[d], &sets, left, right,
			       dates[d], &err) != FA_OK) {
			cli_print_error(&err);
			if (err.code == FA_ERR_USAGE)
				fprintf(stderr,
					"try 'flexaudit compare --help'\n");
			code = cli_exit_code(err.code);
			goto out;
		}
	if (!all || !counts) {
		code = EXIT_INTERNAL;
		goto out;
	}
	if (format && strcmp(format, "json") == 0) {
		if (fa_json_compare(&json, left, right, dates, n_dates, all,
				    counts, &err) != FA_OK) {
			cli_print_error(&err);
			code = EXIT_INTERNAL;
			goto out;
		}
		fputs(json, stdout);
		goto out;
	}
	printf("compare %s with %s (norms paired by concept key)\n", left,
	       right);
	for (d = 0; d < n_dates; d++)
		print_date(all[d], counts[d], left, right, dates[d]);
	for (d = 1; d < n_dates; d++) {
		printf("\nchanged from %s to %s:\n", dates[d - 1], dates[d]);
		for (i = 0; i < counts[d] && i < counts[d - 1]; i++)
			if (all[d][i].relation != all[d - 1][i].relation)
				printf(
				    "  %-40s %s -> %s\n", all[d][i].concept,
				    stricter(all[d - 1][i].relation, left,
					     right),
				    stricter(all[d][i].relation, left, right));
	}
out:
	for (d = 0; all && d < n_dates; d++)
		free(all[d]);
	free(all);
	free(counts);
	free(json);
	fa_rulesets_release(&sets);
	return code;
}
