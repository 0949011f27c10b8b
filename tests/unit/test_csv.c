/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for csv.c. Each case is an input and the transcript the reader
 * must produce: one line per record ("record@line" and its fields, quoted
 * fields marked q), then "end <separator> <code>" and every diagnostic.
 * Every case is parsed whole, byte by byte, in small fixed chunks and in
 * random chunks; all transcripts must be identical. Data-driven cases live
 * in fixtures/csv/NAME.csv with the expected transcript in NAME.expected,
 * whose first line names the encoding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <iconv.h>

#include <cmocka.h>

#include "csv.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- transcripts --------------------------------------------------------- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_addv(struct sbuf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static void sb_addv(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	assert_true(n >= 0);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
}

static void sb_add(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_addv(b, fmt, ap);
	va_end(ap);
}

struct run {
	struct sbuf t;
	size_t calls;
	size_t fail_at; /* record index whose callback fails */
	enum fa_code fail_code;
};

static enum fa_code record_cb(void *ctx, size_t record, unsigned long line,
			      const struct fa_csv_field *f, size_t n,
			      struct fa_error *err)
{
	struct run *r = ctx;
	size_t i, k;

	r->calls++;
	sb_add(&r->t, "%zu@%lu", record, line);
	for (i = 0; i < n; i++) {
		/* Fields are NUL-terminated at len. */
		assert_int_equal(f[i].s[f[i].len], '\0');
		sb_add(&r->t, " %s[", f[i].quoted ? "q" : "");
		for (k = 0; k < f[i].len; k++) {
			unsigned char c = (unsigned char)f[i].s[k];

			if (c == '\n')
				sb_add(&r->t, "\\n");
			else if (c == '\r')
				sb_add(&r->t, "\\r");
			else if (c < 0x20)
				sb_add(&r->t, "\\x%02x", c);
			else
				sb_add(&r->t, "%c", c);
		}
		sb_add(&r->t, "]");
	}
	sb_add(&r->t, "\n");
	if (r->fail_code != FA_OK && record == r->fail_at)
		return fa_error_add(err, r->fail_code, "cb", line, 0,
				    "callback refused record %zu", record);
	return FA_OK;
}

/* Chunking: 0 = whole input, k > 0 = chunks of k bytes, k < 0 = random
 * chunks of 1..-k bytes. */
struct chunking {
	long size;
	unsigned seed;
};

static const struct chunking chunkings[] = {
	{ 0, 0 },     { 1, 0 },	     { 2, 0 },	 { 3, 0 },    { 4, 0 },
	{ 5, 0 },     { 7, 0 },	     { 13, 0 },	 { -3, 1 },   { -5, 2 },
	{ -9, 3 },    { -9, 4 },     { -64, 5 }, { -300, 6 }, { -300, 7 },
	{ -5000, 8 }, { -70000, 9 },
};

static size_t next_chunk(const struct chunking *c, unsigned *state)
{
	if (c->size >= 0)
		return (size_t)c->size;
	/* A fixed LCG: the same chunks on every run and platform. */
	*state = *state * 1103515245u + 12345u;
	return 1 + (size_t)((*state >> 8) % (unsigned long)-c->size);
}

/* Parse in with the given chunking; returns the transcript (caller frees).
 * *feeds_out, if not NULL, receives the number of feed calls made. */
static char *parse_with(const void *in, size_t len, enum fa_encoding enc,
			const struct chunking *ch, struct run *r,
			size_t *feeds_out)
{
	const unsigned char *p = in;
	struct fa_error err;
	struct fa_csv *csv = NULL;
	enum fa_code rc;
	unsigned state = ch->seed;
	size_t off = 0, feeds = 0, i;
	char sep;

	fa_error_init(&err);
	rc = fa_csv_new(&csv, "t.csv", enc, record_cb, r, &err);
	assert_int_equal(rc, FA_OK);
	assert_int_equal(fa_csv_separator(csv), 0);
	while (rc == FA_OK && off < len) {
		size_t k = ch->size == 0 ? len : next_chunk(ch, &state);

		if (k > len - off)
			k = len - off;
		rc = fa_csv_feed(csv, p + off, k, &err);
		off += k;
		feeds++;
	}
	if (rc == FA_OK)
		rc = fa_csv_finish(csv, &err);
	sep = fa_csv_separator(csv);
	sb_add(&r->t, "end %s %d\n",
	       sep == '\t' ? "tab"
	       : sep	   ? (char[2]){ sep, '\0' }
			   : "-",
	       (int)rc);
	assert_int_equal(rc, err.code);
	for (i = 0; i < err.n; i++) {
		char line[1024];

		fa_diag_format(line, sizeof(line), &err.diag[i]);
		sb_add(&r->t, "error: %s\n", line);
	}
	fa_csv_free(csv);
	if (feeds_out)
		*feeds_out = feeds;
	return r->t.s;
}

static char *parse_once(const void *in, size_t len, enum fa_encoding enc,
			const struct chunking *ch)
{
	struct run r;

	memset(&r, 0, sizeof(r));
	return parse_with(in, len, enc, ch, &r, NULL);
}

/* Parse under every chunking, check all agree with want (if not NULL) and
 * with each other. label names the case in failure messages. */
static void check_all(const char *label, const void *in, size_t len,
		      enum fa_encoding enc, const char *want)
{
	char *first = parse_once(in, len, enc, &chunkings[0]);
	size_t i;

	if (want && strcmp(first, want) != 0)
		fail_msg("%s: got\n%s--- want\n%s", label, first, want);
	for (i = 1; i < N(chunkings); i++) {
		char *t = parse_once(in, len, enc, &chunkings[i]);

		if (strcmp(t, first) != 0)
			fail_msg("%s: chunking %ld/%u differs:\n%s--- whole "
				 "input gave\n%s",
				 label, chunkings[i].size, chunkings[i].seed, t,
				 first);
		free(t);
	}
	free(first);
}

/* ---- table-driven cases -------------------------------------------------- */

struct csv_case {
	const char *in;
	size_t len;
	const char *want;
};

/* Input as a string literal, embedded NULs included. */
#define IN(s) s, sizeof(s) - 1

static void run_cases(const char *group, const struct csv_case *cases, size_t n,
		      enum fa_encoding enc)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char label[64];

		snprintf(label, sizeof(label), "%s case %zu", group, i);
		check_all(label, cases[i].in, cases[i].len, enc, cases[i].want);
	}
}

static void test_csv__separator_detection(void **state)
{
	static const struct csv_case cases[] = {
		{ IN("a;b;c\n1;2;3\n"),
		  "0@1 [a] [b] [c]\n1@2 [1] [2] [3]\nend ; 0\n" },
		{ IN("a,b\n1,2\n"), "0@1 [a] [b]\n1@2 [1] [2]\nend , 0\n" },
		/* one column: ',' even if data rows hold ';' */
		{ IN("naam\nJansen; P.\n"),
		  "0@1 [naam]\n1@2 [Jansen; P.]\nend , 0\n" },
		/* both: the more frequent wins */
		{ IN("a;b;c,d\n1;2;3,4\n"),
		  "0@1 [a] [b] [c,d]\n1@2 [1] [2] [3,4]\nend ; 0\n" },
		{ IN("a,b,c;d\n1,2,3;4\n"),
		  "0@1 [a] [b] [c;d]\n1@2 [1] [2] [3;4]\nend , 0\n" },
		/* a tie goes to ';' */
		{ IN("a;b,c\n"), "0@1 [a] [b,c]\nend ; 0\n" },
		/* marks inside quotes do not count */
		{ IN("\"a;b;c\",d\n"), "0@1 q[a;b;c] [d]\nend , 0\n" },
		{ IN("\"x\ny;z\";q;r\n"), "0@1 q[x\\ny;z] [q] [r]\nend ; 0\n" },
		/* the header is the first non-blank line */
		{ IN("\n\r\n\na;b\n1;2\n"),
		  "0@4 [a] [b]\n1@5 [1] [2]\nend ; 0\n" },
		/* no line end at all */
		{ IN("a;b"), "0@1 [a] [b]\nend ; 0\n" },
		/* tab, as Excel's "Unicode text" writes it; ',' and ';' in
		 * data rows are data */
		{ IN("a\tb\tc\nJansen, P.\t1,5\tx;y\n"),
		  "0@1 [a] [b] [c]\n1@2 [Jansen, P.] [1,5] [x;y]\nend tab "
		  "0\n" },
		/* a tie goes to tab, before ';' and ',' */
		{ IN("a\tb;c\n"), "0@1 [a] [b;c]\nend tab 0\n" },
		{ IN("a\tb,c\n"), "0@1 [a] [b,c]\nend tab 0\n" },
		{ IN("a\tb;c,d\n"), "0@1 [a] [b;c,d]\nend tab 0\n" },
		/* a mark more frequent than tab wins */
		{ IN("a;b;c\td\n"), "0@1 [a] [b] [c\\x09d]\nend ; 0\n" },
		{ IN("a,b,c\td\n"), "0@1 [a] [b] [c\\x09d]\nend , 0\n" },
		/* tabs inside quotes do not count */
		{ IN("\"a\tb\tc\";d\n"),
		  "0@1 q[a\\x09b\\x09c] [d]\nend ; 0\n" },
		/* quoted fields and a tab at the end: an empty last field */
		{ IN("\"x\ty\"\tb\t\n1\t\"2\t3\"\t\n"),
		  "0@1 q[x\\x09y] [b] []\n1@2 [1] q[2\\x093] []\nend tab 0\n" },
		/* empty and blank files: no header, no separator */
		{ IN(""), "end - 0\n" },
		{ IN("\n\r\n"), "end - 0\n" },
	};

	(void)state;
	run_cases("separator", cases, N(cases), FA_ENC_UTF8);
}

/* A header longer than the sniff window: decided on what was seen. */
static void test_csv__separator_long_header(void **state)
{
	size_t n = FA_CSV_SNIFF_BYTES + 100, i;
	char *in = malloc(n + 8);
	char *t;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < n; i++)
		in[i] = i % 100 == 99 ? ';' : 'h';
	memcpy(in + n - 2, ",x\n", 3); /* a ',' only past the window */
	t = parse_once(in, n + 1, FA_ENC_UTF8, &chunkings[0]);
	assert_non_null(strstr(t, "end ; 0\n"));
	free(t);
	free(in);
}

static void test_csv__quoting(void **state)
{
	static const struct csv_case cases[] = {
		/* embedded separator, doubled quote */
		{ IN("a;b\n\"x;y\";\"he said \"\"hi\"\"\"\n"),
		  "0@1 [a] [b]\n1@2 q[x;y] q[he said \"hi\"]\nend ; 0\n" },
		/* "" is a quoted empty field, distinct from nothing */
		{ IN("a;b;c\n\"\";;\"\"\n"),
		  "0@1 [a] [b] [c]\n1@2 q[] [] q[]\nend ; 0\n" },
		{ IN("a,b\n\"\"\"\",\"x\"\"\"\n"),
		  "0@1 [a] [b]\n1@2 q[\"] q[x\"]\nend , 0\n" },
		/* line breaks inside quotes: later records keep their line */
		{ IN("a;b\n\"line1\nline2\";x\n\"3\r\nlines\nhere\";y\n"
		     "last;z\n"),
		  "0@1 [a] [b]\n1@2 q[line1\\nline2] [x]\n"
		  "2@4 q[3\\r\\nlines\\nhere] [y]\n3@7 [last] [z]\nend ; 0\n" },
		/* a quoted field not in the first column */
		{ IN("a;b\nx;\"1\n2\"\ny;z\n"),
		  "0@1 [a] [b]\n1@2 [x] q[1\\n2]\n2@4 [y] [z]\nend ; 0\n" },
		/* quotes only count at the start of a field */
		{ IN("a;\"b\"\n\"x\";y\n"),
		  "0@1 [a] q[b]\n1@2 q[x] [y]\nend ; 0\n" },
		/* last field quoted, no line end */
		{ IN("a;b\n1;\"2\""), "0@1 [a] [b]\n1@2 [1] q[2]\nend ; 0\n" },
		{ IN("a;b\n1;"), "0@1 [a] [b]\n1@2 [1] []\nend ; 0\n" },
	};

	(void)state;
	run_cases("quoting", cases, N(cases), FA_ENC_UTF8);
}

static void test_csv__line_ends(void **state)
{
	static const struct csv_case cases[] = {
		{ IN("a;b\r\n1;2\r\n"), "0@1 [a] [b]\n1@2 [1] [2]\nend ; 0\n" },
		{ IN("a;b\n1;2\n"), "0@1 [a] [b]\n1@2 [1] [2]\nend ; 0\n" },
		/* blank lines, CRLF or LF, are skipped but counted */
		{ IN("a;b\r\n\r\n\n1;2\r\n\r\n3;4"),
		  "0@1 [a] [b]\n1@4 [1] [2]\n2@6 [3] [4]\nend ; 0\n" },
		/* a lone CR outside quotes ends a line */
		{ IN("a;b\r1;2\r\r3;4\r"),
		  "0@1 [a] [b]\n1@2 [1] [2]\n2@4 [3] [4]\nend ; 0\n" },
		/* a line ending in LF after one ending in a lone CR */
		{ IN("a;b\rxy\nz;1\n"),
		  "0@1 [a] [b]\n1@2 [xy]\n2@3 [z] [1]\nend ; 0\n" },
		/* a lone CR inside quotes is data, not a line end */
		{ IN("a;b\n\"x\ry\";1\nz;2\n"),
		  "0@1 [a] [b]\n1@2 q[x\\ry] [1]\n2@3 [z] [2]\nend ; 0\n" },
		/* spaces are data: kept, and a line of them is a record */
		{ IN("a;b\n  x ; y \n   \n1;2\n"),
		  "0@1 [a] [b]\n1@2 [  x ] [ y ]\n2@3 [   ]\n3@4 [1] [2]\n"
		  "end ; 0\n" },
		{ IN("a;b\n\t;\n"), "0@1 [a] [b]\n1@2 [\\x09] []\nend ; 0\n" },
	};

	(void)state;
	run_cases("line ends", cases, N(cases), FA_ENC_UTF8);
}

static void test_csv__malformed_quoting(void **state)
{
	static const struct csv_case cases[] = {
		{ IN("a,b\n\"x\"y,1\n"),
		  "0@1 [a] [b]\nend , 3\nerror: t.csv:2: malformed quoting: "
		  "text after the closing quote of field 1\n" },
		{ IN("a,b\n1,x\"y\n"),
		  "0@1 [a] [b]\nend , 3\nerror: t.csv:2: malformed quoting: "
		  "unexpected quote in unquoted field 2\n" },
		/* spaces are data, so they break quoting */
		{ IN("a;b\n\"x\" ;1\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:2: malformed quoting: "
		  "text after the closing quote of field 1\n" },
		{ IN("a;b\n1; \"x\"\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:2: malformed quoting: "
		  "unexpected quote in unquoted field 2\n" },
		/* seen on a later line of a multi-line record */
		{ IN("a;b\n1;\"x\ny\nz\"w\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:4: malformed quoting: "
		  "text after the closing quote of field 2\n" },
		/* in the header */
		{ IN("a;b\"c;d\n"),
		  "end ; 3\nerror: t.csv:1: malformed quoting: unexpected "
		  "quote in unquoted field 2\n" },
		{ IN("a;b\n1;\"x\n\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv: unterminated quoted "
		  "field starting on line 2\n" },
		{ IN("a;b\n1;2\n3;\"x;\n4;5\n"),
		  "0@1 [a] [b]\n1@2 [1] [2]\nend ; 3\nerror: t.csv: "
		  "unterminated quoted field starting on line 3\n" },
		{ IN("\n\"abc"),
		  "end , 3\nerror: t.csv: unterminated quoted field starting "
		  "on line 2\n" },
	};

	(void)state;
	run_cases("malformed quoting", cases, N(cases), FA_ENC_UTF8);
}

static void test_csv__utf8(void **state)
{
	static const struct csv_case cases[] = {
		/* BOM stripped; offsets still count it */
		{ IN("\xef\xbb\xbf"
		     "a;b\n1;2\n"),
		  "0@1 [a] [b]\n1@2 [1] [2]\nend ; 0\n" },
		{ IN("\xef\xbb\xbf"), "end - 0\n" },
		/* two, three and four byte characters pass unchanged */
		{ IN("naam;plaats\nJos\xc3\xa9;Z\xc3\xbcrich \xe2\x82\xac "
		     "\xf0\x9f\x8f\xa0\n"),
		  "0@1 [naam] [plaats]\n1@2 [Jos\xc3\xa9] [Z\xc3\xbcrich "
		  "\xe2\x82\xac \xf0\x9f\x8f\xa0]\nend ; 0\n" },
		/* a BOM later in the file is data (U+FEFF) */
		{ IN("a\n\xef\xbb\xbfx\n"),
		  "0@1 [a]\n1@2 [\xef\xbb\xbfx]\nend , 0\n" },
		/* boundary code points */
		{ IN("a\n\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80"
		     "\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\n"),
		  "0@1 [a]\n1@2 [\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf"
		  "\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf]\n"
		  "end , 0\n" },
	};

	(void)state;
	run_cases("utf-8", cases, N(cases), FA_ENC_UTF8);
}

/* The hint names the manifest attribute and value that
 * docs/evidence-package.md and schemas/manifest.xsd define. */
#define UTF8_HINT                                                        \
	": if the file is Windows-1252 (Excel's CSV on Dutch Windows), " \
	"declare it in manifest.xml with encoding=\"windows-1252\""

#define BAD_UTF8(line, byte, off)                                    \
	"end ; 3\nerror: t.csv:" #line ": invalid UTF-8 byte " #byte \
	" at byte offset " #off UTF8_HINT "\n"

static void test_csv__utf8_invalid(void **state)
{
	static const struct csv_case cases[] = {
		/* Latin-1 é: the sequence's first byte is named */
		{ IN("a;b\n1;caf\xe9\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xe9, 9) },
		{ IN("a;b\n\xc0\xaf\n"), "0@1 [a] [b]\n" BAD_UTF8(2, 0xc0, 4) },
		{ IN("a;b\n\xc1\xbf\n"), "0@1 [a] [b]\n" BAD_UTF8(2, 0xc1, 4) },
		{ IN("a;b\n\xe0\x80\xaf\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xe0, 4) },
		{ IN("a;b\n\xe0\x9f\xbf\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xe0, 4) },
		{ IN("a;b\n\xf0\x8f\xbf\xbf\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xf0, 4) },
		/* surrogates U+D800, U+DFFF */
		{ IN("a;b\nx\xed\xa0\x80\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xed, 5) },
		{ IN("a;b\nx\xed\xbf\xbf\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xed, 5) },
		/* beyond U+10FFFF */
		{ IN("a;b\n\xf4\x90\x80\x80\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xf4, 4) },
		{ IN("a;b\n\xf5\x80\x80\x80\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xf5, 4) },
		{ IN("a;b\n\xff\n"), "0@1 [a] [b]\n" BAD_UTF8(2, 0xff, 4) },
		/* stray continuation byte */
		{ IN("a;b\n1;\x80\n"), "0@1 [a] [b]\n" BAD_UTF8(2, 0x80, 6) },
		/* truncated sequences: mid-file and at the end */
		{ IN("a;b\n\xc3;1\n"), "0@1 [a] [b]\n" BAD_UTF8(2, 0xc3, 4) },
		{ IN("a;b\n\xe2\x82;1\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xe2, 4) },
		{ IN("a;b\n\xf0\x9f\x8f\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xf0, 4) },
		{ IN("a;b\n1;\xe2\x82"), "0@1 [a] [b]\n" BAD_UTF8(2, 0xe2, 6) },
		{ IN("a;b\n1;\xf0"), "0@1 [a] [b]\n" BAD_UTF8(2, 0xf0, 6) },
		/* offsets are 0-based in the raw file, BOM included */
		{ IN("\xef\xbb\xbf"
		     "a;b\n\xff"),
		  "0@1 [a] [b]\n" BAD_UTF8(2, 0xff, 7) },
		/* in the header line, after blank lines */
		{ IN("\n\na;\xff;b\n"), BAD_UTF8(3, 0xff, 4) },
		/* after a record spanning lines */
		{ IN("a;b\n\"x\ny\";\xff\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(3, 0xff, 10) },
		{ IN("a;b\n\"x\ny\xff\"\n"),
		  "0@1 [a] [b]\n" BAD_UTF8(3, 0xff, 8) },
		/* NUL */
		{ IN("a;b\n1;\0\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:2: NUL character at "
		  "byte offset 6\n" },
		/* a UTF-16 file declared UTF-8 */
		{ IN("\xff\xfe"
		     "a\0;\0b\0"),
		  "end - 3\nerror: t.csv:1: file starts with a UTF-16 byte "
		  "order mark; declare encoding=\"utf-16\" in the manifest\n" },
		{ IN("\xfe\xff\0a"),
		  "end - 3\nerror: t.csv:1: file starts with a UTF-16 byte "
		  "order mark; declare encoding=\"utf-16\" in the manifest\n" },
		/* a file cut inside a BOM-like start */
		{ IN("\xef\xbb"), "end - 3\nerror: t.csv:1: invalid UTF-8 byte "
				  "0xef at byte offset 0" UTF8_HINT "\n" },
	};

	(void)state;
	run_cases("invalid utf-8", cases, N(cases), FA_ENC_UTF8);
}

static void test_csv__windows1252(void **state)
{
	static const struct csv_case cases[] = {
		{ IN("naam;plaats\ncaf\xe9;\x80 5\n"),
		  "0@1 [naam] [plaats]\n1@2 [caf\xc3\xa9] [\xe2\x82\xac 5]\n"
		  "end ; 0\n" },
		/* the C1 range maps to punctuation; A0..FF to Latin-1 */
		{ IN("a\n\x82\x8a\x91\x92\x93\x94\x96\x99\x9f\xa0\xff\n"),
		  "0@1 [a]\n1@2 [\xe2\x80\x9a\xc5\xa0\xe2\x80\x98\xe2\x80\x99"
		  "\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x93\xe2\x84\xa2\xc5\xb8"
		  "\xc2\xa0\xc3\xbf]\nend , 0\n" },
		{ IN("a;b\nx\x81\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:2: byte 0x81 is not "
		  "defined in Windows-1252 at byte offset 5\n" },
		{ IN("a;b\n\x8d"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:2: byte 0x8d is not "
		  "defined in Windows-1252 at byte offset 4\n" },
		{ IN("a;b\n1;2\n\x8f"),
		  "0@1 [a] [b]\n1@2 [1] [2]\nend ; 3\nerror: t.csv:3: byte "
		  "0x8f is not defined in Windows-1252 at byte offset 8\n" },
		{ IN("\x90"), "end - 3\nerror: t.csv:1: byte 0x90 is not "
			      "defined in Windows-1252 at byte offset 0\n" },
		{ IN("a\n\"\n\x9d\"\n"),
		  "0@1 [a]\nend , 3\nerror: t.csv:3: byte 0x9d is not defined "
		  "in Windows-1252 at byte offset 4\n" },
		{ IN("a\n\0"), "0@1 [a]\nend , 3\nerror: t.csv:2: NUL "
			       "character at byte offset 2\n" },
		/* byte order marks mean the declaration is wrong */
		{ IN("\xff\xfe"
		     "a\0"),
		  "end - 3\nerror: t.csv:1: file starts with a UTF-16 byte "
		  "order mark; declare encoding=\"utf-16\" in the manifest\n" },
		{ IN("\xef\xbb\xbf"
		     "a;b\n"),
		  "end - 3\nerror: t.csv:1: file starts with a UTF-8 byte "
		  "order mark; declare encoding=\"utf-8\" in the manifest\n" },
		/* but their bytes elsewhere are ordinary letters */
		{ IN("\xef\xbb\n\xff\xfe\n"),
		  "0@1 [\xc3\xaf\xc2\xbb]\n1@2 [\xc3\xbf\xc3\xbe]\nend , 0\n" },
	};

	(void)state;
	run_cases("windows-1252", cases, N(cases), FA_ENC_WINDOWS1252);
}

#define DECLARED_1252_IS_UTF8                          \
	"the file is UTF-8 but the manifest declares " \
	"encoding=\"windows-1252\" "
#define REMOVE_1252 "remove encoding=\"windows-1252\" from its <file> element"

/* A UTF-8 file declared Windows-1252 is refused at its end, on the line
 * of its first multi-byte sequence; a real Windows-1252 file is not, even
 * where its first accented letters happen to be valid UTF-8. */
static void test_csv__windows1252_declared_on_utf8(void **state)
{
	static const struct csv_case cases[] = {
		/* "Zo\xc3\xab" misread: 0xC3 is A with tilde (U+00C3),
		 * 0xAB the left guillemet (U+00AB) */
		{ IN("naam;plaats\nJan;Delft\nZo\xc3\xab;Zwolle\n"),
		  "0@1 [naam] [plaats]\n1@2 [Jan] [Delft]\n"
		  "2@3 [Zo\xc3\x83\xc2\xab] [Zwolle]\nend ; 3\n"
		  "error: t.csv:3: " DECLARED_1252_IS_UTF8
		  "('Zo\xc3\xab' would "
		  "read as 'Zo\xc3\x83\xc2\xab'): " REMOVE_1252 "\n" },
		/* the word runs over '-' and '.', not over a space or the
		 * separator; a later line's sequences do not matter; CRLF
		 * counts one line */
		{ IN("a;b\r\nx;Jos\xc3\xa9-M. "
		     "Garc\xc3\xad"
		     "a\r\n\xe2\x82\xac;y\r\n"),
		  "0@1 [a] [b]\n1@2 [x] [Jos\xc3\x83\xc2\xa9-M. "
		  "Garc\xc3\x83\xc2\xad"
		  "a]\n2@3 [\xc3\xa2\xe2\x80\x9a\xc2\xac] "
		  "[y]\nend ; 3\n"
		  "error: t.csv:2: " DECLARED_1252_IS_UTF8 "('Jos\xc3\xa9-M.' "
		  "would read as 'Jos\xc3\x83\xc2\xa9-M.'): " REMOVE_1252
		  "\n" },
		/* in a quoted field after a line break inside the quotes */
		{ IN("a;b\n\"1\n2\";\xc3\xab\n"),
		  "0@1 [a] [b]\n1@2 q[1\\n2] [\xc3\x83\xc2\xab]\nend ; 3\n"
		  "error: t.csv:3: " DECLARED_1252_IS_UTF8 "('\xc3\xab' would "
		  "read as '\xc3\x83\xc2\xab'): " REMOVE_1252 "\n" },
		/* a real Windows-1252 file: "Ren\xe9" "e" is not UTF-8 */
		{ IN("naam;plaats\nRen\xe9"
		     "e;Delft\n"),
		  "0@1 [naam] [plaats]\n1@2 [Ren\xc3\xa9"
		  "e] [Delft]\n"
		  "end ; 0\n" },
		/* its first letters pair up as UTF-8, a later one does not:
		 * the whole file decides */
		{ IN("a;b\n\xc3\xab;x\nRen\xe9"
		     "e;y\n"),
		  "0@1 [a] [b]\n1@2 [\xc3\x83\xc2\xab] [x]\n"
		  "2@3 [Ren\xc3\xa9"
		  "e] [y]\nend ; 0\n" },
		/* the last byte starts a sequence that never ends */
		{ IN("a;b\n\xc3\xab;x\n\xc3"),
		  "0@1 [a] [b]\n1@2 [\xc3\x83\xc2\xab] [x]\n2@3 [\xc3\x83]\n"
		  "end ; 0\n" },
		/* ASCII only: nothing to tell */
		{ IN("a;b\n1;2\n"), "0@1 [a] [b]\n1@2 [1] [2]\nend ; 0\n" },
		/* a byte Windows-1252 leaves undefined in a UTF-8 sequence:
		 * 0xC5 0x81 is U+0141, L with stroke */
		{ IN("a;b\nx;\xc5\x81ukasz\n"),
		  "0@1 [a] [b]\nend ; 3\nerror: t.csv:2: byte 0x81 is not "
		  "defined in Windows-1252 at byte offset 7, and the file is "
		  "UTF-8 up to there: if it is UTF-8, " REMOVE_1252 "\n" },
	};

	(void)state;
	run_cases("windows-1252 on utf-8", cases, N(cases), FA_ENC_WINDOWS1252);
}

/* Every byte 0x80..0xFF converts as glibc's iconv converts it, and the
 * bytes iconv refuses are the ones refused here. */
static void test_csv__windows1252_matches_iconv(void **state)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	unsigned c;

	(void)state;
	assert_true(cd != (iconv_t)-1);
	for (c = 0x80; c <= 0xff; c++) {
		char in[4] = { 'a', '\n', (char)c, 0 };
		char conv[8], want[128];
		char *ip = in + 2, *op = conv;
		size_t il = 1, ol = sizeof(conv);
		char *t;

		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
			snprintf(want, sizeof(want),
				 "0@1 [a]\nend , 3\nerror: t.csv:2: byte "
				 "0x%02x is not defined in Windows-1252 at "
				 "byte offset 2\n",
				 c);
		else
			snprintf(want, sizeof(want),
				 "0@1 [a]\n1@2 [%.*s]\n"
				 "end , 0\n",
				 (int)(op - conv), conv);
		t = parse_once(in, 3, FA_ENC_WINDOWS1252, &chunkings[0]);
		if (strcmp(t, want) != 0)
			fail_msg("byte 0x%02x: got\n%s--- want\n%s", c, t,
				 want);
		free(t);
	}
	iconv_close(cd);
}

/* Encode UTF-8 text s as UTF-16 with a BOM. */
static size_t to_utf16(unsigned char *out, const char *s, int be)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	out[o++] = be ? 0xfe : 0xff;
	out[o++] = be ? 0xff : 0xfe;
	while (*p) {
		uint32_t u;
		unsigned units[2], n = 1, i;

		if (*p < 0x80) {
			u = *p++;
		} else if (*p < 0xe0) {
			u = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if (*p < 0xf0) {
			u = (uint32_t)(p[0] & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else {
			u = (uint32_t)(p[0] & 0x07) << 18 |
			    (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			p += 4;
		}
		units[0] = u;
		if (u >= 0x10000) {
			units[0] = 0xd800 + ((u - 0x10000) >> 10);
			units[1] = 0xdc00 + ((u - 0x10000) & 0x3ff);
			n = 2;
		}
		for (i = 0; i < n; i++) {
			out[o++] = (unsigned char)(be ? units[i] >> 8
						      : units[i] & 0xff);
			out[o++] = (unsigned char)(be ? units[i] & 0xff
						      : units[i] >> 8);
		}
	}
	return o;
}

static void test_csv__utf16(void **state)
{
	static const char *const texts[] = {
		"naam;plaats\r\nJos\xc3\xa9;\"Z\xc3\xbcrich\n\xe2\x82\xac\"\r\n"
		"\xf0\x9f\x8f\xa0;x\r\n",
		"a,b\n\n1,2",
		"",
	};
	unsigned char buf[512];
	size_t i;
	int be;

	(void)state;
	for (i = 0; i < N(texts); i++) {
		char *want = parse_once(texts[i], strlen(texts[i]), FA_ENC_UTF8,
					&chunkings[0]);

		for (be = 0; be <= 1; be++) {
			size_t n = to_utf16(buf, texts[i], be);
			char label[32];

			snprintf(label, sizeof(label), "utf-16%s text %zu",
				 be ? "be" : "le", i);
			check_all(label, buf, n, FA_ENC_UTF16, want);
		}
		free(want);
	}
}

/* More than one conversion block, with surrogate pairs cut everywhere. */
static void test_csv__utf16_long(void **state)
{
	struct sbuf text = { NULL, 0, 0 };
	unsigned char *buf;
	size_t i, n;
	char *want;
	int be;

	(void)state;
	sb_add(&text, "nr;teken\r\n");
	for (i = 0; i < 3000; i++)
		sb_add(&text, "%zu;\"\xf0\x9f\x8f\xa0 caf\xc3\xa9\n%s\"\r\n", i,
		       i % 3 ? "\xe2\x82\xac" : "x");
	want = parse_once(text.s, text.len, FA_ENC_UTF8, &chunkings[0]);
	buf = malloc(2 * text.len + 2);
	assert_non_null(buf);
	for (be = 0; be <= 1; be++) {
		n = to_utf16(buf, text.s, be);
		check_all(be ? "long utf-16be" : "long utf-16le", buf, n,
			  FA_ENC_UTF16, want);
	}
	free(buf);
	free(want);
	free(text.s);
}

static void test_csv__utf16_invalid(void **state)
{
	static const struct csv_case cases[] = {
		{ IN("a\0;\0b\0"),
		  "end - 3\nerror: t.csv:1: UTF-16 file has no byte order "
		  "mark\n" },
		{ IN("\xef\xbb\xbf"
		     "a"),
		  "end - 3\nerror: t.csv:1: UTF-16 file has no byte order "
		  "mark\n" },
		{ IN("\xff"), "end - 3\nerror: t.csv:1: UTF-16 file has no "
			      "byte order mark\n" },
		/* only the BOM: an empty table */
		{ IN("\xff\xfe"), "end - 0\n" },
		/* high surrogate followed by something else */
		{ IN("\xff\xfe"
		     "a\0\n\0b\0\x00\xd8"
		     "c\0"),
		  "0@1 [a]\nend , 3\nerror: t.csv:2: unpaired UTF-16 "
		  "surrogate 0xd800 at byte offset 8\n" },
		/* lone low surrogate, big-endian */
		{ IN("\xfe\xff\0a\0\n\xdc\x00"),
		  "0@1 [a]\nend , 3\nerror: t.csv:2: unpaired UTF-16 "
		  "surrogate 0xdc00 at byte offset 6\n" },
		/* file ends after a high surrogate */
		{ IN("\xff\xfe"
		     "a\0\n\0\x3c\xd8"),
		  "0@1 [a]\nend , 3\nerror: t.csv:2: unpaired UTF-16 "
		  "surrogate 0xd83c at byte offset 6\n" },
		{ IN("\xff\xfe"
		     "a\0\n\0\x3c\xd8\xe0"),
		  "0@1 [a]\nend , 3\nerror: t.csv:2: unpaired UTF-16 "
		  "surrogate 0xd83c at byte offset 6\n" },
		/* odd trailing byte */
		{ IN("\xff\xfe"
		     "a\0\n\0b"),
		  "0@1 [a]\nend , 3\nerror: t.csv:2: UTF-16 file ends with "
		  "an odd byte at byte offset 6\n" },
		{ IN("\xff\xfe"
		     "a\0\n\0\0\0"),
		  "0@1 [a]\nend , 3\nerror: t.csv:2: NUL character at byte "
		  "offset 6\n" },
	};

	(void)state;
	run_cases("invalid utf-16", cases, N(cases), FA_ENC_UTF16);
}

/* A bad byte far into a big file: line and offset still exact, whatever
 * the chunk boundaries (the random chunkings cut it everywhere). */
static void test_csv__late_error_position(void **state)
{
	const char *row = "123456782;07-01-2025;40,00;\"Jansen, P.\"\n";
	size_t rows = 8000, rl = strlen(row), n = rl * rows + 16, i;
	char *in = malloc(n), want[256];
	char *t;
	struct run r;
	size_t feeds;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < rows; i++)
		memcpy(in + i * rl, row, rl);
	memcpy(in + rows * rl, "x;\xe2\x82;y\n", 7);
	snprintf(want, sizeof(want),
		 "end ; 3\nerror: t.csv:%zu: invalid UTF-8 byte 0xe2 at byte "
		 "offset %zu" UTF8_HINT "\n",
		 rows + 1, rows * rl + 2);
	check_all("late error", in, rows * rl + 7, FA_ENC_UTF8, NULL);
	memset(&r, 0, sizeof(r));
	t = parse_with(in, rows * rl + 7, FA_ENC_UTF8, &chunkings[16], &r,
		       &feeds);
	assert_int_equal(r.calls, rows);
	assert_non_null(strstr(t, want));
	free(t);
	free(in);
}

/* ---- limits -------------------------------------------------------------- */

static char *field_of(size_t len, const char *prefix, const char *suffix)
{
	size_t pl = strlen(prefix), sl = strlen(suffix);
	char *s = malloc(pl + len + sl + 1);

	assert_non_null(s);
	memcpy(s, prefix, pl);
	memset(s + pl, 'x', len);
	memcpy(s + pl + len, suffix, sl + 1);
	return s;
}

static void test_csv__field_size_limit(void **state)
{
	const size_t max = FA_CSV_MAX_FIELD_BYTES;
	char *in, *t, want[128];

	(void)state;
	/* exactly at the limit: accepted, quoted or not */
	in = field_of(max, "a;b\n1;", "\n2;3\n");
	t = parse_once(in, strlen(in), FA_ENC_UTF8, &chunkings[0]);
	assert_non_null(strstr(t, "\n2@3 [2] [3]\nend ; 0\n"));
	free(t);
	free(in);
	in = field_of(max, "a;b\n1;\"", "\"\n2;3\n");
	t = parse_once(in, strlen(in), FA_ENC_UTF8, &chunkings[0]);
	assert_non_null(strstr(t, "\n2@3 [2] [3]\nend ; 0\n"));
	free(t);
	free(in);

	snprintf(want, sizeof(want),
		 "0@1 [a] [b]\nend ; 4\nerror: t.csv:2: field 2 is longer "
		 "than %zu bytes\n",
		 max);
	/* one byte more: refused, wherever the chunks end */
	in = field_of(max + 1, "a;b\n1;", "\n2;3\n");
	check_all("field limit", in, strlen(in), FA_ENC_UTF8, want);
	free(in);
	in = field_of(max + 1, "a;b\n1;\"", "\"\n2;3\n");
	check_all("quoted field limit", in, strlen(in), FA_ENC_UTF8, want);
	free(in);
	/* the last field, no line end */
	in = field_of(max + 1, "a;b\n1;", "");
	check_all("last field limit", in, strlen(in), FA_ENC_UTF8, want);
	free(in);
}

/* Doubled quotes count once: the limit is on the field's value. */
static void test_csv__field_size_counts_value(void **state)
{
	const size_t q = FA_CSV_MAX_FIELD_BYTES / 2;
	size_t n = 16 + 4 * q, i, o = 0;
	char *in = malloc(n), *t;

	(void)state;
	assert_non_null(in);
	memcpy(in, "a\n\"", 3);
	o = 3;
	for (i = 0; i < q; i++) { /* q doubled quotes, q letters */
		in[o++] = '"';
		in[o++] = '"';
		in[o++] = 'x';
	}
	in[o++] = '"';
	in[o++] = '\n';
	t = parse_once(in, o, FA_ENC_UTF8, &chunkings[0]);
	assert_non_null(strstr(t, "end , 0\n"));
	free(t);
	free(in);
}

/* A giant field is refused as it arrives, not after buffering it. */
static void test_csv__giant_field_refused_early(void **state)
{
	static const char *const starts[] = { "a;b\n1;", "a;b\n1;\"" };
	size_t chunk = 64 * 1024, total = 64 * chunk, i;
	unsigned char *data = malloc(chunk);

	(void)state;
	assert_non_null(data);
	for (i = 0; i < N(starts); i++) {
		struct fa_error err;
		struct fa_csv *csv = NULL;
		struct run r;
		enum fa_code rc;
		size_t fed = 0, k;

		memset(&r, 0, sizeof(r));
		fa_error_init(&err);
		assert_int_equal(
		    fa_csv_new(&csv, "t.csv", FA_ENC_UTF8, record_cb, &r, &err),
		    FA_OK);
		rc = fa_csv_feed(csv, (const unsigned char *)starts[i],
				 strlen(starts[i]), &err);
		/* 4 MiB of one field: lines for the quoted one */
		for (k = 0; k < chunk; k++)
			data[k] = i == 1 && k % 80 == 79 ? '\n' : 'x';
		while (rc == FA_OK && fed < total) {
			rc = fa_csv_feed(csv, data, chunk, &err);
			fed += chunk;
		}
		assert_int_equal(rc, FA_ERR_LIMIT);
		assert_true(fed <= 3 * chunk);
		assert_string_equal(err.diag[0].message,
				    "field 2 is longer than 65536 bytes");
		assert_int_equal(err.diag[0].line, 2);
		free(r.t.s);
		fa_csv_free(csv);
	}
	free(data);
}

static void test_csv__field_count_limit(void **state)
{
	size_t n = FA_CSV_MAX_FIELDS, i;
	struct sbuf in = { NULL, 0, 0 };
	struct run r;
	char *t;

	(void)state;
	sb_add(&in, "h\n");
	for (i = 1; i < n; i++)
		sb_add(&in, "%zu,", i);
	sb_add(&in, "%zu\n", n); /* exactly the limit */
	for (i = 1; i <= n; i++)
		sb_add(&in, "%zu,", i); /* one more (empty) field */
	sb_add(&in, "\n");
	memset(&r, 0, sizeof(r));
	t = parse_with(in.s, in.len, FA_ENC_UTF8, &chunkings[0], &r, NULL);
	assert_int_equal(r.calls, 2);
	assert_non_null(strstr(t, "end , 4\nerror: t.csv:3: record has more "
				  "than 256 fields\n"));
	check_all("field count", in.s, in.len, FA_ENC_UTF8, t);
	free(t);
	free(in.s);
}

/* ---- callback ------------------------------------------------------------ */

static void test_csv__callback_error_stops(void **state)
{
	const char *in = "a;b\n1;2\n3;4\n5;6\n7;8\n";
	struct fa_error err;
	struct fa_csv *csv = NULL;
	struct run r;
	size_t i;

	(void)state;
	/* the code comes back unchanged, whatever the chunking */
	for (i = 0; i < N(chunkings); i++) {
		memset(&r, 0, sizeof(r));
		r.fail_at = 2;
		r.fail_code = FA_ERR_INTEGRITY;
		free(parse_with(in, strlen(in), FA_ENC_UTF8, &chunkings[i], &r,
				NULL));
		assert_int_equal(r.calls, 3);
	}

	memset(&r, 0, sizeof(r));
	r.fail_at = 1;
	r.fail_code = FA_ERR_INTEGRITY;
	fa_error_init(&err);
	assert_int_equal(
	    fa_csv_new(&csv, "t.csv", FA_ENC_UTF8, record_cb, &r, &err), FA_OK);
	assert_int_equal(
	    fa_csv_feed(csv, (const unsigned char *)in, strlen(in), &err),
	    FA_ERR_INTEGRITY);
	assert_int_equal(r.calls, 2);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message, "callback refused record 1");
	assert_int_equal(err.diag[0].line, 2);
	/* the reader stays stopped and adds nothing */
	assert_int_equal(
	    fa_csv_feed(csv, (const unsigned char *)"9;9\n", 4, &err),
	    FA_ERR_INTEGRITY);
	assert_int_equal(fa_csv_finish(csv, &err), FA_ERR_INTEGRITY);
	assert_int_equal(r.calls, 2);
	assert_int_equal(err.n, 1);
	fa_csv_free(csv);
	free(r.t.s);
}

static void test_csv__new_rejects_unknown_encoding(void **state)
{
	static char sentinel;
	struct fa_error err;
	struct fa_csv *csv = (struct fa_csv *)(void *)&sentinel;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_csv_new(&csv, "t.csv", (enum fa_encoding)99,
				    record_cb, NULL, &err),
			 FA_ERR_USAGE);
	assert_null(csv);
	fa_csv_free(NULL);
}

/* ---- fixtures ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		fail_msg("cannot open '%s'", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_csv__fixtures(void **state)
{
	const char *root = getenv("FA_FIXTURES");
	char dir[512], path[1024];
	struct dirent *e;
	DIR *d;
	size_t count = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/csv", root ? root : "fixtures");
	d = opendir(dir);
	if (!d)
		fail_msg("cannot open '%s'", dir);
	while ((e = readdir(d))) {
		size_t nl = strlen(e->d_name), in_len, want_len;
		char *in, *want, *body;
		enum fa_encoding enc = FA_ENC_UTF8;

		if (nl < 5 || strcmp(e->d_name + nl - 4, ".csv") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		in = slurp(path, &in_len);
		snprintf(path, sizeof(path), "%s/%.*s.expected", dir,
			 (int)(nl - 4), e->d_name);
		want = slurp(path, &want_len);
		/* first line: "encoding utf-8|windows-1252|utf-16" */
		body = strchr(want, '\n');
		assert_non_null(body);
		*body++ = '\0';
		if (strcmp(want, "encoding utf-8") == 0)
			enc = FA_ENC_UTF8;
		else if (strcmp(want, "encoding windows-1252") == 0)
			enc = FA_ENC_WINDOWS1252;
		else if (strcmp(want, "encoding utf-16") == 0)
			enc = FA_ENC_UTF16;
		else
			fail_msg("%s: bad first line '%s'", path, want);
		check_all(e->d_name, in, in_len, enc, body);
		free(in);
		free(want);
		count++;
	}
	closedir(d);
	assert_true(count >= 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv__separator_detection),
		cmocka_unit_test(test_csv__separator_long_header),
		cmocka_unit_test(test_csv__quoting),
		cmocka_unit_test(test_csv__line_ends),
		cmocka_unit_test(test_csv__malformed_quoting),
		cmocka_unit_test(test_csv__utf8),
		cmocka_unit_test(test_csv__utf8_invalid),
		cmocka_unit_test(test_csv__windows1252),
		cmocka_unit_test(test_csv__windows1252_matches_iconv),
		cmocka_unit_test(test_csv__windows1252_declared_on_utf8),
		cmocka_unit_test(test_csv__utf16),
		cmocka_unit_test(test_csv__utf16_long),
		cmocka_unit_test(test_csv__utf16_invalid),
		cmocka_unit_test(test_csv__late_error_position),
		cmocka_unit_test(test_csv__field_size_limit),
		cmocka_unit_test(test_csv__field_size_counts_value),
		cmocka_unit_test(test_csv__giant_field_refused_early),
		cmocka_unit_test(test_csv__field_count_limit),
		cmocka_unit_test(test_csv__callback_error_stops),
		cmocka_unit_test(test_csv__new_rejects_unknown_encoding),
		cmocka_unit_test(test_csv__fixtures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
