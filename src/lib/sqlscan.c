/* SPDX-License-Identifier: MIT */
/*
 * The SQL text scanner of sqlscan.h: white space, comments, literals and
 * quoted identifiers skipped by the same rules everywhere, so that the
 * rule-set loader's checks see only the SQL around them. libc only.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sqlscan.h"

/* The white space between SQL tokens. */
static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int sql_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

/*
 * If s[i] starts a comment, a string literal or a quoted identifier, the
 * index just after it (the end of s if it is not closed); else i. Scanning
 * with this keeps a ';' or "param(" inside a literal from counting.
 */
static size_t sql_skip(const char *s, size_t i)
{
	char close;

	if (s[i] == '-' && s[i + 1] == '-')
		return i + strcspn(s + i, "\n");
	if (s[i] == '/' && s[i + 1] == '*') {
		const char *e = strstr(s + i + 2, "*/");

		return e ? (size_t)(e - s) + 2 : strlen(s);
	}
	switch (s[i]) {
	case '\'':
	case '"':
	case '`':
		close = s[i];
		break;
	case '[':
		close = ']';
		break;
	default:
		return i;
	}
	for (i++; s[i]; i++) {
		if (s[i] != close)
			continue;
		if (close != ']' && s[i + 1] == close) {
			i++;
			continue;
		}
		return i + 1;
	}
	return i;
}

size_t fa_sqlscan_blank(const char *s, size_t i)
{
	for (;;) {
		while (is_blank(s[i]))
			i++;
		if (!((s[i] == '-' && s[i + 1] == '-') ||
		      (s[i] == '/' && s[i + 1] == '*')))
			return i;
		i = sql_skip(s, i);
	}
}

int fa_sqlscan_keyword(const char *s, const char *w)
{
	size_t n = strlen(w), i;

	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != w[i])
			return 0;
	return !sql_ident_char(s[n]);
}

unsigned long fa_sqlscan_lines(const char *s, size_t off)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < off; i++)
		n += s[i] == '\n';
	return n;
}

size_t fa_sqlscan_next_statement(const char *s)
{
	size_t i = fa_sqlscan_statement_end(s), j;

	if (!s[i])
		return 0;
	j = fa_sqlscan_blank(s, i + 1);
	return s[j] ? j : 0;
}

size_t fa_sqlscan_statement_end(const char *s)
{
	size_t i, j;

	for (i = 0; s[i];) {
		j = sql_skip(s, i);
		if (j != i) {
			i = j;
			continue;
		}
		if (s[i] == ';')
			return i;
		i++;
	}
	return i;
}

int fa_sqlscan_top_order_by(const char *s)
{
	size_t i, j;
	long depth = 0;

	for (i = 0; s[i] && s[i] != ';';) {
		j = sql_skip(s, i);
		if (j != i) {
			i = j;
			continue;
		}
		if (s[i] == '(' || s[i] == ')') {
			depth += s[i] == '(' ? 1 : -1;
			i++;
			continue;
		}
		if (!sql_ident_char(s[i])) {
			i++;
			continue;
		}
		if (depth == 0 && (i == 0 || !sql_ident_char(s[i - 1])) &&
		    fa_sqlscan_keyword(s + i, "order") &&
		    fa_sqlscan_keyword(s + fa_sqlscan_blank(s, i + 5), "by"))
			return 1;
		for (j = i; sql_ident_char(s[j]); j++)
			;
		i = j;
	}
	return 0;
}

size_t fa_sqlscan_ident_prefix(const char *s, const char *prefix)
{
	size_t i = 0, j, k, n = strlen(prefix);

	while (s[i]) {
		j = sql_skip(s, i);
		if (j != i) {
			i = j;
			continue;
		}
		if (!sql_ident_char(s[i])) {
			i++;
			continue;
		}
		for (j = i; sql_ident_char(s[j]); j++)
			;
		for (k = 0; k < n && i + k < j && lower(s[i + k]) == prefix[k];
		     k++)
			;
		if (k == n)
			return i;
		i = j;
	}
	return (size_t)-1;
}

int fa_sqlscan_params(const char *s, fa_sqlscan_param_fn fn, void *ctx)
{
	size_t i = 0, j, k, n;
	int rc;

	while (s[i]) {
		char *name;

		j = sql_skip(s, i);
		if (j != i || !sql_ident_char(s[i])) {
			i = j != i ? j : i + 1;
			continue;
		}
		for (j = i; sql_ident_char(s[j]); j++)
			;
		k = fa_sqlscan_blank(s, j);
		if (!((j - i == 5 && fa_sqlscan_keyword(s + i, "param")) ||
		      (j - i == 10 &&
		       fa_sqlscan_keyword(s + i, "param_firm"))) ||
		    s[k] != '(') {
			i = j;
			continue;
		}
		k = fa_sqlscan_blank(s, k + 1);
		n = sql_skip(s, k);
		if (s[k] != '\'' || n < k + 2 || s[n - 1] != '\'') {
			i = j;
			continue;
		}
		name = malloc(n - k);
		if (!name)
			return -1;
		for (n = 0, k++; s[k]; k++) {
			if (s[k] == '\'' && s[k + 1] != '\'')
				break;
			if (s[k] == '\'')
				k++;
			name[n++] = s[k];
		}
		name[n] = '\0';
		rc = fn(ctx, name, i);
		free(name);
		if (rc != 0)
			return -1;
		i = j;
	}
	return 0;
}
