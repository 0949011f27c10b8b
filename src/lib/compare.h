/* SPDX-License-Identifier: MIT */
/*
 * Comparing two rule sets' norms: parameters that express the same norm
 * share a concept key; on a date, each concept's values are lined up, the
 * stricter side named (from the parameters' limit: min or max) and the date
 * since which that relation holds found. Uses the rule-set model only.
 */
#ifndef FA_COMPARE_H
#define FA_COMPARE_H

#include <stddef.h>

#include "error.h"
#include "ruleset.h"

enum fa_relation {
	FA_REL_EQUAL = 0,
	FA_REL_LEFT_STRICTER,
	FA_REL_RIGHT_STRICTER,
	FA_REL_DIFFERENT, /* values differ, no limit says which is stricter */
	FA_REL_ONLY_LEFT, /* only the left set has a value on the date */
	FA_REL_ONLY_RIGHT,
	FA_REL_NEITHER, /* the concept exists, neither has a value then */
};

struct fa_comparison {
	const char *concept;	     /* borrowed from a parameter */
	const struct fa_param *left; /* NULL: the set lacks the concept */
	const struct fa_param *right;
	const struct fa_param_value *lv; /* value on the date, or NULL */
	const struct fa_param_value *rv;
	enum fa_relation relation;
	char since[FA_DATE_LEN]; /* first day of this relation */
};

/*
 * Compare the concepts of rule sets left_id and right_id (loaded in sets)
 * on date (ISO). *out (n entries, sorted by concept) is the caller's
 * (free()); its pointers borrow from sets. FA_ERR_USAGE for an unknown set
 * id or an invalid date.
 */
enum fa_code fa_compare(struct fa_comparison **out, size_t *n,
			const struct fa_rulesets *sets, const char *left_id,
			const char *right_id, const char *date,
			struct fa_error *err);

/* "equal", "left stricter", ... */
const char *fa_relation_name(enum fa_relation r);

#endif
