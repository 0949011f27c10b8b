/* SPDX-License-Identifier: MIT */
/*
 * The administrator's page: organisations, users and assignments, each
 * with its form, and the latest entries of the action log. An
 * administrator manages accounts; audits are for members and inspectors
 * (route.c: an admin sees no upload or report).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

#include "page.h"

/* Entries of the action log the page shows. */
#define LOG_SHOWN 50

static const char *role_words(const struct fa_page *p, enum fa_role role)
{
	switch (role) {
	case FA_ROLE_ADMIN:
		return fa_page_t(p, "administrator", "beheerder");
	case FA_ROLE_INSPECTOR:
		return fa_page_t(p, "inspector", "inspecteur");
	default:
		return fa_page_t(p, "member", "lid");
	}
}

static void org_options(struct fa_page *p, const struct fa_org *o, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fa_page_html(p, "<option value=\"%lld\">%s (KvK %s)</option>",
			     (long long)o[i].id, o[i].name, o[i].kvk);
}

static void org_section(struct fa_page *p, const struct fa_org *o, size_t n)
{
	size_t i;

	fa_page_html(p, "<h2>%s</h2>",
		     fa_page_t(p, "Organisations", "Organisaties"));
	if (n) {
		fa_page_html(p,
			     "<table><thead><tr><th scope=\"col\">%s</th>"
			     "<th scope=\"col\">KvK</th></tr></thead><tbody>",
			     fa_page_t(p, "Name", "Naam"));
		for (i = 0; i < n; i++)
			fa_page_html(p, "<tr><td>%s</td><td>%s</td></tr>",
				     o[i].name, o[i].kvk);
		fa_page_raw(p, "</tbody></table>");
	}
	fa_page_raw(p, "<form class=\"box\" method=\"post\" "
		       "action=\"/admin/orgs\">");
	fa_page_csrf(p);
	fa_page_html(
	    p,
	    "<label for=\"org-name\">%s</label>"
	    "<input id=\"org-name\" name=\"name\" required>"
	    "<label for=\"org-kvk\">%s</label>"
	    "<input id=\"org-kvk\" name=\"kvk\" required "
	    "inputmode=\"numeric\" pattern=\"[0-9]{8}\">"
	    "<p><button type=\"submit\">%s</button></p></form>",
	    fa_page_t(p, "Name", "Naam"),
	    fa_page_t(p, "KvK number (8 digits)", "KvK-nummer (8 cijfers)"),
	    fa_page_t(p, "Add the organisation", "Organisatie toevoegen"));
}

static void user_section(struct fa_page *p, const struct fa_user *u, size_t n,
			 const struct fa_org *o, size_t n_org)
{
	size_t i, j;
	const char *org;

	fa_page_html(p, "<h2>%s</h2>", fa_page_t(p, "Users", "Gebruikers"));
	fa_page_html(p,
		     "<table><thead><tr><th scope=\"col\">%s</th><th "
		     "scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th></tr></thead><tbody>",
		     fa_page_t(p, "Login", "Gebruikersnaam"),
		     fa_page_t(p, "Role", "Rol"),
		     fa_page_t(p, "Organisation", "Organisatie"),
		     fa_page_t(p, "Access", "Toegang"));
	for (i = 0; i < n; i++) {
		org = "";
		for (j = 0; j < n_org; j++)
			if (o[j].id == u[i].org)
				org = o[j].name;
		fa_page_html(p,
			     "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s "
			     "<form method=\"post\" action=\"/admin/access\">",
			     u[i].login, role_words(p, u[i].role), org,
			     u[i].disabled
				 ? fa_page_t(p, "disabled", "geblokkeerd")
				 : fa_page_t(p, "active", "actief"));
		fa_page_csrf(p);
		fa_page_html(
		    p,
		    "<input type=\"hidden\" name=\"user\" "
		    "value=\"%lld\"><input type=\"hidden\" "
		    "name=\"disabled\" value=\"%d\"><button "
		    "type=\"submit\" aria-label=\"%s %s\">%s</button>"
		    "</form></td></tr>",
		    (long long)u[i].id, !u[i].disabled,
		    u[i].disabled ? fa_page_t(p, "Enable", "Deblokkeer")
				  : fa_page_t(p, "Disable", "Blokkeer"),
		    u[i].login,
		    u[i].disabled ? fa_page_t(p, "Enable", "Deblokkeer")
				  : fa_page_t(p, "Disable", "Blokkeer"));
	}
	fa_page_raw(p, "</tbody></table><form class=\"box\" method=\"post\" "
		       "action=\"/admin/users\">");
	fa_page_csrf(p);
	fa_page_html(p,
		     "<label for=\"user-login\">%s</label>"
		     "<input id=\"user-login\" name=\"login\" required "
		     "autocomplete=\"off\">"
		     "<label for=\"user-role\">%s</label>"
		     "<select id=\"user-role\" name=\"role\">"
		     "<option value=\"member\">%s</option>"
		     "<option value=\"inspector\">%s</option>"
		     "<option value=\"admin\">%s</option></select>"
		     "<label for=\"user-org\">%s</label>"
		     "<select id=\"user-org\" name=\"org\"><option value=\"0\">"
		     "%s</option>",
		     fa_page_t(p, "Login", "Gebruikersnaam"),
		     fa_page_t(p, "Role", "Rol"), role_words(p, FA_ROLE_MEMBER),
		     role_words(p, FA_ROLE_INSPECTOR),
		     role_words(p, FA_ROLE_ADMIN),
		     fa_page_t(p, "Organisation (members only)",
			       "Organisatie (alleen leden)"),
		     fa_page_t(p, "none", "geen"));
	org_options(p, o, n_org);
	fa_page_html(p,
		     "</select><label for=\"user-password\">%s</label>"
		     "<input id=\"user-password\" name=\"password\" "
		     "type=\"password\" autocomplete=\"new-password\" required "
		     "minlength=\"12\">"
		     "<p><button type=\"submit\">%s</button></p></form>",
		     fa_page_t(p, "Password (at least 12 characters)",
			       "Wachtwoord (minstens 12 tekens)"),
		     fa_page_t(p, "Add the user", "Gebruiker toevoegen"));
}

static void assign_section(struct fa_page *p, const struct fa_user *u, size_t n,
			   const struct fa_org *o, size_t n_org)
{
	size_t i;

	fa_page_html(
	    p, "<h2>%s</h2>",
	    fa_page_t(p, "Assign an inspector", "Inspecteur toewijzen"));
	fa_page_raw(p, "<form class=\"box\" method=\"post\" "
		       "action=\"/admin/assign\">");
	fa_page_csrf(p);
	fa_page_html(p,
		     "<label for=\"assign-inspector\">%s</label>"
		     "<select id=\"assign-inspector\" name=\"inspector\">",
		     fa_page_t(p, "Inspector", "Inspecteur"));
	for (i = 0; i < n; i++)
		if (u[i].role == FA_ROLE_INSPECTOR)
			fa_page_html(p, "<option value=\"%lld\">%s</option>",
				     (long long)u[i].id, u[i].login);
	fa_page_html(p,
		     "</select><label for=\"assign-org\">%s</label>"
		     "<select id=\"assign-org\" name=\"org\">",
		     fa_page_t(p, "Member organisation", "Lidorganisatie"));
	org_options(p, o, n_org);
	fa_page_html(p,
		     "</select><p><button type=\"submit\">%s</button></p>"
		     "</form>",
		     fa_page_t(p, "Assign", "Toewijzen"));
}

static void log_section(struct fa_page *p, const struct fa_log_entry *e,
			size_t n)
{
	size_t i;

	fa_page_html(p,
		     "<h2>%s</h2><table><thead><tr><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		     "<th scope=\"col\">%s</th></tr></thead><tbody>",
		     fa_page_t(p, "Action log (latest first)",
			       "Actielogboek (nieuwste eerst)"),
		     fa_page_t(p, "When", "Wanneer"),
		     fa_page_t(p, "Who", "Wie"), fa_page_t(p, "From", "Vanaf"),
		     fa_page_t(p, "Action", "Actie"), fa_page_t(p, "On", "Op"),
		     fa_page_t(p, "Detail", "Details"));
	for (i = 0; i < n; i++)
		fa_page_html(p,
			     "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			     "<td>%s</td><td>%s</td></tr>",
			     e[i].at, e[i].login, e[i].addr, e[i].action,
			     e[i].object, e[i].detail);
	fa_page_raw(p, "</tbody></table>");
}

void fa_pages_admin(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_org *o = NULL;
	struct fa_user *u = NULL;
	struct fa_log_entry *e = NULL;
	size_t n_org = 0, n_user = 0, n_log = 0;
	struct fa_error err;
	struct fa_page p;
	const char *done = fa_req_query(r, "done");

	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK ||
	    fa_store_org_list(&o, &n_org, s, 0, &err) != FA_OK ||
	    fa_store_user_list(&u, &n_user, s, &err) != FA_OK ||
	    fa_store_log_list(&e, &n_log, s, LOG_SHOWN, &err) != FA_OK) {
		free(o);
		free(u);
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_store_close(s);
	fa_page_init(&p, r);
	fa_page_begin(&p, fa_page_t(&p, "Administration", "Beheer"));
	if (done)
		fa_page_html(&p, "<p class=\"note\" role=\"status\">%s</p>",
			     fa_page_t(&p, "Saved.", "Opgeslagen."));
	org_section(&p, o, n_org);
	user_section(&p, u, n_user, o, n_org);
	assign_section(&p, u, n_user, o, n_org);
	log_section(&p, e, n_log);
	free(o);
	free(u);
	free(e);
	fa_page_end(&p);
	fa_page_send(&p, resp, 200);
}

/* Run one change of the admin page: the store's refusal (FA_ERR_USAGE)
 * is shown, anything else fails; done logs and goes back. */
static void finish(struct fa_req *r, struct fa_resp *resp, struct fa_store *s,
		   enum fa_code code, const struct fa_error *err,
		   const char *action, const char *object)
{
	struct fa_error e2;

	if (code == FA_ERR_USAGE) {
		fa_page_refused(resp, r, err, "Not saved", "Niet opgeslagen",
				"/admin", "Back to the administration",
				"Terug naar het beheer");
	} else if (code != FA_OK) {
		fa_route_fail(resp, r, err);
	} else {
		fa_error_init(&e2);
		fa_route_log(s, r, action, object, NULL, &e2);
		fa_page_redirect(resp, "/admin?done=1");
	}
	fa_store_close(s);
}

static int64_t field_id(const struct fa_req *r, const char *name)
{
	const char *v = fa_req_field(r, name);
	int64_t id = 0;

	if (!v || fa_store_parse_run(&id, v) != 0)
		return 0;
	return id;
}

void fa_pages_admin_org(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_error err;
	const char *kvk = fa_req_field(r, "kvk");
	const char *name = fa_req_field(r, "name");
	enum fa_code code;
	int64_t id = 0;

	fa_error_init(&err);
	code = fa_serve_store(&s, r->srv, &err);
	if (code == FA_OK)
		code = fa_store_org_add(&id, s, kvk ? kvk : "",
					name ? name : "", &err);
	finish(r, resp, s, code, &err, "org-add", kvk);
}

void fa_pages_admin_user(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_error err;
	const char *login = fa_req_field(r, "login");
	const char *role = fa_req_field(r, "role");
	const char *password = fa_req_field(r, "password");
	enum fa_role rl = FA_ROLE_MEMBER;
	enum fa_code code;
	int64_t id = 0;

	fa_error_init(&err);
	code = fa_serve_store(&s, r->srv, &err);
	if (code == FA_OK && (!role || fa_role_parse(&rl, role) != 0))
		code = fa_error_add(&err, FA_ERR_USAGE, NULL, 0, 0,
				    "choose a role: member, inspector or "
				    "admin");
	if (code == FA_OK)
		code = fa_store_user_add(
		    &id, s, login ? login : "", rl,
		    rl == FA_ROLE_MEMBER ? field_id(r, "org") : 0,
		    password ? password : "", &err);
	finish(r, resp, s, code, &err, "user-add", login);
}

void fa_pages_admin_assign(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_error err;
	enum fa_code code;
	char obj[64];

	fa_error_init(&err);
	snprintf(obj, sizeof obj, "user %lld org %lld",
		 (long long)field_id(r, "inspector"),
		 (long long)field_id(r, "org"));
	code = fa_serve_store(&s, r->srv, &err);
	if (code == FA_OK)
		code = fa_store_assign(s, field_id(r, "inspector"),
				       field_id(r, "org"), &err);
	finish(r, resp, s, code, &err, "assign", obj);
}

void fa_pages_admin_access(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_error err;
	const char *d = fa_req_field(r, "disabled");
	int64_t user = field_id(r, "user");
	int disable = d && strcmp(d, "1") == 0;
	enum fa_code code;
	char obj[64];

	fa_error_init(&err);
	snprintf(obj, sizeof obj, "user %lld", (long long)user);
	code = fa_serve_store(&s, r->srv, &err);
	if (code == FA_OK && user == r->user.id && disable)
		code = fa_error_add(&err, FA_ERR_USAGE, NULL, 0, 0,
				    "you cannot disable your own account: "
				    "another administrator can");
	else if (code == FA_OK)
		code = fa_store_user_set_disabled(s, user, disable, &err);
	finish(r, resp, s, code, &err, disable ? "user-disable" : "user-enable",
	       obj);
}
