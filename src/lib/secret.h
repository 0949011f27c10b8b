/* SPDX-License-Identifier: MIT */
/*
 * Secrets through libsodium, the only module that calls it: password
 * hashes (Argon2id, libsodium's encoded form with its own salt and
 * costs), random tokens, and comparison in constant time.
 */
#ifndef FA_SECRET_H
#define FA_SECRET_H

#include <stddef.h>

#include "error.h"

/* An encoded Argon2id hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash")
 * with its NUL. */
#define FA_SECRET_HASH_SIZE 128

/*
 * Hash password[0..len) with Argon2id at the costs FA_PASSWORD_OPSLIMIT
 * and FA_PASSWORD_MEMLIMIT (limits.h) and a new random salt. FA_OK,
 * FA_ERR_NOMEM (the memory the hash needs), FA_ERR_INTERNAL (libsodium
 * could not start).
 */
enum fa_code fa_secret_hash(char out[FA_SECRET_HASH_SIZE], const char *password,
			    size_t len, struct fa_error *err);
/* 1 if password matches hash, 0 if not or hash is not one of ours. */
int fa_secret_verify(const char *hash, const char *password, size_t len);
/*
 * The work of fa_secret_verify against a hash made at the current costs
 * that no password matches: for a login that does not exist, so that
 * the time taken does not tell which logins do.
 */
void fa_secret_verify_none(const char *password, size_t len);
/*
 * A new random token of `bytes` random bytes (at most 64) as URL-safe
 * base64 without padding into out (size at least 4 * bytes / 3 + 2).
 * FA_OK or FA_ERR_INTERNAL (libsodium could not start).
 */
enum fa_code fa_secret_token(char *out, size_t size, size_t bytes,
			     struct fa_error *err);
/* 1 if a[0..len) and b[0..len) are equal, in time that depends on len
 * only. */
int fa_secret_equal(const void *a, const void *b, size_t len);

#endif
