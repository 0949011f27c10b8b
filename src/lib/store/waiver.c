/* SPDX-License-Identifier: MIT */
/*
 * Waiver files: loads one through xmlload against the embedded
 * waivers.xsd, copies it into struct fa_waivers and checks what the
 * schema leaves to flexaudit (the KvK number, ids, dates, empty texts,
 * the limits), reporting every problem at once in line order. Matching
 * is in waiver_match.c. Never sees libxml2.
 */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "limits.h"
#include "text.h"
#include "waiver.h"
#include "xmlload.h"

extern const char fa_waivers_xsd[];
extern const size_t fa_waivers_xsd_len;

/* ---- one parse's state and its problems ---------------------------------- */

struct build {
	const char *where;
	struct fa_error *err;
	enum fa_code code; /* first code set by this parse */
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

/* *dst = s with white space collapsed (collapse) or as it is. s NULL: a
 * problem already reported. */
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

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* ---- one waiver ---------------------------------------------------------- */

/* The length check of one text: name is the element ("<reason>") or the
 * attribute ("id"). */
static void check_len(struct build *b, const struct fa_waiver *w,
		      unsigned long line, const char *name, const char *s,
		      size_t max)
{
	char sw[FA_TEXT_SHOW_MAX + 4];
	size_t len = strlen(s);

	if (len > max)
		problem(b, FA_ERR_LIMIT, line,
			"waiver '%s': %s is %zu bytes long: at most %zu are "
			"allowed",
			fa_text_show(sw, w->id), name, len, max);
}

static void check_date(struct build *b, const struct fa_waiver *w,
		       const char *name, const char *s, char out[FA_DATE_LEN])
{
	char sw[FA_TEXT_SHOW_MAX + 4], sv[FA_TEXT_SHOW_MAX + 4];

	if (fa_date_valid(s)) {
		memcpy(out, s, FA_DATE_LEN - 1);
		out[FA_DATE_LEN - 1] = '\0';
		return;
	}
	out[0] = '\0';
	problem(b, FA_ERR_INPUT, w->line,
		"waiver '%s': %s '%s' is not a date: write YYYY-MM-DD with a "
		"day that exists (years %d to %d)",
		fa_text_show(sw, w->id), name, fa_text_show(sv, s),
		FA_DATE_YEAR_MIN, FA_DATE_YEAR_MAX);
}

/* Checks of the waiver's attributes, reported at its own line, before
 * those of its elements. prev[0..k) are the waivers before it. */
static void check_head(struct build *b, const struct fa_waiver *prev, size_t k,
		       struct fa_waiver *w, const char *from, const char *until,
		       size_t n_lists)
{
	char sw[FA_TEXT_SHOW_MAX + 4];
	size_t i;

	if (!w->id[0]) {
		problem(b, FA_ERR_INPUT, w->line,
			"waiver has an empty id: give every waiver an id of "
			"its own");
	} else {
		for (i = 0; i < k; i++)
			if (strcmp(prev[i].id, w->id) == 0) {
				problem(b, FA_ERR_INPUT, w->line,
					"waiver id '%s' is given twice (first "
					"on line %lu): give every waiver an "
					"id of its own",
					fa_text_show(sw, w->id), prev[i].line);
				break;
			}
	}
	check_len(b, w, w->line, "id", w->id, FA_WAIVER_MAX_ID_BYTES);
	if (!w->rule_id[0])
		problem(b, FA_ERR_INPUT, w->line,
			"waiver '%s' has an empty rule: write the id of the "
			"rule it waives",
			fa_text_show(sw, w->id));
	check_len(b, w, w->line, "rule", w->rule_id, FA_WAIVER_MAX_ID_BYTES);
	check_date(b, w, "from", from, w->from);
	check_date(b, w, "until", until, w->until);
	if (w->from[0] && w->until[0] && strcmp(w->until, w->from) < 0)
		problem(b, FA_ERR_INPUT, w->line,
			"waiver '%s' ends (until %s) before it starts (from "
			"%s): correct from or until",
			fa_text_show(sw, w->id), w->until, w->from);
	if (n_lists == 0)
		problem(b, FA_ERR_INPUT, w->line,
			"waiver '%s' names no subject: add a <subject> or a "
			"<pattern> (<pattern>*</pattern> waives every subject "
			"of the rule)",
			fa_text_show(sw, w->id));
	else if (n_lists > FA_WAIVER_MAX_SUBJECTS)
		problem(b, FA_ERR_LIMIT, w->line,
			"waiver '%s' has %zu subjects and patterns: at most "
			"%d are allowed; combine them with a <pattern>",
			fa_text_show(sw, w->id), n_lists,
			FA_WAIVER_MAX_SUBJECTS);
}

/* What to write into an empty element, by its name. */
static const char *empty_hint(const char *name)
{
	if (strcmp(name, "approver") == 0)
		return "write who approved the waiver";
	if (strcmp(name, "reason") == 0)
		return "write why the rule is waived";
	if (strcmp(name, "basis") == 0)
		return "write the norm clause or letter the waiver rests on";
	return "write the subject as the finding names it, or remove the "
	       "element";
}

/* Copy and check one child element c of waiver w into *dst. */
static int take_child(struct build *b, const struct fa_waiver *w,
		      const struct fa_xml_node *c, char **dst)
{
	int prose =
	    strcmp(c->name, "subject") != 0 && strcmp(c->name, "pattern") != 0;
	char sw[FA_TEXT_SHOW_MAX + 4], name[16];

	if (copy(b, dst, c->text, prose) != 0)
		return -1;
	snprintf(name, sizeof(name), "<%s>", c->name);
	if (!**dst)
		problem(b, FA_ERR_INPUT, c->line,
			"waiver '%s' has an empty %s: %s",
			fa_text_show(sw, w->id), name, empty_hint(c->name));
	else
		check_len(b, w, c->line, name, *dst,
			  prose ? FA_WAIVER_MAX_TEXT_BYTES
				: FA_WAIVER_MAX_SUBJECT_BYTES);
	return 0;
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

/* Build waiver *w (the k-th) from element n; -1 only when nothing more can
 * be done (no memory, the schema and this module disagree). */
static int build_waiver(struct build *b, struct fa_waivers *ws, size_t k,
			const struct fa_xml_node *n)
{
	struct fa_waiver *w = &ws->w[k];
	const struct fa_xml_node *c;
	const char *from, *until;
	size_t n_subj = 0, n_pat = 0;

	w->line = n->line;
	from = need_attr(b, n, "from");
	until = need_attr(b, n, "until");
	if (copy(b, &w->id, need_attr(b, n, "id"), 1) != 0 ||
	    copy(b, &w->rule_id, need_attr(b, n, "rule"), 1) != 0 || !from ||
	    !until)
		return -1;
	for (c = n->first; c; c = c->next) {
		if (strcmp(c->name, "subject") == 0)
			n_subj++;
		else if (strcmp(c->name, "pattern") == 0)
			n_pat++;
	}
	check_head(b, ws->w, k, w, from, until, n_subj + n_pat);
	if (n_subj + n_pat > FA_WAIVER_MAX_SUBJECTS)
		n_subj = n_pat = 0; /* reported; not kept */
	if (alloc_array(b, &w->subjects, n_subj, sizeof(*w->subjects)) != 0 ||
	    alloc_array(b, &w->patterns, n_pat, sizeof(*w->patterns)) != 0)
		return -1;
	for (c = n->first; c; c = c->next) {
		char **dst = NULL;

		if (strcmp(c->name, "subject") == 0) {
			if (w->n_subjects == n_subj)
				continue;
			dst = &w->subjects[w->n_subjects++];
		} else if (strcmp(c->name, "pattern") == 0) {
			if (w->n_patterns == n_pat)
				continue;
			dst = &w->patterns[w->n_patterns++];
		} else if (strcmp(c->name, "approver") == 0) {
			dst = &w->approver;
		} else if (strcmp(c->name, "reason") == 0) {
			dst = &w->reason;
		} else if (strcmp(c->name, "basis") == 0) {
			dst = &w->basis;
		}
		if (dst && !*dst && take_child(b, w, c, dst) != 0)
			return -1;
	}
	if (!w->approver || !w->reason || !w->basis) {
		problem(b, FA_ERR_INTERNAL, n->line,
			"waiver without approver, reason or basis after "
			"schema validation");
		return -1;
	}
	return 0;
}

/* ---- the file ------------------------------------------------------------ */

static int build(struct build *b, struct fa_waivers *ws,
		 const struct fa_xml_doc *doc)
{
	const struct fa_xml_node *root = doc->root, *c;
	char sv[FA_TEXT_SHOW_MAX + 4];
	size_t n = 0, i;

	if (strcmp(doc->ns, FA_WAIVERS_NS) != 0 ||
	    strcmp(root->name, "waivers") != 0) {
		problem(b, FA_ERR_INTERNAL, root->line,
			"root element '%s' in namespace '%s' after schema "
			"validation",
			root->name, doc->ns);
		return -1;
	}
	if (copy(b, &ws->kvk, need_attr(b, root, "kvk"), 1) != 0)
		return -1;
	for (i = 0; ws->kvk[i] && is_digit((unsigned char)ws->kvk[i]); i++)
		;
	if (i != 8 || ws->kvk[i])
		problem(b, FA_ERR_INPUT, root->line,
			"kvk '%s' is not 8 digits: write the KvK (Chamber of "
			"Commerce) number as exactly 8 digits, leading zeros "
			"included",
			fa_text_show(sv, ws->kvk));
	for (c = root->first; c; c = c->next)
		if (strcmp(c->name, "waiver") == 0)
			n++;
	if (alloc_array(b, &ws->w, n < FA_WAIVERS_MAX ? n : FA_WAIVERS_MAX,
			sizeof(*ws->w)) != 0)
		return -1;
	for (c = root->first; c; c = c->next) {
		if (strcmp(c->name, "waiver") != 0)
			continue;
		if (ws->n == FA_WAIVERS_MAX) {
			problem(b, FA_ERR_LIMIT, c->line,
				"more than %d waivers in one file: split the "
				"file or combine waivers with a <pattern>",
				FA_WAIVERS_MAX);
			break;
		}
		/* counted before it is built: the free function sees it */
		if (build_waiver(b, ws, ws->n++, c) != 0)
			return -1;
	}
	return 0;
}

enum fa_code fa_waivers_parse(struct fa_waivers **out, const char *where,
			      const void *buf, size_t len, struct fa_error *err)
{
	struct build b = { where, err, FA_OK };
	struct fa_xml_doc *doc = NULL;
	struct fa_waivers *ws = NULL;
	enum fa_code rc;

	assert(out && where);
	*out = NULL;
	if (len > FA_WAIVERS_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, where, 0, 0,
				    "waiver file too large (%zu bytes, limit "
				    "%d)",
				    len, FA_WAIVERS_MAX_BYTES);
	rc = fa_xml_load(&doc, where, buf, len, fa_waivers_xsd,
			 fa_waivers_xsd_len, err);
	if (rc != FA_OK)
		goto out;
	ws = calloc(1, sizeof(*ws));
	if (!ws) {
		nomem(&b);
		goto out;
	}
	if (build(&b, ws, doc) == 0 && b.code == FA_OK) {
		*out = ws;
		ws = NULL;
	}
out:
	if (rc == FA_OK)
		rc = b.code;
	fa_waivers_free(ws);
	fa_xml_doc_free(doc);
	return rc;
}

enum fa_code fa_waivers_load(struct fa_waivers **out, const char *path,
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
					  "waiver file (.xml)");
	if ((unsigned long long)st.st_size > FA_WAIVERS_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				    "waiver file too large (%lld bytes, "
				    "limit %d)",
				    (long long)st.st_size,
				    FA_WAIVERS_MAX_BYTES);
	f = fopen(path, "rb");
	if (!f)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	/* One byte past the limit, so that a file that grew is refused. */
	buf = malloc(FA_WAIVERS_MAX_BYTES + 1);
	if (!buf) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	while ((n = fread(buf + len, 1, FA_WAIVERS_MAX_BYTES + 1 - len, f)) > 0)
		len += n;
	if (ferror(f)) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = fa_waivers_parse(out, path, buf, len, err);
out:
	free(buf);
	fclose(f);
	return rc;
}

void fa_waivers_free(struct fa_waivers *ws)
{
	size_t i, j;

	if (!ws)
		return;
	for (i = 0; i < ws->n; i++) {
		struct fa_waiver *w = &ws->w[i];

		free(w->id);
		free(w->rule_id);
		for (j = 0; j < w->n_subjects; j++)
			free(w->subjects[j]);
		free(w->subjects);
		for (j = 0; j < w->n_patterns; j++)
			free(w->patterns[j]);
		free(w->patterns);
		free(w->approver);
		free(w->reason);
		free(w->basis);
	}
	free(ws->w);
	free(ws->kvk);
	free(ws);
}
