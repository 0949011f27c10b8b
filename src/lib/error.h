/* SPDX-License-Identifier: MIT */
/*
 * Error codes and the error record every fallible library function fills.
 * A struct fa_error holds a bounded list of diagnostics in fixed-size
 * buffers, so reporting (even out of memory) never allocates. Validators
 * add every problem they find; other functions add one. Uses only libc.
 */
#ifndef FA_ERROR_H
#define FA_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "flexaudit.h"
#include "limits.h"

/* enum fa_code, struct fa_diag, struct fa_error and fa_error_init are
 * public: flexaudit.h. */

/*
 * Add a problem and return the error's code (the first code ever set, so
 * that a validator reporting many problems keeps the first cause). where
 * may be NULL; line/column 0 for unknown. err may be NULL (nothing kept).
 * Messages follow the house style: lower case, no full stop, failure first.
 */
enum fa_code fa_error_add(struct fa_error *err, enum fa_code code,
			  const char *where, unsigned long line,
			  unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

enum fa_code fa_error_addv(struct fa_error *err, enum fa_code code,
			   const char *where, unsigned long line,
			   unsigned long column, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/*
 * Add the one "out of memory" problem, at where (may be NULL), and return
 * err's code as fa_error_add does. Allocates nothing, so it works when
 * nothing else can. err may be NULL. Every module reports a failed
 * allocation with it; a message with more to say ("rule 'X': out of
 * memory: ...") is a different message, added with fa_error_add.
 */
enum fa_code fa_error_nomem(struct fa_error *err, const char *where);

/*
 * Where err stood: taken by a caller that may yet find that what it
 * reports after this point is the consequence of an allocation failure
 * (a parser that ran out of memory goes on to report the input as
 * broken), to replace it with fa_error_nomem_since().
 */
struct fa_error_mark {
	enum fa_code code;
	size_t n, n_dropped;
};
void fa_error_mark(struct fa_error_mark *mark, const struct fa_error *err);
/*
 * Drop the problems added to err since mark and add one "out of memory"
 * at where (may be NULL); err's code becomes what it was at mark, or
 * FA_ERR_NOMEM if it had none. Returns FA_ERR_NOMEM. err may be NULL.
 */
enum fa_code fa_error_nomem_since(struct fa_error *err,
				  const struct fa_error_mark *mark,
				  const char *where);
/* Short stable name of a code ("input", "limit", ...), for JSON output. */
const char *fa_code_name(enum fa_code code);

/*
 * Format diag as "where:line:column: message", leaving out unknown parts,
 * into buf (always NUL-terminated, truncated if needed).
 */
void fa_diag_format(char *buf, size_t size, const struct fa_diag *diag);

#endif
