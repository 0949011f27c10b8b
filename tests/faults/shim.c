/* SPDX-License-Identifier: MIT */
/*
 * Allocation failure on demand, linked into a test build of the flexaudit
 * binary only (make faults): the Nth allocation fails, so that a driver
 * (tests/faults/run.sh) can prove a clean error for every N.
 *
 * Which allocations count:
 * - flexaudit's own (library and CLI): the binary is linked with
 *   -Wl,--wrap for malloc, calloc, realloc, strdup and strndup, so their
 *   calls in flexaudit's objects come here;
 * - SQLite's, libxml2's and jansson's: before main, their allocators are
 *   set to the ones below (sqlite3_config, xmlMemSetup,
 *   json_set_alloc_funcs); libcsv's: each parser's realloc function is
 *   set as csv_init (wrapped) returns.
 * Not counted, so never failed: libzip's and zlib's allocations (libzip
 * has no allocator hooks), the C library's own (stdio buffers, realpath,
 * qsort, thread stacks) and the sanitizers'. Counted but never failed:
 * those made inside the libxml2 calls listed at inside and
 * spared_callees below.
 *
 * The environment, read once before main:
 *   FA_FAULT_NTH=N     fail the Nth counted allocation (1 is the first);
 *                      unset or 0: fail none
 *   FA_FAULT_PERSIST=1 fail every allocation from the Nth on, not just it
 *   FA_FAULT_REPORT=F  at exit, write to F "calls T" (how many were
 *                      counted) and, if one was failed, "failed K SITE
 *                      WHOSE" (K: the first failed, the Nth or a later
 *                      one; WHOSE: own, flexaudit's, or lib),
 *                      or "spared N FUNCTION" if the Nth was made in a
 *                      libxml2 call that does not survive a failure (see
 *                      inside below), and was not failed
 *   FA_FAULT_SITES=F   write to F one line per counted allocation: its
 *                      number and SITE
 *   FA_FAULT_TRACE=1   print the stack of the failed allocation on
 *                      standard error (to debug one N)
 * SITE is the chain of calls in flexaudit's own code that led to the
 * allocation (see site()), as offsets into this binary for addr2line.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>
#include <jansson.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlschemas.h>
#include <sqlite3.h>

/* Everything of the shim's own lives in this section, so that a stack
 * walk can step over it. */
#define SHIM __attribute__((section("fa_fault_text"), noinline))
extern const char __start_fa_fault_text[], __stop_fa_fault_text[];

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_csv_init(struct csv_parser *p, unsigned char options);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
int __wrap_csv_init(struct csv_parser *p, unsigned char options);

static unsigned long nth;
static int persist, trace;
static atomic_ulong calls;
static atomic_ulong failed_at;
#define SITE_MAX 1024
static char failed_site[SITE_MAX];
static int failed_own; /* it was flexaudit's own, not a library's */
static const char *report_path;
static const char *spared_in; /* the Nth was not failed: in this */
static int sites_fd = -1;
static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;
static uintptr_t exe_base;

/*
 * Where an allocation comes from: the return addresses of the frames in
 * this binary outside the shim, innermost first, as offsets joined by
 * '/' ("0x1a2b/0x3c4d"), into buf. Frames in the libraries are left
 * out: two allocations share a site when flexaudit's code reached them
 * the same way.
 */
SHIM static void site(char *buf, size_t size)
{
	void *frames[64];
	int n = backtrace(frames, 64), i, len = 0;
	Dl_info info;

	buf[0] = '\0';
	for (i = 0; i < n && (size_t)len + 24 < size; i++) {
		const char *a = frames[i];

		if (a >= __start_fa_fault_text && a < __stop_fa_fault_text)
			continue;
		if (!dladdr(frames[i], &info) ||
		    (uintptr_t)info.dli_fbase != exe_base)
			continue;
		len += snprintf(buf + len, size - (size_t)len, "%s0x%lx",
				len ? "/" : "",
				(unsigned long)((uintptr_t)a - exe_base));
	}
}

/*
 * libxml2 calls inside which no allocation is failed, because libxml2
 * 2.9.14 (Debian 12) does not survive it: flexaudit's calls to them are
 * wrapped (-Wl,--wrap), and while one runs its allocations are counted
 * but never failed.
 * - xmlSchemaNewDocParserCtxt: a context whose dictionary could not be
 *   made is returned as if whole, and the XSD's attributes then read as
 *   "(null)", "not valid".
 * - xmlSchemaParse: a failed xmlHashCreate is not reported and the XSD's
 *   types then "do not resolve" (an internal error with a false
 *   message); a failure in the compiler of the XSD's patterns
 *   dereferences NULL or leaks. The XSDs are the program's own.
 * - xmlSchemaNewValidCtxt: a context whose dictionary could not be made
 *   is returned as if whole, and validation then dereferences NULL.
 * - xmlSchemaValidateDoc: the pattern matcher dereferences NULL after a
 *   failure, and a failure in checking a built-in type is reported as
 *   "internal error: xmlSchemaVCheckCVCSimpleType", as a defect would be.
 */
static _Thread_local const char *inside; /* such a call, or NULL */

/*
 * libxml2 functions that flexaudit does not call but that libxml2 calls
 * for it, and that do not survive a failure:
 * - xmlParserInputBufferCreateMem (from xmlCtxtReadMemory): when it
 *   cannot copy the document into its buffer it frees the input without
 *   the buffer, which leaks.
 * Found on the stack of the allocation that is to fail (backtrace()
 * names them: they are exported).
 */
static const char *const spared_callees[] = {
	"xmlParserInputBufferCreateMem",
	NULL,
};

SHIM static const char *in_spared_callee(void)
{
	void *frames[64];
	int n = backtrace(frames, 64), i, k;
	Dl_info info;

	for (i = 0; i < n; i++)
		if (dladdr(frames[i], &info) && info.dli_sname)
			for (k = 0; spared_callees[k]; k++)
				if (strcmp(info.dli_sname, spared_callees[k]) ==
				    0)
					return spared_callees[k];
	return NULL;
}

xmlSchemaParserCtxtPtr __real_xmlSchemaNewDocParserCtxt(xmlDocPtr doc);
xmlSchemaParserCtxtPtr __wrap_xmlSchemaNewDocParserCtxt(xmlDocPtr doc);
xmlSchemaPtr __real_xmlSchemaParse(xmlSchemaParserCtxtPtr ctxt);
xmlSchemaValidCtxtPtr __real_xmlSchemaNewValidCtxt(xmlSchemaPtr schema);
int __real_xmlSchemaValidateDoc(xmlSchemaValidCtxtPtr ctxt, xmlDocPtr doc);
xmlSchemaPtr __wrap_xmlSchemaParse(xmlSchemaParserCtxtPtr ctxt);
xmlSchemaValidCtxtPtr __wrap_xmlSchemaNewValidCtxt(xmlSchemaPtr schema);
int __wrap_xmlSchemaValidateDoc(xmlSchemaValidCtxtPtr ctxt, xmlDocPtr doc);

SHIM xmlSchemaParserCtxtPtr __wrap_xmlSchemaNewDocParserCtxt(xmlDocPtr doc)
{
	const char *was = inside;
	xmlSchemaParserCtxtPtr c;

	inside = "xmlSchemaNewDocParserCtxt";
	c = __real_xmlSchemaNewDocParserCtxt(doc);
	inside = was;
	return c;
}

SHIM xmlSchemaPtr __wrap_xmlSchemaParse(xmlSchemaParserCtxtPtr ctxt)
{
	const char *was = inside;
	xmlSchemaPtr s;

	inside = "xmlSchemaParse";
	s = __real_xmlSchemaParse(ctxt);
	inside = was;
	return s;
}

SHIM xmlSchemaValidCtxtPtr __wrap_xmlSchemaNewValidCtxt(xmlSchemaPtr schema)
{
	const char *was = inside;
	xmlSchemaValidCtxtPtr v;

	inside = "xmlSchemaNewValidCtxt";
	v = __real_xmlSchemaNewValidCtxt(schema);
	inside = was;
	return v;
}

SHIM int __wrap_xmlSchemaValidateDoc(xmlSchemaValidCtxtPtr ctxt, xmlDocPtr doc)
{
	const char *was = inside;
	int rc;

	inside = "xmlSchemaValidateDoc";
	rc = __real_xmlSchemaValidateDoc(ctxt, doc);
	inside = was;
	return rc;
}

/* Count one allocation (own: flexaudit's, not a library's): 1 if it is
 * to fail. */
SHIM static int fails(int own)
{
	unsigned long k = atomic_fetch_add(&calls, 1) + 1;
	int fail = nth && (k == nth || (persist && k > nth));
	const char *spare = inside;

	if (fail && !spare && !own)
		spare = in_spared_callee();
	if (fail && spare) {
		if (k == nth)
			spared_in = spare;
		fail = 0;
	}
	if (sites_fd >= 0) {
		char line[SITE_MAX + 32];
		int len = snprintf(line, sizeof(line), "%lu ", k);

		site(line + len, sizeof(line) - (size_t)len - 1);
		len += (int)strlen(line + len);
		line[len++] = '\n';
		pthread_mutex_lock(&sites_lock);
		if (write(sites_fd, line, (size_t)len) != len)
			sites_fd = -1;
		pthread_mutex_unlock(&sites_lock);
	}
	if (fail && !atomic_load(&failed_at)) {
		/* the first failed: the Nth, or a later one if it was
		 * spared and FA_FAULT_PERSIST is set */
		site(failed_site, sizeof(failed_site));
		failed_own = own;
		atomic_store(&failed_at, k);
		if (trace) {
			void *frames[64];

			backtrace_symbols_fd(frames, backtrace(frames, 64), 2);
		}
	}
	return fail;
}

SHIM void *__wrap_malloc(size_t n)
{
	return fails(1) ? NULL : __real_malloc(n);
}

SHIM void *__wrap_calloc(size_t n, size_t size)
{
	return fails(1) ? NULL : __real_calloc(n, size);
}

SHIM void *__wrap_realloc(void *p, size_t n)
{
	return fails(1) ? NULL : __real_realloc(p, n);
}

SHIM char *__wrap_strdup(const char *s)
{
	return fails(1) ? NULL : __real_strdup(s);
}

SHIM char *__wrap_strndup(const char *s, size_t n)
{
	return fails(1) ? NULL : __real_strndup(s, n);
}

/* ---- the libraries' allocators ------------------------------------------- */

SHIM static void *lib_malloc(size_t n)
{
	return fails(0) ? NULL : __real_malloc(n);
}

SHIM static void *lib_realloc(void *p, size_t n)
{
	return fails(0) ? NULL : __real_realloc(p, n);
}

SHIM static char *lib_strdup(const char *s)
{
	return fails(0) ? NULL : __real_strdup(s);
}

SHIM static void lib_free(void *p)
{
	free(p);
}

SHIM int __wrap_csv_init(struct csv_parser *p, unsigned char options)
{
	int rc = __real_csv_init(p, options);

	csv_set_realloc_func(p, lib_realloc);
	csv_set_free_func(p, lib_free);
	return rc;
}

/* SQLite's: the size in an 8-byte header, as SQLite's own malloc()-based
 * allocator keeps it where malloc_usable_size is not used. */
SHIM static void *sq_malloc(int n)
{
	int64_t *p;

	if (n <= 0 || fails(0))
		return NULL;
	p = __real_malloc((size_t)n + 8);
	if (!p)
		return NULL;
	p[0] = n;
	return p + 1;
}

SHIM static void sq_free(void *p)
{
	if (p)
		free((int64_t *)p - 1);
}

SHIM static int sq_size(void *p)
{
	return p ? (int)((int64_t *)p)[-1] : 0;
}

SHIM static void *sq_realloc(void *p, int n)
{
	int64_t *q;

	if (n <= 0 || fails(0))
		return NULL;
	q = __real_realloc((int64_t *)p - 1, (size_t)n + 8);
	if (!q)
		return NULL;
	q[0] = n;
	return q + 1;
}

SHIM static int sq_roundup(int n)
{
	return (n + 7) & ~7;
}

SHIM static int sq_init(void *app)
{
	(void)app;
	return SQLITE_OK;
}

SHIM static void sq_shutdown(void *app)
{
	(void)app;
}

static const sqlite3_mem_methods sq_methods = {
	sq_malloc,  sq_free, sq_realloc,  sq_size,
	sq_roundup, sq_init, sq_shutdown, NULL,
};

/* ---- set-up and report --------------------------------------------------- */

SHIM static void write_report(void)
{
	FILE *f;

	if (!report_path || !(f = fopen(report_path, "w")))
		return;
	fprintf(f, "calls %lu\n", (unsigned long)atomic_load(&calls));
	if (spared_in)
		fprintf(f, "spared %lu %s\n", nth, spared_in);
	if (atomic_load(&failed_at))
		fprintf(f, "failed %lu %s %s\n",
			(unsigned long)atomic_load(&failed_at), failed_site,
			failed_own ? "own" : "lib");
	fclose(f);
}

__attribute__((constructor)) SHIM static void shim_init(void)
{
	const char *s = getenv("FA_FAULT_NTH");
	void *frames[1];
	Dl_info info;

	nth = s ? strtoul(s, NULL, 10) : 0;
	s = getenv("FA_FAULT_PERSIST");
	persist = s && strcmp(s, "1") == 0;
	s = getenv("FA_FAULT_TRACE");
	trace = s && strcmp(s, "1") == 0;
	report_path = getenv("FA_FAULT_REPORT");
	if (dladdr(&nth, &info))
		exe_base = (uintptr_t)info.dli_fbase;
	backtrace(frames, 1); /* loads the unwinder before the first count */
	s = getenv("FA_FAULT_SITES");
	if (s)
		sites_fd =
		    open(s, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	sqlite3_config(SQLITE_CONFIG_MALLOC, &sq_methods);
	xmlMemSetup(lib_free, lib_malloc, lib_realloc, lib_strdup);
	json_set_alloc_funcs(lib_malloc, lib_free);
	atexit(write_report);
}

/*
 * The same allocations in every run: libxml2 seeds the hash of its
 * dictionaries from time() (xmlInitRandom), and a dictionary grows when a
 * chain gets long, so the number of allocations changed from one second
 * to the next. In this binary time() is a fixed moment (2026-01-01); the
 * audit is run with --generated-at, and the one other reader, the sweep
 * of stale temporary directories, finds none in a private TMPDIR.
 */
SHIM time_t time(time_t *t)
{
	time_t now = 1767225600;

	if (t)
		*t = now;
	return now;
}
