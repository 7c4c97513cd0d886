/*
 * case_cache.c: the children of recently shown published cases (texts,
 * links, tags, versions), so a case page reads only the case row and its
 * lessons. An entry is found by case id in one bounded cache
 * (lib/cache.h) of one content version: any write to a case's tables,
 * on any node, moves it (migration 0018), so an edit or republication is
 * seen at once; the row itself is always read fresh. Each entry owns an
 * arena with all its strings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case_cache.h"
#include "domain/dctx.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/store.h"
#include "store/st_cases.h"

#define CASE_CACHE_SLOTS	64
#define CASE_CACHE_BYTES	(8 * 1024 * 1024)

struct case_cache_entry {
	struct arena		*a;
	struct case_children	 ch;
};

static struct cache	*cases;

static void	children_copy(struct arena *, struct case_children *,
		    const struct case_children *);
static char	*dup_or_null(struct arena *, const char *);
static size_t	 slen(const char *);
static void	 entry_free(void *);
static int	 cases_sync(struct dctx *);

static char *
dup_or_null(struct arena *a, const char *s)
{
	return (s != NULL ? arena_strdup(a, s) : NULL);
}

/* dst = src, every array and string copied into a. */
static void
children_copy(struct arena *a, struct case_children *dst,
    const struct case_children *src)
{
	size_t	i;

	*dst = *src;
	dst->texts = arena_alloc(a, (src->ntexts + 1) * sizeof(*dst->texts));
	for (i = 0; i < src->ntexts; i++) {
		dst->texts[i].lang = dup_or_null(a, src->texts[i].lang);
		dst->texts[i].title = dup_or_null(a, src->texts[i].title);
		dst->texts[i].summary = dup_or_null(a, src->texts[i].summary);
		dst->texts[i].ai_system = dup_or_null(a,
		    src->texts[i].ai_system);
		dst->texts[i].actions = dup_or_null(a, src->texts[i].actions);
		dst->texts[i].outcomes = dup_or_null(a,
		    src->texts[i].outcomes);
		dst->texts[i].lessons = dup_or_null(a, src->texts[i].lessons);
	}
	dst->links = arena_alloc(a, (src->nlinks + 1) * sizeof(*dst->links));
	for (i = 0; i < src->nlinks; i++) {
		dst->links[i].position = src->links[i].position;
		dst->links[i].kind = dup_or_null(a, src->links[i].kind);
		dst->links[i].title = dup_or_null(a, src->links[i].title);
		dst->links[i].url = dup_or_null(a, src->links[i].url);
	}
	dst->tags = arena_alloc(a, (src->ntags + 1) * sizeof(*dst->tags));
	for (i = 0; i < src->ntags; i++) {
		dst->tags[i].kind = dup_or_null(a, src->tags[i].kind);
		dst->tags[i].slug = dup_or_null(a, src->tags[i].slug);
	}
	dst->versions = arena_alloc(a, (src->nversions + 1) *
	    sizeof(*dst->versions));
	for (i = 0; i < src->nversions; i++) {
		dst->versions[i].version = src->versions[i].version;
		dst->versions[i].created_at = src->versions[i].created_at;
		dst->versions[i].note = dup_or_null(a, src->versions[i].note);
	}
}

static size_t
slen(const char *s)
{
	return (s != NULL ? strlen(s) : 0);
}

static void
entry_free(void *v)
{
	struct case_cache_entry	*e = v;

	arena_free(e->a);
	free(e);
}

/* The cache at dc's content version: 0, or -1 when that is unknown. */
static int
cases_sync(struct dctx *dc)
{
	if (cases == NULL)
		cases = cache_new(CASE_CACHE_SLOTS, CASE_CACHE_BYTES,
		    entry_free);
	return (cache_sync(cases, dctx_content_version(dc)));
}

int
case_cache_get(struct dctx *dc, const struct case_row *c,
    struct case_children *out)
{
	struct case_cache_entry	*e;

	if (cases_sync(dc) == -1 || (e = cache_get(cases, &c->id,
	    sizeof(c->id))) == NULL)
		return (0);
	children_copy(dc->a, out, &e->ch);
	return (1);
}

void
case_cache_put(struct dctx *dc, const struct case_row *c,
    const struct case_children *ch)
{
	struct case_cache_entry	*e;
	size_t			 i, bytes;

	if (cases_sync(dc) == -1)
		return;
	e = xcalloc(1, sizeof(*e));
	e->a = arena_new();
	children_copy(e->a, &e->ch, ch);
	bytes = sizeof(*e);
	for (i = 0; i < ch->ntexts; i++)
		bytes += 128 + slen(ch->texts[i].title) +
		    slen(ch->texts[i].summary) + slen(ch->texts[i].ai_system) +
		    slen(ch->texts[i].actions) + slen(ch->texts[i].outcomes) +
		    slen(ch->texts[i].lessons);
	bytes += (ch->nlinks + ch->ntags + ch->nversions) * 128;
	(void)cache_put(cases, &c->id, sizeof(c->id), e, bytes);
}
