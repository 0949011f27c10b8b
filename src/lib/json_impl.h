/* SPDX-License-Identifier: MIT */
/*
 * Private to the JSON output: json.c, which holds the helpers below, and
 * the commands' documents in show_*.c, which build with them. The only
 * files that include <jansson.h>. Every document is built the same way:
 * members and items added with set() and append(), which note a failed
 * allocation, and written only whole, by fa_json_write.
 */
#ifndef FA_JSON_IMPL_H
#define FA_JSON_IMPL_H

#include <stdio.h>

#include <jansson.h>

#include "error.h"
#include "eval.h"
#include "evidence.h"
#include "ruleset.h"

/* key: v (consumed) into o; a NULL o or v is a failure noted. */
void fa_json_set(json_t *o, const char *key, json_t *v);
/* v (consumed) onto the array a; a failure is noted as by fa_json_set. */
void fa_json_append(json_t *a, json_t *v);
/* s as a JSON string, or null for NULL. */
json_t *fa_json_str_or_null(const char *s);
/* A text in both languages: {"nl": ..., "en": ...}. */
json_t *fa_json_text(const struct fa_text *t);
/* The data-quality block of a package: counts per check, findings. */
json_t *fa_json_dq(const struct fa_evidence *ev);
/* A finding as in the audit document (the report appends to it). */
json_t *fa_json_finding(const struct fa_finding *f);
/* o with the finding's rule confidence and the weakest confidence of the
 * values its check read (null: it read none), as its last keys. */
json_t *fa_json_with_confidence(json_t *o, const struct fa_finding *f);
/*
 * The document root (consumed) to out, indented, keys in the order they
 * were added, ending in a newline. Nothing is written when a member was
 * lost or the text cannot be made: FA_ERR_NOMEM (err may be NULL).
 * Write errors are left in out's error indicator for the caller, who
 * checks it when closing out.
 */
enum fa_code fa_json_write(FILE *out, json_t *root, struct fa_error *err);

#ifndef FA_JSON_C
/*
 * The short names json.c's own builders use, so that a builder reads the
 * same (and moves unchanged) in json.c and in a show_*.c file.
 */
static inline void set(json_t *o, const char *key, json_t *v)
{
	fa_json_set(o, key, v);
}

static inline void append(json_t *a, json_t *v)
{
	fa_json_append(a, v);
}

static inline json_t *str_or_null(const char *s)
{
	return fa_json_str_or_null(s);
}

static inline json_t *text_json(const struct fa_text *t)
{
	return fa_json_text(t);
}

static inline json_t *dq_json(const struct fa_evidence *ev)
{
	return fa_json_dq(ev);
}

static inline json_t *finding_json(const struct fa_finding *f)
{
	return fa_json_finding(f);
}

static inline json_t *with_confidence(json_t *o, const struct fa_finding *f)
{
	return fa_json_with_confidence(o, f);
}

static inline enum fa_code dump(FILE *out, json_t *root, struct fa_error *err)
{
	return fa_json_write(out, root, err);
}
#endif

#endif
