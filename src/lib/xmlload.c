/* SPDX-License-Identifier: MIT */
/*
 * XML loading: the only libxml2 caller. A document is parsed from memory
 * with entity substitution, DTD loading, XInclude and network access off,
 * and refused outright if it has a document type declaration, because
 * every entity attack (billion laughs, external entities) needs one. The
 * parsed document is validated against an XSD given in memory and copied
 * into a plain fa_xml_node tree, so that no other module sees libxml2.
 * A document too large for a tree is streamed instead: a push parser with
 * this file's SAX2 callbacks hands tags and text to the caller's. Every libxml2
 * problem reaches the caller's fa_error, never standard error: through
 * per-context structured error handlers, and for the few errors libxml2 raises
 * without a context through its per-thread default handler, borrowed for the
 * call and restored. All other state lives in the call, so loads are re-entrant
 * and may run in several threads.
 */
#include <assert.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/schemasInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "xmlload.h"

/*
 * Parser options. Deliberately absent: XML_PARSE_NOENT (substitute
 * entities), XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (fetch a DTD),
 * XML_PARSE_XINCLUDE, and XML_PARSE_HUGE, which would switch off
 * libxml2's own limits on text size and nesting. XML_PARSE_BIG_LINES makes
 * libxml2 keep line numbers above 65535 where it can.
 */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/*
 * libxml2 takes buffer sizes as int, which POSIX makes at least 32 bits.
 * (<limits.h> is not included: -Isrc/lib makes it name our limits.h.)
 */
#define INT_ARG_MAX ((size_t)INT32_MAX)
_Static_assert(FA_XML_MAX_BYTES <= INT32_MAX, "FA_XML_MAX_BYTES must fit int");

/* Bytes the tree arena asks malloc for at a time. */
#define ARENA_CHUNK (64 * 1024)

/* ---- tree storage -------------------------------------------------------- */

/*
 * All nodes, attributes and strings of a document live in a list of
 * chunks freed together: a manifest has hundreds of thousands of them, and
 * one free per chunk keeps loading and freeing fast.
 */
struct chunk {
	struct chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

/* The public document plus its storage; pub must stay the first member. */
struct doc_impl {
	struct fa_xml_doc pub;
	struct chunk *chunks;
};

static void *arena_alloc(struct doc_impl *d, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct chunk *c = d->chunks;
	void *p;

	size = (size + align - 1) / align * align;
	if (!c || c->size - c->used < size) {
		size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = malloc(sizeof(*c) + cap);
		if (!c)
			return NULL;
		c->size = cap;
		c->used = 0;
		c->next = d->chunks;
		d->chunks = c;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

static char *arena_strndup(struct doc_impl *d, const char *s, size_t len)
{
	char *p = arena_alloc(d, len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/* ---- per-call state and messages ----------------------------------------- */

/* Everything one fa_xml_load call shares with the libxml2 callbacks. */
struct load {
	const char *where;
	struct fa_error *err;
	enum fa_code code;    /* first code this call set, or FA_OK */
	const char *strip_ns; /* schema namespace dropped from messages */
	unsigned long depth;  /* open elements while parsing */
	int halted;	      /* we stopped the parser ourselves */
	int nomem;	      /* libxml2 or this file ran out of memory */
	int in_schema;	      /* reading the XSD, not the document */
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
	char stray[FA_ERROR_MESSAGE_MAX]; /* last on_stray_error message */
	char want_root[64];		  /* the root the XSD declares */
};

static void note(struct load *ld, enum fa_code code, unsigned long line,
		 unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Record a problem. While the XSD is read (ld->in_schema) every problem is
 * one of the program, not of the input: FA_ERR_INTERNAL (unless out of
 * memory), no document location, the XSD's line in the message.
 */
static void note(struct load *ld, enum fa_code code, unsigned long line,
		 unsigned long column, const char *fmt, ...)
{
	char msg[FA_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (code == FA_ERR_NOMEM)
		ld->nomem = 1;
	if (ld->in_schema && code != FA_ERR_NOMEM)
		code = FA_ERR_INTERNAL;
	if (ld->code == FA_OK)
		ld->code = code;
	if (!ld->in_schema)
		fa_error_add(ld->err, code, ld->where, line, column, "%s", msg);
	else if (line)
		fa_error_add(ld->err, code, NULL, 0, 0,
			     "invalid XML schema: line %lu: %s", line, msg);
	else
		fa_error_add(ld->err, code, NULL, 0, 0,
			     "invalid XML schema: %s", msg);
}

/*
 * libxml2's messages are exact and worth keeping, but written as
 * sentences: "Element '{urn:...}kvk': [facet 'pattern'] The value ...\n".
 * Bring them to the house style: first letter lower case (unless it starts
 * an acronym such as "XML"), no trailing full stop or newline, line breaks
 * inside turned into spaces, and the schema's own namespace, which every
 * element of a valid document has, left out of "{ns}name".
 */
static void clean_message(char *out, size_t size, const char *msg,
			  const char *strip_ns)
{
	size_t ns_len = strip_ns ? strlen(strip_ns) : 0;
	size_t n = 0;
	const char *p;

	if (!msg)
		msg = "unknown problem";
	for (p = msg; *p && n + 1 < size; p++) {
		if (ns_len && p[0] == '{' &&
		    strncmp(p + 1, strip_ns, ns_len) == 0 &&
		    p[1 + ns_len] == '}') {
			p += ns_len + 1;
			continue;
		}
		out[n++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
	}
	/* Cut short inside a UTF-8 character: drop its first bytes too. */
	if (((unsigned char)*p & 0xC0) == 0x80) {
		while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
		n--;
	out[n] = '\0';
	if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
		out[0] = (char)(out[0] - 'A' + 'a');
}

/*
 * The line of an element's start tag. libxml2 2.9 keeps node->line in 16
 * bits, so the parse callback below stores the exact line in the node's
 * application field (_private); xmlGetLineNo is the fallback.
 */
static unsigned long node_line(const xmlNode *node)
{
	long line;

	if (node->type == XML_ELEMENT_NODE && node->_private)
		return (unsigned long)(uintptr_t)node->_private;
	line = xmlGetLineNo(node);
	return line > 0 ? (unsigned long)line : 0;
}

/*
 * libxml2 could not allocate: 1, and the load fails with "out of memory"
 * alone. What libxml2 reports after such a failure (an element it did
 * not build is "extra content at the end of the document", an attribute
 * value it could not copy is "not an element of the set") is a
 * consequence, not a fault of the input or the XSD.
 */
static int out_of_memory(struct load *ld, const xmlError *e)
{
	if (e->code != XML_ERR_NO_MEMORY)
		return 0;
	ld->nomem = 1;
	return 1;
}

/*
 * Parser errors. The handler's data argument differs between libxml2's
 * error paths (NULL or ctxt->userData), but error->ctxt is always the
 * parser context, which carries our state in _private.
 */
static void on_parse_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt;
	struct load *ld;
	char msg[FA_ERROR_MESSAGE_MAX];

	(void)data;
	if (!e || !e->ctxt)
		return;
	ctxt = e->ctxt;
	ld = ctxt->_private;
	/* Once we halted the parser, what it says next is only about the
	 * input it did not read. Warnings (e.g. a relative namespace URI)
	 * do not make a document unusable. */
	if (!ld || out_of_memory(ld, e) || ld->halted ||
	    e->level < XML_ERR_ERROR)
		return;
	clean_message(msg, sizeof(msg), e->message, NULL);
	note(ld, FA_ERR_INPUT, e->line > 0 ? (unsigned long)e->line : 0,
	     e->int2 > 0 ? (unsigned long)e->int2 : 0, "%s", msg);
}

/* Validation errors: located by element, no column. */
static void on_valid_error(void *data, xmlErrorPtr e)
{
	struct load *ld = data;
	char msg[FA_ERROR_MESSAGE_MAX];
	unsigned long line = 0;

	if (!e || out_of_memory(ld, e) || e->level < XML_ERR_ERROR)
		return;
	if (e->node)
		line = node_line(e->node);
	if (!line && e->line > 0)
		line = (unsigned long)e->line;
	clean_message(msg, sizeof(msg), e->message, ld->strip_ns);
	note(ld, FA_ERR_INPUT, line, 0, "%s", msg);
}

/* Problems in the XSD itself: a defect of the program, not the input. */
static void on_schema_error(void *data, xmlErrorPtr e)
{
	struct load *ld = data;
	char msg[FA_ERROR_MESSAGE_MAX];

	if (!e || out_of_memory(ld, e) || e->level < XML_ERR_ERROR)
		return;
	clean_message(msg, sizeof(msg), e->message, NULL);
	note(ld, FA_ERR_INTERNAL, e->line > 0 ? (unsigned long)e->line : 0, 0,
	     "%s", msg);
}

/*
 * A few libxml2 errors carry no parser context (bytes the declared
 * encoding cannot convert, a failure in its input layer) and would go to
 * libxml2's default handler, which prints to standard error. During a
 * load they come here instead; fa_xml_load installs the handler.
 */
static void on_stray_error(void *data, xmlErrorPtr e)
{
	struct load *ld = data;
	char msg[FA_ERROR_MESSAGE_MAX];

	if (!e || out_of_memory(ld, e) || e->level < XML_ERR_ERROR ||
	    ld->halted)
		return;
	/* One bad byte sequence is reported by the converter once per
	 * attempt and then echoed by the input layer as "encoder error". */
	if (e->domain == XML_FROM_IO && e->code == XML_IO_ENCODER &&
	    ld->stray[0])
		return;
	clean_message(msg, sizeof(msg), e->message, NULL);
	if (strcmp(msg, ld->stray) == 0)
		return;
	memcpy(ld->stray, msg, sizeof(msg));
	note(ld, FA_ERR_INPUT, e->line > 0 ? (unsigned long)e->line : 0, 0,
	     "%s", msg);
}

/* ---- parse callbacks ----------------------------------------------------- */

static void halt(struct load *ld, xmlParserCtxtPtr ctxt)
{
	ld->halted = 1;
	xmlStopParser(ctxt);
}

static unsigned long input_line(xmlParserCtxtPtr ctxt)
{
	return ctxt->input && ctxt->input->line > 0
		   ? (unsigned long)ctxt->input->line
		   : 0;
}

/*
 * libxml2 calls this for every <!DOCTYPE ...>, before reading its internal
 * subset. Stopping here means no entity is ever declared, so neither an
 * entity expansion bomb nor an external entity can follow.
 */
static void on_doctype(void *ctx, const xmlChar *name,
		       const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	note(ld, FA_ERR_INPUT, input_line(ctxt), 0,
	     "document type declarations are not allowed");
	halt(ld, ctxt);
}

/*
 * The line the current start tag begins on. When libxml2 reports the
 * element the input is at the tag's closing '>' (or "/>"), possibly lines
 * after "<file" if the attributes are spread over several lines. A start
 * tag cannot contain '<' (attribute values must escape it), so scanning
 * back to the '<' and counting line feeds finds the first line; if the
 * parser's buffer no longer holds the '<', the closing line is kept.
 */
static unsigned long start_tag_line(xmlParserCtxtPtr ctxt)
{
	unsigned long line = input_line(ctxt);
	unsigned long feeds = 0;
	const xmlChar *p;

	if (!ctxt->input || !ctxt->input->cur || !ctxt->input->base)
		return line;
	for (p = ctxt->input->cur; p > ctxt->input->base; p--) {
		if (p[-1] == '<')
			return feeds < line ? line - feeds : line;
		if (p[-1] == '\n')
			feeds++;
	}
	return line;
}

/* Enforces FA_XML_MAX_DEPTH while parsing and records exact lines. */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int nb_namespaces,
		     const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	unsigned long line = start_tag_line(ctxt);
	xmlNodePtr parent = ctxt->node;

	if (++ld->depth > FA_XML_MAX_DEPTH) {
		note(ld, FA_ERR_LIMIT, line, 0,
		     "elements nested deeper than %d levels", FA_XML_MAX_DEPTH);
		halt(ld, ctxt);
		return;
	}
	ld->start(ctx, localname, prefix, uri, nb_namespaces, namespaces,
		  nb_attributes, nb_defaulted, attributes);
	if (ctxt->node && ctxt->node != parent &&
	    ctxt->node->type == XML_ELEMENT_NODE)
		ctxt->node->_private = (void *)(uintptr_t)line;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;

	if (ld->depth > 0)
		ld->depth--;
	ld->end(ctx, localname, prefix, uri);
}

/* ---- the steps of a load ------------------------------------------------- */

static xmlDocPtr parse(struct load *ld, const void *buf, size_t len)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;

	ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax) {
		note(ld, FA_ERR_NOMEM, 0, 0, "out of memory");
		goto out;
	}
	/* ctxt->sax is this context's own copy of the SAX2 handlers, so
	 * overriding some affects this parse only. */
	ctxt->_private = ld;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->internalSubset = on_doctype;
	ld->start = ctxt->sax->startElementNs;
	ld->end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;

	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, PARSE_OPTIONS);
	if (ld->code != FA_OK) {
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!doc) {
		note(ld, FA_ERR_INPUT, 0, 0, "cannot parse XML");
	} else if (doc->intSubset || doc->extSubset) {
		/* Unreachable while on_doctype halts; kept so that a change
		 * in libxml2's callbacks cannot let a DTD through. */
		note(ld, FA_ERR_INPUT, 0, 0,
		     "document type declarations are not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
out:
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/*
 * The XSD is read with the same safe parser as documents, so that its
 * problems reach err like any other instead of libxml2's default handler
 * (standard error). The schema refers into xsd_doc: free that after it.
 */
static xmlSchemaPtr load_schema(struct load *ld, xmlDocPtr *xsd_doc,
				const char *xsd, size_t xsd_len)
{
	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaPtr schema = NULL;

	ld->in_schema = 1;
	if (!xsd || xsd_len == 0 || xsd_len > INT_ARG_MAX) {
		note(ld, FA_ERR_INTERNAL, 0, 0, "empty or too large");
		goto out;
	}
	*xsd_doc = parse(ld, xsd, xsd_len);
	if (!*xsd_doc)
		goto out;
	pctxt = xmlSchemaNewDocParserCtxt(*xsd_doc);
	if (!pctxt) {
		note(ld, FA_ERR_NOMEM, 0, 0, "out of memory");
		goto out;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, on_schema_error, ld);
	schema = xmlSchemaParse(pctxt);
	if (!schema && ld->code == FA_OK)
		note(ld, FA_ERR_INTERNAL, 0, 0, "cannot be loaded");
out:
	xmlSchemaFreeParserCtxt(pctxt);
	ld->in_schema = 0;
	ld->depth = 0;
	ld->halted = 0;
	return schema;
}

#define XSD_NS "http://www.w3.org/2001/XMLSchema"

/*
 * The root element must be one the XSD declares globally, in its target
 * namespace. Checked before validation because libxml2's words for a
 * wrong root ("No matching global declaration available for the
 * validation root") tell a user nothing. Returns 0 if it is.
 */
static int check_root(struct load *ld, xmlDocPtr xsd_doc, const xmlChar *tns,
		      xmlNodePtr root)
{
	xmlNodePtr decl, schema = xmlDocGetRootElement(xsd_doc);
	const char *want = NULL;
	const char *ns =
	    root->ns && root->ns->href ? (const char *)root->ns->href : "";

	for (decl = schema ? schema->children : NULL; decl; decl = decl->next) {
		xmlChar *name;
		int same;

		if (decl->type != XML_ELEMENT_NODE || !decl->ns ||
		    !xmlStrEqual(decl->ns->href, BAD_CAST XSD_NS) ||
		    !xmlStrEqual(decl->name, BAD_CAST "element"))
			continue;
		name = xmlGetProp(decl, BAD_CAST "name");
		same = name && xmlStrEqual(name, root->name);
		if (!want && name) {
			/* The first declaration names the expected root. */
			snprintf(ld->want_root, sizeof(ld->want_root), "%s",
				 (const char *)name);
			want = ld->want_root;
		}
		xmlFree(name);
		if (same && strcmp(ns, tns ? (const char *)tns : "") == 0)
			return 0;
	}
	/* Name the document's namespace only where it is the mistake. */
	if (!ns[0] && want && xmlStrEqual(root->name, BAD_CAST want))
		note(ld, FA_ERR_INPUT, (unsigned long)xmlGetLineNo(root), 0,
		     "root element '%s' has no namespace, expected "
		     "xmlns=\"%s\"",
		     want, tns ? (const char *)tns : "");
	else if (strcmp(ns, tns ? (const char *)tns : "") != 0 && ns[0])
		note(ld, FA_ERR_INPUT, (unsigned long)xmlGetLineNo(root), 0,
		     "root element is '%s' in namespace '%s', expected '%s' "
		     "in namespace '%s'",
		     (const char *)root->name, ns, want ? want : "?",
		     tns ? (const char *)tns : "");
	else
		note(ld, FA_ERR_INPUT, (unsigned long)xmlGetLineNo(root), 0,
		     "root element is '%s', expected '%s' in namespace '%s'",
		     (const char *)root->name, want ? want : "?",
		     tns ? (const char *)tns : "");
	return -1;
}

static void validate(struct load *ld, xmlSchemaPtr schema, xmlDocPtr doc)
{
	xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
	int rc;

	if (!vctxt) {
		note(ld, FA_ERR_NOMEM, 0, 0, "out of memory");
		return;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, on_valid_error, ld);
	rc = xmlSchemaValidateDoc(vctxt, doc);
	xmlSchemaFreeValidCtxt(vctxt);
	if (rc > 0 && ld->code == FA_OK)
		note(ld, FA_ERR_INPUT, 0, 0,
		     "document does not match its XML schema");
	else if (rc < 0 && ld->code == FA_OK)
		note(ld, FA_ERR_INTERNAL, 0, 0,
		     "XML schema validation failed (libxml2 error %d)", rc);
}

static int is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Concatenated direct text (and CDATA) children, trimmed. */
static const char *convert_text(struct doc_impl *d, const xmlNode *x)
{
	const xmlNode *c;
	size_t len = 0, off = 0;
	char *text;
	const char *start, *end;

	for (c = x->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			len += strlen((const char *)c->content);
	text = arena_alloc(d, len + 1);
	if (!text)
		return NULL;
	for (c = x->children; c; c = c->next) {
		size_t n;

		if ((c->type != XML_TEXT_NODE &&
		     c->type != XML_CDATA_SECTION_NODE) ||
		    !c->content)
			continue;
		n = strlen((const char *)c->content);
		memcpy(text + off, c->content, n);
		off += n;
	}
	text[off] = '\0';
	start = text;
	end = text + off;
	while (start < end && is_xml_space(*start))
		start++;
	while (end > start && is_xml_space(end[-1]))
		end--;
	text[end - text] = '\0';
	return start;
}

static int convert_attrs(struct doc_impl *d, struct fa_xml_node *n,
			 const xmlNode *x)
{
	const xmlAttr *a;
	size_t i = 0;

	for (a = x->properties; a; a = a->next)
		n->n_attrs++;
	if (n->n_attrs == 0)
		return 0;
	n->attrs = arena_alloc(d, n->n_attrs * sizeof(*n->attrs));
	if (!n->attrs)
		return -1;
	for (a = x->properties; a; a = a->next, i++) {
		xmlChar *v = NULL;
		struct fa_xml_attr *fa = &n->attrs[i];

		fa->name = arena_strndup(d, (const char *)a->name,
					 strlen((const char *)a->name));
		if (a->children) {
			v = xmlNodeListGetString(x->doc, a->children, 1);
			if (!v)
				return -1;
		}
		fa->value = arena_strndup(d, v ? (const char *)v : "",
					  v ? strlen((const char *)v) : 0);
		xmlFree(v);
		if (!fa->name || !fa->value)
			return -1;
	}
	return 0;
}

/*
 * Copy element x and its descendants. Recursion is bounded: the parse
 * already stopped at FA_XML_MAX_DEPTH, and the check here keeps the walk
 * safe on its own.
 */
static struct fa_xml_node *convert(struct load *ld, struct doc_impl *d,
				   const xmlNode *x, struct fa_xml_node *parent,
				   unsigned long depth)
{
	struct fa_xml_node *n, **tail;
	const xmlNode *c;

	if (depth > FA_XML_MAX_DEPTH) {
		note(ld, FA_ERR_LIMIT, node_line(x), 0,
		     "elements nested deeper than %d levels", FA_XML_MAX_DEPTH);
		return NULL;
	}
	n = arena_alloc(d, sizeof(*n));
	if (!n)
		goto nomem;
	memset(n, 0, sizeof(*n));
	n->parent = parent;
	n->line = node_line(x);
	n->name = arena_strndup(d, (const char *)x->name,
				strlen((const char *)x->name));
	n->text = convert_text(d, x);
	if (!n->name || !n->text || convert_attrs(d, n, x) != 0)
		goto nomem;
	tail = &n->first;
	for (c = x->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		*tail = convert(ld, d, c, n, depth + 1);
		if (!*tail)
			return NULL;
		tail = &(*tail)->next;
	}
	return n;
nomem:
	note(ld, FA_ERR_NOMEM, 0, 0, "out of memory");
	return NULL;
}

/* ---- API ----------------------------------------------------------------- */

enum fa_code fa_xml_load(struct fa_xml_doc **out, const char *where,
			 const void *buf, size_t len, const char *xsd,
			 size_t xsd_len, struct fa_error *err)
{
	struct load ld;
	struct fa_error_mark mark;
	xmlStructuredErrorFunc saved_handler;
	void *saved_data;
	xmlSchemaPtr schema = NULL;
	xmlDocPtr xsd_doc = NULL, xdoc = NULL;
	xmlNodePtr xroot;
	struct doc_impl *d = NULL;

	assert(out);
	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.where = where;
	ld.err = err;
	fa_error_mark(&mark, err);
	/*
	 * libxml2 keeps its default structured handler per thread, so
	 * installing ours for this call and restoring the caller's at the
	 * end stays re-entrant. Errors that have a context still go to the
	 * per-context handlers set below, which take precedence.
	 */
	saved_handler = xmlStructuredError;
	saved_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&ld, on_stray_error);
	/* Idempotent; libxml2 asks for it before first use. After the
	 * handler: its own allocation failures are reported, not printed. */
	xmlInitParser();

	if (len > FA_XML_MAX_BYTES) {
		note(&ld, FA_ERR_LIMIT, 0, 0,
		     "document too large (%zu bytes, limit %llu)", len,
		     (unsigned long long)FA_XML_MAX_BYTES);
		goto out;
	}
	if (!buf || len == 0) {
		note(&ld, FA_ERR_INPUT, 0, 0, "document is empty");
		goto out;
	}
	schema = load_schema(&ld, &xsd_doc, xsd, xsd_len);
	if (!schema)
		goto out;
	ld.strip_ns = (const char *)schema->targetNamespace;

	xdoc = parse(&ld, buf, len);
	if (!xdoc)
		goto out;
	xroot = xmlDocGetRootElement(xdoc);
	if (xroot && check_root(&ld, xsd_doc, schema->targetNamespace, xroot))
		goto out;
	validate(&ld, schema, xdoc);
	if (ld.code != FA_OK)
		goto out;
	xroot = xmlDocGetRootElement(xdoc);
	if (!xroot) {
		note(&ld, FA_ERR_INPUT, 0, 0, "document has no root element");
		goto out;
	}

	d = calloc(1, sizeof(*d));
	if (!d) {
		note(&ld, FA_ERR_NOMEM, 0, 0, "out of memory");
		goto out;
	}
	d->pub.where =
	    arena_strndup(d, where ? where : "", where ? strlen(where) : 0);
	d->pub.ns = xroot->ns && xroot->ns->href
			? arena_strndup(d, (const char *)xroot->ns->href,
					strlen((const char *)xroot->ns->href))
			: arena_strndup(d, "", 0);
	if (!d->pub.where || !d->pub.ns) {
		note(&ld, FA_ERR_NOMEM, 0, 0, "out of memory");
		goto out;
	}
	d->pub.root = convert(&ld, d, xroot, NULL, 1);
	if (!d->pub.root)
		goto out;
	*out = &d->pub;
	d = NULL;
out:
	if (d)
		fa_xml_doc_free(&d->pub);
	xmlFreeDoc(xdoc);
	xmlSchemaFree(schema);
	xmlFreeDoc(xsd_doc);
	xmlSetStructuredErrorFunc(saved_data, saved_handler);
	if (ld.nomem) {
		/* even a document that loaded may lack what libxml2 could
		 * not allocate */
		fa_xml_doc_free(*out);
		*out = NULL;
		return fa_error_nomem_since(err, &mark, where);
	}
	return ld.code;
}

void fa_xml_doc_free(struct fa_xml_doc *doc)
{
	struct doc_impl *d = (struct doc_impl *)doc;
	struct chunk *c, *next;

	if (!d)
		return;
	for (c = d->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(d);
}

const char *fa_xml_attr(const struct fa_xml_node *node, const char *name)
{
	size_t i;

	for (i = 0; i < node->n_attrs; i++)
		if (strcmp(node->attrs[i].name, name) == 0)
			return node->attrs[i].value;
	return NULL;
}

const struct fa_xml_node *fa_xml_child(const struct fa_xml_node *node,
				       const char *name)
{
	const struct fa_xml_node *c;

	for (c = node->first; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const char *fa_xml_child_text(const struct fa_xml_node *node, const char *name)
{
	const struct fa_xml_node *c = fa_xml_child(node, name);

	return c ? c->text : NULL;
}

const char *fa_xml_need_attr(const struct fa_xml_node *node, const char *name,
			     const char *where, struct fa_error *err)
{
	const char *v = fa_xml_attr(node, name);

	if (!v)
		fa_error_add(err, FA_ERR_INTERNAL, where, node->line, 0,
			     "element '%s' has no attribute '%s' after schema "
			     "validation",
			     node->name, name);
	return v;
}

const struct fa_xml_node *fa_xml_need_child(const struct fa_xml_node *node,
					    const char *name, const char *where,
					    struct fa_error *err)
{
	const struct fa_xml_node *c = fa_xml_child(node, name);

	if (!c)
		fa_error_add(err, FA_ERR_INTERNAL, where, node->line, 0,
			     "element '%s' has no '%s' after schema validation",
			     node->name, name);
	return c;
}

/* ---- streaming ----------------------------------------------------------- */

/*
 * A push parser with SAX2 callbacks of this file's own and no tree: a
 * document of any size is read in the memory of one start tag or one run
 * of text. The same safety as fa_xml_load: no entity is substituted, no
 * DTD is loaded (a document type declaration stops the parse before its
 * internal subset is read, so no entity can be declared), no network, and
 * the depth is limited.
 */
struct fa_xml_stream {
	struct load ld;
	xmlParserCtxtPtr ctxt;
	struct fa_xml_stream_callbacks cb;
	void *cb_ctx;
	char *where;
	unsigned long long fed, max_bytes;
	int finished;
	/* NUL-terminated copies of one start tag's attribute values */
	char *scratch;
	size_t scratch_cap;
	struct fa_xml_attr *attrs;
	size_t attrs_cap;
};

/* A callback refused: keep its code and stop libxml2. */
static void stream_refused(struct fa_xml_stream *s, enum fa_code code)
{
	if (s->ld.code == FA_OK)
		s->ld.code = code;
	if (code == FA_ERR_NOMEM)
		s->ld.nomem = 1;
	halt(&s->ld, s->ctxt);
}

static void stream_start(void *ctx, const xmlChar *localname,
			 const xmlChar *prefix, const xmlChar *uri,
			 int nb_namespaces, const xmlChar **namespaces,
			 int nb_attributes, int nb_defaulted,
			 const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	struct fa_xml_stream *s = (struct fa_xml_stream *)(void *)ld;
	unsigned long line = start_tag_line(ctxt);
	size_t n = nb_attributes > 0 ? (size_t)nb_attributes : 0;
	size_t need = 0, off = 0, i;
	enum fa_code rc;

	(void)prefix;
	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (ld->halted)
		return;
	if (++ld->depth > FA_XML_MAX_DEPTH) {
		note(ld, FA_ERR_LIMIT, line, 0,
		     "elements nested deeper than %d levels", FA_XML_MAX_DEPTH);
		halt(ld, ctxt);
		return;
	}
	for (i = 0; i < n; i++)
		need +=
		    (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]) + 1;
	if (need > s->scratch_cap) {
		char *p = realloc(s->scratch, need);

		if (!p) {
			note(ld, FA_ERR_NOMEM, 0, 0, "out of memory");
			halt(ld, ctxt);
			return;
		}
		s->scratch = p;
		s->scratch_cap = need;
	}
	if (n > s->attrs_cap) {
		struct fa_xml_attr *a = realloc(s->attrs, n * sizeof(*a));

		if (!a) {
			note(ld, FA_ERR_NOMEM, 0, 0, "out of memory");
			halt(ld, ctxt);
			return;
		}
		s->attrs = a;
		s->attrs_cap = n;
	}
	for (i = 0; i < n; i++) {
		const xmlChar *p = attributes[i * 5 + 3];
		const xmlChar *e = attributes[i * 5 + 4];

		s->attrs[i].name = (const char *)attributes[i * 5];
		s->attrs[i].value = s->scratch + off;
		/* Without entity substitution libxml2 hands an '&' in a
		 * value on as "&#38;" (every other reference is resolved, and
		 * a bare '&' cannot occur): give the caller the character. */
		while (p < e) {
			if (e - p >= 5 && memcmp(p, "&#38;", 5) == 0) {
				s->scratch[off++] = '&';
				p += 5;
			} else {
				s->scratch[off++] = (char)*p++;
			}
		}
		s->scratch[off++] = '\0';
	}
	if (!s->cb.start)
		return;
	rc = s->cb.start(s->cb_ctx, (const char *)localname, s->attrs, n, line,
			 ld->err);
	if (rc != FA_OK)
		stream_refused(s, rc);
}

static void stream_end(void *ctx, const xmlChar *localname,
		       const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	struct fa_xml_stream *s = (struct fa_xml_stream *)(void *)ld;
	enum fa_code rc;

	(void)prefix;
	(void)uri;
	if (ld->halted)
		return;
	if (ld->depth > 0)
		ld->depth--;
	if (!s->cb.end)
		return;
	rc = s->cb.end(s->cb_ctx, (const char *)localname, ld->err);
	if (rc != FA_OK)
		stream_refused(s, rc);
}

static void stream_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	struct fa_xml_stream *s = (struct fa_xml_stream *)(void *)ld;
	enum fa_code rc;

	if (ld->halted || !s->cb.text || len <= 0)
		return;
	rc = s->cb.text(s->cb_ctx, (const char *)ch, (size_t)len, ld->err);
	if (rc != FA_OK)
		stream_refused(s, rc);
}

enum fa_code fa_xml_stream_new(struct fa_xml_stream **out, const char *where,
			       unsigned long long max_bytes,
			       const struct fa_xml_stream_callbacks *cb,
			       void *ctx, struct fa_error *err)
{
	struct fa_xml_stream *s;
	xmlSAXHandler sax;
	xmlStructuredErrorFunc saved_handler;
	void *saved_data;

	assert(out && cb);
	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return fa_error_nomem(err, where);
	s->where = strdup(where ? where : "");
	if (!s->where) {
		free(s);
		return fa_error_nomem(err, where);
	}
	s->ld.where = s->where;
	s->ld.err = err;
	s->cb = *cb;
	s->cb_ctx = ctx;
	s->max_bytes = max_bytes;

	/* Only these callbacks: no tree, no entity lookup, no DTD. */
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = stream_start;
	sax.endElementNs = stream_end;
	sax.characters = stream_text;
	sax.ignorableWhitespace = stream_text;
	sax.cdataBlock = stream_text;
	sax.internalSubset = on_doctype;
	sax.serror = on_parse_error;

	saved_handler = xmlStructuredError;
	saved_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&s->ld, on_stray_error);
	xmlInitParser();
	/* user_data NULL: the callbacks get the context, whose _private
	 * leads to the stream. */
	s->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
	if (s->ctxt) {
		s->ctxt->_private = &s->ld;
		(void)xmlCtxtUseOptions(s->ctxt, PARSE_OPTIONS);
	}
	xmlSetStructuredErrorFunc(saved_data, saved_handler);
	if (!s->ctxt) {
		fa_xml_stream_free(s);
		return fa_error_nomem(err, where);
	}
	*out = s;
	return FA_OK;
}

/* One xmlParseChunk call with our stray-error handler and err in place. */
static enum fa_code stream_parse(struct fa_xml_stream *s, const char *buf,
				 size_t len, int terminate,
				 struct fa_error *err)
{
	struct fa_error_mark mark;
	xmlStructuredErrorFunc saved_handler;
	void *saved_data;

	fa_error_mark(&mark, err);
	s->ld.err = err;
	saved_handler = xmlStructuredError;
	saved_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&s->ld, on_stray_error);
	(void)xmlParseChunk(s->ctxt, buf, (int)len, terminate);
	xmlSetStructuredErrorFunc(saved_data, saved_handler);
	if (s->ld.code == FA_OK && !s->ld.nomem && terminate &&
	    !s->ctxt->wellFormed)
		note(&s->ld, FA_ERR_INPUT, 0, 0, "cannot parse XML");
	s->ld.err = NULL;
	if (s->ld.nomem && s->ld.code != FA_ERR_NOMEM) {
		/* what libxml2 says after a failed allocation is only its
		 * consequence */
		s->ld.code = fa_error_nomem_since(err, &mark, s->where);
	}
	return s->ld.code;
}

enum fa_code fa_xml_stream_feed(struct fa_xml_stream *s, const void *buf,
				size_t len, struct fa_error *err)
{
	const char *p = buf;

	assert(s && !s->finished);
	if (s->ld.code != FA_OK)
		return s->ld.code;
	if (len > s->max_bytes - s->fed) {
		s->ld.err = err;
		note(&s->ld, FA_ERR_LIMIT, 0, 0,
		     "document larger than the limit of %llu bytes",
		     s->max_bytes);
		s->ld.err = NULL;
		return s->ld.code;
	}
	s->fed += len;
	while (len > 0 && s->ld.code == FA_OK) {
		size_t n = len < INT_ARG_MAX ? len : INT_ARG_MAX;

		if (stream_parse(s, p, n, 0, err) != FA_OK)
			break;
		p += n;
		len -= n;
	}
	return s->ld.code;
}

enum fa_code fa_xml_stream_finish(struct fa_xml_stream *s, struct fa_error *err)
{
	assert(s && !s->finished);
	s->finished = 1;
	if (s->ld.code != FA_OK)
		return s->ld.code;
	if (s->fed == 0) {
		s->ld.err = err;
		note(&s->ld, FA_ERR_INPUT, 0, 0, "document is empty");
		s->ld.err = NULL;
		return s->ld.code;
	}
	return stream_parse(s, NULL, 0, 1, err);
}

void fa_xml_stream_free(struct fa_xml_stream *s)
{
	if (!s)
		return;
	if (s->ctxt)
		xmlFreeParserCtxt(s->ctxt);
	free(s->scratch);
	free(s->attrs);
	free(s->where);
	free(s);
}
