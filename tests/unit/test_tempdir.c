/* SPDX-License-Identifier: MIT */
/*
 * Tests of the private temporary directories: made private whatever the
 * umask, locked while live, removed on free and by fa_tempdir_remove_all,
 * and the sweep that removes only what killed runs left behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tempdir.h"

/* A scratch root of this test's own, so that its listing is known. */
static char root[256];

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/test_tempdir-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

/* Entries in dir besides . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* A PID that no process has: a child's, once it is reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	return pid;
}

/* Whether another process sees a write lock on path (fcntl locks do not
 * conflict within their own process, so a child asks). */
static int locked_for_others(const char *path)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct flock fl;
		int fd = open(path, O_RDWR);

		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fd < 0 || fcntl(fd, F_GETLK, &fl) != 0)
			_exit(2);
		_exit(fl.l_type == F_UNLCK ? 0 : 1);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 2);
	return WEXITSTATUS(status) == 1;
}

static void test_tempdir__private_locked_and_removed(void **state)
{
	struct fa_tempdir *td = NULL;
	struct fa_error e;
	char prefix[300], path[512];
	struct stat sb;
	const char *p;
	mode_t old = umask(0); /* mkdtemp's 0700 must not depend on it */

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_tempdir_new(&td, root, &e), FA_OK);
	umask(old);
	p = fa_tempdir_path(td);
	snprintf(prefix, sizeof(prefix), "%s/flexaudit-%ld-", root,
		 (long)getpid());
	assert_int_equal(strncmp(p, prefix, strlen(prefix)), 0);
	assert_int_equal(strlen(p), strlen(prefix) + 6);
	assert_int_equal(lstat(p, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(sb.st_uid, geteuid());
	snprintf(path, sizeof(path), "%s/evidence.db", p);
	assert_string_equal(fa_tempdir_db_path(td), path);
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(sb.st_size, 0);
	snprintf(path, sizeof(path), "%s/lock", p);
	assert_true(locked_for_others(path));
	/* SQLite's journal beside the database goes too */
	snprintf(path, sizeof(path), "%s/evidence.db-journal", p);
	assert_int_equal(close(open(path, O_CREAT | O_WRONLY, 0600)), 0);
	fa_tempdir_free(td);
	assert_int_equal(count_entries(root), 0);
	fa_tempdir_free(NULL);
}

/* A umask that takes every bit: the directory and files are still usable
 * (0700, 0600), not left unreadable to the next run's sweep or to SQLite. */
static void test_tempdir__modes_whatever_the_umask(void **state)
{
	struct fa_tempdir *td = NULL;
	struct fa_error e;
	char path[512];
	struct stat sb;
	mode_t old = umask(0777);

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_tempdir_new(&td, root, &e), FA_OK);
	umask(old);
	assert_int_equal(lstat(fa_tempdir_path(td), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	snprintf(path, sizeof(path), "%s/lock", fa_tempdir_path(td));
	assert_int_equal(lstat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(lstat(fa_tempdir_db_path(td), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	fa_tempdir_free(td);
	assert_int_equal(count_entries(root), 0);
}

static void test_tempdir__root_taken_from_tmpdir(void **state)
{
	struct fa_tempdir *td = NULL;
	struct fa_error e;
	char *saved = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;

	(void)state;
	fa_error_init(&e);
	setenv("TMPDIR", root, 1);
	assert_int_equal(fa_tempdir_new(&td, NULL, &e), FA_OK);
	assert_int_equal(strncmp(fa_tempdir_path(td), root, strlen(root)), 0);
	assert_int_equal(count_entries(root), 1);
	fa_tempdir_free(td);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}

static void test_tempdir__unusable_root_is_io_and_frees_its_slot(void **state)
{
	struct fa_tempdir *td = NULL;
	struct fa_error e;
	char want[512], longroot[FA_TEMPDIR_PATH_MAX];
	int i;

	(void)state;
	snprintf(want, sizeof(want),
		 "cannot create a temporary directory in '%s/absent': No "
		 "such file or directory",
		 root);
	snprintf(longroot, sizeof(longroot), "%s/absent", root);
	/* more attempts than there are slots: a failure gives its back */
	for (i = 0; i < FA_TEMPDIR_LIVE_MAX + 2; i++) {
		fa_error_init(&e);
		assert_int_equal(fa_tempdir_new(&td, longroot, &e), FA_ERR_IO);
		assert_null(td);
		assert_string_equal(e.diag[0].message, want);
	}
	memset(longroot, 'a', sizeof(longroot) - 1);
	longroot[0] = '/';
	longroot[sizeof(longroot) - 1] = '\0';
	fa_error_init(&e);
	assert_int_equal(fa_tempdir_new(&td, longroot, &e), FA_ERR_LIMIT);
	assert_null(td);
	assert_int_equal(count_entries(root), 0);
}

static void test_tempdir__at_most_live_max_at_once(void **state)
{
	struct fa_tempdir *td[FA_TEMPDIR_LIVE_MAX + 1] = { NULL };
	struct fa_error e;
	char want[128];
	int i;

	(void)state;
	for (i = 0; i < FA_TEMPDIR_LIVE_MAX; i++) {
		fa_error_init(&e);
		assert_int_equal(fa_tempdir_new(&td[i], root, &e), FA_OK);
	}
	fa_error_init(&e);
	assert_int_equal(fa_tempdir_new(&td[i], root, &e), FA_ERR_LIMIT);
	snprintf(want, sizeof(want),
		 "too many temporary databases open at once (at most %d)",
		 FA_TEMPDIR_LIVE_MAX);
	assert_string_equal(e.diag[0].message, want);
	assert_int_equal(count_entries(root), FA_TEMPDIR_LIVE_MAX);
	fa_tempdir_free(td[0]);
	fa_error_init(&e);
	assert_int_equal(fa_tempdir_new(&td[0], root, &e), FA_OK);
	for (i = 0; i < FA_TEMPDIR_LIVE_MAX; i++)
		fa_tempdir_free(td[i]);
	assert_int_equal(count_entries(root), 0);
}

/* ---- the sweep ----------------------------------------------------------- */

/* root/name as a directory holding files (a NULL-terminated list). */
static void make_dir(char *path, size_t size, const char *name,
		     const char *const *files)
{
	char f[600];

	snprintf(path, size, "%s/%s", root, name);
	assert_int_equal(mkdir(path, 0700), 0);
	for (; *files; files++) {
		snprintf(f, sizeof(f), "%s/%s", path, *files);
		assert_int_equal(close(open(f, O_CREAT | O_WRONLY, 0600)), 0);
	}
}

static void age(const char *path, int seconds)
{
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= seconds;
	tv[1] = tv[0];
	assert_int_equal(utimes(path, tv), 0);
}

static void test_tempdir__sweep_removes_only_dead_runs(void **state)
{
	static const char *const run[] = { "lock", "evidence.db",
					   "evidence.db-journal", NULL };
	static const char *const no_lock[] = { "evidence.db", NULL };
	static const char *const extra[] = { "lock", "evidence.db", "notes.txt",
					     NULL };
	static const char *const none[] = { NULL };
	struct fa_tempdir *live = NULL;
	struct fa_error e;
	char name[64], dead[512], locked[512], fresh[512], stale[512],
	    other[512], alive[512], target[512], link[512], file[512],
	    shapes[4][512], f[600];
	pid_t gone = dead_pid();
	int sync_fd[2], release_fd[2];
	pid_t holder;
	char c;

	(void)state;
	fa_error_init(&e);
	/* a run of ours, live: its PID is this process */
	assert_int_equal(fa_tempdir_new(&live, root, &e), FA_OK);
	/* killed runs: gone PID, unheld lock */
	snprintf(name, sizeof(name), "flexaudit-%ld-Aa0Zz9", (long)gone);
	make_dir(dead, sizeof(dead), name, run);
	/* gone PID but a held lock: a live run in another PID namespace */
	snprintf(name, sizeof(name), "flexaudit-%ld-Locked", (long)gone);
	make_dir(locked, sizeof(locked), name, run);
	/* gone PID, no lock yet: recent (kept) and a minute old (removed) */
	snprintf(name, sizeof(name), "flexaudit-%ld-fresh1", (long)gone);
	make_dir(fresh, sizeof(fresh), name, no_lock);
	snprintf(name, sizeof(name), "flexaudit-%ld-stale1", (long)gone);
	make_dir(stale, sizeof(stale), name, no_lock);
	age(stale, FA_TEMPDIR_SWEEP_MIN_AGE + 5);
	/* something else in it: its known files go, the rest stays */
	snprintf(name, sizeof(name), "flexaudit-%ld-other1", (long)gone);
	make_dir(other, sizeof(other), name, extra);
	/* a PID that exists (init): kept */
	make_dir(alive, sizeof(alive), "flexaudit-1-alive1", run);
	/* a symlink with the name of a dead run: never followed */
	make_dir(target, sizeof(target), "target", run);
	snprintf(link, sizeof(link), "%s/flexaudit-%ld-link01", root,
		 (long)gone);
	assert_int_equal(symlink(target, link), 0);
	/* a regular file with such a name */
	snprintf(file, sizeof(file), "%s/flexaudit-%ld-file01", root,
		 (long)gone);
	assert_int_equal(close(open(file, O_CREAT | O_WRONLY, 0600)), 0);
	/* other shapes: older releases' files, wrong lengths, no PID */
	make_dir(shapes[0], sizeof(shapes[0]), "flexaudit-Ab12Cd", run);
	snprintf(name, sizeof(name), "flexaudit-%ld-short", (long)gone);
	make_dir(shapes[1], sizeof(shapes[1]), name, run);
	snprintf(name, sizeof(name), "flexaudit-%ld-toolong", (long)gone);
	make_dir(shapes[2], sizeof(shapes[2]), name, run);
	make_dir(shapes[3], sizeof(shapes[3]), "flexaudit--Ab12Cd", none);

	/* a child holds the lock of `locked` while the sweep runs */
	assert_int_equal(pipe(sync_fd), 0);
	assert_int_equal(pipe(release_fd), 0);
	holder = fork();
	if (holder == 0) {
		struct flock fl;
		int fd;

		/* ends when released, or when this test process ends
		 * (a failed assertion must not leave it waiting) */
		close(release_fd[1]);
		close(sync_fd[0]);
		alarm(60);
		snprintf(f, sizeof(f), "%s/lock", locked);
		fd = open(f, O_RDWR);
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0)
			_exit(1);
		c = 'L';
		if (write(sync_fd[1], &c, 1) != 1 ||
		    read(release_fd[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	assert_true(holder > 0);
	assert_int_equal(read(sync_fd[0], &c, 1), 1);

	assert_int_equal(fa_tempdir_sweep(root), 2);

	c = 'R';
	assert_int_equal(write(release_fd[1], &c, 1), 1);
	assert_int_equal(waitpid(holder, NULL, 0), holder);
	close(sync_fd[0]);
	close(sync_fd[1]);
	close(release_fd[0]);
	close(release_fd[1]);

	assert_false(exists(dead));
	assert_false(exists(stale));
	assert_true(exists(fa_tempdir_db_path(live)));
	assert_true(exists(locked));
	assert_int_equal(count_entries(locked), 3);
	assert_true(exists(fresh));
	assert_int_equal(count_entries(other), 1); /* notes.txt */
	assert_int_equal(count_entries(alive), 3);
	assert_int_equal(count_entries(target), 3);
	assert_true(exists(link));
	assert_true(exists(file));
	assert_int_equal(count_entries(shapes[0]), 3);
	assert_int_equal(count_entries(shapes[1]), 3);
	assert_int_equal(count_entries(shapes[2]), 3);
	assert_true(exists(shapes[3]));

	/* once the holder is gone, that directory is stale too */
	assert_int_equal(fa_tempdir_sweep(root), 1);
	assert_false(exists(locked));
	fa_tempdir_free(live);
}

/* Another user's directory is never touched (needs root to make one). */
static void test_tempdir__sweep_leaves_other_users_alone(void **state)
{
	static const char *const run[] = { "lock", "evidence.db", NULL };
	char name[64], path[512], f[600];

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(name, sizeof(name), "flexaudit-%ld-OtherU", (long)dead_pid());
	make_dir(path, sizeof(path), name, run);
	snprintf(f, sizeof(f), "%s/lock", path);
	assert_int_equal(chown(f, 12345, 12345), 0);
	assert_int_equal(chown(path, 12345, 12345), 0);
	assert_int_equal(fa_tempdir_sweep(root), 0);
	assert_int_equal(count_entries(path), 2);
}

/* Last: the slots that fa_tempdir_remove_all takes are not given back (a
 * handler calls it and the process ends). */
static void test_tempdir__remove_all_removes_every_live_one(void **state)
{
	struct fa_tempdir *a = NULL, *b = NULL;
	struct fa_error e;
	int before = count_entries(root);

	(void)state;
	fa_error_init(&e);
	assert_int_equal(fa_tempdir_new(&a, root, &e), FA_OK);
	assert_int_equal(fa_tempdir_new(&b, root, &e), FA_OK);
	assert_int_equal(count_entries(root), before + 2);
	fa_tempdir_remove_all();
	assert_int_equal(count_entries(root), before);
	fa_tempdir_free(a);
	fa_tempdir_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_tempdir__private_locked_and_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__modes_whatever_the_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__root_taken_from_tmpdir, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__unusable_root_is_io_and_frees_its_slot, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__at_most_live_max_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__sweep_removes_only_dead_runs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__sweep_leaves_other_users_alone, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_tempdir__remove_all_removes_every_live_one, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
