/* SPDX-License-Identifier: MIT */
/*
 * JSON output of the library's results. The only module that calls
 * jansson. Keys are stable: documented in docs/ and append-only.
 */
#ifndef FA_JSON_H
#define FA_JSON_H

#include "error.h"
#include "evidence.h"

/*
 * The inspect summary of a loaded package as a JSON document (UTF-8,
 * indented, keys in a fixed order, ending in a newline). *out is the
 * caller's (free()).
 */
enum fa_code fa_json_inspect(char **out, struct fa_evidence *ev,
			     struct fa_error *err);

/* A rejected input: {"error": {"code": ..., "problems": [...]}}. */
enum fa_code fa_json_error(char **out, const struct fa_error *e);

/* The evidence schema as JSON (tables, columns, types, flags). */
enum fa_code fa_json_schema(char **out, struct fa_error *err);

#endif
