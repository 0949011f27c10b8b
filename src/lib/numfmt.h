/* SPDX-License-Identifier: MIT */
/*
 * Numbers and money as a reader of the report writes them, in English or
 * Dutch: "€1,870.00" and "€ 1.870,00", "10.5" and "10,5". The one home of
 * that notation: the report writers and the checks' fmt_money() and
 * fmt_num() (eval_conn.c) use it. Pure functions that never allocate;
 * libc only.
 */
#ifndef FA_NUMFMT_H
#define FA_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* Room for any text these functions write (INT64_MIN in cents, grouped,
 * with the euro sign). */
#define FA_NUMFMT_LEN 48

/*
 * Money in cents: English "€1,870.00", "-€5.00"; Dutch "€ 1.870,00",
 * "€ -5,00" (thousands grouped in both). Every int64 exactly, INT64_MIN
 * too. Returns buf (size at least FA_NUMFMT_LEN, asserted).
 */
const char *fa_numfmt_money(char *buf, size_t size, int64_t cents, int nl);

/* The same without the euro sign, for a column headed "€": "1,870.00",
 * "1.870,00", "-5,00". */
const char *fa_numfmt_amount(char *buf, size_t size, int64_t cents, int nl);

/*
 * A number with the decimal mark of the language (point or comma) and
 * decimals digits after it (0 to 6); a negative decimals means at most
 * -decimals digits, trailing zeros dropped ("10,5", "12"). The integer
 * part is grouped in thousands from 10,000 on ("12.500,5", "1250,5"),
 * as Dutch and English style guides write four-digit numbers ungrouped.
 * A value that is not finite or whose integer part does not fit in 15
 * digits is written as "-". Returns buf (size at least FA_NUMFMT_LEN).
 */
const char *fa_numfmt_number(char *buf, size_t size, double x, int decimals,
			     int nl);

#endif
