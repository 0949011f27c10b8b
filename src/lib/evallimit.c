/* SPDX-License-Identifier: MIT */
/*
 * What a rule may cost (limits.h), and what a rule stopped by a limit
 * says. Uses eval.c's runner (eval_impl.h).
 */
#include <stdio.h>
#include <string.h>

#include "eval_impl.h"

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
