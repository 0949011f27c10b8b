/* SPDX-License-Identifier: MIT */
/* Resources as the command line gives them (see resource.h). */
#include "resource.h"

int fa_resource_parse_seconds(double *out, const char *s)
{
	double v = 0, scale = 1;

	*out = 0;
	if (!s || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > FA_EVAL_TIMEOUT_MAX)
			return -1;
	}
	if (*s == '.') {
		if (s[1] < '0' || s[1] > '9')
			return -1;
		for (s++; *s >= '0' && *s <= '9'; s++) {
			scale /= 10;
			v += (*s - '0') * scale;
		}
	}
	if (*s || v <= 0 || v > FA_EVAL_TIMEOUT_MAX)
		return -1;
	*out = v;
	return 0;
}
