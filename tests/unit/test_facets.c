/*
 * test_facets.c: facet URLs (toggling, sorting, paging, encoding), the
 * ::case[slug] directive parser of lesson Markdown, and the in-memory
 * search index (facets_index.c) against the store's SQL search over
 * random libraries and queries, on SQLite and (with ETHICA_TEST_PG)
 * PostgreSQL: same totals, same pages in the same order, same counts;
 * reloaded after publishing and unpublishing, and per database.
 */
#include <stdio.h>
#include <string.h>

#include "domain/case_ref.h"
#include "domain/cases.h"
#include "domain/facets.h"
#include "domain/facets_index.h"
#include "lib/mem.h"
#include "t.h"
#include "tstore.h"

#define NGEN	240

static uint64_t	 rnd(uint64_t *);
static void	 gen(struct arena *, struct case_input *, int, uint64_t *);
static void	 same(struct dctx *, const struct case_search *);
static void	 random_search(struct case_search *, uint64_t *);
static void	 index_on(int pg);
static void	 test_index_sqlite(void);
static void	 test_index_pg(void);

static const char *const principles[] = { "fairness", "privacy",
    "transparency", "accountability", "safety-security" };
static const char *const words[] = { "register", "audit", "toolkit",
    "charter", "알고리즘", "투명성", "AI", "al", "zz-none" };
static const char *const ccs[] = { "NL", "KR", "KE", "BR", "FR", "CA" };

static void
test_urls(void)
{
	struct arena		*a = arena_new();
	struct case_search	 s;

	memset(&s, 0, sizeof(s));
	T_STREQ(facets_url(a, "/cases", &s, -1, NULL, CASE_SORT_RELEVANCE,
	    1), "/cases");
	s.q = "알고 리즘&x";
	s.slug[facet_kind_index("principle")] = "transparency";
	T_STREQ(facets_url(a, "/cases", &s, facet_kind_index("region"),
	    "europe-north-america", CASE_SORT_NEWEST, 3),
	    "/cases?q=%EC%95%8C%EA%B3%A0%20%EB%A6%AC%EC%A6%98%26x"
	    "&principle=transparency&region=europe-north-america"
	    "&sort=newest&page=3");
	/* Removing the selected value. */
	s.q = NULL;
	T_STREQ(facets_url(a, "/cases", &s, facet_kind_index("principle"),
	    NULL, CASE_SORT_TITLE, 1), "/cases?sort=title");
	T_ASSERT(facet_kind_index("year") == 8);
	T_ASSERT(facet_kind_index("nope") == -1);
	T_ASSERT(facets_sort_parse("title") == CASE_SORT_TITLE);
	T_ASSERT(facets_sort_parse("x") == CASE_SORT_RELEVANCE);
	arena_free(a);
}

static void
test_directive(void)
{
	struct arena		*a = arena_new();
	struct case_ref_part	*p;
	const char		*md;
	char			 err[128];
	int			 n;

	md = "# Lesson\n\nText.\n\n::case[amsterdam-algorithm-register]\n"
	    "More text.\n  ::case[helsinki-ai-register]  \n";
	n = case_refs_parse(a, md, strlen(md), &p, err, sizeof(err));
	T_ASSERT(n == 4);
	if (n == 4) {
		T_ASSERT(p[0].slug == NULL && p[0].len == 17);
		T_STREQ(p[1].slug, "amsterdam-algorithm-register");
		T_ASSERT(p[1].line == 5);
		T_ASSERT(p[2].slug == NULL && strncmp(p[2].md, "More text.\n",
		    p[2].len) == 0);
		T_STREQ(p[3].slug, "helsinki-ai-register");
	}
	/* Inside a code fence it is text. */
	md = "```\n::case[x]\n```\n";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == 1);
	T_ASSERT(p[0].slug == NULL);
	/* Inline mention is text too. */
	md = "See ::case[x] here\n";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == 1);
	/* Malformed directives are errors with a line number. */
	md = "ok\n::case[Bad_Slug]\n";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == -1);
	T_CONTAINS(err, "line 2:");
	md = "::case[x";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == -1);
	md = "::case[a]b]";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == -1);
	md = "::cases";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == -1);
	/* Last line without newline. */
	md = "::case[abc]";
	T_ASSERT(case_refs_parse(a, md, strlen(md), &p, err,
	    sizeof(err)) == 1);
	T_STREQ(p[0].slug, "abc");
	T_ASSERT(case_refs_parse(a, "", 0, &p, err, sizeof(err)) == 0);
	arena_free(a);
}

static uint64_t
rnd(uint64_t *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 7;
	*r ^= *r << 17;
	return (*r);
}

/* Generated case i: few distinct dates and titles, so ties get tested. */
static void
gen(struct arena *a, struct case_input *in, int i, uint64_t *r)
{
	static const char *const cats[] = { "governance-frameworks",
	    "tools-applications", "multi-stakeholder" };
	static const char *const sectors[] = { "government", "academia",
	    "civil-society" };

	memset(in, 0, sizeof(*in));
	in->slug = arena_printf(a, "gen-%d", i);
	in->category = cats[rnd(r) % 3];
	in->organisation = "Org";
	in->sector = sectors[rnd(r) % 3];
	in->country = ccs[rnd(r) % 6];
	in->language = "en";
	in->year = 2018 + (int64_t)(rnd(r) % 4);
	in->ntexts = 1;
	in->texts[0].lang = "en";
	in->texts[0].title = arena_printf(a, "%s %s %d",
	    words[rnd(r) % 7], words[rnd(r) % 7], (int)(rnd(r) % 5));
	in->texts[0].summary = arena_printf(a, "About %s and %s.",
	    words[rnd(r) % 7], words[rnd(r) % 7]);
	in->texts[0].ai_system = in->texts[0].actions = "";
	in->texts[0].outcomes = in->texts[0].lessons = "";
	if (rnd(r) % 4 == 0) {
		in->ntexts = 2;
		in->texts[1] = in->texts[0];
		in->texts[1].lang = "ko";
		in->texts[1].title = arena_printf(a, "사례 %s %d",
		    words[rnd(r) % 7], i);
	}
	in->tags[0].kind = "principle";
	in->tags[0].slug = (char *)principles[rnd(r) % 5];
	in->tags[1].kind = "principle";
	in->tags[1].slug = (char *)principles[rnd(r) % 5];
	in->ntags = strcmp(in->tags[0].slug, in->tags[1].slug) ? 2 : 1;
	in->note = "generated";
}

static void
random_search(struct case_search *s, uint64_t *r)
{
	static const char *const sorts[] = { "relevance", "newest", "title" };
	static const char *const vals[][4] = {
		{ "governance-frameworks", "multi-stakeholder", "nope", NULL },
		{ NULL, NULL, NULL, NULL },
		{ "fairness", "privacy", "transparency", NULL },
		{ NULL, NULL, NULL, NULL },
		{ "government", "academia", NULL, NULL },
		{ "europe-north-america", "asia-pacific", "africa", NULL },
		{ "NL", "KR", "BR", NULL },
		{ "en", "ko", NULL, NULL },
		{ "2018", "2019", "2021", NULL }
	};
	size_t	k, nv;

	memset(s, 0, sizeof(*s));
	for (k = 0; k < FACETS_NKINDS; k++) {
		for (nv = 0; nv < 4 && vals[k][nv] != NULL; nv++)
			;
		if (nv > 0 && rnd(r) % 4 == 0)
			s->slug[k] = vals[k][rnd(r) % nv];
	}
	switch (rnd(r) % 4) {
	case 0:
		s->q = words[rnd(r) % 9];
		break;
	case 1:
		s->q = rnd(r) % 2 ? "register audit" : "AI 알고리즘";
		break;
	default:
		break;
	}
	s->sort = facets_sort_parse(sorts[rnd(r) % 3]);
	s->page = 1 + (int64_t)(rnd(r) % 3);
	s->per_page = 1 + (int64_t)(rnd(r) % 30);
	s->lang = rnd(r) % 2 ? "ko" : "en";
}

/* case_search_run (the index) equals the store's SQL for s. */
static void
same(struct dctx *dc, const struct case_search *s)
{
	struct case_results	 r;
	struct case_query	 q;
	struct case_list_row	*rows;
	struct case_facet_row	*f;
	size_t			 n, nf, k, i, j, seen;
	int64_t			 total, per;

	T_ASSERT(case_search_run(dc, s, 1, &r) == RES_OK);
	memset(&q, 0, sizeof(q));
	for (k = 0; k < FACETS_NKINDS; k++)
		if (s->slug[k] != NULL) {
			q.kind[q.nfilters] = facet_kinds[k];
			q.slug[q.nfilters++] = s->slug[k];
		}
	q.nwords = facets_words(dc->a, s->q, q.words, CASE_MAX_WORDS);
	q.sort = s->sort;
	q.ui_lang = s->lang;
	per = s->per_page > 0 ? s->per_page : FACETS_PAGE;
	T_ASSERT(store_case_search(dc->db, dc->a, &q,
	    (s->page > 1 ? s->page - 1 : 0) * per,
	    per, &rows, &n, &total) == STORE_OK);
	T_ASSERT(r.total == total);
	T_ASSERT(r.n == n);
	for (i = 0; i < n && i < r.n; i++) {
		T_STREQ(r.rows[i].c.slug, rows[i].c.slug);
		T_STREQ(r.rows[i].title, rows[i].title);
		T_STREQ(r.rows[i].summary, rows[i].summary);
		T_STREQ(r.rows[i].lang, rows[i].lang);
		T_ASSERT(r.rows[i].c.updated_at == rows[i].c.updated_at);
	}
	T_ASSERT(store_case_facets(dc->db, dc->a, &q, &f, &nf) == STORE_OK);
	seen = 0;
	for (i = 0; i < nf; i++) {
		k = (size_t)facet_kind_index(f[i].kind);
		for (j = 0; j < r.groups[k].n; j++)
			if (strcmp(r.groups[k].v[j].slug, f[i].slug) == 0)
				break;
		T_ASSERT(j < r.groups[k].n &&
		    r.groups[k].v[j].count == f[i].count);
	}
	for (k = 0; k < r.ngroups; k++)
		for (j = 0; j < r.groups[k].n; j++)
			if (r.groups[k].v[j].count > 0)
				seen++;
	T_ASSERT(seen == nf);
}

static void
index_on(int pg)
{
	struct dctx		 dc, dc2;
	struct case_input	*in;
	struct case_search	 s;
	struct case_results	 r;
	struct form_errors	 fe;
	uint64_t		 seed = 0x9e3779b97f4a7c15ULL;
	size_t			 failed;
	int			 i;

	memset(&dc, 0, sizeof(dc));
	if ((dc.db = tstore_open(pg)) == NULL) {
		if (pg && !t_have_pg())
			T_SKIP("PostgreSQL: ETHICA_TEST_PG unset");
		else
			t_cur_failed = 1;
		return;
	}
	dc.a = arena_new();
	in = xcalloc(NGEN, sizeof(*in));
	for (i = 0; i < NGEN; i++) {
		gen(dc.a, &in[i], i, &seed);
		dc.now = 1767225600 + (i % 7) * 86400;
		memset(&fe, 0, sizeof(fe));
		T_ASSERT(case_publish_many(&dc, &in[i], 1, &fe, &failed) ==
		    RES_OK);
	}
	for (i = 0; i < 300; i++) {
		random_search(&s, &seed);
		same(&dc, &s);
	}
	/* An edit shows at once: cached rows go with the index. */
	memset(&s, 0, sizeof(s));
	s.q = in[0].texts[0].title;
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK && r.n >= 1);
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK && r.n >= 1);
	in[0].texts[0].title = "An edited title";
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(case_publish_many(&dc, &in[0], 1, &fe, &failed) == RES_OK);
	s.q = "edited";
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK && r.n == 1);
	if (r.n == 1) {
		T_STREQ(r.rows[0].c.slug, "gen-0");
		T_STREQ(r.rows[0].title, "An edited title");
	}
	same(&dc, &s);
	/* Unpublishing reloads the index: the case leaves every count. */
	memset(&s, 0, sizeof(s));
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK &&
	    r.total == NGEN);
	T_ASSERT(case_unpublish(&dc, "gen-3", "withdrawn", 1) == RES_OK);
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK &&
	    r.total == NGEN - 1);
	s.q = in[3].texts[0].title;
	same(&dc, &s);
	/* Another database in the same process: its own index. */
	memset(&dc2, 0, sizeof(dc2));
	dc2.db = tstore_open(pg);
	dc2.a = dc.a;
	dc2.now = dc.now;
	T_ASSERT(dc2.db != NULL);
	memset(&s, 0, sizeof(s));
	T_ASSERT(case_search_run(&dc2, &s, 1, &r) == RES_OK && r.total == 0);
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(case_publish_many(&dc2, &in[5], 1, &fe, &failed) == RES_OK);
	T_ASSERT(case_search_run(&dc2, &s, 1, &r) == RES_OK && r.total == 1);
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK &&
	    r.total == NGEN - 1);
	for (i = 0; i < 60; i++) {
		random_search(&s, &seed);
		same(&dc, &s);
	}
	free(in);
	tstore_close(dc2.db);
	tstore_close(dc.db);
	arena_free(dc.a);
	facets_index_drop();
}

static void
test_index_sqlite(void)
{
	index_on(0);
}

static void
test_index_pg(void)
{
	index_on(1);
}

int
main(void)
{
	T_RUN(test_urls);
	T_RUN(test_directive);
	T_RUN(test_index_sqlite);
	T_RUN(test_index_pg);
	return (t_done());
}
