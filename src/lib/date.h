/* SPDX-License-Identifier: MIT */
/*
 * The calendar: dates of the proleptic Gregorian calendar as ISO text
 * "YYYY-MM-DD" and as year, month and day; leap years, the days of a
 * month, whole days and months added, and day numbers. The one home of
 * calendar arithmetic: value.c checks the dates that exports write with
 * it, eval.c computes repair deadlines, compare.c the day after a value's
 * last day, fa-gen its synthetic dates. Pure functions that never
 * allocate; libc only.
 *
 * Two ranges. A date flexaudit reads (an audit date, a date in a package
 * or a rule set) has a year from FA_DATE_YEAR_MIN to FA_DATE_YEAR_MAX.
 * Arithmetic works on every date that ISO text with a four-digit year can
 * hold, 0001-01-01 to 9999-12-31, so that a deadline or the day after a
 * date near the end of the first range still has an answer.
 */
#ifndef FA_DATE_H
#define FA_DATE_H

/* Calendar date as ISO text "YYYY-MM-DD" plus NUL. */
#define FA_DATE_LEN 11

/* The years a date that flexaudit reads may have: no HR export or rule
 * set of this century needs others, and a typing error such as 2205 is
 * caught rather than carried into a deadline. */
#define FA_DATE_YEAR_MIN 1900
#define FA_DATE_YEAR_MAX 2199

/* The years date arithmetic works on (four-digit ISO years). */
#define FA_DATE_ARITH_YEAR_MIN 1
#define FA_DATE_ARITH_YEAR_MAX 9999

/* 1 if year is a leap year (divisible by 4, and by 400 if by 100). */
int fa_date_leap(int year);

/* The number of days of month (1..12) in year; 0 for another month. */
int fa_date_days_in_month(int year, int month);

/*
 * Read ISO text: exactly four digits, '-', two digits, '-', two digits and
 * the end of the string, naming a day that exists (years 0001..9999).
 * Returns 0 with *year, *month, *day set, or -1 (outputs untouched). iso
 * may be NULL (-1).
 */
int fa_date_parse(int *year, int *month, int *day, const char *iso);

/*
 * 1 if s is an audit date flexaudit accepts: ISO text as fa_date_parse
 * reads it, with a year from FA_DATE_YEAR_MIN to FA_DATE_YEAR_MAX; else
 * 0. s may be NULL (0).
 */
int fa_date_valid(const char *s);

/*
 * Write year-month-day as ISO text into out. Returns 0, or -1 (out is "")
 * if that day does not exist or its year is outside 0001..9999.
 */
int fa_date_format(char out[FA_DATE_LEN], int year, int month, int day);

/*
 * The day number of an existing date: days since 1970-01-01 (negative
 * before it). Consecutive days have consecutive numbers, across month and
 * year ends.
 */
long fa_date_day_number(int year, int month, int day);

/* The date of day number n (fa_date_day_number's inverse); n may be any
 * day of years 0001..9999. */
void fa_date_from_day_number(int *year, int *month, int *day, long n);

/*
 * The ISO date days (may be negative) after the ISO date iso, into out.
 * Returns 0, or -1 (out is "") if iso is not ISO text (fa_date_parse) or
 * the result falls outside years 0001..9999.
 */
int fa_date_add_days(char out[FA_DATE_LEN], const char *iso, long days);

/*
 * The ISO date months (may be negative) after iso, the day clamped to the
 * last day of the month reached: 2025-01-31 plus one month is 2025-02-28,
 * 2025-08-31 plus six is 2026-02-28. Returns 0, or -1 (out is "") as
 * fa_date_add_days.
 */
int fa_date_add_months(char out[FA_DATE_LEN], const char *iso, int months);

#endif
