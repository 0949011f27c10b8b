/* SPDX-License-Identifier: MIT */
/*
 * The inspector's judgements of an audit's needs-review items, as a file
 * made offline (docs/judgements.md) or one given on the command line:
 * each names a finding by its key (RULE-ID/SUBJECT) and decides it:
 * accept, deviation (major or minor) or not-applicable, with a note and
 * the inspector's name. This module parses and checks them; it keeps
 * nothing and touches no database. CSV goes through csv.h, JSON through
 * json_judgements.c (the JSON module's reader); libc otherwise.
 *
 * Every problem of a file is reported at once, each at its line:
 *   judgements.csv:4: unknown verdict 'ok': give accept, deviation or
 *   not-applicable (akkoord, afwijking, niet-van-toepassing)
 */
#ifndef FA_JUDGEMENT_H
#define FA_JUDGEMENT_H

#include <stddef.h>

#include "error.h"
#include "ruleset.h"

enum fa_judgement_verdict {
	FA_JUDGEMENT_ACCEPT = 0,
	FA_JUDGEMENT_DEVIATION,
	FA_JUDGEMENT_NOT_APPLICABLE,
};

struct fa_judgement {
	char *key; /* RULE-ID/SUBJECT */
	enum fa_judgement_verdict verdict;
	/* FA_SEV_MAJOR or FA_SEV_MINOR (enum fa_severity) for a deviation
	 * that gives one; -1 otherwise */
	int severity;
	char *note;	    /* non-empty; may hold line feeds and tabs */
	char *by;	    /* non-empty */
	unsigned long line; /* in the file; 0 when given on the command line */
};

struct fa_judgements {
	size_t n;
	struct fa_judgement *j; /* in the file's order */
	size_t n_skipped;	/* CSV rows without a verdict */
};

/*
 * Parse and check the judgements file buf[0..len) named where (used in
 * every message). JSON when its first byte that is not white space (after
 * a UTF-8 byte order mark) is '[' or '{', CSV otherwise. default_by (may
 * be NULL) is the name for a judgement whose file gives none. On FA_OK
 * *out is the caller's (fa_judgements_free); otherwise *out is NULL and
 * err holds every problem found: FA_ERR_INPUT, FA_ERR_LIMIT (more than
 * FA_JUDGEMENTS_MAX_BYTES or FA_JUDGEMENTS_MAX_ROWS, a key, note or name
 * too long) or FA_ERR_NOMEM. A file without judgements (every row
 * skipped) is FA_OK with n 0.
 */
enum fa_code fa_judgements_parse(struct fa_judgements **out, const char *where,
				 const void *buf, size_t len,
				 const char *default_by, struct fa_error *err);
/*
 * fa_judgements_parse on the file at path (a regular file of at most
 * FA_JUDGEMENTS_MAX_BYTES; a FIFO is refused, not waited on). Adds
 * FA_ERR_IO when it cannot be opened or read.
 */
enum fa_code fa_judgements_load(struct fa_judgements **out, const char *path,
				const char *default_by, struct fa_error *err);
/* Frees j and everything in it; NULL is fine. */
void fa_judgements_free(struct fa_judgements *j);

/* "accept", "deviation" or "not-applicable" (static). */
const char *fa_judgement_verdict_key(enum fa_judgement_verdict v);
/*
 * The verdict s names: accept, deviation, not-applicable or the Dutch
 * akkoord, afwijking, niet-van-toepassing, in any case, with spaces and
 * tabs around ignored. 0 and *out set, or -1 (unknown, or NULL).
 */
int fa_judgement_verdict_parse(enum fa_judgement_verdict *out, const char *s);
/*
 * The checks a file's judgement passes, on one given otherwise (the
 * command line): key RULE-ID/SUBJECT, severity only with a deviation,
 * note and by non-empty, lengths, control characters. where names the
 * source in messages ("command line"). FA_OK, or FA_ERR_INPUT /
 * FA_ERR_LIMIT with every problem in err.
 */
enum fa_code fa_judgement_check(const struct fa_judgement *j, const char *where,
				struct fa_error *err);

#endif
