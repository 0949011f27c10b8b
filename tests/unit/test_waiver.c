/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for waivers: a valid file read field by field; every check of
 * the parser with its exact message and line, many problems reported
 * together in line order; the limits at and past their values; the
 * states on the days around from and until; covering by exact subject and
 * pattern; matching (first active waiver wins, orphans, expired waivers
 * that cover but waive nothing); and the demo's waiver file in
 * fixtures/store against the demo's findings. Files are written here line
 * by line, so that the lines the messages give are counted from the text;
 * every expected value is worked out by hand from the file or the items.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "limits.h"
#include "waiver.h"

/* Lines 1 and 2 of every file here; the first waiver starts on line 3. */
#define HEAD_KVK(kvk)                                                        \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                       \
	"<waivers xmlns=\"urn:flexaudit:waivers:1\" format=\"1\" kvk=\"" kvk \
	"\">\n"
#define HEAD HEAD_KVK("87654321")
#define TAIL "</waivers>\n"
#define W "waivers.xml:"

/* Lines 2 to 4 of a waiver: approver, reason and basis. */
#define ARB                          \
	"  <approver>A</approver>\n" \
	"  <reason>R</reason>\n"     \
	"  <basis>B</basis>\n"

static enum fa_code parse(struct fa_waivers **ws, const char *doc,
			  struct fa_error *err)
{
	fa_error_init(err);
	return fa_waivers_parse(ws, "waivers.xml", doc, strlen(doc), err);
}

/* Assert that err holds exactly the expected diagnostics, in order. */
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

/* doc is refused with code and exactly these messages. */
#define EXPECT_REFUSED(code, doc, ...)                                      \
	do {                                                                \
		static const char *const want_[] = { __VA_ARGS__ };         \
		struct fa_waivers *ws_ = NULL;                              \
		struct fa_error e_;                                         \
		assert_int_equal(parse(&ws_, (doc), &e_), (code));          \
		assert_null(ws_);                                           \
		expect_diags(&e_, want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

/* ---- parsing ------------------------------------------------------------- */

static void test_waiver__parses_valid_file(void **state)
{
	static const char doc[] =
	    HEAD "<waiver id=\"W-2026-01\" rule=\"SNF-2.3-BEDROOM-PERSONS\"\n"
		 "        from=\"2026-01-01\" until=\"2026-06-30\">\n"
		 "  <subject> R-12 </subject>\n"
		 "  <pattern>LOC-3/*</pattern>\n"
		 "  <subject>Kamer  twee</subject>\n"
		 "  <approver>J. de Vries,\n   lead inspector</approver>\n"
		 "  <reason>Room is being rebuilt</reason>\n"
		 "  <basis>SNF norm 2.3, repair letter 2026-014</basis>\n"
		 "</waiver>\n"
		 "<waiver id=\"W2\" rule=\"FEC-1\" from=\"2026-03-01\" "
		 "until=\"2026-03-01\">\n"
		 "  <pattern>*</pattern>\n" ARB "</waiver>\n" TAIL;
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	const struct fa_waiver *w;

	(void)state;
	assert_int_equal(parse(&ws, doc, &err), FA_OK);
	assert_int_equal(err.n, 0);
	assert_string_equal(ws->kvk, "87654321");
	assert_int_equal(ws->n, 2);
	w = &ws->w[0];
	assert_string_equal(w->id, "W-2026-01");
	assert_string_equal(w->rule_id, "SNF-2.3-BEDROOM-PERSONS");
	assert_int_equal(w->line, 3);
	assert_string_equal(w->from, "2026-01-01");
	assert_string_equal(w->until, "2026-06-30");
	/* subjects in file order, trimmed but not collapsed */
	assert_int_equal(w->n_subjects, 2);
	assert_string_equal(w->subjects[0], "R-12");
	assert_string_equal(w->subjects[1], "Kamer  twee");
	assert_int_equal(w->n_patterns, 1);
	assert_string_equal(w->patterns[0], "LOC-3/*");
	/* prose collapsed */
	assert_string_equal(w->approver, "J. de Vries, lead inspector");
	assert_string_equal(w->reason, "Room is being rebuilt");
	assert_string_equal(w->basis, "SNF norm 2.3, repair letter 2026-014");
	w = &ws->w[1];
	assert_string_equal(w->id, "W2");
	assert_int_equal(w->line, 13);
	assert_int_equal(w->n_subjects, 0);
	assert_null(w->subjects);
	assert_int_equal(w->n_patterns, 1);
	assert_string_equal(w->patterns[0], "*");
	/* a waiver of one day: until equal to from */
	assert_string_equal(w->from, "2026-03-01");
	assert_string_equal(w->until, "2026-03-01");
	fa_waivers_free(ws);
}

static void test_waiver__empty_file_has_no_waivers(void **state)
{
	struct fa_waivers *ws = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(parse(&ws, HEAD_KVK("00012345") TAIL, &err), FA_OK);
	assert_string_equal(ws->kvk, "00012345");
	assert_int_equal(ws->n, 0);
	fa_waivers_free(ws);
	fa_waivers_free(NULL);
}

/* One file with a problem of every kind the parser checks: all of them
 * are reported, each at the line of its element, in line order. */
static void test_waiver__every_problem_reported(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    FA_ERR_INPUT,
	    HEAD_KVK("1234567")					/* 2 */
	    "<waiver id=\"A\" rule=\"R1\" from=\"2026-01-01\" " /* 3 */
	    "until=\"2026-06-30\">\n"
	    "  <subject>S1</subject>\n" ARB		       /* 4-7 */
	    "</waiver>\n"				       /* 8 */
	    "<waiver id=\"A\" rule=\" \" from=\"2026-02-30\" " /* 9 */
	    "until=\"2026-13-01\">\n"
	    "  <subject>  </subject>\n"				/* 10 */
	    "  <pattern></pattern>\n"				/* 11 */
	    "  <approver> </approver>\n"			/* 12 */
	    "  <reason/>\n"					/* 13 */
	    "  <basis>\n"					/* 14 */
	    "  </basis>\n"					/* 15 */
	    "</waiver>\n"					/* 16 */
	    "<waiver id=\"\" rule=\"R2\" from=\"2026-06-30\" "	/* 17 */
	    "until=\"2026-06-29\">\n" ARB			/* 18-20 */
	    "</waiver>\n"					/* 21 */
	    "<waiver id=\"Y\" rule=\"R3\" from=\"1899-12-31\" " /* 22 */
	    "until=\"2200-01-01\">\n"
	    "  <pattern>*</pattern>\n" ARB "</waiver>\n" TAIL,
	    W "2: kvk '1234567' is not 8 digits: write the KvK (Chamber of "
	      "Commerce) number as exactly 8 digits, leading zeros included",
	    W "9: waiver id 'A' is given twice (first on line 3): give "
	      "every waiver an id of its own",
	    W "9: waiver 'A' has an empty rule: write the id of the rule it "
	      "waives",
	    W "9: waiver 'A': from '2026-02-30' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)",
	    W "9: waiver 'A': until '2026-13-01' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)",
	    W "10: waiver 'A' has an empty <subject>: write the subject as "
	      "the finding names it, or remove the element",
	    W "11: waiver 'A' has an empty <pattern>: write the subject as "
	      "the finding names it, or remove the element",
	    W "12: waiver 'A' has an empty <approver>: write who approved "
	      "the waiver",
	    W "13: waiver 'A' has an empty <reason>: write why the rule is "
	      "waived",
	    W "14: waiver 'A' has an empty <basis>: write the norm clause or "
	      "letter the waiver rests on",
	    W "17: waiver has an empty id: give every waiver an id of its "
	      "own",
	    W "17: waiver '' ends (until 2026-06-29) before it starts (from "
	      "2026-06-30): correct from or until",
	    W "17: waiver '' names no subject: add a <subject> or a "
	      "<pattern> (<pattern>*</pattern> waives every subject of the "
	      "rule)",
	    W "22: waiver 'Y': from '1899-12-31' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)",
	    W "22: waiver 'Y': until '2200-01-01' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)");
}

/* The edges of the dates accepted: the first and last years, leap days. */
static void test_waiver__date_edges(void **state)
{
	static const char ok[] =
	    HEAD "<waiver id=\"A\" rule=\"R\" from=\"1900-01-01\" "
		 "until=\"2199-12-31\">\n"
		 "  <pattern>*</pattern>\n" ARB "</waiver>\n"
		 "<waiver id=\"B\" rule=\"R\" from=\"2028-02-29\" "
		 "until=\"2028-02-29\">\n"
		 "  <pattern>*</pattern>\n" ARB "</waiver>\n" TAIL;
	struct fa_waivers *ws = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(parse(&ws, ok, &err), FA_OK);
	assert_int_equal(ws->n, 2);
	fa_waivers_free(ws);
	/* 2027 is no leap year; 1900 was none (divisible by 100, not 400) */
	EXPECT_REFUSED(
	    FA_ERR_INPUT,
	    HEAD "<waiver id=\"C\" rule=\"R\" from=\"2027-02-29\" "
		 "until=\"1900-02-29\">\n"
		 "  <pattern>*</pattern>\n" ARB "</waiver>\n" TAIL,
	    W "3: waiver 'C': from '2027-02-29' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)",
	    W "3: waiver 'C': until '1900-02-29' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)");
	/* a date with its time, and with spaces: not YYYY-MM-DD */
	EXPECT_REFUSED(
	    FA_ERR_INPUT,
	    HEAD "<waiver id=\"D\" rule=\"R\" from=\"2026-01-01T00:00\" "
		 "until=\" 2026-01-02\">\n"
		 "  <pattern>*</pattern>\n" ARB "</waiver>\n" TAIL,
	    W "3: waiver 'D': from '2026-01-01T00:00' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)",
	    W "3: waiver 'D': until ' 2026-01-02' is not a date: write "
	      "YYYY-MM-DD with a day that exists (years 1900 to 2199)");
	/* until one day before from */
	EXPECT_REFUSED(FA_ERR_INPUT,
		       HEAD "<waiver id=\"E\" rule=\"R\" from=\"2026-01-01\" "
			    "until=\"2025-12-31\">\n"
			    "  <pattern>*</pattern>\n" ARB "</waiver>\n" TAIL,
		       W "3: waiver 'E' ends (until 2025-12-31) before it "
			 "starts (from 2026-01-01): correct from or until");
}

static void test_waiver__kvk_forms(void **state)
{
	(void)state;
	EXPECT_REFUSED(FA_ERR_INPUT, HEAD_KVK("123456789") TAIL,
		       W "2: kvk '123456789' is not 8 digits: write the KvK "
			 "(Chamber of Commerce) number as exactly 8 digits, "
			 "leading zeros included");
	EXPECT_REFUSED(FA_ERR_INPUT, HEAD_KVK("1234 5678") TAIL,
		       W "2: kvk '1234 5678' is not 8 digits: write the KvK "
			 "(Chamber of Commerce) number as exactly 8 digits, "
			 "leading zeros included");
	EXPECT_REFUSED(FA_ERR_INPUT, HEAD_KVK("") TAIL,
		       W "2: kvk '' is not 8 digits: write the KvK (Chamber "
			 "of Commerce) number as exactly 8 digits, leading "
			 "zeros included");
}

/* What the schema refuses comes from xmlload: libxml2's words with the
 * namespace left out (libxml2 names only the required element that is
 * missing, not the optional subject and pattern); no check of this module
 * runs then. */
static void test_waiver__schema_problems(void **state)
{
	(void)state;
	/* approver missing: reason comes where approver must */
	EXPECT_REFUSED(FA_ERR_INPUT,
		       HEAD "<waiver id=\"A\" rule=\"R\" from=\"2026-01-01\" "
			    "until=\"2026-01-31\">\n"
			    "  <subject>S</subject>\n"
			    "  <reason>R</reason>\n"
			    "  <basis>B</basis>\n"
			    "</waiver>\n" TAIL,
		       W "5: element 'reason': This element is not expected. "
			 "Expected is ( approver )");
	/* the root without the namespace */
	EXPECT_REFUSED(FA_ERR_INPUT,
		       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<waivers format=\"1\" kvk=\"87654321\">\n" TAIL,
		       W "2: root element 'waivers' has no namespace, "
			 "expected xmlns=\"urn:flexaudit:waivers:1\"");
}

/* ---- limits -------------------------------------------------------------- */

/* A file of n waivers of one pattern each, in a buffer the caller frees. */
static char *many_waivers(size_t n)
{
	size_t cap = 200 + n * 200, len;
	char *buf = malloc(cap);
	size_t i;

	assert_non_null(buf);
	len = (size_t)snprintf(buf, cap, "%s", HEAD);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					"<waiver id=\"W%zu\" rule=\"R\" "
					"from=\"2026-01-01\" "
					"until=\"2026-01-31\">"
					"<pattern>*</pattern><approver>A"
					"</approver><reason>R</reason>"
					"<basis>B</basis></waiver>\n",
					i);
	snprintf(buf + len, cap - len, "%s", TAIL);
	return buf;
}

static void test_waiver__limit_waivers(void **state)
{
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	char *doc;

	(void)state;
	doc = many_waivers(FA_WAIVERS_MAX);
	assert_int_equal(parse(&ws, doc, &err), FA_OK);
	assert_int_equal(ws->n, FA_WAIVERS_MAX);
	fa_waivers_free(ws);
	free(doc);
	/* one more: refused at its line (line 3 holds the first of them) */
	doc = many_waivers(FA_WAIVERS_MAX + 1);
	EXPECT_REFUSED(FA_ERR_LIMIT, doc,
		       W "1003: more than 1000 waivers in one file: split the "
			 "file or combine waivers with a <pattern>");
	free(doc);
}

/* A waiver with n subjects on line 4, in a buffer the caller frees. */
static char *many_subjects(size_t n)
{
	size_t cap = 400 + n * 40, len, i;
	char *buf = malloc(cap);

	assert_non_null(buf);
	len = (size_t)snprintf(buf, cap,
			       "%s<waiver id=\"M\" rule=\"R\" "
			       "from=\"2026-01-01\" until=\"2026-01-31\">\n",
			       HEAD);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%zu%s",
					i % 2 ? "<subject>S" : "<pattern>P", i,
					i % 2 ? "</subject>" : "</pattern>");
	snprintf(buf + len, cap - len, "\n%s</waiver>\n%s", ARB, TAIL);
	return buf;
}

static void test_waiver__limit_subjects(void **state)
{
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	char *doc;

	(void)state;
	doc = many_subjects(FA_WAIVER_MAX_SUBJECTS);
	assert_int_equal(parse(&ws, doc, &err), FA_OK);
	/* even indexes patterns, odd ones subjects: 500 each */
	assert_int_equal(ws->w[0].n_patterns, 500);
	assert_int_equal(ws->w[0].n_subjects, 500);
	assert_string_equal(ws->w[0].patterns[499], "P998");
	assert_string_equal(ws->w[0].subjects[499], "S999");
	fa_waivers_free(ws);
	free(doc);
	doc = many_subjects(FA_WAIVER_MAX_SUBJECTS + 1);
	EXPECT_REFUSED(FA_ERR_LIMIT, doc,
		       W "3: waiver 'M' has 1001 subjects and patterns: at "
			 "most 1000 are allowed; combine them with a "
			 "<pattern>");
	free(doc);
}

/* s of n bytes 'x' into buf. */
static const char *xs(char *buf, size_t n)
{
	memset(buf, 'x', n);
	buf[n] = '\0';
	return buf;
}

static void test_waiver__limit_lengths(void **state)
{
	static char id[FA_WAIVER_MAX_ID_BYTES + 2];
	static char rule[FA_WAIVER_MAX_ID_BYTES + 2];
	static char subj[FA_WAIVER_MAX_SUBJECT_BYTES + 2];
	static char text[FA_WAIVER_MAX_TEXT_BYTES + 2];
	static char doc[4 * 8192 + 1024];
	char want_id[256], want_rule[256];
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	size_t extra;

	(void)state;
	/* at each limit: accepted; one byte more: refused */
	for (extra = 0; extra <= 1; extra++) {
		snprintf(doc, sizeof(doc),
			 "%s<waiver id=\"%s\" rule=\"%s\" from=\"2026-01-01\" "
			 "until=\"2026-01-31\">\n"
			 "<subject>%s</subject>\n"
			 "<pattern>%s</pattern>\n"
			 "<approver>%s</approver>\n"
			 "<reason>%s</reason>\n"
			 "<basis>%s</basis>\n</waiver>\n%s",
			 HEAD, xs(id, FA_WAIVER_MAX_ID_BYTES + extra),
			 xs(rule, FA_WAIVER_MAX_ID_BYTES + extra),
			 xs(subj, FA_WAIVER_MAX_SUBJECT_BYTES + extra), subj,
			 xs(text, FA_WAIVER_MAX_TEXT_BYTES + extra), text, text,
			 TAIL);
		if (!extra) {
			assert_int_equal(parse(&ws, doc, &err), FA_OK);
			assert_int_equal(strlen(ws->w[0].id), 128);
			assert_int_equal(strlen(ws->w[0].subjects[0]), 4096);
			assert_int_equal(strlen(ws->w[0].basis), 2000);
			fa_waivers_free(ws);
			continue;
		}
		/* the id, 129 bytes, is shown as its first 120 and "..." */
		snprintf(want_id, sizeof(want_id),
			 W "3: waiver '%.120s...': id is 129 bytes long: at "
			   "most 128 are allowed",
			 id);
		snprintf(want_rule, sizeof(want_rule),
			 W "3: waiver '%.120s...': rule is 129 bytes long: at "
			   "most 128 are allowed",
			 id);
		assert_int_equal(parse(&ws, doc, &err), FA_ERR_LIMIT);
		assert_null(ws);
		assert_int_equal(err.n, 7);
		{
			char got[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX];
			static const char *const tails[] = {
				"<subject> is 4097 bytes long: at most 4096 "
				"are allowed",
				"<pattern> is 4097 bytes long: at most 4096 "
				"are allowed",
				"<approver> is 2001 bytes long: at most 2000 "
				"are allowed",
				"<reason> is 2001 bytes long: at most 2000 "
				"are allowed",
				"<basis> is 2001 bytes long: at most 2000 "
				"are allowed",
			};
			size_t i;

			fa_diag_format(got, sizeof(got), &err.diag[0]);
			assert_string_equal(got, want_id);
			fa_diag_format(got, sizeof(got), &err.diag[1]);
			assert_string_equal(got, want_rule);
			for (i = 0; i < 5; i++) {
				const char *m = err.diag[2 + i].message;

				assert_int_equal(err.diag[2 + i].line, 4 + i);
				assert_memory_equal(m, "waiver 'xxx", 11);
				assert_string_equal(
				    m + strlen(m) - strlen(tails[i]), tails[i]);
			}
		}
	}
}

static void test_waiver__limit_file_size(void **state)
{
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	char *big = malloc(FA_WAIVERS_MAX_BYTES + 1);

	(void)state;
	assert_non_null(big);
	memset(big, ' ', FA_WAIVERS_MAX_BYTES + 1);
	fa_error_init(&err);
	assert_int_equal(fa_waivers_parse(&ws, "waivers.xml", big,
					  FA_WAIVERS_MAX_BYTES + 1, &err),
			 FA_ERR_LIMIT);
	assert_null(ws);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message,
			    "waiver file too large (4194305 bytes, limit "
			    "4194304)");
	free(big);
}

static void test_waiver__load_files(void **state)
{
	const char *fx = getenv("FA_FIXTURES");
	char path[1024];
	struct fa_waivers *ws = NULL;
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_waivers_load(&ws, "no-such-waivers.xml", &err),
			 FA_ERR_IO);
	assert_null(ws);
	assert_string_equal(err.diag[0].message,
			    "cannot open 'no-such-waivers.xml': No such file "
			    "or directory");
	fa_error_init(&err);
	snprintf(path, sizeof(path), "%s", fx ? fx : "fixtures");
	assert_int_equal(fa_waivers_load(&ws, path, &err), FA_ERR_IO);
	assert_null(ws);
	assert_int_equal(err.n, 1);
	assert_non_null(strstr(err.diag[0].message, "Is a directory"));
}

/* ---- states and covering ------------------------------------------------- */

/* A waiver built by hand (the struct is plain data): rule, the days, and
 * subjects and patterns given as NULL-terminated lists. */
static struct fa_waiver make(const char *rule, const char *from,
			     const char *until, const char **subjects,
			     const char **patterns)
{
	struct fa_waiver w;

	memset(&w, 0, sizeof(w));
	w.id = (char *)"W";
	w.rule_id = (char *)rule;
	w.subjects = (char **)subjects;
	while (subjects && subjects[w.n_subjects])
		w.n_subjects++;
	w.patterns = (char **)patterns;
	while (patterns && patterns[w.n_patterns])
		w.n_patterns++;
	snprintf(w.from, sizeof(w.from), "%s", from);
	snprintf(w.until, sizeof(w.until), "%s", until);
	return w;
}

static void test_waiver__states_around_dates(void **state)
{
	static const char *pat[] = { "*", NULL };
	struct fa_waiver w = make("R", "2026-01-01", "2026-06-30", NULL, pat);
	struct fa_waiver day = make("R", "2028-02-29", "2028-02-29", NULL, pat);

	(void)state;
	assert_int_equal(fa_waiver_state(&w, "2025-12-31"), FA_WAIVER_NOT_YET);
	assert_int_equal(fa_waiver_state(&w, "2026-01-01"), FA_WAIVER_ACTIVE);
	assert_int_equal(fa_waiver_state(&w, "2026-03-15"), FA_WAIVER_ACTIVE);
	assert_int_equal(fa_waiver_state(&w, "2026-06-30"), FA_WAIVER_ACTIVE);
	assert_int_equal(fa_waiver_state(&w, "2026-07-01"), FA_WAIVER_EXPIRED);
	/* a waiver of one day, a leap day */
	assert_int_equal(fa_waiver_state(&day, "2028-02-28"),
			 FA_WAIVER_NOT_YET);
	assert_int_equal(fa_waiver_state(&day, "2028-02-29"), FA_WAIVER_ACTIVE);
	assert_int_equal(fa_waiver_state(&day, "2028-03-01"),
			 FA_WAIVER_EXPIRED);
	assert_string_equal(fa_waiver_state_key(FA_WAIVER_ACTIVE), "active");
	assert_string_equal(fa_waiver_state_key(FA_WAIVER_NOT_YET), "not_yet");
	assert_string_equal(fa_waiver_state_key(FA_WAIVER_EXPIRED), "expired");
	assert_null(fa_waiver_state_key((enum fa_waiver_state)3));
}

/* 1 if pattern p alone covers subject s of rule "R". */
static int pat_covers(const char *p, const char *s)
{
	const char *pats[] = { p, NULL };
	struct fa_waiver w = make("R", "2026-01-01", "2026-12-31", NULL, pats);

	return fa_waiver_covers(&w, "R", s);
}

static void test_waiver__covers_exact_subjects(void **state)
{
	static const char *subj[] = { "R-12", "Kamer é", NULL };
	struct fa_waiver w =
	    make("SNF-2.3", "2026-01-01", "2026-12-31", subj, NULL);

	(void)state;
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "R-12"), 1);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "Kamer é"), 1);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "R-120"), 0);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "R-1"), 0);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "r-12"), 0);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "R-12 "), 0);
	/* "e" and a combining accent are other bytes than "é" */
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", "Kamer e\xcc\x81"), 0);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", ""), 0);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.3", NULL), 0);
	/* another rule: never, whatever the subject */
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.4", "R-12"), 0);
	assert_int_equal(fa_waiver_covers(&w, "SNF-2.", "R-12"), 0);
}

static void test_waiver__covers_patterns(void **state)
{
	static const char *pat[] = { "*", NULL };
	struct fa_waiver all = make("R", "2026-01-01", "2026-12-31", NULL, pat);

	(void)state;
	/* '*' alone: every subject, the empty one too, of its rule only */
	assert_int_equal(fa_waiver_covers(&all, "R", "anything at all"), 1);
	assert_int_equal(fa_waiver_covers(&all, "R", ""), 1);
	assert_int_equal(fa_waiver_covers(&all, "R", NULL), 1);
	assert_int_equal(fa_waiver_covers(&all, "Q", "x"), 0);
	/* a prefix */
	assert_int_equal(pat_covers("LOC-3/*", "LOC-3/"), 1);
	assert_int_equal(pat_covers("LOC-3/*", "LOC-3/R-12"), 1);
	assert_int_equal(pat_covers("LOC-3/*", "LOC-3"), 0);
	assert_int_equal(pat_covers("LOC-3/*", "LOC-30/R-1"), 0);
	assert_int_equal(pat_covers("LOC-3/*", "loc-3/R-1"), 0);
	/* a suffix and the middle */
	assert_int_equal(pat_covers("*/R-12", "LOC-3/R-12"), 1);
	assert_int_equal(pat_covers("*/R-12", "LOC-3/R-120"), 0);
	assert_int_equal(pat_covers("L*3*2", "LOC-3/R-12"), 1);
	assert_int_equal(pat_covers("L*3*2", "LOC-3/R-13"), 0);
	/* backtracking: the first 'a' tried is not the one that fits */
	assert_int_equal(pat_covers("*aab", "aaab"), 1);
	assert_int_equal(pat_covers("a*b*c", "abxbc"), 1);
	assert_int_equal(pat_covers("a*b*c", "abxbcx"), 0);
	assert_int_equal(pat_covers("a**", "a"), 1);
	assert_int_equal(pat_covers("a*b", "a"), 0);
	/* '?': exactly one byte */
	assert_int_equal(pat_covers("R-?", "R-1"), 1);
	assert_int_equal(pat_covers("R-?", "R-12"), 0);
	assert_int_equal(pat_covers("R-?", "R-"), 0);
	assert_int_equal(pat_covers("*-?2", "R-12"), 1);
	assert_int_equal(pat_covers("?", ""), 0);
	assert_int_equal(pat_covers("?*", ""), 0);
	assert_int_equal(pat_covers("?*", "x"), 1);
	/* an exact pattern is an exact subject */
	assert_int_equal(pat_covers("R-12", "R-12"), 1);
	assert_int_equal(pat_covers("R-12", "R-1"), 0);
	/* UTF-8: 'é' is two bytes (C3 A9), 'Ł' two (C5 81), so '?' is
	 * half of either; '*' takes them whole or in part alike */
	assert_int_equal(pat_covers("Kamer ?", "Kamer é"), 0);
	assert_int_equal(pat_covers("Kamer ??", "Kamer é"), 1);
	assert_int_equal(pat_covers("Kamer *", "Kamer é"), 1);
	assert_int_equal(pat_covers("Łódź/*", "Łódź/K1"), 1);
	assert_int_equal(pat_covers("Łódź/*", "Lodz/K1"), 0);
	assert_int_equal(pat_covers("?ódź", "Łódź"), 0);
	assert_int_equal(pat_covers("??ódź", "Łódź"), 1);
	assert_int_equal(pat_covers("*ź", "Łódź"), 1);
}

/* Patterns that make a backtracking matcher take exponential time finish
 * here: a blow-up would hang this test, not slow it. */
static void test_waiver__covers_hostile_patterns(void **state)
{
	size_t n = 100000;
	char *s = malloc(n + 2);

	(void)state;
	assert_non_null(s);
	memset(s, 'a', n);
	s[n] = '\0';
	assert_int_equal(pat_covers("*a*a*a*a*b", s), 0);
	assert_int_equal(pat_covers("*a*a*a*a*a*a*a*a*a*a*a*a*b", s), 0);
	assert_int_equal(pat_covers("*?*?*?*?*?*?*?*?*b", s), 0);
	assert_int_equal(pat_covers("*a*a*a*a*a", s), 1);
	s[n] = 'b';
	s[n + 1] = '\0';
	assert_int_equal(pat_covers("*a*a*a*a*b", s), 1);
	assert_int_equal(pat_covers("*a*a*a*a*ab", s), 1);
	assert_int_equal(pat_covers("*a*a*a*a*bb", s), 0);
	free(s);
}

/* ---- matching ------------------------------------------------------------ */

static void test_waiver__match_first_active_wins(void **state)
{
	static const char *all[] = { "*", NULL };
	static const char *s12[] = { "S1", "S2", NULL };
	static const char *sstar[] = { "S*", NULL };
	static const char *s1[] = { "S1", NULL };
	static const char *t1[] = { "T1", NULL };
	/* the audit date is 2026-10-31 */
	struct fa_waiver w[] = {
		make("R1", "2026-01-01", "2026-03-31", NULL, all), /* expired */
		make("R1", "2026-01-01", "2026-12-31", s12, NULL),
		make("R1", "2026-10-31", "2026-12-31", NULL, sstar),
		make("R2", "2026-11-01", "2026-12-31", NULL, all), /* not yet */
		make("R9", "2026-01-01", "2026-12-31", s1, NULL),  /* orphan */
		make("R2", "2025-01-01", "2026-10-31", t1, NULL),
	};
	struct fa_waivers ws = { (char *)"87654321", 6, w };
	static const char *const rules[] = {
		"R1", "R1", "R1", "R2", "R2", "R3"
	};
	static const char *const subjects[] = { "S1", "S3", "X",
						"T1", "T2", "S1" };
	size_t match[6];
	struct fa_waiver_use use[6];

	(void)state;
	fa_waivers_match(match, use, &ws, "2026-10-31", rules, subjects, 6);
	/* S1: waiver 0 covers it but has expired; 1 is the first active
	 * one; 2 covers it too, after 1 */
	assert_int_equal(match[0], 1);
	assert_int_equal(match[1], 2);	   /* S3: only S* (and expired 0) */
	assert_true(match[2] == SIZE_MAX); /* X: only the expired one */
	assert_int_equal(match[3], 5);	   /* T1: 3 is not yet active */
	assert_true(match[4] == SIZE_MAX); /* T2: only the one not yet */
	assert_true(match[5] == SIZE_MAX); /* R3: no waiver */

	assert_int_equal(use[0].state, FA_WAIVER_EXPIRED);
	assert_int_equal(use[0].n_waived, 0);
	assert_int_equal(use[0].n_covered_inactive, 3); /* S1, S3, X */
	assert_int_equal(use[0].orphan, 0);
	assert_int_equal(use[1].state, FA_WAIVER_ACTIVE);
	assert_int_equal(use[1].n_waived, 1);
	assert_int_equal(use[1].n_covered_inactive, 0);
	assert_int_equal(use[1].orphan, 0);
	/* active from the audit date itself */
	assert_int_equal(use[2].state, FA_WAIVER_ACTIVE);
	assert_int_equal(use[2].n_waived, 1);		/* S3 */
	assert_int_equal(use[2].n_covered_inactive, 1); /* S1, taken by 1 */
	assert_int_equal(use[2].orphan, 0);
	assert_int_equal(use[3].state, FA_WAIVER_NOT_YET);
	assert_int_equal(use[3].n_waived, 0);
	assert_int_equal(use[3].n_covered_inactive, 2); /* T1, T2 */
	assert_int_equal(use[3].orphan, 0);
	assert_int_equal(use[4].state, FA_WAIVER_ACTIVE);
	assert_int_equal(use[4].n_waived, 0);
	assert_int_equal(use[4].n_covered_inactive, 0);
	assert_int_equal(use[4].orphan, 1);
	/* active up to and including the audit date */
	assert_int_equal(use[5].state, FA_WAIVER_ACTIVE);
	assert_int_equal(use[5].n_waived, 1);
	assert_int_equal(use[5].orphan, 0);

	/* the same a day later: 5 has expired and 3 is active */
	fa_waivers_match(match, use, &ws, "2026-11-01", rules, subjects, 6);
	assert_int_equal(match[3], 3);
	assert_int_equal(match[4], 3);
	assert_int_equal(use[3].n_waived, 2);
	assert_int_equal(use[5].state, FA_WAIVER_EXPIRED);
	assert_int_equal(use[5].n_waived, 0);
	assert_int_equal(use[5].n_covered_inactive, 1);
	assert_int_equal(use[5].orphan, 0);

	/* file order decides: with S* first, it takes S1 from the list */
	w[1] = make("R1", "2026-10-31", "2026-12-31", NULL, sstar);
	w[2] = make("R1", "2026-01-01", "2026-12-31", s12, NULL);
	fa_waivers_match(match, use, &ws, "2026-10-31", rules, subjects, 6);
	assert_int_equal(match[0], 1);
	assert_int_equal(match[1], 1);
	assert_int_equal(use[1].n_waived, 2);
	assert_int_equal(use[2].n_waived, 0);
	assert_int_equal(use[2].n_covered_inactive, 1);
	assert_int_equal(use[2].orphan, 0);
}

/* An expired waiver that covers a finding waives nothing and is still no
 * orphan; with no findings at all, every waiver is one. */
static void test_waiver__match_expired_and_orphans(void **state)
{
	static const char *all[] = { "*", NULL };
	struct fa_waiver w[] = {
		make("R1", "2025-01-01", "2025-12-31", NULL, all),
	};
	struct fa_waivers ws = { (char *)"87654321", 1, w };
	static const char *const rules[] = { "R1" };
	static const char *const subjects[] = { "S1" };
	size_t match[1];
	struct fa_waiver_use use[1];

	(void)state;
	fa_waivers_match(match, use, &ws, "2026-10-31", rules, subjects, 1);
	assert_true(match[0] == SIZE_MAX);
	assert_int_equal(use[0].state, FA_WAIVER_EXPIRED);
	assert_int_equal(use[0].n_waived, 0);
	assert_int_equal(use[0].n_covered_inactive, 1);
	assert_int_equal(use[0].orphan, 0);
	fa_waivers_match(NULL, use, &ws, "2026-10-31", rules, subjects, 0);
	assert_int_equal(use[0].orphan, 1);
	/* and no waivers at all: nothing is waived */
	ws.n = 0;
	fa_waivers_match(match, NULL, &ws, "2026-10-31", rules, subjects, 1);
	assert_true(match[0] == SIZE_MAX);
}

/* 100,000 findings against 100 waivers. Item i is rule R<i mod 100> about
 * LOC-<i mod 7>/ROOM-<i>; waiver k waives rule R<k> for LOC-3/x. So item i
 * is waived by waiver i mod 100 exactly when i mod 7 is 3: the items 3,
 * 10, ..., 99998, which are (99998 - 3) / 7 + 1 = 14,286. */
static void test_waiver__match_at_scale(void **state)
{
	enum { N = 100000, K = 100 };
	static const char *pat[] = { "LOC-3/*", NULL };
	static char rule_buf[K][8], subj_buf[N][24];
	static const char *rules[N], *subjects[N];
	static struct fa_waiver w[K];
	static size_t match[N];
	static struct fa_waiver_use use[K];
	struct fa_waivers ws = { (char *)"87654321", K, w };
	size_t i, total = 0;

	(void)state;
	for (i = 0; i < K; i++) {
		snprintf(rule_buf[i], sizeof(rule_buf[i]), "R%zu", i);
		w[i] = make(rule_buf[i], "2026-01-01", "2026-12-31", NULL, pat);
	}
	for (i = 0; i < N; i++) {
		snprintf(subj_buf[i], sizeof(subj_buf[i]), "LOC-%zu/ROOM-%zu",
			 i % 7, i);
		rules[i] = rule_buf[i % K];
		subjects[i] = subj_buf[i];
	}
	fa_waivers_match(match, use, &ws, "2026-10-31", rules, subjects, N);
	for (i = 0; i < N; i++) {
		if (i % 7 == 3)
			assert_int_equal(match[i], i % K);
		else
			assert_true(match[i] == SIZE_MAX);
	}
	for (i = 0; i < K; i++) {
		total += use[i].n_waived;
		assert_int_equal(use[i].n_covered_inactive, 0);
		assert_int_equal(use[i].orphan, 0);
	}
	assert_int_equal(total, 14286);
}

/* ---- the demo's waiver file ---------------------------------------------- */

/*
 * fixtures/store/waivers-demo.xml against the demo package's findings its
 * README lists as deliberate problems: SNF-03, the bedroom area of L04-S2,
 * and SNF-02, the bunk bed of L04-S1, both failed; no failing bedroom area
 * at the new-build location L07. Audit date: the audit period's end.
 */
static void test_waiver__demo_file(void **state)
{
	const char *fx = getenv("FA_FIXTURES");
	static const char *const rules[] = { "SNF-2.3-BEDROOM-AREA",
					     "SNF-2.3-BUNK-BEDS",
					     "SNF-2.3-BEDROOM-PERSONS" };
	static const char *const subjects[] = { "L04-S2", "L04-S1", "L04-S1" };
	char path[1024];
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	size_t match[3];
	struct fa_waiver_use use[3];

	(void)state;
	snprintf(path, sizeof(path), "%s/store/waivers-demo.xml",
		 fx ? fx : "fixtures");
	fa_error_init(&err);
	assert_int_equal(fa_waivers_load(&ws, path, &err), FA_OK);
	assert_string_equal(ws->kvk, "90412376");
	assert_int_equal(ws->n, 3);
	assert_string_equal(ws->w[0].id, "W-2026-07");
	assert_string_equal(ws->w[0].reason,
			    "The wall to the landing is being moved to "
			    "enlarge the bedroom; one bed was taken out on "
			    "2026-09-01 until the work is done");
	fa_waivers_match(match, use, ws, "2026-10-31", rules, subjects, 3);
	assert_int_equal(match[0], 0);
	assert_true(match[1] == SIZE_MAX);
	assert_true(match[2] == SIZE_MAX);
	assert_int_equal(use[0].state, FA_WAIVER_ACTIVE);
	assert_int_equal(use[0].n_waived, 1);
	assert_int_equal(use[1].state, FA_WAIVER_EXPIRED);
	assert_int_equal(use[1].n_covered_inactive, 1);
	assert_int_equal(use[1].orphan, 0);
	assert_int_equal(use[2].state, FA_WAIVER_ACTIVE);
	assert_int_equal(use[2].orphan, 1);
	fa_waivers_free(ws);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_waiver__parses_valid_file),
		cmocka_unit_test(test_waiver__empty_file_has_no_waivers),
		cmocka_unit_test(test_waiver__every_problem_reported),
		cmocka_unit_test(test_waiver__date_edges),
		cmocka_unit_test(test_waiver__kvk_forms),
		cmocka_unit_test(test_waiver__schema_problems),
		cmocka_unit_test(test_waiver__limit_waivers),
		cmocka_unit_test(test_waiver__limit_subjects),
		cmocka_unit_test(test_waiver__limit_lengths),
		cmocka_unit_test(test_waiver__limit_file_size),
		cmocka_unit_test(test_waiver__load_files),
		cmocka_unit_test(test_waiver__states_around_dates),
		cmocka_unit_test(test_waiver__covers_exact_subjects),
		cmocka_unit_test(test_waiver__covers_patterns),
		cmocka_unit_test(test_waiver__covers_hostile_patterns),
		cmocka_unit_test(test_waiver__match_first_active_wins),
		cmocka_unit_test(test_waiver__match_expired_and_orphans),
		cmocka_unit_test(test_waiver__match_at_scale),
		cmocka_unit_test(test_waiver__demo_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
