/* SPDX-License-Identifier: MIT */
/*
 * Evidence package → evidence database. The package and manifest are
 * checked first (nothing read yet), then each table is streamed from the
 * zip through the CSV reader into SQLite inside one transaction, and
 * every file's SHA-256 is compared with the manifest. Row-level
 * data-quality checks run while loading (tableload.c); the cross-table
 * checks that need whole tables (missing document files, overlaps,
 * duplicates) run as SQL afterwards, here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "evidence_impl.h"

/* ---- data-quality findings ---------------------------------------------- */

static enum fa_code dq_addv(struct fa_evidence *ev, const char *check,
			    const char *where, unsigned long line,
			    const char *nl_fmt, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0), format(printf, 6, 0)));

static enum fa_code dq_addv(struct fa_evidence *ev, const char *check,
			    const char *where, unsigned long line,
			    const char *nl_fmt, const char *fmt, va_list ap)
{
	va_list aq;
	struct fa_dq_count *c = NULL;
	struct fa_dq_finding *f;
	size_t i;

	for (i = 0; i < ev->n_dq_counts; i++)
		if (strcmp(ev->dq_counts[i].check, check) == 0)
			c = &ev->dq_counts[i];
	if (!c) {
		c = realloc(ev->dq_counts,
			    (ev->n_dq_counts + 1) * sizeof(*ev->dq_counts));
		if (!c)
			return FA_ERR_NOMEM;
		ev->dq_counts = c;
		c = &ev->dq_counts[ev->n_dq_counts++];
		c->check = check;
		c->count = 0;
	}
	if (c->count++ >= FA_DQ_MAX_PER_CHECK)
		return FA_OK;
	f = realloc(ev->dq, (ev->n_dq + 1) * sizeof(*ev->dq));
	if (!f)
		return FA_ERR_NOMEM;
	ev->dq = f;
	f = &ev->dq[ev->n_dq++];
	f->check = check;
	f->line = line;
	snprintf(f->where, sizeof(f->where), "%s", where ? where : "");
	va_copy(aq, ap);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	vsnprintf(f->message_nl, sizeof(f->message_nl), nl_fmt, aq);
	va_end(aq);
	return FA_OK;
}

enum fa_code fa_evidence_rename(struct fa_evidence *ev, const char *path,
				struct fa_error *err)
{
	return fa_package_rename(ev->pkg, path, err);
}

int fa_evidence_covers(const struct fa_evidence *ev, const char *date)
{
	return strcmp(date, ev->manifest->period_from) >= 0 &&
	       strcmp(date, ev->manifest->period_to) <= 0;
}

enum fa_code fa_evidence_dq_add(struct fa_evidence *ev, const char *check,
				const char *where, unsigned long line,
				const char *nl_fmt, const char *fmt, ...)
{
	va_list ap;
	enum fa_code rc;

	va_start(ap, fmt);
	rc = dq_addv(ev, check, where, line, nl_fmt, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Copy a cell value for a message: at most QUOTE_MAX bytes, cut on a UTF-8
 * boundary, control characters shown as '?', so one message stays one line.
 */
const char *fa_evidence_quote(char buf[QUOTE_MAX + 4], const char *s,
			      size_t len)
{
	size_t n = len > QUOTE_MAX ? QUOTE_MAX : len, i;

	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	for (i = 0; i < n; i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	if (n < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

int fa_evidence_hash_matches(const char *manifest_hex, const char *actual)
{
	return strcasecmp(manifest_hex, actual) == 0;
}

enum fa_code fa_evidence_hash_mismatch(const struct fa_manifest_file *mf,
				       const char *actual, struct fa_error *err)
{
	return fa_error_add(err, FA_ERR_INTEGRITY, mf->path, 0, 0,
			    "SHA-256 does not match the manifest "
			    "(manifest.xml line %lu has %.12s..., the file "
			    "has %.12s...)",
			    mf->line, mf->sha256, actual);
}

/* ---- package against manifest ------------------------------------------- */

static enum fa_code read_manifest(struct fa_evidence *ev, struct fa_error *err)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	const char *tables[FA_MANIFEST_TABLES_MAX + 1];
	size_t i, n = fa_schema_count();
	enum fa_code rc;

	if (n > FA_MANIFEST_TABLES_MAX)
		return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
				    "%zu tables, more than the manifest "
				    "lists (%d)",
				    n, FA_MANIFEST_TABLES_MAX);
	for (i = 0; i < n; i++)
		tables[i] = fa_schema_table_at(i)->name;
	tables[n] = NULL;
	if (!fa_package_find(ev->pkg, FA_MANIFEST_NAME))
		return fa_error_add(err, FA_ERR_INPUT, fa_package_path(ev->pkg),
				    0, 0, "package has no %s at its top level",
				    FA_MANIFEST_NAME);
	rc = fa_package_read_all(&buf, &len, NULL, ev->pkg, FA_MANIFEST_NAME,
				 FA_XML_MAX_BYTES, err);
	if (rc == FA_OK)
		rc = fa_manifest_parse(&ev->manifest, FA_MANIFEST_NAME, buf,
				       len, tables, err);
	free(buf);
	return rc;
}

/* Every zip entry is listed and every listed file is in the zip. */
static enum fa_code check_listing(struct fa_evidence *ev, struct fa_error *err)
{
	const struct fa_manifest *m = ev->manifest;
	enum fa_code rc = FA_OK;
	size_t i;

	for (i = 0; i < fa_package_count(ev->pkg); i++) {
		const struct fa_package_entry *e =
		    fa_package_entry_at(ev->pkg, i);

		if (strcmp(e->name, FA_MANIFEST_NAME) != 0 &&
		    !fa_manifest_find(m, e->name))
			rc = fa_error_add(err, FA_ERR_INPUT, e->name, 0, 0,
					  "file is in the package but not "
					  "listed in %s",
					  FA_MANIFEST_NAME);
	}
	for (i = 0; i < m->n_files; i++)
		if (!fa_package_find(ev->pkg, m->files[i].path))
			rc = fa_error_add(err, FA_ERR_INPUT, FA_MANIFEST_NAME,
					  m->files[i].line, 0,
					  "file '%s' is listed but not in the "
					  "package",
					  m->files[i].path);
	for (i = 0; i < ev->n_tables; i++) {
		struct fa_table_load *tl = &ev->tables[i];
		size_t k;

		for (k = 0; k < m->n_files; k++)
			if (m->files[k].role == FA_ROLE_TABLE &&
			    strcmp(m->files[k].table, tl->spec->name) == 0)
				tl->file = &m->files[k];
		if (!tl->file && (tl->spec->flags & FA_TABLE_REQUIRED))
			rc = fa_error_add(err, FA_ERR_INPUT, FA_MANIFEST_NAME,
					  0, 0,
					  "required table '%s' is not in the "
					  "manifest",
					  tl->spec->name);
	}
	return rc;
}

static enum fa_code verify_documents(struct fa_evidence *ev,
				     struct fa_error *err)
{
	const struct fa_manifest *m = ev->manifest;
	enum fa_code rc = FA_OK;
	size_t i;

	for (i = 0; i < m->n_files; i++) {
		const struct fa_manifest_file *mf = &m->files[i];
		char hex[FA_SHA256_HEX_LEN];
		enum fa_code r;

		if (mf->role != FA_ROLE_DOCUMENT)
			continue;
		r = fa_package_read(hex, ev->pkg, mf->path, NULL, NULL, err);
		if (r != FA_OK)
			return r;
		if (fa_evidence_hash_matches(mf->sha256, hex))
			ev->n_files_verified++;
		else
			rc = fa_evidence_hash_mismatch(mf, hex, err);
	}
	return rc;
}

static enum fa_code store_package_info(struct fa_evidence *ev,
				       struct fa_error *err)
{
	const struct fa_manifest *m = ev->manifest;
	const char *kv[][2] = {
		{ "format", "1" },
		{ "member_name", m->member_name },
		{ "kvk", m->kvk },
		{ "abu_number", m->abu_number },
		{ "period_from", m->period_from },
		{ "period_to", m->period_to },
		{ "producer_name", m->producer_name },
		{ "producer_system", m->producer_system },
		{ "produced_at", m->produced_at },
		{ "package_sha256", ev->package_sha256 },
	};
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;
	int row;

	rc = fa_db_prepare(&st, ev->db,
			   "INSERT INTO package_info VALUES (?, ?)", err);
	for (i = 0; rc == FA_OK && i < sizeof(kv) / sizeof(kv[0]); i++) {
		fa_db_bind_text(st, 1, kv[i][0], strlen(kv[i][0]));
		if (kv[i][1])
			fa_db_bind_text(st, 2, kv[i][1], strlen(kv[i][1]));
		else
			fa_db_bind_null(st, 2);
		rc = fa_db_step(&row, st, err);
		fa_db_reset(st);
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc == FA_OK)
		rc = fa_db_prepare(&st, ev->db,
				   "INSERT INTO package_files VALUES "
				   "(?, ?, ?, ?, ?, ?)",
				   err);
	for (i = 0; rc == FA_OK && i < m->n_files; i++) {
		const struct fa_manifest_file *mf = &m->files[i];
		const struct fa_package_entry *e =
		    fa_package_find(ev->pkg, mf->path);
		const char *role =
		    mf->role == FA_ROLE_TABLE ? "table" : "document";
		size_t k;

		fa_db_bind_text(st, 1, mf->path, strlen(mf->path));
		fa_db_bind_text(st, 2, role, strlen(role));
		fa_db_bind_null(st, 3);
		fa_db_bind_null(st, 6);
		if (mf->table) {
			fa_db_bind_text(st, 3, mf->table, strlen(mf->table));
			for (k = 0; k < ev->n_tables; k++)
				if (ev->tables[k].file == mf)
					fa_db_bind_int(
					    st, 6, (int64_t)ev->tables[k].rows);
		}
		fa_db_bind_text(st, 4, mf->sha256, strlen(mf->sha256));
		fa_db_bind_int(st, 5, e ? (int64_t)e->size : 0);
		rc = fa_db_step(&row, st, err);
		fa_db_reset(st);
	}
	fa_db_finalize(st);
	return rc;
}

/* ---- after loading: indexes and cross-table checks ---------------------- */

/*
 * Indexes for the joins rules make: every reference column, except on the
 * two tables with millions of rows, where only (employee_id, period_start)
 * is indexed; their other references are read by scans, and an index each
 * would cost seconds on a large package for joins no rule makes.
 */
static enum fa_code create_indexes(struct fa_evidence *ev, struct fa_error *err)
{
	struct fa_error dup;
	char sql[512];
	enum fa_code rc = FA_OK;
	size_t i, j;

	/*
	 * A worker has one pay period per start date. Building that index
	 * as UNIQUE costs nothing extra and proves it; only when it fails
	 * are the duplicates looked for (check_cross).
	 */
	fa_error_init(&dup);
	rc = fa_db_exec(ev->db,
			"CREATE UNIQUE INDEX pay_periods_worker ON pay_periods "
			"(employee_id, period_start);",
			&dup);
	if (rc == FA_ERR_INPUT) {
		ev->pay_period_duplicates = 1;
		rc = fa_db_exec(ev->db,
				"CREATE INDEX pay_periods_worker ON "
				"pay_periods (employee_id, period_start);",
				err);
	} else if (rc != FA_OK) {
		return fa_error_add(err, rc, NULL, 0, 0, "%s",
				    dup.diag[0].message);
	}
	if (rc == FA_OK)
		rc = fa_db_exec(ev->db,
				"CREATE INDEX deductions_worker ON deductions "
				"(employee_id, period_start);",
				err);
	for (i = 0; rc == FA_OK && i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);

		if (strcmp(t->name, "pay_periods") == 0 ||
		    strcmp(t->name, "deductions") == 0)
			continue;
		for (j = 0; rc == FA_OK && j < t->n_cols; j++) {
			const struct fa_column_spec *c = &t->cols[j];
			/*
			 * A personnel-file rule asks for a worker's documents
			 * of one type (per worker and type: a seek, not a
			 * read of the whole file) and what they say: language,
			 * version and dates are in the index too, so those
			 * questions are answered from it without reading the
			 * rows (about a tenth of a second more to build on
			 * 600,000 documents, a fifth less time for each such
			 * rule). The index serves lookups by worker alone as
			 * well.
			 */
			int by_type = strcmp(t->name, "documents") == 0 &&
				      strcmp(c->name, "employee_id") == 0;

			if (!c->ref || (c->flags & FA_COL_UNIQUE))
				continue;
			snprintf(sql, sizeof(sql),
				 "CREATE INDEX %s_%s ON %s (%s%s);", t->name,
				 c->name, t->name, c->name,
				 by_type ? ", type, language, version, "
					   "signed_on, handed_over_on, "
					   "deduction_kind, revoked_on"
					 : "");
			rc = fa_db_exec(ev->db, sql, err);
		}
	}
	return rc;
}

static const struct fa_table_load *table_load(const struct fa_evidence *ev,
					      const char *name)
{
	size_t i;

	for (i = 0; i < ev->n_tables; i++)
		if (strcmp(ev->tables[i].spec->name, name) == 0)
			return &ev->tables[i];
	return NULL;
}

/*
 * Run a check query returning (line, message, Dutch message) rows and add
 * each row as a finding of check in file where.
 */
static enum fa_code sql_check(struct fa_evidence *ev, const char *check,
			      const char *where, const char *sql,
			      struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	int row = 0;

	rc = fa_db_prepare(&st, ev->db, sql, err);
	while (rc == FA_OK) {
		rc = fa_db_step(&row, st, err);
		if (rc != FA_OK || !row)
			break;
		if (fa_evidence_dq_add(ev, check, where,
				       (unsigned long)fa_db_column_int(st, 0),
				       "%.0s%s", "%s%.0s",
				       fa_db_column_text(st, 1),
				       fa_db_column_text(st, 2)) != FA_OK)
			rc = fa_error_nomem(err, NULL);
	}
	fa_db_finalize(st);
	return rc;
}

/* Cross-table checks that are not plain references; each query gives the
 * message in English and then in Dutch. */
static const struct {
	const char *check, *table, *sql;
} cross_checks[] = {
	{ "document-file-missing", "documents",
	  "SELECT _line, format('document ''%s'' names file ''%s'', which is "
	  "not in the package', document_id, path), format('document ''%s'' "
	  "noemt bestand ''%s'', dat niet in het pakket zit', document_id, "
	  "path) FROM documents WHERE path IS NOT NULL AND path NOT IN "
	  "(SELECT path FROM package_files) ORDER BY _line" },
	{ "document-file-missing", "company_documents",
	  "SELECT _line, format('document ''%s'' names file ''%s'', which is "
	  "not in the package', document_id, path), format('document ''%s'' "
	  "noemt bestand ''%s'', dat niet in het pakket zit', document_id, "
	  "path) FROM company_documents WHERE path IS NOT NULL AND path NOT "
	  "IN (SELECT path FROM package_files) ORDER BY _line" },
	{ "duplicate-pay-period", "pay_periods",
	  "SELECT max(_line), format('worker ''%s'' has %d pay periods "
	  "starting %s', employee_id, count(*), period_start), "
	  "format('werknemer ''%s'' heeft %d loonperiodes met begindatum %s', "
	  "employee_id, count(*), period_start) FROM "
	  "pay_periods GROUP BY employee_id, period_start HAVING count(*) > 1 "
	  "ORDER BY 1" },
	{ "overlapping-occupancy", "occupancy",
	  "SELECT b._line, format('worker ''%s'' is in room ''%s'' from %s "
	  "while still in room ''%s'' (line %d)', b.employee_id, b.room_id, "
	  "b.from_date, a.room_id, a._line), format('werknemer ''%s'' zit "
	  "vanaf %s in kamer ''%s'' en tegelijk nog in kamer ''%s'' (regel "
	  "%d)', b.employee_id, b.from_date, b.room_id, a.room_id, a._line) "
	  "FROM occupancy a JOIN occupancy b "
	  "ON a.employee_id = b.employee_id AND a._line < b._line AND "
	  "b.from_date <= coalesce(a.to_date, '9999-12-31') AND a.from_date "
	  "<= coalesce(b.to_date, '9999-12-31') ORDER BY b._line" },
	{ "deduction-without-pay-period", "deductions",
	  "SELECT d._line, format('deduction for worker ''%s'' in a period "
	  "starting %s, which has no pay period', d.employee_id, "
	  "d.period_start), format('inhouding voor werknemer ''%s'' in een "
	  "periode vanaf %s zonder loonperiode', d.employee_id, "
	  "d.period_start) FROM deductions d WHERE NOT EXISTS (SELECT 1 FROM "
	  "pay_periods p WHERE p.employee_id = d.employee_id AND "
	  "p.period_start = d.period_start) ORDER BY d._line" },
	{ "file-not-referenced", NULL,
	  "SELECT 0, format('file ''%s'' is not named by any document row', "
	  "path), format('bestand ''%s'' wordt door geen enkele documentregel "
	  "genoemd', path) FROM package_files WHERE role = 'document' AND "
	  "path NOT IN (SELECT path FROM documents WHERE path IS NOT NULL "
	  "UNION SELECT path FROM company_documents WHERE path IS NOT NULL) "
	  "ORDER BY path" },
};

static enum fa_code check_cross(struct fa_evidence *ev, struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i;

	for (i = 0;
	     rc == FA_OK && i < sizeof(cross_checks) / sizeof(cross_checks[0]);
	     i++) {
		const struct fa_table_load *tl =
		    cross_checks[i].table
			? table_load(ev, cross_checks[i].table)
			: NULL;

		if (cross_checks[i].table && (!tl || !tl->file))
			continue;
		if (strcmp(cross_checks[i].check, "duplicate-pay-period") ==
			0 &&
		    !ev->pay_period_duplicates)
			continue;
		rc = sql_check(ev, cross_checks[i].check,
			       tl ? tl->file->path : FA_MANIFEST_NAME,
			       cross_checks[i].sql, err);
	}
	return rc;
}

static enum fa_code store_findings(struct fa_evidence *ev, struct fa_error *err)
{
	struct fa_stmt *st = NULL;
	enum fa_code rc;
	size_t i;
	int row;

	rc = fa_db_prepare(&st, ev->db,
			   "INSERT INTO data_quality VALUES (?, ?, ?, ?)", err);
	for (i = 0; rc == FA_OK && i < ev->n_dq; i++) {
		const struct fa_dq_finding *f = &ev->dq[i];

		fa_db_bind_text(st, 1, f->check, strlen(f->check));
		fa_db_bind_text(st, 2, f->where, strlen(f->where));
		fa_db_bind_int(st, 3, (int64_t)f->line);
		fa_db_bind_text(st, 4, f->message, strlen(f->message));
		rc = fa_db_step(&row, st, err);
		fa_db_reset(st);
	}
	fa_db_finalize(st);
	return rc;
}

/* ---- the whole load ------------------------------------------------------ */

const char *fa_evidence_path(const struct fa_evidence *ev)
{
	return ev->pkg ? fa_package_path(ev->pkg) : ev->stored_path;
}

void fa_evidence_free(struct fa_evidence *ev)
{
	size_t i, k;

	if (!ev)
		return;
	for (i = 0; ev->tables && i < ev->n_tables; i++) {
		for (k = 0; k < ev->tables[i].n_ignored; k++)
			free(ev->tables[i].ignored[k]);
		free(ev->tables[i].ignored);
	}
	free(ev->tables);
	for (i = 0; i < ev->n_stored_strings; i++)
		free(ev->stored_strings[i]);
	free(ev->stored_strings);
	free(ev->stored_path);
	free(ev->dq);
	free(ev->dq_counts);
	fa_db_close(ev->db);
	fa_manifest_free(ev->manifest);
	fa_package_free(ev->pkg);
	free(ev);
}

/* Fatal codes stop at once; input problems let the next table be checked,
 * so one run reports every broken file. */
static int fatal(enum fa_code rc)
{
	return rc == FA_ERR_NOMEM || rc == FA_ERR_INTERNAL ||
	       rc == FA_ERR_LIMIT || rc == FA_ERR_IO;
}

enum fa_code fa_evidence_load(struct fa_evidence **out, const char *path,
			      struct fa_error *err)
{
	struct fa_evidence *ev = NULL;
	struct fa_strset *keys = NULL;
	enum fa_code rc, first = FA_OK;
	struct stat sb;
	size_t i;

	*out = NULL;
	ev = calloc(1, sizeof(*ev));
	if (ev) {
		ev->n_tables = fa_schema_count();
		ev->tables = calloc(ev->n_tables, sizeof(*ev->tables));
	}
	if (!ev || !ev->tables) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	for (i = 0; i < ev->n_tables; i++)
		ev->tables[i].spec = fa_schema_table_at(i);
	rc = fa_package_open(&ev->pkg, path, err);
	if (rc != FA_OK)
		goto out;
	if (stat(path, &sb) == 0)
		ev->package_bytes = (uint64_t)sb.st_size;
	rc = fa_sha256_file_hex(ev->package_sha256, path, err);
	if (rc == FA_OK)
		rc = read_manifest(ev, err);
	if (rc == FA_OK)
		rc = check_listing(ev, err);
	if (rc == FA_OK)
		rc = fa_db_open(&ev->db, NULL, err);
	if (rc == FA_OK)
		rc = fa_evidence_create_tables(ev->db, 0, err);
	if (rc == FA_OK)
		rc = fa_db_exec(ev->db, "BEGIN", err);
	if (rc != FA_OK)
		goto out;
	keys = calloc(ev->n_tables, sizeof(*keys));
	if (!keys) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	for (i = 0; i < ev->n_tables && !fatal(rc); i++) {
		if (!ev->tables[i].file)
			continue;
		rc = fa_evidence_load_table(ev, &ev->tables[i], keys, err);
		if (rc != FA_OK && first == FA_OK)
			first = rc;
	}
	if (!fatal(rc)) {
		rc = verify_documents(ev, err);
		if (rc != FA_OK && first == FA_OK)
			first = rc;
	}
	if (first != FA_OK) {
		rc = first;
		goto out;
	}
	rc = store_package_info(ev, err);
	if (rc == FA_OK)
		rc = create_indexes(ev, err);
	if (rc == FA_OK)
		rc = check_cross(ev, err);
	if (rc == FA_OK)
		rc = store_findings(ev, err);
	if (rc == FA_OK)
		rc = fa_db_exec(ev->db, "COMMIT", err);
out:
	for (i = 0; keys && i < ev->n_tables; i++)
		fa_strset_release(&keys[i]);
	free(keys);
	if (rc != FA_OK) {
		/* The temporary database goes with the connection: a
		 * half-loaded database is never seen by anyone. */
		fa_evidence_free(ev);
		return err && err->code != FA_OK ? err->code : rc;
	}
	*out = ev;
	return FA_OK;
}

enum fa_code fa_evidence_document_counts(struct fa_doc_count **out, size_t *n,
					 struct fa_evidence *ev,
					 struct fa_error *err)
{
	struct fa_doc_count *v = NULL, *g;
	struct fa_stmt *st = NULL;
	size_t cnt = 0;
	enum fa_code rc;
	int row = 0;

	*out = NULL;
	*n = 0;
	rc = fa_db_prepare(&st, ev->db,
			   "SELECT type, language, count(*) FROM documents "
			   "GROUP BY type, language ORDER BY type, language",
			   err);
	while (rc == FA_OK) {
		rc = fa_db_step(&row, st, err);
		if (rc != FA_OK || !row)
			break;
		g = realloc(v, (cnt + 1) * sizeof(*v));
		if (!g) {
			rc = fa_error_nomem(err, NULL);
			break;
		}
		v = g;
		snprintf(v[cnt].type, sizeof(v[cnt].type), "%s",
			 fa_db_column_text(st, 0));
		snprintf(v[cnt].language, sizeof(v[cnt].language), "%s",
			 fa_db_column_text(st, 1));
		v[cnt].count = (uint64_t)fa_db_column_int(st, 2);
		cnt++;
	}
	fa_db_finalize(st);
	if (rc != FA_OK) {
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return FA_OK;
}

const char *fa_evidence_member_name(const struct fa_evidence *ev)
{
	return ev->manifest->member_name;
}

const char *fa_evidence_period_from(const struct fa_evidence *ev)
{
	return ev->manifest->period_from;
}

const char *fa_evidence_period_to(const struct fa_evidence *ev)
{
	return ev->manifest->period_to;
}
