/* SPDX-License-Identifier: MIT */
/*
 * The resources a run may use (limits.h), as the command line gives
 * them: how a number of seconds is written. Uses only libc.
 */
#ifndef FA_RESOURCE_H
#define FA_RESOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

/*
 * Parse seconds: digits with an optional fraction ("60", "0.5"), more
 * than 0 and at most FA_EVAL_TIMEOUT_MAX. 0, or -1 for anything else.
 */
int fa_resource_parse_seconds(double *out, const char *s);

#endif
