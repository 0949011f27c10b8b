/* SPDX-License-Identifier: MIT */
/*
 * flexaudit inspect PKG: load a package and summarise it. No personal data
 * is printed: workers appear only as counts, data-quality messages name
 * employee numbers at most.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Data-quality findings shown in text output unless --all. */
#define TEXT_DQ_SHOWN 20

static void print_text(FILE *out, struct fa_evidence *ev, int all)
{
	const struct fa_manifest *m = ev->manifest;
	struct fa_doc_count *dc = NULL;
	struct fa_error err;
	size_t n_dc = 0, i, shown;
	uint64_t total_dq = 0;
	const char *prev = "";

	fprintf(out, "package    %s\n", fa_package_path(ev->pkg));
	fprintf(out, "sha256     %s\n", ev->package_sha256);
	fprintf(out, "format     %d\n", m->format);
	fprintf(out, "member     %s (KvK %s, ABU %s)\n", m->member_name, m->kvk,
		m->abu_number);
	fprintf(out, "period     %s to %s\n", m->period_from, m->period_to);
	fprintf(out, "produced   %s by %s%s%s%s\n", m->produced_at,
		m->producer_name, m->producer_system ? " (" : "",
		m->producer_system ? m->producer_system : "",
		m->producer_system ? ")" : "");
	fprintf(out, "hashes     %zu of %zu files verified (SHA-256)\n",
		ev->n_files_verified, m->n_files);
	if (fa_package_prefix(ev->pkg)[0])
		fprintf(out, "folder     '%s' (top-level folder, stripped)\n",
			fa_package_prefix(ev->pkg));
	for (i = 0; i < fa_package_junk_count(ev->pkg); i++)
		fprintf(out, "%s %s\n", i ? "          " : "ignored   ",
			fa_package_junk_at(ev->pkg, i));

	fprintf(out, "\n%-20s %-26s %9s  %s\n", "table", "file", "rows",
		"encoding");
	for (i = 0; i < ev->n_tables; i++) {
		const struct fa_table_load *tl = &ev->tables[i];
		size_t k;

		if (!tl->file) {
			fprintf(out, "%-20s %-26s %9s\n", tl->spec->name,
				"(not supplied)", "-");
			continue;
		}
		fprintf(out, "%-20s %-26s %9llu  %s, '%c'\n", tl->spec->name,
			tl->file->path, (unsigned long long)tl->rows,
			fa_encoding_name(tl->file->encoding),
			tl->separator ? tl->separator : '?');
		for (k = 0; k < tl->n_ignored; k++)
			fprintf(out, "%-20s   ignored column '%s'\n", "",
				tl->ignored[k]);
	}

	fa_error_init(&err);
	if (fa_evidence_document_counts(&dc, &n_dc, ev, &err) == FA_OK &&
	    n_dc) {
		fprintf(out, "\n%-28s %s\n", "documents by type",
			"language: count");
		for (i = 0; i < n_dc; i++) {
			int same = strcmp(prev, dc[i].type) == 0;

			if (!same)
				fprintf(out, "%s%-28s", i ? "\n" : "",
					dc[i].type);
			fprintf(out, " %s: %llu", dc[i].language,
				(unsigned long long)dc[i].count);
			prev = dc[i].type;
		}
		fputc('\n', out);
	}
	free(dc);

	for (i = 0; i < ev->n_dq_counts; i++)
		total_dq += ev->dq_counts[i].count;
	fprintf(out, "\ndata quality: %llu finding%s\n",
		(unsigned long long)total_dq, total_dq == 1 ? "" : "s");
	for (i = 0; i < ev->n_dq_counts; i++)
		fprintf(out, "  %-30s %llu\n", ev->dq_counts[i].check,
			(unsigned long long)ev->dq_counts[i].count);
	shown = all ? ev->n_dq
		    : (ev->n_dq < TEXT_DQ_SHOWN ? ev->n_dq : TEXT_DQ_SHOWN);
	for (i = 0; i < shown; i++) {
		const struct fa_dq_finding *f = &ev->dq[i];

		if (f->line)
			fprintf(out, "  %s:%lu: %s [%s]\n", f->where, f->line,
				f->message, f->check);
		else
			fprintf(out, "  %s: %s [%s]\n", f->where, f->message,
				f->check);
	}
	if (shown < ev->n_dq)
		fprintf(out, "  (%zu more; --all lists them)\n",
			ev->n_dq - shown);
}

int cmd_inspect(struct cmd *cmd, int argc, char **argv)
{
	const char *format = opt_get(cmd, "format");
	const char *path = opt_get(cmd, "output");
	struct fa_evidence *ev = NULL;
	struct fa_error err;
	char *json = NULL;
	enum fa_code rc;
	FILE *out;
	int json_out, code;

	(void)argc;
	if (format && strcmp(format, "text") != 0 &&
	    strcmp(format, "json") != 0)
		return usage_error(cmd, "unknown format '%s'", format);
	json_out = format && strcmp(format, "json") == 0;
	/* Before the (possibly long) load, so a bad -o fails at once. */
	if (path && cli_outputs_distinct(&path, 1,
					 (const char *const *)&argv[0], 1) != 0)
		return EXIT_USAGE;
	out = cli_output_open(
	    path, opt_get(cmd, "follow-symlinks") ? CLI_OUT_FOLLOW : 0);
	if (!out)
		return EXIT_USAGE;
	fa_error_init(&err);
	rc = fa_evidence_load(&ev, argv[0], &err);
	if (rc == FA_OK && json_out)
		rc = fa_json_inspect(&json, ev, &err);
	if (rc != FA_OK) {
		cli_print_error(&err);
		cli_output_close(out, 0);
		fa_evidence_free(ev);
		return cli_exit_code(rc);
	}
	if (json_out)
		fputs(json, out);
	else
		print_text(out, ev, opt_get(cmd, "all") != NULL);
	free(json);
	fa_evidence_free(ev);
	code = cli_output_close(out, 1) == 0 ? EXIT_COMPLIANT : EXIT_INTERNAL;
	return code;
}
