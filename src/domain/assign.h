/*
 * assign.h: automatic assignment of reviewers to cases.
 *
 * Each case gets `per_case` distinct reviewers; a conflicted pair is never
 * made; loads (all assignments of a reviewer in the call, existing ones
 * included) differ by at most one whenever that is possible; among the
 * least-loaded eligible reviewers the best match wins: shared principles,
 * the case's language among the reviewer's, expertise in the case's
 * region, and a home region other than the submitter's.
 *
 * assign_solve() is pure (no storage): the domain function that loads the
 * call, runs it and stores the result is assign_auto().
 */
#ifndef ETHICA_ASSIGN_H
#define ETHICA_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "domain/dctx.h"
#include "domain/result.h"

struct arena;

struct assign_case {
	int64_t		 id;
	const char	*region;	/* submitter's region slug */
	const char	*language;
	const char	*tags;		/* comma-separated slugs */
	size_t		 have;		/* reviewers already on it */
};

struct assign_reviewer {
	int64_t		 id;
	const char	*home_region;	/* from the reviewer's country */
	const char	*regions;	/* expertise, comma-separated */
	const char	*languages;	/* comma-separated codes */
	const char	*principles;	/* comma-separated slugs */
	size_t		 load;		/* existing assignments in the call */
};

/* A pair (case index, reviewer index) into the arrays given. */
struct assign_pair {
	size_t	c;
	size_t	r;
};

/*
 * Computes new pairs. blocked(arg, ci, ri) says whether reviewer ri may not
 * take case ci (conflict, or already assigned). Returns the number of new
 * pairs in *out (arena array), and sets *uncovered to the number of cases
 * left with fewer than per_case reviewers (0 when every case is covered).
 */
size_t	 assign_solve(struct arena *, const struct assign_case *, size_t nc,
	    const struct assign_reviewer *, size_t nr, size_t per_case,
	    int (*blocked)(void *, size_t, size_t), void *arg,
	    struct assign_pair **out, size_t *uncovered);
/* The preference score of reviewer r for case c (higher is better). */
int	 assign_score(const struct assign_case *,
	    const struct assign_reviewer *);
/* 1 if word occurs as an item of the comma-separated list. */
int	 assign_list_has(const char *list, const char *word);

/*
 * Chair: assigns reviewers automatically to every submitted or under
 * review case of call_id, moving submitted cases to under review, with
 * audit entries and mail to each reviewer. *added is the number of new
 * assignments, *uncovered the cases left short.
 */
enum result	assign_auto(struct dctx *, int64_t call_id, size_t *added,
		    size_t *uncovered);
/*
 * Chair: adds (add=1) or removes reviewer user_id on case submission_id. Adding
 * refuses a conflicted pair (RES_CONFLICT) and a user who is not a
 * reviewer (RES_INVALID), moves a submitted case to under review, audits
 * and mails the reviewer.
 */
enum result	assign_manual(struct dctx *, int64_t submission_id, int64_t user_id,
		    int add);

#endif
