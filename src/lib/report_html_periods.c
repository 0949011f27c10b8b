/* SPDX-License-Identifier: MIT */
/*
 * Findings about pay periods summed per worker for the HTML report: many
 * failures of a rule about pay periods (a deduction above the cap in
 * every week at one location) become one row per worker, with how many
 * periods, from when to when, the amount over all of them and where the
 * evidence is; the JSON and CSV reports keep every period. The findings
 * come sorted by subject (a requirement's, a review item's), so a
 * worker's periods are next to each other and nothing is allocated. See
 * report_html_impl.h.
 */
#include <assert.h>
#include <string.h>

#include "report_html_impl.h"

size_t fa_html_worker_len(const char *subject)
{
	return strcspn(subject, "/");
}

static int same_worker(const char *a, size_t len, const char *b)
{
	return fa_html_worker_len(b) == len && strncmp(a, b, len) == 0;
}

void fa_html_worker_run(struct fa_html_worker *w,
			const struct fa_finding *const *f, size_t n)
{
	size_t i;
	int64_t amount;

	memset(w, 0, sizeof(*w));
	w->worker = f[0]->subject;
	w->len = fa_html_worker_len(w->worker);
	for (i = 0; i < n && same_worker(w->worker, w->len, f[i]->subject);
	     i++) {
		const char *s = f[i]->subject;
		const char *p = s[w->len] ? s + w->len + 1 : "";

		if (!w->from || strcmp(p, w->from) < 0)
			w->from = p;
		if (!w->to || strcmp(p, w->to) > 0)
			w->to = p;
		if (f[i]->ref_line) {
			w->n_lines++;
			if (!w->lo || f[i]->ref_line < w->lo)
				w->lo = f[i]->ref_line;
			if (f[i]->ref_line > w->hi)
				w->hi = f[i]->ref_line;
		}
		if (fa_finding_cents(&amount, f[i], "amount_cents")) {
			/* the report model refuses money whose sums would
			 * not fit (fa_report_new) */
			int fits = fa_report_add_cents(&w->cents, amount) == 0;

			assert(fits);
			(void)fits;
			w->has_cents = 1;
		}
	}
	w->n = i;
}

size_t fa_html_count_workers(const struct fa_finding *const *f, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!i || !same_worker(f[i - 1]->subject,
				       fa_html_worker_len(f[i - 1]->subject),
				       f[i]->subject))
			k++;
	return k;
}

void fa_html_worker_periods(struct html *h, const struct fa_html_worker *w)
{
	fa_html_counted(h, w->n, "pay period", "pay periods", "loonperiode",
			"loonperioden");
	if (*w->from) {
		fa_html_raw(h, ", ");
		fa_html_esc(h, w->from);
		if (strcmp(w->from, w->to) != 0) {
			fa_html_raw(h, " &#8211; ");
			fa_html_esc(h, w->to);
		}
	}
	if (w->has_cents) {
		fa_html_raw(h, " &#183; <span class=\"sub\">");
		fa_html_tr(h, "amount", "bedrag");
		fa_html_raw(h, "</span> ");
		fa_html_money(h, w->cents);
	}
}

int fa_html_per_worker(const struct fa_finding *const *f, size_t n)
{
	return n >= FA_HTML_PER_WORKER_MIN &&
	       f[0]->rule->scope == FA_SCOPE_PAY_PERIOD;
}
