/* SPDX-License-Identifier: MIT */
/*
 * The report as one self-contained HTML5 file: inline style, hand-written
 * inline SVG charts, no script and no external resource of any kind, so it
 * can be archived, mailed and opened offline years later and shows the
 * same. Laid out for the screen and for A4 paper (page breaks before major
 * sections, table headers repeated, long values wrapped). Every string
 * from the model goes through fa_html_esc(); markup and numbers are the only
 * things written unescaped. Uses the report model only.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "report_html_impl.h"

static void failed(struct html *h)
{
	if (!h->failed)
		h->errnum = errno;
	h->failed = 1;
}

static void put(struct html *h, const void *p, size_t n)
{
	if (n && !h->failed && fwrite(p, 1, n, h->out) != n)
		failed(h);
}

void fa_html_raw(struct html *h, const char *s)
{
	put(h, s, strlen(s));
}

/* Markup with numbers; never a string from the model (fa_html_esc() those). */
void fa_html_fmt(struct html *h, const char *f, ...)
{
	va_list ap;

	if (h->failed)
		return;
	va_start(ap, f);
	if (vfprintf(h->out, f, ap) < 0)
		failed(h);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at s, or 0. Overlong forms and
 * surrogates are invalid, so a browser cannot read them another way. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned long v;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0; /* also stops at the NUL */
		v = v << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
	    (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
		return 0;
	return n;
}

/*
 * The one escape function: & < > " ' become references, so a value is
 * safe in text and in quoted attributes alike; control characters and
 * invalid UTF-8 become U+FFFD, which keeps the file valid HTML whatever a
 * package holds. NULL writes nothing.
 */
void fa_html_esc(struct html *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;

	if (!s)
		return;
	while (*p) {
		const char *rep = NULL;
		size_t len = 1;

		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\t':
		case '\n':
		case '\r':
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				rep = "&#xFFFD;";
			else if (*p >= 0x80 && (len = utf8_len(p)) == 0)
				rep = "&#xFFFD;", len = 1;
		}
		if (rep) {
			put(h, run, (size_t)(p - run));
			fa_html_raw(h, rep);
			run = p + len;
		}
		p += len;
	}
	put(h, run, (size_t)(p - run));
}

/* A label in the report's language (escaped: labels are values too). */
void fa_html_tr(struct html *h, const char *en, const char *nl)
{
	fa_html_esc(h, fa_report_tr(h->r, en, nl));
}

/* A value, or a dash when there is none. */
void fa_html_val(struct html *h, const char *s)
{
	if (s && *s)
		fa_html_esc(h, s);
	else
		fa_html_raw(h, "&#8211;");
}

void fa_html_td(struct html *h, const char *s)
{
	fa_html_raw(h, "<td>");
	fa_html_val(h, s);
	fa_html_raw(h, "</td>");
}

void fa_html_td_num(struct html *h, size_t n)
{
	fa_html_fmt(h, "<td class=\"num\">%zu</td>", n);
}

/* A whole number, -1 for unknown. */
void fa_html_td_int(struct html *h, int64_t n)
{
	if (n < 0)
		fa_html_raw(h, "<td class=\"num\">&#8211;</td>");
	else
		fa_html_fmt(h, "<td class=\"num\">%" PRId64 "</td>", n);
}

void fa_html_money(struct html *h, int64_t cents)
{
	char buf[32];

	if (cents < 0) {
		fa_html_raw(h, "&#8211;");
		return;
	}
	fa_html_raw(h, "&#8364;&#160;");
	fa_html_esc(h, fa_report_money(buf, sizeof(buf), cents));
}

void fa_html_td_money(struct html *h, int64_t cents)
{
	fa_html_raw(h, "<td class=\"num\">");
	fa_html_money(h, cents);
	fa_html_raw(h, "</td>");
}

void fa_html_table_open(struct html *h, const char *cls, const struct col *c,
			size_t n)
{
	size_t i;

	fa_html_raw(h, "<table class=\"");
	fa_html_raw(h, cls);
	fa_html_raw(h, "\"><colgroup>");
	for (i = 0; i < n; i++)
		fa_html_fmt(h, "<col style=\"width:%d%%\">", c[i].pct);
	fa_html_raw(h, "</colgroup><thead><tr>");
	for (i = 0; i < n; i++) {
		fa_html_raw(h, "<th>");
		fa_html_tr(h, c[i].en, c[i].nl);
		fa_html_raw(h, "</th>");
	}
	fa_html_raw(h, "</tr></thead><tbody>\n");
}

void fa_html_table_close(struct html *h)
{
	fa_html_raw(h, "</tbody></table>\n");
}

/* ---- words ----------------------------------------------------------------
 */

void fa_html_outcome(struct html *h, enum fa_outcome o)
{
	static const char *const en[FA_OUTCOME_COUNT] = {
		"pass",		"fail",	 "not applicable",
		"needs review", "error", "not checked",
	};
	static const char *const nl[FA_OUTCOME_COUNT] = {
		"voldoet",	 "afwijking", "n.v.t.",
		"te beoordelen", "fout",      "niet gecontroleerd",
	};

	fa_html_fmt(h, "<span class=\"o-%s\">", fa_outcome_key(o));
	fa_html_tr(h, en[o], nl[o]);
	fa_html_raw(h, "</span>");
}

void fa_html_severity(struct html *h, enum fa_severity s)
{
	switch (s) {
	case FA_SEV_MAJOR:
		fa_html_tr(h, "A (major)", "A (zwaar)");
		break;
	case FA_SEV_MINOR:
		fa_html_tr(h, "B (minor)", "B (licht)");
		break;
	case FA_SEV_OBSERVATION:
		fa_html_tr(h, "observation", "observatie");
		break;
	}
}

/*
 * "rule S · values P": how sure the reading of the norm is, and the
 * weakest of the values read (a dash when none); marked when either is
 * U or NF. Letters only: the legend (fa_html_confidence_legend) says
 * what they mean.
 */
void fa_html_confidence(struct html *h, const struct fa_rule *rule,
			int reads_values, enum fa_confidence values)
{
	int weak = rule->confidence >= FA_CONF_U ||
		   (reads_values && values >= FA_CONF_U);

	fa_html_raw(h, weak ? "<span class=\"conf weak\">"
			    : "<span class=\"conf\">");
	fa_html_tr(h, "rule ", "regel ");
	fa_html_raw(h, fa_confidence_name(rule->confidence));
	fa_html_raw(h, " &#183; ");
	fa_html_tr(h, "values ", "waarden ");
	fa_html_raw(h, reads_values ? fa_confidence_name(values) : "&#8211;");
	fa_html_raw(h, "</span>");
}

void fa_html_confidence_legend(struct html *h)
{
	fa_html_raw(h, "<p class=\"note\">");
	fa_html_tr(
	    h,
	    "Confidence, next to each rule: \"rule\" is how sure the "
	    "reading of the norm is; \"values\" the weakest of the "
	    "parameter values and tables its check read (for a failure, of "
	    "those it rests on). P primary source; S secondary source, to "
	    "check against the primary text; U uncertain; NF not found, a "
	    "placeholder; a dash: no value read. A result that rests on a U "
	    "or NF value is at most needs review.",
	    "Betrouwbaarheid, bij elke regel: \"regel\" is hoe zeker de "
	    "lezing van de norm is; \"waarden\" de zwakste van de "
	    "parameterwaarden en tabellen die de controle las (bij een "
	    "afwijking: van die waarop zij steunt). P primaire bron; S "
	    "secundaire bron, te toetsen aan de primaire tekst; U onzeker; NF "
	    "niet gevonden, een plaatshouder; een streepje: geen waarde "
	    "gelezen. Een uitkomst die op een U- of NF-waarde steunt, is "
	    "hooguit te beoordelen.");
	fa_html_raw(h, "</p>\n");
}

/*
 * A subject; with reveal_personal, the worker's personal data next to it
 * (the subject up to its first '/' is the employee number). Without it
 * nothing but the subject is written: the model holds no personal data.
 */
void fa_html_subject(struct html *h, const char *s)
{
	const struct fa_report_person *p = fa_report_subject_person(h->r, s);

	fa_html_val(h, s);
	if (!p)
		return;
	fa_html_raw(h, "<div class=\"pd\">");
	fa_html_esc(h, p->name);
	fa_html_raw(h, " &#183; BSN ");
	fa_html_val(h, p->bsn);
	fa_html_raw(h, " &#183; ");
	fa_html_tr(h, "born ", "geboren ");
	fa_html_val(h, p->birth_date);
	fa_html_raw(h, "</div>");
}

/* ---- sections ------------------------------------------------------------ */

struct part {
	const char *id, *en, *nl;
};

static const struct part parts[FA_HTML_P_COUNT] = {
	{ "cover", "Audit details", "Gegevens van de audit" },
	{ "cautions", "Caution: uncertain and placeholder values",
	  "Let op: onzekere waarden en plaatshouders" },
	{ "verdict", "Verdict and deviations", "Oordeel en afwijkingen" },
	{ "charts", "Charts", "Grafieken" },
	{ "findings", "Findings per rule set", "Uitkomsten per regelset" },
	{ "housing", "Housing per location", "Huisvesting per locatie" },
	{ "deductions", "Deductions above the allowed amount",
	  "Inhoudingen boven het toegestane bedrag" },
	{ "mismatches", "Norm mismatches", "Normverschillen" },
	{ "checklist", "Inspector's checklist",
	  "Checklist voor de inspecteur" },
	{ "data-quality", "Data quality", "Datakwaliteit" },
	{ "annex", "Annex: evidence files", "Bijlage: bewijsbestanden" },
};

/* Opens a section; brk: it starts a new printed page. */
void fa_html_section_open(struct html *h, enum fa_html_part p, int brk)
{
	fa_html_fmt(h, "\n<section id=\"%s\"%s>\n<h2>", parts[p].id,
		    brk ? " class=\"brk\"" : "");
	fa_html_tr(h, parts[p].en, parts[p].nl);
	fa_html_raw(h, "</h2>\n");
}

void fa_html_set_name(struct html *h, const struct fa_ruleset *s)
{
	fa_html_esc(h, s->id);
	fa_html_raw(h, " ");
	fa_html_esc(h, s->edition);
}

static void contents(struct html *h)
{
	const struct fa_report *r = h->r;
	size_t i;
	int p;

	fa_html_raw(h, "<nav id=\"contents\"><h2>");
	fa_html_tr(h, "Contents", "Inhoud");
	fa_html_raw(h, "</h2><ol>");
	for (p = 0; p < FA_HTML_P_COUNT; p++) {
		if (p == FA_HTML_P_CAUTIONS && !r->n_cautions)
			continue;
		fa_html_fmt(h, "<li><a href=\"#%s\">", parts[p].id);
		fa_html_tr(h, parts[p].en, parts[p].nl);
		fa_html_raw(h, "</a>");
		if (p == FA_HTML_P_FINDINGS && r->n_sections) {
			fa_html_raw(h, "<ul>");
			for (i = 0; i < r->n_sections; i++) {
				fa_html_fmt(h, "<li><a href=\"#set-%zu\">",
					    i + 1);
				fa_html_set_name(h, r->sections[i].set);
				fa_html_raw(h,
					    "</a></li> "); /* a place to wrap */
			}
			fa_html_raw(h, "</ul>");
		}
		fa_html_raw(h, "</li>");
	}
	fa_html_raw(h, "</ol></nav>\n");
}

/* A key-value row; the next one (or kv_end) closes it. */
static void kv(struct html *h, const char *en, const char *nl)
{
	fa_html_raw(h, h->kv_open ? "</td></tr>\n<tr><th>" : "<tr><th>");
	h->kv_open = 1;
	fa_html_tr(h, en, nl);
	fa_html_raw(h, "</th><td>");
}

static void cover(struct html *h)
{
	const struct fa_report *r = h->r;
	const struct fa_manifest *m = r->ev->manifest;
	const struct fa_sample *s = r->sample;
	static const struct col sets[] = {
		{ "Rule set", "Regelset", 12 },
		{ "Edition", "Editie", 10 },
		{ "File", "Bestand", 21 },
		{ "Content SHA-256", "SHA-256 van de inhoud", 57 },
	};
	size_t i;

	fa_html_section_open(h, FA_HTML_P_COVER, 0);
	fa_html_raw(h, "<table class=\"kv\"><tbody>\n");
	kv(h, "Member", "Lid");
	fa_html_val(h, m->member_name);
	kv(h, "KvK number", "KvK-nummer");
	fa_html_val(h, m->kvk);
	kv(h, "ABU number", "ABU-nummer");
	fa_html_val(h, m->abu_number);
	kv(h, "Audit period", "Auditperiode");
	fa_html_val(h, m->period_from);
	fa_html_raw(h, " &#8211; ");
	fa_html_val(h, m->period_to);
	kv(h, "Audit date", "Auditdatum");
	fa_html_val(h, r->e->audit_date);
	if (fa_report_date_outside_period(r)) {
		fa_html_raw(h, " <strong>");
		fa_html_tr(h,
			   "outside the audit period: the package's evidence "
			   "does not cover this date",
			   "buiten de auditperiode: het bewijs in het pakket "
			   "dekt deze datum niet");
		fa_html_raw(h, "</strong>");
	}
	kv(h, "Generated", "Gemaakt");
	fa_html_val(h, r->generated_at);
	kv(h, "Mode", "Modus");
	if (!s) {
		fa_html_tr(h, "self-assessment: every personnel file",
			   "zelfevaluatie: elk personeelsdossier");
	} else {
		fa_html_tr(h, "inspection: a sample of ",
			   "inspectie: steekproef van ");
		fa_html_fmt(h, "%zu ", s->n);
		fa_html_tr(h, "of ", "van ");
		fa_html_fmt(h, "%zu ", s->population);
		fa_html_tr(h, "personnel files, seed ",
			   "personeelsdossiers, seed ");
		fa_html_fmt(h, "%" PRIu64, s->seed);
		fa_html_tr(h, ", algorithm ", ", algoritme ");
		fa_html_raw(h, "splitmix64 + partial Fisher-Yates "
			       "(docs/sampling.md); ");
		/* up to hundreds of numbers: the annex, not the first page */
		fa_html_tr(h, "the files drawn are listed in the ",
			   "de getrokken dossiers staan in de ");
		fa_html_raw(h, "<a href=\"#annex\">");
		fa_html_tr(h, "annex", "bijlage");
		fa_html_raw(h, "</a>");
	}
	kv(h, "Tool", "Programma");
	fa_html_raw(h, "flexaudit ");
	fa_html_val(h, r->version);
	kv(h, "Package produced", "Pakket gemaakt");
	fa_html_val(h, m->producer_name);
	fa_html_raw(h, ", ");
	fa_html_val(h, m->produced_at);
	kv(h, "Package SHA-256", "SHA-256 van het pakket");
	fa_html_raw(h, "<span class=\"mono\">");
	fa_html_val(h, r->ev->package_sha256);
	fa_html_raw(h, "</span></td></tr>\n</tbody></table>\n");
	h->kv_open = 0;
	fa_html_table_open(h, "small", sets, sizeof(sets) / sizeof(sets[0]));
	for (i = 0; i < r->sets->n; i++) {
		const struct fa_ruleset *rs = r->sets->sets[i];

		fa_html_raw(h, "<tr>");
		fa_html_td(h, rs->id);
		fa_html_td(h, rs->edition);
		fa_html_td(h, rs->path);
		fa_html_raw(h, "<td class=\"mono\">");
		fa_html_val(h, rs->sha256);
		fa_html_raw(h, "</td></tr>\n");
	}
	fa_html_table_close(h);
	fa_html_raw(h, "</section>\n");
}

static void cautions(struct html *h)
{
	const struct fa_report *r = h->r;
	size_t i;

	if (!r->n_cautions)
		return;
	fa_html_fmt(h, "\n<section id=\"%s\" class=\"caution\">\n<h2>",
		    parts[FA_HTML_P_CAUTIONS].id);
	fa_html_tr(h, parts[FA_HTML_P_CAUTIONS].en,
		   parts[FA_HTML_P_CAUTIONS].nl);
	fa_html_raw(h, "</h2><p>");
	fa_html_tr(
	    h,
	    "These rules rest on values whose source is uncertain (U) or "
	    "not found (NF, a placeholder). Their fail and needs-review "
	    "findings (the number after each rule) must be checked by a "
	    "person before they are relied on.",
	    "Deze regels steunen op waarden met een onzekere bron (U) of "
	    "zonder gevonden bron (NF, een plaatshouder). Hun afwijkingen en "
	    "te beoordelen punten (het getal na elke regel) moet een mens "
	    "nakijken voordat erop wordt vertrouwd.");
	fa_html_raw(h, "</p><ul class=\"cols\">");
	for (i = 0; i < r->n_cautions; i++) {
		const struct fa_report_caution *c = &r->cautions[i];

		fa_html_raw(h, "<li><b>");
		fa_html_esc(h, c->rule->id);
		fa_html_raw(h, "</b> ");
		fa_html_raw(h, (c->flags & FA_FINDING_UNCERTAIN) ? "U" : "");
		fa_html_raw(h, (c->flags & FA_FINDING_UNCERTAIN) &&
				       (c->flags & FA_FINDING_PLACEHOLDER)
				   ? "+"
				   : "");
		fa_html_raw(h, (c->flags & FA_FINDING_PLACEHOLDER) ? "NF" : "");
		fa_html_fmt(h, " &#183; %zu</li>", c->n_not_pass);
	}
	fa_html_raw(h, "</ul></section>\n");
}

/* ---- the whole ----------------------------------------------------------- */

/*
 * Print: A4 with page numbers in the margin, a page break before each
 * major section, table headers repeated on every page, rows kept whole,
 * colours printed as on screen (verdict, chart bars, warnings carry
 * meaning). Fonts are the reader's own: no font is fetched.
 */
static const char style[] =
    "@page{size:A4;margin:14mm 13mm 16mm 13mm;@bottom-right{"
    "content:counter(page) \" / \" counter(pages);font:8pt sans-serif;"
    "color:#555}}\n"
    "html{font:10pt/1.35 \"DejaVu Sans\",\"Liberation Sans\",Arial,"
    "sans-serif;color:#111;background:#fff;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "body{max-width:184mm;margin:0 auto;padding:6mm 4mm}\n"
    "h1{font-size:17pt;margin:0 0 1mm}\n"
    "h1+p{margin:0 0 3mm;color:#444}\n"
    "h2{font-size:13.5pt;margin:5mm 0 2mm;padding-bottom:1mm;"
    "border-bottom:2px solid #23405e;color:#23405e;break-after:avoid}\n"
    "h3{font-size:11pt;margin:4mm 0 2mm;break-after:avoid}\n"
    "section.brk{break-before:page}\n"
    "@media screen{section.brk{margin-top:10mm;padding-top:2mm;"
    "border-top:1px dashed #aab}}\n"
    "nav h2{font-size:11pt;border:0;margin:2mm 0 1mm}\n"
    "nav ol{columns:2;margin:0 0 3mm;padding-left:6mm;font-size:9pt}\n"
    "nav ul{padding-left:4mm;margin:0;list-style:none}\n"
    "nav ul li{display:inline;margin-right:3mm;white-space:nowrap}\n"
    "a{color:#1d4f8a}\n"
    "table{border-collapse:collapse;width:100%;table-layout:fixed;"
    "margin:1mm 0 4mm}\n"
    "th,td{border:1px solid #b9c0c8;padding:.8mm 1.4mm;text-align:left;"
    "vertical-align:top;overflow-wrap:anywhere}\n"
    "th{background:#e6ecf2;font-weight:600;overflow-wrap:break-word}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid}\n"
    "table.kv th{width:40mm}\n"
    "table.small{font-size:8pt}\n"
    "table.small th{font-size:7.5pt}\n"
    "table.dense td{padding:.4mm 1.2mm}\n"
    "table.narrow,table.counts{width:60%}\n"
    "table.counts th{font-weight:normal}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    ".num div{white-space:normal}\n"
    ".note{font-size:8pt;color:#444}\n"
    ".mono,code{font-family:\"DejaVu Sans Mono\",monospace;font-size:7pt}\n"
    "td.mono{font-size:6.5pt}\n"
    ".sub{color:#555;font-size:.92em}\n"
    ".ids{font-size:8.5pt;color:#333}\n"
    "table.kv{font-size:9pt}\n"
    "table.kv th,table.kv td{padding:.4mm 1.4mm}\n"
    ".pd{color:#6b2b00;font-size:.92em}\n"
    ".caution{border:2px solid #c27400;background:#fff5e3;"
    "padding:1mm 4mm 2mm;margin:3mm 0}\n"
    ".caution h2{border:0;color:#8a4b00;margin:1mm 0}\n"
    ".caution p{margin:1mm 0}\n"
    "ul.cols{columns:2;font-size:8.5pt;margin:1mm 0;padding-left:5mm}\n"
    ".verdict{font-size:13pt;padding:2mm 4mm;border-left:6px solid}\n"
    ".verdict.pos{border-color:#2e7d4f;background:#eaf6ee}\n"
    ".verdict.posb{border-color:#e8a317;background:#fdf6e3}\n"
    ".verdict.neg{border-color:#b3261e;background:#fbeaea}\n"
    ".verdict.inc{border-color:#555;background:#eee}\n"
    ".o-fail,.bad{color:#b3261e;font-weight:600}\n"
    ".o-review{color:#3b6ea8;font-weight:600}\n"
    ".o-error{color:#fff;background:#b3261e;padding:0 1mm}\n"
    ".o-pass,.ok{color:#2e7d4f}\n"
    "tr.rule td{background:#f1f3f6;border-top:2px solid #8a96a3}\n"
    ".title{font-weight:600;margin-top:.5mm}\n"
    ".fix{margin-top:.6mm}\n"
    ".ask{margin-top:.6mm;color:#23405e}\n"
    ".ev{color:#444;margin-top:.5mm;font-size:.92em}\n"
    ".flag{display:inline-block;border:1px solid #888;border-radius:2px;"
    "padding:0 1mm;font-size:7pt;margin-top:.5mm}\n"
    ".flag.warn{border-color:#c27400;color:#8a4b00;background:#fff5e3}\n"
    ".conf{border:1px solid #888;border-radius:2px;padding:0 1mm;"
    "font-size:7.5pt;font-weight:normal;white-space:nowrap}\n"
    ".conf.weak{border-color:#c27400;color:#8a4b00;background:#fff5e3}\n"
    ".ph{background:#fff5e3}\n"
    ".box{font-size:14pt;text-align:center}\n"
    "table.checklist td{height:9mm}\n"
    "figure{margin:2mm 0 6mm;break-inside:avoid}\n"
    "figcaption{font-size:9pt;color:#444}\n"
    "svg{width:100%;height:auto;font:12px sans-serif}\n"
    "svg .lbl{font-weight:600}\n"
    "footer{margin-top:8mm;font-size:8pt;color:#666}\n";

enum fa_code fa_report_write_html(FILE *out, const struct fa_report *r,
				  struct fa_error *err)
{
	struct html h = { out, r, 0, 0, 0 };
	const struct fa_manifest *m = r->ev->manifest;

	fa_html_fmt(&h,
		    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n<title>",
		    r->opt.nl ? "nl" : "en");
	fa_html_tr(&h, "Audit report: ", "Auditrapport: ");
	fa_html_esc(&h, m->member_name);
	fa_html_raw(&h, " (");
	fa_html_esc(&h, r->e->audit_date);
	fa_html_raw(&h, ")</title>\n<style>\n");
	fa_html_raw(&h, style);
	fa_html_raw(&h, "</style>\n</head>\n<body>\n<header><h1>");
	fa_html_tr(&h, "Audit report", "Auditrapport");
	fa_html_raw(&h, "</h1><p>");
	fa_html_esc(&h, m->member_name);
	fa_html_raw(&h, " &#183; ");
	fa_html_tr(&h, "audit date ", "auditdatum ");
	fa_html_esc(&h, r->e->audit_date);
	fa_html_raw(&h, " &#183; flexaudit ");
	fa_html_esc(&h, r->version);
	fa_html_raw(&h, "</p></header>\n");
	contents(&h);
	cover(&h);
	cautions(&h);
	fa_html_verdict(&h);
	fa_html_charts(&h);
	fa_html_findings(&h);
	fa_html_housing(&h);
	fa_html_deductions(&h);
	fa_html_mismatches(&h);
	fa_html_checklist(&h);
	fa_html_data_quality(&h);
	fa_html_annex(&h);
	fa_html_raw(&h, "\n<footer>flexaudit ");
	fa_html_esc(&h, r->version);
	fa_html_raw(&h, " &#183; ");
	fa_html_esc(&h, r->generated_at);
	fa_html_raw(&h, "</footer>\n</body>\n</html>\n");
	if (!h.failed && (fflush(out) != 0 || ferror(out)))
		failed(&h);
	if (h.failed)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot write the HTML report: %s",
				    h.errnum ? strerror(h.errnum)
					     : "write error");
	return FA_OK;
}
