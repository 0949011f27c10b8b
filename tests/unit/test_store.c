/* SPDX-License-Identifier: MIT */
/*
 * Tests of the audit store: a stored run's report, written again from the
 * store alone, is the audit's own, byte for byte, in every format, mode
 * and language; personal data only in a store made to keep it; a new
 * store readable by its owner only; what is not a store, or a newer
 * one, refused with its message; a store of every earlier schema version
 * (fixtures/store/vN.sql, frozen) opened and migrated; a run that fails
 * to record leaves nothing. Every store passes SQLite's integrity check
 * when a test ends. FA_PACKAGES, FA_FIXTURES, FA_RULES as elsewhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "flexaudit.h"
#include "db.h"
#include "store.h"

static char pkg_demo[512], fixtures[512], dir[64];
static const char *rules_dir;

static int setup(void **state)
{
	const char *pk = getenv("FA_PACKAGES");
	const char *fx = getenv("FA_FIXTURES");

	(void)state;
	snprintf(pkg_demo, sizeof(pkg_demo), "%s/demo.zip",
		 pk ? pk : "build/packages");
	snprintf(fixtures, sizeof(fixtures), "%s", fx ? fx : "fixtures");
	rules_dir = getenv("FA_RULES") ? getenv("FA_RULES") : "rules";
	snprintf(dir, sizeof(dir), "/tmp/fa-test-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A fresh path in the test's directory. */
static const char *path_of(const char *name)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	unlink(buf[k]);
	return buf[k];
}

/* SQLite's integrity check of the store's file. */
static void assert_intact(const char *path)
{
	struct fa_db *db = NULL;
	struct fa_stmt *st = NULL;
	struct fa_error err;
	int row = 0;

	fa_error_init(&err);
	assert_int_equal(fa_db_open_readonly(&db, path, &err), FA_OK);
	assert_int_equal(fa_db_prepare(&st, db, "PRAGMA integrity_check", &err),
			 FA_OK);
	assert_int_equal(fa_db_step(&row, st, &err), FA_OK);
	assert_int_equal(row, 1);
	assert_string_equal(fa_db_column_text(st, 0), "ok");
	fa_db_finalize(st);
	fa_db_close(db);
}

static int64_t count(struct fa_store *s, const char *sql)
{
	struct fa_error err;
	int64_t n = -1;

	fa_error_init(&err);
	assert_int_equal(fa_db_query_int(&n, s->db, sql, &err), FA_OK);
	return n;
}

/* The report of a in format, as a string of *len bytes (free). */
static char *written(const struct fa_audit *a, enum fa_format format,
		     size_t *len)
{
	struct fa_error err;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	fa_error_init(&err);
	assert_int_equal(fa_audit_write(f, a, format, &err), FA_OK);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static struct fa_audit *audit_demo(const struct fa_audit_options *base)
{
	struct fa_audit_options opt = *base;
	struct fa_audit *a = NULL;
	struct fa_error err;

	opt.package = pkg_demo;
	opt.rules = &rules_dir;
	opt.n_rules = 0;
	opt.generated_at = "2026-12-07T10:00:00Z";
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	return a;
}

static struct fa_store *open_new(const char *path, unsigned flags)
{
	struct fa_store *s = NULL;
	struct fa_error err;

	fa_error_init(&err);
	assert_int_equal(fa_store_open(&s, path, FA_STORE_CREATE | flags, &err),
			 FA_OK);
	return s;
}

static int64_t add(struct fa_store *s, const struct fa_audit *a)
{
	struct fa_error err;
	int64_t run = 0;

	fa_error_init(&err);
	assert_int_equal(fa_store_add_run(&run, s, a, NULL, 0, &err), FA_OK);
	assert_true(run > 0);
	return run;
}

/* Every format of a and of its run reloaded with view: the same bytes. */
static void assert_same_reports(const struct fa_audit *a, struct fa_store *s,
				int64_t run, const struct fa_store_view *view)
{
	static const enum fa_format formats[] = {
		FA_FORMAT_TEXT, FA_FORMAT_JSON,	    FA_FORMAT_CSV,
		FA_FORMAT_HTML, FA_FORMAT_PLAN_CSV, FA_FORMAT_XLSX,
	};
	struct fa_audit *b = NULL;
	struct fa_error err;
	size_t i;

	fa_error_init(&err);
	assert_int_equal(fa_store_load_run(&b, s, run, view, &err), FA_OK);
	assert_int_equal(fa_audit_major_fails(b), fa_audit_major_fails(a));
	assert_int_equal(fa_audit_minor_fails(b), fa_audit_minor_fails(a));
	assert_int_equal(fa_audit_incomplete(b), fa_audit_incomplete(a));
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		size_t la = 0, lb = 0;
		char *x = written(a, formats[i], &la);
		char *y = written(b, formats[i], &lb);

		assert_int_equal(la, lb);
		assert_memory_equal(x, y, la);
		free(x);
		free(y);
	}
	fa_audit_free(b);
}

static void test_store__report_again_byte_for_byte(void **state)
{
	const char *path = path_of("round.db");
	struct fa_audit_options opt;
	struct fa_store_view view;
	struct fa_audit *self, *insp;
	struct fa_store *s;
	struct fa_error err;
	int64_t r1, r2;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	self = audit_demo(&opt);
	opt.inspection = 1;
	opt.has_seed = 1;
	opt.seed = 42;
	opt.all = 1;
	opt.nl = 1;
	insp = audit_demo(&opt);
	s = open_new(path, 0);
	r1 = add(s, self);
	/* as audit --store does: the second run follows up the first */
	fa_error_init(&err);
	assert_int_equal(fa_store_follow_up(s, insp, &err), FA_OK);
	r2 = add(s, insp);
	assert_int_equal(r2, r1 + 1);
	memset(&view, 0, sizeof(view));
	assert_same_reports(self, s, r1, &view);
	view.nl = 1;
	view.all = 1;
	assert_same_reports(insp, s, r2, &view);
	fa_audit_free(self);
	fa_audit_free(insp);
	fa_store_close(s);
	assert_intact(path);
}

/* The demo's workers, counted in its workers.csv (header excluded). */
static int64_t demo_workers(void)
{
	char p[600], line[4096];
	int64_t n = -1;
	FILE *f;

	snprintf(p, sizeof(p), "%s/packages/demo/workers.csv", fixtures);
	f = fopen(p, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

static void test_store__personal_data_only_when_kept(void **state)
{
	const char *masked = path_of("masked.db"), *kept = path_of("kept.db");
	struct fa_audit_options opt;
	struct fa_store_view view;
	struct fa_audit *a, *b = NULL;
	struct fa_store *s;
	struct fa_error err;
	int64_t run;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	opt.reveal_personal = 1; /* the report shows them; the store not */
	a = audit_demo(&opt);
	s = open_new(masked, 0);
	assert_int_equal(fa_store_personal(s), 0);
	run = add(s, a);
	assert_int_equal(count(s, "SELECT count(*) FROM run_people"), 0);
	memset(&view, 0, sizeof(view));
	view.reveal_personal = 1;
	fa_error_init(&err);
	assert_int_equal(fa_store_load_run(&b, s, run, &view, &err),
			 FA_ERR_USAGE);
	assert_null(b);
	assert_string_equal(err.diag[0].message,
			    "run 1 was stored without personal data: a store "
			    "keeps it only when created with "
			    "--reveal-personal-data");
	fa_store_close(s);
	assert_intact(masked);
	fa_audit_free(a);

	/* a store made to keep it: every worker, also from an audit whose
	 * report did not show them */
	opt.reveal_personal = 0;
	a = audit_demo(&opt);
	s = open_new(kept, FA_STORE_REVEAL_PERSONAL);
	assert_int_equal(fa_store_personal(s), 1);
	run = add(s, a);
	assert_int_equal(count(s, "SELECT count(*) FROM run_people"),
			 demo_workers());
	fa_error_init(&err);
	assert_int_equal(fa_store_load_run(&b, s, run, &view, &err), FA_OK);
	fa_audit_free(b);
	fa_store_close(s);
	assert_intact(kept);
	fa_audit_free(a);
}

static void test_store__new_store_is_private(void **state)
{
	const char *path = path_of("private.db");
	struct fa_store *s;
	struct stat st;

	(void)state;
	s = open_new(path, 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(count(s, "PRAGMA user_version"),
			 fa_store_schema_version());
	assert_int_equal(count(s, "PRAGMA application_id"), 0x46415354);
	fa_store_close(s);
	assert_intact(path);
}

static void refused(const char *path, unsigned flags, enum fa_code code,
		    const char *message)
{
	struct fa_store *s = NULL;
	struct fa_error err;

	fa_error_init(&err);
	assert_int_equal(fa_store_open(&s, path, flags, &err), code);
	assert_null(s);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.diag[0].message, message);
}

static void test_store__refuses_what_is_not_a_store(void **state)
{
	const char *missing = path_of("missing.db"), *text = path_of("a.txt");
	const char *other = path_of("other.db"), *newer = path_of("newer.db");
	char msg[1024];
	struct fa_db *db = NULL;
	struct fa_error err;
	struct fa_store *s;
	FILE *f;

	(void)state;
	snprintf(msg, sizeof(msg),
		 "no store '%s': give an existing store, or store an audit "
		 "in it first (audit --store)",
		 missing);
	refused(missing, 0, FA_ERR_IO, msg);
	assert_int_equal(access(missing, F_OK), -1); /* nothing made */

	f = fopen(text, "w");
	assert_non_null(f);
	fputs("not a database at all, but long enough to have a header of "
	      "a hundred bytes that SQLite reads and finds wrong: 0123456789 "
	      "0123456789\n",
	      f);
	fclose(f);
	snprintf(msg, sizeof(msg),
		 "'%s' is not a flexaudit store: it is not an SQLite database; "
		 "give a new file or a store that audit --store made",
		 text);
	refused(text, FA_STORE_CREATE, FA_ERR_INPUT, msg);

	fa_error_init(&err);
	assert_int_equal(fa_db_open(&db, other, &err), FA_OK);
	assert_int_equal(fa_db_exec(db, "CREATE TABLE t (x)", &err), FA_OK);
	fa_db_close(db);
	snprintf(msg, sizeof(msg),
		 "'%s' is not a flexaudit store: it is another SQLite "
		 "database; give a new file or a store that audit --store "
		 "made",
		 other);
	refused(other, FA_STORE_CREATE, FA_ERR_INPUT, msg);

	s = open_new(newer, 0);
	assert_int_equal(fa_db_exec(s->db, "PRAGMA user_version=99", &err),
			 FA_OK);
	fa_store_close(s);
	snprintf(msg, sizeof(msg),
		 "store '%s' has schema version 99, which a newer flexaudit "
		 "made; this one (%s) reads up to version %d: upgrade "
		 "flexaudit",
		 newer, fa_version(), fa_store_schema_version());
	refused(newer, 0, FA_ERR_INPUT, msg);
}

/* Read a whole file (free). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/*
 * fixtures/store/vN.sql is a store as schema version N wrote it, with two
 * runs of the data_quality package (fixtures/store/README.md): each
 * opens in this build, migrated to the current version, and both runs'
 * reports are written.
 */
static void test_store__opens_every_earlier_version(void **state)
{
	int v;

	(void)state;
	for (v = 1; v <= fa_store_schema_version(); v++) {
		const char *path = path_of("old.db");
		struct fa_store_view view;
		struct fa_audit *a = NULL;
		struct fa_db *db = NULL;
		struct fa_store *s = NULL;
		struct fa_error err;
		char sql_path[600], *sql;
		size_t len = 0;
		char *text;
		int64_t run;

		snprintf(sql_path, sizeof(sql_path), "%s/store/v%d.sql",
			 fixtures, v);
		sql = slurp(sql_path);
		fa_error_init(&err);
		assert_int_equal(fa_db_open(&db, path, &err), FA_OK);
		assert_int_equal(fa_db_exec(db, sql, &err), FA_OK);
		fa_db_close(db);
		free(sql);
		assert_int_equal(fa_store_open(&s, path, 0, &err), FA_OK);
		assert_int_equal(count(s, "PRAGMA user_version"),
				 fa_store_schema_version());
		assert_int_equal(count(s, "SELECT count(*) FROM runs"), 2);
		memset(&view, 0, sizeof(view));
		for (run = 1; run <= 2; run++) {
			assert_int_equal(
			    fa_store_load_run(&a, s, run, &view, &err), FA_OK);
			text = written(a, FA_FORMAT_TEXT, &len);
			assert_non_null(strstr(text, "data_quality.zip"));
			free(text);
			fa_audit_free(a);
		}
		fa_store_close(s);
		assert_intact(path);
	}
}

/* A run whose recording fails at its last step (a report file that is
 * gone) leaves no row of it, and the runs before it as they were. */
static void test_store__failed_run_leaves_nothing(void **state)
{
	const char *path = path_of("atomic.db");
	struct fa_store_report rep = { path_of("gone.json"), NULL,
				       FA_FORMAT_JSON, 0 };
	static const char *const tables[] = {
		"runs",		 "run_rulesets",
		"run_tables",	 "rule_runs",
		"rule_values",	 "findings",
		"finding_facts", "run_locations",
		"run_documents", "run_data_quality",
		"run_reports",
	};
	struct fa_audit_options opt;
	int64_t before[sizeof(tables) / sizeof(tables[0])];
	struct fa_audit *a;
	struct fa_store *s;
	struct fa_error err;
	int64_t run = -1;
	char sql[96];
	size_t i;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	a = audit_demo(&opt);
	s = open_new(path, 0);
	add(s, a);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s",
			 tables[i]);
		before[i] = count(s, sql);
	}
	fa_error_init(&err);
	assert_int_equal(fa_store_add_run(&run, s, a, &rep, 1, &err),
			 FA_ERR_IO);
	assert_int_equal(run, 0);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s",
			 tables[i]);
		assert_int_equal(count(s, sql), before[i]);
	}
	assert_int_equal(count(s, "SELECT count(*) FROM runs"), 1);
	fa_store_close(s);
	fa_audit_free(a);
	assert_intact(path);
}

/* ---- a writer killed at any row ------------------------------------------ */

static size_t rows_written, kill_at;

static void count_row(void *ctx)
{
	(void)ctx;
	rows_written++;
}

static void kill_at_row(void *ctx)
{
	(void)ctx;
	if (++rows_written == kill_at)
		raise(SIGKILL);
}

/*
 * A child process records a run and is killed after its k-th row, for
 * twenty k drawn at random over every row a run writes ($FA_STORE_KILLS
 * of them if set): each time, the
 * store opens with its one earlier run whole and no row of the killed
 * one, and passes the integrity check.
 */
static void test_store__killed_writer_leaves_nothing(void **state)
{
	const char *path = path_of("killed.db"), *dry = path_of("dry.db");
	struct fa_audit_options opt;
	uint64_t lcg = 20261207;
	const char *env = getenv("FA_STORE_KILLS");
	struct fa_audit *a;
	struct fa_store *s;
	size_t total, i, kills = 20;

	(void)state;
	/* fewer under the sanitizers (the Makefile's asan and tsan) */
	if (env && strtoul(env, NULL, 10) > 0)
		kills = (size_t)strtoul(env, NULL, 10);
	memset(&opt, 0, sizeof(opt));
	a = audit_demo(&opt);
	s = open_new(dry, 0);
	s->on_row = count_row;
	add(s, a);
	total = rows_written;
	fa_store_close(s);
	assert_true(total > 1000);
	s = open_new(path, 0);
	add(s, a);
	fa_store_close(s);
	for (i = 0; i < kills; i++) {
		pid_t pid;
		int status = 0;

		lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
		kill_at = 1 + (size_t)((lcg >> 33) % total);
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct fa_error err;
			int64_t run;

			fa_error_init(&err);
			rows_written = 0;
			if (fa_store_open(&s, path, 0, &err) != FA_OK)
				_exit(2);
			s->on_row = kill_at_row;
			fa_store_add_run(&run, s, a, NULL, 0, &err);
			_exit(3); /* not killed: kill_at beyond the rows */
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGKILL);
		s = open_new(path, 0);
		assert_int_equal(count(s, "SELECT count(*) FROM runs"), 1);
		assert_int_equal(count(s, "SELECT count(*) FROM findings WHERE "
					  "run <> 1"),
				 0);
		assert_int_equal(
		    count(s,
			  "SELECT count(*) FROM finding_facts WHERE run <> 1"),
		    0);
		fa_store_close(s);
		assert_intact(path);
	}
	fa_audit_free(a);
}

/* ---- judgements -----------------------------------------------------------
 */

static struct fa_store_judgement judgement(const char *key, const char *verdict,
					   const char *severity)
{
	struct fa_store_judgement j;

	memset(&j, 0, sizeof(j));
	j.key = key;
	j.verdict = verdict;
	j.severity = severity;
	j.note = "seen on the site visit";
	j.by = "J. de Vries";
	return j;
}

static struct fa_audit *load(struct fa_store *s, int64_t run)
{
	struct fa_store_view view;
	struct fa_audit *a = NULL;
	struct fa_error err;

	memset(&view, 0, sizeof(view));
	fa_error_init(&err);
	assert_int_equal(fa_store_load_run(&a, s, run, &view, &err), FA_OK);
	return a;
}

/*
 * Three judgements of review items of the demo (keys from its CSV report,
 * the review rows of FEC-2C-NO-ID-RETENTION, FEC-INTERVIEW-SET-UP and
 * CAO-BIJLAGE-V-GBO-PER-PERSON): a deviation (the rule is major) adds one
 * major failure and one review fewer, an acceptance and a not-applicable
 * one review fewer each; a later judgement of a key replaces the earlier;
 * a key the run lacks is kept, not applied, and listed.
 */
static void test_store__judgements_change_the_counts(void **state)
{
	const char *path = path_of("judged.db");
	struct fa_store_judgement j[4];
	struct fa_audit_options opt;
	struct fa_audit *a, *b;
	struct fa_store *s;
	struct fa_error err;
	size_t lost = 9, major, minor;
	char *json;
	size_t len;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	a = audit_demo(&opt);
	major = fa_audit_major_fails(a);
	minor = fa_audit_minor_fails(a);
	s = open_new(path, 0);
	add(s, a);
	j[0] = judgement("FEC-2C-NO-ID-RETENTION/90412376", "accept", NULL);
	j[1] = judgement("FEC-INTERVIEW-SET-UP/90412376", "accept", NULL);
	j[2] = judgement("CAO-BIJLAGE-V-GBO-PER-PERSON/L03", "not-applicable",
			 NULL);
	j[3] = judgement("NO-SUCH-RULE/L01", "accept", NULL);
	fa_error_init(&err);
	assert_int_equal(fa_store_judge(&lost, s, 1, j, 4, &err), FA_OK);
	assert_int_equal(lost, 1);
	/* the latest of a key applies; the first stays as history */
	j[0] = judgement("FEC-2C-NO-ID-RETENTION/90412376", "deviation", NULL);
	assert_int_equal(fa_store_judge(&lost, s, 1, j, 1, &err), FA_OK);
	assert_int_equal(lost, 0);
	assert_int_equal(count(s, "SELECT count(*) FROM judgements"), 5);
	b = load(s, 1);
	assert_int_equal(fa_audit_major_fails(b), major + 1);
	assert_int_equal(fa_audit_minor_fails(b), minor);
	json = written(b, FA_FORMAT_JSON, &len);
	assert_non_null(strstr(json, "\"key\": \"NO-SUCH-RULE/L01\",\n"
				     "      \"verdict\": \"accept\""));
	assert_non_null(strstr(json, "\"applied\": false"));
	assert_non_null(strstr(json, "\"was\": \"review\""));
	free(json);
	fa_audit_free(b);
	fa_store_close(s);
	fa_audit_free(a);
	assert_intact(path);
}

/* What is refused, every problem at once, and then nothing recorded. */
static void test_store__judgements_refused(void **state)
{
	const char *path = path_of("refused.db");
	struct fa_store_judgement j[4];
	struct fa_audit_options opt;
	struct fa_audit *a;
	struct fa_store *s;
	struct fa_error err;
	size_t lost = 0;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	a = audit_demo(&opt);
	s = open_new(path, 0);
	add(s, a);
	j[0] = judgement("FEC-INTERVIEW-SET-UP/90412376", "accept", "major");
	j[1] = judgement("FEC-INTERVIEW-SET-UP/90412376", "maybe", NULL);
	j[2] = judgement("no-slash", "accept", NULL);
	j[3] = judgement("FEC-INTERVIEW-APPLIED/90412376", "accept", NULL);
	j[3].note = "";
	fa_error_init(&err);
	assert_int_equal(fa_store_judge(&lost, s, 1, j, 4, &err), FA_ERR_USAGE);
	assert_int_equal(err.n, 4);
	assert_string_equal(err.diag[0].message,
			    "a severity for 'FEC-INTERVIEW-SET-UP/90412376', "
			    "judged accept: only a deviation has one");
	assert_string_equal(err.diag[1].message,
			    "invalid verdict 'maybe' for "
			    "'FEC-INTERVIEW-SET-UP/90412376': give accept, "
			    "deviation or not-applicable");
	assert_string_equal(err.diag[2].message,
			    "invalid key 'no-slash': give RULE-ID/SUBJECT as "
			    "the report's findings name it");
	assert_string_equal(err.diag[3].message,
			    "no note for 'FEC-INTERVIEW-APPLIED/90412376': say "
			    "why (--note)");
	assert_int_equal(count(s, "SELECT count(*) FROM judgements"), 0);
	/* no run 2 */
	fa_error_init(&err);
	j[0] = judgement("FEC-INTERVIEW-SET-UP/90412376", "accept", NULL);
	assert_int_equal(fa_store_judge(&lost, s, 2, j, 1, &err), FA_ERR_USAGE);
	fa_store_close(s);
	fa_audit_free(a);

	/* a pass (kept with --all) is not open */
	opt.all = 1;
	a = audit_demo(&opt);
	s = open_new(path_of("passes.db"), 0);
	add(s, a);
	{
		struct fa_stmt *st = NULL;
		char key[256], msg[512];
		int row = 0;

		fa_error_init(&err);
		assert_int_equal(fa_db_prepare(&st, s->db,
					       "SELECT key FROM findings WHERE "
					       "outcome = 'pass' LIMIT 1",
					       &err),
				 FA_OK);
		assert_int_equal(fa_db_step(&row, st, &err), FA_OK);
		assert_int_equal(row, 1);
		snprintf(key, sizeof(key), "%s", fa_db_column_text(st, 0));
		fa_db_finalize(st);
		j[0] = judgement(key, "deviation", "major");
		assert_int_equal(fa_store_judge(&lost, s, 1, j, 1, &err),
				 FA_ERR_USAGE);
		snprintf(msg, sizeof(msg),
			 "'%s' is not open (outcome pass): only needs-review "
			 "items and failures are judged",
			 key);
		assert_string_equal(err.diag[0].message, msg);
	}
	fa_store_close(s);
	fa_audit_free(a);
	assert_intact(path);
}

/* ---- the follow-up --------------------------------------------------------
 */

/*
 * The demo audited on its period's end (run 1), then again on 2027-02-15,
 * after the A-deviations' deadline (2027-01-31: three months on) and
 * before the B-deviations' (2027-04-30): every major failure of run 1 is
 * due and none of its minor ones; each has one status; a member's first
 * run has no follow-up.
 */
static void test_store__follow_up_of_the_earlier_run(void **state)
{
	const char *path = path_of("follow.db");
	struct fa_audit_options opt;
	struct fa_audit *a, *b;
	struct fa_store *s;
	struct fa_error err;
	json_t *doc, *fu, *due, *d;
	size_t len, i, major, requirements_a;
	char *text;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	a = audit_demo(&opt);
	major = fa_audit_major_fails(a);
	text = written(a, FA_FORMAT_JSON, &len);
	doc = json_loads(text, 0, NULL);
	free(text);
	assert_non_null(doc);
	requirements_a = (size_t)json_integer_value(
	    json_object_get(json_object_get(doc, "counts"), "requirements_a"));
	json_decref(doc);
	s = open_new(path, 0);
	fa_error_init(&err);
	assert_int_equal(fa_store_follow_up(s, a, &err), FA_OK);
	text = written(a, FA_FORMAT_JSON, &len);
	assert_non_null(strstr(text, "\n  \"follow_up\": null,\n"));
	free(text);
	add(s, a);
	opt.audit_date = "2027-02-15";
	opt.allow_date_outside_period = 1;
	b = audit_demo(&opt);
	assert_int_equal(fa_store_follow_up(s, b, &err), FA_OK);
	text = written(b, FA_FORMAT_JSON, &len);
	doc = json_loads(text, 0, NULL);
	free(text);
	assert_non_null(doc);
	fu = json_object_get(doc, "follow_up");
	assert_int_equal(json_integer_value(json_object_get(fu, "run")), 1);
	assert_string_equal(
	    json_string_value(json_object_get(fu, "audit_date")), "2026-10-31");
	due = json_object_get(fu, "due");
	assert_int_equal(json_array_size(due), major);
	/* counted as the first run counted its A-requirements */
	assert_int_equal(
	    json_integer_value(json_object_get(fu, "requirements_due")),
	    requirements_a);
	json_array_foreach(due, i, d)
	{
		assert_string_equal(
		    json_string_value(json_object_get(d, "class")), "A");
		assert_string_equal(
		    json_string_value(json_object_get(d, "deadline")),
		    "2027-01-31");
	}
	json_decref(doc);
	/* stored, its report has the same follow-up */
	add(s, b);
	assert_same_reports(b, s, 2, &(struct fa_store_view){ 0 });
	fa_store_close(s);
	fa_audit_free(a);
	fa_audit_free(b);
	assert_intact(path);
}

/* ---- waivers ---------------------------------------------------------------
 */

static void waive(struct fa_store *s, const char *file, size_t want)
{
	struct fa_error err;
	char path[600], kvk[16];
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/store/%s", fixtures, file);
	fa_error_init(&err);
	assert_int_equal(
	    fa_store_waive_file(&n, kvk, sizeof(kvk), s, path, &err), FA_OK);
	assert_int_equal(n, want);
}

/*
 * The demo's waiver file on the demo's audit date (2026-10-31), as the
 * file's own comment works it out: W-2026-07 active and waiving the
 * failing SNF-2.3-BEDROOM-AREA finding of L04-S2; W-2024-02 expired
 * (until 2024-06-30), covering the failing bunk bed of L04-S1 without
 * waiving it; W-2026-05 active but matching nothing (an orphan).
 */
static void test_store__waivers_on_the_audit_date(void **state)
{
	const char *path = path_of("waived.db");
	static const char *const states[] = { "active", "expired", "active" };
	static const int waived[] = { 1, 0, 0 }, inactive[] = { 0, 1, 0 };
	static const int orphan[] = { 0, 0, 1 };
	struct fa_audit_options opt;
	struct fa_audit *a, *b;
	struct fa_store *s;
	json_t *doc, *list, *w;
	size_t len, i;
	char *text;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	a = audit_demo(&opt);
	s = open_new(path, 0);
	add(s, a);
	waive(s, "waivers-demo.xml", 3);
	b = load(s, 1);
	text = written(b, FA_FORMAT_JSON, &len);
	assert_non_null(
	    strstr(text, "\"key\": \"SNF-2.3-BEDROOM-AREA/L04-S2\""));
	doc = json_loads(text, 0, NULL);
	free(text);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(
			     json_object_get(doc, "waivers"), "waived")),
			 1);
	list = json_object_get(json_object_get(doc, "waivers"), "list");
	assert_int_equal(json_array_size(list), 3);
	json_array_foreach(list, i, w)
	{
		assert_string_equal(
		    json_string_value(json_object_get(w, "state")), states[i]);
		assert_int_equal(
		    json_integer_value(json_object_get(w, "waived")),
		    waived[i]);
		assert_int_equal(
		    json_integer_value(json_object_get(w, "covered_inactive")),
		    inactive[i]);
		assert_int_equal(json_is_true(json_object_get(w, "orphan")),
				 orphan[i]);
	}
	json_decref(doc);
	fa_audit_free(b);
	fa_store_close(s);
	fa_audit_free(a);
	assert_intact(path);
}

/*
 * money_bounds has one A-deviation, CAO-38-AUTHORISATION of W0001, and
 * lacks tables that rules judging deviations read: negative without
 * waivers, incomplete with the waiver of that finding
 * (fixtures/store/waivers-money-bounds.xml).
 */
static void test_store__waiver_changes_the_verdict(void **state)
{
	const char *path = path_of("bounds.db");
	struct fa_audit_options opt;
	struct fa_audit *a = NULL, *b;
	struct fa_store *s;
	struct fa_error err;
	char pkg[600];
	size_t len;
	char *text;

	(void)state;
	snprintf(pkg, sizeof(pkg), "%s", pkg_demo);
	memcpy(strrchr(pkg, '/') + 1, "money_bounds.zip",
	       sizeof("money_bounds.zip"));
	memset(&opt, 0, sizeof(opt));
	opt.package = pkg;
	opt.rules = &rules_dir;
	opt.generated_at = "2026-12-07T10:00:00Z";
	fa_error_init(&err);
	assert_int_equal(fa_audit_run(&a, &opt, &err), FA_OK);
	assert_int_equal(fa_audit_major_fails(a), 1);
	s = open_new(path, 0);
	add(s, a);
	waive(s, "waivers-money-bounds.xml", 1);
	b = load(s, 1);
	text = written(b, FA_FORMAT_JSON, &len);
	assert_non_null(
	    strstr(text, "\"verdict\": {\n    \"key\": \"negative\""));
	assert_non_null(strstr(text, "\"waivers\": {\n    \"verdict\": {\n"
				     "      \"key\": \"incomplete\""));
	free(text);
	fa_audit_free(b);
	fa_store_close(s);
	fa_audit_free(a);
	assert_intact(path);
}

static void test_store__parse_run(void **state)
{
	int64_t v = -1;

	(void)state;
	assert_int_equal(fa_store_parse_run(&v, "1"), 0);
	assert_int_equal(v, 1);
	assert_int_equal(fa_store_parse_run(&v, "9223372036854775807"), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(fa_store_parse_run(&v, "9223372036854775808"), -1);
	assert_int_equal(fa_store_parse_run(&v, "0"), -1);
	assert_int_equal(fa_store_parse_run(&v, "01"), -1);
	assert_int_equal(fa_store_parse_run(&v, ""), -1);
	assert_int_equal(fa_store_parse_run(&v, "-1"), -1);
	assert_int_equal(fa_store_parse_run(&v, "1x"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store__report_again_byte_for_byte),
		cmocka_unit_test(test_store__personal_data_only_when_kept),
		cmocka_unit_test(test_store__new_store_is_private),
		cmocka_unit_test(test_store__refuses_what_is_not_a_store),
		cmocka_unit_test(test_store__opens_every_earlier_version),
		cmocka_unit_test(test_store__failed_run_leaves_nothing),
		cmocka_unit_test(test_store__killed_writer_leaves_nothing),
		cmocka_unit_test(test_store__judgements_change_the_counts),
		cmocka_unit_test(test_store__judgements_refused),
		cmocka_unit_test(test_store__follow_up_of_the_earlier_run),
		cmocka_unit_test(test_store__waivers_on_the_audit_date),
		cmocka_unit_test(test_store__waiver_changes_the_verdict),
		cmocka_unit_test(test_store__parse_run),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
