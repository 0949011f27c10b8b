/* SPDX-License-Identifier: MIT */
/*
 * flexaudit pack: an evidence package from what a member has. The run:
 * find the sources (pack_source.c), choose the mapping profiles, tell which
 * table each source holds, convert each to canonical CSV in a private
 * scratch folder (pack_table.c), write manifest.xml and check it by
 * parsing it back, write the zip (package_write.c), and load it as inspect
 * does, naming the source file and line of any row the check refuses.
 * Uses the pack files, mapping, manifest, package, evidence, ruleset,
 * tempdir and libc.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "evidence.h"
#include "mapping.h"
#include "package.h"
#include "pack_impl.h"
#include "ruleset.h"
#include "tempdir.h"
#include "text.h"
#include "xlsx.h"

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The option, else pack.xml's, else the folder's manifest.xml's. */
static const char *pick(const char *opt, const char *cfg, const char *man)
{
	return opt && *opt ? opt : cfg ? cfg : man;
}

/* ---- the profile ------------------------------------------------------------
 */

/* Headers of src that m maps and the package's own names do not, plus
 * one if m's file or sheet names know src's name. */
static unsigned long profile_hits(const struct pack_source *src,
				  const struct fa_mapping *m)
{
	unsigned long hits = 0;
	size_t j, k;

	for (j = 0; j < src->n_header; j++)
		for (k = 0; k < fa_schema_count(); k++) {
			enum pack_match how;

			if (pack_column_of(fa_schema_table_at(k), m,
					   src->header[j], &how) >= 0 &&
			    how == PACK_MATCH_PROFILE) {
				hits++;
				break;
			}
		}
	return hits + (fa_mapping_table_for_name(m, src->base) != NULL);
}

/*
 * The profile of each source: --profile for all, else per source the
 * bundled profile that knows most of its headers (none if no profile
 * knows one, or two know as many): an HR workbook and a payroll export
 * from another system each get their own.
 */
static enum fa_code choose_profiles(struct fa_pack *p,
				    const struct fa_pack_options *opt,
				    struct fa_error *err)
{
	const char *chosen = pick(opt->profile, p->config.profile, NULL);
	struct fa_error quiet;
	enum fa_code rc;
	size_t i, j;

	if (chosen) {
		p->profiles = calloc(1, sizeof(*p->profiles));
		if (!p->profiles)
			return fa_error_nomem(err, NULL);
		rc = fa_mapping_find(&p->profiles[0], chosen, err);
		if (rc != FA_OK)
			return rc;
		p->n_profiles = 1;
		p->profile_chosen = 1;
		for (i = 0; i < p->n_srcs; i++) {
			p->srcs[i].profile = p->profiles[0];
			p->srcs[i].profile_hits =
			    profile_hits(&p->srcs[i], p->profiles[0]);
		}
		return FA_OK;
	}
	fa_error_init(&quiet);
	rc = fa_mappings_load_bundled(&p->profiles, &p->n_profiles, &quiet);
	if (rc == FA_ERR_NOMEM) {
		*err = quiet;
		return rc;
	}
	if (rc != FA_OK)
		return FA_OK; /* no bundled profiles: the package's names */
	for (i = 0; i < p->n_srcs; i++) {
		struct pack_source *s = &p->srcs[i];
		unsigned long top = 0, second = 0;
		size_t best = 0;

		for (j = 0; j < p->n_profiles; j++) {
			unsigned long h = profile_hits(s, p->profiles[j]);

			if (h > top) {
				second = top;
				top = h;
				best = j;
			} else if (h > second) {
				second = h;
			}
		}
		if (top > 0 && top > second) {
			s->profile = p->profiles[best];
			s->profile_hits = top;
		}
	}
	return FA_OK;
}

/* ---- which table each source holds ------------------------------------------
 */

/* "Rental-Agreements.csv", "rental agreements" -> "rental_agreements" */
static void table_key(char *out, size_t size, const char *name, int strip_ext)
{
	size_t i, n = strlen(name);
	const char *dot = strrchr(name, '.');

	if (strip_ext && dot && dot != name)
		n = (size_t)(dot - name);
	for (i = 0; i < n && i + 1 < size; i++) {
		unsigned char c = (unsigned char)name[i];

		out[i] = c == '-' || c == ' ' ? '_' : (char)tolower(c);
	}
	out[i] = '\0';
}

/* t's place in the schema's load order. */
static size_t schema_index(const struct fa_table_spec *t)
{
	size_t i;

	for (i = 0; i < fa_schema_count(); i++)
		if (fa_schema_table_at(i) == t)
			break;
	return i;
}

static const struct fa_table_spec *table_by_name(const struct pack_source *s)
{
	char key[128];
	size_t i;

	table_key(key, sizeof(key), s->base, s->kind == PACK_CSV);
	for (i = 0; i < fa_schema_count(); i++)
		if (strcmp(fa_schema_table_at(i)->name, key) == 0)
			return fa_schema_table_at(i);
	return NULL;
}

/* Distinct package columns of t among s's headers. */
static size_t known_columns(const struct pack_source *s,
			    const struct fa_table_spec *t,
			    const struct fa_mapping *profile)
{
	unsigned char seen[FA_CSV_MAX_FIELDS];
	size_t i, k = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < s->n_header; i++) {
		enum pack_match how;
		int c = pack_column_of(t, profile, s->header[i], &how);

		if (c >= 0 && c < FA_CSV_MAX_FIELDS && !seen[c]) {
			seen[c] = 1;
			k++;
		}
	}
	return k;
}

/*
 * The table by the headers: the one with most of its columns among them,
 * at least two. *tie is another table with as many (then the headers do
 * not decide, and NULL is returned).
 */
static const struct fa_table_spec *
table_by_headers(const struct pack_source *s, const struct fa_mapping *profile,
		 const struct fa_table_spec **best,
		 const struct fa_table_spec **tie)
{
	size_t i, top = 0;

	*best = *tie = NULL;
	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);
		size_t k = known_columns(s, t, profile);

		if (k > top) {
			top = k;
			*best = t;
			*tie = NULL;
		} else if (k == top && k && !*tie) {
			*tie = t;
		}
	}
	return top >= 2 && !*tie ? *best : NULL;
}

static enum fa_code identify(struct fa_pack *p, struct pack_source *s,
			     struct fa_error *err)
{
	const struct fa_table_spec *t = NULL, *best = NULL, *tie = NULL;
	enum pack_found_by by = PACK_BY_MANIFEST;
	const char *name;
	struct pack_table *pt;
	size_t i;

	if (s->kind == PACK_SHEET && s->n_header == 0)
		return pack_note_ignored(p, s->name, "an empty sheet", err);
	if (s->declared_table)
		t = fa_schema_table(s->declared_table);
	if (!t && s->profile &&
	    (name = fa_mapping_table_for_name(s->profile, s->base))) {
		t = fa_schema_table(name);
		by = PACK_BY_PROFILE;
	}
	if (!t && (t = table_by_name(s)))
		by = PACK_BY_NAME;
	if (!t && (t = table_by_headers(s, s->profile, &best, &tie)))
		by = PACK_BY_HEADERS;
	if (!t) {
		char why[200];

		if (tie)
			snprintf(why, sizeof(why),
				 "not recognised: its headers fit tables "
				 "'%s' and '%s' equally; name the file or "
				 "sheet after its table",
				 best->name, tie->name);
		else
			snprintf(why, sizeof(why),
				 "not recognised as a table: name it after "
				 "its table (e.g. workers.csv) or choose a "
				 "profile with --profile");
		return pack_note_ignored(p, s->name, why, err);
	}
	for (i = 0; i < p->n_tables; i++)
		if (p->tables[i].spec == t)
			return fa_error_add(
			    err, FA_ERR_USAGE, s->name, 0, 0,
			    "holds table '%s' as '%s' does: pass one of them, "
			    "or put the rows of both in one file",
			    t->name, p->tables[i].src->name);
	pt = realloc(p->tables, (p->n_tables + 1) * sizeof(*pt));
	if (!pt)
		return fa_error_nomem(err, s->name);
	p->tables = pt;
	pt = &p->tables[p->n_tables++];
	memset(pt, 0, sizeof(*pt));
	pt->spec = t;
	pt->src = s;
	pt->by = by;
	/* the order of the member's manifest.xml, else the schema's */
	pt->order = FA_PKG_MAX_ENTRIES + schema_index(t);
	for (i = 0; p->member && i < p->member->n_files; i++)
		if (p->member->files[i].table &&
		    strcmp(p->member->files[i].table, t->name) == 0)
			pt->order = i;
	pt->file = fa_text_dup(t->file);
	pt->cols = calloc(s->n_header ? s->n_header : 1, sizeof(*pt->cols));
	if (!pt->file || !pt->cols)
		return fa_error_nomem(err, s->name);
	pt->n_cols = s->n_header;
	for (i = 0; i < s->n_header; i++) {
		size_t j;

		pt->cols[i].header = fa_text_dup(s->header[i]);
		if (!pt->cols[i].header)
			return fa_error_nomem(err, s->name);
		pt->cols[i].col = pack_column_of(t, s->profile, s->header[i],
						 &pt->cols[i].how);
		for (j = 0; j < i && pt->cols[i].col >= 0; j++)
			if (pt->cols[j].col == pt->cols[i].col)
				return fa_error_add(
				    err, FA_ERR_INPUT, s->name, s->header_line,
				    i + 1,
				    "columns '%s' and '%s' are both '%s': "
				    "remove or rename one of them",
				    s->header[j], s->header[i],
				    t->cols[pt->cols[i].col].name);
		if (pt->cols[i].col >= 0)
			pt->n_known++;
	}
	return FA_OK;
}

/* Every required column of t among its source's headers; else one
 * problem per column missing, at the header line. */
static enum fa_code required_columns(const struct pack_table *t,
				     struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i, j;

	for (j = 0; j < t->spec->n_cols; j++) {
		const struct fa_column_spec *c = &t->spec->cols[j];

		if (!(c->flags & FA_COL_REQUIRED))
			continue;
		for (i = 0; i < t->n_cols; i++)
			if (t->cols[i].col == (int)j)
				break;
		if (i < t->n_cols)
			continue;
		if (c->name_nl && strcmp(c->name_nl, c->name) != 0)
			rc = fa_error_add(err, FA_ERR_INPUT, t->src->name,
					  t->src->header_line, 0,
					  "table '%s' needs column '%s' (in "
					  "Dutch '%s'): add it, or name the "
					  "column that holds it so",
					  t->spec->name, c->name, c->name_nl);
		else
			rc = fa_error_add(err, FA_ERR_INPUT, t->src->name,
					  t->src->header_line, 0,
					  "table '%s' needs column '%s': add "
					  "it, or name the column that holds "
					  "it so",
					  t->spec->name, c->name);
	}
	return rc;
}

/* ---- the member's details
 * ---------------------------------------------------- */

/* The zip's time stamp: produced-at's date and time as written. */
static enum fa_code stamp_of(struct fa_package_stamp *st, const char *at,
			     struct fa_error *err)
{
	if (sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &st->year, &st->month,
		   &st->day, &st->hour, &st->minute, &st->second) != 6)
		return fa_error_add(
		    err, FA_ERR_USAGE, NULL, 0, 0,
		    "invalid produced-at '%s': give a date "
		    "and time such as 2026-01-15T09:30:00+01:00",
		    at);
	/* what a zip's MS-DOS time can hold */
	if (st->year < 1980 || st->year > 2107)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "invalid produced-at '%s': a zip holds "
				    "the years 1980 to 2107",
				    at);
	return FA_OK;
}

static enum fa_code member_details(struct fa_pack *p,
				   const struct fa_pack_options *opt,
				   const struct fa_manifest *mm,
				   struct fa_error *err)
{
	static const char *const what[] = {
		"member name",
		"--member NAME",
		"KvK number",
		"--kvk NUMBER",
		"ABU membership number",
		"--abu-number NUMBER",
		"start of the audit period",
		"--from YYYY-MM-DD",
		"end of the audit period",
		"--to YYYY-MM-DD",
		"producer",
		"--producer NAME",
	};
	const char *v[6];
	struct fa_manifest *m = &p->man;
	struct fa_package_stamp st;
	enum fa_code rc = FA_OK;
	size_t i;

	const struct pack_config *c = &p->config; /* zeroed if none */

	v[0] =
	    pick(opt->member_name, c->member_name, mm ? mm->member_name : NULL);
	v[1] = pick(opt->kvk, c->kvk, mm ? mm->kvk : NULL);
	v[2] = pick(opt->abu_number, c->abu_number, mm ? mm->abu_number : NULL);
	v[3] =
	    pick(opt->period_from, c->period_from, mm ? mm->period_from : NULL);
	v[4] = pick(opt->period_to, c->period_to, mm ? mm->period_to : NULL);
	v[5] = pick(opt->producer_name, c->producer_name,
		    mm ? mm->producer_name : NULL);
	for (i = 0; i < 6; i++)
		if (!v[i])
			rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
					  "no %s: give %s, or put it in the "
					  "folder's pack.xml",
					  what[2 * i], what[2 * i + 1]);
	if (rc != FA_OK)
		return rc;
	m->format = 1;
	m->member_name = fa_text_collapse(v[0]);
	m->kvk = fa_text_dup(v[1]);
	m->abu_number = fa_text_dup(v[2]);
	m->period_from = fa_text_dup(v[3]);
	m->period_to = fa_text_dup(v[4]);
	m->producer_name = fa_text_collapse(v[5]);
	m->produced_at = fa_text_dup(
	    pick(opt->produced_at, NULL, mm ? mm->produced_at : opt->now));
	v[0] = pick(opt->producer_system, c->producer_system,
		    mm ? mm->producer_system : NULL);
	m->producer_system = v[0] ? fa_text_collapse(v[0]) : NULL;
	if (!m->member_name || !m->kvk || !m->abu_number || !m->period_from ||
	    !m->period_to || !m->producer_name || !m->produced_at ||
	    (v[0] && !m->producer_system))
		return fa_error_nomem(err, NULL);
	/* the two the manifest's schema words worst, said plainly and
	 * before any table is converted */
	if (strlen(m->kvk) != 8 || strspn(m->kvk, "0123456789") != 8)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "invalid KvK number '%s': give the "
				    "member's 8 digits, e.g. --kvk 12345678",
				    m->kvk);
	rc = stamp_of(&st, m->produced_at, err);
	if (rc != FA_OK)
		return rc;
	if (p->have_config || mm)
		p->config_from =
		    fa_text_dup(p->have_config ? "pack.xml" : "manifest.xml");
	return FA_OK;
}

/* ---- the manifest and the zip -----------------------------------------------
 */

static int by_order(const void *a, const void *b)
{
	const struct pack_table *x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

static enum fa_code build_manifest(struct fa_pack *p, char **xml, size_t *len,
				   struct fa_error *err)
{
	struct fa_manifest *m = &p->man, *back = NULL;
	struct fa_error e;
	enum fa_code rc;
	size_t i, k = 0;

	m->files = calloc(p->n_tables + p->n_docs + 1, sizeof(*m->files));
	if (!m->files)
		return fa_error_nomem(err, "manifest.xml");
	for (i = 0; i < p->n_tables; i++, k++) {
		m->files[k].path = p->tables[i].file;
		m->files[k].role = FA_ROLE_TABLE;
		m->files[k].table = (char *)p->tables[i].spec->name;
		memcpy(m->files[k].sha256, p->tables[i].sha256,
		       FA_SHA256_HEX_LEN);
	}
	for (i = 0; i < p->n_docs; i++, k++) {
		m->files[k].path = p->docs[i].name;
		m->files[k].role = FA_ROLE_DOCUMENT;
		memcpy(m->files[k].sha256, p->docs[i].sha256,
		       FA_SHA256_HEX_LEN);
	}
	m->n_files = k;
	rc = fa_manifest_write(xml, len, m, err);
	if (rc != FA_OK)
		return rc;
	/* What the schema and the manifest's own checks say of the member's
	 * details (a KvK number of 8 digits, a real period). */
	fa_error_init(&e);
	rc = fa_manifest_parse(&back, "manifest.xml", *xml, *len,
			       fa_schema_table_names(), &e);
	fa_manifest_free(back);
	if (rc == FA_ERR_NOMEM)
		return fa_error_nomem(err, "manifest.xml");
	for (i = 0; rc != FA_OK && i < e.n; i++)
		fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
			     "the member's details do not fit the manifest: "
			     "%s",
			     e.diag[i].message);
	return rc == FA_OK ? FA_OK : FA_ERR_USAGE;
}

/* Deflate level of the tables and documents: the fastest. The package is
 * made at the end of a working day and read once by the check and once by
 * the audit; level 1 takes half the time of zip's default (6) on the
 * bench's tables for a third more bytes. */
#define DEFLATE_LEVEL 1

/* Documents that are compressed already are stored, not deflated again. */
static int worth_deflating(const char *name)
{
	static const char *const packed[] = {
		".jpg",	 ".jpeg", ".png",  ".gif",  ".zip",
		".docx", ".xlsx", ".heic", ".webp", ".mp4",
	};
	size_t i, n = strlen(name);

	for (i = 0; i < sizeof(packed) / sizeof(packed[0]); i++) {
		size_t e = strlen(packed[i]);

		if (n > e && strcasecmp(name + n - e, packed[i]) == 0)
			return 0;
	}
	return 1;
}

static enum fa_code write_zip(struct fa_pack *p, const char *xml, size_t len,
			      struct fa_error *err)
{
	struct fa_package_writer *w = NULL;
	struct fa_package_stamp st;
	enum fa_code rc;
	size_t i;

	rc = stamp_of(&st, p->man.produced_at, err);
	if (rc == FA_OK)
		rc = fa_package_writer_new(&w, p->zip_path, &st, err);
	if (rc == FA_OK)
		rc = fa_package_writer_add_mem(w, "manifest.xml", xml, len,
					       DEFLATE_LEVEL, err);
	for (i = 0; rc == FA_OK && i < p->n_tables; i++)
		rc = fa_package_writer_add_file(w, p->tables[i].file,
						p->tables[i].tmp_path,
						DEFLATE_LEVEL, err);
	for (i = 0; rc == FA_OK && i < p->n_docs; i++)
		rc = fa_package_writer_add_file(
		    w, p->docs[i].name, p->docs[i].path,
		    worth_deflating(p->docs[i].name) ? DEFLATE_LEVEL : 0, err);
	if (rc == FA_OK)
		rc = fa_package_writer_close(w, err);
	fa_package_writer_free(w);
	return rc;
}

/* ---- the check --------------------------------------------------------------
 */

/* A refused row of a packaged table, named where the member can find it. */
static void relocate(const struct fa_pack *p, struct fa_diag *d)
{
	const struct pack_table *t = NULL;
	char msg[FA_ERROR_MESSAGE_MAX], tail[FA_ERROR_WHERE_MAX + 48];
	size_t i, lo, hi, n;

	for (i = 0; i < p->n_tables && !t; i++)
		if (strcmp(d->where, p->tables[i].file) == 0)
			t = &p->tables[i];
	if (!t || d->line == 0)
		return;
	/* the message first, then where the package has it, if room is left */
	snprintf(tail, sizeof(tail), " (packaged as %s:%lu)", t->file, d->line);
	n = strlen(d->message);
	memcpy(msg, d->message, n + 1);
	if (n + strlen(tail) < sizeof(msg))
		memcpy(msg + n, tail, strlen(tail) + 1);
	if (d->line == 1) {
		d->line = t->src->header_line;
	} else {
		/* the last record starting at or before the line */
		lo = 0;
		hi = t->n_lines;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			if (t->line_of[2 * mid] <= d->line)
				lo = mid;
			else
				hi = mid;
		}
		if (t->n_lines == 0 || t->line_of[2 * lo] > d->line)
			return;
		d->line =
		    t->line_of[2 * lo + 1] + (d->line - t->line_of[2 * lo]);
	}
	/* the package's column k is the k-th source column kept */
	if (d->column) {
		unsigned long k = 0;

		for (i = 0; i < t->n_cols; i++)
			if (t->cols[i].col >= 0 && ++k == d->column)
				break;
		d->column = i < t->n_cols ? i + 1 : 0;
	}
	snprintf(d->where, sizeof(d->where), "%s", t->src->name);
	memcpy(d->message, msg, sizeof(d->message));
}

/* For each table not supplied, the rules that read it. */
static enum fa_code missing_rules(struct fa_pack *p, struct fa_error *err)
{
	struct fa_rulesets sets;
	struct fa_error quiet;
	char buf[FA_RULESET_DIR_MAX + 32];
	const char *dir = fa_rulesets_bundled_path(buf, sizeof(buf));
	size_t i, j, k, r, n = fa_schema_count();

	p->missing_rules = calloc(n, sizeof(char *));
	p->n_missing_rules = calloc(n, sizeof(size_t));
	if (!p->missing_rules || !p->n_missing_rules)
		return fa_error_nomem(err, NULL);
	fa_error_init(&quiet);
	if (fa_rulesets_load(&sets, &dir, 1, &quiet) != FA_OK)
		return quiet.code == FA_ERR_NOMEM ? fa_error_nomem(err, NULL)
						  : FA_OK;
	for (i = 0; i < n; i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);
		size_t len = 0;

		for (j = 0; j < p->n_tables; j++)
			if (p->tables[j].spec == t)
				break;
		if (j < p->n_tables)
			continue;
		for (k = 0; k < sets.n; k++)
			for (r = 0; r < sets.sets[k]->n_rules; r++) {
				const struct fa_rule *rule =
				    &sets.sets[k]->rules[r];
				size_t x;

				for (x = 0; x < rule->n_reads; x++)
					if (strcmp(rule->reads[x], t->name) ==
					    0)
						break;
				if (x == rule->n_reads)
					continue;
				{
					size_t add = strlen(rule->id) + 2;
					char *g = realloc(p->missing_rules[i],
							  len + add + 1);

					if (!g) {
						fa_rulesets_release(&sets);
						return fa_error_nomem(err,
								      NULL);
					}
					p->missing_rules[i] = g;
					snprintf(g + len, add + 1, "%s%s",
						 len ? ", " : "", rule->id);
					len += strlen(g + len);
					p->n_missing_rules[i]++;
				}
			}
	}
	fa_rulesets_release(&sets);
	return FA_OK;
}

/* ---- the run
 * ------------------------------------------------------------------ */

enum fa_code fa_pack_run(struct fa_pack **out,
			 const struct fa_pack_options *opt,
			 struct fa_error *err)
{
	struct fa_pack *p;
	struct fa_manifest *mm = NULL;
	struct fa_tempdir *td = NULL;
	char *xml = NULL;
	double t0 = now_seconds();
	size_t len = 0, i;
	enum fa_code rc;

	*out = NULL;
	assert(fa_schema_count() <= FA_TEMPDIR_TABLES);
	p = calloc(1, sizeof(*p));
	if (!p)
		return fa_error_nomem(err, NULL);
	p->nl = opt->nl;
	p->output = opt->output_name ? opt->output_name : opt->output;
	p->zip_path = opt->output;
	rc = pack_sources_find(p, opt, &mm, err);
	if (rc != FA_OK)
		goto out;
	*out = p;
	p->member = mm;
	rc = member_details(p, opt, mm, err);
	if (rc != FA_OK)
		goto out;
	for (i = 0; i < p->n_srcs; i++) {
		const char *declared =
		    pick(opt->encoding, p->config.encoding, NULL);
		const struct fa_manifest_file *mf = NULL;

		/* the member's manifest.xml says which table and encoding a
		 * file has: the strongest hint there is */
		if (mm && p->srcs[i].kind == PACK_CSV)
			mf = fa_manifest_find(mm, p->srcs[i].base);
		if (mf && mf->role == FA_ROLE_TABLE) {
			if (!declared)
				declared = fa_encoding_name(mf->encoding);
			p->srcs[i].declared_table = fa_text_dup(mf->table);
			if (!p->srcs[i].declared_table) {
				rc = fa_error_nomem(err, NULL);
				goto out;
			}
		}
		rc = pack_source_header(&p->srcs[i], declared, err);
		if (rc != FA_OK)
			goto out;
	}
	rc = choose_profiles(p, opt, err);
	for (i = 0; rc == FA_OK && i < p->n_srcs; i++)
		rc = identify(p, &p->srcs[i], err);
	if (rc != FA_OK)
		goto out;
	if (p->n_tables == 0) {
		rc = fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				  "no table found among the sources: name "
				  "each file after its table (workers.csv, "
				  "pay-periods.csv ...; see flexaudit "
				  "schema)");
		goto out;
	}
	/* a table the package cannot go without: said now, not after every
	 * table is converted and the check refuses the manifest */
	for (i = 0; i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);
		size_t j;

		for (j = 0; j < p->n_tables && p->tables[j].spec != t; j++)
			;
		if ((t->flags & FA_TABLE_REQUIRED) && j == p->n_tables)
			rc = fa_error_add(err, FA_ERR_INPUT, NULL, 0, 0,
					  "no table '%s' among the sources: a "
					  "package needs it; add %s, or name "
					  "the file that holds it so",
					  t->name, t->file);
	}
	if (rc != FA_OK)
		goto out;
	qsort(p->tables, p->n_tables, sizeof(*p->tables), by_order);
	for (i = 0; i < p->n_tables; i++)
		rc = required_columns(&p->tables[i], err) != FA_OK
			 ? FA_ERR_INPUT
			 : rc;
	if (rc != FA_OK)
		goto out;
	rc = missing_rules(p, err);
	if (rc == FA_OK)
		rc = fa_tempdir_new(&td, NULL, err);
	p->sec_find = now_seconds() - t0;
	t0 = now_seconds();
	for (i = 0; rc == FA_OK && i < p->n_tables; i++) {
		struct pack_table *t = &p->tables[i];
		size_t n = strlen(fa_tempdir_path(td)) + 16;

		t->tmp_path = malloc(n);
		if (!t->tmp_path) {
			rc = fa_error_nomem(err, NULL);
			break;
		}
		snprintf(t->tmp_path, n, "%s/%s", fa_tempdir_path(td),
			 fa_tempdir_table_name(i));
		rc = pack_table_write(t, t->src->profile, err);
	}
	if (rc == FA_OK)
		rc = build_manifest(p, &xml, &len, err);
	p->sec_convert = now_seconds() - t0;
	t0 = now_seconds();
	if (rc == FA_OK)
		rc = write_zip(p, xml, len, err);
	p->sec_zip = now_seconds() - t0;
	t0 = now_seconds();
	/* the converted tables hold personal data: gone before the check */
	for (i = 0; i < p->n_tables; i++)
		if (p->tables[i].tmp_path)
			unlink(p->tables[i].tmp_path);
	fa_tempdir_free(td);
	td = NULL;
	if (rc != FA_OK)
		goto out;
	p->written = 1;
	rc = fa_evidence_load(&p->ev, opt->output, err);
	p->sec_check = now_seconds() - t0;
	if (rc == FA_OK && opt->output_name)
		rc = fa_evidence_rename(p->ev, opt->output_name, err);
	if (rc != FA_OK) {
		for (i = 0; i < err->n; i++) {
			if (strcmp(err->diag[i].where, opt->output) == 0)
				snprintf(err->diag[i].where,
					 sizeof(err->diag[i].where), "%s",
					 p->output);
			relocate(p, &err->diag[i]);
		}
		unlink(opt->output);
		p->written = 0;
	}
out:
	if (td) {
		for (i = 0; i < p->n_tables; i++)
			if (p->tables[i].tmp_path)
				unlink(p->tables[i].tmp_path);
		fa_tempdir_free(td);
	}
	free(xml);
	p->member = NULL;
	fa_manifest_free(mm);
	if (!*out)
		fa_pack_free(p);
	return rc;
}

void fa_pack_write_profile(FILE *out, const struct fa_pack *p)
{
	fprintf(out,
		"profile: find and read headers %.3f s, convert %.3f s, "
		"zip %.3f s, check %.3f s\n",
		p->sec_find, p->sec_convert, p->sec_zip, p->sec_check);
}

struct fa_evidence *fa_pack_evidence(const struct fa_pack *p)
{
	return p ? p->ev : NULL;
}

void fa_pack_free(struct fa_pack *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_tables; i++)
		pack_table_release(&p->tables[i]);
	free(p->tables);
	for (i = 0; i < p->n_srcs; i++)
		pack_source_release(&p->srcs[i]);
	free(p->srcs);
	for (i = 0; i < p->n_books; i++)
		fa_xlsx_free(p->books[i]);
	free(p->books);
	for (i = 0; i < p->n_docs; i++) {
		free(p->docs[i].path);
		free(p->docs[i].name);
	}
	free(p->docs);
	for (i = 0; i < p->n_ignored; i++)
		free(p->ignored[i]);
	free(p->ignored);
	for (i = 0; p->missing_rules && i < fa_schema_count(); i++)
		free(p->missing_rules[i]);
	free(p->missing_rules);
	free(p->n_missing_rules);
	fa_mappings_free(p->profiles, p->n_profiles);
	free(p->man.member_name);
	free(p->man.kvk);
	free(p->man.abu_number);
	free(p->man.period_from);
	free(p->man.period_to);
	free(p->man.producer_name);
	free(p->man.producer_system);
	free(p->man.produced_at);
	free(p->man.files);
	free(p->config_from);
	fa_evidence_free(p->ev);
	pack_config_release(&p->config);
	free(p);
}
