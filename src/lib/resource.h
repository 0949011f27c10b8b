/* SPDX-License-Identifier: MIT */
/*
 * The resources a run may use: the memory ceiling, shared out between
 * SQLite's heap and the findings an audit keeps (limits.h: FA_MEM_*), and
 * how a size or a number of seconds is written on the command line. The
 * ceiling is the process's, like SQLite's heap: set it once, before the
 * first package or rule set is loaded. Uses db.
 */
#ifndef FA_RESOURCE_H
#define FA_RESOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"

/*
 * Set the memory ceiling to bytes (FA_MEM_MIN_BYTES to FA_MEM_MAX_BYTES;
 * the default is FA_MEM_DEFAULT_BYTES): SQLite's heap may then take
 * bytes / FA_MEM_SQLITE_PART, the findings of an audit bytes /
 * FA_MEM_FINDINGS_PART, and one rule FA_EVAL_FINDINGS_PER_GIB findings per
 * GiB of it.
 */
void fa_resource_set_memory(uint64_t bytes);
/* The ceiling and its parts. */
uint64_t fa_resource_memory(void);
uint64_t fa_resource_sqlite_bytes(void);
uint64_t fa_resource_findings_bytes(void);
size_t fa_resource_rule_findings(void);

/*
 * Parse a memory ceiling: a whole number of bytes, or followed by K, M, G
 * or T (also lower case; powers of 1024): "536870912", "512M", "4G", from
 * FA_MEM_MIN_BYTES to FA_MEM_MAX_BYTES. 0, or -1 for anything else.
 */
int fa_resource_parse_memory(uint64_t *out, const char *s);
/* A size as the parser reads it, in the largest unit that divides it
 * ("2G", "64M", "1536K", "1000"), into buf. */
void fa_resource_format_size(char *buf, size_t size, uint64_t bytes);
/*
 * Parse seconds: digits with an optional fraction ("60", "0.5"), more
 * than 0 and at most FA_EVAL_TIMEOUT_MAX. 0, or -1 for anything else.
 */
int fa_resource_parse_seconds(double *out, const char *s);

/* What SQLite's heap held at most so far, and its limit, in bytes. */
void fa_resource_sqlite_use(uint64_t *peak, uint64_t *limit);

#endif
