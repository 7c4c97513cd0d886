/*
 * case_cache.h: recently shown published cases' texts, links, tags and
 * versions, kept per process (see case_cache.c). Domain-internal.
 */
#ifndef ETHICA_CASE_CACHE_H
#define ETHICA_CASE_CACHE_H

struct case_children;
struct case_row;
struct dctx;

/* 1 and *out copied into dc->a when the cache holds c's children at dc's
 * content version; else 0. */
int	case_cache_get(struct dctx *dc, const struct case_row *c,
	    struct case_children *out);
/* Keeps a copy of ch as c's children (at dc's content version). */
void	case_cache_put(struct dctx *dc, const struct case_row *c,
	    const struct case_children *ch);

#endif
