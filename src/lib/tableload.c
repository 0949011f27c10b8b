/* SPDX-License-Identifier: MIT */
/*
 * Loading tables into the evidence database: the DDL made from the schema,
 * CSV rows parsed into typed cells and inserted, and the row-level checks
 * (negative values, end before start, BSN, references to the keys of tables
 * loaded earlier) that run while rows stream in. Also hand-written rows for
 * rule tests. Private to the evidence module (evidence_impl.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "evidence_impl.h"
#include "isocodes.h"
#include "strset.h"
#include "text.h"
#include "value.h"

/* ---- DDL from the schema ------------------------------------------------ */

static const char *sql_type(enum fa_coltype t)
{
	switch (t) {
	case FA_COL_INT:
	case FA_COL_BOOL:
	case FA_COL_MONEY:
		return "INTEGER";
	case FA_COL_DECIMAL:
		return "REAL";
	default:
		return "TEXT";
	}
}

/* Append to a fixed buffer; returns -1 once it is full. */
static int sbuf_add(char *buf, size_t size, size_t *off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int sbuf_add(char *buf, size_t size, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (*off >= size)
		return -1;
	va_start(ap, fmt);
	w = vsnprintf(buf + *off, size - *off, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= size - *off) {
		*off = size;
		return -1;
	}
	*off += (size_t)w;
	return 0;
}

enum fa_code fa_evidence_create_tables(struct fa_db *db, int relaxed,
				       struct fa_error *err)
{
	char sql[8192];
	size_t i, j, off;
	enum fa_code rc;

	rc = fa_db_exec(
	    db,
	    "CREATE TABLE package_info (key TEXT PRIMARY KEY, "
	    "value TEXT) STRICT;"
	    "CREATE TABLE package_files (path TEXT PRIMARY KEY, "
	    "role TEXT NOT NULL, table_name TEXT, sha256 TEXT NOT NULL, "
	    "size INTEGER NOT NULL, rows INTEGER) STRICT;"
	    "CREATE TABLE data_quality (check_id TEXT NOT NULL, "
	    "file TEXT, line INTEGER, message TEXT NOT NULL) STRICT;",
	    err);
	for (i = 0; rc == FA_OK && i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);

		off = 0;
		/*
		 * _line is the rowid: rows go in in file order, so checks
		 * that report in file order (ORDER BY _line) scan instead of
		 * sorting millions of rows, and the line costs no column.
		 */
		sbuf_add(sql, sizeof(sql), &off,
			 "CREATE TABLE %s (_line INTEGER PRIMARY KEY", t->name);
		for (j = 0; j < t->n_cols; j++) {
			const struct fa_column_spec *c = &t->cols[j];
			int notnull =
			    !relaxed &&
			    ((c->flags & FA_COL_REQUIRED) || c->empty);

			sbuf_add(sql, sizeof(sql), &off, ", %s %s%s%s", c->name,
				 sql_type(c->type), notnull ? " NOT NULL" : "",
				 (c->flags & FA_COL_UNIQUE) ? " UNIQUE" : "");
		}
		if (sbuf_add(sql, sizeof(sql), &off, ") STRICT;") < 0)
			return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
					    "schema statement for '%s' is too "
					    "long",
					    t->name);
		rc = fa_db_exec(db, sql, err);
	}
	return rc;
}

/* ---- loading one table -------------------------------------------------- */

struct cell {
	int set; /* 0: NULL */
	int is_text;
	int64_t i;
	double d;
	const char *s; /* into the CSV field or a static enum value */
	size_t len;
	char date[FA_DATE_LEN];
	char code[4]; /* normalised language/country code */
};

/* A reference column and the keys of the table it points at. */
struct ref_check {
	int col;
	const char *target_file; /* path in the package, or NULL */
	const char *target_table;
	const struct fa_strset *keys; /* NULL: the table is not supplied */
	uint64_t unresolved;	      /* values while the table is absent */
};

/*
 * Row-level checks of one table, resolved to column indexes once so that
 * millions of rows cost no name lookups.
 */
struct plan {
	int nonneg[16];
	size_t n_nonneg;
	int bounded[8];	  /* columns with a plausible maximum ... */
	int64_t bound[8]; /* ... in the column's unit */
	size_t n_bounded;
	int date_from, date_to; /* -1: no date-order check */
	const char *date_what, *date_what_nl;
	int bsn, id;		    /* workers: BSN and its worker */
	int kind, area;		    /* rooms: zero-area bedrooms */
	int unique;		    /* column whose keys are collected */
	struct fa_strset *own_keys; /* where they go */
	struct ref_check refs[8];
	size_t n_refs;
};

struct load {
	struct fa_evidence *ev; /* NULL when loading test rows */
	struct fa_db *db;
	int relaxed;		 /* test rows: required columns may be absent */
	unsigned long line_base; /* added to CSV lines (rows inside a file) */
	struct fa_table_load *tl;
	const struct fa_table_spec *t;
	const char *where;
	struct fa_stmt *ins;
	struct fa_csv *csv;
	int field_of[64]; /* spec column -> CSV field index, -1 absent */
	uint64_t rows;
	struct plan plan;
	size_t n_header;
	struct cell cells[64];
};

/*
 * Magnitudes no real package has: not limits of any norm, but what a typing
 * or export error gives (cents read as euros, a year's hours in one pay
 * period, a location's beds in one room). Above max the value is loaded and
 * judged as it is, with a data-quality finding "implausible-value"
 * (docs/evidence-package.md, section 7). max is in the column's unit:
 * euros, m2, m, beds, hours.
 */
static const struct {
	const char *table, *column;
	int64_t max;
} plausible[] = {
	{ "locations", "gbo_m2", 100000 },
	{ "locations", "registered_beds", 5000 },
	{ "rooms", "area_m2", 2000 },
	{ "rooms", "height_m", 20 },
	{ "rooms", "beds", 100 },
	{ "rooms", "bunk_beds", 100 },
	{ "rental_agreements", "weekly_rent", 2000 },
	{ "rental_agreements", "actual_weekly_cost", 2000 },
	{ "rental_agreements", "deposit", 20000 },
	{ "pay_periods", "hours", 744 }, /* 31 days of 24 hours */
	{ "pay_periods", "hourly_base_wage", 1000 },
	{ "pay_periods", "housing_deduction", 10000 },
	{ "deductions", "amount", 20000 },
	{ "deductions", "actual_cost", 20000 },
};

/* Row-level date-order checks: (table, start column, end column, what
 * the dates bound in English and, with its article, in Dutch). */
static const struct {
	const char *table, *from, *to, *what, *what_nl;
} date_pairs[] = {
	{ "workers", "employment_start", "employment_end", "employment",
	  "het dienstverband" },
	{ "occupancy", "from_date", "to_date", "occupancy", "de bewoning" },
	{ "rental_agreements", "start_date", "end_date", "rental agreement",
	  "de huurovereenkomst" },
	{ "pay_periods", "period_start", "period_end", "pay period",
	  "de loonperiode" },
	{ "company_documents", "valid_from", "valid_until", "validity",
	  "de geldigheid" },
};

/* A column unit in Dutch ("uur" for "hours"). */
static const char *unit_nl(const char *unit)
{
	if (unit && strcmp(unit, "hours") == 0)
		return "uur";
	if (unit && strcmp(unit, "litres") == 0)
		return "liter";
	return unit ? unit : "";
}

static int col_index(const struct fa_table_spec *t, const char *name)
{
	size_t j;

	for (j = 0; j < t->n_cols; j++)
		if (strcmp(t->cols[j].name, name) == 0)
			return (int)j;
	return -1;
}

static enum fa_code load_header(struct load *ld, unsigned long line,
				const struct fa_csv_field *f, size_t n,
				struct fa_error *err)
{
	const struct fa_table_spec *t = ld->t;
	struct fa_table_load *tl = ld->tl;
	enum fa_code rc = FA_OK;
	size_t i, j;

	if (t->n_cols > sizeof(ld->field_of) / sizeof(ld->field_of[0]))
		return fa_error_add(err, FA_ERR_INTERNAL, ld->where, 0, 0,
				    "table '%s' has too many columns", t->name);
	for (j = 0; j < t->n_cols; j++)
		ld->field_of[j] = -1;
	ld->n_header = n;
	for (i = 0; i < n; i++) {
		const char *s = f[i].s;
		size_t len = f[i].len;
		int c;

		fa_value_trim(&s, &len);
		c = fa_schema_column_index(t, s, len);
		if (c < 0 && !tl) {
			/* Rows written by hand (rule tests): a typo, not an
			 * export's extra column. */
			char q[QUOTE_MAX + 4];

			rc = fa_error_add(
			    err, FA_ERR_INPUT, ld->where, line, i + 1,
			    "unknown column '%s' for table '%s'",
			    fa_evidence_quote(q, s, len), t->name);
			continue;
		}
		if (c < 0) {
			char **g = realloc(tl->ignored,
					   (tl->n_ignored + 1) * sizeof(*g));
			char q[QUOTE_MAX + 4];

			if (!g)
				return fa_error_nomem(err, NULL);
			tl->ignored = g;
			g[tl->n_ignored] = strdup(fa_evidence_quote(q, s, len));
			if (!g[tl->n_ignored])
				return fa_error_nomem(err, NULL);
			tl->n_ignored++;
			continue;
		}
		if (ld->field_of[c] >= 0) {
			rc = fa_error_add(err, FA_ERR_INPUT, ld->where, line,
					  i + 1,
					  "column '%s' appears twice (also "
					  "column %d)",
					  t->cols[c].name, ld->field_of[c] + 1);
			continue;
		}
		ld->field_of[c] = (int)i;
	}
	for (j = 0; j < t->n_cols && !ld->relaxed; j++)
		if ((t->cols[j].flags & FA_COL_REQUIRED) && ld->field_of[j] < 0)
			rc = fa_error_add(err, FA_ERR_INPUT, ld->where, line, 0,
					  "missing required column '%s'",
					  t->cols[j].name);
	return rc;
}

static int is_lower_code(const char *s, size_t len, size_t min, size_t max)
{
	size_t i;

	if (len < min || len > max)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return 1;
}

/*
 * The first character of s that cannot be seen or turns the direction of
 * text (U+00A0, U+00AD, U+200B..U+200F, U+202A..U+202E, U+2060..U+2064,
 * U+2066..U+2069, U+FEFF, U+007F), as a code point; 0 if none. Two ids
 * that look the same must be the same id (a report names workers by id).
 */
static unsigned invisible(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++) {
		if (u[i] == 0x7F)
			return 0x7F;
		if (u[i] == 0xC2 && i + 1 < len &&
		    (u[i + 1] == 0xA0 || u[i + 1] == 0xAD))
			return u[i + 1]; /* U+0080..U+00BF: its second byte */
		if (u[i] == 0xE2 && i + 2 < len && (u[i + 1] & 0xFE) == 0x80) {
			unsigned cp = 0x2000 + ((u[i + 1] & 0x3F) << 6) +
				      (u[i + 2] & 0x3F);

			if ((cp >= 0x200B && cp <= 0x200F) ||
			    (cp >= 0x202A && cp <= 0x202E) ||
			    (cp >= 0x2060 && cp <= 0x2064) ||
			    (cp >= 0x2066 && cp <= 0x2069))
				return cp;
		}
		if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBB &&
		    u[i + 2] == 0xBF)
			return 0xFEFF;
	}
	return 0;
}

/* Parse one cell into ld->cells[j]; reports a located error. */
static enum fa_code parse_cell(struct load *ld, size_t j, const char *s,
			       size_t len, unsigned long line,
			       unsigned long column, struct fa_error *err)
{
	const struct fa_column_spec *c = &ld->t->cols[j];
	struct cell *v = &ld->cells[j];
	const char *why = NULL;
	char q[QUOTE_MAX + 4];
	size_t i, canon_len;
	unsigned cp;
	int b;

	memset(v, 0, sizeof(*v));
	fa_value_trim(&s, &len);
	if (len == 0 && c->empty) {
		s = c->empty;
		len = strlen(s);
	}
	if (len == 0) {
		if ((c->flags & FA_COL_REQUIRED) && !ld->relaxed)
			return fa_error_add(err, FA_ERR_INPUT, ld->where, line,
					    column,
					    "empty value in required column "
					    "'%s'",
					    c->name);
		return FA_OK;
	}
	v->set = 1;
	switch (c->type) {
	case FA_COL_TEXT:
		v->is_text = 1;
		v->s = s;
		v->len = len;
		return FA_OK;
	case FA_COL_ID:
		for (i = 0; i < len; i++)
			if (s[i] == ' ' || s[i] == '\t' ||
			    (unsigned char)s[i] < 0x20)
				return fa_error_add(
				    err, FA_ERR_INPUT, ld->where, line, column,
				    "invalid identifier '%s' in column "
				    "'%s': contains white space",
				    fa_evidence_quote(q, s, len), c->name);
		cp = invisible(s, len);
		if (cp)
			return fa_error_add(
			    err, FA_ERR_INPUT, ld->where, line, column,
			    "invalid identifier '%s' in column '%s': "
			    "contains an invisible or direction-changing "
			    "character (U+%04X): retype the identifier",
			    fa_evidence_quote(q, s, len), c->name, cp);
		/* a finding's subject is the employee number, '/', and the
		 * rest (a pay period, a room): with a '/' in the number the
		 * report would take part of it for another worker */
		if (strcmp(c->name, "employee_id") == 0 && memchr(s, '/', len))
			return fa_error_add(
			    err, FA_ERR_INPUT, ld->where, line, column,
			    "invalid employee number '%s' in column '%s': "
			    "contains '/', which separates it from the rest of "
			    "a finding's subject",
			    fa_evidence_quote(q, s, len), c->name);
		v->is_text = 1;
		v->s = s;
		v->len = len;
		return FA_OK;
	case FA_COL_ENUM:
		v->s = fa_schema_enum_match(c, s, len, &canon_len);
		if (!v->s) {
			char list[FA_ERROR_MESSAGE_MAX / 2];
			size_t k, o = 0;

			for (k = 0; c->values[k] && o + 3 < sizeof(list); k++) {
				if (c->values[k] == '|') {
					list[o++] = ',';
					list[o++] = ' ';
				} else {
					list[o++] = c->values[k];
				}
			}
			list[o] = '\0';
			return fa_error_add(
			    err, FA_ERR_INPUT, ld->where, line, column,
			    "invalid value '%s' in column '%s': "
			    "expected one of %s",
			    fa_evidence_quote(q, s, len), c->name, list);
		}
		v->is_text = 1;
		v->len = canon_len;
		return FA_OK;
	case FA_COL_INT:
		if (fa_value_int(&v->i, s, len, &why) == 0)
			return FA_OK;
		break;
	case FA_COL_DECIMAL:
		if (fa_value_decimal(&v->i, s, len, 2, &why) == 0) {
			v->d = (double)v->i / 100.0;
			return FA_OK;
		}
		break;
	case FA_COL_MONEY:
		if (fa_value_decimal(&v->i, s, len, 2, &why) == 0)
			return FA_OK;
		break;
	case FA_COL_DATE:
		if (fa_value_date(v->date, s, len, &why) == 0) {
			v->is_text = 1;
			v->s = v->date;
			v->len = FA_DATE_LEN - 1;
			return FA_OK;
		}
		return fa_error_add(err, FA_ERR_INPUT, ld->where, line, column,
				    "invalid date '%s' in column '%s': %s%s",
				    fa_evidence_quote(q, s, len), c->name, why,
				    fa_value_date_hint(why));
	case FA_COL_BOOL:
		if (fa_value_bool(&b, s, len, &why) == 0) {
			v->i = b;
			return FA_OK;
		}
		break;
	case FA_COL_LANG:
	case FA_COL_COUNTRY: {
		int lang = c->type == FA_COL_LANG;

		if (!is_lower_code(s, len, 2, lang ? 3 : 2))
			return fa_error_add(
			    err, FA_ERR_INPUT, ld->where, line, column,
			    "invalid %s code '%s' in column '%s': "
			    "expected %s",
			    lang ? "language" : "country",
			    fa_evidence_quote(q, s, len), c->name,
			    lang ? "an ISO 639-1 code such as 'pl'"
				 : "an ISO 3166-1 alpha-2 code such as "
				   "'PL'");
		for (i = 0; i < len; i++)
			v->code[i] =
			    lang ? (char)(s[i] | 0x20) : (char)(s[i] & ~0x20);
		v->code[len] = '\0';
		if (!(lang ? fa_iso_language(v->code)
			   : fa_iso_country(v->code)))
			return fa_error_add(
			    err, FA_ERR_INPUT, ld->where, line, column,
			    "unknown %s code '%s' in column '%s': %s",
			    lang ? "language" : "country",
			    fa_evidence_quote(q, s, len), c->name,
			    lang ? "not in ISO 639-1 (or ISO 639-2 for a "
				   "language without a two-letter code)"
				 : "not in ISO 3166-1 alpha-2");
		v->is_text = 1;
		v->s = v->code;
		v->len = len;
		return FA_OK;
	}
	}
	return fa_error_add(err, FA_ERR_INPUT, ld->where, line, column,
			    "invalid %s '%s' in column '%s': %s",
			    fa_schema_type_name(c->type),
			    fa_evidence_quote(q, s, len), c->name,
			    why ? why : "not understood");
}

static enum fa_code duplicate_key(struct load *ld, size_t j, unsigned long line,
				  struct fa_error *err)
{
	const struct fa_column_spec *c = &ld->t->cols[j];
	struct cell *v = &ld->cells[j];
	struct fa_stmt *st = NULL;
	char sql[256], q[QUOTE_MAX + 4];
	unsigned long first = 0;
	struct fa_error ignore;
	int row = 0;

	fa_error_init(&ignore);
	snprintf(sql, sizeof(sql), "SELECT _line FROM %s WHERE %s = ?",
		 ld->t->name, c->name);
	if (fa_db_prepare(&st, ld->db, sql, &ignore) == FA_OK) {
		fa_db_bind_text(st, 1, v->s, v->len);
		if (fa_db_step(&row, st, &ignore) == FA_OK && row)
			first = (unsigned long)fa_db_column_int(st, 0);
		fa_db_finalize(st);
	}
	return fa_error_add(err, FA_ERR_INPUT, ld->where, line,
			    (unsigned long)ld->field_of[j] + 1,
			    "duplicate %s '%s' (first on line %lu)", c->name,
			    fa_evidence_quote(q, v->s, v->len), first);
}

/* Prepare the row-level checks of ld->t; keys[i] are table i's key sets. */
static void plan_checks(struct load *ld, struct fa_strset *keys)
{
	const struct fa_table_spec *t = ld->t;
	struct plan *p = &ld->plan;
	size_t j, k;

	memset(p, 0, sizeof(*p));
	p->date_from = p->date_to = p->bsn = p->kind = p->unique = -1;
	for (k = 0; k < sizeof(date_pairs) / sizeof(*date_pairs); k++)
		if (strcmp(date_pairs[k].table, t->name) == 0) {
			p->date_from = col_index(t, date_pairs[k].from);
			p->date_to = col_index(t, date_pairs[k].to);
			p->date_what = date_pairs[k].what;
			p->date_what_nl = date_pairs[k].what_nl;
		}
	if (strcmp(t->name, "workers") == 0) {
		p->bsn = col_index(t, "bsn");
		p->id = col_index(t, "employee_id");
	}
	if (strcmp(t->name, "rooms") == 0) {
		p->kind = col_index(t, "kind");
		p->area = col_index(t, "area_m2");
	}
	for (k = 0; k < sizeof(plausible) / sizeof(*plausible); k++)
		if (strcmp(plausible[k].table, t->name) == 0 &&
		    col_index(t, plausible[k].column) >= 0 &&
		    p->n_bounded < sizeof(p->bounded) / sizeof(p->bounded[0])) {
			p->bounded[p->n_bounded] =
			    col_index(t, plausible[k].column);
			p->bound[p->n_bounded++] = plausible[k].max;
		}
	for (j = 0; j < t->n_cols; j++) {
		const struct fa_column_spec *c = &t->cols[j];

		if ((c->flags & FA_COL_NONNEG) &&
		    p->n_nonneg < sizeof(p->nonneg) / sizeof(p->nonneg[0]))
			p->nonneg[p->n_nonneg++] = (int)j;
		if (c->flags & FA_COL_UNIQUE) {
			p->unique = (int)j;
			p->own_keys = &keys[ld->tl - ld->ev->tables];
		}
		if (c->ref &&
		    p->n_refs < sizeof(p->refs) / sizeof(p->refs[0])) {
			struct ref_check *r = &p->refs[p->n_refs++];
			const struct fa_table_load *target = NULL;
			const char *dot = strchr(c->ref, '.');

			for (k = 0; dot && k < ld->ev->n_tables; k++)
				if (strncmp(ld->ev->tables[k].spec->name,
					    c->ref,
					    (size_t)(dot - c->ref)) == 0 &&
				    ld->ev->tables[k]
					    .spec->name[dot - c->ref] == '\0')
					target = &ld->ev->tables[k];
			r->col = (int)j;
			r->target_table = target ? target->spec->name : c->ref;
			if (target && target->file) {
				r->target_file = target->file->path;
				r->keys = &keys[k = (size_t)(target -
							     ld->ev->tables)];
			}
		}
	}
}

/* Row-level checks that do not stop the load. */
static enum fa_code row_checks(struct load *ld, unsigned long line)
{
	const struct fa_table_spec *t = ld->t;
	struct plan *p = &ld->plan;
	const struct cell *v;
	char q[QUOTE_MAX + 4];
	enum fa_code rc = FA_OK;
	size_t j;

	for (j = 0; j < p->n_nonneg && rc == FA_OK; j++) {
		const struct fa_column_spec *c = &t->cols[p->nonneg[j]];

		v = &ld->cells[p->nonneg[j]];
		if (v->set && ((c->type == FA_COL_DECIMAL && v->d < 0) ||
			       (c->type != FA_COL_DECIMAL && v->i < 0)))
			rc = fa_evidence_dq_add(
			    ld->ev, "negative-value", ld->where, line,
			    "kolom '%s' is negatief", "column '%s' is negative",
			    c->name);
	}
	if (rc == FA_OK && p->date_from >= 0 && ld->cells[p->date_from].set &&
	    ld->cells[p->date_to].set &&
	    strcmp(ld->cells[p->date_to].s, ld->cells[p->date_from].s) < 0)
		rc = fa_evidence_dq_add(
		    ld->ev, "end-before-start", ld->where, line,
		    "%.0seinddatum van %s (%s) ligt voor de begindatum (%s)",
		    "%s%.0s ends (%s) before it starts (%s)", p->date_what,
		    p->date_what_nl, ld->cells[p->date_to].s,
		    ld->cells[p->date_from].s);
	for (j = 0; j < p->n_bounded && rc == FA_OK; j++) {
		const struct fa_column_spec *c = &t->cols[p->bounded[j]];
		/* money (cents) and decimals are held in hundredths
		 * (fa_value_decimal), whole numbers in units: compared and
		 * shown exactly, never through a double */
		int64_t scale = c->type == FA_COL_INT ? 1 : 100;

		v = &ld->cells[p->bounded[j]];
		if (!v->set || v->i <= p->bound[j] * scale)
			continue;
		rc = fa_evidence_dq_add(
		    ld->ev, "implausible-value", ld->where, line,
		    "kolom '%s' is %" PRId64 ",%02" PRId64 "%s%.0s%s, boven "
		    "%" PRId64 ": controleer de export (centen ingevuld als "
		    "euro's, een verkeerde kolom)",
		    "column '%s' is %" PRId64 ".%02" PRId64 "%s%s%.0s, above "
		    "%" PRId64 ": check the export (cents for euros, a wrong "
		    "column)",
		    c->name, v->i / scale, v->i % scale * (100 / scale),
		    c->unit ? " " : "", c->unit ? c->unit : "",
		    unit_nl(c->unit), p->bound[j]);
	}
	/* A control character in free text is shown escaped; the value, which
	 * may be a name, is not put in the message. */
	for (j = 0; j < t->n_cols && rc == FA_OK; j++) {
		long cp;

		v = &ld->cells[j];
		if (t->cols[j].type != FA_COL_TEXT || !v->set)
			continue;
		cp = fa_text_control(v->s, v->len);
		if (cp >= 0)
			rc = fa_evidence_dq_add(
			    ld->ev, "control-character", ld->where, line,
			    "kolom '%s' bevat het stuurteken U+%04lX "
			    "(rapporten tonen het als escapecode): verwijder "
			    "het "
			    "uit de export",
			    "column '%s' holds the control character U+%04lX "
			    "(reports show it escaped): remove it from the "
			    "export",
			    t->cols[j].name, (unsigned long)cp);
	}
	/* The BSN itself is personal data: never put it in a message. */
	if (rc == FA_OK && p->bsn >= 0 && ld->cells[p->bsn].set &&
	    !fa_value_bsn_valid(ld->cells[p->bsn].s, ld->cells[p->bsn].len))
		rc = fa_evidence_dq_add(
		    ld->ev, "bsn-invalid", ld->where, line,
		    "BSN van werknemer '%.*s' voldoet niet aan de elfproef",
		    "worker '%.*s': BSN fails the elfproef",
		    (int)ld->cells[p->id].len, ld->cells[p->id].s);
	if (rc == FA_OK && p->kind >= 0 &&
	    strncmp(ld->cells[p->kind].s, "bedroom", 7) == 0 &&
	    ld->cells[p->area].set && ld->cells[p->area].d == 0)
		rc = fa_evidence_dq_add(
		    ld->ev, "zero-area", ld->where, line,
		    "slaapkamer heeft een vloeroppervlak van 0 m2",
		    "bedroom has a floor area of 0 m2");
	for (j = 0; j < p->n_refs && rc == FA_OK; j++) {
		struct ref_check *r = &p->refs[j];

		v = &ld->cells[r->col];
		if (!v->set)
			continue;
		if (!r->keys)
			r->unresolved++;
		else if (!fa_strset_has(r->keys, v->s, v->len))
			rc = fa_evidence_dq_add(
			    ld->ev, "unknown-reference", ld->where, line,
			    "onbekende %s '%s' (niet in %s)",
			    "unknown %s '%s' (not in %s)", t->cols[r->col].name,
			    fa_evidence_quote(q, v->s, v->len), r->target_file);
	}
	if (rc == FA_OK && p->own_keys && ld->cells[p->unique].set &&
	    fa_strset_add(p->own_keys, ld->cells[p->unique].s,
			  ld->cells[p->unique].len) < 0)
		rc = FA_ERR_NOMEM;
	return rc == FA_OK ? FA_OK : FA_ERR_NOMEM;
}

/* After a table: one finding per reference to a table not supplied. */
static enum fa_code unresolved_refs(struct load *ld)
{
	size_t j;

	for (j = 0; j < ld->plan.n_refs; j++) {
		const struct ref_check *r = &ld->plan.refs[j];

		if (r->unresolved &&
		    fa_evidence_dq_add(
			ld->ev, "unknown-reference", ld->where, 0,
			"kolom '%s' verwijst naar tabel '%s', die niet in "
			"het pakket zit",
			"column '%s' refers to table '%s', which the "
			"package does not have",
			ld->t->cols[r->col].name, r->target_table) != FA_OK)
			return FA_ERR_NOMEM;
	}
	return FA_OK;
}

static enum fa_code load_record(void *ctx, size_t record, unsigned long line,
				const struct fa_csv_field *f, size_t n,
				struct fa_error *err)
{
	struct load *ld = ctx;
	const struct fa_table_spec *t = ld->t;
	enum fa_code rc = FA_OK;
	size_t j;
	int row;

	if (ld->line_base)
		line += ld->line_base - 1;
	if (record == 0)
		return load_header(ld, line, f, n, err);
	if (n != ld->n_header)
		return fa_error_add(err, FA_ERR_INPUT, ld->where, line, 0,
				    "row has %zu fields, the header has %zu", n,
				    ld->n_header);
	if (ld->rows >= FA_CSV_MAX_ROWS)
		return fa_error_add(err, FA_ERR_LIMIT, ld->where, line, 0,
				    "table has more than %lu rows",
				    FA_CSV_MAX_ROWS);
	for (j = 0; j < t->n_cols; j++) {
		int fi = ld->field_of[j];

		rc = parse_cell(ld, j, fi >= 0 ? f[fi].s : "",
				fi >= 0 ? f[fi].len : 0, line,
				fi >= 0 ? (unsigned long)fi + 1 : 0, err);
		if (rc != FA_OK)
			return rc;
	}
	fa_db_bind_int(ld->ins, 1, (int64_t)line);
	for (j = 0; j < t->n_cols; j++) {
		const struct cell *v = &ld->cells[j];
		int p = (int)j + 2;

		if (!v->set)
			fa_db_bind_null(ld->ins, p);
		else if (v->is_text)
			/* Stepped below, before the CSV buffer moves on. */
			fa_db_bind_text_static(ld->ins, p, v->s, v->len);
		else if (t->cols[j].type == FA_COL_DECIMAL)
			fa_db_bind_double(ld->ins, p, v->d);
		else
			fa_db_bind_int(ld->ins, p, v->i);
	}
	/* No message from the step itself: a constraint failure is reported
	 * as the duplicate key it is, anything else with SQLite's text. */
	rc = fa_db_step(&row, ld->ins, NULL);
	fa_db_reset(ld->ins);
	if (rc == FA_ERR_INPUT) {
		for (j = 0; j < t->n_cols; j++)
			if (t->cols[j].flags & FA_COL_UNIQUE)
				return duplicate_key(ld, j, line, err);
	}
	if (rc != FA_OK)
		return fa_error_add(err, rc, ld->where, line, 0,
				    "cannot store row: %s",
				    fa_db_errmsg(ld->db));
	ld->rows++;
	if (ld->ev && row_checks(ld, line) != FA_OK)
		return fa_error_nomem(err, NULL);
	return FA_OK;
}

static enum fa_code table_sink(void *ctx, const unsigned char *buf, size_t len,
			       struct fa_error *err)
{
	struct load *ld = ctx;

	ld->tl->bytes += len;
	return fa_csv_feed(ld->csv, buf, len, err);
}

static enum fa_code prepare_insert(struct load *ld, struct fa_error *err)
{
	char sql[4096];
	size_t j, off = 0;

	sbuf_add(sql, sizeof(sql), &off, "INSERT INTO %s (_line", ld->t->name);
	for (j = 0; j < ld->t->n_cols; j++)
		sbuf_add(sql, sizeof(sql), &off, ", %s", ld->t->cols[j].name);
	sbuf_add(sql, sizeof(sql), &off, ") VALUES (?");
	for (j = 0; j < ld->t->n_cols; j++)
		sbuf_add(sql, sizeof(sql), &off, ", ?");
	if (sbuf_add(sql, sizeof(sql), &off, ")") < 0)
		return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0,
				    "insert statement for '%s' is too long",
				    ld->t->name);
	return fa_db_prepare(&ld->ins, ld->db, sql, err);
}

enum fa_code fa_evidence_load_table(struct fa_evidence *ev,
				    struct fa_table_load *tl,
				    struct fa_strset *keys,
				    struct fa_error *err)
{
	struct load ld;
	char hex[FA_SHA256_HEX_LEN];
	enum fa_code rc;

	memset(&ld, 0, sizeof(ld));
	ld.ev = ev;
	ld.tl = tl;
	ld.db = ev->db;
	ld.t = tl->spec;
	ld.where = tl->file->path;
	plan_checks(&ld, keys);
	rc = prepare_insert(&ld, err);
	if (rc == FA_OK)
		rc = fa_csv_new(&ld.csv, ld.where, tl->file->encoding,
				load_record, &ld, err);
	if (rc == FA_OK)
		rc = fa_package_read(hex, ev->pkg, tl->file->path, table_sink,
				     &ld, err);
	if (rc == FA_OK)
		rc = fa_csv_finish(ld.csv, err);
	if (rc == FA_OK && ld.n_header == 0)
		rc = fa_error_add(err, FA_ERR_INPUT, ld.where, 0, 0,
				  "table has no header line");
	tl->rows = ld.rows;
	if (rc == FA_OK && unresolved_refs(&ld) != FA_OK)
		rc = fa_error_nomem(err, NULL);
	if (rc == FA_OK) {
		tl->separator = fa_csv_separator(ld.csv);
		if (fa_evidence_hash_matches(tl->file->sha256, hex))
			ev->n_files_verified++;
		else
			rc = fa_evidence_hash_mismatch(tl->file, hex, err);
	}
	fa_csv_free(ld.csv);
	fa_db_finalize(ld.ins);
	return rc;
}

enum fa_code fa_evidence_create_schema(struct fa_db *db, int relaxed,
				       struct fa_error *err)
{
	return fa_evidence_create_tables(db, relaxed, err);
}

/*
 * Test rows for package_info, package_files or data_quality: the header
 * names the columns, values are bound as text (SQLite converts numbers for
 * the INTEGER columns).
 */
struct plain {
	struct fa_db *db;
	const char *table, *where;
	unsigned long line_base;
	struct fa_stmt *ins;
	size_t n_header;
};

static enum fa_code plain_record(void *ctx, size_t record, unsigned long line,
				 const struct fa_csv_field *f, size_t n,
				 struct fa_error *err)
{
	struct plain *pl = ctx;
	char sql[1024];
	size_t i, off;
	int row;

	line += pl->line_base - 1;
	if (record == 0) {
		off = (size_t)snprintf(sql, sizeof(sql), "INSERT INTO %s (",
				       pl->table);
		for (i = 0; i < n && off < sizeof(sql); i++) {
			const char *s = f[i].s;
			size_t len = f[i].len;
			char name[130], quoted[264];

			fa_value_trim(&s, &len);
			snprintf(name, sizeof(name), "%.*s", (int)len, s);
			fa_db_quote_ident(quoted, sizeof(quoted), name);
			off += (size_t)snprintf(sql + off, sizeof(sql) - off,
						"%s%s", i ? ", " : "", quoted);
		}
		for (i = 0; i < n && off < sizeof(sql); i++)
			off +=
			    (size_t)snprintf(sql + off, sizeof(sql) - off, "%s",
					     i ? ", ?" : ") VALUES (?");
		if (off + 2 >= sizeof(sql))
			return fa_error_add(err, FA_ERR_INPUT, pl->where, line,
					    0, "header is too long");
		memcpy(sql + off, ")", 2);
		pl->n_header = n;
		if (fa_db_prepare(&pl->ins, pl->db, sql, NULL) != FA_OK)
			return fa_error_add(err, FA_ERR_INPUT, pl->where, line,
					    0,
					    "invalid columns for table "
					    "'%s': %s",
					    pl->table, fa_db_errmsg(pl->db));
		return FA_OK;
	}
	if (n != pl->n_header)
		return fa_error_add(err, FA_ERR_INPUT, pl->where, line, 0,
				    "row has %zu fields, the header has %zu", n,
				    pl->n_header);
	for (i = 0; i < n; i++) {
		const char *s = f[i].s;
		size_t len = f[i].len;

		fa_value_trim(&s, &len);
		if (len)
			fa_db_bind_text(pl->ins, (int)i + 1, s, len);
		else
			fa_db_bind_null(pl->ins, (int)i + 1);
	}
	if (fa_db_step(&row, pl->ins, NULL) != FA_OK) {
		fa_db_reset(pl->ins);
		return fa_error_add(err, FA_ERR_INPUT, pl->where, line, 0,
				    "cannot store row: %s",
				    fa_db_errmsg(pl->db));
	}
	fa_db_reset(pl->ins);
	return FA_OK;
}

static enum fa_code load_plain(struct fa_db *db, const char *table,
			       const char *where, unsigned long first_line,
			       const char *csv, size_t len,
			       struct fa_error *err)
{
	struct plain pl = { db, table, where, first_line, NULL, 0 };
	struct fa_csv *c = NULL;
	enum fa_code rc;

	rc = fa_csv_new(&c, where, FA_ENC_UTF8, plain_record, &pl, err);
	if (rc == FA_OK)
		rc = fa_csv_feed(c, (const unsigned char *)csv, len, err);
	if (rc == FA_OK)
		rc = fa_csv_finish(c, err);
	fa_csv_free(c);
	fa_db_finalize(pl.ins);
	return rc;
}

int fa_evidence_is_package_table(const char *name)
{
	return strcmp(name, "package_info") == 0 ||
	       strcmp(name, "package_files") == 0 ||
	       strcmp(name, "data_quality") == 0;
}

enum fa_code fa_evidence_load_csv(struct fa_db *db, const char *table,
				  const char *where, unsigned long first_line,
				  const char *csv, size_t len,
				  struct fa_error *err)
{
	struct load ld;
	enum fa_code rc;

	if (fa_evidence_is_package_table(table))
		return load_plain(db, table, where, first_line ? first_line : 1,
				  csv, len, err);

	memset(&ld, 0, sizeof(ld));
	ld.db = db;
	ld.relaxed = 1;
	ld.line_base = first_line;
	ld.where = where;
	ld.t = fa_schema_table(table);
	if (!ld.t)
		return fa_error_add(err, FA_ERR_INPUT, where, first_line, 0,
				    "unknown evidence table '%s'", table);
	rc = prepare_insert(&ld, err);
	if (rc == FA_OK)
		rc = fa_csv_new(&ld.csv, where, FA_ENC_UTF8, load_record, &ld,
				err);
	if (rc == FA_OK)
		rc = fa_csv_feed(ld.csv, (const unsigned char *)csv, len, err);
	if (rc == FA_OK)
		rc = fa_csv_finish(ld.csv, err);
	fa_csv_free(ld.csv);
	fa_db_finalize(ld.ins);
	return rc;
}
