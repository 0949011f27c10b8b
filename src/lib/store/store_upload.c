/* SPDX-License-Identifier: MIT */
/*
 * Uploaded packages and issued reports in the audit store (account.h):
 * an upload's record from its arrival to its audit, and the report an
 * inspector issues for a run, kept once and for good with its SHA-256.
 * Uses db and hash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "limits.h"
#include "text.h"

_Static_assert(sizeof(((struct fa_upload *)0)->filename) ==
		   FA_UPLOAD_NAME_MAX + 1,
	       "an upload's file name is FA_UPLOAD_NAME_MAX bytes");

static const char *const state_names[] = {
	"received", "rejected", "auditing", "audited", "failed",
};

#define N_STATES (sizeof(state_names) / sizeof(state_names[0]))

const char *fa_upload_state_name(enum fa_upload_state st)
{
	return (unsigned)st < N_STATES ? state_names[st] : "unknown";
}

static enum fa_upload_state state_parse(const char *s)
{
	size_t i;

	for (i = 0; i < N_STATES; i++)
		if (strcmp(s, state_names[i]) == 0)
			return (enum fa_upload_state)i;
	return FA_UPLOAD_FAILED; /* the CHECK allows no other */
}

/* The length of s cut to at most max bytes at a UTF-8 character. */
static size_t cut_utf8(const char *s, size_t max)
{
	size_t len = strlen(s), i = 0;
	int k;

	if (len <= max)
		return len;
	while (i < max) {
		k = fa_text_utf8_char((const unsigned char *)s + i, len - i,
				      NULL);
		if (k <= 0)
			k = 1; /* not UTF-8: byte by byte */
		if (i + (size_t)k > max)
			break;
		i += (size_t)k;
	}
	return i;
}

enum fa_code fa_store_upload_add(int64_t *id, struct fa_store *s, int64_t org,
				 int64_t user, const char *filename,
				 int64_t size, const char *sha256,
				 struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	char now[FA_TIME_SIZE];
	enum fa_code rc;
	int row;

	*id = 0;
	if (!fa_sha256_hex_valid(sha256) || size < 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "upload of %lld bytes with SHA-256 '%.64s' "
				    "refused: give its size and 64 hex digits",
				    (long long)size, sha256);
	fa_store_now(now);
	rc = fa_db_prepare(&st, s->db,
			   "INSERT INTO uploads (org, user, filename, size, "
			   "sha256, created_at, state) VALUES (?1, ?2, ?3, "
			   "?4, lower(?5), ?6, 'received')",
			   err);
	if (rc == FA_OK) {
		fa_db_bind_int(st, 1, org);
		fa_db_bind_int(st, 2, user);
		fa_db_bind_text(st, 3, filename,
				cut_utf8(filename, FA_UPLOAD_NAME_MAX));
		fa_db_bind_int(st, 4, size);
		fa_store_bind_str(st, 5, sha256);
		fa_store_bind_str(st, 6, now);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	if (rc == FA_OK)
		*id = fa_db_last_insert_rowid(s->db);
	return rc;
}

/* Step st, an UPDATE of upload id, and say so when there is no such
 * upload. */
static enum fa_code update_upload(struct fa_store *s, struct fa_stmt *st,
				  int64_t id, struct fa_error *err)
{
	int64_t n = 0;
	enum fa_code rc;
	int row;

	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK)
		rc = fa_db_query_int(&n, s->db, "SELECT changes()", err);
	if (rc == FA_OK && n == 0)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no upload %lld: give one that exists",
				  (long long)id);
	return rc;
}

enum fa_code fa_store_upload_set(struct fa_store *s, int64_t id,
				 enum fa_upload_state st, const char *problems,
				 int64_t run, struct fa_error *err)
{
	struct fa_stmt *q = NULL;
	enum fa_code rc;

	rc = fa_db_prepare(&q, s->db,
			   "UPDATE uploads SET state = ?2, problems = ?3, "
			   "run = CASE WHEN ?4 = 0 THEN run ELSE ?4 END "
			   "WHERE id = ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(q, 1, id);
	fa_store_bind_str(q, 2, fa_upload_state_name(st));
	fa_store_bind_str(q, 3, problems);
	fa_db_bind_int(q, 4, run);
	rc = update_upload(s, q, id, err);
	fa_db_finalize(q);
	return rc;
}

enum fa_code fa_store_upload_set_inspection(struct fa_store *s, int64_t id,
					    int64_t run, struct fa_error *err)
{
	struct fa_stmt *q = NULL;
	enum fa_code rc;

	rc = fa_db_prepare(
	    &q, s->db, "UPDATE uploads SET inspection = ?2 WHERE id = ?1", err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(q, 1, id);
	if (run)
		fa_db_bind_int(q, 2, run);
	else
		fa_db_bind_null(q, 2);
	rc = update_upload(s, q, id, err);
	fa_db_finalize(q);
	return rc;
}

#define UPLOAD_COLUMNS                                                         \
	"id, org, user, filename, size, sha256, created_at, state, problems, " \
	"run, inspection"

/* The current row into out: 0, or -1 out of memory (out released). */
static int read_upload(struct fa_upload *out, struct fa_stmt *st)
{
	memset(out, 0, sizeof(*out));
	out->id = fa_db_column_int(st, 0);
	out->org = fa_db_column_int(st, 1);
	out->user = fa_db_column_int(st, 2);
	snprintf(out->filename, sizeof(out->filename), "%s",
		 fa_db_column_text(st, 3));
	out->size = fa_db_column_int(st, 4);
	snprintf(out->sha256, sizeof(out->sha256), "%s",
		 fa_db_column_text(st, 5));
	snprintf(out->created, sizeof(out->created), "%s",
		 fa_db_column_text(st, 6));
	out->state = state_parse(fa_db_column_text(st, 7));
	out->run = fa_db_column_int(st, 9);
	out->inspection = fa_db_column_int(st, 10);
	if (!fa_db_column_is_null(st, 8) &&
	    !(out->problems = fa_text_dup(fa_db_column_text(st, 8))))
		return -1;
	return 0;
}

void fa_upload_release(struct fa_upload *u)
{
	if (!u)
		return;
	free(u->problems);
	u->problems = NULL;
}

void fa_upload_list_free(struct fa_upload *u, size_t n)
{
	size_t i;

	for (i = 0; u && i < n; i++)
		fa_upload_release(&u[i]);
	free(u);
}

/* The first row of sql with ?1 bound to key into out (*found). */
static enum fa_code upload_one(struct fa_upload *out, int *found,
			       struct fa_store *s, const char *sql, int64_t key,
			       struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	*found = 0;
	memset(out, 0, sizeof(*out));
	rc = fa_db_prepare(&st, s->db, sql, err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, key);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row) {
		if (read_upload(out, st) != 0)
			rc = fa_error_nomem(err, NULL);
		else
			*found = 1;
	}
	fa_db_finalize(st);
	return rc;
}

enum fa_code fa_store_upload_get(struct fa_upload *out, struct fa_store *s,
				 int64_t id, struct fa_error *err)
{
	enum fa_code rc;
	int found = 0;

	rc = upload_one(out, &found, s,
			"SELECT " UPLOAD_COLUMNS " FROM uploads WHERE id = ?1",
			id, err);
	if (rc == FA_OK && !found)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no upload %lld: give one that exists",
				  (long long)id);
	return rc;
}

enum fa_code fa_store_upload_of_run(struct fa_upload *out, int *found,
				    struct fa_store *s, int64_t run,
				    struct fa_error *err)
{
	return upload_one(out, found, s,
			  "SELECT " UPLOAD_COLUMNS " FROM uploads WHERE "
			  "run = ?1 OR inspection = ?1 ORDER BY id DESC "
			  "LIMIT 1",
			  run, err);
}

enum fa_code fa_store_upload_list(struct fa_upload **out, size_t *n,
				  struct fa_store *s, int64_t org,
				  struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_upload *v = NULL, *grown;
	size_t k = 0, cap = 0;
	enum fa_code rc;
	int row = 0;

	*out = NULL;
	*n = 0;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT " UPLOAD_COLUMNS " FROM uploads WHERE "
			   "?1 = 0 OR org = ?1 ORDER BY id DESC",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, org);
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row) {
		if (k == cap) {
			cap = cap ? 2 * cap : 8;
			grown = realloc(v, cap * sizeof(*v));
			if (!grown) {
				rc = fa_error_nomem(err, NULL);
				break;
			}
			v = grown;
		}
		if (read_upload(&v[k], st) != 0) {
			rc = fa_error_nomem(err, NULL);
			break;
		}
		k++;
	}
	fa_db_finalize(st);
	if (rc != FA_OK || !k) {
		fa_upload_list_free(v, k);
		return rc;
	}
	*out = v;
	*n = k;
	return FA_OK;
}

/* ---- issued reports ------------------------------------------------------
 */

static void read_issued(struct fa_issued *out, struct fa_stmt *st)
{
	memset(out, 0, sizeof(*out));
	out->run = fa_db_column_int(st, 0);
	snprintf(out->sha256, sizeof(out->sha256), "%s",
		 fa_db_column_text(st, 1));
	snprintf(out->at, sizeof(out->at), "%s", fa_db_column_text(st, 2));
	out->by = fa_db_column_int(st, 3);
	out->nl = fa_db_column_int(st, 4) != 0;
}

enum fa_code fa_store_issue(struct fa_issued *out, struct fa_store *s,
			    int64_t run, int64_t by, int nl, const void *body,
			    size_t len, struct fa_error *err)
{
	struct fa_issued had;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int64_t exists = 0;
	int found = 0, row;

	memset(out, 0, sizeof(*out));
	rc = fa_store_begin(s, err);
	if (rc != FA_OK)
		return rc;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT count(*) FROM runs WHERE id = ?1", err);
	if (rc == FA_OK) {
		fa_db_bind_int(st, 1, run);
		rc = fa_db_step(&row, st, err);
		if (rc == FA_OK && row)
			exists = fa_db_column_int(st, 0);
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK && !exists)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no run %lld: give a stored run",
				  (long long)run);
	if (rc == FA_OK)
		rc = fa_store_issued_get(&had, &found, NULL, NULL, s, run, err);
	if (rc == FA_OK && found)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "run %lld was issued at %s: an issued "
				  "report is never issued again",
				  (long long)run, had.at);
	if (rc == FA_OK) {
		out->run = run;
		out->by = by;
		out->nl = nl != 0;
		fa_sha256_buf_hex(out->sha256, body, len);
		fa_store_now(out->at);
		rc = fa_db_prepare(&st, s->db,
				   "INSERT INTO issued (run, sha256, at, by, "
				   "nl, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				   err);
	}
	if (rc == FA_OK) {
		fa_db_bind_int(st, 1, run);
		fa_store_bind_str(st, 2, out->sha256);
		fa_store_bind_str(st, 3, out->at);
		fa_db_bind_int(st, 4, by);
		fa_db_bind_int(st, 5, out->nl);
		fa_db_bind_blob(st, 6, body, len);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	if (rc == FA_OK)
		rc = fa_store_commit(s, err);
	if (rc != FA_OK) {
		fa_store_rollback(s);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

enum fa_code fa_store_issued_get(struct fa_issued *out, int *found, void **body,
				 size_t *len, struct fa_store *s, int64_t run,
				 struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_db_value v;
	enum fa_code rc;
	int row = 0;

	*found = 0;
	memset(out, 0, sizeof(*out));
	if (body) {
		*body = NULL;
		*len = 0;
	}
	rc = fa_db_prepare(&st, s->db,
			   "SELECT run, sha256, at, by, nl, body FROM issued "
			   "WHERE run = ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, run);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row && body) {
		/* the body first: reading another column may not touch it,
		 * but reading it as text could convert it */
		fa_db_column_value(&v, st, 5);
		*body = malloc(v.len ? v.len : 1);
		if (!*body) {
			rc = fa_error_nomem(err, NULL);
		} else {
			if (v.len)
				memcpy(*body, v.s, v.len);
			*len = v.len;
		}
	}
	if (rc == FA_OK && row) {
		read_issued(out, st);
		*found = 1;
	}
	fa_db_finalize(st);
	return rc;
}
