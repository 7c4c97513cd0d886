/*
 * textdiff.h: a line diff of two texts, for showing what changed between
 * two versions of a course file (the studio's version diff) and the source
 * change behind an outdated translation.
 *
 * The texts are split at '\n'; a last line without one is a line too, and
 * differs from the same line with one. Lines are compared byte for byte.
 * The common head and tail are taken off first (most edits touch a few
 * lines), then Myers' O((N+M)D) algorithm finds a shortest edit script of
 * what is left, D being the number of lines removed plus added. Work and
 * memory are bounded: a text over TEXTDIFF_MAX_BYTES or TEXTDIFF_MAX_LINES
 * is refused (TEXTDIFF_TOO_LARGE) rather than compared, and when the edit
 * script would be longer than TEXTDIFF_MAX_EDITS the changed middle is
 * given as all removed then all added (still a correct diff, flagged
 * coarse) instead of searching on. Memory is O(N+M+E^2), E the edits
 * searched (at most TEXTDIFF_MAX_EDITS).
 *
 * No Kore, no store: pure C, self-contained.
 */
#ifndef ETHICA_TEXTDIFF_H
#define ETHICA_TEXTDIFF_H

#include <stddef.h>

/* Each text at most this many bytes ... */
#define TEXTDIFF_MAX_BYTES	(1024 * 1024)
/* ... and this many lines. */
#define TEXTDIFF_MAX_LINES	20000
/* Longest edit script searched for; past it the diff is coarse. */
#define TEXTDIFF_MAX_EDITS	1000

enum textdiff_result {
	TEXTDIFF_OK = 0,
	TEXTDIFF_TOO_LARGE		/* a text is over a cap: not compared */
};

enum textdiff_op {
	TEXTDIFF_KEEP = 0,		/* lines in both texts */
	TEXTDIFF_DEL,			/* lines only in the old text */
	TEXTDIFF_ADD			/* lines only in the new text */
};

/* One line of a text, without its '\n'; text points into the input. */
struct textdiff_line {
	const char	*text;
	size_t		 len;
};

/*
 * A run of n lines with the same fate. a is the index of its first line
 * in the old text, b in the new one (for a DEL hunk, b is where the new
 * text stands at that point; for an ADD hunk, a likewise). Hunks come in
 * order; within one change, removed lines come before added ones.
 */
struct textdiff_hunk {
	enum textdiff_op	 op;
	size_t			 a;
	size_t			 b;
	size_t			 n;
};

struct textdiff {
	struct textdiff_line	*old;		/* the old text's lines */
	size_t			 nold;
	struct textdiff_line	*new;		/* the new text's lines */
	size_t			 nnew;
	struct textdiff_hunk	*hunks;
	size_t			 nhunks;
	size_t			 removed;	/* lines removed in all */
	size_t			 added;		/* lines added in all */
	int			 coarse;	/* edit cap reached */
};

/*
 * Compares old (oldlen bytes) with new (newlen bytes); either may be NULL
 * when its length is 0. On TEXTDIFF_OK fills *d, which the caller frees
 * with textdiff_free; its lines point into old and new, which must outlive
 * it. On TEXTDIFF_TOO_LARGE *d is left empty (textdiff_free is still
 * fine). Never fails otherwise (allocation failure ends the process).
 */
enum textdiff_result	textdiff_lines(const char *old, size_t oldlen,
			    const char *new, size_t newlen,
			    struct textdiff *d);
/* Frees what textdiff_lines allocated in d and empties it. */
void			textdiff_free(struct textdiff *d);
/* Returns 1 when the two texts compared equal (a single KEEP hunk, or
 * no hunk at all for two empty texts), 0 otherwise. */
int			textdiff_equal(const struct textdiff *d);

#endif
