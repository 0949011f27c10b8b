/* SPDX-License-Identifier: MIT */
/*
 * Private to the rule-set module (ruleset.c, ruleset_build.c,
 * ruleset_data.c, ruleset_list.c); nothing else includes it.
 * ruleset_build.c holds the state of one load and the readers that turn
 * xmlload's tree into model fields with located problems; ruleset_data.c
 * builds parameters and tables with them and ruleset.c the set and its
 * rules; ruleset_list.c shares the name helpers for its checks across
 * sets. Every name here is fa_rs_* or FA_RS_*. Includes csv and xmlload
 * for the readers' types.
 */
#ifndef FA_RULESET_IMPL_H
#define FA_RULESET_IMPL_H

#include <stddef.h>

#include "csv.h"
#include "error.h"
#include "ruleset.h"
#include "text.h"
#include "xmlload.h"

/* The words of enum fa_confidence, in its order (defined in ruleset.c). */
extern const char *const fa_rs_conf_names[FA_CONF_NF + 1];

/* ---- strings (ruleset_build.c) ----------------------------------------- */

/* The index of s in names[0..n), or -1. */
int fa_rs_lookup(const char *const *names, size_t n, const char *s);

/* "rs_" + name with '.' as '_', into buf; returns buf. */
const char *fa_rs_sql_name(char *buf, size_t size, const char *name);

/*
 * For n items of size stride whose name (a char *) is at offset: *out[i]
 * is the index of the earliest item with the same name, or SIZE_MAX if
 * item i is the first with it; fold compares '.' as '_' (SQL names of
 * tables). *out is the caller's (free()). Sorting keeps this O(n log n).
 * Returns -1 out of memory.
 */
int fa_rs_find_repeats(size_t **out, const void *items, size_t n, size_t stride,
		       size_t offset, int fold);
#define FA_RS_REPEATS(out, arr, n, type, field, fold)       \
	fa_rs_find_repeats((out), (arr), (n), sizeof(type), \
			   offsetof(type, field), (fold))

/* ---- one load (ruleset_build.c) ---------------------------------------- */

/* The state of one fa_ruleset_load_mem. */
struct fa_rs_build {
	const char *where;
	const char *buf; /* the document's bytes, to find where text starts */
	size_t len;
	unsigned long cur_line; /* fa_rs_text_line's place in buf */
	size_t cur_off;
	struct fa_error *err;
	enum fa_code code; /* first code set by this load */
};

/* Add a problem at line of the file (0: none) and keep the load's first
 * code. */
void fa_rs_problem(struct fa_rs_build *b, enum fa_code code, unsigned long line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Report out of memory; returns -1. */
int fa_rs_nomem(struct fa_rs_build *b);

/*
 * Readers of an element n into the model. They return 0, or -1 when the
 * load cannot go on: out of memory, or a required attribute missing after
 * schema validation (FA_ERR_INTERNAL); either is reported. A problem in
 * the file itself is reported and the reader returns 0.
 */
/* Copy s into *dst, collapsing white space if asked; s NULL: already
 * reported, -1. */
int fa_rs_copy(struct fa_rs_build *b, char **dst, const char *s, int collapse);
int fa_rs_copy_attr(struct fa_rs_build *b, char **dst,
		    const struct fa_xml_node *n, const char *name);
/* An optional attribute: *dst stays NULL if absent. */
int fa_rs_copy_opt_attr(struct fa_rs_build *b, char **dst,
			const struct fa_xml_node *n, const char *name);
/* The index in names[0..count) of attribute name's word into *out. */
int fa_rs_enum_attr(struct fa_rs_build *b, int *out,
		    const struct fa_xml_node *n, const char *name,
		    const char *const *names, size_t count);
/* Date attribute name into out ("" if absent and not required, or
 * invalid: reported). */
int fa_rs_date_attr(struct fa_rs_build *b, char out[FA_DATE_LEN],
		    const struct fa_xml_node *n, const char *name,
		    int required);
/* Report until before from; both given. */
void fa_rs_check_window(struct fa_rs_build *b, const char *from,
			const char *until, unsigned long line);
/* How many children of n are named name. */
size_t fa_rs_count_children(const struct fa_xml_node *n, const char *name);

/*
 * The line on which the text of element n starts. Asked in document order,
 * each search goes on from the previous one.
 */
unsigned long fa_rs_text_line(struct fa_rs_build *b,
			      const struct fa_xml_node *n);
/* The CSV text of a <data> or <given> element, its common indentation
 * removed; the caller's (free()), NULL out of memory. */
char *fa_rs_dedent(const char *s);

/*
 * The nl and en text of n's children named elem into t; lines[0] and
 * lines[1] get their lines. subject names the owner in messages; if not
 * required, no text at all is no problem.
 */
int fa_rs_build_text(struct fa_rs_build *b, struct fa_text *t,
		     unsigned long lines[2], const struct fa_xml_node *n,
		     const char *elem, const char *subject, int required);

/*
 * Run the CSV reader over text whose first line is line first of the rule
 * file, so that the reader's lines are those of the rule file. A code the
 * reader returns becomes the load's, if it has none yet.
 */
void fa_rs_run_csv(struct fa_rs_build *b, const char *text, unsigned long first,
		   fa_csv_record_fn fn, void *ctx);

/* ---- parameters and tables (ruleset_data.c) ---------------------------- */

/* Build p or t from its element n, with the checks within it; return as
 * the readers above. */
/* Parse text as a value of p (its type) into v->text, number, integer;
 * an invalid value is a problem at line. 0, or -1 out of memory. */
int fa_rs_param_value(struct fa_rs_build *b, struct fa_param_value *v,
		      const struct fa_param *p, const char *text,
		      unsigned long line);
int fa_rs_build_param(struct fa_rs_build *b, struct fa_param *p,
		      const struct fa_xml_node *n);
int fa_rs_build_table(struct fa_rs_build *b, struct fa_table *t,
		      const struct fa_xml_node *n);

#endif
