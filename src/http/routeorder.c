/*
 * routeorder.c: the order in which Kore tries the routes. Kore 4.1 finds
 * a request's route by walking the domain's list in configuration order,
 * a strcmp for an exact route and a regexec for a pattern (module.c,
 * kore_module_handler_find); a failed regexec costs ~0.25 us, and the
 * call page /calls/N came after 25 patterns, the chair's list after 35
 * (5.5 % of a worker on the call page; bench/NOTES.md item 19). So the
 * list learns the traffic: every ROUTEORDER_EVERY requests the request's
 * route swaps places with the one before it, when no path can match both
 * (a transposition list: the routes used most drift to the front).
 *
 * Why that never changes which route a path gets: for any path, the
 * routes it matches may each match what the others match, so no two of
 * them are ever swapped, and the first of them stays first. "May match
 * both" is decided conservatively: two exact routes only when equal; an
 * exact route and a pattern by running the pattern on the exact path; two
 * patterns unless both are anchored (^) without alternation (|) and the
 * literal text they start with differs before either ends.
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>

#include <regex.h>
#include <string.h>

#include "http/routeorder.h"

#define ROUTEORDER_EVERY	16

/* Kore declares the list's head without a name; TAILQ_PREV needs one. */
TAILQ_HEAD(routeorder_head, kore_module_handle);

static size_t	literal_prefix(const char *, int *);

static unsigned int	nhits;

/*
 * The length of the literal text every match of pattern p starts with;
 * *anchored is 0 when p may match elsewhere than at the start (no ^, or a
 * | anywhere), and then the length is 0.
 */
static size_t
literal_prefix(const char *p, int *anchored)
{
	size_t	n;

	*anchored = p[0] == '^' && strchr(p, '|') == NULL;
	if (!*anchored)
		return (0);
	p++;
	n = strcspn(p, ".[]()*+?{}|^$\\");
	/* A quantifier makes the character before it optional. */
	if (n > 0 && strchr("*+?{", p[n]) != NULL && p[n] != '\0')
		n--;
	return (n);
}

int
routeorder_overlap(const struct kore_module_handle *a,
    const struct kore_module_handle *b)
{
	const struct kore_module_handle	*t;
	size_t				 la, lb;
	int				 aa, ab;

	if (a->type == HANDLER_TYPE_STATIC && b->type == HANDLER_TYPE_STATIC)
		return (strcmp(a->path, b->path) == 0);
	if (a->type == HANDLER_TYPE_STATIC) {
		t = a;
		a = b;
		b = t;
	}
	if (b->type == HANDLER_TYPE_STATIC)
		return (regexec(&a->rctx, b->path, 0, NULL, 0) == 0);
	la = literal_prefix(a->path, &aa);
	lb = literal_prefix(b->path, &ab);
	if (!aa || !ab)
		return (1);
	return (strncmp(a->path + 1, b->path + 1, la < lb ? la : lb) == 0);
}

void
routeorder_hit(struct http_request *req)
{
	struct kore_module_handle	*h, *p;
	struct kore_domain		*dom;

	if (++nhits % ROUTEORDER_EVERY != 0 || (h = req->hdlr) == NULL ||
	    (dom = h->dom) == NULL)
		return;
	p = TAILQ_PREV(h, routeorder_head, list);
	if (p == NULL || routeorder_overlap(p, h))
		return;
	TAILQ_REMOVE(&dom->handlers, h, list);
	TAILQ_INSERT_BEFORE(p, h, list);
}
