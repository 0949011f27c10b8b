/* SPDX-License-Identifier: MIT */
/*
 * Tests for hash.c: published SHA-256 vectors, streaming in uneven pieces
 * against the one-shot digest, whole files, and hex validation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hash.h"

/* FIPS 180-2 appendix B and the NIST example values. */
#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_448BIT \
	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define SHA_MILLION_A \
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

#define MILLION 1000000

static void test_hash__empty_input(void **state)
{
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	fa_sha256_buf_hex(hex, "", 0);
	assert_string_equal(hex, SHA_EMPTY);
	fa_sha256_buf_hex(hex, NULL, 0);
	assert_string_equal(hex, SHA_EMPTY);
}

static void test_hash__known_vectors(void **state)
{
	static const char msg448[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	fa_sha256_buf_hex(hex, "abc", 3);
	assert_string_equal(hex, SHA_ABC);
	fa_sha256_buf_hex(hex, msg448, strlen(msg448));
	assert_string_equal(hex, SHA_448BIT);
}

static void test_hash__incremental_matches_vector(void **state)
{
	struct fa_error err = { 0 };
	struct fa_sha256 *h = NULL;
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	assert_int_equal(fa_sha256_new(&h, &err), FA_OK);
	assert_non_null(h);
	fa_sha256_update(h, "a", 1);
	fa_sha256_update(h, "", 0);
	fa_sha256_update(h, "bc", 2);
	fa_sha256_hex(hex, h);
	assert_string_equal(hex, SHA_ABC);
	fa_sha256_free(h);
}

static void test_hash__hex_resets_context(void **state)
{
	struct fa_error err = { 0 };
	struct fa_sha256 *h = NULL;
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	assert_int_equal(fa_sha256_new(&h, &err), FA_OK);
	fa_sha256_update(h, "xyz", 3);
	fa_sha256_hex(hex, h);
	fa_sha256_hex(hex, h);
	assert_string_equal(hex, SHA_EMPTY);
	fa_sha256_update(h, "abc", 3);
	fa_sha256_hex(hex, h);
	assert_string_equal(hex, SHA_ABC);
	fa_sha256_free(h);
}

/* Odd chunk sizes straddle nettle's 64-byte block boundaries. */
static void test_hash__streaming_odd_chunks_equals_one_shot(void **state)
{
	static const size_t chunks[] = { 1, 63, 64, 65, 127, 4093, 65537 };
	struct fa_error err = { 0 };
	struct fa_sha256 *h = NULL;
	unsigned char *buf = malloc(MILLION);
	char one[FA_SHA256_HEX_LEN], streamed[FA_SHA256_HEX_LEN];
	size_t off = 0, i = 0, n;

	(void)state;
	assert_non_null(buf);
	memset(buf, 'a', MILLION);
	fa_sha256_buf_hex(one, buf, MILLION);
	assert_string_equal(one, SHA_MILLION_A);

	/* Different bytes too, so that misplaced chunks would show. */
	for (n = 0; n < MILLION; n++)
		buf[n] = (unsigned char)(n * 7 + n / 251);
	fa_sha256_buf_hex(one, buf, MILLION);
	assert_int_equal(fa_sha256_new(&h, &err), FA_OK);
	while (off < MILLION) {
		n = chunks[i++ % (sizeof(chunks) / sizeof(chunks[0]))];
		if (n > MILLION - off)
			n = MILLION - off;
		fa_sha256_update(h, buf + off, n);
		off += n;
	}
	fa_sha256_hex(streamed, h);
	assert_string_equal(streamed, one);
	assert_string_not_equal(streamed, SHA_MILLION_A);
	fa_sha256_free(h);
	free(buf);
}

static void test_hash__file_digest(void **state)
{
	char path[] = "/tmp/fa_test_hash_XXXXXX";
	struct fa_error err = { 0 };
	char hex[FA_SHA256_HEX_LEN];
	unsigned char *buf = malloc(MILLION);
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(buf);
	memset(buf, 'a', MILLION);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, MILLION, f), MILLION);
	assert_int_equal(fclose(f), 0);

	assert_int_equal(fa_sha256_file_hex(hex, path, &err), FA_OK);
	assert_string_equal(hex, SHA_MILLION_A);
	assert_int_equal(err.n, 0);
	unlink(path);
	free(buf);
}

static void test_hash__empty_file_digest(void **state)
{
	char path[] = "/tmp/fa_test_hash_XXXXXX";
	struct fa_error err = { 0 };
	char hex[FA_SHA256_HEX_LEN];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(fa_sha256_file_hex(hex, path, &err), FA_OK);
	assert_string_equal(hex, SHA_EMPTY);
	unlink(path);
}

static void test_hash__missing_file_is_io_error(void **state)
{
	struct fa_error err = { 0 };
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	assert_int_equal(fa_sha256_file_hex(hex, "/nonexistent/x.csv", &err),
			 FA_ERR_IO);
	assert_int_equal(err.code, FA_ERR_IO);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].where, "/nonexistent/x.csv");
	assert_string_equal(err.diag[0].message,
			    "cannot open '/nonexistent/x.csv': No such file or "
			    "directory");
	assert_string_equal(hex, "");
}

static void test_hash__directory_is_io_error(void **state)
{
	struct fa_error err = { 0 };
	char hex[FA_SHA256_HEX_LEN];

	(void)state;
	assert_int_equal(fa_sha256_file_hex(hex, "/tmp", &err), FA_ERR_IO);
	assert_string_equal(err.diag[0].message,
			    "cannot read '/tmp': Is a directory");
}

static void test_hash__hex_validity(void **state)
{
	(void)state;
	assert_true(fa_sha256_hex_valid(SHA_ABC));
	assert_true(fa_sha256_hex_valid("BA7816BF8F01CFEA414140DE5DAE2223B00361"
					"A396177A9CB410FF61F20015AD"));
	assert_true(fa_sha256_hex_valid("Ba7816bf8f01cfea414140de5dae2223b00361"
					"a396177a9cb410ff61f20015aD"));
	assert_false(fa_sha256_hex_valid(NULL));
	assert_false(fa_sha256_hex_valid(""));
	/* 63 and 65 digits */
	assert_false(fa_sha256_hex_valid(
	    "a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	assert_false(fa_sha256_hex_valid("ba7816bf8f01cfea414140de5dae2223b0036"
					 "1a396177a9cb410ff61f20015ad0"));
	assert_false(fa_sha256_hex_valid("ga7816bf8f01cfea414140de5dae2223b0036"
					 "1a396177a9cb410ff61f20015ad"));
	assert_false(fa_sha256_hex_valid("ba7816bf8f01cfea414140de5dae2223b0036"
					 "1a396177a9cb410ff61f20015a "));
	assert_false(fa_sha256_hex_valid(" ba7816bf8f01cfea414140de5dae2223b003"
					 "61a396177a9cb410ff61f20015a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash__empty_input),
		cmocka_unit_test(test_hash__known_vectors),
		cmocka_unit_test(test_hash__incremental_matches_vector),
		cmocka_unit_test(test_hash__hex_resets_context),
		cmocka_unit_test(
		    test_hash__streaming_odd_chunks_equals_one_shot),
		cmocka_unit_test(test_hash__file_digest),
		cmocka_unit_test(test_hash__empty_file_digest),
		cmocka_unit_test(test_hash__missing_file_is_io_error),
		cmocka_unit_test(test_hash__directory_is_io_error),
		cmocka_unit_test(test_hash__hex_validity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
