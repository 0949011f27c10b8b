/* SPDX-License-Identifier: MIT */
/*
 * Small string operations the parsers share: copying, collapsing white
 * space as XSD token types do, and shortening a value for a message. libc
 * only.
 */
#ifndef FA_TEXT_H
#define FA_TEXT_H

/* Longest value quoted whole in a message. */
#define FA_TEXT_SHOW_MAX 120

/* A malloc'd copy of s, or NULL. */
char *fa_text_dup(const char *s);
/*
 * A malloc'd copy of s with white space collapsed as xs:token does: none at
 * either end, one space for each run inside. NULL on no memory.
 */
char *fa_text_collapse(const char *s);
/*
 * s shortened for a message to at most FA_TEXT_SHOW_MAX bytes, cut at a
 * UTF-8 character boundary and marked with "...": s itself if short enough,
 * else buf.
 */
const char *fa_text_show(char buf[FA_TEXT_SHOW_MAX + 4], const char *s);

#endif
