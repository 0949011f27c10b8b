/* SPDX-License-Identifier: MIT */
/* Tests of the error record: codes, bounded diagnostics, formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"

static void test_error__first_code_wins(void **state)
{
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_error_add(&e, FA_ERR_INPUT, "a.csv", 3, 4, "x"),
			 FA_ERR_INPUT);
	assert_int_equal(fa_error_add(&e, FA_ERR_LIMIT, NULL, 0, 0, "y"),
			 FA_ERR_INPUT);
	assert_int_equal(e.code, FA_ERR_INPUT);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.diag[1].message, "y");
}

/* The one out-of-memory report: its text, where, and the first code. */
static void test_error__nomem(void **state)
{
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_error_nomem(&e, NULL), FA_ERR_NOMEM);
	assert_int_equal(e.code, FA_ERR_NOMEM);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.diag[0].where, "");
	assert_int_equal(e.diag[0].line, 0);
	assert_int_equal(e.diag[0].column, 0);
	assert_string_equal(e.diag[0].message, "out of memory");

	fa_error_init(&e);
	fa_error_add(&e, FA_ERR_INPUT, "a.csv", 3, 0, "bad cell");
	assert_int_equal(fa_error_nomem(&e, "pkg.zip"), FA_ERR_INPUT);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.diag[1].where, "pkg.zip");
	assert_string_equal(e.diag[1].message, "out of memory");
	assert_int_equal(fa_error_nomem(NULL, "pkg.zip"), FA_ERR_NOMEM);
}

/* What a parser reported after it ran out of memory is replaced by one
 * "out of memory"; what was there before the mark stays, first code too. */
static void test_error__nomem_replaces_what_came_after_mark(void **state)
{
	struct fa_error_mark m;
	struct fa_error e;
	int i;

	(void)state;
	fa_error_init(&e);
	fa_error_mark(&m, &e);
	fa_error_add(&e, FA_ERR_INPUT, "r.xml", 7, 55, "bogus");
	assert_int_equal(fa_error_nomem_since(&e, &m, "r.xml"), FA_ERR_NOMEM);
	assert_int_equal(e.code, FA_ERR_NOMEM);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.diag[0].where, "r.xml");
	assert_int_equal(e.diag[0].line, 0);
	assert_string_equal(e.diag[0].message, "out of memory");

	fa_error_init(&e);
	fa_error_add(&e, FA_ERR_INPUT, "a.xml", 1, 0, "kept");
	fa_error_mark(&m, &e);
	for (i = 0; i < FA_ERROR_DIAGS_MAX + 3; i++)
		fa_error_add(&e, FA_ERR_INPUT, "b.xml", 2, 0, "consequence");
	assert_int_equal(fa_error_nomem_since(&e, &m, NULL), FA_ERR_NOMEM);
	assert_int_equal(e.code, FA_ERR_INPUT);
	assert_int_equal(e.n, 2);
	assert_int_equal(e.n_dropped, 0);
	assert_string_equal(e.diag[0].message, "kept");
	assert_string_equal(e.diag[1].where, "");
	assert_string_equal(e.diag[1].message, "out of memory");
	assert_int_equal(fa_error_nomem_since(NULL, &m, NULL), FA_ERR_NOMEM);
}

static void test_error__overflow_is_counted_not_kept(void **state)
{
	struct fa_error e;
	int i;

	(void)state;
	fa_error_init(&e);
	for (i = 0; i < FA_ERROR_DIAGS_MAX + 5; i++)
		fa_error_add(&e, FA_ERR_INPUT, "f", (unsigned long)i + 1, 0,
			     "problem %d", i);
	assert_int_equal(e.n, FA_ERROR_DIAGS_MAX);
	assert_int_equal(e.n_dropped, 5);
	assert_string_equal(e.diag[FA_ERROR_DIAGS_MAX - 1].message,
			    "problem 31");
}

static void test_error__long_message_truncated(void **state)
{
	struct fa_error e;
	char big[2000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fa_error_init(&e);
	fa_error_add(&e, FA_ERR_INPUT, big, 1, 1, "%s", big);
	assert_int_equal(strlen(e.diag[0].message), FA_ERROR_MESSAGE_MAX - 1);
	assert_int_equal(strlen(e.diag[0].where), FA_ERROR_WHERE_MAX - 1);
}

static void test_error__format_leaves_out_unknown_parts(void **state)
{
	struct fa_diag d;
	char buf[256];

	(void)state;
	memset(&d, 0, sizeof(d));
	snprintf(d.message, sizeof(d.message), "%s",
		 "cannot open 'x': No such file or directory");
	fa_diag_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "cannot open 'x': No such file or directory");
	snprintf(d.where, sizeof(d.where), "workers.csv");
	fa_diag_format(buf, sizeof(buf), &d);
	assert_string_equal(
	    buf, "workers.csv: cannot open 'x': No such file or directory");
	d.line = 12;
	fa_diag_format(buf, sizeof(buf), &d);
	assert_string_equal(
	    buf, "workers.csv:12: cannot open 'x': No such file or directory");
	d.column = 3;
	fa_diag_format(buf, sizeof(buf), &d);
	assert_string_equal(
	    buf,
	    "workers.csv:12:3: cannot open 'x': No such file or directory");
	fa_diag_format(buf, 8, &d);
	assert_string_equal(buf, "workers");
}

static void test_error__null_record_keeps_code(void **state)
{
	(void)state;
	assert_int_equal(fa_error_add(NULL, FA_ERR_IO, NULL, 0, 0, "x"),
			 FA_ERR_IO);
	assert_string_equal(fa_code_name(FA_ERR_INTEGRITY), "integrity");
	assert_string_equal(fa_code_name((enum fa_code)99), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error__first_code_wins),
		cmocka_unit_test(test_error__nomem),
		cmocka_unit_test(
		    test_error__nomem_replaces_what_came_after_mark),
		cmocka_unit_test(test_error__overflow_is_counted_not_kept),
		cmocka_unit_test(test_error__long_message_truncated),
		cmocka_unit_test(test_error__format_leaves_out_unknown_parts),
		cmocka_unit_test(test_error__null_record_keeps_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
