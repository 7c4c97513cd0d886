/*
 * case_cache.h: recently shown published cases, whole, kept per process
 * (see case_cache.c). Domain-internal.
 */
#ifndef ETHICA_CASE_CACHE_H
#define ETHICA_CASE_CACHE_H

struct case_view;
struct dctx;

/* 1 and *out (the case, its texts, links, tags, versions and lessons;
 * out->text left to the caller) copied into dc->a when the cache holds
 * the published case slug, shown in lang, at dc's content version; else
 * 0. */
int	case_cache_get(struct dctx *dc, const char *slug, const char *lang,
	    struct case_view *out);
/* Keeps a copy of v, the published case slug shown in lang (at dc's
 * content version). */
void	case_cache_put(struct dctx *dc, const char *slug, const char *lang,
	    const struct case_view *v);

#endif
