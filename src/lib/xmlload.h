/* SPDX-License-Identifier: MIT */
/*
 * The only module that parses XML (libxml2). Parses a document from memory
 * with safe options (no network, no DTD loading, no entity expansion, no
 * XInclude, size and depth limits from limits.h), validates it against an
 * XSD given in memory, and hands the caller a plain tree of its own types so
 * that no other module sees libxml2.
 */
#ifndef FA_XMLLOAD_H
#define FA_XMLLOAD_H

#include <stddef.h>

#include "error.h"

struct fa_xml_attr {
	const char *name; /* local name */
	const char *value;
};

struct fa_xml_node {
	const char *name;   /* local name (namespace dropped) */
	const char *text;   /* direct text and CDATA children joined,
			     * surrounding white space trimmed;
			     * "" if none */
	unsigned long line; /* line the start tag begins on */
	size_t n_attrs;
	struct fa_xml_attr *attrs;
	struct fa_xml_node *parent;
	struct fa_xml_node *first; /* first child element */
	struct fa_xml_node *next;  /* next sibling element */
};

struct fa_xml_doc {
	const char *where; /* name used in messages (copied) */
	const char *ns;	   /* root namespace URI or "" */
	struct fa_xml_node *root;
};

/*
 * Parse buf[0..len) and validate it against the XSD xsd[0..xsd_len).
 * where names the document in messages ("manifest.xml"). Every parse or
 * validation problem is added to err as where:line:column (column when
 * libxml2 knows it: parse errors have one, schema errors only a line), and
 * the code is FA_ERR_INPUT; FA_ERR_LIMIT for size or depth; FA_ERR_NOMEM;
 * FA_ERR_INTERNAL if the XSD itself does not load (messages "invalid XML
 * schema: ...", without where). Messages are libxml2's own, first letter
 * lower-cased, final full stop dropped, the XSD's target namespace left
 * out of "{ns}name". Messages of this module:
 *   where: document too large (N bytes, limit FA_XML_MAX_BYTES)
 *   where: document is empty
 *   where:line: document type declarations are not allowed
 *   where:line: elements nested deeper than FA_XML_MAX_DEPTH levels
 * Schema errors are only reported for a well-formed document; nothing
 * external (DTD, entity, XInclude, schemaLocation) is ever loaded.
 * On success *out is the caller's (fa_xml_doc_free); on failure NULL.
 * Re-entrant and thread-safe, except that the very first call initialises
 * libxml2 and must not run at the same time as another.
 */
enum fa_code fa_xml_load(struct fa_xml_doc **out, const char *where,
			 const void *buf, size_t len, const char *xsd,
			 size_t xsd_len, struct fa_error *err);
void fa_xml_doc_free(struct fa_xml_doc *doc);

/* Attribute value or NULL. node must not be NULL (nor in the two below). */
const char *fa_xml_attr(const struct fa_xml_node *node, const char *name);
/* First child element named name, or NULL. */
const struct fa_xml_node *fa_xml_child(const struct fa_xml_node *node,
				       const char *name);
/* Text of the first child named name, or NULL. */
const char *fa_xml_child_text(const struct fa_xml_node *node, const char *name);

/*
 * What the schema requires of a validated document: attribute name of
 * node, or its first child element name. If it is missing all the same
 * (the schema and the code that reads the tree disagree), NULL, and err
 * gets FA_ERR_INTERNAL at where:line of node:
 *   element 'E' has no attribute 'A' after schema validation
 *   element 'E' has no 'C' after schema validation
 * so that the disagreement is an internal error, never a NULL dereference
 * on user input. where may be NULL.
 */
const char *fa_xml_need_attr(const struct fa_xml_node *node, const char *name,
			     const char *where, struct fa_error *err);
const struct fa_xml_node *fa_xml_need_child(const struct fa_xml_node *node,
					    const char *name, const char *where,
					    struct fa_error *err);

/* ---- streaming ------------------------------------------------------------
 */

struct fa_xml_stream; /* opaque */

/*
 * What a stream hands its caller, in document order. Each may be NULL
 * (that event is ignored). name is the local name (namespace prefix
 * dropped), as are the attributes' names; attrs[0..n_attrs) in the order
 * of the tag, values with entity and character references resolved. All
 * pointers are valid only during the call. line is the line the start tag
 * begins on. text gets the element content (character data and CDATA,
 * white space included) in runs of any length: one element's text may
 * come in several calls, split anywhere between characters; it is UTF-8
 * and holds no NUL. Return FA_OK to go on; any other code stops the parse
 * at once (nothing more is called back) and is returned by the feeding
 * call unchanged: the callback adds its problem to err itself, with its
 * own where.
 */
struct fa_xml_stream_callbacks {
	enum fa_code (*start)(void *ctx, const char *name,
			      const struct fa_xml_attr *attrs, size_t n_attrs,
			      unsigned long line, struct fa_error *err);
	enum fa_code (*end)(void *ctx, const char *name, struct fa_error *err);
	enum fa_code (*text)(void *ctx, const char *s, size_t len,
			     struct fa_error *err);
};

/*
 * Start a stream for the document named where (copied; used in every
 * message) of at most max_bytes bytes. cb is copied; ctx is passed to
 * every callback. *out is the caller's (fa_xml_stream_free). FA_ERR_NOMEM.
 */
enum fa_code fa_xml_stream_new(struct fa_xml_stream **out, const char *where,
			       unsigned long long max_bytes,
			       const struct fa_xml_stream_callbacks *cb,
			       void *ctx, struct fa_error *err);
/*
 * Feed the next chunk of the document (any size; a tag or a character may
 * be split across chunks; fa_package_read's sink chunks fit). Callbacks
 * run before the call returns. Problems are added to err as in
 * fa_xml_load, where:line:column, and the code is FA_ERR_INPUT for
 * malformed XML, FA_ERR_LIMIT, FA_ERR_NOMEM, or a callback's code.
 * Messages of this module:
 *   where: document larger than the limit of N bytes
 *   where: document is empty (from fa_xml_stream_finish)
 *   where:line: document type declarations are not allowed
 *   where:line: elements nested deeper than FA_XML_MAX_DEPTH levels
 * A document type declaration is refused before its internal subset is
 * read, so no entity is ever declared, substituted or loaded; nothing
 * external is fetched. After an error the stream is spent: further feed
 * and finish calls return the same code and add nothing to err.
 */
enum fa_code fa_xml_stream_feed(struct fa_xml_stream *s, const void *buf,
				size_t len, struct fa_error *err);
/*
 * End of the document: reports one cut short (an element left open, no
 * root element). Call once, after the last feed. Codes as above.
 */
enum fa_code fa_xml_stream_finish(struct fa_xml_stream *s,
				  struct fa_error *err);
/* Accepts NULL. */
void fa_xml_stream_free(struct fa_xml_stream *s);

#endif
