/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 through nettle: incremental contexts, one-shot buffers and whole
 * files. The only file that includes a nettle header, so that changing the
 * hash library touches nothing else. Uses nettle and libc.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "hash.h"

/* Read size for fa_sha256_file_hex: large enough that the system call
 * overhead disappears behind hashing, small enough to be irrelevant. */
#define FILE_CHUNK_BYTES (64 * 1024)

_Static_assert(FA_SHA256_HEX_LEN == 2 * SHA256_DIGEST_SIZE + 1,
	       "hex buffer must hold two digits per digest byte and a NUL");

struct fa_sha256 {
	struct sha256_ctx ctx;
};

static void to_hex(char hex[FA_SHA256_HEX_LEN],
		   const unsigned char digest[SHA256_DIGEST_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0x0f];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

enum fa_code fa_sha256_new(struct fa_sha256 **out, struct fa_error *err)
{
	struct fa_sha256 *h;

	*out = NULL;
	h = malloc(sizeof(*h));
	if (!h)
		return fa_error_nomem(err, NULL);
	sha256_init(&h->ctx);
	*out = h;
	return FA_OK;
}

void fa_sha256_update(struct fa_sha256 *h, const void *buf, size_t len)
{
	/* nettle takes a length and a pointer; a zero-length update with a
	 * NULL pointer is legal for callers and a no-op here. */
	if (len > 0)
		sha256_update(&h->ctx, len, buf);
}

void fa_sha256_hex(char hex[FA_SHA256_HEX_LEN], struct fa_sha256 *h)
{
	unsigned char digest[SHA256_DIGEST_SIZE];

	/* sha256_digest also re-initialises the context, which is the reset
	 * the contract promises. */
	sha256_digest(&h->ctx, sizeof(digest), digest);
	to_hex(hex, digest);
}

void fa_sha256_free(struct fa_sha256 *h)
{
	free(h);
}

void fa_sha256_buf_hex(char hex[FA_SHA256_HEX_LEN], const void *buf, size_t len)
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	if (len > 0)
		sha256_update(&ctx, len, buf);
	sha256_digest(&ctx, sizeof(digest), digest);
	to_hex(hex, digest);
}

enum fa_code fa_sha256_file_hex(char hex[FA_SHA256_HEX_LEN], const char *path,
				struct fa_error *err)
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];
	unsigned char *buf = NULL;
	FILE *f = NULL;
	size_t n;
	enum fa_code rc = FA_OK;

	hex[0] = '\0';
	f = fopen(path, "rb");
	if (!f) {
		rc =
		    fa_error_add(err, FA_ERR_IO, path, 0, 0,
				 "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	buf = malloc(FILE_CHUNK_BYTES);
	if (!buf) {
		rc = fa_error_nomem(err, path);
		goto out;
	}
	sha256_init(&ctx);
	while ((n = fread(buf, 1, FILE_CHUNK_BYTES, f)) > 0)
		sha256_update(&ctx, n, buf);
	if (ferror(f)) {
		rc =
		    fa_error_add(err, FA_ERR_IO, path, 0, 0,
				 "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	sha256_digest(&ctx, sizeof(digest), digest);
	to_hex(hex, digest);
out:
	free(buf);
	if (f)
		fclose(f);
	return rc;
}

int fa_sha256_hex_valid(const char *s)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < 2 * SHA256_DIGEST_SIZE; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			return 0;
	}
	return s[i] == '\0';
}
