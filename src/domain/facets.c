/*
 * facets.c: case search and facet counts (see facets.h). The domain
 * turns parameters into a struct case_query; facets_index.c answers it
 * from its in-memory index (the store's SQL search stays as the
 * reference the tests compare with). Facet links are built here so that
 * every page, the API and the tests agree on one URL shape.
 */
#include <inttypes.h>
#include <string.h>

#include "domain/facets.h"
#include "domain/facets_index.h"
#include "domain/numerals.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store.h"

const char *const facet_kinds[FACETS_NKINDS + 1] = {
	"category", "value", "principle", "policy_area", "sector", "region",
	"country", "lang", "year", NULL
};

static void	 enc(struct buf *, const char *);
static void	 add_selected(struct arena *, struct facet_group *,
		    const char *);
static void	 facets_fill(struct dctx *, const struct case_search *,
		    const struct case_facet_row *, size_t,
		    struct case_results *);

int
facet_kind_index(const char *kind)
{
	int	i;

	for (i = 0; kind != NULL && facet_kinds[i] != NULL; i++)
		if (strcmp(facet_kinds[i], kind) == 0)
			return (i);
	return (-1);
}

const char *
facets_sort_name(enum case_sort s)
{
	switch (s) {
	case CASE_SORT_NEWEST:
		return ("newest");
	case CASE_SORT_TITLE:
		return ("title");
	default:
		return ("relevance");
	}
}

enum case_sort
facets_sort_parse(const char *s)
{
	if (s != NULL && strcmp(s, "newest") == 0)
		return (CASE_SORT_NEWEST);
	if (s != NULL && strcmp(s, "title") == 0)
		return (CASE_SORT_TITLE);
	return (CASE_SORT_RELEVANCE);
}

size_t
facets_words(struct arena *a, const char *q, const char **words, size_t max)
{
	const char	*p, *start;
	size_t		 n = 0, len;

	for (p = q; p != NULL && *p != '\0' && n < max;) {
		while (*p != '\0' && (unsigned char)*p < 0x80 &&
		    !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			p++;
		start = p;
		while (*p != '\0' && ((unsigned char)*p >= 0x80 ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			p++;
		len = (size_t)(p - start);
		if (len == 0)
			continue;
		if (len > 64) {
			len = 64;
			while (len > 0 && ((unsigned char)start[len] & 0xc0) ==
			    0x80)
				len--;
			if (len == 0)	/* no character starts here: not UTF-8 */
				continue;
		}
		words[n++] = arena_strndup(a, start, len);
	}
	return (n);
}

static void
enc(struct buf *b, const char *s)
{
	static const char	hex[] = "0123456789ABCDEF";
	char			pct[3];
	unsigned char		c;
	size_t			n;

	while (*s != '\0') {
		/* Unreserved characters are copied in runs. */
		n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_.~"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		buf_append(b, s, n);
		if ((c = (unsigned char)s[n]) == '\0')
			break;
		pct[0] = '%';
		pct[1] = hex[c >> 4];
		pct[2] = hex[c & 15];
		buf_append(b, pct, 3);
		s += n + 1;
	}
}

char *
facets_url(struct arena *a, const char *base, const struct case_search *s,
    int kind, const char *slug, enum case_sort sort, int64_t page)
{
	struct buf	 b;
	const char	*v;
	char		*out;
	int		 i;

	buf_init(&b);
	buf_puts(&b, base);
	if (s->q != NULL && *s->q != '\0') {
		buf_puts(&b, "&q=");
		enc(&b, s->q);
	}
	for (i = 0; i < FACETS_NKINDS; i++) {
		v = i == kind ? slug : s->slug[i];
		if (v == NULL || *v == '\0')
			continue;
		buf_putc(&b, '&');
		buf_puts(&b, facet_kinds[i]);
		buf_putc(&b, '=');
		enc(&b, v);
	}
	if (sort != CASE_SORT_RELEVANCE) {
		buf_puts(&b, "&sort=");
		buf_puts(&b, facets_sort_name(sort));
	}
	if (page > 1)
		buf_appendf(&b, "&page=%" PRId64, page);
	/* The first parameter starts with '?', not '&'. */
	out = strchr(b.data, '&');
	if (out != NULL)
		*out = '?';
	return (buf_to_arena(&b, a));
}

static void
add_selected(struct arena *a, struct facet_group *g, const char *slug)
{
	struct facet_value	*nv;
	size_t			 i;

	for (i = 0; i < g->n; i++)
		if (strcmp(g->v[i].slug, slug) == 0) {
			g->v[i].selected = 1;
			return;
		}
	nv = arena_alloc(a, (g->n + 1) * sizeof(*nv));
	if (g->n > 0)
		memcpy(nv, g->v, g->n * sizeof(*nv));
	nv[g->n].slug = slug;
	nv[g->n].count = 0;
	nv[g->n].selected = 1;
	g->v = nv;
	g->n++;
}

static void
facets_fill(struct dctx *dc, const struct case_search *s,
    const struct case_facet_row *f, size_t nf, struct case_results *out)
{
	struct facet_group	*g;
	size_t			 i, k;
	int			 ki;

	out->ngroups = FACETS_NKINDS;
	for (k = 0; k < FACETS_NKINDS; k++) {
		out->groups[k].kind = facet_kinds[k];
		out->groups[k].v = arena_alloc(dc->a, (nf + 1) *
		    sizeof(struct facet_value));
	}
	for (i = 0; i < nf; i++) {
		if ((ki = facet_kind_index(f[i].kind)) == -1)
			continue;
		g = &out->groups[ki];
		g->v[g->n].slug = f[i].slug;
		g->v[g->n].count = f[i].count;
		g->v[g->n].selected = 0;
		g->n++;
	}
	for (k = 0; k < FACETS_NKINDS; k++)
		if (s->slug[k] != NULL && *s->slug[k] != '\0')
			add_selected(dc->a, &out->groups[k], s->slug[k]);
}

void
case_search_normalise(struct arena *a, struct case_search *s)
{
	size_t	k;
	int64_t	year;

	for (k = 0; k < FACETS_NKINDS; k++) {
		if (strcmp(facet_kinds[k], "year") != 0 || s->slug[k] == NULL)
			continue;
		if (numerals_int(s->slug[k], 0, 9999, &year) == 0)
			s->slug[k] = arena_printf(a, "%" PRId64, year);
	}
}

enum result
case_search_run(struct dctx *dc, const struct case_search *s,
    int with_facets, struct case_results *out)
{
	struct case_query	q;
	struct fx_answer	fx;
	int64_t			per, page;
	size_t			k;

	memset(out, 0, sizeof(*out));
	memset(&q, 0, sizeof(q));
	for (k = 0; k < FACETS_NKINDS && q.nfilters < CASE_MAX_FILTERS; k++) {
		if (s->slug[k] == NULL || *s->slug[k] == '\0')
			continue;
		q.kind[q.nfilters] = facet_kinds[k];
		q.slug[q.nfilters++] = s->slug[k];
	}
	q.nwords = facets_words(dc->a, s->q, q.words, CASE_MAX_WORDS);
	q.sort = s->sort;
	q.ui_lang = s->lang;
	per = s->per_page > 0 && s->per_page <= 100 ? s->per_page :
	    FACETS_PAGE;
	page = s->page < 1 ? 1 : s->page > FACETS_PAGE_MAX ? FACETS_PAGE_MAX :
	    s->page;
	if (facets_index_query(dc, &q, (page - 1) * per, per, with_facets,
	    &fx) != RES_OK)
		return (RES_INTERNAL);
	out->rows = fx.rows;
	out->n = fx.n;
	out->total = fx.total;
	out->page = page;
	out->pages = out->total == 0 ? 1 : (out->total + per - 1) / per;
	out->with_facets = with_facets;
	if (with_facets)
		facets_fill(dc, s, fx.f, fx.nf, out);
	return (RES_OK);
}
