/* SPDX-License-Identifier: MIT */
/*
 * Streaming CSV reader. The only module that calls libcsv. Bytes arrive in
 * chunks (from the package reader) and are decoded to UTF-8 first:
 * UTF-8 with or without BOM; Windows-1252 and UTF-16 (with BOM, LE or BE)
 * when the manifest declares them. Any byte sequence invalid in the
 * declared encoding stops the read with file, line and byte offset.
 *
 * The separator (';' or ',') is detected from the header line: the one
 * that occurs outside quotes. RFC 4180 quoting: fields may be quoted with
 * '"', a quote inside is doubled, quoted fields may hold separators and
 * line breaks. CRLF and LF line ends both work. Blank lines are skipped.
 * Leading/trailing spaces of unquoted fields are kept; the value parser
 * trims.
 *
 * Each record is handed to a callback with its fields and the physical line
 * on which it starts (1-based; the header is line 1 unless blank lines
 * precede it).
 */
#ifndef FA_CSV_H
#define FA_CSV_H

#include <stddef.h>

#include "error.h"
#include "manifest.h"

struct fa_csv_field {
	const char *s;   /* NUL-terminated UTF-8, valid until the callback ends */
	size_t len;
	int quoted;      /* 1 if the field was quoted */
};

/*
 * Called once per record (the header included: record 0). Return FA_OK to
 * go on; any other code stops parsing and is returned by the feeding call
 * unchanged (the callback sets err).
 */
typedef enum fa_code (*fa_csv_record_fn)(void *ctx, size_t record,
					 unsigned long line,
					 const struct fa_csv_field *fields,
					 size_t n_fields, struct fa_error *err);

struct fa_csv; /* opaque */

/*
 * Start a reader for the file named where (used in every message) in the
 * given encoding. *out is the caller's (fa_csv_free).
 */
enum fa_code fa_csv_new(struct fa_csv **out, const char *where,
			enum fa_encoding enc, fa_csv_record_fn fn, void *ctx,
			struct fa_error *err);
/*
 * Feed the next chunk of raw bytes. Errors: FA_ERR_INPUT (encoding, quoting,
 * where:line: message naming the byte offset), FA_ERR_LIMIT (field size or
 * field count), FA_ERR_NOMEM, or the callback's code.
 */
enum fa_code fa_csv_feed(struct fa_csv *csv, const unsigned char *buf,
			 size_t len, struct fa_error *err);
/* End of input: flush the last record; reports an unterminated quote. */
enum fa_code fa_csv_finish(struct fa_csv *csv, struct fa_error *err);
/* The detected separator (';' or ','), 0 before the header is seen. */
char fa_csv_separator(const struct fa_csv *csv);
void fa_csv_free(struct fa_csv *csv);

#endif
