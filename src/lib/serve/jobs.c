/* SPDX-License-Identifier: MIT */
/*
 * The audits of uploaded packages, in a fixed number of worker threads
 * fed from a bounded queue, so that a burst of uploads waits its turn
 * instead of taking every processor and all memory at once, and no page
 * waits for an audit. A job is fa_audit_run on the kept package, then
 * fa_store_add_run (one transaction: a killed server loses no stored
 * run and stores no half one); what the package's reader refused is
 * kept with the upload as the member's list of problems to fix.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#include "audit_impl.h"
#include "limits.h"

struct job {
	int64_t upload;
	enum fa_job_kind kind;
	int step; /* -1 queued, else enum fa_audit_step */
	size_t done, total;
};

struct fa_jobs {
	struct fa_server *srv;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t *threads;
	size_t n_threads;
	int stop;
	/* queue[0..n_queued) waits; running[0..n_threads) are under way
	 * (upload 0: idle) */
	struct job queue[FA_SERVE_QUEUE_MAX];
	size_t n_queued;
	struct job *running;
};

struct progress_ctx {
	struct fa_jobs *j;
	struct job *slot;
};

static void on_progress(void *ctx, enum fa_audit_step step, size_t done,
			size_t total, const char *rule_id)
{
	struct progress_ctx *pc = ctx;

	(void)rule_id;
	pthread_mutex_lock(&pc->j->lock);
	pc->slot->step = (int)step;
	if (step == FA_AUDIT_RULE) {
		pc->slot->done = done;
		pc->slot->total = total;
	}
	pthread_mutex_unlock(&pc->j->lock);
}

/* The problems of err, one per line (the caller's), or NULL. */
static char *problems_of(const struct fa_error *err)
{
	char line[FA_ERROR_MESSAGE_MAX + FA_ERROR_WHERE_MAX + 64];
	char *out = NULL, *p;
	size_t i, len = 0, n;

	for (i = 0; i <= err->n; i++) {
		if (i < err->n)
			fa_diag_format(line, sizeof line, &err->diag[i]);
		else if (err->n_dropped)
			snprintf(line, sizeof line,
				 "%zu more problems not shown", err->n_dropped);
		else
			break;
		n = strlen(line);
		p = realloc(out, len + n + 2);
		if (!p)
			break;
		out = p;
		memcpy(out + len, line, n);
		out[len + n] = '\n';
		len += n + 1;
		out[len] = '\0';
	}
	return out;
}

static void log_job(struct fa_store *s, int64_t upload, const char *action,
		    const char *detail)
{
	char obj[64];
	struct fa_error err;

	snprintf(obj, sizeof obj, "upload %lld", (long long)upload);
	fa_error_init(&err);
	fa_store_log(s, 0, "worker", action, obj, detail, &err);
}

/* The package's KvK number against its uploader's organisation: a member
 * uploads for itself only. */
static int kvk_matches(struct fa_store *s, const struct fa_upload *u,
		       const struct fa_audit *a, char *msg, size_t size)
{
	struct fa_org org;
	struct fa_error err;
	const char *kvk =
	    a->ev && a->ev->manifest ? a->ev->manifest->kvk : NULL;

	fa_error_init(&err);
	if (fa_store_org_get(&org, s, u->org, &err) != FA_OK)
		return 0;
	if (kvk && strcmp(kvk, org.kvk) == 0)
		return 1;
	snprintf(msg, size,
		 "manifest.xml: the package is for KvK number %s, not for "
		 "%s (%s): upload a package of your own organisation",
		 kvk ? kvk : "(none)", org.kvk, org.name);
	return 0;
}

static void run_job(struct fa_jobs *j, struct job *slot)
{
	struct fa_server *srv = j->srv;
	struct fa_store *s = NULL;
	struct fa_audit *a = NULL;
	struct fa_audit_options o;
	struct fa_upload u;
	struct fa_error err;
	struct progress_ctx pc = { j, slot };
	char path[4096], msg[512];
	char *problems;
	int64_t run = 0;
	enum fa_code code;
	int self = slot->kind == FA_JOB_SELF;

	memset(&u, 0, sizeof u);
	fa_error_init(&err);
	if (fa_serve_store(&s, srv, &err) != FA_OK)
		return; /* the upload stays received: a restart fails it */
	if (fa_store_upload_get(&u, s, slot->upload, &err) != FA_OK) {
		log_job(s, slot->upload, "audit-failed", err.diag[0].message);
		goto out;
	}
	if (self)
		fa_store_upload_set(s, u.id, FA_UPLOAD_AUDITING, NULL, 0, &err);
	fa_serve_package_path(path, sizeof path, srv, u.id);
	memset(&o, 0, sizeof o);
	o.package = path;
	o.rules = (const char *const *)srv->rules;
	o.n_rules = srv->n_rules;
	o.inspection = !self;
	o.progress = on_progress;
	o.progress_ctx = &pc;
	fa_error_init(&err);
	code = fa_audit_run(&a, &o, &err);
	if (code != FA_OK) {
		problems = problems_of(&err);
		if (self)
			fa_store_upload_set(s, u.id,
					    code == FA_ERR_NOMEM ||
						    code == FA_ERR_INTERNAL
						? FA_UPLOAD_FAILED
						: FA_UPLOAD_REJECTED,
					    problems, 0, &err);
		log_job(s, u.id, self ? "audit-refused" : "inspection-refused",
			problems ? problems : "");
		free(problems);
		goto out;
	}
	if (!kvk_matches(s, &u, a, msg, sizeof msg)) {
		if (self)
			fa_store_upload_set(s, u.id, FA_UPLOAD_REJECTED, msg, 0,
					    &err);
		log_job(s, u.id, "audit-refused", msg);
		goto out;
	}
	fa_error_init(&err);
	code = fa_store_add_run(&run, s, a, NULL, 0, &err);
	if (code == FA_OK)
		code = self
			   ? fa_store_upload_set(s, u.id, FA_UPLOAD_AUDITED,
						 NULL, run, &err)
			   : fa_store_upload_set_inspection(s, u.id, run, &err);
	if (code != FA_OK) {
		problems = problems_of(&err);
		if (self)
			fa_store_upload_set(s, u.id, FA_UPLOAD_FAILED, problems,
					    0, &err);
		log_job(s, u.id, "audit-failed", problems ? problems : "");
		free(problems);
		goto out;
	}
	snprintf(msg, sizeof msg, "run %lld", (long long)run);
	log_job(s, u.id, self ? "audited" : "inspected", msg);
out:
	fa_audit_free(a);
	fa_upload_release(&u);
	fa_store_close(s);
}

static void *worker(void *arg)
{
	struct fa_jobs *j = ((void **)arg)[0];
	struct job *slot = ((void **)arg)[1];

	free(arg);
	pthread_mutex_lock(&j->lock);
	for (;;) {
		while (!j->stop && j->n_queued == 0)
			pthread_cond_wait(&j->cond, &j->lock);
		if (j->stop)
			break;
		*slot = j->queue[0];
		memmove(j->queue, j->queue + 1,
			--j->n_queued * sizeof j->queue[0]);
		slot->step = FA_AUDIT_LOADING;
		pthread_mutex_unlock(&j->lock);
		run_job(j, slot);
		pthread_mutex_lock(&j->lock);
		memset(slot, 0, sizeof *slot);
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

enum fa_code fa_jobs_new(struct fa_jobs **out, struct fa_server *srv, size_t n,
			 struct fa_error *err)
{
	struct fa_jobs *j = calloc(1, sizeof *j);
	void **arg;

	*out = NULL;
	if (!j)
		return fa_error_nomem(err, "audit workers");
	j->srv = srv;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	j->threads = calloc(n, sizeof *j->threads);
	j->running = calloc(n, sizeof *j->running);
	if (!j->threads || !j->running) {
		fa_jobs_free(j);
		return fa_error_nomem(err, "audit workers");
	}
	for (; j->n_threads < n; j->n_threads++) {
		arg = malloc(2 * sizeof *arg);
		if (!arg) {
			fa_jobs_free(j);
			return fa_error_nomem(err, "audit workers");
		}
		arg[0] = j;
		arg[1] = &j->running[j->n_threads];
		if (pthread_create(&j->threads[j->n_threads], NULL, worker,
				   arg) != 0) {
			free(arg);
			fa_jobs_free(j);
			return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
					    "cannot start an audit worker");
		}
	}
	*out = j;
	return FA_OK;
}

void fa_jobs_free(struct fa_jobs *j)
{
	size_t i;

	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stop = 1;
	pthread_cond_broadcast(&j->cond);
	pthread_mutex_unlock(&j->lock);
	for (i = 0; i < j->n_threads; i++)
		pthread_join(j->threads[i], NULL);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->cond);
	free(j->threads);
	free(j->running);
	free(j);
}

enum fa_code fa_jobs_add(struct fa_jobs *j, int64_t upload,
			 enum fa_job_kind kind, struct fa_error *err)
{
	enum fa_code code = FA_OK;

	pthread_mutex_lock(&j->lock);
	if (j->n_queued >= FA_SERVE_QUEUE_MAX) {
		code = fa_error_add(err, FA_ERR_LIMIT, NULL, 0, 0,
				    "%d audits are waiting already: try again "
				    "in a few minutes",
				    FA_SERVE_QUEUE_MAX);
	} else {
		memset(&j->queue[j->n_queued], 0, sizeof j->queue[0]);
		j->queue[j->n_queued].upload = upload;
		j->queue[j->n_queued].kind = kind;
		j->queue[j->n_queued].step = -1;
		j->n_queued++;
		pthread_cond_signal(&j->cond);
	}
	pthread_mutex_unlock(&j->lock);
	return code;
}

int fa_jobs_progress(struct fa_jobs *j, int64_t upload, enum fa_job_kind *kind,
		     int *step, size_t *done, size_t *total)
{
	const struct job *found = NULL;
	size_t i;
	int yes = 0;

	pthread_mutex_lock(&j->lock);
	for (i = 0; i < j->n_threads && !found; i++)
		if (j->running[i].upload == upload)
			found = &j->running[i];
	for (i = 0; i < j->n_queued && !found; i++)
		if (j->queue[i].upload == upload)
			found = &j->queue[i];
	if (found) {
		*kind = found->kind;
		*step = found->step;
		*done = found->done;
		*total = found->total;
		yes = 1;
	}
	pthread_mutex_unlock(&j->lock);
	return yes;
}
