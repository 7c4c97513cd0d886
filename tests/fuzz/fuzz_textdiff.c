/*
 * fuzz_textdiff.c: libFuzzer target for the line diff (textdiff.c). The
 * input is split at its first NUL byte into an old and a new text (no
 * NUL: the new text is empty). Aborts unless the hunks give back both
 * texts line for line, in order, with positions and counts that agree,
 * removals before additions in each change; unless the diff of the texts
 * the other way round has as many edits (both are shortest scripts) when
 * neither is coarse; and unless a text compared with itself is equal.
 *
 * Build and run: `make fuzz` (tests/fuzz/build.sh); the corpus replay in
 * make test: tests/fuzz/replay.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/textdiff.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check(const struct textdiff *);
static int	same(const struct textdiff_line *, const struct textdiff_line *);

static int
same(const struct textdiff_line *x, const struct textdiff_line *y)
{
	return (x->len == y->len && memcmp(x->text, y->text, x->len) == 0);
}

static void
check(const struct textdiff *d)
{
	size_t	i, j, ia = 0, ib = 0, rem = 0, add = 0;

	for (i = 0; i < d->nhunks; i++) {
		if (d->hunks[i].n == 0 || d->hunks[i].a != ia ||
		    d->hunks[i].b != ib)
			abort();
		if (i > 0 && d->hunks[i].op == d->hunks[i - 1].op)
			abort();
		switch (d->hunks[i].op) {
		case TEXTDIFF_KEEP:
			if (ia + d->hunks[i].n > d->nold ||
			    ib + d->hunks[i].n > d->nnew)
				abort();
			for (j = 0; j < d->hunks[i].n; j++)
				if (!same(&d->old[ia + j], &d->new[ib + j]))
					abort();
			ia += d->hunks[i].n;
			ib += d->hunks[i].n;
			break;
		case TEXTDIFF_DEL:
			if (i > 0 && d->hunks[i - 1].op == TEXTDIFF_ADD)
				abort();
			rem += d->hunks[i].n;
			ia += d->hunks[i].n;
			break;
		case TEXTDIFF_ADD:
			add += d->hunks[i].n;
			ib += d->hunks[i].n;
			break;
		default:
			abort();
		}
	}
	if (ia != d->nold || ib != d->nnew || rem != d->removed ||
	    add != d->added)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct textdiff	 d, r;
	const char	*a, *b, *nul;
	size_t		 alen, blen;

	a = (const char *)data;
	nul = memchr(data, '\0', len);
	alen = nul ? (size_t)(nul - a) : len;
	b = nul ? nul + 1 : a + len;
	blen = nul ? len - alen - 1 : 0;
	if (textdiff_lines(a, alen, b, blen, &d) != TEXTDIFF_OK)
		abort();			/* inputs are far under the caps */
	check(&d);
	if (textdiff_lines(b, blen, a, alen, &r) != TEXTDIFF_OK)
		abort();
	check(&r);
	if (!d.coarse && !r.coarse &&
	    (d.removed != r.added || d.added != r.removed))
		abort();
	textdiff_free(&r);
	if (textdiff_lines(a, alen, a, alen, &r) != TEXTDIFF_OK ||
	    !textdiff_equal(&r) || r.coarse)
		abort();
	textdiff_free(&r);
	textdiff_free(&d);
	return (0);
}
