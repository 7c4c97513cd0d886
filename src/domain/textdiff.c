/*
 * textdiff.c: the line diff of two texts (textdiff.h). It owns splitting
 * into lines, hashing them, trimming the common head and tail, Myers'
 * greedy search with its trace kept for the way back, and folding the
 * edit script into hunks. It must never go quadratic on big input: the
 * caps of textdiff.h are checked before any work, and the search stops at
 * TEXTDIFF_MAX_EDITS.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/textdiff.h"
#include "lib/mem.h"

/* What Myers compares: a line's bytes with its '\n', and their hash. */
struct tline {
	const char	*s;
	size_t		 len;
	uint64_t	 h;
};

static int	split(const char *, size_t, struct textdiff_line **, size_t *,
		    struct tline **);
static int	same(const struct tline *, const struct tline *);
static size_t	myers(const struct tline *, size_t, const struct tline *,
		    size_t, unsigned char *);
static void	hunk(struct textdiff *, size_t *, enum textdiff_op, size_t,
		    size_t, size_t);

/*
 * Splits text into lines (display form in *lines, compare form in *t).
 * Returns 0, or -1 when over TEXTDIFF_MAX_LINES.
 */
static int
split(const char *text, size_t len, struct textdiff_line **lines, size_t *n,
    struct tline **t)
{
	size_t		 i, count, start, k;
	uint64_t	 h;

	*lines = NULL;
	*t = NULL;
	*n = 0;
	count = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			count++;
	if (len > 0 && text[len - 1] != '\n')
		count++;
	if (count > TEXTDIFF_MAX_LINES)
		return (-1);
	if (count == 0)
		return (0);
	*lines = xcalloc(count, sizeof(**lines));
	*t = xcalloc(count, sizeof(**t));
	k = 0;
	start = 0;
	h = 1469598103934665603ULL;		/* FNV-1a */
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 1099511628211ULL;
		if (text[i] != '\n' && i + 1 < len)
			continue;
		(*lines)[k].text = text + start;
		(*lines)[k].len = i - start + (text[i] != '\n');
		(*t)[k].s = text + start;
		(*t)[k].len = i + 1 - start;
		(*t)[k].h = h;
		k++;
		start = i + 1;
		h = 1469598103934665603ULL;
	}
	*n = count;
	return (0);
}

static int
same(const struct tline *x, const struct tline *y)
{
	return (x->h == y->h && x->len == y->len &&
	    memcmp(x->s, y->s, x->len) == 0);
}

/*
 * Myers' greedy search over a (n lines) and b (m lines), both non-empty.
 * Writes the edit script into ops (room for n + m: KEEP, DEL or ADD per
 * step, in order) and returns its length, or 0 when more than
 * TEXTDIFF_MAX_EDITS edits would be needed. The trace holds V[-d..d] for
 * each d searched: (d+1)^2 entries at most.
 */
static size_t
myers(const struct tline *a, size_t n, const struct tline *b, size_t m,
    unsigned char *ops)
{
	int32_t		*trace, *v, *pv;
	size_t		 cap, max, d, tlen, nops, i;
	long		 k, x, y, pk, px, py, dd, found;

	max = n + m;
	if (max > TEXTDIFF_MAX_EDITS)
		max = TEXTDIFF_MAX_EDITS;
	cap = 64;
	trace = xcalloc(cap, sizeof(*trace));
	tlen = 0;
	found = -1;
	for (d = 0; d <= max && found < 0; d++) {
		dd = (long)d;
		/* V for this d lives at trace[d*d], index k + d. */
		while (tlen + 2 * d + 1 > cap) {
			cap *= 2;
			trace = xrealloc(trace, cap * sizeof(*trace));
		}
		v = trace + d * d;
		pv = d > 0 ? trace + (d - 1) * (d - 1) : NULL;
		tlen += 2 * d + 1;
		for (k = -dd; k <= dd; k += 2) {
			if (d == 0)
				x = 0;
			else if (k == -dd || (k != dd &&
			    pv[k - 1 + dd - 1] < pv[k + 1 + dd - 1]))
				x = pv[k + 1 + dd - 1];		/* down */
			else
				x = pv[k - 1 + dd - 1] + 1;	/* right */
			y = x - k;
			while (x < (long)n && y < (long)m &&
			    same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[k + dd] = (int32_t)x;
			if (x >= (long)n && y >= (long)m) {
				found = dd;
				break;
			}
		}
	}
	if (found < 0) {
		free(trace);
		return (0);
	}
	/* Walk back from (n, m), writing the script from its end. */
	nops = 0;
	x = (long)n;
	y = (long)m;
	for (dd = found; dd > 0; dd--) {
		k = x - y;
		pv = trace + (dd - 1) * (dd - 1);
		if (k == -dd || (k != dd &&
		    pv[k - 1 + dd - 1] < pv[k + 1 + dd - 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = pv[pk + dd - 1];
		py = px - pk;
		while (x > px && y > py) {
			ops[nops++] = TEXTDIFF_KEEP;
			x--;
			y--;
		}
		if (pk == k + 1)
			ops[nops++] = TEXTDIFF_ADD;
		else
			ops[nops++] = TEXTDIFF_DEL;
		x = px;
		y = py;
	}
	while (x > 0 && y > 0) {
		ops[nops++] = TEXTDIFF_KEEP;
		x--;
		y--;
	}
	free(trace);
	/* Reverse into reading order. */
	for (i = 0; i < nops / 2; i++) {
		unsigned char	c = ops[i];

		ops[i] = ops[nops - 1 - i];
		ops[nops - 1 - i] = c;
	}
	return (nops);
}

/* Appends a hunk, or lengthens the last one when it has the same op. */
static void
hunk(struct textdiff *d, size_t *cap, enum textdiff_op op, size_t a,
    size_t b, size_t n)
{
	struct textdiff_hunk	*h;

	if (n == 0)
		return;
	if (d->nhunks > 0 && d->hunks[d->nhunks - 1].op == op) {
		d->hunks[d->nhunks - 1].n += n;
		return;
	}
	if (d->nhunks == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		d->hunks = xrealloc(d->hunks, *cap * sizeof(*d->hunks));
	}
	h = &d->hunks[d->nhunks++];
	h->op = op;
	h->a = a;
	h->b = b;
	h->n = n;
}

/*
 * textdiff_lines: see textdiff.h. The script of the middle is folded so
 * that each change (a run of DEL and ADD steps) gives its DEL hunk, then
 * its ADD hunk.
 */
enum textdiff_result
textdiff_lines(const char *old, size_t oldlen, const char *new,
    size_t newlen, struct textdiff *d)
{
	struct tline	*ta = NULL, *tb = NULL;
	unsigned char	*ops = NULL;
	size_t		 head, tail, n, m, nops, i, j, a, b, dels, adds, cap;
	enum textdiff_result rv = TEXTDIFF_TOO_LARGE;

	memset(d, 0, sizeof(*d));
	if (oldlen > TEXTDIFF_MAX_BYTES || newlen > TEXTDIFF_MAX_BYTES)
		return (rv);
	if (split(old, oldlen, &d->old, &d->nold, &ta) == -1 ||
	    split(new, newlen, &d->new, &d->nnew, &tb) == -1) {
		textdiff_free(d);
		goto out;
	}
	cap = 0;
	head = 0;
	while (head < d->nold && head < d->nnew && same(&ta[head], &tb[head]))
		head++;
	tail = 0;
	while (tail < d->nold - head && tail < d->nnew - head &&
	    same(&ta[d->nold - 1 - tail], &tb[d->nnew - 1 - tail]))
		tail++;
	n = d->nold - head - tail;
	m = d->nnew - head - tail;
	hunk(d, &cap, TEXTDIFF_KEEP, 0, 0, head);
	nops = 0;
	if (n > 0 && m > 0) {
		ops = xmalloc(n + m);
		nops = myers(ta + head, n, tb + head, m, ops);
		if (nops == 0)
			d->coarse = 1;
	}
	if (nops == 0) {
		hunk(d, &cap, TEXTDIFF_DEL, head, head, n);
		hunk(d, &cap, TEXTDIFF_ADD, head + n, head, m);
	} else {
		a = head;
		b = head;
		for (i = 0; i < nops; i = j) {
			if (ops[i] == TEXTDIFF_KEEP) {
				for (j = i; j < nops &&
				    ops[j] == TEXTDIFF_KEEP; j++)
					;
				hunk(d, &cap, TEXTDIFF_KEEP, a, b, j - i);
				a += j - i;
				b += j - i;
				continue;
			}
			dels = adds = 0;
			for (j = i; j < nops && ops[j] != TEXTDIFF_KEEP; j++) {
				if (ops[j] == TEXTDIFF_DEL)
					dels++;
				else
					adds++;
			}
			hunk(d, &cap, TEXTDIFF_DEL, a, b, dels);
			hunk(d, &cap, TEXTDIFF_ADD, a + dels, b, adds);
			a += dels;
			b += adds;
		}
	}
	hunk(d, &cap, TEXTDIFF_KEEP, d->nold - tail, d->nnew - tail, tail);
	for (i = 0; i < d->nhunks; i++) {
		if (d->hunks[i].op == TEXTDIFF_DEL)
			d->removed += d->hunks[i].n;
		else if (d->hunks[i].op == TEXTDIFF_ADD)
			d->added += d->hunks[i].n;
	}
	rv = TEXTDIFF_OK;
out:
	free(ops);
	free(ta);
	free(tb);
	return (rv);
}

/* textdiff_free: see textdiff.h. */
void
textdiff_free(struct textdiff *d)
{
	free(d->old);
	free(d->new);
	free(d->hunks);
	memset(d, 0, sizeof(*d));
}

/* textdiff_equal: see textdiff.h. */
int
textdiff_equal(const struct textdiff *d)
{
	return (d->removed == 0 && d->added == 0);
}
