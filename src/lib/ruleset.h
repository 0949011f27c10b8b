/* SPDX-License-Identifier: MIT */
/*
 * Rule sets: the model, the loader and its validation. A rule set is one
 * XML file (rules/<id>-<edition>.xml, schema schemas/ruleset.xsd,
 * documented in docs/rules.md) holding dated parameters, dated tables and
 * rules whose checks are SQL over the evidence schema. The loader validates
 * the XML against the XSD (through xmlload), then checks meaning and reports
 * every problem at once as file:line: message. Preparing the SQL against
 * the evidence schema is done by eval (fa_eval_lint), a layer above
 * this one. Implemented by ruleset.c (one file), ruleset_data.c (parameters
 * and tables), ruleset_build.c (their common part, ruleset_impl.h) and
 * ruleset_list.c (several files, lookups). Uses xmlload, csv, value, schema,
 * sqlscan, hash and error.
 */
#ifndef FA_RULESET_H
#define FA_RULESET_H

#include <stddef.h>

#include "error.h"
#include "value.h"

/* Confidence of a value or rule, as in shared/domain/norms.md. */
enum fa_confidence {
	FA_CONF_P = 0, /* primary source */
	FA_CONF_S,     /* secondary source */
	FA_CONF_U,     /* uncertain: treat as configurable */
	FA_CONF_NF,    /* not found: a placeholder to be replaced */
};

enum fa_scope {
	FA_SCOPE_MEMBER = 0,
	FA_SCOPE_WORKER,
	FA_SCOPE_DOCUMENT,
	FA_SCOPE_LOCATION,
	FA_SCOPE_ROOM,
	FA_SCOPE_PAY_PERIOD,
};

enum fa_severity {
	FA_SEV_MAJOR = 0,   /* ABU A-deviation: repair within 3 months */
	FA_SEV_MINOR,	    /* ABU B-deviation: repair within 6 months */
	FA_SEV_OBSERVATION, /* no deviation; noted */
};

/* A parameter as a bound: which value of two is the stricter norm. */
enum fa_limit {
	FA_LIMIT_NONE = 0, /* not a bound, or not known */
	FA_LIMIT_MIN,	   /* a lower bound: the larger value is stricter */
	FA_LIMIT_MAX,	   /* an upper bound: the smaller value is stricter */
};

/* Parameter value types. */
enum fa_param_type {
	FA_PARAM_NUMBER = 0, /* decimal, stored as double */
	FA_PARAM_MONEY,	     /* euros in the file, integer cents in SQL */
	FA_PARAM_INTEGER,
	FA_PARAM_TEXT,
	FA_PARAM_DATE,	  /* ISO date text */
	FA_PARAM_BOOLEAN, /* 0/1 */
};

/* Text in Dutch and English. */
struct fa_text {
	char *nl;
	char *en;
};

/*
 * A dated value: valid from..until inclusive (until "" = open). text is
 * the value in canonical form: money with a decimal point and two
 * decimals ("14.40"), number with a decimal point and no trailing zeros
 * ("0.5", "2"), integer in decimal, boolean "1" or "0", date ISO, text as
 * written (white space around it removed).
 */
struct fa_param_value {
	char from[FA_DATE_LEN];
	char until[FA_DATE_LEN];
	char *text;	   /* canonical, see above */
	double number;	   /* FA_PARAM_NUMBER: read at scale 6 */
	long long integer; /* INTEGER, MONEY (cents), BOOLEAN */
	char *source;	   /* URL, or NULL: the parameter's */
	enum fa_confidence confidence;
	unsigned long line;
};

struct fa_param {
	char *name;	     /* "wml.hourly" */
	char *concept;	     /* shared key for comparisons, or NULL */
	enum fa_limit limit; /* which way is stricter (compare) */
	char *unit;	     /* "EUR/hour", "m2/person", ... */
	enum fa_param_type type;
	struct fa_text title;
	char *source;
	enum fa_confidence confidence; /* the lowest of its values' */
	size_t n_values;
	struct fa_param_value *values; /* sorted by from, non-overlapping */
	unsigned long line;
};

struct fa_table_column {
	char *name;
	enum fa_param_type type;
};

/*
 * A dated lookup table: each row has from/until (those of its <data>
 * block) and one cell per column, in the canonical form of
 * fa_param_value.text for the column's type; "" is an empty cell (NULL
 * in SQL).
 */
struct fa_table_row {
	char from[FA_DATE_LEN];
	char until[FA_DATE_LEN];
	char **cells;	    /* n_columns strings, canonical */
	unsigned long line; /* the row's line in the rule file */
};

struct fa_table {
	char *name; /* "pks.stars"; SQL table rs_pks_stars */
	struct fa_text title;
	char *source;
	enum fa_confidence confidence;
	size_t n_columns;
	struct fa_table_column *columns;
	size_t n_rows;
	struct fa_table_row *rows;
	unsigned long line;
};

/*
 * Rows given to a rule test: CSV text for one evidence table, with the
 * indentation common to its lines removed. Feeding line - 1 line feeds to
 * the CSV reader before csv makes its line numbers those of the rule file.
 */
struct fa_test_given {
	char *table;	    /* evidence table name */
	char *csv;	    /* header + rows, separator detected */
	unsigned long line; /* line of the first CSV line in the file */
	size_t n_rows;	    /* rows after the header */
};

struct fa_test_expect {
	char *subject;
	char *outcome; /* pass, fail, na, review, error */
	/* The evidence the finding must name: row evidence_row (from 1) of
	 * the given table evidence_table; NULL and 0 when not asked. */
	char *evidence_table;
	unsigned long evidence_row;
	unsigned long line;
};

/* A parameter value a test assumes on every date (<assume>). */
struct fa_test_assume {
	const struct fa_param *param; /* of the rule's own set */
	struct fa_param_value value;  /* from/until empty */
};

struct fa_rule_test {
	char *name;
	char audit_date[FA_DATE_LEN]; /* "" = the first day the rule is in
				       * force: its from, else the set's */
	size_t n_assume;
	struct fa_test_assume *assume;
	size_t n_given;
	struct fa_test_given *given;
	size_t n_expect;
	struct fa_test_expect *expect;
	unsigned long line;
};

struct fa_rule {
	char *id;	  /* stable: "SNF-2.3-BEDROOM-PERSONS" */
	int safety;	  /* a safety item (safety="yes"): first page */
	char *article;	  /* "SNF norm 2.3", "CAO art. 38 lid 1" */
	char *article_nl; /* the same in Dutch, or NULL: article serves */
	struct fa_text title;
	enum fa_scope scope;
	enum fa_severity severity;
	char from[FA_DATE_LEN];	 /* effective from ("" = the set's) */
	char until[FA_DATE_LEN]; /* effective until ("" = open) */
	char *source;
	enum fa_confidence confidence;
	char **reads; /* evidence tables the check reads */
	size_t n_reads;
	struct fa_text message; /* templates with {column} placeholders */
	struct fa_text remedy;
	struct fa_text question;  /* for review outcomes: what to ask/look at */
	char *check;		  /* one SQL SELECT, as written, trimmed */
	unsigned long check_line; /* line of its first character */
	size_t n_tests;
	struct fa_rule_test *tests;
	unsigned long line;
	int keep_all; /* keep="all": pass and n/a findings are kept */
	const struct fa_ruleset *set; /* back pointer */
};

struct fa_ruleset {
	char *path;	 /* file it was loaded from */
	char sha256[65]; /* of the file's bytes */
	char *xml;	 /* the file's bytes (the store keeps them) */
	size_t xml_len;
	char *id;      /* "snf" */
	char *edition; /* "2025-07" */
	struct fa_text title;
	char from[FA_DATE_LEN];
	char until[FA_DATE_LEN];
	char **sources;
	size_t n_sources;
	int major_months; /* repair deadline, default 3 */
	int minor_months; /* default 6 */
	/* <mismatches against="ID">: the sets an audit compares this one
	 * (left) with, in file order */
	char **mismatches_against;
	size_t n_mismatches_against;
	size_t n_params;
	struct fa_param *params;
	size_t n_tables;
	struct fa_table *tables;
	size_t n_rules;
	struct fa_rule *rules;
};

/* Several rule sets loaded together (ids unique across them). */
struct fa_rulesets {
	size_t n;
	struct fa_ruleset **sets;
};

/*
 * Load one rule-set file. On success *out is the caller's
 * (fa_ruleset_free); on failure *out is NULL. Every XSD and meaning
 * problem is added to err as path:line: message (FA_ERR_INPUT; FA_ERR_LIMIT
 * for a file over FA_XML_MAX_BYTES, too deep, or a CSV limit; FA_ERR_NOMEM);
 * FA_ERR_IO if unreadable ("cannot open 'P': REASON", "cannot read 'P':
 * REASON"). Meaning checks and their messages (X, N: names; L: a line):
 *   'until' (D) is before 'from' (D)             effective, value, data
 *   invalid date 'D' in 'ATTR': WHY              years outside 1900..2199
 *   SUBJECT has no nl|en title|message|remedy|question
 *   SUBJECT has more than one nl|en title|...
 *   SUBJECT has an empty nl|en title|...
 *      (SUBJECT: rule set 'X', parameter 'N', table 'N', rule 'X';
 *      remedy and question are optional, but if one language is given the
 *      other must be too)
 *   parameter 'N' is defined twice (first on line L)
 *   invalid TYPE value 'V' for parameter 'N': WHY
 *   value from D overlaps the value on line L
 *   value from D is out of order: it starts before the value on line L
 *   table 'N' is defined twice (first on line L)
 *   table 'N' has the same SQL name 'rs_N' as table 'M' on line L
 *   column 'C' of table 'N' is declared twice
 *   column 'C' of table 'N' has a reserved name   (valid_from, valid_until)
 *   data header 'H' of table 'N' does not match its columns 'C,...'
 *   row has N fields but the header has M         (data and given)
 *   invalid TYPE value 'V' for column 'C' of table 'N': WHY
 *   data from D overlaps the data on line L
 *   data from D is out of order: it starts before the data on line L
 *   rule 'X' is defined twice (first on line L)
 *   rule 'X' is effective (A to B) outside its rule set (C to D)
 *   unbalanced '{' in the nl message of rule 'X'  (also '}', remedy, ...)
 *   invalid placeholder '{P}' in the nl message of rule 'X'
 *   unknown table 'T' in the reads of rule 'X'
 *   check of rule 'X' does not start with SELECT or WITH
 *   check of rule 'X' has more than one statement
 *   test 'T' of rule 'X' is defined twice (first on line L)
 *   unknown evidence table 'T' in test 'T' of rule 'X'
 *   table 'T' is given twice in test 'T' of rule 'X' (first on line L)
 *   subject 'S' is expected twice in test 'T' of rule 'X' (first on line L)
 *   test 'T' of rule 'X' needs an audit-date: neither the rule nor its
 *      rule set has an effective date
 *   rule 'X' needs a test with a passing and a test with a failing outcome
 * plus xmlload's parse and schema messages and csv's messages for <data>
 * and <given> (with lines of the rule file). V, T and S longer than 120
 * bytes are shortened with "...". The meaning problems of one file are
 * sorted by line (those without a line last).
 */
enum fa_code fa_ruleset_load(struct fa_ruleset **out, const char *path,
			     struct fa_error *err);
/* Same from memory; where names it in messages (fuzzing, tests) and
 * becomes rs->path. */
enum fa_code fa_ruleset_load_mem(struct fa_ruleset **out, const char *where,
				 const void *buf, size_t len,
				 struct fa_error *err);
void fa_ruleset_free(struct fa_ruleset *rs);

/*
 * Load every PATH (a file, or a directory: its *.xml files in byte order
 * of name, not recursing, names starting with '.' skipped) into sets.
 * Of files with the same rule-set id only the highest edition is kept
 * (editions compare number by number: 2025.10 > 2025.9; the others are
 * freed), so that a newer edition dropped next to the old one replaces it.
 * Then checks across the kept sets, each message at the later definition:
 *   rule set 'X' edition 'E' is also loaded from FILE
 *   rule id 'X' is also defined in FILE:LINE
 *   parameter 'N' is also defined in FILE:LINE
 *   table 'N' is also defined in FILE:LINE
 *   table 'N' has the same SQL name 'rs_N' as table 'M' in FILE:LINE
 *   unknown parameter 'N' in the check of rule 'X'   (a param('N', ...)
 *      call, at its line, that no kept set defines)
 * The checks across sets run only when every file loaded. All problems
 * are reported; the code is the first one's. sets is the caller's storage,
 * initialised here: on success it holds the sets in load order and is
 * released with fa_rulesets_release; on failure it is empty.
 */
enum fa_code fa_rulesets_load(struct fa_rulesets *sets,
			      const char *const *paths, size_t n_paths,
			      struct fa_error *err);
void fa_rulesets_release(struct fa_rulesets *sets);

/* Lookups across loaded sets; NULL if absent. Borrowed. (And
 * fa_rulesets_rule: flexaudit.h.) */
const struct fa_param *fa_rulesets_param(const struct fa_rulesets *sets,
					 const char *name);
const struct fa_table *fa_rulesets_table(const struct fa_rulesets *sets,
					 const char *name);

/*
 * What to add to a message about name, which sets do not hold, so that
 * the reader finds the right one (suggest.h): the candidates when few
 * ("give cao, fec or snf"), else the close ones ("did you mean
 * 'FEC-SIGNED'?"), else "'flexaudit rules list' lists them". The
 * candidates are the rule ids (FA_HINT_RULES), the rule-set ids
 * (FA_HINT_SETS) or both, in load order, sets first.
 */
#define FA_HINT_RULES 1u
#define FA_HINT_SETS 2u
void fa_rulesets_hint(char *buf, size_t size, const struct fa_rulesets *sets,
		      const char *name, unsigned what);

/* The value of p valid on date (ISO), or NULL if none. Borrowed from p.
 * Needs p->values sorted and non-overlapping, as loaded. */
const struct fa_param_value *fa_param_at(const struct fa_param *p,
					 const char *date);

const char *fa_confidence_name(enum fa_confidence c); /* "P", "NF", ... */
const char *fa_scope_name(enum fa_scope s);	      /* "pay-period" */
const char *fa_severity_name(enum fa_severity s);     /* "major" */

#endif
