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

static int show(const struct cmd *cmd, const struct fa_rulesets *sets,
		const char *id, int json)
{
	const struct fa_rule *r;
	struct fa_error err;

	fa_error_init(&err);
	if (fa_rulesets_find_rule(&r, sets, id, &err) != FA_OK) {
		cli_print_error(&err);
		fprintf(stderr, "try 'flexaudit %s --help'\n", cmd->name);
		return EXIT_USAGE;
	}
	if ((json ? fa_show_rule_json(stdout, r, &err)
		  : fa_show_rule_text(stdout, r, &err)) != FA_OK) {
		cli_print_error(&err);
		return EXIT_INTERNAL;
	}
	return 0;
}

static int run_tests(struct cmd *cmd, const struct fa_rulesets *sets, int json)
{
	struct fa_rule_tests *t = NULL;
	struct fa_error err;
	const char *const *only;
	size_t n_only;
	enum fa_code rc;
	int code;

	fa_error_init(&err);
	only = opt_values(cmd, "rule", &n_only);
	rc = fa_rule_tests_run(&t, sets, only, n_only, &err);
	if (rc == FA_OK)
		rc = json ? fa_show_tests_json(stdout, t, &err)
			  : fa_show_tests_text(stdout, t, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		if (rc == FA_ERR_USAGE && !t)
			fprintf(stderr, "try 'flexaudit %s --help'\n",
				cmd->name);
		/* the tests ran, and only showing them failed: exit 4 */
		code = t ? EXIT_INTERNAL : cli_exit_code(rc);
	} else {
		code = fa_rule_tests_failed(t) ? EXIT_NONCOMPLIANT : 0;
	}
	fa_rule_tests_free(t);
	return code;
}

int cmd_rules(struct cmd *cmd, int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const actions[] = { "list", "show", "lint", "test",
					       NULL };
	const char *format = opt_get(cmd, "format");
	const char *action = argv[0];
	struct fa_rulesets *sets = NULL;
	const char *const *paths;
	size_t n_paths;
	int json, code;
	struct fa_error err;
	enum fa_code rc = FA_OK;

	if (format && opt_choice(formats, format) < 0)
		return usage_choice(cmd, "format", format, formats);
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
		return usage_choice(cmd, "action", action, actions);
	}
	code = cli_load_rules(&sets, paths, n_paths, json);
	if (code)
		return code;
	fa_error_init(&err);
	if (strcmp(action, "test") == 0)
		code = run_tests(cmd, sets, json);
	else if (strcmp(action, "show") == 0)
		code = show(cmd, sets, argv[1], json);
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
