/* SPDX-License-Identifier: MIT */
/*
 * The pack module's own header: what pack.c (the run), pack_source.c (the
 * member's files), pack_table.c (one table to canonical CSV) and
 * pack_show.c (the summary) share. Nothing outside src/lib/pack/ includes
 * it.
 */
#ifndef FA_PACK_IMPL_H
#define FA_PACK_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "csv.h"
#include "error.h"
#include "flexaudit.h"
#include "hash.h"
#include "manifest.h"
#include "schema.h"

struct fa_mapping;
struct fa_xlsx;

/* ---- sources: pack_source.c ---------------------------------------------- */

enum pack_kind {
	PACK_CSV =
	    0,	    /* a delimited text file: CSV, TSV, Excel "Unicode text" */
	PACK_SHEET, /* one sheet of an XLSX workbook */
};

/* How a text file's encoding was settled. */
enum pack_enc_how {
	PACK_ENC_BOM = 0,  /* its byte order mark */
	PACK_ENC_VALID,	   /* valid UTF-8 (ASCII included) */
	PACK_ENC_DECLARED, /* the member's manifest.xml or --encoding */
	PACK_ENC_GUESSED,  /* not UTF-8, read as Windows-1252 */
};

/* One table-shaped input: a text file or a sheet. */
struct pack_source {
	enum pack_kind kind;
	char *path;	      /* the file as given or found */
	char *name;	      /* for messages: path, or "path[sheet]" */
	char *base;	      /* file name without folder; a sheet's name */
	size_t sheet;	      /* PACK_SHEET: index in the workbook */
	struct fa_xlsx *book; /* PACK_SHEET: borrowed from the run */
	enum fa_encoding enc;
	enum pack_enc_how enc_how;
	char enc_example[96]; /* PACK_ENC_GUESSED: a word as read */
	unsigned long enc_line;
	char *declared_table; /* from the member's manifest.xml, or NULL */
	/* the header as read (UTF-8), for identification */
	char **header;
	size_t n_header;
	unsigned long header_line;
	char sep; /* PACK_CSV: the separator the header shows */
	const struct fa_mapping *profile; /* borrowed from the run, or NULL */
	unsigned long profile_hits;	  /* headers it maps (+1: the name) */
};

/* A document to be packed under documents/. */
struct pack_doc {
	char *path; /* on disk */
	char *name; /* in the package: "documents/..." */
	char sha256[FA_SHA256_HEX_LEN];
};

/* ---- pack.xml: pack_config.c ------------------------------------------------
 */

/* The member's details as pack.xml gives them; NULL where it does not. */
struct pack_config {
	char *member_name, *kvk, *abu_number;
	char *period_from, *period_to;
	char *producer_name, *producer_system;
	char *profile, *encoding;
};

/* Parse and check pack.xml (schemas/pack.xsd); problems located in where.
 * cfg is the caller's storage: pack_config_release frees its fields. */
enum fa_code pack_config_parse(struct pack_config *cfg, const char *where,
			       const void *buf, size_t len,
			       struct fa_error *err);
void pack_config_release(struct pack_config *cfg);

/* ---- one table: pack_table.c --------------------------------------------- */

/* How a source column was matched to a package column. */
enum pack_match {
	PACK_MATCH_NONE = 0, /* not a package column: left out */
	PACK_MATCH_SCHEMA,   /* the package's English or Dutch name */
	PACK_MATCH_PROFILE,  /* the mapping profile */
};

struct pack_column {
	char *header; /* as in the source */
	int col;      /* index in the table spec, or -1 */
	enum pack_match how;
};

/* How a table was recognised. */
enum pack_found_by {
	PACK_BY_MANIFEST = 0, /* the member's manifest.xml names it */
	PACK_BY_PROFILE,      /* the profile's file or sheet pattern */
	PACK_BY_NAME,	      /* file or sheet name is the table's */
	PACK_BY_HEADERS,      /* the headers */
};

struct pack_table {
	const struct fa_table_spec *spec;
	struct pack_source *src; /* borrowed from the run */
	enum pack_found_by by;
	size_t order;	/* place in the package: the member's manifest's
			 * order, else the schema's */
	size_t n_known; /* headers that are package columns */
	struct pack_column *cols;
	size_t n_cols;
	int written;		   /* converted in full */
	unsigned long rows;	   /* data rows written */
	unsigned long n_converted; /* values rewritten (dates, numbers...) */
	unsigned long n_mapped;	   /* values changed by the profile */
	unsigned long n_decimal_comma, n_dutch_dates;
	char *file;	/* package path: the table's file name */
	char *tmp_path; /* the canonical CSV, in the run's scratch folder */
	char sha256[FA_SHA256_HEX_LEN];
	/* where packaged lines come from, for messages: pairs (package
	 * line, source line), one wherever the distance between the two
	 * changes (blank or multi-line rows, a sheet's empty rows), so a
	 * plain file needs one pair; package line L maps to the source line
	 * of the last pair at or before it, plus the lines in between */
	unsigned long *line_of;
	size_t n_lines;
};

/* ---- the run: pack.c ------------------------------------------------------
 */

struct fa_pack {
	struct pack_source *srcs;
	size_t n_srcs;
	struct fa_xlsx **books;
	size_t n_books;
	struct pack_table *tables;
	size_t n_tables;
	struct pack_doc *docs;
	size_t n_docs;
	char *
	    *ignored; /* files left out, with why: "README.md (not a table)" */
	size_t n_ignored;
	struct fa_mapping **profiles; /* --profile's, or all bundled ones */
	size_t n_profiles;
	int profile_chosen;	   /* --profile */
	struct pack_config config; /* pack.xml, if have_config */
	int have_config;
	struct fa_manifest man;		  /* what was written */
	const struct fa_manifest *member; /* the folder's manifest.xml, during
					   * the run (NULL: none) */
	char *config_from; /* "manifest.xml in SOURCE", "pack.xml", NULL */
	/* the zip being written and an existing file the user's output
	 * names, as found among the sources (device, inode; 0: none) */
	dev_t out_dev[2];
	ino_t out_ino[2];
	const char *output;   /* the zip as the user named it (borrowed) */
	const char *zip_path; /* where it is written (borrowed) */
	int written;
	struct fa_evidence *ev; /* the check: the package loaded */
	int nl;
	/* seconds (wall clock) of the phases, for --profile */
	double sec_find, sec_convert, sec_zip, sec_check;
	/* rules that cannot check because a table is missing, per table of
	 * the schema (NULL where none or the rule sets could not load) */
	char **missing_rules;
	size_t *n_missing_rules;
};

/* Find the sources under each path of opt (folders walked, files taken),
 * documents and the member's own manifest.xml; fills p->srcs, p->docs,
 * p->ignored. */
enum fa_code pack_sources_find(struct fa_pack *p,
			       const struct fa_pack_options *opt,
			       struct fa_manifest **member_manifest,
			       struct fa_error *err);
/* Record a file left out of the package, with why. */
enum fa_code pack_note_ignored(struct fa_pack *p, const char *path,
			       const char *why, struct fa_error *err);
/* Settle a text file's encoding (declared: "utf-8", "windows-1252" or
 * NULL) and read src's header (record 0) into src->header. An empty text
 * file is refused; an empty sheet keeps n_header 0 (left out). */
enum fa_code pack_source_header(struct pack_source *src, const char *declared,
				struct fa_error *err);
/* Stream every record of src to fn. */
enum fa_code pack_source_read(struct pack_source *src, fa_csv_record_fn fn,
			      void *ctx, char *sep, struct fa_error *err);
void pack_source_release(struct pack_source *src);

/* Which package column header h is, and how it was matched. */
int pack_column_of(const struct fa_table_spec *t,
		   const struct fa_mapping *profile, const char *h,
		   enum pack_match *how);
/* Convert src into the canonical CSV of t->spec at t->tmp_path. */
enum fa_code pack_table_write(struct pack_table *t,
			      const struct fa_mapping *profile,
			      struct fa_error *err);
void pack_table_release(struct pack_table *t);

#endif
