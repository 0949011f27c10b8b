/* SPDX-License-Identifier: MIT */
/*
 * Uploads: a member's list and upload form, an upload received (stored
 * under data/incoming by http.c, moved to data/packages/<id>.zip here,
 * its audit queued), an upload's page (progress, the problems the
 * package's reader found, the verdict, the self-assessment report and
 * the action plan), and the inspector's organisations and their uploads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pages.h"

#include "page.h"

static const char *verdict_words(const struct fa_page *p, const char *key)
{
	if (strcmp(key, "positive") == 0)
		return fa_page_t(p, "positive", "positief");
	if (strcmp(key, "positive-b") == 0)
		return fa_page_t(p, "positive with B-deviations",
				 "positief met B-afwijkingen");
	if (strcmp(key, "negative") == 0)
		return fa_page_t(p, "negative (A-deviations)",
				 "negatief (A-afwijkingen)");
	return fa_page_t(p, "incomplete", "onvolledig");
}

static const char *state_words(const struct fa_page *p, enum fa_upload_state st)
{
	switch (st) {
	case FA_UPLOAD_RECEIVED:
		return fa_page_t(p, "received, waiting for its audit",
				 "ontvangen, wacht op de audit");
	case FA_UPLOAD_REJECTED:
		return fa_page_t(p, "refused: the package has problems",
				 "geweigerd: het pakket heeft problemen");
	case FA_UPLOAD_AUDITING:
		return fa_page_t(p, "being audited", "audit loopt");
	case FA_UPLOAD_AUDITED:
		return fa_page_t(p, "audited", "geaudit");
	default:
		return fa_page_t(p, "failed", "mislukt");
	}
}

static void uploads_table(struct fa_page *p, const struct fa_upload *u,
			  size_t n)
{
	size_t i;

	if (!n) {
		fa_page_html(p, "<p>%s</p>",
			     fa_page_t(p, "No package uploaded yet.",
				       "Nog geen pakket geüpload."));
		return;
	}
	fa_page_html(p,
		     "<table><caption>%s</caption><thead><tr><th scope=\"col\">"
		     "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
		     "</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		     fa_page_t(p, "Uploaded packages, newest first",
			       "Geüploade pakketten, nieuwste eerst"),
		     fa_page_t(p, "Upload", "Upload"),
		     fa_page_t(p, "File", "Bestand"),
		     fa_page_t(p, "Received", "Ontvangen"),
		     fa_page_t(p, "State", "Status"));
	for (i = 0; i < n; i++)
		fa_page_html(p,
			     "<tr><td><a href=\"/uploads/%lld\">%lld</a></td>"
			     "<td>%s</td><td>%s</td><td>%s</td></tr>",
			     (long long)u[i].id, (long long)u[i].id,
			     u[i].filename, u[i].created,
			     state_words(p, u[i].state));
	fa_page_raw(p, "</tbody></table>");
}

void fa_pages_uploads(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload *u = NULL;
	struct fa_org org;
	struct fa_error err;
	struct fa_page p;
	size_t n = 0;

	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK ||
	    fa_store_org_get(&org, s, r->user.org, &err) != FA_OK ||
	    fa_store_upload_list(&u, &n, s, r->user.org, &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_store_close(s);
	fa_page_init(&p, r);
	fa_page_begin(&p,
		      fa_page_t(&p, "Evidence packages", "Bewijspakketten"));
	fa_page_html(&p, "<p>%s: %s (KvK %s)</p>",
		     fa_page_t(&p, "Organisation", "Organisatie"), org.name,
		     org.kvk);
	fa_page_html(&p,
		     "<form class=\"box\" method=\"post\" action=\"/uploads\" "
		     "enctype=\"multipart/form-data\"><h2>%s</h2>",
		     fa_page_t(&p, "Upload a package", "Een pakket uploaden"));
	fa_page_csrf(&p);
	fa_page_html(
	    &p,
	    "<label for=\"package\">%s</label>"
	    "<input id=\"package\" name=\"package\" type=\"file\" "
	    "accept=\".zip,application/zip\" required "
	    "aria-describedby=\"package-help\">"
	    "<p id=\"package-help\">%s</p>"
	    "<p><button type=\"submit\">%s</button></p></form>",
	    fa_page_t(&p, "Evidence package (zip)", "Bewijspakket (zip)"),
	    fa_page_t(&p,
		      "The package is checked as it arrives; the "
		      "self-assessment follows within minutes.",
		      "Het pakket wordt bij ontvangst gecontroleerd; "
		      "de zelfevaluatie volgt binnen enkele "
		      "minuten."),
	    fa_page_t(&p, "Upload", "Uploaden"));
	uploads_table(&p, u, n);
	fa_upload_list_free(u, n);
	fa_page_end(&p);
	fa_page_send(&p, resp, 200);
}

/* Move the received file to its place: durable before it counts. */
static int keep_file(struct fa_req *r, int64_t id)
{
	char path[4096];
	int fd;

	fa_serve_package_path(path, sizeof path, r->srv, id);
	if (rename(r->file->path, path) != 0)
		return -1;
	r->file->taken = 1;
	fd = open(r->srv->packages, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
}

void fa_pages_upload_post(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_error err;
	char obj[64], detail[400], path[4096];
	int64_t id = 0;

	if (!r->file || r->file->size == 0) {
		fa_page_message(resp, r, 400, "No package", "Geen pakket",
				"Choose the zip file of the evidence package, "
				"then upload it.",
				"Kies het zip-bestand van het bewijspakket en "
				"upload het dan.");
		return;
	}
	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK ||
	    fa_store_upload_add(&id, s, r->user.org, r->user.id,
				r->file->filename, (int64_t)r->file->size,
				r->file->sha256, &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	snprintf(obj, sizeof obj, "upload %lld", (long long)id);
	snprintf(detail, sizeof detail, "%llu bytes, sha256 %s",
		 (unsigned long long)r->file->size, r->file->sha256);
	fa_route_log(s, r, "upload", obj, detail, &err);
	if (keep_file(r, id) != 0) {
		fa_store_upload_set(s, id, FA_UPLOAD_FAILED,
				    "the server could not store the file: "
				    "upload it again",
				    0, &err);
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	if (fa_jobs_add(r->srv->jobs, id, FA_JOB_SELF, &err) != FA_OK) {
		/* never audited: its package is not kept either (a member
		 * retrying while the queue is full would fill the disk) */
		fa_serve_package_path(path, sizeof path, r->srv, id);
		unlink(path);
		fa_store_upload_set(s, id, FA_UPLOAD_FAILED,
				    "the server was busy: upload the package "
				    "again in a few minutes",
				    0, &err);
		fa_store_close(s);
		fa_page_message(resp, r, 503, "Busy", "Druk",
				"The server is busy with other audits. Upload "
				"the package again in a few minutes.",
				"De server is bezig met andere audits. Upload "
				"het pakket over enkele minuten opnieuw.");
		return;
	}
	fa_store_close(s);
	snprintf(obj, sizeof obj, "/uploads/%lld", (long long)id);
	fa_page_redirect(resp, obj);
}

static void progress(struct fa_page *p, struct fa_req *r, int64_t id)
{
	enum fa_job_kind kind;
	int step;
	size_t done, total;

	if (!fa_jobs_progress(r->srv->jobs, id, &kind, &step, &done, &total))
		return;
	fa_page_html(p, "<p class=\"note\" role=\"status\">%s: ",
		     kind == FA_JOB_SELF
			 ? fa_page_t(p, "Self-assessment", "Zelfevaluatie")
			 : fa_page_t(p, "Inspection", "Inspectie"));
	if (step < 0)
		fa_page_html(p, "%s",
			     fa_page_t(p, "waiting for its turn",
				       "wacht op zijn beurt"));
	else if (step == FA_AUDIT_LOADING)
		fa_page_html(p, "%s",
			     fa_page_t(p, "checking the package",
				       "het pakket wordt "
				       "gecontroleerd"));
	else if (step == FA_AUDIT_RULE && total)
		fa_page_html(
		    p, "%s %zu / %zu",
		    fa_page_t(p, "rules checked", "regels gecontroleerd"), done,
		    total);
	else
		fa_page_html(p, "%s",
			     fa_page_t(p, "making the report",
				       "het rapport wordt gemaakt"));
	fa_page_html(p, " <a href=\"%s\">%s</a></p>", r->path,
		     fa_page_t(p, "Refresh", "Vernieuwen"));
}

static int in_progress(struct fa_req *r, int64_t id)
{
	enum fa_job_kind kind;
	int step;
	size_t done, total;

	return fa_jobs_progress(r->srv->jobs, id, &kind, &step, &done, &total);
}

static void problems(struct fa_page *p, const char *text)
{
	const char *line = text, *nl;
	char buf[1024];
	size_t n;

	fa_page_html(p,
		     "<section class=\"err\" role=\"alert\"><h2>%s</h2><p>%s"
		     "</p><ul>",
		     fa_page_t(p, "Problems to fix", "Op te lossen problemen"),
		     fa_page_t(p,
			       "Fix these in the package (each names its file "
			       "and line), then upload it again.",
			       "Los deze op in het pakket (elk noemt zijn "
			       "bestand en regel) en upload het opnieuw."));
	while (line && *line) {
		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		if (n >= sizeof buf)
			n = sizeof buf - 1;
		memcpy(buf, line, n);
		buf[n] = '\0';
		if (n)
			fa_page_html(p, "<li><code>%s</code></li>", buf);
		line = nl ? nl + 1 : NULL;
	}
	fa_page_raw(p, "</ul></section>");
}

/*
 * The verdict of run as its audit found it, and its failing findings and
 * review findings counted (norms.md 11.5 counts deviations per
 * requirement: the report does, from the whole run; here the store's
 * counts of findings are said to be findings). inspection: the verdict
 * before the inspector's judgements and waivers, said so.
 */
static void run_summary(struct fa_page *p, struct fa_store *s, int64_t run,
			int inspection)
{
	struct fa_run_summary sum;
	struct fa_error err;
	int found = 0;

	fa_error_init(&err);
	if (fa_store_run_summary(&sum, &found, s, run, &err) != FA_OK || !found)
		return;
	fa_page_html(p, "<p>%s: <strong>%s</strong>. ",
		     inspection ? fa_page_t(p,
					    "Verdict as audited, before "
					    "judgements and waivers",
					    "Oordeel van de audit, voor "
					    "beoordelingen en ontheffingen")
				: fa_page_t(p, "Verdict", "Oordeel"),
		     verdict_words(p, sum.verdict));
	fa_page_html(
	    p,
	    fa_page_t(p,
		      "Failing findings: %lld of class A, %lld of "
		      "class B; %lld findings to review (the report "
		      "counts the deviations per requirement). Audit "
		      "date %s.</p>",
		      "Afwijkende bevindingen: %lld van klasse A, %lld "
		      "van klasse B; %lld bevindingen te beoordelen "
		      "(het rapport telt de afwijkingen per eis). "
		      "Auditdatum %s.</p>"),
	    (long long)sum.major, (long long)sum.minor, (long long)sum.review,
	    sum.audit_date);
}

static void inspector_part(struct fa_page *p, struct fa_store *s,
			   struct fa_req *r, const struct fa_upload *u)
{
	struct fa_issued iss;
	struct fa_error err;
	int found = 0;

	fa_page_html(p, "<h2>%s</h2>", fa_page_t(p, "Inspection", "Inspectie"));
	if (!u->inspection) {
		fa_page_html(p,
			     "<form class=\"box\" method=\"post\" "
			     "action=\"/uploads/%lld/inspect\"><p>%s</p>",
			     (long long)u->id,
			     fa_page_t(p,
				       "An inspection audits a sample of the "
				       "personnel files drawn from this "
				       "package; the report states the seed.",
				       "Een inspectie audit een steekproef van "
				       "de personeelsdossiers uit dit pakket; "
				       "het rapport noemt de seed."));
		fa_page_csrf(p);
		fa_page_html(
		    p, "<button type=\"submit\">%s</button></form>",
		    fa_page_t(p, "Start the inspection", "Start de inspectie"));
		return;
	}
	run_summary(p, s, u->inspection, 1);
	fa_error_init(&err);
	fa_store_issued_get(&iss, &found, NULL, NULL, s, u->inspection, &err);
	fa_page_html(
	    p,
	    "<ul><li><a href=\"/runs/%lld/review\">%s</a></li>"
	    "<li><a href=\"/runs/%lld/report\">%s</a></li>",
	    (long long)u->inspection,
	    fa_page_t(p, "Review, judge and issue", "Beoordelen en uitbrengen"),
	    (long long)u->inspection,
	    fa_page_t(p, "Inspection report (working copy)",
		      "Inspectierapport (werkversie)"));
	if (found)
		fa_page_html(
		    p,
		    "<li><a href=\"/runs/%lld/issued\">%s</a> "
		    "(%s %s, SHA-256 <code>%s</code>)</li>",
		    (long long)u->inspection,
		    fa_page_t(p, "Issued report", "Uitgebracht rapport"),
		    fa_page_t(p, "issued", "uitgebracht"), iss.at, iss.sha256);
	fa_page_raw(p, "</ul>");
	(void)r;
}

void fa_pages_upload(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_issued iss;
	struct fa_error err;
	struct fa_page p;
	char title[64];
	int found = 0;

	fa_error_init(&err);
	if (fa_route_open(&s, &u, r, resp, 0) != 0)
		return;
	fa_page_init(&p, r);
	snprintf(title, sizeof title, "%s %lld",
		 fa_page_t(&p, "Upload", "Upload"), (long long)u.id);
	if (u.state == FA_UPLOAD_RECEIVED || u.state == FA_UPLOAD_AUDITING ||
	    in_progress(r, u.id))
		p.refresh = 2;
	fa_page_begin(&p, title);
	progress(&p, r, u.id);
	fa_page_html(&p,
		     "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%lld %s</dd>"
		     "<dt>SHA-256</dt><dd><code>%s</code></dd><dt>%s</dt>"
		     "<dd>%s</dd><dt>%s</dt><dd><strong>%s</strong></dd></dl>",
		     fa_page_t(&p, "File", "Bestand"), u.filename,
		     fa_page_t(&p, "Size", "Grootte"), (long long)u.size,
		     fa_page_t(&p, "bytes", "bytes"), u.sha256,
		     fa_page_t(&p, "Received", "Ontvangen"), u.created,
		     fa_page_t(&p, "State", "Status"),
		     state_words(&p, u.state));
	if (u.problems && *u.problems)
		problems(&p, u.problems);
	if (u.state == FA_UPLOAD_AUDITED && u.run) {
		fa_page_html(&p, "<h2>%s</h2>",
			     fa_page_t(&p, "Self-assessment", "Zelfevaluatie"));
		run_summary(&p, s, u.run, 0);
		fa_page_html(&p,
			     "<ul><li><a href=\"/uploads/%lld/report\">%s</a>"
			     "</li><li><a href=\"/uploads/%lld/plan\">%s</a> "
			     "(Excel)</li></ul>",
			     (long long)u.id,
			     fa_page_t(&p, "Self-assessment report",
				       "Rapport van de zelfevaluatie"),
			     (long long)u.id,
			     fa_page_t(&p, "Action plan: what to fix",
				       "Actieplan: wat te herstellen"));
		if (r->user.role == FA_ROLE_INSPECTOR)
			inspector_part(&p, s, r, &u);
		else if (u.inspection) {
			fa_error_init(&err);
			fa_store_issued_get(&iss, &found, NULL, NULL, s,
					    u.inspection, &err);
			if (found)
				fa_page_html(
				    &p,
				    "<h2>%s</h2><p><a href=\"/runs/%lld/"
				    "issued\">%s</a> (%s, SHA-256 "
				    "<code>%s</code>)</p>",
				    fa_page_t(&p, "Inspection", "Inspectie"),
				    (long long)u.inspection,
				    fa_page_t(&p, "The inspection report",
					      "Het inspectierapport"),
				    iss.at, iss.sha256);
		}
	}
	fa_upload_release(&u);
	fa_store_close(s);
	fa_page_end(&p);
	fa_page_send(&p, resp, 200);
}

/* Write run's report in format into resp. */
void fa_pages_run_send(struct fa_req *r, struct fa_resp *resp,
		       struct fa_store *s, int64_t run, enum fa_format format,
		       const char *name)
{
	struct fa_audit *a = NULL;
	struct fa_store_view view;
	struct fa_error err;
	FILE *f;
	char *buf = NULL;
	size_t len = 0;
	enum fa_code code;

	memset(&view, 0, sizeof view);
	view.nl = r->nl;
	fa_error_init(&err);
	fa_serve_render_enter(r->srv);
	code = fa_store_load_run(&a, s, run, &view, &err);
	if (code != FA_OK) {
		fa_serve_render_leave(r->srv);
		fa_route_fail(resp, r, &err);
		return;
	}
	f = open_memstream(&buf, &len);
	if (!f) {
		fa_audit_free(a);
		fa_serve_render_leave(r->srv);
		fa_error_nomem(&err, "report");
		fa_route_fail(resp, r, &err);
		return;
	}
	code = fa_audit_write(f, a, format, &err);
	fa_audit_free(a);
	if (fclose(f) != 0 && code == FA_OK)
		code = fa_error_nomem(&err, "report");
	fa_serve_render_leave(r->srv);
	if (code != FA_OK) {
		free(buf);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_resp_release(resp);
	resp->status = 200;
	resp->body = buf;
	resp->len = len;
	if (format == FA_FORMAT_HTML) {
		resp->type = "text/html; charset=utf-8";
		resp->report = 1;
	} else {
		resp->type = "application/vnd.openxmlformats-officedocument."
			     "spreadsheetml.sheet";
		snprintf(resp->disposition, sizeof resp->disposition,
			 "attachment; filename=\"%s\"", name);
	}
}

static void upload_run(struct fa_req *r, struct fa_resp *resp,
		       enum fa_format format)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_error err;
	char name[64];

	fa_error_init(&err);
	if (fa_route_open(&s, &u, r, resp, 0) != 0)
		return;
	if (!u.run) {
		fa_page_message(resp, r, 404, "No report yet",
				"Nog geen rapport",
				"This upload has no self-assessment yet.",
				"Deze upload heeft nog geen zelfevaluatie.");
	} else {
		snprintf(name, sizeof name, "action-plan-%lld.xlsx",
			 (long long)u.id);
		fa_pages_run_send(r, resp, s, u.run, format, name);
	}
	fa_upload_release(&u);
	fa_store_close(s);
}

void fa_pages_upload_report(struct fa_req *r, struct fa_resp *resp)
{
	upload_run(r, resp, FA_FORMAT_HTML);
}

void fa_pages_upload_plan(struct fa_req *r, struct fa_resp *resp)
{
	upload_run(r, resp, FA_FORMAT_XLSX);
}

void fa_pages_orgs(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_org *o = NULL;
	struct fa_error err;
	struct fa_page p;
	size_t n = 0, i;

	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK ||
	    fa_store_org_list(&o, &n, s, r->user.id, &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_store_close(s);
	fa_page_init(&p, r);
	fa_page_begin(&p, fa_page_t(&p, "Your members", "Uw leden"));
	if (!n)
		fa_page_html(&p, "<p>%s</p>",
			     fa_page_t(&p,
				       "No member is assigned to you yet: the "
				       "administrator assigns them.",
				       "Er is u nog geen lid toegewezen: de "
				       "beheerder wijst ze toe."));
	else {
		fa_page_html(&p,
			     "<table><thead><tr><th scope=\"col\">%s</th>"
			     "<th scope=\"col\">KvK</th></tr></thead><tbody>",
			     fa_page_t(&p, "Member", "Lid"));
		for (i = 0; i < n; i++)
			fa_page_html(&p,
				     "<tr><td><a href=\"/orgs/%lld\">%s</a>"
				     "</td><td>%s</td></tr>",
				     (long long)o[i].id, o[i].name, o[i].kvk);
		fa_page_raw(&p, "</tbody></table>");
	}
	free(o);
	fa_page_end(&p);
	fa_page_send(&p, resp, 200);
}

void fa_pages_org(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload *u = NULL;
	struct fa_org org;
	struct fa_error err;
	struct fa_page p;
	size_t n = 0;
	int yes = 0;

	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK ||
	    fa_store_assigned(&yes, s, r->user.id, r->id, &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	if (!yes || fa_store_org_get(&org, s, r->id, &err) != FA_OK) {
		fa_route_log(s, r, "denied", r->path, NULL, &err);
		fa_store_close(s);
		fa_page_message(resp, r, 404, "Not found", "Niet gevonden",
				"There is no such page.",
				"Deze pagina bestaat niet.");
		return;
	}
	if (fa_store_upload_list(&u, &n, s, org.id, &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_store_close(s);
	fa_page_init(&p, r);
	fa_page_begin(&p, org.name);
	fa_page_html(&p, "<p>KvK %s</p>", org.kvk);
	uploads_table(&p, u, n);
	fa_upload_list_free(u, n);
	fa_page_end(&p);
	fa_page_send(&p, resp, 200);
}

void fa_pages_inspect(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_upload u;
	struct fa_error err;
	char obj[64];

	fa_error_init(&err);
	if (fa_route_open(&s, &u, r, resp, 0) != 0)
		return;
	snprintf(obj, sizeof obj, "/uploads/%lld", (long long)u.id);
	if (u.state != FA_UPLOAD_AUDITED || u.inspection ||
	    in_progress(r, u.id)) {
		fa_page_message(resp, r, 409, "Not now", "Nu niet",
				"An inspection is made once per accepted "
				"package, after its self-assessment: this "
				"upload has one, or is not ready.",
				"Een inspectie wordt eenmaal per geaccepteerd "
				"pakket gemaakt, na de zelfevaluatie: deze "
				"upload heeft er een of is nog niet klaar.");
	} else if (fa_jobs_add(r->srv->jobs, u.id, FA_JOB_INSPECTION, &err) !=
		   FA_OK) {
		fa_page_message(resp, r, 503, "Busy", "Druk",
				"The server is busy with other audits. Try "
				"again in a few minutes.",
				"De server is bezig met andere audits. Probeer "
				"het over enkele minuten opnieuw.");
	} else {
		fa_route_log(s, r, "inspect", obj, NULL, &err);
		fa_page_redirect(resp, obj);
	}
	fa_upload_release(&u);
	fa_store_close(s);
}
