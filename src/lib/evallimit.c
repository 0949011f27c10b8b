/* SPDX-License-Identifier: MIT */
/*
 * What a rule may cost (limits.h): the texts a finding keeps, cut at
 * FA_EVAL_MAX_TEXT_BYTES; and what a rule stopped by a limit says. Uses
 * eval.c's runner (eval_impl.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"

/* ---- texts a finding keeps ----------------------------------------------- */

/*
 * The bytes of s[0..n) to keep: at most FA_EVAL_MAX_TEXT_BYTES, cut before
 * a UTF-8 continuation byte so that no character is split.
 */
size_t fa_eval_kept_len(const char *s, size_t n)
{
	size_t cut = FA_EVAL_MAX_TEXT_BYTES;

	if (n <= cut)
		return n;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

/* What ends a text that was cut: an ellipsis (U+2026, in UTF-8) and
 * " (truncated, N bytes)", N its length. */
void fa_eval_truncated_mark(char *buf, size_t size, size_t n)
{
	snprintf(buf, size, "\xe2\x80\xa6 (truncated, %zu bytes)", n);
}

/*
 * A copy of a check's text for a finding (NULL for NULL): a text longer
 * than FA_EVAL_MAX_TEXT_BYTES keeps its start and then says it was cut.
 * A rule returning a megabyte per row would otherwise hold a megabyte per
 * finding.
 */
char *fa_eval_kept_text(const char *s)
{
	char mark[64], *out;
	size_t n, k, m;

	if (!s)
		return NULL;
	n = strlen(s);
	k = fa_eval_kept_len(s, n);
	if (k == n)
		return strdup(s);
	fa_eval_truncated_mark(mark, sizeof(mark), n);
	m = strlen(mark);
	out = malloc(k + m + 1);
	if (!out)
		return NULL;
	memcpy(out, s, k);
	memcpy(out + k, mark, m + 1);
	return out;
}

/* ---- messages ------------------------------------------------------------ */

/* A number with a decimal comma, as Dutch writes it. */
static void decimal_comma(char *s)
{
	char *dot = strchr(s, '.');

	if (dot)
		*dot = ',';
}

/* The messages of a rule stopped by the time limit after seconds. */
void fa_eval_timeout_messages(char *nl, char *en, size_t size,
			      const struct runner *r, double seconds)
{
	char t[32];

	snprintf(t, sizeof(t), "%.1f", seconds);
	snprintf(en, size,
		 "stopped after %s s, the time limit per rule "
		 "(--rule-timeout %g)",
		 t, r->max_seconds);
	decimal_comma(t);
	snprintf(nl, size,
		 "gestopt na %s s, de tijdslimiet per regel "
		 "(--rule-timeout %g)",
		 t, r->max_seconds);
}
