/* SPDX-License-Identifier: MIT */
/*
 * Tests of the portal's records in the audit store (store/account.h):
 * organisations, users by role with the organisation rules, the login
 * check (right and wrong password, unknown login, disabled user),
 * sessions kept as the SHA-256 of their token, ended and deleted,
 * assignments, uploads from arrival to audit, reports issued once, and
 * the action log that SQL cannot change. Argon2id hashes cost some 0.1 s
 * each at 64 MiB: users that need no password are added through SQL
 * with a placeholder hash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "flexaudit.h"
#include "account.h"
#include "db.h"
#include "hash.h"
#include "store.h"

#define PASSWORD "correct horse battery staple"

/* FIPS 180-2 appendix B.1: SHA-256 of "abc". */
#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/fa-test-account-XXXXXX");
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

/* A new store in the test's directory. */
static struct fa_store *new_store(const char *name)
{
	struct fa_store *s = NULL;
	struct fa_error err;
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	fa_error_init(&err);
	assert_int_equal(fa_store_open(&s, path, FA_STORE_CREATE, &err), FA_OK);
	return s;
}

static int64_t count(struct fa_store *s, const char *sql)
{
	struct fa_error err;
	int64_t n = -1;

	fa_error_init(&err);
	assert_int_equal(fa_db_query_int(&n, s->db, sql, &err), FA_OK);
	return n;
}

static void exec(struct fa_store *s, const char *sql)
{
	struct fa_error err;

	fa_error_init(&err);
	assert_int_equal(fa_db_exec(s->db, sql, &err), FA_OK);
}

/* The one message of err, and err made empty again. */
static void assert_says(struct fa_error *err, const char *message)
{
	assert_int_equal(err->n, 1);
	assert_string_equal(err->diag[0].message, message);
	fa_error_init(err);
}

static int64_t add_org(struct fa_store *s, const char *kvk, const char *name)
{
	struct fa_error err;
	int64_t id = 0;

	fa_error_init(&err);
	assert_int_equal(fa_store_org_add(&id, s, kvk, name, &err), FA_OK);
	assert_true(id > 0);
	return id;
}

/* A user through SQL, with a hash no password matches: for tests that
 * do not log in. */
static int64_t add_user_sql(struct fa_store *s, const char *login,
			    const char *role, int64_t org)
{
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO users (login, role, org, pw_hash, created_at) "
		 "VALUES ('%s', '%s', %s%lld, 'none', '2026-12-01T00:00:00Z')",
		 login, role, org ? "" : "NULL+", (long long)org);
	exec(s, sql);
	return fa_db_last_insert_rowid(s->db);
}

/* A run with nothing in it but its row, for the tables that refer to
 * runs (34 columns, as version 1 has them). */
static void add_run(struct fa_store *s, int64_t id)
{
	char sql[512];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO runs VALUES (%lld, '2026-12-01T00:00:00Z', "
		 "'0.1.0', 'M B.V.', '87654321', 'ABU-1', '2025-01-01', "
		 "'2025-12-31', '2025-12-31', 'self-assessment', NULL, NULL, "
		 "0, 0, 0, 0, '2026-12-01T00:00:00Z', 'm.zip', 'x', 1, 1, 0, "
		 "X'', 'positive', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
		 (long long)id);
	exec(s, sql);
}

static void test_account__role_and_state_names(void **state)
{
	enum fa_role r = FA_ROLE_ADMIN;

	(void)state;
	assert_string_equal(fa_role_name(FA_ROLE_ADMIN), "admin");
	assert_string_equal(fa_role_name(FA_ROLE_INSPECTOR), "inspector");
	assert_string_equal(fa_role_name(FA_ROLE_MEMBER), "member");
	assert_int_equal(fa_role_parse(&r, "member"), 0);
	assert_int_equal(r, FA_ROLE_MEMBER);
	assert_int_equal(fa_role_parse(&r, "inspector"), 0);
	assert_int_equal(r, FA_ROLE_INSPECTOR);
	assert_int_equal(fa_role_parse(&r, "Admin"), -1);
	assert_int_equal(fa_role_parse(&r, ""), -1);
	assert_string_equal(fa_upload_state_name(FA_UPLOAD_RECEIVED),
			    "received");
	assert_string_equal(fa_upload_state_name(FA_UPLOAD_REJECTED),
			    "rejected");
	assert_string_equal(fa_upload_state_name(FA_UPLOAD_AUDITING),
			    "auditing");
	assert_string_equal(fa_upload_state_name(FA_UPLOAD_AUDITED), "audited");
	assert_string_equal(fa_upload_state_name(FA_UPLOAD_FAILED), "failed");
}

static void test_account__orgs(void **state)
{
	struct fa_store *s = new_store("orgs.db");
	struct fa_org o, *list = NULL;
	struct fa_error err;
	char long_name[FA_ORG_NAME_SIZE + 1];
	int64_t a, b, id = -1;
	size_t n = 0;

	(void)state;
	fa_error_init(&err);
	a = add_org(s, "12345678", "Zuid Uitzend B.V.");
	b = add_org(s, "00000001", "Anker Personeel B.V.");
	assert_int_equal(fa_store_org_get(&o, s, a, &err), FA_OK);
	assert_string_equal(o.kvk, "12345678");
	assert_string_equal(o.name, "Zuid Uitzend B.V.");
	assert_int_equal(fa_store_org_by_kvk(&o, s, "00000001", &err), FA_OK);
	assert_int_equal(o.id, b);
	assert_int_equal(
	    fa_store_org_add(&id, s, "12345678", "Ander B.V.", &err),
	    FA_ERR_USAGE);
	assert_int_equal(id, 0);
	assert_says(&err, "an organisation with KvK number 12345678 exists: "
			  "'Zuid Uitzend B.V.'; give another number");
	assert_int_equal(fa_store_org_add(&id, s, "1234567", "X", &err),
			 FA_ERR_USAGE);
	assert_says(&err, "KvK number '1234567' is not 8 digits: give the "
			  "organisation's number in the Dutch trade register, "
			  "such as 12345678");
	assert_int_equal(fa_store_org_add(&id, s, "1234567a", "X", &err),
			 FA_ERR_USAGE);
	assert_int_equal(fa_store_org_add(&id, s, "123456789", "X", &err),
			 FA_ERR_USAGE);
	fa_error_init(&err);
	assert_int_equal(fa_store_org_add(&id, s, "22222222", "", &err),
			 FA_ERR_USAGE);
	assert_says(&err, "organisation name is empty: give the name the "
			  "trade register gives");
	assert_int_equal(
	    fa_store_org_add(&id, s, "22222222", "Bad\xff B.V.", &err),
	    FA_ERR_USAGE);
	assert_says(&err, "organisation name is not UTF-8 (byte 4): give it "
			  "as UTF-8 text");
	assert_int_equal(fa_store_org_add(&id, s, "22222222", "A\tB", &err),
			 FA_ERR_USAGE);
	assert_says(&err, "organisation name 'A\tB' has a control character: "
			  "give it without");
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0'; /* 201 bytes */
	assert_int_equal(fa_store_org_add(&id, s, "22222222", long_name, &err),
			 FA_ERR_USAGE);
	fa_error_init(&err);
	long_name[sizeof(long_name) - 2] = '\0'; /* 200 bytes: fits */
	add_org(s, "22222222", long_name);
	assert_int_equal(fa_store_org_get(&o, s, 99, &err), FA_ERR_USAGE);
	assert_says(&err, "no organisation 99: give one that exists");
	assert_int_equal(fa_store_org_by_kvk(&o, s, "99999999", &err),
			 FA_ERR_USAGE);
	assert_says(&err, "no organisation with KvK number '99999999': add "
			  "it first");
	/* by name: Anker, Zuid, xxx... */
	assert_int_equal(fa_store_org_list(&list, &n, s, 0, &err), FA_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Anker Personeel B.V.");
	assert_string_equal(list[1].name, "Zuid Uitzend B.V.");
	assert_int_equal(strlen(list[2].name), 200);
	free(list);
	assert_int_equal(count(s, "SELECT count(*) FROM orgs"), 3);
	fa_store_close(s);
}

static void test_account__users_by_role(void **state)
{
	struct fa_store *s = new_store("users.db");
	struct fa_user u, *list = NULL;
	struct fa_error err;
	char long_pw[FA_PASSWORD_MAX + 2], long_login[66];
	int64_t org, admin = 0, insp = 0, member = 0, id = -1;
	size_t n = 0;

	(void)state;
	fa_error_init(&err);
	org = add_org(s, "12345678", "Zuid Uitzend B.V.");
	/* the organisation rules, refused before any hash is made */
	assert_int_equal(fa_store_user_add(&id, s, "anna", FA_ROLE_MEMBER, 0,
					   PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "user 'anna' is a member without an organisation: "
			  "give the organisation it belongs to");
	assert_int_equal(fa_store_user_add(&id, s, "anna", FA_ROLE_INSPECTOR,
					   org, PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "user 'anna' is an inspector and belongs to no "
			  "organisation: give none (an inspector is assigned "
			  "to organisations instead)");
	assert_int_equal(fa_store_user_add(&id, s, "anna", FA_ROLE_ADMIN, org,
					   PASSWORD, &err),
			 FA_ERR_USAGE);
	fa_error_init(&err);
	assert_int_equal(fa_store_user_add(&id, s, "anna", FA_ROLE_MEMBER, 42,
					   PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "no organisation 42: give one that exists");
	/* the login and the password */
	assert_int_equal(
	    fa_store_user_add(&id, s, "A B", FA_ROLE_ADMIN, 0, PASSWORD, &err),
	    FA_ERR_USAGE);
	assert_says(&err, "login 'A B' has a character other than a-z 0-9 . _ "
			  "@ -: choose a login of those");
	assert_int_equal(
	    fa_store_user_add(&id, s, "", FA_ROLE_ADMIN, 0, PASSWORD, &err),
	    FA_ERR_USAGE);
	assert_says(&err, "login is empty: give 1 to 64 characters of a-z 0-9 "
			  ". _ @ -");
	memset(long_login, 'a', 65);
	long_login[65] = '\0';
	assert_int_equal(fa_store_user_add(&id, s, long_login, FA_ROLE_ADMIN, 0,
					   PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err,
		    "login 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaa' is 65 bytes: give at most 64");
	assert_int_equal(fa_store_user_add(&id, s, "anna", FA_ROLE_ADMIN, 0,
					   "hunter2", &err),
			 FA_ERR_USAGE);
	assert_says(&err, "password is 7 bytes: give at least 12");
	memset(long_pw, 'p', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0'; /* 1,025 bytes */
	assert_int_equal(
	    fa_store_user_add(&id, s, "anna", FA_ROLE_ADMIN, 0, long_pw, &err),
	    FA_ERR_USAGE);
	assert_says(&err, "password is 1025 bytes: give at most 1024");
	assert_int_equal(id, 0);
	assert_int_equal(count(s, "SELECT count(*) FROM users"), 0);
	/* one of each role: three hashes */
	assert_int_equal(fa_store_user_add(&admin, s, "root@example.nl",
					   FA_ROLE_ADMIN, 0, PASSWORD, &err),
			 FA_OK);
	assert_int_equal(fa_store_user_add(&insp, s, "j.devries",
					   FA_ROLE_INSPECTOR, 0, PASSWORD,
					   &err),
			 FA_OK);
	assert_int_equal(fa_store_user_add(&member, s, "hr_zuid-1",
					   FA_ROLE_MEMBER, org, PASSWORD, &err),
			 FA_OK);
	assert_int_equal(fa_store_user_add(&id, s, "j.devries", FA_ROLE_ADMIN,
					   0, PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "login 'j.devries' is taken: choose another");
	assert_int_equal(fa_store_user_get(&u, s, member, &err), FA_OK);
	assert_string_equal(u.login, "hr_zuid-1");
	assert_int_equal(u.role, FA_ROLE_MEMBER);
	assert_int_equal(u.org, org);
	assert_int_equal(u.disabled, 0);
	assert_int_equal(fa_store_user_get(&u, s, insp, &err), FA_OK);
	assert_int_equal(u.role, FA_ROLE_INSPECTOR);
	assert_int_equal(u.org, 0);
	/* as the schema has them: no organisation but a member's, and
	 * only Argon2id hashes, none holding the password */
	assert_int_equal(count(s, "SELECT count(*) FROM users WHERE "
				  "(role = 'member') = (org IS NOT NULL)"),
			 3);
	assert_int_equal(count(s, "SELECT count(*) FROM users WHERE "
				  "pw_hash LIKE '$argon2id$v=19$m=65536,t=2,"
				  "p=1$%' AND instr(pw_hash, 'horse') = 0"),
			 3);
	assert_int_equal(fa_store_user_list(&list, &n, s, &err), FA_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].login, "hr_zuid-1");
	assert_string_equal(list[1].login, "j.devries");
	assert_string_equal(list[2].login, "root@example.nl");
	free(list);
	assert_int_equal(fa_store_user_get(&u, s, 99, &err), FA_ERR_USAGE);
	assert_says(&err, "no user 99: give one that exists");
	fa_store_close(s);
}

static void test_account__login_check(void **state)
{
	struct fa_store *s = new_store("login.db");
	struct fa_user u;
	struct fa_error err;
	int64_t id = 0, org;
	int ok = -1;

	(void)state;
	fa_error_init(&err);
	org = add_org(s, "12345678", "Zuid Uitzend B.V.");
	assert_int_equal(fa_store_user_add(&id, s, "hr", FA_ROLE_MEMBER, org,
					   PASSWORD, &err),
			 FA_OK);
	assert_int_equal(fa_store_user_check(&u, &ok, s, "hr", PASSWORD, &err),
			 FA_OK);
	assert_int_equal(ok, 1);
	assert_int_equal(u.id, id);
	assert_string_equal(u.login, "hr");
	assert_int_equal(u.org, org);
	assert_int_equal(
	    fa_store_user_check(&u, &ok, s, "hr", PASSWORD "!", &err), FA_OK);
	assert_int_equal(ok, 0);
	assert_int_equal(u.id, 0);
	assert_int_equal(
	    fa_store_user_check(&u, &ok, s, "nobody", PASSWORD, &err), FA_OK);
	assert_int_equal(ok, 0);
	assert_int_equal(u.id, 0);
	assert_int_equal(fa_store_user_set_disabled(s, id, 1, &err), FA_OK);
	assert_int_equal(fa_store_user_check(&u, &ok, s, "hr", PASSWORD, &err),
			 FA_OK);
	assert_int_equal(ok, 0);
	assert_int_equal(u.id, 0);
	assert_int_equal(fa_store_user_get(&u, s, id, &err), FA_OK);
	assert_int_equal(u.disabled, 1);
	assert_int_equal(fa_store_user_set_disabled(s, 99, 1, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "no user 99: give one that exists");
	assert_int_equal(err.n, 0);
	fa_store_close(s);
}

/* t in the form the store keeps times in. */
static void utc(char buf[FA_TIME_SIZE], time_t t)
{
	struct tm tm;

	assert_non_null(gmtime_r(&t, &tm));
	assert_true(strftime(buf, FA_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0);
}

static void test_account__sessions(void **state)
{
	struct fa_store *s = new_store("sessions.db");
	struct fa_session ses, got;
	struct fa_stmt *st = NULL;
	struct fa_error err;
	char token[FA_TOKEN_SIZE], token2[FA_TOKEN_SIZE];
	char digest[FA_SHA256_HEX_LEN], lo[FA_TIME_SIZE], hi[FA_TIME_SIZE];
	int64_t user, other;
	time_t t0, t1;
	int found = -1, row = 0;

	(void)state;
	fa_error_init(&err);
	user = add_user_sql(s, "insp", "inspector", 0);
	other = add_user_sql(s, "admin", "admin", 0);
	t0 = time(NULL);
	assert_int_equal(fa_store_session_new(token, &ses, s, user, 3600, &err),
			 FA_OK);
	t1 = time(NULL);
	/* 32 random bytes as base64 without padding: 43 characters */
	assert_int_equal(strlen(token), 43);
	assert_int_equal(strlen(ses.csrf), 43);
	assert_string_not_equal(token, ses.csrf);
	assert_int_equal(ses.user, user);
	utc(lo, t0 + 3600);
	utc(hi, t1 + 3600);
	assert_true(strcmp(ses.expires, lo) >= 0 &&
		    strcmp(ses.expires, hi) <= 0);
	/* the table holds the token's SHA-256, never the token */
	fa_sha256_buf_hex(digest, token, strlen(token));
	assert_int_equal(fa_db_prepare(&st, s->db,
				       "SELECT token_sha256, user, csrf, "
				       "expires_at FROM sessions",
				       &err),
			 FA_OK);
	assert_int_equal(fa_db_step(&row, st, &err), FA_OK);
	assert_int_equal(row, 1);
	assert_string_equal(fa_db_column_text(st, 0), digest);
	assert_int_equal(fa_db_column_int(st, 1), user);
	assert_string_equal(fa_db_column_text(st, 2), ses.csrf);
	assert_string_equal(fa_db_column_text(st, 3), ses.expires);
	assert_int_equal(fa_db_step(&row, st, &err), FA_OK);
	assert_int_equal(row, 0);
	fa_db_finalize(st);
	assert_null(strstr(fa_db_path(s->db), token));
	/* found by its token */
	assert_int_equal(fa_store_session_get(&got, &found, s, token, &err),
			 FA_OK);
	assert_int_equal(found, 1);
	assert_int_equal(got.user, user);
	assert_string_equal(got.csrf, ses.csrf);
	assert_string_equal(got.expires, ses.expires);
	/* not by its digest, nor by another token */
	assert_int_equal(fa_store_session_get(&got, &found, s, digest, &err),
			 FA_OK);
	assert_int_equal(found, 0);
	assert_int_equal(fa_store_session_get(&got, &found, s, ses.csrf, &err),
			 FA_OK);
	assert_int_equal(found, 0);
	/* ended a second ago: not found, and gone */
	exec(s, "UPDATE sessions SET expires_at = "
		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 second')");
	assert_int_equal(fa_store_session_get(&got, &found, s, token, &err),
			 FA_OK);
	assert_int_equal(found, 0);
	assert_int_equal(got.user, 0);
	assert_int_equal(count(s, "SELECT count(*) FROM sessions"), 0);
	/* logout */
	assert_int_equal(fa_store_session_new(token, &ses, s, user, 60, &err),
			 FA_OK);
	assert_int_equal(fa_store_session_new(token2, &ses, s, other, 60, &err),
			 FA_OK);
	assert_string_not_equal(token, token2);
	assert_int_equal(fa_store_session_end(s, token, &err), FA_OK);
	assert_int_equal(fa_store_session_get(&got, &found, s, token, &err),
			 FA_OK);
	assert_int_equal(found, 0);
	assert_int_equal(fa_store_session_end(s, token, &err), FA_OK);
	/* the other session is still there */
	assert_int_equal(fa_store_session_get(&got, &found, s, token2, &err),
			 FA_OK);
	assert_int_equal(found, 1);
	assert_int_equal(got.user, other);
	/* a user disabled (here behind the library's back): not found, and
	 * gone, so enabling the user again does not bring it back */
	exec(s, "UPDATE users SET disabled = 1 WHERE login = 'admin'");
	assert_int_equal(fa_store_session_get(&got, &found, s, token2, &err),
			 FA_OK);
	assert_int_equal(found, 0);
	exec(s, "UPDATE users SET disabled = 0 WHERE login = 'admin'");
	assert_int_equal(fa_store_session_get(&got, &found, s, token2, &err),
			 FA_OK);
	assert_int_equal(found, 0);
	/* disabling through the library ends the user's sessions at once */
	assert_int_equal(fa_store_session_new(token, &ses, s, user, 60, &err),
			 FA_OK);
	assert_int_equal(count(s, "SELECT count(*) FROM sessions"), 1);
	assert_int_equal(fa_store_user_set_disabled(s, user, 1, &err), FA_OK);
	assert_int_equal(count(s, "SELECT count(*) FROM sessions"), 0);
	/* no session for a user that does not exist, or of no length */
	assert_int_equal(fa_store_session_new(token, &ses, s, 99, 60, &err),
			 FA_ERR_USAGE);
	assert_string_equal(token, "");
	assert_says(&err, "no user 99: give one that exists");
	assert_int_equal(fa_store_session_new(token, &ses, s, other, 0, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "a session of 0 seconds ends before it starts: give "
			  "more than 0");
	fa_store_close(s);
}

static void test_account__assignments(void **state)
{
	struct fa_store *s = new_store("assign.db");
	struct fa_org *list = NULL;
	struct fa_error err;
	int64_t a, b, insp, other, member;
	size_t n = 0;
	int yes = -1;

	(void)state;
	fa_error_init(&err);
	a = add_org(s, "12345678", "Zuid Uitzend B.V.");
	b = add_org(s, "87654321", "Anker Personeel B.V.");
	insp = add_user_sql(s, "insp", "inspector", 0);
	other = add_user_sql(s, "insp2", "inspector", 0);
	member = add_user_sql(s, "hr", "member", a);
	assert_int_equal(fa_store_assign(s, insp, a, &err), FA_OK);
	assert_int_equal(fa_store_assign(s, insp, a, &err), FA_OK);
	assert_int_equal(count(s, "SELECT count(*) FROM assignments"), 1);
	assert_int_equal(fa_store_assigned(&yes, s, insp, a, &err), FA_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(fa_store_assigned(&yes, s, insp, b, &err), FA_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(fa_store_assigned(&yes, s, other, a, &err), FA_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(fa_store_assign(s, member, b, &err), FA_ERR_USAGE);
	assert_says(&err, "user 'hr' is not an inspector but a member: only an "
			  "inspector is assigned to organisations");
	assert_int_equal(fa_store_assign(s, insp, 99, &err), FA_ERR_USAGE);
	assert_says(&err, "no organisation 99: give one that exists");
	assert_int_equal(fa_store_assign(s, 99, a, &err), FA_ERR_USAGE);
	assert_says(&err, "no user 99: give one that exists");
	/* the inspector's organisations, and all of them */
	assert_int_equal(fa_store_org_list(&list, &n, s, insp, &err), FA_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, a);
	free(list);
	assert_int_equal(fa_store_org_list(&list, &n, s, other, &err), FA_OK);
	assert_int_equal(n, 0);
	assert_null(list);
	assert_int_equal(fa_store_org_list(&list, &n, s, 0, &err), FA_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, b); /* Anker before Zuid */
	free(list);
	fa_store_close(s);
}

static void test_account__uploads(void **state)
{
	struct fa_store *s = new_store("uploads.db");
	struct fa_upload u, *list = NULL;
	struct fa_error err;
	char name[400];
	int64_t a, b, user, id1 = 0, id2 = 0, id3 = 0, id4 = 0;
	size_t n = 0, i;
	int found = -1;

	(void)state;
	fa_error_init(&err);
	a = add_org(s, "12345678", "Zuid Uitzend B.V.");
	b = add_org(s, "87654321", "Anker Personeel B.V.");
	user = add_user_sql(s, "hr", "member", a);
	add_run(s, 1);
	add_run(s, 2);
	assert_int_equal(fa_store_upload_add(&id1, s, a, user, "pakket.zip",
					     3122, SHA_ABC, &err),
			 FA_OK);
	assert_int_equal(fa_store_upload_get(&u, s, id1, &err), FA_OK);
	assert_int_equal(u.id, id1);
	assert_int_equal(u.org, a);
	assert_int_equal(u.user, user);
	assert_string_equal(u.filename, "pakket.zip");
	assert_int_equal(u.size, 3122);
	assert_string_equal(u.sha256, SHA_ABC);
	assert_int_equal(strlen(u.created), 20);
	assert_int_equal(u.state, FA_UPLOAD_RECEIVED);
	assert_null(u.problems);
	assert_int_equal(u.run, 0);
	assert_int_equal(u.inspection, 0);
	fa_upload_release(&u);
	/* audited as run 1; a later state with run 0 keeps the run */
	assert_int_equal(
	    fa_store_upload_set(s, id1, FA_UPLOAD_AUDITING, NULL, 0, &err),
	    FA_OK);
	assert_int_equal(
	    fa_store_upload_set(s, id1, FA_UPLOAD_AUDITED, NULL, 1, &err),
	    FA_OK);
	assert_int_equal(fa_store_upload_set_inspection(s, id1, 2, &err),
			 FA_OK);
	assert_int_equal(fa_store_upload_set(s, id1, FA_UPLOAD_AUDITED,
					     "one\ntwo\n", 0, &err),
			 FA_OK);
	assert_int_equal(fa_store_upload_get(&u, s, id1, &err), FA_OK);
	assert_int_equal(u.state, FA_UPLOAD_AUDITED);
	assert_int_equal(u.run, 1);
	assert_int_equal(u.inspection, 2);
	assert_string_equal(u.problems, "one\ntwo\n");
	fa_upload_release(&u);
	assert_null(u.problems);
	/* found by either run */
	assert_int_equal(fa_store_upload_of_run(&u, &found, s, 1, &err), FA_OK);
	assert_int_equal(found, 1);
	assert_int_equal(u.id, id1);
	fa_upload_release(&u);
	assert_int_equal(fa_store_upload_of_run(&u, &found, s, 2, &err), FA_OK);
	assert_int_equal(found, 1);
	assert_int_equal(u.id, id1);
	fa_upload_release(&u);
	assert_int_equal(fa_store_upload_of_run(&u, &found, s, 3, &err), FA_OK);
	assert_int_equal(found, 0);
	/* a name of 300 bytes of two-byte characters: cut to 254 bytes,
	 * the last whole character within 255 */
	for (i = 0; i < 300; i += 2)
		memcpy(name + i, "\xc3\xa9", 2); /* U+00E9 */
	name[300] = '\0';
	assert_int_equal(
	    fa_store_upload_add(&id2, s, a, user, name, 10, SHA_ABC, &err),
	    FA_OK);
	assert_int_equal(fa_store_upload_get(&u, s, id2, &err), FA_OK);
	assert_int_equal(strlen(u.filename), 254);
	assert_memory_equal(u.filename, name, 254);
	fa_upload_release(&u);
	assert_int_equal(
	    fa_store_upload_add(&id3, s, b, user, "b.zip", 10, SHA_ABC, &err),
	    FA_OK);
	assert_int_equal(
	    fa_store_upload_add(&id4, s, a, user, "c.zip", 10, SHA_ABC, &err),
	    FA_OK);
	assert_int_equal(
	    fa_store_upload_set(s, id4, FA_UPLOAD_AUDITING, NULL, 0, &err),
	    FA_OK);
	/* an organisation's, newest first, and all */
	assert_int_equal(fa_store_upload_list(&list, &n, s, a, &err), FA_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].id, id4);
	assert_int_equal(list[1].id, id2);
	assert_int_equal(list[2].id, id1);
	assert_string_equal(list[2].problems, "one\ntwo\n");
	fa_upload_list_free(list, n);
	assert_int_equal(fa_store_upload_list(&list, &n, s, 0, &err), FA_OK);
	assert_int_equal(n, 4);
	assert_int_equal(list[0].id, id4);
	assert_int_equal(list[1].id, id3);
	fa_upload_list_free(list, n);
	/* refused */
	assert_int_equal(
	    fa_store_upload_set(s, 99, FA_UPLOAD_FAILED, NULL, 0, &err),
	    FA_ERR_USAGE);
	assert_says(&err, "no upload 99: give one that exists");
	assert_int_equal(fa_store_upload_set_inspection(s, 99, 1, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "no upload 99: give one that exists");
	assert_int_equal(fa_store_upload_get(&u, s, 99, &err), FA_ERR_USAGE);
	assert_says(&err, "no upload 99: give one that exists");
	assert_int_equal(
	    fa_store_upload_add(&id2, s, a, user, "x.zip", 1, "abc", &err),
	    FA_ERR_USAGE);
	assert_says(&err, "upload of 1 bytes with SHA-256 'abc' refused: give "
			  "its size and 64 hex digits");
	fa_store_close(s);
}

static void test_account__issue_once(void **state)
{
	static const char bin[] = { 'a', '\0', 'b', '\n', '\0' };
	struct fa_store *s = new_store("issue.db");
	struct fa_issued is, got;
	struct fa_error err;
	char msg[160], hex[FA_SHA256_HEX_LEN];
	int64_t insp;
	void *body = NULL;
	size_t len = 0;
	int found = -1;

	(void)state;
	fa_error_init(&err);
	insp = add_user_sql(s, "insp", "inspector", 0);
	add_run(s, 1);
	add_run(s, 2);
	assert_int_equal(fa_store_issue(&is, s, 1, insp, 1, "abc", 3, &err),
			 FA_OK);
	assert_int_equal(is.run, 1);
	assert_int_equal(is.by, insp);
	assert_int_equal(is.nl, 1);
	assert_string_equal(is.sha256, SHA_ABC);
	assert_int_equal(strlen(is.at), 20);
	/* once only */
	assert_int_equal(fa_store_issue(&got, s, 1, insp, 0, "abd", 3, &err),
			 FA_ERR_USAGE);
	snprintf(msg, sizeof(msg),
		 "run 1 was issued at %s: an issued report is never issued "
		 "again",
		 is.at);
	assert_says(&err, msg);
	assert_int_equal(fa_store_issue(&got, s, 9, insp, 0, "abc", 3, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "no run 9: give a stored run");
	assert_int_equal(count(s, "SELECT count(*) FROM issued"), 1);
	/* the same bytes back */
	assert_int_equal(
	    fa_store_issued_get(&got, &found, &body, &len, s, 1, &err), FA_OK);
	assert_int_equal(found, 1);
	assert_int_equal(len, 3);
	assert_memory_equal(body, "abc", 3);
	assert_string_equal(got.sha256, SHA_ABC);
	assert_string_equal(got.at, is.at);
	assert_int_equal(got.by, insp);
	assert_int_equal(got.nl, 1);
	free(body);
	/* bytes that are not text, NULs included */
	assert_int_equal(
	    fa_store_issue(&is, s, 2, insp, 0, bin, sizeof(bin), &err), FA_OK);
	assert_int_equal(
	    fa_store_issued_get(&got, &found, &body, &len, s, 2, &err), FA_OK);
	assert_int_equal(len, sizeof(bin));
	assert_memory_equal(body, bin, sizeof(bin));
	fa_sha256_buf_hex(hex, bin, sizeof(bin));
	assert_string_equal(got.sha256, hex);
	assert_int_equal(got.nl, 0);
	free(body);
	/* without the body; and a run not issued */
	assert_int_equal(
	    fa_store_issued_get(&got, &found, NULL, NULL, s, 2, &err), FA_OK);
	assert_int_equal(found, 1);
	add_run(s, 3);
	assert_int_equal(
	    fa_store_issued_get(&got, &found, &body, &len, s, 3, &err), FA_OK);
	assert_int_equal(found, 0);
	assert_null(body);
	assert_int_equal(err.n, 0);
	fa_store_close(s);
}

static void test_account__action_log_is_append_only(void **state)
{
	struct fa_store *s = new_store("log.db");
	struct fa_log_entry *e = NULL;
	struct fa_error err;
	int64_t user;
	size_t n = 0;

	(void)state;
	fa_error_init(&err);
	user = add_user_sql(s, "insp", "inspector", 0);
	assert_int_equal(fa_store_log(s, 0, "192.0.2.1", "login", NULL,
				      "unknown login", &err),
			 FA_OK);
	assert_int_equal(
	    fa_store_log(s, user, "192.0.2.2", "login", NULL, NULL, &err),
	    FA_OK);
	assert_int_equal(fa_store_log(s, user, "192.0.2.2", "judge", "run 4",
				      "accept", &err),
			 FA_OK);
	assert_int_equal(fa_store_log_list(&e, &n, s, 2, &err), FA_OK);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].action, "judge");
	assert_string_equal(e[0].object, "run 4");
	assert_string_equal(e[0].detail, "accept");
	assert_string_equal(e[0].login, "insp");
	assert_int_equal(e[0].user, user);
	assert_string_equal(e[1].action, "login");
	assert_string_equal(e[1].object, "");
	assert_int_equal(strlen(e[1].at), 20);
	free(e);
	assert_int_equal(fa_store_log_list(&e, &n, s, 10, &err), FA_OK);
	assert_int_equal(n, 3);
	assert_int_equal(e[2].user, 0);
	assert_string_equal(e[2].login, "");
	assert_string_equal(e[2].addr, "192.0.2.1");
	assert_string_equal(e[2].detail, "unknown login");
	free(e);
	/* SQL cannot change or shorten it */
	assert_int_equal(
	    fa_db_exec(s->db, "UPDATE action_log SET detail = ''", &err),
	    FA_ERR_INPUT);
	assert_non_null(
	    strstr(err.diag[0].message, "the action log is append-only"));
	fa_error_init(&err);
	assert_int_equal(
	    fa_db_exec(s->db, "DELETE FROM action_log WHERE id = 1", &err),
	    FA_ERR_INPUT);
	assert_non_null(
	    strstr(err.diag[0].message, "the action log is append-only"));
	fa_error_init(&err);
	assert_int_equal(count(s, "SELECT count(*) FROM action_log"), 3);
	assert_int_equal(
	    count(s, "SELECT count(*) FROM action_log WHERE detail = ''"), 0);
	fa_store_close(s);
}

/* flexaudit.h's calls for `flexaudit user`: the member's organisation
 * added with it, or found; the listing without any hash. */
static void test_account__add_user_and_list(void **state)
{
	struct fa_store *s = new_store("cli.db");
	struct fa_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_store_add_user(s, "hr", "member", "12345678", NULL,
					   PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "no organisation with KvK number 12345678: give its "
			  "name too, to add it");
	assert_int_equal(
	    fa_store_add_user(s, "hr", "member", NULL, NULL, PASSWORD, &err),
	    FA_ERR_USAGE);
	assert_says(&err, "a member belongs to an organisation: give its KvK "
			  "number");
	assert_int_equal(
	    fa_store_add_user(s, "hr", "boss", NULL, NULL, PASSWORD, &err),
	    FA_ERR_USAGE);
	assert_says(&err, "unknown role 'boss': give admin, inspector or "
			  "member");
	assert_int_equal(fa_store_add_user(s, "insp", "inspector", "12345678",
					   NULL, PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "an inspector belongs to no organisation: give no "
			  "KvK number or organisation name");
	/* a short password adds no organisation either */
	assert_int_equal(fa_store_add_user(s, "hr", "member", "12345678",
					   "Zuid B.V.", "short", &err),
			 FA_ERR_USAGE);
	assert_says(&err, "password is 5 bytes: give at least 12");
	assert_int_equal(count(s, "SELECT count(*) FROM orgs"), 0);
	/* a login taken: the organisation added with it is rolled back */
	exec(s, "INSERT INTO users (login, role, pw_hash, created_at) VALUES "
		"('taken', 'admin', 'none', '2026-12-01T00:00:00Z')");
	assert_int_equal(fa_store_add_user(s, "taken", "member", "12345678",
					   "Zuid B.V.", PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "login 'taken' is taken: choose another");
	assert_int_equal(count(s, "SELECT count(*) FROM orgs"), 0);
	/* two hashes */
	assert_int_equal(fa_store_add_user(s, "hr", "member", "12345678",
					   "Zuid B.V.", PASSWORD, &err),
			 FA_OK);
	assert_int_equal(fa_store_add_user(s, "hr2", "member", "12345678",
					   "Noord B.V.", PASSWORD, &err),
			 FA_ERR_USAGE);
	assert_says(&err, "organisation 12345678 is 'Zuid B.V.', not 'Noord "
			  "B.V.': give no name, or its name");
	assert_int_equal(fa_store_add_user(s, "hr2", "member", "12345678", NULL,
					   PASSWORD, &err),
			 FA_OK);
	assert_int_equal(count(s, "SELECT count(*) FROM orgs"), 1);
	assert_int_equal(count(s, "SELECT count(DISTINCT org) FROM users "
				  "WHERE role = 'member'"),
			 1);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(fa_show_users_text(f, s, &err), FA_OK);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(
	    text, "login                          role       disabled  "
		  "organisation\n"
		  "hr                             member     no        "
		  "12345678 Zuid B.V.\n"
		  "hr2                            member     no        "
		  "12345678 Zuid B.V.\n"
		  "taken                          admin      no        -\n");
	assert_null(strstr(text, "argon2"));
	assert_null(strstr(text, PASSWORD));
	free(text);
	fa_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account__role_and_state_names),
		cmocka_unit_test(test_account__orgs),
		cmocka_unit_test(test_account__users_by_role),
		cmocka_unit_test(test_account__login_check),
		cmocka_unit_test(test_account__sessions),
		cmocka_unit_test(test_account__assignments),
		cmocka_unit_test(test_account__uploads),
		cmocka_unit_test(test_account__issue_once),
		cmocka_unit_test(test_account__action_log_is_append_only),
		cmocka_unit_test(test_account__add_user_and_list),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
