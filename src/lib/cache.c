/*
 * cache.c: a bounded key-value cache (see cache.h). Values are found by
 * a 64-bit FNV-1a hash of their key in a table of chains sized once
 * (a power of two, at least the entry bound), and kept in a list from
 * the most to the least recently used, so a lookup, a keep and an
 * eviction each cost O(1 + key length). The cache owns its keys and,
 * through free_fn, its values; it never looks inside a value. It must
 * never hold a value of another content version than its own: a new
 * version empties it before anything is looked up. The values it drops
 * for a new version are only retired, and freed by cache_reap: a request
 * that writes content and reads on may still hold answers it had before
 * its write (course rows, outlines), and they must stay valid until the
 * request ends.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cache.h"
#include "lib/mem.h"

struct cache_entry {
	struct cache_entry	*hnext;		/* next in the chain */
	struct cache_entry	*prev, *next;	/* more, less recently used */
	uint64_t		 hash;
	void			*value;
	size_t			 bytes;		/* value's, plus the key */
	size_t			 klen;
	unsigned char		 key[];
};

struct cache {
	struct cache		 *next_cache;	/* every cache, for reaping */
	struct cache_entry	 *retired;	/* dropped for a version */
	struct cache_entry	**buckets;
	size_t			  nbuckets;	/* a power of two */
	struct cache_entry	 *head, *tail;	/* most, least recent */
	size_t			  max_entries, max_bytes;
	void			(*free_fn)(void *);
	int64_t			  version;
	struct cache_stats	  st;
};

static struct cache	*all_caches;

static uint64_t	key_hash(const void *, size_t);
static void	free_entry(struct cache *, struct cache_entry *);
static struct cache_entry **chain_of(struct cache *, const void *, size_t,
		    uint64_t);
static void	unlink_lru(struct cache *, struct cache_entry *);
static void	push_front(struct cache *, struct cache_entry *);
static void	drop(struct cache *, struct cache_entry *);

/* FNV-1a, 64 bits, over klen bytes. */
static uint64_t
key_hash(const void *key, size_t klen)
{
	const unsigned char	*p = key;
	uint64_t		 h = 14695981039346656037ULL;
	size_t			 i;

	for (i = 0; i < klen; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return (h);
}

struct cache *
cache_new(size_t max_entries, size_t max_bytes, void (*free_fn)(void *))
{
	struct cache	*c;

	c = xcalloc(1, sizeof(*c));
	c->max_entries = max_entries > 0 ? max_entries : 1;
	c->max_bytes = max_bytes;
	c->free_fn = free_fn;
	c->nbuckets = 16;
	while (c->nbuckets < c->max_entries)
		c->nbuckets *= 2;
	c->buckets = xcalloc(c->nbuckets, sizeof(*c->buckets));
	c->next_cache = all_caches;
	all_caches = c;
	return (c);
}

void
cache_free(struct cache *c)
{
	struct cache		**pp;
	struct cache_entry	 *e;

	if (c == NULL)
		return;
	cache_clear(c);
	while ((e = c->retired) != NULL) {
		c->retired = e->hnext;
		free_entry(c, e);
	}
	for (pp = &all_caches; *pp != NULL; pp = &(*pp)->next_cache)
		if (*pp == c) {
			*pp = c->next_cache;
			break;
		}
	free(c->buckets);
	free(c);
}

int
cache_sync(struct cache *c, int64_t version)
{
	struct cache_entry	*e;

	if (version == c->version)
		return (version == CACHE_NO_VERSION ? -1 : 0);
	if (c->head != NULL)
		c->st.flushes++;
	/* Retired, not freed: see the top of the file. */
	while ((e = c->tail) != NULL) {
		unlink_lru(c, e);
		e->hnext = c->retired;
		c->retired = e;
	}
	memset(c->buckets, 0, c->nbuckets * sizeof(*c->buckets));
	c->st.entries = 0;
	c->st.bytes = 0;
	c->version = version;
	return (version == CACHE_NO_VERSION ? -1 : 0);
}

void
cache_reap(void)
{
	struct cache		*c;
	struct cache_entry	*e;

	for (c = all_caches; c != NULL; c = c->next_cache)
		while ((e = c->retired) != NULL) {
			c->retired = e->hnext;
			free_entry(c, e);
		}
}

/* Frees e and its value (e is in no chain and no list). */
static void
free_entry(struct cache *c, struct cache_entry *e)
{
	if (c->free_fn != NULL)
		c->free_fn(e->value);
	free(e);
}

/* The link that points, or would point, at key's entry in its chain. */
static struct cache_entry **
chain_of(struct cache *c, const void *key, size_t klen, uint64_t h)
{
	struct cache_entry	**pp;

	for (pp = &c->buckets[h & (c->nbuckets - 1)]; *pp != NULL;
	    pp = &(*pp)->hnext)
		if ((*pp)->hash == h && (*pp)->klen == klen &&
		    memcmp((*pp)->key, key, klen) == 0)
			break;
	return (pp);
}

static void
unlink_lru(struct cache *c, struct cache_entry *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void
push_front(struct cache *c, struct cache_entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head != NULL)
		c->head->prev = e;
	c->head = e;
	if (c->tail == NULL)
		c->tail = e;
}

/* Takes e out of its chain and the list, and frees it and its value. */
static void
drop(struct cache *c, struct cache_entry *e)
{
	struct cache_entry	**pp;

	pp = chain_of(c, e->key, e->klen, e->hash);
	if (*pp == e)
		*pp = e->hnext;
	unlink_lru(c, e);
	c->st.entries--;
	c->st.bytes -= e->bytes;
	free_entry(c, e);
}

void *
cache_get(struct cache *c, const void *key, size_t klen)
{
	struct cache_entry	*e;

	if ((e = *chain_of(c, key, klen, key_hash(key, klen))) == NULL) {
		c->st.misses++;
		return (NULL);
	}
	c->st.hits++;
	if (c->head != e) {
		unlink_lru(c, e);
		push_front(c, e);
	}
	return (e->value);
}

void *
cache_gets(struct cache *c, const char *key)
{
	return (cache_get(c, key, strlen(key)));
}

void *
cache_put(struct cache *c, const void *key, size_t klen, void *value,
    size_t bytes)
{
	struct cache_entry	*e, **pp;
	uint64_t		 h;

	h = key_hash(key, klen);
	if ((e = *chain_of(c, key, klen, h)) != NULL)
		drop(c, e);
	bytes += klen;
	if (c->version == CACHE_NO_VERSION || bytes > c->max_bytes ||
	    bytes < klen) {
		if (c->free_fn != NULL)
			c->free_fn(value);
		return (NULL);
	}
	while (c->tail != NULL && (c->st.entries >= c->max_entries ||
	    c->st.bytes + bytes > c->max_bytes)) {
		c->st.evictions++;
		drop(c, c->tail);
	}
	e = xmalloc(sizeof(*e) + klen);
	memcpy(e->key, key, klen);
	e->klen = klen;
	e->hash = h;
	e->value = value;
	e->bytes = bytes;
	pp = &c->buckets[h & (c->nbuckets - 1)];
	e->hnext = *pp;
	*pp = e;
	push_front(c, e);
	c->st.entries++;
	c->st.bytes += bytes;
	return (value);
}

void *
cache_puts(struct cache *c, const char *key, void *value, size_t bytes)
{
	return (cache_put(c, key, strlen(key), value, bytes));
}

void
cache_clear(struct cache *c)
{
	while (c->tail != NULL)
		drop(c, c->tail);
}

void
cache_stats(const struct cache *c, struct cache_stats *out)
{
	*out = c->st;
}
