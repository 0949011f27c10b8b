/* SPDX-License-Identifier: MIT */
/*
 * Safe reading of an evidence package (a zip): every check of package.h on
 * the whole central directory at open, then entries streamed in bounded
 * chunks with their sizes enforced. The only libzip caller. Before libzip
 * sees the bytes, zipscan reads the zip end records itself, to enforce the
 * entry limit before libzip allocates for the central directory and to
 * refuse a file that holds more than the archive; after the entries' own
 * checks, it walks the local headers so that no byte is outside an entry.
 * Entry names are checked, classified and shown by entryname. Uses libzip,
 * zipscan, entryname, hash.c and libc.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "entryname.h"
#include "limits.h"
#include "package.h"
#include "zipscan.h"

/* Unix file types in the high 16 bits of the external attributes. They are
 * the historical Unix values whatever the host, hence not <sys/stat.h>. */
#define UNIX_IFMT 0170000u
#define UNIX_IFREG 0100000u
#define UNIX_IFDIR 0040000u
#define UNIX_IFLNK 0120000u
/* MS-DOS attribute bits in the low byte; 7-Zip sets 0x8000 when it also
 * stores a Unix mode in the high 16 bits of a Windows entry, and NTFS
 * symbolic links and junctions carry the reparse-point bit. */
#define DOS_DIRECTORY 0x10u
#define DOS_REPARSE_POINT 0x400u
#define DOS_UNIX_EXTENSION 0x8000u

/* What scan() needs from zip_stat_index for every entry. */
#define STAT_NEEDED                                           \
	(ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | \
	 ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD)

struct entry {
	struct fa_package_entry pub;
	zip_uint64_t index; /* libzip index, also "entry index+1" in messages */
};

struct fa_package {
	zip_t *za;
	char *path;
	char *prefix;	       /* stripped folder without '/', or "" */
	struct entry *entries; /* regular files, zip order */
	size_t n_entries;
	struct entry **by_name; /* the same, sorted by name for lookups */
	const char **junk;	/* zip names, owned by za */
	size_t n_junk;
};

/* ---- entry checks ----------------------------------------------------- */

/* Regular files and directories only, whichever system wrote the zip. */
static enum fa_code check_type(zip_t *za, zip_uint64_t i, const char *name,
			       const char *path, struct fa_error *err)
{
	zip_uint8_t opsys;
	zip_uint32_t attr, fmt = 0;
	int dir = fa_entryname_is_dir(name);

	if (zip_file_get_external_attributes(za, i, 0, &opsys, &attr) < 0)
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is truncated or damaged: %s", path,
				    zip_error_strerror(zip_get_error(za)));
	if (opsys == ZIP_OPSYS_UNIX || (attr & DOS_UNIX_EXTENSION))
		fmt = (attr >> 16) & UNIX_IFMT;
	if (fmt == UNIX_IFLNK ||
	    (opsys != ZIP_OPSYS_UNIX && (attr & DOS_REPARSE_POINT)))
		return fa_entryname_fail(err, FA_ERR_INPUT, name,
					 "entry is a symbolic link");
	/* fmt 0 means the tool did not say, which is common and harmless. */
	if ((fmt != 0 && fmt != UNIX_IFREG && fmt != UNIX_IFDIR) ||
	    (fmt == UNIX_IFDIR && !dir) ||
	    (opsys != ZIP_OPSYS_UNIX && (attr & DOS_DIRECTORY) && !dir))
		return fa_entryname_fail(err, FA_ERR_INPUT, name,
					 "entry is not a regular file");
	return FA_OK;
}

/*
 * Declared sizes against the limits. Every declaration is checked before
 * any data is read; reading then holds the entry to what it declared.
 */
static enum fa_code check_sizes(const zip_stat_t *st, uint64_t file_size,
				struct fa_error *err)
{
	uint64_t ratio;

	if (st->size > FA_PKG_MAX_ENTRY_BYTES)
		return fa_entryname_fail(
		    err, FA_ERR_LIMIT, st->name,
		    "entry declares %" PRIu64
		    " bytes uncompressed, more than the limit "
		    "of %llu",
		    (uint64_t)st->size, FA_PKG_MAX_ENTRY_BYTES);
	/* A compressed size beyond the package would also let an entry slip
	 * under the ratio check below. */
	if (st->comp_size > file_size)
		return fa_entryname_fail(
		    err, FA_ERR_INPUT, st->name,
		    "entry declares %" PRIu64
		    " bytes compressed, more than the whole "
		    "package's %" PRIu64 " bytes",
		    (uint64_t)st->comp_size, file_size);
	/* No method turns zero bytes into data: the sizes are a lie. */
	if (st->comp_size == 0 && st->size > 0)
		return fa_entryname_fail(
		    err, FA_ERR_INPUT, st->name,
		    "entry declares %" PRIu64
		    " bytes uncompressed but 0 bytes compressed",
		    (uint64_t)st->size);
	if (st->size > FA_PKG_RATIO_MIN_BYTES) {
		ratio = st->size / st->comp_size;
		if (ratio > FA_PKG_MAX_RATIO)
			return fa_entryname_fail(err, FA_ERR_LIMIT, st->name,
						 "compression ratio %" PRIu64
						 ":1 exceeds the limit of %d:1",
						 ratio, FA_PKG_MAX_RATIO);
	}
	return FA_OK;
}

static enum fa_code check_entry(zip_t *za, zip_uint64_t i, const zip_stat_t *st,
				const char *path, uint64_t file_size,
				struct fa_error *err)
{
	enum fa_code rc;

	rc = fa_entryname_check(st->name, err);
	if (rc == FA_OK)
		rc = check_type(za, i, st->name, path, err);
	if (rc != FA_OK)
		return rc;
	if (st->encryption_method != ZIP_EM_NONE)
		return fa_entryname_fail(err, FA_ERR_INPUT, st->name,
					 "entry is encrypted");
	if (!zip_compression_method_supported((zip_int32_t)st->comp_method, 0))
		return fa_entryname_fail(
		    err, FA_ERR_INPUT, st->name,
		    "entry uses unsupported compression method "
		    "%u",
		    (unsigned)st->comp_method);
	return check_sizes(st, file_size, err);
}

/* ---- layout ----------------------------------------------------------- */

static int by_name_cmp(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a;
	const struct entry *y = *(struct entry *const *)b;
	int c = strcmp(x->pub.name, y->pub.name);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The folder to strip: the first segment shared by every entry that is not
 * junk (directories included), provided no file sits at the root. Returns
 * its length, 0 when there is none.
 */
static size_t common_folder(const char *const *names, size_t n)
{
	const char *slash;
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		slash = strchr(names[i], '/');
		if (!slash)
			return 0;
		if (i == 0)
			len = (size_t)(slash - names[i]);
		else if ((size_t)(slash - names[i]) != len ||
			 memcmp(names[i], names[0], len) != 0)
			return 0;
	}
	return len;
}

/* Report the first entry, in zip order, whose name an earlier entry has. */
static enum fa_code check_duplicates(struct fa_package *pkg,
				     struct fa_error *err)
{
	struct entry **v = pkg->by_name;
	size_t n = pkg->n_entries, i, dup = n, first;

	/* An archive without files has no array at all: qsort must not see
	 * its NULL. */
	if (n < 2)
		return FA_OK;
	/* Sorting by (name, index) puts each first occurrence before its
	 * copies. */
	qsort(v, n, sizeof(*v), by_name_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i]->pub.name, v[i - 1]->pub.name) == 0 &&
		    (dup == n || v[i]->index < v[dup]->index))
			dup = i;
	}
	if (dup == n)
		return FA_OK;
	first = dup;
	while (first > 0 &&
	       strcmp(v[first - 1]->pub.name, v[dup]->pub.name) == 0)
		first--;
	return fa_entryname_fail(err, FA_ERR_INPUT, v[dup]->pub.zip_name,
				 "duplicate entry name (also at entry %" PRIu64
				 ")",
				 (uint64_t)v[first]->index + 1);
}

/*
 * Check every central directory record, set junk aside, strip the common
 * folder and index the regular files by name.
 */
static enum fa_code scan(struct fa_package *pkg, uint64_t file_size,
			 struct fa_error *err)
{
	zip_t *za = pkg->za;
	zip_int64_t count = zip_get_num_entries(za, 0);
	const char **keep = NULL; /* names of entries that are not junk */
	size_t n_keep = 0, i, plen;
	uint64_t total = 0;
	zip_stat_t st;
	enum fa_code rc = FA_OK;

	/* Already enforced on the raw bytes; kept in case libzip found
	 * records that the raw scan did not. */
	if (count < 0 || (uint64_t)count > FA_PKG_MAX_ENTRIES)
		return fa_error_add(err, FA_ERR_LIMIT, pkg->path, 0, 0,
				    "package has %" PRId64
				    " entries, more than the limit of %d",
				    (int64_t)count, FA_PKG_MAX_ENTRIES);
	if (count > 0) {
		keep = malloc((size_t)count * sizeof(*keep));
		pkg->junk = malloc((size_t)count * sizeof(*pkg->junk));
		pkg->entries = calloc((size_t)count, sizeof(*pkg->entries));
		pkg->by_name = malloc((size_t)count * sizeof(*pkg->by_name));
		if (!keep || !pkg->junk || !pkg->entries || !pkg->by_name) {
			rc = fa_error_nomem(err, pkg->path);
			goto out;
		}
	}
	for (i = 0; i < (size_t)count; i++) {
		struct entry *e;

		zip_stat_init(&st);
		if (zip_stat_index(za, i, ZIP_FL_ENC_RAW, &st) < 0 ||
		    (st.valid & STAT_NEEDED) != STAT_NEEDED) {
			rc = fa_error_add(
			    err, FA_ERR_INPUT, NULL, 0, 0,
			    "'%s' is truncated or damaged: %s", pkg->path,
			    zip_error_strerror(zip_get_error(za)));
			goto out;
		}
		/* Junk is checked too: its names are shown to people. */
		rc = check_entry(za, i, &st, pkg->path, file_size, err);
		if (rc != FA_OK)
			goto out;
		/* Each size is at most FA_PKG_MAX_ENTRY_BYTES and there are at
		 * most FA_PKG_MAX_ENTRIES of them: the sum cannot wrap. */
		total += st.size;
		if (fa_entryname_is_junk(st.name)) {
			if (!fa_entryname_is_dir(st.name))
				pkg->junk[pkg->n_junk++] = st.name;
			continue;
		}
		keep[n_keep++] = st.name;
		if (fa_entryname_is_dir(st.name))
			continue;
		/* st.name is owned by za and lives as long as pkg. */
		e = &pkg->entries[pkg->n_entries++];
		e->index = i;
		e->pub.zip_name = st.name;
		e->pub.size = st.size;
		e->pub.comp_size = st.comp_size;
	}
	if (total > FA_PKG_MAX_TOTAL_BYTES) {
		rc =
		    fa_error_add(err, FA_ERR_LIMIT, pkg->path, 0, 0,
				 "entries declare %" PRIu64
				 " bytes in total, more than the limit of %llu",
				 total, FA_PKG_MAX_TOTAL_BYTES);
		goto out;
	}

	plen = pkg->n_entries > 0 ? common_folder(keep, n_keep) : 0;
	pkg->prefix = malloc(plen + 1);
	if (!pkg->prefix) {
		rc = fa_error_nomem(err, pkg->path);
		goto out;
	}
	if (plen)
		memcpy(pkg->prefix, keep[0], plen);
	pkg->prefix[plen] = '\0';
	for (i = 0; i < pkg->n_entries; i++) {
		pkg->entries[i].pub.name =
		    pkg->entries[i].pub.zip_name + (plen ? plen + 1 : 0);
		pkg->by_name[i] = &pkg->entries[i];
	}
	rc = check_duplicates(pkg, err);
out:
	free(keep);
	return rc;
}

/* ---- open ------------------------------------------------------------- */

/* Turn a zip_open failure into the package's code and message. */
static enum fa_code open_failed(const struct fa_zipscan_raw *r,
				const char *path, zip_error_t *ze,
				struct fa_error *err)
{
	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_MEMORY:
		return fa_error_nomem(err, path);
	case ZIP_ER_NOZIP:
		/* libzip cannot tell a zip whose end is missing from a file
		 * that never was a zip; the first local header can. */
		if (fa_zipscan_starts_local(r))
			return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
					    "'%s' is truncated or damaged: end "
					    "of central directory not found",
					    path);
		return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				    "'%s' is not a zip archive", path);
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_TELL:
		if (zip_error_system_type(ze) == ZIP_ET_SYS)
			return fa_error_add(
			    err, FA_ERR_IO, NULL, 0, 0, "cannot read '%s': %s",
			    path, strerror(zip_error_code_system(ze)));
		break;
	default:
		break;
	}
	return fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
			    "'%s' is truncated or damaged: %s", path,
			    zip_error_strerror(ze));
}

/* Open src as a zip and check it. src is consumed in every case. */
static enum fa_code open_source(struct fa_package **out, const char *path,
				zip_source_t *src,
				const struct fa_zipscan_raw *r,
				struct fa_error *err)
{
	struct fa_package *pkg = NULL;
	zip_error_t ze;
	enum fa_code rc = FA_OK;

	zip_error_init(&ze);
	pkg = calloc(1, sizeof(*pkg));
	if (!pkg || !(pkg->path = strdup(path))) {
		zip_source_free(src);
		rc = fa_error_nomem(err, path);
		goto out;
	}
	/* Without ZIP_CHECKCONS: it turns duplicate names into an open
	 * failure that names no entry, and refuses archives whose local
	 * headers merely differ in time stamps; what it would catch of the
	 * layout (bytes after the end record, a directory that does not
	 * end at it) zipscan refuses with a message that says what and
	 * where, and more (data in front, gaps, overlaps). Data that
	 * disagrees with its header is caught while reading (sizes, CRC). */
	pkg->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!pkg->za) {
		/* Before freeing src: for a file it owns the descriptor that
		 * open_failed may still read. */
		rc = open_failed(r, path, &ze, err);
		zip_source_free(src);
		goto out;
	}
	rc = scan(pkg, r->size, err);
	/* After the entries' own checks, which name the cause of a lying
	 * size better than a layout that does not add up would. */
	if (rc == FA_OK)
		rc = fa_zipscan_check_entries(r, path, err);
out:
	zip_error_fini(&ze);
	if (rc != FA_OK) {
		fa_package_free(pkg);
		pkg = NULL;
	}
	*out = pkg;
	return rc;
}

/*
 * path as one shell word into out: as it is when every character is one
 * no shell treats specially, else in single quotes, each quote inside
 * written '\''. 0, or -1 if it does not fit.
 */
static int shell_word(char *out, size_t size, const char *path)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz"
				    "0123456789_./+,:@%=-";
	size_t o = 0;

	if (*path && strspn(path, plain) == strlen(path))
		return snprintf(out, size, "%s", path) < (int)size ? 0 : -1;
	if (size < 3)
		return -1;
	out[o++] = '\'';
	for (; *path; path++) {
		const char *w = *path == '\'' ? "'\\''" : NULL;
		size_t n = w ? 4 : 1;

		if (o + n + 2 > size) /* the closing quote and the NUL */
			return -1;
		memcpy(out + o, w ? w : path, n);
		o += n;
	}
	out[o++] = '\'';
	out[o] = '\0';
	return 0;
}

/*
 * A folder given for a package: the usual slip of a user who has the
 * package's files but has not zipped them. Say so, and how, when the
 * path is short enough for the command to fit the message.
 */
static enum fa_code folder_error(const char *path, struct fa_error *err)
{
	char word[FA_ERROR_MESSAGE_MAX / 4];

	if (shell_word(word, sizeof(word), path) != 0 ||
	    strlen(path) >= FA_ERROR_MESSAGE_MAX / 4)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "'%s' is a folder: an evidence package "
				    "is a zip file; zip the folder's contents",
				    path);
	return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			    "'%s' is a folder: an evidence package is a zip "
			    "file; zip the folder's contents (cd %s && zip "
			    "-r ../package.zip .)",
			    path, word);
}

enum fa_code fa_package_open(struct fa_package **out, const char *path,
			     struct fa_error *err)
{
	struct fa_zipscan_raw r = { NULL, -1, 0 };
	struct stat sb;
	zip_source_t *src;
	zip_error_t ze;
	FILE *fp;
	enum fa_code rc;

	assert(out && path);
	*out = NULL;
	/* O_NONBLOCK so that a FIFO cannot hang us before fstat says it is
	 * not a regular file; it has no effect on regular files. */
	r.fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (r.fd < 0)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", path,
				    strerror(errno));
	/* fstat of the open file rather than stat of the name: the size that
	 * is checked is the size of what is read. */
	if (fstat(r.fd, &sb) != 0) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot open '%s': %s", path, strerror(errno));
		close(r.fd);
		return rc;
	}
	if (!S_ISREG(sb.st_mode)) {
		rc = S_ISDIR(sb.st_mode)
			 ? folder_error(path, err)
			 : fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
					"cannot open '%s': not a regular file",
					path);
		close(r.fd);
		return rc;
	}
	r.size = (uint64_t)sb.st_size;
	rc = fa_zipscan_check(&r, path, err);
	if (rc != FA_OK) {
		close(r.fd);
		return rc;
	}
	fp = fdopen(r.fd, "rb");
	if (!fp) {
		rc =
		    fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				 "cannot open '%s': %s", path, strerror(errno));
		close(r.fd);
		return rc;
	}
	/* The explicit length holds libzip to the bytes checked above even if
	 * the file grows meanwhile. */
	zip_error_init(&ze);
	src = zip_source_filep_create(fp, 0, (zip_int64_t)r.size, &ze);
	if (!src) {
		rc = zip_error_code_zip(&ze) == ZIP_ER_MEMORY
			 ? fa_error_nomem(err, path)
			 : fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
					"cannot open '%s': %s", path,
					zip_error_strerror(&ze));
		zip_error_fini(&ze);
		fclose(fp);
		return rc;
	}
	zip_error_fini(&ze);
	/* From here libzip owns fp (and the descriptor r still reads). */
	return open_source(out, path, src, &r, err);
}

enum fa_code fa_package_open_mem(struct fa_package **out, const char *name,
				 const void *buf, size_t len,
				 struct fa_error *err)
{
	struct fa_zipscan_raw r = { buf, -1, len };
	zip_source_t *src;
	zip_error_t ze;
	enum fa_code rc;

	assert(out && name && (buf || len == 0));
	*out = NULL;
	rc = fa_zipscan_check(&r, name, err);
	if (rc != FA_OK)
		return rc;
	zip_error_init(&ze);
	src = zip_source_buffer_create(buf, len, 0, &ze);
	zip_error_fini(&ze);
	if (!src)
		return fa_error_nomem(err, name);
	return open_source(out, name, src, &r, err);
}

void fa_package_free(struct fa_package *pkg)
{
	if (!pkg)
		return;
	/* Read-only: discarding is closing, with nothing to write back. */
	if (pkg->za)
		zip_discard(pkg->za);
	free(pkg->path);
	free(pkg->prefix);
	free(pkg->entries);
	free(pkg->by_name);
	free(pkg->junk);
	free(pkg);
}

/* ---- accessors -------------------------------------------------------- */

const char *fa_package_path(const struct fa_package *pkg)
{
	return pkg->path;
}

enum fa_code fa_package_rename(struct fa_package *pkg, const char *path,
			       struct fa_error *err)
{
	char *s = strdup(path);

	if (!s)
		return fa_error_nomem(err, path);
	free(pkg->path);
	pkg->path = s;
	return FA_OK;
}

const char *fa_package_prefix(const struct fa_package *pkg)
{
	return pkg->prefix;
}

size_t fa_package_count(const struct fa_package *pkg)
{
	return pkg->n_entries;
}

const struct fa_package_entry *fa_package_entry_at(const struct fa_package *pkg,
						   size_t i)
{
	assert(i < pkg->n_entries);
	return &pkg->entries[i].pub;
}

static const struct entry *find(const struct fa_package *pkg, const char *name)
{
	size_t lo = 0, hi = pkg->n_entries, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, pkg->by_name[mid]->pub.name);
		if (c == 0)
			return pkg->by_name[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct fa_package_entry *fa_package_find(const struct fa_package *pkg,
					       const char *name)
{
	const struct entry *e = find(pkg, name);

	return e ? &e->pub : NULL;
}

size_t fa_package_junk_count(const struct fa_package *pkg)
{
	return pkg->n_junk;
}

const char *fa_package_junk_at(const struct fa_package *pkg, size_t i)
{
	assert(i < pkg->n_junk);
	return pkg->junk[i];
}

/* ---- reading ---------------------------------------------------------- */

static enum fa_code read_failed(const char *name, zip_error_t *ze,
				struct fa_error *err)
{
	if (zip_error_code_zip(ze) == ZIP_ER_MEMORY)
		return fa_error_nomem(err, NULL);
	return fa_entryname_fail(err, FA_ERR_INPUT, name,
				 "entry is truncated or damaged: %s",
				 zip_error_strerror(ze));
}

enum fa_code fa_package_read(char sha256_hex[FA_SHA256_HEX_LEN],
			     struct fa_package *pkg, const char *name,
			     fa_package_sink_fn sink, void *ctx,
			     struct fa_error *err)
{
	const struct entry *e;
	struct fa_sha256 *h = NULL;
	unsigned char *buf = NULL;
	zip_file_t *zf = NULL;
	uint64_t got = 0, declared, left, want;
	zip_int64_t n;
	enum fa_code rc = FA_OK;

	assert(pkg && name);
	if (sha256_hex)
		sha256_hex[0] = '\0';
	e = find(pkg, name);
	if (!e)
		return fa_entryname_fail(err, FA_ERR_INPUT, name,
					 "no such entry in '%s'", pkg->path);
	declared = e->pub.size;
	if (sha256_hex) {
		rc = fa_sha256_new(&h, err);
		if (rc != FA_OK)
			goto out;
	}
	buf = malloc(FA_PKG_CHUNK_BYTES);
	if (!buf) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	zf = zip_fopen_index(pkg->za, e->index, 0);
	if (!zf) {
		rc = read_failed(name, zip_get_error(pkg->za), err);
		goto out;
	}
	for (;;) {
		/* Near the declared end ask for one byte more than is left,
		 * so that an entry expanding past its size is caught with a
		 * single extra byte decompressed. */
		left = declared - got;
		want =
		    left < FA_PKG_CHUNK_BYTES ? left + 1 : FA_PKG_CHUNK_BYTES;
		n = zip_fread(zf, buf, want);
		if (n < 0) {
			rc = read_failed(name, zip_file_get_error(zf), err);
			goto out;
		}
		if (n == 0)
			break;
		if ((uint64_t)n > left) {
			rc = fa_entryname_fail(
			    err, FA_ERR_LIMIT, name,
			    "entry expands beyond its declared "
			    "size of %" PRIu64 " bytes",
			    declared);
			goto out;
		}
		got += (uint64_t)n;
		if (h)
			fa_sha256_update(h, buf, (size_t)n);
		if (sink) {
			rc = sink(ctx, buf, (size_t)n, err);
			if (rc != FA_OK)
				goto out;
		}
	}
	/* libzip 1.7 does not compare the length it produced with the
	 * declared size, so a short entry ends quietly. */
	if (got < declared) {
		rc = fa_entryname_fail(
		    err, FA_ERR_INPUT, name,
		    "entry is shorter than its declared size of "
		    "%" PRIu64 " bytes",
		    declared);
		goto out;
	}
	if (h)
		fa_sha256_hex(sha256_hex, h);
out:
	if (zf)
		zip_fclose(zf);
	free(buf);
	fa_sha256_free(h);
	return rc;
}

struct grow {
	unsigned char *buf;
	size_t len;
	size_t cap;
	size_t limit; /* declared size + 1 for the NUL: the most ever needed */
};

static enum fa_code grow_sink(void *ctx, const unsigned char *buf, size_t len,
			      struct fa_error *err)
{
	struct grow *g = ctx;
	size_t need = g->len + len + 1, cap;
	unsigned char *p;

	/* fa_package_read never delivers more than the declared size. */
	assert(need <= g->limit);
	if (need > g->cap) {
		cap = g->cap * 2 > need ? g->cap * 2 : need;
		if (cap > g->limit)
			cap = g->limit;
		p = realloc(g->buf, cap);
		if (!p)
			return fa_error_nomem(err, NULL);
		g->buf = p;
		g->cap = cap;
	}
	memcpy(g->buf + g->len, buf, len);
	g->len += len;
	return FA_OK;
}

enum fa_code fa_package_read_all(unsigned char **out, size_t *len,
				 char sha256_hex[FA_SHA256_HEX_LEN],
				 struct fa_package *pkg, const char *name,
				 size_t max, struct fa_error *err)
{
	const struct entry *e;
	struct grow g = { NULL, 0, 0, 0 };
	enum fa_code rc;

	assert(out && len && pkg && name);
	*out = NULL;
	*len = 0;
	if (sha256_hex)
		sha256_hex[0] = '\0';
	e = find(pkg, name);
	if (!e)
		return fa_entryname_fail(err, FA_ERR_INPUT, name,
					 "no such entry in '%s'", pkg->path);
	if (e->pub.size > max)
		return fa_entryname_fail(err, FA_ERR_LIMIT, name,
					 "entry declares %" PRIu64
					 " bytes, more than the limit of %zu",
					 (uint64_t)e->pub.size, max);
	/* Grow from a chunk rather than trusting the declared size for one
	 * allocation: a lying entry then costs what it delivers. */
	g.limit = (size_t)e->pub.size + 1;
	g.cap = g.limit < FA_PKG_CHUNK_BYTES ? g.limit : FA_PKG_CHUNK_BYTES;
	g.buf = malloc(g.cap);
	if (!g.buf)
		return fa_error_nomem(err, NULL);
	rc = fa_package_read(sha256_hex, pkg, name, grow_sink, &g, err);
	if (rc != FA_OK) {
		free(g.buf);
		return rc;
	}
	g.buf[g.len] = '\0';
	*out = g.buf;
	*len = g.len;
	return FA_OK;
}
