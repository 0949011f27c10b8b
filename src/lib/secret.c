/* SPDX-License-Identifier: MIT */
/*
 * Secrets through libsodium, the only module that calls it: Argon2id
 * password hashes in libsodium's encoded form, random tokens as URL-safe
 * base64, and comparison in constant time. libsodium keeps no state of
 * ours: sodium_init() is thread-safe and does its work once, so every
 * call here makes it first.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "limits.h"
#include "secret.h"

_Static_assert(FA_SECRET_HASH_SIZE == crypto_pwhash_STRBYTES,
	       "an encoded hash is crypto_pwhash_STRBYTES with its NUL");
_Static_assert(FA_PASSWORD_MEMLIMIT % 1024 == 0,
	       "Argon2id counts its memory in KiB");

/* The prefix of an encoded Argon2id hash: what verify accepts as ours. */
#define ARGON2ID_PREFIX "$argon2id$"

/* 0, or -1 when libsodium cannot start (no source of randomness). */
static int start(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static enum fa_code cannot_start(struct fa_error *err)
{
	return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
			    "cannot start libsodium: the system gives no "
			    "random numbers");
}

enum fa_code fa_secret_hash(char out[FA_SECRET_HASH_SIZE], const char *password,
			    size_t len, struct fa_error *err)
{
	out[0] = '\0';
	if (start() != 0)
		return cannot_start(err);
	if (crypto_pwhash_str_alg(out, password, len, FA_PASSWORD_OPSLIMIT,
				  FA_PASSWORD_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		out[0] = '\0';
		/* the only cause left: the memory Argon2id works in */
		return fa_error_nomem(err, NULL);
	}
	return FA_OK;
}

int fa_secret_verify(const char *hash, const char *password, size_t len)
{
	if (!hash || start() != 0)
		return 0;
	if (strnlen(hash, FA_SECRET_HASH_SIZE) >= FA_SECRET_HASH_SIZE ||
	    strncmp(hash, ARGON2ID_PREFIX, strlen(ARGON2ID_PREFIX)) != 0)
		return 0;
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}

void fa_secret_verify_none(const char *password, size_t len)
{
	char hash[FA_SECRET_HASH_SIZE];

	/* The costs are ours; salt and hash are zeros (base64 "A"s, 16 and
	 * 32 bytes): no password hashes to 32 zero bytes that anyone
	 * knows, and the work is that of a real verification. */
	snprintf(hash, sizeof(hash),
		 ARGON2ID_PREFIX "v=19$m=%lu,t=%d,p=1$%.22s$%.43s",
		 (unsigned long)(FA_PASSWORD_MEMLIMIT / 1024),
		 FA_PASSWORD_OPSLIMIT,
		 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	(void)fa_secret_verify(hash, password, len);
}

enum fa_code fa_secret_token(char *out, size_t size, size_t bytes,
			     struct fa_error *err)
{
	unsigned char raw[64];
	const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

	assert(bytes > 0 && bytes <= sizeof(raw));
	assert(size >= sodium_base64_ENCODED_LEN(bytes, variant));
	if (size)
		out[0] = '\0';
	if (start() != 0)
		return cannot_start(err);
	randombytes_buf(raw, bytes);
	sodium_bin2base64(out, size, raw, bytes, variant);
	sodium_memzero(raw, sizeof(raw));
	return FA_OK;
}

int fa_secret_equal(const void *a, const void *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}
