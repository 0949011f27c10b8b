/* SPDX-License-Identifier: MIT */
/*
 * Checks on the bytes of a package (a zip) made before libzip sees them:
 * its size, and the entry count of every end of central directory record,
 * since libzip allocates for every central directory record it finds. Part
 * of the package module: only package.c includes this header. Never calls
 * libzip. Uses error, limits.h and libc (pread).
 */
#ifndef FA_ZIPSCAN_H
#define FA_ZIPSCAN_H

#include <stdint.h>

#include "error.h"

/* The package bytes before libzip sees them: a file or a caller's buffer. */
struct fa_zipscan_raw {
	const unsigned char *mem; /* NULL for a file */
	int fd;			  /* read with pread when mem is NULL */
	uint64_t size;
};

/*
 * Checks on the package bytes as a whole: no more than
 * FA_PKG_MAX_FILE_BYTES (FA_ERR_LIMIT, where NULL), not empty
 * (FA_ERR_INPUT, where NULL), and no end record, nor the central
 * directory it points to, holding more than FA_PKG_MAX_ENTRIES entries
 * (FA_ERR_LIMIT, where = path). path names the package in messages. Bytes
 * that cannot be read pass: libzip meets the same read error. FA_ERR_NOMEM.
 */
enum fa_code fa_zipscan_check(const struct fa_zipscan_raw *r, const char *path,
			      struct fa_error *err);

/* 1 if the bytes start with a local file header, as every zip does; else,
 * or if they cannot be read, 0. */
int fa_zipscan_starts_local(const struct fa_zipscan_raw *r);

#endif
