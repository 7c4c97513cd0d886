/*
 * test_facets.c: facet URLs (toggling, sorting, paging, encoding) and the
 * ::case[slug] directive parser of lesson Markdown.
 */
#include <string.h>

#include "domain/case_ref.h"
#include "domain/facets.h"
#include "lib/mem.h"
#include "t.h"

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

int
main(void)
{
	T_RUN(test_urls);
	T_RUN(test_directive);
	return (t_done());
}
