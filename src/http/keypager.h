/*
 * keypager.h: the HTTP side of keyset paging (domain/keypage.h): reading
 * a page's `after`/`before` keys from the query string and the links to
 * the neighbouring pages, which keep the list's filters. Every paged list
 * uses these two, its route declares `after` and `before` (v_id), and its
 * template includes partials/keypager.
 */
#ifndef ETHICA_KEYPAGER_H
#define ETHICA_KEYPAGER_H

struct ctx;
struct keypage;

/* Fills pg's keys from the request (absent or refused: 0, the first page). */
void	keypager_read(struct ctx *, struct keypage *pg);

/*
 * Sets view.pager.prev and view.pager.next (arena strings) to base, then
 * "?" and the filters (filter holds name, value pairs ended by NULL;
 * pairs with a NULL or empty value are left out; values are
 * percent-encoded here), then before= or after= the neighbour's key.
 * Sets nothing when pg has no neighbour.
 */
void	keypager_view(struct ctx *, const char *base,
	    const char *const *filter, const struct keypage *pg);

#endif
