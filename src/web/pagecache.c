/*
 * pagecache.c: the per-worker page cache (see pagecache.h).
 *
 * The pages of anonymous visitors differ only by what their key holds
 * (the database version, language, time zone, path and query string), by
 * the clock, and by the visitor's CSRF token. So an entry is reused from
 * the second it was made in until the first second its handler said the
 * clock could change it (a call opening or closing; never, for most
 * pages), and it is then byte for byte the page the handler would
 * render, but for the token: that is patched in at the offsets where the
 * storing visitor's token stood. The token is an HMAC no author can
 * predict, so those offsets are exactly the token's places. Entries of
 * an older database version are never looked up again and go first when
 * a slot is needed (least recently used); PAGECACHE_SLOTS pages and
 * PAGECACHE_BYTES_MAX bytes at most, found through a hash table.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/mem.h"
#include "web/pagecache.h"

#define PC_BUCKETS	(2 * PAGECACHE_SLOTS)
#define PC_MAX_TOKENS	16

struct pc_entry {
	char		*key;		/* NULL: a free slot */
	uint32_t	 khash;
	int		 next;		/* next slot in the bucket, -1 */
	int64_t		 made;		/* second it was rendered in */
	int64_t		 until;		/* first second it may be wrong */
	char		*page;
	size_t		 len;
	size_t		 tok[PC_MAX_TOKENS];
	size_t		 ntok;
	uint64_t	 used;		/* least recently used goes first */
};

static struct pc_entry	slots[PAGECACHE_SLOTS];
static int		buckets[PC_BUCKETS];
static int		ready;
static size_t		bytes;		/* pages kept, in bytes */
static uint64_t		ticks;
static uint64_t		hits, misses;
static int		enabled = 1;

static void		 init(void);
static struct pc_entry	*find(const char *, uint32_t);
static struct pc_entry	*victim(void);
static struct pc_entry	*lru(void);
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

	if (!enabled || strlen(token) != PAGECACHE_TOKEN_LEN)
		return (0);
	if ((e = find(key, fnv1a(key))) == NULL || now < e->made ||
	    now >= e->until) {
		misses++;
		return (0);
	}
	hits++;
	e->used = ++ticks;
	start = out->len;
	buf_append(out, e->page, e->len);
	for (i = 0; i < e->ntok; i++)
		memcpy(out->data + start + e->tok[i], token,
		    PAGECACHE_TOKEN_LEN);
	return (1);
}

void
pagecache_put(const char *key, int64_t now, int64_t until, const char *page,
    size_t len, const char *token)
{
	struct pc_entry	*e;
	size_t		 tok[PC_MAX_TOKENS], ntok = 0;
	const char	*p, *end = page + len;
	uint32_t	 h;
	int		 b;

	if (!enabled || strlen(key) >= PAGECACHE_KEY_MAX ||
	    len > PAGECACHE_PAGE_MAX || strlen(token) != PAGECACHE_TOKEN_LEN ||
	    until <= now)
		return;
	for (p = page; (p = memmem(p, (size_t)(end - p), token,
	    PAGECACHE_TOKEN_LEN)) != NULL; p += PAGECACHE_TOKEN_LEN) {
		if (ntok == PC_MAX_TOKENS)
			return;		/* too many places: not kept */
		tok[ntok++] = (size_t)(p - page);
	}
	init();
	h = fnv1a(key);
	if ((e = find(key, h)) != NULL)
		drop(e);
	while (bytes + len > PAGECACHE_BYTES_MAX && (e = lru()) != NULL)
		drop(e);
	if ((e = victim()) == NULL)
		return;
	drop(e);
	e->key = xstrdup(key);
	e->khash = h;
	e->made = now;
	e->until = until;
	e->page = xmalloc(len > 0 ? len : 1);
	memcpy(e->page, page, len);
	e->len = len;
	bytes += len;
	memcpy(e->tok, tok, sizeof(tok));
	e->ntok = ntok;
	e->used = ++ticks;
	b = (int)(h % PC_BUCKETS);
	e->next = buckets[b];
	buckets[b] = (int)(e - slots);
}

void
pagecache_stats(uint64_t *nhits, uint64_t *nmisses, size_t *nbytes)
{
	*nhits = hits;
	*nmisses = misses;
	*nbytes = bytes;
}

void
pagecache_clear(void)
{
	size_t	i;

	init();
	for (i = 0; i < PAGECACHE_SLOTS; i++)
		drop(&slots[i]);
}

/* Empty buckets (once). */
static void
init(void)
{
	size_t	i;

	if (ready)
		return;
	for (i = 0; i < PC_BUCKETS; i++)
		buckets[i] = -1;
	ready = 1;
}

static struct pc_entry *
find(const char *key, uint32_t h)
{
	int	i;

	init();
	for (i = buckets[h % PC_BUCKETS]; i != -1; i = slots[i].next)
		if (slots[i].khash == h && strcmp(slots[i].key, key) == 0)
			return (&slots[i]);
	return (NULL);
}

/* A free slot, else the least recently used one (a scan, on a miss). */
static struct pc_entry *
victim(void)
{
	size_t	i;

	for (i = 0; i < PAGECACHE_SLOTS; i++)
		if (slots[i].key == NULL)
			return (&slots[i]);
	return (lru());
}

/* The least recently used page, NULL when none is kept. */
static struct pc_entry *
lru(void)
{
	struct pc_entry	*v = NULL;
	size_t		 i;

	for (i = 0; i < PAGECACHE_SLOTS; i++)
		if (slots[i].key != NULL && (v == NULL ||
		    slots[i].used < v->used))
			v = &slots[i];
	return (v);
}

/* Frees the slot's page and takes it out of its bucket. */
static void
drop(struct pc_entry *e)
{
	int	*pp, self = (int)(e - slots);

	if (e->key != NULL) {
		for (pp = &buckets[e->khash % PC_BUCKETS]; *pp != -1;
		    pp = &slots[*pp].next) {
			if (*pp == self) {
				*pp = e->next;
				break;
			}
		}
		bytes -= e->len;
	}
	free(e->key);
	free(e->page);
	memset(e, 0, sizeof(*e));
	e->next = -1;
}
