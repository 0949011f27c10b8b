/* SPDX-License-Identifier: MIT */
/* The library version, set by the build from the VERSION file. */
#include "flexaudit.h"

#ifndef FA_VERSION
#define FA_VERSION "0.0.0"
#endif

const char *fa_version(void)
{
	return FA_VERSION;
}
