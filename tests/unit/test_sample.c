/* SPDX-License-Identifier: MIT */
/*
 * Tests of sampling: the documented size rule, and the draw pinned to known
 * samples, so that a change of algorithm (which would make old reports
 * irreproducible) fails here first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sample.h"

static struct fa_evidence *demo(void)
{
	struct fa_evidence *ev = NULL;
	struct fa_error e;
	char path[512];
	const char *dir = getenv("FA_PACKAGES");

	snprintf(path, sizeof(path), "%s/demo.zip",
		 dir ? dir : "build/packages");
	fa_error_init(&e);
	assert_int_equal(fa_evidence_load(&ev, path, &e), FA_OK);
	return ev;
}

static void test_sample__auto_size_rule(void **state)
{
	(void)state;
	assert_int_equal(fa_sample_auto_size(0), 0);
	assert_int_equal(fa_sample_auto_size(7), 7);
	assert_int_equal(fa_sample_auto_size(15), 15);
	assert_int_equal(fa_sample_auto_size(16), 15);
	assert_int_equal(fa_sample_auto_size(80), 15);
	assert_int_equal(fa_sample_auto_size(225), 15);
	assert_int_equal(fa_sample_auto_size(226), 16);
	assert_int_equal(fa_sample_auto_size(50000), 224);
}

/* The ids are those docs/sampling.md's algorithm gives for seed 42 on the
 * demo's 80 workers, as tests/report/sample-draw.py draws them in Python
 * from the document alone. */
static void test_sample__seed_42_draws_a_known_sample(void **state)
{
	static const char *const want[] = {
		"W0003", "W0005", "W0011", "W0018", "W0027",
		"W0039", "W0046", "W0047", "W0052", "W0054",
		"W0056", "W0058", "W0060", "W0078", "W0079",
	};
	struct fa_evidence *ev = demo();
	struct fa_sample *s = NULL;
	struct fa_error e;
	size_t i;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_sample_draw(&s, ev, 15, 42, &e), FA_OK);
	assert_int_equal(s->population, 80);
	assert_int_equal(s->n, 15);
	for (i = 0; i < 15; i++)
		assert_string_equal(s->ids[i], want[i]);
	assert_true(fa_strset_has(&s->set, "W0003", 5));
	assert_false(fa_strset_has(&s->set, "W0004", 5));
	fa_sample_free(s);
	fa_evidence_free(ev);
}

static void test_sample__same_seed_same_sample_other_seed_other(void **state)
{
	struct fa_evidence *ev = demo();
	struct fa_sample *a = NULL, *b = NULL, *c = NULL;
	struct fa_error e;
	size_t i, same = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_sample_draw(&a, ev, 15, 123456789, &e), FA_OK);
	assert_int_equal(fa_sample_draw(&b, ev, 15, 123456789, &e), FA_OK);
	assert_int_equal(fa_sample_draw(&c, ev, 15, 123456790, &e), FA_OK);
	for (i = 0; i < 15; i++) {
		assert_string_equal(a->ids[i], b->ids[i]);
		same += strcmp(a->ids[i], c->ids[i]) == 0;
	}
	assert_true(same < 15);
	fa_sample_free(a);
	fa_sample_free(b);
	fa_sample_free(c);
	fa_evidence_free(ev);
}

static void test_sample__larger_than_population_takes_all(void **state)
{
	struct fa_evidence *ev = demo();
	struct fa_sample *s = NULL;
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_sample_draw(&s, ev, 1000, 7, &e), FA_OK);
	assert_int_equal(s->n, 80);
	assert_string_equal(s->ids[0], "W0001");
	assert_string_equal(s->ids[79], "W0080");
	fa_sample_free(s);
	fa_sample_free(NULL);
	fa_evidence_free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample__auto_size_rule),
		cmocka_unit_test(test_sample__seed_42_draws_a_known_sample),
		cmocka_unit_test(
		    test_sample__same_seed_same_sample_other_seed_other),
		cmocka_unit_test(test_sample__larger_than_population_takes_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
