/*
 * call_cache.c: recently read calls with their rubric, per language, so
 * that the pages about a call (its public page, the chair's list, a
 * submission, a review) find it without a query. An entry is found by id
 * and language in one bounded cache (lib/cache.h) of one content
 * version: calls, call_texts and call_criteria move it on every write
 * (migration 0018), on any node, so an edit is seen at once. Nothing read
 * inside a transaction is kept (it may still roll back). Each entry owns
 * an arena with all its strings; a page gets a copy in its own arena.
 */
#include <stdint.h>
#include <string.h>

#include "domain/call.h"
#include "domain/call_cache.h"
#include "domain/dctx.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/store.h"

#define CALL_CACHE_SLOTS	64
#define CALL_CACHE_BYTES	(2 * 1024 * 1024)
#define CALL_KEY_MAX		32

struct call_cache_entry {
	struct arena	*a;
	struct call	 c;
};

static struct cache	*calls;

static size_t	 slen(const char *);
static void	 call_copy(struct arena *, struct call *,
		    const struct call *);
static size_t	 key_of(char *, int64_t, const char *);
static int	 calls_sync(struct dctx *);

static size_t
slen(const char *s)
{
	return (s != NULL ? strlen(s) : 0);
}

/* dst = src, its strings and rubric copied into a. */
static void
call_copy(struct arena *a, struct call *dst, const struct call *src)
{
	size_t	i, j;

	*dst = *src;
	dst->r.default_lang = arena_strdup(a, src->r.default_lang);
	dst->r.blind_mode = arena_strdup(a, src->r.blind_mode);
	dst->r.public_fields = arena_strdup(a, src->r.public_fields);
	dst->r.title = arena_strdup(a, src->r.title);
	dst->r.description = arena_strdup(a, src->r.description);
	dst->crit = arena_alloc(a, (src->ncrit + 1) * sizeof(*dst->crit));
	for (i = 0; i < src->ncrit; i++) {
		dst->crit[i] = src->crit[i];
		dst->crit[i].name = arena_strdup(a, src->crit[i].name);
		dst->crit[i].description = arena_strdup(a,
		    src->crit[i].description);
		for (j = 0; j < CRIT_NANCHORS; j++)
			dst->crit[i].anchor[j] = arena_strdup(a,
			    src->crit[i].anchor[j]);
	}
}

/* The key "id NUL lang" into k (CALL_KEY_MAX bytes); its length, or 0
 * when lang is too long to be one of ours. */
static size_t
key_of(char *k, int64_t id, const char *lang)
{
	size_t	n;

	n = strlen(lang);
	if (sizeof(id) + 1 + n > CALL_KEY_MAX)
		return (0);
	memcpy(k, &id, sizeof(id));
	k[sizeof(id)] = '\0';
	memcpy(k + sizeof(id) + 1, lang, n);
	return (sizeof(id) + 1 + n);
}

/* The cache at dc's content version: 0, or -1 when that is unknown. */
static int
calls_sync(struct dctx *dc)
{
	return (dctx_cache_sync(dc, &calls, CALL_CACHE_SLOTS,
	    CALL_CACHE_BYTES, arena_obj_free));
}

int
call_cache_get(struct dctx *dc, int64_t id, const char *lang,
    struct call *out)
{
	struct call_cache_entry	*e;
	char			 k[CALL_KEY_MAX];
	size_t			 klen;

	if ((klen = key_of(k, id, lang)) == 0 || calls_sync(dc) == -1 ||
	    (e = cache_get(calls, k, klen)) == NULL)
		return (0);
	call_copy(dc->a, out, &e->c);
	return (1);
}

void
call_cache_put(struct dctx *dc, int64_t id, const char *lang,
    const struct call *c)
{
	struct call_cache_entry	*e;
	char			 k[CALL_KEY_MAX];
	size_t			 klen, i, j, bytes;

	if (store_in_tx(dc->db) || (klen = key_of(k, id, lang)) == 0 ||
	    calls_sync(dc) == -1)
		return;
	e = arena_obj_new(sizeof(*e));
	call_copy(e->a, &e->c, c);
	bytes = sizeof(*e) + 256 + slen(c->r.title) +
	    slen(c->r.description) + slen(c->r.public_fields);
	for (i = 0; i < c->ncrit; i++) {
		bytes += sizeof(c->crit[i]) + 64 + slen(c->crit[i].name) +
		    slen(c->crit[i].description);
		for (j = 0; j < CRIT_NANCHORS; j++)
			bytes += slen(c->crit[i].anchor[j]);
	}
	(void)cache_put(calls, k, klen, e, bytes);
}
