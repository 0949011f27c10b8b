/* SPDX-License-Identifier: MIT */
/*
 * The member's files for pack: folders walked (tables at the top, the
 * documents/ folder below, the member's manifest.xml), files taken by
 * their extension, and each text table's encoding settled before it is
 * read: a byte order mark, the member's declaration, valid UTF-8, or a
 * reported guess of Windows-1252. Tables are then read record by record
 * through csv.c or xlsx.c. Uses csv, xlsx, manifest, schema, hash,
 * entryname and libc (dirent, stat).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "entryname.h"
#include "limits.h"
#include "pack_impl.h"
#include "text.h"
#include "xlsx.h"

/* Bytes read from a text file at a time. */
#define CHUNK (256 * 1024)
/* Folders below documents/ followed at most (a link loop cannot recur:
 * links are not followed, this bounds a deep tree all the same). */
#define DOC_DEPTH_MAX 16

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *s = malloc(a + b + 2);

	if (!s)
		return NULL;
	memcpy(s, dir, a);
	s[a] = '/';
	memcpy(s + a + 1, name, b + 1);
	if (a && dir[a - 1] == '/')
		memmove(s + a, s + a + 1, b + 1);
	return s;
}

enum fa_code pack_note_ignored(struct fa_pack *p, const char *path,
			       const char *why, struct fa_error *err)
{
	char **g;
	size_t len = strlen(path) + strlen(why) + 4;

	g = realloc(p->ignored, (p->n_ignored + 1) * sizeof(*g));
	if (!g)
		return fa_error_nomem(err, path);
	p->ignored = g;
	g[p->n_ignored] = malloc(len);
	if (!g[p->n_ignored])
		return fa_error_nomem(err, path);
	snprintf(g[p->n_ignored], len, "%s (%s)", path, why);
	p->n_ignored++;
	return FA_OK;
}

static struct pack_source *new_source(struct fa_pack *p, struct fa_error *err)
{
	struct pack_source *s;

	s = realloc(p->srcs, (p->n_srcs + 1) * sizeof(*s));
	if (!s) {
		fa_error_nomem(err, NULL);
		return NULL;
	}
	p->srcs = s;
	s = &p->srcs[p->n_srcs++];
	memset(s, 0, sizeof(*s));
	return s;
}

static enum fa_code add_text(struct fa_pack *p, const char *path,
			     struct fa_error *err)
{
	struct pack_source *s = new_source(p, err);

	if (!s)
		return FA_ERR_NOMEM;
	s->kind = PACK_CSV;
	s->path = fa_text_dup(path);
	s->name = fa_text_dup(path);
	s->base = fa_text_dup(base_name(path));
	if (!s->path || !s->name || !s->base)
		return fa_error_nomem(err, path);
	return FA_OK;
}

static enum fa_code add_workbook(struct fa_pack *p, const char *path,
				 struct fa_error *err)
{
	struct fa_xlsx *book = NULL, **books;
	enum fa_code rc;
	size_t i, n;

	rc = fa_xlsx_open(&book, path, err);
	if (rc != FA_OK)
		return rc;
	books = realloc(p->books, (p->n_books + 1) * sizeof(*books));
	if (!books) {
		fa_xlsx_free(book);
		return fa_error_nomem(err, path);
	}
	p->books = books;
	p->books[p->n_books++] = book;
	n = fa_xlsx_sheet_count(book);
	for (i = 0; i < n; i++) {
		const char *sheet = fa_xlsx_sheet_name(book, i);
		struct pack_source *s = new_source(p, err);
		size_t len = strlen(path) + strlen(sheet) + 3;

		if (!s)
			return FA_ERR_NOMEM;
		s->kind = PACK_SHEET;
		s->book = book;
		s->sheet = i;
		s->path = fa_text_dup(path);
		s->base = fa_text_dup(sheet);
		s->name = malloc(len);
		if (!s->path || !s->base || !s->name)
			return fa_error_nomem(err, path);
		snprintf(s->name, len, "%s[%s]", path, sheet);
	}
	return FA_OK;
}

/* An XML file of at most FA_XML_MAX_BYTES (one byte more is read, so
 * that fa_xml_load can say it is too large), the buffer grown with the
 * data. *out is the caller's (free()). */
static enum fa_code read_xml(unsigned char **out, size_t *len, const char *path,
			     struct fa_error *err)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL, *g;
	size_t cap = 0, n = 0, k;

	*out = NULL;
	*len = 0;
	if (!f)
		return fa_error_add(err, FA_ERR_IO, path, 0, 0,
				    "cannot open: %s", strerror(errno));
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 64 * 1024;
			if (cap > FA_XML_MAX_BYTES + 1)
				cap = FA_XML_MAX_BYTES + 1;
			g = realloc(buf, cap);
			if (!g) {
				free(buf);
				fclose(f);
				return fa_error_nomem(err, path);
			}
			buf = g;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0 && n <= FA_XML_MAX_BYTES);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return fa_error_add(err, FA_ERR_IO, path, 0, 0,
				    "cannot read: %s", strerror(errno));
	}
	fclose(f);
	*out = buf;
	*len = n;
	return FA_OK;
}

/* A file named on the command line or found at a folder's top. */
static enum fa_code add_file(struct fa_pack *p, const char *path, int named,
			     struct fa_manifest **member, struct fa_error *err)
{
	const char *b = base_name(path);

	if (has_ext(b, ".csv") || has_ext(b, ".tsv") || has_ext(b, ".txt"))
		return add_text(p, path, err);
	if (has_ext(b, ".xlsx"))
		return b[0] == '~' && b[1] == '$'
			   ? pack_note_ignored(p, path, "Excel's lock file",
					       err)
			   : add_workbook(p, path, err);
	if (has_ext(b, ".xls"))
		return fa_error_add(err, FA_ERR_INPUT, path, 0, 0,
				    "Excel 97-2003 workbooks (.xls) are not "
				    "read: open it in Excel and save it as "
				    "\"Excel Workbook (*.xlsx)\"");
	if (strcmp(b, "manifest.xml") == 0 && member && !*member) {
		unsigned char *buf = NULL;
		size_t len = 0;
		enum fa_code rc = read_xml(&buf, &len, path, err);

		if (rc == FA_OK)
			rc = fa_manifest_parse(member, path, buf, len,
					       fa_schema_table_names(), err);
		free(buf);
		return rc;
	}
	if (strcmp(b, "pack.xml") == 0 && !named) {
		unsigned char *buf = NULL;
		size_t len = 0;
		enum fa_code rc;

		if (p->have_config)
			return fa_error_add(err, FA_ERR_USAGE, path, 0, 0,
					    "a second pack.xml: keep one, in "
					    "the folder of the tables");
		rc = read_xml(&buf, &len, path, err);
		if (rc == FA_OK)
			rc = pack_config_parse(&p->config, path, buf, len, err);
		free(buf);
		p->have_config = rc == FA_OK;
		return rc;
	}
	if (named)
		return fa_error_add(err, FA_ERR_USAGE, path, 0, 0,
				    "not a table: pack reads .csv, .tsv, .txt "
				    "and .xlsx files and folders");
	if (fa_entryname_is_junk(b) || b[0] == '.' ||
	    strncasecmp(b, "README", 6) == 0)
		return FA_OK;
	return pack_note_ignored(p, path, "not a table", err);
}

/* 1 if sb is the zip being written, 2 if it is the existing file the
 * output names (the package replaces it), else 0. */
static int output_file(const struct fa_pack *p, const struct stat *sb)
{
	int i;

	for (i = 0; i < 2; i++)
		if (p->out_ino[i] && sb->st_dev == p->out_dev[i] &&
		    sb->st_ino == p->out_ino[i])
			return i + 1;
	return 0;
}

/* A name add_file reads (or refuses as a table it cannot read). */
static int source_name(const char *b)
{
	return has_ext(b, ".csv") || has_ext(b, ".tsv") || has_ext(b, ".txt") ||
	       has_ext(b, ".xlsx") || has_ext(b, ".xls") ||
	       strcmp(b, "manifest.xml") == 0;
}

/* The existing file the output names is a source: the package would
 * replace it. */
static enum fa_code output_refused(const char *path, struct fa_error *err)
{
	return fa_error_add(err, FA_ERR_USAGE, path, 0, 0,
			    "is the output (-o): the package would replace "
			    "this source; write the package outside the "
			    "source folders");
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a folder, sorted (C locale), without "." and "..". */
static enum fa_code list_dir(char ***out, size_t *n, const char *dir,
			     struct fa_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL, **g;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return fa_error_add(err, FA_ERR_IO, dir, 0, 0,
				    "cannot read the folder: %s",
				    strerror(errno));
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		g = realloc(v, (k + 1) * sizeof(*v));
		if (!g || !(g[k] = fa_text_dup(de->d_name))) {
			v = g ? g : v;
			while (k)
				free(v[--k]);
			free(v);
			closedir(d);
			return fa_error_nomem(err, dir);
		}
		v = g;
		k++;
	}
	closedir(d);
	if (k)
		qsort(v, k, sizeof(*v), name_cmp);
	*out = v;
	*n = k;
	return FA_OK;
}

static void free_list(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

/* s is UTF-8 throughout. */
static int utf8_valid(const char *s)
{
	size_t i, n = strlen(s);
	int len;

	for (i = 0; i < n; i += (size_t)len)
		if ((len = fa_text_utf8_char((const unsigned char *)s + i,
					     n - i, NULL)) <= 0)
			return 0;
	return 1;
}

static enum fa_code add_doc(struct fa_pack *p, const char *path,
			    const char *name, struct fa_error *err)
{
	struct pack_doc *d;

	if (!utf8_valid(name))
		return fa_error_add(err, FA_ERR_INPUT, path, 0, 0,
				    "cannot be packed: its name is not UTF-8, "
				    "as a package path must be; rename the "
				    "file");
	if (!fa_manifest_path_valid(name))
		return fa_error_add(err, FA_ERR_INPUT, path, 0, 0,
				    "cannot be packed as '%s': a package path "
				    "has no backslash, control character or "
				    "segment of only dots; rename the file",
				    name);
	if (p->n_docs >= FA_PKG_MAX_ENTRIES)
		return fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
				    "more than %d documents: a package holds "
				    "at most that many files",
				    FA_PKG_MAX_ENTRIES);
	d = realloc(p->docs, (p->n_docs + 1) * sizeof(*d));
	if (!d)
		return fa_error_nomem(err, path);
	p->docs = d;
	d = &p->docs[p->n_docs];
	memset(d, 0, sizeof(*d));
	d->path = fa_text_dup(path);
	d->name = fa_text_dup(name);
	p->n_docs++;
	if (!d->path || !d->name)
		return fa_error_nomem(err, path);
	return FA_OK;
}

/* Every regular file under dir, as documents/<rel>/<name>; depth: the
 * folders dir is below documents/ (0: documents/ itself). */
static enum fa_code walk_docs(struct fa_pack *p, const char *dir,
			      const char *rel, int depth, struct fa_error *err)
{
	char **names = NULL;
	size_t n = 0, i;
	enum fa_code rc;

	if (depth > DOC_DEPTH_MAX)
		return fa_error_add(err, FA_ERR_LIMIT, dir, 0, 0,
				    "folders nested deeper than %d levels "
				    "under documents/: move the files up",
				    DOC_DEPTH_MAX);
	rc = list_dir(&names, &n, dir, err);
	for (i = 0; rc == FA_OK && i < n; i++) {
		char *path = join(dir, names[i]), *name = join(rel, names[i]);
		struct stat sb;

		if (!path || !name)
			rc = fa_error_nomem(err, dir);
		else if (fa_entryname_is_junk(names[i]))
			; /* .DS_Store, Thumbs.db, ._x: not evidence */
		else if (lstat(path, &sb) != 0)
			rc = fa_error_add(err, FA_ERR_IO, path, 0, 0,
					  "cannot read: %s", strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			rc = walk_docs(p, path, name, depth + 1, err);
		else if (S_ISREG(sb.st_mode) && output_file(p, &sb) == 1)
			; /* the zip being written */
		else if (S_ISREG(sb.st_mode) && output_file(p, &sb) == 2)
			rc = output_refused(path, err);
		else if (S_ISREG(sb.st_mode))
			rc = add_doc(p, path, name, err);
		else
			rc = pack_note_ignored(
			    p, path,
			    S_ISLNK(sb.st_mode) ? "a symbolic link: copy the "
						  "file itself"
						: "not a regular file",
			    err);
		free(path);
		free(name);
	}
	free_list(names, n);
	return rc;
}

static enum fa_code walk_top(struct fa_pack *p, const char *dir,
			     struct fa_manifest **member, struct fa_error *err)
{
	char **names = NULL;
	size_t n = 0, i;
	enum fa_code rc;
	int out;

	rc = list_dir(&names, &n, dir, err);
	for (i = 0; rc == FA_OK && i < n; i++) {
		char *path = join(dir, names[i]);
		struct stat sb;

		if (!path)
			rc = fa_error_nomem(err, dir);
		else if (lstat(path, &sb) != 0)
			rc = fa_error_add(err, FA_ERR_IO, path, 0, 0,
					  "cannot read: %s", strerror(errno));
		else if (S_ISDIR(sb.st_mode) &&
			 strcmp(names[i], "documents") == 0)
			rc = walk_docs(p, path, "documents", 0, err);
		else if (S_ISDIR(sb.st_mode))
			rc =
			    names[i][0] == '.' || fa_entryname_is_junk(names[i])
				? FA_OK
				: pack_note_ignored(
				      p, path, "a folder other than documents/",
				      err);
		else if (S_ISREG(sb.st_mode) && (out = output_file(p, &sb)))
			/* the zip being written, or an old package it
			 * replaces: not evidence; a table it replaces is */
			rc = out == 2 && source_name(names[i])
				 ? output_refused(path, err)
				 : FA_OK;
		else if (S_ISREG(sb.st_mode))
			rc = add_file(p, path, 0, member, err);
		else
			rc = pack_note_ignored(p, path, "not a regular file",
					       err);
		free(path);
	}
	free_list(names, n);
	return rc;
}

static int doc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pack_doc *)a)->name,
		      ((const struct pack_doc *)b)->name);
}

enum fa_code pack_sources_find(struct fa_pack *p,
			       const struct fa_pack_options *opt,
			       struct fa_manifest **member,
			       struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i;

	*member = NULL;
	/* the zip being written, and the file it replaces, if any: neither
	 * is packed */
	{
		const char *out[2] = { opt->output, opt->output_name };
		struct stat sb;

		for (i = 0; i < 2; i++)
			if (out[i] && stat(out[i], &sb) == 0 &&
			    S_ISREG(sb.st_mode)) {
				p->out_dev[i] = sb.st_dev;
				p->out_ino[i] = sb.st_ino;
			}
	}
	for (i = 0; rc == FA_OK && i < opt->n_sources; i++) {
		const char *path = opt->sources[i];
		struct stat sb;

		if (stat(path, &sb) != 0)
			rc = fa_error_add(err, FA_ERR_USAGE, path, 0, 0,
					  "cannot read: %s", strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			rc = walk_top(p, path, member, err);
		else if (!S_ISREG(sb.st_mode))
			/* a FIFO or device would block or never end */
			rc = fa_error_add(err, FA_ERR_USAGE, path, 0, 0,
					  "not a regular file: pack reads "
					  "files and folders");
		else
			rc = add_file(p, path, 1, member, err);
	}
	if (rc != FA_OK)
		return rc;
	/* two folders may both hold documents: one order, no name twice */
	if (p->n_docs)
		qsort(p->docs, p->n_docs, sizeof(*p->docs), doc_cmp);
	for (i = 1; i < p->n_docs; i++)
		if (strcmp(p->docs[i - 1].name, p->docs[i].name) == 0)
			return fa_error_add(
			    err, FA_ERR_USAGE, p->docs[i].path, 0, 0,
			    "'%s' is also packed from '%s': "
			    "two files cannot have one name in "
			    "the package",
			    p->docs[i].name, p->docs[i - 1].path);
	for (i = 0; i < p->n_docs; i++) {
		rc =
		    fa_sha256_file_hex(p->docs[i].sha256, p->docs[i].path, err);
		if (rc != FA_OK)
			return rc;
	}
	return FA_OK;
}

/* ---- encodings ------------------------------------------------------------
 */

/* The word around buf[at] as Windows-1252 would show it (letters of
 * 0xA0..0xFF are Latin-1's; other bytes shown as \xNN). */
static void show_word(char *out, size_t size, const unsigned char *buf,
		      size_t n, size_t at)
{
	size_t a = at, b = at, k = 0;

	while (a > 0 && at - a < 24 && buf[a - 1] > ' ' && buf[a - 1] != ',' &&
	       buf[a - 1] != ';' && buf[a - 1] != '"')
		a--;
	while (b < n && b - at < 24 && buf[b] > ' ' && buf[b] != ',' &&
	       buf[b] != ';' && buf[b] != '"')
		b++;
	for (; a < b && k + 5 < size; a++) {
		unsigned c = buf[a];

		if (c < 0x80) {
			out[k++] = (char)c;
		} else if (c >= 0xa0) {
			out[k++] = (char)(0xc0 | c >> 6);
			out[k++] = (char)(0x80 | (c & 0x3f));
		} else {
			k += (size_t)snprintf(out + k, size - k, "\\x%02x", c);
		}
	}
	out[k] = '\0';
}

/*
 * Settle src's encoding: a byte order mark; else the declaration; else
 * valid UTF-8 all through; else Windows-1252 when every byte that breaks
 * UTF-8 is one Windows-1252 defines, reported as a guess with the first
 * word it changes. A NUL byte without a mark is UTF-16 without one.
 */
static enum fa_code settle_encoding(struct pack_source *src,
				    const char *declared, struct fa_error *err)
{
	FILE *f = fopen(src->path, "rb");
	unsigned char *buf = NULL;
	size_t n, keep = 0, i, first = 1;
	unsigned long line = 1;
	enum fa_code rc = FA_OK;
	int bad = 0, len;

	if (!f)
		return fa_error_add(err, FA_ERR_IO, src->path, 0, 0,
				    "cannot open: %s", strerror(errno));
	buf = malloc(CHUNK + 4);
	if (!buf) {
		fclose(f);
		return fa_error_nomem(err, src->path);
	}
	src->enc = FA_ENC_UTF8;
	src->enc_how = PACK_ENC_VALID;
	while (!ferror(f) &&
	       ((n = fread(buf + keep, 1, CHUNK, f)) > 0 || keep)) {
		n += keep;
		keep = 0;
		if (first) {
			first = 0;
			if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
				src->enc_how = PACK_ENC_BOM;
				goto out;
			}
			if (n >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 ||
				       memcmp(buf, "\xfe\xff", 2) == 0)) {
				src->enc = FA_ENC_UTF16;
				src->enc_how = PACK_ENC_BOM;
				goto out;
			}
			if (declared) {
				src->enc = strcmp(declared, "windows-1252") == 0
					       ? FA_ENC_WINDOWS1252
					       : FA_ENC_UTF8;
				src->enc_how = PACK_ENC_DECLARED;
				goto out;
			}
		}
		for (i = 0; i < n; i += (size_t)len) {
			if (buf[i] == 0) {
				rc = fa_error_add(
				    err, FA_ERR_INPUT, src->name, line, 0,
				    "the file holds NUL bytes: it looks like "
				    "UTF-16 without a byte order mark; save it "
				    "again as UTF-8 (\"CSV UTF-8\") or as "
				    "\"Unicode text\"");
				goto out;
			}
			if (buf[i] == '\n')
				line++;
			len = fa_text_utf8_char(buf + i, n - i, NULL);
			if (len < 0 && !feof(f)) {
				keep = n - i;
				memmove(buf, buf + i, keep);
				break;
			}
			if (len > 0)
				continue;
			/* not UTF-8 here: Windows-1252 if it defines it */
			if (buf[i] == 0x81 || buf[i] == 0x8d ||
			    buf[i] == 0x8f || buf[i] == 0x90 ||
			    buf[i] == 0x9d) {
				rc = fa_error_add(
				    err, FA_ERR_INPUT, src->name, line, 0,
				    "the file is neither UTF-8 nor "
				    "Windows-1252 (byte 0x%02x): save it again "
				    "as \"CSV UTF-8\"",
				    buf[i]);
				goto out;
			}
			if (!bad) {
				bad = 1;
				src->enc_line = line;
				show_word(src->enc_example,
					  sizeof(src->enc_example), buf, n, i);
			}
			len = 1;
		}
		if (!keep && feof(f))
			break;
	}
	if (ferror(f))
		rc = fa_error_add(err, FA_ERR_IO, src->path, 0, 0,
				  "cannot read: %s", strerror(errno));
	else if (bad) {
		src->enc = FA_ENC_WINDOWS1252;
		src->enc_how = PACK_ENC_GUESSED;
	}
out:
	free(buf);
	fclose(f);
	return rc;
}

/* ---- reading --------------------------------------------------------------
 */

struct first {
	struct pack_source *src;
	int done;
	enum fa_code rc;
};

/* Keep record 0 and stop. */
static enum fa_code keep_header(void *ctx, size_t record, unsigned long line,
				const struct fa_csv_field *fields, size_t n,
				struct fa_error *err)
{
	struct first *h = ctx;
	size_t i;

	(void)record;
	h->src->header = calloc(n ? n : 1, sizeof(char *));
	if (!h->src->header)
		return h->rc = fa_error_nomem(err, h->src->name);
	for (i = 0; i < n; i++) {
		h->src->header[i] = fa_text_dup(fields[i].s);
		if (!h->src->header[i])
			return h->rc = fa_error_nomem(err, h->src->name);
		h->src->n_header = i + 1;
	}
	h->src->header_line = line;
	h->done = 1;
	return FA_ERR_USAGE; /* stop: not an error, done says so */
}

enum fa_code pack_source_header(struct pack_source *src, const char *declared,
				struct fa_error *err)
{
	struct first h = { src, 0, FA_OK };
	struct fa_error quiet;
	enum fa_code rc;
	char sep = 0;

	if (src->kind == PACK_CSV) {
		rc = settle_encoding(src, declared, err);
		if (rc != FA_OK)
			return rc;
	}
	fa_error_init(&quiet);
	rc = pack_source_read(src, keep_header, &h, &sep, &quiet);
	src->sep = sep;
	if (h.rc != FA_OK)
		return h.rc == FA_ERR_NOMEM ? fa_error_nomem(err, src->name)
					    : h.rc;
	if (h.done)
		return FA_OK;
	if (rc != FA_OK) {
		*err = quiet;
		return rc;
	}
	if (src->kind == PACK_SHEET)
		return FA_OK; /* Sheet2 of a workbook: left out, no header */
	return fa_error_add(err, FA_ERR_INPUT, src->name, 0, 0,
			    "empty: no header line");
}

enum fa_code pack_source_read(struct pack_source *src, fa_csv_record_fn fn,
			      void *ctx, char *sep, struct fa_error *err)
{
	struct fa_csv *csv = NULL;
	unsigned char *buf = NULL;
	enum fa_code rc;
	size_t n;
	FILE *f;

	if (src->kind == PACK_SHEET)
		return fa_xlsx_read(src->book, src->sheet, fn, ctx, err);
	f = fopen(src->path, "rb");
	if (!f)
		return fa_error_add(err, FA_ERR_IO, src->path, 0, 0,
				    "cannot open: %s", strerror(errno));
	buf = malloc(CHUNK);
	rc = buf ? fa_csv_new(&csv, src->name, src->enc, fn, ctx, err)
		 : fa_error_nomem(err, src->name);
	while (rc == FA_OK && (n = fread(buf, 1, CHUNK, f)) > 0)
		rc = fa_csv_feed(csv, buf, n, err);
	if (rc == FA_OK && ferror(f))
		rc = fa_error_add(err, FA_ERR_IO, src->path, 0, 0,
				  "cannot read: %s", strerror(errno));
	if (rc == FA_OK)
		rc = fa_csv_finish(csv, err);
	if (csv && sep)
		*sep = fa_csv_separator(csv);
	fa_csv_free(csv);
	free(buf);
	fclose(f);
	return rc;
}

void pack_source_release(struct pack_source *src)
{
	size_t i;

	for (i = 0; i < src->n_header; i++)
		free(src->header[i]);
	free(src->header);
	free(src->path);
	free(src->name);
	free(src->base);
	free(src->declared_table);
}
