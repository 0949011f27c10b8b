/* SPDX-License-Identifier: MIT */
/*
 * Opening the audit store: the file is marked as a store (SQLite's
 * application id), its schema version is SQLite's user_version, and the
 * migrations below bring an older store forward, each in its own
 * transaction. A migration is never edited once released: a store made
 * by an older flexaudit must open in every newer one
 * (tests/unit/test_store.c opens a frozen store of every version).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

#include "text.h"

/* "FAST" */
#define APPLICATION_ID 0x46415354

/*
 * Version 1: runs, with what their reports need. Every table of a run
 * has the run's id first and goes with it (ON DELETE CASCADE); rule-set
 * files are kept once per content (sha256).
 */
static const char *const v1[] = {
	"CREATE TABLE settings (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	");\n",
	"CREATE TABLE rulesets (\n"
	"  sha256 TEXT PRIMARY KEY,\n"
	"  id TEXT NOT NULL,\n"
	"  edition TEXT NOT NULL,\n"
	"  xml BLOB NOT NULL\n"
	");\n",
	"CREATE TABLE runs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  stored_at TEXT NOT NULL,\n"
	"  flexaudit TEXT NOT NULL,\n"
	"  member_name TEXT NOT NULL,\n"
	"  kvk TEXT NOT NULL,\n"
	"  abu_number TEXT NOT NULL,\n"
	"  period_from TEXT NOT NULL,\n"
	"  period_to TEXT NOT NULL,\n"
	"  audit_date TEXT NOT NULL,\n"
	"  mode TEXT NOT NULL CHECK (mode IN ('self-assessment', "
	"'inspection')),\n"
	"  sample_seed INTEGER,\n"
	"  sample_population INTEGER,\n"
	"  kept_all INTEGER NOT NULL,\n"
	"  personal INTEGER NOT NULL,\n"
	"  rules_named INTEGER NOT NULL,\n"
	"  bundled_known INTEGER NOT NULL,\n"
	"  generated_at TEXT NOT NULL,\n"
	"  package_path TEXT NOT NULL,\n"
	"  package_sha256 TEXT NOT NULL,\n"
	"  package_bytes INTEGER NOT NULL,\n"
	"  files_verified INTEGER NOT NULL,\n"
	"  pay_period_duplicates INTEGER NOT NULL,\n"
	"  manifest BLOB NOT NULL,\n"
	"  verdict TEXT NOT NULL,\n"
	"  incomplete INTEGER NOT NULL,\n"
	"  major_fails INTEGER NOT NULL,\n"
	"  minor_fails INTEGER NOT NULL,\n"
	"  n_pass INTEGER NOT NULL,\n"
	"  n_fail INTEGER NOT NULL,\n"
	"  n_na INTEGER NOT NULL,\n"
	"  n_review INTEGER NOT NULL,\n"
	"  n_error INTEGER NOT NULL,\n"
	"  n_not_checked INTEGER NOT NULL,\n"
	"  n_findings INTEGER NOT NULL\n"
	");\n",
	"CREATE INDEX runs_by_member ON runs (kvk, audit_date, id);\n",
	"CREATE TABLE run_rulesets (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  bundled INTEGER NOT NULL,\n"
	"  ord INTEGER NOT NULL,\n"
	"  sha256 TEXT NOT NULL REFERENCES rulesets (sha256),\n"
	"  path TEXT NOT NULL,\n"
	"  PRIMARY KEY (run, bundled, ord)\n"
	");\n",
	"CREATE TABLE run_selection (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  skip INTEGER NOT NULL,\n"
	"  ord INTEGER NOT NULL,\n"
	"  value TEXT NOT NULL,\n"
	"  PRIMARY KEY (run, skip, ord)\n"
	");\n",
	"CREATE TABLE run_tables (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  path TEXT,\n"
	"  separator TEXT NOT NULL,\n"
	"  rows INTEGER NOT NULL,\n"
	"  bytes INTEGER NOT NULL,\n"
	"  ignored TEXT NOT NULL,\n"
	"  PRIMARY KEY (run, name)\n"
	");\n",
	"CREATE TABLE run_sample (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  employee_id TEXT NOT NULL,\n"
	"  PRIMARY KEY (run, employee_id)\n"
	");\n",
	"CREATE TABLE rule_runs (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  ord INTEGER NOT NULL,\n"
	"  rule_id TEXT NOT NULL,\n"
	"  in_force INTEGER NOT NULL,\n"
	"  error INTEGER NOT NULL,\n"
	"  missing TEXT NOT NULL,\n"
	"  seconds REAL NOT NULL,\n"
	"  n_findings INTEGER NOT NULL,\n"
	"  n_pass INTEGER NOT NULL,\n"
	"  n_fail INTEGER NOT NULL,\n"
	"  n_na INTEGER NOT NULL,\n"
	"  n_review INTEGER NOT NULL,\n"
	"  n_error INTEGER NOT NULL,\n"
	"  n_not_checked INTEGER NOT NULL,\n"
	"  flags INTEGER NOT NULL,\n"
	"  facts TEXT NOT NULL,\n"
	"  PRIMARY KEY (run, ord)\n"
	");\n",
	"CREATE TABLE rule_values (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  rule_ord INTEGER NOT NULL,\n"
	"  ord INTEGER NOT NULL,\n"
	"  param TEXT,\n"
	"  value_from TEXT,\n"
	"  table_name TEXT,\n"
	"  confidence INTEGER NOT NULL,\n"
	"  PRIMARY KEY (run, rule_ord, ord)\n"
	");\n",
	"CREATE TABLE findings (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  ord INTEGER NOT NULL,\n"
	"  key TEXT NOT NULL,\n"
	"  rule_id TEXT NOT NULL,\n"
	"  subject TEXT NOT NULL,\n"
	"  outcome TEXT NOT NULL,\n"
	"  severity TEXT NOT NULL,\n"
	"  observed TEXT,\n"
	"  expected TEXT,\n"
	"  detail TEXT,\n"
	"  observed_nl TEXT,\n"
	"  expected_nl TEXT,\n"
	"  detail_nl TEXT,\n"
	"  message_en TEXT,\n"
	"  message_nl TEXT,\n"
	"  remedy_en TEXT,\n"
	"  remedy_nl TEXT,\n"
	"  question_en TEXT,\n"
	"  question_nl TEXT,\n"
	"  deadline TEXT NOT NULL,\n"
	"  ref_file TEXT,\n"
	"  ref_line INTEGER NOT NULL,\n"
	"  ref_table TEXT,\n"
	"  ref_sha256 TEXT,\n"
	"  flags INTEGER NOT NULL,\n"
	"  value_confidence INTEGER NOT NULL,\n"
	"  reads_values INTEGER NOT NULL,\n"
	"  PRIMARY KEY (run, ord)\n"
	");\n",
	"CREATE INDEX findings_by_key ON findings (run, key);\n",
	"CREATE TABLE finding_facts (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  finding INTEGER NOT NULL,\n"
	"  ord INTEGER NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  value TEXT,\n"
	"  PRIMARY KEY (run, finding, ord)\n"
	");\n",
	"CREATE TABLE run_data_quality (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  ord INTEGER NOT NULL,\n"
	"  check_id TEXT NOT NULL,\n"
	"  file TEXT NOT NULL,\n"
	"  line INTEGER NOT NULL,\n"
	"  message TEXT NOT NULL,\n"
	"  message_nl TEXT NOT NULL,\n"
	"  PRIMARY KEY (run, ord)\n"
	");\n",
	"CREATE TABLE run_data_quality_counts (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  ord INTEGER NOT NULL,\n"
	"  check_id TEXT NOT NULL,\n"
	"  count INTEGER NOT NULL,\n"
	"  PRIMARY KEY (run, ord)\n"
	");\n",
	"CREATE TABLE run_locations (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  ord INTEGER NOT NULL,\n"
	"  location_id TEXT NOT NULL,\n"
	"  address TEXT NOT NULL,\n"
	"  housing_form TEXT NOT NULL,\n"
	"  role TEXT NOT NULL,\n"
	"  certification TEXT NOT NULL,\n"
	"  register_number TEXT,\n"
	"  valid_until TEXT,\n"
	"  registration_valid INTEGER NOT NULL,\n"
	"  beds_registered INTEGER NOT NULL,\n"
	"  occupied INTEGER NOT NULL,\n"
	"  gbo_m2 REAL NOT NULL,\n"
	"  m2_per_person REAL NOT NULL,\n"
	"  max_bedroom_beds INTEGER NOT NULL,\n"
	"  rent_max_cents INTEGER NOT NULL,\n"
	"  PRIMARY KEY (run, ord)\n"
	");\n",
	"CREATE TABLE run_documents (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  line INTEGER NOT NULL,\n"
	"  path TEXT,\n"
	"  PRIMARY KEY (run, line)\n"
	");\n",
	"CREATE TABLE run_people (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  employee_id TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  bsn TEXT,\n"
	"  birth_date TEXT,\n"
	"  PRIMARY KEY (run, employee_id)\n"
	");\n",
	"CREATE TABLE run_reports (\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  ord INTEGER NOT NULL,\n"
	"  format TEXT NOT NULL,\n"
	"  language TEXT NOT NULL,\n"
	"  path TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  bytes INTEGER NOT NULL,\n"
	"  PRIMARY KEY (run, ord)\n"
	");\n",
	NULL,
};

/*
 * Version 2: the inspector's judgements of a run's findings, kept whole:
 * the latest per key applies, the earlier ones are its history, and one
 * whose key the run lacks is kept and reported, never dropped. outcome:
 * the finding's when judged (NULL: the run has no such finding).
 */
static const char *const v2[] = {
	"CREATE TABLE judgements (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  key TEXT NOT NULL,\n"
	"  verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'deviation', "
	"'not-applicable')),\n"
	"  severity TEXT NOT NULL CHECK (severity IN ('major', 'minor', "
	"'observation')),\n"
	"  note TEXT NOT NULL,\n"
	"  by TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  outcome TEXT\n"
	");\n",
	"CREATE INDEX judgements_by_key ON judgements (run, key, id);\n",
	NULL,
};

/*
 * Version 3: the waivers of each member (docs/waivers.md), as its last
 * waiver file gave them (loading a file replaces the member's waivers);
 * subjects and patterns one per line.
 */
static const char *const v3[] = {
	"CREATE TABLE waivers (\n"
	"  kvk TEXT NOT NULL,\n"
	"  ord INTEGER NOT NULL,\n"
	"  id TEXT NOT NULL,\n"
	"  rule_id TEXT NOT NULL,\n"
	"  subjects TEXT NOT NULL,\n"
	"  patterns TEXT NOT NULL,\n"
	"  approver TEXT NOT NULL,\n"
	"  reason TEXT NOT NULL,\n"
	"  basis TEXT NOT NULL,\n"
	"  valid_from TEXT NOT NULL,\n"
	"  valid_until TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (kvk, ord),\n"
	"  UNIQUE (kvk, id)\n"
	");\n",
	NULL,
};

/*
 * Version 4: the portal's records (store/account.h, docs/store.md):
 * organisations, users and their roles (a member's user belongs to an
 * organisation, no other does), which inspector sees which organisation,
 * login sessions (only the token's SHA-256), uploaded packages and their
 * runs, reports issued (frozen with their hash), and the action log,
 * which its triggers keep append-only.
 */
static const char *const v4[] = {
	"CREATE TABLE orgs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kvk TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	");\n",
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL UNIQUE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'inspector', "
	"'member')),\n"
	"  org INTEGER REFERENCES orgs (id),\n"
	"  pw_hash TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at TEXT NOT NULL,\n"
	"  CHECK ((role = 'member') = (org IS NOT NULL))\n"
	");\n",
	"CREATE TABLE assignments (\n"
	"  inspector INTEGER NOT NULL REFERENCES users (id),\n"
	"  org INTEGER NOT NULL REFERENCES orgs (id),\n"
	"  PRIMARY KEY (inspector, org)\n"
	");\n",
	"CREATE TABLE sessions (\n"
	"  token_sha256 TEXT PRIMARY KEY,\n"
	"  user INTEGER NOT NULL REFERENCES users (id),\n"
	"  csrf TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  expires_at TEXT NOT NULL\n"
	");\n",
	"CREATE TABLE uploads (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  org INTEGER NOT NULL REFERENCES orgs (id),\n"
	"  user INTEGER NOT NULL REFERENCES users (id),\n"
	"  filename TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  state TEXT NOT NULL CHECK (state IN ('received', 'rejected', "
	"'auditing', 'audited', 'failed')),\n"
	"  problems TEXT,\n"
	"  run INTEGER REFERENCES runs (id),\n"
	"  inspection INTEGER REFERENCES runs (id)\n"
	");\n",
	"CREATE INDEX uploads_by_org ON uploads (org, id);\n",
	"CREATE TABLE issued (\n"
	"  run INTEGER PRIMARY KEY REFERENCES runs (id),\n"
	"  sha256 TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  by INTEGER NOT NULL REFERENCES users (id),\n"
	"  nl INTEGER NOT NULL,\n"
	"  body BLOB NOT NULL\n"
	");\n",
	"CREATE TABLE action_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  user INTEGER REFERENCES users (id),\n"
	"  addr TEXT NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  object TEXT,\n"
	"  detail TEXT\n"
	");\n",
	"CREATE TRIGGER action_log_no_update BEFORE UPDATE ON action_log\n"
	"BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;\n",
	"CREATE TRIGGER action_log_no_delete BEFORE DELETE ON action_log\n"
	"BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;\n",
	NULL,
};

/* Version n is reached by running migrations[n - 1]. Append only. */
static const char *const *const migrations[] = { v1, v2, v3, v4 };

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int fa_store_schema_version(void)
{
	return N_MIGRATIONS;
}

enum fa_code fa_store_begin(struct fa_store *s, struct fa_error *err)
{
	return fa_db_exec(s->db, "BEGIN IMMEDIATE", err);
}

enum fa_code fa_store_commit(struct fa_store *s, struct fa_error *err)
{
	return fa_db_exec(s->db, "COMMIT", err);
}

void fa_store_rollback(struct fa_store *s)
{
	struct fa_error quiet;

	fa_error_init(&quiet);
	fa_db_exec(s->db, "ROLLBACK", &quiet);
}

int fa_store_parse_run(int64_t *out, const char *s)
{
	int64_t v = 0;
	const char *p;

	*out = 0;
	if (!s || !*s || *s == '0')
		return -1;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - (*p - '0')) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return 0;
}

void fa_store_now(char buf[32])
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, 32, "unknown");
}

/* Bring the store from version `from` to `to`, one transaction each. */
static enum fa_code migrate(struct fa_store *s, int from, int to,
			    unsigned flags, struct fa_error *err)
{
	char sql[96], now[32];
	enum fa_code rc = FA_OK;
	size_t k;
	int v;

	for (v = from; rc == FA_OK && v < to; v++) {
		rc = fa_store_begin(s, err);
		if (rc != FA_OK)
			break;
		for (k = 0; rc == FA_OK && migrations[v][k]; k++)
			rc = fa_db_exec(s->db, migrations[v][k], err);
		if (rc == FA_OK && v == 0) {
			struct fa_stmt *st = NULL;
			int row;

			snprintf(sql, sizeof(sql), "PRAGMA application_id=%d",
				 APPLICATION_ID);
			rc = fa_db_exec(s->db, sql, err);
			fa_store_now(now);
			if (rc == FA_OK)
				rc = fa_db_prepare(
				    &st, s->db,
				    "INSERT INTO settings VALUES "
				    "('personal', ?1), ('created_at', ?2)",
				    err);
			if (rc == FA_OK) {
				fa_db_bind_text(
				    st, 1,
				    flags & FA_STORE_REVEAL_PERSONAL ? "yes"
								     : "no",
				    flags & FA_STORE_REVEAL_PERSONAL ? 3 : 2);
				fa_db_bind_text(st, 2, now, strlen(now));
				rc = fa_db_step(&row, st, err);
			}
			fa_db_finalize(st);
		}
		snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v + 1);
		if (rc == FA_OK)
			rc = fa_db_exec(s->db, sql, err);
		if (rc == FA_OK)
			rc = fa_store_commit(s, err);
		if (rc != FA_OK)
			fa_store_rollback(s);
	}
	return rc;
}

/* What the file is: its application id, schema version and whether it
 * holds any table. */
static enum fa_code identify(struct fa_store *s, int64_t *app, int64_t *ver,
			     int64_t *tables, struct fa_error *err)
{
	enum fa_code rc;

	rc = fa_db_query_int(app, s->db, "PRAGMA application_id", err);
	if (rc == FA_OK)
		rc = fa_db_query_int(ver, s->db, "PRAGMA user_version", err);
	if (rc == FA_OK)
		rc = fa_db_query_int(tables, s->db,
				     "SELECT count(*) FROM sqlite_master", err);
	return rc;
}

static enum fa_code read_personal(struct fa_store *s, struct fa_error *err)
{
	int64_t yes = 0;
	enum fa_code rc;

	rc = fa_db_query_int(&yes, s->db,
			     "SELECT count(*) FROM settings WHERE key = "
			     "'personal' AND value = 'yes'",
			     err);
	s->personal = yes > 0;
	return rc;
}

/* The problems of from, added to err. */
static void pass_on(struct fa_error *err, const struct fa_error *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		fa_error_add(err, from->code,
			     from->diag[i].where[0] ? from->diag[i].where
						    : NULL,
			     from->diag[i].line, from->diag[i].column, "%s",
			     from->diag[i].message);
}

static enum fa_code check_path(const char *path, unsigned flags,
			       struct fa_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		int fd;

		if (errno == ENOENT && (flags & FA_STORE_CREATE)) {
			/* readable by its owner only: findings name workers
			 * (and, if it keeps them, their personal data);
			 * SQLite gives its journal files the same mode */
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
			if (fd >= 0 || errno == EEXIST) {
				if (fd >= 0)
					close(fd);
				return FA_OK;
			}
			return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
					    "cannot create store '%s': %s",
					    path, strerror(errno));
		}
		if (errno == ENOENT)
			return fa_error_add(
			    err, FA_ERR_IO, NULL, 0, 0,
			    "no store '%s': give an existing store, or "
			    "store an audit in it first (audit --store)",
			    path);
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open store '%s': %s", path,
				    strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open store '%s': not a regular "
				    "file",
				    path);
	return FA_OK;
}

enum fa_code fa_store_open_version(struct fa_store **out, const char *path,
				   unsigned flags, int version,
				   struct fa_error *err)
{
	struct fa_store *s;
	struct fa_error quiet;
	int64_t app = 0, ver = 0, tables = 0;
	enum fa_code rc;

	*out = NULL;
	if (version < 1 || version > N_MIGRATIONS)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "no store schema version %d", version);
	rc = check_path(path, flags, err);
	if (rc != FA_OK)
		return rc;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = fa_text_dup(path))) {
		free(s);
		return fa_error_nomem(err, NULL);
	}
	fa_error_init(&quiet);
	rc = fa_db_open_store(&s->db, path, (flags & FA_STORE_CREATE) != 0,
			      &quiet);
	if (rc == FA_OK)
		rc = identify(s, &app, &ver, &tables, &quiet);
	if (rc == FA_ERR_INPUT)
		/* SQLite's "file is not a database" says less than this */
		rc = fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				  "'%s' is not a flexaudit store: it is not "
				  "an SQLite database; give a new file or a "
				  "store that audit --store made",
				  path);
	else if (rc != FA_OK)
		pass_on(err, &quiet);
	if (rc != FA_OK)
		goto out;
	if (app != APPLICATION_ID && (app != 0 || tables != 0)) {
		rc = fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				  "'%s' is not a flexaudit store: it is "
				  "another SQLite database; give a new file "
				  "or a store that audit --store made",
				  path);
		goto out;
	}
	if (ver > N_MIGRATIONS) {
		rc = fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
				  "store '%s' has schema version %lld, which "
				  "a newer flexaudit made; this one (%s) "
				  "reads up to version %d: upgrade flexaudit",
				  path, (long long)ver, fa_version(),
				  N_MIGRATIONS);
		goto out;
	}
	if (ver < version)
		rc = migrate(s, (int)ver, version, flags, err);
	if (rc == FA_OK)
		rc = read_personal(s, err);
out:
	if (rc != FA_OK) {
		fa_store_close(s);
		return rc;
	}
	*out = s;
	return FA_OK;
}

enum fa_code fa_store_open(struct fa_store **out, const char *path,
			   unsigned flags, struct fa_error *err)
{
	return fa_store_open_version(out, path, flags, N_MIGRATIONS, err);
}

void fa_store_close(struct fa_store *s)
{
	if (!s)
		return;
	fa_db_close(s->db);
	free(s->path);
	free(s);
}

int fa_store_personal(const struct fa_store *s)
{
	return s->personal;
}

void fa_store_bind_str(struct fa_stmt *st, int i, const char *s)
{
	if (s)
		fa_db_bind_text(st, i, s, strlen(s));
	else
		fa_db_bind_null(st, i);
}

char *fa_store_join_lines(char *const *v, size_t n)
{
	size_t len = 1, i;
	char *s, *p;

	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	s = p = malloc(len);
	for (i = 0; s && i < n; i++) {
		size_t k = strlen(v[i]);

		memcpy(p, v[i], k);
		p += k;
		*p++ = '\n';
	}
	if (s)
		*p = '\0';
	return s;
}

int fa_store_split_lines(char ***out, size_t *n, const char *s)
{
	const char *nl;
	size_t k = 0, cap = 0;
	char **v = NULL, **grown;

	*out = NULL;
	*n = 0;
	for (; s && (nl = strchr(s, '\n')); s = nl + 1) {
		if (k == cap) {
			cap = cap ? 2 * cap : 4;
			grown = realloc(v, cap * sizeof(*v));
			if (!grown)
				goto fail;
			v = grown;
		}
		if (!(v[k] = strndup(s, (size_t)(nl - s))))
			goto fail;
		k++;
	}
	*out = v;
	*n = k;
	return 0;
fail:
	while (k)
		free(v[--k]);
	free(v);
	return -1;
}
