/* SPDX-License-Identifier: MIT */
/*
 * Tests of the resource limits: the memory ceiling and its parts, and the
 * sizes and seconds the command line gives them, at their boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "db.h"
#include "resource.h"

#define MIB (1024ULL * 1024)
#define GIB (1024ULL * MIB)
#define TIB (1024ULL * GIB)

static void accept_memory(const char *s, uint64_t want)
{
	uint64_t v = 1;

	if (fa_resource_parse_memory(&v, s) != 0)
		fail_msg("'%s' refused", s ? s : "NULL");
	if (v != want)
		fail_msg("'%s': %llu, expected %llu", s, (unsigned long long)v,
			 (unsigned long long)want);
}

static void refuse_memory(const char *s)
{
	uint64_t v = 1;

	if (fa_resource_parse_memory(&v, s) == 0)
		fail_msg("'%s' accepted as %llu", s ? s : "NULL",
			 (unsigned long long)v);
	assert_int_equal(v, 0);
}

static void test_resource__memory_sizes(void **state)
{
	(void)state;
	accept_memory("512M", 512 * MIB);
	accept_memory("512m", 512 * MIB);
	accept_memory("4G", 4 * GIB);
	accept_memory("4g", 4 * GIB);
	accept_memory("2097152K", 2 * GIB);
	accept_memory("2147483648", 2 * GIB);
	/* the least: 32 MiB, and a byte less */
	accept_memory("32M", 32 * MIB);
	accept_memory("33554432", 32 * MIB);
	refuse_memory("33554431");
	refuse_memory("32767K");
	refuse_memory("31M");
	refuse_memory("0");
	refuse_memory("0G");
	/* the most: 1 TiB, and a byte more */
	accept_memory("1T", TIB);
	accept_memory("1024G", TIB);
	accept_memory("1099511627776", TIB);
	refuse_memory("1099511627777");
	refuse_memory("1025G");
	refuse_memory("2T");
	/* beyond 64 bits, with and without a unit */
	refuse_memory("18446744073709551616");
	refuse_memory("99999999999999999999999");
	refuse_memory("17179869184G");
	/* not a size */
	refuse_memory("");
	refuse_memory(NULL);
	refuse_memory("G");
	refuse_memory("12X");
	refuse_memory("1.5G");
	refuse_memory("-1G");
	refuse_memory("+4G");
	refuse_memory(" 4G");
	refuse_memory("4G ");
	refuse_memory("4GB");
	refuse_memory("4GiB");
}

static void accept_seconds(const char *s, double want)
{
	double v = -1;

	if (fa_resource_parse_seconds(&v, s) != 0)
		fail_msg("'%s' refused", s ? s : "NULL");
	assert_float_equal(v, want, 1e-9);
}

static void refuse_seconds(const char *s)
{
	double v = -1;

	if (fa_resource_parse_seconds(&v, s) == 0)
		fail_msg("'%s' accepted as %g", s ? s : "NULL", v);
}

static void test_resource__seconds(void **state)
{
	(void)state;
	accept_seconds("60", 60);
	accept_seconds("0.5", 0.5);
	accept_seconds("1.25", 1.25);
	accept_seconds("007", 7);
	/* more than 0 */
	accept_seconds("0.001", 0.001);
	refuse_seconds("0");
	refuse_seconds("0.0");
	/* at most a week: 604800 */
	accept_seconds("604800", 604800);
	accept_seconds("604799.9", 604799.9);
	refuse_seconds("604800.1");
	refuse_seconds("604801");
	refuse_seconds("99999999999999999999999");
	/* not a number of seconds */
	refuse_seconds("");
	refuse_seconds(NULL);
	refuse_seconds(".5");
	refuse_seconds("5.");
	refuse_seconds("1e3");
	refuse_seconds("-1");
	refuse_seconds("60s");
	refuse_seconds("1,5");
}

static void expect_format(uint64_t bytes, const char *want)
{
	char buf[32];

	fa_resource_format_size(buf, sizeof(buf), bytes);
	assert_string_equal(buf, want);
}

static void test_resource__format_size(void **state)
{
	(void)state;
	expect_format(2 * GIB, "2G");
	expect_format(64 * MIB, "64M");
	expect_format(1536 * 1024, "1536K");
	expect_format(TIB, "1T");
	expect_format(1000, "1000");
	expect_format(0, "0");
}

static void test_resource__ceiling_parts(void **state)
{
	struct fa_db_heap h;

	(void)state;
	/* the default: 2 GiB */
	assert_int_equal(fa_resource_memory(), 2 * GIB);
	assert_int_equal(fa_resource_sqlite_bytes(), 512 * MIB);
	assert_int_equal(fa_resource_findings_bytes(), 1 * GIB);
	assert_int_equal(fa_resource_rule_findings(), 200000);
	fa_db_heap_use(&h);
	assert_int_equal(h.limit, 512 * MIB);
	/* 64 MiB: a quarter, a half, 100,000 findings per GiB */
	fa_resource_set_memory(64 * MIB);
	assert_int_equal(fa_resource_sqlite_bytes(), 16 * MIB);
	assert_int_equal(fa_resource_findings_bytes(), 32 * MIB);
	assert_int_equal(fa_resource_rule_findings(), 6250);
	fa_db_heap_use(&h);
	assert_int_equal(h.limit, 16 * MIB);
	/* the most */
	fa_resource_set_memory(TIB);
	assert_int_equal(fa_resource_rule_findings(), 102400000);
	fa_resource_set_memory(2 * GIB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resource__memory_sizes),
		cmocka_unit_test(test_resource__seconds),
		cmocka_unit_test(test_resource__format_size),
		cmocka_unit_test(test_resource__ceiling_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
