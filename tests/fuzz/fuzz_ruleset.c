/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the rule-set loader (and through it xmlload, libxml2's
 * schema validation, csv and value): any bytes go in; the loader must
 * return a code, keep its diagnostics within their buffers, give a model
 * whose invariants hold, and leak nothing. The corpus in
 * tests/fuzz/corpus/fuzz_ruleset is replayed by `make check`.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ruleset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_param(const struct fa_param *p)
{
	size_t i;

	for (i = 0; i < p->n_values; i++) {
		const struct fa_param_value *v = &p->values[i];

		assert(v->confidence <= p->confidence);
		/* Sorted and not overlapping: each value is the one found
		 * on its own first day. */
		assert(fa_param_at(p, v->from) == v);
		if (i > 0)
			assert(p->values[i - 1].until[0] &&
			       strcmp(p->values[i - 1].until, v->from) < 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fa_ruleset *rs = NULL;
	struct fa_error err;
	enum fa_code rc;
	size_t i, j;

	fa_error_init(&err);
	rc = fa_ruleset_load_mem(&rs, "fuzz.xml", data, size, &err);
	/* Success and a rule set go together, and a failure says why. */
	assert((rc == FA_OK) == (rs != NULL));
	assert(rc == FA_OK || err.n > 0);
	for (i = 0; i < err.n; i++)
		assert(memchr(err.diag[i].message, '\0',
			      sizeof(err.diag[i].message)));
	if (rs) {
		for (i = 0; i < rs->n_params; i++)
			check_param(&rs->params[i]);
		for (i = 0; i < rs->n_tables; i++)
			for (j = 0; j < rs->tables[i].n_rows; j++)
				assert(rs->tables[i].rows[j].cells);
		for (i = 0; i < rs->n_rules; i++) {
			const struct fa_rule *r = &rs->rules[i];

			assert(r->set == rs && r->n_tests > 0 && r->check);
			assert(r->title.nl && r->title.en);
			assert(r->message.nl && r->message.en);
		}
	}
	fa_ruleset_free(rs);
	return 0;
}
