/* SPDX-License-Identifier: MIT */
/*
 * The memory ceiling and its parts, and sizes and seconds as the command
 * line writes them (see resource.h).
 */
#include <stdio.h>

#include "db.h"
#include "resource.h"

#define GIB (1024ULL * 1024 * 1024)

/* Set before any thread starts; read by the audit's threads after. */
static uint64_t ceiling = FA_MEM_DEFAULT_BYTES;

void fa_resource_set_memory(uint64_t bytes)
{
	ceiling = bytes;
	fa_db_heap_limit(fa_resource_sqlite_bytes());
}

uint64_t fa_resource_memory(void)
{
	return ceiling;
}

uint64_t fa_resource_sqlite_bytes(void)
{
	return ceiling / FA_MEM_SQLITE_PART;
}

uint64_t fa_resource_findings_bytes(void)
{
	return ceiling / FA_MEM_FINDINGS_PART;
}

size_t fa_resource_rule_findings(void)
{
	/* at most 1 TiB times 100,000: no overflow */
	return (size_t)(FA_EVAL_FINDINGS_PER_GIB * ceiling / GIB);
}

void fa_resource_sqlite_use(uint64_t *peak, uint64_t *limit)
{
	struct fa_db_heap h;

	fa_db_heap_use(&h);
	*peak = h.peak;
	*limit = h.limit;
}

static int unit_shift(char c)
{
	switch (c) {
	case 'K':
	case 'k':
		return 10;
	case 'M':
	case 'm':
		return 20;
	case 'G':
	case 'g':
		return 30;
	case 'T':
	case 't':
		return 40;
	default:
		return -1;
	}
}

/* A size: digits, then an optional unit. 0, or -1 (also when it does
 * not fit in 64 bits). */
static int parse_size(uint64_t *out, const char *s)
{
	uint64_t v = 0;
	int shift = 0;

	*out = 0;
	if (!s || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (*s) {
		shift = unit_shift(*s);
		if (shift < 0 || s[1] != '\0')
			return -1;
	}
	if (shift && v > UINT64_MAX >> shift)
		return -1;
	*out = v << shift;
	return 0;
}

int fa_resource_parse_memory(uint64_t *out, const char *s)
{
	if (parse_size(out, s) != 0 || *out < FA_MEM_MIN_BYTES ||
	    *out > FA_MEM_MAX_BYTES) {
		*out = 0;
		return -1;
	}
	return 0;
}

void fa_resource_format_size(char *buf, size_t size, uint64_t bytes)
{
	static const char units[] = "TGMK";
	int i;

	for (i = 0; i < 4; i++) {
		int shift = 40 - 10 * i;
		uint64_t unit = 1ULL << shift;

		if (bytes && bytes % unit == 0) {
			snprintf(buf, size, "%llu%c",
				 (unsigned long long)(bytes >> shift),
				 units[i]);
			return;
		}
	}
	snprintf(buf, size, "%llu", (unsigned long long)bytes);
}

int fa_resource_parse_seconds(double *out, const char *s)
{
	double v = 0, scale = 1;

	*out = 0;
	if (!s || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > FA_EVAL_TIMEOUT_MAX)
			return -1;
	}
	if (*s == '.') {
		if (s[1] < '0' || s[1] > '9')
			return -1;
		for (s++; *s >= '0' && *s <= '9'; s++) {
			scale /= 10;
			v += (*s - '0') * scale;
		}
	}
	if (*s || v <= 0 || v > FA_EVAL_TIMEOUT_MAX)
		return -1;
	*out = v;
	return 0;
}
