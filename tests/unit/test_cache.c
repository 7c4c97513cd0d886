/*
 * test_cache.c: the one bounded cache (src/lib/cache.c): its entry and
 * byte bounds hold, the least recently used value goes first (a lookup
 * makes a value recent), a new content version empties it and an
 * unknown one keeps nothing (what a new version drops stays valid until
 * cache_reap), bytes are counted for keys and values and
 * given back when a value is replaced or dropped, and every value the
 * cache lets go is freed exactly once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cache.h"
#include "t.h"

static int	freed;

static void
count_free(void *v)
{
	freed++;
	free(v);
}

/* A malloc'd copy of s, as a value. */
static char *
val(const char *s)
{
	char	*v;

	v = malloc(strlen(s) + 1);
	memcpy(v, s, strlen(s) + 1);
	return (v);
}

static void
test_entry_bound(void)
{
	struct cache		*c;
	struct cache_stats	 st;
	char			 key[16];
	int			 i;

	freed = 0;
	c = cache_new(4, 1 << 20, count_free);
	for (i = 0; i < 10; i++) {
		(void)snprintf(key, sizeof(key), "k%d", i);
		T_ASSERT(cache_puts(c, key, val(key), 10) != NULL);
		cache_stats(c, &st);
		T_ASSERT(st.entries <= 4);
	}
	cache_stats(c, &st);
	T_ASSERT(st.entries == 4);
	T_ASSERT(st.evictions == 6);
	T_ASSERT(freed == 6);
	/* The last four stayed. */
	T_ASSERT(cache_gets(c, "k5") == NULL);
	T_STREQ(cache_gets(c, "k6"), "k6");
	T_STREQ(cache_gets(c, "k9"), "k9");
	cache_free(c);
	T_ASSERT(freed == 10);
}

static void
test_lru_order(void)
{
	struct cache	*c;

	freed = 0;
	c = cache_new(3, 1 << 20, count_free);
	(void)cache_puts(c, "a", val("a"), 1);
	(void)cache_puts(c, "b", val("b"), 1);
	(void)cache_puts(c, "c", val("c"), 1);
	/* a is used: b is now the least recently used. */
	T_STREQ(cache_gets(c, "a"), "a");
	(void)cache_puts(c, "d", val("d"), 1);
	T_ASSERT(cache_gets(c, "b") == NULL);
	T_STREQ(cache_gets(c, "a"), "a");
	T_STREQ(cache_gets(c, "c"), "c");
	T_STREQ(cache_gets(c, "d"), "d");
	/* Order now (least recent first): a c d; e pushes a out. */
	(void)cache_puts(c, "e", val("e"), 1);
	T_ASSERT(cache_gets(c, "a") == NULL);
	T_STREQ(cache_gets(c, "c"), "c");
	cache_free(c);
	T_ASSERT(freed == 5);
}

static void
test_byte_bound(void)
{
	struct cache		*c;
	struct cache_stats	 st;

	freed = 0;
	/* Keys are one byte: each value below costs 100 + 1. */
	c = cache_new(100, 350, count_free);
	(void)cache_puts(c, "a", val("a"), 100);
	(void)cache_puts(c, "b", val("b"), 100);
	(void)cache_puts(c, "c", val("c"), 100);
	cache_stats(c, &st);
	T_ASSERT(st.bytes == 303);
	/* 303 + 101 > 350: a goes. */
	(void)cache_puts(c, "d", val("d"), 100);
	cache_stats(c, &st);
	T_ASSERT(st.bytes == 303);
	T_ASSERT(st.entries == 3);
	T_ASSERT(cache_gets(c, "a") == NULL);
	/* A value worth two makes room for itself by dropping two. */
	(void)cache_puts(c, "e", val("e"), 200);
	cache_stats(c, &st);
	T_ASSERT(st.bytes == 201 + 101);
	T_ASSERT(st.bytes <= 350);
	T_STREQ(cache_gets(c, "d"), "d");
	/* Larger than the cache: not kept, freed at once, nothing lost. */
	T_ASSERT(cache_puts(c, "f", val("f"), 400) == NULL);
	T_ASSERT(cache_gets(c, "f") == NULL);
	T_STREQ(cache_gets(c, "e"), "e");
	cache_free(c);
	T_ASSERT(freed == 6);
}

static void
test_bytes_replace(void)
{
	struct cache		*c;
	struct cache_stats	 st;

	freed = 0;
	c = cache_new(8, 1 << 20, count_free);
	(void)cache_puts(c, "key", val("one"), 50);
	(void)cache_puts(c, "key", val("two"), 20);
	cache_stats(c, &st);
	T_ASSERT(st.entries == 1);
	T_ASSERT(st.bytes == 23);
	T_ASSERT(freed == 1);
	T_STREQ(cache_gets(c, "key"), "two");
	/* Keys are bytes, not strings. */
	(void)cache_put(c, "ab\0c", 4, val("x"), 1);
	T_ASSERT(cache_get(c, "ab\0d", 4) == NULL);
	T_STREQ(cache_get(c, "ab\0c", 4), "x");
	T_ASSERT(cache_gets(c, "ab") == NULL);
	cache_clear(c);
	cache_stats(c, &st);
	T_ASSERT(st.entries == 0 && st.bytes == 0);
	T_ASSERT(freed == 3);
	cache_free(c);
}

static void
test_version(void)
{
	struct cache		*c;
	struct cache_stats	 st;
	const char		*a;

	freed = 0;
	c = cache_new(8, 1 << 20, count_free);
	T_ASSERT(cache_sync(c, 41) == 0);
	(void)cache_puts(c, "a", val("a"), 1);
	(void)cache_puts(c, "b", val("b"), 1);
	/* The same version keeps everything. */
	T_ASSERT(cache_sync(c, 41) == 0);
	T_STREQ(cache_gets(c, "a"), "a");
	/* Another version (older too) empties it; what it held stays valid
	 * for whoever holds it until the request ends (cache_reap). */
	a = cache_gets(c, "a");
	T_ASSERT(cache_sync(c, 42) == 0);
	T_ASSERT(cache_gets(c, "a") == NULL);
	T_ASSERT(cache_gets(c, "b") == NULL);
	cache_stats(c, &st);
	T_ASSERT(st.entries == 0 && st.bytes == 0);
	T_ASSERT(freed == 0);
	T_STREQ(a, "a");
	cache_reap();
	T_ASSERT(freed == 2);
	(void)cache_puts(c, "a", val("a"), 1);
	T_ASSERT(cache_sync(c, 41) == 0);
	T_ASSERT(cache_gets(c, "a") == NULL);
	cache_stats(c, &st);
	T_ASSERT(st.flushes == 2);
	cache_reap();
	/* Unknown: nothing is kept until a version is known again. */
	(void)cache_puts(c, "a", val("a"), 1);
	T_ASSERT(cache_sync(c, CACHE_NO_VERSION) == -1);
	T_ASSERT(cache_puts(c, "b", val("b"), 1) == NULL);
	T_ASSERT(cache_gets(c, "b") == NULL);
	T_ASSERT(cache_sync(c, CACHE_NO_VERSION) == -1);
	T_ASSERT(cache_sync(c, 43) == 0);
	T_ASSERT(cache_puts(c, "b", val("b"), 1) != NULL);
	T_STREQ(cache_gets(c, "b"), "b");
	cache_free(c);
	T_ASSERT(freed == 6);
}

/* Many keys in few buckets' worth: every one is found while kept. */
static void
test_many(void)
{
	struct cache		*c;
	struct cache_stats	 st;
	char			 key[32];
	int			 i, found = 0;

	freed = 0;
	c = cache_new(1000, 1 << 24, count_free);
	for (i = 0; i < 5000; i++) {
		(void)snprintf(key, sizeof(key), "/cases/case-%d", i);
		(void)cache_puts(c, key, val(key), 100);
	}
	for (i = 4000; i < 5000; i++) {
		(void)snprintf(key, sizeof(key), "/cases/case-%d", i);
		if (cache_gets(c, key) != NULL)
			found++;
	}
	T_ASSERT(found == 1000);
	cache_stats(c, &st);
	T_ASSERT(st.entries == 1000);
	T_ASSERT(st.hits == 1000);
	cache_free(c);
	T_ASSERT(freed == 5000);
}

int
main(void)
{
	T_RUN(test_entry_bound);
	T_RUN(test_lru_order);
	T_RUN(test_byte_bound);
	T_RUN(test_bytes_replace);
	T_RUN(test_version);
	T_RUN(test_many);
	return (t_done());
}
