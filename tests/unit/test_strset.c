/* SPDX-License-Identifier: MIT */
/* Tests of the string set: membership, growth, lengths, release. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "strset.h"

static void test_strset__add_and_has(void **state)
{
	struct fa_strset s;

	(void)state;
	fa_strset_init(&s);
	assert_false(fa_strset_has(&s, "W1", 2));
	assert_int_equal(fa_strset_add(&s, "W1x", 2), 1);
	assert_int_equal(fa_strset_add(&s, "W1", 2), 0);
	assert_true(fa_strset_has(&s, "W1", 2));
	/* Length counts: a prefix is another key. */
	assert_false(fa_strset_has(&s, "W", 1));
	assert_false(fa_strset_has(&s, "W1x", 3));
	assert_int_equal(s.n, 1);
	fa_strset_release(&s);
	assert_false(fa_strset_has(&s, "W1", 2));
}

static void test_strset__many_keys_survive_growth(void **state)
{
	struct fa_strset s;
	char k[32];
	int i, n;

	(void)state;
	fa_strset_init(&s);
	for (i = 0; i < 100000; i++) {
		n = snprintf(k, sizeof(k), "W%06d", i);
		assert_int_equal(fa_strset_add(&s, k, (size_t)n), 1);
	}
	assert_int_equal(s.n, 100000);
	for (i = 0; i < 100000; i++) {
		n = snprintf(k, sizeof(k), "W%06d", i);
		assert_true(fa_strset_has(&s, k, (size_t)n));
	}
	n = snprintf(k, sizeof(k), "W%06d", 100000);
	assert_false(fa_strset_has(&s, k, (size_t)n));
	fa_strset_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strset__add_and_has),
		cmocka_unit_test(test_strset__many_keys_survive_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
