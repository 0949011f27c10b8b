/* SPDX-License-Identifier: MIT */
/*
 * The portal's pages, one function per route (route.c's table names
 * them with their method, path and roles). route.c has checked the
 * session, the CSRF token of a POST and the role; a page checks the
 * organisation of what it shows (fa_route_open). r->id
 * is the number in the path. page_admin.c: users, organisations,
 * assignments, the action log; page_upload.c: uploads and their
 * self-assessment; page_review.c: the inspector's review, judgements,
 * waivers and the issued report.
 */
#ifndef FA_PAGES_H
#define FA_PAGES_H

#include "serve.h"

typedef void (*fa_page_fn)(struct fa_req *r, struct fa_resp *resp);

void fa_pages_admin(struct fa_req *r, struct fa_resp *resp);
void fa_pages_admin_org(struct fa_req *r, struct fa_resp *resp);
void fa_pages_admin_user(struct fa_req *r, struct fa_resp *resp);
void fa_pages_admin_assign(struct fa_req *r, struct fa_resp *resp);
void fa_pages_admin_access(struct fa_req *r, struct fa_resp *resp);

void fa_pages_uploads(struct fa_req *r, struct fa_resp *resp);
void fa_pages_upload_post(struct fa_req *r, struct fa_resp *resp);
void fa_pages_upload(struct fa_req *r, struct fa_resp *resp);
void fa_pages_upload_report(struct fa_req *r, struct fa_resp *resp);
void fa_pages_upload_plan(struct fa_req *r, struct fa_resp *resp);
void fa_pages_orgs(struct fa_req *r, struct fa_resp *resp);
void fa_pages_org(struct fa_req *r, struct fa_resp *resp);

void fa_pages_inspect(struct fa_req *r, struct fa_resp *resp);
void fa_pages_review(struct fa_req *r, struct fa_resp *resp);
void fa_pages_judge(struct fa_req *r, struct fa_resp *resp);
void fa_pages_waive(struct fa_req *r, struct fa_resp *resp);
void fa_pages_issue(struct fa_req *r, struct fa_resp *resp);
void fa_pages_run_report(struct fa_req *r, struct fa_resp *resp);
void fa_pages_issued(struct fa_req *r, struct fa_resp *resp);

/*
 * Open the store and the upload r->id names (by_run 0), or the upload
 * whose self-assessment or inspection run r->id is (by_run 1), if r's
 * user may see it (a member: of their own organisation; an inspector:
 * of one assigned to them): 0 with *s open and *u (the caller closes
 * and releases them), else the status with resp filled and *s NULL: 404
 * for one that does not exist or that the user may not see (whether it
 * exists is not told), 500 when the store fails. Refusals go to the log.
 */
unsigned fa_route_open(struct fa_store **s, struct fa_upload *u,
		       struct fa_req *r, struct fa_resp *resp, int by_run);
/* Write stored run's report in format into resp (the HTML report as a
 * page; another format as an attachment named name). */
void fa_pages_run_send(struct fa_req *r, struct fa_resp *resp,
		       struct fa_store *s, int64_t run, enum fa_format format,
		       const char *name);
/* A store that failed: 500, the error in the log. */
void fa_route_fail(struct fa_resp *resp, struct fa_req *r,
		   const struct fa_error *err);
/* Log r's action (best effort: a log that cannot be written fails the
 * action before it, see the callers). */
enum fa_code fa_route_log(struct fa_store *s, const struct fa_req *r,
			  const char *action, const char *object,
			  const char *detail, struct fa_error *err);

#endif
