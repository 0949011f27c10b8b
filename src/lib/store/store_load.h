/* SPDX-License-Identifier: MIT */
/*
 * Rebuilding a stored run (store_load.c: the run, its rule sets, package,
 * sample and selection; store_load_eval.c: how each rule went, the
 * findings, what the report shows of the package). Private to store/.
 */
#ifndef FA_STORE_LOAD_H
#define FA_STORE_LOAD_H

#include "store.h"

#include "audit_impl.h"

struct fa_store_load {
	struct fa_store *s;
	int64_t run;
	struct fa_audit *a;
	struct fa_error *err;
	int lost; /* an allocation failed: FA_ERR_NOMEM */
	/* the run's row */
	char *audit_date, *mode, *generated_at;
	int64_t seed, population;
	int personal, rules_named, bundled_known;
	size_t n_findings;
	/* what the report shows of the package */
	struct fa_report_location *locations;
	size_t n_locations;
	struct fa_report_document *documents;
	size_t n_documents;
	struct fa_report_person *people;
	size_t n_people;
};

/* Column c as a copy, NULL for NULL (l->lost set if out of memory). */
char *fa_store_col_dup(struct fa_store_load *l, struct fa_stmt *st, int c);
/* Prepare sql with the run's id bound as ?1. */
enum fa_code fa_store_query(struct fa_stmt **st, struct fa_store_load *l,
			    const char *sql);
/* rc, or FA_ERR_NOMEM if an allocation failed on the way. */
enum fa_code fa_store_settle(struct fa_store_load *l, enum fa_code rc);

/* store_load_eval.c: how each rule went and the findings, into a->e. */
enum fa_code fa_store_read_eval(struct fa_store_load *l);
/* The run's judgements (the latest per key) applied to its findings. */
enum fa_code fa_store_apply_judgements(struct fa_store_load *l);
/* The report's parts: locations, documents, and people when asked. */
enum fa_code fa_store_read_parts(struct fa_store_load *l, int people);
void fa_store_free_parts(struct fa_store_load *l);

#endif
