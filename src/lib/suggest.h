/* SPDX-License-Identifier: MIT */
/*
 * What to tell a user who typed a name that does not exist (a rule id, a
 * rule-set id): the names there are when they are few, else the ones
 * close to what was typed ("did you mean 'FEC-SIGNED'?") by a
 * case-insensitive edit distance. The one home of that distance. libc
 * only.
 */
#ifndef FA_SUGGEST_H
#define FA_SUGGEST_H

#include <stddef.h>

#include "limits.h"

/* Close names a message proposes at most. */
#define FA_SUGGEST_MAX 3

/*
 * The edit distance between a and b, ASCII letters compared without case:
 * the fewest insertions, deletions, substitutions and swaps of two
 * neighbouring characters that turn one into the other (the "optimal
 * string alignment" distance: "SINGED" is 1 from "SIGNED"). A string
 * longer than FA_SUGGEST_NAME_MAX bytes is SIZE_MAX from every other.
 */
size_t fa_suggest_distance(const char *a, const char *b);

/*
 * The largest distance at which a name counts as close to typed: a third
 * of typed's length, at most 3 ("snff" 1, "FEC-SINGED" 3). 0 for a name
 * of 1 or 2 bytes: only the same name in other case is close.
 */
size_t fa_suggest_limit(const char *typed);

/* The names offered for one typed name (caller's storage; borrows the
 * strings until the text is made). */
struct fa_suggest {
	const char *typed;
	size_t n_offered;			/* distinct names offered */
	const char *first[FA_SUGGEST_LIST_MAX]; /* the first of them */
	size_t best;				/* distance of near[] */
	size_t n_near;
	const char *near[FA_SUGGEST_MAX]; /* closest, in offered order */
};

void fa_suggest_init(struct fa_suggest *s, const char *typed);
/* Offer one name there is (each name once). */
void fa_suggest_offer(struct fa_suggest *s, const char *name);
/*
 * The rest of a message into buf: "give a, b or c" when at most
 * FA_SUGGEST_LIST_MAX names were offered (in offered order), else "did
 * you mean 'X'?" (or 'X' or 'Y', or 'X', 'Y' or 'Z', the closest within
 * fa_suggest_limit), else otherwise. otherwise: a static text, such as
 * how to list the names. A list that does not fit size is cut short.
 */
void fa_suggest_text(char *buf, size_t size, const struct fa_suggest *s,
		     const char *otherwise);

#endif
