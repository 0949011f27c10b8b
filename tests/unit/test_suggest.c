/* SPDX-License-Identifier: MIT */
/*
 * Tests of "did you mean": the distance on pairs worked out by hand, the
 * limit at the lengths where it steps, and which names a message gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "suggest.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_suggest__distance(void **state)
{
	static const struct {
		const char *a, *b;
		size_t d;
	} cases[] = {
		{ "", "", 0 },
		{ "", "abc", 3 },
		{ "abc", "", 3 },
		{ "FEC-SIGNED", "FEC-SIGNED", 0 },
		/* case does not count */
		{ "fec-signed", "FEC-SIGNED", 0 },
		/* kitten -> sitten -> sittin -> sitting */
		{ "kitten", "sitting", 3 },
		/* two letters swapped: one edit, not two */
		{ "FEC-SINGED", "FEC-SIGNED", 1 },
		{ "ab", "ba", 1 },
		/* a swapped pair is not edited again: ca -> ac -> abc would
		 * be 2, but the alignment allows 3 (delete, delete, insert) */
		{ "ca", "abc", 3 },
		/* flaw -> law (delete) -> lawn (insert) */
		{ "flaw", "lawn", 2 },
		{ "SNF-2.3-BEDROM-PERSONS", "SNF-2.3-BEDROOM-PERSONS", 1 },
		{ "caa", "cao", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		size_t d = fa_suggest_distance(cases[i].a, cases[i].b);

		if (d != cases[i].d)
			fail_msg("'%s' '%s': %zu, want %zu", cases[i].a,
				 cases[i].b, d, cases[i].d);
	}
}

/* FA_SUGGEST_NAME_MAX bytes are compared; one more is not. */
static void test_suggest__distance_length_limit(void **state)
{
	char a[FA_SUGGEST_NAME_MAX + 2], b[FA_SUGGEST_NAME_MAX + 2];

	(void)state;
	memset(a, 'a', sizeof(a));
	a[FA_SUGGEST_NAME_MAX] = '\0';
	memcpy(b, a, sizeof(a));
	b[0] = 'b';
	assert_int_equal(fa_suggest_distance(a, b), 1);
	assert_int_equal(fa_suggest_distance(a, "a"), FA_SUGGEST_NAME_MAX - 1);
	a[FA_SUGGEST_NAME_MAX] = 'a';
	a[FA_SUGGEST_NAME_MAX + 1] = '\0';
	assert_int_equal(fa_suggest_distance(a, b), SIZE_MAX);
	assert_int_equal(fa_suggest_distance(b, a), SIZE_MAX);
}

/* A third of the length, at most 3: it steps at 3, 6 and 9 bytes. */
static void test_suggest__limit(void **state)
{
	(void)state;
	assert_int_equal(fa_suggest_limit(""), 0);
	assert_int_equal(fa_suggest_limit("ab"), 0);
	assert_int_equal(fa_suggest_limit("abc"), 1);
	assert_int_equal(fa_suggest_limit("abcde"), 1);
	assert_int_equal(fa_suggest_limit("abcdef"), 2);
	assert_int_equal(fa_suggest_limit("abcdefgh"), 2);
	assert_int_equal(fa_suggest_limit("abcdefghi"), 3);
	assert_int_equal(fa_suggest_limit("SNF-2.3-BEDROOM-PERSONS"), 3);
}

/* The text for typed after offering names[0..n). */
static void text(char *buf, size_t size, const char *typed,
		 const char *const *names, size_t n)
{
	struct fa_suggest s;
	size_t i;

	fa_suggest_init(&s, typed);
	for (i = 0; i < n; i++)
		fa_suggest_offer(&s, names[i]);
	fa_suggest_text(buf, size, &s, "OTHERWISE");
}

/* Nine names far from each other and from the words typed below. */
static const char *const nine[] = {
	"alpha",   "bravo", "charlie", "delta", "echo",
	"foxtrot", "golf",  "hotel",   "india",
};

static void test_suggest__few_are_listed(void **state)
{
	char buf[256];

	(void)state;
	text(buf, sizeof(buf), "x", nine, 1);
	assert_string_equal(buf, "give alpha");
	text(buf, sizeof(buf), "x", nine, 2);
	assert_string_equal(buf, "give alpha or bravo");
	/* eight: still listed, close or not */
	text(buf, sizeof(buf), "alpah", nine, 8);
	assert_string_equal(buf, "give alpha, bravo, charlie, delta, echo, "
				 "foxtrot, golf or hotel");
	/* nothing offered */
	text(buf, sizeof(buf), "x", nine, 0);
	assert_string_equal(buf, "OTHERWISE");
}

static void test_suggest__many_give_the_closest(void **state)
{
	char buf[256];

	(void)state;
	/* nine: no longer listed; "alpah" is 1 from alpha */
	text(buf, sizeof(buf), "alpah", nine, 9);
	assert_string_equal(buf, "did you mean 'alpha'?");
	/* nothing close */
	text(buf, sizeof(buf), "zulu", nine, 9);
	assert_string_equal(buf, "OTHERWISE");
	/* case alone: close however short */
	text(buf, sizeof(buf), "GOLF", nine, 9);
	assert_string_equal(buf, "did you mean 'golf'?");
}

/* "abcdef" may be 2 away, not 3. */
static void test_suggest__limit_boundary(void **state)
{
	static const char *const at[] = {
		"alpha",   "bravo", "charlie", "delta",	 "echo",
		"foxtrot", "golf",  "hotel",   "abcdXY",
	};
	static const char *const past[] = {
		"alpha",   "bravo", "charlie", "delta",	 "echo",
		"foxtrot", "golf",  "hotel",   "abcXYZ",
	};
	char buf[256];

	(void)state;
	text(buf, sizeof(buf), "abcdef", at, N(at));
	assert_string_equal(buf, "did you mean 'abcdXY'?");
	text(buf, sizeof(buf), "abcdef", past, N(past));
	assert_string_equal(buf, "OTHERWISE");
}

/* Ties: the first three offered at the best distance; a closer name
 * offered later replaces them. */
static void test_suggest__ties_and_better(void **state)
{
	static const char *const ties[] = {
		"alpha",   "bravo", "charlie", "delta",	 "echo",
		"foxtrot", "golf",  "abcdeX",  "abcdeY",
	};
	static const char *const four[] = {
		"alpha",  "bravo",  "charlie", "delta",	 "echo",
		"abcdeW", "abcdeX", "abcdeY",  "abcdeZ",
	};
	static const char *const better[] = {
		"alpha",  "bravo",  "charlie", "delta",	  "echo",
		"abcdXX", "abcdYY", "abcdeZ",  "foxtrot",
	};
	char buf[256];

	(void)state;
	text(buf, sizeof(buf), "abcdef", ties, N(ties));
	assert_string_equal(buf, "did you mean 'abcdeX' or 'abcdeY'?");
	text(buf, sizeof(buf), "abcdef", four, N(four));
	assert_string_equal(buf,
			    "did you mean 'abcdeW', 'abcdeX' or 'abcdeY'?");
	text(buf, sizeof(buf), "abcdef", better, N(better));
	assert_string_equal(buf, "did you mean 'abcdeZ'?");
}

/* A buffer too small: cut short, still a string. */
static void test_suggest__small_buffer(void **state)
{
	char buf[12];

	(void)state;
	text(buf, sizeof(buf), "x", nine, 8);
	assert_string_equal(buf, "give alpha,");
	text(buf, sizeof(buf), "alpah", nine, 9);
	assert_string_equal(buf, "did you mea");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest__distance),
		cmocka_unit_test(test_suggest__distance_length_limit),
		cmocka_unit_test(test_suggest__limit),
		cmocka_unit_test(test_suggest__few_are_listed),
		cmocka_unit_test(test_suggest__many_give_the_closest),
		cmocka_unit_test(test_suggest__limit_boundary),
		cmocka_unit_test(test_suggest__ties_and_better),
		cmocka_unit_test(test_suggest__small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
