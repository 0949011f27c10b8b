/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for value.c. Byte 0 picks the decimal scale, the rest is
 * given to every parser. Besides not crashing, results must agree with
 * each other: a valid date re-parses to itself, a whole number is the same
 * decimal at scale 0, and a reason is set exactly when parsing fails.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s, *why;
	char iso[FA_DATE_LEN], iso2[FA_DATE_LEN];
	int64_t a, b;
	int scale, yes;
	size_t len;

	if (size < 1)
		return 0;
	scale = data[0] % 19;
	s = (const char *)data + 1;
	len = size - 1;

	why = NULL;
	if (fa_value_date(iso, s, len, &why) == 0) {
		if (why || strlen(iso) != FA_DATE_LEN - 1 ||
		    fa_value_date(iso2, iso, strlen(iso), &why) != 0 ||
		    strcmp(iso, iso2) != 0)
			abort();
	} else if (!why) {
		abort();
	}

	why = NULL;
	if (fa_value_decimal(&a, s, len, scale, &why) != 0 && !why)
		abort();

	why = NULL;
	if (fa_value_int(&a, s, len, &why) == 0) {
		if (fa_value_decimal(&b, s, len, 0, &why) != 0 || a != b)
			abort();
	} else if (!why) {
		abort();
	}

	why = NULL;
	if (fa_value_bool(&yes, s, len, &why) == 0) {
		if (yes != 0 && yes != 1)
			abort();
	} else if (!why) {
		abort();
	}

	if (fa_value_empty(s, len)) {
		why = NULL;
		if (fa_value_int(&a, s, len, &why) == 0 ||
		    strcmp(why, "empty") != 0)
			abort();
	}
	(void)fa_value_bsn_valid(s, len);
	return 0;
}
