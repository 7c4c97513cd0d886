/*
 * facets_index.c: the in-memory search index of the case library (see
 * facets_index.h). One index per process (a Kore worker, a test), built
 * from the store in three scans (cases newest first, their tags, and on
 * demand titles per language and word hits) and thrown away when the
 * content version (migration 0018: any write to the tables of published
 * cases, on any node) differs from the one it was built at. Cases are numbered 0..n-1 newest first, so "newest" order is
 * index order; every facet value (kind, slug) has a bitset over those
 * numbers, and each case the list of its values for counting. It holds
 * no request memory: answers are copied into the caller's arena. It must
 * never hold unpublished cases: the store scans published ones only.
 * The list rows of recently shown cases (per language) are kept too, so
 * the home page and popular searches need no row query, and the hits of
 * recent searched words (one bounded cache, lib/cache.h); they go with
 * the index when the content changes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/facets_index.h"
#include "lib/buf.h"
#include "lib/cache.h"
#include "lib/hash.h"
#include "lib/mem.h"
#include "store/store.h"

#define FX_WORDS	32	/* cached word results */
#define FX_TITLES	8	/* cached title orders (languages) */
#define FX_ROWS		2048	/* cached list rows (case, language) */

struct fx_tag {
	char		*kind;
	char		*slug;
	uint32_t	 all;		/* count over every case */
};

struct fx_words {
	struct arena	*a;		/* arena_obj_new */
	int32_t		*idx;		/* by rank, then index */
	uint64_t	*bits;		/* the same as a bitset */
	size_t		 n;
};

struct fx_title {
	char		 lang[16];	/* "" : free slot */
	int32_t		*rank;		/* per case; INT32_MAX: no title */
};

struct fx_row {
	int64_t			 id;		/* 0: free slot */
	char			 lang[16];
	struct case_list_row	 r;		/* strings malloc'd */
};

struct fx {
	struct dctx_snapshot	 snap;
	size_t		 n, nw;		/* cases, 64-bit words per bitset */
	int64_t		*ids;		/* per case */
	int32_t		*pos;		/* id -> case, -1 */
	int64_t		 maxid;
	size_t		 cap;
	struct fx_tag	*tags;
	size_t		 ntags, tagcap;
	uint32_t	*tord;		/* tags by kind, slug */
	uint32_t	*hash;		/* tag + 1, 0: empty */
	size_t		 hcap;
	uint64_t	*bits;		/* ntags * nw */
	uint32_t	*toff;		/* n + 1 offsets into tag */
	uint32_t	*tag;
	struct cache	*words;		/* struct fx_words by words */
	struct fx_title	 titles[FX_TITLES];
	struct fx_row	 rows[FX_ROWS];
};

/* The pairs (case, tag) read while building. */
struct fx_pairs {
	uint32_t	*c, *t;
	size_t		 n, cap;
};

static struct fx	fx;

static uint32_t		 and_count(const uint64_t *, const uint64_t *,
			    const uint32_t *, size_t);
static int		 fx_build(struct db *);
static int		 on_order(void *, int64_t);
static int		 on_tag(void *, int64_t, const char *, const char *);
static uint32_t		 tag_hash(const char *, const char *);
static int64_t		 tag_find(const char *, const char *);
static uint32_t		 tag_add(const char *, const char *);
static void		 hash_grow(void);
static int		 tag_cmp(const void *, const void *);
static void		 fx_index_tags(struct fx_pairs *);
static struct fx_words	*words_get(struct dctx *, const struct case_query *);
static int		 rank_cmp(const void *, const void *);
static int32_t		*title_rank(struct db *, const char *);
static int		 on_title(void *, int64_t);
static struct fx_row	*row_slot(int64_t, const char *);
static void		 row_copy(struct case_list_row *,
			    const struct case_list_row *, struct arena *);
static void		 row_free(struct case_list_row *);
static int		 rows_get(struct dctx *, const int64_t *, size_t,
			    const char *, struct fx_answer *);
static void		 rows_keep(const struct case_list_row *, size_t,
			    const char *);
static int64_t		 fx_page(struct dctx *, const struct case_query *,
			    const uint64_t *, const struct fx_words *,
			    int64_t, int64_t, int64_t **);
static void		 fx_counts(struct arena *, const uint64_t *, int64_t,
			    int, struct fx_answer *);

/* For qsort of word hits and title ranks: keys and the case numbers. */
static const double	*rank_key;

/*
 * Bits set in m & b over the words nz[0..nnz). On x86-64 the compiler
 * builds it twice, with and without the POPCNT instruction, and the
 * loader picks the one the CPU runs (an ifunc).
 */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("popcnt", "default")))
#endif
static uint32_t
and_count(const uint64_t *m, const uint64_t *b, const uint32_t *nz,
    size_t nnz)
{
	uint32_t	n = 0;
	size_t		i;

	for (i = 0; i < nnz; i++)
		n += (uint32_t)__builtin_popcountll(m[nz[i]] & b[nz[i]]);
	return (n);
}

void
facets_index_drop(void)
{
	size_t	i;

	for (i = 0; i < fx.ntags; i++) {
		free(fx.tags[i].kind);
		free(fx.tags[i].slug);
	}
	cache_free(fx.words);
	for (i = 0; i < FX_TITLES; i++)
		free(fx.titles[i].rank);
	for (i = 0; i < FX_ROWS; i++)
		row_free(&fx.rows[i].r);
	free(fx.ids);
	free(fx.pos);
	free(fx.tags);
	free(fx.tord);
	free(fx.hash);
	free(fx.bits);
	free(fx.toff);
	free(fx.tag);
	memset(&fx, 0, sizeof(fx));
}

static int
on_order(void *arg, int64_t id)
{
	(void)arg;
	if (fx.n == fx.cap) {
		fx.cap = fx.cap ? fx.cap * 2 : 1024;
		fx.ids = xrealloc(fx.ids, fx.cap * sizeof(*fx.ids));
	}
	fx.ids[fx.n++] = id;
	if (id > fx.maxid)
		fx.maxid = id;
	return (0);
}

static uint32_t
tag_hash(const char *kind, const char *slug)
{
	uint32_t	h;

	h = fnv1a(kind);
	h = (h ^ 0xff) * 16777619u;	/* a separator no slug holds */
	return (fnv1a_more(h, slug));
}

/* The tag number of kind/slug, or -1. */
static int64_t
tag_find(const char *kind, const char *slug)
{
	size_t		 i;
	uint32_t	 t;

	if (fx.hcap == 0)
		return (-1);
	for (i = tag_hash(kind, slug) & (fx.hcap - 1); fx.hash[i] != 0;
	    i = (i + 1) & (fx.hcap - 1)) {
		t = fx.hash[i] - 1;
		if (strcmp(fx.tags[t].kind, kind) == 0 &&
		    strcmp(fx.tags[t].slug, slug) == 0)
			return (t);
	}
	return (-1);
}

static void
hash_grow(void)
{
	size_t	i, j;

	free(fx.hash);
	fx.hcap = fx.hcap ? fx.hcap * 2 : 256;
	fx.hash = xcalloc(fx.hcap, sizeof(*fx.hash));
	for (i = 0; i < fx.ntags; i++) {
		j = tag_hash(fx.tags[i].kind, fx.tags[i].slug) & (fx.hcap - 1);
		while (fx.hash[j] != 0)
			j = (j + 1) & (fx.hcap - 1);
		fx.hash[j] = (uint32_t)i + 1;
	}
}

static uint32_t
tag_add(const char *kind, const char *slug)
{
	int64_t	t;

	if ((t = tag_find(kind, slug)) != -1)
		return ((uint32_t)t);
	if (fx.ntags == fx.tagcap) {
		fx.tagcap = fx.tagcap ? fx.tagcap * 2 : 64;
		fx.tags = xrealloc(fx.tags, fx.tagcap * sizeof(*fx.tags));
	}
	fx.tags[fx.ntags].kind = xstrdup(kind);
	fx.tags[fx.ntags].slug = xstrdup(slug);
	fx.tags[fx.ntags].all = 0;
	fx.ntags++;
	if (fx.ntags * 2 > fx.hcap)
		hash_grow();
	else {
		t = tag_hash(kind, slug) & (fx.hcap - 1);
		while (fx.hash[t] != 0)
			t = (t + 1) & (int64_t)(fx.hcap - 1);
		fx.hash[t] = (uint32_t)fx.ntags;
	}
	return ((uint32_t)fx.ntags - 1);
}

static int
on_tag(void *arg, int64_t id, const char *kind, const char *slug)
{
	struct fx_pairs	*p = arg;

	if (id < 0 || id > fx.maxid || fx.pos[id] == -1 || kind == NULL ||
	    slug == NULL)
		return (0);
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->c = xrealloc(p->c, p->cap * sizeof(*p->c));
		p->t = xrealloc(p->t, p->cap * sizeof(*p->t));
	}
	p->c[p->n] = (uint32_t)fx.pos[id];
	p->t[p->n] = tag_add(kind, slug);
	p->n++;
	return (0);
}

static int
tag_cmp(const void *x, const void *y)
{
	const struct fx_tag	*a = &fx.tags[*(const uint32_t *)x];
	const struct fx_tag	*b = &fx.tags[*(const uint32_t *)y];
	int			 c;

	if ((c = strcmp(a->kind, b->kind)) != 0)
		return (c);
	return (strcmp(a->slug, b->slug));
}

/* Per-case tag lists, bitsets, whole-library counts, sorted tags. */
static void
fx_index_tags(struct fx_pairs *p)
{
	uint32_t	*fill;
	size_t		 i;
	uint32_t	 c, t;

	fx.toff = xcalloc(fx.n + 1, sizeof(*fx.toff));
	fx.tag = xcalloc(p->n + 1, sizeof(*fx.tag));
	fx.bits = xcalloc(fx.ntags * fx.nw + 1, sizeof(*fx.bits));
	for (i = 0; i < p->n; i++)
		fx.toff[p->c[i] + 1]++;
	for (i = 0; i < fx.n; i++)
		fx.toff[i + 1] += fx.toff[i];
	fill = xcalloc(fx.n + 1, sizeof(*fill));
	for (i = 0; i < p->n; i++) {
		c = p->c[i];
		t = p->t[i];
		fx.tag[fx.toff[c] + fill[c]++] = t;
		fx.bits[t * fx.nw + c / 64] |= (uint64_t)1 << (c % 64);
		fx.tags[t].all++;
	}
	free(fill);
	fx.tord = xcalloc(fx.ntags + 1, sizeof(*fx.tord));
	for (i = 0; i < fx.ntags; i++)
		fx.tord[i] = (uint32_t)i;
	if (fx.ntags > 1)
		qsort(fx.tord, fx.ntags, sizeof(*fx.tord), tag_cmp);
}

static int
fx_build(struct db *db)
{
	struct fx_pairs	p;
	size_t		i;

	facets_index_drop();
	memset(&p, 0, sizeof(p));
	fx.maxid = 0;
	if (store_case_order(db, on_order, NULL) != STORE_OK)
		goto fail;
	fx.nw = (fx.n + 63) / 64;
	fx.pos = xmalloc(((size_t)fx.maxid + 1) * sizeof(*fx.pos));
	for (i = 0; i <= (size_t)fx.maxid; i++)
		fx.pos[i] = -1;
	for (i = 0; i < fx.n; i++)
		fx.pos[fx.ids[i]] = (int32_t)i;
	if (store_case_tag_scan(db, on_tag, &p) != STORE_OK)
		goto fail;
	fx_index_tags(&p);
	free(p.c);
	free(p.t);
	fx.words = cache_new(FX_WORDS, SIZE_MAX, arena_obj_free);
	return (0);
fail:
	free(p.c);
	free(p.t);
	facets_index_drop();
	return (-1);
}

static int
rank_cmp(const void *x, const void *y)
{
	int32_t	a = *(const int32_t *)x, b = *(const int32_t *)y;

	if (rank_key[a] != rank_key[b])
		return (rank_key[a] < rank_key[b] ? -1 : 1);
	return (a < b ? -1 : a > b);
}

/* The hits of q's words (rank order) from the index's cache or read
 * now (borrowed until the next call), or NULL on a store error. */
static struct fx_words *
words_get(struct dctx *dc, const struct case_query *q)
{
	struct fx_words	*w;
	struct buf	 key;
	int64_t		*ids;
	double		*rank, *byc;
	size_t		 i, n;

	buf_init(&key);
	for (i = 0; i < q->nwords && i < CASE_MAX_WORDS; i++) {
		buf_puts(&key, q->words[i]);
		buf_putc(&key, '\x1f');
	}
	if ((w = cache_get(fx.words, key.data, key.len)) != NULL) {
		buf_free(&key);
		return (w);
	}
	if (store_case_word_hits(dc->db, dc->a, q->words, q->nwords, &ids,
	    &rank, &n) != STORE_OK) {
		buf_free(&key);
		return (NULL);
	}
	w = arena_obj_new(sizeof(*w));
	w->idx = arena_alloc(w->a, (n + 1) * sizeof(*w->idx));
	w->bits = arena_alloc(w->a, (fx.nw + 1) * sizeof(*w->bits));
	byc = arena_alloc(dc->a, (fx.n + 1) * sizeof(*byc));
	for (i = 0; i < n; i++) {
		if (ids[i] < 0 || ids[i] > fx.maxid || fx.pos[ids[i]] == -1)
			continue;
		w->idx[w->n++] = fx.pos[ids[i]];
		byc[fx.pos[ids[i]]] = rank[i];
		w->bits[fx.pos[ids[i]] / 64] |= (uint64_t)1 <<
		    (fx.pos[ids[i]] % 64);
	}
	rank_key = byc;
	if (w->n > 1)
		qsort(w->idx, w->n, sizeof(*w->idx), rank_cmp);
	w = cache_put(fx.words, key.data, key.len, w, (n + 1) *
	    sizeof(*w->idx) + (fx.nw + 1) * sizeof(*w->bits));
	buf_free(&key);
	return (w);
}

static int
on_title(void *arg, int64_t id)
{
	int32_t	*next = arg;

	if (id >= 0 && id <= fx.maxid && fx.pos[id] != -1)
		fx.titles[next[1]].rank[fx.pos[id]] = next[0]++;
	return (0);
}

/* The title rank of each case in lang (cached), or NULL. */
static int32_t *
title_rank(struct db *db, const char *lang)
{
	struct fx_title	*t = NULL;
	int32_t		 st[2];
	size_t		 i;

	if (lang == NULL || strlen(lang) >= sizeof(t->lang))
		lang = "";
	for (i = 0; i < FX_TITLES; i++)
		if (fx.titles[i].rank != NULL &&
		    strcmp(fx.titles[i].lang, lang) == 0)
			return (fx.titles[i].rank);
	for (i = 0; i < FX_TITLES && fx.titles[i].rank != NULL; i++)
		;
	if (i == FX_TITLES) {
		i = 0;
		free(fx.titles[0].rank);
	}
	t = &fx.titles[i];
	(void)snprintf(t->lang, sizeof(t->lang), "%s", lang);
	t->rank = xmalloc((fx.n + 1) * sizeof(*t->rank));
	for (st[0] = 0; (size_t)st[0] < fx.n; st[0]++)
		t->rank[st[0]] = INT32_MAX;
	st[0] = 0;
	st[1] = (int32_t)i;
	if (store_case_title_order(db, lang, on_title, st) != STORE_OK) {
		free(t->rank);
		t->rank = NULL;
		return (NULL);
	}
	return (t->rank);
}

/*
 * The ids of the page [offset, offset + limit) of the matches m in q's
 * order into *ids (arena); returns their number, -1 on a store error.
 */
static int64_t
fx_page(struct dctx *dc, const struct case_query *q, const uint64_t *m,
    const struct fx_words *w, int64_t offset, int64_t limit, int64_t **ids)
{
	int32_t		*all, *tr;
	double		*key;
	int64_t		 k = 0, seen = 0;
	size_t		 i, na = 0;

	*ids = arena_alloc(dc->a, ((size_t)limit + 1) * sizeof(**ids));
	if (q->sort == CASE_SORT_TITLE) {
		if ((tr = title_rank(dc->db, q->ui_lang)) == NULL)
			return (-1);
		all = arena_alloc(dc->a, (fx.n + 1) * sizeof(*all));
		key = arena_alloc(dc->a, (fx.n + 1) * sizeof(*key));
		for (i = 0; i < fx.n; i++)
			if (m[i / 64] & ((uint64_t)1 << (i % 64))) {
				all[na++] = (int32_t)i;
				key[i] = tr[i];
			}
		rank_key = key;
		if (na > 1)
			qsort(all, na, sizeof(*all), rank_cmp);
		for (i = (size_t)offset; i < na && k < limit; i++)
			(*ids)[k++] = fx.ids[all[i]];
		return (k);
	}
	if (q->sort == CASE_SORT_RELEVANCE && w != NULL) {
		for (i = 0; i < w->n && k < limit; i++)
			if (m[w->idx[i] / 64] &
			    ((uint64_t)1 << (w->idx[i] % 64)) &&
			    seen++ >= offset)
				(*ids)[k++] = fx.ids[w->idx[i]];
		return (k);
	}
	for (i = 0; i < fx.n && k < limit; i++)
		if (m[i / 64] & ((uint64_t)1 << (i % 64)) && seen++ >= offset)
			(*ids)[k++] = fx.ids[i];
	return (k);
}

/*
 * The counts per tag over the total matches m (or the whole library):
 * the matches' tag lists (total * tags-per-case steps, each a likely
 * cache miss) or a popcount per tag over the words of m that have
 * matches (ntags * nnz sequential steps), whichever costs less.
 */
static void
fx_counts(struct arena *a, const uint64_t *m, int64_t total, int everything,
    struct fx_answer *out)
{
	uint32_t	*cnt, *nz, t;
	uint64_t	 b;
	size_t		 i, j, c, nnz = 0;

	cnt = arena_alloc(a, (fx.ntags + 1) * sizeof(*cnt));
	memset(cnt, 0, (fx.ntags + 1) * sizeof(*cnt));
	nz = arena_alloc(a, (fx.nw + 1) * sizeof(*nz));
	for (i = 0; i < fx.nw && !everything; i++)
		if (m[i] != 0)
			nz[nnz++] = (uint32_t)i;
	if (everything) {
		for (i = 0; i < fx.ntags; i++)
			cnt[i] = fx.tags[i].all;
	} else if ((uint64_t)total * (fx.toff[fx.n] / (fx.n + 1) + 1) * 16 <
	    (uint64_t)fx.ntags * nnz) {
		for (i = 0; i < nnz; i++)
			for (b = m[nz[i]]; b != 0; b &= b - 1) {
				c = nz[i] * 64 + (size_t)__builtin_ctzll(b);
				for (j = fx.toff[c]; j < fx.toff[c + 1]; j++)
					cnt[fx.tag[j]]++;
			}
	} else {
		for (t = 0; t < fx.ntags; t++)
			cnt[t] = and_count(m, fx.bits + t * fx.nw, nz, nnz);
	}
	out->f = arena_alloc(a, (fx.ntags + 1) * sizeof(*out->f));
	out->nf = 0;
	for (i = 0; i < fx.ntags; i++) {
		t = fx.tord[i];
		if (cnt[t] == 0)
			continue;
		out->f[out->nf].kind = arena_strdup(a, fx.tags[t].kind);
		out->f[out->nf].slug = arena_strdup(a, fx.tags[t].slug);
		out->f[out->nf].count = cnt[t];
		out->nf++;
	}
}

enum result
facets_index_query(struct dctx *dc, const struct case_query *q,
    int64_t offset, int64_t limit, int with_counts, struct fx_answer *out)
{
	struct fx_words	*w = NULL;
	uint64_t	*m;
	int64_t		 t, *ids, k;
	size_t		 i, j;

	memset(out, 0, sizeof(*out));
	out->rows = arena_alloc(dc->a, sizeof(*out->rows));
	if (dctx_snapshot_sync(dc, &fx.snap, fx_build) == -1)
		return (RES_INTERNAL);
	m = arena_alloc(dc->a, (fx.nw + 1) * sizeof(*m));
	for (i = 0; i < fx.nw; i++)
		m[i] = ~(uint64_t)0;
	if (fx.n % 64 != 0)
		m[fx.nw - 1] = ((uint64_t)1 << (fx.n % 64)) - 1;
	for (j = 0; j < q->nfilters; j++) {
		if ((t = tag_find(q->kind[j], q->slug[j])) == -1)
			return (RES_OK);	/* matches nothing */
		for (i = 0; i < fx.nw; i++)
			m[i] &= fx.bits[(size_t)t * fx.nw + i];
	}
	if (q->nwords > 0) {
		if ((w = words_get(dc, q)) == NULL)
			return (RES_INTERNAL);
		for (i = 0; i < fx.nw; i++)
			m[i] &= w->bits[i];
	}
	for (i = 0; i < fx.nw; i++)
		out->total += __builtin_popcountll(m[i]);
	if (with_counts && out->total > 0)
		fx_counts(dc->a, m, out->total, q->nfilters == 0 &&
		    q->nwords == 0, out);
	if (out->total == 0 || offset >= out->total || limit <= 0)
		return (RES_OK);
	if ((k = fx_page(dc, q, m, w, offset, limit, &ids)) == -1)
		return (RES_INTERNAL);
	if (rows_get(dc, ids, (size_t)k, q->ui_lang, out) != 0)
		return (RES_INTERNAL);
	return (RES_OK);
}

/* The cache slot of case id in language lang. */
static struct fx_row *
row_slot(int64_t id, const char *lang)
{
	uint64_t	h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;

	for (; lang != NULL && *lang != '\0'; lang++)
		h = (h ^ (unsigned char)*lang) * 0x100000001b3ULL;
	return (&fx.rows[(h >> 32) % FX_ROWS]);
}

/* dst = src with every string copied: into arena a, or malloc'd when a
 * is NULL. */
static void
row_copy(struct case_list_row *dst, const struct case_list_row *src,
    struct arena *a)
{
	char	**to[] = { &dst->c.slug, &dst->c.state, &dst->c.category,
	    &dst->c.organisation, &dst->c.sector, &dst->c.country,
	    &dst->c.region, &dst->c.language, &dst->c.title,
	    &dst->c.unpublish_reason, &dst->c.digest, &dst->title,
	    &dst->summary, &dst->lang };
	size_t	  i;

	*dst = *src;
	for (i = 0; i < sizeof(to) / sizeof(to[0]); i++)
		if (*to[i] != NULL)
			*to[i] = a != NULL ? arena_strdup(a, *to[i]) :
			    xstrdup(*to[i]);
}

static void
row_free(struct case_list_row *r)
{
	char	*all[] = { r->c.slug, r->c.state, r->c.category,
	    r->c.organisation, r->c.sector, r->c.country, r->c.region,
	    r->c.language, r->c.title, r->c.unpublish_reason, r->c.digest,
	    r->title, r->summary, r->lang };
	size_t	 i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]);
	memset(r, 0, sizeof(*r));
}

/*
 * out->rows: the rows of ids in order, from the cache where it has them,
 * the others from the store in one query (and then kept). Ids no longer
 * published are left out. 0, or -1 on a store error.
 */
static int
rows_get(struct dctx *dc, const int64_t *ids, size_t n, const char *lang,
    struct fx_answer *out)
{
	struct case_list_row	*got = NULL, *at;
	struct fx_row		*e;
	int64_t			*miss;
	size_t			 i, j, nmiss = 0, ngot = 0;

	if (lang == NULL)
		lang = "";
	/* at[i]: the row of ids[i], id 0 until found. */
	at = arena_alloc(dc->a, (n + 1) * sizeof(*at));
	miss = arena_alloc(dc->a, (n + 1) * sizeof(*miss));
	for (i = 0; i < n; i++) {
		e = row_slot(ids[i], lang);
		if (e->id == ids[i] && strcmp(e->lang, lang) == 0)
			row_copy(&at[i], &e->r, dc->a);
		else {
			at[i].c.id = 0;
			miss[nmiss++] = ids[i];
		}
	}
	if (nmiss > 0 && store_case_rows(dc->db, dc->a, miss, nmiss, lang,
	    &got, &ngot) != STORE_OK)
		return (-1);
	for (i = j = 0; i < n && j < ngot; i++)
		if (at[i].c.id == 0 && got[j].c.id == ids[i])
			at[i] = got[j++];
	rows_keep(got, ngot, lang);
	out->rows = at;
	out->n = 0;
	for (i = 0; i < n; i++)
		if (at[i].c.id != 0)
			at[out->n++] = at[i];
	return (0);
}

/* Keeps copies of the rows just read (languages longer than a slot's
 * are not kept). */
static void
rows_keep(const struct case_list_row *rows, size_t n, const char *lang)
{
	struct fx_row	*e;
	size_t		 i;

	if (strlen(lang) >= sizeof(e->lang))
		return;
	for (i = 0; i < n; i++) {
		if (rows[i].c.id <= 0)
			continue;
		e = row_slot(rows[i].c.id, lang);
		row_free(&e->r);
		row_copy(&e->r, &rows[i], NULL);
		e->id = rows[i].c.id;
		(void)snprintf(e->lang, sizeof(e->lang), "%s", lang);
	}
}
