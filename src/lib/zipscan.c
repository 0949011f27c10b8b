/* SPDX-License-Identifier: MIT */
/*
 * The zip structure read from the package bytes themselves (zipscan.h):
 * the end of central directory records, plain and zip64, found in the
 * file's tail and the central directory records they point to counted,
 * so that package.c can refuse a package before libzip allocates for it.
 * Reads with pread or from memory, never through libzip. Uses error,
 * limits.h and libc.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limits.h"
#include "zipscan.h"

/* Zip record sizes and signatures (APPNOTE.TXT 4.3). */
#define EOCD_LEN 22
#define EOCD64_LOC_LEN 20
#define EOCD64_LEN 56
#define CDENTRY_LEN 46
#define MAX_COMMENT_LEN 0xFFFF
static const unsigned char SIG_LOCAL[4] = { 'P', 'K', 3, 4 };
static const unsigned char SIG_CENTRAL[4] = { 'P', 'K', 1, 2 };
static const unsigned char SIG_EOCD[4] = { 'P', 'K', 5, 6 };
static const unsigned char SIG_EOCD64[4] = { 'P', 'K', 6, 6 };
static const unsigned char SIG_EOCD64_LOC[4] = { 'P', 'K', 6, 7 };

/* Window used to count central directory entries without libzip. */
#define SCAN_WINDOW_BYTES (64 * 1024)

/* ---- raw access to the package bytes ---------------------------------- */

static int raw_read(const struct fa_zipscan_raw *r, uint64_t off, void *buf,
		    size_t len)
{
	unsigned char *p = buf;
	ssize_t n;

	if (off > r->size || len > r->size - off)
		return -1;
	if (r->mem) {
		memcpy(buf, r->mem + off, len);
		return 0;
	}
	while (len > 0) {
		n = pread(r->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static uint64_t le16(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8;
}

static uint64_t le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static uint64_t le64(const unsigned char *p)
{
	return le32(p) | le32(p + 4) << 32;
}

/*
 * Count the central directory records at [off, off+size) by walking their
 * headers, stopping at anything that is not one (libzip will reject it).
 * Returns the count, or 0 when the bytes cannot be read or allocated.
 */
static uint64_t count_cd(const struct fa_zipscan_raw *r, uint64_t off,
			 uint64_t size)
{
	unsigned char *win = NULL;
	uint64_t win_off = 0, win_len = 0, pos = off, end, count = 0;
	const unsigned char *h;

	if (off > r->size || size > r->size - off)
		return 0;
	end = off + size;
	win = malloc(SCAN_WINDOW_BYTES);
	if (!win)
		return 0;
	while (end - pos >= CDENTRY_LEN) {
		if (pos < win_off || pos + CDENTRY_LEN > win_off + win_len) {
			win_off = pos;
			win_len = end - pos < SCAN_WINDOW_BYTES
				      ? end - pos
				      : SCAN_WINDOW_BYTES;
			if (raw_read(r, win_off, win, (size_t)win_len) != 0)
				break;
		}
		h = win + (pos - win_off);
		if (memcmp(h, SIG_CENTRAL, 4) != 0)
			break;
		count++;
		pos += CDENTRY_LEN + le16(h + 28) + le16(h + 30) + le16(h + 32);
		if (pos > end)
			break;
	}
	free(win);
	return count;
}

/*
 * Enforce FA_PKG_MAX_ENTRIES before libzip reads the central directory:
 * libzip allocates for every record it finds, and (InfoZIP compatibility)
 * keeps reading past the count the end record declares. It also tries
 * every end record in the file's tail, so each one is checked here. A
 * directory too small to hold more than the limit is not walked, which
 * keeps this free for every real package.
 */
static enum fa_code check_entry_count(const struct fa_zipscan_raw *r,
				      const char *path, struct fa_error *err)
{
	unsigned char *tail = NULL, rec[EOCD64_LEN];
	const unsigned char *e, *loc;
	size_t tail_len, p;
	uint64_t n, cd_size, cd_off, walked;
	enum fa_code rc = FA_OK;

	if (r->size < EOCD_LEN)
		return FA_OK;
	tail_len = MAX_COMMENT_LEN + EOCD_LEN + EOCD64_LOC_LEN;
	if (tail_len > r->size)
		tail_len = (size_t)r->size;
	tail = malloc(tail_len);
	if (!tail)
		return fa_error_add(err, FA_ERR_NOMEM, path, 0, 0,
				    "out of memory");
	if (raw_read(r, r->size - tail_len, tail, tail_len) != 0)
		goto out; /* libzip will meet the same read error */
	for (p = tail_len - EOCD_LEN + 1; p-- > 0;) {
		e = tail + p;
		if (memcmp(e, SIG_EOCD, 4) != 0)
			continue;
		n = le16(e + 10);
		cd_size = le32(e + 12);
		cd_off = le32(e + 16);
		loc = p >= EOCD64_LOC_LEN ? e - EOCD64_LOC_LEN : NULL;
		if (loc && memcmp(loc, SIG_EOCD64_LOC, 4) == 0 &&
		    raw_read(r, le64(loc + 8), rec, sizeof(rec)) == 0 &&
		    memcmp(rec, SIG_EOCD64, 4) == 0) {
			n = le64(rec + 32);
			cd_size = le64(rec + 40);
			cd_off = le64(rec + 48);
		}
		if (n <= FA_PKG_MAX_ENTRIES &&
		    cd_size / CDENTRY_LEN > FA_PKG_MAX_ENTRIES) {
			walked = count_cd(r, cd_off, cd_size);
			if (walked > n)
				n = walked;
		}
		if (n > FA_PKG_MAX_ENTRIES) {
			rc = fa_error_add(err, FA_ERR_LIMIT, path, 0, 0,
					  "package has %" PRIu64
					  " entries, more than the limit of %d",
					  n, FA_PKG_MAX_ENTRIES);
			goto out;
		}
	}
out:
	free(tail);
	return rc;
}

enum fa_code fa_zipscan_check(const struct fa_zipscan_raw *r, const char *path,
			      struct fa_error *err)
{
	if (r->size > FA_PKG_MAX_FILE_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, NULL, 0, 0,
				    "'%s' is %" PRIu64
				    " bytes, more than the limit of %llu",
				    path, r->size, FA_PKG_MAX_FILE_BYTES);
	if (r->size == 0)
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is empty", path);
	return check_entry_count(r, path, err);
}

int fa_zipscan_starts_local(const struct fa_zipscan_raw *r)
{
	unsigned char magic[4];

	return raw_read(r, 0, magic, sizeof(magic)) == 0 &&
	       memcmp(magic, SIG_LOCAL, 4) == 0;
}
