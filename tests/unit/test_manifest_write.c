/* SPDX-License-Identifier: MIT */
/*
 * Tests for manifest_write.c: what it writes, fa_manifest_parse reads back
 * to the same model, XML specials included; and the exact text of a small
 * manifest, written out by hand below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "manifest.h"

static void copy_hex(char dst[FA_SHA256_HEX_LEN], const char *hex)
{
	memcpy(dst, hex, FA_SHA256_HEX_LEN);
}

static char s_workers[] = "workers.csv", s_table[] = "workers",
	    s_doc[] = "documents/W1/a&b.pdf",
	    s_name[] = "De \"Boer\" & <Zn> B.V.", s_kvk[] = "12345678",
	    s_abu[] = "ABU-01234", s_from[] = "2025-01-01",
	    s_to[] = "2025-12-31", s_producer[] = "HR, J. O'Neill",
	    s_at[] = "2026-01-15T09:30:00+01:00";

static struct fa_manifest_file files[2];
static struct fa_manifest model;

static int setup(void **state)
{
	(void)state;
	files[0].path = s_workers;
	copy_hex(files[0].sha256, "61cdc5876172bb81454b6f88d2ed26b4"
				  "3994c4278bee27b37360fa5f155ac629");
	files[0].role = FA_ROLE_TABLE;
	files[0].table = s_table;
	files[0].encoding = FA_ENC_WINDOWS1252;
	files[1].path = s_doc;
	copy_hex(files[1].sha256, "a669324304d171f45b853d0d6d04d102"
				  "646521c550b9d4e24d39763f7cd56901");
	files[1].role = FA_ROLE_DOCUMENT;
	model.format = 1;
	model.member_name = s_name;
	model.kvk = s_kvk;
	model.abu_number = s_abu;
	model.period_from = s_from;
	model.period_to = s_to;
	model.producer_name = s_producer;
	model.produced_at = s_at;
	model.n_files = 2;
	model.files = files;
	return 0;
}

static const char expected[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"urn:flexaudit:evidence-package:1\" format=\"1\">\n"
    "  <member>\n"
    "    <name>De &quot;Boer&quot; &amp; &lt;Zn&gt; B.V.</name>\n"
    "    <kvk>12345678</kvk>\n"
    "    <abu-number>ABU-01234</abu-number>\n"
    "  </member>\n"
    "  <audit-period from=\"2025-01-01\" to=\"2025-12-31\"/>\n"
    "  <producer>\n"
    "    <name>HR, J. O&apos;Neill</name>\n"
    "  </producer>\n"
    "  <produced-at>2026-01-15T09:30:00+01:00</produced-at>\n"
    "  <files>\n"
    "    <file path=\"workers.csv\" role=\"table\" table=\"workers\" "
    "encoding=\"windows-1252\" "
    "sha256="
    "\"61cdc5876172bb81454b6f88d2ed26b43994c4278bee27b37360fa5f155ac629\"/>\n"
    "    <file path=\"documents/W1/a&amp;b.pdf\" role=\"document\" "
    "sha256="
    "\"a669324304d171f45b853d0d6d04d102646521c550b9d4e24d39763f7cd56901\"/>\n"
    "  </files>\n"
    "</package>\n";

static void test_manifest_write__text(void **state)
{
	struct fa_error err;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_manifest_write(&buf, &len, &model, &err), FA_OK);
	assert_int_equal(len, strlen(expected));
	assert_memory_equal(buf, expected, len);
	free(buf);
}

static void test_manifest_write__parses_back(void **state)
{
	struct fa_manifest *m = NULL;
	struct fa_error err;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_manifest_write(&buf, &len, &model, &err), FA_OK);
	assert_int_equal(
	    fa_manifest_parse(&m, "manifest.xml", buf, len, NULL, &err), FA_OK);
	assert_string_equal(m->member_name, model.member_name);
	assert_string_equal(m->producer_name, model.producer_name);
	assert_null(m->producer_system);
	assert_int_equal(m->n_files, 2);
	assert_string_equal(m->files[1].path, "documents/W1/a&b.pdf");
	assert_int_equal(m->files[0].encoding, FA_ENC_WINDOWS1252);
	assert_string_equal(m->files[0].table, "workers");
	assert_int_equal(m->files[1].role, FA_ROLE_DOCUMENT);
	fa_manifest_free(m);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest_write__text),
		cmocka_unit_test(test_manifest_write__parses_back),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
