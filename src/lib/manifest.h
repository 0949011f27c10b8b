/* SPDX-License-Identifier: MIT */
/*
 * The package manifest (manifest.xml, format v1): parsed through xmlload,
 * validated against the embedded schemas/manifest.xsd, then checked for
 * meaning (table roles, duplicate paths, one file per table, period order).
 * Uses xmlload and error only.
 */
#ifndef FA_MANIFEST_H
#define FA_MANIFEST_H

#include <stddef.h>

#include "error.h"
#include "hash.h"

#define FA_MANIFEST_NAME "manifest.xml"
#define FA_MANIFEST_NS "urn:flexaudit:evidence-package:1"
/* Table names fa_manifest_parse lists in a message at most. */
#define FA_MANIFEST_TABLES_MAX 64

/* Text encodings a table may declare (manifest attribute encoding=). */
enum fa_encoding {
	FA_ENC_UTF8 = 0,    /* "utf-8": with or without BOM (the default) */
	FA_ENC_WINDOWS1252, /* "windows-1252": what Excel writes as "CSV" */
	FA_ENC_UTF16,	    /* "utf-16": with BOM (LE or BE), Excel "Unicode" */
};

enum fa_file_role {
	FA_ROLE_TABLE = 0, /* a CSV table; table names which */
	FA_ROLE_DOCUMENT,  /* a document (PDF, image) referenced by a table */
};

struct fa_manifest_file {
	char *path; /* package path, as in the zip after stripping */
	char sha256[FA_SHA256_HEX_LEN]; /* lower-case hex */
	enum fa_file_role role;
	char *table; /* role table: the table name; else NULL */
	enum fa_encoding encoding;
	unsigned long line; /* line "<file" is on, for messages */
};

/* Element texts and dates with white space collapsed (as xs:token). */
struct fa_manifest {
	int format; /* format version, 1 */
	char *member_name;
	char *kvk; /* 8 digits */
	char *abu_number;
	char *period_from; /* YYYY-MM-DD, a real date */
	char *period_to;   /* YYYY-MM-DD, not before period_from */
	char *producer_name;
	char *producer_system; /* may be NULL */
	char *produced_at;     /* xs:dateTime as written */
	size_t n_files;
	struct fa_manifest_file *files; /* in document order */
	size_t *by_path; /* private to manifest.c: indexes into files sorted
			  * by path, for fa_manifest_find; NULL in a manifest
			  * built by hand (then the search is linear) */
};

/*
 * Parse and check manifest bytes. where names it in messages. Every problem
 * is added to err (FA_ERR_INPUT; FA_ERR_LIMIT for size, depth, or more than
 * FA_PKG_MAX_ENTRIES files; FA_ERR_NOMEM). On success *out is the caller's
 * (fa_manifest_free); on failure *out is NULL. tables lists the table
 * names that exist, NULL-terminated, at most FA_MANIFEST_TABLES_MAX (the
 * manifest module does not know the evidence schema); NULL accepts every
 * name the XSD allows. Messages, each located where:line with the line of
 * the element concerned:
 *   audit period ends (TO) before it starts (FROM)
 *   file 'P' is listed twice (first on line N)
 *   table 'T' is listed twice (first on line N)
 *   unknown table 'T': did you mean 'U'? HINTS; valid tables: A, B, C
 *     (the valid names in alphabetical order; "did you mean" for a name
 *     close to T or T as a file name, "rental-agreements.csv" for
 *     rental_agreements; HINTS when T has '-', upper case or ".csv":
 *     "tables are named with '_', file names may use '-'", "table names
 *     are lower case", "table= names the table, path= the file")
 *   file 'P' has role 'table' but no 'table' attribute
 *   file 'P' has role 'document' but a 'table' attribute
 *   file 'P' has role 'document' but an 'encoding' attribute
 *   file 'manifest.xml' is the manifest itself and cannot be listed
 *   file path 'P' is not allowed: REASON
 * plus xmlload's parse and schema messages. The schema messages of the
 * usual mistakes are rewritten from libxml2's words into what to change:
 *   file path 'P' is not allowed: REASON
 *   sha256 'S' is not 64 hexadecimal digits (it has N characters): write
 *     the file's SHA-256 as sha256sum or Get-FileHash prints it
 *   audit period from|to 'D' is not a date: write YYYY-MM-DD (e.g.
 *     2025-01-31) with a day that exists
 *   <kvk> 'K' is not 8 digits: write the KvK (Chamber of Commerce) number
 *     as exactly 8 digits, leading zeros included, without spaces or dots
 *   <produced-at> 'T' is not a date and time: write YYYY-MM-DDThh:mm:ss and
 *     the time zone, e.g. 2026-11-10T16:45:00+01:00
 *   role 'R' is not a role: write role="table" or role="document" (lower
 *     case)
 *   encoding 'E' is not one flexaudit reads: write
 *     encoding="windows-1252" or encoding="utf-16", or leave it out for
 *     UTF-8
 *   format 'F' is not a manifest format this version reads: write
 *     format="1"
 *   <E> has no A attribute: add ... (what to add)
 *   <E> has an attribute A it does not take: remove it (attributes of
 *     <E>: ...)
 *   <E> is out of place: expected here is <X> [or <Y>]; add a missing
 *     element, or put the elements in the order of manifest.xsd
 *     ('flexaudit schema --manifest-xsd' prints it)
 *   <E> is out of place: nothing more may come here; add a missing ...
 *   <E> is not an element of the manifest: remove it [(expected here is
 *     <X>)]
 *   <E> lacks <X>: add it
 *   <E> is empty: fill it in
 *   <E> is N characters long: at most M are allowed
 *   unknown table 'T': ... (a table= that is not of the form of a table
 *     name, as above)
 * Other schema messages are kept in libxml2's words. P longer than 120
 * bytes is shortened with "...".
 */
enum fa_code fa_manifest_parse(struct fa_manifest **out, const char *where,
			       const void *buf, size_t len,
			       const char *const *tables, struct fa_error *err);
void fa_manifest_free(struct fa_manifest *m);

/*
 * The file with that path, or NULL; a pointer into m->files, valid until
 * fa_manifest_free(m). O(log n) for a manifest from fa_manifest_parse.
 */
const struct fa_manifest_file *fa_manifest_find(const struct fa_manifest *m,
						const char *path);

/*
 * Write m as manifest.xml (manifest_write.c): UTF-8, the elements in the
 * schema's order, files in m's order, encoding written only where it is
 * not utf-8, two-space indentation, LF line ends. The text fields must be
 * set (producer_system may be NULL) and hold no control characters; what
 * the schema requires of them is for fa_manifest_parse to check on the
 * result. *out is the caller's (free()), not NUL-terminated, *len bytes.
 * FA_ERR_NOMEM.
 */
enum fa_code fa_manifest_write(char **out, size_t *len,
			       const struct fa_manifest *m,
			       struct fa_error *err);

/* "utf-8", "windows-1252" or "utf-16", as written in the manifest. */
const char *fa_encoding_name(enum fa_encoding enc);

/*
 * 1 if path is a safe package path: 1..FA_PKG_MAX_NAME_BYTES bytes,
 * relative, '/'-separated, without backslash, control character, empty
 * segment or segment of only dots ("." and ".."); the rule manifest.xsd
 * states for file paths. The package reader may use it for zip names.
 */
int fa_manifest_path_valid(const char *path);

/* The manifest XSD, embedded at build time (not NUL-terminated). */
extern const char fa_manifest_xsd[];
extern const size_t fa_manifest_xsd_len;

#endif
