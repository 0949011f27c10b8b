/* SPDX-License-Identifier: MIT */
/*
 * The demo package audited with the bundled rule sets, shared by the
 * report tests (test_report, test_report_html, test_report_json), and a
 * way to keep a written report for the checks that run outside cmocka.
 * FA_PACKAGES names the packages directory (default build/packages),
 * FA_RULES the rule sets (default rules).
 */
#ifndef FA_TEST_DEMO_AUDIT_H
#define FA_TEST_DEMO_AUDIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "evidence.h"
#include "ruleset.h"
#include "sample.h"

struct demo_audit {
	struct fa_rulesets sets;
	struct fa_evidence *ev;
	struct fa_eval *e;
};

/* (Re)run the rules on the loaded package, on sample (NULL: all). */
static inline int demo_audit_eval(struct demo_audit *d,
				  const struct fa_sample *sample)
{
	struct fa_eval_options opt;
	struct fa_error err;

	fa_eval_free(d->e);
	d->e = NULL;
	memset(&opt, 0, sizeof(opt));
	opt.sample = sample;
	fa_error_init(&err);
	return fa_eval_run(&d->e, d->ev, &d->sets, &opt, &err) == FA_OK ? 0
									: -1;
}

/* Load the rule sets and the demo package and run every rule: 0 or -1. */
static inline int demo_audit_load(struct demo_audit *d)
{
	const char *rules = getenv("FA_RULES");
	const char *dir = getenv("FA_PACKAGES");
	struct fa_error err;
	char path[512];

	memset(d, 0, sizeof(*d));
	if (!rules)
		rules = "rules";
	snprintf(path, sizeof(path), "%s/demo.zip",
		 dir ? dir : "build/packages");
	fa_error_init(&err);
	if (fa_rulesets_load(&d->sets, &rules, 1, &err) != FA_OK ||
	    fa_evidence_load(&d->ev, path, &err) != FA_OK)
		return -1;
	return demo_audit_eval(d, NULL);
}

static inline void demo_audit_release(struct demo_audit *d)
{
	fa_eval_free(d->e);
	fa_evidence_free(d->ev);
	fa_rulesets_release(&d->sets);
}

/*
 * Write doc to $env/name when the environment variable env names a
 * directory (the render and schema checks read these files); else nothing.
 * Returns 0, or -1 when the file cannot be written.
 */
static inline int demo_audit_keep(const char *env, const char *name,
				  const char *doc)
{
	const char *dir = getenv(env);
	char path[512];
	FILE *f;
	int ok;

	if (!dir)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ok = fwrite(doc, 1, strlen(doc), f) == strlen(doc);
	return (fclose(f) == 0 && ok) ? 0 : -1;
}

#endif
