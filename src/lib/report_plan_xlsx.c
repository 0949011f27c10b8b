/* SPDX-License-Identifier: MIT */
/*
 * The action plan as an Excel workbook (docs/action-plan.md): one sheet,
 * "Action plan" or "Actieplan", with the rows and cells of report_plan.c;
 * the heading row bold and frozen, an autofilter over the table, wrapped
 * text, dates and money as numbers with a date and a euro format. The
 * only libxlsxwriter user.
 *
 * libxlsxwriter 1.1.4 (Debian 12) writes a workbook to a file name only,
 * and its parts to temporary files first. Both go to a private directory
 * (tempdir.h: mode 0700, removed on a termination signal and by the next
 * run's sweep, since the plan may hold names); the finished file is then
 * copied to the caller's stream, so that the caller's guarantees (a
 * temporary name renamed into place, the mode of an existing report,
 * nothing left on failure) hold for the workbook as for every report.
 * Constant-memory mode writes each row to disk as it is made. The
 * library prints a line on standard error itself when it cannot create a
 * file; there is no way to silence it in this version.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "date.h"
#include "report_plan.h"
#include "tempdir.h"

/* What an Excel sheet and cell hold (Excel's specification; libxlsxwriter
 * refuses more): rows, the heading included, and characters in a cell. */
#define SHEET_ROWS_MAX LXW_ROW_MAX
#define CELL_CHARS_MAX 32767
/* A line of the default font (Calibri 11) is 15 points high; a row is at
 * most 409 points: 27 lines. */
#define LINE_POINTS 15.0
#define ROW_LINES_MAX 27

/* Column widths, in characters of the default font. */
static const double widths[FA_PLAN_COLUMNS] = {
	[FA_PLAN_REQUIREMENT] = 36, [FA_PLAN_RULE_SET] = 14,
	[FA_PLAN_ARTICLE] = 30,	    [FA_PLAN_CLASS] = 14,
	[FA_PLAN_SUBJECT] = 18,	    [FA_PLAN_NAME] = 22,
	[FA_PLAN_FOUND] = 60,	    [FA_PLAN_TODO] = 60,
	[FA_PLAN_DEADLINE] = 13,    [FA_PLAN_OWED] = 14,
	[FA_PLAN_EVIDENCE] = 26,    [FA_PLAN_OWNER] = 18,
	[FA_PLAN_STATUS] = 14,	    [FA_PLAN_DONE_ON] = 13,
};

struct book {
	const struct fa_report *r;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *heading, *text, *date, *money;
	char *buf; /* a text cell's parts joined */
	size_t cap;
	lxw_col_t n_cols;
	lxw_error failed; /* the first write that failed, or 0 */
};

static void note(struct book *b, lxw_error e)
{
	if (e && !b->failed)
		b->failed = e;
}

/* The parts of a text cell joined into b->buf, cut at a character
 * boundary to what a cell holds. NULL on no memory. */
static const char *joined(struct book *b, const struct fa_plan_cell *c)
{
	size_t i, n = 1, at = 0, chars = 0;

	for (i = 0; i < c->n_parts; i++)
		n += strlen(c->parts[i]);
	if (n > b->cap) {
		char *p = realloc(b->buf, n);

		if (!p)
			return NULL;
		b->buf = p;
		b->cap = n;
	}
	for (i = 0; i < c->n_parts; i++) {
		memcpy(b->buf + at, c->parts[i], strlen(c->parts[i]));
		at += strlen(c->parts[i]);
	}
	b->buf[at] = '\0';
	/* count characters: bytes that do not continue a UTF-8 sequence */
	for (i = 0; i < at; i++)
		if ((b->buf[i] & 0xC0) != 0x80 && ++chars > CELL_CHARS_MAX) {
			b->buf[i] = '\0';
			break;
		}
	return b->buf;
}

static lxw_format *format_of(struct book *b, enum fa_plan_column c)
{
	switch (fa_plan_kind(c)) {
	case FA_PLAN_DATE:
		return b->date;
	case FA_PLAN_MONEY:
		return b->money;
	default:
		return b->text;
	}
}

/*
 * The lines a text cell takes in a column of width characters: each line
 * of its text wrapped at about that many characters. An estimate (the
 * font is proportional), made because a row's height must be written:
 * a spreadsheet that does not measure wrapped text when it opens a file
 * would show only the first line.
 */
static size_t lines_of(const struct fa_plan_cell *c, double width)
{
	size_t per = width > 2 ? (size_t)width - 1 : 1;
	size_t lines = 0, chars = 0, i, k;

	for (k = 0; k < c->n_parts; k++)
		for (i = 0; c->parts[k][i]; i++) {
			if (c->parts[k][i] == '\n') {
				lines += chars / per + 1;
				chars = 0;
			} else if ((c->parts[k][i] & 0xC0) != 0x80) {
				chars++;
			}
		}
	return c->n_parts ? lines + (chars + per - 1) / per : 0;
}

/* The formats, the sheet, its columns and the heading row. */
static enum fa_code set_up(struct book *b, struct fa_error *err)
{
	const struct fa_report *r = b->r;
	struct fa_plan_cell head;
	lxw_col_t col = 0;
	size_t lines = 1;
	int c;

	memset(&head, 0, sizeof(head));
	head.n_parts = 1;
	b->heading = workbook_add_format(b->wb);
	b->text = workbook_add_format(b->wb);
	b->date = workbook_add_format(b->wb);
	b->money = workbook_add_format(b->wb);
	b->ws = workbook_add_worksheet(b->wb, fa_plan_title(r));
	if (!b->heading || !b->text || !b->date || !b->money || !b->ws)
		return fa_error_nomem(err, NULL);
	format_set_bold(b->heading);
	format_set_text_wrap(b->heading);
	format_set_align(b->heading, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(b->heading, 0xD9E2F3);
	format_set_bottom(b->heading, LXW_BORDER_THIN);
	format_set_text_wrap(b->text);
	format_set_align(b->text, LXW_ALIGN_VERTICAL_TOP);
	/* number formats are stored in Excel's own (US) codes: Excel shows
	 * them in the reader's regional settings */
	format_set_num_format(b->date, r->opt.nl ? "dd-mm-yyyy" : "yyyy-mm-dd");
	format_set_align(b->date, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(b->money, "\"\xE2\x82\xAC \"#,##0.00");
	format_set_align(b->money, LXW_ALIGN_VERTICAL_TOP);
	for (c = 0; c < FA_PLAN_COLUMNS; c++) {
		enum fa_plan_column pc = (enum fa_plan_column)c;

		if (!fa_plan_has_column(r, pc))
			continue;
		/* the column's format also serves the cells the member fills
		 * in: a date typed under "done on" shows as a date */
		note(b, worksheet_set_column(b->ws, col, col, widths[c],
					     format_of(b, pc)));
		note(b, worksheet_write_string(
			    b->ws, 0, col, fa_plan_heading(r, pc), b->heading));
		head.parts[0] = fa_plan_heading(r, pc);
		if (lines_of(&head, widths[c]) > lines)
			lines = lines_of(&head, widths[c]);
		col++;
	}
	/* written after its cells: a row's height may still be set then */
	note(b, worksheet_set_row(b->ws, 0, LINE_POINTS * (double)lines,
				  b->heading));
	b->n_cols = col;
	worksheet_freeze_panes(b->ws, 1, 0);
	worksheet_set_landscape(b->ws);
	worksheet_set_paper(b->ws, 9); /* A4 */
	worksheet_fit_to_pages(b->ws, 1, 0);
	note(b, worksheet_repeat_rows(b->ws, 0, 0));
	return FA_OK;
}

/* Row i (1 for the first below the heading). */
static enum fa_code row(struct book *b, lxw_row_t i, const struct fa_finding *f,
			struct fa_error *err)
{
	const struct fa_report *r = b->r;
	struct fa_plan_row pr;
	lxw_col_t col = 0;
	size_t lines = 1;
	int c;

	fa_plan_row(&pr, r, f);
	for (c = 0; c < FA_PLAN_COLUMNS; c++)
		if (fa_plan_has_column(r, (enum fa_plan_column)c) &&
		    fa_plan_kind((enum fa_plan_column)c) == FA_PLAN_TEXT &&
		    lines_of(&pr.cell[c], widths[c]) > lines)
			lines = lines_of(&pr.cell[c], widths[c]);
	if (lines > ROW_LINES_MAX)
		lines = ROW_LINES_MAX;
	if (lines > 1)
		note(b, worksheet_set_row(b->ws, i, LINE_POINTS * (double)lines,
					  NULL));
	for (c = 0; c < FA_PLAN_COLUMNS; c++) {
		enum fa_plan_column pc = (enum fa_plan_column)c;
		const struct fa_plan_cell *cell = &pr.cell[c];
		const char *s;

		if (!fa_plan_has_column(r, pc))
			continue;
		switch (fa_plan_kind(pc)) {
		case FA_PLAN_TEXT:
			if (!cell->n_parts)
				break;
			/* a string, never a formula, whatever it starts with */
			s = joined(b, cell);
			if (!s)
				return fa_error_nomem(err, NULL);
			note(b,
			     worksheet_write_string(b->ws, i, col, s, b->text));
			break;
		case FA_PLAN_DATE:
			if (cell->year) {
				lxw_datetime dt = { cell->year, cell->month,
						    cell->day,	0,
						    0,		0.0 };

				note(b, worksheet_write_datetime(b->ws, i, col,
								 &dt, b->date));
			}
			break;
		case FA_PLAN_MONEY:
			if (cell->has_cents)
				note(b, worksheet_write_number(
					    b->ws, i, col,
					    (double)cell->cents / 100.0,
					    b->money));
			break;
		}
		col++;
	}
	return FA_OK;
}

/*
 * The report's generated-at value as the workbook's creation time, so
 * that the same inputs give the same file: "YYYY-MM-DD", optionally
 * followed by "THH:MM[:SS]" and "Z" or an offset "+HH:MM". Else the audit
 * date at midnight UTC.
 */
static time_t created(const struct fa_report *r)
{
	const char *s = r->generated_at;
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, n = 0;
	char date[FA_DATE_LEN], sign = 0;
	long off = 0;

	snprintf(date, sizeof(date), "%.10s", s);
	if (fa_date_parse(&y, &mo, &d, date) == 0) {
		s += 10;
		if ((*s == 'T' || *s == ' ') &&
		    sscanf(s + 1, "%2d:%2d%n", &h, &mi, &n) == 2) {
			s += 1 + n;
			if (sscanf(s, ":%2d%n", &sec, &n) == 1)
				s += n;
			if (sscanf(s, "%c%2d:%2d", &sign, &oh, &om) == 3 &&
			    (sign == '+' || sign == '-'))
				off = (sign == '+' ? 1 : -1) *
				      (oh * 3600L + om * 60L);
		}
	} else if (fa_date_parse(&y, &mo, &d, r->e->audit_date) != 0) {
		return 0; /* cannot be: the audit date is valid */
	}
	return (time_t)fa_date_day_number(y, mo, d) * 86400 + h * 3600L +
	       mi * 60L + sec - off;
}

static enum fa_code make(const char *path, const char *dir,
			 const struct fa_report *r, struct fa_error *err)
{
	struct book b;
	lxw_workbook_options opt;
	lxw_doc_properties props;
	static char author[] = "flexaudit";
	char tmpdir[FA_TEMPDIR_PATH_MAX];
	char title[256];
	const struct fa_finding *f;
	size_t pos = 0, n = fa_plan_count(r);
	lxw_row_t i = 1;
	lxw_error closed;
	enum fa_code rc = FA_OK;

	if (n >= SHEET_ROWS_MAX)
		return fa_error_add(err, FA_ERR_LIMIT, NULL, 0, 0,
				    "the action plan has %zu rows, more than "
				    "an Excel sheet holds (%d with the "
				    "heading): write it as CSV (plan-csv)",
				    n, SHEET_ROWS_MAX);
	memset(&b, 0, sizeof(b));
	b.r = r;
	snprintf(tmpdir, sizeof(tmpdir), "%s", dir);
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = tmpdir;
	b.wb = workbook_new_opt(path, &opt);
	if (!b.wb)
		return fa_error_nomem(err, NULL);
	memset(&props, 0, sizeof(props));
	snprintf(title, sizeof(title), "%s: %s", fa_plan_title(r),
		 fa_evidence_member_name(r->ev));
	props.title = title;
	props.author = author;
	props.created = created(r);
	note(&b, workbook_set_properties(b.wb, &props));
	rc = set_up(&b, err);
	while (rc == FA_OK && (f = fa_plan_next(r, &pos)) != NULL)
		rc = row(&b, i++, f, err);
	if (rc == FA_OK)
		note(&b, worksheet_autofilter(b.ws, 0, 0, i - 1, b.n_cols - 1));
	/* close whatever happened: it frees the workbook */
	closed = workbook_close(b.wb);
	free(b.buf);
	if (rc == FA_OK && !b.failed)
		b.failed = closed;
	if (rc != FA_OK || !b.failed)
		return rc;
	if (b.failed == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return fa_error_nomem(err, NULL);
	return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			    "cannot write the action plan: %s",
			    lxw_strerror(b.failed));
}

/* Copy the file at path to out. */
static enum fa_code copy(FILE *out, const char *path, struct fa_error *err)
{
	char buf[16384];
	FILE *in = fopen(path, "rb");
	size_t n;
	int bad;

	if (!in)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot read the action plan made in "
				    "'%s': %s",
				    path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	bad = ferror(in);
	fclose(in);
	if (bad)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot read the action plan made in "
				    "'%s'",
				    path);
	return fa_plan_flush(out, err);
}

enum fa_code fa_report_write_plan_xlsx(FILE *out, const struct fa_report *r,
				       struct fa_error *err)
{
	struct fa_tempdir *td = NULL;
	char path[FA_TEMPDIR_PATH_MAX];
	enum fa_code rc;

	rc = fa_tempdir_new(&td, NULL, err);
	if (rc != FA_OK)
		return rc;
	/* fa_tempdir_new leaves room for its own longest name, which is
	 * longer than the workbook's */
	snprintf(path, sizeof(path), "%s/" FA_TEMPDIR_WORKBOOK,
		 fa_tempdir_path(td));
	rc = make(path, fa_tempdir_path(td), r, err);
	if (rc == FA_OK) {
		errno = 0;
		rc = copy(out, path, err);
	}
	fa_tempdir_free(td);
	return rc;
}
