/*
 * facets_index.h: the per-process search index of the case library:
 * every published case's facet tags as bitsets, kept in memory and
 * rebuilt when the content version (migration 0018) moves, so that nodes
 * sharing one database agree. Searches with facets, their counts and paging then
 * cost one pass over bitsets; words go to the full-text index once per
 * version (a small cache of word results) and their hits are intersected
 * here. Results equal the SQL of store_case_search()/store_case_facets().
 */
#ifndef ETHICA_FACETS_INDEX_H
#define ETHICA_FACETS_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"
#include "store/st_cases.h"

struct fx_answer {
	int64_t			 total;	/* matching cases */
	struct case_list_row	*rows;	/* the page, in order */
	size_t			 n;
	struct case_facet_row	*f;	/* counts > 0 by kind, slug; when
					 * asked */
	size_t			 nf;
};

/*
 * Runs q over the index (reloaded first when stale): the page
 * offset/limit of the matching published cases in q->sort order and,
 * when with_counts, the count of every facet value over all matches
 * (same order and values as store_case_facets). Memory in dc->a.
 * RES_INTERNAL on a store error.
 */
enum result	 facets_index_query(struct dctx *, const struct case_query *,
		    int64_t offset, int64_t limit, int with_counts,
		    struct fx_answer *);

/* Frees the index (the next query reloads it). */
void		 facets_index_drop(void);

#endif
