/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the manifest parser (and through it xmlload and
 * libxml2): any bytes go in; the parser must return a code, keep its
 * diagnostics within their buffers, and leak nothing. The corpus in
 * tests/fuzz/corpus/fuzz_manifest is replayed by `make check`.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The real schema's names are not needed to reach every branch. */
static const char *const tables[] = { "workers", "documents", NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fa_manifest *m = NULL;
	struct fa_error err;
	enum fa_code rc;
	size_t i;

	fa_error_init(&err);
	rc = fa_manifest_parse(&m, FA_MANIFEST_NAME, data, size, tables, &err);
	/* Success and a manifest go together, and a failure says why. */
	assert((rc == FA_OK) == (m != NULL));
	assert(rc == FA_OK || err.n > 0);
	for (i = 0; i < err.n; i++)
		assert(memchr(err.diag[i].message, '\0',
			      sizeof(err.diag[i].message)));
	if (m) {
		for (i = 0; i < m->n_files; i++)
			assert(fa_manifest_find(m, m->files[i].path) ==
			       &m->files[i]);
	}
	fa_manifest_free(m);
	return 0;
}
