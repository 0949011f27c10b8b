/* SPDX-License-Identifier: MIT */
/*
 * ISO code lists (isocodes.c, generated from Debian's iso-codes): whether a
 * code is a real language or country code.
 */
#ifndef FA_ISOCODES_H
#define FA_ISOCODES_H

/* 1 if code (lower case) is an ISO 639-1 code (2 letters) or an ISO 639-2
 * code (3 letters, terminology or bibliographic), else 0. */
int fa_iso_language(const char *code);
/* 1 if code (upper case) is an ISO 3166-1 alpha-2 code, else 0. */
int fa_iso_country(const char *code);

#endif
