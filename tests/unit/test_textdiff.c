/*
 * test_textdiff.c: the line diff (src/domain/textdiff.c): empty and equal
 * texts, everything changed, insertions at both ends and in the middle, a
 * missing last newline, minimal scripts, the caps (too large, coarse), and
 * that every diff gives back both texts.
 */
#include <string.h>

#include "domain/textdiff.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "t.h"

static char	*render(const char *, const char *);
static int	 rebuilds(const struct textdiff *, const char *, const char *);

/*
 * The diff of a and b as one string: each line prefixed with ' ', '-' or
 * '+' and ended with '\n'; "TOO LARGE" when refused; "~" first when coarse.
 * Also checks that the hunks give back a and b. Caller frees.
 */
static char *
render(const char *a, const char *b)
{
	struct textdiff	 d;
	struct buf	 out;
	size_t		 i, j;
	const struct textdiff_line *l;

	buf_init(&out);
	buf_append(&out, "", 0);
	if (textdiff_lines(a, strlen(a), b, strlen(b), &d) != TEXTDIFF_OK) {
		buf_puts(&out, "TOO LARGE");
		return (buf_release(&out));
	}
	T_ASSERT(rebuilds(&d, a, b));
	if (d.coarse)
		buf_puts(&out, "~");
	for (i = 0; i < d.nhunks; i++) {
		for (j = 0; j < d.hunks[i].n; j++) {
			if (d.hunks[i].op == TEXTDIFF_ADD)
				l = &d.new[d.hunks[i].b + j];
			else
				l = &d.old[d.hunks[i].a + j];
			buf_putc(&out, d.hunks[i].op == TEXTDIFF_KEEP ? ' ' :
			    d.hunks[i].op == TEXTDIFF_DEL ? '-' : '+');
			buf_append(&out, l->text, l->len);
			buf_putc(&out, '\n');
		}
	}
	textdiff_free(&d);
	return (buf_release(&out));
}

/*
 * 1 when KEEP+DEL lines, in order, are exactly the old text's lines and
 * KEEP+ADD lines the new one's, hunk positions agree, and the counts add
 * up.
 */
static int
rebuilds(const struct textdiff *d, const char *a, const char *b)
{
	size_t	ia = 0, ib = 0, i, rem = 0, add = 0;

	(void)a;
	(void)b;
	for (i = 0; i < d->nhunks; i++) {
		if (d->hunks[i].n == 0)
			return (0);
		if (i > 0 && d->hunks[i].op == d->hunks[i - 1].op)
			return (0);
		if (d->hunks[i].a != ia || d->hunks[i].b != ib)
			return (0);
		switch (d->hunks[i].op) {
		case TEXTDIFF_KEEP:
			if (ia + d->hunks[i].n > d->nold ||
			    ib + d->hunks[i].n > d->nnew)
				return (0);
			ia += d->hunks[i].n;
			ib += d->hunks[i].n;
			break;
		case TEXTDIFF_DEL:
			/* A removal never follows an addition directly. */
			if (i > 0 && d->hunks[i - 1].op == TEXTDIFF_ADD)
				return (0);
			rem += d->hunks[i].n;
			ia += d->hunks[i].n;
			break;
		case TEXTDIFF_ADD:
			add += d->hunks[i].n;
			ib += d->hunks[i].n;
			break;
		}
	}
	return (ia == d->nold && ib == d->nnew && rem == d->removed &&
	    add == d->added);
}

#define DIFF(a, b, want) do {						\
	char	*got_ = render((a), (b));				\
	T_STREQ(got_, (want));						\
	free(got_);							\
} while (0)

static void
test_empty(void)
{
	struct textdiff	d;

	DIFF("", "", "");
	T_ASSERT(textdiff_lines(NULL, 0, NULL, 0, &d) == TEXTDIFF_OK);
	T_ASSERT(d.nhunks == 0 && textdiff_equal(&d));
	textdiff_free(&d);
	DIFF("", "a\nb\n", "+a\n+b\n");
	DIFF("a\nb\n", "", "-a\n-b\n");
}

static void
test_equal(void)
{
	struct textdiff	d;
	const char	*t = "one\ntwo\nthree\n";

	DIFF(t, t, " one\n two\n three\n");
	T_ASSERT(textdiff_lines(t, strlen(t), t, strlen(t), &d) ==
	    TEXTDIFF_OK);
	T_ASSERT(textdiff_equal(&d) && d.nhunks == 1 && !d.coarse);
	textdiff_free(&d);
}

static void
test_all_changed(void)
{
	DIFF("a\nb\nc\n", "x\ny\n", "-a\n-b\n-c\n+x\n+y\n");
}

static void
test_insert_ends(void)
{
	DIFF("b\nc\n", "a\nb\nc\nd\n", "+a\n b\n c\n+d\n");
	DIFF("b\n", "a\nb\nc\n", "+a\n b\n+c\n");
	DIFF("a\nb\nc\nd\n", "b\nc\n", "-a\n b\n c\n-d\n");
}

static void
test_middle(void)
{
	DIFF("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n",
	    " a\n b\n-c\n+X\n d\n e\n");
	/* Myers' classic: ABCABBA -> CBABAC, 5 edits. */
	{
		struct textdiff	 d;
		const char	*a = "A\nB\nC\nA\nB\nB\nA\n";
		const char	*b = "C\nB\nA\nB\nA\nC\n";
		char		*r;

		r = render(a, b);
		free(r);
		T_ASSERT(textdiff_lines(a, strlen(a), b, strlen(b), &d) ==
		    TEXTDIFF_OK);
		T_ASSERT(d.removed + d.added == 5 && !d.coarse);
		textdiff_free(&d);
	}
}

static void
test_last_newline(void)
{
	DIFF("a\nb", "a\nb\n", " a\n-b\n+b\n");
	DIFF("a", "a", " a\n");
	DIFF("a\n\n", "a\n", " a\n-\n");
}

static void
test_too_large(void)
{
	struct textdiff	 d;
	char		*big;
	size_t		 n;

	/* Bytes. */
	n = TEXTDIFF_MAX_BYTES + 1;
	big = xmalloc(n);
	memset(big, 'x', n);
	T_ASSERT(textdiff_lines(big, n, "a\n", 2, &d) == TEXTDIFF_TOO_LARGE);
	T_ASSERT(d.nhunks == 0 && d.hunks == NULL);
	textdiff_free(&d);
	T_ASSERT(textdiff_lines("a\n", 2, big, n, &d) == TEXTDIFF_TOO_LARGE);
	textdiff_free(&d);
	/* Lines: one over the cap refused, the cap itself compared. */
	n = TEXTDIFF_MAX_LINES + 1;
	memset(big, '\n', n);
	T_ASSERT(textdiff_lines(big, n, "", 0, &d) == TEXTDIFF_TOO_LARGE);
	textdiff_free(&d);
	T_ASSERT(textdiff_lines(big, n - 1, big, n - 1, &d) == TEXTDIFF_OK);
	T_ASSERT(textdiff_equal(&d));
	textdiff_free(&d);
	free(big);
}

/*
 * More edits than TEXTDIFF_MAX_EDITS: the middle comes out coarse (all
 * removed, all added) but still correct, and the head and tail kept.
 */
static void
test_edit_cap(void)
{
	struct textdiff	 d;
	struct buf	 a, b;
	size_t		 i, lines = TEXTDIFF_MAX_EDITS + 2;

	buf_init(&a);
	buf_init(&b);
	buf_puts(&a, "head\n");
	buf_puts(&b, "head\n");
	/* Every other line changed, and the last: over the cap in all. */
	for (i = 0; i < lines; i++) {
		buf_appendf(&a, "line %zu\n", i);
		if (i % 2 && i != lines - 1)
			buf_appendf(&b, "line %zu\n", i);
		else
			buf_appendf(&b, "other %zu\n", i);
	}
	buf_puts(&a, "tail\n");
	buf_puts(&b, "tail\n");
	T_ASSERT(textdiff_lines(a.data, a.len, b.data, b.len, &d) ==
	    TEXTDIFF_OK);
	T_ASSERT(d.coarse);
	T_ASSERT(rebuilds(&d, a.data, b.data));
	T_ASSERT(d.nhunks == 4);
	T_ASSERT(d.hunks[0].op == TEXTDIFF_KEEP && d.hunks[0].n == 1);
	T_ASSERT(d.hunks[3].op == TEXTDIFF_KEEP && d.hunks[3].n == 1);
	T_ASSERT(d.removed == lines && d.added == lines);
	textdiff_free(&d);
	/* Under the cap the same shape is exact. */
	buf_reset(&a);
	buf_reset(&b);
	for (i = 0; i < 100; i++) {
		buf_appendf(&a, "line %zu\n", i);
		if (i % 2)
			buf_appendf(&b, "line %zu\n", i);
		else
			buf_appendf(&b, "other %zu\n", i);
	}
	T_ASSERT(textdiff_lines(a.data, a.len, b.data, b.len, &d) ==
	    TEXTDIFF_OK);
	T_ASSERT(!d.coarse && d.removed == 50 && d.added == 50);
	T_ASSERT(rebuilds(&d, a.data, b.data));
	textdiff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

/* A big file with a few edits is cheap: head/tail trimming and small D. */
static void
test_big_few_edits(void)
{
	struct textdiff	 d;
	struct buf	 a, b;
	size_t		 i;

	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < TEXTDIFF_MAX_LINES; i++) {
		buf_appendf(&a, "%zu\n", i);
		if (i == 10 || i == 15000)
			buf_appendf(&b, "changed %zu\n", i);
		else if (i != 7000)
			buf_appendf(&b, "%zu\n", i);
	}
	T_ASSERT(textdiff_lines(a.data, a.len, b.data, b.len, &d) ==
	    TEXTDIFF_OK);
	T_ASSERT(!d.coarse && d.removed == 3 && d.added == 2);
	T_ASSERT(rebuilds(&d, a.data, b.data));
	textdiff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	T_RUN(test_empty);
	T_RUN(test_equal);
	T_RUN(test_all_changed);
	T_RUN(test_insert_ends);
	T_RUN(test_middle);
	T_RUN(test_last_newline);
	T_RUN(test_too_large);
	T_RUN(test_edit_cap);
	T_RUN(test_big_few_edits);
	return (t_done());
}
