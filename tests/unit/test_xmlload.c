/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for xmlload: the tree a valid document becomes, exact parse
 * and validation messages with their locations, the refusal of document
 * type declarations (and with them entity bombs and external entities),
 * and the size and depth limits. Documents are small enough to read as C
 * strings, validated against a test schema defined below. libxml2 is used
 * directly only to watch its external entity loader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/parser.h>

#include "xmlload.h"

/*
 * A root with items (text plus a positive-integer id and an optional
 * kind) and an optional <any> that holds anything unvalidated, so that
 * deep or foreign content can pass the schema.
 */
static const char test_xsd[] =
    "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'\n"
    "           targetNamespace='urn:t' xmlns='urn:t'\n"
    "           elementFormDefault='qualified'>\n"
    " <xs:element name='root'>\n"
    "  <xs:complexType><xs:sequence>\n"
    "   <xs:element name='item' maxOccurs='unbounded'>\n"
    "    <xs:complexType><xs:simpleContent>\n"
    "     <xs:extension base='xs:string'>\n"
    "      <xs:attribute name='id' type='xs:positiveInteger'\n"
    "                    use='required'/>\n"
    "      <xs:attribute name='kind' type='xs:string'/>\n"
    "     </xs:extension>\n"
    "    </xs:simpleContent></xs:complexType>\n"
    "   </xs:element>\n"
    "   <xs:element name='any' minOccurs='0'>\n"
    "    <xs:complexType><xs:sequence>\n"
    "     <xs:any processContents='skip' namespace='##any'\n"
    "             minOccurs='0' maxOccurs='unbounded'/>\n"
    "    </xs:sequence></xs:complexType>\n"
    "   </xs:element>\n"
    "  </xs:sequence></xs:complexType>\n"
    " </xs:element>\n"
    "</xs:schema>\n";

/* Load a NUL-terminated document against test_xsd as "t.xml". */
static enum fa_code load(struct fa_xml_doc **doc, const char *xml,
			 struct fa_error *err)
{
	fa_error_init(err);
	return fa_xml_load(doc, "t.xml", xml, strlen(xml), test_xsd,
			   sizeof(test_xsd) - 1, err);
}

/* diag i formatted as the CLI prints it (without "flexaudit: "). */
static const char *diag(const struct fa_error *err, size_t i)
{
	static char buf[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];

	assert_true(i < err->n);
	fa_diag_format(buf, sizeof(buf), &err->diag[i]);
	return buf;
}

/* Counts every attempt libxml2 makes to load an external resource. */
static int n_external_loads;

static xmlParserInputPtr count_load(const char *url, const char *id,
				    xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	n_external_loads++;
	return NULL;
}

static void test_xmlload__valid_document_gives_tree(void **state)
{
	static const char xml[] =
	    "<?xml version='1.0' encoding='UTF-8'?>\n"
	    "<root xmlns='urn:t'>\n"
	    "  <item id='1' kind='a &amp; b'>  first  </item>\n"
	    "  <item\n"
	    "      id='2'>se<!-- note -->c<![CDATA[<ond>]]>\n"
	    "  </item>\n"
	    "  <any><x:deep xmlns:x='urn:other' x:at='v'>t</x:deep></any>\n"
	    "</root>\n";
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	const struct fa_xml_node *root, *item, *any;

	(void)state;
	assert_int_equal(load(&doc, xml, &err), FA_OK);
	assert_int_equal(err.n, 0);
	assert_non_null(doc);
	assert_string_equal(doc->where, "t.xml");
	assert_string_equal(doc->ns, "urn:t");

	root = doc->root;
	assert_string_equal(root->name, "root");
	assert_string_equal(root->text, "");
	assert_int_equal(root->line, 2);
	assert_null(root->parent);
	assert_null(root->next);
	assert_int_equal(root->n_attrs, 0);

	item = root->first;
	assert_string_equal(item->name, "item");
	assert_string_equal(item->text, "first");
	assert_int_equal(item->line, 3);
	assert_ptr_equal(item->parent, root);
	assert_int_equal(item->n_attrs, 2);
	assert_string_equal(item->attrs[0].name, "id");
	assert_string_equal(item->attrs[0].value, "1");
	assert_string_equal(fa_xml_attr(item, "kind"), "a & b");
	assert_null(fa_xml_attr(item, "missing"));

	/* Text and CDATA are joined, comments skipped; a start tag spread
	 * over lines is located at its first line. */
	item = item->next;
	assert_string_equal(item->text, "sec<ond>");
	assert_int_equal(item->line, 4);

	any = item->next;
	assert_ptr_equal(fa_xml_child(root, "any"), any);
	assert_null(any->next);
	assert_int_equal(any->line, 7);
	assert_string_equal(any->first->name, "deep");
	assert_string_equal(fa_xml_attr(any->first, "at"), "v");
	assert_string_equal(fa_xml_child_text(any, "deep"), "t");
	assert_null(fa_xml_child_text(any, "item"));
	assert_ptr_equal(fa_xml_child(root, "item"), root->first);
	fa_xml_doc_free(doc);
}

/* What the schema requires, read from the tree: found, or missing all
 * the same as an internal error at the element's line. */
static void test_xmlload__need_attr_and_child(void **state)
{
	static const char xml[] = "<root xmlns='urn:t'>\n"
				  "  <item id='7'>x</item>\n"
				  "</root>\n";
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	const struct fa_xml_node *item;

	(void)state;
	assert_int_equal(load(&doc, xml, &err), FA_OK);
	item = doc->root->first;
	assert_string_equal(fa_xml_need_attr(item, "id", "t.xml", &err), "7");
	assert_ptr_equal(fa_xml_need_child(doc->root, "item", "t.xml", &err),
			 item);
	assert_int_equal(err.n, 0);
	assert_null(fa_xml_need_attr(item, "kind", "t.xml", &err));
	assert_null(fa_xml_need_child(doc->root, "any", NULL, &err));
	assert_int_equal(err.code, FA_ERR_INTERNAL);
	assert_int_equal(err.n, 2);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2: element 'item' has no attribute 'kind' "
			    "after schema validation");
	assert_string_equal(
	    diag(&err, 1),
	    "element 'root' has no 'any' after schema validation");
	fa_xml_doc_free(doc);
}

/* libxml2 2.9 stores node lines in 16 bits; ours must not wrap. */
static void test_xmlload__lines_beyond_65535(void **state)
{
	const size_t blank = 70000;
	const char *head = "<root xmlns='urn:t'>";
	const char *tail = "<item id='1'/>\n<item id='0'/></root>\n";
	size_t len = strlen(head) + blank + strlen(tail);
	char *xml = malloc(len + 1);
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_non_null(xml);
	memcpy(xml, head, strlen(head));
	memset(xml + strlen(head), '\n', blank);
	memcpy(xml + strlen(head) + blank, tail, strlen(tail) + 1);

	assert_int_equal(load(&doc, xml, &err), FA_ERR_INPUT);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0),
			    "t.xml:70002: element 'item', attribute 'id': "
			    "'0' is not a valid value of the atomic type "
			    "'xs:positiveInteger'");

	memcpy(xml + len - strlen("0'/></root>\n"), "3", 1);
	assert_int_equal(load(&doc, xml, &err), FA_OK);
	assert_int_equal(doc->root->first->line, 70001);
	assert_int_equal(doc->root->first->next->line, 70002);
	fa_xml_doc_free(doc);
	free(xml);
}

static void test_xmlload__malformed_reports_line_and_column(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&doc,
			      "<root xmlns='urn:t'>\n"
			      "  <item id='1'>x</itm>\n"
			      "</root>\n",
			      &err),
			 FA_ERR_INPUT);
	assert_null(doc);
	assert_int_equal(err.code, FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2:23: opening and ending tag mismatch: "
			    "item line 2 and itm");

	assert_int_equal(
	    load(&doc, "<root xmlns='urn:t'>\n<item id='1' id='2'/>", &err),
	    FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2:20: attribute id redefined");

	assert_int_equal(load(&doc, "<root xmlns='urn:t'/>\n<root/>\n", &err),
			 FA_ERR_INPUT);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2:1: extra content at the end of the "
			    "document");
}

/*
 * Bytes the declared encoding cannot convert: libxml2 reports that without
 * a parser context, to stderr unless caught. It must reach err instead.
 */
static void test_xmlload__encoding_error_reported_not_printed(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	FILE *capture = tmpfile();
	int saved;

	(void)state;
	assert_non_null(capture);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(capture), 2) >= 0);
	assert_int_equal(load(&doc,
			      "<?xml version='1.0' encoding='windows-1252'?>\n"
			      "<root xmlns='urn:t'><item id='1'>\x81</item>"
			      "</root>\n",
			      &err),
			 FA_ERR_INPUT);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_null(doc);
	assert_int_equal(err.n, 2);
	assert_string_equal(diag(&err, 0),
			    "t.xml: input conversion failed due to input "
			    "error, bytes 0x81 0x3C 0x2F 0x69");
	assert_string_equal(diag(&err, 1),
			    "t.xml:2:34: premature end of data in tag item "
			    "line 2");
	assert_int_equal(fseek(capture, 0, SEEK_END), 0);
	assert_int_equal(ftell(capture), 0);
	fclose(capture);
}

static void test_xmlload__empty_document(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&doc, "", &err), FA_ERR_INPUT);
	assert_null(doc);
	assert_string_equal(diag(&err, 0), "t.xml: document is empty");

	assert_int_equal(load(&doc, "  \n", &err), FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2:1: start tag expected, '<' not found");
}

static void test_xmlload__doctype_refused(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&doc,
			      "<?xml version='1.0'?>\n"
			      "<!DOCTYPE root>\n"
			      "<root xmlns='urn:t'><item id='1'/></root>\n",
			      &err),
			 FA_ERR_INPUT);
	assert_null(doc);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2: document type declarations are not "
			    "allowed");
}

static void test_xmlload__billion_laughs_refused(void **state)
{
	static const char xml[] =
	    "<?xml version='1.0'?>\n"
	    "<!DOCTYPE root [\n"
	    " <!ENTITY a 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'>\n"
	    " <!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
	    " <!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
	    " <!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n"
	    " <!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>\n"
	    " <!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n"
	    " <!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>\n"
	    " <!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>\n"
	    "]>\n"
	    "<root xmlns='urn:t'><item id='1'>&h;</item></root>\n";
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&doc, xml, &err), FA_ERR_INPUT);
	assert_null(doc);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2: document type declarations are not "
			    "allowed");
}

/*
 * An external entity (in the internal subset, or the external subset
 * itself) must be refused without libxml2 ever trying to open it. The
 * same documents parsed by libxml2 with entity loading switched on show
 * that the counting loader does see such attempts.
 */
static void test_xmlload__external_entity_refused_without_reading(void **state)
{
	static const char *const docs[] = {
		"<?xml version='1.0'?>\n"
		"<!DOCTYPE root [\n"
		"  <!ENTITY xxe SYSTEM 'file:///etc/passwd'>\n"
		"]>\n"
		"<root xmlns='urn:t'><item id='1'>&xxe;</item></root>\n",
		"<?xml version='1.0'?>\n"
		"<!DOCTYPE root SYSTEM 'file:///etc/passwd'>\n"
		"<root xmlns='urn:t'><item id='1'/></root>\n",
	};
	xmlExternalEntityLoader saved = xmlGetExternalEntityLoader();
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	size_t i;

	(void)state;
	xmlSetExternalEntityLoader(count_load);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		xmlDocPtr unsafe;

		n_external_loads = 0;
		assert_int_equal(load(&doc, docs[i], &err), FA_ERR_INPUT);
		assert_null(doc);
		assert_int_equal(err.n, 1);
		assert_string_equal(diag(&err, 0),
				    "t.xml:2: document type declarations are "
				    "not allowed");
		assert_int_equal(n_external_loads, 0);

		unsafe =
		    xmlReadMemory(docs[i], (int)strlen(docs[i]), NULL, NULL,
				  XML_PARSE_NOENT | XML_PARSE_DTDLOAD |
				      XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		assert_true(n_external_loads > 0);
		xmlFreeDoc(unsafe);
	}
	xmlSetExternalEntityLoader(saved);
}

static void test_xmlload__undeclared_entity_refused(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&doc,
			      "<root xmlns='urn:t'><item id='1'>&xxe;</item>"
			      "</root>",
			      &err),
			 FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:1:39: entity 'xxe' not defined");
}

/* XInclude is never processed: the include stays an ordinary element. */
static void test_xmlload__xinclude_not_processed(void **state)
{
	xmlExternalEntityLoader saved = xmlGetExternalEntityLoader();
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	const struct fa_xml_node *any;

	(void)state;
	xmlSetExternalEntityLoader(count_load);
	n_external_loads = 0;
	assert_int_equal(
	    load(&doc,
		 "<root xmlns='urn:t'><item id='1'/><any>"
		 "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude'"
		 " href='file:///etc/passwd' parse='text'/></any></root>",
		 &err),
	    FA_OK);
	xmlSetExternalEntityLoader(saved);
	assert_int_equal(n_external_loads, 0);
	any = fa_xml_child(doc->root, "any");
	assert_non_null(any);
	assert_string_equal(any->text, "");
	assert_string_equal(any->first->name, "include");
	assert_null(any->first->first);
	fa_xml_doc_free(doc);
}

/* root + any + n nested <x> elements: depth n + 2. */
static char *nested(size_t n)
{
	const char *head = "<root xmlns='urn:t'><item id='1'/><any>";
	const char *tail = "</any></root>";
	size_t len = strlen(head) + n * 7 + strlen(tail);
	char *xml = malloc(len + 1), *p;
	size_t i;

	assert_non_null(xml);
	p = xml + strlen(head);
	memcpy(xml, head, strlen(head));
	for (i = 0; i < n; i++, p += 3)
		memcpy(p, "<x>", 3);
	for (i = 0; i < n; i++, p += 4)
		memcpy(p, "</x>", 4);
	memcpy(p, tail, strlen(tail) + 1);
	return xml;
}

static void test_xmlload__too_deep_is_limit(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	char *xml;

	(void)state;
	xml = nested(FA_XML_MAX_DEPTH - 2);
	assert_int_equal(load(&doc, xml, &err), FA_OK);
	fa_xml_doc_free(doc);
	free(xml);

	xml = nested(FA_XML_MAX_DEPTH - 1);
	assert_int_equal(load(&doc, xml, &err), FA_ERR_LIMIT);
	assert_null(doc);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0),
			    "t.xml:1: elements nested deeper than 32 levels");
	free(xml);

	/* Deeper than libxml2's own limit (256): ours still speaks first. */
	xml = nested(1000);
	assert_int_equal(load(&doc, xml, &err), FA_ERR_LIMIT);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0),
			    "t.xml:1: elements nested deeper than 32 levels");
	free(xml);
}

static void test_xmlload__too_big_is_limit(void **state)
{
	/* Never touched, so the pages are never really allocated. */
	char *big = calloc(FA_XML_MAX_BYTES + 1, 1);
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_non_null(big);
	fa_error_init(&err);
	assert_int_equal(fa_xml_load(&doc, "t.xml", big, FA_XML_MAX_BYTES + 1,
				     test_xsd, sizeof(test_xsd) - 1, &err),
			 FA_ERR_LIMIT);
	assert_null(doc);
	assert_string_equal(diag(&err, 0),
			    "t.xml: document too large (67108865 bytes, "
			    "limit 67108864)");
	free(big);
}

static void test_xmlload__schema_violations_all_reported(void **state)
{
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	assert_int_equal(load(&doc,
			      "<root xmlns='urn:t'>\n"
			      "  <item id='0'>a</item>\n"
			      "  <item id='2' colour='red'>b</item>\n"
			      "  <item>c</item>\n"
			      "  <extra/>\n"
			      "</root>\n",
			      &err),
			 FA_ERR_INPUT);
	assert_null(doc);
	assert_int_equal(err.n, 4);
	assert_string_equal(diag(&err, 0),
			    "t.xml:2: element 'item', attribute 'id': '0' is "
			    "not a valid value of the atomic type "
			    "'xs:positiveInteger'");
	assert_string_equal(diag(&err, 1),
			    "t.xml:3: element 'item', attribute 'colour': The "
			    "attribute 'colour' is not allowed");
	assert_string_equal(diag(&err, 2),
			    "t.xml:4: element 'item': The attribute 'id' is "
			    "required but missing");
	assert_string_equal(diag(&err, 3),
			    "t.xml:5: element 'extra': This element is not "
			    "expected. Expected is one of ( item, any )");
	/* A wrong root or namespace is named before validation, plainly. */
	assert_int_equal(load(&doc, "<root xmlns='urn:x'/>", &err),
			 FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:1: root element is 'root' in namespace "
			    "'urn:x', expected 'root' in namespace 'urn:t'");
	fa_error_init(&err);
	assert_int_equal(load(&doc, "<manifest xmlns='urn:t'/>", &err),
			 FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:1: root element is 'manifest', expected "
			    "'root' in namespace 'urn:t'");
	fa_error_init(&err);
	assert_int_equal(load(&doc, "<root/>", &err), FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "t.xml:1: root element 'root' has no namespace, "
			    "expected xmlns=\"urn:t\"");
}

/* 1 if s is well-formed UTF-8 (enough for checking where text was cut). */
static int utf8_whole(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int more = *p < 0x80	? 0
			   : *p >= 0xF0 ? 3
			   : *p >= 0xE0 ? 2
			   : *p >= 0xC0 ? 1
					: -1;

		if (more < 0)
			return 0;
		for (p++; more > 0; more--, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

/* A message too long for the record is cut between characters. */
static void test_xmlload__long_message_cut_at_character(void **state)
{
	char xml[2048];
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;
	size_t n, i;

	(void)state;
	/* The "x" puts the cut at 511 bytes inside an "é". */
	n = (size_t)snprintf(xml, sizeof(xml),
			     "<root xmlns='urn:t'><item id='x");
	for (i = 0; i < 400; i++, n += 2)
		memcpy(xml + n, "\xc3\xa9", 2);
	snprintf(xml + n, sizeof(xml) - n, "'/></root>");

	assert_int_equal(load(&doc, xml, &err), FA_ERR_INPUT);
	assert_int_equal(err.n, 1);
	assert_int_equal(strncmp(err.diag[0].message,
				 "element 'item', attribute 'id': 'x\xc3\xa9",
				 36),
			 0);
	assert_true(strlen(err.diag[0].message) >= FA_ERROR_MESSAGE_MAX - 2);
	assert_true(utf8_whole(err.diag[0].message));
}

static void test_xmlload__bad_schema_is_internal(void **state)
{
	static const char bad_xsd[] =
	    "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>\n"
	    " <xs:element name='root' type='nope'/>\n"
	    "</xs:schema>\n";
	struct fa_xml_doc *doc = NULL;
	struct fa_error err;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_xml_load(&doc, "t.xml", "<root/>", 7, bad_xsd,
				     sizeof(bad_xsd) - 1, &err),
			 FA_ERR_INTERNAL);
	assert_null(doc);
	assert_string_equal(diag(&err, 0),
			    "invalid XML schema: line 2: element decl. "
			    "'root', attribute 'type': The QName value 'nope' "
			    "does not resolve to a(n) type definition");

	fa_error_init(&err);
	assert_int_equal(fa_xml_load(&doc, "t.xml", "<root/>", 7, "", 0, &err),
			 FA_ERR_INTERNAL);
	assert_string_equal(diag(&err, 0),
			    "invalid XML schema: empty or too large");

	/* Not even XML: reported like a document's errors, not printed. */
	fa_error_init(&err);
	assert_int_equal(
	    fa_xml_load(&doc, "t.xml", "<root/>", 7, "<xs:", 4, &err),
	    FA_ERR_INTERNAL);
	assert_int_equal(err.code, FA_ERR_INTERNAL);
	assert_string_equal(diag(&err, 0),
			    "invalid XML schema: line 1: failed to parse "
			    "QName 'xs:'");
}

/* ---- streaming ----------------------------------------------------------- */

/* What a stream called back, as text: "<name a=v>@line", "'text'", "</>". */
struct events {
	char log[4096];
	size_t len;
	int stop_at; /* start tag number whose callback refuses (1-based) */
	int starts;
};

static void ev_add(struct events *ev, const char *s, size_t n)
{
	assert_true(ev->len + n < sizeof(ev->log));
	memcpy(ev->log + ev->len, s, n);
	ev->len += n;
	ev->log[ev->len] = '\0';
}

static enum fa_code ev_start(void *ctx, const char *name,
			     const struct fa_xml_attr *attrs, size_t n,
			     unsigned long line, struct fa_error *err)
{
	struct events *ev = ctx;
	char buf[256];
	size_t i;

	if (++ev->starts == ev->stop_at)
		return fa_error_add(err, FA_ERR_INTEGRITY, "cb", line, 0,
				    "refused <%s>", name);
	ev_add(ev, "<", 1);
	ev_add(ev, name, strlen(name));
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), " %s=%s", attrs[i].name,
			 attrs[i].value);
		ev_add(ev, buf, strlen(buf));
	}
	snprintf(buf, sizeof(buf), ">@%lu", line);
	ev_add(ev, buf, strlen(buf));
	return FA_OK;
}

static enum fa_code ev_end(void *ctx, const char *name, struct fa_error *err)
{
	struct events *ev = ctx;

	(void)err;
	ev_add(ev, "</", 2);
	ev_add(ev, name, strlen(name));
	ev_add(ev, ">", 1);
	return FA_OK;
}

/* Runs of text are joined: where libxml2 splits them is not part of the
 * contract. */
static enum fa_code ev_text(void *ctx, const char *s, size_t n,
			    struct fa_error *err)
{
	struct events *ev = ctx;

	(void)err;
	assert_true(n > 0);
	assert_null(memchr(s, '\0', n));
	ev_add(ev, s, n);
	return FA_OK;
}

static const struct fa_xml_stream_callbacks ev_cb = { ev_start, ev_end,
						      ev_text };

/* Stream xml in chunks of chunk bytes (0: whole) as "s.xml". */
static enum fa_code stream(struct events *ev, const char *xml, size_t chunk,
			   unsigned long long max, struct fa_error *err)
{
	struct fa_xml_stream *s = NULL;
	size_t len = strlen(xml), off = 0;
	enum fa_code rc;
	int stop_at = ev->stop_at;

	memset(ev, 0, sizeof(*ev));
	ev->stop_at = stop_at;
	fa_error_init(err);
	assert_int_equal(fa_xml_stream_new(&s, "s.xml", max, &ev_cb, ev, err),
			 FA_OK);
	rc = FA_OK;
	while (rc == FA_OK && off < len) {
		size_t n = chunk && chunk < len - off ? chunk : len - off;

		rc = fa_xml_stream_feed(s, xml + off, n, err);
		off += n;
	}
	if (rc == FA_OK)
		rc = fa_xml_stream_finish(s, err);
	fa_xml_stream_free(s);
	assert_int_equal(rc, err->code);
	return rc;
}

static void test_xmlload__stream_events_in_any_chunks(void **state)
{
	static const char xml[] =
	    "<?xml version='1.0' encoding='UTF-8'?>\n"
	    "<x:a xmlns:x='urn:x' xmlns:r='urn:r' k='1 &amp; 2&amp;#38;'>\n"
	    "<b\n r:id='rId7'\n v=\"&#233;\">t&lt;1<![CDATA[<c>]]></b>"
	    "<d/>\xc3\xa9</x:a>";
	static const char want[] =
	    "<a k=1 & 2&#38;>@2\n<b id=rId7 v=\xc3\xa9>@3t<1<c></b><d>@5</d>"
	    "\xc3\xa9</a>";
	static const size_t chunks[] = { 0, 1, 2, 3, 7, 64 };
	struct events ev;
	struct fa_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		ev.stop_at = 0;
		assert_int_equal(stream(&ev, xml, chunks[i], 1 << 20, &err),
				 FA_OK);
		assert_string_equal(ev.log, want);
	}
}

static void test_xmlload__stream_doctype_and_entities_refused(void **state)
{
	static const char *const docs[] = {
		"<?xml version='1.0'?>\n"
		"<!DOCTYPE a [\n"
		" <!ENTITY e 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'>\n"
		" <!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n"
		"]>\n"
		"<a>&f;</a>\n",
		"<?xml version='1.0'?>\n"
		"<!DOCTYPE a [\n"
		"  <!ENTITY xxe SYSTEM 'file:///etc/passwd'>\n"
		"]>\n"
		"<a>&xxe;</a>\n",
		"<?xml version='1.0'?>\n"
		"<!DOCTYPE a SYSTEM 'file:///etc/passwd'>\n"
		"<a/>\n",
	};
	xmlExternalEntityLoader saved = xmlGetExternalEntityLoader();
	struct events ev;
	struct fa_error err;
	size_t i;

	(void)state;
	xmlSetExternalEntityLoader(count_load);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		n_external_loads = 0;
		ev.stop_at = 0;
		assert_int_equal(stream(&ev, docs[i], 5, 1 << 20, &err),
				 FA_ERR_INPUT);
		assert_int_equal(err.n, 1);
		assert_string_equal(diag(&err, 0),
				    "s.xml:2: document type declarations are "
				    "not allowed");
		assert_string_equal(ev.log, "");
		assert_int_equal(n_external_loads, 0);
	}
	xmlSetExternalEntityLoader(saved);
	ev.stop_at = 0;
	assert_int_equal(stream(&ev, "<a>&xxe;</a>", 0, 1 << 20, &err),
			 FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "s.xml:1:9: entity 'xxe' not defined");
}

static void test_xmlload__stream_malformed_empty_and_cut(void **state)
{
	struct events ev;
	struct fa_error err;

	(void)state;
	ev.stop_at = 0;
	assert_int_equal(stream(&ev, "<a>\n<b></a>", 0, 1 << 20, &err),
			 FA_ERR_INPUT);
	assert_string_equal(diag(&err, 0),
			    "s.xml:2:8: opening and ending tag mismatch: b "
			    "line 2 and a");
	assert_int_equal(stream(&ev, "", 0, 1 << 20, &err), FA_ERR_INPUT);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0), "s.xml: document is empty");
	/* A document cut short shows only at its end. */
	assert_int_equal(stream(&ev, "<a><b>", 0, 1 << 20, &err), FA_ERR_INPUT);
	assert_true(err.n >= 1);
	assert_string_equal(ev.log, "<a>@1<b>@1");
}

static void test_xmlload__stream_depth_and_size_limits(void **state)
{
	char deep[(FA_XML_MAX_DEPTH + 1) * 3 + 1];
	struct events ev;
	struct fa_error err;
	size_t i;

	(void)state;
	/* FA_XML_MAX_DEPTH levels pass, one more is refused. */
	for (i = 0; i < FA_XML_MAX_DEPTH; i++)
		memcpy(deep + i * 3, "<a>", 3);
	deep[FA_XML_MAX_DEPTH * 3] = '\0';
	ev.stop_at = 0;
	assert_int_equal(stream(&ev, deep, 0, 1 << 20, &err), FA_ERR_INPUT);
	/* not closed, but not too deep */
	memcpy(deep + FA_XML_MAX_DEPTH * 3, "<a>", 4);
	assert_int_equal(stream(&ev, deep, 0, 1 << 20, &err), FA_ERR_LIMIT);
	assert_string_equal(diag(&err, 0),
			    "s.xml:1: elements nested deeper than 32 levels");
	/* The size limit counts every byte fed: at it passes, above not. */
	assert_int_equal(stream(&ev, "<a>12</a>", 3, 9, &err), FA_OK);
	assert_int_equal(stream(&ev, "<a>123</a>", 3, 9, &err), FA_ERR_LIMIT);
	assert_string_equal(diag(&err, 0),
			    "s.xml: document larger than the limit of 9 "
			    "bytes");
}

static void test_xmlload__stream_callback_stops_parse(void **state)
{
	struct events ev;
	struct fa_error err;

	(void)state;
	ev.stop_at = 2;
	assert_int_equal(stream(&ev, "<a><b/><c/></a>", 1, 1 << 20, &err),
			 FA_ERR_INTEGRITY);
	assert_int_equal(err.n, 1);
	assert_string_equal(diag(&err, 0), "cb:1: refused <b>");
	assert_string_equal(ev.log, "<a>@1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xmlload__valid_document_gives_tree),
		cmocka_unit_test(test_xmlload__need_attr_and_child),
		cmocka_unit_test(test_xmlload__lines_beyond_65535),
		cmocka_unit_test(
		    test_xmlload__malformed_reports_line_and_column),
		cmocka_unit_test(
		    test_xmlload__encoding_error_reported_not_printed),
		cmocka_unit_test(test_xmlload__empty_document),
		cmocka_unit_test(test_xmlload__doctype_refused),
		cmocka_unit_test(test_xmlload__billion_laughs_refused),
		cmocka_unit_test(
		    test_xmlload__external_entity_refused_without_reading),
		cmocka_unit_test(test_xmlload__undeclared_entity_refused),
		cmocka_unit_test(test_xmlload__xinclude_not_processed),
		cmocka_unit_test(test_xmlload__too_deep_is_limit),
		cmocka_unit_test(test_xmlload__too_big_is_limit),
		cmocka_unit_test(test_xmlload__schema_violations_all_reported),
		cmocka_unit_test(test_xmlload__long_message_cut_at_character),
		cmocka_unit_test(test_xmlload__bad_schema_is_internal),
		cmocka_unit_test(test_xmlload__stream_events_in_any_chunks),
		cmocka_unit_test(
		    test_xmlload__stream_doctype_and_entities_refused),
		cmocka_unit_test(test_xmlload__stream_malformed_empty_and_cut),
		cmocka_unit_test(test_xmlload__stream_depth_and_size_limits),
		cmocka_unit_test(test_xmlload__stream_callback_stops_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
