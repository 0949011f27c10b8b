/* SPDX-License-Identifier: MIT */
/*
 * The rule-set builder's common part (ruleset_impl.h): the state of one
 * load and its located problems, readers of attributes, dates and texts in
 * two languages, where an element's text starts in the file, CSV blocks
 * fed with the lines of the rule file, and names defined twice. ruleset.c
 * and ruleset_data.c build the model with it. Uses xmlload's tree, csv, value
 * and error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset_impl.h"

/* ---- strings ------------------------------------------------------------- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int fa_rs_lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* ---- building ------------------------------------------------------------ */

void fa_rs_problem(struct fa_rs_build *b, enum fa_code code, unsigned long line,
		   const char *fmt, ...)
{
	va_list ap;

	if (b->code == FA_OK)
		b->code = code;
	va_start(ap, fmt);
	fa_error_addv(b->err, code, b->where, line, 0, fmt, ap);
	va_end(ap);
}

int fa_rs_nomem(struct fa_rs_build *b)
{
	if (b->code == FA_OK)
		b->code = FA_ERR_NOMEM;
	fa_error_nomem(b->err, b->where);
	return -1;
}

/* The schema guarantees what need_attr reads (see fa_xml_need_attr); a
 * disagreement is the load's internal error. */
static const char *need_attr(struct fa_rs_build *b, const struct fa_xml_node *n,
			     const char *name)
{
	const char *v = fa_xml_need_attr(n, name, b->where, b->err);

	if (!v && b->code == FA_OK)
		b->code = FA_ERR_INTERNAL;
	return v;
}

int fa_rs_copy(struct fa_rs_build *b, char **dst, const char *s, int collapse)
{
	if (!s)
		return -1;
	*dst = collapse ? fa_text_collapse(s) : fa_text_dup(s);
	return *dst ? 0 : fa_rs_nomem(b);
}

int fa_rs_copy_attr(struct fa_rs_build *b, char **dst,
		    const struct fa_xml_node *n, const char *name)
{
	return fa_rs_copy(b, dst, need_attr(b, n, name), 1);
}

int fa_rs_copy_opt_attr(struct fa_rs_build *b, char **dst,
			const struct fa_xml_node *n, const char *name)
{
	const char *v = fa_xml_attr(n, name);

	return v ? fa_rs_copy(b, dst, v, 1) : 0;
}

int fa_rs_enum_attr(struct fa_rs_build *b, int *out,
		    const struct fa_xml_node *n, const char *name,
		    const char *const *names, size_t count)
{
	const char *v = need_attr(b, n, name);
	char *c;

	if (!v)
		return -1;
	c = fa_text_collapse(v);
	if (!c)
		return fa_rs_nomem(b);
	*out = fa_rs_lookup(names, count, c);
	free(c);
	if (*out < 0) {
		fa_rs_problem(b, FA_ERR_INTERNAL, n->line,
			      "unknown %s '%s' after schema validation", name,
			      v);
		return -1;
	}
	return 0;
}

/*
 * Date attribute name into out ("" if absent and not required). The schema
 * checked YYYY-MM-DD and the calendar; value adds the year range every
 * other date of flexaudit has.
 */
int fa_rs_date_attr(struct fa_rs_build *b, char out[FA_DATE_LEN],
		    const struct fa_xml_node *n, const char *name, int required)
{
	const char *v = required ? need_attr(b, n, name) : fa_xml_attr(n, name);
	char *c, sb[FA_TEXT_SHOW_MAX + 4];
	const char *why;

	out[0] = '\0';
	if (!v)
		return required ? -1 : 0;
	c = fa_text_collapse(v);
	if (!c)
		return fa_rs_nomem(b);
	if (fa_value_date(out, c, strlen(c), &why) != 0) {
		out[0] = '\0';
		fa_rs_problem(b, FA_ERR_INPUT, n->line,
			      "invalid date '%s' in '%s': %s",
			      fa_text_show(sb, c), name, why);
	}
	free(c);
	return 0;
}

void fa_rs_check_window(struct fa_rs_build *b, const char *from,
			const char *until, unsigned long line)
{
	if (from[0] && until[0] && strcmp(until, from) < 0)
		fa_rs_problem(b, FA_ERR_INPUT, line,
			      "'until' (%s) is before 'from' (%s)", until,
			      from);
}

size_t fa_rs_count_children(const struct fa_xml_node *n, const char *name)
{
	const struct fa_xml_node *c;
	size_t k = 0;

	for (c = n->first; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			k++;
	return k;
}

static int starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       (unsigned char)c >= 0x80;
}

/*
 * The line on which the text of element n starts. xmlload gives the start
 * tag's line and the text trimmed, so the line feeds in between (in the
 * tag's attributes, the white space, a CDATA opening or a comment) are
 * counted in the document's bytes. Elements come in document order, so
 * the search goes on from the previous one. If the tag is not found (a
 * document in an encoding other than UTF-8), the start tag's line.
 */
unsigned long fa_rs_text_line(struct fa_rs_build *b,
			      const struct fa_xml_node *n)
{
	const char *end = b->buf + b->len, *p, *s;
	size_t nlen = strlen(n->name);
	unsigned long extra = 0;
	char q = 0;

	if (n->line < b->cur_line) {
		b->cur_line = 1;
		b->cur_off = 0;
	}
	p = b->buf + b->cur_off;
	while (b->cur_line < n->line) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return n->line;
		p = nl + 1;
		b->cur_line++;
	}
	b->cur_off = (size_t)(p - b->buf);
	for (;; p++) {
		if (p >= end || *p == '\n')
			return n->line;
		if (*p != '<')
			continue;
		for (s = p + 1; s < end && is_name_char(*s); s++)
			;
		s = s < end && *s == ':' ? s + 1 : p + 1;
		if ((size_t)(end - s) > nlen && memcmp(s, n->name, nlen) == 0 &&
		    s[nlen] != '\0' && strchr(" \t\r\n/>", s[nlen]))
			break;
	}
	for (p = s + nlen; p < end; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '>') {
			p++;
			break;
		}
		if (*p == '\n')
			extra++;
	}
	while (p < end) {
		if (is_space(*p)) {
			extra += *p++ == '\n';
		} else if (starts(p, end, "<![CDATA[")) {
			p += 9;
		} else if (starts(p, end, "<!--")) {
			for (p += 4; p < end && !starts(p, end, "-->"); p++)
				extra += *p == '\n';
			p = p < end ? p + 3 : end;
		} else {
			break;
		}
	}
	return n->line + extra;
}

/*
 * The CSV text of a <data> or <given> element. xmlload trimmed it, so the
 * first line has lost its indentation; the indentation common to the
 * other non-blank lines is removed, and blank lines are emptied (the CSV
 * reader skips empty lines but reads a line of spaces as a record).
 */
char *fa_rs_dedent(const char *s)
{
	const char *line, *eol, *ref = NULL;
	size_t ind = 0, k, n = 0;
	char *out = malloc(strlen(s) + 1);

	if (!out)
		return NULL;
	for (line = strchr(s, '\n'); line; line = *eol ? eol : NULL) {
		line++;
		eol = line + strcspn(line, "\n");
		k = strspn(line, " \t");
		if (line + k == eol)
			continue;
		if (!ref) {
			ref = line;
			ind = k;
		}
		for (k = 0; k < ind && line[k] == ref[k]; k++)
			;
		ind = k;
	}
	for (line = s;; line = eol + 1) {
		eol = line + strcspn(line, "\n");
		k = strspn(line, " \t");
		if (line == s)
			k = 0;
		else if (line + k != eol)
			k = ind;
		memcpy(out + n, line + k, (size_t)(eol - line) - k);
		n += (size_t)(eol - line) - k;
		if (!*eol)
			break;
		out[n++] = '\n';
	}
	out[n] = '\0';
	return out;
}

/* ---- finding repeats ----------------------------------------------------- */

struct key {
	const char *s;
	size_t i;
	int fold; /* compare '.' as '_' (SQL names of tables) */
};

static int name_cmp(const char *a, const char *b, int fold)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (fold && x == '.')
			x = '_';
		if (fold && y == '.')
			y = '_';
		if (x != y || !x)
			return (x > y) - (x < y);
	}
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int c = name_cmp(a->s, b->s, a->fold);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

int fa_rs_find_repeats(size_t **out, const void *items, size_t n, size_t stride,
		       size_t offset, int fold)
{
	struct key *keys = malloc((n ? n : 1) * sizeof(*keys));
	size_t *first = malloc((n ? n : 1) * sizeof(*first));
	size_t i, g = 0;

	*out = NULL;
	if (!keys || !first) {
		free(keys);
		free(first);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *base = (const char *)items + i * stride + offset;

		memcpy(&keys[i].s, base, sizeof(keys[i].s));
		keys[i].i = i;
		keys[i].fold = fold;
		first[i] = SIZE_MAX;
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 1; i < n; i++) {
		if (name_cmp(keys[i].s, keys[g].s, fold) != 0)
			g = i;
		else
			first[keys[i].i] = keys[g].i;
	}
	free(keys);
	*out = first;
	return 0;
}

const char *fa_rs_sql_name(char *buf, size_t size, const char *name)
{
	size_t i;

	snprintf(buf, size, "rs_%s", name);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '.')
			buf[i] = '_';
	return buf;
}

/* ---- texts --------------------------------------------------------------- */

int fa_rs_build_text(struct fa_rs_build *b, struct fa_text *t,
		     unsigned long lines[2], const struct fa_xml_node *n,
		     const char *elem, const char *subject, int required)
{
	const struct fa_xml_node *c;

	for (c = n->first; c; c = c->next) {
		const char *lang;
		char **dst;
		int en;

		if (strcmp(c->name, elem) != 0)
			continue;
		lang = need_attr(b, c, "lang");
		if (!lang)
			return -1;
		en = strcmp(lang, "en") == 0;
		dst = en ? &t->en : &t->nl;
		if (*dst) {
			fa_rs_problem(b, FA_ERR_INPUT, c->line,
				      "%s has more than one %s %s", subject,
				      lang, elem);
			continue;
		}
		if (!c->text[0])
			fa_rs_problem(b, FA_ERR_INPUT, c->line,
				      "%s has an empty %s %s", subject, lang,
				      elem);
		if (fa_rs_copy(b, dst, c->text, 1) != 0)
			return -1;
		lines[en] = c->line;
	}
	if (!required && !t->nl && !t->en)
		return 0;
	if (!t->nl)
		fa_rs_problem(b, FA_ERR_INPUT, n->line, "%s has no nl %s",
			      subject, elem);
	if (!t->en)
		fa_rs_problem(b, FA_ERR_INPUT, n->line, "%s has no en %s",
			      subject, elem);
	return 0;
}

/* ---- CSV blocks ---------------------------------------------------------- */

/*
 * Run the CSV reader over text whose first line is line first of the rule
 * file. Feeding first - 1 line feeds before it makes the reader's lines,
 * in its own messages too, those of the rule file; it skips empty lines.
 */
void fa_rs_run_csv(struct fa_rs_build *b, const char *text, unsigned long first,
		   fa_csv_record_fn fn, void *ctx)
{
	struct fa_csv *csv = NULL;
	unsigned char pad[512];
	unsigned long l;
	enum fa_code rc;

	memset(pad, '\n', sizeof(pad));
	rc = fa_csv_new(&csv, b->where, FA_ENC_UTF8, fn, ctx, b->err);
	for (l = 1; rc == FA_OK && l < first; l += sizeof(pad)) {
		size_t k = first - l < sizeof(pad) ? first - l : sizeof(pad);

		rc = fa_csv_feed(csv, pad, k, b->err);
	}
	if (rc == FA_OK)
		rc = fa_csv_feed(csv, (const unsigned char *)text, strlen(text),
				 b->err);
	if (rc == FA_OK)
		rc = fa_csv_finish(csv, b->err);
	if (rc != FA_OK && b->code == FA_OK)
		b->code = rc;
	fa_csv_free(csv);
}
