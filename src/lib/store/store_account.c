/* SPDX-License-Identifier: MIT */
/*
 * The portal's organisations, users and assignments in the audit store
 * (account.h), and the two calls `flexaudit user` makes through
 * flexaudit.h: a user added with the organisation a member belongs to,
 * and the users listed. Passwords are hashed by secret.c and the hash
 * never leaves this file. Uses db and secret.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "secret.h"
#include "text.h"

static const char *const role_names[] = { "admin", "inspector", "member" };

/* "an admin", "an inspector", "a member". */
static const char *article(enum fa_role r)
{
	return r == FA_ROLE_MEMBER ? "a" : "an";
}

const char *fa_role_name(enum fa_role r)
{
	return (unsigned)r < 3 ? role_names[r] : "unknown";
}

int fa_role_parse(enum fa_role *out, const char *s)
{
	int i;

	for (i = 0; s && i < 3; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum fa_role)i;
			return 0;
		}
	return -1;
}

/* Copy s into a fixed field of size bytes (cut if it must be). */
static void copy_field(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s ? s : "");
}

static int kvk_valid(const char *kvk)
{
	size_t i;

	for (i = 0; kvk[i]; i++)
		if (kvk[i] < '0' || kvk[i] > '9')
			return 0;
	return i == FA_KVK_SIZE - 1;
}

static enum fa_code check_kvk(const char *kvk, struct fa_error *err)
{
	char sh[FA_TEXT_SHOW_MAX + 4];

	if (!kvk_valid(kvk))
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "KvK number '%s' is not 8 digits: give "
				    "the organisation's number in the Dutch "
				    "trade register, such as 12345678",
				    fa_text_show(sh, kvk));
	return FA_OK;
}

/* An organisation's name: 1 to FA_ORG_NAME_SIZE - 1 bytes of UTF-8
 * without control characters (it is shown in pages and terminals). */
static enum fa_code check_org_name(const char *name, struct fa_error *err)
{
	char sh[FA_TEXT_SHOW_MAX + 4];
	size_t len = strlen(name), i;
	int k;

	if (!len)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "organisation name is empty: give the "
				    "name the trade register gives");
	if (len > FA_ORG_NAME_SIZE - 1)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "organisation name '%s' is %zu bytes: "
				    "give at most %d",
				    fa_text_show(sh, name), len,
				    FA_ORG_NAME_SIZE - 1);
	for (i = 0; i < len; i += (size_t)k) {
		k = fa_text_utf8_char((const unsigned char *)name + i, len - i,
				      NULL);
		if (k <= 0)
			return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					    "organisation name is not UTF-8 "
					    "(byte %zu): give it as UTF-8 "
					    "text",
					    i + 1);
	}
	if (fa_text_control(name, len) >= 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "organisation name '%s' has a control "
				    "character: give it without",
				    fa_text_show(sh, name));
	return FA_OK;
}

static void read_org(struct fa_org *out, struct fa_stmt *st)
{
	out->id = fa_db_column_int(st, 0);
	copy_field(out->kvk, sizeof(out->kvk), fa_db_column_text(st, 1));
	copy_field(out->name, sizeof(out->name), fa_db_column_text(st, 2));
}

enum fa_code fa_store_org_add(int64_t *id, struct fa_store *s, const char *kvk,
			      const char *name, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_org have;
	struct fa_error quiet;
	enum fa_code rc;
	char now[32];
	int row;

	*id = 0;
	rc = check_kvk(kvk, err);
	if (rc == FA_OK)
		rc = check_org_name(name, err);
	if (rc != FA_OK)
		return rc;
	fa_error_init(&quiet);
	rc = fa_store_org_by_kvk(&have, s, kvk, &quiet);
	if (rc == FA_OK)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "an organisation with KvK number %s "
				    "exists: '%s'; give another number",
				    kvk, have.name);
	if (rc != FA_ERR_USAGE)
		return fa_error_add(err, rc, NULL, 0, 0, "%s",
				    quiet.diag[0].message);
	fa_store_now(now);
	rc = fa_db_prepare(&st, s->db,
			   "INSERT INTO orgs (kvk, name, created_at) "
			   "VALUES (?1, ?2, ?3)",
			   err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, kvk);
		fa_store_bind_str(st, 2, name);
		fa_store_bind_str(st, 3, now);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	if (rc == FA_OK)
		*id = fa_db_last_insert_rowid(s->db);
	return rc;
}

/* The one organisation of sql with ?1 bound to id or kvk. */
static enum fa_code org_one(struct fa_org *out, struct fa_store *s,
			    const char *sql, int64_t id, const char *kvk,
			    struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	memset(out, 0, sizeof(*out));
	rc = fa_db_prepare(&st, s->db, sql, err);
	if (rc != FA_OK)
		return rc;
	if (kvk)
		fa_store_bind_str(st, 1, kvk);
	else
		fa_db_bind_int(st, 1, id);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row)
		read_org(out, st);
	fa_db_finalize(st);
	if (rc == FA_OK && !row) {
		char sh[FA_TEXT_SHOW_MAX + 4];

		if (kvk)
			rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					  "no organisation with KvK number "
					  "'%s': add it first",
					  fa_text_show(sh, kvk));
		else
			rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					  "no organisation %lld: give one "
					  "that exists",
					  (long long)id);
	}
	return rc;
}

enum fa_code fa_store_org_get(struct fa_org *out, struct fa_store *s,
			      int64_t id, struct fa_error *err)
{
	return org_one(out, s, "SELECT id, kvk, name FROM orgs WHERE id = ?1",
		       id, NULL, err);
}

enum fa_code fa_store_org_by_kvk(struct fa_org *out, struct fa_store *s,
				 const char *kvk, struct fa_error *err)
{
	return org_one(out, s, "SELECT id, kvk, name FROM orgs WHERE kvk = ?1",
		       0, kvk, err);
}

/* Grow *v (of *cap entries of size bytes) to hold n + 1: 0 or -1. */
static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? 2 * *cap : 8;
	p = realloc(*v, c * size);
	if (!p)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

enum fa_code fa_store_org_list(struct fa_org **out, size_t *n,
			       struct fa_store *s, int64_t inspector,
			       struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_org *v = NULL;
	size_t k = 0, cap = 0;
	enum fa_code rc;
	int row = 0;

	*out = NULL;
	*n = 0;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT id, kvk, name FROM orgs WHERE ?1 = 0 OR "
			   "id IN (SELECT org FROM assignments WHERE "
			   "inspector = ?1) ORDER BY name, kvk",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, inspector);
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row) {
		if (grow((void **)&v, &cap, k, sizeof(*v)) != 0) {
			rc = fa_error_nomem(err, NULL);
			break;
		}
		read_org(&v[k++], st);
	}
	fa_db_finalize(st);
	if (rc != FA_OK) {
		free(v);
		return rc;
	}
	if (!k) {
		free(v);
		v = NULL;
	}
	*out = v;
	*n = k;
	return FA_OK;
}

/* ---- users ---------------------------------------------------------------
 */

static int login_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
	       c == '_' || c == '@' || c == '-';
}

static enum fa_code check_login(const char *login, struct fa_error *err)
{
	char sh[FA_TEXT_SHOW_MAX + 4];
	size_t len = strlen(login), i;

	if (!len)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "login is empty: give 1 to %d characters "
				    "of a-z 0-9 . _ @ -",
				    FA_LOGIN_SIZE - 1);
	if (len > FA_LOGIN_SIZE - 1)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "login '%s' is %zu bytes: give at most "
				    "%d",
				    fa_text_show(sh, login), len,
				    FA_LOGIN_SIZE - 1);
	for (i = 0; i < len; i++)
		if (!login_char(login[i]))
			return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					    "login '%s' has a character "
					    "other than a-z 0-9 . _ @ -: "
					    "choose a login of those",
					    fa_text_show(sh, login));
	return FA_OK;
}

/* The password's length only: it is never part of a message. */
static enum fa_code check_password(const char *password, struct fa_error *err)
{
	size_t len = strlen(password);

	if (len < FA_PASSWORD_MIN)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "password is %zu bytes: give at least %d",
				    len, FA_PASSWORD_MIN);
	if (len > FA_PASSWORD_MAX)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "password is %zu bytes: give at most %d",
				    len, FA_PASSWORD_MAX);
	return FA_OK;
}

static enum fa_code check_user_org(struct fa_store *s, const char *login,
				   enum fa_role role, int64_t org,
				   struct fa_error *err)
{
	struct fa_org o;

	if (role == FA_ROLE_MEMBER && org == 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "user '%s' is a member without an "
				    "organisation: give the organisation it "
				    "belongs to",
				    login);
	if (role != FA_ROLE_MEMBER && org != 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "user '%s' is an %s and belongs to no "
				    "organisation: give none (an inspector "
				    "is assigned to organisations instead)",
				    login, fa_role_name(role));
	if (org != 0)
		return fa_store_org_get(&o, s, org, err);
	return FA_OK;
}

/* *taken 1 if a user has login. */
static enum fa_code login_taken(int *taken, struct fa_store *s,
				const char *login, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	*taken = 0;
	rc = fa_db_prepare(&st, s->db, "SELECT 1 FROM users WHERE login = ?1",
			   err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, login);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	*taken = rc == FA_OK && row;
	return rc;
}

enum fa_code fa_store_user_add(int64_t *id, struct fa_store *s,
			       const char *login, enum fa_role role,
			       int64_t org, const char *password,
			       struct fa_error *err)
{
	char hash[FA_SECRET_HASH_SIZE], now[32];
	struct fa_stmt *st = NULL;
	struct fa_error quiet;
	enum fa_code rc;
	int taken = 0, row;

	*id = 0;
	rc = check_login(login, err);
	if (rc == FA_OK)
		rc = check_password(password, err);
	if (rc == FA_OK)
		rc = check_user_org(s, login, role, org, err);
	if (rc == FA_OK)
		rc = login_taken(&taken, s, login, err);
	if (rc == FA_OK && taken)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "login '%s' is taken: choose another", login);
	if (rc == FA_OK)
		rc = fa_secret_hash(hash, password, strlen(password), err);
	if (rc != FA_OK)
		return rc;
	fa_store_now(now);
	fa_error_init(&quiet);
	rc = fa_db_prepare(&st, s->db,
			   "INSERT INTO users (login, role, org, pw_hash, "
			   "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
			   err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, login);
		fa_store_bind_str(st, 2, fa_role_name(role));
		if (org)
			fa_db_bind_int(st, 3, org);
		else
			fa_db_bind_null(st, 3);
		fa_store_bind_str(st, 4, hash);
		fa_store_bind_str(st, 5, now);
		rc = fa_db_step(&row, st, &quiet);
	}
	fa_db_finalize(st);
	if (rc == FA_ERR_INPUT)
		/* another writer took the login since the check */
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "login '%s' is taken: choose another", login);
	else if (rc != FA_OK && quiet.n)
		rc = fa_error_add(err, rc, NULL, 0, 0, "%s",
				  quiet.diag[0].message);
	if (rc == FA_OK)
		*id = fa_db_last_insert_rowid(s->db);
	return rc;
}

#define USER_COLUMNS "id, login, role, org, disabled"

static void read_user(struct fa_user *out, struct fa_stmt *st)
{
	memset(out, 0, sizeof(*out));
	out->id = fa_db_column_int(st, 0);
	copy_field(out->login, sizeof(out->login), fa_db_column_text(st, 1));
	if (fa_role_parse(&out->role, fa_db_column_text(st, 2)) != 0)
		out->role = FA_ROLE_MEMBER; /* the CHECK allows no other */
	out->org = fa_db_column_int(st, 3);
	out->disabled = fa_db_column_int(st, 4) != 0;
}

enum fa_code fa_store_user_get(struct fa_user *out, struct fa_store *s,
			       int64_t id, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	memset(out, 0, sizeof(*out));
	rc = fa_db_prepare(&st, s->db,
			   "SELECT " USER_COLUMNS " FROM users WHERE id = ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, id);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row)
		read_user(out, st);
	fa_db_finalize(st);
	if (rc == FA_OK && !row)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no user %lld: give one that exists",
				  (long long)id);
	return rc;
}

enum fa_code fa_store_user_set_disabled(struct fa_store *s, int64_t id,
					int disabled, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_user u;
	enum fa_code rc;
	int row;

	rc = fa_store_begin(s, err);
	if (rc != FA_OK)
		return rc;
	rc = fa_store_user_get(&u, s, id, err);
	if (rc == FA_OK)
		rc = fa_db_prepare(
		    &st, s->db, "UPDATE users SET disabled = ?2 WHERE id = ?1",
		    err);
	if (rc == FA_OK) {
		fa_db_bind_int(st, 1, id);
		fa_db_bind_int(st, 2, disabled != 0);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK && disabled)
		rc = fa_db_prepare(&st, s->db,
				   "DELETE FROM sessions WHERE user = ?1", err);
	if (rc == FA_OK && disabled) {
		fa_db_bind_int(st, 1, id);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK)
		fa_store_rollback(s);
	return rc;
}

enum fa_code fa_store_user_list(struct fa_user **out, size_t *n,
				struct fa_store *s, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_user *v = NULL;
	size_t k = 0, cap = 0;
	enum fa_code rc;
	int row = 0;

	*out = NULL;
	*n = 0;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT " USER_COLUMNS " FROM users ORDER BY login",
			   err);
	if (rc != FA_OK)
		return rc;
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row) {
		if (grow((void **)&v, &cap, k, sizeof(*v)) != 0) {
			rc = fa_error_nomem(err, NULL);
			break;
		}
		read_user(&v[k++], st);
	}
	fa_db_finalize(st);
	if (rc != FA_OK || !k) {
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return FA_OK;
}

enum fa_code fa_store_user_check(struct fa_user *out, int *ok,
				 struct fa_store *s, const char *login,
				 const char *password, struct fa_error *err)
{
	char hash[FA_SECRET_HASH_SIZE];
	struct fa_stmt *st = NULL;
	size_t len = strlen(password);
	enum fa_code rc;
	int row = 0, match;

	*ok = 0;
	memset(out, 0, sizeof(*out));
	rc = fa_db_prepare(&st, s->db,
			   "SELECT " USER_COLUMNS ", pw_hash FROM users "
			   "WHERE login = ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_store_bind_str(st, 1, login);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row) {
		read_user(out, st);
		copy_field(hash, sizeof(hash), fa_db_column_text(st, 5));
	}
	fa_db_finalize(st);
	if (rc != FA_OK) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	/* no password is longer than FA_PASSWORD_MAX: hash no more of a
	 * longer one than that, and let it match nothing */
	if (len > FA_PASSWORD_MAX)
		row = 0;
	if (!row) {
		fa_secret_verify_none(
		    password, len > FA_PASSWORD_MAX ? FA_PASSWORD_MAX : len);
		memset(out, 0, sizeof(*out));
		return FA_OK;
	}
	/* a disabled user's password is checked too: the same time */
	match = fa_secret_verify(hash, password, len);
	if (!match || out->disabled) {
		memset(out, 0, sizeof(*out));
		return FA_OK;
	}
	*ok = 1;
	return FA_OK;
}

/* ---- assignments ---------------------------------------------------------
 */

enum fa_code fa_store_assign(struct fa_store *s, int64_t inspector, int64_t org,
			     struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_user u;
	struct fa_org o;
	enum fa_code rc;
	int row;

	rc = fa_store_user_get(&u, s, inspector, err);
	if (rc == FA_OK && u.role != FA_ROLE_INSPECTOR)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "user '%s' is not an inspector but %s %s: "
				  "only an inspector is assigned to "
				  "organisations",
				  u.login, article(u.role),
				  fa_role_name(u.role));
	if (rc == FA_OK)
		rc = fa_store_org_get(&o, s, org, err);
	if (rc == FA_OK)
		rc = fa_db_prepare(&st, s->db,
				   "INSERT OR IGNORE INTO assignments "
				   "(inspector, org) VALUES (?1, ?2)",
				   err);
	if (rc == FA_OK) {
		fa_db_bind_int(st, 1, inspector);
		fa_db_bind_int(st, 2, org);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	return rc;
}

enum fa_code fa_store_assigned(int *yes, struct fa_store *s, int64_t inspector,
			       int64_t org, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	*yes = 0;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT 1 FROM assignments WHERE inspector = ?1 "
			   "AND org = ?2",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, inspector);
	fa_db_bind_int(st, 2, org);
	rc = fa_db_step(&row, st, err);
	fa_db_finalize(st);
	*yes = rc == FA_OK && row;
	return rc;
}

/* ---- flexaudit user (flexaudit.h) ----------------------------------------
 */

/* The organisation of a new member: kvk's, added with org_name if the
 * store has none yet. */
static enum fa_code member_org(int64_t *org, struct fa_store *s,
			       const char *kvk, const char *org_name,
			       struct fa_error *err)
{
	char sh[FA_TEXT_SHOW_MAX + 4], sh2[FA_TEXT_SHOW_MAX + 4];
	struct fa_error quiet;
	struct fa_org o;
	enum fa_code rc;

	*org = 0;
	if (!kvk)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "a member belongs to an organisation: "
				    "give its KvK number");
	rc = check_kvk(kvk, err);
	if (rc != FA_OK)
		return rc;
	fa_error_init(&quiet);
	rc = fa_store_org_by_kvk(&o, s, kvk, &quiet);
	if (rc == FA_OK) {
		if (org_name && strcmp(org_name, o.name) != 0)
			return fa_error_add(
			    err, FA_ERR_USAGE, NULL, 0, 0,
			    "organisation %s is '%s', not '%s': give no "
			    "name, or its name",
			    kvk, fa_text_show(sh, o.name),
			    fa_text_show(sh2, org_name));
		*org = o.id;
		return FA_OK;
	}
	if (rc != FA_ERR_USAGE)
		return fa_error_add(err, rc, NULL, 0, 0, "%s",
				    quiet.diag[0].message);
	if (!org_name)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "no organisation with KvK number %s: "
				    "give its name too, to add it",
				    kvk);
	return fa_store_org_add(org, s, kvk, org_name, err);
}

enum fa_code fa_store_add_user(struct fa_store *s, const char *login,
			       const char *role, const char *kvk,
			       const char *org_name, const char *password,
			       struct fa_error *err)
{
	char sh[FA_TEXT_SHOW_MAX + 4];
	enum fa_role r;
	enum fa_code rc;
	int64_t org = 0, id = 0;

	if (!role || fa_role_parse(&r, role) != 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "unknown role '%s': give admin, "
				    "inspector or member",
				    role ? fa_text_show(sh, role) : "");
	if (r != FA_ROLE_MEMBER && (kvk || org_name))
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "an %s belongs to no organisation: give "
				    "no KvK number or organisation name",
				    role);
	/* what needs no store first: a wrong login or password adds no
	 * organisation */
	rc = check_login(login, err);
	if (rc == FA_OK)
		rc = check_password(password, err);
	if (rc != FA_OK)
		return rc;
	rc = fa_store_begin(s, err);
	if (rc != FA_OK)
		return rc;
	if (r == FA_ROLE_MEMBER)
		rc = member_org(&org, s, kvk, org_name, err);
	if (rc == FA_OK)
		rc = fa_store_user_add(&id, s, login, r, org, password, err);
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK)
		fa_store_rollback(s);
	return rc;
}

enum fa_code fa_show_users_text(FILE *out, struct fa_store *s,
				struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t n = 0;
	int row = 0;

	rc = fa_db_prepare(&st, s->db,
			   "SELECT u.login, u.role, o.kvk, o.name, "
			   "u.disabled FROM users u LEFT JOIN orgs o ON "
			   "o.id = u.org ORDER BY u.login",
			   err);
	if (rc != FA_OK)
		return rc;
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row) {
		if (!n++)
			fprintf(out, "%-30s %-10s %-8s  %s\n", "login", "role",
				"disabled", "organisation");
		fa_text_write(out, "%-30s %-10s %-8s  %s%s%s\n",
			      fa_db_column_text(st, 0),
			      fa_db_column_text(st, 1),
			      fa_db_column_int(st, 4) ? "yes" : "no",
			      fa_db_column_text(st, 2),
			      fa_db_column_is_null(st, 2) ? "-" : " ",
			      fa_db_column_text(st, 3));
	}
	fa_db_finalize(st);
	if (rc == FA_OK && !n)
		fprintf(out, "no users\n");
	return rc;
}
