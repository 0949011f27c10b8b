/* SPDX-License-Identifier: MIT */
/*
 * The inspector's review of an inspection run: the deviations per
 * requirement and the review items with their questions, as the report
 * groups them, each finding with its evidence and a form for a
 * judgement; a waiver form per requirement; the verdict as the
 * judgements and waivers make it now; issuing the report, which freezes
 * it (stored with its SHA-256; no judgement or waiver changes it after);
 * the issued report for the member and the inspector. The judgements
 * and waivers are the store's (fa_store_judge, fa_store_waive_one), so
 * that the CLI and the page record the same things.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

#include "audit_impl.h"
#include "date.h"
#include "page.h"
#include "waiver.h"

/* Findings shown, with their forms, per requirement or review item: the
 * rest are counted (the report lists them all). */
#define SHOWN_PER_ITEM 25

/* Judgements listed on the review page, by finding: a file of them
 * (flexaudit judge --judgements) may hold thousands; the report lists
 * them all. */
#define JUDGED_SHOWN 200

/* Open the store and the inspection run r->id of an upload r's user may
 * see: 0 with *s and *u, or the status with resp filled and *s NULL. */
static unsigned open_inspection(struct fa_store **s, struct fa_upload *u,
				struct fa_req *r, struct fa_resp *resp)
{
	unsigned st = fa_route_open(s, u, r, resp, 1);

	if (st)
		return st;
	if (u->inspection != r->id) {
		fa_upload_release(u);
		fa_store_close(*s);
		*s = NULL;
		fa_page_message(resp, r, 404, "Not found", "Niet gevonden",
				"This run is not an inspection.",
				"Deze run is geen inspectie.");
		return 404;
	}
	return 0;
}

static int issued(struct fa_store *s, int64_t run, struct fa_issued *iss,
		  struct fa_error *err)
{
	int found = 0;

	if (fa_store_issued_get(iss, &found, NULL, NULL, s, run, err) != FA_OK)
		return -1;
	return found;
}

static const char *text_of(const struct fa_page *p, const struct fa_text *t)
{
	if (p->nl && t->nl)
		return t->nl;
	return t->en ? t->en : t->nl;
}

/* A judgement's verdict in the words of the form's choices, with the
 * class a deviation was given. */
static void judged_words(struct fa_page *p, const struct fa_judged *j)
{
	if (strcmp(j->verdict, "accept") == 0)
		fa_page_html(p, "%s", fa_page_t(p, "in order", "in orde"));
	else if (strcmp(j->verdict, "not-applicable") == 0)
		fa_page_html(
		    p, "%s",
		    fa_page_t(p, "not applicable", "niet van toepassing"));
	else if (strcmp(j->verdict, "deviation") == 0)
		fa_page_html(p, "%s%s", fa_page_t(p, "deviation", "afwijking"),
			     j->severity == FA_SEV_MAJOR   ? " (A)"
			     : j->severity == FA_SEV_MINOR ? " (B)"
							   : "");
	else
		fa_page_html(p, "%s", j->verdict);
}

static void judge_form(struct fa_page *p, int64_t run,
		       const struct fa_finding *f, int frozen)
{
	const struct fa_judged *j = f->judged;

	fa_page_html(p, "<tr><td><code>%s</code>", f->subject);
	if (f->ref_file && f->ref_line)
		fa_page_html(p, "<br><small>%s:%lu</small>", f->ref_file,
			     f->ref_line);
	else if (f->ref_file)
		fa_page_html(p, "<br><small>%s</small>", f->ref_file);
	fa_page_html(p, "</td><td>%s</td><td>%s</td><td>",
		     p->nl && f->observed_nl ? f->observed_nl : f->observed,
		     p->nl && f->expected_nl ? f->expected_nl : f->expected);
	if (j) {
		fa_page_raw(p, "<p><strong>");
		judged_words(p, j);
		fa_page_html(p, "</strong>: %s (%s, %s)</p>", j->note, j->by,
			     j->at);
	}
	if (f->waived)
		fa_page_html(p, "<p>%s</p>",
			     fa_page_t(p, "waived", "ontheven"));
	if (frozen) {
		fa_page_raw(p, "</td></tr>");
		return;
	}
	fa_page_html(p,
		     "<details><summary>%s</summary><form method=\"post\" "
		     "action=\"/runs/%lld/judge\">",
		     fa_page_t(p, "Judge", "Beoordelen"), (long long)run);
	fa_page_csrf(p);
	fa_page_html(
	    p,
	    "<input type=\"hidden\" name=\"key\" value=\"%s/%s\">"
	    "<label>%s <select name=\"verdict\">"
	    "<option value=\"accept\">%s</option>"
	    "<option value=\"deviation\">%s</option>"
	    "<option value=\"not-applicable\">%s</option></select></label>"
	    "<label>%s <select name=\"severity\">"
	    "<option value=\"\">%s</option><option value=\"major\">A</option>"
	    "<option value=\"minor\">B</option></select></label>"
	    "<label>%s <textarea name=\"note\" rows=\"2\" required>"
	    "</textarea></label><button type=\"submit\">%s</button>"
	    "</form></details></td></tr>",
	    f->rule->id, f->subject, fa_page_t(p, "Verdict", "Oordeel"),
	    fa_page_t(p, "in order", "in orde"),
	    fa_page_t(p, "deviation", "afwijking"),
	    fa_page_t(p, "not applicable", "niet van toepassing"),
	    fa_page_t(p, "Severity of a deviation",
		      "Zwaarte van een afwijking"),
	    fa_page_t(p, "the rule's", "die van de regel"),
	    fa_page_t(p, "Why (required)", "Waarom (verplicht)"),
	    fa_page_t(p, "Record", "Vastleggen"));
}

static void findings_table(struct fa_page *p, int64_t run,
			   const struct fa_finding *const *f, size_t n,
			   int frozen)
{
	size_t i;

	fa_page_html(p,
		     "<table><thead><tr><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th></tr></thead><tbody>",
		     fa_page_t(p, "Subject", "Onderwerp"),
		     fa_page_t(p, "Found", "Gevonden"),
		     fa_page_t(p, "Expected", "Verwacht"),
		     fa_page_t(p, "Judgement", "Oordeel"));
	for (i = 0; i < n && i < SHOWN_PER_ITEM; i++)
		judge_form(p, run, f[i], frozen);
	fa_page_raw(p, "</tbody></table>");
	if (n > SHOWN_PER_ITEM)
		fa_page_html(p, "<p>%s %zu %s</p>", fa_page_t(p, "and", "en"),
			     n - SHOWN_PER_ITEM,
			     fa_page_t(p,
				       "more: see the report, or judge them "
				       "with flexaudit judge --judgements",
				       "meer: zie het rapport, of beoordeel "
				       "ze met flexaudit judge --judgements"));
}

static void waive_form(struct fa_page *p, int64_t run,
		       const struct fa_report_requirement *q,
		       const char *audit_date)
{
	size_t i;

	fa_page_html(p,
		     "<details><summary>%s</summary><form method=\"post\" "
		     "action=\"/runs/%lld/waive\">",
		     fa_page_t(p, "Waive", "Ontheffing verlenen"),
		     (long long)run);
	fa_page_csrf(p);
	fa_page_html(p,
		     "<input type=\"hidden\" name=\"rule\" value=\"%s\">"
		     "<label>%s <textarea name=\"subjects\" rows=\"3\" "
		     "required>",
		     q->rule->id,
		     fa_page_t(p, "Subjects, one per line",
			       "Onderwerpen, één per regel"));
	for (i = 0; i < q->n; i++)
		fa_page_html(p, "%s\n", q->findings[i]->subject);
	fa_page_html(
	    p,
	    "</textarea></label><label>%s <input name=\"reason\" "
	    "required></label><label>%s <input name=\"basis\" "
	    "required></label><label>%s <input name=\"from\" "
	    "type=\"date\" required value=\"%s\"></label>"
	    "<label>%s <input name=\"until\" type=\"date\" required>"
	    "</label><button type=\"submit\">%s</button></form>"
	    "</details>",
	    fa_page_t(p, "Reason", "Reden"),
	    fa_page_t(p, "Basis (decision, letter)",
		      "Grondslag (besluit, brief)"),
	    fa_page_t(p, "Valid from", "Geldig vanaf"), audit_date,
	    fa_page_t(p, "Valid until", "Geldig tot en met"),
	    fa_page_t(p, "Record the waiver", "Ontheffing vastleggen"));
}

/* Every judgement of the run, also of the findings it took off the lists
 * above (an item in order or not applicable is no longer to review), so
 * that the inspector sees what was recorded. */
static void judged_section(struct fa_page *p, const struct fa_audit *a)
{
	size_t k;

	if (!a->n_judged)
		return;
	fa_page_html(
	    p,
	    "<h2>%s (%zu)</h2><table><thead><tr><th scope=\"col\">%s"
	    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    fa_page_t(p, "Judgements recorded", "Vastgelegde beoordelingen"),
	    a->n_judged, fa_page_t(p, "Finding", "Bevinding"),
	    fa_page_t(p, "Judgement", "Oordeel"), fa_page_t(p, "Why", "Waarom"),
	    fa_page_t(p, "By, when", "Door, wanneer"));
	for (k = 0; k < a->n_judged && k < JUDGED_SHOWN; k++) {
		const struct fa_judged *j = &a->judged[k];

		fa_page_html(p, "<tr><td><code>%s</code></td><td>", j->key);
		judged_words(p, j);
		if (!j->applied)
			fa_page_html(p, " (%s)",
				     fa_page_t(p, "no such finding in this run",
					       "geen zulke bevinding in deze "
					       "run"));
		fa_page_html(p, "</td><td>%s</td><td>%s, %s</td></tr>", j->note,
			     j->by, j->at);
	}
	fa_page_raw(p, "</tbody></table>");
	if (a->n_judged > JUDGED_SHOWN)
		fa_page_html(p, "<p>%s %zu %s</p>", fa_page_t(p, "and", "en"),
			     a->n_judged - JUDGED_SHOWN,
			     fa_page_t(p, "more: see the report",
				       "meer: zie het rapport"));
}

static void review_body(struct fa_page *p, const struct fa_audit *a,
			int64_t run, int frozen, const struct fa_issued *iss,
			const char *audit_date)
{
	const struct fa_report *rep = a->report;
	size_t i;

	fa_page_html(p, "<p>%s: <strong>%s</strong>",
		     fa_page_t(p, "Verdict with the judgements",
			       "Oordeel met de beoordelingen"),
		     fa_report_verdict_text(rep));
	if (rep->n_waivers)
		fa_page_html(
		    p, "; %s: <strong>%s</strong>",
		    fa_page_t(p, "with the waivers", "met de ontheffingen"),
		    fa_report_verdict_words(rep, rep->verdict_waived));
	fa_page_raw(p, ".</p>");
	fa_page_html(p, "<p><a href=\"/runs/%lld/report\">%s</a></p>",
		     (long long)run,
		     fa_page_t(p, "The inspection report as it stands",
			       "Het inspectierapport zoals het nu is"));
	if (frozen)
		fa_page_html(p,
			     "<p class=\"note\">%s %s. SHA-256 <code>%s</code>."
			     " <a href=\"/runs/%lld/issued\">%s</a></p>",
			     fa_page_t(p, "Issued on", "Uitgebracht op"),
			     iss->at, iss->sha256, (long long)run,
			     fa_page_t(p, "The issued report",
				       "Het uitgebrachte rapport"));
	fa_page_html(
	    p, "<h2>%s (%zu)</h2>",
	    fa_page_t(p, "Deviations per requirement", "Afwijkingen per eis"),
	    rep->n_requirements);
	for (i = 0; i < rep->n_requirements; i++) {
		const struct fa_report_requirement *q = &rep->requirements[i];

		fa_page_html(
		    p,
		    "<section class=\"box\"><h3>%s %s</h3><p>%s%s%s "
		    "%s %s; %s %s.</p>",
		    q->rule->id, text_of(p, &q->rule->title),
		    q->object ? fa_page_t(p, "Location ", "Locatie ") : "",
		    q->object ? q->object : "", q->object ? "." : "",
		    fa_page_t(p, "Class", "Klasse"),
		    q->severity == FA_SEV_MAJOR ? "A" : "B",
		    fa_page_t(p, "repair by", "herstellen voor"), q->deadline);
		findings_table(p, run, q->findings, q->n, frozen);
		if (!frozen)
			waive_form(p, run, q, audit_date);
		fa_page_raw(p, "</section>");
	}
	fa_page_html(p, "<h2>%s (%zu)</h2>",
		     fa_page_t(p, "To review", "Te beoordelen"),
		     rep->n_review_items);
	for (i = 0; i < rep->n_review_items; i++) {
		const struct fa_report_review_item *q = &rep->review_items[i];

		fa_page_html(p,
			     "<section class=\"box\"><h3>%s %s</h3>"
			     "<p><strong>%s</strong></p>",
			     q->rule->id, text_of(p, &q->rule->title),
			     text_of(p, &q->findings[0]->question));
		findings_table(p, run, q->findings, q->n, frozen);
		fa_page_raw(p, "</section>");
	}
	judged_section(p, a);
	if (frozen)
		return;
	fa_page_html(p,
		     "<h2>%s</h2><form class=\"box\" method=\"post\" "
		     "action=\"/runs/%lld/issue\">",
		     fa_page_t(p, "Issue the report", "Het rapport uitbrengen"),
		     (long long)run);
	fa_page_csrf(p);
	fa_page_html(p,
		     "<label><input type=\"checkbox\" name=\"confirm\" "
		     "value=\"yes\" required> %s</label>"
		     "<p><button type=\"submit\">%s</button></p></form>",
		     fa_page_t(p,
			       "I have reviewed the findings; the report is "
			       "final and cannot be changed after this.",
			       "Ik heb de bevindingen beoordeeld; het rapport "
			       "is definitief en kan hierna niet meer "
			       "veranderen."),
		     fa_page_t(p, "Issue", "Uitbrengen"));
}

void fa_pages_review(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_audit *a = NULL;
	struct fa_store_view view;
	struct fa_issued iss;
	struct fa_error err;
	struct fa_page p;
	struct fa_run_summary sum;
	char title[96];
	int frozen, found = 0;

	fa_error_init(&err);
	if (open_inspection(&s, &u, r, resp) != 0)
		return;
	memset(&view, 0, sizeof view);
	view.nl = r->nl;
	frozen = issued(s, r->id, &iss, &err);
	fa_serve_render_enter(r->srv);
	if (frozen < 0 ||
	    fa_store_run_summary(&sum, &found, s, r->id, &err) != FA_OK ||
	    fa_store_load_run(&a, s, r->id, &view, &err) != FA_OK) {
		fa_serve_render_leave(r->srv);
		fa_upload_release(&u);
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_page_init(&p, r);
	snprintf(title, sizeof title, "%s %lld",
		 fa_page_t(&p, "Review of inspection run",
			   "Beoordeling van inspectierun"),
		 (long long)r->id);
	fa_page_begin(&p, title);
	fa_page_html(&p, "<p><a href=\"/uploads/%lld\">%s %lld</a></p>",
		     (long long)u.id, fa_page_t(&p, "Upload", "Upload"),
		     (long long)u.id);
	review_body(&p, a, r->id, frozen, &iss, sum.audit_date);
	fa_audit_free(a);
	fa_serve_render_leave(r->srv);
	fa_upload_release(&u);
	fa_store_close(s);
	fa_page_end(&p);
	fa_page_send(&p, resp, 200);
}

/* Open the store and the inspection run for a change: 0, or the status
 * with resp filled (also when the report is issued: 409). */
static unsigned for_change(struct fa_store **s, struct fa_upload *u,
			   struct fa_req *r, struct fa_resp *resp)
{
	struct fa_issued iss;
	struct fa_error err;
	int found;

	fa_error_init(&err);
	if (open_inspection(s, u, r, resp) != 0)
		return 404;
	found = issued(*s, r->id, &iss, &err);
	if (found != 0) {
		fa_upload_release(u);
		fa_store_close(*s);
		*s = NULL;
		if (found < 0) {
			fa_route_fail(resp, r, &err);
			return 500;
		}
		fa_page_message(resp, r, 409, "Already issued",
				"Al uitgebracht",
				"The report of this run is issued: it cannot "
				"change any more.",
				"Het rapport van deze run is uitgebracht: het "
				"kan niet meer veranderen.");
		return 409;
	}
	return 0;
}

/* The store's refusal of a form (FA_ERR_USAGE) as a page, else a
 * failure; FA_OK: back to the review. */
static void after_change(struct fa_req *r, struct fa_resp *resp,
			 struct fa_store *s, enum fa_code code,
			 const struct fa_error *err, const char *action,
			 const char *object)
{
	char back[64];
	struct fa_error e2;

	snprintf(back, sizeof back, "/runs/%lld/review", (long long)r->id);
	if (code == FA_OK) {
		fa_error_init(&e2);
		fa_route_log(s, r, action, object, NULL, &e2);
		fa_page_redirect(resp, back);
		return;
	}
	if (code != FA_ERR_USAGE) {
		fa_route_fail(resp, r, err);
		return;
	}
	fa_page_refused(resp, r, err, "Not recorded", "Niet vastgelegd", back,
			"Back to the review", "Terug naar de beoordeling");
}

void fa_pages_judge(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_store_judgement j;
	struct fa_error err;
	enum fa_code code;
	size_t unmatched = 0;
	const char *sev = fa_req_field(r, "severity");

	if (for_change(&s, &u, r, resp) != 0)
		return;
	memset(&j, 0, sizeof j);
	j.key = fa_req_field(r, "key");
	j.verdict = fa_req_field(r, "verdict");
	j.severity = sev && *sev ? sev : NULL;
	j.note = fa_req_field(r, "note");
	j.by = r->user.login;
	j.source = "web";
	fa_error_init(&err);
	if (!j.key || !j.verdict || !j.note)
		code = fa_error_add(&err, FA_ERR_USAGE, NULL, 0, 0,
				    "the form lacks a field: open the review "
				    "again");
	else
		code = fa_store_judge(&unmatched, s, r->id, &j, 1, &err);
	after_change(r, resp, s, code, &err, "judge", j.key);
	fa_upload_release(&u);
	fa_store_close(s);
}

/* Split text into lines without the white space around them, dropping
 * empty ones: *out (the caller's, each line too) or -1. */
static int lines_of(char ***out, size_t *n, const char *text)
{
	char **v = NULL, **g, *line;
	const char *t = text, *e, *b;
	size_t len;

	*out = NULL;
	*n = 0;
	while (t && *t) {
		e = strchr(t, '\n');
		if (!e)
			e = t + strlen(t);
		b = t;
		while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
			b++;
		len = (size_t)(e - b);
		while (len && (b[len - 1] == ' ' || b[len - 1] == '\t' ||
			       b[len - 1] == '\r'))
			len--;
		if (len) {
			g = realloc(v, (*n + 1) * sizeof *v);
			line = malloc(len + 1);
			if (!g || !line) {
				free(line);
				if (g)
					v = g;
				while (*n)
					free(v[--*n]);
				free(v);
				return -1;
			}
			v = g;
			memcpy(line, b, len);
			line[len] = '\0';
			v[(*n)++] = line;
		}
		t = *e ? e + 1 : e;
	}
	*out = v;
	return 0;
}

static enum fa_code check_waiver(const struct fa_waiver *w,
				 struct fa_error *err)
{
	if (!w->rule_id || !*w->rule_id || !w->n_subjects)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "the waiver names no subject: give at "
				    "least one, one per line");
	if (!*w->reason || !*w->basis)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "the waiver has no reason or no basis: "
				    "give both");
	if (!fa_date_valid(w->from) || !fa_date_valid(w->until))
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "valid from and until must be dates "
				    "(YYYY-MM-DD)");
	if (strcmp(w->from, w->until) > 0)
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "the waiver ends (until %s) before it "
				    "starts (from %s): correct from or until",
				    w->until, w->from);
	return FA_OK;
}

void fa_pages_waive(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_org org;
	struct fa_waiver w;
	struct fa_error err;
	enum fa_code code;
	char id[64], source[96], now[32];
	const char *from = fa_req_field(r, "from");
	const char *until = fa_req_field(r, "until");
	size_t i;

	if (for_change(&s, &u, r, resp) != 0)
		return;
	memset(&w, 0, sizeof w);
	fa_store_now(now);
	/* an id of its own: the run and the second it was made */
	snprintf(id, sizeof id, "web-%lld-%.4s%.2s%.2s%.2s%.2s%.2s",
		 (long long)r->id, now, now + 5, now + 8, now + 11, now + 14,
		 now + 17);
	snprintf(source, sizeof source, "web: %s", r->user.login);
	w.id = id;
	w.rule_id = (char *)fa_req_field(r, "rule");
	w.approver = r->user.login;
	w.reason =
	    (char *)(fa_req_field(r, "reason") ? fa_req_field(r, "reason")
					       : "");
	w.basis =
	    (char *)(fa_req_field(r, "basis") ? fa_req_field(r, "basis") : "");
	snprintf(w.from, sizeof w.from, "%s", from ? from : "");
	snprintf(w.until, sizeof w.until, "%s", until ? until : "");
	fa_error_init(&err);
	code = fa_store_org_get(&org, s, u.org, &err);
	if (code == FA_OK &&
	    lines_of(&w.subjects, &w.n_subjects, fa_req_field(r, "subjects")))
		code = fa_error_nomem(&err, "waiver");
	if (code == FA_OK)
		code = check_waiver(&w, &err);
	if (code == FA_OK)
		code = fa_store_waive_one(s, org.kvk, &w, source, &err);
	after_change(r, resp, s, code, &err, "waive", id);
	for (i = 0; i < w.n_subjects; i++)
		free(w.subjects[i]);
	free(w.subjects);
	fa_upload_release(&u);
	fa_store_close(s);
}

void fa_pages_issue(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_issued iss;
	struct fa_error err;
	struct fa_resp report;
	char back[64];
	const char *confirm = fa_req_field(r, "confirm");

	if (for_change(&s, &u, r, resp) != 0)
		return;
	if (!confirm || strcmp(confirm, "yes") != 0) {
		fa_error_init(&err);
		fa_error_add(&err, FA_ERR_USAGE, NULL, 0, 0,
			     "confirm that the report is final: tick the "
			     "box, then issue");
		after_change(r, resp, s, FA_ERR_USAGE, &err, NULL, NULL);
		goto out;
	}
	memset(&report, 0, sizeof report);
	fa_pages_run_send(r, &report, s, r->id, FA_FORMAT_HTML, NULL);
	if (report.status != 200) {
		fa_resp_release(resp);
		*resp = report;
		goto out;
	}
	fa_error_init(&err);
	if (fa_store_issue(&iss, s, r->id, r->user.id, r->nl, report.body,
			   report.len, &err) != FA_OK) {
		fa_resp_release(&report);
		after_change(r, resp, s, err.code, &err, NULL, NULL);
		goto out;
	}
	fa_resp_release(&report);
	snprintf(back, sizeof back, "/runs/%lld/issued", (long long)r->id);
	fa_route_log(s, r, "issue", back, iss.sha256, &err);
	fa_page_redirect(resp, back);
out:
	fa_upload_release(&u);
	fa_store_close(s);
}

void fa_pages_run_report(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_error err;

	fa_error_init(&err);
	if (open_inspection(&s, &u, r, resp) != 0)
		return;
	fa_pages_run_send(r, resp, s, r->id, FA_FORMAT_HTML, NULL);
	fa_upload_release(&u);
	fa_store_close(s);
}

void fa_pages_issued(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_issued iss;
	struct fa_error err;
	void *body = NULL;
	size_t len = 0;
	int found = 0;

	fa_error_init(&err);
	if (open_inspection(&s, &u, r, resp) != 0)
		return;
	if (fa_store_issued_get(&iss, &found, &body, &len, s, r->id, &err) !=
	    FA_OK) {
		fa_route_fail(resp, r, &err);
	} else if (!found) {
		fa_page_message(resp, r, 404, "Not issued yet",
				"Nog niet uitgebracht",
				"The inspector has not issued this report yet.",
				"De inspecteur heeft dit rapport nog niet "
				"uitgebracht.");
	} else {
		fa_resp_release(resp);
		resp->status = 200;
		resp->type = "text/html; charset=utf-8";
		resp->report = 1;
		resp->body = body;
		resp->len = len;
		body = NULL;
		fa_route_log(s, r, "download-issued", r->path, iss.sha256,
			     &err);
	}
	free(body);
	fa_upload_release(&u);
	fa_store_close(s);
}
