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
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entryname.h"
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
/* Window for the layout walk: holds any central directory record (46
 * bytes and three fields of at most 65,535 bytes each). */
#define WALK_WINDOW_BYTES (256 * 1024)
#define LOCAL_LEN 30
static const unsigned char SIG_DESCRIPTOR[4] = { 'P', 'K', 7, 8 };
/* The tail in which libzip looks for end records (its CDBUFSIZE). */
#define TAIL_LEN (MAX_COMMENT_LEN + EOCD_LEN + EOCD64_LOC_LEN)
#define HOW_TO_FIX "re-create the zip from the folder"

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
	tail_len = TAIL_LEN;
	if (tail_len > r->size)
		tail_len = (size_t)r->size;
	tail = malloc(tail_len);
	if (!tail)
		return fa_error_nomem(err, path);
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

/* ---- layout: every byte of the file belongs to the archive -------------- */

/*
 * libzip reads the central directory that the end record points to, and
 * nothing checks that the rest of the file is what that directory says
 * (ZIP_CHECKCONS checks part of it, with a message that names no cause,
 * and refuses archives whose local headers merely differ in time stamps).
 * Other readers decide otherwise: unzip and Python take the last end
 * record and allow for data in front, libzip keeps the first one it can
 * read. So two zips joined, or data hidden before, between or after the
 * entries, make one file that different programs read differently. The
 * package is accepted only when the file is exactly: the entries, from
 * byte 0, one after the other in central-directory order (each its local
 * header, data and data descriptor), then the central directory, (the
 * zip64 end records,) the end record and its comment, up to the last byte;
 * and the tail holds no other end record that a reader could take.
 */

/* The end record an archive is read by, and what it says. */
struct end {
	uint64_t pos;	 /* of the end record */
	uint64_t end;	 /* just past its comment */
	uint64_t cd_off; /* the central directory, as declared */
	uint64_t cd_size;
	uint64_t n;	      /* entries, as declared */
	uint64_t cd_end_at;   /* where the directory must end: the zip64
				 end record, or the end record */
	uint64_t zip64_shift; /* zip64 record found this far after where
				 the locator says (data in front) */
	uint64_t zip64_end;   /* where the zip64 record ends (its size
				 field), which must be the locator */
	int zip64;
	int zip64_damaged; /* a locator, but no zip64 record where it or
			      the data-in-front reading says */
	uint64_t second;   /* another plausible end record, or UINT64_MAX */
};

static int central_at(const struct fa_zipscan_raw *r, uint64_t off)
{
	unsigned char sig[4];

	return raw_read(r, off, sig, 4) == 0 &&
	       memcmp(sig, SIG_CENTRAL, 4) == 0;
}

/*
 * 1 if the end record at tail[p] (byte pos of the package) is one that a
 * reader could take, as libzip does while it tries every end record in
 * the tail: its comment fits, and it has a zip64 locator before it, or
 * one disk, agreeing counts and a central directory before it that is
 * empty or starts with a central record where it says. With moved set,
 * also one whose directory starts right before it instead, as unzip
 * reads an archive with data in front. (Not for a second record: a zip
 * stored as a document in the package has such an end record.)
 */
static int plausible_end(const struct fa_zipscan_raw *r,
			 const unsigned char *tail, size_t p, uint64_t pos,
			 int moved)
{
	const unsigned char *e = tail + p;
	uint64_t cd_size = le32(e + 12), cd_off = le32(e + 16);

	if (pos + EOCD_LEN + le16(e + 20) > r->size)
		return 0;
	if (p >= EOCD64_LOC_LEN &&
	    memcmp(e - EOCD64_LOC_LEN, SIG_EOCD64_LOC, 4) == 0)
		return 1;
	if (le32(e + 4) != 0 || le16(e + 8) != le16(e + 10) ||
	    cd_off + cd_size > pos)
		return 0;
	return cd_size == 0 || central_at(r, cd_off) ||
	       (moved && central_at(r, pos - cd_size));
}

/* The zip64 end record that the locator loc, before the end record at
 * byte pos, points to: into e. */
static void read_zip64(const struct fa_zipscan_raw *r, const unsigned char *loc,
		       uint64_t pos, struct end *e)
{
	unsigned char rec[EOCD64_LEN];
	uint64_t at = le64(loc + 8), found;

	e->zip64 = 1;
	/* Data in front moves the record after where the locator says: a
	 * record without extensible data sits right before the locator. */
	found = at;
	if (raw_read(r, at, rec, sizeof(rec)) != 0 ||
	    memcmp(rec, SIG_EOCD64, 4) != 0) {
		if (pos < EOCD64_LOC_LEN + EOCD64_LEN) {
			e->zip64_damaged = 1;
			return;
		}
		found = pos - EOCD64_LOC_LEN - EOCD64_LEN;
		if (found <= at || raw_read(r, found, rec, sizeof(rec)) != 0 ||
		    memcmp(rec, SIG_EOCD64, 4) != 0) {
			e->zip64_damaged = 1;
			return;
		}
	}
	e->zip64_shift = found - at;
	e->n = le64(rec + 32);
	e->cd_size = le64(rec + 40);
	e->cd_off = le64(rec + 48);
	e->cd_end_at = found;
	e->zip64_end = le64(rec + 4) > UINT64_MAX - 12 - found
			   ? UINT64_MAX
			   : found + 12 + le64(rec + 4);
}

/*
 * Find the end record the archive is read by: the last plausible one in
 * the tail (allowing for data in front), and the last other one that
 * libzip could read the archive by. Returns 1 (found, *e filled), 0
 * (none: libzip will say what is wrong) or -1 (out of memory).
 */
static int find_end(const struct fa_zipscan_raw *r, struct end *e)
{
	unsigned char *tail;
	size_t tail_len = TAIL_LEN, p;
	uint64_t base, pos;
	int found = 0;

	memset(e, 0, sizeof(*e));
	e->second = UINT64_MAX;
	if (r->size < EOCD_LEN)
		return 0;
	if (tail_len > r->size)
		tail_len = (size_t)r->size;
	base = r->size - tail_len;
	tail = malloc(tail_len);
	if (!tail)
		return -1;
	if (raw_read(r, base, tail, tail_len) != 0) {
		free(tail);
		return 0; /* libzip will meet the same read error */
	}
	for (p = tail_len - EOCD_LEN + 1; p-- > 0;) {
		const unsigned char *x = tail + p;

		pos = base + p;
		if (memcmp(x, SIG_EOCD, 4) != 0 ||
		    !plausible_end(r, tail, p, pos, !found))
			continue;
		if (found) {
			e->second = pos;
			break;
		}
		found = 1;
		e->pos = pos;
		e->end = pos + EOCD_LEN + le16(x + 20);
		e->n = le16(x + 10);
		e->cd_size = le32(x + 12);
		e->cd_off = le32(x + 16);
		e->cd_end_at = pos;
		if (p >= EOCD64_LOC_LEN &&
		    memcmp(x - EOCD64_LOC_LEN, SIG_EOCD64_LOC, 4) == 0)
			read_zip64(r, x - EOCD64_LOC_LEN, pos, e);
	}
	free(tail);
	return found;
}

static enum fa_code layout_fail(struct fa_error *err, const char *path,
				const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "'PATH' <what>: re-create the zip from the folder", at no entry. */
static enum fa_code layout_fail(struct fa_error *err, const char *path,
				const char *fmt, ...)
{
	char what[FA_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0, "'%s' %s: %s", path,
			    what, HOW_TO_FIX);
}

/* What the bytes in front of the archive look like, for the message. */
static const char *in_front(const struct fa_zipscan_raw *r)
{
	return fa_zipscan_starts_local(r)
		   ? "another zip archive joined in front"
		   : "a self-extracting program or other data in front";
}

static int local_at(const struct fa_zipscan_raw *r, uint64_t off)
{
	unsigned char sig[4];

	return raw_read(r, off, sig, 4) == 0 && memcmp(sig, SIG_LOCAL, 4) == 0;
}

/*
 * The directory and end records lie shift bytes after where they say:
 * bytes were put in front of the archive, or somewhere before its
 * directory. In front, unless the file starts with an entry and the
 * archive, moved by shift, would not.
 */
static enum fa_code shifted(const struct fa_zipscan_raw *r, const char *path,
			    uint64_t shift, struct fa_error *err)
{
	if (fa_zipscan_starts_local(r) && !local_at(r, shift))
		return layout_fail(err, path,
				   "has %" PRIu64 " bytes before its end "
				   "records that its central directory does "
				   "not account for",
				   shift);
	return layout_fail(err, path,
			   "has %" PRIu64 " bytes before its first entry (%s)",
			   shift, in_front(r));
}

/* The end records against the file: nothing after the comment, the
 * central directory right before the end records, no other end record. */
static enum fa_code check_ends(const struct fa_zipscan_raw *r, const char *path,
			       struct fa_error *err)
{
	struct end e;
	uint64_t gap;
	int found = find_end(r, &e);

	if (found < 0)
		return fa_error_nomem(err, path);
	if (!found)
		return FA_OK;
	if (e.end != r->size)
		return layout_fail(err, path,
				   "has %" PRIu64
				   " bytes after the end of the zip archive "
				   "(another archive or other data appended)",
				   r->size - e.end);
	if (e.zip64_damaged)
		return FA_OK; /* libzip says what is wrong */
	if (e.zip64_shift)
		return shifted(r, path, e.zip64_shift, err);
	/* the zip64 record ends where its locator starts (libzip 1.7
	 * checks that only with ZIP_CHECKCONS, and then does not) */
	if (e.zip64 && e.zip64_end < e.pos - EOCD64_LOC_LEN)
		return layout_fail(err, path,
				   "has %" PRIu64 " bytes between its zip64 "
				   "end records",
				   e.pos - EOCD64_LOC_LEN - e.zip64_end);
	if (e.zip64 && e.zip64_end > e.pos - EOCD64_LOC_LEN)
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is truncated or damaged: its zip64 "
				    "end record overlaps its locator",
				    path);
	if (e.cd_off > e.cd_end_at || e.cd_size > e.cd_end_at - e.cd_off)
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is truncated or damaged: the central "
				    "directory overlaps the end records",
				    path);
	gap = e.cd_end_at - e.cd_off - e.cd_size;
	if (gap) {
		/* data in front moves the whole archive: the directory
		 * then starts gap bytes after where it says */
		if (e.cd_size > 0 && central_at(r, e.cd_off + gap))
			return shifted(r, path, gap, err);
		return layout_fail(err, path,
				   "has %" PRIu64 " bytes between its central "
				   "directory and its end record",
				   gap);
	}
	if (e.second != UINT64_MAX)
		return layout_fail(err, path,
				   "has a second end of central directory "
				   "record at byte %" PRIu64
				   " (two archives joined, or one hidden "
				   "inside)",
				   e.second);
	return FA_OK;
}

/* Bytes [off, off+n) of the package, through a window of
 * WALK_WINDOW_BYTES for a file. */
struct window {
	const struct fa_zipscan_raw *r;
	unsigned char *buf; /* NULL for bytes in memory */
	uint64_t off, len;
};

/* A pointer to the n bytes at off (n at most WALK_WINDOW_BYTES), valid
 * until the next call on w; NULL if they lie past the end or cannot be
 * read. */
static const unsigned char *window_get(struct window *w, uint64_t off, size_t n)
{
	const struct fa_zipscan_raw *r = w->r;

	if (n > WALK_WINDOW_BYTES || off > r->size || n > r->size - off)
		return NULL;
	if (r->mem)
		return r->mem + off;
	if (off < w->off || off + n > w->off + w->len) {
		w->off = off;
		w->len = r->size - off < WALK_WINDOW_BYTES ? r->size - off
							   : WALK_WINDOW_BYTES;
		if (raw_read(r, off, w->buf, (size_t)w->len) != 0) {
			w->len = 0;
			return NULL;
		}
	}
	return w->buf + (off - w->off);
}

/*
 * The compressed size and local header offset of a central record whose
 * 32-bit fields say 0xFFFFFFFF: from its zip64 extra field, where the
 * values present come in the order uncompressed size, compressed size,
 * offset. Returns 0 if the field is missing or short.
 */
static int zip64_values(const unsigned char *x, size_t len, uint64_t usize,
			uint64_t *csize, uint64_t *off)
{
	uint64_t id, sz;
	const unsigned char *v;

	while (len >= 4) {
		id = le16(x);
		sz = le16(x + 2);
		if (sz > len - 4)
			return 0;
		if (id == 1) {
			v = x + 4;
			if (usize == 0xFFFFFFFF) {
				if (sz < 8)
					return 0;
				v += 8;
				sz -= 8;
			}
			if (*csize == 0xFFFFFFFF) {
				if (sz < 8)
					return 0;
				*csize = le64(v);
				v += 8;
				sz -= 8;
			}
			if (*off == 0xFFFFFFFF) {
				if (sz < 8)
					return 0;
				*off = le64(v);
			}
			return 1;
		}
		x += 4 + sz;
		len -= 4 + (size_t)sz;
	}
	return 0;
}

/* An entry's problem at the entry, with the remedy. */
#define ENTRY_FAIL(err, name, fmt, ...)                                 \
	fa_entryname_fail(err, FA_ERR_INPUT, name, fmt ": " HOW_TO_FIX, \
			  __VA_ARGS__)

/*
 * Walk the central directory and every local header: each entry starts
 * where the one before it ends (a data descriptor after its data when
 * general purpose bit 3 says so: 12 or 16 bytes, 8 more for zip64), the
 * first at byte 0, and the directory right after the last. name is the
 * current entry's name as stored, for messages.
 */
static enum fa_code walk(const struct fa_zipscan_raw *r, const char *path,
			 const struct end *e, struct window *cw,
			 struct window *lw, struct fa_error *err)
{
	char name[FA_PKG_MAX_NAME_BYTES + 1] = "";
	uint64_t pos = e->cd_off, stop = e->cd_off + e->cd_size, count = 0;
	uint64_t next = 0, slack = 0, off, csize, usize, rec_len, data_end;
	uint64_t nlen, lnlen, lxlen;
	const unsigned char *h, *l, *d;

	if (e->cd_off > r->size || e->cd_size > r->size - e->cd_off)
		return FA_OK; /* fa_zipscan_check refused it */
	while (pos < stop) {
		h = window_get(cw, pos, CDENTRY_LEN);
		if (!h || stop - pos < CDENTRY_LEN ||
		    memcmp(h, SIG_CENTRAL, 4) != 0)
			return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
					    "'%s' is truncated or damaged: no "
					    "central directory record at byte "
					    "%" PRIu64,
					    path, pos);
		nlen = le16(h + 28);
		rec_len = CDENTRY_LEN + nlen + le16(h + 30) + le16(h + 32);
		h = window_get(cw, pos, (size_t)rec_len);
		if (!h || rec_len > stop - pos)
			return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
					    "'%s' is truncated or damaged: the "
					    "central directory record at byte "
					    "%" PRIu64 " runs past its end",
					    path, pos);
		snprintf(name, sizeof(name), "%.*s",
			 (int)(nlen < FA_PKG_MAX_NAME_BYTES
				   ? nlen
				   : FA_PKG_MAX_NAME_BYTES),
			 (const char *)h + CDENTRY_LEN);
		csize = le32(h + 20);
		usize = le32(h + 24);
		off = le32(h + 42);
		if ((csize == 0xFFFFFFFF || usize == 0xFFFFFFFF ||
		     off == 0xFFFFFFFF) &&
		    !zip64_values(h + CDENTRY_LEN + nlen, (size_t)le16(h + 30),
				  usize, &csize, &off))
			return fa_entryname_fail(err, FA_ERR_INPUT, name,
						 "entry is damaged: its zip64 "
						 "sizes are missing");
		if (off != next && !(slack && off == next + slack)) {
			if (count == 0 && fa_zipscan_starts_local(r))
				return ENTRY_FAIL(err, name,
						  "entry comes first in the "
						  "central directory but "
						  "starts at byte %" PRIu64
						  " (entries out of order)",
						  off);
			if (count == 0)
				return layout_fail(err, path,
						   "has %" PRIu64 " bytes "
						   "before its first entry "
						   "(%s)",
						   off, in_front(r));
			if (off > next)
				return ENTRY_FAIL(err, name,
						  "entry is preceded by "
						  "%" PRIu64 " bytes that "
						  "belong to no entry",
						  off - next);
			return ENTRY_FAIL(err, name,
					  "entry starts at byte %" PRIu64
					  ", inside the entry before it "
					  "(entries overlap or are out of "
					  "order)",
					  off);
		}
		l = window_get(lw, off, LOCAL_LEN);
		if (!l || memcmp(l, SIG_LOCAL, 4) != 0)
			return ENTRY_FAIL(err, name,
					  "entry has no local header at byte "
					  "%" PRIu64,
					  off);
		lnlen = le16(l + 26);
		lxlen = le16(l + 28);
		l = window_get(lw, off + LOCAL_LEN, (size_t)lnlen);
		if (!l || lnlen != nlen ||
		    memcmp(l, h + CDENTRY_LEN, (size_t)nlen) != 0)
			return ENTRY_FAIL(err, name,
					  "entry has another name in its "
					  "local header at byte %" PRIu64,
					  off);
		/* off is inside the file; package.c refused a compressed
		 * size larger than the file: this cannot wrap */
		if (csize > r->size)
			return fa_entryname_fail(
			    err, FA_ERR_INPUT, name,
			    "entry declares more bytes than the file has");
		data_end = off + LOCAL_LEN + lnlen + lxlen + csize;
		next = data_end;
		slack = 0;
		if (le16(h + 8) & 0x08) {
			d = window_get(lw, data_end, 4);
			next +=
			    d && memcmp(d, SIG_DESCRIPTOR, 4) == 0 ? 16 : 12;
			slack = 8; /* zip64 descriptors: 8-byte sizes */
		}
		pos += rec_len;
		count++;
	}
	if (count != e->n && (e->zip64 || count % 0x10000 != e->n))
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is truncated or damaged: its central "
				    "directory holds %" PRIu64
				    " entries, its end record says %" PRIu64,
				    path, count, e->n);
	if (e->cd_off == next || (slack && e->cd_off == next + slack))
		return FA_OK;
	if (count == 0)
		return layout_fail(err, path,
				   "has %" PRIu64 " bytes before its central "
				   "directory that belong to no entry",
				   e->cd_off);
	if (e->cd_off > next)
		return layout_fail(err, path,
				   "has %" PRIu64 " bytes between its last "
				   "entry and its central directory",
				   e->cd_off - next);
	return ENTRY_FAIL(err, name,
			  "entry runs into the central directory at byte "
			  "%" PRIu64,
			  e->cd_off);
}

enum fa_code fa_zipscan_check_entries(const struct fa_zipscan_raw *r,
				      const char *path, struct fa_error *err)
{
	struct window cw = { r, NULL, 0, 0 }, lw = { r, NULL, 0, 0 };
	enum fa_code rc = FA_OK;
	struct end e;
	int found = find_end(r, &e);

	if (found <= 0 || e.zip64_damaged)
		return found < 0 ? fa_error_nomem(err, path) : FA_OK;
	if (!r->mem) {
		cw.buf = malloc(WALK_WINDOW_BYTES);
		lw.buf = malloc(WALK_WINDOW_BYTES);
		if (!cw.buf || !lw.buf) {
			rc = fa_error_nomem(err, path);
			goto out;
		}
	}
	rc = walk(r, path, &e, &cw, &lw, err);
out:
	free(cw.buf);
	free(lw.buf);
	return rc;
}

enum fa_code fa_zipscan_check(const struct fa_zipscan_raw *r, const char *path,
			      struct fa_error *err)
{
	enum fa_code rc;

	if (r->size > FA_PKG_MAX_FILE_BYTES)
		return fa_error_add(err, FA_ERR_LIMIT, NULL, 0, 0,
				    "'%s' is %" PRIu64
				    " bytes, more than the limit of %llu",
				    path, r->size, FA_PKG_MAX_FILE_BYTES);
	if (r->size == 0)
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is empty", path);
	rc = check_entry_count(r, path, err);
	if (rc == FA_OK)
		rc = check_ends(r, path, err);
	return rc;
}

int fa_zipscan_starts_local(const struct fa_zipscan_raw *r)
{
	unsigned char magic[4];

	return raw_read(r, 0, magic, sizeof(magic)) == 0 &&
	       memcmp(magic, SIG_LOCAL, 4) == 0;
}
