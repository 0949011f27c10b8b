/* SPDX-License-Identifier: MIT */
/*
 * Private scratch directories for the evidence database, which holds
 * workers' names, BSNs and birth dates. Each is
 * ROOT/flexaudit-PID-XXXXXX (ROOT: $TMPDIR, else /tmp), mode 0700, owned by
 * the user who runs the audit, and holds two files: "lock", which the
 * creating process keeps locked (fcntl) for as long as it lives, and the
 * database file; and, in a directory made for the action plan's workbook
 * (report_plan_xlsx.c), the workbook being made, FA_TEMPDIR_WORKBOOK.
 *
 * A process that is killed leaves its directory behind; two things remove
 * it. A program that handles termination signals calls
 * fa_tempdir_remove_all from its handler: the paths of the live
 * directories are kept in static storage because a handler is given no
 * context and may not allocate. The library never installs a handler
 * itself: a signal's disposition belongs to the whole process, hence to
 * the program. After SIGKILL or a crash, fa_tempdir_sweep in the next run
 * removes the directories whose process is gone. Uses only libc.
 */
#ifndef FA_TEMPDIR_H
#define FA_TEMPDIR_H

#include <stddef.h>

#include "error.h"

struct fa_tempdir; /* opaque */

/* The name of a workbook made in the directory: removed with it. */
#define FA_TEMPDIR_WORKBOOK "plan.xlsx"
/*
 * The names of the tables pack converts in the directory, removed with it
 * (also by a signal handler): "pack-00.csv" for i = 0 up to
 * FA_TEMPDIR_TABLES - 1; NULL beyond (static strings).
 */
#define FA_TEMPDIR_TABLES 16
const char *fa_tempdir_table_name(size_t i);

/*
 * Create a private directory under root (NULL: $TMPDIR if set and not
 * empty, else /tmp), with its lock file locked and an empty database file
 * (mode 0600). Refused if the directory does not end up a directory of
 * ours with mode 0700. *out is the caller's (fa_tempdir_free). Returns
 * FA_ERR_IO (cannot create, or not private), FA_ERR_LIMIT (the path would
 * be longer than FA_TEMPDIR_PATH_MAX, or FA_TEMPDIR_LIVE_MAX directories
 * of this process are live) or FA_ERR_NOMEM. Thread-safe.
 */
enum fa_code fa_tempdir_new(struct fa_tempdir **out, const char *root,
			    struct fa_error *err);
/* The directory (borrowed: valid until fa_tempdir_free). */
const char *fa_tempdir_path(const struct fa_tempdir *td);
/* The database file in it (borrowed: valid until fa_tempdir_free). */
const char *fa_tempdir_db_path(const struct fa_tempdir *td);
/*
 * Remove the directory's files (the lock, the database and SQLite's
 * journal files beside it; nothing else) and the directory, then forget
 * it. Accepts NULL. Thread-safe.
 */
void fa_tempdir_free(struct fa_tempdir *td);

/*
 * fa_tempdir_remove_all and fa_tempdir_sweep are public (flexaudit.h):
 *
 * fa_tempdir_remove_all removes every live directory of this process as
 * fa_tempdir_free does, without freeing anything. Async-signal-safe (open,
 * unlinkat, close, rmdir and lock-free atomics only): meant for a handler
 * of SIGINT, SIGTERM, SIGHUP and the like that then ends the process.
 * After it, the directories' handles may only be passed to
 * fa_tempdir_free.
 *
 * fa_tempdir_sweep removes from root (NULL: as fa_tempdir_new) the
 * directories left behind by runs that ended without cleaning up. A
 * directory is removed only if its name has the form above, it is a
 * directory (not a symlink) owned by this user, no process with its PID
 * exists, and no process holds its lock; a directory without a lock file
 * must also be older than FA_TEMPDIR_SWEEP_MIN_AGE seconds (its creator
 * may be between the two steps). Only the files fa_tempdir_free removes
 * are removed: a directory holding anything else stays. Best effort,
 * silent: returns how many directories were removed.
 */

#endif
