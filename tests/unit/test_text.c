/* SPDX-License-Identifier: MIT */
/*
 * Tests of the text helpers' control characters: which code points count
 * (each class at its edges, from the Unicode code charts: C0 U+0000-001F,
 * DEL U+007F, C1 U+0080-009F, bidi controls U+202A-202E and U+2066-2069),
 * their escapes, and the writer that escapes only its string arguments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static long control(const char *s)
{
	return fa_text_control(s, strlen(s));
}

static void test_text__control_classes_at_their_edges(void **state)
{
	(void)state;
	assert_int_equal(fa_text_control("a\0b", 3), 0x00);
	assert_int_equal(control("a\tb"), 0x09);
	assert_int_equal(control("a\nb"), 0x0a);
	assert_int_equal(control("\x1f"), 0x1f);
	assert_int_equal(control(" ~"), -1);		    /* U+0020, U+007E */
	assert_int_equal(control("x\x7f"), 0x7f);	    /* DEL */
	assert_int_equal(control("\xc2\x80"), 0x80);	    /* first C1 */
	assert_int_equal(control("\xc2\x9f"), 0x9f);	    /* last C1 */
	assert_int_equal(control("\xc2\xa0"), -1);	    /* no-break space */
	assert_int_equal(control("\xc3\xa9t\xc3\xa9"), -1); /* été */
	assert_int_equal(control("\xe2\x80\xa9"), -1);	    /* U+2029 */
	assert_int_equal(control("\xe2\x80\xaa"), 0x202a);
	assert_int_equal(control("\xe2\x80\xae"), 0x202e);
	assert_int_equal(control("\xe2\x80\xaf"), -1); /* U+202F */
	assert_int_equal(control("\xe2\x81\xa5"), -1); /* U+2065 */
	assert_int_equal(control("\xe2\x81\xa6"), 0x2066);
	assert_int_equal(control("\xe2\x81\xa9"), 0x2069);
	assert_int_equal(control("\xe2\x81\xaa"), -1); /* U+206A */
	/* a truncated sequence at the end is no control */
	assert_int_equal(fa_text_control("\xe2\x80\xae", 2), -1);
	assert_int_equal(fa_text_control("\xc2\x85", 1), -1);
}

/* 'ë' is C3 AB (U+00EB); '€' E2 82 AC (U+20AC); C0 AF an overlong '/';
 * ED A0 80 the surrogate U+D800; F4 90 80 80 is past U+10FFFF; 80 is a
 * continuation byte with nothing to continue. */
static void test_text__utf8_char(void **state)
{
	const unsigned char *e = (const unsigned char *)"\xc3\xab";
	const unsigned char *euro = (const unsigned char *)"\xe2\x82\xac";
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(fa_text_utf8_char((const unsigned char *)"A", 1, &cp),
			 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(fa_text_utf8_char(e, 2, &cp), 2);
	assert_int_equal(cp, 0xeb);
	assert_int_equal(fa_text_utf8_char(euro, 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	/* cut off: the rest may come with the next chunk */
	assert_int_equal(fa_text_utf8_char(euro, 2, NULL), -1);
	assert_int_equal(fa_text_utf8_char(euro, 1, NULL), -1);
	/* not UTF-8, whatever follows */
	assert_int_equal(fa_text_utf8_char(e, 1, NULL), -1);
	assert_int_equal(
	    fa_text_utf8_char((const unsigned char *)"\xc3\x41", 2, NULL), 0);
	assert_int_equal(
	    fa_text_utf8_char((const unsigned char *)"\xc0\xaf", 2, NULL), 0);
	assert_int_equal(
	    fa_text_utf8_char((const unsigned char *)"\xed\xa0\x80", 3, NULL),
	    0);
	assert_int_equal(
	    fa_text_utf8_char((const unsigned char *)"\xf4\x90\x80\x80", 4,
			      NULL),
	    0);
	assert_int_equal(
	    fa_text_utf8_char((const unsigned char *)"\x80", 1, NULL), 0);
}

static void test_text__escape(void **state)
{
	char *e;

	(void)state;
	e = fa_text_escape("Kade 1\x1b[2J\nB\xc2\x85"
			   "C\xe2\x80\xae"
			   "D \xc3\xa9");
	assert_non_null(e);
	assert_string_equal(e, "Kade 1\\x1B[2J\\x0AB\\x85C\\u{202E}D \xc3\xa9");
	free(e);
	e = fa_text_escape("");
	assert_string_equal(e, "");
	free(e);
}

static char *written(const char *what, int n, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_int_equal(fa_text_write(out, "%-6s|%s|%3d|%zu|%lld|%.2f|%%\n",
				       what, s, n, (size_t)7, -5LL, 2.5),
			 0);
	fclose(out);
	return buf;
}

/* The format's own line feeds stay; an argument's are escaped, and the
 * width counts the escaped text. */
static void test_text__write_escapes_arguments_only(void **state)
{
	char *s;

	(void)state;
	s = written("ab", 4, "x\ny");
	assert_string_equal(s, "ab    |x\\x0Ay|  4|7|-5|2.50|%\n");
	free(s);
	s = written("\x07", -1, "ok");
	assert_string_equal(s, "\\x07  |ok| -1|7|-5|2.50|%\n");
	free(s);
}

/* A precision counts escaped bytes and never cuts an escape in two. */
static void test_text__precision_keeps_escapes_whole(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(out);
	assert_int_equal(fa_text_write(out, "[%.5s][%.6s][%-8.3s]",
				       "ab\x1b"
				       "cd",
				       "ab\x1b"
				       "cd",
				       "xyz!"),
			 0);
	fclose(out);
	assert_string_equal(buf, "[ab][ab\\x1B][xyz     ]");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__control_classes_at_their_edges),
		cmocka_unit_test(test_text__utf8_char),
		cmocka_unit_test(test_text__escape),
		cmocka_unit_test(test_text__write_escapes_arguments_only),
		cmocka_unit_test(test_text__precision_keeps_escapes_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
