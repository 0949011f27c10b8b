/* SPDX-License-Identifier: MIT */
/*
 * Writing manifest.xml: the manifest model as the XML that
 * fa_manifest_parse reads back. Part of the manifest module (manifest.h).
 * libc only (open_memstream).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

/* Text or attribute value with the five XML specials escaped. The model
 * holds UTF-8 without control characters (the parser and the pack's
 * checks see to it), so nothing else needs escaping. */
static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void put_element(FILE *f, const char *indent, const char *name,
			const char *text)
{
	fprintf(f, "%s<%s>", indent, name);
	put_escaped(f, text);
	fprintf(f, "</%s>\n", name);
}

static void put_file(FILE *f, const struct fa_manifest_file *mf)
{
	fputs("    <file path=\"", f);
	put_escaped(f, mf->path);
	if (mf->role == FA_ROLE_TABLE) {
		fputs("\" role=\"table\" table=\"", f);
		put_escaped(f, mf->table);
	} else {
		fputs("\" role=\"document", f);
	}
	fputc('"', f);
	if (mf->role == FA_ROLE_TABLE && mf->encoding != FA_ENC_UTF8)
		fprintf(f, " encoding=\"%s\"", fa_encoding_name(mf->encoding));
	fprintf(f, " sha256=\"%s\"/>\n", mf->sha256);
}

enum fa_code fa_manifest_write(char **out, size_t *len,
			       const struct fa_manifest *m,
			       struct fa_error *err)
{
	char *buf = NULL;
	size_t n = 0, i;
	FILE *f;
	int bad;

	*out = NULL;
	*len = 0;
	f = open_memstream(&buf, &n);
	if (!f)
		return fa_error_nomem(err, "manifest.xml");
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<package xmlns=\"urn:flexaudit:evidence-package:1\" "
	      "format=\"1\">\n  <member>\n",
	      f);
	put_element(f, "    ", "name", m->member_name);
	put_element(f, "    ", "kvk", m->kvk);
	put_element(f, "    ", "abu-number", m->abu_number);
	fprintf(f, "  </member>\n  <audit-period from=\"%s\" to=\"%s\"/>\n",
		m->period_from, m->period_to);
	fputs("  <producer>\n", f);
	put_element(f, "    ", "name", m->producer_name);
	if (m->producer_system)
		put_element(f, "    ", "system", m->producer_system);
	fputs("  </producer>\n", f);
	put_element(f, "  ", "produced-at", m->produced_at);
	fputs("  <files>\n", f);
	for (i = 0; i < m->n_files; i++)
		put_file(f, &m->files[i]);
	fputs("  </files>\n</package>\n", f);
	bad = ferror(f);
	if (fclose(f) != 0 || bad || !buf) {
		free(buf);
		return fa_error_nomem(err, "manifest.xml");
	}
	*out = buf;
	*len = n;
	return FA_OK;
}
