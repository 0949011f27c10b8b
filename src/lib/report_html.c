/* SPDX-License-Identifier: MIT */
/*
 * The HTML writer's means: the one escape function, numbers and money in
 * the report's language, the words for outcomes and classes, the
 * filters' attributes of a block and where a finding's evidence is. Every
 * string from the model goes through fa_html_esc(); markup and numbers
 * are the only things written unescaped. See report_html_impl.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
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

/* Length of the valid UTF-8 sequence at s, of at most max bytes, or 0.
 * Overlong forms and surrogates are invalid, so a browser cannot read
 * them another way. */
static size_t utf8_len(const unsigned char *s, size_t max)
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
	if (n > max)
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
	if (s)
		fa_html_esc_n(h, s, strlen(s));
}

void fa_html_esc_n(struct html *h, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + n;
	const unsigned char *run = p;

	while (p < end) {
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
			else if (*p >= 0x80 &&
				 (len = utf8_len(p, (size_t)(end - p))) == 0)
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

void fa_html_count(struct html *h, size_t n)
{
	char buf[FA_NUMFMT_LEN];

	fa_html_esc(
	    h, fa_numfmt_number(buf, sizeof(buf), (double)n, 0, h->r->opt.nl));
}

void fa_html_counted(struct html *h, size_t n, const char *en1, const char *en,
		     const char *nl1, const char *nl)
{
	fa_html_count(h, n);
	fa_html_raw(h, " ");
	if (n == 1)
		fa_html_tr(h, en1, nl1);
	else
		fa_html_tr(h, en, nl);
}

void fa_html_dec(struct html *h, double x, int decimals)
{
	char buf[FA_NUMFMT_LEN];

	fa_html_esc(
	    h, fa_numfmt_number(buf, sizeof(buf), x, decimals, h->r->opt.nl));
}

void fa_html_money(struct html *h, int64_t cents)
{
	char buf[FA_NUMFMT_LEN];

	if (cents == -1) {
		fa_html_raw(h, "&#8211;");
		return;
	}
	fa_html_raw(h, "<span class=\"eur\">");
	fa_html_esc(h, fa_report_eur(h->r, buf, sizeof(buf), cents));
	fa_html_raw(h, "</span>");
}

void fa_html_td(struct html *h, const char *s)
{
	fa_html_raw(h, "<td>");
	fa_html_val(h, s);
	fa_html_raw(h, "</td>");
}

int fa_html_bar_len(int64_t v, int64_t max)
{
	return max > 0 && v > 0
		   ? (int)((double)v * FA_HTML_CHART_BAR / (double)max + 0.5)
		   : 0;
}

void fa_html_legend(struct html *h, int x, const char *color, const char *en,
		    const char *nl)
{
	fa_html_fmt(
	    h,
	    "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
	    "<text x=\"%d\" y=\"16\">",
	    x, color, x + 16);
	fa_html_tr(h, en, nl);
	fa_html_raw(h, "</text>");
}

/* A cell holding an identifier (a table name, a concept key, a rule-set
 * id): not a word of the report's language, so in code font. */
void fa_html_td_code(struct html *h, const char *s)
{
	fa_html_raw(h, "<td><code>");
	fa_html_val(h, s);
	fa_html_raw(h, "</code></td>");
}

void fa_html_td_num(struct html *h, size_t n)
{
	fa_html_raw(h, "<td class=\"num\">");
	fa_html_count(h, n);
	fa_html_raw(h, "</td>");
}

/* A whole number, -1 for unknown. */
void fa_html_td_int(struct html *h, int64_t n)
{
	if (n < 0)
		fa_html_raw(h, "<td class=\"num\">&#8211;</td>");
	else
		fa_html_td_num(h, (size_t)n);
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
	/* "voldoet niet", not "afwijking": an observation fails without
	 * being a deviation */
	static const char *const nl[FA_OUTCOME_COUNT] = {
		"voldoet",	 "voldoet niet", "n.v.t.",
		"te beoordelen", "fout",	 "niet gecontroleerd",
	};

	fa_html_fmt(h, "<span class=\"o-%s\">", fa_outcome_key(o));
	fa_html_tr(h, en[o], nl[o]);
	fa_html_raw(h, "</span>");
}

/* ABU's own terms: A-afwijking, B-afwijking; a waarneming is not a
 * deviation. */
void fa_html_class(struct html *h, enum fa_severity s)
{
	switch (s) {
	case FA_SEV_MAJOR:
		fa_html_tr(h, "A-deviation", "A-afwijking");
		break;
	case FA_SEV_MINOR:
		fa_html_tr(h, "B-deviation", "B-afwijking");
		break;
	case FA_SEV_OBSERVATION:
		fa_html_tr(h, "observation", "waarneming");
		break;
	}
}

const char *fa_html_class_key(enum fa_severity s)
{
	switch (s) {
	case FA_SEV_MAJOR:
		return "a";
	case FA_SEV_MINOR:
		return "b";
	case FA_SEV_OBSERVATION:
		break;
	}
	return "obs";
}

void fa_html_class_badge(struct html *h, enum fa_severity s)
{
	fa_html_fmt(h, "<span class=\"cls %s\" title=\"", fa_html_class_key(s));
	fa_html_class(h, s);
	fa_html_raw(h, "\">");
	if (s == FA_SEV_MAJOR)
		fa_html_raw(h, "A");
	else if (s == FA_SEV_MINOR)
		fa_html_raw(h, "B");
	else
		fa_html_tr(h, "O", "W");
	fa_html_raw(h, "</span>");
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
/* The personal data of subject s's worker, when revealed. */
static void person(struct html *h, const char *s)
{
	const struct fa_report_person *p = fa_report_subject_person(h->r, s);

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

void fa_html_subject(struct html *h, const char *s)
{
	fa_html_val(h, s);
	person(h, s);
}

void fa_html_subject_n(struct html *h, const char *s, size_t len)
{
	fa_html_esc_n(h, s, len);
	person(h, s);
}

void fa_html_set_name(struct html *h, const struct fa_ruleset *s)
{
	fa_html_esc(h, s->id);
	fa_html_raw(h, " ");
	fa_html_esc(h, s->edition);
}

/* ---- sections ------------------------------------------------------------ */

struct part {
	const char *id, *en, *nl;
};

static const struct part parts[FA_HTML_P_COUNT] = {
	{ "cautions", "Caution: uncertain and placeholder values",
	  "Let op: onzekere waarden en plaatshouders" },
	{ "deviations", "Deviations per requirement", "Afwijkingen per eis" },
	{ "observations", "Observations", "Waarnemingen" },
	{ "checklist", "To review: the inspector's checklist",
	  "Te beoordelen: checklist voor de inspecteur" },
	{ "deductions", "Money owed to workers",
	  "Geld dat werknemers tegoed hebben" },
	{ "housing", "Housing per location", "Huisvesting per locatie" },
	{ "findings", "Rules and outcomes per rule set",
	  "Regels en uitkomsten per regelset" },
	{ "mismatches", "Norm mismatches", "Normverschillen" },
	{ "data-quality", "Data quality", "Datakwaliteit" },
	{ "cover", "Audit details", "Gegevens van de audit" },
	{ "annex", "Annex: evidence files", "Bijlage: bewijsbestanden" },
};

const char *fa_html_part_id(enum fa_html_part p)
{
	return parts[p].id;
}

void fa_html_part_name(struct html *h, enum fa_html_part p)
{
	fa_html_tr(h, parts[p].en, parts[p].nl);
}

void fa_html_section_open(struct html *h, enum fa_html_part p)
{
	fa_html_fmt(h, "\n<section id=\"%s\">\n<h2>", parts[p].id);
	fa_html_part_name(h, p);
	fa_html_raw(h, "</h2>\n");
}

/* ---- filters ------------------------------------------------------------- */

size_t fa_html_set_index(const struct fa_report *r, const struct fa_ruleset *s)
{
	size_t i;

	for (i = 0; i < r->n_sections; i++)
		if (r->sections[i].set == s)
			break;
	return i;
}

long fa_html_loc_index(const struct html *h, const char *s, size_t len)
{
	size_t lo = 0, hi = h->n_locs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *id = h->locs[mid]->id;
		int c = strncmp(id, s, len);

		if (c == 0)
			c = id[len] != '\0'; /* longer than s */
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const char *fa_html_finding_location(const struct fa_finding *f)
{
	const char *l;

	if (f->rule->scope == FA_SCOPE_LOCATION)
		return f->subject;
	l = fa_finding_fact(f, "location_id");
	return l ? l : fa_finding_fact(f, "location");
}

static void mark(struct html *h, const char *s, size_t len)
{
	long k;

	if (!s || !h->loc_mark)
		return;
	k = fa_html_loc_index(h, s, len);
	if (k >= 0)
		h->loc_mark[k] = 1;
}

void fa_html_filter_attrs(struct html *h, const char *outcomes,
			  const struct fa_rule *rule,
			  const struct fa_finding *const *f, size_t n,
			  const char *unit, size_t unit_len)
{
	size_t i;
	int first = 1;

	fa_html_fmt(h, " data-o=\"%s\" data-c=\"%s\" data-s=\"%zu\" data-l=\"",
		    outcomes, fa_html_class_key(rule->severity),
		    fa_html_set_index(h->r, rule->set));
	for (i = 0; i < n; i++) {
		const char *l = fa_html_finding_location(f[i]);

		if (l)
			mark(h, l, strlen(l));
	}
	mark(h, unit, unit_len);
	for (i = 0; h->loc_mark && i < h->n_locs; i++)
		if (h->loc_mark[i]) {
			fa_html_fmt(h, first ? "%zu" : " %zu", i);
			first = 0;
			h->loc_mark[i] = 0;
		}
	fa_html_raw(h, "\"");
}

/* ---- evidence ------------------------------------------------------------ */

int fa_html_document(const struct fa_report *r, const struct fa_finding *f,
		     size_t *at)
{
	const struct fa_manifest *m = r->ev->manifest;
	const struct fa_manifest_file *mf;
	const struct fa_report_document *d = fa_report_document(r, f);
	const char *path = NULL;

	/* the document the check named, or the one its row of the
	 * documents index names */
	if (f->ref_file && f->ref_sha256)
		path = f->ref_file;
	else if (d && d->sha256)
		path = d->path;
	if (!path)
		return 0;
	mf = fa_manifest_find(m, path);
	if (!mf || mf->role == FA_ROLE_TABLE)
		return 0;
	*at = (size_t)(mf - m->files);
	return 1;
}

/* The short form of a SHA-256 (its first 12 digits) with the whole in a
 * title, to copy. */
static void short_hash(struct html *h, const char *sha256)
{
	fa_html_raw(h, "<span class=\"hash\" title=\"");
	fa_html_esc(h, sha256);
	fa_html_raw(h, "\">");
	fa_html_esc_n(h, sha256, strnlen(sha256, 12));
	fa_html_raw(h, "&#8230;</span>");
}

void fa_html_evidence(struct html *h, const struct fa_finding *f)
{
	size_t at;

	if (!f->ref_file)
		return;
	fa_html_raw(h, " <span class=\"ev\">");
	if (fa_html_document(h->r, f, &at)) {
		const struct fa_manifest_file *mf =
		    &h->r->ev->manifest->files[at];

		fa_html_tr(h, "document ", "document ");
		fa_html_fmt(h, "<a href=\"#file-%zu\">", at + 1);
		fa_html_esc(h, mf->path);
		fa_html_raw(h, "</a> SHA-256 ");
		short_hash(h, mf->sha256);
		if (!f->ref_sha256 && f->ref_line) {
			/* named through its row of the documents index */
			fa_html_raw(h, " (");
			fa_html_esc(h, f->ref_file);
			fa_html_fmt(h, ":%lu)", f->ref_line);
		}
	} else {
		fa_html_tr(h, "evidence: ", "bewijs: ");
		fa_html_esc(h, f->ref_file);
		if (f->ref_line)
			fa_html_fmt(h, ":%lu", f->ref_line);
		if (f->ref_sha256) {
			fa_html_raw(h, " SHA-256 ");
			short_hash(h, f->ref_sha256);
		}
	}
	fa_html_raw(h, "</span>");
}

/* "evidence: FILE:lo-hi" when the n lines are all the lines between,
 * else "FILE, n lines from lo to hi". */
void fa_html_evidence_lines(struct html *h, const char *file, unsigned long lo,
			    unsigned long hi, size_t n)
{
	if (!file)
		return;
	fa_html_raw(h, " <span class=\"ev\">");
	fa_html_tr(h, "evidence: ", "bewijs: ");
	fa_html_esc(h, file);
	if (lo && hi > lo && hi - lo + 1 == n) {
		fa_html_fmt(h, ":%lu&#8211;%lu", lo, hi);
	} else if (lo && hi > lo) {
		fa_html_raw(h, ", ");
		fa_html_count(h, n);
		fa_html_tr(h, " lines from ", " regels van ");
		fa_html_fmt(h, "%lu ", lo);
		fa_html_tr(h, "to ", "tot ");
		fa_html_fmt(h, "%lu", hi);
	} else if (lo) {
		fa_html_fmt(h, ":%lu", lo);
	}
	fa_html_raw(h, "</span>");
}

/* The end of a write: the stream flushed, a failure recorded. */
void fa_html_flush(struct html *h)
{
	if (!h->failed && (fflush(h->out) != 0 || ferror(h->out)))
		failed(h);
}
