/* SPDX-License-Identifier: MIT */
/*
 * Private scratch directories, removable from a signal handler and swept
 * after a killed run. See tempdir.h for the contract.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "tempdir.h"

#define PREFIX "flexaudit-"
#define LOCK_NAME "lock"
#define DB_NAME "evidence.db"

/* Every file this module may leave in a directory: the lock, the database
 * and the files SQLite may put beside a database (journal_mode=MEMORY
 * makes none, but a removal that missed one would keep the directory),
 * a workbook being made, and the tables pack converts (the last
 * FA_TEMPDIR_TABLES names, in fa_tempdir_table_name's order). */
static const char *const known_files[] = {
	LOCK_NAME,	DB_NAME,	DB_NAME "-journal",
	DB_NAME "-wal", DB_NAME "-shm", FA_TEMPDIR_WORKBOOK,
	"pack-00.csv",	"pack-01.csv",	"pack-02.csv",
	"pack-03.csv",	"pack-04.csv",	"pack-05.csv",
	"pack-06.csv",	"pack-07.csv",	"pack-08.csv",
	"pack-09.csv",	"pack-10.csv",	"pack-11.csv",
	"pack-12.csv",	"pack-13.csv",	"pack-14.csv",
	"pack-15.csv",
};
/* fa_tempdir_new leaves room in the path for the longest name */
_Static_assert(sizeof(FA_TEMPDIR_WORKBOOK) <= sizeof(DB_NAME "-journal"),
	       "the workbook's name is longer than the room left for it");
#define N_KNOWN (sizeof(known_files) / sizeof(known_files[0]))
_Static_assert(N_KNOWN == 6 + FA_TEMPDIR_TABLES,
	       "known_files does not end with FA_TEMPDIR_TABLES table names");

const char *fa_tempdir_table_name(size_t i)
{
	return i < FA_TEMPDIR_TABLES
		   ? known_files[N_KNOWN - FA_TEMPDIR_TABLES + i]
		   : NULL;
}

/*
 * The live directories. A slot is FREE, CLAIMED while its path is being
 * made (a handler skips it: at worst an empty directory stays, for the
 * sweep), LIVE once the directory exists, or BUSY while one caller (the
 * owner's fa_tempdir_free or a handler) removes it; the move from LIVE to
 * BUSY is a compare-and-swap, so the path is never read while it is being
 * rewritten and a directory is removed once.
 */
enum { SLOT_FREE = 0, SLOT_CLAIMED, SLOT_LIVE, SLOT_BUSY };

static struct {
	atomic_int state;
	char path[FA_TEMPDIR_PATH_MAX];
} slots[FA_TEMPDIR_LIVE_MAX];

struct fa_tempdir {
	size_t slot;
	int lock_fd;
	char *db_path;
};

/* Unlink the known files of the directory at path, then the directory.
 * Async-signal-safe. */
static void remove_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	size_t i;

	if (fd >= 0) {
		for (i = 0; i < N_KNOWN; i++)
			unlinkat(fd, known_files[i], 0);
		close(fd);
	}
	rmdir(path);
}

static const char *root_or_default(const char *root)
{
	if (!root) {
		root = getenv("TMPDIR");
		if (!root || !*root)
			root = "/tmp";
	}
	return root;
}

static int claim_slot(size_t *out)
{
	size_t i;

	for (i = 0; i < FA_TEMPDIR_LIVE_MAX; i++) {
		int expect = SLOT_FREE;

		if (atomic_compare_exchange_strong(&slots[i].state, &expect,
						   SLOT_CLAIMED)) {
			*out = i;
			return 1;
		}
	}
	return 0;
}

/* The directory just made at path: ours, a directory, mode 0700 (mkdtemp
 * asks for 0700; a umask can only take bits away, and those we put back).
 * Returns an open descriptor of it, or -1 with a message in err. */
static int open_private(const char *path, struct fa_error *err)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0) {
		fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			     "cannot open temporary directory '%s': %s", path,
			     strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0)
		sb.st_mode = 0; /* cannot tell: refuse */
	else if (S_ISDIR(sb.st_mode) && sb.st_uid == geteuid() &&
		 (sb.st_mode & 07777) != 0700 &&
		 (fchmod(fd, 0700) != 0 || fstat(fd, &sb) != 0))
		sb.st_mode = 0;
	if (!S_ISDIR(sb.st_mode) || sb.st_uid != geteuid() ||
	    (sb.st_mode & 07777) != 0700) {
		fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			     "temporary directory '%s' is not private "
			     "(mode %o, owner %ld): check the permissions of "
			     "$TMPDIR",
			     path, (unsigned)(sb.st_mode & 07777),
			     (long)sb.st_uid);
		close(fd);
		return -1;
	}
	return fd;
}

/* Create name in the directory dfd as a new empty file, mode 0600. With
 * lock set, lock it for writing and return its descriptor; else close it
 * and return 0. -1 with a message in err on failure. */
static int new_file(int dfd, const char *dir, const char *name, int lock,
		    struct fa_error *err)
{
	int fd =
	    openat(dfd, name,
		   O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	struct flock fl;

	if (fd < 0) {
		fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			     "cannot create '%s/%s': %s", dir, name,
			     strerror(errno));
		return -1;
	}
	/* whatever the umask: the sweep of another run by this user must be
	 * able to open the lock, and SQLite the database */
	if (fchmod(fd, 0600) != 0) {
		fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			     "cannot set the mode of '%s/%s': %s", dir, name,
			     strerror(errno));
		close(fd);
		return -1;
	}
	if (!lock) {
		close(fd);
		return 0;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) != 0) {
		fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
			     "cannot lock '%s/%s': %s", dir, name,
			     strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

enum fa_code fa_tempdir_new(struct fa_tempdir **out, const char *root,
			    struct fa_error *err)
{
	struct fa_tempdir *td = NULL;
	enum fa_code rc = FA_OK;
	size_t slot, n;
	int dfd = -1, made = 0;
	char *path;

	*out = NULL;
	root = root_or_default(root);
	if (!claim_slot(&slot))
		return fa_error_add(err, FA_ERR_LIMIT, NULL, 0, 0,
				    "too many temporary databases open at "
				    "once (at most %d)",
				    FA_TEMPDIR_LIVE_MAX);
	path = slots[slot].path;
	n = (size_t)snprintf(path, FA_TEMPDIR_PATH_MAX,
			     "%s/" PREFIX "%ld-XXXXXX", root, (long)getpid());
	if (n + sizeof("/" DB_NAME "-journal") > FA_TEMPDIR_PATH_MAX) {
		rc = fa_error_add(err, FA_ERR_LIMIT, NULL, 0, 0,
				  "temporary directory '%s' has too long a "
				  "path (at most %d bytes)",
				  root, FA_TEMPDIR_PATH_MAX - 64);
		goto out;
	}
	td = calloc(1, sizeof(*td));
	if (td)
		td->db_path = malloc(n + sizeof("/" DB_NAME));
	if (!td || !td->db_path) {
		rc = fa_error_nomem(err, NULL);
		goto out;
	}
	td->slot = slot;
	td->lock_fd = -1;
	if (!mkdtemp(path)) {
		rc = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				  "cannot create a temporary directory in "
				  "'%s': %s",
				  root, strerror(errno));
		goto out;
	}
	made = 1;
	atomic_store(&slots[slot].state, SLOT_LIVE);
	snprintf(td->db_path, n + sizeof("/" DB_NAME), "%s/" DB_NAME, path);
	dfd = open_private(path, err);
	if (dfd < 0 ||
	    (td->lock_fd = new_file(dfd, path, LOCK_NAME, 1, err)) < 0 ||
	    new_file(dfd, path, DB_NAME, 0, err) < 0)
		rc = err && err->code ? err->code : FA_ERR_IO;
out:
	if (dfd >= 0)
		close(dfd);
	if (rc != FA_OK) {
		if (made) {
			fa_tempdir_free(td);
			return rc;
		}
		if (td)
			free(td->db_path);
		free(td);
		atomic_store(&slots[slot].state, SLOT_FREE);
		return rc;
	}
	*out = td;
	return FA_OK;
}

const char *fa_tempdir_path(const struct fa_tempdir *td)
{
	return slots[td->slot].path;
}

const char *fa_tempdir_db_path(const struct fa_tempdir *td)
{
	return td->db_path;
}

void fa_tempdir_free(struct fa_tempdir *td)
{
	int expect = SLOT_LIVE;

	if (!td)
		return;
	/* A handler that took the slot first removes the directory itself
	 * and ends the process: the slot stays BUSY. */
	if (atomic_compare_exchange_strong(&slots[td->slot].state, &expect,
					   SLOT_BUSY)) {
		remove_dir(slots[td->slot].path);
		atomic_store(&slots[td->slot].state, SLOT_FREE);
	}
	/* Unlocked only now: until the directory is gone, it is live. */
	if (td->lock_fd >= 0)
		close(td->lock_fd);
	free(td->db_path);
	free(td);
}

void fa_tempdir_remove_all(void)
{
	size_t i;

	for (i = 0; i < FA_TEMPDIR_LIVE_MAX; i++) {
		int expect = SLOT_LIVE;

		if (atomic_compare_exchange_strong(&slots[i].state, &expect,
						   SLOT_BUSY))
			remove_dir(slots[i].path);
	}
}

/* ---- the sweep ----------------------------------------------------------- */

/* The PID in a name "flexaudit-PID-XXXXXX" (mkdtemp's six letters or
 * digits), or 0 if name has another form. */
static pid_t name_pid(const char *name)
{
	const char *p = name + strlen(PREFIX);
	long long v = 0;
	size_t i;

	if (strncmp(name, PREFIX, strlen(PREFIX)) != 0)
		return 0;
	for (i = 0; p[i] >= '0' && p[i] <= '9'; i++) {
		if (i >= 10)
			return 0;
		v = v * 10 + (p[i] - '0');
	}
	if (i == 0 || p[i] != '-' || strlen(p + i + 1) != 6 || v <= 0 ||
	    (long long)(pid_t)v != v)
		return 0;
	for (p += i + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return 0;
	return (pid_t)v;
}

/*
 * 1 if the directory sub (opened from an entry last changed at mtime) may
 * be removed as far as its lock says: the lock exists and nobody holds it,
 * or there is none and the directory is old enough. fcntl locks are the
 * kernel's, so a run in another PID namespace sharing the directory (a
 * container) holds its lock visibly even though its PID means nothing
 * here.
 */
static int lock_free(int sub, time_t mtime)
{
	struct flock fl;
	int fd = openat(sub, LOCK_NAME,
			O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	int held;

	if (fd < 0)
		return errno == ENOENT &&
		       time(NULL) - mtime >= FA_TEMPDIR_SWEEP_MIN_AGE;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	held = fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_UNLCK;
	close(fd);
	return !held;
}

size_t fa_tempdir_sweep(const char *root)
{
	struct dirent *e;
	size_t removed = 0, i;
	DIR *d;
	int dfd;

	d = opendir(root_or_default(root));
	if (!d)
		return 0;
	dfd = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		pid_t pid = name_pid(e->d_name);
		struct stat sb, sb2;
		int sub;

		/* A PID that exists, even another user's (EPERM), may be
		 * the owner: only ESRCH says it is gone. */
		if (!pid || pid == getpid() || kill(pid, 0) == 0 ||
		    errno != ESRCH)
			continue;
		if (fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
			continue;
		sub = openat(dfd, e->d_name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			continue;
		/* still the directory just looked at */
		if (fstat(sub, &sb2) != 0 || sb2.st_dev != sb.st_dev ||
		    sb2.st_ino != sb.st_ino || !lock_free(sub, sb.st_mtime)) {
			close(sub);
			continue;
		}
		for (i = 0; i < N_KNOWN; i++)
			unlinkat(sub, known_files[i], 0);
		close(sub);
		if (unlinkat(dfd, e->d_name, AT_REMOVEDIR) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}
