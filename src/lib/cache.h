/*
 * cache.h: the one bounded cache of the process (see cache.c). Every
 * per-worker cache (pages, course versions, case texts, the case
 * library's word hits, the catalog's title orders) is one of these: at
 * most max_entries values and max_bytes bytes, found by a key of bytes
 * through a hash table, the least recently used value evicted first, and
 * one invalidation rule: a cache holds values of one content version
 * (store_content_version) and is emptied when it is shown another.
 */
#ifndef ETHICA_LIB_CACHE_H
#define ETHICA_LIB_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define CACHE_NO_VERSION	INT64_MIN	/* the version is not known */

struct cache;

struct cache_stats {
	uint64_t	hits, misses;
	uint64_t	evictions;	/* values dropped to stay in bounds */
	uint64_t	flushes;	/* emptied by a new version */
	size_t		entries, bytes;
};

/*
 * A new, empty cache owned by the caller (cache_free), holding at most
 * max_entries values (at least 1) and max_bytes bytes (keys included).
 * free_fn frees a value the cache drops (NULL: values are not freed).
 */
struct cache	*cache_new(size_t max_entries, size_t max_bytes,
		    void (*free_fn)(void *));
/* Frees every value and the cache; NULL is fine. */
void		 cache_free(struct cache *);
/*
 * Makes version the cache's version: when it differs from the one its
 * values were kept under, every value is dropped first (retired: the
 * values stay valid, unfound, until cache_reap). Returns 0, or -1 for
 * CACHE_NO_VERSION: the cache is then emptied, and stays empty
 * (cache_put keeps nothing) until a known version is given.
 */
int		 cache_sync(struct cache *, int64_t version);
/* Frees the values every cache retired (call it between requests, when
 * no answer from before can still be held). */
void		 cache_reap(void);
/*
 * The value kept for the key's klen bytes (borrowed: valid until the
 * next cache_put or cache_clear on this cache, or the cache_reap after
 * a new version), made the most recently used; NULL when there is none.
 */
void		*cache_get(struct cache *, const void *key, size_t klen);
/* cache_get with a NUL-terminated key. */
void		*cache_gets(struct cache *, const char *key);
/*
 * Keeps value (taken over) for the key (copied), counting bytes for it
 * plus the key, in place of any value kept for that key; the least
 * recently used values make room. A value larger than the whole cache,
 * or offered while the version is unknown, is freed at once. Returns
 * value when kept, else NULL.
 */
void		*cache_put(struct cache *, const void *key, size_t klen,
		    void *value, size_t bytes);
/* cache_put with a NUL-terminated key. */
void		*cache_puts(struct cache *, const char *key, void *value,
		    size_t bytes);
/* Drops every value (the version stays). */
void		 cache_clear(struct cache *);
void		 cache_stats(const struct cache *, struct cache_stats *);

#endif
