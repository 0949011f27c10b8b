/* SPDX-License-Identifier: MIT */
/*
 * flexaudit compare --left SET --right SET [--date D]... [PKG]: the norms
 * two rule sets share (by concept key), side by side on each date, which
 * is stricter and since when; with several dates, what changed between
 * them. With a package: the rules paired by those concepts are run on it
 * (passes kept) and every subject one rule of a pair passes and the other
 * fails is printed as a norm mismatch (fa_compare_run does the work,
 * show_compare.c the output). Informational: exit 0 whatever it finds, 2
 * for usage, 3 for a rejected package or rule set, 5 when a paired rule
 * could not run or could not check for want of a table.
 */
#include <string.h>

#include "cli.h"

int cmd_compare(struct cmd *cmd, int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *format = opt_get(cmd, "format");
	struct fa_compare_options opt;
	struct fa_compare_result *res = NULL;
	struct fa_rulesets *sets = NULL;
	const char *const *paths;
	struct fa_error err;
	size_t n_paths;
	int code = 0, json_out;
	enum fa_code rc;

	memset(&opt, 0, sizeof(opt));
	opt.left = opt_get(cmd, "left");
	opt.right = opt_get(cmd, "right");
	opt.package = argc > 0 ? argv[0] : NULL;
	if (!opt.left || !opt.right)
		return usage_error(cmd, "--left and --right are required");
	if (format && opt_choice(formats, format) < 0)
		return usage_choice(cmd, "format", format, formats);
	json_out = format && strcmp(format, "json") == 0;
	opt.dates = opt_values(cmd, "date", &opt.n_dates);
	if (opt.package && opt.n_dates > 1)
		return usage_error(cmd, "with a package, give at most one "
					"--date");
	if (cli_resource_options(cmd, &opt.rule_timeout) != 0 ||
	    (opt.package && cli_threads(cmd, &opt.threads) != 0))
		return EXIT_USAGE;
	paths = opt_values(cmd, "rules", &n_paths);
	code = cli_load_rules(&sets, paths, n_paths, 0);
	if (code)
		return code;
	fa_error_init(&err);
	rc = fa_compare_run(&res, sets, &opt, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		if (rc == FA_ERR_USAGE)
			fprintf(stderr, "try 'flexaudit compare --help'\n");
		if (rc == FA_ERR_NOMEM)
			cli_memory_hint();
		code = cli_exit_code(rc);
	} else if ((json_out
			? fa_show_compare_json(stdout, res, &err)
			: fa_show_compare_text(stdout, res, &err)) != FA_OK) {
		cli_print_error(&err);
		code = EXIT_INTERNAL;
	} else {
		code = fa_compare_result_incomplete(res) ? EXIT_INCOMPLETE : 0;
	}
	fa_compare_result_free(res);
	fa_rulesets_free(sets);
	return code;
}
