/* SPDX-License-Identifier: MIT */
/* String set with linear probing; see strset.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int same(const char *key, const char *s, size_t len)
{
	return strncmp(key, s, len) == 0 && key[len] == '\0';
}

void fa_strset_init(struct fa_strset *set)
{
	memset(set, 0, sizeof(*set));
}

void fa_strset_release(struct fa_strset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	fa_strset_init(set);
}

/* Slot of s, or of the empty slot where it would go. */
static size_t find(const struct fa_strset *set, const char *s, size_t len)
{
	size_t i = (size_t)hash(s, len) & (set->cap - 1);

	while (set->slots[i] && !same(set->slots[i], s, len))
		i = (i + 1) & (set->cap - 1);
	return i;
}

static int grow(struct fa_strset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64, i;
	struct fa_strset bigger = { calloc(cap, sizeof(char *)), cap, 0 };

	if (!bigger.slots)
		return -1;
	for (i = 0; i < set->cap; i++) {
		char *k = set->slots[i];

		if (k)
			bigger.slots[find(&bigger, k, strlen(k))] = k;
	}
	bigger.n = set->n;
	free(set->slots);
	*set = bigger;
	return 0;
}

int fa_strset_add(struct fa_strset *set, const char *s, size_t len)
{
	size_t i;
	char *k;

	/* Keep the load factor under 1/2 so probes stay short. */
	if ((set->n + 1) * 2 > set->cap && grow(set) < 0)
		return -1;
	i = find(set, s, len);
	if (set->slots[i])
		return 0;
	k = malloc(len + 1);
	if (!k)
		return -1;
	memcpy(k, s, len);
	k[len] = '\0';
	set->slots[i] = k;
	set->n++;
	return 1;
}

int fa_strset_has(const struct fa_strset *set, const char *s, size_t len)
{
	return set->cap && set->slots[find(set, s, len)] != NULL;
}
