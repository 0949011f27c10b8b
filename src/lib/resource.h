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

#include "flexaudit.h"
#include "limits.h"

/*
 * The ceiling is set with fa_resource_set_memory (flexaudit.h, with
 * fa_resource_memory and the parsers of sizes and seconds):
 * SQLite's heap may then take bytes / FA_MEM_SQLITE_PART, the findings of
 * an audit bytes / FA_MEM_FINDINGS_PART, and one rule
 * FA_EVAL_FINDINGS_PER_GIB findings per GiB of it. Its parts:
 */
uint64_t fa_resource_sqlite_bytes(void);
uint64_t fa_resource_findings_bytes(void);
size_t fa_resource_rule_findings(void);

/* What SQLite's heap held at most so far, and its limit, in bytes. */
void fa_resource_sqlite_use(uint64_t *peak, uint64_t *limit);

#endif
