/* SPDX-License-Identifier: MIT */
/*
 * Mapping profiles: loads a profile through xmlload against the embedded
 * mapping.xsd, copies it into struct fa_mapping and checks what the
 * schema cannot say against the evidence schema (tables and columns
 * exist, value targets are values the column takes, no header or value
 * twice, code lists defined). Every problem is reported at once, in line
 * order. Also answers pack's lookups (mapping_find.c finds profiles by
 * name). Never sees libxml2.
 */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "isocodes.h"
#include "limits.h"
#include "mapping.h"
#include "schema.h"
#include "suggest.h"
#include "text.h"
#include "xmlload.h"

extern const char fa_mapping_xsd[];
extern const size_t fa_mapping_xsd_len;

/* ---- the model ----------------------------------------------------------- */

struct map_value {
	char *from, *to;
	size_t to_len;
	unsigned long line;
};

struct map_codes {
	char *name;
	struct map_value *values;
	size_t n_values;
	unsigned long line;
};

struct map_header {
	char *text;
	unsigned long line;
};

struct map_column {
	const struct fa_column_spec *spec; /* NULL: not in the schema */
	char *name;
	char *codes_name;	       /* codes= or NULL */
	const struct map_codes *codes; /* resolved codes_name */
	struct map_header *headers;
	size_t n_headers;
	struct map_value *values;
	size_t n_values;
	unsigned long line;
};

struct map_table {
	const struct fa_table_spec *spec; /* NULL: not in the schema */
	char *name;
	char **patterns;
	size_t n_patterns;
	struct map_column *cols;
	size_t n_cols;
	unsigned long line;
};

struct fa_mapping {
	char *id;
	char *title_en, *title_nl;
	char *description, *system, *export;
	struct map_codes *codes;
	size_t n_codes;
	struct map_table *tables;
	size_t n_tables;
};

/* ---- text comparison ----------------------------------------------------- */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * 1 if s[0..len), trimmed, equals want (collapsed by the loader): ASCII
 * letters without case, a run of white space in s as one space.
 */
static int same_text(const char *want, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end && is_blank((unsigned char)*s))
		s++;
	while (end > s && is_blank((unsigned char)end[-1]))
		end--;
	while (s < end && *want) {
		if (is_blank((unsigned char)*s)) {
			if (*want != ' ')
				return 0;
			while (s < end && is_blank((unsigned char)*s))
				s++;
			want++;
			continue;
		}
		if (lower((unsigned char)*s) != lower((unsigned char)*want))
			return 0;
		s++;
		want++;
	}
	return s == end && !*want;
}

/* '*' any run (none included), letters without case; the whole name. */
static int glob_match(const char *pat, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name) {
		if (*pat == '*') {
			star = ++pat;
			resume = name;
		} else if (*pat && lower((unsigned char)*pat) ==
				       lower((unsigned char)*name)) {
			pat++;
			name++;
		} else if (star) {
			pat = star;
			name = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* ---- building the model from the validated tree -------------------------- */

struct build {
	const char *where;
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

static void nomem(struct build *b)
{
	if (b->code == FA_OK)
		b->code = FA_ERR_NOMEM;
	fa_error_nomem(b->err, b->where);
}

static const char *need_attr(struct build *b, const struct fa_xml_node *n,
			     const char *name)
{
	const char *v = fa_xml_need_attr(n, name, b->where, b->err);

	if (!v && b->code == FA_OK)
		b->code = FA_ERR_INTERNAL;
	return v;
}

/* Copy s with white space collapsed; s NULL: a problem already reported. */
static int copy(struct build *b, char **dst, const char *s)
{
	if (!s)
		return -1;
	*dst = fa_text_collapse(s);
	if (!*dst) {
		nomem(b);
		return -1;
	}
	return 0;
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

/* calloc that takes 0 (no array) as success. */
static int alloc_array(struct build *b, void *out, size_t n, size_t size)
{
	void *p = NULL;

	if (n) {
		p = calloc(n, size);
		if (!p) {
			nomem(b);
			return -1;
		}
	}
	memcpy(out, &p, sizeof(p));
	return 0;
}

static int build_values(struct build *b, struct map_value **out, size_t *n,
			const struct fa_xml_node *parent)
{
	const struct fa_xml_node *c;

	if (alloc_array(b, out, count_children(parent, "value"),
			sizeof(**out)) != 0)
		return -1;
	for (c = parent->first; c; c = c->next) {
		struct map_value *v;

		if (strcmp(c->name, "value") != 0)
			continue;
		v = &(*out)[(*n)++];
		v->line = c->line;
		if (copy(b, &v->from, need_attr(b, c, "from")) != 0 ||
		    copy(b, &v->to, need_attr(b, c, "to")) != 0)
			return -1;
		v->to_len = strlen(v->to);
	}
	return 0;
}

static int build_column(struct build *b, struct map_column *col,
			const struct fa_xml_node *n)
{
	const char *codes = fa_xml_attr(n, "codes");
	const struct fa_xml_node *c;

	col->line = n->line;
	if (copy(b, &col->name, need_attr(b, n, "name")) != 0)
		return -1;
	if (codes && copy(b, &col->codes_name, codes) != 0)
		return -1;
	if (alloc_array(b, &col->headers, count_children(n, "header"),
			sizeof(*col->headers)) != 0)
		return -1;
	for (c = n->first; c; c = c->next) {
		struct map_header *h;

		if (strcmp(c->name, "header") != 0)
			continue;
		h = &col->headers[col->n_headers++];
		h->line = c->line;
		if (copy(b, &h->text, c->text) != 0)
			return -1;
	}
	return build_values(b, &col->values, &col->n_values, n);
}

static int build_table(struct build *b, struct map_table *t,
		       const struct fa_xml_node *n)
{
	const struct fa_xml_node *c;

	t->line = n->line;
	if (copy(b, &t->name, need_attr(b, n, "name")) != 0)
		return -1;
	t->spec = fa_schema_table(t->name);
	if (alloc_array(b, &t->patterns, count_children(n, "file"),
			sizeof(*t->patterns)) != 0 ||
	    alloc_array(b, &t->cols, count_children(n, "column"),
			sizeof(*t->cols)) != 0)
		return -1;
	for (c = n->first; c; c = c->next) {
		if (strcmp(c->name, "file") == 0) {
			if (copy(b, &t->patterns[t->n_patterns++],
				 need_attr(b, c, "pattern")) != 0)
				return -1;
		} else if (strcmp(c->name, "column") == 0) {
			if (build_column(b, &t->cols[t->n_cols++], c) != 0)
				return -1;
		}
	}
	return 0;
}

/* The id: where without its directory and without ".xml". */
static int build_id(struct build *b, struct fa_mapping *m)
{
	const char *base = strrchr(b->where, '/');
	size_t len;

	base = base ? base + 1 : b->where;
	len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".xml") == 0)
		len -= 4;
	m->id = malloc(len + 1);
	if (!m->id) {
		nomem(b);
		return -1;
	}
	memcpy(m->id, base, len);
	m->id[len] = '\0';
	return 0;
}

static int build(struct build *b, struct fa_mapping *m,
		 const struct fa_xml_doc *doc)
{
	const struct fa_xml_node *root = doc->root, *c;

	if (strcmp(doc->ns, FA_MAPPING_NS) != 0 ||
	    strcmp(root->name, "mapping") != 0) {
		problem(b, FA_ERR_INTERNAL, root->line,
			"root element '%s' in namespace '%s' after schema "
			"validation",
			root->name, doc->ns);
		return -1;
	}
	if (build_id(b, m) != 0)
		return -1;
	if (alloc_array(b, &m->codes, count_children(root, "codes"),
			sizeof(*m->codes)) != 0 ||
	    alloc_array(b, &m->tables, count_children(root, "table"),
			sizeof(*m->tables)) != 0)
		return -1;
	for (c = root->first; c; c = c->next) {
		if (strcmp(c->name, "title") == 0) {
			const char *lang = need_attr(b, c, "lang");
			char **dst;

			if (!lang)
				return -1;
			dst = strcmp(lang, "nl") == 0 ? &m->title_nl
						      : &m->title_en;
			if (*dst == NULL && copy(b, dst, c->text) != 0)
				return -1;
		} else if (strcmp(c->name, "description") == 0) {
			if (copy(b, &m->description, c->text) != 0)
				return -1;
		} else if (strcmp(c->name, "system") == 0) {
			if (copy(b, &m->system, c->text) != 0)
				return -1;
		} else if (strcmp(c->name, "export") == 0) {
			if (copy(b, &m->export, c->text) != 0)
				return -1;
		} else if (strcmp(c->name, "codes") == 0) {
			struct map_codes *k = &m->codes[m->n_codes++];

			k->line = c->line;
			if (copy(b, &k->name, need_attr(b, c, "name")) != 0 ||
			    build_values(b, &k->values, &k->n_values, c) != 0)
				return -1;
		} else if (strcmp(c->name, "table") == 0) {
			if (build_table(b, &m->tables[m->n_tables++], c) != 0)
				return -1;
		}
	}
	if (!m->title_en || !m->title_nl || !m->description || !m->system ||
	    !m->export) {
		problem(b, FA_ERR_INTERNAL, root->line,
			"profile without title, description, system or "
			"export after schema validation");
		return -1;
	}
	return 0;
}

/* ---- meaning checks ------------------------------------------------------ */

/* The problems of one value's to= for column spec c; subject names the
 * value in the message. */
static void check_target(struct build *b, const struct map_value *v,
			 const char *subject, const struct fa_column_spec *c)
{
	char sv[FA_TEXT_SHOW_MAX + 4];
	char list[FA_ERROR_MESSAGE_MAX];
	size_t canon_len, i, k = 0;
	const char *canon;

	switch (c->type) {
	case FA_COL_ENUM:
		canon = fa_schema_enum_match(c, v->to, v->to_len, &canon_len);
		if (canon && strncmp(canon, v->to, canon_len) == 0)
			return;
		for (i = 0; c->values[i] && k + 3 < sizeof(list); i++) {
			if (c->values[i] == '|') {
				list[k++] = ',';
				list[k++] = ' ';
			} else {
				list[k++] = c->values[i];
			}
		}
		list[k] = '\0';
		problem(b, FA_ERR_INPUT, v->line,
			"value '%s' %s is not one of %s: write one of them "
			"exactly",
			fa_text_show(sv, v->to), subject, list);
		return;
	case FA_COL_BOOL:
		if (strcmp(v->to, "yes") == 0 || strcmp(v->to, "no") == 0)
			return;
		problem(b, FA_ERR_INPUT, v->line,
			"value '%s' %s is not yes or no: write yes or no",
			fa_text_show(sv, v->to), subject);
		return;
	case FA_COL_COUNTRY:
		if (v->to_len == 2 && fa_iso_country(v->to))
			return;
		problem(b, FA_ERR_INPUT, v->line,
			"value '%s' %s is not an ISO 3166-1 alpha-2 country "
			"code: write a code such as PL, in upper case",
			fa_text_show(sv, v->to), subject);
		return;
	case FA_COL_LANG:
		if (v->to_len == 2 && fa_iso_language(v->to))
			return;
		problem(b, FA_ERR_INPUT, v->line,
			"value '%s' %s is not an ISO 639-1 language code: "
			"write a code such as pl, in lower case",
			fa_text_show(sv, v->to), subject);
		return;
	default:
		return;
	}
}

/* Report every from= given twice in values[0..n) (case ignored). */
static void check_repeats(struct build *b, const struct map_value *values,
			  size_t n, const char *subject)
{
	char sv[FA_TEXT_SHOW_MAX + 4];
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (same_text(values[j].from, values[i].from,
				      strlen(values[i].from))) {
				problem(b, FA_ERR_INPUT, values[i].line,
					"value '%s' is given twice %s (first "
					"on line %lu): keep one",
					fa_text_show(sv, values[i].from),
					subject, values[j].line);
				break;
			}
}

static const struct map_codes *find_codes(const struct fa_mapping *m,
					  const char *name)
{
	size_t i;

	for (i = 0; i < m->n_codes; i++)
		if (strcmp(m->codes[i].name, name) == 0)
			return &m->codes[i];
	return NULL;
}

static void check_codes(struct build *b, const struct fa_mapping *m)
{
	char subject[FA_ERROR_MESSAGE_MAX];
	size_t i, j;

	for (i = 0; i < m->n_codes; i++) {
		const struct map_codes *k = &m->codes[i];

		for (j = 0; j < i; j++)
			if (strcmp(m->codes[j].name, k->name) == 0) {
				problem(b, FA_ERR_INPUT, k->line,
					"code list '%s' is defined twice "
					"(first on line %lu): merge the two",
					k->name, m->codes[j].line);
				break;
			}
		snprintf(subject, sizeof(subject), "in code list '%s'",
			 k->name);
		check_repeats(b, k->values, k->n_values, subject);
	}
}

/*
 * Every value of code list k against column c of table t, unless an
 * earlier column with the same type and values was checked already (a
 * list of countries used by three country columns is reported once).
 */
static void check_codes_for(struct build *b, const struct fa_mapping *m,
			    const struct map_codes *k,
			    const struct map_table *t,
			    const struct map_column *c)
{
	char subject[FA_ERROR_MESSAGE_MAX];
	size_t i, j;

	for (i = 0; i < m->n_tables; i++)
		for (j = 0; j < m->tables[i].n_cols; j++) {
			const struct map_column *o = &m->tables[i].cols[j];

			if (o == c)
				goto check;
			if (o->codes == k && o->spec &&
			    o->spec->type == c->spec->type &&
			    o->spec->values == c->spec->values)
				return;
		}
check:
	snprintf(subject, sizeof(subject), "of code list '%s' for '%s.%s'",
		 k->name, t->name, c->name);
	for (i = 0; i < k->n_values; i++)
		check_target(b, &k->values[i], subject, c->spec);
}

static void check_column(struct build *b, struct fa_mapping *m,
			 struct map_table *t, struct map_column *c, size_t ci)
{
	char sh[FA_TEXT_SHOW_MAX + 4], subject[FA_ERROR_MESSAGE_MAX];
	char hint[FA_ERROR_MESSAGE_MAX];
	struct fa_suggest s;
	size_t i, j, k;
	int own;

	for (i = 0; i < ci; i++)
		if (strcmp(t->cols[i].name, c->name) == 0) {
			problem(b, FA_ERR_INPUT, c->line,
				"column '%s.%s' is described twice (first "
				"on line %lu): merge the two",
				t->name, c->name, t->cols[i].line);
			break;
		}
	if (t->spec) {
		own = fa_schema_column_index(t->spec, c->name, strlen(c->name));
		if (own >= 0 && strcmp(t->spec->cols[own].name, c->name) == 0)
			c->spec = &t->spec->cols[own];
		if (!c->spec && own >= 0) {
			problem(b, FA_ERR_INPUT, c->line,
				"table '%s' has no column '%s': give the "
				"English name '%s'",
				t->name, c->name, t->spec->cols[own].name);
		} else if (!c->spec) {
			fa_suggest_init(&s, c->name);
			for (i = 0; i < t->spec->n_cols; i++)
				fa_suggest_offer(&s, t->spec->cols[i].name);
			fa_suggest_text(hint, sizeof(hint), &s,
					"'flexaudit schema' lists its columns");
			problem(b, FA_ERR_INPUT, c->line,
				"table '%s' has no column '%s': %s", t->name,
				c->name, hint);
		}
	}
	if (c->n_headers == 0 && c->n_values == 0 && !c->codes_name)
		problem(b, FA_ERR_INPUT, c->line,
			"column '%s.%s' maps nothing: give a <header>, a "
			"<value> or codes=",
			t->name, c->name);
	for (i = 0; i < c->n_headers; i++) {
		const struct map_header *h = &c->headers[i];
		const struct map_header *first = NULL;
		int other;

		/* the first earlier header of the table with this text */
		for (j = 0; j <= ci && !first; j++)
			for (k = 0; k < t->cols[j].n_headers && !first; k++) {
				const struct map_header *o =
				    &t->cols[j].headers[k];

				if (o == h)
					break;
				if (same_text(o->text, h->text,
					      strlen(h->text)))
					first = o;
			}
		if (first) {
			problem(b, FA_ERR_INPUT, h->line,
				"header '%s' is given twice in table '%s' "
				"(first on line %lu): a header maps to one "
				"column; remove one",
				fa_text_show(sh, h->text), t->name,
				first->line);
			continue;
		}
		if (!t->spec || !c->spec)
			continue;
		other =
		    fa_schema_column_index(t->spec, h->text, strlen(h->text));
		if (other >= 0 && &t->spec->cols[other] != c->spec)
			problem(b, FA_ERR_INPUT, h->line,
				"header '%s' is the package's own name of "
				"'%s.%s' and cannot map to '%s.%s': remove it",
				fa_text_show(sh, h->text), t->name,
				t->spec->cols[other].name, t->name, c->name);
	}
	snprintf(subject, sizeof(subject), "for '%s.%s'", t->name, c->name);
	check_repeats(b, c->values, c->n_values, subject);
	if (c->spec)
		for (i = 0; i < c->n_values; i++)
			check_target(b, &c->values[i], subject, c->spec);
	if (c->codes_name) {
		c->codes = find_codes(m, c->codes_name);
		if (!c->codes)
			problem(b, FA_ERR_INPUT, c->line,
				"code list '%s' is not defined: add <codes "
				"name=\"%s\"> or correct codes=",
				c->codes_name, c->codes_name);
		else if (c->spec)
			check_codes_for(b, m, c->codes, t, c);
	}
}

static void check_table(struct build *b, struct fa_mapping *m, size_t ti)
{
	struct map_table *t = &m->tables[ti];
	char hint[FA_ERROR_MESSAGE_MAX];
	struct fa_suggest s;
	size_t i;

	for (i = 0; i < ti; i++)
		if (strcmp(m->tables[i].name, t->name) == 0) {
			problem(b, FA_ERR_INPUT, t->line,
				"table '%s' is described twice (first on line "
				"%lu): merge the two",
				t->name, m->tables[i].line);
			break;
		}
	if (!t->spec) {
		fa_suggest_init(&s, t->name);
		for (i = 0; i < fa_schema_count(); i++)
			fa_suggest_offer(&s, fa_schema_table_at(i)->name);
		fa_suggest_text(hint, sizeof(hint), &s,
				"'flexaudit schema' lists the tables");
		problem(b, FA_ERR_INPUT, t->line, "unknown table '%s': %s",
			t->name, hint);
	}
	for (i = 0; i < t->n_cols; i++)
		check_column(b, m, t, &t->cols[i], i);
}

/* Put err's problems from index from on in line order (stable), so that
 * the author reads them top to bottom whichever check found them. */
static void sort_by_line(struct fa_error *err, size_t from)
{
	size_t i, j;

	if (!err)
		return;
	for (i = from + 1; i < err->n; i++) {
		struct fa_diag d = err->diag[i];

		for (j = i; j > from && err->diag[j - 1].line > d.line; j--)
			err->diag[j] = err->diag[j - 1];
		err->diag[j] = d;
	}
}

static void check(struct build *b, struct fa_mapping *m)
{
	size_t i, from = b->err ? b->err->n : 0;

	check_codes(b, m);
	for (i = 0; i < m->n_tables; i++)
		check_table(b, m, i);
	sort_by_line(b->err, from);
}

/* ---- loading ------------------------------------------------------------- */

enum fa_code fa_mapping_load_mem(struct fa_mapping **out, const char *where,
				 const void *buf, size_t len,
				 struct fa_error *err)
{
	struct build b = { where, err, FA_OK };
	struct fa_xml_doc *doc = NULL;
	struct fa_mapping *m = NULL;
	enum fa_code rc;

	assert(out && where);
	*out = NULL;
	if (len > FA_MAPPING_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, where, 0, 0,
				    "mapping profile too large (%zu bytes, "
				    "limit %d)",
				    len, FA_MAPPING_MAX_BYTES);
	rc = fa_xml_load(&doc, where, buf, len, fa_mapping_xsd,
			 fa_mapping_xsd_len, err);
	if (rc != FA_OK)
		goto out;
	m = calloc(1, sizeof(*m));
	if (!m) {
		nomem(&b);
		goto out;
	}
	if (build(&b, m, doc) != 0)
		goto out;
	check(&b, m);
	if (b.code == FA_OK) {
		*out = m;
		m = NULL;
	}
out:
	if (rc == FA_OK)
		rc = b.code;
	fa_mapping_free(m);
	fa_xml_doc_free(doc);
	return rc;
}

enum fa_code fa_mapping_load(struct fa_mapping **out, const char *path,
			     struct fa_error *err)
{
	struct stat st;
	FILE *f = NULL;
	char *buf = NULL;
	size_t len = 0, n;
	enum fa_code rc;

	assert(out && path);
	*out = NULL;
	if (stat(path, &st) != 0)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fa_error_add(
		    err, FA_ERR_IO, NULL, 0, 0, "cannot read '%s': %s", path,
		    S_ISDIR(st.st_mode) ? strerror(EISDIR)
					: "not a regular file: give a "
					  "mapping profile (.xml)");
	if ((unsigned long long)st.st_size > FA_MAPPING_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				    "mapping profile too large (%lld bytes, "
				    "limit %d)",
				    (long long)st.st_size,
				    FA_MAPPING_MAX_BYTES);
	f = fopen(path, "rb");
	if (!f)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	/* One byte past the limit, so that a file that grew is refused. */
	buf = malloc(FA_MAPPING_MAX_BYTES + 1);
	if (!buf) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	while ((n = fread(buf + len, 1, FA_MAPPING_MAX_BYTES + 1 - len, f)) > 0)
		len += n;
	if (ferror(f)) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = fa_mapping_load_mem(out, path, buf, len, err);
out:
	free(buf);
	fclose(f);
	return rc;
}

/* ---- freeing ------------------------------------------------------------- */

static void free_values(struct map_value *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].to);
	}
	free(v);
}

void fa_mapping_free(struct fa_mapping *m)
{
	size_t i, j, k;

	if (!m)
		return;
	for (i = 0; i < m->n_codes; i++) {
		free(m->codes[i].name);
		free_values(m->codes[i].values, m->codes[i].n_values);
	}
	free(m->codes);
	for (i = 0; i < m->n_tables; i++) {
		struct map_table *t = &m->tables[i];

		free(t->name);
		for (j = 0; j < t->n_patterns; j++)
			free(t->patterns[j]);
		free(t->patterns);
		for (j = 0; j < t->n_cols; j++) {
			struct map_column *c = &t->cols[j];

			free(c->name);
			free(c->codes_name);
			for (k = 0; k < c->n_headers; k++)
				free(c->headers[k].text);
			free(c->headers);
			free_values(c->values, c->n_values);
		}
		free(t->cols);
	}
	free(m->tables);
	free(m->id);
	free(m->title_en);
	free(m->title_nl);
	free(m->description);
	free(m->system);
	free(m->export);
	free(m);
}

void fa_mappings_free(struct fa_mapping **m, size_t n)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < n; i++)
		fa_mapping_free(m[i]);
	free(m);
}

/* ---- lookups ------------------------------------------------------------- */

const char *fa_mapping_id(const struct fa_mapping *m)
{
	return m->id;
}

const char *fa_mapping_title(const struct fa_mapping *m, int nl)
{
	return nl ? m->title_nl : m->title_en;
}

const char *fa_mapping_description(const struct fa_mapping *m)
{
	return m->description;
}

const char *fa_mapping_system(const struct fa_mapping *m)
{
	return m->system;
}

const char *fa_mapping_export(const struct fa_mapping *m)
{
	return m->export;
}

const char *fa_mapping_table_for_name(const struct fa_mapping *m,
				      const char *name)
{
	size_t i, j;

	for (i = 0; i < m->n_tables; i++)
		for (j = 0; j < m->tables[i].n_patterns; j++)
			if (glob_match(m->tables[i].patterns[j], name))
				return m->tables[i].spec->name;
	return NULL;
}

static const struct map_table *find_table(const struct fa_mapping *m,
					  const char *table)
{
	size_t i;

	for (i = 0; i < m->n_tables; i++)
		if (strcmp(m->tables[i].name, table) == 0)
			return &m->tables[i];
	return NULL;
}

const char *fa_mapping_column(const struct fa_mapping *m, const char *table,
			      const char *h, size_t len)
{
	const struct map_table *t = find_table(m, table);
	size_t i, j;

	for (i = 0; t && i < t->n_cols; i++)
		for (j = 0; j < t->cols[i].n_headers; j++)
			if (same_text(t->cols[i].headers[j].text, h, len))
				return t->cols[i].spec->name;
	return NULL;
}

static const struct map_value *find_value(const struct map_value *values,
					  size_t n, const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_text(values[i].from, v, len))
			return &values[i];
	return NULL;
}

const char *fa_mapping_value(const struct fa_mapping *m, const char *table,
			     const char *column, const char *v, size_t len,
			     size_t *out_len)
{
	const struct map_table *t = find_table(m, table);
	const struct map_column *c = NULL;
	const struct map_value *hit = NULL;
	size_t i;

	for (i = 0; t && i < t->n_cols && !c; i++)
		if (strcmp(t->cols[i].name, column) == 0)
			c = &t->cols[i];
	if (!c)
		return NULL;
	hit = find_value(c->values, c->n_values, v, len);
	if (!hit && c->codes)
		hit = find_value(c->codes->values, c->codes->n_values, v, len);
	if (!hit)
		return NULL;
	*out_len = hit->to_len;
	return hit->to;
}
