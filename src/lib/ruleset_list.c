/* SPDX-License-Identifier: MIT */
/*
 * Several rule sets: fa_rulesets_load loads files and directories with
 * ruleset.c, keeps the highest edition of each rule set, and checks across
 * the kept sets (names defined twice, param() calls that no set defines);
 * then the lookups across sets and of a parameter's value on a date. Uses
 * ruleset.c, the name helpers of ruleset_impl.h, sqlscan and error.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ruleset_impl.h"
#include "sqlscan.h"
#include "suggest.h"

/* ---- several sets -------------------------------------------------------- */

/*
 * Editions compare number by number ("2025.10" > "2025.9", "2025-07" ==
 * "2025.7"); a longer edition with the same start is the later one.
 */
static int edition_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		size_t la, lb;
		int c;

		while (a[0] == '0' && a[1] >= '0' && a[1] <= '9')
			a++;
		while (b[0] == '0' && b[1] >= '0' && b[1] <= '9')
			b++;
		la = strspn(a, "0123456789");
		lb = strspn(b, "0123456789");
		if (la != lb)
			return la < lb ? -1 : 1;
		c = memcmp(a, b, la);
		if (c)
			return c < 0 ? -1 : 1;
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
	return 0;
}

static enum fa_code add_file(struct fa_rulesets *sets, const char *path,
			     struct fa_error *err)
{
	struct fa_ruleset *rs = NULL, **grown;
	enum fa_code rc = fa_ruleset_load(&rs, path, err);

	if (rc != FA_OK)
		return rc;
	grown = realloc(sets->sets, (sets->n + 1) * sizeof(*grown));
	if (!grown) {
		fa_ruleset_free(rs);
		return fa_error_nomem(err, NULL);
	}
	sets->sets = grown;
	sets->sets[sets->n++] = rs;
	return FA_OK;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_xml_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Load the *.xml files directly inside dir, in name order. */
static enum fa_code add_dir(struct fa_rulesets *sets, const char *dir,
			    struct fa_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown, *path;
	size_t n = 0, i;
	enum fa_code rc = FA_OK, r;

	if (!d)
		return fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
				    "cannot open '%s': %s", dir,
				    strerror(errno));
	while ((e = readdir(d))) {
		if (!is_xml_name(e->d_name))
			continue;
		if (n == FA_RULESET_MAX_FILES) {
			rc = fa_error_add(err, FA_ERR_LIMIT, dir, 0, 0,
					  "more than %d rule-set files",
					  FA_RULESET_MAX_FILES);
			goto out;
		}
		grown = realloc(names, (n + 1) * sizeof(*names));
		if (!grown || !(grown[n] = fa_text_dup(e->d_name))) {
			names = grown ? grown : names;
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
		names = grown;
		n++;
	}
	if (n) /* an empty folder: names is NULL, which qsort may not take */
		qsort(names, n, sizeof(*names), str_ptr_cmp);
	for (i = 0; i < n; i++) {
		size_t dl = strlen(dir);
		int slash = dl > 0 && dir[dl - 1] == '/';

		path = malloc(dl + strlen(names[i]) + 2);
		if (!path) {
			rc = fa_error_nomem(err, NULL);
			goto out;
		}
		snprintf(path, dl + strlen(names[i]) + 2, "%s%s%s", dir,
			 slash ? "" : "/", names[i]);
		r = add_file(sets, path, err);
		free(path);
		if (rc == FA_OK)
			rc = r;
		if (r == FA_ERR_NOMEM)
			goto out;
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

/* Keep the highest edition of each rule-set id; free the others. */
static enum fa_code pick_editions(struct fa_rulesets *sets,
				  struct fa_error *err)
{
	enum fa_code rc = FA_OK;
	size_t i, j, k = 0;

	for (i = 0; i < sets->n; i++) {
		struct fa_ruleset *a = sets->sets[i];

		for (j = 0; j < i && a; j++) {
			struct fa_ruleset *o = sets->sets[j];
			int c;

			if (!o || strcmp(o->id, a->id) != 0)
				continue;
			c = edition_cmp(a->edition, o->edition);
			if (c == 0) {
				rc = fa_error_add(err, FA_ERR_INPUT, a->path, 0,
						  0,
						  "rule set '%s' edition '%s' "
						  "is also loaded from %s",
						  a->id, a->edition, o->path);
			} else if (c > 0) {
				fa_ruleset_free(o);
				sets->sets[j] = NULL;
			} else {
				fa_ruleset_free(a);
				sets->sets[i] = a = NULL;
			}
		}
	}
	for (i = 0; i < sets->n; i++)
		if (sets->sets[i])
			sets->sets[k++] = sets->sets[i];
	sets->n = k;
	return rc;
}

/* A name defined in one set, for the checks across sets. */
struct ref {
	const char *s;
	const char *path;
	unsigned long line;
};

enum ref_kind { REF_RULE, REF_PARAM, REF_TABLE };

static size_t collect(struct ref *refs, const struct fa_rulesets *sets,
		      enum ref_kind kind)
{
	size_t i, j, n = 0;

	for (i = 0; i < sets->n; i++) {
		const struct fa_ruleset *rs = sets->sets[i];
		size_t m = kind == REF_RULE    ? rs->n_rules
			   : kind == REF_PARAM ? rs->n_params
					       : rs->n_tables;

		for (j = 0; j < m; j++, n++) {
			refs[n].path = rs->path;
			if (kind == REF_RULE) {
				refs[n].s = rs->rules[j].id;
				refs[n].line = rs->rules[j].line;
			} else if (kind == REF_PARAM) {
				refs[n].s = rs->params[j].name;
				refs[n].line = rs->params[j].line;
			} else {
				refs[n].s = rs->tables[j].name;
				refs[n].line = rs->tables[j].line;
			}
		}
	}
	return n;
}

static enum fa_code repeats_across(const struct fa_rulesets *sets,
				   enum ref_kind kind, struct fa_error *err)
{
	static const char *const what[] = { "rule id", "parameter", "table" };
	struct ref *refs;
	size_t *first = NULL, i, n = 0;
	enum fa_code rc = FA_OK;
	char sq[FA_TEXT_SHOW_MAX + 8];

	for (i = 0; i < sets->n; i++)
		n += kind == REF_RULE	 ? sets->sets[i]->n_rules
		     : kind == REF_PARAM ? sets->sets[i]->n_params
					 : sets->sets[i]->n_tables;
	refs = calloc(n ? n : 1, sizeof(*refs));
	if (!refs)
		return fa_error_nomem(err, NULL);
	collect(refs, sets, kind);
	if (FA_RS_REPEATS(&first, refs, n, struct ref, s, kind == REF_TABLE) !=
	    0) {
		free(refs);
		return fa_error_nomem(err, NULL);
	}
	for (i = 0; i < n; i++) {
		const struct ref *r = &refs[i], *o;

		if (first[i] == SIZE_MAX)
			continue;
		o = &refs[first[i]];
		if (strcmp(r->s, o->s) == 0)
			rc =
			    fa_error_add(err, FA_ERR_INPUT, r->path, r->line, 0,
					 "%s '%s' is also defined in %s:%lu",
					 what[kind], r->s, o->path, o->line);
		else
			rc = fa_error_add(
			    err, FA_ERR_INPUT, r->path, r->line, 0,
			    "table '%s' has the same SQL name "
			    "'%s' as table '%s' in %s:%lu",
			    r->s, fa_rs_sql_name(sq, sizeof(sq), r->s), o->s,
			    o->path, o->line);
	}
	free(first);
	free(refs);
	return rc;
}

struct param_ctx {
	const char *const *names; /* every parameter name, sorted */
	size_t n;
	const struct fa_ruleset *rs;
	const struct fa_rule *rule;
	size_t off;	    /* where line was counted to in the check */
	unsigned long line; /* the check's line at off */
	struct fa_error *err;
	enum fa_code rc;
};

static int on_param(void *ctx, const char *name, size_t off)
{
	struct param_ctx *x = ctx;
	char sb[FA_TEXT_SHOW_MAX + 4];

	if (bsearch(&name, x->names, x->n, sizeof(*x->names), str_ptr_cmp))
		return 0;
	/* Calls come in order: count lines on from the previous one. */
	x->line += fa_sqlscan_lines(x->rule->check + x->off, off - x->off);
	x->off = off;
	x->rc = fa_error_add(x->err, FA_ERR_INPUT, x->rs->path, x->line, 0,
			     "unknown parameter '%s' in the check of rule '%s'",
			     fa_text_show(sb, name), x->rule->id);
	return 0;
}

/* Every param('name') of every check names a parameter of a kept set. */
static enum fa_code params_known(const struct fa_rulesets *sets,
				 struct fa_error *err)
{
	struct param_ctx x = { NULL, 0, NULL, NULL, 0, 0, err, FA_OK };
	const char **names;
	size_t i, j, n = 0;

	for (i = 0; i < sets->n; i++)
		n += sets->sets[i]->n_params;
	names = malloc((n ? n : 1) * sizeof(*names));
	if (!names)
		return fa_error_nomem(err, NULL);
	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_params; j++)
			names[x.n++] = sets->sets[i]->params[j].name;
	qsort(names, x.n, sizeof(*names), str_ptr_cmp);
	x.names = names;
	for (i = 0; i < sets->n; i++) {
		x.rs = sets->sets[i];
		for (j = 0; j < x.rs->n_rules; j++) {
			x.rule = &x.rs->rules[j];
			x.off = 0;
			x.line = x.rule->check_line;
			if (fa_sqlscan_params(x.rule->check, on_param, &x) !=
			    0) {
				free(names);
				return fa_error_nomem(err, NULL);
			}
		}
	}
	free(names);
	return x.rc;
}

enum fa_code fa_rulesets_load(struct fa_rulesets *sets,
			      const char *const *paths, size_t n_paths,
			      struct fa_error *err)
{
	enum fa_code rc = FA_OK, r;
	size_t i;

	assert(sets && (paths || n_paths == 0));
	sets->n = 0;
	sets->sets = NULL;
	for (i = 0; i < n_paths; i++) {
		struct stat st;

		if (stat(paths[i], &st) != 0)
			r = fa_error_add(err, FA_ERR_IO, NULL, 0, 0,
					 "cannot open '%s': %s", paths[i],
					 strerror(errno));
		else if (S_ISDIR(st.st_mode))
			r = add_dir(sets, paths[i], err);
		else
			r = add_file(sets, paths[i], err);
		if (rc == FA_OK)
			rc = r;
	}
	if (rc == FA_OK)
		rc = pick_editions(sets, err);
	if (rc == FA_OK) {
		enum fa_code r1 = repeats_across(sets, REF_RULE, err);
		enum fa_code r2 = repeats_across(sets, REF_PARAM, err);
		enum fa_code r3 = repeats_across(sets, REF_TABLE, err);
		enum fa_code r4 = params_known(sets, err);

		rc = r1 ? r1 : r2 ? r2 : r3 ? r3 : r4;
	}
	if (rc != FA_OK)
		fa_rulesets_release(sets);
	return rc;
}

void fa_rulesets_release(struct fa_rulesets *sets)
{
	size_t i;

	if (!sets)
		return;
	for (i = 0; i < sets->n; i++)
		fa_ruleset_free(sets->sets[i]);
	free(sets->sets);
	sets->sets = NULL;
	sets->n = 0;
}

/* ---- lookups ------------------------------------------------------------- */

const struct fa_rule *fa_rulesets_rule(const struct fa_rulesets *sets,
				       const char *id)
{
	size_t i, j;

	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_rules; j++)
			if (strcmp(sets->sets[i]->rules[j].id, id) == 0)
				return &sets->sets[i]->rules[j];
	return NULL;
}

void fa_rulesets_hint(char *buf, size_t size, const struct fa_rulesets *sets,
		      const char *name, unsigned what)
{
	struct fa_suggest s;
	size_t i, j;

	fa_suggest_init(&s, name);
	for (i = 0; (what & FA_HINT_SETS) && i < sets->n; i++)
		fa_suggest_offer(&s, sets->sets[i]->id);
	for (i = 0; (what & FA_HINT_RULES) && i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_rules; j++)
			fa_suggest_offer(&s, sets->sets[i]->rules[j].id);
	fa_suggest_text(buf, size, &s, "'flexaudit rules list' lists them");
}

enum fa_code fa_rulesets_find_rule(const struct fa_rule **out,
				   const struct fa_rulesets *sets,
				   const char *id, struct fa_error *err)
{
	char hint[FA_ERROR_MESSAGE_MAX / 2];

	*out = fa_rulesets_rule(sets, id);
	if (*out)
		return FA_OK;
	fa_rulesets_hint(hint, sizeof(hint), sets, id, FA_HINT_RULES);
	return fa_error_add(err, FA_ERR_USAGE, NULL, 0, 0, "no rule '%s': %s",
			    id, hint);
}

const struct fa_param *fa_rulesets_param(const struct fa_rulesets *sets,
					 const char *name)
{
	size_t i, j;

	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_params; j++)
			if (strcmp(sets->sets[i]->params[j].name, name) == 0)
				return &sets->sets[i]->params[j];
	return NULL;
}

const struct fa_table *fa_rulesets_table(const struct fa_rulesets *sets,
					 const char *name)
{
	size_t i, j;

	for (i = 0; i < sets->n; i++)
		for (j = 0; j < sets->sets[i]->n_tables; j++)
			if (strcmp(sets->sets[i]->tables[j].name, name) == 0)
				return &sets->sets[i]->tables[j];
	return NULL;
}

const struct fa_param_value *fa_param_at(const struct fa_param *p,
					 const char *date)
{
	size_t lo = 0, hi = p->n_values;

	/* The last value starting on or before date is the only candidate. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(p->values[mid].from, date) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	if (p->values[lo - 1].until[0] &&
	    strcmp(date, p->values[lo - 1].until) > 0)
		return NULL;
	return &p->values[lo - 1];
}
