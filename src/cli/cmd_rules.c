/* SPDX-License-Identifier: MIT */
/*
 * flexaudit rules list | show ID | lint [PATH...] | test [PATH...]:
 * rule sets for their authors. Also finds the bundled rule sets for audit.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/*
 * The bundled rule sets: $FLEXAUDIT_RULES; else rules/ beside the
 * directory of the binary (a source tree: build/flexaudit -> rules/); else
 * ../share/flexaudit/rules from it (an installed tree).
 */
static const char *bundled_rules(char *buf, size_t size)
{
	static const char *const rel[] = { "rules", "share/flexaudit/rules" };
	const char *env = getenv("FLEXAUDIT_RULES");
	char exe[4096], cwd[4096], dir[4200];
	ssize_t n;
	char *slash;
	size_t i, n_cwd;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "rules";
	exe[n] = '\0';
	/* /proc/self/exe is canonical: drop the file and its directory to get
	 * the parent (build/flexaudit -> ., /usr/bin/flexaudit -> /usr). */
	for (i = 0; i < 2 && (slash = strrchr(exe, '/')); i++)
		*slash = '\0';
	n_cwd = getcwd(cwd, sizeof(cwd)) ? strlen(cwd) : 0;
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", exe, rel[i]);
		if (!is_dir(dir))
			continue;
		/* Name it as the user would: relative inside the cwd. */
		if (n_cwd && strncmp(dir, cwd, n_cwd) == 0 && dir[n_cwd] == '/')
			snprintf(buf, size, "%s", dir + n_cwd + 1);
		else
			snprintf(buf, size, "%s", dir);
		return buf;
	}
	return "rules";
}

int cli_load_rules(struct fa_rulesets *sets, const char *const *paths,
		   size_t n_paths)
{
	return cli_load_rules_as(sets, paths, n_paths, 0);
}

int cli_load_rules_as(struct fa_rulesets *sets, const char *const *paths,
		      size_t n_paths, int json)
{
	char buf[4200];
	const char *one;
	struct fa_error err;
	enum fa_code rc;

	memset(sets, 0, sizeof(*sets));
	fa_error_init(&err);
	if (n_paths == 0) {
		one = bundled_rules(buf, sizeof(buf));
		paths = &one;
		n_paths = 1;
	}
	rc = fa_rulesets_load(sets, paths, n_paths, &err);
	if (rc == FA_OK)
		rc = fa_eval_lint(sets, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		/* Programs reading JSON get the problems as data too. */
		if (json)
			fa_show_error_json(stdout, &err);
		fa_rulesets_release(sets);
		return cli_exit_code(rc);
	}
	return 0;
}

int cli_load_bundled_rules(struct fa_rulesets *sets)
{
	char buf[4200];
	const char *one = bundled_rules(buf, sizeof(buf));
	struct fa_error err;

	memset(sets, 0, sizeof(*sets));
	fa_error_init(&err);
	if (fa_rulesets_load(sets, &one, 1, &err) != FA_OK) {
		fa_rulesets_release(sets);
		return -1;
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
	struct fa_rulesets sets;
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
	code = cli_load_rules_as(&sets, paths, n_paths, json);
	if (code)
		return code;
	fa_error_init(&err);
	if (strcmp(action, "test") == 0)
		code = run_tests(cmd, &sets, json);
	else if (strcmp(action, "show") == 0)
		code = show(&sets, argv[1], json);
	else if (strcmp(action, "lint") == 0)
		rc = json ? fa_show_lint_json(stdout, &sets, &err)
			  : fa_show_lint_text(stdout, &sets, &err);
	else
		rc = json ? fa_show_rules_json(stdout, &sets, &err)
			  : fa_show_rules_text(stdout, &sets, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		code = EXIT_INTERNAL;
	}
	fa_rulesets_release(&sets);
	return code;
}
