/* SPDX-License-Identifier: MIT */
/*
 * Streaming CSV reader. The only module that calls libcsv. Bytes arrive in
 * chunks (from the package reader) and are decoded to UTF-8 first:
 * UTF-8 with or without BOM; Windows-1252 and UTF-16 (with BOM, LE or BE)
 * when the manifest declares them. Any byte sequence invalid in the
 * declared encoding stops the read with file, line and byte offset.
 *
 * The separator (tab, ';' or ',') is detected from the header line (the
 * first non-blank line, up to FA_CSV_SNIFF_BYTES): the one that occurs
 * outside quotes most often. On a tie tab wins, then ';': a header with
 * tabs is tab-separated unless ';' or ',' occurs outside quotes more often
 * than tab (Excel's "Unicode text" separates by tab; a tab is never typed
 * into a column name), and ';' beats ',' because Dutch exports use ';'
 * where ',' is the decimal mark. If none occurs, the table has one column
 * and ',' is used. RFC 4180 quoting: fields may be
 * quoted with '"', a quote inside is doubled, quoted fields may hold
 * separators and line breaks. CRLF and LF line ends both work. Blank lines
 * (nothing but a line end) are skipped; a line of spaces is a record.
 * Leading/trailing spaces of unquoted fields are kept; the value parser
 * trims. Being data, a space between a separator and a quote, or after a
 * closing quote, is malformed quoting.
 *
 * A file declared Windows-1252 that is valid UTF-8 as a whole and holds
 * at least one multi-byte UTF-8 sequence is refused by fa_csv_finish
 * (FA_ERR_INPUT) on the line of the first such sequence, since reading it
 * as declared would turn "Zo\xc3\xab" (Zoe with diaeresis) into
 * "Zo\xc3\x83\xc2\xab" (Zo, A with tilde, left guillemet):
 *   the file is UTF-8 but the manifest declares encoding="windows-1252"
 *   ('WORD' would read as 'MISREAD'): remove encoding="windows-1252" from
 *   its <file> element
 * WORD is the run of letters, digits, '-', '.' and non-ASCII around that
 * sequence. A real Windows-1252 file triggers it only if every non-ASCII
 * character in it pairs up into UTF-8 (a capital such as A with tilde
 * followed by a symbol such as a guillemet), which names and Dutch text
 * never do: an accented letter (0xC0..0xFF) followed by ASCII, or a byte
 * 0x80..0xBF that no lead byte precedes, is invalid UTF-8. The whole file
 * is followed, so a file
 * whose first accented letters happen to form UTF-8 (0xC3 0xAB) is
 * still accepted once a byte later breaks UTF-8; deciding waits for the
 * end of the file, after every record has been handed to the callback
 * (the caller keeps nothing of a table that fails). A byte Windows-1252
 * leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) in a file that is UTF-8
 * up to there says so (0xC5 0x81 is U+0141, L with stroke, in UTF-8):
 *   byte 0x81 is not defined in Windows-1252 at byte offset N, and the
 *   file is UTF-8 up to there: if it is UTF-8, remove
 *   encoding="windows-1252" from its <file> element
 * The line named is counted on the raw bytes, where a CR inside quotes
 * also ends a line.
 *
 * Each record is handed to a callback with its fields and the physical line
 * on which it starts (1-based; the header is line 1 unless blank lines
 * precede it). A line ends at LF, CRLF, or a CR outside quotes; a CR inside
 * quotes is data and does not end a line.
 *
 * Messages name the file (where) and the physical line. Encoding errors
 * name the 0-based byte offset in the raw file, byte order mark included:
 *   invalid UTF-8 byte 0xe9 at byte offset 1234
 *   NUL character at byte offset N
 *   byte 0x81 is not defined in Windows-1252 at byte offset N
 *   unpaired UTF-16 surrogate 0xd800 at byte offset N
 *   UTF-16 file ends with an odd byte at byte offset N
 *   UTF-16 file has no byte order mark
 *   file starts with a UTF-16 byte order mark; declare encoding="utf-16"
 *   in the manifest (also "a UTF-8 byte order mark" for windows-1252)
 * For an invalid UTF-8 sequence the byte named is the one it starts with.
 * Quoting errors name the field (1-based) on the line where they are seen:
 *   malformed quoting: unexpected quote in unquoted field N
 *   malformed quoting: text after the closing quote of field N
 *   unterminated quoted field starting on line N (diag line 0: the end)
 * Limits (FA_ERR_LIMIT): "field N is longer than 65536 bytes" on the line
 * where the field starts, checked as bytes arrive so an overlong field is
 * never buffered whole; "record has more than 256 fields";
 * "table has more than 50000000 data rows".
 */
#ifndef FA_CSV_H
#define FA_CSV_H

#include <stddef.h>

#include "error.h"
#include "manifest.h"

struct fa_csv_field {
	const char *s; /* NUL-terminated UTF-8, valid until the callback ends */
	size_t len;
	int quoted; /* 1 if the field was quoted */
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
 * given encoding. *out is the caller's (fa_csv_free). FA_ERR_USAGE for an
 * unknown encoding, FA_ERR_NOMEM.
 */
enum fa_code fa_csv_new(struct fa_csv **out, const char *where,
			enum fa_encoding enc, fa_csv_record_fn fn, void *ctx,
			struct fa_error *err);
/*
 * Feed the next chunk of raw bytes (any size; a character or a line may be
 * split across chunks). Each record whose line end arrives is handed to
 * the callback before the call returns. Errors: FA_ERR_INPUT (encoding,
 * quoting; see above), FA_ERR_LIMIT (field size, field count, rows),
 * FA_ERR_NOMEM, or the callback's code. After an error the reader is spent:
 * further feed and finish calls return the same code and add nothing to err.
 */
enum fa_code fa_csv_feed(struct fa_csv *csv, const unsigned char *buf,
			 size_t len, struct fa_error *err);
/* End of input: flush the last record; reports an unterminated quote and
 * a character cut off by the end of the file. Call once, after the last
 * feed. */
enum fa_code fa_csv_finish(struct fa_csv *csv, struct fa_error *err);
/* The detected separator ('\t', ';' or ','), 0 before the header is
 * seen. */
char fa_csv_separator(const struct fa_csv *csv);
void fa_csv_free(struct fa_csv *csv);

#endif
