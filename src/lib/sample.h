/* SPDX-License-Identifier: MIT */
/*
 * Reproducible samples of personnel files for inspection mode. The size
 * rule and the drawing algorithm are documented in docs/sampling.md and
 * printed with every result, so that anyone can draw the same sample from
 * the same package and seed. Uses db, evidence and strset.
 */
#ifndef FA_SAMPLE_H
#define FA_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "evidence.h"
#include "strset.h"

/* Files checked whole below this population; also the smallest sample.
 * The SNCU's own CAO inspection samples 15 workers on location
 * (shared/domain/norms.md §10, [P]). */
#define FA_SAMPLE_MIN 15

struct fa_sample {
	uint64_t seed;
	size_t population;    /* workers in the package */
	size_t n;	      /* workers drawn */
	char **ids;	      /* employee numbers drawn, sorted */
	struct fa_strset set; /* the same, for lookups */
};

/* The sample size for a population under the documented rule: all up to
 * FA_SAMPLE_MIN, else max(FA_SAMPLE_MIN, ceil(sqrt(population))). */
size_t fa_sample_auto_size(size_t population);

/*
 * Draw size workers (capped at the population) from ev with seed: workers
 * sorted by employee number (bytewise), a partial Fisher-Yates shuffle
 * driven by splitmix64(seed), the drawn numbers sorted. *out is the
 * caller's (fa_sample_free).
 */
enum fa_code fa_sample_draw(struct fa_sample **out, struct fa_evidence *ev,
			    size_t size, uint64_t seed, struct fa_error *err);
void fa_sample_free(struct fa_sample *s);

/* A seed from the operating system's random source (for the default). */
uint64_t fa_sample_random_seed(void);

#endif
