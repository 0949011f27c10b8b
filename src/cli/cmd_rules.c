/* SPDX-License-Identifier: MIT */
/*
 * flexaudit rules list | show ID | lint [PATH...] | test [PATH...]:
 * rule sets for their authors (show_rules.c makes the output). Also loads
 * the rule sets for compare.
 */
#include <string.h>

#include "cli.h"

int cli_load_rules(struct fa_rulesets **sets, const char *const *paths,
		   size_t n_paths, int json)
{
	struct fa_error err;
	enum fa_code rc;

	fa_error_init(&err);
	rc = fa_rulesets_open(sets, paths, n_paths, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		/* Programs reading JSON get the problems as data too. */
		if (json)
			fa_show_error_json(stdout, &err);
		return cli_exit_code(rc);
	}
	return 0;
}

static int show(const struct fa_rulesets *sets, const char *id, int json)
{
	const struct fa_rule *r = fa_rulesets_rule(sets, id);
	struct fa_error err;

	if (!r) {
		fprintf(stderr, "flexaudit: no rule '%s'\n", id);
		return EXIT_USAGE;
	}
	fa_error_init(&err);
	if ((json ? fa_show_rule_json(stdout, r, &err)
		  : fa_show_rule_text(stdout, r, &err)) != FA_OK) {
		cli_print_error(&err);
		return EXIT_INTERNAL;
	}
	return 0;
}

static int run_tests(struct cmd *cmd, const struct fa_rulesets *sets, int json)
{
	struct fa_test_result *res = NULL;
	struct fa_error err;
	const char *const *only;
	size_t n = 0, n_only, i, failed = 0;
	enum fa_code rc;

	fa_error_init(&err);
	only = opt_values(cmd, "rule", &n_only);
	if (fa_eval_test(&res, &n, sets, only, n_only, &err) != FA_OK) {
		cli_print_error(&err);
		return cli_exit_code(err.code);
	}
	for (i = 0; i < n; i++)
		failed += !res[i].passed;
	rc = json ? fa_show_tests_json(stdout, res, n, &err)
		  : fa_show_tests_text(stdout, res, n, &err);
	fa_eval_tests_free(res, n);
	if (rc != FA_OK) {
		cli_print_error(&err);
		return EXIT_INTERNAL;
	}
	return failed ? EXIT_NONCOMPLIANT : 0;
}

int cmd_rules(struct cmd *cmd, int argc, char **argv)
{
	const char *format = opt_get(cmd, "format");
	const char *action = argv[0];
	struct fa_rulesets *sets = NULL;
	const char *const *paths;
	size_t n_paths;
	int json, code;
	struct fa_error err;
	enum fa_code rc = FA_OK;

	if (format && strcmp(format, "text") != 0 &&
	    strcmp(format, "json") != 0)
		return usage_error(cmd, "unknown format '%s'", format);
	json = format && strcmp(format, "json") == 0;
	paths = opt_values(cmd, "rules", &n_paths);
	if (strcmp(action, "lint") == 0 || strcmp(action, "test") == 0) {
		/* Positional paths, as in `rules lint rules/`. */
		if (argc > 1) {
			paths = (const char *const *)argv + 1;
			n_paths = (size_t)argc - 1;
		}
	} else if (strcmp(action, "show") == 0) {
		if (argc != 2)
			return usage_error(cmd, "rules show needs one rule id");
	} else if (strcmp(action, "list") == 0) {
		if (argc != 1)
			return usage_error(cmd, "unexpected argument '%s'",
					   argv[1]);
	} else {
		return usage_error(cmd, "unknown action '%s'", action);
	}
	code = cli_load_rules(&sets, paths, n_paths, json);
	if (code)
		return code;
	fa_error_init(&err);
	if (strcmp(action, "test") == 0)
		code = run_tests(cmd, sets, json);
	else if (strcmp(action, "show") == 0)
		code = show(sets, argv[1], json);
	else if (strcmp(action, "lint") == 0)
		rc = json ? fa_show_lint_json(stdout, sets, &err)
			  : fa_show_lint_text(stdout, sets, &err);
	else
		rc = json ? fa_show_rules_json(stdout, sets, &err)
			  : fa_show_rules_text(stdout, sets, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		code = EXIT_INTERNAL;
	}
	fa_rulesets_free(sets);
	return code;
}
