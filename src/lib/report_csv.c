/* SPDX-License-Identifier: MIT */
/*
 * The CSV report: one row per finding kept, section by section, in the
 * report's order, for a spreadsheet or another program. RFC 4180 (comma,
 * CRLF, double quotes), UTF-8 without a byte-order mark, a header row of
 * fixed English column names (docs/report-csv.md; append-only, as the JSON
 * keys). Cells that a spreadsheet would run as a formula are defused.
 * Uses the report model only; libc stdio for the writing.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report_csv.h"

static const char *const columns[] = {
	"key",	      "rule_set",      "rule",		"article",
	"subject",    "outcome",       "severity",	"deadline",
	"observed",   "expected",      "message",	"remedy",
	"question",   "evidence_file", "evidence_line", "evidence_sha256",
	"sampled",    "uncertain",     "placeholder",	"money_owed_cents",
	"money_kind",
};

/* Only with reveal_personal: a worker's personal data. */
static const char *const person_columns[] = {
	"name",
	"bsn",
	"birth_date",
};

/* After those, so that no column moves: what the finding rests on. */
static const char *const confidence_columns[] = {
	"rule_confidence",
	"value_confidence",
};

/* Only in the report of a stored run with judgements (docs/store.md). */
static const char *const judgement_columns[] = {
	"judgement", "judgement_severity", "judged_by",
	"judged_at", "judgement_note",	   "judged_was",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/*
 * One cell. A spreadsheet runs a cell that starts with = + - or @ as a
 * formula (and TAB or CR may hide such a start), so an observed value
 * like =HYPERLINK(...) from a member's package could run on the
 * inspector's machine. Such a cell gets a leading single quote, the
 * OWASP advice for CSV injection: the value reads as text, and the quote
 * shows that it was changed. Then RFC 4180 quoting: a cell with the
 * separator, a double quote, CR or LF is put in double quotes, inner
 * quotes doubled.
 */
void fa_report_csv_cell(FILE *out, const char *const *parts, size_t n_parts,
			char sep, int first)
{
	const char special[] = { sep, '"', '\r', '\n', '\0' };
	size_t k, i;
	int quote = 0, lead = 0;

	for (k = 0; k < n_parts; k++) {
		quote |= parts[k][strcspn(parts[k], special)] != '\0';
		if (!lead && parts[k][0])
			lead = parts[k][0];
	}
	if (!first)
		fputc(sep, out);
	if (quote)
		fputc('"', out);
	if (lead && strchr("=+-@\t\r", lead))
		fputc('\'', out);
	for (k = 0; k < n_parts; k++)
		for (i = 0; parts[k][i]; i++) {
			if (parts[k][i] == '"')
				fputc('"', out);
			fputc(parts[k][i], out);
		}
	if (quote)
		fputc('"', out);
}

static void cell(FILE *out, const char *s, int first)
{
	fa_report_csv_cell(out, &s, 1, ',', first);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static const char *yes_no(unsigned flags, unsigned bit)
{
	return (flags & bit) ? "true" : "false";
}

static void row(FILE *out, const struct fa_report *r,
		const struct fa_finding *f)
{
	const struct fa_report_person *p =
	    fa_report_subject_person(r, f->subject);
	const char *key[3] = { f->rule->id, "/", f->subject };
	const char *owed, *kind;
	char line[32], amount[24];
	int64_t cents = 0;

	line[0] = '\0';
	if (f->ref_line)
		snprintf(line, sizeof(line), "%lu", f->ref_line);
	fa_report_csv_cell(out, key, 3, ',', 1);
	cell(out, f->rule->set->id, 0);
	cell(out, f->rule->id, 0);
	cell(out, or_empty(fa_report_article(r, f->rule)), 0);
	cell(out, f->subject, 0);
	cell(out, fa_outcome_key(f->outcome), 0);
	cell(out, fa_severity_name(f->rule->severity), 0);
	cell(out, f->deadline, 0);
	cell(out, or_empty(fa_report_observed(r, f)), 0);
	cell(out, or_empty(fa_report_expected(r, f)), 0);
	cell(out, fa_report_msg(r, &f->message), 0);
	cell(out, fa_report_msg(r, &f->remedy), 0);
	cell(out, fa_report_msg(r, &f->question), 0);
	cell(out, or_empty(f->ref_file), 0);
	cell(out, line, 0);
	cell(out, or_empty(f->ref_sha256), 0);
	cell(out, yes_no(f->flags, FA_FINDING_SAMPLED), 0);
	cell(out, yes_no(f->flags, FA_FINDING_UNCERTAIN), 0);
	cell(out, yes_no(f->flags, FA_FINDING_PLACEHOLDER), 0);
	/* money owed to the worker: a failure's amount_cents fact */
	owed = NULL;
	if (f->outcome == FA_OUTCOME_FAIL &&
	    fa_finding_cents(&cents, f, "amount_cents") && cents > 0) {
		snprintf(amount, sizeof(amount), "%" PRId64, cents);
		owed = amount;
	}
	kind = fa_finding_fact(f, "money");
	cell(out, or_empty(owed), 0);
	cell(out,
	     !owed				      ? ""
	     : kind && strcmp(kind, "underpaid") == 0 ? "underpaid"
						      : "deducted",
	     0);
	if (r->opt.reveal_personal) {
		cell(out, p ? or_empty(p->name) : "", 0);
		cell(out, p ? or_empty(p->bsn) : "", 0);
		cell(out, p ? or_empty(p->birth_date) : "", 0);
	}
	cell(out, fa_confidence_name(f->rule->confidence), 0);
	cell(out,
	     f->reads_values ? fa_confidence_name(f->value_confidence) : "", 0);
	if (r->opt.n_judged) {
		const struct fa_judged *j = f->judged;

		cell(out, j ? j->verdict : "", 0);
		cell(out, j ? fa_severity_name(j->severity) : "", 0);
		cell(out, j ? j->by : "", 0);
		cell(out, j ? j->at : "", 0);
		cell(out, j ? j->note : "", 0);
		cell(out, j ? fa_outcome_key(j->was) : "", 0);
	}
	if (r->n_waivers)
		cell(out, f->waived ? f->waived->id : "", 0);
	fputc('\r', out);
	fputc('\n', out);
}

enum fa_code fa_report_write_csv(FILE *out, const struct fa_report *r,
				 struct fa_error *err)
{
	size_t i, s;

	for (i = 0; i < N_OF(columns); i++)
		cell(out, columns[i], i == 0);
	for (i = 0; r->opt.reveal_personal && i < N_OF(person_columns); i++)
		cell(out, person_columns[i], 0);
	for (i = 0; i < N_OF(confidence_columns); i++)
		cell(out, confidence_columns[i], 0);
	for (i = 0; r->opt.n_judged && i < N_OF(judgement_columns); i++)
		cell(out, judgement_columns[i], 0);
	if (r->n_waivers)
		cell(out, "waiver", 0);
	fputc('\r', out);
	fputc('\n', out);
	for (s = 0; s < r->n_sections; s++)
		for (i = 0; i < r->sections[s].n_findings; i++)
			if (fa_report_listed(r, r->sections[s].findings[i]))
				row(out, r, r->sections[s].findings[i]);
	if (fflush(out) != 0 || ferror(out))
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the CSV report");
	return FA_OK;
}
