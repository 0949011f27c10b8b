/* SPDX-License-Identifier: MIT */
/*
 * Tests of the portal's HTML writer: the one escape (the five characters
 * HTML gives meaning to in text and quoted attributes, as the HTML
 * standard's "escaping a string" lists them, plus the single quote),
 * applied to every %s and never to the format, the numbers it formats,
 * and the frame of a page with hostile values in every place a user or
 * a package can put one. The expected strings are written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page.h"

static const char *const hostile[] = {
	"<script>alert(1)</script>",
	"\" onmouseover=\"alert(1)",
	"' onfocus='alert(1)",
	"</textarea><img src=x onerror=alert(1)>",
	"&lt;already&gt; &amp;",
	"javascript:alert(1)\"><svg/onload=alert(1)>",
};

static void test_page__escape_of_each_special_character(void **state)
{
	char *e;

	(void)state;
	e = fa_page_escape("a&b<c>d\"e'f");
	assert_non_null(e);
	assert_string_equal(e, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	free(e);
	e = fa_page_escape("plain été 12,50");
	assert_string_equal(e, "plain été 12,50");
	free(e);
	e = fa_page_escape("");
	assert_string_equal(e, "");
	free(e);
	e = fa_page_escape("&amp;");
	assert_string_equal(e, "&amp;amp;");
	free(e);
}

static void test_page__html_escapes_arguments_not_format(void **state)
{
	struct fa_page p;

	(void)state;
	fa_page_init(&p, NULL);
	fa_page_html(&p, "<p title=\"%s\">%s</p>", "\"x\"", "<b>");
	assert_false(p.failed);
	assert_string_equal(p.buf, "<p title=\"&quot;x&quot;\">&lt;b&gt;</p>");
	fa_page_release(&p);
}

static void test_page__html_numbers_and_null(void **state)
{
	struct fa_page p;

	(void)state;
	fa_page_init(&p, NULL);
	fa_page_html(&p, "%d|%u|%ld|%lu|%lld|%llu|%zu|%%|%s|", -7, 7u, -8L, 8UL,
		     -9223372036854775807LL - 1, 18446744073709551615ULL,
		     (size_t)42, (const char *)NULL);
	assert_false(p.failed);
	assert_string_equal(p.buf, "-7|7|-8|8|-9223372036854775808|"
				   "18446744073709551615|42|%||");
	fa_page_release(&p);
}

static void test_page__unknown_conversion_fails_the_page(void **state)
{
	struct fa_page p;
	struct fa_resp resp;

	(void)state;
	fa_page_init(&p, NULL);
	fa_page_html(&p, "%x", 1);
	assert_true(p.failed);
	memset(&resp, 0, sizeof resp);
	fa_page_send(&p, &resp, 200);
	assert_int_equal(resp.status, 500);
	fa_resp_release(&resp);
}

/* No hostile value comes out with a character that could end text or an
 * attribute: each must appear escaped, exactly as written by hand. */
static void test_page__hostile_values_stay_text(void **state)
{
	struct fa_page p;
	size_t i;
	char *e;

	(void)state;
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		fa_page_init(&p, NULL);
		fa_page_html(&p, "<td>%s</td><input value=\"%s\">", hostile[i],
			     hostile[i]);
		assert_false(p.failed);
		assert_null(strstr(p.buf, "<script"));
		assert_null(strstr(p.buf, "<img"));
		assert_null(strstr(p.buf, "<svg"));
		assert_null(strstr(p.buf, "\" on"));
		assert_null(strstr(p.buf, "' on"));
		e = fa_page_escape(hostile[i]);
		assert_non_null(strstr(p.buf, e));
		free(e);
		fa_page_release(&p);
	}
	e = fa_page_escape(hostile[1]);
	assert_string_equal(e, "&quot; onmouseover=&quot;alert(1)");
	free(e);
}

/* The frame of a page: the path, the login and the title come from
 * outside; the CSRF token is the session's. */
static void test_page__frame_with_hostile_request(void **state)
{
	struct fa_req r;
	struct fa_page p;

	(void)state;
	memset(&r, 0, sizeof r);
	r.path = "/uploads/\"><script>alert(1)</script>";
	r.have_user = 1;
	r.user.role = FA_ROLE_MEMBER;
	snprintf(r.user.login, sizeof r.user.login, "<b>x</b>");
	snprintf(r.session.csrf, sizeof r.session.csrf, "tok\"en");
	fa_page_init(&p, &r);
	fa_page_begin(&p, "<title>");
	fa_page_end(&p);
	assert_false(p.failed);
	assert_null(strstr(p.buf, "<script"));
	assert_null(strstr(p.buf, "<b>x"));
	assert_non_null(strstr(p.buf, "&lt;b&gt;x&lt;/b&gt; (member)"));
	assert_non_null(strstr(p.buf, "<h1>&lt;title&gt;</h1>"));
	assert_non_null(strstr(p.buf, "name=\"csrf\" value=\"tok&quot;en\""));
	assert_non_null(strstr(p.buf, "<html lang=\"en\">"));
	fa_page_release(&p);
	r.nl = 1;
	fa_page_init(&p, &r);
	fa_page_begin(&p, "x");
	assert_non_null(strstr(p.buf, "<html lang=\"nl\">"));
	assert_non_null(strstr(p.buf, "(lid)"));
	assert_non_null(strstr(p.buf, "Afmelden"));
	fa_page_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page__escape_of_each_special_character),
		cmocka_unit_test(test_page__html_escapes_arguments_not_format),
		cmocka_unit_test(test_page__html_numbers_and_null),
		cmocka_unit_test(test_page__unknown_conversion_fails_the_page),
		cmocka_unit_test(test_page__hostile_values_stay_text),
		cmocka_unit_test(test_page__frame_with_hostile_request),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
