/* SPDX-License-Identifier: MIT */
/*
 * The report files of a command that writes an audit's report (audit, and
 * report RUN from the store): --format and -o into formats, the files
 * opened under temporary names, written, and renamed into place only when
 * every one was written.
 */
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

/* The report formats by name, in enum fa_format's order. */
const char *const cli_format_names[] = {
	[FA_FORMAT_TEXT] = "text",	   [FA_FORMAT_JSON] = "json",
	[FA_FORMAT_CSV] = "csv",	   [FA_FORMAT_HTML] = "html",
	[FA_FORMAT_PLAN_CSV] = "plan-csv", [FA_FORMAT_XLSX] = "xlsx",
	[FA_FORMAT_XLSX + 1] = NULL,
};

/* The format a file name asks for by its extension, or -1. */
static int format_of_path(const char *path)
{
	static const struct {
		const char *ext;
		enum fa_format f;
	} ext[] = {
		/* .plan.csv before .csv, which it ends in */
		{ ".txt", FA_FORMAT_TEXT },
		{ ".json", FA_FORMAT_JSON },
		{ ".plan.csv", FA_FORMAT_PLAN_CSV },
		{ ".csv", FA_FORMAT_CSV },
		{ ".html", FA_FORMAT_HTML },
		{ ".htm", FA_FORMAT_HTML },
		{ ".xlsx", FA_FORMAT_XLSX },
	};
	size_t i, n = strlen(path);

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > strlen(ext[i].ext) &&
		    strcasecmp(path + n - strlen(ext[i].ext), ext[i].ext) == 0)
			return (int)ext[i].f;
	return -1;
}

int cli_reports_parse(struct cli_reports *r, struct cmd *cmd)
{
	const char *format = opt_get(cmd, "format");
	size_t i;

	memset(r, 0, sizeof(*r));
	if (format && opt_choice(cli_format_names, format) < 0)
		return usage_choice(cmd, "format", format, cli_format_names);
	r->paths = opt_values(cmd, "output", &r->n);
	if (r->n > CLI_MAX_REPORTS)
		return usage_error(cmd, "at most %d output files",
				   CLI_MAX_REPORTS);
	if (format && r->n > 1)
		return usage_error(cmd, "--format with several -o: each file's "
					"format comes from its extension");
	for (i = 0; i < r->n; i++) {
		r->fmt[i] = format ? opt_choice(cli_format_names, format)
				   : format_of_path(r->paths[i]);
		if (r->fmt[i] < 0)
			return usage_error(
			    cmd,
			    "cannot tell the format of '%s': "
			    "use .txt, .json, .csv, .html, "
			    ".plan.csv or .xlsx, or give --format",
			    r->paths[i]);
	}
	if (!r->n)
		r->fmt[0] = format ? opt_choice(cli_format_names, format)
				   : FA_FORMAT_TEXT;
	if (!r->n && r->fmt[0] == FA_FORMAT_XLSX && isatty(STDOUT_FILENO))
		return usage_error(cmd, "a workbook is no text for the "
					"terminal: give -o FILE.xlsx");
	return 0;
}

int cli_reports_open(struct cli_reports *r, struct cmd *cmd, int personal)
{
	size_t i;

	for (i = 0; i < (r->n ? r->n : 1); i++) {
		r->out[i] = cli_output_open(
		    r->n ? r->paths[i] : NULL,
		    (personal ? CLI_OUT_PERSONAL : 0) |
			(opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW : 0));
		if (!r->out[i]) {
			while (i--)
				cli_output_close(r->out[i], 0);
			return EXIT_USAGE;
		}
	}
	return 0;
}

enum fa_code cli_reports_write(struct cli_reports *r, const struct fa_audit *a,
			       struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i;

	for (i = 0; rc == FA_OK && i < (r->n ? r->n : 1); i++)
		rc = fa_audit_write(r->out[i], a, (enum fa_format)r->fmt[i],
				    err);
	return rc;
}

int cli_reports_close(struct cli_reports *r, int ok)
{
	int failed = 0;
	size_t i;

	for (i = 0; i < (r->n ? r->n : 1); i++)
		if (cli_output_close(r->out[i], ok) != 0)
			failed = 1;
	return failed ? -1 : 0;
}
