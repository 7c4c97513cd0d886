/*
 * course_catalog.c: the catalog /courses (see course_view.h) over a
 * per-process snapshot of every current course: its row, its titles and
 * summaries in each language (and their ASCII lower-case copies for the
 * text search), and its tags of the catalog's kinds. The snapshot is
 * loaded in three scans and kept until the content version moves (any
 * write to a course's tables, on any node: migration 0018), so a
 * request reads nothing more; filters, facet counts, the text
 * search, the order by title and the page are then computed here, with
 * the same results as the SQL of store_course_search() and
 * store_course_facets() (tests/unit/test_courses.c compares them).
 * Title orders are kept per UI language (one bounded cache, lib/cache.h).
 * It holds no request memory: answers are copied into the caller's
 * arena.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/course_int.h"
#include "domain/course_view.h"
#include "domain/taxonomy.h"
#include "lib/cache.h"
#include "lib/mem.h"
#include "store/st_courses.h"
#include "store/store.h"

#ifndef N_
#define N_(s)	(s)
#endif

#define CS_ORDERS	8	/* title orders kept (UI languages) */

/* A course's texts in one language. */
struct cs_text {
	const char	*lang;
	const char	*title, *summary;
	const char	*ltitle, *lsummary;	/* ASCII lower case */
};

struct cs_course {
	const struct course_row	*row;
	struct cs_text		*texts;
	size_t			 ntexts;
	uint32_t		*tags;		/* value numbers */
	size_t			 ntags;
	uint32_t		 level;		/* value number of row->level */
};

/* A (kind, slug) pair some course has. */
struct cs_value {
	enum catalog_kind	 kind;
	const char		*slug;
};

/* Courses in catalog order for one UI language. */
struct cs_order {
	struct arena		*a;		/* arena_obj_new */
	uint32_t		*idx;
	const struct cs_text	**shown;	/* per course, or NULL */
};

struct cs {
	struct dctx_snapshot	 snap;
	struct arena		*a;
	struct course_row	*rows;
	struct cs_course	*c;
	size_t			 n;
	struct cs_value		*v;
	size_t			 nv, capv;
	uint32_t		*langs;		/* lang values by slug */
	size_t			 nlangs;
	struct cache		*orders;	/* by UI language */
};

static const char *const cat_params[CAT_NKINDS] = {
	"principle", "policy_area", "track", "lang", "level"
};
static const enum tax_kind cat_tax[CAT_NKINDS] = {
	TAX_PRINCIPLE, TAX_POLICY_AREA, TAX_TRACK, TAX_NKINDS, TAX_LEVEL
};

static struct cs			 cs;
static const struct cs_text		**sort_shown;

static const char	*lang_name(const char *);
static char		*lower_ascii(struct arena *, const char *);
static int		 kind_of(const char *);
static uint32_t		 value_put(enum catalog_kind, const char *);
static int64_t		 value_find(enum catalog_kind, const char *);
static struct cs_course	*course_by_id(int64_t);
static int		 cs_build(struct db *);
static void		 cs_texts(const struct course_text_row *, size_t);
static void		 cs_tags(const struct course_tag_row *, size_t);
static void		 cs_langs(void);
static int		 slug_cmp(const void *, const void *);
static int		 title_cmp(const void *, const void *);
static void		 order_fill(const char *, uint32_t *,
			    const struct cs_text **);
static const struct cs_order *order_get(const char *);
static int		 text_match(const struct cs_course *, const char *);
static int		 has_value(const struct cs_course *, int64_t);
static void		 tally(const int64_t *, const char *, unsigned char *,
			    int64_t *, int64_t *);
static void		 facets_out(struct dctx *, const struct catalog_query *,
			    const int64_t *, enum catalog_kind,
			    struct catalog *);
static void		 items_out(struct dctx *, const struct cs_order *,
			    const unsigned char *, int64_t, struct catalog *);

const char *
catalog_param(enum catalog_kind k)
{
	return ((int)k >= 0 && k < CAT_NKINDS ? cat_params[k] : "");
}

static const char *
lang_name(const char *code)
{
	if (strcmp(code, "en") == 0)
		return (N_("English"));
	if (strcmp(code, "ko") == 0)
		return (N_("Korean"));
	return (code);
}

/* s with A-Z lowered (SQLite's lower() and LIKE fold ASCII only). */
static char *
lower_ascii(struct arena *a, const char *s)
{
	char	*l;
	size_t	 i;

	l = arena_strdup(a, s);
	for (i = 0; l[i] != '\0'; i++)
		if (l[i] >= 'A' && l[i] <= 'Z')
			l[i] = (char)(l[i] - 'A' + 'a');
	return (l);
}

/* The catalog kind of a course_tags kind, or -1. */
static int
kind_of(const char *kind)
{
	int	k;

	for (k = 0; k < CAT_NKINDS; k++)
		if (strcmp(cat_params[k], kind) == 0)
			return (k);
	return (-1);
}

static int64_t
value_find(enum catalog_kind k, const char *slug)
{
	size_t	i;

	for (i = 0; i < cs.nv; i++)
		if (cs.v[i].kind == k && strcmp(cs.v[i].slug, slug) == 0)
			return ((int64_t)i);
	return (-1);
}

/* The number of (k, slug), added when new; slug must live in cs.a. */
static uint32_t
value_put(enum catalog_kind k, const char *slug)
{
	int64_t	i;

	if ((i = value_find(k, slug)) >= 0)
		return ((uint32_t)i);
	if (cs.nv == cs.capv) {
		cs.capv = cs.capv ? cs.capv * 2 : 64;
		cs.v = xrealloc(cs.v, cs.capv * sizeof(*cs.v));
	}
	cs.v[cs.nv].kind = k;
	cs.v[cs.nv].slug = slug;
	return ((uint32_t)cs.nv++);
}

/* The snapshot's course with that id (courses are by id), or NULL. */
static struct cs_course *
course_by_id(int64_t id)
{
	size_t	lo = 0, hi = cs.n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cs.c[mid].row->id == id)
			return (&cs.c[mid]);
		if (cs.c[mid].row->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

void
course_catalog_drop(void)
{
	cache_free(cs.orders);
	free(cs.v);
	free(cs.langs);
	arena_free(cs.a);
	memset(&cs, 0, sizeof(cs));
}

/* Texts by course (rows come by course id). */
static void
cs_texts(const struct course_text_row *t, size_t nt)
{
	struct cs_course	*c;
	struct cs_text		*all, *w;
	size_t			 i;

	all = w = arena_alloc(cs.a, (nt + 1) * sizeof(*all));
	for (i = 0; i < nt; i++) {
		if ((c = course_by_id(t[i].course_id)) == NULL ||
		    (c->texts != NULL && c->texts + c->ntexts != w))
			continue;
		if (c->texts == NULL)
			c->texts = w;
		w->lang = t[i].lang;
		w->title = t[i].title;
		w->summary = t[i].summary;
		w->ltitle = lower_ascii(cs.a, t[i].title);
		w->lsummary = lower_ascii(cs.a, t[i].summary);
		w++;
		c->ntexts++;
	}
}

/* Tags by course (rows come by course id). */
static void
cs_tags(const struct course_tag_row *t, size_t nt)
{
	struct cs_course	*c;
	uint32_t		*all, *w;
	size_t			 i;
	int			 k;

	all = w = arena_alloc(cs.a, (nt + 1) * sizeof(*all));
	for (i = 0; i < nt; i++) {
		if ((c = course_by_id(t[i].course_id)) == NULL ||
		    (k = kind_of(t[i].kind)) == -1 ||
		    (c->tags != NULL && c->tags + c->ntags != w))
			continue;
		if (c->tags == NULL)
			c->tags = w;
		*w++ = value_put((enum catalog_kind)k, t[i].slug);
		c->ntags++;
	}
}

static int
slug_cmp(const void *x, const void *y)
{
	return (strcmp(cs.v[*(const uint32_t *)x].slug,
	    cs.v[*(const uint32_t *)y].slug));
}

/* The language values in slug order (the lang facet lists them so). */
static void
cs_langs(void)
{
	size_t	i;

	cs.langs = xcalloc(cs.nv + 1, sizeof(*cs.langs));
	for (i = 0; i < cs.nv; i++)
		if (cs.v[i].kind == CAT_LANG)
			cs.langs[cs.nlangs++] = (uint32_t)i;
	if (cs.nlangs > 1)
		qsort(cs.langs, cs.nlangs, sizeof(*cs.langs), slug_cmp);
}

/* Loads the snapshot (dctx_snapshot_sync). 0 or -1 (then dropped). */
static int
cs_build(struct db *db)
{
	struct catalog_rows	r;
	size_t			i;

	course_catalog_drop();
	cs.a = arena_new();
	if (store_catalog(db, cs.a, &r) != STORE_OK)
		goto fail;
	cs.rows = r.courses;
	cs.n = r.ncourses;
	cs.c = arena_alloc(cs.a, (cs.n + 1) * sizeof(*cs.c));
	for (i = 0; i < cs.n; i++)
		cs.c[i].row = &cs.rows[i];
	cs_texts(r.texts, r.ntexts);
	cs_tags(r.tags, r.ntags);
	for (i = 0; i < cs.n; i++)
		cs.c[i].level = value_put(CAT_LEVEL, cs.rows[i].level);
	cs_langs();
	cs.orders = cache_new(CS_ORDERS, SIZE_MAX, arena_obj_free);
	return (0);
fail:
	course_catalog_drop();
	return (-1);
}

static int
title_cmp(const void *x, const void *y)
{
	uint32_t	 a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	const char	*ta, *tb;
	int		 r;

	ta = sort_shown[a] != NULL ? sort_shown[a]->title : cs.rows[a].slug;
	tb = sort_shown[b] != NULL ? sort_shown[b]->title : cs.rows[b].slug;
	if ((r = strcmp(ta, tb)) != 0)
		return (r);
	return (cs.rows[a].id < cs.rows[b].id ? -1 :
	    cs.rows[a].id > cs.rows[b].id);
}

/*
 * Per course the text shown in lang (else in its default language, else
 * none: the slug is the title), and the courses by that title and id.
 */
static void
order_fill(const char *lang, uint32_t *idx, const struct cs_text **shown)
{
	const struct cs_course	*c;
	size_t			 i, j;

	for (i = 0; i < cs.n; i++) {
		c = &cs.c[i];
		shown[i] = NULL;
		for (j = 0; j < c->ntexts; j++)
			if (strcmp(c->texts[j].lang, lang) == 0) {
				shown[i] = &c->texts[j];
				break;
			}
		for (j = 0; shown[i] == NULL && j < c->ntexts; j++)
			if (strcmp(c->texts[j].lang,
			    c->row->default_language) == 0)
				shown[i] = &c->texts[j];
		idx[i] = (uint32_t)i;
	}
	sort_shown = shown;
	if (cs.n > 1)
		qsort(idx, cs.n, sizeof(*idx), title_cmp);
	sort_shown = NULL;
}

/* The order for lang, from the snapshot's cache (borrowed until the
 * next call). */
static const struct cs_order *
order_get(const char *lang)
{
	struct cs_order	*o;

	if ((o = cache_gets(cs.orders, lang)) != NULL)
		return (o);
	o = arena_obj_new(sizeof(*o));
	o->idx = arena_alloc(o->a, (cs.n + 1) * sizeof(*o->idx));
	o->shown = arena_alloc(o->a, (cs.n + 1) * sizeof(*o->shown));
	order_fill(lang, o->idx, o->shown);
	return (cache_puts(cs.orders, lang, o, 0));
}

/* 1 when a title or summary (any language) contains lq. */
static int
text_match(const struct cs_course *c, const char *lq)
{
	size_t	i;

	for (i = 0; i < c->ntexts; i++)
		if (strstr(c->texts[i].ltitle, lq) != NULL ||
		    strstr(c->texts[i].lsummary, lq) != NULL)
			return (1);
	return (0);
}

static int
has_value(const struct cs_course *c, int64_t v)
{
	size_t	i;

	for (i = 0; i < c->ntags; i++)
		if (c->tags[i] == v)
			return (1);
	return (0);
}

/*
 * One pass: match[i] for the courses passing every filter (*total of
 * them), and counts[v] of the courses that would pass were v's kind not
 * filtered (the facet counts). sel[k]: the chosen value, -1 none, -2 a
 * value no course has.
 */
static void
tally(const int64_t *sel, const char *lq, unsigned char *match,
    int64_t *counts, int64_t *total)
{
	const struct cs_course	*c;
	size_t			 i, j;
	int			 k, miss, which, ok;

	*total = 0;
	for (i = 0; i < cs.n; i++) {
		c = &cs.c[i];
		if (lq != NULL && !text_match(c, lq))
			continue;
		miss = 0;
		which = -1;
		for (k = 0; k < CAT_NKINDS && miss < 2; k++) {
			if (sel[k] == -1)
				continue;
			ok = k == CAT_LEVEL ? (int64_t)c->level == sel[k] :
			    has_value(c, sel[k]);
			if (!ok) {
				miss++;
				which = k;
			}
		}
		if (miss == 0) {
			match[i] = 1;
			(*total)++;
		}
		for (j = 0; miss < 2 && j < c->ntags; j++)
			if (miss == 0 || (int)cs.v[c->tags[j]].kind == which)
				counts[c->tags[j]]++;
	}
}

/* The values of kind k with their counts, as course_catalog() says. */
static void
facets_out(struct dctx *dc, const struct catalog_query *q,
    const int64_t *counts, enum catalog_kind k, struct catalog *out)
{
	const struct tax_entry	*te;
	struct catalog_facet	*v;
	size_t			 i, nte = 0;
	int64_t			 cnt, vi;

	te = cat_tax[k] != TAX_NKINDS ? taxonomy_list(cat_tax[k], &nte) : NULL;
	if (te == NULL)
		nte = 0;
	v = arena_alloc(dc->a, (nte + cs.nlangs + 1) * sizeof(*v));
	out->facets[k] = v;
	out->nfacets[k] = 0;
	for (i = 0; i < nte; i++) {
		vi = value_find(k, te[i].slug);
		cnt = vi >= 0 ? counts[vi] : 0;
		if (cnt == 0 && (q->f[k] == NULL || strcmp(q->f[k],
		    te[i].slug) != 0))
			continue;
		v[out->nfacets[k]].slug = te[i].slug;
		v[out->nfacets[k]].name = te[i].name;
		v[out->nfacets[k]].count = cnt;
		v[out->nfacets[k]].selected = q->f[k] != NULL &&
		    strcmp(q->f[k], te[i].slug) == 0;
		out->nfacets[k]++;
	}
	for (i = 0; te == NULL && i < cs.nlangs; i++) {
		if ((cnt = counts[cs.langs[i]]) == 0)
			continue;
		v[out->nfacets[k]].slug = arena_strdup(dc->a,
		    cs.v[cs.langs[i]].slug);
		v[out->nfacets[k]].name = lang_name(v[out->nfacets[k]].slug);
		v[out->nfacets[k]].count = cnt;
		v[out->nfacets[k]].selected = q->f[k] != NULL &&
		    strcmp(q->f[k], v[out->nfacets[k]].slug) == 0;
		out->nfacets[k]++;
	}
}

/* The page of matching courses starting at offset, copied to dc->a. */
static void
items_out(struct dctx *dc, const struct cs_order *o,
    const unsigned char *match, int64_t offset, struct catalog *out)
{
	const struct course_row	*r;
	const struct cs_text	*t;
	struct catalog_item	*it;
	const char		*level;
	size_t			 i, c;
	int64_t			 skip = offset;

	out->items = arena_alloc(dc->a, (CATALOG_PAGE_SIZE + 1) *
	    sizeof(*out->items));
	for (i = 0; i < cs.n && out->n < CATALOG_PAGE_SIZE; i++) {
		c = o->idx[i];
		if (!match[c] || skip-- > 0)
			continue;
		r = cs.c[c].row;
		t = o->shown[c];
		it = &out->items[out->n++];
		it->slug = arena_strdup(dc->a, r->slug);
		it->title = arena_strdup(dc->a, t != NULL ? t->title :
		    r->slug);
		it->summary = arena_strdup(dc->a, t != NULL ? t->summary : "");
		it->text_lang = arena_strdup(dc->a, t != NULL ? t->lang :
		    "en");
		level = taxonomy_name(TAX_LEVEL, r->level);
		it->level = level != NULL ? level : arena_strdup(dc->a,
		    r->level);
		it->languages = arena_strdup(dc->a, r->languages);
		it->minutes = r->minutes;
	}
}

enum result
course_catalog(struct dctx *dc, const struct catalog_query *q,
    const char *ui_lang, struct catalog *out)
{
	const struct cs_order	*o;
	unsigned char		*match;
	int64_t			*counts, sel[CAT_NKINDS], page;
	const char		*lq = NULL;
	int			 k;

	memset(out, 0, sizeof(*out));
	if (dctx_snapshot_sync(dc, &cs.snap, cs_build) == -1)
		return (RES_INTERNAL);
	if (q->q != NULL && *q->q != '\0')
		lq = lower_ascii(dc->a, q->q);
	for (k = 0; k < CAT_NKINDS; k++) {
		sel[k] = -1;
		if (q->f[k] != NULL && (sel[k] = value_find(
		    (enum catalog_kind)k, q->f[k])) == -1)
			sel[k] = -2;
	}
	match = arena_alloc(dc->a, cs.n + 1);
	counts = arena_alloc(dc->a, (cs.nv + 1) * sizeof(*counts));
	tally(sel, lq, match, counts, &out->total);
	page = q->page < 1 ? 1 : q->page;
	o = order_get(ui_lang != NULL ? ui_lang : "");
	items_out(dc, o, match, (page - 1) * CATALOG_PAGE_SIZE, out);
	out->page = page;
	out->pages = out->total == 0 ? 1 : (out->total + CATALOG_PAGE_SIZE -
	    1) / CATALOG_PAGE_SIZE;
	for (k = 0; k < CAT_NKINDS; k++)
		facets_out(dc, q, counts, (enum catalog_kind)k, out);
	return (RES_OK);
}
