/* SPDX-License-Identifier: MIT */
/*
 * What `flexaudit inspect` shows of a loaded package, as text and as JSON:
 * member, audit period, producer, hashes, rows per table, documents by
 * type and language and the data-quality findings. No personal data:
 * workers appear only as counts, data-quality messages name employee
 * numbers at most. Uses evidence, package and json_impl.h.
 */
#include <stdlib.h>
#include <string.h>

#include "flexaudit.h"
#include "json_impl.h"

/* Data-quality findings shown in text unless all. */
#define TEXT_DQ_SHOWN 20

enum fa_code fa_show_inspect_text(FILE *out, struct fa_evidence *ev, int all,
				  struct fa_error *err)
{
	const struct fa_manifest *m = ev->manifest;
	struct fa_doc_count *dc = NULL;
	size_t n_dc = 0, i, shown;
	uint64_t total_dq = 0;
	const char *prev = "";
	enum fa_code rc;

	/* first, so that a failure writes nothing */
	rc = fa_evidence_document_counts(&dc, &n_dc, ev, err);
	if (rc != FA_OK)
		return rc;
	fprintf(out, "package    %s\n", fa_package_path(ev->pkg));
	fprintf(out, "sha256     %s\n", ev->package_sha256);
	fprintf(out, "format     %d\n", m->format);
	fprintf(out, "member     %s (KvK %s, ABU %s)\n", m->member_name, m->kvk,
		m->abu_number);
	fprintf(out, "period     %s to %s\n", m->period_from, m->period_to);
	fprintf(out, "produced   %s by %s%s%s%s\n", m->produced_at,
		m->producer_name, m->producer_system ? " (" : "",
		m->producer_system ? m->producer_system : "",
		m->producer_system ? ")" : "");
	fprintf(out, "hashes     %zu of %zu files verified (SHA-256)\n",
		ev->n_files_verified, m->n_files);
	if (fa_package_prefix(ev->pkg)[0])
		fprintf(out, "folder     '%s' (top-level folder, stripped)\n",
			fa_package_prefix(ev->pkg));
	for (i = 0; i < fa_package_junk_count(ev->pkg); i++)
		fprintf(out, "%s %s\n", i ? "          " : "ignored   ",
			fa_package_junk_at(ev->pkg, i));

	fprintf(out, "\n%-20s %-26s %9s  %s\n", "table", "file", "rows",
		"encoding");
	for (i = 0; i < ev->n_tables; i++) {
		const struct fa_table_load *tl = &ev->tables[i];
		size_t k;

		if (!tl->file) {
			fprintf(out, "%-20s %-26s %9s\n", tl->spec->name,
				"(not supplied)", "-");
			continue;
		}
		/* A tab is shown as '\t', not as white space. */
		fprintf(out, "%-20s %-26s %9llu  %s, '%s'\n", tl->spec->name,
			tl->file->path, (unsigned long long)tl->rows,
			fa_encoding_name(tl->file->encoding),
			tl->separator == '\t'  ? "\\t"
			: tl->separator == ';' ? ";"
			: tl->separator == ',' ? ","
					       : "?");
		for (k = 0; k < tl->n_ignored; k++)
			fprintf(out, "%-20s   ignored column '%s'\n", "",
				tl->ignored[k]);
	}

	if (n_dc) {
		fprintf(out, "\n%-28s %s\n", "documents by type",
			"language: count");
		for (i = 0; i < n_dc; i++) {
			int same = strcmp(prev, dc[i].type) == 0;

			if (!same)
				fprintf(out, "%s%-28s", i ? "\n" : "",
					dc[i].type);
			fprintf(out, " %s: %llu", dc[i].language,
				(unsigned long long)dc[i].count);
			prev = dc[i].type;
		}
		fputc('\n', out);
	}
	free(dc);

	for (i = 0; i < ev->n_dq_counts; i++)
		total_dq += ev->dq_counts[i].count;
	fprintf(out, "\ndata quality: %llu finding%s\n",
		(unsigned long long)total_dq, total_dq == 1 ? "" : "s");
	for (i = 0; i < ev->n_dq_counts; i++)
		fprintf(out, "  %-30s %llu\n", ev->dq_counts[i].check,
			(unsigned long long)ev->dq_counts[i].count);
	shown = all ? ev->n_dq
		    : (ev->n_dq < TEXT_DQ_SHOWN ? ev->n_dq : TEXT_DQ_SHOWN);
	for (i = 0; i < shown; i++) {
		const struct fa_dq_finding *f = &ev->dq[i];

		if (f->line)
			fprintf(out, "  %s:%lu: %s [%s]\n", f->where, f->line,
				f->message, f->check);
		else
			fprintf(out, "  %s: %s [%s]\n", f->where, f->message,
				f->check);
	}
	if (shown < ev->n_dq)
		fprintf(out, "  (%zu more; --all lists them)\n",
			ev->n_dq - shown);
	return FA_OK;
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *manifest_json(const struct fa_manifest *m)
{
	json_t *o = json_object(), *member = json_object(),
	       *period = json_object(), *prod = json_object();

	set(member, "name", str_or_null(m->member_name));
	set(member, "kvk", str_or_null(m->kvk));
	set(member, "abu_number", str_or_null(m->abu_number));
	set(period, "from", str_or_null(m->period_from));
	set(period, "to", str_or_null(m->period_to));
	set(prod, "name", str_or_null(m->producer_name));
	set(prod, "system", str_or_null(m->producer_system));
	set(prod, "produced_at", str_or_null(m->produced_at));
	set(o, "format", json_integer(m->format));
	set(o, "member", member);
	set(o, "audit_period", period);
	set(o, "producer", prod);
	return o;
}

static json_t *tables_json(const struct fa_evidence *ev)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < ev->n_tables; i++) {
		const struct fa_table_load *tl = &ev->tables[i];
		json_t *o = json_object(), *ign = json_array();
		char sep[2] = { tl->separator, '\0' };

		set(o, "table", json_string(tl->spec->name));
		set(o, "file",
		    tl->file ? json_string(tl->file->path) : json_null());
		set(o, "rows", json_integer((json_int_t)tl->rows));
		set(o, "encoding",
		    tl->file ? json_string(fa_encoding_name(tl->file->encoding))
			     : json_null());
		set(o, "separator",
		    tl->separator ? json_string(sep) : json_null());
		for (k = 0; k < tl->n_ignored; k++)
			append(ign, json_string(tl->ignored[k]));
		set(o, "ignored_columns", ign);
		append(arr, o);
	}
	return arr;
}

enum fa_code fa_show_inspect_json(FILE *out, struct fa_evidence *ev,
				  struct fa_error *err)
{
	struct fa_doc_count *dc = NULL;
	json_t *root, *pkg, *docs, *junk, *hashes;
	size_t n_dc = 0, i;
	enum fa_code rc;

	rc = fa_evidence_document_counts(&dc, &n_dc, ev, err);
	if (rc != FA_OK)
		return rc;
	root = json_object();
	pkg = json_object();
	docs = json_array();
	junk = json_array();
	hashes = json_object();
	set(pkg, "path", json_string(fa_package_path(ev->pkg)));
	set(pkg, "sha256", json_string(ev->package_sha256));
	set(pkg, "bytes", json_integer((json_int_t)ev->package_bytes));
	set(pkg, "top_folder", json_string(fa_package_prefix(ev->pkg)));
	for (i = 0; i < fa_package_junk_count(ev->pkg); i++)
		append(junk, json_string(fa_package_junk_at(ev->pkg, i)));
	set(pkg, "ignored_files", junk);
	for (i = 0; i < n_dc; i++) {
		json_t *o = json_object();

		set(o, "type", json_string(dc[i].type));
		set(o, "language", json_string(dc[i].language));
		set(o, "count", json_integer((json_int_t)dc[i].count));
		append(docs, o);
	}
	free(dc);
	set(hashes, "algorithm", json_string("SHA-256"));
	set(hashes, "files", json_integer((json_int_t)ev->manifest->n_files));
	set(hashes, "verified", json_integer((json_int_t)ev->n_files_verified));
	set(root, "flexaudit", json_string(fa_version()));
	set(root, "package", pkg);
	set(root, "manifest", manifest_json(ev->manifest));
	set(root, "hashes", hashes);
	set(root, "tables", tables_json(ev));
	set(root, "documents", docs);
	set(root, "data_quality", dq_json(ev));
	return dump(out, root, err);
}
