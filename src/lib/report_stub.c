/* SPDX-License-Identifier: MIT */
/* Temporary weak writers until report_html.c and report_csv.c land. */
#include "report.h"

__attribute__((weak)) enum fa_code
fa_report_write_html(FILE *out, const struct fa_report *r,
		     struct fa_error *err)
{
	(void)out;
	(void)r;
	return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0, "no HTML writer");
}

__attribute__((weak)) enum fa_code
fa_report_write_csv(FILE *out, const struct fa_report *r,
		    struct fa_error *err)
{
	(void)out;
	(void)r;
	return fa_error_add(err, FA_ERR_INTERNAL, NULL, 0, 0, "no CSV writer");
}

#include "json.h"

__attribute__((weak)) enum fa_code
fa_json_report(char **out, const struct fa_report *r, struct fa_error *err)
{
	return fa_json_audit(out, (struct fa_evidence *)r->ev, r->sets, r->e,
			     r->sample, err);
}
