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
 * literal text they start with differs before either ends, or both end
 * in $ and the characters their matches can end with differ
 * ("^/chair/calls/[0-9]+$" ends with a digit, ".../cases$" with an s).
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
static int	last_chars(const char *, unsigned char *);

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

/*
 * Marks in set (256 bytes) every character a match of pattern p can end
 * with, and returns 1; 0 when that is not certain from p's last atom
 * before its final $ (a literal character, or a bracket class alone or
 * with +; anything else, such as * or a group, says nothing).
 */
static int
last_chars(const char *p, unsigned char *set)
{
	size_t	len, q, k;
	int	a, b, c;

	memset(set, 0, 256);
	len = strlen(p);
	if (len < 3 || p[len - 1] != '$' || strchr(p, '|') != NULL)
		return (0);
	q = len - 2;
	if (p[q] == '+')
		q--;
	if (p[q] != ']') {
		if (q + 2 != len || p[q - 1] == '\\' ||
		    strchr(".[]()*+?{}|^$\\", p[q]) != NULL)
			return (0);
		set[(unsigned char)p[q]] = 1;
		return (1);
	}
	for (k = q; k > 0 && p[k] != '['; k--)
		if (p[k] == '\\')
			return (0);
	if (k == 0 || p[k + 1] == '^' || p[k - 1] == '\\')
		return (0);
	for (k++; k < q; k++) {
		a = (unsigned char)p[k];
		if (p[k + 1] == '-' && k + 2 < q) {
			b = (unsigned char)p[k + 2];
			for (c = a; c <= b; c++)
				set[c] = 1;
			k += 2;
		} else
			set[a] = 1;
	}
	return (1);
}

int
routeorder_overlap(const struct kore_module_handle *a,
    const struct kore_module_handle *b)
{
	const struct kore_module_handle	*t;
	unsigned char			 ea[256], eb[256];
	size_t				 la, lb, i;
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
	if (strncmp(a->path + 1, b->path + 1, la < lb ? la : lb) != 0)
		return (0);
	if (!last_chars(a->path, ea) || !last_chars(b->path, eb))
		return (1);
	for (i = 0; i < sizeof(ea); i++)
		if (ea[i] && eb[i])
			return (1);
	return (0);
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
