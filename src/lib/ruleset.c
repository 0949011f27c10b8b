/* SPDX-License-Identifier: MIT */
/*
 * Rule sets: loads a rule file through xmlload against the embedded
 * rules/schema/ruleset.xsd, copies it into struct fa_ruleset, parses dated
 * values (value) and table data (csv), and checks what the schema cannot
 * say; fa_rulesets_load adds directories, editions and the checks across
 * sets. Every problem is reported at once with the line of its element.
 * Uses xmlload, csv, value, schema, hash and error; it never sees libxml2
 * or SQLite.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "hash.h"
#include "ruleset.h"
#include "schema.h"
#include "xmlload.h"

/* Generated from rules/schema/ruleset.xsd by the build. */
extern const char fa_ruleset_xsd[];
extern const size_t fa_ruleset_xsd_len;

#define RULESET_NS "urn:flexaudit:ruleset:1"

/* Bytes of a value, name or subject quoted in a message. */
#define SHOW_MAX 120
/* Bytes of canonical text of a non-text value: int64 digits, sign, point
 * (and room the compiler can see for the fraction). */
#define CANON_MAX 48
/* Decimals a number parameter or cell may have; doubles hold them. */
#define NUMBER_SCALE 6
_Static_assert(CANON_MAX >= FA_DATE_LEN, "a date fits canonical text");

/* ---- helpers ------------------------------------------------------------- */

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s with white space collapsed as xs:token does (see manifest.c). */
static char *dup_collapsed(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	size_t n = 0;

	if (!p)
		return NULL;
	for (; *s; s++) {
		if (!is_space(*s))
			p[n++] = *s;
		else if (n > 0 && p[n - 1] != ' ')
			p[n++] = ' ';
	}
	if (n > 0 && p[n - 1] == ' ')
		n--;
	p[n] = '\0';
	return p;
}

/* s shortened for a message, cut at a UTF-8 boundary and marked "...". */
static const char *show(char buf[SHOW_MAX + 4], const char *s)
{
	size_t n = strlen(s);

	if (n <= SHOW_MAX)
		return s;
	n = SHOW_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

static int lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* In the order of the enums in ruleset.h. */
static const char *const conf_names[] = { "P", "S", "U", "NF" };
static const char *const scope_names[] = { "member",   "worker", "document",
					   "location", "room",	 "pay-period" };
static const char *const sev_names[] = { "major", "minor", "observation" };
static const char *const type_names[] = { "number", "money", "integer",
					  "text",   "date",  "boolean" };
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Tables a check may read besides the evidence tables. */
static const char *const package_tables[] = { "package_info", "package_files",
					      "data_quality" };

static int is_package_table(const char *name)
{
	size_t i;

	for (i = 0; i < N_OF(package_tables); i++)
		if (strcmp(name, package_tables[i]) == 0)
			return 1;
	return 0;
}

/* ---- building ------------------------------------------------------------ */

struct build {
	const char *where;
	const char *buf; /* the document's bytes, to find where text starts */
	size_t len;
	unsigned long cur_line; /* text_line's place in buf */
	size_t cur_off;
	struct fa_error *err;
	enum fa_code code; /* first code set by this load */
};

static void problem(struct build *b, enum fa_code code, unsigned long line,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct build *b, enum fa_code code, unsigned long line,
		    const char *fmt, ...)
{
	va_list ap;

	if (b->code == FA_OK)
		b->code = code;
	va_start(ap, fmt);
	fa_error_addv(b->err, code, b->where, line, 0, fmt, ap);
	va_end(ap);
}

static int nomem(struct build *b)
{
	problem(b, FA_ERR_NOMEM, 0, "out of memory");
	return -1;
}

/* The schema guarantees what need_attr reads; a disagreement between the
 * schema and this code is an internal error, never a NULL dereference. */
static const char *need_attr(struct build *b, const struct fa_xml_node *n,
			     const char *name)
{
	const char *v = fa_xml_attr(n, name);

	if (!v)
		problem(b, FA_ERR_INTERNAL, n->line,
			"element '%s' has no attribute '%s' after schema "
			"validation",
			n->name, name);
	return v;
}

/* Copy s (NULL: already reported), collapsing white space if asked. */
static int copy(struct build *b, char **dst, const char *s, int collapse)
{
	if (!s)
		return -1;
	*dst = collapse ? dup_collapsed(s) : dup_str(s);
	return *dst ? 0 : nomem(b);
}

static int copy_attr(struct build *b, char **dst, const struct fa_xml_node *n,
		     const char *name)
{
	return copy(b, dst, need_attr(b, n, name), 1);
}

/* An optional attribute: *dst stays NULL if absent. */
static int copy_opt_attr(struct build *b, char **dst,
			 const struct fa_xml_node *n, const char *name)
{
	const char *v = fa_xml_attr(n, name);

	return v ? copy(b, dst, v, 1) : 0;
}

static int enum_attr(struct build *b, int *out, const struct fa_xml_node *n,
		     const char *name, const char *const *names, size_t count)
{
	const char *v = need_attr(b, n, name);
	char *c;

	if (!v)
		return -1;
	c = dup_collapsed(v);
	if (!c)
		return nomem(b);
	*out = lookup(names, count, c);
	free(c);
	if (*out < 0) {
		problem(b, FA_ERR_INTERNAL, n->line,
			"unknown %s '%s' after schema validation", name, v);
		return -1;
	}
	return 0;
}

/*
 * Date attribute name into out ("" if absent and not required). The schema
 * checked YYYY-MM-DD and the calendar; value adds the year range every
 * other date of flexaudit has.
 */
static int date_attr(struct build *b, char out[FA_DATE_LEN],
		     const struct fa_xml_node *n, const char *name,
		     int required)
{
	const char *v = required ? need_attr(b, n, name) : fa_xml_attr(n, name);
	char *c, sb[SHOW_MAX + 4];
	const char *why;

	out[0] = '\0';
	if (!v)
		return required ? -1 : 0;
	c = dup_collapsed(v);
	if (!c)
		return nomem(b);
	if (fa_value_date(out, c, strlen(c), &why) != 0) {
		out[0] = '\0';
		problem(b, FA_ERR_INPUT, n->line,
			"invalid date '%s' in '%s': %s", show(sb, c), name,
			why);
	}
	free(c);
	return 0;
}

/* Report until before from; both given. */
static void check_window(struct build *b, const char *from, const char *until,
			 unsigned long line)
{
	if (from[0] && until[0] && strcmp(until, from) < 0)
		problem(b, FA_ERR_INPUT, line,
			"'until' (%s) is before 'from' (%s)", until, from);
}

static size_t count_children(const struct fa_xml_node *n, const char *name)
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
static unsigned long text_line(struct build *b, const struct fa_xml_node *n)
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
static char *dedent(const char *s)
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
static void check_spans(struct build *b, const struct span *sp, size_t n,
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
			problem(b, FA_ERR_INPUT, c->line,
				"%s from %s is out of order: it starts before "
				"the %s on line %lu",
				kind, c->from, kind, p->line);
		else
			problem(b, FA_ERR_INPUT, c->line,
				"%s from %s overlaps the %s on line %lu", kind,
				c->from, kind, p->line);
	}
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

/*
 * For n items of size stride whose name (a char *) is at offset: *out[i]
 * is the index of the earliest item with the same name, or SIZE_MAX if
 * item i is the first with it. Sorting keeps this O(n log n). Returns -1
 * out of memory.
 */
static int find_repeats(size_t **out, const void *items, size_t n,
			size_t stride, size_t offset, int fold)
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

#define REPEATS(out, arr, n, type, field, fold)                              \
	find_repeats((out), (arr), (n), sizeof(type), offsetof(type, field), \
		     (fold))

/* "rs_" + name with '.' as '_', into buf. */
static const char *sql_name(char *buf, size_t size, const char *name)
{
	size_t i;

	snprintf(buf, size, "rs_%s", name);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '.')
			buf[i] = '_';
	return buf;
}

/* ---- texts --------------------------------------------------------------- */

/*
 * The nl and en text of n's children named elem into t; lines[0] and
 * lines[1] get their lines. subject names the owner in messages.
 */
static int build_text(struct build *b, struct fa_text *t,
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
			problem(b, FA_ERR_INPUT, c->line,
				"%s has more than one %s %s", subject, lang,
				elem);
			continue;
		}
		if (!c->text[0])
			problem(b, FA_ERR_INPUT, c->line,
				"%s has an empty %s %s", subject, lang, elem);
		if (copy(b, dst, c->text, 1) != 0)
			return -1;
		lines[en] = c->line;
	}
	if (!required && !t->nl && !t->en)
		return 0;
	if (!t->nl)
		problem(b, FA_ERR_INPUT, n->line, "%s has no nl %s", subject,
			elem);
	if (!t->en)
		problem(b, FA_ERR_INPUT, n->line, "%s has no en %s", subject,
			elem);
	return 0;
}

static int placeholder_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* The placeholder p[0..n) shown whole up to SHOW_MAX bytes, cut at a
 * UTF-8 character boundary beyond. */
static void bad_placeholder(struct build *b, unsigned long line, const char *p,
			    size_t n, const char *lang, const char *elem,
			    const char *rule)
{
	const char *more = "";

	if (n > SHOW_MAX) {
		n = SHOW_MAX;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
		more = "...";
	}
	problem(b, FA_ERR_INPUT, line,
		"invalid placeholder '%.*s%s' in the %s %s of rule '%s'",
		(int)n, p, more, lang, elem, rule);
}

/* {name} placeholders of one template well formed. */
static void check_template(struct build *b, unsigned long line, const char *s,
			   const char *lang, const char *elem, const char *rule)
{
	const char *p, *open = NULL;

	if (!s)
		return;
	for (p = s; *p; p++) {
		if (*p == '{') {
			if (open)
				break;
			open = p;
		} else if (*p == '}') {
			if (!open) {
				problem(b, FA_ERR_INPUT, line,
					"unbalanced '}' in the %s %s of rule "
					"'%s'",
					lang, elem, rule);
				return;
			}
			if (!placeholder_ok(open + 1, (size_t)(p - open - 1)))
				bad_placeholder(b, line, open,
						(size_t)(p - open + 1), lang,
						elem, rule);
			open = NULL;
		}
	}
	if (open)
		problem(b, FA_ERR_INPUT, line,
			"unbalanced '{' in the %s %s of rule '%s'", lang, elem,
			rule);
}

/* ---- CSV blocks ---------------------------------------------------------- */

/*
 * Run the CSV reader over text whose first line is line first of the rule
 * file. Feeding first - 1 line feeds before it makes the reader's lines,
 * in its own messages too, those of the rule file; it skips empty lines.
 */
static void run_csv(struct build *b, const char *text, unsigned long first,
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

struct table_ctx {
	struct build *b;
	struct fa_table *t;
	const char *from, *until;
	size_t cap;
	int header_seen;
};

static enum fa_code header_mismatch(struct table_ctx *x, unsigned long line,
				    const struct fa_csv_field *f, size_t nf)
{
	char got[SHOW_MAX + 4] = "", want[SHOW_MAX + 4] = "", sb[SHOW_MAX + 4];
	size_t i, n = 0;

	for (i = 0; i < nf && n < SHOW_MAX; i++)
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s",
				      i ? "," : "", f[i].s);
	for (i = 0, n = 0; i < x->t->n_columns && n < SHOW_MAX; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%s%s",
				      i ? "," : "", x->t->columns[i].name);
	problem(x->b, FA_ERR_INPUT, line,
		"data header '%s' of table '%s' does not match its columns "
		"'%s'",
		show(sb, got), x->t->name, want);
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
		problem(x->b, FA_ERR_INPUT, line,
			"row has %zu fields but the header has %zu", nf,
			t->n_columns);
		return FA_OK;
	}
	if (t->n_rows >= FA_RULESET_MAX_TABLE_ROWS) {
		problem(x->b, FA_ERR_LIMIT, line,
			"table '%s' has more than %d rows", t->name,
			FA_RULESET_MAX_TABLE_ROWS);
		return FA_ERR_LIMIT;
	}
	if (t->n_rows == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		struct fa_table_row *r = realloc(t->rows, cap * sizeof(*r));

		if (!r) {
			nomem(x->b);
			return FA_ERR_NOMEM;
		}
		t->rows = r;
		x->cap = cap;
	}
	row = &t->rows[t->n_rows];
	memset(row, 0, sizeof(*row));
	row->cells = calloc(nf, sizeof(*row->cells));
	if (!row->cells) {
		nomem(x->b);
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
		char canon[CANON_MAX], sb[SHOW_MAX + 4];
		double num;
		long long integer;

		if (!f[i].quoted || c->type != FA_PARAM_TEXT)
			fa_value_trim(&s, &len);
		if (len == 0) {
			row->cells[i] = dup_str("");
		} else if (parse_typed(canon, &num, &integer, c->type, s, len,
				       &why) != 0) {
			problem(x->b, FA_ERR_INPUT, line,
				"invalid %s value '%s' for column '%s' of "
				"table '%s': %s",
				type_names[c->type], show(sb, f[i].s), c->name,
				t->name, why);
			row->cells[i] = dup_str("");
		} else if (c->type == FA_PARAM_TEXT) {
			row->cells[i] = malloc(len + 1);
			if (row->cells[i]) {
				memcpy(row->cells[i], s, len);
				row->cells[i][len] = '\0';
			}
		} else {
			row->cells[i] = dup_str(canon);
		}
		if (!row->cells[i]) {
			nomem(x->b);
			return FA_ERR_NOMEM;
		}
	}
	return FA_OK;
}

struct given_ctx {
	struct build *b;
	size_t n_header;
};

/* Given rows are checked against the evidence schema by eval; here only
 * that they are CSV with as many fields as the header. */
static enum fa_code on_given_record(void *ctx, size_t record,
				    unsigned long line,
				    const struct fa_csv_field *f, size_t nf,
				    struct fa_error *err)
{
	struct given_ctx *x = ctx;

	(void)f;
	(void)err;
	if (record == 0)
		x->n_header = nf;
	else if (nf != x->n_header)
		problem(x->b, FA_ERR_INPUT, line,
			"row has %zu fields but the header has %zu", nf,
			x->n_header);
	return FA_OK;
}

/* ---- parameters and tables ----------------------------------------------- */

static int build_param(struct build *b, struct fa_param *p,
		       const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	unsigned long lines[2];
	struct span *sp = NULL;
	char subject[SHOW_MAX + 16];
	int type, conf, rc = -1;

	p->line = n->line;
	if (copy_attr(b, &p->name, n, "name") != 0 ||
	    enum_attr(b, &type, n, "type", type_names, N_OF(type_names)) != 0 ||
	    copy_opt_attr(b, &p->unit, n, "unit") != 0 ||
	    copy_opt_attr(b, &p->concept, n, "concept") != 0)
		return -1;
	p->type = (enum fa_param_type)type;
	snprintf(subject, sizeof(subject), "parameter '%s'", p->name);
	if (build_text(b, &p->title, lines, n, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(n, "source");
	if (c && copy(b, &p->source, c->text, 1) != 0)
		return -1;
	p->values = calloc(count_children(n, "value") + 1, sizeof(*p->values));
	sp = calloc(count_children(n, "value") + 1, sizeof(*sp));
	if (!p->values || !sp) {
		nomem(b);
		goto out;
	}
	p->confidence = FA_CONF_P;
	for (c = n->first; c; c = c->next) {
		struct fa_param_value *v;
		char canon[CANON_MAX], sb[SHOW_MAX + 4];
		const char *why;

		if (strcmp(c->name, "value") != 0)
			continue;
		v = &p->values[p->n_values++];
		v->line = c->line;
		if (date_attr(b, v->from, c, "from", 1) != 0 ||
		    date_attr(b, v->until, c, "until", 0) != 0 ||
		    enum_attr(b, &conf, c, "confidence", conf_names,
			      N_OF(conf_names)) != 0 ||
		    copy_opt_attr(b, &v->source, c, "source") != 0)
			goto out;
		v->confidence = (enum fa_confidence)conf;
		if (v->confidence > p->confidence)
			p->confidence = v->confidence;
		check_window(b, v->from, v->until, c->line);
		sp[p->n_values - 1] =
		    (struct span){ v->from, v->until, c->line };
		if (parse_typed(canon, &v->number, &v->integer, p->type,
				c->text, strlen(c->text), &why) != 0)
			problem(b, FA_ERR_INPUT, c->line,
				"invalid %s value '%s' for parameter '%s': %s",
				type_names[p->type], show(sb, c->text), p->name,
				why);
		if (copy(b, &v->text,
			 p->type == FA_PARAM_TEXT ? c->text : canon, 0) != 0)
			goto out;
	}
	check_spans(b, sp, p->n_values, "value");
	rc = 0;
out:
	free(sp);
	return rc;
}

static int build_columns(struct build *b, struct fa_table *t,
			 const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	size_t *first = NULL, i, k = count_children(n, "column");
	unsigned long *lines;
	int type, rc = -1;

	t->columns = calloc(k + 1, sizeof(*t->columns));
	lines = calloc(k + 1, sizeof(*lines));
	if (!t->columns || !lines) {
		free(lines);
		return nomem(b);
	}
	for (c = n->first; c; c = c->next) {
		struct fa_table_column *col;

		if (strcmp(c->name, "column") != 0)
			continue;
		lines[t->n_columns] = c->line;
		col = &t->columns[t->n_columns++];
		if (copy_attr(b, &col->name, c, "name") != 0 ||
		    enum_attr(b, &type, c, "type", type_names,
			      N_OF(type_names)) != 0)
			goto out;
		col->type = (enum fa_param_type)type;
		if (strcmp(col->name, "valid_from") == 0 ||
		    strcmp(col->name, "valid_until") == 0)
			problem(b, FA_ERR_INPUT, c->line,
				"column '%s' of table '%s' has a reserved name",
				col->name, t->name);
	}
	if (REPEATS(&first, t->columns, t->n_columns, struct fa_table_column,
		    name, 0) != 0) {
		nomem(b);
		goto out;
	}
	for (i = 0; i < t->n_columns; i++)
		if (first[i] != SIZE_MAX)
			problem(b, FA_ERR_INPUT, lines[i],
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

static int build_table(struct build *b, struct fa_table *t,
		       const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	unsigned long lines[2];
	struct block *bl = NULL;
	struct span *sp = NULL;
	struct table_ctx x = { b, t, NULL, NULL, 0, 0 };
	char subject[SHOW_MAX + 16];
	size_t k = 0, n_data = count_children(n, "data");
	int conf, rc = -1;

	t->line = n->line;
	if (copy_attr(b, &t->name, n, "name") != 0 ||
	    enum_attr(b, &conf, n, "confidence", conf_names,
		      N_OF(conf_names)) != 0)
		return -1;
	t->confidence = (enum fa_confidence)conf;
	snprintf(subject, sizeof(subject), "table '%s'", t->name);
	if (build_text(b, &t->title, lines, n, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(n, "source");
	if ((c && copy(b, &t->source, c->text, 1) != 0) ||
	    build_columns(b, t, n) != 0)
		return -1;
	bl = calloc(n_data ? n_data : 1, sizeof(*bl));
	sp = calloc(n_data ? n_data : 1, sizeof(*sp));
	if (!bl || !sp) {
		nomem(b);
		goto out;
	}
	for (c = n->first; c; c = c->next) {
		char *text;

		if (strcmp(c->name, "data") != 0)
			continue;
		if (date_attr(b, bl[k].from, c, "from", 1) != 0 ||
		    date_attr(b, bl[k].until, c, "until", 0) != 0)
			goto out;
		check_window(b, bl[k].from, bl[k].until, c->line);
		sp[k] = (struct span){ bl[k].from, bl[k].until, c->line };
		text = dedent(c->text);
		if (!text) {
			nomem(b);
			goto out;
		}
		x.from = bl[k].from;
		x.until = bl[k].until;
		x.header_seen = 0;
		run_csv(b, text, text_line(b, c), on_table_record, &x);
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

/* ---- SQL text ------------------------------------------------------------ */

static int sql_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

/*
 * If s[i] starts a comment, a string literal or a quoted identifier, the
 * index just after it (the end of s if it is not closed); else i. Scanning
 * with this keeps a ';' or "param(" inside a literal from counting.
 */
static size_t sql_skip(const char *s, size_t i)
{
	char close;

	if (s[i] == '-' && s[i + 1] == '-')
		return i + strcspn(s + i, "\n");
	if (s[i] == '/' && s[i + 1] == '*') {
		const char *e = strstr(s + i + 2, "*/");

		return e ? (size_t)(e - s) + 2 : strlen(s);
	}
	switch (s[i]) {
	case '\'':
	case '"':
	case '`':
		close = s[i];
		break;
	case '[':
		close = ']';
		break;
	default:
		return i;
	}
	for (i++; s[i]; i++) {
		if (s[i] != close)
			continue;
		if (close != ']' && s[i + 1] == close) {
			i++;
			continue;
		}
		return i + 1;
	}
	return i;
}

/* i moved past white space and comments. */
static size_t sql_blank(const char *s, size_t i)
{
	for (;;) {
		while (is_space(s[i]) || s[i] == '\f' || s[i] == '\v')
			i++;
		if (!((s[i] == '-' && s[i + 1] == '-') ||
		      (s[i] == '/' && s[i + 1] == '*')))
			return i;
		i = sql_skip(s, i);
	}
}

/* 1 if s starts with the keyword w (lower case), in any case. */
static int sql_word(const char *s, const char *w)
{
	size_t n = strlen(w), i;

	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != w[i])
			return 0;
	return !sql_ident_char(s[n]);
}

static unsigned long lines_before(const char *s, size_t off)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < off; i++)
		n += s[i] == '\n';
	return n;
}

static void check_sql(struct build *b, const struct fa_rule *r)
{
	const char *s = r->check;
	size_t i = sql_blank(s, 0), j;

	if (!sql_word(s + i, "select") && !sql_word(s + i, "with"))
		problem(b, FA_ERR_INPUT, r->check_line + lines_before(s, i),
			"check of rule '%s' does not start with SELECT or WITH",
			r->id);
	for (i = 0; s[i];) {
		j = sql_skip(s, i);
		if (j != i) {
			i = j;
			continue;
		}
		if (s[i] == ';') {
			j = sql_blank(s, i + 1);
			if (s[j])
				problem(b, FA_ERR_INPUT,
					r->check_line + lines_before(s, j),
					"check of rule '%s' has more than one "
					"statement",
					r->id);
			return;
		}
		i++;
	}
}

typedef int (*param_fn)(void *ctx, const char *name, size_t off);

/*
 * Call fn for every param('NAME' ...) in the SQL s, with NAME (quotes
 * undoubled) and the offset of "param". A call whose first argument is
 * not a string literal cannot be checked and is passed over. Returns -1
 * out of memory or if fn does.
 */
static int sql_params(const char *s, param_fn fn, void *ctx)
{
	size_t i = 0, j, k, n;
	int rc;

	while (s[i]) {
		char *name;

		j = sql_skip(s, i);
		if (j != i || !sql_ident_char(s[i])) {
			i = j != i ? j : i + 1;
			continue;
		}
		for (j = i; sql_ident_char(s[j]); j++)
			;
		k = sql_blank(s, j);
		if (j - i != 5 || !sql_word(s + i, "param") || s[k] != '(') {
			i = j;
			continue;
		}
		k = sql_blank(s, k + 1);
		n = sql_skip(s, k);
		if (s[k] != '\'' || n < k + 2 || s[n - 1] != '\'') {
			i = j;
			continue;
		}
		name = malloc(n - k);
		if (!name)
			return -1;
		for (n = 0, k++; s[k]; k++) {
			if (s[k] == '\'' && s[k + 1] != '\'')
				break;
			if (s[k] == '\'')
				k++;
			name[n++] = s[k];
		}
		name[n] = '\0';
		rc = fn(ctx, name, i);
		free(name);
		if (rc != 0)
			return -1;
		i = j;
	}
	return 0;
}

/* ---- rules --------------------------------------------------------------- */

static const char *const outcome_names[] = { "pass", "fail", "na", "review",
					     "error" };

static const struct fa_xml_node *
need_child(struct build *b, const struct fa_xml_node *n, const char *name)
{
	const struct fa_xml_node *c = fa_xml_child(n, name);

	if (!c)
		problem(b, FA_ERR_INTERNAL, n->line,
			"element '%s' has no '%s' after schema validation",
			n->name, name);
	return c;
}

static int build_reads(struct build *b, struct fa_rule *r,
		       const struct fa_xml_node *n)
{
	char *words = dup_collapsed(n->text), *p, *sp;
	size_t k = 1;
	int rc = -1;

	if (!words)
		return nomem(b);
	for (p = words; *p; p++)
		k += *p == ' ';
	r->reads = calloc(k, sizeof(*r->reads));
	if (!r->reads) {
		nomem(b);
		goto out;
	}
	for (p = words; *p; p = sp ? sp + 1 : p + strlen(p)) {
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		if (copy(b, &r->reads[r->n_reads++], p, 0) != 0)
			goto out;
		if (!fa_schema_is_table(p) &&
		    lookup(package_tables, N_OF(package_tables), p) < 0)
			problem(b, FA_ERR_INPUT, n->line,
				"unknown table '%s' in the reads of rule '%s'",
				p, r->id);
	}
	rc = 0;
out:
	free(words);
	return rc;
}

static int build_test(struct build *b, const struct fa_rule *r,
		      struct fa_rule_test *t, const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	struct given_ctx gx = { b, 0 };
	int outcome;

	t->line = n->line;
	if (copy_attr(b, &t->name, n, "name") != 0 ||
	    date_attr(b, t->audit_date, n, "audit-date", 0) != 0)
		return -1;
	t->given = calloc(count_children(n, "given") + 1, sizeof(*t->given));
	t->expect = calloc(count_children(n, "expect") + 1, sizeof(*t->expect));
	if (!t->given || !t->expect)
		return nomem(b);
	for (c = n->first; c; c = c->next) {
		char sb[SHOW_MAX + 4];

		if (strcmp(c->name, "given") == 0) {
			struct fa_test_given *g = &t->given[t->n_given++];

			if (copy_attr(b, &g->table, c, "table") != 0)
				return -1;
			g->csv = dedent(c->text);
			if (!g->csv)
				return nomem(b);
			g->line = text_line(b, c);
			if (!fa_schema_is_table(g->table) &&
			    !is_package_table(g->table))
				problem(b, FA_ERR_INPUT, c->line,
					"unknown evidence table '%s' in test "
					"'%s' of rule '%s'",
					g->table, show(sb, t->name), r->id);
			run_csv(b, g->csv, g->line, on_given_record, &gx);
			if (b->code == FA_ERR_NOMEM)
				return -1;
		} else if (strcmp(c->name, "expect") == 0) {
			struct fa_test_expect *e = &t->expect[t->n_expect++];

			e->line = c->line;
			if (copy_attr(b, &e->subject, c, "subject") != 0 ||
			    enum_attr(b, &outcome, c, "outcome", outcome_names,
				      N_OF(outcome_names)) != 0 ||
			    copy(b, &e->outcome, outcome_names[outcome], 0) !=
				0)
				return -1;
		}
	}
	return 0;
}

/* Given tables and expected subjects each once per test. */
static int check_test(struct build *b, const struct fa_rule *r,
		      const struct fa_rule_test *t)
{
	size_t *first = NULL, i;
	char sb[SHOW_MAX + 4], sc[SHOW_MAX + 4];

	if (REPEATS(&first, t->given, t->n_given, struct fa_test_given, table,
		    0) != 0)
		return nomem(b);
	for (i = 0; i < t->n_given; i++)
		if (first[i] != SIZE_MAX)
			problem(b, FA_ERR_INPUT, t->given[i].line,
				"table '%s' is given twice in test '%s' of "
				"rule '%s' (first on line %lu)",
				t->given[i].table, show(sb, t->name), r->id,
				t->given[first[i]].line);
	free(first);
	if (REPEATS(&first, t->expect, t->n_expect, struct fa_test_expect,
		    subject, 0) != 0)
		return nomem(b);
	for (i = 0; i < t->n_expect; i++)
		if (first[i] != SIZE_MAX)
			problem(b, FA_ERR_INPUT, t->expect[i].line,
				"subject '%s' is expected twice in test '%s' "
				"of rule '%s' (first on line %lu)",
				show(sc, t->expect[i].subject),
				show(sb, t->name), r->id,
				t->expect[first[i]].line);
	free(first);
	return 0;
}

static int check_tests(struct build *b, const struct fa_ruleset *rs,
		       const struct fa_rule *r)
{
	size_t *first = NULL, i, j;
	int pass = 0, fail = 0;
	char sb[SHOW_MAX + 4];

	if (REPEATS(&first, r->tests, r->n_tests, struct fa_rule_test, name,
		    0) != 0)
		return nomem(b);
	for (i = 0; i < r->n_tests; i++) {
		const struct fa_rule_test *t = &r->tests[i];

		if (first[i] != SIZE_MAX)
			problem(b, FA_ERR_INPUT, t->line,
				"test '%s' of rule '%s' is defined twice "
				"(first on line %lu)",
				show(sb, t->name), r->id,
				r->tests[first[i]].line);
		if (!t->audit_date[0] && !r->from[0] && !rs->from[0])
			problem(b, FA_ERR_INPUT, t->line,
				"test '%s' of rule '%s' needs an audit-date: "
				"neither the rule nor its rule set has an "
				"effective date",
				show(sb, t->name), r->id);
		for (j = 0; j < t->n_expect; j++) {
			pass |= strcmp(t->expect[j].outcome, "pass") == 0;
			fail |= strcmp(t->expect[j].outcome, "fail") == 0;
		}
		if (check_test(b, r, t) != 0)
			break;
	}
	free(first);
	if (!pass || !fail)
		problem(b, FA_ERR_INPUT, r->line,
			"rule '%s' needs a test with a passing and a test with "
			"a failing outcome",
			r->id);
	return i < r->n_tests ? -1 : 0;
}

/* The rule's effective days within those of its rule set. */
static void check_rule_window(struct build *b, const struct fa_ruleset *rs,
			      const struct fa_rule *r, unsigned long line)
{
	const char *f = r->from, *u = r->until;

	/* A window that ends before it starts is reported already. */
	if ((f[0] && u[0] && strcmp(u, f) < 0) ||
	    (rs->from[0] && rs->until[0] && strcmp(rs->until, rs->from) < 0))
		return;
	if ((f[0] && rs->from[0] && strcmp(f, rs->from) < 0) ||
	    (f[0] && rs->until[0] && strcmp(f, rs->until) > 0) ||
	    (u[0] && rs->until[0] && strcmp(u, rs->until) > 0) ||
	    (u[0] && rs->from[0] && strcmp(u, rs->from) < 0))
		problem(
		    b, FA_ERR_INPUT, line,
		    "rule '%s' is effective (%s to %s) outside its rule set "
		    "(%s to %s)",
		    r->id,
		    f[0]	  ? f
		    : rs->from[0] ? rs->from
				  : "open",
		    u[0] ? u : "open", rs->from[0] ? rs->from : "open",
		    rs->until[0] ? rs->until : "open");
}

static int build_templates(struct build *b, struct fa_rule *r,
			   const struct fa_xml_node *n, const char *subject)
{
	static const char *const elems[] = { "message", "remedy", "question" };
	struct fa_text *texts[] = { &r->message, &r->remedy, &r->question };
	unsigned long lines[2];
	size_t i;

	for (i = 0; i < N_OF(elems); i++) {
		lines[0] = lines[1] = n->line;
		if (build_text(b, texts[i], lines, n, elems[i], subject,
			       i == 0) != 0)
			return -1;
		check_template(b, lines[0], texts[i]->nl, "nl", elems[i],
			       r->id);
		check_template(b, lines[1], texts[i]->en, "en", elems[i],
			       r->id);
	}
	return 0;
}

static int build_rule(struct build *b, const struct fa_ruleset *rs,
		      struct fa_rule *r, const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;
	unsigned long lines[2];
	char subject[SHOW_MAX + 16];
	int v;

	r->line = n->line;
	r->set = rs;
	if (copy_attr(b, &r->id, n, "id") != 0)
		return -1;
	if (enum_attr(b, &v, n, "scope", scope_names, N_OF(scope_names)) != 0)
		return -1;
	r->scope = (enum fa_scope)v;
	if (enum_attr(b, &v, n, "severity", sev_names, N_OF(sev_names)) != 0)
		return -1;
	r->severity = (enum fa_severity)v;
	if (enum_attr(b, &v, n, "confidence", conf_names, N_OF(conf_names)) !=
	    0)
		return -1;
	r->confidence = (enum fa_confidence)v;
	c = need_child(b, n, "article");
	if (!c || copy(b, &r->article, c->text, 1) != 0)
		return -1;
	snprintf(subject, sizeof(subject), "rule '%s'", r->id);
	if (build_text(b, &r->title, lines, n, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(n, "effective");
	if (c) {
		if (date_attr(b, r->from, c, "from", 1) != 0 ||
		    date_attr(b, r->until, c, "until", 0) != 0)
			return -1;
		check_window(b, r->from, r->until, c->line);
		check_rule_window(b, rs, r, c->line);
	}
	c = fa_xml_child(n, "source");
	if (c && copy(b, &r->source, c->text, 1) != 0)
		return -1;
	c = need_child(b, n, "reads");
	if (!c || build_reads(b, r, c) != 0 ||
	    build_templates(b, r, n, subject) != 0)
		return -1;
	c = need_child(b, n, "check");
	if (!c || copy(b, &r->check, c->text, 0) != 0)
		return -1;
	r->check_line = text_line(b, c);
	check_sql(b, r);
	r->tests = calloc(count_children(n, "test") + 1, sizeof(*r->tests));
	if (!r->tests)
		return nomem(b);
	for (c = n->first; c; c = c->next)
		if (strcmp(c->name, "test") == 0 &&
		    build_test(b, r, &r->tests[r->n_tests++], c) != 0)
			return -1;
	return check_tests(b, rs, r);
}

/* ---- the rule set -------------------------------------------------------- */

static int months_attr(struct build *b, int *out, const struct fa_xml_node *n,
		       const char *name)
{
	const char *v = fa_xml_attr(n, name), *why;
	int64_t m;

	if (!v)
		return 0;
	if (fa_value_int(&m, v, strlen(v), &why) != 0 || m < 1 || m > 120) {
		problem(b, FA_ERR_INTERNAL, n->line,
			"invalid %s '%s' after schema validation", name, v);
		return -1;
	}
	*out = (int)m;
	return 0;
}

/* Names unique within the set; tables also by their SQL name. */
static int check_names(struct build *b, const struct fa_ruleset *rs)
{
	size_t *first = NULL, i;
	char sq[SHOW_MAX + 8];

	if (REPEATS(&first, rs->params, rs->n_params, struct fa_param, name,
		    0) != 0)
		return nomem(b);
	for (i = 0; i < rs->n_params; i++)
		if (first[i] != SIZE_MAX)
			problem(b, FA_ERR_INPUT, rs->params[i].line,
				"parameter '%s' is defined twice (first on "
				"line %lu)",
				rs->params[i].name, rs->params[first[i]].line);
	free(first);
	if (REPEATS(&first, rs->tables, rs->n_tables, struct fa_table, name,
		    1) != 0)
		return nomem(b);
	for (i = 0; i < rs->n_tables; i++) {
		const struct fa_table *t = &rs->tables[i], *o;

		if (first[i] == SIZE_MAX)
			continue;
		o = &rs->tables[first[i]];
		if (strcmp(t->name, o->name) == 0)
			problem(b, FA_ERR_INPUT, t->line,
				"table '%s' is defined twice (first on line "
				"%lu)",
				t->name, o->line);
		else
			problem(b, FA_ERR_INPUT, t->line,
				"table '%s' has the same SQL name '%s' as "
				"table '%s' on line %lu",
				t->name, sql_name(sq, sizeof(sq), t->name),
				o->name, o->line);
	}
	free(first);
	if (REPEATS(&first, rs->rules, rs->n_rules, struct fa_rule, id, 0) != 0)
		return nomem(b);
	for (i = 0; i < rs->n_rules; i++)
		if (first[i] != SIZE_MAX)
			problem(b, FA_ERR_INPUT, rs->rules[i].line,
				"rule '%s' is defined twice (first on line "
				"%lu)",
				rs->rules[i].id, rs->rules[first[i]].line);
	free(first);
	return 0;
}

static int build_set(struct build *b, struct fa_ruleset *rs,
		     const struct fa_xml_doc *doc)
{
	const struct fa_xml_node *root = doc->root, *c;
	unsigned long lines[2];
	char subject[SHOW_MAX + 16];

	if (strcmp(doc->ns, RULESET_NS) != 0 ||
	    strcmp(root->name, "ruleset") != 0) {
		problem(b, FA_ERR_INTERNAL, root->line,
			"root element '%s' in namespace '%s' after schema "
			"validation",
			root->name, doc->ns);
		return -1;
	}
	if (copy_attr(b, &rs->id, root, "id") != 0 ||
	    copy_attr(b, &rs->edition, root, "edition") != 0)
		return -1;
	snprintf(subject, sizeof(subject), "rule set '%s'", rs->id);
	if (build_text(b, &rs->title, lines, root, "title", subject, 1) != 0)
		return -1;
	c = fa_xml_child(root, "effective");
	if (c) {
		if (date_attr(b, rs->from, c, "from", 1) != 0 ||
		    date_attr(b, rs->until, c, "until", 0) != 0)
			return -1;
		check_window(b, rs->from, rs->until, c->line);
	}
	rs->major_months = 3;
	rs->minor_months = 6;
	c = fa_xml_child(root, "deadlines");
	if (c && (months_attr(b, &rs->major_months, c, "major-months") != 0 ||
		  months_attr(b, &rs->minor_months, c, "minor-months") != 0))
		return -1;
	rs->sources =
	    calloc(count_children(root, "source") + 1, sizeof(*rs->sources));
	rs->params =
	    calloc(count_children(root, "parameter") + 1, sizeof(*rs->params));
	rs->tables =
	    calloc(count_children(root, "table") + 1, sizeof(*rs->tables));
	rs->rules =
	    calloc(count_children(root, "rule") + 1, sizeof(*rs->rules));
	if (!rs->sources || !rs->params || !rs->tables || !rs->rules)
		return nomem(b);
	/* Count first, so that fa_ruleset_free sees what was set. */
	for (c = root->first; c; c = c->next) {
		int rc = 0;

		if (strcmp(c->name, "source") == 0)
			rc = copy(b, &rs->sources[rs->n_sources++], c->text, 1);
		else if (strcmp(c->name, "parameter") == 0)
			rc = build_param(b, &rs->params[rs->n_params++], c);
		else if (strcmp(c->name, "table") == 0)
			rc = build_table(b, &rs->tables[rs->n_tables++], c);
		else if (strcmp(c->name, "rule") == 0)
			rc = build_rule(b, rs, &rs->rules[rs->n_rules++], c);
		if (rc != 0)
			return -1;
	}
	return check_names(b, rs);
}

/* ---- loading one set ----------------------------------------------------- */

/*
 * Problems are found check by check; a person fixes them top to bottom.
 * Sort this load's diagnostics by line, stably; line 0 (the end of a CSV
 * block, out of memory) goes last.
 */
static void sort_diags(struct fa_error *err, size_t start)
{
	size_t i, j;

	for (i = start + 1; err && i < err->n; i++) {
		struct fa_diag d = err->diag[i];
		unsigned long key = d.line ? d.line : (unsigned long)-1;

		for (j = i; j > start; j--) {
			unsigned long l = err->diag[j - 1].line;

			if ((l ? l : (unsigned long)-1) <= key)
				break;
			err->diag[j] = err->diag[j - 1];
		}
		err->diag[j] = d;
	}
}

enum fa_code fa_ruleset_load_mem(struct fa_ruleset **out, const char *where,
				 const void *buf, size_t len,
				 struct fa_error *err)
{
	struct build b = { where, buf, len, 1, 0, err, FA_OK };
	struct fa_xml_doc *doc = NULL;
	struct fa_ruleset *rs = NULL;
	size_t start = err ? err->n : 0;
	enum fa_code rc;

	assert(out && where);
	*out = NULL;
	if (len > FA_RULESET_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, where, 0, 0,
				    "rule set too large (%zu bytes, limit %d)",
				    len, FA_RULESET_MAX_BYTES);
	rc = fa_xml_load(&doc, where, buf, len, fa_ruleset_xsd,
			 fa_ruleset_xsd_len, err);
	if (rc != FA_OK)
		goto out;
	rs = calloc(1, sizeof(*rs));
	if (!rs || copy(&b, &rs->path, where, 0) != 0) {
		if (!rs)
			nomem(&b);
		goto out;
	}
	fa_sha256_buf_hex(rs->sha256, buf, len);
	if (build_set(&b, rs, doc) == 0 && b.code == FA_OK) {
		*out = rs;
		rs = NULL;
	}
out:
	if (rc == FA_OK)
		rc = b.code;
	sort_diags(err, start);
	fa_ruleset_free(rs);
	fa_xml_doc_free(doc);
	return rc;
}

enum fa_code fa_ruleset_load(struct fa_ruleset **out, const char *path,
			     struct fa_error *err)
{
	FILE *f;
	struct stat st;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, n;
	enum fa_code rc;

	assert(out && path);
	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
		rc = fa_error_add(
		    err, FA_ERR_IO, NULL, 0, 0, "cannot read '%s': %s", path,
		    strerror(S_ISDIR(st.st_mode) ? EISDIR : errno));
		goto out;
	}
	if (S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > FA_RULESET_MAX_BYTES) {
		rc = fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				  "rule set too large (%lld bytes, limit %d)",
				  (long long)st.st_size, FA_RULESET_MAX_BYTES);
		goto out;
	}
	/* Read one byte past the limit, so that xmlload reports a file that
	 * grew (or a pipe) as too large. */
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 64 * 1024;
			p = realloc(buf, cap);
			if (!p) {
				rc = fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
						  "out of memory");
				goto out;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0 && len <= FA_RULESET_MAX_BYTES);
	if (ferror(f)) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = fa_ruleset_load_mem(out, path, buf, len, err);
out:
	free(buf);
	fclose(f);
	return rc;
}

static void free_text(struct fa_text *t)
{
	free(t->nl);
	free(t->en);
}

static void free_rule(struct fa_rule *r)
{
	size_t i, j;

	free(r->id);
	free(r->article);
	free_text(&r->title);
	free(r->source);
	for (i = 0; i < r->n_reads; i++)
		free(r->reads[i]);
	free(r->reads);
	free_text(&r->message);
	free_text(&r->remedy);
	free_text(&r->question);
	free(r->check);
	for (i = 0; i < r->n_tests; i++) {
		struct fa_rule_test *t = &r->tests[i];

		free(t->name);
		for (j = 0; j < t->n_given; j++) {
			free(t->given[j].table);
			free(t->given[j].csv);
		}
		free(t->given);
		for (j = 0; j < t->n_expect; j++) {
			free(t->expect[j].subject);
			free(t->expect[j].outcome);
		}
		free(t->expect);
	}
	free(r->tests);
}

static void free_table(struct fa_table *t)
{
	size_t i, j;

	free(t->name);
	free_text(&t->title);
	free(t->source);
	for (i = 0; i < t->n_rows; i++) {
		for (j = 0; j < t->n_columns; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	for (i = 0; i < t->n_columns; i++)
		free(t->columns[i].name);
	free(t->columns);
}

void fa_ruleset_free(struct fa_ruleset *rs)
{
	size_t i, j;

	if (!rs)
		return;
	free(rs->path);
	free(rs->id);
	free(rs->edition);
	free_text(&rs->title);
	for (i = 0; i < rs->n_sources; i++)
		free(rs->sources[i]);
	free(rs->sources);
	for (i = 0; i < rs->n_params; i++) {
		struct fa_param *p = &rs->params[i];

		free(p->name);
		free(p->concept);
		free(p->unit);
		free_text(&p->title);
		free(p->source);
		for (j = 0; j < p->n_values; j++) {
			free(p->values[j].text);
			free(p->values[j].source);
		}
		free(p->values);
	}
	free(rs->params);
	for (i = 0; i < rs->n_tables; i++)
		free_table(&rs->tables[i]);
	free(rs->tables);
	for (i = 0; i < rs->n_rules; i++)
		free_rule(&rs->rules[i]);
	free(rs->rules);
	free(rs);
}

/* ---- several sets -------------------------------------------------------- */

/*
 * Editions compare number by number ("2025.10" > "2025.9", "2025-07" ==
 * "2025.7"); a longer edition with the same start is the later one.
 */
static int edition_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		size_t la, lb;
		int c;

		while (a[0] == '0' && a[1] >= '0' && a[1] <= '9')
			a++;
		while (b[0] == '0' && b[1] >= '0' && b[1] <= '9')
			b++;
		la = strspn(a, "0123456789");
		lb = strspn(b, "0123456789");
		if (la != lb)
			return la < lb ? -1 : 1;
		c = memcmp(a, b, la);
		if (c)
			return c < 0 ? -1 : 1;
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
	return 0;
}

static enum fa_code add_file(struct fa_rulesets *sets, const char *path,
			     struct fa_error *err)
{
	struct fa_ruleset *rs = NULL, **grown;
	enum fa_code rc = fa_ruleset_load(&rs, path, err);

	if (rc != FA_OK)
		return rc;
	grown = realloc(sets->sets, (sets->n + 1) * sizeof(*grown));
	if (!grown) {
		fa_ruleset_free(rs);
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
	}
	sets->sets = grown;
	sets->sets[sets->n++] = rs;
	return FA_OK;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_xml_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Load the *.xml files directly inside dir, in name order. */
static enum fa_code add_dir(struct fa_rulesets *sets, const char *dir,
			    struct fa_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown, *path;
	size_t n = 0, i;
	enum fa_code rc = FA_OK, r;

	if (!d)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", dir,
				    strerror(errno));
	while ((e = readdir(d))) {
		if (!is_xml_name(e->d_name))
			continue;
		if (n == FA_RULESET_MAX_FILES) {
			rc = fa_error_add(err, FA_ERR_LIMIT, dir, 0, 0,
					  "more than %d rule-set files",
					  FA_RULESET_MAX_FILES);
			goto out;
		}
		grown = realloc(names, (n + 1) * sizeof(*names));
		if (!grown || !(grown[n] = dup_str(e->d_name))) {
			names = grown ? grown : names;
			rc = fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
					  "out of memory");
			goto out;
		}
		names = grown;
		n++;
	}
	qsort(names, n, sizeof(*names), str_ptr_cmp);
	for (i = 0; i < n; i++) {
		size_t dl = strlen(dir);
		int slash = dl > 0 && dir[dl - 1] == '/';

		path = malloc(dl + strlen(names[i]) + 2);
		if (!path) {
			rc = fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
					  "out of memory");
			goto out;
		}
		snprintf(path, dl + strlen(names[i]) + 2, "%s%s%s", dir,
			 slash ? "" : "/", names[i]);
		r = add_file(sets, path, err);
		free(path);
		if (rc == FA_OK)
			rc = r;
		if (r == FA_ERR_NOMEM)
			goto out;
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

/* Keep the highest edition of each rule-set id; free the others. */
static enum fa_code pick_editions(struct fa_rulesets *sets,
				  struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i, j, k = 0;

	for (i = 0; i < sets->n; i++) {
		struct fa_ruleset *a = sets->sets[i];

		for (j = 0; j < i && a; j++) {
			struct fa_ruleset *o = sets->sets[j];
			int c;

			if (!o || strcmp(o->id, a->id) != 0)
				continue;
			c = edition_cmp(a->edition, o->edition);
			if (c == 0) {
				rc = fa_error_add(err, FA_ERR_INPUT, a->path, 0,
						  0,
						  "rule set '%s' edition '%s' "
						  "is also loaded from %s",
						  a->id, a->edition, o->path);
			} else if (c > 0) {
				fa_ruleset_free(o);
				sets->sets[j] = NULL;
			} else {
				fa_ruleset_free(a);
				sets->sets[i] = a = NULL;
			}
		}
	}
	for (i = 0; i < sets->n; i++)
		if (sets->sets[i])
			sets->sets[k++] = sets->sets[i];
	sets->n = k;
	return rc;
}

/* A name defined in one set, for the checks across sets. */
struct ref {
	const char *s;
	const char *path;
	unsigned long line;
};

enum ref_kind { REF_RULE, REF_PARAM, REF_TABLE };

static size_t collect(struct ref *refs, const struct fa_rulesets *sets,
		      enum ref_kind kind)
{
	size_t i, j, n = 0;

	for (i = 0; i < sets->n; i++) {
		const struct fa_ruleset *rs = sets->sets[i];
		size_t m = kind == REF_RULE    ? rs->n_rules
			   : kind == REF_PARAM ? rs->n_params
					       : rs->n_tables;

		for (j = 0; j < m; j++, n++) {
			refs[n].path = rs->path;
			if (kind == REF_RULE) {
				refs[n].s = rs->rules[j].id;
				refs[n].line = rs->rules[j].line;
			} else if (kind == REF_PARAM) {
				refs[n].s = rs->params[j].name;
				refs[n].line = rs->params[j].line;
			} else {
				refs[n].s = rs->tables[j].name;
				refs[n].line = rs->tables[j].line;
			}
		}
	}
	return n;
}

static enum fa_code repeats_across(const struct fa_rulesets *sets,
				   enum ref_kind kind, struct fa_error *err)
{
	static const char *const what[] = { "rule id", "parameter", "table" };
	struct ref *refs;
	size_t *first = NULL, i, n = 0;
	enum fa_code rc = FA_OK;
	char sq[SHOW_MAX + 8];

	for (i = 0; i < sets->n; i++)
		n += kind == REF_RULE	 ? sets->sets[i]->n_rules
		     : kind == REF_PARAM ? sets->sets[i]->n_params
					 : sets->sets[i]->n_tables;
	refs = calloc(n ? n : 1, sizeof(*refs));
	if (!refs)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
	collect(refs, sets, kind);
	if (REPEATS(&first, refs, n, struct ref, s, kind == REF_TABLE) != 0) {
		free(refs);
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
	}
	for (i = 0; i < n; i++) {
		const struct ref *r = &refs[i], *o;

		if (first[i] == SIZE_MAX)
			continue;
		o = &refs[first[i]];
		if (strcmp(r->s, o->s) == 0)
			rc =
			    fa_error_add(err, FA_ERR_INPUT, r->path, r->line, 0,
					 "%s '%s' is also defined in %s:%lu",
					 what[kind], r->s, o->path, o->line);
		else
			rc =
			    fa_error_add(err, FA_ERR_INPUT, r->path, r->line, 0,
					 "table '%s' has the same SQL name "
					 "'%s' as table '%s' in %s:%lu",
					 r->s, sql_name(sq, sizeof(sq), r->s),
					 o->s, o->path, o->line);
	}
	free(first);
	free(refs);
	return rc;
}

struct param_ctx {
	const char *const *names; /* every parameter name, sorted */
	size_t n;
	const struct fa_ruleset *rs;
	const struct fa_rule *rule;
	size_t off;	    /* where line was counted to in the check */
	unsigned long line; /* the check's line at off */
	struct fa_error *err;
	enum fa_code rc;
};

static int on_param(void *ctx, const char *name, size_t off)
{
	struct param_ctx *x = ctx;
	char sb[SHOW_MAX + 4];

	if (bsearch(&name, x->names, x->n, sizeof(*x->names), str_ptr_cmp))
		return 0;
	/* Calls come in order: count lines on from the previous one. */
	x->line += lines_before(x->rule->check + x->off, off - x->off);
	x->off = off;
	x->rc = fa_error_add(x->err, FA_ERR_INPUT, x->rs->path, x->line, 0,
			     "unknown parameter '%s' in the check of rule '%s'",
			     show(sb, name), x->rule->id);
	return 0;
}

/* Every param('name') of every check names a parameter of a kept set. */
static enum fa_code params_known(const struct fa_rulesets *sets,
				 struct fa_error *err)
{
	struct param_ctx x = { NULL, 0, NULL, NULL, 0, 0, err, FA_OK };
	const char **names;
	size_t i, j, n = 0;

	for (i = 0; i < sets->n; i++)
		n += sets->sets[i]->n_params;
	names = malloc((n ? n : 1) * sizeof(*names));
	if (!names)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_params; j++)
			names[x.n++] = sets->sets[i]->params[j].name;
	qsort(names, x.n, sizeof(*names), str_ptr_cmp);
	x.names = names;
	for (i = 0; i < sets->n; i++) {
		x.rs = sets->sets[i];
		for (j = 0; j < x.rs->n_rules; j++) {
			x.rule = &x.rs->rules[j];
			x.off = 0;
			x.line = x.rule->check_line;
			if (sql_params(x.rule->check, on_param, &x) != 0) {
				free(names);
				return fa_error_add(err, FA_ERR_NOMEM, NULL, 0,
						    0, "out of memory");
			}
		}
	}
	free(names);
	return x.rc;
}

enum fa_code fa_rulesets_load(struct fa_rulesets *sets,
			      const char *const *paths, size_t n_paths,
			      struct fa_error *err)
{
	enum fa_code rc = FA_OK, r;
	size_t i;

	assert(sets && (paths || n_paths == 0));
	sets->n = 0;
	sets->sets = NULL;
	for (i = 0; i < n_paths; i++) {
		struct stat st;

		if (stat(paths[i], &st) != 0)
			r = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
					 "cannot open '%s': %s", paths[i],
					 strerror(errno));
		else if (S_ISDIR(st.st_mode))
			r = add_dir(sets, paths[i], err);
		else
			r = add_file(sets, paths[i], err);
		if (rc == FA_OK)
			rc = r;
	}
	if (rc == FA_OK)
		rc = pick_editions(sets, err);
	if (rc == FA_OK) {
		enum fa_code r1 = repeats_across(sets, REF_RULE, err);
		enum fa_code r2 = repeats_across(sets, REF_PARAM, err);
		enum fa_code r3 = repeats_across(sets, REF_TABLE, err);
		enum fa_code r4 = params_known(sets, err);

		rc = r1 ? r1 : r2 ? r2 : r3 ? r3 : r4;
	}
	if (rc != FA_OK)
		fa_rulesets_release(sets);
	return rc;
}

void fa_rulesets_release(struct fa_rulesets *sets)
{
	size_t i;

	if (!sets)
		return;
	for (i = 0; i < sets->n; i++)
		fa_ruleset_free(sets->sets[i]);
	free(sets->sets);
	sets->sets = NULL;
	sets->n = 0;
}

/* ---- lookups ------------------------------------------------------------- */

const struct fa_rule *fa_rulesets_rule(const struct fa_rulesets *sets,
				       const char *id)
{
	size_t i, j;

	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_rules; j++)
			if (strcmp(sets->sets[i]->rules[j].id, id) == 0)
				return &sets->sets[i]->rules[j];
	return NULL;
}

const struct fa_param *fa_rulesets_param(const struct fa_rulesets *sets,
					 const char *name)
{
	size_t i, j;

	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_params; j++)
			if (strcmp(sets->sets[i]->params[j].name, name) == 0)
				return &sets->sets[i]->params[j];
	return NULL;
}

const struct fa_table *fa_rulesets_table(const struct fa_rulesets *sets,
					 const char *name)
{
	size_t i, j;

	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_tables; j++)
			if (strcmp(sets->sets[i]->tables[j].name, name) == 0)
				return &sets->sets[i]->tables[j];
	return NULL;
}

const struct fa_param_value *fa_param_at(const struct fa_param *p,
					 const char *date)
{
	size_t lo = 0, hi = p->n_values;

	/* The last value starting on or before date is the only candidate. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(p->values[mid].from, date) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	if (p->values[lo - 1].until[0] &&
	    strcmp(date, p->values[lo - 1].until) > 0)
		return NULL;
	return &p->values[lo - 1];
}

const char *fa_confidence_name(enum fa_confidence c)
{
	return (size_t)c < N_OF(conf_names) ? conf_names[c] : "unknown";
}

const char *fa_scope_name(enum fa_scope s)
{
	return (size_t)s < N_OF(scope_names) ? scope_names[s] : "unknown";
}

const char *fa_severity_name(enum fa_severity s)
{
	return (size_t)s < N_OF(sev_names) ? sev_names[s] : "unknown";
}
