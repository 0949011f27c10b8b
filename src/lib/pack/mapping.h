/* SPDX-License-Identifier: MIT */
/*
 * Mapping profiles (docs/mapping-profiles.md): how the headers and values
 * of a source system's exports (Easyflex, Loket.nl, Nmbrs, a hand-made
 * spreadsheet) map to the tables, columns and values of an evidence
 * package. A profile is an XML file checked against the embedded
 * schemas/mapping.xsd and then against the evidence schema (schema.h);
 * every problem is reported at once with its line. Pack reads profiles
 * through this interface only. Uses xmlload, schema, isocodes,
 * suggest, bundled, text and error.
 */
#ifndef FA_MAPPING_H
#define FA_MAPPING_H

#include <stddef.h>

#include "error.h"

/* The namespace of a mapping profile. */
#define FA_MAPPING_NS "urn:flexaudit:mapping:1"

struct fa_mapping; /* opaque: one loaded profile */

/*
 * Load the profile at path; where in messages = path. Its id is the file
 * name without directory and without ".xml". *out is the caller's
 * (fa_mapping_free); NULL on failure. Codes: FA_ERR_IO (cannot open or
 * read), FA_ERR_LIMIT (larger than FA_MAPPING_MAX_BYTES), FA_ERR_INPUT
 * (every problem of the XML, the schema and the checks of mapping.xsd,
 * each at path:line), FA_ERR_NOMEM.
 */
enum fa_code fa_mapping_load(struct fa_mapping **out, const char *path,
			     struct fa_error *err);
/* The same from buf[0..len); where names it in messages and gives the id
 * as a path does. */
enum fa_code fa_mapping_load_mem(struct fa_mapping **out, const char *where,
				 const void *buf, size_t len,
				 struct fa_error *err);
/*
 * Resolve name: a path if it contains '/' or ends in ".xml", else
 * NAME.xml in the bundled mappings directory (fa_mapping_bundled_dir).
 * An unknown name is FA_ERR_USAGE:
 *   no mapping profile 'NAME': give a, b or c
 * (the bundled ids; the closest ones when there are many); other codes
 * as fa_mapping_load.
 */
enum fa_code fa_mapping_find(struct fa_mapping **out, const char *name,
			     struct fa_error *err);
/*
 * All bundled profiles, in id order, for detection by headers (pack
 * tries each). *out (an array of *n profiles) is the caller's
 * (fa_mappings_free). Every problem of every profile is reported; on any
 * failure *out is NULL and *n 0. FA_ERR_IO if the directory cannot be
 * read, FA_ERR_LIMIT for more than FA_MAPPING_MAX_FILES profiles.
 */
enum fa_code fa_mappings_load_bundled(struct fa_mapping ***out, size_t *n,
				      struct fa_error *err);
/*
 * The bundled mappings directory: $FLEXAUDIT_MAPPINGS; else mappings/
 * beside the directory of the running program; else
 * share/flexaudit/mappings beside it; else "mappings" (see bundled.h).
 * buf holds FA_RULESET_DIR_MAX + 32 bytes. Borrowed.
 */
const char *fa_mapping_bundled_dir(char *buf, size_t size);
/* Free the array of n profiles and each profile; NULL is fine. */
void fa_mappings_free(struct fa_mapping **m, size_t n);
void fa_mapping_free(struct fa_mapping *m);

/* Borrowed for as long as m lives. */
const char *fa_mapping_id(const struct fa_mapping *m);
/* The title in Dutch when nl is not 0, else in English. */
const char *fa_mapping_title(const struct fa_mapping *m, int nl);
const char *fa_mapping_description(const struct fa_mapping *m);
/* The <system> and <export> texts. */
const char *fa_mapping_system(const struct fa_mapping *m);
const char *fa_mapping_export(const struct fa_mapping *m);

/*
 * The package table a file or sheet name suggests under m (name without
 * directory, extension kept: "Medewerkers 2025.xlsx"), matched against
 * the table's file patterns ('*' any run, letters without case), the
 * first matching table in the profile's order; or NULL. The name of a
 * schema table, borrowed (static).
 */
const char *fa_mapping_table_for_name(const struct fa_mapping *m,
				      const char *name);
/*
 * The package column (English schema name, static) that source header
 * h[0..len) maps to in table, or NULL. h is trimmed of spaces and tabs,
 * letters compared without case. The schema's own English and Dutch
 * names are NOT included (pack tries those itself).
 */
const char *fa_mapping_column(const struct fa_mapping *m, const char *table,
			      const char *h, size_t len);
/*
 * The package value for source value v[0..len) in table.column under m:
 * the column's own value list first, then its code list. v is trimmed,
 * letters compared without case. A borrowed pointer (as long as m lives)
 * and its length in *out_len; NULL when the column has no map or v is
 * not in it (pack then keeps v, and the package loader's checks report
 * it).
 */
const char *fa_mapping_value(const struct fa_mapping *m, const char *table,
			     const char *column, const char *v, size_t len,
			     size_t *out_len);

#endif
