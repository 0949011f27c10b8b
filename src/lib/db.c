/* SPDX-License-Identifier: MIT */
/*
 * SQLite behind a small typed interface; the only sqlite3 caller.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sqlite3.h>

#include "db.h"
#include "tempdir.h"

/* A registered C function and its context (freed with the connection). */
struct db_fn {
	fa_db_fn fn;
	void *ctx;
	struct db_fn *next;
};

struct fa_db {
	sqlite3 *h;
	char *path;		/* the database file */
	struct fa_tempdir *tmp; /* its private directory, if temporary */
	struct db_fn *fns;
	/* fa_db_create_mark_functions */
	const char *const *mark_values;
	size_t n_mark_values;
	int marked;
	/* sandbox */
	const char *const *allowed;
	size_t n_allowed;
	uint64_t max_steps, steps;
	double max_seconds;   /* 0: no time limit */
	struct timespec t0;   /* of the last fa_db_budget_reset */
	int timed_out;	      /* the time limit stopped the statement */
	atomic_int interrupt; /* fa_db_interrupt asked for a stop */
	char reason[160];
	void (*on_read)(void *ctx, const char *table);
	void *on_read_ctx;
};

struct fa_stmt {
	sqlite3_stmt *h;
	struct fa_db *db;
	int bind_rc; /* the first bind that failed since the last step */
};

/* ---- SQLite's heap ------------------------------------------------------- */

/*
 * SQLite allocates through these functions, which count the bytes in use
 * and refuse an allocation that would pass the limit: the statement then
 * fails with SQLITE_NOMEM instead of the process growing until the kernel
 * kills it. SQLite's own limit (sqlite3_hard_heap_limit64) needs its
 * memory statistics, kept under one global lock around every allocation,
 * on which the audit's threads would take turns; an atomic counter does
 * not serialise them. Each block carries its size in a header of
 * HEAP_HEADER bytes, which keeps malloc's alignment.
 */
#define HEAP_HEADER 16

static atomic_ullong heap_used, heap_peak, heap_refused;
static atomic_ullong heap_limit = FA_MEM_DEFAULT_BYTES / FA_MEM_SQLITE_PART;

/* Count n more bytes; 0, or -1 (nothing counted) if over the limit. */
static int heap_take(unsigned long long n)
{
	unsigned long long used = atomic_fetch_add(&heap_used, n) + n;
	unsigned long long peak = atomic_load(&heap_peak);

	if (used > atomic_load(&heap_limit)) {
		atomic_fetch_sub(&heap_used, n);
		atomic_fetch_add(&heap_refused, 1);
		return -1;
	}
	while (used > peak &&
	       !atomic_compare_exchange_weak(&heap_peak, &peak, used))
		;
	return 0;
}

static void *heap_malloc(int n)
{
	unsigned long long size = (unsigned long long)n + HEAP_HEADER;
	unsigned char *p;

	if (n < 0 || heap_take(size) != 0)
		return NULL;
	p = malloc(size);
	if (!p) {
		atomic_fetch_sub(&heap_used, size);
		return NULL;
	}
	memcpy(p, &size, sizeof(size));
	return p + HEAP_HEADER;
}

static unsigned long long heap_block_size(void *p)
{
	unsigned long long size;

	memcpy(&size, (unsigned char *)p - HEAP_HEADER, sizeof(size));
	return size;
}

static void heap_free(void *p)
{
	if (!p)
		return;
	atomic_fetch_sub(&heap_used, heap_block_size(p));
	free((unsigned char *)p - HEAP_HEADER);
}

static void *heap_realloc(void *p, int n)
{
	unsigned long long old, size = (unsigned long long)n + HEAP_HEADER;
	unsigned char *q;

	if (!p)
		return heap_malloc(n);
	if (n < 0)
		return NULL;
	old = heap_block_size(p);
	if (size > old && heap_take(size - old) != 0)
		return NULL;
	q = realloc((unsigned char *)p - HEAP_HEADER, size);
	if (!q) {
		if (size > old)
			atomic_fetch_sub(&heap_used, size - old);
		return NULL;
	}
	if (size < old)
		atomic_fetch_sub(&heap_used, old - size);
	memcpy(q, &size, sizeof(size));
	return q + HEAP_HEADER;
}

static int heap_size(void *p)
{
	return p ? (int)(heap_block_size(p) - HEAP_HEADER) : 0;
}

static int heap_roundup(int n)
{
	return (n + 7) & ~7;
}

static int heap_init(void *app)
{
	(void)app;
	return SQLITE_OK;
}

static void heap_shutdown(void *app)
{
	(void)app;
}

void fa_db_heap_limit(uint64_t bytes)
{
	atomic_store(&heap_limit, bytes);
}

void fa_db_heap_use(struct fa_db_heap *out)
{
	out->limit = atomic_load(&heap_limit);
	out->used = atomic_load(&heap_used);
	out->peak = atomic_load(&heap_peak);
	out->refused = atomic_load(&heap_refused);
}

static enum fa_code db_fail(struct fa_error *err, sqlite3 *h, int rc,
			    const char *what)
{
	int base = rc & 0xff;
	enum fa_code code = base == SQLITE_CONSTRAINT ? FA_ERR_INPUT
			    : base == SQLITE_NOTADB   ? FA_ERR_INPUT
			    : base == SQLITE_CORRUPT  ? FA_ERR_INPUT
			    : base == SQLITE_NOMEM    ? FA_ERR_NOMEM
			    : base == SQLITE_BUSY     ? FA_ERR_IO
			    : base == SQLITE_IOERR    ? FA_ERR_IO
			    : base == SQLITE_FULL     ? FA_ERR_IO
			    : base == SQLITE_READONLY ? FA_ERR_IO
						      : FA_ERR_INTERNAL;

	if (base == SQLITE_BUSY)
		/* a store another process holds for longer than the busy
		 * timeout (fa_db_open_store) */
		return fa_error_add(err, code, NULL, 0, 0,
				    "%s: the database is busy: another "
				    "process kept it locked for more than "
				    "%d s; try again",
				    what, FA_STORE_BUSY_MS / 1000);
	return fa_error_add(err, code, NULL, 0, 0, "%s: %s", what,
			    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
}

/*
 * Before SQLite's first use: the counting allocator above, and no memory
 * statistics, which SQLite keeps under one global lock around every
 * allocation (the audit's threads would take turns on it). Refused
 * (SQLITE_MISUSE) once SQLite is in use, which is harmless.
 * sqlite3_config is not thread-safe: one thread configures, and a thread
 * that opens a connection at the same time waits for it.
 */
static void configure(void)
{
	static const sqlite3_mem_methods heap = {
		heap_malloc,  heap_free, heap_realloc,	heap_size,
		heap_roundup, heap_init, heap_shutdown, NULL,
	};

	sqlite3_config(SQLITE_CONFIG_MALLOC, &heap);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void configure_once(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, configure);
}

/*
 * A page cache of at most want KiB, and at most 1/part of SQLite's heap
 * limit: a small limit shrinks the caches, which then cannot fill the
 * heap on their own (SQLite asks for a page until the cache is full, and
 * fails rather than reuse one when the heap refuses it).
 */
static int cache_kib(int want, unsigned part)
{
	unsigned long long cap = atomic_load(&heap_limit) / 1024 / part;

	return cap < (unsigned long long)want ? (int)(cap ? cap : 1) : want;
}

static enum fa_code db_open(struct fa_db **out, const char *path, int flags,
			    struct fa_tempdir *tmp, int cache_kib,
			    struct fa_error *err)
{
	struct fa_db *db = NULL;
	char pragma[128];
	enum fa_code rc = FA_OK;
	int src;

	*out = NULL;
	db = calloc(1, sizeof(*db));
	if (!db || !(db->path = strdup(path))) {
		free(db);
		fa_tempdir_free(tmp);
		return fa_error_nomem(err, NULL);
	}
	db->tmp = tmp;
	atomic_init(&db->interrupt, 0);
	configure_once();
	if (!sqlite3_threadsafe()) {
		/* the rules run on threads, each on its own connection
		 * (SQLITE_OPEN_NOMUTEX), which needs SQLite's own locks */
		rc = fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
				  "SQLite %s was built without thread support "
				  "(SQLITE_THREADSAFE=0): link flexaudit with "
				  "a SQLite built with it",
				  sqlite3_libversion());
		goto out;
	}
	src = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		rc = fa_error_add(
		    err,
		    (src & 0xff) == SQLITE_NOMEM ? FA_ERR_NOMEM : FA_ERR_IO,
		    NULL, 0, 0, "cannot open database '%s': %s", path,
		    db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_extended_result_codes(db->h, 1);
	/*
	 * The busy timeout before the first statement: even the cache_size
	 * pragma reads the schema, and a read finds a store busy for a
	 * moment while another connection writes or checkpoints its
	 * write-ahead log. Without a timeout that moment is an error.
	 */
	sqlite3_busy_timeout(db->h, FA_STORE_BUSY_MS);
	/* Negative cache_size is in KiB. */
	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size=-%d;", cache_kib);
	rc = fa_db_exec(db, pragma, err);
	if (rc == FA_OK && tmp)
		/*
		 * A scratch database: a crash loses nothing worth keeping, so
		 * no sync. The journal stays (in memory) because a failed
		 * statement must roll back; pages created inside a
		 * transaction are not journaled, so a bulk load costs little.
		 */
		rc = fa_db_exec(db,
				"PRAGMA journal_mode=MEMORY;"
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

enum fa_code fa_db_open(struct fa_db **out, const char *path,
			struct fa_error *err)
{
	struct fa_tempdir *tmp = NULL;
	enum fa_code rc;

	*out = NULL;
	if (path)
		return db_open(out, path,
			       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL,
			       cache_kib(FA_DB_CACHE_KIB, 8), err);
	rc = fa_tempdir_new(&tmp, NULL, err);
	if (rc != FA_OK)
		return rc;
	/* from here the connection owns tmp, even when it fails to open */
	return db_open(out, fa_tempdir_db_path(tmp), SQLITE_OPEN_READWRITE, tmp,
		       cache_kib(FA_DB_CACHE_KIB, 8), err);
}

enum fa_code fa_db_open_store(struct fa_db **out, const char *path, int create,
			      struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = db_open(out, path,
		     SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
		     NULL, cache_kib(FA_DB_READ_CACHE_KIB, 32), err);
	if (rc != FA_OK)
		return rc;
	/* db_open set the busy timeout: switching to WAL takes a lock */
	rc = fa_db_prepare(&st, *out, "PRAGMA journal_mode=WAL", err);
	if (rc == FA_OK)
		rc = fa_db_step(&row, st, err);
	if (rc == FA_OK &&
	    (!row || strcmp(fa_db_column_text(st, 0), "wal") != 0))
		rc = fa_error_add(err, FA_ERR_IO, path, 0, 0,
				  "cannot use '%s' as a store: its file "
				  "system does not support SQLite's "
				  "write-ahead log (journal mode '%s')",
				  path, row ? fa_db_column_text(st, 0) : "");
	fa_db_finalize(st);
	/*
	 * FULL: a committed run survives a power cut too, not only a killed
	 * process. Foreign keys: a finding never outlives its run.
	 */
	if (rc == FA_OK)
		rc = fa_db_exec(*out,
				"PRAGMA synchronous=FULL;"
				"PRAGMA foreign_keys=ON;",
				err);
	if (rc != FA_OK) {
		fa_db_close(*out);
		*out = NULL;
	}
	return rc;
}

int64_t fa_db_last_insert_rowid(struct fa_db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

void fa_db_bind_blob(struct fa_stmt *st, int i, const void *p, size_t len)
{
	int rc = sqlite3_bind_blob64(st->h, i, p, (sqlite3_uint64)len,
				     SQLITE_TRANSIENT);

	if (rc != SQLITE_OK && !st->bind_rc)
		st->bind_rc = rc;
}

enum fa_code fa_db_open_readonly(struct fa_db **out, const char *path,
				 struct fa_error *err)
{
	return db_open(out, path, SQLITE_OPEN_READONLY, NULL,
		       cache_kib(FA_DB_READ_CACHE_KIB, 32), err);
}

void fa_db_release_memory(struct fa_db *db)
{
	if (db)
		sqlite3_db_release_memory(db->h);
}

const char *fa_db_path(const struct fa_db *db)
{
	return db->path;
}

void fa_db_close(struct fa_db *db)
{
	struct db_fn *f, *next;

	if (!db)
		return;
	sqlite3_close_v2(db->h);
	fa_tempdir_free(db->tmp);
	for (f = db->fns; f; f = next) {
		next = f->next;
		free(f);
	}
	free(db->path);
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
		return fa_error_nomem(err, NULL);
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

/*
 * A bind can fail (SQLite copies a text value, and may run out of memory),
 * and the parameter is then NULL: the statement must not run with it. The
 * first failure is kept and the next fa_db_step reports it.
 */
static void bound(struct fa_stmt *st, int rc)
{
	if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK)
		st->bind_rc = rc;
}

void fa_db_bind_null(struct fa_stmt *st, int i)
{
	bound(st, sqlite3_bind_null(st->h, i));
}

void fa_db_bind_int(struct fa_stmt *st, int i, int64_t v)
{
	bound(st, sqlite3_bind_int64(st->h, i, v));
}

void fa_db_bind_double(struct fa_stmt *st, int i, double v)
{
	bound(st, sqlite3_bind_double(st->h, i, v));
}

void fa_db_bind_text(struct fa_stmt *st, int i, const char *s, size_t len)
{
	bound(st, sqlite3_bind_text(st->h, i, s, (int)len, SQLITE_TRANSIENT));
}

void fa_db_bind_text_static(struct fa_stmt *st, int i, const char *s,
			    size_t len)
{
	bound(st, sqlite3_bind_text(st->h, i, s, (int)len, SQLITE_STATIC));
}

enum fa_code fa_db_step(int *row, struct fa_stmt *st, struct fa_error *err)
{
	int rc;

	*row = 0;
	if (st->bind_rc != SQLITE_OK) {
		rc = st->bind_rc;
		st->bind_rc = SQLITE_OK;
		return db_fail(err, NULL, rc, "cannot bind a value");
	}
	rc = sqlite3_step(st->h);
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

void fa_db_column_value(struct fa_db_value *v, struct fa_stmt *st, int i)
{
	memset(v, 0, sizeof(*v));
	switch (sqlite3_column_type(st->h, i)) {
	case SQLITE_NULL:
		v->type = FA_DB_NULL;
		break;
	case SQLITE_INTEGER:
		v->type = FA_DB_INT;
		v->i = sqlite3_column_int64(st->h, i);
		break;
	case SQLITE_FLOAT:
		v->type = FA_DB_REAL;
		v->d = sqlite3_column_double(st->h, i);
		break;
	default:
		v->type = FA_DB_TEXT;
		v->s = fa_db_column_text(st, i);
		v->len = (size_t)sqlite3_column_bytes(st->h, i);
		break;
	}
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

/* ---- C functions --------------------------------------------------------- */

static void fn_trampoline(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db_fn *f = sqlite3_user_data(cx);
	struct fa_db_value args[8], res;
	char msg[FA_ERROR_MESSAGE_MAX];
	int i;

	if (argc > (int)(sizeof(args) / sizeof(args[0]))) {
		sqlite3_result_error(cx, "too many arguments", -1);
		return;
	}
	for (i = 0; i < argc; i++) {
		struct fa_db_value *a = &args[i];

		memset(a, 0, sizeof(*a));
		switch (sqlite3_value_type(argv[i])) {
		case SQLITE_INTEGER:
			a->type = FA_DB_INT;
			a->i = sqlite3_value_int64(argv[i]);
			break;
		case SQLITE_FLOAT:
			a->type = FA_DB_REAL;
			a->d = sqlite3_value_double(argv[i]);
			break;
		case SQLITE_NULL:
			a->type = FA_DB_NULL;
			break;
		default:
			a->type = FA_DB_TEXT;
			a->s = (const char *)sqlite3_value_text(argv[i]);
			a->len = (size_t)sqlite3_value_bytes(argv[i]);
			if (!a->s)
				a->s = "";
			break;
		}
	}
	memset(&res, 0, sizeof(res));
	msg[0] = '\0';
	if (f->fn(f->ctx, argc, args, &res, msg, sizeof(msg)) != 0) {
		sqlite3_result_error(cx, msg[0] ? msg : "function failed", -1);
		return;
	}
	switch (res.type) {
	case FA_DB_NULL:
		sqlite3_result_null(cx);
		break;
	case FA_DB_INT:
		sqlite3_result_int64(cx, res.i);
		break;
	case FA_DB_REAL:
		sqlite3_result_double(cx, res.d);
		break;
	case FA_DB_TEXT:
		sqlite3_result_text(cx, res.s, (int)res.len, SQLITE_TRANSIENT);
		break;
	}
}

static void fn_mark(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct fa_db *db = sqlite3_user_data(cx);
	const char *s = NULL;
	size_t i;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_TEXT)
		s = (const char *)sqlite3_value_text(argv[0]);
	db->marked = 0;
	for (i = 0; s && i < db->n_mark_values && !db->marked; i++)
		db->marked = strcmp(s, db->mark_values[i]) == 0;
	sqlite3_result_value(cx, argv[0]);
}

static void fn_marked(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct fa_db *db = sqlite3_user_data(cx);

	(void)argc;
	(void)argv;
	sqlite3_result_int(cx, db->marked);
}

enum fa_code fa_db_create_mark_functions(struct fa_db *db, const char *mark,
					 const char *marked,
					 const char *const *values, size_t n,
					 struct fa_error *err)
{
	int rc;

	db->mark_values = values;
	db->n_mark_values = n;
	db->marked = 0;
	rc = sqlite3_create_function_v2(db->h, mark, 1, SQLITE_UTF8, db,
					fn_mark, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc =
		    sqlite3_create_function_v2(db->h, marked, 0, SQLITE_UTF8,
					       db, fn_marked, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_fail(err, db->h, rc, "cannot register function");
	return FA_OK;
}

enum fa_code fa_db_create_function(struct fa_db *db, const char *name,
				   int n_args, fa_db_fn fn, void *ctx,
				   struct fa_error *err)
{
	struct db_fn *f = calloc(1, sizeof(*f));
	int rc;

	if (!f)
		return fa_error_nomem(err, NULL);
	f->fn = fn;
	f->ctx = ctx;
	rc = sqlite3_create_function_v2(db->h, name, n_args,
					SQLITE_UTF8 | SQLITE_DETERMINISTIC, f,
					fn_trampoline, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		free(f);
		return db_fail(err, db->h, rc, "cannot register function");
	}
	f->next = db->fns;
	db->fns = f;
	return FA_OK;
}

/* ---- sandbox ------------------------------------------------------------- */

#define DENY(...)                                                              \
	do {                                                                   \
		if (!db->reason[0]) /* the first refusal is the cause */       \
			snprintf(db->reason, sizeof(db->reason), __VA_ARGS__); \
		return SQLITE_DENY;                                            \
	} while (0)

static int authorize(void *ud, int action, const char *a1, const char *a2,
		     const char *a3, const char *a4)
{
	struct fa_db *db = ud;
	size_t i;

	(void)a3;
	(void)a4;
	switch (action) {
	case SQLITE_READ:
		if (db->on_read && a1)
			db->on_read(db->on_read_ctx, a1);
		return SQLITE_OK;
	case SQLITE_SELECT:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		for (i = 0; i < db->n_allowed; i++)
			if (a2 && strcasecmp(a2, db->allowed[i]) == 0)
				return SQLITE_OK;
		DENY("function '%s' is not allowed", a2 ? a2 : "");
	case SQLITE_ATTACH:
	case SQLITE_DETACH:
		DENY("ATTACH and DETACH are not allowed");
	case SQLITE_PRAGMA:
		DENY("PRAGMA '%s' is not allowed", a1 ? a1 : "");
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		/* CREATE/DROP write the schema table, and SQLite authorizes
		 * pragma table functions as an update of it. */
		if (a1 && strncmp(a1, "sqlite_", 7) == 0)
			DENY("schema changes and pragmas are not allowed");
		DENY("writes are not allowed (table '%s')", a1 ? a1 : "");
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
		DENY("transactions are not allowed");
	default:
		DENY("only SELECT statements are allowed");
	}
}
#undef DENY

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Every 1,000 steps: the step budget, the time limit (one step may be
 * expensive: formatting a megabyte string, say), and a stop asked for by
 * another thread. A nonzero return interrupts the statement.
 */
static int progress(void *ud)
{
	struct fa_db *db = ud;
	double t;

	db->steps += 1000;
	if (atomic_load_explicit(&db->interrupt, memory_order_relaxed)) {
		snprintf(db->reason, sizeof(db->reason), "interrupted");
		return 1;
	}
	if (db->max_seconds > 0 &&
	    (t = seconds_since(&db->t0)) > db->max_seconds) {
		db->timed_out = 1;
		snprintf(db->reason, sizeof(db->reason),
			 "stopped after %.1f s (the time limit of %g s)", t,
			 db->max_seconds);
		return 1;
	}
	if (db->steps <= db->max_steps)
		return 0;
	snprintf(db->reason, sizeof(db->reason),
		 "stopped after %llu steps (the step budget)",
		 (unsigned long long)db->max_steps);
	return 1;
}

void fa_db_sandbox(struct fa_db *db, const char *const *functions,
		   size_t n_functions, uint64_t max_steps, double max_seconds)
{
	db->allowed = functions;
	db->n_allowed = n_functions;
	db->max_steps = max_steps;
	db->max_seconds = max_seconds;
	fa_db_budget_reset(db);
	sqlite3_set_authorizer(db->h, authorize, db);
	sqlite3_progress_handler(db->h, 1000, progress, db);
}

void fa_db_sandbox_on_read(struct fa_db *db,
			   void (*fn)(void *ctx, const char *table), void *ctx)
{
	db->on_read = fn;
	db->on_read_ctx = ctx;
}

void fa_db_budget_reset(struct fa_db *db)
{
	db->steps = 0;
	db->timed_out = 0;
	db->reason[0] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &db->t0);
}

const char *fa_db_sandbox_reason(const struct fa_db *db)
{
	return db->reason;
}

int fa_db_timed_out(const struct fa_db *db)
{
	return db->timed_out;
}

void fa_db_interrupt(struct fa_db *db)
{
	atomic_store(&db->interrupt, 1);
}
