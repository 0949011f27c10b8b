/* SPDX-License-Identifier: MIT */
/*
 * Small string operations the parsers share: copying, collapsing white
 * space as XSD token types do, and shortening a value for a message. libc
 * only.
 */
#ifndef FA_TEXT_H
#define FA_TEXT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Decode the one strictly valid UTF-8 character (no overlong form,
 * surrogate or value past U+10FFFF) at s[0..len), len > 0: its length
 * (1 to 4) and code point in *cp; 0 if the bytes are not UTF-8; -1 if they
 * start a valid character that s[0..len) cuts off (a reader of chunks
 * waits for the rest). cp may be NULL.
 */
int fa_text_utf8_char(const unsigned char *s, size_t len, uint32_t *cp);

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

/*
 * Control characters: C0 (U+0000-U+001F: tab and line feed too), DEL, C1
 * (U+0080-U+009F) and the bidirectional embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069). A value from a package that
 * holds one could clear a terminal, hide text, start a line of its own
 * or reorder what is shown.
 */
/* The first control character in s[0..len): its code point, or -1. */
long fa_text_control(const char *s, size_t len);
/* A malloc'd copy of s with each control character written as an escape:
 * "\x1B" below U+0100, "\u{202E}" above; NULL on no memory. */
char *fa_text_escape(const char *s);
/*
 * Write fmt to out as fprintf does, but each %s argument escaped as
 * fa_text_escape does (its width and precision count the escaped text).
 * Takes the conversions s d i u x X f c and %%, with flags, width,
 * precision and the modifiers l, ll and z; no '*'. Returns 0, or -1 on a
 * write error, no memory or a conversion it does not take.
 */
int fa_text_write(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int fa_text_vwrite(FILE *out, const char *fmt, va_list ap);

#endif
