/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for package.c: opens the input as an in-memory zip and, when
 * every check passes, streams each entry through the hash, as the audit
 * does. Any crash, leak or sanitizer report is a bug; refusals are not.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "package.h"

/* Entries up to this size are also read whole with fa_package_read_all. */
#define SMALL_ENTRY_BYTES (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fa_error err;
	struct fa_package *pkg = NULL;
	char hex[FA_SHA256_HEX_LEN];
	size_t i;

	fa_error_init(&err);
	if (fa_package_open_mem(&pkg, "fuzz.zip", data, size, &err) != FA_OK)
		return 0;
	for (i = 0; i < fa_package_count(pkg); i++) {
		const struct fa_package_entry *e = fa_package_entry_at(pkg, i);

		unsigned char *buf = NULL;
		size_t len = 0;

		fa_error_init(&err);
		(void)fa_package_read(hex, pkg, e->name, NULL, NULL, &err);
		/* The buffering path too, for entries small enough to hold. */
		if (e->size <= SMALL_ENTRY_BYTES) {
			fa_error_init(&err);
			if (fa_package_read_all(&buf, &len, NULL, pkg, e->name,
						SMALL_ENTRY_BYTES,
						&err) == FA_OK)
				free(buf);
		}
	}
	for (i = 0; i < fa_package_junk_count(pkg); i++)
		(void)fa_package_find(pkg, fa_package_junk_at(pkg, i));
	fa_package_free(pkg);
	return 0;
}
