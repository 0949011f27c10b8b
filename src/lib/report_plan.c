/* SPDX-License-Identifier: MIT */
/*
 * The action plan's rows and cells (see report_plan.h), and the plan as a
 * CSV that Excel with Dutch regional settings opens by a double click:
 * UTF-8 with a byte-order mark, ';' between cells, CRLF, money with a
 * decimal comma and no grouping, dates dd-mm-yyyy in Dutch and
 * yyyy-mm-dd in English, spreadsheet-safe cells (report_csv.h). Uses the
 * report model and date.h; libc stdio for the writing.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "report_csv.h"
#include "report_plan.h"

/* A plan row: a deviation, or a needs-review item of a rule that judges
 * deviations. */
static int is_review_row(const struct fa_finding *f)
{
	return f->outcome == FA_OUTCOME_REVIEW &&
	       fa_finding_severity(f) != FA_SEV_OBSERVATION;
}

size_t fa_plan_count(const struct fa_report *r)
{
	size_t i, n = r->n_deviations;

	for (i = 0; i < r->e->n_findings; i++)
		n += is_review_row(&r->e->findings[i]);
	return n;
}

const struct fa_finding *fa_plan_next(const struct fa_report *r, size_t *pos)
{
	/* positions below n_deviations walk the deviations, which the
	 * report keeps by deadline, then rule; the rest walk the findings,
	 * which are in rule order */
	while (*pos < r->n_deviations + r->e->n_findings) {
		size_t i = (*pos)++;
		const struct fa_finding *f;

		if (i < r->n_deviations)
			return r->deviations[i];
		f = &r->e->findings[i - r->n_deviations];
		if (is_review_row(f))
			return f;
	}
	return NULL;
}

int fa_plan_has_column(const struct fa_report *r, enum fa_plan_column c)
{
	return c != FA_PLAN_NAME || r->opt.reveal_personal;
}

enum fa_plan_kind fa_plan_kind(enum fa_plan_column c)
{
	switch (c) {
	case FA_PLAN_DEADLINE:
	case FA_PLAN_DONE_ON:
		return FA_PLAN_DATE;
	case FA_PLAN_OWED:
		return FA_PLAN_MONEY;
	default:
		return FA_PLAN_TEXT;
	}
}

const char *fa_plan_heading(const struct fa_report *r, enum fa_plan_column c)
{
	static const char *const en[FA_PLAN_COLUMNS] = {
		[FA_PLAN_REQUIREMENT] = "Requirement",
		[FA_PLAN_RULE_SET] = "Rule set",
		[FA_PLAN_ARTICLE] = "Article",
		[FA_PLAN_CLASS] = "Class",
		[FA_PLAN_SUBJECT] = "Subject",
		[FA_PLAN_NAME] = "Name",
		[FA_PLAN_FOUND] = "Found",
		[FA_PLAN_TODO] = "What to do",
		[FA_PLAN_DEADLINE] = "Repair by",
		[FA_PLAN_OWED] = "Owed to the worker (EUR)",
		[FA_PLAN_EVIDENCE] = "Evidence",
		[FA_PLAN_OWNER] = "Owner",
		[FA_PLAN_STATUS] = "Status",
		[FA_PLAN_DONE_ON] = "Done on",
	};
	static const char *const nl[FA_PLAN_COLUMNS] = {
		[FA_PLAN_REQUIREMENT] = "Eis",
		[FA_PLAN_RULE_SET] = "Regelset",
		[FA_PLAN_ARTICLE] = "Artikel",
		[FA_PLAN_CLASS] = "Klasse",
		[FA_PLAN_SUBJECT] = "Onderwerp",
		[FA_PLAN_NAME] = "Naam",
		[FA_PLAN_FOUND] = "Bevinding",
		[FA_PLAN_TODO] = "Wat te doen",
		[FA_PLAN_DEADLINE] = "Herstellen uiterlijk",
		[FA_PLAN_OWED] = "Verschuldigd aan werknemer (EUR)",
		[FA_PLAN_EVIDENCE] = "Bewijs",
		[FA_PLAN_OWNER] = "Verantwoordelijke",
		[FA_PLAN_STATUS] = "Status",
		[FA_PLAN_DONE_ON] = "Afgerond op",
	};

	return fa_report_tr(r, en[c], nl[c]);
}

const char *fa_plan_title(const struct fa_report *r)
{
	return fa_report_tr(r, "Action plan", "Actieplan");
}

static void text(struct fa_plan_cell *c, const char *s)
{
	assert(c->n_parts < FA_PLAN_PARTS_MAX);
	if (s && *s)
		c->parts[c->n_parts++] = s;
}

/* What was found: the message, then observed against expected, then the
 * detail (the computation behind an amount), each on a line of its own. */
static void found(struct fa_plan_cell *c, const struct fa_report *r,
		  const struct fa_finding *f)
{
	const char *detail = fa_report_detail(r, f);

	text(c, fa_report_msg(r, &f->message));
	if (f->observed || f->expected) {
		if (c->n_parts)
			text(c, "\n");
		text(c, fa_report_tr(r, "observed: ", "gevonden: "));
		text(c, f->observed ? fa_report_observed(r, f) : "-");
		text(c, "; ");
		text(c, fa_report_tr(r, "expected: ", "verwacht: "));
		text(c, f->expected ? fa_report_expected(r, f) : "-");
	}
	if (detail && *detail) {
		if (c->n_parts)
			text(c, "\n");
		text(c, detail);
	}
}

void fa_plan_row(struct fa_plan_row *row, const struct fa_report *r,
		 const struct fa_finding *f)
{
	const struct fa_report_person *p =
	    fa_report_subject_person(r, f->subject);
	const struct fa_rule *rule = f->rule;
	struct fa_plan_cell *c = row->cell;
	int deviation = f->outcome == FA_OUTCOME_FAIL;

	memset(row, 0, sizeof(*row));
	text(&c[FA_PLAN_REQUIREMENT], rule->id);
	text(&c[FA_PLAN_REQUIREMENT], ": ");
	text(&c[FA_PLAN_REQUIREMENT], fa_report_msg(r, &rule->title));
	text(&c[FA_PLAN_RULE_SET], rule->set->id);
	text(&c[FA_PLAN_RULE_SET], " ");
	text(&c[FA_PLAN_RULE_SET], rule->set->edition);
	text(&c[FA_PLAN_ARTICLE], fa_report_article(r, rule));
	text(&c[FA_PLAN_CLASS],
	     !deviation ? fa_report_tr(r, "to review", "te beoordelen")
	     : fa_finding_severity(f) == FA_SEV_MAJOR
		 ? fa_report_tr(r, "A-deviation", "A-afwijking")
		 : fa_report_tr(r, "B-deviation", "B-afwijking"));
	text(&c[FA_PLAN_SUBJECT], f->subject);
	if (p)
		text(&c[FA_PLAN_NAME], p->name);
	found(&c[FA_PLAN_FOUND], r, f);
	/* a review item's question; the remedy if its rule asks none */
	text(&c[FA_PLAN_TODO],
	     fa_report_msg(r, deviation ? &f->remedy : &f->question));
	if (!c[FA_PLAN_TODO].n_parts)
		text(&c[FA_PLAN_TODO], fa_report_msg(r, &f->remedy));
	if (deviation)
		fa_date_parse(&c[FA_PLAN_DEADLINE].year,
			      &c[FA_PLAN_DEADLINE].month,
			      &c[FA_PLAN_DEADLINE].day, f->deadline);
	/* money owed to the worker: a failure's amount_cents fact, as the
	 * findings CSV's money_owed_cents */
	if (deviation &&
	    fa_finding_cents(&c[FA_PLAN_OWED].cents, f, "amount_cents"))
		c[FA_PLAN_OWED].has_cents = c[FA_PLAN_OWED].cents > 0;
	text(&c[FA_PLAN_EVIDENCE], f->ref_file);
	if (f->ref_file && f->ref_line) {
		snprintf(row->line, sizeof(row->line), ":%lu", f->ref_line);
		text(&c[FA_PLAN_EVIDENCE], row->line);
	} else if (f->ref_file && f->ref_sha256) {
		text(&c[FA_PLAN_EVIDENCE], " sha256 ");
		text(&c[FA_PLAN_EVIDENCE], f->ref_sha256);
	}
}

/* ---- the CSV ------------------------------------------------------------ */

#define SEP ';'

static void put_text(FILE *out, const char *s, int first)
{
	fa_report_csv_cell(out, &s, 1, SEP, first);
}

static void put_cell(FILE *out, const struct fa_report *r,
		     const struct fa_plan_cell *c, enum fa_plan_kind kind,
		     int first)
{
	char buf[FA_NUMFMT_LEN], *dot;

	switch (kind) {
	case FA_PLAN_TEXT:
		fa_report_csv_cell(out, c->parts, c->n_parts, SEP, first);
		return;
	case FA_PLAN_DATE:
		buf[0] = '\0';
		if (c->year && r->opt.nl)
			snprintf(buf, sizeof(buf), "%02d-%02d-%04d", c->day,
				 c->month, c->year);
		else if (c->year)
			fa_date_format(buf, c->year, c->month, c->day);
		break;
	case FA_PLAN_MONEY:
		/* a decimal comma in both languages: Excel with Dutch
		 * regional settings reads "17.10" as a date */
		buf[0] = '\0';
		if (c->has_cents) {
			fa_report_money(buf, sizeof(buf), c->cents);
			dot = strchr(buf, '.');
			if (dot)
				*dot = ',';
		}
		break;
	}
	put_text(out, buf, first);
}

enum fa_code fa_plan_flush(FILE *out, struct fa_error *err)
{
	if (fflush(out) != 0 || ferror(out))
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the action plan%s%s",
				    errno ? ": " : "",
				    errno ? strerror(errno) : "");
	return FA_OK;
}

enum fa_code fa_report_write_plan_csv(FILE *out, const struct fa_report *r,
				      struct fa_error *err)
{
	struct fa_plan_row row;
	const struct fa_finding *f;
	size_t pos = 0;
	int c, first;

	errno = 0;
	/* the byte-order mark tells Excel the file is UTF-8 */
	fputs("\xEF\xBB\xBF", out);
	for (c = 0, first = 1; c < FA_PLAN_COLUMNS; c++)
		if (fa_plan_has_column(r, (enum fa_plan_column)c)) {
			put_text(out,
				 fa_plan_heading(r, (enum fa_plan_column)c),
				 first);
			first = 0;
		}
	fputs("\r\n", out);
	while ((f = fa_plan_next(r, &pos)) != NULL) {
		fa_plan_row(&row, r, f);
		for (c = 0, first = 1; c < FA_PLAN_COLUMNS; c++)
			if (fa_plan_has_column(r, (enum fa_plan_column)c)) {
				put_cell(out, r, &row.cell[c],
					 fa_plan_kind((enum fa_plan_column)c),
					 first);
				first = 0;
			}
		fputs("\r\n", out);
	}
	return fa_plan_flush(out, err);
}
