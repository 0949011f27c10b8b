/* SPDX-License-Identifier: MIT */
/*
 * The portal (`flexaudit serve`, docs/serve.md): members upload evidence
 * packages and see their self-assessment, inspectors review, judge,
 * waive and issue the report, admins manage users. A thin layer over the
 * library: the audit is fa_audit_run's, the records the store's
 * (account.h), the reports fa_audit_write's.
 *
 * http.c is the only libmicrohttpd caller: it turns a connection into a
 * struct fa_req (form fields, an uploaded file already on disk) and
 * sends the struct fa_resp that route.c made. route.c checks the session,
 * the CSRF token, the role and the organisation of every request, then
 * calls a page. page.c builds HTML (the one place that escapes) and the
 * pages are page_*.c. jobs.c runs audits in a bounded pool of threads.
 * Nothing here is global: everything hangs off struct fa_server.
 */
#ifndef FA_SERVE_H
#define FA_SERVE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "flexaudit.h"
#include "account.h"
#include "error.h"

struct fa_jobs;
struct fa_limiter;
struct fa_http;

struct fa_server {
	struct fa_http *http;
	struct fa_jobs *jobs;
	struct fa_limiter *limiter;
	char *store_path;
	char *data;	/* the data folder */
	char *incoming; /* data/incoming: uploads being received */
	char *packages; /* data/packages: <upload id>.zip */
	char **rules;	/* the rule sets audits run (none: bundled) */
	size_t n_rules;
	uint64_t upload_max; /* bytes */
	unsigned idle_seconds;
	int tls; /* Secure cookies */
	unsigned port;
	/* A connection held open while the server runs: with it, the
	 * store's write-ahead log is never removed and recovered between
	 * two requests (the last connection to close removes it; one that
	 * opens as it does can find the store busy). */
	struct fa_store *keep;
	/* At most this many password hashes at once: each takes
	 * FA_PASSWORD_MEMLIMIT of memory. */
	pthread_mutex_t hash_lock;
	pthread_cond_t hash_cond;
	unsigned hashing;
	/* At most FA_SERVE_RENDERS_MAX stored runs loaded at once (a
	 * report, an action plan, a review page): each holds the run's
	 * findings in memory. */
	pthread_mutex_t render_lock;
	pthread_cond_t render_cond;
	unsigned rendering;
};

/* ---- a request (http.c makes it, route.c reads it) ---------------------- */

/* A file part of a multipart form, written to data/incoming as it came. */
struct fa_req_file {
	char *path;	/* the file under data/incoming */
	char *filename; /* as the browser named it (display only) */
	uint64_t size;
	char sha256[FA_SHA256_HEX_LEN];
	int taken; /* route.c moved it: http.c does not remove it */
};

struct fa_req_field {
	char *name;
	char *value;
};

struct fa_req {
	struct fa_server *srv;
	void *conn; /* http.c's */
	const char *method;
	const char *path;
	char addr[64]; /* the client's address, for the log */
	struct fa_req_field *fields;
	size_t n_fields;
	struct fa_req_file *file; /* NULL: none */
	/* Set by route.c's fa_route_begin: the route and the number in
	 * its path (0: none), the signed-in user. */
	const void *route;
	int64_t id;
	int have_user;
	struct fa_user user;
	struct fa_session session;
	char token[FA_TOKEN_SIZE];
	int nl; /* pages in Dutch */
};

/* A header, cookie or query argument of the request (borrowed), or NULL
 * (http.c). */
const char *fa_req_header(const struct fa_req *r, const char *name);
const char *fa_req_cookie(const struct fa_req *r, const char *name);
const char *fa_req_query(const struct fa_req *r, const char *name);
/* A form field of a POST (borrowed), or NULL. */
const char *fa_req_field(const struct fa_req *r, const char *name);

/* ---- a response (route.c makes it, http.c sends it) -------------------- */

#define FA_RESP_COOKIES 2

struct fa_resp {
	unsigned status;
	const char *type; /* Content-Type (static) */
	char *body;	  /* owned; len bytes */
	size_t len;
	char location[512];		    /* Location of a redirect, or "" */
	char cookies[FA_RESP_COOKIES][256]; /* Set-Cookie values */
	char disposition[300];		    /* Content-Disposition, or "" */
	int report; /* a report page: its own inline script and style are
		     * allowed by the Content-Security-Policy */
};

/* Free the body. */
void fa_resp_release(struct fa_resp *resp);

/* ---- route.c --------------------------------------------------------------
 */

/*
 * Before a request's body is read: find the session, and decide whether
 * a body may come and how large (*max, bytes). 0 to go on, or a status
 * with resp filled (the body is not read).
 */
unsigned fa_route_begin(uint64_t *max, struct fa_req *r, struct fa_resp *resp);
/* A file part starts: 0 to take it (the form's CSRF field, which comes
 * before it, matched), else the status with resp filled. */
unsigned fa_route_file(struct fa_req *r, struct fa_resp *resp);
/* The whole request is in: answer it into resp. */
void fa_route_handle(struct fa_req *r, struct fa_resp *resp);

/* ---- http.c ----------------------------------------------------------------
 */

/*
 * Listen at addr:port (port 0: a free one, then in srv->port) and serve
 * srv until fa_http_stop. cert_pem, key_pem: TLS (NULL: plain HTTP).
 */
enum fa_code fa_http_start(struct fa_http **out, struct fa_server *srv,
			   const char *addr, unsigned port,
			   const char *cert_pem, const char *key_pem,
			   struct fa_error *err);
void fa_http_stop(struct fa_http *h);

/* ---- jobs.c -----------------------------------------------------------------
 */

enum fa_job_kind {
	FA_JOB_SELF = 0,   /* the self-assessment of a new upload */
	FA_JOB_INSPECTION, /* an inspection-mode run with a sample */
};

/* Start n worker threads with a queue of at most FA_SERVE_QUEUE_MAX. */
enum fa_code fa_jobs_new(struct fa_jobs **out, struct fa_server *srv, size_t n,
			 struct fa_error *err);
/* Let the running audits finish, drop the queued ones, stop. */
void fa_jobs_free(struct fa_jobs *j);
/* Queue an audit of upload; FA_ERR_LIMIT when the queue is full. */
enum fa_code fa_jobs_add(struct fa_jobs *j, int64_t upload,
			 enum fa_job_kind kind, struct fa_error *err);
/* How an audit of upload goes: 1 with its kind, and step, done, total
 * while queued (step -1) or running; 0 when none is. */
int fa_jobs_progress(struct fa_jobs *j, int64_t upload, enum fa_job_kind *kind,
		     int *step, size_t *done, size_t *total);

/* ---- limiter.c ----------------------------------------------------------- */

enum fa_code fa_limiter_new(struct fa_limiter **out, struct fa_error *err);
void fa_limiter_free(struct fa_limiter *l);
/* Seconds to wait before the next login attempt of login from addr
 * (0: go on). */
long fa_limiter_wait(struct fa_limiter *l, const char *login, const char *addr);
/* A failed attempt (counts against both), or a success (clears the
 * login's count). */
void fa_limiter_failed(struct fa_limiter *l, const char *login,
		       const char *addr);
void fa_limiter_succeeded(struct fa_limiter *l, const char *login);

/* ---- the store, per request ------------------------------------------------
 */

/* Open the server's store for one request or job (FA_ERR_IO: busy). */
enum fa_code fa_serve_store(struct fa_store **out, struct fa_server *srv,
			    struct fa_error *err);
/* Wait for a turn to load a stored run (FA_SERVE_RENDERS_MAX at once),
 * and give it back. */
void fa_serve_render_enter(struct fa_server *srv);
void fa_serve_render_leave(struct fa_server *srv);
/* data/packages/<id>.zip into buf. */
void fa_serve_package_path(char *buf, size_t size, const struct fa_server *srv,
			   int64_t upload);

#endif
