/*
 * facets.h: searching the case library: the words of a query, the facet
 * filters (category, value, principle, policy area, sector, region,
 * country, language, year), sorting and paging, and the facet counts of
 * the result, each with the link that adds or removes it. Public: only
 * published cases are ever counted or listed.
 */
#ifndef ETHICA_FACETS_H
#define ETHICA_FACETS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "store/st_cases.h"

#define FACETS_NKINDS	9
#define FACETS_PAGE	20
#define FACETS_MAX_PER_PAGE	100	/* the API's per_page at most */
#define FACETS_PAGE_MAX	999999	/* a later page is this one (v_page: 6
					 * digits), so offsets never overflow */

/* The facet kinds: tag kind (case_tags.kind) = URL parameter name. */
extern const char *const facet_kinds[FACETS_NKINDS + 1];

struct case_search {
	const char	*q;			/* words, or NULL */
	const char	*slug[FACETS_NKINDS];	/* per facet_kinds; NULL */
	enum case_sort	 sort;
	int64_t		 page;			/* from 1 */
	int64_t		 per_page;		/* 0: FACETS_PAGE */
	const char	*lang;			/* texts in this language */
};

struct facet_value {
	const char	*slug;
	int64_t		 count;
	int		 selected;
};

struct facet_group {
	const char		*kind;
	struct facet_value	*v;
	size_t			 n;
};

struct case_results {
	struct case_list_row	*rows;
	size_t			 n;
	int64_t			 total, page, pages;
	struct facet_group	 groups[FACETS_NKINDS];
	size_t			 ngroups;
	int			 with_facets;
};

/*
 * Makes the search's values canonical before it runs and before its links
 * are written: a year typed with other digits ("٢٠١٩", numerals.h) becomes
 * "2019". Strings it writes are allocated in a.
 */
void		 case_search_normalise(struct arena *a, struct case_search *);

/*
 * Runs the search: the page of cases and, when with_facets, the counts of
 * every facet value over the whole result (selected values included even
 * at 0). Unknown facet values simply match nothing. RES_INTERNAL.
 */
enum result	 case_search_run(struct dctx *, const struct case_search *,
		    int with_facets, struct case_results *out);

/* The index of kind in facet_kinds, or -1. */
int		 facet_kind_index(const char *kind);

/*
 * Splits q into at most CASE_MAX_WORDS words at spaces and ASCII
 * punctuation (other bytes, e.g. Hangul, stay in words), each at most
 * 64 bytes. Returns the number of words; words are arena memory.
 */
size_t		 facets_words(struct arena *, const char *q,
		    const char **words, size_t max);

/*
 * The query string ("?q=..&principle=..") of s with facet kind set to
 * slug (NULL: removed), sort and page (1: omitted). Arena memory,
 * components percent-encoded.
 */
char		*facets_url(struct arena *, const char *base,
		    const struct case_search *, int kind, const char *slug,
		    enum case_sort sort, int64_t page);

/* "relevance" "newest" "title" and back (unknown: relevance). */
const char	*facets_sort_name(enum case_sort);
enum case_sort	 facets_sort_parse(const char *);

#endif
