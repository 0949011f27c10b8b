/* SPDX-License-Identifier: MIT */
/*
 * libcsv's own <csv.h>, for csv.c only. The build puts src/lib on the
 * <...> include path, so <csv.h> would name this library's csv.h;
 * #include_next continues the search after src/lib and finds libcsv's.
 * Include it as <libcsv.h> (the quoted form does not search that path).
 * The pragma keeps -Wpedantic from flagging #include_next.
 */
#pragma GCC system_header
#include_next <csv.h>
