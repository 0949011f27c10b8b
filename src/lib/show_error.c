/* SPDX-License-Identifier: MIT */
/*
 * A failure's problems as a program shows them: one located line each, or
 * a JSON document for programs that read the output. Uses error and
 * json_impl.h.
 */
#include "flexaudit.h"
#include "json_impl.h"

void fa_show_error_text(FILE *out, const struct fa_error *e, const char *prefix)
{
	char line[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];
	size_t i;

	for (i = 0; i < e->n; i++) {
		fa_diag_format(line, sizeof(line), &e->diag[i]);
		fprintf(out, "%s: %s\n", prefix, line);
	}
	if (e->n_dropped)
		fprintf(out, "%s: %zu more problems not shown\n", prefix,
			e->n_dropped);
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *diag_json(const struct fa_diag *d)
{
	json_t *o = json_object();

	set(o, "where", json_string(d->where));
	set(o, "line", json_integer((json_int_t)d->line));
	set(o, "column", json_integer((json_int_t)d->column));
	set(o, "message", json_string(d->message));
	return o;
}

enum fa_code fa_show_error_json(FILE *out, const struct fa_error *e)
{
	json_t *root = json_object(), *er = json_object(), *list = json_array();
	size_t i;

	for (i = 0; i < e->n; i++)
		append(list, diag_json(&e->diag[i]));
	set(er, "code", json_string(fa_code_name(e->code)));
	set(er, "problems", list);
	set(er, "more_problems", json_integer((json_int_t)e->n_dropped));
	set(root, "error", er);
	return dump(out, root, NULL);
}
