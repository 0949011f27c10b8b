/* SPDX-License-Identifier: MIT */
/*
 * A set of byte strings (open addressing, FNV-1a). The loader keeps the
 * keys of each table in one to check references while rows stream in,
 * instead of scanning millions of rows again afterwards. libc only.
 */
#ifndef FA_STRSET_H
#define FA_STRSET_H

#include <stddef.h>

struct fa_strset {
	char **slots; /* NULL or a NUL-terminated copy */
	size_t cap;   /* power of two, or 0 */
	size_t n;
};

/* Caller's storage; no allocation until the first add. */
void fa_strset_init(struct fa_strset *set);
/* Frees the keys and the table; the set is empty and reusable after. */
void fa_strset_release(struct fa_strset *set);
/* Add s[0..len) (copied). Returns 1 if added, 0 if present, -1 on no
 * memory. */
int fa_strset_add(struct fa_strset *set, const char *s, size_t len);
/* 1 if s[0..len) is in the set. */
int fa_strset_has(const struct fa_strset *set, const char *s, size_t len);

#endif
