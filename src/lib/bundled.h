/* SPDX-License-Identifier: MIT */
/*
 * Where the data bundled with flexaudit is (rules/, mappings/): the
 * directory an environment variable names; else the directory beside
 * the directory of the running program (a source tree: build/flexaudit
 * -> rules/); else share/flexaudit/ beside it (an installed tree:
 * /usr/bin/flexaudit -> /usr/share/flexaudit/rules). One lookup for every
 * kind of bundled data, so that rule sets and mapping profiles are found
 * the same way. libc only.
 */
#ifndef FA_BUNDLED_H
#define FA_BUNDLED_H

#include <stddef.h>

/*
 * The directory of the bundled data called name ("rules"): $env if set
 * and not empty; else name beside the directory of the running program,
 * else share/flexaudit/name beside it, named relative to the working
 * directory when inside it (in buf, of size bytes); else name itself.
 * Borrowed: the environment's, buf or name.
 */
const char *fa_bundled_dir(char *buf, size_t size, const char *env,
			   const char *name);

#endif
