/* SPDX-License-Identifier: MIT */
/*
 * Error record: adding located diagnostics into fixed buffers. libc only.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"

void fa_error_init(struct fa_error *err)
{
	memset(err, 0, sizeof(*err));
}

enum fa_code fa_error_addv(struct fa_error *err, enum fa_code code,
			   const char *where, unsigned long line,
			   unsigned long column, const char *fmt, va_list ap)
{
	struct fa_diag *d;

	if (!err)
		return code;
	if (err->code == FA_OK)
		err->code = code;
	if (err->n >= FA_ERROR_DIAGS_MAX) {
		err->n_dropped++;
		return err->code;
	}
	d = &err->diag[err->n++];
	d->line = line;
	d->column = column;
	snprintf(d->where, sizeof(d->where), "%s", where ? where : "");
	vsnprintf(d->message, sizeof(d->message), fmt, ap);
	return err->code;
}

enum fa_code fa_error_add(struct fa_error *err, enum fa_code code,
			  const char *where, unsigned long line,
			  unsigned long column, const char *fmt, ...)
{
	va_list ap;
	enum fa_code rc;

	va_start(ap, fmt);
	rc = fa_error_addv(err, code, where, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

enum fa_code fa_error_nomem(struct fa_error *err, const char *where)
{
	return fa_error_add(err, FA_ERR_NOMEM, where, 0, 0, "out of memory");
}

void fa_error_mark(struct fa_error_mark *mark, const struct fa_error *err)
{
	mark->code = err ? err->code : FA_OK;
	mark->n = err ? err->n : 0;
	mark->n_dropped = err ? err->n_dropped : 0;
}

enum fa_code fa_error_nomem_since(struct fa_error *err,
				  const struct fa_error_mark *mark,
				  const char *where)
{
	if (!err)
		return FA_ERR_NOMEM;
	if (err->n > mark->n)
		err->n = mark->n;
	err->n_dropped = mark->n_dropped;
	err->code = mark->code;
	fa_error_nomem(err, where);
	return FA_ERR_NOMEM;
}

const char *fa_code_name(enum fa_code code)
{
	switch (code) {
	case FA_OK:
		return "ok";
	case FA_ERR_USAGE:
		return "usage";
	case FA_ERR_IO:
		return "io";
	case FA_ERR_INPUT:
		return "input";
	case FA_ERR_LIMIT:
		return "limit";
	case FA_ERR_INTEGRITY:
		return "integrity";
	case FA_ERR_NOMEM:
		return "nomem";
	case FA_ERR_INTERNAL:
		return "internal";
	}
	return "unknown";
}

void fa_diag_format(char *buf, size_t size, const struct fa_diag *d)
{
	size_t off = 0;
	int w;

	if (size == 0)
		return;
	buf[0] = '\0';
#define APPEND(...)                                                       \
	do {                                                              \
		if (off < size) {                                         \
			w = snprintf(buf + off, size - off, __VA_ARGS__); \
			off += w > 0 ? (size_t)w : 0;                     \
		}                                                         \
	} while (0)
	if (d->where[0]) {
		APPEND("%s:", d->where);
		if (d->line) {
			APPEND("%lu:", d->line);
			if (d->column)
				APPEND("%lu:", d->column);
		}
		APPEND(" ");
	}
	APPEND("%s", d->message);
#undef APPEND
}
