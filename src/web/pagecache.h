/*
 * pagecache.h: whole pages for anonymous visitors, kept per worker (see
 * pagecache.c). The caller gives the content version the page was read
 * at (pagecache_sync), puts into the key everything else a page depends
 * on but the clock: language, time zone, path and query, and says until
 * when the clock leaves the page true. A page is reused from the second
 * it was made in until then or until the content version moves, and the
 * one per-visitor value in it, the CSRF token, is patched in.
 */
#ifndef ETHICA_WEB_PAGECACHE_H
#define ETHICA_WEB_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

#define PAGECACHE_KEY_MAX	1024	/* longer keys are not cached */
#define PAGECACHE_PAGE_MAX	(512 * 1024)
#define PAGECACHE_TOKEN_LEN	64	/* the CSRF token, in hex */
#define PAGECACHE_SLOTS		2048	/* pages kept per worker */
#define PAGECACHE_BYTES_MAX	(48 * 1024 * 1024)	/* per worker */
#define PAGECACHE_FOREVER	INT64_MAX	/* until the content changes */

struct buf;

/* Turns the cache on or off for this process (on by default). */
void	pagecache_enable(int);
int	pagecache_enabled(void);
/*
 * The content version (dctx_content_version) the next lookups and pages
 * are read at: a different one from the pages' drops them all. 0, or -1
 * when the cache is off or the version unknown (CACHE_NO_VERSION): then
 * nothing is found or kept.
 */
int	pagecache_sync(int64_t version);
/* What pagecache_get found. */
#define PAGECACHE_MISS	0
#define PAGECACHE_PLAIN	1	/* out holds the page */
#define PAGECACHE_GZIP	2	/* out holds it as one gzip member */
/*
 * When a page for key was stored at or before second now and until a
 * later second, appends it to out with token in every place that held
 * the storing visitor's token: gzip-compressed when gzip is non-zero
 * (the page was compressed when stored, in runs around the token's
 * places, so nothing is compressed again), else plain. Returns what it
 * appended, PAGECACHE_MISS when nothing.
 */
int	pagecache_get(const char *key, int64_t now, const char *token,
	    int gzip, struct buf *out);
/* Stores page (len bytes) for key, made in second now, true until second
 * until (excluded; PAGECACHE_FOREVER: as long as its key stands) and
 * holding token (PAGECACHE_TOKEN_LEN characters) wherever it holds the
 * visitor's. */
void	pagecache_put(const char *key, int64_t now, int64_t until,
	    const char *page, size_t len, const char *token);
/* Lookups that found a page, lookups that did not, bytes kept. */
void	pagecache_stats(uint64_t *hits, uint64_t *misses, size_t *bytes);
/* Drops every page. */
void	pagecache_clear(void);

#endif
