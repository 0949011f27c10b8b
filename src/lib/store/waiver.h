/* SPDX-License-Identifier: MIT */
/*
 * Waivers (docs/waivers.md): an inspector's or a member's approved
 * exceptions to one rule for some subjects, from one day to another, with
 * who approved them, why and on what basis. A waiver file is XML checked
 * against the embedded schemas/waivers.xsd and then by this module; every
 * problem is reported at once with its line. Also decides which waiver
 * waives which finding on an audit date. A pure module: no database, no
 * clock (dates are the audit date's); the structs are plain data so that
 * the store can keep them as they are. Uses xmlload, date, text and error.
 */
#ifndef FA_WAIVER_H
#define FA_WAIVER_H

#include <stddef.h>

#include "date.h"
#include "error.h"

/* The namespace of a waiver file. */
#define FA_WAIVERS_NS "urn:flexaudit:waivers:1"

/*
 * One waiver. Every string is NUL-terminated UTF-8 and owned by the
 * struct fa_waivers it is in. id and rule_id are the attributes with white
 * space collapsed; subjects and patterns the elements' text without the
 * white space around it; approver, reason and basis with white space
 * collapsed. At least one subject or pattern; none empty. from and until
 * are valid ISO dates, from <= until, both days included. line is the
 * line of the <waiver> element (0 for a waiver not read from a file).
 */
struct fa_waiver {
	char *id, *rule_id;
	char **subjects;
	size_t n_subjects;
	char **patterns;
	size_t n_patterns;
	char *approver, *reason, *basis;
	char from[FA_DATE_LEN], until[FA_DATE_LEN];
	unsigned long line;
};

/* A waiver file: the member's KvK number (8 digits) and w[0..n) in file
 * order. */
struct fa_waivers {
	char *kvk;
	size_t n;
	struct fa_waiver *w;
};

/*
 * Parse the waiver file buf[0..len); where names it in messages. *out is
 * the caller's (fa_waivers_free); NULL on failure. Codes: FA_ERR_INPUT
 * (every problem of the XML, of the schema and of the checks below, each
 * at where:line), FA_ERR_LIMIT (a limit of limits.h: the first code set
 * wins when there are both), FA_ERR_NOMEM, FA_ERR_INTERNAL (the schema and
 * this module disagree). Messages of this module, at the line of the
 * element concerned:
 *   kvk 'K' is not 8 digits: write the KvK (Chamber of Commerce) number
 *     as exactly 8 digits, leading zeros included
 *   waiver has an empty id: give every waiver an id of its own
 *   waiver id 'W' is given twice (first on line N): give every waiver an
 *     id of its own
 *   waiver 'W' has an empty rule: write the id of the rule it waives
 *   waiver 'W': from 'D' is not a date: write YYYY-MM-DD with a day that
 *     exists (years 1900 to 2199)           (also for until)
 *   waiver 'W' ends (until D) before it starts (from D): correct from or
 *     until
 *   waiver 'W' names no subject: add a <subject> or a <pattern>
 *     (<pattern>*</pattern> waives every subject of the rule)
 *   waiver 'W' has an empty <subject>: write the subject as the finding
 *     names it, or remove the element     (also <pattern>)
 *   waiver 'W' has an empty <approver>: write who approved the waiver
 *   waiver 'W' has an empty <reason>: write why the rule is waived
 *   waiver 'W' has an empty <basis>: write the norm clause or letter the
 *     waiver rests on
 * and with FA_ERR_LIMIT:
 *   waiver file too large (N bytes, limit FA_WAIVERS_MAX_BYTES)
 *   more than FA_WAIVERS_MAX waivers in one file: split the file or
 *     combine waivers with a <pattern>      (at the first one too many)
 *   waiver 'W' has N subjects and patterns: at most FA_WAIVER_MAX_SUBJECTS
 *     are allowed; combine them with a <pattern>
 *   waiver 'W': <E> is N bytes long: at most M are allowed  (id=, rule=
 *     as "id" and "rule"; M is FA_WAIVER_MAX_ID_BYTES, _SUBJECT_BYTES or
 *     _TEXT_BYTES)
 * A waiver whose id is empty is named '' in the others. The problems come
 * in line order.
 */
enum fa_code fa_waivers_parse(struct fa_waivers **out, const char *where,
			      const void *buf, size_t len,
			      struct fa_error *err);
/*
 * Read the file at path (a regular file of at most FA_WAIVERS_MAX_BYTES)
 * and parse it as fa_waivers_parse does, path naming it in messages.
 * Further codes: FA_ERR_IO (without where):
 *   cannot open 'PATH': strerror
 *   cannot read 'PATH': strerror, or not a regular file
 */
enum fa_code fa_waivers_load(struct fa_waivers **out, const char *path,
			     struct fa_error *err);
/* Free w, its waivers and their strings; NULL is fine. */
void fa_waivers_free(struct fa_waivers *w);

/* ---- matching -------------------------------------------------------------
 */

/* A waiver on an audit date: between from and until (both included),
 * before from, or after until. */
enum fa_waiver_state {
	FA_WAIVER_ACTIVE = 0,
	FA_WAIVER_NOT_YET,
	FA_WAIVER_EXPIRED
};

/* w's state on audit_date (a valid ISO date, asserted). */
enum fa_waiver_state fa_waiver_state(const struct fa_waiver *w,
				     const char *audit_date);
/*
 * 1 if w covers a finding of rule rule_id about subject: the rule ids are
 * equal and subject equals one of w's subjects byte for byte or matches
 * one of its patterns as a whole ('*' any run of bytes, none included; '?'
 * exactly one byte, so a character of several bytes in UTF-8 needs as many;
 * every other byte itself, case included); else 0. The state is not
 * looked at. subject NULL is the empty subject. Time O(len(pattern) x
 * len(subject)) at most per pattern: no backtracking blow-up.
 */
int fa_waiver_covers(const struct fa_waiver *w, const char *rule_id,
		     const char *subject);
/* "active", "not_yet", "expired" (static); NULL for another value. */
const char *fa_waiver_state_key(enum fa_waiver_state s);

/*
 * How one waiver fared in fa_waivers_match: its state on the audit date;
 * n_waived, the items it waives; n_covered_inactive, the items it covers
 * but does not waive (it is not active, or an earlier waiver of the file
 * took them); orphan, 1 when both are 0 (the waiver matched nothing).
 */
struct fa_waiver_use {
	enum fa_waiver_state state;
	size_t n_waived, n_covered_inactive;
	int orphan;
};

/*
 * Match items 0..n_items (the findings a waiver may cover: the caller
 * passes only failed and needs-review findings), item i being rule
 * rule_ids[i] about subjects[i] (NULL: the empty subject), against the
 * waivers of w on audit_date (a valid ISO date). Fills match[0..n_items):
 * the index in w->w of the first active waiver in file order that covers
 * item i, or SIZE_MAX; and use[0..w->n). match and use are the caller's
 * arrays of those sizes (either may be NULL when its size is 0). Time
 * O(n_items x w->n) rule comparisons, plus subjects and patterns for the
 * waivers of an item's rule. Cannot fail.
 */
void fa_waivers_match(size_t *match, struct fa_waiver_use *use,
		      const struct fa_waivers *w, const char *audit_date,
		      const char *const *rule_ids, const char *const *subjects,
		      size_t n_items);

#endif
