/* SPDX-License-Identifier: MIT */
/*
 * Safe reading of an evidence package (a zip), and writing one (at the
 * end). The only module that calls libzip: package.c reads,
 * package_write.c writes. Nothing is ever extracted to disk: entries are
 * streamed to a caller's sink in chunks of at most FA_PKG_CHUNK_BYTES.
 *
 * fa_package_open() checks the whole central directory before any entry is
 * read, and rejects: absolute paths, "..", "." or empty segments,
 * backslashes, control characters, symlinks and other non-regular entries,
 * encrypted entries, duplicate names, and every limit in limits.h (entry
 * count, per-entry and total declared size, compression ratio, name
 * length). It also rejects a file whose central directory does not
 * account for every byte (zipscan.h): data in front (two zips joined, a
 * self-extracting archive), after the archive's comment, between entries
 * or before the directory; overlapping or out-of-order entries; a second
 * end record. Declared sizes are never trusted: while streaming, an entry
 * that produces more bytes than it declared is rejected at that point.
 *
 * Packages as people make them are accepted: a single top-level folder
 * (zip -r of the folder, macOS Finder, Windows Explorer "send to") is
 * stripped from every name, and operating-system junk (__MACOSX/, .DS_Store,
 * ._*, Thumbs.db, desktop.ini) is set aside and listed, not read.
 * Directory entries are skipped.
 */
#ifndef FA_PACKAGE_H
#define FA_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "hash.h"

struct fa_package; /* opaque */

struct fa_package_entry {
	const char *name;     /* normalised path: top folder stripped */
	const char *zip_name; /* the name as stored in the zip */
	uint64_t size;	      /* declared uncompressed size */
	uint64_t comp_size;   /* declared compressed size */
};

/*
 * Open the zip at path and check it as described above. *out is owned by
 * the caller (fa_package_free). On failure *out is NULL and err names the
 * package (where = path) or the offending entry (where = its name as
 * stored in the zip, with bytes that are not printable UTF-8 shown as
 * \xNN). Junk entries pass the same checks. The checks stop at the first
 * problem, in zip order; the entry count is checked on the raw end
 * records before libzip reads the central directory.
 * Codes: FA_ERR_IO (cannot open/read, not a regular file), FA_ERR_INPUT
 * (not a zip, truncated, bad entry), FA_ERR_LIMIT, FA_ERR_NOMEM.
 */
enum fa_code fa_package_open(struct fa_package **out, const char *path,
			     struct fa_error *err);
/*
 * Same as fa_package_open() for a zip held in memory: buf[0..len) is checked
 * exactly like a file of len bytes. name stands for the package in messages
 * and is what fa_package_path() returns. buf is borrowed, not copied: it
 * must stay unchanged until fa_package_free(). Same codes, except that
 * FA_ERR_IO cannot occur.
 */
enum fa_code fa_package_open_mem(struct fa_package **out, const char *name,
				 const void *buf, size_t len,
				 struct fa_error *err);
void fa_package_free(struct fa_package *pkg);

/* The path given to fa_package_open (borrowed, lives as long as pkg). */
const char *fa_package_path(const struct fa_package *pkg);
/* The path the package goes by from now on (its file is being renamed):
 * what fa_package_path returns after. FA_ERR_NOMEM. */
enum fa_code fa_package_rename(struct fa_package *pkg, const char *path,
			       struct fa_error *err);
/*
 * The stripped top-level folder, without its '/' ("" if none; borrowed).
 * A folder is stripped only when every entry that is not junk lies under
 * it, directories included, and at least one file does.
 */
const char *fa_package_prefix(const struct fa_package *pkg);

/* Regular entries, in zip order, junk excluded. Borrowed pointers. */
size_t fa_package_count(const struct fa_package *pkg);
const struct fa_package_entry *fa_package_entry_at(const struct fa_package *pkg,
						   size_t i);
/* Entry by normalised name, or NULL. */
const struct fa_package_entry *fa_package_find(const struct fa_package *pkg,
					       const char *name);

/* Operating-system junk that was set aside (zip names; borrowed). */
size_t fa_package_junk_count(const struct fa_package *pkg);
const char *fa_package_junk_at(const struct fa_package *pkg, size_t i);

/*
 * Receives one chunk of entry data. Return FA_OK to continue; any other code
 * stops the read and is returned by fa_package_read unchanged (the sink
 * sets err).
 */
typedef enum fa_code (*fa_package_sink_fn)(void *ctx, const unsigned char *buf,
					   size_t len, struct fa_error *err);

/*
 * Stream entry name (normalised) to sink and compute its SHA-256 into
 * sha256_hex (may be NULL; "" on failure). sink may be NULL (hash only).
 * The sink gets chunks of at most FA_PKG_CHUNK_BYTES and never a byte past
 * the declared size. Fails with FA_ERR_INPUT for an unknown entry, a
 * corrupt/truncated stream or one shorter than declared, FA_ERR_LIMIT if
 * the entry produces more bytes than declared (where = name as passed),
 * FA_ERR_NOMEM, or the sink's code.
 */
enum fa_code fa_package_read(char sha256_hex[FA_SHA256_HEX_LEN],
			     struct fa_package *pkg, const char *name,
			     fa_package_sink_fn sink, void *ctx,
			     struct fa_error *err);

/*
 * Read a whole entry into a new NUL-terminated buffer of at most max bytes
 * (*len excludes the NUL). An entry declaring more than max is refused with
 * FA_ERR_LIMIT before anything is read; the buffer grows with the data, so
 * a lying declaration does not cost an allocation of max. sha256_hex may
 * be NULL. *out is the caller's (free()); NULL and *len 0 on failure.
 * Codes as fa_package_read().
 */
enum fa_code fa_package_read_all(unsigned char **out, size_t *len,
				 char sha256_hex[FA_SHA256_HEX_LEN],
				 struct fa_package *pkg, const char *name,
				 size_t max, struct fa_error *err);

/* ---- writing (package_write.c) ------------------------------------------ */

/* The time stamp every entry of a written package gets (local wall-clock
 * time as a zip stores it: no time zone). */
struct fa_package_stamp {
	int year, month, day, hour, minute, second;
};
struct fa_package_writer; /* opaque */
/*
 * Start a zip at path. Nothing is written before fa_package_writer_close,
 * which writes a temporary file beside path and renames it into place (an
 * existing file is replaced then, not before). The bytes depend only on
 * the entries added, their order and stamp: every entry gets the stamp
 * (seconds rounded down to even, as MS-DOS time keeps them), Unix mode
 * 0644, a UTF-8 name and no extra field. *out is the caller's
 * (fa_package_writer_free). FA_ERR_USAGE for a stamp outside 1980..2107,
 * FA_ERR_IO, FA_ERR_NOMEM.
 */
enum fa_code fa_package_writer_new(struct fa_package_writer **out,
				   const char *path,
				   const struct fa_package_stamp *stamp,
				   struct fa_error *err);
/*
 * Add the file at src_path as entry name (a path fa_entryname_check
 * accepts), deflated at level 1 (fastest) to 9 (smallest), or stored
 * for level 0. The file is read by
 * fa_package_writer_close: it must stay unchanged until then. More than
 * FA_PKG_MAX_ENTRIES entries: FA_ERR_LIMIT. FA_ERR_IO, FA_ERR_NOMEM.
 */
enum fa_code fa_package_writer_add_file(struct fa_package_writer *w,
					const char *name, const char *src_path,
					int level, struct fa_error *err);
/* The same for buf[0..len), borrowed until fa_package_writer_close. */
enum fa_code fa_package_writer_add_mem(struct fa_package_writer *w,
				       const char *name, const void *buf,
				       size_t len, int level,
				       struct fa_error *err);
/*
 * Write the zip and rename it into place. On failure nothing is left at
 * path or beside it. The calling thread holds back the signals that end
 * a process (HUP INT QUIT TERM PIPE XCPU XFSZ ALRM USR1 USR2) while it
 * writes, so that a handler never meets the temporary file libzip names
 * itself; they arrive when the zip is at path. Call once; then only
 * fa_package_writer_free. FA_ERR_IO (where = path, the message names what could
 * not be written or read), FA_ERR_NOMEM.
 */
enum fa_code fa_package_writer_close(struct fa_package_writer *w,
				     struct fa_error *err);
/* Discard an unwritten zip and free w (NULL is fine). */
void fa_package_writer_free(struct fa_package_writer *w);

#endif
