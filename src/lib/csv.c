/* SPDX-License-Identifier: MIT */
/*
 * Streaming CSV reader on libcsv: decodes the declared encoding to UTF-8,
 * detects the separator, splits the text into physical lines so every
 * record knows the line it starts on, and hands libcsv's fields to the
 * caller record by record. Uses libcsv, error and libc only.
 *
 * Data flow per fa_csv_feed() call:
 *   raw bytes -> start (BOM) -> decode (validate or convert, carrying an
 *   incomplete character to the next call) -> sniff (buffer the header
 *   line until the separator is known) -> feed_lines (one csv_parse call
 *   per physical line piece) -> on_field / on_row -> the record callback.
 */
#include <assert.h>
#include <csv.h> /* libcsv's: the build uses -iquote for src/lib */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Raw bytes converted at a time for Windows-1252 and UTF-16; the output
 * buffer holds the worst case expansion (one byte to three). */
#define CONV_BLOCK 16384
#define CONV_OUT_MAX (3 * CONV_BLOCK)

/* Bytes of the word around the first multi-byte sequence kept for the
 * "is UTF-8 but declared windows-1252" message. */
#define U8_WORD_MAX 48

/* Step by which libcsv grows its field buffer. */
#define LIBCSV_BLOCK 4096

/* What is wrong with the input, found while decoding. */
enum bad_kind {
	BAD_NONE = 0,
	BAD_UTF8,      /* value: the byte starting the invalid sequence */
	BAD_NUL,       /* U+0000 in any encoding */
	BAD_1252,      /* value: a byte Windows-1252 does not define */
	BAD_SURROGATE, /* value: the UTF-16 code unit */
	BAD_ODD,       /* UTF-16 input ends with half a code unit */
};

struct bad {
	enum bad_kind kind;
	size_t index; /* offset of the bad sequence in the decoder's input */
	unsigned value;
};

struct fa_csv {
	struct csv_parser p;
	char where[FA_ERROR_WHERE_MAX];
	enum fa_encoding enc;
	fa_csv_record_fn fn;
	void *ctx;
	struct fa_error *err; /* the caller's, during a feed/finish call */
	enum fa_code rc;      /* first failure; every later call returns it */
	int finished;

	/* Raw side. raw_off counts raw bytes taken so far (decoded or
	 * carried); carry holds the start of a character split by a chunk
	 * boundary, which began at raw_off - carry_len. */
	int started;
	unsigned char head[3];
	size_t head_len;
	unsigned char carry[4];
	size_t carry_len;
	unsigned long long raw_off;
	int utf16_be;
	char *conv; /* CONV_OUT_MAX bytes, for converted text */

	/* Windows-1252 only: whether the raw bytes are valid UTF-8 after
	 * all (see csv.h). u8_bad once a byte breaks UTF-8, at raw offset
	 * u8_bad_off; u8_need continuation bytes in u8_lo..u8_hi are still
	 * due; u8_line counts raw line ends; u8_first_line is the line of
	 * the first multi-byte sequence (0: none yet) and u8_word the word
	 * holding it. */
	int u8_bad;
	unsigned long long u8_pos, u8_bad_off;
	unsigned u8_need;
	unsigned char u8_lo, u8_hi;
	int u8_cr;
	unsigned long u8_line, u8_first_line;
	int u8_word_done;
	size_t u8_word_len;
	unsigned char u8_word[U8_WORD_MAX];

	/* Separator detection: the header line, up to FA_CSV_SNIFF_BYTES. */
	char sep;
	int sniff_inq;
	unsigned long n_semi, n_comma, n_tab;
	size_t sniff_len;
	char sniff[FA_CSV_SNIFF_BYTES];

	/* Physical lines. line is the line of the next byte; cr_counted says
	 * the last byte was a CR that ended a line, so an LF right after it
	 * belongs to the same line end. */
	unsigned long line;
	int cr_counted;
	int row_open;
	unsigned long rec_line;	  /* line on which the open record starts */
	unsigned long field_line; /* line on which the open field starts */

	/* Decoded stream position, to tell quoted fields from unquoted ones:
	 * libcsv does not say, but a field is quoted exactly when its first
	 * byte is a quote, and with no space trimming its raw length follows
	 * from its content. fstart is where the next field starts;
	 * fstart_quote caches its first byte once the piece holding it is
	 * gone. */
	unsigned long long stream_off;
	const char *piece;
	size_t piece_len;
	unsigned long long piece_off;
	unsigned long long fstart;
	int fstart_quote;

	/* The record being collected: fields copied back to back, each
	 * NUL-terminated, because libcsv reuses its buffer per field. */
	size_t record;
	size_t n_fields;
	char *arena;
	size_t arena_len;
	size_t arena_cap;
	size_t f_off[FA_CSV_MAX_FIELDS];
	size_t f_len[FA_CSV_MAX_FIELDS];
	unsigned char f_quoted[FA_CSV_MAX_FIELDS];
	struct fa_csv_field fields[FA_CSV_MAX_FIELDS];
};

/* ---- decoders ------------------------------------------------------------
 * Each takes raw bytes in[0..n) and returns how many it consumed. It stops
 * early at an invalid sequence (setting bad) or at an incomplete character
 * at the very end of in (at most 3 bytes, left for the caller to carry).
 * out and out_len give the UTF-8 text for the consumed bytes.
 */

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Nonzero unless all 8 bytes of v are ASCII and none is NUL. */
static inline uint64_t not_plain_ascii(uint64_t v)
{
	return (((v - ONES) & ~v) | v) & HIGHS;
}

static size_t utf8_check(const unsigned char *in, size_t n, struct bad *bad)
{
	size_t i = 0;

	while (i < n) {
		unsigned c, lo = 0x80, hi = 0xbf;
		size_t len, k;

		/* Most text is ASCII: test 16 bytes per step. */
		while (n - i >= 16) {
			uint64_t a, b;

			memcpy(&a, in + i, 8);
			memcpy(&b, in + i + 8, 8);
			if (not_plain_ascii(a) | not_plain_ascii(b))
				break;
			i += 16;
		}
		if (i >= n)
			break;
		c = in[i];
		if (c < 0x80) {
			if (c == 0) {
				bad->kind = BAD_NUL;
				bad->index = i;
				return i;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0; /* overlong below U+0800 */
			else if (c == 0xed)
				hi = 0x9f; /* UTF-16 surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90; /* overlong below U+10000 */
			else if (c == 0xf4)
				hi = 0x8f; /* beyond U+10FFFF */
		} else {
			/* continuation byte, C0/C1 overlong, F5..FF */
			goto invalid;
		}
		for (k = 1; k < len; k++) {
			if (i + k >= n)
				return i; /* incomplete: carried */
			if (in[i + k] < lo || in[i + k] > hi)
				goto invalid;
			lo = 0x80;
			hi = 0xbf;
		}
		i += len;
		continue;
	invalid:
		bad->kind = BAD_UTF8;
		bad->index = i;
		bad->value = c;
		return i;
	}
	return n;
}

static size_t conv_utf8(struct fa_csv *csv, const unsigned char *in, size_t n,
			const char **out, size_t *out_len, struct bad *bad)
{
	size_t k = utf8_check(in, n, bad);

	(void)csv;
	*out = (const char *)in;
	*out_len = k;
	return k;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. 0xA0..0xFF
 * are U+00A0..U+00FF, as in Latin-1. */
static const uint16_t cp1252_c1[32] = {
	0x20ac, 0,	0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	0x017d, 0,
	0,	0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,	0x017e, 0x0178,
};

/* Append code point u (no surrogates, <= U+10FFFF) as UTF-8. */
static inline char *put_utf8(char *o, uint32_t u)
{
	if (u < 0x80) {
		*o++ = (char)u;
	} else if (u < 0x800) {
		*o++ = (char)(0xc0 | (u >> 6));
		*o++ = (char)(0x80 | (u & 0x3f));
	} else if (u < 0x10000) {
		*o++ = (char)(0xe0 | (u >> 12));
		*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	} else {
		*o++ = (char)(0xf0 | (u >> 18));
		*o++ = (char)(0x80 | ((u >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	}
	return o;
}

static size_t conv_1252(struct fa_csv *csv, const unsigned char *in, size_t n,
			const char **out, size_t *out_len, struct bad *bad)
{
	char *o = csv->conv;
	size_t i = 0;

	assert(n <= CONV_BLOCK);
	while (i < n) {
		unsigned c;
		uint32_t u;

		while (n - i >= 8) {
			uint64_t a;

			memcpy(&a, in + i, 8);
			if (not_plain_ascii(a))
				break;
			memcpy(o, in + i, 8);
			o += 8;
			i += 8;
		}
		if (i >= n)
			break;
		c = in[i];
		if (c == 0 || (c >= 0x80 && c < 0xa0 && !cp1252_c1[c - 0x80])) {
			bad->kind = c ? BAD_1252 : BAD_NUL;
			bad->index = i;
			bad->value = c;
			break;
		}
		u = c >= 0x80 && c < 0xa0 ? cp1252_c1[c - 0x80] : c;
		o = put_utf8(o, u);
		i++;
	}
	*out = csv->conv;
	*out_len = (size_t)(o - csv->conv);
	return i;
}

static size_t conv_utf16(struct fa_csv *csv, const unsigned char *in, size_t n,
			 const char **out, size_t *out_len, struct bad *bad)
{
	char *o = csv->conv;
	size_t i = 0;
	int hi = csv->utf16_be ? 0 : 1; /* index of the high byte */

	assert(n <= CONV_BLOCK);
	while (n - i >= 2) {
		uint32_t u = (uint32_t)in[i + hi] << 8 | in[i + !hi];

		if (u == 0) {
			bad->kind = BAD_NUL;
			bad->index = i;
			break;
		}
		if (u >= 0xd800 && u <= 0xdfff) {
			uint32_t lo;

			if (u >= 0xdc00)
				goto unpaired;
			if (n - i < 4)
				break; /* incomplete pair: carried */
			lo = (uint32_t)in[i + 2 + hi] << 8 | in[i + 2 + !hi];
			if (lo < 0xdc00 || lo > 0xdfff)
				goto unpaired;
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			o = put_utf8(o, u);
			i += 4;
			continue;
		unpaired:
			bad->kind = BAD_SURROGATE;
			bad->index = i;
			bad->value = u;
			break;
		}
		o = put_utf8(o, u);
		i += 2;
	}
	*out = csv->conv;
	*out_len = (size_t)(o - csv->conv);
	return i;
}

/* ---- a Windows-1252 declaration on a UTF-8 file ------------------------- */

static int word_byte(unsigned c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
}

/* Keep the word that holds the first multi-byte sequence: the bytes since
 * the last non-word byte (at most half the buffer before the sequence),
 * and after it up to the next non-word byte. */
static void u8_word_add(struct fa_csv *csv, unsigned c)
{
	if (csv->u8_word_done)
		return;
	if (!word_byte(c)) {
		if (csv->u8_first_line)
			csv->u8_word_done = 1;
		else
			csv->u8_word_len = 0;
		return;
	}
	if (csv->u8_word_len == U8_WORD_MAX) {
		size_t keep = U8_WORD_MAX / 2, k;

		if (csv->u8_first_line) {
			csv->u8_word_done = 1;
			return;
		}
		/* All ASCII so far: no sequence is cut. */
		memmove(csv->u8_word, csv->u8_word + U8_WORD_MAX - keep, keep);
		for (k = 0; k < keep; k++)
			assert(csv->u8_word[k] < 0x80);
		csv->u8_word_len = keep;
	}
	csv->u8_word[csv->u8_word_len++] = (unsigned char)c;
}

/*
 * Follow the raw bytes of a file declared Windows-1252 as UTF-8 would
 * read them, until a byte breaks UTF-8. Lines are counted as the reader
 * counts them, except that a CR inside quotes counts here too.
 */
static void u8_watch(struct fa_csv *csv, const unsigned char *in, size_t n)
{
	size_t i;

	for (i = 0; i < n && !csv->u8_bad; i++) {
		unsigned c = in[i];

		if (csv->u8_need) {
			if (c < csv->u8_lo || c > csv->u8_hi)
				goto bad;
			csv->u8_need--;
			csv->u8_lo = 0x80;
			csv->u8_hi = 0xbf;
		} else if (c >= 0x80) {
			csv->u8_lo = 0x80;
			csv->u8_hi = 0xbf;
			if (c >= 0xc2 && c <= 0xdf) {
				csv->u8_need = 1;
			} else if (c >= 0xe0 && c <= 0xef) {
				csv->u8_need = 2;
				if (c == 0xe0)
					csv->u8_lo = 0xa0;
				else if (c == 0xed)
					csv->u8_hi = 0x9f;
			} else if (c >= 0xf0 && c <= 0xf4) {
				csv->u8_need = 3;
				if (c == 0xf0)
					csv->u8_lo = 0x90;
				else if (c == 0xf4)
					csv->u8_hi = 0x8f;
			} else {
				goto bad;
			}
			if (!csv->u8_first_line)
				csv->u8_first_line = csv->u8_line;
		} else if (c == '\n') {
			if (!csv->u8_cr)
				csv->u8_line++;
		} else if (c == '\r') {
			csv->u8_line++;
		}
		csv->u8_cr = c == '\r';
		u8_word_add(csv, c);
		csv->u8_pos++;
		continue;
	bad:
		csv->u8_bad = 1;
		csv->u8_bad_off = csv->u8_pos;
	}
}

/* The whole file is read: refuse it if it is UTF-8 with at least one
 * multi-byte sequence, however it was declared. */
static enum fa_code u8_verdict(struct fa_csv *csv)
{
	struct bad bad = { BAD_NONE, 0, 0 };
	char real[U8_WORD_MAX + 1];
	const char *out;
	size_t len, out_len;

	if (csv->enc != FA_ENC_WINDOWS1252 || csv->u8_bad || csv->u8_need ||
	    !csv->u8_first_line)
		return FA_OK;
	/* A word cut at U8_WORD_MAX may end inside a sequence. */
	len = utf8_check(csv->u8_word, csv->u8_word_len, &bad);
	memcpy(real, csv->u8_word, len);
	real[len] = '\0';
	/* Every byte of the word was converted once already: it converts
	 * again without fault, at most 3 bytes for 1. */
	conv_1252(csv, csv->u8_word, len, &out, &out_len, &bad);
	assert(bad.kind == BAD_NONE && out_len < CONV_OUT_MAX);
	csv->conv[out_len] = '\0';
	return fa_error_add(csv->err, FA_ERR_INPUT, csv->where,
			    csv->u8_first_line, 0,
			    "the file is UTF-8 but the manifest declares "
			    "encoding=\"windows-1252\" ('%s' would read as "
			    "'%s'): remove encoding=\"windows-1252\" from its "
			    "<file> element",
			    real, out);
}

/* ---- errors -------------------------------------------------------------- */

static enum fa_code flush_sniff(struct fa_csv *csv);

/* Report bad input found by a decoder, raw offset off. Everything before it
 * has been fed, so the current line is the line of the bad byte. */
static enum fa_code bad_input(struct fa_csv *csv, const struct bad *b,
			      unsigned long long off)
{
	enum fa_code rc = flush_sniff(csv);
	unsigned long line = csv->line;

	if (rc != FA_OK)
		return rc;
	switch (b->kind) {
	case BAD_UTF8:
		/* Excel's "CSV" on Dutch Windows writes Windows-1252, the
		 * usual reason a table is not UTF-8 */
		return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, line, 0,
				    "invalid UTF-8 byte 0x%02x at byte offset "
				    "%llu: if the file is Windows-1252 "
				    "(Excel's CSV on Dutch Windows), declare "
				    "it in manifest.xml with "
				    "encoding=\"windows-1252\"",
				    b->value, off);
	case BAD_NUL:
		return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, line, 0,
				    "NUL character at byte offset %llu", off);
	case BAD_1252:
		/* Every byte Windows-1252 leaves undefined continues a UTF-8
		 * sequence (0xC5 0x81 is U+0141): if the file is UTF-8 up to
		 * here, the declaration is the likely mistake. */
		if (!csv->u8_bad || csv->u8_bad_off > off)
			return fa_error_add(
			    csv->err, FA_ERR_INPUT, csv->where, line, 0,
			    "byte 0x%02x is not defined in Windows-1252 at "
			    "byte offset %llu, and the file is UTF-8 up to "
			    "there: if it is UTF-8, remove "
			    "encoding=\"windows-1252\" from its <file> "
			    "element",
			    b->value, off);
		return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, line, 0,
				    "byte 0x%02x is not defined in "
				    "Windows-1252 at byte offset %llu",
				    b->value, off);
	case BAD_SURROGATE:
		return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, line, 0,
				    "unpaired UTF-16 surrogate 0x%04x at byte "
				    "offset %llu",
				    b->value, off);
	case BAD_ODD:
		return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, line, 0,
				    "UTF-16 file ends with an odd byte at byte "
				    "offset %llu",
				    off);
	case BAD_NONE:
		break;
	}
	assert(0);
	return FA_ERR_INTERNAL;
}

/* ---- libcsv callbacks ---------------------------------------------------- */

/* Spaces are data: unquoted fields keep them for the value parser. */
static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static enum fa_code field_too_long(struct fa_csv *csv)
{
	return fa_error_add(csv->err, FA_ERR_LIMIT, csv->where, csv->field_line,
			    0, "field %zu is longer than %d bytes",
			    csv->n_fields + 1, FA_CSV_MAX_FIELD_BYTES);
}

static void on_field(void *s, size_t len, void *data)
{
	struct fa_csv *csv = data;
	unsigned long long raw;
	int quoted;
	char *dst;

	if (csv->rc != FA_OK)
		return;
	if (len > FA_CSV_MAX_FIELD_BYTES) {
		csv->rc = field_too_long(csv);
		return;
	}
	if (csv->n_fields == FA_CSV_MAX_FIELDS) {
		csv->rc = fa_error_add(
		    csv->err, FA_ERR_LIMIT, csv->where, csv->rec_line, 0,
		    "record has more than %d fields", FA_CSV_MAX_FIELDS);
		return;
	}

	if (csv->fstart >= csv->piece_off) {
		unsigned long long at = csv->fstart - csv->piece_off;

		quoted = at < csv->piece_len && csv->piece[at] == '"';
	} else {
		quoted = csv->fstart_quote;
	}
	raw = len;
	if (quoted) {
		const char *q = s, *end = q + len;

		raw += 2; /* the enclosing quotes */
		while ((q = memchr(q, '"', (size_t)(end - q)))) {
			raw++; /* written doubled */
			q++;
		}
	}
	csv->fstart += raw + 1; /* past the separator */
	csv->field_line = csv->line;

	if (csv->arena_cap - csv->arena_len < len + 1) {
		size_t cap = csv->arena_cap ? csv->arena_cap : 4096;
		char *a;

		while (cap - csv->arena_len < len + 1)
			cap *= 2;
		a = realloc(csv->arena, cap);
		if (!a) {
			csv->rc = fa_error_nomem(csv->err, csv->where);
			return;
		}
		csv->arena = a;
		csv->arena_cap = cap;
	}
	dst = csv->arena + csv->arena_len;
	if (len)
		memcpy(dst, s, len);
	dst[len] = '\0';
	csv->f_off[csv->n_fields] = csv->arena_len;
	csv->f_len[csv->n_fields] = len;
	csv->f_quoted[csv->n_fields] = (unsigned char)quoted;
	csv->n_fields++;
	csv->arena_len += len + 1;
}

static void on_row(int c, void *data)
{
	struct fa_csv *csv = data;
	enum fa_code rc;
	size_t i;

	(void)c;
	csv->row_open = 0;
	if (csv->rc != FA_OK)
		return;
	if (csv->record > FA_CSV_MAX_ROWS) {
		csv->rc = fa_error_add(
		    csv->err, FA_ERR_LIMIT, csv->where, csv->rec_line, 0,
		    "table has more than %lu data rows", FA_CSV_MAX_ROWS);
		return;
	}
	/* Pointers only now: the arena may have moved while collecting. */
	for (i = 0; i < csv->n_fields; i++) {
		csv->fields[i].s = csv->arena + csv->f_off[i];
		csv->fields[i].len = csv->f_len[i];
		csv->fields[i].quoted = csv->f_quoted[i];
	}
	rc = csv->fn(csv->ctx, csv->record, csv->rec_line, csv->fields,
		     csv->n_fields, csv->err);
	if (rc != FA_OK) {
		csv->rc = rc;
		return;
	}
	csv->record++;
}

/* ---- lines --------------------------------------------------------------- */

static void start_row(struct fa_csv *csv)
{
	csv->row_open = 1;
	csv->rec_line = csv->line;
	csv->field_line = csv->line;
	csv->fstart = csv->stream_off;
	csv->n_fields = 0;
	csv->arena_len = 0;
}

static enum fa_code parse_error(struct fa_csv *csv, char c)
{
	/* libcsv's strict mode stops at a quote inside an unquoted field, or
	 * at anything but a separator, line end or second quote after a
	 * closing quote (spaces included, as they are data here). */
	if (csv_error(&csv->p) != CSV_EPARSE)
		return csv_error(&csv->p) == CSV_ENOMEM
			   ? fa_error_nomem(csv->err, csv->where)
			   : fa_error_add(csv->err, FA_ERR_INTERNAL, csv->where,
					  csv->line, 0, "CSV parser failed: %s",
					  csv_strerror(csv_error(&csv->p)));
	if (c == '"')
		return fa_error_add(csv->err, FA_ERR_INPUT, csv->where,
				    csv->line, 0,
				    "malformed quoting: unexpected quote in "
				    "unquoted field %zu",
				    csv->n_fields + 1);
	return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, csv->line, 0,
			    "malformed quoting: text after the closing quote "
			    "of field %zu",
			    csv->n_fields + 1);
}

/*
 * Feed decoded text to libcsv in pieces that end at a CR or LF, so the line
 * counter is right whenever a callback runs.
 * A line ends at LF, CRLF, or a CR outside quotes (libcsv ends the record
 * there); a lone CR inside quotes is data and does not end a line.
 */
static enum fa_code feed_lines(struct fa_csv *csv, const char *s, size_t n)
{
	const char *end = s + n;
	const char *cr = NULL; /* next CR at or after s, or end */

	while (s < end) {
		size_t lim = (size_t)(end - s), k, done, budget;
		const char *lf, *t;
		char term;

		/* libcsv buffers a field whole before calling back, so its
		 * length can only be checked between calls. Each byte adds at
		 * most one to the field, so a call no longer than this budget
		 * ends exactly where the field first holds the limit plus a
		 * pending closing quote plus one: the overlong field is
		 * refused at the same byte however the input was chunked, and
		 * never buffered beyond that. */
		budget = (size_t)FA_CSV_MAX_FIELD_BYTES + 2 - csv->p.entry_pos;
		if (lim > budget)
			lim = budget;
		if (!cr || cr < s) {
			cr = memchr(s, '\r', (size_t)(end - s));
			if (!cr)
				cr = end;
		}
		lf = memchr(s, '\n', lim);
		t = lf;
		if (cr < s + lim && (!t || cr < t))
			t = cr;
		k = t ? (size_t)(t - s) + 1 : lim;
		term = t ? *t : 0;

		if (!csv->row_open && (k > 1 || !term))
			start_row(csv);
		csv->piece = s;
		csv->piece_len = k;
		csv->piece_off = csv->stream_off;
		done = csv_parse(&csv->p, s, k, on_field, on_row, csv);
		if (csv->rc != FA_OK)
			return csv->rc;
		if (done < k)
			return parse_error(csv, s[done]);
		if (csv->fstart >= csv->piece_off &&
		    csv->fstart - csv->piece_off < k)
			csv->fstart_quote =
			    s[csv->fstart - csv->piece_off] == '"';
		csv->stream_off += k;
		/* One byte may be a pending closing quote. */
		if (csv->p.entry_pos > (size_t)FA_CSV_MAX_FIELD_BYTES + 1)
			return field_too_long(csv);

		if (term == '\r') {
			csv->cr_counted = !csv->row_open;
			csv->line += (unsigned long)csv->cr_counted;
		} else {
			/* An LF alone right after a counted CR is its CRLF. */
			if (term == '\n' && !(k == 1 && csv->cr_counted))
				csv->line++;
			csv->cr_counted = 0;
		}
		s += k;
	}
	return FA_OK;
}

/* ---- separator ----------------------------------------------------------- */

static void decide_separator(struct fa_csv *csv)
{
	/* The most frequent mark outside quotes; a tie goes to tab, then to
	 * ';'. A tab is never typed into a column name, so one in the header
	 * is the export's separator (Excel's "Unicode text"); ';' before ','
	 * because Dutch exports use ';' where ',' is their decimal mark. */
	if (csv->n_tab && csv->n_tab >= csv->n_semi &&
	    csv->n_tab >= csv->n_comma)
		csv->sep = '\t';
	else if (csv->n_semi && csv->n_semi >= csv->n_comma)
		csv->sep = ';';
	else
		csv->sep = ',';
	csv_set_delim(&csv->p, (unsigned char)csv->sep);
}

static enum fa_code flush_sniff(struct fa_csv *csv)
{
	if (csv->sep || !csv->sniff_len)
		return FA_OK;
	decide_separator(csv);
	return feed_lines(csv, csv->sniff, csv->sniff_len);
}

static enum fa_code feed_text(struct fa_csv *csv, const char *s, size_t n)
{
	enum fa_code rc;
	size_t i, room;
	int eol = 0;

	if (csv->sep)
		return feed_lines(csv, s, n);
	if (!csv->sniff_len) {
		/* Blank lines before the header go straight through. */
		for (i = 0; i < n && (s[i] == '\r' || s[i] == '\n'); i++)
			;
		if (i) {
			rc = feed_lines(csv, s, i);
			if (rc != FA_OK)
				return rc;
			s += i;
			n -= i;
		}
	}
	room = sizeof(csv->sniff) - csv->sniff_len;
	for (i = 0; i < n && i < room; i++) {
		char c = s[i];

		if (c == '"') {
			csv->sniff_inq = !csv->sniff_inq;
		} else if (!csv->sniff_inq) {
			if (c == ';') {
				csv->n_semi++;
			} else if (c == ',') {
				csv->n_comma++;
			} else if (c == '\t') {
				csv->n_tab++;
			} else if (c == '\r' || c == '\n') {
				eol = 1;
				break;
			}
		}
	}
	memcpy(csv->sniff + csv->sniff_len, s, i);
	csv->sniff_len += i;
	if (!eol && csv->sniff_len < sizeof(csv->sniff))
		return FA_OK;
	rc = flush_sniff(csv);
	if (rc != FA_OK)
		return rc;
	return feed_lines(csv, s + i, n - i);
}

/* ---- decoding driver ----------------------------------------------------- */

typedef size_t (*conv_fn)(struct fa_csv *csv, const unsigned char *in, size_t n,
			  const char **out, size_t *out_len, struct bad *bad);

static conv_fn converter(const struct fa_csv *csv)
{
	switch (csv->enc) {
	case FA_ENC_WINDOWS1252:
		return conv_1252;
	case FA_ENC_UTF16:
		return conv_utf16;
	case FA_ENC_UTF8:
		break;
	}
	return conv_utf8;
}

/* Decode raw bytes that follow the ones taken so far. */
static enum fa_code decode(struct fa_csv *csv, const unsigned char *in,
			   size_t n)
{
	conv_fn conv = converter(csv);
	size_t block = csv->enc == FA_ENC_UTF8 ? n : CONV_BLOCK;
	struct bad bad = { BAD_NONE, 0, 0 };
	const char *out;
	size_t out_len, k;
	enum fa_code rc;

	if (csv->enc == FA_ENC_WINDOWS1252)
		u8_watch(csv, in, n);
	if (csv->carry_len && n) {
		/* Finish the character split by the last chunk boundary:
		 * four more bytes always complete or refute it. */
		unsigned char tmp[8];
		size_t cl = csv->carry_len, t = n < 4 ? n : 4;
		unsigned long long at = csv->raw_off - cl;

		memcpy(tmp, csv->carry, cl);
		memcpy(tmp + cl, in, t);
		k = conv(csv, tmp, cl + t, &out, &out_len, &bad);
		rc = feed_text(csv, out, out_len);
		if (rc != FA_OK)
			return rc;
		if (bad.kind)
			return bad_input(csv, &bad, at + bad.index);
		if (k == 0) {
			assert(cl + t < sizeof(csv->carry));
			memcpy(csv->carry, tmp, cl + t);
			csv->carry_len = cl + t;
			csv->raw_off += t;
			return FA_OK;
		}
		assert(k >= cl);
		in += k - cl;
		n -= k - cl;
		csv->raw_off += k - cl;
		csv->carry_len = 0;
	}
	while (n) {
		size_t m = n < block ? n : block;

		k = conv(csv, in, m, &out, &out_len, &bad);
		rc = feed_text(csv, out, out_len);
		if (rc != FA_OK)
			return rc;
		if (bad.kind)
			return bad_input(csv, &bad, csv->raw_off + bad.index);
		csv->raw_off += k;
		in += k;
		n -= k;
		if (k < m && m - k == n) {
			/* An incomplete character ends the chunk. One that
			 * ends a block is completed by the next block. */
			assert(n < sizeof(csv->carry));
			memcpy(csv->carry, in, n);
			csv->carry_len = n;
			csv->raw_off += n;
			break;
		}
	}
	return FA_OK;
}

static enum fa_code bom_error(struct fa_csv *csv, const char *msg)
{
	return fa_error_add(csv->err, FA_ERR_INPUT, csv->where, 1, 0, "%s",
			    msg);
}

/* Look at the first bytes (all of them if the file is shorter). */
static enum fa_code start(struct fa_csv *csv)
{
	const unsigned char *h = csv->head;
	size_t n = csv->head_len, skip = 0;
	int utf8_bom = n >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf;
	int utf16_bom = n >= 2 && ((h[0] == 0xff && h[1] == 0xfe) ||
				   (h[0] == 0xfe && h[1] == 0xff));

	csv->started = 1;
	switch (csv->enc) {
	case FA_ENC_UTF8:
		if (utf16_bom)
			return bom_error(csv, "file starts with a UTF-16 byte "
					      "order mark; declare "
					      "encoding=\"utf-16\" in the "
					      "manifest");
		if (utf8_bom)
			skip = 3;
		break;
	case FA_ENC_WINDOWS1252:
		/* Both marks are valid Windows-1252 text, but no table
		 * starts with "ï»¿" or "ÿþ": the declaration is wrong. */
		if (utf16_bom)
			return bom_error(csv, "file starts with a UTF-16 byte "
					      "order mark; declare "
					      "encoding=\"utf-16\" in the "
					      "manifest");
		if (utf8_bom)
			return bom_error(csv, "file starts with a UTF-8 byte "
					      "order mark; declare "
					      "encoding=\"utf-8\" in the "
					      "manifest");
		break;
	case FA_ENC_UTF16:
		if (!utf16_bom)
			return bom_error(csv,
					 "UTF-16 file has no byte order mark");
		csv->utf16_be = h[0] == 0xfe;
		skip = 2;
		break;
	}
	csv->raw_off = skip;
	return decode(csv, h + skip, n - skip);
}

/* ---- API ----------------------------------------------------------------- */

enum fa_code fa_csv_new(struct fa_csv **out, const char *where,
			enum fa_encoding enc, fa_csv_record_fn fn, void *ctx,
			struct fa_error *err)
{
	struct fa_csv *csv = NULL;

	assert(out && where && fn);
	*out = NULL;
	if (enc != FA_ENC_UTF8 && enc != FA_ENC_WINDOWS1252 &&
	    enc != FA_ENC_UTF16)
		return fa_error_add(err, FA_ERR_USAGE, where, 0, 0,
				    "unknown encoding %d", (int)enc);
	csv = calloc(1, sizeof(*csv));
	if (!csv)
		goto nomem;
	if (enc != FA_ENC_UTF8) {
		csv->conv = malloc(CONV_OUT_MAX);
		if (!csv->conv)
			goto nomem;
	}
	if (csv_init(&csv->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) !=
	    0)
		goto nomem;
	csv_set_space_func(&csv->p, never_space);
	csv_set_blk_size(&csv->p, LIBCSV_BLOCK);
	snprintf(csv->where, sizeof(csv->where), "%s", where);
	csv->enc = enc;
	csv->fn = fn;
	csv->ctx = ctx;
	csv->line = 1;
	csv->u8_line = 1;
	*out = csv;
	return FA_OK;
nomem:
	fa_csv_free(csv);
	return fa_error_nomem(err, where);
}

enum fa_code fa_csv_feed(struct fa_csv *csv, const unsigned char *buf,
			 size_t len, struct fa_error *err)
{
	assert(csv && (buf || !len) && !csv->finished);
	if (csv->rc != FA_OK)
		return csv->rc;
	csv->err = err;
	if (!csv->started) {
		/* Enough bytes to recognise a byte order mark. */
		size_t need = csv->enc == FA_ENC_UTF16 ? 2 : 3;
		size_t t = need - csv->head_len;

		if (t > len)
			t = len;
		memcpy(csv->head + csv->head_len, buf, t);
		csv->head_len += t;
		buf += t;
		len -= t;
		if (csv->head_len < need)
			return FA_OK;
		csv->rc = start(csv);
		if (csv->rc != FA_OK)
			return csv->rc;
	}
	if (len)
		csv->rc = decode(csv, buf, len);
	return csv->rc;
}

enum fa_code fa_csv_finish(struct fa_csv *csv, struct fa_error *err)
{
	enum fa_code rc;
	struct bad bad = { BAD_NONE, 0, 0 };

	assert(csv && !csv->finished);
	if (csv->rc != FA_OK)
		return csv->rc;
	csv->err = err;
	csv->finished = 1;
	if (!csv->started && csv->head_len) {
		rc = start(csv);
		if (rc != FA_OK)
			goto out;
	}
	if (csv->carry_len) {
		/* The file ends inside a character. */
		if (csv->enc == FA_ENC_UTF8)
			bad.kind = BAD_UTF8;
		else
			bad.kind =
			    csv->carry_len >= 2 ? BAD_SURROGATE : BAD_ODD;
		if (bad.kind == BAD_SURROGATE)
			bad.value =
			    csv->utf16_be
				? (unsigned)csv->carry[0] << 8 | csv->carry[1]
				: (unsigned)csv->carry[1] << 8 | csv->carry[0];
		else
			bad.value = csv->carry[0];
		rc = bad_input(csv, &bad, csv->raw_off - csv->carry_len);
		goto out;
	}
	rc = flush_sniff(csv);
	if (rc != FA_OK)
		goto out;
	csv->piece = NULL;
	csv->piece_len = 0;
	csv->piece_off = csv->stream_off;
	if (csv_fini(&csv->p, on_field, on_row, csv) != 0) {
		rc = csv->rc != FA_OK
			 ? csv->rc
			 : fa_error_add(err, FA_ERR_INPUT, csv->where, 0, 0,
					"unterminated quoted field "
					"starting on line %lu",
					csv->field_line);
		goto out;
	}
	rc = csv->rc;
	if (rc == FA_OK)
		rc = u8_verdict(csv);
out:
	csv->rc = rc;
	return rc;
}

char fa_csv_separator(const struct fa_csv *csv)
{
	return csv->sep;
}

void fa_csv_free(struct fa_csv *csv)
{
	if (!csv)
		return;
	csv_free(&csv->p);
	free(csv->arena);
	free(csv->conv);
	free(csv);
}
