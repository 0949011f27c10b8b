/* SPDX-License-Identifier: MIT */
/* Names close to a mistyped one (see suggest.h). libc only. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"

static unsigned char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a')
				    : (unsigned char)c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t fa_suggest_distance(const char *a, const char *b)
{
	/* Three rows of the table: i - 2, i - 1 and i. */
	size_t rows[3][FA_SUGGEST_NAME_MAX + 1];
	size_t n = strlen(a), m = strlen(b), i, j;

	if (n > FA_SUGGEST_NAME_MAX || m > FA_SUGGEST_NAME_MAX)
		return SIZE_MAX;
	for (j = 0; j <= m; j++)
		rows[0][j] = j;
	for (i = 1; i <= n; i++) {
		size_t *cur = rows[i % 3], *up = rows[(i - 1) % 3];
		size_t *up2 = rows[(i + 1) % 3]; /* i - 2 */

		cur[0] = i;
		for (j = 1; j <= m; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);

			cur[j] =
			    min3(up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost);
			if (i > 1 && j > 1 &&
			    fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) &&
			    up2[j - 2] + 1 < cur[j])
				cur[j] = up2[j - 2] + 1;
		}
	}
	return rows[n % 3][m];
}

size_t fa_suggest_limit(const char *typed)
{
	size_t third = strlen(typed) / 3;

	return third < 3 ? third : 3;
}

void fa_suggest_init(struct fa_suggest *s, const char *typed)
{
	memset(s, 0, sizeof(*s));
	s->typed = typed;
	s->best = SIZE_MAX;
}

void fa_suggest_offer(struct fa_suggest *s, const char *name)
{
	size_t d;

	if (s->n_offered < FA_SUGGEST_LIST_MAX)
		s->first[s->n_offered] = name;
	s->n_offered++;
	d = fa_suggest_distance(s->typed, name);
	if (d > fa_suggest_limit(s->typed) || d > s->best)
		return;
	if (d < s->best) {
		s->best = d;
		s->n_near = 0;
	}
	if (s->n_near < FA_SUGGEST_MAX)
		s->near[s->n_near++] = name;
}

/* names[0..n) as "a, b or c" (quoted: 'a', 'b' or 'c') at buf + o. */
static size_t join(char *buf, size_t size, size_t o, const char *const *names,
		   size_t n, int quote)
{
	size_t i;

	for (i = 0; i < n && o < size; i++) {
		int k = snprintf(buf + o, size - o, "%s%s%s%s",
				 i == 0	     ? ""
				 : i + 1 < n ? ", "
					     : " or ",
				 quote ? "'" : "", names[i], quote ? "'" : "");

		if (k < 0)
			break;
		o += (size_t)k;
	}
	return o;
}

void fa_suggest_text(char *buf, size_t size, const struct fa_suggest *s,
		     const char *otherwise)
{
	size_t o;

	assert(size > 0);
	buf[0] = '\0';
	if (s->n_offered && s->n_offered <= FA_SUGGEST_LIST_MAX) {
		o = (size_t)snprintf(buf, size, "give ");
		join(buf, size, o, s->first, s->n_offered, 0);
	} else if (s->n_near) {
		o = (size_t)snprintf(buf, size, "did you mean ");
		o = join(buf, size, o, s->near, s->n_near, 1);
		if (o + 1 < size)
			snprintf(buf + o, size - o, "?");
	} else {
		snprintf(buf, size, "%s", otherwise);
	}
}
