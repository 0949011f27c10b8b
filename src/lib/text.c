/* SPDX-License-Identifier: MIT */
/* String copies, white-space collapsing and shortening; see text.h. */
#include <stdlib.h>
#include <string.h>

#include "text.h"

char *fa_text_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *fa_text_collapse(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	size_t n = 0;

	if (!p)
		return NULL;
	for (; *s; s++) {
		if (!is_space(*s))
			p[n++] = *s;
		else if (n > 0 && p[n - 1] != ' ')
			p[n++] = ' ';
	}
	if (n > 0 && p[n - 1] == ' ')
		n--;
	p[n] = '\0';
	return p;
}

const char *fa_text_show(char buf[FA_TEXT_SHOW_MAX + 4], const char *s)
{
	size_t n = strlen(s);

	if (n <= FA_TEXT_SHOW_MAX)
		return s;
	n = FA_TEXT_SHOW_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}
