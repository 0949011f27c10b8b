/* SPDX-License-Identifier: MIT */
/*
 * Every request passes here: the route is found in one table (method,
 * path, the roles that may use it), the session read from its cookie,
 * a POST's CSRF token compared with the session's, and only then is the
 * page called. Signing in and out, the language and the style sheet are
 * here too. A path that is not in the table is 404 whatever it holds (no
 * file is ever served by its name), and a number in a path is digits
 * only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

#include "limits.h"
#include "page.h"
#include "secret.h"
#include "text.h"

#define ADMIN (1u << FA_ROLE_ADMIN)
#define INSPECTOR (1u << FA_ROLE_INSPECTOR)
#define MEMBER (1u << FA_ROLE_MEMBER)
#define PUBLIC 0u

struct route {
	const char *method;
	const char *path; /* '#' stands for a number */
	unsigned roles;	  /* PUBLIC: no sign-in needed */
	int upload;	  /* the body may be a package */
	fa_page_fn fn;
};

static void style(struct fa_req *r, struct fa_resp *resp);
static void login_page(struct fa_req *r, struct fa_resp *resp);
static void login_post(struct fa_req *r, struct fa_resp *resp);
static void logout_post(struct fa_req *r, struct fa_resp *resp);
static void lang(struct fa_req *r, struct fa_resp *resp);
static void home(struct fa_req *r, struct fa_resp *resp);

static const struct route routes[] = {
	{ "GET", "/style.css", PUBLIC, 0, style },
	{ "GET", "/login", PUBLIC, 0, login_page },
	{ "POST", "/login", PUBLIC, 0, login_post },
	{ "GET", "/lang", PUBLIC, 0, lang },
	{ "POST", "/logout", ADMIN | INSPECTOR | MEMBER, 0, logout_post },
	{ "GET", "/", ADMIN | INSPECTOR | MEMBER, 0, home },
	{ "GET", "/admin", ADMIN, 0, fa_pages_admin },
	{ "POST", "/admin/orgs", ADMIN, 0, fa_pages_admin_org },
	{ "POST", "/admin/users", ADMIN, 0, fa_pages_admin_user },
	{ "POST", "/admin/assign", ADMIN, 0, fa_pages_admin_assign },
	{ "POST", "/admin/access", ADMIN, 0, fa_pages_admin_access },
	{ "GET", "/uploads", MEMBER, 0, fa_pages_uploads },
	{ "POST", "/uploads", MEMBER, 1, fa_pages_upload_post },
	{ "GET", "/uploads/#", MEMBER | INSPECTOR, 0, fa_pages_upload },
	{ "GET", "/uploads/#/report", MEMBER | INSPECTOR, 0,
	  fa_pages_upload_report },
	{ "GET", "/uploads/#/plan", MEMBER | INSPECTOR, 0,
	  fa_pages_upload_plan },
	{ "POST", "/uploads/#/inspect", INSPECTOR, 0, fa_pages_inspect },
	{ "GET", "/orgs", INSPECTOR, 0, fa_pages_orgs },
	{ "GET", "/orgs/#", INSPECTOR, 0, fa_pages_org },
	{ "GET", "/runs/#/review", INSPECTOR, 0, fa_pages_review },
	{ "POST", "/runs/#/judge", INSPECTOR, 0, fa_pages_judge },
	{ "POST", "/runs/#/waive", INSPECTOR, 0, fa_pages_waive },
	{ "POST", "/runs/#/issue", INSPECTOR, 0, fa_pages_issue },
	{ "GET", "/runs/#/report", INSPECTOR, 0, fa_pages_run_report },
	{ "GET", "/runs/#/issued", MEMBER | INSPECTOR, 0, fa_pages_issued },
};

#define N_ROUTES (sizeof routes / sizeof routes[0])

/* path against pattern; the number where '#' is in *id. 1 on a match. */
static int match(int64_t *id, const char *pattern, const char *path)
{
	char num[24];
	size_t n;

	*id = 0;
	while (*pattern && *path) {
		if (*pattern == '#') {
			for (n = 0; path[n] >= '0' && path[n] <= '9'; n++)
				if (n + 1 >= sizeof num)
					return 0;
			if (n == 0 || path[0] == '0')
				return 0; /* one spelling per number */
			memcpy(num, path, n);
			num[n] = '\0';
			if (fa_store_parse_run(id, num) != 0)
				return 0;
			path += n;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

static const struct route *find(int64_t *id, const char *method,
				const char *path, int *other_method)
{
	size_t i;
	int64_t n;

	*other_method = 0;
	for (i = 0; i < N_ROUTES; i++) {
		if (!match(&n, routes[i].path, path))
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 &&
		     strcmp(routes[i].method, "GET") == 0)) {
			*id = n;
			return &routes[i];
		}
		*other_method = 1;
	}
	return NULL;
}

/* The signed-in user of the session cookie, if any. FA_OK also when
 * there is none; an error only when the store could not be read, which
 * is not the same as being signed out. */
static enum fa_code read_session(struct fa_req *r, struct fa_error *err)
{
	const char *token = fa_req_cookie(r, "fa_session");
	struct fa_store *s = NULL;
	enum fa_code code;
	int found = 0;

	if (!token || strlen(token) != FA_TOKEN_SIZE - 1)
		return FA_OK;
	code = fa_serve_store(&s, r->srv, err);
	if (code == FA_OK)
		code = fa_store_session_get(&r->session, &found, s, token, err);
	if (code == FA_OK && found) {
		code = fa_store_user_get(&r->user, s, r->session.user, err);
		if (code == FA_ERR_USAGE) { /* no such user: signed out */
			fa_error_init(err);
			code = FA_OK;
			found = 0;
		}
	}
	if (code == FA_OK && found && !r->user.disabled) {
		r->have_user = 1;
		snprintf(r->token, sizeof r->token, "%s", token);
	}
	fa_store_close(s);
	return code;
}

static void read_lang(struct fa_req *r)
{
	const char *c = fa_req_cookie(r, "fa_lang");
	const char *a = fa_req_header(r, "Accept-Language");

	if (c)
		r->nl = strcmp(c, "nl") == 0;
	else
		r->nl = a && strncmp(a, "nl", 2) == 0;
}

unsigned fa_route_begin(uint64_t *max, struct fa_req *r, struct fa_resp *resp)
{
	const struct route *rt;
	struct fa_error err;
	int other;

	*max = 0;
	read_lang(r);
	fa_error_init(&err);
	if (read_session(r, &err) != FA_OK) {
		r->have_user = 0;
		fa_route_fail(resp, r, &err);
		return 500;
	}
	rt = find(&r->id, r->method, r->path, &other);
	if (!rt) {
		if (other) {
			fa_page_message(resp, r, 405, "Not allowed",
					"Niet toegestaan",
					"This page cannot be used so.",
					"Deze pagina kan zo niet gebruikt "
					"worden.");
			return 405;
		}
		fa_page_message(resp, r, 404, "Not found", "Niet gevonden",
				"There is no such page.",
				"Deze pagina bestaat niet.");
		return 404;
	}
	r->route = rt;
	if (rt->roles != PUBLIC && !r->have_user) {
		if (strcmp(rt->method, "GET") == 0) {
			fa_page_redirect(resp, "/login");
			return 303;
		}
		fa_page_message(resp, r, 403, "Not signed in", "Niet aangemeld",
				"Sign in first: your session has ended or "
				"you signed out.",
				"Meld u eerst aan: uw sessie is verlopen of "
				"u hebt zich afgemeld.");
		return 403;
	}
	if (rt->roles != PUBLIC && !(rt->roles & (1u << r->user.role))) {
		fa_page_message(resp, r, 403, "Not allowed", "Niet toegestaan",
				"Your role cannot use this page.",
				"Uw rol kan deze pagina niet gebruiken.");
		return 403;
	}
	if (strcmp(rt->method, "POST") == 0)
		*max =
		    rt->upload ? r->srv->upload_max : (uint64_t)FA_FORM_BYTES;
	return 0;
}

/* 1 if the POST carries the session's CSRF token. */
static int csrf_ok(const struct fa_req *r)
{
	const char *t = fa_req_field(r, "csrf");

	return r->have_user && t && strlen(t) == FA_TOKEN_SIZE - 1 &&
	       fa_secret_equal(t, r->session.csrf, FA_TOKEN_SIZE - 1);
}

static unsigned csrf_refused(struct fa_req *r, struct fa_resp *resp)
{
	fa_page_message(resp, r, 403, "Form refused", "Formulier geweigerd",
			"The form did not carry this session's security "
			"token. Open the page again and send the form from "
			"there.",
			"Het formulier had niet het beveiligingstoken van "
			"deze sessie. Open de pagina opnieuw en verstuur het "
			"formulier van daar.");
	return 403;
}

unsigned fa_route_file(struct fa_req *r, struct fa_resp *resp)
{
	const struct route *rt = r->route;

	if (!rt || !rt->upload) {
		fa_page_message(resp, r, 400, "Bad request", "Ongeldig verzoek",
				"This form takes no file.",
				"Dit formulier neemt geen bestand.");
		return 400;
	}
	if (!csrf_ok(r))
		return csrf_refused(r, resp);
	return 0;
}

void fa_route_handle(struct fa_req *r, struct fa_resp *resp)
{
	const struct route *rt = r->route;

	if (strcmp(rt->method, "POST") == 0 && rt->roles != PUBLIC &&
	    !csrf_ok(r)) {
		csrf_refused(r, resp);
		return;
	}
	rt->fn(r, resp);
}

enum fa_code fa_route_log(struct fa_store *s, const struct fa_req *r,
			  const char *action, const char *object,
			  const char *detail, struct fa_error *err)
{
	return fa_store_log(s, r->have_user ? r->user.id : 0, r->addr, action,
			    object, detail, err);
}

void fa_route_fail(struct fa_resp *resp, struct fa_req *r,
		   const struct fa_error *err)
{
	struct fa_store *s = NULL;
	struct fa_error e2;
	char msg[FA_ERROR_MESSAGE_MAX + FA_ERROR_WHERE_MAX + 64];

	fa_diag_format(msg, sizeof msg, &err->diag[0]);
	fa_error_init(&e2);
	if (fa_serve_store(&s, r->srv, &e2) == FA_OK) {
		fa_route_log(s, r, "error", r->path, msg, &e2);
		fa_store_close(s);
	}
	fa_page_message(resp, r, 500, "Something went wrong",
			"Er ging iets mis",
			"The server could not do this. Try again in a "
			"minute; if it fails again, tell the administrator.",
			"De server kon dit niet doen. Probeer het over een "
			"minuut opnieuw; lukt het weer niet, meld het dan de "
			"beheerder.");
}

static unsigned not_found(struct fa_store *s, struct fa_req *r,
			  struct fa_resp *resp, const char *what, int64_t id)
{
	char obj[64];
	struct fa_error err;

	snprintf(obj, sizeof obj, "%s %lld", what, (long long)id);
	fa_error_init(&err);
	fa_route_log(s, r, "denied", obj, r->path, &err);
	fa_page_message(resp, r, 404, "Not found", "Niet gevonden",
			"There is no such page.", "Deze pagina bestaat niet.");
	return 404;
}

static int may_see(struct fa_store *s, const struct fa_req *r, int64_t org,
		   struct fa_error *err, enum fa_code *code)
{
	int yes = 0;

	*code = FA_OK;
	if (r->user.role == FA_ROLE_MEMBER)
		return r->user.org == org;
	if (r->user.role == FA_ROLE_INSPECTOR) {
		*code = fa_store_assigned(&yes, s, r->user.id, org, err);
		return yes;
	}
	return 0; /* an admin manages accounts, not audits */
}

/* Find the upload r->id names (by_run: the upload whose run it is) in s,
 * as fa_route_open. */
static unsigned find_upload(struct fa_upload *u, struct fa_store *s,
			    struct fa_req *r, struct fa_resp *resp, int by_run)
{
	const char *what = by_run ? "run" : "upload";
	struct fa_error err;
	enum fa_code code;
	int found = 0;

	memset(u, 0, sizeof *u);
	fa_error_init(&err);
	code = by_run ? fa_store_upload_of_run(u, &found, s, r->id, &err)
		      : fa_store_upload_get(u, s, r->id, &err);
	if (!by_run && code == FA_ERR_USAGE) { /* no such upload */
		fa_error_init(&err);
		code = FA_OK;
	} else if (!by_run && code == FA_OK) {
		found = 1;
	}
	if (code != FA_OK) {
		fa_route_fail(resp, r, &err);
		return 500;
	}
	if (!found)
		return not_found(s, r, resp, what, r->id);
	if (!may_see(s, r, u->org, &err, &code)) {
		fa_upload_release(u);
		if (code != FA_OK) {
			fa_route_fail(resp, r, &err);
			return 500;
		}
		return not_found(s, r, resp, what, r->id);
	}
	return 0;
}

unsigned fa_route_open(struct fa_store **s, struct fa_upload *u,
		       struct fa_req *r, struct fa_resp *resp, int by_run)
{
	struct fa_error err;
	unsigned status;

	memset(u, 0, sizeof *u);
	fa_error_init(&err);
	if (fa_serve_store(s, r->srv, &err) != FA_OK) {
		fa_route_fail(resp, r, &err);
		return 500;
	}
	status = find_upload(u, *s, r, resp, by_run);
	if (status) {
		fa_store_close(*s);
		*s = NULL;
	}
	return status;
}

/* ---- the routes of this file ---------------------------------------------
 */

static void style(struct fa_req *r, struct fa_resp *resp)
{
	(void)r;
	resp->status = 200;
	resp->type = "text/css; charset=utf-8";
	resp->body = fa_text_dup(fa_page_css);
	resp->len = resp->body ? strlen(resp->body) : 0;
	if (!resp->body)
		resp->status = 500;
}

/*
 * The sign-in form carries a token of its own, also set as a cookie
 * (fa_pre, SameSite=Strict, for /login only): a sign-in is taken only
 * when the two match, so that another site cannot sign a browser in to
 * an account of its choosing (a forged form has no such cookie to send).
 */
static void login_form(struct fa_req *r, struct fa_resp *resp, unsigned status,
		       const char *problem_en, const char *problem_nl)
{
	struct fa_page p;
	struct fa_error err;
	const char *login = fa_req_field(r, "login");
	char pre[FA_TOKEN_SIZE];

	fa_error_init(&err);
	if (fa_secret_token(pre, sizeof pre, FA_TOKEN_BYTES, &err) != FA_OK) {
		fa_route_fail(resp, r, &err);
		return;
	}
	snprintf(resp->cookies[1], sizeof resp->cookies[1],
		 "fa_pre=%s; Path=/login; Max-Age=%d; HttpOnly; "
		 "SameSite=Strict%s",
		 pre, FA_LOGIN_FORM_SECONDS, r->srv->tls ? "; Secure" : "");
	fa_page_init(&p, r);
	fa_page_begin(&p, fa_page_t(&p, "Sign in", "Aanmelden"));
	if (problem_en)
		fa_page_html(&p, "<p class=\"err\" role=\"alert\">%s</p>",
			     fa_page_t(&p, problem_en, problem_nl));
	fa_page_html(
	    &p,
	    "<form class=\"box\" method=\"post\" action=\"/login\">"
	    "<input type=\"hidden\" name=\"pre\" value=\"%s\">"
	    "<label for=\"login\">%s</label>"
	    "<input id=\"login\" name=\"login\" autocomplete="
	    "\"username\" required value=\"%s\">"
	    "<label for=\"password\">%s</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\""
	    " autocomplete=\"current-password\" required>"
	    "<p><button type=\"submit\">%s</button></p></form>",
	    pre, fa_page_t(&p, "Login name", "Gebruikersnaam"),
	    login ? login : "", fa_page_t(&p, "Password", "Wachtwoord"),
	    fa_page_t(&p, "Sign in", "Aanmelden"));
	fa_page_end(&p);
	fa_page_send(&p, resp, status);
}

static void login_page(struct fa_req *r, struct fa_resp *resp)
{
	if (r->have_user) {
		fa_page_redirect(resp, "/");
		return;
	}
	login_form(r, resp, 200, NULL, NULL);
}

static void hash_enter(struct fa_server *srv)
{
	pthread_mutex_lock(&srv->hash_lock);
	while (srv->hashing >= FA_SERVE_HASHING_MAX)
		pthread_cond_wait(&srv->hash_cond, &srv->hash_lock);
	srv->hashing++;
	pthread_mutex_unlock(&srv->hash_lock);
}

static void hash_leave(struct fa_server *srv)
{
	pthread_mutex_lock(&srv->hash_lock);
	srv->hashing--;
	pthread_cond_signal(&srv->hash_cond);
	pthread_mutex_unlock(&srv->hash_lock);
}

static void set_session_cookie(struct fa_req *r, struct fa_resp *resp,
			       const char *token, long max_age)
{
	snprintf(resp->cookies[0], sizeof resp->cookies[0],
		 "fa_session=%s; Path=/; Max-Age=%ld; HttpOnly; "
		 "SameSite=Strict%s",
		 token, max_age, r->srv->tls ? "; Secure" : "");
}

/* 1 if the sign-in form's token matches its cookie (login_form). */
static int pre_ok(const struct fa_req *r)
{
	const char *f = fa_req_field(r, "pre");
	const char *c = fa_req_cookie(r, "fa_pre");

	return f && c && strlen(f) == FA_TOKEN_SIZE - 1 &&
	       strlen(c) == FA_TOKEN_SIZE - 1 &&
	       fa_secret_equal(f, c, FA_TOKEN_SIZE - 1);
}

static void login_post(struct fa_req *r, struct fa_resp *resp)
{
	const char *login = fa_req_field(r, "login");
	const char *password = fa_req_field(r, "password");
	struct fa_store *s = NULL;
	struct fa_error err;
	struct fa_user u;
	struct fa_session sess;
	char token[FA_TOKEN_SIZE], wait[64];
	long secs;
	int ok = 0;

	if (!pre_ok(r)) {
		login_form(r, resp, 400,
			   "The sign-in form had expired or did not come from "
			   "this site. Sign in again.",
			   "Het aanmeldformulier was verlopen of kwam niet van "
			   "deze site. Meld u opnieuw aan.");
		return;
	}
	if (!login || !password || !*login || !*password) {
		login_form(r, resp, 400, "Give your login name and password.",
			   "Geef uw gebruikersnaam en wachtwoord.");
		return;
	}
	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK) {
		fa_route_fail(resp, r, &err);
		return;
	}
	secs = fa_limiter_wait(r->srv->limiter, login, r->addr);
	if (secs > 0) {
		snprintf(wait, sizeof wait, "wait %ld s", secs);
		fa_route_log(s, r, "login-refused", login, wait, &err);
		fa_store_close(s);
		login_form(r, resp, 429,
			   "Too many failed sign-ins. Wait a quarter of an "
			   "hour, then try again.",
			   "Te veel mislukte aanmeldingen. Wacht een "
			   "kwartier en probeer het dan opnieuw.");
		return;
	}
	hash_enter(r->srv);
	if (fa_store_user_check(&u, &ok, s, login, password, &err) != FA_OK) {
		hash_leave(r->srv);
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	hash_leave(r->srv);
	if (!ok) {
		fa_limiter_failed(r->srv->limiter, login, r->addr);
		fa_route_log(s, r, "login-failed", login, NULL, &err);
		fa_store_close(s);
		login_form(r, resp, 401,
			   "The login name or the password is wrong.",
			   "De gebruikersnaam of het wachtwoord is onjuist.");
		return;
	}
	fa_limiter_succeeded(r->srv->limiter, login);
	/* A new session whatever cookie came with the request: a token
	 * planted before sign-in is never the one signed in. */
	if (r->have_user)
		fa_store_session_end(s, r->token, &err);
	if (fa_store_session_new(token, &sess, s, u.id, FA_SESSION_SECONDS,
				 &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	r->have_user = 1;
	r->user = u;
	fa_route_log(s, r, "login", u.login, NULL, &err);
	fa_store_close(s);
	fa_page_redirect(resp, "/");
	set_session_cookie(r, resp, token, FA_SESSION_SECONDS);
	snprintf(resp->cookies[1], sizeof resp->cookies[1],
		 "fa_pre=; Path=/login; Max-Age=0; HttpOnly; SameSite=Strict");
}

static void logout_post(struct fa_req *r, struct fa_resp *resp)
{
	struct fa_store *s = NULL;
	struct fa_error err;

	fa_error_init(&err);
	if (fa_serve_store(&s, r->srv, &err) != FA_OK ||
	    fa_store_session_end(s, r->token, &err) != FA_OK) {
		fa_store_close(s);
		fa_route_fail(resp, r, &err);
		return;
	}
	fa_route_log(s, r, "logout", r->user.login, NULL, &err);
	fa_store_close(s);
	fa_page_redirect(resp, "/login");
	set_session_cookie(r, resp, "", 0);
}

/* A path of this site to go back to: "/" and letters, digits, / _ -. */
static int safe_back(const char *b)
{
	if (!b || b[0] != '/' || b[1] == '/')
		return 0;
	for (; *b; b++)
		if (!((*b >= 'a' && *b <= 'z') || (*b >= 'A' && *b <= 'Z') ||
		      (*b >= '0' && *b <= '9') || *b == '/' || *b == '_' ||
		      *b == '-'))
			return 0;
	return 1;
}

static void lang(struct fa_req *r, struct fa_resp *resp)
{
	const char *to = fa_req_query(r, "to");
	const char *back = fa_req_query(r, "back");

	fa_page_redirect(resp, safe_back(back) ? back : "/");
	snprintf(resp->cookies[0], sizeof resp->cookies[0],
		 "fa_lang=%s; Path=/; Max-Age=31536000; SameSite=Strict%s",
		 to && strcmp(to, "nl") == 0 ? "nl" : "en",
		 r->srv->tls ? "; Secure" : "");
}

static void home(struct fa_req *r, struct fa_resp *resp)
{
	switch (r->user.role) {
	case FA_ROLE_ADMIN:
		fa_page_redirect(resp, "/admin");
		break;
	case FA_ROLE_INSPECTOR:
		fa_page_redirect(resp, "/orgs");
		break;
	default:
		fa_page_redirect(resp, "/uploads");
		break;
	}
}
