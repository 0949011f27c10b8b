/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for manifest: the example manifest parsed into every field,
 * each meaning check with its exact message and line, all problems of one
 * manifest reported together, schema problems passed through, paths, and
 * lookups. Manifests live in fixtures/manifest/<behaviour>.xml (tests run
 * from the repository root; FA_FIXTURES overrides "fixtures"); large or
 * byte-exact ones are generated here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "manifest.h"

/* The tables these tests pretend the evidence schema has. */
static const char *const tables[] = { "workers",     "documents",
				      "contracts",   "rental_agreements",
				      "pay_periods", NULL };
/* How messages list them: in alphabetical order. */
#define VALID_TABLES                                                           \
	"valid tables: contracts, documents, pay_periods, rental_agreements, " \
	"workers"

/* A growing text buffer for generated manifests. */
struct text {
	char *s;
	size_t len, cap;
};

static void text_add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL,
			      t->s ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (t->s && (size_t)n < t->cap - t->len)
			break;
		t->cap = (t->cap + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	t->len += (size_t)n;
}

static char *read_fixture(size_t *len, const char *name)
{
	const char *dir = getenv("FA_FIXTURES");
	char path[1024];
	struct text t = { NULL, 0, 0 };
	FILE *f;
	char chunk[4096];
	size_t n;

	snprintf(path, sizeof(path), "%s/manifest/%s", dir ? dir : "fixtures",
		 name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open fixture '%s'", path);
	text_add(&t, "%s", "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		text_add(&t, "%.*s", (int)n, chunk);
	fclose(f);
	*len = t.len;
	return t.s;
}

static enum fa_code parse_fixture(struct fa_manifest **m, const char *name,
				  struct fa_error *err)
{
	size_t len;
	char *buf = read_fixture(&len, name);
	enum fa_code rc;

	fa_error_init(err);
	rc = fa_manifest_parse(m, FA_MANIFEST_NAME, buf, len, tables, err);
	free(buf);
	return rc;
}

/*
 * Assert that err holds exactly the expected diagnostics, in order, as the
 * CLI prints them (without "flexaudit: ").
 */
static void expect_diags(const struct fa_error *err, const char *const *want,
			 size_t n)
{
	char got[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];
	size_t i;

	for (i = 0; i < err->n && i < n; i++) {
		fa_diag_format(got, sizeof(got), &err->diag[i]);
		assert_string_equal(got, want[i]);
	}
	assert_int_equal(err->n, n);
	assert_int_equal(err->n_dropped, 0);
}

#define EXPECT(err, ...)                                                      \
	do {                                                                  \
		static const char *const want_[] = { __VA_ARGS__ };           \
		expect_diags((err), want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

/* A refused fixture: FA_ERR_INPUT, no manifest, exactly these messages. */
#define EXPECT_REFUSED(name, ...)                                   \
	do {                                                        \
		struct fa_manifest *m_ = NULL;                      \
		struct fa_error err_;                               \
		assert_int_equal(parse_fixture(&m_, (name), &err_), \
				 FA_ERR_INPUT);                     \
		assert_null(m_);                                    \
		assert_int_equal(err_.code, FA_ERR_INPUT);          \
		EXPECT(&err_, __VA_ARGS__);                         \
	} while (0)

static const char sha_a[] =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/* A manifest listing n documents named prefix, a number, suffix; the
 * first <file> is on line 8. */
static void generate(struct text *t, size_t n, const char *prefix,
		     const char *suffix)
{
	size_t i;

	text_add(t, "<?xml version='1.0'?>\n"
		    "<package xmlns='" FA_MANIFEST_NS "' format='1'>\n"
		    "<member><name>M</name><kvk>12345678</kvk>"
		    "<abu-number>A</abu-number></member>\n"
		    "<audit-period from='2025-01-01' to='2025-12-31'/>\n"
		    "<producer><name>P</name></producer>\n"
		    "<produced-at>2026-01-15T09:30:00Z</produced-at>\n"
		    "<files>\n");
	for (i = 0; i < n; i++) {
		text_add(t,
			 "<file path='%s%zu%s' role='document' sha256='%s'/>\n",
			 prefix, i, suffix, sha_a);
	}
	text_add(t, "</files>\n</package>\n");
}

static void test_manifest__valid_example_parses_every_field(void **state)
{
	struct fa_manifest *m = NULL;
	struct fa_error err;
	const struct fa_manifest_file *f;

	(void)state;
	assert_int_equal(parse_fixture(&m, "valid.xml", &err), FA_OK);
	assert_int_equal(err.n, 0);
	assert_non_null(m);
	assert_int_equal(m->format, 1);
	assert_string_equal(m->member_name, "Voorbeeld Uitzendgroep B.V.");
	assert_string_equal(m->kvk, "12345678");
	assert_string_equal(m->abu_number, "ABU-01234");
	assert_string_equal(m->period_from, "2025-01-01");
	assert_string_equal(m->period_to, "2025-12-31");
	assert_string_equal(m->producer_name, "HR-afdeling, J. de Vries");
	assert_string_equal(m->producer_system, "AFAS Profit export");
	assert_string_equal(m->produced_at, "2026-01-15T09:30:00+01:00");
	assert_int_equal(m->n_files, 2);

	f = &m->files[0];
	assert_string_equal(f->path, "workers.csv");
	assert_int_equal(f->role, FA_ROLE_TABLE);
	assert_string_equal(f->table, "workers");
	/* Written in upper case, stored in lower case. */
	assert_string_equal(f->sha256, sha_a);
	assert_int_equal(f->encoding, FA_ENC_WINDOWS1252);
	assert_int_equal(f->line, 15); /* the line of "<file", not of "/>" */

	f = &m->files[1];
	assert_string_equal(f->path, "documents/W0001/contract-nl.pdf");
	assert_int_equal(f->role, FA_ROLE_DOCUMENT);
	assert_null(f->table);
	assert_string_equal(f->sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5"
				       "c1fa7425e73043362938b9824");
	assert_int_equal(f->encoding, FA_ENC_UTF8);
	assert_int_equal(f->line, 18);

	assert_ptr_equal(fa_manifest_find(m, "workers.csv"), &m->files[0]);
	assert_ptr_equal(fa_manifest_find(m, "documents/W0001/contract-nl.pdf"),
			 &m->files[1]);
	assert_null(fa_manifest_find(m, "Workers.csv"));
	assert_null(fa_manifest_find(m, "manifest.xml"));
	fa_manifest_free(m);
}

static void test_manifest__minimal_collapses_white_space(void **state)
{
	struct fa_manifest *m = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(parse_fixture(&m, "minimal.xml", &err), FA_OK);
	assert_string_equal(m->member_name, "Klein Bureau");
	assert_string_equal(m->kvk, "00012345");
	assert_string_equal(m->abu_number, "7");
	/* A one-day period, the first date written with spaces around. */
	assert_string_equal(m->period_from, "2025-03-01");
	assert_string_equal(m->period_to, "2025-03-01");
	assert_null(m->producer_system);
	assert_string_equal(m->produced_at, "2025-03-02T08:00:00Z");
	assert_int_equal(m->n_files, 1);
	assert_int_equal(m->files[0].encoding, FA_ENC_UTF8);
	assert_string_equal(m->files[0].sha256,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca"
			    "495991b7852b855");
	fa_manifest_free(m);
}

static void test_manifest__period_ends_before_start(void **state)
{
	(void)state;
	EXPECT_REFUSED("period_ends_before_start.xml",
		       "manifest.xml:8: audit period ends (2025-01-01) before "
		       "it starts (2025-12-31)");
}

/* Valid for the schema (xs:date), but outside the years an audit accepts:
 * refused here, with the line, not later as a usage error of audit. */
static void test_manifest__period_year_out_of_range(void **state)
{
	(void)state;
	EXPECT_REFUSED("period_year_out_of_range.xml",
		       "manifest.xml:8: audit period to '9999-12-31' is not "
		       "accepted: year out of range (years 1900 to 2199)");
}

static void test_manifest__duplicate_path(void **state)
{
	(void)state;
	EXPECT_REFUSED("duplicate_path.xml",
		       "manifest.xml:17: file 'documents/a.pdf' is listed "
		       "twice (first on line 16)");
}

static void test_manifest__duplicate_table(void **state)
{
	(void)state;
	EXPECT_REFUSED("duplicate_table.xml",
		       "manifest.xml:16: table 'workers' is listed twice "
		       "(first on line 15)");
}

static void test_manifest__unknown_table(void **state)
{
	(void)state;
	EXPECT_REFUSED("unknown_table.xml",
		       "manifest.xml:15: unknown table 'wrkers': did you mean "
		       "'workers'? " VALID_TABLES);
}

/* No table is close: only the list. */
static void test_manifest__unknown_table_far_from_all(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "unknown_table_far.xml",
	    "manifest.xml:15: unknown table 'huurcontracten': " VALID_TABLES);
}

/*
 * A table= of the form of a file name fails the XSD's pattern; the
 * message names the table meant and why the name is not one.
 */
static void test_manifest__table_named_like_its_file(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "table_names_of_files.xml",
	    "manifest.xml:14: unknown table 'rental-agreements': did you mean "
	    "'rental_agreements'? tables are named with '_', file names may "
	    "use '-'; " VALID_TABLES,
	    "manifest.xml:15: unknown table 'pay-periods.csv': did you mean "
	    "'pay_periods'? table= names the table, path= the file; tables "
	    "are named with '_', file names may use '-'; " VALID_TABLES,
	    "manifest.xml:16: unknown table 'Workers': did you mean "
	    "'workers'? table names are lower case; " VALID_TABLES);
}

/* Without a list of tables only the form can be wrong. */
static void test_manifest__table_form_without_list(void **state)
{
	size_t len;
	char *buf = read_fixture(&len, "table_names_of_files.xml");
	struct fa_manifest *m = NULL;
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(
	    fa_manifest_parse(&m, FA_MANIFEST_NAME, buf, len, NULL, &err),
	    FA_ERR_INPUT);
	assert_null(m);
	EXPECT(&err,
	       "manifest.xml:14: unknown table 'rental-agreements': table "
	       "names are lower-case letters, digits and '_'",
	       "manifest.xml:15: unknown table 'pay-periods.csv': table "
	       "names are lower-case letters, digits and '_'",
	       "manifest.xml:16: unknown table 'Workers': table names are "
	       "lower-case letters, digits and '_'");
	free(buf);
}

static void test_manifest__table_role_without_table(void **state)
{
	(void)state;
	EXPECT_REFUSED("table_without_name.xml",
		       "manifest.xml:15: file 'workers.csv' has role 'table' "
		       "but no 'table' attribute");
}

static void test_manifest__table_attribute_on_document(void **state)
{
	(void)state;
	EXPECT_REFUSED("document_with_table.xml",
		       "manifest.xml:15: file 'documents/a.pdf' has role "
		       "'document' but a 'table' attribute");
}

/* Even encoding="utf-8", the default, is refused on a document. */
static void test_manifest__encoding_on_document(void **state)
{
	(void)state;
	EXPECT_REFUSED("document_with_encoding.xml",
		       "manifest.xml:15: file 'documents/a.pdf' has role "
		       "'document' but an 'encoding' attribute");
}

static void test_manifest__lists_itself(void **state)
{
	(void)state;
	EXPECT_REFUSED("lists_itself.xml",
		       "manifest.xml:16: file 'manifest.xml' is the manifest "
		       "itself and cannot be listed");
}

/* Every meaning problem at once, in document order. */
static void test_manifest__all_problems_reported(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "many_problems.xml",
	    "manifest.xml:8: audit period ends (2025-01-01) before it "
	    "starts (2025-12-31)",
	    "manifest.xml:16: file 'contracts.csv' has role 'table' but "
	    "no 'table' attribute",
	    "manifest.xml:17: unknown table 'wrkers': did you mean "
	    "'workers'? " VALID_TABLES,
	    "manifest.xml:18: table 'workers' is listed twice (first on "
	    "line 15)",
	    "manifest.xml:19: file 'documents/a.pdf' has role 'document' "
	    "but an 'encoding' attribute",
	    "manifest.xml:20: file 'documents/a.pdf' is listed twice "
	    "(first on line 19)",
	    "manifest.xml:20: file 'documents/a.pdf' has role 'document' "
	    "but a 'table' attribute",
	    "manifest.xml:21: file 'manifest.xml' is the manifest itself "
	    "and cannot be listed");
}

/*
 * Schema problems come from xmlload, all of them, with their lines, and
 * are told as what to change.
 */
static void test_manifest__schema_violations_reported(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "schema_violations.xml",
	    "manifest.xml:2: format '2' is not a manifest format this version "
	    "reads: write format=\"1\"",
	    "manifest.xml:5: <kvk> '1234' is not 8 digits: write the KvK "
	    "(Chamber of Commerce) number as exactly 8 digits, leading zeros "
	    "included, without spaces or dots",
	    "manifest.xml:8: audit period to '2025-02-30' is not a date: "
	    "write YYYY-MM-DD (e.g. 2025-01-31) with a day that exists",
	    "manifest.xml:11: <version> is not an element of the manifest: "
	    "remove it (expected here is <system>)",
	    "manifest.xml:15: file path '../../etc/passwd' is not allowed: "
	    "it has a segment of only dots",
	    "manifest.xml:16: role 'script' is not a role: write "
	    "role=\"table\" or role=\"document\" (lower case)",
	    "manifest.xml:16: sha256 'xyz' is not 64 hexadecimal digits (it "
	    "has 3 characters): write the file's SHA-256 as sha256sum or "
	    "Get-FileHash prints it",
	    "manifest.xml:16: <file> has an attribute size it does not take: "
	    "remove it (attributes of <file>: path, role, table, sha256 and "
	    "encoding)");
}

#define ORDER_HINT                                                    \
	"add a missing element, or put the elements in the order of " \
	"manifest.xsd ('flexaudit schema --manifest-xsd' prints it)"

/* An empty name, a KvK with a space, a missing element, a Dutch date and
 * an element missing before another; in the order libxml2 finds them
 * (a missing child when its parent ends). */
static void test_manifest__schema_mistakes_in_user_terms(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "schema_mistakes.xml",
	    "manifest.xml:4: <name> is empty: fill it in",
	    "manifest.xml:5: <kvk> '1234 5678' is not 8 digits: write the KvK "
	    "(Chamber of Commerce) number as exactly 8 digits, leading zeros "
	    "included, without spaces or dots",
	    "manifest.xml:3: <member> lacks <abu-number>: add it",
	    "manifest.xml:7: audit period from '01-01-2025' is not a date: "
	    "write YYYY-MM-DD (e.g. 2025-01-31) with a day that exists",
	    "manifest.xml:8: <produced-at> is out of place: expected here is "
	    "<producer>; " ORDER_HINT);
}

static void test_manifest__file_mistakes_in_user_terms(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "file_mistakes.xml",
	    "manifest.xml:12: <produced-at> '2026-01-15 09:30' is not a date "
	    "and time: write YYYY-MM-DDThh:mm:ss and the time zone, e.g. "
	    "2026-11-10T16:45:00+01:00",
	    "manifest.xml:14: <file> has no sha256 attribute: add "
	    "sha256=\"...\" with the file's SHA-256 (64 hexadecimal digits)",
	    "manifest.xml:15: role 'Table' is not a role: write "
	    "role=\"table\" or role=\"document\" (lower case)",
	    "manifest.xml:15: encoding 'latin1' is not one flexaudit reads: "
	    "write encoding=\"windows-1252\" or encoding=\"utf-16\", or "
	    "leave it out for UTF-8",
	    "manifest.xml:15: sha256 "
	    "'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0' "
	    "is not 64 hexadecimal digits (it has 63 characters): write the "
	    "file's SHA-256 as sha256sum or Get-FileHash prints it",
	    "manifest.xml:16: <file> has no path attribute: add path=\"...\" "
	    "with the file's path in the zip",
	    "manifest.xml:18: <signature> is not an element of the manifest: "
	    "remove it");
}

/* <producer> before <audit-period>. */
static void test_manifest__elements_out_of_order(void **state)
{
	(void)state;
	EXPECT_REFUSED("elements_out_of_order.xml",
		       "manifest.xml:8: <producer> is out of place: expected "
		       "here is <audit-period>; " ORDER_HINT);
}

static void test_manifest__doctype_refused(void **state)
{
	(void)state;
	EXPECT_REFUSED("doctype_xxe.xml",
		       "manifest.xml:2: document type declarations are not "
		       "allowed");
}

/*
 * The XSD counts characters (602 here), the zip limit counts bytes (1202).
 * The message quotes the path cut at a character boundary.
 */
static void test_manifest__path_longer_than_1024_bytes(void **state)
{
	struct text path = { NULL, 0, 0 };
	struct text xml = { NULL, 0, 0 };
	struct fa_manifest *m = NULL;
	struct fa_error err;
	char want[512];
	const char *wants[] = { want };
	size_t i;

	(void)state;
	text_add(&path, "a");
	for (i = 0; i < 600; i++)
		text_add(&path, "\xc3\xa9");
	generate(&xml, 1, path.s, "");
	fa_error_init(&err);
	assert_int_equal(fa_manifest_parse(&m, FA_MANIFEST_NAME, xml.s, xml.len,
					   tables, &err),
			 FA_ERR_INPUT);
	assert_null(m);
	/* "a" and 59 "é" are 119 bytes; the 60th would cut at 120. */
	snprintf(want, sizeof(want),
		 "manifest.xml:8: file path '%.119s...' is not allowed: it is "
		 "longer than 1024 bytes",
		 path.s);
	expect_diags(&err, wants, 1);
	free(path.s);
	free(xml.s);
}

static void test_manifest__path_valid(void **state)
{
	static const char *const good[] = {
		"workers.csv",
		"documents/W0001/contract nl.pdf",
		".hidden",
		"a/..b",
		"a..",
		"x/y./z..",
		"\xc3\xa9t\xc3\xa9.csv",
	};
	static const char *const bad[] = {
		"",	 "/etc/passwd", "../x", "a/../b", "a/..", "./a",
		"a/./b", "a//b",	"a/",	".",	  "..",	  "...",
		"a\\b",	 "a\tb",	"a\nb", "a\x7f",
	};
	char long_path[FA_PKG_MAX_NAME_BYTES + 2];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!fa_manifest_path_valid(good[i]))
			fail_msg("'%s' should be valid", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (fa_manifest_path_valid(bad[i]))
			fail_msg("'%s' should be invalid", bad[i]);
	assert_false(fa_manifest_path_valid(NULL));

	memset(long_path, 'x', sizeof(long_path) - 1);
	long_path[FA_PKG_MAX_NAME_BYTES] = '\0';
	assert_true(fa_manifest_path_valid(long_path));
	long_path[FA_PKG_MAX_NAME_BYTES] = 'x';
	long_path[FA_PKG_MAX_NAME_BYTES + 1] = '\0';
	assert_false(fa_manifest_path_valid(long_path));
}

/* Lookups in a large manifest go through the sorted index. */
static void test_manifest__find_in_many_files(void **state)
{
	struct text xml = { NULL, 0, 0 };
	struct fa_manifest *m = NULL;
	struct fa_error err;
	char path[64];
	size_t i;

	(void)state;
	/* Path order ("10" before "2") is not document order. */
	generate(&xml, 5000, "documents/", ".pdf");
	fa_error_init(&err);
	assert_int_equal(fa_manifest_parse(&m, FA_MANIFEST_NAME, xml.s, xml.len,
					   tables, &err),
			 FA_OK);
	assert_int_equal(m->n_files, 5000);
	assert_non_null(m->by_path);
	for (i = 0; i < m->n_files; i++) {
		snprintf(path, sizeof(path), "documents/%zu.pdf", i);
		assert_ptr_equal(fa_manifest_find(m, path), &m->files[i]);
		assert_int_equal(m->files[i].line, 8 + i);
	}
	assert_null(fa_manifest_find(m, "documents/5000.pdf"));
	assert_null(fa_manifest_find(m, ""));
	assert_null(fa_manifest_find(m, "zzz"));
	fa_manifest_free(m);
	free(xml.s);
}

/* A manifest assembled by hand (as other modules' tests do). */
static void test_manifest__find_without_index(void **state)
{
	struct fa_manifest_file files[2];
	struct fa_manifest m;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(files, 0, sizeof(files));
	files[0].path = (char[]){ "b.csv" };
	files[1].path = (char[]){ "a.csv" };
	m.files = files;
	m.n_files = 2;
	assert_ptr_equal(fa_manifest_find(&m, "a.csv"), &files[1]);
	assert_ptr_equal(fa_manifest_find(&m, "b.csv"), &files[0]);
	assert_null(fa_manifest_find(&m, "c.csv"));
}

static void test_manifest__too_many_files_is_limit(void **state)
{
	struct text xml = { NULL, 0, 0 };
	struct fa_manifest *m = NULL;
	struct fa_error err;

	(void)state;
	generate(&xml, FA_PKG_MAX_ENTRIES + 1, "", "");
	fa_error_init(&err);
	assert_int_equal(fa_manifest_parse(&m, FA_MANIFEST_NAME, xml.s, xml.len,
					   tables, &err),
			 FA_ERR_LIMIT);
	assert_null(m);
	EXPECT(&err,
	       "manifest.xml:7: too many files listed (200001, limit 200000)");
	free(xml.s);
}

static void test_manifest__too_big_is_limit(void **state)
{
	/* Never touched, so the pages are never really allocated. */
	char *big = calloc(FA_XML_MAX_BYTES + 1, 1);
	struct fa_manifest *m = NULL;
	struct fa_error err;

	(void)state;
	assert_non_null(big);
	fa_error_init(&err);
	assert_int_equal(fa_manifest_parse(&m, FA_MANIFEST_NAME, big,
					   FA_XML_MAX_BYTES + 1, tables, &err),
			 FA_ERR_LIMIT);
	assert_null(m);
	EXPECT(&err, "manifest.xml: document too large (67108865 bytes, "
		     "limit 67108864)");
	free(big);
}

static void test_manifest__no_is_table_accepts_any_name(void **state)
{
	size_t len;
	char *buf = read_fixture(&len, "unknown_table.xml");
	struct fa_manifest *m = NULL;
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(
	    fa_manifest_parse(&m, FA_MANIFEST_NAME, buf, len, NULL, &err),
	    FA_OK);
	assert_string_equal(m->files[0].table, "wrkers");
	fa_manifest_free(m);
	free(buf);
}

static void test_manifest__encoding_names(void **state)
{
	(void)state;
	assert_string_equal(fa_encoding_name(FA_ENC_UTF8), "utf-8");
	assert_string_equal(fa_encoding_name(FA_ENC_WINDOWS1252),
			    "windows-1252");
	assert_string_equal(fa_encoding_name(FA_ENC_UTF16), "utf-16");
	fa_manifest_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_manifest__valid_example_parses_every_field),
		cmocka_unit_test(test_manifest__minimal_collapses_white_space),
		cmocka_unit_test(test_manifest__period_ends_before_start),
		cmocka_unit_test(test_manifest__period_year_out_of_range),
		cmocka_unit_test(test_manifest__duplicate_path),
		cmocka_unit_test(test_manifest__duplicate_table),
		cmocka_unit_test(test_manifest__unknown_table),
		cmocka_unit_test(test_manifest__table_role_without_table),
		cmocka_unit_test(test_manifest__table_attribute_on_document),
		cmocka_unit_test(test_manifest__encoding_on_document),
		cmocka_unit_test(test_manifest__lists_itself),
		cmocka_unit_test(test_manifest__all_problems_reported),
		cmocka_unit_test(test_manifest__schema_violations_reported),
		cmocka_unit_test(test_manifest__doctype_refused),
		cmocka_unit_test(test_manifest__path_longer_than_1024_bytes),
		cmocka_unit_test(test_manifest__path_valid),
		cmocka_unit_test(test_manifest__find_in_many_files),
		cmocka_unit_test(test_manifest__find_without_index),
		cmocka_unit_test(test_manifest__too_many_files_is_limit),
		cmocka_unit_test(test_manifest__too_big_is_limit),
		cmocka_unit_test(test_manifest__no_is_table_accepts_any_name),
		cmocka_unit_test(test_manifest__unknown_table_far_from_all),
		cmocka_unit_test(test_manifest__table_named_like_its_file),
		cmocka_unit_test(test_manifest__table_form_without_list),
		cmocka_unit_test(test_manifest__schema_mistakes_in_user_terms),
		cmocka_unit_test(test_manifest__file_mistakes_in_user_terms),
		cmocka_unit_test(test_manifest__elements_out_of_order),
		cmocka_unit_test(test_manifest__encoding_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
