/*
 * test_cases.c: publishing, versions, unpublishing, search (English and
 * Korean, short words), facet counts and dumps of the case library, on
 * SQLite and (with ETHICA_TEST_PG) PostgreSQL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/cases.h"
#include "domain/dctx.h"
#include "domain/facets.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "t.h"
#include "tstore.h"

static struct user	chair = { 1, "chair@x", "Chair", "chair", "", "", 1,
			    0 };
static struct user	learner = { 2, "l@x", "L", "learner", "", "", 1,
			    0 };

static void	 setup(struct dctx *, int pg);
static void	 input(struct case_input *, const char *slug,
		    const char *cat, const char *cc, const char *title,
		    const char *principle);
static int64_t	 count_of(const struct case_results *, const char *kind,
		    const char *slug);
static void	 run_all(int pg);
static void	 page_rows(const struct case_view *);

/* case_get's one query for texts, links, tags and versions gives each
 * list whole and in its order: texts by language, links by position,
 * tags by kind and slug, versions newest first. */
static void
page_rows(const struct case_view *v)
{
	size_t	i, principle = 0;

	T_ASSERT(v->ch.ntexts == 1);
	T_STREQ(v->ch.texts[0].lang, "en");
	T_STREQ(v->ch.texts[0].title,
	    "Amsterdam algorithm register (updated)");
	T_STREQ(v->ch.texts[0].summary,
	    "A public algorithm register lists systems.");
	T_STREQ(v->ch.texts[0].lessons, "");
	T_ASSERT(v->ch.nlinks == 1);
	T_STREQ(v->ch.links[0].title, "Source");
	T_STREQ(v->ch.links[0].url, "https://example.org/");
	T_ASSERT(v->ch.ntags > 2);
	for (i = 0; i < v->ch.ntags; i++) {
		T_ASSERT(strcmp(v->ch.tags[i].kind, "all") != 0);
		if (strcmp(v->ch.tags[i].kind, "principle") == 0 &&
		    strcmp(v->ch.tags[i].slug, "transparency") == 0)
			principle++;
		if (i > 0)
			T_ASSERT(strcmp(v->ch.tags[i - 1].kind,
			    v->ch.tags[i].kind) < 0 ||
			    (strcmp(v->ch.tags[i - 1].kind,
			    v->ch.tags[i].kind) == 0 &&
			    strcmp(v->ch.tags[i - 1].slug,
			    v->ch.tags[i].slug) < 0));
	}
	T_ASSERT(principle == 1);
	T_ASSERT(v->ch.nversions == 3);
	for (i = 0; i < v->ch.nversions; i++)
		T_ASSERT(v->ch.versions[i].version == 3 - (int64_t)i &&
		    v->ch.versions[i].created_at > 0);
}

static void
setup(struct dctx *dc, int pg)
{
	memset(dc, 0, sizeof(*dc));
	dc->db = tstore_open(pg);
	dc->a = arena_new();
	dc->now = 1767225600;	/* 2026-01-01 */
	dc->user = &chair;
	if (dc->db != NULL) {
		struct user_row	u;

		memset(&u, 0, sizeof(u));
		u.email = "chair@x";
		u.display_name = "Chair";
		u.password_hash = "x";
		u.role = "chair";
		u.language = u.country = "";
		(void)store_user_insert(dc->db, &u, dc->now, &chair.id);
		u.email = "l@x";
		u.role = "learner";
		(void)store_user_insert(dc->db, &u, dc->now, &learner.id);
	}
}

static void
input(struct case_input *in, const char *slug, const char *cat,
    const char *cc, const char *title, const char *principle)
{
	memset(in, 0, sizeof(*in));
	in->slug = slug;
	in->category = cat;
	in->organisation = "City of Example";
	in->sector = "government";
	in->country = cc;
	in->language = "en";
	in->year = 2020;
	in->ntexts = 1;
	in->texts[0].lang = "en";
	in->texts[0].title = (char *)title;
	in->texts[0].summary = "A public algorithm register lists systems.";
	in->texts[0].ai_system = "";
	in->texts[0].actions = "";
	in->texts[0].outcomes = "";
	in->texts[0].lessons = "";
	in->ntags = 1;
	in->tags[0].kind = "principle";
	in->tags[0].slug = (char *)principle;
	in->nlinks = 1;
	in->links[0].title = "Source";
	in->links[0].url = "https://example.org/";
}

static int64_t
count_of(const struct case_results *r, const char *kind, const char *slug)
{
	size_t	k, i;

	for (k = 0; k < r->ngroups; k++) {
		if (strcmp(r->groups[k].kind, kind) != 0)
			continue;
		for (i = 0; i < r->groups[k].n; i++)
			if (strcmp(r->groups[k].v[i].slug, slug) == 0)
				return (r->groups[k].v[i].count);
	}
	return (-1);
}

static void
run_all(int pg)
{
	struct dctx		 dc;
	struct case_input	 in;
	struct form_errors	 fe;
	struct case_search	 s;
	struct case_results	 r;
	struct case_view	 v;
	struct buf		 b;
	const char		*slug;
	uint64_t		 trips;
	int			 changed;

	setup(&dc, pg);
	if (dc.db == NULL) {
		if (pg && !t_have_pg())
			T_SKIP("PostgreSQL: ETHICA_TEST_PG unset");
		else
			t_cur_failed = 1;
		arena_free(dc.a);
		return;
	}
	/* Permission. */
	memset(&fe, 0, sizeof(fe));
	input(&in, "a-register", "governance-frameworks", "NL",
	    "Amsterdam algorithm register", "transparency");
	dc.user = &learner;
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_FORBIDDEN);
	dc.user = &chair;
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_OK);
	T_ASSERT(changed == 1);
	T_STREQ(slug, "a-register");
	/* Same content again: nothing written. */
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_OK && changed == 0);
	/* Invalid tags and category are refused. */
	input(&in, "bad", "nope", "XX", "Bad", "not-a-principle");
	memset(&fe, 0, sizeof(fe));
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_INVALID);
	T_ASSERT(form_error_for(&fe, "category") != NULL);
	T_ASSERT(form_error_for(&fe, "tags") != NULL);

	input(&in, "b-toolkit", "tools-applications", "SG",
	    "AI Verify testing toolkit", "fairness");
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_OK);
	input(&in, "c-korea", "governance-frameworks", "KR",
	    "Self-checklist", "transparency");
	in.ntexts = 2;
	in.texts[1].lang = "ko";
	in.texts[1].title = "인공지능 윤리기준 자율점검표";
	in.texts[1].summary = "알고리즘 투명성 점검";
	in.texts[1].ai_system = in.texts[1].actions = "";
	in.texts[1].outcomes = in.texts[1].lessons = "";
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_OK);

	/* Search and facets. */
	memset(&s, 0, sizeof(s));
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK);
	T_ASSERT(r.total == 3);
	T_ASSERT(count_of(&r, "principle", "transparency") == 2);
	T_ASSERT(count_of(&r, "category", "governance-frameworks") == 2);
	T_ASSERT(count_of(&r, "region", "europe-north-america") == 1);
	T_ASSERT(count_of(&r, "region", "asia-pacific") == 2);
	T_ASSERT(count_of(&r, "lang", "ko") == 1);
	T_ASSERT(count_of(&r, "year", "2020") == 3);
	s.slug[facet_kind_index("principle")] = "transparency";
	s.slug[facet_kind_index("region")] = "asia-pacific";
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK);
	T_ASSERT(r.total == 1 && r.n == 1);
	if (r.n > 0)
		T_STREQ(r.rows[0].c.slug, "c-korea");
	T_ASSERT(count_of(&r, "country", "KR") == 1);
	T_ASSERT(count_of(&r, "country", "SG") == -1);
	/* A page past any offset (fuzz_search: (page - 1) * 20 overflowed)
	 * is the last page there may be, empty. */
	s.page = INT64_MAX;
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK);
	T_ASSERT(r.n == 0 && r.page == FACETS_PAGE_MAX);
	s.page = 0;
	memset(&s, 0, sizeof(s));
	s.q = "algorithm register";
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK);
	T_ASSERT(r.total == 3);	/* the summary says it too */
	s.q = "Amsterdam";
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK);
	T_ASSERT(r.total == 1);
	s.q = "알고리즘";
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK);
	T_ASSERT(r.total == 1 && r.n == 1);
	s.q = "윤리";		/* two characters: the LIKE path */
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK);
	T_ASSERT(r.total == 1);
	s.q = "AI";
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK);
	T_ASSERT(r.total == 1);
	s.q = "nothing-like-this";
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK);
	T_ASSERT(r.total == 0);
	/* Korean UI gets the Korean title. */
	memset(&s, 0, sizeof(s));
	s.lang = "ko";
	s.sort = CASE_SORT_TITLE;
	T_ASSERT(case_search_run(&dc, &s, 0, &r) == RES_OK && r.n == 3);

	/* Shown twice (the second time from the cache), then a new
	 * version: the page shows the new text at once. The second page
	 * runs no query but the content version's (issue 14: round trips
	 * per page). */
	T_ASSERT(case_get(&dc, "a-register", "en", &v) == RES_OK);
	dctx_read_begin(&dc);
	(void)dctx_content_version(&dc);
	trips = db_trips(dc.db);
	T_ASSERT(case_get(&dc, "a-register", "en", &v) == RES_OK);
	T_ASSERT(db_trips(dc.db) == trips);
	dctx_read_end(&dc);
	T_ASSERT(v.text != NULL && strstr(v.text->title, "updated") == NULL);
	T_STREQ(v.c.slug, "a-register");
	T_STREQ(v.c.state, "published");
	T_ASSERT(v.ch.ntags > 0 && v.ch.nversions == 1);
	/* Another language is another entry, with its own lessons. */
	T_ASSERT(case_get(&dc, "c-korea", "ko", &v) == RES_OK);
	T_ASSERT(v.text != NULL && strcmp(v.text->lang, "ko") == 0);
	T_ASSERT(case_get(&dc, "c-korea", "en", &v) == RES_OK);
	T_ASSERT(v.text != NULL && strcmp(v.text->lang, "en") == 0);
	/* A new version. */
	dc.now += 100;
	input(&in, "a-register", "governance-frameworks", "NL",
	    "Amsterdam algorithm register (updated)", "transparency");
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_OK && changed == 1);
	T_ASSERT(case_get(&dc, "a-register", "en", &v) == RES_OK);
	T_ASSERT(v.c.version == 2 && v.ch.nversions == 2);
	T_ASSERT(v.c.updated_at == dc.now);
	T_ASSERT(v.text != NULL && strstr(v.text->title, "(updated)") != NULL);

	/* Unpublish: gone from search, facets and dumps; says why. */
	T_ASSERT(case_unpublish(&dc, "a-register", "", 0) == RES_INVALID);
	dc.user = &learner;
	T_ASSERT(case_unpublish(&dc, "a-register", "x", 0) == RES_FORBIDDEN);
	dc.user = &chair;
	T_ASSERT(case_unpublish(&dc, "a-register", "Withdrawn by the city",
	    0) == RES_OK);
	T_ASSERT(case_unpublish(&dc, "a-register", "again", 0) ==
	    RES_CONFLICT);
	T_ASSERT(case_get(&dc, "a-register", "en", &v) == RES_OK);
	T_STREQ(v.c.state, "unpublished");
	T_STREQ(v.c.unpublish_reason, "Withdrawn by the city");
	T_ASSERT(v.text == NULL);
	memset(&s, 0, sizeof(s));
	s.q = "Amsterdam";
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK && r.total == 0);
	s.q = NULL;
	T_ASSERT(case_search_run(&dc, &s, 1, &r) == RES_OK && r.total == 2);
	T_ASSERT(count_of(&r, "principle", "transparency") == 1);
	T_ASSERT(count_of(&r, "country", "NL") == -1);
	buf_init(&b);
	T_ASSERT(case_dump_json(&dc, "http://x", &b) == RES_OK);
	T_ASSERT(strstr(b.data, "a-register") == NULL);
	T_CONTAINS(b.data, "\"c-korea\"");
	T_CONTAINS(b.data, "CC BY 4.0");
	buf_reset(&b);
	T_ASSERT(case_dump_csv(&dc, "http://x", &b) == RES_OK);
	T_ASSERT(strstr(b.data, "a-register") == NULL);
	T_CONTAINS(b.data, "b-toolkit");
	buf_free(&b);
	T_ASSERT(case_get(&dc, "nope", "en", &v) == RES_NOT_FOUND);
	/* Republishing brings it back as a new version. */
	T_ASSERT(case_publish_from(&dc, &in, 0, &fe, &slug, &changed) ==
	    RES_OK && changed == 1);
	T_ASSERT(case_get(&dc, "a-register", "en", &v) == RES_OK);
	T_STREQ(v.c.state, "published");
	T_ASSERT(v.c.version == 3);
	page_rows(&v);

	arena_free(dc.a);
	tstore_close(dc.db);
}

static void
test_cases_sqlite(void)
{
	run_all(0);
}

static void
test_cases_pg(void)
{
	run_all(1);
}

static void
test_words(void)
{
	struct arena	*a = arena_new();
	const char	*w[4];

	T_ASSERT(facets_words(a, "  algorithm, register!", w, 4) == 2);
	T_STREQ(w[0], "algorithm");
	T_STREQ(w[1], "register");
	T_ASSERT(facets_words(a, "\"x\" OR y* (z)", w, 4) == 4);
	T_STREQ(w[0], "x");
	T_STREQ(w[3], "z");
	T_ASSERT(facets_words(a, "알고리즘 투명성", w, 4) == 2);
	T_STREQ(w[1], "투명성");
	T_ASSERT(facets_words(a, "%_'\\", w, 4) == 0);
	T_ASSERT(facets_words(a, NULL, w, 4) == 0);
	/* Over 64 bytes with no character start (not UTF-8): no empty word
	 * (fuzz_search's corpus file crash-continuation-bytes-word). */
	{
		char	cont[72];

		memset(cont, 0x83, 70);
		cont[70] = 'x';
		cont[71] = '\0';
		T_ASSERT(facets_words(a, cont, w, 4) == 0);
	}
	arena_free(a);
}

/* 13.12: titles in any script make readable slugs, the same each time;
 * "case" only when nothing is left. */
static void
test_slugify(void)
{
	struct arena	*a = arena_new();
	char		 long_title[3000];
	size_t		 i;

	T_STREQ(case_slugify(a, "Algorithm Register, Amsterdam!"),
	    "algorithm-register-amsterdam");
	T_STREQ(case_slugify(a, "인공지능 윤리 점검표"),
	    "ingongjineung-yunli-jeomgeompyo");
	T_STREQ(case_slugify(a, "AI 윤리"), "ai-yunli");
	T_STREQ(case_slugify(a, "人工智能伦理"), "ren-gong-zhi-neng-lun-li");
	T_STREQ(case_slugify(a, "Éthique de l’IA"), "ethique-de-l-ia");
	T_STREQ(case_slugify(a, "Этика ИИ"), "etika-ii");
	T_STREQ(case_slugify(a, "인공지능 윤리 점검표"),
	    case_slugify(a, "인공지능 윤리 점검표"));
	T_ASSERT(strlen(case_slugify(a, "أخلاقيات الذكاء الاصطناعي")) > 4);
	T_STREQ(case_slugify(a, "!!! ???"), "case");
	T_STREQ(case_slugify(a, ""), "case");
	T_STREQ(case_slugify(a, NULL), "case");
	/* A long title: bounded work, at most 80 bytes. */
	for (i = 0; i + 3 < sizeof(long_title); i += 3)
		memcpy(long_title + i, "윤", 3);
	long_title[i] = '\0';
	T_ASSERT(strlen(case_slugify(a, long_title)) <= 80);
	T_ASSERT(strncmp(case_slugify(a, long_title), "yun", 3) == 0);
	arena_free(a);
}

int
main(void)
{
	T_RUN(test_words);
	T_RUN(test_slugify);
	T_RUN(test_cases_sqlite);
	T_RUN(test_cases_pg);
	return (t_done());
}
