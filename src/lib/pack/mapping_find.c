/* SPDX-License-Identifier: MIT */
/*
 * Mapping profiles found by name: a path, or NAME.xml in the bundled
 * mappings directory (bundled.h), and all bundled profiles for detection
 * by headers. What to say of a name that is none of them (suggest.h).
 * Loading itself is mapping.c's.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundled.h"
#include "limits.h"
#include "mapping.h"
#include "suggest.h"
#include "text.h"

const char *fa_mapping_bundled_dir(char *buf, size_t size)
{
	return fa_bundled_dir(buf, size, "FLEXAUDIT_MAPPINGS", "mappings");
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The *.xml names directly in dir, sorted, without ".xml" (ids). */
static enum fa_code list_ids(char ***out, size_t *n, const char *dir,
			     struct fa_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown;
	enum fa_code rc = FA_OK;
	size_t len;

	*out = NULL;
	*n = 0;
	if (!d)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", dir,
				    strerror(errno));
	while ((e = readdir(d))) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= 4 ||
		    strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if (*n == FA_MAPPING_MAX_FILES) {
			rc = fa_error_add(err, FA_ERR_LIMIT, dir, 0, 0,
					  "more than %d mapping profiles",
					  FA_MAPPING_MAX_FILES);
			goto out;
		}
		grown = realloc(names, (*n + 1) * sizeof(*names));
		if (!grown) {
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
		names = grown;
		names[*n] = malloc(len - 3);
		if (!names[*n]) {
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
		memcpy(names[*n], e->d_name, len - 4);
		names[*n][len - 4] = '\0';
		(*n)++;
	}
	if (*n)
		qsort(names, *n, sizeof(*names), str_ptr_cmp);
out:
	closedir(d);
	if (rc != FA_OK) {
		free_names(names, *n);
		names = NULL;
		*n = 0;
	}
	*out = names;
	return rc;
}

/* dir/id.xml, allocated. */
static char *profile_path(const char *dir, const char *id)
{
	size_t size = strlen(dir) + strlen(id) + 6;
	char *p = malloc(size);

	if (p)
		snprintf(p, size, "%s/%s.xml", dir, id);
	return p;
}

enum fa_code fa_mapping_find(struct fa_mapping **out, const char *name,
			     struct fa_error *err)
{
	char buf[FA_RULESET_DIR_MAX + 32], hint[FA_ERROR_MESSAGE_MAX];
	char sn[FA_TEXT_SHOW_MAX + 4];
	const char *dir;
	char **ids = NULL, *path;
	size_t n = 0, i, len = strlen(name);
	struct fa_suggest s;
	struct fa_error ignored;
	enum fa_code rc;

	assert(out && name);
	*out = NULL;
	if (strchr(name, '/') ||
	    (len >= 4 && strcmp(name + len - 4, ".xml") == 0))
		return fa_mapping_load(out, name, err);
	dir = fa_mapping_bundled_dir(buf, sizeof(buf));
	fa_error_init(&ignored);
	rc = list_ids(&ids, &n, dir, &ignored);
	if (rc == FA_ERR_NOMEM)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < n; i++)
		if (strcmp(ids[i], name) == 0)
			break;
	if (i == n) {
		fa_suggest_init(&s, name);
		for (i = 0; i < n; i++)
			fa_suggest_offer(&s, ids[i]);
		fa_suggest_text(hint, sizeof(hint), &s,
				"give the path of a profile");
		if (rc != FA_OK)
			snprintf(
			    hint, sizeof(hint),
			    "the bundled profiles cannot be read (%.300s); "
			    "give the path of a profile",
			    ignored.n ? ignored.diag[0].message : "");
		else if (n == 0)
			snprintf(hint, sizeof(hint),
				 "there are no bundled profiles in '%s'; give "
				 "the path of a profile",
				 dir);
		free_names(ids, n);
		return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0,
				    "no mapping profile '%s': %s",
				    fa_text_show(sn, name), hint);
	}
	path = profile_path(dir, name);
	free_names(ids, n);
	if (!path)
		return fa_error_nomem(err, NULL);
	rc = fa_mapping_load(out, path, err);
	free(path);
	return rc;
}

enum fa_code fa_mappings_load_bundled(struct fa_mapping ***out, size_t *n,
				      struct fa_error *err)
{
	char buf[FA_RULESET_DIR_MAX + 32];
	const char *dir = fa_mapping_bundled_dir(buf, sizeof(buf));
	struct fa_mapping **all = NULL;
	char **ids = NULL, *path;
	size_t n_ids = 0, i, k = 0;
	enum fa_code rc, r;

	assert(out && n);
	*out = NULL;
	*n = 0;
	rc = list_ids(&ids, &n_ids, dir, err);
	if (rc != FA_OK)
		return rc;
	if (n_ids) {
		all = calloc(n_ids, sizeof(*all));
		if (!all) {
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
	}
	for (i = 0; i < n_ids; i++) {
		path = profile_path(dir, ids[i]);
		if (!path) {
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
		r = fa_mapping_load(&all[k], path, err);
		free(path);
		if (r == FA_OK)
			k++;
		else if (rc == FA_OK)
			rc = r;
		if (r == FA_ERR_NOMEM)
			goto out;
	}
out:
	free_names(ids, n_ids);
	if (rc != FA_OK) {
		fa_mappings_free(all, k);
		return rc;
	}
	*out = all;
	*n = k;
	return FA_OK;
}
