/* SPDX-License-Identifier: MIT */
/*
 * The portal's HTML: a growing buffer, the escaping, the frame every
 * page shares. See page.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "page.h"

#include "text.h"

const char fa_page_css[] =
    "html{font:15px/1.45 \"DejaVu Sans\",\"Liberation Sans\",Arial,"
    "sans-serif;color:#111;background:#f6f7f9}\n"
    "body{margin:0}\n"
    "header{background:#23405e;color:#fff;padding:.6em 1.2em;display:flex;"
    "flex-wrap:wrap;gap:1em;align-items:center}\n"
    "header a,header button{color:#fff}\n"
    "header .who{margin-left:auto}\n"
    "header form{display:inline;margin:0}\n"
    "header button{background:none;border:1px solid #fff;padding:.2em "
    ".6em;cursor:pointer;font:inherit}\n"
    "main{max-width:60em;margin:1.2em auto;padding:0 1.2em}\n"
    "h1{font-size:1.5em;margin:.4em 0}\n"
    "h2{font-size:1.2em;margin:1.2em 0 .4em;color:#23405e}\n"
    "table{border-collapse:collapse;width:100%;background:#fff}\n"
    "th,td{border:1px solid #ccd;padding:.3em .5em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#e8ecf2}\n"
    "form.box,section.box{background:#fff;border:1px solid #ccd;"
    "padding:.8em 1em;margin:.8em 0}\n"
    "label{display:block;margin:.4em 0 .1em;font-weight:bold}\n"
    "input,select,textarea{font:inherit;padding:.25em;max-width:100%}\n"
    "textarea{width:100%}\n"
    "button{font:inherit;padding:.3em .9em;cursor:pointer}\n"
    "a:focus,button:focus,input:focus,select:focus,textarea:focus{"
    "outline:3px solid #f5a623;outline-offset:1px}\n"
    ".ok{color:#0a6b2d}.bad{color:#a11}.warn{color:#8a5a00}\n"
    ".note{background:#fff8e1;border-left:4px solid #f5a623;padding:.5em "
    ".8em}\n"
    ".err{background:#fdecea;border-left:4px solid #a11;padding:.5em "
    ".8em}\n"
    "pre{white-space:pre-wrap;background:#fff;border:1px solid #ccd;"
    "padding:.5em}\n"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;"
    "background:#fff;color:#000;padding:.3em}\n";

void fa_page_init(struct fa_page *p, const struct fa_req *r)
{
	memset(p, 0, sizeof *p);
	p->req = r;
	p->nl = r ? r->nl : 0;
}

void fa_page_release(struct fa_page *p)
{
	free(p->buf);
	p->buf = NULL;
	p->len = p->cap = 0;
}

const char *fa_page_t(const struct fa_page *p, const char *en, const char *nl)
{
	return p->nl ? nl : en;
}

static void put(struct fa_page *p, const char *s, size_t n)
{
	char *b;
	size_t cap;

	if (p->failed)
		return;
	if (p->len + n + 1 > p->cap) {
		cap = p->cap ? p->cap : 4096;
		while (cap < p->len + n + 1)
			cap *= 2;
		b = realloc(p->buf, cap);
		if (!b) {
			p->failed = 1;
			return;
		}
		p->buf = b;
		p->cap = cap;
	}
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	p->buf[p->len] = '\0';
}

void fa_page_raw(struct fa_page *p, const char *s)
{
	put(p, s, strlen(s));
}

/* The one escape: text and double- or single-quoted attribute values. */
static void esc(struct fa_page *p, const char *s)
{
	const char *run = s;

	if (!s)
		return;
	for (; *s; s++) {
		const char *e = NULL;

		switch (*s) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		default:
			continue;
		}
		put(p, run, (size_t)(s - run));
		fa_page_raw(p, e);
		run = s + 1;
	}
	put(p, run, (size_t)(s - run));
}

char *fa_page_escape(const char *s)
{
	struct fa_page p;

	fa_page_init(&p, NULL);
	esc(&p, s ? s : "");
	fa_page_raw(&p, "");
	if (p.failed || !p.buf) {
		fa_page_release(&p);
		return p.failed ? NULL : fa_text_dup("");
	}
	return p.buf;
}

void fa_page_html(struct fa_page *p, const char *fmt, ...)
{
	va_list ap;
	const char *f = fmt, *run = fmt;
	char num[32];

	va_start(ap, fmt);
	while (*f) {
		int l = 0, z = 0;

		if (*f != '%') {
			f++;
			continue;
		}
		put(p, run, (size_t)(f - run));
		f++;
		while (*f == 'l') {
			l++;
			f++;
		}
		if (*f == 'z') {
			z = 1;
			f++;
		}
		switch (*f) {
		case 's':
			esc(p, va_arg(ap, const char *));
			break;
		case 'd':
			if (z)
				snprintf(num, sizeof num, "%zd",
					 va_arg(ap, ssize_t));
			else if (l >= 2)
				snprintf(num, sizeof num, "%lld",
					 va_arg(ap, long long));
			else if (l)
				snprintf(num, sizeof num, "%ld",
					 va_arg(ap, long));
			else
				snprintf(num, sizeof num, "%d",
					 va_arg(ap, int));
			fa_page_raw(p, num);
			break;
		case 'u':
			if (z)
				snprintf(num, sizeof num, "%zu",
					 va_arg(ap, size_t));
			else if (l >= 2)
				snprintf(num, sizeof num, "%llu",
					 va_arg(ap, unsigned long long));
			else if (l)
				snprintf(num, sizeof num, "%lu",
					 va_arg(ap, unsigned long));
			else
				snprintf(num, sizeof num, "%u",
					 va_arg(ap, unsigned));
			fa_page_raw(p, num);
			break;
		case '%':
			fa_page_raw(p, "%");
			break;
		default:
			/* not a conversion this writer knows: a bug */
			p->failed = 1;
			va_end(ap);
			return;
		}
		f++;
		run = f;
	}
	put(p, run, (size_t)(f - run));
	va_end(ap);
}

void fa_page_csrf(struct fa_page *p)
{
	if (p->req && p->req->have_user)
		fa_page_html(p,
			     "<input type=\"hidden\" name=\"csrf\" "
			     "value=\"%s\">",
			     p->req->session.csrf);
}

void fa_page_begin(struct fa_page *p, const char *title)
{
	const struct fa_req *r = p->req;

	fa_page_html(p,
		     "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
		     "<meta charset=\"utf-8\">"
		     "<meta name=\"viewport\" content=\"width=device-width, "
		     "initial-scale=1\">"
		     "<title>%s · flexaudit</title>"
		     "<link rel=\"stylesheet\" href=\"/style.css\">",
		     p->nl ? "nl" : "en", title);
	if (p->refresh)
		fa_page_html(p, "<meta http-equiv=\"refresh\" content=\"%d\">",
			     p->refresh);
	fa_page_raw(p, "</head><body>");
	fa_page_html(p,
		     "<a class=\"skip\" href=\"#main\">%s</a><header>"
		     "<strong><a href=\"/\">flexaudit</a></strong>",
		     fa_page_t(p, "Skip to content", "Naar de inhoud"));
	fa_page_html(p,
		     "<nav aria-label=\"%s\"><a href=\"/lang?to=%s&amp;"
		     "back=%s\" lang=\"%s\">%s</a></nav>",
		     fa_page_t(p, "Language", "Taal"), p->nl ? "en" : "nl",
		     r && r->path ? r->path : "/", p->nl ? "en" : "nl",
		     p->nl ? "English" : "Nederlands");
	if (r && r->have_user) {
		fa_page_html(
		    p, "<span class=\"who\">%s (%s)</span>", r->user.login,
		    fa_page_t(p, fa_role_name(r->user.role),
			      r->user.role == FA_ROLE_ADMIN	  ? "beheerder"
			      : r->user.role == FA_ROLE_INSPECTOR ? "inspecteur"
								  : "lid"));
		fa_page_raw(p, "<form method=\"post\" action=\"/logout\">");
		fa_page_csrf(p);
		fa_page_html(p, "<button type=\"submit\">%s</button></form>",
			     fa_page_t(p, "Sign out", "Afmelden"));
	}
	fa_page_html(p, "</header><main id=\"main\"><h1>%s</h1>", title);
}

void fa_page_end(struct fa_page *p)
{
	fa_page_raw(p, "</main></body></html>\n");
}

void fa_page_send(struct fa_page *p, struct fa_resp *resp, unsigned status)
{
	fa_resp_release(resp);
	if (p->failed || !p->buf) {
		fa_page_release(p);
		resp->status = 500;
		resp->type = "text/plain; charset=utf-8";
		resp->body = fa_text_dup("out of memory\n");
		resp->len = resp->body ? strlen(resp->body) : 0;
		return;
	}
	resp->status = status;
	resp->type = "text/html; charset=utf-8";
	resp->body = p->buf;
	resp->len = p->len;
	p->buf = NULL;
	p->len = p->cap = 0;
}

void fa_page_message(struct fa_resp *resp, const struct fa_req *r,
		     unsigned status, const char *title_en,
		     const char *title_nl, const char *text_en,
		     const char *text_nl)
{
	struct fa_page p;

	fa_page_init(&p, r);
	fa_page_begin(&p, fa_page_t(&p, title_en, title_nl));
	fa_page_html(&p, "<p>%s</p><p><a href=\"/\">%s</a></p>",
		     fa_page_t(&p, text_en, text_nl),
		     fa_page_t(&p, "Back to the start page",
			       "Terug naar de startpagina"));
	fa_page_end(&p);
	fa_page_send(&p, resp, status);
}

void fa_page_refused(struct fa_resp *resp, const struct fa_req *r,
		     const struct fa_error *err, const char *title_en,
		     const char *title_nl, const char *back,
		     const char *back_en, const char *back_nl)
{
	struct fa_page p;
	char msg[FA_ERROR_MESSAGE_MAX + FA_ERROR_WHERE_MAX + 64];
	size_t i;

	fa_page_init(&p, r);
	fa_page_begin(&p, fa_page_t(&p, title_en, title_nl));
	fa_page_raw(&p, "<div class=\"err\" role=\"alert\"><ul>");
	for (i = 0; i < err->n; i++) {
		fa_diag_format(msg, sizeof msg, &err->diag[i]);
		fa_page_html(&p, "<li>%s</li>", msg);
	}
	fa_page_html(&p, "</ul></div><p><a href=\"%s\">%s</a></p>", back,
		     fa_page_t(&p, back_en, back_nl));
	fa_page_end(&p);
	fa_page_send(&p, resp, 400);
}

void fa_page_redirect(struct fa_resp *resp, const char *path)
{
	fa_resp_release(resp);
	resp->status = 303;
	resp->type = "text/plain; charset=utf-8";
	snprintf(resp->location, sizeof resp->location, "%s", path);
}
