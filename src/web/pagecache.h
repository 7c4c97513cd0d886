/*
 * pagecache.h: whole pages for anonymous visitors, kept per worker (see
 * pagecache.c). The caller puts into the key everything a page depends
 * on but the clock: the database version, language, time zone, path and
 * query. A page is reused only within the second it was made in, and the
 * one per-visitor value in it, the CSRF token, is patched in.
 */
#ifndef ETHICA_WEB_PAGECACHE_H
#define ETHICA_WEB_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

#define PAGECACHE_KEY_MAX	1024	/* longer keys are not cached */
#define PAGECACHE_PAGE_MAX	(512 * 1024)
#define PAGECACHE_TOKEN_LEN	64	/* the CSRF token, in hex */

struct buf;

/* Turns the cache on or off for this process (on by default). */
void	pagecache_enable(int);
int	pagecache_enabled(void);
/*
 * When a page for key was stored in second now, appends it to out with
 * token in every place that held the storing visitor's token, and returns
 * 1; else 0.
 */
int	pagecache_get(const char *key, int64_t now, const char *token,
	    struct buf *out);
/* Stores page (len bytes) for key, made in second now and holding token
 * (PAGECACHE_TOKEN_LEN characters) wherever it holds the visitor's. */
void	pagecache_put(const char *key, int64_t now, const char *page,
	    size_t len, const char *token);
/* Drops every page. */
void	pagecache_clear(void);

#endif
