/* SPDX-License-Identifier: MIT */
/*
 * Private to the judgements parser: judgement.c (the checks and the list
 * being built), judgement_csv.c and json_judgements.c (the two formats),
 * which hand each row's cells to fa_judgements_row.
 */
#ifndef FA_JUDGEMENT_IMPL_H
#define FA_JUDGEMENT_IMPL_H

#include <stddef.h>

#include "error.h"
#include "judgement.h"

/* Where judgements come from: what a message tells the user to do. */
enum fa_judgement_source {
	FA_JUDGEMENT_CSV = 0,
	FA_JUDGEMENT_JSON,
	FA_JUDGEMENT_CLI,
};

/* One row's texts as the file gives them (NUL-terminated UTF-8), NULL
 * where the file has no such column or member. */
struct fa_judgement_cells {
	const char *key, *verdict, *severity, *note, *by;
};

struct fa_judgement_seen; /* judgement.c's index of the keys seen */

/* The list being built and the state of the checks. */
struct fa_judgements_build {
	const char *where;
	const char *default_by;
	enum fa_judgement_source src;
	struct fa_judgements *list;
	size_t cap;
	size_t rows;	 /* data rows or items handed in */
	enum fa_code rc; /* the first problem's code, FA_OK while none */
	struct fa_judgement_seen *seen;
	size_t seen_n, seen_cap;
};

/* Caller's storage; allocates the list (FA_ERR_NOMEM). */
enum fa_code fa_judgements_build_init(struct fa_judgements_build *b,
				      const char *where,
				      enum fa_judgement_source src,
				      const char *default_by,
				      struct fa_error *err);
/* Frees what b holds, the list included unless taken. */
void fa_judgements_build_release(struct fa_judgements_build *b);

/*
 * Add a problem at line (0: unknown, then "item N: " starts the message
 * when item is not 0) and note its code in b->rc. Returns code.
 */
enum fa_code fa_judgements_problem(struct fa_judgements_build *b,
				   struct fa_error *err, enum fa_code code,
				   unsigned long line, size_t item,
				   const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Check one row and keep it if it passes; every problem goes to err and
 * b->rc. A CSV row without a verdict is counted as skipped. Returns
 * FA_OK to go on (problems in the row included), or FA_ERR_NOMEM or
 * FA_ERR_LIMIT (too many rows) to stop reading.
 */
enum fa_code fa_judgements_row(struct fa_judgements_build *b,
			       unsigned long line, size_t item,
			       const struct fa_judgement_cells *c,
			       struct fa_error *err);

/* The two readers: rows of buf[0..len) to fa_judgements_row. They return
 * FA_OK when the file could be read through (its rows' problems are in
 * b->rc), or the code that stopped them. */
enum fa_code fa_judgements_read_csv(struct fa_judgements_build *b,
				    const unsigned char *buf, size_t len,
				    struct fa_error *err);
enum fa_code fa_judgements_read_json(struct fa_judgements_build *b,
				     const char *buf, size_t len,
				     struct fa_error *err);

#endif
