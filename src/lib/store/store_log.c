/* SPDX-License-Identifier: MIT */
/*
 * The portal's action log in the audit store (account.h): who did what,
 * from where, on what, and how it went, one row per action. The table's
 * triggers refuse UPDATE and DELETE, so that the log cannot be changed
 * or shortened through SQL; this file only appends and reads. Uses db.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"

enum fa_code fa_store_log(struct fa_store *s, int64_t user, const char *addr,
			  const char *action, const char *object,
			  const char *detail, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	char now[FA_TIME_SIZE];
	enum fa_code rc;
	int row;

	fa_store_now(now);
	rc = fa_db_prepare(&st, s->db,
			   "INSERT INTO action_log (at, user, addr, action, "
			   "object, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_store_bind_str(st, 1, now);
	if (user)
		fa_db_bind_int(st, 2, user);
	else
		fa_db_bind_null(st, 2);
	fa_store_bind_str(st, 3, addr ? addr : "");
	fa_store_bind_str(st, 4, action ? action : "");
	fa_store_bind_str(st, 5, object);
	fa_store_bind_str(st, 6, detail);
	rc = fa_db_step(&row, st, err);
	fa_db_finalize(st);
	return rc;
}

enum fa_code fa_store_log_list(struct fa_log_entry **out, size_t *n,
			       struct fa_store *s, size_t max,
			       struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	struct fa_log_entry *v = NULL, *e;
	enum fa_code rc;
	size_t k = 0, cap = 0;
	int row = 0;

	*out = NULL;
	*n = 0;
	if (!max)
		return FA_OK;
	rc = fa_db_prepare(&st, s->db,
			   "SELECT l.id, l.at, coalesce(l.user, 0), "
			   "coalesce(u.login, ''), l.addr, l.action, "
			   "coalesce(l.object, ''), coalesce(l.detail, '') "
			   "FROM action_log l LEFT JOIN users u ON u.id = "
			   "l.user ORDER BY l.id DESC LIMIT ?1",
			   err);
	if (rc != FA_OK)
		return rc;
	fa_db_bind_int(st, 1, max > INT64_MAX ? INT64_MAX : (int64_t)max);
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row) {
		if (k == cap) {
			cap = cap ? 2 * cap : 64;
			e = realloc(v, cap * sizeof(*v));
			if (!e) {
				rc = fa_error_nomem(err, NULL);
				break;
			}
			v = e;
		}
		e = &v[k++];
		memset(e, 0, sizeof(*e));
		e->id = fa_db_column_int(st, 0);
		snprintf(e->at, sizeof(e->at), "%s", fa_db_column_text(st, 1));
		e->user = fa_db_column_int(st, 2);
		snprintf(e->login, sizeof(e->login), "%s",
			 fa_db_column_text(st, 3));
		snprintf(e->addr, sizeof(e->addr), "%s",
			 fa_db_column_text(st, 4));
		snprintf(e->action, sizeof(e->action), "%s",
			 fa_db_column_text(st, 5));
		snprintf(e->object, sizeof(e->object), "%s",
			 fa_db_column_text(st, 6));
		snprintf(e->detail, sizeof(e->detail), "%s",
			 fa_db_column_text(st, 7));
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
