/* SPDX-License-Identifier: MIT */
/*
 * Starting and stopping the portal: the options checked, the data folder
 * made (data/incoming for uploads as they arrive, data/packages for the
 * packages kept, both 0700), what a stopped server left behind cleared
 * (files half received; uploads whose audit never ended), then the audit
 * workers and the HTTP server started. See serve.h and docs/serve.md.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "serve.h"

#include "limits.h"
#include "text.h"

/* The largest certificate or key file read. */
#define PEM_MAX (256 * 1024)

enum fa_code fa_serve_store(struct fa_store **out, struct fa_server *srv,
			    struct fa_error *err)
{
	return fa_store_open(out, srv->store_path, 0, err);
}

void fa_serve_render_enter(struct fa_server *srv)
{
	pthread_mutex_lock(&srv->render_lock);
	while (srv->rendering >= FA_SERVE_RENDERS_MAX)
		pthread_cond_wait(&srv->render_cond, &srv->render_lock);
	srv->rendering++;
	pthread_mutex_unlock(&srv->render_lock);
}

void fa_serve_render_leave(struct fa_server *srv)
{
	pthread_mutex_lock(&srv->render_lock);
	srv->rendering--;
	pthread_cond_signal(&srv->render_cond);
	pthread_mutex_unlock(&srv->render_lock);
}

void fa_serve_package_path(char *buf, size_t size, const struct fa_server *srv,
			   int64_t upload)
{
	snprintf(buf, size, "%s/%lld.zip", srv->packages, (long long)upload);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static enum fa_code make_dir(const char *path, struct fa_error *err)
{
	struct stat st;

	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return fa_error_add(err, FA_ERR_IO, path, 0, 0,
				    "cannot create the folder: %s",
				    strerror(errno));
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return fa_error_add(err, FA_ERR_IO, path, 0, 0,
				    "is not a folder: give --data a folder");
	if (access(path, W_OK) != 0)
		return fa_error_add(err, FA_ERR_IO, path, 0, 0,
				    "cannot write in the folder: %s",
				    strerror(errno));
	return FA_OK;
}

/* Files of uploads that were still arriving when a server stopped:
 * never a package. */
static void clear_incoming(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *p;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "up-", 3) != 0)
			continue;
		p = join(dir, e->d_name);
		if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
}

static enum fa_code read_pem(char **out, const char *path, struct fa_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	*out = NULL;
	if (!f)
		return fa_error_add(err, FA_ERR_IO, path, 0, 0,
				    "cannot open: %s", strerror(errno));
	buf = malloc(PEM_MAX + 1);
	if (!buf) {
		fclose(f);
		return fa_error_nomem(err, path);
	}
	n = fread(buf, 1, PEM_MAX + 1, f);
	fclose(f);
	if (n > PEM_MAX || n == 0) {
		free(buf);
		return fa_error_add(err, FA_ERR_INPUT, path, 0, 0,
				    "is %s: give a PEM file",
				    n ? "too large" : "empty");
	}
	buf[n] = '\0';
	*out = buf;
	return FA_OK;
}

/* 1 if addr is a loopback address (127.0.0.0/8, ::1). */
static int loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

/* "HOST:PORT" or "[V6]:PORT" into addr and *port. */
static enum fa_code parse_listen(char *addr, size_t size, unsigned *port,
				 const char *listen, struct fa_error *err)
{
	const char *colon, *host = listen;
	size_t hl;
	char *end;
	unsigned long p;

	if (listen[0] == '[') {
		colon = strstr(listen, "]:");
		host = listen + 1;
		hl = colon ? (size_t)(colon - host) : 0;
		colon = colon ? colon + 1 : NULL;
	} else {
		colon = strrchr(listen, ':');
		hl = colon ? (size_t)(colon - listen) : 0;
	}
	if (!colon || hl == 0 || hl >= size || !colon[1])
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "--listen '%s' is not ADDRESS:PORT: give "
				    "one such as 127.0.0.1:8080",
				    listen);
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (errno || *end || p > 65535 || colon[1] < '0' || colon[1] > '9')
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "--listen '%s': the port is not a number "
				    "from 0 to 65535",
				    listen);
	memcpy(addr, host, hl);
	addr[hl] = '\0';
	*port = (unsigned)p;
	return FA_OK;
}

void fa_server_free(struct fa_server *srv)
{
	size_t i;

	if (!srv)
		return;
	fa_http_stop(srv->http); /* no new request, none running */
	fa_jobs_free(srv->jobs);
	fa_limiter_free(srv->limiter);
	fa_store_close(srv->keep);
	for (i = 0; i < srv->n_rules; i++)
		free(srv->rules[i]);
	free(srv->rules);
	free(srv->store_path);
	free(srv->data);
	free(srv->incoming);
	free(srv->packages);
	pthread_mutex_destroy(&srv->hash_lock);
	pthread_cond_destroy(&srv->hash_cond);
	pthread_mutex_destroy(&srv->render_lock);
	pthread_cond_destroy(&srv->render_cond);
	free(srv);
}

static enum fa_code prepare_store(struct fa_server *srv, struct fa_error *err)
{
	struct fa_store *s = NULL;
	enum fa_code code;

	code = fa_store_open(&s, srv->store_path, FA_STORE_CREATE, err);
	if (code != FA_OK)
		return code;
	srv->keep = s;
	return FA_OK;
}

/*
 * The uploads whose audit a stopped server never finished (received, or
 * being audited when it stopped: a run is stored whole or not at all)
 * are audited again, from their kept package, so that a restart loses
 * no member's upload; one whose package is missing, or that the queue
 * has no room for, is failed with a message that says to upload again.
 */
static enum fa_code resume_uploads(struct fa_server *srv, struct fa_error *err)
{
	struct fa_upload *u = NULL;
	struct fa_error quiet;
	enum fa_code code;
	char path[4096];
	size_t n = 0, i;

	code = fa_store_upload_list(&u, &n, srv->keep, 0, err);
	for (i = n; code == FA_OK && i-- > 0;) { /* oldest first */
		if (u[i].state != FA_UPLOAD_RECEIVED &&
		    u[i].state != FA_UPLOAD_AUDITING)
			continue;
		fa_serve_package_path(path, sizeof path, srv, u[i].id);
		fa_error_init(&quiet);
		/* received before queued: the worker may start at once */
		if (access(path, R_OK) == 0)
			code = fa_store_upload_set(srv->keep, u[i].id,
						   FA_UPLOAD_RECEIVED, NULL, 0,
						   err);
		if (code == FA_OK &&
		    (access(path, R_OK) != 0 ||
		     fa_jobs_add(srv->jobs, u[i].id, FA_JOB_SELF, &quiet) !=
			 FA_OK))
			code = fa_store_upload_set(
			    srv->keep, u[i].id, FA_UPLOAD_FAILED,
			    "the server stopped before the audit ended: "
			    "upload the package again",
			    0, err);
	}
	fa_upload_list_free(u, n);
	return code;
}

enum fa_code fa_server_new(struct fa_server **out,
			   const struct fa_server_options *opt,
			   struct fa_error *err)
{
	struct fa_server *srv;
	char addr[64];
	unsigned port = 0;
	char *cert = NULL, *key = NULL;
	enum fa_code code;
	size_t i;

	*out = NULL;
	if (!opt->store || !opt->data)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "no store or no data folder: give --store "
				    "FILE and --data DIR");
	code = parse_listen(addr, sizeof addr, &port,
			    opt->listen ? opt->listen : "127.0.0.1:8080", err);
	if (code != FA_OK)
		return code;
	if (!opt->cert != !opt->key)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "--cert and --key go together: give both "
				    "or neither");
	if (!opt->cert && !loopback(addr) && !opt->insecure_listen)
		return fa_error_add(
		    err, FA_ERR_USAGE, NULL, 0, 0,
		    "plain HTTP on '%s' would send passwords in clear: give "
		    "--cert and --key, or listen on 127.0.0.1 behind a "
		    "TLS reverse proxy (docs/serve.md), or add "
		    "--insecure-listen on a network you trust",
		    addr);
	if (opt->workers > FA_SERVE_WORKERS_MAX)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "--workers %zu is more than %d",
				    opt->workers, FA_SERVE_WORKERS_MAX);
	srv = calloc(1, sizeof *srv);
	if (!srv)
		return fa_error_nomem(err, "server");
	pthread_mutex_init(&srv->hash_lock, NULL);
	pthread_cond_init(&srv->hash_cond, NULL);
	pthread_mutex_init(&srv->render_lock, NULL);
	pthread_cond_init(&srv->render_cond, NULL);
	srv->upload_max =
	    opt->upload_max ? opt->upload_max : FA_SERVE_UPLOAD_MAX;
	srv->tls = opt->cert != NULL;
	srv->idle_seconds =
	    opt->idle_seconds ? opt->idle_seconds : FA_SERVE_IDLE_SECONDS;
	srv->store_path = fa_text_dup(opt->store);
	srv->data = fa_text_dup(opt->data);
	srv->incoming = join(opt->data, "incoming");
	srv->packages = join(opt->data, "packages");
	if (opt->n_rules) {
		srv->rules = calloc(opt->n_rules, sizeof *srv->rules);
		if (srv->rules)
			for (i = 0; i < opt->n_rules; i++)
				if ((srv->rules[i] =
					 fa_text_dup(opt->rules[i])) != NULL)
					srv->n_rules++;
	}
	if (!srv->store_path || !srv->data || !srv->incoming ||
	    !srv->packages || srv->n_rules != opt->n_rules) {
		fa_server_free(srv);
		return fa_error_nomem(err, "server");
	}
	code = make_dir(srv->data, err);
	if (code == FA_OK)
		code = make_dir(srv->incoming, err);
	if (code == FA_OK)
		code = make_dir(srv->packages, err);
	if (code == FA_OK) {
		clear_incoming(srv->incoming);
		code = prepare_store(srv, err);
	}
	if (code == FA_OK && opt->cert) {
		code = read_pem(&cert, opt->cert, err);
		if (code == FA_OK)
			code = read_pem(&key, opt->key, err);
	}
	if (code == FA_OK)
		code = fa_limiter_new(&srv->limiter, err);
	if (code == FA_OK)
		code = fa_jobs_new(&srv->jobs, srv,
				   opt->workers ? opt->workers : 1, err);
	if (code == FA_OK)
		code = resume_uploads(srv, err);
	if (code == FA_OK)
		code =
		    fa_http_start(&srv->http, srv, addr, port, cert, key, err);
	free(cert);
	free(key);
	if (code != FA_OK) {
		fa_server_free(srv);
		return code;
	}
	*out = srv;
	return FA_OK;
}

unsigned fa_server_port(const struct fa_server *srv)
{
	return srv->port;
}
