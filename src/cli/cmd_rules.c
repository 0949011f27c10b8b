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
	char *out = NULL;
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
		if (json && fa_json_error(&out, &err) == FA_OK)
			fputs(out, stdout);
		free(out);
		fa_rulesets_release(sets);
		return cli_exit_code(rc);
	}
	return 0;
}

enum fa_code cli_load_bundled_rules(struct fa_rulesets *sets,
				    struct fa_error *err)
{
	char buf[4200];
	const char *one = bundled_rules(buf, sizeof(buf));
	enum fa_code rc;

	memset(sets, 0, sizeof(*sets));
	rc = fa_rulesets_load(sets, &one, 1, err);
	if (rc != FA_OK)
		fa_rulesets_release(sets);
	return rc;
}

static size_t count_rules(const struct fa_rulesets *sets, size_t *params,
			  size_t *placeholders)
{
	size_t n = 0, s, p;

	*params = *placeholders = 0;
	for (s = 0; s < sets->n; s++) {
		n += sets->sets[s]->n_rules;
		*params += sets->sets[s]->n_params;
		for (p = 0; p < sets->sets[s]->n_params; p++)
			*placeholders +=
			    sets->sets[s]->params[p].confidence == FA_CONF_NF;
	}
	return n;
}

static void list_text(const struct fa_rulesets *sets)
{
	size_t s, i;

	for (s = 0; s < sets->n; s++) {
		const struct fa_ruleset *rs = sets->sets[s];

		printf("%s %s  %s\n  %s, sha256 %.16s\n", rs->id, rs->edition,
		       rs->title.en, rs->path, rs->sha256);
		for (i = 0; i < rs->n_rules; i++) {
			const struct fa_rule *r = &rs->rules[i];

			printf("  %-34s %-10s %-11s %-2s  %s\n", r->id,
			       fa_scope_name(r->scope),
			       fa_severity_name(r->severity),
			       fa_confidence_name(r->confidence), r->title.en);
		}
		for (i = 0; i < rs->n_params; i++) {
			const struct fa_param *p = &rs->params[i];

			printf("  param %-28s %-10s %-11s %-2s  %s\n", p->name,
			       p->unit ? p->unit : "",
			       p->concept ? p->concept : "",
			       fa_confidence_name(p->confidence), p->title.en);
		}
	}
}

static int show(const struct fa_rulesets *sets, const char *id, int json)
{
	const struct fa_rule *r = fa_rulesets_rule(sets, id);
	struct fa_error err;
	char *out = NULL;
	size_t i;

	if (!r) {
		fprintf(stderr, "flexaudit: no rule '%s'\n", id);
		return EXIT_USAGE;
	}
	if (json) {
		fa_error_init(&err);
		if (fa_json_rule(&out, r, &err) != FA_OK) {
			cli_print_error(&err);
			return EXIT_INTERNAL;
		}
		fputs(out, stdout);
		free(out);
		return 0;
	}
	printf("%s  (%s %s, %s:%lu)\n", r->id, r->set->id, r->set->edition,
	       r->set->path, r->line);
	printf("title       %s\n            %s\n", r->title.en, r->title.nl);
	printf("article     %s\n", r->article);
	printf("scope       %s\nseverity    %s\n", fa_scope_name(r->scope),
	       fa_severity_name(r->severity));
	printf("effective   %s to %s\n",
	       r->from[0]	 ? r->from
	       : r->set->from[0] ? r->set->from
				 : "-",
	       r->until[0]	  ? r->until
	       : r->set->until[0] ? r->set->until
				  : "-");
	printf("source      %s (confidence %s)\n", r->source ? r->source : "-",
	       fa_confidence_name(r->confidence));
	printf("reads      ");
	for (i = 0; i < r->n_reads; i++)
		printf(" %s", r->reads[i]);
	printf("\nmessage     %s\n            %s\n", r->message.en,
	       r->message.nl);
	if (r->remedy.en)
		printf("remedy      %s\n            %s\n", r->remedy.en,
		       r->remedy.nl ? r->remedy.nl : "");
	if (r->question.en)
		printf("question    %s\n            %s\n", r->question.en,
		       r->question.nl ? r->question.nl : "");
	printf("check       (%s:%lu)\n%s\n", r->set->path, r->check_line,
	       r->check);
	printf("tests      ");
	for (i = 0; i < r->n_tests; i++)
		printf(" '%s'", r->tests[i].name);
	printf("\n");
	return 0;
}

static int run_tests(struct cmd *cmd, const struct fa_rulesets *sets, int json)
{
	struct fa_test_result *res = NULL;
	struct fa_error err;
	const char *const *only;
	size_t n = 0, n_only, i, failed = 0;
	char *out = NULL;

	fa_error_init(&err);
	only = opt_values(cmd, "rule", &n_only);
	if (fa_eval_test(&res, &n, sets, only, n_only, &err) != FA_OK) {
		cli_print_error(&err);
		return cli_exit_code(err.code);
	}
	for (i = 0; i < n; i++)
		failed += !res[i].passed;
	if (json) {
		if (fa_json_tests(&out, res, n, &err) != FA_OK) {
			cli_print_error(&err);
			fa_eval_tests_free(res, n);
			return EXIT_INTERNAL;
		}
		fputs(out, stdout);
		free(out);
	} else {
		for (i = 0; i < n; i++)
			if (!res[i].passed)
				printf("FAIL %s: %s\n%s\n", res[i].rule->id,
				       res[i].test->name, res[i].detail);
		printf("rule tests: %zu passed, %zu failed\n", n - failed,
		       failed);
	}
	fa_eval_tests_free(res, n);
	return failed ? EXIT_NONCOMPLIANT : 0;
}

int cmd_rules(struct cmd *cmd, int argc, char **argv)
{
	const char *format = opt_get(cmd, "format");
	const char *action = argv[0];
	struct fa_rulesets sets;
	const char *const *paths;
	size_t n_paths, n_rules, n_params, n_nf;
	int json, code;
	char *out = NULL;
	struct fa_error err;

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
	n_rules = count_rules(&sets, &n_params, &n_nf);
	if (strcmp(action, "lint") == 0 && json) {
		printf("{\n  \"ok\": true,\n  \"rule_sets\": %zu,\n  "
		       "\"rules\": %zu,\n  \"parameters\": %zu,\n  "
		       "\"placeholders\": %zu\n}\n",
		       sets.n, n_rules, n_params, n_nf);
	} else if (strcmp(action, "lint") == 0) {
		printf("rules lint: %zu rule set%s, %zu rules, %zu parameters "
		       "(%zu placeholders): ok\n",
		       sets.n, sets.n == 1 ? "" : "s", n_rules, n_params, n_nf);
	} else if (strcmp(action, "test") == 0) {
		code = run_tests(cmd, &sets, json);
	} else if (strcmp(action, "show") == 0) {
		code = show(&sets, argv[1], json);
	} else if (json) {
		fa_error_init(&err);
		if (fa_json_rules(&out, &sets, &err) == FA_OK)
			fputs(out, stdout);
		else
			code = EXIT_INTERNAL;
		free(out);
	} else {
		list_text(&sets);
	}
	fa_rulesets_release(&sets);
	return code;
}
