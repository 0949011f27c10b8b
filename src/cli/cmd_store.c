/* SPDX-License-Identifier: MIT */
/*
 * The commands of the audit store: runs (the runs listed), report RUN (a
 * stored run's report written again), judge (the inspector's
 * judgements), waive (a member's waivers) and diff (two audits
 * compared). The store and the reports are the library's (fa_store_*,
 * fa_audit_write, fa_show_diff); this parses the options, prints and
 * chooses the exit code.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_store_path(struct cmd *cmd)
{
	const char *s = opt_get(cmd, "store");

	if (!s)
		s = getenv("FLEXAUDIT_STORE");
	if (s && *s)
		return s;
	usage_error(cmd, "no store: give --store FILE or set "
			 "FLEXAUDIT_STORE");
	return NULL;
}

/* Open the store that exists at path. 0, or the exit code (printed). */
static int open_store(struct fa_store **store, const char *path)
{
	struct fa_error err;

	*store = NULL;
	fa_error_init(&err);
	if (fa_store_open(store, path, 0, &err) != FA_OK) {
		cli_print_error(&err);
		return err.code == FA_ERR_IO ? EXIT_USAGE
					     : cli_exit_code(err.code);
	}
	return 0;
}

/* --lang of cmd: 0 English, 1 Dutch, -1 after printing a usage error. */
static int lang_of(struct cmd *cmd)
{
	static const char *const langs[] = { "en", "nl", NULL };
	const char *lang = opt_get(cmd, "lang");

	if (lang && opt_choice(langs, lang) < 0) {
		usage_choice(cmd, "language", lang, langs);
		return -1;
	}
	return lang && strcmp(lang, "nl") == 0;
}

int cmd_runs(struct cmd *cmd, int argc, char **argv)
{
	struct fa_store *store = NULL;
	struct fa_error err;
	int nl = lang_of(cmd), code;
	const char *path = cli_store_path(cmd);

	(void)argc;
	(void)argv;
	if (nl < 0 || !path)
		return EXIT_USAGE;
	code = open_store(&store, path);
	if (code)
		return code;
	fa_error_init(&err);
	if (fa_show_runs_text(stdout, store, opt_get(cmd, "member"), nl,
			      &err) != FA_OK) {
		cli_print_error(&err);
		code = cli_exit_code(err.code);
	}
	fa_store_close(store);
	return code;
}

int cmd_report(struct cmd *cmd, int argc, char **argv)
{
	struct fa_store_view view;
	struct fa_store *store = NULL;
	struct fa_audit *audit = NULL;
	struct cli_reports reports;
	struct fa_error err;
	enum fa_code rc;
	const char *path;
	int64_t run;
	int nl = lang_of(cmd), code;

	(void)argc;
	if (nl < 0)
		return EXIT_USAGE;
	if (fa_store_parse_run(&run, argv[0]) != 0)
		return usage_error(cmd,
				   "invalid run '%s': give a run's number "
				   "('flexaudit runs' lists them)",
				   argv[0]);
	if (cli_reports_parse(&reports, cmd) != 0)
		return EXIT_USAGE;
	memset(&view, 0, sizeof(view));
	view.nl = nl;
	view.reveal_personal = opt_get(cmd, "reveal-personal-data") != NULL;
	view.verbose = opt_get(cmd, "verbose") != NULL;
	view.fails = opt_get(cmd, "fails") != NULL;
	view.all = opt_get(cmd, "all") != NULL;
	view.generated_at = opt_get(cmd, "generated-at");
	path = cli_store_path(cmd);
	if (!path)
		return EXIT_USAGE;
	code = open_store(&store, path);
	if (code)
		return code;
	if (cli_outputs_distinct(reports.paths, reports.n, &path, 1) != 0 ||
	    cli_reports_open(&reports, cmd, view.reveal_personal) != 0) {
		fa_store_close(store);
		return EXIT_USAGE;
	}
	fa_error_init(&err);
	rc = fa_store_load_run(&audit, store, run, &view, &err);
	if (rc == FA_OK)
		rc = cli_reports_write(&reports, audit, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		code = audit ? EXIT_INTERNAL : cli_exit_code(rc);
	} else {
		code = fa_audit_major_fails(audit) + fa_audit_minor_fails(audit)
			   ? EXIT_NONCOMPLIANT
		       : fa_audit_incomplete(audit) ? EXIT_INCOMPLETE
						    : EXIT_COMPLIANT;
	}
	if (cli_reports_close(&reports, rc == FA_OK) != 0 && rc == FA_OK)
		code = EXIT_INTERNAL;
	fa_store_close(store);
	fa_audit_free(audit);
	return code;
}

/* judge RUN --judgements FILE: 0, or the exit code (printed). */
static int judge_file(struct cmd *cmd, struct fa_store *store, int64_t run,
		      const char *file)
{
	size_t n = 0, unmatched = 0, skipped = 0;
	struct fa_error err;

	fa_error_init(&err);
	if (fa_store_judge_file(&n, &unmatched, &skipped, store, run, file,
				opt_get(cmd, "by"), &err) != FA_OK) {
		cli_print_error(&err);
		fprintf(stderr, "flexaudit: no judgement of '%s' recorded\n",
			file);
		return err.code == FA_ERR_USAGE ? EXIT_USAGE
						: cli_exit_code(err.code);
	}
	fprintf(stderr,
		"flexaudit: recorded %zu judgements of run %lld from '%s'; "
		"%zu name no open finding of the run (its report lists "
		"them); %zu rows without a verdict skipped\n",
		n, (long long)run, file, unmatched, skipped);
	return 0;
}

int cmd_judge(struct cmd *cmd, int argc, char **argv)
{
	const char *file = opt_get(cmd, "judgements");
	struct fa_store_judgement j;
	struct fa_store *store = NULL;
	struct fa_error err;
	const char *path;
	size_t unmatched = 0;
	int64_t run;
	int code;

	if (fa_store_parse_run(&run, argv[0]) != 0)
		return usage_error(cmd,
				   "invalid run '%s': give a run's number "
				   "('flexaudit runs' lists them)",
				   argv[0]);
	if (file && argc > 1)
		return usage_error(cmd, "give a KEY or --judgements FILE, not "
					"both");
	if (file) {
		path = cli_store_path(cmd);
		if (!path)
			return EXIT_USAGE;
		code = open_store(&store, path);
		if (!code)
			code = judge_file(cmd, store, run, file);
		fa_store_close(store);
		return code;
	}
	if (argc < 2)
		return usage_error(cmd, "give the key of the finding to judge "
					"(RULE-ID/SUBJECT), or --judgements "
					"FILE");
	memset(&j, 0, sizeof(j));
	j.key = argv[1];
	j.verdict = opt_get(cmd, "verdict");
	j.severity = opt_get(cmd, "severity");
	j.note = opt_get(cmd, "note");
	j.by = opt_get(cmd, "by");
	if (!j.verdict)
		return usage_error(cmd, "give --verdict accept, deviation or "
					"not-applicable");
	path = cli_store_path(cmd);
	if (!path)
		return EXIT_USAGE;
	code = open_store(&store, path);
	if (code)
		return code;
	fa_error_init(&err);
	if (fa_store_judge(&unmatched, store, run, &j, 1, &err) != FA_OK) {
		cli_print_error(&err);
		code = cli_exit_code(err.code);
	} else if (unmatched) {
		fprintf(stderr,
			"flexaudit: run %lld has no open finding '%s': the "
			"judgement is kept and its report lists it\n",
			(long long)run, j.key);
	}
	fa_store_close(store);
	return code;
}

int cmd_diff(struct cmd *cmd, int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *format = opt_get(cmd, "format");
	struct fa_diff_input in[2];
	struct fa_store *store = NULL;
	struct fa_error err;
	const char *path = NULL;
	int nl = lang_of(cmd), code = 0, i, runs = 0;
	FILE *out;

	(void)argc;
	if (nl < 0)
		return EXIT_USAGE;
	if (format && opt_choice(formats, format) < 0)
		return usage_choice(cmd, "format", format, formats);
	for (i = 0; i < 2; i++) {
		memset(&in[i], 0, sizeof(in[i]));
		/* digits name a run; anything else a JSON report */
		if (fa_store_parse_run(&in[i].run, argv[i]) != 0)
			in[i].file = argv[i];
		else
			runs++;
	}
	if (runs) {
		path = cli_store_path(cmd);
		if (!path)
			return EXIT_USAGE;
		code = open_store(&store, path);
		if (code)
			return code;
	}
	out = cli_output_open(opt_get(cmd, "output"),
			      opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW
							      : 0);
	if (!out) {
		fa_store_close(store);
		return EXIT_USAGE;
	}
	fa_error_init(&err);
	if (fa_show_diff(out, store, &in[0], &in[1],
			 format && strcmp(format, "json") == 0, nl,
			 opt_get(cmd, "all") != NULL, &err) != FA_OK) {
		cli_print_error(&err);
		code = err.code == FA_ERR_USAGE ? EXIT_USAGE
						: cli_exit_code(err.code);
	}
	if (cli_output_close(out, code == 0) != 0 && code == 0)
		code = EXIT_INTERNAL;
	fa_store_close(store);
	return code;
}

int cmd_waive(struct cmd *cmd, int argc, char **argv)
{
	struct fa_store *store = NULL;
	struct fa_error err;
	const char *path = cli_store_path(cmd);
	char kvk[16];
	size_t n = 0;
	int code;

	(void)argc;
	if (!path)
		return EXIT_USAGE;
	code = open_store(&store, path);
	if (code)
		return code;
	fa_error_init(&err);
	if (fa_store_waive_file(&n, kvk, sizeof(kvk), store, argv[0], &err) !=
	    FA_OK) {
		cli_print_error(&err);
		fprintf(stderr, "flexaudit: no waiver of '%s' recorded\n",
			argv[0]);
		code = cli_exit_code(err.code);
	} else {
		fprintf(stderr,
			"flexaudit: recorded %zu waivers for KvK %s from '%s' "
			"(replacing the member's earlier ones)\n",
			n, kvk, argv[0]);
	}
	fa_store_close(store);
	return code;
}
