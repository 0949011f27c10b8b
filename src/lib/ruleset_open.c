/* SPDX-License-Identifier: MIT */
/*
 * Rule sets opened for a run: the files and directories a caller names,
 * or else the bundled rule sets, loaded (rulesets.c) and linted against
 * the evidence schema (fa_eval_lint), so that every check is known to
 * prepare before a package is read. Also where the bundled rule sets are:
 * $FLEXAUDIT_RULES; else rules/ beside the directory of the running
 * program (a source tree: build/flexaudit -> rules/); else
 * share/flexaudit/rules beside it (an installed tree: /usr/bin/flexaudit
 * -> /usr/share/flexaudit/rules). They are found here, not by each
 * program, because every caller of an audit (the command line, the store,
 * the server) must mean the same rule sets by "the bundled ones". Uses
 * ruleset, eval, bundled (the lookup mapping profiles share) and libc.
 */
#include <stdlib.h>

#include "flexaudit.h"
#include "bundled.h"
#include "eval.h"
#include "limits.h"
#include "ruleset.h"

const char *fa_rulesets_bundled_path(char *buf, size_t size)
{
	return fa_bundled_dir(buf, size, "FLEXAUDIT_RULES", "rules");
}

enum fa_code fa_rulesets_open(struct fa_rulesets **out,
			      const char *const *paths, size_t n_paths,
			      struct fa_error *err)
{
	struct fa_rulesets *sets;
	char buf[FA_RULESET_DIR_MAX + 32];
	const char *one;
	enum fa_code rc;

	*out = NULL;
	sets = calloc(1, sizeof(*sets));
	if (!sets)
		return fa_error_nomem(err, NULL);
	if (n_paths == 0) {
		one = fa_rulesets_bundled_path(buf, sizeof(buf));
		paths = &one;
		n_paths = 1;
	}
	rc = fa_rulesets_load(sets, paths, n_paths, err);
	if (rc == FA_OK)
		rc = fa_eval_lint(sets, err);
	if (rc != FA_OK) {
		fa_rulesets_free(sets);
		return rc;
	}
	*out = sets;
	return FA_OK;
}

void fa_rulesets_free(struct fa_rulesets *sets)
{
	fa_rulesets_release(sets);
	free(sets);
}
