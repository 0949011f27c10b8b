/* SPDX-License-Identifier: MIT */
/*
 * The audit: select the rules to run and run them on a pool of threads,
 * each with its own read-only connection (eval.c's runner). Rules are
 * independent queries on a database nobody writes while they run, so they
 * run side by side; each rule's findings are kept apart and joined in rule
 * order at the end, so the result is the same as one after the other.
 * Uses eval.c (eval_impl.h), POSIX threads.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval_impl.h"
#include "resource.h"
#include "value.h"

/* ---- selection ----------------------------------------------------------- */

int fa_eval_named(const struct fa_rule *rule, const char *const *names,
		  size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], rule->id) == 0 ||
		    strcmp(names[i], rule->set->id) == 0)
			return 1;
	return 0;
}

/* Every name in only/skip must be a rule or a rule set. */
enum fa_code fa_eval_check_names(const struct fa_rulesets *sets,
				 const char *const *names, size_t n,
				 struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i, s;

	for (i = 0; i < n; i++) {
		int ok = fa_rulesets_rule(sets, names[i]) != NULL;
		char hint[FA_ERROR_MESSAGE_MAX / 2];

		for (s = 0; !ok && s < sets->n; s++)
			ok = strcmp(sets->sets[s]->id, names[i]) == 0;
		if (ok)
			continue;
		fa_rulesets_hint(hint, sizeof(hint), sets, names[i],
				 FA_HINT_RULES | FA_HINT_SETS);
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no rule or rule set '%s': %s", names[i],
				  hint);
	}
	return rc;
}

static int selected(const struct fa_rule *rule,
		    const struct fa_eval_options *opt)
{
	if (!opt)
		return 1;
	if (opt->n_only && !fa_eval_named(rule, opt->only, opt->n_only))
		return 0;
	return !fa_eval_named(rule, opt->skip, opt->n_skip);
}

/* ---- the pool ------------------------------------------------------------ */

/* One selected rule: its findings until they are joined. */
struct job {
	const struct fa_rule *rule;
	struct list l;
};

struct pool {
	pthread_mutex_t lock;
	struct worker *workers; /* to stop them all when one fails */
	size_t n_workers;
	struct job *jobs;
	struct fa_rule_run *runs; /* one per job */
	size_t *order;		  /* jobs in the order they are taken */
	size_t n_jobs, next;	  /* next: how many have been taken */
	enum fa_code rc;	  /* the first failure; FA_OK */
	const struct fa_eval_options *opt;
};

struct worker {
	struct pool *pool;
	struct runner *r; /* the caller's, or own */
	struct runner own;
	struct fa_error err;
	pthread_t thread;
	int started;
};

/* Take jobs until none are left or one failed. */
static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;

	for (;;) {
		const struct fa_eval_options *opt = p->opt;
		enum fa_code rc;
		size_t i;

		pthread_mutex_lock(&p->lock);
		if (p->rc != FA_OK || p->next == p->n_jobs) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		i = p->order[p->next];
		if (opt && opt->progress)
			opt->progress(opt->progress_ctx, p->next, p->n_jobs,
				      p->jobs[i].rule->id);
		p->next++;
		pthread_mutex_unlock(&p->lock);
		rc = fa_eval_run_rule(w->r, p->jobs[i].rule, &p->jobs[i].l,
				      &p->runs[i], &w->err);
		if (rc != FA_OK) {
			size_t k;

			pthread_mutex_lock(&p->lock);
			if (p->rc == FA_OK) {
				p->rc = rc;
				/* the audit fails: the rules still running
				 * would only hold its end up */
				for (k = 0; k < p->n_workers; k++)
					if (&p->workers[k] != w)
						fa_db_interrupt(
						    p->workers[k].r->ro);
			}
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
	}
}

/*
 * Threads for n jobs: the number asked for, else one per processor, at
 * most FA_EVAL_MAX_THREADS (each has its own connection and page cache),
 * at most one per job.
 */
static size_t pool_size(size_t n, size_t asked)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t k = asked ? asked : cpus > 0 ? (size_t)cpus : 1;

	if (k > FA_EVAL_MAX_THREADS)
		k = FA_EVAL_MAX_THREADS;
	if (k > n)
		k = n;
	return k ? k : 1;
}

/* Copy the diagnostics of from into to. */
static void copy_error(struct fa_error *to, const struct fa_error *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		fa_error_add(to, from->code,
			     from->diag[i].where[0] ? from->diag[i].where
						    : NULL,
			     from->diag[i].line, from->diag[i].column, "%s",
			     from->diag[i].message);
}

/*
 * Run the jobs with base's settings: base serves the calling thread, the
 * other workers open their own connections (param() and audit_date() then
 * report to their own runner). On success every job's list and run are
 * filled; on failure the first failure's code is returned and err holds
 * its message.
 */
static enum fa_code run_pool(struct pool *p, struct runner *base,
			     struct fa_error *err)
{
	struct worker *w;
	size_t n = pool_size(p->n_jobs, p->opt ? p->opt->threads : 0), k;
	enum fa_code rc = FA_OK;

	w = calloc(n, sizeof(*w));
	if (!w)
		return fa_error_nomem(err, NULL);
	for (k = 0; k < n; k++) {
		w[k].pool = p;
		w[k].r = base;
		fa_error_init(&w[k].err);
		if (k == 0)
			continue;
		w[k].own = *base;
		w[k].own.ro = NULL;
		w[k].r = &w[k].own;
		if (fa_eval_runner_connect(&w[k].own, fa_db_path(base->ev->db),
					   &w[k].err) != FA_OK) {
			fa_db_close(w[k].own.ro);
			break; /* fewer threads */
		}
	}
	n = k ? k : 1;
	p->workers = w;
	p->n_workers = n;
	for (k = 1; k < n; k++)
		w[k].started =
		    pthread_create(&w[k].thread, NULL, work, &w[k]) == 0;
	work(&w[0]);
	for (k = 1; k < n; k++)
		if (w[k].started)
			pthread_join(w[k].thread, NULL);
	/* a worker that could not start leaves its jobs to the others */
	if (p->rc == FA_OK && p->next < p->n_jobs)
		work(&w[0]);
	rc = p->rc;
	p->workers = NULL;
	p->n_workers = 0;
	for (k = 0; k < n; k++) {
		if (rc != FA_OK && w[k].err.n && !err->n)
			copy_error(err, &w[k].err);
		if (k > 0)
			fa_db_close(w[k].own.ro);
	}
	free(w);
	if (rc != FA_OK && !err->n)
		fa_error_add(err, rc, NULL, 0, 0, "a rule could not be run");
	return rc;
}

/*
 * The order to take the jobs in: the rules that read the most evidence
 * rows first (the sum of the rows of the tables in their reads), ties in
 * rule order. The longest rules then do not start last and leave the
 * other threads idle while they finish; the findings are still joined in
 * rule order.
 */
struct costed {
	uint64_t rows;
	size_t job;
};

static int by_rows(const void *a, const void *b)
{
	const struct costed *x = a, *y = b;

	if (x->rows != y->rows)
		return x->rows < y->rows ? 1 : -1;
	return x->job < y->job ? -1 : x->job > y->job;
}

static uint64_t rows_read(const struct fa_rule *rule,
			  const struct fa_evidence *ev)
{
	uint64_t n = 0;
	size_t i, t;

	for (i = 0; i < rule->n_reads; i++)
		for (t = 0; t < ev->n_tables; t++)
			if (strcmp(ev->tables[t].spec->name, rule->reads[i]) ==
			    0)
				n += ev->tables[t].rows;
	return n;
}

static int plan_order(struct pool *p, const struct fa_evidence *ev)
{
	struct costed *c = malloc((p->n_jobs + 1) * sizeof(*c));
	size_t k;

	p->order = malloc((p->n_jobs + 1) * sizeof(*p->order));
	if (!c || !p->order) {
		free(c);
		return -1;
	}
	for (k = 0; k < p->n_jobs; k++) {
		c[k].rows = rows_read(p->jobs[k].rule, ev);
		c[k].job = k;
	}
	qsort(c, p->n_jobs, sizeof(*c), by_rows);
	for (k = 0; k < p->n_jobs; k++)
		p->order[k] = c[k].job;
	free(c);
	return 0;
}

/* ---- the audit ----------------------------------------------------------- */

void fa_eval_free(struct fa_eval *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->n_findings; i++)
		fa_eval_finding_release(&e->findings[i]);
	for (i = 0; e->runs && i < e->n_runs; i++)
		fa_eval_run_release(&e->runs[i]);
	free(e->findings);
	free(e->runs);
	free(e);
}

const struct fa_rule_run *fa_eval_rule_run(const struct fa_eval *e,
					   const struct fa_rule *rule)
{
	size_t i;

	for (i = 0; e && i < e->n_runs; i++)
		if (e->runs[i].rule == rule)
			return &e->runs[i];
	return NULL;
}

/* Join the jobs' findings, in job order, into e; the jobs' lists are
 * emptied. -1 out of memory (nothing moved). */
static int join_findings(struct fa_eval *e, struct job *jobs, size_t n)
{
	size_t total = 0, k;

	for (k = 0; k < n; k++)
		total += jobs[k].l.n;
	e->findings = malloc((total ? total : 1) * sizeof(*e->findings));
	if (!e->findings)
		return -1;
	for (k = 0; k < n; k++) {
		if (jobs[k].l.n)
			memcpy(e->findings + e->n_findings, jobs[k].l.v,
			       jobs[k].l.n * sizeof(*e->findings));
		e->n_findings += jobs[k].l.n;
		free(jobs[k].l.v);
		memset(&jobs[k].l, 0, sizeof(jobs[k].l));
	}
	return 0;
}

enum fa_code fa_eval_run(struct fa_eval **out, struct fa_evidence *ev,
			 const struct fa_rulesets *sets,
			 const struct fa_eval_options *opt,
			 struct fa_error *err)
{
	struct runner r;
	struct pool p;
	struct kept kept;
	struct fa_eval *e = NULL;
	const char *date = opt ? opt->audit_date : NULL;
	char why[FA_VALUE_DATE_CHECK_MAX];
	enum fa_code rc;
	size_t s, i, k;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	memset(&p, 0, sizeof(p));
	if (!date)
		date = ev->manifest->period_to;
	if (fa_value_iso_date_check(why, sizeof(why), date) != 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "audit date '%s' %s", date, why);
	rc = opt ? fa_eval_check_names(sets, opt->only, opt->n_only, err)
		 : FA_OK;
	if (rc == FA_OK && opt)
		rc = fa_eval_check_names(sets, opt->skip, opt->n_skip, err);
	if (rc == FA_OK && opt && opt->threads > FA_EVAL_MAX_THREADS)
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "%zu threads asked for: at most %d",
				  opt->threads, FA_EVAL_MAX_THREADS);
	if (rc != FA_OK)
		return rc;
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < sets->sets[s]->n_rules; i++)
			p.n_jobs += selected(&sets->sets[s]->rules[i], opt);
	e = calloc(1, sizeof(*e));
	p.jobs = calloc(p.n_jobs + 1, sizeof(*p.jobs));
	if (!e || !p.jobs ||
	    !(e->runs = calloc(p.n_jobs + 1, sizeof(*e->runs)))) {
		free(p.jobs);
		fa_eval_free(e);
		return fa_error_nomem(err, NULL);
	}
	k = 0;
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < sets->sets[s]->n_rules; i++)
			if (selected(&sets->sets[s]->rules[i], opt))
				p.jobs[k++].rule = &sets->sets[s]->rules[i];
	snprintf(e->audit_date, sizeof(e->audit_date), "%s", date);
	snprintf(r.audit_date, sizeof(r.audit_date), "%s", date);
	r.sets = sets;
	r.ev = ev;
	r.keep_all = opt && opt->keep_all;
	if (opt) {
		r.keep = opt->keep;
		r.n_keep = opt->n_keep;
	}
	r.sample = opt ? opt->sample : NULL;
	r.max_seconds = opt ? opt->rule_timeout : 0;
	atomic_init(&kept.bytes, 0);
	kept.limit = fa_resource_findings_bytes();
	r.kept = &kept;
	p.runs = e->runs;
	p.opt = opt;
	rc = plan_order(&p, ev) == 0 ? FA_OK : fa_error_nomem(err, NULL);
	if (rc == FA_OK)
		rc = fa_eval_runner_open(&r, ev->db, err);
	if (rc == FA_OK) {
		if (pthread_mutex_init(&p.lock, NULL) != 0) {
			rc = fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
					  "cannot create a lock");
		} else {
			rc = run_pool(&p, &r, err);
			pthread_mutex_destroy(&p.lock);
		}
	}
	fa_db_close(r.ro);
	e->n_runs = p.n_jobs;
	e->findings_bytes = atomic_load(&kept.bytes);
	if (rc == FA_OK && join_findings(e, p.jobs, p.n_jobs) != 0)
		rc = fa_error_nomem(err, NULL);
	for (k = 0; k < p.n_jobs; k++) {
		fa_eval_list_truncate(&p.jobs[k].l, 0);
		free(p.jobs[k].l.v);
	}
	free(p.jobs);
	free(p.order);
	if (rc != FA_OK) {
		fa_eval_free(e);
		return rc;
	}
	for (k = 0; k < e->n_runs; k++)
		for (i = 0; i < FA_OUTCOME_COUNT; i++)
			e->counts[i] += e->runs[k].counts[i];
	for (k = 0; k < e->n_findings; k++) {
		const struct fa_finding *f = &e->findings[k];

		if (f->outcome == FA_OUTCOME_FAIL &&
		    fa_finding_severity(f) == FA_SEV_MAJOR)
			e->n_major_fail++;
		if (f->outcome == FA_OUTCOME_FAIL &&
		    fa_finding_severity(f) == FA_SEV_MINOR)
			e->n_minor_fail++;
	}
	*out = e;
	return FA_OK;
}
