/* SPDX-License-Identifier: MIT */
/*
 * Tests of the diff of two audits: each kind on sides built here by hand
 * (absent but the rule ran is resolved, absent and the rule did not run is
 * not rechecked, review to fail and a changed observed are changed), the
 * grouping per requirement and its order, empty sides and refused input;
 * the text listing in English and Dutch against text written by hand, and
 * the JSON listing parsed back.
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

#include "diff.h"

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
