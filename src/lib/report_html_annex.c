/* SPDX-License-Identifier: MIT */
/*
 * The HTML report's annex of evidence files: the data tables with their
 * SHA-256, the documents that findings refer to (each row an anchor the
 * findings link to), and the other documents counted per file type: the
 * JSON report and the package's manifest list every one. With --all
 * every document is listed. See report_html_impl.h.
 */
#include <ctype.h>
#include <string.h>

#include "report_html_impl.h"

/* File types counted apart; more fall under "other". */
#define ANNEX_TYPES 12

struct file_type {
	const char *ext; /* after the last '.' of the name, or "" */
	size_t len;
	size_t n;
};

static const char *extension(const char *path, size_t *len)
{
	const char *name = strrchr(path, '/');
	const char *dot;

	name = name ? name + 1 : path;
	dot = strrchr(name, '.');
	if (!dot || dot == name) {
		*len = 0;
		return "";
	}
	*len = strlen(dot + 1);
	return dot + 1;
}

static int same_ext(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i;

	if (la != lb)
		return 0;
	for (i = 0; i < la; i++)
		if (tolower((unsigned char)a[i]) !=
		    tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* A file of the manifest as a row, an anchor the findings link to:
 * path, the table it holds (tables only), SHA-256. */
static void file_row(struct html *h, size_t i)
{
	const struct fa_manifest_file *f = &h->r->ev->manifest->files[i];

	fa_html_fmt(h, "<tr id=\"file-%zu\">", i + 1);
	fa_html_td(h, f->path);
	if (f->role == FA_ROLE_TABLE)
		fa_html_td_code(h, f->table);
	fa_html_raw(h, "<td class=\"mono\">");
	fa_html_esc(h, f->sha256);
	fa_html_raw(h, "</td></tr>\n");
}

/* The documents not listed, counted per file type. */
static void other_documents(struct html *h, size_t n_other)
{
	const struct fa_manifest *m = h->r->ev->manifest;
	struct file_type t[ANNEX_TYPES];
	size_t i, k, n_t = 0, rest = 0;

	for (i = 0; i < m->n_files; i++) {
		size_t len;
		const char *ext;

		if (m->files[i].role == FA_ROLE_TABLE || h->doc_ref[i])
			continue;
		ext = extension(m->files[i].path, &len);
		for (k = 0; k < n_t && !same_ext(t[k].ext, t[k].len, ext, len);
		     k++)
			;
		if (k == n_t && n_t == ANNEX_TYPES) {
			rest++;
			continue;
		}
		if (k == n_t) {
			t[k].ext = ext;
			t[k].len = len;
			t[k].n = 0;
			n_t++;
		}
		t[k].n++;
	}
	fa_html_raw(h, "<p>");
	fa_html_tr(h, "The other ", "De andere ");
	fa_html_counted(h, n_other, "document", "documents", "document",
			"documenten");
	fa_html_tr(h, ", by file type: ", ", per bestandstype: ");
	for (k = 0; k < n_t; k++) {
		fa_html_raw(h, k ? ", " : "");
		fa_html_count(h, t[k].n);
		fa_html_raw(h, " ");
		if (t[k].len)
			fa_html_esc_n(h, t[k].ext, t[k].len);
		else
			fa_html_tr(h, "without extension", "zonder extensie");
	}
	if (rest) {
		fa_html_raw(h, ", ");
		fa_html_count(h, rest);
		fa_html_tr(h, " other", " overige");
	}
	fa_html_tr(
	    h,
	    ". The JSON report (its annex) and the package's "
	    "manifest.xml list each with its SHA-256; --all lists them "
	    "here.",
	    ". Het JSON-rapport (de bijlage daarin) en manifest.xml van "
	    "het pakket noemen elk met de SHA-256; --all noemt ze hier.");
	fa_html_raw(h, "</p>\n");
}

void fa_html_annex(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_manifest *m = r->ev->manifest;
	static const struct col tcols[] = {
		{ "File", "Bestand", 28 },
		{ "Table", "Tabel", 19 },
		{ "SHA-256", "SHA-256", 53 },
	};
	static const struct col dcols[] = {
		{ "File", "Bestand", 47 },
		{ "SHA-256", "SHA-256", 53 },
	};
	size_t i, n_docs = 0, n_ref = 0;

	for (i = 0; i < m->n_files; i++)
		if (m->files[i].role != FA_ROLE_TABLE) {
			n_docs++;
			n_ref += h->doc_ref[i] != 0;
		}
	fa_html_section_open(h, FA_HTML_P_ANNEX);
	fa_html_raw(h, "<p>");
	fa_html_counted(h, m->n_files, "file listed in the manifest",
			"files listed in the manifest",
			"bestand in het manifest", "bestanden in het manifest");
	fa_html_raw(h, ", ");
	fa_html_count(h, r->ev->n_files_verified);
	fa_html_tr(
	    h, " verified against their SHA-256. Package SHA-256: ",
	    " gecontroleerd tegen hun SHA-256. SHA-256 van het pakket: ");
	fa_html_raw(h, "<span class=\"mono\">");
	fa_html_esc(h, r->ev->package_sha256);
	fa_html_raw(h, "</span></p>\n");
	if (r->sample) {
		fa_html_raw(h, "<h3>");
		fa_html_tr(h, "Personnel files in the sample",
			   "Personeelsdossiers in de steekproef");
		fa_html_fmt(h, " (%zu)</h3>\n<p class=\"ids\">", r->sample->n);
		for (i = 0; i < r->sample->n; i++) {
			fa_html_raw(h, i ? " " : "");
			fa_html_esc(h, r->sample->ids[i]);
		}
		fa_html_raw(h, "</p>\n");
	}
	fa_html_raw(h, "<h3>");
	fa_html_tr(h, "Data tables", "Gegevenstabellen");
	fa_html_raw(h, "</h3>\n");
	fa_html_table_open(h, "small dense", tcols,
			   sizeof(tcols) / sizeof(tcols[0]));
	for (i = 0; i < m->n_files; i++)
		if (m->files[i].role == FA_ROLE_TABLE)
			file_row(h, i);
	fa_html_table_close(h);
	fa_html_raw(h, "<h3>");
	if (r->opt.all)
		fa_html_tr(h, "Documents", "Documenten");
	else
		fa_html_tr(h, "Documents that findings refer to",
			   "Documenten waarnaar uitkomsten verwijzen");
	fa_html_fmt(h, " (%zu)</h3>\n", r->opt.all ? n_docs : n_ref);
	if (r->opt.all ? n_docs : n_ref) {
		fa_html_table_open(h, "small dense", dcols,
				   sizeof(dcols) / sizeof(dcols[0]));
		for (i = 0; i < m->n_files; i++)
			if (m->files[i].role != FA_ROLE_TABLE &&
			    (r->opt.all || h->doc_ref[i]))
				file_row(h, i);
		fa_html_table_close(h);
	} else {
		fa_html_raw(h, "<p>");
		fa_html_tr(h, "None.", "Geen.");
		fa_html_raw(h, "</p>\n");
	}
	if (!r->opt.all && n_docs > n_ref)
		other_documents(h, n_docs - n_ref);
	fa_html_raw(h, "</section>\n");
}
