/* SPDX-License-Identifier: MIT */
/*
 * The calendar: leap years, month lengths, ISO text, day numbers and whole
 * days and months added. libc only.
 */
#include "date.h"

int fa_date_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int fa_date_days_in_month(int year, int month)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return mdays[month - 1] + (month == 2 && fa_date_leap(year));
}

/* 1 if the day exists in a year date arithmetic works on. */
static int exists(int year, int month, int day)
{
	return year >= FA_DATE_ARITH_YEAR_MIN &&
	       year <= FA_DATE_ARITH_YEAR_MAX && day >= 1 &&
	       day <= fa_date_days_in_month(year, month);
}

/* The n digits at s as a number, or -1 if one is not a digit. */
static int number(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int fa_date_parse(int *year, int *month, int *day, const char *iso)
{
	int y, m, d;

	/* each test stops at the first byte that is not what it expects,
	 * so a shorter string's NUL ends the reading */
	if (!iso || (y = number(iso, 4)) < 0 || iso[4] != '-' ||
	    (m = number(iso + 5, 2)) < 0 || iso[7] != '-' ||
	    (d = number(iso + 8, 2)) < 0 || iso[10] != '\0' || !exists(y, m, d))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

int fa_date_valid(const char *s)
{
	int y, m, d;

	return fa_date_parse(&y, &m, &d, s) == 0 && y >= FA_DATE_YEAR_MIN &&
	       y <= FA_DATE_YEAR_MAX;
}

int fa_date_format(char out[FA_DATE_LEN], int year, int month, int day)
{
	if (!exists(year, month, day)) {
		out[0] = '\0';
		return -1;
	}
	/* by hand: value.c formats every date cell of a package */
	out[0] = (char)('0' + year / 1000);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + month / 10);
	out[6] = (char)('0' + month % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
	return 0;
}

/*
 * Day numbers count from 1970-01-01 through 400-year eras of 146097 days,
 * in years that start on 1 March so that the leap day ends its year (H.
 * Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 */
long fa_date_day_number(int year, int month, int day)
{
	long y = (long)year - (month <= 2), era, yoe, doy, doe;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void fa_date_from_day_number(int *year, int *month, int *day, long n)
{
	long z = n + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

int fa_date_add_days(char out[FA_DATE_LEN], const char *iso, long days)
{
	long first = fa_date_day_number(FA_DATE_ARITH_YEAR_MIN, 1, 1);
	long last = fa_date_day_number(FA_DATE_ARITH_YEAR_MAX, 12, 31);
	long n;
	int y, m, d;

	out[0] = '\0';
	if (fa_date_parse(&y, &m, &d, iso) != 0)
		return -1;
	n = fa_date_day_number(y, m, d);
	/* n lies in [first, last]: neither difference overflows */
	if (days > last - n || days < first - n)
		return -1;
	fa_date_from_day_number(&y, &m, &d, n + days);
	return fa_date_format(out, y, m, d);
}

int fa_date_add_months(char out[FA_DATE_LEN], const char *iso, int months)
{
	long long index, y;
	int m, d, year, max;

	out[0] = '\0';
	if (fa_date_parse(&year, &m, &d, iso) != 0)
		return -1;
	/* months counted from January of year 0, divided with the floor */
	index = (long long)year * 12 + (m - 1) + months;
	y = index >= 0 ? index / 12 : -((-index + 11) / 12);
	m = (int)(index - y * 12) + 1;
	if (y < FA_DATE_ARITH_YEAR_MIN || y > FA_DATE_ARITH_YEAR_MAX)
		return -1;
	max = fa_date_days_in_month((int)y, m);
	return fa_date_format(out, (int)y, m, d < max ? d : max);
}
