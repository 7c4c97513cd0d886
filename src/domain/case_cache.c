/*
 * case_cache.c: the children of recently shown published cases (texts,
 * links, tags, versions), so a case page reads only the case row and its
 * lessons. An entry is found by case id and used only while the case
 * row's version and content digest (a hash of its texts, links and tags)
 * are the ones it was read with, so an edit or republication is seen at
 * once; the row itself is always read fresh. Least recently used entries
 * make room; each entry owns an arena with all its strings.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/case_cache.h"
#include "lib/mem.h"
#include "store/store.h"
#include "store/st_cases.h"

#define CASE_CACHE_SLOTS	64

struct case_cache_entry {
	int64_t			 id;		/* 0: free */
	int64_t			 version;
	char			 digest[80];
	uint64_t		 used;
	struct arena		*a;
	struct case_children	 ch;
};

static struct case_cache_entry	 slots[CASE_CACHE_SLOTS];
static uint64_t			 tick;

static void	children_copy(struct arena *, struct case_children *,
		    const struct case_children *);
static char	*dup_or_null(struct arena *, const char *);

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

int
case_cache_get(struct arena *a, const struct case_row *c,
    struct case_children *out)
{
	size_t	i;

	if (c->digest == NULL || *c->digest == '\0')
		return (0);
	for (i = 0; i < CASE_CACHE_SLOTS; i++)
		if (slots[i].id == c->id && slots[i].version == c->version &&
		    strcmp(slots[i].digest, c->digest) == 0) {
			slots[i].used = ++tick;
			children_copy(a, out, &slots[i].ch);
			return (1);
		}
	return (0);
}

void
case_cache_put(const struct case_row *c, const struct case_children *ch)
{
	struct case_cache_entry	*e;
	size_t			 i;

	if (c->digest == NULL || *c->digest == '\0' ||
	    strlen(c->digest) >= sizeof(e->digest))
		return;
	e = &slots[0];
	for (i = 0; i < CASE_CACHE_SLOTS; i++) {
		if (slots[i].id == c->id) {
			e = &slots[i];
			break;
		}
		if (slots[i].used < e->used)
			e = &slots[i];
	}
	if (e->a != NULL)
		arena_free(e->a);
	e->a = arena_new();
	e->id = c->id;
	e->version = c->version;
	(void)snprintf(e->digest, sizeof(e->digest), "%s", c->digest);
	e->used = ++tick;
	children_copy(e->a, &e->ch, ch);
}
