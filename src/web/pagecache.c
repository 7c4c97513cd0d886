/*
 * pagecache.c: the per-worker page cache (see pagecache.h).
 *
 * The pages of anonymous visitors differ only by what their key holds
 * (the database version, language, time zone, path and query string), by
 * the clock, and by the visitor's CSRF token. So an entry is reused only
 * in the second it was made in, and it is then byte for byte the page
 * the handler would render, but for the token: that is patched in at the
 * offsets where the storing visitor's token stood. The token is an HMAC
 * no author can predict, so those offsets are exactly the token's places.
 * Entries of an older database version are never looked up again and go
 * first when a slot is needed.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/mem.h"
#include "web/pagecache.h"

#define PC_SLOTS	64
#define PC_MAX_TOKENS	16

struct pc_entry {
	char		*key;		/* NULL: a free slot */
	uint32_t	 khash;
	int64_t		 now;
	char		*page;
	size_t		 len;
	size_t		 tok[PC_MAX_TOKENS];
	size_t		 ntok;
	uint64_t	 used;		/* least recently used goes first */
};

static struct pc_entry	slots[PC_SLOTS];
static uint64_t		ticks;
static int		enabled = 1;

static struct pc_entry	*find(const char *, uint32_t);
static struct pc_entry	*victim(void);
static void		 drop(struct pc_entry *);

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
pagecache_get(const char *key, int64_t now, const char *token,
    struct buf *out)
{
	struct pc_entry	*e;
	size_t		 i, start;

	if (!enabled || strlen(token) != PAGECACHE_TOKEN_LEN ||
	    (e = find(key, fnv1a(key))) == NULL || e->now != now)
		return (0);
	e->used = ++ticks;
	start = out->len;
	buf_append(out, e->page, e->len);
	for (i = 0; i < e->ntok; i++)
		memcpy(out->data + start + e->tok[i], token,
		    PAGECACHE_TOKEN_LEN);
	return (1);
}

void
pagecache_put(const char *key, int64_t now, const char *page, size_t len,
    const char *token)
{
	struct pc_entry	*e;
	size_t		 tok[PC_MAX_TOKENS], ntok = 0;
	const char	*p, *end = page + len;
	uint32_t	 h;

	if (!enabled || strlen(key) >= PAGECACHE_KEY_MAX ||
	    len > PAGECACHE_PAGE_MAX || strlen(token) != PAGECACHE_TOKEN_LEN)
		return;
	for (p = page; (p = memmem(p, (size_t)(end - p), token,
	    PAGECACHE_TOKEN_LEN)) != NULL; p += PAGECACHE_TOKEN_LEN) {
		if (ntok == PC_MAX_TOKENS)
			return;		/* too many places: not kept */
		tok[ntok++] = (size_t)(p - page);
	}
	h = fnv1a(key);
	if ((e = find(key, h)) == NULL)
		e = victim();
	drop(e);
	e->key = xstrdup(key);
	e->khash = h;
	e->now = now;
	e->page = xmalloc(len > 0 ? len : 1);
	memcpy(e->page, page, len);
	e->len = len;
	memcpy(e->tok, tok, sizeof(tok));
	e->ntok = ntok;
	e->used = ++ticks;
}

void
pagecache_clear(void)
{
	size_t	i;

	for (i = 0; i < PC_SLOTS; i++)
		drop(&slots[i]);
}

static struct pc_entry *
find(const char *key, uint32_t h)
{
	size_t	i;

	for (i = 0; i < PC_SLOTS; i++)
		if (slots[i].key != NULL && slots[i].khash == h &&
		    strcmp(slots[i].key, key) == 0)
			return (&slots[i]);
	return (NULL);
}

/* A free slot, else the least recently used one. */
static struct pc_entry *
victim(void)
{
	struct pc_entry	*v = &slots[0];
	size_t		 i;

	for (i = 0; i < PC_SLOTS; i++) {
		if (slots[i].key == NULL)
			return (&slots[i]);
		if (slots[i].used < v->used)
			v = &slots[i];
	}
	return (v);
}

static void
drop(struct pc_entry *e)
{
	free(e->key);
	free(e->page);
	memset(e, 0, sizeof(*e));
}
