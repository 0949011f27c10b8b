/* SPDX-License-Identifier: MIT */
/*
 * Checks on the bytes of a package (a zip) made without libzip: its size,
 * and the entry count of every end of central directory record, since
 * libzip allocates for every central directory record it finds; and that
 * the central directory accounts for every byte of the file, since readers
 * disagree about a file that holds more than one archive. Part of the
 * package module: only package.c includes this header. Never calls
 * libzip. Uses error, entryname, limits.h and libc (pread).
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
 * (FA_ERR_LIMIT, where = path). Then the end records against the file
 * (FA_ERR_INPUT, where NULL, the message names path and says to
 * re-create the zip): the last end record that a reader could take ends
 * the file with its comment (nothing appended), the central directory
 * ends right where the (zip64) end records start (nothing in front or in
 * between), and no other such end record is in the tail (two archives
 * joined). A file without any end record passes: libzip says what it is.
 * path names the package in messages. Bytes that cannot be read pass:
 * libzip meets the same read error. FA_ERR_NOMEM.
 */
enum fa_code fa_zipscan_check(const struct fa_zipscan_raw *r, const char *path,
			      struct fa_error *err);

/*
 * After libzip has read the archive and package.c has checked its
 * entries (names, sizes no larger than the file): every byte before the
 * central directory belongs to an entry. The first entry's local header
 * is at byte 0, each next one starts where the one before ends (local
 * header, data, and the data descriptor that general purpose bit 3
 * announces), local and central names agree, and the central directory
 * starts right after the last entry. FA_ERR_INPUT at the entry (where =
 * its name as stored) or at no entry (the message names path); each
 * message says to re-create the zip. FA_ERR_NOMEM.
 */
enum fa_code fa_zipscan_check_entries(const struct fa_zipscan_raw *r,
				      const char *path, struct fa_error *err);

/* 1 if the bytes start with a local file header, as every zip does; else,
 * or if they cannot be read, 0. */
int fa_zipscan_starts_local(const struct fa_zipscan_raw *r);

#endif
