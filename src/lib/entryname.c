/* SPDX-License-Identifier: MIT */
/*
 * Entry names of a package (entryname.h): the path rules every name must
 * pass, the operating-system junk and directories among them, and names
 * shown in messages so that they cannot act on a terminal. Works on the
 * names as bytes, whatever the locale. Uses error, limits.h and libc.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "entryname.h"
#include "limits.h"
#include "text.h"

/* ---- messages ---------------------------------------------------------- */

/* One strictly valid UTF-8 character at s[0..len): its length, or 0 if
 * invalid or cut off by the end of the name. */
static size_t utf8_char(const unsigned char *s, size_t len, uint32_t *cp)
{
	int n = fa_text_utf8_char(s, len, cp);

	return n > 0 ? (size_t)n : 0;
}

/* C0, DEL and C1: the code points a terminal may act on. */
static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/*
 * Copy an entry name into a diagnostic location that is safe to print:
 * invalid UTF-8 and control characters become \xNN, and truncation happens
 * on a character boundary. Names come from the package, so they must not
 * be able to move a terminal's cursor or forge a log line.
 */
static void display_name(char out[FA_ERROR_WHERE_MAX], const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name), i = 0, o = 0, n, k;
	uint32_t cp;

	while (i < len) {
		n = utf8_char(s + i, len - i, &cp);
		if (n > 0 && !is_control(cp)) {
			if (o + n >= FA_ERROR_WHERE_MAX)
				break;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		if (n == 0)
			n = 1;
		if (o + 4 * n >= FA_ERROR_WHERE_MAX)
			break;
		for (k = 0; k < n; k++) {
			snprintf(out + o, 5, "\\x%02x", s[i + k]);
			o += 4;
		}
		i += n;
	}
	out[o] = '\0';
}

enum fa_code fa_entryname_fail(struct fa_error *err, enum fa_code code,
			       const char *name, const char *fmt, ...)
{
	char where[FA_ERROR_WHERE_MAX];
	va_list ap;

	display_name(where, name);
	va_start(ap, fmt);
	code = fa_error_addv(err, code, where, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

/* ---- path rules and kinds --------------------------------------------- */

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Locale-independent: names are bytes, not text in the user's locale. */
static int ascii_casecmp(const char *a, const char *b)
{
	while (*a && ascii_lower((unsigned char)*a) ==
			 ascii_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return ascii_lower((unsigned char)*a) - ascii_lower((unsigned char)*b);
}

/*
 * Operating-system litter that people's zip tools add: macOS resource forks
 * and Finder state, Windows thumbnail caches and folder settings. Windows
 * names are matched without case because its file systems ignore case.
 */
int fa_entryname_is_junk(const char *name)
{
	const char *seg = name, *slash;
	size_t len;

	for (;;) {
		slash = strchr(seg, '/');
		len = slash ? (size_t)(slash - seg) : strlen(seg);
		if (len == 8 && memcmp(seg, "__MACOSX", 8) == 0)
			return 1;
		if (!slash)
			break;
		seg = slash + 1;
	}
	/* seg is now the base name. */
	return strcmp(seg, ".DS_Store") == 0 || strncmp(seg, "._", 2) == 0 ||
	       ascii_casecmp(seg, "Thumbs.db") == 0 ||
	       ascii_casecmp(seg, "desktop.ini") == 0;
}

int fa_entryname_is_dir(const char *name)
{
	size_t len = strlen(name);

	return len > 0 && name[len - 1] == '/';
}

/*
 * The path rules. Nothing is ever extracted, but names end up in reports,
 * in lookups against the manifest and possibly in someone's unzip later:
 * a name that could mean a different file somewhere else is refused.
 */
enum fa_code fa_entryname_check(const char *name, struct fa_error *err)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name), i, n, seg_len;
	const char *seg, *end;
	uint32_t cp;

	if (len > FA_PKG_MAX_NAME_BYTES)
		return fa_entryname_fail(
		    err, FA_ERR_LIMIT, name,
		    "entry name is %zu bytes long, more than the "
		    "limit of %d",
		    len, FA_PKG_MAX_NAME_BYTES);
	for (i = 0; i < len; i += n) {
		n = utf8_char(s + i, len - i, &cp);
		if (n == 0)
			return fa_entryname_fail(
			    err, FA_ERR_INPUT, name,
			    "entry path is not valid UTF-8");
		if (is_control(cp))
			return fa_entryname_fail(
			    err, FA_ERR_INPUT, name,
			    "entry path contains a control character");
	}
	if (name[0] == '/' ||
	    (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') &&
	     name[1] == ':'))
		return fa_entryname_fail(err, FA_ERR_INPUT, name,
					 "entry path is absolute");
	if (strchr(name, '\\'))
		return fa_entryname_fail(err, FA_ERR_INPUT, name,
					 "entry path contains a backslash");
	/* A directory's one trailing '/' does not make an empty segment. */
	end = name + len - (fa_entryname_is_dir(name) ? 1 : 0);
	for (seg = name;; seg += seg_len + 1) {
		const char *slash = memchr(seg, '/', (size_t)(end - seg));

		seg_len = slash ? (size_t)(slash - seg) : (size_t)(end - seg);
		if (seg_len == 2 && seg[0] == '.' && seg[1] == '.')
			return fa_entryname_fail(
			    err, FA_ERR_INPUT, name,
			    "entry path escapes the package ('..' segment)");
		if (seg_len == 0 || (seg_len == 1 && seg[0] == '.'))
			return fa_entryname_fail(
			    err, FA_ERR_INPUT, name,
			    "entry path has an empty or '.' segment");
		if (!slash)
			break;
	}
	return FA_OK;
}
