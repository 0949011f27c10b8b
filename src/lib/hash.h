/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 through nettle. The only module that calls nettle; everything
 * else hashes through these functions.
 */
#ifndef FA_HASH_H
#define FA_HASH_H

#include <stddef.h>

#include "error.h"

/* Lower-case hex digest plus NUL. */
#define FA_SHA256_HEX_LEN 65

struct fa_sha256; /* opaque incremental hash */

/* Allocate a hash context. Returns FA_OK or FA_ERR_NOMEM. */
enum fa_code fa_sha256_new(struct fa_sha256 **out, struct fa_error *err);
void fa_sha256_update(struct fa_sha256 *h, const void *buf, size_t len);
/* Write the hex digest of everything added and reset the context. */
void fa_sha256_hex(char hex[FA_SHA256_HEX_LEN], struct fa_sha256 *h);
void fa_sha256_free(struct fa_sha256 *h);

/* One-shot digest of buf[0..len). */
void fa_sha256_buf_hex(char hex[FA_SHA256_HEX_LEN], const void *buf,
		       size_t len);

/*
 * Digest of a whole file. Returns FA_OK, FA_ERR_IO (message names path and
 * strerror) or FA_ERR_NOMEM.
 */
enum fa_code fa_sha256_file_hex(char hex[FA_SHA256_HEX_LEN], const char *path,
				struct fa_error *err);

/* 1 if s is exactly 64 lower- or upper-case hex digits. */
int fa_sha256_hex_valid(const char *s);

#endif
