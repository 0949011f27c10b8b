/* SPDX-License-Identifier: MIT */
/*
 * Judgements as JSON (docs/judgements.md): an array of objects with the
 * members key, verdict, severity, note and by, or an object whose
 * "judgements" member is that array. The JSON module's reader: jansson
 * parses, rejecting duplicate members; each item's texts go to
 * fa_judgements_row (judgement_impl.h), which checks them. A syntax error
 * is located by jansson's line and column; a problem in an item by the
 * line the item starts on, which a scan of the text jansson accepted
 * finds (or, failing that, "item N").
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "judgement_impl.h"

/*
 * lines[0..n): the line on which each item of the judgements array (the
 * root array, or the root object's "judgements" member) starts, 0 where
 * the scan cannot tell (a member name written with escapes). s is valid
 * JSON, so strings, nesting and commas are all the scan needs to follow.
 */
static void item_lines(unsigned long *lines, size_t n, const char *s,
		       size_t len, int object_form)
{
	unsigned long line = 1;
	long depth = 0, target = object_form ? -1 : 1;
	int expect = 0, after_colon = 0, is_judgements = 0;
	size_t i, k = 0, start;

	memset(lines, 0, n * sizeof(*lines));
	for (i = 0; i < len; i++) {
		char ch = s[i];

		if (ch == '\n')
			line++;
		if (ch == '\n' || ch == ' ' || ch == '\t' || ch == '\r')
			continue;
		if (expect && depth == target) {
			if (k < n)
				lines[k++] = line;
			expect = 0;
		}
		switch (ch) {
		case '"':
			start = ++i;
			while (i < len && s[i] != '"')
				i += s[i] == '\\' ? 2 : 1;
			if (object_form && depth == 1 && !after_colon)
				is_judgements =
				    i - start == 10 &&
				    memcmp(s + start, "judgements", 10) == 0;
			break;
		case '[':
		case '{':
			if (target < 0 && ch == '[' && depth == 1 &&
			    after_colon && is_judgements)
				target = 2;
			depth++;
			if (ch == '[' && depth == target)
				expect = 1;
			break;
		case ']':
		case '}':
			if (depth-- == target)
				return;
			break;
		case ',':
			if (depth == target)
				expect = 1;
			if (depth == 1)
				after_colon = 0;
			break;
		case ':':
			if (depth == 1)
				after_colon = 1;
			break;
		default:
			break;
		}
	}
}

static const char *const members[] = { "key", "verdict", "severity", "note",
				       "by" };

/* One item's texts into cells; FA_ERR_INPUT (reported) if it is not an
 * object of strings. */
static enum fa_code item_cells(struct fa_judgements_build *b,
			       struct fa_judgement_cells *cells,
			       const json_t *item, unsigned long line,
			       size_t index, struct fa_error *err)
{
	const char **cell[] = { &cells->key, &cells->verdict, &cells->severity,
				&cells->note, &cells->by };
	enum fa_code rc = FA_OK;
	size_t m;

	if (!json_is_object(item))
		return fa_judgements_problem(
		    b, err, FA_ERR_INPUT, line, index,
		    "item is not an object: give {\"key\": ..., \"verdict\": "
		    "..., \"note\": ...}");
	for (m = 0; m < sizeof(members) / sizeof(*members); m++) {
		const json_t *v = json_object_get(item, members[m]);

		*cell[m] = NULL;
		if (!v || json_is_null(v))
			continue;
		if (json_is_string(v))
			*cell[m] = json_string_value(v);
		else
			rc = fa_judgements_problem(
			    b, err, FA_ERR_INPUT, line, index,
			    "\"%s\" is not a string", members[m]);
	}
	return rc;
}

enum fa_code fa_judgements_read_json(struct fa_judgements_build *b,
				     const char *buf, size_t len,
				     struct fa_error *err)
{
	json_error_t je;
	json_t *root, *items;
	unsigned long *lines = NULL;
	enum fa_code rc = FA_OK;
	size_t i, n;

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		if (json_error_code(&je) == json_error_out_of_memory)
			rc = fa_error_nomem(err, b->where);
		else
			rc = fa_error_add(
			    err, FA_ERR_INPUT, b->where,
			    je.line > 0 ? (unsigned long)je.line : 0,
			    je.column > 0 ? (unsigned long)je.column : 0, "%s",
			    je.text);
		b->rc = rc;
		return rc;
	}
	items =
	    json_is_object(root) ? json_object_get(root, "judgements") : root;
	if (!json_is_array(items)) {
		rc = fa_judgements_problem(
		    b, err, FA_ERR_INPUT, 1, 0,
		    "expected an array of judgements or an object with a "
		    "\"judgements\" array");
		goto out;
	}
	n = json_array_size(items);
	lines = calloc(n ? n : 1, sizeof(*lines));
	if (!lines) {
		rc = b->rc = fa_error_nomem(err, b->where);
		goto out;
	}
	item_lines(lines, n, buf, len, json_is_object(root));
	for (i = 0; i < n; i++) {
		struct fa_judgement_cells cells;

		if (item_cells(b, &cells, json_array_get(items, i), lines[i],
			       i + 1, err) != FA_OK)
			continue;
		rc = fa_judgements_row(b, lines[i], i + 1, &cells, err);
		if (rc != FA_OK)
			break;
	}
out:
	free(lines);
	json_decref(root);
	return rc;
}
