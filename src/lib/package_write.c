/* SPDX-License-Identifier: MIT */
/*
 * Writing an evidence package: a zip whose bytes depend only on what is put
 * in it. Entries are written in the order added, with the caller's time
 * stamp, mode 0644 for Unix, UTF-8 names and no extra fields, so that the
 * same files and the same stamp always give the same zip. Part of the
 * package module (package.h): with package.c the only libzip caller.
 * Uses libzip and libc.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "limits.h"
#include "package.h"

struct fa_package_writer {
	zip_t *za;
	char *path;
	zip_uint16_t dos_time, dos_date;
	uint64_t n_entries;
};

static enum fa_code zip_fail(struct fa_package_writer *w, const char *what,
			     struct fa_error *err)
{
	zip_error_t *ze = zip_get_error(w->za);

	if (zip_error_code_zip(ze) == ZIP_ER_MEMORY)
		return fa_error_nomem(err, w->path);
	if (zip_error_system_type(ze) == ZIP_ET_SYS)
		return fa_error_add(err, FA_ERR_IO, w->path, 0, 0,
				    "cannot write %s: %s", what,
				    strerror(zip_error_code_system(ze)));
	return fa_error_add(err, FA_ERR_IO, w->path, 0, 0,
			    "cannot write %s: %s", what,
			    zip_error_strerror(ze));
}

enum fa_code fa_package_writer_new(struct fa_package_writer **out,
				   const char *path,
				   const struct fa_package_stamp *stamp,
				   struct fa_error *err)
{
	struct fa_package_writer *w;
	zip_error_t ze;
	int code = 0;

	*out = NULL;
	/* MS-DOS time: years from 1980, two-second steps */
	if (stamp->year < 1980 || stamp->year > 2107 || stamp->month < 1 ||
	    stamp->month > 12 || stamp->day < 1 || stamp->day > 31 ||
	    stamp->hour > 23 || stamp->minute > 59 || stamp->second > 59)
		return fa_error_add(err, FA_ERR_USAGE, path, 0, 0,
				    "time stamp %04d-%02d-%02dT%02d:%02d:%02d "
				    "cannot be stored in a zip (years 1980 to "
				    "2107)",
				    stamp->year, stamp->month, stamp->day,
				    stamp->hour, stamp->minute, stamp->second);
	w = calloc(1, sizeof(*w));
	if (!w || !(w->path = strdup(path))) {
		free(w);
		return fa_error_nomem(err, path);
	}
	w->dos_date = (zip_uint16_t)(((stamp->year - 1980) << 9) |
				     (stamp->month << 5) | stamp->day);
	w->dos_time =
	    (zip_uint16_t)((stamp->hour << 11) | (stamp->minute << 5) |
			   (stamp->second / 2));
	w->za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	if (!w->za) {
		enum fa_code rc;

		zip_error_init_with_code(&ze, code);
		if (code == ZIP_ER_MEMORY)
			rc = fa_error_nomem(err, path);
		else
			rc = fa_error_add(err, FA_ERR_IO, path, 0, 0,
					  "cannot create the package: %s",
					  zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(w->path);
		free(w);
		return rc;
	}
	*out = w;
	return FA_OK;
}

/* Name, time, mode and compression of the entry just added as index. */
static enum fa_code set_entry(struct fa_package_writer *w, zip_int64_t index,
			      const char *name, int level, struct fa_error *err)
{
	zip_uint64_t i = (zip_uint64_t)index;

	if (zip_file_set_dostime(w->za, i, w->dos_time, w->dos_date, 0) < 0 ||
	    zip_file_set_external_attributes(w->za, i, 0, ZIP_OPSYS_UNIX,
					     0100644u << 16) < 0 ||
	    zip_set_file_compression(w->za, i,
				     level ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
				     (zip_uint32_t)level) < 0)
		return zip_fail(w, name, err);
	w->n_entries++;
	return FA_OK;
}

static enum fa_code add_source(struct fa_package_writer *w, const char *name,
			       zip_source_t *src, int level,
			       struct fa_error *err)
{
	zip_int64_t index;

	if (!src)
		return zip_fail(w, name, err);
	if (w->n_entries >= FA_PKG_MAX_ENTRIES) {
		zip_source_free(src);
		return fa_error_add(err, FA_ERR_LIMIT, w->path, 0, 0,
				    "more than %d files: a package holds at "
				    "most that many",
				    FA_PKG_MAX_ENTRIES);
	}
	index = zip_file_add(w->za, name, src, ZIP_FL_ENC_UTF_8);
	if (index < 0) {
		zip_source_free(src);
		return zip_fail(w, name, err);
	}
	return set_entry(w, index, name, level, err);
}

enum fa_code fa_package_writer_add_file(struct fa_package_writer *w,
					const char *name, const char *src_path,
					int level, struct fa_error *err)
{
	assert(level >= 0 && level <= 9);
	return add_source(w, name, zip_source_file(w->za, src_path, 0, -1),
			  level, err);
}

enum fa_code fa_package_writer_add_mem(struct fa_package_writer *w,
				       const char *name, const void *buf,
				       size_t len, int level,
				       struct fa_error *err)
{
	assert(level >= 0 && level <= 9);
	return add_source(w, name, zip_source_buffer(w->za, buf, len, 0), level,
			  err);
}

enum fa_code fa_package_writer_close(struct fa_package_writer *w,
				     struct fa_error *err)
{
	static const int stop[] = {
		SIGHUP,	 SIGINT,  SIGQUIT, SIGTERM, SIGPIPE,
		SIGXCPU, SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2
	};
	sigset_t block, old;
	enum fa_code rc;
	size_t i;
	int closed;

	/* libzip writes a temporary file of its own beside the target and
	 * renames it; a signal that ended the process in between would
	 * leave it, since no handler knows its name. The signals that end
	 * a process wait until the rename is done (this thread only; a
	 * handler then finds the target, whose name the caller knows). */
	sigemptyset(&block);
	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		sigaddset(&block, stop[i]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	closed = zip_close(w->za) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (closed) {
		w->za = NULL;
		return FA_OK;
	}
	rc = zip_fail(w, "the package", err);
	zip_discard(w->za);
	w->za = NULL;
	return rc;
}

void fa_package_writer_free(struct fa_package_writer *w)
{
	if (!w)
		return;
	if (w->za)
		zip_discard(w->za);
	free(w->path);
	free(w);
}
