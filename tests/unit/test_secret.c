/* SPDX-License-Identifier: MIT */
/*
 * Tests for secret.c: a password hash verifies its password and no
 * other, carries a new salt each time and names Argon2id at our costs;
 * the Argon2 reference implementation's own hash verifies; tokens have
 * the length and alphabet of URL-safe base64 and differ; comparison.
 * Each hash costs some 0.1 to 0.3 s (64 MiB): the tests make three.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "limits.h"
#include "secret.h"

#define PASSWORD "correct horse battery staple"

/*
 * The Argon2 reference implementation's test vector (its test.c, and RFC
 * 9106's parameters): Argon2id version 19 of "password" with the salt
 * "somesalt", 64 MiB, 2 passes, 1 lane, 32 bytes.
 */
#define REFERENCE_HASH                                \
	"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$" \
	"CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"

static void test_secret__hash_verifies_its_password_only(void **state)
{
	char a[FA_SECRET_HASH_SIZE], b[FA_SECRET_HASH_SIZE];
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_secret_hash(a, PASSWORD, strlen(PASSWORD), &err),
			 FA_OK);
	assert_int_equal(fa_secret_verify(a, PASSWORD, strlen(PASSWORD)), 1);
	assert_int_equal(fa_secret_verify(a, "correct horse battery stapler",
					  strlen(PASSWORD) + 1),
			 0);
	/* the length counts: a prefix of the password is another one */
	assert_int_equal(fa_secret_verify(a, PASSWORD, strlen(PASSWORD) - 1),
			 0);
	/* Argon2id, version 0x13 = 19, 64 MiB = 65536 KiB, 2 passes, one
	 * lane: FA_PASSWORD_MEMLIMIT and FA_PASSWORD_OPSLIMIT */
	assert_memory_equal(a, "$argon2id$v=19$m=65536,t=2,p=1$", 31);
	/* the same password again: another salt, so another string */
	assert_int_equal(fa_secret_hash(b, PASSWORD, strlen(PASSWORD), &err),
			 FA_OK);
	assert_string_not_equal(a, b);
	assert_int_equal(fa_secret_verify(b, PASSWORD, strlen(PASSWORD)), 1);
	assert_int_equal(err.n, 0);
}

static void test_secret__verifies_the_reference_hash(void **state)
{
	(void)state;
	assert_int_equal(fa_secret_verify(REFERENCE_HASH, "password", 8), 1);
	assert_int_equal(fa_secret_verify(REFERENCE_HASH, "Password", 8), 0);
}

static void test_secret__refuses_what_is_not_ours(void **state)
{
	char long_hash[FA_SECRET_HASH_SIZE + 10];

	(void)state;
	assert_int_equal(fa_secret_verify(NULL, "password", 8), 0);
	assert_int_equal(fa_secret_verify("", "password", 8), 0);
	assert_int_equal(fa_secret_verify("password", "password", 8), 0);
	/* Argon2i, not Argon2id: not a hash this module makes */
	assert_int_equal(fa_secret_verify("$argon2i$v=19$m=65536,t=2,p=1$"
					  "c29tZXNhbHQ$"
					  "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZW"
					  "b2GRPPc",
					  "password", 8),
			 0);
	/* no NUL within FA_SECRET_HASH_SIZE bytes */
	memset(long_hash, 'A', sizeof(long_hash));
	memcpy(long_hash, "$argon2id$", 10);
	long_hash[sizeof(long_hash) - 1] = '\0';
	assert_int_equal(fa_secret_verify(long_hash, "password", 8), 0);
}

/* Each character of URL-safe base64 (RFC 4648 section 5). */
static int urlsafe(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void test_secret__tokens(void **state)
{
	char a[44], b[44], small[4];
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	/* 32 bytes are 256 bits, 6 to a character: 42 and 4 bits over,
	 * so 43 characters without padding */
	assert_int_equal(fa_secret_token(a, sizeof(a), 32, &err), FA_OK);
	assert_int_equal(strlen(a), 43);
	assert_true(urlsafe(a));
	assert_int_equal(fa_secret_token(b, sizeof(b), 32, &err), FA_OK);
	assert_int_equal(strlen(b), 43);
	assert_true(urlsafe(b));
	assert_string_not_equal(a, b);
	/* 2 bytes: 16 bits, 3 characters (4 * 2 / 3 + 2 = 4 with NUL) */
	assert_int_equal(fa_secret_token(small, sizeof(small), 2, &err), FA_OK);
	assert_int_equal(strlen(small), 3);
	assert_true(urlsafe(small));
	assert_int_equal(err.n, 0);
}

static void test_secret__equal(void **state)
{
	(void)state;
	assert_int_equal(fa_secret_equal("abcdef", "abcdef", 6), 1);
	assert_int_equal(fa_secret_equal("abcdef", "abcdeg", 6), 0);
	assert_int_equal(fa_secret_equal("xbcdef", "abcdef", 6), 0);
	/* only the first len bytes count */
	assert_int_equal(fa_secret_equal("abcX", "abcY", 3), 1);
	assert_int_equal(fa_secret_equal("", "", 0), 1);
}

static void test_secret__verify_none_takes_any_password(void **state)
{
	(void)state;
	/* nothing to observe but that it returns for any input, the
	 * empty one included */
	fa_secret_verify_none("", 0);
	fa_secret_verify_none("password", 8);
	assert_int_equal(fa_secret_verify(REFERENCE_HASH, "password", 8), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret__hash_verifies_its_password_only),
		cmocka_unit_test(test_secret__verifies_the_reference_hash),
		cmocka_unit_test(test_secret__refuses_what_is_not_ours),
		cmocka_unit_test(test_secret__tokens),
		cmocka_unit_test(test_secret__equal),
		cmocka_unit_test(test_secret__verify_none_takes_any_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
