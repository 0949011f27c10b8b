/* SPDX-License-Identifier: MIT */
/*
 * HTTP through libmicrohttpd, the only module that calls it. A thread per
 * connection, at most FA_SERVE_CONNECTIONS at once and
 * FA_SERVE_PER_ADDRESS from one address; a connection idle for
 * FA_SERVE_IDLE_SECONDS (--timeout), or a request still coming after
 * FA_SERVE_REQUEST_SECONDS, is cut off (a client that sends a byte now
 * and then holds a thread no longer than that). A request's form fields
 * are kept in memory (at most FA_FORM_BYTES); an uploaded file is
 * written to data/incoming as it arrives, hashed on the way, never held
 * whole in memory, and removed when the request ends unless route.c
 * took it. Every response gets the same security headers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

#include "hash.h"
#include "limits.h"
#include "text.h"

struct fa_http {
	struct MHD_Daemon *d;
	struct fa_server *srv;
};

/* One request on its connection. */
struct conn {
	struct fa_req req;
	struct fa_resp resp;
	struct MHD_PostProcessor *pp;
	struct MHD_Connection *c;
	uint64_t max, received;
	size_t field_bytes;
	struct timespec start;
	unsigned refused; /* a status: answer resp, read nothing more */
	int fd;		  /* the file part being written, or -1 */
	struct fa_sha256 *sha;
	int last_field; /* index of the field being received, or -1 */
	int bad_form;	/* fields beyond the limits */
};

const char *fa_req_header(const struct fa_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *fa_req_cookie(const struct fa_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *fa_req_query(const struct fa_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
					   name);
}

const char *fa_req_field(const struct fa_req *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_fields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return r->fields[i].value;
	return NULL;
}

void fa_resp_release(struct fa_resp *resp)
{
	free(resp->body);
	resp->body = NULL;
	resp->len = 0;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void plain(struct fa_resp *resp, unsigned status, const char *text)
{
	fa_resp_release(resp);
	resp->status = status;
	resp->type = "text/plain; charset=utf-8";
	resp->body = fa_text_dup(text);
	resp->len = resp->body ? strlen(resp->body) : 0;
}

/* Append data to field i's value; -1 beyond the limit or out of
 * memory. */
static int field_append(struct conn *cn, size_t i, const char *data,
			size_t size)
{
	struct fa_req_field *f = &cn->req.fields[i];
	size_t have = strlen(f->value);
	char *v;

	if (cn->field_bytes + size > FA_FORM_BYTES)
		return -1;
	v = realloc(f->value, have + size + 1);
	if (!v)
		return -1;
	memcpy(v + have, data, size);
	v[have + size] = '\0';
	f->value = v;
	cn->field_bytes += size;
	return 0;
}

static int field_new(struct conn *cn, const char *key)
{
	struct fa_req *r = &cn->req;
	struct fa_req_field *v;

	if (r->n_fields >= FA_FORM_FIELDS_MAX ||
	    cn->field_bytes + strlen(key) > FA_FORM_BYTES)
		return -1;
	v = realloc(r->fields, (r->n_fields + 1) * sizeof *v);
	if (!v)
		return -1;
	r->fields = v;
	v[r->n_fields].name = fa_text_dup(key);
	v[r->n_fields].value = fa_text_dup("");
	if (!v[r->n_fields].name || !v[r->n_fields].value) {
		free(v[r->n_fields].name);
		free(v[r->n_fields].value);
		return -1;
	}
	cn->field_bytes += strlen(key);
	cn->last_field = (int)r->n_fields++;
	return 0;
}

/* The first bytes of a file part: ask route.c, then open the file. */
static int file_open(struct conn *cn, const char *filename)
{
	struct fa_server *srv = cn->req.srv;
	struct fa_req_file *f;
	struct fa_error err;
	size_t n;

	if (cn->req.file)
		return -1; /* one file per request */
	cn->refused = fa_route_file(&cn->req, &cn->resp);
	if (cn->refused)
		return -1;
	f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	cn->req.file = f;
	f->filename = fa_text_dup(filename ? filename : "");
	n = strlen(srv->incoming) + 16;
	f->path = malloc(n);
	fa_error_init(&err);
	if (!f->filename || !f->path || fa_sha256_new(&cn->sha, &err) != FA_OK)
		return -1;
	snprintf(f->path, n, "%s/up-XXXXXX", srv->incoming);
	cn->fd = mkstemp(f->path);
	if (cn->fd < 0) {
		free(f->path);
		f->path = NULL;
		return -1;
	}
	return 0;
}

static int file_write(struct conn *cn, const char *data, size_t size)
{
	size_t off = 0;
	ssize_t w;

	fa_sha256_update(cn->sha, data, size);
	while (off < size) {
		w = write(cn->fd, data + off, size - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	cn->req.file->size += size;
	return 0;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind,
				const char *key, const char *filename,
				const char *content_type,
				const char *transfer_encoding, const char *data,
				uint64_t off, size_t size)
{
	struct conn *cn = cls;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (filename) {
		if (off == 0 && cn->fd < 0 && file_open(cn, filename) != 0) {
			cn->bad_form = 1;
			return MHD_NO;
		}
		if (size && file_write(cn, data, size) != 0) {
			cn->bad_form = 1;
			return MHD_NO;
		}
		return MHD_YES;
	}
	if (off == 0 || cn->last_field < 0 ||
	    strcmp(cn->req.fields[cn->last_field].name, key) != 0) {
		if (field_new(cn, key) != 0) {
			cn->bad_form = 1;
			return MHD_NO;
		}
	}
	if (size && field_append(cn, (size_t)cn->last_field, data, size)) {
		cn->bad_form = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

static void add_header(struct MHD_Response *r, const char *name,
		       const char *value)
{
	MHD_add_response_header(r, name, value);
}

static enum MHD_Result respond(struct conn *cn)
{
	struct fa_resp *resp = &cn->resp;
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t i;

	r = MHD_create_response_from_buffer(resp->len, resp->body,
					    MHD_RESPMEM_MUST_FREE);
	if (!r)
		return MHD_NO;
	resp->body = NULL; /* the response's now */
	resp->len = 0;
	add_header(r, "Content-Type",
		   resp->type ? resp->type : "text/html; charset=utf-8");
	add_header(r, "Cache-Control", "no-store");
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "X-Frame-Options", "DENY");
	add_header(r, "Referrer-Policy", "no-referrer");
	add_header(r, "Content-Security-Policy",
		   resp->report ? "default-src 'none'; "
				  "style-src 'unsafe-inline'; "
				  "script-src 'unsafe-inline'; img-src data:; "
				  "form-action 'none'; frame-ancestors 'none'"
				: "default-src 'none'; style-src 'self'; "
				  "img-src 'self' data:; form-action 'self'; "
				  "frame-ancestors 'none'; base-uri 'none'");
	if (resp->location[0])
		add_header(r, "Location", resp->location);
	if (resp->disposition[0])
		add_header(r, "Content-Disposition", resp->disposition);
	for (i = 0; i < FA_RESP_COOKIES; i++)
		if (resp->cookies[i][0])
			add_header(r, "Set-Cookie", resp->cookies[i]);
	ret = MHD_queue_response(cn->c, resp->status ? resp->status : 500, r);
	MHD_destroy_response(r);
	return ret;
}

static void client_address(struct conn *cn)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	snprintf(cn->req.addr, sizeof cn->req.addr, "?");
	ci = MHD_get_connection_info(cn->c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(
		    AF_INET,
		    &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    cn->req.addr, sizeof cn->req.addr);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(
		    AF_INET6,
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    cn->req.addr, sizeof cn->req.addr);
}

/* The first call of a request: headers in, no body read yet. */
static enum MHD_Result begin(struct conn *cn)
{
	const char *len;
	char *end;
	unsigned long long n;

	if (strcmp(cn->req.method, "GET") != 0 &&
	    strcmp(cn->req.method, "HEAD") != 0 &&
	    strcmp(cn->req.method, "POST") != 0) {
		plain(&cn->resp, 405, "method not allowed\n");
		return respond(cn);
	}
	cn->refused = fa_route_begin(&cn->max, &cn->req, &cn->resp);
	if (cn->refused)
		return respond(cn);
	if (strcmp(cn->req.method, "POST") != 0)
		return MHD_YES;
	len = fa_req_header(&cn->req, "Content-Length");
	if (len) {
		errno = 0;
		n = strtoull(len, &end, 10);
		if (errno || *end || end == len || n > cn->max) {
			plain(&cn->resp, 413,
			      "the request is larger than this server takes\n");
			cn->refused = 413;
			return respond(cn);
		}
	}
	cn->pp = MHD_create_post_processor(cn->c, FA_FORM_BUFFER, on_field, cn);
	if (!cn->pp) {
		plain(&cn->resp, 415,
		      "send a form (application/x-www-form-urlencoded or "
		      "multipart/form-data)\n");
		cn->refused = 415;
		return respond(cn);
	}
	return MHD_YES;
}

static int file_finish(struct conn *cn)
{
	int rc = 0;

	if (cn->fd < 0)
		return 0;
	if (fsync(cn->fd) != 0)
		rc = -1;
	if (close(cn->fd) != 0)
		rc = -1;
	cn->fd = -1;
	fa_sha256_hex(cn->req.file->sha256, cn->sha);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct fa_http *h = cls;
	struct conn *cn = *con_cls;

	(void)version;
	if (!cn) {
		cn = calloc(1, sizeof *cn);
		if (!cn)
			return MHD_NO;
		*con_cls = cn;
		cn->c = c;
		cn->fd = -1;
		cn->last_field = -1;
		cn->req.srv = h->srv;
		cn->req.conn = c;
		cn->req.method = method;
		cn->req.path = url;
		clock_gettime(CLOCK_MONOTONIC, &cn->start);
		client_address(cn);
		return begin(cn);
	}
	if (cn->refused)
		return MHD_NO; /* answered already: read no more */
	if (seconds_since(&cn->start) > FA_SERVE_REQUEST_SECONDS)
		return MHD_NO;
	if (*upload_data_size) {
		cn->received += *upload_data_size;
		if (cn->received > cn->max || !cn->pp)
			return MHD_NO;
		if (MHD_post_process(cn->pp, upload_data, *upload_data_size) !=
			MHD_YES ||
		    cn->bad_form)
			return MHD_NO;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (cn->pp && file_finish(cn) != 0) {
		plain(&cn->resp, 500, "the upload could not be stored\n");
		return respond(cn);
	}
	fa_route_handle(&cn->req, &cn->resp);
	return respond(cn);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn *cn = *con_cls;
	size_t i;

	(void)cls;
	(void)c;
	(void)toe;
	if (!cn)
		return;
	if (cn->pp)
		MHD_destroy_post_processor(cn->pp);
	if (cn->fd >= 0)
		close(cn->fd);
	if (cn->req.file) {
		if (cn->req.file->path && !cn->req.file->taken)
			unlink(cn->req.file->path);
		free(cn->req.file->path);
		free(cn->req.file->filename);
		free(cn->req.file);
	}
	fa_sha256_free(cn->sha);
	for (i = 0; i < cn->req.n_fields; i++) {
		free(cn->req.fields[i].name);
		free(cn->req.fields[i].value);
	}
	free(cn->req.fields);
	fa_resp_release(&cn->resp);
	free(cn);
	*con_cls = NULL;
}

/* libmicrohttpd's messages go nowhere: the library never prints. */
static void no_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

enum fa_code fa_http_start(struct fa_http **out, struct fa_server *srv,
			   const char *addr, unsigned port,
			   const char *cert_pem, const char *key_pem,
			   struct fa_error *err)
{
	struct fa_http *h;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *di;
	/* with a certificate, these two; else none (from the end) */
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cert_pem },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)key_pem },
		{ MHD_OPTION_END, 0, NULL },
	};

	*out = NULL;
	memset(&in4, 0, sizeof in4);
	memset(&in6, 0, sizeof in6);
	if (inet_pton(AF_INET, addr, &in4.sin_addr) == 1) {
		in4.sin_family = AF_INET;
		in4.sin_port = htons((uint16_t)port);
		sa = (const struct sockaddr *)&in4;
	} else if (inet_pton(AF_INET6, addr, &in6.sin6_addr) == 1) {
		in6.sin6_family = AF_INET6;
		in6.sin6_port = htons((uint16_t)port);
		sa = (const struct sockaddr *)&in6;
		flags |= MHD_USE_IPv6;
	} else {
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "listen address '%s' is not an IP "
				    "address: give one such as 127.0.0.1",
				    addr);
	}
	if (cert_pem) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					    "this libmicrohttpd has no TLS: "
					    "serve behind a reverse proxy "
					    "(docs/serve.md)");
		flags |= MHD_USE_TLS;
	}
	h = calloc(1, sizeof *h);
	if (!h)
		return fa_error_nomem(err, "server");
	h->srv = srv;
	h->d = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)FA_SERVE_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)FA_SERVE_PER_ADDRESS,
	    MHD_OPTION_CONNECTION_TIMEOUT, srv->idle_seconds,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
	    MHD_OPTION_EXTERNAL_LOGGER, no_log, h, MHD_OPTION_ARRAY,
	    cert_pem ? tls : tls + 2, MHD_OPTION_END);
	if (!h->d) {
		free(h);
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot listen on %s port %u: the port is "
				    "in use or not allowed (choose another "
				    "with --listen)",
				    addr, port);
	}
	di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : port;
	*out = h;
	return FA_OK;
}

void fa_http_stop(struct fa_http *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
