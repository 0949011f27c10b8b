/* SPDX-License-Identifier: MIT */
/*
 * The lookup of bundled data directories (bundled.h). It lives apart from
 * the rule sets and the mapping profiles because both need it and must
 * mean the same place by "bundled". libc only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundled.h"
#include "limits.h"

static int is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

const char *fa_bundled_dir(char *buf, size_t size, const char *env,
			   const char *name)
{
	const char *val = getenv(env);
	char exe[FA_RULESET_DIR_MAX], cwd[FA_RULESET_DIR_MAX];
	char dir[FA_RULESET_DIR_MAX + 32];
	ssize_t n;
	char *slash;
	size_t i, n_cwd;

	if (val && *val)
		return val;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return name;
	exe[n] = '\0';
	/* /proc/self/exe is canonical: drop the file and its directory to get
	 * the parent (build/flexaudit -> ., /usr/bin/flexaudit -> /usr). */
	for (i = 0; i < 2 && (slash = strrchr(exe, '/')); i++)
		*slash = '\0';
	n_cwd = getcwd(cwd, sizeof(cwd)) ? strlen(cwd) : 0;
	for (i = 0; i < 2; i++) {
		snprintf(dir, sizeof(dir), "%s/%s%s", exe,
			 i ? "share/flexaudit/" : "", name);
		if (!is_dir(dir))
			continue;
		/* Name it as the user would: relative inside the cwd. */
		if (n_cwd && strncmp(dir, cwd, n_cwd) == 0 && dir[n_cwd] == '/')
			snprintf(buf, size, "%s", dir + n_cwd + 1);
		else
			snprintf(buf, size, "%s", dir);
		return buf;
	}
	return name;
}
