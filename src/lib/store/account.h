/* SPDX-License-Identifier: MIT */
/*
 * The portal's records in the audit store (docs/serve.md): organisations
 * (members, by KvK number), user accounts with a role, which inspector
 * is assigned to which organisation, login sessions, uploaded packages
 * and what became of them, reports issued (frozen and hashed), and the
 * append-only log of every action. store_account.c keeps organisations,
 * users and assignments; store_session.c sessions; store_upload.c
 * uploads and issued reports; store_log.c the action log. Passwords are
 * hashed by secret.h (Argon2id) and never stored or logged in clear; a
 * session token is kept only as its SHA-256, so that a copy of the store
 * opens no session. All through db.h.
 */
#ifndef FA_ACCOUNT_H
#define FA_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "hash.h"
#include "store.h"

enum fa_role {
	FA_ROLE_ADMIN = 0, /* users, organisations, assignments */
	FA_ROLE_INSPECTOR, /* the organisations assigned to them */
	FA_ROLE_MEMBER,	   /* their own organisation */
};

/* "admin", "inspector", "member". */
const char *fa_role_name(enum fa_role r);
/* 0, or -1 for anything but the three names. */
int fa_role_parse(enum fa_role *out, const char *s);

/* Sizes of the fixed fields below, terminating NUL included. */
#define FA_KVK_SIZE 9
#define FA_ORG_NAME_SIZE 201
#define FA_LOGIN_SIZE 65
#define FA_TIME_SIZE 32
/* A session token and a CSRF token: 32 random bytes (256 bits) as
 * URL-safe base64 without padding, 43 characters. */
#define FA_TOKEN_SIZE 44

struct fa_org {
	int64_t id;
	char kvk[FA_KVK_SIZE]; /* 8 digits */
	char name[FA_ORG_NAME_SIZE];
};

struct fa_user {
	int64_t id;
	char login[FA_LOGIN_SIZE];
	enum fa_role role;
	int64_t org; /* a member's organisation; 0 for the others */
	int disabled;
};

/*
 * Add an organisation. FA_ERR_USAGE with a message that says how to fix
 * it: kvk not 8 digits, name empty or longer than FA_ORG_NAME_SIZE - 1
 * bytes or not UTF-8 or with a control character, or an organisation
 * with that KvK number exists.
 */
enum fa_code fa_store_org_add(int64_t *id, struct fa_store *s, const char *kvk,
			      const char *name, struct fa_error *err);
/* The organisation with that id (FA_ERR_USAGE: none) or KvK number. */
enum fa_code fa_store_org_get(struct fa_org *out, struct fa_store *s,
			      int64_t id, struct fa_error *err);
enum fa_code fa_store_org_by_kvk(struct fa_org *out, struct fa_store *s,
				 const char *kvk, struct fa_error *err);
/* Every organisation by name (*out the caller's, free(); NULL when
 * *n is 0); with inspector not 0, only those assigned to that user. */
enum fa_code fa_store_org_list(struct fa_org **out, size_t *n,
			       struct fa_store *s, int64_t inspector,
			       struct fa_error *err);

/*
 * Add a user. login: 1 to FA_LOGIN_SIZE - 1 bytes of a-z 0-9 . _ @ -
 * (an e-mail address fits); password: at least FA_PASSWORD_MIN and at
 * most FA_PASSWORD_MAX bytes (limits.h), hashed with Argon2id; org: the
 * organisation of a member (required), 0 for an admin or inspector
 * (required). FA_ERR_USAGE (each with how to fix it: login taken or
 * invalid, password too short or long, org missing or unknown),
 * FA_ERR_NOMEM, FA_ERR_INTERNAL.
 */
enum fa_code fa_store_user_add(int64_t *id, struct fa_store *s,
			       const char *login, enum fa_role role,
			       int64_t org, const char *password,
			       struct fa_error *err);
/* Disable a user (disabled 1: no login, and their sessions end) or
 * enable them again (0). FA_ERR_USAGE: no such user. */
enum fa_code fa_store_user_set_disabled(struct fa_store *s, int64_t id,
					int disabled, struct fa_error *err);
/* The user with that id (FA_ERR_USAGE: none). */
enum fa_code fa_store_user_get(struct fa_user *out, struct fa_store *s,
			       int64_t id, struct fa_error *err);
/* Every user by login (*out the caller's, free()). */
enum fa_code fa_store_user_list(struct fa_user **out, size_t *n,
				struct fa_store *s, struct fa_error *err);
/*
 * Check a login and password: *ok 1 and *out the user when the login
 * exists, is not disabled and the password matches; else *ok 0 (the
 * same work is done for an unknown login, against a fixed hash, so that
 * the time does not tell which logins exist). FA_OK unless the store
 * fails.
 */
enum fa_code fa_store_user_check(struct fa_user *out, int *ok,
				 struct fa_store *s, const char *login,
				 const char *password, struct fa_error *err);

/* Assign an inspector to an organisation (again: no change).
 * FA_ERR_USAGE: not an inspector, no such organisation. */
enum fa_code fa_store_assign(struct fa_store *s, int64_t inspector, int64_t org,
			     struct fa_error *err);
/* *yes 1 if inspector is assigned to org. */
enum fa_code fa_store_assigned(int *yes, struct fa_store *s, int64_t inspector,
			       int64_t org, struct fa_error *err);

/* A login session: its user, its CSRF token, when it ends. */
struct fa_session {
	int64_t user;
	char csrf[FA_TOKEN_SIZE];
	char expires[FA_TIME_SIZE]; /* UTC, as fa_store_now */
};

/*
 * Start a session for user, ending `seconds` from now: token and csrf
 * are new random tokens; the store keeps the token's SHA-256 only.
 */
enum fa_code fa_store_session_new(char token[FA_TOKEN_SIZE],
				  struct fa_session *out, struct fa_store *s,
				  int64_t user, long seconds,
				  struct fa_error *err);
/* The session of token: *found 0 when there is none, it has ended or its
 * user is disabled (such a session is deleted: enabling the user again
 * does not bring it back). */
enum fa_code fa_store_session_get(struct fa_session *out, int *found,
				  struct fa_store *s, const char *token,
				  struct fa_error *err);
/* End the session of token (logout; none: no change). */
enum fa_code fa_store_session_end(struct fa_store *s, const char *token,
				  struct fa_error *err);

enum fa_upload_state {
	FA_UPLOAD_RECEIVED = 0, /* stored, not yet checked */
	FA_UPLOAD_REJECTED,	/* the package was refused: problems */
	FA_UPLOAD_AUDITING,	/* the audit is running */
	FA_UPLOAD_AUDITED,	/* run is its self-assessment run */
	FA_UPLOAD_FAILED,	/* the audit could not be made: problems */
};

/* "received", "rejected", "auditing", "audited", "failed". */
const char *fa_upload_state_name(enum fa_upload_state st);

struct fa_upload {
	int64_t id;
	int64_t org;
	int64_t user;	    /* who uploaded it */
	char filename[256]; /* as the browser named it, for display */
	int64_t size;	    /* bytes */
	char sha256[FA_SHA256_HEX_LEN];
	char created[FA_TIME_SIZE];
	enum fa_upload_state state;
	char *problems;	    /* one per line; NULL if none (owned) */
	int64_t run;	    /* the self-assessment run, or 0 */
	int64_t inspection; /* the inspection run, or 0 */
};

/* Record an upload received: the file is already in place (its name in
 * the data folder is the id: docs/serve.md). *id is its number. A
 * filename longer than FA_UPLOAD_NAME_MAX bytes is kept cut at a
 * character. FA_ERR_USAGE: sha256 not 64 hex digits, size negative;
 * FA_ERR_INPUT: org or user does not exist. */
enum fa_code fa_store_upload_add(int64_t *id, struct fa_store *s, int64_t org,
				 int64_t user, const char *filename,
				 int64_t size, const char *sha256,
				 struct fa_error *err);
/* Set an upload's state, its problems (NULL: none) and its run; run 0
 * leaves the run as it is. */
enum fa_code fa_store_upload_set(struct fa_store *s, int64_t id,
				 enum fa_upload_state st, const char *problems,
				 int64_t run, struct fa_error *err);
/* Record the inspection run made of an upload. */
enum fa_code fa_store_upload_set_inspection(struct fa_store *s, int64_t id,
					    int64_t run, struct fa_error *err);
/* The upload (FA_ERR_USAGE: none); fa_upload_release frees problems. */
enum fa_code fa_store_upload_get(struct fa_upload *out, struct fa_store *s,
				 int64_t id, struct fa_error *err);
/* The upload whose self-assessment or inspection run is run (*found). */
enum fa_code fa_store_upload_of_run(struct fa_upload *out, int *found,
				    struct fa_store *s, int64_t run,
				    struct fa_error *err);
/* An organisation's uploads, newest first (org 0: all); *out the
 * caller's, fa_upload_list_free. */
enum fa_code fa_store_upload_list(struct fa_upload **out, size_t *n,
				  struct fa_store *s, int64_t org,
				  struct fa_error *err);
void fa_upload_release(struct fa_upload *u);
void fa_upload_list_free(struct fa_upload *u, size_t n);

/* A report issued: frozen, with its SHA-256, who issued it and when. */
struct fa_issued {
	int64_t run;
	char sha256[FA_SHA256_HEX_LEN];
	char at[FA_TIME_SIZE];
	int64_t by;
	int nl;
};

/*
 * Issue run's report: keep body[0..len) (the HTML report as issued) and
 * its SHA-256. Once only: FA_ERR_USAGE if run is already issued or does
 * not exist.
 */
enum fa_code fa_store_issue(struct fa_issued *out, struct fa_store *s,
			    int64_t run, int64_t by, int nl, const void *body,
			    size_t len, struct fa_error *err);
/* The issued report of run: *found 0 when not issued; with body not
 * NULL, *body (the caller's, free()) and *len its bytes. */
enum fa_code fa_store_issued_get(struct fa_issued *out, int *found, void **body,
				 size_t *len, struct fa_store *s, int64_t run,
				 struct fa_error *err);

/*
 * Append to the action log: who (user 0: nobody logged in), from where
 * (address), what (action, e.g. "login", "upload", "judge"), on what
 * (object, e.g. "upload 12", may be NULL) and how it went (detail, may
 * be NULL). The log cannot be changed or shortened through SQL (its
 * triggers refuse UPDATE and DELETE). Never a password or a token.
 */
enum fa_code fa_store_log(struct fa_store *s, int64_t user, const char *addr,
			  const char *action, const char *object,
			  const char *detail, struct fa_error *err);

struct fa_log_entry {
	int64_t id;
	char at[FA_TIME_SIZE];
	int64_t user;
	char login[FA_LOGIN_SIZE]; /* "" for user 0 */
	char addr[64];
	char action[32];
	char object[64];
	char detail[256];
};

/* The last max entries, newest first (*out the caller's, free()). */
enum fa_code fa_store_log_list(struct fa_log_entry **out, size_t *n,
			       struct fa_store *s, size_t max,
			       struct fa_error *err);

#endif
