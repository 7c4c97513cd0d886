/*
 * case_cache.c: recently shown published cases, whole (the row, its
 * texts, links, tags and versions, and the lessons that cite it in the
 * reader's language), so a case page found here runs no query of its
 * own. An entry is found by slug and language in one bounded cache
 * (lib/cache.h) of one content version: any write to the tables it was
 * read from (cases, case_*, courses, course_lessons, course_texts,
 * lesson_texts), on any node, moves it (migration 0018), so an edit,
 * unpublication or republication is seen at once. Each entry owns an
 * arena with all its strings; a page gets a copy in its own arena.
 */
#include <stdint.h>
#include <string.h>

#include "domain/case_cache.h"
#include "domain/cases.h"
#include "domain/dctx.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/store.h"
#include "store/st_cases.h"

#define CASE_CACHE_SLOTS	1024	/* the bytes bound it first */
#define CASE_CACHE_BYTES	(8 * 1024 * 1024)

struct case_cache_entry {
	struct arena		*a;
	struct case_view	 v;	/* text NULL */
};

static struct cache	*cases;

static void	view_copy(struct arena *, struct case_view *,
		    const struct case_view *);
static void	children_copy(struct arena *, struct case_children *,
		    const struct case_children *);
static void	row_copy(struct arena *, struct case_row *,
		    const struct case_row *);
static struct case_lesson_row *lessons_copy(struct arena *,
		    const struct case_lesson_row *, size_t);
static char	*key_of(struct arena *, const char *, const char *,
		    size_t *);
static size_t	 slen(const char *);
static int	 cases_sync(struct dctx *);

/* dst = src but for its text (NULL), every array and string copied into
 * a. */
static void
view_copy(struct arena *a, struct case_view *dst, const struct case_view *src)
{
	row_copy(a, &dst->c, &src->c);
	dst->text = NULL;
	children_copy(a, &dst->ch, &src->ch);
	dst->lessons = lessons_copy(a, src->lessons, src->nlessons);
	dst->nlessons = src->nlessons;
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
		dst->texts[i].lang = arena_strdup(a, src->texts[i].lang);
		dst->texts[i].title = arena_strdup(a, src->texts[i].title);
		dst->texts[i].summary = arena_strdup(a, src->texts[i].summary);
		dst->texts[i].ai_system = arena_strdup(a,
		    src->texts[i].ai_system);
		dst->texts[i].actions = arena_strdup(a, src->texts[i].actions);
		dst->texts[i].outcomes = arena_strdup(a,
		    src->texts[i].outcomes);
		dst->texts[i].lessons = arena_strdup(a, src->texts[i].lessons);
	}
	dst->links = arena_alloc(a, (src->nlinks + 1) * sizeof(*dst->links));
	for (i = 0; i < src->nlinks; i++) {
		dst->links[i].position = src->links[i].position;
		dst->links[i].kind = arena_strdup(a, src->links[i].kind);
		dst->links[i].title = arena_strdup(a, src->links[i].title);
		dst->links[i].url = arena_strdup(a, src->links[i].url);
	}
	dst->tags = arena_alloc(a, (src->ntags + 1) * sizeof(*dst->tags));
	for (i = 0; i < src->ntags; i++) {
		dst->tags[i].kind = arena_strdup(a, src->tags[i].kind);
		dst->tags[i].slug = arena_strdup(a, src->tags[i].slug);
	}
	dst->versions = arena_alloc(a, (src->nversions + 1) *
	    sizeof(*dst->versions));
	for (i = 0; i < src->nversions; i++) {
		dst->versions[i].version = src->versions[i].version;
		dst->versions[i].created_at = src->versions[i].created_at;
		dst->versions[i].note = arena_strdup(a, src->versions[i].note);
	}
}

/* dst = src, its strings copied into a. */
static void
row_copy(struct arena *a, struct case_row *dst, const struct case_row *src)
{
	*dst = *src;
	dst->slug = arena_strdup(a, src->slug);
	dst->state = arena_strdup(a, src->state);
	dst->category = arena_strdup(a, src->category);
	dst->organisation = arena_strdup(a, src->organisation);
	dst->sector = arena_strdup(a, src->sector);
	dst->country = arena_strdup(a, src->country);
	dst->region = arena_strdup(a, src->region);
	dst->language = arena_strdup(a, src->language);
	dst->title = arena_strdup(a, src->title);
	dst->unpublish_reason = arena_strdup(a, src->unpublish_reason);
	dst->digest = arena_strdup(a, src->digest);
}

/* A copy in a of the n lessons at src. */
static struct case_lesson_row *
lessons_copy(struct arena *a, const struct case_lesson_row *src, size_t n)
{
	struct case_lesson_row	*dst;
	size_t			 i;

	dst = arena_alloc(a, (n + 1) * sizeof(*dst));
	for (i = 0; i < n; i++) {
		dst[i].course_slug = arena_strdup(a, src[i].course_slug);
		dst[i].lesson_key = arena_strdup(a, src[i].lesson_key);
		dst[i].module_key = arena_strdup(a, src[i].module_key);
		dst[i].course_title = arena_strdup(a, src[i].course_title);
		dst[i].course_lang = arena_strdup(a, src[i].course_lang);
		dst[i].lesson_title = arena_strdup(a, src[i].lesson_title);
		dst[i].lesson_lang = arena_strdup(a, src[i].lesson_lang);
	}
	return (dst);
}

/* The key "slug NUL lang" in a; its length in *len. */
static char *
key_of(struct arena *a, const char *slug, const char *lang, size_t *len)
{
	char	*k;
	size_t	 ns, nl;

	ns = strlen(slug);
	nl = lang != NULL ? strlen(lang) : 0;
	k = arena_alloc(a, ns + nl + 2);
	memcpy(k, slug, ns + 1);
	if (nl > 0)
		memcpy(k + ns + 1, lang, nl);
	k[ns + 1 + nl] = '\0';
	*len = ns + 1 + nl;
	return (k);
}

static size_t
slen(const char *s)
{
	return (s != NULL ? strlen(s) : 0);
}

/* The cache at dc's content version: 0, or -1 when that is unknown. */
static int
cases_sync(struct dctx *dc)
{
	return (dctx_cache_sync(dc, &cases, CASE_CACHE_SLOTS,
	    CASE_CACHE_BYTES, arena_obj_free));
}

int
case_cache_get(struct dctx *dc, const char *slug, const char *lang,
    struct case_view *out)
{
	struct case_cache_entry	*e;
	char			*key;
	size_t			 klen;

	if (cases_sync(dc) == -1)
		return (0);
	key = key_of(dc->a, slug, lang, &klen);
	if ((e = cache_get(cases, key, klen)) == NULL)
		return (0);
	view_copy(dc->a, out, &e->v);
	return (1);
}

void
case_cache_put(struct dctx *dc, const char *slug, const char *lang,
    const struct case_view *v)
{
	struct case_cache_entry		*e;
	const struct case_text_row	*t;
	char				*key;
	size_t				 i, bytes, klen;

	if (cases_sync(dc) == -1)
		return;
	e = arena_obj_new(sizeof(*e));
	view_copy(e->a, &e->v, v);
	bytes = sizeof(*e) + 512 + slen(v->c.title) +
	    slen(v->c.organisation) + slen(v->c.unpublish_reason);
	for (i = 0; i < v->ch.ntexts; i++) {
		t = &v->ch.texts[i];
		bytes += 128 + slen(t->title) + slen(t->summary) +
		    slen(t->ai_system) + slen(t->actions) + slen(t->outcomes) +
		    slen(t->lessons);
	}
	for (i = 0; i < v->nlessons; i++)
		bytes += 128 + slen(v->lessons[i].course_title) +
		    slen(v->lessons[i].lesson_title);
	bytes += (v->ch.nlinks + v->ch.ntags + v->ch.nversions) * 128;
	key = key_of(dc->a, slug, lang, &klen);
	(void)cache_put(cases, key, klen, e, bytes);
}
