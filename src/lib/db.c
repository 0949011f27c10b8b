/* SPDX-License-Identifier: MIT */
/*
 * SQLite behind a small typed interface; the only sqlite3 caller.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"

struct fa_db {
	sqlite3 *h;
};

struct fa_stmt {
	sqlite3_stmt *h;
	struct fa_db *db;
};

static enum fa_code db_fail(struct fa_error *err, sqlite3 *h, int rc,
			    const char *what)
{
	int base = rc & 0xff;
	enum fa_code code = base == SQLITE_CONSTRAINT ? FA_ERR_INPUT
			    : base == SQLITE_NOMEM    ? FA_ERR_NOMEM
						      : FA_ERR_INTERNAL;

	return fa_error_add(err, code, NULL, 0, 0, "%s: %s", what,
			    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
}

enum fa_code fa_db_open(struct fa_db **out, const char *path,
			struct fa_error *err)
{
	struct fa_db *db = NULL;
	char pragma[128];
	enum fa_code rc = FA_OK;
	int src;

	*out = NULL;
	db = calloc(1, sizeof(*db));
	if (!db)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
	/* "" asks SQLite for a private temporary database on disk. */
	src = sqlite3_open_v2(path ? path : "", &db->h,
			      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				  SQLITE_OPEN_NOMUTEX,
			      NULL);
	if (src != SQLITE_OK) {
		rc = fa_error_add(
		    err, FA_ERR_IO, path, 0, 0, "cannot open database: %s",
		    db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_extended_result_codes(db->h, 1);
	/* Negative cache_size is in KiB. */
	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size=-%d;",
		 FA_DB_CACHE_KIB);
	rc = fa_db_exec(db, pragma, err);
	if (rc == FA_OK && !path)
		/* A scratch database: a crash loses nothing worth a journal. */
		rc = fa_db_exec(db,
				"PRAGMA journal_mode=OFF;"
				"PRAGMA synchronous=OFF;"
				"PRAGMA temp_store=FILE;",
				err);
out:
	if (rc != FA_OK) {
		fa_db_close(db);
		return rc;
	}
	*out = db;
	return FA_OK;
}

void fa_db_close(struct fa_db *db)
{
	if (!db)
		return;
	sqlite3_close_v2(db->h);
	free(db);
}

enum fa_code fa_db_exec(struct fa_db *db, const char *sql, struct fa_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		enum fa_code code = db_fail(err, db->h, rc, "database error");

		sqlite3_free(msg);
		return code;
	}
	return FA_OK;
}

enum fa_code fa_db_prepare(struct fa_stmt **out, struct fa_db *db,
			   const char *sql, struct fa_error *err)
{
	struct fa_stmt *st;
	int rc;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "out of memory");
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL);
	if (rc != SQLITE_OK) {
		enum fa_code code = db_fail(err, db->h, rc, "cannot prepare");

		free(st);
		return code == FA_ERR_INPUT ? FA_ERR_INTERNAL : code;
	}
	st->db = db;
	*out = st;
	return FA_OK;
}

void fa_db_finalize(struct fa_stmt *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->h);
	free(st);
}

void fa_db_bind_null(struct fa_stmt *st, int i)
{
	sqlite3_bind_null(st->h, i);
}

void fa_db_bind_int(struct fa_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st->h, i, v);
}

void fa_db_bind_double(struct fa_stmt *st, int i, double v)
{
	sqlite3_bind_double(st->h, i, v);
}

void fa_db_bind_text(struct fa_stmt *st, int i, const char *s, size_t len)
{
	sqlite3_bind_text(st->h, i, s, (int)len, SQLITE_TRANSIENT);
}

enum fa_code fa_db_step(int *row, struct fa_stmt *st, struct fa_error *err)
{
	int rc = sqlite3_step(st->h);

	*row = 0;
	if (rc == SQLITE_ROW) {
		*row = 1;
		return FA_OK;
	}
	if (rc == SQLITE_DONE)
		return FA_OK;
	rc = sqlite3_reset(st->h);
	return db_fail(err, st->db->h, rc, "database error");
}

void fa_db_reset(struct fa_stmt *st)
{
	sqlite3_reset(st->h);
}

int fa_db_column_count(struct fa_stmt *st)
{
	return sqlite3_column_count(st->h);
}

const char *fa_db_column_name(struct fa_stmt *st, int i)
{
	const char *n = sqlite3_column_name(st->h, i);

	return n ? n : "";
}

int fa_db_column_is_null(struct fa_stmt *st, int i)
{
	return sqlite3_column_type(st->h, i) == SQLITE_NULL;
}

int64_t fa_db_column_int(struct fa_stmt *st, int i)
{
	return sqlite3_column_int64(st->h, i);
}

double fa_db_column_double(struct fa_stmt *st, int i)
{
	return sqlite3_column_double(st->h, i);
}

const char *fa_db_column_text(struct fa_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->h, i);

	return t ? (const char *)t : "";
}

enum fa_code fa_db_query_int(int64_t *out, struct fa_db *db, const char *sql,
			     struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	*out = 0;
	rc = fa_db_prepare(&st, db, sql, err);
	if (rc != FA_OK)
		return rc;
	rc = fa_db_step(&row, st, err);
	if (rc == FA_OK && row)
		*out = fa_db_column_int(st, 0);
	fa_db_finalize(st);
	return rc;
}

const char *fa_db_errmsg(struct fa_db *db)
{
	return sqlite3_errmsg(db->h);
}

void fa_db_quote_ident(char *buf, size_t size, const char *name)
{
	size_t o = 0;

	if (size < 3) {
		if (size)
			buf[0] = '\0';
		return;
	}
	buf[o++] = '"';
	for (; *name && o + 3 < size; name++) {
		if (*name == '"')
			buf[o++] = '"';
		buf[o++] = *name;
	}
	buf[o++] = '"';
	buf[o] = '\0';
}
