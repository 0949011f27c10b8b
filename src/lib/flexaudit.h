/* SPDX-License-Identifier: MIT */
/*
 * The public API of libflexaudit: the one library header the command-line
 * tool includes. The library never prints and never exits; every fallible
 * call returns an enum fa_code and fills a caller's struct fa_error.
 */
#ifndef FLEXAUDIT_H
#define FLEXAUDIT_H

#include "compare.h"
#include "error.h"
#include "eval.h"
#include "evidence.h"
#include "json.h"
#include "report.h"
#include "resource.h"
#include "ruleset.h"
#include "sample.h"
#include "schema.h"
#include "show.h"
#include "tempdir.h"
#include "text.h"

/* Library version ("0.1.0"). */
const char *fa_version(void);

#endif
