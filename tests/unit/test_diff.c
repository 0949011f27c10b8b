/* SPDX-License-Identifier: MIT */
/*
 * Tests of the diff of two audits: each kind on sides built here by hand
 * (absent but the rule ran is resolved, absent and the rule did not run is
 * not rechecked, review to fail and a changed observed are changed), the
 * grouping per requirement and its order, empty sides and refused input;
 * the text listing in English and Dutch against text written by hand, the
 * JSON listing parsed back; and the JSON-report reader on the two reports
 * of fixtures/store/diff (written by hand to docs/report-json.md), whose
 * diff was worked out by hand, on broken files, and on the demo's own
 * report. Run from the repository root (FA_FIXTURES overrides "fixtures",
 * FA_PACKAGES the packages, as demo_audit.h reads them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "demo_audit.h"
#include "diff.h"
#include "json.h"
#include "report.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct fa_diff_finding F(const char *key, const char *object,
				const char *outcome, const char *severity,
				const char *observed) {
	static char rules[64][64];
	static size_t next;
	struct fa_diff_finding f;
	char *r = rules[next++ % 64];
	size_t n = strcspn(key, "/");

	snprintf(r, 64, "%.*s", (int)n, key);
	memset(&f, 0, sizeof(f));
	f.key = key;
	f.rule_id = r;
	f.subject = key[n] ? key + n + 1 : "";
	f.object = object;
	f.outcome = outcome;
	f.severity = severity;
	f.observed = observed;
	return f;
}

static struct fa_diff_side
side(const char *label, const char *date, const struct fa_diff_finding *f,
     size_t n, const struct fa_diff_rule *r, size_t n_rules)
{
	struct fa_diff_side s;

	s.label = label;
	s.audit_date = date;
	s.findings = f;
	s.n_findings = n;
	s.rules = r;
	s.n_rules = n_rules;
	return s;
}

static struct fa_diff *diff_of(const struct fa_diff_side *a,
			       const struct fa_diff_side *b)
{
	struct fa_diff *d = NULL;
	struct fa_error err;

	fa_error_init(&err);
	assert_int_equal(fa_diff_new(&d, a, b, &err), FA_OK);
	assert_non_null(d);
	return d;
}

/* The entry of key in d, or fail. */
static const struct fa_diff_entry *entry(const struct fa_diff *d,
					 const char *key)
{
	size_t i, k;

	for (i = 0; i < d->n; i++)
		for (k = 0; k < d->reqs[i].n; k++) {
			const struct fa_diff_entry *e = &d->reqs[i].entries[k];
			const char *ek = e->b ? e->b->key : e->a->key;

			if (strcmp(ek, key) == 0)
				return e;
		}
	fail_msg("no entry for %s", key);
	return NULL;
}

static size_t n_entries(const struct fa_diff *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->reqs[i].n;
	return n;
}

static void test_diff__each_kind(void **state)
{
	const struct fa_diff_finding fa[] = {
		F("R1/new-from-pass", NULL, "pass", "major", NULL),
		F("R1/resolved-pass", NULL, "fail", "major", "x"),
		F("R1/resolved-na", NULL, "review", "major", "x"),
		F("R1/resolved-absent", NULL, "fail", "major", "x"),
		F("R2/not-listed", NULL, "fail", "minor", "x"),
		F("R3/ran-0", NULL, "fail", "minor", "x"),
		F("R1/error-in-b", NULL, "fail", "major", "x"),
		F("R1/persisting", NULL, "fail", "major", "3 persons"),
		F("R1/persisting-null", NULL, "review", "minor", NULL),
		F("R1/review-to-fail", NULL, "review", "major", "x"),
		F("R1/severity", NULL, "fail", "minor", "x"),
		F("R1/observed", NULL, "fail", "major", "3 persons"),
		F("R1/observed-null", NULL, "fail", "major", NULL),
		F("R1/pass-to-na", NULL, "pass", "major", NULL),
		F("R1/nc-to-absent", NULL, "not_checked", "major", NULL),
		F("R1/error-to-fail", NULL, "error", "major", NULL),
	};
	const struct fa_diff_finding fb[] = {
		F("R1/new-absent", NULL, "review", "major", "y"),
		F("R1/new-from-pass", NULL, "fail", "major", "y"),
		F("R1/resolved-pass", NULL, "pass", "major", "x"),
		F("R1/resolved-na", NULL, "na", "major", NULL),
		F("R1/error-in-b", NULL, "error", "major", NULL),
		F("R1/persisting", NULL, "fail", "major", "3 persons"),
		F("R1/persisting-null", NULL, "review", "minor", NULL),
		F("R1/review-to-fail", NULL, "fail", "major", "x"),
		F("R1/severity", NULL, "fail", "major", "x"),
		F("R1/observed", NULL, "fail", "major", "4 persons"),
		F("R1/observed-null", NULL, "fail", "major", "4 persons"),
		F("R1/pass-to-na", NULL, "na", "major", NULL),
		F("R1/error-to-fail", NULL, "fail", "major", NULL),
	};
	/* R1 ran; R2 is not listed; R3 did not run */
	const struct fa_diff_rule rb[] = { { "R1", 1 }, { "R3", 0 } };
	struct fa_diff_side a = side("A", NULL, fa, N(fa), NULL, 0);
	struct fa_diff_side b = side("B", NULL, fb, N(fb), rb, N(rb));
	struct fa_diff *d = diff_of(&a, &b);
	static const struct {
		const char *key;
		enum fa_diff_kind kind;
		int has_a, has_b;
	} want[] = {
		{ "R1/new-absent", FA_DIFF_NEW, 0, 1 },
		{ "R1/new-from-pass", FA_DIFF_NEW, 1, 1 },
		{ "R1/error-to-fail", FA_DIFF_NEW, 1, 1 },
		{ "R1/resolved-pass", FA_DIFF_RESOLVED, 1, 1 },
		{ "R1/resolved-na", FA_DIFF_RESOLVED, 1, 1 },
		{ "R1/resolved-absent", FA_DIFF_RESOLVED, 1, 0 },
		{ "R2/not-listed", FA_DIFF_NOT_RECHECKED, 1, 0 },
		{ "R3/ran-0", FA_DIFF_NOT_RECHECKED, 1, 0 },
		{ "R1/error-in-b", FA_DIFF_NOT_RECHECKED, 1, 1 },
		{ "R1/persisting", FA_DIFF_PERSISTING, 1, 1 },
		{ "R1/persisting-null", FA_DIFF_PERSISTING, 1, 1 },
		{ "R1/review-to-fail", FA_DIFF_CHANGED, 1, 1 },
		{ "R1/severity", FA_DIFF_CHANGED, 1, 1 },
		{ "R1/observed", FA_DIFF_CHANGED, 1, 1 },
		{ "R1/observed-null", FA_DIFF_CHANGED, 1, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(want); i++) {
		const struct fa_diff_entry *e = entry(d, want[i].key);

		if (e->kind != want[i].kind)
			fail_msg("%s: kind %d, want %d", want[i].key,
				 (int)e->kind, (int)want[i].kind);
		assert_int_equal(e->a != NULL, want[i].has_a);
		assert_int_equal(e->b != NULL, want[i].has_b);
	}
	/* pass to na, not_checked to absent: open in neither, no entry */
	assert_int_equal(n_entries(d), N(want));
	assert_int_equal(d->counts[FA_DIFF_NEW], 3);
	assert_int_equal(d->counts[FA_DIFF_RESOLVED], 3);
	assert_int_equal(d->counts[FA_DIFF_NOT_RECHECKED], 3);
	assert_int_equal(d->counts[FA_DIFF_PERSISTING], 2);
	assert_int_equal(d->counts[FA_DIFF_CHANGED], 4);
	assert_string_equal(entry(d, "R1/new-from-pass")->a->outcome, "pass");
	fa_diff_free(d);
}

/* A rule listed twice ran only if both entries say so; a side with no rules
 * at all resolves nothing by absence. */
static void test_diff__rule_listed_twice(void **state)
{
	const struct fa_diff_finding fa[] = {
		F("R1/S", NULL, "fail", "major", NULL),
		F("R2/S", NULL, "fail", "major", NULL),
	};
	const struct fa_diff_rule rb[] = {
		{ "R2", 1 }, { "R1", 1 }, { "R1", 0 }, { "R2", 1 }
	};
	struct fa_diff_side a = side(NULL, NULL, fa, N(fa), NULL, 0);
	struct fa_diff_side b = side(NULL, NULL, NULL, 0, rb, N(rb));
	struct fa_diff *d = diff_of(&a, &b);

	(void)state;
	assert_int_equal(entry(d, "R1/S")->kind, FA_DIFF_NOT_RECHECKED);
	assert_int_equal(entry(d, "R2/S")->kind, FA_DIFF_RESOLVED);
	fa_diff_free(d);
	b.n_rules = 0;
	d = diff_of(&a, &b);
	assert_int_equal(entry(d, "R1/S")->kind, FA_DIFF_NOT_RECHECKED);
	assert_int_equal(entry(d, "R2/S")->kind, FA_DIFF_NOT_RECHECKED);
	assert_int_equal(d->counts[FA_DIFF_RESOLVED], 0);
	fa_diff_free(d);
}

/* Requirements by rule id then object (NULL first), bytewise; entries by
 * key; the object of B's finding when there is one, else A's. */
static void test_diff__grouping_and_order(void **state)
{
	const struct fa_diff_finding fa[] = {
		F("SNF-ROOM/L04-S1", "L04", "fail", "major", NULL),
		F("SNF-ROOM/L01-S2", "L01", "fail", "major", NULL),
		F("SNF-ROOM/L02-S1", "L02", "fail", "major", NULL),
		F("b/x", NULL, "fail", "major", NULL),
	};
	const struct fa_diff_finding fb[] = {
		F("SNF-ROOM/L01-S3", "L01", "fail", "major", NULL),
		F("SNF-ROOM/L01-S10", "L01", "fail", "major", NULL),
		F("SNF-ROOM/L01-S2", "L01", "fail", "major", NULL),
		/* moved: B's object counts */
		F("SNF-ROOM/L02-S1", "L05", "fail", "major", NULL),
		F("SNF-ROOM/x", NULL, "review", "major", NULL),
		F("SNF-A/W1", NULL, "fail", "major", NULL),
		F("Z/W1", NULL, "fail", "major", NULL),
		F("SNF-ROOM-2/L01", "L01", "fail", "major", NULL),
	};
	const struct fa_diff_rule rb[] = { { "SNF-ROOM", 1 }, { "b", 1 } };
	struct fa_diff_side a = side("A", NULL, fa, N(fa), NULL, 0);
	struct fa_diff_side b = side("B", NULL, fb, N(fb), rb, N(rb));
	struct fa_diff *d = diff_of(&a, &b);
	/* uppercase before lowercase, "-" (0x2D) before letters */
	static const char *const rule[] = { "SNF-A",	"SNF-ROOM",
					    "SNF-ROOM", "SNF-ROOM",
					    "SNF-ROOM", "SNF-ROOM-2",
					    "Z",	"b" };
	static const char *const object[] = { NULL,  NULL,  "L01", "L04",
					      "L05", "L01", NULL,  NULL };
	size_t i;

	(void)state;
	assert_int_equal(d->n, N(rule));
	for (i = 0; i < d->n; i++) {
		assert_string_equal(d->reqs[i].rule_id, rule[i]);
		if (object[i])
			assert_string_equal(d->reqs[i].object, object[i]);
		else
			assert_null(d->reqs[i].object);
	}
	/* L01: by key, bytewise ("S10" before "S2" before "S3") */
	assert_int_equal(d->reqs[2].n, 3);
	assert_string_equal(d->reqs[2].entries[0].b->key, "SNF-ROOM/L01-S10");
	assert_string_equal(d->reqs[2].entries[1].b->key, "SNF-ROOM/L01-S2");
	assert_string_equal(d->reqs[2].entries[2].b->key, "SNF-ROOM/L01-S3");
	assert_int_equal(d->reqs[2].counts[FA_DIFF_NEW], 2);
	assert_int_equal(d->reqs[2].counts[FA_DIFF_PERSISTING], 1);
	/* L04: resolved, grouped by A's object */
	assert_int_equal(d->reqs[3].n, 1);
	assert_int_equal(d->reqs[3].entries[0].kind, FA_DIFF_RESOLVED);
	assert_null(d->reqs[3].entries[0].b);
	/* L05: the moved room, persisting */
	assert_int_equal(d->reqs[4].entries[0].kind, FA_DIFF_PERSISTING);
	assert_int_equal(d->reqs[7].entries[0].kind, FA_DIFF_RESOLVED);
	fa_diff_free(d);
}

static void test_diff__empty_sides(void **state)
{
	const struct fa_diff_finding f[] = {
		F("R/S", NULL, "fail", "major", NULL),
		F("R/T", NULL, "pass", "major", NULL),
	};
	const struct fa_diff_rule r[] = { { "R", 1 } };
	struct fa_diff_side empty = side(NULL, NULL, NULL, 0, NULL, 0);
	struct fa_diff_side one = side(NULL, NULL, f, N(f), r, N(r));
	struct fa_diff *d = diff_of(&empty, &empty);
	size_t k;

	(void)state;
	assert_int_equal(d->n, 0);
	for (k = 0; k < FA_DIFF_KINDS; k++)
		assert_int_equal(d->counts[k], 0);
	fa_diff_free(d);
	d = diff_of(&empty, &one);
	assert_int_equal(d->n, 1);
	assert_int_equal(d->counts[FA_DIFF_NEW], 1);
	fa_diff_free(d);
	/* the empty B lists no rule: nothing was rechecked */
	d = diff_of(&one, &empty);
	assert_int_equal(d->counts[FA_DIFF_NOT_RECHECKED], 1);
	assert_int_equal(n_entries(d), 1);
	fa_diff_free(d);
	fa_diff_free(NULL);
}

static void test_diff__refused_input(void **state)
{
	const struct fa_diff_finding twice[] = {
		F("R/S", NULL, "fail", "major", NULL),
		F("R/T", NULL, "pass", "major", NULL),
		F("R/S", NULL, "pass", "major", NULL),
	};
	struct fa_diff_finding nokey = F("R/S", NULL, "fail", "major", NULL);
	struct fa_diff_side a = side("run 7", NULL, twice, N(twice), NULL, 0);
	struct fa_diff_side b = side(NULL, NULL, &nokey, 1, NULL, 0);
	struct fa_diff dummy;
	struct fa_diff *d = &dummy; /* set to NULL on failure */
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_diff_new(&d, &a, &b, &err), FA_ERR_INPUT);
	assert_null(d);
	assert_string_equal(err.diag[0].message,
			    "diff of 'run 7': finding 'R/S' given twice");
	nokey.key = NULL;
	a.n_findings = 2;
	fa_error_init(&err);
	assert_int_equal(fa_diff_new(&d, &a, &b, &err), FA_ERR_USAGE);
	assert_string_equal(
	    err.diag[0].message,
	    "diff of 'B': finding 1 has no key, rule id or outcome");
	assert_null(d);
}

/* The small case of the text and JSON tests. */
/* A finding of the small case: rule id and subject split from the key. */
#define SMALL(k, r, s, o, out, sev, obs, exp, dl, obs_nl)              \
	{                                                              \
		.key = k, .rule_id = r, .subject = s, .object = o,     \
		.outcome = out, .severity = sev, .observed = obs,      \
		.expected = exp, .deadline = dl, .observed_nl = obs_nl \
	}
static const struct fa_diff_finding small_a[] = {
	SMALL("R-ROOM/L01-S2", "R-ROOM", "L01-S2", "L01", "fail", "major",
	      "3 persons", "2", "2026-07-30", NULL),
	SMALL("R-ROOM/L04-S1", "R-ROOM", "L04-S1", "L04", "fail", "major",
	      "2 persons", "1", "2026-07-30", NULL),
	SMALL("R-WORKER/W01", "R-WORKER", "W01", NULL, "review", "minor",
	      "unreadable", NULL, NULL, NULL),
	SMALL("R-WORKER/W02", "R-WORKER", "W02", NULL, "fail", "minor", NULL,
	      NULL, "2026-10-30", NULL),
	SMALL("R-GONE/W03", "R-GONE", "W03", NULL, "fail", "observation", "x",
	      NULL, NULL, NULL),
};
static const struct fa_diff_finding small_b[] = {
	SMALL("R-ROOM/L01-S2", "R-ROOM", "L01-S2", "L01", "fail", "major",
	      "3 persons", "2", "2027-01-31", NULL),
	/* the Dutch listing shows observed_nl */
	SMALL("R-ROOM/L01-S3", "R-ROOM", "L01-S3", "L01", "fail", "major",
	      "4 persons", "2", "2027-01-31", "4 personen"),
	SMALL("R-WORKER/W01", "R-WORKER", "W01", NULL, "fail", "minor",
	      "unreadable", NULL, "2027-04-30", NULL),
	SMALL("R-WORKER/W02", "R-WORKER", "W02", NULL, "pass", "minor",
	      "signed", NULL, NULL, NULL),
};
static const struct fa_diff_rule small_rules[] = { { "R-ROOM", 1 },
						   { "R-WORKER", 1 } };

static char *listing(int json, int nl)
{
	struct fa_diff_side a =
	    side("run 12", "2026-04-30", small_a, N(small_a), NULL, 0);
	struct fa_diff_side b = side("run 13", "2026-10-31", small_b,
				     N(small_b), small_rules, N(small_rules));
	struct fa_diff *d = diff_of(&a, &b);
	struct fa_error err;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	fa_error_init(&err);
	assert_int_equal(json ? fa_diff_write_json(f, d, &a, &b, nl, &err)
			      : fa_diff_write_text(f, d, &a, &b, nl, &err),
			 FA_OK);
	assert_int_equal(fclose(f), 0);
	fa_diff_free(d);
	return s;
}

static void test_diff__text_english(void **state)
{
	char *s = listing(0, 0);

	(void)state;
	assert_string_equal(
	    s,
	    "Differences from run 12 (audit date 2026-04-30) to run 13 "
	    "(audit date 2026-10-31)\n"
	    "new 1, resolved 2, persisting 1, changed 1, not rechecked 1\n"
	    "\n"
	    "R-GONE: not rechecked 1\n"
	    "  not rechecked  R-GONE/W03: fail (observation) \"x\" → absent\n"
	    "\n"
	    "R-ROOM, location L01: new 1, persisting 1\n"
	    "  persisting     R-ROOM/L01-S2: fail (major) \"3 persons\"\n"
	    "  new            R-ROOM/L01-S3: absent → fail (major) "
	    "\"4 persons\"\n"
	    "\n"
	    "R-ROOM, location L04: resolved 1\n"
	    "  resolved       R-ROOM/L04-S1: fail (major) \"2 persons\" → "
	    "absent\n"
	    "\n"
	    "R-WORKER: resolved 1, changed 1\n"
	    "  changed        R-WORKER/W01: needs review (minor) "
	    "\"unreadable\" → fail (minor) \"unreadable\"\n"
	    "  resolved       R-WORKER/W02: fail (minor) → pass \"signed\"\n");
	free(s);
}

static void test_diff__text_dutch(void **state)
{
	char *s = listing(0, 1);

	(void)state;
	assert_string_equal(
	    s, "Verschillen van run 12 (auditdatum 2026-04-30) naar run 13 "
	       "(auditdatum 2026-10-31)\n"
	       "nieuw 1, opgelost 2, blijft 1, gewijzigd 1, niet opnieuw "
	       "gecontroleerd 1\n"
	       "\n"
	       "R-GONE: niet opnieuw gecontroleerd 1\n"
	       "  niet opnieuw gecontroleerd  R-GONE/W03: voldoet niet "
	       "(waarneming) \"x\" → afwezig\n"
	       "\n"
	       "R-ROOM, locatie L01: nieuw 1, blijft 1\n"
	       "  blijft                      R-ROOM/L01-S2: voldoet niet (A) "
	       "\"3 persons\"\n"
	       "  nieuw                       R-ROOM/L01-S3: afwezig → voldoet "
	       "niet (A) \"4 personen\"\n"
	       "\n"
	       "R-ROOM, locatie L04: opgelost 1\n"
	       "  opgelost                    R-ROOM/L04-S1: voldoet niet (A) "
	       "\"2 persons\" → afwezig\n"
	       "\n"
	       "R-WORKER: opgelost 1, gewijzigd 1\n"
	       "  gewijzigd                   R-WORKER/W01: te beoordelen (B) "
	       "\"unreadable\" → voldoet niet (B) \"unreadable\"\n"
	       "  opgelost                    R-WORKER/W02: voldoet niet (B) → "
	       "voldoet \"signed\"\n");
	free(s);
}

/* Nothing open on either side, and a label with a control character. */
static void test_diff__text_empty_and_escaped(void **state)
{
	struct fa_diff_side a = side("evil\x1b[2J", NULL, NULL, 0, NULL, 0);
	struct fa_diff_side b = side(NULL, "2026-10-31", NULL, 0, NULL, 0);
	struct fa_diff *d = diff_of(&a, &b);
	struct fa_error err;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_diff_write_text(f, d, &a, &b, 1, &err), FA_OK);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(
	    s, "Verschillen van evil\\x1B[2J naar B (auditdatum 2026-10-31)\n"
	       "nieuw 0, opgelost 0, blijft 0, gewijzigd 0, niet opnieuw "
	       "gecontroleerd 0\n"
	       "\n"
	       "Geen van beide audits heeft openstaande bevindingen.\n");
	free(s);
	fa_diff_free(d);
}

static json_t *get(json_t *o, const char *path)
{
	char key[64];
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		o = json_object_get(o, key);
		path = dot + 1;
	}
	return json_object_get(o, path);
}

static void test_diff__json_parsed_back(void **state)
{
	char *s = listing(1, 0);
	json_error_t jerr;
	json_t *root = json_loads(s, 0, &jerr), *reqs, *r, *e;
	static const char *const top[] = { "flexaudit", "a", "b", "counts",
					   "requirements" };
	const char *key;
	json_t *v;
	size_t i = 0;

	(void)state;
	assert_non_null(root);
	/* keys in the documented order, indented, ending in a newline */
	json_object_foreach(root, key, v)
	{
		(void)v;
		assert_true(i < N(top));
		i++;
	}
	assert_int_equal(i, N(top));
	assert_non_null(strstr(s, "{\n  \"flexaudit\": "));
	assert_true(strstr(s, "\"a\"") < strstr(s, "\"b\"") &&
		    strstr(s, "\"b\"") < strstr(s, "\"counts\"") &&
		    strstr(s, "\"counts\"") < strstr(s, "\"requirements\""));
	assert_int_equal(s[strlen(s) - 1], '\n');
	assert_string_equal(json_string_value(get(root, "a.label")), "run 12");
	assert_string_equal(json_string_value(get(root, "b.audit_date")),
			    "2026-10-31");
	assert_int_equal(json_integer_value(get(root, "counts.new")), 1);
	assert_int_equal(json_integer_value(get(root, "counts.resolved")), 2);
	assert_int_equal(json_integer_value(get(root, "counts.persisting")), 1);
	assert_int_equal(json_integer_value(get(root, "counts.changed")), 1);
	assert_int_equal(json_integer_value(get(root, "counts.not_rechecked")),
			 1);
	reqs = json_object_get(root, "requirements");
	assert_int_equal(json_array_size(reqs), 4);
	r = json_array_get(reqs, 1);
	assert_string_equal(json_string_value(get(r, "rule")), "R-ROOM");
	assert_string_equal(json_string_value(get(r, "object")), "L01");
	assert_int_equal(json_integer_value(get(r, "counts.new")), 1);
	assert_int_equal(json_array_size(get(r, "entries")), 2);
	e = json_array_get(get(r, "entries"), 1);
	assert_string_equal(json_string_value(get(e, "kind")), "new");
	assert_string_equal(json_string_value(get(e, "key")), "R-ROOM/L01-S3");
	assert_string_equal(json_string_value(get(e, "subject")), "L01-S3");
	assert_true(json_is_null(get(e, "a")));
	assert_string_equal(json_string_value(get(e, "b.outcome")), "fail");
	assert_string_equal(json_string_value(get(e, "b.severity")), "major");
	assert_string_equal(json_string_value(get(e, "b.observed")),
			    "4 persons");
	assert_string_equal(json_string_value(get(e, "b.expected")), "2");
	assert_string_equal(json_string_value(get(e, "b.deadline")),
			    "2027-01-31");
	assert_string_equal(json_string_value(get(e, "b.observed_nl")),
			    "4 personen");
	r = json_array_get(reqs, 0);
	assert_true(json_is_null(get(r, "object")));
	e = json_array_get(get(r, "entries"), 0);
	assert_string_equal(json_string_value(get(e, "kind")), "not_rechecked");
	assert_true(json_is_null(get(e, "b")));
	assert_true(json_is_null(get(e, "a.deadline")));
	e = json_array_get(get(json_array_get(reqs, 3), "entries"), 1);
	assert_string_equal(json_string_value(get(e, "kind")), "resolved");
	assert_string_equal(json_string_value(get(e, "b.outcome")), "pass");
	assert_true(json_is_null(get(e, "a.observed")));
	json_decref(root);
	free(s);
}

static char fixture[512];

static const char *fixture_path(const char *name)
{
	const char *dir = getenv("FA_FIXTURES");

	snprintf(fixture, sizeof(fixture), "%s/store/diff/%s",
		 dir ? dir : "fixtures", name);
	return fixture;
}

static struct fa_diff_loaded *load(const char *name)
{
	struct fa_diff_loaded *l = NULL;
	struct fa_error err;

	fa_error_init(&err);
	assert_int_equal(fa_diff_side_from_json(&l, fixture_path(name), &err),
			 FA_OK);
	return l;
}

static const struct fa_diff_finding *find(const struct fa_diff_side *s,
					  const char *key)
{
	size_t i;

	for (i = 0; i < s->n_findings; i++)
		if (strcmp(s->findings[i].key, key) == 0)
			return &s->findings[i];
	fail_msg("no finding %s", key);
	return NULL;
}

static int ran(const struct fa_diff_side *s, const char *rule)
{
	size_t i;

	for (i = 0; i < s->n_rules; i++)
		if (strcmp(s->rules[i].rule_id, rule) == 0)
			return s->rules[i].ran;
	return -1;
}

/* fixtures/store/diff/{a,b}.json: what the reader makes of them. */
static void test_diff__json_report_read(void **state)
{
	struct fa_diff_loaded *la = load("a.json"), *lb = load("b.json");
	const struct fa_diff_side *a = fa_diff_loaded_side(la),
				  *b = fa_diff_loaded_side(lb);
	const struct fa_diff_finding *f;

	(void)state;
	assert_string_equal(a->label, fixture_path("a.json"));
	assert_string_equal(a->audit_date, "2026-04-30");
	assert_string_equal(b->audit_date, "2026-10-31");
	assert_int_equal(a->n_findings, 10);
	assert_int_equal(b->n_findings, 6);
	assert_int_equal(a->n_rules, 8);
	assert_int_equal(b->n_rules, 7);
	/* in the report's order */
	assert_string_equal(b->rules[0].rule_id, "SNF-1.1-REGISTRATION");
	assert_string_equal(b->rules[6].rule_id, "WML-MINIMUM-WAGE");
	/* A: nothing out of force, so every rule ran */
	assert_int_equal(ran(a, "FEC-PRE-NO-A1"), 1);
	assert_int_equal(ran(a, "SNF-CO-DETECTORS"), 1);
	/* B: one rule not in force: a rule ran if it has a finding or read
	 * a value; not_checked means it did not */
	assert_int_equal(ran(b, "FEC-PRE-NO-A1"), 0);
	assert_int_equal(ran(b, "CAO-38-AUTHORISATION"), 0);
	assert_int_equal(ran(b, "SNF-SOCKETS"), 1);
	assert_int_equal(ran(b, "FEC-SIGNED"), 1);
	assert_int_equal(ran(b, "WML-MINIMUM-WAGE"), 1);
	assert_int_equal(ran(b, "SNF-CO-DETECTORS"), -1);
	f = find(a, "SNF-2.3-BEDROOM-PERSONS/L04-S1");
	assert_string_equal(f->rule_id, "SNF-2.3-BEDROOM-PERSONS");
	assert_string_equal(f->subject, "L04-S1");
	assert_string_equal(f->object, "L04");
	assert_string_equal(f->outcome, "fail");
	assert_string_equal(f->severity, "major");
	assert_string_equal(f->observed, "2 persons in 1 bed");
	assert_string_equal(f->expected, "at most 1 person");
	assert_string_equal(f->deadline, "2026-07-30");
	assert_string_equal(find(a, "SNF-1.1-REGISTRATION/L08")->object, "L08");
	/* a pay period's location fact is not its requirement's object */
	assert_null(find(a, "WML-MINIMUM-WAGE/W0002/2026-03-02")->object);
	assert_string_equal(f->observed_nl, "2 personen in 1 bed");
	assert_null(find(a, "FEC-SIGNED/W0041")->observed_nl);
	assert_null(find(a, "FEC-SIGNED/W0041")->deadline);
	assert_null(find(b, "CAO-38-AUTHORISATION/*")->observed);
	fa_diff_loaded_free(la);
	fa_diff_loaded_free(lb);
	fa_diff_loaded_free(NULL);
}

/* Their diff, worked out by hand (docs/diff.md has it as the example). */
static void test_diff__json_reports_diffed(void **state)
{
	struct fa_diff_loaded *la = load("a.json"), *lb = load("b.json");
	struct fa_diff *d =
	    diff_of(fa_diff_loaded_side(la), fa_diff_loaded_side(lb));
	static const struct {
		const char *rule, *object, *key;
		enum fa_diff_kind kind;
	} want[] = {
		{ "CAO-38-AUTHORISATION", NULL, "CAO-38-AUTHORISATION/W0023",
		  FA_DIFF_NOT_RECHECKED },
		{ "FEC-PRE-NO-A1", NULL, "FEC-PRE-NO-A1/W0055",
		  FA_DIFF_NOT_RECHECKED },
		{ "FEC-SIGNED", NULL, "FEC-SIGNED/W0041", FA_DIFF_CHANGED },
		{ "FEC-SIGNED", NULL, "FEC-SIGNED/W0042", FA_DIFF_RESOLVED },
		{ "SNF-1.1-REGISTRATION", "L08", "SNF-1.1-REGISTRATION/L08",
		  FA_DIFF_CHANGED },
		{ "SNF-2.3-BEDROOM-PERSONS", "L01",
		  "SNF-2.3-BEDROOM-PERSONS/L01-S2", FA_DIFF_PERSISTING },
		{ "SNF-2.3-BEDROOM-PERSONS", "L01",
		  "SNF-2.3-BEDROOM-PERSONS/L01-S3", FA_DIFF_NEW },
		{ "SNF-2.3-BEDROOM-PERSONS", "L04",
		  "SNF-2.3-BEDROOM-PERSONS/L04-S1", FA_DIFF_RESOLVED },
		{ "SNF-CO-DETECTORS", "L02", "SNF-CO-DETECTORS/L02",
		  FA_DIFF_NOT_RECHECKED },
		{ "SNF-SOCKETS", "L04", "SNF-SOCKETS/L04", FA_DIFF_RESOLVED },
		{ "WML-MINIMUM-WAGE", NULL, "WML-MINIMUM-WAGE/W0002/2026-03-02",
		  FA_DIFF_RESOLVED },
	};
	size_t i, k, w = 0;

	(void)state;
	assert_int_equal(d->n, 9);
	for (i = 0; i < d->n; i++)
		for (k = 0; k < d->reqs[i].n; k++, w++) {
			const struct fa_diff_entry *e = &d->reqs[i].entries[k];

			assert_true(w < N(want));
			assert_string_equal(d->reqs[i].rule_id, want[w].rule);
			if (want[w].object)
				assert_string_equal(d->reqs[i].object,
						    want[w].object);
			else
				assert_null(d->reqs[i].object);
			assert_string_equal(e->b ? e->b->key : e->a->key,
					    want[w].key);
			assert_int_equal(e->kind, want[w].kind);
		}
	assert_int_equal(w, N(want));
	assert_int_equal(d->counts[FA_DIFF_NEW], 1);
	assert_int_equal(d->counts[FA_DIFF_RESOLVED], 4);
	assert_int_equal(d->counts[FA_DIFF_PERSISTING], 1);
	assert_int_equal(d->counts[FA_DIFF_CHANGED], 2);
	assert_int_equal(d->counts[FA_DIFF_NOT_RECHECKED], 3);
	fa_diff_free(d);
	fa_diff_loaded_free(la);
	fa_diff_loaded_free(lb);
}

static size_t last_n; /* problems read_text's reading reported */

/* A file holding text: the code, the first message and its line, of
 * reading it. */
static enum fa_code read_text(const char *text, char *msg, size_t size,
			      unsigned long *line)
{
	char path[] = "/tmp/test_diff_XXXXXX";
	static int sentinel; /* *out is set to NULL on failure */
	struct fa_diff_loaded *l = (struct fa_diff_loaded *)(void *)&sentinel;
	struct fa_error err;
	enum fa_code rc;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	fa_error_init(&err);
	rc = fa_diff_side_from_json(&l, path, &err);
	assert_null(l);
	assert_string_equal(err.diag[0].where, path);
	snprintf(msg, size, "%s", err.diag[0].message);
	*line = err.diag[0].line;
	last_n = err.n;
	remove(path);
	return rc;
}

static void test_diff__json_report_refused(void **state)
{
	struct fa_diff_loaded *l = NULL;
	struct fa_error err;
	unsigned long line;
	char msg[600];
	char *doc, *p;
	size_t n;
	FILE *f;

	(void)state;
	assert_int_equal(
	    read_text("{\n  \"flexaudit\": \n", msg, sizeof(msg), &line),
	    FA_ERR_INPUT);
	assert_int_equal(line, 3);
	assert_non_null(strstr(msg, "not a flexaudit JSON report: "));
	assert_int_equal(
	    read_text("{\"a\": 1, \"a\": 2}", msg, sizeof(msg), &line),
	    FA_ERR_INPUT);
	assert_int_equal(line, 1);
	assert_non_null(strstr(msg, "duplicate object key"));
	assert_int_equal(read_text("", msg, sizeof(msg), &line), FA_ERR_INPUT);
	assert_int_equal(read_text("[1, 2]\n", msg, sizeof(msg), &line),
			 FA_ERR_INPUT);
	assert_string_equal(
	    msg, "not a flexaudit JSON report: the document is not an object");
	assert_int_equal(read_text("{\"flexaudit\": \"0.1.0\", \"rules\": []}",
				   msg, sizeof(msg), &line),
			 FA_ERR_INPUT);
	assert_string_equal(
	    msg, "not a flexaudit JSON report: cover is not an object");
	/* every problem is reported, not the first only */
	assert_int_equal(read_text("{\"flexaudit\": \"0.1.0\", \"cover\": {}, "
				   "\"counts\": {\"rules_not_in_force\": 0}, "
				   "\"sections\": [{\"findings\": 3}], "
				   "\"rules\": [7], \"housing\": []}",
				   msg, sizeof(msg), &line),
			 FA_ERR_INPUT);
	assert_string_equal(msg, "not a flexaudit JSON report: "
				 "cover.audit_date is not a string");
	assert_int_equal(last_n, 3); /* and rules[0], sections[0].findings */
	/* a finding without its outcome, in a real report otherwise */
	f = fopen(fixture_path("b.json"), "r");
	assert_non_null(f);
	doc = calloc(1, 1 << 20);
	n = fread(doc, 1, (1 << 20) - 1, f);
	fclose(f);
	assert_true(n > 0);
	/* "outcome": "not_checked" becomes "outcome": 7, padded */
	p = strstr(doc, "\"outcome\": \"not_checked\"");
	assert_non_null(p);
	memset(p, ' ', strlen("\"outcome\": \"not_checked\""));
	memcpy(p, "\"outcome\": 7", strlen("\"outcome\": 7"));
	assert_int_equal(read_text(doc, msg, sizeof(msg), &line), FA_ERR_INPUT);
	assert_string_equal(msg, "not a flexaudit JSON report: "
				 "sections[2].findings[0].outcome is not a "
				 "string");
	free(doc);
	fa_error_init(&err);
	assert_int_equal(
	    fa_diff_side_from_json(&l, "/nonexistent/r.json", &err), FA_ERR_IO);
	assert_string_equal(
	    err.diag[0].message,
	    "cannot open '/nonexistent/r.json': No such file or directory");
	assert_null(l);
}

/* The demo's own JSON report, read back and diffed with itself: every
 * open finding persists, and there are as many as the audit counted. */
static void test_diff__demo_report_with_itself(void **state)
{
	struct demo_audit da;
	struct fa_report_options o;
	struct fa_report *r = NULL;
	struct fa_diff_loaded *l = NULL;
	struct fa_diff *d;
	struct fa_error err;
	char path[] = "/tmp/test_diff_demo_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	size_t open;

	(void)state;
	assert_non_null(f);
	assert_int_equal(demo_audit_load(&da), 0);
	memset(&o, 0, sizeof(o));
	o.generated_at = "2026-12-01T00:00:00Z";
	fa_error_init(&err);
	assert_int_equal(fa_report_new(&r, da.ev, &da.sets, da.e, NULL, NULL, 0,
				       NULL, 0, &o, &err),
			 FA_OK);
	assert_int_equal(fa_json_write_report(f, r, &err), FA_OK);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(fa_diff_side_from_json(&l, path, &err), FA_OK);
	open = da.e->counts[FA_OUTCOME_FAIL] + da.e->counts[FA_OUTCOME_REVIEW];
	assert_true(open > 0);
	d = diff_of(fa_diff_loaded_side(l), fa_diff_loaded_side(l));
	assert_int_equal(d->counts[FA_DIFF_PERSISTING], open);
	assert_int_equal(d->counts[FA_DIFF_NEW] + d->counts[FA_DIFF_RESOLVED] +
			     d->counts[FA_DIFF_CHANGED] +
			     d->counts[FA_DIFF_NOT_RECHECKED],
			 0);
	assert_int_equal(fa_diff_loaded_side(l)->n_rules, da.e->n_runs);
	fa_diff_free(d);
	fa_diff_loaded_free(l);
	fa_report_free(r);
	demo_audit_release(&da);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff__each_kind),
		cmocka_unit_test(test_diff__rule_listed_twice),
		cmocka_unit_test(test_diff__grouping_and_order),
		cmocka_unit_test(test_diff__empty_sides),
		cmocka_unit_test(test_diff__refused_input),
		cmocka_unit_test(test_diff__text_english),
		cmocka_unit_test(test_diff__text_dutch),
		cmocka_unit_test(test_diff__text_empty_and_escaped),
		cmocka_unit_test(test_diff__json_parsed_back),
		cmocka_unit_test(test_diff__json_report_read),
		cmocka_unit_test(test_diff__json_reports_diffed),
		cmocka_unit_test(test_diff__json_report_refused),
		cmocka_unit_test(test_diff__demo_report_with_itself),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
