/* SPDX-License-Identifier: MIT */
/*
 * The dated data of a rule set: parameters with their values and tables
 * with their <data> blocks, each value or cell parsed by its type into
 * canonical text, and the dates of the values and blocks kept in order
 * without overlaps. Built with the common part of ruleset_build.c
 * (ruleset_impl.h); uses value, csv and xmlload's tree.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset_impl.h"

/* Bytes of canonical text of a non-text value: int64 digits, sign, point
 * (and room the compiler can see for the fraction). */
#define CANON_MAX 48
/* Decimals a number parameter or cell may have; doubles hold them. */
#define NUMBER_SCALE 6
_Static_assert(CANON_MAX >= FA_DATE_LEN, "a date fits canonical text");

/* In the order of enum fa_param_type in ruleset.h. */
static const char *const type_names[] = { "number", "money", "integer",
					  "text",   "date",  "boolean" };
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- typed values -------------------------------------------------------- */

/* Canonical text of a scaled decimal: "-12.50"; zeros kept if asked. */
static void format_scaled(char out[CANON_MAX], int64_t v, int scale,
			  int keep_zeros)
{
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	unsigned long long div = 1;
	char frac[24];
	int i, n;

	for (i = 0; i < scale; i++)
		div *= 10;
	n = snprintf(frac, sizeof(frac), "%0*llu", scale, u % div);
	while (!keep_zeros && n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	snprintf(out, CANON_MAX, "%s%llu%s%s", v < 0 ? "-" : "", u / div,
		 frac[0] ? "." : "", frac);
}

/*
 * Parse s[0..len) as type. For every type but text, canon receives the
 * canonical text (see struct fa_param_value); number and integer as in
 * that struct. Returns 0, or -1 with why.
 */
static int parse_typed(char canon[CANON_MAX], double *number,
		       long long *integer, enum fa_param_type type,
		       const char *s, size_t len, const char **why)
{
	int64_t v;
	int yes;

	if (fa_value_empty(s, len)) {
		*why = "empty";
		return -1;
	}
	switch (type) {
	case FA_PARAM_NUMBER:
		if (fa_value_decimal(&v, s, len, NUMBER_SCALE, why) != 0)
			return -1;
		format_scaled(canon, v, NUMBER_SCALE, 0);
		*number = (double)v / 1e6;
		return 0;
	case FA_PARAM_MONEY:
		if (fa_value_decimal(&v, s, len, 2, why) != 0)
			return -1;
		format_scaled(canon, v, 2, 1);
		*integer = v;
		return 0;
	case FA_PARAM_INTEGER:
		if (fa_value_int(&v, s, len, why) != 0)
			return -1;
		snprintf(canon, CANON_MAX, "%lld", (long long)v);
		*integer = v;
		return 0;
	case FA_PARAM_BOOLEAN:
		if (fa_value_bool(&yes, s, len, why) != 0)
			return -1;
		snprintf(canon, CANON_MAX, "%d", yes);
		*integer = yes;
		return 0;
	case FA_PARAM_DATE:
		return fa_value_date(canon, s, len, why);
	case FA_PARAM_TEXT:
		return 0;
	}
	*why = "unknown type";
	return -1;
}

/* A dated span (a value or a data block) for the order check. */
struct span {
	const char *from, *until;
	unsigned long line;
};

/* Spans in date order and not overlapping; kind: "value" or "data". */
static void check_spans(struct fa_rs_build *b, const struct span *sp, size_t n,
			const char *kind)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const struct span *p = &sp[i - 1], *c = &sp[i];

		if (!p->from[0] || !c->from[0] ||
		    (p->until[0] && strcmp(p->until, p->from) < 0) ||
		    (c->until[0] && strcmp(c->until, c->from) < 0))
			continue;
		if (p->until[0] && strcmp(c->from, p->until) > 0)
			continue;
		if (c->until[0] && strcmp(c->until, p->from) < 0)
			fa_rs_problem(
			    b, FA_ERR_INPUT, c->line,
			    "%s from %s is out of order: it starts before "
			    "the %s on line %lu",
			    kind, c->from, kind, p->line);
		else
			fa_rs_problem(b, FA_ERR_INPUT, c->line,
				      "%s from %s overlaps the %s on line %lu",
				      kind, c->from, kind, p->line);
	}
}

/* ---- data blocks --------------------------------------------------------- */

struct table_ctx {
	struct fa_rs_build *b;
	struct fa_table *t;
	const char *from, *until;
	size_t cap;
	int header_seen;
};

static enum fa_code header_mismatch(struct table_ctx *x, unsigned long line,
				    const struct fa_csv_field *f, size_t nf)
{
	char got[FA_TEXT_SHOW_MAX + 4] = "", want[FA_TEXT_SHOW_MAX + 4] = "",
				    sb[FA_TEXT_SHOW_MAX + 4];
	size_t i, n = 0;

	for (i = 0; i < nf && n < FA_TEXT_SHOW_MAX; i++)
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s",
				      i ? "," : "", f[i].s);
	for (i = 0, n = 0; i < x->t->n_columns && n < FA_TEXT_SHOW_MAX; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%s%s",
				      i ? "," : "", x->t->columns[i].name);
	fa_rs_problem(
	    x->b, FA_ERR_INPUT, line,
	    "data header '%s' of table '%s' does not match its columns "
	    "'%s'",
	    fa_text_show(sb, got), x->t->name, want);
	return FA_ERR_INPUT;
}

static int header_matches(const struct fa_table *t,
			  const struct fa_csv_field *f, size_t nf)
{
	size_t i;

	if (nf != t->n_columns)
		return 0;
	for (i = 0; i < nf; i++) {
		const char *s = f[i].s;
		size_t len = f[i].len;

		fa_value_trim(&s, &len);
		if (strlen(t->columns[i].name) != len ||
		    memcmp(t->columns[i].name, s, len) != 0)
			return 0;
	}
	return 1;
}

static enum fa_code on_table_record(void *ctx, size_t record,
				    unsigned long line,
				    const struct fa_csv_field *f, size_t nf,
				    struct fa_error *err)
{
	struct table_ctx *x = ctx;
	struct fa_table *t = x->t;
	struct fa_table_row *row;
	size_t i;

	(void)err;
	if (record == 0) {
		x->header_seen = 1;
		return header_matches(t, f, nf)
			   ? FA_OK
			   : header_mismatch(x, line, f, nf);
	}
	if (nf != t->n_columns) {
		fa_rs_problem(x->b, FA_ERR_INPUT, line,
			      "row has %zu fields but the header has %zu", nf,
			      t->n_columns);
		return FA_OK;
	}
	if (t->n_rows >= FA_RULESET_MAX_TABLE_ROWS) {
		fa_rs_problem(x->b, FA_ERR_LIMIT, line,
			      "table '%s' has more than %d rows", t->name,
			      FA_RULESET_MAX_TABLE_ROWS);
		return FA_ERR_LIMIT;
	}
	if (t->n_rows == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		struct fa_table_row *r = realloc(t->rows, cap * sizeof(*r));

		if (!r) {
			fa_rs_nomem(x->b);
			return FA_ERR_NOMEM;
		}
		t->rows = r;
		x->cap = cap;
	}
	row = &t->rows[t->n_rows];
	memset(row, 0, sizeof(*row));
	row->cells = calloc(nf, sizeof(*row->cells));
	if (!row->cells) {
		fa_rs_nomem(x->b);
		return FA_ERR_NOMEM;
	}
	t->n_rows++;
	snprintf(row->from, sizeof(row->from), "%s", x->from);
	snprintf(row->until, sizeof(row->until), "%s", x->until);
	row->line = line;
	for (i = 0; i < nf; i++) {
		const struct fa_table_column *c = &t->columns[i];
		const char *s = f[i].s, *why;
		size_t len = f[i].len;
		char canon[CANON_MAX], sb[FA_TEXT_SHOW_MAX + 4];
		double num;
		long long integer;

		if (!f[i].quoted || c->type != FA_PARAM_TEXT)
			fa_value_trim(&s, &len);
		if (len == 0) {
			row->cells[i] = fa_text_dup("");
		} else if (parse_typed(canon, &num, &integer, c->type, s, len,
				       &why) != 0) {
			fa_rs_problem(
			    x->b, FA_ERR_INPUT, line,
			    "invalid %s value '%s' for column '%s' of "
			    "table '%s': %s",
			    type_names[c->type], fa_text_show(sb, f[i].s),
			    c->name, t->name, why);
			row->cells[i] = fa_text_dup("");
		} else if (c->type == FA_PARAM_TEXT) {
			row->cells[i] = malloc(len + 1);
			if (row->cells[i]) {
				memcpy(row->cells[i], s, len);
				row->cells[i][len] = '\0';
			}
		} else {
			row->cells[i] = fa_text_dup(canon);
		}
		if (!row->cells[i]) {
			fa_rs_nomem(x->b);
			return FA_ERR_NOMEM;
		}
	}
	return FA_OK;
}

int fa_rs_param_value(struct fa_rs_build *b, struct fa_param_value *v,
		      const struct fa_param *p, const char *text,
		      unsigned long line)
{
	char canon[CANON_MAX], sb[FA_TEXT_SHOW_MAX + 4];
	const char *why;

	if (parse_typed(canon, &v->number, &v->integer, p->type, text,
			strlen(text), &why) != 0) {
		fa_rs_problem(b, FA_ERR_INPUT, line,
			      "invalid %s value '%s' for parameter '%s': %s",
			      type_names[p->type], fa_text_show(sb, text),
			      p->name, why);
		return 0;
	}
	return fa_rs_copy(b, &v->text, p->type == FA_PARAM_TEXT ? text : canon,
			  0);
}

/* ---- parameters and tables ----------------------------------------------- */

int fa_rs_build_param(struct fa_rs_build *b, struct fa_param *p,
		      const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	unsigned long lines[2];
	struct span *sp = NULL;
	char subject[FA_TEXT_SHOW_MAX + 16];
	int type, conf, rc = -1;
	const char *limit;

	p->line = n->line;
	if (fa_rs_copy_attr(b, &p->name, n, "name") != 0 ||
	    fa_rs_enum_attr(b, &type, n, "type", type_names,
			    N_OF(type_names)) != 0 ||
	    fa_rs_copy_opt_attr(b, &p->unit, n, "unit") != 0 ||
	    fa_rs_copy_opt_attr(b, &p->concept, n, "concept") != 0)
		return -1;
	limit = fa_xml_attr(n, "limit");
	p->limit = !limit		       ? FA_LIMIT_NONE
		   : strcmp(limit, "min") == 0 ? FA_LIMIT_MIN
					       : FA_LIMIT_MAX;
	p->type = (enum fa_param_type)type;
	snprintf(subject, sizeof(subject), "parameter '%s'", p->name);
	if (fa_rs_build_text(b, &p->title, lines, n, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(n, "source");
	if (c && fa_rs_copy(b, &p->source, c->text, 1) != 0)
		return -1;
	p->values =
	    calloc(fa_rs_count_children(n, "value") + 1, sizeof(*p->values));
	sp = calloc(fa_rs_count_children(n, "value") + 1, sizeof(*sp));
	if (!p->values || !sp) {
		fa_rs_nomem(b);
		goto out;
	}
	p->confidence = FA_CONF_P;
	for (c = n->first; c; c = c->next) {
		struct fa_param_value *v;
		char canon[CANON_MAX], sb[FA_TEXT_SHOW_MAX + 4];
		const char *why;

		if (strcmp(c->name, "value") != 0)
			continue;
		v = &p->values[p->n_values++];
		v->line = c->line;
		if (fa_rs_date_attr(b, v->from, c, "from", 1) != 0 ||
		    fa_rs_date_attr(b, v->until, c, "until", 0) != 0 ||
		    fa_rs_enum_attr(b, &conf, c, "confidence", fa_rs_conf_names,
				    N_OF(fa_rs_conf_names)) != 0 ||
		    fa_rs_copy_opt_attr(b, &v->source, c, "source") != 0)
			goto out;
		v->confidence = (enum fa_confidence)conf;
		if (v->confidence > p->confidence)
			p->confidence = v->confidence;
		fa_rs_check_window(b, v->from, v->until, c->line);
		sp[p->n_values - 1] =
		    (struct span){ v->from, v->until, c->line };
		if (parse_typed(canon, &v->number, &v->integer, p->type,
				c->text, strlen(c->text), &why) != 0)
			fa_rs_problem(
			    b, FA_ERR_INPUT, c->line,
			    "invalid %s value '%s' for parameter '%s': %s",
			    type_names[p->type], fa_text_show(sb, c->text),
			    p->name, why);
		if (fa_rs_copy(b, &v->text,
			       p->type == FA_PARAM_TEXT ? c->text : canon,
			       0) != 0)
			goto out;
	}
	check_spans(b, sp, p->n_values, "value");
	rc = 0;
out:
	free(sp);
	return rc;
}

static int build_columns(struct fa_rs_build *b, struct fa_table *t,
			 const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	size_t *first = NULL, i, k = fa_rs_count_children(n, "column");
	unsigned long *lines;
	int type, rc = -1;

	t->columns = calloc(k + 1, sizeof(*t->columns));
	lines = calloc(k + 1, sizeof(*lines));
	if (!t->columns || !lines) {
		free(lines);
		return fa_rs_nomem(b);
	}
	for (c = n->first; c; c = c->next) {
		struct fa_table_column *col;

		if (strcmp(c->name, "column") != 0)
			continue;
		lines[t->n_columns] = c->line;
		col = &t->columns[t->n_columns++];
		if (fa_rs_copy_attr(b, &col->name, c, "name") != 0 ||
		    fa_rs_enum_attr(b, &type, c, "type", type_names,
				    N_OF(type_names)) != 0)
			goto out;
		col->type = (enum fa_param_type)type;
		if (strcmp(col->name, "valid_from") == 0 ||
		    strcmp(col->name, "valid_until") == 0)
			fa_rs_problem(
			    b, FA_ERR_INPUT, c->line,
			    "column '%s' of table '%s' has a reserved name",
			    col->name, t->name);
	}
	if (FA_RS_REPEATS(&first, t->columns, t->n_columns,
			  struct fa_table_column, name, 0) != 0) {
		fa_rs_nomem(b);
		goto out;
	}
	for (i = 0; i < t->n_columns; i++)
		if (first[i] != SIZE_MAX)
			fa_rs_problem(
			    b, FA_ERR_INPUT, lines[i],
			    "column '%s' of table '%s' is declared twice",
			    t->columns[i].name, t->name);
	free(first);
	rc = 0;
out:
	free(lines);
	return rc;
}

/* The dates of one <data> block, for the order check. */
struct block {
	char from[FA_DATE_LEN];
	char until[FA_DATE_LEN];
};

int fa_rs_build_table(struct fa_rs_build *b, struct fa_table *t,
		      const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	unsigned long lines[2];
	struct block *bl = NULL;
	struct span *sp = NULL;
	struct table_ctx x = { b, t, NULL, NULL, 0, 0 };
	char subject[FA_TEXT_SHOW_MAX + 16];
	size_t k = 0, n_data = fa_rs_count_children(n, "data");
	int conf, rc = -1;

	t->line = n->line;
	if (fa_rs_copy_attr(b, &t->name, n, "name") != 0 ||
	    fa_rs_enum_attr(b, &conf, n, "confidence", fa_rs_conf_names,
			    N_OF(fa_rs_conf_names)) != 0)
		return -1;
	t->confidence = (enum fa_confidence)conf;
	snprintf(subject, sizeof(subject), "table '%s'", t->name);
	if (fa_rs_build_text(b, &t->title, lines, n, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(n, "source");
	if ((c && fa_rs_copy(b, &t->source, c->text, 1) != 0) ||
	    build_columns(b, t, n) != 0)
		return -1;
	bl = calloc(n_data ? n_data : 1, sizeof(*bl));
	sp = calloc(n_data ? n_data : 1, sizeof(*sp));
	if (!bl || !sp) {
		fa_rs_nomem(b);
		goto out;
	}
	for (c = n->first; c; c = c->next) {
		char *text;

		if (strcmp(c->name, "data") != 0)
			continue;
		if (fa_rs_date_attr(b, bl[k].from, c, "from", 1) != 0 ||
		    fa_rs_date_attr(b, bl[k].until, c, "until", 0) != 0)
			goto out;
		fa_rs_check_window(b, bl[k].from, bl[k].until, c->line);
		sp[k] = (struct span){ bl[k].from, bl[k].until, c->line };
		text = fa_rs_dedent(c->text);
		if (!text) {
			fa_rs_nomem(b);
			goto out;
		}
		x.from = bl[k].from;
		x.until = bl[k].until;
		x.header_seen = 0;
		fa_rs_run_csv(b, text, fa_rs_text_line(b, c), on_table_record,
			      &x);
		free(text);
		if (b->code == FA_ERR_NOMEM)
			goto out;
		if (!x.header_seen)
			header_mismatch(&x, c->line, NULL, 0);
		k++;
	}
	check_spans(b, sp, k, "data");
	rc = 0;
out:
	free(bl);
	free(sp);
	return rc;
}
