/* SPDX-License-Identifier: MIT */
/*
 * flexaudit schema: the evidence tables and columns, as Markdown (the
 * column reference of docs/evidence-package.md is this output) or JSON
 * (show_schema.c); with --manifest-xsd the manifest's XSD instead.
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
	if (format && opt_get(cmd, "manifest-xsd"))
		return usage_error(cmd, "--manifest-xsd takes no --format: the "
					"schema is XML");
	fa_error_init(&err);
	if (opt_get(cmd, "manifest-xsd"))
		rc = fa_show_manifest_xsd(stdout, &err);
	else if (format && strcmp(format, "json") == 0)
		rc = fa_show_schema_json(stdout, &err);
	else
		rc = fa_show_schema_markdown(stdout, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		return EXIT_INTERNAL;
	}
	return 0;
}
