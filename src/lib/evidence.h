/* SPDX-License-Identifier: MIT */
/*
 * The evidence database: an evidence package checked and loaded into SQLite.
 * fa_evidence_load() opens the package, parses the manifest, checks that
 * the zip and the manifest list the same files, loads every table in one
 * transaction (typed STRICT tables, one row per CSV row with its line in
 * column _line), verifies every SHA-256, builds the join indexes, and runs
 * the data-quality checks. Anything malformed stops the load and nothing is
 * kept; problems that should not stop an audit become data-quality
 * findings. Uses package, manifest, csv, value, schema, hash and db.
 */
#ifndef FA_EVIDENCE_H
#define FA_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "error.h"
#include "hash.h"
#include "manifest.h"
#include "package.h"
#include "schema.h"

/* A problem in the data that does not stop the audit. */
struct fa_dq_finding {
	const char *check;		/* stable check id, static */
	char where[FA_ERROR_WHERE_MAX]; /* file in the package */
	unsigned long line; /* 0 if the finding is about a whole file */
	char message[FA_ERROR_MESSAGE_MAX];    /* English */
	char message_nl[FA_ERROR_MESSAGE_MAX]; /* the same in Dutch */
};

/* Per check: how many findings there were (at most FA_DQ_MAX_PER_CHECK of
 * them are kept in the findings list). */
struct fa_dq_count {
	const char *check;
	uint64_t count;
};

/* A schema table as found in this package. */
struct fa_table_load {
	const struct fa_table_spec *spec;
	const struct fa_manifest_file *file; /* NULL: not in the package */
	char separator;			     /* ';' or ',' as detected */
	uint64_t rows;
	uint64_t bytes;	  /* raw bytes read */
	size_t n_ignored; /* header columns not in the schema */
	char **ignored;
};

struct fa_evidence {
	struct fa_package *pkg;
	struct fa_manifest *manifest;
	struct fa_db *db;
	char package_sha256[FA_SHA256_HEX_LEN];
	uint64_t package_bytes;
	size_t n_tables;	      /* fa_schema_count() */
	struct fa_table_load *tables; /* in schema order */
	size_t n_files_verified;      /* manifest files whose hash matched */
	size_t n_dq;
	struct fa_dq_finding *dq;
	size_t n_dq_counts;
	struct fa_dq_count *dq_counts;
	int pay_period_duplicates; /* the unique (worker, start) index failed */
	/*
	 * A package restored from the audit store (store/store_load.c): pkg
	 * and db are NULL; the package's path as its audit gave it, and the
	 * strings that fields above borrow (the data-quality checks' ids),
	 * owned here.
	 */
	char *stored_path;
	char **stored_strings;
	size_t n_stored_strings;
};

/* The package's path as the audit was given it. Borrowed. */
const char *fa_evidence_path(const struct fa_evidence *ev);

/* fa_evidence_load, fa_evidence_free and the manifest's accessors are
 * public: flexaudit.h. */

/* Summary row: documents by type and language. */
struct fa_doc_count {
	char type[64];
	char language[8];
	uint64_t count;
};

/*
 * Documents in the personnel files counted by type and language, ordered by
 * type then language. *out is the caller's (free()).
 */
enum fa_code fa_evidence_document_counts(struct fa_doc_count **out, size_t *n,
					 struct fa_evidence *ev,
					 struct fa_error *err);

/*
 * Create the evidence tables (and package_info, package_files,
 * data_quality) in an empty database. relaxed: no NOT NULL constraints, for
 * hand-written test rows that give only the columns a rule reads.
 */
enum fa_code fa_evidence_create_schema(struct fa_db *db, int relaxed,
				       struct fa_error *err);

/* 1 for the tables the loader fills from the package itself:
 * package_info, package_files, data_quality. */
int fa_evidence_is_package_table(const char *name);

/* 1 if date (ISO) lies inside the package's audit period, both ends
 * included; the evidence covers no other day. */
/* The package's file goes by path from now on (pack renames it into
 * place after the check): reports name it so. FA_ERR_NOMEM. */
enum fa_code fa_evidence_rename(struct fa_evidence *ev, const char *path,
				struct fa_error *err);
int fa_evidence_covers(const struct fa_evidence *ev, const char *date);

/*
 * Load CSV rows (header first, UTF-8) into evidence table `table` (or one of
 * the package tables, whose values are taken as text) of a
 * database made by fa_evidence_create_schema(db, 1, ...): values are
 * parsed exactly as in a package, but required columns may be absent or
 * empty and an unknown column is an error. Messages name where at
 * first_line + (CSV line - 1). No data-quality checks run.
 */
enum fa_code fa_evidence_load_csv(struct fa_db *db, const char *table,
				  const char *where, unsigned long first_line,
				  const char *csv, size_t len,
				  struct fa_error *err);

#endif
