/* SPDX-License-Identifier: MIT */
/*
 * The evidence schema, format v1: every table of an evidence package, its
 * columns, types, units, whether required, an example and the norm that
 * needs it. One static description drives the CSV loader, the SQLite DDL,
 * `flexaudit schema` and the column reference in docs/evidence-package.md
 * (a test keeps the document in step). Pure data, no dependencies.
 */
#ifndef FA_SCHEMA_H
#define FA_SCHEMA_H

#include <stddef.h>

enum fa_coltype {
	FA_COL_TEXT = 0, /* free text, stored TEXT */
	FA_COL_ID,	 /* identifier: no spaces inside, stored TEXT */
	FA_COL_ENUM,	 /* one of values ("a|b|c"), stored TEXT */
	FA_COL_INT,	 /* whole number, stored INTEGER */
	FA_COL_DECIMAL,	 /* number with up to 2 decimals, stored REAL */
	FA_COL_MONEY,	 /* euros with up to 2 decimals, stored INTEGER cents */
	FA_COL_DATE,	 /* ISO or dd-mm-yyyy, stored TEXT 'YYYY-MM-DD' */
	FA_COL_BOOL,	 /* yes/no (ja/nee, 1/0...), stored INTEGER 0/1 */
	FA_COL_LANG,	 /* ISO 639-1 language code, stored lower case */
	FA_COL_COUNTRY,	 /* ISO 3166-1 alpha-2 country code, stored upper */
};

/* Column flags. */
#define FA_COL_REQUIRED 0x1u /* header must be present and value non-empty */
#define FA_COL_UNIQUE 0x2u   /* value unique within the table (a key) */
#define FA_COL_PERSONAL 0x4u /* personal data: masked in reports by default */
#define FA_COL_NONNEG 0x8u   /* numbers: negative is a data-quality finding */

struct fa_column_spec {
	const char *name;    /* CSV header and SQL column name */
	const char *name_nl; /* accepted Dutch header, or NULL */
	enum fa_coltype type;
	unsigned flags;
	const char *values; /* FA_COL_ENUM: allowed values, '|'-separated */
	const char *unit;   /* "m2", "EUR", "hours", "litres" or NULL */
	const char *ref;    /* references "table.column", or NULL */
	const char *example;
	const char *norm;  /* the norm or check that needs the column */
	const char *doc;   /* one-sentence meaning */
	const char *empty; /* value stored for an empty field, or NULL */
};

/* Table flags. */
#define FA_TABLE_REQUIRED 0x1u /* a package without it is rejected */

struct fa_table_spec {
	const char *name; /* manifest table= value and SQL table name */
	const char *file; /* the file name the documentation suggests */
	unsigned flags;
	const char *doc;
	const struct fa_column_spec *cols;
	size_t n_cols;
};

/* All tables, in load order (referenced tables first). Borrowed, static. */
size_t fa_schema_count(void);
const struct fa_table_spec *fa_schema_table_at(size_t i);
/* Table by name, or NULL. */
const struct fa_table_spec *fa_schema_table(const char *name);
/* The tables' names in load order, NULL-terminated (static; a test
 * checks it against the tables). */
const char *const *fa_schema_table_names(void);
/* 1 if name is a table of the schema. */
int fa_schema_is_table(const char *name);
/* Column index by CSV header (case-insensitive, English or Dutch name), or
 * -1. */
int fa_schema_column_index(const struct fa_table_spec *t, const char *header,
			   size_t len);
/* Short name of a type ("date", "money", ...). */
const char *fa_schema_type_name(enum fa_coltype type);
/*
 * The canonical spelling of an enum value matched case-insensitively: a
 * pointer into c->values with its length in *canon_len, or NULL.
 */
const char *fa_schema_enum_match(const struct fa_column_spec *c, const char *s,
				 size_t len, size_t *canon_len);

#endif
