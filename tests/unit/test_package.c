/* SPDX-License-Identifier: MIT */
/*
 * Tests for package.c. Hostile zips come from fixtures/hostile (rebuilt by
 * its make.py) and check the exact code, location and message; layouts
 * from fixtures/layouts check the names people's zip tools produce. Zips
 * too large to commit (entry counts, total sizes) and the table of name
 * rules are built here in memory by a small zip writer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "package.h"

#define CSV "worker_id,name\n1,Ada\n2,Grace\n"
#define SHA_CSV \
	"4868b568098525568ef2d0829841fa80ad15a22cccae2b0ed0836e3a371535ae"
#define SHA_MANIFEST \
	"4c7cbfaee1e102025cea8b2d29c976c7c6cc972716386457baa2550a6edec22a"

/* ---- helpers ---------------------------------------------------------- */

static const char *fixtures(void)
{
	const char *d = getenv("FA_FIXTURES");

	return d && *d ? d : "fixtures";
}

static void fixture_path(char *buf, size_t size, const char *sub,
			 const char *file)
{
	int n = snprintf(buf, size, "%s/%s/%s", fixtures(), sub, file);

	assert_true(n > 0 && (size_t)n < size);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Copy text into out, replacing each '@' with path. */
static void subst(char *out, size_t size, const char *text, const char *path)
{
	size_t o = 0, n;

	for (; *text; text++) {
		n = *text == '@' ? strlen(path) : 1;
		assert_true(o + n < size);
		memcpy(out + o, *text == '@' ? path : text, n);
		o += n;
	}
	out[o] = '\0';
}

/*
 * Expect exactly one diagnostic with this code, where and message; '@' in
 * where or message stands for the package path.
 */
static void expect_error(const struct fa_error *err, enum fa_code rc,
			 enum fa_code code, const char *path, const char *where,
			 const char *message)
{
	char w[1024], m[1024];

	subst(w, sizeof(w), where, path);
	subst(m, sizeof(m), message, path);
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	assert_int_equal(err->n, 1);
	assert_string_equal(err->diag[0].where, w);
	assert_string_equal(err->diag[0].message, m);
	assert_int_equal(err->diag[0].line, 0);
}

static void expect_open_error(const char *file, enum fa_code code,
			      const char *where, const char *message)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = (struct fa_package *)&err; /* not NULL */
	char path[512];
	enum fa_code rc;

	fixture_path(path, sizeof(path), "hostile", file);
	rc = fa_package_open(&pkg, path, &err);
	assert_null(pkg);
	expect_error(&err, rc, code, path, where, message);
}

/* Open a fixture that must open, and read name expecting an error. */
static void expect_read_error(const char *file, const char *name,
			      enum fa_code code, const char *message,
			      uint64_t max_delivered);

struct counting_sink {
	uint64_t bytes;
	size_t calls;
	size_t largest;
	unsigned char *copy; /* optional, cap bytes */
	size_t cap;
};

static enum fa_code count_sink(void *ctx, const unsigned char *buf, size_t len,
			       struct fa_error *err)
{
	struct counting_sink *s = ctx;

	(void)err;
	assert_true(len > 0);
	if (s->copy) {
		assert_true(s->bytes + len <= s->cap);
		memcpy(s->copy + s->bytes, buf, len);
	}
	s->bytes += len;
	s->calls++;
	if (len > s->largest)
		s->largest = len;
	return FA_OK;
}

static void expect_read_error(const char *file, const char *name,
			      enum fa_code code, const char *message,
			      uint64_t max_delivered)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct counting_sink sink = { 0 };
	char path[512], hex[FA_SHA256_HEX_LEN];
	enum fa_code rc;

	fixture_path(path, sizeof(path), "hostile", file);
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	rc = fa_package_read(hex, pkg, name, count_sink, &sink, &err);
	expect_error(&err, rc, code, path, name, message);
	assert_string_equal(hex, "");
	assert_true(sink.bytes <= max_delivered);
	fa_package_free(pkg);
}

/* ---- an in-memory zip writer ------------------------------------------ */

struct bytes {
	unsigned char *p;
	size_t len;
	size_t cap;
};

static void b_add(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void b_u16(struct bytes *b, uint64_t v)
{
	unsigned char x[2] = { (unsigned char)v, (unsigned char)(v >> 8) };

	b_add(b, x, 2);
}

static void b_u32(struct bytes *b, uint64_t v)
{
	b_u16(b, v & 0xffff);
	b_u16(b, v >> 16);
}

static void b_u64(struct bytes *b, uint64_t v)
{
	b_u32(b, v & 0xffffffff);
	b_u32(b, v >> 32);
}

static uint32_t crc32(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t c = 0xffffffff;
	int k;

	while (len--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320 : c >> 1;
	}
	return ~c;
}

struct zw {
	struct bytes body; /* local headers and data */
	struct bytes cd;   /* central directory */
	uint64_t n;
};

/* Fixed part of a central directory record. */
#define CDENTRY_BYTES 46
#define OS_DOS 0
#define OS_UNIX 3
#define MODE_FILE (0100644u << 16)

struct centry {
	const char *name;
	uint16_t method;
	uint32_t crc;
	uint64_t csize;
	uint64_t usize;
	unsigned opsys;
	uint32_t attr;
	uint64_t offset;
};

/*
 * General purpose bit 11 (UTF-8 name) is left clear, as old tools wrote
 * names: libzip then hands the bytes over unjudged (with the bit set it
 * refuses some invalid names itself), so the package's own rules are what
 * these tests see. fixtures/layouts/sevenzip.zip covers flagged names.
 */
static uint16_t utf8_flag(const char *name)
{
	(void)name;
	return 0;
}

/* A central directory record only: entries may share one local header. */
static void zw_central(struct zw *z, const struct centry *e)
{
	b_u32(&z->cd, 0x02014b50);
	b_u16(&z->cd, (e->opsys << 8) | 20);
	b_u16(&z->cd, 20);
	b_u16(&z->cd, utf8_flag(e->name));
	b_u16(&z->cd, e->method);
	b_u16(&z->cd, 0);
	b_u16(&z->cd, 0x5821); /* 2024-01-01 */
	b_u32(&z->cd, e->crc);
	b_u32(&z->cd, e->csize);
	b_u32(&z->cd, e->usize);
	b_u16(&z->cd, strlen(e->name));
	b_u16(&z->cd, 0);
	b_u16(&z->cd, 0);
	b_u16(&z->cd, 0);
	b_u16(&z->cd, 0);
	b_u32(&z->cd, e->attr);
	b_u32(&z->cd, e->offset);
	b_add(&z->cd, e->name, strlen(e->name));
	z->n++;
}

/* Local header plus data; returns the header's offset. */
static uint64_t zw_local(struct zw *z, const char *name, uint16_t method,
			 uint32_t crc, const void *data, size_t csize,
			 uint64_t usize)
{
	uint64_t off = z->body.len;

	b_u32(&z->body, 0x04034b50);
	b_u16(&z->body, 20);
	b_u16(&z->body, utf8_flag(name));
	b_u16(&z->body, method);
	b_u16(&z->body, 0);
	b_u16(&z->body, 0x5821);
	b_u32(&z->body, crc);
	b_u32(&z->body, csize);
	b_u32(&z->body, usize);
	b_u16(&z->body, strlen(name));
	b_u16(&z->body, 0);
	b_add(&z->body, name, strlen(name));
	b_add(&z->body, data, csize);
	return off;
}

/* A stored entry with the given type bits. */
static void zw_add(struct zw *z, const char *name, const void *data, size_t len,
		   unsigned opsys, uint32_t attr)
{
	struct centry e = {
		name, 0, crc32(data, len), len, len, opsys, attr, 0
	};

	e.offset = zw_local(z, name, 0, e.crc, data, len, len);
	zw_central(z, &e);
}

static void zw_file(struct zw *z, const char *name, const char *text)
{
	zw_add(z, name, text, strlen(text), OS_UNIX, MODE_FILE);
}

/*
 * Append the end records. declared is the count written in the end
 * record (the real count unless a test lies); zip64 adds the zip64 end
 * records. Returns the whole zip; *len its size.
 */
static unsigned char *zw_finish(struct zw *z, uint64_t declared, int zip64,
				size_t *len)
{
	struct bytes out = { 0 };
	uint64_t cd_off = z->body.len, eocd64_off;

	b_add(&out, z->body.p, z->body.len);
	b_add(&out, z->cd.p, z->cd.len);
	if (zip64) {
		eocd64_off = out.len;
		b_u32(&out, 0x06064b50);
		b_u64(&out, 44);
		b_u16(&out, 45);
		b_u16(&out, 45);
		b_u32(&out, 0);
		b_u32(&out, 0);
		b_u64(&out, declared);
		b_u64(&out, declared);
		b_u64(&out, z->cd.len);
		b_u64(&out, cd_off);
		b_u32(&out, 0x07064b50);
		b_u32(&out, 0);
		b_u64(&out, eocd64_off);
		b_u32(&out, 1);
	}
	b_u32(&out, 0x06054b50);
	b_u16(&out, 0);
	b_u16(&out, 0);
	b_u16(&out, zip64 ? 0xffff : declared & 0xffff);
	b_u16(&out, zip64 ? 0xffff : declared & 0xffff);
	b_u32(&out, zip64 ? 0xffffffff : z->cd.len);
	b_u32(&out, zip64 ? 0xffffffff : cd_off);
	b_u16(&out, 0);
	free(z->body.p);
	free(z->cd.p);
	memset(z, 0, sizeof(*z));
	*len = out.len;
	return out.p;
}

static unsigned char *zw_single(const char *name, size_t *len)
{
	struct zw z = { 0 };

	zw_file(&z, name, CSV);
	return zw_finish(&z, 1, 0, len);
}

/* ---- hostile fixtures: refused at open -------------------------------- */

static void test_package__traversal_dotdot(void **state)
{
	(void)state;
	expect_open_error("traversal_dotdot.zip", FA_ERR_INPUT, "../evil.csv",
			  "entry path escapes the package ('..' segment)");
}

static void test_package__absolute_path(void **state)
{
	(void)state;
	expect_open_error("absolute_path.zip", FA_ERR_INPUT, "/etc/evil.csv",
			  "entry path is absolute");
}

static void test_package__drive_letter(void **state)
{
	(void)state;
	expect_open_error("drive_letter.zip", FA_ERR_INPUT, "C:/evil.csv",
			  "entry path is absolute");
}

static void test_package__backslash(void **state)
{
	(void)state;
	expect_open_error("backslash.zip", FA_ERR_INPUT, "..\\evil.csv",
			  "entry path contains a backslash");
}

static void test_package__empty_segment(void **state)
{
	(void)state;
	expect_open_error("empty_segment.zip", FA_ERR_INPUT,
			  "data//workers.csv",
			  "entry path has an empty or '.' segment");
}

static void test_package__dot_segment(void **state)
{
	(void)state;
	expect_open_error("dot_segment.zip", FA_ERR_INPUT, "./workers.csv",
			  "entry path has an empty or '.' segment");
}

static void test_package__control_char(void **state)
{
	(void)state;
	expect_open_error("control_char.zip", FA_ERR_INPUT, "workers\\x0a.csv",
			  "entry path contains a control character");
}

static void test_package__invalid_utf8(void **state)
{
	(void)state;
	expect_open_error("invalid_utf8.zip", FA_ERR_INPUT, "caf\\xe9.csv",
			  "entry path is not valid UTF-8");
}

static void test_package__long_name(void **state)
{
	char where[FA_ERROR_WHERE_MAX];
	size_t i;

	(void)state;
	/* The 1025-byte name, cut to what a location holds. */
	for (i = 0; i + 1 < sizeof(where); i++)
		where[i] = i % 2 ? '/' : 'd';
	where[i] = '\0';
	expect_open_error("long_name.zip", FA_ERR_LIMIT, where,
			  "entry name is 1025 bytes long, more than the limit "
			  "of 1024");
}

static void test_package__symlink(void **state)
{
	(void)state;
	expect_open_error("symlink.zip", FA_ERR_INPUT, "workers.csv",
			  "entry is a symbolic link");
}

static void test_package__not_regular(void **state)
{
	(void)state;
	expect_open_error("not_regular.zip", FA_ERR_INPUT, "workers.csv",
			  "entry is not a regular file");
}

static void test_package__encrypted(void **state)
{
	(void)state;
	expect_open_error("encrypted.zip", FA_ERR_INPUT, "secret.csv",
			  "entry is encrypted");
}

static void test_package__duplicate_names(void **state)
{
	(void)state;
	expect_open_error("duplicate_names.zip", FA_ERR_INPUT, "workers.csv",
			  "duplicate entry name (also at entry 1)");
}

static void test_package__too_many_entries(void **state)
{
	(void)state;
	expect_open_error("too_many_entries.zip", FA_ERR_LIMIT, "@",
			  "package has 250001 entries, more than the limit of "
			  "200000");
}

static void test_package__declared_size_bomb(void **state)
{
	(void)state;
	expect_open_error("declared_size_bomb.zip", FA_ERR_LIMIT, "bomb.csv",
			  "entry declares 5368709120 bytes uncompressed, more "
			  "than the limit of 1073741824");
}

static void test_package__ratio_bomb(void **state)
{
	(void)state;
	expect_open_error("ratio_bomb.zip", FA_ERR_LIMIT, "zeros.csv",
			  "compression ratio 1028:1 exceeds the limit of "
			  "100:1");
}

static void test_package__zero_compressed_size(void **state)
{
	(void)state;
	expect_open_error("zero_compressed_size.zip", FA_ERR_INPUT,
			  "workers.csv",
			  "entry declares 29 bytes uncompressed but 0 bytes "
			  "compressed");
}

static void test_package__compressed_size_lie(void **state)
{
	(void)state;
	expect_open_error("compressed_size_lie.zip", FA_ERR_INPUT,
			  "workers.csv",
			  "entry declares 1000000 bytes compressed, more than "
			  "the whole package's 151 bytes");
}

static void test_package__unsupported_method(void **state)
{
	(void)state;
	expect_open_error("unsupported_method.zip", FA_ERR_INPUT,
			  "unsupported.csv",
			  "entry uses unsupported compression method 77");
}

static void test_package__not_a_zip(void **state)
{
	(void)state;
	expect_open_error("not_a_zip.zip", FA_ERR_INPUT, "",
			  "'@' is not a zip archive");
}

static void test_package__truncated(void **state)
{
	(void)state;
	expect_open_error("truncated.zip", FA_ERR_INPUT, "",
			  "'@' is truncated or damaged: end of central "
			  "directory not found");
}

static void test_package__empty_file(void **state)
{
	(void)state;
	expect_open_error("empty.zip", FA_ERR_INPUT, "", "'@' is empty");
}

static void test_package__missing_file(void **state)
{
	(void)state;
	expect_open_error("no_such_package.zip", FA_ERR_IO, "",
			  "cannot open '@': No such file or directory");
}

static void test_package__directory_is_not_a_package(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	enum fa_code rc;

	(void)state;
	rc = fa_package_open(&pkg, fixtures(), &err);
	assert_null(pkg);
	expect_error(&err, rc, FA_ERR_IO, fixtures(), "",
		     "'@' is a folder: an evidence package is a zip file; "
		     "zip the folder's contents (cd @ && zip -r "
		     "../package.zip .)");
}

/* A folder whose name a shell would split: the command quotes it. */
static void test_package__folder_name_quoted(void **state)
{
	char dir[] = "/tmp/fa pkg's XXXXXX";
	char want[256];
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	enum fa_code rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	rc = fa_package_open(&pkg, dir, &err);
	rmdir(dir);
	assert_null(pkg);
	assert_int_equal(rc, FA_ERR_IO);
	/* "/tmp/fa pkg's X" as a shell word: '/tmp/fa pkg'\''s X' */
	snprintf(want, sizeof(want),
		 "'%s' is a folder: an evidence package is a zip file; zip "
		 "the folder's contents (cd '/tmp/fa pkg'\\''s %s' && zip -r "
		 "../package.zip .)",
		 dir, dir + strlen("/tmp/fa pkg's "));
	assert_string_equal(err.diag[0].message, want);
}

/* A path too long for the command to fit: the advice without it. */
static void test_package__folder_long_name(void **state)
{
	char dir[300];
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char want[512];
	enum fa_code rc;
	size_t n;

	(void)state;
	/* /tmp/././././...: 128 characters or more, the same folder */
	n = (size_t)snprintf(dir, sizeof(dir), "/tmp");
	while (n < 128)
		n += (size_t)snprintf(dir + n, sizeof(dir) - n, "/.");
	rc = fa_package_open(&pkg, dir, &err);
	assert_null(pkg);
	assert_int_equal(rc, FA_ERR_IO);
	snprintf(want, sizeof(want),
		 "'%s' is a folder: an evidence package is a zip file; zip "
		 "the folder's contents",
		 dir);
	assert_string_equal(err.diag[0].message, want);
}

/* A sparse file: the size alone must refuse it, nothing is read. */
static void test_package__file_size_limit(void **state)
{
	char path[] = "/tmp/fa_test_package_XXXXXX";
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	enum fa_code rc;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)FA_PKG_MAX_FILE_BYTES + 1), 0);
	close(fd);
	rc = fa_package_open(&pkg, path, &err);
	unlink(path);
	assert_null(pkg);
	expect_error(&err, rc, FA_ERR_LIMIT, path, "",
		     "'@' is 2147483649 bytes, more than the limit of "
		     "2147483648");
}

/* ---- hostile fixtures: refused while reading -------------------------- */

static void test_package__lying_size(void **state)
{
	(void)state;
	/* The sink never sees a byte past the declared 100. */
	expect_read_error("lying_size.zip", "workers.csv", FA_ERR_LIMIT,
			  "entry expands beyond its declared size of 100 "
			  "bytes",
			  100);
}

static void test_package__short_size(void **state)
{
	(void)state;
	expect_read_error("short_size.zip", "workers.csv", FA_ERR_INPUT,
			  "entry is shorter than its declared size of 79 "
			  "bytes",
			  79);
}

static void test_package__bad_crc(void **state)
{
	(void)state;
	expect_read_error("bad_crc.zip", "workers.csv", FA_ERR_INPUT,
			  "entry is truncated or damaged: CRC error", 29);
}

static void test_package__lying_size_read_all(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	unsigned char *buf = (unsigned char *)"";
	size_t len = 1;
	char path[512];
	enum fa_code rc;

	(void)state;
	fixture_path(path, sizeof(path), "hostile", "lying_size.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	rc = fa_package_read_all(&buf, &len, NULL, pkg, "workers.csv", 1 << 20,
				 &err);
	expect_error(&err, rc, FA_ERR_LIMIT, path, "workers.csv",
		     "entry expands beyond its declared size of 100 bytes");
	assert_null(buf);
	assert_int_equal(len, 0);
	fa_package_free(pkg);
}

/* ---- sizes and counts built in memory --------------------------------- */

/* count empty entries: 92 bytes each (an entry's own local header, as
 * the layout check wants). */
static unsigned char *many_entries(uint64_t count, uint64_t declared, int zip64,
				   size_t garbage, size_t *len)
{
	static const unsigned char junk[CDENTRY_BYTES] = { 'x' };
	struct zw z = { 0 };
	struct centry e = { NULL, 0, 0, 0, 0, OS_UNIX, MODE_FILE, 0 };
	char name[24];
	uint64_t i;

	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "f%07lu", (unsigned long)i);
		e.name = name;
		e.offset = zw_local(&z, name, 0, 0, "", 0, 0);
		zw_central(&z, &e);
	}
	/* Bytes inside the directory that are no record: libzip fails on
	 * them, but only after it has read every record before them. */
	assert_true(garbage <= sizeof(junk));
	b_add(&z.cd, junk, garbage);
	return zw_finish(&z, declared, zip64, len);
}

static void expect_mem_error(const unsigned char *buf, size_t len,
			     enum fa_code code, const char *where,
			     const char *message)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	enum fa_code rc;

	rc = fa_package_open_mem(&pkg, "mem.zip", buf, len, &err);
	assert_null(pkg);
	expect_error(&err, rc, code, "mem.zip", where, message);
}

static void test_package__too_many_entries_real(void **state)
{
	size_t len;
	unsigned char *zip = many_entries(FA_PKG_MAX_ENTRIES + 1,
					  FA_PKG_MAX_ENTRIES + 1, 1, 0, &len);

	(void)state;
	expect_mem_error(zip, len, FA_ERR_LIMIT, "@",
			 "package has 200001 entries, more than the limit of "
			 "200000");
	free(zip);
}

/*
 * The end record's 16-bit count wrapped (InfoZIP writes that rather than
 * zip64) and libzip reads on past it: the records actually present are
 * counted before libzip allocates for them. The damaged tail would make
 * libzip itself fail, so only that early count can give this message.
 */
static void test_package__too_many_entries_wrapped_count(void **state)
{
	size_t len;
	unsigned char *zip = many_entries(FA_PKG_MAX_ENTRIES + 1,
					  (FA_PKG_MAX_ENTRIES + 1) & 0xffff, 0,
					  CDENTRY_BYTES, &len);

	(void)state;
	expect_mem_error(zip, len, FA_ERR_LIMIT, "@",
			 "package has 200001 entries, more than the limit of "
			 "200000");
	free(zip);
}

static void test_package__entry_limit_is_inclusive(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	size_t len;
	unsigned char *zip =
	    many_entries(FA_PKG_MAX_ENTRIES, FA_PKG_MAX_ENTRIES, 1, 0, &len);

	(void)state;
	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_OK);
	assert_int_equal(fa_package_count(pkg), FA_PKG_MAX_ENTRIES);
	assert_non_null(fa_package_find(pkg, "f0199999"));
	fa_package_free(pkg);
	free(zip);
}

/*
 * Five entries of exactly FA_PKG_MAX_ENTRY_BYTES at a ratio just under the
 * limit, sharing one data region that is not valid deflate data: each passes
 * alone, together they declare 5 GiB. Refused on the declarations: reading
 * any of them would have failed on the data instead.
 */
static unsigned char *total_bomb(size_t *len)
{
	const uint64_t usize = FA_PKG_MAX_ENTRY_BYTES;
	const uint64_t csize = usize / FA_PKG_MAX_RATIO + 1;
	struct zw z = { 0 };
	struct centry e = { NULL, 8, 0, 0, 0, OS_UNIX, MODE_FILE, 0 };
	unsigned char *data = calloc(1, csize);
	static const char *const names[] = { "t1.csv", "t2.csv", "t3.csv",
					     "t4.csv", "t5.csv" };
	size_t i;

	assert_non_null(data);
	e.csize = csize;
	e.usize = usize;
	e.offset = zw_local(&z, "t1.csv", 8, 0, data, csize, usize);
	free(data);
	for (i = 0; i < 5; i++) {
		e.name = names[i];
		zw_central(&z, &e);
	}
	return zw_finish(&z, 5, 0, len);
}

static void test_package__total_size_bomb(void **state)
{
	size_t len;
	unsigned char *zip = total_bomb(&len);

	(void)state;
	expect_mem_error(zip, len, FA_ERR_LIMIT, "@",
			 "entries declare 5368709120 bytes in total, more "
			 "than the limit of 4294967296");
	free(zip);
}

/*
 * A bomb claiming many gigabytes is refused by open itself, from the
 * central directory: no entry is decompressed (the data would not even
 * inflate), and the caller gets no package to read from.
 */
static void test_package__bomb_refused_before_reading(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	size_t len;
	unsigned char *zip = total_bomb(&len);
	char path[512];

	(void)state;
	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_ERR_LIMIT);
	assert_null(pkg);
	assert_int_equal(err.n, 1);
	free(zip);

	fa_error_init(&err);
	fixture_path(path, sizeof(path), "hostile", "declared_size_bomb.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_ERR_LIMIT);
	assert_null(pkg);
	assert_int_equal(err.n, 1);
}

/* ---- the layout: every byte belongs to the archive ------------------ */

/*
 * Files that hold more, or other, than their central directory says
 * (fixtures/hostile/make.py, layout_hostile). Byte counts from how each
 * is built: a two-entry archive (workers.csv 30 + 11 + 29 bytes stored,
 * rooms.csv 30 + 9 + 26, directory 57 + 55, end record 22) is 269 bytes;
 * the program stub 64; hidden.csv's local entry 30 + 10 + 25.
 */
#define FIX " re-create the zip from the folder"

struct layout_refusal {
	const char *file;
	const char *where;
	const char *message;
};

static const struct layout_refusal layout_refusals[] = {
	{ "concatenated.zip", "",
	  "'@' has 269 bytes before its first entry (another zip archive "
	  "joined in front):" FIX },
	{ "prepended.zip", "",
	  "'@' has 64 bytes before its first entry (a self-extracting "
	  "program or other data in front):" FIX },
	{ "self_extracting.zip", "",
	  "'@' has 64 bytes before its first entry (a self-extracting "
	  "program or other data in front):" FIX },
	{ "appended.zip", "",
	  "'@' has 29 bytes after the end of the zip archive (another "
	  "archive or other data appended):" FIX },
	{ "hidden_between.zip", "rooms.csv",
	  "entry is preceded by 65 bytes that belong to no entry:" FIX },
	{ "overlapping.zip", "inner.csv",
	  "entry starts at byte 39, inside the entry before it (entries "
	  "overlap or are out of order):" FIX },
	{ "out_of_order.zip", "rooms.csv",
	  "entry comes first in the central directory but starts at byte 70 "
	  "(entries out of order):" FIX },
	{ "local_name.zip", "workers.csv",
	  "entry has another name in its local header at byte 0:" FIX },
	{ "second_end.zip", "",
	  "'@' has a second end of central directory record at byte 166 "
	  "(two archives joined, or one hidden inside):" FIX },
};

static void test_package__layout_refused(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(layout_refusals) / sizeof(layout_refusals[0]);
	     i++) {
		print_message("%s\n", layout_refusals[i].file);
		expect_open_error(layout_refusals[i].file, FA_ERR_INPUT,
				  layout_refusals[i].where,
				  layout_refusals[i].message);
	}
}

/* bytes of a fixture with extra bytes put in at offset at. */
static unsigned char *spliced(const char *sub, const char *file, size_t at,
			      const void *extra, size_t n, size_t *len)
{
	char path[512];
	size_t old;
	unsigned char *buf, *out;

	fixture_path(path, sizeof(path), sub, file);
	buf = slurp(path, &old);
	assert_true(at <= old);
	out = malloc(old + n);
	assert_non_null(out);
	memcpy(out, buf, at);
	memcpy(out + at, extra, n);
	memcpy(out + at + n, buf + at, old - at);
	free(buf);
	*len = old + n;
	return out;
}

/*
 * The same refusals where zip64 end records stand between the directory
 * and the end record. layouts/zip64.zip: manifest.xml 30 + 12 + 20 (zip64
 * extra) + 34 = 96 bytes, data/workers.csv 30 + 16 + 20 + 29 + 24 (data
 * descriptor) = 119, directory 78 + 82, zip64 end record 56, locator 20,
 * end record 22: 473. layouts/comment.zip: entries 30 + 12 + 34 and
 * 30 + 16 + 29, directory 58 + 62: its end record at byte 271.
 */
static void test_package__layout_refused_in_memory(void **state)
{
	static const char stub[64] = "MZ";
	unsigned char *zip;
	size_t len;

	(void)state;
	zip = spliced("layouts", "zip64.zip", 0, stub, sizeof(stub), &len);
	expect_mem_error(
	    zip, len, FA_ERR_INPUT, "",
	    "'@' has 64 bytes before its first entry (a "
	    "self-extracting program or other data in front):" FIX);
	free(zip);
	zip = spliced("layouts", "zip64.zip", 473, "tail", 4, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 4 bytes after the end of the zip archive "
			 "(another archive or other data appended):" FIX);
	free(zip);
	/* after the last entry: the directory and end records move */
	zip = spliced("layouts", "zip64.zip", 96 + 119, "gap!!", 5, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 5 bytes before its end records that its "
			 "central directory does not account for:" FIX);
	free(zip);
	/* between the directory and the zip64 end record */
	zip = spliced("layouts", "zip64.zip", 96 + 119 + 160, "gap", 3, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 3 bytes before its end records that its "
			 "central directory does not account for:" FIX);
	free(zip);
	/* between the zip64 end record and its locator */
	zip = spliced("layouts", "zip64.zip", 96 + 119 + 160 + 56, "gap", 3,
		      &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 3 bytes between its zip64 end records:" FIX);
	free(zip);
	/* between the directory and the end record, no zip64 */
	zip = spliced("layouts", "comment.zip", 271, "gap", 3, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 3 bytes between its central directory and "
			 "its end record:" FIX);
	free(zip);
	zip = spliced("layouts", "comment.zip", 76 + 75, "gap", 3, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 3 bytes before its end records that its "
			 "central directory does not account for:" FIX);
	free(zip);
}

/* The directory's offsets say where it is; an entry's declared size
 * that reaches into it, and bytes before it that no entry holds. */
static void test_package__layout_entry_and_directory_disagree(void **state)
{
	struct zw z = { 0 };
	struct centry e = { "workers.csv",
			    0,
			    crc32(CSV, strlen(CSV)),
			    strlen(CSV),
			    strlen(CSV),
			    OS_UNIX,
			    MODE_FILE,
			    0 };
	unsigned char *zip;
	size_t len, cd;

	(void)state;
	zw_file(&z, "workers.csv", CSV);
	cd = z.body.len; /* 30 + 11 + 29 */
	zip = zw_finish(&z, 1, 0, &len);
	assert_int_equal(cd, 70);
	/* compressed size 29 -> 39 in the central record */
	zip[cd + 20] = 39;
	expect_mem_error(zip, len, FA_ERR_INPUT, "workers.csv",
			 "entry runs into the central directory at byte "
			 "70:" FIX);
	free(zip);

	zw_file(&z, "workers.csv", CSV);
	b_add(&z.body, "hidden", 6);
	zip = zw_finish(&z, 1, 0, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "",
			 "'@' has 6 bytes between its last entry and its "
			 "central directory:" FIX);
	free(zip);

	/* a local name that the central one is the start of */
	e.offset =
	    zw_local(&z, "workers.csv.exe", 0, e.crc, CSV, e.csize, e.usize);
	zw_central(&z, &e);
	zip = zw_finish(&z, 1, 0, &len);
	expect_mem_error(zip, len, FA_ERR_INPUT, "workers.csv",
			 "entry has another name in its local header at byte "
			 "0:" FIX);
	free(zip);
}

/*
 * A data descriptor after the data (general purpose bit 3): 12 bytes
 * without its optional signature, 16 with it. Stored entries whose local
 * header has zero sizes, as a writer to a pipe leaves them.
 */
static unsigned char *with_descriptor(int signature, size_t *len)
{
	struct zw z = { 0 };
	struct centry e = { "workers.csv",
			    0,
			    crc32(CSV, strlen(CSV)),
			    strlen(CSV),
			    strlen(CSV),
			    OS_UNIX,
			    MODE_FILE,
			    0 };
	unsigned char *zip;
	size_t cd;

	b_u32(&z.body, 0x04034b50);
	b_u16(&z.body, 20);
	b_u16(&z.body, 0x08);
	b_u16(&z.body, 0);
	b_u16(&z.body, 0);
	b_u16(&z.body, 0x5821);
	b_u32(&z.body, 0);
	b_u32(&z.body, 0);
	b_u32(&z.body, 0);
	b_u16(&z.body, strlen(e.name));
	b_u16(&z.body, 0);
	b_add(&z.body, e.name, strlen(e.name));
	b_add(&z.body, CSV, strlen(CSV));
	if (signature)
		b_u32(&z.body, 0x08074b50);
	b_u32(&z.body, e.crc);
	b_u32(&z.body, e.csize);
	b_u32(&z.body, e.usize);
	zw_central(&z, &e);
	cd = z.body.len;
	zip = zw_finish(&z, 1, 0, len);
	zip[cd + 8] = 0x08; /* the flag in the central record too */
	return zip;
}

static void test_package__layout_data_descriptors(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char hex[FA_SHA256_HEX_LEN];
	unsigned char *zip;
	size_t len;
	int sig;

	(void)state;
	for (sig = 0; sig <= 1; sig++) {
		zip = with_descriptor(sig, &len);
		assert_int_equal(len, 70 + (sig ? 16 : 12) + 57 + 22);
		assert_int_equal(
		    fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
		    FA_OK);
		assert_int_equal(
		    fa_package_read(hex, pkg, "workers.csv", NULL, NULL, &err),
		    FA_OK);
		assert_string_equal(hex, SHA_CSV);
		fa_package_free(pkg);
		free(zip);
	}
}

/* ---- name and type rules, table-driven -------------------------------- */

struct name_case {
	const char *name;
	enum fa_code code;
	const char *where; /* NULL: the name itself */
	const char *message;
};

static void test_package__name_rules(void **state)
{
	static const struct name_case cases[] = {
		{ "a/../b.csv", FA_ERR_INPUT, NULL,
		  "entry path escapes the package ('..' segment)" },
		{ "a/..", FA_ERR_INPUT, NULL,
		  "entry path escapes the package ('..' segment)" },
		{ "..", FA_ERR_INPUT, NULL,
		  "entry path escapes the package ('..' segment)" },
		{ "a/./b.csv", FA_ERR_INPUT, NULL,
		  "entry path has an empty or '.' segment" },
		{ ".", FA_ERR_INPUT, NULL,
		  "entry path has an empty or '.' segment" },
		{ "a//", FA_ERR_INPUT, NULL,
		  "entry path has an empty or '.' segment" },
		{ "a/b.csv/", FA_OK, NULL, NULL }, /* a directory: skipped */
		{ "/", FA_ERR_INPUT, NULL, "entry path is absolute" },
		{ "c:x.csv", FA_ERR_INPUT, NULL, "entry path is absolute" },
		{ "Z:\\x.csv", FA_ERR_INPUT, NULL, "entry path is absolute" },
		{ "\\\\server\\share\\x.csv", FA_ERR_INPUT, NULL,
		  "entry path contains a backslash" },
		{ "a\x7f.csv", FA_ERR_INPUT, "a\\x7f.csv",
		  "entry path contains a control character" },
		{ "a\xc2\x9b.csv", FA_ERR_INPUT, "a\\xc2\\x9b.csv",
		  "entry path contains a control character" },
		{ "a\x1b[2J.csv", FA_ERR_INPUT, "a\\x1b[2J.csv",
		  "entry path contains a control character" },
		{ "\xc0\xaf.csv", FA_ERR_INPUT, "\\xc0\\xaf.csv",
		  "entry path is not valid UTF-8" },
		{ "\xed\xa0\x80.csv", FA_ERR_INPUT, "\\xed\\xa0\\x80.csv",
		  "entry path is not valid UTF-8" },
		{ "\xf4\x90\x80\x80.csv", FA_ERR_INPUT,
		  "\\xf4\\x90\\x80\\x80.csv", "entry path is not valid UTF-8" },
		{ "caf\xc3", FA_ERR_INPUT, "caf\\xc3",
		  "entry path is not valid UTF-8" },
		{ "__MACOSX/../x", FA_ERR_INPUT, NULL,
		  "entry path escapes the package ('..' segment)" },
		{ "données/Übersicht €.csv", FA_OK, NULL, NULL },
		{ "a..b/.hidden/x..csv", FA_OK, NULL, NULL },
		{ "d:", FA_ERR_INPUT, NULL, "entry path is absolute" },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct name_case *c = &cases[i];
		struct fa_error err = { 0 };
		struct fa_package *pkg = NULL;
		unsigned char *zip = zw_single(c->name, &len);
		enum fa_code rc;

		print_message("name %zu\n", i);
		rc = fa_package_open_mem(&pkg, "mem.zip", zip, len, &err);
		if (c->code == FA_OK) {
			int dir = c->name[strlen(c->name) - 1] == '/';

			assert_int_equal(rc, FA_OK);
			assert_int_equal(fa_package_count(pkg), dir ? 0 : 1);
			/* (alone in the zip, its folder is stripped) */
			if (!dir)
				assert_string_equal(
				    fa_package_entry_at(pkg, 0)->zip_name,
				    c->name);
		} else {
			expect_error(&err, rc, c->code, "mem.zip",
				     c->where ? c->where : c->name, c->message);
		}
		fa_package_free(pkg);
		free(zip);
	}
}

struct type_case {
	const char *name;
	unsigned opsys;
	uint32_t attr;
	const char *message; /* NULL: accepted */
};

static void test_package__entry_types(void **state)
{
	static const struct type_case cases[] = {
		{ "x.csv", OS_UNIX, 0100644u << 16, NULL },
		{ "x.csv", OS_UNIX, 0, NULL },
		{ "x.csv", OS_DOS, 0x20, NULL },
		{ "x.csv", OS_UNIX, 0120777u << 16,
		  "entry is a symbolic link" },
		{ "x.csv", OS_UNIX, 0020644u << 16,
		  "entry is not a regular file" },
		{ "x.csv", OS_UNIX, 0060644u << 16,
		  "entry is not a regular file" },
		{ "x.csv", OS_UNIX, 0140644u << 16,
		  "entry is not a regular file" },
		{ "x.csv", OS_UNIX, (0040755u << 16) | 0x10,
		  "entry is not a regular file" },
		{ "x.csv", OS_DOS, 0x10, "entry is not a regular file" },
		{ "x.csv", OS_DOS, 0x420, "entry is a symbolic link" },
		/* 7-Zip on Windows: Unix mode flagged by 0x8000. */
		{ "x.csv", OS_DOS, (0120777u << 16) | 0x8020,
		  "entry is a symbolic link" },
		{ "d/", OS_UNIX, (0040755u << 16) | 0x10, NULL },
		{ "d/", OS_DOS, 0x10, NULL },
		{ "d/", OS_UNIX, 0120777u << 16, "entry is a symbolic link" },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct type_case *c = &cases[i];
		struct fa_error err = { 0 };
		struct fa_package *pkg = NULL;
		struct zw z = { 0 };
		unsigned char *zip;
		enum fa_code rc;

		print_message("type %zu\n", i);
		zw_add(&z, c->name, "", 0, c->opsys, c->attr);
		zip = zw_finish(&z, 1, 0, &len);
		rc = fa_package_open_mem(&pkg, "mem.zip", zip, len, &err);
		if (!c->message)
			assert_int_equal(rc, FA_OK);
		else
			expect_error(&err, rc, FA_ERR_INPUT, "mem.zip", c->name,
				     c->message);
		fa_package_free(pkg);
		free(zip);
	}
}

/* ---- accepted layouts ------------------------------------------------- */

struct layout {
	const char *file;
	const char *prefix;
	const char *names[6];	  /* normalised, zip order, NULL-ended */
	const char *zip_names[6]; /* the same entries as stored */
	const char *junk[6];
};

static void check_layout(const struct layout *l)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char path[512];
	size_t i;

	fixture_path(path, sizeof(path), "layouts", l->file);
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	assert_int_equal(err.n, 0);
	assert_string_equal(fa_package_path(pkg), path);
	assert_string_equal(fa_package_prefix(pkg), l->prefix);
	for (i = 0; l->names[i]; i++) {
		const struct fa_package_entry *e = fa_package_entry_at(pkg, i);

		assert_true(i < fa_package_count(pkg));
		assert_string_equal(e->name, l->names[i]);
		assert_string_equal(e->zip_name, l->zip_names[i]);
		assert_ptr_equal(fa_package_find(pkg, l->names[i]), e);
	}
	assert_int_equal(fa_package_count(pkg), i);
	for (i = 0; l->junk[i]; i++) {
		assert_true(i < fa_package_junk_count(pkg));
		assert_string_equal(fa_package_junk_at(pkg, i), l->junk[i]);
		assert_null(fa_package_find(pkg, l->junk[i]));
	}
	assert_int_equal(fa_package_junk_count(pkg), i);
	fa_package_free(pkg);
}

static void test_package__layout_top_folder(void **state)
{
	static const struct layout l = {
		"top_folder.zip",
		"evidence",
		{ "manifest.xml", "data/workers.csv", "data/rooms.csv" },
		{ "evidence/manifest.xml", "evidence/data/workers.csv",
		  "evidence/data/rooms.csv" },
		{ NULL },
	};
	(void)state;
	check_layout(&l);
}

static void test_package__layout_finder(void **state)
{
	static const struct layout l = {
		"finder.zip",
		"evidence",
		{ "manifest.xml", "data/workers.csv" },
		{ "evidence/manifest.xml", "evidence/data/workers.csv" },
		{ "evidence/.DS_Store", "__MACOSX/evidence/._manifest.xml",
		  "evidence/data/._workers.csv",
		  "__MACOSX/evidence/data/._workers.csv" },
	};
	(void)state;
	check_layout(&l);
}

static void test_package__layout_explorer(void **state)
{
	static const struct layout l = {
		"explorer.zip",
		"evidence",
		{ "manifest.xml", "data/workers.csv", "data/rooms.csv" },
		{ "evidence/manifest.xml", "evidence/data/workers.csv",
		  "evidence/data/rooms.csv" },
		{ "evidence/data/Thumbs.db", "evidence/DESKTOP.INI" },
	};
	(void)state;
	check_layout(&l);
}

static void test_package__layout_sevenzip(void **state)
{
	static const struct layout l = {
		"sevenzip.zip",
		"",
		{ "manifest.xml", "data/workers.csv", "data/rooms.csv",
		  "notes/übersicht.txt" },
		{ "manifest.xml", "data/workers.csv", "data/rooms.csv",
		  "notes/übersicht.txt" },
		{ NULL },
	};
	(void)state;
	check_layout(&l);
}

static void test_package__layout_two_folders_not_stripped(void **state)
{
	static const struct layout l = {
		"two_folders.zip",
		"",
		{ "evidence/manifest.xml", "other/workers.csv" },
		{ "evidence/manifest.xml", "other/workers.csv" },
		{ NULL },
	};
	(void)state;
	check_layout(&l);
}

/* zip -z, zip -fz with a data descriptor of 8-byte sizes, and a zip
 * stored as a document (its end record inside the package's data). */
static void test_package__layout_comment_zip64_stored_zip(void **state)
{
	static const struct layout comment = {
		"comment.zip",
		"",
		{ "manifest.xml", "data/workers.csv" },
		{ "manifest.xml", "data/workers.csv" },
		{ NULL },
	};
	static const struct layout zip64 = {
		"zip64.zip",
		"",
		{ "manifest.xml", "data/workers.csv" },
		{ "manifest.xml", "data/workers.csv" },
		{ NULL },
	};
	static const struct layout stored = {
		"stored_zip.zip",
		"",
		{ "manifest.xml", "documents/letter.docx" },
		{ "manifest.xml", "documents/letter.docx" },
		{ NULL },
	};
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char path[512], hex[FA_SHA256_HEX_LEN];

	(void)state;
	check_layout(&comment);
	check_layout(&zip64);
	check_layout(&stored);
	/* what libzip reads is what was written */
	fixture_path(path, sizeof(path), "layouts", "zip64.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	assert_int_equal(
	    fa_package_read(hex, pkg, "data/workers.csv", NULL, NULL, &err),
	    FA_OK);
	assert_string_equal(hex, SHA_CSV);
	fa_package_free(pkg);
}

static void test_package__prefix_kept_with_root_file(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct zw z = { 0 };
	unsigned char *zip;
	size_t len;

	(void)state;
	zw_file(&z, "evidence/manifest.xml", "m");
	zw_file(&z, "readme.txt", "r");
	zw_file(&z, ".DS_Store", "junk at the root does not count");
	zip = zw_finish(&z, 3, 0, &len);
	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_OK);
	assert_string_equal(fa_package_prefix(pkg), "");
	assert_non_null(fa_package_find(pkg, "evidence/manifest.xml"));
	assert_int_equal(fa_package_junk_count(pkg), 1);
	fa_package_free(pkg);
	free(zip);
}

static void test_package__junk_names_any_case(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct zw z = { 0 };
	unsigned char *zip;
	size_t len;

	(void)state;
	zw_file(&z, "e/a.csv", "a");
	zw_file(&z, "e/thumbs.DB", "j");
	zw_file(&z, "e/x/Desktop.INI", "j");
	zw_file(&z, "e/x/._a.csv", "j");
	zw_file(&z, "e/.DS_Store", "j");
	zw_file(&z, "e/.ds_store", "macOS names keep their case");
	zw_file(&z, "e/__MACOSX/a.csv", "j");
	zip = zw_finish(&z, 7, 0, &len);
	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_OK);
	assert_string_equal(fa_package_prefix(pkg), "e");
	assert_int_equal(fa_package_count(pkg), 2);
	assert_string_equal(fa_package_entry_at(pkg, 0)->name, "a.csv");
	assert_string_equal(fa_package_entry_at(pkg, 1)->name, ".ds_store");
	assert_int_equal(fa_package_junk_count(pkg), 5);
	fa_package_free(pkg);
	free(zip);
}

/* Duplicates are compared after the folder is stripped, byte for byte. */
static void test_package__duplicates_after_normalisation(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct zw z = { 0 };
	unsigned char *zip;
	size_t len;
	enum fa_code rc;

	(void)state;
	zw_file(&z, "e/A.csv", "a");
	zw_file(&z, "e/a.csv", "b");
	zw_file(&z, "e/b.csv", "c");
	zw_file(&z, "e/a.csv", "d");
	zw_file(&z, "e/b.csv", "e");
	zip = zw_finish(&z, 5, 0, &len);
	rc = fa_package_open_mem(&pkg, "mem.zip", zip, len, &err);
	expect_error(&err, rc, FA_ERR_INPUT, "mem.zip", "e/a.csv",
		     "duplicate entry name (also at entry 2)");
	free(zip);
}

/* ---- streaming -------------------------------------------------------- */

static void test_package__read_layout_hashes(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char path[512], hex[FA_SHA256_HEX_LEN];

	(void)state;
	fixture_path(path, sizeof(path), "layouts", "finder.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	assert_int_equal(
	    fa_package_read(hex, pkg, "data/workers.csv", NULL, NULL, &err),
	    FA_OK);
	assert_string_equal(hex, SHA_CSV);
	assert_int_equal(
	    fa_package_read(hex, pkg, "manifest.xml", NULL, NULL, &err), FA_OK);
	assert_string_equal(hex, SHA_MANIFEST);
	assert_int_equal(err.n, 0);
	fa_package_free(pkg);
}

static void test_package__read_streams_in_chunks(void **state)
{
	const size_t size = 3 * FA_PKG_CHUNK_BYTES + 12345;
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct counting_sink sink = { 0 };
	struct zw z = { 0 };
	unsigned char *data = malloc(size), *zip;
	char hex[FA_SHA256_HEX_LEN], want[FA_SHA256_HEX_LEN];
	size_t i, len;

	(void)state;
	assert_non_null(data);
	for (i = 0; i < size; i++)
		data[i] = (unsigned char)(i * 31 + i / 1000);
	zw_add(&z, "big.bin", data, size, OS_UNIX, MODE_FILE);
	zip = zw_finish(&z, 1, 0, &len);
	sink.copy = malloc(size);
	sink.cap = size;
	assert_non_null(sink.copy);

	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_OK);
	assert_int_equal(
	    fa_package_read(hex, pkg, "big.bin", count_sink, &sink, &err),
	    FA_OK);
	fa_sha256_buf_hex(want, data, size);
	assert_string_equal(hex, want);
	assert_int_equal(sink.bytes, size);
	assert_memory_equal(sink.copy, data, size);
	assert_true(sink.largest <= FA_PKG_CHUNK_BYTES);
	assert_true(sink.calls >= 4);

	/* Hash only, no sink. */
	assert_int_equal(fa_package_read(hex, pkg, "big.bin", NULL, NULL, &err),
			 FA_OK);
	assert_string_equal(hex, want);
	fa_package_free(pkg);
	free(sink.copy);
	free(zip);
	free(data);
}

static enum fa_code refusing_sink(void *ctx, const unsigned char *buf,
				  size_t len, struct fa_error *err)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return fa_error_add(err, FA_ERR_INTEGRITY, "sink", 0, 0, "refused");
}

static void test_package__sink_code_returned_unchanged(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char path[512], hex[FA_SHA256_HEX_LEN];
	enum fa_code rc;

	(void)state;
	fixture_path(path, sizeof(path), "layouts", "top_folder.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	rc = fa_package_read(hex, pkg, "manifest.xml", refusing_sink, NULL,
			     &err);
	expect_error(&err, rc, FA_ERR_INTEGRITY, path, "sink", "refused");
	assert_string_equal(hex, "");
	fa_package_free(pkg);
}

static void test_package__read_unknown_entry(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	char path[512], hex[FA_SHA256_HEX_LEN];
	enum fa_code rc;

	(void)state;
	fixture_path(path, sizeof(path), "layouts", "finder.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	/* The zip name is not the entry's name, and junk is never read. */
	rc = fa_package_read(hex, pkg, "evidence/manifest.xml", NULL, NULL,
			     &err);
	expect_error(&err, rc, FA_ERR_INPUT, path, "evidence/manifest.xml",
		     "no such entry in '@'");
	fa_error_init(&err);
	rc = fa_package_read(hex, pkg, "evidence/.DS_Store", NULL, NULL, &err);
	expect_error(&err, rc, FA_ERR_INPUT, path, "evidence/.DS_Store",
		     "no such entry in '@'");
	fa_package_free(pkg);
}

static void test_package__read_all(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	unsigned char *buf = NULL;
	size_t len = 0;
	char path[512], hex[FA_SHA256_HEX_LEN];

	(void)state;
	fixture_path(path, sizeof(path), "layouts", "top_folder.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	assert_int_equal(fa_package_read_all(&buf, &len, hex, pkg,
					     "data/workers.csv", 29, &err),
			 FA_OK);
	assert_int_equal(len, strlen(CSV));
	assert_string_equal((char *)buf, CSV); /* NUL-terminated */
	assert_string_equal(hex, SHA_CSV);
	free(buf);
	fa_package_free(pkg);
}

static void test_package__read_all_limit(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	unsigned char *buf = (unsigned char *)"";
	size_t len = 1;
	char path[512], hex[FA_SHA256_HEX_LEN];
	enum fa_code rc;

	(void)state;
	fixture_path(path, sizeof(path), "layouts", "top_folder.zip");
	assert_int_equal(fa_package_open(&pkg, path, &err), FA_OK);
	rc = fa_package_read_all(&buf, &len, hex, pkg, "data/workers.csv", 28,
				 &err);
	expect_error(&err, rc, FA_ERR_LIMIT, path, "data/workers.csv",
		     "entry declares 29 bytes, more than the limit of 28");
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_string_equal(hex, "");
	fa_package_free(pkg);
}

static void test_package__read_all_empty_entry(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct zw z = { 0 };
	unsigned char *zip, *buf = NULL;
	size_t len, n = 1;

	(void)state;
	zw_file(&z, "empty.csv", "");
	zip = zw_finish(&z, 1, 0, &len);
	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_OK);
	assert_int_equal(
	    fa_package_read_all(&buf, &n, NULL, pkg, "empty.csv", 0, &err),
	    FA_OK);
	assert_int_equal(n, 0);
	assert_int_equal(buf[0], '\0');
	free(buf);
	fa_package_free(pkg);
	free(zip);
}

/* ---- open_mem is open ------------------------------------------------- */

/* Same outcome for every fixture: code, diagnostics, entries, data. */
static void compare_open_and_open_mem(const char *sub, const char *file)
{
	struct fa_error e1 = { 0 }, e2 = { 0 };
	struct fa_package *p1 = NULL, *p2 = NULL;
	char path[512], h1[FA_SHA256_HEX_LEN], h2[FA_SHA256_HEX_LEN];
	unsigned char *buf;
	size_t len, i;
	enum fa_code r1, r2;

	print_message("%s/%s\n", sub, file);
	fixture_path(path, sizeof(path), sub, file);
	buf = slurp(path, &len);
	r1 = fa_package_open(&p1, path, &e1);
	r2 = fa_package_open_mem(&p2, path, buf, len, &e2);
	assert_int_equal(r1, r2);
	assert_int_equal(e1.n, e2.n);
	if (r1 != FA_OK) {
		assert_string_equal(e1.diag[0].where, e2.diag[0].where);
		assert_string_equal(e1.diag[0].message, e2.diag[0].message);
		free(buf);
		return;
	}
	assert_string_equal(fa_package_prefix(p1), fa_package_prefix(p2));
	assert_int_equal(fa_package_count(p1), fa_package_count(p2));
	assert_int_equal(fa_package_junk_count(p1), fa_package_junk_count(p2));
	for (i = 0; i < fa_package_count(p1); i++) {
		const struct fa_package_entry *a = fa_package_entry_at(p1, i);
		const struct fa_package_entry *b = fa_package_entry_at(p2, i);

		assert_string_equal(a->name, b->name);
		assert_string_equal(a->zip_name, b->zip_name);
		assert_int_equal(a->size, b->size);
		assert_int_equal(a->comp_size, b->comp_size);
		fa_error_init(&e1);
		fa_error_init(&e2);
		r1 = fa_package_read(h1, p1, a->name, NULL, NULL, &e1);
		r2 = fa_package_read(h2, p2, b->name, NULL, NULL, &e2);
		assert_int_equal(r1, r2);
		assert_string_equal(h1, h2);
		if (r1 != FA_OK)
			assert_string_equal(e1.diag[0].message,
					    e2.diag[0].message);
	}
	fa_package_free(p1);
	fa_package_free(p2);
	free(buf);
}

static void test_package__open_mem_equals_open(void **state)
{
	static const char *const hostile[] = {
		"traversal_dotdot.zip",
		"control_char.zip",
		"invalid_utf8.zip",
		"long_name.zip",
		"symlink.zip",
		"encrypted.zip",
		"duplicate_names.zip",
		"too_many_entries.zip",
		"declared_size_bomb.zip",
		"ratio_bomb.zip",
		"compressed_size_lie.zip",
		"unsupported_method.zip",
		"lying_size.zip",
		"short_size.zip",
		"bad_crc.zip",
		"not_a_zip.zip",
		"truncated.zip",
		"empty.zip",
		"concatenated.zip",
		"prepended.zip",
		"self_extracting.zip",
		"appended.zip",
		"hidden_between.zip",
		"overlapping.zip",
		"out_of_order.zip",
		"local_name.zip",
		"second_end.zip",
	};
	static const char *const layouts[] = {
		"top_folder.zip", "finder.zip",	     "explorer.zip",
		"sevenzip.zip",	  "two_folders.zip", "comment.zip",
		"zip64.zip",	  "stored_zip.zip",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		compare_open_and_open_mem("hostile", hostile[i]);
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		compare_open_and_open_mem("layouts", layouts[i]);
}

/* A zip with no entries at all is a valid, empty package. */
static void test_package__empty_archive(void **state)
{
	struct fa_error err = { 0 };
	struct fa_package *pkg = NULL;
	struct zw z = { 0 };
	unsigned char *zip;
	size_t len;

	(void)state;
	zip = zw_finish(&z, 0, 0, &len);
	assert_int_equal(len, 22);
	assert_int_equal(fa_package_open_mem(&pkg, "mem.zip", zip, len, &err),
			 FA_OK);
	assert_int_equal(fa_package_count(pkg), 0);
	assert_int_equal(fa_package_junk_count(pkg), 0);
	assert_string_equal(fa_package_prefix(pkg), "");
	assert_null(fa_package_find(pkg, "manifest.xml"));
	fa_package_free(pkg);
	free(zip);
}

static void test_package__free_accepts_null(void **state)
{
	(void)state;
	fa_package_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package__traversal_dotdot),
		cmocka_unit_test(test_package__absolute_path),
		cmocka_unit_test(test_package__drive_letter),
		cmocka_unit_test(test_package__backslash),
		cmocka_unit_test(test_package__empty_segment),
		cmocka_unit_test(test_package__dot_segment),
		cmocka_unit_test(test_package__control_char),
		cmocka_unit_test(test_package__invalid_utf8),
		cmocka_unit_test(test_package__long_name),
		cmocka_unit_test(test_package__symlink),
		cmocka_unit_test(test_package__not_regular),
		cmocka_unit_test(test_package__encrypted),
		cmocka_unit_test(test_package__duplicate_names),
		cmocka_unit_test(test_package__too_many_entries),
		cmocka_unit_test(test_package__declared_size_bomb),
		cmocka_unit_test(test_package__ratio_bomb),
		cmocka_unit_test(test_package__zero_compressed_size),
		cmocka_unit_test(test_package__compressed_size_lie),
		cmocka_unit_test(test_package__unsupported_method),
		cmocka_unit_test(test_package__layout_refused),
		cmocka_unit_test(test_package__layout_refused_in_memory),
		cmocka_unit_test(
		    test_package__layout_entry_and_directory_disagree),
		cmocka_unit_test(test_package__layout_data_descriptors),
		cmocka_unit_test(test_package__not_a_zip),
		cmocka_unit_test(test_package__truncated),
		cmocka_unit_test(test_package__empty_file),
		cmocka_unit_test(test_package__missing_file),
		cmocka_unit_test(test_package__directory_is_not_a_package),
		cmocka_unit_test(test_package__folder_name_quoted),
		cmocka_unit_test(test_package__folder_long_name),
		cmocka_unit_test(test_package__file_size_limit),
		cmocka_unit_test(test_package__lying_size),
		cmocka_unit_test(test_package__short_size),
		cmocka_unit_test(test_package__bad_crc),
		cmocka_unit_test(test_package__lying_size_read_all),
		cmocka_unit_test(test_package__too_many_entries_real),
		cmocka_unit_test(test_package__too_many_entries_wrapped_count),
		cmocka_unit_test(test_package__entry_limit_is_inclusive),
		cmocka_unit_test(test_package__total_size_bomb),
		cmocka_unit_test(test_package__bomb_refused_before_reading),
		cmocka_unit_test(test_package__name_rules),
		cmocka_unit_test(test_package__entry_types),
		cmocka_unit_test(test_package__layout_top_folder),
		cmocka_unit_test(test_package__layout_finder),
		cmocka_unit_test(test_package__layout_explorer),
		cmocka_unit_test(test_package__layout_sevenzip),
		cmocka_unit_test(test_package__layout_two_folders_not_stripped),
		cmocka_unit_test(test_package__layout_comment_zip64_stored_zip),
		cmocka_unit_test(test_package__prefix_kept_with_root_file),
		cmocka_unit_test(test_package__junk_names_any_case),
		cmocka_unit_test(test_package__duplicates_after_normalisation),
		cmocka_unit_test(test_package__read_layout_hashes),
		cmocka_unit_test(test_package__read_streams_in_chunks),
		cmocka_unit_test(test_package__sink_code_returned_unchanged),
		cmocka_unit_test(test_package__read_unknown_entry),
		cmocka_unit_test(test_package__read_all),
		cmocka_unit_test(test_package__read_all_limit),
		cmocka_unit_test(test_package__read_all_empty_entry),
		cmocka_unit_test(test_package__open_mem_equals_open),
		cmocka_unit_test(test_package__empty_archive),
		cmocka_unit_test(test_package__free_accepts_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
