/* SPDX-License-Identifier: MIT */
/*
 * What `flexaudit schema` shows: the evidence tables and columns, as
 * Markdown (the column reference of docs/evidence-package.md is this
 * output) or as JSON, and the manifest's XSD. Uses schema, manifest and
 * json_impl.h.
 */
#include <string.h>

#include "flexaudit.h"
#include "json_impl.h"
#include "manifest.h"
#include "schema.h"

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

enum fa_code fa_show_schema_markdown(FILE *out, struct fa_error *err)
{
	size_t i, j;

	(void)err;
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
	return FA_OK;
}

/* ---- JSON ---------------------------------------------------------------- */

enum fa_code fa_show_schema_json(FILE *out, struct fa_error *err)
{
	json_t *root = json_object(), *tables = json_array();
	size_t i, j;

	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);
		json_t *o = json_object(), *cols = json_array();

		set(o, "table", json_string(t->name));
		set(o, "file", json_string(t->file));
		set(o, "required", json_boolean(t->flags & FA_TABLE_REQUIRED));
		set(o, "description", json_string(t->doc));
		for (j = 0; j < t->n_cols; j++) {
			const struct fa_column_spec *c = &t->cols[j];
			json_t *co = json_object();

			set(co, "name", json_string(c->name));
			set(co, "name_nl", str_or_null(c->name_nl));
			set(co, "type",
			    json_string(fa_schema_type_name(c->type)));
			set(co, "required",
			    json_boolean(c->flags & FA_COL_REQUIRED));
			set(co, "unique",
			    json_boolean(c->flags & FA_COL_UNIQUE));
			set(co, "personal_data",
			    json_boolean(c->flags & FA_COL_PERSONAL));
			set(co, "values", str_or_null(c->values));
			set(co, "unit", str_or_null(c->unit));
			set(co, "references", str_or_null(c->ref));
			set(co, "if_empty", str_or_null(c->empty));
			set(co, "example", str_or_null(c->example));
			set(co, "norm", str_or_null(c->norm));
			set(co, "description", str_or_null(c->doc));
			append(cols, co);
		}
		set(o, "columns", cols);
		append(tables, o);
	}
	set(root, "format", json_integer(1));
	set(root, "tables", tables);
	return dump(out, root, err);
}

enum fa_code fa_show_manifest_xsd(FILE *out, struct fa_error *err)
{
	(void)err;
	fwrite(fa_manifest_xsd, 1, fa_manifest_xsd_len, out);
	return FA_OK;
}
