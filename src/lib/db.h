/* SPDX-License-Identifier: MIT */
/*
 * The only module that calls SQLite. A thin, typed layer: open a database,
 * run SQL, prepare statements, bind and read values. Errors carry SQLite's
 * message; constraint violations are FA_ERR_INPUT (bad data), everything
 * else SQLite reports is FA_ERR_INTERNAL.
 */
#ifndef FA_DB_H
#define FA_DB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct fa_db;	/* opaque connection */
struct fa_stmt; /* opaque prepared statement */

/*
 * Open a database. path NULL: a new temporary file in a private directory
 * under $TMPDIR (or /tmp; see tempdir.h), both deleted when this
 * connection closes or fails to open (the evidence database; resident
 * memory bounded by FA_DB_CACHE_KIB); other connections may open it
 * read-only through fa_db_path while it is open. Otherwise the file at
 * path, created if missing. *out is the caller's (fa_db_close).
 */
enum fa_code fa_db_open(struct fa_db **out, const char *path,
			struct fa_error *err);
/* Open an existing database file read-only (checks run on such a one);
 * its page cache is FA_DB_READ_CACHE_KIB. */
enum fa_code fa_db_open_readonly(struct fa_db **out, const char *path,
				 struct fa_error *err);
/*
 * Open the audit store at path (created when create is 1 and it is
 * missing): write-ahead log, so that readers never block the one writer
 * and a killed writer leaves the last committed state; synchronous FULL;
 * foreign keys enforced; a writer waits up to FA_STORE_BUSY_MS for
 * another, then fails with FA_ERR_IO ("the database is busy"). FA_ERR_IO
 * also when the file system cannot hold a write-ahead log.
 */
enum fa_code fa_db_open_store(struct fa_db **out, const char *path, int create,
			      struct fa_error *err);
/* The rowid of the last row db inserted. */
int64_t fa_db_last_insert_rowid(struct fa_db *db);
/* Give back the memory of db's page cache that is not in use (a
 * connection that stays open but idle). */
void fa_db_release_memory(struct fa_db *db);
/* The file behind db (borrowed). */
const char *fa_db_path(const struct fa_db *db);
void fa_db_close(struct fa_db *db);

/* ---- SQL functions written in C ----------------------------------------- */

enum fa_db_type { FA_DB_NULL = 0, FA_DB_INT, FA_DB_REAL, FA_DB_TEXT };

struct fa_db_value {
	enum fa_db_type type;
	int64_t i;
	double d;
	const char *s; /* FA_DB_TEXT: UTF-8, len bytes (NUL-terminated) */
	size_t len;
};

/*
 * A scalar SQL function. Set *result (text is copied after return) and
 * return 0, or write a message into msg and return -1: the statement then
 * fails with that message.
 */
typedef int (*fa_db_fn)(void *ctx, int argc, const struct fa_db_value *argv,
			struct fa_db_value *result, char *msg, size_t msg_size);

/* Register fn as name taking n_args arguments (-1: any number). It is
 * deterministic: the same arguments give the same result within a
 * statement, so SQLite may call it once for constant arguments. */
enum fa_code fa_db_create_function(struct fa_db *db, const char *name,
				   int n_args, fa_db_fn fn, void *ctx,
				   struct fa_error *err);

/*
 * Register two functions that let one result column tell the later ones
 * about the row: mark(x) returns x and notes whether x is one of the n
 * texts in values (borrowed: they must outlive db); marked() returns 1 if
 * the last mark() noted so, else 0. Both are called each time they are
 * evaluated, and SQLite computes a row's result columns in order, so
 * mark() in one column is seen by marked() in the columns after it (not a
 * documented promise of SQLite: test_db__mark_functions and
 * test_eval__passes_compute_only_their_outcome guard it). Done
 * in SQLite's own terms, without the conversions of fa_db_fn: they run on
 * every row of a large check.
 */
enum fa_code fa_db_create_mark_functions(struct fa_db *db, const char *mark,
					 const char *marked,
					 const char *const *values, size_t n,
					 struct fa_error *err);

/* ---- sandbox for untrusted SQL ------------------------------------------- */

/*
 * From now on statements on db may only read (SELECT, reads, recursive
 * CTEs) and call the functions named in functions[0..n) (case-insensitive);
 * writes, ATTACH, PRAGMA, transactions and everything else are refused when
 * prepared. Between fa_db_budget_reset calls, statements may run at most
 * max_steps virtual-machine steps and, if max_seconds > 0, for at most
 * max_seconds of wall-clock time (both checked every 1,000 steps); beyond
 * either they are interrupted. functions is borrowed for the life of db.
 */
void fa_db_sandbox(struct fa_db *db, const char *const *functions,
		   size_t n_functions, uint64_t max_steps, double max_seconds);
/* A new budget of steps and time, starting now. */
void fa_db_budget_reset(struct fa_db *db);
/*
 * Call fn(ctx, table) for every column of a table that a statement
 * prepared on the sandboxed db reads (so once or more per table; views
 * name the tables under them), until called again; fn NULL: stop.
 * Tables only: not the names of WITH steps or subqueries.
 */
void fa_db_sandbox_on_read(struct fa_db *db,
			   void (*fn)(void *ctx, const char *table), void *ctx);
/*
 * Why the sandbox last refused or stopped a statement ("" if it did not):
 * "writes are not allowed", "function 'load_extension' is not allowed",
 * "stopped after 2000000000 steps (the step budget)", "stopped after 60.2
 * s (the time limit of 60 s)", "interrupted", ... Borrowed.
 */
const char *fa_db_sandbox_reason(const struct fa_db *db);
/* 1 if the time limit stopped the last statement (since the reset). */
int fa_db_timed_out(const struct fa_db *db);
/*
 * Stop the statements of sandboxed db at their next check, and every one
 * after, from any thread (a run that fails stops its other threads).
 */
void fa_db_interrupt(struct fa_db *db);

/* ---- SQLite's heap ------------------------------------------------------- */

/*
 * Limit the bytes SQLite may hold at once, for every connection of the
 * process (default: FA_MEM_DEFAULT_BYTES / FA_MEM_SQLITE_PART). An
 * allocation beyond it fails, and so does the statement that made it
 * (FA_ERR_NOMEM). Page caches of connections opened later are at most an
 * eighth (the evidence database) and a thirty-second (each read-only
 * connection) of it.
 */
void fa_db_heap_limit(uint64_t bytes);

struct fa_db_heap {
	uint64_t limit;	  /* bytes */
	uint64_t used;	  /* now */
	uint64_t peak;	  /* the most at once so far */
	uint64_t refused; /* allocations refused for the limit */
};

/* How SQLite's heap stands. */
void fa_db_heap_use(struct fa_db_heap *out);

/* Run one or more statements without results. */
enum fa_code fa_db_exec(struct fa_db *db, const char *sql,
			struct fa_error *err);

/* Prepare one statement. *out is the caller's (fa_db_finalize). */
enum fa_code fa_db_prepare(struct fa_stmt **out, struct fa_db *db,
			   const char *sql, struct fa_error *err);
void fa_db_finalize(struct fa_stmt *st);

/* Bind parameter i (1-based). Text is copied by SQLite. A bind that fails
 * (out of memory) makes the next fa_db_step fail with it, without
 * running the statement. */
void fa_db_bind_null(struct fa_stmt *st, int i);
void fa_db_bind_int(struct fa_stmt *st, int i, int64_t v);
void fa_db_bind_double(struct fa_stmt *st, int i, double v);
void fa_db_bind_text(struct fa_stmt *st, int i, const char *s, size_t len);
/* Bind bytes as a BLOB (copied by SQLite). */
void fa_db_bind_blob(struct fa_stmt *st, int i, const void *p, size_t len);
/* Bind text without a copy: s must stay unchanged until the next step or
 * reset of st (the bulk loader's fields do). */
void fa_db_bind_text_static(struct fa_stmt *st, int i, const char *s,
			    size_t len);

/*
 * Step: *row is 1 when a row is ready, 0 when done. Errors as above; the
 * statement is reset on error so it can be reused.
 */
enum fa_code fa_db_step(int *row, struct fa_stmt *st, struct fa_error *err);
/* Reset after the last row, keeping bindings (they are overwritten). */
void fa_db_reset(struct fa_stmt *st);

int fa_db_column_count(struct fa_stmt *st);
const char *fa_db_column_name(struct fa_stmt *st, int i);
/* 1 if column i of the current row is NULL. */
int fa_db_column_is_null(struct fa_stmt *st, int i);
int64_t fa_db_column_int(struct fa_stmt *st, int i);
double fa_db_column_double(struct fa_stmt *st, int i);
/* Text of column i (borrowed until the next step/reset); "" for NULL. */
const char *fa_db_column_text(struct fa_stmt *st, int i);
/*
 * Column i of the current row in its own storage class: v->type and i, d
 * or s with len (a BLOB as FA_DB_TEXT, all its bytes; borrowed until the
 * next step/reset). Read it before any other accessor reads the column:
 * reading it as text first may convert it.
 */
void fa_db_column_value(struct fa_db_value *v, struct fa_stmt *st, int i);

/* Convenience: the single integer result of sql (e.g. a count). */
enum fa_code fa_db_query_int(int64_t *out, struct fa_db *db, const char *sql,
			     struct fa_error *err);

/* SQLite's message for the last failure on db (borrowed). */
const char *fa_db_errmsg(struct fa_db *db);

/* Quote an SQL identifier into buf ("name" with quotes doubled). */
void fa_db_quote_ident(char *buf, size_t size, const char *name);

#endif
