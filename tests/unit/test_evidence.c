/* SPDX-License-Identifier: MIT */
/*
 * Tests of the evidence loader on the packages in fixtures/packages/,
 * zipped by `make packages` into $FA_PACKAGES: what lands in the database,
 * data-quality findings, and that a rejected load leaves nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db.h"
#include "evidence.h"

static const char *pkg(const char *name)
{
	static char path[512];
	const char *dir = getenv("FA_PACKAGES");

	snprintf(path, sizeof(path), "%s/%s.zip", dir ? dir : "build/packages",
		 name);
	return path;
}

static struct fa_evidence *load_ok(const char *name)
{
	struct fa_evidence *ev = NULL;
	struct fa_error e;

	fa_error_init(&e);
	if (fa_evidence_load(&ev, pkg(name), &e) != FA_OK) {
		char line[1024];

		fa_diag_format(line, sizeof(line), &e.diag[0]);
		fail_msg("%s: %s", name, line);
	}
	return ev;
}

/* The single text result of sql. */
static void expect_text(struct fa_evidence *ev, const char *sql,
			const char *want)
{
	struct fa_stmt *st = NULL;
	struct fa_error e;
	int row = 0;

	fa_error_init(&e);
	assert_int_equal(fa_db_prepare(&st, ev->db, sql, &e), FA_OK);
	assert_int_equal(fa_db_step(&row, st, &e), FA_OK);
	assert_true(row);
	assert_string_equal(fa_db_column_text(st, 0), want);
	fa_db_finalize(st);
}

static void test_evidence__minimal_loads_typed_rows(void **state)
{
	struct fa_evidence *ev = load_ok("minimal");

	(void)state;
	assert_string_equal(ev->manifest->kvk, "87654321");
	assert_int_equal(ev->n_files_verified, 4);
	assert_int_equal(ev->n_dq, 0);
	assert_int_equal(strlen(ev->package_sha256), 64);
	/* Dutch date stored as ISO, "ja" as 1, codes normalised. */
	expect_text(ev,
		    "SELECT employment_start || '|' || housed_by_agency || '|' "
		    "|| nationality || '|' || native_language || '|' || _line "
		    "FROM workers",
		    "2025-01-13|1|PL|pl|2");
	expect_text(ev, "SELECT count(*) FROM documents", "2");
	expect_text(ev,
		    "SELECT value FROM package_info WHERE key = 'period_to'",
		    "2025-12-31");
	expect_text(ev,
		    "SELECT rows FROM package_files WHERE path = 'workers.csv'",
		    "1");
	fa_evidence_free(ev);
}

static void test_evidence__windows1252_decoded(void **state)
{
	struct fa_evidence *ev = load_ok("windows1252");

	(void)state;
	expect_text(ev, "SELECT name FROM workers",
		    "Ren\xc3\xa9"
		    "e M\xc3\xbcller");
	fa_evidence_free(ev);
}

/* Excel's "Unicode text": UTF-16 LE, tab-separated; the comma and the
 * doubled quotes in the quoted name are data. */
static void test_evidence__utf16_tab_separated_decoded(void **state)
{
	struct fa_evidence *ev = load_ok("utf16_tab");

	(void)state;
	expect_text(ev, "SELECT name FROM workers",
		    "Zo\xc3\xab \"Kasia\" \xc5\x81uczak, jr.");
	expect_text(ev, "SELECT employment_start FROM workers", "2025-01-13");
	fa_evidence_free(ev);
}

static void test_evidence__money_cents_decimals_and_defaults(void **state)
{
	struct fa_evidence *ev = load_ok("data_quality");

	(void)state;
	/* 112.50 euros -> 11250 cents; empty housing_deduction -> 0. */
	expect_text(
	    ev,
	    "SELECT group_concat(housing_deduction, ',') FROM "
	    "(SELECT housing_deduction FROM pay_periods ORDER BY _line)",
	    "11250,11250,0");
	expect_text(ev, "SELECT hourly_base_wage FROM pay_periods LIMIT 1",
		    "1406");
	/* area 10.5 stored as REAL, empty beds -> 0 by the schema. */
	expect_text(ev, "SELECT area_m2 FROM rooms WHERE room_id = 'L01-S1'",
		    "10.5");
	expect_text(ev, "SELECT beds FROM rooms WHERE room_id = 'L01-K'", "0");
	fa_evidence_free(ev);
}

static uint64_t dq_count(const struct fa_evidence *ev, const char *check)
{
	size_t i;

	for (i = 0; i < ev->n_dq_counts; i++)
		if (strcmp(ev->dq_counts[i].check, check) == 0)
			return ev->dq_counts[i].count;
	return 0;
}

static void test_evidence__data_quality_findings(void **state)
{
	struct fa_evidence *ev = load_ok("data_quality");
	size_t i;
	int seen = 0;

	(void)state;
	assert_int_equal(dq_count(ev, "bsn-invalid"), 1);
	assert_int_equal(dq_count(ev, "end-before-start"), 3);
	assert_int_equal(dq_count(ev, "negative-value"), 1);
	assert_int_equal(dq_count(ev, "zero-area"), 1);
	assert_int_equal(dq_count(ev, "unknown-reference"), 3);
	assert_int_equal(dq_count(ev, "document-file-missing"), 1);
	assert_int_equal(dq_count(ev, "duplicate-pay-period"), 1);
	assert_int_equal(dq_count(ev, "overlapping-occupancy"), 1);
	assert_int_equal(dq_count(ev, "deduction-without-pay-period"), 1);
	assert_int_equal(dq_count(ev, "file-not-referenced"), 1);
	assert_int_equal(dq_count(ev, "control-character"), 1);
	assert_int_equal(dq_count(ev, "implausible-value"), 1);
	assert_int_equal(ev->n_dq, 16);
	for (i = 0; i < ev->n_dq; i++) {
		const struct fa_dq_finding *f = &ev->dq[i];

		/* NORM: personal data — the BSN itself is never in a message.
		 */
		assert_null(strstr(f->message, "123456789"));
		if (strcmp(f->check, "unknown-reference") == 0 &&
		    strcmp(f->where, "occupancy.csv") == 0) {
			assert_int_equal(f->line, 3);
			assert_string_equal(f->message,
					    "unknown room_id 'L01-S9' (not in "
					    "rooms.csv)");
			seen |= 1;
		}
		/* the name's ESC: the column and the code point, never the
		 * value (personal data) */
		if (strcmp(f->check, "control-character") == 0) {
			assert_string_equal(f->where, "workers.csv");
			assert_int_equal(f->line, 2);
			assert_non_null(strstr(f->message, "column 'name'"));
			assert_non_null(strstr(f->message, "U+001B"));
			assert_null(strstr(f->message, "Kowalska"));
			seen |= 2;
		}
		/* NORM: plausibility bound of deductions.amount, 20000 EUR
		 * (tableload.c); the row holds 35200 */
		if (strcmp(f->check, "implausible-value") == 0) {
			assert_string_equal(f->where, "deductions.csv");
			assert_int_equal(f->line, 3);
			assert_string_equal(
			    f->message, "column 'amount' is 35200.00 EUR, "
					"above 20000: check the export "
					"(cents for euros, a wrong column)");
			seen |= 4;
		}
	}
	assert_int_equal(seen, 7);
	/* Findings are also in the database for the rules. */
	expect_text(ev, "SELECT count(*) FROM data_quality", "16");
	fa_evidence_free(ev);
}

/*
 * NORM: the plausibility bounds (tableload.c, docs/evidence-package.md
 * section 7) compared in cents and hundredths, never through a double: a
 * value on a bound is plausible, one hundredth above is not, and the
 * message shows the value to the cent, up to the most 64 bits of cents
 * hold (fixtures/packages/money_bounds).
 */
static void test_evidence__plausibility_bounds_exact(void **state)
{
	static const struct {
		const char *where;
		unsigned long line;
		const char *message;
	} want[] = {
		{ "pay-periods.csv", 3,
		  "column 'hours' is 744.01 hours, above 744: check the export "
		  "(cents for euros, a wrong column)" },
		{ "pay-periods.csv", 3,
		  "column 'hourly_base_wage' is 1000.01 EUR, above 1000: check "
		  "the export (cents for euros, a wrong column)" },
		{ "pay-periods.csv", 3,
		  "column 'housing_deduction' is 10000.01 EUR, above 10000: "
		  "check the export (cents for euros, a wrong column)" },
		{ "deductions.csv", 3,
		  "column 'amount' is 20000.01 EUR, above 20000: check the "
		  "export (cents for euros, a wrong column)" },
		{ "deductions.csv", 4,
		  "column 'amount' is 92233720368547758.07 EUR, above 20000: "
		  "check the export (cents for euros, a wrong column)" },
	};
	struct fa_evidence *ev = load_ok("money_bounds");
	size_t i;

	(void)state;
	assert_int_equal(ev->n_dq, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < ev->n_dq; i++) {
		assert_string_equal(ev->dq[i].check, "implausible-value");
		assert_string_equal(ev->dq[i].where, want[i].where);
		assert_int_equal(ev->dq[i].line, want[i].line);
		assert_string_equal(ev->dq[i].message, want[i].message);
	}
	/* loaded as it is, in cents */
	expect_text(ev, "SELECT max(amount) FROM deductions",
		    "9223372036854775807");
	fa_evidence_free(ev);
}

static void test_evidence__rejection_leaves_nothing(void **state)
{
	struct fa_evidence *ev = (struct fa_evidence *)1;
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_evidence_load(&ev, pkg("bad_date"), &e),
			 FA_ERR_INPUT);
	assert_null(ev);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.diag[0].where, "workers.csv");
	assert_int_equal(e.diag[0].line, 2);
	assert_int_equal(e.diag[0].column, 7);
}

/* An employee number with a '/' is refused where it is read, in every
 * table (a finding's subject is the number, '/', and the rest). */
static void test_evidence__employee_number_without_slash(void **state)
{
	static const char *const csv[][2] = {
		{ "workers", "employee_id;name\nW1/2;Anna\n" },
		{ "pay_periods",
		  "employee_id;period_start;period_end;hours;"
		  "hourly_base_wage\nW1;2026-01-05;2026-01-11;40;"
		  "14,71\nW1/2;2026-01-05;2026-01-11;40;14,71\n" },
	};
	struct fa_db *db = NULL;
	struct fa_error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(csv) / sizeof(csv[0]); i++) {
		fa_error_init(&e);
		assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
		assert_int_equal(fa_evidence_create_schema(db, 1, &e), FA_OK);
		assert_int_equal(fa_evidence_load_csv(db, csv[i][0], "t.csv", 1,
						      csv[i][1],
						      strlen(csv[i][1]), &e),
				 FA_ERR_INPUT);
		assert_int_equal(e.n, 1);
		assert_int_equal(e.diag[0].line, i ? 3 : 2);
		assert_int_equal(e.diag[0].column, 1);
		assert_string_equal(e.diag[0].message,
				    "invalid employee number 'W1/2' in column "
				    "'employee_id': contains '/', which "
				    "separates it from the rest of a finding's "
				    "subject");
		fa_db_close(db);
		db = NULL;
	}
}

/* Two ids that look the same must be the same id: an invisible or
 * direction-changing character in one is refused, with its code point. */
static void test_evidence__invisible_characters_in_ids(void **state)
{
	static const struct {
		const char *csv;
		const char *message;
	} c[] = {
		{ "employee_id;name\nW1\xE2\x80\x8B;Anna\n",
		  "invalid identifier 'W1\xE2\x80\x8B' in column "
		  "'employee_id': contains an invisible or direction-changing "
		  "character (U+200B): retype the identifier" },
		{ "employee_id;name\n\xE2\x80\xAEW1;Anna\n",
		  "invalid identifier '\xE2\x80\xAEW1' in column "
		  "'employee_id': contains an invisible or direction-changing "
		  "character (U+202E): retype the identifier" },
		{ "employee_id;name\nW\xC2\xA0"
		  "1;Anna\n",
		  "invalid identifier 'W\xC2\xA0"
		  "1' in column "
		  "'employee_id': contains an invisible or direction-changing "
		  "character (U+00A0): retype the identifier" },
		{ "employee_id;name\nW\xE2\x81\xA6"
		  "1;Anna\n",
		  "invalid identifier 'W\xE2\x81\xA6"
		  "1' in column "
		  "'employee_id': contains an invisible or direction-changing "
		  "character (U+2066): retype the identifier" },
	};
	static const char ok[] = "employee_id;name\nW\xC3\xA9;A\n";
	struct fa_db *db = NULL;
	struct fa_error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		fa_error_init(&e);
		assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
		assert_int_equal(fa_evidence_create_schema(db, 1, &e), FA_OK);
		assert_int_equal(fa_evidence_load_csv(db, "workers", "t.csv", 1,
						      c[i].csv,
						      strlen(c[i].csv), &e),
				 FA_ERR_INPUT);
		assert_int_equal(e.n, 1);
		assert_string_equal(e.diag[0].message, c[i].message);
		fa_db_close(db);
		db = NULL;
	}
	/* an accented letter is no invisible character */
	fa_error_init(&e);
	assert_int_equal(fa_db_open(&db, NULL, &e), FA_OK);
	assert_int_equal(fa_evidence_create_schema(db, 1, &e), FA_OK);
	assert_int_equal(
	    fa_evidence_load_csv(db, "workers", "t.csv", 1, ok, strlen(ok), &e),
	    FA_OK);
	fa_db_close(db);
}

static void test_evidence__every_broken_table_reported(void **state)
{
	struct fa_evidence *ev = NULL;
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_evidence_load(&ev, pkg("two_broken_tables"), &e),
			 FA_ERR_INPUT);
	assert_null(ev);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.diag[0].where, "workers.csv");
	assert_string_equal(e.diag[1].where, "documents.csv");
}

static void test_evidence__hash_mismatch_is_integrity(void **state)
{
	struct fa_evidence *ev = NULL;
	struct fa_error e;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_evidence_load(&ev, pkg("hash_mismatch"), &e),
			 FA_ERR_INTEGRITY);
	assert_null(ev);
	assert_string_equal(e.diag[0].where, "workers.csv");
}

static void test_evidence__document_counts(void **state)
{
	struct fa_evidence *ev = load_ok("minimal");
	struct fa_doc_count *dc = NULL;
	struct fa_error e;
	size_t n = 0;

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_evidence_document_counts(&dc, &n, ev, &e), FA_OK);
	assert_int_equal(n, 2);
	assert_string_equal(dc[0].type, "employment-contract");
	assert_string_equal(dc[0].language, "nl");
	assert_int_equal(dc[0].count, 1);
	assert_string_equal(dc[1].language, "pl");
	free(dc);
	fa_evidence_free(ev);
	fa_evidence_free(NULL);
}

/* The member and the audit period through the public accessors, as
 * fixtures/packages/minimal/manifest.in.xml gives them. */
static void test_evidence__manifest_accessors(void **state)
{
	struct fa_evidence *ev = load_ok("minimal");

	(void)state;
	assert_string_equal(fa_evidence_member_name(ev),
			    "Minimaal Uitzendbureau B.V.");
	assert_string_equal(fa_evidence_period_from(ev), "2025-01-01");
	assert_string_equal(fa_evidence_period_to(ev), "2025-12-31");
	fa_evidence_free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence__minimal_loads_typed_rows),
		cmocka_unit_test(test_evidence__windows1252_decoded),
		cmocka_unit_test(test_evidence__utf16_tab_separated_decoded),
		cmocka_unit_test(
		    test_evidence__money_cents_decimals_and_defaults),
		cmocka_unit_test(test_evidence__data_quality_findings),
		cmocka_unit_test(test_evidence__plausibility_bounds_exact),
		cmocka_unit_test(test_evidence__rejection_leaves_nothing),
		cmocka_unit_test(test_evidence__employee_number_without_slash),
		cmocka_unit_test(test_evidence__invisible_characters_in_ids),
		cmocka_unit_test(test_evidence__every_broken_table_reported),
		cmocka_unit_test(test_evidence__hash_mismatch_is_integrity),
		cmocka_unit_test(test_evidence__manifest_accessors),
		cmocka_unit_test(test_evidence__document_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
