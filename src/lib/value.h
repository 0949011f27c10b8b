/* SPDX-License-Identifier: MIT */
/*
 * Parsing of field values as Dutch HR and payroll exports write them.
 * Pure functions over (ptr, len), libc only. Each parser trims spaces first
 * and returns 0 on success, or -1 with a short reason in why (a static
 * string such as "not a date"), which the caller places in a located
 * message. Every parser answers "empty" for a field that trims to nothing.
 * Outputs are written only on success.
 */
#ifndef FA_VALUE_H
#define FA_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

/*
 * Date: ISO "2025-03-07" or Dutch "07-03-2025" / "7-3-2025" (also with '/'
 * or '.' in the Dutch form). Years FA_DATE_YEAR_MIN..FA_DATE_YEAR_MAX
 * (1900..2199); the day must exist in that month (leap years counted).
 * Writes ISO text. The ISO form is exactly 4-2-2 digits with '-'; the
 * Dutch form has 1-2 digit day and month, a 4-digit year and the same
 * separator twice.
 * why: "not a date", "year out of range", "no such month", "no such day".
 */
int fa_value_date(char iso[FA_DATE_LEN], const char *s, size_t len,
		  const char **why);

/*
 * What to add to a message after fa_value_date's why so that the reader
 * can fix the value: the accepted forms after "not a date" and "no such
 * month" (": write yyyy-mm-dd or dd-mm-yyyy (...)"), the years after
 * "year out of range" (" (years 1900 to 2199)"), else "". Static.
 */
const char *fa_value_date_hint(const char *why);

/*
 * Check s as a date given on a command line: exactly ISO "YYYY-MM-DD",
 * years 1900 to 2199 (what fa_date_valid accepts). 0 if it is one (buf
 * ""); else -1, and buf holds the rest of a message that starts with the
 * value: "is not a date: no such month" (the ISO form with a date that
 * does not exist), "is not in the form YYYY-MM-DD: give 2025-03-07" (a
 * date in another form a table accepts, "07-03-2025"), or "is not a date:
 * give YYYY-MM-DD, such as 2025-12-31". size: at least
 * FA_VALUE_DATE_CHECK_MAX.
 */
#define FA_VALUE_DATE_CHECK_MAX 96
int fa_value_iso_date_check(char *buf, size_t size, const char *s);

/*
 * Decimal number with comma or point as decimal mark, optional sign,
 * optional thousands separators only in the unambiguous form "1.234,56" or
 * "1,234.56" (both marks present). Scaled to an integer with the given
 * number of decimals (2 for money in cents, 2 for m2 in 1/100 m2, ...).
 * More non-zero decimals than scale allows is an error ("too many
 * decimals"); so is overflow of int64.
 *
 * A single mark, once, is always the decimal mark: "1.234" is 1.234 and
 * "12,345" at scale 2 is refused with "too many decimals" (never read as
 * twelve thousand). A mark repeated without the other ("1.234.567") is
 * refused. With both marks the last one is the decimal mark and the other
 * must group the integer part in threes ("1.234.567,89"). Zeros beyond the
 * scale are accepted ("14,0600" at scale 2 is 1406). The fraction needs a
 * digit ("5," is refused); the integer part may be omitted (",5").
 * scale is 0..18 (asserted).
 * why: "not a number", "too many decimals", "out of range".
 */
int fa_value_decimal(int64_t *out, const char *s, size_t len, int scale,
		     const char **why);

/* Whole number (optional sign), fits int64.
 * why: "not a whole number", "out of range". */
int fa_value_int(int64_t *out, const char *s, size_t len, const char **why);

/*
 * Money a rule's check returned as text, in cents: exactly a whole number,
 * an optional '-' and digits, within int64. Unlike the parsers above it
 * does not trim, and takes no '+', spaces, separators or decimal mark:
 * the value is SQL's, not a person's.
 * why: "not a whole number", "out of range".
 */
int fa_value_cents(int64_t *out, const char *s, size_t len, const char **why);

/*
 * Yes/no: 1 for yes|ja|j|y|true|waar|1|x, 0 for no|nee|n|false|onwaar|0,
 * case-insensitive. why: "not yes or no".
 */
int fa_value_bool(int *out, const char *s, size_t len, const char **why);

/* 1 if, after trimming, s is empty. */
int fa_value_empty(const char *s, size_t len);

/* Trim ASCII spaces and tabs in place: adjusts *s and *len. */
void fa_value_trim(const char **s, size_t *len);

/*
 * Dutch BSN "elfproef": 9 digits (8 with a leading zero dropped is
 * accepted), weighted sum 9..2 and -1 divisible by 11. Returns 1 if valid.
 * Trims spaces first. 000000000 passes the sum but is refused: exports use
 * it as a placeholder for an unknown number.
 */
int fa_value_bsn_valid(const char *s, size_t len);

#endif
