/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for value.c: one table per parser, each row an input and the
 * expected result or reason. A failing row is named in the message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "value.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct date_case {
	const char *in;
	const char *iso; /* expected ISO text, or NULL */
	const char *why; /* expected reason when iso is NULL */
};

static const struct date_case date_cases[] = {
	{ "2025-03-07", "2025-03-07", NULL },
	{ "07-03-2025", "2025-03-07", NULL },
	{ "7-3-2025", "2025-03-07", NULL },
	{ "07/03/2025", "2025-03-07", NULL },
	{ "7.3.2025", "2025-03-07", NULL },
	{ "  31-12-2024\t", "2024-12-31", NULL },
	{ "29-02-2024", "2024-02-29", NULL },
	{ "2000-02-29", "2000-02-29", NULL }, /* divisible by 400 */
	{ "01-01-1900", "1900-01-01", NULL },
	{ "31-12-2199", "2199-12-31", NULL },
	{ "29-02-2025", NULL, "no such day" },
	{ "29-02-1900", NULL, "no such day" }, /* divisible by 100 */
	{ "31-02-2025", NULL, "no such day" },
	{ "31-04-2025", NULL, "no such day" },
	{ "00-01-2025", NULL, "no such day" },
	{ "2025-01-32", NULL, "no such day" },
	{ "01-13-2025", NULL, "no such month" },
	{ "2025-00-10", NULL, "no such month" },
	{ "31-12-1899", NULL, "year out of range" },
	{ "01-01-2200", NULL, "year out of range" },
	{ "0001-01-01", NULL, "year out of range" },
	{ "", NULL, "empty" },
	{ "   ", NULL, "empty" },
	{ "7-3-25", NULL, "not a date" },
	{ "07-03/2025", NULL, "not a date" }, /* mixed separators */
	{ "2025/03/07", NULL, "not a date" }, /* ISO takes '-' only */
	{ "2025-3-7", NULL, "not a date" },   /* ISO is 4-2-2 */
	{ "007-03-2025", NULL, "not a date" },
	{ "07-003-2025", NULL, "not a date" },
	{ "07-03-20255", NULL, "not a date" },
	{ "07-03-2025x", NULL, "not a date" },
	{ "2025-03-07T00:00", NULL, "not a date" },
	{ "7 maart 2025", NULL, "not a date" },
	{ "-03-2025", NULL, "not a date" },
	{ "07--2025", NULL, "not a date" },
};

static void test_value__date(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(date_cases); i++) {
		const struct date_case *c = &date_cases[i];
		char iso[FA_DATE_LEN] = "unchanged";
		const char *why = NULL;
		int rc = fa_value_date(iso, c->in, strlen(c->in), &why);

		if (c->iso) {
			if (rc != 0 || strcmp(iso, c->iso) != 0)
				fail_msg("date '%s': rc %d iso '%s' why '%s'",
					 c->in, rc, iso, why ? why : "");
		} else if (rc != -1 || !why || strcmp(why, c->why) != 0 ||
			   strcmp(iso, "unchanged") != 0) {
			fail_msg("date '%s': rc %d why '%s', want '%s'", c->in,
				 rc, why ? why : "(null)", c->why);
		}
	}
}

/* The hint after each reason: the forms date_cases accept, and the years
 * of its boundary rows. */
static void test_value__date_hint(void **state)
{
	(void)state;
	assert_string_equal(fa_value_date_hint("not a date"),
			    ": write yyyy-mm-dd or dd-mm-yyyy (also d-m-yyyy, "
			    "dd/mm/yyyy, dd.mm.yyyy)");
	assert_string_equal(fa_value_date_hint("no such month"),
			    ": write yyyy-mm-dd or dd-mm-yyyy (also d-m-yyyy, "
			    "dd/mm/yyyy, dd.mm.yyyy)");
	assert_string_equal(fa_value_date_hint("year out of range"),
			    " (years 1900 to 2199)");
	/* the form was right: nothing to add */
	assert_string_equal(fa_value_date_hint("no such day"), "");
	assert_string_equal(fa_value_date_hint("empty"), "");
}

/* A date on a command line: ISO only; what is said for each kind of
 * wrong value, written from the forms and boundaries of date_cases. */
static void test_value__iso_date_check(void **state)
{
	static const struct {
		const char *in, *want; /* want NULL: accepted */
	} cases[] = {
		{ "2025-03-07", NULL },
		{ "1900-01-01", NULL },
		{ "2199-12-31", NULL },
		{ "2024-02-29", NULL },
		/* the ISO form, but no such date */
		{ "2025-13-01", "is not a date: no such month" },
		{ "2025-02-29", "is not a date: no such day" },
		{ "1899-12-31",
		  "is not a date: year out of range (years 1900 to 2199)" },
		{ "2200-01-01",
		  "is not a date: year out of range (years 1900 to 2199)" },
		/* a form a table accepts: the same date in ISO */
		{ "07-03-2025",
		  "is not in the form YYYY-MM-DD: give 2025-03-07" },
		{ "7.3.2025",
		  "is not in the form YYYY-MM-DD: give 2025-03-07" },
		{ " 2025-03-07",
		  "is not in the form YYYY-MM-DD: give 2025-03-07" },
		/* anything else */
		{ "31-02-2025",
		  "is not a date: give YYYY-MM-DD, such as 2025-12-31" },
		{ "2025-3-7",
		  "is not a date: give YYYY-MM-DD, such as 2025-12-31" },
		{ "tomorrow",
		  "is not a date: give YYYY-MM-DD, such as 2025-12-31" },
		{ "", "is not a date: give YYYY-MM-DD, such as 2025-12-31" },
		{ "2025-03-07x",
		  "is not a date: give YYYY-MM-DD, such as 2025-12-31" },
	};
	char buf[FA_VALUE_DATE_CHECK_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		int rc = fa_value_iso_date_check(buf, sizeof(buf), cases[i].in);

		if (rc != (cases[i].want ? -1 : 0) ||
		    strcmp(buf, cases[i].want ? cases[i].want : "") != 0)
			fail_msg("'%s': rc %d '%s'", cases[i].in, rc, buf);
	}
}

struct decimal_case {
	const char *in;
	int scale;
	int ok;
	int64_t want;	 /* when ok */
	const char *why; /* when not ok */
};

static const struct decimal_case decimal_cases[] = {
	{ "1234,56", 2, 1, 123456, NULL },
	{ "1234.56", 2, 1, 123456, NULL },
	{ "-0,5", 2, 1, -50, NULL },
	{ "+0,5", 2, 1, 50, NULL },
	{ ",5", 2, 1, 50, NULL },
	{ "-,5", 2, 1, -50, NULL },
	{ "1.234,56", 2, 1, 123456, NULL },
	{ "1,234.56", 2, 1, 123456, NULL },
	{ "1.234.567,89", 2, 1, 123456789, NULL },
	{ "1,234,567.89", 2, 1, 123456789, NULL },
	{ "1.234", 3, 1, 1234, NULL }, /* single mark: decimal */
	{ "1.234", 2, 0, 0, "too many decimals" },
	{ "12,345", 2, 0, 0, "too many decimals" },
	{ "12,345", 3, 1, 12345, NULL },
	{ "14,0600", 2, 1, 1406, NULL }, /* zeros beyond the scale */
	{ "14,06001", 2, 0, 0, "too many decimals" },
	{ "14", 2, 1, 1400, NULL },
	{ "0", 2, 1, 0, NULL },
	{ "-0", 2, 1, 0, NULL },
	{ "007", 0, 1, 7, NULL },
	{ "  12,5 ", 2, 1, 1250, NULL },
	{ "12,5", 0, 0, 0, "too many decimals" },
	{ "12,0", 0, 1, 12, NULL },
	{ "9223372036854775807", 0, 1, INT64_MAX, NULL },
	{ "-9223372036854775808", 0, 1, INT64_MIN, NULL },
	{ "9223372036854775808", 0, 0, 0, "out of range" },
	{ "-9223372036854775809", 0, 0, 0, "out of range" },
	{ "92233720368547758,07", 2, 1, INT64_MAX, NULL },
	{ "92233720368547758,08", 2, 0, 0, "out of range" },
	{ "99999999999999999999999", 0, 0, 0, "out of range" },
	{ "1", 18, 1, INT64_C(1000000000000000000), NULL },
	{ "10", 18, 0, 0, "out of range" },
	{ "", 2, 0, 0, "empty" },
	{ "\t", 2, 0, 0, "empty" },
	{ "-", 2, 0, 0, "not a number" },
	{ ",", 2, 0, 0, "not a number" },
	{ "5,", 2, 0, 0, "not a number" },
	{ "1.234.567", 0, 0, 0, "not a number" }, /* repeated lone mark */
	{ "1,2,3", 2, 0, 0, "not a number" },
	{ "1.234,56,7", 2, 0, 0, "not a number" },
	{ "1,234.567,8", 2, 0, 0, "not a number" },
	{ "12.34,5", 2, 0, 0, "not a number" },	   /* group of 2 */
	{ "1234.567,8", 2, 0, 0, "not a number" }, /* group of 4 */
	{ ".234,5", 2, 0, 0, "not a number" },
	{ "1..2,5", 2, 0, 0, "not a number" },
	{ "1 234,56", 2, 0, 0, "not a number" },
	{ "1e3", 0, 0, 0, "not a number" },
	{ "--1", 0, 0, 0, "not a number" },
	{ "1-", 0, 0, 0, "not a number" },
	{ "EUR 12", 2, 0, 0, "not a number" },
	{ "12,50 EUR", 2, 0, 0, "not a number" },
};

static void test_value__decimal(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(decimal_cases); i++) {
		const struct decimal_case *c = &decimal_cases[i];
		int64_t out = 4242;
		const char *why = NULL;
		int rc = fa_value_decimal(&out, c->in, strlen(c->in), c->scale,
					  &why);

		if (c->ok) {
			if (rc != 0 || out != c->want)
				fail_msg("decimal '%s' scale %d: rc %d out "
					 "%lld why '%s'",
					 c->in, c->scale, rc, (long long)out,
					 why ? why : "");
		} else if (rc != -1 || !why || strcmp(why, c->why) != 0 ||
			   out != 4242) {
			fail_msg("decimal '%s' scale %d: rc %d why '%s', want "
				 "'%s'",
				 c->in, c->scale, rc, why ? why : "(null)",
				 c->why);
		}
	}
}

struct int_case {
	const char *in;
	int ok;
	int64_t want;
	const char *why;
};

static const struct int_case int_cases[] = {
	{ "0", 1, 0, NULL },
	{ "42", 1, 42, NULL },
	{ " -42 ", 1, -42, NULL },
	{ "+7", 1, 7, NULL },
	{ "9223372036854775807", 1, INT64_MAX, NULL },
	{ "-9223372036854775808", 1, INT64_MIN, NULL },
	{ "9223372036854775808", 0, 0, "out of range" },
	{ "-9223372036854775809", 0, 0, "out of range" },
	{ "", 0, 0, "empty" },
	{ "-", 0, 0, "not a whole number" },
	{ "1.000", 0, 0, "not a whole number" },
	{ "1,5", 0, 0, "not a whole number" },
	{ "12a", 0, 0, "not a whole number" },
	{ "1 2", 0, 0, "not a whole number" },
};

static void test_value__int(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(int_cases); i++) {
		const struct int_case *c = &int_cases[i];
		int64_t out = 4242;
		const char *why = NULL;
		int rc = fa_value_int(&out, c->in, strlen(c->in), &why);

		if (c->ok) {
			if (rc != 0 || out != c->want)
				fail_msg("int '%s': rc %d out %lld", c->in, rc,
					 (long long)out);
		} else if (rc != -1 || !why || strcmp(why, c->why) != 0 ||
			   out != 4242) {
			fail_msg("int '%s': rc %d why '%s', want '%s'", c->in,
				 rc, why ? why : "(null)", c->why);
		}
	}
}

/* Money a check returned as text: exactly a whole number, or refused
 * (never rounded, trimmed or read as zero). */
static const struct int_case cents_cases[] = {
	{ "0", 1, 0, NULL },
	{ "1250", 1, 1250, NULL },
	{ "-1", 1, -1, NULL },
	{ "0042", 1, 42, NULL },
	{ "9223372036854775807", 1, INT64_MAX, NULL },
	{ "-9223372036854775808", 1, INT64_MIN, NULL },
	{ "9223372036854775808", 0, 0, "out of range" },
	{ "-9223372036854775809", 0, 0, "out of range" },
	{ "", 0, 0, "not a whole number" },
	{ "-", 0, 0, "not a whole number" },
	{ "12.5", 0, 0, "not a whole number" },
	{ "12.0", 0, 0, "not a whole number" },
	{ "abc", 0, 0, "not a whole number" },
	{ " 12", 0, 0, "not a whole number" },
	{ "12 ", 0, 0, "not a whole number" },
	{ "+12", 0, 0, "not a whole number" },
	{ "1e3", 0, 0, "not a whole number" },
	{ "--1", 0, 0, "not a whole number" },
};

static void test_value__cents(void **state)
{
	const char *nul_why = NULL;
	int64_t v = 0;
	size_t i;

	(void)state;
	for (i = 0; i < N(cents_cases); i++) {
		const struct int_case *c = &cents_cases[i];
		int64_t out = 4242;
		const char *why = NULL;
		int rc = fa_value_cents(&out, c->in, strlen(c->in), &why);

		if (c->ok) {
			if (rc != 0 || out != c->want)
				fail_msg("cents '%s': rc %d out %lld", c->in,
					 rc, (long long)out);
		} else if (rc != -1 || !why || strcmp(why, c->why) != 0 ||
			   out != 4242) {
			fail_msg("cents '%s': rc %d why '%s', want '%s'", c->in,
				 rc, why ? why : "(null)", c->why);
		}
	}
	/* a NUL inside the value (a BLOB) is no digit */
	assert_int_equal(fa_value_cents(&v,
					"12\0"
					"3",
					4, &nul_why),
			 -1);
	assert_string_equal(nul_why, "not a whole number");
}

struct bool_case {
	const char *in;
	int want; /* 1, 0, or -1 for refused */
};

static const struct bool_case bool_cases[] = {
	{ "yes", 1 },	{ "JA", 1 },	  { "j", 1 },	  { "Y", 1 },
	{ "True", 1 },	{ "waar", 1 },	  { "1", 1 },	  { "x", 1 },
	{ " X ", 1 },	{ "no", 0 },	  { "Nee", 0 },	  { "N", 0 },
	{ "false", 0 }, { "ONWAAR", 0 },  { "0", 0 },	  { "\tnee", 0 },
	{ "", -1 },	{ "ja nee", -1 }, { "yess", -1 }, { "2", -1 },
	{ "jaa", -1 },	{ "-", -1 },	  { "on", -1 },
};

static void test_value__bool(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(bool_cases); i++) {
		const struct bool_case *c = &bool_cases[i];
		int out = 7;
		const char *why = NULL;
		int rc = fa_value_bool(&out, c->in, strlen(c->in), &why);
		const char *want_why = *c->in ? "not yes or no" : "empty";

		if (c->want >= 0) {
			if (rc != 0 || out != c->want)
				fail_msg("bool '%s': rc %d out %d", c->in, rc,
					 out);
		} else if (rc != -1 || !why || strcmp(why, want_why) != 0 ||
			   out != 7) {
			fail_msg("bool '%s': rc %d why '%s'", c->in, rc,
				 why ? why : "(null)");
		}
	}
}

static void test_value__trim_and_empty(void **state)
{
	const char *s = " \t a b\t ";
	size_t len = strlen(s);

	(void)state;
	fa_value_trim(&s, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "a b", 3);

	s = " \t ";
	len = 3;
	fa_value_trim(&s, &len);
	assert_int_equal(len, 0);

	assert_true(fa_value_empty("", 0));
	assert_true(fa_value_empty(" \t", 2));
	assert_false(fa_value_empty(" 0 ", 3));
	/* Only spaces and tabs are trimmed. */
	assert_false(fa_value_empty("\r\n", 2));
}

struct bsn_case {
	const char *in;
	int valid;
};

static const struct bsn_case bsn_cases[] = {
	{ "111222333", 1 }, /* the specification's example */
	{ "123456782", 1 },
	{ "999999990", 1 },
	{ " 123456782 ", 1 },
	{ "12345672", 1 }, /* 012345672: leading zero dropped */
	{ "012345672", 1 },
	{ "012345678", 0 },
	{ "123456781", 0 }, /* last digit off by one */
	{ "111222334", 0 },
	{ "000000000", 0 }, /* placeholder */
	{ "00000000", 0 },
	{ "1234567", 0 },
	{ "1234567820", 0 },
	{ "12345678a", 0 },
	{ "12345 782", 0 },
	{ "", 0 },
};

static void test_value__bsn_elfproef(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(bsn_cases); i++) {
		const struct bsn_case *c = &bsn_cases[i];
		int got = fa_value_bsn_valid(c->in, strlen(c->in));

		if (got != c->valid)
			fail_msg("bsn '%s': got %d, want %d", c->in, got,
				 c->valid);
	}
}

/* Lengths are honoured: nothing past len is read. */
static void test_value__uses_len_not_nul(void **state)
{
	char iso[FA_DATE_LEN];
	const char *why = NULL;
	int64_t v = 0;
	int b = -1;

	(void)state;
	assert_int_equal(fa_value_date(iso, "2025-03-07junk", 10, &why), 0);
	assert_string_equal(iso, "2025-03-07");
	assert_int_equal(fa_value_decimal(&v, "12,509", 5, 2, &why), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(fa_value_int(&v, "123", 2, &why), 0);
	assert_int_equal(v, 12);
	assert_int_equal(fa_value_bool(&b, "nee", 1, &why), 0);
	assert_int_equal(b, 0);
	assert_true(fa_value_bsn_valid("1234567820", 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value__date),
		cmocka_unit_test(test_value__date_hint),
		cmocka_unit_test(test_value__iso_date_check),
		cmocka_unit_test(test_value__decimal),
		cmocka_unit_test(test_value__int),
		cmocka_unit_test(test_value__cents),
		cmocka_unit_test(test_value__bool),
		cmocka_unit_test(test_value__trim_and_empty),
		cmocka_unit_test(test_value__bsn_elfproef),
		cmocka_unit_test(test_value__uses_len_not_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
