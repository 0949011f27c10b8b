/* SPDX-License-Identifier: MIT */
/*
 * The documents findings point at. A check about a personnel file names
 * its evidence as a row of the documents index (documents.csv, line N);
 * the inspector needs the document itself: its path in the package and
 * its SHA-256 from the manifest. This reads the paths of those rows once
 * per report, only for the lines findings name. Uses db and the manifest.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "manifest.h"
#include "report.h"

/* 1 if f names a row of the documents index. */
static int names_index_row(const struct fa_finding *f)
{
	return f->ref_table && strcmp(f->ref_table, "documents") == 0 &&
	       f->ref_line > 0;
}

static int by_line(const void *a, const void *b)
{
	const struct fa_report_document *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

static int supplied(const struct fa_evidence *ev, const char *table)
{
	size_t i;

	for (i = 0; i < ev->n_tables; i++)
		if (strcmp(ev->tables[i].spec->name, table) == 0)
			return ev->tables[i].file != NULL;
	return 0;
}

/* The documents of a restored run, as its audit found them. */
static enum fa_code copy_documents(struct fa_report *r,
				   const struct fa_evidence *ev,
				   const struct fa_report_parts *parts,
				   struct fa_error *err)
{
	size_t i;

	r->documents = calloc(parts->n_documents + 1, sizeof(*r->documents));
	if (!r->documents)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < parts->n_documents; i++) {
		const struct fa_report_document *from = &parts->documents[i];
		struct fa_report_document *d = &r->documents[r->n_documents++];
		const struct fa_manifest_file *mf;

		d->line = from->line;
		if (!from->path)
			continue;
		d->path = strdup(from->path);
		if (!d->path)
			return fa_error_nomem(err, NULL);
		mf = fa_manifest_find(ev->manifest, d->path);
		d->sha256 = mf ? mf->sha256 : NULL;
	}
	return FA_OK;
}

enum fa_code fa_report_build_documents(struct fa_report *r,
				       struct fa_evidence *ev,
				       struct fa_error *err)
{
	const struct fa_eval *e = r->e;
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i, n = 0, k;
	int row = 0;

	for (i = 0; i < e->n_findings; i++)
		n += names_index_row(&e->findings[i]);
	if (!n || !supplied(ev, "documents"))
		return FA_OK;
	if (r->opt.parts)
		return copy_documents(r, ev, r->opt.parts, err);
	r->documents = calloc(n + 1, sizeof(*r->documents));
	if (!r->documents)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < e->n_findings; i++)
		if (names_index_row(&e->findings[i]))
			r->documents[r->n_documents++].line =
			    e->findings[i].ref_line;
	qsort(r->documents, r->n_documents, sizeof(*r->documents), by_line);
	for (i = 0, k = 0; i < r->n_documents; i++)
		if (!k || r->documents[k - 1].line != r->documents[i].line)
			r->documents[k++] = r->documents[i];
	r->n_documents = k;
	rc = fa_db_prepare(&st, ev->db,
			   "SELECT _line, path FROM documents ORDER BY _line",
			   err);
	if (rc != FA_OK)
		return rc;
	k = 0;
	while ((rc = fa_db_step(&row, st, err)) == FA_OK && row &&
	       k < r->n_documents) {
		unsigned long line = (unsigned long)fa_db_column_int(st, 0);
		struct fa_report_document *d;
		const struct fa_manifest_file *mf;

		while (k < r->n_documents && r->documents[k].line < line)
			k++; /* no such row */
		if (k == r->n_documents || r->documents[k].line != line)
			continue;
		d = &r->documents[k++];
		if (fa_db_column_is_null(st, 1))
			continue;
		d->path = strdup(fa_db_column_text(st, 1));
		if (!d->path) {
			rc = fa_error_nomem(err, NULL);
			break;
		}
		mf = fa_manifest_find(ev->manifest, d->path);
		d->sha256 = mf ? mf->sha256 : NULL;
	}
	fa_db_finalize(st);
	return rc;
}

const struct fa_report_document *fa_report_document(const struct fa_report *r,
						    const struct fa_finding *f)
{
	struct fa_report_document key;
	const struct fa_report_document *d;

	if (!names_index_row(f) || !r->n_documents)
		return NULL;
	key.line = f->ref_line;
	d = bsearch(&key, r->documents, r->n_documents, sizeof(key), by_line);
	return d && d->path ? d : NULL;
}
