/* SPDX-License-Identifier: MIT */
/*
 * Sampling personnel files: see sample.h and docs/sampling.md. The
 * algorithm is fixed and simple so that an inspector can reproduce a
 * sample with any language: splitmix64 for the random numbers, a partial
 * Fisher-Yates shuffle over the employee numbers in bytewise order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sample.h"

size_t fa_sample_auto_size(size_t population)
{
	size_t root = 0;

	if (population <= FA_SAMPLE_MIN)
		return population;
	/* ceil(sqrt(population)) in integers: the least root with root^2 >=
	 * population. */
	while (root * root < population)
		root++;
	return root > FA_SAMPLE_MIN ? root : FA_SAMPLE_MIN;
}

/* splitmix64 (Steele, Lea, Flood 2014): state += golden gamma, then mix. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform index in [0, n) without modulo bias (rejection). */
static size_t below(uint64_t *state, size_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, r;

	do {
		r = splitmix64(state);
	} while (r >= limit);
	return (size_t)(r % n);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void fa_sample_free(struct fa_sample *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		free(s->ids[i]);
	free(s->ids);
	fa_strset_release(&s->set);
	free(s);
}

enum fa_code fa_sample_draw(struct fa_sample **out, struct fa_evidence *ev,
			    size_t size, uint64_t seed, struct fa_error *err)
{
	struct fa_sample *s = NULL;
	struct fa_stmt *st = NULL;
	char **all = NULL, **grown;
	size_t n = 0, cap = 0, i;
	uint64_t state = seed;
	enum fa_code rc;
	int row = 0;

	*out = NULL;
	/* SQLite's default BINARY collation orders by bytes, like strcmp. */
	rc = fa_db_prepare(
	    &st, ev->db, "SELECT employee_id FROM workers ORDER BY employee_id",
	    err);
	while (rc == FA_OK) {
		rc = fa_db_step(&row, st, err);
		if (rc != FA_OK || !row)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			grown = realloc(all, cap * sizeof(*all));
			if (!grown)
				goto nomem;
			all = grown;
		}
		all[n] = strdup(fa_db_column_text(st, 0));
		if (!all[n])
			goto nomem;
		n++;
	}
	fa_db_finalize(st);
	st = NULL;
	if (rc != FA_OK)
		goto out;
	if (size > n)
		size = n;
	/* Partial Fisher-Yates: position i takes a random one of i..n-1. */
	for (i = 0; i < size; i++) {
		size_t j = i + below(&state, n - i);
		char *t = all[i];

		all[i] = all[j];
		all[j] = t;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		goto nomem;
	s->seed = seed;
	s->population = n;
	s->n = size;
	s->ids = all;
	all = NULL;
	for (i = size; i < n; i++)
		free(s->ids[i]);
	qsort(s->ids, size, sizeof(*s->ids), cmp_str);
	fa_strset_init(&s->set);
	for (i = 0; i < size; i++)
		if (fa_strset_add(&s->set, s->ids[i], strlen(s->ids[i])) < 0)
			goto nomem;
	*out = s;
	return FA_OK;
nomem:
	rc = fa_error_nomem(err, NULL);
out:
	fa_db_finalize(st);
	if (all) {
		for (i = 0; i < n; i++)
			free(all[i]);
		free(all);
	}
	fa_sample_free(s);
	return rc;
}

uint64_t fa_sample_random_seed(void)
{
	uint64_t seed = 0;
	FILE *f = fopen("/dev/urandom", "rb");

	if (!f || fread(&seed, sizeof(seed), 1, f) != 1)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	if (f)
		fclose(f);
	/* Keep it to 15 decimal digits: easy to read out and type. */
	return seed % 1000000000000000ULL;
}
