/* SPDX-License-Identifier: MIT */
/*
 * pack.xml: the member's details for pack, filled in once and kept in the
 * folder (schemas/pack.xsd): member, audit period, producer, profile and
 * encoding. Options override it; a manifest.xml in the folder comes after
 * it. Uses xmlload (the schema check), text and libc.
 */
#include <stdlib.h>
#include <string.h>

#include "pack_impl.h"
#include "text.h"
#include "xmlload.h"

extern const char fa_pack_xsd[];
extern const size_t fa_pack_xsd_len;

static int copy_text(char **dst, const struct fa_xml_node *n, const char *name)
{
	const char *s = n ? fa_xml_child_text(n, name) : NULL;

	if (!s)
		return 0;
	*dst = fa_text_collapse(s);
	return *dst ? 0 : -1;
}

static int copy_attr(char **dst, const struct fa_xml_node *n, const char *name)
{
	const char *s = n ? fa_xml_attr(n, name) : NULL;

	if (!s)
		return 0;
	*dst = fa_text_collapse(s);
	return *dst ? 0 : -1;
}

enum fa_code pack_config_parse(struct pack_config *cfg, const char *where,
			       const void *buf, size_t len,
			       struct fa_error *err)
{
	struct fa_xml_doc *doc = NULL;
	const struct fa_xml_node *root, *member, *period, *producer;
	enum fa_code rc;
	int bad = 0;

	memset(cfg, 0, sizeof(*cfg));
	rc = fa_xml_load(&doc, where, buf, len, fa_pack_xsd, fa_pack_xsd_len,
			 err);
	if (rc != FA_OK)
		return rc;
	root = doc->root;
	member = fa_xml_child(root, "member");
	period = fa_xml_child(root, "audit-period");
	producer = fa_xml_child(root, "producer");
	bad |= copy_text(&cfg->member_name, member, "name");
	bad |= copy_text(&cfg->kvk, member, "kvk");
	bad |= copy_text(&cfg->abu_number, member, "abu-number");
	bad |= copy_attr(&cfg->period_from, period, "from");
	bad |= copy_attr(&cfg->period_to, period, "to");
	bad |= copy_text(&cfg->producer_name, producer, "name");
	bad |= copy_text(&cfg->producer_system, producer, "system");
	bad |= copy_text(&cfg->profile, root, "profile");
	bad |= copy_text(&cfg->encoding, root, "encoding");
	fa_xml_doc_free(doc);
	if (bad) {
		pack_config_release(cfg);
		return fa_error_nomem(err, where);
	}
	return FA_OK;
}

void pack_config_release(struct pack_config *cfg)
{
	free(cfg->member_name);
	free(cfg->kvk);
	free(cfg->abu_number);
	free(cfg->period_from);
	free(cfg->period_to);
	free(cfg->producer_name);
	free(cfg->producer_system);
	free(cfg->profile);
	free(cfg->encoding);
	memset(cfg, 0, sizeof(*cfg));
}
