/* SPDX-License-Identifier: MIT */
/*
 * The diff of two audits as JSON (store/diff.h has the contract,
 * docs/diff.md the document). The JSON module's: built with json_impl.h's
 * helpers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flexaudit.h"
#include "diff.h"
#include "json_impl.h"

/* ---- the diff as JSON --------------------------------------------------- */

static json_t *side_json(const struct fa_diff_side *s)
{
	json_t *o = json_object();

	set(o, "label", str_or_null(s->label));
	set(o, "audit_date", str_or_null(s->audit_date));
	return o;
}

static json_t *counts_json(const size_t *c)
{
	json_t *o = json_object();
	int k;

	for (k = 0; k < FA_DIFF_KINDS; k++)
		set(o, fa_diff_kind_key((enum fa_diff_kind)k),
		    json_integer((json_int_t)c[k]));
	return o;
}

static json_t *finding_state(const struct fa_diff_finding *f)
{
	json_t *o;

	if (!f)
		return json_null();
	o = json_object();
	set(o, "outcome", json_string(f->outcome));
	set(o, "severity", str_or_null(f->severity));
	set(o, "observed", str_or_null(f->observed));
	set(o, "expected", str_or_null(f->expected));
	set(o, "deadline", str_or_null(f->deadline));
	set(o, "observed_nl", str_or_null(f->observed_nl));
	return o;
}

enum fa_code fa_diff_write_json(FILE *out, const struct fa_diff *d,
				const struct fa_diff_side *a,
				const struct fa_diff_side *b, int nl,
				struct fa_error *err)
{
	json_t *root = json_object(), *reqs = json_array();
	enum fa_code rc;
	size_t i, k;

	(void)nl; /* the document holds keys, not words */
	set(root, "flexaudit", json_string(fa_version()));
	set(root, "a", side_json(a));
	set(root, "b", side_json(b));
	set(root, "counts", counts_json(d->counts));
	for (i = 0; i < d->n; i++) {
		const struct fa_diff_requirement *r = &d->reqs[i];
		json_t *o = json_object(), *list = json_array();

		set(o, "rule", json_string(r->rule_id));
		set(o, "object", str_or_null(r->object));
		set(o, "counts", counts_json(r->counts));
		for (k = 0; k < r->n; k++) {
			const struct fa_diff_entry *e = &r->entries[k];
			const struct fa_diff_finding *g = e->b ? e->b : e->a;
			json_t *x = json_object();

			set(x, "kind", json_string(fa_diff_kind_key(e->kind)));
			set(x, "key", json_string(g->key));
			set(x, "subject", str_or_null(g->subject));
			set(x, "a", finding_state(e->a));
			set(x, "b", finding_state(e->b));
			append(list, x);
		}
		set(o, "entries", list);
		append(reqs, o);
	}
	set(root, "requirements", reqs);
	errno = 0;
	rc = dump(out, root, err);
	if (rc == FA_OK && ferror(out))
		rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				  "cannot write the diff: %s",
				  strerror(errno ? errno : EIO));
	return rc;
}
