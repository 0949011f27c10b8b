/* SPDX-License-Identifier: MIT */
/*
 * The inspector's judgements: the checks every judgement passes, the list
 * a file's rows are added to (with the index of keys that finds one judged
 * twice), and the entry points that read a file as CSV or JSON. Uses
 * text.h and libc; the formats are judgement_csv.c and json_judgements.c.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "judgement_impl.h"
#include "limits.h"
#include "text.h"

struct fa_judgement_seen {
	char *key; /* NULL: a free slot */
	unsigned long line;
	size_t item;
};

/* ---- names ----------------------------------------------------------------
 */

static const char *const verdict_key[] = { "accept", "deviation",
					   "not-applicable" };
static const char *const verdict_nl[] = { "akkoord", "afwijking",
					  "niet-van-toepassing" };

const char *fa_judgement_verdict_key(enum fa_judgement_verdict v)
{
	assert((unsigned)v <= FA_JUDGEMENT_NOT_APPLICABLE);
	return verdict_key[v];
}

/* s[0..len) without the spaces and tabs around it. */
static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static int word_is(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && strncasecmp(s, w, len) == 0;
}

int fa_judgement_verdict_parse(enum fa_judgement_verdict *out, const char *s)
{
	size_t len, v;

	if (!s)
		return -1;
	len = strlen(s);
	trim(&s, &len);
	for (v = 0; v < 3; v++)
		if (word_is(s, len, verdict_key[v]) ||
		    word_is(s, len, verdict_nl[v])) {
			*out = (enum fa_judgement_verdict)v;
			return 0;
		}
	return -1;
}

/* major/zwaar or minor/licht: FA_SEV_MAJOR or FA_SEV_MINOR, or -1. */
static int severity_parse(const char *s)
{
	size_t len = strlen(s);

	trim(&s, &len);
	if (word_is(s, len, "major") || word_is(s, len, "zwaar"))
		return FA_SEV_MAJOR;
	if (word_is(s, len, "minor") || word_is(s, len, "licht"))
		return FA_SEV_MINOR;
	return -1;
}

/* ---- problems -------------------------------------------------------------
 */

static enum fa_code problemv(struct fa_judgements_build *b,
			     struct fa_error *err, enum fa_code code,
			     unsigned long line, size_t item, const char *fmt,
			     va_list ap) __attribute__((format(printf, 6, 0)));

static enum fa_code problemv(struct fa_judgements_build *b,
			     struct fa_error *err, enum fa_code code,
			     unsigned long line, size_t item, const char *fmt,
			     va_list ap)
{
	char msg[FA_ERROR_MESSAGE_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (b->rc == FA_OK)
		b->rc = code;
	if (line == 0 && item)
		fa_error_add(err, code, b->where, 0, 0, "item %zu: %s", item,
			     msg);
	else
		fa_error_add(err, code, b->where, line, 0, "%s", msg);
	return code;
}

enum fa_code fa_judgements_problem(struct fa_judgements_build *b,
				   struct fa_error *err, enum fa_code code,
				   unsigned long line, size_t item,
				   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problemv(b, err, code, line, item, fmt, ap);
	va_end(ap);
	return code;
}

/* ---- the checks ------------------------------------------------------------
 */

/* One judgement being checked, and where its problems go. */
struct check {
	struct fa_judgements_build *b;
	struct fa_error *err;
	unsigned long line;
	size_t item;
	char shown[FA_TEXT_SHOW_MAX + 4];
	const char *key_shown; /* the key, shortened; NULL until it is good */
};

static void bad(struct check *c, enum fa_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bad(struct check *c, enum fa_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problemv(c->b, c->err, code, c->line, c->item, fmt, ap);
	va_end(ap);
}

/* " for 'KEY'" once the key is known to be good, else "". */
static void for_key(char *buf, size_t size, const struct check *c)
{
	if (c->key_shown)
		snprintf(buf, size, " for '%s'", c->key_shown);
	else
		buf[0] = '\0';
}

/* The first control character of s other than those allowed (LF and tab
 * in a note), or -1. */
static long control(const char *s, int note)
{
	size_t n = strlen(s), i = 0, k;
	long cp;

	while (i < n) {
		k = note ? strcspn(s + i, "\n\t") : n - i;
		cp = fa_text_control(s + i, k);
		if (cp >= 0)
			return cp;
		i += k + (i + k < n);
	}
	return -1;
}

static void check_key(struct check *c, const char *key)
{
	size_t len = strlen(key);
	const char *slash = strchr(key, '/');
	long cp;

	if (len == 0) {
		bad(c, FA_ERR_INPUT,
		    "no key: give the finding's key (RULE-ID/SUBJECT) as the "
		    "report's 'key' column shows it");
		return;
	}
	if (len > FA_JUDGEMENT_KEY_MAX) {
		bad(c, FA_ERR_LIMIT, "key has %zu bytes, more than %d", len,
		    FA_JUDGEMENT_KEY_MAX);
		return;
	}
	if ((cp = control(key, 0)) >= 0) {
		bad(c, FA_ERR_INPUT,
		    "key holds control character U+%04lX: remove it", cp);
		return;
	}
	if (!slash || slash == key || slash[1] == '\0') {
		bad(c, FA_ERR_INPUT,
		    "key '%s' is not RULE-ID/SUBJECT: give it as the report's "
		    "'key' column shows it",
		    fa_text_show(c->shown, key));
		return;
	}
	c->key_shown = fa_text_show(c->shown, key);
}

static void check_severity(struct check *c, enum fa_judgement_verdict v,
			   int severity, const char *typed)
{
	char fk[FA_TEXT_SHOW_MAX + 16];
	char sh[FA_TEXT_SHOW_MAX + 4];

	if (severity < 0)
		return;
	for_key(fk, sizeof(fk), c);
	if (v != FA_JUDGEMENT_DEVIATION)
		bad(c, FA_ERR_INPUT,
		    "severity '%s' given with verdict '%s'%s: only a deviation "
		    "has a severity; leave it empty",
		    typed ? fa_text_show(sh, typed)
			  : fa_severity_name((enum fa_severity)severity),
		    fa_judgement_verdict_key(v), fk);
	else if (severity != FA_SEV_MAJOR && severity != FA_SEV_MINOR)
		bad(c, FA_ERR_INPUT,
		    "severity of a deviation%s is not major or minor", fk);
}

static void check_note(struct check *c, const char *note)
{
	char fk[FA_TEXT_SHOW_MAX + 16];
	size_t len = note ? strlen(note) : 0;
	long cp;

	for_key(fk, sizeof(fk), c);
	if (len == 0)
		bad(c, FA_ERR_INPUT, "no note%s: say why the verdict was given",
		    fk);
	else if (len > FA_JUDGEMENT_NOTE_MAX)
		bad(c, FA_ERR_LIMIT,
		    "note%s has %zu bytes, more than %d: "
		    "shorten it",
		    fk, len, FA_JUDGEMENT_NOTE_MAX);
	else if ((cp = control(note, 1)) >= 0)
		bad(c, FA_ERR_INPUT,
		    "note%s holds control character U+%04lX: remove it", fk,
		    cp);
}

static void check_by(struct check *c, const char *by,
		     enum fa_judgement_source src)
{
	static const char *const todo[] = {
		"add a 'by' column or give --by NAME",
		"add \"by\" to the item or give --by NAME", "give --by NAME"
	};
	char fk[FA_TEXT_SHOW_MAX + 16];
	size_t len = by ? strlen(by) : 0;
	long cp;

	for_key(fk, sizeof(fk), c);
	if (len == 0)
		bad(c, FA_ERR_INPUT, "no 'by'%s: %s", fk, todo[src]);
	else if (len > FA_JUDGEMENT_BY_MAX)
		bad(c, FA_ERR_LIMIT,
		    "'by'%s has %zu bytes, more than %d: "
		    "shorten it",
		    fk, len, FA_JUDGEMENT_BY_MAX);
	else if ((cp = control(by, 0)) >= 0)
		bad(c, FA_ERR_INPUT,
		    "'by'%s holds control character U+%04lX: remove it", fk,
		    cp);
}

enum fa_code fa_judgement_check(const struct fa_judgement *j, const char *where,
				struct fa_error *err)
{
	struct fa_judgements_build b;
	struct check c;

	assert(j);
	memset(&b, 0, sizeof(b));
	b.where = where;
	b.src = FA_JUDGEMENT_CLI;
	memset(&c, 0, sizeof(c));
	c.b = &b;
	c.err = err;
	c.line = j->line;
	check_key(&c, j->key ? j->key : "");
	if ((unsigned)j->verdict > FA_JUDGEMENT_NOT_APPLICABLE)
		bad(&c, FA_ERR_USAGE, "unknown verdict %d", (int)j->verdict);
	else
		check_severity(&c, j->verdict, j->severity, NULL);
	check_note(&c, j->note);
	check_by(&c, j->by, FA_JUDGEMENT_CLI);
	return b.rc;
}

/* ---- the list being built ---------------------------------------------------
 */

enum fa_code fa_judgements_build_init(struct fa_judgements_build *b,
				      const char *where,
				      enum fa_judgement_source src,
				      const char *default_by,
				      struct fa_error *err)
{
	memset(b, 0, sizeof(*b));
	b->where = where;
	b->src = src;
	b->default_by = default_by;
	b->list = calloc(1, sizeof(*b->list));
	if (!b->list)
		return fa_error_nomem(err, where);
	return FA_OK;
}

void fa_judgements_build_release(struct fa_judgements_build *b)
{
	size_t i;

	fa_judgements_free(b->list);
	b->list = NULL;
	for (i = 0; i < b->seen_cap; i++)
		free(b->seen[i].key);
	free(b->seen);
	b->seen = NULL;
	b->seen_n = b->seen_cap = 0;
}

static size_t hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	while (*s)
		h = (h ^ (unsigned char)*s++) * UINT64_C(1099511628211);
	return (size_t)h;
}

/* The slot of key: where it is, or the free one where it belongs. */
static struct fa_judgement_seen *seen_slot(struct fa_judgement_seen *t,
					   size_t cap, const char *key)
{
	size_t i = hash(key) & (cap - 1);

	while (t[i].key && strcmp(t[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

/* Note key as seen at line/item; *first is the earlier sighting or NULL.
 * -1 on no memory. */
static int seen_add(struct fa_judgements_build *b, const char *key,
		    unsigned long line, size_t item,
		    const struct fa_judgement_seen **first)
{
	struct fa_judgement_seen *s;

	if (2 * (b->seen_n + 1) > b->seen_cap) {
		size_t cap = b->seen_cap ? 2 * b->seen_cap : 64, i;
		struct fa_judgement_seen *t = calloc(cap, sizeof(*t));

		if (!t)
			return -1;
		for (i = 0; i < b->seen_cap; i++)
			if (b->seen[i].key)
				*seen_slot(t, cap, b->seen[i].key) = b->seen[i];
		free(b->seen);
		b->seen = t;
		b->seen_cap = cap;
	}
	s = seen_slot(b->seen, b->seen_cap, key);
	*first = NULL;
	if (s->key) {
		*first = s;
		return 0;
	}
	s->key = fa_text_dup(key);
	if (!s->key)
		return -1;
	s->line = line;
	s->item = item;
	b->seen_n++;
	return 0;
}

/*
 * A malloc'd copy of s without the white space around it (in a note also
 * line ends, and CRLF inside becomes LF, as a spreadsheet may write a
 * cell's line breaks); "" for NULL. NULL on no memory.
 */
static char *clean(const char *s, int note)
{
	size_t len = s ? strlen(s) : 0, i, k = 0;
	char *out;

	if (!s)
		s = "";
	while (len && strchr(note ? " \t\r\n" : " \t", *s))
		s++, len--;
	while (len && strchr(note ? " \t\r\n" : " \t", s[len - 1]))
		len--;
	out = malloc(len + 1);
	if (!out)
		return NULL;
	for (i = 0; i < len; i++)
		if (!(note && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
			out[k++] = s[i];
	out[k] = '\0';
	return out;
}

static int blank(const char *s)
{
	return !s || s[strspn(s, " \t\r\n")] == '\0';
}

static const char verdicts_todo[] =
    "give accept, deviation or not-applicable (akkoord, afwijking, "
    "niet-van-toepassing)";

enum fa_code fa_judgements_row(struct fa_judgements_build *b,
			       unsigned long line, size_t item,
			       const struct fa_judgement_cells *cells,
			       struct fa_error *err)
{
	struct fa_judgement j;
	struct check c;
	const struct fa_judgement_seen *first = NULL;
	char sh[FA_TEXT_SHOW_MAX + 4];
	char fk[FA_TEXT_SHOW_MAX + 16];
	int verdict_ok = 0;
	enum fa_code rc = FA_OK;

	if (++b->rows > FA_JUDGEMENTS_MAX_ROWS)
		return fa_judgements_problem(
		    b, err, FA_ERR_LIMIT, line, item,
		    "more than %lu judgements: split the file",
		    FA_JUDGEMENTS_MAX_ROWS);
	if (b->src == FA_JUDGEMENT_CSV && blank(cells->key) &&
	    blank(cells->verdict) && blank(cells->severity) &&
	    blank(cells->note) && blank(cells->by))
		return FA_OK; /* an empty row a spreadsheet left */
	memset(&j, 0, sizeof(j));
	memset(&c, 0, sizeof(c));
	c.b = b;
	c.err = err;
	c.line = line;
	c.item = item;
	j.severity = -1;
	j.line = line;
	j.key = clean(cells->key, 0);
	j.note = clean(cells->note, 1);
	j.by = clean(blank(cells->by) ? b->default_by : cells->by, 0);
	if (!j.key || !j.note || !j.by) {
		rc = fa_error_nomem(err, b->where);
		goto out;
	}
	if (blank(cells->verdict) && b->src == FA_JUDGEMENT_CSV &&
	    blank(cells->note) && blank(cells->severity)) {
		b->list->n_skipped++; /* listed, not judged (yet) */
		goto out;
	}
	check_key(&c, j.key);
	if (c.key_shown && seen_add(b, j.key, line, item, &first) != 0) {
		rc = fa_error_nomem(err, b->where);
		goto out;
	}
	if (first && first->line)
		bad(&c, FA_ERR_INPUT,
		    "key '%s' is judged twice (first on line %lu): keep one",
		    c.key_shown, first->line);
	else if (first)
		bad(&c, FA_ERR_INPUT,
		    "key '%s' is judged twice (first as item %zu): keep one",
		    c.key_shown, first->item);
	for_key(fk, sizeof(fk), &c);
	if (blank(cells->verdict))
		bad(&c, FA_ERR_INPUT, "no verdict%s: %s", fk, verdicts_todo);
	else if (fa_judgement_verdict_parse(&j.verdict, cells->verdict) != 0)
		bad(&c, FA_ERR_INPUT, "unknown verdict '%s': %s",
		    fa_text_show(sh, cells->verdict), verdicts_todo);
	else
		verdict_ok = 1;
	if (!blank(cells->severity)) {
		j.severity = severity_parse(cells->severity);
		if (j.severity < 0)
			bad(&c, FA_ERR_INPUT,
			    "unknown severity '%s': give major or minor "
			    "(zwaar, licht)",
			    fa_text_show(sh, cells->severity));
		else if (verdict_ok)
			check_severity(&c, j.verdict, j.severity,
				       cells->severity);
	}
	check_note(&c, j.note);
	check_by(&c, j.by, b->src);
	if (b->rc != FA_OK)
		goto out; /* nothing more is kept: the file is refused */
	if (b->list->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 16;
		struct fa_judgement *p = realloc(b->list->j, cap * sizeof(*p));

		if (!p) {
			rc = fa_error_nomem(err, b->where);
			goto out;
		}
		b->list->j = p;
		b->cap = cap;
	}
	b->list->j[b->list->n++] = j;
	return FA_OK;
out:
	free(j.key);
	free(j.note);
	free(j.by);
	if (rc != FA_OK && b->rc == FA_OK)
		b->rc = rc;
	return rc;
}

/* ---- entry points -----------------------------------------------------------
 */

enum fa_code fa_judgements_parse(struct fa_judgements **out, const char *where,
				 const void *buf, size_t len,
				 const char *default_by, struct fa_error *err)
{
	const unsigned char *p = buf, *s;
	size_t skip = 0, i;
	struct fa_judgements_build b;
	enum fa_code rc;
	int json;

	assert(out && (buf || len == 0));
	*out = NULL;
	if (len > FA_JUDGEMENTS_MAX_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, where, 0, 0,
				    "judgements file too large (%zu bytes, "
				    "limit %d)",
				    len, FA_JUDGEMENTS_MAX_BYTES);
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		skip = 3; /* a UTF-8 byte order mark */
	for (i = skip; i < len && strchr(" \t\r\n", p[i]) && p[i]; i++)
		;
	if (i == len)
		return fa_error_add(err, FA_ERR_INPUT, where, 0, 0,
				    "file is empty: give judgements as CSV "
				    "or JSON");
	s = p + i;
	json = *s == '[' || *s == '{';
	rc = fa_judgements_build_init(
	    &b, where, json ? FA_JUDGEMENT_JSON : FA_JUDGEMENT_CSV, default_by,
	    err);
	if (rc != FA_OK)
		return rc;
	if (json)
		rc = fa_judgements_read_json(&b, (const char *)p + skip,
					     len - skip, err);
	else
		rc = fa_judgements_read_csv(&b, p, len, err);
	if (rc == FA_OK)
		rc = b.rc;
	if (rc == FA_OK) {
		*out = b.list;
		b.list = NULL;
	}
	fa_judgements_build_release(&b);
	return rc;
}

enum fa_code fa_judgements_load(struct fa_judgements **out, const char *path,
				const char *default_by, struct fa_error *err)
{
	struct stat st;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0;
	ssize_t n;
	enum fa_code rc;
	int fd;

	assert(out && path);
	*out = NULL;
	memset(&st, 0, sizeof(st));
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		const char *why = st.st_mode == 0 ? strerror(errno)
				  : S_ISDIR(st.st_mode)
				      ? strerror(EISDIR)
				      : "not a regular file: give a "
					"judgements file (.csv or .json)";

		rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				  "cannot read '%s': %s", path, why);
		goto out;
	}
	if ((unsigned long long)st.st_size > FA_JUDGEMENTS_MAX_BYTES) {
		rc = fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				  "judgements file too large (%lld bytes, "
				  "limit %d)",
				  (long long)st.st_size,
				  FA_JUDGEMENTS_MAX_BYTES);
		goto out;
	}
	/* One byte past the limit, so that a file that grew is refused. */
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 64 * 1024;
			p = realloc(buf, cap);
			if (!p) {
				rc = fa_error_nomem(err, NULL);
				goto out;
			}
			buf = p;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
					  "cannot read '%s': %s", path,
					  strerror(errno));
			goto out;
		}
		len += (size_t)n;
	} while (n > 0 && len <= FA_JUDGEMENTS_MAX_BYTES);
	rc = fa_judgements_parse(out, path, buf, len, default_by, err);
out:
	free(buf);
	close(fd);
	return rc;
}

void fa_judgements_free(struct fa_judgements *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->n; i++) {
		free(j->j[i].key);
		free(j->j[i].note);
		free(j->j[i].by);
	}
	free(j->j);
	free(j);
}
