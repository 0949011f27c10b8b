/* SPDX-License-Identifier: MIT */
/*
 * flexaudit inspect PKG: load a package and summarise it (show_inspect.c
 * makes the summary). No personal data is printed.
 */
#include <string.h>

#include "cli.h"

int cmd_inspect(struct cmd *cmd, int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *format = opt_get(cmd, "format");
	const char *path = opt_get(cmd, "output");
	struct fa_evidence *ev = NULL;
	struct fa_error err;
	enum fa_code rc;
	FILE *out;
	int json_out, code;

	(void)argc;
	if (format && opt_choice(formats, format) < 0)
		return usage_choice(cmd, "format", format, formats);
	json_out = format && strcmp(format, "json") == 0;
	/* Before the (possibly long) load, so a bad -o fails at once. */
	if (path && cli_outputs_distinct(&path, 1,
					 (const char *const *)&argv[0], 1) != 0)
		return EXIT_USAGE;
	out = cli_output_open(
	    path, opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW : 0);
	if (!out)
		return EXIT_USAGE;
	fa_error_init(&err);
	rc = fa_evidence_load(&ev, argv[0], &err);
	if (rc == FA_OK)
		rc = json_out ? fa_show_inspect_json(out, ev, &err)
			      : fa_show_inspect_text(
				    out, ev, opt_get(cmd, "all") != NULL, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		cli_output_close(out, 0);
		fa_evidence_free(ev);
		return cli_exit_code(rc);
	}
	fa_evidence_free(ev);
	code = cli_output_close(out, 1) == 0 ? EXIT_COMPLIANT : EXIT_INTERNAL;
	return code;
}
