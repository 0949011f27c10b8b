/* SPDX-License-Identifier: MIT */
/*
 * The package manifest: loads manifest.xml through xmlload against the
 * embedded manifest.xsd, copies it into struct fa_manifest and checks what
 * the schema cannot say (a table role needs a table name, no path or table
 * twice, the period in order, the manifest not listing itself). Every
 * problem is reported at once with the line of its element. The schema
 * messages xmlload passes on in libxml2's words are rewritten into what
 * the user has to change (user_terms). Uses xmlload, suggest, text and
 * error; it never sees libxml2.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "suggest.h"
#include "text.h"
#include "value.h"
#include "xmlload.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* Bytes of a path or name quoted in a message; a 1024-byte path would
 * crowd out the rest of the message. */

/* ---- helpers ------------------------------------------------------------- */

/*
 * Why path is not a safe package path, or NULL. The XSD refuses all of
 * these except the byte length (it counts characters); the checks are
 * repeated here because they guard the package reader against paths that
 * leave the package or name one file in two ways.
 */
static const char *path_problem(const char *path)
{
	const char *p, *seg;

	if (!path[0])
		return "it is empty";
	if (strlen(path) > FA_PKG_MAX_NAME_BYTES)
		return "it is longer than " STR(FA_PKG_MAX_NAME_BYTES) " bytes";
	if (path[0] == '/')
		return "it starts with '/'";
	for (p = path; *p; p++) {
		if (*p == '\\')
			return "it contains a backslash";
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "it contains a control character";
	}
	for (seg = path;; seg = p + 1) {
		int dots_only = 1;

		for (p = seg; *p && *p != '/'; p++)
			if (*p != '.')
				dots_only = 0;
		if (p == seg)
			return "it has an empty segment";
		if (dots_only)
			return "it has a segment of only dots";
		if (!*p)
			return NULL;
	}
}

int fa_manifest_path_valid(const char *path)
{
	return path && !path_problem(path);
}

/* ---- unknown table names ------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Append to buf[0..size) at *o, never past the end. */
static void put(char *buf, size_t size, size_t *o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t size, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*o + 1 >= size)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *o, size - *o, fmt, ap);
	va_end(ap);
	if (k > 0)
		*o = *o + (size_t)k < size ? *o + (size_t)k : size - 1;
}

/*
 * What to say of table="typed" that names no table: the close names (the
 * file name of a table, "rental-agreements.csv" for rental_agreements,
 * counts as close), why it is not one, and the valid names in
 * alphabetical order. tables: NULL-terminated; NULL means any name of
 * the schema's form is valid, and only the form is wrong.
 */
static void unknown_table(char *buf, size_t size, const char *typed,
			  const char *const *tables)
{
	char show[FA_TEXT_SHOW_MAX + 4], norm[FA_SUGGEST_NAME_MAX + 1];
	const char *sorted[FA_MANIFEST_TABLES_MAX];
	struct fa_suggest sg;
	size_t o = 0, i, n = 0, len = strlen(typed);
	int lower = 1, dash = strchr(typed, '-') != NULL;
	const char *hit = NULL, *sep = ": ";

	put(buf, size, &o, "unknown table '%s'", fa_text_show(show, typed));
	for (i = 0; typed[i]; i++)
		if (typed[i] >= 'A' && typed[i] <= 'Z')
			lower = 0;
	if (!tables) {
		put(buf, size, &o,
		    ": table names are lower-case letters, digits and '_'");
		return;
	}
	/* The file name of the table, as section 6 of the format gives it. */
	if (len > 4 && strcmp(typed + len - 4, ".csv") == 0)
		len -= 4;
	if (len < sizeof(norm)) {
		for (i = 0; i < len; i++) {
			char c = typed[i];

			norm[i] = c == '-'		 ? '_'
				  : c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
							 : c;
		}
		norm[len] = '\0';
	} else {
		norm[0] = '\0';
	}
	fa_suggest_init(&sg, typed);
	for (i = 0; tables[i]; i++) {
		if (strcmp(tables[i], norm) == 0)
			hit = tables[i];
		fa_suggest_offer(&sg, tables[i]);
		if (n < FA_MANIFEST_TABLES_MAX)
			sorted[n++] = tables[i];
	}
	/* after the name ": ", after a question " ", after a hint "; " */
	if (hit) {
		put(buf, size, &o, ": did you mean '%s'?", hit);
		sep = " ";
	} else if (sg.n_near) {
		put(buf, size, &o, ": did you mean ");
		for (i = 0; i < sg.n_near; i++)
			put(buf, size, &o, "%s'%s'", i ? " or " : "",
			    sg.near[i]);
		put(buf, size, &o, "?");
		sep = " ";
	}
	if (len < strlen(typed)) {
		put(buf, size, &o, "%stable= names the table, path= the file",
		    sep);
		sep = "; ";
	}
	if (dash) {
		put(buf, size, &o,
		    "%stables are named with '_', file names may use '-'", sep);
		sep = "; ";
	}
	if (!lower) {
		put(buf, size, &o, "%stable names are lower case", sep);
		sep = "; ";
	}
	qsort(sorted, n, sizeof(*sorted), name_cmp);
	put(buf, size, &o, "%svalid tables: ", sep);
	for (i = 0; i < n; i++)
		put(buf, size, &o, "%s%s", i ? ", " : "", sorted[i]);
}

/* ---- schema messages in the user's terms --------------------------------- */

/* Text captured by a '*' of a pattern. */
#define CAP_MAX 4

/*
 * Match s against pat, in which each '*' stands for any text: the
 * shortest that lets the next literal part follow, and for the last '*'
 * everything up to the closing literal part. Captures go to cap[0..n).
 */
static int match(const char *s, const char *pat,
		 char cap[CAP_MAX][FA_ERROR_MESSAGE_MAX])
{
	size_t k = 0;

	while (*pat) {
		const char *lit, *star, *at = NULL;
		size_t ll, sl;

		if (*pat != '*') {
			if (*s != *pat)
				return 0;
			s++;
			pat++;
			continue;
		}
		lit = pat + 1;
		star = strchr(lit, '*');
		ll = star ? (size_t)(star - lit) : strlen(lit);
		sl = strlen(s);
		assert(k < CAP_MAX && ll > 0);
		if (!star) {
			if (sl >= ll && strcmp(s + sl - ll, lit) == 0)
				at = s + sl - ll;
		} else {
			const char *p;

			for (p = s; !at && *p; p++)
				if (strncmp(p, lit, ll) == 0)
					at = p;
		}
		if (!at)
			return 0;
		snprintf(cap[k], FA_ERROR_MESSAGE_MAX, "%.*s", (int)(at - s),
			 s);
		k++;
		s = at;
		pat = lit;
	}
	return *s == '\0';
}

static int is_element(const char *name)
{
	static const char *const names[] = {
		"package",     "member",       "name",	   "kvk",
		"abu-number",  "audit-period", "producer", "system",
		"produced-at", "files",	       "file",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* "a, b" (libxml2's list of expected elements) as "<a> or <b>". */
static void element_list(char *buf, size_t size, const char *list)
{
	size_t o = 0;
	const char *p = list, *comma;

	buf[0] = '\0';
	do {
		comma = strstr(p, ", ");
		put(buf, size, &o, "%s<%.*s>", p == list ? "" : " or ",
		    comma ? (int)(comma - p) : (int)strlen(p), p);
		p = comma ? comma + 2 : NULL;
	} while (p);
}

/* The characters (not bytes) of UTF-8 text s. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const char *const attr_hints[][3] = {
	{ "package", "format", "add format=\"1\"" },
	{ "audit-period", "from", "add from=\"YYYY-MM-DD\"" },
	{ "audit-period", "to", "add to=\"YYYY-MM-DD\"" },
	{ "file", "path", "add path=\"...\" with the file's path in the zip" },
	{ "file", "role", "add role=\"table\" or role=\"document\"" },
	{ "file", "sha256",
	  "add sha256=\"...\" with the file's SHA-256 (64 hexadecimal "
	  "digits)" },
};

static const char *const attrs_allowed[][2] = {
	{ "package", "format (and xmlns)" },
	{ "audit-period", "from and to" },
	{ "file", "path, role, table, sha256 and encoding" },
};

#define ORDER_HINT                                                    \
	"add a missing element, or put the elements in the order of " \
	"manifest.xsd ('flexaudit schema --manifest-xsd' prints it)"

/*
 * Rewrite one schema message of xmlload (libxml2's wording) into what
 * the user must change, in msg[FA_ERROR_MESSAGE_MAX]; a message of a
 * form not known here is kept as it is.
 */
static void user_terms(char *msg, const char *const *tables)
{
	char c[CAP_MAX][FA_ERROR_MESSAGE_MAX];
	char out[FA_ERROR_MESSAGE_MAX], list[FA_ERROR_MESSAGE_MAX];
	char show[FA_TEXT_SHOW_MAX + 4];
	size_t i, o = 0;

	out[0] = '\0';
	if (match(msg,
		  "element '*', attribute '*': [facet 'pattern'] The value "
		  "'*' is not accepted by the pattern '*'",
		  c) ||
	    match(msg,
		  "element '*', attribute '*': '*' is not a valid value of "
		  "the atomic type '*'",
		  c)) {
		const char *v = fa_text_show(show, c[2]);

		if (strcmp(c[0], "file") == 0 && strcmp(c[1], "table") == 0) {
			unknown_table(out, sizeof(out), c[2], tables);
		} else if (strcmp(c[0], "file") == 0 &&
			   strcmp(c[1], "path") == 0) {
			const char *why = path_problem(c[2]);

			put(out, sizeof(out), &o,
			    "file path '%s' is not allowed: %s", v,
			    why ? why
				: "it is not a relative path of names "
				  "separated by '/'");
		} else if (strcmp(c[0], "file") == 0 &&
			   strcmp(c[1], "sha256") == 0) {
			put(out, sizeof(out), &o,
			    "sha256 '%s' is not 64 hexadecimal digits (it "
			    "has %zu characters): write the file's SHA-256 "
			    "as sha256sum or Get-FileHash prints it",
			    v, chars(c[2]));
		} else if (strcmp(c[0], "audit-period") == 0) {
			put(out, sizeof(out), &o,
			    "audit period %s '%s' is not a date: write "
			    "YYYY-MM-DD (e.g. 2025-01-31) with a day that "
			    "exists",
			    c[1], v);
		}
	} else if (match(msg,
			 "element '*': [facet 'pattern'] The value '*' is "
			 "not accepted by the pattern '*'",
			 c)) {
		if (strcmp(c[0], "kvk") == 0)
			put(out, sizeof(out), &o,
			    "<kvk> '%s' is not 8 digits: write the KvK "
			    "(Chamber of Commerce) number as exactly 8 digits, "
			    "leading zeros included, without spaces or dots",
			    fa_text_show(show, c[1]));
	} else if (match(msg,
			 "element '*': '*' is not a valid value of the "
			 "atomic type '*'",
			 c)) {
		if (strcmp(c[0], "produced-at") == 0)
			put(out, sizeof(out), &o,
			    "<produced-at> '%s' is not a date and time: write "
			    "YYYY-MM-DDThh:mm:ss and the time zone, e.g. "
			    "2026-11-10T16:45:00+01:00",
			    fa_text_show(show, c[1]));
	} else if (match(msg,
			 "element '*', attribute '*': [facet 'enumeration'] "
			 "The value '*' is not an element of the set {*}",
			 c)) {
		const char *v = fa_text_show(show, c[2]);

		if (strcmp(c[1], "role") == 0)
			put(out, sizeof(out), &o,
			    "role '%s' is not a role: write role=\"table\" "
			    "or role=\"document\" (lower case)",
			    v);
		else if (strcmp(c[1], "encoding") == 0)
			put(out, sizeof(out), &o,
			    "encoding '%s' is not one flexaudit reads: write "
			    "encoding=\"windows-1252\" or "
			    "encoding=\"utf-16\", or leave it out for UTF-8",
			    v);
	} else if (match(msg,
			 "element '*', attribute '*': The value '*' does not "
			 "match the fixed value constraint '*'",
			 c)) {
		if (strcmp(c[0], "package") == 0 && strcmp(c[1], "format") == 0)
			put(out, sizeof(out), &o,
			    "format '%s' is not a manifest format this "
			    "version reads: write format=\"%s\"",
			    fa_text_show(show, c[2]), c[3]);
	} else if (match(msg,
			 "element '*': The attribute '*' is required but "
			 "missing",
			 c)) {
		const char *hint = "add it";

		for (i = 0; i < sizeof(attr_hints) / sizeof(attr_hints[0]); i++)
			if (strcmp(c[0], attr_hints[i][0]) == 0 &&
			    strcmp(c[1], attr_hints[i][1]) == 0)
				hint = attr_hints[i][2];
		put(out, sizeof(out), &o, "<%s> has no %s attribute: %s", c[0],
		    c[1], hint);
	} else if (match(msg,
			 "element '*', attribute '*': The attribute '*' is "
			 "not allowed",
			 c)) {
		const char *allowed = "none";

		for (i = 0;
		     i < sizeof(attrs_allowed) / sizeof(attrs_allowed[0]); i++)
			if (strcmp(c[0], attrs_allowed[i][0]) == 0)
				allowed = attrs_allowed[i][1];
		put(out, sizeof(out), &o,
		    "<%s> has an attribute %s it does not take: remove it "
		    "(attributes of <%s>: %s)",
		    c[0], fa_text_show(show, c[1]), c[0], allowed);
	} else if (match(msg,
			 "element '*': This element is not expected. "
			 "Expected is one of ( * )",
			 c) ||
		   match(msg,
			 "element '*': This element is not expected. "
			 "Expected is ( * )",
			 c)) {
		element_list(list, sizeof(list), c[1]);
		if (is_element(c[0]))
			put(out, sizeof(out), &o,
			    "<%s> is out of place: expected here is %s; "
			    "" ORDER_HINT,
			    c[0], list);
		else
			put(out, sizeof(out), &o,
			    "<%s> is not an element of the manifest: remove "
			    "it (expected here is %s)",
			    fa_text_show(show, c[0]), list);
	} else if (match(msg, "element '*': This element is not expected", c)) {
		if (is_element(c[0]))
			put(out, sizeof(out), &o,
			    "<%s> is out of place: nothing more may come "
			    "here; " ORDER_HINT,
			    c[0]);
		else
			put(out, sizeof(out), &o,
			    "<%s> is not an element of the manifest: remove "
			    "it",
			    fa_text_show(show, c[0]));
	} else if (match(msg,
			 "element '*': Missing child element(s). Expected "
			 "is one of ( * )",
			 c) ||
		   match(msg,
			 "element '*': Missing child element(s). Expected "
			 "is ( * )",
			 c)) {
		element_list(list, sizeof(list), c[1]);
		put(out, sizeof(out), &o, "<%s> lacks %s: add it", c[0], list);
	} else if (match(msg,
			 "element '*': [facet 'minLength'] The value has a "
			 "length of '*'; this underruns the allowed minimum "
			 "length of '*'",
			 c)) {
		put(out, sizeof(out), &o, "<%s> is empty: fill it in", c[0]);
	} else if (match(msg,
			 "element '*': [facet 'maxLength'] The value has a "
			 "length of '*'; this exceeds the allowed maximum "
			 "length of '*'",
			 c)) {
		put(out, sizeof(out), &o,
		    "<%s> is %s characters long: at most %s are allowed", c[0],
		    c[1], c[2]);
	}
	if (out[0])
		memcpy(msg, out, strlen(out) + 1);
}

/* ---- building the struct from the validated tree ------------------------- */

struct build {
	const char *where;
	struct fa_error *err;
	enum fa_code code;	  /* first code set by this parse */
	unsigned char *enc_given; /* per file: encoding= was written */
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

/* A failed allocation: the one "out of memory", and this parse's code. */
static void nomem(struct build *b)
{
	if (b->code == FA_OK)
		b->code = FA_ERR_NOMEM;
	fa_error_nomem(b->err, b->where);
}

/*
 * The schema guarantees every element and attribute read here (see
 * fa_xml_need_attr); a disagreement is this parse's internal error.
 */
static const struct fa_xml_node *
need_child(struct build *b, const struct fa_xml_node *n, const char *name)
{
	const struct fa_xml_node *c =
	    fa_xml_need_child(n, name, b->where, b->err);

	if (!c && b->code == FA_OK)
		b->code = FA_ERR_INTERNAL;
	return c;
}

static const char *need_attr(struct build *b, const struct fa_xml_node *n,
			     const char *name)
{
	const char *v = fa_xml_need_attr(n, name, b->where, b->err);

	if (!v && b->code == FA_OK)
		b->code = FA_ERR_INTERNAL;
	return v;
}

/*
 * Copy s, collapsing white space if the schema type does (xs:token,
 * xs:date); s NULL means a problem was already reported.
 */
static int copy(struct build *b, char **dst, const char *s, int collapse)
{
	if (!s)
		return -1;
	*dst = collapse ? fa_text_collapse(s) : fa_text_dup(s);
	if (!*dst) {
		nomem(b);
		return -1;
	}
	return 0;
}

static int copy_child_text(struct build *b, char **dst,
			   const struct fa_xml_node *n, const char *name)
{
	const struct fa_xml_node *c = need_child(b, n, name);

	return copy(b, dst, c ? c->text : NULL, 1);
}

static int parse_encoding(enum fa_encoding *out, const char *s)
{
	if (strcmp(s, "utf-8") == 0)
		*out = FA_ENC_UTF8;
	else if (strcmp(s, "windows-1252") == 0)
		*out = FA_ENC_WINDOWS1252;
	else if (strcmp(s, "utf-16") == 0)
		*out = FA_ENC_UTF16;
	else
		return -1;
	return 0;
}

static int build_file(struct build *b, const struct fa_manifest *m,
		      struct fa_manifest_file *f, const struct fa_xml_node *n)
{
	const char *role = need_attr(b, n, "role");
	const char *sha = need_attr(b, n, "sha256");
	const char *table = fa_xml_attr(n, "table");
	const char *enc = fa_xml_attr(n, "encoding");
	size_t i;

	f->line = n->line;
	if (copy(b, &f->path, need_attr(b, n, "path"), 0) != 0 || !role || !sha)
		return -1;
	if (strcmp(role, "table") == 0) {
		f->role = FA_ROLE_TABLE;
	} else if (strcmp(role, "document") == 0) {
		f->role = FA_ROLE_DOCUMENT;
	} else {
		problem(b, FA_ERR_INTERNAL, n->line,
			"unknown role '%s' after schema validation", role);
		return -1;
	}
	if (table && copy(b, &f->table, table, 0) != 0)
		return -1;
	f->encoding = FA_ENC_UTF8;
	b->enc_given[f - m->files] = enc != NULL;
	if (enc && parse_encoding(&f->encoding, enc) != 0) {
		problem(b, FA_ERR_INTERNAL, n->line,
			"unknown encoding '%s' after schema validation", enc);
		return -1;
	}
	for (i = 0; i + 1 < FA_SHA256_HEX_LEN; i++) {
		char c = sha[i];

		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			break;
		f->sha256[i] = c;
	}
	f->sha256[i] = '\0';
	if (i + 1 != FA_SHA256_HEX_LEN || sha[i] != '\0') {
		problem(b, FA_ERR_INTERNAL, n->line,
			"invalid sha256 after schema validation");
		return -1;
	}
	return 0;
}

static int build_files(struct build *b, struct fa_manifest *m,
		       const struct fa_xml_node *files)
{
	const struct fa_xml_node *c;
	size_t n = 0;

	for (c = files->first; c; c = c->next)
		if (strcmp(c->name, "file") == 0)
			n++;
	/* The package reader enforces FA_PKG_MAX_ENTRIES on the zip; this
	 * keeps a manifest from listing more than any package may hold. */
	if (n > FA_PKG_MAX_ENTRIES) {
		problem(b, FA_ERR_LIMIT, files->line,
			"too many files listed (%zu, limit %d)", n,
			FA_PKG_MAX_ENTRIES);
		return -1;
	}
	if (n == 0)
		return 0;
	m->files = calloc(n, sizeof(*m->files));
	b->enc_given = calloc(n, 1);
	if (!m->files || !b->enc_given) {
		nomem(b);
		return -1;
	}
	for (c = files->first; c; c = c->next) {
		if (strcmp(c->name, "file") != 0)
			continue;
		/* Count first, so that fa_manifest_free sees what was set. */
		if (build_file(b, m, &m->files[m->n_files++], c) != 0)
			return -1;
	}
	return 0;
}

static int build(struct build *b, struct fa_manifest *m,
		 const struct fa_xml_doc *doc)
{
	const struct fa_xml_node *root = doc->root;
	const struct fa_xml_node *member, *period, *producer, *files, *c;
	const char *format;

	if (strcmp(doc->ns, FA_MANIFEST_NS) != 0 ||
	    strcmp(root->name, "package") != 0) {
		problem(b, FA_ERR_INTERNAL, root->line,
			"root element '%s' in namespace '%s' after schema "
			"validation",
			root->name, doc->ns);
		return -1;
	}
	format = need_attr(b, root, "format");
	if (!format)
		return -1;
	if (strcmp(format, "1") != 0) {
		problem(b, FA_ERR_INTERNAL, root->line,
			"format '%s' after schema validation", format);
		return -1;
	}
	m->format = 1;

	member = need_child(b, root, "member");
	period = need_child(b, root, "audit-period");
	producer = need_child(b, root, "producer");
	files = need_child(b, root, "files");
	if (!member || !period || !producer || !files)
		return -1;
	if (copy_child_text(b, &m->member_name, member, "name") != 0 ||
	    copy_child_text(b, &m->kvk, member, "kvk") != 0 ||
	    copy_child_text(b, &m->abu_number, member, "abu-number") != 0 ||
	    copy(b, &m->period_from, need_attr(b, period, "from"), 1) != 0 ||
	    copy(b, &m->period_to, need_attr(b, period, "to"), 1) != 0 ||
	    copy_child_text(b, &m->producer_name, producer, "name") != 0 ||
	    copy_child_text(b, &m->produced_at, root, "produced-at") != 0)
		return -1;
	c = fa_xml_child(producer, "system");
	if (c && copy(b, &m->producer_system, c->text, 1) != 0)
		return -1;
	return build_files(b, m, files);
}

/* ---- meaning checks ------------------------------------------------------ */

/* A string with the index of the file it belongs to, for sorting. */
struct key {
	const char *s;
	size_t i;
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int c = strcmp(a->s, b->s);

	if (c)
		return c;
	return (a->i > b->i) - (a->i < b->i);
}

/*
 * Sort keys[0..n) and set first[k.i] to the index of the earliest file
 * with the same string, for every key that is not itself the earliest.
 * Sorting keeps this O(n log n) for manifests of 100,000 files and more.
 */
static void mark_repeats(struct key *keys, size_t n, size_t *first)
{
	size_t k, g = 0;

	qsort(keys, n, sizeof(*keys), key_cmp);
	for (k = 1; k < n; k++) {
		if (strcmp(keys[k].s, keys[g].s) != 0)
			g = k;
		else
			first[keys[k].i] = keys[g].i;
	}
}

static int listed(const char *const *tables, const char *name)
{
	for (; *tables; tables++)
		if (strcmp(*tables, name) == 0)
			return 1;
	return 0;
}

static void check_file(struct build *b, const struct fa_manifest *m, size_t i,
		       const size_t *first_path, const size_t *first_table,
		       const char *const *tables)
{
	const struct fa_manifest_file *f = &m->files[i];
	char sp[FA_TEXT_SHOW_MAX + 4], st[FA_TEXT_SHOW_MAX + 4];
	const char *path = fa_text_show(sp, f->path);
	const char *why = path_problem(f->path);

	if (why)
		problem(b, FA_ERR_INPUT, f->line,
			"file path '%s' is not allowed: %s", path, why);
	if (strcmp(f->path, FA_MANIFEST_NAME) == 0)
		problem(b, FA_ERR_INPUT, f->line,
			"file '%s' is the manifest itself and cannot be listed",
			path);
	if (first_path[i] != SIZE_MAX)
		problem(b, FA_ERR_INPUT, f->line,
			"file '%s' is listed twice (first on line %lu)", path,
			m->files[first_path[i]].line);

	if (f->role == FA_ROLE_TABLE && !f->table)
		problem(b, FA_ERR_INPUT, f->line,
			"file '%s' has role 'table' but no 'table' attribute",
			path);
	if (f->role == FA_ROLE_DOCUMENT && f->table)
		problem(b, FA_ERR_INPUT, f->line,
			"file '%s' has role 'document' but a 'table' "
			"attribute",
			path);
	/* A document's bytes are hashed, never decoded; an encoding there
	 * is a mistake in the export, most likely a mixed-up role. */
	if (f->role == FA_ROLE_DOCUMENT && b->enc_given[i])
		problem(b, FA_ERR_INPUT, f->line,
			"file '%s' has role 'document' but an 'encoding' "
			"attribute",
			path);
	if (f->role != FA_ROLE_TABLE || !f->table)
		return;
	if (tables && !listed(tables, f->table)) {
		char msg[FA_ERROR_MESSAGE_MAX];

		unknown_table(msg, sizeof(msg), f->table, tables);
		problem(b, FA_ERR_INPUT, f->line, "%s", msg);
	}
	/* A repeated path already says everything about that line. */
	if (first_table[i] != SIZE_MAX && first_path[i] == SIZE_MAX)
		problem(b, FA_ERR_INPUT, f->line,
			"table '%s' is listed twice (first on line %lu)",
			fa_text_show(st, f->table),
			m->files[first_table[i]].line);
}

static int check(struct build *b, struct fa_manifest *m,
		 unsigned long period_line, const char *const *tables)
{
	struct key *keys = NULL;
	size_t *first_path = NULL, *first_table = NULL;
	size_t i, n = m->n_files, nt = 0;
	int rc = -1;

	const char *ends[2] = { m->period_from, m->period_to };
	char iso[FA_DATE_LEN];
	const char *why;
	int dates_ok = 1;

	/* the schema checked the form; the audit accepts 1900 to 2199 */
	for (i = 0; i < 2; i++)
		if (fa_value_date(iso, ends[i], strlen(ends[i]), &why) != 0) {
			problem(b, FA_ERR_INPUT, period_line,
				"audit period %s '%s' is not accepted: %s "
				"(years 1900 to 2199)",
				i ? "to" : "from", ends[i], why);
			dates_ok = 0;
		}
	if (dates_ok && strcmp(m->period_to, m->period_from) < 0)
		problem(b, FA_ERR_INPUT, period_line,
			"audit period ends (%s) before it starts (%s)",
			m->period_to, m->period_from);
	if (n == 0)
		return 0;

	keys = malloc(n * sizeof(*keys));
	first_path = malloc(n * sizeof(*first_path));
	first_table = malloc(n * sizeof(*first_table));
	m->by_path = malloc(n * sizeof(*m->by_path));
	if (!keys || !first_path || !first_table || !m->by_path) {
		nomem(b);
		goto out;
	}
	for (i = 0; i < n; i++) {
		first_path[i] = first_table[i] = SIZE_MAX;
		keys[i].s = m->files[i].path;
		keys[i].i = i;
	}
	mark_repeats(keys, n, first_path);
	for (i = 0; i < n; i++)
		m->by_path[i] = keys[i].i;

	for (i = 0; i < n; i++) {
		if (m->files[i].role != FA_ROLE_TABLE || !m->files[i].table)
			continue;
		keys[nt].s = m->files[i].table;
		keys[nt].i = i;
		nt++;
	}
	mark_repeats(keys, nt, first_table);

	/* Report in document order, whatever order the checks found it. */
	for (i = 0; i < n; i++)
		check_file(b, m, i, first_path, first_table, tables);
	rc = 0;
out:
	free(keys);
	free(first_path);
	free(first_table);
	return rc;
}

/* ---- API ----------------------------------------------------------------- */

enum fa_code fa_manifest_parse(struct fa_manifest **out, const char *where,
			       const void *buf, size_t len,
			       const char *const *tables, struct fa_error *err)
{
	struct build b = { where, err, FA_OK, NULL };
	size_t n0 = err ? err->n : 0, i;
	struct fa_xml_doc *doc = NULL;
	struct fa_manifest *m = NULL;
	const struct fa_xml_node *period;
	enum fa_code rc;

	assert(out);
	*out = NULL;
	rc = fa_xml_load(&doc, where, buf, len, fa_manifest_xsd,
			 fa_manifest_xsd_len, err);
	if (rc != FA_OK) {
		for (i = n0; rc == FA_ERR_INPUT && err && i < err->n; i++)
			if (strcmp(err->diag[i].where, where) == 0)
				user_terms(err->diag[i].message, tables);
		goto out;
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		nomem(&b);
		goto out;
	}
	if (build(&b, m, doc) != 0)
		goto out;
	period = fa_xml_child(doc->root, "audit-period");
	if (check(&b, m, period ? period->line : 0, tables) != 0)
		goto out;
	if (b.code == FA_OK) {
		*out = m;
		m = NULL;
	}
out:
	if (rc == FA_OK)
		rc = b.code;
	free(b.enc_given);
	fa_manifest_free(m);
	fa_xml_doc_free(doc);
	return rc;
}

void fa_manifest_free(struct fa_manifest *m)
{
	size_t i;

	if (!m)
		return;
	free(m->member_name);
	free(m->kvk);
	free(m->abu_number);
	free(m->period_from);
	free(m->period_to);
	free(m->producer_name);
	free(m->producer_system);
	free(m->produced_at);
	for (i = 0; i < m->n_files; i++) {
		free(m->files[i].path);
		free(m->files[i].table);
	}
	free(m->files);
	free(m->by_path);
	free(m);
}

const struct fa_manifest_file *fa_manifest_find(const struct fa_manifest *m,
						const char *path)
{
	size_t lo = 0, hi, i;

	if (!m->by_path) {
		/* A manifest not made by fa_manifest_parse (a test's). */
		for (i = 0; i < m->n_files; i++)
			if (strcmp(m->files[i].path, path) == 0)
				return &m->files[i];
		return NULL;
	}
	hi = m->n_files;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct fa_manifest_file *f = &m->files[m->by_path[mid]];
		int c = strcmp(path, f->path);

		if (c == 0)
			return f;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *fa_encoding_name(enum fa_encoding enc)
{
	switch (enc) {
	case FA_ENC_UTF8:
		return "utf-8";
	case FA_ENC_WINDOWS1252:
		return "windows-1252";
	case FA_ENC_UTF16:
		return "utf-16";
	}
	return "unknown";
}
