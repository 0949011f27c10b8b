/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the judgements parser (judgement.c, judgement_csv.c,
 * json_judgements.c). Input: bit 0 of byte 0 says whether a default name
 * is given, the rest is the file. Besides not crashing or leaking: the
 * result and err agree, a refused file leaves *out NULL, and every
 * judgement of an accepted file passes fa_judgement_check (the checks of
 * the command line) with a key no other has.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "judgement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fa_judgements *js = (struct fa_judgements *)&js;
	struct fa_error err, e2;
	enum fa_code rc;
	size_t i, k;

	if (size < 1)
		return 0;
	fa_error_init(&err);
	rc = fa_judgements_parse(&js, "fuzz", data + 1, size - 1,
				 data[0] & 1 ? "fuzz" : NULL, &err);
	if (rc != err.code || (rc != FA_OK) != (js == NULL) ||
	    (rc != FA_OK && err.n == 0 && err.n_dropped == 0))
		abort();
	if (!js)
		return 0;
	for (i = 0; i < js->n; i++) {
		const struct fa_judgement *j = &js->j[i];

		fa_error_init(&e2);
		if (fa_judgement_check(j, "fuzz", &e2) != FA_OK)
			abort();
		for (k = 0; k < i && k < 1000; k++)
			if (strcmp(js->j[k].key, j->key) == 0)
				abort();
	}
	fa_judgements_free(js);
	return 0;
}
