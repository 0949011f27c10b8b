/* SPDX-License-Identifier: MIT */
/*
 * What a rule may cost (limits.h): the texts a finding keeps, cut at
 * FA_EVAL_MAX_TEXT_BYTES; the memory the findings hold, counted against
 * their part of the memory limit (resource.h); and what a rule stopped by
 * a limit, or an audit out of memory, says. Uses eval.c's runner
 * (eval_impl.h), db, resource.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"
#include "resource.h"

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

/* ---- what the findings hold --------------------------------------------- */

/* malloc's bookkeeping per block, about: counted with each text */
#define BLOCK_OVERHEAD 16

static unsigned long long text_bytes(const char *s)
{
	return s ? strlen(s) + 1 + BLOCK_OVERHEAD : 0;
}

/* A rendered text, unless it is the rule's own template (eval.c: shared). */
static unsigned long long rendered_bytes(const char *s, const char *tpl)
{
	return s != tpl ? text_bytes(s) : 0;
}

/* The memory f holds, as the findings' budget counts it: its record and
 * every text it owns. */
static unsigned long long finding_bytes(const struct fa_finding *f)
{
	unsigned long long n = sizeof(*f);
	size_t i;

	n += text_bytes(f->subject) + text_bytes(f->observed) +
	     text_bytes(f->expected) + text_bytes(f->detail) +
	     text_bytes(f->observed_nl) + text_bytes(f->expected_nl) +
	     text_bytes(f->detail_nl) + text_bytes(f->ref_file) +
	     text_bytes(f->ref_table) + text_bytes(f->ref_sha256);
	n += rendered_bytes(f->message.nl, f->rule->message.nl) +
	     rendered_bytes(f->message.en, f->rule->message.en) +
	     rendered_bytes(f->remedy.nl, f->rule->remedy.nl) +
	     rendered_bytes(f->remedy.en, f->rule->remedy.en) +
	     rendered_bytes(f->question.nl, f->rule->question.nl) +
	     rendered_bytes(f->question.en, f->rule->question.en);
	if (f->n_facts)
		n += f->n_facts * sizeof(*f->facts) + BLOCK_OVERHEAD;
	for (i = 0; i < f->n_facts; i++)
		n += text_bytes(f->facts[i].name) +
		     text_bytes(f->facts[i].value);
	return n;
}

/*
 * Count the new finding f of rule against the audit's findings budget
 * (and into *rule_bytes). FA_OK, or FA_ERR_NOMEM when the findings kept
 * pass their part of the memory limit: the audit cannot keep them all.
 */
enum fa_code fa_eval_count_kept(struct runner *r, const struct fa_rule *rule,
				const struct fa_finding *f,
				unsigned long long *rule_bytes,
				struct fa_error *err)
{
	unsigned long long b = finding_bytes(f);
	char lim[32], all[32];

	*rule_bytes += b;
	if (!r->kept ||
	    atomic_fetch_add(&r->kept->bytes, b) + b <= r->kept->limit)
		return FA_OK;
	fa_resource_format_size(lim, sizeof(lim), r->kept->limit);
	fa_resource_format_size(all, sizeof(all), fa_resource_memory());
	return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
			    "rule '%s': out of memory: the findings kept "
			    "reached their share of the memory limit (%s of "
			    "%s)",
			    rule->id, lim, all);
}

/* FA_ERR_NOMEM for a check that SQLite could not give the memory it
 * asked for: beyond the limit of SQLite's heap, or none left at all. */
enum fa_code fa_eval_check_nomem(const struct fa_rule *rule,
				 struct fa_error *err)
{
	char lim[32], all[32];
	struct fa_db_heap h;

	fa_db_heap_use(&h);
	if (!h.refused)
		return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
				    "rule '%s': out of memory", rule->id);
	fa_resource_format_size(lim, sizeof(lim), h.limit);
	fa_resource_format_size(all, sizeof(all), fa_resource_memory());
	return fa_error_add(err, FA_ERR_NOMEM, NULL, 0, 0,
			    "rule '%s': out of memory: SQLite reached its "
			    "share of the memory limit (%s of %s)",
			    rule->id, lim, all);
}

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

/* The messages of a rule with more findings than one rule may keep. */
void fa_eval_too_many_messages(char *nl, char *en, size_t size,
			       const struct runner *r)
{
	char mem[32];

	fa_resource_format_size(mem, sizeof(mem), fa_resource_memory());
	snprintf(en, size,
		 "more than %zu findings, the most one rule may keep with "
		 "--max-memory %s (%llu per GiB)",
		 r->max_findings, mem, FA_EVAL_FINDINGS_PER_GIB);
	snprintf(nl, size,
		 "meer dan %zu bevindingen, het maximum per regel bij "
		 "--max-memory %s (%llu per GiB)",
		 r->max_findings, mem, FA_EVAL_FINDINGS_PER_GIB);
}
