/* SPDX-License-Identifier: MIT */
/*
 * Waivers against findings: a waiver's state on the audit date, whether
 * it covers a finding (rule, exact subject or pattern), and which waiver
 * waives which finding (the first active one in file order). Pure
 * functions over the parsed file; libc and date only.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "waiver.h"

enum fa_waiver_state fa_waiver_state(const struct fa_waiver *w,
				     const char *audit_date)
{
	assert(w && fa_date_valid(audit_date));
	/* ISO dates of four-digit years order as their text does. */
	if (strcmp(audit_date, w->from) < 0)
		return FA_WAIVER_NOT_YET;
	if (strcmp(audit_date, w->until) > 0)
		return FA_WAIVER_EXPIRED;
	return FA_WAIVER_ACTIVE;
}

const char *fa_waiver_state_key(enum fa_waiver_state s)
{
	switch (s) {
	case FA_WAIVER_ACTIVE:
		return "active";
	case FA_WAIVER_NOT_YET:
		return "not_yet";
	case FA_WAIVER_EXPIRED:
		return "expired";
	}
	return NULL;
}

/*
 * 1 if s matches pat as a whole: '*' any run of bytes (none included), '?'
 * one byte, every other byte itself. Only the last '*' seen is ever
 * returned to: a later '*' can match whatever an earlier one would have
 * had to skip, so going back further finds nothing new. That bounds the
 * time by len(pat) x len(s), where plain recursion takes exponential time
 * on "*a*a*a*a*b".
 */
static int glob(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*pat == '*') {
			star = ++pat;
			resume = s;
		} else if (*pat && (*pat == '?' || *pat == *s)) {
			pat++;
			s++;
		} else if (star) {
			pat = star;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* The subject part of fa_waiver_covers. */
static int covers_subject(const struct fa_waiver *w, const char *subject)
{
	size_t i;

	for (i = 0; i < w->n_subjects; i++)
		if (strcmp(w->subjects[i], subject) == 0)
			return 1;
	for (i = 0; i < w->n_patterns; i++)
		if (glob(w->patterns[i], subject))
			return 1;
	return 0;
}

int fa_waiver_covers(const struct fa_waiver *w, const char *rule_id,
		     const char *subject)
{
	assert(w && rule_id);
	if (strcmp(w->rule_id, rule_id) != 0)
		return 0;
	return covers_subject(w, subject ? subject : "");
}

void fa_waivers_match(size_t *match, struct fa_waiver_use *use,
		      const struct fa_waivers *w, const char *audit_date,
		      const char *const *rule_ids, const char *const *subjects,
		      size_t n_items)
{
	size_t i, k;

	assert(w && (match || !n_items) && (use || !w->n));
	for (k = 0; k < w->n; k++) {
		use[k].state = fa_waiver_state(&w->w[k], audit_date);
		use[k].n_waived = use[k].n_covered_inactive = 0;
		use[k].orphan = 0;
	}
	for (i = 0; i < n_items; i++) {
		match[i] = SIZE_MAX;
		for (k = 0; k < w->n; k++) {
			if (!fa_waiver_covers(&w->w[k], rule_ids[i],
					      subjects[i]))
				continue;
			if (use[k].state == FA_WAIVER_ACTIVE &&
			    match[i] == SIZE_MAX) {
				match[i] = k;
				use[k].n_waived++;
			} else {
				use[k].n_covered_inactive++;
			}
		}
	}
	for (k = 0; k < w->n; k++)
		use[k].orphan =
		    use[k].n_waived == 0 && use[k].n_covered_inactive == 0;
}
