/* SPDX-License-Identifier: MIT */
/*
 * Entry names of a package (a zip), as bytes: the path rules of package.h,
 * operating-system junk, directories, and a problem reported at an entry
 * with its name made safe to print. Part of the package module: only
 * package.c includes this header. Never calls libzip. Uses error,
 * limits.h and libc.
 */
#ifndef FA_ENTRYNAME_H
#define FA_ENTRYNAME_H

#include "error.h"

/*
 * Add a problem located at entry name: where is the name with invalid
 * UTF-8 and control characters shown as \xNN, cut on a character boundary
 * to fit FA_ERROR_WHERE_MAX. Returns what fa_error_addv returns.
 */
enum fa_code fa_entryname_fail(struct fa_error *err, enum fa_code code,
			       const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * The path rules: FA_OK, or the first rule name breaks, reported at the
 * entry: longer than FA_PKG_MAX_NAME_BYTES (FA_ERR_LIMIT), not valid
 * UTF-8, a control character, absolute (also "C:"), a backslash, a ".."
 * segment, an empty or "." segment (FA_ERR_INPUT). A directory's one
 * trailing '/' is allowed.
 */
enum fa_code fa_entryname_check(const char *name, struct fa_error *err);

/* 1 if name is operating-system junk: in a __MACOSX folder, or named
 * .DS_Store, ._*, Thumbs.db or desktop.ini (these two in any case). */
int fa_entryname_is_junk(const char *name);

/* 1 if name is a directory's (ends in '/'). */
int fa_entryname_is_dir(const char *name);

#endif
