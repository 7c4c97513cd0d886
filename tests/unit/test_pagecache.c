/*
 * test_pagecache.c: the per-worker page cache (src/web/pagecache.c): a
 * page comes back only for its key and from its second until the second
 * its handler gave (not only within its second), with the asking
 * visitor's token in every place the storing visitor's stood; pages with
 * more token places than it can patch, or too big, are not kept; the
 * least recently used page makes room; a new content version drops
 * every page; off means off. A client that accepts gzip gets the page
 * as one gzip member that zlib inflates to the same bytes, its own token
 * in every place (issue 20.3); a short page goes out plain.
 */
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "lib/buf.h"
#include "lib/cache.h"
#include "web/gzip.h"
#include "web/pagecache.h"
#include "t.h"

static char	tok_a[PAGECACHE_TOKEN_LEN + 1], tok_b[PAGECACHE_TOKEN_LEN + 1];

static void
tokens(void)
{
	memset(tok_a, 'a', PAGECACHE_TOKEN_LEN);
	memset(tok_b, 'b', PAGECACHE_TOKEN_LEN);
	memcpy(tok_a, "0123", 4);
	memcpy(tok_b, "4567", 4);
}

/* "<p>A</p><input value=A><i>A</i>" with tok standing for A. */
static void
page_with(struct buf *b, const char *tok)
{
	buf_reset(b);
	buf_appendf(b, "<p>%s</p><input value=%s><i>%s</i>", tok, tok, tok);
}

static void
test_patch(void)
{
	struct buf	page, want, out;

	pagecache_clear();
	buf_init(&page);
	buf_init(&want);
	buf_init(&out);
	page_with(&page, tok_a);
	page_with(&want, tok_b);
	pagecache_put("k1", 100, PAGECACHE_FOREVER, page.data, page.len, tok_a);
	T_ASSERT(pagecache_get("k1", 100, tok_b, 0, &out) == 1);
	T_ASSERT(out.len == want.len);
	T_STREQ(out.data, want.data);
	buf_reset(&out);
	/* Later seconds too (issue 14.3), never an earlier one. */
	T_ASSERT(pagecache_get("k1", 100 + 86400, tok_b, 0, &out) == 1);
	T_STREQ(out.data, want.data);
	buf_reset(&out);
	T_ASSERT(pagecache_get("k1", 99, tok_b, 0, &out) == 0);
	T_ASSERT(pagecache_get("k2", 100, tok_b, 0, &out) == 0);
	T_ASSERT(pagecache_get("k1", 100, "short", 0, &out) == 0);
	T_ASSERT(out.len == 0);
	/* A page without the token comes back as it was. */
	pagecache_put("plain", 100, PAGECACHE_FOREVER, "<p>hello</p>", 12, tok_a);
	T_ASSERT(pagecache_get("plain", 100, tok_b, 0, &out) == 1);
	T_STREQ(out.data, "<p>hello</p>");
	buf_free(&page);
	buf_free(&want);
	buf_free(&out);
}

static void
test_limits(void)
{
	struct buf	page, out;
	int		i;

	pagecache_clear();
	buf_init(&page);
	buf_init(&out);
	for (i = 0; i < 17; i++)
		buf_puts(&page, tok_a);
	pagecache_put("many", 5, PAGECACHE_FOREVER, page.data, page.len, tok_a);
	T_ASSERT(pagecache_get("many", 5, tok_b, 0, &out) == 0);
	buf_reset(&page);
	while (page.len <= PAGECACHE_PAGE_MAX)
		buf_puts(&page, "0123456789abcdef");
	pagecache_put("big", 5, PAGECACHE_FOREVER, page.data, page.len, tok_a);
	T_ASSERT(pagecache_get("big", 5, tok_b, 0, &out) == 0);
	/* Replacing a key keeps one page for it, the newest. */
	pagecache_put("k", 5, PAGECACHE_FOREVER, "old", 3, tok_a);
	pagecache_put("k", 5, PAGECACHE_FOREVER, "new", 3, tok_a);
	T_ASSERT(pagecache_get("k", 5, tok_b, 0, &out) == 1);
	T_STREQ(out.data, "new");
	buf_free(&page);
	buf_free(&out);
}

/* A page the clock changes at second 150 (a call closing) is kept until
 * 149 and never served from 150 on; an "until" not after now is not kept. */
static void
test_until(void)
{
	struct buf	out;

	pagecache_clear();
	buf_init(&out);
	pagecache_put("home", 100, 150, "open", 4, tok_a);
	T_ASSERT(pagecache_get("home", 100, tok_b, 0, &out) == 1);
	T_ASSERT(pagecache_get("home", 149, tok_b, 0, &out) == 1);
	T_ASSERT(pagecache_get("home", 150, tok_b, 0, &out) == 0);
	T_ASSERT(pagecache_get("home", 1000, tok_b, 0, &out) == 0);
	pagecache_put("late", 100, 100, "x", 1, tok_a);
	T_ASSERT(pagecache_get("late", 100, tok_b, 0, &out) == 0);
	buf_free(&out);
}

#define COLD	(PAGECACHE_SLOTS + 200)

static void
test_lru_and_off(void)
{
	struct buf	out;
	char		key[32];
	int		i, kept = 0;

	pagecache_clear();
	buf_init(&out);
	pagecache_put("hot", 7, PAGECACHE_FOREVER, "hot", 3, tok_a);
	for (i = 0; i < COLD; i++) {
		(void)snprintf(key, sizeof(key), "cold%d", i);
		pagecache_put(key, 7, PAGECACHE_FOREVER, "cold", 4, tok_a);
		buf_reset(&out);
		T_ASSERT(pagecache_get("hot", 7, tok_b, 0, &out) == 1);
	}
	for (i = 0; i < COLD; i++) {
		(void)snprintf(key, sizeof(key), "cold%d", i);
		buf_reset(&out);
		kept += pagecache_get(key, 7, tok_b, 0, &out);
	}
	T_ASSERT(kept == PAGECACHE_SLOTS - 1);
	buf_reset(&out);
	(void)snprintf(key, sizeof(key), "cold%d", COLD - 1);
	T_ASSERT(pagecache_get(key, 7, tok_b, 0, &out) == 1);
	T_ASSERT(pagecache_get("cold0", 7, tok_b, 0, &out) == 0);
	pagecache_enable(0);
	T_ASSERT(!pagecache_enabled());
	T_ASSERT(pagecache_get("hot", 7, tok_b, 0, &out) == 0);
	pagecache_put("hot", 7, PAGECACHE_FOREVER, "hot", 3, tok_a);
	pagecache_enable(1);
	T_ASSERT(pagecache_get("hot", 7, tok_b, 0, &out) == 0);
	pagecache_clear();
	buf_free(&out);
}

/* Pages are kept for one content version: a new one (a publication on
 * any node) drops them all; an unknown one keeps and finds nothing. */
static void
test_version(void)
{
	struct buf	out;

	pagecache_clear();
	buf_init(&out);
	T_ASSERT(pagecache_sync(500) == 0);
	pagecache_put("case", 10, PAGECACHE_FOREVER, "v500", 4, tok_a);
	T_ASSERT(pagecache_sync(500) == 0);
	T_ASSERT(pagecache_get("case", 11, tok_b, 0, &out) == 1);
	T_ASSERT(pagecache_sync(501) == 0);
	T_ASSERT(pagecache_get("case", 11, tok_b, 0, &out) == 0);
	pagecache_put("case", 11, PAGECACHE_FOREVER, "v501", 4, tok_a);
	T_ASSERT(pagecache_sync(CACHE_NO_VERSION) == -1);
	T_ASSERT(pagecache_get("case", 11, tok_b, 0, &out) == 0);
	pagecache_put("case", 11, PAGECACHE_FOREVER, "none", 4, tok_a);
	T_ASSERT(pagecache_sync(501) == 0);
	T_ASSERT(pagecache_get("case", 11, tok_b, 0, &out) == 0);
	pagecache_enable(0);
	T_ASSERT(pagecache_sync(501) == -1);
	pagecache_enable(1);
	buf_free(&out);
}

static void
test_gzip(void)
{
	struct buf	page, want, out;
	z_stream	s;
	char		back[8192];
	int		i;

	pagecache_clear();
	buf_init(&page);
	buf_init(&want);
	buf_init(&out);
	for (i = 0; i < 40; i++) {
		buf_appendf(&page, "<p>Lesson %d</p><input value=%s>\n", i,
		    i % 8 == 0 ? tok_a : "x");
		buf_appendf(&want, "<p>Lesson %d</p><input value=%s>\n", i,
		    i % 8 == 0 ? tok_b : "x");
	}
	T_ASSERT(page.len >= GZIP_MIN_BYTES);
	pagecache_put("gz", 100, PAGECACHE_FOREVER, page.data, page.len,
	    tok_a);
	T_ASSERT(pagecache_get("gz", 100, tok_b, 1, &out) == PAGECACHE_GZIP);
	T_ASSERT(out.len < page.len);
	memset(&s, 0, sizeof(s));
	T_ASSERT(inflateInit2(&s, 16 + 15) == Z_OK);
	s.next_in = (Bytef *)out.data;
	s.avail_in = (uInt)out.len;
	s.next_out = (Bytef *)back;
	s.avail_out = sizeof(back);
	T_ASSERT(inflate(&s, Z_FINISH) == Z_STREAM_END);
	T_ASSERT(s.total_out == want.len && memcmp(back, want.data,
	    want.len) == 0);
	(void)inflateEnd(&s);
	buf_reset(&out);
	T_ASSERT(pagecache_get("gz", 100, tok_b, 0, &out) ==
	    PAGECACHE_PLAIN);
	T_ASSERT(out.len == want.len && memcmp(out.data, want.data,
	    want.len) == 0);
	/* Short pages are kept plain only. */
	page_with(&page, tok_a);
	pagecache_put("short", 100, PAGECACHE_FOREVER, page.data, page.len,
	    tok_a);
	buf_reset(&out);
	T_ASSERT(pagecache_get("short", 100, tok_b, 1, &out) ==
	    PAGECACHE_PLAIN);
	buf_free(&page);
	buf_free(&want);
	buf_free(&out);
}

int
main(void)
{
	tokens();
	T_RUN(test_patch);
	T_RUN(test_limits);
	T_RUN(test_until);
	T_RUN(test_lru_and_off);
	T_RUN(test_version);
	T_RUN(test_gzip);
	return (t_done());
}
