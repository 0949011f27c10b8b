/* SPDX-License-Identifier: MIT */
/*
 * flexaudit schema: the evidence tables and columns, as Markdown (the
 * column reference of docs/evidence-package.md is this output) or JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void cell(FILE *out, const char *s)
{
	fputs("| ", out);
	for (; s && *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc(' ', out);
}

static void print_markdown(FILE *out)
{
	size_t i, j;

	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);

		fprintf(out, "### `%s` (%s, %s)\n\n%s.\n\n", t->name, t->file,
			(t->flags & FA_TABLE_REQUIRED) ? "required"
						       : "optional",
			t->doc);
		fputs("| column | Dutch header | type | unit | required | "
		      "example | needed for | meaning |\n"
		      "|---|---|---|---|---|---|---|---|\n",
		      out);
		for (j = 0; j < t->n_cols; j++) {
			const struct fa_column_spec *c = &t->cols[j];
			char type[512], req[64], meaning[512];

			if (c->type == FA_COL_ENUM)
				snprintf(type, sizeof(type), "one of: %s",
					 c->values);
			else
				snprintf(type, sizeof(type), "%s",
					 fa_schema_type_name(c->type));
			snprintf(req, sizeof(req), "%s%s",
				 (c->flags & FA_COL_REQUIRED) ? "yes" : "no",
				 (c->flags & FA_COL_UNIQUE) ? ", unique" : "");
			snprintf(
			    meaning, sizeof(meaning), "%s%s%s%s%s",
			    c->doc ? c->doc : "", c->ref ? "; refers to " : "",
			    c->ref ? c->ref : "",
			    (c->flags & FA_COL_PERSONAL) ? "; personal data"
							 : "",
			    c->empty ? "" : "");
			fprintf(out, "| `%s` ", c->name);
			cell(out, c->name_nl ? c->name_nl : "");
			cell(out, type);
			cell(out, c->unit ? c->unit : "");
			cell(out, req);
			cell(out, c->example ? c->example : "");
			cell(out, c->norm ? c->norm : "");
			cell(out, meaning);
			fputs("|\n", out);
		}
		fputc('\n', out);
	}
}

int cmd_schema(struct cmd *cmd, int argc, char **argv)
{
	const char *format = opt_get(cmd, "format");
	struct fa_error err;
	char *json = NULL;

	(void)argc;
	(void)argv;
	if (format && strcmp(format, "markdown") != 0 &&
	    strcmp(format, "json") != 0)
		return usage_error(cmd, "unknown format '%s'", format);
	if (format && strcmp(format, "json") == 0) {
		fa_error_init(&err);
		if (fa_json_schema(&json, &err) != FA_OK) {
			cli_print_error(&err);
			return EXIT_INTERNAL;
		}
		fputs(json, stdout);
		free(json);
		return 0;
	}
	print_markdown(stdout);
	return 0;
}
