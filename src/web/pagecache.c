/*
 * pagecache.c: the per-worker page cache (see pagecache.h).
 *
 * The pages of anonymous visitors differ only by what their key holds
 * (language, time zone, path and query string), by the content version,
 * by the clock, and by the visitor's CSRF token. So an entry is reused
 * from the second it was made in until the first second its handler said
 * the clock could change it (a call opening or closing; never, for most
 * pages), while the content version stays the one it was read at, and
 * it is then byte for byte the page the handler would render, but for
 * the token: that is patched in at the offsets where the storing
 * visitor's token stood. The token is an HMAC no author can predict, so
 * those offsets are exactly the token's places. The pages live in one
 * bounded cache (lib/cache.h): PAGECACHE_SLOTS pages and
 * PAGECACHE_BYTES_MAX bytes at most, least recently used first out, all
 * dropped when the content version moves. Each page is also kept gzipped
 * in runs around the token's places (web/gzip.h), for clients that
 * accept it: a hit then costs no compression.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "web/gzip.h"
#include "web/pagecache.h"

#define PC_MAX_TOKENS	16

struct pc_page {
	int64_t			 made;	/* second it was rendered in */
	int64_t			 until;	/* first second it may be wrong */
	size_t			 tok[PC_MAX_TOKENS];
	size_t			 ntok;
	struct gzip_parts	 gz;	/* compressed around the tokens */
	int			 has_gz;
	size_t			 len;
	char			 data[];
};

static struct cache	*pages;
static int		 enabled = 1;
static uint64_t		 hits, misses;

static struct cache	*pages_get(void);
static void		 page_free(void *);

static void
page_free(void *v)
{
	struct pc_page	*p = v;

	if (p->has_gz)
		gzip_parts_free(&p->gz);
	free(p);
}

static struct cache *
pages_get(void)
{
	if (pages == NULL)
		pages = cache_new(PAGECACHE_SLOTS, PAGECACHE_BYTES_MAX,
		    page_free);
	return (pages);
}

void
pagecache_enable(int on)
{
	enabled = on;
	if (!on)
		pagecache_clear();
}

int
pagecache_enabled(void)
{
	return (enabled);
}

int
pagecache_sync(int64_t version)
{
	if (!enabled)
		return (-1);
	return (cache_sync(pages_get(), version));
}

int
pagecache_get(const char *key, int64_t now, const char *token, int gzip,
    struct buf *out)
{
	struct pc_page	*p;
	size_t		 i, start;

	if (!enabled || strlen(token) != PAGECACHE_TOKEN_LEN)
		return (PAGECACHE_MISS);
	if ((p = cache_gets(pages_get(), key)) == NULL || now < p->made ||
	    now >= p->until) {
		misses++;
		return (PAGECACHE_MISS);
	}
	hits++;
	if (gzip && p->has_gz) {
		gzip_parts_emit(&p->gz, token, out);
		return (PAGECACHE_GZIP);
	}
	start = out->len;
	buf_append(out, p->data, p->len);
	for (i = 0; i < p->ntok; i++)
		memcpy(out->data + start + p->tok[i], token,
		    PAGECACHE_TOKEN_LEN);
	return (PAGECACHE_PLAIN);
}

void
pagecache_put(const char *key, int64_t now, int64_t until, const char *page,
    size_t len, const char *token)
{
	struct pc_page	*p;
	size_t		 tok[PC_MAX_TOKENS], ntok = 0;
	const char	*s, *end = page + len;

	if (!enabled || strlen(key) >= PAGECACHE_KEY_MAX ||
	    len > PAGECACHE_PAGE_MAX || strlen(token) != PAGECACHE_TOKEN_LEN ||
	    until <= now)
		return;
	for (s = page; (s = memmem(s, (size_t)(end - s), token,
	    PAGECACHE_TOKEN_LEN)) != NULL; s += PAGECACHE_TOKEN_LEN) {
		if (ntok == PC_MAX_TOKENS)
			return;		/* too many places: not kept */
		tok[ntok++] = (size_t)(s - page);
	}
	p = xmalloc(sizeof(*p) + len);
	p->made = now;
	p->until = until;
	memcpy(p->tok, tok, sizeof(tok));
	p->ntok = ntok;
	p->len = len;
	memcpy(p->data, page, len);
	/* Compressed once, here, at zlib's best: every hit reuses it. */
	p->has_gz = len >= GZIP_MIN_BYTES && gzip_parts_make(page, len, tok,
	    ntok, PAGECACHE_TOKEN_LEN, 9, &p->gz) == 0;
	(void)cache_puts(pages_get(), key, p, len +
	    (p->has_gz ? gzip_parts_size(&p->gz) : 0));
}

void
pagecache_stats(uint64_t *nhits, uint64_t *nmisses, size_t *nbytes)
{
	struct cache_stats	st;

	cache_stats(pages_get(), &st);
	*nhits = hits;
	*nmisses = misses;
	*nbytes = st.bytes;
}

void
pagecache_clear(void)
{
	cache_clear(pages_get());
}
