/* SPDX-License-Identifier: MIT */
/*
 * The portal's pages as HTML, built in memory (a page is small: lists of
 * uploads and review items, never a whole report). The one place where
 * the portal escapes: fa_page_html escapes every %s it is given, so that
 * a value from a user, a package or the store can only ever be text;
 * fa_page_raw writes this code's own markup. Text for users comes in
 * English and Dutch side by side (fa_page_t).
 */
#ifndef FA_PAGE_H
#define FA_PAGE_H

#include <stddef.h>

#include "serve.h"

struct fa_page {
	char *buf;
	size_t len, cap;
	int failed; /* out of memory: the page is not sent */
	int nl;
	int refresh; /* seconds: the page reloads itself (set before
		      * fa_page_begin), 0: not */
	const struct fa_req *req;
};

void fa_page_init(struct fa_page *p, const struct fa_req *r);
void fa_page_release(struct fa_page *p);
/* The English or the Dutch text, as the page's language is. */
const char *fa_page_t(const struct fa_page *p, const char *en, const char *nl);
/* Markup of this code's own, as it is. */
void fa_page_raw(struct fa_page *p, const char *s);
/*
 * Markup with values: fmt is this code's own; each %s argument is
 * escaped for text and for attribute values in double quotes (& < > " '),
 * and so is a NULL (written as nothing). Also %d %u %ld %lu %lld %llu
 * %zu and %%; nothing else.
 */
void fa_page_html(struct fa_page *p, const char *fmt, ...);
/* s escaped into a new string (the caller's), or NULL out of memory. */
char *fa_page_escape(const char *s);

/* The page's head and top bar (who is signed in, the language, sign
 * out) with title; then the page's own markup; then fa_page_end. */
void fa_page_begin(struct fa_page *p, const char *title);
void fa_page_end(struct fa_page *p);
/* The hidden CSRF field every form of a signed-in user carries. */
void fa_page_csrf(struct fa_page *p);
/* Hand the page to resp with status (500 if it ran out of memory). */
void fa_page_send(struct fa_page *p, struct fa_resp *resp, unsigned status);

/* A whole page with one message (403, 404, ...) into resp. */
void fa_page_message(struct fa_resp *resp, const struct fa_req *r,
		     unsigned status, const char *title_en,
		     const char *title_nl, const char *text_en,
		     const char *text_nl);
/*
 * A form the store refused (400): every problem of err, each with how
 * to fix it, and a link back to the form's page (back, named back_en or
 * back_nl), under the title title_en or title_nl.
 */
void fa_page_refused(struct fa_resp *resp, const struct fa_req *r,
		     const struct fa_error *err, const char *title_en,
		     const char *title_nl, const char *back,
		     const char *back_en, const char *back_nl);
/* A redirect to path (303: a form's answer). */
void fa_page_redirect(struct fa_resp *resp, const char *path);

/* The style sheet (/style.css). */
extern const char fa_page_css[];

#endif
