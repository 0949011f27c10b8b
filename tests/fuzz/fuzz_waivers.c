/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the waiver parser (and through it xmlload and libxml2)
 * and the matcher: any bytes go in; the parser must return a code, keep
 * its diagnostics within their buffers and leak nothing, and a file it
 * accepts must hold what waiver.h promises. Each accepted waiver is then
 * matched against its own subjects and patterns taken as findings (a
 * pattern read as a subject), which its glob must survive whatever the
 * bytes. The corpus in tests/fuzz/corpus/fuzz_waivers is replayed by
 * `make check`.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "waiver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What waiver.h promises of an accepted file. */
static void check_file(const struct fa_waivers *ws)
{
	size_t i, k;

	assert(strlen(ws->kvk) == 8);
	for (k = 0; k < ws->n; k++) {
		const struct fa_waiver *w = &ws->w[k];

		assert(w->id[0] && w->rule_id[0]);
		assert(fa_date_valid(w->from) && fa_date_valid(w->until));
		assert(strcmp(w->from, w->until) <= 0);
		assert(w->n_subjects + w->n_patterns > 0);
		assert(w->approver[0] && w->reason[0] && w->basis[0]);
		for (i = 0; i < k; i++)
			assert(strcmp(ws->w[i].id, w->id) != 0);
		for (i = 0; i < w->n_subjects; i++)
			assert(fa_waiver_covers(w, w->rule_id, w->subjects[i]));
	}
}

/* Every waiver's subjects and patterns as findings of its rule, matched on
 * its first day: an exact subject is always waived, by its own waiver or
 * an earlier one. */
static void check_match(const struct fa_waivers *ws)
{
	const char **rules = NULL, **subjects = NULL;
	size_t *match = NULL, *owner = NULL;
	struct fa_waiver_use *use = NULL;
	size_t n = 0, i, j, k, waived = 0;

	for (k = 0; k < ws->n; k++)
		n += ws->w[k].n_subjects + ws->w[k].n_patterns;
	rules = malloc(n * sizeof(*rules) + 1);
	subjects = malloc(n * sizeof(*subjects) + 1);
	match = malloc(n * sizeof(*match) + 1);
	owner = malloc(n * sizeof(*owner) + 1);
	use = malloc(ws->n * sizeof(*use) + 1);
	if (!rules || !subjects || !match || !owner || !use)
		goto out;
	for (k = 0, i = 0; k < ws->n; k++) {
		const struct fa_waiver *w = &ws->w[k];

		for (j = 0; j < w->n_subjects; j++, i++) {
			rules[i] = w->rule_id;
			subjects[i] = w->subjects[j];
			owner[i] = k;
		}
		for (j = 0; j < w->n_patterns; j++, i++) {
			rules[i] = w->rule_id;
			subjects[i] = w->patterns[j];
			owner[i] = SIZE_MAX;
		}
	}
	for (k = 0; k < ws->n; k++) {
		fa_waivers_match(match, use, ws, ws->w[k].from, rules, subjects,
				 n);
		assert(use[k].state == FA_WAIVER_ACTIVE);
		for (i = 0, waived = 0; i < n; i++) {
			if (match[i] != SIZE_MAX) {
				assert(match[i] < ws->n);
				assert(use[match[i]].state == FA_WAIVER_ACTIVE);
				waived++;
			}
			if (owner[i] == k)
				assert(match[i] <= k);
		}
		for (j = 0, i = 0; j < ws->n; j++) {
			i += use[j].n_waived;
			assert(use[j].orphan ==
			       (use[j].n_waived == 0 &&
				use[j].n_covered_inactive == 0));
		}
		assert(i == waived);
	}
out:
	free(rules);
	free(subjects);
	free(match);
	free(owner);
	free(use);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fa_waivers *ws = NULL;
	struct fa_error err;
	enum fa_code rc;
	size_t i;

	fa_error_init(&err);
	rc = fa_waivers_parse(&ws, "waivers.xml", data, size, &err);
	/* Success and a file go together, and a failure says why. */
	assert((rc == FA_OK) == (ws != NULL));
	assert(rc == FA_OK || err.n > 0);
	for (i = 0; i < err.n; i++)
		assert(memchr(err.diag[i].message, '\0',
			      sizeof(err.diag[i].message)));
	if (ws) {
		check_file(ws);
		check_match(ws);
	}
	fa_waivers_free(ws);
	return 0;
}
