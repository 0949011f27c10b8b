/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for mapping profiles: header, value and file-name lookups,
 * every check of the loader with its exact message and line, several
 * problems reported together in line order, finding a profile by name or
 * path, and every shipped profile in mappings/ loading without a problem.
 * Profiles are written here line by line, so that the line numbers the
 * messages give are counted from the text. Tests run from the repository
 * root (mappings/ and fixtures/mapping/ are read from there; FA_FIXTURES
 * overrides "fixtures").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mapping.h"

/* Lines 1 to 7 of every profile here; a body starts on line 8. */
#define HEAD                                                         \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"               \
	"<mapping xmlns=\"urn:flexaudit:mapping:1\" format=\"1\">\n" \
	"<title lang=\"en\">Test export</title>\n"                   \
	"<title lang=\"nl\">Testexport</title>\n"                    \
	"<description>A profile of the tests.</description>\n"       \
	"<system>Test system</system>\n"                             \
	"<export>Test report</export>\n"

static enum fa_code load(struct fa_mapping **m, const char *body,
			 struct fa_error *err)
{
	static char buf[64 * 1024];
	int n = snprintf(buf, sizeof(buf), "%s%s</mapping>\n", HEAD, body);

	assert_true(n > 0 && (size_t)n < sizeof(buf));
	fa_error_init(err);
	return fa_mapping_load_mem(m, "dir/test-profile.xml", buf, (size_t)n,
				   err);
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

/* body is refused with FA_ERR_INPUT and exactly these messages. */
#define EXPECT_REFUSED(body, ...)                                           \
	do {                                                                \
		static const char *const want_[] = { __VA_ARGS__ };         \
		struct fa_mapping *m_ = NULL;                               \
		struct fa_error e_;                                         \
		assert_int_equal(load(&m_, (body), &e_), FA_ERR_INPUT);     \
		assert_null(m_);                                            \
		expect_diags(&e_, want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

#define W "dir/test-profile.xml:"

/* A profile that passes every check, for the lookups. */
static const char good[] =
    "<codes name=\"countries\">\n"
    "  <value from=\"Polen\" to=\"PL\"/>\n"
    "  <value from=\"Roemenië\" to=\"RO\"/>\n"
    "  <value from=\"Nederland\" to=\"NL\"/>\n"
    "</codes>\n"
    "<table name=\"workers\">\n"
    "  <file pattern=\"*medewerker*.csv\"/>\n"
    "  <file pattern=\"staff\"/>\n"
    "  <column name=\"employee_id\">\n"
    "    <header status=\"confirmed\" source=\"manual p. 3\">Reg nr</header>\n"
    "    <header status=\"assumed\">Registratienummer</header>\n"
    "  </column>\n"
    "  <column name=\"nationality\" codes=\"countries\">\n"
    "    <header status=\"assumed\">Land van herkomst</header>\n"
    "    <value from=\"NL\" to=\"BE\"/>\n"
    "  </column>\n"
    "  <column name=\"registration\">\n"
    "    <value from=\"Geen\" to=\"none\"/>\n"
    "  </column>\n"
    "</table>\n"
    "<table name=\"pay_periods\">\n"
    "  <file pattern=\"*\"/>\n"
    "  <column name=\"hours\">\n"
    "    <header status=\"assumed\">Reg nr</header>\n"
    "  </column>\n"
    "</table>\n";

static struct fa_mapping *load_good(void)
{
	struct fa_mapping *m = NULL;
	struct fa_error err;

	assert_int_equal(load(&m, good, &err), FA_OK);
	assert_int_equal(err.n, 0);
	assert_non_null(m);
	return m;
}

/* ---- lookups ------------------------------------------------------------- */

static void test_mapping__id_and_titles(void **state)
{
	struct fa_mapping *m = load_good();

	(void)state;
	assert_string_equal(fa_mapping_id(m), "test-profile");
	assert_string_equal(fa_mapping_title(m, 0), "Test export");
	assert_string_equal(fa_mapping_title(m, 1), "Testexport");
	assert_string_equal(fa_mapping_system(m), "Test system");
	assert_string_equal(fa_mapping_export(m), "Test report");
	assert_string_equal(fa_mapping_description(m),
			    "A profile of the tests.");
	fa_mapping_free(m);
}

static void test_mapping__header_trimmed_and_without_case(void **state)
{
	struct fa_mapping *m = load_good();
	static const char padded[] = "  registratieNUMMER\t";

	(void)state;
	assert_string_equal(
	    fa_mapping_column(m, "workers", "Reg nr", strlen("Reg nr")),
	    "employee_id");
	assert_string_equal(
	    fa_mapping_column(m, "workers", padded, strlen(padded)),
	    "employee_id");
	/* a run of spaces inside counts as one */
	assert_string_equal(fa_mapping_column(m, "workers", "REG   NR", 8),
			    "employee_id");
	/* the length is honoured: "Reg nrX" cut to "Reg nr" */
	assert_string_equal(fa_mapping_column(m, "workers", "Reg nrX", 6),
			    "employee_id");
	assert_string_equal(
	    fa_mapping_column(m, "workers", "Land van herkomst", 17),
	    "nationality");
	fa_mapping_free(m);
}

static void test_mapping__header_unknown_is_null(void **state)
{
	struct fa_mapping *m = load_good();

	(void)state;
	assert_null(fa_mapping_column(m, "workers", "Reg", 3));
	assert_null(fa_mapping_column(m, "workers", "Reg nr 2", 8));
	assert_null(fa_mapping_column(m, "workers", "", 0));
	/* the schema's own names are pack's to try, not the profile's */
	assert_null(fa_mapping_column(m, "workers", "employee_id", 11));
	assert_null(fa_mapping_column(m, "workers", "personeelsnummer", 16));
	/* a table the profile does not describe */
	assert_null(fa_mapping_column(m, "rooms", "Reg nr", 6));
	fa_mapping_free(m);
}

static void test_mapping__header_per_table(void **state)
{
	struct fa_mapping *m = load_good();

	(void)state;
	/* the same header maps to another column in another table */
	assert_string_equal(fa_mapping_column(m, "pay_periods", "Reg nr", 6),
			    "hours");
	fa_mapping_free(m);
}

static void expect_mapped(const struct fa_mapping *m, const char *column,
			  const char *v, const char *want)
{
	size_t len = 99;
	const char *got =
	    fa_mapping_value(m, "workers", column, v, strlen(v), &len);

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
}

static void test_mapping__value_from_code_list(void **state)
{
	struct fa_mapping *m = load_good();

	(void)state;
	expect_mapped(m, "nationality", "Polen", "PL");
	expect_mapped(m, "nationality", " polen ", "PL");
	expect_mapped(m, "nationality", "POLEN", "PL");
	/* bytes beyond ASCII compare as they are */
	expect_mapped(m, "nationality", "Roemenië", "RO");
	expect_mapped(m, "nationality", "Nederland", "NL");
	fa_mapping_free(m);
}

static void test_mapping__value_of_column_wins_over_code_list(void **state)
{
	struct fa_mapping *m = load_good();

	(void)state;
	/* the column maps NL to BE; the code list has no "NL" from */
	expect_mapped(m, "nationality", "nl", "BE");
	expect_mapped(m, "registration", "GEEN", "none");
	fa_mapping_free(m);
}

static void test_mapping__value_not_mapped_is_null(void **state)
{
	struct fa_mapping *m = load_good();
	size_t len = 7;

	(void)state;
	expect_mapped(m, "nationality", "Poland", NULL);
	expect_mapped(m, "nationality", "Pol", NULL);
	expect_mapped(m, "registration", "brp", NULL);
	/* a column without a value map, one not described, a table */
	expect_mapped(m, "employee_id", "Polen", NULL);
	expect_mapped(m, "bsn", "Polen", NULL);
	assert_null(fa_mapping_value(m, "rooms", "kind", "x", 1, &len));
	assert_int_equal(len, 7);
	fa_mapping_free(m);
}

static void test_mapping__file_name_glob(void **state)
{
	struct fa_mapping *m = load_good();

	(void)state;
	assert_string_equal(
	    fa_mapping_table_for_name(m, "medewerkers 2025.csv"), "workers");
	assert_string_equal(fa_mapping_table_for_name(m, "MEDEWERKER.CSV"),
			    "workers");
	assert_string_equal(
	    fa_mapping_table_for_name(m, "Alle medewerkers.csv"), "workers");
	assert_string_equal(fa_mapping_table_for_name(m, "STAFF"), "workers");
	/* no '*': the whole name; then the next table's "*" takes it */
	assert_string_equal(fa_mapping_table_for_name(m, "staff.csv"),
			    "pay_periods");
	assert_string_equal(fa_mapping_table_for_name(m, "medewerkers.xlsx"),
			    "pay_periods");
	assert_string_equal(fa_mapping_table_for_name(m, ""), "pay_periods");
	fa_mapping_free(m);
}

static void test_mapping__file_name_glob_no_match(void **state)
{
	struct fa_mapping *m = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&m,
			      "<table name=\"workers\">\n"
			      "<file pattern=\"a*b*c\"/>\n"
			      "<column name=\"bsn\"><header status=\"assumed\">"
			      "X</header></column>\n"
			      "</table>\n",
			      &err),
			 FA_OK);
	assert_string_equal(fa_mapping_table_for_name(m, "abc"), "workers");
	assert_string_equal(fa_mapping_table_for_name(m, "aXbYc"), "workers");
	assert_string_equal(fa_mapping_table_for_name(m, "abcbc"), "workers");
	assert_null(fa_mapping_table_for_name(m, "ab"));
	assert_null(fa_mapping_table_for_name(m, "abcd"));
	assert_null(fa_mapping_table_for_name(m, "xabc"));
	fa_mapping_free(m);
}

/* ---- the loader's checks ------------------------------------------------- */

#define COL(name, inner) "<column name=\"" name "\">" inner "</column>\n"
#define HDR(text) "<header status=\"assumed\">" text "</header>"

static void test_mapping__unknown_table(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "<table name=\"werkers\">\n" COL("bsn", HDR("B")) "</table>\n",
	    W "8: unknown table 'werkers': did you mean "
	      "'workers'?");
	EXPECT_REFUSED(
	    "<table name=\"zzz\">\n" COL("bsn", HDR("B")) "</table>\n",
	    W "8: unknown table 'zzz': 'flexaudit schema' lists "
	      "the tables");
}

static void test_mapping__unknown_column(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "<table name=\"workers\">\n" COL("nam", HDR("N")) "</table>\n",
	    W "9: table 'workers' has no column 'nam': did you "
	      "mean 'name'?");
	/* the Dutch name is not a column name */
	EXPECT_REFUSED(
	    "<table name=\"workers\">\n" COL("naam", HDR("N")) "</table>\n",
	    W "9: table 'workers' has no column 'naam': give the "
	      "English name 'name'");
	EXPECT_REFUSED(
	    "<table name=\"workers\">\n" COL("zzz", HDR("N")) "</table>\n",
	    W "9: table 'workers' has no column 'zzz': 'flexaudit "
	      "schema' lists its columns");
}

static void test_mapping__table_twice(void **state)
{
	(void)state;
	EXPECT_REFUSED("<table name=\"workers\">\n" COL(
			   "bsn", HDR("B")) "</table>\n"
					    "<table name=\"workers\">\n" COL(
						"name", HDR("N")) "</table>\n",
		       W "11: table 'workers' is described twice (first on "
			 "line 8): merge the two");
}

static void test_mapping__column_twice(void **state)
{
	(void)state;
	EXPECT_REFUSED("<table name=\"workers\">\n" COL("bsn", HDR("B"))
			   COL("bsn", HDR("C")) "</table>\n",
		       W "10: column 'workers.bsn' is described twice (first "
			 "on line 9): merge the two");
}

static void test_mapping__header_twice(void **state)
{
	(void)state;
	/* in another column, and in the same one, case and spaces ignored */
	EXPECT_REFUSED(
	    "<table name=\"workers\">\n" COL("bsn", HDR("Nummer"))
		COL("name", HDR("NUMMER"))
		    COL("birth_date", HDR("Datum") HDR(" datum ")) "</table>\n",
	    W "10: header 'NUMMER' is given twice in table "
	      "'workers' (first on line 9): a header maps to one "
	      "column; remove one",
	    W "11: header 'datum' is given twice in table "
	      "'workers' (first on line 11): a header maps to one "
	      "column; remove one");
}

static void test_mapping__header_is_schema_name_of_other_column(void **state)
{
	(void)state;
	/* 'naam' is workers.name's Dutch name; 'bsn' its own is fine */
	EXPECT_REFUSED(
	    "<table name=\"workers\">\n" COL("employee_id", HDR("Naam"))
		COL("bsn", HDR("BSN")) COL("name", HDR("name")) "</table>\n",
	    W "9: header 'Naam' is the package's own name of "
	      "'workers.name' and cannot map to "
	      "'workers.employee_id': remove it");
}

static void test_mapping__column_maps_nothing(void **state)
{
	(void)state;
	EXPECT_REFUSED("<table name=\"workers\">\n"
		       "<column name=\"bsn\"/>\n"
		       "</table>\n",
		       W "9: column 'workers.bsn' maps nothing: give a "
			 "<header>, a <value> or codes=");
}

static void test_mapping__code_list_not_defined(void **state)
{
	(void)state;
	EXPECT_REFUSED("<codes name=\"countries\">\n"
		       "<value from=\"Polen\" to=\"PL\"/>\n"
		       "</codes>\n"
		       "<table name=\"workers\">\n"
		       "<column name=\"nationality\" codes=\"landen\"/>\n"
		       "</table>\n",
		       W "12: code list 'landen' is not defined: add <codes "
			 "name=\"landen\"> or correct codes=");
}

static void test_mapping__code_list_twice(void **state)
{
	(void)state;
	EXPECT_REFUSED("<codes name=\"countries\">\n"
		       "<value from=\"Polen\" to=\"PL\"/>\n"
		       "</codes>\n"
		       "<codes name=\"countries\">\n"
		       "<value from=\"Bulgarije\" to=\"BG\"/>\n"
		       "</codes>\n"
		       "<table name=\"workers\">\n"
		       "<column name=\"nationality\" codes=\"countries\"/>\n"
		       "</table>\n",
		       W "11: code list 'countries' is defined twice (first "
			 "on line 8): merge the two");
}

static void test_mapping__value_twice(void **state)
{
	(void)state;
	EXPECT_REFUSED("<codes name=\"countries\">\n"
		       "<value from=\"Polen\" to=\"PL\"/>\n"
		       "<value from=\" POLEN\" to=\"PL\"/>\n"
		       "</codes>\n"
		       "<table name=\"workers\">\n"
		       "<column name=\"registration\">\n"
		       "<value from=\"Geen\" to=\"none\"/>\n"
		       "<value from=\"geen\" to=\"brp\"/>\n"
		       "</column>\n"
		       "</table>\n",
		       W "10: value 'POLEN' is given twice in code list "
			 "'countries' (first on line 9): keep one",
		       W "15: value 'geen' is given twice for "
			 "'workers.registration' (first on line 14): keep "
			 "one");
}

static void test_mapping__enum_target(void **state)
{
	(void)state;
	/* to= is spelt as the schema does: 'BRP' is refused too */
	EXPECT_REFUSED("<table name=\"workers\">\n"
		       "<column name=\"registration\">\n"
		       "<value from=\"J\" to=\"yes\"/>\n"
		       "<value from=\"B\" to=\"BRP\"/>\n"
		       "<value from=\"R\" to=\"rni\"/>\n"
		       "</column>\n"
		       "</table>\n",
		       W "10: value 'yes' for 'workers.registration' is not "
			 "one of brp, rni, none: write one of them exactly",
		       W "11: value 'BRP' for 'workers.registration' is not "
			 "one of brp, rni, none: write one of them exactly");
}

static void test_mapping__bool_target(void **state)
{
	(void)state;
	EXPECT_REFUSED("<table name=\"workers\">\n"
		       "<column name=\"housed_by_agency\">\n"
		       "<value from=\"Wel\" to=\"yes\"/>\n"
		       "<value from=\"Niet\" to=\"no\"/>\n"
		       "<value from=\"J\" to=\"ja\"/>\n"
		       "</column>\n"
		       "</table>\n",
		       W "12: value 'ja' for 'workers.housed_by_agency' is not "
			 "yes or no: write yes or no");
}

static void test_mapping__country_and_language_targets(void **state)
{
	(void)state;
	EXPECT_REFUSED("<table name=\"workers\">\n"
		       "<column name=\"nationality\">\n"
		       "<value from=\"Polen\" to=\"pl\"/>\n"
		       "<value from=\"Roemenie\" to=\"RO\"/>\n"
		       "<value from=\"Atlantis\" to=\"XX\"/>\n"
		       "</column>\n"
		       "<column name=\"native_language\">\n"
		       "<value from=\"Pools\" to=\"pol\"/>\n"
		       "<value from=\"Roemeens\" to=\"ro\"/>\n"
		       "<value from=\"Klingon\" to=\"xx\"/>\n"
		       "</column>\n"
		       "</table>\n",
		       W "10: value 'pl' for 'workers.nationality' is not an "
			 "ISO 3166-1 alpha-2 country code: write a code such "
			 "as PL, in upper case",
		       W "12: value 'XX' for 'workers.nationality' is not an "
			 "ISO 3166-1 alpha-2 country code: write a code such "
			 "as PL, in upper case",
		       W "15: value 'pol' for 'workers.native_language' is "
			 "not an ISO 639-1 language code: write a code such "
			 "as pl, in lower case",
		       W "17: value 'xx' for 'workers.native_language' is not "
			 "an ISO 639-1 language code: write a code such as "
			 "pl, in lower case");
}

static void test_mapping__code_list_targets_per_column(void **state)
{
	(void)state;
	/*
	 * 'housing' is a deduction kind of documents but not of deductions;
	 * two country columns with one list report it once.
	 */
	EXPECT_REFUSED("<codes name=\"kinds\">\n"
		       "<value from=\"Zorgverzekering\" "
		       "to=\"health-insurance\"/>\n"
		       "<value from=\"Huisvesting\" to=\"housing\"/>\n"
		       "</codes>\n"
		       "<codes name=\"countries\">\n"
		       "<value from=\"Polen\" to=\"POL\"/>\n"
		       "</codes>\n"
		       "<table name=\"documents\">\n"
		       "<column name=\"deduction_kind\" codes=\"kinds\"/>\n"
		       "</table>\n"
		       "<table name=\"deductions\">\n"
		       "<column name=\"kind\" codes=\"kinds\"/>\n"
		       "</table>\n"
		       "<table name=\"workers\">\n"
		       "<column name=\"nationality\" codes=\"countries\"/>\n"
		       "</table>\n"
		       "<table name=\"recruiters\">\n"
		       "<column name=\"country\" codes=\"countries\"/>\n"
		       "</table>\n",
		       W "10: value 'housing' of code list 'kinds' for "
			 "'deductions.kind' is not one of health-insurance, "
			 "travel, transport-to-work, meals, advance, "
			 "recruitment-fee, administration, social-guidance, "
			 "fine, other: write one of them exactly",
		       W "13: value 'POL' of code list 'countries' for "
			 "'workers.nationality' is not an ISO 3166-1 alpha-2 "
			 "country code: write a code such as PL, in upper "
			 "case");
}

static void test_mapping__all_problems_in_line_order(void **state)
{
	(void)state;
	EXPECT_REFUSED(
	    "<codes name=\"countries\">\n"
	    "<value from=\"Polen\" to=\"Poland\"/>\n"
	    "</codes>\n"
	    "<table name=\"workers\">\n"
	    "<column name=\"nationality\" codes=\"countries\"/>\n"
	    "<column name=\"nam\">" HDR(
		"Naam") "</column>\n"
			"<column name=\"bsn\">" HDR("naam medewerker") HDR(
			    "Naam  Medewerker") "</column>\n"
						"</table>\n"
						"<table name=\"rooms\">\n"
						"<column name=\"kind\" "
						"codes=\"soorten\">\n"
						"<value from=\"Slaapkamer\" "
						"to=\"slaapkamer\"/>\n"
						"</column>\n"
						"</table>\n"
						"<table name=\"kamers\">\n"
						"<column name=\"kind\"/>\n"
						"</table>\n",
	    W "9: value 'Poland' of code list 'countries' for "
	      "'workers.nationality' is not an ISO 3166-1 alpha-2 "
	      "country code: write a code such as PL, in upper "
	      "case",
	    W "13: table 'workers' has no column 'nam': did you "
	      "mean 'name'?",
	    W "14: header 'Naam Medewerker' is given twice in "
	      "table 'workers' (first on line 14): a header maps "
	      "to one column; remove one",
	    W "17: code list 'soorten' is not defined: add <codes "
	      "name=\"soorten\"> or correct codes=",
	    W "18: value 'slaapkamer' for 'rooms.kind' is not one "
	      "of bedroom, living, kitchen, bathroom, toilet, "
	      "laundry, other: write one of them exactly",
	    W "21: unknown table 'kamers': 'flexaudit schema' "
	      "lists the tables",
	    W "22: column 'kamers.kind' maps nothing: give a "
	      "<header>, a <value> or codes=");
}

static void test_mapping__schema_problems_reported(void **state)
{
	struct fa_mapping *m = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&m,
			      "<table name=\"workers\">\n"
			      "<column name=\"bsn\">"
			      "<header status=\"maybe\">B</header>"
			      "</column>\n"
			      "</table>\n",
			      &err),
			 FA_ERR_INPUT);
	assert_null(m);
	assert_int_equal(err.n, 1);
	assert_int_equal(err.diag[0].line, 9);
	assert_non_null(strstr(err.diag[0].message, "status"));
}

/* ---- finding profiles ---------------------------------------------------- */

static void set_dir(const char *sub)
{
	const char *fx = getenv("FA_FIXTURES");
	static char dir[1024];

	snprintf(dir, sizeof(dir), "%s/mapping/%s", fx ? fx : "fixtures", sub);
	assert_int_equal(setenv("FLEXAUDIT_MAPPINGS", dir, 1), 0);
}

static void test_mapping__find_by_name(void **state)
{
	struct fa_mapping *m = NULL;
	struct fa_error err;

	(void)state;
	set_dir("find");
	fa_error_init(&err);
	assert_int_equal(fa_mapping_find(&m, "beta", &err), FA_OK);
	assert_string_equal(fa_mapping_id(m), "beta");
	assert_string_equal(fa_mapping_title(m, 0), "Beta export");
	fa_mapping_free(m);
}

static void test_mapping__find_by_path(void **state)
{
	const char *fx = getenv("FA_FIXTURES");
	char path[1024];
	struct fa_mapping *m = NULL;
	struct fa_error err;

	(void)state;
	set_dir("none");
	snprintf(path, sizeof(path), "%s/mapping/find/alpha.xml",
		 fx ? fx : "fixtures");
	fa_error_init(&err);
	assert_int_equal(fa_mapping_find(&m, path, &err), FA_OK);
	assert_string_equal(fa_mapping_id(m), "alpha");
	fa_mapping_free(m);
	/* ".xml" makes it a path, relative to the working directory */
	fa_error_init(&err);
	assert_int_equal(fa_mapping_find(&m, "no-such.xml", &err), FA_ERR_IO);
	assert_null(m);
	assert_string_equal(err.diag[0].message,
			    "cannot open 'no-such.xml': No such file or "
			    "directory");
}

static void test_mapping__find_unknown_lists_profiles(void **state)
{
	struct fa_mapping *m = NULL;
	struct fa_error err;

	(void)state;
	set_dir("find");
	fa_error_init(&err);
	assert_int_equal(fa_mapping_find(&m, "gamma", &err), FA_ERR_USAGE);
	assert_null(m);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message,
			    "no mapping profile 'gamma': give alpha or beta");
	set_dir("none");
	fa_error_init(&err);
	assert_int_equal(fa_mapping_find(&m, "gamma", &err), FA_ERR_USAGE);
	assert_non_null(strstr(err.diag[0].message,
			       "no mapping profile 'gamma': the bundled "
			       "profiles cannot be read (cannot open '"));
}

static void test_mapping__bundled_broken_profile_reported(void **state)
{
	struct fa_mapping **all = NULL;
	size_t n = 5;
	struct fa_error err;

	(void)state;
	set_dir("broken");
	fa_error_init(&err);
	assert_int_equal(fa_mappings_load_bundled(&all, &n, &err),
			 FA_ERR_INPUT);
	assert_null(all);
	assert_int_equal(n, 0);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message,
			    "unknown table 'werkers': did you mean "
			    "'workers'?");
	assert_int_equal(err.diag[0].line, 8);
}

/* ---- the shipped profiles ------------------------------------------------ */

static void test_mapping__shipped_profiles_load(void **state)
{
	static const char *const ids[] = { "easyflex", "generic-nl", "loket",
					   "nmbrs" };
	struct fa_mapping **all = NULL;
	size_t n = 0, i;
	struct fa_error err;
	char got[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];

	(void)state;
	assert_int_equal(setenv("FLEXAUDIT_MAPPINGS", "mappings", 1), 0);
	fa_error_init(&err);
	if (fa_mappings_load_bundled(&all, &n, &err) != FA_OK) {
		for (i = 0; i < err.n; i++) {
			fa_diag_format(got, sizeof(got), &err.diag[i]);
			print_error("%s\n", got);
		}
		fail_msg("a shipped mapping profile has problems");
	}
	assert_int_equal(n, sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < n; i++)
		assert_string_equal(fa_mapping_id(all[i]), ids[i]);
	fa_mappings_free(all, n);
}

static void test_mapping__generic_nl_lookups(void **state)
{
	struct fa_mapping *m = NULL;
	struct fa_error err;
	size_t len;
	const char *v;

	(void)state;
	assert_int_equal(setenv("FLEXAUDIT_MAPPINGS", "mappings", 1), 0);
	fa_error_init(&err);
	assert_int_equal(fa_mapping_find(&m, "generic-nl", &err), FA_OK);
	assert_string_equal(
	    fa_mapping_column(m, "workers", "Datum in dienst", 15),
	    "employment_start");
	assert_string_equal(
	    fa_mapping_column(m, "pay_periods", "Inhouding huisvesting", 21),
	    "housing_deduction");
	assert_string_equal(fa_mapping_column(m, "rooms", "Oppervlakte (m²)",
					      strlen("Oppervlakte (m²)")),
			    "area_m2");
	v = fa_mapping_value(m, "workers", "nationality", "Roemenië",
			     strlen("Roemenië"), &len);
	assert_non_null(v);
	assert_memory_equal(v, "RO", 2);
	v = fa_mapping_value(m, "workers", "native_language", "pools", 5, &len);
	assert_non_null(v);
	assert_memory_equal(v, "pl", 2);
	v = fa_mapping_value(m, "deductions", "kind", "Zorgverzekering", 15,
			     &len);
	assert_non_null(v);
	assert_int_equal(len, strlen("health-insurance"));
	assert_memory_equal(v, "health-insurance", len);
	assert_string_equal(fa_mapping_table_for_name(m, "Medewerkers.xlsx"),
			    "workers");
	fa_mapping_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapping__id_and_titles),
		cmocka_unit_test(test_mapping__header_trimmed_and_without_case),
		cmocka_unit_test(test_mapping__header_unknown_is_null),
		cmocka_unit_test(test_mapping__header_per_table),
		cmocka_unit_test(test_mapping__value_from_code_list),
		cmocka_unit_test(
		    test_mapping__value_of_column_wins_over_code_list),
		cmocka_unit_test(test_mapping__value_not_mapped_is_null),
		cmocka_unit_test(test_mapping__file_name_glob),
		cmocka_unit_test(test_mapping__file_name_glob_no_match),
		cmocka_unit_test(test_mapping__unknown_table),
		cmocka_unit_test(test_mapping__unknown_column),
		cmocka_unit_test(test_mapping__table_twice),
		cmocka_unit_test(test_mapping__column_twice),
		cmocka_unit_test(test_mapping__header_twice),
		cmocka_unit_test(
		    test_mapping__header_is_schema_name_of_other_column),
		cmocka_unit_test(test_mapping__column_maps_nothing),
		cmocka_unit_test(test_mapping__code_list_not_defined),
		cmocka_unit_test(test_mapping__code_list_twice),
		cmocka_unit_test(test_mapping__value_twice),
		cmocka_unit_test(test_mapping__enum_target),
		cmocka_unit_test(test_mapping__bool_target),
		cmocka_unit_test(test_mapping__country_and_language_targets),
		cmocka_unit_test(test_mapping__code_list_targets_per_column),
		cmocka_unit_test(test_mapping__all_problems_in_line_order),
		cmocka_unit_test(test_mapping__schema_problems_reported),
		cmocka_unit_test(test_mapping__find_by_name),
		cmocka_unit_test(test_mapping__find_by_path),
		cmocka_unit_test(test_mapping__find_unknown_lists_profiles),
		cmocka_unit_test(test_mapping__bundled_broken_profile_reported),
		cmocka_unit_test(test_mapping__shipped_profiles_load),
		cmocka_unit_test(test_mapping__generic_nl_lookups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
