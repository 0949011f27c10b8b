/* SPDX-License-Identifier: MIT */
/*
 * Waivers (docs/waivers.md): an inspector's or a member's approved
 * exceptions to one rule for some subjects, from one day to another, with
 * who approved them, why and on what basis. A waiver file is XML checked
 * against the embedded schemas/waivers.xsd and then by this module; every
 * problem is reported at once with its line. A pure module: no database,
 * no clock; the structs are plain data so that the store can keep them as
 * they are. Uses xmlload, date, text and error.
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

#endif
