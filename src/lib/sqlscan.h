/* SPDX-License-Identifier: MIT */
/*
 * A scanner of SQL text for the rule-set loader's checks, before SQLite
 * sees the text: white space and comments, keywords, where a second
 * statement starts, and the param('NAME') calls of a check. Comments,
 * string literals and quoted identifiers ('...', "...", `...`, [...]) are
 * skipped whole, so a ';' or "param(" inside one does not count. Not a
 * parser: SQLite judges the SQL itself (eval). Offsets index s; s is
 * NUL-terminated. libc only.
 */
#ifndef FA_SQLSCAN_H
#define FA_SQLSCAN_H

#include <stddef.h>

/* The number of line feeds in s[0..off), to turn an offset into a line. */
unsigned long fa_sqlscan_lines(const char *s, size_t off);

/* i moved past white space and comments. */
size_t fa_sqlscan_blank(const char *s, size_t i);

/* 1 if s starts with the keyword w (lower case), in any case, not followed
 * by a character of an identifier; else 0. */
int fa_sqlscan_keyword(const char *s, const char *w);

/*
 * Where the text after the first statement's ';' starts, past white space
 * and comments; 0 if there is no ';' or only white space and comments
 * follow it (a second statement never starts at 0).
 */
size_t fa_sqlscan_next_statement(const char *s);

/* The offset of the first statement's ';', or of the terminating NUL if
 * there is none: s[0..offset) is the statement without its ';'. */
size_t fa_sqlscan_statement_end(const char *s);

/*
 * 1 if the first statement of s has an ORDER BY of its own: outside every
 * parenthesis (a WITH step's, a subquery's, a window's or an aggregate's
 * ORDER BY does not count); else 0.
 */
int fa_sqlscan_top_order_by(const char *s);

/*
 * The offset of the first identifier (outside comments, literals and
 * quoted identifiers) that starts with prefix (lower case), in any case;
 * (size_t)-1 if there is none.
 */
size_t fa_sqlscan_ident_prefix(const char *s, const char *prefix);

/* Receives one param() call: its name and the offset of "param" in s.
 * Returns 0 to go on, anything else to stop. */
typedef int (*fa_sqlscan_param_fn)(void *ctx, const char *name, size_t off);

/*
 * Call fn for every param('NAME' ...) and param_firm('NAME' ...) in the
 * SQL s, in order, with NAME
 * (quotes undoubled; borrowed for the call) and the offset of "param". A
 * call whose first argument is not a string literal cannot be checked and
 * is passed over. Returns 0, or -1 out of memory or if fn stops.
 */
int fa_sqlscan_params(const char *s, fa_sqlscan_param_fn fn, void *ctx);

#endif
