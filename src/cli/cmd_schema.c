/* SPDX-License-Identifier: MIT */
/*
 * flexaudit schema: the evidence tables and columns, as Markdown (the
 * column reference of docs/evidence-package.md is this output) or JSON
 * (show_schema.c).
 */
#include <string.h>

#include "cli.h"

int cmd_schema(struct cmd *cmd, int argc, char **argv)
{
	static const char *const formats[] = { "markdown", "json", NULL };
	const char *format = opt_get(cmd, "format");
	struct fa_error err;
	enum fa_code rc;

	(void)argc;
	(void)argv;
	if (format && opt_choice(formats, format) < 0)
		return usage_choice(cmd, "format", format, formats);
	fa_error_init(&err);
	rc = format && strcmp(format, "json") == 0
		 ? fa_show_schema_json(stdout, &err)
		 : fa_show_schema_markdown(stdout, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		return EXIT_INTERNAL;
	}
	return 0;
}
