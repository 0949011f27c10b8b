/* SPDX-License-Identifier: MIT */
/*
 * What pack found, as text in English or Dutch: per table its source, how
 * it was recognised, the encoding and separator, the columns taken, left
 * out and missing, the values rewritten; the tables not supplied and the
 * rules that cannot check without them; the documents; what was left out
 * and what was guessed. Headers and file names are the member's own: they
 * are written through fa_text_write, which escapes control characters.
 * No values from the tables: no personal data. Uses schema, mapping, text.
 */
#include <stdio.h>
#include <string.h>

#include "limits.h"
#include "mapping.h"
#include "pack_impl.h"
#include "text.h"

#define TR(p, en_text, nl_text) ((p)->nl ? (nl_text) : (en_text))

static const char *found_by(const struct fa_pack *p, enum pack_found_by by)
{
	switch (by) {
	case PACK_BY_MANIFEST:
		return TR(p, "named in manifest.xml",
			  "genoemd in manifest.xml");
	case PACK_BY_PROFILE:
		return TR(p, "by the profile's file or sheet names",
			  "aan de bestands- of bladnamen van het profiel");
	case PACK_BY_NAME:
		return TR(p, "by its name", "aan de naam");
	default:
		return TR(p, "by its headers", "aan de kolomkoppen");
	}
}

static const char *encoding_text(char *buf, size_t size,
				 const struct fa_pack *p,
				 const struct pack_source *s)
{
	static const char *const how_en[] = { "byte order mark", "valid",
					      "declared", "GUESSED" };
	static const char *const how_nl[] = { "byte order mark", "geldig",
					      "opgegeven", "GERADEN" };
	if (s->kind == PACK_SHEET)
		return "xlsx";
	snprintf(buf, size, "%s (%s)", fa_encoding_name(s->enc),
		 (p->nl ? how_nl : how_en)[s->enc_how]);
	return buf;
}

static const char *sep_name(const struct fa_pack *p, char sep)
{
	switch (sep) {
	case ';':
		return "';'";
	case ',':
		return "','";
	case '\t':
		return TR(p, "tab", "tab");
	default:
		return "-";
	}
}

static int show_table(FILE *out, const struct fa_pack *p,
		      const struct pack_table *t)
{
	const struct pack_source *s = t->src;
	size_t i, j, n_left = 0, n_missing = 0;
	char enc[64];
	int r = 0;

	r |= fa_text_write(out, "  %-18s %s, ", t->spec->name, s->name);
	if (t->written)
		r |= fa_text_write(out, "%lu %s, ", t->rows,
				   t->rows == 1 ? TR(p, "row", "rij")
						: TR(p, "rows", "rijen"));
	r |= fa_text_write(out, "%s %s\n", TR(p, "recognised", "herkend"),
			   found_by(p, t->by));
	if (s->profile)
		r |= fa_text_write(out, "  %-18s %s %s: %s\n", "",
				   TR(p, "profile", "profiel"),
				   fa_mapping_id(s->profile),
				   fa_mapping_title(s->profile, p->nl));
	if (s->kind == PACK_CSV)
		r |= fa_text_write(out, "  %-18s %s %s, %s %s\n", "",
				   TR(p, "encoding", "codering"),
				   encoding_text(enc, sizeof(enc), p, s),
				   TR(p, "separator", "scheidingsteken"),
				   sep_name(p, s->sep));
	r |= fa_text_write(out, "  %-18s %zu %s %zu %s", "", t->n_known,
			   TR(p, "of", "van de"), t->spec->n_cols,
			   TR(p, "columns", "kolommen"));
	for (i = 0, j = 0; i < t->n_cols; i++)
		if (t->cols[i].how == PACK_MATCH_PROFILE)
			j++;
	if (j)
		r |= fa_text_write(out,
				   TR(p, " (%zu through the profile)",
				      " (%zu via het profiel)"),
				   j);
	r |= fa_text_write(out, "\n");
	if (t->n_converted || t->n_mapped)
		r |= fa_text_write(
		    out, "  %-18s %s", "",
		    TR(p, "values rewritten:", "waarden herschreven:"));
	if (t->n_converted)
		r |= fa_text_write(out,
				   TR(p, " %lu to the package's form",
				      " %lu naar de vorm van het pakket"),
				   t->n_converted);
	if (t->n_mapped)
		r |= fa_text_write(out,
				   TR(p, "%s %lu by the profile's codes",
				      "%s %lu met de codes van het profiel"),
				   t->n_converted ? "," : "", t->n_mapped);
	if (t->n_converted || t->n_mapped)
		r |= fa_text_write(
		    out, "%s%s%s\n",
		    t->n_dutch_dates
			? TR(p, " (dates dd-mm-yyyy)", " (datums dd-mm-jjjj)")
			: "",
		    t->n_decimal_comma
			? TR(p, " (decimal commas)", " (decimale komma's)")
			: "",
		    "");
	for (i = 0; i < t->n_cols; i++)
		if (t->cols[i].col < 0) {
			r |= fa_text_write(
			    out, "%s'%s'",
			    n_left ? ", "
				   : TR(p, "                     left out: ",
					"                     weggelaten: "),
			    t->cols[i].header);
			n_left++;
		}
	if (n_left)
		r |= fa_text_write(out, "\n");
	for (j = 0; j < t->spec->n_cols; j++) {
		const struct fa_column_spec *c = &t->spec->cols[j];

		for (i = 0; i < t->n_cols; i++)
			if (t->cols[i].col == (int)j)
				break;
		if (i < t->n_cols)
			continue;
		r |= fa_text_write(
		    out, "%s%s%s",
		    n_missing ? ", "
			      : TR(p, "                     not supplied: ",
				   "                     niet aangeleverd: "),
		    c->name,
		    c->flags & FA_COL_REQUIRED
			? TR(p, " (REQUIRED)", " (VERPLICHT)")
			: "");
		n_missing++;
	}
	if (n_missing)
		r |= fa_text_write(out, "\n");
	return r;
}

/* "not supplied: 24 rules cannot check (A, B, C and 21 more)" */
static int show_rules(FILE *out, const struct fa_pack *p, const char *table,
		      const char *ids, size_t n)
{
	const char *s = ids;
	size_t shown = 0, len;
	int r;

	r = fa_text_write(out,
			  TR(p, "  %-18s not supplied: %zu %s cannot check (",
			     "  %-18s niet aangeleverd: %zu %s kunnen niet "
			     "controleren ("),
			  table, n,
			  n == 1 ? TR(p, "rule", "regel")
				 : TR(p, "rules", "regels"));
	while (*s && shown < 3) {
		char id[FA_EVAL_NAME_MAX];

		len = strcspn(s, ",");
		snprintf(id, sizeof(id), "%.*s", (int)len, s);
		r |= fa_text_write(out, "%s%s", shown ? ", " : "", id);
		shown++;
		s += len;
		s += strspn(s, ", ");
	}
	if (n > shown)
		r |= fa_text_write(out, TR(p, " and %zu more", " en %zu meer"),
				   n - shown);
	return r | fa_text_write(out, ")\n");
}

enum fa_code fa_show_pack_text(FILE *out, const struct fa_pack *p,
			       struct fa_error *err)
{
	size_t i, j, n_guess = 0;
	int r = 0;

	if (p->man.member_name)
		r |= fa_text_write(out, "%-9s %s (KvK %s, ABU %s)\n",
				   TR(p, "member", "lid"), p->man.member_name,
				   p->man.kvk, p->man.abu_number);
	if (p->man.period_from)
		r |= fa_text_write(out, "%-9s %s %s %s\n",
				   TR(p, "period", "periode"),
				   p->man.period_from,
				   TR(p, "to", "tot en met"), p->man.period_to);
	if (p->config_from)
		r |= fa_text_write(
		    out, "%-9s %s %s%s\n", TR(p, "details", "gegevens"),
		    TR(p, "from the folder's", "uit de map:"), p->config_from,
		    TR(p, " (options go first)", " (opties gaan voor)"));
	if (p->profile_chosen)
		r |= fa_text_write(out, "%-9s %s: %s (--profile, pack.xml)\n",
				   TR(p, "profile", "profiel"),
				   fa_mapping_id(p->profiles[0]),
				   fa_mapping_title(p->profiles[0], p->nl));
	else
		r |= fa_text_write(
		    out, "%-9s %s\n", TR(p, "profile", "profiel"),
		    TR(p,
		       "per table, the one that knows its headers (--profile "
		       "chooses one for all)",
		       "per tabel, het profiel dat de kolomkoppen kent "
		       "(--profile kiest er een voor alle)"));
	r |= fa_text_write(out, "\n%s\n", TR(p, "tables", "tabellen"));
	for (i = 0; i < p->n_tables; i++)
		r |= show_table(out, p, &p->tables[i]);
	for (i = 0; p->missing_rules && i < fa_schema_count(); i++) {
		const struct fa_table_spec *t = fa_schema_table_at(i);

		for (j = 0; j < p->n_tables; j++)
			if (p->tables[j].spec == t)
				break;
		if (j < p->n_tables)
			continue;
		if (p->n_missing_rules[i])
			r |= show_rules(out, p, t->name, p->missing_rules[i],
					p->n_missing_rules[i]);
		else
			r |= fa_text_write(
			    out, "  %-18s %s\n", t->name,
			    TR(p, "not supplied", "niet aangeleverd"));
	}
	r |= fa_text_write(out, "\n%-9s %zu %s\n",
			   TR(p, "documents", "documenten"), p->n_docs,
			   p->n_docs == 1 ? TR(p, "file under documents/",
					       "bestand onder documents/")
					  : TR(p, "files under documents/",
					       "bestanden onder documents/"));
	for (i = 0; i < p->n_ignored; i++)
		r |= fa_text_write(out, "%-9s %s\n",
				   i ? "" : TR(p, "left out", "weggelaten"),
				   p->ignored[i]);
	for (i = 0; i < p->n_srcs; i++) {
		const struct pack_source *s = &p->srcs[i];

		if (s->enc_how != PACK_ENC_GUESSED)
			continue;
		r |= fa_text_write(
		    out,
		    TR(p,
		       "%-9s %s: not UTF-8, read as Windows-1252 (line %lu "
		       "reads '%s'); if that is wrong, save the file as "
		       "\"CSV UTF-8\"\n",
		       "%-9s %s: geen UTF-8, gelezen als Windows-1252 (regel "
		       "%lu leest '%s'); klopt dat niet, sla het bestand dan "
		       "op als \"CSV UTF-8\"\n"),
		    n_guess++ ? "" : TR(p, "guessed", "geraden"), s->name,
		    s->enc_line, s->enc_example);
	}
	if (p->written)
		r |= fa_text_write(
		    out, "\n%-9s %s: %zu %s, %s\n", TR(p, "package", "pakket"),
		    p->output, p->man.n_files + 1, TR(p, "files", "bestanden"),
		    TR(p,
		       "written and checked as inspect "
		       "checks it",
		       "geschreven en gecontroleerd zoals "
		       "inspect controleert"));
	/* fa_text_write fails on a write error (left in out) or for want
	 * of memory */
	return r && !ferror(out) ? fa_error_nomem(err, NULL) : FA_OK;
}
