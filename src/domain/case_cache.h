/*
 * case_cache.h: recently shown published cases' texts, links, tags and
 * versions, kept per process (see case_cache.c). Domain-internal.
 */
#ifndef ETHICA_CASE_CACHE_H
#define ETHICA_CASE_CACHE_H

struct arena;
struct case_children;
struct case_row;

/* 1 and *out copied into a when the cache holds c's children for its
 * current version and content digest; else 0. */
int	case_cache_get(struct arena *a, const struct case_row *c,
	    struct case_children *out);
/* Keeps a copy of ch as c's children. */
void	case_cache_put(const struct case_row *c,
	    const struct case_children *ch);

#endif
