/* SPDX-License-Identifier: MIT */
/*
 * The audit store: one SQLite file (docs/store.md) that keeps every
 * stored audit run whole (its findings, the rule sets it ran, what its
 * report shows of the package), so that a run's report can be written
 * again, in any format and language, without the package. store.c opens
 * and migrates the file; store_record.c writes a run in one transaction;
 * store_load.c rebuilds a finished audit from a run; store_list.c lists
 * runs. Everything goes through db.h (the only SQLite caller). The public
 * calls are in flexaudit.h.
 */
#ifndef FA_STORE_H
#define FA_STORE_H

#include <stdint.h>

#include "db.h"
#include "error.h"
#include "flexaudit.h"

struct fa_audit;

struct fa_store {
	struct fa_db *db;
	char *path;
	int personal; /* the store keeps workers' personal data */
	/* Called after each row a run writes (NULL: none): tests kill the
	 * process there to show that a run is all or nothing. */
	void (*on_row)(void *ctx);
	void *on_row_ctx;
};

/* The schema version this build writes: the number of migrations. */
int fa_store_schema_version(void);

/*
 * Open path as a store at schema version `version` (tests build a store
 * of an earlier version with it, to check that fa_store_open migrates
 * it); 0 < version <= fa_store_schema_version().
 */
enum fa_code fa_store_open_version(struct fa_store **out, const char *path,
				   unsigned flags, int version,
				   struct fa_error *err);

/*
 * fa_store_load_run, with annotate 0: without the follow-up and the
 * waivers, which a run compared with another (the follow-up, diff) does
 * not need; with them, loading run N would load run N-1, and so on back
 * to the member's first.
 */
enum fa_code fa_store_load(struct fa_audit **out, struct fa_store *s,
			   int64_t run, const struct fa_store_view *view,
			   int annotate, struct fa_error *err);

/* The follow-up of a's member's latest run stored before run `before`
 * (0: any), attached to a and its report (store_diff.c). */
enum fa_code fa_store_follow_up_before(struct fa_store *s, struct fa_audit *a,
				       int64_t before, struct fa_error *err);

/* Now, UTC to the second ("2026-12-07T10:00:00Z"). */
void fa_store_now(char buf[32]);
/* Bind s as text, or NULL when s is NULL. */
void fa_store_bind_str(struct fa_stmt *st, int i, const char *s);
/* The n strings of v, each followed by '\n' (free), or NULL out of
 * memory: how the store keeps a short list in one column. */
char *fa_store_join_lines(char *const *v, size_t n);
/* Such a column split again: *out (*n entries, each and the array the
 * caller's) or -1 out of memory (nothing allocated). */
int fa_store_split_lines(char ***out, size_t *n, const char *s);

/* What a run's line in `runs` shows (store_list.c). */
struct fa_run_summary {
	char stored_at[32];
	char audit_date[16];
	char mode[16];	  /* "self-assessment", "inspection" */
	char verdict[16]; /* "positive", "positive-b", "negative",
			   * "incomplete": as the audit found it, before
			   * judgements and waivers */
	int64_t major, minor, review;
};

/* The summary of run: *found 0 when there is no such run. */
enum fa_code fa_store_run_summary(struct fa_run_summary *out, int *found,
				  struct fa_store *s, int64_t run,
				  struct fa_error *err);

struct fa_waiver;

/*
 * Add one waiver to the member with KvK number kvk (after the ones it
 * has: the file's order is the order of precedence), recorded as given at
 * source ("web: LOGIN"). The caller has checked it as the waiver file's
 * checks do. FA_ERR_USAGE: its id is taken (store_waive.c).
 */
enum fa_code fa_store_waive_one(struct fa_store *s, const char *kvk,
				const struct fa_waiver *w, const char *source,
				struct fa_error *err);

/* BEGIN IMMEDIATE (the one writer), COMMIT, ROLLBACK (best effort). */
enum fa_code fa_store_begin(struct fa_store *s, struct fa_error *err);
enum fa_code fa_store_commit(struct fa_store *s, struct fa_error *err);
void fa_store_rollback(struct fa_store *s);

#endif
