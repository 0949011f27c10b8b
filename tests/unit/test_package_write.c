/* SPDX-License-Identifier: MIT */
/*
 * Tests for package_write.c: a written zip reads back through the package
 * reader with every check, the same entries give the same bytes, the time
 * stamp is the one given (MS-DOS fields worked out by hand), and a failed
 * write leaves nothing behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "package.h"

static const struct fa_package_stamp stamp = { 2026, 11, 10, 16, 45, 1 };

static char dir[] = "/tmp/fa-test-pkgw-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* manifest.xml from memory (deflated), documents/a.pdf from a file
 * (stored), in that order. */
static void make_zip(const char *zip)
{
	static const char manifest[] = "<package/>\n";
	struct fa_package_writer *w = NULL;
	struct fa_error err;
	char doc[256];

	path_in(doc, sizeof(doc), "a.pdf");
	write_file(doc, "%PDF-1.4 not really\n");
	fa_error_init(&err);
	assert_int_equal(fa_package_writer_new(&w, zip, &stamp, &err), FA_OK);
	assert_int_equal(fa_package_writer_add_mem(w, "manifest.xml", manifest,
						   sizeof(manifest) - 1, 1,
						   &err),
			 FA_OK);
	assert_int_equal(
	    fa_package_writer_add_file(w, "documents/a.pdf", doc, 0, &err),
	    FA_OK);
	assert_int_equal(fa_package_writer_close(w, &err), FA_OK);
	fa_package_writer_free(w);
}

static void test_package_write__reads_back(void **state)
{
	struct fa_package *pkg = NULL;
	struct fa_error err;
	unsigned char *data = NULL;
	size_t len = 0;
	char zip[256];

	(void)state;
	path_in(zip, sizeof(zip), "one.zip");
	make_zip(zip);
	fa_error_init(&err);
	assert_int_equal(fa_package_open(&pkg, zip, &err), FA_OK);
	assert_int_equal(fa_package_count(pkg), 2);
	assert_string_equal(fa_package_entry_at(pkg, 0)->name, "manifest.xml");
	assert_string_equal(fa_package_entry_at(pkg, 1)->name,
			    "documents/a.pdf");
	assert_int_equal(fa_package_read_all(&data, &len, NULL, pkg,
					     "documents/a.pdf", 1024, &err),
			 FA_OK);
	assert_string_equal((char *)data, "%PDF-1.4 not really\n");
	free(data);
	assert_int_equal(fa_package_read_all(&data, &len, NULL, pkg,
					     "manifest.xml", 1024, &err),
			 FA_OK);
	assert_string_equal((char *)data, "<package/>\n");
	free(data);
	fa_package_free(pkg);
}

static void test_package_write__same_bytes_and_stamp(void **state)
{
	unsigned char *a, *b;
	size_t la, lb;
	char za[256], zb[256];

	(void)state;
	path_in(za, sizeof(za), "a.zip");
	path_in(zb, sizeof(zb), "b.zip");
	make_zip(za);
	sleep(2); /* a file time that leaked in would differ now */
	make_zip(zb);
	a = slurp(za, &la);
	b = slurp(zb, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	/* The first local header: signature, then at offset 10 the MS-DOS
	 * time and date, little-endian. 16:45:01 is 16 << 11 | 45 << 5 |
	 * 1 / 2 = 32768 + 1440 + 0 = 0x85a0; 2026-11-10 is (2026 - 1980) <<
	 * 9 | 11 << 5 | 10 = 23552 + 352 + 10 = 0x5d6a. */
	assert_memory_equal(a, "PK\3\4", 4);
	assert_int_equal(a[10], 0xa0);
	assert_int_equal(a[11], 0x85);
	assert_int_equal(a[12], 0x6a);
	assert_int_equal(a[13], 0x5d);
	/* no extra field: its length (offset 28) is 0 */
	assert_int_equal(a[28] | a[29] << 8, 0);
	free(a);
	free(b);
}

static void test_package_write__missing_source_leaves_nothing(void **state)
{
	struct fa_package_writer *w = NULL;
	struct fa_error err;
	struct stat sb;
	struct dirent *de;
	DIR *d;
	char zip[256], gone[256];

	(void)state;
	path_in(zip, sizeof(zip), "failed.zip");
	path_in(gone, sizeof(gone), "no-such-file.pdf");
	fa_error_init(&err);
	assert_int_equal(fa_package_writer_new(&w, zip, &stamp, &err), FA_OK);
	/* libzip may notice the missing file when it is added or when the
	 * zip is written; either way the write fails with an I/O error */
	if (fa_package_writer_add_file(w, "documents/x.pdf", gone, 0, &err) ==
	    FA_OK)
		assert_int_equal(fa_package_writer_close(w, &err), FA_ERR_IO);
	assert_int_equal(err.code, FA_ERR_IO);
	assert_string_equal(err.diag[0].where, zip);
	fa_package_writer_free(w);
	assert_int_equal(stat(zip, &sb), -1);
	/* nor a temporary file beside it */
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)))
		assert_false(strncmp(de->d_name, "failed.zip", 10) == 0);
	closedir(d);
}

static void test_package_write__stamp_out_of_range(void **state)
{
	static const struct fa_package_stamp old = { 1979, 12, 31, 0, 0, 0 };
	struct fa_package_writer *w = NULL;
	struct fa_error err;
	char zip[256];

	(void)state;
	path_in(zip, sizeof(zip), "old.zip");
	fa_error_init(&err);
	assert_int_equal(fa_package_writer_new(&w, zip, &old, &err),
			 FA_ERR_USAGE);
	assert_null(w);
	assert_string_equal(err.diag[0].message,
			    "time stamp 1979-12-31T00:00:00 cannot be stored "
			    "in a zip (years 1980 to 2107)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package_write__reads_back),
		cmocka_unit_test(test_package_write__same_bytes_and_stamp),
		cmocka_unit_test(
		    test_package_write__missing_source_leaves_nothing),
		cmocka_unit_test(test_package_write__stamp_out_of_range),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
