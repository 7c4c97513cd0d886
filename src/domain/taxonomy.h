/*
 * taxonomy.h: the fixed tag slugs of docs/taxonomy.md (the structure of
 * the UNESCO Recommendation on the Ethics of AI), with their English names
 * as msgids. Every feature that tags something uses these tables; nothing
 * else defines slugs.
 */
#ifndef ETHICA_TAXONOMY_H
#define ETHICA_TAXONOMY_H

#include <stddef.h>

enum tax_kind {
	TAX_VALUE = 0,
	TAX_PRINCIPLE,
	TAX_POLICY_AREA,
	TAX_TRACK,
	TAX_CASE_CATEGORY,
	TAX_LEVEL,
	TAX_NKINDS
};

struct tax_entry {
	const char	*slug;
	const char	*name;		/* English, a msgid: translate it */
};

/* The entries of kind, in document order, and their number in *n. */
const struct tax_entry	*taxonomy_list(enum tax_kind, size_t *n);
/* The entry for slug of kind, or NULL when the slug is unknown. */
const struct tax_entry	*taxonomy_find(enum tax_kind, const char *slug);
/* The English name (msgid) for slug, or NULL. */
const char		*taxonomy_name(enum tax_kind, const char *slug);
/* "value", "principle", "policy_area", "track", "case_category", "level". */
const char		*taxonomy_kind_name(enum tax_kind);

#endif
