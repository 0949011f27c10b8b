/* SPDX-License-Identifier: MIT */
/*
 * Private to evidence.c and tableload.c: data-quality findings, message
 * quoting, hash comparison and the table loader. Not library API.
 */
#ifndef FA_EVIDENCE_IMPL_H
#define FA_EVIDENCE_IMPL_H

#include "evidence.h"
#include "strset.h"

/* Longest cell value quoted in a message; the rest is cut with "...". */
#define QUOTE_MAX 40

/*
 * Add a data-quality finding (kept up to FA_DQ_MAX_PER_CHECK per check,
 * all counted), its message in Dutch (nl_fmt) and English (fmt). Both
 * formats are given the same arguments in the same order, and the
 * compiler checks each against them; a format that does not show an
 * argument the other language needs skips it with "%.0s" (a string) so
 * the next conversion still gets the right one. FA_ERR_NOMEM is the only
 * failure.
 */
enum fa_code fa_evidence_dq_add(struct fa_evidence *ev, const char *check,
				const char *where, unsigned long line,
				const char *nl_fmt, const char *fmt, ...)
    __attribute__((format(printf, 5, 7), format(printf, 6, 7)));

/* A cell value for a message: at most QUOTE_MAX bytes on a UTF-8 boundary,
 * control characters as '?'. Returns buf. */
const char *fa_evidence_quote(char buf[QUOTE_MAX + 4], const char *s,
			      size_t len);

int fa_evidence_hash_matches(const char *manifest_hex, const char *actual);
/* Report a file whose SHA-256 differs from the manifest's. */
enum fa_code fa_evidence_hash_mismatch(const struct fa_manifest_file *mf,
				       const char *actual,
				       struct fa_error *err);

/* The evidence tables (and package tables) in db; relaxed: no NOT NULL. */
enum fa_code fa_evidence_create_tables(struct fa_db *db, int relaxed,
				       struct fa_error *err);

/* Stream table tl from the package into ev's database; keys[i] collects
 * table i's keys for the reference checks of later tables. */
enum fa_code fa_evidence_load_table(struct fa_evidence *ev,
				    struct fa_table_load *tl,
				    struct fa_strset *keys,
				    struct fa_error *err);

#endif
