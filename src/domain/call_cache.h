/*
 * call_cache.h: recently read calls with their rubric, kept per process
 * and language (see call_cache.c). Domain-internal: call_get uses it.
 */
#ifndef ETHICA_CALL_CACHE_H
#define ETHICA_CALL_CACHE_H

#include <stdint.h>

struct call;
struct dctx;

/* 1 and *out (row and rubric; open and upcoming left to the caller)
 * copied into dc->a when the cache holds call id read in lang at dc's
 * content version; else 0. */
int	call_cache_get(struct dctx *dc, int64_t id, const char *lang,
	    struct call *out);
/* Keeps a copy of c, call id read in lang (at dc's content version);
 * nothing inside a transaction. */
void	call_cache_put(struct dctx *dc, int64_t id, const char *lang,
	    const struct call *c);

#endif
