/*
 * keypage.h: keyset paging of the lists that grow with the data (the
 * chair's cases, the reviewer's and the submitter's lists, users, audit
 * logs, the mail outbox). A page is the rows after (or before) the key of
 * a row, in the list's order, found by one range of an index: no OFFSET,
 * no count of the whole list, the same work on the first page and the
 * thousandth. The rule lives here once: the store reads limit + 1 rows
 * from keypage_cursor() in its direction, keypage_done() keeps limit,
 * puts them in the list's order and sets the neighbours' keys.
 */
#ifndef ETHICA_KEYPAGE_H
#define ETHICA_KEYPAGE_H

#include <stddef.h>
#include <stdint.h>

struct keypage {
	int64_t	 after;		/* in: > 0, the page after this key */
	int64_t	 before;	/* in: > 0 (after 0), the page before it */
	int64_t	 prev;		/* out: > 0, "before" of the previous page */
	int64_t	 next;		/* out: > 0, "after" of the next page */
};

/*
 * Where the store starts reading: 0 for the first page, k > 0 for the rows
 * after key k in the list's order, -k for the rows before key k (read in
 * the reverse order, nearest first).
 */
int64_t	keypage_cursor(const struct keypage *);

/*
 * Finishes a page: rows holds *n rows (each size bytes, key() gives a
 * row's key) read from keypage_cursor() in its direction, at most limit +
 * 1. Keeps limit, puts them in the list's order, sets pg->prev and
 * pg->next (0: no such page). Returns 1 when the key led nowhere (no row
 * after it, or fewer than a page before it: the start of the list, a
 * forged or stale key): pg is then reset to the first page, which the
 * caller reads and finishes again (that call returns 0). Never fails.
 */
int	keypage_done(struct keypage *pg, void *rows, size_t size, size_t *n,
	    size_t limit, int64_t (*key)(const void *));

#endif
