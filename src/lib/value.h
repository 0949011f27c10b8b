/* SPDX-License-Identifier: MIT */
/*
 * Parsing of field values as Dutch HR and payroll exports write them.
 * Pure functions over (ptr, len), libc only. Each parser trims spaces first
 * and returns 0 on success, or -1 with a short reason in why (a static
 * string such as "not a date"), which the caller places in a located
 * message.
 */
#ifndef FA_VALUE_H
#define FA_VALUE_H

#include <stddef.h>
#include <stdint.h>

/* Calendar date as ISO text "YYYY-MM-DD" plus NUL. */
#define FA_DATE_LEN 11

/*
 * Date: ISO "2025-03-07" or Dutch "07-03-2025" / "7-3-2025" (also with '/'
 * or '.' in the Dutch form). Years 1900..2199; the day must exist in that
 * month (leap years counted). Writes ISO text.
 */
int fa_value_date(char iso[FA_DATE_LEN], const char *s, size_t len,
		  const char **why);

/*
 * Decimal number with comma or point as decimal mark, optional sign,
 * optional thousands separators only in the unambiguous form "1.234,56" or
 * "1,234.56" (both marks present). Scaled to an integer with the given
 * number of decimals (2 for money in cents, 2 for m2 in 1/100 m2, ...).
 * More non-zero decimals than scale allows is an error ("too many
 * decimals"); so is overflow of int64.
 */
int fa_value_decimal(int64_t *out, const char *s, size_t len, int scale,
		     const char **why);

/* Whole number (optional sign), fits int64. */
int fa_value_int(int64_t *out, const char *s, size_t len, const char **why);

/*
 * Yes/no: 1 for yes|ja|j|y|true|waar|1|x, 0 for no|nee|n|false|onwaar|0,
 * case-insensitive.
 */
int fa_value_bool(int *out, const char *s, size_t len, const char **why);

/* 1 if, after trimming, s is empty. */
int fa_value_empty(const char *s, size_t len);

/* Trim ASCII spaces and tabs in place: adjusts *s and *len. */
void fa_value_trim(const char **s, size_t *len);

/*
 * Dutch BSN "elfproef": 9 digits (8 with a leading zero dropped is
 * accepted), weighted sum 9..2 and -1 divisible by 11. Returns 1 if valid.
 */
int fa_value_bsn_valid(const char *s, size_t len);

#endif
