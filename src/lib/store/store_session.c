/* SPDX-License-Identifier: MIT */
/*
 * Login sessions in the audit store (account.h): a session is found by
 * the SHA-256 of its token, never the token, so that a copy of the store
 * (a backup, a file read through a bug) opens no session. A session
 * that has ended, or whose user is disabled, is deleted when it is
 * looked up. Times are UTC in fa_store_now's form, which sorts as text.
 * Uses db, hash and secret.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "limits.h"
#include "secret.h"

_Static_assert(FA_TOKEN_SIZE == 4 * FA_TOKEN_BYTES / 3 + 2,
	       "a token is FA_TOKEN_BYTES as base64 without padding");

/* t as fa_store_now writes it. */
static void utc(char buf[FA_TIME_SIZE], time_t t)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, FA_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, FA_TIME_SIZE, "unknown");
}

enum fa_code fa_store_session_new(char token[FA_TOKEN_SIZE],
				  struct fa_session *out, struct fa_store *s,
				  int64_t user, long seconds,
				  struct fa_error *err)
{
	char digest[FA_SHA256_HEX_LEN], now[FA_TIME_SIZE];
	struct fa_stmt *st = NULL;
	struct fa_user u;
	time_t t = time(NULL);
	enum fa_code rc;
	int row;

	token[0] = '\0';
	memset(out, 0, sizeof(*out));
	if (seconds <= 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "a session of %ld seconds ends before it "
				    "starts: give more than 0",
				    seconds);
	rc = fa_store_user_get(&u, s, user, err);
	if (rc == FA_OK)
		rc = fa_secret_token(token, FA_TOKEN_SIZE, FA_TOKEN_BYTES, err);
	if (rc == FA_OK)
		rc = fa_secret_token(out->csrf, sizeof(out->csrf),
				     FA_TOKEN_BYTES, err);
	if (rc != FA_OK)
		goto out;
	fa_sha256_buf_hex(digest, token, strlen(token));
	utc(now, t);
	utc(out->expires, t + (time_t)seconds);
	out->user = user;
	rc = fa_db_prepare(&st, s->db,
			   "INSERT INTO sessions (token_sha256, user, csrf, "
			   "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, "
			   "?5)",
			   err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, digest);
		fa_db_bind_int(st, 2, user);
		fa_store_bind_str(st, 3, out->csrf);
		fa_store_bind_str(st, 4, now);
		fa_store_bind_str(st, 5, out->expires);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
out:
	if (rc != FA_OK) {
		token[0] = '\0';
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

/* Delete the session whose token has this digest. */
static enum fa_code delete_digest(struct fa_store *s, const char *digest,
				  struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row;

	rc = fa_db_prepare(&st, s->db,
			   "DELETE FROM sessions WHERE token_sha256 = ?1", err);
	if (rc == FA_OK) {
		fa_store_bind_str(st, 1, digest);
		rc = fa_db_step(&row, st, err);
	}
	fa_db_finalize(st);
	return rc;
}

enum fa_code fa_store_session_get(struct fa_session *out, int *found,
				  struct fa_store *s, const char *token,
				  struct fa_error *err)
{
	char digest[FA_SHA256_HEX_LEN], now[FA_TIME_SIZE];
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0, ended = 0;

	*found = 0;
	memset(out, 0, sizeof(*out));
	fa_sha256_buf_hex(digest, token, strlen(token));
	fa_store_now(now);
	rc = fa_db_prepare(&st, s->db,
			   "SELECT s.user, s.csrf, s.expires_at, "
			   "s.expires_at <= ?2 OR u.disabled <> 0 FROM "
			   "sessions s JOIN users u ON u.id = s.user WHERE "
			   "s.token_sha256 = ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_store_bind_str(st, 1, digest);
	fa_store_bind_str(st, 2, now);
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row) {
		out->user = fa_db_column_int(st, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s",
			 fa_db_column_text(st, 1));
		snprintf(out->expires, sizeof(out->expires), "%s",
			 fa_db_column_text(st, 2));
		ended = fa_db_column_int(st, 3) != 0;
	}
	fa_db_finalize(st);
	if (rc != FA_OK || !row || ended) {
		memset(out, 0, sizeof(*out));
		/* an ended session, or one of a disabled user, is gone for
		 * good: enabling the user again does not bring it back */
		if (rc == FA_OK && ended)
			rc = delete_digest(s, digest, err);
		return rc;
	}
	*found = 1;
	return FA_OK;
}

enum fa_code fa_store_session_end(struct fa_store *s, const char *token,
				  struct fa_error *err)
{
	char digest[FA_SHA256_HEX_LEN];

	fa_sha256_buf_hex(digest, token, strlen(token));
	return delete_digest(s, digest, err);
}
